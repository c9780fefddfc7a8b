# The History, Import and Traffic screens.

## History
tui-lists-history-title = History
tui-lists-history-title-n = History ({$n ->
    [one] {$n} exchange
   *[other] {$n} exchanges
})
tui-lists-history-empty = No exchanges yet: send a request and it appears here.
tui-lists-history-nothing-to-export = no exchanges to export yet
tui-lists-col-time = time
tui-lists-col-from = from
tui-lists-col-target = target
tui-lists-col-scene = scene
tui-lists-col-mobile = mobile
tui-lists-col-result = result
tui-lists-col-took = took

## Import
tui-lists-import-forgotten = import forgotten: requests are built from the profile again
tui-lists-import-typed = typed text
tui-lists-import-pasted = pasted text
tui-lists-import-entry-of = entry #{$n} of {$source}
tui-lists-import-nothing = nothing to import yet: paste a request, or type a file's path and Enter
tui-lists-import-label = {$format} from {$source}
tui-lists-import-done = imported as the app sent it ({$n} headers): Enter sends to {$target}
tui-lists-import-review-note = imported: {$label} (header order and values as the app sent them; names go out in lower case, as HTTP/2 and most HTTP/1.1 stacks send them; Ctrl+O, then Ctrl+D forgets it)
tui-lists-import-token-warning = the pass token came with the imported request: pass tokens are single-use and live {$secs} s, so it is probably spent or expired (expect IDAAS.SDK.CAPTCHA.0003); get a fresh one: {$how}, or t then Ctrl+P solves the puzzle
tui-lists-import-token-auto = g gets one automatically
tui-lists-import-token-no-auto = this target does not hand out tokens
tui-lists-import-intro = Paste the request your app sent (curl from devtools, a HAR, a raw HTTP request),
tui-lists-import-intro-path = or type a file's path and press Enter.
tui-lists-import-field = File path (or paste)
tui-lists-import-understood = Understood ({$source})
tui-lists-import-not-understood = Not understood ({$source})
tui-lists-import-nothing-yet = Nothing yet
tui-lists-import-reading = reading the file…
tui-lists-import-in-use = in use: {$label} (Ctrl+D forgets it)
tui-lists-import-formats = Formats: curl (Copy as cURL, bash), HAR 1.2, raw HTTP/1.1 (Burp, Charles).
tui-lists-import-fix = nothing was imported; fix the text and paste it again
tui-lists-import-enter-review = Enter: to the review, exactly as above (sent to {$target})
tui-lists-import-har = HAR: {$n} vendor-API request(s), {$skipped} other entries skipped
tui-lists-import-pick = ↑↓ picks an entry, Enter takes it to the review
tui-lists-import-headers = headers ({$n}, as the app sent them, in order):
tui-lists-import-not-sent = (not sent: {$name})
tui-lists-import-no-body = no body
tui-lists-import-body-json = body: a JSON object, {$n} fields:
tui-lists-import-not-string = {$value} (not a string)
tui-lists-import-extra-field = (not a field of sms/send: kept and sent)
tui-lists-import-body-raw = body ({$n} bytes, not a JSON object, sent unchanged): {$body}
tui-lists-import-note = note: {$note}

## Traffic (vflow proxy)
tui-lists-traffic-newest-bottom = the newest exchange is at the bottom; q quits
tui-lists-traffic-no-exchange = no exchange yet
tui-lists-traffic-no-url = this exchange has no URL to send again
tui-lists-traffic-source = proxy exchange #{$id}
tui-lists-traffic-pane-request = #{$id} Request (as received)
tui-lists-traffic-filter = Filter (method, path, status, code, client, device)
tui-lists-traffic-title = Traffic: {$listen} → {$upstream}
tui-lists-traffic-shown-of = {$n} of {$total} shown
tui-lists-traffic-count = {$n ->
    [one] {$n} exchange
   *[other] {$n} exchanges
}
tui-lists-traffic-missed = , {$n} went by too fast to list
tui-lists-traffic-waiting = Waiting for the first exchange: point the app (or curl) at {$listen}
tui-lists-traffic-no-match = No exchange matches the filter (Esc clears it).
tui-lists-col-method = method
tui-lists-col-path = path
tui-lists-col-status = st
tui-lists-col-code = code
tui-lists-col-device = device

## Words from the lower layers shown in the lists
tui-lists-import-format-curl = curl command
tui-lists-import-format-har = HAR
tui-lists-import-format-raw = raw HTTP request
tui-lists-traffic-code-refused = REFUSED
tui-lists-traffic-code-ok = ok
tui-lists-traffic-code-not-api = not the API's
tui-lists-traffic-code-bad-body = bad body
tui-lists-traffic-code-cancelled = cancelled
tui-lists-traffic-no-device = (no device headers)
tui-lists-source-tui = TUI
tui-lists-source-cli = CLI
tui-lists-source-proxy = proxy
tui-lists-import-request-line = {$format}: {$method} {$url}
tui-lists-import-skipped-entry = #{$n}  {$request}: {$why}
