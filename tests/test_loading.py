"""Loading: CSV folders, the same tables as one workbook, encodings and number spellings."""

from __future__ import annotations

import csv
import io

import openpyxl

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
