"""Imports that write: concurrent imports, units created or matched, what --replace keeps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from parviz.cli import main
from parviz.importing import ImportOptions, import_table, match_preview
from parviz.loading import load_dataset
from parviz.storage import save_tables
from tests.helpers import ROOT, copy_minimal

UNITS = ["Sở Tài chính", "Sở Y tế", "Sở Nội vụ", "Sở Xây dựng"]


def table(scores: list[float], names: list[str] = UNITS, extra: str = "") -> bytes:
    """Return a published table: unit name and total (and ``extra`` header/cells)."""
    lines = ["Tên đơn vị,Tổng điểm" + (f",{extra}" if extra else "")]
    lines += [f"{name},{score}" for name, score in zip(names, scores)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def departments(tmp_path: Path) -> Path:
    """Return a new dataset whose department units exist (created by a 2021 import)."""
    folder = tmp_path / "dataset"
    assert main(["init", str(folder), "--title", "Tỉnh X"]) == 0
    options = ImportOptions(year=2021, block="department", create_units=True)
    assert import_table(folder, table([90, 80, 70, 60]), "2021.csv", options).written
    return folder


def test_two_imports_running_at_once_both_survive(tmp_path):
    # (#18.8) both exited 0 and only one year survived: each rewrote all files from its read
    folder = departments(tmp_path)
    runs = []
    for year in (2022, 2023):
        file = tmp_path / f"{year}.csv"
        file.write_bytes(table([91, 81, 71, year - 1961]))
        argv = ["--data", str(folder), "import", str(file), "--year", str(year)]
        runs.append([sys.executable, "-m", "parviz.cli", *argv, "--block", "department"])
    processes = [
        subprocess.Popen(run, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for run in runs
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    codes = [process.returncode for process in processes]
    assert codes == [0, 0], outputs
    results = load_dataset(folder).table("results")
    assert sorted(set(results["year"])) == [2021, 2022, 2023]
    assert results.groupby("year").size().tolist() == [4, 4, 4]


def communes(tmp_path: Path, names: list[str]) -> Path:
    """Return a new dataset whose commune units are ``names`` (created by a 2021 import)."""
    folder = tmp_path / "communes"
    assert main(["init", str(folder), "--title", "Huyện Y"]) == 0
    options = ImportOptions(year=2021, block="commune", create_units=True)
    scores = [90 - i for i in range(len(names))]
    assert import_table(folder, table(scores, names), "2021.csv", options).written
    return folder


def units_of(folder: Path, year: int) -> list[str]:
    """Return the units with a result in ``year``."""
    results = load_dataset(folder).table("results")
    return results.loc[results["year"] == year, "unit_id"].tolist()


def codes(result) -> list[str]:
    return [p.code for p in result.problems]


def test_a_name_written_twice_is_an_error_even_with_create_units(tmp_path):
    # (#18.6) a repeated row created xa-moi and xa-moi-2
    folder = communes(tmp_path, ["Xã Cũ"])
    options = ImportOptions(year=2022, block="commune", create_units=True)
    result = import_table(folder, table([80, 70], ["Xã Mới", "xã  mới"]), "t.csv", options)
    assert not result.written and "import_duplicate_name" in codes(result)
    duplicate = next(p for p in result.problems if p.code == "import_duplicate_name")
    assert (duplicate.row, duplicate.params["first_row"]) == (3, 2)
    assert load_dataset(folder).table("units")["unit_id"].tolist() == ["xa-cu"]


def test_an_ambiguous_name_is_an_error_even_with_create_units(tmp_path):
    # (#18.6) an ambiguous name created a third unit and the score went to it
    folder = communes(tmp_path, ["Xã An Lạc", "Phường An Lạc"])
    options = ImportOptions(year=2022, block="commune", create_units=True)
    result = import_table(folder, table([80], ["An Lạc"]), "t.csv", options)
    assert not result.written and codes(result) == ["import_ambiguous_unit"]
    candidates = result.problems[0].params["candidates"]
    assert "Xã An Lạc (xa-an-lac)" in candidates and "Phường An Lạc (phuong-an-lac)" in candidates
    assert len(load_dataset(folder).table("units")) == 2


def test_a_phuong_is_not_attached_to_a_xa_of_the_same_name(tmp_path):
    # (#18.7) 'Phường An Lạc' was attached to 'Xã An Lạc' with a warning and exit 0
    folder = communes(tmp_path, ["Xã An Lạc", "Xã Bình Minh"])
    options = ImportOptions(year=2022, block="commune")
    result = import_table(folder, table([80, 70], ["Phường An Lạc", "Xa Binh Minh"]), "t", options)
    assert not result.written and codes(result) == ["import_unknown_unit", "name_loose"]
    assert "Xã An Lạc (xa-an-lac)" in result.problems[0].params["candidates"]


def test_a_recorded_rename_lets_the_type_change_and_names_count_as_of_the_year(tmp_path):
    # (#18.7) xa-hoa-binh became 'Phường Hòa Bình' in 2022, when the old phường was renamed
    folder = communes(tmp_path, ["Xã Hòa Bình", "Phường Hòa Bình"])
    (folder / "unit_names.csv").write_text(
        "unit_id,from_year,name,short_name\n"
        "xa-hoa-binh,2022,Phường Hòa Bình,\n"
        "phuong-hoa-binh,2022,Phường Bình Minh,\n",
        encoding="utf-8",
    )
    for year, unit in ((2021, "phuong-hoa-binh"), (2023, "xa-hoa-binh")):
        options = ImportOptions(year=year, block="commune", replace=True)
        result = import_table(folder, table([75], ["Phường Hòa Bình"]), "t.csv", options)
        assert result.written and codes(result) == []  # the name in effect that year: exact
        assert units_of(folder, year) == [unit]
    options = ImportOptions(year=2020, block="commune")
    result = import_table(folder, table([70], ["Phuong Binh Minh"]), "t.csv", options)
    assert result.written and codes(result) == ["name_loose"]
    assert units_of(folder, 2020) == ["phuong-hoa-binh"]


def test_invisible_characters_do_not_make_look_alike_units(tmp_path):
    # (#19.8) 'Sở Nội\u200b vụ' and '\u202eSở Y tế' created so-noi-vu-2 and so-y-te-2
    folder = departments(tmp_path)
    options = ImportOptions(year=2022, block="department", create_units=True)
    names = ["Sở Tài chính", "\u202eSở Y tế\u202c", "Sở Nội\u200b vụ", "Sở Xây\ufeff dựng"]
    result = import_table(folder, table([91, 81, 71, 61], names), "t.csv", options)
    assert result.written, codes(result)
    assert sorted(load_dataset(folder).table("units")["unit_id"]) == [
        "so-noi-vu",
        "so-tai-chinh",
        "so-xay-dung",
        "so-y-te",
    ]


def test_a_name_with_a_control_character_is_refused_where_it_is(tmp_path):
    # (#19.8)
    folder = departments(tmp_path)
    options = ImportOptions(year=2022, block="department", create_units=True)
    names = ["Sở Tài chính", "Sở Y\x07 tế", "Sở Nội vụ", "Sở Xây dựng"]
    result = import_table(folder, table([91, 81, 71, 61], names), "t.csv", options)
    assert not result.written and codes(result) == ["name_control_character"]
    problem = result.problems[0]
    assert (problem.row, problem.column, problem.params["character"]) == (3, "Tên đơn vị", "U+0007")
    assert "\x07" not in problem.render("vi") and "Sở Y<U+0007> tế" in problem.render("en")
    assert len(load_dataset(folder).table("units")) == 4


A, B, C = "UBND thành phố An Bình", "UBND huyện Bắc Hà", "UBND huyện Cẩm Lộc"  # minimal


def minimal_results(folder: Path, year: int) -> dict[str, tuple]:
    """Return {unit: (total, rank)} of ``year``."""
    results = load_dataset(folder).table("results")
    rows = results[results["year"] == year]
    return {u: (t, r) for u, t, r in zip(rows["unit_id"], rows["total"], rows["rank"])}


def test_replace_keeps_the_official_ranks_a_criteria_table_does_not_bring(tmp_path):
    # (#18.11) a criteria table imported with --replace deleted the year's official ranks
    folder = copy_minimal(tmp_path)
    before = minimal_results(folder, 2021)
    criteria = (
        "Đơn vị,Cải cách thể chế,Cải cách thủ tục hành chính,Tổng điểm\n"
        f"{A},40,44,84\n{B},35,49,84\n{C},30.5,45,75.5\n"
    )
    options = ImportOptions(year=2021, block="district", replace=True)
    result = import_table(folder, criteria.encode(), "c.csv", options)
    assert result.written, codes(result)
    assert minimal_results(folder, 2021) == before
    scores = load_dataset(folder).table("scores")
    points = scores[(scores["year"] == 2021) & (scores["unit_id"] == "a")]["points"]
    assert sorted(points) == [40, 44]


def test_replace_keeps_the_criteria_a_totals_table_does_not_bring(tmp_path):
    folder = copy_minimal(tmp_path)
    totals = f"Đơn vị,Tổng điểm\n{A},84\n{B},84\n{C},75.5\n"
    options = ImportOptions(year=2021, block="district")
    refused = import_table(folder, totals.encode(), "t.csv", options)
    assert codes(refused) == ["import_exists"] and refused.problems[0].params["count"] == 3
    options.replace = True
    result = import_table(folder, totals.encode(), "t.csv", options)
    assert result.written and codes(result) == ["import_kept_columns"]
    assert result.problems[0].params["columns"] == "rank, classification"
    assert minimal_results(folder, 2021) == {"a": (84, 1), "b": (84, 2), "c": (75.5, 3)}
    scores = load_dataset(folder).table("scores")
    assert len(scores[scores["year"] == 2021]) == 6


def test_a_table_of_new_columns_needs_no_replace(tmp_path):
    folder = copy_minimal(tmp_path)
    table = f"Đơn vị,Chỉ số CCHC (%)\n{A},84\n{B},84\n{C},75.5\n"
    options = ImportOptions(year=2021, block="district")
    result = import_table(folder, table.encode(), "t.csv", options)
    assert result.written, codes(result)
    results = load_dataset(folder).table("results")
    assert results.loc[results["year"] == 2021, "index_pct"].tolist() == [84, 84, 75.5]
    assert minimal_results(folder, 2021)["a"] == (84, 1)


def test_undo_through_a_linked_versions_folder_says_why_it_refuses(tmp_path, capsys):
    # (#19.10) undo "restored" an unrelated folder behind a linked .versions
    folder = copy_minimal(tmp_path)
    elsewhere = tmp_path / "elsewhere" / "20260101-000000"
    elsewhere.mkdir(parents=True)
    (elsewhere / "metadata.csv").write_text("key,value\ntitle,Intruder\n", encoding="utf-8")
    (folder / ".versions").symlink_to(elsewhere.parent, target_is_directory=True)
    assert main(["--lang", "en", "--data", str(folder), "undo"]) == 1
    assert ".versions is not a real folder" in capsys.readouterr().err
    assert load_dataset(folder).title == "Minimal test dataset"
    assert (elsewhere / "metadata.csv").exists()


def test_the_preview_marks_an_ambiguous_name_unknown_not_new(tmp_path):
    folder = communes(tmp_path, ["Xã An Lạc", "Phường An Lạc"])
    options = ImportOptions(year=2022, block="commune", create_units=True)
    parsed = pd.DataFrame({"name": ["An Lạc", "Xã Mới", "Xa An Lac"]})
    preview = match_preview(load_dataset(folder), parsed, options)
    assert preview["match"].tolist() == ["unknown", "new", "loose"]
    assert preview["unit_id"].tolist()[2] == "xa-an-lac"


def test_a_name_goes_to_the_unit_that_exists_in_the_imported_year(tmp_path):
    # (#18.7) after a merger the new commune takes the old one's name: match as of the year
    folder = communes(tmp_path, ["Xã An Lạc", "Xã Bình Minh"])
    units = load_dataset(folder).table("units").drop(columns=["_row"], errors="ignore")
    units.loc[units["unit_id"] == "xa-an-lac", ["last_year", "successor_ids"]] = [2021, "an-lac"]
    merged = {"unit_id": "an-lac", "block": "commune", "name": "Xã An Lạc", "first_year": 2022}
    units = pd.concat([units, pd.DataFrame([merged | {"predecessor_ids": "xa-an-lac"}])])
    assert not [p for p in save_tables(folder, {"units": units}) if p.is_error]
    options = ImportOptions(year=2022, block="commune")
    result = import_table(folder, table([80, 70], ["Xã An Lạc", "Xã Bình Minh"]), "t", options)
    assert result.written and codes(result) == []
    assert units_of(folder, 2022) == ["an-lac", "xa-binh-minh"]
