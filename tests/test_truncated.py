"""A file cut short is never accepted as valid (#19 point 9)."""

from __future__ import annotations

import pytest

from parviz import reading
from parviz.loading import load
from tests.helpers import MINIMAL, copy_minimal

SCORES = (MINIMAL / "scores.csv").read_bytes()


def _codes(folder) -> list[str]:
    return [p.code for p in load(folder, cache=False).problems if p.is_error]


# Every third cut point (each load takes a moment): rows, numbers and separators all get cut.
@pytest.mark.parametrize(
    "cut", range(len(b"year,unit_id,criterion_id,points\n") + 1, len(SCORES), 3)
)
def test_scores_cut_anywhere_is_valid_only_when_every_scored_unit_is_whole(tmp_path, cut):
    data = SCORES[:cut]
    folder = copy_minimal(tmp_path)
    (folder / "scores.csv").write_bytes(data)
    result = load(folder, cache=False)
    # Accepted only when each unit left has all its criteria in full rows: a cut between
    # units, or inside the last number of a unit (then only the totals tell: a warning).
    assert (result.dataset is not None) == _whole_units(data), (data[-30:], result.problems)


def _whole_units(data: bytes) -> bool:
    """True when every row is complete and each (year, unit) has both criteria (C1, C2)."""
    rows = [line.split(b",") for line in data.splitlines()[1:]]
    if any(len(row) != 4 or not all(row) for row in rows):
        return False
    pairs = {(r[0], r[1]) for r in rows}
    return all({r[2] for r in rows if (r[0], r[1]) == pair} == {b"C1", b"C2"} for pair in pairs)


def test_a_number_cut_short_in_the_last_row_names_the_missing_criterion(tmp_path):
    folder = copy_minimal(tmp_path)
    text = "year,unit_id,criterion_id,points\n2020,a,C1,38\n2020,a,C2,52\n2020,b,C1,3"
    (folder / "scores.csv").write_text(text, encoding="utf-8")
    problems = [p for p in load(folder, cache=False).problems if p.is_error]
    assert [(p.code, p.row, p.params["unit"], p.params["missing"]) for p in problems] == [
        ("criteria_incomplete", 4, "b", "C2")
    ]
    assert "not_applicable.csv" in problems[0].render("vi")


def test_a_criterion_said_not_to_apply_is_no_error(tmp_path):
    folder = copy_minimal(tmp_path)
    text = "year,unit_id,criterion_id,points\n2021,a,C1,36\n2021,a,C2,48\n2021,b,C1,34\n"
    (folder / "scores.csv").write_text(text, encoding="utf-8")
    assert _codes(folder) == ["criteria_incomplete"]
    (folder / "not_applicable.csv").write_text("year,unit_id,criterion_id\n2021,b,C2\n")
    assert _codes(folder) == []


def test_units_without_any_score_are_not_incomplete(tmp_path):
    folder = copy_minimal(tmp_path)
    (folder / "scores.csv").write_text(
        "year,unit_id,criterion_id,points\n2021,a,C1,36\n2021,a,C2,48\n"
    )
    assert _codes(folder) == []  # b and c have only published totals


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a,b,c\n1,2,3\n4,5", [("file_truncated", 3)]),  # short last row, no line break
        (b"a,b,c\n1,2,3\n4,5,6", []),  # a whole last row: many editors omit the break
        (b"a,b,c\n1,2,3\n4,5\n", []),  # ends with a line break: a short row, reported elsewhere
        (b'a,b,c\n1,2,"long', [("file_truncated", 2)]),  # cut inside a quoted cell
        (b"a,b,c", []),
    ],
)
def test_a_file_ending_in_the_middle_of_a_row_is_reported(data, expected):
    problems = reading.truncated_end(data, ",", "t.csv")
    assert [(p.code, p.row) for p in problems] == expected
    _, read_problems = reading.read_csv_bytes(data, "t.csv")
    assert [(p.code, p.row) for p in read_problems if p.code == "file_truncated"] == expected
