"""`scripts/bench tui`: time from exec to the sign-in screen drawn, and keystroke-to-screen
latency, through a pseudo-terminal at 80×24. Prints figures; asserts nothing."""
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

MARKER = b"Sign in to FrontDesk"


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def read_until(fd, marker, timeout=10.0):
    data = b""
    deadline = time.monotonic() + timeout
    while marker not in data:
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError(f"no {marker!r} within {timeout}s")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            data += os.read(fd, 65536)
    return data


def drain(fd, quiet=0.03):
    while select.select([fd], [], [], quiet)[0]:
        os.read(fd, 65536)


def stop(pid, fd):
    try:
        os.kill(pid, 15)
        os.waitpid(pid, 0)
    finally:
        os.close(fd)


def start_times(argv, runs):
    out = []
    for _ in range(runs):
        t0 = time.monotonic()
        pid, fd = spawn(argv)
        read_until(fd, MARKER)
        out.append(time.monotonic() - t0)
        stop(pid, fd)
    return out


def keystroke_times(argv, count):
    pid, fd = spawn(argv)
    read_until(fd, MARKER)
    drain(fd, 0.3)
    out = []
    for i in range(count):
        key = b"a" if i % 2 == 0 else b"\x7f"  # type, then erase: the field never fills
        t0 = time.monotonic()
        os.write(fd, key)
        select.select([fd], [], [], 2.0)
        out.append(time.monotonic() - t0)
        drain(fd, 0.01)
    stop(pid, fd)
    return out


def summary(values):
    ms = sorted(v * 1000 for v in values)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"median {statistics.median(ms):6.2f} ms  p99 {p99:6.2f} ms  (n={len(ms)})"


def cpu_percent_idle(argv, seconds=5.0):
    pid, fd = spawn(argv)
    read_until(fd, MARKER)
    drain(fd, 0.3)
    def ticks():
        with open(f"/proc/{pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return int(parts[11]) + int(parts[12])
    t0, c0 = time.monotonic(), ticks()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        drain(fd, 0.2)
    used = (ticks() - c0) / os.sysconf("SC_CLK_TCK")
    stop(pid, fd)
    return 100.0 * used / (time.monotonic() - t0)


def refresh_times(frontdesk, store, count):
    """Another process commits; how long until this terminal's screen changes (no key pressed)."""
    pid, fd = spawn([frontdesk, "--db", store])
    read_until(fd, MARKER)
    os.write(fd, b"admin\tbench-admin-1\r")
    read_until(fd, b"Ledger entries")
    drain(fd, 0.5)
    out = []
    for i in range(count):
        subprocess.run([frontdesk, "settings", "idle-lock", "--db", store, "--as", "admin", "--password-stdin",
                        str(5 + i % 2)], input=b"bench-admin-1\n", check=True, capture_output=True)
        t0 = time.monotonic()
        select.select([fd], [], [], 5.0)
        out.append(time.monotonic() - t0)
        drain(fd, 0.05)
    stop(pid, fd)
    return out


def lookup_times(frontdesk, store, rounds):
    """On the registration desk of a big store: keystroke -> screen update while lookups run
    (each key supersedes the running lookup), and last key -> ranked results on screen."""
    pid, fd = spawn([frontdesk, "--db", store])
    read_until(fd, MARKER)
    os.write(fd, b"clerk\tbench-clerk-1\r")
    read_until(fd, b"Registration")
    os.write(fd, b"\x1bOQ")  # F2
    read_until(fd, b"Find or register")
    drain(fd, 0.3)
    fragments = ["kam ot", "ngu th", "wan ach", "pat pri", "moh ali", "oka am", "mwa ne", "zha we", "gar ma", "kip bri"]
    keys, results = [], []
    for i in range(rounds):
        text = fragments[i % len(fragments)]
        for ch in text.encode():
            t0 = time.monotonic()
            os.write(fd, bytes([ch]))
            select.select([fd], [], [], 2.0)
            keys.append(time.monotonic() - t0)
            os.read(fd, 65536)
        t0 = time.monotonic()
        read_until(fd, b"found", timeout=5.0)
        results.append(time.monotonic() - t0)
        os.write(fd, b"\x15")  # Ctrl-U clears the box
        drain(fd, 0.1)
    stop(pid, fd)
    return keys, results


def main():
    frontdesk = sys.argv[1]
    lookup_store = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as tmp:
        bare = os.path.join(tmp, "bare_ncurses")
        subprocess.run(["cc", "-O2", "-o", bare, os.path.join(os.path.dirname(__file__), "bare_ncurses.c"), "-lncursesw"],
                       check=True)
        store = os.path.join(tmp, "bench.sqlite")
        subprocess.run([frontdesk, "init", "--db", store, "--facility", "Bench Hospital", "--timezone", "UTC",
                        "--currency", "USD", "--admin", "admin", "--password-stdin"], input=b"bench-admin-1\n",
                       check=True, capture_output=True)
        app = [frontdesk, "--db", store]
        print("tui benchmark (pseudo-terminal 80x24)")
        print("  exec -> first screen, bare ncurses program : " + summary(start_times([bare], 30)))
        print("  exec -> sign-in screen drawn, frontdesk    : " + summary(start_times(app, 30)) + "  (target < 100 ms)")
        print("  keystroke -> screen update, frontdesk      : " + summary(keystroke_times(app, 400)) + "  (target < 16 ms)")
        print("  commit in another process -> screen update : " + summary(refresh_times(frontdesk, store, 30)) + "  (target < 1 s)")
        print(f"  CPU while idle on the sign-in screen       : {cpu_percent_idle(app):.2f} %  (target < 1 %)")
        if lookup_store:
            keys, results = lookup_times(frontdesk, lookup_store, 60)
            print(f"  on the registration desk of {os.path.basename(lookup_store)}:")
            print("  keystroke -> screen update, lookups running: " + summary(keys) + "  (target < 16 ms)")
            print("  last key -> ranked results on screen       : " + summary(results))


if __name__ == "__main__":
    main()
