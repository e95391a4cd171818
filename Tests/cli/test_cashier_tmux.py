"""End-to-end: the cashier desk of the real `frontdesk` in tmux (issue 6). A cashier opens a shift
with a float, finds a patient, adds two services at the counter, invoices and issues them, takes a
split payment (cash with change, and card), writes the receipt to a file (a second time it says
COPY), refunds part of the receipt only with a supervisor's password, and closes the shift with a
blind count that comes up short. The store is then checked: two receipts (the payment and the
refund), the shift's shortage, and `frontdesk verify`.

Printing (p) is tested on its own, with no printer: the default `lp` is kept off the PATH so that
no real printer is ever used."""
import pathlib
import re
import shutil
import sqlite3
import tempfile
import time

import pytest

from conftest import ADMIN_PASSWORD, BIN, add_user, run
from tmux_driver import assert_sane_afterwards, sign_in

CASHIER, CASHIER_PASSWORD, CASHIER_NAME = "cashier", "cash-pass-1", "Carol Wanjiru"
SUPERVISOR, SUPERVISOR_PASSWORD, SUPERVISOR_NAME = "boss", "boss-pass-1", "Peter Kamau"
PATIENT, MRN = "Okafor, Amina", "MR00000018"  # the first MRN of the default format
TIMEOUT = 10.0


def admin(store, *args):
    return run(*args, "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")


@pytest.fixture
def cashier_store():
    """A KES facility with two fees, a cashier, a supervisor and one imported patient.

    The store lives in a short directory of its own: receipts are written to `exports/` beside
    it and the notice names the whole path, which must fit the 76 columns of an 80-column notice
    (pytest's own tmp_path is longer than that)."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="fd-cash-", dir="/tmp"))
    try:
        store = folder / "facility.sqlite"
        run("init", "--db", store, "--facility", "Ward Test Hospital", "--timezone", "Africa/Nairobi",
            "--currency", "KES", "--admin", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
        admin(store, "fees", "set", "--name", "Consultation", "--from", "2026-01-01", "CONSULT", "1000")
        admin(store, "fees", "set", "--name", "Chest X-ray", "--from", "2026-01-01", "XRAY", "2500")
        add_user(store, CASHIER, "cashier", CASHIER_PASSWORD, name=CASHIER_NAME)
        add_user(store, SUPERVISOR, "supervisor", SUPERVISOR_PASSWORD, name=SUPERVISOR_NAME)
        patients = folder / "patients.csv"
        patients.write_text("id,first_name,last_name,date_of_birth,gender\n"
                            "p-1,Amina,Okafor,1990-04-12,female\n")
        admin(store, "import", "patients", patients)
        yield store
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# Driving the screens.

def wait_until(tmux, test, what, timeout=TIMEOUT):
    """Waits until `test(screen)` holds for one capture; returns the screen."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        screen = tmux.screen()
        if test(screen):
            return screen
        time.sleep(0.02)
    raise AssertionError(f"{what} did not happen within {timeout}s; screen:\n{tmux.screen()}")


def wait_all(tmux, *texts, what=None):
    """Waits for a screen holding every one of `texts` (a capture can catch a screen half drawn)."""
    return wait_until(tmux, lambda s: all(t in s for t in texts), what or " + ".join(map(repr, texts)))


def wait_notice(tmux, notice):
    """Waits for a notice that may wrap onto a second line."""
    return wait_until(tmux, lambda s: notice in " ".join(s.split()), repr(notice))


def form_row(screen, label):
    """The form's row of `label` (rstripped), or None."""
    return next((line.rstrip() for line in screen.split("\n")
                 if line.startswith(f"  {label} ") or line.rstrip() == f"  {label}"), None)


def row_shows(label, value):
    """A test that the form row `label` holds exactly `value` (an empty value: the row is its label alone)."""
    def test(screen):
        row = form_row(screen, label)
        if row is None or not value:
            return row == f"  {label}"
        return re.fullmatch(rf"  {re.escape(label)} +{re.escape(value)}( .*)?", row) is not None
    return test


def lines_of(screen):
    """The screen's lines with runs of spaces squeezed, for matching table rows."""
    return [" ".join(line.split()) for line in screen.split("\n")]


def start_without_a_printer(tmux, store, no_printer):
    """Starts the app as `start` does, but with a PATH that holds no `lp`: the default print
    command then fails the same way on every machine, and no real printer is ever used."""
    tmux.run(f"PATH={no_printer} {BIN / 'frontdesk'} --db {store}; echo EXIT=$?")
    tmux.wait_for("Sign in to FrontDesk")


def open_cashier_desk(tmux, store, no_printer):
    start_without_a_printer(tmux, store, no_printer)
    sign_in(tmux, CASHIER, CASHIER_PASSWORD)
    tmux.wait_for(f"Welcome, {CASHIER_NAME}")
    tmux.send("F6")
    wait_all(tmux, " Cashier\n", "No open shift: no payments can be taken. o opens a shift with a float.",
             "Nobody waiting and nothing outstanding. f finds a patient.")


def open_shift(tmux, float_text):
    tmux.send("o")
    wait_all(tmux, " Open a shift\n", "  Float ")
    tmux.type(float_text)
    wait_until(tmux, row_shows("Float", float_text), "the float typed")
    tmux.send("C-s")


def find_account(tmux):
    tmux.send("f")
    tmux.wait_for("Cashier: find the patient")
    tmux.type("okafor")
    tmux.wait_for("1 found")
    tmux.send("Enter")
    wait_all(tmux, " Patient account\n", f"{PATIENT} · {MRN}", "Balance due: KES 0.00")


def add_service(tmux, code):
    tmux.send("a")
    wait_all(tmux, " Add a service\n", "  Code ", "  Quantity  1")
    tmux.type(code)
    wait_until(tmux, row_shows("Code", code), f"{code} typed")
    tmux.send("C-s")


def quit_app(tmux):
    tmux.send("C-q")
    tmux.wait_for("Quit FrontDesk on this terminal?")
    tmux.send("y")


def test_a_cashier_takes_a_split_payment_refunds_with_a_supervisor_and_closes_short(tmux, cashier_store, tmp_path):
    store, exports = cashier_store, cashier_store.parent / "exports"
    open_cashier_desk(tmux, store, tmp_path)

    # 1. The shift opens on a float of 5,000.
    open_shift(tmux, "5000")
    screen = wait_all(tmux, "Shift 1 open with a float of KES 5,000.00.", "No receipts yet.", "0 receipts, 0 refunds")
    assert re.search(r"Shift 1 open since \d\d:\d\d · float KES 5,000\.00", screen), screen
    assert "No open shift" not in screen, screen

    # 2. The patient's account, and two services from the fee schedule at the counter.
    find_account(tmux)
    add_service(tmux, "CONSULT")
    screen = wait_all(tmux, "Added Consultation KES 1,000.00.", "Balance due: KES 1,000.00")
    assert "Charge CONSULT Consultation 1,000.00 not invoiced" in lines_of(screen), screen
    add_service(tmux, "XRAY")
    screen = wait_all(tmux, "Added Chest X-ray KES 2,500.00.", "Balance due: KES 3,500.00")
    assert "Charge XRAY Chest X-ray 2,500.00 not invoiced" in lines_of(screen), screen

    # 3. A draft invoice of both, issued.
    tmux.send("i")
    screen = wait_all(tmux, " Invoice\n", f"Draft invoice · {PATIENT} · {MRN}", "DRAFT (s issues it)",
                      "BALANCE DUE (patient)")
    lines = lines_of(screen)
    for line in ("CONSULT Consultation 1,000.00", "XRAY Chest X-ray 2,500.00", "Subtotal 3,500.00",
                 "Paid by patient 0.00", "BALANCE DUE (patient) 3,500.00"):
        assert line in lines, (line, screen)
    tmux.send("s")
    screen = wait_all(tmux, "Issued INV-000001. p takes payment.", f"INV-000001 · {PATIENT} · {MRN}", "ISSUED")
    assert "DRAFT" not in screen, screen

    # 4. A split payment: 2,000 cash (2,500 handed over) and 1,500 by card.
    tmux.send("p")
    screen = wait_all(tmux, " Payment\n", "INV-000001: the patient owes KES 3,500.00.", "  Transfer ref")
    assert [label for label in ("Cash", "Tendered", "Card", "Card ref", "Mobile money", "M-money ref",
                                "Bank transfer", "Transfer ref") if form_row(screen, label) is None] == [], screen
    tmux.type("2000")
    tmux.send("Tab")
    tmux.type("2500")
    tmux.send("Tab")
    tmux.type("1500")
    wait_until(tmux, lambda s: row_shows("Cash", "2000")(s) and row_shows("Tendered", "2500")(s)
               and row_shows("Card", "1500")(s), "the split typed")
    tmux.send("C-s")
    screen = wait_all(tmux, " Receipt\n", "RCT-000001: KES 3,500.00 received. CHANGE KES 500.00", "No. RCT-000001",
                      "Invoice INV-000001", "Balance due")
    lines = lines_of(screen)
    assert "RECEIPT" in lines and f"Patient: {PATIENT} {MRN}" in lines, screen
    for line in ("Consultation 1,000.00", "Chest X-ray 2,500.00", "Paid now 3,500.00", "Balance due 0.00"):
        assert line in lines, (line, screen)

    # 5. The receipt to a file; the second time it is a copy, and says so.
    tmux.send("w")
    original = exports / "RCT-000001.txt"
    wait_notice(tmux, f"Wrote {original}")
    text = original.read_text()
    squeezed = lines_of(text)
    assert "COPY" not in text, text
    for line in ("RECEIPT", "Ward Test Hospital", f"Patient: {PATIENT} {MRN}", "Invoice INV-000001",
                 "Consultation 1,000.00", "Chest X-ray 2,500.00", "Subtotal 3,500.00", "Paid now 3,500.00",
                 "Balance due 0.00", "Cash 2,000.00", "Card 1,500.00", "Tendered 2,500.00", "Change 500.00",
                 f"Cashier: {CASHIER_NAME}"):
        assert line in squeezed, (line, text)
    assert re.search(r"^No\. RCT-000001 +\d{4}-\d\d-\d\d \d\d:\d\d$", text, re.M), text
    tmux.send("w")
    copy = exports / "RCT-000001-copy.txt"
    wait_notice(tmux, f"Wrote {copy}")
    copy_text = copy.read_text()
    assert "*** COPY ***" in copy_text and "RCT-000001" in copy_text and "Change" in copy_text, copy_text
    assert original.read_text() == text  # the original file is left as it was

    # 6. Back to the invoice (paid) and the account, where the receipt is listed under the invoice.
    tmux.send("Escape")
    screen = wait_all(tmux, " Invoice\n", f"INV-000001 · {PATIENT} · {MRN}", "PAID", "BALANCE DUE (patient)")
    lines = lines_of(screen)
    assert "Paid by patient 3,500.00" in lines and "BALANCE DUE (patient) 0.00" in lines, screen
    tmux.send("Escape")
    screen = wait_all(tmux, " Patient account\n", "Balance due: KES 0.00", "RCT-000001")
    rows = [line for line in lines_of(screen) if line.startswith(("Invoice ", "Receipt ", "Refund ", "Charge "))]
    assert len(rows) == 2 and rows[0] == "Invoice INV-000001 3,500.00 paid", screen
    # Where it last went, as it went: the copy's file, not "printed" (nothing reached a printer).
    assert re.fullmatch(r"Receipt RCT-000001 \d{4}-\d\d-\d\d 3,500\.00 written to RCT-000001-copy\.txt", rows[1]), screen

    # 7. A refund of 300 from the receipt (the second row) needs a supervisor's password and a reason.
    tmux.send("Down")
    tmux.send("r")
    screen = wait_all(tmux, " Refund RCT-000001\n", "Refund from RCT-000001 (KES 3,500.00)", "  Reason\n")
    assert row_shows("Amount", "3,500.00")(screen), screen
    assert row_shows("Paid back by", "Cash")(screen), screen
    for label in ("Reference", "Supervisor", "Password"):
        assert form_row(screen, label) is not None, (label, screen)
    tmux.send("C-u")
    tmux.type("300")
    tmux.send("Tab")  # Paid back by: Cash
    tmux.send("Tab")  # Reference
    tmux.send("Tab")
    # The cashier cannot authorise their own refund.
    tmux.type(CASHIER)
    tmux.send("Tab")
    tmux.type(CASHIER_PASSWORD)
    tmux.send("Tab")
    tmux.type("X-ray charged in error")
    wait_until(tmux, lambda s: row_shows("Amount", "300")(s) and row_shows("Supervisor", CASHIER)(s)
               and row_shows("Password", "•" * len(CASHIER_PASSWORD))(s)
               and row_shows("Reason", "X-ray charged in error")(s), "the refund typed")
    assert CASHIER_PASSWORD not in tmux.screen()  # masked
    tmux.send("C-s")
    wait_notice(tmux, "A cashier may not authorise a refund; nothing was changed.")
    assert " Refund RCT-000001\n" in tmux.screen()
    # The supervisor, with a wrong password first: refused, nothing happens.
    tmux.send("BTab")  # Password
    tmux.send("BTab")  # Supervisor
    tmux.send("C-u")
    tmux.type(SUPERVISOR)
    tmux.send("Tab")
    tmux.send("C-u")
    tmux.type("not-the-password")
    wait_until(tmux, lambda s: row_shows("Supervisor", SUPERVISOR)(s)
               and row_shows("Password", "•" * len("not-the-password"))(s), "the supervisor typed")
    tmux.send("C-s")
    screen = wait_notice(tmux, "Wrong username or password.")
    assert " Refund RCT-000001\n" in screen and row_shows("Amount", "300")(screen), screen
    db = sqlite3.connect(store)
    assert db.execute("SELECT count(*) FROM payments").fetchone()[0] == 1
    # Then the right one.
    tmux.send("C-u")
    tmux.type(SUPERVISOR_PASSWORD)
    wait_until(tmux, row_shows("Password", "•" * len(SUPERVISOR_PASSWORD)), "the right password typed")
    tmux.send("C-s")
    screen = wait_all(tmux, " Patient account\n", f"Refund RCT-000002: KES 300.00 cash, authorised by {SUPERVISOR_NAME}.")
    rows = [line for line in lines_of(screen) if line.startswith(("Invoice ", "Receipt ", "Refund ", "Charge "))]
    # The refund gives back part of what paid the invoice, so the invoice is owed that part again.
    assert rows[0] == "Invoice INV-000001 3,500.00 owes 300.00", screen
    assert re.fullmatch(r"Refund RCT-000002 \d{4}-\d\d-\d\d -300\.00", rows[1]), screen
    assert re.fullmatch(r"Receipt RCT-000001 \d{4}-\d\d-\d\d 3,500\.00 written to RCT-000001-copy\.txt", rows[2]), screen

    # 8. The desk's takings, then the shift closes on a blind count of 6 × 1,000 and 1 × 500.
    tmux.send("Escape")
    screen = wait_all(tmux, " Cashier\n", "Cash KES 1,700.00 · Card KES 1,500.00", "1 receipt, 1 refund")
    assert re.search(r"Shift 1 open since \d\d:\d\d · float KES 5,000\.00", screen), screen
    tmux.send("z")
    screen = wait_all(tmux, " Close shift 1\n", "  Left for next\n", "  Note\n")
    labels = [f"× {value}" for value in ("1,000.00", "500.00", "200.00", "100.00", "50.00", "20.00", "10.00", "5.00", "1.00")]
    assert [label for label in labels if form_row(screen, label) is None] == [], screen
    assert "6,700.00" not in screen  # blind: the expected cash is not shown before the count
    tmux.type("6")
    tmux.send("Tab")
    tmux.type("1")
    tmux.send("BTab")
    tmux.send("BTab")  # round to the last field, the note
    tmux.type("Counted twice")
    tmux.send("BTab")
    tmux.type("1000")
    wait_until(tmux, lambda s: row_shows("× 1,000.00", "6")(s) and row_shows("× 500.00", "1")(s)
               and row_shows("× 200.00", "")(s) and row_shows("Left for next", "1000")(s)
               and row_shows("Note", "Counted twice")(s), "the count typed")
    tmux.send("C-s")
    # Closing cannot be undone: it asks first, with the count against what was expected.
    screen = wait_all(tmux, "Close shift 1?", "y: yes")
    assert "SHORT KES 200.00" in " ".join(screen.split()), screen
    tmux.send("y")
    screen = wait_all(tmux, " Z-report\n", "Note: Counted twice")
    lines = lines_of(screen)
    assert f"Shift 1 · {CASHIER_NAME}" in lines and "Receipts 1, refunds 1" in lines, screen
    for line in ("Float 5,000.00", "Cash taken 2,000.00", "Cash refunded -300.00", "Card taken 1,500.00",
                 "Cash expected in the drawer 6,700.00", "Cash counted 6,500.00", "SHORT -200.00",
                 "Left for the next cashier 1,000.00"):
        assert line in lines, (line, screen)
    tmux.send("w")
    z_report = exports / "z-report-shift-1.txt"
    wait_notice(tmux, f"Wrote {z_report}")
    z_lines = lines_of(z_report.read_text())
    for line in ("Z REPORT", "Cash expected 6,700.00", "Cash counted 6,500.00", "SHORT -200.00", "Cash refunded -300.00",
                 f"Cashier: {CASHIER_NAME}"):
        assert line in z_lines, (line, z_report.read_text())
    # The ledger head at the close, on the screen and the paper: `verify --head` takes it back.
    seq, digest = db.execute("SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1").fetchone()
    assert f"Ledger head {seq}:{digest[:12]}" in lines, screen
    assert f"Ledger head {seq}:{digest[:12]}" in z_lines, z_report.read_text()

    # 9. The desk: no shift, the cash left for the next cashier, and the 300 owed again.
    tmux.send("Escape")
    screen = wait_all(tmux, " Cashier\n", "No open shift: no payments can be taken.",
                      "Shift 1 left KES 1,000.00 in the drawer: t takes it over.")
    assert f"INV-000001 {PATIENT} {MRN} 300.00 0.00" in lines_of(screen), screen
    quit_app(tmux)
    assert_sane_afterwards(tmux, store)

    # What the store says.
    payments = db.execute("""SELECT receipt_number, kind, total_minor, tendered_minor, change_minor, reason,
                                    (SELECT username FROM users WHERE user_id = authorized_by)
                             FROM payments ORDER BY receipt_number""").fetchall()
    assert payments == [("RCT-000001", "payment", 350000, 250000, 50000, None, None),
                        ("RCT-000002", "refund", 30000, None, None, "X-ray charged in error", SUPERVISOR)], payments
    parts = db.execute("""SELECT p.receipt_number, m.method, m.amount_minor FROM payment_methods m
                          JOIN payments p USING (payment_id) ORDER BY p.receipt_number, m.method""").fetchall()
    assert parts == [("RCT-000001", "card", 150000), ("RCT-000001", "cash", 200000), ("RCT-000002", "cash", 30000)], parts
    shifts = db.execute("""SELECT number, status, float_minor, expected_cash_minor, counted_cash_minor, over_short_minor,
                                  float_left_minor, close_note FROM cashier_shifts""").fetchall()
    assert shifts == [(1, "closed", 500000, 670000, 650000, -20000, 100000, "Counted twice")], shifts
    db.close()
    assert run("verify", "--db", store, "--head", f"{seq}:{digest[:12]}").returncode == 0


def pay_a_consultation_in_cash(tmux):
    """From the desk: a shift, the patient's consultation invoiced, issued and paid in cash; ends
    on the receipt screen."""
    open_shift(tmux, "1000")
    tmux.wait_for("Shift 1 open with a float of KES 1,000.00.")
    find_account(tmux)
    add_service(tmux, "CONSULT")
    tmux.wait_for("Added Consultation KES 1,000.00.")
    tmux.send("i")
    tmux.wait_for("DRAFT (s issues it)")
    tmux.send("s")
    tmux.wait_for("Issued INV-000001. p takes payment.")
    tmux.send("p")
    wait_all(tmux, " Payment\n", "  Transfer ref")
    tmux.type("1000")
    wait_until(tmux, row_shows("Cash", "1000"), "the cash typed")
    tmux.send("C-s")
    wait_all(tmux, " Receipt\n", "RCT-000001: KES 1,000.00 received", "No. RCT-000001")


PRINT_FAILED = re.compile(r"Printing failed \(lp\): \S.*lp.* w writes it to a file\.")


def quit_unless_crashed(tmux):
    if "EXIT=" not in tmux.screen():
        quit_app(tmux)
        tmux.wait_for("EXIT=0")


def test_printing_with_no_printer_says_so_and_the_app_keeps_running(tmux, cashier_store, tmp_path):
    """There is no `lp` (the default print command): each p says so and points at w."""
    open_cashier_desk(tmux, cashier_store, tmp_path)
    pay_a_consultation_in_cash(tmux)
    try:
        for attempt in range(1, 11):
            tmux.send("p")
            time.sleep(0.3)
            screen = wait_until(tmux, lambda s: "EXIT=" in s or PRINT_FAILED.search(" ".join(s.split())),
                                f"print attempt {attempt}")
            assert "EXIT=" not in screen, f"the app died at print attempt {attempt}:\n{screen}"
            assert "RCT-000001: KES 1,000.00 received" in screen, screen
    finally:
        quit_unless_crashed(tmux)


def test_a_failed_print_leaves_the_original_receipt_for_the_file(tmux, cashier_store, tmp_path):
    store, exports = cashier_store, cashier_store.parent / "exports"
    open_cashier_desk(tmux, store, tmp_path)
    pay_a_consultation_in_cash(tmux)
    try:
        tmux.send("p")
        wait_until(tmux, lambda s: "EXIT=" in s or PRINT_FAILED.search(" ".join(s.split())), "the print failure")
        assert "EXIT=" not in tmux.screen(), tmux.screen()  # (the crash above, if it happened)
        tmux.send("w")
        screen = wait_until(tmux, lambda s: "Wrote " in s, "the file written")
        # Nothing was printed: the file is the patient's first and only original.
        assert f"Wrote {exports / 'RCT-000001.txt'}" in " ".join(screen.split()), screen
        assert "COPY" not in (exports / "RCT-000001.txt").read_text()
    finally:
        quit_unless_crashed(tmux)


def test_an_administrator_sets_the_thresholds_that_ask_first_and_the_desk_uses_them(tmux, cashier_store, tmp_path):
    """`frontdesk cashier limits` shows the defaults, sets a lower float threshold, and the
    cashier's desk then asks before a float above it (and not below)."""
    shown = admin(cashier_store, "cashier", "limits").stdout
    assert "a float above KES 100,000.00" in shown and "more than 90 days ahead" in shown, shown
    set_ = admin(cashier_store, "cashier", "limits", "--float", "5,000", "--fee-days", "30").stdout
    assert "a float above KES 5,000.00" in set_ and "more than 30 days ahead" in set_, set_
    no_printer = tmp_path / "no-printer"
    no_printer.mkdir()
    open_cashier_desk(tmux, cashier_store, no_printer)
    open_shift(tmux, "6000")
    wait_notice(tmux, "A float of KES 6,000.00? This facility's floats are up to KES 5,000.00.")
    tmux.send("n")
    quit_app(tmux)
    tmux.wait_for("EXIT=0")
