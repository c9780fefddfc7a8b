# 检查界面（F4）：一致性套件的结果表、用例的窗格、索要通过令牌的提问。

tui-check-summary = 已完成 {$done}/{$total} · 通过 {$passed} · 失败 {$failed} · 跳过 {$skipped}
tui-check-title = 检查（{$state}）· {$summary}
tui-check-state-running = 运行中
tui-check-state-stopped = 已停止
tui-check-state-done = 已完成
tui-check-state-not-run = 未运行

# 结论（表格列、窗格）。
tui-check-pass = 通过
tui-check-fail = 失败
tui-check-skip = 跳过
tui-check-running-cell = 运行中…
tui-check-running = 运行中…

# 表头。
tui-check-col-case = 用例
tui-check-col-expected = 预期
tui-check-col-got = 实际
tui-check-col-verdict = 结论
tui-check-col-time = 耗时
tui-check-col-what = 检查内容
tui-check-builtin-suite = 内置套件（assets/check-suite.toml）

# 所选用例的说明框。
tui-check-flag-pass-token = 需要有效的通过令牌
tui-check-flag-simulator-only = 仅限模拟器
tui-check-about-description = ：{$description}
tui-check-flags-one = （{$a}）
tui-check-flags-two = （{$a}，{$b}）
tui-check-about-pass = {$verdict}：得到预期的 {$got}
tui-check-about-reason = {$verdict}：{$reason}
tui-check-mismatch = 预期 {$expected}，实际 {$got}
tui-check-any-error = 任一错误
tui-check-enter-shows = 按 Enter 查看请求、响应和解释
tui-check-expects = 预期 {$expected}

# 在窗格中打开的用例。
tui-check-case-of = 用例 {$i}/{$n}
tui-check-head-pass = {$verdict}：实际 {$got}
tui-check-pane-request = 请求（按发送原样）
tui-check-pane-response = 响应：{$status}
tui-check-pane-check = 检查与解释
tui-check-none = 无
tui-check-no-request-checked = {$verdict}：没有检查任何请求
tui-check-not-run-yet = 尚未运行
tui-check-nothing-sent = 没有发送任何请求
tui-check-checked-send = 被检查的发送
tui-check-setup-send = 准备发送 {$n}
tui-check-label-expected = 预期
tui-check-label-got = 实际
tui-check-label-verdict = 结论
tui-check-sends-setup = 共 {$n} 次发送：检查的是最后一次，之前的都是它的准备步骤
tui-check-skipped-nothing-sent = 发送前已跳过：没有发送任何请求，因此没有可解释的响应（原因见上）
tui-check-nothing-to-explain = 没有发送任何请求，因此没有可解释的响应
tui-check-what-it-got = 实际结果

# 提示。
tui-check-asking-case = 用例 {$name}（需令牌用例 {$k}/{$n}）需要 {$who} 的通过令牌
tui-check-asking-any = 一个检查用例需要 {$who} 的通过令牌
tui-check-ask-person = {$text}：把滑块拖进缺口（按 Esc 跳过这些用例）
tui-check-say-asking = {$text}：按 p 解滑块拼图（在拼图中按 Esc 跳过需要令牌的用例）
tui-check-restarted = 检查已重新开始
tui-check-needs-captcha = 一个检查用例需要解验证码：按 F4 查看是哪个
tui-check-run-goes-on = 运行继续
tui-check-confirm-restart = 正在运行（{$summary}）：再按一次 r 从第一个用例重新开始，按其他键继续运行
tui-check-cannot-run = 无法运行检查：{$error}

# The headers the check sent differ from the profile's (F2 edits).
tui-check-edited-headers = 请求头按 F2 中的编辑发送，而不是配置档中的：{$changes}。每个用例都以此为起点；按 {$key} 改回。
tui-check-header-omitted = {$name} 被省略
tui-check-header-blank = {$name} 为空
tui-check-header-changed = {$name} 已修改
tui-check-header-added = {$name} 为新增
tui-check-header-removed = {$name} 已删除
tui-check-failed-by-edit = 这一失败源于 F2 中的编辑（{$changes}），而不是服务器的问题：检查套件以配置档的请求头为准。按 {$key} 改回，再按 {$again} 重新运行。
tui-check-stopped-in-preparation = 用例在准备阶段停止（原因见上）：它自己的请求没有发出，因此没有可解释的响应。
tui-check-token-hint = 按 {$again} 重新运行检查：用例需要时完成滑块拼图（{$solve}）；或改用内置模拟器运行
