"""Where a year's numbers come from: the sources listed in sources.csv, ready to cite."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from parviz import markup
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


@dataclass(frozen=True)
class DatasetFacts:
    """What the Data page says first: what this dataset is and whether its numbers are real."""

    title: str
    region: str
    description: str
    illustrative: bool
    years: list[int]
    blocks: list[str]
    units: int


def dataset_facts(dataset: Dataset) -> DatasetFacts:
    """Return the title, region, description, illustrative flag and extent of the dataset."""
    metadata = dataset.metadata
    return DatasetFacts(
        title=dataset.title,
        region=_text(metadata.get("region")),
        description=_text(metadata.get("description")),
        illustrative=dataset.illustrative,
        years=list(dataset.years),
        blocks=list(dataset.blocks),
        units=len(dataset.table("units")),
    )


def sources_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Return every source with its year, block, title, publisher, decision, date and link."""
    frame = dataset.table("sources")
    columns = ["year", "block", "title", "publisher", "decision", "date", "url"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(
        {
            "year": [_text(y).removesuffix(".0") for y in frame["year"]],
            "block": [dataset.block_name(b, lang) if _text(b) else "" for b in frame["block"]],
            "title": [_text(t) or _text(s) for t, s in zip(frame["title"], frame["source_id"])],
            "publisher": frame["publisher"].map(_text),
            "decision": frame["decision"].map(_text),
            "date": [format_date(d, lang) for d in frame["date"]],
            # Only plain http(s) links reach the page's link column (no javascript:, data:).
            "url": [markup.http_url(url) or "" for url in frame["url"].map(_text)],
        }
    )
    return table.reset_index(drop=True)


def methodology_years(dataset: Dataset) -> list[tuple[int, str]]:
    """Return every (year, block) with a methodology, latest year first."""
    frame = dataset.table("methodology")
    pairs = {(int(y), str(b)) for y, b in zip(frame["year"], frame["block"])}
    order = {block: index for index, block in enumerate(dataset.blocks)}
    return sorted(pairs, key=lambda pair: (-pair[0], order.get(pair[1], 99)))


def criteria_table(dataset: Dataset, year: int, block: str, lang: str) -> pd.DataFrame:
    """Return the criteria of a year and block: id, name in ``lang`` and maximum points."""
    frame = dataset.criteria(year, block)
    name = "name_vi" if lang == "vi" else "name_en"
    names = [_text(n) or _text(v) for n, v in zip(frame[name], frame["name_vi"])]
    return pd.DataFrame(
        {"criterion_id": frame["criterion_id"], "name": names, "max_points": frame["max_points"]}
    )


def bands_table(dataset: Dataset, year: int, block: str, lang: str) -> pd.DataFrame:
    """Return the result bands of a year and block: name, minimum index, minimum per criterion."""
    frame = dataset.table("bands")
    chosen = frame[(frame["year"] == year) & (frame["block"] == block)].sort_values("order")
    name = "name_vi" if lang == "vi" else "name_en"
    return pd.DataFrame(
        {
            "band": [_text(n) or _text(b) for n, b in zip(chosen[name], chosen["band_id"])],
            "min_index": chosen["min_index"].to_numpy(),
            "min_criterion_pct": chosen["min_criterion_pct"].to_numpy(),
        }
    )


def grades_table(dataset: Dataset, year: int, block: str, lang: str) -> pd.DataFrame:
    """Return the grade scale of a year and block, best first: order and name in ``lang``."""
    frame = dataset.table("grades")
    chosen = frame[(frame["year"] == year) & (frame["block"] == block)].sort_values("order")
    name = "name_vi" if lang == "vi" else "name_en"
    return pd.DataFrame(
        {
            "order": chosen["order"].to_numpy(),
            "grade": [_text(n) or _text(g) for n, g in zip(chosen[name], chosen["grade_id"])],
        }
    )


def problems_table(problems: list, lang: str) -> pd.DataFrame:
    """Return the problems as rows a person reads: severity, where, what is wrong, what to do."""
    from parviz.i18n import t

    ordered = sorted(problems, key=lambda p: (not p.is_error,))
    return pd.DataFrame(
        {
            "severity": [t(f"problem.severity.{p.severity.value}", lang) for p in ordered],
            "where": [p.location(lang) for p in ordered],
            "message": [p.message(lang) for p in ordered],
            "fix": [p.fix(lang) for p in ordered],
        },
        columns=["severity", "where", "message", "fix"],
    )


def styled(frame: pd.DataFrame, lang: str) -> pd.io.formats.style.Styler:
    """Return ``frame`` styled with the language's decimal separator and '–' for missing."""
    decimal, thousands = (",", ".") if lang == "vi" else (".", ",")
    numbers = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    return frame.style.format(
        "{:.2f}", subset=numbers, decimal=decimal, thousands=thousands, na_rep="–"
    ).format(na_rep="–", subset=[c for c in frame.columns if c not in numbers])
