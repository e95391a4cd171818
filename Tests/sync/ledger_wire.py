"""Ledger entries built in Python exactly per ledger-protocol.md §1–2, and a tiny HTTP client for §3."""
import datetime
import http.client
import json
import pathlib
import sys
import urllib.parse
import uuid

# Canonical JSON and the entry hash (§2) come from the one independent Python check the CLI tests use.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from ledger_python import GENESIS, canonical, entry_hash  # noqa: E402,F401


def new_id():
    return str(uuid.uuid4())


def now_rfc3339():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def make_entry(seq, prev_hash, facility_id, store_id, tx_id, kind="test.note", payload=None, actor_id=None,
               version=1):
    entry = {"seq": seq, "entry_id": new_id(), "facility_id": facility_id, "store_id": store_id, "tx_id": tx_id,
             "kind": kind, "version": version, "occurred_at": now_rfc3339(), "actor_id": actor_id,
             "payload": payload if payload is not None else {"n": seq, "note": f"entry {seq} – ünïcode ✓"},
             "prev_hash": prev_hash}
    entry["hash"] = entry_hash(entry)
    return entry


def make_chain(n, facility_id, store_id, tx_sizes=None, start_seq=1, prev_hash=GENESIS, payload_bytes=0):
    """N entries from `start_seq`, linked from `prev_hash`; `tx_sizes` groups them into transactions
    (default: one entry per transaction). `payload_bytes` pads each payload to make big bodies."""
    sizes = list(tx_sizes) if tx_sizes else [1] * n
    assert sum(sizes) == n, "tx_sizes must add up to n"
    entries, seq = [], start_seq
    for size in sizes:
        tx_id = new_id()
        for _ in range(size):
            payload = {"n": seq, "note": f"entry {seq} – ünïcode ✓"}
            if payload_bytes:
                payload["pad"] = "x" * payload_bytes
            entry = make_entry(seq, prev_hash, facility_id, store_id, tx_id, payload=payload)
            entries.append(entry)
            prev_hash, seq = entry["hash"], seq + 1
    return entries


def rehash(entries, from_index=0):
    """Recomputes hashes and prev_hash links from `from_index` on, after a test changed an entry on purpose."""
    prev = entries[from_index - 1]["hash"] if from_index else entries[0]["prev_hash"]
    for entry in entries[from_index:]:
        entry["prev_hash"] = prev
        entry["hash"] = entry_hash(entry)
        prev = entry["hash"]
    return entries


class Reply:
    """An HTTP answer: status, raw body text, and the body as JSON when it is JSON (else None)."""

    def __init__(self, status, text):
        self.status, self.text = status, text
        try:
            self.json = json.loads(text) if text else None
        except ValueError:
            self.json = None

    def __repr__(self):
        return f"<{self.status} {self.text[:300]!r}>"


class Client:
    """Speaks §3 to one server as one facility (token None sends no Authorization header)."""

    def __init__(self, base_url, token, context=None):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.token = parsed.hostname, parsed.port, token
        self.https, self.context = parsed.scheme == "https", context

    def request(self, method, path, body=None, token="default", headers=None, timeout=30):
        token = self.token if token == "default" else token
        if self.https:
            conn = http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=self.context)
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            all_headers = {"Content-Type": "application/json", **(headers or {})}
            if token is not None:
                all_headers["Authorization"] = f"Bearer {token}"
            data = body.encode("utf-8") if isinstance(body, str) else body
            conn.request(method, path, body=data, headers=all_headers)
            reply = conn.getresponse()
            return Reply(reply.status, reply.read().decode("utf-8", errors="replace"))
        finally:
            conn.close()

    def head(self, store_id, **kw):
        return self.request("GET", "/v1/ledger/head?" + urllib.parse.urlencode({"store_id": store_id}), **kw)

    def push(self, store_id, entries, **kw):
        return self.request("POST", "/v1/ledger/push", body=canonical({"store_id": store_id, "entries": entries}), **kw)

    def push_raw(self, body, **kw):
        return self.request("POST", "/v1/ledger/push", body=body, **kw)
