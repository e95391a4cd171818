"""End-to-end: the beds desk of the real `frontdesk` on two terminals (two tmux sessions, 80x24 each), both
nurses on the bed board. One admits a patient into A3: the other's board shows A3 occupied without a key. She
transfers the patient to B1: A3 shows "needs cleaning" on both. A discharge of a stay that owes its minimum
bed-day asks for a supervisor. The seconds the second board took are printed (the board follows commits
within a second; `scripts/bench beds` measures its refresh)."""
import re
import subprocess
import time

import pytest

from conftest import ADMIN_PASSWORD, BIN, add_user, run
from tmux_driver import Tmux, assert_sane_afterwards, sign_in, start

TIMEOUT = 5.0


def admin(store, *args):
    return run(*args, "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")


@pytest.fixture
def ward(store, tmp_path):
    """Wards A (A1-A6, general) and B (B1-B3, private) with daily rates, two nurses, a supervisor, two patients."""
    admin(store, "fees", "set", "--name", "General ward bed-day", "--from", "2026-01-01", "BED-GENERAL", "1500")
    admin(store, "fees", "set", "--name", "Private room bed-day", "--from", "2026-01-01", "BED-PRIVATE", "4000")
    admin(store, "wards", "add", "A", "--name", "Medical Ward A")
    admin(store, "wards", "add", "B", "--name", "Private Wing")
    admin(store, "beds", "add", "A", "--labels", "A1-A6", "--type", "general")
    admin(store, "beds", "add", "B", "--labels", "B1-B3", "--type", "private")
    add_user(store, "nancy", "nurse", "nancy-pass-1", name="Nancy Wafula")
    add_user(store, "rose", "nurse", "rose-pass-1", name="Rose Achieng")
    add_user(store, "boss", "supervisor", "boss-pass-1", name="Fatuma Abdi")
    patients = tmp_path / "patients.csv"
    patients.write_text("id,first_name,last_name,date_of_birth,gender\n"
                        "p-1,Amina,Okafor,1990-04-12,female\n"
                        "p-2,Brian,Otieno,1985-07-01,male\n")
    admin(store, "import", "patients", patients)
    return store


def cell(screen, label):
    """The first line of bed `label`'s cell (`A3   O 0d`), or None."""
    match = re.search(rf"(?<![A-Z0-9]){label}\s+([FROCB])(?:\s+\d+d|\s|$)", screen)
    return match.group(1) if match else None


def wait_cell(tmux, label, letter, timeout=TIMEOUT):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if cell(tmux.screen(), label) == letter:
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"{label} did not show {letter} within {timeout}s:\n{tmux.screen()}")


def wait_words(tmux, text, timeout=TIMEOUT):
    """Waits for `text` on the screen, however it wraps."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if text in " ".join(tmux.screen().split()):
            return
        time.sleep(0.02)
    raise AssertionError(f"{text!r} did not appear within {timeout}s:\n{tmux.screen()}")


def open_board(tmux, store, user, password, name):
    start(tmux, store)
    sign_in(tmux, user, password)
    tmux.wait_for(f"Welcome, {name}")
    tmux.send("F4")
    tmux.wait_for("Medical Ward A: 0/6 occupied")
    wait_cell(tmux, "B3", "F")


def test_two_nurses_see_one_board(ward, tmux):
    other = Tmux()
    try:
        open_board(tmux, ward, "nancy", "nancy-pass-1", "Nancy Wafula")
        open_board(other, ward, "rose", "rose-pass-1", "Rose Achieng")
        # Nancy admits Amina into A3 from the board.
        tmux.send("Right", "Right")
        tmux.send("i")
        tmux.wait_for("Admit into A A3: find the patient")
        tmux.type("okafor")
        tmux.wait_for("1 found")
        tmux.send("Enter")
        tmux.wait_for("Admit Okafor, Amina")
        tmux.send("Tab")
        tmux.type("Pneumonia")
        tmux.send("C-s")
        tmux.wait_for("Admitted Okafor, Amina into A A3.")
        seconds = wait_cell(other, "A3", "O")
        print(f"\nthe other board showed A3 occupied {seconds:.2f} s after the admission was on screen")
        assert "Okafor A" in other.screen()
        # Transfer to B1: A3 needs cleaning on both boards.
        tmux.send("Enter")
        tmux.wait_for("A A3  O Occupied")
        tmux.send("t")
        tmux.wait_for("Move Okafor, Amina from A A3 to another bed")
        for _ in range(5):  # A1 A2 A4 A5 A6 B1
            tmux.send("Right")
        tmux.wait_for("B B1  Private")
        tmux.send("Tab")
        tmux.type("Asked for a private room")
        tmux.send("C-s")
        tmux.wait_for("Okafor, Amina is now in B B1. A A3 needs cleaning.")
        wait_cell(other, "A3", "C")
        wait_cell(other, "B1", "O")
        # Discharging her now owes the minimum bed-day, at the rate of the first bed she held (A3, general).
        tmux.send("Escape")
        tmux.wait_for("Bed board")
        tmux.send("Down", "Left", "Left")
        tmux.send("Enter")
        tmux.wait_for("B B1  O Occupied")
        tmux.send("d")
        wait_words(tmux, "KES 1,500.00 owed. A supervisor must authorise it.")
        tmux.send("Escape")
        tmux.wait_for("B B1  O Occupied")
        tmux.send("Escape")
        tmux.wait_for("Bed board")
        tmux.send("C-q")
        tmux.wait_for("Quit FrontDesk on this terminal?")
        tmux.send("y")
        other.send("C-q")
        other.wait_for("Quit FrontDesk on this terminal?")
        other.send("y")
        other.wait_for("EXIT=0")
        assert_sane_afterwards(tmux, ward)
    finally:
        other.close()


def test_two_processes_admitting_into_one_bed_at_once_one_wins(ward):
    """Two `frontdesk beds admit` processes into A5 at the same instant: exactly one is admitted; the other
    is told who took the bed, and nothing of its admission is left behind."""
    def admit(mrn):
        return subprocess.Popen(
            [str(BIN / "frontdesk"), "beds", "admit", "--db", str(ward), "--as", "nancy", "--password-stdin",
             "--patient", mrn, "--reason", "Observation", "--bed", "A A5"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first, second = admit("MR00000018"), admit("MR00000026")
    outcomes = [p.communicate("nancy-pass-1\n", timeout=60) + (p.returncode,) for p in (first, second)]
    winners = [o for o in outcomes if o[2] == 0]
    losers = [o for o in outcomes if o[2] != 0]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "A A5 was taken by" in losers[0][1], losers[0]
    listing = run("beds", "list", "--db", ward, "--ward", "A").stdout
    assert re.search(r"A5\s+General\s+Occupied", listing), listing
    assert run("verify", "--db", ward).returncode == 0
