# The result screen: its panes (tui::record), the explanation pane (tui::explain_view),
# the copy menu and the saved report.

## Panes and tabs
tui-result-pane-request = Request (as sent)
tui-result-pane-response = Response: {$status}
tui-result-pane-explanation = Explanation
tui-result-tab-request = 1 Request
tui-result-tab-response = 2 Response
tui-result-tab-explanation = 3 Explanation
tui-result-copy-title = Copy / save

## Request and response panes
tui-result-omitted = (omitted) {$name}
tui-result-empty-body = (empty body)
tui-result-body-cut = (body cut at the read limit)
tui-result-no-response = No response
tui-result-cancelled-before-answer = cancelled before an answer came
tui-result-time = time {$total}
tui-result-time-ttfb = time {$total} · first byte {$ttfb}
tui-result-consumer-request = ── {$step} request ──
tui-result-consumer-response = ── {$step} response ──
tui-result-step-login = login

## Outcomes (status labels)
tui-result-outcome-not-json = {$status} (not JSON)
tui-result-outcome-bad-body = {$status} bad body
tui-result-outcome-cancelled = cancelled
tui-result-transport-refused = connection refused
tui-result-transport-dns = DNS failure
tui-result-transport-tls = TLS failure
tui-result-transport-timeout = timeout
tui-result-transport-reset = connection reset
tui-result-transport-other = transport error

## Explanation pane
tui-result-what-it-means = What it means
tui-result-in-this-request = In this request
tui-result-what-to-do = What to do
tui-result-server-said = server said: {$message}
tui-result-keys = Keys
tui-result-next = Next
tui-result-key-resend = resend: review, then Enter sends with a fresh token
tui-result-key-edit-headers = edit headers
tui-result-key-change-scene = change scene
tui-result-key-change-mobile = change mobile
tui-result-key-change-token = change token
tui-result-key-new-request = new request
tui-result-sms-sent = 200 OK: SMS code sent
tui-result-success-headline = {$status}: {$title}
tui-result-delivered-code = Delivered code: {$code}
tui-result-from-outbox = (read from the simulator's outbox)
tui-result-code-on-phone = The code goes to the phone: read it there.
tui-result-code-accepted = {$what}: the code was accepted
tui-result-code-accepted-earlier = {$what} (an earlier try): the code was accepted, it is spent
tui-result-login-failed = Login failed: {$outcome}
tui-result-not-accepted = {$consumer} did not accept it:
tui-result-next-elsewhere = l  use the code where it belongs; u  pick another consumer
tui-result-next-own = l  {$verb} ({$consumer})
tui-result-next-own-ask = l  {$verb} ({$consumer}): vflow asks for the code from the phone
tui-result-verb-login-this = log in with this code
tui-result-verb-register-this = register with this code

## Durations in prose: `432000 s = 5 days`
tui-result-unit-s = s
tui-result-minutes = {$n} min
tui-result-hours = {$n} h
tui-result-days = {$n ->
    [one] {$n} day
   *[other] {$n} days
}

## The saved / copied report
tui-result-report-request = REQUEST (as sent)
tui-result-report-response = RESPONSE
tui-result-report-explanation = EXPLANATION
tui-result-report-masked = (mobile number, captcha token and client id are masked)
tui-result-cannot-build = # this request cannot be built: {$error}
