"""Published tables in the shapes they are published in (#12, point 9; tests/data/real/).

Each file goes into a fresh `parviz init` dataset with every option written after the
subcommand, and `parviz rank --format json` must give back exactly the published units,
scores, index, ranks and ties. The expected values below are the published facts (sources in
tests/data/real/README.md), written here by hand, not read from the corpus script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from parviz.cli import main
from tests.apptesting import app_test, ranking_table_tab
from tests.helpers import ROOT

REAL = ROOT / "tests" / "data" / "real"
SCRIPT = ROOT / "scripts" / "make_real_corpus.py"

# (unit, score, index, rank, tied) as published; None where the source gives nothing.
HUE_2021_DEPARTMENTS = [
    ("Văn phòng UBND tỉnh", 97.685, 97.685, 1, False),
    ("Sở Tư pháp", 87.187, 87.187, 2, False),
    ("Sở Công Thương", 85.804, 85.804, 3, False),
    ("Sở Y tế", 85.584, 85.584, 4, False),
    ("Sở Nông nghiệp và Phát triển nông thôn", 85.234, 85.234, 5, False),
]
HUE_2021_DISTRICTS = [
    ("UBND thị xã Hương Trà", 87.17, 87.17, 1, False),
    ("UBND thành phố Huế", 84.186, 84.186, 2, False),
    ("UBND huyện Nam Đông", 83.847, 83.847, 3, False),
    ("UBND huyện A Lưới", 83.524, 83.524, 4, False),
]
HD_2024_ORDER = [
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giáo dục và Đào tạo",
    "Văn phòng UBND tỉnh",
    "Sở Tài chính",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Xây dựng",
    "Sở Tư pháp",
    "Thanh tra tỉnh",
    "Sở Y tế",
]
HD_2024_DEPARTMENTS = [
    ("Sở Giao thông vận tải", 93.08, 93.08, 1, False),
    ("Sở Nội vụ", 90.41, 90.41, 2, False),
    ("Sở Thông tin và Truyền thông", 90.30, 90.30, 3, False),
    *((name, None, None, rank, False) for rank, name in enumerate(HD_2024_ORDER, 4)),
]
HD_2023_DEPARTMENTS = [
    ("Sở Giao thông vận tải", 92.86, 92.86, 1, False),
    ("Sở Nội vụ", 91.11, 91.11, 2, False),
    ("Sở Thông tin và Truyền thông", 91.06, 91.06, 3, False),
]
HD_2023_DISTRICTS = [
    ("UBND huyện Nam Sách", 90.86, 90.86, 1, False),
    ("UBND thành phố Chí Linh", 88.82, 88.82, 2, False),
    ("UBND huyện Kim Thành", 88.58, 88.58, 3, False),
]
VINH_PHUC_2019 = [  # decision 1007/QĐ-UBND: the 17 rows the stored page holds
    ("Sở Tài chính", 92.93, 1),
    ("Sở Xây dựng", 91.33, 2),
    ("Sở Thông tin và Truyền thông", 90.04, 3),
    ("Sở Khoa học và Công nghệ", 88.87, 4),
    ("Sở Tư pháp", 88.76, 5),
    ("Văn phòng UBND tỉnh", 88.72, 6),
    ("Sở Nội vụ", 88.49, 7),
    ("Sở Kế hoạch và Đầu tư", 88.43, 8),
    ("Thanh tra tỉnh", 87.54, 9),
    ("Sở Giao thông vận tải", 85.63, 10),
    ("Sở Công thương", 85.61, 11),
    ("Sở Y tế", 85.47, 12),
    ("Sở Nông nghiệp và Phát triển nông thôn", 85.18, 13),
    ("Sở Giáo dục và Đào tạo", 85.03, 14),
    ("Sở Lao động, Thương binh và Xã hội", 84.9, 15),
    ("Sở Tài nguyên và Môi trường", 84.66, 16),
    ("Sở Ngoại vụ", 84.53, 17),
]
PAR_INDEX_2023 = [  # TTXVN, 18 Apr 2024: Quảng Ninh first; Hà Nội third with 91.43%
    ("Quảng Ninh", None, None, 1, False),
    ("Hà Nội", None, 91.43, 3, False),
]
HD_2021_DISTRICTS = [  # tied at 85.86 with official ranks 1 and 2
    ("UBND thành phố Hải Dương", 85.86, 85.86, 1, True),
    ("UBND huyện Nam Sách", 85.86, 85.86, 2, True),
    ("UBND thành phố Chí Linh", None, None, 3, False),
    ("UBND thị xã Kinh Môn", None, None, 4, False),
    ("UBND huyện Ninh Giang", None, None, 12, False),
]
HD_2021_DEPARTMENTS = [
    ("Sở Giao thông vận tải", 91.53, 91.53, 1, False),
    ("Sở Khoa học và Công nghệ", 90.33, 90.33, 2, False),
    ("Sở Y tế", None, None, 18, False),
]
HD_2020_DISTRICTS = [
    ("UBND thành phố Chí Linh", None, None, 1, False),
    ("UBND thị xã Kinh Môn", None, None, 2, False),
]

# file -> (year, block, published ranking)
CORPUS = {
    "hue_2021_department_three_decimals.xlsx": (2021, "department", HUE_2021_DEPARTMENTS),
    "hue_2021_district_three_decimals.xlsx": (2021, "district", HUE_2021_DISTRICTS),
    "haiduong_2024_department_partial_ranks.xlsx": (2024, "department", HD_2024_DEPARTMENTS),
    "haiduong_2023_2024_department_year_groups.xlsx": (2023, "department", HD_2023_DEPARTMENTS),
    "haiduong_2023_both_blocks_sections.xlsx": (2023, "district", HD_2023_DISTRICTS),
    "vinhphuc_2019_annex_footer.xlsx": (
        2019,
        "department",
        [(name, score, score, rank, False) for name, score, rank in VINH_PHUC_2019],
    ),
    "par_index_2023_province_top.xlsx": (2023, "province", PAR_INDEX_2023),
    "haiduong_2021_district_tie.xlsx": (2021, "district", HD_2021_DISTRICTS),
    "haiduong_2021_department_top.xlsx": (2021, "department", HD_2021_DEPARTMENTS),
    "haiduong_2020_district_ranks_only.xlsx": (2020, "district", HD_2020_DISTRICTS),
}


def imported(tmp_path: Path, capsys, file: str, year: int, block: str) -> tuple[Path, str]:
    """Import ``file`` into a fresh dataset (options after the subcommand); return it, report."""
    folder = tmp_path / "fresh"
    if not folder.exists():
        assert main(["init", str(folder), "--title", "Bảng công bố"]) == 0
    capsys.readouterr()
    argv = ["import", str(REAL / file), "--year", str(year), "--block", block]
    code = main([*argv, "--create-units", "--data", str(folder), "--lang", "en"])
    report = capsys.readouterr()
    assert code == 0, report.err
    return folder, report.err


def ranked(capsys, folder: Path, year: int, block: str) -> list[tuple]:
    """Return `parviz rank --format json` (options after the subcommand) as tuples."""
    argv = [
        "rank",
        "--year",
        str(year),
        "--block",
        block,
        "--format",
        "json",
        "--data",
        str(folder),
    ]
    assert main(argv) == 0
    records = json.loads(capsys.readouterr().out)
    return [(r["unit"], r["score"], r["index"], r["rank"], r["tied"]) for r in records]


def test_the_corpus_has_every_file_the_script_makes():
    made = {path.name for path in REAL.glob("*.xlsx")} - {"vinhphuc_2019_department.xlsx"}
    assert made == set(CORPUS)
    assert len(CORPUS) >= 8


@pytest.mark.parametrize("file", sorted(CORPUS))
def test_each_published_table_ranks_exactly_as_published(tmp_path, capsys, file):
    year, block, published = CORPUS[file]
    folder, _ = imported(tmp_path, capsys, file, year, block)
    assert ranked(capsys, folder, year, block) == published


def test_three_decimals_are_shown_as_published_with_their_trailing_zero(tmp_path, capsys):
    folder, _ = imported(
        tmp_path, capsys, "hue_2021_district_three_decimals.xlsx", 2021, "district"
    )
    argv = ["rank", "--year", "2021", "--block", "district", "--data", str(folder), "--lang", "vi"]
    assert main(argv) == 0
    table = capsys.readouterr().out
    assert "87,170" in table and "84,186" in table and "87,17 " not in table


def test_the_other_year_of_the_year_groups_and_a_year_without_a_group(tmp_path, capsys):
    file = "haiduong_2023_2024_department_year_groups.xlsx"
    folder, _ = imported(tmp_path, capsys, file, 2024, "department")
    assert ranked(capsys, folder, 2024, "department") == HD_2024_DEPARTMENTS[:3]
    argv = ["import", str(REAL / file), "--year", "2022", "--block", "department"]
    assert main([*argv, "--create-units", "--data", str(folder), "--lang", "en"]) == 1
    assert "'Năm 2023'; 'Năm 2024'" in capsys.readouterr().err


def test_the_other_section_of_the_sheet_with_both_blocks(tmp_path, capsys):
    file = "haiduong_2023_both_blocks_sections.xlsx"
    folder, report = imported(tmp_path, capsys, file, 2023, "department")
    assert "3 units under the section 'II. KHỐI UBND HUYỆN, THỊ XÃ, THÀNH PHỐ'" in report
    assert ranked(capsys, folder, 2023, "department") == HD_2023_DEPARTMENTS
    argv = ["import", str(REAL / file), "--year", "2023", "--block", "commune", "--data"]
    assert main([*argv, str(folder), "--create-units"]) == 1
    assert "KHỐI SỞ, BAN, NGÀNH" in capsys.readouterr().err


def test_the_annex_rows_around_the_units_are_listed_never_imported(tmp_path, capsys):
    _, report = imported(tmp_path, capsys, "vinhphuc_2019_annex_footer.xlsx", 2019, "department")
    for said in ("average row 'Điểm trung bình", "total row 'Tổng cộng", "note row 'Ghi chú"):
        assert said in report
    assert "NGƯỜI LẬP BIỂU" in report and "Blank rows inside the table" in report
    assert "import_components_sum" not in report and "add up" not in report


def test_a_percent_cell_of_the_national_index_is_read_as_shown(tmp_path, capsys):
    folder, _ = imported(tmp_path, capsys, "par_index_2023_province_top.xlsx", 2023, "province")
    assert ranked(capsys, folder, 2023, "province")[1][2] == 91.43  # the cell holds 0.9143


def test_the_corpus_script_writes_the_committed_bytes(tmp_path, monkeypatch):
    import importlib.util
    import sys

    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("make_real_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    monkeypatch.setattr(module, "VINH_PHUC", REAL / "vinhphuc_2019_department.xlsx")
    module.main()
    sys.modules.pop("make_bad_corpus", None)
    for name in CORPUS:
        assert (tmp_path / name).read_bytes() == (REAL / name).read_bytes(), name


def test_the_rankings_page_shows_a_published_table_as_published(tmp_path, capsys, monkeypatch):
    folder, _ = imported(
        tmp_path, capsys, "hue_2021_department_three_decimals.xlsx", 2021, "department"
    )
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    at = app_test(lang="vi", year=2021, block="department").run()
    at.switch_page("pages/rankings.py").run()
    assert not at.exception, [e.value for e in at.exception]
    # As a person reads it, not the numbers behind it.
    shown = displayed(ranking_table_tab(at, "vi").dataframe[0])
    assert list(shown["Đơn vị"]) == [name for name, *_ in HUE_2021_DEPARTMENTS]
    assert list(shown["Điểm"]) == ["97,685", "87,187", "85,804", "85,584", "85,234"]
    assert list(shown["Hạng"].astype(str)) == ["1", "2", "3", "4", "5"]


def displayed(element) -> pd.DataFrame:
    """Return the text a Styler-backed st.dataframe shows (its display values)."""
    import pyarrow as pa

    values = element.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(values).read_all().to_pandas()
