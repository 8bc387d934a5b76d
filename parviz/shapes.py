"""The shape of a published table around its units: footer rows, sections, year groups, year.

Annexes put rows that are not units under and between the units (averages, totals, notes,
signature blocks), split one sheet into blocks with section rows ("I. KHỐI SỞ, BAN, NGÀNH"),
group columns by year ("Năm 2022 | Năm 2023" over "Điểm | Xếp hạng"), and name their year in
a title. Everything here is pure: it reads rows of text cells and says what they are (as Problems).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parviz.headers import header_key
from parviz.problems import Problem, Severity

# What a left-out row is, by its first words (after header_key): exact words, then prefixes.
_FOOTER_EXACT: dict[str, str] = {
    "trung binh": "average",
    "tb": "average",
    "diem tb": "average",
    "mean": "average",
    "cong": "total",
    "tong": "total",
    "tong so": "total",
    "total": "total",
}
_FOOTER_STARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("average", ("diem trung binh", "trung binh cong", "binh quan", "average")),
    ("total", ("tong cong", "grand total")),
    ("note", ("ghi chu", "chu thich", "luu y", "nguon", "note", "notes", "source")),
)
# Words of a signature block (who signs the annex and for whom).
_SIGNATURE = re.compile(
    r"^(?:kt|tm|q|tl|ktl)\b|nguoi lap|giam doc|chu tich|truong phong|truong ban|chanh van phong"
    r"|noi nhan|da ky|ky ten|ky ghi ro ho ten|ho va ten|prepared by|director|chairman"
)
# Numbering in front of a section title: I., II., A., 1.
_NUMBERING = re.compile(r"^(?:[ivxl]+|[a-h]|\d{1,2})\s+")
# Block of a section title, first match wins (district before commune: "thị xã").
_SECTION_BLOCKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("department", re.compile(r"\bso\b.*\b(?:ban|nganh)\b|\b(?:cap|khoi) so\b|co quan chuyen mon")),
    (
        "district",
        re.compile(r"\bcap huyen\b|\bcac huyen\b|\bhuyen\b.*\b(?:thi xa|thanh pho|quan)\b"),
    ),
    ("commune", re.compile(r"\bxa\b.*\b(?:phuong|thi tran)\b|\bcap xa\b")),
    ("ministry", re.compile(r"\bbo\b.*\bco quan ngang bo\b|\bkhoi bo\b|\bministr")),
    ("province", re.compile(r"\btinh\b.*\bthanh pho\b|\bprovinc")),
)
_SECTION_WORDS = re.compile(r"^(?:khoi|cap|nhom|block|group)\b")
YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
# A year named in a title, with the end of a range if there is one (both are then read).
# "ngày 01 tháng 3 năm 2023" is the date of a decision, not the year assessed.
_TITLE_YEAR = re.compile(
    r"(?<!thang \d )(?<!thang \d\d )\b(?:nam|year|index)\s+(?:19[89]\d|20\d\d)\b"
    r"(?:\s+(?:den|toi|to)?\s*(?:nam\s+)?(?:19[89]\d|20\d\d)\b)?"
)


def footer_kind(text: str) -> str | None:
    """Return 'average', 'total', 'note' or 'signature' for a row that is not a unit."""
    if text.lstrip().startswith(("*", "(*)")):
        return "note"  # a footnote: "(*) Đơn vị không chấm điểm …"
    key = header_key(text)
    if not key:
        return None
    if key in _FOOTER_EXACT:
        return _FOOTER_EXACT[key]
    for kind, starts in _FOOTER_STARTS:
        if any(key == start or key.startswith(start + " ") for start in starts):
            return kind
    if _SIGNATURE.search(key):
        return "signature"
    return None


def section_block(text: str) -> str | None:
    """Return the block a section title names ('II. KHỐI UBND HUYỆN, …' → 'district')."""
    key = header_key(text)
    numbered = _NUMBERING.match(key)
    rest = key[numbered.end() :] if numbered else key
    if not (numbered or _SECTION_WORDS.match(rest)):
        return None
    for block, pattern in _SECTION_BLOCKS:
        if pattern.search(rest):
            return block
    return None


def is_section(text: str) -> bool:
    """Return True for a section title: numbered or starting with 'Khối', 'Cấp', 'Nhóm'."""
    key = header_key(text)
    numbered = _NUMBERING.match(key)
    rest = key[numbered.end() :] if numbered else key
    if _SECTION_WORDS.match(rest):
        return True
    # "1 Huyện …" is an STT and a unit; only a Roman or letter numbering titles a section.
    roman = numbered is not None and not numbered.group().strip().isdigit()
    return roman and section_block(text) is not None


def row_text(row: list[str]) -> str:
    """Return the filled cells of a row joined by spaces (a merged title is in one of them)."""
    return " ".join(cell for cell in row if cell)


@dataclass(frozen=True)
class Group:
    """A header group: a title cell (e.g. 'Năm 2022') over the columns first..last."""

    title: str
    first: int
    last: int

    @property
    def columns(self) -> range:
        """Return the column positions under the group title."""
        return range(self.first, self.last + 1)

    @property
    def year(self) -> int | None:
        """Return the year the title names, if it names exactly one."""
        years = set(YEAR.findall(self.title))
        return int(years.pop()) if len(years) == 1 else None


def groups_over(top: list[str], below: list[str], is_header: set[int]) -> list[Group]:
    """Return the groups of ``top``: a title cell and the empty (merged) cells after it.

    Only cells over filled sub-header cells count; ``is_header`` holds the positions of
    ``top`` that are column headers themselves (not group titles).
    """
    groups: list[Group] = []
    width = max(len(top), len(below))
    position = 0
    while position < width:
        title = top[position] if position < len(top) else ""
        if not title or position in is_header:
            position += 1
            continue
        last = position
        while last + 1 < width and not (top[last + 1] if last + 1 < len(top) else ""):
            if last + 1 >= len(below) or not below[last + 1]:
                break
            last += 1
        groups.append(Group(title, position, last))
        position = last + 1
    return groups


def year_from_title(rows: list[list[str]], header_index: int) -> tuple[int, str] | None:
    """Return (year, title) from the rows above the header when they name one year."""
    found = []
    for row in rows[:header_index]:
        text = row_text(row)
        # "NĂM 2021", "năm 2016 - 2020", "từ năm 2016 đến năm 2020", "PAR INDEX 2023"
        for match in _TITLE_YEAR.finditer(header_key(text)):
            found += [(int(year), text) for year in YEAR.findall(match.group())]
    years = {year for year, _ in found}
    return found[0] if len(years) == 1 else None


def year_from_file(file: str) -> int | None:
    """Return the one year a file name holds ('chi_so_cchc_2021.xlsx' → 2021)."""
    years = set(YEAR.findall(file))
    return int(years.pop()) if len(years) == 1 else None


@dataclass(frozen=True)
class BodyRow:
    """One row under the header: what it is and the section (block) it stands in."""

    index: int  # position in the rows of the sheet
    kind: str  # unit, blank, average, total, note, signature, section, other
    section: str | None  # title of the section row above it, if any
    block: str | None  # block that section names, if any


def body_layout(
    rows: list[list[str]], body: int, unit: int | None, values: list[int]
) -> list[BodyRow]:
    """Say what each row from ``body`` on is; ``unit``/``values`` are column positions.

    A note or a signature ends the table: every row after it is left out too, until a
    section row starts another block.
    """
    laid: list[BodyRow] = []
    section = block = None
    ended = False
    for index in range(body, len(rows)):
        row = rows[index]
        name = row[unit].strip() if unit is not None and unit < len(row) else ""
        has_values = any(i < len(row) and row[i].strip() for i in values)
        text = row_text(row)
        kind = _row_kind(name, text, has_values, ended)
        if kind == "section":
            section, block, ended = text, section_block(text), False
        elif kind in ("note", "signature"):
            ended = True
        laid.append(BodyRow(index, kind, section, block))
    return laid


def _row_kind(name: str, text: str, has_values: bool, ended: bool) -> str:
    """Return the kind of one body row (see BodyRow.kind)."""
    if not text:
        return "blank"
    if not has_values and is_section(text):
        return "section"
    kind = footer_kind(name or text)
    if kind is None and not has_values:
        kind = footer_kind(text)
    if kind is not None:
        return kind
    if ended:
        return "signature"
    return "unit" if name and has_values else "other"


@dataclass(frozen=True)
class YearFound:
    """The year a table names, and where it says so."""

    year: int
    source: str  # title, column, group or file
    text: str  # the title, column header, group title or file name read


def year_of_table(
    rows: list[list[str]], header_index: int, groups: list[Group], years: set[int], file: str
) -> YearFound | None:
    """Return the year a table names: its title, its one year column value, its one year group,
    else its file name; None when none of them names exactly one year.

    ``years`` holds the distinct values of the table's year column (empty without one).
    """
    titled = year_from_title(rows, header_index)
    if titled is not None:
        return YearFound(titled[0], "title", titled[1])
    if len(years) == 1:
        return YearFound(next(iter(years)), "column", "")
    dated = [group for group in groups if group.year is not None]
    if len(dated) == 1:
        return YearFound(dated[0].year, "group", dated[0].title)
    named = year_from_file(file)
    return YearFound(named, "file", file) if named is not None else None


def left_out_report(
    layout: list[BodyRow], rows: list[list[str]], where: dict[str, str | None]
) -> list[Problem]:
    """Return one warning per row left out (average, total, note, …) and one for blank rows."""
    problems = [
        Problem(
            f"import_left_out_{laid.kind}",
            Severity.WARNING,
            row=laid.index + 1,
            params={"text": row_text(rows[laid.index])[:80]},
            **where,
        )
        for laid in layout
        if laid.kind not in ("unit", "blank")
    ]
    units = [laid.index for laid in layout if laid.kind == "unit"]
    blanks = [
        laid.index + 1
        for laid in layout
        if laid.kind == "blank" and units and units[0] < laid.index < units[-1]
    ]
    if blanks:  # only those inside the table: the sheet's empty tail is not worth a word
        params = {"rows": ", ".join(map(str, blanks))}
        problems.append(Problem("import_blank_rows", Severity.WARNING, params=params, **where))
    return problems


def section_of(
    layout: list[BodyRow], block: str, where: dict[str, str | None]
) -> tuple[list[int], list[Problem]]:
    """Return the unit rows of ``block``'s section (all units when no section names a block).

    Units of other sections are left out and said so; a sheet whose sections name blocks but
    not ``block`` gives no rows and an error naming the sections found.
    """
    units = [laid for laid in layout if laid.kind == "unit"]
    sections = list(dict.fromkeys((laid.section, laid.block) for laid in layout if laid.block))
    if not sections:
        return [laid.index for laid in units], []
    if block not in {named for _, named in sections}:
        titles = "; ".join(f"'{title}'" for title, _ in sections)
        params = {"block": block, "sections": titles}
        return [], [Problem("import_section_missing", params=params, **where)]
    left_out: dict[str, list[int]] = {}
    for laid in units:
        if laid.block != block:
            left_out.setdefault(laid.section or "–", []).append(laid.index + 1)
    problems = [
        Problem(
            "import_section_left_out",
            Severity.WARNING,
            params={"section": title, "count": len(left), "first": left[0], "last": left[-1]},
            **where,
        )
        for title, left in left_out.items()
    ]
    return [laid.index for laid in units if laid.block == block], problems
