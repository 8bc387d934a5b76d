"""Rankings and Rank changes in a real browser: Chí Linh's 1 → 3, and a copied URL's view."""

from __future__ import annotations

import pytest

from tests.browser import harness

CHARTS = '[data-testid="stPlotlyChart"]'
SIDEBAR = '[data-testid="stSidebar"]'


def open_view(chromium, url: str):
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url)
    harness.wait_for_app(page)
    page.wait_for_selector(f"{CHARTS} .main-svg")
    return page


def chart_texts(page, index: int, selector: str) -> list[str]:
    return page.locator(CHARTS).nth(index).locator(selector).all_text_contents()


def top_down(page, index: int, selector: str) -> list[str]:
    """Return the texts of ``selector`` in chart ``index`` as seen, from the top of the screen."""
    items = (
        page.locator(CHARTS)
        .nth(index)
        .locator(selector)
        .evaluate_all("els => els.map(e => [e.textContent, e.getBoundingClientRect().top])")
    )
    return [text for text, _ in sorted(items, key=lambda item: item[1])]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("vi", "Chí Linh: từ hạng 1 (2020) xuống hạng 3 (2021), ▼2"),
        ("en", "Chí Linh: from rank 1 (2020) down to rank 3 (2021), ▼2"),
    ],
)
def test_rank_changes_shows_chi_linh_first_to_third(app_url, chromium, lang, sentence):
    url = harness.page_url(
        app_url, "rank_changes", year=2021, block="district", unit="chi-linh", lang=lang
    )
    page = open_view(chromium, url)
    assert page.get_by_text(sentence).count() >= 1
    tabs = harness.each_tab(page)  # lazy tabs (#16): two years first, then all the years
    next(tabs)
    # The dumbbell defaults to the previous year → the selected year.
    title = chart_texts(page, 0, ".gtitle")[0]
    assert "2020" in title and "2021" in title
    next(tabs)
    # The bump chart names the focus unit in bold at its line end; ranks run 1 at the top.
    assert "Chí Linh" in chart_texts(page, 0, ".annotation-text")
    assert top_down(page, 0, ".ytick text") == [str(rank) for rank in range(1, 13)]
    page.close()


def choose(page, label_index: int, option: str) -> None:
    page.locator(f"{SIDEBAR} [data-testid='stSelectbox']").nth(label_index).click()
    page.get_by_role("option", name=option, exact=True).click()
    harness.wait_for_app(page)


@pytest.mark.browser
def test_a_copied_url_opens_the_same_view(app_url, chromium):
    page = open_view(chromium, harness.page_url(app_url, "rankings", lang="en"))
    choose(page, 0, "2021")  # year
    choose(page, 1, "Districts")  # unit type
    page.wait_for_function(
        "() => document.querySelector('.gtitle')?.textContent.includes('2021: Districts')"
    )
    copied = page.url
    assert "year=2021" in copied and "block=district" in copied and "lang=en" in copied
    bars = top_down(page, 0, ".ytick text")
    values = top_down(page, 0, ".bartext")
    page.close()

    again = open_view(chromium, copied)
    assert chart_texts(again, 0, ".gtitle") == ["PAR Index ranking 2021: Districts"]
    assert top_down(again, 0, ".ytick text") == bars
    assert top_down(again, 0, ".bartext") == values
    assert bars[2] == "3. Chí Linh" and values[2] == "84.90"
    again.close()
