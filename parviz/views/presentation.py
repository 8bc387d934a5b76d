"""The presentation page's view model: the deck of a year, the slide shown and its downloads.

Made of ``parviz.storyline``, whose slides take their units from the same functions as the
pages (``movers``, ``overview.ends``, ``charts.ranking.shown_ids``, ``charts.criteria.
shown_units``), so a slide, its text and the page about the same thing never disagree. The
PowerPoint deck (``parviz/export/pptx.py``) draws the very same ``Storyline``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from parviz import comparison, storyline, theme
from parviz.dataset import Dataset
from parviz.storyline import Slide, Storyline


@dataclass(frozen=True)
class Deck:
    """The storyline of one year and the blocks it covers (its annex covers the same)."""

    story: Storyline
    blocks: tuple[str, ...]

    @property
    def count(self) -> int:
        """Return the number of slides."""
        return len(self.story.slides)

    def slide(self, index: int) -> Slide:
        """Return slide ``index`` (1-based, clamped to the deck)."""
        return storyline.find(self.story, index)

    @property
    def file_stem(self) -> str:
        """Return the downloads' file name stem: "chi-so-cchc-2021"."""
        return theme.file_stem("chi-so-cchc", self.story.year)


def build(
    dataset: Dataset, *, year: int, lang: str, spotlights: Sequence[str] = ()
) -> Deck | None:
    """Return the deck of ``year`` with ``spotlights`` (None: no block was scored that year)."""
    blocks = storyline.blocks_of(dataset, year)
    if not blocks:
        return None
    story = storyline.build(dataset, year=year, lang=lang, spotlights=list(spotlights))
    return Deck(story, tuple(blocks))


@dataclass(frozen=True)
class SlideTable:
    """A ranking slide's table as downloaded (CSV, XLSX): headers in the slide's language."""

    table: pd.DataFrame
    sheet: str  # the XLSX sheet title: the slide's title
    file_stem: str


def slide_table(slide: Slide, lang: str) -> SlideTable | None:
    """Return the table a ranking slide offers for download (None for other slides)."""
    if slide.kind != storyline.RANKING or slide.data is None:
        return None
    return SlideTable(comparison.ranking_table(slide.data, lang), slide.title,
                      theme.file_stem(slide.title))  # fmt: skip


def export_key(kind: str, story: Storyline, dataset: Dataset) -> tuple:
    """Return what an export of ``story`` depends on: data version, year, language, slides."""
    slides = tuple((s.kind, s.block, s.unit_id) for s in story.slides)
    return (kind, dataset.fingerprint, story.year, story.lang, slides)


def annex_key(kind: str, deck: Deck, dataset: Dataset) -> tuple:
    """Return what the annex of ``deck`` depends on: data version, year, blocks, language."""
    return (kind, dataset.fingerprint, deck.story.year, deck.blocks, deck.story.lang)
