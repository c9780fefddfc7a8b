#!/usr/bin/env python3
"""Start the vflow binary in a pseudo-terminal and report:
- the time from exec to the first complete frame (the footer's key line drawn),
- the resident memory (VmRSS) once the first frame is up, and after a send,
- the CPU used while idle over 10 seconds.
Loopback only: the TUI runs its in-process simulator on 127.0.0.1.
Usage: scripts/bench-tui.py [path/to/vflow] [runs]
"""
import os, pty, select, sys, time, tempfile, signal, statistics

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/vflow"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
MARK = b"help"  # last word of the footer line: the frame is complete
CLK = os.sysconf("SC_CLK_TCK")


def spawn(home):
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=home + "/data",
               XDG_CONFIG_HOME=home + "/config", TERM="xterm-256color",
               COLUMNS="120", LINES="40")
    env = {k: v for k, v in env.items() if not k.startswith("VFLOW_")}
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN], env)
    # set the window size of the pty
    import fcntl, termios, struct
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return pid, fd, t0


def read_until(fd, mark, timeout=10.0):
    buf = b""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            buf += chunk
            if mark in buf:
                return buf, time.perf_counter()
    raise SystemExit(f"no {mark!r} within {timeout}s; got {buf[-300:]!r}")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return int(parts[11]) + int(parts[12])  # utime + stime


def drain(fd):
    while True:
        r, _, _ = select.select([fd], [], [], 0)
        if not r:
            return
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def stop(pid, fd):
    os.write(fd, b"\x03")
    for _ in range(100):
        drain(fd)
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)


def main():
    if not os.path.exists(BIN):
        raise SystemExit(f"{BIN} not found: run cargo build --release first")
    firsts, rsss = [], []
    with tempfile.TemporaryDirectory() as home:
        for i in range(RUNS):
            pid, fd, t0 = spawn(home)
            _, t1 = read_until(fd, MARK)
            firsts.append((t1 - t0) * 1000)
            time.sleep(0.05)
            rsss.append(rss_kb(pid))
            if i < RUNS - 1:
                stop(pid, fd)
        # The last run: idle CPU over 10 s, then RSS after a full send.
        drain(fd)
        c0, w0 = cpu_ticks(pid), time.perf_counter()
        end = w0 + 10
        while time.perf_counter() < end:
            drain(fd)
            time.sleep(0.2)
        c1, w1 = cpu_ticks(pid), time.perf_counter()
        idle_pct = (c1 - c0) / CLK / (w1 - w0) * 100
        # Raw output is a diff of frames: wait for words that are new on each screen.
        os.write(fd, b"\x07")
        read_until(fd, b"sender")
        os.write(fd, b"13800138000\r")
        read_until(fd, b"REGISTER_SMS")
        os.write(fd, b"\r\r")
        read_until(fd, b"about to be sent")
        os.write(fd, b"\r")
        read_until(fd, b"Delivered code")
        time.sleep(0.1)
        rss_after = rss_kb(pid)
        stop(pid, fd)
    print(f"binary: {BIN} ({os.path.getsize(BIN) / 1e6:.1f} MB)")
    print(f"first frame (exec -> complete frame), {RUNS} runs: "
          f"median {statistics.median(firsts):.1f} ms, min {min(firsts):.1f} ms, max {max(firsts):.1f} ms")
    print(f"RSS at first frame (in-process simulator running): median {statistics.median(rsss) / 1024:.1f} MB")
    print(f"RSS after a send, a captcha and an outbox read: {rss_after / 1024:.1f} MB")
    print(f"idle CPU over 10 s: {idle_pct:.2f} %")


main()
