"""A writer killed at an arbitrary instant leaves a consistent store: whole transactions only."""
import signal
import sqlite3
import subprocess
import time

from conftest import BIN, add_user, run


def test_sigkill_during_writes_leaves_whole_transactions(store):
    add_user(store, "clerk.k", "receptionist", "clerk-k-pass")
    for delay in (0.6, 1.1, 1.7):
        proc = subprocess.Popen([str(BIN / "frontdesk-bench"), "append", "--db", str(store), "--user", "clerk.k",
                                 "--count", "100000"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, text=True)
        proc.stdin.write("clerk-k-pass\n")
        proc.stdin.close()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()

        db = sqlite3.connect(store)
        persons, patients = db.execute("SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM patients)").fetchone()
        assert persons == patients > 0
        ledger = db.execute("SELECT count(*), max(seq) FROM ledger_entries").fetchone()
        assert ledger[0] == ledger[1]
        # Every entry is a row change, each row indexed under its record, and covered by one audit record.
        audit = db.execute("SELECT count(*) FROM record_changes").fetchone()[0]
        registrations = db.execute("SELECT count(*) FROM ledger_entries WHERE kind = 'patient.registered'").fetchone()[0]
        assert audit == ledger[0] + registrations
        covered = db.execute("SELECT coalesce(sum(last_seq - first_seq + 1), 0) FROM audit_trail").fetchone()[0]
        assert covered == ledger[0]
        # Every registration in the ledger is whole: one entry carrying the person and the patient.
        assert registrations == patients
        split = db.execute("SELECT count(*) FROM ledger_entries WHERE kind = 'patient.registered' AND "
                           "json_array_length(payload, '$.rows') != 2").fetchone()[0]
        assert split == 0
        db.close()
        assert run("verify", "--db", store).returncode == 0
