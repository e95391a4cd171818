"""The monkey test of the terminal (monkey.py): 20,000 random keys, pastes, resizes and signals across every
desk in every role of the demo, through a pseudo-terminal. No crash or hang, the terminal restored on every
exit, and the store verifies."""
import re
import subprocess
import sys

from conftest import BIN, ROOT

SUMMARY = re.compile(r"monkey: (\d+) keys, (\d+) crashes, (\d+) hangs, (\d+) restore failures, (\d+) verify failures, "
                     r"(\d+) other failures, (\d+) restarts")
USERS = ("admin", "reception", "nurse", "pharmacy", "cashier", "supervisor", "dr.achieng")


def test_twenty_thousand_random_keys_in_every_role(tmp_path):
    # Two terminals on one store, 10,000 keys each: what one commits, the other's screens reload.
    proc = subprocess.run([sys.executable, str(ROOT / "Tests" / "cli" / "monkey.py"), "--keys", "20000", "--seed", "2026",
                           "--processes", "2", "--store", str(tmp_path / "demo.sqlite"), "--bin", str(BIN),
                           "--report", str(tmp_path / "failures.jsonl")],
                          capture_output=True, text=True, timeout=1200)
    found = SUMMARY.search(proc.stdout)
    assert found, proc.stdout + proc.stderr[-5000:]
    keys, crashes, hangs, restore, verify, other, _ = map(int, found.groups())
    assert (crashes, hangs, restore, verify, other) == (0, 0, 0, 0, 0), proc.stdout + proc.stderr[-5000:]
    assert proc.returncode == 0
    assert keys >= 20000
    for user in USERS:
        assert re.search(rf"\b{re.escape(user)} [1-9]", proc.stdout), f"never signed in as {user}:\n{proc.stdout}"
    # At least the last exit went through Ctrl-Q and its question, and the terminal was checked after it.
    assert re.search(r"quit, planned [1-9]", proc.stdout), proc.stdout
