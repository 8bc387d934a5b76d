"""Draw the parts of the Data page: sources, methodology tables, validation report, downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from parviz import bundle
from parviz.dataset import Dataset
from parviz.export.builds import BUNDLES
from parviz.i18n import t
from parviz.views.data import Validation
from parviz.views.tables import TextTable

SOURCE_COLUMNS = ("year", "block", "title", "publisher", "decision", "date")


def sources(table: pd.DataFrame, lang: str) -> None:
    """Draw the sources table; its links are a link column (http(s) only, see provenance)."""
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            name: st.column_config.TextColumn(t(f"data.sources.{name}", lang))
            for name in SOURCE_COLUMNS
        }
        | {"url": st.column_config.LinkColumn(t("data.sources.url", lang))},
    )


def text_table(table: TextTable, prefix: str, lang: str) -> None:
    """Draw a small text table, its number columns right-aligned, headers from the catalog."""
    st.dataframe(
        table.frame,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            c: st.column_config.Column(
                t(f"{prefix}.{c}", lang), alignment="right" if c in table.numbers else None
            )
            for c in table.frame.columns
        },
    )


def validation(report: Validation, lang: str) -> None:
    """Draw the validation report: a success line when clean, else a count and the table."""
    if report.table.empty:
        st.success(t("data.validation.clean", lang), icon=":material/check_circle:")
        return
    st.caption(t("data.validation.summary", lang, errors=report.errors, warnings=report.warnings))
    st.dataframe(
        report.table,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            c: st.column_config.TextColumn(t(f"data.validation.{c}", lang))
            for c in report.table.columns
        },
    )


def downloads(dataset: Dataset, stem: str, lang: str) -> None:
    """Draw the whole dataset's downloads: the CSV folder as a zip and one workbook."""
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
        data=lambda: BUNDLES.get(
            ("xlsx", dataset.fingerprint), lambda: bundle.dataset_xlsx(dataset)
        ),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        key="_parviz_download_xlsx",
    )
    st.caption(t("data.download.help", lang))
