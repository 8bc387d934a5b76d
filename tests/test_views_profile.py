"""views.profile: what the unit profile shows, from the dataset to a frozen dataclass."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest

from parviz import ranking
from parviz.i18n import t
from parviz.loading import load_dataset
from parviz.views import profile
from tests.helpers import SAMPLE, copy_minimal


@cache
def sample():
    """Load the bundled sample once for this module (read-only)."""
    return load_dataset(SAMPLE)


def totals_only(folder: Path):
    """Return the minimal dataset plus a 2022 that publishes totals only, without unit c."""
    with (folder / "methodology.csv").open("a", encoding="utf-8") as out:
        out.write("2022,district,100,,\n")
    with (folder / "results.csv").open("a", encoding="utf-8") as out:
        out.write("2022,a,88,,1,good,,,\n2022,b,86,,2,good,,,\n")
    return load_dataset(folder)


@pytest.mark.parametrize(("lang", "rank"), [("vi", "3/12"), ("en", "3 of 12")])
def test_chi_linh_2021_is_third_and_was_overtaken(lang: str, rank: str) -> None:
    shown = profile.build(sample(), year=2021, block="district", unit_id="chi-linh", lang=lang)
    assert dataclasses.is_dataclass(shown) and shown.ranked
    assert shown.unit_name == "UBND thành phố Chí Linh"
    assert shown.kpi["rank"] == t("profile.kpi.rank_of", lang, rank=3, n=12) == rank
    assert shown.change.previous_year == 2020 and shown.change.notice is None
    assert [f.data[0].type for f in (shown.history, shown.criteria.radar, shown.change.waterfall)] \
        == ["scatter", "scatterpolar", "waterfall"]  # fmt: skip
    text = "\n".join(shown.change.overtakes)
    assert "TP Hải Dương" in text and "Nam Sách" in text
    assert shown.criteria.strengths and shown.criteria.weaknesses and shown.way_up


def test_the_view_is_frozen() -> None:
    shown = profile.build(sample(), year=2021, block="district", unit_id="chi-linh", lang="en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.kpi = None  # type: ignore[misc]


def test_frames_passed_in_give_the_same_view() -> None:
    dataset = sample()
    own = profile.build(dataset, year=2021, block="district", unit_id="chi-linh", lang="vi")
    given = profile.build(
        dataset, year=2021, block="district", unit_id="chi-linh", lang="vi",
        standings=ranking.standings(dataset),
        ranks=ranking.rank(dataset, year=2021, block="district"),
    )  # fmt: skip
    assert given.kpi == own.kpi and given.change.overtakes == own.change.overtakes
    assert given.history.to_json() == own.history.to_json()


def test_first_scored_year_has_no_change(tmp_path: Path) -> None:
    dataset = load_dataset(copy_minimal(tmp_path))
    shown = profile.build(dataset, year=2020, block="district", unit_id="a", lang="en")
    assert shown.kpi["rank"] == t("profile.kpi.rank_of", "en", rank=1, n=3)
    assert shown.kpi["rank_delta"] is None
    assert shown.change.previous_year is None
    assert shown.change.notice.key == "profile.no_previous"
    assert shown.change.waterfall is None and shown.change.overtakes == ()


def test_a_totals_only_year_says_what_is_missing(tmp_path: Path) -> None:
    dataset = totals_only(copy_minimal(tmp_path))
    shown = profile.build(dataset, year=2022, block="district", unit_id="a", lang="vi")
    assert shown.criteria.radar is None and shown.criteria.strengths == ()
    assert shown.criteria.notice.key == "profile.only_totals"
    assert dict(shown.criteria.notice.params) == {"year": 2022}
    assert shown.criteria_notice == shown.criteria.notice and not shown.has_radar
    assert shown.change.previous_year == 2021 and shown.change.waterfall is None
    assert shown.change.notice.key == "profile.missing_years"
    assert dict(shown.change.notice.params) == {"years": "2022"}


def test_a_unit_not_ranked_that_year_keeps_its_history(tmp_path: Path) -> None:
    dataset = totals_only(copy_minimal(tmp_path))
    shown = profile.build(dataset, year=2022, block="district", unit_id="c", lang="vi")
    assert not shown.ranked and shown.criteria is None and shown.change is None
    assert shown.unit_name == "UBND huyện Cẩm Lộc"
    assert list(shown.history.data[0].x)  # the years it was ranked still draw


def test_the_tabs_parts_are_made_when_first_read_and_once(monkeypatch) -> None:
    # The page shows the radar and the waterfall in tabs of their own (#16): opening the
    # profile on its first tab must not wait for them.
    made = []
    for name in ("criteria_part", "change_part"):
        real = getattr(profile, name)
        monkeypatch.setattr(profile, name, lambda *a, _r=real, _n=name, **k: made.append(_n)
                            or _r(*a, **k))  # fmt: skip
    shown = profile.build(sample(), year=2021, block="district", unit_id="chi-linh", lang="vi")
    assert made == [] and shown.has_radar and shown.criteria_notice is None
    assert shown.criteria.radar is not None and made == ["criteria_part"]
    assert shown.change.waterfall is not None and made == ["criteria_part", "change_part"]
    assert shown.criteria is shown.criteria and shown.change is shown.change
    assert made == ["criteria_part", "change_part"]  # read again: not made again


def test_the_view_does_not_keep_its_dataset_alive(tmp_path: Path) -> None:
    # Views are kept in the dataset's own memo: a view holding the dataset would make a cycle
    # that only the cyclic collector frees, keeping an old large dataset after the data changed.
    import gc
    import weakref

    dataset = load_dataset(copy_minimal(tmp_path))
    gone = weakref.ref(dataset)
    shown = profile.build(dataset, year=2021, block="district", unit_id="a", lang="en")
    gc.disable()
    try:
        del dataset
        assert gone() is None and shown.ranked  # freed by its reference count alone
    finally:
        gc.enable()
