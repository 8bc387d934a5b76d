"""Read table files (CSV bytes, XLSX workbooks) into frames of text, reporting what fails."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from parviz.problems import Problem

# A workbook larger than this when unpacked is refused (zip bombs).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# First row of data in a file whose header is on row 1.
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class RawTable:
    """A table as read: every cell as stripped text, with where it came from."""

    frame: pd.DataFrame  # all columns str; empty cells are ""
    file: str
    sheet: str | None = None
    first_row: int = FIRST_DATA_ROW  # spreadsheet row number of frame row 0

    def row_number(self, position: int) -> int:
        """Return the spreadsheet row number of the frame row at ``position``."""
        return self.first_row + position


def decode_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (with or without BOM); report empty, binary or other encodings."""
    if not data.strip():
        return None, [Problem("file_empty", file=file)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem("file_encoding", file=file, params={"encoding": "UTF-16"})]
    if b"\x00" in data[:4096] or data.startswith(b"PK\x03\x04"):
        return None, [Problem("file_not_table", file=file, params={"detail": "binary"})]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        return None, [
            Problem(
                "file_encoding", file=file, params={"encoding": f"≠ UTF-8 (byte {error.start})"}
            )
        ]


def sniff_separator(text: str) -> str:
    """Return ',' or ';' (or tab), judged on the first non-empty line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


def read_csv_bytes(data: bytes, file: str) -> tuple[RawTable | None, list[Problem]]:
    """Read CSV bytes into a RawTable of text cells."""
    text, problems = decode_text(data, file)
    if text is None:
        return None, problems
    separator = sniff_separator(text)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    except csv.Error as error:
        return None, [Problem("file_not_table", file=file, params={"detail": str(error)})]
    return _table_from_rows(rows, file, None)


def _table_from_rows(
    rows: list[list[str]], file: str, sheet: str | None
) -> tuple[RawTable | None, list[Problem]]:
    rows = [[cell.strip() for cell in row] for row in rows]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        return None, [Problem("file_empty", file=file, sheet=sheet)]
    header = rows[0]
    while header and not header[-1]:
        header = header[:-1]
    width = len(header)
    problems = []
    body = []
    for position, row in enumerate(rows[1:]):
        if any(row[width:]):
            problems.append(
                Problem("row_too_long", file=file, sheet=sheet, row=position + FIRST_DATA_ROW)
            )
        body.append((row + [""] * width)[:width])
    frame = pd.DataFrame(body, columns=header, dtype=str)
    return RawTable(frame, file, sheet), problems


def cell_text(value: object) -> str:
    """Return a workbook cell as text: integral floats lose their '.0', None becomes ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def check_workbook(data: bytes, file: str) -> list[Problem]:
    """Report a workbook that is not a zip or unpacks to more than MAX_UNPACKED_BYTES."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return [Problem("file_not_table", file=file, params={"detail": "not an .xlsx workbook"})]
    if unpacked > MAX_UNPACKED_BYTES:
        return [Problem("file_too_large", file=file, params={"size_mb": unpacked // 2**20})]
    return []


def read_workbook(data: bytes, file: str) -> tuple[dict[str, list[list[str]]], list[Problem]]:
    """Read every visible sheet of an .xlsx workbook into rows of text cells."""
    import openpyxl  # imported here: only workbook users pay for it

    problems = check_workbook(data, file)
    if problems:
        return {}, problems
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for broken files
        return {}, [Problem("file_not_table", file=file, params={"detail": type(error).__name__})]
    sheets = {}
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        sheets[sheet.title] = [
            [cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    book.close()
    if not sheets:
        return {}, [Problem("no_visible_sheet", file=file)]
    return sheets, []


def read_workbook_tables(data: bytes, file: str) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read each visible sheet of a workbook as a RawTable keyed by sheet name."""
    sheets, problems = read_workbook(data, file)
    tables = {}
    for name, rows in sheets.items():
        table, sheet_problems = _table_from_rows(rows, file, name)
        problems += sheet_problems
        if table is not None:
            tables[name] = table
    return tables, problems


def read_bytes(path: Path) -> bytes:
    """Return the bytes of ``path``."""
    return path.read_bytes()
