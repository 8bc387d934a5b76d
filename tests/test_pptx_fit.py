"""The deck as LibreOffice draws it: no text outside its box, one title size, every unit named.

The sample and a block of 30 units, in vi and en, are rendered to PDF by LibreOffice (one run
for the four decks); ``pdftotext -bbox`` gives each word's place on the page, which must lie
inside a shape that holds that word (a chart or table may hold any of its labels).
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest
from pptx import Presentation
from pptx.util import Emu

from parviz import storyline
from parviz.export import pptx
from parviz.loading import load_dataset
from tests.helpers import SAMPLE
from tests.thirty import YEAR, write_thirty

TOLERANCE = 3.0  # pt
DECKS = (("sample", "vi"), ("sample", "en"), ("thirty", "vi"), ("thirty", "en"))


@dataclass(frozen=True)
class Box:
    """A shape's rectangle in points, its words, and whether any word may sit in it."""

    left: float
    top: float
    right: float
    bottom: float
    words: frozenset[str]
    any_word: bool

    def holds(self, word: str, x0: float, y0: float, x1: float, y1: float) -> bool:
        inside = (x0 >= self.left - TOLERANCE and x1 <= self.right + TOLERANCE
                  and y0 >= self.top - TOLERANCE and y1 <= self.bottom + TOLERANCE)
        return inside and (self.any_word or word in self.words)


def pt(value: int) -> float:
    return Emu(value).pt


def boxes(page) -> list[Box]:
    found = []
    for shape in page.shapes:
        words: set[str] = set()
        if shape.has_text_frame:
            words = set(shape.text_frame.text.split())
        found.append(Box(pt(shape.left), pt(shape.top), pt(shape.left + shape.width),
                         pt(shape.top + shape.height), frozenset(words),
                         any_word=shape.has_chart or shape.has_table))
    return found


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"(.*?)</word>")


def pdf_pages(pdf) -> list[list[tuple[str, float, float, float, float]]]:
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, timeout=120).stdout.decode("utf-8")
    pages = []
    for chunk in text.split("<page ")[1:]:
        pages.append([(html.unescape(w), float(a), float(b), float(c), float(d))
                      for a, b, c, d, w in WORD.findall(chunk)])
    return pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Return {(data, lang): (story, deck, pdf pages)} for the four decks, one LibreOffice run."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "LibreOffice is needed: scripts/test.sh installs it"
    folder = tmp_path_factory.mktemp("fit")
    datasets = {"sample": (load_dataset(SAMPLE), 2021),
                "thirty": (load_dataset(write_thirty(folder / "thirty")), YEAR)}
    built, paths = {}, []
    for name, lang in DECKS:
        dataset, year = datasets[name]
        spotlights = ["kinh-mon"] if name == "sample" else []
        story = storyline.build(dataset, year=year, lang=lang, spotlights=spotlights)
        data = pptx.build_deck(story, dataset)
        path = folder / f"{name}-{lang}.pptx"
        path.write_bytes(data)
        paths.append(str(path))
        built[(name, lang)] = (story, Presentation(io.BytesIO(data)))
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to", "pdf",
         "--outdir", str(folder), *paths],
        check=True, capture_output=True, timeout=300,
    )
    return {key: (*built[key], pdf_pages(folder / f"{key[0]}-{key[1]}.pdf")) for key in DECKS}


@pytest.mark.parametrize("key", DECKS, ids=["-".join(k) for k in DECKS])
def test_no_text_leaves_its_box(rendered, key):
    story, deck, pages = rendered[key]
    assert len(pages) == len(deck.slides) == len(story.slides)
    for number, (page, words) in enumerate(zip(deck.slides, pages), start=1):
        shapes = boxes(page)
        for word, x0, y0, x1, y1 in words:
            assert x0 >= 0 and x1 <= 960 and y0 >= 0 and y1 <= 540, (number, word)
            assert any(box.holds(word, x0, y0, x1, y1) for box in shapes), (
                f"slide {number}: {word!r} at ({x0:.0f}, {y0:.0f})–({x1:.0f}, {y1:.0f}) "
                "is outside every shape holding it"
            )


@pytest.mark.parametrize("key", DECKS, ids=["-".join(k) for k in DECKS])
def test_one_title_size_and_every_title_on_one_line(rendered, key):
    story, deck, pages = rendered[key]
    sizes = set()
    for slide, page, words in zip(story.slides[1:], list(deck.slides)[1:], pages[1:]):
        title = next(
            s for s in page.shapes if s.has_text_frame and s.text_frame.text == slide.title
        )
        sizes |= {run.font.size.pt for p in title.text_frame.paragraphs for run in p.runs}
        box = boxes(page)[list(page.shapes).index(title)]
        lines = {round(y0) for w, x0, y0, x1, y1 in words
                 if w in box.words and box.holds(w, x0, y0, x1, y1)}
        assert len(lines) == 1, (slide.title, lines)
    assert sizes == {pptx.TITLE_SIZE}


@pytest.mark.parametrize("key", DECKS, ids=["-".join(k) for k in DECKS])
def test_ranking_names_every_unit_and_changes_text_matches_its_chart(rendered, key):
    story, deck, pages = rendered[key]
    for slide, page, words in zip(story.slides, deck.slides, pages):
        charts = [s.chart for s in page.shapes if s.has_chart]
        if slide.kind == storyline.RANKING:
            named = [c for chart in charts for c in chart.plots[0].categories]
            assert len(named) == min(len(slide.data), 30)
            assert all(len(list(chart.plots[0].categories)) <= 20 for chart in charts)
            # LibreOffice drew each name whole, on one line (it skips labels once one wraps).
            drawn = " ".join(word for word, *_ in words)
            assert [name for name in named if name not in drawn] == [], slide.title
        if slide.kind == storyline.CHANGES and len(slide.data):
            (chart,) = charts
            series = [s.name for s in chart.plots[0].series]
            names = list(slide.data["short_name"])
            assert sorted(series) == sorted(names)
            text = next(s.text_frame.text for s in page.shapes
                        if s.has_text_frame and s.text_frame.text.startswith("• "))
            lines = [line.removeprefix("• ") for line in text.split("\n")]
            assert [line.split(":")[0] for line in lines[: len(names)]] == names
