"""Change codes: the voter's secret for replacing their ballot before the close.

Receipt codes themselves come from the voting core (``kurultai.democracy.new_receipt``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

CHANGE_CODE_BYTES = 15  # 120 random bits: 24 base32 characters in six groups


def new_change_code() -> str:
    """A fresh change code such as ``K7QX-M2ZD-4HNA-W5TE-...``, from ``secrets``."""
    text = base64.b32encode(secrets.token_bytes(CHANGE_CODE_BYTES)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normalise_change_code(text: str) -> str:
    letters = re.sub(r"[\s\-]", "", text or "").upper()
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def change_tag(election_id: int, member_id: int, change_code: str) -> str:
    """HMAC keyed by the voter's change code over (election, member).

    Stored on the ballot, it lets the platform find the ballot to replace when the same member
    presents the same code; without the code nobody, not even the database administrator, can
    compute it for a given member, because the code itself is never stored anywhere.
    """
    message = f"kurultai-ballot-change/{election_id}/{member_id}".encode()
    key = normalise_change_code(change_code).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
