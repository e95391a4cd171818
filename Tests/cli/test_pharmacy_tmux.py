"""End-to-end: the pharmacy desk of the real `frontdesk` at 80x24, a pharmacist and a cashier on two terminals.
The pharmacist receives two batches of amoxicillin (the later-expiring one first), enters a paper prescription
for 80 capsules, and dispenses it: the earlier expiry is taken first (50) and the rest spills into the second
batch (30); the label prints through the facility's print command into a file. The cashier's desk, open all
along, shows the patient waiting to pay KES 800.00 without a key."""
import datetime
import time

from conftest import ADMIN_PASSWORD, add_user, run
from tmux_driver import Tmux, assert_sane_afterwards, sign_in, start

TIMEOUT = 10.0


def admin(store, *args):
    return run(*args, "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")


def wait_words(tmux, text, timeout=TIMEOUT):
    """Waits for `text` on the screen, however it wraps; returns the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if text in " ".join(tmux.screen().split()):
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"{text!r} did not appear within {timeout}s:\n{tmux.screen()}")


def test_a_pharmacist_dispenses_first_expiry_first_and_the_cashier_sees_the_charge(store, tmux, tmp_path):
    labels = tmp_path / "labels.txt"
    admin(store, "fees", "set", "--name", "Amoxicillin 500 mg", "--from", "2026-01-01", "AMOX500", "10")
    admin(store, "cashier", "printer", f"cat >> {labels}")
    add_user(store, "rajesh", "pharmacist", "rajesh-pass-1", name="Rajesh Iyer")
    add_user(store, "jose", "cashier", "jose-pass-1", name="José Peña")
    admin(store, "pharmacy", "in-charge", "rajesh")
    patients = tmp_path / "patients.csv"
    patients.write_text("id,first_name,last_name,date_of_birth,gender\np-1,Amina,Okafor,1990-04-12,female\n")
    admin(store, "import", "patients", patients)
    run("items", "add", "AMOX500", "--generic", "Amoxicillin", "--form", "capsule", "--strength", "500 mg", "--unit", "capsule",
        "--db", store, "--as", "rajesh", "--password-stdin", stdin="rajesh-pass-1\n")
    today = datetime.date.today()
    early, late = today + datetime.timedelta(days=120), today + datetime.timedelta(days=300)

    cashier = Tmux()
    try:
        start(cashier, store)
        sign_in(cashier, "jose", "jose-pass-1")
        cashier.wait_for("Welcome, José Peña")
        cashier.send("F6")
        cashier.wait_for("Nobody waiting and nothing outstanding.")

        start(tmux, store)
        sign_in(tmux, "rajesh", "rajesh-pass-1")
        tmux.wait_for("Welcome, Rajesh Iyer")
        tmux.send("F5")
        tmux.wait_for("No prescription is waiting.")
        # Receive: the later expiry first, so the order dispensed is by expiry and not by arrival.
        tmux.send("r")
        tmux.wait_for("A delivery from a supplier.")
        tmux.type("KEMSA")
        tmux.send("Tab")
        tmux.type("K-88")
        tmux.send("C-s")
        for batch, expiry, quantity in (("LATE", late, "100"), ("EARLY", early, "50")):
            tmux.send("a")
            tmux.wait_for("Delivery line")
            for value in ("AMOX500", batch, expiry.isoformat(), quantity, "300"):
                tmux.type(value)
                tmux.send("Tab")
            tmux.send("C-s")
            wait_words(tmux, f"Line added: {quantity} capsule(s) of Amoxicillin 500 mg capsule.")
        tmux.send("C-s")
        wait_words(tmux, "Goods received note 1: 2 line(s), 150 units from KEMSA.")
        # A paper prescription for 80 capsules.
        tmux.send("n")
        tmux.wait_for("New prescription: find the patient")
        tmux.type("okafor")
        tmux.wait_for("1 found")
        tmux.send("Enter")
        tmux.wait_for("For Okafor, Amina.")
        tmux.type("Dr Wanjiru")
        tmux.send("C-s")
        tmux.send("a")
        tmux.wait_for("Prescription line")
        for value in ("AMOX500", "2", "BD", "20"):
            tmux.type(value)
            tmux.send("Tab")
        tmux.send("C-s")
        wait_words(tmux, "Line added: 80 capsule(s) of Amoxicillin 500 mg capsule.")
        tmux.send("C-s")
        wait_words(tmux, "Prescription 1 saved.")
        screen = tmux.screen()
        assert f"EARLY {early.isoformat()} ×50" in screen, screen
        assert f"LATE {late.isoformat()} ×30" in screen, screen
        tmux.send("C-s")
        wait_words(tmux, "Dispensed 1 line(s); KES 800.00 charged for the cashier.")
        wait_words(tmux, "Sent 1 label(s) to")

        # The cashier's desk shows Amina waiting to pay, without a key.
        seconds = wait_words(cashier, "Okafor, Amina")
        print(f"\nthe cashier's desk showed the charge {seconds:.2f} s after the dispense was on screen")
        assert "800.00" in cashier.screen(), cashier.screen()

        printed = labels.read_text()
        assert "Amoxicillin 500 mg capsule x 80 capsules" in printed, printed
        assert "Take 2 capsules twice a day for 20 days." in printed, printed
        assert f"Batch EARLY exp {early.isoformat()}" in printed and f"Batch LATE exp {late.isoformat()}" in printed, printed
        assert all(len(line) <= 42 for line in printed.splitlines()), printed

        listing = run("pharmacy", "stock", "AMOX500", "--db", store).stdout
        assert "70 capsule(s) on hand" in listing and "batch LATE" in listing and "batch EARLY" not in listing, listing

        tmux.send("C-q")
        tmux.wait_for("Quit FrontDesk on this terminal?")
        tmux.send("y")
        cashier.send("C-q")
        cashier.wait_for("Quit FrontDesk on this terminal?")
        cashier.send("y")
        cashier.wait_for("EXIT=0")
        assert_sane_afterwards(tmux, store)
    finally:
        cashier.close()


def test_two_processes_dispensing_the_last_units_at_once_one_wins(store, tmp_path):
    """Two `frontdesk pharmacy dispense` processes for the last 10 tablets at the same instant: one dispenses,
    the other is told there is not enough; stock never goes below zero and the store verifies."""
    add_user(store, "rajesh", "pharmacist", "rajesh-pass-1", name="Rajesh Iyer")
    patients = tmp_path / "patients.csv"
    patients.write_text("id,first_name,last_name,date_of_birth,gender\np-1,Amina,Okafor,1990-04-12,female\n"
                        "p-2,Brian,Otieno,1985-07-01,male\n")
    admin(store, "import", "patients", patients)

    def as_pharmacist(*args):
        return run(*args, "--db", store, "--as", "rajesh", "--password-stdin", stdin="rajesh-pass-1\n")

    as_pharmacist("items", "add", "PARA500", "--generic", "Paracetamol", "--form", "tablet", "--unit", "tablet")
    expiry = (datetime.date.today() + datetime.timedelta(days=200)).isoformat()
    as_pharmacist("pharmacy", "receive", "--supplier", "KEMSA", "--line", f"PARA500,P1,{expiry},10,20")
    for mrn in ("MR00000018", "MR00000026"):
        as_pharmacist("pharmacy", "prescribe", "--patient", mrn, "--prescriber", "Dr W", "--line", "PARA500;1;OD;10")
    import subprocess
    from conftest import BIN
    procs = [subprocess.Popen([str(BIN / "frontdesk"), "pharmacy", "dispense", str(n), "--db", str(store), "--as", "rajesh",
                               "--password-stdin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in (1, 2)]
    outcomes = [p.communicate("rajesh-pass-1\n", timeout=60) + (p.returncode,) for p in procs]
    winners = [o for o in outcomes if o[2] == 0]
    losers = [o for o in outcomes if o[2] != 0]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "not expired" in losers[0][1] or "on hand" in losers[0][1], losers[0]
    assert "0 tablet(s) on hand" in run("pharmacy", "stock", "PARA500", "--db", store).stdout
    assert run("verify", "--db", store).returncode == 0
