"""The part of an entry after its type code: responsibility, edition, then where it was published.

    [M]. 其他责任者(译). 版本项. 出版地: 出版者, 出版年: 页码.
    [J]. 刊名, 年, 卷(期): 页码.          [N]. 报纸名, 出版日期(版次).
    [M]//主编. 文集名: 第 N 卷. 版本. 出版地: 出版者, 年: 页码.
    [J]. 1984, 1(1)-. 出版地: 出版者, 1984-.         (a serial and its holdings)
    [DS/OL]. V1.0. 发布平台(发布日期)[引用日期].   [PP/OL]. 预印本平台(日期)[日期].

Each reader takes what it recognises out of the working copy (`Entry.take`) and
returns True when its form matched; what is left over lowers `parse_status`.
"""

from __future__ import annotations

import re

from .head import read_host_title
from .names import author_stop, split_names
from .patterns import FOLD, TYPE_CODE, YEAR, date_pattern, iso_date
from .settings import DEFAULT_SETTINGS, ReferenceSettings

PAGES = r"(?:[^\s.\[\]()]|(?<=\d)\.(?=\d))(?:[^.\[\]()]|(?<=\d)\.(?=\d))*?"
END = r"[\s.,;]*"
START = r"[\s.,;]*"
# A place may end in an abbreviation after a comma: `Littleton，Colo.`, `Washington，D.C.`, `Cambridge，Mass.`.
PLACE = r"(?:\[[^\]]*\]|[^\s.:,\[\]][^.:\[\]]*?(?:,\s*(?:[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){1,3})(?=\s*:))?)"
_UNKNOWN_PLACE_OR_PUBLISHER = re.compile(
    r"\[(?:出版地不[详詳]|出版[者社]不[详詳]|s\.\s*l\.|s\.\s*n\.)\]", re.I)
# `1865（清同治四年）`: a year with its era date.
ERA = r"(?:\s*\((?P<era>[^()]*[\u4e00-\u9fff]+年[^()]*)\))?"
_OPEN_RANGE = rf"(?P<range>\s*[-/]\s*(?P<until>{YEAR})?(?=[\s.,;]*$))?"

ACCESSED = re.compile(
    rf"\[\s*(?:引用日期|访问日期|訪問日期|accessed|cited|retrieved)?\s*:?\s*{date_pattern('acc')}\s*\]", re.IGNORECASE
)
DATE_IN_PARENS = re.compile(rf"\(\s*{date_pattern('pub')}\s*\)")
# `//` before the host; a single `/` right after the type code is taken for it (`[C]/IEEE … Meeting`)
_CONTRIBUTION_MARK = re.compile(r"\s*//\s*")
_SINGLE_SLASH_MARK = re.compile(r"\s*/(?!/)\s*")

# `2018, 43(2): 10-18`; journals without volumes print `2018(5): 12-20` or `2018, (5): 12-20`.
JOURNAL = re.compile(
    rf"{START}(?P<container>[^\s.,;:].*?)\s*,\s*(?P<year>{YEAR})[a-z]?"
    rf"(?:\s*,\s*(?P<volume>[^\s,():][^,():]*?)|\.(?P<volume2>\d+))?(?:\s*,?\s*\(\s*(?P<issue>[^()]+?)\s*\))?"
    rf"(?:\s*:\s*(?P<pages>{PAGES}))?{END}"
)  # `2018.84: 58-77`: the year closed by a period before the volume
NEWSPAPER = re.compile(
    rf"{START}(?P<container>[^\s.,;:].*?)\s*,\s*{date_pattern('date', month_required=True)}"
    rf"(?:\s*\(\s*(?P<pages>[^()]*?)\s*\))?(?:\s*:\s*(?P<pages2>{PAGES}))?{END}"
)
# A map's size printed after its imprint: `128cm×84cm`.
DIMENSIONS = r"(?:[\s.]*\d+(?:\.\d+)?\s*cm\s*\S{1,3}\s*\d+(?:\.\d+)?\s*cm)?"
PUBLICATION = re.compile(
    rf"(?P<place>{PLACE})\s*:\s*(?P<publisher>[^\s:][^:]*?)\s*,\s*{date_pattern('date')}{ERA}{_OPEN_RANGE}"
    rf"(?:\s*:\s*(?P<pages>{PAGES})|\s*[.,]\s*(?P<pages2>\d+(?:\s*-\s*\d+)?(?![\d.]|\s*[A-Za-z$×])))?{DIMENSIONS}{END}$"
)  # `北京: 电子工业出版社, 2010. 154-164`, `北京: 科学出版社, 1973, 56-60`: pages after a period or a comma
PUBLISHER_AND_DATE = re.compile(
    rf"{START}(?P<publisher>[^\s.:,][^:]*?)\s*[,.]\s*{date_pattern('date')}{ERA}(?:\s*:\s*(?P<pages>{PAGES}))?{END}"
)
DATE_ONLY = re.compile(rf"{START}{date_pattern('date')}{ERA}(?:\s*:\s*(?P<pages>{PAGES}))?{END}")
# Author-year styles print the year after the names and leave it out of the imprint.
_PAGES_NO_COLON = r"(?:[^\s.:\[\]()]|(?<=\d)\.(?=\d))(?:[^.:\[\]()]|(?<=\d)\.(?=\d))*?"
PUBLICATION_WITHOUT_YEAR = re.compile(
    rf"{START}(?P<place>{PLACE})\s*:\s*(?P<publisher>[^\s:][^:]*?)(?:\s*:\s*(?P<pages>{_PAGES_NO_COLON}))?{DIMENSIONS}{END}$"
)
PUBLISHER_WITHOUT_YEAR = re.compile(
    rf"{START}(?P<publisher>[^\s.:,\[\]][^:\[\]]*?)(?:\s*:\s*(?P<pages>{_PAGES_NO_COLON}))?{END}")
JOURNAL_WITHOUT_YEAR = re.compile(
    rf"{START}(?P<container>[^\s.,;:\[\]()](?:[^:\[\]()]|\([^()\d]*\))*?)(?:\s*,\s*(?P<volume>[^\s,():][^,():]*?))?"
    rf"(?:\s*,?\s*\(\s*(?P<issue>[^()]+?)\s*\))?(?:\s*:\s*(?P<pages>{PAGES}))?{END}"
)
PLATFORM = re.compile(rf"{START}(?P<publisher>[^\s.:,\[\]][^:\[\]]*?){END}")
NOTHING = re.compile(END)
UNKNOWN_TYPE = "?"  # doc_type while an entry without a type code is read

# Elements between the type code and the imprint, each closed by a period (or `//`).
_CLOSE = r"(?=\s*(?:\.|//|$)|(?<=\.)\s)"
_NAMES = r"[^.:/\[\]]+?"
TRANSLATORS = re.compile(
    rf"(?P<names>{_NAMES})\s*[,，]?\s*(?:译|譯|翻译|翻譯|编译|編譯|译注|譯注)\s*{_CLOSE}"
    rf"|(?i:translated\s+by|trans\.\s+by|tr\.\s+by)\s+(?P<names2>{_NAMES}){_CLOSE}"
    rf"|(?P<names3>{_NAMES})\s*,\s*(?i:trans|tr)\.{_CLOSE}"
)
EDITORS = re.compile(
    rf"(?P<names>{_NAMES})\s*[,，]?\s*(?:主编|主編|编|編|编著|編著|(?i:eds?|edited))\.?{_CLOSE}"
    rf"|(?i:edited\s+by|ed\.\s+by)\s+(?P<names2>{_NAMES}){_CLOSE}"
)
OTHER_CONTRIBUTORS = re.compile(rf"{_NAMES}\s*[,，]?\s*(?:校注|点校|點校|整理|校|注|绘|繪|摄|攝){_CLOSE}")
EDITION = re.compile(
    r"(?P<edition>第?\s*[\d一二三四五六七八九十]+\s*版|新\s*\d*\s*版|\d{4}\s*版"
    r"|(?:修订|增订|修訂|增訂|重订|重訂)(?:版|本)|[\u4e00-\u9fff]{0,2}(?:刻本|影印本|抄本|稿本|铅印本|石印本|重印本)"
    r"|\d+\s*(?:st|nd|rd|th)\s+(?i:ed|edn|edition)\.?|(?i:rev|revised|new|enl|enlarged)\.?\s+(?i:ed|edn|edition)\.?"
    r"|[Vv]\s?\d+(?:\.\d+)*|(?i:version|ver\.)\s*\d+(?:\.\d+)*)"
    rf"{_CLOSE}"
)
# A serial's holdings: `1984, 1(1)-` (still running) or `1957(1)-1990(4)`, after the first year where a style
# prints it again (`1984, 1984, 1(1)-`, `1957/[1990], 1957(1)-1990(4)`).
HOLDINGS = re.compile(
    rf"(?:(?P<holdings_year>{YEAR})(?:\s*/\s*\[?{YEAR}\]?)?\s*,\s*(?={YEAR}))?(?P<holdings>{YEAR}(?:\s*,\s*\d+)?\s*\(\s*[^()]+?\s*\)\s*-\s*(?:{YEAR}(?:\s*,\s*\d+)?\s*\(\s*[^()]+?\s*\))?)"
    rf"(?=\s*\.)"
)


def read_after_code(entry, start: int, fields: dict, settings: ReferenceSettings = DEFAULT_SETTINGS) -> bool:
    """Dates, other responsibility, edition, then the imprint or source; True when a known form matched."""
    accessed = ACCESSED.search(entry.text, start)
    if accessed and accessed["acc_m"]:  # `[1990]` alone is a supplied year, not a date of access
        fields["accessed_date"] = iso_date(accessed, "acc")
        entry.take(*accessed.span())
    published = DATE_IN_PARENS.search(entry.text, start)
    if published and (published["pub_m"] or is_online(fields)):
        fields["pub_date"] = iso_date(published, "pub")
        entry.take(*published.span())

    mark = _CONTRIBUTION_MARK.search(entry.text, start) or _SINGLE_SLASH_MARK.match(entry.text, start)
    host_code = TYPE_CODE.search(entry.text, start)
    if mark or host_code:
        return _read_contribution(entry, start, mark, host_code, fields, settings)
    volume = fields["volume"]
    start = read_elements(entry, start, fields)
    # a serial's holdings read: what follows is its imprint (`武汉: 出版者, 1984.`), not a journal's issue
    doc_type = "M" if fields["volume"] != volume and fields["doc_type"] == "J" else fields["doc_type"]
    forms = _forms_for(doc_type)
    if fields["style"] == "gbt7714-author-year":  # the year stands after the names: an imprint without one first
        forms = (*_forms_without_year(doc_type), *forms) if doc_type == "J" else (
            *forms, *_forms_without_year(doc_type))
    return any(form(entry, start, fields) for form in forms)


def is_online(fields: dict) -> bool:
    return fields["carrier"] == "OL" or fields["doc_type"] in ("EB", "DB", "DS", "CP", "PP")


def skip(pattern: str, text: str, position: int) -> int:
    """Where `pattern` (one that may match nothing, like `START`) ends when matched at `position`."""
    match = re.compile(pattern).match(text, position)
    return match.end() if match else position


def read_elements(entry, start: int, fields: dict) -> int:
    """Take the translators, editors, edition and holdings printed before the imprint; where the rest starts."""
    while True:
        position = skip(START, entry.text, start)
        for pattern, read in _ELEMENTS:
            match = pattern.match(entry.text, position)
            if match and match.end() > position:
                read(entry, match, fields)
                entry.take(*match.span())
                start = match.end()
                break
        else:
            return start


def _read_translators(entry, match: re.Match, fields: dict) -> None:
    group = next(g for g in ("names", "names2", "names3") if match[g])
    fields["translators"] = fields.get("translators") or split_names(entry.printed[slice(*match.span(group))])


def _read_editors(entry, match: re.Match, fields: dict) -> None:
    group = next(g for g in ("names", "names2") if match[g])
    fields["editors"] = fields.get("editors") or split_names(entry.printed[slice(*match.span(group))])


def _read_edition(entry, match: re.Match, fields: dict) -> None:
    fields["edition"] = fields.get("edition") or entry.printed[slice(*match.span("edition"))].strip().rstrip(".")


def _read_holdings(entry, match: re.Match, fields: dict) -> None:
    fields["volume"] = entry.printed[slice(*match.span("holdings"))].strip()
    if match["holdings_year"] and not fields["year"]:
        fields["year"] = int(match["holdings_year"])
        fields["pub_date"] = fields["pub_date"] or match["holdings_year"]


def _read_nothing_more(entry, match: re.Match, fields: dict) -> None:
    return None


_ELEMENTS = (
    (TRANSLATORS, _read_translators), (EDITION, _read_edition), (HOLDINGS, _read_holdings),
    (EDITORS, _read_editors), (OTHER_CONTRIBUTORS, _read_nothing_more),
)


def _read_contribution(entry, start: int, mark, host_code, fields: dict, settings: ReferenceSettings) -> bool:
    """`[M]//主编.文集名.出版地:出版者,年:页码` or the 2005 `[A].主编.文集名[C].出版地:...`."""
    if mark and (not host_code or mark.start() < host_code.start()):
        read_elements(entry, start, fields)  # a translator of the part, before `//`
        entry.take(*mark.span())
        head_start = mark.end()
        host_end = len(entry.text)
        if host_code:  # `[A]//主编. 文集名[C]. 出版地: …`: the host's own code closes its title
            host_end = host_code.start()
            entry.take(*host_code.span())
    else:
        head_start = start
        host_end = host_code.start()
        entry.take(*host_code.span())
    imprint = PUBLICATION.search(entry.text, head_start)
    if not imprint and fields["style"] == "gbt7714-author-year":
        imprint = _last_sentence(PUBLICATION_WITHOUT_YEAR, entry.text, head_start)
    head_end = min(host_end, imprint.start()) if imprint else host_end
    if not imprint and mark:  # `//会议名，2022：2`, `//Security and Privacy. 2014: 689-704.`: the host, year, pages
        return _read_host_dated(entry, head_start, fields, settings) or _read_host_journal(
            entry, head_start, fields, settings)
    if not imprint:
        return False
    _read_host(entry, head_start, head_end, fields, settings)
    if imprint.re is PUBLICATION_WITHOUT_YEAR:
        return read_without_year(entry, head_end, fields, imprint.re, ("place", "publisher", "pages"))
    return read_publication(entry, head_end, fields, allow_prefix=False)


def _last_sentence(pattern: re.Pattern, text: str, start: int) -> re.Match | None:
    """`pattern` matched from the last sentence start (after `. `) at or after `start` to the end."""
    starts = [start] + [m.end() for m in re.finditer(r"\.\s+", text[start:])]
    for position in starts[::-1]:
        match = pattern.fullmatch(text, position if position == start else start + position)
        if match:
            return match
    return None


def _forms_without_year(doc_type: str | None) -> tuple:
    def journal(entry, start, fields):
        return read_without_year(entry, start, fields, JOURNAL_WITHOUT_YEAR, ("container", "volume", "issue", "pages"))

    def publication(entry, start, fields):
        return read_without_year(entry, start, fields, PUBLICATION_WITHOUT_YEAR, ("place", "publisher", "pages"))

    def publisher(entry, start, fields):
        return read_without_year(entry, start, fields, PUBLISHER_WITHOUT_YEAR, ("publisher", "pages"))

    if doc_type in ("J", "N"):
        return (journal, publication)
    return (publication, publisher)


def read_without_year(entry, start: int, fields: dict, pattern: re.Pattern, names: tuple[str, ...]) -> bool:
    match = pattern.fullmatch(entry.text, start)
    if not match:
        return False
    for name in names:
        value = entry.take_group(match, name)
        fields[name] = _known_or_none(value) if name in ("place", "publisher") else value
    entry.take(*match.span())
    return True


def _read_host(entry, start: int, end: int, fields: dict, settings: ReferenceSettings) -> None:
    """`主编. 文集名: 第 N 卷. 2 版.` -> editors, container, volume and edition of the host."""
    start = skip(r"[\s.]*", entry.text, start)
    end = _strip_trailing_elements(entry, start, end, fields)
    end = start + len(entry.text[start:end].rstrip(" ."))
    stop = author_stop(entry.text, start, end, settings)
    if stop is not None:
        fields["editors"] = split_names(entry.printed[start:stop])
        entry.take(start, stop + 1)
        start = stop + 1
    read_host_title(entry, start + len(entry.text[start:end]) - len(entry.text[start:end].lstrip()), end, fields)


def _strip_trailing_elements(entry, start: int, end: int, fields: dict) -> int:
    """Take an edition printed after the host title (`船山全书：第1册. 修订版.`); where the title part ends."""
    text_end = start + len(entry.text[start:end].rstrip(" ."))
    for period in reversed([m.start() for m in re.finditer(r"\.(?!\d)", entry.text[start:text_end])]):
        segment_start = start + period + 1
        match = EDITION.fullmatch(entry.text, segment_start + len(entry.text[segment_start:text_end])
                                  - len(entry.text[segment_start:text_end].lstrip()), text_end)
        if match:
            _read_edition(entry, match, fields)
            entry.take(start + period, text_end)
            return start + period
    return end


def _read_host_journal(entry, start: int, fields: dict, settings: ReferenceSettings) -> bool:
    match = JOURNAL.fullmatch(entry.text, start)
    if not match:
        return False
    fields["year"] = int(match["year"])
    fields["pub_date"] = fields["pub_date"] or match["year"]
    _read_host(entry, start, match.end("container"), fields, settings)
    for name in ("volume", "issue", "pages"):
        fields[name] = fields.get(name) or entry.take_group(match, name)
    fields["volume"] = fields["volume"] or entry.take_group(match, "volume2")
    _tidy_host(fields)
    entry.take(*match.span())
    return True


# a range of pages where the volume goes, without an issue or pages after it: `…, 2006, 527-529`
_PAGE_RANGE = re.compile(r"(?P<first>\d{1,5})\s*[-–—~]\s*(?P<last>\d{1,5})")


# a proceedings' city (and country) printed after its name: `…Conference Proceedings, Chengdu`, `…, Beijing, China`
_TRAILING_PLACE = re.compile(r"(?P<host>.+?)\s*,\s*(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?"
                             r"(?:\s*,\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)?)")


def _tidy_host(fields: dict) -> None:
    """What a journal-shaped host (`JOURNAL`) put in the wrong field: pages read as the volume, a city in the host."""
    _pages_for_volume(fields)
    _place_after_proceedings(fields)


def _place_after_proceedings(fields: dict) -> None:
    """A conference paper's host ending in a place name (`China-Japan Joint Microwave Conference Proceedings,
    Chengdu, 2006, 527-529`): the place goes to `place` (English proceedings print the city after the name)."""
    found = _TRAILING_PLACE.fullmatch(fields.get("container") or "")
    if found and fields.get("doc_type") == "C" and not fields.get("place") and not fields.get("volume") \
            and not fields.get("issue"):
        fields["container"], fields["place"] = found["host"], found["place"]


def _pages_for_volume(fields: dict) -> None:
    """`Proceedings, Chengdu, 2006, 527-529`: a rising range after the year, nothing after it, is the pages (a
    volume is one number, a combined issue goes in brackets)."""
    found = _PAGE_RANGE.fullmatch(fields["volume"] or "")
    if found and not fields["pages"] and not fields["issue"] and int(found["last"]) > int(found["first"]):
        fields["pages"], fields["volume"] = fields["volume"], None


# `Security and Privacy. 2014: 689-704`, `IEEE … General Meeting. Boston, USA, 2016`: a host without place and
# publisher, or with one of them
HOST_DATED = re.compile(
    rf"{START}(?P<container>[^\s.].*?)\.\s+(?:(?P<place>[^.:\d\s][^.:]*?)\s*,\s*)?(?P<year>{YEAR})"
    rf"(?:\s*:\s*(?P<pages>{PAGES}))?{END}"
)


def _read_host_dated(entry, start: int, fields: dict, settings: ReferenceSettings) -> bool:
    match = HOST_DATED.fullmatch(entry.text, start)
    if not match:
        return False
    fields["year"] = int(match["year"])
    fields["pub_date"] = fields["pub_date"] or match["year"]
    _read_host(entry, start, match.end("container"), fields, settings)
    where = entry.take_group(match, "place")
    if where:  # `Boston, USA, 2016`: a place and its country; `IEEE, 2014`: a publisher
        fields["place" if "," in where else "publisher"] = where
    fields["pages"] = fields.get("pages") or entry.take_group(match, "pages")
    entry.take(*match.span())
    return True


def _forms_for(doc_type: str | None) -> tuple:
    if doc_type == UNKNOWN_TYPE:  # no type code: the form that fits tells the type
        return (read_publication, read_publisher_and_date, read_newspaper, read_journal, read_date_only)
    if doc_type == "J":
        return (read_journal, read_newspaper, read_publication, read_date_only, read_nothing)
    if doc_type == "N":
        return (read_newspaper, read_journal, read_date_only, read_nothing)
    if doc_type in ("DS", "PP", "DB"):
        return (read_nothing, read_publication, read_publisher_and_date, read_date_only, read_platform)
    return (read_nothing, read_publication, read_publisher_and_date, read_newspaper, read_journal, read_date_only)


def read_journal(entry, start: int, fields: dict) -> bool:
    match = JOURNAL.fullmatch(entry.text, start)
    if not match:
        return False
    take_journal(entry, match, fields)
    return True


def take_journal(entry, match: re.Match, fields: dict) -> None:
    """Container, year, volume, issue and pages of a `JOURNAL` match."""
    fields["year"] = int(match["year"])
    fields["pub_date"] = fields["pub_date"] or match["year"]
    for name in ("container", "volume", "issue", "pages"):
        fields[name] = entry.take_group(match, name)
    fields["volume"] = fields["volume"] or entry.take_group(match, "volume2")
    _tidy_host(fields)
    entry.take(*match.span())


def read_newspaper(entry, start: int, fields: dict) -> bool:
    match = NEWSPAPER.fullmatch(entry.text, start)
    if not match:
        return False
    _take_date(entry, match, fields)
    fields["container"] = entry.take_group(match, "container")
    fields["pages"] = entry.take_group(match, "pages") or entry.take_group(match, "pages2")
    entry.take(*match.span())
    return True


def read_publication(entry, start: int, fields: dict, allow_prefix: bool = True) -> bool:
    match = PUBLICATION.search(entry.text, start)
    if not match:
        return False
    prefix = entry.text[start:match.start()]
    if prefix.strip(" .,;") and not allow_prefix:
        return False
    _take_date(entry, match, fields)
    if match["range"]:
        fields["pub_date"] = f"{match['date_y']}/{match['until'] or ''}"  # an ISO 8601 interval, open or closed
    fields["place"] = _known_or_none(entry.take_group(match, "place"))
    fields["publisher"] = _known_or_none(entry.take_group(match, "publisher"))
    fields["pages"] = entry.take_group(match, "pages") or entry.take_group(match, "pages2")
    entry.take(*match.span())
    return True


def read_publisher_and_date(entry, start: int, fields: dict) -> bool:
    match = PUBLISHER_AND_DATE.fullmatch(entry.text, start)
    if not match:
        return False
    _take_date(entry, match, fields)
    fields["publisher"] = _known_or_none(entry.take_group(match, "publisher"))
    fields["pages"] = entry.take_group(match, "pages")
    entry.take(*match.span())
    return True


def read_date_only(entry, start: int, fields: dict) -> bool:
    match = DATE_ONLY.fullmatch(entry.text, start)
    if not match:
        return False
    _take_date(entry, match, fields)
    fields["pages"] = entry.take_group(match, "pages")
    entry.take(*match.span())
    return True


def read_platform(entry, start: int, fields: dict) -> bool:
    """The platform of a data set or preprint whose date stood in parentheses after it."""
    match = PLATFORM.fullmatch(entry.text, start)
    if not match or not fields["pub_date"]:
        return False
    fields["publisher"] = entry.take_group(match, "publisher")
    entry.take(*match.span())
    return True


def read_nothing(entry, start: int, fields: dict) -> bool:
    return bool(NOTHING.fullmatch(entry.text, start))


def _take_date(entry, match: re.Match, fields: dict) -> None:
    fields["year"] = int(match["date_y"])
    fields["pub_date"] = fields["pub_date"] or iso_date(match, "date")
    entry.take(*match.span("date"))
    if "era" in match.re.groupindex and match["era"]:
        entry.take(*match.span("era"))


def _known_or_none(value: str | None) -> str | None:
    return None if value is None or _UNKNOWN_PLACE_OR_PUBLISHER.fullmatch(value.translate(FOLD)) else value
