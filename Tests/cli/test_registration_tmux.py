"""End-to-end: the registration desk of the real `frontdesk` in tmux. Register a patient, find
them again by every kind of key, meet the duplicate check, the idle lock over a patient, and
input that must not register anyone. After each scenario the terminal is sane and the store
passes `frontdesk verify`."""
import re
import sqlite3
import time

import pytest

from conftest import ADMIN_PASSWORD, BIN, add_user, run
from tmux_driver import assert_sane_afterwards, sign_in, start

CLERK, CLERK_PASSWORD = "clerk", "clerk-pass-1"
FIRST_MRN, SECOND_MRN = "MR00000018", "MR00000026"
# The form's fields, in order (the three next-of-kin fields are "Next of kin", "relationship", "phone").
FIELDS = ["family", "given", "middle", "sex", "birth", "phone", "national_id", "email", "address",
          "kin", "kin_relationship", "kin_phone", "allergies"]
ANH = dict(family="Nguyễn", given="Thị Ánh", sex="F", birth="27/05/1988", phone="0712 345 678", allergies="penicillin")
ANH_NAME = "Nguyễn, Thị Ánh"


@pytest.fixture
def desk(store):
    """The store with a phone country (local numbers read as +254) and a receptionist."""
    run("settings", "phone-country", "254", "--db", store, "--as", "admin", "--password-stdin",
        stdin=ADMIN_PASSWORD + "\n")
    add_user(store, CLERK, "receptionist", CLERK_PASSWORD)
    return store


def quit_app(tmux, store):
    tmux.send("C-q")
    tmux.wait_for("Quit FrontDesk on this terminal?")
    tmux.send("y")
    assert_sane_afterwards(tmux, store)


def open_lookup(tmux, store, *extra):
    start(tmux, store, *extra)
    sign_in(tmux, CLERK, CLERK_PASSWORD)
    tmux.wait_for("Welcome, Clerk")
    tmux.send("F2")
    tmux.wait_for("Find or register a patient")
    tmux.wait_for("Start typing to find a patient.")


def wait_until(tmux, test, what, timeout=10.0):
    """Waits until `test(screen)` holds for one capture of the screen; returns that screen."""
    start_time = time.monotonic()
    while time.monotonic() - start_time < timeout:
        screen = tmux.screen()
        if test(screen):
            return screen
        time.sleep(0.02)
    raise AssertionError(f"{what} did not happen within {timeout}s; screen:\n{tmux.screen()}")


def find_line(screen):
    return next((line.rstrip() for line in screen.split("\n") if line.startswith("  Find")), None)


def lookup(tmux, query):
    """Types `query` into the emptied Find box; returns the screen once the results are for it."""
    tmux.send("C-u")
    wait_until(tmux, lambda s: find_line(s) == "  Find", "emptying the Find box")
    tmux.type(query)
    # The status line speaks of the box's text only once the results are for that text.
    return wait_until(tmux, lambda s: find_line(s) == f"  Find  {query}" and "Searching…" not in s
                      and re.search(r"\d+\+? found|No patient found", s), f"the results for {query!r}")


def result_rows(screen, name):
    return [line for line in screen.split("\n") if name in line]


def fill_registration(tmux, **values):
    """Fills every field of the open registration form (clearing any prefill), then Ctrl-S."""
    tmux.wait_for("Register a patient")
    for field in FIELDS:
        tmux.send("C-u")
        if values.get(field):
            tmux.type(values[field])
        tmux.send("Tab")
    tmux.send("C-s")


def register_from_lookup(tmux, **values):
    tmux.send("C-n")
    fill_registration(tmux, **values)


def form_row(screen, label):
    return next(line for line in screen.split("\n") if line.startswith(f"  {label} "))


def test_register_a_patient_then_find_them_by_every_key(tmux, desk):
    open_lookup(tmux, desk)
    screen = lookup(tmux, "nguyen thi")
    assert "No patient found. Ctrl-N registers a new one." in screen
    tmux.send("C-n")
    tmux.wait_for("Register a patient")
    # The lookup text (letters only) fills in the family and given names.
    screen = tmux.screen()
    assert "Nguyen" in form_row(screen, "Family name") and "Thi" in form_row(screen, "Given name")
    fill_registration(tmux, **ANH)
    tmux.wait_for(f"Registered {ANH_NAME}: MRN {FIRST_MRN}")
    screen = tmux.screen()
    assert f"Patient {FIRST_MRN}" in screen
    assert ANH_NAME in screen and f"MRN {FIRST_MRN}" in screen
    assert "Female · " in screen and "(born 27 May 1988)" in screen and "+254712345678" in screen
    assert "ALLERGIES: penicillin" in screen
    tmux.send("Escape")
    tmux.wait_for("Find or register a patient")
    queries = ["nguyen thi", "thi ngu", "ngu th", FIRST_MRN, FIRST_MRN.lower(), "18", "0712345678",
               "+254 712 345 678", "(0712) 345-678", "5678", "27/05/1988", "1988-05-27", "27 May 1988", "t 5678"]
    for query in queries:
        screen = lookup(tmux, query)
        rows = result_rows(screen, ANH_NAME)
        assert len(rows) == 1 and FIRST_MRN in rows[0] and "+254712345678" in rows[0], (query, screen)
        assert "1 found" in screen, (query, screen)
    # Keys that are not hers find no one: the searches above could have failed.
    for query in ("okafor", "9999", "27/05/1989", "k 5678", "MR00000026"):
        screen = lookup(tmux, query)
        assert not result_rows(screen, ANH_NAME) and "No patient found" in screen, (query, screen)
    # Enter opens the first result; Ctrl-R on the lookup opens the last patient again.
    lookup(tmux, "thi ngu")
    tmux.send("Enter")
    tmux.wait_for(f"Patient {FIRST_MRN}")
    tmux.send("Escape")
    tmux.wait_for("Find or register a patient")
    tmux.send("C-u")
    tmux.wait_for("Ctrl-R opens the last patient again.")
    tmux.send("C-r")
    tmux.wait_for(f"Patient {FIRST_MRN}")
    assert ANH_NAME in tmux.screen()
    quit_app(tmux, desk)


def test_a_near_duplicate_opens_the_existing_record_or_registers_anyway(tmux, desk):
    twin = dict(family="Nguyen", given="Thi Anh", sex="F", birth="1988-05-27")
    open_lookup(tmux, desk)
    register_from_lookup(tmux, **ANH)
    tmux.wait_for(f"Registered {ANH_NAME}: MRN {FIRST_MRN}")
    tmux.send("Escape")
    tmux.wait_for("Find or register a patient")

    # Enter on the warning opens the existing record, and registers no one.
    register_from_lookup(tmux, **twin)
    tmux.wait_for("Possible duplicate")
    screen = tmux.screen()
    assert "Nguyen, Thi Anh may already be registered:" in screen
    rows = result_rows(screen, ANH_NAME)
    assert len(rows) == 1 and FIRST_MRN in rows[0], screen
    assert "Selected: similar name and birth date." in screen
    tmux.send("Enter")
    tmux.wait_for(f"Patient {FIRST_MRN}")
    screen = tmux.screen()
    assert f"MRN {FIRST_MRN}" in screen and ANH_NAME in screen and "Registered" not in screen
    tmux.send("Escape")
    tmux.wait_for("Find or register a patient")
    screen = lookup(tmux, "nguyen thi")
    assert "1 found" in screen and "Nguyen, Thi Anh" not in screen

    # Ctrl-N on the warning registers the new patient anyway, with the next MRN.
    register_from_lookup(tmux, **twin)
    tmux.wait_for("Possible duplicate")
    tmux.send("C-n")
    tmux.wait_for(f"Registered Nguyen, Thi Anh: MRN {SECOND_MRN}")
    screen = tmux.screen()
    assert f"Patient {SECOND_MRN}" in screen and f"MRN {SECOND_MRN}" in screen
    tmux.send("Escape")
    tmux.wait_for("Find or register a patient")
    screen = lookup(tmux, "nguyen thi")
    assert "2 found" in screen
    assert FIRST_MRN in result_rows(screen, ANH_NAME)[0]
    assert SECOND_MRN in result_rows(screen, "Nguyen, Thi Anh")[0]
    quit_app(tmux, desk)


def test_the_idle_lock_hides_the_open_patient(tmux, desk):
    # Register without the short idle lock, so that slow typing cannot lock the form.
    open_lookup(tmux, desk)
    register_from_lookup(tmux, **ANH)
    tmux.wait_for(f"Registered {ANH_NAME}: MRN {FIRST_MRN}")
    quit_app(tmux, desk)
    tmux.run("clear")

    start(tmux, desk, "--idle-lock-seconds", "3")
    sign_in(tmux, CLERK, CLERK_PASSWORD)
    tmux.wait_for("Welcome, Clerk")
    tmux.send("C-f")  # Ctrl-F opens the lookup from any screen
    tmux.wait_for("Find or register a patient")
    tmux.type("18")
    tmux.wait_for("1 found")
    tmux.send("Enter")
    tmux.wait_for(f"Patient {FIRST_MRN}")
    assert ANH_NAME in tmux.screen()
    tmux.wait_for("This terminal is locked", timeout=10)
    screen = tmux.screen()
    for secret in ("Nguyễn", "Thị Ánh", FIRST_MRN, "00000018", "+254712345678", "penicillin", "27 May 1988"):
        assert secret not in screen, (secret, screen)
    tmux.type(CLERK_PASSWORD)
    tmux.send("Enter")
    tmux.wait_for(f"Patient {FIRST_MRN}")
    screen = tmux.screen()
    assert ANH_NAME in screen and f"MRN {FIRST_MRN}" in screen and "This terminal is locked" not in screen
    quit_app(tmux, desk)
    events = [r[0] for r in sqlite3.connect(desk).execute("SELECT event FROM security_log ORDER BY event_id")]
    assert "session.locked" in events and "session.unlocked" in events


def test_bad_input_is_shown_beside_its_field_and_registers_no_one(tmux, desk):
    open_lookup(tmux, desk)
    lookup(tmux, "okafor amina")
    register_from_lookup(tmux, family="Okafor", given="Amina", sex="F", birth="27/05/2099", phone="0712 ABC 678")
    tmux.wait_for("Birth date or age: is in the future")
    assert "is in the future" in form_row(tmux.screen(), "Birth date or age")
    # Focus is on the birth date: correct it, and the phone's problem comes next.
    tmux.send("C-u")
    tmux.type("27/05/1988")
    tmux.send("C-s")
    tmux.wait_for("Phone: '0712 ABC 678' may hold only digits")
    screen = tmux.screen()
    assert "'0712 ABC 678'" in form_row(screen, "Phone")
    assert "Birth date or age: is in the future" not in screen
    # The next of kin's phone is checked too, and named as such.
    tmux.send("C-u")
    tmux.type("0712 345 678")
    for _ in range(4):  # Phone -> National ID, Email, Address, Next of kin
        tmux.send("Tab")
    for value in ("Chidi Okafor", "brother", "call me"):
        tmux.type(value)
        tmux.send("Tab")
    tmux.send("C-s")
    tmux.wait_for("phone: 'call me' may hold only digits")
    screen = tmux.screen()
    assert "'call me'" in form_row(screen, "  phone") and "Registered" not in screen
    tmux.send("Escape")
    tmux.wait_for("Discard what was typed in Register a patient?")  # a filled form asks first
    tmux.send("y")
    tmux.wait_for("Find or register a patient")
    for query in ("okafor amina", "0712345678", "27/05/1988", FIRST_MRN):
        screen = lookup(tmux, query)
        assert "No patient found" in screen and "Okafor" not in screen, (query, screen)
    tmux.send("Escape")
    tmux.wait_for("Welcome, Clerk")
    assert re.search(r"Patients +0\b", tmux.screen()), tmux.screen()
    quit_app(tmux, desk)
    assert sqlite3.connect(desk).execute("SELECT count(*) FROM patients").fetchone()[0] == 0
