"""Reference lists of the set-2 corpus of real PDFs against ../shared/realworld/pdf2/TRUTH.tsv (issue 21, item 6).

Prints every PDF's entry count against the truth, and how many entries were read in full; asserts every
count. Then each PDF's first and last entry against the fields as read on the page (FIRST_AND_LAST): all
28 right.
"""

import csv

import pytest

KNOWN_WRONG: dict[str, str] = {}  # cumcm2024_b (no list; its appendix heading was read as one entry) fixed


@pytest.fixture(scope="module")
def truth(realworld):
    with open(realworld / "pdf2" / "TRUTH.tsv", encoding="utf-8") as handle:
        return {row["doc_id"]: int(row["n_references"]) for row in csv.DictReader(handle, delimiter="\t")}


def test_every_pdf2_list_has_its_entry_count(truth, pdf2_corpus, paper_rows):
    counts = {}
    for doc_id in truth:
        path = pdf2_corpus / f"{doc_id}.pdf"
        if not path.exists():
            continue
        references = paper_rows(path)["references"]
        counts[doc_id] = (len(references), sum(r["parse_status"] == "ok" for r in references))
    for doc_id, (found, ok) in counts.items():
        print(f"{doc_id:22} truth {truth[doc_id]:3}  found {found:3}  read in full {ok:3}")
    wrong = {d for d, (found, _) in counts.items() if found != truth[d]}
    assert wrong == set(KNOWN_WRONG) & set(counts)


def _entry(ref_no, **fields):
    return {"ref_no": ref_no, **fields}


# (doc_id, first or last, the fields as printed on the page); an entry's other fields are not checked
FIRST_AND_LAST = [
    ("bql_review", 0, _entry(1, authors=["俸学文"], title="基于 MVC 的校园论坛系统的研究与实现", doc_type="J",
                             container="电脑知识与技术", year=2011, volume="7", issue="17", pages="4081-4082")),
    ("bql_review", -1, _entry(30, authors=["成小惠", "费宁"], title="大数据背景下软件工程专业人才培养研究",
                              doc_type="J", container="福建电脑", year=2021, volume="37", issue="11", pages="67-69")),
    ("cumcm2017_ct", 0, _entry(1, authors=["Rafael C. Gonzalez"], title="数字图像处理", doc_type="M", place="北京",
                               publisher="电子工业出版社", year=2014, pages="104-111", parse_status="ok")),
    ("cumcm2017_ct", -1, _entry(4, authors=["Meerschaert M. M"], title="数学建模与方法分析", doc_type="M", place="北京",
                                publisher="机械工业出版社", year=2015, pub_date="2015", pages="9", parse_status="ok")),
    ("cumcm_c19", 0, _entry(1, authors=["韩艳", "山程明"], title="减速带减速原理及其应用", doc_type="J",
                            container="交通道路与安全", year=2009, volume="9", issue="06", pages="16-20")),
    ("cumcm_c19", -1, _entry(3, authors=["ISO"], doc_number="ISO 2631-1–1997", title="Mechanical vibration and "
                             "shock-evaluation of human exposure to whole-body vibration-part 1: general requirements",
                             doc_type="S", place="Beijing", publisher="International Organization for Standardization",
                             year=1997, pages="1-6")),
    ("fze_proposal", 0, _entry(1, authors=["W. H. Brown", "R. C. Malveau", "H. W. McCormick", "T. J. Mowbray"],
                               title="AntiPatterns: Refactoring Software, Architectures, and Projects in Crisis",
                               edition="1st ed", doc_type="M", place="USA", publisher="John Wiley & Sons, Inc.", year=1998,
                               parse_status="ok")),
    ("fze_proposal", -1, _entry(23, authors=["M. Hakuta", "M. Ohminami"],
                                title="A study of software portability evaluation", doc_type="J",
                                container="Journal of Systems and Software", year=1997, volume="38", issue="2",
                                pages="145–154", doi="10.1016/S0164-1212(96)00118-5")),
    ("gov_network", 0, _entry(1, authors=["韩忠明", "陈炎", "刘雯", "原碧鸿", "李梦琪", "段大高"],
                              title="社会网络节点影响力分析研究", doc_type="J", container="软件学报", year=2017,
                              volume="28", issue="01", pages="84-104")),
    ("gov_network", -1, _entry(3, authors=["Barber M J", "Clark J W"],
                               title="Detecting network communities by propagating labels under constraints",
                               doc_type="J", container="Physical Review E Statistical Nonlinear & Soft Matter Physics",
                               year=2009, volume="80", issue="2 Pt 2", pages="026129")),
    ("hlju_thesis", 0, _entry(1, authors=["向华"], title="数值计算及其工程应用", doc_type="M",
                              publisher="清华大学出版社出版社", year=2015, pages="90-93")),
    ("hlju_thesis", -1, _entry(5, authors=["吕同富", "康兆敏", "方秀敏"], title="数值计算方法", doc_type="M",
                               publisher="清华大学出版社", year=2008, pages="113-115")),
    ("jcip_lstm", 0, _entry(1, authors=["Jiang L", "Yu M", "Zhou M"],
                            title="Target-dependent Twitter sentiment classification", doc_type="C",
                            container="Meeting of the Association for Computational Linguistics", year=2011,
                            pages="151-160")),
    ("jcip_lstm", -1, _entry(14, authors=["Turian J", "Ratinov L", "Bengio Y"],
                             title="Word representations: a simple and general method for semi-supervised learning",
                             doc_type="C", container="Meeting of the Association for Computational Linguistics",
                             publisher="Association for Computational Linguistics", year=2010, pages="780-1")),
    ("ldhai_jccs", 0, _entry(1, authors=["Roch B"], title="Monolithic kernel vs. Microkernel", doc_type="J",
                             container="TU Wien", year=2004, volume="1")),
    ("ldhai_jccs", -1, _entry(32, authors=["smoltcp rs"], year=2023, title="smoltcp", doc_type="EB",
                              url="https://github.com/smoltcp-rs/smoltcp", parse_status="ok")),
    ("nju_wardrobe", 0, _entry(1, url="https://itunes.apple.com/cn/app/chuan-yi-zhu-shou-jiao-ni/id577700263?mt=8",
                               doc_type="EB", title=None)),
    ("nju_wardrobe", -1, _entry(15, authors=["Rodolphe Jenatton", "Nicolas L. Roux", "Antoine Bordes",
                                             "Guillaume R. Obozinski"],
                                container="Advances in Neural Information Processing Systems 25 (NIPS 2012)",
                                title="A latent factor model for highly multi-relational data", year=None,
                                parse_status="partial", parse_issue="no date")),
    ("tw_iwojima", 0, _entry(1, authors=["克林·伊斯威特", "史蒂芬·史匹柏", "史蒂芬·史匹柏"],
                             title="来自硫磺岛的信［DVD 影片］", doc_type="M", year=2007, pub_date="2007-02-18",
                             place="台湾", publisher="华纳兄弟电影")),
    ("tw_iwojima", -1, _entry(5, url="https://www.mnd.gov.tw/NewUpload/202205/01--軍事工程--1945年硫磺島戰役"
                              "日軍守備之研究—兼論不同地質條件之衰減層抗爆震效能--1-28---1110509_423458.pdf",
                              title="1945 年硫磺岛战役日军守备之研究—兼论不同土质条件衰减层抗爆效能",
                              publisher="中华民国国防部", year=None, parse_status="ok")),
    ("ustc_denoise", 0, _entry(1, authors=["顾晓东", "郭仕德", "余道衡"], title="一种基于 PCNN 的图像去噪新方法",
                               doc_type="J", container="电子与信息学报", year=2002, volume="24", issue="10",
                               pages="1304-1309")),
    ("ustc_denoise", -1, _entry(15, authors=["姜戈"], title="机器学习简史", doc_type="EB", accessed_date="2017-05",
                                url="http://www.jianshu.com/p/91c00afdc0a1", parse_status="ok")),
    ("zfl_proposal", 0, _entry(1, authors=["A. Belay"], doc_type="C",
                               title="IX: A Protected Dataplane Operating System for High Throughput and Low Latency",
                               container="USENIX Symposium on Operating Systems Design and Implementation",
                               year=2014)),
    ("zfl_proposal", -1, _entry(23, authors=["Zhe Zhou"], doc_type="C",
                                title="Userspace Bypass: Accelerating Syscall-intensive Applications",
                                container="17th USENIX Symposium on Operating Systems Design and Implementation "
                                "(OSDI 23)", year=2023, pages="33–49",
                                url="https://www.usenix.org/conference/osdi23/presentation/zhou-zhe")),
    ("zy_proposal", 0, _entry(1, authors=["李刚"], title="疯狂 Android 讲义", doc_type="M", place="北京",
                              publisher="电子工业出版社", year=2015)),
    ("zy_proposal", -1, _entry(10, title="Deep learning identity-preserving face space",
                               authors=["Zhu Z", "Luo P", "Wang X"], year=2013, doc_type="C",
                               container="2013 IEEE Int-ernational Conference on Computer Vision (ICCV)",
                               parse_status="ok")),
]


@pytest.mark.parametrize(("doc_id", "position", "expected"), FIRST_AND_LAST)
def test_first_and_last_entries_as_printed(doc_id, position, expected, pdf2_corpus, paper_rows):
    references = paper_rows(pdf2_corpus / f"{doc_id}.pdf")["references"]
    got = references[position]
    assert {name: got[name] for name in expected} == expected


def test_a_pdf_without_a_list_gives_no_entry(pdf2_corpus, paper_rows):
    # cumcm2024_b: 参考文献 with an empty list, then on the next page the appendix `A 支撑材料列表` and a caption
    assert len(paper_rows(pdf2_corpus / "cumcm2024_b.pdf")["references"]) == 0
