"""HTML left in a text paper by a web conversion: character references and inline tags.

Text copied out of a web page often keeps what the page was written in: `&nbsp;`,
`&amp;`, `&ldquo;`, `&#8220;`, `<sup>[2]</sup>`, `<br>`. They are resolved when the text
paper is read, before any other step, so that labels, names, citation markers and
reference entries are read as the page showed them:

- a character reference (named, with its `;`, or numeric) becomes its character; `&nbsp;`
  and its kin become a plain space;
- `<sup>…</sup>` holding a citation (`[2]`, `2`, `2,3`, `2-4`) becomes the text format's
  superscript marker `^[…]`, digits right after a Latin letter an exponent (`m<sup>2</sup>`:
  `m²`); any other `<sup>`/`<sub>` keeps its content;
- a line-breaking tag (`<br>`, `<p>`, `</p>`, `<div>`, `</div>`, `<li>`, `<tr>`) becomes
  a line break; `<td>`/`<th>` a tab (a table cell); other inline tags (`<span …>`, `<b>`,
  `<i>`, `<a href=…>`, `<font …>`, …) go, their content stays.

Only well-formed references (`&name;` of HTML5, `&#123;`, `&#x7b;`) and tags of the
names listed are touched: `a & b`, `&lang=zh` in a URL and `x<y` stay as written. Each
distinct piece of markup is reported once with how often it was met (`web_markup_resolved`,
a removal: its text is in no output).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.entities import html5

from ..model import Change
from ..schema.flags import WEB_MARKUP_RESOLVED

_SPACES = {"\u00a0", "\u2002", "\u2003", "\u2009", "\u200a", "\u202f", "\u3000"}
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_BREAK_TAGS = "br|p|div|li|tr|h[1-6]|ul|ol|table|tbody|thead|blockquote"
_CELL_TAGS = "td|th"
_INLINE_TAGS = "span|b|i|u|em|strong|font|a|small|big|s|strike|ins|del|mark|cite|abbr|code|tt|q|nobr|wbr|o:p"
_TAG = re.compile(rf"</?(?:{_BREAK_TAGS}|{_CELL_TAGS}|{_INLINE_TAGS}|sup|sub)(?:\s[^<>\n]*)?/?>", re.IGNORECASE)
_SUP_CITATION = re.compile(
    r"<sup(?:\s[^<>\n]*)?>\s*(\[?\s*\d{1,4}(?:\s*[,，、\-–—~]\s*\d{1,4})*\s*\]?)\s*</sup>", re.IGNORECASE)
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9:]*)")


def resolve_web_markup(text: str) -> tuple[str, list[Change]]:
    """The text with HTML character references and tags resolved, and one flag per distinct piece."""
    if "&" not in text and "<" not in text:
        return text, []
    met: Counter = Counter()
    resolved: dict[str, str] = {}

    def record(token: str, out: str) -> str:
        met[token] += 1
        resolved[token] = out
        return out

    def sup(m: re.Match) -> str:
        inner = re.sub(r"\s+", "", m.group(1)).strip("[]")
        before = m.string[m.start() - 1] if m.start() else ""
        if inner.isdigit() and before.isascii() and before.isalpha():
            out = inner.translate(_SUPERSCRIPT_DIGITS)  # an exponent after a unit: `m<sup>2</sup>` is m²
        else:
            out = f"^[{inner}]"
        return record(m.group(), out)

    def tag(m: re.Match) -> str:
        name = _TAG_NAME.match(m.group()).group(1).lower()  # type: ignore[union-attr]
        return record(m.group(), "\n" if re.fullmatch(_BREAK_TAGS, name) else "\t" if re.fullmatch(_CELL_TAGS, name)
                      else "")

    def entity(m: re.Match) -> str:
        token = m.group()
        if not token.startswith("&#") and token[1:] not in html5:
            return token  # not an HTML character reference: text that happens to hold `&…;`
        char = html.unescape(token)
        if char == token:
            return token
        return record(token, " " if char in _SPACES else char)

    text = _SUP_CITATION.sub(sup, text)
    text = _TAG.sub(tag, text)
    text = _ENTITY.sub(entity, text)
    changes = []
    for token, n in met.items():
        out = resolved[token]
        shown = {"\n": "a line break", "\t": "a cell break", " ": "a space", "": "nothing"}.get(out, f"`{out}`")
        changes.append(WEB_MARKUP_RESOLVED.change(
            f"HTML markup `{token}` left by a web conversion read as {shown} ({n} time{'s' if n > 1 else ''})",
            original=" ".join([token] * n), replacement=" ".join([out] * n) if out.strip() else None))
    return text, changes
