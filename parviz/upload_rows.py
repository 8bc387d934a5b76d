"""Point problems the whole-dataset check finds back at the uploaded table's cells.

An import merges the uploaded rows into the dataset's tables and validates the result before
anything is written. A rule of the whole dataset (a partial rank column, a published rank
above a higher score, a total that is not the sum) then names a row of results.csv or
scores.csv that is not on disk yet: the person must be told the uploaded file's row and column.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from parviz import headers
from parviz.problems import Problem

FIRST_ROW = 2  # a written table's first data row (its header is row 1)


def source_rows(matched: pd.DataFrame, row_column: str) -> dict[str, int]:
    """Return the uploaded table's row of each matched unit (unit_id → spreadsheet row)."""
    known = matched[matched["unit_id"].notna()]
    return dict(zip(known["unit_id"], known[row_column].astype(int)))


def pointed_at_upload(
    problems: list[Problem],
    tables: dict[str, pd.DataFrame],
    rows: dict[str, int],
    mapping: dict[str, str],
    upload: tuple[str, str | None, int],
) -> list[Problem]:
    """Return ``problems`` with those on the imported year's merged rows moved to the upload.

    ``upload`` is (file, sheet, year); ``mapping`` maps a role to the header it was read from.
    A problem on any other row (a year already on disk) keeps its place.
    """
    file, sheet, year = upload
    moved = []
    for problem in problems:
        record = _merged_record(problem, tables, year)
        unit = None if record is None else record["unit_id"]
        if unit not in rows:
            moved.append(problem)
            continue
        header = _header(problem.column, record, mapping)
        moved.append(replace(problem, file=file, sheet=sheet, row=rows[unit], column=header))
    return moved


def _merged_record(problem: Problem, tables: dict[str, pd.DataFrame], year: int) -> dict | None:
    """Return the merged row a problem names, when it is one of the imported year's."""
    table = {"results.csv": "results", "scores.csv": "scores"}.get(problem.file or "")
    if table is None or problem.row is None or table not in tables:
        return None
    frame = tables[table]
    position = problem.row - FIRST_ROW
    if not 0 <= position < len(frame) or int(frame["year"].iloc[position]) != year:
        return None
    return frame.iloc[position].to_dict()


def _header(column: str | None, record: dict, mapping: dict[str, str]) -> str | None:
    """Return the uploaded header of a merged column (the column itself when none maps)."""
    if column == "points" and "criterion_id" in record:
        return mapping.get(headers.CRITERION_PREFIX + str(record["criterion_id"]), column)
    role = _ROLE_OF.get(column or "", column)
    return mapping.get(role or "", column)


# results.csv columns whose import role has another name (the others share theirs).
_ROLE_OF = {f"{role}_points": role for role in ("survey", "assessed", "sipas", "leaders", "impact")}
