"""An intranet deployment: nginx in front of two Streamlit replicas, a hall of browsers at once.

nginx runs in the foreground from a config rendered (in a temporary folder) from the same
deploy/parviz.nginx.conf that docs/deployment.md installs; it is stopped by its process id.
Ten browser contexts (each its own cookies, so its own Streamlit session) from one chromium
change filters concurrently; every session must finish every rerun with no error, stay on one
replica, and the sessions must spread over both replicas. p50/p95 latency is printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCRIPT_DONE,
    free_port,
    page_url,
    running_app,
    stop,
)
from tests.helpers import ROOT, SAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TEMPLATE = ROOT / "deploy" / "parviz.nginx.conf"
SESSIONS = 10
YEARS = (2023, 2021, 2019)  # the filter changes each session makes (the sample has 2016–2024)
REPLICA_HEADER = "x-parviz-replica"


def render_site(listen: str, replicas: list[str]) -> str:
    """Return the nginx site snippet of deploy/ for ``listen`` and replica addresses."""
    servers = "\n".join(f"    server {address} max_fails=1 fail_timeout=10s;" for address in
                        replicas)  # fmt: skip
    text = TEMPLATE.read_text(encoding="utf-8")
    return text.replace("@@LISTEN@@", listen).replace("@@SERVERS@@", servers)


def nginx_conf(folder: Path, site: str) -> str:
    """Return a standalone nginx.conf that keeps every file inside ``folder``."""
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(mode=0o777)
        path.chmod(0o777)  # workers may run as another user when the master is root
    return f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
{site}
}}
"""


@contextlib.contextmanager
def running_nginx(replicas: list[str]) -> Iterator[str]:
    """Run nginx in the foreground in front of ``replicas``; yield its URL; stop that process."""
    folder = Path(tempfile.mkdtemp(prefix="parviz-nginx-"))
    folder.chmod(0o755)
    port = free_port()
    (folder / "nginx.conf").write_text(nginx_conf(folder, render_site(f"127.0.0.1:{port}",
                                                                      replicas)))  # fmt: skip
    command = [NGINX, "-p", str(folder), "-e", str(folder / "error.log"),
               "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited: {process.stdout.read().decode()}")
            health = f"{base}/_stcore/health"
            with contextlib.suppress(OSError), urllib.request.urlopen(health, timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    break
            if time.monotonic() > deadline:
                raise TimeoutError((folder / "error.log").read_text())
            time.sleep(0.2)
        yield base
    finally:
        stop(process)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def deployment(env: Mapping[str, str] | None = None) -> Iterator[tuple[str, list[str]]]:
    """Two replicas of the app and nginx in front; yield (nginx URL, replica addresses)."""
    env = {"PARVIZ_DATA": str(SAMPLE), **(env or {})}
    with running_app(env=env) as first, running_app(env=env) as second:
        replicas = [first.removeprefix("http://"), second.removeprefix("http://")]
        with running_nginx(replicas) as base:
            yield base, replicas


async def _select_year(page, year: int) -> None:
    await page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    await page.get_by_role("option", name=str(year), exact=True).click()


async def _session(browser, base: str, index: int) -> dict:
    """One viewer: open the overview, change the year three times; return what happened."""
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(120_000)
    page = await context.new_page()
    replicas, errors, latencies = set(), [], []
    page.on("pageerror", lambda error: errors.append(f"js: {error}"))
    page.on(
        "response",
        lambda response: replicas.add(response.headers.get(REPLICA_HEADER))
        if response.url.startswith(base)
        else None,
    )
    try:
        start = time.perf_counter()
        url = page_url(base, "overview", year=2024, block="district", lang="vi")
        # Ten tabs fetch the same bundle at once from a busy CI machine: be patient.
        await page.goto(url, wait_until="commit", timeout=180_000)
        await page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=180_000)
        await page.wait_for_selector(SCRIPT_DONE, timeout=180_000)
        first_paint = time.perf_counter() - start
        for year in YEARS:
            start = time.perf_counter()
            await _select_year(page, year)
            await page.wait_for_function(
                f"location.search.includes('year={year}')", timeout=60_000
            )
            await page.wait_for_selector(SCRIPT_DONE, timeout=60_000)
            latencies.append(time.perf_counter() - start)
            main = page.locator('[data-testid="stMainBlockContainer"]')
            heading = await main.locator("h3").first.inner_text()  # "… năm 2021"
            if str(year) not in heading:
                errors.append(f"session {index}: heading {heading!r} after choosing {year}")
        for selector in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]'):
            if await page.locator(selector).count():
                errors.append(f"session {index}: {selector} on the page")
    except Exception as error:  # reported with the others: one failing viewer fails the test
        errors.append(f"session {index}: {type(error).__name__}: {error}"[:500])
    finally:
        await context.close()
    replicas.discard(None)
    return {"replicas": replicas, "errors": errors, "latencies": latencies,
            "first_paint": locals().get("first_paint")}  # fmt: skip


async def _hall(base: str) -> list[dict]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return await asyncio.gather(*(_session(browser, base, i) for i in range(SESSIONS)))
        finally:
            await browser.close()


def run_hall(base: str) -> list[dict]:
    """Drive SESSIONS concurrent viewers (in a thread of its own: no event loop clash)."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["sessions"] = asyncio.run(_hall(base))
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=600)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["sessions"]


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def test_ten_viewers_through_nginx_on_two_sticky_replicas():
    with deployment() as (base, replicas):
        sessions = run_hall(base)
    errors = [error for session in sessions for error in session["errors"]]
    assert errors == []
    latencies = [seconds for session in sessions for seconds in session["latencies"]]
    assert len(latencies) == SESSIONS * len(YEARS)
    first = [session["first_paint"] for session in sessions]
    print(
        f"\n{SESSIONS} sessions × {len(YEARS)} filter changes through nginx: "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
        f"first paint p50 {statistics.median(first) * 1000:.0f} ms"
    )
    for session in sessions:
        assert len(session["replicas"]) == 1, session["replicas"]  # sticky: one replica each
    used = set().union(*(session["replicas"] for session in sessions))
    assert used <= set(replicas)
    assert used == set(replicas)  # the cookie hash spread the hall over both replicas
