"""Save PNG screenshots of every registered page, in Vietnamese and English, at three sizes.

Starts the app on the bundled sample (or PARVIZ_DATA) with the same harness as the browser
tests, opens each page of parviz/ui/navigation.py at 1366×768, 1920×1080 and a 390×844 phone
(always the full page: people scroll on phones) and writes
docs/screenshots/<page>-<lang>-<width>.png.

Usage: .venv/bin/python scripts/screenshots.py [--year 2021] [--block department]
       [--pages overview rankings] [--langs vi en] [--sizes 1366 1920] [--full-page] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the harness lives with the browser tests

from playwright.sync_api import sync_playwright  # noqa: E402

from parviz.ui.navigation import PAGES  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    PHONE,
    SIZES,
    each_tab,
    launch_chromium,
    new_context,
    page_url,
    running_app,
    screenshot,
)

CHART = '[data-testid="stPlotlyChart"]'
ALL_SIZES = {**SIZES, str(PHONE[0]): PHONE}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2021, help="year to show (default 2021)")
    parser.add_argument("--block", default="department", help="block to show")
    parser.add_argument("--pages", nargs="+", default=[page.slug for page in PAGES])
    parser.add_argument("--langs", nargs="+", default=["vi", "en"])
    parser.add_argument("--sizes", nargs="+", default=list(ALL_SIZES),
                        choices=list(ALL_SIZES))  # fmt: skip
    parser.add_argument("--full-page", action="store_true", help="capture below the fold too")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    return parser.parse_args(argv)


def wait_for_charts(page) -> None:
    """Wait until every Plotly chart on the page has drawn its SVG (hidden variants too)."""
    for index in range(page.locator(CHART).count()):
        svg = page.locator(CHART).nth(index).locator(".main-svg").first
        svg.wait_for(state="attached", timeout=60_000)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    saved = []
    with running_app() as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for size in args.sizes:
            width, height = ALL_SIZES[size]
            full_page = args.full_page or (width, height) == PHONE
            # One tab per size: the language and filters come from each URL.
            context = new_context(browser, (width, height))
            tab = context.new_page()
            for slug in args.pages:
                for lang in args.langs:
                    tab.goto(page_url(base, slug, year=args.year, block=args.block, lang=lang))
                    # Each tab of a page (lazy tabs, #16): the first as <page>-<lang>-<size>,
                    # the others with their number after it.
                    for number, _label in enumerate(each_tab(tab), start=1):
                        wait_for_charts(tab)
                        name = f"{slug}-{lang}-{size}" + (f"-tab{number}" if number > 1 else "")
                        path = args.out / f"{name}.png"
                        saved.append(screenshot(tab, path, full_page=full_page))
                        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            context.close()
        browser.close()
    print(f"{len(saved)} screenshots")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
