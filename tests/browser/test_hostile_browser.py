"""A hostile dataset opened in Chromium, every page and every slide (#19 done-when).

tests/data/hostile.py puts Markdown, HTML, Plotly tags, formulas and invisible characters in
every text field, each aimed at BEACON_HOST. On every page (both languages) and every slide:
no request leaves the server, no dialog opens, no link or image points at the data's targets,
no traceback shows, and the names still show as text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from parviz.ui import navigation
from tests.browser.harness import each_tab, page_url, running_app, wait_for_app
from tests.data.hostile import BEACON_HOST, HOSTILE_ID, make

pytestmark = pytest.mark.browser

# Every element that can point somewhere: links (HTML and SVG), images, frames, styles.
TARGETS_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('a, img, iframe, image, use, source, link')) {
    for (const name of ['href', 'src', 'xlink:href', 'srcset']) {
      const value = el.getAttribute(name);
      if (value) found.push([el.tagName.toLowerCase(), value]);
    }
  }
  for (const el of document.querySelectorAll('[style]')) {
    const style = el.getAttribute('style');
    if (style.includes('url(')) found.push([el.tagName.toLowerCase(), style]);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """Serve the hostile dataset from its own server, shared by this module's tests."""
    folder = make(tmp_path_factory.mktemp("hostile") / "dataset")
    with running_app(env={"PARVIZ_DATA": str(folder)}) as base:
        yield base


@pytest.fixture
def watched(chromium, hostile_url):
    """Return (page, record): a fresh tab whose outside requests and dialogs are recorded.

    Requests to any other host are aborted as well as recorded: nothing reaches the beacon.
    """
    own = urlsplit(hostile_url).netloc
    record = {"outside": [], "dialogs": []}
    context = chromium.new_context(viewport={"width": 1366, "height": 768})

    def route(route):
        url = urlsplit(route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != own:
            record["outside"].append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (record["dialogs"].append(dialog.message), dialog.dismiss()))
    yield page, record
    context.close()


def _check(page, record, where: str, *, every_tab: bool = False) -> None:
    """Assert the page is inert as it opens; ``every_tab``: in each of its tabs too (lazy
    tabs draw their content when opened, #16)."""
    for tab in each_tab(page) if every_tab else [""]:
        _check_drawn(page, record, f"{where} {tab}".strip())


def _check_drawn(page, record, where: str) -> None:
    """Assert the page as drawn now is inert: the four conditions of the issue."""
    wait_for_app(page)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(400)  # images and charts ask for their resources after the paint
    _hover_charts(page)
    assert record["outside"] == [], (where, record["outside"])
    assert record["dialogs"] == [], (where, record["dialogs"])
    pointing = [
        (tag, value)
        for tag, value in page.evaluate(TARGETS_JS)
        if BEACON_HOST in (urlsplit(value).hostname or "")
        or value.strip().lower().startswith(("javascript:", "data:text/html"))
        or (tag == "img" and BEACON_HOST in value)
        or "url(" in value
        and BEACON_HOST in value
    ]
    assert pointing == [], (where, pointing)
    assert page.locator('[data-testid="stException"]').count() == 0, where
    assert "Traceback" not in page.inner_text("body"), where


def _hover_charts(page) -> None:
    """Hover the middle of each chart: hover labels are drawn (and could link) only then."""
    for chart in page.locator(".js-plotly-plot").all()[:4]:
        box = chart.bounding_box()
        if box and box["width"] > 0:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(150)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("slug", [entry.slug for entry in navigation.PAGES])
def test_every_page_of_a_hostile_dataset_is_inert(watched, hostile_url, slug, lang):
    page, record = watched
    page.goto(page_url(hostile_url, slug, year=2021, block="district", lang=lang))
    # Every tab once (in Vietnamese); the same names fill the English tabs (CI time).
    _check(page, record, f"{slug} {lang}", every_tab=lang == "vi")
    if slug == "overview":  # the names are there, shown as text
        assert "short-b" in page.inner_text("body")


@pytest.mark.parametrize("unit", ["a", "b", HOSTILE_ID])
def test_every_profile_of_a_hostile_dataset_is_inert(watched, hostile_url, unit):
    page, record = watched
    page.goto(page_url(hostile_url, "profile", year=2021, block="district", unit=unit))
    _check(page, record, f"profile {unit}", every_tab=unit == HOSTILE_ID)


def test_every_slide_of_a_hostile_dataset_is_inert(watched, hostile_url):
    page, record = watched
    page.goto(page_url(hostile_url, "presentation", year=2021, slide=1))
    wait_for_app(page)
    counter = page.locator("[data-testid='pv-counter']").first.inner_text()
    count = int(re.search(r"(\d+)\s*/\s*(\d+)", counter).group(2))
    assert count >= 5
    for index in range(1, count + 1):
        page.goto(page_url(hostile_url, "presentation", year=2021, slide=index))
        _check(page, record, f"slide {index}")
