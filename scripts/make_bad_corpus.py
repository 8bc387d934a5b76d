"""Write the corpus of malformed (and awkward but valid) published tables for the importer.

Usage: .venv/bin/python scripts/make_bad_corpus.py [OUT_DIR]   (default tests/data/bad/import)

Each file is one thing real users bring: wrong encodings, web pages saved as .xlsx, merged
two-row headers, formulas, text in numbers... tests/test_import_corpus.py says what each must
give. Workbooks are written with fixed timestamps, so running the script again gives the same
bytes. The 50 MB file and the zip bomb are made by the test itself, never committed.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "bad" / "import"
FIXED = (2020, 1, 1, 0, 0, 0)

A, B, C = "UBND thành phố An Bình", "UBND huyện Bắc Hà", "UBND huyện Cẩm Lộc"
# name, points of C1..C7 (maxima 10, 15, 20, 15, 15, 10, 15), total, rank
ROWS = [
    (A, [9, 14, 18, 14, 13, 9, 13], 90, 1),
    (C, [8, 13, 17, 13, 13, 8, 13], 85, 2),
    (B, [8, 12, 16, 12, 12, 8, 12], 80, 3),
]
CRITERIA = [f"C{i}" for i in range(1, 8)]


def csv_text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def simple(rows: list[tuple[str, str, str]], header: str = "STT,Tên đơn vị,Tổng điểm,Xếp hạng"):
    body = [f"{i},{name},{total},{rank}" for i, (name, total, rank) in enumerate(rows, 1)]
    return csv_text([header, *body])


GOOD = [(name, str(total), str(rank)) for name, _, total, rank in ROWS]


def stable_zip(data: bytes, patch: Callable[[bytes], bytes] | None = None) -> bytes:
    """Return the zip with every entry dated FIXED, so the bytes do not depend on the clock.

    ``patch`` rewrites xl/workbook.xml (to do what openpyxl refuses to write).
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if patch and info.filename == "xl/workbook.xml":
                content = patch(content)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                content = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2020-01-01T00:00:00Z", content
                )
            target.writestr(fixed, content)
    return out.getvalue()


def workbook(
    fill: Callable[[openpyxl.Workbook], None], patch: Callable[[bytes], bytes] | None = None
) -> bytes:
    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = dt.datetime(2020, 1, 1)
    fill(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_zip(buffer.getvalue(), patch)


def hide_every_sheet(xml: bytes) -> bytes:
    """Mark every visible sheet hidden (Excel writes this; openpyxl refuses to)."""
    return xml.replace(b'state="visible"', b'state="hidden"')


def sheet_rows(rows: list[list[object]], title: str = "Khối huyện") -> bytes:
    def fill(book: openpyxl.Workbook) -> None:
        sheet = book.active
        sheet.title = title
        for row in rows:
            sheet.append(row)

    return workbook(fill)


def merged_header(book: openpyxl.Workbook) -> None:
    """Two header rows, as annexes are published: a group title merged over C1..C7."""
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet.append(["KẾT QUẢ CHỈ SỐ CCHC NĂM 2022 CỦA UBND CẤP HUYỆN"])
    sheet.merge_cells("A1:K1")
    group = ["Điểm các lĩnh vực"] + [None] * 6
    sheet.append(["STT", "Tên đơn vị", *group, "Tổng điểm", "Xếp hạng"])
    sheet.append([None, None, *CRITERIA, None, None])
    for cells in ("A2:A3", "B2:B3", "C2:I2", "J2:J3", "K2:K3"):
        sheet.merge_cells(cells)
    for index, (name, points, total, rank) in enumerate(ROWS, 1):
        sheet.append([index, name, *points, total, rank])


def with_title_and_notes(book: openpyxl.Workbook) -> None:
    sheet = book.active
    sheet.append(["UBND TỈNH"])
    sheet.append(["Phụ lục: Kết quả xác định Chỉ số CCHC năm 2022"])
    sheet.append([])
    sheet.append(["STT", "Tên đơn vị", "Tổng điểm", "Xếp hạng"])
    for index, (name, total, rank) in enumerate(GOOD, 1):
        sheet.append([index, name, float(total), int(rank)])
    sheet.append([])
    sheet.append(["Ghi chú: điểm đã làm tròn đến 2 chữ số thập phân."])


def with_group_rows(book: openpyxl.Workbook) -> None:
    sheet = book.active
    sheet.append(["STT", "Tên đơn vị", "Tổng điểm", "Xếp hạng"])
    sheet.append(["I", "Khối huyện, thị xã, thành phố"])
    for index, (name, total, rank) in enumerate(GOOD, 1):
        sheet.append([index, name, float(total), int(rank)])


def with_formulas(book: openpyxl.Workbook) -> None:
    """Totals as formulas, saved by a program: no computed value is stored."""
    sheet = book.active
    sheet.title = "Kết quả"
    sheet.append(["STT", "Tên đơn vị", "C1", "C2", "Tổng điểm", "Xếp hạng"])
    for index, (name, points, _, rank) in enumerate(ROWS, 1):
        row = index + 1
        sheet.append([index, name, points[0], points[1], f"=C{row}+D{row}", rank])


def only_hidden(book: openpyxl.Workbook) -> None:
    sheet = book.active
    sheet.title = "Ẩn 1"
    sheet.append(["STT", "Tên đơn vị", "Tổng điểm"])
    other = book.create_sheet("Ẩn 2")
    other.append(["x"])
    other.sheet_state = "veryHidden"


def hidden_first(book: openpyxl.Workbook) -> None:
    hidden = book.active
    hidden.title = "Nháp"
    hidden.append(["Tên đơn vị", "Tổng điểm"])
    hidden.append(["Đơn vị nháp", "1"])
    hidden.sheet_state = "hidden"
    visible = book.create_sheet("Kết quả")
    visible.append(["STT", "Tên đơn vị", "Tổng điểm", "Xếp hạng"])
    for index, (name, total, rank) in enumerate(GOOD, 1):
        visible.append([index, name, float(total), int(rank)])
    book.active = 1


def empty_sheet(book: openpyxl.Workbook) -> None:
    book.active.title = "Trống"


def truncated() -> bytes:
    whole = sheet_rows([["Tên đơn vị", "Tổng điểm"], [A, 90]])
    return whole[: len(whole) // 2]


def zip_not_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("readme.txt", date_time=FIXED), "not a workbook")
    return out.getvalue()


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: a precomposed letter, then a combining tone mark."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            letter = unicodedata.normalize("NFC", base + "".join(marks[:-1]))
            out += (letter + marks[-1]).encode("cp1258")
    return out


def noise(size: int, seed: int) -> bytes:
    generator = random.Random(seed)
    return bytes(generator.randrange(256) for _ in range(size))


HEADER_C = "STT,Tên đơn vị," + ",".join(CRITERIA) + ",Tổng điểm,Xếp hạng"


def criteria_csv(change: Callable[[list[str]], list[str]] = lambda cells: cells) -> bytes:
    lines = [HEADER_C]
    for index, (name, points, total, rank) in enumerate(ROWS, 1):
        lines.append(",".join(change([str(index), name, *map(str, points), str(total), str(rank)])))
    return csv_text(lines)


def _over_max(cells: list[str]) -> list[str]:
    if cells[1] == B:
        cells[4] = "25"  # C3, maximum 20
    return cells


CORPUS: dict[str, Callable[[], bytes]] = {
    "empty.csv": lambda: b"",
    "blank_lines.csv": lambda: b"\r\n \n\t\n",
    "binary_noise.csv": lambda: noise(3000, 1) + b"\x00",
    "binary_noise.xlsx": lambda: noise(3000, 2).replace(b"PK", b"pk"),
    "html_saved_as.xlsx": lambda: (
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>Tên đơn vị</td>"
        "<td>Tổng điểm</td></tr><tr><td>UBND thành phố An Bình</td><td>90</td></tr>"
        "</table></body></html>"
    ).encode(),
    "old_excel_97.xlsx": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise(2000, 3),
    "decision_scan.csv": lambda: b"%PDF-1.4\n" + noise(500, 4),
    "zip_not_workbook.xlsx": zip_not_workbook,
    "truncated.xlsx": truncated,
    "utf16_bom_tabs.csv": lambda: "\r\n".join(
        ["STT\tTên đơn vị\tTổng điểm\tXếp hạng"]
        + [f"{i}\t{name}\t{total}\t{rank}" for i, (name, total, rank) in enumerate(GOOD, 1)]
    ).encode("utf-16"),
    "utf16_no_bom.csv": lambda: simple(GOOD).decode("utf-8").encode("utf-16-le"),
    "windows_1258.csv": lambda: cp1258(
        "STT,Tên đơn vị,Tổng điểm,Xếp hạng\n1,UBND thành phố An Bình,90,1\n"
    ),
    "semicolon_decimal_comma.csv": lambda: csv_text(
        ["STT;Tên đơn vị;Tổng điểm;Xếp hạng"]
        + [f"{i};{name};{total},5;{rank}" for i, (name, total, rank) in enumerate(GOOD, 1)]
    ),
    "merged_two_row_header.xlsx": lambda: workbook(merged_header),
    "title_rows_and_notes.xlsx": lambda: workbook(with_title_and_notes),
    "group_rows.xlsx": lambda: workbook(with_group_rows),
    "formula_uncomputed.xlsx": lambda: workbook(with_formulas),
    "text_in_total.csv": lambda: simple([GOOD[0], (C, "tám lăm", "2"), GOOD[2]]),
    "excel_error_value.xlsx": lambda: sheet_rows(
        [["Tên đơn vị", "Tổng điểm", "Xếp hạng"], [A, 90, 1], [C, "#DIV/0!", 2]]
    ),
    "negative_total.csv": lambda: simple([GOOD[0], GOOD[1], (B, "-5", "3")]),
    "total_over_max.csv": lambda: simple([(A, "105", "1"), GOOD[1], GOOD[2]]),
    "criterion_over_max.csv": lambda: criteria_csv(_over_max),
    "index_over_100.csv": lambda: csv_text(
        ["Tên đơn vị,Chỉ số CCHC (%),Xếp hạng", f"{A},101.5,1", f"{C},85,2"]
    ),
    "duplicate_unit.csv": lambda: simple([GOOD[0], GOOD[1], (C, "70", "3")]),
    "alias_duplicate.csv": lambda: simple([GOOD[0], ("TP An Bình", "70", "2")]),
    "unknown_unit.csv": lambda: simple([GOOD[0], ("UBND huyện Không Tên", "70", "2")]),
    "year_conflict.csv": lambda: csv_text(
        ["Năm,Tên đơn vị,Tổng điểm", f"2022,{A},90", f"2021,{C},85"]
    ),
    "nfd_names.csv": lambda: unicodedata.normalize("NFD", simple(GOOD).decode()).encode(),
    "only_hidden_sheets.xlsx": lambda: workbook(only_hidden, hide_every_sheet),
    "hidden_first_sheet.xlsx": lambda: workbook(hidden_first),
    "empty_sheet.xlsx": lambda: workbook(empty_sheet),
    "no_header.csv": lambda: csv_text(["Cột 1,Cột 2", f"{A},90", f"{C},85"]),
    "header_only.csv": lambda: csv_text(["STT,Tên đơn vị,Tổng điểm,Xếp hạng"]),
    "rank_fraction.csv": lambda: simple([GOOD[0], (C, "85", "1.5")]),
    "rank_zero.csv": lambda: simple([(A, "90", "0"), GOOD[1]]),
    "unknown_classification.csv": lambda: csv_text(
        ["Tên đơn vị,Tổng điểm,Xếp loại người đứng đầu", f"{A},90,Hoàn thành tốt nhiệm vụ",
         f"{C},85,Loại A"]
    ),
    "unknown_grade_scale.csv": lambda: csv_text(
        ["Tên đơn vị,Tổng điểm,Xếp loại", f"{A},90,Loại một", f"{C},85,Loại hai"]
    ),
    "unknown_criterion.csv": lambda: csv_text(
        ["Tên đơn vị,C1,C9,Tổng điểm", f"{A},9,5,90", f"{C},8,5,85"]
    ),
    "huge_cell.csv": lambda: csv_text(["Tên đơn vị,Tổng điểm", f'"{"x" * 200_000}",90']),
    "unclosed_quote.csv": lambda: csv_text(["Tên đơn vị,Tổng điểm", f'"{A},90', f"{C},85"]),
    "infinity_and_nan.csv": lambda: simple([(A, "inf", "1"), (C, "NaN", "2")]),
    "percent_index.csv": lambda: csv_text(
        ["Tên đơn vị;Chỉ số CCHC;Xếp hạng", f"{A};90,5%;1", f"{C};85%;2", f"{B};80,25 %;3"]
    ),
    "date_in_total.xlsx": lambda: sheet_rows(
        [["Tên đơn vị", "Tổng điểm", "Xếp hạng"], [A, 90, 1], [C, dt.datetime(2022, 3, 1), 2]]
    ),
    "bool_in_rank.xlsx": lambda: sheet_rows(
        [["Tên đơn vị", "Tổng điểm", "Xếp hạng"], [A, 90, 1], [C, 85, True]]
    ),
    "tab_separated.csv": lambda: csv_text(
        ["Tên đơn vị\tTổng điểm\tXếp hạng"] + [f"{n}\t{t}\t{r}" for n, t, r in GOOD]
    ),
    "old_mac_line_endings.csv": lambda: "\r".join(
        ["Tên đơn vị,Tổng điểm,Xếp hạng"] + [f"{n},{t},{r}" for n, t, r in GOOD]
    ).encode("utf-8"),
    "hostile_names.csv": lambda: csv_text(
        [
            "Tên đơn vị,Tổng điểm,Xếp hạng",
            "<img src=x onerror=alert(1)>,90,1",
            '"=HYPERLINK(""http://example.invalid"",""x"")",85,2',
            "+cmd|' /C calc'!A0,80,3",
        ]
    ),
    "with_criteria.csv": lambda: criteria_csv(),
    "existing_year.csv": lambda: simple(GOOD),
}


def main(argv: list[str]) -> int:
    """Write every corpus file into OUT (or argv[1])."""
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    for name, make in CORPUS.items():
        (out / name).write_bytes(make())
    print(f"{len(CORPUS)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
