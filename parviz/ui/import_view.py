"""The import workflow in the browser: upload, map columns, preview, validate, save, undo.

Every function that writes (``save_import``, ``undo_last``) checks the administrator flag
itself: a viewer's session cannot reach a write even if a button were shown by mistake.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
import streamlit as st

from parviz import grades, headers, importing, markup, storage
from parviz.dataset import ROW, Dataset
from parviz.i18n import t
from parviz.importing import ImportOptions, ImportResult
from parviz.problems import Problem, has_errors
from parviz.reading import MAX_UPLOAD_BYTES
from parviz.shapes import YearFound
from parviz.ui import admin, cache, render

log = logging.getLogger(__name__)

NONE = ""  # "no column" in the mapping editor
# Background of a preview row by how its name matched (colour-blind safe, light).
MATCH_COLOURS = {
    "alias": "#fff3bf",
    "normalised": "#fff3bf",
    "loose": "#ffd8a8",
    "unknown": "#ffc9c9",
    "new": "#d0ebff",
}


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
    blocks = list(dict.fromkeys([*dataset.blocks, *importing.KNOWN_BLOCKS]))
    block = columns[1].selectbox(
        t("import.block", lang),
        blocks,
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


def block_label(dataset: Dataset, block: str, lang: str) -> str:
    """Return a block's name, or the name of a block the import would create."""
    if block in dataset.blocks:
        return dataset.block_name(block, lang)
    return t(f"import.block_new.{block}", lang)


def year_source_text(found: YearFound | None, year: float | None, lang: str) -> str:
    """Say where the chosen year comes from: the table (title, column, group, file) or a person."""
    if year is None:
        return t("shapes.year.none_found", lang)
    if found is None or int(year) != found.year:
        return t("shapes.year.chosen", lang, year=int(year))
    text = render.escape_markdown(found.text[:120])  # a title is data: never markup
    return t(f"shapes.year.from_{found.source}", lang, year=found.year, text=text)


def save_sentence(
    dataset: Dataset, options: ImportOptions, count: int, found: YearFound | None, lang: str
) -> str:
    """Return the one sentence next to the save button: what will be saved, where and why."""
    return t(
        "shapes.preview.summary",
        lang,
        count=count,
        year=options.year,
        block=render.escape_markdown(block_label(dataset, options.block, lang)),
        source=year_source_text(found, options.year, lang),
    )


def column_mapping(
    dataset: Dataset, data: bytes, file: str, options: ImportOptions, lang: str
) -> dict[str, str] | None:
    """Show the detected role of each column, editable; return {role: header} or None."""
    cells, detected, problems = importing.detect_columns(dataset, data, file, options)
    if has_errors(problems) or not cells:
        render.problem_list(for_the_page([p for p in problems if p.is_error]), lang)
        return None
    criteria = [
        f"criterion:{c}" for c in dataset.criteria(options.year, options.block)["criterion_id"]
    ]
    roles = [NONE, *importing.MAPPABLE_ROLES, *criteria]
    by_header = {header: role for role, header in detected.items()}
    table = pd.DataFrame({"header": cells, "role": [by_header.get(c, NONE) for c in cells]})
    edited = st.data_editor(
        table,
        hide_index=True,
        disabled=["header"],
        key="_parviz_import_mapping",
        column_config={
            "header": st.column_config.TextColumn(t("import.mapping.header", lang)),
            "role": st.column_config.SelectboxColumn(
                t("import.mapping.role", lang), options=roles, required=False
            ),
        },
    )
    st.caption(t("import.mapping.help", lang))
    mapping: dict[str, str] = {}
    for header, role in zip(edited["header"], edited["role"]):
        if isinstance(role, str) and role and role not in mapping:
            mapping[role] = header
    return mapping


def preview_table(
    dataset: Dataset, result: ImportResult, options: ImportOptions, lang: str
) -> None:
    """Show the parsed rows with the matched unit, highlighting aliases and unknown names."""
    rows = importing.match_preview(dataset, result.rows, options)
    if rows.empty:
        return
    shown = pd.DataFrame(
        {
            t("import.preview.row", lang): rows.get(ROW),
            t("import.preview.name", lang): rows["name"],
            t("import.preview.unit", lang): [
                dataset.name_in(u, options.year) if isinstance(u, str) else "–"
                for u in rows["unit_id"]
            ],
            t("import.preview.match", lang): [t(f"import.match.{k}", lang) for k in rows["match"]],
        }
    )
    for role in headers.VALUE_ROLES:
        if role in rows.columns:
            shown[t(f"import.role.{role}", lang)] = rows[role]
    colours = [MATCH_COLOURS.get(kind, "") for kind in rows["match"]]
    decimal, thousands = (",", ".") if lang == "vi" else (".", ",")
    styler = shown.style.apply(
        lambda column: [f"background-color: {c}" if c else "" for c in colours], axis=0
    ).format(
        decimal=decimal,
        thousands=thousands,
        precision=result.rows.attrs.get("decimals") or 2,  # as published: 97,685 stays
        na_rep="–",
    )
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
    upload_id = f"_{hashlib.sha1(uploaded[0]).hexdigest()[:12]}" if uploaded else ""
    options = target(dataset, lang, found, upload_id)
    if uploaded is not None and options is None:
        st.warning(t("shapes.year.required", lang), icon=":material/event:")
    elif uploaded is not None:
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


# Problems whose fix names a command-line option: on the page they name its control instead.
PAGE_CONTROLS = {
    "import_unknown_unit": "import.create_units",
    "import_exists": "import.replace",
    "import_year_conflict": "import.year",
    "import_group_missing": "import.year",
    "import_year_title_conflict": "import.year",
    "import_year_file_conflict": "import.year",
    "import_section_missing": "import.block",
    "import_column_ignored": "import.mapping.heading",
    "import_no_header": "import.mapping.heading",
    "import_sheet_missing": "import.upload.label",
    "grade_scale_unknown": "shapes.grades.label",
    "grade_scale_conflict": "shapes.grades.label",
}


@dataclass(frozen=True)
class PageProblem(Problem):
    """A problem whose fix names the import page's own control, not a command-line option."""

    def fix(self, lang: str, *, markdown: bool = False) -> str:
        """Return how to fix the problem with the page's controls (data escaped for a page)."""
        control = t(PAGE_CONTROLS[self.code], lang)
        say = markup.md if markdown else t
        return say(f"problem.{self.code}.fix_page", lang, control=control, **self.params)


def for_the_page(problems: list[Problem]) -> list[Problem]:
    """Return ``problems`` with the fixes that name CLI options turned into page controls."""
    return [
        PageProblem(**{f.name: getattr(p, f.name) for f in fields(p)})
        if p.code in PAGE_CONTROLS
        else p
        for p in problems
    ]
