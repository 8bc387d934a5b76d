"""views.data: what the Data page says about a dataset, from the files to a frozen dataclass."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from parviz.loading import load_dataset
from parviz.problems import Problem, Severity
from parviz.views import data
from tests.helpers import MINIMAL, with_table


@pytest.mark.parametrize(("lang", "units"), [("vi", "3"), ("en", "3")])
def test_about_names_the_dataset_and_its_extent(lang: str, units: str) -> None:
    shown = data.build(load_dataset(MINIMAL), lang=lang)
    assert "Minimal test dataset" in shown.about and "Testland" in shown.about
    assert "2020–2021" in shown.about and units in shown.about
    assert shown.illustrative and shown.description == ""
    assert shown.file_stem
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.about = ""  # type: ignore[misc]


def test_a_hostile_title_is_escaped(tmp_path: Path) -> None:
    text = (MINIMAL / "metadata.csv").read_text(encoding="utf-8")
    text = text.replace("Minimal test dataset", "[x](javascript:alert(1))")
    folder = with_table(tmp_path, "metadata", text + "description,**bold**\n")
    shown = data.build(load_dataset(folder), lang="en")
    assert "[x](javascript" not in shown.about and r"\[x\]" in shown.about
    assert shown.description == r"\*\*bold\*\*"


def test_methodology_latest_first_with_numbers_as_text() -> None:
    shown = data.build(load_dataset(MINIMAL), lang="vi")
    assert [year.maximum for year in shown.methodology] == ["100,00", "100,00"]
    assert "2021" in shown.methodology[0].label and "2020" in shown.methodology[1].label
    criteria = shown.methodology[0].criteria
    assert list(criteria.frame["criterion_id"]) == ["C1", "C2"]
    assert criteria.numbers == ("max_points",)
    assert list(criteria.frame["max_points"]) == ["40,00", "60,00"]  # decimal comma in vi
    assert shown.methodology[0].bands.empty and shown.methodology[0].grades.empty


def test_sources_empty_without_a_sources_table() -> None:
    shown = data.build(load_dataset(MINIMAL), lang="en")
    assert shown.sources.empty
    assert list(shown.sources.columns)[-1] == "url"


def test_validation_counts_errors_and_warnings() -> None:
    problems = [
        Problem(
            "name_alias", Severity.WARNING, file="t.csv", row=3, params={"name": "x", "unit": "y"}
        ),  # fmt: skip
        Problem("value_not_number", file="t.csv", row=4, column="C1", params={"value": "a"}),
    ]
    report = data.validation(problems, "en")
    assert (report.errors, report.warnings) == (1, 1)
    assert len(report.table) == 2
    assert data.validation([], "vi").table.empty


def test_the_pages_validation_report_is_made_once_per_loaded_dataset_and_language() -> None:
    from parviz.ui import views  # the page's kept wrapper (#16: not rebuilt on every rerun)

    problems = [Problem("column_unknown", Severity.WARNING, file="units.csv", column="x")]
    dataset = load_dataset(MINIMAL)
    first = views.validation(dataset, problems, "vi")
    assert views.validation(dataset, problems, "vi") is first
    assert len(first.table) == 1 and first.warnings == 1
    english = views.validation(dataset, problems, "en")
    assert english is not first and list(english.table.columns) == list(first.table.columns)
    reloaded = load_dataset(MINIMAL)  # a new load: its own problems, its own report
    assert views.validation(reloaded, [], "vi").table.empty
