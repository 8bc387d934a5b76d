"""Unit names: normalisation and matching through aliases, renames and abbreviations."""

from __future__ import annotations

import unicodedata

import pytest

from parviz.loading import load_dataset
from parviz.units import MatchKind, UnitMatcher, loose_name, normalise_name, slugify
from tests.helpers import MINIMAL, SAMPLE

NORMALISED = [
    ("UBND TP. Hải Dương", "thành phố hải dương"),
    ("TP Hải Dương", "thành phố hải dương"),
    ("Thành phố  Hải Dương", "thành phố hải dương"),
    ("UBND thị xã Kinh Môn", "thị xã kinh môn"),
    ("TX Kinh Môn", "thị xã kinh môn"),
    ("Sở Lao động - Thương binh và Xã hội", "sở lao động thương binh và xã hội"),
    ("Sở Lao động, Thương binh và Xã hội", "sở lao động thương binh và xã hội"),
    (unicodedata.normalize("NFD", "Sở Y tế"), "sở y tế"),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISED)
def test_normalise_name(raw, expected):
    assert normalise_name(raw) == expected


def test_loose_name_drops_unit_type_and_diacritics():
    assert loose_name("Thị xã Chí Linh") == loose_name("UBND thành phố Chí Linh") == "chi linh"


# (name as written, unit id, how it matched)
MATCHES = [
    ("UBND thành phố Chí Linh", "chi-linh", MatchKind.EXACT),
    ("UBND thị xã Chí Linh", "chi-linh", MatchKind.ALIAS),
    ("TP Chí Linh", "chi-linh", MatchKind.ALIAS),
    ("Thành phố Chí Linh", "chi-linh", MatchKind.NORMALISED),
    ("Thi xa Chi Linh", "chi-linh", MatchKind.LOOSE),
    ("UBND TP. Hải Dương", "tp-hai-duong", MatchKind.ALIAS),
    (unicodedata.normalize("NFD", "UBND huyện Nam Sách"), "nam-sach", MatchKind.EXACT),
    ("huyện Kinh Môn", "kinh-mon", MatchKind.NORMALISED),
]


@pytest.mark.parametrize(("name", "unit_id", "kind"), MATCHES)
def test_matcher_on_the_sample(name, unit_id, kind):
    matcher = UnitMatcher.for_block(load_dataset(SAMPLE), "district")
    found = matcher.match(name)
    assert found is not None and found.unit_id == unit_id
    assert found.kind is kind or (kind is MatchKind.NORMALISED and found.kind is MatchKind.ALIAS)


def test_matcher_refuses_unknown_and_ambiguous_names():
    matcher = UnitMatcher([("a", "Huyện Tân Yên", True), ("b", "Thị xã Tân Yên", True)])
    assert matcher.match("Huyện Bắc Hà") is None
    assert matcher.match("Tân Yên") is None  # two units share the loose name
    assert matcher.candidates("Tan Yen") == ["a", "b"]


def test_matcher_uses_renames_of_the_minimal_dataset():
    matcher = UnitMatcher.for_block(load_dataset(MINIMAL), "district")
    assert matcher.match("UBND thị xã An Bình").unit_id == "a"


def test_slugify():
    assert slugify("Sở Tài chính") == "so-tai-chinh"
    assert slugify("UBND TP. Đông Triều") == "thanh-pho-dong-trieu"
