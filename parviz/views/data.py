"""The Data page's view model: what the dataset is, its sources, each year's methodology, and
the validation report of its load.

Made of ``parviz.provenance``; the storyline's source lines read the same module
(``provenance.sources_for``), and the downloads are ``parviz.bundle``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from parviz import provenance
from parviz.dataset import Dataset
from parviz.i18n import fmt_number, t
from parviz.markup import escape_markdown, md
from parviz.problems import Problem
from parviz.theme import file_stem
from parviz.views.tables import TextTable, text_table


@dataclass(frozen=True)
class MethodologyYear:
    """One year and block's methodology: label, maximum total, criteria, bands and grades."""

    label: str  # Markdown, data escaped
    maximum: str
    criteria: TextTable
    bands: TextTable
    grades: TextTable  # the year's grade scale (xếp loại), best first


@dataclass(frozen=True)
class DataView:
    """What the Data page shows about the dataset (texts are Markdown, data escaped)."""

    about: str
    illustrative: bool
    description: str  # '' when the metadata has none
    sources: pd.DataFrame  # year, block, title, publisher, decision, date, url (http(s) only)
    methodology: tuple[MethodologyYear, ...]
    file_stem: str  # the downloads' file name


@dataclass(frozen=True)
class Validation:
    """The validation report of the load: one row a problem, and how many errors and warnings."""

    table: pd.DataFrame
    errors: int
    warnings: int


def build(dataset: Dataset, *, lang: str) -> DataView:
    """Return what the Data page shows about ``dataset`` in ``lang``."""
    facts = provenance.dataset_facts(dataset)
    years = f"{facts.years[0]}–{facts.years[-1]}" if facts.years else "–"
    about = t(
        "data.about.body",
        lang,
        title=escape_markdown(facts.title),
        region=escape_markdown(facts.region or "–"),
        years=years,
        blocks=escape_markdown(", ".join(dataset.block_name(b, lang) for b in facts.blocks)),
        units=facts.units,
    )
    return DataView(
        about,
        facts.illustrative,
        escape_markdown(facts.description) if facts.description else "",
        provenance.sources_table(dataset, lang),
        methodology(dataset, lang),
        file_stem(facts.title),
    )


def methodology(dataset: Dataset, lang: str) -> tuple[MethodologyYear, ...]:
    """Return each methodology year, latest first: label, maximum, criteria, bands, grades."""
    return tuple(
        MethodologyYear(
            md("data.methodology.year", lang, year=year, block=dataset.block_name(block, lang)),
            fmt_number(dataset.max_total(year, block), lang),
            text_table(provenance.criteria_table(dataset, year, block, lang), lang),
            text_table(provenance.bands_table(dataset, year, block, lang), lang),
            text_table(provenance.grades_table(dataset, year, block, lang), lang),
        )
        for year, block in provenance.methodology_years(dataset)
    )


def validation(problems: Sequence[Problem], lang: str) -> Validation:
    """Return the validation report of ``problems`` (empty table: the data is clean)."""
    errors = sum(p.is_error for p in problems)
    table = provenance.problems_table(list(problems), lang)
    return Validation(table, errors, len(problems) - errors)
