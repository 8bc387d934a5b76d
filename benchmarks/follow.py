"""What following the presenter costs the server, per follower: CPU, memory, bytes, delay.

Usage: .venv/bin/python benchmarks/follow.py [--followers 20] [--seconds 20] [--moves 5]

One Streamlit server (as one replica of docs/deployment.md) serves a copy of the sample; the
followers are tabs of Debian's chromium that opened the hall link (``?follow=1``). Measured
from /proc on the server process: CPU seconds while nobody follows (baseline), while the
followers only poll (the presenter stays on a slide), and while the presenter moves (the live
file is written as a presenter's session writes it); resident memory added per follower;
websocket bytes each follower receives per second; how long a move takes to reach each
follower. Figures are printed (and extrapolated to 100 followers); nothing fails on a timing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from parviz import live  # noqa: E402
from parviz.ui.follow import POLL_SECONDS  # noqa: E402
from tests.browser import harness  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# Each tab notes when its address shows a new slide (the page sets ?slide= early in its run).
WATCH_JS = """
window.__moves = [];
let last = location.search;
setInterval(() => {
  if (location.search !== last) { last = location.search; window.__moves.push([Date.now(), last]); }
}, 20);
"""


def cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds used so far by process ``pid``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mb(pid: int) -> float:
    """Return the resident memory of process ``pid`` in MB."""
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE / 1e6


@contextlib.contextmanager
def server(env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """Run one Streamlit server like a replica; yield (base URL, its process id)."""
    port = harness.free_port()
    command = [str(Path(sys.executable).parent / "streamlit"), "run", str(ROOT / "app.py"),
               "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            health = f"{base}/_stcore/health"
            with contextlib.suppress(OSError), urllib.request.urlopen(health, timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    break
            time.sleep(0.2)
        yield base, process.pid
    finally:
        harness.stop(process)


def measure(pid: int, seconds: float, pages: list) -> tuple[float, float]:
    """Return (server CPU seconds, wall seconds) over ``seconds`` (tabs' events kept flowing)."""
    start_cpu, start = cpu_seconds(pid), time.perf_counter()
    while time.perf_counter() - start < seconds:
        if pages:
            pages[0].wait_for_timeout(250)  # Playwright delivers the tabs' events meanwhile
        else:
            time.sleep(0.25)
    return cpu_seconds(pid) - start_cpu, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20, help="length of each window")
    parser.add_argument("--moves", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="parviz-follow-"))
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    path = live.live_path(data)
    live.publish(path, year=2021, slide=1)
    try:
        with server({"PARVIZ_DATA": str(data)}) as (base, pid), sync_playwright() as playwright:
            run(base, pid, path, args, playwright)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(base: str, pid: int, path: Path, args: argparse.Namespace, playwright) -> None:
    """Open the followers, then measure the three windows and print the figures."""
    browser = harness.launch_chromium(playwright)
    idle_cpu, idle_wall = measure(pid, args.seconds, [])
    rss_before = rss_mb(pid)
    url = f"{base}/presentation?year=2021&lang=vi&follow=1"
    pages, received = [], []
    for index in range(args.followers):
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        counter = {"bytes": 0}
        page.on(
            "websocket",
            lambda ws, c=counter: ws.on(
                "framereceived",
                lambda frame, c=c: c.__setitem__(
                    "bytes", c["bytes"] + len(frame if isinstance(frame, (bytes, str)) else b"")
                ),
            ),
        )
        page.goto(url, timeout=180_000)
        page.wait_for_selector(harness.SCRIPT_DONE, timeout=180_000)
        page.evaluate(WATCH_JS)
        pages.append(page)
        received.append(counter)
        print(f"\r{index + 1} followers open", end="", flush=True)
    print()
    pages[0].wait_for_timeout(3_000)  # let first runs settle
    rss_after = rss_mb(pid)
    start_bytes = sum(c["bytes"] for c in received)
    poll_cpu, poll_wall = measure(pid, args.seconds, pages)
    poll_bytes = sum(c["bytes"] for c in received) - start_bytes
    delays, move_cpu = [], []
    for move in range(args.moves):
        slide = 2 + move
        before = cpu_seconds(pid)
        published = time.time() * 1000
        live.publish(path, year=2021, slide=slide)
        deadline = time.monotonic() + 60
        pending = list(pages)
        while pending and time.monotonic() < deadline:
            pages[0].wait_for_timeout(200)
            pending = [p for p in pending if f"slide={slide}" not in p.evaluate("location.search")]
        pages[0].wait_for_timeout(1_500)  # every follower's rerun finished
        move_cpu.append(cpu_seconds(pid) - before)
        for page in pages:
            seen = [
                t for t, search in page.evaluate("window.__moves") if f"slide={slide}" in search
            ]
            if seen:
                delays.append((seen[0] - published) / 1000)
        if pending:
            still = sum(p.locator(".st-key-_parviz_follow_stop").count() for p in pending)
            print(f"move {move + 1}: {len(pending)} followers did not follow within 60 s "
                  f"({still} of them still say they follow)")
    n = args.followers
    baseline = idle_cpu / idle_wall
    per_follower = max(0.0, poll_cpu / poll_wall - baseline) / n
    polls_per_second = n / POLL_SECONDS
    print(f"server CPU, nobody following: {baseline * 100:.1f} % of a core")
    print(
        f"{n} followers polling every {POLL_SECONDS:g} s: {poll_cpu / poll_wall * 100:.1f} % "
        f"of a core → {per_follower * 1000:.2f} ms CPU per follower per second "
        f"({per_follower / (polls_per_second / n) * 1000:.2f} ms per poll)"
    )
    print(f"memory: {(rss_after - rss_before) / n:.1f} MB resident per follower session")
    print(
        f"websocket: {poll_bytes / poll_wall / n:.0f} bytes/s received per follower while polling"
    )
    move_per_follower = sum(move_cpu) / args.moves / n
    each = ", ".join(f"slide {2 + i}: {cpu / n * 1000:.0f}" for i, cpu in enumerate(move_cpu))
    print(
        f"a move: {move_per_follower * 1000:.0f} ms CPU per follower, the page run that draws "
        f"the new slide plus its polls meanwhile ({each} ms)"
    )
    if delays:
        ordered = sorted(delays)
        print(
            f"delay from a move to a follower's new slide: p50 {statistics.median(delays):.2f} s, "
            f"p95 {ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]:.2f} s, "
            f"max {ordered[-1]:.2f} s ({len(delays)} of {n * args.moves})"
        )
    print(
        f"extrapolated to 100 followers: polling {per_follower * 100 * 100:.0f} % of a core; "
        f"each move {move_per_follower * 100:.1f} CPU seconds"
    )
    browser.close()


if __name__ == "__main__":
    main()
