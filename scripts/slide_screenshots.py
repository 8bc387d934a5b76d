"""Save a PNG of every presentation slide in projector mode at each projector size and language.

Starts the app (bundled sample, or PARVIZ_DATA) with the browser tests' harness, opens the
presentation with ?embed=true at 1920×1080, 1366×768, 1280×720 and 1024×768, walks the deck
with the → key and writes docs/screenshots/slides/<lang>-<width>-<NN>.png. Each slide is
measured too (scrolling, Streamlit chrome, bars without a name): problems are printed and make
the exit status 1.

Usage: .venv/bin/python scripts/slide_screenshots.py [--year 2021] [--langs vi en]
       [--sizes 1920 1366 1280 1024] [--data DIR | --thirty] [--out DIR]
--thirty: a generated dataset with a block of 30 long-named units (tests/thirty.py), its last
year; its PNGs are named thirty-<lang>-<width>-<NN>.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the harness lives with the browser tests

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import projector  # noqa: E402
from tests.browser.harness import launch_chromium, page_url, running_app  # noqa: E402
from tests.thirty import YEAR, write_thirty  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--langs", nargs="+", default=["vi", "en"])
    parser.add_argument("--sizes", nargs="+", default=list(projector.SIZES),
                        choices=list(projector.SIZES))
    parser.add_argument("--data", type=Path, help="dataset folder (default: the sample)")
    parser.add_argument("--thirty", action="store_true", help="a block of 30 units instead")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "slides")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    prefix = ""
    with tempfile.TemporaryDirectory(prefix="parviz-thirty-") as scratch:
        if args.thirty:
            args.data, args.year, prefix = write_thirty(Path(scratch) / "data"), YEAR, "thirty-"
        return walk(args, prefix)


def walk(args: argparse.Namespace, prefix: str) -> int:
    """Save and check every slide at every size and language; return the exit status."""
    env = {"PARVIZ_DATA": str(args.data.resolve())} if args.data else {}
    failures = 0
    saved = 0
    with running_app(env={**os.environ, **env}) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for size in args.sizes:
            for lang in args.langs:
                url = page_url(base, "presentation", year=args.year, lang=lang, slide=1,
                               embed="true")
                tab = projector.open_deck(browser, url, size)
                count = projector.slide_count(tab)
                for index in range(1, count + 1):
                    if index > 1:
                        projector.next_slide(tab, index)
                    path = projector.shot(tab, args.out / f"{prefix}{lang}-{size}-{index:02d}.png")
                    saved += 1
                    found = projector.problems(projector.measure(tab))
                    failures += bool(found)
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path,
                          "; ".join(found) or "ok")
                tab.close()
        browser.close()
    print(f"{saved} screenshots, {failures} with problems")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
