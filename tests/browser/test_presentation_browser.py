"""Presentation mode in a real browser: walk the 2021 storyline with the keyboard alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import harness

SHOTS = harness.ROOT / ".pytest_cache" / "screenshots" / "presentation"
COUNTER = '[data-testid="pv-counter"]'
TITLE = "h1.pv-title"


def open_slide(chromium, url: str, size: str = "1920"):
    width, height = harness.SIZES[size]
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector(TITLE, timeout=30_000)
    page.wait_for_selector(harness.SCRIPT_DONE, timeout=30_000)
    return page


def slide_number(page) -> int:
    return int(re.search(r"slide=(\d+)", page.url).group(1))


def press(page, key: str, expected: int) -> None:
    page.locator("body").press(key)
    page.wait_for_url(re.compile(rf"slide={expected}(&|$)"), timeout=30_000)
    page.wait_for_selector(harness.SCRIPT_DONE, timeout=30_000)


def shot(page, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    if page.locator('[data-testid="stPlotlyChart"]').count():
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    return path


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "first"), [("vi", "Kết quả Chỉ số cải cách hành chính năm 2021"),
                                             ("en", "PAR Index) results 2021")])
def test_walk_the_deck_with_the_keyboard(app_url, chromium, lang, first):
    page = open_slide(chromium, harness.page_url(app_url, "presentation", year=2021, lang=lang,
                                                slide=1))
    assert first in page.locator(TITLE).inner_text()
    count = int(re.search(r"/(\d+)", page.locator(COUNTER).inner_text()).group(1))
    assert count >= 10
    titles = [page.locator(TITLE).inner_text()]
    shot(page, f"{lang}-1920-01")
    for expected in range(2, count + 1):
        press(page, "ArrowRight", expected)
        titles.append(page.locator(TITLE).inner_text())
        shot(page, f"{lang}-1920-{expected:02d}")
    assert len(set(titles)) == count  # every slide is a different screen
    press(page, "ArrowLeft", count - 1)
    press(page, "Home", 1)
    press(page, "End", count)
    # The illustrative label stays on every slide of the sample data.
    label = "DỮ LIỆU MINH HỌA" if lang == "vi" else "ILLUSTRATIVE DATA"
    assert page.get_by_text(label).count() >= 1


@pytest.mark.browser
def test_a_link_opens_its_slide_chrome_free_with_readable_type(app_url, chromium):
    url = harness.page_url(app_url, "presentation", year=2021, lang="vi", slide=4, embed="true")
    page = open_slide(chromium, url)
    assert slide_number(page) == 4
    assert "thay đổi thứ hạng 2020 → 2021" in page.locator(TITLE).inner_text()
    # embed=true: Streamlit's embedded (chrome-free) mode is on.
    assert page.locator('[data-testid="stApp"].streamlit-embedded').count() == 1
    # The illustrative label is not hidden under the (transparent) header bar.
    label = page.get_by_text("DỮ LIỆU MINH HỌA – không phải số liệu chính thức").first
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    assert label.bounding_box()["y"] >= header["y"] + header["height"]
    # Body text at least 24 px at 1920×1080; the title much larger.
    body = page.locator(".pv-side li").first.evaluate("e => getComputedStyle(e).fontSize")
    title = page.locator(TITLE).evaluate("e => getComputedStyle(e).fontSize")
    assert float(body.removesuffix("px")) >= 24
    assert float(title.removesuffix("px")) >= 40
    assert page.get_by_text("DỮ LIỆU MINH HỌA").count() >= 1
    shot(page, "vi-1920-embed-04")
    small = open_slide(chromium, url, size="1366")
    shot(small, "vi-1366-embed-04")


@pytest.mark.browser
def test_a_presenter_clicker_pages_through_the_deck(app_url, chromium):
    # Clickers send PageDown / PageUp; their twin buttons are mounted but never seen.
    page = open_slide(chromium, harness.page_url(app_url, "presentation", year=2021, slide=3))
    press(page, "PageDown", 4)
    press(page, "PageDown", 5)
    press(page, "PageUp", 4)
    hidden = page.locator('[class*="st-key-pv_hidden_"]')
    assert hidden.count() == 2
    for index in range(2):
        box = hidden.nth(index).bounding_box()
        assert box is None or box["x"] + box["width"] <= 0  # off screen, not on the slide
