# 验证码滑块拼图界面。

tui-puzzle-title = 验证码滑块拼图：把滑块拖进缺口
tui-puzzle-busy-elsewhere = 请等待进行中的请求完成，然后再按 Ctrl+P
tui-puzzle-busy-fetching = 正在获取验证码拼图
tui-puzzle-busy-verifying = 正在验证滑块位置
tui-puzzle-loading = 正在获取拼图…
tui-puzzle-verifying = 验证中…

# 失败。
tui-puzzle-headers-refused = 验证码拒绝了编辑后的请求头
tui-puzzle-headers-refused-real-app = 使用这些请求头的真实应用在这一步就已失败。
tui-puzzle-headers-refused-ctrl-f = 按 Ctrl+F 用配置档的完整请求头获取拼图（sms/send 仍使用编辑后的请求头）；按 Esc 返回。
tui-puzzle-fetch-failed = 无法获取拼图
tui-puzzle-fetch-retry = 按 r 重试；按 Esc 返回。
tui-puzzle-not-in-hole = {$label}：滑块没有对准缺口（x = {$x}）
tui-puzzle-one-attempt = 每个拼图只能尝试一次（无论对错，服务器在这次验证时已删除它），与缺口相差 {$tolerance} 像素以内即可通过；按 r 获取新拼图。
tui-puzzle-server-said = 服务器：{$message}
tui-puzzle-had-expired = 拼图已过期（有效期 120 秒）。
tui-puzzle-no-token-in-body = {$label}，但响应体中没有 captcha_token
tui-puzzle-new-or-back = 按 r 获取新拼图；按 Esc 返回。

# 提示。
tui-puzzle-move-first = 请先移动滑块（←→、拖动或输入 x）：每个拼图只能尝试一次
tui-puzzle-type-mobile = 请输入接收短信验证码的手机号（验证码的 sender），然后按 Enter 验证
tui-puzzle-cannot-encrypt = 无法加密 point_json：{$error}
tui-puzzle-solved-for-check = 已在 x = {$x} 处解出：检查继续
tui-puzzle-solved = 已在 x = {$x} 处解出：已填入通过令牌（有效期 180 秒，仅可使用一次）
tui-puzzle-left = 已离开拼图；按 Ctrl+P 获取新拼图
tui-puzzle-no-token-skipped = 没有通过令牌：需要令牌的用例将被跳过

# 图片上方。
tui-puzzle-token = 拼图 {$token}
tui-puzzle-aes = 已设置 secretKey：point_json 经 AES 加密发送
tui-puzzle-expires-in = {$seconds} 秒后过期
tui-puzzle-expired = 已过期（120 秒）：按 r 获取新拼图

# 图片下方。
tui-puzzle-of-range = （0–{$limit}）
tui-puzzle-typed = 已输入 {$digits}
tui-puzzle-readout-keys = ←→ 1 像素 · Shift+←→ / PgUp PgDn 10 像素 · Home/End · 数字键输入 x · 拖动
tui-puzzle-sender-editing = 按 Enter 验证，按 Esc 返回滑块
tui-puzzle-sender-for-check = 手机号：{$mobile}（用于检查用例；按 Esc 跳过）
tui-puzzle-sender = 手机号：{$mobile}
tui-puzzle-mobile-unknown = 尚未填写，按 Enter 时会询问（m 编辑）
tui-puzzle-mobile-edits = {$mobile}（m 编辑）
tui-puzzle-hint-move = 把滑块移到深色缺口上（←→、拖动或输入 x）；移动后按 Enter 验证（每个拼图只能尝试一次）。
tui-puzzle-hint-line-up = 把滑块的品红色轮廓与深色缺口对齐，然后按 Enter 验证（每个拼图只能尝试一次）。
tui-puzzle-loupe = 放大镜 ×{$zoom}：x {$from}–{$to}；将滑块轮廓对准缺口的左边缘
tui-puzzle-loupe-short = 放大镜 ×{$zoom}
