"""No silent wrong (issue 21, item 5): forms that were read wrong with status `ok` and no flag.

Each is read right now, or, where its print cannot tell two readings apart, is `partial` with a
`parse_issue` saying which. Shapes from the four-style set (tests/refstyles.py), names and titles changed.
"""

import pytest

from extract.references import parse_reference
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
