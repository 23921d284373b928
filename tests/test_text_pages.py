"""Page numbers and running headers left in a text paper converted from a PDF are removed, flagged; the
paragraph the page broke is one paragraph again."""

from __future__ import annotations

import pytest

from extract.paper import process_paper
from extract.textfile.pages import strip_page_furniture

PAGE_1 = "城市治理研究\n摘要：本文研究城市治理的模式。\n一、引言\n城市治理是当代中国城市发展的重要议题。近年来，各地政府相继出台\n"
PAGE_2 = "政策，推动老旧小区改造与社区营造。本文讨论其中的治理问题。我们认为\n"
PAGE_3 = "治理体系需要重构。\n二、结论\n应当构建新的治理体系。\n"


def converted(header: str = "经济研究 2020年第2期", number: str = "- {} -", crlf: bool = False) -> str:
    pages = [PAGE_1, f"{header}\n{PAGE_2}", f"{header}\n{PAGE_3}"]
    text = "\f".join(f"{page}\n{number.format(n)}\n" for n, page in enumerate(pages, start=1))
    return text.replace("\n", "\r\n") if crlf else text


@pytest.mark.parametrize("number", ["- {} -", "{}", "第 {} 页", "第{}页 共3页", "Page {}", "· {} ·"])
@pytest.mark.parametrize("crlf", [False, True])
def test_a_pdf_turned_into_text_reads_as_the_paper(tmp_path, number, crlf):
    path = tmp_path / "converted.txt"
    path.write_text(converted(number=number, crlf=crlf), encoding="utf-8", newline="")
    rows = process_paper(path)
    assert [p["text"] for p in rows["paragraphs"]] == [
        "城市治理是当代中国城市发展的重要议题。近年来，各地政府相继出台政策，推动老旧小区改造与社区营造。"
        "本文讨论其中的治理问题。我们认为治理体系需要重构。", "应当构建新的治理体系。"]
    removed = [(f["kind"], f["original"]) for f in rows["quality_flags"]
               if f["kind"] in ("page_number_removed", "running_header_removed")]
    assert removed == [("page_number_removed", number.format(1)),
                       ("running_header_removed", "经济研究 2020年第2期"), ("page_number_removed", number.format(2)),
                       ("running_header_removed", "经济研究 2020年第2期"), ("page_number_removed", number.format(3))]
    assert rows["documents"][0]["coverage"] == 1.0


def test_without_form_feeds_only_marked_page_numbers_go():
    text = "正文第一段，出台\n- 12 -\n政策。\n表1 数据\n年份\t数值\n12\n第 3 页\n"
    out, changes = strip_page_furniture(text)
    assert out == "正文第一段，出台\n政策。\n表1 数据\n年份\t数值\n12\n"  # a bare 12 may be a value
    assert [c.original for c in changes] == ["- 12 -", "第 3 页"]


def test_lines_that_do_not_recur_stay():
    pages = ["一、引言\n正文一。\n", "二、方法\n正文二。\n", "三、结论\n正文三。\n"]
    text = "\f".join(pages)
    assert strip_page_furniture(text) == (text.replace("\f", "\n"), [])
