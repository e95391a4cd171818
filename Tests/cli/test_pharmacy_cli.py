"""The pharmacy on the command line: the items import (checked row by row, re-runnable), receiving with a
refusal that names the line, a prescription dispensed first expiry first with its label written to a file,
a return, reports as CSV, and the store verifying after it all."""
import csv
import datetime
import io

from conftest import ADMIN_PASSWORD, add_user, run


def admin(store, *args, check=True):
    return run(*args, "--db", store, "--as", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n", check=check)


def pharmacist(store, *args, check=True):
    return run(*args, "--db", store, "--as", "rajesh", "--password-stdin", stdin="rajesh-pass-1\n", check=check)


def setup(store, tmp_path):
    add_user(store, "rajesh", "pharmacist", "rajesh-pass-1", name="Rajesh Iyer")
    admin(store, "pharmacy", "in-charge", "rajesh")
    admin(store, "fees", "set", "--name", "Amoxicillin 500 mg", "--from", "2026-01-01", "AMOX500", "10")
    patients = tmp_path / "patients.csv"
    patients.write_text("id,first_name,last_name,date_of_birth,gender\np-1,Amina,Okafor,1990-04-12,female\n")
    admin(store, "import", "patients", patients)


def test_the_items_import_checks_every_row_and_a_rerun_changes_nothing(store, tmp_path):
    setup(store, tmp_path)
    items = tmp_path / "items.csv"
    items.write_text("code,generic_name,brand,form,strength,unit,pack_size,reorder_level\n"
                     "AMOX500,Amoxicillin,Amoxil,capsule,500 mg,capsule,100,300\n"
                     "9BAD,Something,,tablet,,tablet,1,0\n"
                     "PARA500,Paracetamol,,tablet,500 mg,tablet,1000,lots\n")
    refused = pharmacist(store, "import", "items", items, check=False)
    assert refused.returncode != 0
    said = refused.stdout + refused.stderr
    assert "line 3" in said and "line 4" in said and "reorder_level" in said, said
    assert "No items" in run("items", "list", "--db", store).stdout
    items.write_text("code,generic_name,brand,form,strength,unit,pack_size,reorder_level\n"
                     "AMOX500,Amoxicillin,Amoxil,capsule,500 mg,capsule,100,300\n"
                     "PARA500,Paracetamol,,tablet,500 mg,tablet,1000,1000\n")
    first = pharmacist(store, "import", "items", items)
    assert "2 items added or changed, 0 unchanged" in first.stdout, first.stdout
    again = pharmacist(store, "import", "items", items)
    assert "0 items added or changed, 2 unchanged" in again.stdout, again.stdout
    listing = run("items", "list", "amox", "--db", store).stdout
    assert "AMOX500" in listing and "Amoxicillin 500 mg capsule (Amoxil): 0 capsule(s)" in listing, listing


def test_receive_dispense_return_and_reports(store, tmp_path):
    setup(store, tmp_path)
    pharmacist(store, "items", "add", "AMOX500", "--generic", "Amoxicillin", "--form", "capsule", "--strength", "500 mg", "--unit", "capsule")
    today = datetime.date.today()
    early, late = today + datetime.timedelta(days=100), today + datetime.timedelta(days=400)
    expired = today - datetime.timedelta(days=1)
    bad = pharmacist(store, "pharmacy", "receive", "--supplier", "KEMSA", "--line", f"AMOX500,A1,{late},100,600",
                     "--line", f"AMOX500,OLD,{expired},10,60", check=False)
    assert bad.returncode != 0 and f"line 2 expiry: batch OLD expired on {expired}" in bad.stderr, bad.stderr
    pharmacist(store, "pharmacy", "receive", "--supplier", "KEMSA", "--line", f"AMOX500,LATE,{late},100,600",
               "--line", f"AMOX500,EARLY,{early},50,300")
    rx = pharmacist(store, "pharmacy", "prescribe", "--patient", "MR00000018", "--prescriber", "Dr W", "--line", "AMOX500;2;BD;20")
    assert "Prescription 1 for Okafor, Amina (MR00000018):" in rx.stdout and "AMOX500 80 capsule(s)" in rx.stdout, rx.stdout
    label = tmp_path / "label.txt"
    given = pharmacist(store, "pharmacy", "dispense", "1", "--label", label)
    assert f"50 from EARLY (exp {early}), 30 from LATE (exp {late}); charged KES 800.00" in given.stdout, given.stdout
    text = label.read_text()
    assert "Take 2 capsules twice a day for 20 days." in text and all(len(l) <= 42 for l in text.splitlines()), text
    back = pharmacist(store, "pharmacy", "return", "1", "--line", "1", "--quantity", "10", "--reason", "Stopped")
    assert "10 capsule(s) of AMOX500 taken back into stock" in back.stdout, back.stdout
    stock = run("pharmacy", "stock", "AMOX500", "--db", store).stdout
    assert "80 capsule(s) on hand" in stock and "batch LATE" in stock and "batch EARLY" not in stock, stock
    dispensing = list(csv.reader(io.StringIO(run("pharmacy", "report", "dispensing", "--csv", "--db", store).stdout)))
    assert dispensing[0] == ["code", "item", "quantity", "returned", "prescriptions", "charged_kes"], dispensing
    assert dispensing[1] == ["AMOX500", "Amoxicillin 500 mg capsule", "80", "10", "1", "700.00"], dispensing
    value = list(csv.reader(io.StringIO(run("pharmacy", "report", "stock", "--csv", "--db", store).stdout)))
    assert value[1][:5] == ["AMOX500", "Amoxicillin 500 mg capsule", "capsule", "80", "80"], value
    assert value[1][5] == "480.00", value  # 80 of LATE at 6.00 a capsule
    assert run("verify", "--db", store).returncode == 0


def test_an_adjustment_needs_the_pharmacist_in_charge(store, tmp_path):
    setup(store, tmp_path)
    add_user(store, "mercy", "pharmacist", "mercy-pass-1", name="Mercy Njeri")
    pharmacist(store, "items", "add", "PARA500", "--generic", "Paracetamol", "--form", "tablet", "--unit", "tablet")
    expiry = (datetime.date.today() + datetime.timedelta(days=200)).isoformat()
    pharmacist(store, "pharmacy", "receive", "--supplier", "KEMSA", "--line", f"PARA500,P1,{expiry},100,200")
    refused = run("pharmacy", "adjust", "PARA500", "--batch", "P1", "--by", "-3", "--reason", "Damaged", "--db", store, "--as", "mercy",
                  "--password-stdin", stdin="mercy-pass-1\n", check=False)
    assert refused.returncode != 0 and "only the pharmacist in charge may approve" in refused.stderr, refused.stderr
    approved = run("pharmacy", "adjust", "PARA500", "--batch", "P1", "--by", "-3", "--reason", "Damaged", "--approved-by", "rajesh",
                   "--db", store, "--as", "mercy", "--password-stdin", stdin="mercy-pass-1\nrajesh-pass-1\n")
    assert "adjusted by -3; 97 on hand" in approved.stdout, approved.stdout
