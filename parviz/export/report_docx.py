"""The written report of a year as a Word document in the form of Decree 30/2020/NĐ-CP.

    data = report_docx.build_report(dataset, year=2021, lang="vi")

``report_content`` drafts the text from the data; this module lays it out: the heading of the
form (issuing body, motto, number, place and date), the title, the numbered sections, charts
as inline pictures (kaleido), the signature block, the final note and landscape annexes.

Built with python-docx rather than docxtpl over a committed template: the document's shape
follows the data (how many blocks, units, criteria, annexes), the decree's form is a few
tested style settings instead of a binary template to keep in step with the locales, and
every data string enters as a plain run, never as template markup.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from parviz.dataset import Dataset
from parviz.export import docx_form, images, report_content
from parviz.export.docx_form import add_text, centred
from parviz.export.report_model import (
    BULLET,
    CAPTION,
    NOTE,
    NOTE_SMALL,
    PLACEHOLDER,
    Annex,
    Chart,
    Element,
    Heading,
    Paragraph,
    Report,
    Table,
)
from parviz.i18n import t

PICTURE_SCALE = 2.4  # 900 px layouts become ~2,160 px: about 330 dpi on a 16.5 cm picture


class ReportError(RuntimeError):
    """The report could not be made (a chart picture failed: no chromium for kaleido)."""


STYLES = {BULLET: "List Bullet", PLACEHOLDER: docx_form.PLACEHOLDER_STYLE, CAPTION: "Caption"}


def build_report(dataset: Dataset, *, year: int, lang: str, blocks: Sequence[str] | None = None,
                 issued_year: int | None = None) -> bytes:
    """Return the report of ``year`` as .docx bytes."""
    report = report_content.build(dataset, year=year, lang=lang, blocks=blocks,
                                  issued_year=issued_year)
    return to_docx(report)


def to_docx(report: Report) -> bytes:
    """Return ``report`` laid out as a .docx document.

    Raises ReportError, with a message in the report's language, when a chart cannot be drawn.
    """
    document = Document()
    docx_form.setup_styles(document)
    docx_form.setup_section(document.sections[0])
    docx_form.page_headers(document, report.illustrative_label)
    document.core_properties.title = docx_form.clean(report.core_title)
    document.core_properties.author = "parviz"
    document.core_properties.language = report.lang
    _heading_block(document, report)
    _title(document, report)
    for element in report.body:
        add_element(document, element, report.lang)
    _signature(document, report)
    _notes(document, report)
    for annex in report.annexes:
        _annex(document, annex, report.lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _heading_block(document: DocumentObject, report: Report) -> None:
    """Issuing body (left) and national motto, place and date (right), in a borderless table."""
    width = docx_form.usable_width(document.sections[0])
    left, right = int(width * 0.38), width - int(width * 0.38)
    cells = docx_form.borderless_table(document, [left, right]).rows[0].cells
    if report.issuer_parent:
        centred(cells[0], report.issuer_parent, size=13, first=True)
    centred(cells[0], report.issuer, size=13, bold=True, first=not report.issuer_parent)
    if report.issuer:  # the decree: a line 1/3 to 1/2 as long as the name above it
        docx_form.rule(cells[0], left, int(0.45 * docx_form.text_width(report.issuer, 13, 0.55)))
    number = centred(cells[0], report.number, size=13)
    number.paragraph_format.space_before = Pt(6)
    centred(cells[1], t("report.motto.country", report.lang), size=12, bold=True, first=True)
    words = t("report.motto.words", report.lang)
    centred(cells[1], words, size=14, bold=True)
    docx_form.rule(cells[1], right, min(right, docx_form.text_width(words, 14, 0.47)))  # as long
    date = centred(cells[1], report.date_line, size=14, italic=True)
    date.paragraph_format.space_before = Pt(6)


def _title(document: DocumentObject, report: Report) -> None:
    kind = centred(document, report.kind, size=14, bold=True)
    kind.paragraph_format.space_before = Pt(18)
    title = centred(document, report.title, size=14, bold=True)
    title.paragraph_format.space_after = Pt(12)


def add_element(document: DocumentObject, element: Element, lang: str) -> None:
    """Add one element of the report at the end of the document."""
    if isinstance(element, Heading):
        document.add_heading(level=element.level).add_run(docx_form.clean(element.text))
    elif isinstance(element, Paragraph):
        _paragraph(document, element)
    elif isinstance(element, Table):
        add_table(document, element)
    elif isinstance(element, Chart):
        _chart(document, element, lang)


def _paragraph(document: DocumentObject, element: Paragraph) -> None:
    if element.kind == NOTE:  # the illustrative warning of the first page
        paragraph = document.add_paragraph(style="Body Text")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Mm(0)
        add_text(paragraph, element.text, bold=True, colour=docx_form.WARNING)
        return
    if element.kind == NOTE_SMALL:
        paragraph = document.add_paragraph(style="Body Text")
        paragraph.paragraph_format.first_line_indent = Mm(0)
        add_text(paragraph, element.text, size=12, italic=True)
        return
    paragraph = document.add_paragraph(style=STYLES.get(element.kind, "Body Text"))
    add_text(paragraph, element.text)


def _chart(document: DocumentObject, chart: Chart, lang: str) -> None:
    """Add the chart as an inline PNG as wide as the text, with its caption under it."""
    fig = chart.figure
    height = int(fig.layout.height or 500)
    try:
        picture = images.png(fig, width=chart.width_px, height=height, scale=PICTURE_SCALE)
    except Exception as error:  # kaleido raises several kinds when chromium cannot run
        raise ReportError(t("report.download.failed", lang, error=error)) from error
    width = docx_form.usable_width(document.sections[-1])
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run().add_picture(io.BytesIO(picture), width=width)
    document.add_paragraph(style="Caption").add_run(docx_form.clean(chart.caption))


def add_table(document: DocumentObject, table: Table) -> None:
    """Add a Table Grid table as wide as the text, header row repeated on each page."""
    available = docx_form.usable_width(document.sections[-1])
    total = sum(table.widths)
    widths = [int(available * w / total) for w in table.widths]
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    grid.autofit = False
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    docx_form.set_widths(grid, widths)
    for row, values in zip(grid.rows, [table.header, *table.rows]):
        for index, (cell, value) in enumerate(zip(row.cells, values)):
            paragraph = cell.paragraphs[0]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            form = paragraph.paragraph_format
            form.space_before = form.space_after = Pt(0.5)
            header = row is grid.rows[0]
            paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if header or table.numeric[index]
                                   else WD_ALIGN_PARAGRAPH.LEFT)
            add_text(paragraph, value, size=docx_form.TABLE_SIZE, bold=header or None)
    docx_form.repeat_header(grid)
    docx_form.narrow_cell_margins(grid)
    spacer = document.add_paragraph().paragraph_format  # two tables in a row would merge
    spacer.space_after, spacer.line_spacing = Pt(0), Pt(8)


def _signature(document: DocumentObject, report: Report) -> None:
    """Recipients (left) and the signatory (right), as placeholders to fill."""
    width = docx_form.usable_width(document.sections[0])
    cells = docx_form.borderless_table(document, [width // 2, width - width // 2]).rows[0].cells
    recipients, signer = report.signature
    first = cells[0].paragraphs[0]
    add_text(first, recipients[0], size=12, bold=True, italic=True)
    for line in recipients[1:]:
        add_text(cells[0].add_paragraph(), line, size=11)
    centred(cells[1], signer[0], size=14, bold=True, first=True)
    for _ in range(3):
        cells[1].add_paragraph()
    centred(cells[1], signer[1], size=14, bold=True)


def _notes(document: DocumentObject, report: Report) -> None:
    """The final note: sources, how the draft was made, illustrative data."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(18)
    add_text(paragraph, t("report.note.heading", report.lang) + ":", size=12, bold=True,
             italic=True)
    for note in report.notes:
        line = document.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        add_text(line, note, size=12, italic=True)


def _annex(document: DocumentObject, annex: Annex, lang: str) -> None:
    """Add one annex on landscape pages: label, title, subtitle, then its content."""
    docx_form.add_landscape_section(document)
    centred(document, annex.label, size=14, bold=True)
    centred(document, annex.title, size=14, bold=True)
    subtitle = centred(document, annex.subtitle, size=13, italic=True)
    subtitle.paragraph_format.space_after = Pt(8)
    for element in annex.elements:
        add_element(document, element, lang)
