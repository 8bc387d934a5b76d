"""What is cached, under which key, for how long: never stale, never kept alive, never cleared
by a visitor (#18 points 13–14, #19 point 5)."""

from __future__ import annotations

import gc
import os
import types
import weakref

import pytest
from streamlit.runtime.app_session import AppSession

from parviz import findings, loading, ranking, storyline
from parviz.dataset import Dataset
from parviz.memo import Memo, per_dataset
from parviz.ui import cache
from tests.apptesting import app_test
from tests.helpers import SAMPLE, copy_minimal


@pytest.fixture
def fresh_caches():
    """Start and end with nothing loaded (the process-wide store outlives a test)."""
    cache.clear()
    yield
    cache.clear()


def _edit_total(folder, unit: str, year: int, total: str) -> None:
    """Change one published total in results.csv and move its modification time on."""
    path = folder / "results.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        cells = line.split(",")
        if cells[:2] == [str(year), unit]:
            cells[2] = total
            lines[number] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _score(dataset: Dataset, unit: str, year: int) -> float:
    table = cache.standings(dataset)  # what the pages show
    row = table[(table["unit_id"] == unit) & (table["year"] == year)]
    return float(row["score"].iloc[0])


def test_an_edit_landing_during_the_read_is_loaded_on_the_next_rerun(
    tmp_path, monkeypatch, fresh_caches
):
    folder = copy_minimal(tmp_path)
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    read = loading.type_tables

    def slow_read(path, **options):
        # The files are read, then an import saves a new total before the load finishes.
        tables = read(path, **options)
        if not edited:
            _edit_total(folder, "c", 2021, "99")
            edited.append(True)
        return tables

    edited: list[bool] = []
    monkeypatch.setattr(loading, "type_tables", slow_read)
    first = cache.load_result().dataset
    assert _score(first, "c", 2021) == 75.5  # read before the edit
    second = cache.load_result().dataset
    assert second is not first
    assert _score(second, "c", 2021) == 99.0  # the edit is not hidden under the old key


def test_the_dataset_fingerprint_is_taken_before_the_files_are_read(tmp_path, monkeypatch):
    folder = copy_minimal(tmp_path)
    before = loading.data_version(folder)
    read = loading.type_tables

    def slow_read(path, **options):
        tables = read(path, **options)
        _edit_total(folder, "a", 2020, "91")
        return tables

    monkeypatch.setattr(loading, "type_tables", slow_read)
    dataset = loading.load(folder, cache=False).dataset
    assert dataset.fingerprint == before  # the version of what was read, not of what is there


def test_a_replaced_dataset_is_freed_with_everything_derived_from_it(tmp_path):
    dataset = loading.load_dataset(copy_minimal(tmp_path))
    ranking.standings(dataset)
    ranking.unit_points(dataset)
    findings.findings(dataset, year=2021)
    storyline.build(dataset, year=2021, lang="vi")
    freed = weakref.ref(dataset)
    del dataset
    gc.collect()
    assert freed() is None  # no module-level cache keeps an old dataset in memory


def _findings_of(dataset: Dataset, year: int) -> list:
    return findings.findings(dataset, year=year)


def test_reloading_edited_files_frees_the_old_dataset(tmp_path, monkeypatch, fresh_caches):
    folder = copy_minimal(tmp_path)
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    old = cache.load_result().dataset
    cache.standings(old)
    cache.ranking_of(old, year=2021, block="district")
    cache.shared(old, _findings_of, 2021)
    freed = weakref.ref(old)
    _edit_total(folder, "b", 2021, "70")
    new = cache.load_result().dataset
    assert new is not old and _score(new, "b", 2021) == 70.0
    del old
    gc.collect()
    assert freed() is None


def test_derived_values_are_kept_on_their_dataset_once(tmp_path):
    calls: list[int] = []

    @per_dataset
    def count(dataset: Dataset, year: int) -> int:
        calls.append(year)
        return len(calls)

    first = loading.load_dataset(copy_minimal(tmp_path / "one"))
    second = loading.load_dataset(copy_minimal(tmp_path / "two"))
    assert [count(first, 2020), count(first, 2020), count(second, 2020), count(first, 2021)] == [
        1, 1, 2, 3
    ]  # fmt: skip


def test_a_bounded_memo_drops_the_least_recently_used():
    memo = Memo(max_entries=2)
    for key in ("a", "b", "a", "c"):
        memo.get(key, lambda key=key: key.upper())
    assert memo.get("b", lambda: "rebuilt") == "rebuilt"  # b was the least recently used
    assert memo.get("a", lambda: "rebuilt") == "rebuilt"  # pushed out by b just now
    assert memo.computed == 5


def _clear_cache_as_a_visitor() -> None:
    """Do what Streamlit does when any browser sends the ``clear_cache`` back message."""
    session = types.SimpleNamespace(_session_state=types.SimpleNamespace(clear=lambda: None))
    AppSession._handle_clear_cache_request(session)


def test_a_visitors_clear_cache_rebuilds_nothing_expensive(monkeypatch, fresh_caches):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    counts = {"load": 0, "storyline": 0}

    def counted(name, function):
        def call(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)

        return call

    monkeypatch.setattr(loading, "load", counted("load", loading.load))
    monkeypatch.setattr(storyline, "build", counted("storyline", storyline.build))
    app_test(lang="vi").run().switch_page("pages/presentation.py").run()
    dataset = cache.load_result().dataset
    standings = ranking.standings(dataset)
    computed = dataset.memo.computed
    assert counts == {"load": 1, "storyline": 1}

    _clear_cache_as_a_visitor()
    again = app_test(lang="vi").run().switch_page("pages/presentation.py").run()
    assert not again.exception
    assert counts == {"load": 1, "storyline": 1}  # neither reloaded nor rebuilt
    assert cache.load_result().dataset is dataset
    assert ranking.standings(dataset) is standings
    assert dataset.memo.computed == computed  # no derived table or figure was rebuilt
