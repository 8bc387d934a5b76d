"""Table exports: UTF-8 CSV with BOM, XLSX with formatted numbers, no formula injection."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from parviz.export.tables import sheet_title, to_csv_bytes, to_xlsx_bytes

FRAME = pd.DataFrame(
    {
        "Hạng": pd.array([1, 2, 3], dtype="Int64"),
        "Đơn vị": ["Chí Linh", '=HYPERLINK("http://x")', "@SUM(A1)"],
        "Điểm": [91.53, 90.3, float("nan")],
        "Ghi chú": ["+1", "-2", "▼2"],
    }
)


def test_csv_has_bom_diacritics_and_neutralised_cells():
    data = to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Hạng,Đơn vị,Điểm,Ghi chú"
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and "'+1" in text and "'-2" in text
    assert "91.53" in text and "▼2" in text
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["Điểm"].iloc[0] == 91.53  # numbers stay numbers


def test_xlsx_numbers_are_numbers_with_formats_and_text_is_safe():
    book = load_workbook(io.BytesIO(to_xlsx_bytes(FRAME, "Xếp hạng 2021: huyện")))
    sheet = book.active
    assert sheet.title == "Xếp hạng 2021  huyện"
    assert [c.value for c in sheet[1]] == ["Hạng", "Đơn vị", "Điểm", "Ghi chú"]
    assert sheet["C2"].value == 91.53 and sheet["C2"].number_format == "#,##0.00"
    assert sheet["A2"].value == 1 and sheet["A2"].number_format == "0"
    assert sheet["C4"].value is None
    assert sheet["B3"].value.startswith("'=") and sheet["B3"].data_type == "s"
    assert sheet["D3"].value == "'-2"
    assert sheet.freeze_panes == "A2"


def test_does_not_change_the_input_and_sheet_titles_are_valid():
    before = FRAME.copy()
    to_csv_bytes(FRAME)
    to_xlsx_bytes(FRAME, "x")
    pd.testing.assert_frame_equal(FRAME, before)
    assert len(sheet_title("a" * 40)) == 31 and sheet_title("[]") == "Sheet1"
