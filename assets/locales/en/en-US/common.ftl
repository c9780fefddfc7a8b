# Shared by the TUI and the CLI.

# The title bar when the UI language and X-L (the language asked of the server) differ.
ui-lang-mismatch = UI {$ui} · X-L {$server}

n-exchanges = {$n ->
    [one] {$n} exchange
   *[other] {$n} exchanges
}
