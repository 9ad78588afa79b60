"""Four languages: complete catalogues, compiled .mo files in step, every page switchable."""

from datetime import datetime, timezone

import polib
import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kurultai.devtools.catalogues import LANGUAGES, apps, catalogue_of, catalogues, check, missing
from kurultai.devtools.extraction import extract_app
from web_factories import PASSWORD, make_committee, open_election


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("app", apps(), ids=lambda p: p.name)
def test_every_message_of_every_app_is_in_its_catalogue(app, lang):
    assert [str(problem) for problem in missing(app, lang)] == [], \
        "run: python -m kurultai.devtools.catalogues update, translate, then compile"


def _fake_app(tmp_path):
    app = tmp_path / "fresh"
    (app / "templates" / "fresh").mkdir(parents=True)
    (app / "apps.py").write_text("from django.apps import AppConfig\n")
    (app / "views.py").write_text(
        "from django.utils.translation import gettext as _, gettext_lazy, gettext_noop, "
        "ngettext, pgettext_lazy\n"
        "A = _('Hello'); B = gettext_lazy('Good' ' day'); C = gettext_noop('Bread ovens')\n"
        "D = ngettext('%(n)s seat', '%(n)s seats', 2); E = pgettext_lazy('month', 'May')\n"
        "F = _(str(A))\n")
    (app / "templates" / "fresh" / "page.html").write_text(
        "{% load i18n %}<h1>{% translate 'Hello' %}</h1>{% blocktranslate trimmed with x=1 %}\n"
        "  Spread {{ x }}\n  points{% endblocktranslate %}"
        "{% blocktranslate count n=2 %}One row{% plural %}{{ n }} rows{% endblocktranslate %}")
    return app


def test_extraction_finds_what_makemessages_would(tmp_path):
    found = extract_app(_fake_app(tmp_path))
    assert {key: m.plural for key, m in found.items()} == {
        (None, "Hello"): None, (None, "Good day"): None, (None, "Bread ovens"): None,
        (None, "%(n)s seat"): "%(n)s seats", ("month", "May"): None,
        (None, "Spread %(x)s points"): None, (None, "One row"): "%(n)s rows"}
    assert found[(None, "Hello")].places == ("templates/fresh/page.html:1", "views.py:2")


def test_an_app_without_catalogues_or_with_a_stale_one_fails(tmp_path):
    app = _fake_app(tmp_path)
    assert [p.what for p in missing(app, "ky")] == [
        "no catalogue, but the source marks 7 messages"]
    path = catalogue_of(app, "ky")
    path.parent.mkdir(parents=True)
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Hello", msgstr="Салам"))
    po.save(str(path))
    assert len(missing(app, "ky")) == 6


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
