# 历史、导入和流量页面。

## 历史
tui-lists-history-title = 历史
tui-lists-history-title-n = 历史（{$n} 次请求）
tui-lists-history-empty = 还没有请求：发送一个请求后会出现在这里。
tui-lists-history-nothing-to-export = 还没有可导出的请求
tui-lists-col-time = 时间
tui-lists-col-from = 来源
tui-lists-col-target = 目标
tui-lists-col-scene = 场景
tui-lists-col-mobile = 手机号
tui-lists-col-result = 结果
tui-lists-col-took = 耗时

## 导入
tui-lists-import-forgotten = 已丢弃导入：请求重新按配置档构造
tui-lists-import-typed = 输入的文本
tui-lists-import-pasted = 粘贴的文本
tui-lists-import-entry-of = {$source} 的第 {$n} 条
tui-lists-import-nothing = 还没有可导入的内容：粘贴一个请求，或输入文件路径后按 Enter
tui-lists-import-label = {$format}，来自{$source}
tui-lists-import-done = 已按 App 发出的原样导入（{$n} 个请求头）：Enter 发送到 {$target}
tui-lists-import-review-note = 已导入：{$label}（请求头的顺序和值与 App 发出的一致；名称以小写发出，HTTP/2 和大多数 HTTP/1.1 实现都这样发送；Ctrl+O 后按 Ctrl+D 丢弃）
tui-lists-import-token-warning = 通过令牌是随导入的请求一起来的：通过令牌只能用一次、{$secs} 秒内有效，它很可能已用过或过期（预计返回 IDAAS.SDK.CAPTCHA.0003）；获取新令牌：{$how}，或按 t 后 Ctrl+P 解拼图
tui-lists-import-token-auto = 按 g 自动获取
tui-lists-import-token-no-auto = 该目标不发放令牌
tui-lists-import-intro = 粘贴你的 App 发出的请求（开发者工具里的 curl、HAR、原始 HTTP 请求），
tui-lists-import-intro-path = 或输入文件路径后按 Enter。
tui-lists-import-field = 文件路径（或粘贴）
tui-lists-import-understood = 已识别（{$source}）
tui-lists-import-not-understood = 无法识别（{$source}）
tui-lists-import-nothing-yet = 还没有内容
tui-lists-import-reading = 正在读取文件…
tui-lists-import-in-use = 使用中：{$label}（Ctrl+D 丢弃）
tui-lists-import-formats = 格式：curl（Copy as cURL，bash）、HAR 1.2、原始 HTTP/1.1（Burp、Charles）。
tui-lists-import-fix = 没有导入任何内容；修正文本后再粘贴一次
tui-lists-import-enter-review = Enter：进入核对，完全按上面所示（发送到 {$target}）
tui-lists-import-har = HAR：{$n} 个厂商 API 请求，跳过 {$skipped} 个其他条目
tui-lists-import-pick = ↑↓ 选择条目，Enter 带到核对页
tui-lists-import-headers = 请求头（{$n} 个，按 App 发出的原样和顺序）：
tui-lists-import-not-sent = （不发送：{$name}）
tui-lists-import-no-body = 没有请求体
tui-lists-import-body-json = 请求体：JSON 对象，{$n} 个字段：
tui-lists-import-not-string = {$value}（不是字符串）
tui-lists-import-extra-field = （不是 sms/send 的字段：保留并发送）
tui-lists-import-body-raw = 请求体（{$n} 字节，不是 JSON 对象，原样发送）：{$body}
tui-lists-import-note = 注：{$note}

## 流量（vflow proxy）
tui-lists-traffic-newest-bottom = 最新的请求在最下面；q 退出
tui-lists-traffic-no-exchange = 还没有请求
tui-lists-traffic-no-url = 这个请求没有可以重新发送的 URL
tui-lists-traffic-source = 代理请求 #{$id}
tui-lists-traffic-pane-request = #{$id} 请求（收到的原样）
tui-lists-traffic-filter = 过滤（方法、路径、状态、错误码、客户端、设备）
tui-lists-traffic-title = 流量：{$listen} → {$upstream}
tui-lists-traffic-shown-of = 显示 {$n} / {$total} 条
tui-lists-traffic-count = {$n} 次请求
tui-lists-traffic-missed = ，{$n} 条过得太快未能列出
tui-lists-traffic-waiting = 等待第一个请求：把 App（或 curl）指向 {$listen}
tui-lists-traffic-no-match = 没有请求符合过滤条件（Esc 清除过滤）。
tui-lists-col-method = 方法
tui-lists-col-path = 路径
tui-lists-col-status = 状态
tui-lists-col-code = 错误码
tui-lists-col-device = 设备

## 列表中来自下层的词
tui-lists-import-format-curl = curl 命令
tui-lists-import-format-har = HAR
tui-lists-import-format-raw = 原始 HTTP 请求
tui-lists-traffic-code-refused = 已拒绝
tui-lists-traffic-code-ok = 成功
tui-lists-traffic-code-not-api = 非 API 响应
tui-lists-traffic-code-bad-body = 响应体无效
tui-lists-traffic-code-cancelled = 已取消
tui-lists-traffic-no-device = （无设备请求头）
tui-lists-source-tui = TUI
tui-lists-source-cli = CLI
tui-lists-source-proxy = 代理
tui-lists-import-request-line = {$format}：{$method} {$url}
tui-lists-import-skipped-entry = #{$n}  {$request}：{$why}
