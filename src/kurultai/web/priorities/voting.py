"""Casting a priority ballot in secret, and counting a round by the democracy core's rule."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.democracy import (BallotError, ElectionSpec, fingerprint, make_ballot_box,
                                new_receipt, tally)
from kurultai.web.audit.log import record
from kurultai.web.committees.models import Membership
from kurultai.web.elections.receipts import change_tag, new_change_code
from kurultai.web.priorities.models import (PriorityBallot, PriorityParticipation, PriorityRound,
                                            ProductGroup)

RULE = "independent-markets"


class PriorityError(Exception):
    """A ballot or step that cannot be accepted, with a message for the member."""


@dataclass(frozen=True)
class Receipt:
    receipt: str
    change_code: str


def is_elector(member) -> bool:
    """Every member admitted by some committee votes on priorities."""
    return bool(getattr(member, "is_authenticated", False) and Membership.objects.filter(
        member=member, status=Membership.Status.ADMITTED).exists())


def group_codes() -> list[str]:
    return list(ProductGroup.objects.order_by("position", "code").values_list("code", flat=True))


def spec_of(round_: PriorityRound) -> ElectionSpec:
    return ElectionSpec(id=f"priority-round-{round_.pk}", rule=RULE, candidates=tuple(group_codes()),
                        title=round_.title, budget=round_.budget)


def clean_points(round_: PriorityRound, points: dict) -> dict[str, int]:
    """Whole points per group adding up to the budget; the democracy core checks the rest."""
    groups = group_codes()
    clean = {}
    for code in groups:
        value = points.get(code, 0)
        try:
            number = int(value or 0)
        except (TypeError, ValueError):
            raise PriorityError(_("%(group)s: %(value)s is not a whole number of points.")
                                % {"group": code, "value": value}) from None
        if number < 0:
            raise PriorityError(_("%(group)s: points cannot be negative.") % {"group": code})
        if number:
            clean[code] = number
    total = sum(clean.values())
    if total != round_.budget:
        raise PriorityError(_("Your points add up to %(total)s; spread exactly %(budget)s.")
                            % {"total": total, "budget": round_.budget})
    try:
        from kurultai.democracy.budget import ballot_shares

        ballot_shares(clean, groups, "ballot", round_.budget)
    except BallotError as error:
        raise PriorityError(str(error)) from error
    return clean


def _tag(round_id: int, member_id: int, code: str) -> str:
    return change_tag(f"priority-{round_id}", member_id, code)


def cast(round_: PriorityRound, member, points: dict, change_code: str | None = None) -> Receipt:
    """Record a ballot; with ``change_code`` replace the member's earlier one (as in elections)."""
    clean = clean_points(round_, points)
    if not is_elector(member):
        raise PriorityError(_("Only members admitted by a committee vote on priorities."))
    receipt, new_code = new_receipt(), new_change_code()
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Share-lock the round so that counting waits for ballots being cast.
                with connection.cursor() as cursor:
                    cursor.execute("SELECT id FROM priorities_priorityround WHERE id = %s FOR SHARE",
                                   [round_.pk])
            locked = PriorityRound.objects.get(pk=round_.pk)
            if not locked.is_open(timezone.now()):
                raise PriorityError(_("Voting in this round is not open."))
            if change_code is None:
                PriorityParticipation.objects.create(round=locked, member=member)
            else:
                if not PriorityParticipation.objects.filter(round=locked, member=member).exists():
                    raise PriorityError(_("You have not voted in this round yet."))
                replaced, _detail = PriorityBallot.objects.filter(
                    round=locked, change_tag=_tag(locked.pk, member.pk, change_code)).delete()
                if not replaced:
                    raise PriorityError(_("This change code does not match your ballot."))
            PriorityBallot.objects.create(receipt=receipt, round=locked, points=clean,
                                          change_tag=_tag(locked.pk, member.pk, new_code))
    except IntegrityError as error:
        raise PriorityError(_("You have already voted in this round. To change your ballot, use "
                              "the change code you were given.")) from error
    return Receipt(receipt, new_code)


def has_voted(round_: PriorityRound, member) -> bool:
    return PriorityParticipation.objects.filter(round=round_, member=member).exists()


def count(round_: PriorityRound, by=None) -> PriorityRound:
    """After the close: publish the ballot box and aggregate it by Independent Markets."""
    with transaction.atomic():
        locked = PriorityRound.objects.select_for_update().get(pk=round_.pk)
        if locked.counted_at:
            return locked
        if locked.phase() != "closed":
            raise PriorityError(_("A round is counted only after it closes."))
        spec = spec_of(locked)
        entries = sorted(locked.ballots.values_list("receipt", "points"))
        if not entries:
            raise PriorityError(_("No ballot was cast in this round, so there is nothing to count."))
        box = make_ballot_box(spec, entries)
        result = tally(spec, [points for _receipt, points in entries])
        locked.box = box
        locked.box_fingerprint = fingerprint(box)
        locked.result = result.to_dict()
        locked.counted_at = timezone.now()
        # Change tags were only needed for revoting; dropping them leaves nothing keyed per voter.
        locked.ballots.update(change_tag=None)
        locked.save(update_fields=["box", "box_fingerprint", "result", "counted_at"])
        record("priorities.counted", f"priority-round:{locked.pk}",
               {"ballots": len(entries), "fingerprint": locked.box_fingerprint,
                "shares": result.to_dict()["shares"]}, actor=by)
    return locked


def latest_counted() -> PriorityRound | None:
    return PriorityRound.objects.filter(counted_at__isnull=False).order_by("-counted_at").first()
