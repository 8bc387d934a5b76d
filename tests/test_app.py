"""The Streamlit app under AppTest: every page, both languages, filters, URL state, bad data."""

from __future__ import annotations

import shutil

import pytest

from parviz import ranking
from parviz.ui import cache, navigation
from tests.apptesting import app_test
from tests.helpers import MINIMAL, ROOT, SAMPLE, with_table

BANNER = {
    "vi": "Dữ liệu minh họa — không phải số liệu chính thức",
    "en": "Illustrative data — not official figures",
}


@pytest.fixture(autouse=True)
def on_the_sample(monkeypatch):
    """Run each test on the bundled sample (the cache keys on path and files: no clearing)."""
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))


@pytest.fixture
def fresh_caches():
    """Empty Streamlit's caches (they outlive an AppTest) before and after a test."""
    cache.clear()
    ranking.standings.cache_clear()
    yield
    cache.clear()


def illustrative_labels(at) -> list[str]:
    """Return the texts on the page that say the data is illustrative (banner or slide label)."""
    texts = [*at.warning.values, *(html.proto.body for html in at.get("html"))]
    needles = ("dữ liệu minh họa — không phải", "dữ liệu minh họa – không phải",
               "illustrative data — not", "illustrative data – not")
    return [text for text in texts if any(n in text.casefold() for n in needles)]


def assert_clean(at) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_app_runs_in_each_language_with_the_banner(lang):
    at = app_test(lang=lang).run()
    assert_clean(at)
    assert BANNER[lang] in at.warning.values
    assert at.title.values == [navigation.entry("overview").title(lang)]
    assert at.sidebar.radio(key="lang").value == lang


def test_defaults_are_the_latest_year_and_first_block_and_go_into_the_url():
    at = app_test().run()
    assert_clean(at)
    assert at.sidebar.selectbox(key="year").value == 2024
    assert at.sidebar.selectbox(key="block").value == "department"
    assert at.query_params == {"lang": "vi", "year": "2024", "block": "department"}
    assert at.subheader.values[0] == "Sở, ban, ngành — năm 2024"


def test_switching_year_and_block_changes_the_numbers_and_the_url():
    at = app_test().run()
    at.sidebar.selectbox(key="year").set_value(2021).run()
    assert_clean(at)
    # Published: Sở Giao thông vận tải first with 91.53; 18 departments ranked.
    assert at.metric.values[:3] == ["18", at.metric.values[1], "91,53"]
    assert "Giao thông vận tải" in at.caption.values
    at.sidebar.selectbox(key="block").set_value("district").run()
    assert_clean(at)
    # Published: TP Hải Dương and Nam Sách tied on 85.86; 12 districts ranked.
    assert at.metric.values[0] == "12" and at.metric.values[2] == "85,86"
    assert "TP Hải Dương, Nam Sách" in at.caption.values
    table = at.dataframe[0].value
    assert table["unit"].tolist()[:2] == ["TP Hải Dương (đồng điểm)", "Nam Sách (đồng điểm)"]
    assert at.query_params == {"lang": "vi", "year": "2021", "block": "district"}


def test_switching_language_keeps_the_filters():
    at = app_test(year=2021, block="district").run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert at.subheader.values[0] == "Districts — 2021"
    assert at.metric.values[2] == "85.86"
    assert at.sidebar.selectbox(key="year").label == "Year"
    assert at.query_params == {"lang": "en", "year": "2021", "block": "district"}


def test_the_url_opens_the_app_on_its_choices():
    at = app_test(year=2021, block="district", lang="en", unit="chi-linh").run()
    assert_clean(at)
    assert at.subheader.values[0] == "Districts — 2021"
    assert at.query_params["unit"] == "chi-linh"  # kept for the pages that use it


def test_invalid_url_values_fall_back_to_defaults():
    at = app_test(year=1999, block="commune", lang="fr").run()
    assert_clean(at)
    assert at.query_params == {"lang": "vi", "year": "2024", "block": "department"}


@pytest.mark.parametrize("entry", navigation.PAGES, ids=lambda entry: entry.slug)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_runs_with_the_illustrative_label(entry, lang):
    at = app_test(lang=lang, year=2021, block="district").run()
    at.switch_page(entry.script).run()
    assert_clean(at)
    # page_setup draws the banner; a page drawing its own chrome (the slides) must say it too.
    assert illustrative_labels(at), f"{entry.slug}: no illustrative label"
    if "page_setup(" in (ROOT / entry.script).read_text(encoding="utf-8"):
        assert BANNER[lang] in at.warning.values
        assert entry.title(lang) in at.title.values


def test_choices_survive_page_switches():
    at = app_test().run()
    at.sidebar.selectbox(key="year").set_value(2021).run()
    at.sidebar.selectbox(key="block").set_value("district").run()
    at.sidebar.radio(key="lang").set_value("en").run()
    for entry in [*navigation.PAGES[1:], navigation.PAGES[0]]:
        at.switch_page(entry.script).run()
        assert_clean(at)
        # A page shows the filters it uses; the others stay in the URL for the next page.
        filters = {box.key: box.value for box in at.sidebar.selectbox}
        assert filters.get("year", 2021) == 2021, entry.slug
        assert filters.get("block", "district") == "district", entry.slug
        assert at.sidebar.radio(key="lang").value == "en", entry.slug
        assert at.query_params["lang"] == "en", entry.slug
        assert at.query_params["year"] == "2021", entry.slug
        assert at.query_params["block"] == "district", entry.slug
    assert set(filters) >= {"year", "block"}  # back on the Overview


def test_minimal_dataset(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(MINIMAL))
    at = app_test().run()
    assert_clean(at)
    assert at.sidebar.selectbox(key="year").value == 2021
    assert at.metric.values[:4] == ["3", "81,17", "84,00", "75,50"]


def test_no_banner_when_the_data_is_official(monkeypatch, tmp_path):
    folder = with_table(tmp_path, "metadata", "key,value\ntitle,Official\nillustrative,false\n")
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    at = app_test().run()
    assert_clean(at)
    assert not at.warning
    assert "Official" in at.caption.values[0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_missing_dataset_shows_its_problem_not_a_traceback(
    monkeypatch, tmp_path, lang, fresh_caches
):
    monkeypatch.setenv("PARVIZ_DATA", str(tmp_path / "nowhere"))
    at = app_test(lang=lang).run()
    assert not at.exception
    assert len(at.error) == 1
    text = "\n".join(at.markdown.values)
    assert str(tmp_path) not in text  # the server's folders are not shown to viewers (#19)
    assert ("Không tìm thấy bộ dữ liệu" if lang == "vi" else "dataset was not found") in text
    assert at.sidebar.radio(key="lang").value == lang  # the language switch still works


def test_a_broken_dataset_lists_every_problem(monkeypatch, tmp_path, fresh_caches):
    folder = with_table(tmp_path, "scores", "year,unit_id,criterion_id,points\n2021,a,C1,-3\n")
    (folder / "blocks.csv").unlink()
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    at = app_test().run()
    assert not at.exception
    assert "2 lỗi" in at.error[0].value
    text = "\n".join(at.markdown.values).replace("\\", "")
    assert "blocks.csv" in text  # file_missing
    assert "scores.csv" in text and "dòng 2" in text  # value_negative, located
    at.sidebar.radio(key="lang").set_value("en").run()
    assert "2 errors" in at.error[0].value


def test_fixing_the_files_reloads_the_data_without_a_restart(monkeypatch, tmp_path):
    folder = tmp_path / "dataset"
    shutil.copytree(MINIMAL, folder)
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    at = app_test().run()
    assert at.metric.values[0] == "3"
    (folder / "units.csv").unlink()
    at.run()
    assert at.error and not at.exception
    shutil.copy(MINIMAL / "units.csv", folder / "units.csv")
    at.run()
    assert_clean(at)
    assert at.metric.values[0] == "3"


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("unit_names.csv: *12*", "unit\\_names.csv: \\*12\\*"),
        ("$5 and $6", "\\$5 and \\$6"),
    ],
)
def test_problem_values_are_escaped_and_catalog_code_spans_kept(text, markdown):
    from parviz.problems import Problem

    line = Problem("file_missing", file=text).render("en", markdown=True)
    assert markdown in line and "`parviz init`" in line  # the catalog's own code span
