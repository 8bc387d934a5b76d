"""Published precision: a score keeps the decimals it was published with (97,685 stays 97,685).

The precision of a block in a year is the most decimals seen among its published numbers
(totals, index %, components, criterion points), or methodology.decimals when an import
recorded it (a published "91,50" has two decimals, though the stored 91.5 shows one).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_DECIMALS = 2  # nothing published to count (a block of ranks only)
MAX_DECIMALS = 6
# Frame.attrs key: {column: decimals} of a display table's float columns.
ATTR = "parviz_decimals"
PUBLISHED = ("total", "index_pct", "survey_points", "assessed_points")


def decimals_of(values: object) -> np.ndarray:
    """Return the decimals of each number as stored: 97.685 → 3, 91.5 → 1, 90.0 → 0, NaN → -1.

    Float noise (90.33000000000001, a sum of criterion points) is not a decimal.
    """
    array = np.asarray(values, dtype="float64")
    found = np.full(array.shape, -1, dtype="int64")
    for k in range(MAX_DECIMALS, -1, -1):  # from the most: the fewest that fit wins
        scaled = array * 10.0**k
        fits = np.abs(scaled - np.round(scaled)) < 1e-6 * max(1.0, 10.0 ** (k - 3))
        found = np.where(fits, k, found)
    found = np.where(np.isnan(array), -1, found)
    return np.where((found < 0) & ~np.isnan(array), MAX_DECIMALS, found)


def text_decimals(text: str) -> int:
    """Return the decimals of a published number's text: '97,685' → 3, '91.50' → 2, '90' → 0.

    A score is read as loading.parse_number reads it: one separator, comma or point, before
    the decimals (no thousands separator in a PAR index).
    """
    digits = text.strip().rstrip("%").strip().replace("\u00a0", "").replace(" ", "")
    _, separator, tail = digits.replace(",", ".").rpartition(".")
    return len(tail) if separator and tail.isdigit() else 0


def block_decimals(table: pd.DataFrame, columns: tuple[str, ...] = PUBLISHED) -> pd.Series:
    """Return the most decimals seen per (year, block) over ``columns`` of ``table``."""
    present = [c for c in columns if c in table.columns]
    if not present or table.empty:
        return pd.Series(dtype="int64", index=pd.MultiIndex.from_arrays([[], []]))
    seen = np.max([decimals_of(table[c]) for c in present], axis=0)
    return pd.Series(seen, index=table.index).groupby([table["year"], table["block"]]).max()


def record(tables: dict[str, pd.DataFrame], year: int, block: str, decimals: int | None) -> None:
    """Keep an import's precision in methodology.decimals (trailing zeros included)."""
    if decimals is None:
        return
    frame = tables["methodology"]
    at = (frame["year"] == year) & (frame["block"] == block)
    frame["decimals"] = frame.get("decimals", pd.Series(pd.NA, index=frame.index)).astype("Int64")
    frame.loc[at, "decimals"] = decimals


def of_rows(rows: pd.DataFrame) -> int:
    """Return the decimals of a ranking (one year and block), DEFAULT_DECIMALS when unknown."""
    if "decimals" not in rows.columns or rows.empty or rows["decimals"].isna().all():
        return DEFAULT_DECIMALS
    return int(rows["decimals"].max())


def of_row(row: pd.Series) -> int:
    """Return the published decimals of one ranking row (DEFAULT_DECIMALS when unknown)."""
    value = row.get("decimals")
    return DEFAULT_DECIMALS if value is None or pd.isna(value) else int(value)


def mark(table: pd.DataFrame, decimals: int, columns: list[str]) -> pd.DataFrame:
    """Record in ``table.attrs`` that ``columns`` show ``decimals`` decimals; return ``table``."""
    table.attrs[ATTR] = {**table.attrs.get(ATTR, {}), **{c: int(decimals) for c in columns}}
    return table


def column_decimals(table: pd.DataFrame, column: object) -> int:
    """Return the decimals a float column of a display table shows (two unless marked)."""
    return int(table.attrs.get(ATTR, {}).get(column, DEFAULT_DECIMALS))
