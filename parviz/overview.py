"""The numbers of the Overview page: KPIs of a block and a compact ranking table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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


def block_kpis(ranking: pd.DataFrame) -> BlockKpis:
    """Return units ranked, average, highest and lowest score (with who) of one ranking.

    ``ranking`` is one block and year as returned by ``ranking.rank``. Ties name every unit.
    """
    scored = ranking[ranking["score"].notna()]
    if scored.empty:
        return BlockKpis(len(ranking), None, None, (), None, ())
    scores = scored["score"].round(2)  # published figures have two decimals
    highest, lowest = float(scores.max()), float(scores.min())
    return BlockKpis(
        units_ranked=len(ranking),
        average=float(scored["score"].mean()),
        highest=highest,
        highest_units=tuple(scored.loc[scores == highest, "short_name"]),
        lowest=lowest,
        lowest_units=tuple(scored.loc[scores == lowest, "short_name"]),
    )


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
    return pd.DataFrame(
        {
            "rank": ranking["rank"].astype("Int64"),
            "unit": pd.Series(units, dtype="str"),
            "score": ranking["score"].astype("float64"),
            "previous_rank": ranking["previous_rank"].astype("Int64"),
            "change": pd.Series([change_symbol(c) for c in ranking["rank_change"]], dtype="str"),
        }
    )


def previous_year(ranking: pd.DataFrame) -> int | None:
    """Return the year the rank change is measured against, or None (first year scored)."""
    years = ranking["previous_year"].dropna() if "previous_year" in ranking else []
    return int(years.iloc[0]) if len(years) else None
