"""The import page's view model: what the workflow shows between the upload and the save.

Made of ``parviz.importing`` (detect columns and year, match names, dry run) and the problem
catalog. The page (``pages/import.py``) and its widgets (``parviz/ui/import_view.py``) lay it
out; the writes themselves stay behind the administrator check in ``import_view``.

The steps (``next_step``): upload → year and block (``year_source_text``) → columns
(``mapping_table``) → preview (``preview_rows``, problems ``for_the_page``) → the save
sentence (``save_sentence``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, fields

import pandas as pd

from parviz import headers, importing, markup
from parviz.dataset import ROW, Dataset
from parviz.i18n import t
from parviz.importing import ImportOptions, ImportResult
from parviz.problems import Problem
from parviz.shapes import YearFound

NONE = ""  # "no column" in the mapping editor
# Background of a preview row by how its name matched (colour-blind safe, light).
MATCH_COLOURS = {
    "alias": "#fff3bf",
    "normalised": "#fff3bf",
    "loose": "#ffd8a8",
    "unknown": "#ffc9c9",
    "new": "#d0ebff",
}


# What the workflow shows next: nothing uploaded, a year to choose, or the checks and save.
UPLOAD, YEAR, CHECK = "upload", "year", "check"


def next_step(uploaded: bool, options: ImportOptions | None) -> str:
    """Return the step the workflow is at: UPLOAD, YEAR (never guessed, #12) or CHECK."""
    if not uploaded:
        return UPLOAD
    return YEAR if options is None else CHECK


def upload_key(data: bytes | None) -> str:
    """Return a suffix naming an upload ("" for none): a new file starts from its own year."""
    return f"_{hashlib.sha1(data).hexdigest()[:12]}" if data else ""


def block_choices(dataset: Dataset) -> list[str]:
    """Return the blocks an import may go to: the dataset's, then the known ones it lacks."""
    return list(dict.fromkeys([*dataset.blocks, *importing.KNOWN_BLOCKS]))


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
    text = markup.escape_markdown(found.text[:120])  # a title is data: never markup
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
        block=markup.escape_markdown(block_label(dataset, options.block, lang)),
        source=year_source_text(found, options.year, lang),
    )


@dataclass(frozen=True)
class Mapping:
    """The column mapping to edit: one row per header with its detected role, and the roles."""

    table: pd.DataFrame  # header, role ("" = no column)
    roles: tuple[str, ...]


def mapping_table(
    dataset: Dataset, cells: list[str], detected: dict[str, str], options: ImportOptions
) -> Mapping:
    """Return each header with the role detected for it, and every role it may be given."""
    criteria = [
        f"criterion:{c}" for c in dataset.criteria(options.year, options.block)["criterion_id"]
    ]
    by_header = {header: role for role, header in detected.items()}
    table = pd.DataFrame({"header": cells, "role": [by_header.get(c, NONE) for c in cells]})
    return Mapping(table, (NONE, *importing.MAPPABLE_ROLES, *criteria))


def chosen_mapping(headers_and_roles: Iterable[tuple[str, object]]) -> dict[str, str]:
    """Return {role: header} of an edited mapping (the first header given a role keeps it)."""
    mapping: dict[str, str] = {}
    for header, role in headers_and_roles:
        if isinstance(role, str) and role and role not in mapping:
            mapping[role] = header
    return mapping


@dataclass(frozen=True)
class Preview:
    """The parsed rows as shown: headers in the language, a colour per row, the decimals."""

    table: pd.DataFrame
    colours: tuple[str, ...]  # background of each row by how its name matched ("" = none)
    decimals: int  # as published: 97,685 stays


def preview_rows(
    dataset: Dataset, result: ImportResult, options: ImportOptions, lang: str
) -> Preview | None:
    """Return the parsed rows with the matched unit and how it matched (None: no rows)."""
    rows = importing.match_preview(dataset, result.rows, options)
    if rows.empty:
        return None
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
    colours = tuple(MATCH_COLOURS.get(kind, "") for kind in rows["match"])
    return Preview(shown, colours, result.rows.attrs.get("decimals") or 2)


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
