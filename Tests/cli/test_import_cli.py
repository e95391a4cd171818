"""`frontdesk import patients` as an administrator moving a legacy system's patients over."""
import csv
import io
import sqlite3

from conftest import ADMIN_PASSWORD, add_user, run

# The legacy `patients` table's columns, in seeds/004 order.
COLUMNS = [
    "id", "user_id", "first_name", "last_name", "date_of_birth", "gender", "phone", "email", "address", "city", "state",
    "zip_code", "country", "emergency_contact_name", "emergency_contact_phone", "emergency_contact_relationship",
    "blood_type", "allergies", "chronic_conditions", "current_medications", "primary_doctor_id", "status", "created_at",
    "updated_at",
]
HEADER = ",".join(COLUMNS)
IGNORED = "Columns not kept: user_id, primary_doctor_id, created_at, updated_at."


def legacy(id_, first="Amina", last="Okafor", dob="1990-04-12", gender="female", **extra):
    values = {"id": id_, "first_name": first, "last_name": last, "date_of_birth": dob, "gender": gender,
              "created_at": "2019-03-01 10:00:00", "updated_at": "2023-01-01 10:00:00"}
    values.update(extra)
    return values


def row(values):
    """One CSV record (quoted as a spreadsheet would) in the legacy column order."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([values.get(c, "") for c in COLUMNS])
    return out.getvalue()[:-1]


def write(path, lines, ending="\n"):
    path.write_bytes((ending.join(lines) + ending).encode("utf-8"))
    return path


GOOD = [
    legacy("p-001", "Amina", "Okafor", user_id="u-17", phone="+254712345678", email="amina@example.com",
           address="12 Moi Avenue", city="Nairobi", state="Nairobi County", zip_code="00100", country="Kenya",
           emergency_contact_name="Chidi Okafor", emergency_contact_phone="+254722000111",
           emergency_contact_relationship="brother", blood_type="O+", allergies="penicillin; sulfa",
           chronic_conditions="asthma", current_medications="salbutamol inhaler", primary_doctor_id="d-9",
           status="active"),
    legacy("p-002", "Thị Ánh", "Nguyễn", dob="1985-07-01", blood_type="ab+", allergies="none", status="inactive"),
    legacy("p-003", "Jürgen", "Müller", dob="1948-02-29", gender="male", address="Hauptstraße 5, Hinterhaus",
           city="München", country="Germany", status="deceased"),
    legacy("p-004", "秀英", "王", dob="2001-10-10", gender="prefer_not_to_say", phone="+86 138 0013 8000"),
]

BAD = [
    HEADER,
    row(legacy("p-001")),                                           # 2 good
    row(legacy("p-010", "Brian", "Otieno", dob="1990-13-45")),     # 3 bad date
    row(legacy("p-011", "Chloé", "Dubois", gender="x")),           # 4 unknown gender
    row(legacy("p-012", "", "Mwangi")),                            # 5 no first name
    row(legacy("p-001", "Dan", "Kamau")),                          # 6 the id of line 2
    "p-014,,Only,Three",                                           # 7 four fields
    row(legacy("p-002", "Esther", "Wanjiru", gender="F")),         # 8 good
]
BAD_LINES = [
    "  line 3: date of birth: '1990-13-45' is not a date (e.g. 12/04/1990 or 1990-04-12)",
    "  line 4: gender: 'x' is not male, female, other or prefer_not_to_say",
    "  line 5: first name: is required",
    "  line 6: id: 'p-001' is also on line 2",
    "  line 7: has 4 fields; the header has 24",
]


def import_patients(store, csv_path, *flags, user="admin", password=ADMIN_PASSWORD, check=False):
    return run("import", "patients", "--db", store, *flags, "--as", user, "--password-stdin", csv_path,
               stdin=password + "\n", check=check)


def db(store):
    return sqlite3.connect(store)


def patient_count(store):
    return db(store).execute("SELECT count(*) FROM patients").fetchone()[0]


def ledger_count(store):
    return db(store).execute("SELECT count(*) FROM ledger_entries").fetchone()[0]


def test_the_end_of_the_file_is_not_a_bad_row(store, tmp_path):
    for name, text in [("newline.csv", "id,first_name,last_name,date_of_birth,gender\np-1,Amina,Okafor,1990-04-12,female\n"),
                       ("no-newline.csv", "id,first_name,last_name,date_of_birth,gender\np-2,Brian,Otieno,1990-04-12,male")]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        proc = import_patients(store, path)
        assert proc.returncode == 0, name + "\n" + proc.stdout + proc.stderr
        assert proc.stdout.splitlines()[0] == "1 rows read: 1 patients imported, 0 already imported before, 0 skipped as bad."
    assert patient_count(store) == 2


def test_a_good_file_imports_every_row_with_its_legacy_id(store, tmp_path):
    path = write(tmp_path / "patients.csv", [HEADER] + [row(r) for r in GOOD])
    proc = import_patients(store, path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 rows read: 4 patients imported, 0 already imported before, 0 skipped as bad." in proc.stdout
    assert IGNORED in proc.stdout
    assert "bad row" not in proc.stdout

    con = db(store)
    rows = con.execute("""
        SELECT p.legacy_id, p.mrn, r.first_name, r.last_name, r.sex, r.dob, r.phone, r.address, p.status, p.blood_type
        FROM patients p JOIN persons r USING (person_id) ORDER BY p.mrn""").fetchall()
    assert [r[0] for r in rows] == ["p-001", "p-002", "p-003", "p-004"]
    assert rows[0][1] == "MR00000018"
    assert rows[0][2:] == ("Amina", "Okafor", "female", "1990-04-12", "+254712345678",
                           "12 Moi Avenue, Nairobi, Nairobi County 00100, Kenya", "active", "O+")
    assert rows[1][2:4] == ("Thị Ánh", "Nguyễn") and rows[1][8:] == ("inactive", "AB+")
    assert rows[2][2:6] == ("Jürgen", "Müller", "male", "1948-02-29")
    assert rows[2][7] == "Hauptstraße 5, Hinterhaus, München, Germany" and rows[2][8] == "deceased"
    assert rows[3][2:5] == ("秀英", "王", "unknown") and rows[3][6] == "+8613800138000"

    allergies = con.execute("""
        SELECT a.substance FROM patient_allergies a JOIN patients p USING (patient_id)
        WHERE p.legacy_id = 'p-001' ORDER BY a.substance""").fetchall()
    assert allergies == [("penicillin",), ("sulfa",)]
    assert con.execute("SELECT count(*) FROM patient_allergies a JOIN patients p USING (patient_id) "
                       "WHERE p.legacy_id = 'p-002'").fetchone()[0] == 0
    contact = con.execute("""
        SELECT c.kind, c.name, c.relationship, c.phone FROM patient_contacts c JOIN patients p USING (patient_id)
        WHERE p.legacy_id = 'p-001'""").fetchall()
    assert contact == [("emergency", "Chidi Okafor", "brother", "+254722000111")]
    # Every imported row is in the ledger, and the store still verifies.
    assert con.execute("SELECT count(*) FROM ledger_entries WHERE kind = 'patient.registered'").fetchone()[0] == 4
    assert run("verify", "--db", store).returncode == 0


def test_bad_rows_are_listed_by_line_and_nothing_is_imported(store, tmp_path):
    path = write(tmp_path / "bad.csv", BAD)
    before = ledger_count(store)
    proc = import_patients(store, path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == "5 bad rows:", proc.stdout
    assert lines[1:6] == BAD_LINES
    assert "Nothing was imported." in proc.stdout and "--skip-bad" in proc.stdout
    assert "rows read" not in proc.stdout
    assert patient_count(store) == 0
    assert ledger_count(store) == before


def test_skip_bad_imports_the_good_rows_and_still_lists_the_bad(store, tmp_path):
    path = write(tmp_path / "bad.csv", BAD)
    proc = import_patients(store, path, "--skip-bad")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for line in BAD_LINES:
        assert line in proc.stdout
    assert "Nothing was imported." not in proc.stdout
    assert "7 rows read: 2 patients imported, 0 already imported before, 5 skipped as bad." in proc.stdout
    assert sorted(r[0] for r in db(store).execute("SELECT legacy_id FROM patients")) == ["p-001", "p-002"]
    # The first row with an id is the one kept.
    assert db(store).execute("SELECT r.first_name FROM patients p JOIN persons r USING (person_id) "
                             "WHERE p.legacy_id = 'p-001'").fetchone() == ("Amina",)


def test_running_the_import_again_imports_nothing_twice(store, tmp_path):
    path = write(tmp_path / "patients.csv", [HEADER] + [row(r) for r in GOOD])
    first = import_patients(store, path)
    assert first.returncode == 0, first.stdout + first.stderr
    before = ledger_count(store)
    again = import_patients(store, path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "4 rows read: 0 patients imported, 4 already imported before, 0 skipped as bad." in again.stdout
    assert patient_count(store) == 4
    assert ledger_count(store) == before

    later = write(tmp_path / "later.csv", [HEADER] + [row(r) for r in GOOD + [legacy("p-005", "Zawadi", "Kamau")]])
    third = import_patients(store, later)
    assert "5 rows read: 1 patients imported, 4 already imported before, 0 skipped as bad." in third.stdout
    assert patient_count(store) == 5
    assert db(store).execute("SELECT mrn FROM patients WHERE legacy_id = 'p-005'").fetchone() == ("MR00000059",)


def test_a_mapping_file_renames_other_headers(store, tmp_path):
    mapping = tmp_path / "oldsys.map"
    mapping.write_text("# OldSys clinic export\n"
                       "Patient No = id\n"
                       "Given Name = first_name\n"
                       "Surname    = last_name\n"
                       "\n"
                       "Birth Date = date_of_birth\n"
                       "Sex = gender\n"
                       "Mobile = phone   # with its country code\n", encoding="utf-8")
    path = write(tmp_path / "oldsys.csv", [
        "Patient No,Given Name,Surname,Birth Date,Sex,Mobile,Ward",
        "A-1,Amina,Okafor,12/04/1990,F,+254712345678,3B",
        "A-2,Jürgen,Müller,01.02.1950,m,,4C",
    ])
    proc = import_patients(store, path, "--mapping", mapping)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 rows read: 2 patients imported, 0 already imported before, 0 skipped as bad." in proc.stdout
    assert "Columns not kept: Ward." in proc.stdout
    rows = db(store).execute("SELECT p.legacy_id, r.first_name, r.dob, r.sex, r.phone FROM patients p "
                             "JOIN persons r USING (person_id) ORDER BY p.legacy_id").fetchall()
    assert rows == [("A-1", "Amina", "1990-04-12", "female", "+254712345678"),
                    ("A-2", "Jürgen", "1950-02-01", "male", None)]


def test_a_bad_mapping_line_is_reported_and_nothing_is_imported(store, tmp_path):
    mapping = tmp_path / "oldsys.map"
    mapping.write_text("Given Name = first_name\nSurname = surname\n", encoding="utf-8")
    path = write(tmp_path / "oldsys.csv", ["Patient No,Given Name,Surname,Birth Date,Sex",
                                           "A-1,Amina,Okafor,12/04/1990,F"])
    proc = import_patients(store, path, "--mapping", mapping)
    assert proc.returncode != 0
    assert "mapping file line 2: 'surname' is not a column of the legacy patients table" in proc.stderr
    mapping.write_text("Given Name first_name\n", encoding="utf-8")
    proc = import_patients(store, path, "--mapping", mapping)
    assert proc.returncode != 0
    assert "mapping file line 1: write it as `Their Header = column`" in proc.stderr
    proc = import_patients(store, path, "--mapping", tmp_path / "missing.map")
    assert proc.returncode != 0 and "cannot read the mapping file" in proc.stderr
    assert patient_count(store) == 0


def test_a_file_without_a_required_column_says_which(store, tmp_path):
    path = write(tmp_path / "short.csv", ["id,first_name,last_name,date_of_birth", "p-1,Amina,Okafor,1990-04-12"])
    proc = import_patients(store, path)
    assert proc.returncode != 0
    assert "the file has no column for gender" in proc.stderr and "--mapping" in proc.stderr
    assert patient_count(store) == 0
    proc = import_patients(store, tmp_path / "missing.csv")
    assert proc.returncode != 0 and "cannot read" in proc.stderr


def test_a_quoted_line_break_keeps_later_line_numbers_right(store, tmp_path):
    path = write(tmp_path / "multiline.csv", [
        HEADER,
        row(legacy("p-001", "Amina\nChidi", "Okafor")),                   # lines 2-3
        row(legacy("p-002", "Brian", "Otieno", gender="x")),              # line 4
        row(legacy("p-003", "Chloé", "Dubois", dob="yesterday")),         # line 5
    ])
    proc = import_patients(store, path)
    assert proc.returncode == 1
    assert "2 bad rows:" in proc.stdout, proc.stdout
    assert "  line 4: gender: 'x' is not male, female, other or prefer_not_to_say" in proc.stdout
    assert "  line 5: date of birth: 'yesterday' is not a date" in proc.stdout
    assert "line 2:" not in proc.stdout and "line 3:" not in proc.stdout


def test_a_multi_line_address_imports(store, tmp_path):
    # Legacy addresses are free text, often on several lines: a quoted line break is valid CSV.
    path = write(tmp_path / "address.csv", [HEADER, row(legacy("p-001", address="12 Moi Avenue\nFlat 3", city="Nairobi"))])
    proc = import_patients(store, path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 rows read: 1 patients imported" in proc.stdout
    address = db(store).execute("SELECT address FROM persons").fetchone()[0]
    assert address.startswith("12 Moi Avenue") and "Flat 3" in address


def test_local_phones_need_the_facility_country_code(store, tmp_path):
    path = write(tmp_path / "local.csv", [HEADER, row(legacy("p-001", phone="0712 345 678"))])
    proc = import_patients(store, path)
    assert proc.returncode == 1
    assert "line 2: phone: '0712 345 678' needs its country code" in proc.stdout
    run("settings", "phone-country", "--db", store, "--as", "admin", "--password-stdin", "254", stdin=ADMIN_PASSWORD + "\n")
    proc = import_patients(store, path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert db(store).execute("SELECT phone FROM persons").fetchone() == ("+254712345678",)


def test_only_an_administrator_imports(store, tmp_path):
    add_user(store, "amina", "receptionist", "amina-pass-1")
    path = write(tmp_path / "patients.csv", [HEADER] + [row(r) for r in GOOD])
    before = ledger_count(store)
    proc = import_patients(store, path, user="amina", password="amina-pass-1")
    assert proc.returncode != 0
    assert "A receptionist may not import patients; nothing was changed." in proc.stderr, proc.stdout + proc.stderr
    proc = import_patients(store, path, password="wrong-password")
    assert proc.returncode != 0 and "Wrong username or password" in proc.stderr
    assert patient_count(store) == 0
    assert ledger_count(store) == before


def test_month_first_dates_from_a_us_export(store, tmp_path):
    path = write(tmp_path / "us.csv", [HEADER, row(legacy("us-1", dob="03/27/1990")), row(legacy("us-2", "Brian", "Otieno",
                                                                                                 dob="1985-07-01"))])
    refused = import_patients(store, path)
    assert refused.returncode == 1
    assert "line 2: date of birth: '03/27/1990' is not a date" in refused.stdout
    done = import_patients(store, path, "--month-first")
    assert done.returncode == 0, done.stdout + done.stderr
    dobs = dict(db(store).execute("SELECT p.legacy_id, r.dob FROM patients p JOIN persons r USING (person_id)").fetchall())
    assert dobs == {"us-1": "1990-03-27", "us-2": "1985-07-01"}
