"""Pushes met by a server whose database connections are new: the insert is a prepared statement, which such a
connection prepares first, so it reaches PostgreSQL later than it was sent. The transaction must still end only
after it: a refused push keeps nothing, and of two forks at once the loser is a divergence, never a stray insert."""
import pytest

from central_check import central_rows, count_rows
from ledger_wire import Client, make_chain
from sync_env import CENTRAL_DB
from test_server_concurrency import in_parallel


@pytest.fixture
def fresh_client(server_factory):
    """A client of a server just started (no connection of its pool has prepared anything), as `tenant`."""
    def make(tenant):
        return Client(server_factory().base, tenant.token)

    return make


def test_a_bad_hash_met_on_a_new_connection_keeps_nothing(pg, tenant, fresh_client):
    entries = make_chain(5, tenant.facility_id, tenant.store_id)
    entries[4]["hash"] = "0" * 64
    reply = fresh_client(tenant).push(tenant.store_id, entries)
    assert reply.status == 422 and reply.json == {"error": "bad_hash", "seq": 5}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0
    assert tenant.client.head(tenant.store_id).json["last_seq"] == 0


def test_a_long_batchs_bad_hash_met_on_a_new_connection_keeps_nothing(pg, tenant, fresh_client):
    entries = make_chain(300, tenant.facility_id, tenant.store_id)
    entries[299]["hash"] = "0" * 64
    reply = fresh_client(tenant).push(tenant.store_id, entries)
    assert reply.status == 422 and reply.json == {"error": "bad_hash", "seq": 300}, reply
    assert count_rows(pg, CENTRAL_DB, tenant.facility_id) == 0
    assert tenant.client.head(tenant.store_id).json["last_seq"] == 0


def test_a_long_batch_on_a_new_connection_is_stored_whole(pg, tenant, fresh_client):
    entries = make_chain(300, tenant.facility_id, tenant.store_id)
    reply = fresh_client(tenant).push(tenant.store_id, entries)
    assert reply.status == 200 and reply.json["acked_seq"] == 300, reply
    rows = central_rows(pg, CENTRAL_DB, tenant.facility_id)
    assert [r["hash"] for r in rows] == [e["hash"] for e in entries]


@pytest.mark.parametrize("round_", range(4))
def test_forks_at_once_on_new_connections_give_one_winner_and_divergences(pg, tenant, fresh_client, round_):
    client = fresh_client(tenant)
    base = make_chain(3, tenant.facility_id, tenant.store_id)
    assert client.push(tenant.store_id, base).status == 200
    forks = [make_chain(5, tenant.facility_id, tenant.store_id, start_seq=4, prev_hash=base[2]["hash"])
             for _ in range(6)]
    replies = in_parallel([lambda f=f: client.push(tenant.store_id, f) for f in forks])
    assert sorted(r.status for r in replies) == [200] + [409] * 5, replies
    assert all(r.json == {"error": "divergence", "seq": 4} for r in replies if r.status != 200), replies
    winner = next(f for f, r in zip(forks, replies) if r.status == 200)
    assert [r["hash"] for r in central_rows(pg, CENTRAL_DB, tenant.facility_id)] == [e["hash"] for e in base + winner]
