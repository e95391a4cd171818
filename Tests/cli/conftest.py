"""Shared helpers for tests that drive the real `frontdesk` binaries."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("FRONTDESK_BIN_DIR", ROOT / ".build" / "debug"))
ADMIN_PASSWORD = "admin-pass-1"


def run(*args, stdin="", check=True, env=None):
    """Runs `frontdesk ARGS` and returns the completed process (text mode)."""
    return run_binary("frontdesk", *args, stdin=stdin, check=check, env=env)


def run_binary(name, *args, stdin="", check=True, env=None):
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run(
        [str(BIN / name), *map(str, args)], input=stdin, capture_output=True, text=True, env=full_env, timeout=600
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"{name} {' '.join(map(str, args))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def store(tmp_path):
    """A new facility store with an admin `admin`; returns its path."""
    path = tmp_path / "facility.sqlite"
    run("init", "--db", path, "--facility", "Ward Test Hospital", "--timezone", "Africa/Nairobi",
        "--currency", "KES", "--admin", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    return path


def add_user(path, username, role, password, name=None):
    run("user", "add", "--db", path, "--as", "admin", "--password-stdin", username,
        "--name", name or username.title(), "--role", role, stdin=f"{ADMIN_PASSWORD}\n{password}\n")


@pytest.fixture
def tmux():
    """A tmux server of the test's own, 80x24, running a plain shell."""
    from tmux_driver import Tmux
    session = Tmux()
    yield session
    session.close()

