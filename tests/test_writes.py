"""Imports that write: concurrent imports, units created or matched, what --replace keeps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from parviz.cli import main
from parviz.importing import ImportOptions, import_table
from parviz.loading import load_dataset
from tests.helpers import ROOT

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
