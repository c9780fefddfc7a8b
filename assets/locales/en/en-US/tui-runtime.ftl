# The runtime's notices (copy, save, export, history), shown in the footer.
tui-runtime-what-curl = curl command
tui-runtime-what-body = response body
tui-runtime-what-report = report
tui-runtime-copied-osc52 = {$what} sent to the terminal's clipboard (OSC 52); terminals do not confirm it: if paste stays empty, w saves it to a file
tui-runtime-copied-tmux = {$what} sent through tmux (OSC 52 + passthrough): delivery cannot be confirmed; it needs tmux's set-clipboard on or allow-passthrough on; if paste stays empty, w saves it to a file
tui-runtime-copied-screen = {$what} sent through GNU screen's passthrough (OSC 52): delivery cannot be confirmed; if paste stays empty, w saves it to a file
tui-runtime-copy-failed = could not copy: {$error}
tui-runtime-report-saved = report saved to {$path}
tui-runtime-report-failed = could not save the report: {$error}
tui-runtime-har-saved = {$n} exchange(s) written as HAR to {$path}
tui-runtime-har-failed = HAR not written: {$error}
tui-runtime-history-not-saved = history not saved: {$error}
tui-runtime-headers-saved = headers saved to {$path}
tui-runtime-headers-failed = could not save headers: {$error}
tui-runtime-headers-no-profile = no profile file to save to in this session
tui-runtime-import-not-utf8 = {$path}: not UTF-8 text (byte {$byte})
tui-runtime-import-cannot-read = cannot read {$path}: {$error}
