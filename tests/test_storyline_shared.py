"""One decision in one place (#17): a slide, its text, the deck and the page pick the same units.

A literal block of 34 units (more than 2 × TOP_N, so charts cut it to both ends) with a tie
across the cut and names that sort unlike their ids, over two years with notable movers. Each
test reads the units off what is drawn (figure labels, deck categories, table cells, sentences)
and compares the slide with its own text and with the page that shows the same thing.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from pptx import Presentation

from parviz import findings, movers, ranking, storyline
from parviz.charts import slides as slide_charts
from parviz.charts.ranking import TOP_N
from parviz.export import pptx
from parviz.loading import load_dataset
from parviz.views import criteria, overview, profile, rank_changes, rankings
from tests.helpers import copy_minimal

COUNT, YEAR, BLOCK = 34, 2021, "district"
# Short names sorting against the ids: a tie broken by id would pick another unit.
NAMES = [f"Xã {chr(ord('B') - (i + 1) // 26)}{chr(ord('z') - (i + 1) % 26)}{i:02d}"
         for i in range(COUNT)]
# 2021: 95, 94, … with the 15th and 16th tied across the cut.
SCORES_2021 = [95.0 - i if i != 15 else 95.0 - 14 for i in range(COUNT)]
# 2020 ranks: near-top swaps, the 34th of 2021 was 10th, the 21st was last (largest moves).
ORDER_2020 = [2, 0, 1, *range(3, 10), 33, *range(10, 20), *range(21, 33), 20]


def _competition_ranks(scores: list[float]) -> list[int]:
    return [1 + sum(other > score for other in scores) for score in scores]


def _results_and_scores() -> tuple[str, str]:
    scores_2020 = [0.0] * COUNT
    for place, unit in enumerate(ORDER_2020):
        scores_2020[unit] = 96.0 - place
    results, points = [], []
    for year, scores in ((2020, scores_2020), (YEAR, SCORES_2021)):
        for i, (total, rank) in enumerate(zip(scores, _competition_ranks(scores))):
            results.append(f"{year},u{i:02d},{total},,{rank},good,,,")
            first = round(total * 0.4 + (i % 5) - 2, 2)  # criteria that differ per unit
            second = round(total - first, 2)
            points += [f"{year},u{i:02d},C1,{first}", f"{year},u{i:02d},C2,{second}"]
    head = "year,unit_id,total,index_pct,rank,classification,band_id,survey_points,assessed_points"
    return "\n".join([head, *results]) + "\n", "\n".join(
        ["year,unit_id,criterion_id,points", *points]) + "\n"


@cache
def dataset_in(folder: Path):
    """Write the 34-unit block over the minimal dataset's metadata and load it."""
    data = copy_minimal(folder)
    units = [f"u{i:02d},{BLOCK},UBND {name},{name},,2020,,," for i, name in enumerate(NAMES)]
    (data / "units.csv").write_text(
        "unit_id,block,name,short_name,aliases,first_year,last_year,predecessor_ids,"
        "successor_ids\n" + "\n".join(units) + "\n", encoding="utf-8")
    (data / "unit_names.csv").write_text("unit_id,from_year,name,short_name\n", encoding="utf-8")
    results, scores = _results_and_scores()
    (data / "results.csv").write_text(results, encoding="utf-8")
    (data / "scores.csv").write_text(scores, encoding="utf-8")
    return load_dataset(data)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return dataset_in(tmp_path_factory.mktemp("shared"))


@pytest.fixture(scope="module", params=["vi", "en"])
def story(request, dataset):
    return storyline.build(dataset, year=YEAR, lang=request.param, spotlights=["u20"])


@pytest.fixture(scope="module")
def deck(story, dataset):
    return Presentation(io.BytesIO(pptx.build_deck(story, dataset)))


def slide_of(story, kind: str):
    return next(s for s in story.slides if s.kind == kind)


def page_of(deck, story, kind: str):
    return deck.slides[[s.kind for s in story.slides].index(kind)]


def bar_labels(figures) -> list[str]:
    """Return the unit labels of the bar traces of ``figures``, top to bottom, in order."""
    return [str(y) for fig in figures for trace in fig.data
            if trace.type == "bar" for y in trace.y if y is not None]


def names_in(labels, among=NAMES) -> list[str]:
    """Return the unit short names found in ``labels``, in the labels' order."""
    return [name for label in labels for name in among if name in str(label)]


def test_the_block_is_cut_and_the_tie_straddles_the_cut(dataset) -> None:
    ranks = ranking.rank(dataset, year=YEAR, block=BLOCK)
    assert len(ranks) == COUNT > 2 * TOP_N
    assert list(ranks["rank"]).count(15) == 2  # one of the tied pair is kept, one is cut


def test_ranking_slide_deck_and_page_draw_the_same_units(dataset, story, deck) -> None:
    slide = slide_of(story, storyline.RANKING)
    page = rankings.build(dataset, year=YEAR, block=BLOCK, lang=story.lang)
    on_page = bar_labels([page.figure])
    on_slide = bar_labels(slide_charts.figures(slide, story, dataset))
    in_deck = [str(c) for chart in (s.chart for s in page_of(deck, story, "ranking").shapes
                                    if s.has_chart) for c in chart.plots[0].categories]
    assert len(on_page) == 2 * TOP_N
    assert names_in(on_slide) == names_in(on_page) == names_in(in_deck)
    assert str(2 * TOP_N) in slide.subtitle and str(COUNT) in slide.subtitle  # "30 of 34"


def test_heatmap_slide_deck_and_criteria_page_draw_the_same_units(dataset, story, deck) -> None:
    slide = slide_of(story, storyline.HEATMAP)
    page = criteria.block_criteria(dataset, year=YEAR, block=BLOCK, lang=story.lang)
    on_page = {str(y) for trace in page.heatmap.data for y in trace.y}
    on_slide = {str(y) for fig in slide_charts.figures(slide, story, dataset)
                for trace in fig.data if trace.type == "heatmap" for y in trace.y}
    cells = {cell.text for shape in page_of(deck, story, "heatmap").shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells}
    shown = set(names_in(on_page))
    assert len(shown) == 2 * TOP_N
    assert set(names_in(on_slide)) == shown == set(names_in(cells))


def test_changes_slide_chart_bullets_deck_page_and_findings_name_the_same_movers(
    dataset, story, deck
) -> None:
    slide = slide_of(story, storyline.CHANGES)
    chart = names_in(label for fig in slide_charts.figures(slide, story, dataset)
                     for trace in fig.data for label in (trace.y or ()) if label is not None)
    chart = list(dict.fromkeys(chart))
    bullets = names_in(slide.bullets)
    pair = rank_changes.pair(dataset, block=BLOCK, lang=story.lang, focus="u00",
                             year_a=2020, year_b=YEAR)  # the page's default pair
    (line,) = [s.chart for s in page_of(deck, story, "changes").shapes if s.has_chart]
    in_deck = names_in(series.name for series in line.plots[0].series)
    told = {str(unit) for f in findings.findings(dataset, year=YEAR, block=BLOCK)
            if f.kind in ("rise", "fall") for unit in f.unit_ids}
    assert 3 <= len(chart) <= movers.LIMIT
    assert chart == bullets and set(in_deck) == set(chart)
    assert list(slide.bullets[: len(chart)]) == [*pair.rises, *pair.falls]  # word for word
    assert {NAMES[int(u[1:])] for u in told} == set(chart)


def test_leaders_slide_and_deck_list_the_overview_ends(dataset, story, deck) -> None:
    slide = slide_of(story, storyline.LEADERS)
    page = overview.build(dataset, year=YEAR, block=BLOCK, lang=story.lang)
    groups = storyline.leader_groups(slide)
    assert names_in(groups["top"]) == names_in(page.top)
    assert names_in(groups["bottom"]) == names_in(page.bottom)
    deck_text = [shape.text_frame.text for shape in page_of(deck, story, "leaders").shapes
                 if shape.has_text_frame]
    assert names_in(deck_text) == names_in(groups["top"] + groups["bottom"])


def test_spotlight_radar_draws_the_profile_pages_values(dataset, story) -> None:
    slide = slide_of(story, storyline.SPOTLIGHT)
    page = profile.build(dataset, year=YEAR, block=BLOCK, unit_id="u20", lang=story.lang)
    drawn = {trace.name: list(trace.r) for trace in page.criteria.radar.data}
    on_slide = {trace.name: list(trace.r)
                for trace in slide_charts.figures(slide, story, dataset)[0].data}
    unit = next(values for name, values in drawn.items() if NAMES[20] in name)
    mine = next(values for name, values in on_slide.items() if NAMES[20] in name)
    assert mine == pytest.approx(unit)  # the unit's % of each criterion's maximum
    common = set(drawn) & set(on_slide)  # the block average, named alike
    assert common and all(on_slide[name] == pytest.approx(drawn[name]) for name in common)
