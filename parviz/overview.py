"""The numbers of the Overview page: KPIs of a block and a compact ranking table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from parviz import comparison, precision, schema
from parviz.i18n import t

# The columns of the compact ranking table, in display order.
COMPACT_COLUMNS = ("rank", "unit", "score", "previous_rank", "change")

UP, DOWN, SAME, NONE = "▲", "▼", "=", "–"


@dataclass(frozen=True)
class BlockKpis:
    """Headline numbers of one block in one year; None when no unit has a score."""

    units_ranked: int
    average: float | None
    highest: float | None
    highest_units: tuple[str, ...]
    lowest: float | None
    lowest_units: tuple[str, ...]
    decimals: int = precision.DEFAULT_DECIMALS  # as published
    unscored: int = 0  # ranked as published without a score: left out of the average


def block_kpis(ranking: pd.DataFrame) -> BlockKpis:
    """Return units ranked, average, highest and lowest score (with who) of one ranking.

    ``ranking`` is one block and year as returned by ``ranking.rank``. Ties name every unit.
    """
    scored = ranking[ranking["score"].notna()]
    decimals, unscored = precision.of_rows(ranking), len(ranking) - len(scored)
    if scored.empty:
        return BlockKpis(len(ranking), None, None, (), None, (), decimals, unscored)
    highest, lowest = score_ends(ranking)
    return BlockKpis(
        units_ranked=len(ranking),
        average=float(scored["score"].mean()),
        highest=float(highest["score"].iloc[0]),
        highest_units=tuple(highest["short_name"]),
        lowest=float(lowest["score"].iloc[0]),
        lowest_units=tuple(lowest["short_name"]),
        decimals=decimals,
        unscored=unscored,
    )


def score_ends(ranking: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the rows of the highest and of the lowest score, as published (ties: every unit).

    Scores are compared at the decimals they were published with (97,685 ≠ 97,684), with no
    float noise; ``score`` holds that rounded value. The overview and the report use this.
    """
    scored = ranking[ranking["score"].notna()]
    scores = scored["score"].round(precision.of_rows(ranking))
    scored = scored.assign(score=scores)
    return scored[scores == scores.max()], scored[scores == scores.min()]


def change_symbol(rank_change: object) -> str:
    """Return ▲2 (moved up two places), ▼1 (down one), = (same) or – (not ranked before)."""
    if rank_change is None or pd.isna(rank_change):
        return NONE
    change = int(rank_change)
    if change > 0:
        return f"{UP}{change}"
    if change < 0:
        return f"{DOWN}{-change}"
    return SAME


def compact_table(ranking: pd.DataFrame, *, tied_label: str) -> pd.DataFrame:
    """Return rank, unit, score, previous rank and change of a ranking, best first.

    Tied units get ``tied_label`` after their name, e.g. "Nam Sách (đồng điểm)".
    """
    units = [
        f"{name} ({tied_label})" if tied else str(name)
        for name, tied in zip(ranking["short_name"], ranking["tied"])
    ]
    table = pd.DataFrame(
        {
            "rank": ranking["rank"].astype("Int64"),
            "unit": pd.Series(units, dtype="str"),
            "score": ranking["score"].astype("float64"),
            "previous_rank": ranking["previous_rank"].astype("Int64"),
            "change": pd.Series([change_symbol(c) for c in ranking["rank_change"]], dtype="str"),
        }
    )
    return precision.mark(table, precision.of_rows(ranking), ["score"])


def previous_year(ranking: pd.DataFrame) -> int | None:
    """Return the year the rank change is measured against, or None (first year scored)."""
    years = ranking["previous_year"].dropna() if "previous_year" in ranking else []
    return int(years.iloc[0]) if len(years) else None


# --- Rank changes, leaders and laggards, bands and classifications (issue #3) ---


def change_counts(ranking: pd.DataFrame) -> dict[str, int]:
    """Return how many units rose, fell, kept their rank or are new against the previous year."""
    return {kind.value: count for kind, count in comparison.change_counts(ranking).items()}


def movement_tiles(ranking: pd.DataFrame) -> list[tuple[str, int]]:
    """Return (i18n key, units) for rose, fell, kept, and new units when there are any.

    [] when there is no previous year to compare with (the page says so instead of zeros).
    """
    if previous_year(ranking) is None:
        return []
    counts = change_counts(ranking)
    tiles = [
        ("rankings.overview.rose", counts["up"]),
        ("rankings.overview.fell", counts["down"]),
        ("rankings.overview.kept", counts["same"]),
    ]
    if counts["new"]:
        tiles.append(("rankings.overview.new", counts["new"]))
    return tiles


def ends(ranking: pd.DataFrame, n: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the top ``n`` (best first) and the bottom ``n`` (worst last) of a ranking.

    In a block of fewer than 2n units the two lists share no unit: the bottom gets the rest.
    """
    ordered = ranking.sort_values(["rank", "unit"]).reset_index(drop=True)
    top = ordered.head(n)
    bottom = ordered.iloc[max(len(top), len(ordered) - n) :]
    return top, bottom


def ranking_lines(rows: pd.DataFrame, lang: str) -> list[str]:
    """Return "1. TP Hải Dương: 85,86 điểm (▲4)" for each row."""
    return [
        t(
            "rankings.overview.line" if pd.notna(row["score"]) else "grades.overview.line",
            lang,
            rank=int(row["rank"]),
            unit=row["short_name"],
            score=comparison.score_text(row["score"], lang, precision.of_row(row)),
            change=comparison.change_label(row["rank_change"], lang, row["previous_year"]),
        )
        for _, row in rows.iterrows()
    ]


def band_counts(ranking: pd.DataFrame, bands: dict[str, str]) -> list[tuple[str, int]]:
    """Return (band name, units) in band order; [] when the year publishes no bands."""
    if not bands or ranking["band_id"].isna().all():
        return []
    counts = ranking["band_id"].value_counts()
    return [(name, int(counts.get(band_id, 0))) for band_id, name in bands.items()]


def classification_counts(ranking: pd.DataFrame, lang: str) -> list[tuple[str, int]]:
    """Return (classification, units) in schema order; [] when none is published."""
    if ranking["classification"].isna().all():
        return []
    counts = ranking["classification"].value_counts()
    return [
        (comparison.classification_label(code, lang), int(counts.get(code, 0)))
        for code in schema.CLASSIFICATIONS
        if code != "not_completed" or counts.get(code, 0)
    ]
