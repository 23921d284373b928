"""Front-matter labels (摘要, 关键词, 中图分类号, Abstract, DOI, 指导教师 ...), declared once as data,
and the identifiers and keywords after them.

Labels are declared in Simplified script and matched on a line's Simplified form
(OpenCC t2s maps character to character), so `關鍵詞` and `內容提要` match too;
between and after a label's characters may stand spaces, a `?` or U+FFFD left by a
lost byte (`[摘?要]`) and web-conversion pinyin annotations (`摘(zhāi)要(yào)`).
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass

from ..normalize import convert
from ..text import DOI_BODY, PINYIN_LETTERS, SPACES, TONE_MARKED, strip_trailing_punctuation


def bracketed(*words: str) -> tuple[str, ...]:
    """Each word as printed with full-width brackets and with ASCII ones (`论文（设计）题目`, `论文(设计)题目`)."""
    return tuple(w for word in words for w in (word, word.replace("（", "(").replace("）", ")")))


@dataclass(frozen=True)
class LabelKind:
    kind: str
    words: tuple[str, ...]
    needs_colon: bool = False  # a cover field (`学院：`): without a colon the word opens ordinary text
    listed: bool = False  # may share a line with other listed labels (`中图分类号：F2  文献标识码：A`)


LABEL_KINDS: tuple[LabelKind, ...] = (
    LabelKind("abstract_zh", ("摘要", "内容提要", "内容摘要", "提要", "中文摘要", "中文内容摘要", "中文提要")),
    LabelKind("keywords_zh", ("关键词", "关键字", "主题词")),
    LabelKind("abstract_en", ("Abstract", "Summary", "英文摘要", "英文内容摘要")),
    LabelKind("keywords_en", ("Key words", "Keywords", "Key word", "Keyword", "Index terms")),
    LabelKind("clc", ("中图分类号", "中图法分类号", "中图分类", "分类号", "CLC number", "CLC",
                      "Chinese Library Classification"), listed=True),
    LabelKind("document_code", ("文献标志码", "文献标识码", "文献标志", "Document code"), listed=True),
    LabelKind("article_no", ("文章编号", "Article ID"), listed=True),
    LabelKind("doi", ("DOI",), listed=True),
    LabelKind("issn", ("ISSN",), listed=True),
    LabelKind("received", ("收稿日期", "收稿时间", "Received date"), listed=True),
    LabelKind("revised", ("修回日期", "修改日期", "修改稿日期", "Revised date"), listed=True),
    LabelKind("accepted", ("录用日期", "接受日期", "Accepted date"), listed=True),
    LabelKind("published", ("网络出版时间", "网络出版地址", "网络出版日期", "网络首发时间", "出版日期"), listed=True),
    LabelKind("funding", ("基金项目", "项目基金", "资助项目", "基金资助", "Foundation items", "Foundation item",
                          "Funded by", "Funding", "Fund")),
    LabelKind("author_bio", ("作者简介", "作者信息", "作者介绍", "About the authors", "Biographies")),
    LabelKind("corresponding", ("通讯作者", "通信作者", "Corresponding author")),
    LabelKind("citation", ("本文引用格式", "引用格式", "引用本文", "Citation", "Cite this article")),
    LabelKind("classification", ("MR(2000)主题分类", "MR(2000) Subject Classification",
                                 "Mathematics Subject Classification", "AMS Subject Classification")),
    # a web excerpt's or reprint's header lines (`来源：《城市观察》2019年第1期`, `发布时间：2019-01-05`)
    LabelKind("source", ("来源", "文章来源", "出处", "原载", "原文链接", "发布时间", "发布日期", "发表时间",
                         "阅读量", "浏览次数"), needs_colon=True),
    # the journal's section a paper is printed in
    LabelKind("rubric", ("专题", "栏目", "专栏", "特稿", "本期关注", "Column"), needs_colon=True),
    # a thesis cover or title page, a proposal's or a project report's form (see `cover`: in a form the
    # colon may be missing, the label letter-spaced `题　　目` or glued to its value)
    LabelKind("cover_title", (*bracketed("论文（设计）题目", "设计（论文）题目", "毕业论文（设计）题目",
                                         "毕业设计（论文）题目", "课题（论文）题目"),
                              "论文题目", "毕业论文题目", "毕业设计题目", "设计题目", "选题题目", "课题名称",
                              "论文名称", "中文题目", "题目", "题名", "项目名称", "计划名称", "计画名称",
                              "研究计划名称", "Title", "Thesis title"), needs_colon=True),
    LabelKind("cover_title_en", ("英文题目", "英文题名", "英文名称", "英文", "English title"), needs_colon=True),
    LabelKind("cover_author", ("学生姓名", "作者姓名", "研究生姓名", "本科生姓名", "研究生", "论文作者", "申请人",
                               "姓名", "学生", "计划主持人", "计画主持人", "主持人", "项目负责人"),
              needs_colon=True),
    LabelKind("supervisor", (*bracketed("指导教师（姓名、职称）", "指导教师（姓名、职务）", "指导教师（职称）"),
                             "指导教师姓名", "指导教师", "指导老师", "指导教授", "导师姓名", "导师", "校内指导教师",
                             "校外指导教师", "授课教授", "授课教师", "授课老师", "任课教师", "任课老师",
                             "Supervisor", "Advisor"), needs_colon=True),
    LabelKind("school", ("学院", "学院名称",
                         "院系", *bracketed("院（系）", "学院（系）"), "所在学院", "所在院系", "培养单位",
                         "学位授予单位", "授予学位单位", "所在单位", "系别", "系所", "执行单位", "执行机构", "School",
                         "Department"),
              needs_colon=True),
    LabelKind("major", ("专业", "学科专业", "专业名称", "专业班级", "学科",
                        "学科/类别", "学科类别", "专业学位类别", "Major", "Discipline"),
              needs_colon=True),
    LabelKind("degree", ("申请学位", "申请学位级别", "学位类别", "学位级别", "Degree"), needs_colon=True),
    LabelKind("student_id", ("学号", "Student ID", "Student number"), needs_colon=True),
    # form fields no column holds: read as labels (kept as front matter), never as a value or a title
    LabelKind("cover_other", ("年级", "班级", "职称", "密级",
                              "答辩委员会主席", "学校代码", "单位代码", "UDC", "计划编号", "计画编号",
                              "项目编号", "执行期间",
                              "执行期限", "计划类别", "计画类别", "课程名称", "课程", "联系电话", "电话", "手机"),
              needs_colon=True),
    # a statement's signature lines (`作者签名：`, `指导教师签名：`): no field, never the supervisor
    LabelKind("signature", ("作者签名", "学生签名", "研究生签名", "指导教师签名", "指导老师签名", "导师签名",
                            "签名", "签字", "作者签字", "导师签字"), needs_colon=True),
    LabelKind("cover_date", ("答辩日期", "论文答辩日期", "论文提交日期", "提交日期", "完成日期", "报告日期", "日期",
                             "Date of defense", "Date of submission"), needs_colon=True),
)
KINDS = {k.kind: k for k in LABEL_KINDS}
ABSTRACT_AND_KEYWORD_LABELS = ("abstract_zh", "abstract_en", "keywords_zh", "keywords_en")
# a label glued to its text (`摘要本文…`, `关键词城市`) is one only for these (`摘要是…` may be a sentence)
MAY_BE_GLUED = ("abstract_zh", "keywords_zh", "clc")

# spaces, a lost byte (`?`, U+FFFD), a pinyin annotation: what may stand inside and after a label
LABEL_GAP = rf"(?:[{SPACES}?？\ufffd]|[(（][{PINYIN_LETTERS}]{{1,7}}[)）])*"
OPEN_BRACKET = r"[\[【〔]"
CLOSE_BRACKET = r"[\]】〕]"
LABEL_HEAD = 48  # characters probed for a label: the longest one with annotations and brackets fits


def word_pattern(word: str, gap: str = LABEL_GAP) -> str:
    """`摘要` -> `摘GAP要`; `Key words` -> `Key\\s*words` (Latin words case-insensitive)."""
    if word.isascii():
        return r"\s*".join(re.escape(part) for part in word.split())
    return gap.join(re.escape(char) for char in word if not char.isspace())


PINYIN_ANNOTATIONS_AFTER = rf"(?:\s*[(（][{PINYIN_LETTERS}]{{1,7}}[)）])*"
_GAP_CHARS = frozenset(SPACES + "?？\ufffd")  # LABEL_GAP's and PINYIN_ANNOTATIONS_AFTER's classes, as sets
_OPENING, _CLOSING = frozenset("(（"), frozenset(")）")
_PINYIN_CHARS = frozenset(string.ascii_lowercase + TONE_MARKED)


def _one_of(chars: frozenset[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _gaps_in(line: str) -> tuple[str, str]:
    """(LABEL_GAP, PINYIN_ANNOTATIONS_AFTER) with their classes cut down to the characters `line` holds: the
    same matches on that line, and quick to compile (a class of characters beyond Latin-1 costs a 64K-entry
    table, 0.2 ms per gap, and `as_printed` builds a pattern per piece)."""
    present = frozenset(line)
    gap_chars, opening, closing, letters = (present & _GAP_CHARS, present & _OPENING, present & _CLOSING,
                                            present & _PINYIN_CHARS)
    annotation = ""
    if opening and closing and letters:
        annotation = f"{_one_of(opening)}{_one_of(letters)}{{1,7}}{_one_of(closing)}"
    alternatives = [_one_of(gap_chars)] if gap_chars else []
    alternatives += [annotation] if annotation else []
    gap = f"(?:{'|'.join(alternatives)})*" if alternatives else ""
    return gap, rf"(?:\s*{annotation})*" if annotation else ""


def as_printed(line: str, piece: str) -> str:
    """The span of `line` that reads `piece` once the pinyin annotations, spaces and lost bytes between its
    characters are taken out (`王(wáng)小明` for `王小明`); `piece` itself when the line holds no such span."""
    if not piece.strip():
        return piece
    gap, annotations = _gaps_in(line)
    found = re.search(word_pattern(piece, gap) + annotations, line)
    return found.group() if found else piece


def _label_alternatives() -> str:
    words = sorted(((w, k.kind) for k in LABEL_KINDS for w in k.words), key=lambda wk: len(wk[0]), reverse=True)
    return "|".join(f"(?P<{kind}_{i}>{word_pattern(word)})" for i, (word, kind) in enumerate(words))


LABEL = re.compile(
    rf"[{SPACES}]*(?P<open>{OPEN_BRACKET}\s*)?(?:{_label_alternatives()}){LABEL_GAP}"
    rf"(?P<close>\s*{CLOSE_BRACKET})?(?P<colon>\s*[:：])?(?P<space>[{SPACES}]*)",
    re.IGNORECASE)


# what LABEL must start with (the first char of a word, after spaces and an opening bracket): most lines do not,
# and this one char class rejects them at once where LABEL tries every word
_FIRST_CHARS = "".join(sorted({re.escape(w.strip()[0]) for k in LABEL_KINDS for w in k.words}))
LABEL_START = re.compile(rf"[{SPACES}]*(?:{OPEN_BRACKET}\s*)?[{_FIRST_CHARS}]", re.IGNORECASE)


@dataclass(frozen=True)
class LabelMatch:
    kind: str
    rest: str  # the text after the label, as written
    separated: bool  # a colon or a closing bracket follows the label
    glued: bool  # the text follows the label without any separator
    start: int  # where the label starts in the line
    end: int  # where the text after it starts


@functools.lru_cache(maxsize=8192)
def simplified_probe(line: str) -> str:
    """The line in Simplified script, character for character (the line itself when t2s changes its length):
    OpenCC's conversion of the whole line, without the rules keeping a Japanese span as written (a label next
    to a name in kana, `學號：…研究生：君の名は。`, is a label)."""
    probe = convert(line)
    return probe if len(probe) == len(line) else line


@functools.lru_cache(maxsize=8192)  # a line is probed by several readers (front matter, notes, headings): 3 in 4 repeat
def _label_in(probe: str) -> tuple[re.Match, str] | None:
    """LABEL's match at the probe's start and the word group that matched (a read-only match: shared by callers)."""
    match = LABEL.match(probe) if LABEL_START.match(probe) else None
    if not match:
        return None
    return match, next(name for name, value in match.groupdict().items() if value is not None and name[-1].isdigit())


COVER_LABELS = ("cover_title", "cover_title_en", "cover_author", "supervisor", "school", "major", "degree",
                "student_id", "cover_other", "cover_date")


def match_label(line: str, pos: int = 0, form: bool = False) -> LabelMatch | None:
    """The label at `pos` of the line (any declared kind), or None; see `front_matter_label`.

    `form`: the line is a field of a form (a cover's stack of label-value lines, a row of its grid), where a
    cover label needs no colon and may be glued to its value (`学生姓名 谢荣臻`, `题目基于…`)."""
    head = line[pos:pos + LABEL_HEAD]
    probe = simplified_probe(head)
    found = _label_in(probe)
    if found is None:
        return None
    match, group = found
    kind = group.rsplit("_", 1)[0]
    if match["open"] and not match["close"]:
        return None
    separated = bool(match["colon"] or match["close"])
    rest = line[pos + match.end():]
    spaced = any(char.isspace() or char in SPACES for char in probe[match.end(group):match.end()])
    glued = bool(rest) and not separated and not spaced
    in_form = form and kind in COVER_LABELS
    if (KINDS[kind].needs_colon and not match["colon"] and not in_form) \
            or (glued and kind not in MAY_BE_GLUED and not in_form):
        return None
    if glued and match[group].isascii():
        return None  # `Abstracts`, `DOIs`: a Latin label is a word of its own
    return LabelMatch(kind, rest.strip(), separated, glued, pos + match.start(), pos + match.end())


def front_matter_label(line: str) -> tuple[str, str] | None:
    """(kind, text after the label) for a line opening with a declared label, else None.

    The label is followed by a colon, a closing bracket, spaces or the end of the line;
    a cover field (`学院：`) needs its colon; 摘要 and 关键词 may be glued to their text.
    """
    found = match_label(line.strip())
    return (found.kind, found.rest) if found else None


LISTED_LABEL_START = re.compile(rf"(?<=[{SPACES};；,，.。])")


def labelled_fields(line: str) -> list[tuple[str, str]]:
    """`中图分类号：F299.2  文献标识码：A` -> [(clc, F299.2), (document_code, A)]; one pair per label.

    Only listed labels (identifiers, dates) share a line; the text of each runs to the next one.
    """
    text = line.strip()
    first = match_label(text)
    if first is None:
        return []
    found = [first]
    if KINDS[first.kind].listed:
        for position in (m.start() for m in LISTED_LABEL_START.finditer(text, first.end)):
            if position <= found[-1].end:
                continue
            label = match_label(text, position)
            if label and KINDS[label.kind].listed and (label.separated or not first.separated):
                found.append(label)
    fields = []
    for label, following in zip(found, [*found[1:], None]):
        value = text[label.end: following.start if following else len(text)]
        # the separator before the next label is not the value's (a keyword list's own last `;` is)
        fields.append((label.kind, value.strip(f"{SPACES};；,，" if following else SPACES)))
    return fields


DOI = re.compile(rf"(?i)\bdoi\s*[:：]?\s*({DOI_BODY})")
ISSN = re.compile(r"(?i)\bissn\s*[:：]?\s*(\d{4})\s*-?\s*(\d{3}[\dX])\b")
ISSN_IN_DOI = re.compile(r"(?i)issn\.?(\d{4})-?(\d{3}[\dX])(?:\.((?:19|20)\d{2}))?")
YEAR_IN_DOI = re.compile(r"(?<=[./])((?:19|20)\d{2})(?=[./-])")
ISSUE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*第\s*\d+\s*期")
ISSUE_LINE = re.compile(
    r"第\s*[\dXx？?]+\s*[卷期辑輯]|(?:19|20)[\dXx]{2}\s*年\s*(?:第\s*\d+\s*期|[\dXx]{1,2}\s*月)|(?i:\bvol\.|\bno\.)")
REFERENCE_ENTRY = re.compile(r"^\s*[\[［]\d+[\]］]")
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/()（）+:;；,，·\s]*")


def find_doi(text: str) -> str | None:
    """The first `DOI: 10.xxxx/...` outside reference-list entries."""
    for line in text.splitlines():
        match = None if REFERENCE_ENTRY.match(line) else DOI.search(line)
        if match:
            return strip_trailing_punctuation(match[1])
    return None


def issn_and_year_from_doi(doi: str) -> tuple[str | None, int | None]:
    """`10.1234/j.issn.1000-0000.2020.02.003` -> ("1000-0000", 2020)."""
    match = ISSN_IN_DOI.search(doi)
    if match:
        year = match[3] or None
        return f"{match[1]}-{match[2].upper()}", int(year) if year else None
    year_match = YEAR_IN_DOI.search(doi.partition("/")[2])
    return None, int(year_match[1]) if year_match else None


def code_value(text: str) -> str | None:
    """The code after a 中图分类号 / 文献标识码 / 文章编号 label as printed (`F299.2`, `A`), spaces squeezed."""
    match = CODE.match(text.strip())
    value = " ".join(match.group().split()).strip(" ;；,，") if match else ""
    return value or None


KEYWORD_SEPARATORS = re.compile(r"[;；，,、]")
FINAL_STOP = re.compile(r"(?<![.。…])[。.]$")
KEYWORD_CONTENT = re.compile(r"[\w\u3400-\u9fff]")


def split_keywords(text: str, lang: str) -> list[str]:
    """`a；b；c` -> [a, b, c]. Chinese lists without punctuation are split on runs of spaces."""
    text = FINAL_STOP.sub("", text.strip())  # one full stop ends the list; `......` is an item (no keyword)
    parts = text.split() if lang == "zh" and not KEYWORD_SEPARATORS.search(text) else KEYWORD_SEPARATORS.split(text)
    return [part.strip() for part in parts if part.strip()]


def is_keyword(item: str) -> bool:
    """A keyword holds a letter, digit or Han character (not `......` left for more)."""
    return bool(KEYWORD_CONTENT.search(item))
