"""Presentation mode (Trình chiếu): one slide per screen, keyboard navigation, ?slide= in the URL.

Keys come from ``st.button(shortcut=...)`` (Streamlit ≥ 1.50): → / ← for next / previous,
Home / End for the first and last slide, so a presenter needs no mouse. ``?slide=4`` opens
slide 4; Streamlit's ``?embed=true`` hides the app frame for the projector.
"""

from __future__ import annotations

import html
import logging

import streamlit as st

from parviz import comparison, storyline, theme
from parviz.dataset import Dataset
from parviz.export import annex, pptx, tables
from parviz.i18n import t
from parviz.storyline import Slide, Storyline
from parviz.ui import cache, page, state, widgets
from parviz.ui.hall import hall_code

log = logging.getLogger(__name__)

SLIDE = "slide"
SPOTLIGHTS = "spotlights"
CHART_HEIGHT = 600  # px: leaves room for title and footer on a 1080p projector

# Light, high-contrast, large type: body text ≥ 24 px at 1920×1080.
_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 4rem; padding-bottom: 0.5rem;
  max-width: 100%; }
.pv-slide { color: #111111; background: #FFFFFF; font-size: 28px; line-height: 1.35; }
.pv-slide h1.pv-title { font-size: 48px; font-weight: 700; margin: 0 0 0.3em; padding: 0;
  color: #000000; line-height: 1.15; }
.pv-slide .pv-subtitle { font-size: 26px; color: #333333; margin: -0.2em 0 0.6em; }
.pv-slide ul { margin: 0.2em 0 0 0; padding-left: 1.1em; }
.pv-slide li { font-size: 28px; margin: 0 0 0.45em; }
.pv-cover { text-align: center; padding-top: 8vh; }
.pv-cover h1.pv-title { font-size: 60px; }
.pv-cover .pv-subtitle { font-size: 30px; }
.pv-cover ul { list-style: none; padding: 0; }
.pv-columns { display: flex; gap: 4em; }
.pv-columns > div { flex: 1; }
.pv-columns h2 { font-size: 34px; margin: 0 0 0.4em; }
.pv-top { color: #00704F; } .pv-bottom { color: #A34400; }
.pv-illustrative { background: #FFF1D6; color: #7A2E00; border: 2px solid #B33A00;
  font-size: 24px; font-weight: 700; padding: 0.2em 0.6em; margin: 0 0 0.5em;
  display: inline-block; }
.pv-footer { font-size: 24px; color: #333333; display: flex; justify-content: space-between;
  border-top: 1px solid #999999; padding-top: 0.3em; margin-top: 0.4em; }
.pv-footer .pv-number { white-space: nowrap; flex-shrink: 0; padding-left: 1em; }
.pv-side { font-size: 26px; }
[class*="st-key-pv_hidden_"] { position: absolute; left: -10000px; width: 1px; height: 1px;
  overflow: hidden; }
</style>
"""


def load() -> tuple[str, Dataset]:
    """Return the language and the dataset; draw its problems and stop when it is unusable."""
    page.leave_legacy_pages_mode()  # a first deep link to /presentation must get the app shell
    lang = state.language()
    title = t("ui.page.presentation.title", lang)
    # The sidebar (year, spotlights, downloads) starts closed: the slide gets the whole screen.
    st.set_page_config(
        page_title=f"{title} · {t('ui.app.title', lang)}", initial_sidebar_state="collapsed"
    )
    return lang, page.usable_dataset(title, lang).dataset


def spotlight_select(dataset: Dataset, year: int, lang: str) -> list[str]:
    """Draw the sidebar choice of units to spotlight (names as in ``year``)."""
    return widgets.units_multiselect(
        t("presentation.page.spotlights", lang),
        cache.shared(dataset, _units_of, year),
        key=SPOTLIGHTS,
        placeholder=t("presentation.page.spotlights_placeholder", lang),
        sidebar=True,
    )


def story(dataset: Dataset, *, year: int, lang: str, spotlights: list[str]) -> Storyline:
    """Return the storyline, kept in the session: moving between slides does not rebuild it."""
    key = (dataset.fingerprint, id(dataset), year, lang, tuple(spotlights))
    kept = st.session_state.get("_parviz_story")
    if kept is None or kept[0] != key:
        kept = (key, storyline.build(dataset, year=year, lang=lang, spotlights=spotlights))
        st.session_state["_parviz_story"] = kept
    return kept[1]


def current_index(count: int) -> int:
    """Return the slide number in force: session, else ?slide=, else 1 (clamped)."""
    value = st.session_state.get(SLIDE) or st.query_params.get(SLIDE) or 1
    try:
        index = int(value)
    except (TypeError, ValueError):
        index = 1
    index = storyline.clamp(index, count)
    st.session_state[SLIDE] = index
    if st.query_params.get(SLIDE) != str(index):
        st.query_params[SLIDE] = str(index)  # a copied link opens this slide
    return index


def _go(index: int, count: int) -> None:
    index = storyline.clamp(index, count)
    st.session_state[SLIDE] = index
    st.query_params[SLIDE] = str(index)


def navigation(index: int, count: int, lang: str) -> None:
    """Draw first / previous / counter / next / last; each has a keyboard shortcut."""
    columns = st.columns([1, 1, 3, 1, 1], vertical_alignment="center")
    buttons = (
        (columns[0], "first", 1, "Home", ":material/first_page:"),
        (columns[1], "previous", index - 1, "Left", ":material/chevron_left:"),
        (columns[3], "next", index + 1, "Right", ":material/chevron_right:"),
        (columns[4], "last", count, "End", ":material/last_page:"),
    )
    for column, name, target, key, icon in buttons:
        with column:
            _slide_button(name, target, key, index, count, lang, icon=icon, width="stretch")
    # Presentation clickers send PageUp / PageDown; a button has one shortcut, so each gets a
    # twin kept out of sight (still mounted: its shortcut stays live).
    for name, target, key in (("clicker_previous", index - 1, "PageUp"),
                              ("clicker_next", index + 1, "PageDown")):  # fmt: skip
        with st.container(key=f"pv_hidden_{name}"):
            _slide_button(name, target, key, index, count, lang)
    columns[2].markdown(
        f"<div style='text-align:center;font-size:24px' data-testid='pv-counter'>"
        f"{html.escape(t('presentation.page.counter', lang, index=index, count=count))}</div>",
        unsafe_allow_html=True,
    )


def _slide_button(
    name: str, target: int, shortcut: str, index: int, count: int, lang: str, **look: str
) -> None:
    """Draw the button ``name`` that goes to slide ``target`` (off when there or out of range)."""
    st.button(
        t(f"presentation.page.{name}", lang),
        key=f"slide_{name}",
        shortcut=shortcut,
        on_click=_go,
        args=(target, count),
        disabled=target == index or not 1 <= target <= count,
        **look,
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_escape(line)}</li>" for line in lines) + "</ul>"


def slide_view(slide: Slide, story: Storyline, dataset: Dataset, index: int) -> None:
    """Draw one slide: illustrative label, title, then text and/or chart, then the footer."""
    st.html(_CSS)
    head = ""
    if story.illustrative_label:
        head += f"<div class='pv-illustrative'>{_escape(story.illustrative_label)}</div>"
    if slide.kind == storyline.TITLE:
        st.html(
            f"<div class='pv-slide pv-cover'>{head}<h1 class='pv-title'>{_escape(slide.title)}"
            f"</h1><div class='pv-subtitle'>{_escape(slide.subtitle)}</div>"
            f"{_bullets(slide.bullets)}</div>"
        )
        hall_code(slide, story)
        _footer(story, index)
        return
    subtitle = f"<div class='pv-subtitle'>{_escape(slide.subtitle)}</div>" if slide.subtitle else ""
    st.html(
        f"<div class='pv-slide'>{head}<h1 class='pv-title'>{_escape(slide.title)}</h1>"
        f"{subtitle}</div>"
    )
    if slide.kind == storyline.LEADERS:
        st.html(_leaders_html(slide, story.lang))
    else:
        fig = storyline.figure(slide, story, dataset)
        if fig is None:
            lines = slide.bullets or (t("presentation.findings.none", story.lang),)
            st.html(f"<div class='pv-slide'>{_bullets(lines)}</div>")
        elif slide.bullets and slide.kind in (storyline.CHANGES, storyline.SPOTLIGHT):
            left, right = st.columns([3, 2])
            with left:
                _chart(fig, slide, story)
            right.html(f"<div class='pv-slide pv-side'>{_bullets(slide.bullets)}</div>")
        else:
            _chart(fig, slide, story)
    hall_code(slide, story)
    _footer(story, index)


def _chart(fig, slide: Slide, story: Storyline) -> None:
    fig.update_layout(height=CHART_HEIGHT)
    stem = theme.file_stem(slide.title, story.year)
    st.plotly_chart(
        fig,
        config=theme.plotly_config(stem),
        theme=None,
        width="stretch",
        key=f"chart_{slide.kind}_{slide.block}_{slide.unit_id}",
    )


def _leaders_html(slide: Slide, lang: str) -> str:
    groups = list(slide.data["group"]) if slide.data is not None else []
    parts = []
    for group in ("top", "bottom"):
        lines = [line for line, g in zip(slide.bullets, groups) if g == group]
        heading = _escape(t(f"presentation.leaders.{group}", lang))
        items = "".join(f"<li>{_escape(line)}</li>" for line in lines)
        parts.append(f"<div><h2 class='pv-{group}'>{heading}</h2><ul>{items}</ul></div>")
    return f"<div class='pv-slide'><div class='pv-columns'>{''.join(parts)}</div></div>"


def _footer(story: Storyline, index: int) -> None:
    count = len(story.slides)
    number = _escape(t("presentation.page.counter", story.lang, index=index, count=count))
    st.html(
        f"<div class='pv-footer'><span>{_escape(story.footer)}</span>"
        f"<span class='pv-number'>{number}</span></div>"
    )


def downloads(slide: Slide, story: Storyline, dataset: Dataset, blocks: list[str]) -> None:
    """Draw the sidebar downloads: the deck (built on demand, with progress), annex, table."""
    lang = story.lang
    with st.sidebar.expander(t("presentation.page.downloads", lang), expanded=False):
        stem = theme.file_stem("chi-so-cchc", story.year)
        if st.button(t("presentation.page.make_pptx", lang), key="make_pptx"):
            bar = st.progress(0.0)

            def progress(done: int, total: int) -> None:
                bar.progress(
                    done / total, t("presentation.page.progress", lang, index=done, count=total)
                )

            st.session_state["pptx_bytes"] = pptx.build_deck(story, dataset, progress=progress)
            st.success(t("presentation.page.done", lang))
        if st.session_state.get("pptx_bytes"):
            st.download_button(
                t("presentation.page.download_pptx", lang),
                st.session_state["pptx_bytes"],
                file_name=f"{stem}.pptx",
                key="download_pptx",
                mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            )

        # Files are built when clicked (callables), not on every slide change.
        def document() -> str:
            return cache.shared(dataset, _annex, story.year, tuple(blocks), lang)

        st.download_button(
            t("presentation.page.download_annex_html", lang),
            document,
            file_name=f"{stem}-phu-luc.html",
            mime="text/html",
            key="download_annex_html",
        )
        if annex.chromium_path():
            st.download_button(
                t("presentation.page.download_annex_pdf", lang),
                lambda: annex.to_pdf(document(), lang=lang),
                file_name=f"{stem}-phu-luc.pdf",
                mime="application/pdf",
                key="download_annex_pdf",
            )
        else:
            st.caption(t("presentation.page.pdf_unavailable", lang))
        if slide.kind == storyline.RANKING and slide.data is not None:
            table = comparison.ranking_table(slide.data, lang)
            table_stem = theme.file_stem(slide.title)
            st.download_button(
                t("presentation.page.download_csv", lang),
                lambda: tables.to_csv_bytes(table),
                file_name=f"{table_stem}.csv",
                mime="text/csv",
                key="download_csv",
            )
            st.download_button(
                t("presentation.page.download_xlsx", lang),
                lambda: tables.to_xlsx_bytes(table, slide.title),
                file_name=f"{table_stem}.xlsx",
                key="download_xlsx",
            )


def _annex(dataset: Dataset, year: int, blocks: tuple[str, ...], lang: str) -> str:
    return annex.to_html(dataset, year=year, blocks=list(blocks), lang=lang)


def _units_of(dataset: Dataset, year: int) -> widgets.UnitChoices:
    table = cache.standings(dataset)
    unit_ids = table.loc[table["year"] == year, "unit_id"].astype(str).tolist()
    return widgets.unit_choices_in(dataset, unit_ids, year)


def year_select(dataset: Dataset, lang: str) -> int:
    """Draw the sidebar year filter (shared with every page)."""
    return widgets.year_select(dataset, lang)
