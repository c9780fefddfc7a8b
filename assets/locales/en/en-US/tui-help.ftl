# The help overlay (F1 or ?). The key tables' words are in tui-keys.ftl.
tui-help-title = Help
tui-help-flow = The flow: captcha token → scene → mobile → review → send → result.
tui-help-moving = Enter accepts and moves on, Esc goes back, Tab moves to the next step.
tui-help-this-screen = This screen
tui-help-everywhere = Everywhere
tui-help-mouse = Mouse: click steps, list rows and panes; the wheel scrolls.
tui-help-more = {$pos}/{$max} ↑↓ more
