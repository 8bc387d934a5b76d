"""A followed slide's chart images are kept per year, language, spotlights and slide (#14):
the next viewer gets them without building a figure; other choices never share them."""

from __future__ import annotations

import pytest

from parviz import storyline
from parviz.charts import slides
from parviz.loading import load_dataset
from parviz.ui import presentation
from tests.helpers import SAMPLE


@pytest.fixture
def counted(monkeypatch):
    """Count figure builds; draw each figure as a tiny SVG naming its first trace's first y."""
    built = []

    def figures(slide, story, dataset):
        built.append((story.lang, slide.title))
        return real(slide, story, dataset)

    def svg(fig, *, width, height):
        first = fig.data[0]
        return f"<svg><text>{width}x{height} {list(first.y)[:1]}</text></svg>"

    real = slides.figures
    monkeypatch.setattr(slides, "figures", figures)
    monkeypatch.setattr(presentation.images, "svg", svg)
    presentation._SVGS.clear()
    return built


def chart_slide(dataset, lang: str, spotlights: list[str]) -> tuple[int, storyline.Slide, object]:
    deck = presentation.deck(dataset, year=2021, lang=lang, spotlights=spotlights).story
    index = next(i for i, s in enumerate(deck.slides, 1) if s.kind == storyline.RANKING)
    return index, deck.slides[index - 1], deck


def test_the_second_viewer_gets_the_images_without_a_figure(counted):
    dataset = load_dataset(SAMPLE)
    index, slide, deck = chart_slide(dataset, "vi", [])
    key = (2021, "vi", (), index)
    first, _ = presentation._body(slide, deck, dataset, key)
    assert len(counted) == 1 and "pv-chart" in first
    again, _ = presentation._body(slide, deck, dataset, key)
    assert again == first and len(counted) == 1  # kept: no figure built
    assert presentation._body(slide, deck, dataset)[0] == first  # the same as unkept


def test_another_language_or_slide_is_never_served_the_kept_images(counted):
    dataset = load_dataset(SAMPLE)
    index, slide, deck = chart_slide(dataset, "vi", [])
    vi, _ = presentation._body(slide, deck, dataset, (2021, "vi", (), index))
    index_en, slide_en, deck_en = chart_slide(dataset, "en", [])
    en, _ = presentation._body(slide_en, deck_en, dataset, (2021, "en", (), index_en))
    assert len(counted) == 2 and en != vi
    later = index + 1  # the next slide: its own images (or text), never this one's
    other, _ = presentation._body(
        storyline.find(deck, later), deck, dataset, (2021, "vi", (), later)
    )
    assert other != vi
