"""Translations and number formatting: every user-facing string goes through here."""

from __future__ import annotations

import math
import tomllib
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Return {key: {lang: template}} merged from every ``parviz/locales/*.toml``."""
    merged: dict[str, dict[str, str]] = {}
    for entry in sorted(resources.files("parviz.locales").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _flatten(tomllib.loads(entry.read_text(encoding="utf-8")), "", merged)
    return merged


def _flatten(node: dict[str, Any], prefix: str, into: dict[str, dict[str, str]]) -> None:
    # A table whose values are the language codes is one message; anything else nests keys.
    if any(lang in node and isinstance(node[lang], str) for lang in LANGUAGES):
        if prefix in into:
            raise ValueError(f"i18n key defined twice: {prefix}")
        into[prefix] = {lang: node[lang] for lang in LANGUAGES if lang in node}
        return
    for name, child in node.items():
        if isinstance(child, dict):
            _flatten(child, f"{prefix}.{name}" if prefix else name, into)


def normalise_language(lang: str | None) -> str:
    """Return a supported language code, falling back to Vietnamese."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def has(key: str) -> bool:
    """Return True when ``key`` is in the catalog."""
    return key in catalog()


def t(key: str, lang: str, /, **params: Any) -> str:
    """Return the message ``key`` in ``lang`` with ``params`` filled in (floats localised)."""
    lang = normalise_language(lang)
    entry = catalog().get(key)
    if entry is None:
        raise KeyError(f"missing i18n key: {key}")
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    localised = {name: _localise(value, lang) for name, value in params.items()}
    return template.format(**localised)


def _localise(value: Any, lang: str) -> Any:
    if isinstance(value, float):
        return fmt_number(value, lang)
    return value


def fmt_number(value: float | int | None, lang: str, decimals: int = 2) -> str:
    """Format a number with the language's separators: 12.345,68 (vi) or 12,345.68 (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if normalise_language(lang) == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_signed(value: float | None, lang: str, decimals: int = 2) -> str:
    """Format a change with an explicit sign: +1,20 / −0,50 / 0,00."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = fmt_number(abs(value), lang, decimals)
    if round(value, decimals) > 0:
        return f"+{text}"
    if round(value, decimals) < 0:
        return f"−{text}"
    return text


def fmt_percent(value: float | None, lang: str, decimals: int = 2) -> str:
    """Format a percentage: 91,53% (vi) or 91.53% (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{fmt_number(value, lang, decimals)}%"


def plotly_separators(lang: str) -> str:
    """Return Plotly's ``separators`` layout value for ``lang`` (decimal, then thousands)."""
    return ",." if normalise_language(lang) == "vi" else ".,"
