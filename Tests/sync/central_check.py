"""§5 from the outside: read central.ledger_entries as the superuser and compare with the facility's own ledger."""
import json
import sqlite3

from ledger_wire import GENESIS, canonical, entry_hash

COLUMNS = ("facility_id", "store_id", "seq", "entry_id", "tx_id", "kind", "version", "occurred_at", "actor_id",
           "prev_hash", "hash")


def central_rows(pg, db, facility_id, store_id=None):
    """Every stored row of a facility (optionally one store), in seq order, as dicts (text columns exact)."""
    where = f"facility_id = '{facility_id}'" + (f" AND store_id = '{store_id}'" if store_id else "")
    out = pg.psql("SELECT row_to_json(e) FROM (SELECT facility_id::text AS facility_id, store_id, seq, entry_id, "
                  "tx_id, kind, version, occurred_at, actor_id, payload_text, payload, payload_problem, prev_hash, "
                  f"hash FROM central.ledger_entries WHERE {where} ORDER BY store_id, seq) e", db=db)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def count_rows(pg, db, facility_id=None):
    where = f" WHERE facility_id = '{facility_id}'" if facility_id else ""
    return int(pg.scalar(f"SELECT count(*) FROM central.ledger_entries{where}", db=db))


def store_head(pg, db, facility_id, store_id):
    out = pg.scalar(f"SELECT last_seq || ' ' || last_hash FROM central.store_heads WHERE facility_id = "
                    f"'{facility_id}' AND store_id = '{store_id}'", db=db)
    if not out:
        return 0, GENESIS
    seq, digest = out.split()
    return int(seq), digest


def local_payload_texts(store_path):
    """The payload column exactly as the facility's SQLite holds it, by seq."""
    db = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    try:
        return dict(db.execute("SELECT seq, payload FROM ledger_entries"))
    finally:
        db.close()


def assert_chain_sound(rows):
    """Anyone's check (§5) over central rows: seq 1..N, hashes recomputed from payload_text, links, unique ids."""
    prev, ids = GENESIS, set()
    for expected, row in enumerate(rows, start=1):
        assert row["seq"] == expected, f"gap or duplicate at seq {expected}: {row['seq']}"
        entry = {k: row[k] for k in COLUMNS}
        entry["payload"] = json.loads(row["payload_text"])
        assert entry_hash(entry) == row["hash"], f"seq {expected}: stored hash is not the recomputed one"
        assert row["prev_hash"] == prev, f"seq {expected}: prev_hash does not link"
        assert row["entry_id"] not in ids, f"seq {expected}: entry_id repeated"
        ids.add(row["entry_id"])
        prev = row["hash"]


def assert_central_equals_local(pg, db, fac, upto=None):
    """The central copy of `fac`'s store equals its local ledger up to `upto` (default: the whole local ledger),
    byte for byte in every field; nothing beyond it is stored; the head row agrees. Returns the row count."""
    local = fac.export()
    upto = len(local) if upto is None else upto
    rows = central_rows(pg, db, fac.facility_id, fac.store_id)
    assert len(rows) == upto, f"central holds {len(rows)} entries, expected {upto} (local head {len(local)})"
    assert_chain_sound(rows)
    sqlite_payloads = local_payload_texts(fac.path)
    for row, (line, entry) in zip(rows, local[:upto]):
        for column in COLUMNS:
            assert row[column] == entry[column], f"seq {entry['seq']} {column}: {row[column]!r} != {entry[column]!r}"
        assert row["payload_text"] == canonical(entry["payload"]), f"seq {entry['seq']}: payload_text"
        assert row["payload_text"] == sqlite_payloads[entry["seq"]], f"seq {entry['seq']}: payload_text vs SQLite"
        assert row["payload"] == entry["payload"], f"seq {entry['seq']}: jsonb payload"
        assert row["payload_problem"] is None, f"seq {entry['seq']}: flagged {row['payload_problem']!r}"
        # The exported line is the wire form: the central row rebuilt as an entry gives the same bytes.
        rebuilt = {k: row[k] for k in COLUMNS}
        rebuilt["payload"] = json.loads(row["payload_text"])
        assert canonical(rebuilt) == line, f"seq {entry['seq']}: rebuilt line differs"
    if upto:
        assert store_head(pg, db, fac.facility_id, fac.store_id) == (upto, local[upto - 1][1]["hash"])
    return len(rows)


def settle_and_check(pg, db_url, fac, proxy=None):
    """The end of every fault test: faults off, one `sync once` acknowledges everything, then nothing lost,
    nothing duplicated, the central chain verifies and equals the local ledger. Returns the entry count."""
    from sync_env import central  # here, so that this module stays importable without the binaries' helpers
    if proxy is not None:
        proxy.set("pass")
    proc = fac.once(check=False)
    assert proc.returncode == 0, f"sync once after the faults exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    head = fac.local_head()
    status = fac.status()
    assert status.get("state") == "up_to_date", status
    assert status_int(status, "acked_seq") == head and status_int(status, "waiting") == 0, status
    count = assert_central_equals_local(pg, db_url.rsplit("/", 1)[1], fac)
    assert count == head
    assert status.get("acked_hash") == fac.export()[-1][1]["hash"], status
    proc = central(db_url, "verify", "--facility", fac.facility_id, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return count


def status_int(status, key):
    """The leading integer of a `sync status` value (`waiting` may carry the oldest entry's age after it)."""
    value = status.get(key, "").split()
    return int(value[0]) if value and value[0].lstrip("-").isdigit() else None
