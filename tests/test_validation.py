"""Validation: one bad file per problem code, asserting the code and where it is."""

from __future__ import annotations

import shutil

import pytest

from parviz.loading import load
from parviz.problems import Severity
from tests.helpers import BAD, copy_minimal, with_table

# (bad file, code, file, row, column, severity): the table replaced is the name's middle part.
CASES = [
    ("duplicate_key.results.csv", "duplicate_key", "results.csv", 8, "year, unit_id", "error"),
    ("value_not_number.scores.csv", "value_not_number", "scores.csv", 3, "points", "error"),
    ("value_negative.scores.csv", "value_negative", "scores.csv", 2, "points", "error"),
    ("score_above_max.scores.csv", "score_above_max", "scores.csv", 3, "points", "error"),
    ("unknown_unit.scores.csv", "unknown_unit", "scores.csv", 3, "unit_id", "error"),
    ("unknown_criterion.scores.csv", "unknown_criterion", "scores.csv", 3, "criterion_id", "error"),
    ("unit_outside_years.scores.csv", "unit_outside_years", "scores.csv", 3, "year", "error"),
    (
        "year_without_methodology.methodology.csv",
        "year_without_methodology",
        "criteria.csv",
        4,
        "year",
        "error",
    ),
    ("total_mismatch.results.csv", "total_mismatch", "results.csv", 2, "total", "warning"),
    ("rank_mismatch.results.csv", "rank_mismatch", "results.csv", 4, "rank", "warning"),
    (
        "unknown_classification.results.csv",
        "unknown_classification",
        "results.csv",
        2,
        "classification",
        "error",
    ),
    ("column_missing.scores.csv", "column_missing", "scores.csv", None, "points", "error"),
    ("column_unknown.scores.csv", "column_unknown", "scores.csv", None, "comment", "warning"),
    ("value_missing.scores.csv", "value_missing", "scores.csv", 2, "year", "error"),
    ("value_not_integer.scores.csv", "value_not_integer", "scores.csv", 2, "year", "error"),
    ("unknown_block.units.csv", "unknown_block", "units.csv", 4, "block", "error"),
    ("file_empty.scores.csv", "file_empty", "scores.csv", None, None, "error"),
    ("file_encoding.scores.csv", "file_encoding", "scores.csv", None, None, "error"),
    ("file_encoding_latin.scores.csv", "file_encoding", "scores.csv", None, None, "error"),
    ("file_not_table.scores.csv", "file_not_table", "scores.csv", None, None, "error"),
    ("metadata_missing.metadata.csv", "metadata_missing", "metadata.csv", None, "key", "error"),
    ("value_not_bool.metadata.csv", "value_not_bool", "metadata.csv", None, "value", "error"),
    (
        "methodology_sum.criteria.csv",
        "methodology_sum",
        "methodology.csv",
        2,
        "max_total",
        "warning",
    ),
    ("row_too_long.scores.csv", "row_too_long", "scores.csv", 2, None, "error"),
    ("unknown_band.results.csv", "unknown_band", "results.csv", 2, "band_id", "error"),
    ("value_below_minimum.results.csv", "value_below_minimum", "results.csv", 2, "rank", "error"),
    ("partial_ranks.results.csv", "partial_ranks", "results.csv", 3, "rank", "error"),
    (
        "text_control_character.units.csv",
        "text_control_character",
        "units.csv",
        3,
        "name",
        "error",
    ),
]


def test_minimal_dataset_is_valid():
    result = load(copy_minimal_path())
    assert result.dataset is not None
    assert result.problems == []


def copy_minimal_path():
    from tests.helpers import MINIMAL

    return MINIMAL


@pytest.mark.parametrize(("bad_file", "code", "file", "row", "column", "severity"), CASES)
def test_bad_file_reports_code_and_location(tmp_path, bad_file, code, file, row, column, severity):
    table = bad_file.split(".")[-2]
    folder = with_table(tmp_path, table, (BAD / "dataset" / bad_file).read_bytes())
    problems = load(folder).problems
    found = [p for p in problems if p.code == code]
    assert found, f"{code} not reported; got {[p.code for p in problems]}"
    located = [p for p in found if p.file == file and p.row == row and p.column == column]
    assert located, f"{code} at {[(p.file, p.row, p.column) for p in found]}"
    assert located[0].severity is Severity(severity)
    for lang in ("vi", "en"):
        text = located[0].render(lang)
        assert file in text and code not in text  # a sentence, not a code


def test_every_bad_file_is_exercised():
    files = {path.name for path in (BAD / "dataset").iterdir()}
    assert files == {case[0] for case in CASES}


def test_errors_stop_the_dataset_but_warnings_do_not(tmp_path):
    warning_only = with_table(
        tmp_path / "w", "results", (BAD / "dataset" / "total_mismatch.results.csv").read_bytes()
    )
    assert load(warning_only).dataset is not None
    broken = with_table(
        tmp_path / "e", "scores", (BAD / "dataset" / "value_not_number.scores.csv").read_bytes()
    )
    assert load(broken).dataset is None


def test_missing_required_file_and_missing_dataset(tmp_path):
    folder = copy_minimal(tmp_path)
    (folder / "blocks.csv").unlink()
    problems = load(folder).problems
    assert [(p.code, p.file) for p in problems] == [("file_missing", "blocks.csv")]
    assert [p.code for p in load(tmp_path / "nowhere").problems] == ["dataset_missing"]


def test_all_problems_are_reported_at_once(tmp_path):
    folder = copy_minimal(tmp_path)
    shutil.copy(BAD / "dataset" / "value_not_number.scores.csv", folder / "scores.csv")
    shutil.copy(BAD / "dataset" / "unknown_classification.results.csv", folder / "results.csv")
    (folder / "blocks.csv").unlink()
    codes = {p.code for p in load(folder).problems}
    assert {"value_not_number", "file_missing"} <= codes


def test_an_empty_unit_list_is_reported_not_raised(tmp_path):
    header = (
        "unit_id,block,name,short_name,aliases,first_year,last_year,predecessor_ids,successor_ids\n"
    )
    folder = with_table(tmp_path, "units", header)
    problems = load(folder).problems  # found by hypothesis: used to raise IndexError
    assert "unknown_unit" in {p.code for p in problems}
