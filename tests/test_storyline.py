"""The storyline as data: slide order, titles, findings in notes, footer with the label."""

from __future__ import annotations

import pytest

from parviz import storyline
from parviz.loading import load_dataset
from tests.helpers import MINIMAL, SAMPLE


@pytest.fixture(scope="module")
def minimal():
    return load_dataset(MINIMAL)


@pytest.fixture(scope="module")
def sample():
    return load_dataset(SAMPLE)


def test_minimal_2021_has_title_findings_and_every_block_slide(minimal):
    story = storyline.build(minimal, year=2021, lang="vi")
    kinds = [s.kind for s in story.slides]
    assert kinds == ["title", "findings", "ranking", "changes", "heatmap", "leaders"]
    assert story.slides[0].title == "Kết quả Chỉ số cải cách hành chính năm 2021"
    ranking = story.slides[2]
    assert list(ranking.data["unit_id"]) == ["a", "b", "c"]
    assert list(ranking.data["score"]) == [84.0, 84.0, 75.5]
    assert ranking.notes and all(isinstance(n, str) and n for n in ranking.notes)


def test_first_year_has_no_changes_slide(minimal):
    kinds = [s.kind for s in storyline.build(minimal, year=2020, lang="en").slides]
    assert "changes" not in kinds


def test_footer_carries_the_illustrative_label_and_source(minimal):
    story = storyline.build(minimal, year=2021, lang="vi")
    assert story.footer.startswith("DỮ LIỆU MINH HỌA")
    assert "Nguồn:" in story.footer


def test_leaders_slide_lists_top_and_bottom_with_decimal_comma(minimal):
    slide = next(s for s in storyline.build(minimal, year=2021, lang="vi").slides
                 if s.kind == "leaders")
    assert slide.bullets[0] == "1. UBND thành phố An Bình – 84,00 điểm (đồng điểm)"
    assert list(slide.data["group"]) == ["top", "top", "top"]  # three units: no "lowest" twice
    assert "75,50" in slide.bullets[-1]


def test_published_2021_facts_in_the_findings_slide(sample):
    story = storyline.build(sample, year=2021, lang="vi", spotlights=["kinh-mon"])
    findings = story.slides[1]
    text = " ".join(findings.bullets)
    assert "Sở Giao thông vận tải dẫn đầu" in text and "91,53" in text
    assert "85,86" in text
    assert story.slides[-1].kind == "spotlight"
    assert "Kinh Môn" in story.slides[-1].title
    assert len(story.slides) == 11


def test_rank_history_draws_the_notable_movers_over_at_most_five_years(sample):
    story = storyline.build(sample, year=2021, lang="vi", blocks=["district"])
    changes = next(s for s in story.slides if s.kind == "changes")
    assert set(changes.extra["unit_id"]) == set(changes.data["unit_id"])
    assert changes.extra["year"].nunique() <= storyline.HISTORY_YEARS
    assert sorted(changes.extra["year"].unique())[-1] == 2021


@pytest.mark.parametrize(("index", "count", "expected"), [(0, 5, 1), (3, 5, 3), (9, 5, 5)])
def test_clamp(index, count, expected):
    assert storyline.clamp(index, count) == expected
