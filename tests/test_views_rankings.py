"""views.rankings: a block's ranked bars and table in a year, as frozen data."""

from __future__ import annotations

import dataclasses

import pytest

from parviz.i18n import t
from parviz.loading import load_dataset
from parviz.views import rankings
from tests.helpers import MINIMAL


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_bars_and_table_in_rank_order(lang: str) -> None:
    shown = rankings.build(load_dataset(MINIMAL), year=2021, block="district", lang=lang)
    assert len(shown.table.table) == 3 and shown.table.text is None  # small: a Styler
    unit = t("rankings.column.unit", lang)
    assert list(shown.table.table[unit]) == ["UBND thành phố An Bình", "UBND huyện Bắc Hà",
                                       "UBND huyện Cẩm Lộc"]  # fmt: skip
    assert shown.figure.data and "2021" in shown.file_stem
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.file_stem = ""  # type: ignore[misc]


def test_nothing_ranked_is_none() -> None:
    assert rankings.build(load_dataset(MINIMAL), year=2019, block="district", lang="en") is None
