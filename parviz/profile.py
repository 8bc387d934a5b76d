"""One unit's profile: history, criterion changes, who overtook whom, strengths, the way up.

All functions take frames (``ranking.standings``, ``ranking.criterion_points``,
``breakdown.shares``) and return frames or small records; nothing here draws or translates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from parviz import precision
from parviz.comparison import classification_label, grade_labels
from parviz.i18n import fmt_number, fmt_percent, fmt_signed, t
from parviz.markup import md

# Waterfall row for the part of the total change not explained by criteria (survey points, or
# a published total that is not the sum of the criteria).
OTHER = "__other__"
TOLERANCE = 0.005
# Overtakes listed one by one on a profile; more are counted in one sentence.
OVERTAKES_SHOWN = 10


HISTORY_COLUMNS = ("rank", "units_ranked", "score", "index", "unit", "short_name", "rank_change",
                   "score_change", "classification", "decimals")  # fmt: skip


def history(standings: pd.DataFrame, unit_id: str) -> pd.DataFrame:
    """Return the unit's rank, score and name in every year its block was scored.

    A year in which the unit was not ranked has an empty rank. ``renamed`` marks a year
    whose name differs from the name of the unit's previous ranked year.
    """
    own = standings[standings["unit_id"] == unit_id]
    if own.empty:  # the same columns as a found unit's: charts draw an empty history
        frame = pd.DataFrame(columns=["year", *HISTORY_COLUMNS, "previous_name"])
        return frame.assign(renamed=pd.Series(dtype=bool))
    block = own["block"].iloc[0]
    years = sorted(standings.loc[standings["block"] == block, "year"].unique())
    columns = [c for c in HISTORY_COLUMNS if c in own.columns]  # decimals: from standings
    frame = pd.DataFrame({"year": years}).merge(own[["year", *columns]], on="year", how="left")
    previous = frame["unit"].ffill().shift(1)
    frame["previous_name"] = previous
    frame["renamed"] = frame["unit"].notna() & previous.notna() & (frame["unit"] != previous)
    return frame


@dataclass(frozen=True)
class Deltas:
    """Criterion point changes between two years that add up to the change in total."""

    year: int
    previous_year: int | None
    previous_score: float | None
    score: float | None
    rows: pd.DataFrame  # criterion_id, order, name_vi, name_en, before, after, delta, pct_*
    missing_years: tuple[int, ...] = ()  # years without criterion points for the unit

    @property
    def total_change(self) -> float | None:
        """Return score − previous score, or None when either is missing."""
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score


def criterion_deltas(
    points: pd.DataFrame,
    criteria: pd.DataFrame,
    *,
    unit_id: str,
    year: int,
    previous_year: int | None,
    score: float | None,
    previous_score: float | None,
) -> Deltas:
    """Return per-criterion point changes of a unit; their sum is the change in total.

    ``points`` as from ``ranking.criterion_points``; ``criteria`` the criteria table (names).
    A criterion absent in one year (not applicable, or new methodology) counts 0 points there.
    When the totals differ from the criterion sums (survey points, published totals), an
    ``OTHER`` row carries the rest, so the bars always add up to the change in total.
    """
    empty = pd.DataFrame(
        columns=[
            "criterion_id",
            "order",
            "name_vi",
            "name_en",
            "before",
            "after",
            "delta",
            "pct_before",
            "pct_after",
        ]
    )
    if previous_year is None:
        return Deltas(year, None, previous_score, score, empty)
    own = points[points["unit_id"] == unit_id]
    now = own[own["year"] == year]
    before = own[own["year"] == previous_year]
    missing = tuple(y for y, f in ((previous_year, before), (year, now)) if f.empty)
    if missing or score is None or previous_score is None:
        return Deltas(year, previous_year, previous_score, score, empty, missing)
    table = now[["criterion_id", "points", "max_points"]].merge(
        before[["criterion_id", "points", "max_points"]],
        on="criterion_id",
        how="outer",
        suffixes=("_after", "_before"),
    )
    table["after"] = table["points_after"].fillna(0.0)
    table["before"] = table["points_before"].fillna(0.0)
    table["delta"] = table["after"] - table["before"]
    table["pct_after"] = table["points_after"] / table["max_points_after"] * 100
    table["pct_before"] = table["points_before"] / table["max_points_before"] * 100
    names = (
        criteria[criteria["year"].isin([previous_year, year]) & criteria["parent_id"].isna()]
        .sort_values("year")
        .drop_duplicates("criterion_id", keep="last")[
            ["criterion_id", "order", "name_vi", "name_en"]
        ]
    )
    table = table.merge(names, on="criterion_id", how="left").sort_values("order")
    rest = (score - previous_score) - table["delta"].sum()
    if abs(rest) > TOLERANCE:
        other = {
            "criterion_id": OTHER,
            "order": math.inf,
            "before": np.nan,
            "after": np.nan,
            "delta": rest,
        }
        table = pd.concat([table, pd.DataFrame([other])], ignore_index=True)
    return Deltas(
        year,
        previous_year,
        previous_score,
        score,
        table[list(empty.columns)].reset_index(drop=True),
    )


def overtakes(standings: pd.DataFrame, *, unit_id: str, year: int) -> pd.DataFrame:
    """Return the units whose order relative to ``unit_id`` flipped since the previous year.

    ``direction`` is ``"passed_by"`` (they were below and are now above) or ``"passed"``
    (the unit overtook them). Only units ranked in both years count. Columns: unit_id,
    short_name, rank, previous_rank, direction.
    """
    columns = ["unit_id", "short_name", "rank", "previous_rank", "direction"]
    rows = standings[standings["year"] == year]
    me = rows[rows["unit_id"] == unit_id]
    if me.empty or pd.isna(me["previous_rank"].iloc[0]):
        return pd.DataFrame(columns=columns)
    block = me["block"].iloc[0]
    rank, previous = int(me["rank"].iloc[0]), int(me["previous_rank"].iloc[0])
    others = rows[(rows["block"] == block) & (rows["unit_id"] != unit_id)]
    others = others[others["previous_rank"].notna()].copy()
    was_below = others["previous_rank"].astype(int) > previous
    now_above = others["rank"].astype(int) < rank
    was_above = others["previous_rank"].astype(int) < previous
    now_below = others["rank"].astype(int) > rank
    others["direction"] = np.where(
        was_below & now_above, "passed_by", np.where(was_above & now_below, "passed", "")
    )
    flipped = others[others["direction"] != ""]
    return flipped.sort_values("rank")[columns].reset_index(drop=True)


def decisive_criteria(
    points: pd.DataFrame,
    *,
    winner: str,
    loser: str,
    year: int,
    previous_year: int,
    top: int = 2,
) -> list[str]:
    """Return the criteria on which ``winner`` gained most on ``loser`` between two years.

    Compares % of maximum (maxima may change between years): the gain is the change in
    the gap winner − loser. Only criteria with a positive gain are returned, largest first.
    """
    shares = _shares_of(points, (previous_year, year))
    return _decisive(shares, winner=winner, loser=loser, year=year, previous_year=previous_year,
                     top=top)  # fmt: skip


def _shares_of(points: pd.DataFrame, years: tuple[int, ...]) -> dict[int, pd.DataFrame]:
    """Return per year the % of maximum of every criterion (rows) and unit (columns)."""
    shares = {}
    for when in years:
        chosen = points[points["year"] == when].assign(pct=lambda f: f["points"] / f["max_points"])
        shares[when] = chosen.pivot_table(index="criterion_id", columns="unit_id", values="pct")
    return shares


def _decisive(
    shares: dict[int, pd.DataFrame], *, winner: str, loser: str, year: int, previous_year: int,
    top: int = 2,
) -> list[str]:  # fmt: skip
    """Return decisive_criteria from the two years' ``_shares_of`` (made once per profile)."""
    gaps = {}
    for when in (previous_year, year):
        pct = shares[when]
        if winner not in pct or loser not in pct:
            return []
        gaps[when] = pct[winner] - pct[loser]
    gain = (gaps[year] - gaps[previous_year]).dropna().sort_values(ascending=False)
    return [str(c) for c in gain[gain > 0].index[:top]]


def strengths_and_weaknesses(
    table: pd.DataFrame, unit_id: str, *, count: int = 2
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the unit's criteria furthest above and furthest below the block average.

    ``table`` as from ``breakdown.shares``. Strengths are the ``count`` criteria with the
    largest difference to the block average (largest first), weaknesses the ``count`` with the
    smallest (smallest first) among the rest; a weakness can still be above the average when
    the unit beats the block everywhere.
    """
    own = table[table["unit_id"] == unit_id].sort_values(
        ["difference", "order"], ascending=[False, True]
    )
    strengths = own.head(count)
    rest = own.iloc[len(strengths) :]
    weaknesses = rest.sort_values("difference").head(count)
    return strengths.reset_index(drop=True), weaknesses.reset_index(drop=True)


@dataclass(frozen=True)
class WayUp:
    """What a unit needs to climb: gaps to the next rank and to the leader, biggest losses."""

    rank: int
    score: float
    next_unit: str | None = None  # unit_id of the unit just above
    next_rank: int | None = None
    next_gap: float | None = None  # points to equal its score
    leader_unit: str | None = None
    leader_gap: float | None = None
    losses: pd.DataFrame = field(default_factory=pd.DataFrame)  # criteria with most points lost


def way_up(ranks: pd.DataFrame, table: pd.DataFrame, unit_id: str, *, count: int = 3) -> WayUp:
    """Return the points ``unit_id`` needs for the next rank and the lead, and its top losses.

    ``ranks`` as from ``ranking.rank`` (one year and block); ``table`` from
    ``breakdown.shares`` (may be empty when only totals were published).
    """
    me = ranks[ranks["unit_id"] == unit_id].iloc[0]
    rank, score = int(me["rank"]), float(me["score"])
    losses = table[table["unit_id"] == unit_id].sort_values("lost", ascending=False)
    losses = losses[losses["lost"] > 0].head(count).reset_index(drop=True)
    above = ranks[ranks["rank"] < rank].sort_values(["rank", "score"])
    if above.empty:
        return WayUp(rank, score, losses=losses)
    nearest = above.iloc[-1]
    leader = above.iloc[0]
    return WayUp(
        rank,
        score,
        next_unit=str(nearest["unit_id"]),
        next_rank=int(nearest["rank"]),
        next_gap=max(float(nearest["score"]) - score, 0.0),
        leader_unit=str(leader["unit_id"]),
        leader_gap=max(float(leader["score"]) - score, 0.0),
        losses=losses,
    )


def radar_series(table: pd.DataFrame, unit_id: str) -> dict[str, Any]:
    """Return the % of maximum per criterion for the unit, the block average and the leader.

    Keys ``unit``, ``average``, ``leader`` (the leader is the best-ranked other unit when
    the unit itself leads). Each frame: criterion_id, order, name_vi, name_en, pct.
    """
    columns = ["criterion_id", "order", "name_vi", "name_en", "pct"]
    own = table[table["unit_id"] == unit_id]
    average = table.drop_duplicates("criterion_id")[
        ["criterion_id", "order", "name_vi", "name_en", "block_average"]
    ].rename(columns={"block_average": "pct"})
    others = table[table["unit_id"] != unit_id]
    leader_id = others.sort_values("rank")["unit_id"].iloc[0] if not others.empty else None
    leader = table[table["unit_id"] == leader_id]
    return {
        "unit": own[columns].sort_values("order").reset_index(drop=True),
        "average": average[columns].sort_values("order").reset_index(drop=True),
        "leader": leader[columns].sort_values("order").reset_index(drop=True),
        "leader_id": leader_id,
    }


# --- Sentences and display values (translated; the page only draws them) ---------------------


def _criterion(row: pd.Series, lang: str) -> str:
    name = row["name_en"] if lang == "en" else row["name_vi"]
    return f"{row['criterion_id']}. {name}"


def block_units(standings: pd.DataFrame, *, block: str, year: int) -> list[str]:
    """Return the block's unit ids: this year's ranking order first, then units ranked earlier."""
    rows = standings[standings["block"] == block]
    now = rows[rows["year"] == year].sort_values(["rank", "unit"])["unit_id"].tolist()
    earlier = sorted(set(rows["unit_id"]) - set(now))
    return now + earlier


def kpi_values(row: pd.Series, lang: str) -> dict[str, str | None]:
    """Return the KPI tile texts of one ranking row: score, rank of N, changes, classification
    and grade ('' when not published).

    Deltas use an ASCII minus so Streamlit colours them (a positive rank change is good).
    """
    rank_change = row["rank_change"]
    score_change, decimals = row["score_change"], precision.of_row(row)
    return {
        "score": fmt_number(float(row["score"]), lang, decimals),  # "–": ranked without score
        "rank": t("profile.kpi.rank_of", lang, rank=int(row["rank"]), n=int(row["units_ranked"])),
        "rank_delta": None if pd.isna(rank_change) else f"{int(rank_change):+d}",
        "score_delta": None
        if pd.isna(score_change)
        else fmt_signed(float(score_change), lang, decimals).replace("−", "-"),
        "classification": classification_label(row["classification"], lang) or "–",
        "grade": grade_labels(row.to_frame().T, lang)[0],
    }


def overtake_lines(
    passes: pd.DataFrame,
    points: pd.DataFrame,
    criteria: pd.DataFrame,
    *,
    unit_id: str,
    year: int,
    previous_year: int,
    lang: str,
    limit: int = OVERTAKES_SHOWN,
) -> list[str]:
    """Return one Markdown sentence per flipped unit (the first ``limit``): who passed whom.

    Beyond ``limit`` units (a commune that rose 2,000 places passed 2,000 others) one more
    sentence counts the rest.
    """
    names = criteria[criteria["year"] == year].drop_duplicates("criterion_id")
    names = names.set_index("criterion_id")
    shown = passes.head(limit)
    # Only the rows of the units named and the two years: the whole table can hold millions.
    involved = points["unit_id"].isin({unit_id, *shown["unit_id"]})
    points = points[involved & points["year"].isin((year, previous_year))]
    shares = _shares_of(points, (previous_year, year))  # once, not once per unit named (#16)
    lines = []
    for _, other in shown.iterrows():
        passed_by = other["direction"] == "passed_by"
        winner, loser = (other["unit_id"], unit_id) if passed_by else (unit_id, other["unit_id"])
        decisive = _decisive(
            shares, winner=winner, loser=loser, year=year, previous_year=previous_year
        )
        on = ", ".join(_criterion(_named(names, c), lang) for c in decisive)
        key = "profile.overtake.passed_by" if passed_by else "profile.overtake.passed"
        line = md(
            key,
            lang,
            unit=other["short_name"],
            previous=int(other["previous_rank"]),
            rank=int(other["rank"]),
        )
        if on:
            line += " " + md("profile.overtake.on", lang, criteria=on)
        lines.append(line)
    if len(passes) > len(shown):
        lines.append(md("profile.overtake.more", lang, count=len(passes) - len(shown)))
    return lines


def _named(names: pd.DataFrame, criterion_id: str) -> pd.Series:
    row = names.loc[criterion_id].copy()
    row["criterion_id"] = criterion_id
    return row


def strength_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    """Return "C4. name: 89,1% (block average 79,1%, …)" per criterion (Markdown, data escaped)."""
    return [
        md(
            "profile.strength.line",
            lang,
            criterion=_criterion(row, lang),
            pct=fmt_percent(float(row["pct"]), lang, 1),
            average=fmt_percent(float(row["block_average"]), lang, 1),
            difference=fmt_signed(float(row["difference"]), lang, 1),
        )
        for _, row in frame.iterrows()
    ]


def way_up_lines(plan: WayUp, names: dict[str, str], lang: str, decimals: int = 2) -> list[str]:
    """Return the way-up sentences (Markdown, data escaped): gaps to climb, biggest losses.

    Gaps have the published decimals; a gap to or from a unit without a score is left out.
    """
    if plan.next_unit is None:
        lines = [md("profile.way_up.leader", lang)]
    elif math.isnan(plan.score):  # ranked as published without a score: no gap to tell
        lines = [md("grades.way_up.unscored", lang)]
    else:
        gaps = (
            ("profile.way_up.next", plan.next_unit, plan.next_gap, {"rank": plan.next_rank}),
            ("profile.way_up.lead", plan.leader_unit, plan.leader_gap, {}),
        )
        lines = [
            md(key, lang, unit=names.get(unit, unit), gap=fmt_number(gap, lang, decimals), **more)
            for key, unit, gap, more in gaps
            if not math.isnan(gap)
        ]
    for _, row in plan.losses.iterrows():
        lines.append(
            md(
                "profile.way_up.loss",
                lang,
                criterion=_criterion(row, lang),
                lost=float(row["lost"]),
                max=float(row["max_points"]),
                pct=fmt_percent(float(row["pct"]), lang, 1),
            )
        )
    return lines


def ranking_row(ranks: pd.DataFrame, unit_id: str) -> pd.Series | None:
    """Return the unit's row of a ranking, or None when it was not ranked."""
    rows = ranks[ranks["unit_id"] == unit_id]
    return None if rows.empty else rows.iloc[0]


def deltas_of(points: pd.DataFrame, criteria: pd.DataFrame, row: pd.Series) -> Deltas:
    """Return ``criterion_deltas`` for a ranking row against its previous scored year."""
    previous_year, previous_score = row["previous_year"], row["previous_score"]
    known = pd.notna(previous_year) and pd.notna(previous_score)
    return criterion_deltas(
        points,
        criteria,
        unit_id=str(row["unit_id"]),
        year=int(row["year"]),
        previous_year=int(previous_year) if known else None,
        score=float(row["score"]),
        previous_score=float(previous_score) if known else None,
    )
