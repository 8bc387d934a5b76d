"""A unit scored on some of its block's criteria must be scored on all (or say which do not apply).

A scores.csv cut short (a copy interrupted, an upload truncated) leaves the last unit with some
criteria and the following units with none; without this rule the missing criteria would count
as "not applicable", lower the unit's maximum and give it a wrong index and rank. A criterion
that really does not apply to a unit in a year is listed in not_applicable.csv.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parviz.dataset import ROW, Dataset
from parviz.problems import Problem

MAX_REPORTED = 200


def top_rows(criteria: pd.DataFrame) -> np.ndarray:
    """Return, per criteria row, the row of its top-level criterion (itself; -1: unknown)."""
    rows = np.arange(len(criteria))
    if criteria.empty:
        return rows
    key = criteria[["year", "block", "criterion_id"]].assign(_top=rows)
    parents = criteria[["year", "block", "parent_id"]].merge(
        key.rename(columns={"criterion_id": "parent_id"}), on=["year", "block", "parent_id"],
        how="left",
    )["_top"]  # fmt: skip
    has_parent = criteria["parent_id"].notna().to_numpy()
    return np.where(has_parent, parents.fillna(-1).to_numpy(), rows).astype(np.int64)


def _scored(dataset: Dataset, tops: np.ndarray) -> pd.DataFrame:
    """Return (unit, year, top, first) per unit, year and top-level criterion with a score."""
    keys, scores = dataset.score_keys, dataset.table("scores")
    known = np.flatnonzero((keys.unit >= 0) & (keys.criterion >= 0))
    frame = pd.DataFrame(
        {
            "unit": keys.unit[known],
            "year": scores["year"].to_numpy()[known],
            "top": tops[keys.criterion[known]] if len(tops) else known,
            "first": known,
        }
    )
    frame = frame[frame["top"] >= 0]
    # One row per (unit, year, top): the first, which has the smallest score row since ``known``
    # rises. A single int64 key hashes ~5× faster than a three-column groupby (4M rows: #16).
    unit, year, top = (frame[column].to_numpy(np.int64) for column in ("unit", "year", "top"))
    if not len(frame):
        return frame.reset_index(drop=True)
    span, tops_count = year.max() - year.min() + 1, top.max() + 1
    key = (unit * span + (year - year.min())) * tops_count + top
    return frame[~pd.Index(key).duplicated()].reset_index(drop=True)


def _not_applicable(dataset: Dataset, tops: np.ndarray) -> pd.DataFrame:
    """Return (unit, year, top) for every record of not_applicable.csv that names a criterion."""
    records = dataset.table("not_applicable")
    units, criteria = dataset.table("units"), dataset.table("criteria")
    if records.empty or criteria.empty:
        return pd.DataFrame({"unit": [], "year": [], "top": []}, dtype="int64")
    unit = pd.Index(units["unit_id"]).get_indexer(records["unit_id"])
    known = records.assign(unit=unit, block=units["block"].to_numpy()[unit])[unit >= 0]
    key = criteria[["year", "block", "criterion_id"]].assign(top=tops)
    found = known.merge(key, on=["year", "block", "criterion_id"])
    return found.loc[found["top"] >= 0, ["unit", "year", "top"]]


def check_criteria_complete(dataset: Dataset) -> list[Problem]:
    """Report each unit and year scored on some but not all top-level criteria of its block."""
    criteria = dataset.table("criteria")
    if dataset.table("scores").empty or criteria.empty:
        return []
    tops = top_rows(criteria)
    scored = _scored(dataset, tops)
    covered = pd.concat([scored[["unit", "year", "top"]], _not_applicable(dataset, tops)])
    covered = covered.drop_duplicates()
    counts = covered.groupby(["unit", "year"]).size().rename("covered").reset_index()
    counts = counts.merge(scored[["unit", "year"]].drop_duplicates())  # some criteria scored
    blocks = dataset.table("units")["block"].to_numpy()
    counts["block"] = blocks[counts["unit"].to_numpy()]
    level = criteria[criteria["parent_id"].isna()]
    needed = level.groupby(["year", "block"]).size().rename("needed").reset_index()
    counts = counts.merge(needed, on=["year", "block"])
    short = counts[counts["covered"] < counts["needed"]].head(MAX_REPORTED)
    return [_problem(dataset, row, covered, level, scored) for row in short.itertuples()]


def _problem(dataset, row, covered, level, scored) -> Problem:
    """Return the problem of one unit and year, located at its first score row."""
    have = set(covered.loc[(covered["unit"] == row.unit) & (covered["year"] == row.year), "top"])
    wanted = level[(level["year"] == row.year) & (level["block"] == row.block)]
    wanted = wanted.sort_values("order")
    missing = [cid for index, cid in zip(wanted.index, wanted["criterion_id"])
               if dataset.table("criteria").index.get_loc(index) not in have]  # fmt: skip
    mine = scored[(scored["unit"] == row.unit) & (scored["year"] == row.year)]
    first = int(mine["first"].min())
    unit_id = str(dataset.table("units")["unit_id"].iat[row.unit])
    origin = dataset.origin("scores")
    return Problem(
        "criteria_incomplete",
        file=origin.file,
        sheet=origin.sheet,
        row=int(dataset.table("scores")[ROW].iat[first]),
        column="criterion_id",
        params={"unit": unit_id, "year": int(row.year), "missing": ", ".join(missing)},
    )
