"""The beds desk from the command line: admit, a discharge owing its minimum bed-day refused without a supervisor,
then let through by one (their password after the nurse's), the cashier's clearance, accrual run twice, the census."""
from conftest import run
from test_beds_tmux import admin, ward  # noqa: F401 (the fixture)


def nurse(store, *args, passwords="nancy-pass-1\n", check=True):
    return run(*args, "--db", store, "--as", "nancy", "--password-stdin", stdin=passwords, check=check)


def test_admit_and_discharge_with_and_without_a_supervisor(ward):
    assert "MR00000018 admitted into A A3." in nurse(ward, "beds", "admit", "--patient", "MR00000018", "--reason", "Fall",
                                                      "--bed", "A A3").stdout
    refused = nurse(ward, "beds", "discharge", "--patient", "MR00000018", "--disposition", "home", check=False)
    assert refused.returncode != 0
    assert "KES 1,500.00 is still owed after the deposit; a supervisor must authorise the discharge" in refused.stderr
    wrong = nurse(ward, "beds", "discharge", "--patient", "MR00000018", "--disposition", "home", "--authorised-by", "boss",
                  "--authorisation-reason", "Pays at the next visit", passwords="nancy-pass-1\nnot-the-password\n", check=False)
    assert wrong.returncode != 0 and "Wrong username or password" in wrong.stderr
    done = nurse(ward, "beds", "discharge", "--patient", "MR00000018", "--disposition", "home", "--authorised-by", "boss",
                 "--authorisation-reason", "Pays at the next visit", passwords="nancy-pass-1\nboss-pass-1\n")
    assert "MR00000018 discharged (home); left owing KES 1,500.00." in done.stdout
    listing = run("beds", "list", "--db", ward, "--ward", "A").stdout
    assert "A3       General     Needs cleaning" in listing, listing


def test_the_cashiers_clearance_and_an_idempotent_accrual(ward):
    nurse(ward, "beds", "admit", "--patient", "MR00000026", "--reason", "Observation", "--bed", "B B2")
    run("beds", "clear", "--patient", "MR00000026", "--reason", "Employer's guarantee letter", "--db", ward, "--as", "boss",
        "--password-stdin", stdin="boss-pass-1\n")
    for _ in range(2):
        assert "0 bed-day(s) posted for 0 admission(s)" in nurse(ward, "beds", "accrue").stdout
    discharged = nurse(ward, "beds", "discharge", "--patient", "MR00000026", "--disposition", "home").stdout
    assert "MR00000026 discharged (home); left owing KES 4,000.00." in discharged, "cleared: no supervisor asked"
    census = run("beds", "census", "--db", ward).stdout
    assert census.startswith("Census ") and "ALL" in census, census
    assert run("verify", "--db", ward).returncode == 0
