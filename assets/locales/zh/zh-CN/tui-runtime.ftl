# 运行时的提示（复制、保存、导出、历史），显示在页脚。
tui-runtime-what-curl = curl 命令
tui-runtime-what-body = 响应体
tui-runtime-what-report = 报告
tui-runtime-copied-osc52 = 已把{$what}发送到终端剪贴板（OSC 52）；终端不会确认：如果粘贴为空，按 w 保存到文件
tui-runtime-copied-tmux = 已通过 tmux 发送{$what}（OSC 52 + passthrough）：无法确认是否送达；需要 tmux 开启 set-clipboard on 或 allow-passthrough on；如果粘贴为空，按 w 保存到文件
tui-runtime-copied-screen = 已通过 GNU screen 的 passthrough 发送{$what}（OSC 52）：无法确认是否送达；如果粘贴为空，按 w 保存到文件
tui-runtime-copy-failed = 无法复制：{$error}
tui-runtime-report-saved = 报告已保存到 {$path}
tui-runtime-report-failed = 无法保存报告：{$error}
tui-runtime-har-saved = 已把 {$n} 次请求写成 HAR：{$path}
tui-runtime-har-failed = 未写入 HAR：{$error}
tui-runtime-history-not-saved = 历史未保存：{$error}
tui-runtime-headers-saved = 请求头已保存到 {$path}
tui-runtime-headers-failed = 无法保存请求头：{$error}
tui-runtime-headers-no-profile = 本次会话没有可保存的配置档文件
tui-runtime-import-not-utf8 = {$path}：不是 UTF-8 文本（第 {$byte} 字节）
tui-runtime-import-cannot-read = 无法读取 {$path}：{$error}
