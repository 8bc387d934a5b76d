"""Grades (xếp loại công tác CCHC): a year's scale of the province's own labels, in order.

A grade grades the unit's PAR work (Xuất sắc / Tốt / Khá …, or A / B / C / D). It is not the
heads' classification (results.classification), a separate table with fixed codes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pandas as pd

from parviz.dataset import ROW
from parviz.headers import header_key
from parviz.problems import Problem
from parviz.units import slugify

# The common scales, best first: (name_vi, name_en, other spellings).
KNOWN_SCALES: tuple[tuple[tuple[str, str, tuple[str, ...]], ...], ...] = (
    (
        ("Xuất sắc", "Excellent", ("loai xuat sac",)),
        ("Tốt", "Good", ("loai tot",)),
        ("Khá", "Fair", ("loai kha",)),
        ("Trung bình", "Average", ("loai trung binh", "tb")),
        ("Yếu", "Weak", ("loai yeu", "kem")),
    ),
    (
        ("A", "A", ("loai a",)),
        ("B", "B", ("loai b",)),
        ("C", "C", ("loai c",)),
        ("D", "D", ("loai d",)),
    ),
    (
        ("Hoàn thành xuất sắc nhiệm vụ", "Completed tasks excellently", ("htxsnv",)),
        ("Hoàn thành tốt nhiệm vụ", "Completed tasks well", ("httnv",)),
        ("Hoàn thành nhiệm vụ", "Completed tasks", ("htnv",)),
        ("Không hoàn thành nhiệm vụ", "Did not complete tasks", ("khtnv",)),
    ),
)


@dataclass(frozen=True)
class Grade:
    """One level of a grade scale."""

    grade_id: str
    order: int
    name_vi: str
    name_en: str


def label_key(text: str) -> str:
    """Return a label compared without case, diacritics or punctuation ('XUẤT SẮC' → 'xuat sac')."""
    return header_key(text)


def _known_level(label: str) -> tuple[int, int] | None:
    """Return (scale, level) of a label in KNOWN_SCALES, or None."""
    key = label_key(label)
    for s, scale in enumerate(KNOWN_SCALES):
        for level, (name_vi, name_en, others) in enumerate(scale):
            if key in {label_key(name_vi), label_key(name_en), *others}:
                return s, level
    return None


def recognise(labels: list[str]) -> list[Grade] | None:
    """Return the scale of the labels found when one common scale holds them all, else None.

    The scale keeps only the levels found, in the common order (Huế 2021: Xuất sắc, Tốt, Khá).
    """
    found = [_known_level(label) for label in labels]
    scales = {level[0] for level in found if level is not None}
    if not labels or None in found or len(scales) != 1:
        return None
    scale = KNOWN_SCALES[scales.pop()]
    levels = sorted({level for _, level in found})  # type: ignore[misc]
    return [_grade(scale[level][0], scale[level][1], order) for order, level in
            enumerate(levels, start=1)]  # fmt: skip


def from_names(names: list[str]) -> list[Grade]:
    """Return the scale named in order (``--grades "Xuất sắc,Tốt,Khá"``), English when known."""
    grades = []
    for order, name in enumerate(names, start=1):
        known = _known_level(name)
        name_vi = " ".join(unicodedata.normalize("NFC", name).split())
        name_en = KNOWN_SCALES[known[0]][known[1]][1] if known else name_vi
        grades.append(_grade(name_vi, name_en, order))
    return grades


def _grade(name_vi: str, name_en: str, order: int) -> Grade:
    return Grade(slugify(name_vi) or f"grade-{order}", order, name_vi, name_en)


def parse_names(text: str) -> list[str]:
    """Return the labels of a ``--grades`` value: comma separated, blanks dropped."""
    return [name.strip() for name in text.split(",") if name.strip()]


def latest_before(grades: pd.DataFrame, year: int, block: str) -> list[Grade]:
    """Return the block's scale of the latest year before ``year`` ([] when none)."""
    years = grades.loc[(grades["block"] == block) & (grades["year"] < year), "year"]
    return scale_of(grades, int(years.max()), block) if len(years) else []


def scale_of(grades: pd.DataFrame, year: int, block: str) -> list[Grade]:
    """Return the grade scale of a year and block, best first ([] when it has none)."""
    chosen = grades[(grades["year"] == year) & (grades["block"] == block)].sort_values("order")
    return [
        Grade(str(r["grade_id"]), int(r["order"]), str(r["name_vi"]), str(r["name_en"]))
        for _, r in chosen.iterrows()
    ]


def resolve(label: str, scale: list[Grade]) -> str | None:
    """Return the grade_id a published label names in ``scale`` (by id, vi or en name)."""
    key = label_key(label)
    for grade in scale:
        if key in {label_key(grade.grade_id), label_key(grade.name_vi), label_key(grade.name_en)}:
            return grade.grade_id
    known = _known_level(label)  # "HTTNV" names "Hoàn thành tốt nhiệm vụ"
    if known is not None:
        name = KNOWN_SCALES[known[0]][known[1]][0]
        return next((g.grade_id for g in scale if label_key(g.name_vi) == label_key(name)), None)
    return None


def names(scale: list[Grade], lang: str) -> dict[str, str]:
    """Return {grade_id: name in lang}, best first."""
    return {g.grade_id: (g.name_en if lang == "en" else g.name_vi) for g in scale}


def names_of(table: pd.DataFrame, year: int, block: str, lang: str) -> dict[str, str]:
    """Return {grade_id: name in lang} of a year's scale in ``table`` (grades), best first."""
    return names(scale_of(table, year, block), lang)


def counts(ranking: pd.DataFrame, names: dict[str, str]) -> list[tuple[str, int]]:
    """Return (grade name, units) in scale order; [] when the ranking has no grade."""
    if "grade" not in ranking.columns or ranking["grade"].isna().all() or not names:
        return []
    found = ranking["grade"].value_counts()
    return [(name, int(found.get(grade_id, 0))) for grade_id, name in names.items()]


def scale_rows(scale: list[Grade], year: int, block: str) -> pd.DataFrame:
    """Return the rows of grades.csv for a scale."""
    return pd.DataFrame(
        [
            {
                "year": year,
                "block": block,
                "grade_id": g.grade_id,
                "order": g.order,
                "name_vi": g.name_vi,
                "name_en": g.name_en,
            }
            for g in scale
        ]  # fmt: skip
    )


def apply(
    tables: dict[str, pd.DataFrame],
    matched: pd.DataFrame,
    year: int,
    block: str,
    where: Where,
    *,
    given: tuple[str, ...] = (),
    replace: bool = False,
) -> list[Problem]:
    """Turn an import's grade labels (matched["grade"]) into grade ids of the year's scale.

    The scale is made when new (choose_scale) and written to ``tables["grades"]``.
    """
    frame = tables["grades"].drop(columns=[ROW], errors="ignore")
    if replace and given:  # the year imported again with a scale named: it replaces the scale
        frame = frame[~((frame["year"] == year) & (frame["block"] == block))]
    labels = matched["grade"].tolist() if "grade" in matched.columns else []
    found = [str(label) for label in labels if isinstance(label, str) and label]
    scale, new, problems = choose_scale(
        scale_of(frame, year, block), list(given), found, where, latest_before(frame, year, block)
    )
    if problems:
        return problems
    if new:
        frame = pd.concat([frame, scale_rows(scale, year, block)])
    tables["grades"] = frame.reset_index(drop=True)
    if labels:
        ids, problems = grade_rows(labels, matched[ROW].astype(int).tolist(), scale, where)
        matched["grade"] = ids
    return problems


@dataclass(frozen=True)
class Where:
    """Where the grades of an upload are: file, sheet and the grade column's header."""

    file: str
    sheet: str | None
    column: str


def choose_scale(
    existing: list[Grade],
    given: list[str],
    labels: list[str],
    where: Where,
    earlier: list[Grade] = (),
) -> tuple[list[Grade], bool, list[Problem]]:
    """Return the scale to grade with, whether it is new, and the problems.

    An existing scale wins (a ``--grades`` that differs from it is an error); else the
    ``--grades`` names; else the block's ``earlier`` scale (its latest year) when it names
    every label; else the common scale the labels come from; else an error asking for the
    scale in order.
    """
    if existing:
        if given and [label_key(n) for n in given] != [label_key(g.name_vi) for g in existing]:
            known = ", ".join(g.name_vi for g in existing)
            params = {"given": ", ".join(given), "known": known}
            return existing, False, [Problem("grade_scale_conflict", file=where.file,
                                             sheet=where.sheet, params=params)]  # fmt: skip
        return existing, False, []
    if given:
        return from_names(given), True, []
    if earlier and labels and all(resolve(label, list(earlier)) for label in labels):
        return list(earlier), True, []
    recognised = recognise(labels)
    if recognised is None and labels:
        found = ", ".join(dict.fromkeys(labels))
        problem = Problem("grade_scale_unknown", file=where.file, sheet=where.sheet,
                          column=where.column, params={"labels": found})  # fmt: skip
        return [], False, [problem]
    return recognised or [], bool(recognised), []


def grade_rows(
    labels: list[str | None], rows: list[int], scale: list[Grade], where: Where
) -> tuple[list[str | None], list[Problem]]:
    """Return the grade_id of each published label (None: no label) and the unknown labels."""
    ids, problems = [], []
    known = ", ".join(g.name_vi for g in scale)
    for label, row in zip(labels, rows):
        if label is None or (isinstance(label, float) and pd.isna(label)) or not str(label):
            ids.append(None)
            continue
        grade_id = resolve(str(label), scale)
        ids.append(grade_id)
        if grade_id is None:
            problems.append(
                Problem("unknown_grade", file=where.file, sheet=where.sheet, row=row,
                        column=where.column, params={"value": str(label), "allowed": known})
            )  # fmt: skip
    return ids, problems
