"""Published precision: decimals as published, per block and year; ties as published."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from parviz import precision
from parviz.loading import load_dataset
from parviz.ranking import rank, rank_records
from tests.helpers import with_table

# (stored value, decimals it shows)
DECIMAL_CASES = [
    (97.685, 3),
    (91.53, 2),
    (91.5, 1),
    (90.0, 0),
    (9.15 + 6.87, 2),  # float noise of a sum is no decimal
    (90.33000000000001, 2),
    (math.nan, -1),
]


@pytest.mark.parametrize(("value", "expected"), DECIMAL_CASES)
def test_decimals_of(value, expected):
    assert precision.decimals_of([value])[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("97,685", 3), ("91.50", 2), ("95,7", 1), ("90", 0), ("81,33%", 2), (" 68,32 ", 2)],
)
def test_text_decimals_counts_trailing_zeros(text, expected):
    assert precision.text_decimals(text) == expected


def test_block_decimals_is_the_most_seen_per_year_and_block():
    table = pd.DataFrame(
        {
            "year": [2021, 2021, 2021, 2022],
            "block": ["a", "a", "b", "a"],
            "total": [97.685, 91.5, 90.33, 95.7],
            "index_pct": [math.nan, math.nan, math.nan, math.nan],
        }
    )
    found = precision.block_decimals(table)
    assert found.to_dict() == {(2021, "a"): 3, (2021, "b"): 2, (2022, "a"): 1}


RESULTS = "year,unit_id,total,index_pct,rank,classification,band_id,survey_points\n"


PLAIN_METHODOLOGY = (
    "year,block,max_total,name,source_id\n2020,district,100,,\n2021,district,100,,\n"
)


def ranked(tmp_path, rows: str, methodology: str = PLAIN_METHODOLOGY) -> pd.DataFrame:
    folder = with_table(tmp_path, "results", RESULTS + rows)
    (folder / "scores.csv").write_text("year,unit_id,criterion_id,points\n")
    (folder / "methodology.csv").write_text(methodology)
    return rank(load_dataset(folder), year=2021, block="district")


def test_three_decimals_are_no_tie_and_keep_their_decimals(tmp_path):
    ranking = ranked(tmp_path, "2021,a,97.685,,,,,\n2021,b,97.681,,,,,\n2021,c,96.5,,,,,\n")
    assert ranking["unit_id"].tolist() == ["a", "b", "c"]
    assert ranking["tied"].tolist() == [False, False, False]  # equal only at two decimals
    records = rank_records(ranking)
    assert [r["score"] for r in records] == [97.685, 97.681, 96.5]
    assert [r["index"] for r in records] == [97.685, 97.681, 96.5]


def test_equal_published_scores_tie_and_index_only_tables_tie_on_the_index(tmp_path):
    ranking = ranked(tmp_path, "2021,a,,95.7,,,,\n2021,b,,95.7,,,,\n2021,c,,94.2,,,,\n")
    assert ranking["tied"].tolist() == [True, True, False]
    records = rank_records(ranking)
    assert [r["score"] for r in records] == [None, None, None]
    assert [r["index"] for r in records] == [95.7, 95.7, 94.2]
    assert [r["rank"] for r in records] == [1, 1, 3]


def test_index_of_an_own_maximum_has_the_published_decimals(tmp_path):
    ranking = ranked(tmp_path, "2021,a,68.32,81.33,,,,\n")
    (record,) = rank_records(ranking)
    assert (record["score"], record["index"]) == (68.32, 81.33)


def test_decimals_recorded_by_an_import_win_over_trailing_zeros(tmp_path):
    methodology = "year,block,max_total,name,source_id,decimals\n"
    methodology += "2020,district,100,,,\n2021,district,100,,,2\n"
    ranking = ranked(tmp_path / "a", "2021,a,91.5,,,,,\n2021,b,90,,,,,\n", methodology)
    assert ranking["decimals"].tolist() == [2, 2]
    ranking = ranked(tmp_path / "b", "2021,a,91.5,,,,,\n2021,b,90,,,,,\n")
    assert ranking["decimals"].tolist() == [1, 1]


def test_downloads_keep_the_published_decimals_and_leave_gaps_empty():
    import io

    from openpyxl import load_workbook

    from parviz.export.tables import to_csv_bytes, to_xlsx_bytes

    table = pd.DataFrame({"Đơn vị": ["A", "B"], "Điểm": [97.685, 91.5], "Đổi": [math.nan, 1.25]})
    precision.mark(table, 3, ["Điểm"])
    csv_text = to_csv_bytes(table).decode("utf-8-sig")
    assert csv_text.splitlines() == ["Đơn vị,Điểm,Đổi", "A,97.685,", "B,91.500,1.25"]
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(table, "x"))).active
    assert sheet["B2"].value == 97.685 and sheet["B2"].number_format == "#,##0.000"
    assert sheet["C2"].value is None and sheet["C3"].number_format == "#,##0.00"


def test_findings_say_the_published_decimals_and_no_rounding_tie(tmp_path):
    from parviz import findings

    folder = with_table(tmp_path, "results", RESULTS + "2021,a,97.685,,,,,\n2021,b,97.681,,,,,\n")
    (folder / "scores.csv").write_text("year,unit_id,criterion_id,points\n")
    (folder / "methodology.csv").write_text(PLAIN_METHODOLOGY)
    dataset = load_dataset(folder)
    found = findings.findings(dataset, year=2021, block="district")
    assert not [f for f in found if f.kind == "tie"]
    text = " ".join(findings.texts(found, dataset, "vi"))
    assert "97,685 điểm" in text and "97,69" not in text
    assert "97.685 points" in " ".join(findings.texts(found, dataset, "en"))


def test_an_index_only_table_shows_the_index_in_the_table_and_the_bars(tmp_path):
    from parviz import comparison
    from parviz.charts import ranking as charts

    ranking = ranked(tmp_path, "2021,a,,95.7,,,,\n2021,b,,95.7,,,,\n2021,c,,81.33,,,,\n")
    table = comparison.ranking_table(ranking, "vi")
    assert table["Chỉ số (%)"].tolist() == [95.7, 95.7, 81.33]
    assert precision.column_decimals(table, "Chỉ số (%)") == 2
    figure = charts.ranking_bar(ranking, lang="vi", block_name="Huyện")
    (bars,) = [trace for trace in figure.data if trace.meta == "bars"]
    assert list(bars.x) == [95.7, 95.7, 81.33] and bars.texttemplate == "%{x:.2f}%"
    scored = ranked(tmp_path / "s", "2021,a,91.5,,,,,\n")
    assert "Chỉ số (%)" not in comparison.ranking_table(scored, "vi").columns


def test_published_totals_decide_over_criterion_points(tmp_path):
    folder = with_table(tmp_path, "results", RESULTS + "2021,a,85.86,,,,,\n")
    (folder / "methodology.csv").write_text(PLAIN_METHODOLOGY)
    (folder / "scores.csv").write_text(
        "year,unit_id,criterion_id,points\n2021,a,C1,30.125\n2021,a,C2,55.735\n"
        "2021,b,C1,30.125\n2021,b,C2,50\n"
    )
    ranking = rank(load_dataset(folder), year=2021, block="district")
    assert ranking.set_index("unit_id")["decimals"].to_dict() == {"a": 2, "b": 2}
    (folder / "results.csv").write_text(RESULTS)  # criteria only: their decimals
    ranking = rank(load_dataset(folder), year=2021, block="district")
    assert ranking["decimals"].tolist() == [3, 3]


def test_import_counts_the_decimals_of_the_imported_rows_only():
    from parviz.dataset import ROW
    from parviz.importing import Header, published_decimals

    rows = [
        ["Tên đơn vị", "Tổng điểm", "C1"],
        ["Sở A", "91,50", "10,125"],
        ["Sở B", "90", "9,5"],
        ["Điểm trung bình", "90,7500", ""],
    ]
    header = Header(0, rows[0], 1)
    mapping = {"unit": "Tên đơn vị", "total": "Tổng điểm", "criterion:C1": "C1"}
    parsed = pd.DataFrame({"name": ["Sở A", "Sở B"], ROW: [2, 3]})
    assert published_decimals(rows, header, mapping, parsed) == 2  # totals decide, not C1
    assert published_decimals(rows, header, {"unit": "Tên đơn vị", "criterion:C1": "C1"},
                              parsed) == 3  # fmt: skip
