"""Notable movers: one choice of units for the findings, the slide's chart and text, the page."""

from __future__ import annotations

import pandas as pd
import pytest

from parviz import comparison, findings, movers, storyline
from parviz.charts import slides
from parviz.loading import load_dataset
from parviz.ranking import standings
from tests.apptesting import app_test
from tests.helpers import SAMPLE


def table(before: str, after: str) -> pd.DataFrame:
    """Return ranking rows of units named by letters: ranks from their place in the strings."""
    rows = []
    for unit in after:
        rank, previous = after.index(unit) + 1, before.index(unit) + 1
        rows.append({"unit_id": unit, "unit": unit.upper(), "rank": rank,
                     "previous_rank": previous, "rank_change": previous - rank})
    return pd.DataFrame(rows)


def ids(chosen: pd.DataFrame) -> list[str]:
    return list(chosen["unit_id"])


def test_moves_near_the_top_and_the_largest_elsewhere():
    chosen = movers.notable(table("abcdefgh", "cabdhefg"))
    # c rose into first; a and b fell inside the top; h rose most (8 → 5); every fall is of one
    # place, so e, f and g share the largest fall with a and b.
    assert ids(chosen) == ["c", "h", "a", "b", "e", "f", "g"]
    assert list(chosen["direction"]) == ["rise", "rise", "fall", "fall", "fall", "fall", "fall"]
    assert list(chosen["largest"]) == [False, True, True, True, True, True, True]
    # Outside the top three only the largest: d stays, so nothing else is told.
    assert ids(movers.notable(table("abcdefgh", "abcdfegh"))) == ["f", "e"]


def test_no_move_no_movers():
    chosen = movers.notable(table("abcd", "abcd"))
    assert chosen.empty and {"direction", "largest"} <= set(chosen.columns)


def test_the_limit_keeps_the_moves_near_the_top_first():
    before, after = "abcdefghijklmnop", "bacdefghijklmnop"[::-1]
    chosen = movers.notable(table(before, after), limit=4)
    assert len(chosen) == 4
    # Near the top (rank or previous rank ≤ 3) first: p, o, n now lead; a, b, c left the top.
    near = {"p", "o", "n", "a", "b", "c"}
    assert set(ids(chosen)) <= near


def test_between_two_chosen_years_reads_rank_a_and_rank_b():
    compared = table("abcdefgh", "cabdhefg").rename(
        columns={"rank": "rank_b", "previous_rank": "rank_a"}
    )
    assert ids(movers.between(compared)) == ["c", "h", "a", "b", "e", "f", "g"]


@pytest.fixture(scope="module")
def sample():
    return load_dataset(SAMPLE)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_departments_2021_chart_text_and_findings_name_the_same_units(sample, lang):
    # The case: the chart drew other units than the bullets beside it.
    story = storyline.build(sample, year=2021, lang=lang, blocks=["department"])
    slide = next(s for s in story.slides if s.kind == storyline.CHANGES)
    chosen = ids(slide.data)
    assert chosen == ["so-khcn", "so-nnptnt", "so-tttt", "so-tu-phap", "thanh-tra-tinh",
                      "so-vhttdl"]
    found = findings.findings(sample, year=2021, block="department")
    told = [f.unit_ids[0] for f in found if f.kind in ("rise", "fall")]
    assert told == chosen
    (fig,) = slides.figures(slide, story, sample)
    names = list(fig.layout.yaxis.categoryarray)
    assert len(names) == len(chosen)
    # One bullet per drawn unit, in the chart's order (a methodology note may follow).
    assert len(slide.bullets) >= len(names)
    for name, line in zip(names, slide.bullets):
        assert line.startswith(f"{name}:")
    assert not any(line.startswith(f"{name}:") for line in slide.bullets[len(names):]
                   for name in names)
    assert set(slide.extra["unit_id"]) == set(chosen)  # the deck's line chart too


def test_rank_changes_page_lists_the_same_movers():
    sample = load_dataset(SAMPLE)
    compared = comparison.compare_years(standings(sample), sample, block="department",
                                        year_a=2020, year_b=2021)
    expected = [comparison.mover_sentence(row, year_a=2020, year_b=2021, lang="vi")
                for _, row in movers.between(compared).iterrows()]
    at = app_test(lang="vi", year=2021, block="department")
    at.run()
    at.switch_page("pages/rank_changes.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    for sentence in expected:
        assert sentence in text
    assert text.count("- ") >= len(expected)
