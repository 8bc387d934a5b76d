"""Loading: CSV folders, the same tables as one workbook, encodings and number spellings."""

from __future__ import annotations

import csv
import io

import numpy as np
import openpyxl
import pandas as pd

from parviz.loading import load, load_dataset, parse_number
from parviz.ranking import rank
from tests.helpers import MINIMAL, SAMPLE, copy_minimal


def test_sample_loads_with_no_problem():
    result = load(SAMPLE)
    assert result.problems == []
    dataset = result.dataset
    assert dataset.illustrative is True
    assert dataset.blocks == ["department", "district"]
    assert dataset.years == list(range(2016, 2025))
    assert len(dataset.table("units")) == 30


def write_workbook(folder, target):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for path in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            sheet.append(
                [
                    float(c)
                    if c.replace(".", "", 1).isdigit() and "." in c
                    else int(c)
                    if c.isdigit()
                    else c
                    for c in row
                ]
            )
    book.save(target)


def test_workbook_with_the_same_tables_loads_and_ranks_the_same(tmp_path):
    workbook = tmp_path / "dataset.xlsx"
    write_workbook(MINIMAL, workbook)
    from_book = rank(load_dataset(workbook), year=2021, block="district")
    from_csv = rank(load_dataset(MINIMAL), year=2021, block="district")
    columns = ["unit_id", "score", "rank", "tied", "previous_rank"]
    assert from_book[columns].equals(from_csv[columns])


def test_workbook_problems_name_the_sheet(tmp_path):
    folder = copy_minimal(tmp_path)
    (folder / "scores.csv").write_text("year,unit_id,criterion_id,points\n2020,a,C1,x\n")
    workbook = tmp_path / "bad.xlsx"
    write_workbook(folder, workbook)
    problem = next(p for p in load(workbook).problems if p.code == "value_not_number")
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "bad.xlsx",
        "scores",
        2,
        "points",
    )


def test_bom_semicolons_and_decimal_commas(tmp_path):
    folder = copy_minimal(tmp_path)
    text = "year;unit_id;criterion_id;points\n2020;a;C1;38,5\n2020;a;C2;51,5\n"
    (folder / "scores.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (folder / "results.csv").write_text("year,unit_id,total\n")
    dataset = load_dataset(folder)
    assert dataset.table("scores")["points"].tolist() == [38.5, 51.5]


def test_parse_number():
    assert parse_number("91.53") == 91.53
    assert parse_number("91,53") == 91.53
    assert parse_number(" 91.53 ") == 91.53
    assert parse_number("abc") is None
    assert parse_number("nan") is None


def test_plain_csv_reader_reads_what_the_exact_reader_reads(monkeypatch):
    from parviz import reading

    texts = [
        "a,b\n1, x \n\u00a0y\u00a0,Hải\n,\n",  # padded cells, Unicode spaces, trailing blank row
        "\ufeffa;b;\r\n1;2;\r\n3;4;\r\n",  # BOM, semicolons, CRLF, empty column past the header
        "a,b\n1,2\n3\n",  # ragged: only the exact reader locates it
        'a,b\n"1,5",2\n',  # quotes: the exact reader
    ]
    for text in texts:
        data = text.encode("utf-8")
        fast, fast_problems = reading.read_csv_bytes(data, "t.csv")
        with monkeypatch.context() as patch:
            patch.setattr(reading, "_read_plain_csv", lambda *args: None)
            exact, exact_problems = reading.read_csv_bytes(data, "t.csv")
        assert fast_problems == exact_problems
        assert fast.frame.equals(exact.frame) and list(fast.frame) == list(exact.frame)
    assert reading._read_plain_csv(texts[0].encode(), ",", "t.csv") is not None


# Cells of one scores column, the problem codes expected (row → code): whole-column Arrow casts
# and the per-cell path must agree, including what Arrow reads that float() rejects (nan, inf).
NUMBER_CASES = [
    (["1", "2.5", "+3", ".5", "1e1"], {}),
    (["1", "nan", "2"], {3: "value_not_number"}),
    (["1", "inf", "1e400"], {3: "value_not_number", 4: "value_not_number"}),
    (["1", "91,5", "1 000"], {}),
    (["1", "-1", "2"], {3: "value_negative"}),
    (["1", "", "2"], {3: "value_missing"}),
]


def test_number_columns_cast_whole_or_cell_by_cell_alike():
    from parviz import schema
    from parviz.loading import type_table
    from parviz.reading import RawTable

    table = schema.TABLES_BY_NAME["scores"]
    for cells, expected in NUMBER_CASES:
        frame = pd.DataFrame(
            {"year": ["2020"] * len(cells), "unit_id": [f"u{i}" for i in range(len(cells))],
             "criterion_id": ["C1"] * len(cells), "points": cells},
            dtype="str",
        )  # fmt: skip
        typed, problems = type_table(table, RawTable(frame, "scores.csv"))
        assert {p.row: p.code for p in problems} == expected, cells
        for position, cell in enumerate(cells):
            if position + 2 not in expected:
                number = parse_number(cell)
                assert typed["points"].iloc[position] == number, cell


def test_duplicate_keys_alike_from_parse_codes_or_values():
    from parviz import schema
    from parviz.loading import duplicate_keys, type_table
    from parviz.reading import RawTable

    units = ["a", "b", "a", "a", "", "", "b"]
    years = ["2020", "2020", "2020", "2021", "2020", "2020", "2020"]
    frame = pd.DataFrame(
        {"year": years, "unit_id": units, "criterion_id": ["C1"] * 7, "points": ["1"] * 7},
        dtype="str",
    )
    raw = RawTable(pd.concat([frame] * 3, ignore_index=True), "scores.csv")  # codes: repeats
    table = schema.TABLES_BY_NAME["scores"]
    codes: dict = {}
    typed, problems = type_table(table, raw, text_codes=codes)
    assert "unit_id" in codes  # the parse's codes were used
    from_codes = [p for p in problems if p.code == "duplicate_key"]
    assert from_codes == duplicate_keys(typed, table, raw)  # codes hashed from the values
    assert [p.row for p in from_codes[:2]] == [4, 8]  # a/2020 again; rows 6, 7 lack a unit


def test_plain_ascii_files_skip_the_text_pass_and_type_alike(monkeypatch):
    from parviz import reading, schema
    from parviz.loading import type_table

    plain = b"year,unit_id,criterion_id,points\n2020,a,C1,1.5\n2021,b,C1,2\n"
    padded = b"year,unit_id,criterion_id,points\n2020, a,C1,1.5\n2021,b,C1,2\n"
    accented = "year,unit_id,criterion_id,points\n2020,Hải,C1,1.5\n".encode()
    assert reading.read_csv_bytes(plain, "scores.csv")[0].plain is True
    assert reading.read_csv_bytes(padded, "scores.csv")[0].plain is False
    assert reading.read_csv_bytes(accented, "scores.csv")[0].plain is False
    table = schema.TABLES_BY_NAME["scores"]
    raw = reading.read_csv_bytes(plain, "scores.csv")[0]
    fast = type_table(table, raw)
    slow = type_table(table, reading.RawTable(raw.frame, raw.file))  # plain=False: full pass
    assert fast[1] == slow[1] and fast[0].equals(slow[0])


def test_ascii_files_sniff_the_separator_like_the_decoded_text():
    from parviz import reading

    long_first = ("a;" * 40_000 + "b\n1;" + "2;" * 40_000 + "\n").encode()  # first line > 64 KiB
    cases = [b"a,b\n1,2\n", b"\n\n  \na;b\n1;2\n", long_first, b"a\tb\n1\t2\n", b"   \n"]
    for data in cases:
        assert reading._ascii_separator(data) == reading.sniff_separator(data.decode()), data[:20]


# Whole-number cells of an int column: the int64 fast path and the per-cell path agree, also
# past 2**53 (float rounding) and for spellings Arrow and float() both read.
INT_CASES = [
    ["2020", "2021", "-0", "1e3", "2.0"],
    ["9007199254740993", "2020"],  # 2**53 + 1: rounded alike by float() and by Arrow
    ["2020", "2020.5"],
]


def test_int_columns_cast_whole_or_cell_by_cell_alike():
    from parviz import loading, schema
    from parviz.reading import RawTable

    column = schema.Column("rank", schema.Kind.INT)
    for cells in INT_CASES:
        raw = RawTable(pd.DataFrame({"rank": cells}, dtype="str"), "results.csv")
        fast = loading.parse_column(raw, "rank", column)
        cast = loading._cast_all(raw.frame["rank"], column)
        codes = loading._no_codes(len(cells))
        values = loading._parse_cells(raw.frame["rank"], [True] * len(cells), column, codes)
        if cast is not None:
            assert str(cast.dtype) == "Int64" and cast.tolist() == values, cells
        assert fast[0].tolist() == [v if c is None else pd.NA for v, c in zip(values, codes)]


def test_duplicate_keys_found_when_codes_are_too_large_to_count():
    from parviz.loading import _all_distinct

    assert _all_distinct(np.array([0, 5, 3]))
    assert not _all_distinct(np.array([0, 5, 5]))
    assert not _all_distinct(np.array([0, 10**9]))  # not counted: hashed by the caller
    assert not _all_distinct(np.zeros(0, dtype="int64"))
