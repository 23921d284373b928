"""Entries in the notes style of Chinese humanities and social-science journals (管理世界, 经济研究, 中国社会科学):
titles in book-title marks, the names before them closed by a colon, the source in words; English entries in the
same journals' order (names, year, title):

    张维迎：《博弈论与信息经济学》，上海：上海人民出版社，1996年。                                    (book)
    林毅夫：《制度、技术与中国农业发展》，上海三联书店1992年版，第12页。                              (book)
    [美]道格拉斯·诺思著，杭行译：《制度、制度变迁与经济绩效》，上海：格致出版社，2008年。              (translated)
    周黎安：《中国地方官员的晋升锦标赛模式研究》，《经济研究》2007年第7期，第36～50页。                (article)
    王某：《题名》，载李某、张某主编：《文集》，北京：社会科学文献出版社，2010年，第5～9页。            (chapter)
    李某：《题名》，《人民日报》2010年1月5日，第7版。                                               (newspaper)
    王某：《题名》，博士学位论文，北京大学，2010年。  王某：《题名》，北京大学博士学位论文，2010年。      (thesis)
    王某：《题名》，提交给中国经济学年会的论文，广州，2004年。                                      (meeting)
    周黎安，2007：《题名》，《经济研究》第7期。     (管理世界, 经济研究 now: the year after the names)
    Qian, Y. and Weingast, B. R., 1997, "Title", Journal of Economic Perspectives, vol.11(4), pp.83～99.
    North, D. C., 1990, Institutions, Institutional Change and Economic Performance, Cambridge: Cambridge
        University Press.
    Li, H., and L. Zhou, 2005, "Title", in Smith, A. (ed.), Book, New York: Wiley, pp.3-9.
    Name, A., 2005, "Title", NBER Working Paper, No. 11234.
    Douglass C. North, Title, Cambridge: Cambridge University Press, 1990, p.12.   (中国社会科学: Chicago's order)

Names are parted by `、`, `，`, `和`, `and`; `等` / `et al.` closes them; `著` / `编著` marks authors, `主编` / `编`
editors and `译` translators; a nationality (`[美]`, `（英）`) before a name is not part of it. The entry is chosen
by its shape (`looks_like_notes`): names then a colon then `《`, or a title in `《》` opening it; English names with
initials, then `, Year,`. The head (names and title) and the source are read part by part; a source in none of the
forms above is left where it stands, so the entry ends `partial` with what was not placed (see `entry`). The type
is inferred from the source's form (`type_inferred`); a chapter is a part of a book (`M` with its container and
editors), as the GB/T and APA readers read one.
"""

from __future__ import annotations

import re

from .patterns import YEAR, date_pattern, iso_date

_HAN = r"\u3400-\u9fff"
# a nationality or dynasty printed before a name: `[美]`, `（英）`, `〔清〕`
_NATIONALITY = re.compile(rf"^\s*[\[(〔]\s*[{_HAN}]{{1,3}}\s*[\])〕]\s*")
_ROLE = re.compile(r"(?:等)?(?P<role>编著|主编|编|著|译)$")
_ET_AL = re.compile(r"\s*(?:等人?|et\.?\s*al\.?)\s*$")
# the head of a Chinese entry: names (no digits, periods, colons, title marks or quotes) and a colon, then `《Title》`
# (no quotes: `徐某, “…《史记》…”` is a quoted title holding a book's name), the title's `》` followed by the source's
# comma, the journal's `《`, or the end
# (管理世界 and 经济研究 print the year between them: `周黎安，2007：《题名》，《经济研究》第7期。`, `林毅夫（1994）：`)
_HEAD = re.compile(r"\s*(?:(?P<names>[^《》:\d.\"“”]{1,120}?)"
                   rf"(?:\s*,\s*(?P<year>{YEAR})[a-z]?|\s*\(\s*(?P<pyear>{YEAR})[a-z]?\s*\))?\s*:\s*)?"
                   r"《(?P<title>[^《》]+)》"
                   r"(?=\s*(?:[,.(《第]|[上中下]\s*[册卷]|$))")
# after the title: its volume (`第23卷`, `上册`), edition (`（第2版）`), translators (`，杭行译`)
_TITLE_DETAIL = re.compile(
    r"\s*(?:\((?P<edition>[^()]{0,8}版)\)|(?P<volume>第\s*[\d一二三四五六七八九十百]+\s*[卷册]|[上中下]\s*[册卷])"
    r"|,\s*(?P<translators>[^,:《》\d]{1,40}?)\s*(?:等)?译(?=\s*,))")
_PAGES = r"\d+(?:\s*[~\-]\s*\d+)?"
_END = r"\s*\.?\s*$"
_ARTICLE = re.compile(
    rf"\s*,?\s*《(?P<container>[^《》]+)》\s*,?\s*(?:(?P<year>{YEAR})\s*年\s*)?(?:第\s*(?P<volume>\d+)\s*卷\s*,?\s*)?"
    rf"第?\s*(?P<issue>\d+(?:\s*[~\-/]\s*\d+)?)\s*期(?:\s*,\s*第?\s*(?P<pages>{_PAGES})\s*页)?{_END}")
_NEWSPAPER = re.compile(
    rf"\s*,?\s*《(?P<container>[^《》]+)》\s*(?:(?P<year>{YEAR})\s*年\s*)?(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日"
    rf"(?:\s*,\s*第\s*(?P<pages>\d+)\s*版)?{_END}")
# `，上海：上海人民出版社，1996年`, `，上海三联书店1992年版`, `，北京：商务印书馆1997年版，第12页`
_IMPRINT = (rf"\s*,\s*(?:(?P<place>[^,:《》\d]{{1,20}}?)\s*:\s*)?(?P<publisher>[^,:《》\d]{{2,40}}?)\s*,?\s*"
            rf"(?:(?P<year>{YEAR})\s*(?:年\s*(?:(?P<edition>(?:第\s*\d+\s*|修订|增订)版)|版)?)?)?"
            rf"(?:\s*,\s*第\s*(?P<pages>{_PAGES})\s*页)?{_END}")
_BOOK = re.compile(_IMPRINT)
_CHAPTER = re.compile(
    r"\s*,\s*(?:载于?|见于?|收入|收录于)\s*(?:(?P<editors>[^《》:\d]{1,80}?)\s*:?\s*)?《(?P<container>[^《》]+)》"
    r"(?:\s*(?P<volume>第\s*\d+\s*[辑卷册]))?" + _IMPRINT)  # `载《中国经济学》第3辑，…`
# `，博士学位论文，北京大学，2010年` or `，北京大学博士学位论文，2010年`
_THESIS = re.compile(
    rf"\s*,\s*(?:(?P<kind>博士|硕士|碩士)(?:学位|學位)?论文\s*,\s*(?P<publisher>[^,:《》\d]{{2,40}}?)"
    rf"|(?P<school>[^,:《》\d]{{2,40}}?)\s*(?:博士|硕士|碩士)(?:学位|學位)?论文)"
    rf"(?:\s*,\s*(?P<year>{YEAR})\s*年?)?{_END}")
# `，提交给中国经济学年会的论文，2010年`: a paper given at a meeting
_MEETING = re.compile(
    rf"\s*,\s*(?:提交给|提交|在)?\s*(?P<container>[^,:《》\d]{{2,40}}?(?:会议|研讨会|年会|论坛))(?:上?的?(?:论文|报告|发言))?"
    rf"\s*(?:,\s*(?P<place>[^,:《》\d]{{2,10}}?))?\s*,?\s*(?:(?P<year>{YEAR})\s*年?)?{_END}")
# `，北京大学中国经济研究中心工作论文，No.C2004001，2004年`: a working paper or report, its number, its year
_REPORT = re.compile(
    r"\s*,\s*(?P<container>[^,:《》]{2,40}?(?:工作论文|讨论稿|讨论论文|研究报告|Working\s+Paper))"
    rf"(?:\s*,?\s*(?:No\.?|第)\s*(?P<doc_number>[\w\-]+?)\s*号?)?\s*,\s*(?P<year>{YEAR})\s*年?{_END}")

# English: `Surname, I. I.` or `I. Surname`, parted by commas and `and`; a body's name standing alone
_SURNAME = r"[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+)?"
_INITIALS = r"(?:[A-Z][a-z]?\.\s*-?\s*)+"
_GIVEN = r"[A-Z][a-z]+(?:\s+[A-Z]\.)?"
# `Qian, Y.`, `L. Zhou`, `Qian, Yingyi`, `Barry R. Weingast`
_SURNAME_FIRST = rf"{_SURNAME},\s*(?:{_INITIALS}|{_GIVEN}(?![\w.]))"
_GIVEN_FIRST = rf"(?:{_INITIALS}\s*|{_GIVEN}\s+){_SURNAME}"
_PERSON = rf"(?:{_SURNAME_FIRST}|{_GIVEN_FIRST})"
_NAMES_EN = (rf"(?:{_PERSON}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){_PERSON})*(?:,?\s*et\s+al\.?)?"
             r"|[A-Z][A-Za-z]+(?:\s+(?:[A-Z][A-Za-z]+|of|for|and|the))*)")
_HEAD_EN = re.compile(rf"\s*(?P<names>{_NAMES_EN})\s*,\s*(?P<year>{YEAR})[a-z]?\s*,\s*")
_QUOTED = re.compile(r"[\"“](?P<title>[^\"“”]+?)[,.]?[\"”]\s*,?\s*")
_PAGES_EN = r"(?:\s*[,:]\s*(?:pp?\.?\s*)?(?P<pages>\d+(?:\s*[~\-]\s*\d+)?))"  # `, pp.83～99`, `: 83-99`
_PLACE_EN = r"[A-Z][a-z][A-Za-z. ]*?(?:,\s*[A-Z]{2})?"
_JOURNAL_EN = re.compile(
    rf"(?P<container>[^\"“”]+?)\s*,\s*(?:vol\.?\s*)?(?P<volume>\d+)\s*"
    rf"(?:\(\s*(?P<issue>[^()]+?)\s*\)|,\s*no\.?\s*(?P<number>\d+))?{_PAGES_EN}?{_END}", re.IGNORECASE)
_CHAPTER_EN = re.compile(
    rf"in\s*:?\s+(?P<editors>[^()]+?)\s*(?:\(\s*eds?\.?\s*\)|,?\s+eds?\.)\s*,\s*(?P<container>.+?)\s*,\s*"
    rf"(?P<place>{_PLACE_EN})\s*:\s*"
    rf"(?P<publisher>[^,:]+?){_PAGES_EN}?{_END}")
_REPORT_EN = re.compile(
    r"(?P<container>[^,\"“”]*\b(?:Working|Discussion|Policy\s+Research)\s+Paper[^,]*?)\s*,\s*No\.?\s*"
    rf"(?P<number>[\w.\-]+?){_END}", re.IGNORECASE)
_BOOK_EN = re.compile(rf"(?P<title>.+)\s*,\s*(?P<place>{_PLACE_EN})\s*:\s*(?P<publisher>[^,:]+?){_END}")
# `Title, Princeton University Press.`: a publisher without its place, told by its words
_PUBLISHER_WORD = (r"\b(?:Press|Publish\w*|Books|Verlag|Wiley|Springer|Elsevier|Routledge|Macmillan|Norton|"
                   r"Blackwell|Inc|Ltd|Co|Group|Bank|Fund|Institut\w*)\b")
_BOOK_PUBLISHER_EN = re.compile(rf"(?P<title>.+)\s*,\s*(?P<publisher>[^,:]*{_PUBLISHER_WORD}[^,:]*?){_END}")

# 中国社会科学's foreign-language notes (Chicago's order): given names first, `A, B and C`; the year after the
# imprint or the journal's volume and number
_FULL_NAME = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z]\.)*\s+[A-Z][A-Za-z'’\-]+"
_FULL_NAMES = rf"{_FULL_NAME}(?:(?:\s*,\s*{_FULL_NAME})*,?\s+and\s+{_FULL_NAME})?(?:,?\s+et\s+al\.?)?"
_PAGES_CHICAGO = rf"(?:\s*,\s*pp?\.\s*(?P<pages>{_PAGES}))?"
_CHICAGO_BOOK = re.compile(
    rf"\s*(?P<names>{_FULL_NAMES})\s*,\s*(?P<title>[^\"“”]+)\s*,\s*(?P<place>{_PLACE_EN})\s*:\s*"
    rf"(?P<publisher>[^,:]+?)\s*,\s*(?P<year>{YEAR}){_PAGES_CHICAGO}{_END}")
_CHICAGO_ARTICLE = re.compile(
    rf"\s*(?P<names>{_FULL_NAMES})\s*,\s*[\"“](?P<title>[^\"“”]+?)[,.]?[\"”]\s*,?\s*(?P<container>[^\"“”]+?)\s*,\s*"
    rf"[Vv]ol\.?\s*(?P<volume>\d+)(?:\s*,\s*[Nn]o\.?\s*(?P<issue>\d+))?\s*,\s*(?:[A-Z][a-z]+\.?\s+)?"
    rf"(?P<year>{YEAR}){_PAGES_CHICAGO}{_END}")


def looks_like_notes(text: str) -> bool:
    """A notes-style entry (on the folded text): `Names:《Title》` or `《Title》` first, English `Names, Year, `, or
    English in Chicago's order (`Given Surname, Title, Place: Publisher, Year.`, `…, "Title," Journal, vol.1, no.2,
    Year, pp.3-4.`)."""
    return bool(_HEAD.match(text) or _HEAD_EN.match(text) or _CHICAGO_ARTICLE.fullmatch(text)
                or _CHICAGO_BOOK.fullmatch(text))


def read_notes(entry, fields: dict) -> bool:
    """Read a notes-style entry into `fields` (the parts read are blanked in `entry.text`); False when its head is
    not of this style (nothing taken)."""
    head = _HEAD.match(entry.text)
    if head:
        _read_chinese(entry, head, fields)
        return True
    head = _HEAD_EN.match(entry.text)
    if head:
        return _read_english(entry, head, fields)
    for pattern, doc_type in ((_CHICAGO_ARTICLE, "J"), (_CHICAGO_BOOK, "M")):
        match = pattern.fullmatch(entry.text)
        if match:
            for name in ("title", "container", "place", "publisher", "volume", "issue", "pages"):
                if match.groupdict().get(name):
                    fields[name] = _value(entry, match, name)
            fields.update(authors=_full_names(_value(entry, match, "names") or ""), year=int(match["year"]),
                          pub_date=match["year"], doc_type=doc_type)
            entry.take(*match.span())
            return True
    return False


def _value(entry, match: re.Match, group: str) -> str | None:
    return entry.printed[match.start(group):match.end(group)].strip() or None if match[group] else None


def _read_chinese(entry, head: re.Match, fields: dict) -> None:
    if head["names"]:
        _read_names(_value(entry, head, "names") or "", fields)
    fields["title"] = _value(entry, head, "title")
    head_year = head["year"] or head["pyear"]
    if head_year:
        fields["year"], fields["pub_date"] = int(head_year), head_year
    entry.take(*head.span())
    rest = head.end()
    while detail := _TITLE_DETAIL.match(entry.text, rest):
        if detail["translators"]:
            fields["translators"] += _split(_value(entry, detail, "translators") or "")
        for name in ("edition", "volume"):
            fields[name] = fields[name] or _value(entry, detail, name)
        entry.take(*detail.span())
        rest = detail.end()
    for pattern, doc_type in ((_ARTICLE, "J"), (_NEWSPAPER, "N"), (_CHAPTER, "M"), (_THESIS, "D"), (_REPORT, "R"),
                              (_MEETING, "C"), (_BOOK, "M")):
        match = pattern.match(entry.text, rest)
        if not match:
            continue
        groups = match.groupdict()
        for name in ("container", "place", "publisher", "volume", "issue", "pages", "doc_number", "edition"):
            if groups.get(name):
                fields[name] = _value(entry, match, name)
        if groups.get("school"):
            fields["publisher"] = _value(entry, match, "school")
        if groups.get("editors"):
            fields["editors"] = _split(_value(entry, match, "editors") or "", editors=True)
        year = match["year"] or head_year
        if year:
            fields["year"], fields["pub_date"] = int(year), year
        if groups.get("month") and year:
            fields["pub_date"] = f"{year}-{int(match['month']):02d}-{int(match['day']):02d}"
        fields["doc_type"] = doc_type
        entry.take(*match.span())
        return
    if fields["url"] and _read_online(entry, rest, fields):
        return
    # a source in no known form: left in the text (flagged `not placed`); the type told by its shape
    tail = entry.text[rest:]
    fields["doc_type"] = "J" if re.match(r"\s*,?\s*《", tail) else "M"  # a periodical's name in `《》` after the title


_ONLINE_DATE = re.compile(r"\s*,?\s*(?:(?:访问|引用|检索|浏览)(?:日期|时间|于)?\s*:?\s*)?" + date_pattern("date")
                          + r"\s*(?:访问|引用|检索|浏览)?")


def _read_online(entry, rest: int, fields: dict) -> bool:
    """A web page (its URL already read): `，2013年5月12日，URL，2015年6月1日。` -- a date before the URL is the
    publication's, one after it the access date. False (nothing taken) when anything else is left."""
    url_at = entry.printed.find(fields["url"])
    dates = list(_ONLINE_DATE.finditer(entry.text, rest))
    between = zip([rest] + [d.end() for d in dates], [d.start() for d in dates] + [len(entry.text)], strict=True)
    if re.sub(r"[\s.,]", "", "".join(entry.text[a:b] for a, b in between)):
        return False
    for date in dates:
        name = "pub_date" if url_at >= 0 and date.start() < url_at else "accessed_date"
        fields[name] = fields[name] or iso_date(date, "date")
        entry.take(*date.span())
    if fields["pub_date"]:
        fields["year"] = int(fields["pub_date"][:4])
    fields["doc_type"] = "EB"
    return True


def _read_names(text: str, fields: dict) -> None:
    """`[美]道格拉斯·诺思著，杭行译` -> authors and translators; `李某、张某主编` -> editors."""
    for group in re.split(r"\s*,\s*", text.translate(str.maketrans("，", ","))):
        group = group.strip()
        if not group:
            continue
        role = _ROLE.search(group)
        names_text = group[:role.start()] if role else group
        if role and role["role"] == "译":
            fields["translators"] += _split(names_text)
        elif role and role["role"] in ("主编", "编"):
            fields["editors"] += _split(names_text)
        else:
            fields["authors"] += _split(names_text)


def _split(text: str, editors: bool = False) -> list[str]:
    """A run of names -> one per name: nationality, `等` and (for editors) the role mark taken off."""
    text = text.strip()
    if editors:
        text = re.sub(r"\s*(?:[(（]\s*)?(?:主编|编著|编)(?:\s*[)）])?\s*$", "", text)
    text = _ET_AL.sub("", text)
    names = []
    for part in re.split(r"\s*[、,，]\s*", text):
        part = _NATIONALITY.sub("", part).strip()
        pieces = re.split(r"和|与", part)
        if len(pieces) > 1 and all(re.fullmatch(rf"[{_HAN}·]{{2,8}}", p) for p in pieces):
            names += pieces  # `张三和李四`, not `和静钧`
        elif part:
            names.append(part)
    return names


def _read_english(entry, head: re.Match, fields: dict) -> bool:
    rest = head.end()
    quoted = _QUOTED.match(entry.text, rest)
    if quoted:
        source = quoted.end()
        match = (_CHAPTER_EN.match(entry.text, source) or _REPORT_EN.match(entry.text, source)
                 or _JOURNAL_EN.match(entry.text, source))
        fields["title"] = _value(entry, quoted, "title")
    else:
        match = _BOOK_EN.match(entry.text, rest) or _BOOK_PUBLISHER_EN.match(entry.text, rest)
        source = rest
    fields["authors"] = _english_names(_value(entry, head, "names") or "")
    fields["year"], fields["pub_date"] = int(head["year"]), head["year"]
    entry.take(head.start(), source)
    if not match:  # a source in no known form: left in the text (a quoted title: an article or a chapter)
        fields["doc_type"] = "M" if not quoted or re.match(r"\s*in\b", entry.text[source:]) else "J"
        return True
    groups = match.groupdict()
    for name in ("title", "container", "place", "publisher", "volume", "issue", "pages"):
        if groups.get(name):
            fields[name] = _value(entry, match, name)
    if groups.get("number"):
        fields["issue" if match.re is _JOURNAL_EN else "doc_number"] = _value(entry, match, "number")
    if groups.get("editors"):
        fields["editors"] = _english_names(_value(entry, match, "editors") or "")
    fields["doc_type"] = ("R" if match.re is _REPORT_EN else "J" if match.re is _JOURNAL_EN else "M")
    entry.take(*match.span())
    return True


def _english_names(text: str) -> list[str]:
    """`Qian, Y. and Weingast, B. R.` -> `Qian Y`, `Weingast B R`; `L. Zhou` -> `Zhou L` (the APA reader's form);
    `Barry R. Weingast` -> `Weingast Barry R`."""
    text = re.sub(r",?\s*et\s+al\.?\s*$", "", text.strip())
    people = re.findall(_PERSON, text)
    if not people or (len(people) == 1 and "," not in text and not re.match(_INITIALS, text)):
        return [text] if text else []  # a body (`World Bank`), as printed
    names = []
    for person in people:
        if "," in person:
            surname, given = person.split(",", 1)
        else:
            first = re.match(rf"{_INITIALS}\s*|{_GIVEN}\s+", person)
            given, surname = person[:first.end()], person[first.end():]  # type: ignore[union-attr]
        given = re.sub(r"\s+", " ", re.sub(r"[.]", " ", given)).strip()
        names.append(f"{surname.strip()} {given}".strip())
    return names


def _full_names(text: str) -> list[str]:
    """`Yingyi Qian and Barry R. Weingast` -> `Qian Yingyi`, `Weingast Barry R`."""
    text = re.sub(r",?\s*et\s+al\.?\s*$", "", text.strip())
    names = []
    for person in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text):
        given, _, surname = person.strip().rpartition(" ")
        names.append(f"{surname} {re.sub(r'[.]', '', given)}".strip())
    return names
