"""The written report opened in LibreOffice, as the province's staff would: pages and tables.

Renders the sample's 2021 report to PDF (`libreoffice --headless --convert-to pdf`) and checks
the page count, the orientation of each page, and that no word (so no table column) lies
outside the margins; the .docx tables are also checked against their section's width.
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from parviz.export import report_docx
from parviz.loading import load
from tests.helpers import SAMPLE, office_pdf

POINT = 25.4 / 72  # mm
TOLERANCE = 3.0  # mm: LibreOffice moves a table left by its cell padding


@pytest.fixture(scope="module", params=["vi", "en"])
def rendered(request, tmp_path_factory):
    """Return (docx bytes, PDF path) of the sample's 2021 report in one language."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"report-{lang}")
    data = report_docx.build_report(load(SAMPLE).dataset, year=2021, lang=lang, issued_year=2022)
    return data, office_pdf(data, folder, "report.docx", timeout=300)  # LibreOffice Writer


def pages(pdf) -> list[tuple[float, float, list[tuple[float, float, str]]]]:
    """Return (width mm, height mm, [(xMin mm, xMax mm, word)]) of every page."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    found = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html,
                            re.S):
        words = [(float(a) * POINT, float(b) * POINT, w) for a, b, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            page.group(3))]
        found.append((float(page.group(1)) * POINT, float(page.group(2)) * POINT, words))
    return found


def test_page_count_and_orientation(rendered):
    _, pdf = rendered
    found = pages(pdf)
    assert 8 <= len(found) <= 14, len(found)
    orientation = ["portrait" if w < h else "landscape" for w, h, _ in found]
    first_landscape = orientation.index("landscape")
    assert first_landscape >= 4  # the body: heading, sections I–IV, signature, note
    assert set(orientation[:first_landscape]) == {"portrait"}
    assert set(orientation[first_landscape:]) == {"landscape"}  # the annexes
    assert all(round(min(w, h)) == 210 and round(max(w, h)) == 297 for w, h, _ in found)


def test_no_word_outside_the_margins(rendered):
    _, pdf = rendered
    for number, (width, _, words) in enumerate(pages(pdf), start=1):
        assert words, f"page {number} is empty"
        for left, right, word in words:
            assert left >= 30 - TOLERANCE, (number, word, left)
            assert right <= width - 15 + TOLERANCE, (number, word, right, width)


def test_every_unit_is_on_a_page(rendered):
    _, pdf = rendered
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for name in ("Sở Giao thông vận tải", "Ban Quản lý các khu công nghiệp tỉnh",
                 "UBND thành phố Chí Linh", "UBND huyện Thanh Miện"):
        assert name in text, name


def test_tables_fit_their_section(rendered):
    data, _ = rendered
    document = Document(io.BytesIO(data))
    body = document.element.body
    widths = [s.page_width - s.left_margin - s.right_margin for s in document.sections]
    section, checked = 0, 0
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            grid = [int(c.get(qn("w:w"))) for c in child.iter(qn("w:gridCol"))]
            total = sum(grid) * 635  # twips to EMU
            assert total <= widths[section] + Mm(0.5), (section, total, widths[section])
            checked += 1
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section += 1
    assert checked == 6  # heading, signature, two results tables, two criterion tables
