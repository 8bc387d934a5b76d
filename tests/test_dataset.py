"""Dataset lookups asked on every rerun (block names, scored years, maxima) answer from memory.

Integer score keys found by lookup tables agree with hashing the values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parviz import dataset, loading
from tests.helpers import MINIMAL, SAMPLE


def test_block_name_per_language_and_unknown_block():
    dataset = loading.load_dataset(MINIMAL)
    assert dataset.block_name("district", "vi") == "UBND huyện, thị xã, thành phố"
    assert dataset.block_name("district", "en") == "Districts"
    assert dataset.block_name("commune", "vi") == "commune"


def test_years_of_each_block_and_a_copy_each_time():
    dataset = loading.load_dataset(SAMPLE)
    years = dataset.years_of("district")
    assert years == sorted(years) and years[0] == 2016 and 2021 in years
    years.append(1900)  # a caller changing its list must not change the dataset's answer
    assert 1900 not in dataset.years_of("district")
    assert dataset.years_of("nowhere") == []


def test_max_total_of_scored_and_unscored_years(tmp_path):
    dataset = loading.load_dataset(MINIMAL)
    assert dataset.max_total(2021, "district") == 100.0
    assert dataset.max_total(2019, "district") is None
    assert dataset.max_total(2021, "department") is None


def _find_by_hashing(codes: np.ndarray, table_codes: np.ndarray) -> np.ndarray:
    """The first position of each code in table_codes, -1 when absent or negative."""
    first = {}
    for position, code in enumerate(table_codes):
        if code >= 0:
            first.setdefault(int(code), position)
    return np.array([first.get(int(c), -1) if c >= 0 else -1 for c in codes], dtype="int64")


FIND_CASES = [
    ([0, 3, -1, 2, 7, 3], [3, 3, -1, 0, 5]),  # repeated and negative table codes
    ([5, 6], []),  # an empty table
    ([10**12, 1, -1], [1, 10**12]),  # codes too large for a lookup table: hashed
    ([-5, 0], [0]),  # below -1: hashed
    ([], [1, 2]),
]


def test_find_by_lookup_or_hashing_alike():
    for codes, table in FIND_CASES:
        codes, table = np.array(codes, dtype="int64"), np.array(table, dtype="int64")
        found = dataset._find(codes, table)
        assert found.dtype == np.int64
        assert found.tolist() == _find_by_hashing(codes, table).tolist(), (codes, table)


def test_year_codes_stand_for_the_same_years_as_factorize():
    for years in ([2020, 2016, 2020, 2024], [2020, None, 2021], [2020], [2021, None, 2019]):
        values = pd.Series(years, dtype="Int64")
        codes, uniques = dataset.int_codes(values, sort=True)
        decoded = [None if c < 0 else uniques[c] for c in codes]
        assert [None if pd.isna(y) else y for y in decoded] == [
            None if pd.isna(y) else y for y in years
        ]
        present = [(y, c) for y, c in zip(years, codes) if y is not None]
        assert sorted(present) == sorted(present, key=lambda pair: pair[1])  # value order
        found = pd.Index(uniques).get_indexer(pd.Series([years[0]], dtype="Int64"))[0]
        assert found == codes[0]  # tables look their years up among the values


def test_combine_marks_either_missing_code():
    first = np.array([0, 1, -1, 2])
    second = np.array([1, -1, 0, 2])
    assert dataset._combine(first, second, 3).tolist() == [1, -1, -1, 8]
    assert first.tolist() == [0, 1, -1, 2]  # inputs unchanged
