"""breakdown: % of maximum, block averages, best/worst, points lost, averages over years."""

from __future__ import annotations

import pandas as pd
import pytest

from parviz import breakdown
from parviz.loading import load_dataset
from tests.helpers import MINIMAL, SAMPLE

CRITERIA = pd.DataFrame(
    {
        "criterion_id": ["C1", "C2"],
        "order": [1, 2],
        "name_vi": ["Thể chế", "Thủ tục"],
        "name_en": ["Institutions", "Procedures"],
        "max_points": [10.0, 20.0],
    }
)
RANKS = pd.DataFrame(
    {"unit_id": ["b", "a", "c"], "short_name": ["Bắc", "An", "Cẩm"], "rank": [1, 2, 3]}
)
# c has no C2 row: C2 does not apply to it.
POINTS = pd.DataFrame(
    [
        ("a", "C1", 8.0, 10.0),
        ("a", "C2", 10.0, 20.0),
        ("b", "C1", 6.0, 10.0),
        ("b", "C2", 18.0, 20.0),
        ("c", "C1", 7.0, 10.0),
    ],
    columns=["unit_id", "criterion_id", "points", "max_points"],
)


def test_shares_pct_lost_and_average_over_applicable_units() -> None:
    table = breakdown.shares(POINTS, RANKS, CRITERIA)
    assert list(zip(table["unit_id"], table["criterion_id"])) == [
        ("b", "C1"), ("b", "C2"), ("a", "C1"), ("a", "C2"), ("c", "C1"),
    ]  # fmt: skip
    cell = table.set_index(["unit_id", "criterion_id"])
    assert cell.loc[("a", "C2"), "pct"] == pytest.approx(50.0)
    assert cell.loc[("a", "C2"), "lost"] == pytest.approx(10.0)
    assert cell.loc[("a", "C1"), "block_average"] == pytest.approx(70.0)  # (80+60+70)/3
    assert cell.loc[("a", "C2"), "block_average"] == pytest.approx(70.0)  # (50+90)/2, c excluded
    assert cell.loc[("b", "C2"), "difference"] == pytest.approx(20.0)
    assert ("c", "C2") not in cell.index


def test_summary_best_and_worst() -> None:
    summary = breakdown.summary(breakdown.shares(POINTS, RANKS, CRITERIA)).set_index("criterion_id")
    assert summary.loc["C1", ["best_unit_id", "worst_unit_id"]].tolist() == ["a", "b"]
    assert summary.loc["C2", ["best_unit_id", "worst_unit_id"]].tolist() == ["b", "a"]
    assert summary.loc["C2", "units"] == 2
    assert summary.loc["C1", "average_points"] == pytest.approx(7.0)


def test_summary_table_uses_decimal_comma_in_vietnamese() -> None:
    summary = breakdown.summary(breakdown.shares(POINTS, RANKS, CRITERIA))
    vi = breakdown.summary_table(summary, "vi")
    en = breakdown.summary_table(summary, "en")
    assert vi.iloc[0, 0] == "C1. Thể chế" and en.iloc[0, 0] == "C1. Institutions"
    assert vi.iloc[0, 1] == "7,00/10 điểm (70,0%)"
    assert en.iloc[0, 2:].tolist() == ["An (80.0%)", "Bắc (60.0%)"]


def test_averages_over_years_compare_by_share_when_maxima_change() -> None:
    points = pd.DataFrame(
        [
            (2020, "district", "a", "C1", 8.0, 10.0),
            (2020, "district", "b", "C1", 6.0, 10.0),
            (2021, "district", "a", "C1", 12.0, 20.0),
            (2021, "district", "b", "C1", 16.0, 20.0),
            (2021, "department", "x", "C1", 1.0, 20.0),
        ],
        columns=["year", "block", "unit_id", "criterion_id", "points", "max_points"],
    )
    criteria = pd.DataFrame(
        {
            "year": [2020, 2021],
            "block": ["district", "district"],
            "criterion_id": ["C1", "C1"],
            "parent_id": [None, None],
            "order": [1, 1],
            "name_vi": ["Cũ", "Mới"],
            "name_en": ["Old", "New"],
        }
    )
    averages = breakdown.averages_over_years(points, criteria, "district")
    assert averages["average_pct"].tolist() == pytest.approx([70.0, 70.0])
    assert averages["max_points"].tolist() == [10.0, 20.0]
    assert set(averages["name_vi"]) == {"Mới"}  # latest name


def test_criterion_table_on_minimal_dataset() -> None:
    dataset = load_dataset(MINIMAL)
    table = breakdown.criterion_table(dataset, year=2021, block="district")
    assert table["unit_id"].drop_duplicates().tolist() == ["a", "b", "c"]
    assert table["lost"].sum() == pytest.approx(300 - 84 - 84 - 75.5)


def test_sample_2021_has_seven_criteria_for_every_district() -> None:
    dataset = load_dataset(SAMPLE)
    table = breakdown.criterion_table(dataset, year=2021, block="district")
    assert len(table) == 12 * 7
    assert (table["pct"].between(0, 100)).all()
