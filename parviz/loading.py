"""Load a dataset folder (CSV) or workbook (XLSX) into typed tables, collecting every problem."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from parviz import columnar, schema
from parviz.dataset import (
    ROW,
    Dataset,
    Origin,
    TextCodes,
    fingerprint_files,
    int_codes,
    parse_bool,
)
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


def load(path: Path, *, cache: bool = True) -> LoadResult:
    """Read, type-check and validate the dataset at ``path`` (a folder or an .xlsx file).

    A large dataset's typed tables are kept in a columnar cache beside it (parviz.columnar) and
    read from there while its files are unchanged; ``cache=False`` always parses the files.
    """
    path = Path(path)
    if not path.exists():
        return LoadResult(None, [Problem("dataset_missing", file=str(path))])
    files = dataset_files(path)
    # Taken before reading (#18): an edit landing during the read changes the files' fingerprint
    # after this one, so the next load sees a new key instead of caching new data under it.
    fingerprint = fingerprint_files(files)
    cache = cache and bool(files) and columnar.worth_caching(files)
    key = columnar.cache_key(files) if cache else ""  # before reading: a later edit changes it
    cached = columnar.read(path, key) if cache else None
    if cached is not None:
        tables, origins, problems, checked = cached
        codes = {}
    else:
        codes: dict[str, dict[str, TextCodes]] = {}
        tables, origins, problems = type_tables(path, text_codes=codes)
        if has_errors(problems):
            return LoadResult(None, problems)
        checked = None
    dataset = Dataset(tables, origins, path, fingerprint, text_codes=codes)
    if checked is None:
        checked = _validate_and_cache(dataset, path if cache else None, key, files, problems)
    problems = problems + checked
    return LoadResult(None if has_errors(problems) else dataset, problems)


def _validate_and_cache(
    dataset: Dataset, cache_path: Path | None, key: str, files: list[Path], problems: list[Problem]
) -> list[Problem]:
    """Validate ``dataset``; with a ``cache_path``, cache its tables meanwhile (in a thread)."""
    from parviz.validation import validate  # validation builds on typed tables from here

    if cache_path is None:
        return validate(dataset)
    pending = columnar.begin_write(
        cache_path, key, files, dataset.tables, dataset.origins, problems, dataset.text_codes
    )
    try:
        checked = validate(dataset)
    except BaseException:
        pending.abandon()
        raise
    pending.finish(checked)
    return checked


def type_tables(
    path: Path, *, text_codes: dict[str, dict[str, TextCodes]] | None = None
) -> tuple[dict[str, pd.DataFrame], dict[str, Origin], list[Problem]]:
    """Read every table of the dataset at ``path`` and type its cells; collect the problems.

    ``text_codes`` receives, per table, the value codes of text columns (see Dataset).
    """
    raw, problems = read_raw_tables(path)
    tables, origins = {}, {}
    for table in schema.TABLES:
        codes = {} if text_codes is None else text_codes.setdefault(table.name, {})
        read = raw.pop(table.name, None)  # its text is freed once typed (hundreds of MB)
        frame, table_problems = type_table(table, read, text_codes=codes)
        tables[table.name] = frame
        problems += table_problems
        if read is not None:
            origins[table.name] = Origin(read.file, read.sheet)
        del read
    return tables, origins, problems


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


def type_table(
    table: schema.Table, raw: RawTable | None, *, text_codes: dict[str, TextCodes] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check the columns of a raw table and parse its cells into typed columns.

    ``text_codes`` receives the value codes of text columns (equal values, equal codes).
    """
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
    key_codes: dict[str, TextCodes] = {} if text_codes is None else text_codes
    for column in table.columns:
        if column.name not in headers:
            if column.required:
                problems.append(Problem("column_missing", column=column.name, **where))
            typed[column.name] = pd.Series([None] * len(raw.frame), dtype=_dtype(column.kind))
            continue
        values, cell_problems = parse_column(raw, headers[column.name], column, key_codes=key_codes)
        typed[column.name] = values
        problems += cell_problems
    frame = pd.DataFrame(typed, copy=False)  # the parsed columns are new: no copy
    frame[ROW] = np.arange(raw.first_row, raw.first_row + len(raw.frame), dtype="int64")
    problems += duplicate_keys(frame, table, raw, key_codes=key_codes)
    return frame, problems


def parse_column(
    raw: RawTable,
    header: str,
    column: schema.Column,
    *,
    key_codes: dict[str, TextCodes] | None = None,
) -> tuple[pd.Series, list[Problem]]:
    """Parse one column's text cells; report empty required cells and unparsable values.

    Vectorised for large files: plain numbers (what float() reads unambiguously) are converted
    in one pass, and only the rare other cells go through parse_cell one by one. A text
    column's value codes and values (equal codes for equal values, -1 for empty) go into
    ``key_codes``.
    """
    texts = raw.frame[header] if raw.plain else _clean_texts(raw.frame[header])
    if column.kind in (schema.Kind.INT, schema.Kind.NUMBER):
        fast = _cast_all(texts, column)
        if fast is not None:  # the usual large column: no cell empty (Arrow refuses ""), valid
            return fast, []
    codes: np.ndarray | None = None  # a problem code per cell (None: fine), made when needed
    if column.kind is schema.Kind.TEXT:
        cells, encoded = _text_objects(texts)
        empty = _empty(texts, encoded)
        cells[empty] = None
        if key_codes is not None and encoded is not None:
            encoded[0][empty] = -1
            key_codes[column.name] = encoded
        values = pd.Series(cells, dtype=object, copy=False)  # cells is new: no copy
    elif column.kind is schema.Kind.BOOL:
        empty = (texts == "").to_numpy(dtype=bool)
        codes = _no_codes(len(texts))
        values = pd.Series(_parse_cells(texts, ~empty, column, codes), dtype="boolean")
    else:
        empty = (texts == "").to_numpy(dtype=bool)
        values, codes = _parse_numbers(texts, empty, column)
    if not column.nullable and empty.any():
        codes = _no_codes(len(texts)) if codes is None else codes
        codes[empty] = "value_missing"
    problems = []
    if codes is None:  # the usual large column: every cell parsed
        return values, problems
    for position in np.flatnonzero(pd.notna(codes)):  # codes are None or a problem code
        code = codes[position]
        params = {} if code == "value_missing" else {"value": texts.iat[position]}
        if params and column.minimum is not None:
            params["minimum"] = column.minimum
        problems.append(_cell_problem(code, raw, int(position), header, **params))
    return values, problems


def _empty(texts: pd.Series, encoded: TextCodes | None) -> np.ndarray:
    """Return where the cells are empty, from the value codes when there are some."""
    if encoded is None:
        return (texts == "").to_numpy(dtype=bool)
    value_codes, words = encoded
    blank = np.flatnonzero(words == "")  # the values are distinct: at most one is ""
    return value_codes == blank[0] if len(blank) else np.zeros(len(value_codes), dtype=bool)


def _text_objects(texts: pd.Series) -> tuple[np.ndarray, TextCodes | None]:
    """Return the cells as an object array of str, and their (codes, distinct values) or None.

    Key columns repeat few values over millions of rows: encoding them first and taking from
    the small dictionary is several times faster than one Python str per cell, and shares them.
    """
    try:
        encoded = pc.dictionary_encode(_arrow_strings(texts))
    except (pa.ArrowException, TypeError, ValueError):
        return texts.to_numpy(dtype=object), None
    # A chunked column's chunks all carry the one dictionary of the whole column.
    chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
    if not chunks or len(chunks[-1].dictionary) > len(encoded) // 2:  # mostly distinct
        return texts.to_numpy(dtype=object), None
    words = np.asarray(chunks[-1].dictionary.to_pylist(), dtype=object)
    value_codes = np.concatenate(
        [chunk.indices.to_numpy(zero_copy_only=False) for chunk in chunks], dtype="int64"
    )
    return words.take(value_codes), (value_codes, words)


def _arrow_strings(texts: pd.Series) -> pa.Array | pa.ChunkedArray:
    """Return the cells as Arrow strings (no copy for Arrow-backed text)."""
    array = pa.array(texts)
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        return array
    return pa.array(texts, type=pa.large_string())


def _clean_texts(cells: pd.Series) -> pd.Series:
    """Return the cells NFC-normalised and stripped (as parse_cell expects them)."""
    texts = cells.astype(str)
    if not texts.str.isascii().all():  # ASCII text is already NFC: skip the costly pass
        texts = texts.str.normalize("NFC")
    return texts.str.strip()


# Cells float() and Arrow's cast both read, and read alike: digits, point, exponent.
_PLAIN_NUMBER = r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"


def _no_codes(size: int) -> np.ndarray:
    """Return ``size`` problem codes, all None (no problem yet)."""
    return np.full(size, None, dtype=object)


def _parse_numbers(
    texts: pd.Series, empty: np.ndarray, column: schema.Column
) -> tuple[pd.Series, np.ndarray]:
    """Return the typed values of a number or int column and its problem codes.

    For a column _cast_all could not type whole: cell by cell where plain parsing fails.
    """
    codes = _no_codes(len(texts))
    plain = texts.str.fullmatch(_PLAIN_NUMBER).to_numpy(dtype=bool) & ~empty
    numbers = np.full(len(texts), np.nan)
    numbers[plain] = _to_floats(texts if plain.all() else texts[plain])  # usually all plain
    codes[plain & ~np.isfinite(numbers)] = "value_not_number"
    chosen = ~plain & ~empty  # e.g. "91,53", "1 000": the rules of parse_cell, cell by cell
    parsed = _parse_cells(texts, chosen, column, codes)
    numbers[chosen] = [np.nan if parsed[p] is None else parsed[p] for p in np.flatnonzero(chosen)]
    finite = np.isfinite(numbers)
    if column.kind is schema.Kind.INT:
        fractional = plain & finite & (numbers != np.floor(np.where(finite, numbers, 0)))
        codes[fractional] = "value_not_integer"
    if column.minimum is not None:
        low = finite & (codes == None) & (numbers < column.minimum)  # noqa: E711
        codes[low] = np.where(numbers[low] < 0, "value_negative", "value_below_minimum")
    numbers[codes != None] = np.nan  # noqa: E711
    return pd.Series(numbers, copy=False).astype(_dtype(column.kind)), codes


def _cast_all(texts: pd.Series, column: schema.Column) -> pd.Series | None:
    """Return the typed column when Arrow casts every cell to a valid value, else None.

    The usual large column. Arrow reads the standard decimal grammar, and reads it as float()
    does (both round correctly); what else it accepts (nan, inf) is not finite and sends the
    column, like any cell it refuses, to the exact path that reports each cell.
    """
    try:
        numbers = pc.cast(_arrow_strings(texts), pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    if not np.isfinite(numbers).all():
        return None
    if column.minimum is not None and len(numbers) and numbers.min() < column.minimum:
        return None
    if column.kind is not schema.Kind.INT:
        return pd.Series(numbers, copy=False).astype(_dtype(column.kind))
    if len(numbers) and max(-numbers.min(), numbers.max()) < 2**53:
        # Exact as int64: whole exactly when equal to it; then what astype("Int64") makes.
        whole = numbers.astype("int64")
        if not (whole == numbers).all():
            return None
        return pd.Series(pd.arrays.IntegerArray(whole, np.zeros(len(whole), dtype=bool)))
    if not (numbers == np.floor(numbers)).all():
        return None
    return pd.Series(numbers, copy=False).astype(_dtype(column.kind))


def _to_floats(plain: pd.Series) -> np.ndarray:
    """Convert cells matching _PLAIN_NUMBER to floats, correctly rounded like float().

    Arrow's cast parses in C (correctly rounded too); float() is the fallback.
    """
    try:
        return pc.cast(pa.array(plain, type=pa.string()), pa.float64()).to_numpy(
            zero_copy_only=False
        )
    except (pa.ArrowException, TypeError, ValueError):
        return np.fromiter(map(float, plain), dtype="float64", count=len(plain))


def _parse_cells(
    texts: pd.Series, chosen: np.ndarray, column: schema.Column, codes: np.ndarray
) -> list[object]:
    """Parse the ``chosen`` cells one by one with parse_cell; return all values (None elsewhere)."""
    values: list[object] = [None] * len(texts)
    for position in np.flatnonzero(chosen):
        value, code = parse_cell(texts.iat[position], column.kind)
        values[position], codes[position] = value, code
    return values


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


def duplicate_keys(
    frame: pd.DataFrame,
    table: schema.Table,
    raw: RawTable,
    *,
    key_codes: dict[str, TextCodes] | None = None,
) -> list[Problem]:
    """Report every row whose key repeats an earlier row's key.

    ``key_codes`` may hold value codes of key columns from parsing (-1 for empty): they spare
    hashing millions of text cells again.
    """
    key = list(table.key)
    known = key_codes or {}
    codes = [(known[n] if n in known else int_codes(frame[n]))[0] for n in key]  # -1: empty
    complete = np.logical_and.reduce([c >= 0 for c in codes]) if codes else np.zeros(0, bool)
    if frame.empty or not any((c >= 0).any() for c in codes):
        return []
    combined = _combined_codes(codes)
    if _all_distinct(combined):  # the usual table: nothing to locate
        return []
    repeated = frame[pd.Series(combined, copy=False).duplicated().to_numpy() & complete]
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


def _all_distinct(codes: np.ndarray) -> bool:
    """Return True when no two of the non-negative ``codes`` are equal (False: maybe some are).

    Counting codes is a pass over an integer array, where hashing them takes several; the
    counts need memory in proportion to the largest code, so large codes are not counted.
    """
    if not len(codes) or int(codes.max()) > 4 * len(codes) + 1024:
        return False
    return int(np.bincount(codes).max()) <= 1


def _combined_codes(codes: list[np.ndarray]) -> np.ndarray:
    """Return one int64 code per row for the tuple of per-column codes (-1 allowed).

    Rows get the same code exactly when all their column codes are equal, as
    DataFrame.duplicated compares them (an empty cell equals an empty cell), on integers.
    """
    combined = np.zeros(len(codes[0]), dtype="int64")
    for column in codes:
        size = int(column.max(initial=-1)) + 2
        if int(combined.max(initial=0)) >= 2**62 // size:  # keep the product in int64
            combined = pd.factorize(combined)[0].astype("int64")
        combined *= size  # in place: these are arrays of millions of rows
        combined += column
        combined += 1
    return combined
