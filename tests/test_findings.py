"""Key findings: each rule on literal tables, the 2021 acceptance facts, golden text, the UI."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parviz import findings, i18n
from parviz.commands.findings import text_report
from parviz.dataset import Dataset
from parviz.findings import Finding, render
from parviz.loading import load_dataset
from tests.helpers import ROOT, SAMPLE

GOLDEN = ROOT / "tests" / "golden"
HEADERS = {
    "metadata": "key,value\ntitle,Findings test\nillustrative,true\n",
    "blocks": "block,order,name_vi,name_en\ndistrict,1,Cấp huyện,Districts\n",
}

# A result row: (year, unit_id, total, official rank or None, classification or None, band)
Row = tuple[int, str, float | None, int | None, str | None, str | None]


def build(
    folder: Path,
    rows: list[Row],
    *,
    years: list[int] | None = None,
    criteria: str = "",
    scores: str = "",
    bands: str = "",
    unit_names: str = "",
) -> Dataset:
    """Write a one-block dataset (block 'district', maximum 100) and load it like any other."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in HEADERS.items():
        (folder / f"{name}.csv").write_text(content, encoding="utf-8")
    units = sorted({unit for _, unit, *_ in rows})
    (folder / "units.csv").write_text(
        "unit_id,block,name,short_name,aliases,first_year,last_year,predecessor_ids,successor_ids\n"
        + "".join(f"{u},district,Đơn vị {u.upper()},{u.upper()},,,,,\n" for u in units),
        encoding="utf-8",
    )
    scored = years if years is not None else sorted({year for year, *_ in rows})
    (folder / "methodology.csv").write_text(
        "year,block,max_total,name,source_id,decimals\n"  # published with two decimals
        + "".join(f"{y},district,100,,,2\n" for y in scored)
    )
    (folder / "results.csv").write_text(
        "year,unit_id,total,index_pct,rank,classification,band_id,survey_points,assessed_points\n"
        + "".join(
            f"{y},{u},{_cell(total)},,{_cell(rank)},{_cell(cls)},{_cell(band)},,\n"
            for y, u, total, rank, cls, band in rows
        ),
        encoding="utf-8",
    )
    optional = {"criteria": criteria, "scores": scores, "bands": bands, "unit_names": unit_names}
    for name, content in optional.items():
        if content:
            (folder / f"{name}.csv").write_text(content, encoding="utf-8")
    return load_dataset(folder)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def ranked_rows(year: int, order: str, *, start: float = 90.0) -> list[Row]:
    """Return rows of ``year`` where the letters of ``order`` rank 1, 2, 3… (2 points apart)."""
    return [(year, u, start - 2 * i, i + 1, None, None) for i, u in enumerate(order)]


def kinds(found: list[Finding], kind: str) -> list[Finding]:
    return [f for f in found if f.kind == kind]


# --- each rule on literal tables ------------------------------------------------------------

# (ranks of unit a per year, scored years, expected streak in the last year), side by side
STREAK_CASES = [
    ("bab a", [2018, 2019, 2020, 2021], 0),  # a is second in 2021: no leader streak
    ("bab", [2018, 2019, 2020], 0),
    ("baa", [2018, 2019, 2020], 2),
    ("aaa", [2018, 2019, 2020], 3),
    ("aa", [2019, 2021], 2),  # 2020 not scored at all: counted through, the finding names it
]


@pytest.mark.parametrize(("leaders", "years", "expected"), STREAK_CASES)
def test_streak_counts_consecutive_first_places(tmp_path, leaders, years, expected):
    leaders = leaders.replace(" ", "")
    rows = []
    for year, leader in zip(years, leaders):
        rows += ranked_rows(year, leader + ("b" if leader == "a" else "a") + "c")
    found = findings.findings(build(tmp_path / "d", rows), year=years[-1])
    streaks = {f.unit_ids[0]: f.figures["streak"] for f in kinds(found, "streak")}
    assert streaks.get("a", 0) == expected


def test_streak_breaks_on_a_scored_year_without_the_unit(tmp_path):
    rows = ranked_rows(2019, "abc") + ranked_rows(2020, "bc") + ranked_rows(2021, "abc")
    found = findings.findings(build(tmp_path / "d", rows), year=2021)
    assert kinds(found, "streak") == []
    assert kinds(found, "leader")[0].unit_ids == ("a",)


def test_streak_start_year_and_sentence(tmp_path):
    rows = ranked_rows(2019, "bac") + ranked_rows(2020, "abc") + ranked_rows(2021, "acb")
    dataset = build(tmp_path / "d", rows)
    (streak,) = kinds(findings.findings(dataset, year=2021), "streak")
    assert streak.figures == {"streak": 2, "start_year": 2020, "missing_years": []}
    assert render(streak, dataset, "vi") == (
        "Đây là năm thứ hai liên tiếp Đơn vị A dẫn đầu khối (từ năm 2020)."
    )
    assert "second year running" in render(streak, dataset, "en")


# (orders per year 2016..2021, expected runner_up figures beyond the score in 2021)
RUNNER_UP_CASES = [
    (["abc", "acb", "acb", "acb", "acb", "abc"], {"first_time": True, "since_year": 2016}),
    (["abc", "acb", "acb", "acb", "abc", "abc"], {}),  # second the year before: no news
    (
        ["acb", "acb", "acb", "acb", "acb", "abc"],
        {"first_time": True, "since_year": None, "from_year": 2016},
    ),
    (["abc"], {}),  # nothing to compare with
]


@pytest.mark.parametrize(("orders", "expected"), RUNNER_UP_CASES)
def test_runner_up_first_time_since_looks_over_all_ranked_years(tmp_path, orders, expected):
    rows = [
        row
        for i, order in enumerate(orders)
        for row in ranked_rows(2021 - len(orders) + 1 + i, order)
    ]
    found = findings.findings(build(tmp_path / "d", rows), year=2021)
    (runner_up,) = kinds(found, "runner_up")
    assert runner_up.unit_ids == ("b",)
    extra = {
        k: v
        for k, v in runner_up.figures.items()
        if k in ("first_time", "since_year", "from_year")
    }
    assert extra == expected


def test_runner_up_first_time_since_sentence(tmp_path):
    rows = ranked_rows(2016, "abc") + ranked_rows(2020, "acb") + ranked_rows(2021, "abc")
    dataset = build(tmp_path / "d", rows)
    (runner_up,) = kinds(findings.findings(dataset, year=2021), "runner_up")
    assert render(runner_up, dataset, "vi") == (
        "Đơn vị B xếp thứ hai với 88,00 điểm, lần đầu tiên kể từ năm 2016."
    )
    assert render(runner_up, dataset, "en") == (
        "Đơn vị B is second with 88.00 points, for the first time since 2016."
    )


def test_runner_up_never_second_before_says_first_time_from_the_first_year(tmp_path):
    rows = ranked_rows(2016, "acb") + ranked_rows(2020, "acb") + ranked_rows(2021, "abc")
    dataset = build(tmp_path / "d", rows)
    (runner_up,) = kinds(findings.findings(dataset, year=2021), "runner_up")
    assert render(runner_up, dataset, "vi") == (
        "Đơn vị B xếp thứ hai với 88,00 điểm, lần đầu tiên từ năm 2016 đến nay."
    )
    assert render(runner_up, dataset, "en") == (
        "Đơn vị B is second with 88.00 points, the first time since 2016."
    )


def test_first_time_leader(tmp_path):
    rows = ranked_rows(2019, "abc") + ranked_rows(2020, "bac") + ranked_rows(2021, "cab")
    found = findings.findings(build(tmp_path / "d", rows), year=2021)
    (first,) = kinds(found, "first_time")
    assert first.unit_ids == ("c",) and first.figures["since_year"] is None


def test_tie_broken_by_official_ranks_says_both_ranks(tmp_path):
    rows = [(2021, "a", 85.86, 1, None, None), (2021, "b", 85.86, 2, None, None)]
    rows.append((2021, "c", 80.0, 3, None, None))
    dataset = build(tmp_path / "d", rows)
    (tie,) = kinds(findings.findings(dataset, year=2021), "tie")
    assert tie.unit_ids == ("a", "b")
    assert tie.figures == {"score": 85.86, "decimals": 2, "ranks": [1, 2], "same_rank": False}
    assert render(tie, dataset, "vi") == (
        "Đơn vị A và Đơn vị B cùng đạt 85,86 điểm, xếp thứ 1 và 2."
    )
    assert "ranked 1st and 2nd" in render(tie, dataset, "en")


def test_tie_without_official_ranks_shares_the_place(tmp_path):
    rows = [(2021, "a", 90.0, None, None, None), (2021, "b", 85.5, None, None, None)]
    rows.append((2021, "c", 85.5, None, None, None))
    dataset = build(tmp_path / "d", rows)
    (tie,) = kinds(findings.findings(dataset, year=2021), "tie")
    assert tie.figures["ranks"] == [2, 2] and tie.figures["same_rank"]
    assert render(tie, dataset, "vi").endswith("cùng đạt 85,50 điểm, đồng hạng 2.")


def test_no_tie_when_totals_differ(tmp_path):
    found = findings.findings(build(tmp_path / "d", ranked_rows(2021, "abc")), year=2021)
    assert kinds(found, "tie") == []


def test_lowest_is_the_last_rank_and_needs_two_units(tmp_path):
    dataset = build(tmp_path / "d", ranked_rows(2021, "abc"))
    (lowest,) = kinds(findings.findings(dataset, year=2021), "lowest")
    assert lowest.unit_ids == ("c",)
    assert render(lowest, dataset, "vi") == "Đơn vị C xếp cuối khối với 86,00 điểm (hạng 3/3)."
    alone = build(tmp_path / "e", ranked_rows(2021, "a"))
    assert kinds(findings.findings(alone, year=2021), "lowest") == []


# 2020 order, 2021 order, expected (unit, kind, previous rank, rank) reported
MOVE_CASES = [
    ("abcdefgh", "cabdefgh", [("c", "rise", 3, 1), ("a", "fall", 1, 2), ("b", "fall", 2, 3)]),
    # outside the top three only the largest moves are reported: h up 3, e down 3
    ("abcdefgh", "abchfgde", [("h", "rise", 8, 4), ("d", "fall", 4, 7), ("e", "fall", 5, 8)]),
    ("abcdefgh", "abcdefgh", []),
]


@pytest.mark.parametrize(("before", "after", "expected"), MOVE_CASES)
def test_rises_and_falls(tmp_path, before, after, expected):
    rows = ranked_rows(2020, before) + ranked_rows(2021, after)
    found = findings.findings(build(tmp_path / "d", rows), year=2021)
    moved = [
        (f.unit_ids[0], f.kind, f.figures["previous_rank"], f.figures["rank"])
        for f in found
        if f.kind in ("rise", "fall")
    ]
    assert moved == expected


def test_fall_sentence_from_first_to_third(tmp_path):
    rows = ranked_rows(2020, "abcd") + ranked_rows(2021, "bdac")
    dataset = build(tmp_path / "d", rows)
    fall = next(f for f in findings.findings(dataset, year=2021) if f.unit_ids == ("a",))
    fall = next(f for f in findings.findings(dataset, year=2021) if f.kind == "fall")
    assert fall.unit_ids == ("a",) and fall.figures["places"] == 2
    assert render(fall, dataset, "vi") == (
        "So với năm 2020, Đơn vị A giảm 2 bậc, từ hạng 1 xuống hạng 3."
    )
    assert render(fall, dataset, "en") == (
        "Compared with 2020, Đơn vị A fell from 1st to 3rd place (down 2)."
    )


def test_no_move_when_the_unit_was_not_ranked_the_year_before(tmp_path):
    rows = ranked_rows(2020, "bc") + ranked_rows(2021, "abc")
    found = findings.findings(build(tmp_path / "d", rows), year=2021)
    assert all("a" not in f.unit_ids for f in found if f.kind in ("rise", "fall"))


def test_moves_follow_a_rename(tmp_path):
    names = "unit_id,from_year,name,short_name\na,2020,Thị xã A,A\na,2021,Thành phố A,A\n"
    rows = ranked_rows(2020, "bac") + ranked_rows(2021, "abc")
    dataset = build(tmp_path / "d", rows, unit_names=names)
    (rise,) = kinds(findings.findings(dataset, year=2021), "rise")
    assert render(rise, dataset, "vi").startswith("So với năm 2020, Thành phố A tăng 1 bậc")


CRITERIA = "year,block,criterion_id,parent_id,order,name_vi,name_en,max_points\n"


def test_methodology_change_is_mentioned_only_when_maxima_differ(tmp_path):
    same = CRITERIA + "".join(
        f"{y},district,C1,,1,Thể chế,Institutions,40\n{y},district,C2,,2,Thủ tục,Procedures,60\n"
        for y in (2020, 2021)
    )
    rows = ranked_rows(2020, "abc") + ranked_rows(2021, "bac")
    unchanged = findings.findings(build(tmp_path / "d", rows, criteria=same), year=2021)
    assert kinds(unchanged, "methodology_change") == []
    changed = same.replace(
        "2021,district,C1,,1,Thể chế,Institutions,40", "2021,district,C1,,1,Thể chế,Institutions,50"
    )
    changed = changed.replace(
        "2021,district,C2,,2,Thủ tục,Procedures,60", "2021,district,C2,,2,Thủ tục,Procedures,50"
    )
    dataset = build(tmp_path / "e", rows, criteria=changed)
    (note,) = kinds(findings.findings(dataset, year=2021), "methodology_change")
    assert note.figures == {"previous_year": 2020, "changed": ["C1", "C2"]}
    assert "bộ chỉ số năm 2021 khác năm 2020 (thay đổi: C1, C2)" in render(note, dataset, "vi")


def test_band_and_classification_counts(tmp_path):
    bands = (
        "year,block,band_id,order,name_vi,name_en,min_index,min_criterion_pct\n"
        "2021,district,A,1,Từ 90% trở lên,90% and above,90,\n"
        "2021,district,B,2,Dưới 90%,Under 90%,0,\n"
    )
    rows = [
        (2021, "a", 92.0, 1, "excellent", "A"),
        (2021, "b", 85.0, 2, "good", "B"),
        (2021, "c", 70.0, 3, "good", "B"),
    ]
    dataset = build(tmp_path / "d", rows, bands=bands)
    found = findings.findings(dataset, year=2021)
    (band,) = kinds(found, "band_counts")
    assert band.figures == {"counts": {"A": 1, "B": 2}}
    assert render(band, dataset, "vi") == (
        "Theo mức đạt được: Từ 90% trở lên: 1 đơn vị; Dưới 90%: 2 đơn vị."
    )
    (heads,) = kinds(found, "classification_counts")
    assert heads.figures == {"counts": {"excellent": 1, "good": 2, "completed": 0}}
    assert render(heads, dataset, "vi").endswith(
        "1 hoàn thành xuất sắc nhiệm vụ, 2 hoàn thành tốt nhiệm vụ và 0 hoàn thành nhiệm vụ."
    )


def test_no_counts_without_bands_or_classifications(tmp_path):
    found = findings.findings(build(tmp_path / "d", ranked_rows(2021, "ab")), year=2021)
    assert kinds(found, "band_counts") == [] and kinds(found, "classification_counts") == []


def test_criterion_best_and_worst_by_average_share(tmp_path):
    criteria = CRITERIA + "2021,district,C1,,1,Thể chế,Institutions,40\n"
    criteria += "2021,district,C2,,2,Thủ tục,Procedures,60\n"
    scores = "year,unit_id,criterion_id,points\n" + (
        "2021,a,C1,36\n2021,a,C2,30\n2021,b,C1,32\n2021,b,C2,42\n"
    )  # C1: 90% and 80% (mean 85%); C2: 50% and 70% (mean 60%)
    rows = [(2021, "a", None, None, None, None), (2021, "b", None, None, None, None)]
    dataset = build(tmp_path / "d", rows, criteria=criteria, scores=scores)
    found = findings.findings(dataset, year=2021)
    assert kinds(found, "criterion_best")[0].figures == {"criterion_id": "C1", "mean_pct": 85.0}
    assert kinds(found, "criterion_worst")[0].figures == {"criterion_id": "C2", "mean_pct": 60.0}
    assert "Thủ tục (60,00% số điểm tối đa)" in render(
        kinds(found, "criterion_worst")[0], dataset, "vi"
    )
    mine = findings.unit_findings(dataset, "a", year=2021)
    best = next(f for f in mine if f.kind == "criterion_best")
    assert render(best, dataset, "vi") == (
        "Lĩnh vực mạnh nhất của Đơn vị A là Thể chế: 36,00/40 điểm (90,00%)."
    )


def test_unit_findings_are_about_the_unit(tmp_path):
    rows = ranked_rows(2020, "abc") + ranked_rows(2021, "cab")
    dataset = build(tmp_path / "d", rows)
    mine = findings.unit_findings(dataset, "a", year=2021)
    assert [f.kind for f in mine] == ["position", "runner_up", "fall"]
    assert all(f.unit_ids == ("a",) for f in mine)
    assert render(mine[0], dataset, "vi") == (
        "Năm 2021, Đơn vị A xếp hạng 2/3 trong khối Cấp huyện với 88,00 điểm (năm 2020: hạng 1)."
    )
    assert findings.unit_findings(dataset, "zz", year=2021) == []


def test_findings_are_frozen_and_json_ready(tmp_path):
    dataset = build(tmp_path / "d", ranked_rows(2020, "abc") + ranked_rows(2021, "cab"))
    found = findings.findings(dataset, year=2021)
    with pytest.raises(AttributeError):
        found[0].kind = "other"  # type: ignore[misc]
    record = found[0].record("text")
    assert list(record) == ["kind", "block", "year", "unit_ids", "text", "figures"]
    import json

    json.dumps([f.record(render(f, dataset, "vi")) for f in found])


def test_every_kind_has_a_sentence_in_both_languages(tmp_path):
    dataset = load_dataset(SAMPLE)
    seen = set()
    for year in (2021, 2022):  # between them every kind occurs
        for unit in ("so-gtvt", "nam-sach"):
            for f in findings.findings(dataset, year=year) + findings.unit_findings(
                dataset, unit, year=year
            ):
                seen.add(f.kind)
                for lang in i18n.LANGUAGES:
                    text = render(f, dataset, lang)
                    assert text and "{" not in text and "None" not in text
    many_ties = build(tmp_path / "ties", many_tie_rows(findings.TIE_GROUPS + 1))
    graded = graded_dataset(tmp_path / "graded")
    for other in (many_ties, graded):
        for f in findings.findings(other, year=2021):
            seen.add(f.kind)
            for lang in i18n.LANGUAGES:
                assert "{" not in render(f, other, lang)
    assert seen == set(findings.KINDS)


def graded_dataset(folder: Path) -> Dataset:
    """Return a fresh dataset with one graded table imported (Huế 2021's three grades)."""
    from parviz.importing import ImportOptions, import_table
    from parviz.storage import init_dataset

    init_dataset(folder, "Huế", "")
    table = "Tên cơ quan,Tổng điểm,Xếp loại\nSở A,97.685,Xuất sắc\nSở B,91.5,Tốt\nSở C,88.25,Tốt\n"
    options = ImportOptions(year=2021, block="department", create_units=True)
    assert import_table(folder, table.encode(), "t.csv", options).written
    return load_dataset(folder)


def test_grade_counts_in_scale_order(tmp_path):
    dataset = graded_dataset(tmp_path / "g")
    (found,) = kinds(findings.findings(dataset, year=2021), "grade_counts")
    assert found.figures == {"counts": {"xuat-sac": 1, "tot": 2}}
    assert render(found, dataset, "vi") == (
        "Xếp loại công tác cải cách hành chính: Xuất sắc: 1 đơn vị; Tốt: 2 đơn vị."
    )
    assert render(found, dataset, "en") == "Grades of PAR work: Excellent: 1; Good: 2."


def many_tie_rows(groups: int) -> list[Row]:
    """Return 2021 rows: a leader, then ``groups`` pairs of tied units (a1 = a2 = 90, b1...)."""
    rows: list[Row] = [(2021, "top", 99.0, None, None, None)]
    for index in range(groups):
        letter = "abcdefghijklmnop"[index]
        rows += [(2021, f"{letter}{n}", 90.0 - index, None, None, None) for n in (1, 2)]
    return rows


def test_ties_beyond_the_first_groups_are_counted_not_listed(tmp_path):
    dataset = build(tmp_path / "d", many_tie_rows(findings.TIE_GROUPS + 3))
    found = findings.findings(dataset, year=2021)
    ties = kinds(found, "tie")
    assert [tie.unit_ids for tie in ties] == [(f"{c}1", f"{c}2") for c in "abcde"]
    (others,) = kinds(found, "tie_others")
    assert others.figures == {"groups": 3, "units": 6}
    assert render(others, dataset, "vi") == "Ngoài ra còn 3 nhóm khác đồng điểm (6 đơn vị)."
    assert render(others, dataset, "en") == "3 more groups of units share a total (6 units)."
    assert [f.kind for f in found].index("tie_others") == [f.kind for f in found].index("tie") + 5


def test_as_many_tie_groups_as_listed_need_no_count(tmp_path):
    found = findings.findings(build(tmp_path / "d", many_tie_rows(findings.TIE_GROUPS)), year=2021)
    assert len(kinds(found, "tie")) == findings.TIE_GROUPS and not kinds(found, "tie_others")


def test_findings_messages_have_both_languages_and_the_same_placeholders():
    keys = [key for key in i18n.catalog() if key.startswith("findings.")]
    assert keys
    for key in keys:
        entry = i18n.catalog()[key]
        assert set(entry) == {"vi", "en"}, key
        fields = [
            {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in entry
        ]
        assert fields[0] == fields[1], key


# --- the published facts of 2021 (docs/published-facts.md) ----------------------------------


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_dataset(SAMPLE)


def sentences(dataset: Dataset, year: int, block: str, lang: str) -> str:
    return "\n".join(
        findings.texts(findings.findings(dataset, year=year, block=block), dataset, lang)
    )


def test_2021_departments_state_the_published_facts(sample):
    text = sentences(sample, 2021, "department", "vi")
    assert "Sở Giao thông vận tải dẫn đầu khối Sở, ban, ngành với 91,53 điểm." in text
    assert "Đây là năm thứ hai liên tiếp Sở Giao thông vận tải dẫn đầu khối" in text
    assert (
        "Sở Khoa học và Công nghệ xếp thứ hai với 90,33 điểm, lần đầu tiên từ năm 2016 đến nay."
        in text
    )
    assert "Sở Y tế xếp cuối khối" in text
    assert (
        "2 hoàn thành xuất sắc nhiệm vụ, 14 hoàn thành tốt nhiệm vụ và 2 hoàn thành nhiệm vụ"
        in text
    )


def test_2021_districts_state_the_published_facts(sample):
    text = sentences(sample, 2021, "district", "vi")
    assert (
        "UBND thành phố Hải Dương và UBND huyện Nam Sách cùng đạt 85,86 điểm, xếp thứ 1 và 2."
        in text
    )
    assert "UBND thành phố Chí Linh giảm 2 bậc, từ hạng 1 xuống hạng 3." in text
    assert "UBND thị xã Kinh Môn giảm 2 bậc, từ hạng 2 xuống hạng 4." in text
    assert "UBND huyện Ninh Giang xếp cuối khối" in text
    assert (
        "0 hoàn thành xuất sắc nhiệm vụ, 8 hoàn thành tốt nhiệm vụ và 4 hoàn thành nhiệm vụ" in text
    )


def test_vietnamese_text_uses_the_decimal_comma(sample):
    text = sentences(sample, 2021, "department", "vi")
    assert not re.search(r"\d\.\d", text)
    assert "91.53" in sentences(sample, 2021, "department", "en")


# --- golden text (regenerate with scripts/make_golden.py) -----------------------------------


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_golden_text_2021(sample, lang):
    golden = (GOLDEN / f"findings_2021_{lang}.txt").read_text(encoding="utf-8")
    found = findings.findings(sample, year=2021)
    assert text_report(sample, found, sample.blocks, 2021, lang) + "\n" == golden


# --- the Overview page ----------------------------------------------------------------------


def test_overview_shows_the_findings_with_copyable_text(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params.update({"year": "2021", "block": "department", "lang": "vi"})
    at.run()
    assert not at.exception and not at.error
    markdown = "\n".join(m.value for m in at.markdown)
    assert "Sở Giao thông vận tải dẫn đầu khối Sở, ban, ngành với 91,53 điểm." in markdown
    assert any(h.value == "Nhận định chính" for h in at.subheader)
    assert not at.code  # the copy text is drawn once its expander opens: no highlighter to load
    at.session_state["findings-department-2021-copy"] = True  # the visitor opens the expander
    at.run()
    copied = [c.value for c in at.code]
    assert any(
        c.startswith("Khối Sở, ban, ngành, năm 2021:\n- ") and "từ năm 2016 đến nay" in c
        for c in copied
    )


def test_profile_shows_the_findings_about_the_unit(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params.update({"year": "2021", "block": "district", "unit": "chi-linh"})
    at.run()
    at.switch_page("pages/profile.py").run()
    assert not at.exception and not at.error
    markdown = "\n".join(m.value for m in at.markdown)
    assert "UBND thành phố Chí Linh giảm 2 bậc, từ hạng 1 xuống hạng 3." in markdown
    at.session_state["findings-unit-chi-linh-2021-copy"] = True  # the expander opened
    at.run()
    assert [c for c in at.code if "Chí Linh" in c.value]
    assert all("Nam Sách" not in c.value for c in at.code)
