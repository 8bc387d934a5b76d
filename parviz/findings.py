"""Key findings as data (who leads, rose, fell, tied...), then sentences through i18n templates.

Every finding is produced by a rule that works on any dataset; nothing is written per year.
``findings`` returns records; ``render`` turns one into a sentence in Vietnamese or English.
Rank changes come from ``ranking.standings`` (``rank_change = previous_rank - rank``, so a rise
is positive) and are therefore only reported between years in which the unit was ranked, or its
lineage was (one rule, parviz.lineage: never a predecessor ranked in another block). Streaks
count the block's scored (methodology) years and name the years between them without one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from parviz import grades, i18n, movers, precision, ranking
from parviz.dataset import Dataset

# Units that are, or were the year before, in the first TOP places have every move reported;
# elsewhere in the block only the largest rise and the largest fall are (parviz.movers).
TOP = movers.TOP
# Ties are listed group by group, best ranked first, up to TIE_GROUPS; further groups (a block of
# thousands of communes has hundreds) are counted in one "tie_others" finding.
TIE_GROUPS = 5
CLASSIFICATIONS = ("excellent", "good", "completed", "not_completed")
# The order in which findings of one block and year are listed.
KINDS = (
    "leader",
    "streak",
    "first_time",
    "runner_up",
    "tie",
    "tie_others",
    "lowest",
    "methodology_change",
    "rise",
    "fall",
    "band_counts",
    "grade_counts",
    "classification_counts",
    "criterion_best",
    "criterion_worst",
    "position",
)


@dataclass(frozen=True)
class Finding:
    """One fact found in the data: what kind, where, about whom, and the figures behind it."""

    kind: str
    block: str
    year: int
    unit_ids: tuple[str, ...] = ()
    figures: dict[str, Any] = field(default_factory=dict)

    def record(self, text: str) -> dict[str, Any]:
        """Return the JSON-ready record of this finding with its rendered ``text``."""
        return {
            "kind": self.kind,
            "block": self.block,
            "year": self.year,
            "unit_ids": list(self.unit_ids),
            "text": text,
            "figures": dict(self.figures),
        }


# --- finding ------------------------------------------------------------------------------


def findings(dataset: Dataset, *, year: int, block: str | None = None) -> list[Finding]:
    """Return the findings of ``year`` for one block (or every block), in reading order."""
    table = ranked(dataset)
    blocks = [block] if block is not None else dataset.blocks
    found: list[Finding] = []
    for name in blocks:
        found.extend(block_findings(dataset, table, year=year, block=name))
    return found


def unit_findings(dataset: Dataset, unit_id: str, *, year: int) -> list[Finding]:
    """Return the findings of ``year`` that concern ``unit_id``, plus its own position."""
    table = ranked(dataset)
    row = table[(table["year"] == year) & (table["unit_id"] == unit_id)]
    if row.empty:
        return []
    block = str(row.iloc[0]["block"])
    about = [
        f for f in block_findings(dataset, table, year=year, block=block) if unit_id in f.unit_ids
    ]
    return [_position(row.iloc[0]), *about, *_unit_criteria(dataset, unit_id, year, block)]


def ranked(dataset: Dataset) -> pd.DataFrame:
    """Return the standings rows that have a rank (the shared frame is not changed)."""
    table = ranking.standings(dataset)
    return table[table["rank"].notna()]


def block_findings(
    dataset: Dataset, table: pd.DataFrame, *, year: int, block: str
) -> list[Finding]:
    """Return every finding of one block and year from the ranked standings ``table``."""
    rows = table[(table["year"] == year) & (table["block"] == block)].sort_values(["rank", "unit"])
    if rows.empty:
        return []
    history = table[table["block"] == block]
    found: list[Finding] = []
    for _, row in rows[rows["rank"] == 1].iterrows():
        found.append(_finding("leader", row, **_value(row)))
        streak = leading_streak(dataset, history, str(row["unit_id"]), year, block)
        if streak >= 2:
            start = year_back(dataset, block, year, streak)
            missing = [y for y in range(start, year) if y not in dataset.years_of(block)]
            found.append(
                _finding("streak", row, streak=streak, start_year=start, missing_years=missing)
            )
        first = first_time_at(history, str(row["unit_id"]), year, 1)
        if first is not None:
            found.append(_finding("first_time", row, rank=1, **first))
    for _, row in rows[rows["rank"] == 2].iterrows():
        found.append(
            _finding(
                "runner_up",
                row,
                **_value(row),
                **(first_time_at(history, str(row["unit_id"]), year, 2) or {}),
            )
        )
    found.extend(ties(rows))
    found.extend(_completed_ranks(rows))
    if len(rows) >= 2:
        last = rows[rows["rank"] == rows["rank"].max()]
        found.extend(
            _finding("lowest", row, **_value(row), rank=int(row["rank"]), count=len(rows))
            for _, row in last.iterrows()
        )
    found.extend(_methodology(dataset, rows, year, block))
    found.extend(moves(rows))
    found.extend(_band_counts(dataset, rows, year, block))
    found.extend(_grade_counts(dataset, rows, year, block))
    found.extend(_classification_counts(rows, year, block))
    found.extend(_criteria_extremes(dataset, year, block))
    return found


def _completed_ranks(rows: pd.DataFrame) -> list[Finding]:
    """Say which units' ranks were not published but follow from the scores (COMPLETED)."""
    if "rank_policy" not in rows.columns:
        return []
    unranked = rows[(rows["rank_policy"] == ranking.COMPLETED) & rows["official_rank"].isna()]
    if unranked.empty:
        return []
    first = unranked.iloc[0]
    return [
        Finding(
            "ranks_completed",
            str(first["block"]),
            int(first["year"]),
            tuple(str(u) for u in unranked["unit_id"]),
            {"count": len(unranked)},
        )
    ]


def _finding(kind: str, row: pd.Series, **figures: Any) -> Finding:
    return Finding(
        kind, str(row["block"]), int(row["year"]), (str(row["unit_id"]),), _plain(figures)
    )


def _plain(value: Any) -> Any:
    """Return ``value`` as plain JSON values (no numpy scalars; NaN and NA as None)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):  # no float noise; published decimals kept
        return None if math.isnan(value) else round(float(value), precision.MAX_DECIMALS)
    return value


def _value(row: pd.Series) -> dict[str, Any]:
    """Return the score (or, when only an index was published, the index) of a row as published."""
    decimals = precision.of_row(row)
    return {
        "score": np.round(row["score"], decimals),
        "index": np.round(row["index"], decimals),
        "max_total": row["max_total"],
        "decimals": decimals,
    }


def leading_streak(
    dataset: Dataset, history: pd.DataFrame, unit_id: str, year: int, block: str
) -> int:
    """Return how many consecutive scored years of ``block`` up to ``year`` the unit was first.

    Scored years are the block's methodology years, so a year without one does not end the
    streak (the finding names it); a scored year in which the unit was not first, or was not
    ranked, does. Before the unit existed, its lineage counts: the unit standings compare it
    with (``previous_unit_id``, lineage.earlier_units).
    """
    rows = history.set_index(["year", "unit_id"])
    scored = [y for y in dataset.years_of(block) if y <= year]
    streak, unit = 0, unit_id
    for position in range(len(scored) - 1, -1, -1):
        if (scored[position], unit) not in rows.index:
            break
        row = rows.loc[(scored[position], unit)]
        if row["rank"] != 1:
            break
        streak += 1
        previous = row["previous_year"]
        if not position or pd.isna(previous) or previous != scored[position - 1]:
            break  # the scored year before had no ranks in the block: the streak ends here
        unit = row["previous_unit_id"]
        if pd.isna(unit):
            break
    return streak


def year_back(dataset: Dataset, block: str, year: int, count: int) -> int:
    """Return the scored year of ``block`` ``count`` scored years back, ``year`` included."""
    years = [y for y in dataset.years_of(block) if y <= year]
    return years[-count]


def _first_time_key(key: str, figures: dict) -> str:
    """Return the message of a first time: since the last time, or since the first ranked year."""
    if figures.get("since_year") is not None:
        return f"{key}.since"
    return f"{key}.from" if figures.get("from_year") is not None else f"{key}.ever"


def first_time_at(history: pd.DataFrame, unit_id: str, year: int, rank: int) -> dict | None:
    """Return {first_time, since_year} when the unit holds ``rank`` for the first time (since Y).

    None when the unit held the same rank in the block's previous ranked year (no news), or when
    the block has no earlier ranked year to compare with. ``since_year`` is the last earlier year
    it held that rank, or None when it never did.
    """
    earlier = history[history["year"] < year]
    if earlier.empty:
        return None
    previous_year = earlier["year"].max()
    now = history[(history["year"] == year) & (history["unit_id"] == unit_id)]
    held_before = now["previous_rank"].iloc[0] if not now.empty else None
    if pd.notna(held_before) and held_before == rank:  # held by its predecessor
        return None
    mine = earlier[(earlier["unit_id"] == unit_id) & (earlier["rank"] == rank)]
    held = sorted(int(y) for y in mine["year"])
    if held and held[-1] == previous_year:
        return None
    if held:
        return {"first_time": True, "since_year": held[-1]}
    # Never held: "the first time since" the block's first ranked year ("từ năm 2016 đến nay").
    return {"first_time": True, "since_year": None, "from_year": int(earlier["year"].min())}


def ties(rows: pd.DataFrame) -> list[Finding]:
    """Return a finding per group of tied units (best TIE_GROUPS), then a count of the others.

    Units are tied as ``ranking.standings`` marks them, on its ``tie_value``: the published
    total under official ranks, the value parviz ranks by (the index) under computed ones.
    """
    tied = rows[rows["tied"].astype(bool)].sort_values(["rank", "unit"], kind="stable")
    key = tied["tie_value"]
    # Sorted by rank, a group's first row is its best: groups come in the order of their keys'
    # first appearance. Only the groups named are cut out: a large block has thousands (#16).
    order = pd.unique(key)
    found = [_tie(tied[(key == value).to_numpy()]) for value in order[:TIE_GROUPS]]
    if len(order) > TIE_GROUPS:
        others = key.isin(order[TIE_GROUPS:]).to_numpy()
        first = tied[others].iloc[0]
        found.append(
            Finding(
                "tie_others",
                str(first["block"]),
                int(first["year"]),
                figures={"groups": len(order) - TIE_GROUPS, "units": int(others.sum())},
            )
        )
    return found


def _tie(group: pd.DataFrame) -> Finding:
    """Return the finding of one group of tied units (sorted by rank).

    Its ``score`` is the shared total; when the units share an index but not a total (their
    maxima differ), ``score`` is None and ``index`` is the shared index.
    """
    ranks = [int(r) for r in group["rank"]]
    first = group.iloc[0]
    decimals = precision.of_row(first)
    # Rounded as the published totals are (numpy's rounding, like Series.round).
    totals = group["score"].round(decimals)
    same_total = bool(totals.notna().all()) and totals.nunique() == 1
    figures = {
        "score": np.round(first["score"], decimals) if same_total else None,
        "decimals": decimals,
        "ranks": ranks,
        "same_rank": len(set(ranks)) == 1,
    }
    if not same_total:
        figures["index"] = np.round(first["index"], 2)
    return Finding(
        "tie",
        str(first["block"]),
        int(first["year"]),
        tuple(str(u) for u in group["unit_id"]),
        _plain(figures),
    )


def moves(rows: pd.DataFrame) -> list[Finding]:
    """Return rises and falls of the notable movers (parviz.movers: one choice for all)."""
    found = []
    for _, row in movers.notable(rows, top=TOP).iterrows():
        found.append(
            _finding(
                str(row["direction"]),
                row,
                rank=row["rank"],
                previous_rank=row["previous_rank"],
                previous_year=row["previous_year"],
                places=abs(int(row["rank_change"])),
                largest=bool(row["largest"]),
            )
        )
    return found


def methodology_differences(dataset: Dataset, block: str, year: int, other: int) -> list[str]:
    """Return what differs between two years' methodologies: criterion ids and/or 'max_total'."""
    changed = []
    if dataset.max_total(year, block) != dataset.max_total(other, block):
        changed.append("max_total")
    now = _maxima(dataset, year, block)
    before = _maxima(dataset, other, block)
    for criterion in sorted(set(now) | set(before)):
        if now.get(criterion) != before.get(criterion):
            changed.append(criterion)
    return changed


def _maxima(dataset: Dataset, year: int, block: str) -> dict[str, float]:
    criteria = dataset.criteria(year, block)
    return {str(c): float(m) for c, m in zip(criteria["criterion_id"], criteria["max_points"])}


def _methodology(dataset: Dataset, rows: pd.DataFrame, year: int, block: str) -> list[Finding]:
    """Mention a methodology change when this year's ranks are compared with another year's."""
    compared = rows[rows["previous_rank"].notna()]
    if compared.empty:
        return []
    previous = int(compared["previous_year"].iloc[0])
    changed = methodology_differences(dataset, block, year, previous)
    if not changed:
        return []
    return [
        Finding(
            "methodology_change", block, year, (), {"previous_year": previous, "changed": changed}
        )
    ]


def _band_counts(dataset: Dataset, rows: pd.DataFrame, year: int, block: str) -> list[Finding]:
    bands = dataset.table("bands")
    bands = bands[(bands["year"] == year) & (bands["block"] == block)].sort_values("order")
    if bands.empty or rows["band_id"].isna().all():
        return []
    counts = {str(b): int((rows["band_id"] == b).sum()) for b in bands["band_id"]}
    return [Finding("band_counts", block, year, (), {"counts": counts})]


def _grade_counts(dataset: Dataset, rows: pd.DataFrame, year: int, block: str) -> list[Finding]:
    """Return how many units got each grade of the year's scale (none: no grade published)."""
    names = grades.names_of(dataset.table("grades"), year, block, "vi")
    if "grade" not in rows.columns or rows["grade"].isna().all() or not names:
        return []
    counts = {g: int((rows["grade"] == g).sum()) for g in names}
    return [Finding("grade_counts", block, year, (), {"counts": counts})]


def _classification_counts(rows: pd.DataFrame, year: int, block: str) -> list[Finding]:
    values = rows["classification"].dropna().astype(str)
    if values.empty:
        return []
    counts = {c: int((values == c).sum()) for c in CLASSIFICATIONS}
    if counts["not_completed"] == 0:
        del counts["not_completed"]
    return [Finding("classification_counts", block, year, (), {"counts": counts})]


def _shares(dataset: Dataset, year: int, block: str) -> pd.DataFrame:
    """Return (unit_id, criterion_id, points, max_points, pct) of one block and year."""
    points = ranking.criterion_points_of(dataset, year=year, block=block)
    points = points[points["max_points"].notna() & (points["max_points"] > 0)].copy()
    points["pct"] = points["points"] / points["max_points"] * 100
    return points



def _criteria_extremes(dataset: Dataset, year: int, block: str) -> list[Finding]:
    """Return the criteria with the highest and lowest average share of their maximum."""
    shares = _shares(dataset, year, block)
    mean = shares.groupby("criterion_id")["pct"].mean()
    if len(mean) < 2:
        return []
    order = _criterion_order(dataset, year, block)
    mean = mean.sort_index(key=lambda ids: ids.map(lambda c: order.get(c, len(order))))
    return [
        Finding(kind, block, year, (), {"criterion_id": str(cid), "mean_pct": round(float(v), 2)})
        for kind, cid, v in (
            ("criterion_best", mean.idxmax(), mean.max()),
            ("criterion_worst", mean.idxmin(), mean.min()),
        )
    ]


def _criterion_order(dataset: Dataset, year: int, block: str) -> dict[str, int]:
    criteria = dataset.criteria(year, block)
    return {str(c): int(o) for c, o in zip(criteria["criterion_id"], criteria["order"])}


def _unit_criteria(dataset: Dataset, unit_id: str, year: int, block: str) -> list[Finding]:
    """Return the unit's strongest and weakest criterion (share of the criterion's maximum)."""
    shares = _shares(dataset, year, block)
    mine = shares[shares["unit_id"] == unit_id]
    if len(mine) < 2:
        return []
    order = _criterion_order(dataset, year, block)
    mine = mine.assign(_order=mine["criterion_id"].map(lambda c: order.get(c, len(order))))
    best = mine.sort_values(["pct", "_order"], ascending=[False, True]).iloc[0]
    worst = mine.sort_values(["pct", "_order"], ascending=[True, True]).iloc[0]
    return [
        Finding(
            kind,
            block,
            year,
            (unit_id,),
            _plain(
                {
                    "criterion_id": str(row["criterion_id"]),
                    "points": row["points"],
                    "max_points": row["max_points"],
                    "pct": row["pct"],
                }
            ),
        )
        for kind, row in (("criterion_best", best), ("criterion_worst", worst))
    ]


def _position(row: pd.Series) -> Finding:
    return _finding(
        "position",
        row,
        **_value(row),
        rank=row["rank"],
        count=row["units_ranked"],
        previous_rank=row["previous_rank"],
        previous_year=row["previous_year"],
    )


# --- rendering ----------------------------------------------------------------------------


def render(finding: Finding, dataset: Dataset, lang: str) -> str:
    """Return the finding as one sentence in ``lang`` (vi: decimal comma)."""
    lang = i18n.normalise_language(lang)
    f = finding.figures
    names = [dataset.name_in(u, finding.year) for u in finding.unit_ids]
    unit = names[0] if names else ""
    block = block_label(dataset, finding.block, lang)
    key = f"findings.{finding.kind}"
    common = {"unit": unit, "block": block, "year": finding.year}
    if finding.kind in ("leader", "lowest", "position", "runner_up"):
        if f.get("score") is None and f.get("index") is None:  # a rank published alone
            rank = f.get("rank") or {"leader": 1, "runner_up": 2}.get(finding.kind)
            key = "findings.rank_only" + (".last" if finding.kind == "lowest" else ".plain")
            return i18n.t(key, lang, unit=unit, rank=rank, count=f.get("count"))
        common["value"] = value_text(f, lang)
    if finding.kind == "leader":
        return i18n.t(key, lang, **common)
    if finding.kind == "streak":
        nth, start = ordinal_word(f["streak"], lang), f["start_year"]
        if f.get("missing_years"):  # "year running" would pass over a year without an index
            missing = join([str(y) for y in f["missing_years"]], lang)
            return i18n.t(
                "rankpolicy.streak_gap", lang, nth=nth, start=start, missing=missing, **common
            )
        return i18n.t(key, lang, nth=nth, start=start, **common)
    if finding.kind in ("first_time", "runner_up") and f.get("first_time"):
        return i18n.t(_first_time_key(key, f), lang, since=f.get("since_year"),
                      start=f.get("from_year"), **common)  # fmt: skip
    if finding.kind == "runner_up":
        return i18n.t(f"{key}.plain", lang, **common)
    if finding.kind == "tie":
        if f.get("score") is None:  # a shared index, not a shared total
            key, score = "rankpolicy.tie_index", i18n.fmt_percent(f["index"], lang)
        else:
            score = i18n.fmt_number(f["score"], lang, f.get("decimals", 2))
        units = join(names, lang)
        if f["same_rank"]:
            rank = rank_label(f["ranks"][0], lang)
            return i18n.t(f"{key}.same_rank", lang, units=units, score=score, rank=rank)
        ranks = join([rank_label(r, lang) for r in f["ranks"]], lang)
        return i18n.t(f"{key}.ranks", lang, units=units, score=score, ranks=ranks)
    if finding.kind == "ranks_completed":
        return i18n.t("rankpolicy.completed", lang, units=join(names, lang), **common)
    if finding.kind == "tie_others":
        groups, units = (i18n.fmt_number(f[k], lang, 0) for k in ("groups", "units"))
        return i18n.t(key, lang, groups=groups, units=units)
    if finding.kind == "lowest":
        return i18n.t(key, lang, rank=f["rank"], count=f["count"], **common)
    if finding.kind in ("rise", "fall"):
        return i18n.t(
            key,
            lang,
            previous_year=f["previous_year"],
            places=f["places"],
            previous=rank_label(f["previous_rank"], lang),
            rank=rank_label(f["rank"], lang),
            **common,
        )
    if finding.kind == "methodology_change":
        changed = [
            i18n.t("findings.max_total_label", lang) if c == "max_total" else c
            for c in f["changed"]
        ]
        return i18n.t(
            key, lang, previous_year=f["previous_year"], changed=", ".join(changed), **common
        )
    if finding.kind == "band_counts":
        return i18n.t(key, lang, counts=_band_parts(dataset, finding, lang), **common)
    if finding.kind == "grade_counts":
        names = grades.names_of(dataset.table("grades"), finding.year, finding.block, lang)
        parts = [i18n.t("findings.band_part", lang, band=names.get(g, g), count=n)
                 for g, n in f["counts"].items()]  # fmt: skip
        return i18n.t(key, lang, counts="; ".join(parts), **common)
    if finding.kind == "classification_counts":
        parts = [
            i18n.t("findings.count_of", lang, count=n, label=i18n.t(f"findings.class.{c}", lang))
            for c, n in f["counts"].items()
        ]
        return i18n.t(key, lang, counts=join(parts, lang), **common)
    if finding.kind in ("criterion_best", "criterion_worst"):
        criterion = criterion_name(dataset, finding.year, finding.block, f["criterion_id"], lang)
        if finding.unit_ids:
            return i18n.t(
                f"{key}.unit",
                lang,
                criterion=criterion,
                pct=i18n.fmt_percent(f["pct"], lang),
                points=float(f["points"]),
                max_points=compact_number(f["max_points"], lang),
                **common,
            )
        pct = i18n.fmt_percent(f["mean_pct"], lang)
        return i18n.t(f"{key}.block", lang, criterion=criterion, pct=pct, **common)
    if finding.kind == "position":
        if f.get("previous_rank") is None:
            return i18n.t(f"{key}.plain", lang, rank=f["rank"], count=f["count"], **common)
        return i18n.t(
            f"{key}.previous",
            lang,
            rank=f["rank"],
            count=f["count"],
            previous_year=f["previous_year"],
            previous_rank=f["previous_rank"],
            **common,
        )
    raise ValueError(f"unknown finding kind: {finding.kind}")


def texts(found: list[Finding], dataset: Dataset, lang: str) -> list[str]:
    """Return the sentence of each finding."""
    return [render(f, dataset, lang) for f in found]


def value_text(figures: dict[str, Any], lang: str) -> str:
    """Return '91,53 điểm' (or 'chỉ số 91,53%' when only an index is known)."""
    decimals = figures.get("decimals", 2)  # as published
    if figures.get("score") is not None:
        score = i18n.fmt_number(float(figures["score"]), lang, decimals)
        return i18n.t("findings.points", lang, score=score)
    index = i18n.fmt_percent(figures.get("index"), lang, decimals)
    return i18n.t("findings.index", lang, index=index)


def compact_number(value: float, lang: str) -> str:
    """Format a number without decimals when it is whole (a maximum of 10, not 10,00)."""
    whole = float(value).is_integer()
    return i18n.fmt_number(value, lang, decimals=0 if whole else 2)


def block_label(dataset: Dataset, block: str, lang: str) -> str:
    """Return the block name as it reads inside a sentence (English: lower-cased first word)."""
    name = dataset.block_name(block, lang)
    if lang == "en" and len(name) > 1 and name[1].islower():
        name = name[0].lower() + name[1:]
    return name


def criterion_name(dataset: Dataset, year: int, block: str, criterion_id: str, lang: str) -> str:
    """Return a criterion's name in ``lang`` (its id when unnamed)."""
    criteria = dataset.criteria(year, block)
    row = criteria[criteria["criterion_id"] == criterion_id]
    if row.empty:
        return criterion_id
    return str(row.iloc[0]["name_en" if lang == "en" else "name_vi"])


def _band_parts(dataset: Dataset, finding: Finding, lang: str) -> str:
    bands = dataset.table("bands")
    bands = bands[(bands["year"] == finding.year) & (bands["block"] == finding.block)]
    names = dict(zip(bands["band_id"], bands["name_en" if lang == "en" else "name_vi"]))
    parts = [
        i18n.t("findings.band_part", lang, band=names.get(b, b), count=n)
        for b, n in finding.figures["counts"].items()
    ]
    return "; ".join(parts)


def join(items: list[str], lang: str) -> str:
    """Join 'A, B và C' (vi) or 'A, B and C' (en)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {i18n.t('findings.and', lang)} {items[-1]}"


def rank_label(rank: int, lang: str) -> str:
    """Return a rank as written in a sentence: '3' (vi, after 'hạng') or '3rd' (en)."""
    rank = int(rank)
    if lang != "en":
        return str(rank)
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def ordinal_word(n: int, lang: str) -> str:
    """Return 'hai'/'second' for small n, else the numeral ('thứ 12', '12th')."""
    key = f"findings.ordinal.{n}"
    if i18n.has(key):
        return i18n.t(key, lang)
    return str(n) if lang != "en" else rank_label(n, lang)
