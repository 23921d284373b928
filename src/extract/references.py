"""Reference lists: find the heading, split the list into entries, parse each entry.

Entries follow GB/T 7714-2015 (and the 2005 form, whose `[A]...[C]` analytics and
`出版年(更新日期)[引用日期]` dates are read too):

    主要责任者.题名:其他题名信息[文献类型标识/载体标识].其他责任者.版本项.出版地:出版者,出版年:页码.
    ...[J].刊名,年,卷(期):页码.        ...[N].报纸名,出版日期(版次).
    ...[M]//主编.文集名.出版地:出版者,年:页码.
    ...[EB/OL].(发布日期)[引用日期].URL.  DOI:10.xxx/yyy

`parse_reference` never raises: what it cannot place lowers `parse_status`.
Authors are names only; `等` / `et al.` are dropped (the raw entry keeps them).
"""

from __future__ import annotations

import re

from .text import CARRIERS as CARRIERS  # re-exported: the parser's vocabulary
from .text import DOC_TYPES as DOC_TYPES
from .text import DOI_BODY, URL, strip_trailing_punctuation
from .text import TYPE_CODE as _TYPE_CODE
from .text import join_entry_lines as _join_broken_line

REFERENCE_FIELDS = (
    "ref_no", "raw", "authors", "title", "type_code", "doc_type", "carrier", "container",
    "place", "publisher", "year", "pub_date", "volume", "issue", "pages", "accessed_date",
    "url", "doi", "parse_status",
)

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


def is_reference_heading(line: str) -> bool:
    """True for a line that opens the reference list (`参考文献:`, `[参考文献]`, `References` ...)."""
    text = " ".join(line.split())
    text = _SECTION_NUMBER.sub("", text).rstrip(":：").strip().strip(_HEADING_WRAPPERS).strip()
    return bool(_ZH_HEADING.fullmatch(text.replace(" ", ""))) or text.casefold() in _EN_HEADINGS


# ---------------------------------------------------------------- splitting

_ENTRY_LABEL = re.compile(
    r"\s*(?:[\[［【]\s*(?P<bracketed>\d{1,3})\s*[\]］】]"
    r"|[(（]\s*(?P<parenthesized>\d{1,3})\s*[)）]"
    r"|(?P<dotted>\d{1,3})\s*[.．](?!\d))\s*"
)
_BACK_MATTER = re.compile(
    r"[\s■□◆●▲(（\[【]*(?:责任编辑|責任編輯|责任校对|責任校對|作者简介|作者簡介|收稿日期|基金项目|基金項目"
    r"|附录|附錄|致谢|致謝|Abstract\b|Key ?words\b)",
    re.IGNORECASE,
)
_PAGE_NUMBER_LINE = re.compile(r"[-—–\s]*\d{1,4}[-—–\s]*")


def split_reference_entries(lines: list[str]) -> list[str]:
    """The lines after the reference heading -> one string per entry, broken lines joined.

    An entry starts with a label (`[n]`, `［n］`, `n.`, `(n)`); any other line continues
    the previous entry. Reading stops at back matter (`责任编辑`, `作者简介`, `收稿日期` ...).
    A list with no labels at all is read as one entry per line.
    """
    kept = []
    for line in lines:
        text = line.strip()
        if _BACK_MATTER.match(text):
            break
        if text and not _PAGE_NUMBER_LINE.fullmatch(text):
            kept.append(text)
    if not any(_ENTRY_LABEL.match(text) for text in kept):
        return kept

    entries: list[str] = []
    last_no: int | None = None
    for text in kept:
        label = _ENTRY_LABEL.match(text)
        if label and _starts_new_entry(label, last_no):
            entries.append(text)
            last_no = _label_number(label)
        elif entries:
            entries[-1] = _join_broken_line(entries[-1], text)
        else:
            entries.append(text)
    return entries


def _label_number(label: re.Match) -> int:
    return int(label["bracketed"] or label["parenthesized"] or label["dotted"])


def _starts_new_entry(label: re.Match, last_no: int | None) -> bool:
    # `n.` and `(n)` also begin continuation lines ("2016.", "(19)."), so they must follow in sequence
    if label["bracketed"]:
        return True
    return last_no is None or _label_number(label) == last_no + 1


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


# ---------------------------------------------------------------- entry parsing

# Same length in and out, so spans found in the folded text slice the text as written.
_FOLD = str.maketrans(
    "，．。：；（）［］【】／－～　０１２３４５６７８９",
    ",..:;()[][]/-~ 0123456789",
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?!\d)"


def _date(name: str, month_required: bool = False) -> str:
    """A date `2016`, `2016-09-28`, `2016/9/28`, `2016.09.28` or `2016年9月28日`, groups prefixed `name`."""
    month = (rf"\s*[-/.年]\s*(?P<{name}_m>1[0-2]|0?[1-9])(?!\d)"
             rf"(?:\s*[-/.月]\s*(?P<{name}_d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?|\s*月)?")
    return rf"(?P<{name}>(?P<{name}_y>{_YEAR})(?:{month}){'' if month_required else '?'})"


_PAGES = r"[^\s.\[\]()][^.\[\]()]*?"
_END = r"[\s.,;]*"
_START = r"[\s.,;]*"
_PLACE = r"(?:\[[^\]]*\]|[^\s.:,\[\]][^.:\[\]]*?)"
_UNKNOWN_PLACE_OR_PUBLISHER = re.compile(
    r"\[(?:出版地不详|出版者不详|出版地不詳|出版者不詳|s\.\s*l\.|s\.\s*n\.)\]", re.I)

_DOI = re.compile(rf"\bDOI\s*:\s*(?P<doi>{DOI_BODY})", re.IGNORECASE)
_URL = re.compile(
    rf"(?P<open><\s*)?(?P<url>{URL.pattern})(?(open)\s*>)",
    re.IGNORECASE,
)
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(?P<doi>10\..+)", re.IGNORECASE)
_ACCESSED = re.compile(
    rf"\[\s*(?:引用日期|访问日期|訪問日期|accessed|cited|retrieved)?\s*:?\s*{_date('acc')}\s*\]", re.IGNORECASE
)
_DATE_IN_PARENS = re.compile(rf"\(\s*{_date('pub')}\s*\)")
_CONTRIBUTION_MARK = re.compile(r"[\s.]*//")

_JOURNAL = re.compile(
    rf"{_START}(?P<container>\S.*?)\s*,\s*(?P<year>{_YEAR})[a-z]?"
    rf"(?:\s*,\s*(?P<volume>[^\s,():][^,():]*?))?(?:\s*\(\s*(?P<issue>[^()]+?)\s*\))?"
    rf"(?:\s*:\s*(?P<pages>{_PAGES}))?{_END}"
)
_NEWSPAPER = re.compile(
    rf"{_START}(?P<container>\S.*?)\s*,\s*{_date('date', month_required=True)}"
    rf"(?:\s*\(\s*(?P<pages>[^()]*?)\s*\))?{_END}"
)
_PUBLICATION = re.compile(
    rf"(?P<place>{_PLACE})\s*:\s*(?P<publisher>[^\s:][^:]*?)\s*,\s*{_date('date')}"
    rf"(?:\s*:\s*(?P<pages>{_PAGES}))?{_END}$"
)
_PUBLISHER_AND_DATE = re.compile(
    rf"{_START}(?P<publisher>[^\s.:,][^:]*?)\s*,\s*{_date('date')}(?:\s*:\s*(?P<pages>{_PAGES}))?{_END}"
)
_DATE_ONLY = re.compile(rf"{_START}{_date('date')}(?:\s*:\s*(?P<pages>{_PAGES}))?{_END}")
_NOTHING = re.compile(_END)
_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}")
_STANDARD_NUMBER_YEAR = re.compile(rf"[-—–]\s*(?P<year>{_YEAR})\s*$")
# Segments between the type code and the imprint: edition (`2版`, `7th ed`) or other contributors (`张三,译`).
_EDITION_OR_CONTRIBUTORS = re.compile(
    r".*(?:版|版本|刻本|影印本|重印|ed|edn|edition|译|譯|译注|校注|校|注|编译|主编|编|trans|translated)",
    re.IGNORECASE,
)

_AUTHOR_SEPARATOR = re.compile(r"\s*[,，;；、]\s*")
_ET_AL = re.compile(r"(?:等人?|et\.?\s*al\.?|and others|\(?eds?\.?\)?|主编|编|編)", re.IGNORECASE)
_TRAILING_ET_AL = re.compile(r"\s*(?:等人?|,?\s*et\.?\s*al\.?)$", re.IGNORECASE)
_NOT_IN_AUTHORS = re.compile(r"[\[\]《》“”\"<>]")
_LONGEST_AUTHOR = 60
_LEFTOVER_PUNCTUATION = re.compile(r"[\s.,;:/]+")
_PERIOD = re.compile(r"\.")
_MORE_INITIALS = re.compile(r"\s*(?:[A-Z]\.|,)")
_DOTTED_ABBREVIATION = re.compile(r"\s*(?:[A-Z]\.)+[A-Z]")
_SEPARATORS = re.compile(r"[\s.]*")
_AFTER_PERIOD = re.compile(r"(?<=\.)")


class _Entry:
    """An entry body as written and a same-length working copy that is blanked as parts are read."""

    def __init__(self, source: str):
        self.source = source
        self.text = source.translate(_FOLD)

    def take(self, start: int, end: int) -> str | None:
        value = self.source[start:end].strip()
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]
        return value or None

    def take_group(self, match: re.Match, group: str) -> str | None:
        return self.take(*match.span(group)) if match[group] is not None else None


def parse_reference(raw: str) -> dict:
    """One reference entry (label included) -> the `references` fields."""
    raw = raw.strip()
    fields = dict.fromkeys(REFERENCE_FIELDS)
    fields.update(raw=raw or None, authors=[], parse_status="failed")
    label = _ENTRY_LABEL.match(raw)
    if label:
        fields["ref_no"] = _label_number(label)
    entry = _Entry(raw[label.end():] if label else raw)
    code = _TYPE_CODE.search(entry.text)
    _read_doi_and_url(entry, code.end() if code else 0, fields)
    if not code:
        return fields

    fields.update(
        type_code=_type_code(code), doc_type=code["doc_type"].upper(),
        carrier=code["carrier"].upper() if code["carrier"] else None,
    )
    entry.take(*code.span())
    fields["authors"], fields["title"] = _read_authors_and_title(entry, code.start())
    placed = _read_after_type_code(entry, code.end(), fields)
    _fill_year(entry, code.end(), fields)
    fields["parse_status"] = _parse_status(entry, code.end(), fields, placed)
    return fields


def _type_code(code: re.Match) -> str:
    doc_type = code["doc_type"].upper()
    return f"{doc_type}/{code['carrier'].upper()}" if code["carrier"] else doc_type


def _parse_status(entry: _Entry, start: int, fields: dict, placed: bool) -> str:
    leftover = _LEFTOVER_PUNCTUATION.sub("", entry.text[start:])
    dated = fields["year"] or fields["pub_date"] or fields["accessed_date"]
    return "ok" if placed and fields["title"] and dated and not leftover else "partial"


# ------------------------------------------------ authors and title


def _read_authors_and_title(entry: _Entry, end: int) -> tuple[list[str], str | None]:
    stop = _author_stop(entry.text, 0, end)
    if stop is None:
        return [], entry.take(0, end)
    authors = _author_names(entry.source[:stop])
    entry.take(0, stop + 1)
    return authors, entry.take(stop + 1, end)


def _author_stop(text: str, start: int, end: int) -> int | None:
    """Index of the period closing the author list in text[start:end], or None when there is no author."""
    for match in _PERIOD.finditer(text, start, end):
        i = match.start()
        before, after = text[start:i], text[i + 1:end]
        if before[-1:].isdigit() and after[:1].isdigit():
            continue
        if _MORE_INITIALS.match(after) or _DOTTED_ABBREVIATION.fullmatch(before):  # "SMITH J.A.," "U.S."
            continue
        if not after.strip() or not _plausible_authors(before):
            return None
        return i
    return None


def _plausible_authors(text: str) -> bool:
    names = [n for n in _AUTHOR_SEPARATOR.split(text.strip()) if n]
    return bool(names) and not _NOT_IN_AUTHORS.search(text) and all(len(n) <= _LONGEST_AUTHOR for n in names)


def _author_names(text: str) -> list[str]:
    names = []
    for part in _AUTHOR_SEPARATOR.split(text.strip()):
        name = _TRAILING_ET_AL.sub("", part).strip()
        if name and not _ET_AL.fullmatch(name):
            names.append(name)
    return names


# ------------------------------------------------ after the type code


def _read_doi_and_url(entry: _Entry, start: int, fields: dict) -> None:
    doi = _DOI.search(entry.text, start)
    if doi:
        value = strip_trailing_punctuation(doi["doi"])
        fields["doi"] = value
        entry.take(doi.start(), doi.start("doi") + len(value))
    for url in _URL.finditer(entry.text, start):
        value = url["url"] if url["open"] else strip_trailing_punctuation(url["url"])
        end = url.end() if url["open"] else url.start("url") + len(value)
        entry.take(url.start(), end)
        fields["url"] = fields["url"] or value
        doi_url = _DOI_URL.match(value)
        if doi_url and not fields["doi"]:
            fields["doi"] = doi_url["doi"]


def _read_after_type_code(entry: _Entry, start: int, fields: dict) -> bool:
    """Dates, then the imprint or source of the entry; True when a known form matched."""
    accessed = _ACCESSED.search(entry.text, start)
    if accessed:
        fields["accessed_date"] = _iso_date(accessed, "acc")
        entry.take(*accessed.span())
    published = _DATE_IN_PARENS.search(entry.text, start)
    if published and (published["pub_m"] or _is_online(fields)):
        fields["pub_date"] = _iso_date(published, "pub")
        entry.take(*published.span())

    if _is_contribution(entry, start):
        return _read_contribution(entry, start, fields)
    return any(form(entry, start, fields) for form in _forms_for(fields["doc_type"]))


def _is_online(fields: dict) -> bool:
    return fields["carrier"] == "OL" or fields["doc_type"] in ("EB", "DB", "DS", "CP")


def _is_contribution(entry: _Entry, start: int) -> bool:
    return bool(_CONTRIBUTION_MARK.match(entry.text, start) or _TYPE_CODE.search(entry.text, start))


def _read_contribution(entry: _Entry, start: int, fields: dict) -> bool:
    """`[M]//主编.文集名.出版地:出版者,年:页码` or the 2005 `[A].主编.文集名[C].出版地:...`."""
    mark = _CONTRIBUTION_MARK.match(entry.text, start)
    head_start = mark.end() if mark else start
    host_code = _TYPE_CODE.search(entry.text, head_start)
    if host_code:
        head_end, tail_start = host_code.start(), host_code.end()
        entry.take(*host_code.span())
    else:
        imprint = _PUBLICATION.search(entry.text, head_start)
        if not imprint:
            return False
        head_end = tail_start = imprint.start()
    if mark:
        entry.take(*mark.span())
    fields["container"] = _read_host_title(entry, head_start, head_end)
    return _read_publication(entry, tail_start, fields, allow_prefix=False)


def _read_host_title(entry: _Entry, start: int, end: int) -> str | None:
    """`主编.文集名` -> 文集名; the editors are read past (they are not the entry's authors)."""
    separators = _SEPARATORS.match(entry.text, start)
    start = separators.end() if separators else start
    end = start + len(entry.text[start:end].rstrip(" ."))
    stop = _author_stop(entry.text, start, end)
    if stop is not None:
        entry.take(start, stop + 1)
        start = stop + 1
    return entry.take(start, end)


def _forms_for(doc_type: str) -> tuple:
    if doc_type == "J":
        return (_read_journal, _read_newspaper, _read_date_only, _read_nothing)
    if doc_type == "N":
        return (_read_newspaper, _read_journal, _read_date_only, _read_nothing)
    return (_read_nothing, _read_publication, _read_publisher_and_date, _read_newspaper,
            _read_journal, _read_date_only)


def _read_journal(entry: _Entry, start: int, fields: dict) -> bool:
    match = _JOURNAL.fullmatch(entry.text, start)
    if not match:
        return False
    fields["year"] = int(match["year"])
    fields["pub_date"] = fields["pub_date"] or match["year"]
    for name in ("container", "volume", "issue", "pages"):
        fields[name] = entry.take_group(match, name)
    entry.take(*match.span())
    return True


def _read_newspaper(entry: _Entry, start: int, fields: dict) -> bool:
    match = _NEWSPAPER.fullmatch(entry.text, start)
    if not match:
        return False
    _take_date(entry, match, fields)
    fields["container"] = entry.take_group(match, "container")
    fields["pages"] = entry.take_group(match, "pages")
    entry.take(*match.span())
    return True


def _read_publication(entry: _Entry, start: int, fields: dict, allow_prefix: bool = True) -> bool:
    match = _PUBLICATION.search(entry.text, start)
    if not match:
        return False
    prefix = entry.text[start:match.start()]
    if prefix.strip(" .,;") and not allow_prefix:
        return False
    _read_edition_and_contributors(entry, start, match.start())
    _take_date(entry, match, fields)
    fields["place"] = _known_or_none(entry.take_group(match, "place"))
    fields["publisher"] = _known_or_none(entry.take_group(match, "publisher"))
    fields["pages"] = entry.take_group(match, "pages")
    entry.take(*match.span())
    return True


def _read_edition_and_contributors(entry: _Entry, start: int, end: int) -> None:
    """Consume the `.`-separated segments before the imprint that are an edition or other contributors."""
    position = start
    for segment in _AFTER_PERIOD.split(entry.text[start:end]):
        body = segment.strip(" .")
        if body and _EDITION_OR_CONTRIBUTORS.fullmatch(body):
            entry.take(position, position + len(segment))
        position += len(segment)


def _read_publisher_and_date(entry: _Entry, start: int, fields: dict) -> bool:
    match = _PUBLISHER_AND_DATE.fullmatch(entry.text, start)
    if not match:
        return False
    _take_date(entry, match, fields)
    fields["publisher"] = _known_or_none(entry.take_group(match, "publisher"))
    fields["pages"] = entry.take_group(match, "pages")
    entry.take(*match.span())
    return True


def _read_date_only(entry: _Entry, start: int, fields: dict) -> bool:
    match = _DATE_ONLY.fullmatch(entry.text, start)
    if not match:
        return False
    _take_date(entry, match, fields)
    fields["pages"] = entry.take_group(match, "pages")
    entry.take(*match.span())
    return True


def _read_nothing(entry: _Entry, start: int, fields: dict) -> bool:
    return bool(_NOTHING.fullmatch(entry.text, start))


def _take_date(entry: _Entry, match: re.Match, fields: dict) -> None:
    date = _iso_date(match, "date")
    fields["year"] = int(match["date_y"])
    fields["pub_date"] = fields["pub_date"] or date
    entry.take(*match.span("date"))


def _iso_date(match: re.Match, name: str) -> str:
    parts = [match[f"{name}_y"]] + [f"{int(match[f'{name}_{p}']):02d}" for p in "md" if match[f"{name}_{p}"]]
    return "-".join(parts)


def _known_or_none(value: str | None) -> str | None:
    return None if value is None or _UNKNOWN_PLACE_OR_PUBLISHER.fullmatch(value.translate(_FOLD)) else value


def _fill_year(entry: _Entry, start: int, fields: dict) -> None:
    """Year from the publication date, the standard's number (`GB/T 7714—2015`) or, failing all, any year left."""
    if fields["year"] is not None:
        return
    if fields["pub_date"]:
        fields["year"] = int(fields["pub_date"][:4])
    elif fields["doc_type"] == "S" and fields["title"] and (number := _STANDARD_NUMBER_YEAR.search(fields["title"])):
        fields["year"] = int(number["year"])
    elif year := _ANY_YEAR.search(entry.text, start):
        fields["year"] = int(year.group())
