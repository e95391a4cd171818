"""The store's files: owner-only, never written by commands that read, never by a file that is
not a FrontDesk store, and refused when a newer FrontDesk made them."""
import hashlib
import os
import pathlib
import pwd
import shutil
import sqlite3
import stat
import subprocess
import tempfile

import pytest

from conftest import ADMIN_PASSWORD, BIN, run


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def schema_version(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("PRAGMA schema_version").fetchone()[0]
    finally:
        db.close()


def test_store_and_folder_modes(tmp_path, store):
    run("settings", "idle-lock", "9", "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    for suffix in ["", "-wal", "-shm"]:
        path = f"{store}{suffix}"
        if os.path.exists(path):
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": "", "FRONTDESK_DB": ""}
    run("init", "--facility", "Home Clinic", "--timezone", "UTC", "--currency", "USD", "--admin", "admin",
        "--password-stdin", stdin=ADMIN_PASSWORD + "\n", env=env)
    folder = home / ".local" / "share" / "frontdesk"
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / "facility.sqlite").st_mode) == 0o600


def test_verify_warns_when_others_can_read(store):
    os.chmod(store, 0o644)
    proc = run("verify", "--db", store)
    assert "readable by every account" in proc.stdout
    assert f"chmod 600 {store}" in proc.stdout


def test_commands_that_read_do_not_migrate_or_write(store):
    before = schema_version(store)
    run("fees", "list", "--db", store)
    run("verify", "--db", store)
    run("ledger", "export", "--db", store)
    run("user", "list", "--db", store)
    assert schema_version(store) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to hand the copy to another account")
def test_verify_of_a_read_only_copy_owned_by_another_account(store):
    folder = pathlib.Path(tempfile.mkdtemp(prefix="frontdesk-ro-"))  # pytest's own folders are 0700
    try:
        check_read_only_copy(store, folder)
    finally:
        shutil.rmtree(folder)


def check_read_only_copy(store, folder):
    copy = folder / "copy.sqlite"
    src = sqlite3.connect(store)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    dst.close()
    src.close()
    nobody = pwd.getpwnam("nobody")
    os.chmod(copy, 0o444)
    os.chown(copy, nobody.pw_uid, nobody.pw_gid)
    os.chmod(folder, 0o755)  # nobody may read the folder but not write in it
    before = digest(copy)
    proc = subprocess.run(
        [str(BIN / "frontdesk"), "verify", "--db", str(copy)], capture_output=True, text=True,
        preexec_fn=lambda: (os.setgid(nobody.pw_gid), os.setuid(nobody.pw_uid)), timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "OK" in proc.stdout
    assert digest(copy) == before
    assert sorted(os.listdir(folder)) == ["copy.sqlite"]


@pytest.mark.parametrize("content", [b"", b"hello, not a database\n"])
def test_non_stores_are_left_byte_for_byte(tmp_path, content):
    path = tmp_path / "thing.db"
    path.write_bytes(content)
    for args in (["verify"], ["fees", "list"], ["fees", "set", "X1", "1.00", "--name", "X", "--as", "admin",
                                                 "--password-stdin"]):
        proc = run(*args, "--db", path, stdin=ADMIN_PASSWORD + "\n", check=False)
        assert proc.returncode != 0
        assert "is not a FrontDesk store" in proc.stderr
    assert path.read_bytes() == content
    proc = run("init", "--db", path, "--facility", "X", "--timezone", "UTC", "--currency", "USD", "--admin", "admin",
               "--password-stdin", stdin=ADMIN_PASSWORD + "\n", check=False)
    assert proc.returncode != 0 and "not a FrontDesk store" in proc.stderr
    assert path.read_bytes() == content


def test_another_programs_database_is_not_touched(tmp_path):
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
    db.close()
    before = digest(path)
    proc = run("verify", "--db", path, check=False)
    assert proc.returncode != 0
    assert "another program's SQLite database" in proc.stderr
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == ["other.db"]


def test_a_store_from_a_newer_frontdesk_is_refused(store):
    db = sqlite3.connect(store)
    db.execute("INSERT INTO grdb_migrations (identifier) VALUES ('042 teleportation')")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = digest(store)
    for args in (["verify"], ["fees", "set", "X1", "1.00", "--name", "X", "--as", "admin", "--password-stdin"]):
        proc = run(*args, "--db", store, stdin=ADMIN_PASSWORD + "\n", check=False)
        assert proc.returncode != 0
        assert "made by a newer FrontDesk" in proc.stderr and "042 teleportation" in proc.stderr
    assert digest(store) == before


def test_init_does_not_create_folders_a_path_names(tmp_path):
    missing = tmp_path / "nonexistent" / "x.db"
    proc = run("init", "--db", missing, "--facility", "X", "--timezone", "UTC", "--currency", "USD", "--admin",
               "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n", check=False)
    assert proc.returncode != 0
    assert "does not exist" in proc.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_init_on_a_folder_says_what_it_is(tmp_path):
    proc = run("init", "--db", tmp_path, "--facility", "X", "--timezone", "UTC", "--currency", "USD", "--admin",
               "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n", check=False)
    assert proc.returncode != 0
    assert "is a folder" in proc.stderr
    assert "already exists" not in proc.stderr


def test_readers_do_not_wait_behind_a_writer(store):
    writer = sqlite3.connect(store, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO settings (key, value, updated_at) VALUES ('held', 'x', '2026-01-01T00:00:00.000Z')")
    try:
        # A writer waits up to 30 s for the lock; a reader in WAL mode needs no lock at all.
        for args in (["verify"], ["fees", "list"], ["user", "list"]):
            proc = subprocess.run([str(BIN / "frontdesk"), *args, "--db", str(store)], capture_output=True, text=True,
                                  timeout=15)
            assert proc.returncode == 0, proc.stdout + proc.stderr
    finally:
        writer.execute("ROLLBACK")
        writer.close()
