"""Columnar cache: same tables as parsing, invalidated by any file change, never trusted damaged."""

from __future__ import annotations

import os
import time

import pytest

from parviz import columnar, loading
from parviz.ranking import rank
from tests.helpers import SAMPLE, copy_minimal


@pytest.fixture
def cached_minimal(tmp_path, monkeypatch):
    """The minimal dataset, old enough to be cached, with the size threshold lifted."""
    monkeypatch.setattr(columnar, "MIN_BYTES", 0)
    folder = copy_minimal(tmp_path)
    age(folder)
    return folder


def age(folder, seconds: float = 60) -> None:
    """Set every file's modification time ``seconds`` into the past (distinct per call)."""
    past = time.time() - seconds
    for file in folder.glob("*.csv"):
        os.utime(file, (past, past))


def entries(folder):
    root = columnar.cache_root(folder)
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def assert_same(left, right):
    assert left.problems == right.problems
    for name, frame in left.dataset.tables.items():
        other = right.dataset.tables[name]
        assert list(frame.dtypes.astype(str)) == list(other.dtypes.astype(str)), name
        assert frame.equals(other), name


def test_second_load_reads_the_cache_and_gives_the_same_dataset(cached_minimal, monkeypatch):
    first = loading.load(cached_minimal)
    assert len(entries(cached_minimal)) == 1

    def no_parsing(path):
        raise AssertionError("the CSV files were parsed again")

    monkeypatch.setattr(loading, "type_tables", no_parsing)
    second = loading.load(cached_minimal)
    assert_same(second, first)


def test_cached_dataset_ranks_like_the_parsed_one(cached_minimal):
    loading.load(cached_minimal)
    cached = loading.load_dataset(cached_minimal)
    parsed = loading.load(cached_minimal, cache=False).dataset
    for year in cached.years:
        for block in cached.blocks:
            assert rank(cached, year=year, block=block).equals(rank(parsed, year=year, block=block))


def test_changing_a_file_gives_the_new_data(cached_minimal):
    before = loading.load_dataset(cached_minimal)
    key = entries(cached_minimal)
    units = cached_minimal / "units.csv"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("Bắc Hà,", "Bắc Hà Mới,", 1), encoding="utf-8")
    age(cached_minimal, seconds=30)  # still older than RACY_SECONDS, but a new mtime
    after = loading.load_dataset(cached_minimal)
    assert entries(cached_minimal) != key  # a new entry replaced the old one
    assert len(entries(cached_minimal)) == 1
    assert before.table("units")["name"].tolist()[1] == "UBND huyện Bắc Hà"
    assert after.table("units")["name"].tolist()[1] == "UBND huyện Bắc Hà Mới"
    assert after.table("units").equals(loading.load_dataset(cached_minimal).table("units"))


@pytest.mark.parametrize("damage", ["truncate", "flip", "manifest", "delete"])
def test_damaged_cache_is_rebuilt_never_used(cached_minimal, damage):
    reference = loading.load(cached_minimal, cache=False)
    loading.load(cached_minimal)
    entry = columnar.cache_root(cached_minimal) / entries(cached_minimal)[0]
    scores = entry / "scores.parquet"
    if damage == "truncate":
        scores.write_bytes(scores.read_bytes()[:100])
    elif damage == "flip":  # same size, one byte changed: only the checksum can tell
        data = bytearray(scores.read_bytes())
        data[len(data) // 2] ^= 0xFF
        scores.write_bytes(bytes(data))
    elif damage == "manifest":
        (entry / columnar.MANIFEST).write_text("{not json")
    else:
        scores.unlink()
    assert columnar.read(cached_minimal, entry.name) is None
    assert_same(loading.load(cached_minimal), reference)
    assert columnar.read(cached_minimal, entry.name) is not None  # rebuilt


def test_files_written_just_now_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setattr(columnar, "MIN_BYTES", 0)
    folder = copy_minimal(tmp_path)
    for file in folder.glob("*.csv"):
        os.utime(file)  # now: an edit within the timestamp granularity could keep the key
    assert loading.load(folder).dataset is not None
    assert entries(folder) == []


def test_a_dataset_with_errors_is_not_cached(cached_minimal):
    (cached_minimal / "scores.csv").write_text("year,unit_id,criterion_id,points\n2020,a,C1,x\n")
    age(cached_minimal)
    result = loading.load(cached_minimal)
    assert result.dataset is None
    assert "value_not_number" in [p.code for p in result.problems]
    assert entries(cached_minimal) == []


def test_small_datasets_are_not_cached_by_default(tmp_path):
    folder = copy_minimal(tmp_path)
    age(folder)
    assert loading.load(folder).dataset is not None
    assert entries(folder) == []
    sample_bytes = sum(f.stat().st_size for f in SAMPLE.glob("*.csv"))
    assert sample_bytes < columnar.MIN_BYTES  # the bundled sample never leaves a cache folder


def test_warm_load_reuses_the_validation_problems(cached_minimal, monkeypatch):
    from parviz import validation

    (cached_minimal / "units.csv").write_text(
        (cached_minimal / "units.csv").read_text() + "ghost,nowhere,Ghost,,,,,,\n"
    )
    age(cached_minimal)
    first = loading.load(cached_minimal)
    assert "unknown_block" in [p.code for p in first.problems]

    def no_validation(dataset):
        raise AssertionError("validated again")

    monkeypatch.setattr(validation, "validate", no_validation)
    assert loading.load(cached_minimal).problems == first.problems


def test_changed_rules_never_read_an_old_entry(cached_minimal, monkeypatch):
    loading.load(cached_minimal)
    monkeypatch.setattr(columnar, "code_hash", lambda: "changed0")
    loading.load(cached_minimal)
    assert len(entries(cached_minimal)) == 1 and entries(cached_minimal)[0].endswith("changed0")


def test_coded_text_columns_come_back_from_the_cache_as_parsed(tmp_path, monkeypatch):
    import shutil

    from tests.helpers import SAMPLE

    monkeypatch.setattr(columnar, "MIN_BYTES", 0)
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(columnar.CACHE_DIR))
    age(folder)
    first = loading.load(folder)
    assert first.dataset.text_codes["units"]  # the sample's repeated values are coded
    second = loading.load(folder)
    assert len(entries(folder)) == 1 and second.dataset.text_codes == {}  # from the cache
    assert_same(second, first)
    assert_same(second, loading.load(folder, cache=False))
