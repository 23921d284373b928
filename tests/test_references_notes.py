"""The notes style of Chinese humanities and social-science journals (管理世界, 经济研究, 中国社会科学): `references.notes`.

Entries written for these tests in the forms those journals print (books, articles with and without pages, chapters,
newspapers, theses, translated works, English articles, books, chapters and working papers), labelled （1）, [1]
and `1.`; each entry's fields are asserted exactly.
"""

from __future__ import annotations

import re

import pytest

from extract.references import parse_reference, read_reference_list

_LABEL = re.compile(r"^(?:（\d+）|\[\d+\]\s*|\d+\.\s*)")
_EMPTY = {"authors": [], "translators": [], "editors": [], "container": None, "place": None, "publisher": None,
          "volume": None, "issue": None, "pages": None, "doc_number": None, "edition": None, "url": None,
          "accessed_date": None}

CASES = [
    ("（1）张维迎：《博弈论与信息经济学》，上海：上海人民出版社，1996年。",
     dict(ref_no=1, authors=["张维迎"], title="博弈论与信息经济学", place="上海", publisher="上海人民出版社",
          year=1996, pub_date="1996", doc_type="M")),
    ("（2）林毅夫、蔡昉、李周：《中国的奇迹：发展战略与经济改革》，上海：上海三联书店，1994年。",
     dict(ref_no=2, authors=["林毅夫", "蔡昉", "李周"], title="中国的奇迹：发展战略与经济改革", place="上海",
          publisher="上海三联书店", year=1994, pub_date="1994", doc_type="M")),
    ("（3）周黎安：《中国地方官员的晋升锦标赛模式研究》，《经济研究》2007年第7期。",
     dict(ref_no=3, authors=["周黎安"], title="中国地方官员的晋升锦标赛模式研究", container="经济研究", issue="7",
          year=2007, pub_date="2007", doc_type="J")),
    ("[4] 陈钊和陆铭：《从分割到融合：城乡经济增长与社会和谐的政治经济学》，《经济研究》2008年第1期，第21～32页。",
     dict(ref_no=4, authors=["陈钊", "陆铭"], title="从分割到融合：城乡经济增长与社会和谐的政治经济学",
          container="经济研究", issue="1", pages="21～32", year=2008, pub_date="2008", doc_type="J")),
    ("5. 王小鲁、樊纲等：《中国地区差距的变动趋势和影响因素》，《经济研究》2004年第1期，第33-44页。",
     dict(ref_no=5, authors=["王小鲁", "樊纲"], title="中国地区差距的变动趋势和影响因素", container="经济研究",
          issue="1", pages="33-44", year=2004, pub_date="2004", doc_type="J")),
    ("（6）林毅夫：《制度、技术与中国农业发展》，上海三联书店1992年版，第12页。",
     dict(ref_no=6, authors=["林毅夫"], title="制度、技术与中国农业发展", publisher="上海三联书店", pages="12",
          year=1992, pub_date="1992", doc_type="M")),
    ("（7）[美]道格拉斯·诺思著，杭行译：《制度、制度变迁与经济绩效》，上海：格致出版社，2008年。",
     dict(ref_no=7, authors=["道格拉斯·诺思"], translators=["杭行"], title="制度、制度变迁与经济绩效", place="上海",
          publisher="格致出版社", year=2008, pub_date="2008", doc_type="M")),
    ("（8）周飞舟：《分税制十年：制度及其影响》，载李培林、陈光金主编：《中国社会发展报告》，北京：社会科学文献出版社，"
     "2006年，第101～125页。",
     dict(ref_no=8, authors=["周飞舟"], title="分税制十年：制度及其影响", editors=["李培林", "陈光金"],
          container="中国社会发展报告", place="北京", publisher="社会科学文献出版社", pages="101～125", year=2006,
          pub_date="2006", doc_type="M")),
    ("（9）本报评论员：《坚定不移推进改革开放》，《人民日报》2018年12月19日，第1版。",
     dict(ref_no=9, authors=["本报评论员"], title="坚定不移推进改革开放", container="人民日报", pages="1", year=2018,
          pub_date="2018-12-19", doc_type="N")),
    ("（10）张军：《中国经济增长的制度解释》，博士学位论文，复旦大学，2002年。",
     dict(ref_no=10, authors=["张军"], title="中国经济增长的制度解释", publisher="复旦大学", year=2002,
          pub_date="2002", doc_type="D")),
    ("（11）Qian, Y. and Weingast, B. R., 1997, \"Federalism as a Commitment to Preserving Market Incentives\", "
     "Journal of Economic Perspectives, vol.11(4), pp.83～99.",
     dict(ref_no=11, authors=["Qian Y", "Weingast B R"],
          title="Federalism as a Commitment to Preserving Market Incentives",
          container="Journal of Economic Perspectives", volume="11", issue="4", pages="83～99", year=1997,
          pub_date="1997", doc_type="J")),
    ("[12] Li, H., and L. Zhou, 2005, \"Political Turnover and Economic Performance\", Journal of Public Economics, "
     "Vol. 89, No. 9, pp. 1743-1762.",
     dict(ref_no=12, authors=["Li H", "Zhou L"], title="Political Turnover and Economic Performance",
          container="Journal of Public Economics", volume="89", issue="9", pages="1743-1762", year=2005,
          pub_date="2005", doc_type="J")),
    ("13. North, D. C., 1990, Institutions, Institutional Change and Economic Performance, Cambridge: Cambridge "
     "University Press.",
     dict(ref_no=13, authors=["North D C"], title="Institutions, Institutional Change and Economic Performance",
          place="Cambridge", publisher="Cambridge University Press", year=1990, pub_date="1990", doc_type="M")),
    ("（14）Oi, J. C., 1999, Rural China Takes Off, Berkeley, CA: University of California Press.",
     dict(ref_no=14, authors=["Oi J C"], title="Rural China Takes Off", place="Berkeley, CA",
          publisher="University of California Press", year=1999, pub_date="1999", doc_type="M")),
    ("（15）Shleifer, A., 1998, \"State versus Private Ownership\", NBER Working Paper, No. 6665.",
     dict(ref_no=15, authors=["Shleifer A"], title="State versus Private Ownership", container="NBER Working Paper",
          doc_number="6665", year=1998, pub_date="1998", doc_type="R")),
    ("（16）Walder, A. G., 1995, \"Local Governments as Industrial Firms\", in Oi, J. C. and Walder, A. G. (eds.), "
     "Property Rights and Economic Reform in China, Stanford: Stanford University Press, pp.62-85.",
     dict(ref_no=16, authors=["Walder A G"], title="Local Governments as Industrial Firms",
          editors=["Oi J C", "Walder A G"], container="Property Rights and Economic Reform in China",
          place="Stanford", publisher="Stanford University Press", pages="62-85", year=1995, pub_date="1995",
          doc_type="M")),
    ("（17）[德]马克思：《资本论》第1卷，北京：人民出版社，2004年，第8页。",
     dict(ref_no=17, authors=["马克思"], title="资本论", volume="第1卷", place="北京", publisher="人民出版社",
          pages="8", year=2004, pub_date="2004", doc_type="M")),
    ("（18）曼昆：《经济学原理》（第5版），梁小民、梁砾译，北京：北京大学出版社，2009年。",
     dict(ref_no=18, authors=["曼昆"], title="经济学原理", edition="第5版", translators=["梁小民", "梁砾"],
          place="北京", publisher="北京大学出版社", year=2009, pub_date="2009", doc_type="M")),
    ("（19）吴敬琏主编：《当代中国经济改革》，上海：上海远东出版社，2004年。",
     dict(ref_no=19, editors=["吴敬琏"], title="当代中国经济改革", place="上海", publisher="上海远东出版社",
          year=2004, pub_date="2004", doc_type="M")),
    ("（20）李玲：《中国医疗体制改革》，北京大学中国经济研究中心工作论文，No.C2004001，2004年。",
     dict(ref_no=20, authors=["李玲"], title="中国医疗体制改革", container="北京大学中国经济研究中心工作论文",
          doc_number="C2004001", year=2004, pub_date="2004", doc_type="R")),
    ("（21）Qian, Yingyi, and Barry R. Weingast, 1997, \"Federalism as a Commitment\", Journal of Economic "
     "Perspectives, 11(4): 83-99.",
     dict(ref_no=21, authors=["Qian Yingyi", "Weingast Barry R"], title="Federalism as a Commitment",
          container="Journal of Economic Perspectives", volume="11", issue="4", pages="83-99", year=1997,
          pub_date="1997", doc_type="J")),
    ("（22）World Bank, 1993, The East Asian Miracle, New York: Oxford University Press.",
     dict(ref_no=22, authors=["World Bank"], title="The East Asian Miracle", place="New York",
          publisher="Oxford University Press", year=1993, pub_date="1993", doc_type="M")),
    # the author-year form 管理世界 and 经济研究 print now: the year after the names, not in the source
    ("（23）周黎安，2007：《中国地方官员的晋升锦标赛模式研究》，《经济研究》第7期。",
     dict(ref_no=23, authors=["周黎安"], title="中国地方官员的晋升锦标赛模式研究", container="经济研究", issue="7",
          year=2007, pub_date="2007", doc_type="J")),
    ("（24）林毅夫、蔡昉、李周，1994：《中国的奇迹：发展战略与经济改革》，上海三联书店、上海人民出版社。",
     dict(ref_no=24, authors=["林毅夫", "蔡昉", "李周"], title="中国的奇迹：发展战略与经济改革",
          publisher="上海三联书店、上海人民出版社", year=1994, pub_date="1994", doc_type="M")),
    ("（25）王小鲁（2000）：《中国经济增长的可持续性与制度变革》，《经济研究》第7期，第3～15页。",
     dict(ref_no=25, authors=["王小鲁"], title="中国经济增长的可持续性与制度变革", container="经济研究", issue="7",
          pages="3～15", year=2000, pub_date="2000", doc_type="J")),
    ("（26）国家统计局：《2019年国民经济和社会发展统计公报》，2020年2月28日，http://www.stats.gov.cn/tjsj/zxfb/"
     "202002/t20200228_1728913.html，2020年3月1日。",
     dict(ref_no=26, authors=["国家统计局"], title="2019年国民经济和社会发展统计公报", year=2020,
          pub_date="2020-02-28", accessed_date="2020-03-01",
          url="http://www.stats.gov.cn/tjsj/zxfb/202002/t20200228_1728913.html", doc_type="EB")),
    ("（27）张军，2004：《分权与增长：中国的故事》，载张军主编《中国经济学》第3辑，上海：上海人民出版社，"
     "第5～31页。",
     dict(ref_no=27, authors=["张军"], title="分权与增长：中国的故事", editors=["张军"], container="中国经济学",
          volume="第3辑", place="上海", publisher="上海人民出版社", pages="5～31", year=2004, pub_date="2004",
          doc_type="M")),
    ("（28）Kornai, J., 1992, The Socialist System: The Political Economy of Communism, Princeton University Press.",
     dict(ref_no=28, authors=["Kornai J"], title="The Socialist System: The Political Economy of Communism",
          publisher="Princeton University Press", year=1992, pub_date="1992", doc_type="M")),
    ("（29）Walder, A. G., 1995, \"Local Governments as Industrial Firms\", in: Oi, J. C. and Walder, A. G. eds., "
     "Property Rights and Economic Reform in China, Stanford: Stanford University Press.",
     dict(ref_no=29, authors=["Walder A G"], title="Local Governments as Industrial Firms",
          editors=["Oi J C", "Walder A G"], container="Property Rights and Economic Reform in China",
          place="Stanford", publisher="Stanford University Press", year=1995, pub_date="1995", doc_type="M")),
    ("（30）Williamson, O. E., 1991, \"Comparative Economic Organization\", Journal of Law, Economics, and "
     "Organization, 7(1), 1-31.",
     dict(ref_no=30, authors=["Williamson O E"], title="Comparative Economic Organization",
          container="Journal of Law, Economics, and Organization", volume="7", issue="1", pages="1-31", year=1991,
          pub_date="1991", doc_type="J")),
    ("（31）钱颖一：《现代经济学与中国经济改革》，北京：中国人民大学出版社，2003年修订版。",
     dict(ref_no=31, authors=["钱颖一"], title="现代经济学与中国经济改革", place="北京", publisher="中国人民大学出版社",
          edition="修订版", year=2003, pub_date="2003", doc_type="M")),
    # 中国社会科学's foreign-language notes: given names first, the year after the imprint or the volume
    ("（32）Douglass C. North, Institutions, Institutional Change and Economic Performance, Cambridge: Cambridge "
     "University Press, 1990, p.12.",
     dict(ref_no=32, authors=["North Douglass C"], title="Institutions, Institutional Change and Economic Performance",
          place="Cambridge", publisher="Cambridge University Press", pages="12", year=1990, pub_date="1990",
          doc_type="M")),
    ("（33）Yingyi Qian and Barry R. Weingast, \"Federalism as a Commitment to Preserving Market Incentives,\" "
     "Journal of Economic Perspectives, vol.11, no.4, 1997, pp.83-99.",
     dict(ref_no=33, authors=["Qian Yingyi", "Weingast Barry R"],
          title="Federalism as a Commitment to Preserving Market Incentives",
          container="Journal of Economic Perspectives", volume="11", issue="4", pages="83-99", year=1997,
          pub_date="1997", doc_type="J")),
    ("（34）周黎安：《中国地方官员的晋升锦标赛模式研究》，《经济研究》，2007年7期，36～50页。",
     dict(ref_no=34, authors=["周黎安"], title="中国地方官员的晋升锦标赛模式研究", container="经济研究", issue="7",
          pages="36～50", year=2007, pub_date="2007", doc_type="J")),
    ("（35）张军：《中国经济增长的制度解释》，复旦大学博士学位论文，2002年。",
     dict(ref_no=35, authors=["张军"], title="中国经济增长的制度解释", publisher="复旦大学", year=2002,
          pub_date="2002", doc_type="D")),
    ("（36）周黎安：《晋升博弈中政府官员的激励与合作》，提交给中国经济学年会的论文，广州，2004年。",
     dict(ref_no=36, authors=["周黎安"], title="晋升博弈中政府官员的激励与合作", container="中国经济学年会",
          place="广州", year=2004, pub_date="2004", doc_type="C")),
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[str(e["ref_no"]) for _, e in CASES])
def test_notes_entry_fields(raw: str, expected: dict) -> None:
    fields = parse_reference(raw)
    want = {**_EMPTY, **expected, "parse_status": "ok", "style": "notes-cn", "type_inferred": True,
            "type_code": None, "parse_issue": None}
    assert {k: fields[k] for k in want} == want


def test_whole_notes_list() -> None:
    """All the entries above as one list numbered （1）…（36）, an entry's second line joined to it."""
    lines = [f"（{n}）{_LABEL.sub('', raw, count=1)}" for n, (raw, _) in enumerate(CASES, start=1)]
    lines[7:8] = [lines[7][:30], lines[7][30:]]  # a chapter printed over two lines
    refs, changes, after = read_reference_list(lines)
    assert [r["ref_no"] for r in refs] == list(range(1, len(CASES) + 1))
    assert [r["parse_status"] for r in refs] == ["ok"] * len(CASES)
    assert {r["style"] for r in refs} == {"notes-cn"}
    assert [r["doc_type"] for r in refs] == [e["doc_type"] for _, e in CASES]
    assert refs[7]["pages"] == "101～125" and refs[7]["editors"] == ["李培林", "陈光金"]
    assert {c.kind for c in changes} == {"reference_type_inferred"}
    assert after == []


@pytest.mark.parametrize(("raw", "unplaced", "doc_type"), [
    ("（1）张某：《某文》，《某刊》2010年春季号。", "《某刊》2010年春季号", "J"),  # a source in no known form
    ("（2）Wang, X., 2010, \"A Title\", some venue nobody prints, 2010, part three.",
     "some venue nobody prints, 2010, part three", "J"),
    ("（3）《中华人民共和国公司法》，2018年修正。", "2018年修正", "M"),  # a law: its year of revision not read
    ("（4）Kornai, J., 1992, The Socialist System, privately printed.", "The Socialist System, privately printed",
     "M"),  # no `Place: Publisher`, no publisher's word: where the title ends is not known
    ("（5）Walder, A. G., 1995, \"Local Governments\", in Property Rights, ed. by Someone.",
     "in Property Rights, ed. by Someone", "M"),
])
def test_notes_source_not_read_is_flagged(raw: str, unplaced: str, doc_type: str) -> None:
    fields = parse_reference(raw)
    assert fields["parse_status"] == "partial"
    assert fields["parse_issue"] == f"not placed: {unplaced}"
    assert fields["style"] == "notes-cn"
    assert fields["doc_type"] == doc_type


def test_notes_entry_without_date_is_flagged() -> None:
    fields = parse_reference("（1）张某：《某书》，某出版社。")
    assert (fields["publisher"], fields["year"], fields["parse_status"], fields["parse_issue"]) == (
        "某出版社", None, "partial", "no date")


def test_unnumbered_author_year_list() -> None:
    """管理世界 and 经济研究 print the author-year form unnumbered, Chinese entries then English, entries running
    over lines."""
    lines = ["林毅夫、蔡昉、李周，1994：《中国的奇迹：发展战略与经济改革》，上海三联书店、",
             "上海人民出版社。",
             "周黎安，2007：《中国地方官员的晋升锦标赛模式研究》，《经济研究》第7期。",
             "Li, H. and Zhou, L. A., 2005, \"Political Turnover and Economic Performance: The Incentive Role of",
             "Personnel Control in China\", Journal of Public Economics, vol.89(9～10), pp.1743～1762."]
    refs, changes, after = read_reference_list(lines)
    assert [(r["authors"], r["year"], r["doc_type"], r["parse_status"]) for r in refs] == [
        (["林毅夫", "蔡昉", "李周"], 1994, "M", "ok"), (["周黎安"], 2007, "J", "ok"), (["Li H", "Zhou L A"], 2005, "J", "ok")]
    assert refs[0]["publisher"] == "上海三联书店、上海人民出版社"
    assert refs[2]["title"] == ("Political Turnover and Economic Performance: The Incentive Role of Personnel Control "
                                "in China")
    assert (refs[2]["volume"], refs[2]["issue"], refs[2]["pages"]) == ("89", "9～10", "1743～1762")
    assert "reference_list_unnumbered" in {c.kind for c in changes}
    assert after == []


@pytest.mark.parametrize(("raw", "title", "publisher", "style"), [
    ("《红楼梦》. 北京: 人民文学出版社, 1982.", "《红楼梦》", "人民文学出版社", "numeric-no-codes"),
    ("《中国统计年鉴》，北京：中国统计出版社，2010年。", "中国统计年鉴", "中国统计出版社", "notes-cn"),
])
def test_title_in_marks_read_by_the_style_that_places_it(raw: str, title: str, publisher: str, style: str) -> None:
    """A title in book-title marks opens entries of other styles too: the notes reading is kept only when it is not
    worse than theirs."""
    fields = parse_reference(raw)
    assert (fields["title"], fields["publisher"], fields["year"] is not None, fields["parse_status"], fields["style"]) \
        == (title, publisher, True, "ok", style)


@pytest.mark.parametrize("label", ["[{n}] ", "{n}. ", "{n}）"])
def test_notes_list_in_other_numberings(label: str) -> None:
    picked = [CASES[i] for i in (0, 2, 7, 10, 12)]  # book, article, chapter, English article, English book
    lines = [label.format(n=n) + _LABEL.sub("", raw, count=1) for n, (raw, _) in enumerate(picked, start=1)]
    refs, _, after = read_reference_list(lines)
    assert [(r["ref_no"], r["title"], r["doc_type"], r["parse_status"]) for r in refs] == [
        (n, e["title"], e["doc_type"], "ok") for n, (_, e) in enumerate(picked, start=1)]
    assert after == []
