"""Figure and table captions, table notes and the call-outs (图1, 表2) in the text."""

from __future__ import annotations

import re

from ..text import is_han
from .back_matter import funding_text
from .line_shape import ends_sentence
from .settings import DEFAULT_SETTINGS, StructureSettings

# the dash in a chapter label: a hyphen, the full-width, en, em, minus and Unicode hyphens, and the soft hyphen
# (U+00AD) XeLaTeX's fonts draw for `-` (`表4\xad1` is 表4-1)
LABEL_DASHES = "-－–—‐‑−\u00ad"
LABEL_NUMBER = rf"\d+(?:\s*[{LABEL_DASHES}.．]\s*\d+)?"
CAPTION = re.compile(rf"(?:续|續)?(?P<kind>图|圖|表|(?i:figure|fig\.?|table))\s*(?P<num>{LABEL_NUMBER})(?!\d)"
                     rf"\s*[:：.．]?\s*(?P<text>.*)")
CAPTION_KINDS = {"图": "figure", "圖": "figure", "表": "table", "figure": "figure", "fig": "figure",
                 "fig.": "figure", "table": "table"}
LABEL_PREFIX = {"figure": "图", "table": "表"}
CALLOUT_VERBS = ("显示", "顯示", "表明", "所示", "可见", "可見", "反映", "列出", "说明", "說明",
                 "中的", "为", "為", "是")
# more openings of a sentence about the table (`表4-1给出了…。`): never a caption ending in a full stop
SENTENCE_VERBS = ("给出", "給出", "列举", "列舉", "展示", "总结", "總結", "汇总", "彙總", "描述", "介绍", "介紹",
                  "记录", "記錄", "表示", "对比", "對比", "比较", "比較", "中列", "中给", "中可", "中所",
                  "里的", "裡的", "和", "与", "與", "及", "对", "對", "将", "將", "可以", "也", "则", "則",
                  "即", "就", "所列", "内", "內")
TABLE_NOTE = re.compile(r"(?:资料来源|資料來源|数据来源|數據來源|来源|來源|注|註|附注|附註|(?i:sources?|notes?))"
                        r"\s*\d*\s*[:：]")
MENTION = re.compile(rf"(?P<kind>[图圖表])\s*(?P<num>{LABEL_NUMBER})(?!\d)"
                     rf"|(?<![A-Za-z])(?P<kind_en>(?i:fig(?:ure)?s?\.?|tables?))\s*(?P<num_en>\d+(?:[{LABEL_DASHES}.]\d+)?)(?!\d)")
# a Han character before 图/表 usually makes a word (代表, 发表, 试图) unless it introduces a call-out
CALLOUT_LEADS = set("如见見和与與及、据據由从從至到在自参參详詳另")
QUANTITY_UNITS = set("个個年月日位家多万萬亿億名项項次种種倍条條")


def normalize_label(kind: str, number: str) -> str:
    """(`table`, `1 - 2`) -> `表1-2`: Simplified 图/表, no spaces, ASCII hyphen and dot."""
    number = re.sub(r"\s+", "", number)
    number = re.sub(f"[{LABEL_DASHES}]", "-", number).replace("．", ".")
    return LABEL_PREFIX[kind] + number


def parse_caption(line: str, settings: StructureSettings = DEFAULT_SETTINGS,
                  full_stop: bool = False) -> tuple[str, str, str] | None:
    """(kind, label, caption text) for a caption line (`表1 ...`, `圖3 ...`, `Table 1 ...`), else None.

    A line ending a sentence is no caption (`表1显示，…。`), unless `full_stop`: the caller saw the line
    right next to a table, and some theses end captions with `。` (`表4-1 …的存储量比较。`). Even then the
    line is a caption only with one full stop, at its end, and nothing else of a sentence: no comma or
    semicolon, no opening that reads on about the table (`表4-1给出了…`, `表4-1中…`, `…所示`); the
    caption text is given without the stop (the source line keeps it)."""
    if "\t" in line.strip():
        return None
    match = CAPTION.fullmatch(line.strip())
    if not match:
        return None
    text = match["text"].strip()
    if full_stop and len(text) > 1 and text.endswith("。") and not text.startswith(SENTENCE_VERBS) \
            and not re.search(r"[。，；;！？!?]|所示|了", text[:-1]):
        text = text[:-1].rstrip()
    if (len(text) > settings.max_caption_chars or ends_sentence(text) or "。" in text
            or text.startswith(CALLOUT_VERBS)):
        return None
    kind = CAPTION_KINDS[match["kind"].lower()]
    return kind, normalize_label(kind, match["num"]), text


def is_table_note(line: str) -> bool:
    """`资料来源：...`, `注：...`, `註:`, `数据来源`, `Source:`, `Note:` (a funding note is not a table note)."""
    text = line.strip()
    return bool(TABLE_NOTE.match(text)) and funding_text(text) is None


def find_mentions(text: str) -> list[dict]:
    """Figure and table call-outs (`（图1）`, `如图2所示`, `见表3`, `(圖1-2)`): {kind, label, offset}."""
    caption_at = len(text) - len(text.lstrip()) if parse_caption(text) else None
    mentions = []
    for match in MENTION.finditer(text):
        start, end = match.start(), match.end()
        if start == caption_at or not is_callout(text, start, end):
            continue
        raw_kind = (match["kind"] or match["kind_en"]).lower()
        kind = "table" if raw_kind in ("表",) or raw_kind.startswith("table") else "figure"
        mentions.append({"kind": kind, "label": normalize_label(kind, match["num"] or match["num_en"]),
                         "offset": start})
    return mentions


def is_callout(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if is_han(before) and before not in CALLOUT_LEADS:
        return False
    return after not in QUANTITY_UNITS


CONTINUED = re.compile(r"\s*(?:续|續)\s*表|.*[(（]\s*(?:(?:续|續)\s*(?:前?表)?|(?i:continued|cont\.?))\s*[)）]")


def is_continued_caption(line: str | None) -> bool:
    """`续表2 …`, `表2（续）`, `Table 2 (continued)`: the caption of a table's continuation."""
    return line is not None and parse_caption(line) is not None and CONTINUED.match(line) is not None


def is_english_caption(line: str | None) -> bool:
    """`Table 2 ...`, `Fig. 3 ...`: a caption labelled in English."""
    match = CAPTION.fullmatch(line.strip()) if line else None
    return match is not None and match["kind"].isascii()


# A note keyed to a mark in the table's cells opens with that mark: a raised number (`^[1]` as the PDF
# reader writes it, `¹`), stars or daggers (`*`, `**`, `†`), a letter (`a)`, `(a)`, `ᵃ`).
SUPERSCRIPT_LETTERS = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"  # (Unicode has no raised q)
MARK_TO_KEY = str.maketrans({**{c: str(d) for d, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}, "＊": "*", "∗": "*",
                             **dict(zip(SUPERSCRIPT_LETTERS, "abcdefghijklmnoprstuvwxyz", strict=True))})
NOTE_KEY_MARK = re.compile(r"\s*(?:\^\[\s*(?P<caret>\d{1,2})\s*\]\^?|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})"
                           r"|(?P<stars>[*＊∗]{1,3}|[†‡§]{1,2})"
                           rf"|[(（]?(?P<letter>[a-z])[)）]|(?P<sup_letter>[{SUPERSCRIPT_LETTERS}]))(?=\s*\S)")
# the same marks inside a cell: a raised number anywhere, stars or daggers or a raised letter after a value
CELL_MARKS = re.compile(r"\^\[\s*(?P<caret>\d{1,2}(?:\s*[,，]\s*\d{1,2})*)\s*\]|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})"
                        r"|(?<=\S)(?P<stars>[*＊∗]{1,3}|[†‡§]{1,2})|(?P<sup_letter>[" + SUPERSCRIPT_LETTERS + "])")


def note_key(text: str) -> str | None:
    """The mark a table note opens with, as a key (`^[3] *: …` -> `3`, `¹ …` -> `1`, `** p<0.05` -> `**`,
    `a) …` -> `a`); None when the line opens with no such mark."""
    match = NOTE_KEY_MARK.match(text)
    if match is None:
        return None
    key = match["caret"] or match["sup"] or match["stars"] or match["letter"] or match["sup_letter"]
    return key.translate(MARK_TO_KEY)


def cell_marks(rows: list[list[str]] | None) -> set[str]:
    """The note marks printed in a table's cells, as keys (see `note_key`): `*^[3]` -> 3, `D-FCFS¹` -> 1,
    `0.12**` -> `**`, `×^[4,5]` -> 4 and 5 (a cell holding only `*` is a value, not a mark)."""
    keys: set[str] = set()
    for row in rows or []:
        for cell in row:
            for match in CELL_MARKS.finditer((cell or "").strip()):
                if match["caret"]:
                    keys.update(re.findall(r"\d+", match["caret"]))
                else:
                    keys.add((match["sup"] or match["stars"] or match["sup_letter"]).translate(MARK_TO_KEY))
    return keys


def next_key(key: str) -> str | None:
    """The key a numbered or lettered run of notes goes on with (`3` -> `4`, `a` -> `b`, `*` -> `**`)."""
    if key.isdigit():
        return str(int(key) + 1)
    if len(key) == 1 and "a" <= key < "z":
        return chr(ord(key) + 1)
    if set(key) == {"*"}:
        return key + "*"
    return None


def keyed_table_note(text: str, rows: list[list[str]] | None, previous_key: str | None) -> str | None:
    """The key of a note printed under a table and keyed by a mark in its cells (`¹ D-FCFS: 分布式队列…`
    under a cell `D-FCFS¹`, `^[3] *: 使用中断…` under `*^[3]`), or going on with the run of such notes just
    read (`previous_key` -> the next number, letter or star count); None otherwise."""
    key = note_key(text)
    if key is None or not rows:
        return None
    if key in cell_marks(rows) or (previous_key is not None and next_key(previous_key) == key):
        return key
    return None
