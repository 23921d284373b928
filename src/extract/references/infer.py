"""Entries printed without a type code: the type is read from the entry's shape.

Journals of the 计算机学报 / 软件学报 / 自动化学报 family, English journals and many
theses print no `[J]`:

    Zhou Yong-Bin, Feng Deng-Guo. Design and analysis of …. Chinese Journal of Computers, 2006, 29(4): 581-589
    Sun Y, Wang X G. Deep learning …. In: Proceedings of CVPR. Columbus, OH, USA: IEEE, 2014. 1891-1898
    Willem M. Minimax Theorems. Boston: Birkhauser, 1996
    Cheng Y H, Huang L Y. Authentic …. IEEE Transactions on Cybernetics, DOI: 10.1109/TCYB.2021.3051456
    GB/T 7714—2015 信息与文献 参考文献著录规则.

The entry is cut at the first sentence end after its names where what follows
fits one of these shapes (`SHAPES`, tried in order); the names and title are read
from what precedes. The inferred type goes to `doc_type` (`type_code` stays empty:
nothing was printed) and `type_inferred` is set.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from .apa import BODY
from .head import STANDARD_NUMBER, read_head, read_title
from .names import author_stop
from .patterns import JOURNAL_WORD, YEAR, date_pattern, iso_date
from .publication import (
    ACCESSED,
    DATE_IN_PARENS,
    EDITION,
    END,
    ERA,
    JOURNAL,
    NOTHING,
    PAGES,
    PLACE,
    START,
    TRANSLATORS,
    UNKNOWN_TYPE,
    read_after_code,
    read_elements,
    read_publication,
    read_publisher_and_date,
    take_journal,
)
from .settings import DEFAULT_SETTINGS, ReferenceSettings

_DATE = date_pattern("date")
CONFERENCE = re.compile(
    rf"{START}(?i:in)\s*:?\s+(?P<container>\S.*?)(?:\.\s*(?P<place>{PLACE})\s*:\s*(?P<publisher>[^:]+?))?"
    rf"\s*,\s*{_DATE}{ERA}(?:\s*[.:,]\s*(?P<pages>{PAGES}))?{END}"
)
BOOK = re.compile(
    rf"{START}(?P<place>{PLACE})\s*:\s*(?P<publisher>[^\s:][^:]*?)\s*,\s*{_DATE}{ERA}"
    rf"(?:\s*[.:]\s*(?P<pages>{PAGES}))?{END}"
)
JOURNAL_WITHOUT_YEAR = re.compile(rf"{START}(?P<container>[^\s.,:\[\]][^:\[\]]*?)[\s.,;]*")
_THESIS = re.compile(r"(?:博士|硕士|碩士)?(?:学位论文|學位論文)|Ph\.?\s*D\.?\s+(?:dissertation|thesis)|"
                     r"(?:master'?s?|doctoral)\s+(?:dissertation|thesis)", re.IGNORECASE)
_THESIS_MARK = re.compile(rf"\s*[\[(（]?\s*(?:{_THESIS.pattern})\s*[\])）]?", re.IGNORECASE)
# `arXiv preprint arXiv:1112.6136`, `ChinaXiv 预印本 ChinaXiv:202303.00020`: the server, the number
_PREPRINT = re.compile(r"\b(?P<server>[A-Za-z]*[Xx][Ii][Vv])\s*(?:preprint|预印本)?\s*:?\s*"
                       r"(?P<number>(?:[A-Za-z]*[Xx][Ii][Vv]\s*:\s*)?\d{4,6}\.\d{4,5}(?:v\d+)?)")
_STANDARD_START = re.compile(rf"\s*{STANDARD_NUMBER}\s")
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])[.。](?!\d)")
_PERSON = re.compile(r"[A-Z\u00c0-\u00de][\w'\-]*(?:\s+[A-Z\u00c0-\u00de][\w'\-]*){0,3}"
                     r"(?:\s+(?:van|der|de|von|den|du|la|le|da|di))*|[\u3400-\u9fff·]{1,12}"
                     r"|[\u3400-\u9fff·()（）]{4,40}(?:会|院|部|局|所|中心|公司|大学|馆|室|组|社|集团|政府)"
                     r"(?:（[^（）]+）|\([^()]+\))?")  # a body, with its parent body in parentheses
_NAME_SPLIT = re.compile(r"\s*[,，;；、]\s*|\s+and\s+")
_ET_AL = re.compile(r"(?:等人?|et\.?\s*al\.?)$", re.IGNORECASE)
# after the title: an element the GB/T source reader takes (`谢远涛, 译.`, `2 版.`) or a host (`//主编. 文集名`)
_MONTH_DAY = re.compile(r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}")
_SENTENCE_INSIDE = re.compile(r"(?<![A-Z])[.。]\s+\S")
_NUMBER_AT_END = re.compile(rf":\s*(?P<number>{STANDARD_NUMBER})[\s.]*$")
_CODE = re.compile(r"(?=[^\s]*\d)(?=[^\s]*[A-Z])[A-Z0-9][A-Za-z0-9\-/.～~]{4,40}")  # a report's number, no name
_IMPRINT_IN_CONTAINER = re.compile(r"(?<![A-Z])[.。]\s+[^.:]{1,40}:\s*\S")  # `同文书局影印本. 北京: 中华书局`
_REPORT_WORD = re.compile(r"(?i)report|报告|報告")
_HOST_MARK = re.compile(r"\s*//\s*")
_ELEMENT_OR_HOST = re.compile(rf"\s*(?://|(?:{TRANSLATORS.pattern})|(?:{EDITION.pattern}))")
_HOST_OR_EDITION = re.compile(rf"\s*(?://|(?:{EDITION.pattern}))")
_NOT_IN_NAMES = re.compile(r"[.:/\[\]]")  # what TRANSLATORS' names hold none of


def infer_type(entry, fields: dict, settings: ReferenceSettings = DEFAULT_SETTINGS) -> tuple[bool, int]:
    """Read an entry without a type code; (a shape matched, where the source part starts)."""
    if _STANDARD_START.match(entry.text):
        return _read_standard(entry, fields)
    accessed = ACCESSED.search(entry.text)
    if accessed and accessed["acc_m"]:  # `[2023-05-02]`, wherever it stands (`[2025]` alone is a supplied year)
        fields["accessed_date"] = iso_date(accessed, "acc")
        entry.take(*accessed.span())
        published = DATE_IN_PARENS.search(entry.text)
        if published:
            fields["pub_date"] = iso_date(published, "pub")
            fields["year"] = int(published["pub_y"])
            entry.take(*published.span())
    if fields["url"] and not entry.leftover():  # `[11] https://…`: a web page printed as its address only
        fields["doc_type"] = "EB"
        return True, 0
    # the mark only where its words are: the mark's optional spaces and brackets, tried at every char, are slow
    thesis = _THESIS_MARK.search(entry.text) if _THESIS.search(entry.text) else None
    if thesis:  # `[Ph.D. dissertation]`, `[博士学位论文]`: printed where a type code would stand
        entry.take(*thesis.span())
    for with_names in (True, False):
        stop = author_stop(entry.text, 0, len(entry.text), settings) if with_names else None
        if with_names and (stop is None or not looks_like_names(entry.printed[:stop])):
            continue
        title_start = stop + 1 if stop is not None else 0
        for end in _SENTENCE_END.finditer(entry.text, title_start):
            if not entry.text[title_start:end.start()].strip(" ."):
                continue
            host = _HOST_MARK.search(entry.text, title_start, end.start())
            if host and _read_as_gbt(entry, host.start(), host.start(), fields, settings, with_names):
                return True, host.start()  # `题名//主编. 文集名. 出版地: 出版者, 年: 页码.`
            element_first = _element_or_host(entry.text, end.end())
            shape = None if element_first else _fit_shape(entry, end.end(), fields)
            if not shape and _read_as_gbt(entry, end.start(), end.end(), fields, settings, with_names):
                fields["doc_type"] = "D" if thesis and fields["doc_type"] in ("M", "J") else fields["doc_type"]
                return True, end.end()
            if shape:
                doc_type, read, match = shape
                fields["doc_type"] = "D" if thesis and doc_type in ("M", "J") else doc_type
                read(entry, match, fields)
                _settle_imprint(fields)
                if with_names:
                    read_head(entry, 0, end.start(), fields, settings)
                else:
                    read_title(entry, 0, end.start(), fields)
                return True, end.end()
    numbered = _NUMBER_AT_END.search(entry.text)
    if numbered:  # `Body. Title: ISO/IEC 80079-20-2:2016(en).`: a standard or patent, its year in its number
        read_head(entry, 0, numbered.end("number"), fields, settings)
        if fields["doc_number"]:
            return True, len(entry.text)
    return False, 0


def _element_or_host(text: str, pos: int) -> bool:
    """`_ELEMENT_OR_HOST` matches at `pos`. Its translators' branch is tried only when a translator's word
    (`译`, `譯`, `tr`anslated, `tr.`) starts before the first char names hold none of, where the branch would
    have to find it: on a long entry without one its lazy names backtrack for milliseconds."""
    stop = _NOT_IN_NAMES.search(text, pos)
    names = text[pos:stop.start() if stop else len(text)]
    if "译" in names or "譯" in names or "tr" in names.lower():
        return _ELEMENT_OR_HOST.match(text, pos) is not None
    return _HOST_OR_EDITION.match(text, pos) is not None


def _read_as_gbt(entry, title_end: int, source_start: int, fields: dict, settings: ReferenceSettings,
                 with_names: bool) -> bool:
    """The rest read as a GB/T 7714 entry's source (`译`, edition, `//` host, imprint, journal, newspaper) would be
    read after its type code: on a trial copy, kept when it places all of the rest; the type told by what was read."""
    trial, trial_fields = copy.copy(entry), {**fields, "doc_type": UNKNOWN_TYPE}
    if not read_after_code(trial, source_start, trial_fields, settings) or trial.leftover(source_start):
        return False
    if trial_fields["publisher"] and _MONTH_DAY.fullmatch(trial_fields["publisher"]):
        return False  # `Jan. 31, 2022`: a date, no publisher
    if not with_names and _SENTENCE_INSIDE.search(entry.text, 0, title_end):
        return False  # `Title. Zhu Z, Luo P. Conference. 2013`: names after the title are no part of it
    _settle_imprint(trial_fields)
    if trial_fields["publisher"] and not trial_fields["place"] and JOURNAL_WORD.search(trial_fields["publisher"]):
        trial_fields["container"], trial_fields["publisher"] = trial_fields["publisher"], None  # `铁道学报, 2024.`
    elif (trial_fields["publisher"] and not (trial_fields["place"] or trial_fields["url"] or trial_fields["pages"])
          and not _PUBLISHER_WORD.search(trial_fields["publisher"])):
        # `Title. Insect science, 2025.`: with no place and no word of a publisher's, a journal's name as well
        trial_fields["parse_issue"] = f"publisher or journal: {trial_fields['publisher']}"
    trial_fields["doc_type"] = trial_fields["doc_type"] if trial_fields["doc_type"] != UNKNOWN_TYPE else _type_of(
        trial_fields)
    if with_names:
        read_head(trial, 0, title_end, trial_fields, settings)
    else:
        read_title(trial, 0, title_end, trial_fields)
    entry.text = trial.text
    fields.update(trial_fields)
    return True


_PUBLISHER_WORD = re.compile(
    r"出版|书局|書局|书社|印书馆|大学|学院|研究[院所]|中心|公司|协会|学会|委员会|部|局|馆"
    r"|\b(?:Press|Publish\w*|Books?|Verlag|Editions?|Inc|Ltd|LLC|Co|Company|Group|Media|University|Institute"
    r"|Society|Association|Academy|Council|Center|Centre|Foundation|Library|Springer|Wiley|Elsevier|Routledge|Sage"
    r"|Kluwer|Pearson|McGraw|Addison|Prentice|Cambridge|Oxford|MIT|IEEE|ACM|Bank|Repository|Office|Department"
    r"|\w*R[xX]iv)\b",
    re.IGNORECASE)


def _settle_imprint(fields: dict) -> None:
    """`Technical report: RMRS-GTR-262, 2011`: read as place and publisher, it is a report's kind and number."""
    preprint = re.fullmatch(r"(?P<server>.+?)\s*(?:preprint|预印本)", fields["publisher"] or "", re.IGNORECASE)
    if preprint:  # `bioRxiv preprint, 2015`
        fields["publisher"], fields["doc_type"] = preprint["server"], "PP"
    if fields["publisher"] and _CODE.fullmatch(fields["publisher"]):
        fields["doc_number"], fields["publisher"] = fields["publisher"], None
        if fields["place"] and _REPORT_WORD.search(fields["place"]):
            fields["place"], fields["doc_type"] = None, "R"


def _type_of(fields: dict) -> str:
    """The type of an entry read without a type code, from the fields its source gave."""
    if fields["url"] and not (fields["container"] or fields["publisher"] or fields["editors"]):
        return "EB"
    if fields["container"] and (fields["publisher"] or fields["editors"]):
        return "M"  # a part of a book
    if fields["container"] and fields["pub_date"] and len(fields["pub_date"]) == 10 and not fields["volume"]:
        return "N"
    if fields["container"]:
        return "J"
    return "M"


def looks_like_names(text: str) -> bool:
    """Personal names (`Zhou Yong-Bin`, `Wang X S`, `周勇斌`), not the first sentence of a title."""
    parts = [p for p in _NAME_SPLIT.split(_ET_AL.sub("", text.strip()).strip(" ,，")) if p]
    if parts and all(_PERSON.fullmatch(p) for p in parts):
        return True
    return bool(BODY.fullmatch(text.strip())) and len(text.split()) <= 10  # `International Organization for …`


def _fit_shape(entry, start: int, fields: dict) -> tuple[str, Callable, re.Match] | None:
    """(doc_type, reader, match) of the first shape the text from `start` fits, or None."""
    text = entry.text[start:]
    if preprint := _PREPRINT.search(entry.text):
        return "PP", _read_preprint, preprint
    if conference := CONFERENCE.fullmatch(entry.text, start):
        return "C", _read_imprint, conference
    if book := BOOK.fullmatch(entry.text, start):
        return "M", _read_imprint, book
    journal = JOURNAL.fullmatch(entry.text, start)
    if journal and (journal["volume"] or journal["volume2"] or journal["issue"] or journal["pages"]) and not (
            _IMPRINT_IN_CONTAINER.search(journal["container"])):
        return "J", take_journal, journal
    container = JOURNAL_WITHOUT_YEAR.fullmatch(entry.text, start)
    if fields["doi"] and container and not re.search(YEAR, text):
        return "J", _read_container, container
    nothing = NOTHING.fullmatch(entry.text, start)
    if fields["url"] and nothing:
        return "EB", _read_nothing, nothing
    return None


def _read_imprint(entry, match: re.Match, fields: dict) -> None:
    """A `CONFERENCE` or `BOOK` match: container (a conference's), place, publisher, date, pages."""
    fields["year"] = int(match["date_y"])
    fields["pub_date"] = fields["pub_date"] or iso_date(match, "date")
    for name in ("container", "place", "publisher", "pages"):
        if name in match.re.groupindex:
            fields[name] = entry.take_group(match, name)
    entry.take(*match.span())


def _read_container(entry, match: re.Match, fields: dict) -> None:
    fields["container"] = entry.take_group(match, "container")
    entry.take(*match.span())


def _read_preprint(entry, match: re.Match, fields: dict) -> None:
    fields["doc_number"] = entry.take_group(match, "number")
    fields["publisher"] = match["server"]
    start = match.start()
    entry.take(*match.span())
    year = re.compile(rf"{START}(?P<year>{YEAR}){END}").fullmatch(entry.text, start)
    if year:
        fields["year"] = int(year["year"])
        fields["pub_date"] = fields["pub_date"] or year["year"]
        entry.take(*year.span())


def _read_nothing(entry, match: re.Match, fields: dict) -> None:
    return None


def _read_standard(entry, fields: dict) -> tuple[bool, int]:
    """`GB/T 7714—2015 信息与文献 参考文献著录规则. 北京: 中国标准出版社, 2015.`"""
    fields["doc_type"] = "S"
    end = next(_SENTENCE_END.finditer(entry.text), None)
    title_end = end.start() if end else len(entry.text)
    read_title(entry, 0, title_end, fields)
    if not end:
        return True, title_end
    position = read_elements(entry, end.end(), fields)
    placed = read_publication(entry, position, fields) or read_publisher_and_date(entry, position, fields)
    return placed, end.end()
