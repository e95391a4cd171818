#!/usr/bin/env python3
"""The monkey test of the terminal: random keys, pastes, resizes and the odd signal into `frontdesk open`
through a pseudo-terminal, signed in as each demo user in turn (every desk, every role). Fails on a crash
(a signal, a Swift fatal error), a hang, a terminal not restored on exit, or a store that does not verify;
each failure prints the seed and the last keys.

    python3 Tests/cli/monkey.py --keys 1000000 --seed 1 [--processes 2] [--store demo.sqlite] [--bin .build/release]
"""
import argparse
import collections
import json
import os
import pathlib
import random
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from monkey_keys import KeySource  # noqa: E402
from monkey_pty import App  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SIGN_IN, LOCKED, QUIT_Q, SIGN_OUT_Q = "Sign in to FrontDesk", "This terminal is locked", "Quit FrontDesk on this terminal?", "Sign out? Anything"
# Esc on a form with typed changes asks this first; a person leaving answers y.
DISCARD_Q = "Discard changes?"


# An administrator the driver keeps for itself (never signed in on the screen, so random keys cannot lock it
# out): it lifts the lockouts that wrong passwords typed at random cause.
KEEPER, KEEPER_PASSWORD = "monkey.keeper", "monkey-keeper-1"
REPORT = os.environ.get("MONKEY_REPORT")  # failures are also appended here, one JSON object a line


def demo_logins(binary_dir, store):
    """Makes (or reuses) the demo store; returns its users and passwords as `frontdesk demo` prints them."""
    out = subprocess.run([str(binary_dir / "frontdesk"), "demo", "--db", str(store)], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, check=True, timeout=900).stdout
    lines = out.split("Sign in as:")[1].strip().splitlines()
    users = [(parts[0], parts[1]) for parts in (line.split() for line in lines) if len(parts) >= 3]
    subprocess.run([str(binary_dir / "frontdesk"), "user", "add", "--db", str(store), "--as", "admin", "--password-stdin",
                    KEEPER, "--name", "Monkey keeper", "--role", "admin"], input=f"{dict(users)['admin']}\n{KEEPER_PASSWORD}\n",
                   capture_output=True, text=True, timeout=120)  # refused when it exists already: fine
    return users


class Monkey:
    def __init__(self, binary_dir, store, users, seed, index=0):
        self.binary_dir, self.store, self.users, self.seed, self.index = binary_dir, store, users, seed, index
        self.rng = random.Random(seed)
        self.source = KeySource(self.rng)
        self.recent = collections.deque(maxlen=40)
        self.stats = collections.Counter()
        self.screens = set()
        self.failures = []
        self.next_user = (seed + index) % len(users)
        self.user = None
        self.app = None
        self.session_keys = 0
        self.session_limit = 0
        self.finishing = False
        self.steps = 0
        self.verified_at = time.monotonic()

    # MARK: the application's life

    def start(self):
        cols, rows = self.source.size() if self.rng.random() < 0.5 else (100, 30)
        cols, rows = max(cols, 80), max(rows, 24)
        self.app = App(self.binary_dir / "frontdesk", self.store, cols, rows)
        self.stats["starts"] += 1
        self.settle(SIGN_IN, 30)
        self.sign_in()

    def settle(self, wanted=None, limit=10.0):
        """Reads output until the screen is still (and shows `wanted`, when given) or `limit` passed."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            got = self.app.pump(0.1, 2.0)
            if self.app.poll() is not None:
                return
            if (wanted is None and got == 0) or (wanted is not None and wanted in self.app.text()):
                return

    def wait_for(self, predicate, limit):
        """Reads output until `predicate(screen text)` holds, the application exits, or `limit` seconds pass."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and self.app.poll() is None:
            self.app.pump(0.05, 0.5)
            if predicate(self.app.text()):
                return True
        return False

    def full_size(self):
        """The desks need 80×24: smaller shows only a notice, so the driver's own steps enlarge it first."""
        if self.app.cols < 80 or self.app.rows < 24:
            self.app.resize(max(self.app.cols, 100), max(self.app.rows, 30))
            self.settle(None, 5)

    def sign_in(self, retried=False):
        self.full_size()
        self.drain()
        self.app.write(b"\x1b")  # closes the help overlay, should F1 have opened one over the sign-in
        self.drain()
        self.app.refresh()
        if SIGN_IN not in self.app.text() or LOCKED in self.app.text() or self.app.poll() is not None:
            return
        user, password = self.users[self.next_user]
        # Whichever field has the focus: clear both, and Enter with both empty puts the focus on the
        # password (from the username it moves on; from the password it says "type both"); Tab goes back.
        self.app.write(b"\x15\t\x15\r\t" + user.encode() + b"\t" + password.encode() + b"\r")
        answered = ("Wrong username", "is locked", "is disabled", "Type your")
        self.wait_for(lambda text: SIGN_IN not in text or any(a in text for a in answered), 30)
        text = self.app.text()
        if self.app.poll() is not None:
            return
        if SIGN_IN in text:
            if "is locked" in text and not retried:
                self.unlock_account(user)
                return self.sign_in(retried=True)
            self.fail("driver", f"could not sign in as {user}: {self.screen_excerpt()}")
            self.next_user = (self.next_user + 1) % len(self.users)
            return
        self.user = user
        self.next_user = (self.next_user + 1) % len(self.users)
        self.stats["sign-ins"] += 1
        self.stats["sign-in " + user] += 1
        self.session_keys = 0
        self.session_limit = self.rng.randint(1200, 3600)

    def unlock_account(self, user):
        """A lockout the random keys caused (wrong passwords on the lock screen): the administrator lifts it."""
        password = dict(self.users)[user]
        proc = subprocess.run([str(self.binary_dir / "frontdesk"), "user", "reset-password", "--db", str(self.store), "--as",
                               KEEPER, "--password-stdin", user], input=f"{KEEPER_PASSWORD}\n{password}\n",
                              capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            self.fail("driver", f"could not lift {user}'s lockout: {proc.stdout}{proc.stderr}")
        self.stats["lockouts lifted"] += 1

    def ended(self, expected_signal=None, planned=False):
        """The application exited: how, the terminal it left, the store; then it starts again."""
        code = self.app.returncode
        output = bytes(self.app.output)
        if expected_signal == signal.SIGKILL:
            pass  # the driver killed a hung application; the hang is already reported
        elif code is not None and code < 0:
            self.fail("crash", f"killed by signal {-code}")
        elif b"Fatal error" in output:
            self.fail("crash", "Swift fatal error: " + output[output.find(b"Fatal error"):][:600].decode(errors="replace"))
        elif expected_signal is not None and code != 128 + expected_signal:
            self.fail("exit", f"exited {code} after signal {expected_signal}, not {128 + expected_signal}")
        elif expected_signal is None and code != 0:
            self.fail("exit", f"exited {code}: {output[-600:].decode(errors='replace')}")
        if expected_signal != signal.SIGKILL:  # nothing can restore a terminal after SIGKILL
            for problem in self.app.restored():
                self.fail("restore", f"{problem} (exit status {code})")
        self.stats["exits " + ("signal" if expected_signal else "quit, planned" if planned else "quit, random keys")] += 1
        self.app.close()
        if time.monotonic() - self.verified_at > 60 or self.failures:
            self.verify()  # at most once a minute (and at the end): it reads the whole store
        if not self.finishing:
            self.start()

    def verify(self):
        self.verified_at = time.monotonic()
        proc = subprocess.run([str(self.binary_dir / "frontdesk"), "verify", "--db", str(self.store)], capture_output=True,
                              text=True, timeout=600)
        self.stats["verify runs"] += 1
        if proc.returncode != 0:
            self.fail("verify", (proc.stdout + proc.stderr)[-1500:])

    # MARK: the keys

    def send(self, kind, data, count):
        self.recent.append((kind, data))
        self.stats["keys"] += count
        self.stats["actions " + kind] += 1
        self.session_keys += count
        self.app.write(data)

    def step(self):
        roll = self.rng.random()
        if self.session_keys > self.session_limit:
            # The session ends: signed out (the next role signs in), quit (the terminal must be restored and
            # the application starts again), or a signal (the same, through SignalGuard).
            if roll < 0.6:
                return self.leave(b"\x1b[21~", SIGN_OUT_Q, "sign-outs planned")  # F10
            if roll < 0.85:
                return self.leave(b"\x11", QUIT_Q, "quits planned")  # Ctrl-Q
            return self.send_signal()
        if roll < 0.05:
            cols, rows = self.source.size()
            self.recent.append(("resize", f"{cols}x{rows}".encode()))
            self.stats["resizes"] += 1
            self.app.resize(cols, rows)
        elif roll < 0.09:
            kind, data, count = self.source.desk_jump()
            self.send(kind, data[:5], 5)  # Esc, apart from the function key, so it is not read as Alt
            self.app.pump(0.03, 1.0)
            self.send(kind, data[5:], 1)
        elif roll < 0.11:
            self.send(*self.source.paste())
        elif roll < 0.19:
            self.send(*self.source.word())
        else:
            self.send(*self.source.keys())
        self.react(self.app.pump(0.006, 3.0))

    def drain(self):
        """Waits for the application to work through the keys already sent (its output goes quiet)."""
        self.app.pump(0.15, 30.0)

    def leave(self, key, question, counter):
        """Signs out or quits as a person would: the key, then y on the question."""
        self.full_size()
        self.drain()
        for _ in range(3):
            if key != b"\x11" and (SIGN_IN in self.app.text() or LOCKED in self.app.text()):
                return self.react(0)  # signed out already (random keys), or locked: unlock or sign in first
            self.app.write(b"\x1b")  # out of an overlay or a question first
            self.app.pump(0.05, 2.0)
            if DISCARD_Q in self.app.text():  # the Esc left a form with typed changes: let them go
                self.recent.append(("leave", b"y"))
                self.app.write(b"y")
                self.app.pump(0.05, 2.0)
            self.recent.append(("leave", key))
            self.app.write(key)
            if self.wait_for(lambda text: question in text, 5):
                break
        else:
            self.stats["leave refused"] += 1
            if os.environ.get("MONKEY_DEBUG"):
                print("LEAVE REFUSED", key, self.screen_excerpt(), file=sys.stderr)
            return self.react(0)
        self.recent.append(("leave", b"y"))
        self.app.write(b"y")
        self.stats[counter] += 1
        if question == QUIT_Q:
            if self.app.wait(20) is None:
                self.fail("exit", "still running 20 s after Ctrl-Q, y")
                self.app.proc.kill()
                self.app.wait(10)
            return self.ended(planned=True)
        self.session_keys = 0
        self.react(self.app.pump(0.05, 3.0))

    def send_signal(self):
        sig = self.rng.choice([signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
        self.recent.append(("signal", str(sig).encode()))
        self.app.proc.send_signal(sig)
        if self.app.wait(10) is None:
            self.fail("hang", f"still running 10 s after signal {sig}", stack=self.app.stack())
            self.app.proc.kill()
            self.app.wait(10)
        self.ended(expected_signal=int(sig))

    def react(self, got):
        """Steers after each action: restarts after an exit, unlocks, signs in again, and looks for hangs."""
        if self.app.poll() is not None:
            return self.ended()
        self.stats["silent actions"] = 0 if got else self.stats["silent actions"] + 1
        if self.stats["silent actions"] >= 40:
            self.probe()
        changed = self.app.changed_text()
        if 1 in changed and changed[1].strip():  # the screen's title, under the status line
            self.screens.add((self.user, " ".join(changed[1].split())[:60]))
        self.steps += 1
        if not any(LOCKED in line or SIGN_IN in line for line in changed.values()):
            if self.steps % 25:
                return
            text = self.app.text()  # now and then the whole screen: a sign-in screen left as it was
            if LOCKED not in text and SIGN_IN not in text:
                return
        self.drain()
        self.app.refresh()
        text = self.app.text()
        if LOCKED in text:
            password = dict(self.users).get(self.user, "")
            self.app.write(b"\x15" + password.encode() + b"\r")
            self.stats["unlocks"] += 1
            self.wait_for(lambda text: LOCKED not in text or "Wrong" in text, 30)
        elif SIGN_IN in text and self.app.poll() is None:
            self.sign_in()

    def probe(self):
        """Many actions drew nothing: a resize must redraw. An application that works through typed Enters
        (each a password check on a sign-in or lock screen too small to show it) is slow, not hung; one that
        neither draws nor uses CPU for 20 s, or is still busy after 3 minutes, hangs."""
        self.stats["silent actions"] = 0
        self.app.resize(self.app.cols + (1 if self.app.cols < 200 else -1), self.app.rows)
        start = progress = time.monotonic()
        cpu = self.app.cpu_seconds()
        while self.app.pump(0.5, 5.0) == 0 and self.app.poll() is None:
            now, used = time.monotonic(), self.app.cpu_seconds()
            if used > cpu + 0.05:
                cpu, progress = used, now
            if now - progress > 20 or now - start > 180:
                self.fail("hang", f"no redraw {now - start:.0f} s after a resize, CPU used {cpu:.1f} s in all",
                          stack=self.app.stack())
                self.app.proc.kill()
                self.app.wait(10)
                return self.ended(expected_signal=signal.SIGKILL)
        self.stats["slowest redraw after a resize (s)"] = max(self.stats["slowest redraw after a resize (s)"],
                                                              round(time.monotonic() - start))

    # MARK: reporting

    def screen_excerpt(self):
        return " | ".join(line.strip() for line in self.app.lines() if line.strip())[:800]

    def fail(self, kind, text, stack=None):
        failure = {"kind": kind, "text": text, "seed": self.seed, "process": self.index, "keys": self.stats["keys"],
                   "user": self.user, "last keys": [(k, d.decode(errors="replace")) for k, d in self.recent],
                   "screen": self.screen_excerpt() if self.app else "", "stack": stack}
        self.failures.append(failure)
        if REPORT:
            with open(REPORT, "a") as report:
                report.write(json.dumps(failure) + "\n")
        print(f"MONKEY FAILURE ({kind}): {text}\n  seed {self.seed}, process {self.index}, after {self.stats['keys']} keys, "
              f"as {self.user}\n  last keys: {failure['last keys']}\n  screen: {failure['screen']}"
              + (f"\n  stack:\n{stack}" if stack else ""), file=sys.stderr, flush=True)

    def run(self, keys):
        self.start()
        while self.stats["keys"] < keys:
            self.step()
        self.finishing = True
        self.leave(b"\x11", QUIT_Q, "quits planned")
        if self.app.poll() is None:
            self.fail("exit", "did not quit on Ctrl-Q, y at the end")
        self.app.close()
        self.verify()
        return self


def summary_line(stats, failures):
    count = collections.Counter(f["kind"] for f in failures)
    restarts = stats["starts"] - stats["processes"]
    return (f"monkey: {stats['keys']} keys, {count['crash']} crashes, {count['hang']} hangs, {count['restore']} restore failures, "
            f"{count['verify']} verify failures, {count['exit'] + count['driver']} other failures, {restarts} restarts")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keys", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=1, help="monkeys at once on the same store, keys shared out")
    parser.add_argument("--store", help="a demo store to use (made when missing); a temporary one otherwise")
    parser.add_argument("--bin", default=os.environ.get("FRONTDESK_BIN_DIR", ROOT / ".build" / "debug"))
    parser.add_argument("--report", help="append each failure to this file as a JSON line (stack, screen, last keys)")
    parser.add_argument("--index", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.report:
        global REPORT
        REPORT = os.environ["MONKEY_REPORT"] = str(pathlib.Path(args.report).resolve())
    binary_dir = pathlib.Path(args.bin).resolve()
    temporary = None
    if args.store is None:
        temporary = tempfile.TemporaryDirectory(prefix="frontdesk-monkey-")
        args.store = os.path.join(temporary.name, "demo.sqlite")
    store = pathlib.Path(args.store).resolve()
    users = demo_logins(binary_dir, store)
    started = time.monotonic()
    if args.index is not None:  # one of several processes: print the figures as JSON for the parent
        monkey = Monkey(binary_dir, store, users, args.seed, args.index).run(args.keys)
        print(json.dumps({"stats": monkey.stats, "failures": monkey.failures, "screens": sorted(map(list, monkey.screens))}))
        return
    if args.processes == 1:
        monkey = Monkey(binary_dir, store, users, args.seed).run(args.keys)
        stats, failures, screens = monkey.stats, monkey.failures, monkey.screens
    else:
        children = [subprocess.Popen([sys.executable, __file__, "--keys", str(args.keys // args.processes), "--seed",
                                      str(args.seed * 1000 + n), "--store", str(store), "--bin", str(binary_dir), "--index", str(n)],
                                     stdout=subprocess.PIPE, text=True) for n in range(args.processes)]
        stats, failures, screens = collections.Counter(), [], set()
        for child in children:
            result = json.loads(child.communicate()[0].strip().splitlines()[-1])
            slowest = max(stats["slowest redraw after a resize (s)"], result["stats"].get("slowest redraw after a resize (s)", 0))
            stats.update(result["stats"])
            stats["slowest redraw after a resize (s)"] = slowest
            failures += result["failures"]
            screens |= {tuple(s) for s in result["screens"]}
        Monkey(binary_dir, store, users, args.seed).verify()
    stats["processes"] = args.processes
    wall = time.monotonic() - started
    print(f"monkey test: seed {args.seed}, {args.processes} process(es), {wall:.0f} s, {stats['keys'] / wall:.0f} keys/s")
    print("  actions: " + ", ".join(f"{k[8:]} {v}" for k, v in sorted(stats.items()) if k.startswith("actions "))
          + f", resizes {stats['resizes']}")
    print(f"  sign-ins: {stats['sign-ins']} (" + ", ".join(f"{k[8:]} {v}" for k, v in sorted(stats.items()) if k.startswith("sign-in "))
          + f"); unlocks {stats['unlocks']}; lockouts lifted {stats['lockouts lifted']}")
    print("  exits: " + ", ".join(f"{k[6:]} {v}" for k, v in sorted(stats.items()) if k.startswith("exits "))
          + f"; sign-outs planned {stats['sign-outs planned']}; store verified {stats['verify runs']} times")
    print(f"  distinct (user, screen title) pairs seen: {len(screens)}; slowest redraw after a resize, when many "
          f"actions drew nothing: {stats['slowest redraw after a resize (s)']} s")
    print(summary_line(stats, failures))
    if temporary:
        temporary.cleanup()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
