"""Twelve visitors ask for the annex PDF at once: server memory and another visitor's wait.

Usage: .venv/bin/python benchmarks/pdf_crowd.py [--visitors 12] [--seconds 40]

Starts the app on the bundled sample, opens ``--visitors`` browser tabs on the presentation page
(each a different year and language, so no two ask for the same file), presses "make the annex
PDF" in all of them without waiting, then for ``--seconds`` samples the memory of the server and
every process it started (chromium included) and times a page load of one more visitor. Prints
the peak memory, the most chromium processes seen at once and the slowest page load. Nothing
here fails on a number (issue #19 asked for < 1 GB and a responsive page).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import harness  # noqa: E402


def tree(pid: int) -> list[int]:
    """Return ``pid`` and all its descendants (from /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return found


def memory_mb(pids: list[int]) -> tuple[float, int]:
    """Return the proportional memory (PSS: shared pages counted once) of ``pids`` in MB and
    how many chromium browsers (a chromium whose parent is not one) run among them."""
    total, browsers = 0, 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            parent = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
            parent_name = Path(f"/proc/{parent}/comm").read_text().strip()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
        browsers += "chrom" in name and "chrom" not in parent_name
    return total / 1024, browsers


def load_time(page, url: str) -> float:
    """Return the seconds a visitor waits for ``url`` to be drawn."""
    start = time.monotonic()
    page.goto(url)
    harness.wait_for_app(page)
    return time.monotonic() - start


def server_pid(port: int) -> int:
    """Return the pid of the streamlit process listening on ``port``."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                command = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(command) and str(port).encode() in command:
                return int(proc.name)
    raise RuntimeError("server not found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visitors", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=40)
    args = parser.parse_args()
    choices = list(itertools.product(range(2016, 2025), ("vi", "en")))[: args.visitors]
    sample = {"PARVIZ_DATA": str(ROOT / "data")}
    with harness.running_app(env=sample) as base, sync_playwright() as p:
        pid = server_pid(int(base.rsplit(":", 1)[1]))
        browser = harness.launch_chromium(p)
        pages = []
        for year, lang in choices:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(harness.page_url(base, "presentation", year=year, lang=lang, slide=1))
            harness.wait_for_app(page)
            # The sidebar scrolls inside itself: click through the DOM, not at a position.
            downloads = page.locator("[data-testid='stSidebar'] [data-testid='stExpander'] summary")
            downloads.last.evaluate("summary => summary.click()")
            page.locator(".st-key-make_pdf button").wait_for(state="attached")
            pages.append(page)
        other = browser.new_page()
        other_url = harness.page_url(base, "rankings", year=2021, block="district")
        before = max(load_time(other, other_url) for _ in range(3))
        idle, _ = memory_mb(tree(pid))
        for page in pages:  # all at once: a click does not wait for the build
            page.locator(".st-key-make_pdf button").evaluate("button => button.click()")
        peak, most, slowest = idle, 0, 0.0
        end = time.monotonic() + args.seconds
        while time.monotonic() < end:
            memory, chromium = memory_mb(tree(pid))
            peak, most = max(peak, memory), max(most, chromium)
            slowest = max(slowest, load_time(other, other_url))
        browser.close()
    print(f"visitors {args.visitors}: server {idle:.0f} MB idle, {peak:.0f} MB at peak (PSS, "
          f"chromium included); chromium browsers at once: {most}; another visitor's page: "
          f"{before:.2f} s before, {slowest:.2f} s at worst during the builds")  # fmt: skip


if __name__ == "__main__":
    main()
