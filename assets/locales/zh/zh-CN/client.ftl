# 客户端对下层数据的说法（通过令牌格式、导入、发送失败），TUI 与 CLI 共用。

## 通过令牌：格式错误
client-token-empty = 通过令牌为空
client-token-no-separator = 缺少 "---" 分隔符：通过令牌的格式是 TOKEN---POINT_JSON，与 captcha/verify 返回的一致
client-token-empty-token = "---" 前的 TOKEN 部分为空
client-token-empty-point = "---" 后的 POINT_JSON 部分为空
client-token-point-not-json = POINT_JSON 部分不是 JSON：{$detail}
client-token-point-not-object = POINT_JSON 部分不是形如 {"{"}"x":237.0,"y":5.0{"}"} 的 JSON 对象
client-token-missing-x = POINT_JSON 部分缺少 "x"
client-token-missing-y = POINT_JSON 部分缺少 "y"
client-token-x-not-number = "x" 为 {$value}，不是数字
client-token-y-not-number = "y" 为 {$value}，不是数字

## 通过令牌：格式正确但值得一看
client-token-length-hex = TOKEN 为 {$n} 个字符（十六进制）；captcha/verify 签发的是 32 个十六进制字符
client-token-length-not-hex = TOKEN 为 {$n} 个字符（并非全是十六进制）；captcha/verify 签发的是 32 个十六进制字符
client-token-blanks = 某部分首尾有空白：服务器按原样比较令牌
client-token-y-not-5 = y 为 {$y}：滑块拼图的 y 恒为 5

## 导入：无法读取输入的原因
client-import-at = {$message}（第 {$line} 行第 {$col} 列）
client-import-unknown-format = 既不是 curl 命令、HAR 文件，也不是原始 HTTP/1.1 请求（METHOD /path HTTP/1.1）
client-import-entry-not-har = --entry {$n}：输入只有一个请求，不是 HAR
client-import-entry-skipped = --entry {$n}：该条记录已被跳过（{$why}）
client-import-no-such-entry = --entry {$n}：没有这条记录
client-import-har-no-vendor = HAR 中没有厂商接口请求（跳过了 {$skipped} 条记录）
client-import-har-many = HAR 中有 {$n} 个厂商接口请求：用 --entry N 选一个（见 `vflow import`）
client-import-bad-url = URL {$url} 无效：{$detail}
client-import-url-scheme = URL {$url}：协议必须是 http 或 https
client-import-url-no-host = URL {$url} 没有主机名
client-import-har13-entries = HAR 1.3 记录：{$detail}
client-import-har-invalid = 不是有效的 HAR 文件：{$detail}
client-import-har12-invalid = 不是有效的 HAR 1.2 文件：{$detail}
client-import-form-params-only = 请求体只以表单参数记录，没有原文
client-import-curl-empty = curl 命令为空
client-import-curl-not-curl = curl 命令应以 `curl` 开头，而不是 {$first}
client-import-curl-needs-value = curl 选项 {$opt} 缺少取值
client-import-curl-cookie-file = curl 选项 {$opt} {$value} 指向 Cookie 文件：请直接给出 Cookie（name=value）
client-import-curl-unsupported = 不支持的 curl 选项 {$opt}
client-import-curl-no-url = curl 命令中没有 URL
client-import-curl-data-file = curl 选项 {$opt} {$value} 从文件读取：请直接粘贴请求体（或用 --data-raw）
client-import-curl-second-url = 第二个 URL {$url}（第一个是 {$first}）：一次只能导入一个请求
client-import-curl-header-file = curl 选项 {$opt} @{$file} 从文件读取请求头：请直接粘贴请求头
client-import-curl-header-no-name = curl 选项 {$opt} {$header}：请求头名称为空
client-import-curl-header-shape = curl 选项 {$opt} {$header}：应为 'Name: value' 格式
client-import-shell-words = 无法把命令拆分成单词：{$detail}
client-import-shell-syntax = 引号外有 shell 语法 {$c}：请只导入一条普通的 curl 命令
client-import-shell-expansion = "..." 中有 shell 展开 {$c}：vflow 不运行 shell，请用 '...' 给该值加引号
client-import-unclosed-single = 从此处开始的引号缺少结尾的 '
client-import-unclosed-double = 从此处开始的引号缺少结尾的 "
client-import-ansi-c-unclosed = $'...' 缺少结尾的 '
client-import-ansi-c-not-utf8 = $'...' 解码后的字节不是 UTF-8
client-import-ansi-c-no-hex = $'...' 中的 {$escape} 后面没有十六进制数字
client-import-ansi-c-not-scalar = $'...' 中的 {$escape} 不是有效的 Unicode 标量值
client-import-raw-head-ends-early = 请求头部提前结束
client-import-raw-content-length = Content-Length 不是数字
client-import-raw-chunked = 不支持分块请求体（Transfer-Encoding: chunked）：请复制带已解码请求体的请求
client-import-raw-header-not-utf8 = 请求头 {$name} 的值不是 UTF-8
client-import-raw-target = 请求目标 {$target}：应为 /path 或完整 URL
client-import-raw-no-host = 没有 Host 请求头：原始请求没有说明发往哪个服务器
client-import-raw-header-hint = {$what}：请求头行应为 `Name: value` 格式
client-import-raw-header-name = 请求头名称无效
client-import-raw-header-value = 请求头的值无效
client-import-raw-new-line = 换行符无效
client-import-raw-request-line = 请求行无效（METHOD /path HTTP/1.1）
client-import-raw-version = HTTP 版本无效（HTTP/1.0 或 HTTP/1.1）
client-import-raw-too-many-headers = 请求头过多
client-import-raw-status = 请求行无效

## 导入：已读取请求的说明
client-import-note-compressed = --compressed：原客户端接受压缩的响应；vflow 不要求压缩
client-import-note-insecure = --insecure：原命令跳过了 TLS 校验（vflow 的 --insecure 作用相同）
client-import-note-form-content-type = 未指定 Content-Type：curl 对 -d 发送 application/x-www-form-urlencoded，导入时也一样
client-import-note-pseudo-headers = 已略去 HTTP/2 伪请求头（:method、:path 等）：vflow 发送 HTTP/1.1
client-import-note-http2 = HTTP/2 请求：按相同的方法、路径、请求头和请求体导入
client-import-note-body-longer = 请求体有 {$len} 字节，但 Content-Length 为 {$declared}：多出的部分已丢弃
client-import-note-body-shorter = 请求体有 {$len} 字节，但 Content-Length 为 {$declared}：复制的内容可能不完整
client-import-note-scheme-assumed = 原始请求未说明 http 还是 https：按 {$scheme} 处理（用 --target 指定）

## 导入：HAR 条目被跳过的原因
client-import-skip-preflight = CORS 预检请求（OPTIONS）
client-import-skip-not-vendor = 不是厂商接口路径（/api/v2/sdk/...）

## 发送：无法构造或发出的请求
client-build-url = URL {$url} 无效：{$reason}
client-build-url-scheme = 协议必须是 http 或 https
client-build-url-no-host = 没有主机名
client-build-method = HTTP 方法 {$method} 无效
client-build-header-name = 请求头名称 {$name} 无效
client-build-header-value = 请求头 {$name} 的值无效：不允许控制字符（如换行）
client-http-ca-read = 无法读取 CA 文件 {$path}：{$detail}
client-http-ca-not-pem = CA 文件 {$path} 不是 PEM 格式的证书：{$detail}
client-http-ca-empty = CA 文件 {$path} 中没有证书
client-http-setup = 无法建立 HTTP 客户端：{$detail}
client-send-not-sent = 请求未发出：{$reason}
client-captcha-failed = GET /captcha：{$outcome}
client-captcha-failed-detail = GET /captcha：{$outcome}：{$detail}
client-captcha-unexpected-body = GET /captcha：响应体不符合预期：{$detail}
client-captcha-bad-image = GET /captcha：无法解码拼图图片：{$detail}
