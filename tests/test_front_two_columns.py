"""Two-column journal pages are never read interleaved (issue 22 req 5): a 计算机学报-style paper drawn at test time,
whose last page prints the reference list in the left column beside the author biographies (each beside its
photo box) in the right one, in the same type and on the same baselines; its headings in two columns are separate
from the paragraphs they head.

The real two-column papers (pdf2: ldhai_jccs, jcip_lstm, nju_wardrobe, gov_network) are measured by
tests/thesis_eval.py (heading counts) and tests/test_references_pdf2.py (their entries).
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as pdfcanvas

from extract.paper import process_paper
from tests.pdfbuild import FONT, text_width

WIDTH, HEIGHT = A4
MARGIN = 50.0
GAP = 16.0  # a hanging comma leaves less than the reader's fragment gap (1.5 em) before the right column
COLUMN = (WIDTH - 2 * MARGIN - GAP) / 2
LEFT, RIGHT = MARGIN, MARGIN + COLUMN + GAP
SIZE, LEADING = 8.0, 11.0
PHOTO_W, PHOTO_H = 48.0, 60.0

AUTHORS = [("廖东海", "北京理工大学 计算机学院"), ("陆慧梅", "清华大学 计算机科学与技术系"),
           ("陈伟豪", "北京理工大学 计算机学院")]
REFERENCES = [
    "[1] 向勇, 陈渝, 李国良. 操作系统原理与设计[M]. 北京: 清华大学出版社, 2019.",
    "[2] Klein G, Elphinstone K, Heiser G, et al. seL4: Formal verification of an OS kernel[C]//Proceedings of "
    "the ACM SIGOPS 22nd Symposium on Operating Systems Principles. New York: ACM, 2009: 207-220.",
    "[3] 陆慧梅, 向勇. 面向异步系统调用的微内核设计[J]. 计算机学报, 2022, 45(3): 512-526.",
    "[4] Liedtke J. On micro-kernel construction[J]. ACM SIGOPS Operating Systems Review, 1995, 29(5): 237-250.",
    "[5] 赵方亮, 陈渝. 结合协程调度的中断控制器设计[J]. 软件学报, 2023, 34(8): 3561-3578.",
    "[6] Baumann A, Barham P, Dagand P E, et al. The multikernel: A new OS architecture for scalable multicore "
    "systems[C]//Proceedings of the 22nd ACM Symposium on Operating Systems Principles. 2009: 29-44.",
    "[7] 李国良, 陈渝. 异步编程模型在操作系统中的应用[J]. 计算机研究与发展, 2021, 58(5): 1005-1018.",
    "[8] Heiser G, Elphinstone K. L4 microkernels: The lessons from 20 years of research and deployment[J]. ACM "
    "Transactions on Computer Systems, 2016, 34(1): 1-29.",
    "[9] 廖东海. 高性能异步微内核的设计与实现[D]. 北京: 北京理工大学, 2023.",
    "[10] Rust Project Developers. The Rust programming language[EB/OL]. (2023-05-01)[2023-06-01]. "
    "https://www.rust-lang.org.",
    "[11] 陈伟豪, 廖东海. 用户态中断在异步通信中的应用[J]. 计算机工程, 2023, 49(2): 88-95.",
]
BIOS = [
    "廖东海，男，1999 年生，硕士研究生，中国计算机学会（CCF）会员，主要研究领域为操作系统、微内核与异步编程。"
    "E-mail: liaodh@example.edu.cn.",
    "陆慧梅，女，1978 年生，博士，副教授，中国计算机学会（CCF）会员，主要研究领域为操作系统、计算机体系结构。"
    "E-mail: luhm@example.edu.cn.",
    "陈伟豪，男，2000 年生，硕士研究生，主要研究领域为操作系统、用户态中断与网络协议栈。"
    "E-mail: chenwh@example.edu.cn.",
]
# column lines of 26 Han characters; every fourth ends with a comma hanging past the column's edge, into the
# gutter (the lines between leave the gutter clear)
POOLS = ("异步编程模型能够减少线程切换的开销并提高系统的吞吐量本文在微内核中引入异步系统调用与用户态中断来实现通信我们设计"
         "并实现了一个高性能的异步微内核并在真实硬件上评估结果表明异步通信在多核环境下的性能明显优于同步通信方式好",
         "现代微内核的进程间通信优化始于同步通信与快速路径的设计消息寄存器等手段减少了特权级切换的次数并降低了通信延"
         "迟但多核环境下的核间中断与缓存污染以及调度开销仍然很大异步通知机制因此被引入内核之中以提升多核的利用率")
COLUMN_LINES = tuple([(pool * 3)[k:k + 26] + ("，" if k % 104 == 0 else "") for k in range(0, 312, 26)]
                     for pool in POOLS)  # 12 lines a column, the 1st, 5th and 9th with a hanging comma
BODIES = tuple("".join(lines) + "。" for lines in COLUMN_LINES)


def wrap(text: str, width: float, first: float | None = None, size: float = SIZE) -> list[str]:
    """The text cut into lines of at most `width` points (the first line `first`) in type of `size`."""
    lines, current, room = [], "", first if first is not None else width
    for char in text:
        if current and text_width(current + char, size) > room:
            lines.append(current)
            current, room = "", width
        current += char
    return lines + ([current] if current else [])


def draw_lines(c, lines: list[str], x: float, y: float, indent: float = 0.0, size: float = SIZE) -> float:
    c.setFont(FONT, size)
    for k, line in enumerate(lines):
        c.drawString(x + (indent if k else 0.0), HEIGHT - y, line)
        y += LEADING if size == SIZE else size * 1.5
    return y


def build_cjc_paper(path) -> None:
    c = pdfcanvas.Canvas(str(path), pagesize=A4)
    title = "高性能异步微内核的设计与实现"
    c.setFont(FONT, 18)
    c.drawString((WIDTH - text_width(title, 18)) / 2, HEIGHT - 90, title)
    byline = " ".join(f"{name}{k})" for k, (name, _) in enumerate(AUTHORS, start=1))
    c.setFont(FONT, 11)
    c.drawString((WIDTH - text_width(byline, 11)) / 2, HEIGHT - 120, byline)
    y = 140.0
    for k, (_, school) in enumerate(AUTHORS, start=1):
        line = f"{k})({school} 北京 100081)"
        c.setFont(FONT, 8)
        c.drawString((WIDTH - text_width(line, 8)) / 2, HEIGHT - y, line)
        y += 12
    abstract = "摘　要　本文设计并实现了一个高性能的异步微内核，在系统调用与进程间通信中引入异步机制，提高了吞吐量。"
    y = draw_lines(c, wrap(abstract, WIDTH - 2 * MARGIN, None, 9), MARGIN, y + 10, size=9)
    y = draw_lines(c, ["关键词　微内核；异步编程；用户态中断"], MARGIN, y, size=9) + 14
    top = y
    for x, heading, lines in ((LEFT, "1 引言", COLUMN_LINES[0]), (RIGHT, "2 相关工作", COLUMN_LINES[1])):
        c.setFont(FONT, 11)
        c.drawString(x, HEIGHT - top, heading)
        draw_lines(c, [*lines[:-1], lines[-1] + "。"], x, top + 18, size=9)
    c.showPage()
    # the last page: the reference list in the left column beside the biographies in the right one
    c.setFont(FONT, 11)
    c.drawString(LEFT, HEIGHT - 70, "参考文献")
    y = 90.0
    for entry in REFERENCES[:8]:
        y = draw_lines(c, wrap(entry, COLUMN - 12, COLUMN), LEFT, y, indent=12)
    y = 90.0
    for entry in REFERENCES[8:]:
        y = draw_lines(c, wrap(entry, COLUMN - 12, COLUMN), RIGHT, y, indent=12)
    y += LEADING
    for bio in BIOS:  # a photo box, the first lines beside it, the rest under it
        c.rect(RIGHT, HEIGHT - y - PHOTO_H + SIZE, PHOTO_W, PHOTO_H)
        beside = int(PHOTO_H // LEADING)
        lines = wrap(bio, COLUMN - PHOTO_W - 8)
        y = draw_lines(c, lines[:beside], RIGHT + PHOTO_W + 8, y)
        rest = "".join(lines[beside:])
        y = draw_lines(c, wrap(rest, COLUMN), RIGHT, y) + LEADING
    c.showPage()
    c.save()


def test_references_beside_author_biographies_are_not_interleaved(tmp_path):
    path = tmp_path / "cjc.pdf"
    build_cjc_paper(path)
    rows = process_paper(path)
    refs = sorted(rows["references"], key=lambda r: r["ref_no"])
    assert [r["ref_no"] for r in refs] == list(range(1, 12))
    # every entry whole and alone: no biography line, no line of another entry inside it
    assert [r["raw"].replace(" ", "") for r in refs] == [e.replace(" ", "") for e in REFERENCES]
    # each biography whole, under its author (the naive test wrap breaks words: spaces are not compared)
    bios = {a["name_zh"]: (a["bio"] or "").replace(" ", "") for a in rows["authors"]}
    assert bios == {name: bio.replace(" ", "") for (name, _), bio in zip(AUTHORS, BIOS)}
    assert [(s["label"], s["title"]) for s in rows["sections"]] == [("1", "引言"), ("2", "相关工作")]


def test_columns_with_punctuation_hanging_into_the_gutter_are_read_one_after_the_other(tmp_path):
    """A left column's line whose last mark hangs into the gutter stands closer to the right column's line than a
    word gap: read as one line, it made its row a full-width one and interleaved the columns (ldhai_jccs)."""
    path = tmp_path / "cjc.pdf"
    build_cjc_paper(path)
    rows = process_paper(path)
    assert [p["text"] for p in rows["paragraphs"] if p["page_start"] == 1] == list(BODIES)


def test_real_two_column_papers_are_not_read_interleaved(pdf2_corpus, paper_rows):
    """ldhai_jccs: `、` hanging at a left-column line's end; gov_network: the same on its pages 2-6."""
    ldhai = " ".join(p["text"] for p in paper_rows(pdf2_corpus / "ldhai_jccs.pdf")["paragraphs"])
    assert "系统级软件如数据库管理系统、网络服务器等" in ldhai and "数据库管理系统、观察到" not in ldhai
    gov = [p["text"] for p in paper_rows(pdf2_corpus / "gov_network.pdf")["paragraphs"]]
    assert "若不考虑噪声数据造成的极小社区，该新闻网络可以划分成有限的几个主体社区，且各社区节点数较多，结构较清晰。" in gov
