"""View models: what each page shows, decided once, without Streamlit.

The flow of parviz: files → load → validate → dataset → rank / compare / find → **views** →
pages, slides, exports. A view model is a function from (dataset, year, block, unit, lang, …)
to a small frozen dataclass of what a page shows: numbers, sentences (already translated and
escaped), figures and tables. The page script in ``pages/`` only lays it out; ``parviz/ui/views``
caches each view model per dataset and choice.

A view model takes the ranked frames it needs as keyword options (``standings``, ``ranks``) so
a caller that already holds them (the app's cache) passes them in; without them it ranks the
dataset itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from parviz import ranking
from parviz.dataset import Dataset


@dataclass(frozen=True)
class Notice:
    """An informational message to show: its catalog key and the values put into it."""

    key: str
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))


def notice(key: str, **params: object) -> Notice:
    """Return the notice ``key`` with ``params`` (read-only)."""
    return Notice(key, MappingProxyType(dict(params)))


def ranks_of(dataset: Dataset, year: int, block: str, ranks: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``ranks`` when the caller holds them, else the ranking of ``block`` in ``year``."""
    return ranking.rank(dataset, year=year, block=block) if ranks is None else ranks
