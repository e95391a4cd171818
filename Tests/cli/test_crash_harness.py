"""The crash harness (`frontdesk-bench crash`): a few rounds of writers on every desk killed with SIGKILL at
random instants, nothing acknowledged lost or doubled; and the harness's checks do catch a damaged store."""
import re
import subprocess

from conftest import BIN

SUMMARY = re.compile(r"crash: (\d+) rounds, (\d+) killed, (\d+) acknowledged, (\d+) verify failures, (\d+) lost, "
                     r"(\d+) duplicates, (\d+) failures")


def crash(tmp_path, *args):
    proc = subprocess.run([str(BIN / "frontdesk-bench"), "crash", "--dir", str(tmp_path), *args],
                          capture_output=True, text=True, timeout=600)
    found = SUMMARY.search(proc.stdout)
    assert found, f"no summary line:\n{proc.stdout}\n{proc.stderr}"
    return proc, [int(n) for n in found.groups()]


def test_writers_killed_at_random_lose_and_double_nothing(tmp_path):
    proc, (rounds, killed, acked, verify, lost, duplicates, failures) = crash(tmp_path, "--rounds", "5", "--seed", "7")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert rounds == 5 and failures == 0 and verify == 0 and lost == 0 and duplicates == 0
    assert killed > 0, "no writer was killed"
    assert acked > 0, "no commit was acknowledged"
    # Every desk wrote: registrations, imports, check-ins, queue moves, bookings and the cashier's bills.
    for op in ("reg", "imp", "chk", "call", "book", "charge", "issue", "pay", "open"):
        assert re.search(rf"\b{op} \d+", proc.stdout), f"no '{op}' commit acknowledged:\n{proc.stdout}"


def test_the_checks_catch_a_store_damaged_behind_its_back(tmp_path):
    # Acknowledged registrations whose MRN was changed, and an invoice number skipped in the sequence.
    proc, (_, _, acked, _, lost, _, failures) = crash(tmp_path, "--rounds", "1", "--kill-chance", "0",
                                                      "--fault", "lost", "--fault", "gap")
    assert proc.returncode != 0
    assert acked > 0 and lost > 0 and failures > lost, proc.stdout
    assert "gaps 1" in proc.stdout and "invoice numbers" in proc.stdout
