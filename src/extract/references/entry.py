"""One reference entry -> the `references` fields.

The entry is read on a folded working copy (`Entry.text`) that is blanked as its
parts are recognised, so whatever is left over at the end is what the parser could
not place (and lowers `parse_status`). The order: label; a translation printed with
the entry is set apart (see `bilingual`); identifiers (DOI, URL, CSTR); the type
code splits the entry into the part before it (names, title: see `head`) and the
part after it (see `publication`); an entry without a type code has its type inferred
from its shape (see `infer`).

`parse_reference` never raises: what it cannot place lowers `parse_status`.
"""

from __future__ import annotations

import re

from .apa import read_apa
from .authoryear import read_head_year
from .biblatex import looks_like_biblatex, read_biblatex
from .bilingual import split_translation
from .head import read_head, read_title, year_of_number
from .ieee import looks_like_ieee, read_ieee
from .infer import infer_type
from .listing import entry_label, label_number
from .loose import read_loose
from .notes import looks_like_notes, read_notes
from .patterns import (
    ANY_YEAR,
    BROKEN_URL,
    CSTR,
    DOI,
    DOI_IN_URL,
    FOLD,
    TYPE_CODE,
    URL,
    WIDE_ALNUM,
    strip_trailing_punctuation,
)
from .publication import read_after_code
from .settings import DEFAULT_SETTINGS, ReferenceSettings

REFERENCE_FIELDS = (
    "ref_no", "raw", "authors", "title", "type_code", "doc_type", "carrier", "container",
    "place", "publisher", "year", "pub_date", "volume", "issue", "pages", "accessed_date",
    "url", "doi", "parse_status",
    "doc_number", "edition", "translators", "editors", "cstr", "type_inferred",
    "translation", "translation_title", "style", "parse_issue",
)
LIST_FIELDS = ("authors", "translators", "editors")
_HAN_PATH_END = re.compile(r"[\u3400-\u9fff\w\-—–.~%/]*?[\u3400-\u9fff\w\-—–~%/]"
                           r"(?:\s[\u3400-\u9fff\w\-—–.~%/]*?[\u3400-\u9fff\w\-—–~%/])*?(?=[\s.]*$)")
_STRAY_QUOTE = re.compile(r"(?<=\s)[\"“”]\.\s+")  # a quote mark standing alone between words: text-layer noise
_LEFTOVER_PUNCTUATION = re.compile(r"[\s.,;:/]+")
# `(in Chinese)`: a note on the language of the item, not part of any element.
_LANGUAGE_NOTE = re.compile(r"[\s.]*\(\s*in\s+[A-Z][a-z]+(?:\s+with\s+[A-Za-z ]+?)?\s*\)[\s.]*$")
# `(专著的模式)`, `(in press)`: a remark closing the entry; read around, it leaves the entry partial.
_REMARK = re.compile(r"\s*\((?P<remark>(?![^()]*年)[^()\d]{1,40})\)[\s.]*$")  # not an era date (清同治四年)


class Entry:
    """An entry as written and a same-length working copy that is blanked as parts are read."""

    def __init__(self, source: str):
        self.printed = source.translate(WIDE_ALNUM)
        self.text = source.translate(FOLD)

    def take(self, start: int, end: int) -> str | None:
        value = self.printed[start:end].strip()
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]
        return value or None

    def take_group(self, match: re.Match, group: str) -> str | None:
        return self.take(*match.span(group)) if match[group] is not None else None

    def as_printed(self, value: str) -> str:
        """A value read on the folded copy (`，` as `,`, `–` as `-`) as the entry prints it."""
        at = self.text.find(value)
        return self.printed[at:at + len(value)] if at >= 0 else value

    def unplaced(self) -> str:
        """The text no field took, as printed: runs holding more than punctuation, joined by ` … `."""
        kept = "".join("x" if t != " " or s.isspace() else " " for t, s in zip(self.text, self.printed, strict=True))
        runs = [self.printed[m.start():m.end()].strip(" .,;:/。．，；：／") for m in re.finditer(r"x+", kept)]
        return " … ".join(r for r in runs if _LEFTOVER_PUNCTUATION.sub("", r.translate(FOLD)))

    def leftover(self, start: int = 0) -> str:
        return _LEFTOVER_PUNCTUATION.sub("", self.text[start:])


def empty_fields() -> dict:
    fields = dict.fromkeys(REFERENCE_FIELDS)
    fields.update(authors=[], translators=[], editors=[], parse_status="failed", type_inferred=False)
    return fields


_PARSED_KEPT = 1024
_parsed: dict[tuple[str, ReferenceSettings, str | None], dict] = {}


def parse_reference(raw: str, settings: ReferenceSettings = DEFAULT_SETTINGS, label_style: str | None = None) -> dict:
    """One reference entry (label included) -> the `references` fields.

    `label_style` names the list's numbering (see `listing.match_label`); without it any
    label but a bare `1 ` (which could be the start of a title) is read. An entry read before is not read again
    (the list's heading is chosen by reading the entries under each candidate, then the list is read): each
    caller gets its own copy of the fields.
    """
    key = (raw, settings, label_style)
    fields = _parsed.get(key)
    if fields is None:
        fields = _parse_reference(raw, settings, label_style)
        if len(_parsed) >= _PARSED_KEPT:
            _parsed.clear()
        _parsed[key] = fields
    return _fresh(fields)


def _fresh(value):
    """A copy of parsed fields down to their lists (the values are strings, numbers, None and lists of them)."""
    if isinstance(value, dict):
        return {key: _fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    return value


def _parse_reference(raw: str, settings: ReferenceSettings, label_style: str | None) -> dict:
    raw = raw.strip()
    label = entry_label(raw, label_style)
    if len(raw) > settings.longest_entry:
        fields = empty_fields()
        fields.update(raw=raw, ref_no=label_number(label) if label else None)
        return fields
    body = raw[label.end():] if label else raw
    original, translation = split_translation(body)
    fields = parse_entry(original, settings)
    fields.update(raw=raw or None, ref_no=label_number(label) if label else None)
    if translation:
        fields["translation"] = translation
        fields["translation_title"] = parse_entry(translation, settings)["title"]
    return fields


_RANK = {"ok": 2, "partial": 1, "failed": 0}


def parse_entry(text: str, settings: ReferenceSettings = DEFAULT_SETTINGS) -> dict:
    """An entry without its label -> its fields (ref_no and raw left empty). An entry the notes reader leaves
    partial is read again by the other style readers, and one the style readers leave failed or partial in the
    looser orders of `loose`; the better reading is kept."""
    fields = _parse_entry(text, settings)
    if fields["style"] == "notes-cn" and fields["parse_status"] != "ok":  # `《红楼梦》. 北京: 出版社, 1982.`: a
        other = _parse_entry(text, settings, notes=False)  # title in book-title marks in another style
        if _RANK[other["parse_status"]] > _RANK[fields["parse_status"]]:
            fields = other
    if fields["parse_status"] != "ok":
        loose = _parse_entry(text, settings, loose=True)
        if _RANK[loose["parse_status"]] > _RANK[fields["parse_status"]]:
            return loose
    return fields


def _parse_entry(text: str, settings: ReferenceSettings, loose: bool = False, notes: bool = True) -> dict:
    fields = empty_fields()
    entry = Entry(_STRAY_QUOTE.sub("", text))  # `H. W. ". McCormick`: a stray mark of the text layer (`raw` keeps it)
    note = _LANGUAGE_NOTE.search(entry.text)
    if note:
        entry.take(*note.span())
    remark = _REMARK.search(entry.text)
    if remark and not loose:
        entry.take(*remark.span())
    remark = None if loose else remark
    code = None if loose else TYPE_CODE.search(entry.text)
    _read_identifiers(entry, code.end() if code else 0, fields)
    if loose:
        if not read_loose(entry, fields):
            return fields
        placed, source_start = True, 0
        fields["type_inferred"] = True
        return _finish(entry, fields, placed, source_start, remark, settings)
    head_end = read_head_year(entry, fields) if code else None
    if head_end is not None:
        fields["style"] = "gbt7714-author-year"
    if code:
        fields["style"] = fields["style"] or "gbt7714-numeric"
        carrier = code["carrier"] or code["online"]
        fields.update(doc_type=(code["doc_type"] or "EB").upper(), type_code=_type_code(code),
                      carrier=carrier.upper() if carrier else None)
        entry.take(*code.span())
        if head_end is None:
            read_head(entry, 0, code.start(), fields, settings)
        else:
            read_title(entry, head_end, code.start(), fields)
        placed = read_after_code(entry, code.end(), fields, settings)
        source_start = code.end()
    elif notes and looks_like_notes(entry.text) and read_notes(entry, fields):  # `张三：《题名》，《刊名》2007年第7期`
        placed, source_start = True, 0
        fields["type_inferred"] = True
        fields["style"] = "notes-cn"
    elif looks_like_biblatex(entry.text) and read_biblatex(entry, fields):
        placed, source_start = True, 0
        fields["type_inferred"] = True
        fields["style"] = "biblatex"
    elif looks_like_ieee(entry.text) and read_ieee(entry, fields):
        placed, source_start = True, 0
        fields["type_inferred"] = True
        fields["style"] = "ieee"
    elif read_apa(entry, fields):  # an author-year entry in APA style: `王小明（2019）。题名。刊名，65（2），1-30。`
        placed, source_start = True, 0
        fields["type_inferred"] = True
        fields["style"] = "apa"
    else:
        placed, source_start = infer_type(entry, fields, settings)
        fields["type_inferred"] = fields["doc_type"] is not None
        fields["style"] = "numeric-no-codes" if fields["doc_type"] else None
    return _finish(entry, fields, placed, source_start, remark, settings)


def _finish(entry: Entry, fields: dict, placed: bool, source_start: int, remark: re.Match | None,
            settings: ReferenceSettings) -> dict:
    if not fields["doc_type"]:
        return fields
    _split_volume(fields)
    _split_number(fields)
    _fill_year(entry, source_start, fields)
    fields["parse_issue"] = _parse_issue(entry, fields, placed, remark, settings)
    fields["parse_status"] = "partial" if fields["parse_issue"] else "ok"
    return fields


# A field holding what reads as another element: an imprint (`. 北京: 出版社`), a host mark, a type code.
_IMPRINT_INSIDE = re.compile(r"(?<![A-Z])\.\s+[^.:\s][^.:]{0,30}:\s*\S|//|\[\s*[A-Z]{1,2}(?:\s*/\s*OL)?\s*\]"
                             r"|[.。]\s*[\u3400-\u9fff]")  # a Chinese sentence end inside: two elements in one
_TITLE_SENTENCE = re.compile(r"(?<![A-Z])(?<!\bvs)(?<!\bno)(?<!\bDr)(?<!\bSt)(?<!\bMr)(?<!\bed)(?<!\bEd)"
                             r"(?<!\bVol)(?<!\bvol)\.\s+[^\s.]")
_NO_DATE = re.compile(r"\(\s*(?:n\.\s?d\.|无日期|無日期)\s*\)|（\s*(?:无日期|無日期)\s*）")  # printed as undated
_DATE_ONLY = re.compile(r"[\d\s\-./年月日]+|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}")


def _parse_issue(entry: Entry, fields: dict, placed: bool, remark: re.Match | None,
                 settings: ReferenceSettings) -> str | None:
    """What keeps the entry from being fully read (None: nothing): text no field holds, a field holding another
    element, no title, no date. It makes the entry `partial` and is flagged."""
    unplaced = entry.unplaced()
    if unplaced:
        return f"not placed: {unplaced}"
    if remark:
        return f"remark not placed: {remark.group().strip()}"
    if fields["parse_issue"]:  # set by a reader that takes the entry whole (IEEE, APA)
        return fields["parse_issue"]
    for name in ("title", "container", "publisher", "place"):
        if fields[name] and _IMPRINT_INSIDE.search(fields[name].translate(FOLD)):
            return f"{name} holds another element: {fields[name]}"
    for name in ("publisher", "place"):
        if fields[name] and _DATE_ONLY.fullmatch(fields[name].translate(FOLD).strip()):
            return f"{name} is a date: {fields[name]}"
        if fields[name] and not re.search(r"[^\W\d_]", fields[name]):
            return f"{name} holds no name: {fields[name]}"
    if fields["type_inferred"] and fields["title"] and _TITLE_SENTENCE.search(fields["title"].translate(FOLD)):
        return f"title holds more than one element: {fields['title']}"  # no type code marks where the title ends
    if fields["title"] and re.search(r"\bet al\b|…|[\u3400-\u9fff]\s*[,，]\s*等\s*[.。]", fields["title"]):
        return f"title holds names: {fields['title']}"
    for name in ("container", "publisher"):  # `Title. Zhu Z,Luo P,Wang X,et al. Conference. 2013`: names after it
        if fields[name] and re.search(r"\bet\.?\s*al\b|[,，]\s*等\s*[.。]", fields[name]):
            return f"{name} holds names: {fields[name]}"
    for name in fields["authors"]:
        if re.search(r"\d{4}", name) or len(name) > settings.longest_name:
            return f"authors hold more than a name: {name}"
    if not (fields["title"] or fields["doc_number"]):
        return "no title"
    if not (fields["year"] or fields["pub_date"] or fields["accessed_date"] or _NO_DATE.search(entry.printed)):
        return "no date"
    if not placed:
        return "source not in a known form"
    return None


def _type_code(code: re.Match) -> str:
    if code["online"]:
        return "OL"
    doc_type = code["doc_type"].upper()
    return f"{doc_type}/{code['carrier'].upper()}" if code["carrier"] else doc_type


def _read_identifiers(entry: Entry, start: int, fields: dict) -> None:
    """URL, then DOI (printed, else found inside a URL) and CSTR, wherever they stand after `start`."""
    doi_in_url = None
    for broken in BROKEN_URL.finditer(entry.text, start):  # `htt p://`, `http:// www.`: rejoined
        if not re.search(r"\s", broken.group()):
            continue
        value = strip_trailing_punctuation(re.sub(r"\s+", "", broken.group()))
        entry.take(broken.start(), broken.start() + len(broken.group().rstrip(".,;")))
        fields["url"] = fields["url"] or value
    for url in URL.finditer(entry.text, start):
        value = url["url"] if url["open"] else strip_trailing_punctuation(url["url"])
        end = url.end() if url["open"] else url.start("url") + len(value)
        wide = re.search(r"[，；。、]", entry.printed[url.start("url"):end])
        if wide and not url["open"]:  # `http://…/a.html，2015年6月1日`: full-width punctuation (ASCII once folded)
            value = strip_trailing_punctuation(entry.text[url.start("url"):url.start("url") + wide.start()])
            end = url.start("url") + len(value)  # is never part of a URL
        glued = end < len(entry.text) and re.match(r"[\u3400-\u9fff]", entry.text[end])
        path = _HAN_PATH_END.match(entry.text, end) if value.endswith("/") or glued else None
        if path and not entry.text[end:path.end()].strip("."):
            path = None  # `…/869140/.`: the entry's closing period
        if path:  # `https://zh.wikipedia.org/zh-tw/硫磺島戰役` at the entry's end: a path in Han script, the spaces of
            # its line ends taken out (`…/01--軍事工程--1945 年硫磺島…pdf`)
            value, end = value + re.sub(r"\s+", "", entry.printed[end:path.end()]), path.end()
        entry.take(url.start(), end)
        fields["url"] = fields["url"] or value
        in_url = DOI_IN_URL.search(value)
        doi_in_url = doi_in_url or (strip_trailing_punctuation(in_url["doi"]) if in_url else None)
    for pattern, name in ((DOI, "doi"), (CSTR, "cstr")):
        match = pattern.search(entry.text, start)
        if match:
            value = strip_trailing_punctuation(match[name])
            fields[name] = value
            entry.take(match.start(), match.start(name) + len(value))
    fields["doi"] = fields["doi"] or doi_in_url


# a book's volume printed after its title: `国史旧闻: 卷 1`, `国史旧闻：第 1 卷`, `马克思恩格斯全集: 第35卷`
_TITLE_VOLUME = re.compile(r"\s*[:：]\s*(?P<volume>第\s*\d+\s*卷|卷\s*\d+)\s*$")


def _split_volume(fields: dict) -> None:
    """The volume printed at the end of the book's title (the host's title, for a part of a book) goes to `volume`."""
    name = "container" if fields["container"] else "title"
    match = _TITLE_VOLUME.search(fields[name] or "")
    if match and not fields["volume"] and fields["doc_type"] == "M" and match.start() > 0:
        fields["volume"] = match["volume"]  # as printed, like a host's volume read by the GB/T source reader
        fields[name] = fields[name][:match.start()]


# a title closed by a call or document number: `奏请…事: 04-01-35-0399-039` (an archive's call number)
_TITLE_NUMBER = re.compile(r"\s*[:：]\s*(?P<number>[A-Z0-9]{1,8}(?:[-/][A-Z0-9]{1,10}){2,})\s*$")


def _split_number(fields: dict) -> None:
    match = _TITLE_NUMBER.search(fields["title"] or "")
    if (match and not fields["doc_number"] and match.start() > 0 and len(re.findall(r"\d", match["number"])) >= 4
            and not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", match["number"])):  # `Accessed: 2021-12-01`: a date
        fields["doc_number"] = match["number"]
        fields["title"] = fields["title"][:match.start()]


def _fill_year(entry: Entry, start: int, fields: dict) -> None:
    """Year from the publication date, the standard's number (`GB/T 7714—2015`) or, failing all, any year left."""
    if fields["year"] is not None:
        return
    if fields["pub_date"]:
        fields["year"] = int(fields["pub_date"][:4])
    elif year := year_of_number(fields["doc_number"]):
        fields["year"] = year
        fields["pub_date"] = str(year)
    elif any_year := ANY_YEAR.search(entry.text, start):
        fields["year"] = int(any_year.group())
