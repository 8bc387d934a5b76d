"""Unit identity: name normalisation (NFC, case, abbreviations) and matching through aliases."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

import pandas as pd

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
# Unit-type words dropped for the loosest match ("Xa An Lac" ~ "Xã An Lạc"); a name's leading
# type word must still agree with the unit's (or with one of its aliases or former names).
_TYPE_WORDS = (
    "thành phố",
    "thị xã",
    "thị trấn",
    "huyện",
    "quận",
    "xã",
    "phường",
    "tỉnh",
    "sở",
    "ban",
)
# Invisible characters that make look-alike names ("Sở Nội\u200b vụ"): removed from names.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
        "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067"
        "\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0",
    )
)


class MatchKind(str, Enum):
    """How a name was matched to a unit, from the strictest to the loosest."""

    EXACT = "exact"  # the official name, as written
    ALIAS = "alias"  # an alias or a former name, as written
    NORMALISED = "normalised"  # equal after Unicode, case, spacing and abbreviations
    LOOSE = "loose"  # equal after dropping unit-type words and diacritics


def clean_name(text: str) -> tuple[str, str | None]:
    """Return a name as stored (NFC, no invisible characters, single spaces) and a problem.

    The problem is the first control character left (e.g. 'U+0007'), which a name must not
    hold; None when there is none. Line breaks and tabs inside a cell count as spaces.
    """
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    text = " ".join(text.split())  # str.split: every Unicode space, \t and \n included
    bad = next((ch for ch in text if _is_control(ch)), None)
    return text, (None if bad is None else f"U+{ord(bad):04X}")


def visible_controls(text: str) -> str:
    """Return ``text`` with each control character written as its code ('Sở Y<U+0007> tế')."""
    return "".join(f"<U+{ord(ch):04X}>" if _is_control(ch) else ch for ch in text)


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")


def normalise_name(text: str) -> str:
    """Return a comparable form: NFC, lower case, no punctuation, abbreviations expanded."""
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    text = text.casefold().replace("&", " và ")
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


def unit_type(text: str) -> str | None:
    """Return the unit-type word a name starts with, without diacritics ('thi xa'), or None."""
    text = strip_diacritics(normalise_name(text)) + " "
    words = sorted((strip_diacritics(w) for w in _TYPE_WORDS), key=len, reverse=True)
    return next((word for word in words if text.startswith(word + " ")), None)


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
            k: defaultdict(set) for k in (MatchKind.EXACT, MatchKind.ALIAS, MatchKind.NORMALISED)
        }
        self._loose: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        for unit_id, name, official in names:
            exact_kind = MatchKind.EXACT if official else MatchKind.ALIAS
            self._by_kind[exact_kind][_literal(name)].add(unit_id)
            self._by_kind[MatchKind.NORMALISED][normalise_name(name)].add(unit_id)
            self._loose[loose_name(name)].add((unit_id, unit_type(name)))

    @classmethod
    def for_block(cls, dataset: Dataset, block: str, year: int | None = None) -> UnitMatcher:
        """Build a matcher over the units of ``block`` with all their names and aliases.

        With a ``year``, the names in effect that year of the units existing that year
        (first_year..last_year) are the official ones; the others (former or later names, a
        merged unit's name taken by its successor) match as aliases.
        """
        units = dataset.table("units")
        units = units[units["block"] == block]
        ids = set(units["unit_id"])
        alive = ids if year is None else _alive(units, year)
        names: list[tuple[str, str, bool]] = []
        for unit_id, short, aliases in zip(units["unit_id"], units["short_name"], units["aliases"]):
            for other in [short, *split_list(aliases)]:
                if isinstance(other, str) and other:
                    names.append((unit_id, other, False))
        every = dataset.unit_names  # the first name (from_year 0) and each recorded rename
        for unit_id, since, name in zip(every["unit_id"], every["from_year"], every["name"]):
            if unit_id in ids:
                if year is None:
                    official = since == 0
                else:
                    official = unit_id in alive and dataset.name_in(unit_id, year) == name
                names.append((unit_id, name, official))
        return cls(names)

    def _found(self, name: str) -> tuple[MatchKind | None, set[str]]:
        """Return the strictest level at which ``name`` designates some units, and those units."""
        literal = _literal(name)
        for kind, key in (
            (MatchKind.EXACT, literal),
            (MatchKind.ALIAS, literal),
            (MatchKind.NORMALISED, normalise_name(name)),
        ):
            found = self._by_kind[kind].get(key)
            if found:
                return kind, found
        wanted = unit_type(name)  # a written type word must agree with one of the unit's
        found = {u for u, kind in self._loose.get(loose_name(name), ()) if wanted in (None, kind)}
        return (MatchKind.LOOSE, found) if found else (None, set())

    def match(self, name: str) -> Match | None:
        """Return the single unit ``name`` designates, or None when unknown or ambiguous."""
        kind, found = self._found(name)
        # Ambiguous at a level: a looser one cannot be more certain.
        return Match(next(iter(found)), kind) if kind is not None and len(found) == 1 else None

    def ambiguous(self, name: str) -> list[str]:
        """Return the units ``name`` could designate when it designates more than one, else []."""
        _, found = self._found(name)
        return sorted(found) if len(found) > 1 else []

    def candidates(self, name: str) -> list[str]:
        """Return the unit ids ``name`` could designate at its best matching level."""
        found = self._by_kind[MatchKind.NORMALISED].get(normalise_name(name))
        if found:
            return sorted(found)
        return sorted({unit for unit, _ in self._loose.get(loose_name(name), ())})


def _alive(units: pd.DataFrame, year: int) -> set[str]:
    """Return the units whose first_year..last_year (open where empty) includes ``year``."""
    first, last = units["first_year"], units["last_year"]
    alive = (first.isna() | (first <= year)) & (last.isna() | (last >= year))
    return set(units.loc[alive.fillna(False).astype(bool), "unit_id"])


def _literal(name: str) -> str:
    """Return a name as compared literally: NFC, invisible characters removed, trimmed."""
    return unicodedata.normalize("NFC", str(name)).translate(_INVISIBLE).strip()


def slugify(name: str) -> str:
    """Return an ascii unit id made from a name: 'Sở Tài chính' → 'so-tai-chinh'."""
    text = strip_diacritics(normalise_name(name))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unit"
