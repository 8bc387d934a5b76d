"""Year-over-year changes: rank-change labels, two-year comparisons, movers, methodology changes.

Sign convention (pinned in tests): ``rank_change = earlier rank − later rank``, so moving from
1st to 3rd is ``-2`` and shows as "▼2".
"""

from __future__ import annotations

import math
from enum import Enum

import numpy as np
import pandas as pd

from parviz import lineage, precision, schema
from parviz.dataset import Dataset
from parviz.i18n import fmt_number, t

UP_ARROW, DOWN_ARROW, SAME_MARK = "▲", "▼", "="


class Change(str, Enum):
    """The kind of a rank change, as data; ``change_label`` turns it into text."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"  # not ranked in the earlier year (or its lineage)
    NONE = "none"  # no earlier year to compare with


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def change_kind(rank_change: object, previous_year: object = 0) -> Change:
    """Classify a rank change; a missing change is NEW unless there is no earlier year at all."""
    if _missing(rank_change):
        return Change.NONE if _missing(previous_year) else Change.NEW
    if rank_change > 0:
        return Change.UP
    if rank_change < 0:
        return Change.DOWN
    return Change.SAME


def change_label(rank_change: object, lang: str, previous_year: object = 0) -> str:
    """Return "▲2", "▼2", "=", "mới"/"new" or "–" for a rank change."""
    kind = change_kind(rank_change, previous_year)
    if kind is Change.UP:
        return f"{UP_ARROW}{int(rank_change)}"
    if kind is Change.DOWN:
        return f"{DOWN_ARROW}{-int(rank_change)}"
    if kind is Change.SAME:
        return SAME_MARK
    if kind is Change.NEW:
        return t("rankings.change.new", lang)
    return "–"


def change_counts(ranking: pd.DataFrame) -> dict[Change, int]:
    """Count units that rose, fell, kept their rank or are new in one year's ranking."""
    kinds = [change_kind(c, p) for c, p in zip(ranking["rank_change"], ranking["previous_year"])]
    return {kind: kinds.count(kind) for kind in Change}


def compare_years(
    standings: pd.DataFrame, dataset: Dataset, *, block: str, year_a: int, year_b: int
) -> pd.DataFrame:
    """Return one row per unit ranked in ``year_b``: its rank and score in both years.

    Columns: unit_id, unit, short_name, rank_a, rank_b, score_a, score_b, index_a, index_b,
    rank_change (rank_a − rank_b), score_change, index_change. A unit (or its lineage) not
    ranked in ``year_a`` has empty ``_a`` values and no change. Sorted by ``rank_b``.
    """
    in_block = standings[(standings["block"] == block) & standings["rank"].notna()]
    later = in_block[in_block["year"] == year_b].sort_values(["rank", "unit"])
    earlier = in_block[in_block["year"] == year_a]
    earlier = earlier.set_index(earlier["unit_id"].astype(str))
    earlier = earlier[~earlier.index.duplicated(keep="last")]  # one row per unit, the last
    # The one lineage rule of standings: own row, else the only ranked predecessor in the block.
    matched = lineage.earlier_units(
        later["unit_id"].astype(str), set(earlier.index), lineage.predecessors(dataset)
    )
    # Column by column (#16: row by row took seconds for a block of 7,000 units).
    before = earlier.reindex(pd.Index(matched, dtype=object))
    found = pd.Series([match is not None for match in matched], dtype=bool).to_numpy()
    decimals_b = _row_decimals(later).to_numpy()
    decimals_a = np.where(found, _row_decimals(before).to_numpy(), decimals_b)
    frame = pd.DataFrame({
        "unit_id": later["unit_id"].to_numpy(), "unit": later["unit"].to_numpy(),
        "short_name": later["short_name"].to_numpy(),
        "rank_a": before["rank"].to_numpy(dtype=object, na_value=pd.NA),
        "rank_b": later["rank"].to_numpy(dtype=object, na_value=pd.NA),
        "score_a": before["score"].to_numpy(dtype=float, na_value=np.nan),
        "score_b": later["score"].to_numpy(dtype=float, na_value=np.nan),
        "index_a": before["index"].to_numpy(dtype=float, na_value=np.nan),
        "index_b": later["index"].to_numpy(dtype=float, na_value=np.nan),
        "decimals": np.maximum(decimals_a, decimals_b),
    })  # fmt: skip
    columns = ["unit_id", "unit", "short_name", "rank_a", "rank_b"]
    columns += ["score_a", "score_b", "index_a", "index_b", "decimals"]
    frame = frame[columns]
    for column in ("rank_a", "rank_b"):
        frame[column] = frame[column].astype("Int64")
    for column in ("score_a", "score_b", "index_a", "index_b"):
        frame[column] = frame[column].astype(float)
    frame["rank_change"] = frame["rank_a"] - frame["rank_b"]
    frame["score_change"] = frame["score_b"] - frame["score_a"]
    frame["index_change"] = frame["index_b"] - frame["index_a"]
    return frame.reset_index(drop=True)


def _row_decimals(rows: pd.DataFrame) -> pd.Series:
    """Return each row's published decimals (precision.of_row: DEFAULT_DECIMALS when unknown)."""
    if "decimals" not in rows.columns:
        return pd.Series(precision.DEFAULT_DECIMALS, index=rows.index, dtype="int64")
    return rows["decimals"].astype("Float64").fillna(precision.DEFAULT_DECIMALS).astype("int64")


def previous_scored_year(dataset: Dataset, block: str, year: int) -> int | None:
    """Return the last year before ``year`` in which ``block`` was scored (None: none).

    The year a block is compared with: the rank-changes page's default pair and the report.
    """
    earlier = [y for y in dataset.years_of(block) if y < year]
    return earlier[-1] if earlier else None


def mover_sentence(row: pd.Series, *, year_a: int, year_b: int, lang: str) -> str:
    """Return e.g. "Chí Linh: từ hạng 1 (2020) xuống hạng 3 (2021), ▼2"."""
    change = int(row["rank_change"])
    key = "rankings.mover.up" if change > 0 else "rankings.mover.down"
    if change == 0:
        key = "rankings.mover.same"
    return t(
        key,
        lang,
        unit=row["short_name"],
        rank_a=int(row["rank_a"]),
        rank_b=int(row["rank_b"]),
        year_a=year_a,
        year_b=year_b,
        change=change_label(change, lang),
    )


def _criteria_signature(dataset: Dataset, year: int, block: str) -> dict[str, float]:
    criteria = dataset.criteria(year, block)
    return {
        str(cid): round(float(points), 4)
        for cid, points in zip(criteria["criterion_id"], criteria["max_points"])
    }


def methodology_changed(dataset: Dataset, block: str, year_a: int, year_b: int) -> bool:
    """Return True when the criteria or their maxima (or the maximum total) differ.

    Years without published criteria are compared by their maximum total only, unless one
    year has criteria and the other none: that cannot be shown comparable, so it counts as a
    change.
    """
    if dataset.max_total(year_a, block) != dataset.max_total(year_b, block):
        return True
    return _criteria_signature(dataset, year_a, block) != _criteria_signature(
        dataset, year_b, block
    )


def methodology_breaks(dataset: Dataset, block: str) -> list[int]:
    """Return the years whose methodology differs from the block's previous scored year."""
    years = dataset.years_of(block)
    return [b for a, b in zip(years, years[1:]) if methodology_changed(dataset, block, a, b)]


def classification_label(code: object, lang: str) -> str:
    """Return the localised head-of-unit classification, or '' when not published."""
    if _missing(code) or str(code) not in schema.CLASSIFICATIONS:
        return ""
    return t(f"rankings.classification.{code}", lang)


def ranking_table(ranking: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the ranking as a display table with localised headers (numbers stay numbers).

    Columns: rank, tie mark, unit, score, grade, previous rank, change label, score change,
    classification (grade and classification only when the year publishes them).
    """
    col = {key: t(f"rankings.column.{key}", lang) for key in _TABLE_KEYS}
    decimals = precision.of_rows(ranking)
    table = pd.DataFrame(
        {
            col["rank"]: ranking["rank"].astype("Int64"),
            col["tied"]: [t("rankings.tied", lang) if tied else "" for tied in ranking["tied"]],
            col["unit"]: ranking["unit"].astype(str),
            col["score"]: ranking["score"].astype(float).round(decimals),
            col["index"]: ranking["index"].astype(float).round(decimals),
            col["grade"]: grade_labels(ranking, lang),
            col["previous_rank"]: ranking["previous_rank"].astype("Int64"),
            col["change"]: [
                change_label(c, lang, p)
                for c, p in zip(ranking["rank_change"], ranking["previous_year"])
            ],
            col["score_change"]: ranking["score_change"].astype(float).round(decimals),
            col["classification"]: [
                classification_label(c, lang) for c in ranking["classification"]
            ],
        }
    )
    for key in ("grade", "classification"):
        if not table[col[key]].astype(bool).any():
            table = table.drop(columns=col[key])
    if "index_pct" not in ranking.columns or ranking["index_pct"].isna().all():
        table = table.drop(columns=col["index"])  # shown only when an index % is published
    return precision.mark(table, decimals, [col["score"], col["index"], col["score_change"]])


_TABLE_KEYS = (
    "rank",
    "tied",
    "unit",
    "score",
    "index",
    "grade",
    "previous_rank",
    "change",
    "score_change",
    "classification",
)


def grade_labels(ranking: pd.DataFrame, lang: str) -> list[str]:
    """Return each row's grade name in ``lang`` ('' when not graded)."""
    column = "grade_en" if lang == "en" else "grade_vi"
    if column not in ranking.columns:
        return [""] * len(ranking)
    return ["" if _missing(name) else str(name) for name in ranking[column]]


def score_text(value: object, lang: str, decimals: int = 2) -> str:
    """Return a score with its published decimals in the language's format."""
    return "–" if _missing(value) else fmt_number(float(value), lang, decimals)


def block_history(standings: pd.DataFrame, block: str) -> pd.DataFrame:
    """Return the standings rows of one block over all years (a copy)."""
    return standings[standings["block"] == block].reset_index(drop=True).copy()


def units_in_order(history: pd.DataFrame, year: int) -> list[str]:
    """Return the block's unit ids: those ranked in ``year`` by rank, then the others."""
    ranked = history[history["year"] == year].sort_values(["rank", "unit"])
    ids = list(dict.fromkeys(ranked["unit_id"].astype(str)))
    latest_first = history.sort_values(["year", "rank"], ascending=[False, True])
    listed = set(ids)  # a set: a block of thousands of units is not scanned once per unit (#16)
    return ids + [u for u in dict.fromkeys(latest_first["unit_id"].astype(str)) if u not in listed]


def unit_movement(
    comparison: pd.DataFrame, unit_id: str, *, year_a: int, year_b: int, lang: str
) -> str | None:
    """Return the movement sentence of one unit between two years, or None when unknown."""
    rows = comparison[(comparison["unit_id"] == unit_id) & comparison["rank_change"].notna()]
    if rows.empty:
        return None
    return mover_sentence(rows.iloc[0], year_a=year_a, year_b=year_b, lang=lang)


def comparable_measure(dataset: Dataset, block: str, year_a: int, year_b: int) -> str:
    """Return "score" when both years share the maximum total, else "index" (share of it)."""
    same = dataset.max_total(year_a, block) == dataset.max_total(year_b, block)
    return "score" if same else "index"
