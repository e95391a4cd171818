"""The bad-input corpus: every command that takes input, against impossible and far-future dates,
malformed, negative and huge money, empty and 100 KB strings, invalid UTF-8, control and bidi
characters, SQL metacharacters and broken CSVs. Each case must give one line on standard error,
a non-zero exit, and leave the store exactly as it was."""
import os
import sqlite3

import pytest

from conftest import ADMIN_PASSWORD, add_user, run

BAD_UTF8 = "Ami\udcff\udcfena"  # bytes ff fe in argv (Python's surrogateescape)
HUGE = "a" * 100_000
SQL = "x'); DROP TABLE patients;--"

DATES = ["2026-02-30", "2026-13-01", "0000-01-01", "31/31/2026", "", "yesterday", "2026-12-01" + SQL,
         "2026-12-0\u202e1", "2026-12-01\x1b[2J", BAD_UTF8, HUGE]
FAR_FUTURE = ["9999-12-31", "3026-01-01"]
MONEY = ["1,50", "1,2,3", ",,,5", "1e5", "99999999999999999999", "9007199254740993", "0x10", "NaN", "1.234",
         "", "١٢٣", "5$", "1.2.3", "1" + SQL, "1\u202e0", BAD_UTF8, HUGE, "--5"]
NAMES = ["", "   ", HUGE, "Ami\u202ena", "Ami\u200bna", "Ami\u2028na", "Ami\x1b[31mna", "Ami\x07na", BAD_UTF8,
         "Ami\u2066na"]
# A patient's name has no brackets or semicolons (the CSV cases check it); a fee's, a holiday's, a
# clinician's or a staff display name may ("Mary Njeri (midwife)").
FREE_TEXT = ["", "   ", HUGE, "late\u202e", "late\u200b", "late\u2028", "late\x1b[31m", BAD_UTF8]
CODES = ["", HUGE, "X Y", SQL, BAD_UTF8, "\u202eGEN", "G\u200bEN", "ÉÉ"]
COUNTS = ["-1", "0", "99999999999999999999", "1.5", "abc", "", "٣", SQL]
TIMES = ["25:00", "09:61", "9", "", "09:30" + SQL, "0930\u202e", BAD_UTF8]

AS_ADMIN = ["--as", "admin", "--password-stdin"]


def cases():
    """(id, argv) for every command and every value it takes, the other arguments valid."""
    out = []

    def add(name, values, build):
        for i, value in enumerate(values):
            out.append(pytest.param(build(value), id=f"{name}-{i}"))

    add("fees-set-amount", MONEY, lambda v: ["fees", "set", "CONSULT", v, "--name", "Consultation", *AS_ADMIN])
    add("fees-set-code", CODES, lambda v: ["fees", "set", v, "100", "--name", "Consultation", *AS_ADMIN])
    add("fees-set-name", NAMES, lambda v: ["fees", "set", "CONSULT", "100", "--name", v, *AS_ADMIN])
    add("fees-set-from", DATES + FAR_FUTURE, lambda v: ["fees", "set", "CONSULT", "100", "--name", "C", "--from", v, *AS_ADMIN])
    add("user-add-name", NAMES, lambda v: ["user", "add", "newbie", "--name", v, "--role", "receptionist", *AS_ADMIN])
    add("user-add-username", CODES, lambda v: ["user", "add", v, "--name", "New Person", "--role", "receptionist", *AS_ADMIN])
    add("user-add-role", CODES, lambda v: ["user", "add", "newbie", "--name", "New Person", "--role", v, *AS_ADMIN])
    add("user-disable-reason", FREE_TEXT, lambda v: ["user", "disable", "clerk", "--reason", v, *AS_ADMIN])
    add("idle-lock", COUNTS, lambda v: ["settings", "idle-lock", v, *AS_ADMIN])
    add("phone-country", CODES + COUNTS, lambda v: ["settings", "phone-country", v, *AS_ADMIN])
    add("mrn-prefix", CODES, lambda v: ["settings", "mrn-format", "--prefix", v, *AS_ADMIN])
    add("mrn-digits", COUNTS, lambda v: ["settings", "mrn-format", "--digits", v, *AS_ADMIN])
    add("services-add-code", CODES, lambda v: ["services", "add", v, "Dental", *AS_ADMIN])
    add("services-add-name", NAMES, lambda v: ["services", "add", "DEN", v, *AS_ADMIN])
    add("services-add-fee", CODES, lambda v: ["services", "add", "DEN", "Dental", "--fee", v, *AS_ADMIN])
    add("doctors-add-name", NAMES, lambda v: ["doctors", "add", v, "--service", "GEN", *AS_ADMIN])
    add("doctors-add-room", FREE_TEXT[2:], lambda v: ["doctors", "add", "Dr New Person", "--service", "GEN", "--room", v, *AS_ADMIN])
    add("doctors-add-service", CODES, lambda v: ["doctors", "add", "Dr New Person", "--service", v, *AS_ADMIN])
    add("schedule-days", CODES, lambda v: ["schedule", "--doctor", "Wanjiru", "--days", v, "--start", "14:00", "--end", "16:00", *AS_ADMIN])
    add("schedule-start", TIMES, lambda v: ["schedule", "--doctor", "Wanjiru", "--days", "Sat", "--start", v, "--end", "16:00", *AS_ADMIN])
    add("schedule-slot", COUNTS, lambda v: ["schedule", "--doctor", "Wanjiru", "--days", "Sat", "--start", "14:00", "--end", "16:00", "--slot", v, *AS_ADMIN])
    add("schedule-capacity", COUNTS, lambda v: ["schedule", "--doctor", "Wanjiru", "--days", "Sat", "--start", "14:00", "--end", "16:00", "--capacity", v, *AS_ADMIN])
    add("schedule-valid-from", DATES + FAR_FUTURE, lambda v: ["schedule", "--doctor", "Wanjiru", "--days", "Sat", "--start", "14:00", "--end", "16:00", "--valid-from", v, *AS_ADMIN])
    add("leave-from", DATES + FAR_FUTURE, lambda v: ["leave", "--doctor", "Wanjiru", "--from", v, "--to", "2027-01-10", "--reason", "Away", *AS_ADMIN])
    add("leave-reason", FREE_TEXT, lambda v: ["leave", "--doctor", "Wanjiru", "--from", "2027-01-05", "--to", "2027-01-06", "--reason", v, *AS_ADMIN])
    add("leave-backwards", ["x"], lambda v: ["leave", "--doctor", "Wanjiru", "--from", "2027-01-10", "--to", "2027-01-05", "--reason", "Away", *AS_ADMIN])
    add("holidays-day", DATES + FAR_FUTURE, lambda v: ["holidays", "add", v, "Founders Day", *AS_ADMIN])
    add("holidays-name", NAMES, lambda v: ["holidays", "add", "2027-03-03", v, *AS_ADMIN])
    add("book-day", DATES + FAR_FUTURE, lambda v: ["appointments", "book", "--patient", "MR00000018", "--doctor", "Wanjiru", "--day", v, "--time", "09:00", "--as", "clerk", "--password-stdin"])
    add("book-time", TIMES, lambda v: ["appointments", "book", "--patient", "MR00000018", "--doctor", "Wanjiru", "--day", "2027-01-04", "--time", v, "--as", "clerk", "--password-stdin"])
    add("book-patient", CODES, lambda v: ["appointments", "book", "--patient", v, "--doctor", "Wanjiru", "--day", "2027-01-04", "--time", "09:00", "--as", "clerk", "--password-stdin"])
    add("book-doctor", NAMES, lambda v: ["appointments", "book", "--patient", "MR00000018", "--doctor", v, "--day", "2027-01-04", "--time", "09:00", "--as", "clerk", "--password-stdin"])
    add("book-reason", FREE_TEXT[2:], lambda v: ["appointments", "book", "--patient", "MR00000018", "--doctor", "Wanjiru", "--day", "2027-01-04", "--time", "09:00", "--reason", v, "--as", "clerk", "--password-stdin"])
    add("appointments-list-day", DATES, lambda v: ["appointments", "list", "--day", v])
    add("ics-day", DATES, lambda v: ["appointments", "ics", "--doctor", "Wanjiru", "--day", v])
    add("queue-report-day", DATES, lambda v: ["queue", "report", "--day", v])
    add("close-day-day", DATES + FAR_FUTURE, lambda v: ["queue", "close-day", "--reason", "closing", "--day", v, *AS_ADMIN])
    add("close-day-unseen", CODES, lambda v: ["queue", "close-day", "--reason", "closing", "--unseen-as", v, *AS_ADMIN])
    add("close-day-reason", FREE_TEXT, lambda v: ["queue", "close-day", "--reason", v, *AS_ADMIN])
    add("long-wait", COUNTS, lambda v: ["queue", "long-wait", v, *AS_ADMIN])
    add("elderly-age", COUNTS, lambda v: ["queue", "elderly-age", v, *AS_ADMIN])
    add("wallboard-terminal", [v for v in FREE_TEXT if v.strip()], lambda v: ["queue", "wallboard", v, "names", *AS_ADMIN])
    add("wallboard-mode", CODES, lambda v: ["queue", "wallboard", "/dev/pts/1", v, *AS_ADMIN])
    add("collections-from", DATES, lambda v: ["cashier", "collections", "--from", v])
    add("collections-backwards", ["x"], lambda v: ["cashier", "collections", "--from", "2026-12-10", "--to", "2026-12-01"])
    add("shifts-to", DATES, lambda v: ["cashier", "shifts", "--to", v])
    add("printer-width", COUNTS, lambda v: ["cashier", "printer", "lp", "--width", v, *AS_ADMIN])
    add("printer-command", FREE_TEXT, lambda v: ["cashier", "printer", v, *AS_ADMIN])
    add("limits-float", MONEY, lambda v: ["cashier", "limits", "--float", v, *AS_ADMIN])
    add("limits-fee", MONEY + ["0"], lambda v: ["cashier", "limits", "--fee", v, *AS_ADMIN])
    add("limits-fee-days", COUNTS, lambda v: ["cashier", "limits", "--fee-days", v, *AS_ADMIN])
    add("ledger-from", ["-1"] + COUNTS[2:], lambda v: ["ledger", "export", "--from", v])
    add("audit-patient", CODES, lambda v: ["audit", "patient", v, *AS_ADMIN])
    add("audit-user", CODES, lambda v: ["audit", "user", v, *AS_ADMIN])
    return out


CSV_CASES = {
    "bom-crlf-missing-column": "\ufeffid,first_name,date_of_birth,gender\r\n1,Amina,1990-01-01,F\r\n",
    "duplicated-column": "id,first_name,last_name,last_name,date_of_birth,gender\n1,Amina,Okafor,Okafur,1990-01-01,F\n",
    "duplicated-id-column": "id,id,first_name,last_name,date_of_birth,gender\n1,2,Amina,Okafor,1990-01-01,F\n",
    "bad-date": "id,first_name,last_name,date_of_birth,gender\n1,Amina,Okafor,1990-02-30,F\n",
    "future-date": "id,first_name,last_name,date_of_birth,gender\n1,Amina,Okafor,9999-12-31,F\n",
    "nul-byte": "id,first_name,last_name,date_of_birth,gender\n1,Ami\x00na,Okafor,1990-01-01,F\n",
    "bidi-name": "id,first_name,last_name,date_of_birth,gender\n1,Ami\u202ena,Okafor,1990-01-01,F\n",
    "sql-name": "id,first_name,last_name,date_of_birth,gender\n1,Amina,\"Okafor'); DROP TABLE patients;--\",1990-01-01,F\n",
    "huge-header": ",".join(f"c{i}" for i in range(200_000)) + "\n",
    "empty": "",
    "header-only-wrong": "name\nAmina\n",
}

FEE_CSV_CASES = {
    "money-commas": "code,name,amount,effective_from\nXRAY,X-ray,\"1,50\",2026-01-01\n",
    "negative": "code,name,amount,effective_from\nXRAY,X-ray,-5,2026-01-01\n",
    "huge": "code,name,amount,effective_from\nXRAY,X-ray,99999999999999999999,2026-01-01\n",
    "duplicated-column": "code,name,amount,amount,effective_from\nXRAY,X-ray,5,6,2026-01-01\n",
    "missing-column": "code,name,effective_from\nXRAY,X-ray,2026-01-01\n",
    "bad-date": "code,name,amount,effective_from\nXRAY,X-ray,5,2026-02-30\n",
    "bom-crlf-bad-code": "\ufeffcode,name,amount,effective_from\r\nX RAY,X-ray,5,2026-01-01\r\n",
}


def snapshot(path):
    """What must not change: the ledger head and every table's rows, except the logs a sign-in
    and a view write (security_log, patient_access_log)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        head = db.execute("SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1").fetchone()
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('security_log', 'patient_access_log') AND name NOT LIKE 'patient_name_index%'")]
        counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        settings = db.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        sequences = db.execute("SELECT * FROM number_sequences ORDER BY 1").fetchall()
        return head, counts, settings, sequences
    finally:
        db.close()


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "facility.sqlite"
    run("init", "--db", path, "--facility", "Corpus Hospital", "--timezone", "Africa/Nairobi", "--currency", "KES",
        "--admin", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    add_user(path, "clerk", "receptionist", "clerk-pass-1")
    run("fees", "set", "CONSULT", "500", "--name", "Consultation", "--from", "2026-01-01", *AS_ADMIN, "--db", path,
        stdin=ADMIN_PASSWORD + "\n")
    run("services", "add", "GEN", "General Outpatient", "--fee", "CONSULT", *AS_ADMIN, "--db", path, stdin=ADMIN_PASSWORD + "\n")
    run("doctors", "add", "Dr Wanjiru Kamau", "--service", "GEN", "--room", "3", *AS_ADMIN, "--db", path,
        stdin=ADMIN_PASSWORD + "\n")
    run("schedule", "--doctor", "Wanjiru", "--days", "Mon-Fri", "--start", "08:00", "--end", "12:00", "--valid-from",
        "2026-01-01", *AS_ADMIN, "--db", path, stdin=ADMIN_PASSWORD + "\n")
    legacy = folder / "legacy.csv"
    legacy.write_text("id,first_name,last_name,date_of_birth,gender\n" +
                      "".join(f"{i},Name{i},Family,1980-01-01,F\n" for i in range(1, 20)))
    run("import", "patients", legacy, *AS_ADMIN, "--db", path, stdin=ADMIN_PASSWORD + "\n")
    return path


def assert_refused(path, argv, stdin):
    before = snapshot(path)
    proc = run(*argv, "--db", path, stdin=stdin, check=False)
    shown = f"argv={[a[:60] for a in argv]}\nstdout={proc.stdout[:500]!r}\nstderr={proc.stderr[:500]!r}"
    assert proc.returncode != 0, "accepted:\n" + shown
    lines = proc.stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].strip(), "not one line:\n" + shown
    assert len(lines[0]) <= 420, "too long:\n" + shown
    assert "SQLite error" not in proc.stderr and "while executing" not in proc.stderr, shown
    assert snapshot(path) == before, "the store changed:\n" + shown


@pytest.mark.parametrize("argv", cases())
def test_command_refuses_bad_value(corpus_store, argv):
    stdin = ("clerk-pass-1" if "clerk" in argv else ADMIN_PASSWORD) + "\n"
    if argv[:2] == ["user", "add"]:
        stdin += "newbie-pass-1\n"  # the new account's password: the refusal must be the value's
    assert_refused(corpus_store, argv, stdin)


@pytest.mark.parametrize("name", sorted(CSV_CASES))
def test_patient_import_refuses_broken_csv(corpus_store, tmp_path, name):
    csv = tmp_path / f"{name}.csv"
    csv.write_bytes(CSV_CASES[name].encode("utf-8"))
    assert_refused(corpus_store, ["import", "patients", str(csv), *AS_ADMIN], ADMIN_PASSWORD + "\n")


@pytest.mark.parametrize("name", sorted(FEE_CSV_CASES))
def test_fee_import_refuses_broken_csv(corpus_store, tmp_path, name):
    csv = tmp_path / f"{name}.csv"
    csv.write_bytes(FEE_CSV_CASES[name].encode("utf-8"))
    assert_refused(corpus_store, ["import", "fees", str(csv), *AS_ADMIN], ADMIN_PASSWORD + "\n")


def test_invalid_utf8_in_a_csv_is_refused(corpus_store, tmp_path):
    csv = tmp_path / "latin1-broken.csv"
    csv.write_bytes(b"id,first_name,last_name,date_of_birth,gender\n1,Ami\xff\xfe\x00na,Okafor,1990-01-01,F\n")
    assert_refused(corpus_store, ["import", "patients", str(csv), *AS_ADMIN], ADMIN_PASSWORD + "\n")


def test_the_corpus_store_still_verifies(corpus_store):
    assert run("verify", "--db", corpus_store).stdout.startswith("OK")
