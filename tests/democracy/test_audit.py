"""The hash-chained audit log detects edited, deleted, inserted, reordered and cut-off entries."""

from __future__ import annotations

import pytest

from kurultai.democracy import GENESIS, append_entry, entry_hash, verify_chain


def chain(n=6):
    entries = []
    for i in range(n):
        entries.append(append_entry(entries, {"kind": "admission", "member": f"m{i}", "day": "2025-03-0" + str(i)}))
    return entries


def test_intact_chain_verifies_and_links():
    entries = chain()
    assert verify_chain(entries) is None
    assert verify_chain(entries, expected_head=entries[-1]["hash"]) is None
    assert entries[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(entries, entries[1:]))


def test_hash_covers_previous_hash_and_fields():
    fields = {"kind": "result", "election": "e1"}
    assert entry_hash(GENESIS, fields) != entry_hash("1" * 64, fields)
    assert entry_hash(GENESIS, fields) == entry_hash(GENESIS, dict(reversed(list(fields.items()))))
    assert len(entry_hash(GENESIS, fields)) == 64


def test_edited_entry_is_found():
    entries = chain()
    entries[3] = {**entries[3], "member": "intruder"}
    found = verify_chain(entries)
    assert found.position == 3 and "edited" in found.reason


def test_deleted_entry_is_found():
    entries = chain()
    del entries[2]
    found = verify_chain(entries)
    assert found.position == 2 and "deleted" in found.reason


def test_reordered_entries_are_found():
    entries = chain()
    entries[1], entries[2] = entries[2], entries[1]
    assert verify_chain(entries).position == 1


def test_inserted_entry_is_found_even_with_a_fresh_hash():
    entries = chain()
    forged = append_entry(entries[:2], {"kind": "admission", "member": "ghost", "day": "2025-03-09"})
    entries.insert(2, forged)
    assert verify_chain(entries).position == 3


def test_cut_off_end_is_found_against_the_published_head():
    entries = chain()
    head = entries[-1]["hash"]
    assert verify_chain(entries[:-2]) is None
    assert verify_chain(entries[:-2], expected_head=head).position == 4


def test_reserved_field_names_are_refused():
    with pytest.raises(ValueError, match="'hash' is reserved"):
        append_entry([], {"hash": "x"})
