"""Entries real papers print that the parser read wrong (issue 21), quoted as printed; one exact expectation each."""

import pytest

from extract.references import parse_reference
from tests.test_references import case

ISSUE_21_CASES = [
    # IEEE: names with initials first, `and` before the last; the title in quotes with its comma inside
    case('E. Banin, D. Hughes, and O. P. Kuipers, "Editorial: Bacterial pathogens, antibiotics and antibiotic '
         'resistance," FEMS Microbiology Reviews, vol. 41, no. 3, pp. 450–452, 2017.', 'ieee-journal',
         authors=['E. Banin', 'D. Hughes', 'O. P. Kuipers'],
         title='Editorial: Bacterial pathogens, antibiotics and antibiotic resistance', doc_type='J',
         container='FEMS Microbiology Reviews', year=2017, pub_date='2017', volume='41', issue='3', pages='450–452',
         type_inferred=True, style='ieee'),
    case('[5] Q. Ling and N. A. M. Isa, "Low-light image enhancement," IEEE Access, vol. 11, pp. 1–12, 2023.',
         'ieee-two-names-joined-by-and', ref_no=5, authors=['Q. Ling', 'N. A. M. Isa'],
         title='Low-light image enhancement', doc_type='J', container='IEEE Access', year=2023, pub_date='2023',
         volume='11', pages='1–12', type_inferred=True, style='ieee'),
    # IEEE, Chinese forms: 页, 卷, 期, the access date `见于: 6月 11, 2014`
    case('张伯伟, 全唐五代诗格汇考. 南京: 江苏古籍出版社, 2002, 页 288.', 'ieee-chinese-book', authors=['张伯伟'],
         title='全唐五代诗格汇考', doc_type='M', place='南京', publisher='江苏古籍出版社', year=2002, pub_date='2002',
         pages='288', type_inferred=True, style='ieee'),
    case('赵学功, 当代美国外交. 北京: 社会科学文献出版社, 2001. 见于: 6月 11, 2014. [在线]. 载于: '
         'http://www.cadal.zju.edu.cn/book/trySinglePage/33023884/1', 'ieee-chinese-accessed-date',
         authors=['赵学功'], title='当代美国外交', doc_type='M', place='北京', publisher='社会科学文献出版社', year=2001,
         pub_date='2001', accessed_date='2014-06-11', url='http://www.cadal.zju.edu.cn/book/trySinglePage/33023884/1',
         type_inferred=True, style='ieee'),
    case('于潇, 刘义, 柴跃廷和孙宏波, “互联网药品可信交易环境中主体资质审核备案模式”, 清华大学学报（自然科学版）, 卷 52, '
         '期 11, 页 1518–1523, 2012.', 'ieee-chinese-journal', authors=['于潇', '刘义', '柴跃廷', '孙宏波'],
         title='互联网药品可信交易环境中主体资质审核备案模式', doc_type='J', container='清华大学学报（自然科学版）',
         year=2012, pub_date='2012', volume='52', issue='11', pages='1518–1523', type_inferred=True, style='ieee'),
    # GB/T 7714-2015 author-year: the year after the names, left out of the imprint
    case('阿扬, 2023. 谈谈记忆：与诺贝尔获奖得者埃里克·坎德尔的问答[M]. 姜海伦, 译//《环球科学》杂志社. '
         '认识记忆力：关于学习、思考与遗忘的脑科学. 北京: 机械工业出版社: 15-18.', 'gbt-author-year-contribution',
         authors=['阿扬'], title='谈谈记忆：与诺贝尔获奖得者埃里克·坎德尔的问答', type_code='M', year=2023,
         pub_date='2023', translators=['姜海伦'], editors=['《环球科学》杂志社'],
         container='认识记忆力：关于学习、思考与遗忘的脑科学', place='北京', publisher='机械工业出版社', pages='15-18',
         style='gbt7714-author-year'),
    case('MYBURG A A, GRATTAPAGLIA D, TUSKAN G A, et al., 2014. The genome of Eucalyptus grandis[J/OL]. Nature, 510: '
         '356-362[2014-06-25]. https://www.nature.com/articles/nature13308.pdf. DOI:10.1038/nature13308.',
         'gbt-author-year-journal', authors=['MYBURG A A', 'GRATTAPAGLIA D', 'TUSKAN G A'],
         title='The genome of Eucalyptus grandis', type_code='J/OL', container='Nature', year=2014, pub_date='2014',
         volume='510', pages='356-362', accessed_date='2014-06-25',
         url='https://www.nature.com/articles/nature13308.pdf', doi='10.1038/nature13308', style='gbt7714-author-year'),
    # APA (心理学报): `(Ed.)`, a year of the 1880s, a chapter of a Chinese book printed in brackets, `(n.d.)`
    case('American Association for the Advancement of Science (Ed.). (1883). Science. American Association for the '
         'Advancement of Science.', 'apa-body-as-editor', editors=['American Association for the Advancement of Science'],
         title='Science', doc_type='M', publisher='American Association for the Advancement of Science', year=1883,
         pub_date='1883', type_inferred=True, style='apa'),
    case('[楼梦麟, 杨燕. (2011). 汶川地震基岩地震动特征分析. 见 同济大学土木工程防灾国家重点实验室 (编), 汶川地震震害研究 '
         '(pp. 11–12). 上海: 同济大学出版社.]', 'apa-chinese-chapter-in-brackets', authors=['楼梦麟', '杨燕'],
         title='汶川地震基岩地震动特征分析', doc_type='M', container='汶川地震震害研究',
         editors=['同济大学土木工程防灾国家重点实验室'], place='上海', publisher='同济大学出版社', year=2011,
         pub_date='2011', pages='11–12', type_inferred=True, style='apa'),
    case('ISO. (2019). Audit data collection (No. ISO 21378:2019).', 'apa-standard-number-in-details',
         authors=['ISO'], title='Audit data collection', doc_type='S', doc_number='ISO 21378:2019', year=2019,
         pub_date='2019', type_inferred=True, style='apa'),
    # GB/T-like entries without the typical punctuation
    case('[1] Zhang Y, Li M. Side channel attacks on smartphones[C]//Security and Privacy. 2014: 689-704.',
         'contribution-host-without-imprint', ref_no=1, authors=['Zhang Y', 'Li M'],
         title='Side channel attacks on smartphones', type_code='C', container='Security and Privacy', year=2014,
         pub_date='2014', pages='689-704', style='gbt7714-numeric'),
    case('[2] Wang H, Liu J. Optimal dispatch of distributed generation[C]/IEEE Power and Energy Society General '
         'Meeting. Boston, USA, 2016.', 'contribution-single-slash', ref_no=2, authors=['Wang H', 'Liu J'],
         title='Optimal dispatch of distributed generation', type_code='C',
         container='IEEE Power and Energy Society General Meeting', place='Boston, USA', year=2016, pub_date='2016',
         style='gbt7714-numeric'),
    case('[3] 李明. 古代文论研究[A]//王红. 文学论集[C]. 北京: 中华书局, 2005: 12-20.', 'analytic-2005-host-code',
         ref_no=3, authors=['李明'], title='古代文论研究', type_code='A', editors=['王红'], container='文学论集',
         place='北京', publisher='中华书局', year=2005, pub_date='2005', pages='12-20', style='gbt7714-numeric'),
    case('[4] 国家统计局. 2020年国民经济统计公报[OL]. (2021-02-28)[2021-03-01]. '
         'http://www.stats.gov.cn/tjsj/zxfb/202102/t20210227.html', 'carrier-only-code-ol', ref_no=4,
         authors=['国家统计局'], title='2020年国民经济统计公报', type_code='OL', doc_type='EB', carrier='OL', year=2021,
         pub_date='2021-02-28', accessed_date='2021-03-01',
         url='http://www.stats.gov.cn/tjsj/zxfb/202102/t20210227.html', style='gbt7714-numeric'),
    case('[5] Chen X, Wu Y. Blockchain based data sharing[J]. Future Generation Computer Systems,2018.84: 58-77.',
         'journal-year-closed-by-period', ref_no=5, authors=['Chen X', 'Wu Y'], title='Blockchain based data sharing',
         type_code='J', container='Future Generation Computer Systems', year=2018, pub_date='2018', volume='84',
         pages='58-77', style='gbt7714-numeric'),
    # full-width letters and digits: parsed after width normalization, raw as printed
    case('[7] 张三. 面向５．０技术的网络切片［Ｊ］．电信科学，２０２０，３６（５）：１－１０．', 'full-width-letters-and-digits',
         ref_no=7, authors=['张三'], title='面向5．0技术的网络切片', type_code='J', container='电信科学', year=2020,
         pub_date='2020', volume='36', issue='5', pages='1－10', style='gbt7714-numeric'),
    # a URL broken at a line end, joined with a space
    case('[8] 李四. 图书馆服务[EB/OL]. [2020-01-01]. htt p://www.lib.edu.cn/service.html', 'url-scheme-broken',
         ref_no=8, authors=['李四'], title='图书馆服务', type_code='EB/OL', accessed_date='2020-01-01',
         url='http://www.lib.edu.cn/service.html', style='gbt7714-numeric'),
    case('[9] 李四. 图书馆服务[EB/OL]. [2020-01-01]. http:// www.libsys.edu.cn/service.html', 'url-host-after-space',
         ref_no=9, authors=['李四'], title='图书馆服务', type_code='EB/OL', accessed_date='2020-01-01',
         url='http://www.libsys.edu.cn/service.html', style='gbt7714-numeric'),
    # a publisher closed by a period before its year (a thesis's list)
    case('[2] 冯果忱, 黄明游. 数值分析(上册)[M]. 高等教育出版社. 2007: 52-62.', 'publisher-period-year', ref_no=2,
         authors=['冯果忱', '黄明游'], title='数值分析(上册)', type_code='M', publisher='高等教育出版社', year=2007,
         pub_date='2007', pages='52-62', style='gbt7714-numeric'),
    # Taiwanese APA: dates with 年, roles after names, 《》 titles, `民國 113 年 11 月 2 日，取自 URL`
    case('維基百科（無日期）。來自硫磺島的信。民國 113 年 11 月 2 日，取自https://zh.wikipedia.org/zh-tw/來自硫磺島的信',
         'apa-taiwan-retrieved-roc-date', authors=['維基百科'], title='來自硫磺島的信', doc_type='EB',
         accessed_date='2024-11-02', url='https://zh.wikipedia.org/zh-tw/來自硫磺島的信', type_inferred=True, style='apa'),
    case('克林·伊斯威特與史蒂芬·史匹柏（監製）、史蒂芬·史匹柏（導演）（2007 年 2 月 18日）。《來自硫磺島的信》［DVD 影片］。'
         '臺灣：華納兄弟電影。', 'apa-taiwan-roles-and-medium', authors=['克林·伊斯威特', '史蒂芬·史匹柏', '史蒂芬·史匹柏'],
         title='來自硫磺島的信［DVD 影片］', doc_type='M', place='臺灣', publisher='華納兄弟電影', year=2007,
         pub_date='2007-02-18', type_inferred=True, style='apa'),
    # biblatex's default style (Typst, LaTeX): given names first, the title in quotes, `In:` the host
    case('[20] Adam Wierman and Bert Zwart. “Is Tail-Optimal Scheduling Possible?” In: Operations Research 60.5 '
         '(Sept. 1, 2012), pp. 1249–1257. issn: 0030-364X. doi: 10.1287/opre.1120.1086. url: '
         'https://doi.org/10.1287/opre.1120.1086.', 'biblatex-journal', ref_no=20, authors=['Adam Wierman', 'Bert Zwart'],
         title='Is Tail-Optimal Scheduling Possible?', doc_type='J', container='Operations Research', volume='60',
         issue='5', pages='1249–1257', year=2012, pub_date='2012-09-01', doi='10.1287/opre.1120.1086',
         url='https://doi.org/10.1287/opre.1120.1086', type_inferred=True, style='biblatex'),
    case('[19] Dan Tsafrir. “The context-switch overhead inflicted by hardware interrupts (and the enigma of do-nothing '
         'loops)”. In: Proceedings of the 2007 workshop on Experimental computer science. ExpCS ’07. New York, NY, USA: '
         'Association for Computing Machinery, June 13, 2007, 4–es.', 'biblatex-proceedings', ref_no=19,
         authors=['Dan Tsafrir'],
         title='The context-switch overhead inflicted by hardware interrupts (and the enigma of do-nothing loops)',
         doc_type='C', container='Proceedings of the 2007 workshop on Experimental computer science',
         place='New York, NY, USA', publisher='Association for Computing Machinery', year=2007, pub_date='2007-06-13',
         pages='4–es', type_inferred=True, style='biblatex'),
    # a serial and its holdings, the first year printed again before them (计算机学报-like, no type code)
    case('[3] 中国计算机学会. 计算机学报. 1978, 1978，1（1）—. 北京: 科学出版社, 1978.', 'serial-holdings-year-repeated',
         ref_no=3, authors=['中国计算机学会'], title='计算机学报', doc_type='M', volume='1978，1（1）—', place='北京',
         publisher='科学出版社', year=1978, pub_date='1978', type_inferred=True, style='numeric-no-codes'),
    # holdings closed, the supplied last year in brackets (not an access date), the imprint's years as a range
    case('[4] 中国图书馆学会. 图书馆学通讯. 1957/[1990], 1957（1）—1990（4）. 北京: 北京图书馆, 1957/1990.',
         'serial-holdings-closed', ref_no=4, authors=['中国图书馆学会'], title='图书馆学通讯', doc_type='M',
         volume='1957（1）—1990（4）', place='北京', publisher='北京图书馆', year=1957, pub_date='1957/1990',
         type_inferred=True, style='numeric-no-codes'),
    # a book's volume printed after its title, and a host's after the host's title
    case('[5] 钱穆. 国史大纲: 卷 2. 北京: 商务印书馆, 1996: 40.', 'title-volume', ref_no=5, authors=['钱穆'],
         title='国史大纲', volume='卷 2', doc_type='M', place='北京', publisher='商务印书馆', year=1996, pub_date='1996',
         pages='40', type_inferred=True, style='numeric-no-codes'),
    case('[6] 列宁. 国家与革命[M]//中共中央编译局. 列宁全集：第 31 卷. 北京：人民出版社，1985：1-116.', 'host-volume',
         ref_no=6, authors=['列宁'], title='国家与革命', type_code='M', doc_type='M', editors=['中共中央编译局'],
         container='列宁全集', volume='第 31 卷', place='北京', publisher='人民出版社', year=1985, pub_date='1985',
         pages='1-116', style='gbt7714-numeric'),
    # Latin names closed by a comma before a Han title; a given name and initial before the surname
    case('[1] Richard O. Duda, 模式分类[M]. 北京: 机械工业出版社, 2003. 20-31', 'latin-name-comma-han-title',
         ref_no=1, authors=['Richard O. Duda'], title='模式分类', type_code='M', doc_type='M', place='北京',
         publisher='机械工业出版社', year=2003, pub_date='2003', pages='20-31', style='gbt7714-numeric'),
    case('[2] Richard O. Duda, Peter E. Hart. 模式分类[M]. 北京: 机械工业出版社, 2003.', 'given-initial-surname',
         ref_no=2, authors=['Richard O. Duda', 'Peter E. Hart'], title='模式分类', type_code='M', doc_type='M',
         place='北京', publisher='机械工业出版社', year=2003, pub_date='2003', style='gbt7714-numeric'),
]


@pytest.mark.parametrize(("raw", "fields"), ISSUE_21_CASES)
def test_issue_21_entry(raw, fields):
    assert parse_reference(raw) == fields


def test_the_next_label_glued_to_a_url_still_splits_the_line():
    from extract.references import split_reference_list

    line = ("[1] A. Belay et al. “IX: A Protected Dataplane Operating System”. url: https://www.semanticscholar.org/"
            "paper/567f633bc74ac40364a1961fad1b7fe80605b815.[2] Imad Benacer et al. “A fast systolic priority queue”. "
            "June 2016, pp. 1–4.")
    entries = split_reference_list([line]).entries
    assert [e.number for e in entries] == [1, 2]
    assert entries[0].text.endswith("fad1b7fe80605b815.")


def test_a_bilingual_list_printed_english_first_keeps_the_chinese_original_of_every_entry():
    from extract.references import split_reference_list

    lines = [  # 计算机研究与发展 prints the English version, `(in Chinese)`, then the Chinese original
        "[13] Liu Jian, Gu Yang. Prediction of a thing. Acta Automatica Sinica, 2020, 46(3): 1-10 (in Chinese)",
        "刘健, 顾扬. 关于某事的预测. 自动化学报, 2020, 46(3): 1-10",
        "[14] Wang Lei, Li Ming. Research on X. Journal of Software, 2019, 30(5): 20-30 (in Chinese)",
        "王磊, 李明. X的研究. 软件学报, 2019, 30(5): 20-30",
    ]
    parsed = [parse_reference(e.text, label_style=e.style) for e in split_reference_list(lines).entries]
    assert [(p["ref_no"], p["authors"], p["title"], p["container"], p["parse_status"]) for p in parsed] == [
        (13, ["刘健", "顾扬"], "关于某事的预测", "自动化学报", "ok"), (14, ["王磊", "李明"], "X的研究", "软件学报", "ok")]
    assert [p["translation_title"] for p in parsed] == ["Prediction of a thing", "Research on X"]


def test_names_after_the_title_are_read_as_names_not_as_a_publisher():
    ref = parse_reference("[10] Face recognition in the wild. Li Y,Chen X,Wu Q,et al. 2015 IEEE Conference on "
                          "Computer Vision (CVPR) . 2015")
    assert (ref["title"], ref["authors"], ref["container"], ref["publisher"], ref["year"], ref["parse_status"]) == (
        "Face recognition in the wild", ["Li Y", "Chen X", "Wu Q"], "2015 IEEE Conference on Computer Vision (CVPR)",
        None, 2015, "ok")


def test_an_apa_entry_ending_in_a_journal_name_without_place_reads_it_as_the_container():
    ref = parse_reference("王明, 李华. (2023). 高速铁路轨道不平顺的时频分析. 铁道学报.")
    assert (ref["container"], ref["publisher"], ref["doc_type"], ref["year"], ref["parse_status"]) == (
        "铁道学报", None, "J", 2023, "ok")


def test_a_doi_inside_a_url_leaves_out_the_page_the_site_adds_after_it():
    ref = parse_reference("[7] Smith J. A handbook of methods[M/OL]. Oxford: Wiley, 2010[2014-06-24]. "
                          "http://onlinelibrary.wiley.com/doi/10.1002/9780470000000/summary.")
    assert ref["doi"] == "10.1002/9780470000000"
    assert ref["url"] == "http://onlinelibrary.wiley.com/doi/10.1002/9780470000000/summary"
