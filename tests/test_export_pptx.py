"""The PowerPoint deck read back: slide count and titles, native chart series, notes, footer."""

from __future__ import annotations

import io
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Inches

from parviz import storyline
from parviz.export import pptx
from parviz.loading import load_dataset
from tests.helpers import ROOT, SAMPLE, office_pdf

SHOTS = ROOT / ".pytest_cache" / "deck"


@pytest.fixture(scope="module")
def sample():
    return load_dataset(SAMPLE)


@pytest.fixture(scope="module")
def story(sample):
    return storyline.build(sample, year=2021, lang="vi", spotlights=["kinh-mon"])


@pytest.fixture(scope="module")
def deck_bytes(sample, story):
    return pptx.build_deck(story, sample)


@pytest.fixture(scope="module")
def deck(deck_bytes):
    return Presentation(io.BytesIO(deck_bytes))


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def test_deck_is_16_9_with_one_slide_per_storyline_slide(deck, story):
    assert deck.slide_width == Inches(13.333) and deck.slide_height == Inches(7.5)
    assert len(deck.slides) == len(story.slides) == 11
    for page, slide in zip(deck.slides, story.slides):
        assert slide.title in texts(page)


def test_ranking_chart_is_native_and_its_series_equal_the_ranking(deck, story):
    index = next(i for i, s in enumerate(story.slides) if s.kind == "ranking")
    (chart,) = charts(deck.slides[index])
    ranking = story.slides[index].data
    assert list(chart.plots[0].series[0].values) == [round(s, 2) for s in ranking["score"]]
    categories = list(chart.plots[0].categories)
    assert categories[0] == "1. Giao thông vận tải"
    assert chart.category_axis.reverse_order  # 1st at the top


def test_line_and_radar_charts_are_native(deck, story):
    kinds = {s.kind: i for i, s in enumerate(story.slides)}
    (line,) = charts(deck.slides[kinds["changes"]])
    assert line.chart_type.name.startswith("LINE")
    assert line.value_axis.reverse_order
    (radar,) = charts(deck.slides[kinds["spotlight"]])
    assert radar.chart_type.name.startswith("RADAR")
    assert [s.name for s in radar.plots[0].series] == ["UBND thị xã Kinh Môn", "Trung bình khối"]


def test_heatmap_is_a_native_table_with_readable_type(deck, story):
    index = next(i for i, s in enumerate(story.slides) if s.kind == "heatmap")
    (table,) = [s.table for s in deck.slides[index].shapes if s.has_table]
    shares = story.slides[index].data
    assert len(table.rows) == shares["unit_id"].nunique() + 1  # a header, then every unit
    assert [c.text for c in table.rows[0].cells][1:] == [f"C{i}" for i in range(1, 8)]
    assert table.cell(1, 0).text == "1. Giao thông vận tải"
    sizes = {run.font.size.pt for row in table.rows for cell in row.cells
             for run in cell.text_frame.paragraphs[0].runs}
    assert min(sizes) >= 12
    assert not [s for s in deck.slides[index].shapes if s.shape_type == 13]  # no picture


def test_notes_hold_the_findings(deck, story):
    findings = deck.slides[1].notes_slide.notes_text_frame.text
    assert findings.startswith("Nhận định:")
    assert "Sở Giao thông vận tải dẫn đầu khối Sở, ban, ngành với 91,53 điểm." in findings
    assert all(line in findings for line in story.slides[1].notes)


def test_every_slide_carries_source_and_illustrative_label(deck):
    for page in deck.slides:
        joined = "\n".join(texts(page))
        assert "DỮ LIỆU MINH HỌA" in joined
        assert "Nguồn:" in joined


def test_progress_is_reported_per_slide(sample):
    story = storyline.build(sample, year=2021, lang="en", blocks=["district"])
    calls = []
    pptx.build_deck(story, sample, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(story.slides), len(story.slides))
    assert len(calls) == len(story.slides)


def test_libreoffice_renders_the_deck(deck_bytes, tmp_path):
    """Open the deck in LibreOffice (as the province's staff would) and render every page."""
    pdf = office_pdf(deck_bytes, tmp_path, "deck.pptx")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, timeout=60).stdout.decode("utf-8")
    assert text.count("\f") >= 10  # one form feed per page
    assert "Xếp hạng Sở, ban, ngành năm 2021" in text  # Vietnamese survives LibreOffice
    assert "91,53" in text
    # Pages to look at: .pytest_cache/deck/page-NN.png
    out = SHOTS / "page"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out)], check=True,
                   timeout=120)
    assert len(list(out.parent.glob("page-*.png"))) == 11


def test_a_large_block_ranking_slide_shows_the_top_and_bottom_15_with_a_note(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_large", ROOT / "scripts" / "make_large.py")
    make_large = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_large)
    make_large.write(tmp_path / "large", units=150, years=2)  # one block has > 30 units
    dataset = load_dataset(tmp_path / "large")
    year = max(dataset.years)
    large = storyline.build(dataset, year=year, lang="en", spotlights=[])
    deck = Presentation(io.BytesIO(pptx.build_deck(large, dataset)))
    ranking_slides = [s for s in large.slides if s.kind == storyline.RANKING]
    first = max(ranking_slides, key=lambda slide: len(slide.data))  # the most units
    page = deck.slides[large.slides.index(first)]
    columns = [c for c in charts(page) if c.chart_type is not None]
    assert len(first.data) > 30
    # Two columns of 15: every kept unit named, none dropped by a crowded axis.
    assert [len(list(c.plots[0].categories)) for c in columns] == [15, 15]
    assert any("Showing 30 of" in text for text in texts(page))
