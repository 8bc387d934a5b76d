"""Ranks without scores: ranked as published, empty score, left out (and said so) elsewhere."""

from __future__ import annotations

import math

from parviz import breakdown, overview
from parviz.charts import ranking as charts
from parviz.loading import load_dataset
from parviz.ranking import rank, rank_records
from tests.helpers import with_table

RESULTS = "year,unit_id,total,index_pct,rank,classification,band_id,survey_points\n"
# 2021: a and b scored, c published with its rank only (a news table: "Cẩm Lộc rose to 3rd").
ROWS = "2021,a,84,,1,,,\n2021,b,80.5,,2,,,\n2021,c,,,3,,,\n"
SCORES = (
    "year,unit_id,criterion_id,points\n2021,a,C1,36\n2021,a,C2,48\n2021,b,C1,30\n2021,b,C2,50.5\n"
)


def partial(tmp_path):
    folder = with_table(tmp_path, "results", RESULTS + ROWS)
    (folder / "scores.csv").write_text(SCORES)
    return load_dataset(folder)


def test_a_rank_without_a_score_is_ranked_as_published(tmp_path):
    ranking = rank(partial(tmp_path), year=2021, block="district")
    assert ranking["unit_id"].tolist() == ["a", "b", "c"]
    assert ranking["rank"].tolist() == [1, 2, 3]
    assert math.isnan(ranking["score"].iloc[2]) and not ranking["tied"].iloc[2]
    assert [(r["score"], r["rank"]) for r in rank_records(ranking)][2] == (None, 3)


def test_averages_leave_it_out_and_say_so(tmp_path):
    dataset = partial(tmp_path)
    ranking = rank(dataset, year=2021, block="district")
    kpis = overview.block_kpis(ranking)
    assert kpis.average == (84 + 80.5) / 2 and kpis.unscored == 1
    figure = charts.ranking_bar(ranking, lang="en", block_name="Districts", source="S")
    notes = [a.text for a in figure.layout.annotations]
    assert any("Ranked without a score: 1" in n for n in notes)
    bars = [trace for trace in figure.data if trace.meta == "bars"][0]
    assert list(bars.y) == ["1. An Bình", "2. Bắc Hà", "3. Cẩm Lộc"]  # named, with no bar


def test_the_heatmap_lists_who_it_leaves_out(tmp_path):
    dataset = partial(tmp_path)
    table = breakdown.criterion_table(dataset, year=2021, block="district")
    assert sorted(set(table["unit_id"])) == ["a", "b"]
    assert breakdown.left_out(dataset, table, year=2021, block="district") == ["Cẩm Lộc"]


def test_sentences_about_a_rank_without_score_name_no_value(tmp_path):
    from parviz import findings

    dataset = partial(tmp_path)
    found = findings.findings(dataset, year=2021, block="district")
    (lowest,) = [f for f in found if f.kind == "lowest"]
    assert findings.render(lowest, dataset, "vi") == (
        "UBND huyện Cẩm Lộc xếp cuối khối (hạng 3/3; chỉ công bố thứ hạng, không có điểm)."
    )
    assert "–" not in " ".join(findings.texts(found, dataset, "en"))
    lines = overview.ranking_lines(rank(dataset, year=2021, block="district"), "en")
    assert lines[2] == "3. Cẩm Lộc: no score (–)"


def test_the_way_up_gives_no_gap_without_a_score(tmp_path):
    from parviz import profile

    dataset = partial(tmp_path)
    ranking = rank(dataset, year=2021, block="district")
    table = breakdown.criterion_table(dataset, year=2021, block="district")
    names = dict(zip(ranking["unit_id"], ranking["short_name"]))
    lines = profile.way_up_lines(profile.way_up(ranking, table, "c"), names, "en")
    assert (
        lines[0]
        == "Only a rank was published for this unit, no score: no gap in points can be given."
    )
    lines = profile.way_up_lines(profile.way_up(ranking, table, "b"), names, "vi", 1)
    assert lines[:2] == [
        "Cần thêm **3,5** điểm để bằng đơn vị hạng 1 (An Bình).",
        "Cần thêm **3,5** điểm để bằng đơn vị dẫn đầu (An Bình).",
    ]
