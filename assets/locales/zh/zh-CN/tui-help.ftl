# 帮助浮层（F1 或 ?）。按键表的文字在 tui-keys.ftl。
tui-help-title = 帮助
tui-help-flow = 流程：验证码通过令牌 → 场景 → 手机号 → 核对 → 发送 → 结果。
tui-help-moving = Enter 确认并继续，Esc 返回，Tab 进入下一步。
tui-help-this-screen = 本页
tui-help-everywhere = 任何页面
tui-help-mouse = 鼠标：点击步骤、列表行和窗格；滚轮滚动。
tui-help-more = {$pos}/{$max} ↑↓ 更多
