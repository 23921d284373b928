"""Reference lists: heading, entry splitting, GB/T 7714 entry parsing."""

import pytest

from extract.references import (
    CARRIERS,
    DOC_TYPES,
    REFERENCE_FIELDS,
    is_reference_heading,
    parse_reference,
    split_reference_entries,
    split_reference_list,
)


def expected(raw: str, **fields) -> dict:
    """Every field of a parsed entry: the given ones, the rest empty."""
    record = dict.fromkeys(REFERENCE_FIELDS)
    record.update(raw=raw, authors=[], translators=[], editors=[], type_inferred=False, parse_status="ok")
    code = fields.get("type_code")
    if code:
        doc_type, _, carrier = code.partition("/")
        record.update(doc_type=doc_type, carrier=carrier or None, style="gbt7714-numeric")
    elif fields.get("doc_type"):
        record.update(style="numeric-no-codes")
    record.update(fields)
    return record


def case(raw: str, id: str, **fields):
    return pytest.param(raw, expected(raw, **fields), id=id)


# ---------------------------------------------------------------- headings


@pytest.mark.parametrize("line", [
    "参考文献", "参考文献:", "参考文献：", "[参考文献]", "【参考文献】", "參考文獻", " 参 考 文 献 ",
    "References", "REFERENCES", "References:", "Bibliography", "注释与参考文献", "主要参考文献：",
    "六、参考文献", "5 References",
])
def test_reference_heading_is_recognised(line):
    assert is_reference_heading(line)


@pytest.mark.parametrize("line", [
    "", "参考文献表明,城市合作日益重要。", "[1] 参考文献", "References to the G20 are many",
    "一、当前科技创新网络和纽带发展状况", "文献综述",
])
def test_other_lines_are_not_reference_headings(line):
    assert not is_reference_heading(line)


# ---------------------------------------------------------------- splitting


def test_blank_lines_between_entries_are_ignored():
    lines = ["", "[1] 甲.题名[J].刊名,2010(1):1-2.", "", "", "[2] 乙.题名[M].北京:出版社,2011.", ""]
    assert split_reference_entries(lines) == ["[1] 甲.题名[J].刊名,2010(1):1-2.", "[2] 乙.题名[M].北京:出版社,2011."]


def test_latin_words_broken_across_lines_are_joined_with_one_space():
    lines = ['[1] Zhang Hai. Interpreting "The Chinese 2016', "", 'Host Year" [R]. Lowy Institute, 2016(19).']
    assert split_reference_entries(lines) == ['[1] Zhang Hai. Interpreting "The Chinese 2016 Host Year" [R]. Lowy Institute, 2016(19).']


def test_chinese_broken_across_lines_is_joined_without_space():
    lines = ["[1] 程根伟.1998年长江洪水的成因", "与减灾对策[M]//许厚泽,赵其国.长江流域洪涝灾害与科技对策.北京:", "科学出版社,1999:32-36."]
    assert split_reference_entries(lines) == [
        "[1] 程根伟.1998年长江洪水的成因与减灾对策[M]//许厚泽,赵其国.长江流域洪涝灾害与科技对策.北京:科学出版社,1999:32-36."
    ]


def test_chinese_ascii_comma_before_a_line_break_gets_no_space():
    assert split_reference_entries(["[1] 丁文祥.数字革命[N].中国青年报,", "2000-11-20(15)."]) == [
        "[1] 丁文祥.数字革命[N].中国青年报,2000-11-20(15)."
    ]


def test_url_on_the_next_line_is_joined_without_space():
    lines = ["[6] 标题[EB/OL].(2016-06-08)[2018-08-20]", "http://www.gov.cn/xinwen/2016-06/08/content_5080386.htm."]
    assert split_reference_entries(lines) == [
        "[6] 标题[EB/OL].(2016-06-08)[2018-08-20]http://www.gov.cn/xinwen/2016-06/08/content_5080386.htm."
    ]


def test_url_broken_inside_is_joined_without_space():
    lines = ["[1] Beige Book[EB/OL]. (2019-01-16)[2019-02-01]. https://www.federalreserve.gov/monetarypolicy/",
             "beigebook201901.htm."]
    assert split_reference_entries(lines) == [
        "[1] Beige Book[EB/OL]. (2019-01-16)[2019-02-01]. https://www.federalreserve.gov/monetarypolicy/beigebook201901.htm."
    ]


def test_page_range_broken_at_the_dash_is_joined():
    assert split_reference_entries(["[1] KANAMORI H. Shaking[J]. Science, 1998, 279(5359): 2063-", "2064."]) == [
        "[1] KANAMORI H. Shaking[J]. Science, 1998, 279(5359): 2063-2064."
    ]


@pytest.mark.parametrize("back_matter", [
    "■ 责任编辑:李四", "责任编辑 王五", "(责任编辑:张三)", "（责任编辑：张三）", "作者简介:张三,男,博士。", "收稿日期:2018-12-20",
])
def test_reading_stops_at_back_matter(back_matter):
    lines = ["[1] 甲.题名[J].刊名,2010(1):1-2.", back_matter, "[5] 不是参考文献[J].刊名,2011(1):1."]
    listing = split_reference_list(lines)
    assert [e.text for e in listing.entries] == ["[1] 甲.题名[J].刊名,2010(1):1-2."]
    assert listing.after == [back_matter, "[5] 不是参考文献[J].刊名,2011(1):1."]


def test_back_matter_inside_the_list_is_set_apart_when_the_next_entry_follows():
    lines = ["[1] 甲.题名[J].刊名,2010(1):1-2.", "收稿日期:2018-12-20", "基金项目:国家自然科学基金", "[2] 乙.题名[J].刊名,2011(1):1."]
    listing = split_reference_list(lines)
    assert [e.text for e in listing.entries] == ["[1] 甲.题名[J].刊名,2010(1):1-2.", "[2] 乙.题名[J].刊名,2011(1):1."]
    assert listing.set_apart == [("收稿日期:2018-12-20", "not reference text inside the list"),
                                 ("基金项目:国家自然科学基金", "not reference text inside the list")]


@pytest.mark.parametrize("labels", [("[1]", "[2]"), ("［1］", "［2］"), ("1.", "2."), ("(1)", "(2)"), ("（1）", "（2）")])
def test_every_label_form_starts_an_entry(labels):
    first, second = labels
    lines = [f"{first} 甲.题名[J].刊名,2010(1):1-2.", f"{second} 乙.题名[M].北京:出版社,2011."]
    assert split_reference_entries(lines) == lines


def test_a_number_out_of_sequence_continues_the_entry():
    lines = ["1. SMITH J. A book[M]. New York: Wiley,", "2016.", "2. JONES K. Another book[M]. London: Penguin, 2017."]
    assert split_reference_entries(lines) == [
        "1. SMITH J. A book[M]. New York: Wiley, 2016.", "2. JONES K. Another book[M]. London: Penguin, 2017."
    ]


def test_a_bare_page_number_inside_the_list_is_dropped():
    lines = ["[1] 甲.题名[J].刊名,", "136", "2010(1):1-2."]
    assert split_reference_entries(lines) == ["[1] 甲.题名[J].刊名,2010(1):1-2."]


def test_an_unlabelled_list_gives_one_entry_per_line():
    lines = ["甲.题名[J].刊名,2010(1):1-2.", "乙.题名[M].北京:出版社,2011."]
    assert split_reference_entries(lines) == lines


# ---------------------------------------------------------------- sample 000


@pytest.fixture(scope="module")
def sample_000_references(raw_dir) -> dict[int, dict]:
    lines = (raw_dir / "000_7e9e2be989c70a6d.txt").read_text(encoding="utf-8").splitlines()
    heading = next(i for i, line in enumerate(lines) if is_reference_heading(line))
    entries = split_reference_entries(lines[heading + 1:])
    return {ref["ref_no"]: ref for ref in map(parse_reference, entries)}


def test_sample_000_has_nine_references_all_parsed(sample_000_references):
    assert sorted(sample_000_references) == list(range(1, 10))
    assert {ref["parse_status"] for ref in sample_000_references.values()} == {"ok"}


def test_sample_000_report_in_a_series(sample_000_references):
    ref = sample_000_references[1]
    assert ref["authors"] == ["Zhang Hai", "Wang Yuzhu"]
    assert ref["title"] == "Interpreting the four I's of China's G20 Presidency, collected in \"The Chinese 2016 Host Year\""
    assert (ref["type_code"], ref["doc_type"], ref["carrier"]) == ("R", "R", None)
    assert (ref["container"], ref["year"], ref["issue"]) == ("Lowy Institute, G20 Monitor", 2016, "19")


def test_sample_000_newspaper(sample_000_references):
    ref = sample_000_references[2]
    assert ref["type_code"] == ref["doc_type"] == "N"
    assert ref["container"] == "人民日报"
    assert (ref["pub_date"], ref["pages"], ref["year"]) == ("2016-09-28", "01", 2016)
    assert ref["authors"] == []


def test_sample_000_title_with_a_comma_is_one_title(sample_000_references):
    assert sample_000_references[4]["title"] == "推进40个国际产能合作重点项目,鄂企打造“一带一路”湖北名片"
    assert sample_000_references[4]["authors"] == []


def test_sample_000_web_page(sample_000_references):
    ref = sample_000_references[5]
    assert (ref["type_code"], ref["doc_type"], ref["carrier"]) == ("EB/OL", "EB", "OL")
    assert (ref["pub_date"], ref["accessed_date"]) == ("2015-09-23", "2018-12-20")
    assert ref["url"] == "http://www.xinhuanet.com/world/2015-09/23/c_1116653149.htm"


def test_sample_000_url_on_the_next_line(sample_000_references):
    assert sample_000_references[6]["url"] == "http://www.gov.cn/xinwen/2016-06/08/content_5080386.htm"
    assert sample_000_references[6]["title"] == "中美城市合作新亮点(人民日报海外版)"


def test_sample_000_url_in_angle_brackets(sample_000_references):
    assert sample_000_references[7]["url"] == "http://www.chinanews.com/cj/2016/04-12/7830513.shtml"


def test_sample_000_corporate_author(sample_000_references):
    assert sample_000_references[9]["authors"] == ["中国人民对外友好协会"]
    assert sample_000_references[9]["title"] == "李小林会长在2012中国国际友好城市大会开幕式上的讲话"


# ---------------------------------------------------------------- entries, GB/T 7714 rules and examples

REFERENCE_CASES = [
    # journals
    case("[1] 袁训来,陈哲,肖书海,等.蓝田生物群:一个认识多细胞生物起源和早期演化的新窗口[J].科学通报,2012,55(34):3219-3227.",
         "journal-zh-et-al", ref_no=1, authors=["袁训来", "陈哲", "肖书海"],
         title="蓝田生物群:一个认识多细胞生物起源和早期演化的新窗口", type_code="J", container="科学通报",
         year=2012, pub_date="2012", volume="55", issue="34", pages="3219-3227"),
    case("KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063-2064. DOI:10.1126/science.279.5359.2063.",
         "journal-en-doi", authors=["KANAMORI H"], title="Shaking without quaking", type_code="J", container="Science",
         year=1998, pub_date="1998", volume="279", issue="5359", pages="2063-2064", doi="10.1126/science.279.5359.2063"),
    case("DES MARAIS D J, STRAUSS H, SUMMONS R E, et al. Carbon isotope evidence for the stepwise oxidation of the "
         "Proterozoic environment[J]. Nature, 1992, 359: 605-609.",
         "journal-en-et-al-volume-only", authors=["DES MARAIS D J", "STRAUSS H", "SUMMONS R E"],
         title="Carbon isotope evidence for the stepwise oxidation of the Proterozoic environment", type_code="J",
         container="Nature", year=1992, pub_date="1992", volume="359", pages="605-609"),
    case("[3] 刘加林.严复翻译的三个阶段[J].中国翻译,2010(2):25-29.", "journal-zh-issue-without-volume", ref_no=3,
         authors=["刘加林"], title="严复翻译的三个阶段", type_code="J", container="中国翻译", year=2010,
         pub_date="2010", issue="2", pages="25-29"),
    case("MORRIS J, SMITH K A. Trade and growth[J]. Journal of Development Economics, 2019, 141: 102-115. "
         "https://doi.org/10.1016/j.jdeveco.2019.102375.",
         "journal-en-doi-url", authors=["MORRIS J", "SMITH K A"], title="Trade and growth", type_code="J",
         container="Journal of Development Economics", year=2019, pub_date="2019", volume="141", pages="102-115",
         url="https://doi.org/10.1016/j.jdeveco.2019.102375", doi="10.1016/j.jdeveco.2019.102375"),
    case("[2] 王某,李某.数字经济与区域创新[J].管理世界,2020,36(5):1-15.DOI:10.19744/j.cnki.11-1235/f.2020.0067.",
         "journal-zh-doi", ref_no=2, authors=["王某", "李某"], title="数字经济与区域创新", type_code="J",
         container="管理世界", year=2020, pub_date="2020", volume="36", issue="5", pages="1-15",
         doi="10.19744/j.cnki.11-1235/f.2020.0067"),
    case("LI X, WANG Y et al. Urban networks in China[J]. Cities, 2017, 64: 1-9.", "journal-en-et-al-without-comma",
         authors=["LI X", "WANG Y"], title="Urban networks in China", type_code="J", container="Cities", year=2017,
         pub_date="2017", volume="64", pages="1-9"),
    case("张三等.城市创新与区域协调[J].城市问题,2015(4):1-5.", "journal-zh-attached-deng", authors=["张三"],
         title="城市创新与区域协调", type_code="J", container="城市问题", year=2015, pub_date="2015", issue="4", pages="1-5"),
    case("王五、赵六.长三角一体化的路径[J].上海经济研究,2014,3(2):5-9.", "journal-zh-enumeration-comma",
         authors=["王五", "赵六"], title="长三角一体化的路径", type_code="J", container="上海经济研究", year=2014,
         pub_date="2014", volume="3", issue="2", pages="5-9"),
    case("［8］ 陈七，周八．区域合作新论［J］．地理研究，2016，35（6）：1001-1012．", "journal-fullwidth-punctuation",
         ref_no=8, authors=["陈七", "周八"], title="区域合作新论", type_code="J", container="地理研究", year=2016,
         pub_date="2016", volume="35", issue="6", pages="1001-1012"),
    # monographs, editions, contributions
    case("[4] 蒋有绪,郭泉水,马娟,等.中国森林群落分类及其群落学特征[M].北京:科学出版社,1998.", "book-zh", ref_no=4,
         authors=["蒋有绪", "郭泉水", "马娟"], title="中国森林群落分类及其群落学特征", type_code="M", place="北京",
         publisher="科学出版社", year=1998, pub_date="1998"),
    case("O'BRIEN J A. Introduction to information systems[M]. 7th ed. Burr Ridge: Irwin, 1994.", "book-en-edition",
         authors=["O'BRIEN J A"], title="Introduction to information systems", type_code="M", edition="7th ed", place="Burr Ridge",
         publisher="Irwin", year=1994, pub_date="1994"),
    case("赵凯华,罗蔚茵.新概念物理教程:力学[M].2版.北京:高等教育出版社,2004:12-15.", "book-zh-edition-pages",
         authors=["赵凯华", "罗蔚茵"], title="新概念物理教程:力学", type_code="M", edition="2版", place="北京", publisher="高等教育出版社",
         year=2004, pub_date="2004", pages="12-15"),
    case("昂温 G,昂温 P S.外国出版史[M].陈生铮,译.北京:中国书籍出版社,1988.", "book-translated",
         authors=["昂温 G", "昂温 P S"], title="外国出版史", type_code="M", translators=["陈生铮"], place="北京", publisher="中国书籍出版社",
         year=1988, pub_date="1988"),
    case("程根伟.1998年长江洪水的成因与减灾对策[M]//许厚泽,赵其国.长江流域洪涝灾害与科技对策.北京:科学出版社,1999:32-36.",
         "chapter-zh", authors=["程根伟"], title="1998年长江洪水的成因与减灾对策", type_code="M",
         container="长江流域洪涝灾害与科技对策", editors=["许厚泽", "赵其国"], place="北京", publisher="科学出版社",
         year=1999, pub_date="1999", pages="32-36"),
    case("WEINSTEIN L, SWERTZ M N. Pathogenic properties of invading microorganisms[M]//SODEMAN W A, Jr, SODEMAN W A. "
         "Pathologic physiology: mechanisms of disease. Philadelphia: Saunders, 1974: 745-772.",
         "chapter-en", authors=["WEINSTEIN L", "SWERTZ M N"], title="Pathogenic properties of invading microorganisms",
         type_code="M", container="Pathologic physiology: mechanisms of disease",
         editors=["SODEMAN W A, Jr", "SODEMAN W A"], place="Philadelphia",
         publisher="Saunders", year=1974, pub_date="1974", pages="745-772"),
    case("钟文发.非线性规划在可燃毒物配置中的应用[C]//赵玮.运筹学的理论与应用:中国运筹学会第五届大会论文集."
         "西安:西安电子科技大学出版社,1996:468.",
         "chapter-in-proceedings-2005", authors=["钟文发"], title="非线性规划在可燃毒物配置中的应用", type_code="C",
         container="运筹学的理论与应用:中国运筹学会第五届大会论文集", editors=["赵玮"], place="西安", publisher="西安电子科技大学出版社",
         year=1996, pub_date="1996", pages="468"),
    case("[6] 白书农.植物开花研究[A].李承森.植物科学进展[C].北京:高等教育出版社,1998:146-163.",
         "analytic-2005-form", ref_no=6, authors=["白书农"], title="植物开花研究", type_code="A",
         container="植物科学进展", editors=["李承森"], place="北京", publisher="高等教育出版社", year=1998, pub_date="1998",
         pages="146-163"),
    case("中国力学学会.第3届全国实验流体力学学术会议论文集[C].天津:[出版者不详],1990.", "proceedings-unknown-publisher",
         authors=["中国力学学会"], title="第3届全国实验流体力学学术会议论文集", type_code="C", place="天津",
         year=1990, pub_date="1990"),
    # theses, reports, standards, patents
    case("马欢.人类活动影响下海河流域典型区水循环变化分析[D].北京:清华大学,2011:27.", "thesis-zh", authors=["马欢"],
         title="人类活动影响下海河流域典型区水循环变化分析", type_code="D", place="北京", publisher="清华大学",
         year=2011, pub_date="2011", pages="27"),
    case("CALMS R B. Infrared spectroscopic studies on solid oxygen[D]. Berkeley: University of California, 1965.",
         "thesis-en", authors=["CALMS R B"], title="Infrared spectroscopic studies on solid oxygen", type_code="D",
         place="Berkeley", publisher="University of California", year=1965, pub_date="1965"),
    case("World Health Organization. Factors regulating the immune response: report of WHO Scientific Group[R]. "
         "Geneva: WHO, 1970.", "report-en-corporate", authors=["World Health Organization"],
         title="Factors regulating the immune response: report of WHO Scientific Group", type_code="R", place="Geneva",
         publisher="WHO", year=1970, pub_date="1970"),
    case("[5] 中国社会科学院语言研究所.汉语方言分区研究报告[R].北京:中国社会科学院,2010.", "report-zh", ref_no=5,
         authors=["中国社会科学院语言研究所"], title="汉语方言分区研究报告", type_code="R", place="北京",
         publisher="中国社会科学院", year=2010, pub_date="2010"),
    case("BARKER R. Fiscal rules in the G20[R]. Brookings Institution, Global Economy Working Paper, 2018(7).",
         "report-in-series", authors=["BARKER R"], title="Fiscal rules in the G20", type_code="R",
         container="Brookings Institution, Global Economy Working Paper", year=2018, pub_date="2018", issue="7"),
    case("国家质量监督检验检疫总局,中国国家标准化管理委员会.信息与文献 参考文献著录规则:GB/T 7714—2015[S]."
         "北京:中国标准出版社,2015:15.", "standard-with-issuers",
         authors=["国家质量监督检验检疫总局", "中国国家标准化管理委员会"], title="信息与文献 参考文献著录规则",
         doc_number="GB/T 7714—2015", type_code="S", place="北京", publisher="中国标准出版社", year=2015, pub_date="2015", pages="15"),
    case("GB/T 7714—2015 信息与文献 参考文献著录规则[S].北京:中国标准出版社,2015.", "standard-number-first",
         title="信息与文献 参考文献著录规则", doc_number="GB/T 7714—2015", type_code="S", place="北京", publisher="中国标准出版社",
         year=2015, pub_date="2015"),
    case("GB/T 7714—2015[S].", "standard-number-only", doc_number="GB/T 7714—2015", type_code="S", year=2015,
         pub_date="2015"),
    case("邓一刚.全智能节电器:200610171314.3[P].2006-12-13.", "patent", authors=["邓一刚"],
         title="全智能节电器", doc_number="200610171314.3", type_code="P", year=2006, pub_date="2006-12-13"),
    case("河北绿洲生态环境科技有限公司.一种荒漠化地区生态植被综合培育种植方法:01129210.5[P/OL].2001-10-24[2002-05-28]."
         "http://211.152.9.47/sipoasp/zljs/hyjs-yx-new.asp?recid=01129210.5&leixin=0.", "patent-online",
         authors=["河北绿洲生态环境科技有限公司"], title="一种荒漠化地区生态植被综合培育种植方法",
         doc_number="01129210.5", type_code="P/OL", year=2001, pub_date="2001-10-24", accessed_date="2002-05-28",
         url="http://211.152.9.47/sipoasp/zljs/hyjs-yx-new.asp?recid=01129210.5&leixin=0"),
    # newspapers
    case("丁文祥.数字革命与竞争国际化[N].中国青年报,2000-11-20(15).", "newspaper", authors=["丁文祥"],
         title="数字革命与竞争国际化", type_code="N", container="中国青年报", year=2000, pub_date="2000-11-20",
         pages="15"),
    case("[9] 张田勘.基因编辑的伦理边界[N].光明日报，2018－11－30（02）．", "newspaper-fullwidth", ref_no=9,
         authors=["张田勘"], title="基因编辑的伦理边界", type_code="N", container="光明日报", year=2018,
         pub_date="2018-11-30", pages="02"),
    case("推进改革,扩大开放[N].经济日报,2019-03-05(3).", "newspaper-title-with-comma", title="推进改革,扩大开放",
         type_code="N", container="经济日报", year=2019, pub_date="2019-03-05", pages="3"),
    # electronic resources
    case("萧钰.出版业信息化迈入快车道[EB/OL].(2001-12-19)[2002-04-15].http://www.creader.com/news/20011219/200112190019.html.",
         "web-page", authors=["萧钰"], title="出版业信息化迈入快车道", type_code="EB/OL", year=2001,
         pub_date="2001-12-19", accessed_date="2002-04-15",
         url="http://www.creader.com/news/20011219/200112190019.html"),
    case('[7] 国务院.关于印发"十三五"国家科技创新规划的通知[EB/OL].(2016-08-08)[2019-03-01].'
         "<http://www.gov.cn/zhengce/content/2016-08/08/content_5098072.htm>.", "web-page-angle-brackets", ref_no=7,
         authors=["国务院"], title='关于印发"十三五"国家科技创新规划的通知', type_code="EB/OL", year=2016,
         pub_date="2016-08-08", accessed_date="2019-03-01",
         url="http://www.gov.cn/zhengce/content/2016-08/08/content_5098072.htm"),
    case("Federal Reserve Board. Beige Book[EB/OL]. (2019-01-16)[2019-02-01]. "
         "https://www.federalreserve.gov/monetarypolicy/beigebook201901.htm.", "web-page-en",
         authors=["Federal Reserve Board"], title="Beige Book", type_code="EB/OL", year=2019, pub_date="2019-01-16",
         accessed_date="2019-02-01", url="https://www.federalreserve.gov/monetarypolicy/beigebook201901.htm"),
    case("新华社.中欧班列开行突破万列[EB/OL].新华网,2018-08-27[2018-12-01].http://www.xinhuanet.com/a.htm.",
         "web-page-site-and-date", authors=["新华社"], title="中欧班列开行突破万列", type_code="EB/OL",
         publisher="新华网", year=2018, pub_date="2018-08-27", accessed_date="2018-12-01",
         url="http://www.xinhuanet.com/a.htm"),
    case("商务部.对外投资合作国别指南[EB/OL].(2019-12-01)[引用日期2020-01-15].http://fec.mofcom.gov.cn/gbzn.shtml.",
         "web-page-labelled-access-date", authors=["商务部"], title="对外投资合作国别指南", type_code="EB/OL",
         year=2019, pub_date="2019-12-01", accessed_date="2020-01-15", url="http://fec.mofcom.gov.cn/gbzn.shtml"),
    case("国家统计局.中国统计年鉴2014[DB/OL].(2015-01-10)[2015-03-01].http://www.stats.gov.cn/tjsj/ndsj/2014/indexch.htm.",
         "database-online", authors=["国家统计局"], title="中国统计年鉴2014", type_code="DB/OL", year=2015,
         pub_date="2015-01-10", accessed_date="2015-03-01", url="http://www.stats.gov.cn/tjsj/ndsj/2014/indexch.htm"),
    case("李炳穆.韩国图书馆法[J/OL].图书情报工作,2008,52(6):6-12[2013-10-25].http://www.docin.com/p-400265742.html.",
         "journal-online", authors=["李炳穆"], title="韩国图书馆法", type_code="J/OL", container="图书情报工作",
         year=2008, pub_date="2008", volume="52", issue="6", pages="6-12", accessed_date="2013-10-25",
         url="http://www.docin.com/p-400265742.html"),
    case("赵耀东.新时代的工业工程师[M/OL].台北:天下文化出版社,1998(1998-09-26)[1998-09-26]."
         "http://www.ie.nthu.edu.tw/info/ie.newie.htm.", "book-online-2005-update-date", authors=["赵耀东"],
         title="新时代的工业工程师", type_code="M/OL", place="台北", publisher="天下文化出版社", year=1998,
         pub_date="1998-09-26", accessed_date="1998-09-26", url="http://www.ie.nthu.edu.tw/info/ie.newie.htm"),
    case("中国大百科全书出版社编辑部.中国大百科全书[M/CD].北京:中国大百科全书出版社,1994.", "book-cd",
         authors=["中国大百科全书出版社编辑部"], title="中国大百科全书", type_code="M/CD", place="北京",
         publisher="中国大百科全书出版社", year=1994, pub_date="1994"),
    case("Microsoft Corporation. Windows 2000 Professional[CP/DK]. Redmond: Microsoft Press, 2000.", "program-disk",
         authors=["Microsoft Corporation"], title="Windows 2000 Professional", type_code="CP/DK", place="Redmond",
         publisher="Microsoft Press", year=2000, pub_date="2000"),
    case("美国国会图书馆.美国国会图书馆音像资料[M/MT].华盛顿:美国国会图书馆,1995.", "book-magnetic-tape",
         authors=["美国国会图书馆"], title="美国国会图书馆音像资料", type_code="M/MT", place="华盛顿",
         publisher="美国国会图书馆", year=1995, pub_date="1995"),
    case("中国气象局国家气象信息中心.中国地面气候资料日值数据集(V3.0)[DS/OL].(2012-08-01)[2020-05-10]."
         "http://data.cma.cn/data/cdcdetail/dataCode/SURF_CLI_CHN_MUL_DAY_V3.0.html.", "dataset-online",
         authors=["中国气象局国家气象信息中心"], title="中国地面气候资料日值数据集(V3.0)", type_code="DS/OL",
         year=2012, pub_date="2012-08-01", accessed_date="2020-05-10",
         url="http://data.cma.cn/data/cdcdetail/dataCode/SURF_CLI_CHN_MUL_DAY_V3.0.html"),
    # maps, compilations, archives, other
    case("国家测绘地理信息局.中华人民共和国地图[CM].北京:中国地图出版社,2016.", "map", authors=["国家测绘地理信息局"],
         title="中华人民共和国地图", type_code="CM", place="北京", publisher="中国地图出版社", year=2016,
         pub_date="2016"),
    case("全国人民代表大会常务委员会法制工作委员会.中华人民共和国法律汇编:2010[G].北京:人民出版社,2011.",
         "compilation", authors=["全国人民代表大会常务委员会法制工作委员会"], title="中华人民共和国法律汇编:2010",
         type_code="G", place="北京", publisher="人民出版社", year=2011, pub_date="2011"),
    case("中国第一历史档案馆,辽宁省档案馆.中国明朝档案总汇[A].桂林:广西师范大学出版社,2001.", "archive",
         authors=["中国第一历史档案馆", "辽宁省档案馆"], title="中国明朝档案总汇", type_code="A", place="桂林",
         publisher="广西师范大学出版社", year=2001, pub_date="2001"),
    case("中国科学院.中国科学院年度报告摘要[Z].北京:中国科学院办公厅,2005.", "other", authors=["中国科学院"],
         title="中国科学院年度报告摘要", type_code="Z", place="北京", publisher="中国科学院办公厅", year=2005,
         pub_date="2005"),
    case("(3) 人民出版社编辑部.城市发展年鉴[M].人民出版社,2012.", "book-publisher-without-place", ref_no=3,
         authors=["人民出版社编辑部"], title="城市发展年鉴", type_code="M", publisher="人民出版社", year=2012,
         pub_date="2012"),
    case("12. SUNSTEIN C R. Is violent speech a right?[J]. The American Prospect, 1995, 16(22): 34-37.",
         "journal-dotted-label", ref_no=12, authors=["SUNSTEIN C R"], title="Is violent speech a right?",
         type_code="J", container="The American Prospect", year=1995, pub_date="1995", volume="16", issue="22",
         pages="34-37"),
    case("U.S. Department of State. Country reports on human rights practices[R]. Washington: GPO, 2019.",
         "report-dotted-abbreviation-author", authors=["U.S. Department of State"],
         title="Country reports on human rights practices", type_code="R", place="Washington", publisher="GPO",
         year=2019, pub_date="2019"),
    case("SMITH J.A., JONES B. Regional trade[J]. Econ Journal, 2001, 3(2): 4-5.", "journal-initials-with-periods",
         authors=["SMITH J.A.", "JONES B"], title="Regional trade", type_code="J", container="Econ Journal",
         year=2001, pub_date="2001", volume="3", issue="2", pages="4-5"),
    # what cannot be parsed
    case("这是一条没有类型标识的参考文献,2016.", "failed-no-type-code", parse_status="failed"),
    case("[10] 李四.某内部报告[R].内部资料,第三稿.", "partial-no-year", ref_no=10, parse_issue="not placed: 内部资料,第三稿", authors=["李四"], title="某内部报告",
         type_code="R", parse_status="partial"),
    case("[11] 陈七.网络资源[EB/OL].(2015-01-01)[2016-02-02].见文末附表.", "partial-leftover-text", ref_no=11, parse_issue="not placed: 见文末附表",
         authors=["陈七"], title="网络资源", type_code="EB/OL", year=2015, pub_date="2015-01-01",
         accessed_date="2016-02-02", parse_status="partial"),
    case("张三.某期刊论文[J].某某学报.", "partial-journal-without-year", parse_issue="not placed: 某某学报", authors=["张三"], title="某期刊论文",
         type_code="J", parse_status="partial"),
]


@pytest.mark.parametrize(("raw", "fields"), REFERENCE_CASES)
def test_parse_reference(raw, fields):
    assert parse_reference(raw) == fields


def test_the_table_covers_every_type_code_and_carrier():
    codes = [param.values[1]["type_code"] for param in REFERENCE_CASES if param.values[1]["type_code"]]
    # the 2025 preprint code [PP] is covered by tests/test_reference_forms.py
    assert set(DOC_TYPES) - {"PP"} <= {code.partition("/")[0] for code in codes}
    assert set(CARRIERS) <= {code.partition("/")[2] for code in codes}
    assert len(REFERENCE_CASES) >= 40


def test_parse_reference_returns_exactly_the_contract_fields():
    assert tuple(parse_reference("[1] 甲.题名[J].刊名,2010(1):1-2.")) == REFERENCE_FIELDS


def test_empty_entry_fails_without_raising():
    assert parse_reference("   ") == expected(None, parse_status="failed")
