"""ledger-protocol.md §3, one test per row of the push table (and the head endpoint), spoken from Python."""
import pytest

from central_check import central_rows, count_rows, store_head
from ledger_wire import GENESIS, canonical, make_chain, new_id, rehash
from sync_env import CENTRAL_DB


def push_ok(tenant, entries, store_id=None):
    reply = tenant.client.push(store_id or tenant.store_id, entries)
    assert reply.status == 200, reply
    return reply


def chain(tenant, n, **kw):
    return make_chain(n, tenant.facility_id, tenant.store_id, **kw)


def test_head_of_a_store_never_seen_is_zero_and_64_zeros(tenant):
    reply = tenant.client.head(tenant.store_id)
    assert reply.status == 200, reply
    assert reply.json == {"facility_id": tenant.facility_id, "store_id": tenant.store_id, "last_seq": 0,
                          "last_hash": GENESIS}


@pytest.mark.parametrize("token", [None, "not-a-token-anyone-was-given"], ids=["missing", "unknown"])
def test_token_missing_or_unknown_is_401(pg, tenant, token):
    entries = chain(tenant, 2)
    for reply in (tenant.client.push(tenant.store_id, entries, token=token),
                  tenant.client.head(tenant.store_id, token=token)):
        assert reply.status == 401, reply
        assert reply.json == {"error": "unauthorized"}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0


def test_entry_of_another_facility_is_403_and_nothing_is_written(pg, make_tenant):
    a, b = make_tenant("A"), make_tenant("B")
    foreign = make_chain(3, b.facility_id, a.store_id)
    reply = a.client.push(a.store_id, foreign)
    assert reply.status == 403, reply
    assert reply.json == {"error": "forbidden", "seq": 1}, reply
    # One foreign entry at the end of an otherwise good batch: still nothing written.
    mixed = chain(a, 3)
    mixed[2]["facility_id"] = b.facility_id
    rehash(mixed, 2)
    reply = a.client.push(a.store_id, mixed)
    assert reply.status == 403, reply
    assert reply.json == {"error": "forbidden", "seq": 3}, reply
    assert count_rows(pg, CENTRAL_DB, a.facility_id) == 0
    assert count_rows(pg, CENTRAL_DB, b.facility_id) == 0
    assert a.client.head(a.store_id).json["last_seq"] == 0


def _malformed_bodies(tenant):
    good = chain(tenant, 2)

    def with_entry(**change):
        entries = [dict(e) for e in good]
        for key, value in change.items():
            if value is KeyError:
                del entries[0][key]
            else:
                entries[0][key] = value
        if "hash" not in change:
            # The hash is made right for the changed entry: only the entry's shape is wrong.
            rehash(entries, 0)
        return canonical({"store_id": tenant.store_id, "entries": entries})

    return {
        "not json": "{\"store_id\": ",
        "json array": "[]",
        "no entries": canonical({"store_id": tenant.store_id}),
        "entries not a list": canonical({"store_id": tenant.store_id, "entries": {"seq": 1}}),
        "no store_id": canonical({"entries": good}),
        "entry missing hash": with_entry(hash=KeyError),
        "entry missing tx_id": with_entry(tx_id=KeyError),
        "seq as text": with_entry(seq="1"),
        "invalid utf-8": b"{\"store_id\":\"\xff\xfe\",\"entries\":[]}",
    }


@pytest.mark.parametrize("case", ["not json", "json array", "no entries", "entries not a list", "no store_id",
                                  "entry missing hash", "entry missing tx_id", "seq as text", "invalid utf-8"])
def test_malformed_body_is_400_and_nothing_is_written(pg, tenant, case):
    body = _malformed_bodies(tenant)[case]
    reply = tenant.client.push_raw(body)
    assert reply.status == 400, reply
    assert reply.json and reply.json.get("error") == "malformed" and "detail" in reply.json, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0


def test_501_entries_are_refused_and_500_accepted(pg, tenant):
    entries = chain(tenant, 501)
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status in (413, 400), reply
    if reply.status == 413:
        assert reply.json["error"] == "too_large", reply  # a "detail" beside it is fine
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0
    reply = push_ok(tenant, entries[:500])
    assert reply.json["acked_seq"] == 500


def test_body_over_1_mib_is_413_and_one_under_is_accepted(pg, tenant):
    big = chain(tenant, 3, payload_bytes=400_000)
    body = canonical({"store_id": tenant.store_id, "entries": big})
    assert len(body.encode()) > 1_048_576
    reply = tenant.client.push_raw(body)
    assert reply.status == 413, reply
    assert reply.json["error"] == "too_large", reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0
    assert len(canonical({"store_id": tenant.store_id, "entries": big[:2]}).encode()) < 1_048_576
    assert push_ok(tenant, big[:2]).json["acked_seq"] == 2


def test_repush_of_stored_entries_is_skipped_idempotently(pg, tenant):
    entries = chain(tenant, 8, tx_sizes=[2, 3, 3])
    first = push_ok(tenant, entries[:5])
    assert first.json == {"store_id": tenant.store_id, "acked_seq": 5, "acked_hash": entries[4]["hash"]}
    again = push_ok(tenant, entries[:5])
    assert again.json == first.json
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 5
    # Stored entries followed by new ones: the stored are skipped, the new stored.
    more = push_ok(tenant, entries[2:])
    assert more.json == {"store_id": tenant.store_id, "acked_seq": 8, "acked_hash": entries[7]["hash"]}
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 8
    assert [r["entry_id"] for r in central_rows(pg, CENTRAL_DB, tenant.facility_id)] == [e["entry_id"] for e in entries]


def test_stored_seq_with_another_hash_is_409_divergence_and_nothing_is_written(pg, tenant):
    entries = chain(tenant, 5)
    push_ok(tenant, entries)
    other = entries[:2] + make_chain(5, tenant.facility_id, tenant.store_id, start_seq=3, prev_hash=entries[1]["hash"])
    reply = tenant.client.push(tenant.store_id, other)
    assert reply.status == 409, reply
    assert reply.json == {"error": "divergence", "seq": 3}, reply
    rows = central_rows(pg, CENTRAL_DB, tenant.facility_id)
    assert [r["hash"] for r in rows] == [e["hash"] for e in entries]
    assert store_head(pg, CENTRAL_DB, tenant.facility_id, tenant.store_id) == (5, entries[4]["hash"])


def test_first_new_seq_past_head_plus_one_is_409_gap(pg, tenant):
    entries = chain(tenant, 6)
    reply = tenant.client.push(tenant.store_id, entries[1:3])
    assert reply.status == 409, reply
    assert reply.json == {"error": "gap", "expected_seq": 1}, reply
    push_ok(tenant, entries[:3])
    reply = tenant.client.push(tenant.store_id, entries[4:])
    assert reply.status == 409, reply
    assert reply.json == {"error": "gap", "expected_seq": 4}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 3


def test_recomputed_hash_mismatch_is_422_bad_hash_and_nothing_is_written(pg, tenant):
    entries = chain(tenant, 4)
    entries[2]["payload"]["note"] = "changed after hashing"
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 422, reply
    assert reply.json == {"error": "bad_hash", "seq": 3}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0


def test_broken_prev_hash_link_is_422_bad_hash(pg, tenant):
    entries = chain(tenant, 4)
    entries[2]["prev_hash"] = "ab" * 32
    entries[2]["hash"] = rehash([dict(entries[2])], 0)[0]["hash"]  # its own hash is right; only the link is wrong
    reply = tenant.client.push(tenant.store_id, entries[:3])
    assert reply.status == 422, reply
    assert reply.json == {"error": "bad_hash", "seq": 3}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0
    # The first entry of a store must link to 64 zeros.
    first = make_chain(1, tenant.facility_id, tenant.store_id, prev_hash="cd" * 32)
    reply = tenant.client.push(tenant.store_id, first)
    assert reply.status == 422 and reply.json == {"error": "bad_hash", "seq": 1}, reply
    # A batch after the stored head must link to the stored head's hash.
    good = chain(tenant, 2)
    push_ok(tenant, good)
    unlinked = make_chain(1, tenant.facility_id, tenant.store_id, start_seq=3, prev_hash="ef" * 32)
    reply = tenant.client.push(tenant.store_id, unlinked)
    assert reply.status == 422 and reply.json == {"error": "bad_hash", "seq": 3}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 2


def test_good_batch_is_200_with_acked_seq_and_hash_and_moves_the_head(pg, tenant):
    entries = chain(tenant, 7, tx_sizes=[1, 4, 2])
    reply = push_ok(tenant, entries)
    assert reply.json == {"store_id": tenant.store_id, "acked_seq": 7, "acked_hash": entries[6]["hash"]}
    head = tenant.client.head(tenant.store_id)
    assert head.status == 200
    assert head.json == {"facility_id": tenant.facility_id, "store_id": tenant.store_id, "last_seq": 7,
                         "last_hash": entries[6]["hash"]}
    assert store_head(pg, CENTRAL_DB, tenant.facility_id, tenant.store_id) == (7, entries[6]["hash"])
    rows = central_rows(pg, CENTRAL_DB, tenant.facility_id)
    assert [r["payload_text"] for r in rows] == [canonical(e["payload"]) for e in entries]


def test_batch_continuing_the_stored_heads_transaction_is_refused_as_split(pg, tenant):
    entries = chain(tenant, 5, tx_sizes=[2, 3])
    push_ok(tenant, entries[:3])  # the server cannot see this split yet: tx 2 began at seq 3
    reply = tenant.client.push(tenant.store_id, entries[3:])
    assert reply.status == 400, reply
    assert reply.json == {"error": "split_transaction", "seq": 4}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 3


def test_batch_where_a_tx_id_recurs_non_contiguously_is_refused_as_split(pg, tenant):
    entries = chain(tenant, 3, tx_sizes=[1, 1, 1])
    entries[2]["tx_id"] = entries[0]["tx_id"]
    rehash(entries, 2)
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status == 400, reply
    assert reply.json == {"error": "split_transaction", "seq": 3}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0


def test_unknown_store_id_is_its_own_chain(tenant):
    entries = chain(tenant, 2)
    push_ok(tenant, entries)
    other = new_id()
    assert tenant.client.head(other).json["last_seq"] == 0


def test_batch_not_contiguous_in_seq_is_refused_and_nothing_is_written(pg, tenant):
    entries = chain(tenant, 3)
    for batch in ([entries[1], entries[0]], [entries[0], entries[2]], [entries[0], entries[0]]):
        reply = tenant.client.push(tenant.store_id, batch)
        assert reply.status in (400, 409, 422), reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0


def test_payload_postgres_cannot_hold_as_jsonb_is_stored_flagged_and_the_chain_goes_on(pg, tenant):
    # U+0000 is valid JSON (canonical: \u0000) but jsonb refuses it: stored as text, flagged, never a stall.
    entries = chain(tenant, 3)
    entries[1]["payload"] = {"note": "nul\u0000byte", "n": 2}
    rehash(entries, 1)
    assert "\\u0000" in canonical(entries[1]["payload"])
    reply = push_ok(tenant, entries)
    assert reply.json["acked_seq"] == 3
    rows = central_rows(pg, CENTRAL_DB, tenant.facility_id)
    assert rows[1]["payload_text"] == canonical(entries[1]["payload"])
    assert rows[1]["payload"] is None and rows[1]["payload_problem"], rows[1]
    assert rows[0]["payload_problem"] is None and rows[2]["payload"] == entries[2]["payload"]


def test_payload_that_is_not_an_object_is_refused_or_stored_flagged(pg, tenant):
    # §3 sends payload as an object; a server may refuse another shape (400) or keep it flagged (never stall).
    entries = chain(tenant, 3)
    entries[0]["payload"] = "{\"n\":1}"
    entries[1]["payload"] = [1, 2]
    rehash(entries, 0)
    reply = tenant.client.push(tenant.store_id, entries)
    assert reply.status in (200, 400), reply
    rows = central_rows(pg, CENTRAL_DB, tenant.facility_id)
    if reply.status == 400:
        assert reply.json["error"] == "malformed" and rows == [], (reply, rows)
    else:
        assert [r["payload_text"] for r in rows] == [canonical(e["payload"]) for e in entries]
        assert rows[0]["payload_problem"] and rows[1]["payload_problem"] and rows[2]["payload_problem"] is None
