"""profile: history, criterion deltas, overtakers, strengths and weaknesses, the way up."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from parviz import breakdown, profile, ranking
from parviz.loading import load_dataset
from tests.helpers import SAMPLE


@cache
def sample():
    """Load the bundled sample once for this module (read-only)."""
    return load_dataset(SAMPLE)


CRITERIA = pd.DataFrame(
    {
        "year": [2020, 2020, 2021, 2021, 2021],
        "block": ["district"] * 5,
        "criterion_id": ["C1", "C2", "C1", "C2", "C3"],
        "parent_id": [None] * 5,
        "order": [1, 2, 1, 2, 3],
        "name_vi": ["Thể chế", "Thủ tục", "Thể chế", "Thủ tục", "Số"],
        "name_en": ["Institutions", "Procedures", "Institutions", "Procedures", "Digital"],
    }
)


def points_of(rows: list[tuple]) -> pd.DataFrame:
    """Return a criterion_points-shaped frame from (year, unit, criterion, points, max)."""
    frame = pd.DataFrame(rows, columns=["year", "unit_id", "criterion_id", "points", "max_points"])
    return frame.assign(block="district")


POINTS = points_of(
    [
        (2020, "a", "C1", 30.0, 40.0),
        (2020, "a", "C2", 50.0, 60.0),
        (2021, "a", "C1", 28.0, 30.0),
        (2021, "a", "C2", 45.0, 50.0),
        (2021, "a", "C3", 15.0, 20.0),  # new criterion in 2021: 0 points in 2020
    ]
)


@pytest.mark.parametrize(
    ("previous_score", "score", "other"),
    [
        (80.0, 88.0, None),  # totals are the criterion sums
        (82.5, 91.0, 0.5),  # survey points: 0.5 of the change is not in the criteria
    ],
)
def test_criterion_deltas_sum_to_the_total_delta(previous_score, score, other) -> None:
    deltas = profile.criterion_deltas(
        POINTS,
        CRITERIA,
        unit_id="a",
        year=2021,
        previous_year=2020,
        score=score,
        previous_score=previous_score,
    )
    rows = deltas.rows.set_index("criterion_id")
    assert rows.loc["C1", "delta"] == pytest.approx(-2.0)
    assert rows.loc["C3", "delta"] == pytest.approx(15.0)
    assert rows.loc["C1", "pct_before"] == pytest.approx(75.0)
    assert rows.loc["C1", "pct_after"] == pytest.approx(28 / 30 * 100)
    assert rows["delta"].sum() == pytest.approx(score - previous_score)
    assert deltas.total_change == pytest.approx(score - previous_score)
    if other is None:
        assert profile.OTHER not in rows.index
    else:
        assert rows.loc[profile.OTHER, "delta"] == pytest.approx(other)


def test_criterion_deltas_say_which_year_has_no_criteria() -> None:
    only_2021 = POINTS[POINTS["year"] == 2021]
    deltas = profile.criterion_deltas(
        only_2021,
        CRITERIA,
        unit_id="a",
        year=2021,
        previous_year=2020,
        score=88.0,
        previous_score=80.0,
    )
    assert deltas.rows.empty
    assert deltas.missing_years == (2020,)


def test_criterion_deltas_add_up_for_every_sample_unit_and_year() -> None:
    dataset = sample()
    points = ranking.criterion_points(dataset)
    table = ranking.standings(dataset)
    # 2022 crosses the methodology change; 2021 has ties at the top of the district block.
    rows = table[table["previous_score"].notna() & table["year"].isin([2021, 2022])]
    assert len(rows) == 60
    for _, row in rows.iterrows():
        deltas = profile.deltas_of(points, dataset.table("criteria"), row)
        assert deltas.rows["delta"].sum() == pytest.approx(row["score_change"], abs=1e-9)


def standings_of(rows: list[tuple]) -> pd.DataFrame:
    """Return a standings-shaped frame from (unit, rank, previous_rank) for 2021."""
    frame = pd.DataFrame(rows, columns=["unit_id", "rank", "previous_rank"])
    frame["previous_rank"] = frame["previous_rank"].astype("Int64")
    return frame.assign(year=2021, block="district", short_name=frame["unit_id"].str.upper())


def test_overtakes_are_exactly_the_flipped_units() -> None:
    table = standings_of(
        [
            ("p", 1, 4),  # was below me, now above: passed me
            ("q", 2, 1),  # above both years
            ("me", 3, 2),
            ("r", 4, 3),  # was below... no: was above (3 < 2? no) → below both years
            ("s", 5, 5),
            ("t", 6, None),  # new: not counted
        ]
    )
    result = profile.overtakes(table, unit_id="me", year=2021)
    assert result[["unit_id", "direction"]].values.tolist() == [["p", "passed_by"]]

    climbing = standings_of([("a", 1, 1), ("me", 2, 5), ("b", 3, 2), ("c", 4, 3), ("d", 5, 4)])
    passed = profile.overtakes(climbing, unit_id="me", year=2021)
    assert passed["unit_id"].tolist() == ["b", "c", "d"]
    assert set(passed["direction"]) == {"passed"}


def test_overtakes_match_brute_force_on_the_sample() -> None:
    table = ranking.standings(sample())
    year_rows = table[(table["year"] == 2021) & (table["block"] == "district")]
    for _, me in year_rows.iterrows():
        expected = {
            o["unit_id"]
            for _, o in year_rows.iterrows()
            if o["unit_id"] != me["unit_id"]
            and (o["previous_rank"] - me["previous_rank"]) * (o["rank"] - me["rank"]) < 0
        }
        result = profile.overtakes(table, unit_id=me["unit_id"], year=2021)
        assert set(result["unit_id"]) == expected


def test_chi_linh_2021_is_passed_by_hai_duong_and_nam_sach() -> None:
    dataset = sample()
    result = profile.overtakes(ranking.standings(dataset), unit_id="chi-linh", year=2021)
    assert set(result["unit_id"]) == {"tp-hai-duong", "nam-sach"}
    assert set(result["direction"]) == {"passed_by"}
    decisive = profile.decisive_criteria(
        ranking.criterion_points(dataset),
        winner="nam-sach",
        loser="chi-linh",
        year=2021,
        previous_year=2020,
    )
    assert 1 <= len(decisive) <= 2


def test_decisive_criteria_compare_shares() -> None:
    points = points_of(
        [
            (2020, "w", "C1", 5.0, 10.0), (2020, "l", "C1", 5.0, 10.0),
            (2020, "w", "C2", 8.0, 10.0), (2020, "l", "C2", 6.0, 10.0),
            (2021, "w", "C1", 18.0, 20.0), (2021, "l", "C1", 10.0, 20.0),  # gap 0 → 40 points
            (2021, "w", "C2", 7.0, 10.0), (2021, "l", "C2", 6.0, 10.0),  # gap shrank
        ]
    )  # fmt: skip
    result = profile.decisive_criteria(points, winner="w", loser="l", year=2021, previous_year=2020)
    assert result == ["C1"]


SHARES = pd.DataFrame(
    {
        "unit_id": ["u"] * 4 + ["v"] * 4,
        "short_name": ["U"] * 4 + ["V"] * 4,
        "rank": [2] * 4 + [1] * 4,
        "criterion_id": ["C1", "C2", "C3", "C4"] * 2,
        "order": [1, 2, 3, 4] * 2,
        "name_vi": ["a", "b", "c", "d"] * 2,
        "name_en": ["a", "b", "c", "d"] * 2,
        "points": [9.0, 5.0, 7.0, 3.0, 8.0, 8.0, 8.0, 8.0],
        "max_points": [10.0] * 8,
    }
)


def shares_table() -> pd.DataFrame:
    points = SHARES[["unit_id", "criterion_id", "points", "max_points"]]
    ranks = SHARES[["unit_id", "short_name", "rank"]].drop_duplicates()
    criteria = SHARES[["criterion_id", "order", "name_vi", "name_en"]].drop_duplicates()
    return breakdown.shares(points, ranks, criteria)


def test_strengths_and_weaknesses_against_the_block() -> None:
    strengths, weaknesses = profile.strengths_and_weaknesses(shares_table(), "u")
    # averages 85, 65, 75, 55: differences +5, −15, −5, −25
    assert strengths["criterion_id"].tolist() == ["C1", "C3"]
    assert weaknesses["criterion_id"].tolist() == ["C4", "C2"]
    assert weaknesses["difference"].tolist() == pytest.approx([-25.0, -15.0])


def test_weaknesses_exist_when_the_unit_beats_the_block_everywhere() -> None:
    strengths, weaknesses = profile.strengths_and_weaknesses(shares_table(), "v", count=1)
    assert strengths["criterion_id"].tolist() == ["C4"]
    assert weaknesses["criterion_id"].tolist() == ["C1"]  # still above, but least so


def test_way_up_gaps_and_biggest_losses() -> None:
    ranks = pd.DataFrame(
        {"unit_id": ["v", "w", "u"], "rank": [1, 2, 3], "score": [90.0, 85.5, 80.0]}
    )
    plan = profile.way_up(ranks, shares_table(), "u", count=2)
    assert (plan.next_unit, plan.next_rank, plan.leader_unit) == ("w", 2, "v")
    assert plan.next_gap == pytest.approx(5.5)
    assert plan.leader_gap == pytest.approx(10.0)
    assert plan.losses["criterion_id"].tolist() == ["C4", "C2"]
    leader = profile.way_up(ranks, shares_table(), "v")
    assert leader.next_unit is None and leader.leader_gap is None


def test_history_marks_renames_and_unranked_years() -> None:
    table = pd.DataFrame(
        {
            "year": [2019, 2020, 2021, 2019, 2020, 2021],
            "block": ["district"] * 6,
            "unit_id": ["a", "a", "a", "b", "b", "b"],
            "rank": [2, 1, 3, 1, 2, 1],
            "units_ranked": [2, 2, 3, 2, 2, 3],
            "score": [80.0, 85.0, 84.0, 90.0, 80.0, 88.0],
            "index": [80.0, 85.0, 84.0, 90.0, 80.0, 88.0],
            "unit": ["Thị xã A", "Thành phố A", "Thành phố A", "B", "B", "B"],
            "short_name": ["A"] * 3 + ["B"] * 3,
            "rank_change": [None, 1, -2, None, -1, 1],
            "score_change": [None, 5.0, -1.0, None, -10.0, 8.0],
            "classification": [None] * 6,
        }
    )
    table = table[~((table["unit_id"] == "a") & (table["year"] == 2020))]  # a not ranked in 2020
    result = profile.history(table, "a")
    assert result["year"].tolist() == [2019, 2020, 2021]
    assert pd.isna(result.loc[1, "rank"])
    assert result["renamed"].tolist() == [False, False, True]


def test_chi_linh_history_goes_from_first_to_third() -> None:
    result = profile.history(ranking.standings(sample()), "chi-linh")
    ranks = dict(zip(result["year"], result["rank"]))
    assert (ranks[2020], ranks[2021]) == (1, 3)
    assert result.loc[result["renamed"], "year"].tolist() == [2019]


def test_sentences_in_both_languages() -> None:
    plan = profile.way_up(
        pd.DataFrame({"unit_id": ["v", "u"], "rank": [1, 2], "score": [90.0, 85.25]}),
        shares_table(),
        "u",
        count=1,
    )
    vi = profile.way_up_lines(plan, {"v": "Vê"}, "vi")
    en = profile.way_up_lines(plan, {"v": "Vee"}, "en")
    assert "4,75" in vi[0] and "Vê" in vi[0]
    assert "4.75" in en[0] and len(en) == 3


def test_overtake_lines_list_the_first_units_and_count_the_rest() -> None:
    dataset = sample()
    standings = ranking.standings(dataset)
    passes = profile.overtakes(standings, unit_id="chi-linh", year=2021)
    arguments = dict(
        points=ranking.criterion_points(dataset),
        criteria=dataset.table("criteria"),
        unit_id="chi-linh",
        year=2021,
        previous_year=2020,
        lang="vi",
    )
    every = profile.overtake_lines(passes, **arguments)
    assert len(every) == len(passes) == 2 and "Nam Sách" in " ".join(every)
    first = profile.overtake_lines(passes, **arguments, limit=1)
    assert first[0] == every[0]  # the same sentence, criteria included, from the narrowed rows
    assert first[1] == "… và 1 đơn vị khác."
    english = profile.overtake_lines(passes, **{**arguments, "lang": "en"}, limit=1)
    assert english[1] == "… plus 1 more."


def test_an_unknown_unit_has_an_empty_history_that_still_draws() -> None:
    from parviz.charts import profile as charts

    frame = profile.history(ranking.standings(sample()), "no-such-unit")
    assert frame.empty and {"renamed", "short_name", "units_ranked"} <= set(frame.columns)
    figure = charts.history(frame, "vi", title="Lịch sử")  # raised KeyError: 'renamed'
    assert len(figure.data) == 2
