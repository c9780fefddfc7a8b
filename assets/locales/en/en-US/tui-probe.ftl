# The probes on the Check screen (F4, then Tab): the table, the plan before a run, a probe's evidence.

tui-probe-summary = {$done}/{$total} · {$held} held · {$found} FINDING · {$skipped} skipped · {$sms} SMS{$budget}
tui-probe-budget = (budget {$n})
tui-probe-no-limit = (no limit)
tui-probe-title = Probes ({$state}) · {$summary}
tui-probe-builtin-suite = built-in probes

# Verdicts and severities.
tui-probe-held = held
tui-probe-finding = FINDING ({$severity})
tui-probe-skipped = skipped
tui-probe-low = low
tui-probe-medium = medium
tui-probe-high = high
tui-probe-critical = critical

# The table's header.
tui-probe-col-probe = probe
tui-probe-col-verdict = verdict
tui-probe-col-sms = SMS
tui-probe-col-requests = requests
tui-probe-col-time = time
tui-probe-col-attack = the attack

# The box about the selected probe.
tui-probe-about-title = : {$title}
tui-probe-cost = (≤{$requests} requests, ≤{$sms} SMS, {$parallel} at once; {$severity})
tui-probe-about-held = held: {$notes}
tui-probe-notes-separator = {"; "}
tui-probe-about-finding = FINDING ({$severity}): {$what}
tui-probe-about-skipped = skipped: {$reason}
tui-probe-enter-shows = Enter shows the evidence: what it saw and every exchange
tui-probe-r-runs = r shows the plan (requests, SMS, budget) and runs the probes
tui-probe-waiting = waiting
tui-probe-not-run-yet = this probe has not run yet: r runs the probes

# The plan before a run.
tui-probe-plan-title = Probe plan
tui-probe-against = against
tui-probe-plan-confirm = y starts the probes · n or Esc cancels
tui-probe-refused = {$url} is not on this machine: nothing was sent. Probing a tenant sends real SMS to numbers of the probe's own making and attacks its defences
tui-probe-refused-line = {$why}.
tui-probe-authorized-hint = Start vflow with --authorized if you own the tenant or are allowed to test it.
tui-probe-plan-col-probe = probe
tui-probe-plan-col-requests = requests
tui-probe-plan-col-sms = SMS
tui-probe-plan-col-parallel = parallel
tui-probe-plan-total = at most {$requests} requests and {$sms} SMS in all
tui-probe-plan-no-budget-simulator = no SMS budget against the built-in simulator
tui-probe-plan-budget = the run stops before it would cause more than {$n} SMS (--max-sms)
tui-probe-plan-budget-rule = the SMS budget is --max-sms: 3 unless given, none against a vflow simulator

# A probe's evidence.
tui-probe-probe-of = probe {$i}/{$n}
tui-probe-sms-count = {$n} SMS
tui-probe-exchange-of = exchange {$k}/{$n} · {$role} · n/p: next/previous exchange
tui-probe-nothing-sent = nothing was sent
tui-probe-verdict-nothing-sent = {$verdict}: nothing was sent
tui-probe-none = none
tui-probe-pane-request = Request (as sent)
tui-probe-pane-response = Response: {$status}
tui-probe-pane-saw = What it saw & explanation
tui-probe-exchange-heading = Exchange {$k} ({$role})
tui-probe-label-verdict = verdict
tui-probe-accepted = {$sms} SMS accepted, {$requests} requests, {$time}
tui-probe-what-it-saw = What it saw
tui-probe-what-it-means = What it means

# What each exchange of a probe was for.
tui-probe-role-setup = setup
tui-probe-role-pass-token = pass token
tui-probe-role-race = race
tui-probe-role-failed-send = failed send
tui-probe-role-replay = replay
tui-probe-role-send = send
tui-probe-role-forged = forged
tui-probe-role-captcha = captcha
tui-probe-role-wrong-attempt = wrong attempt
tui-probe-role-retry = retry
tui-probe-role-resend = resend
tui-probe-role-clear-cooldown = clear cooldown
tui-probe-role-wrong-code = wrong code
tui-probe-role-right-code = right code
tui-probe-role-parallel-wrong-codes = parallel wrong codes
tui-probe-role-registered = registered
tui-probe-role-unregistered = unregistered

# Notices.
tui-probe-cannot-run = cannot run the probes: {$error}
