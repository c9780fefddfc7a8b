# The guided flow: wizard steps, scene, mobile, review, sending, headers editor, the
# consumer step (next_step), and the frame (title bar, status line, too-small message).

## Frame (tui::view)
tui-flow-too-small = vflow needs at least {$min}; this window is {$size}. Make it larger (Ctrl+C quits).
tui-flow-simulator = SIMULATOR
tui-flow-profile = profile
tui-flow-client = client
tui-flow-client-omitted = (omitted)
tui-flow-client-blank = (blank)
tui-flow-client-none = (none)
tui-flow-masked = MASKED
tui-flow-busy-sending = sending
tui-flow-busy-token = getting a pass token from the simulator
tui-flow-busy-consume = sending the code to its consumer
tui-flow-busy-elapsed = {$what}… {$s} s

## Wizard
tui-flow-step-token = Captcha token
tui-flow-step-scene = Scene
tui-flow-step-mobile = Mobile
tui-flow-step-review = Review & send
tui-flow-step-of = Step {$n} of 4: {$title}
tui-flow-sidebar = Flow
tui-flow-no-problems = no problems found
tui-flow-n-warnings = {$n} warning(s)
tui-flow-auto-token-needs-sim = automatic tokens need the simulator: paste the captcha_token your app got from captcha/verify
tui-flow-mobile-then-token = enter the mobile number first (the captcha's sender), then Enter gets the token
tui-flow-full-headers-token = getting a token with the profile's full headers (the edited ones go to sms/send)

## Scene
tui-flow-scene-block = Send scene (type)
tui-flow-scene-other = Other value…
tui-flow-scene-other-hint = send any string as type (to test CAPTCHA.0005)
tui-flow-scene-other-box = Other scene value
tui-flow-scene-other-empty = Enter to type a value; empty gives PARAM.0007
tui-flow-scene-valid = {$scene} is a valid scene
tui-flow-scene-invalid-nearest = not a scene: CAPTCHA.0005 expected (nearest: {$nearest})
tui-flow-scene-invalid = not a scene: CAPTCHA.0005 expected
tui-flow-scene-consumed-by = consumed by:
tui-flow-scene-desc-register = Register by mobile code; bind a mobile or register a user
tui-flow-scene-desc-login = Log in with a mobile code
tui-flow-scene-desc-forget-pwd = Forgotten password (reset without logging in)
tui-flow-scene-desc-update-pwd = Change own password via mobile (mobile with full area code)
tui-flow-scene-desc-update-mobile = Change own mobile number (code goes to the new number)
tui-flow-scene-desc-bind-mobile = Bind a mobile number to a user
tui-flow-no-login = no login
tui-flow-scene-consumer-forget-pwd = pwd/update-by-mobile (no login)

## Mobile
tui-flow-mobile-intro-sender = The captcha is bound to this number (its sender). Enter gets the token.
tui-flow-mobile-intro = The number that receives the code.
tui-flow-mobile-box = Mobile number
tui-flow-mobile-empty = (empty: the server answers IDAAS.SDK.USER.0004)
tui-flow-mobile-update-pwd = UPDATE_PWD_SMS: the documentation asks for the full +area code
tui-flow-mobile-sender-differs = the captcha token was verified for {$sender}: CAPTCHA.0004 expected
tui-flow-mobile-ok = ok: {$digits} digits, {$area}
tui-flow-mobile-with-area = with + area code
tui-flow-mobile-no-area = no area code
tui-flow-mobile-will-fail = will likely fail (IDAAS.SDK.CAPTCHA.0006): {$problem}
tui-flow-mobile-first = enter the mobile number first: the captcha is bound to it

## Review
tui-flow-review-title = Review: the request about to be sent
tui-flow-review-more = ↓ more
tui-flow-review-back-up = ↑ back up
tui-flow-review-resend = Resend: Enter gets a fresh pass token, then sends this request
tui-flow-review-resend-puzzle = Resend: Enter opens the puzzle for a fresh pass token; once it is solved, this review comes back and Enter sends
tui-flow-review-ok = ✓ no problems found: Enter sends
tui-flow-review-likely-fail = Likely to fail (you can still send):
tui-flow-review-cannot-build = ✗ this request cannot be built: {$error}
tui-flow-flag-required = (required)
tui-flow-flag-optional = (optional)
tui-flow-flag-stack = (HTTP stack)
tui-flow-flag-custom = (custom)
tui-flow-blank = (blank)
tui-flow-arrow-required = ← required

## Sending
tui-flow-sending-token = Getting a fresh pass token from the simulator…
tui-flow-sending-consume = Sending the code to its consumer…
tui-flow-sending-post = Sending POST {$path} to {$url}…
tui-flow-elapsed-limit = elapsed {$s} s (gives up after {$limit} s)
tui-flow-elapsed = elapsed {$s} s
tui-flow-sending-esc = Esc cancels; the screen stays responsive while waiting.
tui-flow-stopped-waiting = stopped waiting for the token
tui-flow-in-flight = another request is still in flight: wait for it (Esc cancels it)

## Headers editor
tui-flow-headers-title = Device & request headers (apply to the next send)
tui-flow-headers-col-header = header
tui-flow-headers-col-value = value
tui-flow-headers-state-omit = omit
tui-flow-headers-state-blank = blank
tui-flow-headers-state-send = send
tui-flow-headers-required = required
tui-flow-headers-optional = optional
tui-flow-headers-custom = custom
tui-flow-headers-replace = {$name}: typing replaces it, ←→ edit in place
tui-flow-headers-new = New header  Name: value
tui-flow-headers-presets = p picks a device preset: {$names}
tui-flow-headers-custom-meaning = custom header: sent as is
tui-flow-headers-meaning = {$name}: {$meaning}
tui-flow-headers-meaning-example = {$name}: {$meaning} (e.g. {$example})
tui-flow-header-os-version = OS version of the calling client
tui-flow-header-fingerprint = fingerprint of the calling device
tui-flow-header-device-ip = IP address of the calling client
tui-flow-header-agent = the client's user agent
tui-flow-header-lang = language of error messages (zh or en)
tui-flow-header-client-id = application (client) id issued when the app was registered
tui-flow-header-content-type = body format
tui-flow-header-tenant-id = OneAccess only: tenant of an ISV application
tui-flow-preset-title = Device preset
tui-flow-preset-apply = Enter applies (with a new fingerprint) · Esc cancels
tui-flow-preset-applied = applied device preset: {$label} (new fingerprint)
tui-flow-new-fingerprint = new device fingerprint {$fp}
tui-flow-header-now-sent = {$name} is now sent
tui-flow-header-now-omitted = {$name} is now omitted
tui-flow-header-value-back = {$name} has its value back
tui-flow-header-blank-already = {$name} is blank already: Enter types a value
tui-flow-header-sent-blank = {$name} will be sent blank (b again brings the value back)
tui-flow-header-documented = {$name} is a documented header: omit it with Space instead
tui-flow-header-not-editing = not editing: Enter edits the value of {$name}
tui-flow-header-the-selected = the selected header
tui-flow-header-type-new = type the new header as  Name: value (e.g. X-L: zh)
tui-flow-header-bad-name = {$name} is not a valid header name
tui-flow-header-replaced = {$name} was already in the list: its value is replaced

## The code's consumer (next_step)
tui-flow-verb-register = register with code
tui-flow-verb-login = log in with code
tui-flow-verb-forget-pwd = reset the password
tui-flow-verb-update-pwd = change the password
tui-flow-verb-update-mobile = change the mobile
tui-flow-verb-bind = bind the mobile
tui-flow-picker-title = Use the code at…
tui-flow-picker-question = Where should the delivered code go?
tui-flow-picker-mistakes = Another scene's consumer refuses it: try the classic mistakes.
tui-flow-picker-own = (this code's own)
tui-flow-prompt-value = value
tui-flow-prompt-no-login = No login in this session yet: Esc, send a LOGIN_SMS code to the user's number and press l; or paste an id_token; Enter on empty sends no Bearer (a password change without one is the forgotten-password reset to the server).
tui-flow-no-consumer = this send's scene has no consumer: use u to pick one
tui-flow-wait-answer = a request is still in flight: wait for its answer
tui-flow-send-failed = this send failed: no code was delivered to use
tui-flow-code-used = this code was already accepted (codes are single use): n starts a new request
tui-flow-state-token-fetch = getting a state token from the simulator (POST /_sim/state-token)
tui-flow-prompt-cancelled = cancelled: nothing was sent
tui-flow-no-state-token = no state token from the simulator: {$error}; paste one
tui-flow-the-consumer = the consumer
tui-flow-code-worked = the code worked: {$what} ({$name} said yes)
tui-flow-code-refused = {$name} did not accept it: see the explanation
