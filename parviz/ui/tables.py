"""Draw localised tables: a sortable grid, a static summary, CSV and XLSX download buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from parviz import markup, precision
from parviz.export.tables import to_csv_bytes, to_xlsx_bytes
from parviz.i18n import fmt_number, t
from parviz.ui import kept, widgets
from parviz.views.tables import STYLER_ROWS, Prepared, as_text, prepare  # noqa: F401 (#17: core)

CONTENT_ROWS = 50
MANY_ROWS = 500  # more rows than a person reads on screen: a search picks the rows shown
SHOWN_ROWS = 200
SCROLL_HEIGHT = 600  # px
SESSION_STYLERS = "_parviz_stylers"  # session_state key of the Stylers made for this visitor
SESSION_STYLERS_MAX = 8


def static_table(table: pd.DataFrame) -> None:
    """Draw a small table as a Markdown table, every cell and header shown as plain text.

    For a few rows of text (a summary): the browser draws it far cheaper than the interactive
    grid or st.table, which load the table and Arrow code (~70 ms a page, #16), and long texts
    wrap instead of being cut. Each cell and header is escaped (:func:`parviz.markup.
    markdown_table`): a name from the data never becomes a link or formatting. The Markdown is
    made once per table (:mod:`parviz.ui.kept`), not on every rerun.
    """
    st.markdown(kept.prepared(table, "static_table", lambda: _as_markdown(table)))


def _as_markdown(table: pd.DataFrame) -> str:
    """Return ``table`` (its columns as headers, no index) as an escaped Markdown table."""
    return markup.markdown_table(list(table.columns), table.itertuples(index=False, name=None))


def styled(table: pd.DataFrame, lang: str) -> Styler:
    """Return a Styler showing decimals with the language's separators and "–" for gaps.

    The underlying values stay numbers, so clicking a header sorts numerically.
    """
    decimal, thousands = (",", ".") if lang == "vi" else (".", ",")
    floats = [c for c in table.columns if pd.api.types.is_float_dtype(table[c])]
    integers = [c for c in table.columns if pd.api.types.is_integer_dtype(table[c])]
    style = table.style.format(subset=integers, na_rep="–").format(na_rep="–", subset=[
        c for c in table.columns if c not in floats and c not in integers
    ])  # fmt: skip
    for column in floats:  # each with the decimals it was published with (precision.mark)
        style = style.format(
            precision=precision.column_decimals(table, column), subset=[column],
            decimal=decimal, thousands=thousands, na_rep="–",
        )  # fmt: skip
    return style


def session_styler(
    table: pd.DataFrame, lang: str, build: Callable[[pd.DataFrame, str], Styler]
) -> Styler:
    """Return ``build(table, lang)``, made once per session for this very ``table`` object.

    Formatting a Styler costs milliseconds on every rerun; a table from the shared cache is the
    same object rerun after rerun, so each visitor formats it once. Kept per session, never
    shared between sessions: a Styler changes its own state while it renders.
    """
    kept: dict = st.session_state.setdefault(SESSION_STYLERS, {})
    key = (id(table), lang, build.__module__, build.__qualname__)
    entry = kept.get(key)
    if entry is None or entry[0] is not table:  # holding the table keeps its id from reuse
        if len(kept) >= SESSION_STYLERS_MAX:
            kept.clear()
        entry = kept[key] = (table, build(table, lang))
    return entry[1]


def searched_rows(
    frame: pd.DataFrame, column: str, query: str, limit: int
) -> tuple[pd.DataFrame, int]:
    """Return the rows to show (up to ``limit`` whose ``column`` matches ``query``, with or
    without accents; the first ``limit`` without a query) and how many rows match in all."""
    needle = widgets.folded(query)
    if not needle:
        return frame.head(limit), len(frame)
    folded = widgets.folded_labels(tuple(str(value) for value in frame[column]))
    rows = [number for number, text in enumerate(folded) if needle in text]
    return frame.iloc[rows[:limit]], len(rows)


def _shown(prepared: Prepared, lang: str, column: str | None, key: str) -> pd.DataFrame | Styler:
    """Return what the table widget draws: all rows, or above MANY_ROWS the searched ones."""
    frame = prepared.text if prepared.text is not None else prepared.table
    if column is None or len(frame) <= MANY_ROWS:
        return frame if prepared.text is not None else session_styler(frame, lang, styled)
    total = len(frame)
    query = st.text_input(
        t("speed.table.search", lang),
        key=f"{key}_search",
        placeholder=t("speed.table.search_placeholder", lang, count=fmt_number(total, lang, 0)),
    )
    rows, found = searched_rows(frame, column, query, SHOWN_ROWS)
    counts = {"shown": len(rows), "found": found, "count": total}
    caption = "speed.table.matches" if widgets.folded(query) else "speed.table.first"
    st.caption(t(caption, lang, **{name: fmt_number(n, lang, 0) for name, n in counts.items()}))
    return rows if prepared.text is not None else styled(rows, lang)


def data_table(
    prepared: Prepared,
    *,
    lang: str,
    key: str,
    wide_columns: Sequence[str] = (),
    search_column: str | None = None,
) -> None:
    """Draw a prepared table (localised headers) as a sortable grid.

    Above MANY_ROWS rows (with a ``search_column``) a search field picks the rows shown, the
    first SHOWN_ROWS without a search: thousands of rows weigh ~1 MB on every load (#16); the
    downloads (:func:`downloads`) hold the whole table.
    """
    table = prepared.table
    config = {column: st.column_config.Column(width="medium") for column in wide_columns}
    if prepared.text is not None:
        config |= {c: st.column_config.Column(alignment="right") for c in prepared.text_columns}
    shown = _shown(prepared, lang, search_column, key)
    if len(shown.index) or not len(table):  # a search that found nothing says so in its caption
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            placeholder="–",  # an empty cell reads "–", never "None"
            # A province's block fits on screen; hundreds of rows scroll inside the table.
            height="content" if len(shown.index) <= CONTENT_ROWS else SCROLL_HEIGHT,
            column_config=config,
        )


def downloads(prepared: Prepared, *, lang: str, file_stem: str, sheet_name: str, key: str) -> None:
    """Draw the buttons that download a prepared table, whole, as CSV and as XLSX."""
    table = prepared.table
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("rankings.page.download_csv", lang),
        # Built when clicked (a callable), not on every rerun: a large table's XLSX takes seconds.
        data=lambda: to_csv_bytes(table),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    right.download_button(
        t("rankings.page.download_xlsx", lang),
        data=lambda: to_xlsx_bytes(table, sheet_name),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/download:",
    )
