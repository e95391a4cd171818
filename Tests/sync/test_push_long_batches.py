"""Long batches, which the server stores in two statements (the first 150 entries while it reads the rest): a
refusal found in the rest, after the first entries were inserted, is the same answer a short batch gets, and
nothing of the batch is kept. A retried or gapped long batch is judged the one-statement way."""
from central_check import count_rows
from ledger_wire import make_chain, new_id, rehash
from sync_env import CENTRAL_DB

LONG = 300  # past the 150 that go ahead


def nothing_kept(pg, tenant, head=0):
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == head
    assert tenant.client.head(tenant.store_id).json["last_seq"] == head


def accepted_line(server, tenant, seqs):
    lines = [line for line in server.log_path.read_text(errors="replace").splitlines()
             if "push accepted" in line and tenant.facility_id in line and f"seq={seqs}" in line]
    assert len(lines) == 1, lines
    return lines[0]


def test_a_long_batch_is_stored_whole_and_the_head_is_its_last_entry(pg, tenant, central_server):
    entries = make_chain(LONG, tenant.facility_id, tenant.store_id, tx_sizes=[3] * (LONG // 3))
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 200 and reply.json["acked_seq"] == LONG and reply.json["acked_hash"] == entries[-1]["hash"], reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == LONG
    assert "statements=2" in accepted_line(central_server, tenant, f"1-{LONG}")
    short = make_chain(3, tenant.facility_id, tenant.store_id, start_seq=LONG + 1, prev_hash=entries[-1]["hash"])
    assert tenant.client.push(tenant.store_id, short).status == 200
    assert "statements=1" in accepted_line(central_server, tenant, f"{LONG + 1}-{LONG + 3}")


def test_a_bad_hash_past_the_first_entries_is_422_and_keeps_nothing(pg, tenant):
    entries = make_chain(LONG, tenant.facility_id, tenant.store_id)
    entries[249]["hash"] = "0" * 64
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 422 and reply.json == {"error": "bad_hash", "seq": 250}, reply
    nothing_kept(pg, tenant)


def test_another_facilitys_entry_past_the_first_entries_is_403_and_keeps_nothing(pg, tenant):
    entries = make_chain(LONG, tenant.facility_id, tenant.store_id)
    entries[279]["facility_id"] = new_id()
    rehash(entries, 279)
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 403 and reply.json == {"error": "forbidden", "seq": 280}, reply
    nothing_kept(pg, tenant)


def test_a_malformed_entry_past_the_first_entries_is_400_before_its_bad_hash(pg, tenant):
    entries = make_chain(LONG, tenant.facility_id, tenant.store_id)
    entries[10]["hash"] = "0" * 64  # a bad hash early on, in the entries that go ahead …
    entries[289]["version"] = 0  # … and a malformed entry later: the body's own refusal comes first
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 400 and reply.json["error"] == "malformed" and "version" in reply.json["detail"], reply
    nothing_kept(pg, tenant)


def test_an_entry_id_reused_past_the_first_entries_is_400_and_keeps_nothing(pg, tenant):
    entries = make_chain(LONG, tenant.facility_id, tenant.store_id)
    entries[200]["entry_id"] = entries[5]["entry_id"]
    rehash(entries, 200)
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 400 and reply.json["error"] == "malformed" and "entry_id" in reply.json["detail"], reply
    nothing_kept(pg, tenant)


def test_a_transaction_split_across_the_first_entries_is_refused(pg, tenant):
    entries = make_chain(LONG, tenant.facility_id, tenant.store_id)
    entries[200]["tx_id"] = entries[100]["tx_id"]  # the transaction of seq 101 recurs at seq 201
    rehash(entries, 200)
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 400 and reply.json == {"error": "split_transaction", "seq": 201}, reply
    nothing_kept(pg, tenant)


def test_a_long_batch_under_another_store_id_is_refused(pg, tenant):
    entries = make_chain(LONG, tenant.facility_id, tenant.store_id)
    reply = tenant.client.push(new_id(), entries)
    assert reply.status == 400, reply
    nothing_kept(pg, tenant)


def test_a_long_batch_sent_again_is_skipped_and_one_continuing_it_is_stored(pg, tenant):
    entries = make_chain(2 * LONG, tenant.facility_id, tenant.store_id)
    first, second = entries[:LONG], entries[LONG:]
    assert tenant.client.push(tenant.store_id, first).status == 200
    again = tenant.client.push(tenant.store_id, first)  # the reply was lost: the same batch again
    assert again.status == 200 and again.json["acked_seq"] == LONG, again
    overlapping = tenant.client.push(tenant.store_id, entries[LONG - 100:LONG + 100])
    assert overlapping.status == 200 and overlapping.json["acked_seq"] == LONG + 100, overlapping
    assert tenant.client.push(tenant.store_id, second[100:]).status == 200
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 2 * LONG


def test_a_long_batch_after_a_gap_is_409(pg, tenant):
    entries = make_chain(LONG + 5, tenant.facility_id, tenant.store_id)
    reply = tenant.client.push(tenant.store_id, entries[5:])
    assert reply.status == 409 and reply.json == {"error": "gap", "expected_seq": 1}, reply
    nothing_kept(pg, tenant)
