"""200 voters at once on PostgreSQL, each on its own connection: cast, try to vote twice, recast.

Forty of them also send their first ballot twice at the same instant from two connections,
as a double click or a script would. Afterwards there must be exactly one participation and
one ballot per voter, each voter's last choice, and a count that equals the ballots.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from kurultai.democracy import recount
from kurultai.web.elections.boxes import box_of
from kurultai.web.elections.casting import VotingError, cast
from kurultai.web.elections.closing import close_if_due
from kurultai.web.elections.models import Ballot, Participation
from web_factories import end_voting, make_committee, open_election

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 200
RACERS = 40


def _on_own_connection(job):
    def run(*args):
        try:
            return job(*args)
        finally:
            connection.close()
    return run


def test_200_concurrent_voters_on_postgresql(capsys):
    assert connection.vendor == "postgresql", (
        "this test needs PostgreSQL: run `python3 quickstart.py test` (it starts one) "
        "or set DATABASE_URL")
    committee, people = make_committee("crowd", VOTERS + 1)
    election = open_election(committee, people[0], people[1:6], seats=2)
    voters = people[1:]
    keys = ["c1", "c2", "c3", "c4", "c5"]
    rng = random.Random(2010)
    plans = {v.pk: [rng.sample(keys, rng.randint(1, 5)) for _ in range(2)] for v in voters}
    start = threading.Barrier(VOTERS + RACERS)
    first_receipts: dict[int, list] = {v.pk: [] for v in voters}
    final: dict[int, str] = {}
    refused_doubles = Counter()

    @_on_own_connection
    def first_vote(voter):
        start.wait()
        try:
            first_receipts[voter.pk].append(cast(election, voter, plans[voter.pk][0]))
        except VotingError:
            refused_doubles[voter.pk] += 1

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=VOTERS + RACERS) as pool:
        jobs = [pool.submit(first_vote, v) for v in [*voters, *voters[:RACERS]]]
        for job in jobs:
            job.result()

    @_on_own_connection
    def second_attempt_and_recast(voter):
        with pytest.raises(VotingError, match="already voted"):
            cast(election, voter, plans[voter.pk][1])
        code = first_receipts[voter.pk][0].change_code
        final[voter.pk] = cast(election, voter, plans[voter.pk][1], change_code=code).receipt

    with ThreadPoolExecutor(max_workers=VOTERS) as pool:
        for job in [pool.submit(second_attempt_and_recast, v) for v in voters]:
            job.result()
    seconds = time.perf_counter() - began

    accepted_first = sum(len(r) for r in first_receipts.values())
    per_member = Counter(Participation.objects.filter(election=election)
                         .values_list("member_id", flat=True))
    double_votes = sum(n - 1 for n in per_member.values() if n > 1) + (accepted_first - VOTERS)
    ballots = dict(Ballot.objects.filter(election=election).values_list("receipt", "choice"))
    assert double_votes == 0
    assert len(per_member) == VOTERS and sum(refused_doubles.values()) == RACERS
    assert set(ballots) == set(final.values())
    assert Counter(map(tuple, ballots.values())) == Counter(tuple(plans[v.pk][1]) for v in voters)

    result = close_if_due(end_voting(election)).result
    assert result["valid_ballots"] == VOTERS
    assert recount(box_of(election)).to_dict() == result
    with capsys.disabled():
        print(f"\n[concurrency] voters {VOTERS}, ballots {len(ballots)}, ballots cast "
              f"{accepted_first + len(final)} (first votes and recasts), double votes refused "
              f"{RACERS + VOTERS}, double votes found {double_votes}, {seconds:.2f} s on "
              f"PostgreSQL {connection.pg_version // 10000}")
