"""ledger-protocol.md §4's client rules seen from outside the agent: Retry-After, no retry on a refused token,
offline then back, and the acknowledgement moved only by a 200."""
import subprocess
import time

import pytest

from central_check import count_rows, settle_and_check, status_int, store_head
from fault_proxy import FaultProxy
from pg import free_port
from sync_env import BIN, CENTRAL_DB, CentralServer, central, frontdesk


@pytest.fixture
def proxy(central_server):
    p = FaultProxy(central_server.base, seed=1)
    yield p
    p.close()


def pushes(proxy):
    return [r for r in proxy.requests if r[2].startswith("/v1/ledger/push")]


def test_429_retry_after_is_honoured(pg, central_db, tmp_path, make_facility, proxy):
    fac = make_facility(base_url=proxy.base)
    fac.import_patients(tmp_path, 30)
    proxy.set("error429", limit=1, retry_after=2)
    proc = fac.once(check=False)
    assert proc.returncode == 0, proc.stderr[-1500:]
    sent = pushes(proxy)
    assert [r[3] for r in sent[:2]] == ["error429", "pass"], sent
    waited = sent[1][0] - sent[0][0]
    assert waited >= 1.9, f"pushed again {waited:.2f} s after a 429 with Retry-After: 2"
    settle_and_check(pg, central_db, fac, proxy)


def test_a_revoked_token_raises_an_alarm_and_is_not_retried(pg, central_db, tmp_path, make_facility, proxy):
    fac = make_facility(base_url=proxy.base)
    fac.once()
    central(central_db, "facility", "revoke", "--id", fac.facility_id)
    fac.import_patients(tmp_path, 10)
    before = len(proxy.requests)
    started = time.monotonic()
    proc = fac.once(check=False)
    assert proc.returncode != 0
    assert time.monotonic() - started < 10, "a 401 is an alarm at once, not a reason to back off and retry"
    assert len(proxy.requests) - before <= 2, proxy.requests[before:]
    status = fac.status()
    assert status.get("state") == "alarm", status
    assert status_int(status, "acked_seq") == store_head(pg, CENTRAL_DB, fac.facility_id, fac.store_id)[0]
    # The alarm holds: the next run does not push either.
    pushed = len(pushes(proxy))
    again = fac.once(check=False)
    assert again.returncode != 0 and len(pushes(proxy)) == pushed


def test_offline_then_the_server_comes_up(pg, central_db, tmp_path, make_facility):
    port = free_port()  # nothing listens there yet
    fac = make_facility(base_url=f"http://127.0.0.1:{port}")
    proc = frontdesk("sync", "once", "--db", fac.path, "--timeout", "2", check=False, timeout=60)
    assert proc.returncode != 0
    status = fac.status()
    assert status.get("state") == "offline" and status.get("offline_since"), status
    assert status_int(status, "acked_seq") == 0
    assert count_rows(pg, CENTRAL_DB, fac.facility_id) == 0
    server = CentralServer(central_db, port, tmp_path / "late-serve.log").start()
    try:
        settle_and_check(pg, central_db, fac)
        assert not fac.status().get("offline_since"), fac.status()
    finally:
        server.stop()


def test_acknowledgement_moves_only_after_a_200(pg, central_db, tmp_path, make_facility, proxy):
    fac = make_facility(base_url=proxy.base)
    fac.import_patients(tmp_path, 20)
    # Every push answered 5xx without reaching the server: nothing may count as acknowledged.
    proxy.set("error5xx", fraction=1.0)
    proc = frontdesk("sync", "once", "--db", fac.path, "--timeout", "3", check=False, timeout=60)
    assert proc.returncode != 0
    assert proxy.stats["error5xx"] >= 1, proxy.stats
    server_seq = store_head(pg, CENTRAL_DB, fac.facility_id, fac.store_id)[0]
    assert status_int(fac.status(), "acked_seq") <= server_seq, (fac.status(), server_seq)
    settle_and_check(pg, central_db, fac, proxy)


def test_a_central_restored_from_an_older_backup_is_filled_again(pg, central_db, tmp_path, facility):
    # The server behind the agent's acknowledgement (PostgreSQL restored from last night): the facility still
    # holds every entry, so the agent pushes again what the server lacks, from the server's head.
    facility.import_patients(tmp_path, 40)
    facility.once()
    kept = 12  # the end of `init`'s transaction: a restored server holds whole pushes
    where = f"facility_id = '{facility.facility_id}' AND store_id = '{facility.store_id}'"
    kept_hash = facility.export()[kept - 1][1]["hash"]
    pg.psql("BEGIN; ALTER TABLE central.ledger_entries DISABLE TRIGGER ALL; "
            "ALTER TABLE central.store_heads DISABLE TRIGGER ALL; "
            f"DELETE FROM central.ledger_entries WHERE {where} AND seq > {kept}; "
            f"UPDATE central.store_heads SET last_seq = {kept}, last_hash = '{kept_hash}' WHERE {where}; "
            "ALTER TABLE central.ledger_entries ENABLE TRIGGER ALL; "
            "ALTER TABLE central.store_heads ENABLE TRIGGER ALL; COMMIT;", db=CENTRAL_DB)
    assert store_head(pg, CENTRAL_DB, facility.facility_id, facility.store_id)[0] == kept
    facility.import_patients(tmp_path, 5, start=500)
    settle_and_check(pg, central_db, facility)


def test_one_request_in_flight_while_the_agent_runs_and_once_beside_it(pg, central_db, tmp_path,
                                                                           make_facility, proxy):
    fac = make_facility(base_url=proxy.base)
    agent = subprocess.Popen([str(BIN / "frontdesk"), "sync", "run", "--db", str(fac.path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for n in range(3):
            fac.import_patients(tmp_path, 250, start=1000 * (n + 1))  # batches while it pushes
        # `sync once` beside a running agent: refused, or 0 once everything is acknowledged (never a second
        # pusher: max_in_flight below).
        head = fac.local_head()
        if fac.once(check=False).returncode == 0:
            assert status_int(fac.status(), "acked_seq") >= head, fac.status()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and status_int(fac.status(), "acked_seq") != fac.local_head():
            time.sleep(0.2)
    finally:
        agent.terminate()
        agent.wait(timeout=20)
    assert len(pushes(proxy)) >= 3, proxy.requests
    assert proxy.max_in_flight == 1, f"{proxy.max_in_flight} requests at once from one store's agent"
    settle_and_check(pg, central_db, fac, proxy)
