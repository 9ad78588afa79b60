"""Match proposals on worked examples: nearest offers of the same kind, greedily, oldest need first."""

from __future__ import annotations

from decimal import Decimal

from kurultai.web.protection.geo import distance_km
from kurultai.web.relief.matching import Need, Proposal, Supply, propose

# Along the equator one degree of longitude is 2π·6371.0088/360 = 111.19508 km.
KM_PER_DEGREE = 111.19508


def test_distance_along_the_equator_and_a_meridian():
    assert abs(distance_km(0, 0, 0, 1) - KM_PER_DEGREE) < 1e-4
    assert abs(distance_km(0, 0, 1, 0) - KM_PER_DEGREE) < 1e-4
    assert distance_km(40.5, 72.8, 40.5, 72.8) == 0


def test_nearest_offer_of_the_same_kind_covers_the_need():
    need = Need(1, "water", Decimal(500), 0.0, 0.0)
    supplies = [Supply(10, "water", Decimal(1000), 0.0, 0.2),   # 22.2 km
                Supply(11, "water", Decimal(1000), 0.0, 0.1),   # 11.1 km: nearest water
                Supply(12, "food", Decimal(1000), 0.0, 0.01)]   # nearer, but food
    assert propose([need], supplies) == [Proposal(1, 11, Decimal(500), 11.1)]


def test_a_need_larger_than_the_nearest_offer_is_split_in_order_of_distance():
    need = Need(1, "food", Decimal(70), 0.0, 0.0)
    supplies = [Supply(10, "food", Decimal(30), 0.0, 0.1),   # 11.1 km
                Supply(11, "food", Decimal(25), 0.0, 0.3),   # 33.4 km
                Supply(12, "food", Decimal(100), 0.0, 0.2)]  # 22.2 km
    assert propose([need], supplies) == [Proposal(1, 10, Decimal(30), 11.1),
                                         Proposal(1, 12, Decimal(40), 22.2)]


def test_the_older_need_is_served_first_and_the_rest_goes_to_the_next():
    needs = [Need(1, "medicine", Decimal(8), 0.0, 0.0), Need(2, "medicine", Decimal(8), 0.0, 0.05)]
    supplies = [Supply(10, "medicine", Decimal(10), 0.0, 0.1), Supply(11, "medicine", Decimal(10), 0.0, 0.5)]
    # Need 1: 8 from supply 10 (11.1 km). Need 2 at 0.05°: supply 10 (5.6 km) has 2 left, then 11 (50.0 km).
    assert propose(needs, supplies) == [Proposal(1, 10, Decimal(8), 11.1), Proposal(2, 10, Decimal(2), 5.6),
                                        Proposal(2, 11, Decimal(6), 50.0)]


def test_equal_distances_go_to_the_lower_offer_id_and_max_km_leaves_far_offers_out():
    need = Need(1, "fuel", Decimal(5), 0.0, 0.0)
    supplies = [Supply(21, "fuel", Decimal(5), 0.0, -0.1), Supply(20, "fuel", Decimal(5), 0.0, 0.1),
                Supply(22, "fuel", Decimal(5), 0.0, 1.0)]
    assert propose([need], supplies) == [Proposal(1, 20, Decimal(5), 11.1)]
    assert propose([Need(1, "fuel", Decimal(15), 0.0, 0.0)], supplies, max_km=20) == [
        Proposal(1, 20, Decimal(5), 11.1), Proposal(1, 21, Decimal(5), 11.1)]


def test_no_offer_of_the_kind_means_no_proposal():
    assert propose([Need(1, "transport", Decimal(1), 0, 0)], [Supply(1, "water", Decimal(9), 0, 0)]) == []
