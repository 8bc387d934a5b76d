"""Scores, indexes and ranks inside each block and year; ties; official ranks; rank changes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from parviz import schema
from parviz.dataset import Dataset, int_codes
from parviz.memo import per_dataset

# The columns of `parviz rank --format json`, in order.
RANK_KEYS = (
    "unit_id",
    "unit",
    "score",
    "rank",
    "tied",
    "previous_rank",
    "rank_change",
    "score_change",
)


UNIT_KEY = ("year", "block", "unit_id")


def criterion_points(dataset: Dataset) -> pd.DataFrame:
    """Return (year, block, unit_id, criterion_id, points, max_points) for top-level criteria.

    A top-level criterion's points are its own score row, else the sum of its sub-criteria.
    The result is a copy (safe to change) of a frame computed once per dataset.
    """
    return _criterion_points(dataset).copy()


@per_dataset  # every page rerun asks for it; a large dataset has millions of scores
def _criterion_points(dataset: Dataset) -> pd.DataFrame:
    """Compute criterion_points with integer keys (Dataset.score_keys), not joins on text.

    Same rows, order and sums as joining scores to units and criteria: rows of top-level (or
    unknown) criteria in file order, then sub-criteria sums sorted by year, block, unit_id and
    parent_id; a criterion's own row wins over the sum of its sub-criteria.
    """
    scores, units = dataset.table("scores"), dataset.table("units")
    criteria, keys = dataset.table("criteria"), dataset.score_keys
    known = keys.unit >= 0
    is_sub = known & keys.of_criterion(criteria["parent_id"].notna().to_numpy(), False)
    rows = np.flatnonzero(known & ~is_sub)  # few or none: look up these rows only
    top = scores.loc[known & ~is_sub, ["year", "unit_id", "criterion_id", "points"]]
    blocks = keys.of_unit(units["block"].to_numpy(dtype=object), rows=rows)
    top = top.assign(block=pd.Series(blocks, index=top.index, dtype=object))
    top_max = keys.of_criterion(criteria["max_points"].to_numpy(), np.nan, rows=rows)
    sub, sub_max = _sub_criteria_sums(dataset, is_sub)
    combined = pd.concat([top, sub], ignore_index=True)
    combined["max_points"] = np.concatenate([top_max, sub_max])
    if top.empty:  # sums are one per (year, unit, parent): nothing can clash
        return combined
    # Key codes of (year, unit, criterion): an own row and a sum for the same criterion clash.
    codes, _ = pd.factorize(np.concatenate([top["criterion_id"], sub["criterion_id"]]))
    unit = np.concatenate([keys.unit[rows], _unit_rows(units, sub["unit_id"])])
    clash = pd.DataFrame({"year": combined["year"], "unit": unit, "code": codes}).duplicated()
    return combined[~clash.to_numpy()].reset_index(drop=True)


def _unit_rows(units: pd.DataFrame, unit_ids: pd.Series) -> np.ndarray:
    """Return the row in units of each of ``unit_ids`` (all known)."""
    return pd.Index(units["unit_id"]).get_indexer(unit_ids)


def _sub_criteria_sums(dataset: Dataset, is_sub: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Return sub-criteria points summed per (year, block, unit_id, parent_id), and maxima.

    Grouped on one integer key made of codes whose order is that of the text (factorize with
    sort): the groups come out in the order, and with the sums, of a groupby on the text.
    A group's maximum is its parent's, the same for all its rows: looked up once per group.
    """
    keys, units, scores = dataset.score_keys, dataset.table("units"), dataset.table("scores")
    rows = np.flatnonzero(is_sub)
    every = len(rows) == len(is_sub)  # the usual dataset: no copies of whole columns

    def at_rows(values: np.ndarray) -> np.ndarray:
        return values if every else values.take(rows)

    unit_code, unit_ids = pd.factorize(units["unit_id"], sort=True)
    block_code, blocks = pd.factorize(units["block"], sort=True)
    year_code, years = int_codes(scores["year"] if every else scores["year"].take(rows), sort=True)
    criteria = dataset.table("criteria")
    parent_of_criterion, parent_ids = pd.factorize(criteria["parent_id"], sort=True)
    criterion, unit = at_rows(keys.criterion), at_rows(keys.unit)
    sizes = (len(years), len(blocks), len(unit_ids), len(parent_ids))
    # (block, unit) of each unit as one code: one lookup per score row instead of two.
    block_unit = block_code.astype("int64") * len(unit_ids) + unit_code
    if rows.size:
        codes = (year_code, block_unit[unit], parent_of_criterion[criterion])
        key = np.ravel_multi_index(codes, (sizes[0], sizes[1] * sizes[2], sizes[3]))
    else:
        key = np.zeros(0, dtype="int64")
    points = pd.Series(at_rows(scores["points"].to_numpy()), copy=False)  # only read
    sums = points.groupby(key, sort=True).sum()
    year, block, unit, criterion = np.unravel_index(sums.index.to_numpy(), sizes)
    sub = pd.DataFrame(
        {
            "year": years.take(year),
            "block": pd.Series(np.asarray(blocks, dtype=object).take(block), dtype=object),
            "unit_id": pd.Series(np.asarray(unit_ids, dtype=object).take(unit), dtype=object),
            "criterion_id": pd.Series(
                np.asarray(parent_ids, dtype=object).take(criterion), dtype=object
            ),
            "points": sums.to_numpy(),
        }
    )
    groups = (year, block, criterion)
    return sub, _parent_maxima_of_groups(criteria, years, blocks, parent_of_criterion, groups)


def _parent_maxima_of_groups(
    criteria: pd.DataFrame,
    years: object,
    blocks: object,
    parent_of_criterion: np.ndarray,
    groups: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    """Return the parent's max_points of each (year, block, parent) group of codes.

    Every criteria row of a year, block and parent has that parent's maximum (NaN: unknown),
    so the criteria rows, coded alike, are looked up once per group.
    """
    year = pd.Index(years).get_indexer(criteria["year"])
    block = pd.Index(blocks).get_indexer(criteria["block"])
    chosen = (year >= 0) & (block >= 0) & (parent_of_criterion >= 0)
    sizes = (len(years), len(blocks), int(parent_of_criterion.max(initial=-1)) + 1)
    if not chosen.any() or not len(groups[0]):
        return np.full(len(groups[0]), np.nan)
    codes = np.ravel_multi_index((year[chosen], block[chosen], parent_of_criterion[chosen]), sizes)
    maxima = pd.Series(_parent_maxima(criteria).astype("float64")[chosen], index=codes)
    maxima = maxima[~maxima.index.duplicated()]
    return maxima.reindex(np.ravel_multi_index(groups, sizes)).to_numpy()


def _parent_maxima(criteria: pd.DataFrame) -> np.ndarray:
    """Return, per criteria row, the max_points of its parent in the same year and block."""
    parents = criteria[["year", "block", "parent_id"]].merge(
        criteria[["year", "block", "criterion_id", "max_points"]].drop_duplicates(
            ["year", "block", "criterion_id"]
        ),
        left_on=["year", "block", "parent_id"],
        right_on=["year", "block", "criterion_id"],
        how="left",
    )
    return parents["max_points"].to_numpy()


def unit_points(dataset: Dataset) -> pd.DataFrame:
    """Return (year, unit_id, points, max_points) where max_points is the unit's own maximum.

    Criteria that do not apply to a unit (no score row) lower its maximum.
    """
    return _unit_points(dataset).copy()


@per_dataset  # validation (check_totals) and standings both need it
def _unit_points(dataset: Dataset) -> pd.DataFrame:
    per_unit = _sum_per_unit(_criterion_points(dataset))
    criteria = dataset.table("criteria")
    all_top = (
        criteria[criteria["parent_id"].isna()]
        .groupby(["year", "block"], as_index=False)["max_points"]
        .sum()
        .rename(columns={"max_points": "criteria_max"})
    )
    per_unit = per_unit.merge(all_top, on=["year", "block"], how="left")
    per_unit = per_unit.merge(
        dataset.table("methodology")[["year", "block", "max_total"]], on=["year", "block"]
    )
    per_unit["max_points"] = per_unit["max_total"] - (
        per_unit["criteria_max"] - per_unit["applicable_max"]
    )
    return per_unit[["year", "unit_id", "points", "max_points"]]


def _sum_per_unit(points: pd.DataFrame) -> pd.DataFrame:
    """Return points and applicable_max summed per (year, block, unit_id), sorted by them.

    Grouped on one integer key of sorted codes: the groups, their order and their sums are
    those of a groupby on the three columns, without hashing text per row in the groupby.
    """
    codes, labels = zip(*(pd.factorize(points[name], sort=True) for name in UNIT_KEY))
    keep = np.logical_and.reduce([code >= 0 for code in codes])  # groupby drops NA keys
    sizes = tuple(len(label) for label in labels)
    key = np.ravel_multi_index([code[keep] for code in codes], sizes) if keep.any() else []
    sums = points.loc[keep, ["points", "max_points"]].groupby(np.asarray(key), sort=True).sum()
    positions = np.unravel_index(sums.index.to_numpy(dtype="int64"), sizes)
    per_unit = pd.DataFrame(
        {name: label.take(at) for name, label, at in zip(UNIT_KEY, labels, positions)}
    )
    if len(per_unit):  # the dtype a groupby on the text columns gives (object when empty)
        per_unit = per_unit.astype({"block": "str", "unit_id": "str"})
    per_unit["points"] = sums["points"].to_numpy()
    per_unit["applicable_max"] = sums["max_points"].to_numpy()
    return per_unit


@per_dataset
def standings(dataset: Dataset) -> pd.DataFrame:
    """Return one row per ranked unit, year and block with score, index, rank and changes.

    The frame is shared (cached per dataset): copy it before changing it.
    """
    table = _scored_units(dataset)
    table = _add_ranks(table)
    table = _add_previous(table, dataset)
    table["unit"] = dataset.names_in(table["unit_id"], table["year"])
    table["short_name"] = dataset.names_in(table["unit_id"], table["year"], short=True)
    return table.sort_values(["block", "year", "rank", "unit"]).reset_index(drop=True)


def _scored_units(dataset: Dataset) -> pd.DataFrame:
    """Join points and published results into score and index per unit and year."""
    results = dataset.table("results").drop(columns="_row")
    points = _unit_points(dataset)
    table = results.merge(points, on=["year", "unit_id"], how="outer")
    table = table.merge(dataset.table("units")[["unit_id", "block"]], on="unit_id")
    methodology = dataset.table("methodology")[["year", "block", "max_total"]]
    table = table.merge(methodology, on=["year", "block"])
    computed = table["points"] + table["survey_points"].fillna(0)
    table["computed_score"] = computed
    table["score"] = table["total"].fillna(computed)
    table["max_points"] = table["max_points"].fillna(table["max_total"])
    table["index"] = table["index_pct"].fillna(table["score"] / table["max_points"] * 100)
    table = table[table["score"].notna() | table["index"].notna() | table["rank"].notna()]
    return table.rename(columns={"rank": "official_rank"})


def _add_ranks(table: pd.DataFrame) -> pd.DataFrame:
    """Rank by index inside each year and block; the official rank wins when published."""
    groups = table.groupby(["year", "block"])["index"]
    # Published figures have two decimals: compare rounded values so float noise is no tie-break.
    table["computed_rank"] = (
        table.assign(_key=table["index"].round(4))
        .groupby(["year", "block"])["_key"]
        .rank(method="min", ascending=False)
        .astype("Int64")
    )
    table["rank"] = table["official_rank"].astype("Int64").fillna(table["computed_rank"])
    rounded = table["score"].round(2)
    table["tied"] = (
        rounded.groupby([table["year"], table["block"]])
        .transform(lambda s: s.duplicated(keep=False))
        .astype(bool)
        & table["score"].notna()
    )
    table["units_ranked"] = groups.transform("size").astype(int)
    return table


def _add_previous(table: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """Add the previous scored year's rank and score, following renames and merges."""
    years = table[["block", "year"]].drop_duplicates().sort_values(["block", "year"])
    years["previous_year"] = years.groupby("block")["year"].shift(1)
    table = table.merge(years, on=["block", "year"], how="left")
    before = table[["year", "unit_id", "rank", "score", "index"]].rename(
        columns={
            "year": "previous_year",
            "rank": "previous_rank",
            "score": "previous_score",
            "index": "previous_index",
        }
    )
    lineage = _predecessor_pairs(dataset)
    # A unit's own row in the previous year wins; else its only ranked predecessor's.
    own = table.merge(before, on=["previous_year", "unit_id"], how="left")
    via = (
        table[["year", "unit_id", "previous_year"]]
        .merge(lineage, on="unit_id")
        .merge(
            before.rename(columns={"unit_id": "predecessor_id"}),
            on=["previous_year", "predecessor_id"],
        )
    )
    via = via[via.groupby(["year", "unit_id"])["predecessor_id"].transform("size") == 1]
    via = via.drop(columns=["predecessor_id", "previous_year"]).set_index(["year", "unit_id"])
    own = own.set_index(["year", "unit_id"])
    for column in ("previous_rank", "previous_score", "previous_index"):
        own[column] = own[column].fillna(via[column].reindex(own.index))
    own = own.reset_index()
    own["previous_rank"] = own["previous_rank"].astype("Int64")
    own["rank_change"] = own["previous_rank"] - own["rank"]
    own["score_change"] = own["score"] - own["previous_score"]
    own["index_change"] = own["index"] - own["previous_index"]
    own["previous_year"] = own["previous_year"].astype("Int64")
    return own


def _predecessor_pairs(dataset: Dataset) -> pd.DataFrame:
    """Return (unit_id, predecessor_id) pairs from units.predecessor_ids."""
    units = dataset.table("units")
    pairs = [
        (unit_id, other.strip())
        for unit_id, listed in zip(units["unit_id"], units["predecessor_ids"])
        if isinstance(listed, str)
        for other in listed.split(schema.LIST_SEPARATOR)
        if other.strip()
    ]
    return pd.DataFrame(pairs, columns=["unit_id", "predecessor_id"], dtype=object)


def rank(dataset: Dataset, *, year: int, block: str) -> pd.DataFrame:
    """Return the ranking of ``block`` in ``year``, best first (a copy, safe to change)."""
    table = standings(dataset)
    chosen = table[(table["year"] == year) & (table["block"] == block)]
    return chosen.sort_values(["rank", "unit"]).reset_index(drop=True).copy()


def rank_records(ranking: pd.DataFrame) -> list[dict]:
    """Return the ranking as JSON-ready dicts with exactly RANK_KEYS."""
    records = []
    for _, row in ranking.iterrows():
        records.append({key: _plain(row[key], key) for key in RANK_KEYS})
    return records


def _plain(value: object, key: str) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if key in ("score", "score_change"):
        return round(float(value), 2)
    if key in ("rank", "previous_rank", "rank_change"):
        return int(value)
    if key == "tied":
        return bool(value)
    return value
