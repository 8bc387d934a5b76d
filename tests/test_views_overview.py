"""views.overview: a block's headline numbers, movement, groups and ends, as frozen data."""

from __future__ import annotations

import dataclasses

import pytest

from parviz.loading import load_dataset
from parviz.views import overview
from tests.helpers import MINIMAL


def test_second_year_counts_movement_and_classifications() -> None:
    shown = overview.build(load_dataset(MINIMAL), year=2021, block="district", lang="en")
    assert shown.kpis.units_ranked == 3 and shown.kpis.highest == 84
    assert shown.previous_year == 2020
    assert dict(shown.tiles) and sum(count for _, count in shown.tiles) == 3
    assert shown.groups_heading == "rankings.overview.classifications"  # no bands, no grades
    assert sum(count for _, count in shown.groups) == 3
    assert "An Bình" in shown.top[0] and "Cẩm Lộc" in shown.top[-1]
    assert shown.bottom == ()  # three units: all in the top, none twice
    assert len(shown.table) == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.top = ()  # type: ignore[misc]


def test_first_year_has_no_movement() -> None:
    shown = overview.build(load_dataset(MINIMAL), year=2020, block="district", lang="vi")
    assert shown.tiles == () and shown.previous_year is None


def test_nothing_ranked_is_none() -> None:
    assert overview.build(load_dataset(MINIMAL), year=2019, block="district", lang="vi") is None
