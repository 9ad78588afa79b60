"""Four languages: complete catalogues, compiled .mo files in step, every page switchable."""

from datetime import datetime, timezone

import polib
import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kurultai.devtools.catalogues import LANGUAGES, catalogues, check
from web_factories import PASSWORD, make_committee, open_election

PLATFORM_APPS = ("core", "accounts", "committees", "elections", "assembly", "audit")


def test_every_app_has_a_catalogue_for_each_language():
    found = {(p.parts[-5], p.parts[-3]) for p in catalogues()}
    assert {(app, lang) for app in PLATFORM_APPS for lang in LANGUAGES} <= found


@pytest.mark.parametrize("path", catalogues(), ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_no_untranslated_or_fuzzy_message(path):
    assert [str(problem) for problem in check(path)] == []


@pytest.mark.parametrize("path", catalogues(), ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_compiled_catalogue_matches_its_source(path):
    source = {(e.msgid, e.msgstr or tuple(sorted(e.msgstr_plural.items())))
              for e in polib.pofile(str(path)) if e.translated()}
    compiled = {(e.msgid, e.msgstr or tuple(sorted(e.msgstr_plural.items())))
                for e in polib.mofile(str(path.with_suffix(".mo"))) if e.msgid}
    assert source == compiled, "run: python -m kurultai.devtools.catalogues compile"


@pytest.mark.parametrize("n, expected", [(1, "1 член"), (3, "3 члена"), (5, "5 членов"),
                                         (21, "21 член"), (1000, "1000 членов")])
def test_russian_plurals(n, expected):
    template = Template("{% load i18n %}{% blocktranslate count counter=n trimmed %}"
                        "{{ counter }} member{% plural %}{{ counter }} members{% endblocktranslate %}")
    with translation.override("ru"):
        assert template.render(Context({"n": n})) == expected


def test_dates_and_numbers_are_localised():
    moment = datetime(2010, 6, 11, 9, 30, tzinfo=timezone.utc)
    template = Template('{{ when|date:"DATE_FORMAT" }} {{ x|floatformat:2 }}')
    rendered = {}
    for lang in ("ky", "uz", "ru", "en"):
        with translation.override(lang):
            rendered[lang] = template.render(Context({"when": moment, "x": 2.5}))
    assert "июня" in rendered["ru"] and "2,50" in rendered["ru"]
    assert "Июнь" in rendered["ky"]
    assert "Iyun" in rendered["uz"]
    assert "June" in rendered["en"] and "2.50" in rendered["en"]


@pytest.mark.django_db
def test_every_page_in_every_language():
    committee, people = make_committee("osh", 4)
    election = open_election(committee, people[0], people[1:3])
    client = Client()
    client.login(username=people[1].username, password=PASSWORD)
    pages = [reverse("core:home"), reverse("committees:list"),
             reverse("committees:detail", args=[committee.slug]), reverse("elections:list"),
             reverse("elections:detail", args=[election.pk]),
             reverse("elections:vote", args=[election.pk]), reverse("assembly:index"),
             reverse("audit:log"), reverse("accounts:me")]
    nav = {"ky": "Комитеттер", "uz": "Qoʻmitalar", "ru": "Комитеты", "en": "Committees"}
    for lang, word in nav.items():
        client.cookies["kurultai_language"] = lang
        for page in pages:
            response = client.get(page)
            html = response.content.decode()
            assert response.status_code == 200, page
            assert f'<html lang="{lang}">' in html and word in html, (lang, page)


@pytest.mark.django_db
def test_language_switch_from_any_page():
    client = Client()
    response = client.post(reverse("set_language"),
                           {"language": "uz", "next": reverse("elections:list")})
    assert response.status_code == 302 and response["Location"] == reverse("elections:list")
    html = client.get(reverse("elections:list")).content.decode()
    assert '<html lang="uz">' in html and "Saylovlar" in html
