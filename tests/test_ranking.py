"""Ranking inside a block and year: ties, official ranks, rank changes through renames."""

from __future__ import annotations

import pandas as pd
import pytest

from parviz.loading import load_dataset
from parviz.ranking import RANK_KEYS, criterion_points, rank, rank_records, unit_points
from tests.helpers import MINIMAL, with_table

RESULTS_HEADER = "year,unit_id,total,index_pct,rank,classification,band_id,survey_points\n"


def ranking_of(tmp_path, results: str, units: str | None = None):
    """Rank 2021 districts of the minimal dataset with other results (and units)."""
    folder = with_table(tmp_path, "results", RESULTS_HEADER + results)
    (folder / "scores.csv").write_text("year,unit_id,criterion_id,points\n")
    if units is not None:
        (folder / "units.csv").write_text(units)
    return rank(load_dataset(folder), year=2021, block="district")


# (unit, total, official rank or "", expected rank, expected tied), side by side
TIE_CASES = [
    ("a", 91.53, "", 1, False),
    ("b", 90.33, "", 2, True),
    ("c", 90.33, "", 2, True),
]


def test_computed_ranks_share_the_best_place_on_ties(tmp_path):
    rows = "".join(f"2021,{u},{s},,{r},,,\n" for u, s, r, *_ in TIE_CASES)
    ranking = ranking_of(tmp_path, rows).set_index("unit_id")
    for unit, _, _, expected_rank, tied in TIE_CASES:
        assert ranking.loc[unit, "rank"] == expected_rank
        assert bool(ranking.loc[unit, "tied"]) is tied


def test_official_rank_wins_and_tie_stays_visible(tmp_path):
    rows = "2021,a,85.86,,2,,,\n2021,b,85.86,,1,,,\n2021,c,80,,3,,,\n"
    ranking = ranking_of(tmp_path, rows)
    assert ranking["unit_id"].tolist() == ["b", "a", "c"]
    assert ranking["rank"].tolist() == [1, 2, 3]
    assert ranking["computed_rank"].tolist() == [1, 1, 3]
    assert ranking["tied"].tolist() == [True, True, False]


def test_rank_change_sign_moving_from_first_to_third_is_minus_two(tmp_path):
    rows = (
        "2020,a,90,,1,,,\n2020,b,85,,2,,,\n2020,c,80,,3,,,\n"
        "2021,a,70,,3,,,\n2021,b,85,,1,,,\n2021,c,80,,2,,,\n"
    )
    ranking = ranking_of(tmp_path, rows).set_index("unit_id")
    assert ranking.loc["a", "previous_rank"] == 1
    assert ranking.loc["a", "rank_change"] == -2  # previous_rank − rank: fell two places
    assert ranking.loc["b", "rank_change"] == 1
    assert ranking.loc["a", "score_change"] == pytest.approx(-20)


def test_rank_change_is_empty_when_not_ranked_the_year_before(tmp_path):
    rows = "2020,a,90,,1,,,\n2021,a,70,,2,,,\n2021,b,85,,1,,,\n"
    ranking = ranking_of(tmp_path, rows).set_index("unit_id")
    assert ranking.loc["a", "rank_change"] == -1
    assert pd.isna(ranking.loc["b", "previous_rank"])
    assert pd.isna(ranking.loc["b", "rank_change"])


def test_rank_change_follows_a_merge_to_its_only_predecessor(tmp_path):
    units = (
        "unit_id,block,name,short_name,aliases,first_year,last_year,predecessor_ids,successor_ids\n"
        "a,district,A,,,2020,2020,,n\nb,district,B,,,2020,,,\nc,district,C,,,2020,,,\n"
        "n,district,New A,,,2021,,a,\n"
    )
    rows = (
        "2020,a,90,,1,,,\n2020,b,85,,2,,,\n2020,c,80,,3,,,\n"
        "2021,n,70,,3,,,\n2021,b,85,,1,,,\n2021,c,80,,2,,,\n"
    )
    ranking = ranking_of(tmp_path, rows, units).set_index("unit_id")
    assert ranking.loc["n", "previous_rank"] == 1
    assert ranking.loc["n", "rank_change"] == -2


def test_name_in_year_follows_renames():
    dataset = load_dataset(MINIMAL)
    table = rank(dataset, year=2021, block="district").set_index("unit_id")
    assert table.loc["a", "unit"] == "UBND thành phố An Bình"
    earlier = rank(dataset, year=2020, block="district").set_index("unit_id")
    assert earlier.loc["a", "unit"] == "UBND thị xã An Bình"


def test_points_and_own_maximum_when_a_criterion_does_not_apply(tmp_path):
    folder = with_table(
        tmp_path,
        "scores",
        "year,unit_id,criterion_id,points\n2021,a,C1,36\n2021,a,C2,48\n"
        "2021,b,C1,34\n2021,c,C1,30\n2021,c,C2,45.5\n",
    )
    # Said so: without this record a missing criterion is an error (a file cut short, #19).
    (folder / "not_applicable.csv").write_text("year,unit_id,criterion_id\n2021,b,C2\n")
    (folder / "results.csv").write_text("year,unit_id,total,rank\n")
    dataset = load_dataset(folder)
    points = unit_points(dataset).set_index("unit_id")
    assert points.loc["b", "points"] == 34
    assert points.loc["b", "max_points"] == 40  # C2 (60) does not apply to b
    ranking = rank(dataset, year=2021, block="district").set_index("unit_id")
    assert ranking.loc["b", "index"] == pytest.approx(85.0)  # 34 / 40
    assert ranking.loc["b", "rank"] == 1  # ranked by index, not raw points
    assert len(criterion_points(dataset)) == 5


def test_rank_records_have_exactly_the_cli_keys():
    records = rank_records(rank(load_dataset(MINIMAL), year=2021, block="district"))
    assert all(tuple(record) == RANK_KEYS for record in records)
    assert records[0]["score"] == 84.0 and isinstance(records[0]["rank"], int)


def test_totals_only_year_ranks(tmp_path):
    folder = with_table(tmp_path, "scores", "year,unit_id,criterion_id,points\n")
    (folder / "criteria.csv").write_text(
        "year,block,criterion_id,parent_id,order,name_vi,name_en,max_points\n"
    )
    ranking = rank(load_dataset(folder), year=2021, block="district")
    assert ranking["score"].tolist() == [84.0, 84.0, 75.5]


def _criterion_points_by_joins(dataset) -> pd.DataFrame:
    """criterion_points as plain joins on the text columns: the reference for the fast one."""
    scores = dataset.table("scores")[["year", "unit_id", "criterion_id", "points"]]
    scores = scores.merge(dataset.table("units")[["unit_id", "block"]], on="unit_id")
    criteria = dataset.table("criteria")[["year", "block", "criterion_id", "parent_id"]]
    scores = scores.merge(criteria, on=["year", "block", "criterion_id"], how="left")
    top = scores[scores["parent_id"].isna()].drop(columns="parent_id")
    sub = (
        scores[scores["parent_id"].notna()]
        .groupby(["year", "block", "unit_id", "parent_id"], as_index=False)["points"]
        .sum()
        .rename(columns={"parent_id": "criterion_id"})
    )
    combined = pd.concat([top, sub], ignore_index=True).drop_duplicates(
        ["year", "unit_id", "criterion_id"], keep="first"
    )
    maxima = dataset.table("criteria")[["year", "block", "criterion_id", "max_points"]]
    return combined.merge(maxima, on=["year", "block", "criterion_id"], how="left")


SUB_CRITERIA = """year,block,criterion_id,parent_id,order,name_vi,name_en,max_points
2021,district,C1,,1,Một,One,60
2021,district,C1.1,C1,1,Một một,One one,30
2021,district,C1.2,C1,2,Một hai,One two,30
2021,district,C2,,2,Hai,Two,40
"""
# Sub-criteria rows, a top-level row, a criterion's own row beside its sub-criteria (it wins),
# an unknown criterion and an unknown unit: in a shuffled order.
SUB_SCORES = """year,unit_id,criterion_id,points
2021,b,C1.2,10
2021,a,C1.1,20.5
2021,b,C2,30
2021,a,C1.2,5.25
2021,b,C1.1,7
2021,zz,C1.1,1
2021,a,C9,3
2021,c,C1,44
2021,c,C1.1,1
2021,a,C2,12
"""


def _typed_dataset(tmp_path, criteria: str, scores: str):
    """Return the minimal dataset with ``criteria`` and ``scores``, typed but not validated."""
    from parviz.dataset import Dataset
    from parviz.loading import type_tables

    folder = with_table(tmp_path, "criteria", criteria)
    (folder / "scores.csv").write_text(scores)
    tables, origins, _ = type_tables(folder)
    return Dataset(tables, origins, folder)


def test_criterion_points_equal_the_joins_on_text(tmp_path):
    dataset = _typed_dataset(tmp_path, SUB_CRITERIA, SUB_SCORES)
    points = criterion_points(dataset)
    pd.testing.assert_frame_equal(points, _criterion_points_by_joins(dataset), check_exact=True)
    by_key = points.set_index(["unit_id", "criterion_id"])["points"]
    assert by_key[("a", "C1")] == 25.75 and by_key[("c", "C1")] == 44  # own row wins
    assert ("zz", "C1") not in by_key.index  # unknown unit: no points
    keys = dataset.score_keys
    assert list(keys.unit[[5]]) == [-1] and list(keys.criterion[[6]]) == [-1]


def test_sample_points_equal_the_joins_on_text():
    from tests.helpers import SAMPLE

    dataset = load_dataset(SAMPLE)
    pd.testing.assert_frame_equal(
        criterion_points(dataset), _criterion_points_by_joins(dataset), check_exact=True
    )
    assert len(unit_points(dataset)) == len(dataset.table("results"))


ONLY_SUB_SCORES = """year,unit_id,criterion_id,points
2021,b,C1.2,10
2021,a,C1.1,20.5
2021,a,C1.2,5.25
2021,b,C1.1,7.1
2021,c,C1.1,0.1
2021,c,C1.2,0.2
"""


def test_criterion_points_of_sub_criteria_only_equal_the_joins_on_text(tmp_path):
    criteria = SUB_CRITERIA.replace("2021,district,C2,,2,Hai,Two,40\n", "")
    dataset = _typed_dataset(tmp_path, criteria, ONLY_SUB_SCORES)
    points = criterion_points(dataset)
    pd.testing.assert_frame_equal(points, _criterion_points_by_joins(dataset), check_exact=True)
    assert points["max_points"].tolist() == [60.0] * 3


def test_one_year_and_blocks_rows_equal_the_filtered_tables():
    # ranking.criterion_points_of and standings_of split once per dataset (#16): the same rows,
    # order, index and types as filtering the whole table, and a copy each time.
    from parviz import ranking
    from tests.helpers import SAMPLE

    dataset = load_dataset(SAMPLE)
    points, table = criterion_points(dataset), ranking.standings(dataset)
    for year, block in {(int(y), str(b)) for y, b in zip(table["year"], table["block"])}:
        pd.testing.assert_frame_equal(
            ranking.criterion_points_of(dataset, year=year, block=block),
            points[(points["year"] == year) & (points["block"] == block)],
            check_exact=True,
        )
        pd.testing.assert_frame_equal(
            ranking.standings_of(dataset, year=year, block=block),
            table[(table["year"] == year) & (table["block"] == block)],
            check_exact=True,
        )
    shown = ranking.standings_of(dataset, year=2021, block="district")
    shown["rank"] = 0  # a copy: the shared standings stay as they were
    assert (ranking.standings_of(dataset, year=2021, block="district")["rank"] > 0).all()
    missing = ranking.criterion_points_of(dataset, year=1990, block="district")
    assert missing.empty and list(missing.columns) == list(points.columns)
