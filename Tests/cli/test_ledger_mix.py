"""`frontdesk-bench ledger-mix` (the sync benchmark's stores): a mix of every desk through the write path, a store
that verifies, days spread before now, transactions a push can carry, and a second run that grows the same store."""
import json
import sqlite3

from conftest import run, run_binary
from ledger_python import first_bad_seq


def mix(path, entries):
    out = run_binary("frontdesk-bench", "ledger-mix", "--db", path, "--entries", entries, "--seed", 5, "--quiet").stdout
    kinds = {}
    total = None
    for line in out.splitlines():
        if line.startswith("entries "):
            total = int(line.split()[1])
        elif len(line.split()) == 3 and line.endswith("%"):  # "kind   count   share%"
            name, count, _ = line.split()
            kinds[name] = int(count)
    return total, kinds


def test_ledger_mix_writes_every_desk_and_the_store_verifies(tmp_path):
    store = tmp_path / "mix.sqlite"
    total, kinds = mix(store, 1500)
    assert total >= 1500
    # Every desk writes: registration and edits, the queue and vitals, charges, invoices and payments.
    for kind in ("patient.registered", "queue.checked_in", "queue.called", "queue.consultation_started", "queue.done",
                 "vitals.recorded", "charge.posted", "invoice.issued", "payment.received"):
        assert kinds.get(kind, 0) > 0, (kind, kinds)
    db = sqlite3.connect(store)
    assert [row[0] for row in db.execute("SELECT seq FROM ledger_entries ORDER BY seq")] == list(range(1, total + 1))
    # The work is spread over the day before now (28,000 entries a day), not written at one instant.
    first, last = db.execute("SELECT min(occurred_at), max(occurred_at) FROM ledger_entries WHERE seq > 100").fetchone()
    assert first < last and first[:13] != last[:13]
    # A push carries whole transactions of at most 500 entries: no transaction of the mix is larger.
    assert db.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM ledger_entries GROUP BY tx_id)").fetchone()[0] <= 500
    db.close()
    entries = [json.loads(line) for line in run("ledger", "export", "--db", store).stdout.splitlines()]
    assert len(entries) == total and first_bad_seq(entries) is None
    assert run("verify", "--db", store).returncode == 0

    # A later run grows the same store (no second facility), continuing the chain; the store still verifies.
    grown, _ = mix(store, total + 400)
    assert grown >= total + 400
    db = sqlite3.connect(store)
    assert db.execute("SELECT count(*) FROM ledger_entries WHERE kind = 'facility.created'").fetchone()[0] == 1
    assert db.execute("SELECT count(*), max(seq) FROM ledger_entries").fetchone() == (grown, grown)
    db.close()
    assert run("verify", "--db", store).returncode == 0
