"""The central server beyond the push table: tenancy, revocation, verify, insert-only storage, two serves, migrate."""
import json
import re

from central_check import assert_chain_sound, central_rows, count_rows, store_head
from ledger_wire import Client, make_chain
from sync_env import CENTRAL_DB, central


def pushed(tenant, n, **kw):
    entries = make_chain(n, tenant.facility_id, tenant.store_id, **kw)
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 200, reply
    return entries


def test_a_revoked_token_is_401(pg, central_db, tenant):
    entries = pushed(tenant, 2)
    central(central_db, "facility", "revoke", "--id", tenant.facility_id)
    more = make_chain(1, tenant.facility_id, tenant.store_id, start_seq=3, prev_hash=entries[1]["hash"])
    for reply in (tenant.client.push(tenant.store_id, more), tenant.client.head(tenant.store_id)):
        assert reply.status == 401, reply
        assert reply.json == {"error": "unauthorized"}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 2
    listing = central(central_db, "facility", "list").stdout
    assert tenant.facility_id in listing


def test_facility_a_can_never_read_b_head_nor_write_b_entries(pg, make_tenant):
    a, b = make_tenant("A"), make_tenant("B")
    b_entries = pushed(b, 3)
    # Reading B's store with A's token: refused, or A's own (empty) view of that store id; never B's head.
    reply = a.client.head(b.store_id)
    assert reply.status in (200, 403), reply
    assert b_entries[2]["hash"] not in reply.text
    if reply.status == 200:
        assert reply.json["facility_id"] == a.facility_id and reply.json["last_seq"] == 0, reply
    # Writing B's entries (B's facility_id) with A's token: 403, 0 rows anywhere.
    more = make_chain(2, b.facility_id, b.store_id, start_seq=4, prev_hash=b_entries[2]["hash"])
    reply = a.client.push(b.store_id, more)
    assert reply.status == 403, reply
    assert reply.json == {"error": "forbidden", "seq": 4}, reply
    assert count_rows(pg, CENTRAL_DB, a.facility_id) == 0
    assert count_rows(pg, CENTRAL_DB, b.facility_id) == 3
    # A re-sending B's stored entries verbatim is just as forbidden (not an idempotent skip).
    reply = a.client.push(b.store_id, b_entries)
    assert reply.status == 403, reply
    # Entries claiming A but sent for B's store id never touch B's chain.
    a.client.push(b.store_id, make_chain(2, a.facility_id, b.store_id))
    assert store_head(pg, CENTRAL_DB, b.facility_id, b.store_id) == (3, b_entries[2]["hash"])
    assert [r["hash"] for r in central_rows(pg, CENTRAL_DB, b.facility_id)] == [e["hash"] for e in b_entries]


def test_verify_passes_a_good_chain_and_names_the_first_bad_entry(pg, central_db, tenant):
    entries = pushed(tenant, 6, tx_sizes=[2, 2, 2])
    proc = central(central_db, "verify", "--facility", tenant.facility_id, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bad = entries[3]["payload"] | {"note": "altered in the database"}
    altered = json.dumps(bad, sort_keys=True, separators=(",", ":"), ensure_ascii=False).replace("'", "''")
    where = f"facility_id = '{tenant.facility_id}' AND store_id = '{tenant.store_id}' AND seq = 4"
    original = entries[3]["payload"]
    restore = json.dumps(original, sort_keys=True, separators=(",", ":"), ensure_ascii=False).replace("'", "''")
    # Past the server's own guards, as a superuser would: triggers off for this one statement only.
    pg.psql("BEGIN; ALTER TABLE central.ledger_entries DISABLE TRIGGER ALL; "
            f"UPDATE central.ledger_entries SET payload_text = '{altered}' WHERE {where}; "
            "ALTER TABLE central.ledger_entries ENABLE TRIGGER ALL; COMMIT;", db=CENTRAL_DB)
    try:
        proc = central(central_db, "verify", "--facility", tenant.facility_id, check=False)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0, out
        # Named by its entry_id, or by its store and seq.
        assert entries[3]["entry_id"] in out or (tenant.store_id in out and re.search(r"seq\W{0,3}4\b", out)), out
        whole = central(central_db, "verify", check=False)
        assert whole.returncode != 0, whole.stdout + whole.stderr
    finally:
        pg.psql("BEGIN; ALTER TABLE central.ledger_entries DISABLE TRIGGER ALL; "
                f"UPDATE central.ledger_entries SET payload_text = '{restore}' WHERE {where}; "
                "ALTER TABLE central.ledger_entries ENABLE TRIGGER ALL; COMMIT;", db=CENTRAL_DB)
    assert central(central_db, "verify", "--facility", tenant.facility_id, check=False).returncode == 0


def test_stored_entries_cannot_be_updated_or_deleted(pg, tenant):
    pushed(tenant, 3)
    where = f"facility_id = '{tenant.facility_id}' AND store_id = '{tenant.store_id}' AND seq = 2"
    statements = [f"UPDATE central.ledger_entries SET kind = 'x.y' WHERE {where}",
                  f"DELETE FROM central.ledger_entries WHERE {where}"]
    for sql in statements:
        # As the application role: no grant for it.
        proc = pg.psql(f"SET ROLE frontdesk_central_app; {sql}", db=CENTRAL_DB, check=False)
        assert proc.returncode != 0, f"app role could run: {sql}"
        assert "permission denied" in proc.stderr or "policy" in proc.stderr, proc.stderr
        # As the superuser (grants do not apply): the trigger refuses.
        proc = pg.psql(sql, db=CENTRAL_DB, check=False)
        assert proc.returncode != 0, f"superuser could run: {sql}"
        assert "insert-only" in proc.stderr, proc.stderr
    # TRUNCATE too (inside a transaction rolled back, should it ever get through: other tests share the table).
    proc = pg.psql("BEGIN; TRUNCATE central.ledger_entries; ROLLBACK;", db=CENTRAL_DB, check=False)
    assert proc.returncode != 0 and "insert-only" in proc.stderr, proc.stderr
    rows = central_rows(pg, CENTRAL_DB, tenant.facility_id)
    assert [r["seq"] for r in rows] == [1, 2, 3] and rows[1]["kind"] == "test.note"


def test_two_serve_processes_over_one_database_give_the_same_answers(pg, server_factory, central_server, tenant):
    other = server_factory()
    one, two = tenant.client, Client(other.base, tenant.token)
    entries = make_chain(6, tenant.facility_id, tenant.store_id, tx_sizes=[3, 3])
    assert one.push(tenant.store_id, entries[:3]).status == 200
    assert two.head(tenant.store_id).json == one.head(tenant.store_id).json
    assert two.head(tenant.store_id).json["last_seq"] == 3
    # The second server skips what the first stored, and stores the rest.
    reply = two.push(tenant.store_id, entries)
    assert reply.status == 200 and reply.json["acked_seq"] == 6, reply
    assert one.head(tenant.store_id).json == two.head(tenant.store_id).json
    assert one.push(tenant.store_id, entries[3:]).json == reply.json
    # Both refuse the same way.
    fork = make_chain(1, tenant.facility_id, tenant.store_id, start_seq=6, prev_hash=entries[4]["hash"])
    assert one.push(tenant.store_id, fork).json == two.push(tenant.store_id, fork).json == {"error": "divergence",
                                                                                          "seq": 6}
    assert_chain_sound(central_rows(pg, CENTRAL_DB, tenant.facility_id))


def test_migrate_again_changes_nothing(pg, central_db, tenant):
    pushed(tenant, 2)
    central(central_db, "migrate")
    central(central_db, "migrate")
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 2
    assert tenant.client.head(tenant.store_id).json["last_seq"] == 2


def metric(text, name):
    """The sum of a Prometheus metric's samples (0 when absent)."""
    return sum(float(m) for m in re.findall(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M))


def test_healthz_and_metrics_count_pushes_and_entries(central_server, tenant):
    client = Client(central_server.base, None)
    assert client.request("GET", "/healthz").status == 200
    before = client.request("GET", "/metrics")
    assert before.status == 200, before
    pushed(tenant, 5)
    after = client.request("GET", "/metrics").text
    assert re.search(r"^# (TYPE|HELP) \w+", after, re.M), after[:500]
    assert metric(after, "frontdesk_central_entries_total") - metric(before.text, "frontdesk_central_entries_total") == 5
    assert tenant.facility_id in after  # per-facility lag and entries


def test_refused_head_requests_are_counted_apart_from_pushes(central_server, tenant):
    client = Client(central_server.base, None)
    before = client.request("GET", "/metrics").text
    assert tenant.client.head("not-a-uuid").status == 400
    assert Client(central_server.base, "no-such-token-0123456789abcdef").head(tenant.store_id).status == 401
    gap = make_chain(3, tenant.facility_id, tenant.store_id)[1:]
    assert tenant.client.push(tenant.store_id, gap).status == 409
    after = client.request("GET", "/metrics").text
    assert metric(after, "frontdesk_central_head_refusals_total") - metric(before, "frontdesk_central_head_refusals_total") == 2
    assert metric(after, "frontdesk_central_pushes_total") - metric(before, "frontdesk_central_pushes_total") == 1, \
        "only the refused push counts among pushes"
    assert metric(after, "frontdesk_central_rejections_total") - metric(before, "frontdesk_central_rejections_total") == 1


def test_facility_list_shows_each_store_head(central_db, tenant):
    entries = pushed(tenant, 7)
    listing = central(central_db, "facility", "list").stdout
    block = listing[listing.index(tenant.facility_id):]
    assert tenant.store_id in block and re.search(rf"head 7\b.{{0,3}}{entries[6]['hash'][:12]}", block), listing
