"""Entries in IEEE style (Taiwanese theses, CS papers, Typst/biblatex and Zotero defaults), English and Chinese:

    E. Banin, D. Hughes, and O. P. Kuipers, "Editorial: …," FEMS Microbiol. Rev., vol. 41, no. 3, pp. 450–452, 2017.
    于潇, 刘义, 柴跃廷和孙宏波, “互联网药品……模式”, 清华大学学报（自然科学版）, 卷 52, 期 11, 页 1518–1523, 2012.
    A. Kinchy, Seeds, sciences, and struggle: …. Cambridge, Mass.: MIT Press, 2012, p. 50. Accessed: July 14, 2013.
        [Online]. Available: http://…
    张伯伟, 全唐五代诗格汇考. 南京: 江苏古籍出版社, 2002, 页 288.
    王琦, “融合星载GNSS-R……”, 博士学位论文, 武汉大学, 武汉, 2022.
    北京鲁迅博物馆, “北京鲁迅博物馆志愿服务章程”, 4月 21, 2021. http://… (见于 5月 02, 2023).

Names come first (initials before the surname, `and` / `和` before the last, `et al.` / `等`, `Eds.` / `编` for
editors), then the title in quotes (an article, chapter, thesis, report, web page) or up to its period (a
book), then comma-separated elements, each told by its form: `vol.`/`卷`, `no.`/`期`, `pp.`/`p.`/`页`,
`Art. no.`, a date (`Oct. 06, 2022`, `11月 20, 2000`, `2012`), an edition (`2nd ed.`, `2 版`), `in` / `收入`
and the host's title, a thesis mark, `Place: Publisher`, a document number (`CN101106276A`), and plain
text: after a quoted title, the journal (followed by volume or pages) or the publisher and its place.
The access date (`Accessed: …`, `见于: …`, `(accessed …)`) and `[Online]. Available:` close the entry.
"""

from __future__ import annotations

import re

from .names import ANONYMOUS
from .patterns import YEAR
from .publication import EDITION

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# `Oct. 06, 2022`, `June 2014`, `11月 20, 2000`, `5月 2024`, `2012`
DATE = (rf"(?:(?P<mon>{_MONTH_NAME})\s+(?:(?P<day>\d{{1,2}})\s*,\s*)?"
        rf"|(?P<zm>1[0-2]|0?[1-9])月\s*(?:(?P<zd>\d{{1,2}})\s*,\s*)?)?(?P<year>{YEAR})(?![\d-])")
_DATE = re.compile(rf"^{DATE}$")
_ACCESSED = re.compile(
    rf"[\s.,]*\(?\s*(?:Accessed|见于)\s*:?\s*{DATE}\s*\)?\s*\.?", re.IGNORECASE)
_ACCESSED_WORD = re.compile(r"Accessed|见于", re.IGNORECASE)  # what _ACCESSED needs: its leading [\s.,]* is slow
_ONLINE = re.compile(r"[\s.,]*\[\s*(?:Online|在线)(?:\s+\w+)?\s*\]\s*\.?\s*(?:Available|载于)\s*:\s*", re.IGNORECASE)
# `, "Title," Journal` (IEEE proper: the comma inside the quotes) or `, “标题”, 刊名` (the comma after them)
_QUOTED_TITLE = re.compile(r"(?:^|,\s*)[“\"](?P<title>[^”\"]+?)(?:(?P<inner>[,.])[”\"]\s*|[”\"]\s*(?=[,.]|$))")
_INITIALS_FIRST = re.compile(r"^(?:[A-Z]\.(?:\s?-?[A-Z]\.)*\s+)+(?:[a-z]+\s+)*(?:[A-Z][a-z]+\s+)?[A-Z][\w'’\-]+")
_HAN_NAME = r"[\u3400-\u9fff·]{2,4}"
_HAN_BODY = (r"[\u3400-\u9fff·A-Za-z（）()《》]{2,40}?"
             r"(?:会|部|院|局|所|中心|公司|委员会|大学|学会|馆|厅|室|组|社|集团|政府|（[^（）]+）|\([^()]+\))")
_LATIN_SURNAME_FIRST = r"[A-Z][\w'\-]+(?:\s+[A-Z]\.?)+"
# a body's name in Latin script: capitalised words (small words between them) with a word naming a body
_BODY_WORD = (r"(?:Institute|Academy|University|Association|Society|Organi[sz]ation|Council|Department|Ministry|Agency"
              r"|Committee|Office|Bureau|Cent(?:er|re)|Foundation|Library|Museum|Corporation|Commission|Federation"
              r"|Laboratory|Authority|Administration|Consortium|Group)")
_LATIN_BODY = (r"(?=[^,]*\b" + _BODY_WORD + r"\b)[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|of|for|the|on|de|des|für|und))*")
_NAME = (rf"(?:{_INITIALS_FIRST.pattern[1:]}(?:,?\s+Jr\.?)?|{_HAN_NAME}|{_HAN_BODY}|{_LATIN_SURNAME_FIRST}"
         rf"|{_LATIN_BODY})")
_NAME_JOIN = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|,\s*)\s*")
_COMMON_SURNAMES = (
    # the commonest Chinese surnames: `和` joins two names (`战德臣和张丽杰`), not a body's words (`工业和信息化部`)
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
    "石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁"
    "岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
    "时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝訾仉斯")
# `Kinchy A. Seeds…`, `Santer R D, …`: a name printed surname first opens a GB/T-like entry, not an IEEE one
_SURNAME_FIRST_OPENING = re.compile(r"[A-Z][\w'\-]+(?:\s+[A-Z](?:\.|\b))+\s*(?:[,.]|$)")
_BODY_END = "会院部局所心司学馆厅室组社团府"
_ET_AL = re.compile(r"\s*(?:et al\.?|等)$")
_EDITORS_MARK = re.compile(r",\s*(?:Eds?\.|编)\s*$")
# a period closing an element (not one after an initial or abbreviation: `J. A.`, `Jr.`, `Eds.`, `Mass.`)
_SENTENCE_PERIOD = re.compile(
    r"(?<![A-Z])(?<!\bJr)(?<!\bSr)(?<!\bEds)(?<!\bEd)(?<!\bRev)(?<!\bvol)(?<!\bno)(?<!\bpp)(?<!\bp)\.(?:\s+|$)")
_PLACE = r"[^:,.]+(?:,\s*[A-Z][a-z]{0,4}\.|,\s*(?:[A-Z]\.){1,3})?"
_IMPRINT = re.compile(rf"^(?:(?P<place>{_PLACE})\s*:\s*)?(?P<publisher>[^:]+?)$")
_BOOK_IMPRINT = re.compile(
    rf"(?:(?P<place>{_PLACE})\s*:\s*)?(?P<publisher>[^:\s](?:[^:.]|\.(?!\s)|(?<=\b[A-Z])\.)*?),\s*{DATE}"
    rf"(?:,\s*(?:pp?\.|页)\s*(?P<pages>[^,]+?))?[\s.]*")
_VOLUME = re.compile(r"^(?:vol\.|卷)\s*(?P<v>.+)$", re.IGNORECASE)
_ISSUE = re.compile(r"^(?:no\.|期)\s*(?P<v>.+)$", re.IGNORECASE)
_PAGES = re.compile(r"^(?:pp?\.|页|Art\.\s*(?:no\.|期))\s*(?P<v>.+)$", re.IGNORECASE)
_HOST = re.compile(r"^(?:in|收入)\s+(?P<v>.+)$")
_THESIS = re.compile(r"^(?:博士|硕士|碩士)学位论文|^(?:Doctoral|Master'?s|Ph\.?\s?D\.?)\s+(?:dissertation|thesis)$",
                     re.IGNORECASE)
_NUMBER = re.compile(r"^(?=.*\d)(?=.*[A-Z])[A-Z0-9][A-Z0-9\-/.～~ ]{3,40}$")
_SPLIT = re.compile(r"\s*,\s*")
_COUNTRY = re.compile(r"China|P\.\s?R\.\s?China|USA|U\.S\.A\.|UK|U\.K\.|Japan|Korea|Germany|France|Italy|Spain|Canada"
                      r"|Australia|India|Singapore|Switzerland|Netherlands|Sweden|Austria|Belgium|Brazil|Russia"
                      r"|中国|美国|日本|英国|德国|法国")
# an edition named by its printing (`同文书局影印本`, `武英殿刻本`, `修订本`)
_PRINTING = re.compile(r"[\u3400-\u9fff]{0,10}(?:影印|刻|抄|写|稿|排印|铅印|石印|修订|增订|校注|校点)本")


def looks_like_ieee(text: str) -> bool:
    """An IEEE entry: names with initials first, a title in quotes right after the names or opening the entry,
    or `names, title. place: publisher, year` (a book: names and title parted by a comma, not a period)."""
    if _INITIALS_FIRST.match(text):
        return True
    if _QUOTED_TITLE.search(text[:400]) and _names_before_quote(text):
        return True
    text = _ONLINE.sub(" ", _ACCESSED.sub(" ", text) if _ACCESSED_WORD.search(text) else text)
    book = _book(text.rstrip(" .,"))
    return bool(book and (book[1] or "," in book[0]))


def _book(text: str) -> tuple[str, int, re.Match] | None:
    """(head, names in it, imprint) of `names, title[, edition]. [place:] publisher, year[, p. n]`, else None."""
    for period in _SENTENCE_PERIOD.finditer(text):
        imprint = _BOOK_IMPRINT.fullmatch(text, period.end())
        if not imprint:
            continue
        head = text[:period.start()]
        if _SENTENCE_PERIOD.search(head + " ") or _SURNAME_FIRST_OPENING.match(head):
            return None
        parts = _SPLIT.split(head)
        while len(parts) > 1 and _element(parts[-1], {}, probe=True):
            parts.pop()
        split = _names_split(parts)
        return (head, split, imprint) if split is not None else None
    return None


def _split_han_and(text: str) -> list[str]:
    """`战德臣和张丽杰` -> two names; `工业和信息化部` stays one: `和` joins names when a common surname follows
    it, or a body's name (`…协会`) or a name of three or four Han characters precedes it."""
    for match in re.finditer(r"(?<=[\u3400-\u9fff.])和(?=[\u3400-\u9fff])", text):
        left, right = text[:match.start()], text[match.end():]
        if (right[0] in _COMMON_SURNAMES or left[-1] in _BODY_END or re.fullmatch(r"[\u3400-\u9fff·]{3,4}", left)
                or re.fullmatch(_LATIN_SURNAME_FIRST, left)):
            return [left, *_split_han_and(right)]
    return [text]


def _names_before_quote(text: str) -> bool:
    quote = _QUOTED_TITLE.search(text)
    head = text[:quote.start()].strip(" ,") if quote else ""
    return not head or read_names(head, body=True) is not None


# A body's name where a name list stands (before a quoted title, before `Ed.`): no period ends a sentence in it.
_BODY = re.compile(r"[^\s\d“”\"\[\]:;,.][^“”\"\[\]:;]{0,78}(?<![.,])")


def read_names(text: str, body: bool = False) -> tuple[list[str], bool] | None:
    """`E. Banin, D. Hughes, and O. P. Kuipers` -> (names, editors?); None when `text` is no IEEE name list."""
    text = text.strip(" ,")
    editors = bool(_EDITORS_MARK.search(text))
    text = _ET_AL.sub("", _EDITORS_MARK.sub("", text)).strip(" ,")
    text = re.sub(r",\s*(Jr\.?|Sr\.?)(?=,|$)", r" \1", text)
    parts = [name for p in _NAME_JOIN.split(text) if p for name in _split_han_and(p)]
    if not parts or not all(re.fullmatch(_NAME, p) or ANONYMOUS.fullmatch(p) for p in parts):
        return ([text], editors) if body and _BODY.fullmatch(text) else None
    return [p for p in parts if not ANONYMOUS.fullmatch(p)], editors


def read_ieee(entry, fields: dict) -> bool:
    """Fields of an IEEE entry (module docstring); False, with nothing taken, when it does not read as one."""
    text = entry.text
    end = len(text.rstrip(" ."))
    accessed = _ACCESSED.search(text) if _ACCESSED_WORD.search(text) else None
    if accessed:
        fields["accessed_date"] = _iso(accessed)
        entry.take(*accessed.span())
    online = _ONLINE.search(entry.text)
    if online:
        entry.take(*online.span())
    text = entry.text
    end = len(text.rstrip(" .,"))
    quote = _QUOTED_TITLE.search(text, 0, 400)
    if quote and _names_before_quote(text[:end]):
        head = text[:quote.start()].strip(" ,")
        fields["title"] = entry.printed[quote.start("title"):quote.end("title")].strip()
        rest_start, after_comma = quote.end(), quote["inner"] == "," or text[quote.end():].lstrip()[:1] == ","
    else:
        book = _book(text[:end])
        if not book:
            return False
        head_text, split, imprint = book
        parts = _SPLIT.split(head_text)
        head = ", ".join(parts[:split])
        title_parts = parts[split:]
        while len(title_parts) > 1 and _element(title_parts[-1], fields, probe=True):
            _element(title_parts.pop(), fields)
        start = text.index(title_parts[0], len(head))
        last = text.rindex(title_parts[-1], start, len(head_text))  # `(SocProS 2012), …, 2012`: the last `2012`
        fields["title"] = entry.printed[start:last + len(title_parts[-1])]
        fields["place"] = imprint["place"].strip() if imprint["place"] else None
        fields["publisher"] = imprint["publisher"].strip()
        _date(imprint, fields)
        fields["pages"] = imprint["pages"]
        rest_start, after_comma = end, False
    if head:
        names = read_names(head, body=quote is not None and head == text[:quote.start()].strip(" ,"))
        if names is None:
            return False
        fields["editors" if names[1] else "authors"] = names[0]
    _read_elements(text[rest_start:end], after_comma, fields)
    fields["doc_type"] = fields["doc_type"] or _type_of(fields)
    as_printed(entry, fields)
    entry.take(0, len(entry.text))
    return True


_READ_FIELDS = ("title", "container", "place", "publisher", "volume", "issue", "pages", "edition", "doc_number")


def as_printed(entry, fields: dict) -> None:
    """Values were read on the folded text (`，` as `,`, `–` as `-`): each is given back as the entry prints it."""
    for name in _READ_FIELDS:
        if fields[name]:
            fields[name] = entry.as_printed(fields[name])
    for name in ("authors", "editors", "translators"):
        fields[name] = [entry.as_printed(n) for n in fields[name]]


def _names_split(parts: list[str]) -> int | None:
    """How many leading comma-separated parts of a book's head are names (at least one part left for the title)."""
    count = 0
    while count < len(parts) - 1:
        if re.fullmatch(r"(?:Jr|Sr)\.?|Eds?\.|编", parts[count + 1]) and count + 2 < len(parts):
            count += 1  # the suffix or editors mark goes with the names before it
        if read_names(", ".join(parts[:count + 1])) is None:
            break
        count += 1
    return count


def _read_elements(rest: str, after_comma: bool, fields: dict) -> None:
    rest = rest.strip(" .,")
    if not rest:
        return
    rest = _protect_dates(rest)
    segments = [s.replace("\0", ",") for s in re.split(r"\s*,\s*|(?<=[\d)\-])\.\s+", rest) if s.strip(" .")]
    plain: list[str] = []
    host_at, last_plain = None, -1
    for at, segment in enumerate(segments):
        segment = segment.strip(" .")
        if host_at is None and _HOST.match(segment) and not fields["container"]:
            host_at = at
        editors_mark = re.match(r"^(?:Eds?\.|编)\s*(?P<rest>.*)$", segment)
        editors = read_names(", ".join(plain), body=True) if editors_mark and plain else None
        if editors_mark and editors is not None:
            fields["editors"] = fields["editors"] or editors[0]
            plain = []
            if editors_mark["rest"]:
                _imprint(editors_mark["rest"], fields)
            continue
        imprint_after_place = ":" in segment and not fields["publisher"] and plain and last_plain == at - 1
        if not _element(segment, fields):
            plain.append(segment)
            last_plain = at
        elif imprint_after_place and fields["publisher"] and re.fullmatch(r"[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*",
                                                                           plain[-1]):
            # `Pittsburgh, Pennsylvania: ACM`: the place's first part stood before the comma
            fields["place"] = ", ".join(p for p in (plain.pop(), fields["place"]) if p)
    if not plain:
        return
    if host_at is not None and last_plain > host_at and not fields["publisher"]:
        # `in Symposium …, August 23-25, 1971, University …, Los Angeles, 1971, pp. 17–38`: the host's name runs on
        host = _HOST.match(", ".join(s.strip(" .") for s in segments[host_at:last_plain + 1]))
        if host:
            fields["container"] = host["v"]
            if fields["doc_number"] and fields["doc_number"] in host["v"]:
                fields["doc_number"] = None  # `ICSM 2003` inside the host's name
            return
    if len(plain) == 2 and _COUNTRY.fullmatch(plain[1]) and not fields["doc_type"]:
        fields["place"] = ", ".join(plain)  # `“Title”, Changzhou, China, Dec. 2022`: a place, no publisher
        return
    if fields["doc_type"] == "D" or len(plain) >= 2:
        fields["publisher"], fields["place"] = plain[0], plain[1] if len(plain) > 1 else None
        plain = plain[2:]
    elif after_comma and not fields["container"]:
        fields["container"] = plain.pop(0)
        if not (fields["volume"] or fields["issue"]) and re.fullmatch(r"[A-Z][a-z]+", fields["container"]):
            # IEEE prints a journal's volume or number: `“Title”, Seattle, 2024, p. 4` names a place as well
            fields["parse_issue"] = f"journal or place: {fields['container']}"
    elif not fields["publisher"]:
        fields["publisher"] = plain.pop(0)
    if plain and not fields["doc_number"] and fields["publisher"] and not fields["place"]:
        fields["place"] = plain.pop(0)
    if plain:
        fields["parse_issue"] = f"not placed: {', '.join(plain)}"


def _protect_dates(text: str) -> str:
    """The comma inside `Oct. 06, 2022` and `Cambridge, Mass.:` is no element separator."""
    text = re.sub(rf"((?:{_MONTH_NAME}|(?:1[0-2]|0?[1-9])月)\s*\d{{1,2}})\s*,\s*(?={YEAR})", "\\1\0 ", text)
    return re.sub(r",\s*((?:[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){1,3})\s*:)", "\0 \\1", text)


def _element(segment: str, fields: dict, probe: bool = False) -> bool:
    """Read one element by its form into `fields` (probe: only tell whether it is one of the known forms)."""
    segment = segment.strip(" .")
    for pattern, name in ((_VOLUME, "volume"), (_ISSUE, "issue"), (_PAGES, "pages"), (_HOST, "container")):
        match = pattern.match(segment)
        if match:
            if not probe:
                fields[name] = fields[name] or match["v"].strip()
            return True
    if EDITION.fullmatch(segment) or re.fullmatch(r"\d+\s*版|[^\s,]{0,6}版|(?:Rev|Revised)\.?\s+ed", segment) \
            or _PRINTING.fullmatch(segment):
        if not probe:
            fields["edition"] = fields["edition"] or segment
        return True
    if probe:
        return False
    date = _DATE.match(segment.replace("\0", ","))
    if date:
        _date(date, fields)
        return True
    if _THESIS.search(segment):
        fields["doc_type"] = "D"
        return True
    if ":" in segment and not fields["publisher"]:
        _imprint(segment, fields)
        return True
    if _NUMBER.fullmatch(segment) and segment.count(" ") <= 1:
        fields["doc_number"] = segment
        return True
    names = re.match(r"^(?P<names>.+?)\s*,?\s*(?:Eds?\.|编)\s*(?P<rest>.*)$", segment)
    editors = read_names(names["names"]) if names else None
    if names and editors is not None:
        fields["editors"] = fields["editors"] or editors[0]
        if names["rest"]:
            _imprint(names["rest"], fields)
        return True
    return False


def _imprint(text: str, fields: dict) -> None:
    match = _IMPRINT.match(text.replace("\0", ",").strip(" ."))
    if match:
        fields["place"] = match["place"].strip() if match["place"] else fields["place"]
        fields["publisher"] = match["publisher"].strip()


def _date(match: re.Match, fields: dict) -> None:
    fields["year"] = int(match["year"])
    fields["pub_date"] = _iso(match)


def _iso(match: re.Match) -> str:
    month = _MONTHS.get(match["mon"][:3].lower()) if match["mon"] else (int(match["zm"]) if match["zm"] else None)
    day = match["day"] or match["zd"]
    parts = [match["year"]] + ([f"{month:02d}"] if month else []) + ([f"{int(day):02d}"] if month and day else [])
    return "-".join(parts)


_MEETING_WORD = re.compile(r"\b(?:Conference|Proceedings|Proc\.|Symposium|Workshop|Congress)\b|会议|研讨会")


def _type_of(fields: dict) -> str:
    if fields["container"] and _MEETING_WORD.search(fields["container"]):
        return "C"
    if fields["container"] and (fields["volume"] or fields["issue"] or fields["pages"]) and not fields["publisher"]:
        return "J"
    if fields["doc_number"] and re.match(r"[A-Z]{2}\d{6,}", fields["doc_number"]):
        return "P"
    if fields["doc_number"]:
        return "R"
    if fields["container"] and not fields["publisher"]:
        return "J"
    if fields["publisher"] or fields["editors"]:
        return "M"
    if fields["url"]:
        return "EB"
    return "Z"
