"""Tables as downloadable files: CSV for any tool, XLSX with formatted numbers for Excel.

Both neutralise formula injection: a text cell starting with = + - @ (or a tab or carriage
return) is prefixed with an apostrophe, so a spreadsheet shows it as text instead of running it.
The rank-change marker "no change" ("=" on screen) is written "±0": a lone "=" is a broken
formula to a spreadsheet, and "'=" would show the apostrophe.
"""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from parviz import precision

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NO_CHANGE_MARKS = frozenset({"="})  # comparison.SAME_MARK and overview.SAME
NO_CHANGE_EXPORT = "±0"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: object) -> object:
    """Return ``value`` with a leading apostrophe when it is text a spreadsheet would evaluate."""
    if not isinstance(value, str):
        return value
    if value in NO_CHANGE_MARKS:
        return NO_CHANGE_EXPORT
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells and headers are neutralised."""
    safe = frame.copy()
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(
            safe[column]
        ):
            safe[column] = safe[column].map(neutralise).astype(object)
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return the frame as CSV in UTF-8 with a BOM (Excel then reads the diacritics right).

    Numbers keep a decimal point so any tool can read them, with the decimals they were
    published with (97.685, 91.50); use the XLSX for Excel users. Gaps are empty cells.
    """
    safe = _safe(frame)
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]) and not frame[column].isna().all():
            decimals = precision.column_decimals(frame, column)
            safe[neutralise(str(column))] = [
                "" if pd.isna(v) else f"{v:.{decimals}f}" for v in frame[column]
            ]
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def sheet_title(name: str) -> str:
    """Return a valid Excel sheet name (no []:*?/\\, at most 31 characters)."""
    return _BAD_SHEET_CHARS.sub(" ", name).strip()[:31] or "Sheet1"


def _number_format(series: pd.Series, decimals: int = 2) -> str | None:
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return "0"
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str) -> bytes:
    """Return the frame as an .xlsx workbook: bold frozen header, numbers as published.

    Excel shows the decimal separator of the reader's locale (91,53 on a Vietnamese system).
    """
    safe = _safe(frame)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(sheet_name)
    sheet.append([str(c) for c in safe.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in safe.itertuples(index=False):
        sheet.append([_cell(value) for value in row])
    for index, column in enumerate(safe.columns, start=1):
        letter = get_column_letter(index)
        decimals = precision.column_decimals(frame, frame.columns[index - 1])
        number_format = _number_format(frame.iloc[:, index - 1], decimals)
        if number_format:
            for cell in sheet[letter][1:]:
                cell.number_format = number_format
        width = max([len(str(column))] + [len(str(v)) for v in safe[column].tolist()])
        sheet.column_dimensions[letter].width = min(60, max(8, width + 2))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    """Return a value openpyxl can write: missing values become empty cells."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value
