"""Plan against actual is flagged by the monitoring core's deviation rule, and the flag is told
in the reader's language with numbers written the local way."""

from __future__ import annotations

import pytest
from django.utils import translation

from kurultai.web.reports.compare import Row
from kurultai.web.reports.wording import say


def row(planned, actual, threshold=10.0):
    return Row(enterprise=None, technique="osh-depot-buses", period="2026-Q1", planned=planned,
               actual=actual, threshold=threshold)


@pytest.mark.parametrize("planned, actual, flagged", [
    (100, 90, False),        # exactly at the 10 % threshold: not beyond it
    (100, 89.99, True),
    (100, 110, False),
    (100, 110.01, True),
    (0.3, 0.33, False),      # 10 % in decimal, though 0.33 / 0.3 - 1 > 0.1 in binary floating point
    (0, 0, False),
    (0, 2, True),            # output where none was planned
])
def test_flagged_strictly_beyond_the_committees_threshold(planned, actual, flagged):
    assert row(planned, actual).flagged is flagged


def test_severity_is_critical_beyond_twice_the_threshold():
    assert row(100, 85).flag.severity == "warning"
    assert row(100, 80).flag.severity == "warning"
    assert row(100, 79.9).flag.severity == "critical"
    assert row(100, 70).flag.what == "below_plan" and row(100, 130).flag.what == "above_plan"


def test_the_deviation_is_relative_to_the_plan():
    assert row(200, 150).deviation == pytest.approx(-0.25)
    assert row(0, 0).deviation == 0.0 and row(0, 1).deviation == float("inf")


@pytest.mark.parametrize("lang, what, why", [
    ("en", "Output is below plan",
     "Actual 74 against plan 100 is a deviation of -26.0%, beyond the threshold of 15.0%"),
    ("ru", "Выпуск ниже плана",
     "Факт 74 при плане 100 — отклонение -26,0%, больше порога 15,0%"),
    ("ky", "Чыгаруу пландан төмөн",
     "Пландагы 100 ордуна иш жүзүндө 74: четтөө -26,0%, 15,0% босогосунан ашык"),
    ("uz", "Ishlab chiqarish rejadan past",
     "Rejadagi 100 oʻrniga amalda 74: ogʻish -26,0%, 15,0% chegarasidan oshdi"),
])
def test_the_flag_is_said_in_each_language(lang, what, why):
    flagged = row(100, 74, threshold=15.0)
    with translation.override(lang):
        assert (flagged.flag_what, flagged.flag_why) == (what, why)


def test_an_unknown_message_id_is_refused_by_name():
    with pytest.raises(KeyError, match="no_such_message"):
        say("no_such_message")
