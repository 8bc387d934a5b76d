"""A columnar (Parquet) cache of a dataset's typed tables, so a large dataset is parsed once.

The cache lives beside the data in ``.parviz-cache/`` (git-ignored): one folder per key with a
Parquet file per table and a ``manifest.json``. The key is ``fingerprint_files`` of the dataset's
files (path, size, modification time) plus CACHE_VERSION and a hash of the parviz source files
that type and validate tables, so editing or replacing any file, or changing those rules, makes a
new key and the old entry is never read again. The manifest also keeps the validation problems
(cross-table rules take seconds on millions of rows), so a warm load skips validation.

Never wrong, at worst slow:
- an entry is used only when its manifest names the same key and version, and every Parquet
  file has the SHA-256 and row count the manifest recorded; anything else (a truncated or
  corrupt file, a missing table, an unreadable manifest) is ignored and rebuilt from the CSVs;
- an entry is written only from files whose modification time is at least RACY_SECONDS old:
  a file edited again within the file system's timestamp granularity, keeping its size, would
  otherwise keep the same fingerprint (git calls this the "racily clean" case);
- only tables that typed without errors are stored; validation always runs on the result.
Small datasets (below MIN_BYTES) are not cached: parsing them is faster than hashing a cache.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from parviz import schema
from parviz.dataset import Origin, TextCodes, fingerprint_files
from parviz.problems import Problem, Severity

log = logging.getLogger(__name__)

CACHE_DIR = ".parviz-cache"
# Bump when typing rules or the stored layout change: old entries are then ignored.
CACHE_VERSION = 2  # 2: coded text columns stored dictionary-encoded
# Datasets smaller than this (all files together) are parsed every time.
MIN_BYTES = 256 * 1024
RACY_SECONDS = 2.0
MANIFEST = "manifest.json"

Tables = dict[str, pd.DataFrame]


def cache_root(path: Path) -> Path:
    """Return the cache folder of the dataset at ``path`` (a folder or a workbook)."""
    return path / CACHE_DIR if path.is_dir() else path.parent / CACHE_DIR / path.name


# The modules whose code decides typed tables and validation problems (see code_hash).
CODE_MODULES = (
    "columnar", "dataset", "loading", "problems", "ranking", "reading", "schema", "validation",
)  # fmt: skip


def cache_key(files: list[Path]) -> str:
    """Return the key of the cache entry for ``files``."""
    return f"v{CACHE_VERSION}-{fingerprint_files(files)}-{code_hash()}"


@functools.cache
def code_hash() -> str:
    """Return a short hash of the CODE_MODULES sources: changed rules never read old entries."""
    digest = hashlib.sha256()
    for name in CODE_MODULES:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()[:8]


def worth_caching(files: list[Path]) -> bool:
    """Return True when the files are large enough for a cache to pay off."""
    return sum(file.stat().st_size for file in files) >= MIN_BYTES


Cached = tuple[Tables, dict[str, Origin], list[Problem], list[Problem] | None]


def read(path: Path, key: str) -> Cached | None:
    """Return the cached typed tables, origins, typing and validation problems, or None.

    None on any mismatch; the validation problems are None when they were not stored.
    """
    entry = cache_root(path) / key
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != entry.name:
            return None
        tables = {}
        for table in schema.TABLES:
            info = manifest["tables"][table.name]
            data = (entry / f"{table.name}.parquet").read_bytes()
            if hashlib.sha256(data).hexdigest() != info["sha256"]:
                log.warning("cache entry %s: %s.parquet changed; rebuilding", entry, table.name)
                return None
            frame = _restore(pq.read_table(pa.BufferReader(data)).to_pandas(), table)
            if len(frame) != info["rows"]:
                return None
            tables[table.name] = frame
        origins = {name: Origin(**value) for name, value in manifest["origins"].items()}
        problems = [_problem(record) for record in manifest["problems"]]
        checked = manifest.get("validation")
        checked = None if checked is None else [_problem(record) for record in checked]
    except Exception as error:  # any damage means "no cache", never a crash or wrong data
        if not isinstance(error, FileNotFoundError):
            log.warning("cache entry %s unusable (%s); rebuilding", entry, error)
        return None
    return tables, origins, problems, checked


def begin_write(
    path: Path,
    key: str,
    files: list[Path],
    tables: Tables,
    origins: dict[str, Origin],
    problems: list[Problem],
    text_codes: dict[str, dict[str, TextCodes]] | None = None,
) -> PendingWrite:
    """Start writing the Parquet files of ``tables``; PendingWrite.finish(checked) completes it.

    The frames are converted to Arrow here; encoding and writing the Parquet files (C++ code
    that releases the GIL) runs in a background thread, so the caller can validate meanwhile.
    ``text_codes`` (Dataset.text_codes) spare converting their columns' cells one by one.
    """
    newest = max((file.stat().st_mtime for file in files), default=0.0)
    if time.time() - newest < RACY_SECONDS or cache_key(files) != key:
        return PendingWrite(None, None, {}, None)
    manifest = {
        "key": key,
        "tables": {},
        "origins": {name: asdict(origin) for name, origin in origins.items()},
        "problems": [_record(problem) for problem in problems],
    }
    try:
        arrow = {
            name: pa.Table.from_pandas(
                _coded(frame, (text_codes or {}).get(name, {})), preserve_index=False
            )
            for name, frame in tables.items()
        }
    except (TypeError, ValueError, pa.ArrowException) as error:
        log.warning("cannot convert the tables of %s for the cache: %s", path, error)
        return PendingWrite(None, None, {}, None)
    worker = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    future = worker.submit(_write_tables, cache_root(path), arrow)
    worker.shutdown(wait=False)  # the thread ends with its one task
    return PendingWrite(cache_root(path), future, manifest, key)


@dataclass
class PendingWrite:
    """A cache entry whose Parquet files are being written (see begin_write)."""

    root: Path | None
    future: concurrent.futures.Future | None
    manifest: dict
    key: str | None

    def finish(self, checked: list[Problem] | None) -> Path | None:
        """Wait for the files, add the manifest with ``checked``; return the entry or None."""
        if self.future is None or self.root is None or self.key is None:
            return None
        staging, infos = self.future.result()
        if staging is None:
            return None
        try:
            manifest = {**self.manifest, "tables": infos}
            manifest["validation"] = None if checked is None else [_record(p) for p in checked]
            (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
            entry = self.root / self.key
            shutil.rmtree(entry, ignore_errors=True)
            os.replace(staging, entry)  # atomic: readers see the whole entry or none
        except (OSError, TypeError, ValueError) as error:
            log.warning("cannot write the cache in %s: %s", self.root, error)
            shutil.rmtree(staging, ignore_errors=True)
            return None
        _remove_others(self.root, keep=self.key)
        return entry

    def abandon(self) -> None:
        """Wait for the files and delete them (validation failed)."""
        if self.future is not None:
            staging, _ = self.future.result()
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)


def _write_tables(root: Path, arrow: dict[str, pa.Table]) -> tuple[Path | None, dict]:
    """Write each table to a Parquet file in a new staging folder; return it and the infos."""
    infos = {}
    staging = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        for name, table in arrow.items():
            target = staging / f"{name}.parquet"
            pq.write_table(table, target)
            data = target.read_bytes()
            infos[name] = {"rows": table.num_rows, "sha256": hashlib.sha256(data).hexdigest()}
    except (OSError, TypeError, ValueError, pa.ArrowException) as error:
        log.warning("cannot write the cache in %s: %s", root, error)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        return None, {}
    return staging, infos


def _remove_others(root: Path, *, keep: str) -> None:
    """Delete stale entries (older keys, abandoned staging folders)."""
    for other in root.iterdir():
        if other.name != keep and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)


def _coded(frame: pd.DataFrame, codes: dict[str, TextCodes]) -> pd.DataFrame:
    """Return ``frame`` with its coded text columns as categoricals of the same values.

    Arrow takes a categorical's codes and categories as they are, where it would read
    millions of str objects; stored dictionary-encoded, _restore makes them text again.
    """
    columns = {
        name: pd.Categorical.from_codes(values, categories=words)
        for name, (values, words) in codes.items()
        if name in frame.columns and len(values) == len(frame)
    }
    return frame.assign(**columns) if columns else frame


def _restore(frame: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    """Give text columns back the exact form loading makes: object dtype, None for missing."""
    for column in table.columns:
        if column.kind is schema.Kind.TEXT:
            values = frame[column.name].astype(object)
            frame[column.name] = values.where(values.notna(), None)
    return frame


def _record(problem: Problem) -> dict:
    record = asdict(problem)
    record["severity"] = problem.severity.value
    return record


def _problem(record: dict) -> Problem:
    return Problem(**{**record, "severity": Severity(record["severity"])})
