# TUI 与 CLI 共用。

# 界面语言与 X-L（请求服务器返回的语言）不同时，标题栏显示两者。
ui-lang-mismatch = 界面 {$ui} · X-L {$server}

n-exchanges = {$n} 次交换
