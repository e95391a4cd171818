"""`frontdesk demo` makes a ready facility: staff for every role, departments, thousands of patients."""
import sqlite3

from conftest import run


def test_demo_creates_then_reuses_a_facility(tmp_path):
    path = tmp_path / "demo.sqlite"
    first = run("demo", "--db", path)
    for username in ("admin", "reception", "nurse", "pharmacy", "cashier", "supervisor", "dr.achieng"):
        assert username in first.stdout
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM patients").fetchone()[0] == 3000
    roles = {r[0] for r in db.execute("SELECT DISTINCT role_id FROM users")}
    assert roles == {"admin", "receptionist", "nurse", "pharmacist", "cashier", "supervisor", "doctor"}
    assert db.execute("SELECT count(*) FROM departments").fetchone()[0] >= 8
    names = [r[0] for r in db.execute("SELECT first_name || ' ' || last_name FROM persons")]
    assert any(not n.isascii() for n in names)
    assert len(set(names)) > 300
    seq = db.execute("SELECT max(seq) FROM ledger_entries").fetchone()[0]

    second = run("demo", "--db", path)
    assert "3000 patients" in second.stdout
    assert sqlite3.connect(path).execute("SELECT max(seq) FROM ledger_entries").fetchone()[0] == seq
    assert run("verify", "--db", path).returncode == 0
