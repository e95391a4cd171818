"""`frontdesk verify` exits non-zero naming the first bad seq after tampering with the file."""
import datetime
import json
import uuid
import shutil
import sqlite3

import pytest

from conftest import add_user, run
from ledger_python import entry_hash


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


# --- Tampering behind the ledger's back (issue 11, defect 4), on a copy of the demo facility ---
DEMO_ADMIN = ("admin", "admin-demo-1")


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """One demo facility per module, with an appointment booked; each test works on a copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    run("demo", "--db", path)
    mrn = sqlite3.connect(path).execute("SELECT mrn FROM patients ORDER BY mrn LIMIT 1").fetchone()[0]
    today = datetime.date.today()
    for ahead in range(1, 15):
        day = today + datetime.timedelta(days=ahead)
        booked = run("appointments", "book", "--db", path, "--as", "reception", "--password-stdin", "--patient", mrn,
                     "--doctor", "Haddad", "--day", day.isoformat(), "--time", "09:00", stdin="reception-demo-1\n", check=False)
        if booked.returncode == 0:
            break
    else:
        raise AssertionError(f"could not book an appointment: {booked.stdout}{booked.stderr}")
    # Fold the WAL into the file, so that copying the file copies everything.
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return path


@pytest.fixture
def demo(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


def tamper(path, *sql):
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = OFF")
    for statement in sql:
        db.executescript(statement)
    db.commit()
    db.close()


def failures(path, *extra):
    proc = run("verify", "--db", path, *extra, check=False)
    assert proc.returncode != 0, f"verify said OK:\n{proc.stdout}"
    return proc.stdout


def test_clean_demo_store_verifies_ok_with_counts_and_head(demo):
    out = run("verify", "--db", demo).stdout
    assert out.startswith("OK:"), out
    assert "rows in 41 tables equal their last ledger entry" in out  # 28, the six of the beds desk, the seven of the pharmacy
    head_seq, head_hash = sqlite3.connect(demo).execute(
        "SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1").fetchone()
    assert out.splitlines()[-1] == f"Ledger head {head_seq}:{head_hash[:12]}"


def test_a_receptionist_made_admin_behind_the_ledger_is_named(demo):
    run("user", "add", "--db", demo, "--as", "admin", "--password-stdin", "amina", "--name", "Amina Clerk",
        "--role", "receptionist", stdin="admin-demo-1\namina-pass-1\n")
    tamper(demo, "UPDATE users SET role_id = 'admin' WHERE username = 'amina'")
    # She can now add an administrator through the write path: that row is ledgered, her own is not.
    run("user", "add", "--db", demo, "--as", "amina", "--password-stdin", "evil", "--name", "Evil", "--role", "admin",
        stdin="amina-pass-1\nevil-pass-123\n")
    user_id = sqlite3.connect(demo).execute("SELECT user_id FROM users WHERE username = 'amina'").fetchone()[0]
    out = failures(demo)
    assert f'FAIL: state: users {user_id}: role_id is "admin" in the table, "receptionist" in the ledger' in out, out


@pytest.mark.parametrize("sql, expected", [
    ("UPDATE fee_schedule SET amount_minor = 1 WHERE code = 'CONSULT'", "amount_minor is 1 in the table"),
    ("UPDATE persons SET last_name = 'Mallory' WHERE person_id = (SELECT min(person_id) FROM persons)",
     'last_name is "Mallory" in the table'),
    ("DELETE FROM appointments", "not in the table (deleted behind the ledger's back)"),
    ("UPDATE number_sequences SET last_value = 0 WHERE name = 'mrn'",
     "FAIL: number sequence: mrn stands at 0, but the ledger's records were issued up to 3000"),
    ("UPDATE facilities SET currency = 'USD'", 'currency is "USD" in the table, "KES" in the ledger'),
    ("DROP TRIGGER ledger_entries_no_update", "FAIL: schema: trigger ledger_entries_no_update is missing"),
    ("DROP TRIGGER record_changes_no_delete; DELETE FROM record_changes WHERE ledger_seq = 7", "FAIL: audit: seq 7 ("),
    ("DROP TRIGGER audit_trail_no_delete; DELETE FROM audit_trail WHERE 7 BETWEEN first_seq AND last_seq",
     "FAIL: audit: seq 7 ("),
    ("DROP TRIGGER security_log_no_delete; DELETE FROM security_log WHERE event_id = 1",
     "FAIL: security log: event 1 is missing"),
])
def test_tampering_is_named(demo, sql, expected):
    tamper(demo, sql)
    out = failures(demo)
    assert expected in out, out


def test_problems_are_grouped_and_capped(demo):
    tamper(demo, "UPDATE persons SET address = 'Nowhere'", "DROP TRIGGER audit_trail_no_update")
    out = failures(demo)
    lines = out.splitlines()
    state = [line for line in lines if line.startswith("FAIL: state: ")]
    assert len(state) == 21, out
    assert state[-1] == "FAIL: state: … and 2980 more state problems", out
    assert lines[-1].startswith("3001 problems found. Ledger head "), out  # 3000 persons and the trigger
    # Groups come one after the other: the schema line before every state line.
    assert lines.index("FAIL: schema: trigger audit_trail_no_update is missing (the migrations made it)") < lines.index(state[0])


def head_of(path):
    seq, digest = sqlite3.connect(path).execute("SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1").fetchone()
    return seq, digest


def test_head_check_passes_on_an_untouched_store(demo):
    seq, digest = head_of(demo)
    out = run("verify", "--db", demo, "--head", f"{seq}:{digest[:12]}").stdout
    assert f"OK: the ledger still holds seq {seq} with hash {digest[:12]}." in out, out


def test_head_check_refuses_a_short_prefix(demo):
    seq, digest = head_of(demo)
    proc = run("verify", "--db", demo, "--head", f"{seq}:{digest[:11]}", check=False)
    assert proc.returncode != 0
    assert "at least 12 hex digits" in proc.stderr, proc.stderr


def test_head_check_fails_after_the_last_entries_are_deleted(demo):
    seq, digest = head_of(demo)
    tamper(demo, "DROP TRIGGER ledger_entries_no_delete; DROP TRIGGER record_changes_no_delete",
           "DROP TRIGGER audit_trail_no_delete",
           f"DELETE FROM ledger_entries WHERE seq > {seq - 2}; DELETE FROM record_changes WHERE ledger_seq > {seq - 2}",
           f"DELETE FROM audit_trail WHERE first_seq > {seq - 2}")
    out = failures(demo, "--head", f"{seq}:{digest[:12]}")
    assert f"FAIL: head: the ledger no longer reaches seq {seq} (its last entry is seq {seq - 2})" in out, out


def test_head_check_fails_after_the_chain_is_rewritten(demo):
    seq, digest = head_of(demo)
    db = sqlite3.connect(demo)
    db.executescript("DROP TRIGGER ledger_entries_no_update")
    # An edit no business row and no audit record shows: the entry's id (its occurred_at would show since
    # payload version 2, whose rows take their stamps from it). Only the anchor can tell.
    edited = seq - 5
    cols = ["seq", "entry_id", "facility_id", "store_id", "tx_id", "kind", "version", "occurred_at", "actor_id",
            "payload", "prev_hash"]
    prev = None
    for row in db.execute(f"SELECT {', '.join(cols)} FROM ledger_entries WHERE seq >= {edited} ORDER BY seq").fetchall():
        entry = dict(zip(cols, row))
        entry["payload"] = json.loads(entry["payload"])
        if entry["seq"] == edited:
            entry["entry_id"] = str(uuid.uuid4())
        if prev is not None:
            entry["prev_hash"] = prev
        prev = entry_hash(entry)
        db.execute("UPDATE ledger_entries SET entry_id = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                   (entry["entry_id"], entry["prev_hash"], prev, entry["seq"]))
    db.executescript(
        "CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;")
    db.commit()
    assert run("verify", "--db", demo).stdout.startswith("OK:"), "a whole rewrite is consistent without an anchor"
    out = failures(demo, "--head", f"{seq}:{digest[:12]}")
    assert f"FAIL: head: seq {seq}'s hash is now {prev[:12]}, was {digest[:12]}" in out, out


@pytest.mark.parametrize("number, expected", [
    ("9007199254740993", "payload holds the integer 9007199254740993, outside ±2^53"),
    ("123456789012345678901234567890", "payload holds the integer 123456789012345678901234567890, outside ±2^53"),
    ("1500.5", "payload holds the number 1500.5, which is not an integer"),
])
def test_payload_numbers_outside_the_protocol_are_named(demo, number, expected):
    seq = sqlite3.connect(demo).execute(
        "SELECT seq FROM ledger_entries WHERE kind = 'fee.set' ORDER BY seq LIMIT 1").fetchone()[0]
    tamper(demo, "DROP TRIGGER ledger_entries_no_update",
           f"UPDATE ledger_entries SET payload = replace(payload, '\"amount_minor\":', '\"amount_minor\":{number},\"x\":') WHERE seq = {seq}")
    out = failures(demo)
    assert f"FAIL: ledger: seq {seq}: {expected}" in out, out
    assert "hash does not match" not in out and "not JSON" not in out, out
