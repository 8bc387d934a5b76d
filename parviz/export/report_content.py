"""The written report of a year as data: headings, paragraphs, lists, tables and charts.

Drafted from the same functions as the app (``findings``, ``ranking``, ``comparison``,
``breakdown``), in the order of the annual report on the index: I. general results, II. per
block, III. per criterion, IV. placeholders for what people write, then annexes. It knows
nothing about Word: ``report_docx`` lays it out in the form of Decree 30/2020/NĐ-CP.
"""

from __future__ import annotations

from collections.abc import Sequence

from parviz import findings, schema
from parviz.dataset import Dataset
from parviz.export import report_annexes, report_sections
from parviz.export.report_model import NOTE, Element, Paragraph, Report
from parviz.i18n import t


def build(
    dataset: Dataset, *, year: int, lang: str, blocks: Sequence[str] | None = None,
    issued_year: int | None = None,
) -> Report:
    """Return the report of ``year`` for ``blocks`` (default: every block scored that year)."""
    chosen = [b for b in (blocks or dataset.blocks) if year in dataset.years_of(b)]
    meta = dataset.metadata
    place = meta.get(schema.META_REPORT_PLACE) or meta.get(schema.META_REGION) or ""
    code = meta.get(schema.META_REPORT_CODE, "")
    body: list[Element] = [Paragraph(t("report.intro", lang, year=year))]
    if dataset.illustrative:
        body.insert(0, Paragraph(t("report.illustrative_first", lang), NOTE))
    body += report_sections.general(dataset, year=year, blocks=chosen, lang=lang)
    body += report_sections.per_block(dataset, year=year, blocks=chosen, lang=lang)
    body += report_sections.per_criterion(dataset, year=year, blocks=chosen, lang=lang)
    body += report_sections.to_write(lang)
    title = t("report.title", lang, year=year, blocks=_blocks_phrase(dataset, chosen, lang))
    return Report(
        lang=lang,
        year=year,
        issuer_parent=meta.get(schema.META_REPORT_ISSUER_PARENT, "").upper(),
        issuer=meta.get(schema.META_REPORT_ISSUER, "").upper(),
        number=t("report.number", lang, code=code) if code else t("report.number_blank", lang),
        date_line=t("report.date_line", lang, place=place, year=issued_year or year + 1),
        kind=t("report.kind", lang),
        title=title,
        illustrative_label=t("presentation.illustrative", lang) if dataset.illustrative else "",
        body=tuple(body),
        signature=(_recipients(lang), _signer(lang)),
        notes=tuple(_notes(dataset, year, lang)),
        annexes=tuple(report_annexes.annexes(dataset, year=year, blocks=chosen, lang=lang)),
        core_title=f"{t('report.kind', lang)} {title}",
    )


def _blocks_phrase(dataset: Dataset, blocks: Sequence[str], lang: str) -> str:
    """Return 'khối Sở, ban, ngành và khối UBND huyện, ...' for the title."""
    names = [t("report.block_phrase", lang, block=findings.block_label(dataset, b, lang))
             for b in blocks]
    return findings.join(names, lang)


def _recipients(lang: str) -> tuple[str, ...]:
    return (t("report.recipients.heading", lang), t("report.recipients.item", lang),
            t("report.recipients.archive", lang))


def _signer(lang: str) -> tuple[str, ...]:
    return (t("report.signer.title", lang), t("report.signer.name", lang))


def _notes(dataset: Dataset, year: int, lang: str) -> list[str]:
    """Return the final note: sources, how the draft was made, the illustrative warning."""
    from parviz.storyline import source_line  # the same "Nguồn: …" line as slides and annexes

    notes = [source_line(dataset, year, lang),
             t("report.note.drafted", lang, title=dataset.title)]
    if dataset.illustrative:
        notes.append(t("report.note.illustrative", lang))
    return notes

