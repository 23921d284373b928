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
]


@pytest.mark.parametrize(("raw", "fields"), ISSUE_21_CASES)
def test_issue_21_entry(raw, fields):
    assert parse_reference(raw) == fields
