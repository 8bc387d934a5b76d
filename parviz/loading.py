"""Load a dataset folder (CSV) or workbook (XLSX) into typed tables, collecting every problem."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from parviz import schema
from parviz.dataset import ROW, Dataset, Origin, fingerprint_files, parse_bool
from parviz.problems import DataError, Problem, Severity, has_errors
from parviz.reading import RawTable, read_csv_bytes, read_workbook_tables

_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


@dataclass(frozen=True)
class LoadResult:
    """A dataset (None when errors stop it) and every problem found."""

    dataset: Dataset | None
    problems: list[Problem]


def dataset_files(path: Path) -> list[Path]:
    """Return the files a dataset at ``path`` is made of (for cache keys and backups)."""
    if path.is_file():
        return [path]
    return [path / table.file_name for table in schema.TABLES if (path / table.file_name).exists()]


def load(path: Path) -> LoadResult:
    """Read, type-check and validate the dataset at ``path`` (a folder or an .xlsx file)."""
    from parviz.validation import validate  # validation builds on typed tables from here

    path = Path(path)
    if not path.exists():
        return LoadResult(None, [Problem("dataset_missing", file=str(path))])
    raw, problems = read_raw_tables(path)
    tables, origins = {}, {}
    for table in schema.TABLES:
        frame, table_problems = type_table(table, raw.get(table.name))
        tables[table.name] = frame
        problems += table_problems
        if table.name in raw:
            origins[table.name] = Origin(raw[table.name].file, raw[table.name].sheet)
    if has_errors(problems):
        return LoadResult(None, problems)
    dataset = Dataset(tables, origins, path, fingerprint_files(dataset_files(path)))
    problems += validate(dataset)
    return LoadResult(None if has_errors(problems) else dataset, problems)


def load_dataset(path: Path) -> Dataset:
    """Return the dataset at ``path``; raise DataError with every problem when it has errors."""
    result = load(path)
    if result.dataset is None:
        raise DataError(result.problems)
    return result.dataset


def read_raw_tables(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the tables of a folder of CSV files or of one workbook, as text."""
    if path.is_file():
        return _read_workbook(path)
    raw, problems = {}, []
    for table in schema.TABLES:
        file = path / table.file_name
        if not file.exists():
            if table.required:
                problems.append(Problem("file_missing", file=table.file_name))
            continue
        read, read_problems = read_csv_bytes(file.read_bytes(), table.file_name)
        problems += read_problems
        if read is not None:
            raw[table.name] = read
    return raw, problems


def _read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    if path.suffix.lower() != ".xlsx":
        return {}, [Problem("file_not_table", file=path.name, params={"detail": path.suffix})]
    sheets, problems = read_workbook_tables(path.read_bytes(), path.name)
    by_name = {name.strip().casefold(): table for name, table in sheets.items()}
    raw = {}
    for table in schema.TABLES:
        if table.name in by_name:
            raw[table.name] = by_name[table.name]
        elif table.required:
            problems.append(Problem("file_missing", file=path.name, sheet=table.name))
    return raw, problems


def empty_frame(table: schema.Table) -> pd.DataFrame:
    """Return an empty typed frame with the table's columns."""
    frame = pd.DataFrame({c.name: pd.Series(dtype=_dtype(c.kind)) for c in table.columns})
    frame[ROW] = pd.Series(dtype="int64")
    return frame


def _dtype(kind: schema.Kind) -> str:
    return {"int": "Int64", "number": "float64", "bool": "boolean"}.get(kind.value, "object")


def type_table(table: schema.Table, raw: RawTable | None) -> tuple[pd.DataFrame, list[Problem]]:
    """Check the columns of a raw table and parse its cells into typed columns."""
    if raw is None:
        return empty_frame(table), []
    where = {"file": raw.file, "sheet": raw.sheet}
    headers = {unicodedata.normalize("NFC", h).strip().casefold(): h for h in raw.frame.columns}
    problems = [
        Problem("column_unknown", Severity.WARNING, column=original, **where)
        for key, original in headers.items()
        if key not in table.column_names
    ]
    typed = {}
    for column in table.columns:
        if column.name not in headers:
            if column.required:
                problems.append(Problem("column_missing", column=column.name, **where))
            typed[column.name] = pd.Series([None] * len(raw.frame), dtype=_dtype(column.kind))
            continue
        values, cell_problems = parse_column(raw, headers[column.name], column)
        typed[column.name] = values
        problems += cell_problems
    frame = pd.DataFrame(typed)
    frame[ROW] = [raw.row_number(i) for i in range(len(raw.frame))]
    problems += duplicate_keys(frame, table, raw)
    return frame, problems


def parse_column(
    raw: RawTable, header: str, column: schema.Column
) -> tuple[pd.Series, list[Problem]]:
    """Parse one column's text cells; report empty required cells and unparsable values."""
    problems, values = [], []
    for position, text in enumerate(raw.frame[header].tolist()):
        text = unicodedata.normalize("NFC", text).strip()
        if not text:
            values.append(None)
            if not column.nullable:
                problems.append(_cell_problem("value_missing", raw, position, header))
            continue
        value, code = parse_cell(text, column.kind)
        if code is None and column.minimum is not None and value < column.minimum:
            code = "value_negative" if value < 0 else "value_below_minimum"
        if code is not None:
            problems.append(
                _cell_problem(code, raw, position, header, value=text, minimum=column.minimum)
            )
            value = None
        values.append(value)
    return pd.Series(values, dtype=_dtype(column.kind)), problems


def _cell_problem(code: str, raw: RawTable, position: int, header: str, **params) -> Problem:
    return Problem(
        code,
        file=raw.file,
        sheet=raw.sheet,
        row=raw.row_number(position),
        column=header,
        params={k: v for k, v in params.items() if v is not None},
    )


def parse_cell(text: str, kind: schema.Kind) -> tuple[object, str | None]:
    """Return (value, None) or (None, problem code) for one non-empty cell."""
    if kind is schema.Kind.TEXT:
        return text, None
    if kind is schema.Kind.BOOL:
        value = parse_bool(text)
        return (value, None) if value is not None else (None, "value_not_bool")
    number = parse_number(text)
    if number is None:
        return None, "value_not_number"
    if kind is schema.Kind.INT:
        return (int(number), None) if number.is_integer() else (None, "value_not_integer")
    return number, None


def parse_number(text: str) -> float | None:
    """Parse '91.53', '91,53' or ' 91.53 ' into a float; None when it is not a number."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if _DECIMAL_COMMA.match(cleaned):
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def duplicate_keys(frame: pd.DataFrame, table: schema.Table, raw: RawTable) -> list[Problem]:
    """Report every row whose key repeats an earlier row's key."""
    key = list(table.key)
    if frame.empty or frame[key].isna().all(axis=None):
        return []
    repeated = frame[frame.duplicated(subset=key, keep="first") & frame[key].notna().all(axis=1)]
    return [
        Problem(
            "duplicate_key",
            file=raw.file,
            sheet=raw.sheet,
            row=int(row[ROW]),
            column=", ".join(key),
            params={"key": ", ".join(str(row[k]) for k in key)},
        )
        for _, row in repeated.iterrows()
    ]
