"""Presentation mode (Trình chiếu): one slide per screen, keyboard navigation, ?slide= in the URL.

Keys come from ``st.button(shortcut=...)`` (Streamlit ≥ 1.50): → / ← for next / previous,
Home / End for the first and last slide, so a presenter needs no mouse. ``?slide=4`` opens
slide 4; Streamlit's ``?embed=true`` hides the app frame for the projector.
"""

from __future__ import annotations

import base64
import collections
import dataclasses
import logging
import math
import threading
from urllib.parse import urlencode

import streamlit as st

from parviz import markup, storyline
from parviz.charts import slides
from parviz.dataset import Dataset
from parviz.export import annex, images, pptx, tables
from parviz.i18n import t
from parviz.storyline import Slide, Storyline
from parviz.ui import cache, drawing, export_queue, hall, page, phone, state, widgets
from parviz.ui.hall import hall_html
from parviz.views import presentation as view
from parviz.views.presentation import Deck

log = logging.getLogger(__name__)

SLIDE = "slide"
SPOTLIGHTS = "spotlights"
SPOTLIGHT_PARAM = "spotlight"
# The slide is one HTML stage of STAGE_WIDTH × STAGE_HEIGHT logical px (16:9), its charts
# static SVGs drawn at their exact size, zoomed to the largest ZOOM_STEP that fits the window
# (CSS media queries): the same slide at 1920×1080 and 1024×768, smaller, never scrolled. A
# live Plotly chart cannot be zoomed this way: Streamlit sizes it from its on-screen width.
STAGE_WIDTH, STAGE_HEIGHT = 1920, 1080
# A 4:3 projector gets a narrower stage (charts shrink a little) rather than tiny type.
STAGE_MIN_WIDTH = 1600
FRAME = 64  # px of Streamlit's header above the stage outside projector mode
ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 0.02, 0.3, 2.0
PAD = 40  # stage padding (logical px)
CHART_HEIGHT = slides.HEIGHT
GAP = 60  # between side-by-side charts
SIDE = 0.6  # share of the width for the chart when bullets stand beside it


# A 4:3 screen (aspect ≤ 4/3) gets a 1600 × 1200 stage and charts drawn for it, taller and
# with larger type than the 16:9 ones shrunk to its width.
NARROW = "(max-aspect-ratio: 4/3)"
WIDE = "(min-aspect-ratio: 4001/3000)"
STAGES = {"wide": (STAGE_WIDTH, STAGE_HEIGHT, CHART_HEIGHT),
          "narrow": (STAGE_MIN_WIDTH, 1200, CHART_HEIGHT + 120)}


def _zoom_rules() -> str:
    """Return media queries setting --pv-zoom (projector) and --pv-zoom-framed (with header)."""
    rules = []
    steps = round((ZOOM_MAX - ZOOM_MIN) / ZOOM_STEP)
    for aspect, stage_height in ((WIDE, STAGE_HEIGHT), (NARROW, STAGES["narrow"][1])):
        for name, extra in (("--pv-zoom", 0), ("--pv-zoom-framed", FRAME)):
            for i in range(steps + 1):  # ascending: the last rule that matches (the largest) wins
                zoom = round(ZOOM_MIN + i * ZOOM_STEP, 2)
                width = math.ceil(STAGE_MIN_WIDTH * zoom)
                height = math.ceil(stage_height * zoom) + extra
                rules.append(f"@media {aspect} and (min-width: {width}px) and "
                             f"(min-height: {height}px) {{ :root {{ {name}: {zoom}; }} }}")
    return "\n".join(rules)


# Light, high-contrast, large type: body text 28 px on the 1080-px stage.
_CSS = f"""
<style>
:root {{ --pv-zoom: {ZOOM_MIN}; --pv-zoom-framed: {ZOOM_MIN}; }}
[data-testid="stMainBlockContainer"] {{ padding: {FRAME}px 0 0; max-width: 100%; }}
.streamlit-embedded [data-testid="stMainBlockContainer"] {{ padding: 0; }}
/* The stage is the only thing in the flow: no gaps after it for the out-of-flow controls. */
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 0; }}
/* Projector mode (?embed=true): nothing but the slide. */
.streamlit-embedded [data-testid="stHeader"], .streamlit-embedded [data-testid="stSidebar"],
.streamlit-embedded [data-testid="stSidebarCollapsedControl"],
.streamlit-embedded [data-testid="stExpandSidebarButton"],
.streamlit-embedded [data-testid="stToolbar"], .streamlit-embedded [data-testid="stDecoration"],
.streamlit-embedded [data-testid="stStatusWidget"], .streamlit-embedded .modebar-container
  {{ display: none !important; }}
.pv-stage {{ zoom: var(--pv-zoom-framed); height: {STAGE_HEIGHT}px; max-width: {STAGE_WIDTH * 2}px;
  box-sizing: border-box; padding: 20px {PAD}px 16px; margin: 0 auto; display: flex;
  flex-direction: column; overflow: hidden; background: #FFFFFF; color: #111111;
  font-size: 28px; line-height: 1.35; }}
.streamlit-embedded .pv-stage {{ zoom: var(--pv-zoom); }}
.pv-stage h1.pv-title {{ font-size: 46px; font-weight: 700; margin: 0; padding: 0;
  color: #000000; line-height: 1.15; }}
.pv-stage .pv-subtitle {{ font-size: 26px; color: #333333; margin: 0.2em 0 0; }}
.pv-body {{ flex: 1; min-height: 0; display: flex; gap: {GAP}px; margin-top: 16px; }}
.pv-body > div {{ min-width: 0; }}
.pv-chart {{ flex: 1; }}
.pv-chart img.pv-narrow {{ display: none; }}
@media {NARROW} {{
  .pv-stage {{ height: {STAGES["narrow"][1]}px; }}
  .pv-chart img.pv-wide {{ display: none; }}
  .pv-chart img.pv-narrow {{ display: block; max-height: {STAGES["narrow"][2]}px; }}
}}
.pv-chart img {{ display: block; width: 100%; height: auto; max-height: {CHART_HEIGHT}px;
  object-fit: contain; object-position: left top; }}
.pv-stage ul {{ margin: 0.2em 0 0 0; padding-left: 1.1em; }}
.pv-stage li {{ font-size: 28px; margin: 0 0 0.45em; }}
.pv-cover {{ text-align: center; padding-top: 180px; flex: 1; }}
.pv-cover h1.pv-title {{ font-size: 64px; margin-bottom: 0.3em; }}
.pv-cover .pv-subtitle {{ font-size: 32px; margin-bottom: 0.8em; }}
.pv-cover ul {{ list-style: none; padding: 0; }}
.pv-columns {{ display: flex; gap: 4em; width: 100%; }}
.pv-columns > div {{ flex: 1; }}
.pv-columns h2 {{ font-size: 36px; margin: 0 0 0.4em; }}
.pv-top {{ color: #00704F; }} .pv-bottom {{ color: #A34400; }}
.pv-illustrative {{ background: #FFF1D6; color: #7A2E00; border: 2px solid #B33A00;
  font-size: 24px; font-weight: 700; padding: 0.1em 0.6em; margin: 0 0 0.3em;
  align-self: flex-start; }}
.pv-footer {{ font-size: 24px; color: #333333; display: flex; justify-content: space-between;
  border-top: 1px solid #999999; padding-top: 0.3em; margin-top: 12px; }}
.pv-footer .pv-number {{ white-space: nowrap; flex-shrink: 0; padding-left: 1em; }}
.pv-side li {{ font-size: 28px; }}
.pv-body > .pv-side {{ flex: 0 0 calc({round((1 - SIDE) * 100)}% - {GAP}px); }}
.pv-text li {{ font-size: 32px; }} .pv-columns li {{ font-size: 34px; }}
.pv-cover .pv-illustrative {{ display: inline-block; }}
/* Small, quiet controls in the bottom corner; keys and clickers do the work. */
.st-key-pv_nav {{ position: fixed; right: 0.4rem; bottom: 0.1rem; width: auto !important;
  opacity: 0.3; z-index: 10; }}
.st-key-pv_nav:hover {{ opacity: 1; }}
.st-key-pv_nav button {{ min-height: 0; padding: 0 0.2rem; }}
.st-key-pv_nav button p, .st-key-pv_nav kbd {{ display: none; }}
[class*="st-key-pv_hidden_"] {{ position: absolute; left: -10000px; width: 1px; height: 1px;
  overflow: hidden; }}
</style>
"""
# The same on every slide and rerun: made once (the zoom rules alone are ~600 media queries).
_STAGE_STYLE = _CSS + f"<style>{_zoom_rules()}</style>"


def load() -> tuple[str, Dataset]:
    """Return the language and the dataset; draw its problems and stop when it is unusable."""
    page.leave_legacy_pages_mode()  # a first deep link to /presentation must get the app shell
    lang = state.language()
    title = t("ui.page.presentation.title", lang)
    # The sidebar (year, spotlights, downloads) starts closed: the slide gets the whole screen.
    st.set_page_config(
        page_title=f"{title} · {t('ui.app.title', lang)}", initial_sidebar_state="collapsed"
    )
    phone.stylesheet()  # a follower's phone: readable type, the chart scrolls inside (#14)
    return lang, page.usable_dataset(title, lang).dataset


def spotlight_select(dataset: Dataset, year: int, lang: str) -> list[str]:
    """Draw the sidebar choice of units to spotlight (names as in ``year``).

    The choice is kept in ``?spotlight=id,id`` too: the projector link and a copied link open
    the same deck.
    """
    choices = cache.shared(dataset, _units_of, year)
    if SPOTLIGHTS not in st.session_state and st.query_params.get(SPOTLIGHT_PARAM):
        wanted = str(st.query_params.get(SPOTLIGHT_PARAM)).split(",")
        names = {unit_id: name for name, unit_id in choices.id_of.items()}
        st.session_state[SPOTLIGHTS] = [names[u] for u in wanted if u in names]
    chosen = widgets.units_multiselect(
        t("presentation.page.spotlights", lang),
        choices,
        key=SPOTLIGHTS,
        placeholder=t("presentation.page.spotlights_placeholder", lang),
        sidebar=True,
    )
    if chosen:
        st.query_params[SPOTLIGHT_PARAM] = ",".join(chosen)
    elif SPOTLIGHT_PARAM in st.query_params:
        del st.query_params[SPOTLIGHT_PARAM]
    return chosen


def deck(dataset: Dataset, *, year: int, lang: str, spotlights: list[str]) -> Deck | None:
    """Return the deck (views.presentation), built once per data version, year, language and
    spotlights, with the hall's link; None when no block was scored in ``year``.

    Shared by every session of the process (each person opening the link gets it at once) and
    out of Streamlit's caches, which any visitor can clear (#16, #19). Nobody changes it.
    """
    built = cache.shared(dataset, _build_deck, year, lang, tuple(spotlights))
    return None if built is None else dataclasses.replace(built, story=hall.linked(built.story))


def _build_deck(dataset: Dataset, year: int, lang: str, spotlights: tuple[str, ...]) -> Deck | None:
    return view.build(dataset, year=year, lang=lang, spotlights=spotlights)


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
    """Draw small first / previous / next / last controls; keys and clickers do the same.

    Each button has one shortcut (→ ← Home End); clickers send PageDown / PageUp and some the
    Space bar, so those get twins kept out of sight (still mounted: their shortcuts stay live).
    """
    with st.container(key="pv_nav", horizontal=True, gap=None):
        for name, target, key, icon in (
            ("first", 1, "Home", ":material/first_page:"),
            ("previous", index - 1, "Left", ":material/chevron_left:"),
            ("next", index + 1, "Right", ":material/chevron_right:"),
            ("last", count, "End", ":material/last_page:"),
        ):
            _slide_button(name, target, key, index, count, lang, icon=icon, type="tertiary")
    for name, target, key in (("clicker_previous", index - 1, "PageUp"),
                              ("clicker_next", index + 1, "PageDown"),
                              ("clicker_space", index + 1, "Space")):  # fmt: skip
        with st.container(key=f"pv_hidden_{name}"):
            _slide_button(name, target, key, index, count, lang)


def _slide_button(
    name: str, target: int, shortcut: str, index: int, count: int, lang: str, **look: str
) -> None:
    """Draw the button ``name`` that goes to slide ``target`` (off when there or out of range)."""
    label = t(f"projector.{name}" if name == "clicker_space" else f"presentation.page.{name}", lang)
    st.button(
        label,
        key=f"slide_{name}",
        help=label if "icon" in look else None,
        shortcut=shortcut,
        on_click=_go,
        args=(target, count),
        disabled=target == index or not 1 <= target <= count,
        **look,
    )


def projector_link(lang: str) -> None:
    """Draw the sidebar link that opens this slide in projector mode (?embed=true)."""
    params = {key: st.query_params.get(key) for key in st.query_params}
    query = urlencode({**params, "embed": "true"})
    base = (st.context.url or "").split("?")[0]
    st.sidebar.link_button(t("projector.open", lang), f"{base}?{query}",
                           help=t("projector.open_help", lang), icon=":material/slideshow:")


def _escape(text: str) -> str:
    return markup.escape_html(text)  # the one boundary for data text (#19)


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_escape(line)}</li>" for line in lines) + "</ul>"


def slide_view(
    slide: Slide,
    story: Storyline,
    dataset: Dataset,
    index: int,
    spotlights: list[str] | None = None,
) -> None:
    """Draw one slide as one stage: illustrative label, title, body (charts, text), footer.

    With the ``spotlights`` the story was built with, the slide's chart images are kept per
    data version, year, language, spotlights and slide: the next viewer (a hundred followers)
    gets them without building a figure.
    """
    head = ""
    if story.illustrative_label:
        head = f"<div class='pv-illustrative'>{_escape(story.illustrative_label)}</div>"
    live: list = []  # figures drawn live when no static image can be made (no chromium)
    if slide.kind == storyline.TITLE:
        inner = (
            f"<div class='pv-cover'>{head}<h1 class='pv-title'>{_escape(slide.title)}</h1>"
            f"<div class='pv-subtitle'>{_escape(slide.subtitle)}</div>"
            f"{_bullets(slide.bullets)}{hall_html(slide, story)}</div>"
        )
    else:
        subtitle = (
            f"<div class='pv-subtitle'>{_escape(slide.subtitle)}</div>" if slide.subtitle else ""
        )
        key = None if spotlights is None else (story.year, story.lang, tuple(spotlights), index)
        body, live = _body(slide, story, dataset, key)
        inner = (
            f"{head}<h1 class='pv-title'>{_escape(slide.title)}</h1>{subtitle}"
            f"<div class='pv-body'>{body}{hall_html(slide, story)}</div>"
        )
    st.html(
        _STAGE_STYLE
        + f"<div class='pv-stage' data-testid='pv-stage' data-kind='{slide.kind}'>{inner}"
        f"{_footer(story, index)}</div>"
    )
    for i, fig in enumerate(live):
        st.plotly_chart(drawing.sent(fig), theme=None, width="stretch", key=f"chart_{index}_{i}")


def _body(
    slide: Slide, story: Storyline, dataset: Dataset, key: tuple | None = None
) -> tuple[str, list]:
    """Return the HTML of the slide's body, and the figures it could not draw as images.

    ``key`` (year, lang, spotlights, index): the story's own, to keep the chart images by.
    """
    if slide.kind == storyline.LEADERS:
        return _leaders_html(slide, story.lang), []
    side = bool(slide.bullets) and slide.kind in (storyline.CHANGES, storyline.SPOTLIGHT)
    try:
        if key is None:
            charts = _charts_html(slide, story, dataset, side)
        else:
            charts = cache.shared(dataset, _kept_charts_html, *key, side)
    except Exception:  # noqa: BLE001 - kaleido needs chromium; the live chart still shows
        log.warning("slide chart as image failed; drawing it live", exc_info=True)
        figs = slides.figures(slide, story, dataset)
        return (f"<div class='pv-side'>{_bullets(slide.bullets)}</div>" if side else ""), figs
    if charts is None:
        lines = storyline.shown_lines(slide, story.lang)
        return f"<div class='pv-text'>{_bullets(lines)}</div>", []
    if side:
        charts += f"<div class='pv-side'>{_bullets(slide.bullets)}</div>"
    return charts, []


def _charts_html(slide: Slide, story: Storyline, dataset: Dataset, side: bool) -> str | None:
    """Return the slide's charts as images in their boxes (None: the slide has no chart)."""
    figs = slides.figures(slide, story, dataset)
    if not figs:
        return None
    return "".join(
        f"<div class='pv-chart'>{_images(fig, len(figs), side, slide.title)}</div>"
        for fig in figs
    )


def _kept_charts_html(
    dataset: Dataset, year: int, lang: str, spotlights: tuple[str, ...], index: int, side: bool
) -> str | None:
    """Return slide ``index``'s charts of the story of these choices (kept by cache.shared).

    The same story the page draws (``deck`` is kept on the same arguments); an image that
    fails raises, so nothing is kept and the page draws the chart live.
    """
    built = deck(dataset, year=year, lang=lang, spotlights=list(spotlights))
    if built is None:
        return None
    return _charts_html(built.slide(index), built.story, dataset, side)


_SVGS: collections.OrderedDict[tuple[str, int, int], str] = collections.OrderedDict()
_SVGS_KEPT = 128
_SVGS_LOCK = threading.Lock()


def _images(fig, count: int, side: bool, title: str) -> str:
    """Return the chart as two images, for a 16:9 and a 4:3 stage; CSS shows the one that fits.

    ``count`` charts share the body's width, or one chart leaves 1 − SIDE of it to bullets.
    """
    tags = []
    for name, (width, _, height) in STAGES.items():
        inner = width - 2 * PAD
        pixels = int(inner * SIDE) if side else (inner - GAP * (count - 1)) // count
        tags.append(f"<img class='pv-{name}' alt='{_escape(title)}' "
                    f"src='{_svg(fig, pixels, height)}'>")
    return "".join(tags)


def _svg(fig, width: int, height: int = CHART_HEIGHT) -> str:
    """Return the figure as an SVG data URI (an image: st.html keeps only HTML).

    Kept for the whole process (the last _SVGS_KEPT): every viewer of a slide gets it at once;
    kaleido takes ~0.3 s a figure. The browser tests read the SVG back from the data URI.
    """
    key = (fig.to_json(), width, height)
    with _SVGS_LOCK:
        if key in _SVGS:
            _SVGS.move_to_end(key)
            return _SVGS[key]
    # Drawn outside the lock: two sessions asking for a new image at once only draw it twice.
    data = images.svg(fig, width=width, height=height).encode("utf-8")
    uri = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
    with _SVGS_LOCK:
        _SVGS[key] = uri
        while len(_SVGS) > _SVGS_KEPT:
            _SVGS.popitem(last=False)
    return uri


def _leaders_html(slide: Slide, lang: str) -> str:
    parts = []
    for group, lines in storyline.leader_groups(slide).items():
        heading = _escape(t(f"presentation.leaders.{group}", lang))
        items = "".join(f"<li>{_escape(line)}</li>" for line in lines)
        parts.append(f"<div><h2 class='pv-{group}'>{heading}</h2><ul>{items}</ul></div>")
    return f"<div class='pv-columns'>{''.join(parts)}</div>"


def _footer(story: Storyline, index: int) -> str:
    count = len(story.slides)
    number = _escape(t("presentation.page.counter", story.lang, index=index, count=count))
    return (
        f"<div class='pv-footer'><span>{_escape(story.footer)}</span>"
        f"<span class='pv-number' data-testid='pv-counter'>{number}</span></div>"
    )


def downloads(deck: Deck, slide: Slide, dataset: Dataset) -> None:
    """Draw the sidebar downloads: the deck (built on demand, with progress), annex, table."""
    story, lang, stem = deck.story, deck.story.lang, deck.file_stem
    with st.sidebar.expander(t("presentation.page.downloads", lang), expanded=False):

        def build_deck() -> bytes:
            bar = st.progress(0.0)
            return pptx.build_deck(story, dataset, progress=lambda done, total: bar.progress(
                done / total, t("presentation.page.progress", lang, index=done, count=total)))

        # Built once per process for these slides (export_queue): the next visitor downloads.
        pptx_bytes = export_queue.on_click(view.export_key("pptx", story, dataset), build_deck,
                                           lang, label=t("presentation.page.make_pptx", lang),
                                           button_key="make_pptx",
                                           done=t("presentation.page.done", lang))  # fmt: skip
        _download(pptx_bytes, "presentation.page.download_pptx", lang, f"{stem}.pptx",
                  "download_pptx", PPTX_MIME)

        # Files are built when clicked (callables), not on every slide change.
        def document() -> str:
            return cache.shared(dataset, _annex, story.year, deck.blocks, lang)

        _download(document, "presentation.page.download_annex_html", lang,
                  f"{stem}-phu-luc.html", "download_annex_html", "text/html")
        if annex.chromium_path():
            # Not a deferred download: a click would start a chromium outside any queue (#19).
            pdf = export_queue.on_click(view.annex_key("pdf", deck, dataset),
                                        lambda: annex.to_pdf(document(), lang=lang), lang,
                                        label=t("security.export.make_pdf", lang),
                                        button_key="make_pdf")  # fmt: skip
            _download(pdf, "presentation.page.download_annex_pdf", lang,
                      f"{stem}-phu-luc.pdf", "download_annex_pdf", "application/pdf")
        else:
            st.caption(t("presentation.page.pdf_unavailable", lang))
        shown = view.slide_table(slide, lang)
        if shown is not None:
            _download(lambda: tables.to_csv_bytes(shown.table), "presentation.page.download_csv",
                      lang, f"{shown.file_stem}.csv", "download_csv", "text/csv")
            _download(lambda: tables.to_xlsx_bytes(shown.table, shown.sheet),
                      "presentation.page.download_xlsx", lang, f"{shown.file_stem}.xlsx",
                      "download_xlsx", None)


PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _download(data, label: str, lang: str, file_name: str, key: str, mime: str | None) -> None:
    """Draw a download button of ``data`` (bytes, text or a callable); nothing when None."""
    if data is not None:
        st.download_button(t(label, lang), data, file_name=file_name, mime=mime, key=key)


def _annex(dataset: Dataset, year: int, blocks: tuple[str, ...], lang: str) -> str:
    return annex.to_html(dataset, year=year, blocks=list(blocks), lang=lang)


def _units_of(dataset: Dataset, year: int) -> widgets.UnitChoices:
    table = cache.standings(dataset)
    unit_ids = table.loc[table["year"] == year, "unit_id"].astype(str).tolist()
    return widgets.unit_choices_in(dataset, unit_ids, year)


def year_select(dataset: Dataset, lang: str) -> int:
    """Draw the sidebar year filter (shared with every page)."""
    return widgets.year_select(dataset, lang)
