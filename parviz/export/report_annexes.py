"""The annexes of the written report: each block's full results table, then the criteria.

The results table is ``annex.annex_table`` (the printable annex's rows) with the rank change
added after the rank; every cell becomes text formatted as in the app. Score precision and the
grade column follow ``annex.annex_table`` and ``comparison.score_text``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from parviz import breakdown, comparison, findings
from parviz.dataset import Dataset
from parviz.export import annex
from parviz.export.report_model import NOTE_SMALL, Annex, Element, Heading, Paragraph, Table
from parviz.export.report_sections import ranked
from parviz.i18n import fmt_number, fmt_percent, t

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Relative column widths: the unit name and the classification need room, numbers do not.
WIDTH_STT, WIDTH_UNIT, WIDTH_NUMBER, WIDTH_CLASS = 0.85, 5.2, 0.95, 4.2
WIDTH_CHANGE = 1.15  # its header ("Thay đổi thứ hạng", "Rank change") is the longest
TIE_MARK = "*"


def annexes(dataset: Dataset, *, year: int, blocks: Sequence[str], lang: str) -> list[Annex]:
    """Return one results annex per block, then the criterion annex (when criteria exist)."""
    subtitle = t("report.annex.subtitle", lang, year=year)
    found = []
    for block in blocks:
        table = results_table(dataset, year=year, block=block, lang=lang)
        # The criterion names explain the column headers: above the table, with the title.
        legend = Paragraph(_legend(dataset, year, block, lang), NOTE_SMALL)
        notes = []
        if any(ranked(dataset, year, block)["tied"]):
            notes.append(Paragraph(t("report.annex.tied_note", lang, mark=TIE_MARK), NOTE_SMALL))
        title = t("report.annex.results_title", lang, year=year,
                  block=dataset.block_name(block, lang).upper())
        found.append(Annex(_label(len(found), lang), title, subtitle, (legend, table, *notes)))
    criteria = _criteria_elements(dataset, year, blocks, lang)
    if criteria:
        title = t("report.annex.criteria_title", lang, year=year)
        found.append(Annex(_label(len(found), lang), title, subtitle, tuple(criteria)))
    return found


def _label(index: int, lang: str) -> str:
    number = ROMAN[index] if index < len(ROMAN) else str(index + 1)
    return t("report.annex.label", lang, n=number)


def results_table(dataset: Dataset, *, year: int, block: str, lang: str) -> Table:
    """Return every ranked unit of the block: points per criterion, total, rank, change, grade."""
    frame = annex.annex_table(dataset, year=year, block=block, lang=lang)
    # A text column nobody published this year (e.g. the classification) is left out.
    empty = [c for c in frame.columns
             if not pd.api.types.is_numeric_dtype(frame[c]) and not frame[c].astype(bool).any()]
    frame = frame.drop(columns=empty)
    ranks = ranked(dataset, year, block)
    rank_header, change_header = t("export.annex.rank", lang), t("report.annex.change", lang)
    total_header, unit_header = t("export.annex.total", lang), t("export.annex.unit", lang)
    changes = [comparison.change_label(c, lang, p)
               for c, p in zip(ranks["rank_change"], ranks["previous_year"])]
    frame.insert(frame.columns.get_loc(rank_header) + 1, change_header, changes)
    rows = []
    for (_, row), tied in zip(frame.iterrows(), ranks["tied"]):
        cells = [_cell(value, column == total_header, lang) for column, value in row.items()]
        if tied:  # a tie stays visible next to the official rank
            position = frame.columns.get_loc(rank_header)
            cells[position] += TIE_MARK
        rows.append(tuple(cells))
    numeric = tuple(pd.api.types.is_numeric_dtype(frame[c]) or c == change_header
                    for c in frame.columns)  # numbers and changes are centred
    widths = tuple(
        WIDTH_UNIT if c == unit_header else WIDTH_STT if i == 0
        else WIDTH_CHANGE if c == change_header
        else WIDTH_CLASS if not numeric[i] else WIDTH_NUMBER
        for i, c in enumerate(frame.columns)
    )
    return Table(tuple(str(c) for c in frame.columns), tuple(rows), widths, numeric)


def _legend(dataset: Dataset, year: int, block: str, lang: str) -> str:
    """Return "Tên các lĩnh vực: C1: …; C2: …." under a results table."""
    criteria = dataset.criteria(year, block)
    names = "; ".join(f"{c['criterion_id']}: {breakdown.criterion_name(c, lang)}"
                      for _, c in criteria.iterrows())
    return t("export.annex.legend", lang, criteria=names)


def _cell(value: object, is_total: bool, lang: str) -> str:
    """Return a cell as text: a total as the app shows scores, other numbers likewise."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, str):
        return value
    if is_total:
        return comparison.score_text(value, lang)  # where a published precision plugs in
    if isinstance(value, float):
        return fmt_number(value, lang)
    return str(int(value))


def _criteria_elements(dataset: Dataset, year: int, blocks: Sequence[str],
                       lang: str) -> list[Element]:
    elements: list[Element] = []
    for number, block in enumerate(blocks, start=1):
        table = breakdown.criterion_table(dataset, year=year, block=block)
        if table.empty:
            continue
        name = dataset.block_name(block, lang)
        elements.append(Heading(t("report.block.subheading", lang, n=number, block=name), 2))
        ranks = ranked(dataset, year, block)
        names = dict(zip(ranks["unit_id"], ranks["unit"].astype(str)))
        elements.append(criteria_table(breakdown.summary(table), lang, names))
    if elements:
        elements.append(Paragraph(t("report.annex.criteria_note", lang), NOTE_SMALL))
    return elements


def criteria_table(summary: pd.DataFrame, lang: str, names: dict[str, str]) -> Table:
    """Return per criterion: name, maximum, block average (points, %), best and worst unit.

    ``names``: {unit_id: name in the year}; a unit not in it shows its short name.
    """
    keys = ("criterion", "max", "average", "share", "best", "worst")
    header = tuple(t(f"report.annex.criteria.{key}", lang) for key in keys)
    rows = []
    for _, r in summary.iterrows():
        rows.append((
            f"{r['criterion_id']}. {breakdown.criterion_name(r, lang)}",
            findings.compact_number(float(r["max_points"]), lang),
            fmt_number(float(r["average_points"]), lang),
            fmt_percent(float(r["average_pct"]), lang),
            _extreme(r, "best", names, lang),
            _extreme(r, "worst", names, lang),
        ))
    return Table(header, tuple(rows), (5.0, 1.3, 1.5, 1.6, 3.6, 3.6),
                 (False, True, True, True, False, False))


def _extreme(row: pd.Series, which: str, names: dict[str, str], lang: str) -> str:
    name = names.get(row[f"{which}_unit_id"], str(row[f"{which}_name"]))
    return f"{name} ({fmt_percent(float(row[f'{which}_pct']), lang)})"
