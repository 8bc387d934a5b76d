"""Grades (xếp loại công tác CCHC): scales, recognition, import, errors, display."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from parviz import grades
from parviz.cli import main
from parviz.importing import ImportOptions, import_table
from parviz.loading import load_dataset
from parviz.ranking import rank
from tests.apptesting import app_test, ranking_table_tab

# (labels found, the scale created: name_vi in order)
RECOGNISED = [
    (["Xuất sắc", "Khá", "Tốt", "Tốt"], ["Xuất sắc", "Tốt", "Khá"]),  # Huế 2021
    (["XUẤT SẮC", "yếu", "Trung bình"], ["Xuất sắc", "Trung bình", "Yếu"]),
    (["B", "A", "D"], ["A", "B", "D"]),
    (
        ["Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ", "Không hoàn thành nhiệm vụ"],
        ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Không hoàn thành nhiệm vụ"],
    ),
]


@pytest.mark.parametrize(("labels", "expected"), RECOGNISED)
def test_recognise_keeps_the_levels_found_in_the_common_order(labels, expected):
    scale = grades.recognise(labels)
    assert [g.name_vi for g in scale] == expected
    assert [g.order for g in scale] == list(range(1, len(expected) + 1))


@pytest.mark.parametrize("labels", [["Xuất sắc", "A"], ["Loại một"], []])
def test_mixed_or_unknown_labels_are_not_guessed(labels):
    assert grades.recognise(labels) is None


def test_named_scale_keeps_the_given_order_and_knows_english():
    scale = grades.from_names(grades.parse_names(" Xuất sắc, Tốt ,Khá,"))
    assert [(g.grade_id, g.name_vi, g.name_en) for g in scale] == [
        ("xuat-sac", "Xuất sắc", "Excellent"),
        ("tot", "Tốt", "Good"),
        ("kha", "Khá", "Fair"),
    ]
    assert grades.resolve("TỐT", scale) == "tot" and grades.resolve("Yếu", scale) is None


HUE = 'STT,Tên cơ quan,Tổng điểm,Xếp hạng,Xếp loại\n1,Sở A,"97,685",1,Xuất sắc\n'
HUE += '2,Sở B,"91,500",2,Tốt\n3,Sở C,"88,250",3,Khá\n'


def fresh(tmp_path: Path) -> Path:
    folder = tmp_path / "hue"
    assert main(["init", str(folder), "--title", "Huế"]) == 0
    return folder


def imported(folder: Path, text: str, year: int = 2021, **options) -> list:
    options = {"create_units": True, **options}
    result = import_table(folder, text.encode(), "bang.csv",
                          ImportOptions(year=year, block="department", **options))  # fmt: skip
    return result.problems


def test_a_fresh_dataset_gets_the_scale_of_the_labels_found(tmp_path):
    folder = fresh(tmp_path)
    assert not [p for p in imported(folder, HUE) if p.is_error]
    dataset = load_dataset(folder)
    scale = grades.scale_of(dataset.table("grades"), 2021, "department")
    assert [g.name_vi for g in scale] == ["Xuất sắc", "Tốt", "Khá"]
    ranking = rank(dataset, year=2021, block="department")
    assert ranking["grade"].tolist() == ["xuat-sac", "tot", "kha"]
    assert ranking["classification"].isna().all()  # not the heads' classification
    assert ranking["decimals"].tolist() == [3, 3, 3]  # "91,500" keeps its trailing zeros


def test_rank_json_and_table_give_the_grade_name(tmp_path, capsys):
    folder = fresh(tmp_path)
    imported(folder, HUE)
    capsys.readouterr()
    argv = ["rank", "--data", str(folder), "--year", "2021", "--block", "department"]
    argv = ["--data", str(folder), *argv[:1], *argv[3:]]
    assert main([*argv, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["score"], r["grade"]) for r in records] == [
        (97.685, "Xuất sắc"),
        (91.5, "Tốt"),
        (88.25, "Khá"),
    ]
    assert main(argv) == 0
    assert "97,685" in (out := capsys.readouterr().out) and "Xuất sắc" in out


def test_an_unknown_label_into_an_existing_scale_is_located_and_lists_the_known(tmp_path):
    folder = fresh(tmp_path)
    imported(folder, HUE)
    problems = imported(folder, HUE.replace("Khá", "Trung bình"), replace=True)
    (problem,) = [p for p in problems if p.is_error]
    assert (problem.code, problem.row, problem.column) == ("unknown_grade", 4, "Xếp loại")
    assert problem.params["allowed"] == "Xuất sắc, Tốt, Khá"
    assert "Xuất sắc, Tốt, Khá" in problem.render("vi")
    assert "'Trung bình'" in problem.render("en")
    # Spelled without diacritics or in capitals, a label still names its grade.
    assert not [p for p in imported(folder, HUE.replace("Khá", "KHA"), replace=True) if
                p.is_error]  # fmt: skip


def test_grades_option_names_the_scale_and_an_existing_one_must_match(tmp_path):
    folder = fresh(tmp_path)
    table = HUE.replace("Xuất sắc", "Loại 1").replace("Tốt", "Loại 2").replace("Khá", "Loại 3")
    argv = ["--data", str(folder), "import", "-", "--year", "2021", "--block", "department"]
    path = tmp_path / "bang.csv"
    path.write_text(table, encoding="utf-8")
    argv[3] = str(path)
    assert main([*argv, "--create-units"]) == 1  # no known scale: asks for --grades
    assert main([*argv, "--create-units", "--grades", "Loại 1,Loại 2,Loại 3,Loại 4"]) == 0
    scale = grades.scale_of(load_dataset(folder).table("grades"), 2021, "department")
    assert [g.name_vi for g in scale] == ["Loại 1", "Loại 2", "Loại 3", "Loại 4"]
    problems = imported(folder, table, replace=True, grades=("Loại 1", "Loại 2", "Loại 3"))
    assert [p.code for p in problems if p.is_error] == []  # --replace with a scale: replaced
    problems = imported(folder, table, replace=True, grades=("Loại 1", "Loại 2", "Loại 9"))
    assert [p.code for p in problems if p.is_error] == ["unknown_grade"]
    problems = imported(folder, table, grades=("Loại 3", "Loại 2", "Loại 1"))
    assert "grade_scale_conflict" in [p.code for p in problems if p.is_error]


def test_a_later_year_reuses_the_earlier_named_scale(tmp_path):
    folder = fresh(tmp_path)
    table = HUE.replace("Xuất sắc", "Loại 1").replace("Tốt", "Loại 2").replace("Khá", "Loại 3")
    assert not imported(folder, table, grades=("Loại 1", "Loại 2", "Loại 3"))
    assert not [p for p in imported(folder, table, year=2022) if p.is_error]
    scale = grades.scale_of(load_dataset(folder).table("grades"), 2022, "department")
    assert [g.name_vi for g in scale] == ["Loại 1", "Loại 2", "Loại 3"]
    problems = imported(folder, table.replace("Loại 3", "Loại 9"), year=2023)
    assert [p.code for p in problems if p.is_error] == ["grade_scale_unknown"]


def test_a_grade_outside_the_scale_in_results_csv_is_a_located_error(tmp_path, capsys):
    folder = fresh(tmp_path)
    imported(folder, HUE)
    results = pd.read_csv(folder / "results.csv", dtype=str)
    results.loc[results["grade"] == "tot", "grade"] = "gioi"
    results.to_csv(folder / "results.csv", index=False)
    capsys.readouterr()
    assert main(["validate", str(folder), "--format", "json"]) == 1
    (problem,) = json.loads(capsys.readouterr().out)
    assert (problem["code"], problem["file"], problem["column"]) == (
        "unknown_grade", "results.csv", "grade"
    )  # fmt: skip
    assert "xuat-sac, tot, kha" in problem["fix"]


# --- shown: rankings table, overview counts, annex, profile, pages ---------------------------

# Huế-like 2021: three decimals, a grade per unit, and a unit ranked without a score.
PARTIAL = HUE + "4,Sở D,,4,Khá\n"


def graded(tmp_path: Path):
    folder = fresh(tmp_path)
    assert not [p for p in imported(folder, PARTIAL) if p.is_error]
    return folder, load_dataset(folder)


def test_ranking_table_shows_grade_names_and_published_decimals(tmp_path):
    from parviz import comparison, precision

    _, dataset = graded(tmp_path)
    ranking = rank(dataset, year=2021, block="department")
    table = comparison.ranking_table(ranking, "en")
    assert table["Grade"].tolist() == ["Excellent", "Good", "Fair", "Fair"]
    assert table["Score"].tolist()[:3] == [97.685, 91.5, 88.25]
    assert pd.isna(table["Score"].iloc[3]) and table["Rank"].tolist() == [1, 2, 3, 4]
    assert precision.column_decimals(table, "Score") == 3


def test_overview_counts_and_annex_show_grades(tmp_path):
    from parviz.export.annex import annex_table

    _, dataset = graded(tmp_path)
    ranking = rank(dataset, year=2021, block="department")
    names = grades.names_of(dataset.table("grades"), 2021, "department", "vi")
    assert grades.counts(ranking, names) == [("Xuất sắc", 1), ("Tốt", 1), ("Khá", 2)]
    annex = annex_table(dataset, year=2021, block="department", lang="vi")
    assert annex["Xếp loại"].tolist() == ["Xuất sắc", "Tốt", "Khá", "Khá"]


def app_on(folder: Path, monkeypatch, page: str, lang: str = "vi"):
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    at = app_test(year=2021, block="department", lang=lang)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rankings_page_shows_grades_three_decimals_and_a_rank_without_score(
    tmp_path, monkeypatch, lang
):
    folder, _ = graded(tmp_path)
    at = app_on(folder, monkeypatch, "pages/rankings.py", lang)
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = [trace for trace in chart["data"] if trace.get("meta") == "bars"]
    assert bars[0]["texttemplate"] == "%{x:.3f}"  # 97,685 as published
    table = ranking_table_tab(at, lang).dataframe[0].value
    grade = "Xếp loại" if lang == "vi" else "Grade"
    assert table[grade].tolist()[0] == ("Xuất sắc" if lang == "vi" else "Excellent")
    assert at.dataframe[0].proto.placeholder == "–"  # gaps read "–", never "None"


def test_overview_page_counts_grades_and_says_there_is_no_previous_year(tmp_path, monkeypatch):
    folder, _ = graded(tmp_path)
    at = app_on(folder, monkeypatch, "pages/overview.py")
    markdown = "\n".join(m.value for m in at.markdown)
    assert "Xếp loại công tác CCHC" in markdown and "- Khá: **2**" in markdown
    assert "Chưa có năm trước để so sánh thứ hạng." in [i.value for i in at.info]
    assert not [m for m in at.metric if m.label.startswith("Tăng hạng")]
    captions = " ".join(c.value for c in at.caption)
    assert "Không tính 1 đơn vị chỉ công bố thứ hạng" in captions
    assert "97,685" in [m.value for m in at.metric]  # the highest score, as published


def test_data_page_shows_the_grade_scale(tmp_path, monkeypatch):
    from parviz import provenance

    folder, dataset = graded(tmp_path)
    table = provenance.grades_table(dataset, 2021, "department", "en")
    assert table["grade"].tolist() == ["Excellent", "Good", "Fair"]
    at = app_on(folder, monkeypatch, "pages/data.py")
    for position in range(len(at.expander)):  # methodology years draw their tables once opened
        at.session_state[f"methodology_{position}"] = True
    at.run()
    shown = [frame.value for frame in at.dataframe]
    assert any(list(frame.get("grade", [])) == ["Xuất sắc", "Tốt", "Khá"] for frame in shown)
