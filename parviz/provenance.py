"""Where a year's numbers come from: the sources listed in sources.csv, ready to cite."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from parviz.dataset import Dataset

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class SourceRef:
    """One source as shown to a reader: title, a detail line and an optional link."""

    title: str
    detail: str
    url: str | None


def sources_for(
    dataset: Dataset, *, year: int, block: str | None = None, lang: str = "vi"
) -> list[SourceRef]:
    """Return the sources of ``year`` (and ``block``); rows without a year or block apply to all."""
    frame = dataset.table("sources")
    if frame.empty:
        return []
    year_ok = frame["year"].isna() | (frame["year"] == year)
    block_ok = frame["block"].isna() | (block is None) | (frame["block"] == block)
    refs = []
    for _, row in frame[year_ok & block_ok].iterrows():
        title = _text(row["title"]) or _text(row["source_id"])
        parts = (_text(row["publisher"]), _text(row["decision"]), format_date(row["date"], lang))
        detail = ", ".join(part for part in parts if part)
        refs.append(SourceRef(title, detail, _text(row["url"]) or None))
    return refs


def format_date(value: object, lang: str) -> str:
    """Return an ISO date (2022-03-21, 2025-04) as 21/03/2022, 04/2025 in vi; as is in en."""
    text = _text(value)
    match = _ISO_DATE.match(text)
    if not match or lang != "vi":
        return text
    year, month, day = match.groups()
    return f"{day}/{month}/{year}" if day else f"{month}/{year}"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()
