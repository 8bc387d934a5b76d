"""Sources of a year (parviz/provenance.py)."""

from __future__ import annotations

import pytest

from parviz import provenance
from parviz.loading import load_dataset
from tests.helpers import MINIMAL, SAMPLE


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2022-03-21", "vi", "21/03/2022"),
        ("2025-04", "vi", "04/2025"),
        ("2022-03-21", "en", "2022-03-21"),
        ("tháng 3/2022", "vi", "tháng 3/2022"),
        (None, "vi", ""),
    ],
)
def test_format_date(value, lang, expected):
    assert provenance.format_date(value, lang) == expected


def test_sources_of_2021_in_the_sample():
    refs = provenance.sources_for(load_dataset(SAMPLE), year=2021, lang="vi")
    assert [ref.detail for ref in refs] == ["kinhtedothi.vn, 21/03/2022"]
    assert refs[0].title.startswith("Hải Dương: Sở Giao Thông Vận Tải")


def test_no_sources_table():
    assert provenance.sources_for(load_dataset(MINIMAL), year=2021) == []
