"""Write a dataset to disk only through validation, atomically, keeping the previous version.

A save holds the dataset's exclusive lock (parviz.dataversion), so readers see its files all
before or all after it. Backups go to ``.versions/`` in folders named ``000012-20261201T115300``
(a counter, so they sort, and the time); parviz manages only entries of that shape and follows
no symbolic link. Columns a user added to a table are kept when parviz rewrites it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import time
import unicodedata
from pathlib import Path

import pandas as pd

from parviz import schema
from parviz.dataset import ROW, Dataset
from parviz.dataversion import data_version, dataset_lock
from parviz.loading import empty_frame, load, type_table
from parviz.problems import Problem, Severity, has_errors
from parviz.reading import read_csv_bytes, sniff_separator

__all__ = ["data_version", "save_tables", "undo", "undo_problems", "versions", "write_problems"]

VERSIONS_DIR = ".versions"
# Older versions beyond this many are deleted after a save.
KEEP_VERSIONS = 20
_VERSION = re.compile(r"^(\d{6,})-\d{8}T\d{6}$")
_LEGACY_VERSION = re.compile(r"^(\d{8}-\d{6})(?:\.(\d+))?$")  # before the counter (sorted badly)
_TABLE_FILES = {table.file_name for table in schema.TABLES}
# In a version folder until every file of its save is replaced: the save stopped halfway.
_INCOMPLETE = "incomplete"


def table_csv(
    table: schema.Table, frame: pd.DataFrame, extra: list[str] | tuple[str, ...] = ()
) -> bytes:
    """Return ``frame`` as canonical CSV bytes: declared columns (then ``extra``), by key."""
    frame = frame.drop(columns=[ROW], errors="ignore")
    frame = frame.sort_values(list(table.key), kind="stable") if len(frame) else frame
    columns = table.column_names + list(extra)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for values in frame[columns].itertuples(index=False):
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


def save_tables(
    path: Path, changed: dict[str, pd.DataFrame], *, expected_version: str | None = None
) -> list[Problem]:
    """Validate the dataset with ``changed`` tables, then replace those files in one step.

    With ``expected_version`` (the data_version the tables were read at) the save is refused
    when the files changed since. Returns the problems; on any error nothing on disk changed.
    """
    path = Path(path)
    with dataset_lock(path, exclusive=True):
        problems = write_problems(path, [schema.TABLES_BY_NAME[n].file_name for n in changed])
        if not problems and expected_version is not None and data_version(path) != expected_version:
            problems = [Problem("save_changed_since_read", file=str(path))]
        if problems:
            return problems
        recovered = _finish_interrupted(path)
        if recovered and expected_version is not None:
            return recovered + [Problem("save_changed_since_read", file=str(path))]
        return recovered + _save_locked(path, changed)


def _save_locked(path: Path, changed: dict[str, pd.DataFrame]) -> list[Problem]:
    staging = Path(tempfile.mkdtemp(prefix=".parviz-staging-", dir=path))
    try:
        written = []
        for table in schema.TABLES:
            source = path / table.file_name
            if table.name in changed and (source.exists() or len(changed[table.name])):
                data = _table_bytes(table, changed[table.name], source)
                if source.exists() and _same_content(table, source, data):
                    _link_or_copy(source, staging / table.file_name)
                    continue  # unchanged: neither rewritten nor backed up
                (staging / table.file_name).write_bytes(data)
                written.append(table.file_name)
            elif source.exists():
                _link_or_copy(source, staging / table.file_name)
        problems = load(staging, cache=False).problems
        if has_errors(problems) or not written:
            return problems
        version = _backup(path, written)
        for file_name in written:
            os.replace(staging / file_name, path / file_name)  # atomic on one filesystem
        (version / _INCOMPLETE).unlink()
        return problems
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _same_content(table: schema.Table, source: Path, data: bytes) -> bool:
    """Return True when ``source`` already holds ``data``, byte for byte or as a table.

    A file written before a column was declared (e.g. results.csv without ``grade``) has the
    same content as its canonical form with that column empty: it is not rewritten.
    """
    raw_bytes = source.read_bytes()
    if raw_bytes == data:
        return True
    raw, _ = read_csv_bytes(raw_bytes, table.file_name)
    if raw is None:
        return False
    typed, problems = type_table(table, raw)
    return not has_errors(problems) and _table_bytes(table, typed, source) == data


def _table_bytes(table: schema.Table, frame: pd.DataFrame, source: Path) -> bytes:
    """Return the new file of ``table``, with the columns a user added to ``source`` kept."""
    extra = _extra_columns(table, source)
    if not extra:
        return table_csv(table, frame)
    kept = _extra_values(table, source, extra)
    keys = _key_texts(table, frame)
    frame = frame.drop(columns=[ROW], errors="ignore").copy()
    for column in extra:
        frame[column] = [kept.get(key, {}).get(column, "") for key in keys]
    return table_csv(table, frame, extra)


def _extra_columns(table: schema.Table, source: Path) -> list[str]:
    """Return the headers of ``source`` that ``table`` does not declare, in file order."""
    if not source.is_file():
        return []
    with source.open("rb") as handle:
        head = handle.read(1 << 16).decode("utf-8-sig", errors="replace")
    header = next(csv.reader(io.StringIO(head), delimiter=sniff_separator(head)), [])
    declared = set(table.column_names)
    return [h for h in header if h.strip() and _header_key(h) not in declared]


def _header_key(header: str) -> str:
    """Return a header as the loader compares it with the declared column names."""
    return unicodedata.normalize("NFC", header).strip().casefold()


def _extra_values(table: schema.Table, source: Path, extra: list[str]) -> dict[tuple, dict]:
    """Return {key texts: {extra column: cell}} of the rows of ``source``."""
    raw, _ = read_csv_bytes(source.read_bytes(), table.file_name)
    if raw is None:
        return {}
    typed, _ = type_table(table, raw)
    keys = _key_texts(table, typed)
    by_key = {_header_key(str(c)): raw.frame[c] for c in raw.frame.columns}
    columns = [by_key.get(_header_key(c)) for c in extra]
    return {
        key: {
            c: ("" if values is None else str(values.iat[i])) for c, values in zip(extra, columns)
        }
        for i, key in enumerate(keys)
    }


def _key_texts(table: schema.Table, frame: pd.DataFrame) -> list[tuple]:
    """Return each row's key as the text it is written with."""
    columns = [frame[name].tolist() for name in table.key]
    return [tuple(_cell(value) for value in values) for values in zip(*columns)]


def _link_or_copy(source: Path, target: Path) -> None:
    """Hard-link ``source`` as ``target`` (a save replaces files, never edits them), or copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_problems(path: Path, file_names: list[str]) -> list[Problem]:
    """Return why parviz must not write these files of ``path``: symbolic links it would replace."""
    path = Path(path)
    problems = []
    versions_dir = path / VERSIONS_DIR
    if versions_dir.is_symlink() or (versions_dir.exists() and not versions_dir.is_dir()):
        problems.append(Problem("versions_not_folder", file=str(versions_dir)))
    for file_name in file_names:
        if (path / file_name).is_symlink():
            problems.append(Problem("table_is_symlink", file=file_name))
    return problems


def _backup(path: Path, file_names: list[str]) -> Path:
    """Keep the current files that are about to change in a new version folder."""
    folder = path / VERSIONS_DIR
    folder.mkdir(exist_ok=True)
    counters = [int(m.group(1)) for m in map(_VERSION.match, versions(path)) if m]
    version = folder / f"{max(counters, default=0) + 1:06d}-{time.strftime('%Y%m%dT%H%M%S')}"
    version.mkdir()
    (version / _INCOMPLETE).touch()
    for file_name in file_names:
        source = path / file_name
        if source.exists():
            _link_or_copy(source, version / file_name)
        else:
            (version / f"{file_name}.absent").touch()  # undo removes a file that was new
    _prune(path)
    return version


def _prune(path: Path) -> None:
    for old in versions(path)[:-KEEP_VERSIONS]:
        shutil.rmtree(path / VERSIONS_DIR / old)  # a real folder parviz made (see versions)


def versions(path: Path) -> list[str]:
    """Return the versions parviz saved of the dataset at ``path``, oldest first.

    Only real folders named as parviz names them count; a symbolic link (to the versions
    folder or in it) is never followed.
    """
    folder = Path(path) / VERSIONS_DIR
    if folder.is_symlink() or not folder.is_dir():
        return []
    names = [
        entry.name
        for entry in os.scandir(folder)
        if entry.is_dir(follow_symlinks=False) and _order(entry.name) is not None
    ]
    return sorted(names, key=_order)


def _order(name: str) -> tuple[int, str, int] | None:
    """Return the sort key of a version name (legacy names first), None for other names."""
    if match := _VERSION.match(name):
        return (1, "", int(match.group(1)))
    if match := _LEGACY_VERSION.match(name):
        return (0, match.group(1), int(match.group(2) or 0))
    return None


def undo_problems(path: Path) -> list[Problem]:
    """Return why undo must not restore the latest version (see write_problems)."""
    names = versions(path)
    saved = _saved_files(Path(path) / VERSIONS_DIR / names[-1]) if names else []
    return write_problems(path, [entry.name.removesuffix(".absent") for entry in saved])


def _saved_files(version: Path) -> list[Path]:
    """Return the table files (and '.absent' marks) kept in ``version``; nothing else."""
    return [
        entry
        for entry in version.iterdir()
        if entry.name.removesuffix(".absent") in _TABLE_FILES
        and entry.is_file()
        and not entry.is_symlink()
    ]


def _finish_interrupted(path: Path) -> list[Problem]:
    """Put back the files of a save that stopped halfway (its version is still marked)."""
    names = versions(path)
    if not names or not (path / VERSIONS_DIR / names[-1] / _INCOMPLETE).exists():
        return []
    _restore(path, names[-1])
    return [Problem("save_interrupted", Severity.WARNING, params={"version": names[-1]})]


def _restore(path: Path, name: str) -> None:
    """Put the files kept in version ``name`` back in place, then delete the version."""
    version = path / VERSIONS_DIR / name
    for entry in _saved_files(version):
        if entry.name.endswith(".absent"):
            (path / entry.name.removesuffix(".absent")).unlink(missing_ok=True)
        else:
            temporary = path / f".{entry.name}.restore"
            shutil.copy2(entry, temporary)
            os.replace(temporary, path / entry.name)
    shutil.rmtree(version)


def undo(path: Path) -> str | None:
    """Restore the files of the latest saved version; return its name, or None if none."""
    path = Path(path)
    with dataset_lock(path, exclusive=True):
        names = versions(path)
        if not names or undo_problems(path):
            return None
        _restore(path, names[-1])  # an interrupted save too: its files were half replaced
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
