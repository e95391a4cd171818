"""Store failures reach the command line as one sentence, never as SQLite's error and its SQL."""
import sqlite3

from conftest import ADMIN_PASSWORD, run
from test_import_cli import HEADER, legacy, row, write


def test_a_unique_key_failure_is_a_sentence(store, tmp_path):
    assert run("import", "patients", "--db", store, "--as", "admin", "--password-stdin",
               write(tmp_path / "first.csv", [HEADER, row(legacy("p-001"))]), stdin=ADMIN_PASSWORD + "\n").returncode == 0
    # The MRN sequence set back behind the store's back (the reproduction).
    with sqlite3.connect(store) as db:
        db.execute("UPDATE number_sequences SET last_value = 0 WHERE name LIKE 'mrn%'")
    proc = run("import", "patients", "--db", store, "--as", "admin", "--password-stdin",
               write(tmp_path / "second.csv", [HEADER, row(legacy("p-002", "Baraka", "Otieno"))]),
               stdin=ADMIN_PASSWORD + "\n", check=False)
    assert proc.returncode != 0
    assert proc.stderr == "frontdesk: That MRN is already in use; nothing was saved.\n"
    for raw in ("SQLite error", "while executing", "constraint failed", "INSERT"):
        assert raw not in proc.stderr + proc.stdout
