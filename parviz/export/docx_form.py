"""The Word form of an administrative document (Decree 30/2020/NĐ-CP) with python-docx.

A4 portrait, margins 20/20/30/15 mm (top, bottom, left, right), Times New Roman, body 14 pt
justified; real styles (Normal, Body Text, List Bullet, Heading 1/2, Caption, Table Grid,
Placeholder) so staff can restyle; landscape sections for wide annexes; the page number in
the header from the second page. Every text of data origin goes through ``clean`` and
``add_text``: plain runs only (no field, hyperlink or formula can come from data).
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from parviz.export.report_model import clean

FONT = "Times New Roman"
BODY_SIZE = 14  # pt: Decree 30 allows 13–14
TABLE_SIZE = 10.5  # pt: wide annex tables (one line per unit where the name allows)
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
BLACK = RGBColor(0, 0, 0)
WARNING = RGBColor(0xB3, 0x3A, 0x00)
PLACEHOLDER_STYLE = "Placeholder"
# Elements that follow w:pBdr inside w:pPr (schema order).
_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc",
                 "w:rPr", "w:sectPr")


def add_text(paragraph: DocxParagraph, text: object, *, size: float | None = None,
             bold: bool | None = None, italic: bool | None = None, colour: RGBColor | None = None):
    """Append ``text`` to ``paragraph`` as one plain run (line breaks kept as breaks)."""
    run = paragraph.add_run(clean(text))
    if size is not None:
        run.font.size = Pt(size)
    run.font.bold, run.font.italic = bold, italic
    if colour is not None:
        run.font.color.rgb = colour
    return run


# --- page setup ---------------------------------------------------------------------------


def setup_section(section, *, landscape: bool = False) -> None:
    """Give ``section`` A4 in the orientation asked and the decree's margins."""
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance, section.footer_distance = Mm(8), Mm(8)


def usable_width(section) -> int:
    """Return the width between the margins of ``section`` (EMU)."""
    return section.page_width - section.left_margin - section.right_margin


def add_landscape_section(document: DocumentObject):
    """Start a new page in a landscape section (same header, page numbers go on)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # copied from the first section
    setup_section(section, landscape=True)
    return section


def page_headers(document: DocumentObject, label: str) -> None:
    """Put the page number (from page 2) and ``label`` (every page, when given) in the header."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    header = section.header.paragraphs[0]
    header.alignment = first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)
    if label:
        add_text(first, label, size=10, bold=True, colour=WARNING)
        line = section.header.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(line, label, size=10, bold=True, colour=WARNING)


def _page_field(paragraph: DocxParagraph) -> None:
    """Append a PAGE field: the only field of the document, written by the code, not data."""
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


# --- styles -------------------------------------------------------------------------------


def set_font(element, name: str = FONT) -> None:
    """Set every script's font of a style or run element (drop theme fonts that override it)."""
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def setup_styles(document: DocumentObject) -> None:
    """Make the decree's look the styles' look: Times New Roman, sizes, black headings."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    set_font(defaults)
    normal = styles["Normal"]
    set_font(normal.element)
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    body = styles["Body Text"]
    body.font.size = Pt(BODY_SIZE)
    _body_format(body.paragraph_format, indent=True)
    bullet = styles["List Bullet"]
    bullet.font.size = Pt(BODY_SIZE)
    _body_format(bullet.paragraph_format, indent=False)
    for name, size in (("Heading 1", BODY_SIZE), ("Heading 2", BODY_SIZE)):
        heading = styles[name]
        set_font(heading.element)
        heading.font.size, heading.font.bold, heading.font.italic = Pt(size), True, False
        heading.font.color.rgb = BLACK
        heading.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 6)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
    caption = styles["Caption"]
    set_font(caption.element)
    caption.font.size, caption.font.bold, caption.font.italic = Pt(12), False, True
    caption.font.color.rgb = BLACK
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_after = Pt(12)
    placeholder = styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    placeholder.base_style = body
    placeholder.font.italic = True
    placeholder.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _body_format(form, *, indent: bool) -> None:
    form.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    form.first_line_indent = Mm(12.7) if indent else None
    form.space_before, form.space_after = Pt(0), Pt(6)
    form.line_spacing = 1.15


# --- blocks of the form -------------------------------------------------------------------


def borderless_table(document: DocumentObject, widths: list[int]) -> DocxTable:
    """Return a one-row table without borders (the heading and the signature sit in one)."""
    table = document.add_table(rows=1, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, widths)
    return table


def set_widths(table: DocxTable, widths: list[int]) -> None:
    """Fix the column widths (EMU) in the grid and every cell (Word reads one, LibreOffice
    the other)."""
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def centred(cell_or_doc, text: object, *, size: float, bold: bool = False,
            italic: bool = False, first: bool = False) -> DocxParagraph:
    """Add (or fill the first) centred paragraph with ``text``."""
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    add_text(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def text_width(text: str, size: float, em: float) -> int:
    """Return about how wide ``text`` prints (EMU) at ``size`` pt, ``em`` ems per character."""
    return int(Pt(size * em) * len(text))


def rule(cell, width: int, length: int) -> None:
    """Draw a centred horizontal line of ``length`` (EMU) under the previous paragraph."""
    paragraph = cell.add_paragraph()
    side = max(0, (width - length) // 2)
    form = paragraph.paragraph_format
    form.left_indent = form.right_indent = side
    form.space_before = form.space_after = Pt(0)
    form.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDER)


def narrow_cell_margins(table: DocxTable, margin_mm: float = 1.2) -> None:
    """Set the left and right cell margins of ``table`` (Word's default is 1.9 mm): a wide
    annex keeps one line per unit."""
    properties = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(margin_mm / 25.4 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    # Schema order inside tblPr: tblCellMar comes after tblLayout and before tblLook.
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)


def repeat_header(table: DocxTable) -> None:
    """Repeat the first row on every page and keep each row on one page."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")
        properties.append(keep)
        if index == 0:
            properties.append(OxmlElement("w:tblHeader"))
