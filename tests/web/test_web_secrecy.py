"""Ballot secrecy: try every join and every ordering the database offers to link ballots to voters.

Sixty members vote sixty different ballots (three of them vote again), so each ballot names its
voter for anyone who could link the two tables. The attacks read the database directly, as an
administrator would: every column of every table that refers to a member is joined against
every column of the ballot table; every ordering of the ballots is zipped against every ordering
of the voters; every table is searched for a receipt code or change tag. An attack "works" if it
singles out a voter's true ballot among fewer than all of them, or orders ballots like voters.
None may work. Before the ballots are rewritten, they are ordered by their columns; after the
periodic reshuffle of an open election, and again after the close (the seal), the engine's
own bookkeeping is attacked too: the physical row order, PostgreSQL's ctid and xmin, SQLite's
rowid (docs/security.md explains why that waits for a rewrite).
"""

from __future__ import annotations

import itertools
import random

import pytest
from django.db import connection
from scipy.stats import kendalltau

from kurultai.web.elections.casting import cast
from kurultai.web.elections.closing import close_if_due, reshuffle_open_elections
from web_factories import end_voting, make_committee, open_election

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 60
REVOTERS = 3
BALLOTS = "elections_ballot"
# Two orderings leak if they pair voters with their own ballots far more often than chance, or
# if they put voters and their ballots in much the same relative order. By chance, 60 pairs
# match about one; nine or more happens with probability about 1e-6. By chance, Kendall's tau
# between the two orders has a standard deviation of 0.09; 0.6 is more than six of them, while
# ballots kept in casting order with three revotes moved to the end give 0.8.
CHANCE_MATCHES = 9
CHANCE_TAU = 0.6


def _system_orderings() -> list[str]:
    if connection.vendor == "postgresql":
        return ["ctid", "xmin::text::bigint"]
    if connection.vendor == "sqlite":
        return ["rowid"]
    return []


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _member_tables() -> list[tuple[str, str]]:
    """(table, column) for every column in the schema that refers to a member (auth_user)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column, (_target_column, target) in connection.introspection.get_relations(cursor, table).items():
                if target == "auth_user":
                    found.append((table, column))
    return found


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _joins_that_work(truth: dict[int, str], election_id: int) -> list[str]:
    ballot_columns = _columns(BALLOTS)
    working = []
    for table, member_column in _member_tables():
        for column, ballot_column in itertools.product(_columns(table), ballot_columns):
            if column == member_column:
                continue
            pairs = _rows(
                f"SELECT t.{_q(member_column)}, b.receipt FROM {_q(table)} t JOIN {BALLOTS} b "
                f"ON CAST(t.{_q(column)} AS TEXT) = CAST(b.{_q(ballot_column)} AS TEXT) "
                f"WHERE b.election_id = %s", [election_id])
            linked: dict[int, set[str]] = {}
            for member, receipt in pairs:
                linked.setdefault(member, set()).add(receipt)
            singled_out = [m for m, receipts in linked.items()
                           if m in truth and truth[m] in receipts and len(receipts) < len(truth)]
            if singled_out:
                working.append(f"{table}.{column} = ballot.{ballot_column}")
    return working


def _orderings_that_work(truth: dict[int, str], election_id: int, sealed: bool) -> list[str]:
    columns = [_q(c) for c in _columns(BALLOTS)]
    # Before the seal, ties are broken by the random receipt: rows left in the order they were
    # written are the engine's, not the schema's, and the seal is what rewrites them.
    ballot_orders = [f"{c}, receipt" for c in columns]
    if sealed:
        ballot_orders += [*columns, *_system_orderings(), None]
    working = []
    for table, member_column in _member_tables():
        member_orders = [*(_q(c) for c in _columns(table)), *_system_orderings(), None]
        voters_in_table = _rows(f"SELECT DISTINCT {_q(member_column)} FROM {_q(table)}")
        if not {m for (m,) in voters_in_table} >= set(truth):
            continue
        for member_order, ballot_order in itertools.product(member_orders, ballot_orders):
            members = [m for (m,) in _rows(
                f"SELECT {_q(member_column)} FROM {_q(table)}"
                + (f" ORDER BY {member_order}" if member_order else "")) if m in truth]
            if len(members) != len(truth):
                continue
            receipts = [r for (r,) in _rows(
                f"SELECT receipt FROM {BALLOTS} WHERE election_id = %s"
                + (f" ORDER BY {ballot_order}" if ballot_order else ""), [election_id])]
            matches = max(sum(truth[m] == r for m, r in zip(members, direction))
                          for direction in (receipts, receipts[::-1]))
            position = {receipt: i for i, receipt in enumerate(receipts)}
            tau = kendalltau(range(len(members)), [position[truth[m]] for m in members]).statistic
            if matches >= CHANCE_MATCHES or abs(tau) >= CHANCE_TAU:
                working.append(f"{table} by {member_order} ~ ballots by {ballot_order}: "
                               f"{matches} pairs, tau {tau:.2f}")
    return working


def _secrets_stored_elsewhere(needles: set[str]) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    for table in tables:
        if table == BALLOTS:
            continue
        for row in _rows(f"SELECT * FROM {_q(table)}"):
            text = " ".join(str(value) for value in row)
            hits = [n for n in needles if n in text]
            if hits:
                found.append(f"{table}: {hits[0]}")
    return found


def _attack(truth: dict[int, str], election_id: int, sealed: bool) -> None:
    assert _joins_that_work(truth, election_id) == []
    assert _orderings_that_work(truth, election_id, sealed) == []
    needles = {r for (r,) in _rows(f"SELECT receipt FROM {BALLOTS}")}
    needles |= {t for (t,) in _rows(f"SELECT change_tag FROM {BALLOTS} WHERE change_tag IS NOT NULL")}
    assert _secrets_stored_elsewhere(needles) == []


def test_the_ballot_table_has_no_link_by_construction():
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, BALLOTS)
        description = connection.introspection.get_table_description(cursor, BALLOTS)
        constraints = connection.introspection.get_constraints(cursor, BALLOTS)
    assert {target for _column, target in relations.values()} == {"elections_election"}
    primary = [c for c in constraints.values() if c["primary_key"]][0]["columns"]
    assert primary == ["receipt"]
    assert sorted(c.name for c in description) == ["change_tag", "choice", "election_id", "receipt"]


def test_no_join_or_ordering_links_a_ballot_to_its_voter():
    committee, people = make_committee("secret", VOTERS + 1)
    election = open_election(committee, people[0], people[1:5], seats=2)
    keys = ["c1", "c2", "c3", "c4"]
    rankings = [list(p) for n in (4, 3, 2, 1) for p in itertools.permutations(keys, n)]
    random.Random(2010).shuffle(rankings)  # what each voter chooses is unrelated to who they are
    truth, codes = {}, {}
    for voter, ranking in zip(people[1:], rankings):
        receipt = cast(election, voter, ranking)
        truth[voter.pk], codes[voter.pk] = receipt.receipt, receipt.change_code
    for voter, ranking in zip(people[1:1 + REVOTERS], rankings[VOTERS:]):
        truth[voter.pk] = cast(election, voter, ranking, change_code=codes[voter.pk]).receipt
    assert len(set(truth.values())) == VOTERS
    _attack(truth, election.pk, sealed=False)
    assert reshuffle_open_elections() == 1
    _attack(truth, election.pk, sealed=True)
    close_if_due(end_voting(election))
    _attack(truth, election.pk, sealed=True)
