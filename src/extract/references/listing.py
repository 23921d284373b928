"""The reference list: its heading, its entries, their numbers.

An entry starts with a label (`[1]`, `［1］`, `1.`, `(1)`, `1)`, `1 `) or, in a list
without labels, on a new line after a complete entry. Lines that do not start an
entry continue the previous one (broken lines joined without a space next to
Chinese text or inside a URL). Several entries on one line (`[1] … [2] …`) are
split. Lines that are not reference text are set apart with a reason: page
numbers, running headers, and back matter (`作者简介`, `收稿日期`, `E-mail` …)
until the next label in sequence (a footnote inside the list) or to the end (the
list is over).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text import URL_AT_END, join_entry_lines, rejoin_hyphenated
from .bilingual import split_translation
from .patterns import TYPE_CODE, URL
from .settings import DEFAULT_SETTINGS, ReferenceSettings

# ---------------------------------------------------------------- headings

_ZH_HEADING = re.compile(
    r"(?:主要)?(?:(?:注释|注釋|註釋)(?:与|與|和|及|、)?)?(?:参考|參考|引用)(?:文献|文獻|资料|資料|书目|書目)"
)
_EN_HEADINGS = frozenset({
    "references", "reference", "bibliography", "works cited", "literature cited",
    "notes and references", "references and notes",
})
_SECTION_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+(?:\.\d+)*\.?\s)\s*")
_HEADING_WRAPPERS = "[]［］【】〔〕()（）"


@functools.lru_cache(maxsize=4096)  # a line is asked by the reference-list finder, the heading scorer and the body
def is_reference_heading(line: str) -> bool:
    """True for a line that opens the reference list (`参考文献:`, `[参考文献]`, `References` ...)."""
    text = " ".join(line.split())
    text = _SECTION_NUMBER.sub("", text).rstrip(":：").strip().strip(_HEADING_WRAPPERS).strip()
    return bool(_ZH_HEADING.fullmatch(text.replace(" ", ""))) or text.casefold() in _EN_HEADINGS


# ---------------------------------------------------------------- labels

ENTRY_LABEL = re.compile(
    r"\s*(?:[\[［【]\s*(?P<bracketed>\d{1,3})\s*[\]］】]"
    r"|[(（]\s*(?P<parenthesized>\d{1,3})\s*[)）]"
    r"|(?P<dotted>\d{1,3})\s*[.．](?!\d)"
    r"|(?P<closing>\d{1,3})\s*[)）])\s*"
)
# `1 Wang X S, …`: a number and a space; only in a list numbered that way (a title may start with a number).
SPACED_LABEL = re.compile(r"\s*(?P<spaced>\d{1,3})\s+(?=[^\s\d.,:;)\]）】])")
_STYLES = ("bracketed", "parenthesized", "dotted", "closing", "spaced")


def match_label(text: str, style: str | None = None) -> re.Match | None:
    """The label opening `text`: any style but `spaced`, or exactly `style` when given."""
    if style == "spaced":
        return SPACED_LABEL.match(text)
    label = ENTRY_LABEL.match(text)
    if label and style and not label[style]:
        return None
    return label


def entry_label(raw: str, style: str | None = None) -> re.Match | None:
    """The label of an entry of a list numbered in `style` (None or `none`: any label but a bare `1 `)."""
    return match_label(raw, style) if style and style != "none" else ENTRY_LABEL.match(raw)


def label_number(label: re.Match) -> int:
    return int(next(label[s] for s in _STYLES if s in label.re.groupindex and label[s]))


def label_style(label: re.Match) -> str:
    return next(s for s in _STYLES if s in label.re.groupindex and label[s])


def number_entries(labels: list[int | None]) -> list[int]:
    """The ref_no of each entry, given the number printed on its label (None: no label).

    A printed number is kept unless it is 0 or an earlier entry already has it; such an
    entry is numbered by its position, or the next number after it that no entry has
    or prints: a repeat never takes the number another entry is printed with.
    """
    printed = {n for n in labels if n}
    taken: set[int] = set()
    numbers = []
    for position, label in enumerate(labels, start=1):
        number = label if label and label not in taken else None
        if number is None:
            number = position
            while number in taken or number in printed:
                number += 1
        taken.add(number)
        numbers.append(number)
    return numbers


# ---------------------------------------------------------------- splitting

_BACK_MATTER = re.compile(
    r"[∗*†‡]\s*$|(?:本文)?\s*\d{4}\s*年.{0,12}收到"  # a footnote mark alone on its line, a received-date note
    r"|[\s■□◆●▲(（\[【]*(?:责任编辑|責任編輯|责任校对|責任校對|作者简介|作者簡介|收稿日期|基金项目|基金項目"
    r"|通信作者|通讯作者|通訊作者|附录|附錄|致谢|致謝|Abstract\b|Key ?words\b|E-?mail\s*[:：]|Corresponding author"
    r"|Received\b|Appendix\b|Acknowledge?ments?\b)",
    re.IGNORECASE,
)
# `（下转第114页）`, `上接第 12 页`: a journal page's note that the text (the list) goes on elsewhere
_CONTINUATION_NOTE = re.compile(r"[（(]?\s*(?:下转|上接|接上|转下|转)\s*第?\s*\d{1,4}\s*页\s*[)）]?")
_PAGE_NUMBER_LINE = re.compile(r"[-—–\s]*\d{1,4}[-—–\s]*")
_PACKED_LABEL = re.compile(r"(?<=[.。\s])\s*[\[［【]\s*(?P<number>\d{1,3})\s*[\]］】]\s*")
_ENTRY_END = re.compile(r"[.。][”\"’]?(?:\s*[\]］】])?\s*$")  # `… 2019.` or, an entry printed in brackets, `… 2019.]`
# The head of an author-year entry: names then the year, `Chen, Y., & Lee, M. (2018).`, `[张三. (2019).`,
# `阿扬, 2023.`, `Zotero. (n.d.).`; in a list whose entries open so, a line opening so starts an entry.
# an APA entry may end with its DOI or URL, without a period
_URL_END = re.compile(r"(?:https?://|doi\.org/|doi:\s*)\S+$", re.IGNORECASE)
_INSIDE_NAMES = re.compile(r"(?:^|[,&]\s*|\s)(?:[A-Z]\.\s*)*[A-Z][\w'’-]+,\s*(?:[A-Z]\.\s*-?)+$")
_NAMES_GO_ON = re.compile(r"(?:[A-Z]\.\s*)+[,&]|&")
# names (or a title standing first): periods only after an initial (`J. A.`, `U.S.`), in `Ed.`/`et al.`, in a number
# or inside parentheses (`(Eds.)`, `(No. ISO 21378:2019)`, `(p. 50)`)
_NAMES_OR_TITLE = (r"(?:[^()\[\]（）.]|(?<=\b[A-Z])\.|(?<=\bEds)\.|(?<=\bEd)\.|(?<=\bal)\.|(?<=\d)\.(?=\d)"
                   r"|[(（][^()（）]{0,60}(?:[(（][^()（）]{0,12}[)）])?[^()（）]{0,12}[)）]|\[[^\[\]]{1,60}\])")
_AUTHOR_YEAR_HEAD = re.compile(
    rf"\s*[\[［【]?{_NAMES_OR_TITLE}{{1,400}}?\.?\s*(?:[(（]\s*(?:(?:1[5-9]|20)\d\d[a-z]?(?:\s*[-–—]\s*\d{{2,4}})*"
    r"(?:\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)?"
    r"(?:,[^()]{1,20})?|n\.\s?d\.|无日期|無日期)\s*[)）]|[,，]\s*\[?(?:1[5-9]|20)\d\d[a-z]?(?:/\d{4})?\]?)\s*[.。]")
_CONTINUATION_START = re.compile(r"[a-z0-9,.;:)\]}，。；：）】》”’\-–—/]|(?i:https?://|www\.|doi\s*:)")


@dataclass
class ListedEntry:
    """One entry of the list: its lines (as printed, label included), joined in `text`."""

    lines: list[str]
    number: int | None = None
    style: str | None = None

    @property
    def text(self) -> str:
        joined = self.lines[0]
        for line in self.lines[1:]:
            joined = join_broken_line(joined, line)
        return joined


@dataclass
class ReferenceList:
    """The entries of a list, the lines inside it that are not entry text, and the text after it."""

    entries: list[ListedEntry] = field(default_factory=list)
    set_apart: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    after: list[str] = field(default_factory=list)


def split_reference_list(lines: list[str], settings: ReferenceSettings = DEFAULT_SETTINGS,
                         running_lines: frozenset[str] = frozenset()) -> ReferenceList:
    """The lines after the reference heading -> entries, lines set apart, and what follows the list."""
    result = ReferenceList()
    style: str | None = None  # the list's numbering, read from its first line
    outside: list[str] = []  # back matter read since the list was left; kept apart if the list resumes
    restarted = False  # another list numbered from 1 again: another article's references, not this paper's
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if restarted:
            outside.append(text)
            continue
        note = _CONTINUATION_NOTE.search(text)
        if note:  # `（下转第114页）`: the list goes on on another page; the note is no entry text
            result.set_apart.append((note.group().strip(), "continuation note"))
            text = (text[:note.start()] + text[note.end():]).strip()
            if not text:
                continue
        not_entry_text = ("running header or footer" if text in running_lines
                          else "page number" if _PAGE_NUMBER_LINE.fullmatch(text) else None)
        if not_entry_text:
            if outside:
                outside.append(text)
            else:
                result.set_apart.append((text, not_entry_text))
            continue
        if style is None:
            first = ENTRY_LABEL.match(text) or SPACED_LABEL.match(text)
            style = label_style(first) if first else "none"
        label = match_label(text, None if style == "none" else style)
        last = result.entries[-1].number if result.entries else None
        starts = label is not None and _starts_new_entry(label, last, style)
        if starts and label is not None and label_number(label) == 1 and (last or 0) >= 2:
            restarted = True  # `[1]` after `[18]`: the list is over (a CNKI page holding the next article's list)
            outside.append(text)
            continue
        if outside:
            if not (label is not None and starts and label_number(label) == (last or 0) + 1):
                outside.append(text)
                continue
            result.set_apart.extend((o, "not reference text inside the list") for o in outside)
            outside = []
        if _BACK_MATTER.match(text):
            outside.append(text)
            continue
        for piece in _split_packed(text, style, last):
            _add_line(result, piece, style, settings, _next_text(lines, index))
    result.after = outside
    return result


def _starts_new_entry(label: re.Match, last_no: int | None, style: str) -> bool:
    # every style but `[n]` also begins continuation lines ("2016.", "(19)."), so it must follow in sequence
    if label_style(label) != style:
        return False
    if style == "bracketed":
        return True
    if last_no is None:
        return style != "spaced" or label_number(label) == 1
    return label_number(label) == last_no + 1


def _split_packed(text: str, style: str, last_no: int | None) -> list[str]:
    """`[1] … [2] …` on one line -> one piece per entry (only labels next in sequence split)."""
    if style != "bracketed":
        return [text]
    opening = ENTRY_LABEL.match(text)
    expected = (label_number(opening) if opening else (last_no or 0)) + 1
    urls = [_without_next_label(m) for m in URL.finditer(text)]
    pieces, start = [], 0
    for match in _PACKED_LABEL.finditer(text, 1):
        inside_url = any(a <= match.start() < b for a, b in urls)
        if int(match["number"]) == expected and not inside_url:
            pieces.append(text[start:match.start()].strip())
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            expected += 1
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _opens_author_year(entries: list[ListedEntry], coming: list[str]) -> bool:
    """The list's first entry opens with names and a year, its head read over its first three lines (while it is
    the only entry, the lines still coming may be its own)."""
    first = entries[0].lines + (coming if len(entries) == 1 else [])
    return bool(_AUTHOR_YEAR_HEAD.match(ListedEntry(first[:3]).text))


def _next_text(lines: list[str], index: int, count: int = 2) -> list[str]:
    """The next `count` non-empty lines after lines[index]: an entry's head (a long name list) may run onto them."""
    following: list[str] = []
    for line in lines[index + 1:]:
        if len(following) == count:
            break
        if line.strip():
            following.append(line.strip())
    return following


def _without_next_label(url: re.Match) -> tuple[int, int]:
    """The span of a URL, without the next entry's label glued to its end (`…/b815.[2] Imad Benacer`)."""
    glued = re.search(r"\.\[\d{1,3}\]$", url.group())
    return url.start(), url.start() + glued.start() + 1 if glued else url.end()


def _add_line(result: ReferenceList, text: str, style: str, settings: ReferenceSettings,
              following: Sequence[str] = ()) -> None:
    entries = result.entries
    if style == "none":
        author_year = bool(entries) and _opens_author_year(entries, [text, *following])
        if not entries or _looks_like_new_entry(entries[-1], text, author_year, following):
            entries.append(ListedEntry([text]))
        else:
            entries[-1].lines.append(text)
        return
    label = match_label(text, style)
    last = entries[-1].number if entries else None
    if label and _starts_new_entry(label, last, style) and label_number(label) <= settings.largest_label:
        entries.append(ListedEntry([text], label_number(label), style))
    elif entries:
        entries[-1].lines.append(text)
    else:
        entries.append(ListedEntry([text]))


def _looks_like_new_entry(previous: ListedEntry, text: str, author_year: bool = False,
                          following: Sequence[str] = ()) -> bool:
    """In a list without labels: a new entry follows a complete one; it is no continuation and no translation.
    In an author-year list (its first entry opens with names and a year) it opens with names and a year too."""
    complete = _ENTRY_END.search(previous.lines[-1]) or author_year and _URL_END.search(previous.lines[-1])
    if _CONTINUATION_START.match(text):
        return False
    if not complete:  # an entry printed without its closing period: a line opening with a short head still starts one
        short_head = _AUTHOR_YEAR_HEAD.match(text)  # in Han script (a Latin line may be the tail of a name list)
        return bool(author_year and short_head and len(short_head.group()) <= 40
                    and re.match(r"\s*[\[［【]?[\u3400-\u9fff]", text)
                    and not re.search(r"[A-Za-z]", short_head.group()))
    if _INSIDE_NAMES.search(previous.lines[-1]) or _NAMES_GO_ON.match(text):  # `… Summons, R.` / `E., & Hayes, J.`
        return False
    if author_year and not _AUTHOR_YEAR_HEAD.match(ListedEntry([text, *following]).text) and not (
            TYPE_CODE.search(previous.text) and TYPE_CODE.search(text)):
        return False  # (a GB/T entry printed without a year, `Anon. Title[S].`, still has its type code)
    return split_translation(f"{previous.text} {text}")[1] != text.strip()


def running_lines(earlier_lines: Sequence[str], settings: ReferenceSettings = DEFAULT_SETTINGS) -> frozenset[str]:
    """Lines printed again and again before the reference list: running headers and footers."""
    counts: dict[str, int] = {}
    for line in earlier_lines:
        text = line.strip()
        if text:
            counts[text] = counts.get(text, 0) + 1
    return frozenset(text for text, n in counts.items() if n >= settings.running_line_repeats)


def split_reference_entries(lines: list[str]) -> list[str]:
    """The lines after the reference heading -> one string per entry, broken lines joined."""
    return [entry.text for entry in split_reference_list(lines).entries]


# ---------------------------------------------------------------- joining broken lines

def join_broken_line(head: str, tail: str) -> str:
    """Two lines of one entry: a Latin word hyphenated at the line end rejoined, else `text.join_entry_lines`
    (a URL broken at the line end is joined as printed, its hyphen kept)."""
    if URL_AT_END.search(head):
        return join_entry_lines(head, tail)
    hyphenated = rejoin_hyphenated(head, tail)
    return hyphenated[0] if hyphenated else join_entry_lines(head, tail)
