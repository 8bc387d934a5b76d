"""Presentation (Trình chiếu): the year's storyline, one slide per screen, keyboard-driven."""

import streamlit as st

from parviz import storyline
from parviz.i18n import t
from parviz.ui import presentation as ui
from parviz.ui import render

lang, dataset = ui.load()
year = ui.year_select(dataset, lang)
spotlights = ui.spotlight_select(dataset, year, lang)
st.sidebar.caption(t("projector.keys", lang))
ui.projector_link(lang)

blocks = storyline.blocks_of(dataset, year)
if not blocks:
    render.notice("presentation.page.no_data", lang, year=year)
    st.stop()
story = ui.story(dataset, year=year, lang=lang, spotlights=spotlights)
index = ui.current_index(len(story.slides))
slide = storyline.find(story, index)

ui.slide_view(slide, story, dataset, index)
ui.navigation(index, len(story.slides), lang)
ui.downloads(slide, story, dataset, blocks)
