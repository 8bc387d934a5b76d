"""UI helpers that keep reruns cheap: prepared tables, option labels, the header line."""

from __future__ import annotations

import pandas as pd
import pytest

from parviz import loading
from parviz.ui import render, tables, widgets
from tests.helpers import SAMPLE, copy_minimal


def test_small_tables_stay_numbers_for_a_styler():
    table = pd.DataFrame({"unit": ["A", "B"], "score": [91.534, 80.0]})
    prepared = tables.prepare(table, "vi")
    assert prepared.text is None and prepared.table is table


def test_large_tables_are_turned_into_text_once():
    rows = tables.STYLER_ROWS + 1
    table = pd.DataFrame({"rank": range(1, rows + 1), "score": [91.534] * (rows - 1) + [None]})
    prepared = tables.prepare(table, "vi")
    assert prepared.text_columns == ("score",)
    assert prepared.text["score"].iloc[0] == "91,53" and prepared.text["score"].iloc[-1] == "–"
    assert prepared.text["rank"].iloc[0] == 1  # integers stay numbers: rank sorts numerically
    assert tables.prepare(table, "en").text["score"].iloc[0] == "91.53"


def test_labels_show_unknown_options_as_themselves():
    labels = widgets.Labels({"a": "Đơn vị A"})
    assert labels["a"] == "Đơn vị A" and labels["zz"] == "zz"
    assert "zz" not in labels  # a miss is not stored


def test_unit_names_follow_renames_by_year():
    dataset = loading.load_dataset(SAMPLE)
    names_2016 = widgets.unit_names_in(dataset, 2016)
    names_2021 = widgets.unit_names_in(dataset, 2021)
    assert set(names_2021) == set(dataset.table("units")["unit_id"])
    assert names_2016["chi-linh"] == "UBND thị xã Chí Linh"  # a city since 2019
    assert names_2021["chi-linh"] == "UBND thành phố Chí Linh"


def test_header_caption_cites_the_sources_of_the_year():
    dataset = loading.load_dataset(SAMPLE)
    with_year = render.header_caption(dataset, "vi", 2021)
    assert with_year.startswith(render.header_caption(dataset, "vi", None))
    assert "2021" in with_year and len(with_year) > len(render.header_caption(dataset, "vi", None))


def _styler_script():
    import pandas as pd
    import streamlit as st

    from parviz.ui import tables

    if "table" not in st.session_state:
        st.session_state.table = pd.DataFrame({"score": [91.534]})
        st.session_state.builds = 0

    def build(table, lang):
        st.session_state.builds += 1
        return tables.styled(table, lang)

    first = tables.session_styler(st.session_state.table, "vi", build)
    again = tables.session_styler(st.session_state.table, "vi", build)
    other = tables.session_styler(st.session_state.table.copy(), "vi", build)
    english = tables.session_styler(st.session_state.table, "en", build)
    st.write(first is again, first is not other, english is not first)
    st.dataframe(first)


def test_a_session_formats_the_same_table_once_per_language():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_styler_script, default_timeout=30)
    at.run()
    assert not at.exception
    assert at.session_state.builds == 3  # same table twice: one build; a copy; English
    at.run()
    assert at.session_state.builds == 4  # rerun: only the fresh copy is formatted again
    assert at.markdown[0].value == "`True` `True` `True`"


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("9498. Minh họa 08514: 29,28 điểm", "9498\\. Minh họa 08514: 29,28 điểm"),  # not a list
        ("1) a", "1\\) a"),
        ("- x", "\\- x"),
        ("+ y", "\\+ y"),
        ("12.5 điểm", "12.5 điểm"),  # a decimal is no list marker: left as typed
        ("-5 bậc", "-5 bậc"),
        ("x - y", "x - y"),
    ],
)
def test_a_line_that_starts_like_a_list_item_stays_text(text, markdown):
    assert render.escape_markdown(text) == markdown


def test_units_sharing_a_name_can_be_told_apart(tmp_path):
    folder = copy_minimal(tmp_path)
    units = (folder / "units.csv").read_text(encoding="utf-8")
    units = units.replace("UBND huyện Bắc Hà", "UBND xã Tân Lập").replace(
        "UBND huyện Cẩm Lộc", "UBND xã Tân Lập"
    )
    (folder / "units.csv").write_text(units, encoding="utf-8")
    result = loading.load(folder)
    assert result.dataset is not None, [p.code for p in result.problems]
    names = widgets.unit_names_in(result.dataset, 2021)
    assert names["b"] == "UBND xã Tân Lập (b)" and names["c"] == "UBND xã Tân Lập (c)"
    assert names["a"] == "UBND thành phố An Bình"  # a unique name stays as it is
    assert len(set(names.values())) == len(names)


def _unit_script():
    import streamlit as st

    from parviz import loading
    from parviz.ui import state, widgets
    from tests.helpers import SAMPLE

    dataset = loading.load_dataset(SAMPLE)
    st.button("go", key="go", on_click=state.set_unit, args=("nam-sach",))  # like a chart click
    ids = ["chi-linh", "kinh-mon", "nam-sach"]
    choices = widgets.unit_choices(ids, widgets.unit_names_in(dataset, 2021))
    st.write(widgets.unit_select(choices, "vi"))


def test_the_unit_choice_follows_the_widget_and_a_click():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_unit_script, default_timeout=30)
    at.run()
    assert at.markdown[0].value == "chi-linh"  # the first unit by default
    at.sidebar.selectbox(key="unit_choice").set_value("UBND thị xã Kinh Môn").run()
    assert at.markdown[0].value == "kinh-mon"
    at.run()
    assert at.markdown[0].value == "kinh-mon"  # kept on the next rerun
    at.button(key="go").click().run()
    assert at.markdown[0].value == "nam-sach"  # set_unit wins over the widget's old name
    assert at.sidebar.selectbox(key="unit_choice").value == "UBND huyện Nam Sách"


def _units_multiselect_script():
    import streamlit as st

    from parviz.ui import widgets

    names = widgets.unique_labels({"a": "Tân Lập", "b": "Tân Lập", "c": "An Bình"})
    choices = widgets.unit_choices(["a", "b", "c"], names)
    chosen = widgets.units_multiselect("Ẩn", choices, key="hide", placeholder="…")
    st.write(",".join(chosen) or "none")


def test_units_multiselect_shows_names_and_returns_ids():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_units_multiselect_script, default_timeout=30)
    at.run()
    assert at.multiselect(key="hide").options == ["Tân Lập (a)", "Tân Lập (b)", "An Bình"]
    at.multiselect(key="hide").select("Tân Lập (b)").select("An Bình").run()
    assert at.markdown[0].value == "b,c"


def _static_table_script():
    import pandas as pd

    from parviz.ui import tables

    tables.static_table(pd.DataFrame({"[Lĩnh vực](http://x.test)": ["**C1** [bấm](http://x.test)"],
                                      "Cao nhất": ["Nam Sách (97,4%)"]}))  # fmt: skip


def test_a_static_tables_cells_and_headers_stay_plain_text():
    from streamlit.testing.v1 import AppTest

    from parviz import markup

    at = AppTest.from_function(_static_table_script, default_timeout=30)
    at.run()
    assert not at.exception
    header, rule, row = at.markdown[0].value.splitlines()
    escaped = markup.escape_markdown("[Lĩnh vực](http://x.test)")
    assert escaped.startswith(r"\[Lĩnh vực\]") and "http\u2060:" in escaped  # no link, no URL
    assert header == f"| {escaped} | Cao nhất |"
    assert rule == "| --- | --- |"
    assert row.startswith(r"| \*\*C1\*\* \[bấm\]")
    assert row.endswith(" | Nam Sách (97,4%) |")


def test_a_markdown_tables_cells_stay_one_cell():
    from parviz import markup

    table = markup.markdown_table(["Đơn vị | Điểm"], [["Sở A | 99\nSở B"], [None]])
    assert table.splitlines() == [r"| Đơn vị \| Điểm |", "| --- |", r"| Sở A \| 99 Sở B |", "|  |"]
