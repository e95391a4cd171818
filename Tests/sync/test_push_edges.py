"""Pushes the §3 table does not name: reused entry ids, impossible seqs. Each is refused with a 4xx (never a 5xx,
which an agent would retry for ever), and nothing is written."""
import pytest

from central_check import count_rows
from ledger_wire import make_chain, new_id, rehash
from sync_env import CENTRAL_DB


def refused_cleanly(reply):
    assert 400 <= reply.status < 500, reply
    assert reply.json and "error" in reply.json, reply


def test_an_entry_id_already_stored_for_another_store_is_refused(pg, tenant):
    first = make_chain(2, tenant.facility_id, tenant.store_id)
    assert tenant.client.push(tenant.store_id, first).status == 200
    other_store = new_id()
    copy = make_chain(2, tenant.facility_id, other_store)
    copy[1]["entry_id"] = first[1]["entry_id"]
    rehash(copy, 1)
    reply = tenant.client.push(other_store, copy)
    assert reply.status == 400 and "entry_id is already used" in reply.json["detail"], reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 2
    assert tenant.client.head(other_store).json["last_seq"] == 0


def test_an_entry_id_twice_in_one_batch_is_refused(pg, tenant):
    entries = make_chain(3, tenant.facility_id, tenant.store_id)
    entries[2]["entry_id"] = entries[0]["entry_id"]
    rehash(entries, 2)
    refused_cleanly(tenant.client.push(tenant.store_id, entries))
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0


@pytest.mark.parametrize("seq", [0, -1, 2 ** 53 + 1])
def test_impossible_seqs_are_refused(pg, tenant, seq):
    entries = make_chain(1, tenant.facility_id, tenant.store_id, start_seq=seq)
    refused_cleanly(tenant.client.push(tenant.store_id, entries))
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0


def test_an_empty_batch_changes_nothing(pg, tenant):
    entries = make_chain(2, tenant.facility_id, tenant.store_id)
    assert tenant.client.push(tenant.store_id, entries).status == 200
    reply = tenant.client.push(tenant.store_id, [])
    assert reply.status in (200, 400), reply
    if reply.status == 200:
        assert reply.json["acked_seq"] == 2 and reply.json["acked_hash"] == entries[1]["hash"], reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 2


def test_a_body_store_id_other_than_the_entries_is_refused(pg, tenant):
    entries = make_chain(2, tenant.facility_id, tenant.store_id)
    refused_cleanly(tenant.client.push(new_id(), entries))
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0
