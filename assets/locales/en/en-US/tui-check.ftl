# The Check screen (F4): the conformance suite's table, a case's panes, the question for a pass token.

tui-check-summary = {$done}/{$total} done · {$passed} passed · {$failed} failed · {$skipped} skipped
tui-check-title = Check ({$state}) · {$summary}
tui-check-state-running = running
tui-check-state-stopped = stopped
tui-check-state-done = done
tui-check-state-not-run = not run

# The verdicts (the table's column, the panes).
tui-check-pass = PASS
tui-check-fail = FAIL
tui-check-skip = SKIP
tui-check-running-cell = run…
tui-check-running = running…

# The table's header.
tui-check-col-case = case
tui-check-col-expected = expected
tui-check-col-got = got
tui-check-col-verdict = verdict
tui-check-col-time = time
tui-check-col-what = what it checks
tui-check-builtin-suite = built-in suite (assets/check-suite.toml)

# The box about the selected case.
tui-check-flag-pass-token = needs a valid pass token
tui-check-flag-simulator-only = simulator only
tui-check-about-description = : {$description}
tui-check-flags-one = ({$a})
tui-check-flags-two = ({$a}, {$b})
tui-check-about-pass = {$verdict}: got {$got} as expected
tui-check-about-reason = {$verdict}: {$reason}
tui-check-mismatch = expected {$expected}, got {$got}
tui-check-any-error = an error
tui-check-enter-shows = Enter shows the request, the response and the explanation
tui-check-expects = expects {$expected}

# A case open in the panes.
tui-check-case-of = case {$i}/{$n}
tui-check-head-pass = {$verdict}: got {$got}
tui-check-pane-request = Request (as sent)
tui-check-pane-response = Response: {$status}
tui-check-pane-check = Check & explanation
tui-check-none = none
tui-check-no-request-checked = {$verdict}: no request was checked
tui-check-not-run-yet = not run yet
tui-check-nothing-sent = nothing was sent
tui-check-checked-send = checked send
tui-check-setup-send = setup send {$n}
tui-check-label-expected = expected
tui-check-label-got = got
tui-check-label-verdict = verdict
tui-check-sends-setup = {$n} sends: the last one is checked, the ones before are its setup
tui-check-skipped-nothing-sent = skipped before sending: nothing was sent, so there is no answer to explain (the reason is above)
tui-check-nothing-to-explain = nothing was sent, so there is no answer to explain
tui-check-what-it-got = What it got

# Notices.
tui-check-asking-case = case {$name} ({$k} of {$n} needing a token) needs a pass token for {$who}
tui-check-asking-any = a check case needs a pass token for {$who}
tui-check-ask-person = {$text}: slide the piece into the hole (Esc skips those cases)
tui-check-say-asking = {$text}: p solves the puzzle (Esc there skips the token cases)
tui-check-restarted = the check was restarted
tui-check-needs-captcha = a check case needs a captcha solved: F4 shows which
tui-check-run-goes-on = the run goes on
tui-check-confirm-restart = a run is going ({$summary}): r again restarts it from the first case, any other key keeps it
tui-check-cannot-run = cannot run the check: {$error}

# The headers the check sent differ from the profile's (F2 edits).
tui-check-edited-headers = Headers as edited in F2, not the profile's: {$changes}. Every case starts from them; {$key} to change them back.
tui-check-header-omitted = {$name} omitted
tui-check-header-blank = {$name} blank
tui-check-header-changed = {$name} changed
tui-check-header-added = {$name} added
tui-check-header-removed = {$name} removed
tui-check-failed-by-edit = This failure comes from the F2 edit ({$changes}), not from the server: the suite expects the profile's headers. {$key} to change them back, then {$again} to run again.
tui-check-stopped-in-preparation = The case stopped while preparing (the reason is above): its own request was not sent, so there is no answer to explain.
tui-check-token-hint = {$again} runs the check again: solve the puzzle ({$solve}) when a case asks for one; or run against the built-in simulator
