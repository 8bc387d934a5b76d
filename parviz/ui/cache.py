"""Load the dataset and derive tables once per data version, shared by every session and page.

Everything expensive lives in plain process-wide objects, not in ``st.cache_*``: Streamlit
accepts a ``clear_cache`` message from any visitor (the menu item is hidden, the message is
not) and it empties every ``st.cache_data``/``st.cache_resource`` of the process (#19). A
visitor can't reach these.

- the loaded dataset: one per dataset path, under the *data version* in force (``data_version``,
  taken before the files are read: an edit landing during the read gives a new version on the
  next rerun, never new data under an old key (#18)). A new version replaces the old entry; a
  session still running on the old dataset keeps its own reference until its run ends.
- what is derived from a dataset (standings, a page's figures and tables, the storyline) is
  kept on the dataset itself (``Dataset.memo``): computed once per dataset version, shared by
  every session, freed with the dataset it came from.

``derived`` returns each caller its own copy (a page may change it); ``shared`` returns the
same object to everybody (figures, storylines: nobody changes them).
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

from parviz import dataversion, loading, ranking, settings
from parviz.dataset import Dataset
from parviz.memo import Memo

T = TypeVar("T")

MAX_PATHS = 4  # dataset folders kept loaded at once (one in production; tests switch folders)
# Per dataset: a page's derived values and figures (figures of a large dataset weigh up to
# ~1 MB each): bounded, least recently used dropped.
DERIVED_ENTRIES = 512
SHARED_ENTRIES = 256

_loads = Memo(max_entries=MAX_PATHS)  # (path, version) -> LoadResult
_versions: dict[str, str] = {}  # path -> the version last loaded
_versions_lock = threading.Lock()


def dataset_path() -> Path:
    """Return the dataset path in force (PARVIZ_DATA or the bundled sample)."""
    return settings.data_path()


def data_version(path: Path) -> str:
    """Return the version of the data at ``path``: it changes whenever a file does.

    The one key every cache of this module hangs on: the same id ``loading.load`` stores as
    ``Dataset.fingerprint`` (one stat per table file; a save or undo gives a new one).
    """
    return dataversion.data_version(path)


def load_result() -> loading.LoadResult:
    """Return the dataset at PARVIZ_DATA (or None) and every problem found, loaded once."""
    path = dataset_path()
    version = data_version(path)  # first: before any file is read
    key = (str(path), version)
    result = _loads.get(key, lambda: loading.load(path))
    with _versions_lock:
        previous = _versions.get(key[0])
        _versions[key[0]] = version
    if previous not in (None, version):
        _loads.pop((key[0], previous))  # replaced: freed once no session runs on it
    return result


def standings(dataset: Dataset) -> pd.DataFrame:
    """Return every unit's score, rank and change for every year and block (a copy)."""
    return ranking.standings(dataset).copy()


def ranking_of(dataset: Dataset, *, year: int, block: str) -> pd.DataFrame:
    """Return the ranking of ``block`` in ``year``, best first (a copy)."""
    return derived(dataset, _rank, year, block)


def _rank(dataset: Dataset, year: int, block: str) -> pd.DataFrame:
    return ranking.rank(dataset, year=year, block=block)


def derived(dataset: Dataset, function: Callable[..., T], /, *args: object) -> T:
    """Return ``function(dataset, *args)``, computed once per dataset and arguments (a copy).

    For a page's derived data (breakdown tables, findings, comparison frames): every rerun of
    every session after the first gets an unpickled copy instead of recomputing. ``function``
    must be a named function (module or page level); ``args`` small hashable values (year,
    block, unit id, language, tuples of them), never frames.
    """
    kept = dataset.memo.get(_DERIVED, lambda: Memo(max_entries=DERIVED_ENTRIES))
    data = kept.get((_identity(function), args), lambda: _pickled(function(dataset, *args)))
    return pickle.loads(data)


def shared(dataset: Dataset, function: Callable[..., T], /, *args: object) -> T:
    """Return ``function(dataset, *args)`` computed once per dataset and arguments, shared.

    The same object is returned to every caller (no copy): for figures, storylines and other
    results nobody changes. ``st.plotly_chart`` copies a figure before sending it, so a kept
    figure costs no rebuild. Same rules as ``derived``.
    """
    kept = dataset.memo.get(_SHARED, lambda: Memo(max_entries=SHARED_ENTRIES))
    return kept.get((_identity(function), args), lambda: function(dataset, *args))


_DERIVED = "parviz.ui.cache.derived"  # keys of the two bounded memos inside Dataset.memo
_SHARED = "parviz.ui.cache.shared"


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _identity(function: Callable) -> str:
    """Return a key naming ``function`` uniquely: its file, line and name (page functions too)."""
    code = function.__code__
    return f"{code.co_filename}:{code.co_firstlineno}:{function.__qualname__}"


def clear() -> None:
    """Forget every loaded dataset, and with them what was derived (after an import; tests)."""
    _loads.clear()
    with _versions_lock:
        _versions.clear()
