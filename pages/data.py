"""Data (Dữ liệu): provenance, methodology of each year, validation report, full downloads."""

import streamlit as st

from parviz import bundle, provenance
from parviz.export.builds import BUNDLES
from parviz.i18n import fmt_number, t
from parviz.markup import md
from parviz.theme import file_stem
from parviz.ui import cache, render, report_download, tables
from parviz.ui.page import page_setup
from parviz.ui.render import escape_markdown

page = page_setup("data", filters=())
lang, dataset = page.lang, page.dataset
facts = provenance.dataset_facts(dataset)

render.section(t("data.about.heading", lang))
years = f"{facts.years[0]}–{facts.years[-1]}" if facts.years else "–"
st.markdown(
    t(
        "data.about.body",
        lang,
        title=escape_markdown(facts.title),
        region=escape_markdown(facts.region or "–"),
        years=years,
        blocks=escape_markdown(", ".join(dataset.block_name(b, lang) for b in facts.blocks)),
        units=facts.units,
    )
)
if facts.illustrative:
    st.warning(t("data.about.illustrative", lang), icon=":material/science:")
else:
    st.success(t("data.about.real", lang), icon=":material/verified:")
if facts.description:
    st.caption(escape_markdown(facts.description))

render.section(t("data.sources.heading", lang))
sources = provenance.sources_table(dataset, lang)
if sources.empty:
    render.notice("data.sources.none", lang)
else:
    st.dataframe(
        sources,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            name: st.column_config.TextColumn(t(f"data.sources.{name}", lang))
            for name in ("year", "block", "title", "publisher", "decision", "date")
        }
        | {"url": st.column_config.LinkColumn(t("data.sources.url", lang))},
    )

render.section(t("data.methodology.heading", lang))


def methodology(dataset, lang: str):
    """Return per methodology year: label, maximum caption, criteria and bands as text tables."""
    sections = []
    for year, block in provenance.methodology_years(dataset):
        label = md("data.methodology.year", lang, year=year, block=dataset.block_name(block, lang))
        maximum = fmt_number(dataset.max_total(year, block), lang)
        criteria = tables.as_text(provenance.criteria_table(dataset, year, block, lang), lang)
        bands = tables.as_text(provenance.bands_table(dataset, year, block, lang), lang)
        graded = tables.as_text(provenance.grades_table(dataset, year, block, lang), lang)
        sections.append((label, maximum, criteria, bands, graded))
    return sections


def text_table(frame, numbers, prefix: str) -> None:
    """Draw a small text table, its number columns right-aligned, headers from the catalog."""
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            c: st.column_config.Column(
                t(f"{prefix}.{c}", lang), alignment="right" if c in numbers else None
            )
            for c in frame.columns
        },
    )


for label, maximum, (criteria, numbers), (bands, band_numbers), graded in cache.shared(
    dataset, methodology, lang
):
    with st.expander(label, expanded=False):
        st.caption(t("data.methodology.max_total", lang, max=maximum))
        if criteria.empty:
            st.caption(t("data.methodology.no_criteria", lang))
        else:
            text_table(criteria, numbers, "data.methodology")
        if not bands.empty:
            text_table(bands, band_numbers, "data.bands")
        if not graded[0].empty:  # the year's grade scale (xếp loại), best first
            text_table(graded[0], graded[1], "grades.data")

render.section(t("data.validation.heading", lang))
report = provenance.problems_table(page.problems, lang)
if report.empty:
    st.success(t("data.validation.clean", lang), icon=":material/check_circle:")
else:
    errors = sum(p.is_error for p in page.problems)
    st.caption(
        t("data.validation.summary", lang, errors=errors, warnings=len(page.problems) - errors)
    )
    st.dataframe(
        report,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            c: st.column_config.TextColumn(t(f"data.validation.{c}", lang)) for c in report.columns
        },
    )

render.section(t("data.download.heading", lang))
stem = file_stem(facts.title)
columns = st.columns(2)
columns[0].download_button(
    t("data.download.zip", lang),
    # Built once per data version for every visitor (parviz.export.builds), not per click.
    data=lambda: BUNDLES.get(("zip", dataset.fingerprint), lambda: bundle.dataset_zip(dataset)),
    file_name=f"{stem}.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
    key="_parviz_download_zip",
)
columns[1].download_button(
    t("data.download.xlsx", lang),
    data=lambda: BUNDLES.get(("xlsx", dataset.fingerprint), lambda: bundle.dataset_xlsx(dataset)),
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table_view:",
    key="_parviz_download_xlsx",
)
st.caption(t("data.download.help", lang))

report_download.section(dataset, lang)
