"""Calling elections and nominating candidates."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kurultai.web.audit.log import record
from kurultai.web.elections.models import Election, Option

YES_NO_KEYS = ("yes", "no", "abstain")


class ElectionError(Exception):
    """A request about an election that breaks its rules, with a message for the member."""


def call_election(committee, by, *, title, rule, office, seats, opens_at, closes_at,
                  question="", answers=()) -> Election:
    """Create an election of ``committee``; questions get their answers as options at once."""
    if closes_at <= opens_at:
        raise ElectionError(_("Voting must close after it opens."))
    if office == Election.Office.DELEGATE and committee.parent is None:
        raise ElectionError(_("This committee sends no delegates to a body above."))
    if rule == Election.Rule.IRV or office == Election.Office.SECRETARY:
        seats = 1
    with transaction.atomic():
        election = Election.objects.create(
            committee=committee, title=title, question=question, rule=rule, office=office,
            seats=seats, opens_at=opens_at, closes_at=closes_at, created_by=by)
        if rule == Election.Rule.YESNO:
            answers = [gettext_noop("Yes"), gettext_noop("No"), gettext_noop("Abstain")]
            keys = YES_NO_KEYS
        else:
            keys = [f"o{i}" for i in range(1, len(answers) + 1)]
        for key, label in zip(keys, answers):
            Option.objects.create(election=election, key=key, label=label)
        record("election.called", f"election:{election.pk}",
               {"title": title, "rule": rule, "office": office, "seats": seats,
                "opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat(),
                "answers": list(answers)}, actor=by)
    return election


def nominate(election: Election, candidate, by, statement: str = "") -> Option:
    """Put an admitted member of the committee on the ballot, before voting opens."""
    if not election.takes_nominations:
        raise ElectionError(_("This vote has no candidates."))
    if election.phase(timezone.now()) != "nominations":
        raise ElectionError(_("Nominations are closed."))
    for person in (candidate, by):
        if not election.committee.is_elector(person):
            raise ElectionError(_("Only admitted members of the committee nominate and stand."))
    label = candidate.get_full_name() or candidate.username
    try:
        with transaction.atomic():
            number = election.options.count() + 1
            option = Option.objects.create(election=election, key=f"c{number}", label=label,
                                           member=candidate, nominated_by=by, statement=statement)
            record("election.nominated", f"election:{election.pk}",
                   {"candidate": candidate.username, "key": option.key}, actor=by)
    except IntegrityError as error:
        raise ElectionError(_("%(name)s is already a candidate.") % {"name": label}) from error
    return option
