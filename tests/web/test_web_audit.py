"""The audit log is a hash chain: editing or deleting any entry is detected."""

import pytest
from django.db import connection

from kurultai.cli.main import main as kurultai
from kurultai.web.audit.log import record, verify
from kurultai.web.audit.models import AuditEntry
from kurultai.web.elections.casting import cast
from kurultai.web.elections.closing import close_if_due
from web_factories import end_voting, make_committee, open_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    committee, people = make_committee("shait-tepe", 4)
    election = open_election(committee, people[0], people[1:3], seats=1)
    cast(election, people[1], ["c1"])
    close_if_due(end_voting(election))
    for i in range(3):
        record("test.note", f"note:{i}", {"n": i, "text": "ok"}, actor=people[0])
    return list(AuditEntry.objects.order_by("seq"))


def _sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_the_changes_that_matter_are_logged(chain):
    actions = [entry.action for entry in chain]
    for action in ("election.called", "election.nominated", "election.counted", "mandate.started"):
        assert action in actions
    assert "ballot" not in " ".join(actions).replace("ballots", "")
    assert verify().ok and verify().checked == len(chain)


def test_an_edited_entry_breaks_the_chain(chain, capsys):
    victim = chain[3]
    _sql("UPDATE audit_auditentry SET actor = %s WHERE seq = %s", ["someone-else", victim.seq])
    check = verify()
    assert not check.ok and check.bad_seq == victim.seq and "changed" in check.problem
    assert kurultai(["audit", "verify"]) == 1
    assert "broken" in capsys.readouterr().out


def test_an_edited_detail_breaks_the_chain(chain):
    counted = next(e for e in chain if e.action == "election.counted")
    _sql("UPDATE audit_auditentry SET data = %s WHERE seq = %s",
         ['{"title": "forged", "ballots": 99}', counted.seq])
    assert verify().bad_seq == counted.seq


def test_a_deleted_entry_breaks_the_chain(chain):
    _sql("DELETE FROM audit_auditentry WHERE seq = %s", [chain[2].seq])
    check = verify()
    assert not check.ok and "missing" in check.problem


def test_deleting_the_last_entries_is_seen_against_the_head(chain):
    _sql("DELETE FROM audit_auditentry WHERE seq >= %s", [chain[-2].seq])
    check = verify()
    assert not check.ok and "deleted from the end" in check.problem


def test_an_intact_chain_verifies_from_the_command_line(chain, capsys):
    assert kurultai(["audit", "verify"]) == 0
    assert f"{len(chain)} entries" in capsys.readouterr().out
