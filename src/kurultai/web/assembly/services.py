"""The procedure of the kurultai: propose, second, debate, roll call, decide."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.assembly.models import Comment, Decision, Motion, RollCallVote, Session
from kurultai.web.audit.log import record
from kurultai.web.committees.models import Membership
from kurultai.web.voting_core import roll_call_result


class AssemblyError(Exception):
    """A step the assembly's procedure does not allow, with a message for the delegate."""


def is_delegate(session: Session, user) -> bool:
    return session.assembly.role_of(user) in Membership.OFFICERS


def is_chair(session: Session, user) -> bool:
    """The assembly's secretary opens and closes roll calls."""
    return session.assembly.role_of(user) == Membership.Role.SECRETARY


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise AssemblyError(message)


def open_session(assembly, by, title: str, agenda: str, opens_at) -> Session:
    _require(assembly.role_of(by) == Membership.Role.SECRETARY,
             _("Only the secretary of the assembly opens a session."))
    with transaction.atomic():
        number = (assembly.sessions.aggregate(n=Max("number"))["n"] or 0) + 1
        session = Session.objects.create(assembly=assembly, number=number, title=title,
                                         agenda=agenda, opens_at=opens_at)
        record("session.opened", f"session:{session.pk}", {"number": number, "title": title},
               actor=by)
    return session


def close_session(session: Session, by) -> Session:
    _require(session.assembly.role_of(by) == Membership.Role.SECRETARY,
             _("Only the secretary of the assembly closes a session."))
    _require(session.closed_at is None, _("This session is closed."))
    with transaction.atomic():
        session.closed_at = timezone.now()
        session.save(update_fields=["closed_at"])
        record("session.closed", f"session:{session.pk}", {"number": session.number}, actor=by)
    return session


def propose(session: Session, by, title: str, text: str, follows=None) -> Motion:
    _require(session.closed_at is None, _("This session is closed."))
    _require(is_delegate(session, by), _("Only delegates propose motions."))
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        number = (session.motions.aggregate(n=Max("number"))["n"] or 0) + 1
        motion = Motion.objects.create(session=session, number=number, title=title, text=text,
                                       proposer=by, follows=follows)
        record("motion.proposed", f"motion:{motion.pk}",
               {"session": session.pk, "number": number, "title": title, "text": text}, actor=by)
    return motion


def second(motion: Motion, by) -> Motion:
    _require(is_delegate(motion.session, by), _("Only delegates second motions."))
    _require(motion.proposer_id != by.pk, _("A motion is seconded by another delegate."))
    _require(motion.status == Motion.Status.PROPOSED, _("This motion has already been seconded."))
    with transaction.atomic():
        motion.seconder = by
        motion.status = Motion.Status.SECONDED
        motion.save(update_fields=["seconder", "status"])
        record("motion.seconded", f"motion:{motion.pk}", {}, actor=by)
    return motion


def comment(motion: Motion, by, text: str) -> Comment:
    _require(getattr(by, "is_authenticated", False), _("Log in to take part in the debate."))
    _require(motion.status in (Motion.Status.PROPOSED, Motion.Status.SECONDED),
             _("The debate on this motion is over."))
    return Comment.objects.create(motion=motion, author=by, text=text)


def open_roll_call(motion: Motion, by) -> Motion:
    _require(is_chair(motion.session, by), _("Only the secretary of the assembly calls a vote."))
    _require(motion.status == Motion.Status.SECONDED, _("Only a seconded motion is put to the vote."))
    with transaction.atomic():
        motion.status = Motion.Status.VOTING
        motion.save(update_fields=["status"])
        record("motion.vote_opened", f"motion:{motion.pk}", {}, actor=by)
    return motion


def vote(motion: Motion, by, choice: str) -> RollCallVote:
    _require(is_delegate(motion.session, by), _("Only delegates vote in the kurultai."))
    _require(motion.status == Motion.Status.VOTING, _("No roll call is open on this motion."))
    _require(choice in RollCallVote.Choice.values, _("Choose yes, no or abstain."))
    try:
        with transaction.atomic():
            cast = RollCallVote.objects.create(motion=motion, delegate=by, choice=choice)
            record("motion.roll_call", f"motion:{motion.pk}",
                   {"delegate": by.username, "vote": choice}, actor=by)
    except IntegrityError as error:
        raise AssemblyError(_("You have already voted on this motion.")) from error
    return cast


def close_roll_call(motion: Motion, by) -> Motion:
    """Decide the roll call by the voting core: the quorum must vote, then a simple majority."""
    _require(is_chair(motion.session, by), _("Only the secretary of the assembly closes a vote."))
    _require(motion.status == Motion.Status.VOTING, _("No roll call is open on this motion."))
    with transaction.atomic():
        tally = motion.tally()
        members = list(motion.session.delegates().values_list("member__username", flat=True))
        votes = {v.delegate.username: v.choice for v in motion.votes.select_related("delegate")
                 if v.delegate.username in members}
        outcome = roll_call_result(votes, members, motion.session.assembly.quorum_share)
        delegates = len(members)
        if not outcome["quorum_met"]:
            motion.status = Motion.Status.NO_QUORUM
        elif outcome["carried"]:
            motion.status = Motion.Status.CARRIED
        else:
            motion.status = Motion.Status.REJECTED
        motion.save(update_fields=["status"])
        record("motion.decided", f"motion:{motion.pk}",
               {"status": motion.status, "delegates": delegates, "quorum": outcome["quorum"],
                **tally}, actor=by)
        if motion.status == Motion.Status.CARRIED:
            assembly = motion.session.assembly
            number = (Decision.objects.filter(motion__session__assembly=assembly)
                      .aggregate(n=Max("number"))["n"] or 0) + 1
            decision = Decision.objects.create(
                motion=motion, number=number, decided_at=timezone.now(), yes=tally["yes"],
                no=tally["no"], abstain=tally["abstain"], delegates=delegates)
            record("decision.recorded", f"decision:{decision.pk}",
                   {"number": number, "motion": motion.pk, "title": motion.title}, actor=by)
    return motion
