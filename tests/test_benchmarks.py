"""The benchmark script runs end to end on a small size and reports every measure (no timing)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT

LOAD_KEYS = {"cold_load_s", "warm_load_s", "standings_s", "rerun_ms_max", "rerun_ratio_max",
             "figure_bytes_max", "pages", "pptx_s", "new_session_ms", "new_session_ms_max",
             "browser", "browser_warm_ratio_max", "browser_cold_ratio_max"}  # fmt: skip
BROWSER_KEYS = {"year", "cold_ms", "warm_ms", "floor_ms", "cold_ratio", "warm_ratio",
                "warm_boot_ms", "warm_server_ms", "warm_draw_ms", "ws_bytes"}  # fmt: skip
PAGE_KEYS = {"rerun_ms", "floor_ms", "ratio", "figure_bytes", "figure_bytes_max", "errors",
             "floor_matches"}  # fmt: skip


@pytest.mark.slow
@pytest.mark.browser  # the browser pass drives Debian's chromium
def test_benchmark_runs_on_a_small_dataset_and_writes_every_key(tmp_path):
    out = tmp_path / "latest.json"
    # The large dataset only: the sample goes through the same code and doubled CI's longest test.
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--units", "300",
               "--years", "9", "--reruns", "1", "--rerun-min-ms", "0", "--cold-loads", "1",
               "--sessions", "1", "--loads", "1", "--quiet-ms", "100", "--data",
               str(tmp_path / "large"), "--out", str(out), "--only", "large"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["size"] == {"units": 300, "years": 9}
    assert "sample" not in report  # --only large
    for name in ("large",):
        assert report[name].keys() >= LOAD_KEYS, name
        assert report[name]["pages"], name
        for slug, page in report[name]["pages"].items():
            for view, shown in [(slug, page), *page.get("tabs", {}).items()]:
                assert shown.keys() >= PAGE_KEYS, view
                assert shown["errors"] == [], (name, view, shown["errors"])
                assert shown["floor_matches"], (name, view)  # the floor draws what it drew
        tabbed = {slug for slug, page in report[name]["pages"].items() if page.get("tabs")}
        assert tabbed == {"rankings", "rank_changes", "criteria", "profile"}  # each other tab
        pages = report[name]["pages"].keys()
        assert report[name]["new_session_ms"].keys() == pages, name
        browser = report[name]["browser"]["pages"]
        assert browser.keys() == pages, name
        for slug, page in browser.items():
            assert page.keys() >= BROWSER_KEYS, slug
            assert page["ws_bytes"] > 0, slug  # the page was drawn from what the server sent
            for label, opened in page.get("tabs", {}).items():  # a click drew the tab
                assert opened["ws_bytes"] > 0 and opened["warm_ms"] > 0, (slug, label)
        assert {slug for slug, page in browser.items() if page.get("tabs")} == tabbed
        # Every page opened cold on a year of its own (the first visitor to that year).
        assert len({page["year"] for page in browser.values()}) == len(browser), name
    assert report["large"]["rows"]["scores"] == 300 * 9 * 40
    assert len(report["large"]["cold_loads_s"]) == 1  # the cold load in a new process
    assert report["large"]["cached"] is True  # the columnar cache was written beside the CSVs


def test_trace_groups_dom_changes_in_bursts():
    from benchmarks import trace

    changes = [[10, "a"], [20, "a"], [30, "b"], [100, "c"], [110, "c"]]
    found = trace.bursts(changes)
    assert [(first, last) for first, last, _ in found] == [(10, 30), (100, 110)]
    assert found[0][2] == {"a": 2, "b": 1} and found[1][2] == {"c": 2}
