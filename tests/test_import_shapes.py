"""The rows around a published table and one sheet holding two blocks (#12, point 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parviz.cli import main
from parviz.importing import ImportOptions, import_table
from parviz.loading import load_dataset
from parviz.problems import has_errors
from parviz.ranking import rank
from parviz.shapes import footer_kind, is_section, section_block
from tests.helpers import snapshot

ANNEX = """PHỤ LỤC: KẾT QUẢ CHỈ SỐ CCHC NĂM 2021
STT,"Tên cơ quan, đơn vị",Tổng điểm,Xếp hạng
1,Sở Giao thông vận tải,"91,53",1
2,Sở Khoa học và Công nghệ,"90,33",2
,,,
3,Sở Y tế,"80,00",3
,Điểm trung bình,"87,29",
,Tổng cộng,"261,86",
Ghi chú: Sở Y tế xếp cuối khối.,,,
,NGƯỜI LẬP BIỂU,KT. GIÁM ĐỐC,
,Nguyễn Văn A,"Trần Văn B",
"""

BOTH = """KẾT QUẢ CHỈ SỐ CCHC NĂM 2021
STT,Tên đơn vị,Tổng điểm,Xếp hạng
I,"KHỐI SỞ, BAN, NGÀNH",,
1,Sở Giao thông vận tải,"91,53",1
2,Sở Khoa học và Công nghệ,"90,33",2
II,"KHỐI UBND HUYỆN, THỊ XÃ, THÀNH PHỐ",,
1,UBND thành phố Hải Dương,"85,86",1
2,UBND huyện Nam Sách,"85,86",2
"""


def fresh(tmp_path: Path) -> Path:
    folder = tmp_path / "d"
    assert main(["init", str(folder), "--title", "T"]) == 0
    return folder


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_footer_kinds_and_section_titles():
    assert footer_kind("Điểm trung bình") == "average"
    assert footer_kind("TỔNG CỘNG") == "total" and footer_kind("Cộng") == "total"
    assert footer_kind("Ghi chú: (1) …") == "note" and footer_kind("(*) Không chấm") == "note"
    assert footer_kind("KT. GIÁM ĐỐC") == "signature"
    assert footer_kind("NGƯỜI LẬP BIỂU") == "signature"
    for unit in ("Công an tỉnh", "Tổng cục Thuế", "Sở Tư pháp", "UBND huyện Cẩm Giàng"):
        assert footer_kind(unit) is None, unit
    assert section_block("I. KHỐI SỞ, BAN, NGÀNH") == "department"
    assert section_block("II. KHỐI UBND HUYỆN, THỊ XÃ, THÀNH PHỐ") == "district"
    assert section_block("B. Cấp xã") == "commune"
    assert section_block("Khối tỉnh, thành phố") == "province"
    assert not is_section("1 UBND huyện Nam Sách")  # an STT and a unit without a score
    assert not is_section("A Lưới")


def test_average_total_note_and_signature_rows_are_left_out_and_listed(tmp_path, capsys):
    folder = fresh(tmp_path)
    table = write(tmp_path, "annex.csv", ANNEX)
    argv = ["import", str(table), "--year", "2021", "--block", "department"]
    assert main([*argv, "--data", str(folder), "--create-units", "--lang", "en"]) == 0
    report = capsys.readouterr().err
    assert "average row 'Điểm trung bình 87,29'" in report
    assert "total row 'Tổng cộng 261,86'" in report
    assert "note row" in report and "signature" in report and "rows 5" in report
    ranking = rank(load_dataset(folder), year=2021, block="department")
    assert list(ranking["unit"]) == ["Sở Giao thông vận tải", "Sở Khoa học và Công nghệ", "Sở Y tế"]


def test_left_out_rows_are_located_in_both_languages(tmp_path):
    folder = fresh(tmp_path)
    options = ImportOptions(year=2021, block="department", create_units=True, dry_run=True)
    result = import_table(folder, ANNEX.encode(), "annex.csv", options)
    average = next(p for p in result.problems if p.code == "import_left_out_average")
    assert (average.file, average.row) == ("annex.csv", 7)
    assert "Dòng 7" in average.render("vi") or "dòng 7" in average.render("vi")
    assert "row 7" in average.render("en")


def test_section_rows_split_the_sheet_by_block(tmp_path):
    folder = fresh(tmp_path)
    data = BOTH.encode()
    for block, names in (
        ("district", ["UBND thành phố Hải Dương", "UBND huyện Nam Sách"]),
        ("department", ["Sở Giao thông vận tải", "Sở Khoa học và Công nghệ"]),
    ):
        options = ImportOptions(year=2021, block=block, create_units=True)
        result = import_table(folder, data, "both.csv", options)
        assert result.written, [p.render("en") for p in result.problems]
        left = [p for p in result.problems if p.code == "import_section_left_out"]
        assert len(left) == 1 and left[0].params["count"] == 2
        ranking = rank(load_dataset(folder), year=2021, block=block)
        assert list(ranking["unit"]) == names
        assert list(ranking["rank"]) == [1, 2]


def test_a_block_without_its_section_stops_and_names_the_sections(tmp_path):
    folder = fresh(tmp_path)
    before = snapshot(folder)
    options = ImportOptions(year=2021, block="commune", create_units=True)
    result = import_table(folder, BOTH.encode(), "both.csv", options)
    assert not result.written and has_errors(result.problems)
    problem = next(p for p in result.problems if p.code == "import_section_missing")
    assert "KHỐI SỞ, BAN, NGÀNH" in problem.render("en")
    assert "KHỐI UBND HUYỆN, THỊ XÃ, THÀNH PHỐ" in problem.render("vi")
    assert "commune" in problem.render("vi")
    assert snapshot(folder) == before


UNIT_HEADERS = (
    "Tên cơ quan, đơn vị",
    "Đơn vị",
    "Sở, ngành",
    "Sở, ban, ngành",
    "Huyện, thị xã, thành phố",
    "Xã, phường, thị trấn",
    "Xã, thị trấn",
    "Tỉnh, thành phố",
    "TỈNH, THÀNH PHỐ",
    "Bộ, cơ quan ngang bộ",
)


def test_unit_headers_of_every_level():
    from parviz.headers import role_of

    assert {header: role_of(header) for header in UNIT_HEADERS} == dict.fromkeys(
        UNIT_HEADERS, "unit"
    )


def test_survey_component_headers():
    from parviz.headers import role_of

    cases = {
        "Điểm thẩm định": "assessed",
        "Chỉ số hài lòng (SIPAS)": "sipas",
        "Điểm SIPAS": "sipas",
        "Khảo sát lãnh đạo, quản lý": "leaders",
        "Điều tra XHH cán bộ lãnh đạo, quản lý": "leaders",
        "Tác động của CCHC": "impact",
        "Đánh giá tác động": "impact",
    }
    assert {header: role_of(header) for header in cases} == cases


NATIONAL = """CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC TỈNH, THÀNH PHỐ
STT,"Tỉnh, thành phố",Điểm thẩm định,Chỉ số hài lòng (SIPAS),\
"Khảo sát lãnh đạo, quản lý",Tác động của CCHC,Chỉ số CCHC,Xếp hạng
1,Tỉnh A,"55,00","9,00","18,00","10,00","92,00",1
2,Tỉnh B,"54,00","9,00","18,00","10,00","95,00",2
"""


def test_components_are_imported_and_checked_against_the_total(tmp_path):
    folder = fresh(tmp_path)
    options = ImportOptions(year=2023, block="province", create_units=True)
    result = import_table(folder, NATIONAL.encode(), "par_index_2023.csv", options)
    assert result.written, [p.render("en") for p in result.problems]
    sums = [p for p in result.problems if p.code == "import_components_sum"]
    assert [p.row for p in sums] == [4]  # 54 + 9 + 18 + 10 = 91, not 95
    assert "91" in sums[0].render("vi") and "95" in sums[0].render("en")
    ranking = rank(load_dataset(folder), year=2023, block="province").set_index("unit")
    row = ranking.loc["Tỉnh A"]
    assert (row["assessed_points"], row["survey_points"]) == (55.0, 37.0)
    assert (row["sipas_points"], row["leaders_points"], row["impact_points"]) == (9.0, 18.0, 10.0)


def test_vinh_phuc_assessment_and_survey_add_up_to_its_totals(tmp_path):
    from tests.test_importing import REAL

    folder = fresh(tmp_path)
    options = ImportOptions(year=2019, block="department", create_units=True)
    result = import_table(folder, REAL.read_bytes(), REAL.name, options)
    assert result.written
    assert "import_components_sum" not in [p.code for p in result.problems]
    assert {"assessed", "survey", "total"} <= set(result.rows.columns)


def _workbook(rows: list[list], formats: dict[tuple[int, int], str] | None = None) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    for row in rows:
        sheet.append(row)
    for (r, c), number_format in (formats or {}).items():
        sheet.cell(r, c).number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_percent_formatted_cells_are_read_as_shown(tmp_path):
    data = _workbook(
        [["Tên đơn vị", "Chỉ số CCHC (%)"], ["Sở A", 0.9153], ["Sở B", 0.8133]],
        {(2, 2): "0.00%", (3, 2): "0.00%"},
    )
    folder = fresh(tmp_path)
    options = ImportOptions(year=2021, block="department", create_units=True)
    result = import_table(folder, data, "pct.xlsx", options)
    assert result.written, [p.render("en") for p in result.problems]
    assert list(result.rows["index_pct"]) == [91.53, 81.33]


def test_fractions_in_an_index_column_of_a_100_point_scale_are_refused(tmp_path):
    data = _workbook([["Tên đơn vị", "Chỉ số CCHC (%)"], ["Sở A", 0.9153], ["Sở B", 0.8133]])
    folder = fresh(tmp_path)
    before = snapshot(folder)
    options = ImportOptions(year=2021, block="department", create_units=True)
    result = import_table(folder, data, "fractions.xlsx", options)
    assert not result.written and snapshot(folder) == before
    problem = next(p for p in result.problems if p.code == "import_fraction_values")
    assert (problem.sheet, problem.row, problem.column) == ("Kết quả", 2, "Chỉ số CCHC (%)")
    assert "0,92" in problem.render("vi") or "0,9153" in problem.render("vi")
    assert "100" in problem.render("en")


def test_percent_cells_keep_their_published_digits():
    from parviz.reading import cell_text

    assert cell_text(0.9153, "0.00%") == "91.53"
    assert cell_text(0.97685, "0.000%") == "97.685"
    assert cell_text(1, "0%") == "100"
    assert cell_text(0.9153, "General") == "0.9153"


YEARS = [
    ["BẢNG XẾP HẠNG CHỈ SỐ CCHC CÁC SỞ"],
    ["STT", "Tên đơn vị", "Năm 2022", None, "Năm 2023", None],
    [None, None, "Điểm", "Xếp hạng", "Điểm", "Xếp hạng"],
    [1, "Sở A", 88.5, 2, 90.1, 1],
    [2, "Sở B", 89.0, 1, 85.0, 2],
]


@pytest.mark.parametrize("year, expected", [(2022, (88.5, 2)), (2023, (90.1, 1))])
def test_repeated_sub_headers_are_read_under_the_imported_years_group(tmp_path, year, expected):
    folder = fresh(tmp_path)
    options = ImportOptions(year=year, block="department", create_units=True)
    result = import_table(folder, _workbook(YEARS), "two_years.xlsx", options)
    assert result.written, [p.render("en") for p in result.problems]
    ranking = rank(load_dataset(folder), year=year, block="department").set_index("unit")
    assert (ranking.loc["Sở A", "score"], ranking.loc["Sở A", "rank"]) == expected


def test_a_year_without_its_group_stops_and_names_the_groups(tmp_path):
    folder = fresh(tmp_path)
    options = ImportOptions(year=2021, block="department", create_units=True)
    result = import_table(folder, _workbook(YEARS), "two_years.xlsx", options)
    assert not result.written
    problem = next(p for p in result.problems if p.code == "import_group_missing")
    assert problem.row == 2 and "Năm 2022" in problem.render("en")
    assert "Năm 2023" in problem.render("vi") and "2021" in problem.render("vi")


def test_repeated_sub_headers_under_groups_without_a_year_stop(tmp_path):
    rows = [list(YEARS[1]), list(YEARS[2]), *YEARS[3:]]
    rows[0][2], rows[0][4] = "Đợt 1", "Đợt 2"
    options = ImportOptions(year=2022, block="department", create_units=True)
    result = import_table(fresh(tmp_path), _workbook(rows), "rounds.xlsx", options)
    assert not result.written
    problem = next(p for p in result.problems if p.code == "import_group_missing")
    assert "Đợt 1" in problem.render("en")


@pytest.mark.parametrize(
    "text, file, expected",
    [
        ("KẾT QUẢ CHỈ SỐ CCHC NĂM 2021\nTên đơn vị,Tổng điểm\nSở A,90\n", "x.csv", (2021, "title")),
        ("Năm,Tên đơn vị,Tổng điểm\n2019,Sở A,90\n2019,Sở B,80\n", "x.csv", (2019, "column")),
        ("Tên đơn vị,Tổng điểm\nSở A,90\n", "chi_so_cchc_2020.csv", (2020, "file")),
        ("Tên đơn vị,Tổng điểm\nSở A,90\n", "ket_qua.csv", None),
        ("Năm,Tên đơn vị,Tổng điểm\n2019,Sở A,90\n2020,Sở B,80\n", "x.csv", None),
    ],
)
def test_the_year_is_read_from_the_table_and_says_where(text, file, expected):
    from parviz.importing import detect_year

    found = detect_year(text.encode(), file)
    assert (None if found is None else (found.year, found.source)) == expected


def test_the_year_of_a_single_year_group():
    from parviz.importing import detect_year

    rows = [YEARS[1][:4], YEARS[2][:4], *(row[:4] for row in YEARS[3:])]
    found = detect_year(_workbook(rows), "bang.xlsx")
    assert (found.year, found.source, found.text) == (2022, "group", "Năm 2022")
    assert detect_year(_workbook(YEARS), "bang_2023.xlsx").source == "file"  # two groups


def test_workbook_numbers_are_read_with_the_decimals_their_format_shows():
    from parviz.reading import cell_text

    assert cell_text(91.5, "0.00") == "91.50"
    assert cell_text(91.5, "#,##0.00") == "91.50"
    assert cell_text(97.685, "0.00") == "97.685"  # a digit held is never cut
    assert cell_text(0.1 + 0.2, "0.00") == "0.30"  # binary noise of a formula is
    assert cell_text(85.0, "General") == "85"


def test_a_workbook_table_keeps_the_trailing_zero_it_shows(tmp_path, capsys):
    import json

    rows = [["Tên đơn vị", "Tổng điểm"], ["Sở A", 91.5], ["Sở B", 90.1]]
    table = tmp_path / "bang_2021.xlsx"
    table.write_bytes(_workbook(rows, {(2, 2): "0.00", (3, 2): "0.00"}))
    folder = fresh(tmp_path)
    argv = ["import", str(table), "--year", "2021", "--block", "department", "--create-units"]
    assert main([*argv, "--data", str(folder)]) == 0
    capsys.readouterr()
    argv = ["rank", "--year", "2021", "--block", "department", "--data", str(folder)]
    assert main(argv) == 0
    assert "91,50" in capsys.readouterr().out  # not 91,5: the sheet shows two decimals
    assert main([*argv, "--format", "json"]) == 0
    assert [r["score"] for r in json.loads(capsys.readouterr().out)] == [91.5, 90.1]


def test_a_group_title_that_is_also_a_header_still_groups_the_columns_below(tmp_path):
    rows = [
        ["STT", "Tên đơn vị", "Điểm đạt được", None, "Tổng điểm"],
        [None, None, "Điểm đánh giá trực tiếp", "Điểm điều tra XHH", None],
        [1, "Sở Tài chính", 59.25, 33.68, 92.93],
        [2, "Sở Xây dựng", 59, 32.33, 91.33],
    ]
    folder = fresh(tmp_path)
    options = ImportOptions(year=2019, block="department", create_units=True)
    result = import_table(folder, _workbook(rows), "vp.xlsx", options)
    assert result.written, [p.render("en") for p in result.problems]
    assert list(result.rows["assessed"]) == [59.25, 59.0]
    assert list(result.rows["survey"]) == [33.68, 32.33]
    assert list(result.rows["total"]) == [92.93, 91.33]


def test_a_title_row_is_never_the_top_of_a_two_row_header():
    from parviz.importing import find_header

    rows = [
        ["(Kèm theo Quyết định số 1007/QĐ-UBND ngày 24/4/2020)", "", "", "", ""],
        ["STT", "Tên cơ quan, đơn vị", "Điểm đạt được", "", "Tổng điểm"],
        ["", "", "Điểm đánh giá trực tiếp", "Điểm điều tra XHH", ""],
        ["1", "Sở Tài chính", "59,25", "33,68", "92,93"],
    ]
    header = find_header(rows, {})
    assert (header.index, header.body) == (1, 3)
    assert header.cells[2:] == ["Điểm đánh giá trực tiếp", "Điểm điều tra XHH", "Tổng điểm"]


def test_the_separator_is_the_one_the_table_lines_agree_on():
    from parviz.reading import sniff_table_separator

    semicolons = "STT;Tên đơn vị;Tổng điểm;Xếp hạng\n1;Sở A;90,5;1\n2;Sở B;85,5;2\n"
    assert sniff_table_separator("KẾT QUẢ NĂM 2022\n" + semicolons) == ";"
    assert sniff_table_separator("CÁC SỞ, BAN, NGÀNH, NĂM 2022\n" + semicolons) == ";"
    assert sniff_table_separator("Tên đơn vị,Tổng điểm\nSở A,90.5\n") == ","
    assert sniff_table_separator("Tên đơn vị\tTổng điểm\nSở A\t90,5\n") == "\t"
    assert sniff_table_separator("Tên đơn vị\n") == ","


def test_a_semicolon_table_under_a_title_row_imports(tmp_path):
    text = "KẾT QUẢ CHỈ SỐ CCHC NĂM 2022\nTên đơn vị;Tổng điểm;Xếp hạng\nSở A;90,5;1\nSở B;85,5;2\n"
    options = ImportOptions(year=2022, block="department", create_units=True)
    result = import_table(fresh(tmp_path), text.encode(), "t.csv", options)
    assert result.written, [p.render("en") for p in result.problems]
    assert list(result.rows["total"]) == [90.5, 85.5]


def test_a_title_naming_another_year_stops_the_import(tmp_path):
    folder = fresh(tmp_path)
    before = snapshot(folder)
    options = ImportOptions(year=2024, block="department", create_units=True)
    result = import_table(folder, ANNEX.encode(), "annex.csv", options)
    assert not result.written and snapshot(folder) == before
    problem = next(p for p in result.problems if p.code == "import_year_title_conflict")
    assert (problem.file, problem.row) == ("annex.csv", 1)
    assert "PHỤ LỤC: KẾT QUẢ CHỈ SỐ CCHC NĂM 2021" in problem.render("vi")
    assert "2021" in problem.render("vi") and "2024" in problem.render("en")
    assert "--year 2021" in problem.render("en")


def test_a_file_name_naming_another_year_is_a_warning(tmp_path):
    table = "Tên đơn vị,Tổng điểm\nSở A,90\n".encode()
    options = ImportOptions(year=2022, block="department", create_units=True)
    result = import_table(fresh(tmp_path), table, "ket_qua_2021.csv", options)
    assert result.written
    warning = next(p for p in result.problems if p.code == "import_year_file_conflict")
    assert "2021" in warning.render("vi") and not warning.is_error


def test_a_title_split_by_a_csv_comma_still_names_the_year(tmp_path):
    from parviz.importing import detect_year

    text = "KẾT QUẢ CÁC SỞ, BAN, NGÀNH NĂM 2021\nTên đơn vị,Tổng điểm\nSở A,90\n"
    assert detect_year(text.encode(), "x.csv").year == 2021
    options = ImportOptions(year=2022, block="department", create_units=True)
    result = import_table(fresh(tmp_path), text.encode(), "x.csv", options)
    assert "import_year_title_conflict" in [p.code for p in result.problems]


def test_a_title_year_is_not_a_decision_date_nor_one_end_of_a_range():
    from parviz.shapes import year_from_title

    def year(*titles: str) -> int | None:
        found = year_from_title([[title] for title in titles], len(titles))
        return None if found is None else found[0]

    assert year("KẾT QUẢ CHỈ SỐ CCHC NĂM 2022") == 2022
    assert year("PAR INDEX 2023") == 2023
    assert year("(Kèm theo Quyết định số 336/QĐ-UBND ngày 01 tháng 3 năm 2023)") is None
    assert year("KẾT QUẢ NĂM 2022", "(ngày 01 tháng 3 năm 2023)") == 2022
    assert year("CHỈ SỐ CCHC NĂM 2016 - 2020") is None
    assert year("từ năm 2016 đến năm 2020") is None
