"""PDF and deck builds: once per key, one at a time per process, a bounded queue (#19 point 1)."""

from __future__ import annotations

import threading
import time

import pytest

from parviz.export.builds import AlreadyBuilding, Busy, ExportBuilds


class Recorder:
    """A build that counts how many run at once and blocks until released."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()
        self.release = threading.Event()

    def build(self, data: bytes = b"%PDF"):
        def run() -> bytes:
            with self.lock:
                self.running += 1
                self.most = max(self.most, self.running)
            self.release.wait(10)
            with self.lock:
                self.running -= 1
            return data

        return run


def _crowd(builds: ExportBuilds, keys: list[str], recorder: Recorder):
    """Send one request per key from its own thread; return (results, busy, told)."""
    results, busy, told = [], [], []
    settled = threading.Semaphore(0)

    def request(key: str) -> None:
        def waiting(ahead: int) -> None:
            told.append(ahead)
            settled.release()

        try:
            results.append(builds.get(key, recorder.build(key.encode()), on_wait=waiting))
        except Busy:
            busy.append(key)
            settled.release()

    threads = [threading.Thread(target=request, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    # Every request but the first one is either told to wait or refused before any build ends.
    for _ in range(len(keys) - 1):
        assert settled.acquire(timeout=10)
    recorder.release.set()
    for thread in threads:
        thread.join(10)
    return results, busy, told


def test_twelve_requests_for_one_pdf_build_it_once():
    builds, recorder = ExportBuilds(max_waiting=4), Recorder()
    results, busy, told = _crowd(builds, ["pdf-2021-vi"] * 12, recorder)
    assert builds.builds == 1 and recorder.most == 1
    assert results == [b"pdf-2021-vi"] * 12 and busy == []
    assert len(told) == 11  # each was told it waits


def test_twelve_different_exports_run_one_at_a_time_and_the_queue_is_bounded():
    builds, recorder = ExportBuilds(max_waiting=4), Recorder()
    keys = [f"pdf-{n}" for n in range(12)]
    results, busy, told = _crowd(builds, keys, recorder)
    assert recorder.most == 1  # never two chromium at once
    assert builds.builds == len(results) == 5  # the running one and four in the queue
    assert len(busy) == 7  # the others are told to come back later
    assert sorted(told) == [1, 2, 3, 4]


def test_a_kept_export_is_served_without_building():
    builds = ExportBuilds()
    assert builds.get("k", lambda: b"x") == b"x"
    assert builds.get("k", lambda: pytest.fail("built twice")) == b"x"
    assert builds.builds == 1


def test_a_visitor_cannot_start_a_second_build_while_one_runs():
    builds, recorder = ExportBuilds(), Recorder()
    first = threading.Thread(
        target=builds.get, args=("a", recorder.build()), kwargs={"owner": "s1"}
    )
    first.start()
    while recorder.running == 0:
        time.sleep(0.01)
    with pytest.raises(AlreadyBuilding):
        builds.get("b", lambda: b"y", owner="s1")
    assert builds.get("b", lambda: b"y", owner="s2", on_wait=lambda n: recorder.release.set())
    first.join(10)
    assert recorder.most == 1


def test_a_failed_build_frees_its_turn():
    builds = ExportBuilds(max_waiting=1)

    def broken() -> bytes:
        raise OSError("chromium crashed")

    with pytest.raises(OSError):
        builds.get("k", broken, owner="s1")
    assert builds.ahead() == 0
    assert builds.get("k", lambda: b"ok", owner="s1") == b"ok"


def test_kept_exports_are_bounded():
    builds = ExportBuilds(max_entries=2)
    for key in "abc":
        builds.get(key, lambda key=key: key.encode())
    assert builds.cached("a") is None and builds.cached("c") == b"c"


# --- the presentation page's downloads go through the queue ---------------------------------


@pytest.fixture
def counted_pdf(monkeypatch):
    """Replace chromium by a counter and give the test a fresh process-wide queue."""
    from parviz.export import annex, builds

    calls = []
    monkeypatch.setattr(builds, "BUILDS", ExportBuilds())
    monkeypatch.setattr(annex, "chromium_path", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(annex, "to_pdf", lambda document, **kw: calls.append(kw) or b"%PDF-1")
    return calls


def _presentation():
    from tests.apptesting import app_test

    at = app_test(timeout=90, lang="vi", year=2021).run()
    return at.switch_page("pages/presentation.py").run()


def _download_keys(at) -> set[str]:
    return {getattr(e.proto, "id", "") for e in at.get("download_button")}


def test_the_pdf_is_made_on_a_click_once_and_served_to_the_next_visitor(counted_pdf):
    first = _presentation()
    assert not any("download_annex_pdf" in key for key in _download_keys(first))
    first.button(key="make_pdf").click().run()
    assert not first.exception and len(counted_pdf) == 1
    assert any("download_annex_pdf" in key for key in _download_keys(first))
    second = _presentation()  # another visitor: no button to press, no second chromium
    assert any("download_annex_pdf" in key for key in _download_keys(second))
    assert len(counted_pdf) == 1


def test_a_busy_server_says_so_instead_of_starting_chromium(counted_pdf, monkeypatch):
    from parviz.export import builds

    monkeypatch.setattr(builds, "BUILDS", ExportBuilds(max_waiting=-1))  # always full
    at = _presentation()
    at.button(key="make_pdf").click().run()
    assert not at.exception and counted_pdf == []
    assert "thử lại" in " ".join(w.value for w in at.warning)


def test_the_deck_is_made_on_a_click_once_and_served_to_the_next_visitor(monkeypatch):
    # (#17) the deck goes through the same export_queue.on_click as the PDF and the report.
    from parviz.export import builds, pptx

    calls = []
    monkeypatch.setattr(builds, "BUILDS", ExportBuilds())

    def counted(story, dataset, progress=None) -> bytes:
        progress(1, 1)  # the progress bar is drawn
        calls.append(story.year)
        return b"PK-deck"

    monkeypatch.setattr(pptx, "build_deck", counted)
    first = _presentation()
    assert not any("download_pptx" in key for key in _download_keys(first))
    first.button(key="make_pptx").click().run()
    assert not first.exception and calls == [2021]
    assert any("download_pptx" in key for key in _download_keys(first))
    assert [s.value for s in first.success] == ["Đã tạo xong tệp PowerPoint."]
    second = _presentation()  # another visitor: the deck is ready, no button, no second build
    assert any("download_pptx" in key for key in _download_keys(second))
    assert not [b for b in second.button if b.key == "make_pptx"] and calls == [2021]
