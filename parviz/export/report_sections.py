"""The sections of the written report, drafted from findings, rankings and criterion shares.

Each function returns the elements of one numbered section. Sentences come from the findings
(the same as the app's) or from ``report.*`` templates filled with the same figures; numbers
are formatted by the app's functions (``comparison.score_text``, ``i18n.fmt_number``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from parviz import breakdown, comparison, findings, overview, precision, ranking
from parviz.charts import ranking as ranking_charts
from parviz.charts import summary as summary_charts
from parviz.dataset import Dataset
from parviz.export.report_model import (
    BULLET,
    PLACEHOLDER,
    Chart,
    Element,
    Heading,
    Paragraph,
    clean,
    cleaned,
)
from parviz.i18n import fmt_number, fmt_percent, t

# Section II: the findings about the head and the tail of a block, in the findings' order.
STANDING_KINDS = (
    "leader", "streak", "first_time", "runner_up", "tie", "tie_others", "lowest",
    "methodology_change",
)
COUNT_KINDS = ("band_counts", "classification_counts")
WEAKEST = 3  # criteria named in section III, weakest first
LOSERS = 3  # units named for each of them: those that lost the most points
PRINT_FONT = 18  # px at 900 px wide: about 9.5 pt on a 16.5 cm wide picture


def general(dataset: Dataset, *, year: int, blocks: Sequence[str], lang: str) -> list[Element]:
    """Return section I: units scored, block averages, highest and lowest, counts, last year."""
    elements: list[Element] = [Heading(t("report.general.heading", lang), 1)]
    counts = {b: len(ranked(dataset, year, b)) for b in blocks}
    parts = [t("report.general.part", lang, count=n, block=findings.block_label(dataset, b, lang))
             for b, n in counts.items()]
    elements.append(Paragraph(t("report.general.scope", lang, year=year,
                                count=sum(counts.values()), parts=findings.join(parts, lang))))
    for block in blocks:
        ranks = ranked(dataset, year, block)
        if ranks.empty:
            continue
        elements.append(Paragraph(_block_summary(dataset, ranks, year, block, lang), BULLET))
        previous = _previous_sentence(dataset, ranks, year, block, lang)
        if previous:
            elements.append(Paragraph(previous, BULLET))
        found = findings.findings(dataset, year=year, block=block)
        elements += [Paragraph(t("report.general.counts", lang,
                                 block=findings.block_label(dataset, block, lang),
                                 text=findings.render(f, dataset, lang)), BULLET)
                     for f in found if f.kind in COUNT_KINDS]
    return elements


def ranked(dataset: Dataset, year: int, block: str) -> pd.DataFrame:
    """Return the units of ``block`` ranked in ``year``, best first (``ranking.ranked``)."""
    return ranking.ranked(dataset, year=year, block=block)


def _names(rows: pd.DataFrame, lang: str) -> str:
    return findings.join([str(u) for u in rows["unit"]], lang)


def _block_summary(dataset: Dataset, ranks: pd.DataFrame, year: int, block: str,
                   lang: str) -> str:
    # Highest and lowest by the published score, as the overview: a tie names every unit.
    top, bottom = overview.score_ends(ranks)
    decimals = precision.of_rows(ranks)
    return t(
        "report.general.block", lang,
        block=dataset.block_name(block, lang),  # starts the sentence: keep its capital
        average=comparison.score_text(ranks["score"].mean(), lang),
        max=findings.compact_number(float(dataset.max_total(year, block) or 100), lang),
        top=_names(top, lang),
        top_score=comparison.score_text(top["score"].iloc[0], lang, decimals),
        bottom=_names(bottom, lang),
        bottom_score=comparison.score_text(bottom["score"].iloc[0], lang, decimals),
    )


def _previous_sentence(dataset: Dataset, ranks: pd.DataFrame, year: int, block: str,
                       lang: str) -> str:
    """Return how the block average moved since the previous scored year ('' when none)."""
    previous = comparison.previous_scored_year(dataset, block, year)  # as the page's pair
    if previous is None:
        return ""
    before = ranked(dataset, previous, block)
    if before.empty:
        return ""
    measure = comparison.comparable_measure(dataset, block, previous, year)
    now, then = float(ranks[measure].mean()), float(before[measure].mean())
    change = round(now - then, 2)
    direction = "up" if change > 0 else "down" if change < 0 else "same"
    return t(f"report.general.previous.{measure}.{direction}", lang,
             previous_year=previous, change=fmt_number(abs(change), lang),
             previous=fmt_number(then, lang))


def per_block(dataset: Dataset, *, year: int, blocks: Sequence[str], lang: str) -> list[Element]:
    """Return section II: leaders, ties, lowest, rank changes and the ranking chart per block."""
    elements: list[Element] = [Heading(t("report.block.heading", lang), 1)]
    for number, block in enumerate(blocks, start=1):
        ranks = ranked(dataset, year, block)
        name = dataset.block_name(block, lang)
        elements.append(Heading(t("report.block.subheading", lang, n=number, block=name), 2))
        found = findings.findings(dataset, year=year, block=block)
        elements += [Paragraph(findings.render(f, dataset, lang), BULLET)
                     for f in found if f.kind in STANDING_KINDS]
        elements += _rank_changes(dataset, ranks, found, lang)
        if not ranks.empty:
            elements += _ranking_chart(dataset, ranks, year, block, lang)
    return elements


def _rank_changes(dataset: Dataset, ranks: pd.DataFrame, found: list[findings.Finding],
                  lang: str) -> list[Element]:
    """Return the count of units that rose, fell or stayed, then each reported move."""
    compared = ranks[ranks["previous_rank"].notna()]
    if compared.empty:
        return []
    counts = comparison.change_counts(ranks)
    text = t("report.block.changes", lang, previous_year=int(compared["previous_year"].iloc[0]),
             up=counts[comparison.Change.UP], down=counts[comparison.Change.DOWN],
             same=counts[comparison.Change.SAME])
    if counts[comparison.Change.NEW]:
        text += " " + t("report.block.changes_new", lang, new=counts[comparison.Change.NEW])
    elements: list[Element] = [Paragraph(text)]
    moves = [f for f in found if f.kind in ("rise", "fall")]
    if moves:  # the findings' choice, not every move: say so, and where the rest is
        elements.append(Paragraph(t("report.block.notable", lang, top=findings.TOP)))
    for f in moves:
        elements.append(Paragraph(t(
            f"report.block.{f.kind}", lang, unit=dataset.name_in(f.unit_ids[0], f.year),
            places=f.figures["places"],
            previous=findings.rank_label(f.figures["previous_rank"], lang),
            rank=findings.rank_label(f.figures["rank"], lang),
        ), BULLET))
    return elements


def _ranking_chart(dataset: Dataset, ranks: pd.DataFrame, year: int, block: str,
                   lang: str) -> list[Element]:
    name = clean(dataset.block_name(block, lang))
    fig = ranking_charts.ranking_bar(
        cleaned(ranks, ("unit", "short_name")), lang=lang, block_name=name,
        bands=ranking_charts.band_names(dataset, year=year, block=block, lang=lang),
        max_score=float(dataset.max_total(year, block) or 100),
    )
    caption = t("report.chart.ranking", lang, year=year, block=findings.block_label(
        dataset, block, lang))
    return [Chart(for_print(fig), caption)]


def for_print(fig):
    """Return ``fig`` sized for a 16 cm picture: no title (the caption says it), larger text."""
    fig.update_layout(title_text="", font_size=PRINT_FONT, margin_t=40, width=900)
    if not fig.layout.annotations:  # no source or cap note under the axis: no room kept
        fig.update_layout(margin_b=50)
    fig.update_traces(textfont_size=PRINT_FONT - 2, selector={"type": "bar"})
    return fig


def per_criterion(
    dataset: Dataset, *, year: int, blocks: Sequence[str], lang: str
) -> list[Element]:
    """Return section III: best and weakest criteria, who lost most points, averages chart."""
    elements: list[Element] = [Heading(t("report.criteria.heading", lang), 1)]
    for number, block in enumerate(blocks, start=1):
        name = dataset.block_name(block, lang)
        elements.append(Heading(t("report.block.subheading", lang, n=number, block=name), 2))
        table = breakdown.criterion_table(dataset, year=year, block=block)
        if table.empty:
            elements.append(Paragraph(t("report.criteria.none", lang, year=year)))
            continue
        found = findings.findings(dataset, year=year, block=block)
        elements += [Paragraph(findings.render(f, dataset, lang))
                     for f in found if f.kind in ("criterion_best", "criterion_worst")]
        summary = breakdown.summary(table)
        # The weakest few, never all: with two criteria, "the weakest" is one.
        count = min(WEAKEST, max(1, len(summary) - 1))
        weakest = summary.sort_values(["average_pct", "order"]).head(count)
        if len(weakest):
            elements.append(Paragraph(t("report.criteria.weakest", lang, n=len(weakest))))
        units = ranked(dataset, year, block)
        for _, row in weakest.iterrows():
            elements.append(Paragraph(_weak_line(table, units, row, lang), BULLET))
        fig = summary_charts.criterion_averages(cleaned(summary, ("name_vi", "name_en")), lang)
        caption = t("report.chart.criteria", lang, year=year,
                    block=findings.block_label(dataset, block, lang))
        elements.append(Chart(for_print(fig), caption))
    return elements


def _weak_line(table: pd.DataFrame, units_of: pd.DataFrame, row: pd.Series, lang: str) -> str:
    """Return 'C2. Cải cách thể chế (bình quân 81,36%): mất nhiều điểm nhất là A (…), …'."""
    mine = table[table["criterion_id"] == row["criterion_id"]]
    names = dict(zip(units_of["unit_id"], units_of["unit"]))
    losers = mine.sort_values(["lost", "rank", "short_name"], ascending=[False, True, True])
    units = [
        t("report.criteria.unit_points", lang, unit=names.get(r["unit_id"], r["short_name"]),
          points=fmt_number(float(r["points"]), lang),
          max=findings.compact_number(float(r["max_points"]), lang),
          lost=fmt_number(float(r["lost"]), lang))
        for _, r in losers.head(LOSERS).iterrows()
    ]
    return t("report.criteria.weak", lang, criterion=f"{row['criterion_id']}. "
             f"{breakdown.criterion_name(row, lang)}",
             pct=fmt_percent(float(row["average_pct"]), lang), units=findings.join(units, lang))


def to_write(lang: str) -> list[Element]:
    """Return section IV: headings with marked placeholders for what people write."""
    elements: list[Element] = [Heading(t("report.write.heading", lang), 1)]
    for number, part in enumerate(("assessment", "causes", "proposals"), start=1):
        elements.append(Heading(t(f"report.write.{part}", lang, n=number), 2))
        elements.append(Paragraph(t(f"report.write.{part}_hint", lang), PLACEHOLDER))
    return elements

