"""A published total's components: appraisal points (thẩm định) and survey points (điều tra XHH).

Vĩnh Phúc publishes both beside the total; the national index adds survey components to
the appraisal. Where one of the two is missing it is the total minus the other.
"""

from __future__ import annotations

import math

import pandas as pd

from parviz import precision
from parviz.i18n import fmt_number, t


def split(ranking: pd.DataFrame) -> pd.DataFrame | None:
    """Return (unit_id, assessed, survey) of each row, or None when no component is published."""
    columns = [c for c in ("assessed_points", "survey_points") if c in ranking.columns]
    if not columns or ranking[columns].isna().all(axis=None):
        return None
    score = ranking["score"].astype(float)
    assessed = _column(ranking, "assessed_points")
    survey = _column(ranking, "survey_points")
    return pd.DataFrame(
        {
            "unit_id": ranking["unit_id"].to_numpy(),
            "assessed": assessed.fillna(score - survey).to_numpy(),
            "survey": survey.fillna(score - assessed).to_numpy(),
        }
    )


def _column(ranking: pd.DataFrame, name: str) -> pd.Series:
    if name not in ranking.columns:
        return pd.Series(math.nan, index=ranking.index)
    return ranking[name].astype(float)


def line(row: pd.Series, lang: str) -> str | None:
    """Return 'Điểm thẩm định 58,20 + điểm điều tra XHH 33,68 = 91,88 điểm' for a ranking row."""
    parts = split(row.to_frame().T)
    if parts is None or parts[["assessed", "survey"]].isna().any(axis=None):
        return None
    decimals = precision.of_row(row)
    return t(
        "grades.components.line",
        lang,
        assessed=fmt_number(float(parts["assessed"].iloc[0]), lang, decimals),
        survey=fmt_number(float(parts["survey"].iloc[0]), lang, decimals),
        total=fmt_number(float(row["score"]), lang, decimals),
    )
