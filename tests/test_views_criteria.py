"""views.criteria: a block's criterion breakdown and averages over years, as frozen data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from parviz.i18n import t
from parviz.loading import load_dataset
from parviz.views import criteria
from tests.helpers import MINIMAL, copy_minimal


def with_2022(folder: Path, scores: str = "") -> Path:
    """Add a 2022 to the minimal dataset: totals for a and b, and the given criterion points."""
    with (folder / "methodology.csv").open("a", encoding="utf-8") as out:
        out.write("2022,district,100,,\n")
    with (folder / "results.csv").open("a", encoding="utf-8") as out:
        out.write("2022,a,88,,1,good,,,\n2022,b,86,,2,good,,,\n")
    if scores:
        with (folder / "criteria.csv").open("a", encoding="utf-8") as out:
            out.write("2022,district,C1,,1,Thể chế,Institutions,40\n")
            out.write("2022,district,C2,,2,Thủ tục,Procedures,60\n")
        with (folder / "scores.csv").open("a", encoding="utf-8") as out:
            out.write(scores)
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_block_with_criteria(lang: str) -> None:
    shown = criteria.block_criteria(load_dataset(MINIMAL), year=2021, block="district", lang=lang)
    assert not shown.only_totals
    assert set(shown.table["unit_id"]) == {"a", "b", "c"}
    assert shown.heatmap.data[0].type == "heatmap"
    block = load_dataset(MINIMAL).block_name("district", lang)
    assert shown.heatmap.layout.title.text.startswith(
        t("criteria.heatmap.title", lang, block=block, year=2021)[:10]
    )
    assert len(shown.summary) == 2 and shown.lost.data and shown.left_out == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.left_out = ("x",)  # type: ignore[misc]


def test_a_totals_only_year_has_no_figures(tmp_path: Path) -> None:
    dataset = load_dataset(with_2022(copy_minimal(tmp_path)))
    shown = criteria.block_criteria(dataset, year=2022, block="district", lang="en")
    assert shown.only_totals and shown.heatmap is None and shown.lost is None


def test_a_unit_ranked_without_points_is_named(tmp_path: Path) -> None:
    dataset = load_dataset(with_2022(copy_minimal(tmp_path), "2022,a,C1,38\n2022,a,C2,50\n"))
    shown = criteria.block_criteria(dataset, year=2022, block="district", lang="vi")
    assert set(shown.table["unit_id"]) == {"a"}
    assert shown.left_out == ("Bắc Hà",)


def test_averages_over_years() -> None:
    shown = criteria.over_years(load_dataset(MINIMAL), block="district", lang="en")
    assert shown.figure is not None and shown.figure.data
    assert shown.breaks == ()
