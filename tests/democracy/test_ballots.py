"""Receipt codes, the ballot box document, its fingerprint, and recount from the box alone."""

from __future__ import annotations

import json
import random
import re
from fractions import Fraction

import pytest

from kurultai.democracy import (
    TWO_THIRDS,
    BallotError,
    ElectionSpec,
    fingerprint,
    find_ballot,
    make_ballot_box,
    new_receipt,
    normalise_receipt,
    read_ballot_box,
    recount,
    tally,
)

CANDIDATES = ("aibek", "dilnoza", "gulnara", "olga", "rustam")


def ranked_entries(n, seed=0):
    rng = random.Random(seed)
    return [(new_receipt(), rng.sample(CANDIDATES, rng.randint(1, 5))) for _ in range(n)]


def test_receipts_are_random_grouped_base32():
    codes = [new_receipt() for _ in range(2000)]
    assert len(set(codes)) == 2000
    assert all(re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", c) for c in codes)


def test_receipt_typed_loosely_is_read_canonically():
    assert normalise_receipt(" k7qx m2zd-4hna w5te ") == "K7QX-M2ZD-4HNA-W5TE"
    for bad in ("K7QX-M2ZD-4HNA", "K7QX-M2ZD-4HNA-W5T0", 123):
        with pytest.raises(BallotError, match="receipt"):
            normalise_receipt(bad)


def test_box_order_leaks_nothing_and_fingerprint_is_order_free():
    spec = ElectionSpec(id="osh-2025-3", rule="scottish-stv", candidates=CANDIDATES, seats=2, seed="osh-2025-3")
    entries = ranked_entries(40)
    box = make_ballot_box(spec, entries)
    receipts = [e["receipt"] for e in box["ballots"]]
    assert receipts == sorted(receipts)
    shuffled = entries[:]
    random.Random(1).shuffle(shuffled)
    assert fingerprint(make_ballot_box(spec, shuffled)) == fingerprint(box)
    assert set(box) == {"format", "version", "election", "ballots"}
    assert all(set(e) == {"receipt", "ballot"} for e in box["ballots"])


@pytest.mark.parametrize("spec, ballots", [
    (ElectionSpec(id="e1", rule="scottish-stv", candidates=CANDIDATES, seats=3, seed="e1"),
     [b for _, b in ranked_entries(80, 2)]),
    (ElectionSpec(id="e2", rule="irv", candidates=CANDIDATES, seed="e2"), [b for _, b in ranked_entries(50, 3)]),
    (ElectionSpec(id="e3", rule="approval", candidates=CANDIDATES, seats=2, seed="e3"),
     [{"aibek", "olga"}, {"olga"}, {"rustam", "gulnara", "olga"}, set()]),
    (ElectionSpec(id="e4", rule="yes-no", electorate=10), ["yes", "no", "yes", "abstain"]),
    (ElectionSpec(id="e5", rule="independent-markets", candidates=("food", "water", "health"), budget=10),
     [{"food": 6, "water": 4}, {"food": 2, "health": 8}, {"water": 10}]),
])
def test_recount_from_the_published_box_equals_the_result(spec, ballots):
    original = tally(spec, ballots)
    box = make_ballot_box(spec, [(new_receipt(), b) for b in ballots])
    text = json.dumps(box, ensure_ascii=False)
    assert recount(text).to_dict() == original.to_dict()
    assert recount(json.loads(text)).to_dict() == original.to_dict()


def test_voter_finds_their_ballot_by_receipt():
    spec = ElectionSpec(id="e", rule="irv", candidates=CANDIDATES)
    entries = ranked_entries(10)
    box = make_ballot_box(spec, entries)
    receipt, ballot = entries[4]
    assert find_ballot(box, receipt.lower()) == {"receipt": receipt, "ballot": list(ballot)}
    assert find_ballot(box, "AAAA-AAAA-AAAA-AAAA") is None


def test_changing_one_ballot_changes_the_fingerprint():
    spec = ElectionSpec(id="e", rule="irv", candidates=CANDIDATES)
    box = make_ballot_box(spec, ranked_entries(10))
    before = fingerprint(box)
    old = box["ballots"][3]["ballot"]
    box["ballots"][3]["ballot"] = ["olga"] if old == ["rustam"] else ["rustam"]
    assert fingerprint(box) != before


def test_broken_boxes_are_refused_with_the_place_named():
    spec = ElectionSpec(id="e", rule="irv", candidates=CANDIDATES)
    box = make_ballot_box(spec, ranked_entries(5))
    swapped = json.loads(json.dumps(box))
    swapped["ballots"][1], swapped["ballots"][2] = swapped["ballots"][2], swapped["ballots"][1]
    with pytest.raises(BallotError, match=r"ballots\[2\]\.receipt: .* out of order"):
        read_ballot_box(swapped)
    bad = json.loads(json.dumps(box))
    bad["ballots"][3]["ballot"] = ["nobody"]
    with pytest.raises(BallotError, match=r"ballots\[3\]\.ballot: preference 1 names 'nobody'"):
        recount(bad)
    extra = json.loads(json.dumps(box))
    extra["ballots"][0]["voter"] = "someone"
    with pytest.raises(BallotError, match=r"ballots\[0\]: must be an object with exactly"):
        recount(extra)
    with pytest.raises(BallotError, match="not valid JSON"):
        recount("{")
    with pytest.raises(BallotError, match="election rule: 'borda'"):
        recount({**box, "election": {**box["election"], "rule": "borda"}})
    with pytest.raises(BallotError, match="receipt .* appears twice"):
        make_ballot_box(spec, [("AAAA-AAAA-AAAA-AAAA", ["olga"]), ("aaaa aaaa aaaa aaaa", ["olga"])])


def test_election_settings_are_checked():
    with pytest.raises(BallotError, match="instant runoff fills exactly one seat"):
        ElectionSpec(id="e", rule="irv", candidates=("a", "b"), seats=2)
    with pytest.raises(BallotError, match="election: the field 'id' is missing"):
        ElectionSpec.from_dict({"rule": "irv"})
    with pytest.raises(BallotError, match=r"election\.quorum: must lie between 0 and 1"):
        ElectionSpec.from_dict({"id": "e", "rule": "yes-no", "quorum": "3/2"})
    spec = ElectionSpec(id="e", rule="yes-no", electorate=40, quorum=Fraction(1, 4), threshold=TWO_THIRDS)
    assert ElectionSpec.from_dict(json.loads(json.dumps(spec.to_dict()))) == spec
