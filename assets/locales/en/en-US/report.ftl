# How an exchange is printed (src/client/report.rs).

report-timing = {$total} ms
report-timing-ttfb = {$total} ms, first byte {$ttfb} ms
report-no-response = (no response, {$timing})
report-body-in-all = ({$bytes} bytes in all)
report-body-cut = (body cut at 16 MiB)
