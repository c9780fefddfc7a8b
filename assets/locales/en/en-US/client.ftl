# The client's words for data from lower layers (pass token shapes, imports,
# failed sends), shown by the TUI and the CLI.

## Pass token: malformed shapes
client-token-empty = the pass token is empty
client-token-no-separator = no "---" separator: a pass token is TOKEN---POINT_JSON, as captcha/verify returns it
client-token-empty-token = the TOKEN part before "---" is empty
client-token-empty-point = the POINT_JSON part after "---" is empty
client-token-point-not-json = the POINT_JSON part is not JSON: {$detail}
client-token-point-not-object = the POINT_JSON part is not a JSON object like {"{"}"x":237.0,"y":5.0{"}"}
client-token-missing-x = the POINT_JSON part has no "x"
client-token-missing-y = the POINT_JSON part has no "y"
client-token-x-not-number = "x" is {$value}, not a number
client-token-y-not-number = "y" is {$value}, not a number

## Pass token: warnings on a well-formed token
client-token-length-hex = TOKEN is {$n} characters (hex); captcha/verify issues 32 hex characters
client-token-length-not-hex = TOKEN is {$n} characters (not all hex); captcha/verify issues 32 hex characters
client-token-blanks = blanks around a part: the server compares the token verbatim
client-token-y-not-5 = y is {$y}: the slider puzzle always has y = 5

## Import: why an input could not be read
client-import-at = {$message} at {$line}:{$col}
client-import-unknown-format = not a curl command, a HAR file or a raw HTTP/1.1 request (METHOD /path HTTP/1.1)
client-import-entry-not-har = --entry {$n}: the input holds one request, not a HAR
client-import-entry-skipped = --entry {$n}: it was skipped ({$why})
client-import-no-such-entry = --entry {$n}: no such entry
client-import-har-no-vendor = the HAR holds no vendor-API request ({$skipped} entries skipped)
client-import-har-many = the HAR holds {$n} vendor-API requests: pick one with --entry N (see `vflow import`)
client-import-bad-url = invalid URL {$url}: {$detail}
client-import-url-scheme = URL {$url}: the scheme must be http or https
client-import-url-no-host = URL {$url} has no host
client-import-har13-entries = HAR 1.3 entries: {$detail}
client-import-har-invalid = not a valid HAR file: {$detail}
client-import-har12-invalid = not a valid HAR 1.2 file: {$detail}
client-import-form-params-only = the body is recorded as form parameters only, not as text
client-import-curl-empty = empty curl command
client-import-curl-not-curl = a curl command starts with `curl`, not {$first}
client-import-curl-needs-value = curl option {$opt} needs a value
client-import-curl-cookie-file = curl option {$opt} {$value} names a cookie file: give the cookies (name=value) instead
client-import-curl-unsupported = unsupported curl option {$opt}
client-import-curl-no-url = the curl command has no URL
client-import-curl-data-file = curl option {$opt} {$value} reads a file: paste the body instead (or use --data-raw)
client-import-curl-second-url = a second URL {$url} (the first is {$first}): import one request at a time
client-import-curl-header-file = curl option {$opt} @{$file} reads headers from a file: paste them instead
client-import-curl-header-no-name = curl option {$opt} {$header}: the header name is empty
client-import-curl-header-shape = curl option {$opt} {$header}: expected 'Name: value'
client-import-shell-words = cannot split the command into words: {$detail}
client-import-shell-syntax = shell syntax {$c} outside quotes: import one plain curl command
client-import-shell-expansion = shell expansion {$c} inside "...": vflow does not run a shell; quote the value with '...'
client-import-unclosed-single = missing closing ' of the quote that starts here
client-import-unclosed-double = missing closing " of the quote that starts here
client-import-ansi-c-unclosed = missing closing ' of $'...'
client-import-ansi-c-not-utf8 = $'...' decodes to bytes that are not UTF-8
client-import-ansi-c-no-hex = {$escape} without hex digits in $'...'
client-import-ansi-c-not-scalar = {$escape} in $'...' is not a Unicode scalar value
client-import-raw-head-ends-early = the request head ends early
client-import-raw-content-length = Content-Length is not a number
client-import-raw-chunked = a chunked body (Transfer-Encoding: chunked) is not supported: copy the request with its decoded body
client-import-raw-header-not-utf8 = the value of header {$name} is not UTF-8
client-import-raw-target = request target {$target}: expected /path or an absolute URL
client-import-raw-no-host = no Host header: the raw request does not say which server it went to
client-import-raw-header-hint = {$what}: a header line needs `Name: value`
client-import-raw-header-name = invalid header name
client-import-raw-header-value = invalid header value
client-import-raw-new-line = invalid line ending
client-import-raw-request-line = invalid request line (METHOD /path HTTP/1.1)
client-import-raw-version = invalid HTTP version (HTTP/1.0 or HTTP/1.1)
client-import-raw-too-many-headers = too many headers
client-import-raw-status = invalid request line

## Import: notes on a request that was read
client-import-note-compressed = --compressed: the original client accepted compressed answers; vflow asks for none
client-import-note-insecure = --insecure: the original command skipped TLS verification (vflow's --insecure does the same)
client-import-note-form-content-type = no Content-Type given: curl sends application/x-www-form-urlencoded with -d, so does the import
client-import-note-pseudo-headers = HTTP/2 pseudo-headers (:method, :path, ...) left out: vflow sends HTTP/1.1
client-import-note-http2 = an HTTP/2 request: imported with the same method, path, headers and body
client-import-note-body-longer = the body is {$len} bytes but Content-Length says {$declared}: the rest was dropped
client-import-note-body-shorter = the body is {$len} bytes but Content-Length says {$declared}: the copy may be cut
client-import-note-scheme-assumed = a raw request does not say http or https: {$scheme} assumed (give --target to choose)

## Import: why a HAR entry was left out
client-import-skip-preflight = a CORS preflight (OPTIONS)
client-import-skip-not-vendor = not a vendor-API path (/api/v2/sdk/...)

## Sending: a request that could not be built or sent
client-build-url = invalid URL {$url}: {$reason}
client-build-url-scheme = the scheme must be http or https
client-build-url-no-host = no host
client-build-method = invalid HTTP method {$method}
client-build-header-name = invalid header name {$name}
client-build-header-value = invalid value for header {$name}: control characters (such as a line break) are not allowed
client-http-ca-read = cannot read CA file {$path}: {$detail}
client-http-ca-not-pem = CA file {$path} is not PEM certificates: {$detail}
client-http-ca-empty = CA file {$path} holds no certificate
client-http-setup = cannot set up the HTTP client: {$detail}
client-send-not-sent = the request was not sent: {$reason}
client-captcha-failed = GET /captcha: {$outcome}
client-captcha-failed-detail = GET /captcha: {$outcome}: {$detail}
client-captcha-unexpected-body = GET /captcha: unexpected body: {$detail}
client-captcha-bad-image = GET /captcha: {$detail}
