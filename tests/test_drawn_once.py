"""A figure sent to be drawn once (#16): the same chart, without what made Plotly redraw it."""

from __future__ import annotations

import io
import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from PIL import Image, ImageChops
from plotly.subplots import make_subplots

from parviz import loading
from parviz.charts import drawn_once
from parviz.ui import views
from tests.helpers import SAMPLE


def _bars(values=(91.53, 88.2, 85.01)) -> go.Figure:
    fig = go.Figure(go.Bar(x=list(values), y=["Chí Linh", "Kinh Môn", "Nam Sách"],
                           orientation="h", customdata=[[1], [2], [3]]))  # fmt: skip
    fig.update_layout(template="plotly_white", title="Xếp hạng")
    return fig


def _sent_json(fig: go.Figure, **options) -> dict:
    return json.loads(pio.to_json(drawn_once.for_browser(fig, **options), validate=False))


def test_no_template_and_no_typed_arrays_are_sent():
    import numpy as np

    scores = np.round(np.linspace(60, 100, 400), 2)
    fig = go.Figure(go.Scatter(x=scores, y=scores[::-1], customdata=np.arange(800).reshape(400, 2)))
    fig.update_layout(template="plotly_white")
    assert "bdata" in pio.to_json(fig)  # numpy arrays: Plotly.py sends them in base64
    sent = pio.to_json(drawn_once.for_browser(fig), validate=False)
    assert "bdata" not in sent
    spec = json.loads(sent)
    assert "template" not in spec["layout"]
    assert spec["data"][0]["x"] == scores.tolist()
    assert spec["data"][0]["customdata"][399] == [798, 799]


def test_the_templates_values_are_written_in():
    spec = _sent_json(_bars())
    white = pio.templates["plotly_white"]
    assert spec["layout"]["xaxis"]["gridcolor"] == white.layout.xaxis.gridcolor
    assert spec["layout"]["plot_bgcolor"] == white.layout.plot_bgcolor
    assert spec["layout"]["title"]["text"] == "Xếp hạng"  # the figure's own value stays
    assert spec["layout"]["title"]["x"] == white.layout.title.x  # the template's fills in
    assert spec["data"][0]["marker"]["line"]["color"] == white.data.bar[0].marker.line.color


def test_own_values_win_and_every_axis_is_styled():
    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Scatter(x=[1, 2], y=[3, 4]), row=1, col=1)
    fig.add_trace(go.Scatter(x=[1, 2], y=[5, 6]), row=1, col=2)
    fig.update_layout(template="plotly_white", xaxis2={"gridcolor": "#123456"})
    layout = _sent_json(fig)["layout"]
    white = pio.templates["plotly_white"].layout
    assert layout["xaxis"]["gridcolor"] == white.xaxis.gridcolor
    assert layout["yaxis2"]["gridcolor"] == white.yaxis.gridcolor
    assert layout["xaxis2"]["gridcolor"] == "#123456"


def test_annotations_get_the_templates_annotation_defaults():
    fig = _bars()
    fig.add_annotation(text="Nguồn", x=0, y=0, showarrow=True)
    annotation = _sent_json(fig)["layout"]["annotations"][0]
    assert annotation["text"] == "Nguồn"
    assert (
        annotation["arrowcolor"]
        == pio.templates["plotly_white"].layout.annotationdefaults.arrowcolor
    )


def test_revision_follows_the_content():
    first = _sent_json(_bars())["layout"]
    again = _sent_json(_bars())["layout"]
    changed = _sent_json(_bars((91.53, 88.2, 85.02)))["layout"]
    assert first["datarevision"] == again["datarevision"]
    assert first["datarevision"] != changed["datarevision"]  # new data is drawn anew


def test_tick_labels_change_the_revision_too():
    fig = _bars()
    other = _bars()
    other.update_yaxes(tickvals=[0, 1, 2], ticktext=["a", "b", "c"])
    assert _sent_json(fig)["layout"]["datarevision"] != _sent_json(other)["layout"]["datarevision"]


def test_selectable_charts_carry_streamlits_modes():
    layout = _sent_json(_bars(), points_selectable=True)["layout"]
    assert layout["clickmode"] == "event+select"
    assert layout["dragmode"] == "pan"
    assert layout["hovermode"] == "closest"  # plotly_white's, kept
    assert "clickmode" not in _sent_json(_bars())["layout"]


def _figures() -> dict[str, go.Figure]:
    dataset = loading.load_dataset(SAMPLE)
    year, block, lang = dataset.years[-1], "district", "vi"
    criteria = views.criteria_of_block(dataset, year, block, lang)
    unit = views.rank_change_units(dataset, block, year).ids[0]
    profile = views.profile(dataset, year, block, unit, lang)
    years = views.criteria_over_years(dataset, block, lang)
    pair = views.rank_change_pair(dataset, block, lang, unit, year - 1, year)
    return {
        "lost": criteria.lost,
        "heatmap_phone": criteria.heatmap_narrow,
        "years_phone": years.narrow,
        "bump_phone": views.rank_change_bump_narrow(dataset, block, lang, unit, ()),
        "dumbbell": pair.dumbbell,
        "waterfall": profile.change.waterfall,
        "ranking": views.rankings(dataset, year, block, lang).figure,
        "heatmap": criteria.heatmap,
        "years": views.criteria_over_years(dataset, block, lang).figure,
        "bump": views.rank_change_bump(dataset, block, lang, unit, ()),
        "history": profile.history,
        "radar": profile.criteria.radar,
    }


@pytest.fixture(scope="module")
def figures() -> dict[str, go.Figure]:
    return _figures()


@pytest.mark.parametrize("name", ["ranking", "heatmap", "years", "bump", "history", "radar", "lost",
                                  "heatmap_phone", "years_phone", "bump_phone", "dumbbell",
                                  "waterfall"])  # fmt: skip
def test_the_chart_looks_the_same(figures, name):
    """Rendered by Plotly.js (kaleido), the sent figure is the original, pixel for pixel."""
    from parviz.export import images

    fig = figures[name]
    height = int(fig.layout.height or 600)
    before = Image.open(io.BytesIO(images.png(fig, width=900, height=height, scale=1)))
    after_fig = drawn_once.for_browser(fig)
    after = Image.open(io.BytesIO(images.png(after_fig, width=900, height=height, scale=1)))
    assert before.size == after.size
    assert ImageChops.difference(before.convert("RGB"), after.convert("RGB")).getbbox() is None
