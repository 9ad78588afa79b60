"""Ballot secrecy primitives: receipt codes, the published ballot box, its fingerprint, recount.

A ballot box is a JSON document holding the election's settings and every ballot next to the
receipt code its voter was given, and nothing about who voted:

    {"format": "kurultai-ballot-box", "version": 1,
     "election": {...ElectionSpec.to_dict()...},
     "ballots": [{"receipt": "ABCD-EFGH-IJKL-MNOP", "ballot": [...]}, ...]}

The ballots are sorted by receipt code, which is random, so their order says nothing about when
or by whom they were cast. The fingerprint is the SHA-256 of the box in the JSON Canonicalization
Scheme (RFC 8785), so any program in any language can recompute it byte for byte.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from collections.abc import Iterable, Mapping

import rfc8785

from .election import ElectionSpec, canonical_ballot, tally
from .errors import BallotError

FORMAT = "kurultai-ballot-box"
VERSION = 1
RECEIPT_BYTES = 10  # 80 random bits: 16 base32 characters
_RECEIPT = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$")


def new_receipt() -> str:
    """A fresh receipt code such as "K7QX-M2ZD-4HNA-W5TE": 80 bits from `secrets`, in RFC 4648
    base32 (letters A-Z and digits 2-7, so no 0/O or 1/I to confuse), in four groups of four."""
    text = base64.b32encode(secrets.token_bytes(RECEIPT_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def normalise_receipt(text: str) -> str:
    """Read a receipt code as typed (any case, spaces or dashes anywhere) into its canonical form."""
    if not isinstance(text, str):
        raise BallotError(f"receipt: expected text, got {text!r}")
    letters = re.sub(r"[\s\-]", "", text).upper()
    code = "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))
    if not _RECEIPT.match(code):
        raise BallotError(f"receipt: {text!r} is not a receipt code (16 characters A-Z, 2-7)")
    return code


def canonical_json(document: object) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON document."""
    return rfc8785.dumps(document)


def make_ballot_box(spec: ElectionSpec, entries: Iterable[tuple[str, object]]) -> dict:
    """Build the publishable box from (receipt, ballot) pairs; checks every ballot and receipt."""
    ballots = []
    seen: set[str] = set()
    for i, (receipt, ballot) in enumerate(entries):
        where = f"ballot {i + 1}"
        code = normalise_receipt(receipt)
        if code in seen:
            raise BallotError(f"{where}: receipt {code} appears twice")
        seen.add(code)
        ballots.append({"receipt": code, "ballot": canonical_ballot(spec, ballot, where)})
    ballots.sort(key=lambda entry: entry["receipt"])
    return {"format": FORMAT, "version": VERSION, "election": spec.to_dict(), "ballots": ballots}


def read_ballot_box(box: str | bytes | Mapping) -> tuple[ElectionSpec, list[dict]]:
    """Parse and check a ballot box (JSON text or an already parsed object).

    Errors name the place in the document: `ballots[12].receipt` and the like.
    """
    if isinstance(box, (str, bytes)):
        try:
            box = json.loads(box)
        except json.JSONDecodeError as exc:
            raise BallotError(f"ballot box: not valid JSON ({exc})") from exc
    if not isinstance(box, Mapping):
        raise BallotError("ballot box: the document must be a JSON object")
    if box.get("format") != FORMAT:
        raise BallotError(f"ballot box: format must be {FORMAT!r}, got {box.get('format')!r}")
    if box.get("version") != VERSION:
        raise BallotError(f"ballot box: version {box.get('version')!r} is not supported (expected {VERSION})")
    spec = ElectionSpec.from_dict(box.get("election"), "election")
    entries = box.get("ballots")
    if not isinstance(entries, list):
        raise BallotError("ballots: must be a list")
    previous = None
    for i, entry in enumerate(entries):
        where = f"ballots[{i}]"
        if not isinstance(entry, Mapping) or set(entry) != {"receipt", "ballot"}:
            raise BallotError(f"{where}: must be an object with exactly 'receipt' and 'ballot'")
        code = normalise_receipt(entry["receipt"])
        if code != entry["receipt"]:
            raise BallotError(f"{where}.receipt: {entry['receipt']!r} is not written canonically ({code})")
        if previous is not None and code <= previous:
            raise BallotError(f"{where}.receipt: {code} is out of order or repeated")
        previous = code
        canonical_ballot(spec, entry["ballot"], f"{where}.ballot")
    return spec, list(entries)


def fingerprint(box: Mapping) -> str:
    """"sha256:" and the hex digest of the box's canonical JSON."""
    return "sha256:" + hashlib.sha256(canonical_json(box)).hexdigest()


def recount(box: str | bytes | Mapping):
    """Recompute the election's result from the published ballot box alone."""
    spec, entries = read_ballot_box(box)
    return tally(spec, (entry["ballot"] for entry in entries))


def find_ballot(box: str | bytes | Mapping, receipt: str) -> dict | None:
    """The box entry carrying this receipt code, or None if it is not in the box."""
    code = normalise_receipt(receipt)
    _, entries = read_ballot_box(box)
    for entry in entries:
        if entry["receipt"] == code:
            return dict(entry)
    return None
