"""Draw the pieces every page shares: banner, header, problems, KPI tiles, ranking table."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import PurePath

import pandas as pd
import streamlit as st

from parviz import markup, provenance
from parviz.dataset import Dataset
from parviz.i18n import fmt_number, t
from parviz.overview import BlockKpis
from parviz.problems import Problem
from parviz.ui import cache, tables

# The Overview's compact ranking lists a block whole up to COMPACT_ALL units (a province's
# blocks), else its top and bottom COMPACT_ENDS.
COMPACT_ALL = 30
COMPACT_ENDS = 10
# More than this many problems are summarised: a page of 4,000 lines helps no one.
MAX_PROBLEMS_SHOWN = 100

# Data text is escaped at one boundary, parviz.markup; these names stay for the pages.
escape_markdown = markup.escape_markdown
code_span = markup.code_span


def illustrative_banner(dataset: Dataset, lang: str) -> None:
    """Say plainly that the numbers are made up, when the dataset is marked illustrative."""
    if dataset.illustrative:
        st.warning(t("ui.illustrative", lang), icon=":material/science:")


def page_header(title: str, dataset: Dataset, lang: str, *, year: int | None = None) -> None:
    """Draw the page title, the dataset title and the sources of ``year``."""
    st.title(title)
    st.caption(cache.shared(dataset, header_caption, lang, year))


def header_caption(dataset: Dataset, lang: str, year: int | None) -> str:
    """Return the line under a page title: the dataset title and the sources of ``year``."""
    lines = [markup.md("ui.dataset.caption", lang, title=dataset.title)]
    if year is not None:
        refs = provenance.sources_for(dataset, year=year, lang=lang)
        if refs:
            cited = "; ".join(_cite(ref) for ref in refs)
            lines.append(t("ui.dataset.sources", lang, year=year, sources=cited))
    return " · ".join(lines)


def _cite(ref: provenance.SourceRef) -> str:
    text = markup.source_link(ref.title, ref.url)
    return f"{text} ({escape_markdown(ref.detail)})" if ref.detail else text


def load_problems(problems: Sequence[Problem], lang: str) -> None:
    """Explain why the dataset cannot be shown: every problem, errors first, and what to do.

    The dataset's folder is not named: a viewer has no use for the server's paths (the
    administrator finds it in the server's log and with ``parviz validate``).
    """
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    st.error(
        t("ui.problems.title", lang, errors=len(errors), warnings=len(warnings)),
        icon=":material/error:",
    )
    st.markdown(t("security.problems.help", lang))
    problem_list([_without_folder(p) for p in errors + warnings], lang)


def _without_folder(problem: Problem) -> Problem:
    """Return ``problem`` naming its file without the server's folders (e.g. a missing dataset)."""
    if problem.file and ("/" in problem.file or "\\" in problem.file):
        return dataclasses.replace(problem, file=PurePath(problem.file).name)
    return problem


def problem_list(problems: Sequence[Problem], lang: str) -> None:
    """Draw problems as a bullet list, one rendered line each (capped at MAX_PROBLEMS_SHOWN)."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    lines = [f"- {problem.render(lang, markdown=True)}" for problem in shown]
    if len(problems) > len(shown):
        lines.append(f"- {t('ui.problems.more', lang, count=len(problems) - len(shown))}")
    st.markdown("\n".join(lines))


def load_crash(lang: str) -> None:
    """Say in a sentence that the dataset could not be read (the details are in the log)."""
    st.error(t("security.problems.crash", lang), icon=":material/error:")


def page_failed(lang: str) -> None:
    """Say in a sentence that the page failed (the traceback is in the server's log only)."""
    st.error(t("security.page.failed", lang), icon=":material/error:")


def data_warnings(problems: Sequence[Problem], lang: str) -> None:
    """List the warnings of a usable dataset in a closed sidebar expander (for data staff)."""
    warnings = [p for p in problems if not p.is_error]
    if warnings:
        with st.sidebar.expander(t("ui.warnings.title", lang, count=len(warnings))):
            problem_list(warnings, lang)


def kpi_tiles(kpis: BlockKpis, lang: str) -> None:
    """Draw units ranked, average, highest and lowest score as four metric tiles."""
    columns, decimals = st.columns(4), kpis.decimals
    columns[0].metric(t("ui.kpi.units_ranked", lang), str(kpis.units_ranked))
    columns[1].metric(t("ui.kpi.average", lang), fmt_number(kpis.average, lang, decimals))
    if kpis.unscored:  # ranked as published without a score: not in the average
        columns[1].caption(t("grades.kpi.unscored", lang, count=kpis.unscored))
    columns[2].metric(t("ui.kpi.highest", lang), fmt_number(kpis.highest, lang, decimals))
    columns[2].caption(escape_markdown(", ".join(kpis.highest_units)))
    columns[3].metric(t("ui.kpi.lowest", lang), fmt_number(kpis.lowest, lang, decimals))
    columns[3].caption(escape_markdown(", ".join(kpis.lowest_units)))


def compact_ranking(table: pd.DataFrame, lang: str, *, previous_year: int | None) -> None:
    """Draw a compact ranking table (rank, unit, score, previous rank, change).

    A block of more than COMPACT_ALL units shows its top and bottom COMPACT_ENDS rows, with a
    note pointing to the full table on the Rankings page.
    """
    total = len(table)
    styler = tables.session_styler(table, lang, compact_styler)
    shown = len(styler.data)
    previous = (
        t("ui.table.previous_rank_year", lang, year=previous_year)
        if previous_year is not None
        else t("ui.table.previous_rank", lang)
    )
    config = {
        "rank": st.column_config.Column(t("ui.table.rank", lang), width="small"),
        "unit": st.column_config.Column(t("ui.table.unit", lang), width="large"),
        "score": st.column_config.Column(t("ui.table.score", lang), width="small"),
        "previous_rank": st.column_config.Column(previous, width="small"),
        "change": st.column_config.Column(t("ui.table.change", lang), width="small"),
    }
    # Sized to its content: five narrow columns stretched over a wide screen are hard to read.
    st.dataframe(styler, hide_index=True, column_config=config, width="content", height="content",
                 placeholder="–")  # fmt: skip
    if total > shown:
        st.caption(
            t("charts.cap.table", lang, shown=shown, total=fmt_number(total, lang, 0),
              ends=COMPACT_ENDS)
        )  # fmt: skip
    if previous_year is not None:
        st.caption(t("ui.table.change_help", lang, year=previous_year))


def compact_styler(table: pd.DataFrame, lang: str) -> tables.Styler:
    """Return the compact ranking's Styler: top and bottom COMPACT_ENDS rows above COMPACT_ALL."""
    if len(table) > COMPACT_ALL:
        table = pd.concat([table.head(COMPACT_ENDS), table.tail(COMPACT_ENDS)])
    return tables.styled(table, lang)


def notice(key: str, lang: str, **params: object) -> None:
    """Draw an informational message from the catalog; text ``params`` are escaped."""
    st.info(markup.md(key, lang, **params), icon=":material/info:")


def section(heading: str) -> None:
    """Draw a section heading."""
    st.subheader(heading)
