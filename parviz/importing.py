"""Import a table in the shape provinces publish (one row per unit) into a dataset."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from parviz import headers, schema, storage
from parviz.dataset import ROW, Dataset
from parviz.loading import load, parse_number
from parviz.problems import Problem, Severity, has_errors
from parviz.reading import decode_text, read_workbook, sniff_separator
from parviz.units import MatchKind, UnitMatcher, slugify

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


@dataclass
class ImportResult:
    """What an import found and (unless dry-run or errors) wrote."""

    problems: list[Problem]
    rows: pd.DataFrame  # one row per imported unit: name, unit_id, match, values
    mapping: dict[str, str]  # role -> header
    written: bool = False


def read_rows(
    data: bytes, file: str, sheet: str | None
) -> tuple[list[list[str]], str | None, list[Problem]]:
    """Return the cells of a CSV or the chosen (or first visible) sheet of a workbook."""
    if file.lower().endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        sheets, problems = read_workbook(data, file)
        if problems:
            return [], None, problems
        if sheet is not None and sheet not in sheets:
            return (
                [],
                None,
                [
                    Problem(
                        "import_sheet_missing",
                        file=file,
                        sheet=sheet,
                        params={"sheets": ", ".join(sheets)},
                    )
                ],
            )
        name = sheet or next(iter(sheets))
        return sheets[name], name, []
    text, problems = decode_text(data, file)
    if text is None:
        return [], None, problems
    rows = list(csv.reader(io.StringIO(text), delimiter=sniff_separator(text)))
    return [[cell.strip() for cell in row] for row in rows], None, []


def criteria_names(dataset: Dataset, year: int, block: str) -> list[tuple[str, str, str]]:
    """Return (criterion_id, name_vi, name_en) of the year's top-level criteria."""
    frame = dataset.criteria(year, block)
    return list(zip(frame["criterion_id"], frame["name_vi"], frame["name_en"]))


def find_header(
    rows: list[list[str]], explicit: dict[str, str], criteria: list[tuple[str, str, str]] = ()
) -> int | None:
    """Return the index of the first row that names a unit column and a result column."""
    for index, row in enumerate(rows[: headers.MAX_TITLE_ROWS + 1]):
        roles = headers.roles_of(row, explicit, criteria)
        if "unit" in roles.values() and set(roles.values()) & headers.RESULT_ROLES:
            return index
    return None


def import_table(path: Path, data: bytes, file: str, options: ImportOptions) -> ImportResult:
    """Parse, match, validate and (unless dry-run) save a published table into ``path``."""
    loaded = load(path)
    if loaded.dataset is None:
        return ImportResult(loaded.problems, pd.DataFrame(), {})
    if Path(path).is_file():
        return ImportResult([Problem("import_needs_folder", file=str(path))], pd.DataFrame(), {})
    rows, sheet, problems = read_rows(data, file, options.sheet)
    if has_errors(problems):
        return ImportResult(problems, pd.DataFrame(), {})
    criteria = criteria_names(loaded.dataset, options.year, options.block)
    header_index = find_header(rows, options.columns, criteria)
    if header_index is None:
        return ImportResult(
            [Problem("import_no_header", file=file, sheet=sheet)], pd.DataFrame(), {}
        )
    header = rows[header_index]
    mapping, column_problems = headers.map_columns(header, options.columns, file, sheet, criteria)
    problems += column_problems
    parsed, parse_problems = parse_rows(rows, header_index, mapping, file, sheet, options)
    problems += parse_problems
    tables, merge_problems = merge_into(loaded.dataset, parsed, options, file, sheet)
    problems += merge_problems
    if has_errors(problems):
        return ImportResult(problems, parsed, mapping)
    if options.dry_run:
        staging_problems = _validate_only(path, tables)
        return ImportResult(problems + staging_problems, parsed, mapping)
    problems += storage.save_tables(path, tables)
    return ImportResult(problems, parsed, mapping, written=not has_errors(problems))


def _validate_only(path: Path, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    scratch = Path(tempfile.mkdtemp(prefix="parviz-dry-run-"))
    try:
        copy = scratch / "dataset"
        shutil.copytree(path, copy, ignore=shutil.ignore_patterns(storage.VERSIONS_DIR))
        problems = storage.save_tables(copy, tables)
        return [p for p in problems if p.is_error]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def parse_rows(
    rows: list[list[str]],
    header_index: int,
    mapping: dict[str, str],
    file: str,
    sheet: str | None,
    options: ImportOptions,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn the body rows into one record per unit with numbers parsed."""
    header = rows[header_index]
    position = {role: header.index(name) for role, name in mapping.items()}
    records, problems = [], []
    for offset, row in enumerate(rows[header_index + 1 :]):
        row_number = header_index + offset + 2  # spreadsheet rows are 1-based
        cell = {role: (row[i].strip() if i < len(row) else "") for role, i in position.items()}
        name = cell.get("unit", "")
        if not name or not any(cell.get(role) for role in headers.VALUE_ROLES if role in cell):
            continue  # blank, title or group rows ("I. Khối sở") carry no result
        record = {"name": name, ROW: row_number}
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
    if not records:
        problems.append(Problem("import_no_rows", file=file, sheet=sheet))
    return pd.DataFrame(records), problems


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
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Return the changed tables with the imported rows merged in, and the problems."""
    tables = storage.dataset_tables(dataset)
    problems = _ensure_block_and_year(tables, dataset, options)
    if parsed.empty:
        return tables, problems
    matched, match_problems = _match_units(tables, dataset, parsed, options, file, sheet)
    problems += match_problems
    if has_errors(problems):
        return tables, problems
    problems += _replace_year(tables, matched, options, dataset, file)
    _add_results(tables, matched, options)
    criteria_problems = _add_scores(tables, matched, options, file)
    return tables, problems + criteria_problems


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
) -> tuple[pd.DataFrame, list[Problem]]:
    matcher = UnitMatcher.for_block(dataset, options.block)
    taken = set(tables["units"]["unit_id"])
    ids, kinds, problems = [], [], []
    for _, record in parsed.iterrows():
        where = {"file": file, "sheet": sheet, "row": int(record[ROW]), "column": "unit"}
        found = matcher.match(record["name"])
        if found is None and options.create_units:
            unit_id = _new_unit_id(record["name"], taken)
            taken.add(unit_id)
            tables["units"] = _append(
                tables["units"],
                {
                    "unit_id": unit_id,
                    "block": options.block,
                    "name": normalise_display(record["name"]),
                },
            )
            ids.append(unit_id)
            kinds.append("created")
            continue
        if found is None:
            problems.append(
                Problem(
                    "import_unknown_unit",
                    params={
                        "name": record["name"],
                        "block": options.block,
                        "candidates": ", ".join(matcher.candidates(record["name"])) or "–",
                    },
                    **where,
                )
            )
            ids.append(None)
            kinds.append("unknown")
            continue
        if found.kind in (MatchKind.NORMALISED, MatchKind.LOOSE, MatchKind.ALIAS):
            problems.append(
                Problem(
                    f"name_{found.kind.value}",
                    Severity.WARNING,
                    params={
                        "name": record["name"],
                        "unit": dataset.name_in(found.unit_id, options.year),
                    },
                    **where,
                )
            )
        ids.append(found.unit_id)
        kinds.append(found.kind.value)
    matched = parsed.assign(unit_id=ids, match=kinds)
    duplicated = matched[matched["unit_id"].notna() & matched.duplicated("unit_id", keep="first")]
    for _, record in duplicated.iterrows():
        problems.append(
            Problem(
                "import_duplicate_unit",
                file=file,
                sheet=sheet,
                row=int(record[ROW]),
                column="unit",
                params={"name": record["name"], "unit": record["unit_id"]},
            )
        )
    return matched, problems


def normalise_display(name: str) -> str:
    """Return a name as stored: NFC with single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def _new_unit_id(name: str, taken: set[str]) -> str:
    base = slugify(name)
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


def _replace_year(
    tables: dict, matched: pd.DataFrame, options: ImportOptions, dataset: Dataset, file: str
) -> list[Problem]:
    block_units = set(tables["units"].loc[tables["units"]["block"] == options.block, "unit_id"])
    problems = []
    for name in ("results", "scores"):
        frame = tables[name]
        existing = (frame["year"] == options.year) & frame["unit_id"].isin(block_units)
        if existing.any() and not options.replace:
            problems.append(
                Problem(
                    "import_exists",
                    file=file,
                    params={
                        "year": options.year,
                        "block": options.block,
                        "count": int(existing.sum()),
                    },
                )
            )
            break
        tables[name] = frame[~existing]
    return problems


def _add_results(tables: dict, matched: pd.DataFrame, options: ImportOptions) -> None:
    columns = {
        "total": "total",
        "index_pct": "index_pct",
        "rank": "rank",
        "classification": "classification",
        "survey": "survey_points",
        "assessed": "assessed_points",
    }
    rows = pd.DataFrame({"year": options.year, "unit_id": matched["unit_id"]})
    for role, column in columns.items():
        rows[column] = matched.get(role)
    if rows.drop(columns=["year", "unit_id"]).notna().any(axis=None):
        tables["results"] = pd.concat(
            [tables["results"].drop(columns=[ROW], errors="ignore"), rows], ignore_index=True
        )


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
