"""Issue 11 from the command line: an output file never destroys the store (or anything through a
link, or an existing file without --force); doctors by an unambiguous key; strict money; ranges,
currencies and headers refused with a sentence."""
import os
import stat

from conftest import ADMIN_PASSWORD, run


def admin(store, *args, check=True):
    return run(*args, "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n", check=check)


def with_a_doctor(store):
    admin(store, "services", "add", "GEN", "General Outpatient")
    admin(store, "doctors", "add", "--service", "GEN", "--room", "1", "Dr Samuel Mwangi")


def ics(store, *args):
    return run("appointments", "ics", "--db", store, "--doctor", "Mwangi", "--day", "2026-12-20", *args, check=False)


def test_ics_over_the_store_is_refused_and_the_store_still_verifies(store, tmp_path):
    with_a_doctor(store)
    os.link(store, tmp_path / "alias.sqlite")
    for target in [store, f"{tmp_path}/./{store.name}", f"{tmp_path}/../{tmp_path.name}/{store.name}",
                   tmp_path / "alias.sqlite", f"{store}-wal", f"{store}-shm"]:
        for force in ([], ["--force"]):
            proc = ics(store, "-o", target, *force)
            assert proc.returncode != 0, (target, proc.stdout)
            assert "is the facility's store" in proc.stderr and "nothing was written" in proc.stderr, proc.stderr
            assert "Wrote" not in proc.stdout
    # Relative to the working directory, as in the report: -o store.sqlite beside it.
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        proc = run("appointments", "ics", "--db", store.name, "--doctor", "Mwangi", "--day", "2026-12-20",
                   "-o", store.name, check=False)
    finally:
        os.chdir(cwd)
    assert proc.returncode != 0 and "nothing was written" in proc.stderr, proc.stderr
    # (Opening the store may checkpoint its WAL, so its bytes are not compared; its content is.)
    assert store.read_bytes().startswith(b"SQLite format 3\0")
    assert "Dr Samuel Mwangi (GEN), room 1" in run("doctors", "list", "--db", store).stdout
    assert run("verify", "--db", store).stdout.startswith("OK:")
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")], "no temporary file left"


def test_ics_through_a_symlink_is_refused_and_the_target_kept(store, tmp_path):
    with_a_doctor(store)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "day.ics"
    link.symlink_to(victim)
    for force in ([], ["--force"]):
        proc = ics(store, "-o", link, *force)
        assert proc.returncode != 0
        assert f"{link} is a symbolic link; nothing was written." in proc.stderr, proc.stderr
    assert victim.read_text() == "keep me" and link.is_symlink()
    store_link = tmp_path / "store-link.ics"
    store_link.symlink_to(store)
    assert ics(store, "-o", store_link, "--force").returncode != 0
    assert run("verify", "--db", store).stdout.startswith("OK:")


def test_an_existing_file_is_replaced_only_with_force_and_the_result_is_0600(store, tmp_path):
    with_a_doctor(store)
    out = tmp_path / "day.ics"
    first = ics(store, "-o", out)
    assert first.returncode == 0 and f"Wrote {out}." in first.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.write_text("mine")
    again = ics(store, "-o", out)
    assert again.returncode != 0
    assert f"{out} already exists; nothing was written. Choose another name, or add --force to replace it." in again.stderr
    assert out.read_text() == "mine"
    forced = ics(store, "-o", out, "--force")
    assert forced.returncode == 0 and out.read_text().startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    device = ics(store, "-o", "/dev/null", "--force")
    assert device.returncode != 0 and "/dev/null is a device, not a plain file; nothing was written." in device.stderr
    folder = ics(store, "-o", tmp_path, "--force")
    assert folder.returncode != 0 and "is a folder, not a plain file" in folder.stderr


def test_two_doctors_may_not_share_a_name_and_any_doctor_is_picked_by_key(store):
    with_a_doctor(store)
    run("user", "add", "--db", store, "--as", "admin", "--password-stdin", "pmwangi", "--name", "Peter Mwangi",
        "--role", "doctor", stdin=f"{ADMIN_PASSWORD}\ndoctor-pass-1\n")
    same = admin(store, "doctors", "add", "--service", "GEN", "dr samuel MWANGI", check=False)
    assert same.returncode != 0
    assert "Dr Samuel Mwangi (GEN, room 1) already has this name" in same.stderr, same.stderr
    admin(store, "doctors", "add", "--service", "GEN", "--user", "pmwangi", "Dr Peter Mwangi")
    ambiguous = admin(store, "schedule", "--doctor", "Mwangi", "--days", "Mon", "--start", "08:00", "--end", "09:00", check=False)
    assert ambiguous.returncode != 0
    assert "'Mwangi' matches 2 doctors: Dr Peter Mwangi (GEN; --doctor pmwangi), Dr Samuel Mwangi (GEN; --doctor " in ambiguous.stderr
    listed = run("doctors", "list", "--db", store).stdout
    samuel_key = [line for line in listed.splitlines() if line.startswith("Dr Samuel Mwangi")][0].split("--doctor ")[1]
    by_user = admin(store, "schedule", "--doctor", "pmwangi", "--days", "Mon", "--start", "08:00", "--end", "09:00")
    assert by_user.stdout.startswith("Dr Peter Mwangi: Mon")
    by_id = admin(store, "schedule", "--doctor", samuel_key, "--days", "Mon", "--start", "08:00", "--end", "09:00")
    assert by_id.stdout.startswith("Dr Samuel Mwangi: Mon")
    whole = admin(store, "schedule", "--doctor", "dr samuel mwangi", "--days", "Tue", "--start", "08:00", "--end", "09:00")
    assert whole.stdout.startswith("Dr Samuel Mwangi: Tue")
    renamed = admin(store, "doctors", "rename", "--doctor", "pmwangi", "Dr Samuel Mwangi", check=False)
    assert renamed.returncode != 0 and "already has this name" in renamed.stderr


def test_money_is_read_one_strict_way(store):
    for bad, said in [("1,50", "'1,50' is not an amount: use 1.50 (a point before decimals), or 150"),
                      ("1,2,3", "commas go only between groups of three digits"),
                      (",,,5", "commas go only between groups of three digits"),
                      ("+5", "without a sign"), ("9" * 400, "is too large")]:
        proc = admin(store, "fees", "set", "--name", "Consultation", "CONSULT", bad, check=False)
        assert proc.returncode != 0 and said in proc.stderr, proc.stderr
        assert len(proc.stderr) < 300
    good = admin(store, "fees", "set", "--name", "Consultation", "--from", "2026-01-01", "CONSULT", "1,500.50")
    assert "CONSULT: KES 1,500.50 from 2026-01-01." in good.stdout
    listed = run("fees", "list", "--db", store).stdout
    assert "1,500.50" in listed and "150.00" not in listed


def test_backwards_ranges_unknown_currencies_and_doubled_headers_are_refused(store, tmp_path):
    backwards = run("cashier", "collections", "--db", store, "--from", "2026-05-02", "--to", "2026-05-01", check=False)
    assert backwards.returncode != 0
    assert "--from 2026-05-02 is after --to 2026-05-01; nothing was read. Give the earlier day as --from." in backwards.stderr
    assert run("cashier", "shifts", "--db", store, "--from", "2026-05-02", "--to", "2026-05-01", check=False).returncode != 0
    zzz = run("init", "--db", tmp_path / "other.sqlite", "--facility", "X", "--timezone", "UTC", "--currency", "ZZZ",
              "--admin", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n", check=False)
    assert zzz.returncode != 0 and "ZZZ is not an active ISO 4217 currency code" in zzz.stderr, zzz.stderr
    doubled = tmp_path / "patients.csv"
    doubled.write_text("id,first_name,last_name,date_of_birth,gender,id\np-1,Amina,Okafor,1990-04-12,female,p-2\n")
    proc = admin(store, "import", "patients", doubled, check=False)
    assert proc.returncode != 0 and "the header has the column id twice; nothing was imported." in proc.stderr, proc.stderr
    fees = tmp_path / "fees.csv"
    fees.write_text("code,name\nCONSULT,Consultation\n")
    proc = admin(store, "import", "fees", fees, check=False)
    assert proc.returncode != 0 and "no column for amount" in proc.stderr and "--mapping" not in proc.stderr, proc.stderr
