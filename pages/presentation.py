"""Presentation (Trình chiếu): the year's storyline, one slide per screen, keyboard-driven."""

import streamlit as st

from parviz.i18n import t
from parviz.ui import follow, render
from parviz.ui import presentation as ui

lang, dataset = ui.load()
follow.sync(dataset)  # a follower takes the presenter's year, spotlights and slide
year = ui.year_select(dataset, lang)
spotlights = ui.spotlight_select(dataset, year, lang)
st.sidebar.caption(t("projector.keys", lang))
ui.projector_link(lang)

deck = ui.deck(dataset, year=year, lang=lang, spotlights=spotlights)
if deck is None:
    render.notice("presentation.page.no_data", lang, year=year)
    st.stop()
index = ui.current_index(deck.count)
follow.share(year, index, spotlights)  # the presenter publishes the slide before drawing it
slide = deck.slide(index)

ui.slide_view(slide, deck.story, dataset, index, spotlights)
ui.navigation(index, deck.count, lang)
follow.controls(lang)
ui.downloads(deck, slide, dataset)
