"""Every message of the protection and relief apps is translated in all four catalogues, the
catalogues match the source, and pages come out in the chosen language."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

import kurultai.web.protection
import kurultai.web.relief
from kurultai.devtools.catalogues import missing
from kurultai.devtools.extraction import extract_app

APPS = {"protection": Path(kurultai.web.protection.__file__).parent,
        "relief": Path(kurultai.web.relief.__file__).parent}
LANGUAGES = ["ky", "uz", "ru", "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalogue(app: str, lang: str) -> polib.POFile:
    return polib.pofile(str(APPS[app] / "locale" / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(app, lang):
    po = _catalogue(app, lang)
    problems = [e.msgid for e in po if e.obsolete or "fuzzy" in e.flags or not e.translated()]
    for e in po:
        wanted = sorted(PLACEHOLDER.findall(e.msgid))
        for text in ([e.msgstr] if not e.msgid_plural else e.msgstr_plural.values()):
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders of {e.msgid!r}")
    assert problems == []
    compiled = polib.mofile(str(APPS[app] / "locale" / lang / "LC_MESSAGES" / "django.mo"))
    assert {e.msgid: e.msgstr for e in compiled if not e.msgid_plural} == \
        {e.msgid: e.msgstr for e in po if not e.msgid_plural}, "django.mo is older than django.po"


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogues_hold_every_message_of_the_source(app, lang):
    assert len(extract_app(APPS[app])) > 50
    assert [str(problem) for problem in missing(APPS[app], lang)] == []


@pytest.mark.parametrize("lang, heading", [("ky", "Маалланы коргоо"), ("uz", "Mahalla himoyasi"),
                                           ("ru", "Защита районов"), ("en", "Neighbourhood protection")])
def test_the_protection_page_in_each_language(db, client, lang, heading):
    client.cookies["kurultai_language"] = lang
    page = client.get("/protection/").content.decode()
    assert f"<h1>{heading}</h1>" in page
