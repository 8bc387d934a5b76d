"""An import's whole-dataset problems point at the uploaded table's row and header."""

from __future__ import annotations

from parviz.importing import ImportOptions, import_table
from tests.helpers import copy_minimal

# Rank 2 below a higher score is a warning; a missing rank among published ones an error.
PARTIAL = "STT,Tên đơn vị,Tổng điểm,Xếp hạng\n1,An Bình,90,1\n2,Bắc Hà,85,\n3,Cẩm Lộc,80,2\n"
INVERTED = "STT,Tên đơn vị,Tổng điểm,Xếp hạng\n1,An Bình,90,2\n2,Bắc Hà,85,1\n3,Cẩm Lộc,80,3\n"


def imported(tmp_path, table: str, **options):
    folder = copy_minimal(tmp_path)
    return import_table(
        folder, table.encode(), "so-lieu.csv", ImportOptions(year=2022, block="district", **options)
    )


def test_a_rank_error_names_the_uploaded_row_and_header(tmp_path):
    result = imported(tmp_path, PARTIAL)
    [problem] = [p for p in result.problems if p.code == "partial_ranks"]
    assert not result.written
    assert (problem.file, problem.row, problem.column) == ("so-lieu.csv", 3, "Xếp hạng")
    assert "so-lieu.csv" in problem.render("vi") and "results.csv" not in problem.render("en")


def test_a_rank_warning_on_a_saved_import_names_the_uploaded_row(tmp_path):
    result = imported(tmp_path, INVERTED)
    assert result.written
    [problem] = [p for p in result.problems if p.code == "rank_mismatch"]
    assert (problem.file, problem.row, problem.column) == ("so-lieu.csv", 2, "Xếp hạng")


def test_a_dry_run_points_at_the_upload_too(tmp_path):
    result = imported(tmp_path, PARTIAL, dry_run=True)
    [problem] = [p for p in result.problems if p.code == "partial_ranks"]
    assert (problem.file, problem.row) == ("so-lieu.csv", 3)


def test_problems_of_years_on_disk_keep_their_place(tmp_path):
    folder = copy_minimal(tmp_path)
    results = folder / "results.csv"
    # 2020's ranks (1, 3, 2 for 90, 80, 85) made inverted on disk: a warning about results.csv.
    results.write_text(
        results.read_text(encoding="utf-8").replace("2020,b,80,,3", "2020,b,80,,1")
        .replace("2020,a,90,,1", "2020,a,90,,3"), encoding="utf-8",
    )  # fmt: skip
    result = import_table(
        folder, INVERTED.replace(",2\n2,", ",1\n2,").replace(",1\n3,", ",2\n3,").encode(),
        "so-lieu.csv", ImportOptions(year=2022, block="district"),
    )  # fmt: skip
    on_disk = [p for p in result.problems if p.code == "rank_mismatch" and p.file == "results.csv"]
    assert on_disk and all(p.row is not None for p in on_disk)
    assert not [p for p in result.problems if p.code == "rank_mismatch" and p.file != "results.csv"]
