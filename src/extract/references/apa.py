"""Entries in APA style, the author-date form many Chinese social-science, psychology and education journals (心理学报)
and Taiwanese ones print instead of GB/T 7714:

    王小明（2019）。數位學習與學習動機之研究。教育研究集刊，65（2），1-30。
    Chen, Y., & Lee, M. (2018). Online learning and achievement. Computers & Education, 120, 1-12.
    Sadock, B. J., & Kaplan, H. I. (Eds.). (2009). Comprehensive textbook (9th ed., Vol. 1). Wolters Kluwer.
    Weinstein, L. (1974). Pathogenic properties. In W. A. Sodeman (Ed.), Pathologic physiology (pp. 457–472). Saunders.
    [楼梦麟, 杨燕. (2011). 汶川地震基岩地震动特征分析. 见 同济大学…实验室 (编), 汶川地震震害研究 (pp. 11–12).
        上海: 同济大学出版社.]
    Title of a work without author (No. ISO 21378:2019). (n.d.).

Names (an `(Ed.)` / `(编)` mark makes them editors), the date in parentheses (`(2019)`, `(2024a)`, `(n.d.)`,
`(无日期)`, `(2019, July 13)`, `(2000-11-20)`, `(1957–1990)`), the title up to its sentence end with its
parenthesised details (`(No. X; pp. 8–9)`, `(4th ed., Vol. 1)`, `(Doctoral dissertation)`, `(徐超 译; p. 35)`),
then the source: a chapter (`In` / `见` editors, the book, its pages), a journal (`container, volume(issue), pages`)
or an imprint (`[place:] publisher`; a thesis's `university, place`). A work without author prints its title first.
The type is inferred from that shape (`type_inferred`). An entry printed in brackets (`[原文.]`: the 心理学报 form
of a Chinese record) is read inside them.
"""

from __future__ import annotations

import re

from .ieee import as_printed
from .names import ANONYMOUS
from .patterns import FOLD, JOURNAL_WORD, YEAR

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTH = f"(?:{'|'.join(_MONTHS)})"
# on the folded text: full-width punctuation is ASCII there (`（` `(`, `。` `.`, `，` `,`)
_DATE = (rf"\(\s*(?:(?P<year>{YEAR})(?P<letter>[a-z])?(?:\s*-\s*(?P<month>\d\d)(?:\s*-\s*(?P<day>\d\d))?"
         rf"|\s*-\s*(?P<until>{YEAR})|\s*,\s*(?P<mname>{_MONTH})(?:\s+(?P<mday>\d{{1,2}}))?|\s*,\s*[^()]{{1,30}}"
         rf"|\s*年(?:\s*(?P<zmonth>\d{{1,2}})\s*月(?:\s*(?P<zday>\d{{1,2}})\s*日)?)?)?"
         rf"|n\.\s?d\.|无日期|無日期)\s*\)")
_HEAD = re.compile(
    rf"^\s*(?P<names>[^()\d][^()]{{0,300}}?(?:\([^()]{{1,60}}\)[^()]{{0,100}}?){{0,3}})\s*\.?\s*{_DATE}\s*\.\s*")
_TITLE_FIRST = re.compile(rf"^\s*(?P<title>[^()].*?)(?:\s*\((?P<details>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s*\.\s*{_DATE}"
                          rf"\s*(?:\.\s*|$)")
_ORIGINAL_IN_BRACKETS = re.compile(
    r"(?:^|(?<=\.)\s+)\[(?P<original>[^\[\]]*[\u3400-\u9fff][^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\s*$")
_EDITORS_MARK = re.compile(r"\s*\(\s*(?:Eds?\.|编|主编)\s*\)\s*$")
# the title's end: `. ` after it (not after an initial), or `。`; its details in parentheses just before
_TITLE_END = re.compile(
    r"(?:\s*\((?P<details>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s*(?<![A-Z])\.(?=\s|[^\x00-\x7f]|$)")
_CHAPTER = re.compile(r"^\s*(?:In|见)\s+(?P<host>.+)$")
_HOST = re.compile(r"^(?:(?P<editors>[^()]+?)\s*\(\s*(?:Eds?\.|编|主编)\s*\)\s*(?:,\s*&\s*[^()]+\(\s*译\s*\))?\s*,\s*)?"
                   r"(?P<container>[^()]+?(?:\([^()]*\))?)\s*(?:\((?P<details>[^()]*)\))?\s*\.\s*(?P<rest>.*)$")
_JOURNAL = re.compile(r"^\s*(?P<container>[^,]+?)\s*,\s*(?P<volume>[^\s,()]*\d[^\s,()]*)"
                      r"\s*(?:\(\s*(?P<issue>[^()]+?)\s*\))?"
                      r"\s*(?:,\s*(?:Article\s+)?(?P<pages>[^,]+?))?\s*\.?\s*$")
_NEWSPAPER = re.compile(r"^\s*(?P<container>[^,]+?)\s*,\s*p\s*(?P<pages>\S+?)\s*\.?\s*$")
# `Conference on …, Changzhou, China`, `CVPR, Seattle`, `…学术年会`: a meeting (its place after a comma)
_MEETING_NAME = (r"[^,]*?(?:Conference|Symposium|Workshop|Congress|Meeting)[^,]*?"
                 r"|[A-Z]{2,}[A-Za-z]*(?:\s*'?\d{2,4})?")  # a meeting's name, or its acronym (`CVPR`, `ICCV 2019`)
_PLACE_NAME = r"[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*"
_MEETING = re.compile(
    rf"(?P<meeting>{_MEETING_NAME})\s*,\s*(?P<place>{_PLACE_NAME}(?:\s*,\s*{_PLACE_NAME})?)"
    r"|(?P<han>[^,]*(?:会议|年会|研讨会|论坛))")
_IMPRINT = re.compile(r"^\s*(?:(?P<place>[^:.,]{1,40}?)\s*:\s*)?(?P<publisher>[^:]+?)\s*\.?\s*$")
_THESIS = re.compile(r"(?:博士|硕士|碩士)学位论文|(?:Doctoral|Master'?s)\s+(?:dissertation|thesis)", re.IGNORECASE)
_AMPERSAND = re.compile(r",?\s*&\s*")
# a body's name: capitalised words, and only such small words in lower case (`Library of Congress`)
BODY = re.compile(r"(?:[A-Z\u00c0-\u00de][\w'’.\-]*,?|of|for|and|the|on|in|de|du|la|van|der|von|\([A-Z]{2,}\)|[&,])"
                   r"(?:\s+(?:[A-Z\u00c0-\u00de][\w'’.\-]*|of|for|and|the|on|in|de|du|la|van|der|von|\([A-Z]{2,}\)|&))*")
# a person: surname words then initials (`Chen Y`, `Des Marais D J`, `Park J-R`, `Peebles P Z Jr`), after the periods
# of the initials were dropped
_PERSON = re.compile(r"(?:[a-z]+\s+)*[A-Z\u00c0-\u00de][\w'’\-]+(?:\s+[A-Z\u00c0-\u00de][\w'’\-]+)?"
                     r"(?:\s+[A-Z](?:-[A-Z])?)+(?:\s+(?:Jr|Sr|van|der|de|von|den))*")
_WIDE = re.compile(r"[\u3000-\u9fff\uac00-\ud7af]")
# `,` / `、` between names; `與` before a last short name (`…蔡營寬中校與王璽少校`), not inside a body's (`信息与文献…`)
_NAME_PARTS = re.compile(
    r"\s*[,、]\s*|(?<=[\u3400-\u9fff])[與与](?=[\u3400-\u9fff·]{2,9}(?:\([^()]{1,6}\))?(?:$|\s*[,、]))")
_ROLE = re.compile(r"\s*\([^()]{1,6}\)\s*$")  # `史蒂芬·史匹柏（導演）`: a role after a name
# `民國 113 年 11 月 2 日，取自 URL`, `Retrieved June 5, 2020, from URL`: the access date (民國 years + 1911)
_RETRIEVED = re.compile(
    r"[\s.,]*(?:(?P<roc>民國|民国)?\s*(?P<y>\d{2,4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*[,，]?\s*)?"
    r"(?:取自|檢索自|检索自|Retrieved(?:\s+(?P<en>[A-Z][a-z]+\s+\d{1,2},\s*\d{4}),?)?\s+from)\s*$")
_INITIALS = re.compile(r"(?:[A-Z](?:\.|(?=\s|-|$))\s*-?\s*)+(?:Jr\.?)?|Jr\.?")


def read_apa(entry, fields: dict) -> bool:
    """Fields of an APA entry (see the module docstring); False, with nothing taken, when it is not one."""
    text = entry.text
    start, end = 0, len(text.rstrip())
    original = _ORIGINAL_IN_BRACKETS.search(text)
    if original:  # `[原文.]`: a Chinese record printed in brackets, after its English translation if it has one
        start, end = original.start("original"), original.end("original")
        translation = entry.printed[:original.start()].strip()
        fields["translation"] = translation or None
    body = text[start:end]
    head = _HEAD.match(body)
    names = None
    if head:
        names = _names(entry.printed[start:start + head.end("names")])
        if names is None:
            head = None
    if head and not body[head.end():].strip(" ."):
        head, names = None, None  # `[西黄丸. (2023-10-07).]`: a title and its date, no names
    if head:
        rest_at = head.end()
        title_end = _TITLE_END.search(body, rest_at)
        if title_end and not body[rest_at:title_end.start()].strip():
            return False
        if title_end:
            title = (rest_at, title_end.start() if _is_details(title_end["details"]) else title_end.end() - 1)
            details = title_end["details"] if _is_details(title_end["details"]) else None
            source_at = title_end.end()
        else:  # an entry printed without its closing period: the title runs to its end
            title, details, source_at = (rest_at, len(body.rstrip(" ."))), None, len(body)
        date = head
    else:
        first = _TITLE_FIRST.match(body)
        if not first:
            return False
        title, details, source_at, date = first.span("title"), first["details"], first.end(), first
    if names:
        fields["editors" if names[1] else "authors"] = names[0]
    _date(date, fields)
    fields["title"] = entry.printed[start + title[0]:start + title[1]].strip()
    marked = re.fullmatch(r"《(?P<title>[^《》]+)》(?P<note>\s*[\[［][^\]］]*[\]］])?", fields["title"])
    if marked:  # `《來自硫磺島的信》［DVD 影片］`: the title in its marks, a note on the medium kept with it
        fields["title"] = marked["title"] + (marked["note"] or "")
    retrieved = _RETRIEVED.search(body, source_at)
    if retrieved:
        _retrieved(retrieved, fields)
        body = body[:retrieved.start()]
    if details:
        _details(details, fields)
    _source(body[source_at:], fields)
    fields["doc_type"] = fields["doc_type"] or _type_of(fields)
    as_printed(entry, fields)
    entry.take(0, len(entry.text))
    return True


def _retrieved(match: re.Match, fields: dict) -> None:
    if match["y"]:
        year = int(match["y"]) + (1911 if match["roc"] else 0)
        fields["accessed_date"] = f"{year}-{int(match['m']):02d}-{int(match['d']):02d}"
    elif match["en"]:
        month, day, printed_year = re.split(r"[\s,]+", match["en"])
        if month in _MONTHS:
            fields["accessed_date"] = f"{printed_year}-{_MONTHS.index(month) + 1:02d}-{int(day):02d}"


def _names(text: str) -> tuple[list[str], bool] | None:
    """`Chen, Y., & Lee, M.` / `张三, 李四` / `American Association … (Ed.)` -> (names, editors?); None: no names."""
    text = text.translate(FOLD).strip().rstrip(".")
    editors = bool(_EDITORS_MARK.search(text))
    text = _EDITORS_MARK.sub("", text).strip().rstrip(".")
    text = re.sub(r",?\s*…\s*", ", ", text)
    text = _AMPERSAND.sub(", ", text)
    if not text or re.search(r"[\[\]“”\"]|\.\s+[a-z]", text) or len(text) > 300:
        return None
    parts = [_ROLE.sub("", p) if _WIDE.search(p) else p for p in _NAME_PARTS.split(text) if p]
    names: list[str] = []
    for part in parts:
        if names and _INITIALS.fullmatch(part) and not _INITIALS.fullmatch(names[-1].split()[-1] + "."):
            names[-1] = f"{names[-1]} {part}"  # `Chen, Y.`: the surname, then its initials
        else:
            names.append(part)
    names = [re.sub(r"\s*-\s*", "-", " ".join(n.replace(".", " ").split())) if not _WIDE.search(n)
             and _INITIALS.search(n) else n
             for n in names]
    if any(len(n) > 80 or not (_WIDE.search(n) or _PERSON.fullmatch(n) or BODY.fullmatch(n)) for n in names):
        return None
    if any(_WIDE.search(n) and re.search(r"[.。]\s*\S", n) for n in names):
        return None  # `北京鲁迅博物馆. 题名`: a sentence end inside is no name
    return [n for n in names if not ANONYMOUS.fullmatch(n)], editors


_DETAIL = re.compile(r"\bNo\.|^pp?\.|^(?:Vol\.|卷)|译$|ed\.$|版$|[刻印抄稿]本$|dissertation|thesis|学位论文",
                     re.IGNORECASE)


def _is_details(details: str | None) -> bool:
    """`(4th ed., Vol. 1)` holds details of the work; `(2000-2020)`, `(科技大观)` are part of its title."""
    return bool(details) and any(_DETAIL.search(item.strip()) for item in re.split(r"[;,]", details or ""))


def _date(match: re.Match, fields: dict) -> None:
    if not match["year"]:
        return
    fields["year"] = int(match["year"])
    if match["until"]:
        fields["pub_date"] = f"{match['year']}/{match['until']}"
    elif match["month"]:
        fields["pub_date"] = "-".join(p for p in (match["year"], match["month"], match["day"]) if p)
    elif match["zmonth"]:  # `（2007 年 2 月 18日）`
        fields["pub_date"] = "-".join([match["year"], f"{int(match['zmonth']):02d}"]
                                      + ([f"{int(match['zday']):02d}"] if match["zday"] else []))
    elif match["mname"]:
        month = f"{_MONTHS.index(match['mname']) + 1:02d}"
        fields["pub_date"] = "-".join([match["year"], month] + ([f"{int(match['mday']):02d}"] if match["mday"] else []))
    else:
        fields["pub_date"] = match["year"]


def _details(details: str, fields: dict) -> None:
    """`No. RMRS-GTR-262; pp. 8–9`, `4th ed., Vol. 1`, `徐超 译; p. 35`, `国家标准 No. GB/T 3792—2021`."""
    for item in re.split(r"\s*[;,]\s*(?=\S)", details):
        item = item.strip()
        if number := re.search(r"\bNo\.\s*(?P<v>.+)$", item):
            fields["doc_number"] = number["v"]
        elif pages := re.match(r"^pp?\.\s*(?P<v>.+)$", item):
            fields["pages"] = pages["v"]
        elif volume := re.match(r"^(?:Vol\.|卷)\s*(?P<v>.+)$", item):
            fields["volume"] = volume["v"]
        elif translators := re.match(r"^(?P<v>.+?)\s*译$", item):
            fields["translators"] = [n for n in re.split(r"\s*[,、]\s*", translators["v"]) if n]
        elif _THESIS.fullmatch(item):
            fields["doc_type"] = "D"
        elif re.search(r"\bed\.$|版$|[刻印抄稿]本$", item):
            fields["edition"] = item


def _source(text: str, fields: dict) -> None:
    """What follows the title: a chapter's host, a journal, or an imprint."""
    text = text.strip()
    if not text.strip(" ."):
        return
    chapter = _CHAPTER.match(text)
    if chapter:
        host = _HOST.match(chapter["host"])
        if host:
            if host["editors"]:
                editors = _names(host["editors"])
                fields["editors"] = editors[0] if editors else [host["editors"].strip()]
            container = host["container"].strip()
            names_and_title = re.fullmatch(r"(?P<names>(?:[\u3400-\u9fff·]{2,4}\s*,\s*)+)(?P<title>.+)", container)
            if names_and_title and not host["editors"]:  # `见 马克思, 恩格斯, 马克思恩格斯全集(35)`: editors without 编
                fields["editors"] = [n for n in re.split(r"\s*,\s*", names_and_title["names"]) if n]
                container = names_and_title["title"]
            volume = re.fullmatch(r"(?P<title>.+?)\s*\((?P<volume>[^()]*(?:\d|[卷册部辑]))\)", container)
            if volume:  # `船山全书(第1册)`: the volume of the book
                container, fields["volume"] = volume["title"], volume["volume"]
            fields["container"] = container
            if host["details"]:
                _details(host["details"], fields)
            fields["doc_type"] = fields["doc_type"] or "M"
            text = host["rest"]
        else:
            fields["container"] = chapter["host"].strip(" .")
            return
    parts = [p for p in re.split(r"(?<![A-Z])\.(?:\s+|(?=[^\x00-\x7f]))", text.strip(" .")) if p]
    if not parts:
        return
    first = parts[0]
    if fields["doc_type"] == "D" and "," in first:
        publisher, _, place = first.rpartition(",")
        fields.update(publisher=publisher.strip(), place=place.strip())
    elif newspaper := _NEWSPAPER.match(first):
        fields.update(container=newspaper["container"], pages=newspaper["pages"], doc_type="N")
    elif journal := _JOURNAL.match(first):
        fields.update(container=journal["container"], volume=journal["volume"], issue=journal["issue"],
                      pages=journal["pages"] or fields["pages"], doc_type="J")
        if _WIDE.search(journal["container"]) and not journal["issue"] and journal["volume"].isdigit():
            # `文献, 1, 56–75`: a Chinese journal numbers its issues, mostly without volumes; one number is either
            fields["parse_issue"] = f"volume or issue: {journal['container']}, {journal['volume']}"
    elif len(parts) > 1 and re.fullmatch(r"(?i)advance online publication|online first|in press", parts[1]):
        fields.update(container=first, doc_type="J")
    elif meeting := _MEETING.fullmatch(first.strip(" .")):  # APA 7 prints no publisher's place: a meeting and its place
        fields.update(container=meeting["meeting"] or meeting["han"], place=meeting["place"], doc_type="C")
    elif imprint := _IMPRINT.match(first):
        fields["publisher"] = imprint["publisher"].strip()
        fields["place"] = imprint["place"].strip() if imprint["place"] else None
        if not fields["place"] and JOURNAL_WORD.search(fields["publisher"]):  # `题名. 铁道学报.`: a journal's name
            fields.update(container=fields["publisher"], publisher=None, doc_type="J")


def _type_of(fields: dict) -> str:
    if fields["doc_number"] and re.match(r"[A-Z]{2}\d{6,}", fields["doc_number"]):
        return "P"
    if fields["doc_number"] and re.search(r"(?i)arxiv|xiv:", fields["doc_number"]):
        return "PP"
    if fields["doc_number"]:
        return "S" if re.match(r"[A-Z/]+\s", fields["doc_number"]) else "R"
    if fields["url"] and not fields["publisher"]:
        return "EB"
    return "M"
