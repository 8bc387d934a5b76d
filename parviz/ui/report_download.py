"""The "Báo cáo (Word)" download: pick a year, draft the report, download it.

Drafting takes a few seconds (four chart pictures through kaleido), so it runs when asked, under
a spinner, and the file waits in the session for the download button. A chart failure is shown
as a message in the user's language.
"""

from __future__ import annotations

import streamlit as st

from parviz.dataset import Dataset
from parviz.export import report_docx
from parviz.i18n import t
from parviz.theme import file_stem
from parviz.ui import render

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_MADE = "_parviz_report_docx"  # session key: ((fingerprint, year, lang), bytes)


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
    wanted = (dataset.fingerprint, year, lang)
    if button_column.button(t("report.download.make", lang), icon=":material/description:",
                            key="_parviz_report_make"):
        st.session_state.pop(_MADE, None)
        with st.spinner(t("report.download.making", lang, year=year)):
            try:
                st.session_state[_MADE] = (wanted, report_docx.build_report(
                    dataset, year=year, lang=lang))
            except report_docx.ReportError as error:
                st.error(str(error), icon=":material/error:")
    made = st.session_state.get(_MADE)
    if made is not None and made[0] == wanted:
        st.download_button(
            t("report.download.label", lang),
            data=made[1],
            file_name=f"{file_stem(t('report.download.file', lang), year)}.docx",
            mime=DOCX_MIME,
            icon=":material/download:",
            key="_parviz_download_docx",
        )
    st.caption(t("report.download.help", lang))
