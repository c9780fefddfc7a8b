# 结果页：三个窗格（tui::record）、解释窗格（tui::explain_view）、复制菜单和保存的报告。

## Panes and tabs
tui-result-pane-request = 请求（按发送原样）
tui-result-pane-response = 响应：{$status}
tui-result-pane-explanation = 解释
tui-result-tab-request = 1 请求
tui-result-tab-response = 2 响应
tui-result-tab-explanation = 3 解释
tui-result-copy-title = 复制 / 保存

## Request and response panes
tui-result-omitted = （未发送）{$name}
tui-result-empty-body = （正文为空）
tui-result-body-cut = （正文在读取上限处被截断）
tui-result-no-response = 没有响应
tui-result-cancelled-before-answer = 在收到响应之前已取消
tui-result-time = 耗时 {$total}
tui-result-time-ttfb = 耗时 {$total} · 首字节 {$ttfb}
tui-result-consumer-request = ── {$step}请求 ──
tui-result-consumer-response = ── {$step}响应 ──
tui-result-step-login = 登录

## Outcomes (status labels)
tui-result-outcome-not-json = {$status}（不是 JSON）
tui-result-outcome-bad-body = {$status} 响应体无效
tui-result-outcome-cancelled = 已取消
tui-result-transport-refused = 连接被拒绝
tui-result-transport-dns = DNS 解析失败
tui-result-transport-tls = TLS 失败
tui-result-transport-timeout = 超时
tui-result-transport-reset = 连接被重置
tui-result-transport-other = 传输错误

## Explanation pane
tui-result-what-it-means = 含义
tui-result-in-this-request = 本次请求中
tui-result-what-to-do = 怎么办
tui-result-server-said = 服务器返回：{$message}
tui-result-keys = 按键
tui-result-next = 下一步
tui-result-key-resend = 重新发送：先核对，再按 Enter 用新的通过令牌发送
tui-result-key-edit-headers = 编辑请求头
tui-result-key-change-scene = 更换场景
tui-result-key-change-mobile = 更换手机号
tui-result-key-change-token = 更换通过令牌
tui-result-key-new-request = 新请求
tui-result-sms-sent = 200 OK：短信验证码已发送
tui-result-success-headline = {$status}：{$title}
tui-result-delivered-code = 收到的验证码：{$code}
tui-result-from-outbox = （读自模拟器的发件箱）
tui-result-code-on-phone = 验证码发到了手机上：请在手机上查看。
tui-result-code-accepted = {$what}：验证码已被接受
tui-result-code-accepted-earlier = {$what}（之前的一次尝试）：验证码已被接受，已经用掉
tui-result-login-failed = 登录失败：{$outcome}
tui-result-not-accepted = {$consumer} 没有接受该验证码：
tui-result-next-elsewhere = l  把验证码用在它所属的接口；u  另选一个使用验证码的接口
tui-result-next-own = l  {$verb}（{$consumer}）
tui-result-next-own-ask = l  {$verb}（{$consumer}）：vflow 会请你输入手机上收到的验证码
tui-result-verb-login-this = 用此验证码登录
tui-result-verb-register-this = 用此验证码注册

## Durations in prose: `432000 秒 = 5 天`
tui-result-unit-s = 秒
tui-result-minutes = {$n} 分钟
tui-result-hours = {$n} 小时
tui-result-days = {$n} 天

## The saved / copied report
tui-result-report-request = 请求（按发送原样）
tui-result-report-response = 响应
tui-result-report-explanation = 解释
tui-result-report-masked = （手机号、通过令牌和 client id 已遮盖）
tui-result-cannot-build = # 无法构造此请求：{$error}
