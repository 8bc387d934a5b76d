"""Where a page's browser time goes: the DOM changes of a warm load, grouped in time.

Usage: .venv/bin/python benchmarks/trace.py [--data DIR] [--year Y] [--block B] [PAGE ...]

Each page (slug; default: every page) is opened as the browser pass opens it warm (a kept tab,
Streamlit's code cached) and its DOM changes are printed in bursts (changes less than 25 ms
apart), each with its time since the navigation, its size and the commonest changes
(kind, element, nearest data-testid). A chart drawn twice shows as two bursts of changes on
its texts; a late burst on a canvas's table is the table widget's screen-reader copy. Nothing
is written; the numbers are for finding the cause, benchmarks/run.py measures.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import browser  # noqa: E402
from tests.browser import harness  # noqa: E402

RECORD = """
window.__parvizTrace = [];
const parvizName = (node) => {
  const element = node && node.nodeType === 1 ? node : node && node.parentElement;
  if (!element) return '?';
  const kind = String(element.getAttribute('class') || '').split(' ')[0];
  const owner = element.closest('[data-testid]');
  return `${element.tagName.toLowerCase()}.${kind} <${owner ? owner.dataset.testid : ''}>`;
};
new MutationObserver((records) => {
  const now = Math.round(performance.now());
  for (const record of records) {
    const added = [...record.addedNodes].map((node) => parvizName(node)).join(',');
    const what = record.type === 'attributes' ? `@${record.attributeName}` : `+${added}`;
    window.__parvizTrace.push([now, `${what} on ${parvizName(record.target)}`]);
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
GAP_MS = 25
TOP = 3


def bursts(changes: list[list]) -> list[tuple[int, int, Counter]]:
    """Return the changes grouped in bursts: (first ms, last ms, counts of each change)."""
    grouped: list[tuple[int, int, Counter]] = []
    for moment, what in changes:
        if grouped and moment - grouped[-1][1] < GAP_MS:
            first, _, counts = grouped[-1]
            grouped[-1] = (first, moment, counts)
        else:
            grouped.append((moment, moment, Counter()))
        grouped[-1][2][what] += 1
    return grouped


def main(argv: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    from parviz import loading
    from parviz.ui import navigation

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="page slugs (default: every page)")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--year", type=int)
    parser.add_argument("--block")
    args = parser.parse_args(argv)
    dataset = loading.load_dataset(args.data)
    year = args.year or dataset.years[-1]
    block = args.block or dataset.table("units")["block"].value_counts().idxmax()
    slugs = args.pages or [entry.slug for entry in navigation.PAGES]
    env = {"PARVIZ_DATA": str(args.data)}
    with browser.streamlit_server(ROOT / "app.py", env) as app, sync_playwright() as playwright:
        chromium = harness.launch_chromium(playwright)
        try:
            tab = browser.Tab(chromium.new_context(viewport=browser.VIEWPORT).new_page())
            tab.page.add_init_script(RECORD)
            for slug in slugs:
                url = harness.page_url(app, slug, year=year, block=block)
                tab.load(url)  # the first load fills the browser's cache: not traced
                load = tab.load(url)
                print(f"== {slug}: {load['ms']:.0f} ms (boot {load['boot_ms']:.0f}, server "
                      f"{load['server_ms']:.0f}, draw {load['draw_ms']:.0f}), "
                      f"{load['bytes']:,} B")  # fmt: skip
                for first, last, counts in bursts(tab.page.evaluate("window.__parvizTrace")):
                    common = " | ".join(f"{what} ×{n}" for what, n in counts.most_common(TOP))
                    print(f"  {first:6d}–{last:6d} ms  {sum(counts.values()):6d}  {common}")
        finally:
            chromium.close()


if __name__ == "__main__":
    main()
