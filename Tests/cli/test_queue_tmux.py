"""End-to-end: the queue desk of the real `frontdesk` in two tmux panes, one terminal at
reception and one at the nurse's station, both on the queue board. Reception checks in a
walk-in and a booked patient; the nurse's board shows both without a key; the nurse calls,
sees and finishes the first and calls the second; both boards agree on statuses and waits.
The 1 s promise is measured by `scripts/bench tui`: here the seconds are only printed."""
import datetime
import re
import sqlite3
import time
import zoneinfo

import pytest

from conftest import ADMIN_PASSWORD, add_user, run
from tmux_driver import Tmux, assert_sane_afterwards, sign_in, start

RECEPTION, RECEPTION_PASSWORD, RECEPTION_NAME = "rose", "rose-pass-1", "Rose Achieng"
NURSE, NURSE_PASSWORD, NURSE_NAME = "nancy", "nancy-pass-1", "Nancy Wafula"
DOCTOR = "Dr Samuel Mwangi"
# Imported in this order, they get the first two MRNs of the default format.
WALK_IN, WALK_IN_MRN = "Okafor, Amina", "MR00000018"
BOOKED, BOOKED_MRN = "Otieno, Brian", "MR00000026"
# The doctor's session covers the whole day, every day: the last slot starts at 23:30.
LAST_SLOT_START = datetime.time(23, 30)
TIMEOUT = 5.0  # generous: the boards follow each other's commits well within it


def admin(store, *args):
    return run(*args, "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")


@pytest.fixture
def clinic(store, tmp_path):
    """The store with a consultation fee, one service, one doctor booked all day every day,
    a receptionist, a nurse, and two patients (imported, so no registration desk is needed)."""
    admin(store, "fees", "set", "--name", "Consultation", "--from", "2026-01-01", "CONSULT", "500")
    admin(store, "services", "add", "--fee", "CONSULT", "GEN", "General Outpatient")
    admin(store, "doctors", "add", "--service", "GEN", "--room", "1", DOCTOR)
    admin(store, "schedule", "--doctor", "Mwangi", "--days", "Mon-Sun", "--start", "00:00", "--end", "23:45",
          "--slot", "15", "--capacity", "2", "--valid-from", "2026-01-01")
    add_user(store, RECEPTION, "receptionist", RECEPTION_PASSWORD, name=RECEPTION_NAME)
    add_user(store, NURSE, "nurse", NURSE_PASSWORD, name=NURSE_NAME)
    patients = tmp_path / "patients.csv"
    patients.write_text("id,first_name,last_name,date_of_birth,gender\n"
                        "p-1,Amina,Okafor,1990-04-12,female\n"
                        "p-2,Brian,Otieno,1985-07-01,male\n")
    admin(store, "import", "patients", patients)
    return store


def facility_now(store):
    zone = sqlite3.connect(store).execute("SELECT timezone FROM facilities").fetchone()[0]
    return datetime.datetime.now(zoneinfo.ZoneInfo(zone))


def skip_unless_a_slot_is_left_today(store):
    """A booking must be in the future and an appointment is checked in on its own day: late in
    the facility's evening no slot of today is left to book."""
    now = facility_now(store)
    latest = datetime.datetime.combine(now.date(), LAST_SLOT_START, now.tzinfo) - datetime.timedelta(minutes=3)
    if now >= latest:
        pytest.skip(f"facility time {now:%H:%M}: no future slot left today to book and check in")


# Reading the board.

def board_row(screen, token):
    """The board line of `token`, or None."""
    return next((line.rstrip() for line in screen.split("\n") if f" {token} " in line), None)


BOARD_LINE = re.compile(
    r"\s*(?:[EUAB!]+\s+)?(?P<token>[A-Z]+-\d{3,})\s+(?P<patient>.+?)\s+"
    r"(?P<status>Checked in|Called|In consultation|Done|Left|Cancelled|No-show)\s+"
    r"(?P<in_status>at \d\d:\d\d|\d+ min|\d+ h \d\d)\s+(?P<wait>\d+ min|\d+ h \d\d)?\s*(?P<rest>.*)")


def cells(line):
    """A board line as [token, patient, status, in status, wait, doctor] ("" for an empty cell)."""
    match = BOARD_LINE.fullmatch(line.rstrip())
    assert match, f"not a board line: {line!r}"
    return [match[name] or "" for name in ("token", "patient", "status", "in_status", "wait", "rest")]


def table_cells(line):
    """A line of a table whose cells are two or more spaces apart."""
    return re.split(r" {2,}", line.strip())


def wait_until(tmux, test, what, pane=None, timeout=TIMEOUT):
    """Waits until `test(screen)` holds for one capture of `pane`; returns (screen, seconds)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        screen = tmux.screen(pane)
        if test(screen):
            return screen, time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"{what} did not happen within {timeout}s; screen:\n{tmux.screen(pane)}")


def wait_status(tmux, token, status, pane=None, timeout=TIMEOUT):
    """Waits until `token`'s line shows `status`; returns (its cells, seconds)."""
    def shows(screen):
        line = board_row(screen, token)
        return line is not None and cells(line)[2] == status
    screen, seconds = wait_until(tmux, shows, f"{token} {status}", pane=pane, timeout=timeout)
    return cells(board_row(screen, token)), seconds


# The desks.

def open_board(tmux, store, username, password, name, pane=None):
    start(tmux, store, pane=pane)
    sign_in(tmux, username, password, pane=pane)
    tmux.wait_for(f"Welcome, {name}", pane=pane)
    tmux.send("F3", pane=pane)
    # A capture can catch a screen half drawn: wait for all of it.
    wait_until(tmux, lambda s: all(text in s for text in (" Queue board", "All services", "Tab: board 1/3",
                                                          "Nobody in this queue today."))
               and not board_row(s, "GEN-001"), "an empty queue board", pane=pane)


def find_in_lookup(tmux, query, title, pane=None):
    tmux.wait_for(title, pane=pane)
    tmux.type(query, pane=pane)
    tmux.wait_for("1 found", pane=pane)
    tmux.send("Enter", pane=pane)


def form_row(screen, label):
    return next((line.rstrip() for line in screen.split("\n") if line.startswith(f"  {label} ")), None)


def book_first_free_slot(tmux, query, name, mrn, pane=None):
    """From anywhere: Ctrl-F, the patient, b, Enter on the slot preselected today; back on the
    summary, which says what was booked. Returns the booked start, HH:MM, read from the summary."""
    tmux.send("C-f", pane=pane)
    find_in_lookup(tmux, query, "Find or register a patient", pane=pane)
    tmux.wait_for(f"Patient {mrn}", pane=pane)
    tmux.send("b", pane=pane)
    tmux.wait_for("Book an appointment", pane=pane)
    tmux.wait_for(f"Doctor: {DOCTOR}, room 1", pane=pane)
    day = r"Day: \w+ (\d{4}-\d\d-\d\d) \(today\)"
    booking, _ = wait_until(tmux, lambda s: "2 of 2 free" in s and re.search(day, s), "today's free slots", pane=pane)
    tmux.send("Enter", pane=pane)
    pattern = rf"Next appointment: .* (\d\d:\d\d) {DOCTOR}"
    screen, _ = wait_until(tmux, lambda s: f"Patient {mrn}" in s and re.search(pattern, s), "the booking", pane=pane)
    slot = re.search(pattern, screen).group(1)
    today = datetime.date.fromisoformat(re.search(day, booking).group(1))
    # The notice may wrap onto a second line.
    notice = f"Booked {name} ({mrn}) {today:%a} {today.isoformat()} {slot} with {DOCTOR}."
    wait_until(tmux, lambda s: notice in " ".join(s.split()), notice, pane=pane)
    return slot


def check_in_form(tmux, mrn, pane=None):
    """Waits for the whole check-in form of `mrn`; returns its screen."""
    screen, _ = wait_until(tmux, lambda s: f"({mrn}). Ctrl-S gives the token." in s and form_row(s, "Needs"),
                           f"the check-in form of {mrn}", pane=pane)
    return screen


def check_in_from_board(tmux, query, mrn, pane=None):
    """On the board: n, the patient, the check-in form; returns the form's screen (not yet saved)."""
    tmux.send("n", pane=pane)
    find_in_lookup(tmux, query, "Check in: find the patient", pane=pane)
    return check_in_form(tmux, mrn, pane=pane)


def quit_app(tmux, pane=None):
    tmux.send("C-q", pane=pane)
    tmux.wait_for("Quit FrontDesk on this terminal?", pane=pane)
    tmux.send("y", pane=pane)


def test_reception_checks_in_a_walk_in_and_a_booked_patient_and_the_nurse_calls_them(clinic):
    skip_unless_a_slot_is_left_today(clinic)
    # Two 80x24 terminals side by side (80 + the divider + 80).
    tmux = Tmux(width=161, height=24)
    try:
        reception_and_nurse(tmux, clinic)
    finally:
        tmux.close()


def reception_and_nurse(tmux, store):
    nurse = tmux.split()
    desk = None  # reception: the first pane
    open_board(tmux, store, RECEPTION, RECEPTION_PASSWORD, RECEPTION_NAME, pane=desk)
    open_board(tmux, store, NURSE, NURSE_PASSWORD, NURSE_NAME, pane=nurse)
    # The nurse works from the service's board; reception keeps all services.
    tmux.send("Tab", pane=nurse)
    wait_until(tmux, lambda s: "GEN General Outpatient" in s and "Tab: board 2/3" in s, "the GEN board", pane=nurse)
    # Reception may check in and book but not call: the nurse may call.
    assert "c Call next" not in tmux.screen(desk) and "n Check in" in tmux.screen(desk)
    assert "c Call next" in tmux.screen(nurse)

    # 1. The walk-in: no appointment today, so no Arrival choice; the service is the only one.
    screen = check_in_from_board(tmux, "okafor", WALK_IN_MRN, pane=desk)
    assert form_row(screen, "Arrival") is None, screen
    assert "GEN  General Outpatient" in form_row(screen, "Service"), screen
    assert "Any doctor" in form_row(screen, "Doctor"), screen
    tmux.send("C-s", pane=desk)
    row, seconds = wait_status(tmux, "GEN-001", "Checked in", pane=nurse)
    print(f"\nwalk-in GEN-001 on the nurse's board {seconds:.2f} s after Ctrl-S at reception")
    assert row == ["GEN-001", WALK_IN, "Checked in", "0 min", "0 min", ""], row
    tmux.wait_for("Checked in GEN-001: next to be called. Consultation KES 500.00 posted.", pane=desk)
    row, _ = wait_status(tmux, "GEN-001", "Checked in", pane=desk)
    assert row == ["GEN-001", WALK_IN, "Checked in", "0 min", "0 min", ""], row

    # 2. The booked patient: book the first free slot of today, then check the appointment in.
    before = f"{facility_now(store):%H:%M}"
    slot = book_first_free_slot(tmux, "otieno", BOOKED, BOOKED_MRN, pane=desk)
    assert slot >= before, (slot, before)  # the first slot not yet begun (the guard above keeps it today)
    tmux.send("Escape", pane=desk)  # the summary
    tmux.wait_for("Find or register a patient", pane=desk)
    tmux.send("Escape", pane=desk)  # the lookup
    tmux.wait_for("Tab: board 1/3", pane=desk)
    screen = check_in_from_board(tmux, "otieno", BOOKED_MRN, pane=desk)
    # The appointment is offered first.
    arrival = form_row(screen, "Arrival")
    assert arrival and arrival.startswith(f"  Arrival   Appointment {slot} {DOCTOR} (GEN)"), screen
    tmux.send("C-s", pane=desk)
    row, seconds = wait_status(tmux, "GEN-002", "Checked in", pane=nurse)
    print(f"booked GEN-002 on the nurse's board {seconds:.2f} s after Ctrl-S at reception")
    # The booked arrival carries its doctor (cut to the column at 80 columns).
    assert row[:5] == ["GEN-002", BOOKED, "Checked in", "0 min", "0 min"] and row[5].startswith("Dr Samuel"), row
    tmux.wait_for("Checked in GEN-002: 1 ahead", pane=desk)
    row, _ = wait_status(tmux, "GEN-002", "Checked in", pane=desk)
    assert row[:5] == ["GEN-002", BOOKED, "Checked in", "0 min", "0 min"] and row[5].startswith("Dr Samuel"), row
    tmux.wait_for("2 waiting · 0 called · 0 being seen · 0 done", pane=nurse)
    row, _ = wait_status(tmux, "GEN-001", "Checked in", pane=nurse)
    assert row == ["GEN-001", WALK_IN, "Checked in", "0 min", "0 min", ""], row
    # Reception's appointment list shows the booking as arrived.
    tmux.send("a", pane=desk)
    arrived = [slot, BOOKED, BOOKED_MRN, DOCTOR, "Arrived"]
    wait_until(tmux, lambda s: " Appointments\n" in s and "0 booked · 1 arrived" in s
               and any(table_cells(line) == arrived for line in s.split("\n")), "the appointment arrived", pane=desk)
    tmux.send("Escape", pane=desk)
    tmux.wait_for("Tab: board 1/3", pane=desk)

    # 3. The nurse calls next: the walk-in arrived first.
    tmux.send("c", pane=nurse)
    tmux.wait_for(f"Called GEN-001 {WALK_IN}", pane=nurse)
    for pane in (nurse, desk):
        row, seconds = wait_status(tmux, "GEN-001", "Called", pane=pane)
        assert row == ["GEN-001", WALK_IN, "Called", "0 min", "0 min", ""], (pane, row)
        row, _ = wait_status(tmux, "GEN-002", "Checked in", pane=pane)
        assert row[2:5] == ["Checked in", "0 min", "0 min"], (pane, row)
        tmux.wait_for("1 waiting · 1 called · 0 being seen · 0 done", pane=pane)
    print(f"GEN-001 called: on reception's board {seconds:.2f} s after the nurse's")

    tmux.send("s", pane=nurse)
    tmux.wait_for(f"GEN-001 {WALK_IN}: in consultation.", pane=nurse)
    for pane in (nurse, desk):
        row, _ = wait_status(tmux, "GEN-001", "In consultation", pane=pane)
        assert row == ["GEN-001", WALK_IN, "In consultation", "0 min", "0 min", ""], (pane, row)

    tmux.send("d", pane=nurse)
    tmux.wait_for(f"GEN-001 {WALK_IN}: done.", pane=nurse)
    for pane in (nurse, desk):
        row, _ = wait_status(tmux, "GEN-001", "Done", pane=pane)
        # Done: the time it ended, and the wait it had (called − checked in).
        assert row[:3] == ["GEN-001", WALK_IN, "Done"] and re.fullmatch(r"at \d\d:\d\d", row[3]), (pane, row)
        assert row[4] == "0 min", (pane, row)
        tmux.wait_for("1 waiting · 0 called · 0 being seen · 1 done", pane=pane)

    # 4. Call next again: the booked patient.
    tmux.send("c", pane=nurse)
    tmux.wait_for(f"Called GEN-002 {BOOKED}", pane=nurse)
    for pane in (nurse, desk):
        row, _ = wait_status(tmux, "GEN-002", "Called", pane=pane)
        assert row[:5] == ["GEN-002", BOOKED, "Called", "0 min", "0 min"] and row[5].startswith("Dr Samuel"), (pane, row)
        wait_status(tmux, "GEN-001", "Done", pane=pane)
        tmux.wait_for("0 waiting · 1 called · 0 being seen · 1 done", pane=pane)
    tmux.send("c", pane=nurse)
    tmux.wait_for("Nobody is waiting in this queue.", pane=nurse)

    quit_app(tmux, pane=nurse)
    tmux.wait_for("EXIT=0", pane=nurse)
    quit_app(tmux, pane=desk)
    assert_sane_afterwards(tmux, store)

    # What the store says: the statuses, where each came from, and the waits (called − checked in).
    rows = sqlite3.connect(store).execute(
        "SELECT token, status, source, checked_in_at, called_at FROM queue_entries ORDER BY token").fetchall()
    assert [r[:3] for r in rows] == [("GEN-001", "done", "walk_in"), ("GEN-002", "called", "appointment")], rows
    for token, _, _, checked_in, called in rows:
        waited = datetime.datetime.fromisoformat(called) - datetime.datetime.fromisoformat(checked_in)
        assert datetime.timedelta(0) < waited < datetime.timedelta(minutes=1), (token, waited)  # the boards' "0 min"
    report = run("queue", "report", "--db", store).stdout
    assert re.search(r"GEN General Outpatient +2 +1 +1 +0 +0 +0 min +0 min", report), report
    listing = run("appointments", "list", "--db", store).stdout
    assert re.search(rf"{slot}-\d\d:\d\d +{BOOKED} \({BOOKED_MRN}\) +{DOCTOR} +checked_in", listing), listing


def test_booking_and_checking_in_from_the_patient_summary(tmux, clinic):
    """The summary says what was booked, offers the appointment whole, and gives the token."""
    skip_unless_a_slot_is_left_today(clinic)
    open_board(tmux, clinic, RECEPTION, RECEPTION_PASSWORD, RECEPTION_NAME)
    slot = book_first_free_slot(tmux, "otieno", BOOKED, BOOKED_MRN)
    tmux.send("k")
    screen = check_in_form(tmux, BOOKED_MRN)
    # The appointment first, from its first letter, at 80 columns.
    assert form_row(screen, "Arrival").startswith(f"  Arrival   Appointment {slot} {DOCTOR} (GEN)"), screen
    tmux.send("C-s")
    wait_until(tmux, lambda s: all(text in s for text in (
        f"Patient {BOOKED_MRN}", "GEN-001 open", "Checked in GEN-001: next to be called. Consultation KES 500.00 posted.")),
        "the token on the summary")
    tmux.send("Escape")
    tmux.wait_for("Find or register a patient")
    tmux.send("Escape")
    tmux.wait_for("Tab: board 1/3")
    row, _ = wait_status(tmux, "GEN-001", "Checked in")
    assert row[:5] == ["GEN-001", BOOKED, "Checked in", "0 min", "0 min"] and row[5].startswith("Dr Samuel"), row
    quit_app(tmux)
    assert_sane_afterwards(tmux, clinic)


def test_the_doctor_board_name_is_not_overwritten_by_the_counts(tmux, clinic):
    open_board(tmux, clinic, NURSE, NURSE_PASSWORD, NURSE_NAME)
    tmux.send("Tab")
    tmux.send("Tab")
    wait_until(tmux, lambda s: "Tab: board 3/3" in s and "0 done" in s and "A new GEN arrival now" in s, "the doctor's board")
    assert f"{DOCTOR} (GEN, room 1)" in tmux.screen(), tmux.screen()
