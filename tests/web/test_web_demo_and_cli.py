"""The demo community and the platform's command line (recount, audit verify)."""

import json
import re

import pytest
from django.apps import apps
from django.test import Client

from kurultai.cli.main import main as kurultai
from kurultai.web.assembly.models import Motion, Session
from kurultai.web.committees.models import Committee, Enterprise
from kurultai.web.core.demo import load_demo
from kurultai.web.elections.boxes import box_of
from kurultai.web.elections.models import Ballot, Election

# The demo also computes the demo plan with the task worker, which manages its own connections.
pytestmark = pytest.mark.django_db(transaction=True)

FORBIDDEN = re.compile(r"(^|_)(ethnic\w*|nationalit\w*|religio\w*|races?|tribes?|tribal|clans?|faiths?"
                       r"|people_group)($|_)")


def test_no_model_anywhere_records_ethnicity():
    fields = [(model._meta.label, field.name) for model in apps.get_models()
              for field in model._meta.get_fields()]
    assert [f"{label}.{name}" for label, name in fields if FORBIDDEN.search(name.lower())] == []


def test_demo_community_loads_once_and_shows():
    assert load_demo() is True
    counts = (Committee.objects.count(), Election.objects.count(), Ballot.objects.count())
    assert load_demo() is False
    assert (Committee.objects.count(), Election.objects.count(), Ballot.objects.count()) == counts
    kinds = set(Committee.objects.values_list("kind", flat=True))
    assert kinds == {"kurultai", "district", "neighbourhood", "protection", "workplace"}
    assert {"Osh", "Jalal-Abad"} <= set(Committee.objects.values_list("place", flat=True))
    assert Enterprise.objects.filter(name__icontains="cotton gin").exists()
    finished = Election.objects.filter(counted_at__isnull=False, rule="scottish-stv").get()
    assert len(finished.result["elected"]) == 3 and finished.box_fingerprint
    open_now = [e for e in Election.objects.all() if e.is_open()]
    assert open_now
    assert Session.objects.exists() and Motion.objects.filter(status="carried").exists()
    client = Client()
    for url in ("/", "/committees/", "/elections/", "/kurultai/", "/audit/",
                finished.get_absolute_url(), f"/elections/{finished.pk}/ballot-box/"):
        assert client.get(url).status_code == 200, url


@pytest.fixture
def box_file(tmp_path):
    load_demo()
    finished = Election.objects.get(counted_at__isnull=False, rule="scottish-stv")
    path = tmp_path / "ballot-box.json"
    path.write_text(json.dumps(box_of(finished)), encoding="utf-8")
    return finished, path


def test_recount_from_the_command_line(box_file, capsys):
    finished, path = box_file
    assert kurultai(["recount", str(path), "--expect", finished.box_fingerprint]) == 0
    out = capsys.readouterr().out
    assert finished.box_fingerprint in out and "elected: " + ", ".join(finished.result["elected"]) in out
    assert kurultai(["recount", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["result"] == finished.result


def test_recount_refuses_a_changed_box(box_file, capsys):
    finished, path = box_file
    box = json.loads(path.read_text())
    box["ballots"][0]["ballot"] = ["c1", "nobody"]
    path.write_text(json.dumps(box))
    assert kurultai(["recount", str(path)]) == 2
    assert "ballots[0].ballot" in capsys.readouterr().out
    box["ballots"][0]["ballot"] = ["c2"]
    path.write_text(json.dumps(box))
    assert kurultai(["recount", str(path), "--expect", finished.box_fingerprint]) == 1


def test_recount_names_a_missing_or_broken_file(tmp_path, capsys):
    assert kurultai(["recount", str(tmp_path / "nothing.json")]) == 2
    (tmp_path / "bad.json").write_text("{not json")
    assert kurultai(["recount", str(tmp_path / "bad.json")]) == 2
    assert "bad.json" in capsys.readouterr().out
