"""The importer on the malformed tables real users bring (tests/data/bad/import/).

Each file either imports as a person would expect, or gives one clear problem (code and
location) in vi and en, never a traceback or a hang, and leaves the dataset byte-identical.
The corpus is written by scripts/make_bad_corpus.py; the 50 MB file and the zip bomb are made
here and never committed.
"""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from parviz import reading
from parviz.importing import ImportOptions, import_table
from parviz.loading import load_dataset
from parviz.ranking import rank
from tests.helpers import BAD, MINIMAL, ROOT, snapshot

CORPUS = BAD / "import"
MAXIMA = [10, 15, 20, 15, 15, 10, 15]
SECONDS = 20  # far above the slowest case (~2 s on a busy CI): a hang fails, not a slow run


def base_dataset(tmp_path: Path) -> Path:
    """Return the minimal dataset plus an empty year 2022 with seven criteria (C1..C7)."""
    folder = tmp_path / "dataset"
    shutil.copytree(MINIMAL, folder)
    with open(folder / "methodology.csv", "a", encoding="utf-8") as out:
        out.write("2022,district,100,,\n")
    with open(folder / "criteria.csv", "a", encoding="utf-8") as out:
        for number, maximum in enumerate(MAXIMA, 1):
            out.write(
                f"2022,district,C{number},,{number},Lĩnh vực {number},Area {number},{maximum}\n"
            )
    return folder


# file -> (code, sheet, row, column) of the first error
REJECTED = {
    "empty.csv": ("file_empty", None, None, None),
    "blank_lines.csv": ("file_empty", None, None, None),
    "binary_noise.csv": ("file_not_table", None, None, None),
    "binary_noise.xlsx": ("file_not_table", None, None, None),
    "html_saved_as.xlsx": ("import_file_html", None, None, None),
    "old_excel_97.xlsx": ("import_file_xls", None, None, None),
    "decision_scan.csv": ("import_file_pdf", None, None, None),
    "zip_not_workbook.xlsx": ("file_not_table", None, None, None),
    "truncated.xlsx": ("file_not_table", None, None, None),
    "utf16_no_bom.csv": ("file_encoding", None, None, None),
    "windows_1258.csv": ("file_encoding", None, 1, None),
    "formula_uncomputed.xlsx": ("import_formula_uncomputed", "Kết quả", 2, "E"),
    "text_in_total.csv": ("value_not_number", None, 3, "Tổng điểm"),
    "excel_error_value.xlsx": ("value_not_number", "Khối huyện", 3, "Tổng điểm"),
    "negative_total.csv": ("value_negative", None, 4, "Tổng điểm"),
    "total_over_max.csv": ("score_above_max", None, 2, "Tổng điểm"),
    "criterion_over_max.csv": ("score_above_max", None, 4, "C3"),
    "index_over_100.csv": ("score_above_max", None, 2, "Chỉ số CCHC (%)"),
    "duplicate_unit.csv": ("import_duplicate_unit", None, 4, "Tên đơn vị"),
    "alias_duplicate.csv": ("import_duplicate_unit", None, 3, "Tên đơn vị"),
    "unknown_unit.csv": ("import_unknown_unit", None, 3, "Tên đơn vị"),
    "year_conflict.csv": ("import_year_conflict", None, 3, "Năm"),
    "only_hidden_sheets.xlsx": ("no_visible_sheet", None, None, None),
    "empty_sheet.xlsx": ("file_empty", "Trống", None, None),
    "no_header.csv": ("import_no_header", None, None, None),
    "header_only.csv": ("import_no_rows", None, None, None),
    "rank_fraction.csv": ("value_not_integer", None, 3, "Xếp hạng"),
    "rank_zero.csv": ("value_not_integer", None, 2, "Xếp hạng"),
    "unknown_classification.csv": (
        "unknown_classification", None, 3, "Xếp loại người đứng đầu"
    ),
    "unknown_grade_scale.csv": ("grade_scale_unknown", None, None, "Xếp loại"),
    "unknown_criterion.csv": ("unknown_criterion", None, None, "C9"),
    "huge_cell.csv": ("file_not_table", None, 2, None),
    "unclosed_quote.csv": ("file_not_table", None, 3, None),
    "infinity_and_nan.csv": ("value_not_number", None, 2, "Tổng điểm"),
    "date_in_total.xlsx": ("value_not_number", "Khối huyện", 3, "Tổng điểm"),
    "bool_in_rank.xlsx": ("value_not_number", "Khối huyện", 3, "Xếp hạng"),
    "existing_year.csv": ("import_exists", None, None, None),
}
# file -> the totals (or index) stored for units a, b, c, as a person reads the table
IMPORTED = {
    "utf16_bom_tabs.csv": {"a": 90, "c": 85, "b": 80},
    "semicolon_decimal_comma.csv": {"a": 90.5, "c": 85.5, "b": 80.5},
    "merged_two_row_header.xlsx": {"a": 90, "c": 85, "b": 80},
    "title_rows_and_notes.xlsx": {"a": 90, "c": 85, "b": 80},
    "group_rows.xlsx": {"a": 90, "c": 85, "b": 80},
    "hidden_first_sheet.xlsx": {"a": 90, "c": 85, "b": 80},
    "nfd_names.csv": {"a": 90, "c": 85, "b": 80},
    "percent_index.csv": {"a": 90.5, "c": 85, "b": 80.25},
    "tab_separated.csv": {"a": 90, "c": 85, "b": 80},
    "old_mac_line_endings.csv": {"a": 90, "c": 85, "b": 80},
    "with_criteria.csv": {"a": 90, "c": 85, "b": 80},
}
CREATES_UNITS = {"hostile_names.csv"}


def options_for(name: str) -> ImportOptions:
    return ImportOptions(
        year=2021 if name.startswith("existing") else 2022,
        block="district",
        create_units=name in CREATES_UNITS,
    )


def test_the_corpus_is_large_and_every_file_has_an_expectation():
    files = {path.name for path in CORPUS.iterdir()}
    assert len(files) >= 40
    assert files == set(REJECTED) | set(IMPORTED) | CREATES_UNITS


def test_the_generator_reproduces_the_committed_corpus(tmp_path):
    import runpy

    generator = runpy.run_path(str(ROOT / "scripts" / "make_bad_corpus.py"))
    generator["main"](["make_bad_corpus.py", str(tmp_path)])
    assert snapshot(tmp_path) == snapshot(CORPUS)


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_a_bad_file_is_rejected_with_a_located_message_and_nothing_changes(name, tmp_path):
    folder = base_dataset(tmp_path)
    before = snapshot(folder)
    started = time.monotonic()
    result = import_table(folder, (CORPUS / name).read_bytes(), name, options_for(name))
    assert time.monotonic() - started < SECONDS
    errors = [p for p in result.problems if p.is_error]
    assert errors, name
    first = errors[0]
    assert (first.code, first.sheet, first.row, first.column) == REJECTED[name]
    assert first.file == name
    for lang in ("vi", "en"):
        line = first.render(lang)
        assert name in line and "{" not in line
        if first.row is not None:
            assert str(first.row) in line
    assert not result.written
    assert snapshot(folder) == before


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_an_awkward_but_readable_file_imports_as_a_person_expects(name, tmp_path):
    folder = base_dataset(tmp_path)
    result = import_table(folder, (CORPUS / name).read_bytes(), name, options_for(name))
    assert [p.code for p in result.problems if p.is_error] == []
    assert result.written
    ranking = rank(load_dataset(folder), year=2022, block="district").set_index("unit_id")
    column = "index" if name == "percent_index.csv" else "score"
    assert ranking[column].round(2).to_dict() == IMPORTED[name]


def test_merged_two_row_header_keeps_every_criterion(tmp_path):
    folder = base_dataset(tmp_path)
    name = "merged_two_row_header.xlsx"
    result = import_table(folder, (CORPUS / name).read_bytes(), name, options_for(name))
    assert result.written
    scores = load_dataset(folder).table("scores")
    b = scores[(scores["year"] == 2022) & (scores["unit_id"] == "b")]
    assert b.set_index("criterion_id")["points"].to_dict() == {
        "C1": 8,
        "C2": 12,
        "C3": 16,
        "C4": 12,
        "C5": 12,
        "C6": 8,
        "C7": 12,
    }


def test_hostile_names_are_stored_as_plain_text(tmp_path):
    folder = base_dataset(tmp_path)
    name = "hostile_names.csv"
    result = import_table(folder, (CORPUS / name).read_bytes(), name, options_for(name))
    assert result.written
    names = set(load_dataset(folder).table("units")["name"])
    assert "<img src=x onerror=alert(1)>" in names
    assert '=HYPERLINK("http://example.invalid","x")' in names


def test_a_50_mb_upload_is_refused_before_parsing(tmp_path):
    folder = base_dataset(tmp_path)
    before = snapshot(folder)
    data = b"Ten don vi,Tong diem\n" + b"UBND huyen Bac Ha,80\n" * (50 * 2**20 // 20)
    assert len(data) >= 50 * 2**20
    started = time.monotonic()
    result = import_table(folder, data, "big.csv", options_for("big.csv"))
    assert time.monotonic() - started < 5
    assert [p.code for p in result.problems] == ["import_too_large"]
    assert result.problems[0].params["limit_mb"] == reading.MAX_UPLOAD_BYTES // 2**20
    assert snapshot(folder) == before


def test_an_xlsx_zip_bomb_is_refused_without_unpacking(tmp_path):
    folder = base_dataset(tmp_path)
    before = snapshot(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"0" * 2**20
            for _ in range(reading.MAX_UNPACKED_BYTES // 2**20 + 10):
                sheet.write(chunk)
    data = buffer.getvalue()
    assert len(data) < reading.MAX_UPLOAD_BYTES  # small on the wire, huge unpacked
    started = time.monotonic()
    result = import_table(folder, data, "bomb.xlsx", options_for("bomb.xlsx"))
    assert time.monotonic() - started < 5
    assert [p.code for p in result.problems] == ["file_too_large"]
    assert snapshot(folder) == before
