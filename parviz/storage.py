"""Write a dataset to disk only through validation, atomically, keeping the previous version."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from parviz import schema
from parviz.dataset import ROW, Dataset
from parviz.loading import empty_frame, load
from parviz.problems import Problem, has_errors

VERSIONS_DIR = ".versions"
# Older versions beyond this many are deleted after a save.
KEEP_VERSIONS = 20


def table_csv(table: schema.Table, frame: pd.DataFrame) -> bytes:
    """Return ``frame`` as canonical CSV bytes: declared columns, sorted by key, UTF-8."""
    frame = frame.drop(columns=[ROW], errors="ignore")
    frame = frame.sort_values(list(table.key), kind="stable") if len(frame) else frame
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    for values in frame[table.column_names].itertuples(index=False):
        writer.writerow([_cell(value) for value in values])
    return buffer.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)


def save_tables(path: Path, changed: dict[str, pd.DataFrame]) -> list[Problem]:
    """Validate the dataset with ``changed`` tables, then replace those files atomically.

    Returns the problems; when any is an error nothing on disk has changed.
    """
    path = Path(path)
    staging = Path(tempfile.mkdtemp(prefix=".parviz-staging-", dir=path))
    try:
        for table in schema.TABLES:
            source = path / table.file_name
            if table.name in changed:
                (staging / table.file_name).write_bytes(table_csv(table, changed[table.name]))
            elif source.exists():
                shutil.copy2(source, staging / table.file_name)
        problems = load(staging).problems
        if has_errors(problems):
            return problems
        _backup(path, [schema.TABLES_BY_NAME[name].file_name for name in changed])
        for name in changed:
            file_name = schema.TABLES_BY_NAME[name].file_name
            os.replace(staging / file_name, path / file_name)  # atomic on one filesystem
        return problems
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _backup(path: Path, file_names: list[str]) -> Path:
    """Copy the current files that are about to change into a new version folder."""
    version = path / VERSIONS_DIR / time.strftime("%Y%m%d-%H%M%S")
    suffix = 0
    while version.exists():
        suffix += 1
        version = version.with_name(f"{version.name.split('.')[0]}.{suffix}")
    version.mkdir(parents=True)
    for file_name in file_names:
        source = path / file_name
        if source.exists():
            shutil.copy2(source, version / file_name)
        else:
            (version / f"{file_name}.absent").touch()  # undo removes a file that was new
    _prune(path / VERSIONS_DIR)
    return version


def _prune(versions: Path) -> None:
    for old in sorted(versions.iterdir())[:-KEEP_VERSIONS]:
        shutil.rmtree(old, ignore_errors=True)


def versions(path: Path) -> list[str]:
    """Return the saved versions of the dataset at ``path``, oldest first."""
    folder = Path(path) / VERSIONS_DIR
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def undo(path: Path) -> str | None:
    """Restore the files of the latest saved version; return its name, or None if none."""
    path = Path(path)
    names = versions(path)
    if not names:
        return None
    version = path / VERSIONS_DIR / names[-1]
    for saved in version.iterdir():
        if saved.name.endswith(".absent"):
            (path / saved.name.removesuffix(".absent")).unlink(missing_ok=True)
        else:
            temporary = path / f".{saved.name}.restore"
            shutil.copy2(saved, temporary)
            os.replace(temporary, path / saved.name)
    shutil.rmtree(version)
    return names[-1]


def init_dataset(path: Path, title: str, region: str = "") -> list[Problem]:
    """Create an empty dataset folder (real data: not illustrative); refuse a non-empty one."""
    path = Path(path)
    if path.exists() and any(path.iterdir()):
        return [Problem("init_not_empty", file=str(path))]
    path.mkdir(parents=True, exist_ok=True)
    metadata = pd.DataFrame(
        {"key": ["title", "region", "illustrative"], "value": [title, region, "false"]}
    )
    for table in schema.TABLES:
        if table.required:
            frame = metadata if table is schema.METADATA else empty_frame(table)
            (path / table.file_name).write_bytes(table_csv(table, frame))
    return load(path).problems


def dataset_tables(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Return copies of the dataset's tables, ready to change and save."""
    return {name: frame.copy() for name, frame in dataset.tables.items()}
