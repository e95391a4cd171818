"""The `frontdesk` command as an administrator meets it."""
import sqlite3

from conftest import ADMIN_PASSWORD, add_user, run


def test_no_store_names_init_and_demo(tmp_path):
    proc = run("--db", tmp_path / "none.sqlite", check=False)
    assert proc.returncode != 0
    assert "frontdesk init" in proc.stderr and "frontdesk demo" in proc.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_store_path_from_environment(tmp_path):
    path = tmp_path / "env.sqlite"
    run("init", "--facility", "Env Clinic", "--timezone", "UTC", "--currency", "USD", "--admin", "root",
        "--password-stdin", stdin="root-pass-1\n", env={"FRONTDESK_DB": str(path)})
    assert path.exists()
    assert "root" in run("user", "list", env={"FRONTDESK_DB": str(path)}).stdout


def test_init_refuses_to_overwrite(store):
    before = store.read_bytes()
    proc = run("init", "--db", store, "--facility", "Other", "--timezone", "UTC", "--currency", "USD",
               "--admin", "root", "--password-stdin", stdin="root-pass-1\n", check=False)
    assert proc.returncode != 0
    assert "already exists" in proc.stderr
    assert store.read_bytes() == before


def test_init_explains_bad_input(tmp_path):
    proc = run("init", "--db", tmp_path / "x.sqlite", "--facility", "X", "--timezone", "Mars/Base",
               "--currency", "USD", "--admin", "root", "--password-stdin", stdin="root-pass-1\n", check=False)
    assert proc.returncode != 0 and "time zone" in proc.stderr
    assert not (tmp_path / "x.sqlite").exists()


def test_user_lifecycle(store):
    add_user(store, "amina", "receptionist", "amina-pass-1", name="Amina Okafor")
    listing = run("user", "list", "--db", store).stdout
    assert "amina" in listing and "receptionist" in listing and "Amina Okafor" in listing
    run("user", "disable", "--db", store, "--as", "admin", "--password-stdin", "amina", "--reason", "left",
        stdin=ADMIN_PASSWORD + "\n")
    assert "disabled" in run("user", "list", "--db", store).stdout
    run("user", "reset-password", "--db", store, "--as", "admin", "--password-stdin", "admin",
        stdin=f"{ADMIN_PASSWORD}\nnew-admin-pass\n")
    proc = run("user", "list", "--db", store)
    assert proc.returncode == 0
    db = sqlite3.connect(store)
    assert db.execute("SELECT count(*) FROM security_log WHERE event = 'password.reset'").fetchone()[0] == 1


def test_wrong_admin_password_changes_nothing(store):
    before = sqlite3.connect(store).execute("SELECT count(*) FROM ledger_entries").fetchone()[0]
    proc = run("user", "add", "--db", store, "--as", "admin", "--password-stdin", "eve", "--name", "Eve",
               "--role", "admin", stdin="guess-guess\neve-pass-123\n", check=False)
    assert proc.returncode != 0 and "Wrong username or password" in proc.stderr
    assert sqlite3.connect(store).execute("SELECT count(*) FROM ledger_entries").fetchone()[0] == before


def test_a_cashier_cannot_add_users(store):
    add_user(store, "cash1", "cashier", "cash1-pass-1")
    proc = run("user", "add", "--db", store, "--as", "cash1", "--password-stdin", "eve", "--name", "Eve",
               "--role", "admin", stdin="cash1-pass-1\neve-pass-123\n", check=False)
    assert proc.returncode != 0
    assert "A cashier may not add users" in proc.stderr
    assert "eve" not in run("user", "list", "--db", store).stdout


def test_lockout_through_the_cli_is_logged(store):
    for _ in range(5):
        run("user", "disable", "--db", store, "--as", "admin", "--password-stdin", "admin", "--reason", "x",
            stdin="wrong-wrong\n", check=False)
    proc = run("user", "disable", "--db", store, "--as", "admin", "--password-stdin", "admin", "--reason", "x",
               stdin=ADMIN_PASSWORD + "\n", check=False)
    # Locked: the right password is refused unchecked, in the words any refusal gets.
    assert proc.returncode != 0 and "Wrong username or password." in proc.stderr
    events = [r[0] for r in sqlite3.connect(store).execute("SELECT event FROM security_log ORDER BY event_id")]
    assert events[-7:] == ["login.failed"] * 5 + ["account.locked", "login.refused.locked"]


def test_bad_role_is_explained(store):
    proc = run("user", "add", "--db", store, "--as", "admin", "--password-stdin", "x1", "--name", "X",
               "--role", "janitor", stdin=ADMIN_PASSWORD + "\npassword-123\n", check=False)
    assert proc.returncode != 0 and "unknown role 'janitor'" in proc.stderr
