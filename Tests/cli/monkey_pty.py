"""One `frontdesk open` in a pseudo-terminal for the monkey test: keys in, output read into a pyte screen,
resizes (TIOCSWINSZ, so the kernel sends SIGWINCH), and the terminal's state after the process ends."""
import fcntl
import os
import select
import struct
import subprocess
import termios
import time

import pyte


class App:
    def __init__(self, binary, store, cols, rows, env=None):
        self.master, self.slave = os.openpty()
        os.set_blocking(self.master, False)
        self.cols, self.rows = cols, rows
        self._set_size()
        full_env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", **(env or {}))
        full_env.pop("NO_COLOR", None)
        self.proc = subprocess.Popen(
            [str(binary), "open", "--db", str(store)], stdin=self.slave, stdout=self.slave, stderr=self.slave,
            env=full_env, start_new_session=True, close_fds=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()  # everything since the last time the application took over the screen
        self.returncode = None

    def _set_size(self):
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))

    def resize(self, cols, rows):
        self.cols, self.rows = cols, rows
        self._set_size()
        self.screen.resize(rows, cols)

    def refresh(self):
        """Makes the application draw the whole screen again (a resize does), so the screen read is whole."""
        cols, rows = self.cols, self.rows
        self.resize(cols - 1 if cols > 20 else cols + 1, rows)
        self.pump(0.1, 5.0)
        self.resize(cols, rows)
        self.pump(0.15, 5.0)

    def write(self, data: bytes):
        view = memoryview(data)
        while view:
            try:
                done = os.write(self.master, view)
            except BlockingIOError:
                self.pump(0.005, 0.05)
                continue
            except OSError:
                return  # the application is gone; the caller sees its exit
            view = view[done:]
            if view:
                self.pump(0.0, 0.02)  # let the application drain its input

    def pump(self, quiet=0.015, limit=5.0) -> int:
        """Reads output until none came for `quiet` seconds (or `limit` passed); returns the bytes read."""
        total = 0
        start = time.monotonic()
        while time.monotonic() - start < limit:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                break
            try:
                data = os.read(self.master, 65536)
            except OSError:
                break
            if not data:
                break
            total += len(data)
            self._take(data)
        return total

    def _take(self, data):
        start = data.rfind(b"\x1b[?1049h")
        if start >= 0:
            self.output = bytearray(data[start:])
        else:
            self.output += data
            if len(self.output) > 4_000_000:
                del self.output[:-1_000_000]
        try:
            self.stream.feed(data)
        except Exception:  # pyte can trip on rare sequences; the screen is only used to steer
            self.screen.reset()

    def poll(self):
        if self.returncode is None:
            self.returncode = self.proc.poll()
        return self.returncode

    def wait(self, timeout):
        try:
            self.returncode = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        self.pump(0.05, 1.0)
        return self.returncode

    def line(self, y):
        # pyte's own `display` trips over cells a wide or combining character left empty.
        row = self.screen.buffer[y]
        return "".join(row[x].data for x in range(self.cols))

    def lines(self):
        return [self.line(y) for y in range(self.rows)]

    def text(self):
        return "\n".join(self.lines())

    def changed_text(self):
        """The text of the lines drawn since the last call (cheaper than the whole screen on every key)."""
        rows = sorted(y for y in self.screen.dirty if y < self.rows)
        self.screen.dirty.clear()
        return {y: self.line(y) for y in rows}

    def cursor_row(self):
        return self.screen.cursor.y

    def restored(self):
        """What is wrong with the terminal after the process ended ([] when it was put back)."""
        problems = []
        tail = bytes(self.output)
        if b"\x1b[?1049l" not in tail:
            problems.append("the alternate screen was not left (no ESC[?1049l after ESC[?1049h)")
        if tail.rfind(b"\x1b[?25l") > tail.rfind(b"\x1b[?25h"):
            problems.append("the cursor was left hidden")
        attrs = termios.tcgetattr(self.slave)
        if not attrs[3] & termios.ICANON or not attrs[3] & termios.ECHO:
            problems.append("the terminal was left raw (ICANON or ECHO off)")
        return problems

    def cpu_seconds(self):
        """CPU time the application has used (user and system), from /proc."""
        try:
            with open(f"/proc/{self.proc.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def stack(self):
        """Every thread's stack of a process that stopped answering (gdb, when installed)."""
        try:
            return subprocess.run(["gdb", "-p", str(self.proc.pid), "-batch", "-ex", "thread apply all bt"],
                                  capture_output=True, text=True, timeout=60).stdout[-6000:]
        except (OSError, subprocess.TimeoutExpired):
            return "(no gdb)"

    def close(self):
        if self.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.master >= 0:
            os.close(self.master)
            os.close(self.slave)
            self.master = self.slave = -1
