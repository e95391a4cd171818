"""`frontdesk backup` and `restore`, as the restore drill in docs/backup-and-restore.md runs them."""
import os
import re
import stat
import subprocess
import time

from conftest import ADMIN_PASSWORD, BIN, add_user, run


def head_of(output):
    match = re.search(r"Ledger head (\d+):([0-9a-f]{12})", output)
    assert match, output
    return int(match.group(1)), match.group(2)


def test_backup_and_restore_drill(tmp_path, store):
    add_user(store, "clerk", "receptionist", "clerk-pass-1")
    backup = tmp_path / "nightly.sqlite"
    made = run("backup", "--db", store, backup)
    assert "Verified: OK." in made.stdout
    seq, _ = head_of(made.stdout)
    assert seq == int(run("ledger", "export", "--db", store).stdout.count("\n"))
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600

    again = run("backup", "--db", store, backup, check=False)
    assert again.returncode != 0 and "never replaces a file" in again.stderr

    target = tmp_path / "restored.sqlite"
    restored = run("restore", backup, "--db", target)
    assert head_of(restored.stdout) == head_of(made.stdout)
    assert run("verify", "--db", target).stdout.startswith("OK")
    users = run("user", "list", "--db", target).stdout
    assert "clerk" in users

    refused = run("restore", backup, "--db", target, check=False)
    assert refused.returncode != 0 and "already exists" in refused.stderr
    replaced = run("restore", backup, "--db", target, "--replace")
    kept = re.search(r"kept at (\S+)\.", replaced.stdout).group(1)
    assert os.path.exists(kept)


def test_restore_refuses_a_store_a_terminal_has_open(tmp_path, store):
    backup = tmp_path / "b.sqlite"
    run("backup", "--db", store, backup)
    holder = subprocess.Popen(["python3", "-c", f"import sqlite3,sys; c=sqlite3.connect({str(store)!r}); "
                               "c.execute('select count(*) from users').fetchall(); print('open', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        proc = run("restore", backup, "--db", store, "--replace", check=False)
        assert proc.returncode != 0
        assert "open in 1 other process" in proc.stderr and str(holder.pid) in proc.stderr
        assert not any(name.startswith("facility.sqlite.replaced") for name in os.listdir(tmp_path))
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_a_backup_taken_while_terminals_write_verifies(tmp_path, store):
    add_user(store, "clerk", "receptionist", "clerk-pass-1")
    csv = tmp_path / "legacy.csv"
    rows = ["id,first_name,last_name,date_of_birth,gender"] + [
        f"{i},Name{i},Family{i % 37},1980-01-{1 + i % 28:02d},F" for i in range(3000)]
    csv.write_text("\n".join(rows) + "\n")
    writer = subprocess.Popen([str(BIN / "frontdesk"), "import", "patients", str(csv), "--db", str(store), "--as", "admin",
                               "--password-stdin"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, text=True)
    writer.stdin.write(ADMIN_PASSWORD + "\n")
    writer.stdin.close()
    try:
        time.sleep(0.5)
        heads = []
        for i in range(3):
            proc = run("backup", "--db", store, tmp_path / f"during-{i}.sqlite")
            assert "Verified: OK." in proc.stdout
            heads.append(head_of(proc.stdout)[0])
        assert heads == sorted(heads)
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0
