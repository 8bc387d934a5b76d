"""Unit names: normalisation and matching through aliases, renames and abbreviations."""

from __future__ import annotations

import unicodedata

import pytest

from parviz.loading import load_dataset
from parviz.units import (
    Match,
    MatchKind,
    UnitMatcher,
    clean_name,
    loose_name,
    normalise_name,
    slugify,
    unit_type,
)
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


CLEAN = [
    ("Sở Nội\u200b vụ", "Sở Nội vụ", None),
    ("\u202eSở Y tế\u202c", "Sở Y tế", None),
    ("\ufeffSở\u00a0Tài  chính\u2066", "Sở Tài chính", None),
    ("Sở Xây\ndựng\t", "Sở Xây dựng", None),
    (unicodedata.normalize("NFD", "Xã An Lạc"), "Xã An Lạc", None),
    ("Sở Y\x07 tế", "Sở Y\x07 tế", "U+0007"),
    ("Sở\x9b Y tế", "Sở\x9b Y tế", "U+009B"),
    ("Sở Y tế\ufff9", "Sở Y tế\ufff9", "U+FFF9"),
]


@pytest.mark.parametrize(("raw", "name", "bad"), CLEAN)
def test_clean_name_strips_invisible_characters_and_reports_controls(raw, name, bad):
    # (#19.8)
    assert clean_name(raw) == (name, bad)


def test_invisible_characters_do_not_hide_a_match():
    matcher = UnitMatcher([("noi-vu", "Sở Nội vụ", True)])
    assert matcher.match("Sở Nội\u200b vụ") == Match("noi-vu", MatchKind.EXACT)
    assert matcher.match("\u202eSở Nội vụ") == Match("noi-vu", MatchKind.EXACT)


TYPES = [
    ("Phường An Lạc", "phuong"),
    ("UBND thị xã Kinh Môn", "thi xa"),
    ("TX Kinh Môn", "thi xa"),
    ("Xã An Lạc", "xa"),
    ("TT Phú Thái", "thi tran"),
    ("Ban Quản lý các khu công nghiệp", "ban"),
    ("Sở Y tế", "so"),
    ("An Lạc", None),
]


@pytest.mark.parametrize(("name", "kind"), TYPES)
def test_unit_type(name, kind):
    assert unit_type(name) == kind


def test_loose_matching_keeps_the_unit_type():
    # (#18.7) 'Phường An Lạc' was attached to 'Xã An Lạc'
    matcher = UnitMatcher([("x", "Xã An Lạc", True), ("x", "An Lạc", False)])
    assert matcher.match("Phường An Lạc") is None
    assert matcher.match("Xa An Lac") == Match("x", MatchKind.LOOSE)
    assert matcher.match("An Lac") == Match("x", MatchKind.LOOSE)
    assert matcher.candidates("Phường An Lạc") == ["x"]  # still shown as close
    departments = UnitMatcher([("s", "Sở Dân tộc", True)])
    assert departments.match("Ban Dân tộc") is None
    assert departments.match("Dan toc") == Match("s", MatchKind.LOOSE)


def test_an_alias_or_former_name_lets_the_type_differ():
    matcher = UnitMatcher([("x", "Phường An Lạc", True), ("x", "Xã An Lạc", False)])
    assert matcher.match("Xa An Lac") == Match("x", MatchKind.LOOSE)


def test_ambiguous_names_list_their_units():
    matcher = UnitMatcher([("a", "Xã An Lạc", True), ("b", "Phường An Lạc", True)])
    assert matcher.match("An Lạc") is None
    assert matcher.ambiguous("An Lạc") == ["a", "b"]
    assert matcher.ambiguous("Xã An Lạc") == [] and matcher.match("Xã An Lạc").unit_id == "a"
