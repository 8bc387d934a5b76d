"""`--data` and `--lang` are accepted before and after every subcommand (#12, point 4)."""

from __future__ import annotations

import json

import pytest

from parviz.cli import build_parser, main
from tests.helpers import ROOT, copy_minimal

SUBCOMMANDS = ("validate", "rank", "init", "import", "undo", "findings", "export")


def _rank(capsys, *argv: str) -> tuple[int, list[dict]]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if code == 0 else []


def test_data_after_the_subcommand_reads_that_dataset(tmp_path, capsys):
    folder = copy_minimal(tmp_path)
    tail = ["--year", "2021", "--block", "district", "--format", "json"]
    before = _rank(capsys, "--data", str(folder), "rank", *tail)
    after = _rank(capsys, "rank", *tail, "--data", str(folder))
    sample = _rank(capsys, "rank", *tail)
    assert before[0] == after[0] == 0
    assert before[1] == after[1]
    assert before[1] != sample[1]  # the minimal dataset, not the bundled sample


def test_lang_after_the_subcommand_picks_the_language(tmp_path, capsys):
    assert main(["validate", str(ROOT / "data"), "--lang", "en"]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["validate", str(ROOT / "data"), "--lang", "vi"]) == 0
    assert "hợp lệ" in capsys.readouterr().out


def test_the_option_after_the_subcommand_wins_over_the_one_before(tmp_path, capsys):
    assert main(["--lang", "vi", "validate", str(ROOT / "data"), "--lang", "en"]) == 0
    assert "hợp lệ" not in capsys.readouterr().out


def test_import_with_every_option_after_the_subcommand(tmp_path, capsys):
    folder = tmp_path / "fresh"
    assert main(["init", str(folder), "--title", "T", "--lang", "en"]) == 0
    table = tmp_path / "t.csv"
    table.write_text("Tên đơn vị,Tổng điểm\nSở A,90\nSở B,80\n", encoding="utf-8")
    argv = ["import", str(table), "--data", str(folder), "--year", "2021"]
    assert main([*argv, "--block", "department", "--create-units", "--lang", "en"]) == 0
    assert "2021" in capsys.readouterr().out
    code, records = _rank(
        capsys,
        "rank",
        "--year",
        "2021",
        "--block",
        "department",
        "--format",
        "json",
        "--data",
        str(folder),
    )
    assert code == 0 and [r["unit"] for r in records] == ["Sở A", "Sở B"]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_help_lists_data_and_lang(command, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args([command, "--help"])
    text = capsys.readouterr().out
    assert "--data" in text and "--lang" in text


def test_unknown_language_after_the_subcommand_is_a_usage_error(capsys):
    assert main(["validate", "--lang", "fr"]) == 2
