"""The in-memory dataset: typed tables plus where each row came from.

Invariant of the integer-key layer: ``Dataset.score_keys`` CONSUMES ``text_codes["scores"]``
(the parser's codes of the scores table's key columns, kept so that 4 million key cells are not
hashed twice; the layer makes ``criterion_points`` 0.67 s instead of 3.3 s on 4 M rows). The
codes are popped on first use: nothing else may read them after, and a Dataset built without
them (from the columnar cache, or by hand) computes the same keys from the text.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from parviz import schema
from parviz.memo import Memo

# Hidden column holding each row's spreadsheet row number in its source file.
ROW = "_row"
# A text column as (code per row, -1 when empty; the distinct values the codes point to).
TextCodes = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Origin:
    """Where a table was read from."""

    file: str
    sheet: str | None = None


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated PAR Index dataset. Treat it as read-only: it is shared between sessions."""

    tables: dict[str, pd.DataFrame]
    origins: dict[str, Origin] = field(default_factory=dict)
    path: Path | None = None
    fingerprint: str = ""
    # Value codes of text columns from parsing, {table: {column: TextCodes}}: optional, they
    # spare hashing millions of key cells again (Dataset.score_keys).
    text_codes: dict[str, dict[str, TextCodes]] = field(default_factory=dict, repr=False)
    # What is derived from this dataset (parviz.memo.per_dataset): freed with it. Not an init
    # field: dataclasses.replace gives a new dataset a memo of its own.
    memo: Memo = field(default_factory=Memo, init=False, repr=False)

    def table(self, name: str) -> pd.DataFrame:
        """Return the typed frame of table ``name`` (empty with its columns when absent)."""
        return self.tables[name]

    def origin(self, name: str) -> Origin:
        """Return where table ``name`` came from."""
        return self.origins.get(name, Origin(schema.TABLES_BY_NAME[name].file_name))

    @cached_property
    def metadata(self) -> dict[str, str]:
        """Return the metadata as {key: value}."""
        frame = self.table("metadata")
        return {k: ("" if pd.isna(v) else str(v)) for k, v in zip(frame["key"], frame["value"])}

    @property
    def title(self) -> str:
        """Return the dataset title."""
        return self.metadata.get(schema.META_TITLE, "")

    @property
    def illustrative(self) -> bool:
        """Return True when the numbers are made up (sample data), not published."""
        return parse_bool(self.metadata.get(schema.META_ILLUSTRATIVE, "")) is not False

    @cached_property
    def blocks(self) -> list[str]:
        """Return block ids in display order."""
        return self.table("blocks").sort_values("order")["block"].tolist()

    def block_name(self, block: str, lang: str) -> str:
        """Return the display name of ``block`` in ``lang``."""
        names = self._block_names.get(block)
        if names is None:
            return block
        return names[1] if lang == "en" else names[0]

    @cached_property
    def _block_names(self) -> dict[str, tuple[str, str]]:
        """Return {block: (name_vi, name_en)}, first row of each block (asked on every rerun)."""
        frame = self.table("blocks")
        names: dict[str, tuple[str, str]] = {}
        for block, vi, en in zip(frame["block"], frame["name_vi"], frame["name_en"]):
            names.setdefault(block, (str(vi), str(en)))
        return names

    @cached_property
    def years(self) -> list[int]:
        """Return every year with a methodology, ascending."""
        return sorted({int(y) for y in self.table("methodology")["year"].dropna()})

    def years_of(self, block: str) -> list[int]:
        """Return the years in which ``block`` was scored, ascending."""
        return list(self._years_by_block.get(block, ()))

    @cached_property
    def _years_by_block(self) -> dict[str, tuple[int, ...]]:
        """Return {block: scored years ascending} (asked on every rerun by the filters)."""
        frame = self.table("methodology")
        years: dict[str, set[int]] = {}
        for block, year in zip(frame["block"], frame["year"]):
            if not pd.isna(year):
                years.setdefault(block, set()).add(int(year))
        return {block: tuple(sorted(found)) for block, found in years.items()}

    def criteria(self, year: int, block: str, top_level: bool = True) -> pd.DataFrame:
        """Return the criteria of a year and block in display order."""
        frame = self.table("criteria")
        chosen = frame[(frame["year"] == year) & (frame["block"] == block)]
        if top_level:
            chosen = chosen[chosen["parent_id"].isna()]
        return chosen.sort_values("order").reset_index(drop=True)

    def max_total(self, year: int, block: str) -> float | None:
        """Return the maximum total of a year and block, or None when not scored."""
        return self._max_totals.get((year, block))

    @cached_property
    def _max_totals(self) -> dict[tuple[int, str], float]:
        """Return {(year, block): max_total}, first row of each pair."""
        frame = self.table("methodology")
        totals: dict[tuple[int, str], float] = {}
        for year, block, total in zip(frame["year"], frame["block"], frame["max_total"]):
            if not pd.isna(year):
                totals.setdefault((int(year), block), float(total))
        return totals

    @cached_property
    def unit_names(self) -> pd.DataFrame:
        """Return (unit_id, from_year, name, short_name) for every unit, renames included."""
        units = self.table("units")
        base = pd.DataFrame(
            {
                "unit_id": units["unit_id"],
                "from_year": 0,
                "name": units["name"],
                "short_name": units["short_name"].fillna(units["name"]),
            }
        )
        renames = self.table("unit_names")[["unit_id", "from_year", "name", "short_name"]].copy()
        renames["short_name"] = renames["short_name"].fillna(renames["name"])
        names = pd.concat([base, renames], ignore_index=True)
        names["from_year"] = names["from_year"].astype("int64")
        return names.sort_values(["unit_id", "from_year"]).reset_index(drop=True)

    @cached_property
    def _names_by_unit(self) -> dict[str, tuple[list[int], list[str], list[str]]]:
        """Return {unit_id: (from_years, names, short names)} in unit_names order."""
        names = self.unit_names
        by_unit: dict[str, tuple[list[int], list[str], list[str]]] = {}
        for unit_id, year, name, short in zip(
            names["unit_id"], names["from_year"], names["name"], names["short_name"]
        ):
            years, full, shorts = by_unit.setdefault(unit_id, ([], [], []))
            years.append(int(year))
            full.append(str(name))
            shorts.append(str(short))
        return by_unit

    @cached_property
    def score_keys(self) -> ScoreKeys:
        """Return integer keys of the score rows (computed once; shared: do not change them)."""
        # The codes serve only here: popped, they do not stay in memory with the dataset.
        return score_keys(self.tables, self.text_codes.pop("scores", {}))

    def names_in(self, unit_ids: pd.Series, years: pd.Series, short: bool = False) -> list[str]:
        """Return name_in for each (unit_id, year) pair, looking up only renamed units by year."""
        column = 2 if short else 1
        single = {u: n[column][0] for u, n in self._names_by_unit.items() if len(n[0]) == 1}
        ids = pd.Series(unit_ids, dtype=object).to_numpy()
        codes, distinct = pd.factorize(ids)  # each unit looked up once; NA: -1, the last
        found = np.array([single.get(unit) for unit in distinct] + [None], dtype=object)
        names = found[codes]
        year_values = np.asarray(years, dtype=object)
        for position in np.flatnonzero(pd.isna(names)):  # renamed or unknown units
            names[position] = self.name_in(ids[position], int(year_values[position]), short)
        return names.tolist()

    def name_in(self, unit_id: str, year: int, short: bool = False) -> str:
        """Return the name a unit had in ``year`` (its latest name before its first one)."""
        found = self._names_by_unit.get(unit_id)
        if found is None:
            return unit_id
        years, full, shorts = found
        position = max(bisect.bisect_right(years, year) - 1, 0) if years[0] <= year else -1
        return (shorts if short else full)[position]


@dataclass(frozen=True, eq=False)
class ScoreKeys:
    """Where each score row's unit, criterion and methodology are, as row positions (-1: none).

    Validation and ranking look these up instead of joining the text columns of millions of
    score rows: the text is hashed once here, every later step indexes integer arrays.
    """

    unit: np.ndarray  # row of units with this unit_id
    block: np.ndarray  # code of the unit's block in ``blocks`` (-1: unknown unit or no block)
    blocks: np.ndarray  # the distinct blocks of units
    criterion: np.ndarray  # row of criteria with this (year, unit's block, criterion_id)
    methodology: np.ndarray  # row of methodology with this (year, unit's block)

    def of_unit(
        self, values: pd.Series, fill: object = None, *, rows: np.ndarray | None = None
    ) -> np.ndarray:
        """Return ``values`` (a units column) for each score row; ``fill`` for unknown units.

        ``rows``: only for the score rows at these positions.
        """
        return _take(values, self.unit if rows is None else self.unit[rows], fill)

    def of_criterion(
        self, values: pd.Series, fill: object = None, *, rows: np.ndarray | None = None
    ) -> np.ndarray:
        """Return ``values`` (a criteria column) for each score row; ``fill`` when unknown.

        ``rows``: only for the score rows at these positions.
        """
        return _take(values, self.criterion if rows is None else self.criterion[rows], fill)


def score_keys(
    tables: dict[str, pd.DataFrame], codes: dict[str, TextCodes] | None = None
) -> ScoreKeys:
    """Compute the ScoreKeys of ``tables`` (NA never matches: key columns are required).

    ``codes`` may hold the scores' TextCodes of unit_id and criterion_id from parsing.
    """
    scores, units = tables["scores"], tables["units"]
    criteria, methodology = tables["criteria"], tables["methodology"]
    codes = codes or {}
    unit_codes, unit_ids = codes.get("unit_id") or pd.factorize(scores["unit_id"])
    unit = _find(unit_codes, pd.Index(unit_ids).get_indexer(units["unit_id"]))
    block_of_unit, blocks = pd.factorize(units["block"])
    block = _take(block_of_unit, unit, -1)
    year_codes, years = int_codes(scores["year"])
    year_index = pd.Index(years)
    year_block = _combine(year_codes, block, len(blocks), reuse=True)  # codes used only here

    def year_block_of(table: pd.DataFrame) -> np.ndarray:
        block_codes = pd.Index(blocks).get_indexer(table["block"])
        return _combine(year_index.get_indexer(table["year"]), block_codes, len(blocks))

    criterion_codes, criterion_ids = codes.get("criterion_id") or pd.factorize(
        scores["criterion_id"]
    )
    known_ids = pd.Index(criterion_ids).get_indexer(criteria["criterion_id"])
    size = len(criterion_ids)
    methodology_rows = _find(year_block, year_block_of(methodology))
    return ScoreKeys(
        unit=unit,
        block=block,
        blocks=np.asarray(blocks, dtype=object),
        criterion=_find(
            _combine(year_block, criterion_codes, size, reuse=True),  # its last use
            _combine(year_block_of(criteria), known_ids, size),
        ),
        methodology=methodology_rows,
    )


def int_codes(values: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, object]:
    """Return codes and the values they stand for, as pd.factorize does (-1 for missing).

    Years are whole numbers in a short range: ``value - smallest`` codes them without hashing
    millions of cells; the values then run from the smallest to the largest (some may be
    absent), so codes are in value order, as with ``sort``. Other columns are factorized.
    """
    array = values.array
    if isinstance(array, pd.arrays.IntegerArray) and len(array) and not array.isna().any():
        numbers = array.to_numpy(dtype="int64")
        low, high = int(numbers.min()), int(numbers.max())
        if high - low <= len(numbers) + 1024:
            return numbers - low, pd.array(np.arange(low, high + 1), dtype=values.dtype)
    return pd.factorize(values, sort=sort)


def _combine(
    first: np.ndarray, second: np.ndarray, size: int, *, reuse: bool = False
) -> np.ndarray:
    """Return one int64 code per pair of codes (``second`` < ``size``); -1 when either is -1.

    ``reuse``: ``first`` (int64) may become the result; arrays of millions are not copied.
    """
    missing = (first < 0) | (second < 0)
    same = reuse and isinstance(first, np.ndarray) and first.dtype == np.int64
    combined = first if same else np.asarray(first).astype("int64")
    combined *= size
    combined += second
    combined[missing] = -1
    return combined


def _find(codes: np.ndarray, table_codes: np.ndarray) -> np.ndarray:
    """Return the first position of each code in ``table_codes``; -1 when absent or negative."""
    table_codes = np.asarray(table_codes, dtype="int64")
    first = (table_codes >= 0) & ~pd.Series(table_codes).duplicated().to_numpy()
    positions = np.flatnonzero(first)
    codes = np.asarray(codes, dtype="int64")
    if not len(positions):  # an empty table: nothing is found (and -1 must not index it)
        return np.full(len(codes), -1, dtype="int64")
    if len(codes) and codes.min() >= -1:
        size = max(int(codes.max()), int(table_codes.max())) + 2
        if size <= 4 * len(codes) + 1024:  # a lookup table beats hashing millions of codes
            lookup = np.full(size, -1, dtype="int64")
            lookup[table_codes[first] + 1] = positions  # code c at c + 1; -1 at 0 finds -1
            return lookup[codes + 1]
    found = pd.Index(table_codes[first]).get_indexer(codes)
    return np.where((found >= 0) & (codes >= 0), positions[found], -1)


def _take(values: pd.Series | np.ndarray, positions: np.ndarray, fill: object) -> np.ndarray:
    """Return ``values`` at ``positions``, ``fill`` where a position is -1."""
    array = np.asarray(values)
    if not len(array):
        return np.full(len(positions), fill, dtype=object if fill is None else array.dtype)
    taken = array[positions]
    missing = positions < 0
    if missing.any():
        taken = taken.astype(object) if fill is None else taken.copy()
        taken[missing] = fill
    return taken


def parse_bool(text: str | None) -> bool | None:
    """Return True/False for the usual spellings (true/false, yes/no, có/không, 1/0)."""
    value = (text or "").strip().casefold()
    if value in {"true", "yes", "1", "có", "co", "x"}:
        return True
    if value in {"false", "no", "0", "không", "khong"}:
        return False
    return None


def fingerprint_files(paths: list[Path]) -> str:
    """Return a short hash of the paths, sizes and modification times (cache key)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]
