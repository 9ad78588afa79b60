"""Message ids of the monitoring core with their English templates.

Flags carry a message id and parameters, never a sentence, so the platform can show them in
every language: it translates the English template (marked for the gettext tools with
`gettext_noop`) and fills in the parameters with `str.format`.
"""

from __future__ import annotations

from collections.abc import Mapping


def gettext_noop(message: str) -> str:
    """Mark a string for the gettext extraction tools without translating it here."""
    return message


MESSAGES: Mapping[str, str] = {
    # what happened
    "below_plan": gettext_noop("Output is below plan"),
    "above_plan": gettext_noop("Output is above plan"),
    "unplanned_output": gettext_noop("Output was reported where none was planned"),
    "outside_forecast": gettext_noop("The reported value is outside the expected range"),
    "step_change": gettext_noop("The level of the series has shifted"),
    "slope_change": gettext_noop("The trend of the series has changed"),
    "outlier": gettext_noop("One reported value was exceptional"),
    # why it was flagged
    "beyond_threshold": gettext_noop(
        "Actual {actual:g} against plan {plan:g} is a deviation of {relative:+.1%}, "
        "beyond the threshold of {threshold:.1%}"),
    "zero_plan": gettext_noop("Nothing was planned and {actual:g} was reported"),
    "outside_interval": gettext_noop(
        "{observed:g} lies outside the {level:.0%} credible interval from {lower:g} to "
        "{upper:g} around the forecast {forecast:g}"),
    "state_probability": gettext_noop(
        "Judged with the reports that followed, the probability of this is "
        "{probability:.0%} (flagged from {threshold:.0%})"),
    # severities
    "info": gettext_noop("for information"),
    "warning": gettext_noop("warning"),
    "critical": gettext_noop("critical"),
}


def render(message_id: str, params: Mapping[str, object] | None = None) -> str:
    """The English text of a message with its parameters filled in."""
    try:
        template = MESSAGES[message_id]
    except KeyError:
        raise KeyError(f"unknown monitoring message id {message_id!r}") from None
    return template.format(**(params or {}))
