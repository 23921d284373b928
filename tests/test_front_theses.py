"""Covers, forms and title pages of theses, proposals, project and course reports (issue 22).

Real: the set-2 PDFs (pdf2 TRUTH.tsv: title, first author, numbered body headings, read at test time) and
bithesis_graduation (its LaTeX source), measured by tests/thesis_eval.py. Synthetic: covers drawn at test
time (tests/coverbuild.py) in Simplified and Traditional script, as forms print them: a stack of label-value
lines with letter-spaced labels and no colon, a ruled grid with a value over two rows, a report's header,
several fields glued on one line, dates in Chinese numerals and in years of the Republic of China.
"""

from __future__ import annotations

import pytest

from extract.model import Block
from extract.normalize import convert
from extract.paper import process_paper
from extract.structure.cover import form_fields, is_document_kind, is_school_line
from extract.structure.dates import iso_date
from extract.structure.front_matter import parse_front_matter
from tests.coverbuild import Centered, Field, Grid, Left, build_cover_pdf
from tests.thesis_eval import bithesis_truth, measure, pdf2_truth

# ---------------------------------------------------------------- real covers (pdf2, bithesis)


def pdf2_ids() -> list[str]:
    from tests.thesis_eval import REALWORLD

    if not (REALWORLD / "pdf2" / "TRUTH.tsv").exists():
        return []
    return [e.doc_id for e in pdf2_truth()]


@pytest.fixture(scope="module")
def truth(realworld):
    return {e.doc_id: e for e in pdf2_truth(realworld)}


@pytest.mark.parametrize("doc_id", pdf2_ids())
def test_pdf2_title_first_author_and_heading_count_equal_the_truth(doc_id, truth, pdf2_corpus, paper_rows):
    expected = truth[doc_id]
    m = measure(paper_rows(pdf2_corpus / f"{doc_id}.pdf"), expected)
    assert (m.title_ok, m.author_ok) == (True, True), (m.title, m.first_author, expected)
    assert m.headings_ok, (m.numbered, expected.n_headings)


def test_bithesis_title_author_and_headings_equal_its_source(realworld, paper_rows):
    expected = bithesis_truth(realworld)
    m = measure(paper_rows(realworld / "pdf" / "bithesis_graduation.pdf"), expected)
    assert (m.title_ok, m.author_ok, m.numbered) == (True, True, expected.n_headings)


def document(rows: dict) -> dict:
    return rows["documents"][0]


def test_course_report_cover_lines_are_front_matter_not_headings(pdf2_corpus, paper_rows):
    rows = paper_rows(pdf2_corpus / "tw_iwojima.pdf")
    doc = document(rows)
    # the cover: course and document kind, edition, title, 學生：, 授課教授：… 博士, the date in 民國 years
    assert (doc["supervisor_source"], doc["date"], doc["date_source"]) == ("許進發", "2025-01", "中華民國一百一十四年一月")
    assert [s["title_source"] for s in rows["sections"] if s["page"] == 1] == []
    assert [p["text_source"] for p in rows["paragraphs"] if p["page_start"] == 1 and p["part"] != "front"] == []


@pytest.mark.parametrize("doc_id, fields", [
    # a stack of form lines without colons (`学生姓名 谢荣臻`), the title glued to its label (`题目基于…`)
    ("bql_review", {"supervisor": "林苗", "school": "数学与数据科学学院（软件学院）", "major": "数据科学与大数据技术",
                    "degree": "学士"}),
    # a grid whose labels are split over cells (`学 | 院： | 数学科学学院`), the title after `论文题目：`
    ("hlju_thesis", {"supervisor": "李媛", "school": "数学科学学院", "major": "信息与计算科学", "degree": "学士",
                     "date": "2018-04-30"}),
    # a grid with letter-spaced labels (`题 目`, `导 师`), the English title over two rows
    ("ustc_denoise", {"supervisor": "张信明", "school": "计算机科学与技术学院", "degree": "学士",
                      "title_en": "Research on Picture Noise Reduction Based Deep Convolution Network"}),
    # three fields glued on one line: `姓名赵方亮指导老师向勇院系计算机系`
    ("zfl_proposal", {"supervisor": "向勇", "school": "计算机系"}),
    # the form grid inside the page frame: `论文（设计）题目`, `姓名 | 李金刚 | 系别 | 信息技术系 | 专业班级 | …`
    # the 专业/班级 cell pair read as its two printed lines (the form grid is no table): 专业 网络工程, 班级 网络 142 班
    ("zy_proposal", {"school": "信息技术系", "major": "网络工程"}),
])
def test_real_cover_fields(doc_id, fields, pdf2_corpus, paper_rows):
    doc = document(paper_rows(pdf2_corpus / f"{doc_id}.pdf"))
    assert {k: doc[k] for k in fields} == fields


@pytest.mark.parametrize("doc_id", ["bql_review", "ustc_denoise", "zy_proposal", "hlju_thesis", "tw_iwojima"])
def test_the_supervisor_and_form_labels_are_never_authors(doc_id, pdf2_corpus, paper_rows):
    rows = paper_rows(pdf2_corpus / f"{doc_id}.pdf")
    names = [a["name_zh"] for a in rows["authors"]]
    assert len(names) == 1 and names[0] != document(rows)["supervisor"]
    assert not any(form_fields(f"{name}：") for name in names)


# ---------------------------------------------------------------- the readers


@pytest.mark.parametrize("line, expected", [
    ("学生姓名 谢荣臻", [("cover_author", "谢荣臻")]),
    ("题　　目　城市更新中的社区参与机制研究", [("cover_title", "城市更新中的社区参与机制研究")]),
    ("題目基於深度學習的影像辨識", [("cover_title", "基於深度學習的影像辨識")]),
    ("指 導 教 授：黃大偉 博士", [("supervisor", "黃大偉 博士")]),
    ("姓名赵方亮指导老师向勇院系计算机系", [("cover_author", "赵方亮"), ("supervisor", "向勇"), ("school", "计算机系")]),
    ("姓名 李金刚 系别 信息技术系 学号 201401024234",
     [("cover_author", "李金刚"), ("school", "信息技术系"), ("student_id", "201401024234")]),
    # a title holds any word: `学院` inside it opens no field
    ("题目基于 SpringBoot 的闽江学院校园论坛的设计与实现", [("cover_title", "基于 SpringBoot 的闽江学院校园论坛的设计与实现")]),
    ("学院 数学与数据科学学院(软件学院)", [("school", "数学与数据科学学院(软件学院)")]),
    ("学院建设的若干问题", []),
    # a title's last line and the next form line in one PDF block: a person's label set apart from the name opens
    # its field (a title's words run on glued: `研究生教育` is no label)
    ("题　　目　城市更新中的社区参与机制研究学生姓名 王晓明",
     [("cover_title", "城市更新中的社区参与机制研究"), ("cover_author", "王晓明")]),
    ("题目：研究生教育中的导师制度研究", [("cover_title", "研究生教育中的导师制度研究")]),
    # labels printed under the blanks of the line above: no value, however the line is cut
    ("学位授予单位和日期", [("school", "")]), ("申请学位级别 学科专业", [("degree", "")]),
    ("姓名及学号", [("cover_author", "")]), ("学院 和平学院", [("school", "和平学院")]),  # glued and alone: read as a form field only in a stack of them (form_lines)
    # fields set apart by colons, run together (a LaTeX cover's two columns read as one line; an unseen NTHU
    # thesis's school was the whole line), a name in kana beside the labels
    ("系 所：物理研究所學號：0255723080研究生：君の名は。指導教授：李四",
     [("school", "物理研究所"), ("student_id", "0255723080"), ("cover_author", "君の名は。"), ("supervisor", "李四")]),
    ("学院：计算机学院专业：软件工程", [("school", "计算机学院"), ("major", "软件工程")]),
    # a label going on to its note and colon is a blank to sign (an unseen CUMCM pledge: the supervisor was
    # `组负责人（打印并签名）`)
    ("指导教师或指导教师组负责人 (打印并签名)：", [("supervisor", ""), ("supervisor", "")]),
    ("指导教师：张三（签名）", [("supervisor", "张三（签名）")]),
    # an unseen NCU thesis's blank forms gave its school `所 博士班 硕士班`, then `学年度第 学期`: choices to tick
    # (Word's Wingdings boxes in the private-use area) and a term left blank are no value
    ("系所 ： 所 \uf06f博士班 \uf06f碩士班", [("school", "")]),
    ("系所 學年度第 學期", [("school", "")]),
    ("系所：物理研究所 ☑碩士班", [("school", "物理研究所 ☑碩士班")]),
    # HIT's title page (an unseen HITSZ thesis had no school)
    ("所 在 单 位：机电工程与自动化学院", [("school", "机电工程与自动化学院")]),
    ("授予学位单位：哈尔滨工业大学", [("school", "哈尔滨工业大学")]),
])
def test_form_fields(line, expected):
    found = [(f.kind, f.value) for f in form_fields(line)]
    assert found == expected or (expected == [] and len(found) <= 1)


@pytest.mark.parametrize("line, kind", [
    ("本科毕业论文（设计）文献综述", True), ("中原工学院信息商务学院 毕业论文（设计）开题报告", True),
    ("戰爭影像與戰爭史 期中報告", True), ("行政院國家科學委員會專題研究計畫成果報告", True),
    ("行政院國家科學委員會專題研究計畫成果報告(精簡版)", True), ("逢甲大學自動控制工程學系碩士論文", True),
    ("开题报告", True), ("基于深度学习的图像去噪系统的设计", False), ("城市社区治理研究", False),
    ("东北电气发展股份有限公司 2018 年第一季度报告", False),
])
def test_document_kind_lines(line, kind):
    assert is_document_kind(line) is kind


@pytest.mark.parametrize("line, school", [
    ("闽江学院", True), ("國立臺灣海洋大學", True), ("数学与数据科学学院(软件学院)", True),
    ("Beijing Institute of Technology", True), ("高校学院制改革研究", False), ("论大学", False),
])
def test_school_lines(line, school):
    assert is_school_line(line) is school


@pytest.mark.parametrize("text, iso", [
    ("中華民國一百一十四年一月", "2025-01"), ("民國 113 年 11 月 2 日 初版", "2024-11-02"), ("二〇二三年五月", "2023-05"),
    ("二零二四年六月十日", "2024-06-10"), ("中华民国九十八年十二月三十一日", "2009-12-31"), ("2018 年 04 月 30 日", "2018-04-30"),
])
def test_cover_dates(text, iso):
    assert iso_date(text) == iso


def test_a_form_title_wins_over_the_largest_type_and_a_document_kind_line_is_a_title_only_alone():
    cover = [Block("闽江学院", font_size=42.0, page_start=1), Block("本科毕业论文（设计）文献综述", font_size=22.0, page_start=1),
             Block("题目基于图数据库的校园论坛设计", font_size=12.0, page_start=1),
             Block("学院 数学与数据科学学院", font_size=15.0, page_start=1),
             Block("学生姓名 谢荣臻", font_size=15.0, page_start=1), Block("指导教师 林苗", font_size=15.0, page_start=1)]
    front = parse_front_matter(cover)
    assert (front.title_zh, [a["name_zh"] for a in front.authors], front.supervisor, front.school, front.degree) == (
        "基于图数据库的校园论坛设计", ["谢荣臻"], "林苗", "数学与数据科学学院", "学士")
    alone = parse_front_matter([Block("开题报告", font_size=19.0, page_start=1),
                                Block("计算机学院 2023 级硕士 9 班 3220231370 傅泽", font_size=11.0, page_start=1)])
    assert (alone.title_zh, [a["name_zh"] for a in alone.authors]) == ("开题报告", ["傅泽"])


# ---------------------------------------------------------------- synthetic covers, both scripts

BODY = """摘　要
本文研究城市更新中的社区参与机制，分析参与的主体、渠道与成效，并提出完善社区参与的建议。
关键词：城市更新；社区参与；基层治理
第一章 绪论
城市更新是当代中国城市发展的重要议题。本文以上海为例，讨论社区参与的机制与问题。
1.1 研究背景
随着城市化进入下半场，存量更新取代增量扩张成为城市发展的主要方式，居民参与成为更新成败的关键。
"""


def cover_rows(tmp_path, cover: list, script: str) -> dict:
    body = convert(BODY, "s2t") if script == "traditional" else BODY
    return process_paper(build_cover_pdf(tmp_path / "cover.pdf", cover, body))


def front_fields(rows: dict) -> tuple:
    doc = document(rows)
    return (doc["title_zh"], [a["name_zh"] for a in rows["authors"]], doc["supervisor"], doc["school"],
            doc["major"], doc["degree"], doc["date"])


def assert_cover_is_front_matter(rows: dict) -> None:
    assert [s["title"] for s in rows["sections"]] == ["绪论", "研究背景"]
    assert all(p["part"] == "front" for p in rows["paragraphs"] if p["page_start"] == 1)
    assert document(rows)["abstract_zh"].startswith("本文研究城市更新中的社区参与机制")
    assert [k["keyword"] for k in rows["keywords"]] == ["城市更新", "社区参与", "基层治理"]
    assert document(rows)["coverage"] >= 0.99


def s(text: str, script: str) -> str:
    return convert(text, "s2t") if script == "traditional" else text


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_thesis_cover_as_a_stack_of_letter_spaced_labels_without_colons(tmp_path, script):
    cover = [Centered(s("东海师范大学", script), 30), Centered(s("本科毕业论文（设计）", script), 22),
             Field(s("题　　目", script), s("城市更新中的社区参与机制研究", script)),
             Field(s("学　　院", script), s("公共管理学院", script)), Field(s("专　　业", script), s("行政管理", script)),
             Field(s("学生姓名", script), s("王晓明", script)), Field(s("学　　号", script), "2019123456"),
             Field(s("指导教师", script), s("李建国　教授", script)), Centered("二〇二三年五月", 14)]
    rows = cover_rows(tmp_path, cover, script)
    assert front_fields(rows) == ("城市更新中的社区参与机制研究", ["王晓明"], "李建国", "公共管理学院", "行政管理", "学士",
                                  "2023-05")
    assert document(rows)["date_source"] == "二〇二三年五月"  # as printed beside the ISO date
    assert_cover_is_front_matter(rows)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_thesis_cover_as_a_ruled_grid_with_the_title_over_two_rows(tmp_path, script):
    grid = [[s("题", script), s("目：", script), s("城市更新中的社区参与", script)], ["", "", s("机制研究", script)],
            [s("研究生", script), "", s("林志明", script)], [s("指导教授", script), "", s("黄大伟 博士", script)],
            [s("系", script), s("所：", script), s("政治学系", script)]]
    cover = [Centered(s("国立东海大学", script), 28), Centered(s("硕士论文", script), 22), Grid(grid, 13),
             Centered(s("中华民国一一二年六月", script), 14)]
    rows = cover_rows(tmp_path, cover, script)
    assert front_fields(rows) == ("城市更新中的社区参与机制研究", ["林志明"], "黄大伟", "政治学系", None, "硕士",
                                  "2023-06")
    assert document(rows)["date_source"] == s("中华民国一一二年六月", script)
    assert_cover_is_front_matter(rows)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_project_report_cover_header_is_no_title(tmp_path, script):
    cover = [Centered(s("行政院国家科学委员会专题研究计划成果报告", script), 18),
             Centered(s("城市更新中的社区参与机制研究", script), 20),
             Field(s("计划编号：", script), "NSC 99-2410-H-002-001"),
             Field(s("执行期间：", script), s("99年8月1日至100年7月31日", script)),
             Field(s("计划主持人：", script), s("陈建国", script)),
             Field(s("执行单位：", script), s("国立东海大学政治学系", script)),
             Centered(s("中华民国一百年十月三十一日", script), 14)]
    rows = cover_rows(tmp_path, cover, script)
    assert front_fields(rows) == ("城市更新中的社区参与机制研究", ["陈建国"], None, "国立东海大学政治学系", None, None,
                                  "2011-10-31")
    assert document(rows)["date_source"] == s("中华民国一百年十月三十一日", script)
    assert_cover_is_front_matter(rows)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_course_report_title_page_with_labelled_student_and_teacher(tmp_path, script):
    cover = [Centered(s("战争影像与战争史 期中报告", script), 24), Centered(s("（第二版）", script), 18),
             Centered(s("《城市的记忆》观后感", script), 24), Centered(s("学生：王晓明", script), 18),
             Centered(s("授课教授：李建国 博士", script), 18), Centered(s("中华民国一百一十四年一月", script), 18)]
    rows = cover_rows(tmp_path, cover, script)
    assert front_fields(rows) == ("《城市的记忆》观后感", ["王晓明"], "李建国", None, None, None, "2025-01")
    assert document(rows)["date_source"] == s("中华民国一百一十四年一月", script)
    assert_cover_is_front_matter(rows)


# ---------------------------------------------------------------- text papers: the top lines are front matter

TEXT_BODY = ("城市更新是当代中国城市发展的重要议题。本文以上海为例，讨论社区参与的机制与问题。\n"
             "随着城市化进入下半场，存量更新取代增量扩张成为城市发展的主要方式。\n")


@pytest.mark.parametrize("top, title, authors, kept", [
    # a title line, a blank line, then paragraphs with no heading and no label
    ("城市更新中的社区参与机制研究\n\n", "城市更新中的社区参与机制研究", [], []),
    # a web excerpt: labelled author and source lines over the title
    ("作者：王小明\n来源：《城市观察》2019年第1期\n城市更新中的社区参与机制研究\n\n", "城市更新中的社区参与机制研究",
     [("王小明", None)], ["来源：《城市观察》2019年第1期"]),
    # the name, then its school, then the title, then the abstract
    ("王小明\n北京大学政府管理学院\n城市更新中的社区参与机制研究\n摘要：本文讨论城市更新中的社区参与。\n",
     "城市更新中的社区参与机制研究", [("王小明", "北京大学政府管理学院")], []),
    # a speech: title, the occasion over a dated line, the speaker; the salutation `各位代表：` opens the body
    ("政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n国务院总理 李克强\n各位代表：\n", "政府工作报告", [],
     ["——2019年3月5日在第十三届全国人民代表大会第二次会议上", "国务院总理 李克强"]),
])
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_text_paper_top_lines_are_front_matter_not_the_first_paragraph(tmp_path, top, title, authors, kept, script):
    path = tmp_path / "paper.txt"
    path.write_text(s(top + TEXT_BODY, script), encoding="utf-8")
    rows = process_paper(path)
    assert document(rows)["title_zh"] == title
    assert [(a["name_zh"], a["affiliation"]) for a in rows["authors"]] == authors
    opening = [("body", "各位代表：")] if "各位代表" in top else []
    assert [(p["part"], p["text"]) for p in rows["paragraphs"]] == [("front", k) for k in kept] + opening + [
        ("body", line) for line in TEXT_BODY.splitlines()]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_text_thesis_contents_lists_and_statements_are_front_matter_not_headings(tmp_path, script):
    front = ["目　录", "第一章 绪论 ........................ 1", "1.1 研究背景 ........................ 1",
             "第二章 文献综述 .................... 3", "图目录", "图1 研究框架 ...... 2", "原创性声明",
             "本人郑重声明：所呈交的学位论文，是本人在导师的指导下，独立进行研究工作所取得的成果。",
             "作者签名：　　　日期：　　年　月　日"]
    text = "\n".join(["城市更新中的社区参与机制研究", "摘　要", "本文研究城市更新中的社区参与机制。", "关键词：城市更新；社区参与",
                      *front, "第一章 绪论", "城市更新是当代中国城市发展的重要议题。", "1.1 研究背景",
                      "随着城市化进入下半场，存量更新取代增量扩张成为城市发展的主要方式。", "第二章 文献综述",
                      "已有研究讨论了社区参与。"])
    path = tmp_path / "thesis.txt"
    path.write_text(s(text, script), encoding="utf-8")
    rows = process_paper(path)
    assert [(x["label"], x["title"]) for x in rows["sections"]] == [("一", "绪论"), ("1.1", "研究背景"), ("二", "文献综述")]
    kept = [p["text_source"] for p in rows["paragraphs"] if p["part"] == "front"]
    assert len(kept) == len(front) and all(p["section_no"] is not None for p in rows["paragraphs"] if p["part"] == "body")
    assert document(rows)["date"] is None and document(rows)["coverage"] == 1.0


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_thesis_abstract_page_with_its_header_and_form(tmp_path, script):
    """The abstract page some universities print after the cover: its header says what it is, a form repeats the
    cover's fields, then the abstract."""
    text = "\n".join(["南京大学本科生毕业论文（设计、作品）中文摘要", "题目：城市更新中的社区参与机制研究", "院系：政府管理学院",
                      "专业：行政管理", "本科生姓名：王晓明", "指导教师（姓名、职称）：李建国 教授",
                      "摘要：本文研究城市更新中的社区参与机制。", "关键词：城市更新；社区参与", "第一章 绪论",
                      "城市更新是当代中国城市发展的重要议题。"])
    path = tmp_path / "abstract_page.txt"
    path.write_text(s(text, script), encoding="utf-8")
    rows = process_paper(path)
    assert front_fields(rows) == ("城市更新中的社区参与机制研究", ["王晓明"], "李建国", "政府管理学院", "行政管理", "学士", None)
    assert document(rows)["abstract_zh"] == "本文研究城市更新中的社区参与机制。"


def test_english_title_with_a_short_first_line_over_its_dashed_subtitle(pdf2_corpus, paper_rows):
    doc = document(paper_rows(pdf2_corpus / "nju_wardrobe.pdf"))
    assert doc["title_en"] == "Sweet Wardrobe —Dressing recommendations based on machine learning and social networking"


@pytest.mark.parametrize("doc_id", ["000_7e9e2be989c70a6d", "002_42b103086d14dc84"])
def test_samples_in_two_columns_give_the_headings_of_their_text(tmp_path, doc_id):
    from conftest import RAW
    from tests.pdfbuild import build_paper_pdf

    text = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")
    build_paper_pdf(tmp_path / "two.pdf", text, columns=2)
    headings = [(x["label"], x["title"], x["level"]) for x in process_paper(tmp_path / "two.pdf")["sections"]]
    assert headings == [(x["label"], x["title"], x["level"]) for x in process_paper(RAW / f"{doc_id}.txt")["sections"]]
    assert len(headings) >= 8


def test_a_form_title_over_two_lines_and_a_cover_date_before_the_fields():
    cover = [Block("二〇二三年五月", font_size=14.0, page_start=1), Block("本科毕业论文", font_size=26.0, page_start=1),
             Block("题　　目　城市更新中的社区参与", font_size=15.0, page_start=1), Block("研究", font_size=15.0, page_start=1),
             Block("学　　院　公共管理学院", font_size=15.0, page_start=1),
             Block("学生姓名　王晓明", font_size=15.0, page_start=1), Block("指导教师　李建国", font_size=15.0, page_start=1)]
    front = parse_front_matter(cover)
    assert (front.title_zh, [a["name_zh"] for a in front.authors], front.supervisor, front.school, front.date) == (
        "城市更新中的社区参与研究", ["王晓明"], "李建国", "公共管理学院", "2023-05")


def test_a_blank_form_gives_no_field_and_its_labels_are_no_values():
    front = parse_front_matter([Block("本科毕业论文", font_size=26.0, page_start=1),
                                Block("学生姓名  学号", font_size=15.0, page_start=1),
                                Block("指导教师  职称", font_size=15.0, page_start=1),
                                Block("作者签名：　　　日期：　　年　月　日", font_size=12.0, page_start=1)])
    assert (front.authors, front.supervisor, front.school, front.date) == ([], None, None, None)


def test_labels_joined_by_a_word_give_no_value():
    """`学位授予单位和日期 电子科技大学 年 月` (a title page's labels printed under their values, read in one line
    with them): `学位授予单位` and `日期` are one label joined by `和`, whose value is no school."""
    page = ["学 位 论 文", "时域积分方程时间步进算法研究", "（题名和副题名）", "王稳", "（作者姓名）",
            "指导老师 赖生建 副教授", "申请学位级别 硕士 学科专业 无线电物理", "提交论文日期 论文答辩日期",
            "学位授予单位和日期 电子科技大学 年 月", "答辩委员会主席", "评阅人"]
    front = parse_front_matter([Block(t, font_size=22.0 if i == 1 else 14.0, page_start=1) for i, t in enumerate(page)])
    assert (front.school, front.supervisor, front.major) == (None, "赖生建", "无线电物理")


def test_taiwanese_master_thesis_cover(tmp_path):
    cover = [Centered("國立東海大學", 26), Centered("資訊工程學系", 22), Centered("碩士學位論文", 22),
             Centered("指導教授：黃大偉 博士", 16), Centered("城市更新中的社區參與機制研究", 26),
             Centered("A Study of Community Participation in Urban Renewal", 18),
             Centered("研究生：林志明 撰", 16), Centered("中華民國 112 年 6 月", 16)]
    rows = cover_rows(tmp_path, cover, "traditional")
    assert front_fields(rows) == ("城市更新中的社区参与机制研究", ["林志明"], "黄大伟", "国立东海大学资讯工程学系", None, "硕士",
                                  "2023-06")
    assert document(rows)["title_en"] == "A Study of Community Participation in Urban Renewal"
    assert_cover_is_front_matter(rows)


def test_report_header_and_kind_lines_around_the_title_in_one_type_are_no_part_of_it():
    blocks = [Block("行政院國家科學委員會專題研究計畫成果報告", font_size=18.0, page_start=1),
              Block("敏捷式例外處理於服務導向架構之", font_size=18.0, page_start=1),
              Block("應用研究", font_size=18.0, page_start=1),
              Block("研究成果報告(精簡版)", font_size=18.0, page_start=1),
              Block("計畫主持人：陳建國", font_size=12.0, page_start=1)]
    front = parse_front_matter(blocks)
    assert (front.title_zh, [a["name_zh"] for a in front.authors]) == ("敏捷式例外處理於服務導向架構之應用研究", ["陳建國"])


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_pdf_thesis_statements_contents_and_lists_of_figures_and_tables_are_front_matter(tmp_path, script):
    """Issue 22 req 2 in a PDF: the cover, the originality statement and the authorization page, the table of
    contents and the lists of figures and of tables are front matter (kept as flagged front paragraphs, or the
    contents lines removed and flagged), never headings, body paragraphs, figures or tables."""
    leader = "…" * 12
    pages = [
        [Centered(s("东海师范大学", script), 30), Centered(s("本科毕业论文", script), 22),
         Field(s("题　　目", script), s("城市更新中的社区参与机制研究", script)),
         Field(s("学生姓名", script), s("王晓明", script)), Field(s("指导教师", script), s("李建国", script)),
         Centered("二〇二三年五月", 14)],
        [Centered(s("原创性声明", script), 18),
         Left(s("本人郑重声明：所呈交的毕业论文，是本人在指导老师的指导下独立进行研究所取得的成果。", script)),
         Left(s("本人签名：　　　　日期：　　年　月　日", script)),
         Centered(s("关于使用授权的声明", script), 18),
         Left(s("本人完全了解学校有关保管、使用毕业论文的规定，同意学校保留论文的复印件。", script)),
         Left(s("本人签名：　　　　导师签名：　　　　日期：", script))],
        [Centered(s("目　　录", script), 18), Left(s(f"第一章 绪论 {leader} 1", script)),
         Left(s(f"1.1 研究背景 {leader} 1", script)), Left(s(f"第二章 社区参与的机制 {leader} 3", script)),
         Left(s(f"参考文献 {leader} 9", script))],
        [Centered(s("插图目录", script), 18), Left(s(f"图 1-1 城市更新的类型 {leader} 2", script)),
         Left(s(f"图 2-1 社区参与的渠道 {leader} 4", script)), Left(s(f"图 2-2 参与的成效 {leader} 5", script)),
         Centered(s("表格目录", script), 18), Left(s(f"表 2-1 访谈对象 {leader} 6", script)),
         Left(s(f"表 2-2 参与渠道的比较 {leader} 7", script))],
    ]
    rows = cover_rows(tmp_path, pages, script)
    assert front_fields(rows)[:3] == ("城市更新中的社区参与机制研究", ["王晓明"], "李建国")
    assert_cover_is_front_matter(rows)  # headings 绪论, 研究背景 only; the abstract and keywords read
    assert rows["figures"] == [] and rows["tables"] == []
    assert [p["text"] for p in rows["paragraphs"] if p["page_start"] <= 4 and p["part"] != "front"] == []
    kept = [p["text"] for p in rows["paragraphs"] if p["part"] == "front"]
    assert "原创性声明" in kept and "关于使用授权的声明" in kept
    removed = [q["original"] for q in rows["quality_flags"] if q["kind"] == "toc_line_removed"]
    assert len(removed) == 12 and s("插图目录", script) in removed and s("表格目录", script) in removed


def test_an_english_abstract_in_a_framed_page_is_the_abstract_not_a_table(pdf2_corpus, paper_rows):
    """ustc_denoise prints its Abstract page inside a ruled frame; the wide gaps after its sentences made the
    grid look like 11 columns. Prose running over most rows is a frame around text: the abstract is read."""
    rows = paper_rows(pdf2_corpus / "ustc_denoise.pdf")
    abstract = rows["documents"][0]["abstract_en"]
    assert abstract.startswith("In this information age, with the development of the Internet and the development "
                               "of artificial intelligence")
    assert "than BM3D. Performance gains will be greater when using GPU acceleration" in abstract
    assert [t["page"] for t in rows["tables"] if t["page"] == 8] == []


def test_a_grid_whose_rows_open_with_english_prose_frames_text():
    from extract.pdf import PdfSettings
    from extract.pdf.ruled_tables import frames_text

    prose = [["lives, sharing digital images is one of the very important content.", "", "At the same time, the"],
             ["image processing is also a hot topic in artificial intelligence research.", "But by various", ""],
             ["noise not only affects the visual perception, but also on the computer to do", "", ""]]
    labels = [["Receiver Thread 1 Kernel", "Sender Thread 1", ""], ["recv status idx send status entries", "x", "y"]]
    data = [["Method", "PSNR (dB)", "Time"], ["BM3D, the block-matching filter", "28.57", "2.85"]]
    assert frames_text(prose, PdfSettings()) is True
    assert frames_text(labels, PdfSettings()) is False  # a diagram's boxes: no sentence
    assert frames_text(data, PdfSettings()) is False


@pytest.mark.parametrize("lang, first, second, keywords", [
    ("zh", "关键词：时域电磁散射，时域积分方程，时间步进算法，后时不稳定性，时域平", "面波算法",
     ["时域电磁散射", "时域积分方程", "时间步进算法", "后时不稳定性", "时域平面波算法"]),
    ("en", "Keywords: electromagnetic scattering, late-time instability, plane wave time\u00ad",
     "domain (PWTD) algorithm, MOT",
     ["electromagnetic scattering", "late-time instability", "plane wave time-domain (PWTD) algorithm", "MOT"]),
])
def test_a_keyword_cut_at_the_line_end_goes_on_on_the_short_line_under_it(lang, first, second, keywords):
    """A keyword list filling its line to the right edge, its last keyword going on in a short line hanging under
    the text after the label (a thesis abstract page); a line that does not fill its line ends the list."""
    def page(above_right: float) -> list[Block]:
        return [Block("摘 要", font_size=15.0, page_start=4, bbox=(270.0, 80.0, 330.0, 95.0)),
                Block("本文研究时域积分方程的时间步进算法。" * 3, font_size=12.0, page_start=4,
                      bbox=(85.0, 110.0, 510.2, 200.0), n_lines=4),
                Block(first, font_size=12.0, page_start=4, bbox=(85.0, 269.0, above_right, 281.0)),
                Block(second, font_size=12.0, page_start=4, bbox=(132.9, 289.0, 200.0, 301.0))]
    front = parse_front_matter(page(510.2))
    assert [k for k, k_lang in front.keywords if k_lang == lang] == keywords
    short = parse_front_matter(page(400.0))  # the list ends before the right edge: the line under it is no keyword
    assert second.split(",")[0] not in " ".join(k for k, _ in short.keywords)


def test_form_fields_blank_but_for_placeholder_glyphs_underscores_or_a_note_give_no_value():
    """A recommendation form's `論文題目：` over boxes of a font without Unicode (private-use glyphs), `指導教授：`
    over them and `（親筆簽名）`, `學生姓名：____`: no title, no supervisor, no author."""
    boxes = " ".join("\uf8f8" * 1 for _ in range(8))
    page = ["國立中央大學碩士班研究生", "論文指導教授推薦書", f"論文題目：{boxes}", f"指導教授：{boxes} （親筆簽名）",
            "學生姓名：________", "系所：資訊工程學系"]
    front = parse_front_matter([Block(t, font_size=16.0, page_start=1) for t in page])
    assert (front.title_zh, front.supervisor, front.authors) == (None, None, [])


def test_a_contents_line_naming_the_abstract_and_its_page_is_no_abstract():
    """`摘要 v`, `Abstract vii` (a thesis's contents whose dotted leaders the text layer lost): no abstract text."""
    page = ["城市更新中的社区参与机制研究", "目　　次", "摘要 v", "Abstract vii", "致谢 ix"]
    front = parse_front_matter([Block(t, font_size=22.0 if i == 0 else 12.0, page_start=1) for i, t in enumerate(page)])
    assert (front.abstract_zh, front.abstract_en) == (None, None)
