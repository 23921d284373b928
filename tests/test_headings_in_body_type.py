"""Numbered headings printed in the body's own type (a proposal's or a form's `3. 主要研究内容：`), issue 22 req 5:
a `1.` line shorter than its column that a new paragraph follows is a heading, and so is the parent of the next
heading's number (`4. …等内容。` over `4.1`); a numbered list of one-line items in the same type is not.

Drawn at test time with tests/pdfbuild.py, its heading style set to the body's size and weight, in one and two
columns; and the real proposal zy_proposal (pdf2), whose numbered questions are in body type.
"""

from __future__ import annotations

import pytest

import tests.pdfbuild as pdfbuild
from extract.model import Block
from extract.paper import process_paper
from extract.structure.typography import headings_in_context

PROPOSAL = "\n".join([
    "基于人证核验的共享酒店住宿信息管理系统",
    "李金刚",
    "1. 选题目的和意义：",
    "在这个移动互联的时代，人们急切需求一款可以足不出户、随时随地通过自己的手机来浏览并预订快捷酒店的应用，"
    "本课题为满足这一需求而设，并将人脸识别与身份核验结合起来。",
    "2. 本选题在国内外的研究状况及发展趋势：",
    "2.1 国内外研究现状",
    "共享经济一般是指以获得一定报酬为主要目的，基于陌生人且存在物品使用权暂时转移的一种新的经济模式。",
    "2.2 发展趋势",
    "共享酒店是传统酒店的升级版，在保留传统酒店的同时开发新的市场，互联网智能平台也是大势所趋。",
    "3. 主要研究内容：",
    "本课题开发用户端应用，采用模型、视图和表示器分层的结构，用户端应用的主要功能模块有以下几个部分。",
    "1. 注册模块",
    "2. 登录模块",
    "3. 酒店搜索",
    "4. 完成论文的条件、方法及措施等内容。",
    "4.1 研究条件",
    "研究需要以下软件支持：操作系统、开发工具、应用容器和数据库，这些条件在实验室中都已经具备了。",
])
EXPECTED = [("1", "选题目的和意义：", 1), ("2", "本选题在国内外的研究状况及发展趋势：", 1), ("2.1", "国内外研究现状", 2),
            ("2.2", "发展趋势", 2), ("3", "主要研究内容：", 1),
            ("4", "完成论文的条件、方法及措施等内容。", 1), ("4.1", "研究条件", 2)]


@pytest.mark.parametrize("columns", [1, 2])
def test_numbered_lines_in_body_type_are_headings_where_a_paragraph_follows_and_list_items_are_not(
        tmp_path, monkeypatch, columns):
    body = pdfbuild.STYLES["body"]
    monkeypatch.setitem(pdfbuild.STYLES, "heading", pdfbuild.Style(body.size))  # no size, weight or space apart
    pdfbuild.build_paper_pdf(tmp_path / "proposal.pdf", PROPOSAL, columns=columns, running_header=None)
    rows = process_paper(tmp_path / "proposal.pdf")
    assert [(s["label"], s["title"], s["level"]) for s in rows["sections"]] == EXPECTED
    texts = [p["text"] for p in rows["paragraphs"]]
    assert [t for t in texts if t[:1].isdigit()] == ["1. 注册模块", "2. 登录模块", "3. 酒店搜索"]


def line(text: str, x1: float, top: float, indented: bool = False) -> Block:
    return Block(text, page_start=1, font_size=12.0, bbox=(66.0, top, x1, top + 12), indented=indented)


def test_a_full_line_and_a_list_item_beside_the_next_are_no_headings():
    blocks = [line("1. 本课题在国内外已有相当多的研究成果和应用，下面分别加以简要的介绍和评述", 529, 100),
              line("下一段从这里开始，这是一个首行缩进的段落，它的文字一直排到栏的右边为止。", 529, 124, indented=True),
              line("2. 注册模块", 150, 148),
              line("3. 登录模块", 150, 172),
              line("4. 主要研究内容", 180, 196),
              line("这一段首行缩进，说明前面那个编号行是一个标题，而不是列表中的一项内容。", 529, 220, indented=True)]
    found = headings_in_context(blocks, 12.0)
    # a line that fills its column; two items of a list; the one after the list's last item with a paragraph
    # under it is a heading all the same only when it does not continue the list's numbering (4 follows 3)
    assert [h is not None for h in found] == [False, False, False, False, False, False]
    blocks[4] = line("1. 主要研究内容", 180, 196)
    assert [h.title if h else None for h in headings_in_context(blocks, 12.0)] == [
        None, None, None, None, "主要研究内容", None]


def test_siblings_of_one_numbering_are_decided_together():
    """`1、…一案。` read as a paragraph (it fills its line and ends a sentence), its account under it, then a short
    `2、…进展` a paragraph follows: the second item of the same numbering since the last heading is no heading
    either (it would stand under its parent with no `1、` sibling: a numbering gap). With no `1、` since the last
    heading, the short line is a heading."""
    blocks = [line("1、某市国有资产监督管理局起诉公司及其子公司支付职工安置费纠纷一案。", 529, 100),
              line("根据公告披露，法院判令公司对子公司的债务承担连带责任，公司已经依法提起上诉。", 529, 124, indented=True),
              line("2、国家开发银行诉讼案执行进展", 250, 148),
              line("根据执行裁定书，公司应当履行赔偿责任，基于谨慎性原则已经计提了预计负债。", 529, 172, indented=True)]
    assert [h is not None for h in headings_in_context(blocks, 12.0)] == [False, False, False, False]
    blocks[0] = line("某市国有资产监督管理局起诉公司及其子公司支付职工安置费纠纷，法院已经作出判决。", 529, 100)
    assert [h.title if h else None for h in headings_in_context(blocks, 12.0)] == [
        None, None, "国家开发银行诉讼案执行进展", None]


def test_real_proposal_numbered_questions_in_body_type_are_headings(pdf2_corpus, paper_rows):
    """zy_proposal: `3. 主要研究内容：` (short, an indented paragraph under it) and `4. …等内容。` (over `4.1`) are
    headings in body type (its `1.`, `2.`, `2.1` sit in the page frame the PDF reader reads as a table)."""
    sections = [s for s in paper_rows(pdf2_corpus / "zy_proposal.pdf")["sections"] if s["part"] == "body"]
    labels = [s["label"] for s in sections]
    assert labels[labels.index("2.2"):] == ["2.2", "3", "4", "4.1", "4.2", "4.3", "4.4", "4.5"]
    assert [s["title"] for s in sections if s["label"] in ("3", "4")] == [
        "主要研究内容：", "完成论文的条件、方法及措施，包括实验设计、调研计划、参考文献等内容。"]


def test_a_double_spaced_page_gives_paragraphs_not_lines():
    """A form's body set double-spaced (every line a block after a gap, as the PDF reader measures the pitch on the
    single-spaced reference list): a line running to the column's end goes on in the next; a first-line indent, a
    short line or a sentence's end closes a paragraph."""
    from extract.structure.body import read_body
    from extract.structure.paragraphs import merge_pieces

    def row(text: str, x1: float, top: float, indented: bool = False) -> Block:
        x0 = 90.0 if indented else 66.0
        return Block(text, page_start=2, font_size=12.0, bbox=(x0, top, x1, top + 12), indented=indented,
                     gap_before=True)

    blocks = [row("3. 主要研究内容：", 168, 100),
              row("本课题开发用户端应用，利用 Android", 529, 124, indented=True),
              row("Studio 为工具，用 Java 语言设计和实现，具有友好的界面，便于用户", 529, 148),
              row("的操作和管理", 200, 172),
              row("用户端应用的主要功能如下：", 240, 196, indented=True),
              row("注册模块：通过用户应用与后台进行通信，包含身份证号、姓名、手机号、人脸拍", 529, 220, indented=True),
              row("照等信息，完成用户注册。", 317, 244)]
    body = read_body(blocks)
    paragraphs, _ = merge_pieces(body.pieces)
    assert [h.label for h in body.headings] == ["3"]
    assert [p.text for p in paragraphs] == [
        "本课题开发用户端应用，利用 Android Studio 为工具，用 Java 语言设计和实现，具有友好的界面，便于用户的操作和管理",
        "用户端应用的主要功能如下：",
        "注册模块：通过用户应用与后台进行通信，包含身份证号、姓名、手机号、人脸拍照等信息，完成用户注册。"]


def test_real_proposal_double_spaced_body_gives_paragraphs(pdf2_corpus, paper_rows):
    texts = [p["text"] for p in paper_rows(pdf2_corpus / "zy_proposal.pdf")["paragraphs"]]
    assert "注册模块：通过用户 APP 与后台进行通信，包含身份证号、姓名、手机号、人脸拍照、验证码、复杂密码等信息，完成用户注册。" in texts
    assert any(t.startswith("基于人证核验的共享酒店住宿信息管理系统——用户端 APP 的开发利用 Android Studio 为工具，") for t in texts)


def test_real_proposal_body_out_of_its_page_frame_gives_all_its_headings(pdf2_corpus, monkeypatch):
    """zy_proposal with its first page read as text (what the page-frame fix in the table reader gives: the frame
    holding the body is no table): its 11 numbered headings (pdf2 TRUTH.tsv), `1.`..`4.` in body type included,
    at their levels."""
    import extract.pdf.reader as reader

    ruled = reader.ruled_tables
    monkeypatch.setattr(reader, "ruled_tables",
                        lambda page, chars, number, s: [] if number == 1 else ruled(page, chars, number, s))
    sections = [(s["label"], s["level"]) for s in process_paper(pdf2_corpus / "zy_proposal.pdf")["sections"]
                if s["part"] == "body"]
    assert sections == [("1", 1), ("2", 1), ("2.1", 2), ("2.2", 2), ("3", 1), ("4", 1), ("4.1", 2), ("4.2", 2),
                        ("4.3", 2), ("4.4", 2), ("4.5", 2)]


def test_a_hyphen_lost_joining_two_blocks_is_a_recorded_removal():
    """`…改造后的 U-` / `notification 和异步化…`: the joined paragraph drops the hyphen (join_paragraph_pieces); the
    accounting finds it in a hyphenation_joined flag, not nowhere."""
    from extract.structure.paragraphs import Piece, merge_pieces

    merged, joins = merge_pieces([Piece("并利用改造后的 U-", 1, 2, 2, 0), Piece("notification 和异步化编程设计", 1, 2, 2, 1)])
    assert [p.text for p in merged] == ["并利用改造后的 Unotification 和异步化编程设计"]
    assert [(c.kind, c.original, c.replacement, c.page) for c, _ in joins][1:] == [
        ("hyphenation_joined", "U-notification", "Unotification", 2)]


def notice_page(first_right: float) -> list[Block]:
    """A notice's page in one type: a paragraph, a short `一、` heading, `二、` whose sentence fills its line (to
    `first_right`) and goes on in the next line hanging under the text after the number, and a short `三、` over an
    indented paragraph."""
    def block(text: str, x0: float, top: float, x1: float, lines: int = 1) -> Block:
        return Block(text, font_size=12.0, page_start=1, bbox=(x0, top, x1, top + 12.0 * lines), n_lines=lines,
                     indented=x0 > 70.0)
    return [block("國立成功大學資訊工程研究所碩博士學位考試注意事項，請同學務必詳閱下列各項規定並依規定辦理。" * 2,
                  68.0, 40.0, 524.5, 3),
            block("一、考試申請", 68.0, 89.0, 150.0),
            block("二、碩博士學位考試時間：上學期最慢1月20日之前提出申請，下學期最慢7月20日", 68.0, 109.0, first_right),
            block("之前提出申請，逾期申請教務處將不予辦理。", 95.2, 129.0, 340.0),
            block("三、口試申請程序", 68.0, 160.0, 170.0),
            block("口試申請程序由系辦負責辦理，若有更動論文中英文題目、口試委員名單，請於口試前告知系辦。" * 2,
                  92.0, 180.0, 524.5, 3)]


def test_a_numbered_line_filling_its_column_whose_sentence_goes_on_is_no_heading():
    """After the first heading (where the body starts, which stays one whatever its shape)."""
    found = headings_in_context(notice_page(524.5), 12.0)
    assert [h.title if h else None for h in found] == [None, "考試申請", None, None, "口試申請程序", None]
    first = headings_in_context(notice_page(524.5)[2:], 12.0)
    assert [h.label if h else None for h in first] == ["二", None, "三", None]


def test_a_numbered_line_short_of_its_column_stays_a_heading():
    found = headings_in_context(notice_page(300.0), 12.0)
    assert [h.label if h else None for h in found] == [None, "一", "二", None, "三", None]


def test_characters_set_vertically_in_a_drawing_are_no_headings():
    """A book spine's specimen: `浙` / `江` / `大` / `学` in heading type a character a line (and `〇`, no Han
    character): no headings; a one-character heading over a paragraph stays one."""
    def block(text: str, size: float, top: float, lines: int = 1) -> Block:
        return Block(text, font_size=size, bold=size > 12.0, page_start=1, bbox=(90.0, top, 90.0 + 16.0 * len(text),
                                                                                 top + size * lines), n_lines=lines)
    body = "本科生毕业论文（设计）的书脊格式如下图所示，上下各留三厘米，中间印题目、毕业年份和学校名称。" * 3
    page = [block(body, 12.0, 60.0, 3), block("二", 16.0, 300.0), block("〇", 16.0, 320.0), block("一", 16.0, 340.0),
            block("浙", 16.0, 420.0), block("江", 16.0, 440.0), block("大", 16.0, 460.0), block("学", 16.0, 480.0)]
    assert headings_in_context(page, 12.0) == [None] * len(page)
    alone = headings_in_context([block(body, 12.0, 60.0, 3), block("序", 18.0, 200.0), block(body, 12.0, 230.0, 3)],
                                12.0)
    assert [h.title if h else None for h in alone] == [None, "序", None]


def test_numbered_lines_of_pseudo_code_are_no_headings():
    """An algorithm's numbered lines, its keywords in bold (`7 else`, `9 end`): no headings; `2 方法` in bold is."""
    def block(text: str, top: float) -> Block:
        return Block(text, font_size=12.0, bold=True, page_start=1, bbox=(90.0, top, 90.0 + 8.0 * len(text),
                                                                          top + 12.0), n_lines=1)
    body = Block("时间步进算法的数值实现如下，矩阵方程按时间步逐步求解，每一步更新电流系数。" * 3, font_size=12.0,
                 page_start=1, bbox=(90.0, 40.0, 520.0, 76.0), n_lines=3)
    found = headings_in_context([body, block("7 else", 100.0), block("9 end", 120.0), block("2 方法", 160.0), body],
                                12.0)
    assert [h.title if h else None for h in found] == [None, None, None, "方法", None]
