"""Read table files (CSV bytes, XLSX workbooks) into frames of text, reporting what fails."""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from parviz.problems import Problem

# A workbook larger than this when unpacked is refused (zip bombs).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# An uploaded table larger than this is refused before it is parsed (as .streamlit/config.toml).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# An imported sheet is read up to this many rows and columns: a published table is far smaller,
# and a sheet whose last used cell is XFD1048576 must not take minutes.
MAX_IMPORT_ROWS = 5_000
MAX_IMPORT_COLUMNS = 200
# First row of data in a file whose header is on row 1.
FIRST_DATA_ROW = 2
# csv.reader refuses a field longer than this (csv.field_size_limit()): file_not_table.
CSV_FIELD_LIMIT = 131_072
# Cells that may need str.strip(): they start or end with a space, a control or a non-ASCII
# character (Python strips Unicode spaces; Arrow's trim does not agree on all of them).
_MAYBE_PADDED = r"^[^!-~]|[^!-~]$"


@dataclass(frozen=True)
class RawTable:
    """A table as read: every cell as stripped text, with where it came from."""

    frame: pd.DataFrame  # all columns str; empty cells are ""
    file: str
    sheet: str | None = None
    first_row: int = FIRST_DATA_ROW  # spreadsheet row number of frame row 0
    # True when every cell is plain printable ASCII (no space, no control): such text is
    # already NFC and stripped, so typing skips those passes over millions of cells.
    plain: bool = False

    def row_number(self, position: int) -> int:
        """Return the spreadsheet row number of the frame row at ``position``."""
        return self.first_row + position


def decode_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (with or without BOM); report empty, binary or other encodings."""
    problems = _not_text(data, file)
    if problems:
        return None, problems
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        return None, [
            Problem(
                "file_encoding", file=file, params={"encoding": f"≠ UTF-8 (byte {error.start})"}
            )
        ]


def _not_text(data: bytes, file: str) -> list[Problem]:
    """Report bytes that are empty, UTF-16 or binary (the checks made before decoding)."""
    if not data or data.isspace():  # as ``not data.strip()``, without copying a large file
        return [Problem("file_empty", file=file)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [Problem("file_encoding", file=file, params={"encoding": "UTF-16"})]
    if b"\x00" in data[:4096] or data.startswith(b"PK\x03\x04"):
        return [Problem("file_not_table", file=file, params={"detail": "binary"})]
    return []


def file_kind(data: bytes) -> str:
    """Guess what bytes hold: empty, xlsx, xls, html, pdf, binary or text."""
    head = data[:4096]
    if not data.strip():
        return "empty"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"  # OLE2: the old binary Excel format
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with a byte-order mark
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head")):
        return "html"
    odd, even = head[1::2], head[0::2]
    if len(head) >= 8 and odd.count(0) >= 0.6 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf16"  # UTF-16 little-endian without a byte-order mark
    if b"\x00" in head:
        return "binary"
    return "text"


def decode_upload(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode an uploaded text table: UTF-8 (BOM or not) or UTF-16 with a BOM.

    Other encodings are refused with the line of the first byte that is not UTF-8, since
    guessing between Windows-1258, TCVN3 and VNI would silently corrupt diacritics.
    """
    kind = file_kind(data)
    if kind != "text":
        return None, [kind_problem(kind, file)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, [Problem("file_encoding", file=file, params={"encoding": "UTF-16"})]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        guess = "Windows-1258/1252" if _looks_ansi(data) else "?"
        return None, [Problem("file_encoding", file=file, row=line, params={"encoding": guess})]


def _looks_ansi(data: bytes) -> bool:
    return not any(byte < 0x09 for byte in data[:4096])


def kind_problem(kind: str, file: str) -> Problem:
    """Return the problem that says a file of ``kind`` is not a table parviz reads."""
    if kind == "empty":
        return Problem("file_empty", file=file)
    if kind in ("xls", "html", "pdf"):
        return Problem(f"import_file_{kind}", file=file)
    if kind == "utf16":
        return Problem("file_encoding", file=file, params={"encoding": "UTF-16 (no BOM)"})
    return Problem("file_not_table", file=file, params={"detail": "binary"})


def check_upload_size(data: bytes, file: str) -> list[Problem]:
    """Refuse an upload larger than MAX_UPLOAD_BYTES, before parsing a byte of it."""
    if len(data) <= MAX_UPLOAD_BYTES:
        return []
    return [
        Problem(
            "import_too_large",
            file=file,
            params={"size_mb": len(data) // 2**20, "limit_mb": MAX_UPLOAD_BYTES // 2**20},
        )
    ]


def sniff_separator(text: str) -> str:
    """Return ',' or ';' (or tab), judged on the first non-empty line."""
    return _separator_in(_first_line(text))


def sniff_table_separator(text: str, lines: int = 20) -> str:
    """Return the separator of a published table: the one its first lines agree on.

    A published table starts with title rows ("KẾT QUẢ … NĂM 2022", maybe with commas) above
    a semicolon header, and its decimal commas vary by row: the separator is the character
    that the most lines hold the same number of times (as csv.Sniffer judges consistency).
    """
    head = [line for line in text[:_HEAD].splitlines() if line.strip()][:lines]

    def agreement(separator: str) -> tuple[int, int, bool]:
        counts = Counter(line.count(separator) for line in head)
        counts.pop(0, None)
        same, count = max(((n, c) for c, n in counts.items()), default=(0, 0))
        return same, count, separator == ","

    return max((",", ";", "\t"), key=agreement)


def _separator_in(line: str) -> str:
    counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


# The first line is looked for in this many leading characters before the whole text.
_HEAD = 1 << 16


def _first_line(text: str) -> str:
    """Return the first non-empty line, splitting only the head of a large text."""
    found = _first_line_in_head(text[:_HEAD], whole=len(text) <= _HEAD)
    if found is not None:
        return found
    return next((line for line in text.splitlines() if line.strip()), "")


def _first_line_in_head(head: str, *, whole: bool) -> str | None:
    """Return the first non-empty line of ``head``; None when it may go on past the head."""
    lines = head.splitlines()
    for position, line in enumerate(lines):
        if line.strip():
            return line if position < len(lines) - 1 or whole else None
    return "" if whole else None


def _ascii_separator(data: bytes) -> str:
    """Return sniff_separator of ASCII ``data``, decoding only its head when that suffices."""
    found = _first_line_in_head(data[:_HEAD].decode("ascii"), whole=len(data) <= _HEAD)
    return sniff_separator(data.decode("ascii")) if found is None else _separator_in(found)


def read_csv_bytes(data: bytes, file: str) -> tuple[RawTable | None, list[Problem]]:
    """Read CSV bytes into a RawTable of text cells.

    A plain, rectangular file (the usual case, and every large one) is read by Arrow's CSV
    reader; anything else goes through csv.reader, which locates each problem exactly.
    """
    if data.isascii():  # it decodes: decoding a large file is left to the rare exact read
        problems, text = _not_text(data, file), None
        if problems:
            return None, problems
        separator = _ascii_separator(data)
    else:
        text, problems = decode_text(data, file)
        if text is None:
            return None, problems
        separator = sniff_separator(text)
    cut = truncated_end(data, separator, file)
    fast = _read_plain_csv(data, separator, file)
    if fast is not None:
        return fast, cut
    text = data.decode("ascii") if text is None else text
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    except csv.Error as error:
        return None, [Problem("file_not_table", file=file, params={"detail": str(error)})]
    table, problems = _table_from_rows(rows, file, None)
    return table, cut + problems


def truncated_end(data: bytes, separator: str, file: str) -> list[Problem]:
    """Report a file that ends in the middle of a row: no final line break after a short row.

    A copy or upload cut short leaves such an end (often in the middle of a number). A last
    row with all its columns is accepted without a final line break (editors omit it).
    """
    body = data.rstrip(b" \t")
    if not body or body.endswith((b"\n", b"\r")) or b"\n" not in body:
        return []
    header = body[: body.find(b"\n")].decode("utf-8", "replace").lstrip("\ufeff")
    last = body[body.rfind(b"\n") + 1 :].decode("utf-8", "replace")
    try:
        expected = len(next(csv.reader([header], delimiter=separator)))
        fields = len(next(csv.reader([last], delimiter=separator)))
    except (csv.Error, StopIteration):
        return []
    if fields >= expected and last.count('"') % 2 == 0:
        return []
    row = body.count(b"\n") + 1  # the header is row 1
    return [
        Problem("file_truncated", file=file, row=row,
                params={"fields": fields, "expected": expected})
    ]  # fmt: skip


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


def _read_plain_csv(data: bytes, separator: str, file: str) -> RawTable | None:
    """Read a plain CSV with Arrow, exactly as csv.reader + _table_from_rows would.

    Returns None (use the exact reader) for anything a plain read could get wrong or that has
    a problem to report: quotes, NUL bytes, bare carriage returns, a blank first line, blank
    or ragged rows, cells past the header, over-long fields, duplicate or empty headers.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b'"' in data or b"\x00" in data:
        return None
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None
    first = data[: data.find(b"\n")] if b"\n" in data else data
    if not first.strip():
        return None
    names = [f"c{i}" for i in range(first.count(separator.encode()) + 1)]
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(
                delimiter=separator, quote_char=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                # large_string: what pandas' str dtype holds, so to_pandas copies nothing
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, ValueError):
        return None  # ragged or blank rows: the exact reader reports them
    columns = [table.column(name) for name in names]  # chunked: combining would copy
    if len(data) > CSV_FIELD_LIMIT and _longest_cell(columns) > CSV_FIELD_LIMIT:
        return None
    padded = _may_be_padded(data, separator)
    if padded:
        columns = [_strip(column) for column in columns]
    return _plain_table(columns, file, plain=not padded)


def _longest_cell(columns: list[pa.ChunkedArray]) -> int:
    """Return the length in bytes of the longest cell, chunk by chunk (small temporaries)."""
    lengths = (pc.max(pc.binary_length(chunk)).as_py() for c in columns for chunk in c.chunks)
    return max((length or 0 for length in lengths), default=0)


def _may_be_padded(data: bytes, separator: str) -> bool:
    """Return False when no cell can change under str.strip(): one pass over the bytes.

    Only spaces, controls and non-ASCII bytes can pad a cell; a file of plain ASCII words and
    numbers (every large table) then skips the per-cell checks.
    """
    plain = bytes(range(0x21, 0x7F)) + b"\n\r" + separator.encode()
    return bool(data.translate(None, plain))  # what is left is neither plain nor a separator


def _strip(column: pa.Array) -> pa.Array:
    """Return the cells str.strip()-ed: only the few that may be padded go through Python."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    padded = pc.match_substring_regex(column, _MAYBE_PADDED)
    if not pc.any(padded).as_py():
        return column
    where = np.flatnonzero(padded.to_numpy(zero_copy_only=False))
    stripped = [cell.strip() for cell in column.take(where).to_pylist()]
    return pc.replace_with_mask(column, padded, pa.array(stripped, type=column.type))


def _plain_table(columns: list[pa.Array], file: str, *, plain: bool) -> RawTable | None:
    """Turn stripped Arrow columns (header row first) into a RawTable; None when irregular.

    ``plain``: every cell is printable ASCII (see RawTable.plain).
    """
    header = [column[0].as_py() for column in columns]
    while header and not header[-1]:
        header.pop()
    if not header or "" in header or len(set(header)) < len(header):
        return None
    body = [column.slice(1) for column in columns]
    rows = _rows_up_to_last_filled(body)  # trailing blank rows go
    if any(_filled(column, rows).any() for column in body[len(header) :]):
        return None  # a cell past the header: the exact reader reports row_too_long
    arrays = [column.slice(0, rows) for column in body[: len(header)]]
    frame = pa.table(arrays, names=[f"c{i}" for i in range(len(header))]).to_pandas()
    frame.columns = header
    return RawTable(frame, file, plain=plain)


def _rows_up_to_last_filled(body: list[pa.Array]) -> int:
    """Return the number of rows up to the last one with a non-empty cell."""
    rows = len(body[0])
    if rows and any(column[rows - 1].as_py() for column in body):
        return rows  # the usual file: its last row is filled
    filled = np.zeros(rows, dtype=bool)
    for column in body:
        filled |= _filled(column, rows)
    return int(np.flatnonzero(filled)[-1]) + 1 if filled.any() else 0


def _filled(column: pa.Array, rows: int) -> np.ndarray:
    return pc.greater(pc.binary_length(column.slice(0, rows)), 0).to_numpy(zero_copy_only=False)


def cell_text(value: object, number_format: str | None = None) -> str:
    """Return a workbook cell as text: integral floats lose their '.0', None becomes ''.

    A number in a percent format is shown ×100 (a cell showing 91.53% holds 0.9153), with
    the digits it holds and no binary rounding noise (#18).
    """
    if value is None:
        return ""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and math.isfinite(value) and number_format:
        shown = Decimal(repr(value)) * (100 if is_percent_format(number_format) else 1)
        return _decimal_text(shown, format_decimals(number_format))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decimal_text(value: Decimal, decimals: int | None) -> str:
    """Return ``value`` with the decimals its format shows ('0.00' → 91.50), never cutting
    a digit it holds, but dropping binary noise (0.30000000000000004 → 0.30)."""
    if decimals is not None:
        shown = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if abs(shown - value) < Decimal("1e-9"):
            return format(shown, "f")
    text = format(value.normalize(), "f") if value else "0"
    return text


def format_decimals(number_format: str) -> int | None:
    """Return the decimals an Excel number format shows ('#,##0.00' → 2), None for General."""
    section = re.sub(r'"[^"]*"|\\.|\[[^]]*\]', "", number_format.split(";")[0])
    match = re.search(r"[0#][0#,]*(?:\.([0#]*))?", section)
    if match is None or "general" in section.lower():
        return None
    return len((match.group(1) or "").rstrip("#"))


def is_percent_format(number_format: str | None) -> bool:
    """Return True for an Excel number format that shows a percentage ('0.00%')."""
    if not number_format or "%" not in number_format:
        return False
    literal = re.sub(r'"[^"]*"|\\.', "", number_format)  # quoted text and \% are literal
    return "%" in literal


def check_workbook(data: bytes, file: str) -> list[Problem]:
    """Report a workbook that is not a zip or unpacks to more than MAX_UNPACKED_BYTES."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return [Problem("file_not_table", file=file, params={"detail": "not an .xlsx workbook"})]
    if "xl/workbook.xml" not in names:
        return [Problem("file_not_table", file=file, params={"detail": "zip, not .xlsx"})]
    if unpacked > MAX_UNPACKED_BYTES:
        return [Problem("file_too_large", file=file, params={"size_mb": unpacked // 2**20})]
    return []


def read_workbook(
    data: bytes,
    file: str,
    *,
    max_rows: int | None = None,
    max_columns: int | None = None,
) -> tuple[dict[str, list[list[str]]], list[Problem]]:
    """Read every visible sheet of an .xlsx workbook into rows of text cells.

    ``max_rows``/``max_columns`` bound what is read of each sheet (for uploads).
    """
    import openpyxl  # imported here: only workbook users pay for it

    problems = check_workbook(data, file)
    if problems:
        return {}, problems
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = {}
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            rows = sheet.iter_rows(max_row=max_rows, max_col=max_columns)
            sheets[sheet.title] = [[_shown(cell) for cell in row] for row in rows]
        book.close()
    except Exception as error:  # openpyxl and zipfile raise many types for broken files
        return {}, [Problem("file_not_table", file=file, params={"detail": type(error).__name__})]
    if not sheets:
        return {}, [Problem("no_visible_sheet", file=file)]
    return sheets, []


def _shown(cell: object) -> str:
    """Return a read-only cell as text, as the sheet shows it (percent cells ×100)."""
    return cell_text(getattr(cell, "value", None), getattr(cell, "number_format", None))


def uncomputed_formulas(
    data: bytes, sheet: str, rows: list[list[str]]
) -> list[tuple[int, int, str]]:
    """Return (row, column, formula) of formula cells that have no saved value in ``rows``.

    A workbook written by a program (not saved by Excel or LibreOffice) keeps formulas without
    their results; read with data_only they look empty, which would lose numbers silently.
    """
    import openpyxl

    found = []
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        worksheet = book[sheet]
        for r, row in enumerate(worksheet.iter_rows(values_only=True, max_row=len(rows))):
            for c, value in enumerate(row[:MAX_IMPORT_COLUMNS]):
                blank = c >= len(rows[r]) or rows[r][c] == ""
                if blank and isinstance(value, str) and value.startswith("="):
                    found.append((r + 1, c, value))
        book.close()
    except Exception:  # the values were read already; a second failure adds nothing
        return []
    return found


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
