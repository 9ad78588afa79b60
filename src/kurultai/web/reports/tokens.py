"""Per-enterprise API tokens: shown once, stored as a SHA-256 digest with a lookup prefix."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from kurultai.web.reports.models import ApiToken


def issue(enterprise, user, label: str = "") -> str:
    """A new token for ``enterprise``: ``kt_<prefix>_<secret>``; only its digest is kept."""
    prefix = secrets.token_hex(4)
    token = f"kt_{prefix}_{secrets.token_urlsafe(24)}"
    ApiToken.objects.create(enterprise=enterprise, prefix=prefix, digest=_digest(token),
                            label=label, created_by=user)
    return token


def enterprise_of(token: str):
    """The enterprise a valid, unrevoked token belongs to, else None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != "kt":
        return None
    row = ApiToken.objects.select_related("enterprise").filter(prefix=parts[1],
                                                                revoked_at__isnull=True).first()
    if row is None or not hmac.compare_digest(row.digest, _digest(token)):
        return None
    return row.enterprise


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
