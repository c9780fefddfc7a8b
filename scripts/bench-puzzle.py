#!/usr/bin/env python3
"""Bytes the TUI writes to the terminal for the captcha puzzle, per graphics
protocol (kitty, iTerm2, sixel, half-blocks) and terminal size, measured
through a pseudo-terminal:
- opening a puzzle (fetch and first picture),
- each arrow press (one pixel to the right): mean and worst of 40,
- a whole solve: fetch, 40 moves, verify (the answer screen included).
The protocol is forced with VFLOW_GRAPHICS (kitty|iterm2|sixel|halfblocks);
the pty reports no pixel size, so cells count as 10x20 pixels.
Loopback only: the TUI runs its in-process simulator on 127.0.0.1.
Usage: scripts/bench-puzzle.py [path/to/vflow]   (cargo build first)
"""
import fcntl, os, pty, select, struct, sys, tempfile, termios, time

BIN = sys.argv[1] if len(sys.argv) > 1 else (
    "target/release/vflow" if os.path.exists("target/release/vflow") else "target/debug/vflow")
PROTOS = ["kitty", "iterm2", "sixel", "halfblocks"]
SIZES = [(80, 24), (160, 48)]
MOVES = 40
RIGHT = b"\x1b[C"
# What ends the output of one update: the painter's last sequence (then the
# cursor restore), or for half-blocks the frame's cursor hide.
DONE = {
    "kitty": b",z=1,C=1,q=2\x1b\\\x1b8",
    "sixel": b"\x1b\\\x1b8",
    "iterm2": b"\x07\x1b8",
    "halfblocks": b"\x1b[?25l",
}


class Term:
    def __init__(self, proto, cols, rows):
        self.home = tempfile.mkdtemp(prefix="vflow-bench-puzzle-")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("VFLOW_") and k not in ("NO_COLOR", "KITTY_WINDOW_ID", "TMUX")}
        env.update(HOME=self.home, XDG_DATA_HOME=self.home + "/data",
                   XDG_CONFIG_HOME=self.home + "/config", TERM="xterm-256color",
                   VFLOW_GRAPHICS=proto)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(BIN, [BIN], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.buf = b""

    def pump(self, timeout=0.05):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if r:
            try:
                self.buf += os.read(self.fd, 1 << 20)
            except OSError:
                pass

    def wait(self, start, ok, what, limit=20.0):
        end = time.time() + limit
        while time.time() < end:
            if ok(self.buf[start:]):
                return self.buf[start:]
            self.pump()
        raise SystemExit(f"no {what} within {limit}s; last bytes {self.buf[-300:]!r}")

    def send(self, b):
        os.write(self.fd, b)

    def close(self):
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.system(f"rm -rf {self.home}")


def run(proto, cols, rows):
    t = Term(proto, cols, rows)
    try:
        t.wait(0, lambda b: b"Step 1 of 4" in b, "first frame")
        done = DONE[proto]
        start = len(t.buf)
        t.send(b"\x10")  # Ctrl+P: fetch and show a puzzle
        # the painter's output (pixels) or a frame full of half-blocks
        half = "▀".encode()
        # (for half-blocks, the frame's end after its last half-block)
        shown = lambda b: done in b and (
            proto != "halfblocks" or (b.count(half) > 200 and b.rfind(done) > b.rfind(half)))
        opened = t.wait(start, shown, "puzzle")
        moves = []
        for _ in range(MOVES):
            s = len(t.buf)
            t.send(RIGHT)
            moves.append(len(t.wait(s, lambda b: done in b, "move")))
        t.send(b"\r")  # asks for the sender
        t.wait(start, lambda b: b"Enter verifies, Esc back" in b, "sender prompt")
        t.send(b"13800138000\r")
        whole = t.wait(start, lambda b: b"not in the hole" in b or b"solved at x" in b, "verify answer")
        # the answer's frame is written in one go; take what arrived with it
        t.pump(0.2)
        whole = t.buf[start:]
        return len(opened), sum(moves) / len(moves), max(moves), len(whole)
    finally:
        t.close()


def kb(n):
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n:.0f} B"


print(f"binary: {BIN}; {MOVES} moves of 1 px; cells 10x20 px")
print(f"{'protocol':<11} {'size':<7} {'open':>10} {'move mean':>10} {'move max':>10} {'whole solve':>12}")
for proto in PROTOS:
    for cols, rows in SIZES:
        o, mean, worst, whole = run(proto, cols, rows)
        print(f"{proto:<11} {cols}x{rows:<4} {kb(o):>10} {kb(mean):>10} {kb(worst):>10} {kb(whole):>12}")
