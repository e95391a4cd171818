"""The queue desk's command line: booking by MRN under the store's rules, the day's list, a doctor's
day as iCalendar, the report and close of day."""
import datetime
import sqlite3

from conftest import ADMIN_PASSWORD, add_user, run

DOCTOR = "Dr Samuel Mwangi"


def admin(store, *args, check=True):
    return run(*args, "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n", check=check)


def clerk(store, *args, check=True):
    return run(*args, "--db", store, "--as", "desk", "--password-stdin", stdin="desk-pass-1\n", check=check)


def set_up(store, tmp_path):
    admin(store, "services", "add", "--fee", "CONSULT", "GEN", "General Outpatient")
    admin(store, "doctors", "add", "--service", "GEN", "--room", "1", DOCTOR)
    admin(store, "schedule", "--doctor", "Mwangi", "--days", "Mon-Sun", "--start", "08:00", "--end", "12:00",
          "--slot", "15", "--capacity", "1", "--valid-from", "2026-01-01")
    add_user(store, "desk", "receptionist", "desk-pass-1")
    patients = tmp_path / "patients.csv"
    patients.write_text("id,first_name,last_name,date_of_birth,gender\n"
                        "p-1,Amina,Okafor,1990-04-12,female\n"
                        "p-2,Brian,Otieno,1985-07-01,male\n")
    admin(store, "import", "patients", patients)


def test_booking_by_mrn_follows_the_rules_and_the_day_exports_as_icalendar(store, tmp_path):
    set_up(store, tmp_path)
    day = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    booked = clerk(store, "appointments", "book", "--patient", "MR00000018", "--doctor", "Mwangi", "--day", day,
                   "--time", "09:30", "--reason", "follow-up of BP")
    assert f"Booked MR00000018 with {DOCTOR} on {day} 09:30-09:45." in booked.stdout

    full = clerk(store, "appointments", "book", "--patient", "MR00000026", "--doctor", "Mwangi", "--day", day,
                 "--time", "09:30", check=False)
    assert full.returncode != 0 and "is full (1 of 1 booked)" in full.stderr
    past = clerk(store, "appointments", "book", "--patient", "MR00000026", "--doctor", "Mwangi", "--day", "2026-01-05",
                 "--time", "09:00", check=False)
    assert past.returncode != 0 and "has passed; choose a later slot" in past.stderr
    unknown = clerk(store, "appointments", "book", "--patient", "MR99999999", "--doctor", "Mwangi", "--day", day,
                    "--time", "10:00", check=False)
    assert unknown.returncode != 0 and "no patient has MRN MR99999999" in unknown.stderr

    listed = run("appointments", "list", "--db", store, "--day", day).stdout
    assert "09:30-09:45  Okafor, Amina (MR00000018)  Dr Samuel Mwangi  booked" in listed
    ics = tmp_path / "mwangi.ics"
    run("appointments", "ics", "--db", store, "--doctor", "Mwangi", "--day", day, "-o", ics)
    text = ics.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 1 and "SUMMARY:Okafor\\, Amina" in text


def test_the_report_and_close_of_day_from_the_command_line(store, tmp_path):
    set_up(store, tmp_path)
    report = run("queue", "report", "--db", store).stdout
    assert "GEN General Outpatient" in report
    assert report.splitlines()[-1] == "Ledger head %d:%s" % ledger_head(store), report
    closed = clerk(store, "queue", "close-day", "--reason", "clinic closed", "--unseen-as", "no-show")
    assert "0 unseen closed as no-show" in closed.stdout
    # The anchor a close-of-day report carries is one `verify --head` accepts.
    assert closed.stdout.splitlines()[-1] == "Ledger head %d:%s" % ledger_head(store), closed.stdout
    run("verify", "--db", store, "--head", closed.stdout.split()[-1])
    refused = clerk(store, "queue", "close-day", "--reason", "x", "--unseen-as", "gone", check=False)
    assert refused.returncode != 0 and "--unseen-as is left or no-show" in refused.stderr


def ledger_head(store):
    seq, digest = sqlite3.connect(store).execute("SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1").fetchone()
    return seq, digest[:12]
