"""The independent check of ledger-protocol.md sections 2 and 5, in Python, as anyone would write it."""
import hashlib
import json

GENESIS = "0" * 64


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(entry):
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


def first_bad_seq(entries):
    """Returns None for a sound chain, else the first seq that is wrong."""
    prev, seen = GENESIS, set()
    for expected, entry in enumerate(entries, start=1):
        if entry["seq"] != expected:
            return expected
        if entry_hash(entry) != entry["hash"] or entry["prev_hash"] != prev or entry["entry_id"] in seen:
            return expected
        prev = entry["hash"]
        seen.add(entry["entry_id"])
    return None
