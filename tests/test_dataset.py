"""Dataset lookups asked on every rerun (block names, scored years, maxima) answer from memory."""

from __future__ import annotations

from parviz import loading
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
