"""Tables as a page shows them: numbers as text at their published precision, made once.

A Styler costs milliseconds per small table and a large share of a second for thousands of
rows on every rerun; text made once inside a (cached) view model costs nothing to send.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from parviz import precision
from parviz.i18n import fmt_number

# Above this many rows a Styler costs a large share of a second on every rerun: the numbers
# are sent as text with the language's separators instead (right-aligned).
STYLER_ROWS = 1000


@dataclass(frozen=True)
class TextTable:
    """A small table with its numbers as text, and the columns to right-align."""

    frame: pd.DataFrame
    numbers: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Return True when the table has no row."""
        return self.frame.empty


@dataclass(frozen=True)
class Prepared:
    """A table ready to draw: the numbers, and above STYLER_ROWS rows their text (made once)."""

    table: pd.DataFrame
    text: pd.DataFrame | None = None
    text_columns: tuple[str, ...] = ()


def as_text(table: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Return ``table`` with its float columns as text ("12,50"; "–" for gaps), and the columns
    to right-align (those, and whole-number columns with gaps, as text too).

    For small read-only tables drawn often (methodology, bands): a Styler costs milliseconds per
    table on every rerun, text costs nothing. Right-align the returned columns.
    """
    floats = [c for c in table.columns if pd.api.types.is_float_dtype(table[c])]
    text = table.copy()
    for column in floats:
        decimals = precision.column_decimals(table, column)
        text[column] = [fmt_number(float(v), lang, decimals) for v in table[column]]
    # A whole-number column with gaps (no previous rank in a block's first year) can't hold "–".
    gaps = [c for c in table.columns if c not in floats and _numeric_with_gaps(table[c])]
    for column in gaps:  # as the Styler shows them: plain digits, "–" for a gap
        text[column] = ["–" if pd.isna(v) else str(int(v)) for v in table[column]]
    return text.fillna("–"), [c for c in table.columns if c in floats or c in gaps]


def _numeric_with_gaps(column: pd.Series) -> bool:
    return pd.api.types.is_integer_dtype(column) and bool(column.isna().any())


def text_table(frame: pd.DataFrame, lang: str) -> TextTable:
    """Return ``frame`` with its numbers as text at their published precision."""
    text, numbers = as_text(frame, lang)
    return TextTable(text, tuple(numbers))


def prepare(table: pd.DataFrame, lang: str) -> Prepared:
    """Return ``table`` prepared for drawing (above STYLER_ROWS rows, its numbers as text)."""
    if len(table) <= STYLER_ROWS:
        return Prepared(table)
    text, numbers = as_text(table, lang)
    return Prepared(table, text, tuple(numbers))
