"""The platform's translation catalogues: bring them up to date with the source, compile them,
and check them for gaps, for every app of kurultai.web in each of the four languages.

    python -m kurultai.devtools.catalogues update [APP ...]  # add new messages, retire old ones
    python -m kurultai.devtools.catalogues compile           # after editing any .po file
    python -m kurultai.devtools.catalogues check             # untranslated, fuzzy, broken or missing

Messages are extracted in pure Python (see ``extraction``) and compiled with polib rather than
GNU gettext's msgfmt, so no system package is needed. English is the language of the source:
its catalogues are filled with the source text itself and can then be edited like the others.
"""

from __future__ import annotations

import importlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
LANGUAGES = ("ky", "uz", "ru", "en")
SOURCE_LANGUAGE = "en"
# Django's %(name)s / %(name)d / %(name)r, and str.format fields such as {actual:g} or {}.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|\{(\w*)(?::[^{}]*)?\}")

HEADERS = {
    "ky": ("Kyrgyz", "nplurals=1; plural=0;"),
    "uz": ("Uzbek (Latin)", "nplurals=1; plural=0;"),
    "ru": ("Russian", "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                      "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
                      "(n%100>=11 && n%100<=14)? 2 : 3);"),
    "en": ("English", "nplurals=2; plural=(n != 1);"),
}


@dataclass(frozen=True)
class Problem:
    catalogue: Path
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.catalogue}: {self.msgid!r}: {self.what}"


def apps(root: Path = WEB_DIR) -> list[Path]:
    """The folder of every app of the platform (a package with an apps.py)."""
    return sorted(p.parent for p in root.glob("*/apps.py"))


def catalogue_of(app_dir: Path, language: str) -> Path:
    return Path(app_dir) / "locale" / language / "LC_MESSAGES" / "django.po"


def catalogues(root: Path = WEB_DIR, languages=LANGUAGES) -> list[Path]:
    """Every django.po of the given languages under the platform's apps."""
    return sorted(p for p in root.glob("*/locale/*/LC_MESSAGES/django.po")
                  if p.parts[-3] in languages)


def _placeholders(text: str) -> list[str]:
    return sorted(a or b for a, b in PLACEHOLDER.findall(text))


def check(path: Path) -> list[Problem]:
    """Untranslated, fuzzy, or placeholder-breaking entries of one catalogue."""
    problems = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(Problem(path, entry.msgid, "marked fuzzy"))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not translations or any(not t.strip() for t in translations):
            problems.append(Problem(path, entry.msgid, "not translated"))
            continue
        wanted = _placeholders(entry.msgid)
        # A plural form may use the placeholders of either English form, or fewer ("one row").
        either = set(wanted) | set(_placeholders(entry.msgid_plural or ""))
        for text in translations:
            if _placeholders(text) != wanted and not (entry.msgid_plural and
                                                      set(_placeholders(text)) <= either):
                problems.append(Problem(path, entry.msgid,
                                        f"placeholders {wanted} but the translation has "
                                        f"{_placeholders(text)}"))
    return problems


def _source(app_dir: Path):
    """The app's messages, with those of the modules its AppConfig lists in ``translated_modules``
    (text that a pure core marks with gettext_noop and the app's pages show)."""
    from django.apps import apps as registry

    from kurultai.devtools.extraction import extract_app

    config = next((c for c in registry.get_app_configs() if Path(c.path) == Path(app_dir)), None)
    also = tuple(Path(importlib.import_module(name).__file__)
                 for name in getattr(config, "translated_modules", ()))
    return extract_app(app_dir, also)


def missing(app_dir: Path, language: str) -> list[Problem]:
    """Messages the app's source marks for translation that its catalogue lacks."""
    path = catalogue_of(app_dir, language)
    messages = _source(app_dir)
    if not path.exists():
        return [Problem(path, "", f"no catalogue, but the source marks {len(messages)} messages")
                ] if messages else []
    known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}
    return [Problem(path, m.msgid, f"used at {', '.join(m.places)} but not in the catalogue")
            for key, m in messages.items() if key not in known]


def _new_catalogue(language: str, app: str) -> polib.POFile:
    team, plurals = HEADERS[language]
    po = polib.POFile()
    po.header = f"Kurultai: {app} app, {language} catalogue.\n" \
                "This file is distributed under the same license as the Kurultai package."
    po.metadata = {
        "Project-Id-Version": "Kurultai", "Report-Msgid-Bugs-To": "",
        "Last-Translator": "Kurultai translators", "Language-Team": team, "Language": language,
        "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit", "Plural-Forms": plurals,
    }
    return po


def _entry(message, language: str) -> polib.POEntry:
    source = language == SOURCE_LANGUAGE
    entry = polib.POEntry(msgid=message.msgid, msgctxt=message.context)
    if message.plural:
        entry.msgid_plural = message.plural
        entry.msgstr_plural = ({0: message.msgid, 1: message.plural} if source
                               else {i: "" for i in range(_plural_count(language))})
    else:
        entry.msgstr = message.msgid if source else ""
    if "%(" in message.msgid:
        entry.flags.append("python-format")
    return entry


def _plural_count(language: str) -> int:
    return int(re.search(r"nplurals=(\d+)", HEADERS[language][1]).group(1))


def update(app_dir: Path, languages=LANGUAGES) -> list[Path]:
    """Add the app's new messages to its catalogues (creating missing ones) and mark messages the
    source no longer uses obsolete; returns the catalogues that changed."""
    messages = _source(app_dir)
    changed = []
    for language in languages:
        path = catalogue_of(app_dir, language)
        if not messages and not path.exists():
            continue
        po = polib.pofile(str(path)) if path.exists() else _new_catalogue(language, app_dir.name)
        entries = {(e.msgctxt, e.msgid): e for e in po}
        dirty = not path.exists()
        for key, message in messages.items():
            entry = entries.get(key)
            if entry is None:
                po.append(_entry(message, language))
                dirty = True
            elif entry.obsolete:
                entry.obsolete = False
                dirty = True
        for key, entry in entries.items():
            if key not in messages and not entry.obsolete:
                entry.obsolete = True
                dirty = True
        if dirty:
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            changed.append(path)
    return changed


def compile_all(root: Path = WEB_DIR) -> list[Path]:
    written = []
    for path in sorted(root.glob("*/locale/*/LC_MESSAGES/django.po")):
        target = path.with_suffix(".mo")
        polib.pofile(str(path)).save_as_mofile(str(target))
        written.append(target)
    return written


def _setup_django() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kurultai.web.config.settings")
    django.setup()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "compile":
        for path in compile_all():
            print(path.relative_to(WEB_DIR))
        return 0
    if command == "update":
        _setup_django()
        wanted = set(argv[1:])
        for app_dir in apps():
            if not wanted or app_dir.name in wanted:
                for path in update(app_dir):
                    print(path.relative_to(WEB_DIR))
        return 0
    if command == "check":
        _setup_django()
        problems = [p for path in catalogues() for p in check(path)]
        problems += [p for app_dir in apps() for lang in LANGUAGES for p in missing(app_dir, lang)]
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problems in {len(catalogues())} catalogues")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
