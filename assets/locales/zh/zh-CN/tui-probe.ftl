# 检查界面上的探测（F4，然后 Tab）：结果表、运行前的计划、单个探测的证据。

tui-probe-summary = {$done}/{$total} · 防住 {$held} · 发现问题 {$found} · 跳过 {$skipped} · 短信 {$sms} 条{$budget}
tui-probe-budget = （预算 {$n}）
tui-probe-no-limit = （不限）
tui-probe-title = 探测（{$state}）· {$summary}
tui-probe-builtin-suite = 内置探测

# 结论与严重程度。
tui-probe-held = 已防住
tui-probe-finding = 发现问题（{$severity}）
tui-probe-skipped = 跳过
tui-probe-low = 低
tui-probe-medium = 中
tui-probe-high = 高
tui-probe-critical = 严重

# 表头。
tui-probe-col-probe = 探测
tui-probe-col-verdict = 结论
tui-probe-col-sms = 短信
tui-probe-col-requests = 请求数
tui-probe-col-time = 耗时
tui-probe-col-attack = 攻击方式

# 所选探测的说明框。
tui-probe-about-title = ：{$title}
tui-probe-cost = （≤{$requests} 个请求，≤{$sms} 条短信，同时 {$parallel} 个；严重程度 {$severity}）
tui-probe-about-held = 已防住：{$notes}
tui-probe-notes-separator = ；
tui-probe-about-finding = 发现问题（{$severity}）：{$what}
tui-probe-about-skipped = 跳过：{$reason}
tui-probe-enter-shows = 按 Enter 查看证据：观察到的情况和每一次交换
tui-probe-r-runs = 按 r 显示计划（请求、短信、预算）并运行探测
tui-probe-waiting = 等待中
tui-probe-not-run-yet = 这个探测尚未运行：按 r 运行探测

# 运行前的计划。
tui-probe-plan-title = 探测计划
tui-probe-against = 目标
tui-probe-plan-confirm = 按 y 开始探测 · 按 n 或 Esc 取消
tui-probe-refused = {$url} 不在本机：什么都没有发送。探测租户会向探测自己生成的号码发送真实短信，并攻击其防御
tui-probe-refused-line = {$why}。
tui-probe-authorized-hint = 如果你拥有该租户或已获准测试它，请用 --authorized 启动 vflow。
tui-probe-plan-col-probe = 探测
tui-probe-plan-col-requests = 请求数
tui-probe-plan-col-sms = 短信
tui-probe-plan-col-parallel = 并发
tui-probe-plan-total = 总计最多 {$requests} 个请求、{$sms} 条短信
tui-probe-plan-no-budget-simulator = 对内置模拟器不设短信预算
tui-probe-plan-budget = 运行会在短信超过 {$n} 条之前停止（--max-sms）
tui-probe-plan-budget-rule = 短信预算由 --max-sms 决定：未指定时为 3，对 vflow 模拟器不设预算

# 单个探测的证据。
tui-probe-probe-of = 探测 {$i}/{$n}
tui-probe-sms-count = 短信 {$n} 条
tui-probe-exchange-of = 交换 {$k}/{$n} · {$role} · n/p：下一个/上一个交换
tui-probe-nothing-sent = 什么都没有发送
tui-probe-verdict-nothing-sent = {$verdict}：什么都没有发送
tui-probe-none = 无
tui-probe-pane-request = 请求（按发送原样）
tui-probe-pane-response = 响应：{$status}
tui-probe-pane-saw = 观察结果与解释
tui-probe-exchange-heading = 交换 {$k}（{$role}）
tui-probe-label-verdict = 结论
tui-probe-accepted = 接受短信 {$sms} 条，请求 {$requests} 个，耗时 {$time}
tui-probe-what-it-saw = 观察到的情况
tui-probe-what-it-means = 含义

# 探测中每次交换的用途。
tui-probe-role-setup = 准备
tui-probe-role-pass-token = 通过令牌
tui-probe-role-race = 并发竞争
tui-probe-role-failed-send = 失败的发送
tui-probe-role-replay = 重放
tui-probe-role-send = 发送
tui-probe-role-forged = 伪造
tui-probe-role-captcha = 验证码
tui-probe-role-wrong-attempt = 错误尝试
tui-probe-role-retry = 重试
tui-probe-role-resend = 重新发送
tui-probe-role-clear-cooldown = 清除冷却
tui-probe-role-wrong-code = 错误验证码
tui-probe-role-right-code = 正确验证码
tui-probe-role-parallel-wrong-codes = 并发错误验证码
tui-probe-role-registered = 已注册
tui-probe-role-unregistered = 未注册

# 提示。
tui-probe-cannot-run = 无法运行探测：{$error}
