"""The sync state on real terminals (tmux, 80×24): `N waiting` turns to up to date when the central server
comes up, and a divergence alarm shows on every terminal open on the store."""
import pathlib
import subprocess
import sys
import time

import pytest

from pg import free_port
from sync_env import BIN, CentralServer, frontdesk

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from tmux_driver import Tmux  # noqa: E402


@pytest.fixture
def terminals():
    opened = []

    def open_one(store, user="admin", password="admin-pass-1"):
        term = Tmux()
        opened.append(term)
        term.run(f"{BIN / 'frontdesk'} open --db {store}; echo EXIT=$?")
        term.wait_for("Sign in to FrontDesk")
        term.type(user)
        term.send("Tab")
        term.type(password)
        term.send("Enter")
        term.wait_for("Welcome")
        return term

    yield open_one
    for term in opened:
        term.close()


def status_line(term):
    return term.screen().splitlines()[0]


def test_waiting_turns_to_up_to_date_when_the_central_server_comes_up(central_db, make_facility, terminals, tmp_path):
    port = free_port()
    facility = make_facility(base_url=f"http://127.0.0.1:{port}")  # nothing listens there yet
    facility.add_users(2, prefix="clerk-")
    waiting = facility.local_head()
    agent_log = open(tmp_path / "agent.log", "wb")
    agent = subprocess.Popen([str(BIN / "frontdesk"), "sync", "run", "--db", str(facility.path)],
                             stdout=agent_log, stderr=agent_log, stdin=subprocess.DEVNULL)
    server = None
    try:
        term = terminals(facility.path)
        term.wait_for("Sync: offline since", timeout=15)
        assert f"{waiting} waiting" in status_line(term), status_line(term)

        server = CentralServer(central_db, port, tmp_path / "serve.log").start()
        term.wait_for("Sync: up to date", timeout=30)
        assert facility.status()["acked_seq"] == str(waiting)

        # New work on another terminal is pushed at once (within seconds, not at the next back-off), and the line follows.
        facility.add_users(1, prefix="late-")
        head, deadline = facility.local_head(), time.monotonic() + 5
        while facility.status()["acked_seq"] != str(head):
            assert time.monotonic() < deadline, f"seq {head} not acknowledged within 5 s: {facility.status()}"
            time.sleep(0.1)
        term.wait_for("Sync: up to date", timeout=3)
    finally:
        agent.terminate()
        agent.wait(timeout=10)
        agent_log.close()
        if server:
            server.stop()


def test_a_divergence_shows_as_an_alarm_on_every_terminal(make_facility, terminals, tmp_path):
    facility = make_facility()
    facility.add_users(1, prefix="before-")
    facility.once()
    backup = tmp_path / "older.sqlite"
    frontdesk("backup", "--db", facility.path, backup)
    facility.add_users(2, prefix="after-")
    facility.once()
    frontdesk("restore", backup, "--db", facility.path, "--replace")
    facility.add_users(3, prefix="other-")  # the server's seqs again, with other entries

    first, second = terminals(facility.path), terminals(facility.path)
    assert "SYNC ALARM" not in status_line(first)
    assert facility.once(check=False).returncode != 0
    for term in (first, second):
        term.wait_for("SYNC ALARM: ledgers diverge", timeout=5)
        styled = term.screen(styled=True).splitlines()[0]
        assert "SYNC ALARM" in styled and "\x1b[" in styled.split("SYNC ALARM")[0][-20:], "drawn in the alarm colour"
    second.send("F8")
    second.wait_for("The central server holds other entries than this store")
