"""`parviz findings`: JSON keys, text, block filter, language, data path and usage errors."""

from __future__ import annotations

import json
import subprocess
import sys

from parviz.cli import main
from tests.helpers import MINIMAL, ROOT, SAMPLE

KEYS = ["kind", "block", "year", "unit_ids", "text", "figures"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_records_have_the_keys_and_figures(capsys):
    code, out, _ = run(
        capsys, "--data", str(SAMPLE), "findings", "--year", "2021", "--format", "json"
    )
    records = json.loads(out)
    assert code == 0 and records
    assert all(list(record) == KEYS for record in records)
    assert {r["block"] for r in records} == {"department", "district"}
    leader = next(r for r in records if r["kind"] == "leader" and r["block"] == "department")
    assert leader["unit_ids"] == ["so-gtvt"] and leader["figures"]["score"] == 91.53
    assert leader["text"] == "Sở Giao thông vận tải dẫn đầu khối Sở, ban, ngành với 91,53 điểm."
    tie = next(r for r in records if r["kind"] == "tie")
    assert tie["figures"] == {"score": 85.86, "decimals": 2, "ranks": [1, 2], "same_rank": False}


def test_block_and_language_options(capsys):
    code, out, _ = run(
        capsys,
        "--data",
        str(SAMPLE),
        "findings",
        "--year",
        "2021",
        "--block",
        "district",
        "--lang",
        "en",
        "--format",
        "json",
    )
    records = json.loads(out)
    assert code == 0 and {r["block"] for r in records} == {"district"}
    fall = next(r for r in records if r["kind"] == "fall" and r["unit_ids"] == ["kinh-mon"])
    assert (
        fall["text"]
        == "Compared with 2020, UBND thị xã Kinh Môn fell from 2nd to 4th place (down 2)."
    )
    assert fall["figures"]["places"] == 2


def test_text_has_a_heading_per_block_and_the_illustrative_note(capsys):
    code, out, _ = run(capsys, "--data", str(SAMPLE), "findings", "--year", "2021")
    assert code == 0
    assert "Khối Sở, ban, ngành, năm 2021:" in out
    assert "- Sở Y tế xếp cuối khối với 75,47 điểm (hạng 18/18)." in out
    assert out.rstrip().endswith("(Dữ liệu minh họa, không phải số liệu chính thức.)")


def test_unknown_year_or_block_is_a_usage_error(capsys):
    code, _, err = run(capsys, "--data", str(SAMPLE), "findings", "--year", "1999")
    assert code == 2 and "1999" in err
    code, _, err = run(
        capsys, "--data", str(SAMPLE), "findings", "--year", "2021", "--block", "commune"
    )
    assert code == 2 and "commune" in err


def test_uses_parviz_data_like_other_commands(capsys, monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(MINIMAL))
    code, out, _ = run(capsys, "findings", "--year", "2021", "--format", "json")
    records = json.loads(out)
    assert code == 0
    assert next(r for r in records if r["kind"] == "leader")["unit_ids"] == ["a"]


def test_installed_command_runs():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "parviz.cli",
            "--data",
            str(SAMPLE),
            "findings",
            "--year",
            "2022",
            "--block",
            "district",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Note: the 2022 methodology differs from 2021" in result.stdout
