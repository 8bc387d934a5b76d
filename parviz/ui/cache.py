"""Load the dataset and derive small tables once, shared by every session and page.

Two caches, chosen on purpose:

- the loaded dataset goes in ``st.cache_resource``: one shared object per process, returned by
  reference. A ``Dataset`` is large and read-only (its docstring says so); ``st.cache_data``
  would pickle it on store and unpickle a fresh copy on every call, i.e. on every rerun of every
  session.
- derived small frames (standings, one block's ranking) go in ``st.cache_data``: each caller
  gets its own copy, so a page may sort or add a column without touching other sessions' data.
  The dataset is passed as ``_dataset`` (not hashed) and the key is its fingerprint.

The key of the dataset cache is the path plus a fingerprint of the dataset's files (paths,
sizes, modification times): replacing or editing any file loads the new data on the next rerun,
without restarting the server, while an unchanged folder costs one ``stat`` per file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from parviz import loading, ranking, settings
from parviz.dataset import Dataset, fingerprint_files

T = TypeVar("T")


def dataset_path() -> Path:
    """Return the dataset path in force (PARVIZ_DATA or the bundled sample)."""
    return settings.data_path()


def load_result() -> loading.LoadResult:
    """Return the dataset at PARVIZ_DATA (or None) and every problem found, from the cache."""
    path = dataset_path()
    return _load(str(path), fingerprint_files(loading.dataset_files(path)))


# Two entries: the dataset in force and the one it just replaced (still used by a session
# mid-run); an edited file's older versions are never asked for again, and a large dataset
# should not stay in memory several times.
@st.cache_resource(show_spinner=False, max_entries=2)
def _load(path: str, fingerprint: str) -> loading.LoadResult:
    # `fingerprint` is unused in the body: it is part of the cache key.
    return loading.load(Path(path))


def standings(dataset: Dataset) -> pd.DataFrame:
    """Return every unit's score, rank and change for every year and block (a copy)."""
    if not dataset.fingerprint:  # built in memory (e.g. an upload preview): nothing to key on
        return ranking.standings(dataset).copy()
    return _standings(dataset, dataset.fingerprint)


@st.cache_data(show_spinner=False, max_entries=8)
def _standings(_dataset: Dataset, fingerprint: str) -> pd.DataFrame:
    return ranking.standings(_dataset)


def ranking_of(dataset: Dataset, *, year: int, block: str) -> pd.DataFrame:
    """Return the ranking of ``block`` in ``year``, best first (a copy)."""
    if not dataset.fingerprint:
        return ranking.rank(dataset, year=year, block=block)
    return _ranking_of(dataset, dataset.fingerprint, year, block)


@st.cache_data(show_spinner=False, max_entries=256)
def _ranking_of(_dataset: Dataset, fingerprint: str, year: int, block: str) -> pd.DataFrame:
    return ranking.rank(_dataset, year=year, block=block)


def derived(dataset: Dataset, function: Callable[..., T], /, *args: object) -> T:
    """Return ``function(dataset, *args)``, computed once per dataset and arguments (a copy).

    For a page's derived data (breakdown tables, findings, comparison frames): every rerun of
    every session after the first gets a pickled copy instead of recomputing. ``function`` must
    be a named function (module or page level); ``args`` small hashable values (year, block,
    unit id, language, tuples of them), never frames.
    """
    if not dataset.fingerprint:
        return function(dataset, *args)
    return _derived(dataset, dataset.fingerprint, function, _identity(function), args)


@st.cache_data(show_spinner=False, max_entries=512)
def _derived(
    _dataset: Dataset, fingerprint: str, _function: Callable, identity: str, args: tuple
) -> object:
    return _function(_dataset, *args)


def shared(dataset: Dataset, function: Callable[..., T], /, *args: object) -> T:
    """Return ``function(dataset, *args)`` computed once per dataset and arguments, shared.

    The same object is returned to every caller (``st.cache_resource``, no copy): for figures
    and other results nobody changes. ``st.plotly_chart`` copies a figure before sending it, so
    a cached figure costs no rebuild and no unpickling. Same rules as ``derived``.
    """
    if not dataset.fingerprint:
        return function(dataset, *args)
    return _shared(dataset, dataset.fingerprint, function, _identity(function), args)


# Figures of a large dataset weigh up to ~1 MB each: bounded, least recently used dropped.
@st.cache_resource(show_spinner=False, max_entries=256)
def _shared(
    _dataset: Dataset, fingerprint: str, _function: Callable, identity: str, args: tuple
) -> object:
    return _function(_dataset, *args)


def _identity(function: Callable) -> str:
    """Return a key naming ``function`` uniquely: its file, line and name (page functions too)."""
    code = function.__code__
    return f"{code.co_filename}:{code.co_firstlineno}:{function.__qualname__}"


def clear() -> None:
    """Forget every cached dataset and table (after an import, and in tests)."""
    _load.clear()
    _standings.clear()
    _ranking_of.clear()
    _derived.clear()
    _shared.clear()
