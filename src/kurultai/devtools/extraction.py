"""Which messages an app of the platform marks for translation, found in pure Python.

Django's ``makemessages`` does this by running GNU gettext's ``xgettext``, a system program; here
Django's own ``templatize`` turns each template into the Python-like text that ``makemessages``
would hand to ``xgettext``, and Babel's Python extractor reads that and the app's modules with
the same keywords, so the catalogues can be checked on any machine with only the virtualenv.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from babel.messages.extract import extract

# The keywords Django's makemessages gives xgettext for Python files (argument positions are
# 1-based; a ``(n, "c")`` position is the message context).
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None,
    "ngettext": (1, 2), "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}
SKIPPED_FOLDERS = {"locale", "static", "migrations", "__pycache__"}
TEMPLATE_SUFFIXES = {".html", ".txt"}


@dataclass(frozen=True)
class Message:
    """One message to translate: its id, plural id and context, and where it is used."""

    msgid: str
    plural: str | None = None
    context: str | None = None
    places: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


class ExtractionError(Exception):
    """A source file whose messages cannot be read; the message names the file and line."""


def _source_files(app_dir: Path) -> list[Path]:
    found = []
    for path in sorted(app_dir.rglob("*")):
        if not path.is_file() or SKIPPED_FOLDERS & set(path.relative_to(app_dir).parts[:-1]):
            continue
        if path.suffix == ".py" or (path.suffix in TEMPLATE_SUFFIXES and "templates" in path.parts):
            found.append(path)
    return found


def _python_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return text
    from django.utils.translation.template import templatize

    try:
        return templatize(text, origin=str(path))
    except Exception as error:  # templatize raises plain exceptions (e.g. SyntaxError) on bad tags
        raise ExtractionError(f"{path}: {error}") from error


def _messages_of(path: Path, root: Path) -> list[tuple[Message, str]]:
    where = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
    found = []
    text = _python_text(path).encode("utf-8")
    for line, message, _comments, context in extract("python", BytesIO(text), keywords=KEYWORDS,
                                                     comment_tags=(), options={"encoding": "utf-8"}):
        msgid, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        found.append((Message(msgid, plural, context), f"{where}:{line}"))
    return found


def extract_app(app_dir: Path, also: tuple[Path, ...] = ()) -> dict[tuple[str | None, str], Message]:
    """Every message an app's Python modules and templates mark, and those of the modules
    ``also`` (messages defined outside the app that its pages show), keyed by (context, msgid)."""
    app_dir = Path(app_dir)
    merged: dict[tuple[str | None, str], Message] = {}
    for path in [*_source_files(app_dir), *map(Path, also)]:
        for message, place in _messages_of(path, app_dir):
            known = merged.get(message.key)
            places = (known.places if known else ()) + (place,)
            merged[message.key] = Message(message.msgid, message.plural or (known and known.plural),
                                          message.context, places)
    return merged
