"""QR codes as image bytes (PNG for slides and decks, SVG for print), made with segno.

segno is pure Python with no dependency. Error correction "M" (15 %) survives a projector's
glare and a phone's shaky photo while keeping the modules large; a quiet zone of four modules
is what the standard asks for and what phone readers need to find the code.
"""

from __future__ import annotations

import io

import segno

ERROR = "m"
BORDER = 4  # modules of white around the code (the standard's quiet zone)


def png(text: str, *, scale: int = 10) -> bytes:
    """Return ``text`` as a black-on-white QR code PNG, ``scale`` pixels per module."""
    buffer = io.BytesIO()
    _code(text).save(buffer, kind="png", scale=scale, border=BORDER, dark="#000000",
                     light="#FFFFFF")  # fmt: skip
    return buffer.getvalue()


def svg(text: str, *, scale: int = 10) -> bytes:
    """Return ``text`` as a black-on-white QR code SVG (no XML declaration: it can be inlined)."""
    buffer = io.BytesIO()
    _code(text).save(buffer, kind="svg", scale=scale, border=BORDER, dark="#000000",
                     light="#FFFFFF", xmldecl=False, svgns=True)  # fmt: skip
    return buffer.getvalue()


def modules(text: str) -> int:
    """Return the width of the code of ``text`` in modules, quiet zone included."""
    return _code(text).symbol_size(scale=1, border=BORDER)[0]


def _code(text: str) -> segno.QRCode:
    if not text:
        raise ValueError("a QR code needs a text")
    # micro=False: Micro QR codes are not read by every phone camera.
    return segno.make(text, error=ERROR, micro=False)
