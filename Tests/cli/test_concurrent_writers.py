"""Two processes appending at once end with a contiguous seq and a sound chain."""
import json
import sqlite3
import subprocess

from conftest import BIN, add_user, run
from ledger_python import first_bad_seq

PER_PROCESS = 5000


def test_two_processes_of_5000_changes_each(store):
    add_user(store, "clerk.a", "receptionist", "clerk-a-pass")
    add_user(store, "clerk.b", "receptionist", "clerk-b-pass")
    before = int(sqlite3.connect(store).execute("SELECT max(seq) FROM ledger_entries").fetchone()[0])
    procs = [
        subprocess.Popen([str(BIN / "frontdesk-bench"), "append", "--db", str(store), "--user", user,
                          "--count", str(PER_PROCESS), "--seed", str(seed)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for user, seed in (("clerk.a", 1), ("clerk.b", 2))
    ]
    for proc, password in zip(procs, ("clerk-a-pass", "clerk-b-pass")):
        proc.stdin.write(password + "\n")
        proc.stdin.close()
    for proc in procs:
        assert proc.wait(timeout=900) == 0, proc.stderr.read()

    db = sqlite3.connect(store)
    seqs = [row[0] for row in db.execute("SELECT seq FROM ledger_entries ORDER BY seq")]
    expected_total = before + 2 * PER_PROCESS  # each registration writes one entry, the person and the patient
    assert seqs == list(range(1, expected_total + 1))
    # Both writers' changes interleave in one chain.
    actors = {row[0] for row in db.execute("SELECT DISTINCT actor_id FROM ledger_entries WHERE seq > ?", (before,))}
    assert len(actors) == 2
    # MRNs are gap-free across the two processes.
    assert db.execute("SELECT count(*), count(DISTINCT mrn) FROM patients").fetchone() == (2 * PER_PROCESS,) * 2
    entries = [json.loads(line) for line in run("ledger", "export", "--db", store).stdout.splitlines()]
    assert len(entries) == expected_total
    assert first_bad_seq(entries) is None
    assert run("verify", "--db", store).returncode == 0
