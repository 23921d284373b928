"""Reference lists: find the heading, split the list into entries, parse each entry.

Entries follow GB/T 7714-2025 and -2015 (the 2005 form's `[A]...[C]` analytics and
`出版年(更新日期)[引用日期]` dates are read too); entries without a type code have
their type inferred from their shape:

    主要责任者.题名:其他题名信息:文献号[文献类型标识/载体标识].其他责任者.版本项.出版地:出版者,出版年:页码.
    ...[J].刊名,年,卷(期):页码.        ...[N].报纸名,出版日期(版次).
    ...[M]//主编.文集名:第N卷.版本.出版地:出版者,年:页码.
    ...[EB/OL].(发布日期)[引用日期].URL.  DOI:10.xxx/yyy  CSTR:nnnnn.nn.xxx

One module per concern: `listing` (heading, splitting, numbering), `names`,
`head` (title, document number, volume), `publication` (after the type code), `infer`
(entries without a type code), `notes` (the notes style of 管理世界/经济研究:
`张三：《题名》，《刊名》2007年第7期。`), `apa`, `ieee`, `biblatex`, `loose` (other
styles), `bilingual` (an entry printed with its translation), `entry` (one entry
end to end), `reading` (a paper's list and its flags), `settings`, `patterns`.
"""

from .entry import LIST_FIELDS, REFERENCE_FIELDS, parse_entry, parse_reference
from .listing import (
    ReferenceList,
    is_reference_heading,
    number_entries,
    running_lines,
    split_reference_entries,
    split_reference_list,
)
from .patterns import CARRIERS, DOC_TYPES
from .reading import find_reference_heading, list_entries, parse_listed, read_reference_list, score_reference_headings
from .settings import DEFAULT_SETTINGS, ReferenceSettings

__all__ = [
    "CARRIERS", "DEFAULT_SETTINGS", "DOC_TYPES", "LIST_FIELDS", "REFERENCE_FIELDS",
    "ReferenceList", "ReferenceSettings", "find_reference_heading", "is_reference_heading", "list_entries",
    "number_entries", "parse_entry", "parse_listed", "parse_reference", "read_reference_list", "running_lines",
    "score_reference_headings",
    "split_reference_entries",
    "split_reference_list",
]
