"""Chart data for PowerPoint charts whose embedded workbook holds text as text.

python-pptx writes a native chart's numbers into an embedded Excel workbook with XlsxWriter,
whose ``write`` turns a string starting with "=" into a formula and one like "http://…" into a
hyperlink. A unit named ``=HYPERLINK(…)`` would then be a live formula for whoever clicks "Edit
data" in PowerPoint. Here both conversions are off: every name stays the string it is, and the
chart shows it exactly as typed (no apostrophe).
"""

from __future__ import annotations

from contextlib import contextmanager

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.util import lazyproperty
from xlsxwriter import Workbook

# XlsxWriter options: never guess a formula, a URL or a number from a string.
TEXT_STAYS_TEXT = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """CategoryWorkbookWriter whose workbook keeps every string a string."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, TEXT_STAYS_TEXT)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class TextChartData(CategoryChartData):
    """CategoryChartData for names from the data: categories and series names stay text."""

    @lazyproperty
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextWorkbookWriter(self)
