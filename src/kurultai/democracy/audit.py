"""A hash-chained, append-only log: any edited, deleted, inserted or reordered entry shows.

Each entry is a JSON object with its own fields plus "prev_hash" (the hash of the entry before
it, or 64 zeros for the first) and "hash" = SHA-256 of the RFC 8785 canonical JSON of every
field except "hash" itself. Changing a field breaks that entry's hash; removing or moving an
entry breaks the next entry's link. Cutting entries off the end leaves a valid shorter chain, so
the head hash should also be published (with each result, say) and passed as `expected_head`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import rfc8785

GENESIS = "0" * 64
RESERVED = ("prev_hash", "hash")


def entry_hash(prev_hash: str, fields: Mapping) -> str:
    """SHA-256 (hex) over the canonical JSON of the entry's fields together with prev_hash."""
    clash = [k for k in RESERVED if k in fields]
    if clash:
        raise ValueError(f"audit entry: the field name {clash[0]!r} is reserved")
    document = dict(fields)
    document["prev_hash"] = prev_hash
    return hashlib.sha256(rfc8785.dumps(document)).hexdigest()


def append_entry(chain: Sequence[Mapping], fields: Mapping) -> dict:
    """The next entry for `chain`: the fields with prev_hash and hash added (chain not modified)."""
    prev_hash = chain[-1]["hash"] if chain else GENESIS
    entry = dict(fields)
    entry["prev_hash"] = prev_hash
    entry["hash"] = entry_hash(prev_hash, fields)
    return entry


@dataclass(frozen=True)
class ChainBreak:
    """Where verification failed (0-based position in the list given) and why."""

    position: int
    reason: str


def verify_chain(entries: Sequence[Mapping], expected_head: str | None = None) -> ChainBreak | None:
    """None if the chain is intact (and ends at `expected_head` when given), else the first break."""
    prev_hash = GENESIS
    for position, entry in enumerate(entries):
        if "hash" not in entry or "prev_hash" not in entry:
            return ChainBreak(position, "entry has no hash or prev_hash field")
        if entry["prev_hash"] != prev_hash:
            return ChainBreak(position, "prev_hash does not match the entry before: "
                                        "an entry was deleted, inserted or moved here")
        fields = {k: v for k, v in entry.items() if k not in RESERVED}
        if entry_hash(prev_hash, fields) != entry["hash"]:
            return ChainBreak(position, "hash does not match the entry's contents: the entry was edited")
        prev_hash = entry["hash"]
    if expected_head is not None and prev_hash != expected_head:
        return ChainBreak(len(entries), "the chain does not end at the published head: "
                                        "entries were removed from the end or added after it")
    return None
