"""The web import is as safe as the CLI (#12, point 6): year, sentence, controls, empty data."""

from __future__ import annotations

from pathlib import Path

import pytest

from parviz.cli import main
from parviz.i18n import t
from parviz.importing import ImportOptions, import_table
from parviz.loading import load_dataset
from parviz.shapes import YearFound
from parviz.views import imports
from tests.apptesting import app_test


@pytest.fixture
def empty(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "empty"
    assert main(["init", str(folder), "--title", "Tỉnh mới"]) == 0
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    monkeypatch.delenv("PARVIZ_ADMIN_PASSWORD", raising=False)
    return folder


def test_an_empty_dataset_leads_an_administrator_to_the_import_page(empty, monkeypatch):
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", "mật khẩu")
    at = app_test(lang="en").run()
    assert not at.exception
    text = " ".join(info.value for info in at.info)
    assert "Import a published results table on the Import page" in text
    assert "methodology.csv" not in text
    links = at.get("page_link")
    assert [(link.proto.page, link.proto.label) for link in links] == [("import", "Import data")]


def test_an_empty_dataset_tells_a_viewer_who_imports(empty):
    at = app_test(lang="vi").run()
    text = " ".join(info.value for info in at.info)
    assert "Quản trị viên nhập bảng kết quả" in text and "methodology.csv" not in text
    assert not at.get("page_link")


def test_the_year_source_is_said_and_a_missing_year_must_be_chosen():
    found = YearFound(2021, "title", "KẾT QUẢ CHỈ SỐ CCHC NĂM 2021")
    assert "“KẾT QUẢ CHỈ SỐ CCHC NĂM 2021”" in imports.year_source_text(found, 2021, "vi")
    assert "chosen on this page" in imports.year_source_text(found, 2020, "en")
    assert "choose the year" in imports.year_source_text(None, None, "en")
    named = YearFound(2019, "file", "*bang*_2019.xlsx")
    assert "\\*bang\\*" in imports.year_source_text(named, 2019, "en")  # never markup


def test_the_save_sentence_states_year_block_and_count(tmp_path):
    folder = tmp_path / "d"
    assert main(["init", str(folder), "--title", "T"]) == 0
    dataset = load_dataset(folder)
    options = ImportOptions(year=2021, block="district")
    found = YearFound(2021, "file", "ket_qua_2021.xlsx")
    sentence = imports.save_sentence(dataset, options, 12, found, "vi")
    assert sentence.startswith("Sẽ lưu 12 đơn vị vào năm 2021, khối “UBND huyện, thị xã")
    assert "ket\\_qua\\_2021.xlsx" in sentence
    english = imports.save_sentence(dataset, options, 12, None, "en")
    assert "12 units into the year 2021" in english and "chosen on this page" in english


def test_page_messages_name_the_pages_controls_not_cli_options(tmp_path):
    folder = tmp_path / "d"
    assert main(["init", str(folder), "--title", "T"]) == 0
    table = "Tên đơn vị,Tổng điểm\nSở A,90\n".encode()
    options = ImportOptions(year=2021, block="department", dry_run=True)
    problems = import_table(folder, table, "t.csv", options).problems
    unknown = next(p for p in problems if p.code == "import_unknown_unit")
    assert "--create-units" in unknown.render("vi")
    for lang in ("vi", "en"):
        shown = imports.for_the_page([unknown])[0].render(lang)
        assert "--" not in shown and t("import.create_units", lang) in shown
        assert unknown.location(lang) in shown


def test_an_unknown_grade_scale_names_the_grade_box_of_the_page(tmp_path):
    folder = tmp_path / "d"
    assert main(["init", str(folder), "--title", "T"]) == 0
    table = "Tên đơn vị,Tổng điểm,Xếp loại\nSở A,90,Hạng nhất\nSở B,80,Hạng nhì\n".encode()
    options = ImportOptions(year=2021, block="department", create_units=True, dry_run=True)
    problems = import_table(folder, table, "t.csv", options).problems
    scale = next(p for p in problems if p.code == "grade_scale_unknown")
    assert "--grades" in scale.render("en")
    for lang in ("vi", "en"):
        shown = imports.for_the_page([scale])[0].render(lang)
        assert "--grades" not in shown and t("shapes.grades.label", lang) in shown
