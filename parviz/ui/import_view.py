"""The import workflow in the browser: upload, map columns, preview, validate, save, undo.

What each step shows is decided in ``parviz/views/imports.py`` (the view model); here it is
drawn with Streamlit's widgets.

Every function that writes (``save_import``, ``undo_last``) checks the administrator flag
itself: a viewer's session cannot reach a write even if a button were shown by mistake.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from parviz import grades, importing, storage
from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.importing import ImportOptions, ImportResult
from parviz.problems import Problem, has_errors
from parviz.reading import MAX_UPLOAD_BYTES
from parviz.shapes import YearFound
from parviz.ui import admin, cache, render
from parviz.views import imports as view
from parviz.views.imports import block_label, for_the_page, save_sentence, year_source_text

log = logging.getLogger(__name__)


def save_import(path: Path, data: bytes, file: str, options: ImportOptions) -> ImportResult:
    """Import and save ``data`` into the dataset at ``path``: administrators only."""
    admin.require_admin()
    options.dry_run = False
    result = importing.import_table(path, data, file, options)
    if result.written:
        log.info("imported %s into %s (%s, %s)", file, path, options.year, options.block)
        cache.clear()
    return result


def undo_last(path: Path) -> str | None:
    """Restore the dataset as it was before the last save: administrators only."""
    admin.require_admin()
    restored = storage.undo(path)
    if restored is not None:
        log.info("restored %s to the version before %s", path, restored)
        cache.clear()
    return restored


def preview(path: Path, data: bytes, file: str, options: ImportOptions) -> ImportResult:
    """Check an import without writing anything (a dry run against a scratch copy)."""
    options.dry_run = True
    return importing.import_table(path, data, file, options)


def upload(lang: str) -> tuple[bytes, str] | None:
    """Draw the file picker; return the bytes and name of an upload within the size limit."""
    uploaded = st.file_uploader(
        t("import.upload.label", lang),
        type=["xlsx", "csv"],
        key="_parviz_upload",
        help=t("import.upload.help", lang, limit=MAX_UPLOAD_BYTES // 2**20),
    )
    if uploaded is None:
        return None
    if uploaded.size > MAX_UPLOAD_BYTES:  # checked before reading a byte
        render.problem_list(
            [
                Problem(
                    "import_too_large",
                    file=uploaded.name,
                    params={
                        "size_mb": uploaded.size // 2**20,
                        "limit_mb": MAX_UPLOAD_BYTES // 2**20,
                    },
                )
            ],
            lang,
        )
        return None
    return uploaded.getvalue(), uploaded.name


def target(
    dataset: Dataset, lang: str, found: YearFound | None = None, upload_id: str = ""
) -> ImportOptions | None:
    """Draw year, block and the two switches; return the options, None until a year is chosen.

    The year is never guessed: it starts at the year the table names (and the page says
    where it was read), else empty until the administrator chooses one (#12).
    """
    columns = st.columns(2)
    year = columns[0].number_input(
        t("import.year", lang),
        min_value=1990,
        max_value=2100,
        value=found.year if found else None,
        step=1,
        placeholder=t("shapes.year.placeholder", lang),
        key=f"_parviz_import_year{upload_id}",  # a new upload starts from its own year
    )
    columns[0].caption(year_source_text(found, year, lang))
    block = columns[1].selectbox(
        t("import.block", lang),
        view.block_choices(dataset),
        key="_parviz_import_block",
        format_func=lambda b: block_label(dataset, b, lang),
    )
    create = st.checkbox(t("import.create_units", lang), key="_parviz_import_create")
    replace = st.checkbox(t("import.replace", lang), key="_parviz_import_replace")
    scale = st.text_input(
        t("shapes.grades.label", lang),
        key="_parviz_import_grades",
        placeholder="Xuất sắc, Tốt, Khá",
        help=t("shapes.grades.help", lang),
    )
    if year is None:
        return None
    return ImportOptions(
        year=int(year),
        block=str(block),
        create_units=create,
        replace=replace,
        grades=tuple(grades.parse_names(scale)),
    )


def column_mapping(
    dataset: Dataset, data: bytes, file: str, options: ImportOptions, lang: str
) -> dict[str, str] | None:
    """Show the detected role of each column, editable; return {role: header} or None."""
    cells, detected, problems = importing.detect_columns(dataset, data, file, options)
    if has_errors(problems) or not cells:
        render.problem_list(for_the_page([p for p in problems if p.is_error]), lang)
        return None
    shown = view.mapping_table(dataset, cells, detected, options)
    edited = st.data_editor(
        shown.table,
        hide_index=True,
        disabled=["header"],
        key="_parviz_import_mapping",
        column_config={
            "header": st.column_config.TextColumn(t("import.mapping.header", lang)),
            "role": st.column_config.SelectboxColumn(
                t("import.mapping.role", lang), options=list(shown.roles), required=False
            ),
        },
    )
    st.caption(t("import.mapping.help", lang))
    return view.chosen_mapping(zip(edited["header"], edited["role"]))


def preview_table(
    dataset: Dataset, result: ImportResult, options: ImportOptions, lang: str
) -> None:
    """Show the parsed rows with the matched unit, highlighting aliases and unknown names."""
    shown = view.preview_rows(dataset, result, options, lang)
    if shown is None:
        return
    decimal, thousands = (",", ".") if lang == "vi" else (".", ",")
    styler = shown.table.style.apply(
        lambda column: [f"background-color: {c}" if c else "" for c in shown.colours], axis=0
    ).format(decimal=decimal, thousands=thousands, precision=shown.decimals, na_rep="–")
    st.dataframe(styler, hide_index=True, width="stretch")
    st.caption(t("import.preview.legend", lang))


def versions_panel(path: Path, lang: str) -> None:
    """List the saved versions and offer to undo the last save."""
    names = storage.versions(path)
    render.section(t("import.undo.heading", lang))
    if not names:
        st.caption(t("import.undo.none", lang))
        return
    st.caption(t("import.undo.count", lang, count=len(names), latest=names[-1]))
    if st.button(t("import.undo.button", lang), key="_parviz_undo"):
        restored = undo_last(path)
        st.success(t("import.undo.done", lang, version=restored or "–"))


def workflow(dataset: Dataset, path: Path, lang: str) -> None:
    """Draw the whole import workflow for an administrator."""
    if Path(path).is_file():
        render.problem_list([Problem("import_needs_folder", file=str(path))], lang)
        return
    uploaded = upload(lang)
    found = importing.detect_year(*uploaded) if uploaded is not None else None
    options = target(dataset, lang, found, view.upload_key(uploaded and uploaded[0]))
    step = view.next_step(uploaded is not None, options)
    if step == view.YEAR:
        st.warning(t("shapes.year.required", lang), icon=":material/event:")
    elif step == view.CHECK:
        checked(dataset, path, *uploaded, options, found, lang)
    versions_panel(path, lang)


def checked(
    dataset: Dataset,
    path: Path,
    data: bytes,
    file: str,
    options: ImportOptions,
    found: YearFound | None,
    lang: str,
) -> None:
    """Map the columns, preview the rows and their problems, and offer the save."""
    render.section(t("import.mapping.heading", lang))
    mapping = column_mapping(dataset, data, file, options, lang)
    if mapping is None:
        return
    options.columns = mapping
    render.section(t("import.preview.heading", lang))
    result = preview(path, data, file, options)
    preview_table(dataset, result, options, lang)
    if result.problems:
        render.problem_list(for_the_page(result.problems), lang)
    if has_errors(result.problems):
        st.error(t("import.preview.blocked", lang), icon=":material/block:")
        return
    sentence, button = st.columns([3, 1], vertical_alignment="center")
    sentence.success(save_sentence(dataset, options, len(result.rows), found, lang))
    if button.button(t("import.save", lang), type="primary", key="_parviz_save"):
        saved = save_import(path, data, file, options)
        if saved.written:
            st.success(t("import.saved", lang, count=len(saved.rows), year=options.year))
        else:
            render.problem_list(for_the_page(saved.problems), lang)
