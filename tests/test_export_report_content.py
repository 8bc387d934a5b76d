"""The report's text drafted from small literal datasets (parviz/export/report_content.py)."""

from __future__ import annotations

from parviz.export import report_content
from parviz.export.report_model import Chart, Heading, Paragraph
from parviz.loading import load
from tests.helpers import copy_minimal


def texts(report) -> list[str]:
    return [e.text for e in report.body if isinstance(e, Paragraph | Heading)]


def build(folder, year: int, lang: str = "vi"):
    result = load(folder)
    assert result.dataset is not None, result.problems
    return report_content.build(result.dataset, year=year, lang=lang)


def test_first_year_has_no_comparison(tmp_path):
    report = build(copy_minimal(tmp_path), 2020)
    assert not [t for t in texts(report) if "So với năm" in t]
    assert report.date_line == "Testland, ngày      tháng      năm 2021"  # place: the region
    assert report.number == "Số:        /BC-"  # no report_code: left blank to fill
    assert (report.issuer_parent, report.issuer) == ("", "")


def test_block_average_and_its_change_in_points(tmp_path):
    body = texts(build(copy_minimal(tmp_path), 2021))
    # 2021: 84, 84, 75.5 → 81.17; 2020: 90, 80, 85 → 85.00.
    assert ("Khối UBND huyện, thị xã, thành phố: điểm bình quân đạt 81,17/100 điểm; cao nhất là "
            "UBND thành phố An Bình và UBND huyện Bắc Hà (84,00 điểm), thấp nhất là UBND huyện "
            "Cẩm Lộc (75,50 điểm).") in body
    assert "So với năm 2020, điểm bình quân của khối giảm 3,83 điểm (năm 2020: 85,00 điểm)." in body
    assert ("So với năm 2020: 1 đơn vị tăng bậc, 1 đơn vị giảm bậc, 1 đơn vị giữ nguyên thứ "
            "hạng.") in body
    assert "UBND huyện Cẩm Lộc giảm 1 bậc, từ hạng 2 xuống hạng 3." in body


def test_years_with_other_maxima_are_compared_as_shares(tmp_path):
    folder = copy_minimal(tmp_path)
    methodology = (folder / "methodology.csv").read_text(encoding="utf-8")
    methodology = methodology.replace("2020,district,100", "2020,district,110")
    (folder / "methodology.csv").write_text(methodology, encoding="utf-8")
    criteria = (folder / "criteria.csv").read_text(encoding="utf-8")
    criteria = criteria.replace("2020,district,C2,,2,Cải cách thủ tục hành chính,"
                                "Administrative procedures reform,60",
                                "2020,district,C2,,2,Cải cách thủ tục hành chính,"
                                "Administrative procedures reform,70")
    (folder / "criteria.csv").write_text(criteria, encoding="utf-8")
    body = texts(build(folder, 2021))
    # 2020: 85 / 110 = 77.27 %; 2021: 81.17 % → up 3.89 percentage points.
    assert [t for t in body if t.startswith("So với năm 2020 (")] == [
        "So với năm 2020 (điểm tối đa khác nhau, so sánh theo tỷ lệ % điểm tối đa), chỉ số bình "
        "quân của khối tăng 3,89 điểm phần trăm (năm 2020: 77,27%)."]


def test_a_year_without_criterion_points(tmp_path):
    folder = copy_minimal(tmp_path)
    scores = (folder / "scores.csv").read_text(encoding="utf-8").splitlines()
    (folder / "scores.csv").write_text(
        "\n".join(line for line in scores if not line.startswith("2021")) + "\n", encoding="utf-8")
    report = build(folder, 2021, "en")
    assert "The 2021 data of this block has no points per criterion." in texts(report)
    assert sum(isinstance(e, Chart) for e in report.body) == 1  # the ranking only
    assert [a.label for a in report.annexes] == ["Annex I"]  # no criterion annex


def test_weakest_criteria_name_the_units_that_lost_most(tmp_path):
    body = texts(build(copy_minimal(tmp_path), 2021))
    assert "1 lĩnh vực có tỷ lệ điểm bình quân thấp nhất" in " ".join(body)  # of 2: one
    assert ("C2. Cải cách thủ tục hành chính (bình quân 79,72% số điểm tối đa): UBND huyện Cẩm "
            "Lộc đạt 45,50/60 điểm (bị trừ 14,50 điểm), UBND thành phố An Bình đạt 48,00/60 điểm "
            "(bị trừ 12,00 điểm) và UBND huyện Bắc Hà đạt 50,00/60 điểm (bị trừ 10,00 "
            "điểm).") in body


def test_results_annex_leaves_out_a_column_nobody_published(tmp_path):
    folder = copy_minimal(tmp_path)
    results = (folder / "results.csv").read_text(encoding="utf-8")
    for word in ("excellent", "good", "completed"):
        results = results.replace(f",{word},", ",,")
    (folder / "results.csv").write_text(results, encoding="utf-8")
    legend, table = build(folder, 2021).annexes[0].elements[:2]
    assert legend.text == "Tên các lĩnh vực: C1: Cải cách thể chế; C2: Cải cách thủ tục hành chính."
    assert table.header == ("STT", "Đơn vị", "C1 (tối đa 40)", "C2 (tối đa 60)", "Tổng điểm",
                            "Xếp hạng", "Thay đổi thứ hạng")
    assert table.rows == (
        ("1", "UBND thành phố An Bình", "36,00", "48,00", "84,00", "1*", "="),
        ("2", "UBND huyện Bắc Hà", "34,00", "50,00", "84,00", "2*", "▲1"),
        ("3", "UBND huyện Cẩm Lộc", "30,00", "45,50", "75,50", "3", "▼1"),
    )
