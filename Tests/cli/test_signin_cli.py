"""Signing in through the real binary: the lockout holds across 50 processes at once, every refusal
says the same until the right password is given, and passwords that are not UTF-8 are refused."""
import concurrent.futures
import sqlite3
import subprocess

from conftest import ADMIN_PASSWORD, BIN, add_user, run

TARGET_PASSWORD = "target-pass-1"
REFUSAL = "frontdesk: Wrong username or password. After 5 wrong in a row the account is locked for 15 minutes.\n"


def sign_in(store, username, password: bytes):
    """`frontdesk reindex --as USERNAME --password-stdin`: a command that signs in first."""
    return subprocess.run([str(BIN / "frontdesk"), "reindex", "--db", str(store), "--as", username, "--password-stdin"],
                          input=password + b"\n", capture_output=True, timeout=600)


def at_once(store, username, passwords):
    """Starts one process per password, all at once; returns them in the same order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        return list(pool.map(lambda p: sign_in(store, username, p), passwords))


def events(store, username):
    return [r[0] for r in sqlite3.connect(store).execute(
        "SELECT event FROM security_log WHERE username = ? ORDER BY event_id", (username,))]


def test_fifty_wrong_passwords_at_once_check_five_and_lock_once(store):
    add_user(store, "target", "admin", TARGET_PASSWORD)
    before = events(store, "target")
    procs = at_once(store, "target", [b"wrong-guess-%d" % i for i in range(50)])
    assert all(p.returncode != 0 and p.stderr.decode() == REFUSAL for p in procs)
    log = events(store, "target")[len(before):]
    assert log.count("login.failed") == 5, log
    assert log.count("account.locked") == 1, log
    assert log.count("login.refused.locked") == 45, log
    # Locked: the right password is refused too, unchecked, in the same words.
    proc = sign_in(store, "target", TARGET_PASSWORD.encode())
    assert proc.returncode != 0 and proc.stderr.decode() == REFUSAL
    assert events(store, "target")[-1] == "login.refused.locked"


def test_the_right_password_among_fifty_at_once_gets_no_extra_guesses(store):
    add_user(store, "target", "admin", TARGET_PASSWORD)
    before = len(events(store, "target"))
    passwords = [b"wrong-guess-%d" % i for i in range(49)]
    passwords.insert(20, TARGET_PASSWORD.encode())
    procs = at_once(store, "target", passwords)
    log = events(store, "target")[before:]
    checked = [e for e in log if e in ("login.failed", "login.succeeded")]
    assert log.count("account.locked") == 1, log
    if procs[20].returncode == 0:
        # Checked among the first five: a success clears the count; at most five more are checked after it.
        split = checked.index("login.succeeded")
        assert split <= 4 and len(checked) - split - 1 <= 5, log
    else:
        assert checked == ["login.failed"] * 5, log
        assert procs[20].stderr.decode() == REFUSAL


def test_unknown_wrong_locked_and_disabled_get_the_same_answer(store):
    add_user(store, "locky", "admin", "locky-pass-1")
    add_user(store, "gone", "admin", "gone-pass-1")
    run("user", "disable", "--db", store, "--as", "admin", "--password-stdin", "gone", "--reason", "left",
        stdin=ADMIN_PASSWORD + "\n")
    for _ in range(5):
        sign_in(store, "locky", b"wrong-guess")
    answers = {
        "unknown": sign_in(store, "nobody", b"wrong-guess"),
        "wrong": sign_in(store, "admin", b"wrong-guess"),
        "locked, wrong password": sign_in(store, "locky", b"wrong-guess"),
        "locked, right password": sign_in(store, "locky", b"locky-pass-1"),
        "disabled, wrong password": sign_in(store, "gone", b"wrong-guess"),
    }
    for case, proc in answers.items():
        assert proc.returncode != 0 and proc.stderr.decode() == REFUSAL, case
    # Only the right password of a disabled account learns that it is disabled.
    proc = sign_in(store, "gone", b"gone-pass-1")
    assert proc.returncode != 0 and "This account is disabled" in proc.stderr.decode()


def test_a_password_that_is_not_utf8_is_refused_unchecked(store):
    before = len(events(store, "admin"))
    for raw in (b"pass\xff\xfeword123", b"pass\x80\x81word123", b"admin-pass-1\xc0\x80"):
        proc = sign_in(store, "admin", raw)
        assert proc.returncode != 0
        assert "the password is not valid UTF-8" in proc.stderr.decode(), proc.stderr
    assert len(events(store, "admin")) == before, "no password was checked"
    # A new password is read the same way: refused, no account made.
    proc = subprocess.run(
        [str(BIN / "frontdesk"), "user", "add", "--db", str(store), "--as", "admin", "--password-stdin", "eve",
         "--name", "Eve", "--role", "nurse"],
        input=ADMIN_PASSWORD.encode() + b"\n" + b"eve-pass\xff123\n", capture_output=True, timeout=600)
    assert proc.returncode != 0 and "the password is not valid UTF-8" in proc.stderr.decode()
    assert "eve" not in run("user", "list", "--db", store).stdout


def test_the_sign_in_screen_refuses_bytes_that_are_not_utf8(tmux, store):
    from tmux_driver import assert_sane_afterwards, start
    start(tmux, store)
    before = len(events(store, "admin"))
    tmux.type("admin")
    tmux.send("Tab")
    tmux.type("admin-")
    tmux.send("-H", "ff", "fe")  # raw bytes, as a terminal in another encoding would send them
    tmux.type("pass-1")
    tmux.send("Enter")
    tmux.wait_for("could not read as UTF-8")
    assert len(events(store, "admin")) == before, "no password was checked"
    tmux.type(ADMIN_PASSWORD)  # the field was emptied; the keys after the bad bytes were not lost
    tmux.send("Enter")
    tmux.wait_for("Welcome, admin")
    tmux.send("C-q")
    tmux.send("y")
    assert_sane_afterwards(tmux, store)
