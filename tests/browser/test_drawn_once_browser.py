"""Charts drawn once (#16): after its first plot, Streamlit's copy of a chart redraws nothing.

Streamlit hands Plotly.react a copy of every chart after mounting it; Plotly redrew the whole
chart when the copy differed to its eyes (the template, typed arrays, the selection modes).
Plotly's whole-chart draw reads ``document.fonts`` (to wait for fonts still loading): counted
here with the caller named in the stack, a draw under ``react`` without ``newPlot`` beneath it
is such a redraw (Chromium names a method called as ``Plotly.react`` "[as react]").
"""

from __future__ import annotations

import pytest

from tests.browser import harness

CHARTS = '[data-testid="stPlotlyChart"]'
COUNT_DRAWS = r"""
window.__parvizDraws = {first: 0, again: 0};
const parvizFonts = Object.getOwnPropertyDescriptor(Document.prototype, 'fonts');
Object.defineProperty(document, 'fonts', {configurable: true, get() {
  const stack = new Error().stack || '';
  if (stack.includes('[as react]'))
    window.__parvizDraws[stack.includes('[as newPlot]') ? 'first' : 'again'] += 1;
  return parvizFonts.get.call(document);
}});
"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("size", "slugs"),
    [
        # Bars, lines with end labels, a heatmap and small multiples with clickable points,
        # a polar chart: every kind of parviz chart, on the desktop...
        (harness.SIZES["1366"], ("rank_changes", "criteria", "profile")),
        (harness.PHONE, ("criteria",)),  # ...and the phone variants (heatmap, years)
    ],
)
def test_every_chart_is_drawn_once(chromium, app_url, size, slugs):
    context = harness.new_context(chromium, size)
    context.add_init_script(COUNT_DRAWS)
    page = context.new_page()
    try:
        for slug in slugs:
            page.goto(harness.page_url(app_url, slug, year=2024, block="district"))
            for tab in harness.each_tab(page):  # each tab draws its own charts (#16)
                charts = page.locator(CHARTS)
                charts.first.locator(".main-svg").first.wait_for()
                page.wait_for_timeout(700)  # a redraw follows the first within a few frames
                draws = page.evaluate("window.__parvizDraws")
                page.evaluate("window.__parvizDraws = {first: 0, again: 0}")
                assert draws["first"] >= charts.count(), (slug, tab, draws)  # the count sees them
                assert draws["again"] == 0, (slug, tab, size, draws)
    finally:
        context.close()
