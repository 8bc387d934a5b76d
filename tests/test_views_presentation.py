"""views.presentation: the deck of a year, the slide shown and what it offers to download."""

from __future__ import annotations

import dataclasses

import pytest

from parviz import storyline
from parviz.loading import load_dataset
from parviz.views import presentation
from tests.helpers import MINIMAL


@pytest.fixture(scope="module")
def minimal():
    return load_dataset(MINIMAL)


def test_the_deck_of_a_scored_year(minimal) -> None:
    deck = presentation.build(minimal, year=2021, lang="vi")
    assert deck.blocks == ("district",) and deck.count == 6
    assert deck.slide(1).kind == storyline.TITLE
    assert deck.slide(99) is deck.story.slides[-1] and deck.slide(0) is deck.story.slides[0]
    assert deck.file_stem == "chi-so-cchc-2021"
    with pytest.raises(dataclasses.FrozenInstanceError):
        deck.blocks = ()  # type: ignore[misc]


def test_a_year_without_scores_has_no_deck(minimal) -> None:
    assert presentation.build(minimal, year=2019, lang="vi") is None


@pytest.mark.parametrize(("lang", "header"), [("vi", "Hạng"), ("en", "Rank")])
def test_only_a_ranking_slide_offers_its_table(minimal, lang: str, header: str) -> None:
    deck = presentation.build(minimal, year=2021, lang=lang)
    ranking = next(s for s in deck.story.slides if s.kind == storyline.RANKING)
    shown = presentation.slide_table(ranking, lang)
    assert len(shown.table) == 3 and header in shown.table.columns
    assert shown.sheet == ranking.title and shown.file_stem
    assert presentation.slide_table(deck.slide(1), lang) is None


def test_export_keys_follow_the_slides_and_the_language(minimal) -> None:
    plain = presentation.build(minimal, year=2021, lang="vi")
    english = presentation.build(minimal, year=2021, lang="en")
    spotlit = presentation.build(minimal, year=2021, lang="vi", spotlights=["a"])
    key = presentation.export_key("pptx", plain.story, minimal)
    assert key == presentation.export_key("pptx", plain.story, minimal)
    assert key != presentation.export_key("pptx", english.story, minimal)
    assert key != presentation.export_key("pptx", spotlit.story, minimal)
    assert presentation.annex_key("pdf", plain, minimal) == presentation.annex_key(
        "pdf", spotlit, minimal)  # the annex does not show the spotlights


@pytest.mark.parametrize(("kind", "key"), [(storyline.CHANGES, "presentation.changes.none"),
                                           (storyline.FINDINGS, "presentation.findings.none")])
def test_a_slide_without_text_says_why_on_the_page_and_in_the_deck(kind: str, key: str) -> None:
    from parviz.i18n import t

    assert storyline.shown_lines(storyline.Slide(kind, "x"), "en") == (t(key, "en"),)
    assert storyline.shown_lines(storyline.Slide(kind, "x", bullets=("a",)), "en") == ("a",)
