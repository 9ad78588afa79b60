"""Append to the audit chain and verify it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kurultai.web.audit.models import GENESIS, AuditEntry, AuditHead
from kurultai.web.voting_core import audit_hash


def _entry_record(seq: int, at, actor: str, action: str, subject: str, data: dict) -> dict:
    return {"seq": seq, "at": at.isoformat(), "actor": actor, "action": action,
            "subject": subject, "data": data}


def record(action: str, subject: str = "", data: dict | None = None, actor=None) -> AuditEntry:
    """Append one entry, inside the caller's transaction when there is one."""
    actor_name = getattr(actor, "username", actor) or ""
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # an empty database: the migration's head row was flushed away
            head = AuditHead.objects.create(pk=1)
        seq = head.seq + 1
        at = timezone.now()
        payload = dict(data or {})
        digest = audit_hash(head.hash, _entry_record(seq, at, actor_name, action, subject, payload))
        entry = AuditEntry.objects.create(seq=seq, at=at, actor=actor_name, action=action,
                                          subject=subject, data=payload, prev_hash=head.hash,
                                          hash=digest)
        head.seq, head.hash = seq, digest
        head.save(update_fields=["seq", "hash"])
    return entry


@dataclass(frozen=True)
class Verification:
    """The outcome of walking the chain: how many entries held, and the first that did not."""

    ok: bool
    checked: int
    head_hash: str
    problem: str = ""
    bad_seq: int | None = None


def verify() -> Verification:
    """Recompute every hash from the first entry and compare with the stored chain and head."""
    prev = GENESIS
    expected_seq = 1
    for entry in AuditEntry.objects.order_by("seq").iterator():
        if entry.seq != expected_seq:
            return Verification(False, expected_seq - 1, prev,
                                f"entry #{expected_seq} is missing (next is #{entry.seq})", expected_seq)
        if entry.prev_hash != prev:
            return Verification(False, expected_seq - 1, prev,
                                f"entry #{entry.seq} does not point at the entry before it", entry.seq)
        recomputed = audit_hash(prev, _entry_record(entry.seq, entry.at, entry.actor, entry.action,
                                                    entry.subject, entry.data))
        if recomputed != entry.hash:
            return Verification(False, expected_seq - 1, prev,
                                f"entry #{entry.seq} was changed after it was written", entry.seq)
        prev = entry.hash
        expected_seq += 1
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0, hash=GENESIS)
    if head.seq != expected_seq - 1 or head.hash != prev:
        return Verification(False, expected_seq - 1, prev,
                            f"the chain ends at #{expected_seq - 1} but its head says #{head.seq}: "
                            "entries were deleted from the end", expected_seq)
    return Verification(True, expected_seq - 1, prev)
