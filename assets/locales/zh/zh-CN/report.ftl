# 一次交换的打印形式（src/client/report.rs）。

report-timing = {$total} 毫秒
report-timing-ttfb = 共 {$total} 毫秒，首字节 {$ttfb} 毫秒
report-no-response = （无响应，{$timing}）
report-body-in-all = （共 {$bytes} 字节）
report-body-cut = （响应体在 16 MiB 处截断）
