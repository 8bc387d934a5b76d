"""Per-criterion breakdown of a block and year: % of maximum, block averages, best and worst.

Criteria maxima differ between blocks and years, so every comparison is made on the share of
the criterion's maximum (``pct``), never on raw points. A criterion that does not apply to a
unit has no score row: the unit simply has no cell for it (its own maximum is lower).
"""

from __future__ import annotations

import pandas as pd

from parviz import ranking
from parviz.dataset import Dataset
from parviz.i18n import fmt_number, fmt_percent, t

SHARE_COLUMNS = (
    "unit_id",
    "short_name",
    "rank",
    "criterion_id",
    "order",
    "name_vi",
    "name_en",
    "points",
    "max_points",
    "pct",
    "lost",
    "block_average",
    "difference",
)


def criterion_name(row: pd.Series | dict, lang: str) -> str:
    """Return the criterion's name in ``lang`` (a row with name_vi and name_en)."""
    return str(row["name_en"] if lang == "en" else row["name_vi"])


def shares(points: pd.DataFrame, ranks: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Return one row per unit and applicable criterion with % of maximum and points lost.

    ``points``: unit_id, criterion_id, points, max_points (one year and block);
    ``ranks``: unit_id, short_name, rank; ``criteria``: criterion_id, order, name_vi, name_en.
    Rows come in rank order, then criterion order. ``difference`` is pct − block average.
    """
    columns = ["criterion_id", "order", "name_vi", "name_en"]
    table = points[["unit_id", "criterion_id", "points", "max_points"]].merge(
        ranks[["unit_id", "short_name", "rank"]], on="unit_id"
    )
    table = table.merge(criteria[columns], on="criterion_id", how="left")
    table["pct"] = table["points"] / table["max_points"] * 100
    table["lost"] = table["max_points"] - table["points"]
    table["block_average"] = table.groupby("criterion_id")["pct"].transform("mean")
    table["difference"] = table["pct"] - table["block_average"]
    table = table.sort_values(["rank", "short_name", "order"]).reset_index(drop=True)
    return table[list(SHARE_COLUMNS)]


def criterion_table(dataset: Dataset, *, year: int, block: str) -> pd.DataFrame:
    """Return ``shares`` for one year and block of a dataset (empty when only totals exist)."""
    points = ranking.criterion_points_of(dataset, year=year, block=block)
    ranks = ranking.rank(dataset, year=year, block=block)
    return shares(points, ranks, dataset.criteria(year, block))


def left_out(dataset: Dataset, table: pd.DataFrame, *, year: int, block: str) -> list[str]:
    """Return the names of units ranked in ``year`` with no criterion points in ``table``.

    A unit published with a rank only (a partial news table) has no row in the heatmap.
    """
    ranks = ranking.rank(dataset, year=year, block=block)
    shown = set(table["unit_id"]) if "unit_id" in table.columns else set()
    return [str(n) for u, n in zip(ranks["unit_id"], ranks["short_name"]) if u not in shown]


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Return per criterion: maximum, block average (% and points), best and worst unit.

    Ties for best or worst go to the better-ranked unit (``table`` is in rank order).
    """
    rows = []
    for criterion_id, group in table.groupby("criterion_id", sort=False):
        best = group.loc[group["pct"].idxmax()]
        worst = group.loc[group["pct"].idxmin()]
        rows.append(
            {
                "criterion_id": criterion_id,
                "order": group["order"].iloc[0],
                "name_vi": group["name_vi"].iloc[0],
                "name_en": group["name_en"].iloc[0],
                "max_points": group["max_points"].max(),
                "average_pct": group["pct"].mean(),
                "average_points": group["points"].mean(),
                "best_unit_id": best["unit_id"],
                "best_name": best["short_name"],
                "best_pct": best["pct"],
                "worst_unit_id": worst["unit_id"],
                "worst_name": worst["short_name"],
                "worst_pct": worst["pct"],
                "units": len(group),
            }
        )
    columns = ["criterion_id", "order", "name_vi", "name_en", "max_points", "average_pct"]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows).sort_values("order").reset_index(drop=True)


def averages_over_years(points: pd.DataFrame, criteria: pd.DataFrame, block: str) -> pd.DataFrame:
    """Return the block average % of maximum of each criterion in each year.

    ``points`` as from ``ranking.criterion_points``; ``criteria`` the criteria table. Names
    come from the latest year a criterion appears in. Columns: year, criterion_id, order,
    name_vi, name_en, max_points, average_pct.
    """
    chosen = points[points["block"] == block].assign(
        pct=lambda f: f["points"] / f["max_points"] * 100
    )
    averages = chosen.groupby(["year", "criterion_id"], as_index=False).agg(
        average_pct=("pct", "mean"), max_points=("max_points", "max")
    )
    top = criteria[(criteria["block"] == block) & criteria["parent_id"].isna()]
    names = top.sort_values("year").drop_duplicates("criterion_id", keep="last")[
        ["criterion_id", "order", "name_vi", "name_en"]
    ]
    averages = averages.merge(names, on="criterion_id", how="left")
    averages["year"] = averages["year"].astype(int)
    return averages.sort_values(["order", "year"]).reset_index(drop=True)[
        ["year", "criterion_id", "order", "name_vi", "name_en", "max_points", "average_pct"]
    ]


def block_averages_over_years(dataset: Dataset, *, block: str) -> pd.DataFrame:
    """Return ``averages_over_years`` for one block of a dataset."""
    return averages_over_years(ranking.criterion_points(dataset), dataset.table("criteria"), block)


def summary_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return ``summary`` as a display table: criterion, maximum, average, best, worst (text)."""
    col = {key: t(f"criteria.summary.column.{key}", lang) for key in _SUMMARY_KEYS}

    def cell(unit: str, pct: float) -> str:
        return t("criteria.summary.cell", lang, unit=unit, pct=fmt_percent(pct, lang, 1))

    return pd.DataFrame(
        {
            col["criterion"]: [
                f"{r['criterion_id']}. {criterion_name(r, lang)}" for _, r in frame.iterrows()
            ],
            col["average"]: [
                t(
                    "criteria.summary.average_cell",
                    lang,
                    points=float(points),
                    max=fmt_number(float(maximum), lang, 0),
                    pct=fmt_percent(float(pct), lang, 1),
                )
                for points, maximum, pct in zip(
                    frame["average_points"], frame["max_points"], frame["average_pct"]
                )
            ],
            col["best"]: [cell(u, p) for u, p in zip(frame["best_name"], frame["best_pct"])],
            col["worst"]: [cell(u, p) for u, p in zip(frame["worst_name"], frame["worst_pct"])],
        }
    )


_SUMMARY_KEYS = ("criterion", "average", "best", "worst")
