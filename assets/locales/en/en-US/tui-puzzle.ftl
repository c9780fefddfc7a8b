# The slider-captcha screen.

tui-puzzle-title = Captcha puzzle: slide the piece into the hole
tui-puzzle-busy-elsewhere = wait for the request in flight, then Ctrl+P again
tui-puzzle-busy-fetching = getting a captcha puzzle
tui-puzzle-busy-verifying = verifying the slider position
tui-puzzle-loading = getting a puzzle…
tui-puzzle-verifying = verifying…

# Failures.
tui-puzzle-headers-refused = the captcha refused the headers as edited
tui-puzzle-headers-refused-real-app = A real app with these headers fails here already.
tui-puzzle-headers-refused-ctrl-f = Ctrl+F gets the puzzle with the profile's full headers (the edited ones still go to sms/send); Esc goes back.
tui-puzzle-fetch-failed = could not get a puzzle
tui-puzzle-fetch-retry = r tries again; Esc goes back.
tui-puzzle-not-in-hole = {$label}: the piece was not in the hole (x = {$x})
tui-puzzle-one-attempt = r gets a new puzzle: a puzzle allows ONE attempt (the server deleted it at this verify, right or wrong); within {$tolerance} px of the hole passes.
tui-puzzle-server-said = server: {$message}
tui-puzzle-had-expired = The puzzle had expired (it lives 120 s).
tui-puzzle-no-token-in-body = {$label} but no captcha_token in the body
tui-puzzle-new-or-back = r gets a new puzzle; Esc goes back.

# Notices.
tui-puzzle-move-first = move the piece first (←→, drag, or type its x): a puzzle allows one attempt
tui-puzzle-type-mobile = type the mobile number the code goes to (the captcha's sender), then Enter verifies
tui-puzzle-cannot-encrypt = cannot encrypt point_json: {$error}
tui-puzzle-solved-for-check = solved at x = {$x}: the check goes on
tui-puzzle-solved = solved at x = {$x}: pass token filled in (lives 180 s, single use)
tui-puzzle-left = left the puzzle; Ctrl+P gets a new one
tui-puzzle-no-token-skipped = no token: the cases that need one are skipped

# Over the picture.
tui-puzzle-token = puzzle {$token}
tui-puzzle-aes = secretKey set: point_json goes AES-encrypted
tui-puzzle-expires-in = expires in {$seconds} s
tui-puzzle-expired = expired (120 s): r for a new one

# Under the picture.
tui-puzzle-of-range = of 0–{$limit}
tui-puzzle-typed = typed {$digits}
tui-puzzle-readout-keys = ←→ 1 px · Shift+←→ / PgUp PgDn 10 px · Home/End · digits type x · drag
tui-puzzle-sender-editing = Enter verifies, Esc back to the slider
tui-puzzle-sender-for-check = sender: {$mobile} (for a check case; Esc skips)
tui-puzzle-sender = sender: {$mobile}
tui-puzzle-mobile-unknown = mobile not known yet: Enter asks for it (m edits)
tui-puzzle-mobile-edits = {$mobile} (m edits)
tui-puzzle-hint-move = Move the piece onto the dark hole (←→, drag, or type x); Enter verifies once it has moved (one attempt per puzzle).
tui-puzzle-hint-line-up = Line the piece's magenta outline up with the dark hole, then Enter verifies (one attempt per puzzle).
tui-puzzle-loupe = loupe ×{$zoom}: x {$from}–{$to}; line the piece's outline up with the hole's left edge
tui-puzzle-loupe-short = loupe ×{$zoom}
