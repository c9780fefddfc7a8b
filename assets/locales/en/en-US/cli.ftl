# The command line's human output (src/cli/). Technical tokens (flags, headers, codes, URLs,
# commands) stay as they are in both languages.

## Shared

cli-warning = vflow: warning: {$text}
cli-history-not-added = the exchange was not added to the history ({$path}): {$error}
cli-sim-start-failed = cannot start the built-in simulator: {$error}
cli-in-process-note = no --target: using an in-process simulator at {$url} (its state lasts for this command only; run `vflow serve` and pass --target http://127.0.0.1:8080 to keep state between commands)
cli-cannot-write = cannot write {$path}: {$error}
cli-cannot-create = cannot create {$path}: {$error}
cli-no-runtime = cannot start the async runtime: {$error}
cli-cannot-listen = cannot listen on {$addr}: {$error}
cli-ctrl-c = Ctrl-C to stop.
cli-list-separator = {", "}
cli-header-no-colon = --header {$header}: expected 'Name: value'
cli-header-no-name = --header {$header}: the name is empty

## vflow codes

cli-codes-unknown = no code {$code} in the catalogue; `vflow codes` lists them all
cli-codes-unknown-near = no code {$code} in the catalogue: did you mean {$near}? `vflow codes` lists them all
cli-codes-ambiguous = {$code} is ambiguous: {$codes}
cli-codes-head-code = CODE
cli-codes-head-message = MESSAGE
cli-codes-source-vendor = Vendor
cli-codes-source-simulator = Simulator
cli-codes-any-path = any path
cli-codes-entry-head = (HTTP {$http}, {$source}; endpoints: {$endpoints})
cli-codes-message = message: {$text}
cli-codes-meaning = meaning: {$text}
cli-codes-causes = causes:
cli-codes-todo = what to do:

## vflow config

cli-config-no-home = no home directory: pass --config FILE
cli-config-exists = {$path} exists; pass --force to overwrite it
cli-config-wrote = wrote {$path}
cli-config-profile = profile:
cli-config-file = config file:
cli-config-target = target:
cli-config-ui-lang = ui language:
cli-config-device = device:
cli-config-timeouts = timeouts:
cli-config-insecure = insecure:
cli-config-ca-file = ca file:
cli-config-headers = headers:
cli-config-no-file = (none)
cli-config-builtin-sim = (built-in simulator)
cli-config-custom-device = (custom)
cli-config-timeouts-value = connect {$connect}, total {$total}
cli-config-yes = true
cli-config-no = false
cli-config-ui-lang-value = {$ui} ({$ui_whence}) · X-L: {$x_l} ({$x_l_whence})
cli-config-from-profile = the profile's {$key}
cli-config-from-locale = locale {$var}
cli-config-follows-ui = follows the UI language
cli-config-from-default = default
cli-config-fingerprint-generated = (generated for this run: a new one each time; set fingerprint = "..." in the profile to keep one)
cli-config-header-not-sent = ({$name} not sent)

## vflow import

cli-import-cannot-read-stdin = cannot read standard input: {$error}
cli-import-cannot-read = cannot read {$path}: {$error}
cli-import-not-utf8 = {$path}: not UTF-8 text (byte {$byte})
cli-import-token-warning = the request carries a captcha pass token: pass tokens are single-use and live 180 s, so this one is probably spent or expired (expect IDAAS.SDK.CAPTCHA.0003); solve a new puzzle (`vflow captcha get` / `vflow captcha verify`) and give it with --captcha-token
cli-import-headers = headers ({$n}, as the app sent them, in order):
cli-import-not-sent = (not sent: {$names})
cli-import-no-body = no body
cli-import-body-json = body: a JSON object, {$n} fields:
cli-import-not-a-string = {" "}(not a string)
cli-import-unknown-field = (not a field of sms/send: kept and sent)
cli-import-body-raw = body ({$bytes} bytes, not a JSON object, sent unchanged):
cli-import-byte-for-byte = (sent byte for byte as imported)
cli-import-har-list = read as: HAR ({$file}): {$all} entries, {$vendor} vendor-API request(s), {$skipped} skipped
cli-import-skipped = skipped:
cli-import-show-one = show one with: {$command}
cli-import-har-empty = the HAR holds no vendor-API request
cli-import-read-as = read as: {$format} ({$file})
cli-import-read-as-har-skipped = read as: {$format} ({$file}, {$skipped} other HAR entries skipped)
cli-import-format-curl = curl command
cli-import-format-har = HAR
cli-import-format-raw = raw HTTP request
cli-import-note = note: {$text}
cli-import-no-warnings = no warnings before sending
cli-import-warnings = warnings before sending:
cli-import-send-it = send it with: {$command}

## vflow serve

cli-serve-listening = vflow simulator listening on {$url}
cli-serve-client-id = client id:
cli-serve-client-id-default = {$id} (registered by default)
cli-serve-outbox = outbox:
cli-serve-outbox-value = {$command}   (the delivered SMS codes)
cli-serve-users = users:
cli-serve-users-value = {$command}   (state token: {$state})
cli-serve-openapi = OpenAPI:
cli-serve-solutions = solutions:
cli-serve-gateway-fails = gateway fails for:
cli-serve-latency = latency {$ms} ms
cli-serve-failure-rate = gateway failure rate {$rate}
cli-serve-aes = AES point encryption on
cli-serve-no-auto-register = automatic registration off
cli-serve-faults = faults:
cli-serve-weak = WEAK:
cli-serve-warning = warning:
cli-serve-reachable = {$ip} is reachable from other machines; the simulator has no authentication
cli-serve-stopping = stopping
cli-serve-weak-race = the pass token is consumed only after a window (parallel sends all pass)
cli-serve-weak-replay = a failed sms/send leaves its pass token live
cli-serve-weak-sender = a pass token works for any mobile, not only the captcha's sender
cli-serve-weak-forged = the documentation's example pass token is accepted
cli-serve-weak-captcha = a wrong captcha/verify leaves the puzzle live for another try
cli-serve-weak-cooldown = no 60 s resend cooldown
cli-serve-weak-mobile-format = cooldown and daily cap count +86… and the national number apart
cli-serve-weak-daily-cap = no daily cap of 10 codes per mobile
cli-serve-weak-guessing = wrong codes never use a code up (no 5-attempt limit)
cli-serve-weak-enumeration = pwd/update-by-mobile answers 'user not found' before checking the code

## vflow proxy

cli-proxy-refused = REFUSED: {$reason}
cli-proxy-forwarding = forwarding to {$url}
cli-proxy-forwarding-sim = forwarding to the built-in simulator ({$url})
cli-proxy-listening = listening on {$url}
cli-proxy-reachable = warning: {$addr} is reachable from other machines: anyone who can reach it can send requests to {$upstream} through it (it forwards only there)
cli-proxy-lagged = {$n} exchanges went by too fast to print or write
cli-proxy-cannot-write-har = cannot write the HAR file: {$error}
cli-proxy-cannot-write-jsonl = cannot write the JSONL file: {$error}
cli-proxy-stopping = stopping after {$n} exchange(s)

## vflow captcha

cli-captcha-no-image = the response has no image for {$name}
cli-captcha-not-base64 = {$name}: not base64: {$error}
cli-captcha-bad-token-name = the server's token {$token} cannot be used in a file name
cli-captcha-saved = saved {$path}
cli-captcha-sim-stopped = note: this puzzle lived in an in-process simulator that has stopped; for a two-step get + verify run `vflow serve` and pass --target, or use `vflow captcha solve`
cli-captcha-next = next: {$command}
cli-solve-cancelled = cancelled; the puzzle was not verified
cli-solve-terminal = terminal: {$error}
cli-solve-by-hand = {$base} does not reveal captcha solutions: slide the piece into the hole
cli-solve-missed = missed at x = {$x}: a new puzzle (attempt {$attempt} of {$attempts})
cli-solve-reading-x = puzzle {$token}: reading the x of the piece's left edge (0-{$limit}) from stdin
cli-solve-cannot-read-stdin = cannot read stdin: {$error}
cli-solve-not-a-number = expected a number for x, got {$got}
cli-solve-typed = typed {$typed}
cli-solve-x-of = x = {$x} of 0-{$limit}
cli-solve-expires = puzzle expires in {$left} s
cli-solve-keys = ←→ 1 px · Shift+←→ / PgUp PgDn 10 px · Home/End · digits type x · Enter verifies · Esc cancels

## vflow flow

cli-step-captcha = captcha
cli-step-solution = solution
cli-step-verify = verify
cli-step-send = send
cli-step-outbox = outbox
cli-step-register = register
cli-step-reg-bind = reg-bind
cli-step-login = login
cli-step-pwd-reset = pwd-reset
cli-step-pwd-chg = pwd-chg
cli-step-mobile = mobile
cli-step-bind = bind
cli-step-state = state
cli-step-users = users
cli-flow-unexpected-body = unexpected {$what} body: {$error}
cli-flow-captcha-aes = token {$token}, secretKey set (AES)
cli-flow-cannot-encrypt = cannot encrypt point_json: {$error}
cli-flow-solution = x = {$x} (slider position)
cli-flow-no-reveal = {$base} does not reveal captcha solutions (GET {$path} gave {$status}), and there is no terminal to solve the puzzle on: run it in a terminal, start the simulator with `vflow serve --reveal-solutions`, or leave out --target
cli-flow-no-answer = no answer
cli-flow-sent = SMS code sent to {$mobile} ({$scene})
cli-flow-no-code = no code for {$mobile} / {$scene} in the simulator's outbox
cli-flow-code = code {$code}
cli-flow-session = {$success}: status {$status}, session expires in {$expire} s
cli-flow-empty-body-to = {$success} to {$target} (200, empty body)
cli-flow-empty-body = {$success} (200, empty body)
cli-flow-unexpected-answer = unexpected answer of {$request}
cli-flow-state-token = state token {$token} (wechat, 10 min, single use)
cli-flow-users-one = {$n} user(s); {$mobile} is one
cli-flow-users-not-one = {$n} user(s); {$mobile} is not one
cli-flow-no-user-yet = no user {$mobile} yet: logging in registers it, so there is a password to forget
cli-flow-not-a-scene = {$scene} is not a scene; one of: {$all}
cli-flow-not-a-scene-near = {$scene} is not a scene (did you mean {$near}?); one of: {$all}
cli-flow-start-sim = {$scene} for {$mobile} against the in-process simulator {$url}
cli-flow-start-target = {$scene} for {$mobile} against the target {$url}
cli-flow-complete = flow complete: {$consumer} accepted the {$scene} code
cli-consumer-no-login = {$name} (no login)

## vflow check

cli-check-flag-pass-token = pass token
cli-check-flag-simulator-only = simulator only
cli-check-head-case = case
cli-check-head-expected = expected
cli-check-head-got = got
cli-check-head-verdict = verdict
cli-check-head-time = time
cli-check-summary = {$n} cases: {$passed} passed, {$failed} failed, {$skipped} skipped in {$secs} s
cli-check-skips-are-not-failures = {" "}(skips are not failures)
cli-check-fail-line = {$verdict} {$name}: {$reason}
cli-check-case = case: {$description}
cli-check-what-it-got = what it got:
cli-check-cannot-write-report = cannot write the {$what} report {$path}: {$error}
cli-check-start-sim = {$n} case(s) of the {$suite} against the in-process simulator {$url} (profile {$profile})
cli-check-start-target = {$n} case(s) of the {$suite} against target {$url} (profile {$profile})
cli-check-never-answered = the target never answered (every case that ran got a transport failure): exit 3

## vflow probe

cli-probe-confirm = Send these requests to {$host}? Type yes to start:
cli-probe-list-line = {$name}: {$title} [{$severity}; weak knob: {$weak}]
cli-probe-plan-against = the plan against {$target}:
cli-probe-refused = {$why}; add --authorized if you own the tenant or are allowed to test it.
cli-probe-no-terminal = no terminal to confirm the plan on: nothing was sent (add --yes to start without asking)
cli-probe-not-confirmed = not confirmed: nothing was sent
cli-probe-progress-cost = {" "}({$sms} SMS, {$requests} requests)
cli-probe-never-answered = the target never answered: exit 3
cli-probe-start-in-process = {$n} probe(s) of the {$suite} against the in-process simulator {$url}
cli-probe-start-sim = {$n} probe(s) of the {$suite} against the vflow simulator {$url}
cli-probe-start-target = {$n} probe(s) of the {$suite} against target {$url}

## Device presets (config show)

cli-device-android = Android phone (Chrome)
cli-device-iphone = iPhone (Safari)
cli-device-windows = Windows desktop browser (Edge)
cli-device-macos-safari = macOS Safari
cli-device-wechat = WeChat mini program (Android)
