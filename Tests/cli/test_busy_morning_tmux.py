"""End-to-end (issue 13's acceptance): a busy morning of the real `frontdesk` on three 80x24 terminals
sharing one store: reception, the nurse's station and the cashier.

Reception checks in an adult walk-in (General Outpatient), then a child booked for Paediatrics: the
check-in form offers the booked service first, with only its doctor, and the child comes in urgent.
Reception adds the adult's NHIF policy (80%) from her summary. The nurse, on the all-services board,
highlights the adult and presses c: the child, the top row, is called; the adult still waits. The
nurse records the child's vitals: the board marks them (V) and the child's summary shows them. The
cashier opens a shift, sees the adult waiting to pay, invoices her consultation and takes her share
in cash and NHIF's by insurance: the receipt says only her money was received, NHIF's is on a
remittance that is not in the drawer, and the shift line keeps cash apart from insurers. All three
apps quit cleanly and `frontdesk verify` passes."""
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
CASHIER, CASHIER_PASSWORD, CASHIER_NAME = "carol", "carol-pass-1", "Carol Wanjiru"
GP, PAEDIATRICIAN = "Dr Samuel Mwangi", "Dr Grace Njeri"
# Imported in this order, they get the first three MRNs of the default format.
ADULT, ADULT_MRN = "Okafor, Amina", "MR00000018"
CHILD, CHILD_MRN = "Kamau, Faith", "MR00000034"
# Both doctors' sessions cover the whole day in 15-minute slots: the last one starts at 23:30.
LAST_SLOT_START = datetime.time(23, 30)
TIMEOUT = 10.0  # generous: no step is timed here, only waited for


def admin(store, *args):
    return run(*args, "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")


def facility_now(store):
    zone = sqlite3.connect(store).execute("SELECT timezone FROM facilities").fetchone()[0]
    return datetime.datetime.now(zoneinfo.ZoneInfo(zone))


@pytest.fixture
def morning(store, tmp_path):
    """Two services with fees and a doctor each, booked all day; a receptionist, a nurse and a
    cashier; three imported patients; the child booked for Paediatrics in the next free slot today.
    Returns (store, the booked slot HH:MM)."""
    admin(store, "fees", "set", "--name", "Consultation", "--from", "2026-01-01", "CONSULT", "1000")
    admin(store, "fees", "set", "--name", "Paediatric consultation", "--from", "2026-01-01", "PAEDS", "800")
    admin(store, "services", "add", "--fee", "CONSULT", "GEN", "General Outpatient")
    admin(store, "services", "add", "--fee", "PAEDS", "PAED", "Paediatrics")
    admin(store, "doctors", "add", "--service", "GEN", "--room", "1", GP)
    admin(store, "doctors", "add", "--service", "PAED", "--room", "2", PAEDIATRICIAN)
    for doctor in ("Mwangi", "Njeri"):
        admin(store, "schedule", "--doctor", doctor, "--days", "Mon-Sun", "--start", "00:00", "--end", "23:45",
              "--slot", "15", "--capacity", "2", "--valid-from", "2026-01-01")
    add_user(store, RECEPTION, "receptionist", RECEPTION_PASSWORD, name=RECEPTION_NAME)
    add_user(store, NURSE, "nurse", NURSE_PASSWORD, name=NURSE_NAME)
    add_user(store, CASHIER, "cashier", CASHIER_PASSWORD, name=CASHIER_NAME)
    patients = tmp_path / "patients.csv"
    patients.write_text("id,first_name,last_name,date_of_birth,gender\n"
                        "p-1,Amina,Okafor,1990-04-12,female\n"
                        "p-2,Brian,Otieno,1985-07-01,male\n"
                        "p-3,Faith,Kamau,2021-03-15,female\n")
    admin(store, "import", "patients", patients)
    # A booking must start in the future and is checked in on its own day: the next quarter hour,
    # a minute or more ahead. Late in the facility's evening no slot of today is left.
    now = facility_now(store) + datetime.timedelta(minutes=1)
    minutes = (now.hour * 60 + now.minute) // 15 * 15 + 15
    if now.date() != facility_now(store).date() or minutes > LAST_SLOT_START.hour * 60 + LAST_SLOT_START.minute:
        pytest.skip(f"facility time {facility_now(store):%H:%M}: no future slot left today to book and check in")
    slot = f"{minutes // 60:02d}:{minutes % 60:02d}"
    run("appointments", "book", "--db", store, "--as", RECEPTION, "--password-stdin", "--patient", CHILD_MRN,
        "--doctor", "Njeri", "--day", now.date().isoformat(), "--time", slot, "--reason", "Fever",
        stdin=RECEPTION_PASSWORD + "\n")
    return store, slot


# Reading the screens.

def wait_until(tmux, test, what, timeout=TIMEOUT):
    """Waits until `test(screen)` holds for one capture (a capture can catch a screen half drawn)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        screen = tmux.screen()
        if test(screen):
            return screen
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout}s; screen:\n{tmux.screen()}")


def lines_of(screen):
    """The screen's lines with runs of spaces squeezed."""
    return [" ".join(line.split()) for line in screen.split("\n")]


def wait_lines(tmux, *lines, also=()):
    """Waits for a screen holding every one of `lines` whole (squeezed) and the texts `also`."""
    return wait_until(tmux, lambda s: all(line in lines_of(s) for line in lines) and all(t in s for t in also),
                      " + ".join(map(repr, (*lines, *also))))


def wait_notice(tmux, notice):
    """Waits for a notice that may wrap onto a second line."""
    return wait_until(tmux, lambda s: notice in " ".join(s.split()), repr(notice))


def form_row(screen, label):
    """The form's row of `label`, squeezed (a row with no value is its label alone), or None."""
    return next((" ".join(line.split()) for line in screen.split("\n")
                 if line.startswith(f"  {label} ") or line.rstrip() == f"  {label}"), None)


def wait_row(tmux, label, value):
    """Waits until the form row `label` shows `value` first (a hint may follow)."""
    return wait_until(tmux, lambda s: (form_row(s, label) or "").startswith(f"{label} {value}"), f"{label}: {value}")


# The board's highlight is drawn with a background colour (or reverse video).
HIGHLIGHT = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:4[0-7]|7)m")
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def highlighted_board_row(tmux):
    """The board row drawn highlighted, squeezed, or None."""
    for line in tmux.screen(styled=True).split("\n"):
        plain = " ".join(ESCAPE.sub("", line).split())
        if HIGHLIGHT.search(line) and re.search(r"\b[A-Z]+-\d{3}\b", plain):
            return plain
    return None


def board_row(screen, token):
    return next((" ".join(line.split()) for line in screen.split("\n") if f" {token} " in line), None)


def wait_board(tmux, token, pattern):
    """Waits until `token`'s board row (squeezed) matches `pattern` from its start."""
    return wait_until(tmux, lambda s: re.match(pattern, board_row(s, token) or "") is not None, f"{token} {pattern}")


# The desks.

def sign_in_at(tmux, store, username, password, name):
    start(tmux, store)
    sign_in(tmux, username, password)
    tmux.wait_for(f"Welcome, {name}")


def open_board(tmux):
    tmux.send("F3")
    wait_until(tmux, lambda s: " Queue board\n" in s and "All services" in s and "Tab: board 1/" in s, "the board")


def check_in(tmux, query, mrn):
    """On the board: n, the patient; returns the whole check-in form (not yet saved)."""
    tmux.send("n")
    tmux.wait_for("Check in: find the patient")
    tmux.type(query)
    tmux.wait_for("1 found")
    tmux.send("Enter")
    return wait_until(tmux, lambda s: f"({mrn}). Ctrl-S gives the token." in s and form_row(s, "Needs"), "the check-in form")


def find_patient(tmux, query, mrn):
    tmux.send("C-f")
    tmux.wait_for("Find or register a patient")
    tmux.type(query)
    tmux.wait_for("1 found")
    tmux.send("Enter")
    return wait_until(tmux, lambda s: f" Patient {mrn}\n" in s and "Recent visits:" in s, f"the summary of {mrn}")


def back_to_board(tmux):
    tmux.send("Escape")  # the summary
    tmux.wait_for("Find or register a patient")
    tmux.send("Escape")  # the lookup
    tmux.wait_for(" Queue board\n")


def quit_app(tmux):
    tmux.send("C-q")
    tmux.wait_for("Quit FrontDesk on this terminal?")
    tmux.send("y")


def test_a_busy_morning_at_reception_the_nurses_station_and_the_cashier(morning):
    store, slot = morning
    desks = reception, nurse, cashier = Tmux(), Tmux(), Tmux()  # three 80x24 terminals
    try:
        sign_in_at(reception, store, RECEPTION, RECEPTION_PASSWORD, RECEPTION_NAME)
        sign_in_at(nurse, store, NURSE, NURSE_PASSWORD, NURSE_NAME)
        sign_in_at(cashier, store, CASHIER, CASHIER_PASSWORD, CASHIER_NAME)
        open_board(reception)
        open_board(nurse)
        the_morning(reception, nurse, cashier, store, slot)
        for desk in desks:
            quit_app(desk)
        for desk in desks:
            assert_sane_afterwards(desk, store)
    finally:
        for desk in desks:
            desk.close()
    assert "OK:" in run("verify", "--db", store).stdout

    db = sqlite3.connect(store)
    entries = db.execute("SELECT token, status, priority FROM queue_entries ORDER BY token").fetchall()
    assert entries == [("GEN-001", "checked_in", "normal"), ("PAED-001", "called", "urgent")], entries
    parts = db.execute("""SELECT p.receipt_number, p.total_minor, p.tendered_minor, p.change_minor, m.method, m.amount_minor
                          FROM payments p JOIN payment_methods m USING (payment_id) ORDER BY 1""").fetchall()
    assert parts == [("RCT-000001", 20000, 50000, 30000, "cash", 20000),
                     ("REM-000001", 80000, None, None, "insurance", 80000)], parts


def the_morning(reception, nurse, cashier, store, slot):
    # 1. The adult walks in: two services, so reception chooses General Outpatient.
    screen = check_in(reception, "okafor", ADULT_MRN)
    assert form_row(screen, "Arrival") is None, screen  # no appointment today
    reception.send("Right")
    wait_row(reception, "Service", "GEN General Outpatient")
    reception.send("C-s")
    wait_notice(reception, "Checked in GEN-001: next to be called. Consultation KES 1,000.00 posted.")
    wait_board(nurse, "GEN-001", rf"GEN-001 {ADULT} Checked in ")

    # 2. The child, booked for Paediatrics: her appointment and its service come first, with its
    # doctor alone to choose; she comes in urgent.
    screen = check_in(reception, "kamau", CHILD_MRN)
    assert form_row(screen, "Arrival").startswith(f"Arrival Appointment {slot} {PAEDIATRICIAN} (PAED)"), screen
    assert form_row(screen, "Service").startswith("Service PAED Paediatrics"), screen
    reception.send("Tab")  # Service
    reception.send("Tab")  # Doctor
    # Right cycles the doctors of the service: the paediatrician and "Any doctor", never the GP.
    for doctor in (PAEDIATRICIAN, "Any doctor", PAEDIATRICIAN):
        reception.send("Right")
        screen = wait_row(reception, "Doctor", doctor)
        assert GP not in screen, screen
    wait_row(reception, "Service", "PAED Paediatrics")
    reception.send("Tab")  # Priority
    reception.send("Right")
    wait_row(reception, "Priority", "Urgent")
    reception.send("C-s")
    wait_notice(reception, "Checked in PAED-001: next to be called. Paediatric consultation KES 800.00 posted.")
    # Urgent and booked: she tops the all-services board, on both terminals.
    for desk in (reception, nurse):
        screen = wait_board(desk, "PAED-001", rf"UB PAED-001 {CHILD} Checked in ")
        wait_lines(desk, also=("2 waiting · 0 called · 0 being seen · 0 done",))
        tokens = [m[1] for m in re.finditer(r"^ *(?:[EUABV!]+ +)?((?:GEN|PAED)-\d{3}) ", desk.screen(), re.M)]
        assert tokens == ["PAED-001", "GEN-001"], desk.screen()

    # 3. Reception adds the adult's NHIF policy (80%) from her summary: the cashier's split needs it.
    find_patient(reception, "okafor", ADULT_MRN)
    reception.send("i")
    wait_until(reception, lambda s: " Add insurance\n" in s and form_row(s, "Co-pay") is not None, "the policy form")
    reception.type("NHIF")
    reception.send("Tab")
    reception.type("NH-4471")
    for _ in range(6):  # Holder, relationship, priority, valid from, valid to: to Covers (%)
        reception.send("Tab")
    reception.type("80")
    wait_row(reception, "Covers (%)", "80")
    wait_row(reception, "Payer", "NHIF")
    reception.send("C-s")
    wait_lines(reception, "Balance due: KES 200.00 (1 open charge, for the cashier)",
               "NHIF pays KES 800.00 of the open charges", also=(f" Patient {ADULT_MRN}\n", "Primary insurance: NHIF NH-4471"))
    back_to_board(reception)

    # 4. The nurse highlights the adult (not the top row) and calls next: the top row is called.
    wait_until(nurse, lambda s: "c Call next" in s, "the nurse's footer")
    nurse.send("Down")
    wait_until(nurse, lambda s: (highlighted_board_row(nurse) or "").startswith("GEN-001"), "the adult highlighted")
    nurse.send("c")
    wait_notice(nurse, f"Called PAED-001 {CHILD} to room 2.")
    for desk in (nurse, reception):
        wait_board(desk, "PAED-001", rf"UB PAED-001 {CHILD} Called ")
        wait_board(desk, "GEN-001", rf"GEN-001 {ADULT} Checked in ")
        wait_lines(desk, also=("1 waiting · 1 called · 0 being seen · 0 done",))

    # 5. The child's vitals: the nurse takes them from her row; the board marks them, the summary shows them.
    nurse.send("Up")
    wait_until(nurse, lambda s: (highlighted_board_row(nurse) or "").startswith("UB PAED-001"), "the child highlighted")
    nurse.send("v")
    nurse.wait_for(f"Vital signs of PAED-001 {CHILD}.")
    nurse.send("Tab")  # Pulse
    nurse.type("110")
    nurse.send("Tab")
    nurse.type("38.2")
    nurse.send("Tab")
    nurse.type("97")
    nurse.send("Tab")  # Respiratory rate
    nurse.send("Tab")
    nurse.type("18.5")
    wait_until(nurse, lambda s: all((form_row(s, label) or "").startswith(f"{label} {value}") for label, value in
                                    (("Pulse", "110"), ("Temperature", "38.2"), ("SpO2", "97"), ("Weight", "18.5"))),
               "the vitals typed")
    nurse.send("C-s")
    wait_notice(nurse, f"Vitals recorded for PAED-001 {CHILD}: P 110 · T 38.2 · SpO2 97 · 18.5 kg.")
    for desk in (nurse, reception):
        wait_board(desk, "PAED-001", rf"UBV PAED-001 {CHILD} Called ")
    find_patient(nurse, "kamau", CHILD_MRN)
    vitals = re.compile(r"^  Vitals today \d\d:\d\d: P 110 · T 38\.2 · SpO2 97 · 18\.5 kg$", re.M)
    screen = wait_until(nurse, lambda s: vitals.search(s) and "Esc Back" in s, "the vitals on the summary")
    assert "PAED PAED-001 open" in screen, screen
    footer = screen.rstrip().split("\n")[-1]
    assert "a Allergy" in footer and "c Contact" not in footer, screen  # a nurse records allergies, not contacts
    back_to_board(nurse)

    # 6. The cashier: a shift on a float, the adult waiting to pay her share (NHIF's apart).
    cashier.send("F6")
    wait_lines(cashier, also=(" Cashier\n", "No open shift: no payments can be taken. o opens a shift with a float."))
    cashier.send("o")
    wait_until(cashier, lambda s: " Open a shift\n" in s and form_row(s, "Float") is not None, "the shift form")
    cashier.type("2000")
    wait_row(cashier, "Float", "2000")
    cashier.send("C-s")
    screen = wait_lines(cashier, f"to invoice {ADULT} {ADULT_MRN} 200.00 800.00",
                        f"to invoice {CHILD} {CHILD_MRN} 800.00 0.00",
                        also=("Shift 1 open with a float of KES 2,000.00.", "0 receipts, 0 refunds"))
    waiting = [line for line in lines_of(screen) if line.startswith("to invoice ")]
    assert waiting[0].startswith(f"to invoice {ADULT}"), screen  # waiting longest: the first row
    cashier.send("Enter")
    wait_lines(cashier, f"{ADULT} · {ADULT_MRN}", "Balance due: KES 200.00", "NHIF pays KES 800.00 of the open charges",
               "Charge CONSULT Consultation 1,000.00 not invoiced", also=(" Patient account\n",))
    cashier.send("i")
    wait_lines(cashier, "CONSULT Consultation 1,000.00", "NHIF pays 800.00", "Patient pays 200.00",
               "BALANCE DUE (patient) 200.00", also=("DRAFT (s issues it)",))
    cashier.send("s")
    wait_notice(cashier, "Issued INV-000001. p takes payment.")

    # 7. Her 200 in cash (500 handed over), NHIF's 800 by insurance on a claim.
    cashier.send("p")
    wait_notice(cashier, "INV-000001: the patient owes KES 200.00, NHIF owes KES 800.00.")
    wait_until(cashier, lambda s: form_row(s, "Claim ref") is not None, "the insurance rows")
    cashier.type("200")
    cashier.send("Tab")
    cashier.type("500")
    for _ in range(7):  # Card, its ref, mobile money, its ref, transfer, its ref: to Insurance
        cashier.send("Tab")
    cashier.type("800")
    cashier.send("Tab")
    cashier.type("CLM-2207")
    wait_until(cashier, lambda s: all((form_row(s, label) or "").startswith(f"{label} {value}") for label, value in
                                      (("Cash", "200"), ("Tendered", "500"), ("Insurance", "800"), ("Claim ref", "CLM-2207"))),
               "the split typed")
    cashier.send("C-s")
    screen = wait_lines(cashier, "RCT-000001: KES 200.00 received. CHANGE KES 300.00", "Paid now 200.00",
                        "NHIF pays 800.00", "Patient pays 200.00", "Balance due 0.00", also=(" Receipt\n",))
    screen = wait_notice(cashier, "The insurer's KES 800.00 is on remittance REM-000001, not in the drawer.")
    assert "1,000.00 received" not in screen, screen
    cashier.send("Escape")  # the invoice, paid by both: nothing left to pay, so no Pay
    screen = wait_lines(cashier, "Paid by patient 200.00", "Paid by NHIF 800.00", "BALANCE DUE (patient) 0.00",
                        also=("PAID", "F1 Help"))
    assert "p Pay" not in screen.rstrip().split("\n")[-1], screen
    cashier.send("Escape")  # the account: the receipt and the insurer's remittance apart
    screen = wait_lines(cashier, "Balance due: KES 0.00", "Invoice INV-000001 1,000.00 paid", also=(" Patient account\n",))
    assert any(re.fullmatch(r"Insurer REM-000001 \d{4}-\d\d-\d\d 800\.00", line) for line in lines_of(screen)), screen
    assert any(re.fullmatch(r"Receipt RCT-000001 \d{4}-\d\d-\d\d 200\.00", line) for line in lines_of(screen)), screen
    cashier.send("Escape")  # the desk: cash apart from insurers; only the child waits to pay now
    screen = wait_lines(cashier, "Cash KES 200.00 · insurers KES 800.00 (not drawer)", "1 receipt, 0 refunds",
                        f"to invoice {CHILD} {CHILD_MRN} 800.00 0.00", also=(" Cashier\n",))
    assert ADULT not in screen, screen
    # The day's collections: NHIF's money apart, and the drawer expects the float and the cash only.
    cashier.send("c")
    wait_lines(cashier, "Cash 200.00 0.00 200.00", "Net collected 200.00", "NHIF remittances 800.00",
               f"Shift 1 · {CASHIER_NAME} · expected cash 2,200.00 · open", also=(" Collections\n",))
    cashier.send("Escape")
    cashier.wait_for("Cash KES 200.00 · insurers KES 800.00 (not drawer)")
