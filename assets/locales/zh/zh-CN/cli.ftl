# 命令行的人读输出（src/cli/）。技术记号（参数、请求头、错误码、URL、命令）在两种语言中保持原样。

## 共用

cli-warning = vflow: 警告：{$text}
cli-history-not-added = 本次请求未写入历史（{$path}）：{$error}
cli-sim-start-failed = 无法启动内置模拟器：{$error}
cli-in-process-note = 未指定 --target：使用进程内模拟器 {$url}（其状态只在本条命令内有效；如需在多条命令之间保留状态，请运行 `vflow serve` 并传入 --target http://127.0.0.1:8080）
cli-cannot-write = 无法写入 {$path}：{$error}
cli-cannot-create = 无法创建 {$path}：{$error}
cli-no-runtime = 无法启动异步运行时：{$error}
cli-cannot-listen = 无法监听 {$addr}：{$error}
cli-ctrl-c = 按 Ctrl-C 停止。
cli-list-separator = ，
cli-header-no-colon = --header {$header}：应为 'Name: value' 的形式
cli-header-no-name = --header {$header}：请求头名称为空

## vflow codes

cli-codes-unknown = 错误码目录中没有 {$code}；`vflow codes` 会列出全部错误码
cli-codes-unknown-near = 错误码目录中没有 {$code}：是不是想查 {$near}？`vflow codes` 会列出全部错误码
cli-codes-ambiguous = {$code} 有歧义：{$codes}
cli-codes-head-code = 错误码
cli-codes-head-message = 消息
cli-codes-source-vendor = 厂商
cli-codes-source-simulator = 模拟器
cli-codes-any-path = 任意路径
cli-codes-entry-head = （HTTP {$http}，来源：{$source}；接口：{$endpoints}）
cli-codes-message = 消息：{$text}
cli-codes-meaning = 含义：{$text}
cli-codes-causes = 常见原因：
cli-codes-todo = 处理办法：

## vflow config

cli-config-no-home = 找不到主目录：请用 --config FILE 指定配置文件
cli-config-exists = {$path} 已存在；如需覆盖请加 --force
cli-config-wrote = 已写入 {$path}
cli-config-profile = 配置档：
cli-config-file = 配置文件：
cli-config-target = 目标：
cli-config-ui-lang = 界面语言：
cli-config-device = 设备：
cli-config-timeouts = 超时：
cli-config-insecure = 跳过证书校验：
cli-config-ca-file = CA 文件：
cli-config-headers = 请求头：
cli-config-no-file = （无）
cli-config-builtin-sim = （内置模拟器）
cli-config-custom-device = （自定义）
cli-config-timeouts-value = 连接 {$connect}，总计 {$total}
cli-config-yes = 是
cli-config-no = 否
cli-config-ui-lang-value = {$ui}（{$ui_whence}）· X-L：{$x_l}（{$x_l_whence}）
cli-config-from-profile = 配置档的 {$key}
cli-config-from-locale = 区域设置 {$var}
cli-config-follows-ui = 跟随界面语言
cli-config-from-default = 默认
cli-config-fingerprint-generated = （为本次运行生成：每次都不同；如需固定，请在配置档中设置 fingerprint = "..."）
cli-config-header-not-sent = （不发送 {$name}）

## vflow import

cli-import-cannot-read-stdin = 无法读取标准输入：{$error}
cli-import-cannot-read = 无法读取 {$path}：{$error}
cli-import-not-utf8 = {$path}：不是 UTF-8 文本（第 {$byte} 字节）
cli-import-token-warning = 该请求带有验证码通过令牌：通过令牌只能使用一次、有效期 180 秒，这个很可能已被使用或已过期（预计返回 IDAAS.SDK.CAPTCHA.0003）；请重新完成拼图（`vflow captcha get` / `vflow captcha verify`），并用 --captcha-token 传入新的令牌
cli-import-headers = 请求头（{$n} 个，按应用发送的顺序）：
cli-import-not-sent = （不发送：{$names}）
cli-import-no-body = 无请求体
cli-import-body-json = 请求体：JSON 对象，{$n} 个字段：
cli-import-not-a-string = （不是字符串）
cli-import-unknown-field = （不是 sms/send 的字段：保留并发送）
cli-import-body-raw = 请求体（{$bytes} 字节，不是 JSON 对象，原样发送）：
cli-import-byte-for-byte = （按导入的内容逐字节发送）
cli-import-har-list = 读取为：HAR（{$file}）：共 {$all} 条记录，其中 {$vendor} 个厂商接口请求，跳过 {$skipped} 条
cli-import-skipped = 已跳过：
cli-import-show-one = 查看其中一条：{$command}
cli-import-har-empty = 该 HAR 中没有厂商接口请求
cli-import-read-as = 读取为：{$format}（{$file}）
cli-import-read-as-har-skipped = 读取为：{$format}（{$file}，跳过了 HAR 中其他 {$skipped} 条记录）
cli-import-format-curl = curl 命令
cli-import-format-har = HAR
cli-import-format-raw = 原始 HTTP 请求
cli-import-note = 注意：{$text}
cli-import-no-warnings = 发送前没有警告
cli-import-warnings = 发送前的警告：
cli-import-send-it = 发送命令：{$command}

## vflow serve

cli-serve-listening = vflow 模拟器正在监听 {$url}
cli-serve-client-id = client id：
cli-serve-client-id-default = {$id}（默认已注册）
cli-serve-outbox = 发件箱：
cli-serve-outbox-value = {$command}   （已下发的短信验证码）
cli-serve-users = 用户：
cli-serve-users-value = {$command}   （state token：{$state}）
cli-serve-openapi = OpenAPI：
cli-serve-solutions = 拼图答案：
cli-serve-gateway-fails = 网关必定失败的号码：
cli-serve-latency = 延迟 {$ms} 毫秒
cli-serve-failure-rate = 网关失败率 {$rate}
cli-serve-aes = 已开启 AES 坐标加密
cli-serve-no-auto-register = 已关闭自动注册
cli-serve-faults = 故障注入：
cli-serve-weak = 已削弱：
cli-serve-warning = 警告：
cli-serve-reachable = {$ip} 可被其他机器访问；模拟器没有任何认证
cli-serve-stopping = 正在停止
cli-serve-weak-race = 通过令牌要过一段时间才作废（并发发送全部通过）
cli-serve-weak-replay = 发送失败的 sms/send 不会作废其通过令牌
cli-serve-weak-sender = 通过令牌对任意手机号都有效，而不只是验证码的 sender
cli-serve-weak-forged = 接受文档中的示例通过令牌
cli-serve-weak-captcha = captcha/verify 答错后拼图仍然有效，可以再试
cli-serve-weak-cooldown = 没有 60 秒的重新发送冷却
cli-serve-weak-mobile-format = 冷却和每日上限把 +86… 与国内号码分开计数
cli-serve-weak-daily-cap = 没有每个手机号每天 10 条验证码的上限
cli-serve-weak-guessing = 错误的验证码永远不会使验证码失效（没有 5 次尝试上限）
cli-serve-weak-enumeration = pwd/update-by-mobile 在校验验证码之前就回答“用户不存在”

## vflow proxy

cli-proxy-refused = 已拒绝：{$reason}
cli-proxy-forwarding = 转发到 {$url}
cli-proxy-forwarding-sim = 转发到内置模拟器（{$url}）
cli-proxy-listening = 正在监听 {$url}
cli-proxy-reachable = 警告：{$addr} 可被其他机器访问：任何能访问它的人都可以通过它向 {$upstream} 发送请求（它只转发到那里）
cli-proxy-lagged = 有 {$n} 次交换来得太快，未能输出或写入
cli-proxy-cannot-write-har = 无法写入 HAR 文件：{$error}
cli-proxy-cannot-write-jsonl = 无法写入 JSONL 文件：{$error}
cli-proxy-stopping = 共 {$n} 次交换，正在停止

## vflow captcha

cli-captcha-no-image = 响应中没有 {$name} 的图片
cli-captcha-not-base64 = {$name}：不是 base64：{$error}
cli-captcha-bad-token-name = 服务器返回的令牌 {$token} 不能用作文件名
cli-captcha-saved = 已保存 {$path}
cli-captcha-sim-stopped = 注意：这个拼图来自进程内模拟器，而模拟器已随命令结束；如需分两步 get + verify，请运行 `vflow serve` 并传入 --target，或使用 `vflow captcha solve`
cli-captcha-next = 下一步：{$command}
cli-solve-cancelled = 已取消；拼图未校验
cli-solve-terminal = 终端：{$error}
cli-solve-by-hand = {$base} 不公开验证码答案：请把拼图块滑入缺口
cli-solve-missed = 在 x = {$x} 处未对准：换一个新拼图（第 {$attempt} 次，共 {$attempts} 次）
cli-solve-reading-x = 拼图 {$token}：从标准输入读取拼图块左边缘的 x（0-{$limit}）
cli-solve-cannot-read-stdin = 无法读取标准输入：{$error}
cli-solve-not-a-number = x 应为数字，收到的是 {$got}
cli-solve-typed = 已输入 {$typed}
cli-solve-x-of = x = {$x}（范围 0-{$limit}）
cli-solve-expires = 拼图将在 {$left} 秒后过期
cli-solve-keys = ←→ 1 像素 · Shift+←→ / PgUp PgDn 10 像素 · Home/End · 数字键输入 x · Enter 校验 · Esc 取消

## vflow flow

cli-step-captcha = 验证码
cli-step-solution = 答案
cli-step-verify = 校验
cli-step-send = 发送
cli-step-outbox = 发件箱
cli-step-register = 注册
cli-step-reg-bind = 注册绑定
cli-step-login = 登录
cli-step-pwd-reset = 重置密码
cli-step-pwd-chg = 修改密码
cli-step-mobile = 换手机号
cli-step-bind = 绑定
cli-step-state = 状态令牌
cli-step-users = 用户
cli-flow-unexpected-body = {$what} 的响应体不符合预期：{$error}
cli-flow-captcha-aes = token {$token}，已返回 secretKey（AES）
cli-flow-cannot-encrypt = 无法加密 point_json：{$error}
cli-flow-solution = x = {$x}（滑块位置）
cli-flow-no-reveal = {$base} 不公开验证码答案（GET {$path} 返回 {$status}），而且没有终端可以手动完成拼图：请在终端中运行，或用 `vflow serve --reveal-solutions` 启动模拟器，或去掉 --target
cli-flow-no-answer = 无响应
cli-flow-sent = 短信验证码已发送至 {$mobile}（{$scene}）
cli-flow-no-code = 模拟器的发件箱中没有 {$mobile} / {$scene} 的验证码
cli-flow-code = 验证码 {$code}
cli-flow-session = {$success}：status {$status}，会话 {$expire} 秒后过期
cli-flow-empty-body-to = {$success}：{$target}（200，响应体为空）
cli-flow-empty-body = {$success}（200，响应体为空）
cli-flow-unexpected-answer = {$request} 的响应不符合预期
cli-flow-state-token = state token {$token}（wechat，10 分钟，只能使用一次）
cli-flow-users-one = {$n} 个用户；{$mobile} 是其中之一
cli-flow-users-not-one = {$n} 个用户；{$mobile} 不在其中
cli-flow-no-user-yet = 还没有用户 {$mobile}：先登录即可注册它，这样才有密码可以“忘记”
cli-flow-not-a-scene = {$scene} 不是场景；可选：{$all}
cli-flow-not-a-scene-near = {$scene} 不是场景（是不是想用 {$near}？）；可选：{$all}
cli-flow-start-sim = {$scene}，手机号 {$mobile}，目标为进程内模拟器 {$url}
cli-flow-start-target = {$scene}，手机号 {$mobile}，目标 {$url}
cli-flow-complete = 流程完成：{$consumer} 接受了 {$scene} 验证码
cli-consumer-no-login = {$name}（未登录）

## vflow check

cli-check-flag-pass-token = 需要通过令牌
cli-check-flag-simulator-only = 仅限模拟器
cli-check-head-case = 用例
cli-check-head-expected = 预期
cli-check-head-got = 实际
cli-check-head-verdict = 结论
cli-check-head-time = 耗时
cli-check-summary = {$n} 个用例：通过 {$passed} 个，失败 {$failed} 个，跳过 {$skipped} 个，用时 {$secs} 秒
cli-check-skips-are-not-failures = （跳过不算失败）
cli-check-fail-line = {$verdict} {$name}：{$reason}
cli-check-case = 用例：{$description}
cli-check-what-it-got = 实际得到：
cli-check-cannot-write-report = 无法写入 {$what} 报告 {$path}：{$error}
cli-check-start-sim = 检查进程内模拟器 {$url}：{$n} 个用例（用例集：{$suite}；配置档：{$profile}）
cli-check-start-target = 检查目标 {$url}：{$n} 个用例（用例集：{$suite}；配置档：{$profile}）
cli-check-never-answered = 目标始终没有响应（所有执行的用例都遇到了传输失败）：退出码 3

## vflow probe

cli-probe-confirm = 要向 {$host} 发送这些请求吗？输入 yes 开始：
cli-probe-list-line = {$name}：{$title} [{$severity}；削弱开关：{$weak}]
cli-probe-plan-against = 针对 {$target} 的计划：
cli-probe-refused = {$why}；如果你拥有该租户或获准对其测试，请加 --authorized。
cli-probe-no-terminal = 没有终端可以确认计划：未发送任何请求（加 --yes 可不经询问直接开始）
cli-probe-not-confirmed = 未确认：未发送任何请求
cli-probe-progress-cost = （{$sms} 条短信，{$requests} 个请求）
cli-probe-never-answered = 目标始终没有响应：退出码 3
cli-probe-start-in-process = 探测进程内模拟器 {$url}：{$n} 个探测（探测集：{$suite}）
cli-probe-start-sim = 探测 vflow 模拟器 {$url}：{$n} 个探测（探测集：{$suite}）
cli-probe-start-target = 探测目标 {$url}：{$n} 个探测（探测集：{$suite}）

## 设备预设（config show）

cli-device-android = 安卓手机（Chrome）
cli-device-iphone = iPhone（Safari）
cli-device-windows = Windows 桌面浏览器（Edge）
cli-device-macos-safari = macOS Safari 浏览器
cli-device-wechat = 微信小程序（安卓）
