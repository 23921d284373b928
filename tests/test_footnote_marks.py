"""A raised number calling a footnote printed at the foot of its page is the footnote's call-out, no citation,
in a paper that cites its references on the line (`[1]`); a paper citing with raised numbers (GB/T 7714
`^[1]`) keeps every raised number a citation. PDFs typeset at test time (`pdfbuild`)."""

from __future__ import annotations

from pdfbuild import build_paper_pdf

from extract.paper import process_paper

REFERENCES = ("参考文献\n"
              "[1] 张伟. 城市经济研究[J]. 经济研究, 2018, 12(3): 1-10.\n"
              "[2] 李明. 区域发展比较[J]. 管理世界, 2019, 5(2): 20-30.\n")
FIRST = ("近年来城市经济的研究不断深入，学者们从多个角度讨论了区域发展的差异与成因{a}。"
         "本文在已有研究的基础上进一步比较区域经济指标{b}。\n")
SECOND = "我们采用的面板数据来自统计年鉴^[1]，样本覆盖全国三十个省份，时间跨度为十年，数据经过了必要的清洗与整理。\n"
NOTE = "^[1]统计年鉴：国家统计局每年出版的统计资料汇编。\n"
SECOND_TEXT = "我们采用的面板数据来自统计年鉴{}，样本覆盖全国三十个省份，时间跨度为十年，数据经过了必要的清洗与整理。"


def _rows(tmp_path, a: str, b: str, footnote: bool) -> dict:
    text = "区域经济指标的比较研究\n\n一、引言\n\n" + FIRST.format(a=a, b=b) + SECOND + (NOTE if footnote else "") + REFERENCES
    path = tmp_path / "paper.pdf"
    build_paper_pdf(path, text, running_header=None, raised_footnotes=True)
    return process_paper(path)


def _citations(rows: dict) -> list[tuple]:
    return [(c["marker"], c["ref_no"], c["paragraph_no"], c["char_offset"], c["resolved"]) for c in rows["citations"]]


def _footnotes(rows: dict) -> list[tuple]:
    return [(f["footnote_no"], f["page"], f["marker"], f["text"], f["paragraph_no"]) for f in rows["footnotes"]]


def test_raised_footnote_callout_in_paper_citing_on_the_line(tmp_path):
    rows = _rows(tmp_path, "[1]", "[2]", footnote=True)
    # the raised ^[1] calls the footnote at the page foot: no citation of reference [1]
    assert _citations(rows) == [("[1]", 1, 1, 36, True), ("[2]", 2, 1, 59, True)]
    assert _footnotes(rows) == [(1, 1, "^[1]", "统计年鉴：国家统计局每年出版的统计资料汇编。", 2)]
    # the call-out stays in the text as the raised digit it is; nothing else is flagged
    assert rows["paragraphs"][1]["text"] == SECOND_TEXT.format("¹")
    assert not [f for f in rows["quality_flags"] if f["stage"] == "citations"]


def test_raised_number_without_footnote_stays_a_citation(tmp_path):
    rows = _rows(tmp_path, "[1]", "[2]", footnote=False)
    assert _citations(rows) == [("[1]", 1, 1, 36, True), ("[2]", 2, 1, 59, True), ("^[1]", 1, 2, 15, True)]
    assert rows["footnotes"] == []
    assert rows["paragraphs"][1]["text"] == SECOND_TEXT.format("")


def test_paper_citing_with_raised_numbers_keeps_every_citation(tmp_path):
    # GB/T 7714 numeric style with a footnote of the same number on the page: a raised 1 cannot be told
    # from a citation of reference [1], so it stays one (and the note is linked to no paragraph)
    rows = _rows(tmp_path, "^[1]", "^[2]", footnote=True)
    assert _citations(rows) == [("^[1]", 1, 1, 36, True), ("^[2]", 2, 1, 59, True), ("^[1]", 1, 2, 15, True)]
    assert _footnotes(rows) == [(1, 1, "^[1]", "统计年鉴：国家统计局每年出版的统计资料汇编。", None)]
    assert rows["paragraphs"][1]["text"] == SECOND_TEXT.format("")


def test_paper_citing_with_raised_numbers_without_footnotes(tmp_path):
    rows = _rows(tmp_path, "^[1]", "^[2]", footnote=False)
    assert _citations(rows) == [("^[1]", 1, 1, 36, True), ("^[2]", 2, 1, 59, True), ("^[1]", 1, 2, 15, True)]
    assert rows["footnotes"] == []


def test_zfl_proposal_footnote_callout_is_no_citation(pdf2_corpus, paper_rows):
    """zfl_proposal cites on the line ([15], [2, 11, 13]); page 4's raised 1 calls the footnote at its foot."""
    rows = paper_rows(pdf2_corpus / "zfl_proposal.pdf")
    assert [(f["page"], f["marker"], f["text"], f["paragraph_no"]) for f in rows["footnotes"]] == [
        (4, "^[1]", "协程唤醒：将被阻塞的协程添加至就绪任务队列中。", 17)]
    assert [c for c in rows["citations"] if c["paragraph_no"] == 17] == []
    assert all(not c["marker"].startswith("^") for c in rows["citations"])
    assert len(rows["citations"]) == 39
    paragraph = next(p for p in rows["paragraphs"] if p["paragraph_no"] == 17)
    assert "将中断处理与协程唤醒¹紧密结合" in paragraph["text"]


# raised citations printed with their brackets (`^[1]`: a raised `[1]`), footnotes called by a raised bare digit
# (`^{1}`: a raised `1`), as jcip_lstm prints them
BARE_NOTE = "^{1}统计年鉴：国家统计局每年出版的统计资料汇编。\n"
NOTE_TEXT = "统计年鉴：国家统计局每年出版的统计资料汇编。"


def _bare_rows(tmp_path, a: str, b: str, callout: str, note: str | None) -> dict:
    text = ("区域经济指标的比较研究\n\n一、引言\n\n" + FIRST.format(a=a, b=b) + SECOND.replace("^[1]", callout)
            + (note or "") + REFERENCES)
    path = tmp_path / "paper.pdf"
    build_paper_pdf(path, text, running_header=None, raised_footnotes=True)
    return process_paper(path)


def test_bare_raised_callout_in_paper_citing_with_raised_brackets(tmp_path):
    rows = _bare_rows(tmp_path, "^[1]", "^[2]", "^{1}", BARE_NOTE)
    # the raised bare 1 calls the footnote at the page foot: no citation of reference [1]
    assert _citations(rows) == [("^[1]", 1, 1, 36, True), ("^[2]", 2, 1, 59, True)]
    assert _footnotes(rows) == [(1, 1, "^[1]", NOTE_TEXT, 2)]
    assert rows["paragraphs"][1]["text"] == SECOND_TEXT.format("¹")
    assert rows["paragraphs"][1]["text_source"] == SECOND_TEXT.format("¹")
    assert not [f for f in rows["quality_flags"] if f["stage"] == "citations"]


def test_bare_raised_number_without_its_footnote_stays_a_citation(tmp_path):
    # the page's footnote is numbered 3: the raised bare 1 calls none, it cites reference [1]
    rows = _bare_rows(tmp_path, "^[1]", "^[2]", "^{1}", BARE_NOTE.replace("^{1}", "^{3}"))
    assert _citations(rows) == [("^[1]", 1, 1, 36, True), ("^[2]", 2, 1, 59, True), ("^[1]", 1, 2, 15, True)]
    assert _footnotes(rows) == [(1, 1, "^[3]", NOTE_TEXT, None)]
    assert rows["paragraphs"][1]["text"] == SECOND_TEXT.format("")


def test_paper_citing_with_bare_raised_numbers_keeps_every_citation(tmp_path):
    # citations printed as raised bare numbers: a raised 1 over a footnote 1 cannot be told from a citation
    rows = _bare_rows(tmp_path, "^{1}", "^{2}", "^{1}", BARE_NOTE)
    assert _citations(rows) == [("^[1]", 1, 1, 36, True), ("^[2]", 2, 1, 59, True), ("^[1]", 1, 2, 15, True)]
    assert _footnotes(rows) == [(1, 1, "^[1]", NOTE_TEXT, None)]
    assert rows["paragraphs"][1]["text"] == SECOND_TEXT.format("")


def test_paper_citing_with_bare_raised_numbers_without_footnotes(tmp_path):
    rows = _bare_rows(tmp_path, "^{1}", "^{2}", "^{1}", None)
    assert _citations(rows) == [("^[1]", 1, 1, 36, True), ("^[2]", 2, 1, 59, True), ("^[1]", 1, 2, 15, True)]
    assert rows["footnotes"] == []
    assert rows["paragraphs"][1]["text"] == SECOND_TEXT.format("")


def test_jcip_lstm_bare_raised_callouts_are_no_citations(pdf2_corpus, paper_rows):
    """jcip_lstm cites with raised bracketed numbers; page 6 calls its tool footnotes with raised bare 1, 2."""
    rows = paper_rows(pdf2_corpus / "jcip_lstm.pdf")
    assert [(f["page"], f["marker"], f["text"], f["paragraph_no"]) for f in rows["footnotes"] if f["page"] == 6][:2] == [
        (6, "^[1]", "http://mallet.cs.umass.edu/", 44), (6, "^[2]", "http://keras.io/", 44)]
    assert [c for c in rows["citations"] if c["paragraph_no"] == 44] == []
    assert [(c["marker"], c["ref_no"], c["paragraph_no"]) for c in rows["citations"] if c["ref_no"] in (1, 2)] == [
        ("^[1]", 1, 3), ("^[2]", 2, 4)]
    assert len(rows["citations"]) == 16
    paragraph = next(p for p in rows["paragraphs"] if p["paragraph_no"] == 44)
    assert "使用 MALLET 机器学习工具包¹；LSTM 神经网络使用深度学习开源框架Keras 搭建²。" in paragraph["text"]
