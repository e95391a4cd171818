"""`frontdesk verify` exits non-zero naming the first bad seq after tampering with the file."""
import sqlite3

import pytest

from conftest import add_user, run


@pytest.fixture
def tampered_store(store):
    for i in range(4):
        add_user(store, f"clerk{i}", "receptionist", f"clerk-pass-{i}")
    assert run("verify", "--db", store).returncode == 0
    db = sqlite3.connect(store)
    db.executescript("DROP TRIGGER ledger_entries_no_update; DROP TRIGGER ledger_entries_no_delete; PRAGMA foreign_keys=OFF;")
    return db


def verify_fails_at(path, seq):
    proc = run("verify", "--db", path, check=False)
    assert proc.returncode != 0, proc.stdout
    assert f"first bad seq: {seq}" in proc.stdout, proc.stdout
    return proc.stdout


def test_clean_store_passes(store):
    proc = run("verify", "--db", store)
    assert proc.stdout.startswith("OK:")


def test_edited_payload(store, tampered_store):
    tampered_store.execute("UPDATE ledger_entries SET payload = replace(payload, 'clerk2', 'clerk9') WHERE kind = 'user.created' AND payload LIKE '%clerk2%'")
    tampered_store.commit()
    seq = tampered_store.execute("SELECT seq FROM ledger_entries WHERE payload LIKE '%clerk9%'").fetchone()[0]
    out = verify_fails_at(store, seq)
    assert "hash does not match" in out


def test_deleted_row(store, tampered_store):
    tampered_store.execute("DELETE FROM ledger_entries WHERE seq = 14")
    tampered_store.commit()
    out = verify_fails_at(store, 14)
    assert "missing" in out


def test_two_swapped_rows(store, tampered_store):
    cols = "entry_id, tx_id, kind, version, occurred_at, actor_id, payload, prev_hash, hash"
    a = tampered_store.execute(f"SELECT {cols} FROM ledger_entries WHERE seq = 13").fetchone()
    b = tampered_store.execute(f"SELECT {cols} FROM ledger_entries WHERE seq = 14").fetchone()
    tampered_store.execute("UPDATE ledger_entries SET entry_id = upper(entry_id) WHERE seq IN (13, 14)")
    sets = ", ".join(f"{c.strip()} = ?" for c in cols.split(","))
    tampered_store.execute(f"UPDATE ledger_entries SET {sets} WHERE seq = 13", (*b,))
    tampered_store.execute(f"UPDATE ledger_entries SET {sets} WHERE seq = 14", (*a,))
    tampered_store.commit()
    verify_fails_at(store, 13)


def test_corrupt_file_fails_integrity(tmp_path, store):
    data = bytearray(store.read_bytes())
    # Scribble over the middle of the file (past the header), as a failing disk might.
    for i in range(len(data) // 2, len(data) // 2 + 4096):
        data[i] = 0x5A
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(bytes(data))
    proc = run("verify", "--db", broken, check=False)
    assert proc.returncode != 0
    assert "FAIL" in proc.stdout or "frontdesk:" in proc.stderr
