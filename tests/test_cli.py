"""The `parviz` command: exit codes, JSON keys and the issue's acceptance figures."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from parviz.cli import main
from tests.helpers import BAD, MINIMAL, ROOT, with_table


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def by_unit(records: list[dict]) -> dict[str, dict]:
    return {record["unit_id"]: record for record in records}


def test_validate_sample_exits_zero(capsys):
    code, out, _ = run(capsys, "validate", str(ROOT / "data"))
    assert code == 0 and "hợp lệ" in out


def test_validate_bad_dataset_exits_one_with_json_records(tmp_path, capsys):
    folder = with_table(
        tmp_path, "scores", (BAD / "dataset" / "value_not_number.scores.csv").read_bytes()
    )
    code, out, _ = run(capsys, "--lang", "en", "validate", str(folder), "--format", "json")
    records = json.loads(out)
    assert code == 1
    problem = next(r for r in records if r["code"] == "value_not_number")
    assert (problem["file"], problem["row"], problem["column"]) == ("scores.csv", 3, "points")
    assert "abc" in problem["message"] and problem["fix"]


def test_usage_errors_exit_two(capsys):
    assert run(capsys, "rank", "--year", "2021")[0] == 2  # --block missing
    assert run(capsys, "nonsense")[0] == 2
    code, _, err = run(capsys, "rank", "--year", "1999", "--block", "district")
    assert code == 2 and "1999" in err


def test_rank_2021_districts_json_matches_the_published_facts(capsys):
    code, out, _ = run(capsys, "rank", "--year", "2021", "--block", "district", "--format", "json")
    records = json.loads(out)
    assert code == 0
    assert all(
        list(r)
        == [
            "unit_id",
            "unit",
            "score",
            "index",
            "rank",
            "tied",
            "previous_rank",
            "rank_change",
            "score_change",
            "grade",
        ]
        for r in records
    )
    units = by_unit(records)
    assert (units["tp-hai-duong"]["score"], units["tp-hai-duong"]["rank"]) == (85.86, 1)
    assert (units["nam-sach"]["score"], units["nam-sach"]["rank"]) == (85.86, 2)
    assert units["tp-hai-duong"]["tied"] and units["nam-sach"]["tied"]
    assert (units["chi-linh"]["rank"], units["chi-linh"]["previous_rank"]) == (3, 1)
    assert units["chi-linh"]["rank_change"] == -2
    assert (units["kinh-mon"]["rank"], units["kinh-mon"]["previous_rank"]) == (4, 2)
    assert units["ninh-giang"]["rank"] == 12
    assert sum(r["tied"] for r in records) == 2


def test_rank_2021_departments_json(capsys):
    _, out, _ = run(capsys, "rank", "--year", "2021", "--block", "department", "--format", "json")
    units = by_unit(json.loads(out))
    assert (units["so-gtvt"]["score"], units["so-gtvt"]["rank"]) == (91.53, 1)
    assert units["so-gtvt"]["previous_rank"] == 1
    assert (units["so-khcn"]["score"], units["so-khcn"]["rank"]) == (90.33, 2)


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_rank_other_formats(capsys, fmt):
    code, out, _ = run(
        capsys,
        "--data",
        str(MINIMAL),
        "rank",
        "--year",
        "2021",
        "--block",
        "district",
        "--format",
        fmt,
    )
    assert code == 0 and "Bắc Hà" in out
    if fmt == "table":
        assert "84,00" in out and "đồng điểm" in out


def test_console_script_runs_without_traceback(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "parviz.cli",
            "--data",
            str(tmp_path / "missing"),
            "rank",
            "--year",
            "2021",
            "--block",
            "district",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "PARVIZ_DATA" in result.stderr
