"""The written report (parviz/export/report_*.py, docx_form.py), read back from the .docx.

The 2021 report of the bundled sample is built once per language; every number is checked
against `parviz rank` (run through the CLI) and the findings.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image

from parviz import cli, findings
from parviz.export import report_docx
from parviz.i18n import fmt_number
from parviz.loading import load
from tests.helpers import SAMPLE, copy_minimal

YEAR = 2021
BLOCKS = ("department", "district")
TIMES = "Times New Roman"


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE).dataset


@pytest.fixture(scope="module")
def reports(sample) -> dict[str, bytes]:
    return {lang: report_docx.build_report(sample, year=YEAR, lang=lang, issued_year=2022)
            for lang in ("vi", "en")}


def opened(data: bytes):
    return Document(io.BytesIO(data))


def all_text(document) -> str:
    """Return the text of every paragraph, in tables too, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def rank_json(block: str, capsys) -> list[dict]:
    """Return `parviz rank --format json` of the sample's 2021 block."""
    capsys.readouterr()
    assert cli.main(["--data", str(SAMPLE), "rank", "--year", str(YEAR), "--block", block,
                     "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def mm(length) -> float:
    return length / Mm(1)


# --- the form of Decree 30/2020 ------------------------------------------------------------


def test_page_setup_is_a4_portrait_with_the_decree_margins_and_landscape_annexes(reports):
    document = opened(reports["vi"])
    first, *annexes = document.sections
    assert round(mm(first.page_width)) == 210 and round(mm(first.page_height)) == 297
    assert 20 <= round(mm(first.top_margin), 1) <= 25
    assert 20 <= round(mm(first.bottom_margin), 1) <= 25
    assert 30 <= round(mm(first.left_margin), 1) <= 35
    assert 15 <= round(mm(first.right_margin), 1) <= 20
    assert len(annexes) == 3  # one results annex per block, then the criteria
    for section in annexes:
        assert round(mm(section.page_width)) == 297 and round(mm(section.page_height)) == 210


def fonts_of(element) -> dict[str, str]:
    fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {key: fonts.get(qn(f"w:{key}")) for key in ("ascii", "hAnsi", "eastAsia", "cs")}


def test_times_new_roman_everywhere_body_14_pt_justified(reports):
    document = opened(reports["vi"])
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert set(fonts_of(defaults).values()) == {TIMES}
    for name in ("Normal", "Heading 1", "Heading 2", "Caption"):
        assert set(fonts_of(styles[name].element).values()) == {TIMES}, name
        assert styles[name].font.name == TIMES
    for name in ("Body Text", "List Bullet"):
        style = styles[name]
        assert 13 <= style.font.size.pt <= 14
        assert style.paragraph_format.alignment == 3  # justify
    # No run overrides the font: everything inherits Times New Roman.
    assert not re.search(rb"w:rFonts", zipfile.ZipFile(io.BytesIO(reports["vi"]))
                         .read("word/document.xml"))
    body = [p for p in document.paragraphs if p.style.name in ("Body Text", "List Bullet")]
    assert len(body) > 30


def test_real_styles_are_used(reports):
    used = {p.style.name for p in opened(reports["vi"]).paragraphs}
    assert {"Heading 1", "Heading 2", "List Bullet", "Body Text", "Caption",
            "Placeholder"} <= used
    tables = opened(reports["vi"]).tables
    assert sum(t.style is not None and t.style.name == "Table Grid" for t in tables) == 4


def heading_cells(document):
    left, right = document.tables[0].rows[0].cells
    return left, right


def runs_of(cell, text: str):
    return [r for p in cell.paragraphs for r in p.runs if r.text == text]


def test_heading_block_issuing_body_left_motto_right(reports):
    left, right = heading_cells(opened(reports["vi"]))
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH HẢI DƯƠNG", "SỞ NỘI VỤ", "Số:        /BC-SNV"]
    assert runs_of(left, "SỞ NỘI VỤ")[0].bold
    country, = runs_of(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    words, = runs_of(right, "Độc lập - Tự do - Hạnh phúc")
    assert country.bold and 12 <= country.font.size.pt <= 13
    assert words.bold and 13 <= words.font.size.pt <= 14
    date, = runs_of(right, "Hải Dương, ngày      tháng      năm 2022")
    assert date.italic
    text = all_text(opened(reports["vi"]))
    assert "BÁO CÁO\nKết quả xác định Chỉ số cải cách hành chính năm 2021" in text


def test_heading_block_in_english(reports):
    _, right = heading_cells(opened(reports["en"]))
    assert runs_of(right, "SOCIALIST REPUBLIC OF VIET NAM")[0].bold
    assert runs_of(right, "Independence - Freedom - Happiness")[0].bold


def test_page_numbers_from_page_two_and_illustrative_label_on_every_page(reports):
    section = opened(reports["vi"]).sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert "PAGE" not in section.first_page_header._element.xml
    label = "DỮ LIỆU MINH HỌA – không phải số liệu chính thức"
    assert label in section.header._element.xml
    assert label in section.first_page_header._element.xml


def test_numbered_sections_and_placeholders_to_write(reports):
    document = opened(reports["vi"])
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level1 == ["I. KẾT QUẢ CHUNG", "II. KẾT QUẢ THEO TỪNG KHỐI",
                      "III. KẾT QUẢ THEO TỪNG LĨNH VỰC", "IV. ĐÁNH GIÁ, NGUYÊN NHÂN VÀ ĐỀ XUẤT"]
    placeholders = [p for p in document.paragraphs if p.style.name == "Placeholder"]
    assert len(placeholders) == 3
    assert all(p.text.startswith("[PHẦN DO CÁN BỘ SOẠN THẢO VIẾT") for p in placeholders)
    assert document.styles["Placeholder"].font.highlight_color is not None


# --- every number matches `parviz rank` and the findings -----------------------------------


def annex_rows(document, index: int) -> list[list[str]]:
    """Return the rows (header first) of the results table of the ``index``-th block."""
    results = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    return [[cell.text for cell in row.cells] for row in results[index].rows]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_unit_of_every_block_with_its_score_and_rank(reports, lang, capsys):
    document = opened(reports[lang])
    for index, block in enumerate(BLOCKS):
        records = rank_json(block, capsys)
        rows = annex_rows(document, index)
        header, body = rows[0], rows[1:]
        unit, total, rank = (header.index(h) for h in (
            ("Đơn vị", "Tổng điểm", "Xếp hạng") if lang == "vi" else
            ("Unit", "Total score", "Rank")))
        assert len(body) == len(records)
        for row, record in zip(body, records):
            assert row[unit] == record["unit"]
            assert row[total] == fmt_number(record["score"], lang)
            assert row[rank] == str(record["rank"]) + ("*" if record["tied"] else "")


def test_tied_leaders_are_both_named_highest(reports):
    text = all_text(opened(reports["vi"]))
    assert ("cao nhất là UBND thành phố Hải Dương và UBND huyện Nam Sách (85,86 điểm)") in text


def test_tied_units_are_marked(reports):
    rows = annex_rows(opened(reports["vi"]), 1)
    assert [r[rows[0].index("Xếp hạng")] for r in rows[1:3]] == ["1*", "2*"]
    assert "(*) Đồng điểm" in all_text(opened(reports["vi"]))


def test_general_results_match_the_ranking(reports, capsys):
    text = all_text(opened(reports["vi"]))
    assert "Năm 2021, Chỉ số CCHC được xác định đối với 30 cơ quan, đơn vị" in text
    for block in BLOCKS:
        records = rank_json(block, capsys)
        average = sum(r["score"] for r in records) / len(records)
        assert f"điểm bình quân đạt {fmt_number(average, 'vi')}/100 điểm" in text
        best = max(r["score"] for r in records)
        worst = min(r["score"] for r in records)
        tops = findings.join([r["unit"] for r in records if r["score"] == best], "vi")
        bottoms = findings.join([r["unit"] for r in records if r["score"] == worst], "vi")
        assert f"cao nhất là {tops} ({fmt_number(best, 'vi')} điểm)" in text
        assert f"thấp nhất là {bottoms} ({fmt_number(worst, 'vi')} điểm)" in text
    # 2020's averages, from the 2020 ranking.
    for block in BLOCKS:
        capsys.readouterr()
        cli.main(["--data", str(SAMPLE), "rank", "--year", "2020", "--block", block,
                  "--format", "json"])
        before = json.loads(capsys.readouterr().out)
        previous = sum(r["score"] for r in before) / len(before)
        assert f"(năm 2020: {fmt_number(previous, 'vi')} điểm)" in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_findings_sentences_are_in_the_report(reports, sample, lang):
    text = all_text(opened(reports[lang]))
    for block in BLOCKS:
        for finding in findings.findings(sample, year=YEAR, block=block):
            if finding.kind in ("leader", "streak", "runner_up", "tie", "lowest",
                                "criterion_best", "criterion_worst"):
                assert findings.render(finding, sample, lang) in text, finding.kind


def test_rank_changes_are_written_in_words(reports):
    text = all_text(opened(reports["vi"]))
    assert "UBND thành phố Chí Linh giảm 2 bậc, từ hạng 1 xuống hạng 3." in text
    assert "UBND thành phố Hải Dương tăng 4 bậc, từ hạng 5 lên hạng 1." in text
    assert "So với năm 2020: 5 đơn vị tăng bậc, 5 đơn vị giảm bậc, 2 đơn vị giữ nguyên" in text
    english = all_text(opened(reports["en"]))
    assert "UBND thành phố Chí Linh fell 2 places, from 1st to 3rd." in english


def test_sources_in_the_final_note(reports):
    text = all_text(opened(reports["vi"]))
    assert "Nguồn: Hải Dương: Sở Giao Thông Vận Tải Dẫn Đầu Chỉ Số Cải Cách Hành Chính" in text
    assert "Đây là dữ liệu minh họa, không phải số liệu chính thức." in text


# --- pictures -----------------------------------------------------------------------------


def test_charts_are_sharp_inline_pictures(reports):
    document = opened(reports["vi"])
    shapes = document.inline_shapes
    assert len(shapes) == 4  # ranking and criterion averages of each block
    xml = zipfile.ZipFile(io.BytesIO(reports["vi"])).read("word/document.xml")
    assert b"<wp:anchor" not in xml and b"txbxContent" not in xml  # nothing floats
    for shape in shapes:
        blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill
                                           .blip.embed].blob
        image = Image.open(io.BytesIO(blob))
        assert image.format == "PNG"
        dpi = image.width / (shape.width / Mm(25.4))
        assert dpi >= 300, dpi
        assert round(mm(shape.width)) == 165  # the text width: 210 − 30 − 15 mm


# --- untrusted data -----------------------------------------------------------------------

HOSTILE = [
    ("a", '=HYPERLINK("http://evil.example","x")'),
    ("b", '<w:fldSimple w:instr="DATE"/> { PAGE } http://evil.example'),
    ("c", "Cẩm Lộc @SUM(1)"),  # control characters are refused at load (validation)
]


def hostile_dataset(tmp_path, illustrative: str = "true"):
    folder = copy_minimal(tmp_path)
    units = (folder / "units.csv").read_text(encoding="utf-8").splitlines()
    lines = [units[0]]
    names = dict(HOSTILE)
    for line in units[1:]:
        unit_id = line.split(",")[0]
        parts = line.split(",")
        quoted = '"' + names[unit_id].replace('"', '""') + '"'
        lines.append(",".join([parts[0], parts[1], quoted, quoted, "", *parts[5:]]))
    (folder / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "unit_names.csv").write_text("unit_id,from_year,name,short_name\n",
                                           encoding="utf-8")
    metadata = (folder / "metadata.csv").read_text(encoding="utf-8")
    metadata = metadata.replace("illustrative,true", f"illustrative,{illustrative}")
    metadata += 'report_issuer,"=cmd|\' /C calc\'!A0"\n'
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    result = load(folder)
    assert result.dataset is not None, result.problems
    return result.dataset


def test_data_strings_never_become_fields_links_or_formulas(tmp_path):
    dataset = hostile_dataset(tmp_path)
    data = report_docx.build_report(dataset, year=YEAR, lang="vi")
    package = zipfile.ZipFile(io.BytesIO(data))
    for name in package.namelist():
        if not name.endswith((".xml", ".rels")):
            continue
        xml = package.read(name).decode("utf-8")
        assert "<w:fldSimple" not in xml and "<w:hyperlink" not in xml, name  # as elements
        assert "relationships/hyperlink" not in xml, name
        instructions = re.findall(r"<w:instrText[^>]*>([^<]*)<", xml)
        assert all(i.strip() == "PAGE" for i in instructions), (name, instructions)
    text = all_text(opened(data))
    assert '=HYPERLINK("http://evil.example","x")' in text
    assert '<w:fldSimple w:instr="DATE"/> { PAGE } http://evil.example' in text
    assert "Cẩm Lộc @SUM(1)" in text
    assert "=CMD|' /C CALC'!A0" in text


def test_real_data_has_no_illustrative_label(tmp_path):
    data = report_docx.build_report(hostile_dataset(tmp_path, "false"), year=YEAR, lang="en")
    document = opened(data)
    assert "ILLUSTRATIVE" not in document.sections[0].header._element.xml
    assert "ILLUSTRATIVE" not in all_text(document)


def test_a_chart_failure_is_a_message_not_a_traceback(sample, monkeypatch):
    from parviz.export import images

    def broken(*args, **kwargs):
        raise RuntimeError("no chromium")

    monkeypatch.setattr(images, "png", broken)
    with pytest.raises(report_docx.ReportError, match="Không soạn được báo cáo: no chromium"):
        report_docx.build_report(sample, year=YEAR, lang="vi")


def test_cli_reports_a_chart_failure_in_the_users_language(monkeypatch, tmp_path, capsys):
    from parviz.export import images

    def broken(*args, **kwargs):
        raise RuntimeError("no chromium")

    monkeypatch.setattr(images, "png", broken)
    out = tmp_path / "r.docx"
    code = cli.main(["--data", str(SAMPLE), "export", "--year", "2021", "--format", "docx",
                     "--lang", "en", "--out", str(out)])
    assert code == cli.EXIT_INVALID and not out.exists()
    assert capsys.readouterr().err == "parviz: The report could not be drafted: no chromium\n"
