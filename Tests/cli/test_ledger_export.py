"""`ledger export` prints entries whose hashes an independent Python computation agrees with."""
import json
import sqlite3

from conftest import ADMIN_PASSWORD, add_user, run
from ledger_python import canonical, entry_hash, first_bad_seq

FIELDS = {"seq", "entry_id", "facility_id", "store_id", "tx_id", "kind", "version", "occurred_at",
          "actor_id", "payload", "prev_hash", "hash"}


def export(path, *extra):
    out = run("ledger", "export", "--db", path, *extra).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_every_exported_hash_equals_the_python_form(store):
    add_user(store, "nurse1", "nurse", "nurse-pass-1", name='Nguyễn Thị "Ánh"\\ محمد 王秀英 Ọlọ́wọ̀')
    entries = export(store)
    assert len(entries) >= 13
    for e in entries:
        assert set(e) == FIELDS
        assert e["hash"] == entry_hash(e), f"seq {e['seq']}"
    assert first_bad_seq(entries) is None
    # Every line is itself canonical JSON, byte for byte.
    raw = run("ledger", "export", "--db", store).stdout.splitlines()
    assert raw == [canonical(e) for e in entries]
    # The non-ASCII name travels raw (not \u-escaped), as the canonical form requires.
    assert any("Nguyễn Thị \\\"Ánh\\\"\\\\ محمد 王秀英 Ọlọ́wọ̀" in line for line in raw)


def test_stored_payloads_are_canonical_and_ids_are_lowercase_uuids(store):
    db = sqlite3.connect(store)
    rows = db.execute("SELECT seq, entry_id, facility_id, store_id, tx_id, actor_id, payload FROM ledger_entries").fetchall()
    for seq, *ids, payload in rows:
        assert payload == canonical(json.loads(payload)), f"seq {seq}"
        for value in ids:
            assert value is None or (len(value) == 36 and value == value.lower())


def test_export_from_a_seq_prints_the_tail(store):
    add_user(store, "cashier1", "cashier", "cashier-pass-1")
    whole = export(store)
    tail = export(store, "--from", 5)
    assert tail == whole[4:]
