"""No silent wrong (issue 21, item 5): forms that were read wrong with status `ok` and no flag.

Each is read right now, or, where its print cannot tell two readings apart, is `partial` with a
`parse_issue` saying which. Shapes from the four-style set (tests/refstyles.py), names and titles changed.
"""

import pytest

from extract.references import parse_reference
from extract.references.entry import parse_entry
from tests.test_references import case

CASES = [
    # IEEE: a work without author and an edition named by its printing; bodies in Latin script as authors
    case('辞源, 商务印书馆影印本., 卷 子集上. 北京: 中华书局, 1958, 页 12.', 'ieee-no-author-printing-edition',
         title='辞源', edition='商务印书馆影印本', volume='子集上', place='北京', publisher='中华书局', year=1958,
         pub_date='1958', pages='12', doc_type='M', type_inferred=True, style='ieee'),
    case('Institute For Urban Studies and Academy Of Design Berlin, Hot cities: building for heat. Basel: '
         'Birkhauser, 2021, p. 9.', 'ieee-bodies-as-authors',
         authors=['Institute For Urban Studies', 'Academy Of Design Berlin'], title='Hot cities: building for heat',
         place='Basel', publisher='Birkhauser', year=2021, pub_date='2021', pages='9', doc_type='M',
         type_inferred=True, style='ieee'),
    # a title holding a year in parentheses is not cut at that year
    case('A. B. Chen et al., Eds., Proceedings of the Fifth Workshop on Soft Matter (SoMa 2019), May 2-4, 2019. '
         'Cham: Springer, 2020.', 'ieee-title-with-its-year-inside',
         editors=['A. B. Chen'], title='Proceedings of the Fifth Workshop on Soft Matter (SoMa 2019), May 2-4, 2019',
         place='Cham', publisher='Springer', year=2020, pub_date='2020', doc_type='M', type_inferred=True,
         style='ieee'),
    # the host's name runs on over its dates and venue
    case('K. L. Ray, “Fringe patterns in glass”, in Symposium on Optical Methods, June 3-5, 1975, Brown University, '
         'Providence, Rhode Island, 1975, pp. 40–52.', 'ieee-host-with-dates-and-venue',
         authors=['K. L. Ray'], title='Fringe patterns in glass',
         container='Symposium on Optical Methods, June 3-5, 1975, Brown University, Providence, Rhode Island',
         year=1975, pub_date='1975', pages='40–52', doc_type='C', type_inferred=True, style='ieee'),
    case('L. Zhou, “Graph sampling for audits”, Hangzhou, China, Oct. 2023, p. 3.', 'ieee-city-and-country',
         authors=['L. Zhou'], title='Graph sampling for audits', place='Hangzhou, China', year=2023,
         pub_date='2023-10', pages='3', doc_type='Z', type_inferred=True, style='ieee'),
    case('T. Lee and K. Oh, “Fusion before unmixing”, Vancouver, 2023, p. 7.', 'ieee-journal-or-place-flagged',
         authors=['T. Lee', 'K. Oh'], title='Fusion before unmixing', container='Vancouver', year=2023,
         pub_date='2023', pages='7', doc_type='J', type_inferred=True, style='ieee', parse_status='partial',
         parse_issue='journal or place: Vancouver'),
    # APA: a work without names prints its title first; a meeting and its place; one number after a Chinese journal
    case('[北平市军事管制委员会关于接管的布告. (1949).]', 'apa-title-and-date-only',
         title='北平市军事管制委员会关于接管的布告', year=1949, pub_date='1949', doc_type='M', type_inferred=True,
         style='apa'),
    case('Liu, H. (2021). Sparse audits of ledgers (p. 5). 2021 3rd International Conference on Data Mining '
         '(ICDM), Hangzhou, China.', 'apa-meeting-and-place',
         authors=['Liu H'], title='Sparse audits of ledgers', pages='5',
         container='2021 3rd International Conference on Data Mining (ICDM)', place='Hangzhou, China', year=2021,
         pub_date='2021', doc_type='C', type_inferred=True, style='apa'),
    case('Ko, A., & Ma, B. (2023). Dense fusion (p. 4). ICCV, Paris.', 'apa-meeting-by-acronym',
         authors=['Ko A', 'Ma B'], title='Dense fusion', pages='4', container='ICCV', place='Paris', year=2023,
         pub_date='2023', doc_type='C', type_inferred=True, style='apa'),
    case('[张敏, 王丽. (2021). 病房清洁干预研究 (p. 3). 中华护理学会第12次全国学术年会.]', 'apa-chinese-meeting',
         authors=['张敏', '王丽'], title='病房清洁干预研究', pages='3', container='中华护理学会第12次全国学术年会',
         year=2021, pub_date='2021', doc_type='C', type_inferred=True, style='apa'),
    case('[周平. (2015). 宋代刻书考. 文物, 2, 30–41.]', 'apa-chinese-journal-volume-or-issue-flagged',
         authors=['周平'], title='宋代刻书考', container='文物', volume='2', pages='30–41', year=2015, pub_date='2015',
         doc_type='J', type_inferred=True, style='apa', parse_status='partial', parse_issue='volume or issue: 文物, 2'),
    # no type codes: `Title. Name, Year.` names a publisher or a journal; a call number closing the title
    case('Hale R D, Ota O. Colour traps for beetles. Pest science, 2024.', 'cjc-publisher-or-journal-flagged',
         authors=['Hale R D', 'Ota O'], title='Colour traps for beetles', publisher='Pest science', year=2024,
         pub_date='2024', doc_type='M', type_inferred=True, parse_status='partial',
         parse_issue='publisher or journal: Pest science'),
    case('张之洞. 奏请筹办铁路事: 03-01-12-0045-012. 北京: 中国第一历史档案馆, 1890.', 'cjc-call-number-after-title',
         authors=['张之洞'], title='奏请筹办铁路事', doc_number='03-01-12-0045-012', place='北京', publisher='中国第一历史档案馆',
         year=1890, pub_date='1890', doc_type='M', type_inferred=True),
]


@pytest.mark.parametrize(("raw", "fields"), CASES)
def test_entry_is_read_right_or_flagged(raw, fields):
    assert parse_reference(raw) == fields


# Forms of the pdf2 papers' first and last entries (issue 21, item 6), names and titles changed
PDF2_FORMS = [
    case('[4] Kline, M. M. 数学模型导论 [M]. 北京: 科学出版社, 2012. 7', 'gbt-book-page-after-a-period',
         ref_no=4, authors=['Kline M. M'], title='数学模型导论', type_code='M', place='北京', publisher='科学出版社',
         year=2012, pub_date='2012', pages='7'),
    case('[1] A. B. Stone, C. D. Reed, E. F. ". Holt, and G. H. Park, Refactoring: Smells in Code, 2nd ed. USA: '
         'Wiley, 2001.', 'ieee-stray-quote-in-the-names', ref_no=1,
         authors=['A. B. Stone', 'C. D. Reed', 'E. F. Holt', 'G. H. Park'], title='Refactoring: Smells in Code',
         edition='2nd ed', place='USA', publisher='Wiley', year=2001, pub_date='2001', doc_type='M',
         type_inferred=True, style='ieee'),
    case('[7] tokio rs. 2022. tokio. https://github.com/tokio-rs/tokio', 'acm-names-year-title-url', ref_no=7,
         authors=['tokio rs'], year=2022, pub_date='2022', title='tokio', url='https://github.com/tokio-rs/tokio',
         doc_type='EB', type_inferred=True, style=None),
    case('[3] Anna Berg, Paul K. Lind, Advances in Neural Information Processing Systems 30 (NIPS 2017), Sparse '
         'coding of scenes', 'names-venue-title', ref_no=3, authors=['Anna Berg', 'Paul K. Lind'],
         container='Advances in Neural Information Processing Systems 30 (NIPS 2017)', title='Sparse coding of scenes',
         doc_type='J', type_inferred=True, style=None, parse_status='partial', parse_issue='no date'),
    case('[6] 李华，深度学习入门，http://www.example.cn/p/12ab (accesed 2018/4)', 'names-title-url-accessed', ref_no=6,
         authors=['李华'], title='深度学习入门', url='http://www.example.cn/p/12ab', accessed_date='2018-04', doc_type='EB',
         type_inferred=True, style=None),
    case('[10] Sparse face models. Li Z,Wu P,Xu X,et al. 2015 IEEE Conference on Computer Vision (CVPR) . 2015',
         'title-then-names-host-year', ref_no=10, title='Sparse face models', authors=['Li Z', 'Wu P', 'Xu X'],
         container='2015 IEEE Conference on Computer Vision (CVPR)', year=2015, pub_date='2015', doc_type='C',
         type_inferred=True, style=None),
    case('王明（無日期）。《城市防洪研究》。水利部。https://www.example.gov.tw/files/01--工程--2019 年防洪之研究--1-2.pdf',
         'url-with-a-han-path-over-a-line-end', authors=['王明'], title='城市防洪研究', publisher='水利部',
         url='https://www.example.gov.tw/files/01--工程--2019年防洪之研究--1-2.pdf', doc_type='M', type_inferred=True,
         style='apa'),
    case('[6] Rust async book. https://rust-lang.github.io/async-book/.', 'url-closed-by-the-entry-period', ref_no=6,
         title='Rust async book', url='https://rust-lang.github.io/async-book/', doc_type='EB', type_inferred=True,
         parse_status='partial', parse_issue='no date'),
]


@pytest.mark.parametrize(("raw", "fields"), PDF2_FORMS)
def test_pdf2_forms(raw, fields):
    assert parse_reference(raw) == fields


def test_a_publisher_and_its_place_are_no_meeting():
    # APA 7 prints no publisher's place; one printed after the publisher is not read as a meeting's
    ref = parse_reference("Smith, J. (2019). A title of a book. McGraw Hill, New York.")
    assert (ref["doc_type"], ref["container"]) == ("M", None)


def test_a_name_list_surname_first_then_initials_first_with_a_serial_and():
    """A real journal's entry (jcip_lstm [8]): `Li S.` then `L. Huang, R. Wang, and G. Zhou`. The names ended at
    `L.` (authors `Li S.`, `L`; the title began `Huang, R. Wang, …`), and the pages after the year were the
    volume, all with status ok."""
    fields = parse_entry("Li S., L. Huang, R. Wang, and G. Zhou. Sentence-level Emotion Classification with Label "
                         "and Context Dependence[C].In Proceedings of ACL-15, 2015, 1045-1053.")
    assert (fields["authors"], fields["title"], fields["container"], fields["year"], fields["volume"],
            fields["pages"], fields["parse_status"]) == (
        ["Li S.", "L. Huang", "R. Wang", "G. Zhou"],
        "Sentence-level Emotion Classification with Label and Context Dependence", "In Proceedings of ACL-15",
        2015, None, "1045-1053", "ok")


def test_a_page_range_after_the_year_is_pages_not_the_volume():
    """An unseen UESTC thesis's `[C]. … Proceedings, Chengdu, 2006, 527-529`: volume `527-529` and the city in the
    container, status ok."""
    fields = parse_entry("X. F. Liu, B. Z. Wang, W. Shao, et al. A marching-on-in-order scheme for exact attenuation "
                         "constant extraction of lossy transmission lines[C]. China-Japan Joint Microwave Conference "
                         "Proceedings, Chengdu, 2006, 527-529")
    assert (fields["container"], fields["place"], fields["volume"], fields["pages"], fields["year"]) == (
        "China-Japan Joint Microwave Conference Proceedings", "Chengdu", None, "527-529", 2006)
    assert (parse_entry("A. Smith. Deep nets[C]. Proceedings of CVPR, IEEE, 2015, 1-9.")["container"]
            == "Proceedings of CVPR, IEEE")  # an acronym is no place
    journal = parse_entry("张三. 城市研究[J]. 城市规划, 2006, 12(3-4): 5-9")
    assert (journal["volume"], journal["issue"], journal["pages"]) == ("12", "3-4", "5-9")
    assert parse_entry("Smith J, Doe A. Transformers, attention and beyond[J]. Nature, 2020, 5(2): 1-9.")[
        "authors"] == ["Smith J", "Doe A"]
