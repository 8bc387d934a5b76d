"""The unit profile's view model: why a unit is where it is, and what it needs to climb.

Made of ``parviz.profile`` (history, criterion changes, overtakes, strengths, the way up),
``parviz.breakdown`` and the profile charts. The storyline's spotlight slide shows a part of the
same (the radar's series, the unit's findings) from ``parviz.profile`` directly.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from parviz import breakdown, comparison, components, precision, profile, ranking
from parviz.charts import profile as charts
from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.views import Notice, notice, ranks_of


@dataclass(frozen=True)
class Criteria:
    """The criterion part of a ranked unit's profile (radar, strengths and weaknesses)."""

    radar: go.Figure | None = None  # None: the year has only totals (see ``notice``)
    notice: Notice | None = None
    strengths: tuple[str, ...] = ()
    weaknesses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """The change since the previous scored year: waterfall and who was overtaken."""

    previous_year: int | None
    notice: Notice | None = None  # no previous year, or years without criterion points
    methodology_changed: bool = False
    waterfall: go.Figure | None = None
    overtakes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfileView:
    """What the profile of one unit in one year shows (lines are Markdown, data escaped).

    ``criteria`` and ``change`` are made when first read, once (#16): the page shows each in a
    tab of its own, and a visitor who opens only the first tab does not wait for the others.
    """

    unit_name: str
    history: go.Figure
    kpi: dict[str, str | None] | None = None  # None: the unit was not ranked that year
    components: str | None = None  # the total's published split (appraisal + survey)
    way_up: tuple[str, ...] = ()
    criteria_notice: Notice | None = None  # the year has no points per criterion: why
    make_criteria: Callable[[], Criteria] | None = field(default=None, repr=False)
    make_change: Callable[[], Change] | None = field(default=None, repr=False)

    @property
    def ranked(self) -> bool:
        """Return True when the unit was ranked in the year shown."""
        return self.kpi is not None

    @property
    def has_radar(self) -> bool:
        """Return True when the year has points per criterion (a radar to show)."""
        return self.ranked and self.criteria_notice is None

    @cached_property
    def criteria(self) -> Criteria | None:
        """Return the radar, strengths and weaknesses (None when not ranked), made once."""
        return None if self.make_criteria is None else self.make_criteria()

    @cached_property
    def change(self) -> Change | None:
        """Return the waterfall since the previous year and the overtakes, made once."""
        return None if self.make_change is None else self.make_change()


def build(
    dataset: Dataset,
    *,
    year: int,
    block: str,
    unit_id: str,
    lang: str,
    standings: pd.DataFrame | None = None,
    ranks: pd.DataFrame | None = None,
) -> ProfileView:
    """Return what the profile of ``unit_id`` in ``block`` and ``year`` shows."""
    standings = ranking.standings(dataset) if standings is None else standings
    ranks = ranks_of(dataset, year, block, ranks)
    short_name = dataset.name_in(unit_id, year, short=True)
    title = t("profile.chart.history_title", lang, unit=short_name)
    history = charts.history(
        profile.history(standings, unit_id), lang, title=title,
        breaks=comparison.methodology_breaks(dataset, block),
    )  # fmt: skip
    shown = ProfileView(dataset.name_in(unit_id, year), history)
    row = profile.ranking_row(ranks, unit_id)
    if row is None:
        return shown
    table = breakdown.criterion_table(dataset, year=year, block=block)
    names = dict(zip(ranks["unit_id"], ranks["short_name"]))
    plan = profile.way_up(ranks, table, unit_id)
    split = components.line(row, lang)
    source = weakref.ref(dataset)
    return ProfileView(
        shown.unit_name,
        history,
        kpi=profile.kpi_values(row, lang),
        components=split,
        way_up=tuple(profile.way_up_lines(plan, names, lang, precision.of_rows(ranks))),
        criteria_notice=_criteria_notice(table, year, totals_split=split is not None),
        # The view is kept in the dataset's own memo: the parts reach the dataset through a
        # weak reference, so the two never hold each other alive (freed when the data changes).
        make_criteria=lambda: criteria_part(
            source(), table, unit_id, year=year, lang=lang, totals_split=split is not None
        ),
        make_change=lambda: change_part(source(), standings, row, block=block, lang=lang),
    )


def _criteria_notice(table: pd.DataFrame, year: int, *, totals_split: bool) -> Notice | None:
    """Return why the year shows no radar (no points per criterion), None when it has one."""
    if not table.empty:
        return None
    return notice("grades.profile.no_criteria" if totals_split else "profile.only_totals",
                  year=year)  # fmt: skip


def criteria_part(
    dataset: Dataset, table: pd.DataFrame, unit_id: str, *, year: int, lang: str,
    totals_split: bool,
) -> Criteria:  # fmt: skip
    """Return the radar against the leader and average, strengths and weaknesses."""
    if table.empty:
        return Criteria(notice=_criteria_notice(table, year, totals_split=totals_split))
    short_name = dataset.name_in(unit_id, year, short=True)
    series = profile.radar_series(table, unit_id)
    leader = series["leader_id"]
    title = t("profile.chart.radar_title", lang, unit=short_name, year=year)
    radar = charts.radar(
        series, lang, title=title, unit_name=short_name,
        leader_name=dataset.name_in(leader, year, short=True) if leader else None,
    )  # fmt: skip
    strengths, weaknesses = profile.strengths_and_weaknesses(table, unit_id)
    return Criteria(
        radar,
        strengths=tuple(profile.strength_lines(strengths, lang)),
        weaknesses=tuple(profile.strength_lines(weaknesses, lang)),
    )


def change_part(
    dataset: Dataset, standings: pd.DataFrame, row: pd.Series, *, block: str, lang: str
) -> Change:
    """Return the criterion waterfall since the previous scored year and the overtakes."""
    points, criteria = ranking.criterion_points(dataset), dataset.table("criteria")
    deltas = profile.deltas_of(points, criteria, row)
    year, unit_id, previous = deltas.year, str(row["unit_id"]), deltas.previous_year
    if previous is None:
        return Change(None, notice("profile.no_previous"))
    passes = profile.overtakes(standings, unit_id=unit_id, year=year)
    overtakes = tuple(profile.overtake_lines(
        passes, points, criteria, unit_id=unit_id, year=year, previous_year=previous, lang=lang
    ))  # fmt: skip
    if deltas.missing_years:
        missing = notice("profile.missing_years", years=", ".join(map(str, deltas.missing_years)))
        return Change(previous, missing, overtakes=overtakes)
    short_name = dataset.name_in(unit_id, year, short=True)
    title = t("profile.chart.waterfall_title", lang, unit=short_name, year=year,
              previous=previous, before=deltas.previous_score, after=deltas.score)  # fmt: skip
    return Change(
        previous,
        methodology_changed=comparison.methodology_changed(dataset, block, previous, year),
        waterfall=charts.waterfall(deltas, lang, title=title),
        overtakes=overtakes,
    )
