"""Year-over-year comparison: change labels, movers, lineage, methodology changes."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from parviz import comparison, movers
from parviz.comparison import Change
from parviz.loading import load_dataset
from parviz.ranking import rank, standings
from tests.helpers import MINIMAL, SAMPLE, copy_minimal

# (rank_change, previous_year, kind, vi label, en label): input and expectation side by side
LABEL_CASES = [
    (2, 2020, Change.UP, "▲2", "▲2"),
    (-2, 2020, Change.DOWN, "▼2", "▼2"),
    (0, 2020, Change.SAME, "=", "="),
    (pd.NA, 2020, Change.NEW, "mới", "new"),
    (math.nan, 2020, Change.NEW, "mới", "new"),
    (pd.NA, pd.NA, Change.NONE, "–", "–"),
]


@pytest.mark.parametrize(("change", "previous", "kind", "vi", "en"), LABEL_CASES)
def test_change_labels(change, previous, kind, vi, en):
    assert comparison.change_kind(change, previous) is kind
    assert comparison.change_label(change, "vi", previous) == vi
    assert comparison.change_label(change, "en", previous) == en


def test_sign_convention_first_to_third_is_minus_two():
    minimal = load_dataset(MINIMAL)
    compared = comparison.compare_years(
        standings(minimal), minimal, block="district", year_a=2020, year_b=2021
    ).set_index("unit_id")
    # c: 2nd in 2020, 3rd in 2021 → −1; b: 3rd → 2nd → +1
    assert compared.loc["c", "rank_change"] == -1
    assert compared.loc["b", "rank_change"] == 1
    assert compared.loc["a", "rank_change"] == 0
    assert compared.loc["c", "score_change"] == pytest.approx(75.5 - 85)


def test_movers_and_sentences_on_the_published_fact():
    sample = load_dataset(SAMPLE)
    compared = comparison.compare_years(
        standings(sample), sample, block="district", year_a=2020, year_b=2021
    )
    rises, falls = movers.split(movers.between(compared))  # the one rule (#17)
    assert (rises["rank_change"] > 0).all() and (falls["rank_change"] < 0).all()
    assert list(rises["rank_b"]) == sorted(rises["rank_b"])  # told in their new rank order
    chi_linh = falls[falls["unit_id"] == "chi-linh"].iloc[0]
    assert comparison.mover_sentence(chi_linh, year_a=2020, year_b=2021, lang="vi") == (
        "Chí Linh: từ hạng 1 (2020) xuống hạng 3 (2021), ▼2"
    )
    assert comparison.mover_sentence(chi_linh, year_a=2020, year_b=2021, lang="en") == (
        "Chí Linh: from rank 1 (2020) down to rank 3 (2021), ▼2"
    )


def test_compare_follows_a_predecessor_and_not_across_unranked_years(tmp_path):
    folder = copy_minimal(tmp_path)
    (folder / "units.csv").write_text(
        "unit_id,block,name,short_name,aliases,first_year,last_year,predecessor_ids,successor_ids\n"
        "a,district,A,A,,2020,,,\n"
        "b,district,B,B,,2020,,,\n"
        "c,district,C,C,,2020,2020,,d\n"
        "d,district,D,D,,2021,,c,\n"
        "e,district,E,E,,2021,,,\n"
    )
    (folder / "scores.csv").write_text("year,unit_id,criterion_id,points\n")
    (folder / "unit_names.csv").write_text("unit_id,from_year,name,short_name\n")
    (folder / "results.csv").write_text(
        "year,unit_id,total,index_pct,rank,classification,band_id,survey_points,assessed_points\n"
        "2020,a,90,,1,,,,\n2020,c,85,,2,,,,\n2020,b,80,,3,,,,\n"
        "2021,d,95,,1,,,,\n2021,a,84,,2,,,,\n2021,b,83,,3,,,,\n2021,e,70,,4,,,,\n"
    )
    dataset = load_dataset(folder)
    compared = comparison.compare_years(
        standings(dataset), dataset, block="district", year_a=2020, year_b=2021
    ).set_index("unit_id")
    assert compared.loc["d", "rank_a"] == 2 and compared.loc["d", "rank_change"] == 1
    assert pd.isna(compared.loc["e", "rank_change"])  # not ranked in 2020: no change
    assert list(compared.index) == ["d", "a", "b", "e"]


def test_methodology_changed_on_criteria_or_maxima(tmp_path):
    minimal = load_dataset(MINIMAL)
    assert comparison.methodology_changed(minimal, "district", 2020, 2021) is False
    folder = copy_minimal(tmp_path)
    criteria = (
        (MINIMAL / "criteria.csv")
        .read_text()
        .replace(
            "2021,district,C1,,1,Cải cách thể chế,Institutional reform,40",
            "2021,district,C1,,1,Cải cách thể chế,Institutional reform,30",
        )
        .replace(
            "2021,district,C2,,2,Cải cách thủ tục hành chính,Administrative procedures reform,60",
            "2021,district,C2,,2,Cải cách thủ tục hành chính,Administrative procedures reform,70",
        )
    )
    (folder / "criteria.csv").write_text(criteria)
    (folder / "scores.csv").write_text("year,unit_id,criterion_id,points\n")
    changed = load_dataset(folder)
    assert comparison.methodology_changed(changed, "district", 2020, 2021) is True
    assert comparison.methodology_breaks(changed, "district") == [2021]


def test_sample_methodology_changes_in_2022_only():
    sample = load_dataset(SAMPLE)
    assert comparison.methodology_breaks(sample, "district") == [2022]
    assert comparison.methodology_changed(sample, "district", 2021, 2022)
    assert not comparison.methodology_changed(sample, "district", 2020, 2021)


def test_ranking_table_columns_and_tie_mark():
    minimal = load_dataset(MINIMAL)
    table = comparison.ranking_table(rank(minimal, year=2021, block="district"), "vi")
    assert list(table.columns) == [
        "Hạng",
        "Đồng điểm",
        "Đơn vị",
        "Điểm",
        "Hạng năm trước",
        "Thay đổi hạng",
        "Thay đổi điểm",
        "Xếp loại người đứng đầu",
    ]
    assert list(table["Đồng điểm"]) == ["đồng điểm", "đồng điểm", ""]
    assert list(table["Thay đổi hạng"]) == ["=", "▲1", "▼1"]
    first_year = comparison.ranking_table(rank(minimal, year=2020, block="district"), "en")
    assert set(first_year["Rank change"]) == {"–"}  # no earlier year: not "new"


def test_change_counts():
    minimal = load_dataset(MINIMAL)
    counts = comparison.change_counts(rank(minimal, year=2021, block="district"))
    assert (counts[Change.UP], counts[Change.DOWN], counts[Change.SAME]) == (1, 1, 1)


def _compare_row_by_row(standings_, dataset, *, block, year_a, year_b) -> pd.DataFrame:
    """The former row-by-row compare_years: the reference the column-wise one must match."""
    from parviz import lineage, precision

    in_block = standings_[(standings_["block"] == block) & standings_["rank"].notna()]
    later = in_block[in_block["year"] == year_b].sort_values(["rank", "unit"])
    earlier = {str(r["unit_id"]): r for _, r in in_block[in_block["year"] == year_a].iterrows()}
    matched = lineage.earlier_units(
        later["unit_id"].astype(str), set(earlier), lineage.predecessors(dataset)
    )
    rows = []
    for (_, row), match in zip(later.iterrows(), matched):
        before = None if match is None else earlier[match]
        rows.append({
            "unit_id": row["unit_id"], "unit": row["unit"], "short_name": row["short_name"],
            "rank_a": pd.NA if before is None else before["rank"], "rank_b": row["rank"],
            "score_a": math.nan if before is None else before["score"], "score_b": row["score"],
            "index_a": math.nan if before is None else before["index"], "index_b": row["index"],
            "decimals": max(precision.of_row(r) for r in (row, before) if r is not None),
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else None)
    for column in ("rank_a", "rank_b"):
        frame[column] = frame[column].astype("Int64")
    for column in ("score_a", "score_b", "index_a", "index_b"):
        frame[column] = frame[column].astype(float)
    frame["rank_change"] = frame["rank_a"] - frame["rank_b"]
    frame["score_change"] = frame["score_b"] - frame["score_a"]
    frame["index_change"] = frame["index_b"] - frame["index_a"]
    return frame.reset_index(drop=True)


@pytest.mark.parametrize("folder", [SAMPLE, MINIMAL])
def test_compare_years_matches_the_row_by_row_reference(folder):
    dataset = load_dataset(folder)
    table = standings(dataset)
    pairs = [(a, b) for a in dataset.years for b in dataset.years if a < b]
    for block in dataset.blocks:
        for year_a, year_b in pairs:
            found = comparison.compare_years(table, dataset, block=block, year_a=year_a,
                                             year_b=year_b)  # fmt: skip
            expected = _compare_row_by_row(table, dataset, block=block, year_a=year_a,
                                           year_b=year_b)  # fmt: skip
            if expected.empty:
                assert found.empty
                continue
            pd.testing.assert_frame_equal(found, expected)
