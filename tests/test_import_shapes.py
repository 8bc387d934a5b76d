"""The rows around a published table and one sheet holding two blocks (#12, point 5)."""

from __future__ import annotations

from pathlib import Path

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
