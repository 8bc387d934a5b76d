"""Draw key findings: a bulleted list to read, and the same text in a block with a copy button."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from parviz import findings
from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.ui import cache
from parviz.ui.render import escape_markdown


def render_findings(
    findings_texts: Sequence[str],
    lang: str,
    key: str,
    *,
    note: str | None = None,
    heading: str | None = None,
) -> None:
    """Draw the sentences as bullets, and in an expander copyable text (st.code: a copy button).

    ``key`` names the container (CSS class ``st-key-<key>``) so tests can find it; ``note``
    (e.g. "illustrative data") ends the copied text and is shown as a caption; ``heading``
    (block and year) starts the copied text, so a pasted paragraph says what it is about.
    """
    with st.container(key=key):
        st.subheader(t("findings.ui.title", lang))
        if not findings_texts:
            st.caption(t("findings.ui.none", lang))
            return
        st.markdown("\n".join(f"- {escape_markdown(text)}" for text in findings_texts))
        if note:
            st.caption(note)
        # Filled when opened: a code block loads the browser's syntax highlighter, ~0.3 s of
        # script on every page load even inside a closed expander (#16).
        copy = st.expander(t("findings.ui.copy", lang), icon=":material/content_copy:",
                           key=f"{key}-copy", on_change="rerun")  # fmt: skip
        if copy.open:
            copy.code(copy_text(findings_texts, note, heading), language=None, wrap_lines=True)


def copy_text(
    findings_texts: Sequence[str], note: str | None = None, heading: str | None = None
) -> str:
    """Return the text to paste into a report: the heading, one sentence a line, the note."""
    lines = ([heading] if heading else []) + [f"- {text}" for text in findings_texts]
    if note:
        lines += ["", note]
    return "\n".join(lines)


def show_block(dataset: Dataset, year: int, block: str, lang: str) -> None:
    """Draw the findings of one block and year (the Overview page's single call)."""
    render_findings(
        cache.derived(dataset, block_texts, year, block, lang),
        lang,
        key=f"findings-{block}-{year}",
        note=_note(dataset, lang),
        heading=t("findings.cli.heading", lang, block=dataset.block_name(block, lang), year=year),
    )


def show_unit(dataset: Dataset, unit_id: str, year: int, lang: str) -> None:
    """Draw the findings of ``year`` about one unit (the unit profile's single call)."""
    render_findings(
        cache.derived(dataset, unit_texts, unit_id, year, lang),
        lang,
        key=f"findings-unit-{unit_id}-{year}",
        note=_note(dataset, lang),
    )


def block_texts(dataset: Dataset, year: int, block: str, lang: str) -> list[str]:
    """Return the sentences of the findings of one block and year (cached by the caller)."""
    return findings.texts(findings.findings(dataset, year=year, block=block), dataset, lang)


def unit_texts(dataset: Dataset, unit_id: str, year: int, lang: str) -> list[str]:
    """Return the sentences of the findings of ``year`` about one unit."""
    return findings.texts(findings.unit_findings(dataset, unit_id, year=year), dataset, lang)


def _note(dataset: Dataset, lang: str) -> str | None:
    return t("findings.illustrative_note", lang) if dataset.illustrative else None
