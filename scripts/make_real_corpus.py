"""Write tests/data/real/*.xlsx: published PAR Index numbers in the shapes tables are published in.

Every number and name here was published (sources in tests/data/real/README.md); nothing is
made up. What the script adds is only the SHAPE a published file has: title rows, merged
cells, decimal commas, percent formats, section rows, notes and signature blocks. The average
and total rows of the annex are the arithmetic of the published totals above them, as an
annex computes them; they are never imported.

    .venv/bin/python scripts/make_real_corpus.py
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from make_bad_corpus import stable_zip  # the same fixed dates as the malformed corpus
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "real"
VINH_PHUC = OUT / "vinhphuc_2019_department.xlsx"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
Cell = object
Row = Sequence[Cell]
# Fixed workbook dates, so that running the script again writes the same bytes.
_EPOCH = datetime.datetime(2026, 1, 1)


def vi(value: float, decimals: int) -> str:
    """Return a number as a Vietnamese table writes it: 91,53 (decimal comma, as text)."""
    return f"{value:.{decimals}f}".replace(".", ",")


def as_written(value: float) -> str:
    """Return a number with the digits it was published with, decimal comma (84.9 → '84,9')."""
    return str(value).replace(".", ",")


def sheet_with(title: str, lines: Sequence[str], width: int) -> tuple[openpyxl.Workbook, Worksheet]:
    """Return a workbook whose sheet starts with title ``lines``, each merged across ``width``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for line in lines:
        sheet.append([line])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.cell(row, 1).font = Font(bold=True)
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
    return book, sheet


def append(sheet: Worksheet, rows: Sequence[Row], formats: dict[int, str] | None = None) -> None:
    """Append ``rows``; ``formats`` gives a number format per 1-based column."""
    for row in rows:
        sheet.append(list(row))
        for column, number_format in (formats or {}).items():
            sheet.cell(sheet.max_row, column).number_format = number_format


def merged_row(sheet: Worksheet, text: str, width: int) -> None:
    """Append a row whose text is merged across ``width`` columns (a section or a note)."""
    sheet.append([text])
    row = sheet.max_row
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def save(book: openpyxl.Workbook, name: str) -> None:
    """Write the workbook to OUT/name with fixed metadata, so a rerun gives the same bytes."""
    book.properties.creator = "parviz scripts/make_real_corpus.py"
    book.properties.created = book.properties.modified = _EPOCH
    buffer = io.BytesIO()
    book.save(buffer)
    (OUT / name).write_bytes(stable_zip(buffer.getvalue()))


def hue_departments() -> None:
    """Huế 2021, departments: three decimals as text with commas, 'Sở, ban, ngành' header."""
    book, sheet = sheet_with(
        "Khối sở",
        [
            "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ",
            "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
            "(Kèm theo Quyết định số 24/QĐ-UBND ngày 05/01/2022; các đơn vị tốp đầu)",
        ],
        3,
    )
    append(sheet, [["STT", "Sở, ban, ngành", "Tổng điểm"]])
    units = [
        ("Văn phòng UBND tỉnh", 97.685),
        ("Sở Tư pháp", 87.187),
        ("Sở Công Thương", 85.804),
        ("Sở Y tế", 85.584),
        ("Sở Nông nghiệp và Phát triển nông thôn", 85.234),
    ]
    append(sheet, [[n, name, vi(score, 3)] for n, (name, score) in enumerate(units, 1)])
    merged_row(sheet, "Ghi chú: bản tin nguồn chỉ nêu các đơn vị tốp đầu.", 3)
    save(book, "hue_2021_department_three_decimals.xlsx")


def hue_districts() -> None:
    """Huế 2021, districts: three decimals as numbers formatted 0.000 (87,170 keeps its 0)."""
    book, sheet = sheet_with(
        "Khối huyện",
        ["KẾT QUẢ XẾP LOẠI CÔNG TÁC CCHC NĂM 2021 - KHỐI UBND CẤP HUYỆN (tốp đầu)"],
        3,
    )
    append(sheet, [["STT", "Huyện, thị xã, thành phố", "Tổng điểm"]])
    units = [
        ("UBND thị xã Hương Trà", 87.170),
        ("UBND thành phố Huế", 84.186),
        ("UBND huyện Nam Đông", 83.847),
        ("UBND huyện A Lưới", 83.524),
    ]
    rows = [[n, name, score] for n, (name, score) in enumerate(units, 1)]
    append(sheet, rows, {3: "0.000"})
    save(book, "hue_2021_district_three_decimals.xlsx")


HD_2023 = [
    ("Sở Giao thông vận tải", 92.86, 1),
    ("Sở Nội vụ", 91.11, 2),
    ("Sở Thông tin và Truyền thông", 91.06, 3),
]
HD_2024 = [
    ("Sở Giao thông vận tải", 93.08, 1),
    ("Sở Nội vụ", 90.41, 2),
    ("Sở Thông tin và Truyền thông", 90.30, 3),
]
HD_2023_DISTRICTS = [
    ("UBND huyện Nam Sách", 90.86, 1),
    ("UBND thành phố Chí Linh", 88.82, 2),
    ("UBND huyện Kim Thành", 88.58, 3),
]


def hai_duong_2024_partial() -> None:
    """Hải Dương 2024, departments: scores for the top three, then ranks without scores."""
    book, sheet = sheet_with(
        "2024",
        ["CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA CÁC SỞ, BAN, NGÀNH TỈNH HẢI DƯƠNG"],
        4,
    )
    append(sheet, [["STT", "Tên cơ quan, đơn vị", "Điểm", "Xếp hạng"]])
    rows: list[list[Cell]] = [[r, name, vi(s, 2), r] for name, s, r in HD_2024]
    ordered = [
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
    rows += [[n, name, None, n] for n, name in enumerate(ordered, 4)]
    append(sheet, rows)
    merged_row(sheet, "Ghi chú: từ hạng 4, bản tin chỉ nêu thứ tự, không nêu điểm.", 4)
    save(book, "haiduong_2024_department_partial_ranks.xlsx")


def hai_duong_year_groups() -> None:
    """Hải Dương 2023 and 2024 side by side: 'Năm 2023 | Năm 2024' over 'Điểm | Xếp hạng'."""
    book, sheet = sheet_with("So sánh", ["KẾT QUẢ CHỈ SỐ CCHC CÁC SỞ DẪN ĐẦU, TỈNH HẢI DƯƠNG"], 6)
    append(
        sheet,
        [
            ["STT", "Tên cơ quan, đơn vị", "Năm 2023", None, "Năm 2024", None],
            [None, None, "Điểm", "Xếp hạng", "Điểm", "Xếp hạng"],
        ],
    )
    for column in ("A", "B"):
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("C2:D2")
    sheet.merge_cells("E2:F2")
    rows = [
        [n, a[0], vi(a[1], 2), a[2], vi(b[1], 2), b[2]]
        for n, (a, b) in enumerate(zip(HD_2023, HD_2024, strict=True), 1)
    ]
    append(sheet, rows)
    save(book, "haiduong_2023_2024_department_year_groups.xlsx")


def hai_duong_sections() -> None:
    """Hải Dương 2023: both blocks on one sheet under section rows, each ranked from 1."""
    book, sheet = sheet_with(
        "Kết quả 2023",
        [*MOTTO, "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 (các đơn vị dẫn đầu)"],
        4,
    )
    append(sheet, [["STT", "Tên cơ quan, đơn vị", "Tổng điểm", "Xếp hạng"]])
    merged_row(sheet, "I. KHỐI SỞ, BAN, NGÀNH", 4)
    append(sheet, [[r, name, vi(s, 2), r] for name, s, r in HD_2023])
    merged_row(sheet, "II. KHỐI UBND HUYỆN, THỊ XÃ, THÀNH PHỐ", 4)
    append(sheet, [[r, name, vi(s, 2), r] for name, s, r in HD_2023_DISTRICTS])
    save(book, "haiduong_2023_both_blocks_sections.xlsx")


def vinh_phuc_annex() -> None:
    """Vĩnh Phúc 2019 as an annex: grouped header, a blank row, average, total, note, signature."""
    source = openpyxl.load_workbook(VINH_PHUC, read_only=True).worksheets[0]
    units = [row for row in source.iter_rows(min_row=2, values_only=True) if row[1]]
    book, sheet = sheet_with(
        "Phụ lục",
        [
            "UBND TỈNH VĨNH PHÚC",
            "Phụ lục: KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2019 CỦA CÁC SỞ, BAN, NGÀNH",
            "(Kèm theo Quyết định số 1007/QĐ-UBND ngày 24/4/2020)",
        ],
        6,
    )
    append(
        sheet,
        [
            ["STT", "Tên cơ quan, đơn vị", "Điểm đạt được", None, "Tổng điểm", "Xếp hạng"],
            [None, None, "Điểm đánh giá trực tiếp", "Điểm điều tra XHH", None, None],
        ],
    )
    for column in ("A", "B", "E", "F"):
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.merge_cells("C4:D4")
    rows = [[n, name, *map(as_written, (a, s, t)), r] for n, name, a, s, t, r in units]
    append(sheet, rows[:10])
    sheet.append([])  # a blank row inside the table, as pasted annexes have
    append(sheet, rows[10:])
    totals = [row[4] for row in units]
    append(
        sheet,
        [
            [None, "Điểm trung bình", None, None, vi(sum(totals) / len(totals), 2), None],
            [None, "Tổng cộng", None, None, vi(sum(totals), 2), None],
        ],
    )
    merged_row(sheet, "Ghi chú: bản lưu của trang nguồn dừng sau hàng thứ 17 (hạng 18–20).", 6)
    sheet.append([])
    append(sheet, [[None, "NGƯỜI LẬP BIỂU", None, None, "KT. CHỦ TỊCH", None]])
    append(sheet, [[None, None, None, None, "PHÓ CHỦ TỊCH", None]])
    save(book, "vinhphuc_2019_annex_footer.xlsx")


def par_index_2023() -> None:
    """The national PAR INDEX 2023 as a news table: a top-N of provinces with component columns.

    The source gives Quảng Ninh's rank and Hà Nội's rank and index; the component columns
    are in the shape but empty (not published in the source).
    """
    book, sheet = sheet_with(
        "PAR INDEX 2023",
        ["CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"],
        8,
    )
    header = [
        "STT",
        "Tỉnh, thành phố",
        "Điểm thẩm định",
        "Chỉ số hài lòng (SIPAS)",
        "Khảo sát lãnh đạo, quản lý",
        "Tác động của CCHC",
        "Chỉ số CCHC (%)",
        "Xếp hạng",
    ]
    append(sheet, [header])
    rows = [
        [1, "Quảng Ninh", None, None, None, None, None, 1],
        [2, "Hà Nội", None, None, None, None, 0.9143, 3],
    ]
    append(sheet, rows, {7: "0.00%"})
    save(book, "par_index_2023_province_top.xlsx")


def hai_duong_2021_tie() -> None:
    """Hải Dương 2021, districts: a tie at 85,86 with official ranks 1 and 2, then ranks only."""
    book, sheet = sheet_with("Khối huyện", ["CHỈ SỐ CCHC NĂM 2021 - KHỐI HUYỆN, TỈNH HẢI DƯƠNG"], 4)
    append(sheet, [["STT", "Huyện, thị xã, thành phố", "Tổng điểm", "Xếp hạng"]])
    append(
        sheet,
        [
            [1, "UBND thành phố Hải Dương", vi(85.86, 2), 1],
            [2, "UBND huyện Nam Sách", vi(85.86, 2), 2],
            [3, "UBND thành phố Chí Linh", None, 3],
            [4, "UBND thị xã Kinh Môn", None, 4],
            [5, "UBND huyện Ninh Giang", None, 12],
        ],
    )
    note = "Ghi chú: bài báo nguồn nêu điểm hai đơn vị đầu; các đơn vị khác chỉ nêu hạng."
    merged_row(sheet, note, 4)
    save(book, "haiduong_2021_district_tie.xlsx")


def hai_duong_2021_departments() -> None:
    """Hải Dương 2021, departments: the top two, the last, and the heads' classification."""
    book, sheet = sheet_with("Khối sở", ["CHỈ SỐ CCHC NĂM 2021 - KHỐI SỞ, BAN, NGÀNH"], 5)
    header = ["STT", "Sở, ngành", "Tổng điểm", "Xếp hạng", "Xếp loại người đứng đầu"]
    append(sheet, [header])
    excellent = "Hoàn thành xuất sắc nhiệm vụ"
    append(
        sheet,
        [
            [1, "Sở Giao thông vận tải", vi(91.53, 2), 1, excellent],
            [2, "Sở Khoa học và Công nghệ", vi(90.33, 2), 2, excellent],
            [3, "Sở Y tế", None, 18, None],
        ],
    )
    save(book, "haiduong_2021_department_top.xlsx")


def hai_duong_2020_ranks_only() -> None:
    """Hải Dương 2020, districts: ranks without scores (as the 2021 article recalls them)."""
    book, sheet = sheet_with("2020", ["XẾP HẠNG CHỈ SỐ CCHC NĂM 2020 - CẤP HUYỆN"], 3)
    append(sheet, [["STT", "Đơn vị", "Xếp hạng"]])
    append(sheet, [[1, "UBND thành phố Chí Linh", 1], [2, "UBND thị xã Kinh Môn", 2]])
    save(book, "haiduong_2020_district_ranks_only.xlsx")


MAKERS = (
    hue_departments,
    hue_districts,
    hai_duong_2024_partial,
    hai_duong_year_groups,
    hai_duong_sections,
    vinh_phuc_annex,
    par_index_2023,
    hai_duong_2021_tie,
    hai_duong_2021_departments,
    hai_duong_2020_ranks_only,
)


def main() -> None:
    """Write every corpus file."""
    for make in MAKERS:
        make()
    print(f"wrote {len(MAKERS)} tables to {OUT}")


if __name__ == "__main__":
    main()
