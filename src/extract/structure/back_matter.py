"""Notes anywhere in a paper (funding, the responsible editor, received/revised dates, author
biographies) and the headings of back matter (致谢, 附录, 附录A, 作者简介, 结论 ...).

Notes are recognised in either script (matched on the line's Simplified form, `labels.simplified_probe`):
`說明:本文繫…` is a funding note as `说明:本文系…` is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..text import EMAIL, SPACES
from .authors import HAN_NAME, INSTITUTION_WORDS, POSITION_TITLES, AuthorDraft
from .dates import DATE, DATED_EVENTS, dated_events, iso_date
from .headings import Heading
from .labels import LABEL_GAP, labelled_fields, match_label, simplified_probe, word_pattern
from .line_shape import DIGIT, script_of
from .numerals import chinese_numeral_value
from .settings import DEFAULT_SETTINGS, StructureSettings

NOTE_DECORATION = " \u3000*＊∗■□◆◇●○※★☆①†"
NOTE_LABEL = re.compile(r"(?:说明|注|附注|致谢)\s*[:：]\s*(?P<text>.+)")
# `本文系统…` (系统 "system") opens ordinary sentences, not funding notes
FUNDING_STATEMENT = re.compile(r"(?:本文|本研究|本项目|本成果)(?:系(?!统)|为|是|受|获|得到)")
FUNDING_WORDS = ("项目", "基金", "资助", "课题")
FUNDING_GRANTED = ("资助",)
# a funding note ends on what the grant produced or gave; a body sentence opening with 本文是… does not
FUNDING_NOTE_ENDING = re.compile(r"(?:成果|资助|支持|资金)\s*[)）]?\s*[。.．]?$")
# a first-page footnote naming its funds: `国家自然科学基金(10571169)…资助项目.`, `XXXX 基金资助 (12345678).`
FUNDED_BY_ENDING = re.compile(r"(?:资助|支持)(?:项目|课题)?\s*(?:[(（][^()（）]{0,40}[)）])?\s*[。.．]?$")
FUND_NAMES = ("基金", "计划", "项目", "课题", "专项", "经费")
FUNDING_EN = re.compile(r"(?i)(?:this\s+(?:work|research|study|paper)\s+(?:was|is)\s+)?(?:supported|funded|sponsored)"
                        r"\s+(?:in\s+part\s+)?by\b")
NOTE_TAIL_CHARS = "助持果金"  # what a funding note's last words end with (资助, 支持, 成果, 资金)
GRANT_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*(?![A-Za-z0-9])")
YEAR_OR_RANGE = re.compile(r"(?:19|20)\d{2}(?:[-/](?:19|20)\d{2})?")
EDITOR_LABEL = r"(?:责任编辑|责编)"  # matched on a line's Simplified form
EDITOR_NOTE = re.compile(rf"[(（\[【]?\s*{EDITOR_LABEL}\s*[:：]?\s*(?P<name>{HAN_NAME})\s*[)）\]】]?")
EDITOR_IN_BRACKETS = re.compile(rf"[(（\[【]\s*{EDITOR_LABEL}\s*[:：]?\s*(?P<name>{HAN_NAME})\s*[)）\]】]")
DATED_LABELS = ("received", "revised", "accepted", "published")
PLACEHOLDER_DATE = re.compile(r"[\dXx？?]{4}\s*年\s*[\dXx？?]{1,2}\s*月\s*[\dXx？?]{1,2}\s*日")  # `XXXX 年 XX 月 XX 日`
DATED_NOTE_FILLER = re.compile(rf"(?:本文|本稿|稿件|于|於|[{SPACES}.,;:，。；：])*")

# headings of a paper's parts that carry no number, in Simplified script (matched on the line's Simplified form)
NAMED_HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("acknowledgements", ("致谢", "谢辞", "致谢辞", "Acknowledgements", "Acknowledgments", "Acknowledgement")),
    ("appendix", ("附录", "Appendix", "Appendices")),
    ("afterword", ("后记",)),
    ("author_bios", ("作者简介", "作者介绍", "About the authors")),
    ("conclusion", ("结论", "结语", "结束语", "Conclusions", "Conclusion")),
    ("introduction", ("引言", "前言", "绪论", "导言", "Introduction")),
)
NAMED_HEADING = re.compile(
    rf"[{SPACES}]*[\[【〔]?\s*(?:" + "|".join(
        f"(?P<{kind}>" + "|".join(word_pattern(w) for w in words) + ")" for kind, words in NAMED_HEADINGS)
    + rf"){LABEL_GAP}\s*[\]】〕]?\s*[:：]?\s*", re.IGNORECASE)
APPENDIX_NUMBER = re.compile(r"\s*(?P<num>[A-Z]|\d{1,2}|[一二三四五六七八九十]{1,3})(?![A-Za-z0-9])\s*[:：.．、]?\s*")


@functools.lru_cache(maxsize=4096)  # a body line is tested as it is read, then again for the paper's back matter
def funding_text(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> str | None:
    """The text of a Chinese funding note without its label (`基金项目：`, `说明：`) or footnote mark, or None.

    Forms: a 基金项目 label; `说明：本文系…项目…成果`; `本研究受…资助`; a first-page footnote
    naming its funds and ending on 资助 / 资助项目 / 支持 (one statement, not a paragraph).
    """
    text = line.strip(NOTE_DECORATION)
    if not text or len(text) > settings.max_note_chars:
        return None
    label = match_label(text)
    if label and label.kind == "funding" and label.rest:
        return label.rest
    head = simplified_probe(text[:8])
    if not (NOTE_LABEL.match(head) or FUNDING_STATEMENT.match(head) or any(c in text[-24:] for c in NOTE_TAIL_CHARS)):
        return None  # cheap test first: converting every paragraph's script is slow
    probe = simplified_probe(text)
    noted = NOTE_LABEL.fullmatch(probe)
    start = noted.start("text") if noted else 0
    body, body_probe = text[start:].strip(), probe[start:].strip()
    if (FUNDING_STATEMENT.match(body_probe) and any(word in body_probe for word in FUNDING_WORDS)
            and (FUNDING_NOTE_ENDING.search(body_probe) or any(word in body_probe for word in FUNDING_GRANTED))):
        return body
    if (not noted and FUNDED_BY_ENDING.search(body_probe) and any(word in body_probe for word in FUND_NAMES)
            and script_of(body_probe, settings) != "en" and one_statement(body_probe)):
        return body
    return None


@functools.lru_cache(maxsize=4096)
def funding_text_en(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> str | None:
    """`Supported by National Natural Science Foundation of China (XXXXX)`, `Foundation item: …`."""
    text = line.strip(NOTE_DECORATION)
    if not text or len(text) > settings.max_note_chars or script_of(text, settings) != "en":
        return None
    label = match_label(text)
    if label and label.kind == "funding" and label.rest:
        return label.rest
    return text if FUNDING_EN.match(text) else None


def one_statement(text: str) -> bool:
    """No sentence ends before the last character (a footnote, not a paragraph of several sentences)."""
    return not re.search(r"[。！？!?；;]", text.rstrip("。.．!?！？ "))


def grant_numbers(text: str) -> list[str]:
    """Codes such as `71773084`, `17ZDA001`, `16BGJ012`: at least five characters, four digits, not a year."""
    codes = []
    for code in GRANT_CODE.findall(text):
        if len(code) >= 5 and len(DIGIT.findall(code)) >= 4 and not YEAR_OR_RANGE.fullmatch(code):
            codes.append(code)
    return codes


def editor_name(line: str) -> str | None:
    """`责任编辑:李明`, `■ 责任编辑:李明` or `(责任编辑 张三)` at the end of a paragraph (the name as written)."""
    text = line.strip(NOTE_DECORATION)
    note = EDITOR_NOTE.match(simplified_probe(text))
    if note:
        return text[note.start("name"):note.end("name")]
    if "编" not in line and "編" not in line:
        return None  # cheap test first
    probe = simplified_probe(line)
    bracketed = EDITOR_IN_BRACKETS.search(probe) if len(probe) == len(line) else None
    return line[bracketed.start("name"):bracketed.end("name")] if bracketed else None


def note_dates(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> dict[str, str] | None:
    """{received, revised, accepted} of a date note (`收稿日期：2019-01-05；修回日期：…`,
    `本文 2006 年 1 月 9 日收到. 2007 年 9 月 24 日收到修改稿.`), or None for any other line.

    A placeholder date (`XXXX-XX-XX`) gives no date but the line is still a date note ({}). Each caller
    gets its own dict (a line's reading is kept: body lines are read again for the back matter).
    """
    dates = _note_dates(line, settings)
    return None if dates is None else dict(dates)


@functools.lru_cache(maxsize=4096)
def _note_dates(line: str, settings: StructureSettings) -> dict[str, str] | None:
    text = line.strip(NOTE_DECORATION)
    if not text or len(text) > settings.max_note_chars or not DIGIT.search(text) and "X" not in text:
        return None
    fields = labelled_fields(text)
    if fields and all(kind in DATED_LABELS for kind, _ in fields):
        return {kind: date for kind, value in fields if kind != "published" and (date := iso_date(value))}
    probe = simplified_probe(text)
    events = dated_events(probe)
    spans = [m.span() for m in DATE.finditer(probe)]
    spans += [m.span() for m in PLACEHOLDER_DATE.finditer(probe)
              if not any(start < m.end() and m.start() < end for start, end in spans)]
    if not spans:
        return None
    leftover = probe
    for start, end in sorted(spans, reverse=True):
        after = leftover[end:]
        event = next((m for m in (p.match(after) for _, p in DATED_EVENTS) if m), None)
        if event is None:
            return None
        leftover = leftover[:start] + after[event.end():]
    return events if DATED_NOTE_FILLER.fullmatch(leftover) else None


def is_back_matter_line(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    """A whole line that is a funding, editor or date note, kept out of the body paragraphs."""
    return (funding_text(line, settings) is not None or funding_text_en(line, settings) is not None
            or bool(EDITOR_NOTE.fullmatch(simplified_probe(line.strip(NOTE_DECORATION))))
            or note_dates(line, settings) is not None)


def parse_back_matter(lines: list[str], settings: StructureSettings = DEFAULT_SETTINGS) -> dict:
    """funding and funding_en (notes, one to a line), grant_no (codes joined by `; `), editor, received/revised/accepted
    found in the lines (a paper's lines outside its reference list). The paper's DOI is its front matter's."""
    notes = [text for text in (funding_text(line, settings) for line in lines) if text]
    notes_en = [text for text in (funding_text_en(line, settings) for line in lines) if text]
    codes = list(dict.fromkeys(code for note in notes + notes_en for code in grant_numbers(note)))
    editor = next((name for name in map(editor_name, lines) if name), None)
    dates: dict[str, str] = {}
    for found in (note_dates(line, settings) for line in lines):
        for kind, date in (found or {}).items():
            dates.setdefault(kind, date)
    # several notes stay apart, one to a line
    return {"funding": "\n".join(notes) or None, "funding_en": "\n".join(notes_en) or None,
            "grant_no": "; ".join(codes) or None, "editor": editor,
            "received": dates.get("received"), "revised": dates.get("revised"), "accepted": dates.get("accepted")}


# ---------------------------------------------------------------- headings without a number


def parse_named_heading(line: str) -> Heading | None:
    """`致谢`, `附 录`, `附录 A LaTeX 环境的安装`, `Appendix B`, `结论`, `作者简介`: a heading with no section number.

    label: the appendix's letter or number, else None; the style is the part's kind.
    """
    text = line.strip()
    if not text or len(text) > 80:
        return None
    probe = simplified_probe(text)
    match = NAMED_HEADING.match(probe)
    if not match:
        return None
    kind = match.lastgroup or ""
    rest = text[match.end():]
    if not rest:
        return Heading(style=kind, label=None, title=text.strip(" \u3000[]【】〔〕:："), number=0)
    if kind != "appendix":
        return None
    number = APPENDIX_NUMBER.match(rest)
    if not number:
        return None
    label = number["num"]
    value = ord(label) - ord("A") + 1 if label.isalpha() and label.isascii() else None
    if value is None:
        value = int(label) if label.isdigit() else chinese_numeral_value(label)
    title = rest[number.end():].strip()
    if title and (len(title) > 60 or re.search(r"[。！？]", title)):
        return None
    label_source = text[: len(text) - len(rest) + number.end()].strip()  # `附录 A` as printed
    return Heading(style="appendix", label=label, title=title, number=value or 0, label_source=label_source)


# ---------------------------------------------------------------- author biographies


BIOGRAPHY_OPENING = re.compile("|".join((*INSTITUTION_WORDS, *POSITION_TITLES, r"[(（]?\s*(?:19|20)\d{2}\s*[-—–～~年]",
                                           "[男女][，,。.；;]")))
BIOGRAPHY_OPENING_CHARS = 30


@dataclass
class BiographyReader:
    """Lines of author biographies after the reference list or under 作者简介: each opens with an
    author's name (Chinese, or `(ENGLISH Name` for the English one) and runs to the next."""

    authors: list[AuthorDraft]
    current: AuthorDraft | None = None
    taken: list[int] = field(default_factory=list)

    def starts(self, line: str) -> AuthorDraft | None:
        """The author whose biography the line opens: it starts with the name and goes on about the person
        (an institution, a position, a birth year, 男/女) within its first characters."""
        text = line.strip()
        for author in self.authors:
            name = author.name_zh
            if name and text.startswith(name) and len(text) > len(name) + 1 \
                    and BIOGRAPHY_OPENING.search(simplified_probe(text[len(name):len(name) + BIOGRAPHY_OPENING_CHARS])):
                return author
            english = author.name_en
            if english and re.match(rf"[(（]?\s*{re.escape(english)}\b", text, re.IGNORECASE):
                return author
        return None

    def read(self, index: int, line: str) -> bool:
        """True when the line is (part of) a biography; it is added to its author's."""
        author = self.starts(line)
        if author is not None:
            self.current = author
        if self.current is None:
            return False
        self.current.bio.append(line.strip())
        email = EMAIL.search(line)
        if email and not self.current.email:
            self.current.email = email.group()
        self.taken.append(index)
        return True


BIO_SEPARATOR = re.compile(r"\s*[；;]\s*")


def assign_biographies(authors: list[AuthorDraft], text: str) -> bool:
    """A labelled biography note (`作者简介：张三（1980—），男，…；李四…`): each entry to the author it
    names, or in by-line order when there are as many entries as authors. False when none was placed."""
    entries = [e for e in BIO_SEPARATOR.split(text.strip().rstrip("。.")) if e]
    reader = BiographyReader(authors)
    placed = [author for author in map(reader.starts, entries) if author is not None]
    if not (len(placed) == len(entries) and len(set(map(id, placed))) == len(placed)):
        if len(entries) != len(authors) or not authors:
            return False
        placed = list(authors)
    for author, entry in zip(placed, entries):
        author.bio.append(entry)
        email = EMAIL.search(entry)
        author.email = author.email or (email.group() if email else None)
    return True
