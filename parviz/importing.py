"""Import a table in the shape provinces publish (one row per unit) into a dataset."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from parviz import grades, headers, precision, reading, schema, shapes, storage, upload_rows
from parviz.dataset import ROW, Dataset
from parviz.dataversion import data_version, dataset_lock
from parviz.loading import load, parse_number
from parviz.problems import Problem, Severity, has_errors
from parviz.reading import decode_upload, read_workbook, sniff_table_separator
from parviz.units import (
    MatchKind,
    UnitMatcher,
    clean_name,
    normalise_name,
    slugify,
    visible_controls,
)

# Default display names of well-known blocks, used when an import creates a block.
KNOWN_BLOCKS = {
    "department": ("Sở, ban, ngành", "Departments"),
    "district": ("UBND huyện, thị xã, thành phố", "Districts"),
    "commune": ("UBND xã, phường, thị trấn", "Communes"),
    "ministry": ("Bộ, cơ quan ngang Bộ", "Ministries"),
    "province": ("Tỉnh, thành phố trực thuộc TW", "Provinces"),
}


@dataclass
class ImportOptions:
    """What the user asked for."""

    year: int
    block: str
    create_units: bool = False
    replace: bool = False
    dry_run: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # role -> header, given explicitly
    sheet: str | None = None
    grades: tuple[str, ...] = ()  # the grade scale in order (--grades), when not recognised


@dataclass
class ImportResult:
    """What an import found and (unless dry-run or errors) wrote."""

    problems: list[Problem]
    rows: pd.DataFrame  # one row per imported unit: name, unit_id, match, values
    mapping: dict[str, str]  # role -> header
    written: bool = False
    sheet: str | None = None  # the sheet read, for a workbook


def read_rows(
    data: bytes, file: str, sheet: str | None
) -> tuple[list[list[str]], str | None, list[Problem]]:
    """Return the cells of a CSV or the chosen (or first visible) sheet of a workbook."""
    problems = reading.check_upload_size(data, file)
    if problems:
        return [], None, problems
    kind = reading.file_kind(data)
    if kind == "xlsx" or (file.lower().endswith((".xlsx", ".xlsm")) and kind == "binary"):
        return _workbook_rows(data, file, sheet)
    text, problems = decode_upload(data, file)
    if text is None:
        return [], None, problems
    separator = sniff_table_separator(text)  # title rows above the header do not decide it
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:  # an unclosed quote, a cell over the field size limit
        detail = f"CSV: {error}"
        where = {"file": file, "row": reader.line_num or None}
        return [], None, [Problem("file_not_table", params={"detail": detail}, **where)]
    rows = [[cell.strip() for cell in row] for row in rows[: reading.MAX_IMPORT_ROWS]]
    if not any(any(row) for row in rows):
        return [], None, [Problem("file_empty", file=file)]
    return rows, None, []


def _workbook_rows(
    data: bytes, file: str, sheet: str | None
) -> tuple[list[list[str]], str | None, list[Problem]]:
    sheets, problems = read_workbook(
        data, file, max_rows=reading.MAX_IMPORT_ROWS, max_columns=reading.MAX_IMPORT_COLUMNS
    )
    if problems:
        return [], None, problems
    if sheet is not None and sheet not in sheets:
        missing = Problem(
            "import_sheet_missing", file=file, sheet=sheet, params={"sheets": ", ".join(sheets)}
        )
        return [], None, [missing]
    filled = (n for n, rows in sheets.items() if any(map(any, rows)))
    name = sheet or next(filled, next(iter(sheets)))
    if not any(map(any, sheets[name])):
        return [], name, [Problem("file_empty", file=file, sheet=name)]
    rows = sheets[name]
    formulas = reading.uncomputed_formulas(data, name, rows)
    problems = [
        Problem(
            "import_formula_uncomputed",
            file=file,
            sheet=name,
            row=row,
            column=_column_letter(column),
            params={"formula": formula[:60]},
        )
        for row, column, formula in formulas[:20]
    ]
    return rows, name, problems


def _column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def criteria_names(dataset: Dataset, year: int, block: str) -> list[tuple[str, str, str]]:
    """Return (criterion_id, name_vi, name_en) of the year's top-level criteria."""
    frame = dataset.criteria(year, block)
    return list(zip(frame["criterion_id"], frame["name_vi"], frame["name_en"]))


@dataclass(frozen=True)
class Header:
    """Where a table's header is: its row index, its cells and the first body row index."""

    index: int
    cells: list[str]
    body: int


def find_header(
    rows: list[list[str]], explicit: dict[str, str], criteria: list[tuple[str, str, str]] = ()
) -> Header | None:
    """Return the first row that names a unit column and a result column.

    A header of two rows (a group title such as 'Điểm các lĩnh vực' merged over C1..C7 on
    the row below) is read as one: each sub-header cell replaces the cell above it. A title
    row (one filled cell, no header in it) is never the top of a header.
    """
    for index, row in enumerate(rows[: headers.MAX_TITLE_ROWS + 1]):
        cells, body = row, index + 1
        if index + 1 < len(rows) and not _is_title(row, explicit, criteria):
            combined = merge_header_rows(row, rows[index + 1], explicit, criteria)
            if combined is not None:
                cells, body = combined, index + 2
        roles = headers.roles_of(cells, explicit, criteria)
        if "unit" in roles.values() and set(roles.values()) & headers.RESULT_ROLES:
            return Header(index, cells, body)
    return None


def _is_title(
    row: list[str], explicit: dict[str, str], criteria: list[tuple[str, str, str]]
) -> bool:
    """Return True for a title row: one filled cell (merged across), not a column header."""
    filled = [cell for cell in row if cell]
    return len(filled) == 1 and not headers.roles_of(filled, explicit, criteria)


def locate_header(
    rows: list[list[str]],
    options: ImportOptions,
    criteria: list[tuple[str, str, str]],
    file: str,
    sheet: str | None,
) -> tuple[Header | None, list[Problem]]:
    """Return the header, its columns narrowed to the imported year's group, or the problem."""
    header = find_header(rows, options.columns, criteria)
    if header is None:
        return None, [Problem("import_no_header", file=file, sheet=sheet)]
    if header.body != header.index + 2:
        return header, []
    top, below = rows[header.index], rows[header.index + 1]
    groups = value_groups(top, below, options.columns, criteria)
    if not groups:
        return header, []
    chosen = [group for group in groups if group.year == options.year]
    if len(chosen) != 1:
        titles = "; ".join(f"'{group.title}'" for group in groups)
        missing = Problem(
            "import_group_missing",
            file=file,
            sheet=sheet,
            row=header.index + 1,
            params={"year": options.year, "groups": titles},
        )
        return None, [missing]
    others = {i for group in groups if group is not chosen[0] for i in group.columns}
    cells = ["" if i in others else cell for i, cell in enumerate(header.cells)]
    return Header(header.index, cells, header.body), []


def value_groups(
    top: list[str],
    below: list[str],
    explicit: dict[str, str],
    criteria: list[tuple[str, str, str]] = (),
) -> list[shapes.Group]:
    """Return the groups of a two-row header that must be chosen between, else [].

    They must be chosen when a sub-header repeats under two groups ("Năm 2022 | Năm 2023"
    over "Điểm | Xếp hạng" twice), or when a group names a year.
    """
    is_header = {i for i, cell in enumerate(top) if headers.roles_of([cell], explicit, criteria)}
    groups = shapes.groups_over(top, below, is_header)
    roles = [headers.role_of(cell, criteria) for cell in below] + [None] * len(top)
    if any(roles[i] in ("unit", "stt") for group in groups for i in group.columns):
        return []  # a title over the whole header, not a group of value columns
    groups = [g for g in groups if any(roles[i] in headers.VALUE_ROLES for i in g.columns)]
    seen: dict[str, int] = {}
    for number, group in enumerate(groups):
        for i in group.columns:
            if roles[i] is not None and seen.setdefault(roles[i], number) != number:
                return groups
    return groups if any(group.year for group in groups) else []


def merge_header_rows(
    top: list[str],
    below: list[str],
    explicit: dict[str, str],
    criteria: list[tuple[str, str, str]] = (),
) -> list[str] | None:
    """Return ``top`` with the cells of ``below`` put in, when ``below`` is a sub-header row.

    ``below`` is a sub-header when its filled cells are all recognised headers and none of
    them stands under a recognised header of ``top`` (a data row never qualifies: its unit
    name is not a header), unless that header is a group title merged over several columns
    ('Điểm đạt được' over 'Điểm đánh giá trực tiếp | Điểm điều tra XHH').
    """
    filled = [(i, cell) for i, cell in enumerate(below) if cell]
    if not filled:
        return None
    explicit_names = set(explicit.values())
    top_roles = headers.roles_of(top, explicit, criteria)
    for i, cell in filled:
        if cell not in explicit_names and headers.role_of(cell, criteria) is None:
            return None
        spans = i + 1 < len(below) and below[i + 1] and not (top[i + 1 :] or [""])[0]
        if i < len(top) and top[i] in top_roles and not spans:
            return None
    width = max(len(top), len(below))
    top = top + [""] * (width - len(top))
    below = below + [""] * (width - len(below))
    return [b or t for t, b in zip(top, below)]


def import_table(path: Path, data: bytes, file: str, options: ImportOptions) -> ImportResult:
    """Parse, match, validate and (unless dry-run) save a published table into ``path``.

    The dataset stays locked from its reading to the save: a second import waits, then
    reads what the first one wrote (no lost update).
    """
    if options.dry_run:
        return _import_locked(path, data, file, options)
    with dataset_lock(path, exclusive=True):
        return _import_locked(path, data, file, options)


def _import_locked(path: Path, data: bytes, file: str, options: ImportOptions) -> ImportResult:
    version = data_version(path)
    loaded = load(path)
    if loaded.dataset is None:
        return ImportResult(loaded.problems, pd.DataFrame(), {})
    if Path(path).is_file():
        return ImportResult([Problem("import_needs_folder", file=str(path))], pd.DataFrame(), {})
    parsed, mapping, sheet, problems = parse_upload(loaded.dataset, data, file, options)
    if parsed.empty and has_errors(problems):
        return ImportResult(problems, parsed, mapping, sheet=sheet)
    # Values with problems were left out of the rows; match the units anyway, so the person
    # sees every problem of the table at once.
    unit_column = mapping.get("unit", "unit")
    where = grades.Where(file, sheet, mapping.get("grade", "grade"))
    tables, merge_problems, rows = merge_into(
        loaded.dataset, parsed, options, file, sheet, unit_column, grades_at=where
    )
    problems += merge_problems
    if has_errors(problems):
        return ImportResult(problems, parsed, mapping, sheet=sheet)
    changed = changed_tables(loaded.dataset, tables)
    if options.dry_run:
        staging_problems = _validate_only(path, changed)
    else:
        staging_problems = storage.save_tables(path, changed, expected_version=version)
    # The whole-dataset check names merged rows of results.csv / scores.csv: point at the upload.
    problems += upload_rows.pointed_at_upload(
        staging_problems, changed, rows, mapping, (file, sheet, options.year)
    )
    if options.dry_run:
        return ImportResult(problems, parsed, mapping, sheet=sheet)
    written = not has_errors(problems)
    return ImportResult(problems, parsed, mapping, written=written, sheet=sheet)


def changed_tables(dataset: Dataset, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return the tables of ``tables`` that differ from the dataset's (only those are written)."""
    changed = {}
    for name, frame in tables.items():
        before = dataset.table(name).drop(columns=[ROW], errors="ignore")
        after = frame.drop(columns=[ROW], errors="ignore")
        if len(before) != len(after) or not _same_cells(before, after):
            changed[name] = frame
    return changed


def _same_cells(before: pd.DataFrame, after: pd.DataFrame) -> bool:
    """Return True when both frames hold the same cells in the same order (types aside)."""
    if list(before.columns) != list(after.columns):
        return False
    left, right = before.reset_index(drop=True), after.reset_index(drop=True)
    for column in before.columns:
        a, b = left[column].astype(object), right[column].astype(object)
        if not (a.isna() == b.isna()).all() or not (a[a.notna()] == b[b.notna()]).all():
            return False
    return True


def parse_upload(
    dataset: Dataset, data: bytes, file: str, options: ImportOptions
) -> tuple[pd.DataFrame, dict[str, str], str | None, list[Problem]]:
    """Read, find the header, map the columns and parse the rows of an uploaded table.

    Returns the parsed rows, the mapping {role: header}, the sheet read and the problems.
    """
    rows, sheet, problems = read_rows(data, file, options.sheet)
    if has_errors(problems):
        return pd.DataFrame(), {}, sheet, problems
    criteria = criteria_names(dataset, options.year, options.block)
    header, header_problems = locate_header(rows, options, criteria, file, sheet)
    if header is None:
        return pd.DataFrame(), {}, sheet, problems + header_problems
    problems += check_named_year(rows, header, file, sheet, options.year)
    mapping, column_problems = headers.map_columns(
        header.cells, options.columns, file, sheet, criteria
    )
    problems += column_problems
    if has_errors(problems):
        return pd.DataFrame(), mapping, sheet, problems
    parsed, parse_problems = parse_rows(rows, header, mapping, file, sheet, options)
    parsed.attrs["decimals"] = published_decimals(rows, header, mapping, parsed)
    problems += parse_problems
    problems += check_limits(dataset, parsed, mapping, file, sheet, options)
    problems += check_fractions(dataset, parsed, mapping, file, sheet, options)
    parsed = with_survey_total(parsed)
    problems += check_components(parsed, mapping, file, sheet)
    return parsed, mapping, sheet, problems


def check_fractions(
    dataset: Dataset,
    parsed: pd.DataFrame,
    mapping: dict[str, str],
    file: str,
    sheet: str | None,
    options: ImportOptions,
) -> list[Problem]:
    """Refuse a score or index column of fractions (0.9153) where the scale goes to 100.

    Such a column is a percent cell read without its format, or a share: imported as it
    stands, 91.53% would become 0.92 points (#18).
    """
    maxima = {"total": dataset.max_total(options.year, options.block) or 100.0, "index_pct": 100.0}
    problems = []
    for role, maximum in maxima.items():
        values = parsed[role].dropna() if role in parsed.columns else pd.Series(dtype=float)
        if maximum < 100 or values.empty or values.max() > 1 or values.max() <= 0:
            continue
        first = values.index[0]
        problems.append(
            Problem(
                "import_fraction_values",
                file=file,
                sheet=sheet,
                row=int(parsed.at[first, ROW]),
                column=mapping[role],
                params={"value": float(values.iloc[0]), "max": float(maximum)},
            )
        )
    return problems


def with_survey_total(parsed: pd.DataFrame) -> pd.DataFrame:
    """Return ``parsed`` with survey points as the sum of its components, when not published."""
    parts = [role for role in headers.COMPONENT_ROLES if role in parsed.columns]
    if not parts or "survey" in parsed.columns:
        return parsed
    return parsed.assign(survey=parsed[parts].sum(axis=1, min_count=1))


def check_components(
    parsed: pd.DataFrame, mapping: dict[str, str], file: str, sheet: str | None
) -> list[Problem]:
    """Warn where appraisal and survey points do not add up to the total (beyond rounding)."""
    target = next((role for role in ("total", "index_pct") if role in parsed.columns), None)
    parts = [role for role in ("assessed", "survey") if role in parsed.columns]
    if parsed.empty or target is None or len(parts) < 2:
        return []
    components = [r for r in headers.COMPONENT_ROLES if r in parsed.columns] or ["survey"]
    # Each published part and the total may each be off by half the last decimal.
    tolerance = schema.SCORE_TOLERANCE * (len(components) + 2) + 1e-9
    found = parsed[["assessed", *components]].sum(axis=1, min_count=len(components) + 1)
    problems = []
    for added, total, row in zip(found, parsed[target], parsed[ROW]):
        if pd.notna(added) and pd.notna(total) and abs(added - total) > tolerance:
            problems.append(
                Problem(
                    "import_components_sum",
                    Severity.WARNING,
                    file=file,
                    sheet=sheet,
                    row=int(row),
                    column=mapping[target],
                    params={"sum": round(float(added), 6), "total": float(total)},
                )
            )
    return problems


def check_limits(
    dataset: Dataset,
    parsed: pd.DataFrame,
    mapping: dict[str, str],
    file: str,
    sheet: str | None,
    options: ImportOptions,
) -> list[Problem]:
    """Report, at their place in the upload, values above a maximum and unknown criteria."""
    if parsed.empty:
        return []
    max_total = dataset.max_total(options.year, options.block) or 100.0
    frame = dataset.criteria(options.year, options.block)
    maxima = {"total": max_total, "index_pct": 100.0}
    maxima |= {
        headers.CRITERION_PREFIX + c: float(m)
        for c, m in zip(frame["criterion_id"], frame["max_points"])
        if pd.notna(m)
    }
    problems = []
    for role, header in mapping.items():
        if role.startswith(headers.CRITERION_PREFIX) and role not in maxima:
            criterion = role.removeprefix(headers.CRITERION_PREFIX)
            problems.append(
                Problem(
                    "unknown_criterion",
                    file=file,
                    sheet=sheet,
                    column=header,
                    params={"criterion": criterion, "year": options.year},
                )
            )
            continue
        if role not in maxima or role not in parsed.columns:
            continue
        limit = maxima[role] + schema.SCORE_TOLERANCE
        for value, row in zip(parsed[role], parsed[ROW]):
            if pd.notna(value) and float(value) > limit:
                problems.append(
                    Problem(
                        "score_above_max",
                        file=file,
                        sheet=sheet,
                        row=int(row),
                        column=header,
                        params={"value": float(value), "max": maxima[role], "criterion": header},
                    )
                )
    return problems


def _validate_only(path: Path, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    scratch = Path(tempfile.mkdtemp(prefix="parviz-dry-run-"))
    try:
        copy = scratch / "dataset"
        skip = shutil.ignore_patterns(storage.VERSIONS_DIR, ".parviz-*")  # backups, caches
        with dataset_lock(path, exclusive=False):  # a save's files all old or all new
            shutil.copytree(path, copy, ignore=skip)
        problems = storage.save_tables(copy, tables)
        return [p for p in problems if p.is_error]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def parse_rows(
    rows: list[list[str]],
    header: Header,
    mapping: dict[str, str],
    file: str,
    sheet: str | None,
    options: ImportOptions,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn the body rows into one record per unit with numbers parsed."""
    position = {role: header.cells.index(name) for role, name in mapping.items()}
    values = [i for role, i in position.items() if role in headers.VALUE_ROLES]
    layout = shapes.body_layout(rows, header.body, position.get("unit"), values)
    kept, problems = shape_rows(layout, rows, file, sheet, options.block)
    records = []
    for index in kept:
        row = rows[index]
        row_number = index + 1  # spreadsheet rows are 1-based
        cell = {role: (row[i].strip() if i < len(row) else "") for role, i in position.items()}
        record = {"name": cell["unit"], ROW: row_number}
        for role, text in cell.items():
            if role in ("unit", "stt") or not text:
                continue
            value, problem = _parse_value(
                role, text, file, sheet, row_number, mapping[role], options
            )
            if problem:
                problems.append(problem)
            else:
                record[role] = value
        records.append(record)
    if not records and not has_errors(problems):
        problems.append(Problem("import_no_rows", file=file, sheet=sheet))
    return pd.DataFrame(records), problems


def shape_rows(
    layout: list[shapes.BodyRow], rows: list[list[str]], file: str, sheet: str | None, block: str
) -> tuple[list[int], list[Problem]]:
    """Return the row indexes of the units to import and the report of the rows left out.

    Rows that are not units (average, total, note, signature, section titles) are listed;
    when section rows name blocks, only the section of ``block`` is kept, and a sheet with
    no such section is refused, naming the sections it has.
    """
    where = {"file": file, "sheet": sheet}
    problems = shapes.left_out_report(layout, rows, where)
    kept, section_problems = shapes.section_of(layout, block, where)
    return kept, problems + section_problems


def _parse_value(
    role: str,
    text: str,
    file: str,
    sheet: str | None,
    row: int,
    column: str,
    options: ImportOptions,
) -> tuple[object, Problem | None]:
    where = {"file": file, "sheet": sheet, "row": row, "column": column}
    if role == "grade":  # a label of the year's scale, resolved when merged (parviz.grades)
        return normalise_display(text), None
    if role == "classification":
        code = headers.classification_code(text)
        if code is None:
            return None, Problem(
                "unknown_classification",
                params={"value": text, "allowed": ", ".join(schema.CLASSIFICATIONS)},
                **where,
            )
        return code, None
    number = parse_number(text.rstrip("%").strip())
    if number is None:
        return None, Problem("value_not_number", params={"value": text}, **where)
    if number < 0:
        return None, Problem("value_negative", params={"value": text}, **where)
    if role == "year" and int(number) != options.year:
        return None, Problem(
            "import_year_conflict", params={"found": text, "year": options.year}, **where
        )
    if role == "rank":
        if not number.is_integer() or number < 1:
            return None, Problem("value_not_integer", params={"value": text}, **where)
        return int(number), None
    return number, None


def merge_into(
    dataset: Dataset,
    parsed: pd.DataFrame,
    options: ImportOptions,
    file: str,
    sheet: str | None,
    unit_column: str = "unit",
    grades_at: grades.Where | None = None,
) -> tuple[dict[str, pd.DataFrame], list[Problem], dict[str, int]]:
    """Return the tables with the imported rows merged in, the problems, and each merged
    unit's row in the uploaded table (unit_id → row)."""
    tables = storage.dataset_tables(dataset)
    problems = _ensure_block_and_year(tables, dataset, options)
    precision.record(tables, options.year, options.block, parsed.attrs.get("decimals"))
    if parsed.empty:
        return tables, problems, {}
    matched, match_problems = _match_units(
        tables, dataset, parsed, options, file, sheet, unit_column
    )
    problems += match_problems
    if has_errors(problems):
        return tables, problems, {}
    problems += _replace_year(tables, matched, options, dataset, file)
    where = grades_at or grades.Where(file, sheet, "")
    problems += grades.apply(tables, matched, options.year, options.block, where,
                             given=options.grades, replace=options.replace)  # fmt: skip
    if has_errors(problems):
        return tables, problems, {}
    _add_results(tables, matched, options)
    criteria_problems = _add_scores(tables, matched, options, file)
    return tables, problems + criteria_problems, upload_rows.source_rows(matched, ROW)


def _ensure_block_and_year(tables: dict, dataset: Dataset, options: ImportOptions) -> list[Problem]:
    blocks = tables["blocks"]
    if options.block not in set(blocks["block"]):
        name_vi, name_en = KNOWN_BLOCKS.get(options.block, (options.block, options.block))
        order = int(blocks["order"].max()) + 1 if len(blocks) else 1
        tables["blocks"] = _append(
            blocks, {"block": options.block, "order": order, "name_vi": name_vi, "name_en": name_en}
        )
    methodology = tables["methodology"]
    exists = ((methodology["year"] == options.year) & (methodology["block"] == options.block)).any()
    if not exists:
        tables["methodology"] = _append(
            methodology, {"year": options.year, "block": options.block, "max_total": 100.0}
        )
    return []


def published_decimals(
    rows: list[list[str]], header: Header, mapping: dict[str, str], parsed: pd.DataFrame
) -> int | None:
    """Return the most decimals written in the imported rows' results ('91,50' has two).

    Only the rows imported as units count (an average row under the table has more decimals);
    criterion columns count only when no result number is published, as in parviz.precision.
    """
    if parsed.empty or ROW not in parsed.columns:
        return None
    units = [rows[int(n) - 1] for n in parsed[ROW]]  # ROW: 1-based spreadsheet rows
    for roles in (NUMBER_ROLES, [r for r in mapping if r.startswith(headers.CRITERION_PREFIX)]):
        positions = [header.cells.index(mapping[role]) for role in roles if role in mapping]
        found = [
            precision.text_decimals(row[i])
            for row in units
            for i in positions
            if i < len(row) and parse_number(row[i].rstrip("%").strip()) is not None
        ]
        if found:
            return max(found)
    return None


# Roles whose numbers set the published precision of a block and year (parviz.precision).
NUMBER_ROLES = ("total", "index_pct", "survey", "assessed", *headers.COMPONENT_ROLES)


def _append(frame: pd.DataFrame, row: dict) -> pd.DataFrame:
    addition = pd.DataFrame([row])
    return pd.concat([frame.drop(columns=[ROW], errors="ignore"), addition], ignore_index=True)


def _match_units(
    tables: dict,
    dataset: Dataset,
    parsed: pd.DataFrame,
    options: ImportOptions,
    file: str,
    sheet: str | None,
    unit_column: str = "unit",
) -> tuple[pd.DataFrame, list[Problem]]:
    matcher = UnitMatcher.for_block(dataset, options.block, options.year)
    taken = set(tables["units"]["unit_id"])
    names, problems = _clean_names(parsed, file, sheet, unit_column)
    ids, kinds, first_row = [], [], {}
    for name, row in zip(names, parsed[ROW]):
        where = {"file": file, "sheet": sheet, "row": int(row), "column": unit_column}
        unit_id, kind, found_problems = _match_one(matcher, dataset, name, options, where)
        if kind in ("new", "unknown") and name is not None:
            # A name no unit has, twice: creating would make copies (xa-moi, xa-moi-2).
            key = normalise_name(name)
            if key in first_row:
                params = {"name": name, "first_row": first_row[key]}
                found_problems = [Problem("import_duplicate_name", params=params, **where)]
                kind = "unknown"
            first_row.setdefault(key, int(row))
        problems += found_problems
        if kind == "new":
            unit_id = _new_unit_id(name, taken)
            taken.add(unit_id)
            new = {"unit_id": unit_id, "block": options.block, "name": name}
            tables["units"] = _append(tables["units"], new)
            kind = "created"
        ids.append(unit_id)
        kinds.append(kind)
    matched = parsed.assign(unit_id=ids, match=kinds)
    duplicated = matched[matched["unit_id"].notna() & matched.duplicated("unit_id", keep="first")]
    for _, record in duplicated.iterrows():
        problems.append(
            Problem(
                "import_duplicate_unit",
                file=file,
                sheet=sheet,
                row=int(record[ROW]),
                column=unit_column,
                params={"name": record["name"], "unit": record["unit_id"]},
            )
        )
    return matched, problems


def _clean_names(
    parsed: pd.DataFrame, file: str, sheet: str | None, unit_column: str
) -> tuple[list[str | None], list[Problem]]:
    """Return the names without invisible characters (None when refused) and the problems.

    A name holding another control character is an error (a look-alike of another name).
    """
    names, problems = [], []
    for written, row in zip(parsed["name"], parsed[ROW]):
        where = {"file": file, "sheet": sheet, "row": int(row), "column": unit_column}
        name, bad = clean_name(written)
        if bad is not None:
            problems.append(
                Problem(
                    "name_control_character",
                    params={
                        "name": visible_controls(name),
                        "character": bad,
                    },
                    **where,
                )
            )
            names.append(None)
            continue
        names.append(name)
    return names, problems


def _match_one(
    matcher: UnitMatcher, dataset: Dataset, name: str | None, options: ImportOptions, where: dict
) -> tuple[str | None, str, list[Problem]]:
    """Return the unit of one name, how it matched ('new': to create) and the problems."""
    if name is None:  # refused by _clean_names
        return None, "unknown", []
    found = matcher.match(name)
    if found is not None:
        if found.kind is MatchKind.EXACT:
            return found.unit_id, found.kind.value, []
        unit = dataset.name_in(found.unit_id, options.year)
        warning = Problem(
            f"name_{found.kind.value}",
            Severity.WARNING,
            params={"name": name, "unit": unit},
            **where,
        )
        return found.unit_id, found.kind.value, [warning]
    ambiguous = matcher.ambiguous(name)
    close = matcher.candidates(name)
    listed = ", ".join(f"{dataset.name_in(u, options.year)} ({u})" for u in ambiguous or close)
    params = {"name": name, "block": options.block, "candidates": listed or "–"}
    if ambiguous:  # even with --create-units: the score must not go to a third unit
        return None, "unknown", [Problem("import_ambiguous_unit", params=params, **where)]
    if options.create_units:
        near = [Problem("unit_created_near", Severity.WARNING, params=params, **where)]
        return None, "new", near if close else []
    return None, "unknown", [Problem("import_unknown_unit", params=params, **where)]


def normalise_display(name: str) -> str:
    """Return a name as stored: NFC, no invisible characters, single spaces."""
    return clean_name(name)[0]


def _new_unit_id(name: str, taken: set[str]) -> str:
    base = slugify(name)
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


# Result columns an import fills, by the role of their column in the published table.
RESULT_COLUMNS = {
    "total": "total",
    "index_pct": "index_pct",
    "rank": "rank",
    "classification": "classification",
    "grade": "grade",
    "survey": "survey_points",
    "assessed": "assessed_points",
    "sipas": "sipas_points",
    "leaders": "leaders_points",
    "impact": "impact_points",
}


def _brought(matched: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Return the result columns and the criteria the imported table has values for."""
    columns = [
        column
        for role, column in RESULT_COLUMNS.items()
        if role in matched.columns and matched[role].notna().any()
    ]
    criteria = [
        role.removeprefix(headers.CRITERION_PREFIX)
        for role in matched.columns
        if role.startswith(headers.CRITERION_PREFIX) and matched[role].notna().any()
    ]
    return columns, criteria


def _replace_year(
    tables: dict, matched: pd.DataFrame, options: ImportOptions, dataset: Dataset, file: str
) -> list[Problem]:
    """Empty the year's values of the columns and criteria the table brings (only those).

    Values already there are an error without --replace; what the table does not bring (the
    official ranks under a criteria table, other criteria) is kept.
    """
    block_units = set(tables["units"].loc[tables["units"]["block"] == options.block, "unit_id"])
    columns, criteria = _brought(matched)
    results = tables["results"].drop(columns=[ROW], errors="ignore").copy()
    in_year = (results["year"] == options.year) & results["unit_id"].isin(block_units)
    filled = in_year & results[columns].notna().any(axis=1) if columns else in_year & False
    scores = tables["scores"]
    replaced = (
        (scores["year"] == options.year)
        & scores["unit_id"].isin(block_units)
        & scores["criterion_id"].isin(criteria)
    )
    count = int(filled.sum() + replaced.sum())
    if count and not options.replace:
        params = {"year": options.year, "block": options.block, "count": count}
        return [Problem("import_exists", file=file, params=params)]
    if columns:
        results.loc[in_year, columns] = None
    tables["results"] = results
    tables["scores"] = scores[~replaced]
    return _kept_columns(results, filled, columns, options, file)


def _kept_columns(
    results: pd.DataFrame,
    replaced: pd.Series,
    columns: list[str],
    options: ImportOptions,
    file: str,
) -> list[Problem]:
    """Warn of the values kept beside replaced ones (e.g. official ranks beside new totals)."""
    others = [c for c in RESULT_COLUMNS.values() if c not in columns and c in results.columns]
    kept = [c for c in others if results.loc[replaced, c].notna().any()]
    if not kept:
        return []
    params = {"year": options.year, "block": options.block, "columns": ", ".join(kept)}
    return [Problem("import_kept_columns", Severity.WARNING, file=file, params=params)]


def _add_results(tables: dict, matched: pd.DataFrame, options: ImportOptions) -> None:
    rows = pd.DataFrame({"year": options.year, "unit_id": matched["unit_id"]})
    for role, column in RESULT_COLUMNS.items():
        rows[column] = matched.get(role)
    columns, _ = _brought(matched)
    results = tables["results"].drop(columns=[ROW], errors="ignore")
    if columns:  # a unit's row gets the brought columns; its other columns stay
        results = results.set_index(["year", "unit_id"])
        rows = rows.set_index(["year", "unit_id"])
        common = rows.index.intersection(results.index)
        results.loc[common, columns] = rows.loc[common, columns]
        added = rows.loc[rows.index.difference(results.index), columns]
        results = pd.concat([results, added]).reset_index()
    block_units = tables["units"].loc[tables["units"]["block"] == options.block, "unit_id"]
    values = [column for column in results.columns if column not in ("year", "unit_id")]
    emptied = (results["year"] == options.year) & results["unit_id"].isin(block_units)
    emptied &= results[values].isna().all(axis=1)  # rows whose values were all replaced
    tables["results"] = results[~emptied].reset_index(drop=True)


def _add_scores(
    tables: dict, matched: pd.DataFrame, options: ImportOptions, file: str
) -> list[Problem]:
    criterion_roles = [
        role for role in matched.columns if role.startswith(headers.CRITERION_PREFIX)
    ]
    rows = []
    for role in criterion_roles:
        criterion_id = role.removeprefix(headers.CRITERION_PREFIX)
        for unit_id, points in zip(matched["unit_id"], matched[role]):
            if pd.notna(points):
                rows.append(
                    {
                        "year": options.year,
                        "unit_id": unit_id,
                        "criterion_id": criterion_id,
                        "points": points,
                    }
                )
    if rows:
        tables["scores"] = pd.concat(
            [tables["scores"].drop(columns=[ROW], errors="ignore"), pd.DataFrame(rows)],
            ignore_index=True,
        )
    return []


# Roles a column can be given in the app's column mapping (criteria come from the methodology).
MAPPABLE_ROLES = ("unit", *headers.VALUE_ROLES, "year", "stt")


def detect_columns(
    dataset: Dataset, data: bytes, file: str, options: ImportOptions
) -> tuple[list[str], dict[str, str], list[Problem]]:
    """Return the header cells of an upload, the detected {role: header} and the problems."""
    rows, sheet, problems = read_rows(data, file, options.sheet)
    if has_errors(problems):
        return [], {}, problems
    criteria = criteria_names(dataset, options.year, options.block)
    header, header_problems = locate_header(rows, options, criteria, file, sheet)
    if header is None:
        return [], {}, header_problems
    mapping, _ = headers.map_columns(header.cells, options.columns, file, sheet, criteria)
    return [cell for cell in header.cells if cell], mapping, problems


def match_preview(dataset: Dataset, parsed: pd.DataFrame, options: ImportOptions) -> pd.DataFrame:
    """Return ``parsed`` with the unit each name matches and how ('unknown', 'new' if created)."""
    if parsed.empty or "name" not in parsed.columns:
        return parsed.assign(unit_id=[], match=[]) if parsed.empty else parsed
    matcher = UnitMatcher.for_block(dataset, options.block, options.year)
    ids, kinds = [], []
    for name in parsed["name"]:
        found = matcher.match(name)
        ids.append(found.unit_id if found else None)
        creatable = options.create_units and not matcher.ambiguous(name)  # as _match_one
        kinds.append(found.kind.value if found else ("new" if creatable else "unknown"))
    return parsed.assign(unit_id=ids, match=kinds)


def title_rows(rows: list[list[str]], header: Header) -> list[list[str]]:
    """Return the rows above the body that name no column (titles, even if merged in)."""
    return [row for row in rows[: header.body] if not headers.roles_of(row, {})]


def check_named_year(
    rows: list[list[str]], header: Header, file: str, sheet: str | None, year: int
) -> list[Problem]:
    """Refuse a table whose title names another year; warn when only its file name does.

    A 2021 table saved as the 2024 results is the worst silent error an import can make.
    """
    titles = title_rows(rows, header)
    titled = shapes.year_from_title(titles, len(titles))
    if titled is not None and titled[0] != year:
        row = next(i for i, r in enumerate(rows) if shapes.row_text(r) == titled[1]) + 1
        params = {"found": titled[0], "year": year, "title": titled[1][:120]}
        return [
            Problem("import_year_title_conflict", file=file, sheet=sheet, row=row, params=params)
        ]
    named = shapes.year_from_file(file)
    if titled is None and named is not None and named != year:
        params = {"found": named, "year": year}
        return [Problem("import_year_file_conflict", Severity.WARNING, file=file, params=params)]
    return []


def detect_year(data: bytes, file: str, sheet: str | None = None) -> shapes.YearFound | None:
    """Return the year an upload names (title, year column, year group, file name), or None."""
    rows, _, problems = read_rows(data, file, sheet)
    header = None if has_errors(problems) else find_header(rows, {})
    if header is None:
        return shapes.year_of_table([], 0, [], set(), file)
    groups: list[shapes.Group] = []
    if header.body == header.index + 2:
        groups = value_groups(rows[header.index], rows[header.index + 1], {})
    years: set[int] = set()
    roles = headers.roles_of(header.cells, {})
    column = next((header.cells.index(c) for c, role in roles.items() if role == "year"), None)
    if column is not None:
        for row in rows[header.body :]:
            number = parse_number(row[column]) if column < len(row) and row[column] else None
            if number is not None and number.is_integer():
                years.add(int(number))
    titles = title_rows(rows, header)
    found = shapes.year_of_table(titles, len(titles), groups, years, file)
    if found is not None and found.source == "column":
        return shapes.YearFound(found.year, "column", header.cells[column])
    return found
