"""The printable annex: rows, escaping, A4 landscape, XLSX values and neutralised formulas, PDF."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from parviz.export import annex
from parviz.loading import load_dataset
from tests.helpers import MINIMAL, copy_minimal


class Cells(HTMLParser):
    """Collect the text of every table row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def minimal():
    return load_dataset(MINIMAL)


def rows_of(document: bytes) -> list[list[str]]:
    parser = Cells()
    parser.feed(document.decode("utf-8"))
    return parser.rows


def test_annex_rows_in_rank_order_with_decimal_comma(minimal):
    document = annex.to_html(minimal, year=2021, blocks=["district"], lang="vi")
    header, *rows = rows_of(document)
    assert header[:2] == ["STT", "Đơn vị"]
    assert header[-3:] == ["Tổng điểm", "Xếp hạng", "Xếp loại người đứng đầu"]
    assert [r[1] for r in rows] == ["UBND thành phố An Bình", "UBND huyện Bắc Hà",
                                    "UBND huyện Cẩm Lộc"]
    assert [r[0] for r in rows] == ["1", "2", "3"]
    assert rows[2][-3:] == ["75,50", "3", "Hoàn thành nhiệm vụ"]
    assert "@page { size: A4 landscape" in document.decode("utf-8")
    assert "DỮ LIỆU MINH HỌA" in document.decode("utf-8")


def test_annex_escapes_every_data_string(tmp_path):
    folder = copy_minimal(tmp_path)
    units = (folder / "units.csv").read_text(encoding="utf-8")
    (folder / "units.csv").write_text(
        units.replace("UBND huyện Bắc Hà", "<script>alert(1)</script> & Bắc Hà"),
        encoding="utf-8",
    )
    dataset = load_dataset(folder)
    text = annex.to_html(dataset, year=2021, blocks=["district"], lang="en").decode("utf-8")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Bắc Hà" in text


def test_xlsx_keeps_numbers_and_neutralises_formulas(tmp_path):
    folder = copy_minimal(tmp_path)
    units = (folder / "units.csv").read_text(encoding="utf-8")
    (folder / "units.csv").write_text(
        units.replace("UBND huyện Cẩm Lộc", "=HYPERLINK(\"http://x\")"), encoding="utf-8"
    )
    dataset = load_dataset(folder)
    book = load_workbook(io.BytesIO(annex.to_xlsx(dataset, year=2021, blocks=["district"],
                                                  lang="vi")))
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[0]
    total = header.index("Tổng điểm")
    assert [row[total] for row in values[1:]] == [84.0, 84.0, 75.5]
    assert sheet.cell(row=2, column=total + 1).number_format == "#,##0.00"
    assert values[3][1] == "'=HYPERLINK(\"http://x\")"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_pdf_is_made_by_chromium(minimal):
    assert annex.chromium_path(), "chromium is needed: scripts/test.sh installs it"
    pdf = annex.to_pdf(annex.to_html(minimal, year=2021, blocks=["district"], lang="vi"))
    assert pdf.startswith(b"%PDF")
    # A4 landscape: 842 × 595 points.
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box and float(box.group(1)) > float(box.group(2))


def test_pdf_error_without_chromium(minimal, monkeypatch):
    monkeypatch.setattr(annex, "chromium_path", lambda: None)
    with pytest.raises(annex.PdfError, match="Chromium"):
        annex.to_pdf(b"<html></html>")
