"""`parviz export`: every format written to --out, one block or all, usage errors."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from parviz import cli
from tests.helpers import MINIMAL


def export(tmp_path, *args: str) -> tuple[int, bytes]:
    out = tmp_path / "out.bin"
    code = cli.main(["--data", str(MINIMAL), "export", "--year", "2021", "--out", str(out),
                     *args])
    return code, out.read_bytes() if out.exists() else b""


def test_pptx(tmp_path):
    code, data = export(tmp_path, "--format", "pptx")
    assert code == 0
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == 6


def test_xlsx_in_english(tmp_path):
    code, data = export(tmp_path, "--format", "xlsx", "--lang", "en", "--block", "district")
    assert code == 0
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.cell(row=1, column=1).value == "No."
    assert sheet.max_row == 4


def test_html_and_pdf(tmp_path):
    code, data = export(tmp_path, "--format", "html")
    assert code == 0 and b"<table>" in data and "Tổng điểm".encode() in data
    code, data = export(tmp_path, "--format", "pdf")
    assert code == 0 and data.startswith(b"%PDF")
    assert not zipfile.is_zipfile(io.BytesIO(data))


@pytest.mark.parametrize("args", [["--block", "commune"], ["--year", "1999"]])
def test_unknown_block_or_year_is_a_usage_error(tmp_path, capsys, args):
    out = tmp_path / "x.html"
    argv = ["--data", str(MINIMAL), "export", "--year", "2021", "--format", "html",
            "--out", str(out), *args]
    assert cli.main(argv) == cli.EXIT_USAGE
    assert capsys.readouterr().err.startswith("parviz: ")
    assert not out.exists()


def test_docx_report(tmp_path):
    from docx import Document

    code, data = export(tmp_path, "--format", "docx", "--lang", "en")
    assert code == 0
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Administrative Reform Index 2021" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "UBND thành phố An Bình" in cells and "84.00" in cells
