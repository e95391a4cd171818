"""Drives the real binary in tmux: send keys, read the screen back, wait for text."""
import os
import subprocess
import time
import uuid


class Tmux:
    def __init__(self, width=80, height=24):
        self.name = "fd-" + uuid.uuid4().hex[:8]
        self.socket = "fdtest-" + self.name
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color", PS1="$ ")
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                   "PS1='$ ' bash --norc --noprofile", env=env)
        self._tmux("set-option", "-t", self.name, "status", "off")
        # Address the first pane by id: after a split, the session name means the new pane.
        self.main = self._tmux("display-message", "-p", "-t", self.name, "#{pane_id}").strip()
        self.wait_for("$")

    def _tmux(self, *args, env=None):
        return subprocess.run(["tmux", "-u", "-L", self.socket, *args], capture_output=True, text=True,
                              env=env or dict(os.environ, LANG="C.UTF-8"), check=True).stdout

    def send(self, *keys, pane=None):
        self._tmux("send-keys", "-t", pane or self.main, *keys)

    def type(self, text, pane=None):
        self._tmux("send-keys", "-l", "-t", pane or self.main, text)

    def run(self, command, pane=None):
        self.type(command, pane)
        self.send("Enter", pane=pane)

    def screen(self, pane=None, styled=False):
        """The pane's text; `styled` keeps the colour and attribute escapes (to see a highlight)."""
        return self._tmux("capture-pane", "-p", *(["-e"] if styled else []), "-t", pane or self.main)

    def wait_for(self, text, timeout=10.0, pane=None):
        """Waits until `text` is on the screen; returns the seconds it took."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if text in self.screen(pane):
                return time.monotonic() - start
            time.sleep(0.02)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; screen:\n{self.screen(pane)}")

    def wait_gone(self, text, timeout=10.0, pane=None):
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if text not in self.screen(pane):
                return
            time.sleep(0.05)
        raise AssertionError(f"{text!r} still on screen:\n{self.screen(pane)}")

    def resize(self, width, height):
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def split(self):
        """Splits the window side by side; returns the new pane's id."""
        return self._tmux("split-window", "-h", "-t", self.name, "-P", "-F", "#{pane_id}",
                          "PS1='$ ' bash --norc --noprofile").strip()

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


# The application in a tmux pane: start it, sign in, and check the terminal after it exits.

def start(tmux, store, *extra, pane=None):
    from conftest import BIN
    args = " ".join(extra)
    tmux.run(f"{BIN / 'frontdesk'} --db {store} {args}; echo EXIT=$?", pane=pane)
    tmux.wait_for("Sign in to FrontDesk", pane=pane)


def sign_in(tmux, username, password, pane=None):
    tmux.type(username, pane)
    tmux.send("Tab", pane=pane)
    tmux.type(password, pane)
    tmux.send("Enter", pane=pane)


def assert_sane_afterwards(tmux, store, exit_code="0"):
    """The app exited with `exit_code`, the terminal echoes and is line-buffered again, and the
    store passes `frontdesk verify`."""
    from conftest import run
    tmux.wait_for(f"EXIT={exit_code}")
    tmux.run("stty -a | tr ' ' '\\n' | grep -xE -- '-?(echo|icanon)' | tr '\\n' ' '; echo")
    tmux.wait_for("\nicanon echo")
    tmux.run("echo typed-back-ok")
    tmux.wait_for("typed-back-ok\n")
    assert run("verify", "--db", store).returncode == 0

