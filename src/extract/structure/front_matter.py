"""Front matter: titles, authors, affiliations, abstracts, keywords, identifiers, dates and a thesis's
cover fields before the body; where the body starts.

`FrontMatterReader` places a paper's first lines one by one (each line a field, or kept), then
reads what belongs to the front matter elsewhere: the English block some journals print after
the reference list, author biographies, first-page notes. Where the PDF gives type sizes, the
title is the run of lines in the largest type on its page (`titles`); otherwise the first
title-like line before the abstract.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Block, Change
from ..normalize import remove_pinyin_annotations, to_simplified
from ..references import is_reference_heading
from ..schema.flags import FOOTNOTE_MARK_REMOVED, NOT_A_KEYWORD
from ..text import OFFICIAL_NUMBER, join_field_lines
from ..text.pages import TOC_ENTRY
from .authors import (
    AuthorDraft,
    assign_affiliations,
    assign_english_names,
    email_of,
    english_names,
    is_han_name,
    parse_affiliation_line,
    parse_author_line,
    parse_name_list_authors,
    parse_student_byline,
    split_affiliation_position,
)
from .back_matter import (
    BiographyReader,
    assign_biographies,
    funding_text,
    funding_text_en,
    is_back_matter_line,
    note_dates,
    parse_named_heading,
)
from .cover import (
    FormField,
    degree_in,
    fill_in_pages,
    form_fields,
    form_lines,
    form_table_lines,
    is_document_kind,
    is_school_line,
)
from .cover import is_cover_table as is_cover_table
from .dates import DATE, is_date_line, iso_date
from .headings import parse_heading
from .labels import (
    ABSTRACT_AND_KEYWORD_LABELS,
    ISSN,
    ISSUE_LINE,
    ISSUE_YEAR,
    as_printed,
    code_value,
    find_doi,
    front_matter_label,
    is_keyword,
    issn_and_year_from_doi,
    labelled_fields,
    match_label,
    split_keywords,
)
from .line_shape import ends_sentence, remove_spaces_between_han, script_of
from .settings import DEFAULT_SETTINGS, StructureSettings
from .titles import (
    degree_of,
    is_document_type,
    is_marks_only,
    is_title_en,
    is_title_en_continued,
    is_title_zh,
    largest_type_run,
    strip_title_mark,
)

IDENTIFIER_KINDS = ("clc", "document_code", "article_no")
DASHES = "—–―-"  # a subtitle opens with a dash
KEYWORD_LIST = re.compile(r"\S\s*[;；，,、]\s*\S")  # items apart by separators
OFFICIAL_NUMBER_LINE = re.compile(OFFICIAL_NUMBER)
PRINTED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")  # the year in a masthead (`2011 年 9 月`)
DATE_KINDS = ("received", "revised", "accepted")
COVER_KINDS = ("supervisor", "school", "major", "degree")
# what a line was placed as: the kinds after which a lone name is a by-line name
BYLINE_NEIGHBOURS = ("title_zh", "title_en", "authors", "affiliation", "names_en", "affiliation_en", "email")


# a line that is only the rest of a DOI cut at the end of the line above: no space, a digit, not a lone
# number of up to four digits (a page number, a year), not a date (2019-05-01)
DOI_TAIL = re.compile(r"(?=[^\s]*\d)(?!\d{1,4}[.,;]?$)(?!\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?[.,;]?$)"
                      r"[0-9A-Za-z][0-9A-Za-z._\-/()]*[.,;]?")


@dataclass
class FrontMatter:
    title_zh: str | None = None
    title_en: str | None = None
    # name_zh, name_en, affiliation, position, affiliation_en, address, email, bio (as written)
    authors: list[dict] = field(default_factory=list)
    abstract_zh: str | None = None
    abstract_en: str | None = None
    keywords: list[tuple[str, str]] = field(default_factory=list)  # (keyword as written, "zh"|"en")
    doi: str | None = None
    issn: str | None = None
    year: int | None = None
    clc: str | None = None  # 中图分类号
    document_code: str | None = None  # 文献标志码
    article_no: str | None = None  # 文章编号
    doc_number: str | None = None  # an official document's number (发文字号: 国发〔2016〕43号)
    received: str | None = None
    revised: str | None = None
    accepted: str | None = None
    supervisor: str | None = None  # a thesis's cover fields
    school: str | None = None
    major: str | None = None
    degree: str | None = None
    degree_printed: str | None = None  # the cover's degree field or document-type line as printed
    date: str | None = None
    date_printed: str | None = None  # the date as the cover or the document prints it (`中華民國一百一十四年一月`)
    unplaced: list[str] = field(default_factory=list)  # every line no field took (other labels included)
    body_lines: list[str] = field(default_factory=list)  # unplaced lines after the last front-matter line
    kept: list[Block] = field(default_factory=list)  # unplaced blocks before it: kept as front paragraphs
    body_blocks: list[Block] = field(default_factory=list)  # the blocks of body_lines
    # the blocks read into fields, wherever printed (what they print beyond the fields: labels, marks, dates as
    # printed, is accounted as a removal: records.flag_field_remainders)
    placed: list[Block] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # what reading removed (footnote marks, non-keywords)


def as_block(line: str | Block) -> Block:
    return line if isinstance(line, Block) else Block(text=line)


PAGE_NUMBER_ONLY = re.compile(r"[ivxlcdmIVXLCDM]{1,7}|\d{1,3}")  # a page number, roman (front matter) or not
HYPHENS = "-\u00ad\u2010"  # a hyphen or a soft hyphen at a line's end


@dataclass
class FrontMatterReader:
    """Line-by-line state of front-matter parsing; `previous` is what the last line was placed as."""

    settings: StructureSettings = DEFAULT_SETTINGS
    front: FrontMatter = field(default_factory=FrontMatter)
    authors: list[AuthorDraft] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=lambda: {"zh": [], "en": []})
    abstracts: dict[str, list[str]] = field(default_factory=lambda: {"zh": [], "en": []})
    chosen_titles: dict[str, set[int]] | None = None  # line indices of each title, when type sizes chose them
    named: list[AuthorDraft] = field(default_factory=list)  # the authors the last line named
    previous: str | None = None
    keywords_open: bool = False  # the last keyword line ended with a separator: the list goes on
    issue_year: int | None = None
    cover: bool = False  # a thesis cover's fields were seen
    following: str | None = None  # the line after the one being read
    form: set[int] = field(default_factory=set)  # indices of the lines that are fields of a form (`cover`)
    form_titles: set[str] = field(default_factory=set)  # the languages whose title a form field gives
    cover_authors: list[AuthorDraft] = field(default_factory=list)  # the authors a form field names
    school_from_line: bool = False  # the school was read from a line naming it alone (a form field wins)
    texts: list[str] = field(default_factory=list)  # the lines being read
    blocks: list[Block] = field(default_factory=list)  # the same as blocks (PDF: where each was printed)

    # ------------------------------------------------------------ regions

    def read_lines(self, lines: Sequence[str | Block]) -> None:
        """The front-matter region: every line placed or kept; the unplaced ones after the last placed are body."""
        blocks, in_grid = [], set()
        for block in map(as_block, lines):
            if block.kind == "text" and block.text.strip():
                blocks.append(block)
            for line in form_table_lines(block) if block.kind == "table" else []:
                in_grid.add(len(blocks))
                blocks.append(line)
        texts = self.texts = [b.text.strip() for b in blocks]
        self.blocks = blocks
        self.form = in_grid | form_lines(texts, [b.page_start for b in blocks])
        self.form_titles = titles_in_form(texts, self.form, self.settings)
        # a cover (a form, a line saying what the document is): its date line may come before its fields
        self.cover = self.cover or bool(self.form) or any(is_document_type(t) or is_document_kind(t) for t in texts)
        self.chosen_titles = choose_titles(blocks, self.settings)
        if self.chosen_titles is not None:
            for lang in self.form_titles:
                self.chosen_titles[lang] = set()  # the form's title field is the title
        last_placed, unplaced = -1, []
        parts = front_part_lines(texts)
        for index, text in enumerate(texts):
            if index in parts:  # contents, lists of figures, statements: kept as front matter, never a field
                kind: str | None = "other_label"
            else:
                kind = self.read(index, text, texts[index + 1] if index + 1 < len(texts) else None)
            if kind in (None, "other_label"):
                self.front.unplaced.append(text)
                unplaced.append(index)
            if kind is not None:
                last_placed = index
            self.previous = kind
        if not any(b.font_size for b in blocks):
            # text: short lines right after the last field (a subtitle, a date, the speaker) stay front matter
            while last_placed + 1 < len(texts) and is_front_line(texts[last_placed + 1], self.settings) \
                    and not parse_named_heading(texts[last_placed + 1]):
                last_placed += 1
        self.front.kept += [blocks[i] for i in unplaced if i <= last_placed]
        skipped = set(unplaced)
        self.front.placed += [b for i, b in enumerate(blocks[:last_placed + 1]) if i not in skipped]
        self.front.body_blocks = blocks[last_placed + 1:]
        self.front.body_lines = texts[last_placed + 1:]
        self.chosen_titles = None

    def read_english_block(self, blocks: list[Block], label: int | None = None) -> tuple[int, list[Block]]:
        """The title, names, affiliations, abstract and keywords some journals print after the reference
        list: (blocks read, those of them kept as paragraphs). Reading goes at least through the block's
        Abstract / Key words `label`, then stops at the first line no field takes."""
        texts = [b.text.strip() for b in blocks]
        self.chosen_titles = choose_titles(blocks, self.settings, english_only=True)
        self.previous, kept, count = None, [], 0
        for index, (block, text) in enumerate(zip(blocks, texts)):
            if block.kind != "text":
                break
            if not text:
                count = index + 1
                continue
            kind = self.read(index, text, texts[index + 1] if index + 1 < len(texts) else None)
            if kind is None and (label is None or index > label):
                break
            if kind in (None, "other_label"):
                kept.append(blocks[index])
            else:
                self.front.placed.append(blocks[index])
            self.previous, count = kind, index + 1
        self.chosen_titles = None
        return count, kept

    def read_biographies(self, blocks: list[Block]) -> list[int]:
        """Indices of the blocks that are author biographies (each opens with its author's name and runs
        to the next one, a heading or a table)."""
        reader = BiographyReader(self.authors)
        for index, block in enumerate(blocks):
            text = block.text.strip()
            if block.kind != "text" or parse_heading(text) or parse_named_heading(text):
                reader.current = None
            elif text:
                reader.read(index, text)
        return reader.taken

    def read_note(self, text: str) -> bool:
        """A first-page note (a PDF footnote, or a line the page put elsewhere): numbered affiliations,
        dates, biographies. True when it filled a field (funding and editor notes are read with the back matter)."""
        text = text.strip()
        placed = False
        for part in split_note(text):
            affiliations = parse_affiliation_line(part, self.settings)
            if affiliations and any(mark for mark, _ in affiliations[1]) and self.authors:
                assign_affiliations(self.authors, affiliations[1], affiliations[0])
                placed = True
            elif self.place_dates(note_dates(part, self.settings)):
                placed = True
            elif (label := front_matter_label(part)) and label[0] == "author_bio":
                placed = assign_biographies(self.authors, label[1]) or placed
            elif funding_text(part, self.settings) or funding_text_en(part, self.settings):
                placed = True
        return placed

    # ------------------------------------------------------------ one line

    def read(self, index: int, line: str, following: str | None) -> str | None:
        """Place one line; returns the kind it was placed as, or None."""
        self.following = following
        if is_marks_only(line):
            self.front.changes.append(FOOTNOTE_MARK_REMOVED.change(
                "a footnote mark printed on a line of its own (its note is read elsewhere)", original=line))
            return "mark"
        self.take_identifiers(line)
        for place in (self.place_labels, self.continue_abstract, self.continue_keywords, self.continue_form_title,
                      self.place_note, self.place_title):
            kind = place(index, line)
            if kind:
                return kind
        for place_with_context in (self.place_authors, self.place_author_details, self.place_cover_line):
            kind = place_with_context(line, following)
            if kind:
                return kind
        return self.place_repeated_title(line)

    def take_identifiers(self, line: str) -> None:
        front = self.front
        if front.doi is None:
            front.doi = find_doi(line)
            tail = (self.following or "").strip()
            if front.doi and line.rstrip().endswith(front.doi) and DOI_TAIL.fullmatch(tail):
                front.doi += tail.rstrip(".,;")  # `DOI: 10.3390/biology2` / `010399.`: cut at the line's end
        issn = ISSN.search(line)
        if issn and not front.issn:
            front.issn = f"{issn[1]}-{issn[2].upper()}"
        issue = ISSUE_YEAR.search(line) or (ISSUE_LINE.search(line) and PRINTED_YEAR.search(line))
        if issue and len(line) <= 100:
            self.issue_year = self.issue_year or int(issue[1])

    def place_labels(self, index: int, line: str) -> str | None:
        if index in self.form:
            kinds = [self.place_label(f.kind, f.value) for f in form_fields(line)]
            if kinds:
                return next((k for k in kinds if k != "other_label"), "other_label")
        label = match_label(line)
        if label is None:
            return None
        started = {"abstract_zh": self.abstracts["zh"], "abstract_en": self.abstracts["en"],
                   "keywords_zh": self.has_keywords("zh"), "keywords_en": self.has_keywords("en")}
        if started.get(label.kind) and not label.separated:
            return None  # `摘要是…`, `Abstract 正文…` inside an open field: text, not a new label
        fields = labelled_fields(line)
        kinds = [self.place_label(kind, rest) for kind, rest in fields]
        return kinds[-1] if kinds else None

    def continue_form_title(self, index: int, line: str) -> str | None:
        """A form's title field going on on the next line (no label there, the same language, title-like)."""
        if self.previous not in ("cover_title", "cover_title_en") or match_label(line, form=True):
            return None
        lang = "zh" if self.previous == "cover_title" else "en"
        if script_of(line, self.settings) != lang or line[:1] in "([（【〔" or ends_sentence(line) \
                or len(line) > self.settings.max_front_line_chars or is_document_kind(line) \
                or is_school_line(line) or DATE.search(line) or index in self.form:
            return None
        self.titles[lang].append(line)
        return self.previous

    def has_keywords(self, lang: str) -> bool:
        return any(k_lang == lang for _, k_lang in self.front.keywords)

    def place_label(self, kind: str, rest: str) -> str:
        front = self.front
        self.keywords_open = False
        if kind in ("abstract_zh", "abstract_en"):
            if PAGE_NUMBER_ONLY.fullmatch(rest.strip()):
                return "other_label"  # `摘要 v`, `Abstract vii`: a contents line whose leader was lost, no abstract
            self.abstracts[kind[-2:]].append(rest)
            return kind
        if kind in ("keywords_zh", "keywords_en"):
            self.add_keywords(rest, kind[-2:])
            return kind
        if kind in IDENTIFIER_KINDS:
            if getattr(front, kind) is None:
                setattr(front, kind, code_value(rest))
            return kind
        if kind in DATE_KINDS:
            if getattr(front, kind) is None:
                setattr(front, kind, iso_date(rest))
            return kind
        if kind in ("doi", "issn", "funding"):
            return kind  # taken by take_identifiers, or read with the back matter (funding)
        if kind == "author_bio" and assign_biographies(self.authors, rest):
            return kind
        if kind == "corresponding" and self.place_corresponding(rest):
            return kind
        return self.place_cover_field(kind, rest) or "other_label"

    def add_keywords(self, text: str, lang: str) -> None:
        items = split_keywords(text, lang)
        for item in items:
            if is_keyword(item):
                self.front.keywords.append((item, lang))
            else:
                self.front.changes.append(NOT_A_KEYWORD.change(
                    "an item of a keyword list without a letter or digit is no keyword", original=item))
        # a label alone on its line (`关键词` / `a; b; c`), or a list ending with a separator, goes on
        self.keywords_open = not text.strip() or text.rstrip()[-1] in "；;，,、"

    def place_corresponding(self, rest: str) -> bool:
        email = email_of(rest.split("，")[-1].split(",")[-1]) if "@" in rest else None
        author = next((a for a in self.authors if a.name_zh and rest.startswith(a.name_zh)), None)
        if author and email:
            author.email = author.email or email
            return True
        return False

    def place_cover_field(self, kind: str, rest: str) -> str | None:
        """A cover's or form's `题目`, `学生姓名`, `指导教师`, `学院`, `专业`, `申请学位`, `答辩日期` fields."""
        front, value = self.front, rest.strip()
        if not value or is_label_only(value) or not re.search(r"[^\W_]", re.sub(r"[(（][^()（）]*[)）]", "", value)):
            # a field left blank: the next label is no value (`学生姓名  学号`); blanks drawn as underscores or as
            # boxes of a font without Unicode (private-use glyphs `\uf8f8 \uf8f8`), a note in brackets after them
            # (`（親筆簽名）`), are no value either
            return None
        if kind in ("cover_title", "cover_title_en"):
            lang = "en" if kind == "cover_title_en" or script_of(value, self.settings) == "en" else "zh"
            if self.titles[lang] and lang not in self.form_titles:
                return None
            self.titles[lang].append(value)
            kind = "cover_title" if lang == "zh" else "cover_title_en"
        elif kind == "cover_author":
            names = cover_names(value, self.settings)
            if not names:
                return None
            for name in names:
                author = next((a for a in self.authors if a.name_zh == name), None)
                if author is None:
                    author = AuthorDraft(name_zh=name)
                    self.authors.append(author)
                if author not in self.cover_authors:
                    self.cover_authors.append(author)
        elif kind == "supervisor":
            if front.supervisor is None:
                names = cover_names(value, self.settings)
                front.supervisor = "、".join(names) if names else value
        elif kind in COVER_KINDS:
            if getattr(front, kind) is None or (kind == "school" and self.school_from_line):
                setattr(front, kind, value)
                self.school_from_line = self.school_from_line and kind != "school"
                if kind == "degree":
                    front.degree_printed = value
        elif kind == "cover_date":
            date = iso_date(value)
            if date is None:
                return None  # `日期：年月日` left blank for a signature
            if front.date is None:
                front.date, front.date_printed = date, value.strip()
        else:
            return None
        self.cover = True
        return kind

    def continue_abstract(self, index: int, line: str) -> str | None:
        if self.previous in ("abstract_zh", "abstract_en") and script_of(line, self.settings) == self.previous[-2:]:
            self.abstracts[self.previous[-2:]].append(line)
            return self.previous
        return None

    def continue_keywords(self, index: int, line: str) -> str | None:
        """`Key words a; b; c;` / `d`: a list ending with a separator goes on on the next line."""
        alone = self.keywords_open and not self.has_keywords(self.previous[-2:]) if self.previous else False
        if self.keywords_open and self.previous in ("keywords_zh", "keywords_en") \
                and (script_of(line, self.settings) == self.previous[-2:] or (alone and KEYWORD_LIST.search(line))):
            self.add_keywords(line, self.previous[-2:])
            return self.previous
        if self.previous in ("keywords_zh", "keywords_en") and self.keyword_cut_at_line_end(index, line):
            lang = self.previous[-2:]
            first, *others = split_keywords(line, lang) or [""]
            last, _ = self.front.keywords[-1]
            if lang == "en":  # `plane wave time-` / `domain (PWTD) algorithm`: the hyphen of a compound is kept
                joined = f"{last.rstrip(HYPHENS)}-{first}" if last[-1:] in HYPHENS else f"{last} {first}"
            else:
                joined = last + first
            self.front.keywords[-1] = (joined, lang)
            if others:
                self.add_keywords("；".join(others), lang)
            self.keywords_open = line.rstrip()[-1] in "；;，,、"
            return self.previous
        return None

    def keyword_cut_at_line_end(self, index: int, line: str) -> bool:
        """`关键词：…，后时不稳定性，时域平` / `面波算法`: a keyword list filling its line to the text's right edge
        without a separator at its end, and a short line in the same script and type under it (at its left edge,
        or hanging under the text after the label), no label, no sentence: the last keyword goes on there (PDF
        blocks only: their edges say where a line ends)."""
        blocks = self.blocks
        if not self.front.keywords or self.keywords_open or not 0 < index < len(blocks):
            return False
        above, below = blocks[index - 1], blocks[index]
        if above.bbox is None or below.bbox is None or above.page_start != below.page_start \
                or above.font_size != below.font_size or above.n_lines != 1:
            return False
        right = max((b.bbox[2] for b in blocks if b.bbox and b.page_start == above.page_start), default=0.0)
        size = above.font_size or 10.0
        text = line.strip()
        return (right - above.bbox[2] <= size and -size <= below.bbox[0] - above.bbox[0] <= 8 * size
                and below.bbox[2] < right - 4 * size and len(text) <= 40
                and script_of(text, self.settings) == (self.previous or "")[-2:]
                and not re.search(r"[:：。]|\.$", text) and match_label(text) is None)

    def place_note(self, index: int, line: str) -> str | None:
        """Funding, editor and date notes (read with the back matter), numbered affiliation notes."""
        dates = note_dates(line, self.settings)
        if dates is not None:
            self.place_dates(dates)
            return "dates"
        if is_back_matter_line(line, self.settings):
            return "note"
        affiliations = parse_affiliation_line(line, self.settings)
        if affiliations and self.authors and any(a.marks for a in self.authors) \
                and all(mark for mark, _ in affiliations[1]) and self.previous not in ("authors", "affiliation"):
            assign_affiliations(self.authors, affiliations[1], affiliations[0])
            return "affiliation" if affiliations[0] == "zh" else "affiliation_en"
        return None

    def place_dates(self, dates: dict[str, str] | None) -> bool:
        if dates is None:
            return False
        for kind, date in dates.items():
            if getattr(self.front, kind) is None:
                setattr(self.front, kind, date)
        return True

    def place_title(self, index: int, line: str) -> str | None:
        if self.chosen_titles is not None:
            for lang in ("zh", "en"):
                if index in self.chosen_titles[lang] and lang not in self.form_titles:
                    self.add_title(lang, line)
                    return f"title_{lang}"
            return None
        for lang, accepts in (("zh", is_title_zh), ("en", is_title_en)):
            kind = f"title_{lang}"
            if lang in self.form_titles:
                continue
            started = bool(self.titles[lang])
            if accepts(line, self.settings) and (not started or self.previous == kind) \
                    and not (lang == "zh" and (self.abstracts["zh"] or self.has_keywords("zh"))):
                if lang == "en" and self.abstracts["en"]:
                    return None  # an English title comes before the English abstract
                if is_byline([line, self.following or ""], 0, self.settings):
                    return None
                if lang == "zh" and is_school_line(line):
                    return None  # the school's name alone is no title
                if lang == "zh" and is_weak_title(line) and (self.following or "")[:1] not in DASHES \
                        and self.title_later(index):
                    return None  # what the document is: the title is printed below
                self.add_title(lang, line)
                return kind
        return None

    def title_later(self, index: int) -> bool:
        """A line after `index`, before the Chinese abstract, that can be a title and is not a weak one."""
        for text in self.texts[index + 1:]:
            label = front_matter_label(text)
            if label and label[0] in ABSTRACT_AND_KEYWORD_LABELS:
                return False
            if not label and is_title_zh(text, self.settings) and not is_weak_title(text):
                return True
        return False

    def add_title(self, lang: str, line: str) -> None:
        text, mark = strip_title_mark(line)
        if mark:
            self.front.changes.append(FOOTNOTE_MARK_REMOVED.change(
                "the footnote mark after the title (its note is read elsewhere)", original=line, replacement=text))
        self.titles[lang].append(text)

    def place_repeated_title(self, line: str) -> str | None:
        """The title printed again (on a thesis's abstract page, maybe over two lines): its text is the title's,
        from its start or to its end (`“十三五”国家科技创新规划` inside `国务院关于印发“十三五”国家科技创新规划的通知`
        is the title of what follows, not the title again)."""
        squeezed = "".join(strip_title_mark(line)[0].split())
        for lang in ("zh", "en"):
            title = "".join("".join(self.titles[lang]).split())
            if (title and len(squeezed) >= min(len(title), 8)
                    and (title.startswith(squeezed) or title.endswith(squeezed))):
                return "title_repeated"
        return None

    def title_found(self) -> bool:
        return bool(self.titles["zh"] or self.titles["en"])

    def place_authors(self, line: str, following: str | None) -> str | None:
        if self.abstracts["zh"] or self.abstracts["en"]:
            return None  # names under the abstract are no by-line (a biography, a signature)
        next_is_affiliation = following is not None and (parse_affiliation_line(
            repaired(following), self.settings) is not None or is_school_line(following))
        # names next to the title, or right above their affiliation (a web excerpt prints them over the title)
        context = (self.title_found() and self.previous in BYLINE_NEIGHBOURS) or next_is_affiliation
        text = repaired(line)
        found = parse_author_line(text, context, self.settings)
        if not found and context and self.previous in ("title_zh", "title_en") and next_is_affiliation:
            found = parse_name_list_authors(text, True, self.settings, longest=self.settings.max_byline_name_han)
        if not found and self.previous in ("title_zh", "title_en"):
            found = parse_student_byline(text, self.settings)
        if found and text != line:
            found = [as_printed_author(author, line) for author in found]
        if found:
            self.authors.extend(found)
            self.named = found
            return "authors"
        return None

    def place_author_details(self, line: str, following: str | None) -> str | None:
        """Affiliations under the names, English names wherever they come (often under the English title),
        an e-mail line."""
        if not self.authors:
            return self.place_english_authors(line, following)
        email = email_of(line)
        if email:
            target = self.named[-1] if self.named else self.authors[-1]
            target.email = target.email or email
            return "email"
        affiliations = parse_affiliation_line(repaired(line), self.settings)
        if affiliations is None and self.previous == "authors" and is_school_line(line):
            affiliations = ("zh", [(None, line.strip())])  # `王小明` / `北京大学政府管理学院`
        if affiliations and self.previous in ("authors", "affiliation", "names_en", "affiliation_en"):
            lang, entries = affiliations
            entries = [(mark, as_printed(line, text)) for mark, text in entries]
            named = self.named if self.previous in ("authors", "names_en") else None
            assign_affiliations(self.authors, entries, lang, named)
            return "affiliation" if lang == "zh" else "affiliation_en"
        one_by_one = self.previous in ("title_en", "names_en", "affiliation_en")
        named_en = assign_english_names(self.authors, line, one_by_one)
        if named_en:
            self.named = named_en
            return "names_en"
        return self.place_english_authors(line, following)

    def place_english_authors(self, line: str, following: str | None) -> str | None:
        """Names under the English title when no Chinese by-line was found: authors known by their English names."""
        if any(a.name_zh for a in self.authors) or self.previous not in ("title_en", "names_en", "affiliation_en"):
            return None
        names = english_names(line)
        if not names or self.abstracts["en"]:
            return None
        self.named = [AuthorDraft(name_en=name) for name in names]
        self.authors.extend(self.named)
        return "names_en"

    def place_cover_line(self, line: str, following: str | None) -> str | None:
        """A thesis's document-type line (`硕士学位论文`: the degree) and its cover's date line; an official
        document's number line (`国发〔2016〕43号`) and its date line (成文日期, under the issuer's name)."""
        if is_document_type(line) or is_document_kind(line):
            degree = degree_of(line) or degree_in(line)
            if self.front.degree is None and degree:
                self.front.degree, self.front.degree_printed = degree, line
            self.cover = True
            return "document_type"
        if is_school_line(line) and (self.front.school is None or self.school_from_line):
            if self.front.school is None:
                self.front.school, self.school_from_line = line.strip(), True
            elif self.previous == "school":  # the university, then its department on the next line
                self.front.school += line.strip()
            self.cover = True
            return "school"
        if self.front.doc_number is None and OFFICIAL_NUMBER_LINE.fullmatch(line.strip()):
            self.front.doc_number = line.strip()
            self.cover = True  # its date line is the document's date
            return "doc_number"
        if self.cover and self.front.date is None and is_date_line(line):
            self.front.date, self.front.date_printed = iso_date(line), line.strip()
            return "date"
        return None

    # ------------------------------------------------------------ result

    def finish(self) -> FrontMatter:
        front = self.front
        if self.titles["zh"]:
            front.title_zh = remove_spaces_between_han(join_field_lines(self.titles["zh"]))
        if self.titles["en"]:
            front.title_en = join_field_lines(self.titles["en"])
        front.abstract_zh = join_field_lines(self.abstracts["zh"]) or None
        front.abstract_en = join_field_lines(self.abstracts["en"]) or None
        if self.cover_authors:
            self.authors = [a for a in self.authors if a in self.cover_authors]  # the cover names its author
        if front.supervisor:
            supervisors = set(front.supervisor.split("、"))
            self.authors = [a for a in self.authors if a.name_zh not in supervisors]  # never the author
        if self.cover and front.school:
            for author in self.authors:
                if not author.affiliations:
                    author.affiliations.append((front.school, None))
        front.authors = [author.row() for author in self.authors]
        doi_issn, doi_year = issn_and_year_from_doi(front.doi) if front.doi else (None, None)
        front.issn = front.issn or doi_issn
        front.year = doi_year or self.issue_year
        return front


def repaired(line: str) -> str:
    """The line with web-conversion pinyin annotations taken out (`王(wáng)小明` -> `王小明`), for reading names."""
    return remove_pinyin_annotations(line)[0] if "(" in line or "（" in line else line


def as_printed_author(author: AuthorDraft, line: str) -> AuthorDraft:
    """An author read from the repaired line, with each name and affiliation as the line prints it."""
    author.name_zh = as_printed(line, author.name_zh) if author.name_zh else None
    author.affiliations = [(as_printed(line, a) if a else None, as_printed(line, p) if p else None)
                           for a, p in author.affiliations]
    author.addresses = [as_printed(line, a) for a in author.addresses]
    return author


# a thesis's front-matter parts: the table of contents, the lists of figures and tables, the statements of
# originality and authorization (their text and signature lines follow the title)
CONTENTS_TITLE = re.compile(
    r"目\s*录|目\s*次|(?:插\s*)?图\s*(?:表\s*)?(?:目\s*录|索\s*引)|表\s*格?\s*(?:目\s*录|索\s*引)|附\s*图\s*目\s*录"
    r"|(?i:(?:table\s+of\s+)?contents|list\s+of\s+(?:figures|tables|illustrations)(?:\s+and\s+tables)?)")
STATEMENT_TITLE = re.compile(
    r".{0,16}(?:原创性声明|独创性声明|原创性说明|版权使用授权书|使用授权书|使用授权的?说明|授权声明|版权声明|诚信承诺书?"
    r"|学术诚信声明|学位论文声明|论文声明)"
    r"|(?i:(?:statement|declaration)\s+of\s+(?:originality|authorship|authorization|copyright).{0,20})")


def front_part_lines(texts: Sequence[str]) -> set[int]:
    """Indices of the lines of the table of contents, the lists of figures and tables (their titles, their entries
    with a leader and a page number, lines between entries) and of the statements (a title, then every line up to
    the next label or part title)."""
    found: set[int] = set()
    entries = [i for i, t in enumerate(texts) if TOC_ENTRY.fullmatch(t.strip())]
    for a, b in zip(entries, entries[1:]):
        if b - a <= 3:
            found.update(range(a, b + 1))
    found.update(entries)
    in_statement = False
    for index, text in enumerate(texts):
        probe = to_simplified("".join(text.split()))
        if CONTENTS_TITLE.fullmatch(probe):
            found.add(index)
            in_statement = False
        elif len(probe) <= 40 and STATEMENT_TITLE.fullmatch(probe):
            found.add(index)
            in_statement = True
        elif in_statement and (front_matter_label(text) or index in entries):
            in_statement = False
        elif in_statement:
            found.add(index)
    return found


def is_label_only(text: str) -> bool:
    """`学号`, `指 导 教 师：`: a form's label and nothing else."""
    found = match_label(text.strip(), form=True)
    return found is not None and not found.rest


def is_weak_title(line: str) -> bool:
    """What the document is (a title only when nothing else can be one), or a school's name alone (never a title:
    `choose_titles` and `place_title` leave it out, and `title_later` does not take it for the title below)."""
    return is_document_kind(line) or is_school_line(line)


SIGNED = re.compile(r"\s*(?:敬?撰(?:写|寫)?|著|謹?识|謹?識|谨识|敬呈)$")  # `研究生：林志明 撰`


def cover_names(value: str, settings: StructureSettings) -> list[str]:
    """The names a cover's name field holds (`曾靖諺`, `許進發 博士`, `张三、李四`, `李京 PB13209115`): positions
    and a student number after them taken off; [] when the value holds no name."""
    names = []
    value = SIGNED.sub("", value.strip())
    for part in re.split(r"[、，,；;]|\s+", value):
        name = split_affiliation_position(part)[0] or ""
        if is_han_name(name, settings):
            names.append(name)
        elif name and not re.fullmatch(r"[A-Za-z]*\d[\dA-Za-z]*", name):
            return []  # something that is no name or number: not a list of names
    return names


def titles_in_form(texts: Sequence[str], form: set[int], settings: StructureSettings) -> set[str]:
    """The languages whose title a form's title field gives (`题目：…`, `英文题目 …`, in a grid or a stack)."""
    langs = set()
    for index, text in enumerate(texts):
        fields = form_fields(text) if index in form else []
        if not fields and (label := match_label(text)) is not None:
            fields = [FormField(label.kind, "", label.rest)]
        for f in fields:
            if f.kind in ("cover_title", "cover_title_en") and f.value:
                en = f.kind == "cover_title_en" or script_of(f.value, settings) == "en"
                langs.add("en" if en else "zh")
    return langs


def choose_titles(blocks: Sequence[Block], settings: StructureSettings,
                  english_only: bool = False) -> dict[str, set[int]] | None:
    """Line indices of the Chinese and English titles chosen by type size, or None without type sizes.

    Chinese: the run of title-like lines in the largest type on the page of the first one, before
    the first Chinese abstract or keyword label, on no page of a form left to fill in (`fill_in_pages`).
    English: the same among English title lines (a second line in the same type continues the first).
    """
    if not any(b.font_size for b in blocks):
        return None
    texts = [b.text.strip() for b in blocks]
    sizes = [b.font_size for b in blocks]
    labels = [front_matter_label(t) for t in texts]
    first_label = next((i for i, label in enumerate(labels) if label and label[0] in ABSTRACT_AND_KEYWORD_LABELS
                        and label[0].endswith("zh")), len(texts))
    chosen: dict[str, set[int]] = {"zh": set(), "en": set()}
    if not english_only:
        forms = fill_in_pages(texts, [b.page_start for b in blocks])  # their headings name the form
        eligible = [i < first_label and not labels[i] and blocks[i].page_start not in forms and is_title_zh(t, settings)
                    and not is_school_line(t) for i, t in enumerate(texts)]
        # what the document is is a title only when nothing else on the cover can be one (a title over its dashed
        # subtitle is no weak line: `…实验报告` / `——基于…`); the school's name alone never is
        weak = [ok and is_weak_title(t) and not (i + 1 < len(texts) and texts[i + 1][:1] in DASHES)
                for i, (ok, t) in enumerate(zip(eligible, texts))]
        if any(ok and not w for ok, w in zip(eligible, weak)):
            eligible = [ok and not w for ok, w in zip(eligible, weak)]
        abstract_page = blocks[first_label].page_start if first_label < len(blocks) else None
        run = on_first_page(largest_type_run(sizes, eligible, settings.title_size_tolerance,
                                             lambda i: blocks[i].page_start == abstract_page), blocks)
        # a second line in somewhat smaller type goes on (`某某公司` / `2018 年第一季度报告`), a by-line does not
        while run and run[-1] + 1 < len(texts) and eligible[run[-1] + 1] \
                and (sizes[run[-1] + 1] or 0) >= (sizes[run[0]] or 0) - settings.title_size_step \
                and not is_byline(texts, run[-1] + 1, settings):
            run.append(run[-1] + 1)
        chosen["zh"] = set(run)
    # an English title comes before the English abstract and keywords
    first_label_en = next((i for i, label in enumerate(labels) if label and label[0] in ABSTRACT_AND_KEYWORD_LABELS
                           and label[0].endswith("en")), len(texts))
    eligible_en = [i < first_label_en and not labels[i] and is_title_en(t, settings) for i, t in enumerate(texts)]
    if english_only and not any(eligible_en):
        # after the references the English title may be short (`English Title`): it is the block's largest type
        loose = [not labels[i] and is_title_en_continued(t, settings) for i, t in enumerate(texts)]
        sizes_seen = sorted({size for size, ok in zip(sizes, loose) if ok and size}, reverse=True)
        if len(sizes_seen) >= 2 and loose[:1] == [True] and sizes[0] == sizes_seen[0]:
            eligible_en = [ok and size == sizes_seen[0] for ok, size in zip(loose, sizes)]
    run = on_first_page(largest_type_run(sizes, eligible_en, settings.title_size_tolerance), blocks)
    while run and run[-1] + 1 < len(texts) and sizes[run[-1] + 1] == sizes[run[-1]] \
            and not labels[run[-1] + 1] and is_title_en_continued(texts[run[-1] + 1], settings):
        run.append(run[-1] + 1)
    # a short first line in the same type (`Sweet Wardrobe` over `—Dressing recommendations based on …`)
    while run and run[0] > 0 and sizes[run[0] - 1] == sizes[run[0]] and not labels[run[0] - 1] \
            and run[0] - 1 not in chosen["zh"] and blocks[run[0] - 1].page_start == blocks[run[0]].page_start \
            and is_title_en_continued(texts[run[0] - 1], settings) \
            and (texts[run[0]][:1] in DASHES or not english_names(texts[run[0] - 1])):
        run.insert(0, run[0] - 1)
    chosen["en"] = set(run)
    return chosen


def is_byline(texts: list[str], index: int, settings: StructureSettings) -> bool:
    """Names (a lone one only right above an affiliation line, where names may also run to
    `max_byline_name_han` characters): a line that is no title."""
    line, following = repaired(texts[index]), repaired(texts[index + 1]) if index + 1 < len(texts) else ""
    above_affiliation = bool(parse_affiliation_line(following, settings))
    if parse_author_line(line, above_affiliation, settings):
        return True
    return above_affiliation and bool(
        parse_name_list_authors(line, True, settings, longest=settings.max_byline_name_han))


def on_first_page(run: list[int], blocks: Sequence[Block]) -> list[int]:
    return [i for i in run if blocks[i].page_start == blocks[run[0]].page_start] if run else run


def split_note(text: str) -> list[str]:
    """A footnote holding several notes (`…收到修改稿.作者信息: …`): one piece per label after a sentence end."""
    pieces, start = [], 0
    for index in range(1, len(text)):
        if text[index - 1] in "。.;；" and match_label(text[index:].lstrip()) and index > start:
            pieces.append(text[start:index].strip())
            start = index
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def parse_front_matter(lines: Sequence[str | Block], settings: StructureSettings = DEFAULT_SETTINGS) -> FrontMatter:
    """Titles, authors, abstracts, keywords, identifiers, dates and cover fields from the lines before the body."""
    reader = FrontMatterReader(settings)
    reader.read_lines(lines)
    return reader.finish()


def find_body_start(lines: list[str], settings: StructureSettings = DEFAULT_SETTINGS,
                    headings: list[bool] | None = None) -> int:
    """Index of the first section heading that is not followed closely by 摘要/关键词 labels.

    `headings` says which lines are headings when the caller knows more than the text
    (a PDF block's typography); else a heading is a numbered line. A paper without
    headings starts its body after its last front-matter label (looked for in its first
    lines, never past a reference heading), or at 0 when it has none.
    """
    # the front matter never runs into the reference list
    limit = next((i for i, line in enumerate(lines) if line and is_reference_heading(line)), len(lines))
    for index, line in enumerate(lines[:limit]):
        is_heading = headings[index] if headings is not None else bool(line and parse_heading(line, settings))
        if line and is_heading and not TOC_ENTRY.fullmatch(line.strip()) and not labels_follow(lines, index, settings):
            return index
    head = lines[: min(settings.front_matter_max_lines, limit)]
    labelled = [i for i, line in enumerate(head) if line and front_matter_label(line)]
    start = labelled[-1] + 1 if labelled else 0
    if headings is not None:
        return start  # a PDF: its title is chosen by type size (`choose_titles`), a running header is none
    # text: a title, a by-line, a source line at the top (short lines, no sentence in them) stay front matter
    # when a paragraph follows them: the first paragraph does not start with the title
    end = start
    while end < len(head) and end - start < settings.front_matter_max_top_lines and is_front_line(head[end], settings):
        end += 1
    if start < end < len(head) and head[end] and not is_front_line(head[end], settings) \
            and any(is_title_zh(line, settings) or is_title_en(line, settings) for line in head[start:end]):
        return end
    return start


def is_front_line(line: str, settings: StructureSettings) -> bool:
    """A line of a paper's top that is no paragraph: short, no sentence ending in it (a title, names, a source)."""
    text = line.strip()
    return bool(text) and len(text) <= settings.max_front_line_chars and not ends_sentence(text) \
        and not re.search(r"[。！？!?]", text) and not text.endswith(("：", ":"))  # `各位代表：` opens the body


def labels_follow(lines: list[str], index: int, settings: StructureSettings) -> bool:
    window = [line for line in lines[index + 1:] if line][: settings.body_start_lookahead]
    return any((front_matter_label(line) or ("",))[0] in ABSTRACT_AND_KEYWORD_LABELS for line in window)

