"""The platform's translation catalogues: compile every .po to .mo, and check them for gaps.

    python -m kurultai.devtools.catalogues compile   # after editing any .po file
    python -m kurultai.devtools.catalogues check     # lists untranslated, fuzzy or broken messages

Compiling with polib rather than GNU gettext's msgfmt means no system package is needed.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
LANGUAGES = ("ky", "uz", "ru")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\w*\}")


@dataclass(frozen=True)
class Problem:
    catalogue: Path
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.catalogue}: {self.msgid!r}: {self.what}"


def catalogues(root: Path = WEB_DIR, languages=LANGUAGES) -> list[Path]:
    """Every django.po of the given languages under the platform's apps."""
    return sorted(p for p in root.glob("*/locale/*/LC_MESSAGES/django.po")
                  if p.parts[-3] in languages)


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


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
        for text in translations:
            if _placeholders(text) != wanted and not (entry.msgid_plural and
                                                      set(_placeholders(text)) <= set(wanted)):
                problems.append(Problem(path, entry.msgid,
                                        f"placeholders {wanted} but the translation has "
                                        f"{_placeholders(text)}"))
    return problems


def compile_all(root: Path = WEB_DIR) -> list[Path]:
    written = []
    for path in sorted(root.glob("*/locale/*/LC_MESSAGES/django.po")):
        target = path.with_suffix(".mo")
        polib.pofile(str(path)).save_as_mofile(str(target))
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "compile":
        for path in compile_all():
            print(path.relative_to(WEB_DIR))
        return 0
    if command == "check":
        problems = [p for path in catalogues() for p in check(path)]
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problems in {len(catalogues())} catalogues")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
