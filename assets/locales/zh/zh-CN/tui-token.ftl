# 引导流程第 1 步：验证码通过令牌。前几行写给人看；协议细节在输入框下面。
tui-token-what = 通过令牌证明有人解开了验证码。发送短信验证码需要它：只能用一次，{$secs} 秒内有效。
tui-token-ways = { $n ->
    [2] 两种获取方式：
   *[other] 三种获取方式：
}
tui-token-way-puzzle = 在这里直接解滑块拼图
tui-token-way-auto = 从模拟器自动获取
tui-token-way-auto-maybe = 自动获取（模拟器公开答案时；否则解拼图）
tui-token-way-paste = 或者把令牌粘贴到下面的输入框（来自你的 App，或 captcha/verify 的响应）
tui-token-field = 验证码通过令牌
tui-token-protocol = 协议：TOKEN---POINT_JSON，即 captcha/verify 返回的 captcha_token。
tui-token-empty = （为空：服务器会返回 IDAAS.SDK.PARAM.0008）
tui-token-shape-ok = ✓ 格式为 TOKEN---POINT_JSON
tui-token-issued = ✓ 由 captcha/verify 签发
tui-token-encrypted = 它的 POINT_JSON 不是明文 JSON：经过 AES 加密（拼图带有 secretKey）
tui-token-still-send = （仍可发送：服务器应返回 CAPTCHA.0004）
tui-token-used = 已被一次发送用掉（只能用一次）
tui-token-expires-in = {$secs} 秒后过期
tui-token-expired = 已过期
tui-token-obtained-for = {$secs} 秒前为发送方 {$sender} 获取；{$state}
tui-token-obtained = {$secs} 秒前获取；{$state}
# 提示
tui-token-first-step = 这是第一步：Ctrl+C 退出，F1 查看帮助
tui-token-fresh = 已从模拟器获取新的通过令牌（{$secs} 秒内有效，只能用一次）
tui-token-no-reveal = 该目标不公开验证码答案：把拼图块滑进缺口，Enter 校验
tui-token-headers-refused = 验证码接口拒绝了编辑后的请求头（{$message}），真实 App 也会被拒：Ctrl+F 用配置档的完整请求头获取令牌
tui-token-auto-failed = 自动获取令牌失败：{$message}
