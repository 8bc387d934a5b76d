"""views.imports: the import workflow's steps, mapping and preview, from small literal tables."""

from __future__ import annotations

import dataclasses

import pytest

from parviz import importing
from parviz.importing import ImportOptions
from parviz.loading import load_dataset
from parviz.views import imports
from tests.helpers import copy_minimal

# "TP An Bình" is an alias of a; "Huyện Mới" is nobody yet.
TABLE = "Tên đơn vị,Tổng điểm,Xếp hạng\nUBND huyện Bắc Hà,80.5,1\nTP An Bình,70,2\nHuyện Mới,60,3\n"


@pytest.fixture
def folder(tmp_path):
    return copy_minimal(tmp_path)


def test_the_steps_never_guess_a_year() -> None:
    options = ImportOptions(year=2022, block="district")
    assert imports.next_step(False, None) == imports.UPLOAD
    assert imports.next_step(False, options) == imports.UPLOAD
    assert imports.next_step(True, None) == imports.YEAR
    assert imports.next_step(True, options) == imports.CHECK


def test_an_upload_is_named_by_its_bytes() -> None:
    assert imports.upload_key(None) == "" and imports.upload_key(b"") == ""
    assert imports.upload_key(b"a") == imports.upload_key(b"a") != imports.upload_key(b"b")


def test_blocks_are_the_datasets_then_the_known_new_ones(folder) -> None:
    dataset = load_dataset(folder)
    choices = imports.block_choices(dataset)
    assert choices[0] == "district" and len(choices) == len(set(choices)) > 1
    new = choices[1]
    assert imports.block_label(dataset, "district", "en") == "Districts"
    assert imports.block_label(dataset, new, "en") != new  # a translated name, not the id


def test_the_mapping_shows_each_header_with_its_detected_role(folder) -> None:
    dataset = load_dataset(folder)
    options = ImportOptions(year=2021, block="district")
    cells, detected, problems = importing.detect_columns(dataset, TABLE.encode(), "t.csv", options)
    shown = imports.mapping_table(dataset, cells, detected, options)
    assert list(shown.table["header"]) == ["Tên đơn vị", "Tổng điểm", "Xếp hạng"]
    assert all(role in shown.roles for role in shown.table["role"])
    assert {"criterion:C1", "criterion:C2"} <= set(shown.roles) and shown.roles[0] == ""
    edited = [("Tên đơn vị", "unit"), ("Tổng điểm", "total"), ("Hạng", "total"), ("x", None)]
    assert imports.chosen_mapping(edited) == {"unit": "Tên đơn vị", "total": "Tổng điểm"}


@pytest.mark.parametrize(("lang", "header"), [("vi", "Dòng"), ("en", "Row")])
def test_the_preview_colours_each_row_by_how_its_name_matched(folder, lang, header) -> None:
    dataset = load_dataset(folder)
    options = ImportOptions(year=2022, block="district", create_units=True, dry_run=True)
    result = importing.import_table(folder, TABLE.encode(), "t.csv", options)
    shown = imports.preview_rows(dataset, result, options, lang)
    assert len(shown.table) == 3 and any(header in column for column in shown.table.columns)
    assert shown.colours[0] == ""  # an exact name: no colour
    assert shown.colours[1] == imports.MATCH_COLOURS["alias"]
    assert shown.colours[2] in (imports.MATCH_COLOURS["new"], imports.MATCH_COLOURS["unknown"])
    assert shown.decimals == 1  # as published: 80.5
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.decimals = 3  # type: ignore[misc]
