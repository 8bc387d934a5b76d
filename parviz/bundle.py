"""The whole dataset as one download: a zip of its CSV files, or one workbook, a sheet a table.

Both are meant to be opened in a spreadsheet, so text cells that a spreadsheet would run as a
formula (starting with = + - @) are neutralised with a leading apostrophe, as in every other
export (parviz/export/tables.py).
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from parviz import schema
from parviz.dataset import ROW, Dataset
from parviz.export.tables import neutralise, sheet_title, to_csv_bytes

# Entries in the zip are dated this way, so the same dataset always gives the same bytes.
ZIP_DATE = (2000, 1, 1, 0, 0, 0)


def dataset_frames(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Return {table name: frame with its declared columns} for every table with rows."""
    frames = {}
    for table in schema.TABLES:
        frame = dataset.table(table.name).drop(columns=[ROW], errors="ignore")
        if frame.empty and not table.required:
            continue
        columns = [c for c in table.column_names if c in frame.columns]
        frames[table.name] = frame[columns].reset_index(drop=True)
    return frames


def dataset_zip(dataset: Dataset) -> bytes:
    """Return a zip holding one CSV file (UTF-8 with BOM) per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in dataset_frames(dataset).items():
            info = zipfile.ZipInfo(f"{name}.csv", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, to_csv_bytes(frame))
    return buffer.getvalue()


def dataset_xlsx(dataset: Dataset) -> bytes:
    """Return one .xlsx workbook with a sheet per table, named like the table."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, frame in dataset_frames(dataset).items():
        sheet = book.create_sheet(sheet_title(name))
        sheet.freeze_panes = "A2"
        header = []
        for column in frame.columns:
            cell = WriteOnlyCell(sheet, value=str(column))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in frame.itertuples(index=False):
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    """Return a value openpyxl writes as is: missing values empty, text neutralised."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return neutralise(value)


__all__ = ["dataset_frames", "dataset_xlsx", "dataset_zip", "neutralise"]
