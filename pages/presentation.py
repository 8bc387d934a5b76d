"""Presentation (Trình chiếu): the year's storyline, one slide per screen, keyboard-driven."""

import streamlit as st

from parviz import storyline
from parviz.i18n import t
from parviz.ui import follow, hall, render
from parviz.ui import presentation as ui

lang, dataset = ui.load()
follow.sync(dataset)  # a follower takes the presenter's year, spotlights and slide
year = ui.year_select(dataset, lang)
spotlights = ui.spotlight_select(dataset, year, lang)
st.sidebar.caption(t("projector.keys", lang))
ui.projector_link(lang)

blocks = storyline.blocks_of(dataset, year)
if not blocks:
    render.notice("presentation.page.no_data", lang, year=year)
    st.stop()
story = hall.linked(ui.story(dataset, year=year, lang=lang, spotlights=spotlights))
index = ui.current_index(len(story.slides))
follow.share(year, index, spotlights)  # the presenter publishes the slide before drawing it
slide = storyline.find(story, index)

ui.slide_view(slide, story, dataset, index, spotlights)
ui.navigation(index, len(story.slides), lang)
follow.controls(lang)
ui.downloads(slide, story, dataset, blocks)
