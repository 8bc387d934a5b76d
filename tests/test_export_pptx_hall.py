"""The hall's QR code in the PowerPoint deck: read from the picture and from LibreOffice."""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image
from pptx import Presentation

from parviz import cli, hall, storyline
from parviz.export import pptx, pptx_hall
from parviz.loading import load_dataset
from tests.helpers import MINIMAL, ROOT, office_pdf
from tests.test_hall import decode

PUBLIC = "https://cchc.example.vn/parviz/"
URL = "https://cchc.example.vn/parviz/presentation?year=2021&lang=en&follow=1"
SHOTS = ROOT / ".pytest_cache" / "deck-hall"


@pytest.fixture(scope="module")
def minimal():
    return load_dataset(MINIMAL)


@pytest.fixture(scope="module")
def deck_bytes(minimal):
    story = storyline.build(minimal, year=2021, lang="en", blocks=["district"])
    return pptx.build_deck(hall.with_link(story, PUBLIC), minimal)


def codes(page) -> list[str]:
    """Return the texts of the hall QR pictures on a slide, decoded from their image bytes."""
    return [text for shape in page.shapes if shape.name == pptx_hall.PICTURE_NAME
            for text in decode(shape.image.blob)]  # fmt: skip


def test_title_and_closing_slides_carry_the_code_of_the_live_presentation(deck_bytes):
    deck = Presentation(io.BytesIO(deck_bytes))
    slides = list(deck.slides)
    assert codes(slides[0]) == [URL]
    assert codes(slides[-1]) == [URL]
    assert all(codes(page) == [] for page in slides[1:-1])
    closing = [s.text_frame.text for s in slides[-1].shapes if s.has_text_frame]
    assert "Thank you!" in closing and URL in closing


def test_without_the_setting_the_deck_has_no_code(minimal):
    story = storyline.build(minimal, year=2021, lang="en", blocks=["district"])
    deck = Presentation(io.BytesIO(pptx.build_deck(hall.with_link(story, ""), minimal)))
    names = {shape.name for page in deck.slides for shape in page.shapes}
    assert pptx_hall.PICTURE_NAME not in names
    assert len(deck.slides) == len(story.slides)  # no closing slide either


def test_the_cli_deck_takes_the_setting(tmp_path, monkeypatch):
    out = tmp_path / "deck.pptx"
    argv = ["--data", str(MINIMAL), "export", "--year", "2021", "--format", "pptx",
            "--lang", "en", "--block", "district", "--out", str(out)]  # fmt: skip
    monkeypatch.setenv("PARVIZ_PUBLIC_URL", PUBLIC)
    assert cli.main(argv) == cli.EXIT_OK
    deck = Presentation(str(out))
    assert codes(list(deck.slides)[0]) == [URL]
    monkeypatch.delenv("PARVIZ_PUBLIC_URL")
    assert cli.main(argv) == cli.EXIT_OK
    assert codes(list(Presentation(str(out)).slides)[0]) == []


def test_the_code_reads_from_the_slides_as_libreoffice_renders_them(deck_bytes, tmp_path):
    """What a phone sees on the screen: the rendered title and closing pages decode to the URL."""
    pdf = office_pdf(deck_bytes, tmp_path, "deck.pptx")
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf),
                    str(SHOTS / "page")], check=True, timeout=120)  # fmt: skip
    pages = sorted(SHOTS.glob("page-*.png"))
    assert len(pages) == len(Presentation(io.BytesIO(deck_bytes)).slides)
    for page in (pages[0], pages[-1]):  # look at them: .pytest_cache/deck-hall/
        buffer = io.BytesIO()
        Image.open(page).save(buffer, format="PNG")
        assert decode(buffer.getvalue()) == [URL], page.name
