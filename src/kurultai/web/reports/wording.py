"""The monitoring core's messages in the reader's language, numbers written the local way.

The core gives a message id and parameters; the English template is translated by the catalogue
(the core marks its templates for extraction, see ``ReportsConfig.translated_modules``) and then
filled in with ``str.format``, whose format specifications ({actual:g}, {relative:+.1%}) the
translations keep.
"""

from __future__ import annotations

import string

from django.utils.formats import get_format
from django.utils.translation import gettext

from kurultai.monitoring import MESSAGES


class _LocalNumbers(string.Formatter):
    """str.format with the active language's decimal separator.

    Written here because neither Django's number formatting nor Babel reads Python's format
    specifications, which are what the monitoring core's templates use.
    """

    def format_field(self, value, format_spec):
        text = super().format_field(value, format_spec)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            text = text.replace(".", get_format("DECIMAL_SEPARATOR"))
        return text


def say(message_id: str, params=None) -> str:
    """The message ``message_id`` of the monitoring core, translated, with ``params`` filled in."""
    try:
        template = MESSAGES[message_id]
    except KeyError:
        raise KeyError(f"unknown monitoring message id {message_id!r}") from None
    return _LocalNumbers().format(gettext(template), **(params or {}))
