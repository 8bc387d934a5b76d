"""Saving: validated, atomic, versioned, undoable."""

from __future__ import annotations

import pandas as pd

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
