"""Property-based tests: random tables never crash the importer or the validator, and a
rejected import leaves every file byte-identical."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parviz.importing import ImportOptions, import_table
from parviz.loading import load
from parviz.problems import Problem
from tests.helpers import MINIMAL, snapshot

HEADERS = [
    "STT",
    "Tên đơn vị",
    "Tổng điểm",
    "Xếp hạng",
    "Chỉ số CCHC",
    "Xếp loại",
    "C1",
    "C2",
    "Năm",
    "Ghi chú",
    "",
    "=1+1",
    "<b>x</b>",
]
NAMES = [
    "UBND thành phố An Bình",
    "TP An Bình",
    "UBND huyện Bắc Hà",
    "Cẩm Lộc",
    "Không Có",
    "",
    "\u0041\u0300",
    "=cmd",
    "<img src=x>",
]
CELLS = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(["90", "85,5", "-3", "1e400", "NaN", "101", "1.5", "0", "", "tốt", "%"]),
    st.text(max_size=12),
)
TABLE = st.lists(st.lists(CELLS, min_size=0, max_size=6), min_size=0, max_size=8)
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _csv(header: list[str], rows: list[list[str]], separator: str) -> bytes:
    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"'

    lines = [separator.join(map(quote, header))]
    lines += [separator.join(map(quote, row)) for row in rows]
    return "\n".join(lines).encode("utf-8")


@FAST
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
    rows=TABLE,
    separator=st.sampled_from([",", ";", "\t"]),
    year=st.sampled_from([2021, 2022]),
    create=st.booleans(),
)
def test_random_tables_never_raise_and_rejections_change_nothing(
    header, rows, separator, year, create
):
    scratch = Path(tempfile.mkdtemp())
    try:
        folder = scratch / "dataset"
        shutil.copytree(MINIMAL, folder)
        before = snapshot(folder)
        options = ImportOptions(year=year, block="district", create_units=create)
        result = import_table(folder, _csv(header, rows, separator), "t.csv", options)
        assert all(isinstance(p, Problem) for p in result.problems)
        for problem in result.problems:
            problem.render("vi"), problem.render("en")  # every message renders
        if not result.written:
            assert snapshot(folder) == before
        else:
            assert load(folder).dataset is not None  # what was written is a valid dataset
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@FAST
@given(data=st.binary(max_size=600), name=st.sampled_from(["t.csv", "t.xlsx"]))
def test_random_bytes_never_raise(data, name):
    scratch = Path(tempfile.mkdtemp())
    try:
        folder = scratch / "dataset"
        shutil.copytree(MINIMAL, folder)
        before = snapshot(folder)
        result = import_table(folder, data, name, ImportOptions(year=2022, block="district"))
        if not result.written:
            assert snapshot(folder) == before
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@FAST
@given(
    table=st.sampled_from(["results", "scores", "units", "criteria"]),
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=10), max_size=6),
)
def test_the_validator_never_raises_on_random_tables(table, rows):
    scratch = Path(tempfile.mkdtemp())
    try:
        folder = scratch / "dataset"
        shutil.copytree(MINIMAL, folder)
        header = (folder / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
        body = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows)
        (folder / f"{table}.csv").write_text(header + "\n" + body + "\n", encoding="utf-8")
        result = load(folder)
        assert (result.dataset is None) == any(p.is_error for p in result.problems)
        for problem in result.problems:
            problem.render("vi")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
