"""Saving: validated, atomic, versioned, undoable."""

from __future__ import annotations

import os
import threading
import time

import pandas as pd
import pytest

from parviz import storage
from parviz.dataversion import data_version
from parviz.loading import load_dataset
from parviz.storage import dataset_tables, init_dataset, save_tables, undo, versions
from tests.helpers import copy_minimal, snapshot


def test_invalid_change_is_refused_and_nothing_changes(tmp_path):
    folder = copy_minimal(tmp_path)
    before = snapshot(folder)
    tables = dataset_tables(load_dataset(folder))
    scores = tables["scores"].copy()
    scores.loc[0, "points"] = 1000.0  # above the criterion maximum
    problems = save_tables(folder, {"scores": scores})
    assert "score_above_max" in [p.code for p in problems]
    assert snapshot(folder) == before
    assert versions(folder) == []


def test_valid_change_is_saved_versioned_and_undone(tmp_path):
    folder = copy_minimal(tmp_path)
    original = snapshot(folder)
    tables = dataset_tables(load_dataset(folder))
    results = tables["results"].copy()
    results.loc[results["unit_id"] == "c", "classification"] = "good"
    assert save_tables(folder, {"results": results}) == []
    changed = load_dataset(folder).table("results")
    assert (changed.loc[changed["unit_id"] == "c", "classification"] == "good").all()
    assert len(versions(folder)) == 1
    assert undo(folder) is not None
    assert {k: v for k, v in snapshot(folder).items() if not k.startswith(".versions")} == original
    assert undo(folder) is None


def test_undo_removes_a_file_the_save_created(tmp_path):
    folder = copy_minimal(tmp_path)
    (folder / "bands.csv").unlink() if (folder / "bands.csv").exists() else None
    bands = pd.DataFrame(
        [
            {
                "year": 2021,
                "block": "district",
                "band_id": "A",
                "order": 1,
                "name_vi": "≥ 90%",
                "name_en": "≥ 90%",
                "min_index": 90.0,
                "min_criterion_pct": None,
            }
        ]
    )
    assert save_tables(folder, {"bands": bands}) == []
    assert (folder / "bands.csv").exists()
    undo(folder)
    assert not (folder / "bands.csv").exists()


def test_init_makes_a_valid_real_dataset_and_refuses_a_full_folder(tmp_path):
    assert init_dataset(tmp_path / "new", "Tỉnh X") == []
    dataset = load_dataset(tmp_path / "new")
    assert dataset.title == "Tỉnh X" and dataset.illustrative is False
    assert [p.code for p in init_dataset(tmp_path / "new", "again")] == ["init_not_empty"]


def _set_title(folder, title: str) -> list:
    """Save the dataset with metadata title ``title``; return the problems."""
    metadata = dataset_tables(load_dataset(folder))["metadata"]
    metadata.loc[metadata["key"] == "title", "value"] = title
    return save_tables(folder, {"metadata": metadata})


def _title(folder) -> str:
    return load_dataset(folder).title


def test_undo_after_twelve_saves_in_one_second_restores_the_eleventh(tmp_path, monkeypatch):
    # (#18.10) versions named by time alone sorted '.9' after '.11'
    folder = copy_minimal(tmp_path)
    moment, strftime = time.localtime(), time.strftime
    monkeypatch.setattr(storage.time, "strftime", lambda form, *_: strftime(form, moment))
    for number in range(1, 13):
        assert _set_title(folder, f"save {number}") == []
    assert len(versions(folder)) == 12
    undo(folder)
    assert _title(folder) == "save 11"
    undo(folder)
    assert _title(folder) == "save 10"


def test_versions_sort_by_counter_and_prune_keeps_the_newest(tmp_path, monkeypatch):
    folder = copy_minimal(tmp_path)
    monkeypatch.setattr(storage, "KEEP_VERSIONS", 3)
    for number in range(1, 6):
        assert _set_title(folder, f"save {number}") == []
    names = versions(folder)
    assert [int(name.split("-")[0]) for name in names] == [3, 4, 5]
    undo(folder)
    assert _title(folder) == "save 4"


def test_a_versions_symlink_is_refused_and_what_it_points_to_untouched(tmp_path):
    # (#19.10) pruning deleted unrelated folders behind a linked .versions; undo restored one
    folder = copy_minimal(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    for number in range(25):
        (elsewhere / f"2019010{number % 10}-00000{number % 10}.{number}").mkdir(parents=True)
    (elsewhere / "20990101-000000").mkdir()
    (elsewhere / "20990101-000000" / "metadata.csv").write_text("key,value\ntitle,Intruder\n")
    (folder / ".versions").symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(elsewhere), sorted(p.name for p in elsewhere.iterdir())
    data_before = snapshot(folder)
    assert [p.code for p in _set_title(folder, "changed")] == ["versions_not_folder"]
    assert versions(folder) == []
    assert undo(folder) is None
    assert (snapshot(elsewhere), sorted(p.name for p in elsewhere.iterdir())) == before
    assert snapshot(folder) == data_before


def test_only_version_folders_parviz_made_are_listed_pruned_or_restored(tmp_path, monkeypatch):
    folder = copy_minimal(tmp_path)
    monkeypatch.setattr(storage, "KEEP_VERSIONS", 1)
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "metadata.csv").write_text("key,value\ntitle,Intruder\n")
    (folder / ".versions" / "notes").mkdir(parents=True)
    (folder / ".versions" / "999999-20990101T000000").symlink_to(outside, target_is_directory=True)
    (folder / ".versions" / "000000-20000101T000000.txt").write_text("mine")
    assert _set_title(folder, "one") == [] and _set_title(folder, "two") == []
    assert len(versions(folder)) == 1
    assert (folder / ".versions" / "notes").is_dir()
    assert (outside / "keep").is_dir() and (outside / "metadata.csv").exists()
    assert undo(folder) is not None and _title(folder) == "one"
    assert undo(folder) is None and _title(folder) == "one"


def test_a_symlinked_table_file_is_refused_not_replaced(tmp_path):
    # (#19.10)
    folder = copy_minimal(tmp_path)
    real = tmp_path / "shared-metadata.csv"
    real.write_bytes((folder / "metadata.csv").read_bytes())
    (folder / "metadata.csv").unlink()
    (folder / "metadata.csv").symlink_to(real)
    problems = _set_title(folder, "changed")
    assert [(p.code, p.file) for p in problems] == [("table_is_symlink", "metadata.csv")]
    assert (folder / "metadata.csv").is_symlink()
    assert "Minimal test dataset" in real.read_text()


def test_a_column_the_user_added_is_kept(tmp_path):
    # (#18.9) an import rewrote units.csv without the user's 'ghi_chu'
    folder = copy_minimal(tmp_path)
    units_file = folder / "units.csv"
    lines = units_file.read_text(encoding="utf-8").splitlines()
    notes = {"a": "đã sáp nhập", "b": "", "c": "ghi chú, có dấu phẩy"}
    lines = [lines[0] + ",ghi_chu"] + [
        f'{line},"{notes[line.split(",")[0]]}"' for line in lines[1:]
    ]
    units_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    units = dataset_tables(load_dataset(folder))["units"]
    units.loc[units["unit_id"] == "b", "short_name"] = "Bắc Hà mới"
    new = units.iloc[[0]].assign(unit_id="d", name="UBND huyện Đông Sơn", aliases=None)
    problems = save_tables(folder, {"units": pd.concat([units, new])})
    assert [p.code for p in problems] == ["column_unknown"]  # a warning: kept, not an error
    saved = pd.read_csv(units_file, dtype=str, keep_default_na=False)
    assert list(saved.columns)[-1] == "ghi_chu"
    assert dict(zip(saved["unit_id"], saved["ghi_chu"])) == notes | {"d": ""}
    assert saved.loc[saved["unit_id"] == "b", "short_name"].item() == "Bắc Hà mới"


def test_tables_that_did_not_change_are_not_rewritten(tmp_path):
    # (#18.8) every import rewrote all ten files from what it read
    folder = copy_minimal(tmp_path)
    inodes = {p.name: p.stat().st_ino for p in folder.glob("*.csv")}
    tables = dataset_tables(load_dataset(folder))
    tables["metadata"].loc[tables["metadata"]["key"] == "title", "value"] = "new"
    assert save_tables(folder, tables) == []
    after = {p.name: p.stat().st_ino for p in folder.glob("*.csv")}
    assert [name for name in inodes if after[name] != inodes[name]] == ["metadata.csv"]
    assert sorted(p.name for p in (folder / ".versions").iterdir() for p in p.iterdir()) == [
        "metadata.csv"
    ]


def test_a_save_is_refused_when_the_files_changed_since_they_were_read(tmp_path):
    # (#18.8)
    folder = copy_minimal(tmp_path)
    read_at = data_version(folder)
    tables = dataset_tables(load_dataset(folder))
    assert _set_title(folder, "someone else's save") == []
    tables["metadata"].loc[tables["metadata"]["key"] == "title", "value"] = "mine"
    problems = save_tables(folder, {"metadata": tables["metadata"]}, expected_version=read_at)
    assert [p.code for p in problems] == ["save_changed_since_read"]
    assert _title(folder) == "someone else's save"


def test_data_version_changes_with_every_save_undo_and_hand_edit(tmp_path):
    # (#18.12) the id the caches key on
    folder = copy_minimal(tmp_path)
    seen = [data_version(folder)]
    assert data_version(folder) == seen[0]
    _set_title(folder, "one")
    seen.append(data_version(folder))
    undo(folder)
    seen.append(data_version(folder))
    with (folder / "units.csv").open("a", encoding="utf-8") as handle:
        handle.write("d,district,UBND huyện Đông Sơn,,,2020,,,\n")
    seen.append(data_version(folder))
    assert len(set(seen)) == 4 and all(seen)
    assert data_version(tmp_path / "missing") == ""


def test_a_reader_never_sees_half_a_save(tmp_path, monkeypatch):
    # (#18.12) a save replaced files one by one; a load in between read a mix
    folder = copy_minimal(tmp_path)
    tables = dataset_tables(load_dataset(folder))
    tables["metadata"].loc[tables["metadata"]["key"] == "title", "value"] = "after"
    tables["units"].loc[tables["units"]["unit_id"] == "b", "short_name"] = "after"
    halfway, replace = threading.Event(), os.replace

    def slow_replace(source, target):
        replace(source, target)
        if str(target).endswith(".csv") and not halfway.is_set():
            halfway.set()
            time.sleep(0.5)  # the first file is new, the second still old

    monkeypatch.setattr(storage.os, "replace", slow_replace)
    saving = threading.Thread(
        target=save_tables,
        args=(folder, {"metadata": tables["metadata"], "units": tables["units"]}),
    )
    saving.start()
    assert halfway.wait(5)
    dataset = load_dataset(folder)
    saving.join()
    short = dataset.table("units").set_index("unit_id")["short_name"]
    assert (dataset.title, short["b"]) == ("after", "after")


def test_a_loaded_dataset_carries_the_version_it_was_read_at(tmp_path):
    # (#18.12, #18.13) the id caches key on is taken under the read lock, before reading
    folder = copy_minimal(tmp_path)
    assert load_dataset(folder).fingerprint == data_version(folder)
    _set_title(folder, "one")
    assert load_dataset(folder).fingerprint == data_version(folder)


def test_every_refusal_of_a_save_renders_in_both_languages(tmp_path):
    folder = copy_minimal(tmp_path)
    stale = save_tables(folder, {}, expected_version="stale")
    (folder / ".versions").symlink_to(tmp_path, target_is_directory=True)
    (folder / "units.csv").rename(tmp_path / "units.csv")
    (folder / "units.csv").symlink_to(tmp_path / "units.csv")
    problems = stale + save_tables(folder, {"units": load_dataset(folder).table("units")})
    codes = ["save_changed_since_read", "versions_not_folder", "table_is_symlink"]
    assert [p.code for p in problems] == codes
    for problem in problems:
        for lang in ("vi", "en"):
            assert "{" not in problem.render(lang)


def test_a_save_stopped_halfway_is_put_back_by_the_next_writer(tmp_path, monkeypatch):
    # (#18.12) a save is one step: one that stopped between two files is rolled back
    folder = copy_minimal(tmp_path)
    before = snapshot(folder)
    tables = dataset_tables(load_dataset(folder))
    tables["metadata"].loc[tables["metadata"]["key"] == "title", "value"] = "half"
    tables["units"].loc[tables["units"]["unit_id"] == "b", "short_name"] = "half"
    replace, done = os.replace, []

    def dying_replace(source, target):
        if str(target).endswith(".csv") and done:
            raise KeyboardInterrupt  # the process stops between two files
        replace(source, target)
        done.append(target)

    monkeypatch.setattr(storage.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        save_tables(folder, {"metadata": tables["metadata"], "units": tables["units"]})
    monkeypatch.setattr(storage.os, "replace", replace)
    assert _title(folder) == "half"  # the files are a mix now
    problems = _set_title(folder, "next")
    assert [p.code for p in problems] == ["save_interrupted"]
    assert _title(folder) == "next"
    units = load_dataset(folder).table("units").set_index("unit_id")
    assert units.loc["b", "short_name"] == "Bắc Hà"
    undo(folder)
    assert {k: v for k, v in snapshot(folder).items() if not k.startswith(".")} == {
        k: v for k, v in before.items() if not k.startswith(".")
    }


def test_a_column_added_to_a_semicolon_file_is_kept_as_a_column(tmp_path):
    # (#18.9) a file saved by a spreadsheet with ';' keeps its extra column, not a bogus one
    folder = copy_minimal(tmp_path)
    text = (folder / "units.csv").read_text(encoding="utf-8").splitlines()
    rows = [
        line.replace(",", ";") + (";ghi_chu" if i == 0 else f";note {i}")
        for i, line in enumerate(text)
    ]
    (folder / "units.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    units = dataset_tables(load_dataset(folder))["units"]
    units.loc[units["unit_id"] == "c", "short_name"] = "Cẩm Lộc mới"
    save_tables(folder, {"units": units})
    saved = pd.read_csv(folder / "units.csv", dtype=str, keep_default_na=False)
    assert list(saved.columns) == [*storage.schema.UNITS.column_names, "ghi_chu"]
    assert saved["ghi_chu"].tolist() == ["note 1", "note 2", "note 3"]
