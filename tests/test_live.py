"""The live slide file (parviz/live.py): atomic writes, cheap reads, shared between processes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest

from parviz import live
from tests.helpers import ROOT


@pytest.fixture
def path(tmp_path):
    return live.live_path(tmp_path)


def test_path_is_beside_the_data(tmp_path):
    assert live.live_path(tmp_path) == tmp_path / ".parviz-live.json"
    workbook = tmp_path / "cchc.xlsx"
    workbook.write_bytes(b"")
    assert live.live_path(workbook) == tmp_path / ".parviz-live-cchc.xlsx.json"


def test_nothing_published_reads_none(path):
    assert live.read(path) is None


def test_publish_then_read(path):
    written = live.publish(path, year=2021, slide=4, spotlights=["kinh-mon", "chi-linh"])
    assert live.read(path) == written
    assert written.view() == (2021, 4, ("kinh-mon", "chi-linh"))
    assert json.loads(path.read_text())["slide"] == 4
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_every_move_gets_a_new_larger_stamp_and_is_seen(path):
    stamps = []
    for slide in (1, 2, 2, 3):
        live.publish(path, year=2021, slide=slide)
        seen = live.read(path)
        assert seen.slide == slide
        stamps.append(seen.stamp)
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_a_stale_slide_is_not_live(path, monkeypatch):
    live.publish(path, year=2021, slide=2)
    later = time.time_ns() + int((live.MAX_AGE_SECONDS + 60) * 1e9)
    monkeypatch.setattr(live.time, "time_ns", lambda: later)
    assert live.read(path) is None
    assert live.read(path, max_age=None).slide == 2


def test_clear_ends_it(path):
    live.publish(path, year=2021, slide=2)
    live.clear(path)
    assert live.read(path) is None
    live.clear(path)  # twice is fine


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "[]",
        '{"year": 2021, "slide": 0, "spotlights": [], "stamp": 1}',
        '{"year": "2021", "slide": 1, "spotlights": [], "stamp": 1}',
        '{"year": 2021, "slide": true, "spotlights": [], "stamp": 1}',
        '{"year": 2021, "slide": 1, "spotlights": "a", "stamp": 1}',
        '{"year": 2021, "slide": 1, "spotlights": [1], "stamp": 1}',
        '{"year": 2021, "slide": 1, "spotlights": [""], "stamp": 1}',
        '{"year": 2021, "slide": 1, "spotlights": []}',
    ],
)
def test_a_file_parviz_did_not_write_is_no_live_slide(path, text):
    assert live.parse(text) is None
    path.write_text(text)
    assert live.read(path, max_age=None) is None


def test_an_oversized_file_is_not_read(path):
    path.write_text(
        json.dumps({"year": 2021, "slide": 1, "stamp": 1, "spotlights": ["x" * 100] * 50})
        + " " * live.MAX_BYTES
    )
    assert live.read(path, max_age=None) is None


def test_a_change_made_by_another_process_is_seen(path):
    live.publish(path, year=2021, slide=1)
    assert live.read(path).slide == 1
    code = (
        "import sys; from pathlib import Path; from parviz import live; "
        "live.publish(Path(sys.argv[1]), year=2019, slide=7, spotlights=['a'])"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, cwd=ROOT)
    assert live.read(path).view() == (2019, 7, ("a",))


def test_readers_never_see_half_a_write(path):
    live.publish(path, year=2021, slide=7)  # slide n carries n % 7 spotlights, like the loop
    seen, stop = [], threading.Event()

    def reader() -> None:
        while not stop.is_set():
            live._seen.clear()  # read the file each time, not the remembered slide
            seen.append(live.read(path))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    for slide in range(1, 300):
        live.publish(path, year=2021, slide=slide, spotlights=["u"] * (slide % 7))
    stop.set()
    for thread in threads:
        thread.join()
    assert len(seen) > 10
    assert all(s is not None and s.spotlights == ("u",) * (s.slide % 7) for s in seen)


def test_a_failed_write_raises_oserror_and_keeps_the_live_slide(path, monkeypatch):
    live.publish(path, year=2021, slide=3)

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(live.os, "replace", full_disk)
    with pytest.raises(OSError):
        live.publish(path, year=2021, slide=4)
    assert live.read(path).slide == 3
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # the temporary file is gone


def test_a_missing_folder_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        live.publish(tmp_path / "gone" / live.LIVE_FILE, year=2021, slide=1)
