"""Unit identity: name normalisation (NFC, case, abbreviations) and matching through aliases."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

from parviz import schema
from parviz.dataset import Dataset

_PUNCTUATION = re.compile(r"[.,;:()\[\]/\\\-–—_'\"“”‘’]+")
_SPACES = re.compile(r"\s+")

# Abbreviations written in sources, as whole tokens after punctuation is removed.
_ABBREVIATIONS = {
    "tp": "thành phố",
    "tx": "thị xã",
    "tt": "thị trấn",
    "h": "huyện",
    "q": "quận",
    "ubnd": "",
    "&": " và ",
}
_PREFIXES = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")
# Unit-type words dropped for the loosest match ("Thị xã Chí Linh" ~ "Thành phố Chí Linh").
_TYPE_WORDS = ("thành phố", "thị xã", "thị trấn", "huyện", "quận", "xã", "phường", "tỉnh")


class MatchKind(str, Enum):
    """How a name was matched to a unit, from the strictest to the loosest."""

    EXACT = "exact"  # the official name, as written
    ALIAS = "alias"  # an alias or a former name, as written
    NORMALISED = "normalised"  # equal after Unicode, case, spacing and abbreviations
    LOOSE = "loose"  # equal after dropping unit-type words and diacritics


def normalise_name(text: str) -> str:
    """Return a comparable form: NFC, lower case, no punctuation, abbreviations expanded."""
    text = unicodedata.normalize("NFC", str(text)).casefold().replace("&", " và ")
    text = _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip()
    tokens = [_ABBREVIATIONS.get(token, token) for token in text.split(" ")]
    text = _SPACES.sub(" ", " ".join(tokens)).strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix + " "):
            text = text[len(prefix) + 1 :]
    return text


def loose_name(text: str) -> str:
    """Return the normalised name without unit-type words and without diacritics."""
    text = f" {strip_diacritics(normalise_name(text))} "
    for word in _TYPE_WORDS:
        text = text.replace(f" {strip_diacritics(word)} ", " ")
    return _SPACES.sub(" ", text).strip()


def strip_diacritics(text: str) -> str:
    """Return ``text`` without Vietnamese diacritics (đ becomes d)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def split_list(cell: object) -> list[str]:
    """Return the items of a '|'-separated cell (empty cells give [])."""
    if not isinstance(cell, str):
        return []
    return [item.strip() for item in cell.split(schema.LIST_SEPARATOR) if item.strip()]


@dataclass(frozen=True)
class Match:
    """The unit a name was matched to, and how."""

    unit_id: str
    kind: MatchKind


class UnitMatcher:
    """Find units by any of their names, from the strictest comparison to the loosest."""

    def __init__(self, names: list[tuple[str, str, bool]]):
        """Build from (unit_id, name, is_official) triples."""
        self._by_kind: dict[MatchKind, dict[str, set[str]]] = {
            k: defaultdict(set) for k in MatchKind
        }
        for unit_id, name, official in names:
            exact_kind = MatchKind.EXACT if official else MatchKind.ALIAS
            self._by_kind[exact_kind][unicodedata.normalize("NFC", name).strip()].add(unit_id)
            self._by_kind[MatchKind.NORMALISED][normalise_name(name)].add(unit_id)
            self._by_kind[MatchKind.LOOSE][loose_name(name)].add(unit_id)

    @classmethod
    def for_block(cls, dataset: Dataset, block: str) -> UnitMatcher:
        """Build a matcher over the units of ``block`` with all their names and aliases."""
        units = dataset.table("units")
        units = units[units["block"] == block]
        names: list[tuple[str, str, bool]] = []
        for _, unit in units.iterrows():
            names.append((unit["unit_id"], unit["name"], True))
            for other in [unit["short_name"], *split_list(unit["aliases"])]:
                if isinstance(other, str) and other:
                    names.append((unit["unit_id"], other, False))
        renames = dataset.table("unit_names")
        for unit_id, name in zip(renames["unit_id"], renames["name"]):
            if unit_id in set(units["unit_id"]):
                names.append((unit_id, name, False))
        return cls(names)

    def match(self, name: str) -> Match | None:
        """Return the single unit ``name`` designates, or None when unknown or ambiguous."""
        keys = {
            MatchKind.EXACT: unicodedata.normalize("NFC", str(name)).strip(),
            MatchKind.ALIAS: unicodedata.normalize("NFC", str(name)).strip(),
            MatchKind.NORMALISED: normalise_name(name),
            MatchKind.LOOSE: loose_name(name),
        }
        for kind, key in keys.items():
            found = self._by_kind[kind].get(key, set())
            if len(found) == 1:
                return Match(next(iter(found)), kind)
            if len(found) > 1:
                return None  # ambiguous at this level: a looser one cannot be more certain
        return None

    def candidates(self, name: str) -> list[str]:
        """Return the unit ids ``name`` could designate at its best matching level."""
        for kind, key in (
            (MatchKind.NORMALISED, normalise_name(name)),
            (MatchKind.LOOSE, loose_name(name)),
        ):
            found = self._by_kind[kind].get(key)
            if found:
                return sorted(found)
        return []


def slugify(name: str) -> str:
    """Return an ascii unit id made from a name: 'Sở Tài chính' → 'so-tai-chinh'."""
    text = strip_diacritics(normalise_name(name))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unit"
