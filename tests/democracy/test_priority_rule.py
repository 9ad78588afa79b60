"""The rule from aggregated shares to targets and weights: the worked examples of
docs/priorities.md, each figure computed by hand."""

from __future__ import annotations

import pytest

from kurultai.democracy import independent_markets
from kurultai.democracy.priorities import RuleError, targets_and_weights

BASE = {"F1": 60.0, "F2": 20.0, "H": 20.0}
GROUPS = {"food": {"F1": 1.0, "F2": 1.0}, "health": {"H": 1.0}}


def test_example_1_shares_move_targets_and_keep_their_total():
    rule = targets_and_weights({"food": 0.6, "health": 0.4}, BASE, GROUPS)
    assert rule.base_shares == pytest.approx({"food": 0.8, "health": 0.2})
    assert rule.multipliers == pytest.approx({"food": 0.875, "health": 1.5})
    assert rule.targets == pytest.approx({"F1": 52.5, "F2": 17.5, "H": 30.0})
    assert sum(rule.targets.values()) == pytest.approx(100.0)
    assert rule.weights == pytest.approx({"F1": 0.45, "F2": 0.15, "H": 0.4})


def test_example_2_the_cap_stops_a_group_growing_more_than_half():
    rule = targets_and_weights({"food": 0.5, "health": 0.5}, BASE, GROUPS)
    assert rule.multipliers == pytest.approx({"food": 0.8125, "health": 1.5})
    assert rule.targets == pytest.approx({"F1": 48.75, "F2": 16.25, "H": 30.0})
    assert sum(rule.targets.values()) == pytest.approx(95.0)
    assert rule.weights == pytest.approx({"F1": 0.375, "F2": 0.125, "H": 0.5})


def test_example_3_a_sector_split_between_two_groups():
    base = {"UTL": 100.0, "F": 100.0}
    groups = {"energy": {"UTL": 0.8}, "water": {"UTL": 0.2}, "food": {"F": 1.0}}
    rule = targets_and_weights({"energy": 0.3, "water": 0.2, "food": 0.5}, base, groups)
    assert rule.multipliers == pytest.approx({"energy": 0.875, "water": 1.5, "food": 1.0})
    assert rule.targets == pytest.approx({"UTL": 100.0, "F": 100.0})
    assert rule.weights == pytest.approx({"UTL": 0.5, "F": 0.5})


def test_example_4_from_ballots_through_independent_markets_to_targets():
    ballots = [{"food": 100}, {"food": 100}, {"health": 100}]
    shares = independent_markets(ballots, ["food", "health"], budget=100).to_dict()["shares_float"]
    assert shares == pytest.approx({"food": 2 / 3, "health": 1 / 3})
    rule = targets_and_weights(shares, BASE, GROUPS)
    assert rule.targets == pytest.approx({"F1": 55.0, "F2": 55.0 / 3, "H": 80.0 / 3})
    assert rule.weights == pytest.approx({"F1": 0.5, "F2": 1 / 6, "H": 1 / 3})


def test_a_group_nobody_voted_for_keeps_half_its_base_target_and_no_weight():
    rule = targets_and_weights({"food": 1.0, "health": 0.0}, BASE, GROUPS)
    assert rule.targets["H"] == pytest.approx(10.0)
    assert rule.weights["H"] == 0.0


@pytest.mark.parametrize("shares, groups, message", [
    ({"food": 0.7, "health": 0.2}, GROUPS, "add up to 1"),
    ({"food": 0.5, "drink": 0.5}, GROUPS, "'drink' is not a product group"),
    ({"food": 1.0}, {"food": {"F1": 1.0, "F2": 1.0}}, "product 'H': its fractions"),
    ({"food": 1.0}, {"food": {"F1": 1.0, "F2": 1.0, "X": 1.0}, "health": {"H": 1.0}}, "unknown product 'X'"),
])
def test_bad_shares_or_groupings_are_refused_naming_what_is_wrong(shares, groups, message):
    with pytest.raises(RuleError, match=message):
        targets_and_weights(shares, BASE, groups)
