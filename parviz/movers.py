"""Notable movers: the one choice of which rank changes of a year are told, and to whom.

Used by the findings (rise/fall sentences), the storyline's rank-changes slide (its chart and
its bullets), the PowerPoint deck and the rank-changes page, so a chart and the text beside it
always name the same units.

The rule: every move into, out of or inside the first ``TOP`` places, plus the largest rise and
the largest fall of the block (all units tied for them). At most ``LIMIT`` units are kept, in
that order of priority: a projected chart of more lines than that cannot be read.
"""

from __future__ import annotations

import pandas as pd

# Units that are, or were the year before, in the first TOP places have every move told.
TOP = 3
# At most this many movers per block and year (near-top moves first, then the largest ones).
LIMIT = 8
COLUMNS = ("unit_id", "rank", "previous_rank", "rank_change")


def notable(rows: pd.DataFrame, *, top: int = TOP, limit: int = LIMIT) -> pd.DataFrame:
    """Return the notable movers among ``rows`` (one block, one year), rises then falls.

    ``rows`` needs unit_id, rank, previous_rank and rank_change (previous − current, so a rise
    is positive); other columns are kept. Added: ``direction`` ("rise"/"fall") and ``largest``
    (the block's largest rise or fall). Rises are ordered by their new rank, falls by their
    previous rank, each ties broken by unit_id.
    """
    moved = rows[rows["rank_change"].notna() & (rows["rank_change"] != 0)].copy()
    if moved.empty:
        return _empty(rows)
    change = moved["rank_change"].astype("int64")
    near_top = (moved["rank"] <= top) | (moved["previous_rank"] <= top)
    largest = ((change > 0) & (change == change.max())) | ((change < 0) & (change == change.min()))
    moved["largest"] = largest.astype(bool)
    moved["direction"] = ["rise" if c > 0 else "fall" for c in change]
    # Priority: near-top moves by best rank held, then the largest ones by their new rank.
    moved["_best"] = moved[["rank", "previous_rank"]].astype("Float64").min(axis=1)
    moved["_near"] = near_top.astype(bool)
    chosen = moved[near_top | largest].sort_values(
        ["_near", "_best", "rank", "unit_id"], ascending=[False, True, True, True]
    ).head(limit)
    rises = chosen[chosen["direction"] == "rise"].sort_values(["rank", "unit_id"])
    falls = chosen[chosen["direction"] == "fall"].sort_values(["previous_rank", "unit_id"])
    return pd.concat([rises, falls]).drop(columns=["_best", "_near"]).reset_index(drop=True)


def between(compared: pd.DataFrame, *, top: int = TOP, limit: int = LIMIT) -> pd.DataFrame:
    """Return the notable movers of a ``comparison.compare_years`` frame (rank_a → rank_b).

    The frame keeps its own columns (rank_a, rank_b, …) beside the rank/previous_rank the rule
    reads, so callers can still write "from rank 1 (2020) to rank 3 (2021)".
    """
    rows = compared.assign(rank=compared["rank_b"], previous_rank=compared["rank_a"])
    return notable(rows, top=top, limit=limit)


def split(chosen: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (rises, falls) of a ``notable`` frame, each in its order."""
    return (
        chosen[chosen["direction"] == "rise"].reset_index(drop=True),
        chosen[chosen["direction"] == "fall"].reset_index(drop=True),
    )


def _empty(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.iloc[0:0].assign(largest=pd.Series(dtype=bool), direction=pd.Series(dtype=str))
