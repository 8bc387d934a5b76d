"""The Data page: provenance, methodology, validation report and the full downloads."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from parviz import bundle, provenance
from parviz.importing import ImportOptions, import_table
from parviz.loading import load, load_dataset
from parviz.problems import Problem, Severity
from parviz.storage import init_dataset
from tests.helpers import MINIMAL, ROOT, SAMPLE, copy_minimal

REAL = ROOT / "tests" / "data" / "real" / "vinhphuc_2019_department.xlsx"


def data_page(monkeypatch, path, lang="vi") -> AppTest:
    monkeypatch.setenv("PARVIZ_DATA", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    return at.run().switch_page("pages/data.py").run()


def test_methodology_years_latest_first_with_criteria_and_bands():
    dataset = load_dataset(SAMPLE)
    pairs = provenance.methodology_years(dataset)
    assert pairs[0] == (2024, "department") and pairs[-1][0] == 2016
    criteria = provenance.criteria_table(dataset, 2021, "district", "vi")
    assert list(criteria["criterion_id"]) == [f"C{i}" for i in range(1, 8)]
    assert criteria["max_points"].sum() == pytest.approx(100)
    bands = provenance.bands_table(dataset, 2022, "department", "vi")
    assert list(bands["min_index"])[:2] == [90, 80]


def test_problems_table_is_in_the_users_language_errors_first():
    problems = [
        Problem(
            "name_alias", Severity.WARNING, file="t.csv", row=3, params={"name": "x", "unit": "y"}
        ),
        Problem("value_not_number", file="t.csv", row=4, column="Tổng điểm", params={"value": "a"}),
    ]
    vi = provenance.problems_table(problems, "vi")
    en = provenance.problems_table(problems, "en")
    assert list(vi["severity"]) == ["Lỗi", "Cảnh báo"]
    assert vi.loc[0, "where"] == "Tệp 't.csv', dòng 4, cột 'Tổng điểm'"
    assert en.loc[0, "where"] == "File 't.csv', row 4, column 'Tổng điểm'"


def test_the_zip_holds_every_table_and_reads_back_as_the_same_dataset(tmp_path):
    dataset = load_dataset(MINIMAL)
    archive = zipfile.ZipFile(io.BytesIO(bundle.dataset_zip(dataset)))
    names = set(archive.namelist())
    assert {"metadata.csv", "units.csv", "results.csv", "scores.csv"} <= names
    folder = tmp_path / "unzipped"
    archive.extractall(folder)
    again = load_dataset(folder)
    pd.testing.assert_frame_equal(
        again.table("results").drop(columns="_row", errors="ignore"),
        dataset.table("results").drop(columns="_row", errors="ignore"),
    )
    assert bundle.dataset_zip(dataset) == bundle.dataset_zip(dataset)  # reproducible bytes


def test_the_workbook_has_a_sheet_per_table_with_numbers_as_numbers():
    dataset = load_dataset(MINIMAL)
    book = openpyxl.load_workbook(io.BytesIO(bundle.dataset_xlsx(dataset)))
    assert set(bundle.dataset_frames(dataset)) == set(book.sheetnames)
    results = book["results"]
    assert [c.value for c in results[1]][:3] == ["year", "unit_id", "total"]
    assert results["C2"].value == 90 and isinstance(results["C7"].value, float)


def test_data_page_of_the_illustrative_sample_says_so(monkeypatch):
    at = data_page(monkeypatch, SAMPLE)
    assert not at.exception and not at.error
    assert any("minh họa" in w.value for w in at.warning)
    assert len(at.get("download_button")) == 2
    assert len(at.expander) == len(provenance.methodology_years(load_dataset(SAMPLE)))


def test_data_page_of_real_imported_data_never_says_illustrative(monkeypatch, tmp_path):
    folder = tmp_path / "vinhphuc"
    init_dataset(folder, "Chỉ số CCHC tỉnh Vĩnh Phúc 2019")
    options = ImportOptions(year=2019, block="department", create_units=True)
    assert import_table(folder, REAL.read_bytes(), REAL.name, options).written
    at = data_page(monkeypatch, folder, lang="en")
    assert not at.exception and not at.error
    assert not any("llustrative" in w.value for w in at.warning)
    assert any("Published numbers" in s.value for s in at.success)


def test_data_page_lists_the_warnings_of_the_dataset(monkeypatch, tmp_path):
    folder = copy_minimal(tmp_path)
    results = (folder / "results.csv").read_text().replace("2021,c,75.5", "2021,c,79.5")
    (folder / "results.csv").write_text(results)  # total ≠ sum of points: a warning
    assert any(not p.is_error for p in load(folder).problems)
    at = data_page(monkeypatch, folder, lang="en")
    assert not at.exception
    report = at.dataframe[-1].value
    assert "Warning" in set(report.iloc[:, 0])


def test_a_methodology_year_draws_its_tables_once_opened(monkeypatch):
    at = data_page(monkeypatch, SAMPLE, lang="en")
    assert not any("Maximum total" in c.value for c in at.caption)  # closed: nothing inside
    assert not at.expander[0].dataframe
    at.session_state["methodology_0"] = True  # the visitor opens the latest year
    at.run()
    assert not at.exception
    assert [c.value for c in at.expander[0].caption][0].startswith("Maximum total: ")
    criteria = at.expander[0].dataframe[0].value  # the latest year's criteria, C1 first
    assert str(criteria.iloc[0, 0]).startswith("C1")
    assert not at.expander[1].dataframe  # the other years stay closed and empty
