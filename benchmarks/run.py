"""Measure parviz on the bundled sample and on a large generated dataset; write latest.json.

Usage: .venv/bin/python benchmarks/run.py [--units 10000] [--years 10] [--reruns 7] [--data DIR]
       [--rerun-min-ms 400] [--cold-loads 3] [--quiet-ms 500]
       [--sessions 5] [--loads 5] [--no-browser] [--only sample|large]
       [--skip-pages]  (load measurements only: cold, warm, standings)

For each dataset it measures:
- cold load: the first load, parsing the CSV files (and writing the columnar cache), in a new
  process (median of three: what a server started after the files changed waits);
- warm load: a load whose columnar cache is up to date (what a server restart costs);
- standings: ranking.standings on the loaded dataset;
- per page registered in parviz/ui/navigation.py: the server time of a rerun under AppTest
  (median of ``--reruns``, more for a quick view), the figure JSON bytes it sends, and the same
  page's "floor" (timed in turns with the page, so a slow spell of the machine hits both): a script
  with the same app shell (page config, st.navigation over as many pages) that makes the same
  Streamlit calls — its tables and figures are the very objects the page passed (recorded during
  one rerun: a Styler stays a Styler, a Figure a Figure), its widgets the same kinds with the same
  options, all inside the same columns, expanders and containers — and no parviz computation
  (``floor_matches`` says the floor drew the page's elements and blocks, kind for kind). The
  ratio rerun / floor compares across machines (a busy CI runner slows both);
- per page, its first run in a new session on a warm process (``new_session_ms``, median of
  ``--sessions``): what each person opening the link costs the server;
- the browser pass (benchmarks/browser.py): each page opened in Chromium cold (first visitor to
  its year) and warm, against a floor app opened in turns with it, as ratios to the floor;
- the PPTX export of the latest year (when parviz/export/pptx.py exists).
Timings are printed and written to benchmarks/latest.json; nothing here fails on a timing.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parviz import columnar, loading, ranking  # noqa: E402

SAMPLE = ROOT / "data"
TARGETS = {
    "large": {"cold_load_s": 5.0, "rerun_ms_max": 300.0, "rerun_ratio_max": 1.5,
              "figure_bytes_max": 1_000_000, "new_session_ms_max": 150.0,
              "browser_warm_ratio_max": 2.0, "browser_cold_ratio_max": 3.0},
    "sample": {"rerun_ms_max": 100.0, "browser_warm_ratio_max": 1.5},
}  # fmt: skip

# The floor: the same app shell (page config, st.navigation over as many pages, the sidebar) and
# the same Streamlit calls with the same arguments the page made — its tables and figures are
# the very objects the page passed (recorded), so only parviz's own work is left out.
FLOOR_MODULE = "parviz_bench_floor"
FLOOR_SCRIPT = """
import sys

import streamlit as st

MAIN, SIDEBAR = sys.modules[{module!r}].ELEMENTS[{slug!r}]
TEXTS = {texts!r}
st.set_page_config(page_title="floor", layout="wide")


def draw(items, container, path=""):
    for index, (kind, value) in enumerate(items):
        key = f"{{path}}.{{index}}"
        if kind == "block":  # the same layout: columns, expanders, containers
            block, label, children = value
            if block == "columns":
                columns = container.columns(len(children))
                for number, (column, (_, (_, _, inside))) in enumerate(zip(columns, children)):
                    draw(inside, column, f"{{key}}.{{number}}")
            elif block == "expander":
                draw(children, container.expander(label), key)
            elif block == "tabs":  # lazy tabs, the same one open (only its children drawn)
                labels = [tab_label for _, (_, tab_label, _) in children]
                opened = next((tab_label for _, (_, tab_label, inside) in children if inside),
                              labels[0])
                tabs = container.tabs(labels, key=key, default=opened, on_change="rerun")
                for number, (tab, (_, (_, _, inside))) in enumerate(zip(tabs, children)):
                    draw(inside, tab, f"{{key}}.{{number}}")
            else:
                draw(children, container.container(), key)
        elif kind in ("plotly_chart", "dataframe", "table"):  # the page's own arguments
            args, kwargs = value
            getattr(container, kind)(*args, **kwargs)
        elif kind in TEXTS:
            getattr(container, kind)(value)
        elif kind == "metric":
            container.metric(*value)
        elif kind == "code":
            container.code(value, language=None)
        elif kind == "html":
            container.html(value)
        elif kind == "button":
            container.button(value, key=key)
        elif kind == "download_button":
            container.download_button(value, data=b"", key=key)
        elif kind == "link_button":
            container.link_button(*value)
        elif kind == "text_input":
            container.text_input(value, key=key)
        elif kind in ("toggle", "checkbox"):  # the same label and state
            getattr(container, kind)(value[0], value=value[1], key=key)
        elif kind == "choice":  # the same widget with the same options and choice
            widget, label, options, chosen = value
            if widget == "multiselect":
                container.multiselect(label, options, default=chosen, key=key)
            else:
                getattr(container, widget)(label, options, index=chosen, key=key)


def page():
    draw(MAIN, st)
    draw(SIDEBAR, st.sidebar, "sidebar")


def page_factory(number):
    def other():
        st.write(number)

    other.__name__ = f"other{{number}}"
    return other


pages = [st.Page(page, title="floor", url_path="floor", default=True)]
pages += [st.Page(page_factory(n), title=f"p{{n}}", url_path=f"p{{n}}") for n in range({others})]
st.navigation(pages).run()
"""
# Elements redrawn by the Streamlit function of their own name, from their text.
TEXTS = ("markdown", "caption", "header", "subheader", "title", "warning", "info", "success",
         "error")  # fmt: skip
RECORDED_CALLS = ("dataframe", "plotly_chart", "table")


@contextlib.contextmanager
def apptest_as_a_server() -> Iterator[None]:
    """Run AppTest's script runs as a server runs them: what it does once per process, once.

    AppTest makes a new compiled-script cache for every run (a server keeps one per process)
    and forgets, before every run, that the app uses st.navigation: the folder pages/ then
    makes Streamlit run the page script alone first (its legacy multipage mode, which a server
    leaves for good on the first run; parviz.ui.page.leave_legacy_pages_mode), so each of a
    page's AppTest runs was two runs. Both the page and its floor are timed this way.
    """
    from streamlit.testing.v1 import app_test

    from tests import apptesting  # the tests' own AppTest repair: the same two changes

    originals = (app_test.ScriptCache, app_test.PagesManager)
    apptesting.patch_pages_manager()
    try:
        yield
    finally:
        app_test.ScriptCache, app_test.PagesManager = originals


def timed(function, *args, **kwargs) -> tuple[float, object]:
    """Return (seconds, result) of one call."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def large_dataset(folder: Path, units: int, years: int) -> Path:
    """Return the large dataset ``folder`` at this size, generating it when missing or resized."""
    stamp = folder / "size.json"
    size = {"units": units, "years": years}
    if not stamp.exists() or json.loads(stamp.read_text()) != size:
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make_large.py"), "--units", str(units),
             "--years", str(years), "--out", str(folder)],
            check=True,
        )  # fmt: skip
        stamp.write_text(json.dumps(size))
    # The cache trusts only files older than RACY_SECONDS: let fresh files age.
    newest = max(file.stat().st_mtime for file in folder.glob("*.csv"))
    time.sleep(max(0.0, newest + columnar.RACY_SECONDS + 0.1 - time.time()))
    return folder


COLD_LOAD_SCRIPT = """
import shutil, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from parviz import columnar, loading, validation  # imported before the clock, as in a server
path = Path({path!r})
shutil.rmtree(columnar.cache_root(path), ignore_errors=True)
start = time.perf_counter()
result = loading.load(path)
print(time.perf_counter() - start if result.dataset is not None else -1.0)
"""


def cold_load_s(path: Path) -> float:
    """Return the seconds of one cold load (no columnar cache) in a new Python process.

    A new process, as a server started after the files changed: its first large allocations
    fault fresh pages in, which a second load in the same process no longer pays.
    """
    script = COLD_LOAD_SCRIPT.format(root=str(ROOT), path=str(path))
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    seconds = float(out.stdout.split()[-1])
    if seconds < 0:
        raise SystemExit(f"{path} does not load")
    return seconds


def measure_loading(path: Path, cold_loads: int) -> dict:
    """Return cold and warm load times and the standings time for the dataset at ``path``.

    Cold: the median of ``cold_loads`` loads, each in a new process (``cold_loads_s``: each).
    """
    colds = [cold_load_s(path) for _ in range(cold_loads)]
    shutil.rmtree(columnar.cache_root(path), ignore_errors=True)
    _, result = timed(loading.load, path)  # this process's own first load writes the cache
    if result.dataset is None:
        raise SystemExit(f"{path} does not load: {[p.code for p in result.problems][:10]}")
    warm, _ = timed(loading.load, path)
    standings, table = timed(ranking.standings, result.dataset)
    return {
        "cold_load_s": round(statistics.median(colds), 3),
        "cold_loads_s": [round(cold, 3) for cold in colds],
        "warm_load_s": round(warm, 3),
        "standings_s": round(standings, 3),
        "cached": (columnar.cache_root(path)).exists(),
        "rows": {name: len(frame) for name, frame in result.dataset.tables.items()},
        "ranked_rows": len(table),
    }


@contextlib.contextmanager
def recording_calls() -> Iterator[dict[str, list]]:
    """Record the (args, kwargs) of every st.dataframe, st.plotly_chart and st.table call."""
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    calls: dict[str, list] = {name: [] for name in RECORDED_CALLS}
    originals = {name: getattr(DeltaGenerator, name) for name in RECORDED_CALLS}
    bound = {name: getattr(st, name) for name in RECORDED_CALLS}  # st.x is bound to the main DG

    def recorder(name: str):
        def record(self, *args, **kwargs):
            calls[name].append((args, kwargs))
            return originals[name](self, *args, **kwargs)

        return record

    try:
        for name in RECORDED_CALLS:
            setattr(DeltaGenerator, name, recorder(name))
            setattr(st, name, types.MethodType(recorder(name), bound[name].__self__))
        yield calls
    finally:
        for name in RECORDED_CALLS:
            setattr(DeltaGenerator, name, originals[name])
            setattr(st, name, bound[name])


def _elements(at, calls: dict[str, list]) -> tuple[list, list]:
    """Return what a page drew, main area and sidebar, as trees the floor script can redraw.

    Every element a visitor sees counts (tables, alerts, widgets of the sidebar too), inside the
    same layout blocks: a floor that skipped some would charge Streamlit's cost of drawing them
    to parviz. Tables and figures are the recorded calls themselves (a Styler stays a Styler, a
    Figure a Figure), matched in drawing order.
    """
    trees = (_tree(at.main), _tree(at.sidebar))
    for kind, recorded in calls.items():
        drawn = [item for tree in trees for item in _leaves(tree) if item[0] == kind]
        if len(drawn) != len(recorded):
            raise SystemExit(f"floor: {len(recorded)} {kind} calls recorded, {len(drawn)} drawn")
        for item, call in zip(drawn, recorded):
            item[1] = call
    return trees


def _tree(block) -> list[list]:
    """Return the children of an AppTest block as [kind, value] items (blocks nest)."""
    from streamlit.testing.v1.element_tree import Block

    items = []
    for node in block.children.values():
        if isinstance(node, Block):
            children = _tree(node)
            if node.type == "expander":
                items.append(["block", ("expander", node.label, children)])
            elif node.type == "tab_container":
                items.append(["block", ("tabs", "", children)])
            elif node.type == "tab":
                items.append(["block", ("tab", node.label, children)])
            elif children and all(c[0] == "block" and c[1][0] == "column" for c in children):
                items.append(["block", ("columns", "", children)])  # st.columns
            else:
                items.append(["block", (node.type, "", children)])
        else:
            element = _element(node)
            if element is not None:
                items.append(list(element))
    return items


def _leaves(items: list[list]) -> Iterator[list]:
    """Yield the element items of a tree, depth first (the order the page drew them in)."""
    for item in items:
        if item[0] == "block":
            yield from _leaves(item[1][2])
        else:
            yield item


def _element(node) -> tuple[str, object] | None:
    """Return one drawn element as a (kind, value) pair, or None for layout-only nodes."""
    kind = getattr(node, "type", "")
    if kind in TEXTS or kind == "code":
        return kind, node.value
    if kind == "plotly_chart":
        return "plotly_chart", node.proto.spec
    if kind in ("dataframe", "arrow_data_frame"):
        return "dataframe", node.value
    if kind == "table":
        return "table", node.value
    if kind == "metric":
        return "metric", (node.label, node.value)
    if kind == "html":
        return "html", node.proto.body
    if kind in ("button", "download_button", "text_input"):
        return kind, node.proto.label
    if kind in ("toggle", "checkbox"):
        return kind, (node.label, bool(node.value))
    if kind == "link_button":
        return kind, (node.proto.label, node.proto.url)
    if kind in ("selectbox", "radio", "multiselect"):
        # The options as shown (formatted); the choice as an index, or the chosen labels.
        options = list(node.options)
        chosen = [options[index] for index in node.indices] if kind == "multiselect" else node.index
        return "choice", (kind, node.label, options, chosen)
    return None


def measure_pages(path: Path, reruns: Reruns, block: str) -> dict:
    """Return per page: rerun ms, floor ms, ratio, figure bytes, exceptions (for ``block``).

    A page with lazy tabs (#16) opens on its first tab; each other tab is measured the same
    way, opened (``tabs``: label → the same measures), and counts in the maxima as a page does.
    """
    from streamlit.testing.v1 import AppTest

    from parviz.ui import navigation

    os.environ["PARVIZ_DATA"] = str(path)
    pages = {}
    for entry in navigation.PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.query_params["block"] = block
        at.run()
        at.switch_page(entry.script)
        first, _ = timed(at.run)
        pages[entry.slug] = {"first_run_ms": round(first * 1000, 1),
                             **_measure_view(at, entry.slug, reruns)}  # fmt: skip
        tabs = {}
        for key, label in _other_tabs(at):
            at.session_state[key] = label
            at.run()
            tabs[label] = _measure_view(at, f"{entry.slug} › {label}", reruns)
        if tabs:
            pages[entry.slug]["tabs"] = tabs
    return pages


def _measure_view(at, name: str, reruns: Reruns) -> dict:
    """Return the rerun ms, floor ms, ratio, figure bytes and errors of the view ``at`` shows."""
    with recording_calls() as calls:
        at.run()
    errors = [str(e.value)[:200] for e in at.exception] + [str(e.value)[:200] for e in at.error]
    elements = _elements(at, calls)
    if not any(elements):
        print(f"  page {name}: nothing drawn", at.exception)
    figures = [len(node.proto.spec.encode()) for node in at.get("plotly_chart")]
    floor_at = _floor_app(name, elements)
    # The floor must draw what the page drew, element for element, block for block.
    floor_matches = drawn_kinds(floor_at) == drawn_kinds(at)
    rerun, floor = _paired_rerun_ms(at, floor_at, reruns)
    print(f"  page {name:<14} rerun {rerun:8.1f} ms  floor {floor:7.1f} ms  "
          f"figures {len(figures)} ({sum(figures):,} B)  errors {len(errors)}"
          f"{'' if floor_matches else '  FLOOR DIFFERS'}")  # fmt: skip
    return {
        "rerun_ms": round(rerun, 1),
        "floor_ms": round(floor, 1),
        "ratio": round(rerun / floor, 2) if floor else None,
        "figures": len(figures),
        "figure_bytes": sum(figures),
        "figure_bytes_max": max(figures, default=0),
        "errors": errors,
        "floor_matches": floor_matches,
    }


def _other_tabs(at) -> list[tuple[str, str]]:
    """Return (key, label) of every tab but the first of the lazy tabs the page drew."""
    found = []
    for node in at.main:
        if getattr(node, "type", "") == "tab_container":
            key = node.proto.tab_container.id.split("-", 2)[-1]  # "$$ID-<hash>-<user key>"
            labels = [tab.label for tab in node.children.values()]
            found += [(key, label) for label in labels[1:]]
    return found


def views(pages: dict) -> list[dict]:
    """Return every measured view: each page as it opens and each of its other tabs."""
    return [view for page in pages.values() for view in (page, *page.get("tabs", {}).values())]


def _floor_app(slug: str, elements: tuple[list, list]):
    """Return an AppTest of the script that only redraws ``elements``, run once."""
    from streamlit.testing.v1 import AppTest

    from parviz.ui import navigation

    # AppTest runs the script in this process: the floor reads the objects from a module.
    registry = sys.modules.setdefault(FLOOR_MODULE, types.ModuleType(FLOOR_MODULE))
    registry.ELEMENTS = {slug: elements}
    script = FLOOR_SCRIPT.format(
        module=FLOOR_MODULE, slug=slug, others=len(navigation.PAGES) - 1, texts=TEXTS
    )
    at = AppTest.from_string(script, default_timeout=600)
    at.run()
    if at.exception:
        raise SystemExit(f"floor of {slug} failed: {at.exception[0].value}")
    return at


@dataclasses.dataclass(frozen=True)
class Reruns:
    """How many reruns a view is timed over: at least ``count``, and until ``min_ms`` add up."""

    count: int
    min_ms: float
    most: int = 61


def _paired_rerun_ms(page, floor, reruns: Reruns) -> tuple[float, float]:
    """Return the median rerun times (ms) of ``page`` and ``floor``, measured in turns.

    Alternating the two keeps a slow spell of a shared machine from landing on one side only.
    At least ``reruns.count`` each, more for a quick view until its reruns add up to
    ``reruns.min_ms``: the median of seven ~10 ms reruns moves by more than what it measures.
    """
    page_times, floor_times = [], []
    while len(page_times) < reruns.count or (
        sum(page_times) < reruns.min_ms and len(page_times) < reruns.most
    ):
        page_times.append(timed(page.run)[0] * 1000)
        floor_times.append(timed(floor.run)[0] * 1000)
    return statistics.median(page_times), statistics.median(floor_times)


def drawn_kinds(at) -> dict[str, int]:
    """Return how many elements and layout blocks of each kind a script run drew."""
    kinds: dict[str, int] = {}
    for tree in (at.main, at.sidebar):
        for node in tree:
            kind = getattr(node, "type", "?")
            kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def measure_new_sessions(path: Path, sessions: int, block: str) -> dict[str, float]:
    """Return per page the median ms of its first run in a new session on a warm process.

    Each person opening the link is a new session whose first run is the page of the address:
    it finds the process's caches warm (measure_pages ran every page) and nothing in its own
    session state. AppTest's own start-up work, which a server does once (scanning installed
    packages for components, ~0.5 s), is shared between the sessions, as in a server.
    """
    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.testing.v1 import AppTest

    from parviz.ui import navigation

    os.environ["PARVIZ_DATA"] = str(path)
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    result = {}
    for entry in navigation.PAGES:
        times = []
        for _ in range(sessions):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            at._bidi_component_manager = components  # what a server scans once, at start
            at.query_params["block"] = block
            at.switch_page(entry.script)  # the session opens this page's address
            times.append(timed(at.run)[0] * 1000)
            if at.exception:
                raise SystemExit(f"new session of {entry.slug}: {at.exception[0].value}")
        result[entry.slug] = round(statistics.median(times), 1)
        print(f"  new session {entry.slug:<14} {result[entry.slug]:8.1f} ms")
    return result


def measure_pptx(path: Path) -> float | None:
    """Return the seconds to build the PPTX deck of the latest year, or None without it."""
    if not (ROOT / "parviz" / "export" / "pptx.py").exists():
        return None
    from parviz import storyline
    from parviz.export import pptx

    dataset = loading.load_dataset(path)
    start = time.perf_counter()
    story = storyline.build(dataset, year=dataset.years[-1], lang="vi")
    pptx.build_deck(story, dataset)
    return round(time.perf_counter() - start, 3)


def measure(path: Path, options: argparse.Namespace) -> dict:
    """Return every measure of the dataset at ``path`` (only the load ones with skip_pages)."""
    reruns, pages = Reruns(options.reruns, options.rerun_min_ms), not options.skip_pages
    print(f"{path}:")
    result = measure_loading(path, options.cold_loads)
    print(f"  load cold {result['cold_load_s']} s, warm {result['warm_load_s']} s, "
          f"standings {result['standings_s']} s")  # fmt: skip
    if not pages:
        return result
    # The block with the most units: the heaviest view a visitor can choose.
    dataset = loading.load_dataset(path)
    block = dataset.table("units")["block"].value_counts().idxmax()
    result["block"] = block
    pages = measure_pages(path, reruns, block)
    result["pages"] = pages
    result["rerun_ms_max"] = max((p["rerun_ms"] for p in views(pages)), default=None)
    ratios = [p["ratio"] for p in views(pages) if p["ratio"] is not None]
    result["rerun_ratio_max"] = max(ratios, default=None)
    result["figure_bytes_max"] = max((p["figure_bytes_max"] for p in views(pages)), default=0)
    result["new_session_ms"] = measure_new_sessions(path, options.sessions, block)
    result["new_session_ms_max"] = max(result["new_session_ms"].values(), default=None)
    if options.browser:
        from benchmarks import browser  # Playwright: only when the pass runs

        found = browser.measure(path, block, dataset.years, options.loads, options.quiet_ms)
        result["browser"] = found
        result["browser_warm_ratio_max"] = found["warm_ratio_max"]
        result["browser_cold_ratio_max"] = found["cold_ratio_max"]
    try:
        result["pptx_s"] = measure_pptx(path)
    except Exception as error:  # a broken exporter is reported, not a crashed benchmark
        result["pptx_s"] = None
        result["pptx_error"] = f"{type(error).__name__}: {error}"[:300]
    print(f"  pptx {result['pptx_s']} s")
    return result


def verdicts(name: str, result: dict) -> dict[str, bool]:
    """Return, per target, whether the measure meets it (printed; never an exit status)."""
    return {key: (result.get(key) is not None and result[key] <= limit)
            for key, limit in TARGETS.get(name, {}).items()}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--reruns", type=int, default=7)
    parser.add_argument("--rerun-min-ms", type=float, default=400.0,
                        help="time a quick view until its reruns add up to this")  # fmt: skip
    parser.add_argument("--cold-loads", type=int, default=3, help="cold loads (new processes)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "latest.json")
    parser.add_argument(
        "--data",
        type=Path,
        default=ROOT / "benchmarks" / "large",
        help="folder of the large dataset (git-ignored default)",
    )
    parser.add_argument(
        "--skip-pages", action="store_true", help="measure loading only (no pages, no PPTX)"
    )
    parser.add_argument("--sessions", type=int, default=5, help="new sessions per page")
    parser.add_argument("--loads", type=int, default=5, help="warm browser loads per page")
    parser.add_argument("--quiet-ms", type=float, default=500.0,
                        help="a browser load ends after this long without a change (500: "
                             "lower only to check that the pass runs)")  # fmt: skip
    parser.add_argument(
        "--no-browser", dest="browser", action="store_false", help="skip the browser pass"
    )
    parser.add_argument("--only", choices=("sample", "large"), nargs="+", help="datasets to run")
    args = parser.parse_args(argv)
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                    # A shared machine's load is part of every timing: recorded with them.
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "size": {"units": args.units, "years": args.years},
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for name in args.only or ("sample", "large"):
        path = SAMPLE if name == "sample" else large_dataset(args.data, args.units, args.years)
        with apptest_as_a_server():
            report[name] = measure(path, args)
        report[name]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        report.setdefault("targets_met", {})[name] = verdicts(name, report[name])
        # Written after each dataset, so a long run interrupted later still leaves its numbers.
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n")
    print(json.dumps(report["targets_met"], indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
