"""The sync agent against the real server, no faults: byte-for-byte copy (§5), status, run, setup rules."""
import subprocess
import threading
import time

from central_check import assert_central_equals_local, count_rows, settle_and_check, status_int
from sync_env import BIN, CENTRAL_DB, central, frontdesk


def test_a_real_store_pushed_by_sync_once_equals_its_export_byte_for_byte(pg, central_db, tmp_path, facility):
    status = facility.status()
    assert status_int(status, "waiting") == facility.local_head() > 0, status
    assert status.get("state") == "waiting", status
    facility.add_users(3)
    facility.import_patients(tmp_path, 40)  # names with non-ASCII letters
    proc = facility.once(check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    head = facility.local_head()
    assert assert_central_equals_local(pg, CENTRAL_DB, facility) == head
    status = facility.status()
    assert status.get("state") == "up_to_date" and status_int(status, "acked_seq") == head, status
    assert status.get("server") == facility.base_url, status
    proc = central(central_db, "verify", "--facility", facility.facility_id, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_once_with_nothing_waiting_exits_0_and_changes_nothing(pg, central_db, facility):
    assert facility.once(check=False).returncode == 0
    before = count_rows(pg, CENTRAL_DB, facility.facility_id)
    proc = facility.once(check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert count_rows(pg, CENTRAL_DB, facility.facility_id) == before == facility.local_head()


def test_a_transaction_larger_than_a_batch_still_reaches_the_server(pg, central_db, tmp_path, facility):
    # `import patients` writes 1,000 registrations per transaction: more than a batch's 500 entries. The agent
    # must still deliver it (the protocol forbids splitting it), or say plainly why not.
    facility.import_patients(tmp_path, 1200)
    proc = facility.once(check=False, timeout=180)
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-2000:]}\n{facility.status()}"
    assert assert_central_equals_local(pg, CENTRAL_DB, facility) == facility.local_head()


def test_the_demo_store_is_pushed_whole(pg, central_db, tmp_path, central_server):
    from sync_env import demo_facility
    fac = demo_facility(tmp_path / "demo", central_db, central_server.base)
    assert settle_and_check(pg, central_db, fac) > 3000


def test_run_pushes_a_new_commit_within_seconds_and_a_second_run_refuses(pg, central_db, facility):
    facility.once()
    agent = subprocess.Popen([str(BIN / "frontdesk"), "sync", "run", "--db", str(facility.path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.0)
        assert agent.poll() is None, agent.communicate()
        second = frontdesk("sync", "run", "--db", facility.path, check=False, timeout=20)
        assert second.returncode != 0, "a second `sync run` on the same store started"
        facility.add_users(1, prefix="fresh")
        head, started = facility.local_head(), time.monotonic()
        while time.monotonic() - started < 10 and status_int(facility.status(), "acked_seq") != head:
            time.sleep(0.1)
        took = time.monotonic() - started
        assert status_int(facility.status(), "acked_seq") == head, facility.status()
        assert took < 3.0, f"acknowledged after {took:.1f} s"
    finally:
        agent.terminate()
        agent.wait(timeout=20)
    assert_central_equals_local(pg, CENTRAL_DB, facility)


def test_setup_refuses_plain_http_to_a_remote_host_without_insecure(facility):
    remote = "http://central.example.invalid:8123"  # .invalid never resolves: no traffic leaves the machine
    proc = facility.setup(url=remote, check=False)
    assert proc.returncode != 0, proc.stdout
    assert facility.status().get("server") == facility.base_url
    assert "http" in (proc.stdout + proc.stderr).lower()


def test_setup_with_a_wrong_admin_password_changes_nothing(facility):
    proc = frontdesk("sync", "setup", "--db", facility.path, "--as", "admin", "--password-stdin", "--token-stdin",
                     "--url", "http://127.0.0.1:9", stdin=f"wrong-password\n{facility.token}\n", check=False)
    assert proc.returncode != 0
    assert facility.status().get("server") == facility.base_url


def test_the_token_is_not_in_the_ledger(facility):
    assert all(facility.token not in line for line, _ in facility.export())


def test_two_facilities_push_at_once_through_two_servers(pg, central_db, tmp_path, server_factory, make_facility):
    second = server_factory()
    a, b = make_facility("Concurrent A"), make_facility("Concurrent B", base_url=second.base)
    for fac in (a, b):
        fac.import_patients(tmp_path / fac.facility_id, 450)
        fac.add_users(2)
    results = {}
    threads = [threading.Thread(target=lambda f=f: results.__setitem__(f.facility_id, f.once(check=False)))
               for f in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for fac in (a, b):
        assert results[fac.facility_id].returncode == 0, results[fac.facility_id].stderr
        assert assert_central_equals_local(pg, CENTRAL_DB, fac) == fac.local_head()
