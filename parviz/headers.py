"""Recognise the column headers of published tables, whatever their case and diacritics."""

from __future__ import annotations

import re

from parviz.problems import Problem, Severity
from parviz.units import strip_diacritics

# Title rows above the header that are skipped while looking for it.
MAX_TITLE_ROWS = 15
CRITERION_PREFIX = "criterion:"

# Header spellings per role, compared after header_key() (no case, diacritics, punctuation).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu", "no", "number"),
    "unit": (
        "ten don vi",
        "ten co quan don vi",
        "don vi",
        "ten co quan",
        "co quan don vi",
        "ten dia phuong",
        "dia phuong",
        "co quan",
        "unit",
        "unit name",
        "name",
        "agency",
        # The unit column is named after the level ranked (#12).
        "so nganh",
        "so ban nganh",
        "huyen thi xa thanh pho",
        "huyen thi xa thanh pho thuoc tinh",
        "quan huyen",
        "xa phuong thi tran",
        "xa thi tran",
        "phuong xa",
        "xa phuong",
        "tinh thanh pho",
        "tinh thanh pho truc thuoc trung uong",
        "ten tinh thanh pho",
        "bo co quan ngang bo",
        "province",
        "ministry",
    ),
    "total": (
        "tong diem",
        "diem dat duoc",
        "tong diem dat duoc",
        "tong so diem",
        "diem tong",
        "total",
        "total score",
        "total points",
        "score",
        "points",
        "tong diem cchc",
        "diem",
    ),
    "index_pct": (
        "chi so cchc",
        "chi so",
        "chi so cai cach hanh chinh",
        "ty le",
        "ty le dat",
        "ket qua chi so cchc",
        "index",
        "par index",
        "index pct",
    ),
    "rank": ("xep hang", "thu hang", "hang", "vi tri xep hang", "rank", "ranking", "position"),
    "classification": (
        "xep loai nguoi dung dau",
        "xep loai nguoi dung dau ve cong tac cchc",
        "phan loai",
        "classification",
    ),
    # The unit's grade on the province's own scale (parviz.grades), not the heads' classification.
    "grade": (
        "xep loai",
        "xep loai cchc",
        "xep loai cong tac cchc",
        "ket qua xep loai",
        "grade",
        "rating",
    ),  # fmt: skip
    "survey": (
        "diem dieu tra xhh",
        "diem dieu tra xa hoi hoc",
        "dieu tra xhh",
        "diem dieu tra",
        "diem khao sat",
        "survey",
        "survey points",
    ),
    "assessed": (
        "diem tham dinh",
        "diem danh gia truc tiep",
        "diem danh gia",
        "diem hoi dong tham dinh",
        "assessed",
        "assessed points",
        "direct assessment",
    ),
    "year": ("nam", "nam danh gia", "year"),
    # Survey components of the national index (#12): each its own column.
    "sipas": (
        "sipas",
        "diem sipas",
        "chi so sipas",
        "chi so hai long",
        "chi so hai long sipas",
        "muc do hai long",
        "su hai long",
        "satisfaction",
        "sipas satisfaction",
    ),
    "leaders": (
        "khao sat lanh dao quan ly",
        "dieu tra lanh dao quan ly",
        "lanh dao quan ly",
        "survey of leaders and managers",
        "leaders and managers",
        "leaders survey",
    ),
    "impact": (
        "tac dong",
        "tac dong cua cchc",
        "tac dong cua cai cach hanh chinh",
        "danh gia tac dong",
        "diem tac dong",
        "impact",
        "impact of reform",
    ),
}
# Survey components whose headers vary more than a list can hold: a phrase inside the header.
_COMPONENT_PHRASES = (
    ("sipas", "sipas"),
    ("leaders", "lanh dao quan ly"),
    ("impact", "tac dong cua"),
    ("impact", "danh gia tac dong"),
)
COMPONENT_ROLES = ("sipas", "leaders", "impact")
# Roles that carry a result: a header row must name at least one of them.
RESULT_ROLES = {"total", "index_pct", "rank", "classification", "grade"}
VALUE_ROLES = (
    "total",
    "index_pct",
    "rank",
    "classification",
    "grade",
    "survey",
    "assessed",
    *COMPONENT_ROLES,
)

_CLASSIFICATIONS = (
    ("khong hoan thanh", "not_completed"),
    ("not completed", "not_completed"),
    ("xuat sac", "excellent"),
    ("excellent", "excellent"),
    ("hoan thanh tot", "good"),
    ("tot", "good"),
    ("good", "good"),
    ("hoan thanh", "completed"),
    ("completed", "completed"),
)
_CRITERION_NUMBER = re.compile(r"^(?:c|lv|linh vuc|tieu chi|criterion)\s*(\d+)$")


def header_key(text: str) -> str:
    """Return a header without case, diacritics, punctuation, units ('%') or extra spaces."""
    text = strip_diacritics(str(text).casefold())
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def role_of(header: str, criteria: list[tuple[str, str, str]] = ()) -> str | None:
    """Return the role of one header, or None when it is not recognised."""
    key = header_key(header)
    if not key:
        return None
    for role, spellings in SYNONYMS.items():
        if key in spellings:
            return role
    for criterion_id, name_vi, name_en in criteria:
        if key in {header_key(criterion_id), header_key(name_vi), header_key(name_en)}:
            return CRITERION_PREFIX + criterion_id
    number = _CRITERION_NUMBER.match(key)
    if number:
        return f"{CRITERION_PREFIX}C{number.group(1)}"
    return next((role for role, phrase in _COMPONENT_PHRASES if phrase in key), None)


def roles_of(
    row: list[str], explicit: dict[str, str], criteria: list[tuple[str, str, str]] = ()
) -> dict[str, str]:
    """Return {header: role} for the recognised headers of ``row`` (explicit names win)."""
    by_header = {header: role for role, header in explicit.items()}
    roles = {}
    for cell in row:
        role = by_header.get(cell) or role_of(cell, criteria)
        if role and role not in roles.values():
            roles[cell] = role
    return roles


def map_columns(
    header: list[str],
    explicit: dict[str, str],
    file: str,
    sheet: str | None,
    criteria: list[tuple[str, str, str]] = (),
) -> tuple[dict[str, str], list[Problem]]:
    """Return {role: header} for a header row and the problems (ignored or missing columns)."""
    problems = []
    for role, name in explicit.items():
        if name not in header:
            problems.append(
                Problem(
                    "import_column_missing",
                    file=file,
                    sheet=sheet,
                    column=name,
                    params={"role": role},
                )
            )
    roles = roles_of(header, explicit, criteria)
    for cell in header:
        if cell and cell not in roles:
            problems.append(
                Problem(
                    "import_column_ignored",
                    Severity.WARNING,
                    file=file,
                    sheet=sheet,
                    row=None,
                    column=cell,
                )
            )
    return {role: cell for cell, role in roles.items()}, problems


def classification_code(text: str) -> str | None:
    """Return the classification code of a published text ('Hoàn thành tốt nhiệm vụ' → good)."""
    key = header_key(text)
    if key in ("excellent", "good", "completed", "not completed", "not_completed"):
        return key.replace(" ", "_")
    for fragment, code in _CLASSIFICATIONS:
        if fragment in key:
            return code
    return None
