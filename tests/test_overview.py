"""KPIs and the compact ranking table of the Overview page (parviz/overview.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from parviz import overview, ranking
from parviz.loading import load_dataset
from tests.helpers import MINIMAL, SAMPLE


def frame(rows: list[tuple]) -> pd.DataFrame:
    """Build a ranking frame from (short_name, score, rank, tied, previous_rank, rank_change)."""
    columns = ["short_name", "score", "rank", "tied", "previous_rank", "rank_change"]
    table = pd.DataFrame(rows, columns=columns)
    for column in ("rank", "previous_rank", "rank_change"):
        table[column] = table[column].astype("Int64")
    table["previous_year"] = pd.array([2020] * len(table), dtype="Int64")
    return table


# name, score, rank, tied, previous rank, rank change
CASES = [
    ("A", 85.86, 1, True, 5, 4),
    ("B", 85.86, 2, True, 4, 2),
    ("C", 84.90, 3, False, 1, -2),
    ("D", 71.97, 4, False, None, None),
]


def test_block_kpis_name_every_unit_on_a_tie():
    kpis = overview.block_kpis(frame(CASES))
    assert kpis.units_ranked == 4
    assert kpis.average == pytest.approx((85.86 * 2 + 84.90 + 71.97) / 4)
    assert (kpis.highest, kpis.highest_units) == (85.86, ("A", "B"))
    assert (kpis.lowest, kpis.lowest_units) == (71.97, ("D",))


def test_block_kpis_without_scores():
    kpis = overview.block_kpis(frame([("A", None, 1, False, None, None)]))
    assert kpis == overview.BlockKpis(1, None, None, (), None, (), unscored=1)


def test_block_kpis_leave_out_ranks_without_scores_and_say_how_many():
    rows = frame([("A", 97.685, 1, False, None, None), ("B", None, 2, False, None, None),
                  ("C", 95.5, 3, False, None, None)])  # fmt: skip
    rows["decimals"] = 3
    kpis = overview.block_kpis(rows)
    assert kpis.average == pytest.approx((97.685 + 95.5) / 2)
    assert (kpis.units_ranked, kpis.unscored, kpis.decimals) == (3, 1, 3)
    assert overview.compact_table(rows, tied_label="=").attrs["parviz_decimals"] == {"score": 3}


def test_movement_tiles_are_empty_without_a_previous_year():
    rows = frame(CASES)
    assert [key for key, _ in overview.movement_tiles(rows)][:3] == [
        "rankings.overview.rose", "rankings.overview.fell", "rankings.overview.kept"
    ]  # fmt: skip
    rows["previous_year"] = pd.array([None] * len(rows), dtype="Int64")
    assert overview.movement_tiles(rows) == []


@pytest.mark.parametrize(
    ("change", "symbol"), [(2, "▲2"), (-1, "▼1"), (0, "="), (None, "–"), (pd.NA, "–")]
)
def test_change_symbol(change, symbol):
    # rank_change = previous_rank - rank: positive means the unit moved up.
    assert overview.change_symbol(change) == symbol


def test_compact_table_marks_ties_and_keeps_numbers_numeric():
    table = overview.compact_table(frame(CASES), tied_label="đồng điểm")
    assert tuple(table.columns) == overview.COMPACT_COLUMNS
    assert table["unit"].tolist() == ["A (đồng điểm)", "B (đồng điểm)", "C", "D"]
    assert table["change"].tolist() == ["▲4", "▲2", "▼2", "–"]
    assert table["score"].dtype == "float64"
    assert table["previous_rank"].isna().tolist() == [False, False, False, True]
    assert overview.previous_year(frame(CASES)) == 2020


def test_on_the_minimal_dataset():
    dataset = load_dataset(MINIMAL)
    ranks = ranking.rank(dataset, year=2021, block="district")
    kpis = overview.block_kpis(ranks)
    assert (kpis.units_ranked, kpis.highest, kpis.lowest) == (3, 84.0, 75.5)
    assert kpis.highest_units == ("An Bình", "Bắc Hà")
    assert overview.previous_year(ranking.rank(dataset, year=2020, block="district")) is None


def test_published_2021_facts_on_the_sample():
    dataset = load_dataset(SAMPLE)
    departments = overview.block_kpis(ranking.rank(dataset, year=2021, block="department"))
    assert departments.units_ranked == 18
    assert departments.highest == 91.53
    assert departments.lowest_units == ("Y tế",)
    districts = ranking.rank(dataset, year=2021, block="district")
    kpis = overview.block_kpis(districts)
    assert (kpis.units_ranked, kpis.highest) == (12, 85.86)
    assert kpis.highest_units == ("TP Hải Dương", "Nam Sách")
    table = overview.compact_table(districts, tied_label="tied")
    assert table["unit"].iloc[0] == "TP Hải Dương (tied)"
