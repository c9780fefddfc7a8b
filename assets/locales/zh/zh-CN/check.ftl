# 检查与探测的执行器及其报告（src/check/）。

## vflow check

check-builtin-suite = 内置用例集（assets/check-suite.toml）
check-only-unknown = --only {$name}：用例集中没有名为该名称的用例；`vflow check --list` 会列出全部用例
check-only-unknown-near = --only {$name}：用例集中没有名为该名称的用例（是不是想用 {$near}？）；`vflow check --list` 会列出全部用例
check-hint-reveal = 请针对内置模拟器运行（不加 --target），或使用 `vflow serve --reveal-solutions`
check-expected-got = 应为 {$expected}，实际为 {$got}
check-skip-no-reveal = 需要有效的通过令牌，而目标不公开验证码答案（{$detail}）：{$hint}
check-skip-simulator-only = 仅限模拟器（依赖 vflow 模拟器自身的行为，例如特殊号码），而目标不是 vflow 模拟器
check-fail-no-pass-token = 准备：无法获取通过令牌：{$error}
check-fail-cannot-build = 无法构造请求：{$error}
check-fail-no-puzzle = 准备：无法获取验证码拼图：{$error}
check-fail-no-outbox = 准备：无法读取发件箱：{$error}
check-fail-no-code = 准备：发件箱中没有发给 {$mobile} 的 {$scene} 验证码
check-fail-no-id-token = 准备：登录没有返回 id_token
check-fail-no-state-token = 准备：响应中没有 state token
check-fail-setup-send = 准备：第一次发送必须成功，实际为 {$got}
check-fail-nothing-sent = 准备：没有发送任何请求
check-verdict-pass = 通过
check-verdict-fail = 失败
check-verdict-skip = 跳过

## vflow probe：执行器的记录、发现与跳过原因

check-severity-low = 低
check-severity-medium = 中
check-severity-high = 高
check-severity-critical = 严重
check-probe-builtin-suite = 内置探测集
check-probe-unknown = 没有名为 {$name} 的探测：可选 {$names}
check-probe-unlimited = 不限
check-probe-held = 守住
check-probe-finding = 发现问题（{$severity}）
check-probe-skipped = 跳过
check-probe-forged-never-issued = 格式正确、从未签发
check-probe-forged-example = 文档中的示例
check-probe-forged-empty-point = 空 POINT_JSON
check-probe-forged-other-tenant = 其他租户的格式（带连字符的 UUID、简短的坐标）
check-probe-over-budget = 下一步可能产生 {$n} 条短信，而预算只剩 {$left} 条（--max-sms）
check-probe-no-reveal = 需要有效的通过令牌，而目标不公开验证码答案（{$detail}）：{$hint}
check-probe-no-pass-token = 无法获取通过令牌：{$error}
check-probe-simulator-only-outbox = 仅限模拟器：需要从发件箱读取下发的验证码，而目标不是 vflow 模拟器
check-probe-setup-send = 准备：发送到 {$mobile} 的结果为 {$got}
check-probe-setup-no-code = 准备：没有发给 {$mobile} 的 {$scene} 验证码
check-probe-race-note = 用同一个通过令牌并发发送 {$n} 次：{$ok} 次被接受
check-probe-race-found = 用同一个通过令牌并发发送 {$n} 次，其中 {$ok} 次被接受：发出了 {$ok} 条短信
check-probe-replay-tampered-note = 使用篡改过的令牌发送被接受了（因此无法测试失败后的重放）
check-probe-replay-tampered-found = POINT_JSON 被篡改的通过令牌被接受了
check-probe-replay-after-failure = 发送失败后（{$first}），重放该令牌：{$again}
check-probe-replay-after-failure-found = 使用某通过令牌的发送失败后，该令牌仍然有效
check-probe-replay-not-tried = 第一次发送的结果为 {$got}：未测试成功后的重放
check-probe-replay-after-success = 发送成功后，重放该令牌（换一个场景）：{$again}
check-probe-replay-after-success-found = 发送成功后，通过令牌还能再用一次
check-probe-other-mobile-note = 令牌为 {$sender} 验证，发往 {$victim}：{$got}
check-probe-other-mobile-found = 为 {$sender} 验证的通过令牌向 {$victim} 发出了短信
check-probe-forged-note = {$what}：{$got}
check-probe-forged-found = 被接受：{$what}
check-probe-captcha-no-token = captcha：响应中没有 token
check-probe-captcha-x0 = 拼图接受了 x = 0，而它位于所有可能的缺口左侧
check-probe-captcha-passed-note = 答错一次后，x = {$x} 通过了
check-probe-captcha-passed-found = 答错后拼图仍接受更多尝试，并在 x = {$x} 处通过
check-probe-captcha-held = 答错一次后，覆盖整个滑块的另外 {$n} 个位置全部失败
check-probe-first-send = 第一次发送的结果为 {$got}
check-probe-cooldown-same = 同一号码再发一次
check-probe-cooldown-plus86 = 加 +86
check-probe-cooldown-spaces = 加空格
check-probe-cooldown-full-width = 用全角数字
check-probe-cooldown-note = 60 秒内，{$what}（{$mobile}）：{$got}
check-probe-cooldown-found = 冷却时间内发出了第二条短信：{$what}
check-probe-cap-budget = 需要向同一号码发送 {$need} 条短信，而预算只剩 {$left} 条：需加 --max-sms {$need} 或更大的值才会执行
check-probe-cap-budget-tenant = 需要向同一号码发送 {$need} 条短信，而预算只剩 {$left} 条：需加 --max-sms {$need} 或更大的值才会执行；目标不是 vflow 模拟器时，每轮六个场景之间会等待 60 秒冷却
check-probe-cap-cleared = 每次之间清除冷却
check-probe-cap-waited = 为冷却等待了 {$secs} 秒
check-probe-cap-note = 向同一号码发送 {$need} 次（{$how}）：{$accepted} 次被接受，最后一次的结果为 {$last}
check-probe-cap-found = 一天内向同一号码发出 {$accepted} 条短信，超过了 {$cap} 条的上限
check-probe-guess-note = 先提交 {$n} 次错误验证码，再提交正确的：{$got}
check-probe-guess-found = 提交 {$n} 次错误验证码后，正确的验证码仍然有效
check-probe-guess-parallel-note = 并发提交 {$n} 次错误验证码，再提交正确的：{$got}
check-probe-guess-parallel-found = 并发提交 {$n} 次错误验证码后，正确的验证码仍然有效
check-probe-enum-setup = 准备：注册 {$mobile} 的登录结果为 {$got}
check-probe-enum-note = {$path}：已注册 {$a}（{$ta}），未注册 {$b}（{$tb}）
check-probe-enum-answers = {$path} 对已注册号码回答 {$a}，对未注册号码回答 {$b}
check-probe-enum-timing = {$path} 对已注册号码耗时 {$ta}，对未注册号码耗时 {$tb}
check-probe-broken = 未能执行到底：{$reason}
check-probe-found-separator = ；
check-probe-then-stopped = {$found}；随后探测停止：{$reason}

## vflow probe：计划与报告

check-plan-refused = {$url} 不在本机上：未发送任何请求。探测一个租户会向探测自己生成的号码发送真实短信，并攻击其防御
check-plan-budget = 运行会在产生超过 {$max} 条短信之前停止（--max-sms）
check-plan-no-budget = 短信预算由 --max-sms 指定：未指定时为 3，针对 vflow 模拟器时不限
check-plan-head-requests = 请求数
check-plan-head-parallel = 并发数
check-plan-total = 共计最多 {$requests} 个请求、{$sms} 条短信；{$budget}
check-probe-head-probe = 探测
check-probe-head-verdict = 结论
check-probe-head-sms = 短信
check-probe-head-requests = 请求数
check-probe-head-time = 耗时
check-probe-budget = 预算 {$max}
check-probe-no-budget = 不限预算：模拟器
check-probe-summary = {$n} 个探测：守住 {$held} 个，发现问题 {$findings} 个，跳过 {$skipped} 个；发出 {$sms} 条短信（{$budget}），用时 {$secs} 秒
check-probe-role-pass-token = 通过令牌
check-probe-role-setup = 准备
check-probe-role-race = 并发
check-probe-role-failed-send = 失败的发送
check-probe-role-replay = 重放
check-probe-role-send = 发送
check-probe-role-forged = 伪造
check-probe-role-captcha = 验证码
check-probe-role-wrong-attempt = 错误尝试
check-probe-role-retry = 再试
check-probe-role-resend = 重新发送
check-probe-role-clear-cooldown = 清除冷却
check-probe-role-wrong-code = 错误验证码
check-probe-role-right-code = 正确验证码
check-probe-role-parallel-wrong-codes = 并发错误验证码
check-probe-role-registered = 已注册
check-probe-role-unregistered = 未注册
check-probe-explanation = 解释
check-probe-held-line = 守住 {$name}：{$title}
check-probe-skipped-line = 跳过 {$name}：{$reason}
check-probe-finding-line = {$verdict} {$name}：{$what}
check-probe-probe = 探测：{$title}
check-probe-meaning = 含义：{$text}
check-probe-meaning-other = 英文原文：{$text}
check-probe-evidence = 本探测产生的短信：{$sms} 条；证据（{$n} 次交换）：
