"""The "Báo cáo (Word)" download: pick a year, draft the report, download it.

Drafting takes a few seconds (four chart pictures through kaleido), so it runs when asked,
through the process-wide export queue (export_queue: one build at a time, each report built
once per data version, year and language and then served to every visitor, #19). A chart
failure is shown as a message in the user's language.
"""

from __future__ import annotations

import streamlit as st

from parviz.dataset import Dataset
from parviz.export import report_docx
from parviz.i18n import t
from parviz.theme import file_stem
from parviz.ui import export_queue, render

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_years(dataset: Dataset) -> list[int]:
    """Return the years some block was scored in, latest first."""
    return sorted({y for b in dataset.blocks for y in dataset.years_of(b)}, reverse=True)


def section(dataset: Dataset, lang: str) -> None:
    """Draw the report section: year, the button that drafts it, then the download."""
    render.section(t("report.download.heading", lang))
    years = report_years(dataset)
    if not years:
        return
    year_column, button_column = st.columns([1, 2], vertical_alignment="bottom")
    year = year_column.selectbox(t("report.download.year", lang), years,
                                 key="_parviz_report_year")
    report = export_queue.on_click(
        ("docx", dataset.fingerprint, year, lang),
        lambda: report_docx.build_report(dataset, year=year, lang=lang),
        lang,
        label=t("report.download.make", lang),
        button_key="_parviz_report_make",
        where=button_column,
        icon=":material/description:",
        working=t("report.download.making", lang, year=year),
        failures=(report_docx.ReportError,),
    )
    if report is not None:
        st.download_button(
            t("report.download.label", lang),
            data=report,
            file_name=f"{file_stem(t('report.download.file', lang), year)}.docx",
            mime=DOCX_MIME,
            icon=":material/download:",
            key="_parviz_download_docx",
        )
    st.caption(t("report.download.help", lang))
