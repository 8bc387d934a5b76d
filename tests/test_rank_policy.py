"""Issue #18, ranks that must not state something false: one rank policy per year and block,
ties on the value the rank compares, one lineage rule, streaks over unscored years."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from parviz import comparison, findings, ranking
from parviz.cli import main
from parviz.dataset import Dataset
from parviz.findings import render
from parviz.loading import load, load_dataset
from tests.helpers import with_table

BLOCKS = {"district": ("Cấp huyện", "Districts"), "commune": ("Cấp xã", "Communes")}
# A result row: (year, block, unit_id, total or None, official rank or None)
Row = tuple[int, str, str, float | None, int | None]


def write(
    folder: Path,
    rows: list[Row],
    *,
    predecessors: dict[str, str] | None = None,
    years: dict[str, list[int]] | None = None,
    maxima: dict[str, float] | None = None,
    units: dict[str, str] | None = None,
) -> Path:
    """Write a dataset of ``rows`` in up to two blocks (units named 'Đơn vị <ID>').

    ``years``: scored years of a block beyond those of its rows; ``units``: {unit: block} of
    units without rows (a predecessor's block is 'district' unless given here).
    """
    folder.mkdir(parents=True, exist_ok=True)
    predecessors, maxima = predecessors or {}, maxima or {}
    (folder / "metadata.csv").write_text("key,value\ntitle,Rank policy\nillustrative,true\n")
    (folder / "blocks.csv").write_text(
        "block,order,name_vi,name_en\n"
        + "".join(f"{b},{i},{vi},{en}\n" for i, (b, (vi, en)) in enumerate(BLOCKS.items()))
    )
    block_of = dict(units or {}) | {unit: block for _, block, unit, *_ in rows}
    listed = {p for ids in predecessors.values() for p in ids.split("|")}
    block_of.update({p: "district" for p in listed if p not in block_of})
    (folder / "units.csv").write_text(
        "unit_id,block,name,short_name,aliases,first_year,last_year,predecessor_ids,successor_ids\n"
        + "".join(
            f"{u},{b},Đơn vị {u.upper()},{u.upper()},,,,{predecessors.get(u, '')},\n"
            for u, b in sorted(block_of.items())
        ),
        encoding="utf-8",
    )
    scored = years or {}
    pairs = sorted({(y, b) for y, b, *_ in rows} | {(y, b) for b, ys in scored.items() for y in ys})
    (folder / "methodology.csv").write_text(
        "year,block,max_total,name,source_id\n"
        + "".join(f"{y},{b},{maxima.get(b, 100)},,\n" for y, b in pairs)
    )
    (folder / "results.csv").write_text(
        "year,unit_id,total,index_pct,rank,classification,band_id,survey_points,assessed_points\n"
        + "".join(f"{y},{u},{_cell(t)},,{_cell(r)},,,,\n" for y, _, u, t, r in rows)
    )
    return folder


def build(folder: Path, rows: list[Row], **options) -> Dataset:
    """Write and load a dataset of ``rows`` (see ``write``)."""
    return load_dataset(write(folder, rows, **options))


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def texts(dataset: Dataset, year: int, lang: str = "en") -> list[str]:
    return [render(f, dataset, lang) for f in findings.findings(dataset, year=year)]


# --- 1. partly published ranks ---------------------------------------------------------------

PARTLY_PUBLISHED = "year,unit_id,total,rank\n2021,a,90,1\n2021,b,85,\n2021,c,80,2\n"


def test_a_partly_published_rank_column_is_an_error_located_on_the_unranked_row(tmp_path):
    folder = with_table(tmp_path, "results", PARTLY_PUBLISHED)
    result = load(folder)
    assert result.dataset is None
    (problem,) = [p for p in result.problems if p.code == "partial_ranks"]
    assert (problem.file, problem.row, problem.column) == ("results.csv", 3, "rank")
    assert problem.is_error
    assert "Bắc Hà" in problem.render("vi") and "2021" in problem.render("en")


def test_validate_and_import_refuse_a_partly_published_rank_column(tmp_path, capsys):
    data = tmp_path / "D"
    assert main(["init", str(data), "--title", "T"]) == 0
    table = tmp_path / "t.csv"
    table.write_text("Đơn vị,Điểm,Xếp hạng\nSở A,90,1\nSở B,85,\nSở C,80,2\n", encoding="utf-8")
    code = main(
        ["--lang", "en", "--data", str(data), "import", str(table), "--year", "2021"]
        + ["--block", "department", "--create-units"]
    )
    out = capsys.readouterr()
    assert code == 1 and "no official rank" in out.out + out.err
    assert not (data / "results.csv").exists()


def test_one_policy_per_year_and_block(tmp_path):
    rows = [
        (2019, "district", "a", 90, 2),  # all published: as published, even against the score
        (2019, "district", "b", 85, 1),
        (2020, "district", "a", 90, None),  # none published: by score
        (2020, "district", "b", 85, None),
        (2021, "district", "a", 70, 3),  # all published, one rank without a score
        (2021, "district", "b", None, 1),
        (2021, "district", "c", 80, 2),
    ]
    table = ranking.standings(build(tmp_path / "d", rows)).set_index(["year", "unit_id"])
    assert table.loc[(2019, "a"), "rank"] == 2 and table.loc[(2019, "b"), "rank"] == 1
    assert set(table.loc[2019, "rank_policy"]) == {ranking.OFFICIAL}
    assert table.loc[(2020, "a"), "rank"] == 1 and table.loc[(2020, "b"), "rank"] == 2
    assert set(table.loc[2020, "rank_policy"]) == {ranking.COMPUTED}
    assert [table.loc[(2021, u), "rank"] for u in "abc"] == [3, 1, 2]
    assert table.loc[2021, "units_ranked"].tolist() == [3, 3, 3]


def test_a_partial_year_ranks_nobody_rather_than_two_units_second(tmp_path):
    # Loaded without validation, as a page would never see it: no rank is better than a false one.
    folder = with_table(tmp_path, "results", PARTLY_PUBLISHED)
    from parviz.loading import type_tables

    tables, origins, _ = type_tables(folder)
    table = ranking.standings(Dataset(tables, origins, folder))
    mine = table[table["year"] == 2021]
    assert mine["rank"].isna().all() and set(mine["rank_policy"]) == {ranking.PARTIAL}
    assert ranking.partial_ranks(Dataset(tables, origins, folder))["unit_id"].tolist() == ["b"]


# (unit, total, official rank or None, expected rank, expected tied), side by side
TIED_CASES = [
    # Computed: 85.004 and 85.001 are ranked apart, so they are not tied either.
    ([("a", 85.004, None), ("b", 85.001, None), ("c", 80, None)], [1, 2, 3], [False] * 3),
    # Computed: equal scores share the rank and are tied.
    ([("a", 85.86, None), ("b", 85.86, None), ("c", 80, None)], [1, 1, 3], [True, True, False]),
    # Official: equal published scores given different ranks stay visibly tied.
    ([("a", 85.86, 1), ("b", 85.86, 2), ("c", 80, 3)], [1, 2, 3], [True, True, False]),
]


@pytest.mark.parametrize(("results", "ranks", "tied"), TIED_CASES)
def test_tied_compares_the_value_the_rank_compares(tmp_path, results, ranks, tied):
    rows = [(2021, "district", u, total, rank) for u, total, rank in results]
    table = ranking.rank(build(tmp_path / "d", rows), year=2021, block="district")
    assert table["rank"].tolist() == ranks
    assert table["tied"].tolist() == tied


def test_a_tie_finding_never_joins_units_ranked_apart_by_parviz(tmp_path):
    rows = [(2021, "district", "a", 85.004, None), (2021, "district", "b", 85.001, None)]
    assert not [t for t in texts(build(tmp_path / "d", rows), 2021) if "share" in t]


# --- 2. lineage across blocks ----------------------------------------------------------------


def kinh_mon(tmp_path, *, block: str) -> Dataset:
    """km (a district, 1st in 2024) became p in ``block`` in 2025, where p is last."""
    rows = [(2024, "district", u, 95 - i, i + 1) for i, u in enumerate(["km", "x", "y", "z"])]
    later = ["q", "r", "s", "p"] if block == "commune" else ["q", "r", "p"]
    rows += [(2025, block, u, 95 - i, i + 1) for i, u in enumerate(later)]
    return build(tmp_path / block, rows, predecessors={"p": "km"})


def test_a_predecessor_in_another_block_makes_the_unit_new_everywhere(tmp_path):
    dataset = kinh_mon(tmp_path, block="commune")
    row = ranking.rank(dataset, year=2025, block="commune").set_index("unit_id").loc["p"]
    assert pd.isna(row["previous_rank"]) and pd.isna(row["previous_unit_id"])
    compared = comparison.compare_years(
        ranking.standings(dataset), dataset, block="commune", year_a=2024, year_b=2025
    ).set_index("unit_id")
    assert pd.isna(compared.loc["p", "rank_a"])
    said = " ".join(texts(dataset, 2025))
    assert "fell" not in said and "1st to 4th" not in said


def test_a_predecessor_in_the_same_block_is_followed_everywhere(tmp_path):
    dataset = kinh_mon(tmp_path, block="district")
    row = ranking.rank(dataset, year=2025, block="district").set_index("unit_id").loc["p"]
    assert (row["previous_rank"], row["previous_unit_id"]) == (1, "km")
    compared = comparison.compare_years(
        ranking.standings(dataset), dataset, block="district", year_a=2024, year_b=2025
    ).set_index("unit_id")
    assert compared.loc["p", "rank_a"] == 1
    assert any("Đơn vị P fell from 1st to 3rd" in t for t in texts(dataset, 2025))


def test_two_ranked_predecessors_make_a_new_unit(tmp_path):
    rows = [(2024, "district", "a", 90, 1), (2024, "district", "b", 80, 2)]
    rows += [(2025, "district", "m", 85, 1)]
    dataset = build(tmp_path / "d", rows, predecessors={"m": "a|b"})
    row = ranking.rank(dataset, year=2025, block="district").iloc[0]
    assert pd.isna(row["previous_rank"])
    compared = comparison.compare_years(
        ranking.standings(dataset), dataset, block="district", year_a=2024, year_b=2025
    )
    assert compared["rank_a"].isna().all()


# --- 3. streaks over unscored years ----------------------------------------------------------


def test_a_streak_over_an_unscored_year_says_the_year_is_missing(tmp_path):
    rows = [(y, "district", u, 90 - i, i + 1) for y in (2019, 2021) for i, u in enumerate("ab")]
    dataset = build(tmp_path / "d", rows)
    (streak,) = [f for f in findings.findings(dataset, year=2021) if f.kind == "streak"]
    assert streak.figures["streak"] == 2 and streak.figures["missing_years"] == [2020]
    en, vi = render(streak, dataset, "en"), render(streak, dataset, "vi")
    assert "second year running" not in en
    assert "2020" in en and "2019" in en and "2020" in vi and "2019" in vi


def test_a_streak_of_consecutive_years_names_no_missing_year(tmp_path):
    rows = [(y, "district", u, 90 - i, i + 1) for y in (2020, 2021) for i, u in enumerate("ab")]
    dataset = build(tmp_path / "d", rows)
    (streak,) = [f for f in findings.findings(dataset, year=2021) if f.kind == "streak"]
    assert streak.figures["missing_years"] == []
    assert render(streak, dataset, "en") == (
        "It is the second year running that Đơn vị A ranks first (since 2020)."
    )


def test_a_scored_year_without_ranks_breaks_the_streak(tmp_path):
    rows = [(y, "district", u, 90 - i, i + 1) for y in (2019, 2021) for i, u in enumerate("ab")]
    dataset = build(tmp_path / "d", rows, years={"district": [2019, 2020, 2021]})
    assert not [f for f in findings.findings(dataset, year=2021) if f.kind == "streak"]


def test_a_streak_follows_the_only_predecessor_in_the_block(tmp_path):
    rows = [(2020, "district", "a", 90, 1), (2020, "district", "b", 80, 2)]
    rows += [(2021, "district", "n", 90, 1), (2021, "district", "b", 80, 2)]
    dataset = build(tmp_path / "d", rows, predecessors={"n": "a"})
    found = findings.findings(dataset, year=2021)
    assert [f.figures["streak"] for f in found if f.kind == "streak"] == [2]
    assert not [f for f in found if f.kind == "first_time"]  # compared as "=" everywhere


def test_units_sharing_an_index_but_not_a_total_are_said_to_share_the_index(tmp_path):
    # 68.32 points of a unit's own maximum of 84 is the same 81.33% as 81.33 of 100.
    results = "year,unit_id,total,index_pct,rank\n2021,a,68.32,81.33,\n2021,b,81.33,81.33,\n"
    dataset = load_dataset(with_table(tmp_path, "results", results + "2021,c,70,70,\n"))
    table = ranking.rank(dataset, year=2021, block="district")
    assert table["rank"].tolist() == [1, 1, 3] and table["tied"].tolist() == [True, True, False]
    (tie,) = [f for f in findings.findings(dataset, year=2021) if f.kind == "tie"]
    assert tie.figures["score"] is None and tie.figures["index"] == 81.33
    assert render(tie, dataset, "en") == (
        "UBND huyện Bắc Hà and UBND thành phố An Bình share an index of 81.33%"
        " and are ranked joint 1st."
    )
    assert "chỉ số 81,33%" in render(tie, dataset, "vi")


def test_official_ranks_of_indexes_only_are_tied_on_the_index(tmp_path):
    results = "year,unit_id,total,index_pct,rank\n2021,a,,95.7,1\n2021,b,,95.7,2\n2021,c,,90,3\n"
    (folder := with_table(tmp_path, "results", results)).joinpath("scores.csv").write_text(
        "year,unit_id,criterion_id,points\n"
    )
    table = ranking.rank(load_dataset(folder), year=2021, block="district")
    assert table["rank"].tolist() == [1, 2, 3] and table["tied"].tolist() == [True, True, False]


def test_a_rank_against_the_scores_is_described_the_right_way_round(tmp_path):
    # c (85) is ranked 3rd, below b (80): the warning is on c and says so, in both languages.
    results = "year,unit_id,total,rank\n2021,a,90,1\n2021,b,80,2\n2021,c,85,3\n"
    problems = load(with_table(tmp_path, "results", results)).problems
    (problem,) = [p for p in problems if p.code == "rank_mismatch"]
    assert problem.params["unit"] == "c" and problem.params["rank"] == 3
    assert "below a unit with a lower score" in problem.render("en")
    assert "dưới một đơn vị có điểm thấp hơn" in problem.render("vi")


def test_the_findings_command_names_the_unscored_year_of_a_streak(tmp_path, capsys):
    data, table = tmp_path / "D", tmp_path / "t.csv"
    assert main(["init", str(data), "--title", "T"]) == 0
    table.write_text("Đơn vị,Điểm,Xếp hạng\nSở A,90,1\nSở B,85,2\n", encoding="utf-8")
    for year, extra in (("2019", ["--create-units"]), ("2021", [])):
        imported = ["--data", str(data), "import", str(table), "--year", year]
        assert main([*imported, "--block", "department", *extra]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "--data", str(data), "findings", "--year", "2021"]) == 0
    out = capsys.readouterr().out
    assert "second year running" not in out
    assert "second scored year running that Sở A ranks first (since 2019; 2020 had no" in out


def test_missing_ranks_that_follow_from_the_scores_are_completed_and_said(tmp_path):
    # A news table: "1. A 96,2"; then "B và C cùng đạt 95,7%" with no rank printed: both share
    # 2nd, the only ranks the published one allows. 90, –, 80 ranked 1, –, 2 stays an error.
    rows = [
        (2021, "district", "a", 96.2, 1),
        (2021, "district", "b", 95.7, None),
        (2021, "district", "c", 95.7, None),
        (2021, "district", "d", 90.1, 4),
    ]
    dataset = build(tmp_path / "d", rows)
    assert ranking.partial_ranks(dataset).empty
    table = ranking.standings(dataset).set_index("unit_id")
    assert [table.loc[u, "rank"] for u in "abcd"] == [1, 2, 2, 4]
    assert set(table["rank_policy"]) == {ranking.COMPLETED}
    assert table.loc[["b", "c"], "tied"].all() and not table.loc[["a", "d"], "tied"].any()
    said = texts(dataset, 2021)
    assert any("rank of Đơn vị B and Đơn vị C was not published" in s for s in said), said
    assert any("Đơn vị B and Đơn vị C" in s and "95.7" in s for s in said), said


def test_a_missing_rank_the_scores_contradict_stays_an_error(tmp_path):
    rows = [
        (2021, "district", "a", 96.2, 1),
        (2021, "district", "b", 95.7, None),
        (2021, "district", "c", 94.0, 2),  # the scores put c 3rd: no place for b
    ]
    dataset = Dataset(*load_tables(write(tmp_path / "d", rows)))
    assert set(ranking.standings(dataset)["rank_policy"]) == {ranking.PARTIAL}
    assert ranking.partial_ranks(dataset)["unit_id"].tolist() == ["b"]


def test_a_news_tie_without_ranks_imports_with_options_after_the_subcommand(tmp_path, capsys):
    data = tmp_path / "D"
    assert main(["init", str(data), "--title", "T"]) == 0
    table = tmp_path / "t.csv"
    table.write_text(
        "Đơn vị,Chỉ số (%),Xếp hạng\nSở A,\"96,2\",1\nSở B,\"95,7\",\nSở C,\"95,7\",\n",
        encoding="utf-8",
    )
    args = ["import", str(table), "--data", str(data), "--year", "2021"]
    assert main(args + ["--block", "department", "--create-units", "--lang", "en"]) == 0
    capsys.readouterr()
    rank = ["rank", "--data", str(data), "--year", "2021", "--block", "department"]
    assert main(rank + ["--format", "json"]) == 0
    ranks = {r["unit"]: (r["rank"], r["tied"]) for r in json.loads(capsys.readouterr().out)}
    assert ranks == {"Sở A": (1, False), "Sở B": (2, True), "Sở C": (2, True)}


def load_tables(folder: Path):
    from parviz.loading import type_tables

    tables, origins, _ = type_tables(folder)
    return tables, origins, folder
