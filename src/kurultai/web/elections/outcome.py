"""What a counted election changes: new mandates, ended mandates, a recall and its refill."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kurultai.web.audit.log import record
from kurultai.web.committees.models import Membership
from kurultai.web.elections.boxes import ballots_of, spec_of
from kurultai.web.elections.models import Election, Mandate, RecallPetition
from kurultai.web.voting_core import refill

BY_ELECTION_NOMINATION_DAYS = 7
BY_ELECTION_VOTING_DAYS = 7


def _seat_body(election: Election):
    if election.office == Election.Office.SECRETARY:
        return election.committee
    return election.committee.parent


def end_mandate(mandate: Mandate, reason: str) -> None:
    """End a mandate and take the holder's seat (their officer role) in the body away."""
    mandate.ended_on = timezone.localdate()
    mandate.end_reason = reason
    mandate.save(update_fields=["ended_on", "end_reason"])
    seat = Membership.objects.filter(committee=mandate.body, member=mandate.holder).first()
    still_holds = Mandate.objects.filter(body=mandate.body, holder=mandate.holder,
                                         ended_on__isnull=True).exists()
    if seat and not still_holds:
        if mandate.office == Election.Office.SECRETARY:
            seat.role = Membership.Role.MEMBER
            seat.save(update_fields=["role"])
        else:
            seat.delete()
    record("mandate.ended", f"mandate:{mandate.pk}",
           {"holder": mandate.holder.username, "body": mandate.body.slug, "reason": reason})


def seat(election: Election, holder) -> Mandate:
    """Give ``holder`` a mandate from ``election`` and the matching role in the body."""
    body = _seat_body(election)
    mandate = Mandate.objects.create(election=election, committee=election.committee, body=body,
                                     holder=holder, office=election.office,
                                     started_on=timezone.localdate())
    membership, _created = Membership.objects.get_or_create(committee=body, member=holder)
    membership.status = Membership.Status.ADMITTED
    membership.role = (Membership.Role.SECRETARY if election.office == Election.Office.SECRETARY
                       else Membership.Role.DELEGATE)
    membership.admitted_at = membership.admitted_at or timezone.now()
    membership.save(update_fields=["status", "role", "admitted_at"])
    record("mandate.started", f"mandate:{mandate.pk}",
           {"holder": holder.username, "body": body.slug, "office": election.office,
            "election": election.pk})
    return mandate


def _seat_winners(election: Election) -> None:
    if _seat_body(election) is None:
        return
    if election.refill_of_id is None:
        for old in Mandate.objects.filter(committee=election.committee, office=election.office,
                                          ended_on__isnull=True):
            end_mandate(old, Mandate.EndReason.REPLACED)
    winners = [option.member for option in election.options.filter(
        key__in=election.result.get("elected", []), member__isnull=False).select_related("member")]
    if election.office == Election.Office.SECRETARY and election.refill_of_id is None and winners:
        # A secretary seated before any election (a founding secretary) steps down too.
        (Membership.objects.filter(committee=election.committee, role=Membership.Role.SECRETARY)
         .exclude(member__in=winners).update(role=Membership.Role.MEMBER))
    for member in winners:
        seat(election, member)


def open_by_election(mandate: Mandate) -> Election:
    """A by-election for one seat, when the original ballots leave nobody to take it."""
    original = mandate.election
    now = timezone.now()
    rule = Election.Rule.IRV if original.rule == Election.Rule.STV else original.rule
    by_election = Election.objects.create(
        committee=mandate.committee, title=original.title, rule=rule, office=mandate.office,
        seats=1, refill_of=mandate, opens_at=now + timedelta(days=BY_ELECTION_NOMINATION_DAYS),
        closes_at=now + timedelta(days=BY_ELECTION_NOMINATION_DAYS + BY_ELECTION_VOTING_DAYS))
    record("election.called", f"election:{by_election.pk}",
           {"title": by_election.title, "rule": rule, "refills": mandate.pk})
    return by_election


def refill_seat(mandate: Mandate) -> Mandate | Election:
    """Fill a recalled seat by the rule of the original election, on its published ballots.

    The voting core recounts the original ballots with the recalled member withdrawn and gives
    the seat to the first newcomer; if nobody is left, a by-election is called instead.
    """
    original = mandate.election
    options = {o.member_id: o.key for o in original.options.filter(member__isnull=False)}
    recalled = options.get(mandate.holder_id)
    sitting = [options[m.holder_id] for m in original.mandates.filter(ended_on__isnull=True)
               if m.holder_id in options]
    if recalled is not None and original.counted_at:
        choices = [choice for _receipt, choice in ballots_of(original)]
        key = refill(spec_of(original), choices, recalled, sitting)
        if key is not None:
            newcomer = original.options.get(key=key).member
            new_mandate = seat(original, newcomer)
            record("recall.seat_refilled", f"mandate:{mandate.pk}",
                   {"replacement": newcomer.username, "by": "recount of the original ballots"})
            return new_mandate
    return open_by_election(mandate)


def _decide_recall(election: Election) -> None:
    petition = RecallPetition.objects.filter(vote=election).select_related("mandate").first()
    if petition is None:
        return
    carried = bool(election.result.get("carried"))
    petition.status = RecallPetition.Status.CARRIED if carried else RecallPetition.Status.REJECTED
    petition.save(update_fields=["status"])
    record("recall.decided", f"petition:{petition.pk}",
           {"mandate": petition.mandate_id, "carried": carried})
    if carried and petition.mandate.active:
        end_mandate(petition.mandate, Mandate.EndReason.RECALLED)
        refill_seat(petition.mandate)


def apply_outcome(election: Election) -> None:
    if election.office in (Election.Office.DELEGATE, Election.Office.SECRETARY):
        _seat_winners(election)
    elif election.office == Election.Office.RECALL:
        _decide_recall(election)
