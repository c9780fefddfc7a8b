# 引导流程：向导各步、场景、手机号、核对、发送中、请求头编辑器、验证码的使用接口（next_step），
# 以及外框（标题栏、状态行、窗口过小的提示）。

## Frame (tui::view)
tui-flow-too-small = vflow 至少需要 {$min}；当前窗口为 {$size}。请把窗口调大（Ctrl+C 退出）。
tui-flow-simulator = 模拟器
tui-flow-profile = 配置档
tui-flow-client = 客户端
tui-flow-client-omitted = （未发送）
tui-flow-client-blank = （空）
tui-flow-client-none = （无）
tui-flow-masked = 已遮盖
tui-flow-busy-sending = 正在发送
tui-flow-busy-token = 正在从模拟器获取通过令牌
tui-flow-busy-consume = 正在把验证码发给使用它的接口
tui-flow-busy-elapsed = {$what}… {$s} 秒

## Wizard
tui-flow-step-token = 通过令牌
tui-flow-step-scene = 场景
tui-flow-step-mobile = 手机号
tui-flow-step-review = 核对并发送
tui-flow-step-of = 第 {$n} 步（共 4 步）：{$title}
tui-flow-sidebar = 流程
tui-flow-no-problems = 未发现问题
tui-flow-n-warnings = {$n} 条警告
tui-flow-auto-token-needs-sim = 自动获取通过令牌需要模拟器：请粘贴你的应用从 captcha/verify 拿到的 captcha_token
tui-flow-mobile-then-token = 请先输入手机号（验证码的 sender），然后按 Enter 获取通过令牌
tui-flow-full-headers-token = 正在用配置档的完整请求头获取通过令牌（编辑后的请求头仍用于 sms/send）

## Scene
tui-flow-scene-block = 发送的场景（type）
tui-flow-scene-other = 其他值…
tui-flow-scene-other-hint = 任意值作为 type 发送（测试 CAPTCHA.0005）
tui-flow-scene-other-box = 其他场景值
tui-flow-scene-other-empty = 按 Enter 输入一个值；为空时得到 PARAM.0007
tui-flow-scene-valid = {$scene} 是有效的场景
tui-flow-scene-invalid-nearest = 不是场景：预期 CAPTCHA.0005（最接近的是 {$nearest}）
tui-flow-scene-invalid = 不是场景：预期 CAPTCHA.0005
tui-flow-scene-consumed-by = 使用验证码的接口：
tui-flow-scene-desc-register = 手机验证码注册；绑定手机号或注册用户
tui-flow-scene-desc-login = 手机验证码登录
tui-flow-scene-desc-forget-pwd = 忘记密码（不登录即可重置）
tui-flow-scene-desc-update-pwd = 通过手机修改自己的密码（手机号需带完整区号）
tui-flow-scene-desc-update-mobile = 更换自己的手机号（验证码发到新号码）
tui-flow-scene-desc-bind-mobile = 为用户绑定手机号
tui-flow-no-login = 无需登录
tui-flow-scene-consumer-forget-pwd = pwd/update-by-mobile（无需登录）

## Mobile
tui-flow-mobile-intro-sender = 验证码绑定到这个号码（它的 sender）。按 Enter 获取通过令牌。
tui-flow-mobile-intro = 接收验证码的号码。
tui-flow-mobile-box = 手机号
tui-flow-mobile-empty = （为空：服务器会返回 IDAAS.SDK.USER.0004）
tui-flow-mobile-update-pwd = UPDATE_PWD_SMS：文档要求带完整的 + 区号
tui-flow-mobile-sender-differs = 通过令牌是为 {$sender} 校验的：预期 CAPTCHA.0004
tui-flow-mobile-ok = 有效：{$digits} 位数字，{$area}
tui-flow-mobile-with-area = 带 + 区号
tui-flow-mobile-no-area = 不带区号
tui-flow-mobile-will-fail = 很可能失败（IDAAS.SDK.CAPTCHA.0006）：{$problem}
tui-flow-mobile-first = 请先输入手机号：验证码绑定到它

## Review
tui-flow-review-title = 核对：即将发送的请求
tui-flow-review-more = ↓ 还有
tui-flow-review-back-up = ↑ 回到上面
tui-flow-review-resend = 重新发送：按 Enter 获取新的通过令牌，然后发送这个请求
tui-flow-review-resend-puzzle = 重新发送：按 Enter 打开滑块拼图获取新的通过令牌；解开后回到这里，再按 Enter 发送
tui-flow-review-ok = ✓ 未发现问题：按 Enter 发送
tui-flow-review-likely-fail = 很可能失败（仍然可以发送）：
tui-flow-review-cannot-build = ✗ 无法构造这个请求：{$error}
tui-flow-flag-required = （必填）
tui-flow-flag-optional = （可选）
tui-flow-flag-stack = （HTTP 库添加）
tui-flow-flag-custom = （自定义）
tui-flow-blank = （空）
tui-flow-arrow-required = ← 必填

## Sending
tui-flow-sending-token = 正在从模拟器获取新的通过令牌…
tui-flow-sending-consume = 正在把验证码发给使用它的接口…
tui-flow-sending-post = 正在向 {$url} 发送 POST {$path}…
tui-flow-elapsed-limit = 已用 {$s} 秒（{$limit} 秒后放弃）
tui-flow-elapsed = 已用 {$s} 秒
tui-flow-sending-esc = Esc 取消；等待期间界面仍可操作。
tui-flow-stopped-waiting = 已不再等待通过令牌
tui-flow-in-flight = 另一个请求仍在进行：请等它完成（Esc 取消它）

## Headers editor
tui-flow-headers-title = 设备与请求头（用于下一次发送）
tui-flow-headers-col-header = 请求头
tui-flow-headers-col-value = 值
tui-flow-headers-state-omit = 省略
tui-flow-headers-state-blank = 空值
tui-flow-headers-state-send = 发送
tui-flow-headers-required = 必填
tui-flow-headers-optional = 可选
tui-flow-headers-custom = 自定义
tui-flow-headers-replace = {$name}：输入即替换，←→ 就地编辑
tui-flow-headers-new = 新请求头  名称: 值
tui-flow-headers-presets = 按 p 选择设备预设：{$names}
tui-flow-headers-custom-meaning = 自定义请求头：原样发送
tui-flow-headers-meaning = {$name}：{$meaning}
tui-flow-headers-meaning-example = {$name}：{$meaning}（例如 {$example}）
tui-flow-header-os-version = 调用方客户端的操作系统版本
tui-flow-header-fingerprint = 调用方设备的指纹
tui-flow-header-device-ip = 调用方客户端的 IP 地址
tui-flow-header-agent = 客户端的 user agent
tui-flow-header-lang = 错误信息的语言（zh 或 en）
tui-flow-header-client-id = 注册应用时签发的应用（client）id
tui-flow-header-content-type = 请求体格式
tui-flow-header-tenant-id = 仅 OneAccess：ISV 应用的租户
tui-flow-preset-title = 设备预设
tui-flow-preset-apply = Enter 应用（并生成新的指纹）· Esc 取消
tui-flow-preset-applied = 已应用设备预设：{$label}（新指纹）
tui-flow-new-fingerprint = 新的设备指纹 {$fp}
tui-flow-header-now-sent = {$name} 现在会发送
tui-flow-header-now-omitted = {$name} 现在不发送
tui-flow-header-value-back = {$name} 的值已恢复
tui-flow-header-blank-already = {$name} 已经是空值：按 Enter 输入一个值
tui-flow-header-sent-blank = {$name} 将以空值发送（再按 b 恢复原值）
tui-flow-header-documented = {$name} 是文档规定的请求头：请改用空格键省略它
tui-flow-header-not-editing = 不在编辑中：按 Enter 编辑 {$name} 的值
tui-flow-header-the-selected = 选中的请求头
tui-flow-header-type-new = 请按  名称: 值  的格式输入新请求头（例如 X-L: zh）
tui-flow-header-bad-name = {$name} 不是合法的请求头名称
tui-flow-header-replaced = {$name} 已在列表中：其值已被替换

## The code's consumer (next_step)
tui-flow-verb-register = 用验证码注册
tui-flow-verb-login = 用验证码登录
tui-flow-verb-forget-pwd = 重置密码
tui-flow-verb-update-pwd = 修改密码
tui-flow-verb-update-mobile = 更换手机号
tui-flow-verb-bind = 绑定手机号
tui-flow-picker-title = 把验证码用在…
tui-flow-picker-question = 收到的验证码要用在哪个接口？
tui-flow-picker-mistakes = 其他场景的接口会拒绝它：可以试试这些常见错误。
tui-flow-picker-own = （此验证码自己的接口）
tui-flow-prompt-value = 值
tui-flow-prompt-no-login = 本次会话还没有登录：按 Esc，向用户的号码发送一个 LOGIN_SMS 验证码并按 l；或粘贴一个 id_token；留空按 Enter 则不带 Bearer 发送（不带 Bearer 的修改密码请求，服务器会当作忘记密码的重置）。
tui-flow-no-consumer = 这次发送的场景没有使用验证码的接口：按 u 选一个
tui-flow-wait-answer = 仍有请求在进行：请等待它的响应
tui-flow-send-failed = 这次发送失败了：没有可用的验证码
tui-flow-code-used = 这个验证码已被接受过（验证码只能用一次）：按 n 开始新请求
tui-flow-state-token-fetch = 正在从模拟器获取状态令牌（POST /_sim/state-token）
tui-flow-prompt-cancelled = 已取消：什么都没有发送
tui-flow-no-state-token = 没能从模拟器拿到状态令牌：{$error}；请粘贴一个
tui-flow-the-consumer = 该接口
tui-flow-code-worked = 验证码有效：{$what}（{$name} 已接受）
tui-flow-code-refused = {$name} 没有接受它：见解释
