"""Covers, title pages and forms of theses, proposals, project and course reports.

A cover prints its fields as a form: a label and its value, on one line (`学生姓名：张三`,
`学生姓名　张三`, the label letter-spaced `题　　目` or glued to the value when the text layer lost
the gap), several on one line (`姓名赵方亮指导老师向勇院系计算机系`), or in the cells of a ruled
grid (a label split over cells `学 | 院：`, several label-value pairs in one row, a value
going on in the next row under an empty label cell). Without a colon a cover label is one only
in a form: a stack of such lines on the page (`form_lines`), or a line holding several.

A cover also prints lines that are no title: what the document is (`本科毕业论文（设计）文献综述`,
`…毕业论文（设计）开题报告`, `期中報告`, `專題研究計畫成果報告`: `is_document_kind`) and the name of
the school (`闽江学院`, `國立臺灣海洋大學`: `is_school_line`). They are titles only when the
cover prints nothing else that can be one (a proposal titled `开题报告`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Block
from ..normalize import to_simplified
from ..text import HAN, SPACES, count_han
from .labels import COVER_LABELS, LabelMatch, match_label

# what a document is, at the end of a cover line (Simplified; matched on the line's Simplified form)
DOCUMENT_KINDS = (
    "开题报告", "文献综述", "任务书", "外文翻译", "中期报告", "中期检查报告", "期中报告", "期末报告", "课程论文",
    "课程报告", "课程设计", "课程作业", "结题报告", "结题论文", "结案报告", "成果报告", "实验报告",
    "读书报告", "心得报告", "学年论文", "毕业论文", "毕业设计", "学位论文", "论文", "设计", "作品",
    # the header of a thesis's abstract page: `南京大学本科生毕业论文（设计、作品）中文摘要`
    "中文摘要", "英文摘要", "摘要",
)
# a bracketed note after it: `（设计）`, `(精簡版)`, `（第二版）`, `（论文）`
TRAILING_NOTE = re.compile(r"(?:[（(][^（()）]{1,8}[)）])+$")
DOCUMENT_KIND = re.compile(rf"(?:{'|'.join(sorted(DOCUMENT_KINDS, key=len, reverse=True))})$")
# the name of a school or one of its units, as a cover prints it alone on a line
SCHOOL_LINE = re.compile(rf"[{HAN}（）()]{{2,24}}(?:大学|学院|学校|研究所|研究院|学系)(?:[（(][{HAN}]{{2,12}}[)）])?"
                         r"|(?:[A-Z][A-Za-z.&'\-]*\s+){0,6}(?:University|College|Institute)(?:\s+of(?:\s+[A-Z][A-Za-z]*)+)?")
PERSON_KINDS = ("cover_author", "supervisor")  # labels of a form's names
NOTE_WORDS = ("设计", "论文", "作品", "摘要")  # what a bracket after a kind may name (`毕业论文（设计、作品）`)


def squeezed(text: str) -> str:
    return re.sub(rf"[{SPACES}\s]+", "", text)


def is_document_kind(line: str) -> bool:
    """`本科毕业论文（设计）文献综述`, `中原工学院信息商务学院毕业论文（设计）开题报告`, `戰爭影像與戰爭史 期中報告`,
    `行政院國家科學委員會專題研究計畫成果報告（精簡版）`: a line saying what the document is (the course, the
    school or the programme before it), ending with a document kind. A lone `论文` or `设计` is no kind."""
    text = to_simplified(squeezed(line))
    text = TRAILING_NOTE.sub("", text) or text
    found = DOCUMENT_KIND.search(text)
    if not found or count_han(text) > 40:
        return False
    if found.group() in NOTE_WORDS:
        # `论文`, `设计`, `作品` alone end a title too (`…的设计`): a kind only as `毕业设计（论文）`, `学位论文`
        return bool(re.search(r"(?:毕业|学位|课程|学年|硕士|博士|学士|本科)(?:设计|论文)(?:[（(][^（()）]{1,8}[)）])?"
                              r"(?:摘要)?$|(?:论文|设计)[（(]", text))
    return True


def is_school_line(line: str) -> bool:
    """`闽江学院`, `國立臺灣海洋大學`, `数学与数据科学学院`, `Beijing Institute of Technology`: a school alone."""
    text = line.strip()
    if re.search(r"[A-Za-z]", text) and not count_han(text):
        return bool(SCHOOL_LINE.fullmatch(" ".join(text.split())))
    return bool(SCHOOL_LINE.fullmatch(to_simplified(squeezed(text))))


@dataclass(frozen=True)
class FormField:
    kind: str  # a cover label kind (labels.COVER_LABELS)
    label: str  # as printed
    value: str  # as printed, spaces at its ends taken off


def form_fields(line: str) -> list[FormField]:
    """The label-value pairs of a form line (a label needs no colon here), in order; [] when the line does not
    open with a cover label. Several pairs on one line are cut at the labels: anywhere when the first label is
    glued to its value (`姓名赵方亮指导老师向勇`), else at labels after a space (`姓名 张三  学号 1`)."""
    text = line.strip()
    first = match_label(text, form=True)
    if first is None or first.kind not in COVER_LABELS:
        return []
    found = [first]
    position = first.end + 1
    while position < len(text):
        label = match_label(text, position, form=True)
        if label is not None and label.kind in COVER_LABELS and label.rest \
                and splits_here(text, found[-1], label, first.glued):
            found.append(label)
            position = label.end + 1
        else:
            position += 1
    fields = []
    for label, following in zip(found, [*found[1:], None]):
        value = text[label.end: following.start if following else len(text)].strip(f"{SPACES} ")
        if LABEL_WITH_NOTE.fullmatch(value):
            value = ""  # the label goes on to its note and colon, its blank after: `指导教师组负责人（打印并签名）：`
        value = value.strip("：:")
        if names_labels(value):
            value = ""  # `学位授予单位和日期`, `申请学位级别 学科专业`: labels printed under their blanks
        elif sum(value.count(box) for box in BOX) >= 2 or BLANK_TERM.search(value):
            value = ""  # choices left to tick (`系所：____所 □博士班 □碩士班`), a year or term left blank
        fields.append(FormField(label.kind, text[label.start: label.end].strip(), value))
    return fields


# the rest of a label, its note to the one filling the form in, and its colon: what follows a label on a blank line
LABEL_WITH_NOTE = re.compile(rf"[{HAN}]{{0,6}}[{SPACES}\s]*[（(][^（）()]{{1,12}}[)）][{SPACES}\s]*[：:]")
# a word joining two labels into one (`学位授予单位和日期`, `姓名及学号`)
LABEL_JOINER = re.compile(rf"^[{SPACES}\s]*(?:和|及|与|與|或|、|/)[{SPACES}\s]*")


def names_labels(value: str) -> bool:
    """Whether a field's value is no value but more labels: a joining word and a label (`和日期`), or labels alone
    (`学科专业`, `学科专业 学号`), as a cover prints them under the blanks of the line above."""
    rest = LABEL_JOINER.sub("", value)
    if not rest:
        return rest != value
    words = rest.split()
    return all((found := match_label(word, form=True)) is not None and found.kind in COVER_LABELS
               and not found.rest for word in words)


def splits_here(text: str, before: LabelMatch, label: LabelMatch, glued: bool) -> bool:
    """Whether a second label inside a form line opens a field of its own: after a space, set apart from its value
    (a colon, spaces) or, on a line of glued fields, after a short value (`姓名赵方亮指导老师向勇`); never inside a
    title, which may hold any word (`题目：基于…学院…的设计` is one field), unless a colon follows the label or it is
    a person's label set apart from its value (`…研究学生姓名 王晓明`)."""
    value = squeezed(text[before.end: label.start])
    if not value:
        return False
    if before.kind in ("cover_title", "cover_title_en") and not (label.separated and label.start and
                                                                    text[label.start - 1] in SPACES + " \t"):
        # the title's last line glued to the next form line (a PDF block of both): a person's label set apart from
        # the name after it (`…研究学生姓名 王晓明`) opens its field; no title goes on with one
        return label.kind in PERSON_KINDS and not label.glued
    if text[label.start - 1] in SPACES or text[label.start - 1].isspace():
        return label.separated or not label.glued
    if before.separated and label.separated:  # fields set apart by colons, run together (`系所：物理所學號：02…`)
        return True
    return glued and len(value) <= 8


def form_lines(texts: Sequence[str], pages: Sequence[int | None]) -> set[int]:
    """Indices of the lines that are fields of a form: on a page holding two or more lines that open with a cover
    label set apart from its value (by spaces or a colon), or holding a line with several fields, every line that
    opens with a cover label (a glued one too)."""
    fields = [form_fields(t) for t in texts]
    strong_pages: dict[int | None, int] = {}
    for text, found, page in zip(texts, fields, pages):
        if not found:
            continue
        first = match_label(text.strip(), form=True)
        separated = first is not None and not first.glued
        if len(found) >= 2:
            strong_pages[page] = strong_pages.get(page, 0) + 2
        elif separated:
            strong_pages[page] = strong_pages.get(page, 0) + 1
    return {i for i, (found, page) in enumerate(zip(fields, pages)) if found and strong_pages.get(page, 0) >= 2}


# a box to tick: as Unicode has it, or as Word's Wingdings symbols land in the private-use area (U+F06F, U+F071,
# U+F072, U+F0A8 empty; U+F0FD, U+F0FE ticked)
BOX = "□☐☑☒■❑❒\uf06f\uf071\uf072\uf0a8\uf0fd\uf0fe"
# a year, month or term left blank in a field's value (`____學年度第____學期`, `____年____月`)
BLANK_TERM = re.compile(r"(?:学|學)年度?第?[ \u3000]+(?:学|學)?期|年[ \u3000]+月")
# a blank left to fill in: a rule of underscores, a box to tick, empty brackets, a date or term without numbers
FILL_IN_BLANK = re.compile(rf"_{{3,}}|＿{{2,}}|[{BOX}]|[(（][ \u3000]+[)）]|{BLANK_TERM.pattern}")


def fill_in_pages(texts: Sequence[str], pages: Sequence[int | None]) -> set[int | None]:
    """Pages of forms left to fill in (an authorization, a committee's approval, a pledge, a review sheet):
    two or more lines holding a blank (`FILL_IN_BLANK`), the document's first page excepted (a cover may pad its
    fields with rules). A line in large type there is the form's name, never the paper's title."""
    blanks: dict[int | None, int] = {}
    for text, page in zip(texts, pages):
        if FILL_IN_BLANK.search(text):
            blanks[page] = blanks.get(page, 0) + 1
    first = pages[0] if pages else None
    return {page for page, count in blanks.items() if count >= 2 and page != first}


def form_table_lines(block: Block) -> list[Block]:
    """The rows of a cover's grid that are form fields, one line each (`学 | 院： | 数学科学学院` ->
    `学院： 数学科学学院`; a row holding several pairs as it is, its labels read by `form_fields`); a row with an
    empty first cell and a value goes on the field above (a title over two rows). Rows of text (a page frame
    around the body), of data, are none of these."""
    lines: list[Block] = []
    cover = is_cover_table(block)
    for row in block.rows or []:
        cells = [c.strip() for c in row if c and c.strip()]
        if not cells:
            continue
        line = row_as_line(cells)
        if line is None and cover and label_row(cells):
            line = " ".join(cells)  # a field whose label is not a known one (`学院名称 | 计算机学院`): kept as a line
        if line is not None:
            lines.append(Block(text=line, page_start=block.page_start, page_end=block.page_end,
                               font_size=block.font_size))
        elif lines and not (row[0] or "").strip() and len(cells) == 1 and len(cells[0]) <= 60:
            lines[-1].text += " " + cells[0]  # the value goes on under an empty label cell
    return lines


def row_as_line(cells: list[str]) -> str | None:
    """A grid row's cells as one form line when its first cells make a cover label (`学` + `院：`)."""
    for width in range(1, min(3, len(cells)) + 1):
        label = "".join(cells[:width])
        found = match_label(label, form=True)
        if found is not None and found.kind in COVER_LABELS and not found.rest:
            rest = " ".join(cells[width:])
            return f"{label} {rest}".strip() if form_fields(f"{label} {rest}") else None
    return None


def blank_fields(cells: list[str]) -> bool:
    """A grid row of labels only, each with its value left blank (`分类号 | 密级` on a thesis cover)."""
    found = [match_label(cell, form=True) for cell in cells]
    return bool(cells) and all(f is not None and not f.rest.strip() for f in found)


def is_cover_table(block: Block) -> bool:
    """A grid whose every row is a form field, a row of blank fields, or goes on the field above: the
    cover's, read into fields."""
    if block.kind != "table" or not block.rows:
        return False
    rows = [[c.strip() for c in r if c and c.strip()] for r in block.rows if any(c and c.strip() for c in r)]
    firsts = [(r[0] or "").strip() for r in block.rows if any(c and c.strip() for c in r)]
    known = sum(row_as_line(cells) is not None for cells in rows)
    return bool(rows) and all(row_as_line(cells) is not None or blank_fields(cells) or not first
                              or (label_row(cells) and known * 2 > len(rows))
                              for cells, first in zip(rows, firsts)) and row_as_line(rows[0]) is not None


FIELD_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}")


def label_row(cells: list[str]) -> bool:
    """A label and its value, the label 2-8 Han characters once spaces and slashes are set aside
    (`学院名称`, `学 科 / 类 别`): a cover field whose label is not a known one."""
    return len(cells) == 2 and FIELD_LABEL.fullmatch(re.sub(r"[\s/／]", "", cells[0])) is not None


LEVEL_WORDS = (("博士", "博士"), ("硕士", "硕士"), ("学士", "学士"), ("本科", "学士"))


def degree_in(line: str) -> str | None:
    """The degree a document-kind line names (`本科毕业论文（设计）文献综述` -> 学士), or None."""
    text = to_simplified(squeezed(line))
    return next((degree for word, degree in LEVEL_WORDS if word in text), None)
