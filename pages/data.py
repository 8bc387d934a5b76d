"""Data (Dữ liệu): lays out parviz/views/data.py (provenance, methodology, validation, files)."""

import streamlit as st

from parviz.i18n import t
from parviz.ui import data_view, render, report_download, views
from parviz.ui.page import page_setup

page = page_setup("data", filters=())
lang, dataset = page.lang, page.dataset
shown = views.data(dataset, lang)

render.section(t("data.about.heading", lang))
st.markdown(shown.about)
if shown.illustrative:
    st.warning(t("data.about.illustrative", lang), icon=":material/science:")
else:
    st.success(t("data.about.real", lang), icon=":material/verified:")
if shown.description:
    st.caption(shown.description)

render.section(t("data.sources.heading", lang))
if shown.sources.empty:
    render.notice("data.sources.none", lang)
else:
    data_view.sources(shown.sources, lang)

render.section(t("data.methodology.heading", lang))
for number, year in enumerate(shown.methodology):
    # Filled when opened: each year's tables cost the browser a table widget each (#16).
    box = st.expander(year.label, key=f"methodology_{number}", on_change="rerun")
    if not box.open:
        continue
    with box:
        st.caption(t("data.methodology.max_total", lang, max=year.maximum))
        if year.criteria.empty:
            st.caption(t("data.methodology.no_criteria", lang))
        else:
            data_view.text_table(year.criteria, "data.methodology", lang)
        if not year.bands.empty:
            data_view.text_table(year.bands, "data.bands", lang)
        if not year.grades.empty:  # the year's grade scale (xếp loại), best first
            data_view.text_table(year.grades, "grades.data", lang)

render.section(t("data.validation.heading", lang))
data_view.validation(views.validation(dataset, page.problems, lang), lang)

render.section(t("data.download.heading", lang))
data_view.downloads(dataset, shown.file_stem, lang)

report_download.section(dataset, lang)
