# The check and probe runners and their reports (src/check/).

## vflow check

check-builtin-suite = built-in suite (assets/check-suite.toml)
check-only-unknown = --only {$name}: no case of that name in the suite; `vflow check --list` shows them
check-only-unknown-near = --only {$name}: no case of that name in the suite (did you mean {$near}?); `vflow check --list` shows them
check-hint-reveal = run against the built-in simulator (no --target) or `vflow serve --reveal-solutions`
check-expected-got = expected {$expected}, got {$got}
check-skip-no-reveal = needs a valid pass token, and the target does not reveal captcha solutions ({$detail}): {$hint}
check-skip-simulator-only = simulator only (it relies on the vflow simulator's own behaviour, e.g. a magic number), and the target is not a vflow simulator
check-fail-no-pass-token = setup: could not get a pass token: {$error}
check-fail-cannot-build = the request cannot be built: {$error}
check-fail-no-puzzle = setup: could not get a captcha puzzle: {$error}
check-fail-no-outbox = setup: cannot read the outbox: {$error}
check-fail-no-code = setup: no {$scene} code for {$mobile} in the outbox
check-fail-no-id-token = setup: the login gave no id_token
check-fail-no-state-token = setup: no state token in the answer
check-fail-setup-send = setup: the first send must succeed, it got {$got}
check-fail-nothing-sent = setup: nothing was sent
check-verdict-pass = PASS
check-verdict-fail = FAIL
check-verdict-skip = SKIP

## vflow probe: the runner's notes, findings and skip reasons

check-severity-low = low
check-severity-medium = medium
check-severity-high = high
check-severity-critical = critical
check-probe-builtin-suite = built-in probes
check-probe-unknown = no probe named {$name}: one of {$names}
check-probe-unlimited = unlimited
check-probe-held = held
check-probe-finding = FINDING ({$severity})
check-probe-skipped = skipped
check-probe-forged-never-issued = right shape, never issued
check-probe-forged-example = the documentation's example
check-probe-forged-empty-point = empty POINT_JSON
check-probe-forged-other-tenant = another tenant's shape (a UUID with dashes, a short point)
check-probe-over-budget = the next step could cause {$n} SMS and the budget has {$left} left (--max-sms)
check-probe-no-reveal = needs valid pass tokens, and the target does not reveal captcha solutions ({$detail}): {$hint}
check-probe-no-pass-token = could not get a pass token: {$error}
check-probe-simulator-only-outbox = simulator only: it reads the delivered code from the outbox, and the target is not a vflow simulator
check-probe-setup-send = setup: the send to {$mobile} got {$got}
check-probe-setup-no-code = setup: no {$scene} code for {$mobile}
check-probe-race-note = {$n} parallel sends with one pass token: {$ok} accepted
check-probe-race-found = {$ok} of {$n} parallel sends with one pass token were accepted: {$ok} SMS went out
check-probe-replay-tampered-note = a send with a tampered token was accepted (the replay after a failure could not be tried)
check-probe-replay-tampered-found = a pass token with a tampered POINT_JSON was accepted
check-probe-replay-after-failure = after a failed send ({$first}), the token replayed: {$again}
check-probe-replay-after-failure-found = a pass token still worked after a send with it had failed
check-probe-replay-not-tried = the first send got {$got}: the replay after a success was not tried
check-probe-replay-after-success = after a success, the token replayed (another scene): {$again}
check-probe-replay-after-success-found = a pass token worked a second time after a successful send
check-probe-other-mobile-note = token solved for {$sender}, sent to {$victim}: {$got}
check-probe-other-mobile-found = a pass token solved for {$sender} sent an SMS to {$victim}
check-probe-forged-note = {$what}: {$got}
check-probe-forged-found = accepted: {$what}
check-probe-captcha-no-token = captcha: no token in the answer
check-probe-captcha-x0 = the puzzle accepted x = 0, left of every possible hole
check-probe-captcha-passed-note = after a wrong attempt, x = {$x} passed
check-probe-captcha-passed-found = the puzzle took more attempts after a wrong one and passed at x = {$x}
check-probe-captcha-held = after a wrong attempt, {$n} further positions covering the slider all failed
check-probe-first-send = the first send got {$got}
check-probe-cooldown-same = the same number again
check-probe-cooldown-plus86 = with +86
check-probe-cooldown-spaces = with spaces
check-probe-cooldown-full-width = in full-width digits
check-probe-cooldown-note = within 60 s, {$what} ({$mobile}): {$got}
check-probe-cooldown-found = a second SMS within the cooldown, {$what}
check-probe-cap-budget = needs {$need} SMS to one number and the budget has {$left} left: it runs with --max-sms {$need} or more
check-probe-cap-budget-tenant = needs {$need} SMS to one number and the budget has {$left} left: it runs with --max-sms {$need} or more; against a target that is not a vflow simulator it then waits out the 60 s cooldown between rounds of the six scenes
check-probe-cap-cleared = cooldown cleared between them
check-probe-cap-waited = {$secs} s waited for the cooldown
check-probe-cap-note = {$need} sends to one number ({$how}): {$accepted} accepted, the last got {$last}
check-probe-cap-found = {$accepted} SMS to one number in a day, more than the cap of {$cap}
check-probe-guess-note = {$n} wrong codes, then the right one: {$got}
check-probe-guess-found = the right code still worked after {$n} wrong ones
check-probe-guess-parallel-note = {$n} parallel wrong codes, then the right one: {$got}
check-probe-guess-parallel-found = the right code still worked after {$n} parallel wrong ones
check-probe-enum-setup = setup: the login that registers {$mobile} got {$got}
check-probe-enum-note = {$path}: registered {$a} ({$ta}), unregistered {$b} ({$tb})
check-probe-enum-answers = {$path} answers {$a} for a registered number and {$b} for an unregistered one
check-probe-enum-timing = {$path} takes {$ta} for a registered number and {$tb} for an unregistered one
check-probe-broken = could not run to the end: {$reason}
check-probe-found-separator = {"; "}
check-probe-then-stopped = {$found}; then the probe stopped: {$reason}

## vflow probe: the plan and the report

check-plan-refused = {$url} is not on this machine: nothing was sent. Probing a tenant sends real SMS to numbers of the probe's own making and attacks its defences
check-plan-budget = the run stops before it would cause more than {$max} SMS (--max-sms)
check-plan-no-budget = the SMS budget is --max-sms: 3 unless given, none against a vflow simulator
check-plan-head-requests = requests
check-plan-head-parallel = parallel
check-plan-total = at most {$requests} requests and {$sms} SMS in all; {$budget}
check-probe-head-probe = probe
check-probe-head-verdict = verdict
check-probe-head-sms = SMS
check-probe-head-requests = requests
check-probe-head-time = time
check-probe-budget = budget {$max}
check-probe-no-budget = no budget limit: simulator
check-probe-summary = {$n} probes: {$held} held, {$findings} finding(s), {$skipped} skipped; {$sms} SMS sent ({$budget}) in {$secs} s
check-probe-role-pass-token = pass token
check-probe-role-setup = setup
check-probe-role-race = race
check-probe-role-failed-send = failed send
check-probe-role-replay = replay
check-probe-role-send = send
check-probe-role-forged = forged
check-probe-role-captcha = captcha
check-probe-role-wrong-attempt = wrong attempt
check-probe-role-retry = retry
check-probe-role-resend = resend
check-probe-role-clear-cooldown = clear cooldown
check-probe-role-wrong-code = wrong code
check-probe-role-right-code = right code
check-probe-role-parallel-wrong-codes = parallel wrong codes
check-probe-role-registered = registered
check-probe-role-unregistered = unregistered
check-probe-explanation = explanation
check-probe-held-line = held {$name}: {$title}
check-probe-skipped-line = skipped {$name}: {$reason}
check-probe-finding-line = {$verdict} {$name}: {$what}
check-probe-probe = probe: {$title}
check-probe-meaning = what it means: {$text}
check-probe-meaning-other = 含义: {$text}
check-probe-evidence = SMS this probe caused: {$sms}; evidence ({$n} exchanges):
