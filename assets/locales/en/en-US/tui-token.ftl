# Step 1 of the flow: the captcha pass token. The first lines speak to a person; the protocol is under the field.
tui-token-what = A pass token proves that a person solved the captcha. Sending an SMS code needs one: it works once, for {$secs} s.
tui-token-ways = { $n ->
    [2] Two ways to get one:
   *[other] Three ways to get one:
}
tui-token-way-puzzle = solve the slider puzzle right here
tui-token-way-auto = get one automatically from the simulator
tui-token-way-auto-maybe = get one automatically (if the simulator reveals solutions; else the puzzle)
tui-token-way-paste = or paste one into the box below (from your app, or a captcha/verify answer)
tui-token-field = Captcha pass token
tui-token-protocol = Protocol: TOKEN---POINT_JSON, the captcha_token that captcha/verify returns.
tui-token-empty = (empty: the server answers IDAAS.SDK.PARAM.0008)
tui-token-shape-ok = ✓ shape TOKEN---POINT_JSON
tui-token-issued = ✓ as issued by captcha/verify
tui-token-encrypted = its POINT_JSON is not plain JSON: AES-encrypted (the puzzle had a secretKey)
tui-token-still-send = (you can still send it: the server should answer CAPTCHA.0004)
tui-token-used = already used by a send (single use)
tui-token-expires-in = expires in {$secs} s
tui-token-expired = expired
tui-token-obtained-for = obtained {$secs} s ago for sender {$sender}; {$state}
tui-token-obtained = obtained {$secs} s ago; {$state}
# Notices
tui-token-first-step = this is the first step: Ctrl+C quits, F1 shows help
tui-token-fresh = got a fresh pass token from the simulator (lives {$secs} s, single use)
tui-token-no-reveal = this target does not reveal captcha solutions: slide the piece into the hole, Enter verifies
tui-token-headers-refused = the captcha refused the headers as edited ({$message}), as a real app's would be: Ctrl+F gets the token with the profile's full headers
tui-token-auto-failed = automatic token failed: {$message}
