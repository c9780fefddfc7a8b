#!/usr/bin/env python3
"""Start the vflow binary in a 120x40 pseudo-terminal and report:
- the time from exec to the first complete frame (the footer's key line drawn),
- the resident memory (VmRSS) once the first frame is up, and after a send,
- the CPU used while idle over 10 seconds.
Loopback only: the TUI runs its in-process simulator on 127.0.0.1.

Side by side with another TUI: --other CMD --marker TEXT times both, in
alternating rounds (median of --runs starts per round), first frame and RSS.
TEXT is what that TUI draws last in its first frame (its bottom line). The
other TUI runs in an empty temporary HOME and working directory. Each round also
times the floor: /bin/echo in the same pty (exec of a trivial program), and prints
both TUIs' time above it. Both TUIs run from copies made for the run, so that their
files sit in the page cache the same way: a binary the linker has just written
maps in smaller pieces than one copied or read back, and that alone made vflow,
timed against a copy of itself, 8% slower (1.08, and 1.01 once both were read back
alike).

Usage: scripts/bench-tui.py [path/to/vflow] [runs]
       scripts/bench-tui.py [path/to/vflow] --other /path/to/atac --marker TEXT [--runs 5] [--rounds 3]
"""
import argparse, os, pty, select, shlex, shutil, sys, time, tempfile, signal, statistics

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("bin", nargs="?", default="target/release/vflow")
ap.add_argument("runs_pos", nargs="?", type=int, metavar="runs")
ap.add_argument("--runs", type=int, help="starts per measurement (default 10, 5 with --other)")
ap.add_argument("--rounds", type=int, default=3, help="alternating rounds with --other")
ap.add_argument("--other", help="command line of another TUI to time beside vflow")
ap.add_argument("--marker", help="text that appears when the other TUI's first frame is complete")
ARGS = ap.parse_args()
BIN = ARGS.bin
RUNS = ARGS.runs or ARGS.runs_pos or (5 if ARGS.other else 10)
MARK = b"help"  # last word of the footer line: the frame is complete
CLK = os.sysconf("SC_CLK_TCK")


def spawn(home, argv=None, cwd=None):
    """Start argv in a 120x40 pty. The clock starts in the child, just before execve (both
    processes read the same monotonic clock), so that forking this Python process is not
    counted: the figure is exec to first frame."""
    argv = argv or [BIN]
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=home + "/data",
               XDG_CONFIG_HOME=home + "/config", TERM="xterm-256color",
               COLUMNS="120", LINES="40")
    env = {k: v for k, v in env.items() if not k.startswith("VFLOW_")}
    rd, wr = os.pipe()
    pid, fd = pty.fork()
    if pid == 0:
        os.close(rd)
        # The window size is set before exec: a TUI that reads it at once sees 120x40.
        import fcntl, termios, struct
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        if cwd:
            os.chdir(cwd)
        os.write(wr, repr(time.perf_counter()).encode())
        os.close(wr)
        os.execve(argv[0], argv, env)
    os.close(wr)
    t0 = float(os.read(rd, 64))
    os.close(rd)
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
            answer_queries(fd, chunk)
            if mark in buf:
                return buf, time.perf_counter()
    raise SystemExit(f"no {mark!r} within {timeout}s; got {buf[-300:]!r}")


def answer_queries(fd, chunk):
    """Answer what a terminal answers: the cursor position (some TUIs wait for it)
    and the primary device attributes."""
    for _ in range(chunk.count(b"\x1b[6n")):
        os.write(fd, b"\x1b[1;1R")
    for q in (b"\x1b[c", b"\x1b[0c"):
        for _ in range(chunk.count(q)):
            os.write(fd, b"\x1b[?62;22c")


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


def first_frame(home, argv, mark, cwd=None):
    """One start: ms from exec to `mark` on screen, VmRSS (kB) right then, and VmRSS half a
    second later (what each TUI builds after its first frame: vflow's puzzle backgrounds)."""
    pid, fd, t0 = spawn(home, argv, cwd)
    _, t1 = read_until(fd, mark)
    rss = rss_kb(pid)
    time.sleep(0.5)
    drain(fd)
    later = rss_kb(pid)
    stop(pid, fd)
    return (t1 - t0) * 1000, rss, later


def side_by_side():
    """Rounds of vflow, the other TUI and a floor: /bin/echo printing the marker (exec of a
    trivial program in the same pty: what no TUI can go below on this machine). Within a round
    the three take turns start by start, so that each figure's median comes from the same
    stretch of the machine's time (a burst of noise hits all three, not one), and the order of
    the turn rotates: a start right after another TUI's half second (vflow draws its puzzle
    backgrounds then, on both cores) finds the CPUs awake, one after the echo finds them idle,
    and each of the three comes after each other as often. (Without the rotation, vflow timed
    against itself came out 1.09.)"""
    other = shlex.split(ARGS.other)
    mark = ARGS.marker.encode()
    floor = [shutil.which("echo") or "/bin/echo", "floor-marker"]
    name = os.path.basename(other[0])
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as ohome, \
            tempfile.TemporaryDirectory() as bins:
        vflow_bin = shutil.copy2(BIN, os.path.join(bins, "vflow"))
        other = [shutil.copy2(shutil.which(other[0]) or other[0], os.path.join(bins, "other"))] + other[1:]
        for r in range(ARGS.rounds):
            starts = (("vflow", [vflow_bin], MARK, home), ("other", other, mark, ohome),
                      ("floor", floor, b"floor-marker", ohome))
            runs = {key: [] for key, _, _, _ in starts}
            for i in range(RUNS):
                turn = starts[i % 3:] + starts[:i % 3]
                for key, argv, m, h in turn:
                    runs[key].append(first_frame(h, argv, m, cwd=h))
            res = {key: (statistics.median(x for x, _, _ in rs),
                         statistics.median(y for _, y, _ in rs) / 1024,
                         statistics.median(z for _, _, z in rs) / 1024)
                   for key, rs in runs.items()}
            (v, vr, vl), (o, orss, ol), (f, _, _) = res["vflow"], res["other"], res["floor"]
            print(f"round {r + 1}: vflow first frame {v:.1f} ms, RSS {vr:.1f} MB ({vl:.1f} MB 0.5 s later) | "
                  f"{name} first frame {o:.1f} ms, RSS {orss:.1f} MB ({ol:.1f} MB) | ratio {v / o:.2f} | "
                  f"floor (exec of echo) {f:.1f} ms, above it: vflow {v - f:.1f} ms, "
                  f"{name} {o - f:.1f} ms, ratio {(v - f) / max(o - f, 0.01):.2f}")
    print(f"(median of {RUNS} starts per figure, 120x40 pty, timed from execve; vflow: {BIN})")


def main():
    if not os.path.exists(BIN):
        raise SystemExit(f"{BIN} not found: run cargo build --release first")
    if ARGS.other:
        if not ARGS.marker:
            raise SystemExit("--other needs --marker TEXT (what its first frame draws last)")
        return side_by_side()
    firsts, rsss = [], []
    with tempfile.TemporaryDirectory() as home:
        for i in range(RUNS):
            pid, fd, t0 = spawn(home)
            _, t1 = read_until(fd, MARK)
            firsts.append((t1 - t0) * 1000)
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
    print(f"RSS at the first frame (in-process simulator running): median {statistics.median(rsss) / 1024:.1f} MB")
    print(f"RSS after a send, a captcha and an outbox read: {rss_after / 1024:.1f} MB")
    print(f"idle CPU over 10 s: {idle_pct:.2f} %")


main()
