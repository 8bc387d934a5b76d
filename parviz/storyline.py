"""The review-conference storyline of a year, as data: one ``Slide`` per screen.

The same storyline feeds the presentation page (parviz/views/presentation.py, drawn by
parviz/ui/presentation.py), the PowerPoint export (parviz/export/pptx.py) and the CLI. A slide
holds translated text and the frames its chart is drawn from; it knows nothing about Streamlit
or python-pptx.

A slide decides nothing on its own: it takes its units from the functions the pages and the
findings use (``movers.notable`` for rank changes, ``overview.ends`` for the leaders,
``charts.ranking.shown_ids`` / ``charts.criteria.shown_units`` for what a chart can hold,
``profile.radar_series`` for a spotlight), so a chart, its sentences and the page agree
(tests/test_storyline_shared.py).

Order: title; key findings; for each block: ranking, rank changes, criterion heatmap, leaders
and lowest; then one spotlight per chosen unit. A slide whose data is missing (no previous
year, no per-criterion scores) is left out rather than shown empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from parviz import (
    breakdown,
    comparison,
    findings,
    movers,
    overview,
    precision,
    profile,
    provenance,
    ranking,
)
from parviz.charts.ranking import cap_note, shown_ids
from parviz.dataset import Dataset
from parviz.i18n import t

TITLE, FINDINGS, RANKING, CHANGES, HEATMAP, LEADERS, SPOTLIGHT = (
    "title",
    "findings",
    "ranking",
    "changes",
    "heatmap",
    "leaders",
    "spotlight",
)
BLOCK_KINDS: tuple[str, ...] = (RANKING, CHANGES, HEATMAP, LEADERS)
# How many findings fit on the findings slide (all of them go in the speaker notes).
MAX_FINDING_BULLETS = 8
HEADLINE_KINDS = ("leader", "streak", "tie", "lowest")
LEADERS_SHOWN = 3
HISTORY_YEARS = 5


@dataclass(frozen=True)
class Slide:
    """One screen: a kind, its title and text, and the frames its chart or table needs."""

    kind: str
    title: str
    subtitle: str = ""
    block: str | None = None
    unit_id: str | None = None
    bullets: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    data: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    extra: pd.DataFrame | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Storyline:
    """The slides of one year, with the footer every slide carries."""

    year: int
    lang: str
    title: str
    source: str
    illustrative_label: str
    slides: tuple[Slide, ...]
    hall_url: str = ""  # the link the hall's QR code opens (parviz.hall.with_link); "" = none

    @property
    def footer(self) -> str:
        """Return the source line, plus the illustrative label when the data is made up."""
        return " · ".join(part for part in (self.illustrative_label, self.source) if part)

    def titles(self) -> list[str]:
        """Return the slide titles in order."""
        return [slide.title for slide in self.slides]


# --- findings (adapter over parviz.findings) -----------------------------------------------


def finding_pairs(dataset: Dataset, *, year: int, block: str, lang: str) -> list[tuple[str, str]]:
    """Return the findings of one block and year as (kind, sentence) pairs, in reading order.

    The only place that calls parviz.findings for a block: if its API changes, adapt here.
    """
    found = findings.findings(dataset, year=year, block=block)
    return [(f.kind, findings.render(f, dataset, lang)) for f in found]


def pick(pairs: Sequence[tuple[str, str]], kinds: Sequence[str] = ()) -> list[str]:
    """Return the sentences of ``pairs`` whose kind is in ``kinds`` (all when empty)."""
    return [text for kind, text in pairs if not kinds or kind in kinds]


def unit_finding_texts(dataset: Dataset, unit_id: str, *, year: int, lang: str) -> list[str]:
    """Return the findings about one unit in ``year`` as sentences."""
    return [findings.render(f, dataset, lang) for f in findings.unit_findings(dataset, unit_id,
                                                                             year=year)]


# --- building -----------------------------------------------------------------------------


def source_line(dataset: Dataset, year: int, lang: str) -> str:
    """Return "Nguồn: …" for ``year`` (the dataset title when no source is listed)."""
    refs = provenance.sources_for(dataset, year=year, lang=lang)
    cited = "; ".join(f"{r.title} ({r.detail})" if r.detail else r.title for r in refs)
    return t("presentation.source", lang, source=cited or dataset.title)


def blocks_of(dataset: Dataset, year: int) -> list[str]:
    """Return the blocks scored in ``year``, in display order."""
    return [b for b in dataset.blocks if year in dataset.years_of(b)]


def build(
    dataset: Dataset,
    *,
    year: int,
    lang: str,
    blocks: Sequence[str] | None = None,
    spotlights: Sequence[str] = (),
) -> Storyline:
    """Return the storyline of ``year``: title, findings, per-block slides, spotlights."""
    chosen = [b for b in (blocks or blocks_of(dataset, year)) if b in blocks_of(dataset, year)]
    pairs = {b: finding_pairs(dataset, year=year, block=b, lang=lang) for b in chosen}
    slides = [_title_slide(dataset, year, chosen, lang), _findings_slide(pairs, year, lang)]
    for block in chosen:
        slides.extend(block_slides(dataset, year=year, block=block, lang=lang,
                                   pairs=pairs[block]))
    for unit_id in spotlights:
        slide = spotlight_slide(dataset, unit_id, year=year, lang=lang)
        if slide is not None:
            slides.append(slide)
    label = t("presentation.illustrative", lang) if dataset.illustrative else ""
    return Storyline(
        year=year,
        lang=lang,
        title=t("presentation.deck_title", lang, year=year),
        source=source_line(dataset, year, lang),
        illustrative_label=label,
        slides=tuple(slides),
    )


def _title_slide(dataset: Dataset, year: int, blocks: list[str], lang: str) -> Slide:
    bullets = []
    for block in blocks:
        count = len(ranking.rank(dataset, year=year, block=block))
        name = dataset.block_name(block, lang)
        bullets.append(t("presentation.title.block_count", lang, block=name, count=count))
    return Slide(
        TITLE,
        t("presentation.deck_title", lang, year=year),
        subtitle=dataset.title,
        bullets=tuple(bullets),
    )


def _findings_slide(pairs: dict[str, list[tuple[str, str]]], year: int, lang: str) -> Slide:
    headline: list[str] = []
    notes: list[str] = []
    for block_pairs in pairs.values():
        headline += pick(block_pairs, HEADLINE_KINDS)
        notes += pick(block_pairs)
    return Slide(
        FINDINGS,
        t("presentation.findings.title", lang, year=year),
        bullets=tuple(headline[:MAX_FINDING_BULLETS]),
        notes=tuple(notes),
    )


def block_slides(
    dataset: Dataset,
    *,
    year: int,
    block: str,
    lang: str,
    pairs: Sequence[tuple[str, str]] | None = None,
) -> list[Slide]:
    """Return the ranking, changes, heatmap and leaders slides of one block (those with data)."""
    if pairs is None:
        pairs = finding_pairs(dataset, year=year, block=block, lang=lang)
    ranks = ranking.ranked(dataset, year=year, block=block)
    if ranks.empty:
        return []
    name = dataset.block_name(block, lang)
    notes = tuple(pick(pairs))
    shown = len(shown_ids(ranks))  # the units the rankings page's chart draws
    slides = [
        Slide(
            RANKING,
            t("presentation.ranking.title", lang, block=name, year=year),
            # A block too large for one slide shows its first and last units: say so.
            subtitle=cap_note(shown, len(ranks), lang) if shown < len(ranks) else "",
            block=block,
            notes=notes,
            data=ranks,
        )
    ]
    changes = _changes_slide(dataset, ranks, year, block, name, lang, pairs)
    if changes is not None:
        slides.append(changes)
    shares = breakdown.criterion_table(dataset, year=year, block=block)
    if not shares.empty:
        slides.append(
            Slide(
                HEATMAP,
                t("presentation.heatmap.title", lang, block=name, year=year),
                subtitle=t("presentation.heatmap.subtitle", lang),
                block=block,
                bullets=tuple(pick(pairs, ("criterion_best", "criterion_worst"))),
                notes=notes,
                data=shares,
            )
        )
    slides.append(_leaders_slide(ranks, year, block, name, notes, lang))
    return slides


def _changes_slide(
    dataset: Dataset,
    ranks: pd.DataFrame,
    year: int,
    block: str,
    name: str,
    lang: str,
    pairs: Sequence[tuple[str, str]],
) -> Slide | None:
    """Return the rank-changes slide: the notable movers in its chart AND its bullets.

    ``data`` holds the movers (parviz.movers.notable, the rule the findings' rise/fall
    sentences follow), ``extra`` their ranks over the last years (the deck's line chart).
    """
    if ranks["previous_rank"].isna().all():
        return None
    previous_year = int(ranks["previous_year"].dropna().iloc[0])
    chosen = movers.notable(ranks)
    # The chart's units, in its order and with its (short) names; the findings' full sentences
    # about the same units go to the speaker notes.
    pairs_of_ranks = chosen.assign(rank_a=chosen["previous_rank"], rank_b=chosen["rank"])
    bullets = [
        comparison.mover_sentence(row, year_a=previous_year, year_b=year, lang=lang)
        for _, row in pairs_of_ranks.iterrows()
    ]
    bullets += pick(pairs, ("methodology_change",))
    return Slide(
        CHANGES,
        t("presentation.changes.title", lang, block=name, year=year, previous_year=previous_year),
        block=block,
        bullets=tuple(bullets),
        notes=tuple(pick(pairs, ("rise", "fall", "methodology_change"))),
        data=chosen,
        extra=rank_history(dataset, list(chosen["unit_id"]), year=year, block=block),
    )


def rank_history(
    dataset: Dataset, unit_ids: Sequence[str], *, year: int, block: str
) -> pd.DataFrame:
    """Return (year, unit_id, short_name, rank, score) of ``unit_ids`` over the last years.

    The last HISTORY_YEARS scored years up to ``year``; each unit keeps its name of ``year``.
    """
    years = [y for y in dataset.years_of(block) if y <= year][-HISTORY_YEARS:]
    table = ranking.standings(dataset)
    rows = table[
        (table["block"] == block) & table["year"].isin(years) & table["unit_id"].isin(unit_ids)
    ]
    rows = rows[["year", "unit_id", "short_name", "rank", "score"]].copy()
    # One name per unit (the one of ``year``) so a renamed unit keeps one line and one label.
    now = table[(table["block"] == block) & (table["year"] == year)]
    rows["short_name"] = rows["unit_id"].map(dict(zip(now["unit_id"], now["short_name"])))
    return rows.sort_values(["year", "rank"]).reset_index(drop=True)


def _leaders_slide(
    ranks: pd.DataFrame, year: int, block: str, name: str, notes: tuple[str, ...], lang: str
) -> Slide:
    top, bottom = overview.ends(ranks, LEADERS_SHOWN)  # the overview's two lists
    parts = [top.assign(group="top"), bottom.assign(group="bottom")]
    table = pd.concat(parts, ignore_index=True)
    return Slide(
        LEADERS,
        t("presentation.leaders.title", lang, block=name, year=year),
        block=block,
        bullets=tuple(leader_line(row, lang) for _, row in table.iterrows()),
        notes=notes,
        data=table,
    )


def leader_groups(slide: Slide) -> dict[str, list[str]]:
    """Return the leaders slide's lines by group ("top", "bottom"), as the slide and deck show."""
    groups = list(slide.data["group"]) if slide.data is not None else []
    return {
        group: [line for line, g in zip(slide.bullets, groups) if g == group]
        for group in ("top", "bottom")
    }


def leader_line(row: pd.Series, lang: str) -> str:
    """Return "1. Sở Giao thông vận tải — 91,53 điểm (đồng điểm)" for a ranking row."""
    tied = f" ({t('rankings.tied', lang)})" if bool(row.get("tied", False)) else ""
    return t(
        "presentation.leaders.line",
        lang,
        rank=int(row["rank"]),
        unit=str(row["unit"]),
        score=comparison.score_text(row["score"], lang, precision.of_row(row)),
    ) + tied


def spotlight_slide(dataset: Dataset, unit_id: str, *, year: int, lang: str) -> Slide | None:
    """Return the slide about one unit in ``year`` (None when it was not ranked)."""
    table = ranking.standings(dataset)
    row = table[(table["year"] == year) & (table["unit_id"] == unit_id)]
    if row.empty:
        return None
    block = str(row.iloc[0]["block"])
    shares = breakdown.criterion_table(dataset, year=year, block=block)
    radar = None
    if not shares.empty and unit_id in set(shares["unit_id"]):
        series = profile.radar_series(shares, unit_id)
        radar = series["unit"][["criterion_id", "order", "name_vi", "name_en", "pct"]].merge(
            series["average"][["criterion_id", "pct"]].rename(columns={"pct": "average_pct"}),
            on="criterion_id",
        )
    about = unit_finding_texts(dataset, unit_id, year=year, lang=lang)
    return Slide(
        SPOTLIGHT,
        t("presentation.spotlight.title", lang, unit=dataset.name_in(unit_id, year), year=year),
        block=block,
        unit_id=unit_id,
        bullets=tuple(about),
        notes=tuple(about),
        data=radar,
    )


def shown_lines(slide: Slide, lang: str) -> tuple[str, ...]:
    """Return the slide's text lines, or the one sentence saying there is nothing to tell.

    The page and the deck say the same: "nobody moved" on a changes slide, else "no findings".
    """
    if slide.bullets:
        return slide.bullets
    key = "presentation.changes.none" if slide.kind == CHANGES else "presentation.findings.none"
    return (t(key, lang),)


def find(story: Storyline, index: int) -> Slide:
    """Return slide ``index`` (1-based), clamped to the deck."""
    return story.slides[clamp(index, len(story.slides)) - 1]


def clamp(index: int, count: int) -> int:
    """Return ``index`` kept inside 1..count."""
    return max(1, min(int(index), max(count, 1)))
