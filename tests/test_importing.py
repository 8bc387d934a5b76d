"""Importing published tables: headers, matching, refusal to overwrite, atomic writes."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from parviz.cli import main
from parviz.headers import classification_code, role_of
from parviz.importing import ImportOptions, import_table
from parviz.loading import load_dataset
from parviz.ranking import rank
from tests.helpers import ROOT, copy_minimal, snapshot

REAL = ROOT / "tests" / "data" / "real" / "vinhphuc_2019_department.xlsx"
# Published order of Vĩnh Phúc 2019 (decision 1007/QĐ-UBND): name, total, rank.
VINH_PHUC_TOP = [
    ("Sở Tài chính", 92.93, 1),
    ("Sở Xây dựng", 91.33, 2),
    ("Sở Thông tin và Truyền thông", 90.04, 3),
]


def test_header_roles_regardless_of_case_and_diacritics():
    cases = {
        "STT": "stt",
        "Tên đơn vị": "unit",
        "TÊN CƠ QUAN, ĐƠN VỊ": "unit",
        "Đơn vị": "unit",
        "Tổng điểm": "total",
        "Điểm đạt được": "total",
        "Chỉ số CCHC (%)": "index_pct",
        "Điểm thẩm định": "assessed",
        "Điểm điều tra XHH": "survey",
        "Xếp hạng": "rank",
        "Thứ hạng": "rank",
        "Xếp loại": "grade",  # the unit's grade; the heads' classification is its own column
        "Xếp loại người đứng đầu": "classification",
        "Ghi chú": None,
        "LV3": "criterion:C3",
    }
    assert {header: role_of(header) for header in cases} == cases


def test_classification_texts():
    assert classification_code("Hoàn thành xuất sắc nhiệm vụ") == "excellent"
    assert classification_code("Hoàn thành tốt nhiệm vụ") == "good"
    assert classification_code("Hoàn thành nhiệm vụ") == "completed"
    assert classification_code("Không hoàn thành nhiệm vụ") == "not_completed"
    assert classification_code("???") is None


def init(tmp_path: Path) -> Path:
    folder = tmp_path / "vp"
    assert main(["init", str(folder), "--title", "Vĩnh Phúc"]) == 0
    return folder


def test_real_table_imports_into_a_fresh_dataset_and_ranks_as_published(tmp_path, capsys):
    folder = init(tmp_path)
    argv = ["--data", str(folder), "import", str(REAL), "--year", "2019", "--block", "department"]
    assert main(argv) == 1  # unknown units without --create-units
    assert main([*argv, "--create-units"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "--data",
                str(folder),
                "rank",
                "--year",
                "2019",
                "--block",
                "department",
                "--format",
                "json",
            ]
        )
        == 0
    )
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 17
    assert [(r["unit"], r["score"], r["rank"]) for r in records[:3]] == VINH_PHUC_TOP
    assert [r["rank"] for r in records] == list(range(1, 18))
    dataset = load_dataset(folder)
    assert dataset.illustrative is False  # real, published numbers
    ranking = rank(dataset, year=2019, block="department").set_index("unit")
    assert ranking.loc["Sở Tài chính", "survey_points"] == 33.68


def test_import_refuses_to_overwrite_without_replace_and_leaves_files_identical(tmp_path):
    folder = init(tmp_path)
    options = ImportOptions(year=2019, block="department", create_units=True)
    assert import_table(folder, REAL.read_bytes(), REAL.name, options).written
    before = snapshot(folder)
    again = import_table(folder, REAL.read_bytes(), REAL.name, options)
    assert not again.written
    assert "import_exists" in [p.code for p in again.problems]
    assert snapshot(folder) == before
    options.replace = True
    assert import_table(folder, REAL.read_bytes(), REAL.name, options).written


def test_rejected_import_leaves_every_file_byte_identical(tmp_path):
    folder = copy_minimal(tmp_path)
    before = snapshot(folder)
    table = "Tên đơn vị,Tổng điểm,Xếp hạng\nUBND huyện Bắc Hà,abc,1\nHuyện Không Có,80,2\n"
    result = import_table(
        folder, table.encode(), "bad.csv", ImportOptions(year=2022, block="district")
    )
    codes = [p.code for p in result.problems]
    assert "value_not_number" in codes and "import_unknown_unit" in codes
    assert not result.written and snapshot(folder) == before


def test_names_match_through_normalisation_with_warnings(tmp_path):
    folder = copy_minimal(tmp_path)
    nfd = unicodedata.normalize("NFD", "UBND huyện Bắc Hà")
    table = (
        f"Báo cáo kết quả\n\nSTT,Đơn vị,Tổng điểm,Xếp hạng,Ghi chú\n"
        f"1,TP An Bình,88,1,\n2,{nfd},80,3,\n3,Cẩm Lộc,85,2,x\n"
    )
    result = import_table(
        folder, table.encode(), "t.csv", ImportOptions(year=2022, block="district")
    )
    assert result.written, [p.code for p in result.problems]
    codes = {p.code for p in result.problems}
    assert {"name_alias", "import_column_ignored"} <= codes
    ranking = rank(load_dataset(folder), year=2022, block="district")
    assert ranking["unit_id"].tolist() == ["a", "c", "b"]


def test_dry_run_writes_nothing(tmp_path):
    folder = copy_minimal(tmp_path)
    before = snapshot(folder)
    table = "Đơn vị,Tổng điểm\nAn Bình,88\n"
    result = import_table(
        folder, table.encode(), "t.csv", ImportOptions(year=2022, block="district", dry_run=True)
    )
    assert not result.written and not [p for p in result.problems if p.is_error]
    assert snapshot(folder) == before


def test_year_column_contradicting_the_year_is_rejected(tmp_path):
    folder = copy_minimal(tmp_path)
    table = "Năm,Đơn vị,Tổng điểm\n2021,An Bình,88\n"
    result = import_table(
        folder, table.encode(), "t.csv", ImportOptions(year=2022, block="district")
    )
    problem = next(p for p in result.problems if p.code == "import_year_conflict")
    assert (problem.row, problem.column) == (2, "Năm")


def test_explicit_column_mapping(tmp_path):
    folder = copy_minimal(tmp_path)
    table = "Tên,Kết quả\nAn Bình,88\nBắc Hà,70\nCẩm Lộc,75\n"
    result = import_table(
        folder,
        table.encode(),
        "t.csv",
        ImportOptions(year=2022, block="district", columns={"unit": "Tên", "total": "Kết quả"}),
    )
    assert result.written, [p.code for p in result.problems]
    assert rank(load_dataset(folder), year=2022, block="district")["score"].tolist() == [88, 75, 70]


def test_criterion_columns_become_scores(tmp_path):
    folder = copy_minimal(tmp_path)
    table = (
        "Đơn vị,Cải cách thể chế,Cải cách thủ tục hành chính,Tổng điểm\n"
        "An Bình,30,50,80\nBắc Hà,35,55,90\nCẩm Lộc,20,40,60\n"
    )
    result = import_table(
        folder, table.encode(), "t.csv", ImportOptions(year=2021, block="district", replace=True)
    )
    assert result.written, [p.render("en") for p in result.problems]
    scores = load_dataset(folder).table("scores")
    assert len(scores[scores["year"] == 2021]) == 6
