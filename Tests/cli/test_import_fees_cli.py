"""`frontdesk import fees`, on the same CSV import as patients: bad lines named, all or nothing unless
--skip-bad, a re-run writes nothing new; a legacy export read through a mapping file; the files in Resources/."""
import pathlib
import sqlite3

from conftest import ADMIN_PASSWORD, run

RESOURCES = pathlib.Path(__file__).resolve().parents[2] / "Resources"
AS_ADMIN = ["--as", "admin", "--password-stdin"]

FILE = [
    "code,name,amount,effective_from",
    "CONSULT,Consultation,500,2026-01-01",     # 2 good
    "LAB,Laboratory,12.345,2026-01-01",        # 3 three decimals
    "XRAY,X-ray,2500,2026-02-30",              # 4 no such day
    "DRESSING,Wound dressing,300,2026-01-01",  # 5 good
]


def write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_fees(store, *args):
    return run("import", "fees", "--db", store, *AS_ADMIN, *map(str, args), stdin=ADMIN_PASSWORD + "\n", check=False)


def ledger_head(store):
    return sqlite3.connect(store).execute("SELECT max(seq) FROM ledger_entries").fetchone()[0]


def rates(store):
    return sqlite3.connect(store).execute("SELECT code, amount_minor FROM fee_schedule ORDER BY code").fetchall()


def test_bad_lines_are_named_and_nothing_is_written(store, tmp_path):
    head = ledger_head(store)
    proc = import_fees(store, write(tmp_path / "fees.csv", FILE))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "2 bad rows:",
        "  line 3: amount: '12.345' has more than 2 decimals",
        "  line 4: effective_from: '2026-02-30' is not a YYYY-MM-DD date",
        "Nothing was imported. Fix these rows, or run again with --skip-bad to import the others.",
    ]
    assert rates(store) == []
    assert ledger_head(store) == head, "not one ledger entry"


def test_skip_bad_writes_the_good_rows_and_a_rerun_writes_nothing_new(store, tmp_path):
    path = write(tmp_path / "fees.csv", FILE)
    first = import_fees(store, "--skip-bad", path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == "4 rows read: 2 rates set, 0 unchanged, 2 skipped as bad."
    assert rates(store) == [("CONSULT", 50000), ("DRESSING", 30000)]
    head = ledger_head(store)
    again = import_fees(store, "--skip-bad", path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == "4 rows read: 0 rates set, 2 unchanged, 2 skipped as bad."
    assert ledger_head(store) == head, "a re-run writes nothing"


def test_a_legacy_export_is_read_through_a_mapping_file(store, tmp_path):
    samples = RESOURCES / "samples"
    proc = import_fees(store, "--mapping", samples / "legacy-fees.mapping", samples / "legacy-fees.csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["3 rows read: 3 rates set, 0 unchanged, 0 skipped as bad.",
                                        "Columns not read: Ledger Account."]
    bad = write(tmp_path / "bad.mapping", ["Tariff Code = tariff"])
    refused = import_fees(store, "--mapping", bad, samples / "legacy-fees.csv")
    assert refused.returncode == 1
    assert refused.stderr == ("frontdesk: mapping file line 1: 'tariff' is not a column of a fee schedule "
                              "(code, name, amount, effective_from)\n")


def test_the_fee_schedule_template_and_the_patients_sample_import(store):
    template = import_fees(store, RESOURCES / "fees" / "fee-schedule-template.csv")
    assert template.returncode == 0, template.stderr
    assert template.stdout.strip() == "8 rows read: 8 rates set, 0 unchanged, 0 skipped as bad."
    samples = RESOURCES / "samples"
    patients = run("import", "patients", "--db", store, *AS_ADMIN, "--mapping", samples / "legacy-patients.mapping",
                   samples / "legacy-patients.csv", stdin=ADMIN_PASSWORD + "\n")
    assert patients.stdout.splitlines() == [
        "5 rows read: 5 patients imported, 0 already imported before, 0 skipped as bad.",
        "Columns not kept: Portal User, Created.",
    ]
