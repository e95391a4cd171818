"""The issue's fault suite 1–8: each ends with nothing lost, nothing duplicated, the central chain verified and
equal to the local ledger up to the acknowledgement (central_check.settle_and_check)."""
import os
import pathlib
import random
import signal
import subprocess
import time

import pytest

from central_check import (assert_chain_sound, central_rows, count_rows, settle_and_check, status_int,
                           store_head)
from fault_proxy import FaultProxy
from pg import PgCluster, free_port
from sync_env import BIN, CENTRAL_DB, CentralServer, central, demo_facility, wait_http_ok

FAKETIME_LIB = pathlib.Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1")


@pytest.fixture
def proxy(central_server):
    p = FaultProxy(central_server.base, seed=1)
    yield p
    p.close()


@pytest.fixture
def proxied(make_facility, proxy):
    """A facility whose agent reaches the server only through the fault proxy."""
    return make_facility(base_url=proxy.base)


def start_agent(fac, env=None):
    return subprocess.Popen([str(BIN / "frontdesk"), "sync", "run", "--db", str(fac.path)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, **(env or {})))


def wait_up_to_date(fac, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if status_int(fac.status(), "acked_seq") == fac.local_head():
            return True
        time.sleep(0.2)
    return False


def stop_agent(agent):
    if agent.poll() is None:
        agent.send_signal(signal.SIGTERM)
        try:
            agent.wait(timeout=15)
        except subprocess.TimeoutExpired:
            agent.kill()
            agent.wait()


def test_fault1_reply_lost_after_the_server_committed_then_the_retry(pg, central_db, tmp_path, proxied, proxy):
    proxied.add_users(3)
    proxied.import_patients(tmp_path, 120)
    proxy.set("drop_reply", limit=2)
    first = proxied.once(check=False)
    assert proxy.stats["drop_reply"] >= 1, proxy.stats
    # The server did commit what it never got to answer.
    assert count_rows(pg, CENTRAL_DB, proxied.facility_id) > 0
    status = proxied.status()
    server_seq, _ = store_head(pg, CENTRAL_DB, proxied.facility_id, proxied.store_id)
    assert status_int(status, "acked_seq") <= server_seq, (status, server_seq)  # never ahead of the server
    if first.returncode != 0:
        assert status.get("state") in ("offline", "waiting"), status
    settle_and_check(pg, central_db, proxied, proxy)


def test_fault2_every_batch_delivered_three_times(pg, central_db, tmp_path, proxied, proxy):
    for concurrent in (True, False):
        proxy.set("repeat", times=3, concurrent=concurrent, only="/v1/ledger/push")
        for round_ in range(2):
            proxied.add_users(2, prefix=f"r{int(concurrent)}{round_}-")
            proxied.import_patients(tmp_path, 60, start=1000 * (2 * int(concurrent) + round_ + 1))
            proc = proxied.once(check=False)
            assert proc.returncode == 0, f"{proc.stderr[-2000:]}\n{proxied.status()}"
    assert proxy.stats["extra_deliveries"] >= 8, proxy.stats
    settle_and_check(pg, central_db, proxied, proxy)


def test_fault3_truncated_reply_bodies(pg, central_db, tmp_path, proxied, proxy):
    proxied.add_users(2)
    proxied.import_patients(tmp_path, 50)
    proxy.set("truncate", only="/v1/ledger", limit=3)
    proxied.once(check=False)
    assert proxy.stats["truncate"] >= 1, proxy.stats
    assert status_int(proxied.status(), "acked_seq") <= store_head(pg, CENTRAL_DB, proxied.facility_id,
                                                                    proxied.store_id)[0]
    settle_and_check(pg, central_db, proxied, proxy)


def test_fault3_one_reply_in_five_is_5xx(pg, central_db, tmp_path, proxied, proxy):
    proxy.set("error5xx", only="/v1/ledger", fraction=0.2)
    ok = 0
    for round_ in range(8):
        proxied.add_users(1, prefix=f"r{round_}-")
        if round_ % 3 == 0:
            proxied.import_patients(tmp_path, 80, start=1000 * (round_ + 1))
        ok += proxied.once(check=False).returncode == 0
    assert proxy.stats["error5xx"] >= 1, proxy.stats
    assert ok >= 1, f"no `sync once` got through 20% of 5xx replies: {proxied.status()}"
    settle_and_check(pg, central_db, proxied, proxy)


def test_fault4_agent_killed_with_sigkill_at_random_instants(pg, central_db, tmp_path, central_server):
    kills = int(os.environ.get("FRONTDESK_SYNC_KILLS", "50"))
    fac = demo_facility(tmp_path / "demo", central_db, central_server.base)
    rng, refused, progress = random.Random(4), [], []
    for i in range(kills):
        if i % 10 == 5:
            fac.import_patients(tmp_path, 400, start=100_000 + i * 400)  # more work while it is being killed
        agent = start_agent(fac)
        time.sleep(rng.uniform(0.02, 0.6))
        if agent.poll() is not None:
            refused.append((i, agent.returncode, agent.stderr.read()[-500:]))
        else:
            agent.kill()
            agent.wait()
            agent.stderr.close()
        # The acknowledgement is never ahead of what the server holds, with the same hash.
        acked = status_int(fac.status(), "acked_seq")
        server_seq, _ = store_head(pg, CENTRAL_DB, fac.facility_id, fac.store_id)
        assert acked is not None and acked <= server_seq, (i, fac.status(), server_seq)
        progress.append(server_seq)
        if i % 10 == 9:
            assert_chain_sound(central_rows(pg, CENTRAL_DB, fac.facility_id, fac.store_id))
    assert not refused, f"`sync run` exited by itself (a stale lock after SIGKILL?): {refused[:3]}"
    assert progress[-1] > 0, "the agent pushed nothing in between the kills"
    settle_and_check(pg, central_db, fac)


@pytest.fixture
def own_central(tmp_path):
    """A cluster and server of this test's own, so that restarting PostgreSQL disturbs no other test."""
    cluster = PgCluster()
    server = None
    try:
        cluster.init().start()
        url = cluster.create_database(CENTRAL_DB)
        central(url, "migrate")
        server = CentralServer(url, free_port(), tmp_path / "serve.log").start()
        yield cluster, url, server
    finally:
        if server:
            server.stop()
        cluster.remove()


def test_fault5_postgres_restarted_in_the_middle_of_a_push(tmp_path, own_central):
    cluster, url, server = own_central
    fac = demo_facility(tmp_path / "demo", url, server.base)
    agent = start_agent(fac)
    try:
        time.sleep(0.6)
        cluster.restart("immediate")  # a crash: sessions cut mid-transaction, recovery on start
        assert wait_up_to_date(fac, timeout=90), (fac.status(), server.log_tail())
        fac.import_patients(tmp_path, 450, start=50_000)
        time.sleep(0.3)
        cluster.restart("fast")
        assert wait_up_to_date(fac, timeout=90), (fac.status(), server.log_tail())
    finally:
        stop_agent(agent)
    assert wait_http_ok(server.base + "/healthz", timeout=5)
    settle_and_check(cluster, url, fac)


def test_fault6_store_replaced_by_an_older_backup_raises_divergence_and_overwrites_nothing(pg, central_db, tmp_path,
                                                                                          facility):
    from sync_env import frontdesk
    facility.add_users(2, prefix="before-")
    facility.once()
    backup = tmp_path / "older.sqlite"
    frontdesk("backup", "--db", facility.path, backup)
    facility.add_users(3, prefix="after-")
    facility.once()
    server_before = central_rows(pg, CENTRAL_DB, facility.facility_id)
    frontdesk("restore", backup, "--db", facility.path, "--replace")
    facility.add_users(5, prefix="new-work-")  # the same seqs as pushed work (and past them), other entries
    local_before = facility.export()
    proc = facility.once(check=False)
    assert proc.returncode != 0, proc.stdout + proc.stderr
    status = facility.status()
    assert status.get("state") == "alarm", status
    assert "diverg" in (status.get("alarm", "") + status.get("alarm_kind", "")).lower(), status
    again = facility.once(check=False)
    assert again.returncode != 0
    assert central_rows(pg, CENTRAL_DB, facility.facility_id) == server_before
    assert facility.export() == local_before
    assert central(central_db, "verify", "--facility", facility.facility_id, check=False).returncode == 0


def test_fault7_facility_a_token_pushing_b_entries_is_403_and_0_rows(pg, make_facility, proxy):
    a, b = make_facility("Facility A"), make_facility("Facility B", base_url=proxy.base, setup=False)
    setup = b.setup(token=a.token, check=False)
    if setup.returncode == 0:
        proc = b.once(check=False)
        assert proc.returncode != 0
        status = b.status()
        assert status.get("state") == "alarm", status
        pushes = proxy.stats["pass"]
        b.once(check=False)
        assert proxy.stats["pass"] - pushes <= 2, "a 403 is not retried"  # a head check and one push at most
    assert count_rows(pg, CENTRAL_DB, b.facility_id) == 0
    assert count_rows(pg, CENTRAL_DB, a.facility_id) == 0


@pytest.mark.skipif(not FAKETIME_LIB.exists(), reason="libfaketime is not installed (scripts/ensure-deps installs it)")
def test_fault8_clock_ten_years_ahead_and_back_changes_nothing(pg, central_db, facility):
    def clock(offset):
        return {"LD_PRELOAD": str(FAKETIME_LIB), "FAKETIME": offset, "FAKETIME_DONT_FAKE_MONOTONIC": "1"}

    facility.once()
    for offset, prefix in (("+3650d", "ahead-"), ("-3650d", "behind-"), ("+0d", "now-")):
        facility.add_users(2, prefix=prefix, env=clock(offset))
        proc = facility.once(check=False, env=clock(offset))
        assert proc.returncode == 0, f"clock {offset}: {proc.stderr[-2000:]}"
    years = {line[1]["occurred_at"][:4] for line in facility.export()}
    assert {"2036", "2016"} <= years, years  # the clocks really moved (this test was written in 2026)
    settle_and_check(pg, central_db, facility)
