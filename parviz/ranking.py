"""Scores, indexes and ranks inside each block and year; ties; official ranks; rank changes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from parviz import lineage, precision
from parviz.dataset import Dataset, int_codes
from parviz.memo import per_dataset

# The columns of `parviz rank --format json`, in order.
RANK_KEYS = (
    "unit_id",
    "unit",
    "score",
    "index",
    "rank",
    "tied",
    "previous_rank",
    "rank_change",
    "score_change",
    "grade",  # the grade's published name (grades.csv), null when not graded
)


UNIT_KEY = ("year", "block", "unit_id")

# One rank policy per year and block (column rank_policy of standings). OFFICIAL: every ranked
# unit has its published rank. COMPUTED: none has; parviz ranks by index (share of the unit's
# maximum), equal indexes sharing the best place. COMPLETED: some published ranks are missing
# and the order of the indexes agrees with every published one (a news table prints "1. A",
# then "B và C cùng đạt 95,7%" with no rank: B and C share 2nd); the missing ranks are the
# computed ones, and the findings say so. PARTIAL: some are missing and the indexes disagree
# with a published rank (official 1, (empty), 2 for 90, 85, 80 leaves no place for 85): no
# order can complete them without inventing a rank, so a PARTIAL year and block is an error
# (validation.check_rank_policy) and none of its units is ranked here.
OFFICIAL, COMPUTED, PARTIAL = "official", "computed", "partial"
COMPLETED = "completed"


def criterion_points(dataset: Dataset) -> pd.DataFrame:
    """Return (year, block, unit_id, criterion_id, points, max_points) for top-level criteria.

    A top-level criterion's points are its own score row, else the sum of its sub-criteria.
    The result is a copy (safe to change) of a frame computed once per dataset.
    """
    return _criterion_points(dataset).copy()


def criterion_points_of(dataset: Dataset, *, year: int, block: str) -> pd.DataFrame:
    """Return ``criterion_points`` of one year and block (a copy, safe to change).

    The same rows, order and index as filtering ``criterion_points`` by year and block, found
    in a split made once per dataset: a new year's first visitor no longer compares every
    row's block name (700,000 on 10,000 units, ~20 ms a call, several calls a page) (#16).
    """
    return _part(_criterion_points(dataset), _criterion_points_by(dataset), year, block)


def standings_of(dataset: Dataset, *, year: int, block: str) -> pd.DataFrame:
    """Return the ``standings`` rows of one year and block, in standings order (a copy)."""
    return _part(standings(dataset), _standings_by(dataset), year, block)


def _part(table: pd.DataFrame, parts: dict, year: int, block: str) -> pd.DataFrame:
    """Return the rows of ``parts`` under (year, block) as a copy; none: an empty ``table``."""
    found = parts.get((int(year), str(block)))
    return table.iloc[:0].copy() if found is None else found.copy()


def _by_year_block(table: pd.DataFrame) -> dict[tuple[int, str], pd.DataFrame]:
    """Return ``table`` split by (year, block), each part in the table's own row order."""
    return {(int(year), str(block)): part
            for (year, block), part in table.groupby(["year", "block"], sort=False)}  # fmt: skip


@per_dataset
def _criterion_points_by(dataset: Dataset) -> dict[tuple[int, str], pd.DataFrame]:
    return _by_year_block(_criterion_points(dataset))


@per_dataset
def _standings_by(dataset: Dataset) -> dict[tuple[int, str], pd.DataFrame]:
    return _by_year_block(standings(dataset))


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

    ``rank_policy`` says how the row's year and block is ranked (OFFICIAL, COMPUTED; PARTIAL
    rows have no rank); ``tied`` marks units sharing ``tie_value``; ``previous_unit_id`` is the
    unit (itself or its lineage, parviz.lineage) whose previous rank is ``previous_rank``.
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
    table = _add_decimals(table, dataset.table("methodology"))
    table = _add_grade_names(table, dataset.table("grades"))
    return table.rename(columns={"rank": "official_rank"})


def _add_grade_names(table: pd.DataFrame, grades: pd.DataFrame) -> pd.DataFrame:
    """Add grade_vi and grade_en: the name of each row's grade in its year's scale."""
    names = grades[["year", "block", "grade_id", "name_vi", "name_en"]].drop_duplicates(
        ["year", "block", "grade_id"]
    )
    names = names.rename(
        columns={"grade_id": "grade", "name_vi": "grade_vi", "name_en": "grade_en"}
    )
    if "grade" not in table.columns:
        table = table.assign(grade=pd.Series(None, index=table.index, dtype=object))
    return table.merge(names, on=["year", "block", "grade"], how="left")


def _add_decimals(table: pd.DataFrame, methodology: pd.DataFrame) -> pd.DataFrame:
    """Add the published precision of each row's block and year (precision.block_decimals)."""
    # The published results decide; criterion points only where no result number is published
    # (a sub-criterion of 0,125 does not give a total published as 85,86 a third decimal).
    published = precision.block_decimals(table)
    published = published[published >= 0]
    points = precision.block_decimals(table, ("points",))
    seen = pd.concat([published, points[~points.index.isin(published.index)]])
    if "decimals" in methodology.columns:  # recorded by an import: "91,50" has two decimals
        recorded = methodology.set_index(["year", "block"])["decimals"].dropna().astype("int64")
        seen = pd.concat([seen, recorded]).groupby(level=[0, 1]).max()
    keys = pd.MultiIndex.from_arrays([table["year"], table["block"]])
    found = seen.reindex(keys).to_numpy(dtype="float64") if len(seen) else np.full(len(table), -1.0)
    found = np.where(np.isnan(found) | (found < 0), precision.DEFAULT_DECIMALS, found)
    return table.assign(decimals=found.astype("int64"))


def _add_ranks(table: pd.DataFrame) -> pd.DataFrame:
    """Rank each year and block by its one policy (rank_policy); mark ties on what is compared."""
    by_group = [table["year"], table["block"]]
    key = _rank_key(table)
    table["computed_rank"] = (
        key.groupby(by_group).rank(method="min", ascending=False).astype("Int64")
    )
    table["rank_policy"] = rank_policy(table)
    official = table["rank_policy"] == OFFICIAL
    completed = table["rank_policy"] == COMPLETED
    computed = table["computed_rank"].where((table["rank_policy"] == COMPUTED) | completed)
    published = table["official_rank"].astype("Int64")
    table["rank"] = published.where(official | (completed & published.notna()), computed)
    # Official ranks may put equal totals apart (a tie-break): the tie is the published value.
    # Computed ranks: the value the rank compares, so units marked tied share their rank.
    value = _published_value(table).where(official, key)
    table["tie_value"] = value.where(table["rank"].notna())
    same = pd.DataFrame({"year": table["year"], "block": table["block"], "v": table["tie_value"]})
    table["tied"] = same.duplicated(keep=False) & table["tie_value"].notna()
    table["units_ranked"] = table["rank"].notna().groupby(by_group).transform("sum").astype(int)
    return table


def _rank_key(table: pd.DataFrame) -> pd.Series:
    """Return the value parviz ranks by: the index, rounded so float noise is no tie-break."""
    return table["index"].round(4)


def _published_value(table: pd.DataFrame) -> pd.Series:
    """Return each unit's total as published (its index where the year and block has no totals).

    As an integer count of the block's published decimals (precision): equal as published,
    never equal by rounding (97,685 and 97,681 are no tie) nor apart by float noise.
    """
    has_total = table["score"].notna().groupby([table["year"], table["block"]]).transform("any")
    value = table["score"].where(has_total, table["index"])
    return (value * 10.0 ** table["decimals"]).round()


def rank_policy(table: pd.DataFrame) -> np.ndarray:
    """Return, per row, how its year and block is ranked: OFFICIAL, COMPUTED, COMPLETED, PARTIAL.

    ``table`` has year, block, official_rank and computed_rank; its rows are the units with a
    score, an index or a rank. Every row with a published rank: OFFICIAL; none: COMPUTED (by
    index); some, where every published rank is the computed one and every unranked unit has
    an index: COMPLETED; else PARTIAL.
    """
    published = table["official_rank"].notna()
    by_group = [table["year"], table["block"]]
    every = published.groupby(by_group).transform("all").to_numpy(dtype=bool)
    some = published.groupby(by_group).transform("any").to_numpy(dtype=bool)
    computed = table["computed_rank"].astype("Float64")
    agrees = (table["official_rank"].astype("Float64") == computed).fillna(False)
    fits = (agrees | (~published & computed.notna())).astype(bool)
    consistent = fits.groupby(by_group).transform("all").to_numpy(dtype=bool)
    return np.select(
        [every, some & consistent, some], [OFFICIAL, COMPLETED, PARTIAL], COMPUTED
    )


def partial_ranks(dataset: Dataset) -> pd.DataFrame:
    """Return the standings rows left without a rank by a partly published rank column.

    Column ``published``: how many units of the row's year and block have a published rank.
    """
    table = standings(dataset)
    partial = table[table["rank_policy"] == PARTIAL]
    published = partial["official_rank"].notna().groupby([partial["year"], partial["block"]])
    partial = partial.assign(published=published.transform("sum").astype(int))
    return partial[partial["official_rank"].isna()]


def _add_previous(table: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """Add the previous scored year's rank and score of each unit, or of its lineage.

    Who a unit is compared with is ``lineage.earlier_units`` (own row, else the only ranked
    predecessor in the same block); ``previous_unit_id`` says whom, empty for a new unit.
    """
    years = table[["block", "year"]].drop_duplicates().sort_values(["block", "year"])
    years["previous_year"] = years.groupby("block")["year"].shift(1)
    table = table.merge(years, on=["block", "year"], how="left")
    ranked = table[table["rank"].notna()]
    ranked_ids = ranked.groupby(["block", "year"])["unit_id"].agg(set)
    predecessors = lineage.predecessors(dataset)
    matched = pd.Series(None, index=table.index, dtype=object)
    for (block, previous), rows in table[table["previous_year"].notna()].groupby(
        ["block", "previous_year"]
    ):
        earlier = ranked_ids.get((block, int(previous)), set())
        matched[rows.index] = lineage.earlier_units(rows["unit_id"], earlier, predecessors)
    table["previous_unit_id"] = matched
    before = ranked[["block", "year", "unit_id", "rank", "score", "index"]].rename(
        columns={
            "year": "previous_year",
            "unit_id": "previous_unit_id",
            "rank": "previous_rank",
            "score": "previous_score",
            "index": "previous_index",
        }
    )
    table = table.merge(before, on=["block", "previous_year", "previous_unit_id"], how="left")
    table["previous_rank"] = table["previous_rank"].astype("Int64")
    table["rank_change"] = table["previous_rank"] - table["rank"]
    table["score_change"] = table["score"] - table["previous_score"]
    table["index_change"] = table["index"] - table["previous_index"]
    table["previous_year"] = table["previous_year"].astype("Int64")
    return table


def rank(dataset: Dataset, *, year: int, block: str) -> pd.DataFrame:
    """Return the ranking of ``block`` in ``year``, best first (a copy, safe to change)."""
    chosen = standings_of(dataset, year=year, block=block)
    return chosen.sort_values(["rank", "unit"]).reset_index(drop=True)


def ranked(dataset: Dataset, *, year: int, block: str) -> pd.DataFrame:
    """Return the units of ``block`` given a rank in ``year``, best first (as `parviz rank`).

    The units the slides, the report and the annex list: ``rank`` less those left unranked.
    """
    ranks = rank(dataset, year=year, block=block)
    return ranks[ranks["rank"].notna()].reset_index(drop=True)


def rank_records(ranking: pd.DataFrame) -> list[dict]:
    """Return the ranking as JSON-ready dicts with exactly RANK_KEYS."""
    records = []
    for _, row in ranking.iterrows():
        decimals = int(row["decimals"]) if "decimals" in row else precision.DEFAULT_DECIMALS
        row = row.rename({"grade": "grade_id", "grade_vi": "grade"})  # the name, not the id
        records.append({key: _plain(row.get(key), key, decimals) for key in RANK_KEYS})
    return records


def _plain(value: object, key: str, decimals: int) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if key in ("score", "index", "score_change"):  # as published: 97.685, not 97.69
        return round(float(value), decimals)
    if key in ("rank", "previous_rank", "rank_change"):
        return int(value)
    if key == "tied":
        return bool(value)
    return value
