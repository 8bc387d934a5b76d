"""Every cross-table rule a dataset must satisfy; all problems are returned at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from parviz import schema
from parviz.completeness import check_criteria_complete
from parviz.dataset import ROW, Dataset, parse_bool
from parviz.memo import per_dataset
from parviz.problems import Problem, Severity
from parviz.units import clean_name, visible_controls

# Cap per rule, so a systematically broken 4-million-row file still reports quickly.
MAX_PROBLEMS_PER_RULE = 200

Rule = Callable[[Dataset], list[Problem]]


def validate(dataset: Dataset) -> list[Problem]:
    """Return every problem the cross-table rules find in ``dataset``."""
    problems: list[Problem] = []
    for rule in RULES:
        problems += rule(dataset)[:MAX_PROBLEMS_PER_RULE]
    if any(problem.is_error for problem in problems):
        return problems  # derived rules need consistent tables
    for rule in DERIVED_RULES:
        problems += rule(dataset)[:MAX_PROBLEMS_PER_RULE]
    return problems


def _problems(
    dataset: Dataset,
    table: str,
    rows: pd.DataFrame,
    code: str,
    column: str,
    params: Callable[[pd.Series], dict],
    severity: Severity = Severity.ERROR,
) -> list[Problem]:
    """Turn offending rows of ``table`` into located problems."""
    origin = dataset.origin(table)
    return [
        Problem(
            code,
            severity,
            file=origin.file,
            sheet=origin.sheet,
            row=int(row[ROW]),
            column=column,
            params=params(row),
        )
        for _, row in rows.head(MAX_PROBLEMS_PER_RULE).iterrows()
    ]


def check_metadata(dataset: Dataset) -> list[Problem]:
    """Require a title and a true/false illustrative flag."""
    origin = dataset.origin("metadata")
    problems = []
    for key in (schema.META_TITLE, schema.META_ILLUSTRATIVE):
        if not dataset.metadata.get(key):
            problems.append(
                Problem(
                    "metadata_missing",
                    file=origin.file,
                    sheet=origin.sheet,
                    column="key",
                    params={"key": key},
                )
            )
    flag = dataset.metadata.get(schema.META_ILLUSTRATIVE)
    if flag and parse_bool(flag) is None:
        problems.append(
            Problem(
                "value_not_bool",
                file=origin.file,
                sheet=origin.sheet,
                column="value",
                params={"value": flag},
            )
        )
    return problems


def check_blocks_known(dataset: Dataset) -> list[Problem]:
    """Require every block named in units, methodology, criteria and bands to be declared."""
    known = set(dataset.table("blocks")["block"])
    problems = []
    for table in ("units", "methodology", "criteria", "bands", "grades"):
        frame = dataset.table(table)
        bad = frame[frame["block"].notna() & ~frame["block"].isin(known)]
        problems += _problems(
            dataset, table, bad, "unknown_block", "block", lambda r: {"block": r["block"]}
        )
    return problems


def check_units_known(dataset: Dataset) -> list[Problem]:
    """Require every unit_id in names, scores and results to be in units."""
    known = set(dataset.table("units")["unit_id"])
    problems = []
    for table in ("unit_names", "scores", "results"):
        frame = dataset.table(table)
        if table == "scores":
            bad = _score_rows(dataset, dataset.score_keys.unit < 0)
        else:
            bad = frame[~frame["unit_id"].isin(known)]
        problems += _problems(
            dataset, table, bad, "unknown_unit", "unit_id", lambda r: {"unit": r["unit_id"]}
        )
    units = dataset.table("units")
    for column in ("predecessor_ids", "successor_ids"):
        for _, row in units[units[column].notna()].iterrows():
            for other in str(row[column]).split(schema.LIST_SEPARATOR):
                if other.strip() and other.strip() not in known:
                    problems += _problems(
                        dataset,
                        "units",
                        row.to_frame().T,
                        "unknown_unit",
                        column,
                        lambda r, o=other: {"unit": o.strip()},
                    )
    return problems


def check_methodology_exists(dataset: Dataset) -> list[Problem]:
    """Require a methodology row for every year and block that has criteria, scores or results."""
    declared = dataset.table("methodology")[["year", "block"]].drop_duplicates()
    problems = []
    for table in ("criteria", "bands", "grades", "scores", "results"):
        if table == "scores":
            keys = dataset.score_keys
            bad = _score_rows(dataset, (keys.block >= 0) & (keys.methodology < 0), block=True)
        else:
            frame = _with_block(dataset, table)
            joined = frame.merge(declared, on=["year", "block"], how="left", indicator=True)
            bad = joined[(joined["_merge"] == "left_only") & joined["block"].notna()]
        problems += _problems(
            dataset,
            table,
            bad,
            "year_without_methodology",
            "year",
            lambda r: {"year": int(r["year"]), "block": r["block"]},
        )
    return problems


@per_dataset  # results need their blocks in two rules
def _with_block(dataset: Dataset, table: str) -> pd.DataFrame:
    """Return ``table`` with each row's block (looked up through the unit when needed).

    Shared between rules (cached per dataset): do not change the returned frame.
    """
    frame = dataset.table(table)
    if "block" in frame.columns:
        return frame
    blocks = dataset.table("units")[["unit_id", "block"]]
    return frame.merge(blocks, on="unit_id", how="left")


def _score_rows(dataset: Dataset, chosen: np.ndarray, *, block: bool = False) -> pd.DataFrame:
    """Return the first MAX_PROBLEMS_PER_RULE ``chosen`` score rows (with the unit's block).

    Rules on the millions of score rows select them with Dataset.score_keys (integer lookups
    instead of joins on text) and build a frame only of the few rows they report.
    """
    positions = np.flatnonzero(chosen)[:MAX_PROBLEMS_PER_RULE]
    rows = dataset.table("scores").iloc[positions]
    if block:
        keys = dataset.score_keys
        rows = rows.assign(block=keys.blocks[keys.block[positions]])
    return rows


def check_unit_years(dataset: Dataset) -> list[Problem]:
    """Require scores and results to fall inside their unit's first and last year."""
    units = dataset.table("units")[["unit_id", "first_year", "last_year"]]
    problems = []
    for table in ("scores", "results"):
        if table == "scores":
            bad = _scores_outside_years(dataset)
        else:
            frame = dataset.table(table).merge(units, on="unit_id", how="inner")
            early = frame["first_year"].notna() & (frame["year"] < frame["first_year"])
            late = frame["last_year"].notna() & (frame["year"] > frame["last_year"])
            bad = frame[(early | late).fillna(False).astype(bool)]
        problems += _problems(
            dataset,
            table,
            bad,
            "unit_outside_years",
            "year",
            lambda r: {
                "unit": r["unit_id"],
                "year": int(r["year"]),
                "first": _int_or_dash(r["first_year"]),
                "last": _int_or_dash(r["last_year"]),
            },
        )
    return problems


def _scores_outside_years(dataset: Dataset) -> pd.DataFrame:
    """Return the score rows outside their (known) unit's first and last year."""
    keys, units = dataset.score_keys, dataset.table("units")
    years = dataset.table("scores")["year"].to_numpy(dtype="float64", na_value=np.nan)
    bounds = {
        name: keys.of_unit(units[name].to_numpy(dtype="float64", na_value=np.nan), np.nan)
        for name in ("first_year", "last_year")
    }
    with np.errstate(invalid="ignore"):  # NaN bounds (no limit) compare False
        outside = (years < bounds["first_year"]) | (years > bounds["last_year"])
    rows = _score_rows(dataset, outside & (keys.unit >= 0))
    unit = keys.unit[np.flatnonzero(outside & (keys.unit >= 0))[:MAX_PROBLEMS_PER_RULE]]
    return rows.assign(
        first_year=units["first_year"].to_numpy()[unit],
        last_year=units["last_year"].to_numpy()[unit],
    )


def _int_or_dash(value: object) -> str:
    return "–" if pd.isna(value) else str(int(value))


def check_criteria(dataset: Dataset) -> list[Problem]:
    """Require known parents and warn when top-level maxima do not add up to the max total."""
    criteria = dataset.table("criteria")
    ids = set(zip(criteria["year"], criteria["block"], criteria["criterion_id"]))
    has_parent = criteria["parent_id"].notna()
    unknown = [
        (year, block, parent) not in ids
        for year, block, parent in zip(criteria["year"], criteria["block"], criteria["parent_id"])
    ]
    bad = criteria[has_parent & pd.Series(unknown, index=criteria.index, dtype=bool)]
    problems = _problems(
        dataset,
        "criteria",
        bad,
        "unknown_criterion",
        "parent_id",
        lambda r: {"criterion": r["parent_id"], "year": int(r["year"])},
    )
    top = criteria[~has_parent].groupby(["year", "block"], as_index=False)["max_points"].sum()
    sums = top.merge(dataset.table("methodology"), on=["year", "block"])
    off = sums[(sums["max_points"] - sums["max_total"]).abs() > schema.SCORE_TOLERANCE]
    problems += _problems(
        dataset,
        "methodology",
        off,
        "methodology_sum",
        "max_total",
        lambda r: {
            "year": int(r["year"]),
            "block": r["block"],
            "sum": float(r["max_points"]),
            "max": float(r["max_total"]),
        },
        Severity.WARNING,
    )
    return problems


def check_scores(dataset: Dataset) -> list[Problem]:
    """Require each score's criterion to exist for its year and block, within its maximum."""
    keys = dataset.score_keys
    unknown = _score_rows(dataset, (keys.block >= 0) & (keys.criterion < 0))
    problems = _problems(
        dataset,
        "scores",
        unknown,
        "unknown_criterion",
        "criterion_id",
        lambda r: {"criterion": r["criterion_id"], "year": int(r["year"])},
    )
    maxima = keys.of_criterion(dataset.table("criteria")["max_points"].to_numpy(), np.nan)
    points = dataset.table("scores")["points"].to_numpy()
    with np.errstate(invalid="ignore"):  # no maximum (NaN): never above
        above = points > maxima + schema.SCORE_TOLERANCE
    rows = _score_rows(dataset, above)
    rows = rows.assign(max_points=maxima[np.flatnonzero(above)[:MAX_PROBLEMS_PER_RULE]])
    problems += _problems(
        dataset,
        "scores",
        rows,
        "score_above_max",
        "points",
        lambda r: {
            "value": float(r["points"]),
            "max": float(r["max_points"]),
            "criterion": r["criterion_id"],
        },
    )
    return problems


def check_results(dataset: Dataset) -> list[Problem]:
    """Check totals against the maximum, and classifications and bands against their lists."""
    results = _with_block(dataset, "results")
    joined = results.merge(
        dataset.table("methodology")[["year", "block", "max_total"]],
        on=["year", "block"],
        how="left",
    )
    above = joined[joined["total"] > joined["max_total"] + schema.SCORE_TOLERANCE]
    problems = _problems(
        dataset,
        "results",
        above,
        "score_above_max",
        "total",
        lambda r: {"value": float(r["total"]), "max": float(r["max_total"]), "criterion": "total"},
    )
    over_100 = joined[joined["index_pct"] > 100 + schema.SCORE_TOLERANCE]
    problems += _problems(
        dataset,
        "results",
        over_100,
        "score_above_max",
        "index_pct",
        lambda r: {"value": float(r["index_pct"]), "max": 100.0, "criterion": "index_pct"},
    )
    odd = joined[
        joined["classification"].notna() & ~joined["classification"].isin(schema.CLASSIFICATIONS)
    ]
    problems += _problems(
        dataset,
        "results",
        odd,
        "unknown_classification",
        "classification",
        lambda r: {"value": r["classification"], "allowed": ", ".join(schema.CLASSIFICATIONS)},
    )
    bands = dataset.table("bands")[["year", "block", "band_id"]].assign(_known=True)
    banded = joined[joined["band_id"].notna()].merge(
        bands, on=["year", "block", "band_id"], how="left"
    )
    problems += _problems(
        dataset,
        "results",
        banded[banded["_known"].isna()],
        "unknown_band",
        "band_id",
        lambda r: {"value": r["band_id"], "year": int(r["year"])},
    )
    return problems + _unknown_grades(dataset, joined)


def _unknown_grades(dataset: Dataset, results: pd.DataFrame) -> list[Problem]:
    """Report grades that are not in the year's scale (grades.csv), listing the known ones."""
    scale = dataset.table("grades")
    graded = results[results["grade"].notna()].merge(
        scale[["year", "block", "grade_id"]].assign(_known=True),
        left_on=["year", "block", "grade"],
        right_on=["year", "block", "grade_id"],
        how="left",
    )
    known = scale.sort_values("order").groupby(["year", "block"])["grade_id"].agg(", ".join)

    def params(row: pd.Series) -> dict:
        allowed = known.get((row["year"], row["block"]), "–")
        return {"value": row["grade"], "allowed": allowed}

    return _problems(dataset, "results", graded[graded["_known"].isna()], "unknown_grade",
                     "grade", params)  # fmt: skip


def check_totals(dataset: Dataset) -> list[Problem]:
    """Warn when a published total differs from criterion points plus survey points."""
    from parviz.ranking import unit_points  # ranking owns the points arithmetic

    points = unit_points(dataset)
    results = dataset.table("results")
    joined = results[results["total"].notna()].merge(points, on=["year", "unit_id"])
    expected = joined["points"] + joined["survey_points"].fillna(0)
    off = joined[(joined["total"] - expected).abs() > schema.SCORE_TOLERANCE + 1e-9]
    return _problems(
        dataset,
        "results",
        off,
        "total_mismatch",
        "total",
        lambda r: {
            "unit": r["unit_id"],
            "year": int(r["year"]),
            "total": float(r["total"]),
            "sum": float(r["points"] + (0 if pd.isna(r["survey_points"]) else r["survey_points"])),
        },
        Severity.WARNING,
    )


def check_official_ranks(dataset: Dataset) -> list[Problem]:
    """Warn when an official rank puts a lower score above a higher one."""
    from parviz.ranking import standings

    table = standings(dataset)
    table = table[table["official_rank"].notna()]
    problems: list[Problem] = []
    for (year, block), group in table.groupby(["year", "block"]):
        ordered = group.sort_values(["official_rank", "score"], ascending=[True, False])
        scores = ordered["score"].to_numpy()
        for position in range(1, len(scores)):
            if scores[position] > scores[position - 1] + schema.SCORE_TOLERANCE:
                row = ordered.iloc[position]
                problems.append(
                    Problem(
                        "rank_mismatch",
                        Severity.WARNING,
                        file=dataset.origin("results").file,
                        row=_row_of(dataset, int(year), row["unit_id"]),
                        column="rank",
                        params={
                            "unit": row["unit_id"],
                            "year": int(year),
                            "block": block,
                            "rank": int(row["official_rank"]),
                        },
                    )
                )
    return problems


def check_rank_policy(dataset: Dataset) -> list[Problem]:
    """Refuse a year and block whose rank column is only partly filled (ranking.rank_policy)."""
    from parviz.ranking import partial_ranks

    missing = partial_ranks(dataset)
    problems = []
    for _, row in missing.sort_values(["year", "block", "unit_id"]).iterrows():
        year, block = int(row["year"]), str(row["block"])
        problems.append(
            Problem(
                "partial_ranks",
                file=dataset.origin("results").file,
                row=_row_of(dataset, year, row["unit_id"]),
                column="rank",
                params={
                    "unit": dataset.name_in(str(row["unit_id"]), year),
                    "year": year,
                    "block": block,
                    "published": int(row["published"]),
                },
            )
        )
    return problems


# Text a person reads (names, labels, titles). A control character cannot be drawn, and an SVG
# holding one is not XML (the chart renderer fails on it): a hand-edited file is refused here by
# the rule an import applies to names (parviz.units.clean_name: tabs and line breaks are spaces).
SHOWN_TEXT: dict[str, tuple[str, ...]] = {
    "units": ("name", "short_name", "aliases"),
    "unit_names": ("name", "short_name"),
    "blocks": ("name_vi", "name_en"),
    "criteria": ("name_vi", "name_en"),
    "bands": ("name_vi", "name_en"),
    "grades": ("name_vi", "name_en"),
    "methodology": ("name",),
    "sources": ("title", "publisher", "decision"),
    "metadata": ("value",),
}


def check_text_characters(dataset: Dataset) -> list[Problem]:
    """Refuse control characters (other than tab and line breaks) in text people read."""
    problems: list[Problem] = []
    for table, columns in SHOWN_TEXT.items():
        frame = dataset.table(table)
        for column in (c for c in columns if c in frame.columns):
            found = frame[column].map(_control_in, na_action="ignore")
            bad = frame[found.notna().to_numpy(bool)]
            problems += _problems(
                dataset, table, bad, "text_control_character", column,
                lambda r, c=column: {"text": visible_controls(str(r[c])),
                                     "character": _control_in(r[c])},
            )  # fmt: skip
    return problems


def _control_in(value: object) -> str | None:
    """Return the first control character a shown text holds ('U+0007'), None when none."""
    text = str(value)
    if text.isprintable():  # no Cc/Cf/Cs/Co character (nor any but the plain space): the usual
        return None
    return clean_name(text)[1]


def _row_of(dataset: Dataset, year: int, unit_id: str) -> int | None:
    results = dataset.table("results")
    rows = results[(results["year"] == year) & (results["unit_id"] == unit_id)]
    return None if rows.empty else int(rows.iloc[0][ROW])


RULES: Iterable[Rule] = (
    check_metadata,
    check_blocks_known,
    check_units_known,
    check_methodology_exists,
    check_unit_years,
    check_criteria,
    check_scores,
    check_results,
    check_criteria_complete,
    check_text_characters,
)
DERIVED_RULES: Iterable[Rule] = (check_totals, check_official_ranks, check_rank_policy)
