"""The chars of a page as pdfplumber draws them: duplicates removed; position, baseline, size, weight.

`page_chars` is the first step of the reader and the input side of the character
accounting (`accounting.py`): every glyph it returns, set aside or not, is text the
outputs must account for. Three kinds are set aside with the reason recorded:
rotated glyphs (margin notes, labels inside figures), glyphs without Unicode
(`(cid:12)`: pieces of big delimiters in formulas) and nothing else. A glyph without Unicode
from a TeX Computer Modern font (a Type 1 subset without ToUnicode: `CMMI12` code 16) is read
by the font's fixed TeX encoding (OT1, OML, OMS: code 16 of CMMI is ζ) where that table says
which character it is; only the codes of those tables are read, the rest stay unmapped. A glyph
without Unicode of a two-byte (CID) font outside math fonts (code over 255: a glyph number) is printed
text nobody can read from the file: it stays in its place as U+FFFD (`UNREADABLE`), not set aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UNMAPPED = re.compile(r"\(cid:\d+\)")
# a glyph of a two-byte (CID) font the PDF maps to no character (XeLaTeX's CJK font without ToUnicode; the
# code is a glyph number, not a character): printed text that cannot be read, kept in its place as U+FFFD
# (the normalizer removes it with a `replacement_char` flag on the text that held it)
UNREADABLE = "\ufffd"
# Latin ligatures as their letters: PDFium's text page gives a ligature glyph's letters ("ff" for a glyph
# mapped to U+FB00), pdfminer the presentation form; both readers give the letters (text searches find them)
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
             "\ufb06": "st"}
BOLD_FONT = re.compile(r"bold|heavy|black|semibold|demi|[-,]B\b", re.I)
# a 黑体 (Hei) face: what Chinese typesetting sets headings in beside a 宋体 body (not marked bold)
HEI_FONT = re.compile(r"hei|黑|yahei", re.I)
MATH_FONT = re.compile(r"^(?:CMMI|CMSY|CMEX|CMBSY|CMMIB|MSBM|MSAM|EUFM|LMMath|rsfs|STIXMath|Cambria-?Math|Symbol\b"
                       r"|MTExtra|MT-Extra|Euclid|Asana|XITSMath|LatinModernMath)", re.I)


@dataclass
class Char:
    text: str  # usually one character; a ligature glyph may hold several ("fi")
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float  # top-down, like top/bottom
    size: float
    bold: bool  # a bold face, or drawn more than once (fake bold)
    font: str = ""
    math: bool = False  # from a math font (CMMI, CMSY, ...): part of a formula
    hei: bool = False  # a 黑体 face: heavy beside a 宋体 body (the reader decides, `mark_hei`)

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


@dataclass
class PageChars:
    chars: list[Char]  # upright, mapped glyphs: the page's text
    glyph_text: str  # every glyph after duplicate removal, in drawing order: the accounting's input
    duplicates: int = 0  # glyphs drawn again on top of themselves (fake bold), dropped
    rotated: list[Char] = field(default_factory=list)
    unmapped: list[Char] = field(default_factory=list)
    # the names (without subset prefix) of the fonts the glyphs are in, worked out once per font anyway: whether
    # any line can be in a monospace font is known without looking at each line's glyphs (`blocks.usual_pitch`)
    fonts: set[str] = field(default_factory=set, compare=False)

    @property
    def without_unicode(self) -> int:
        """Glyphs no character was read for: set aside (`unmapped`) or kept as U+FFFD (`UNREADABLE`)."""
        return len(self.unmapped) + sum(c.text == UNREADABLE for c in self.chars)


GREEK_CAPS = "ΓΔΘΛΞΠΣΥΦΨΩ"  # codes 0-10 of OT1 and OML
TEX_ENCODINGS = (  # font name -> code -> character, for glyphs pdfminer cannot map
    (re.compile(r"^CMMIB?\d*$"), dict(enumerate(GREEK_CAPS + "αβγδϵζηθικλμνξπρστυϕχψωεϑϖϱςφ"))),
    (re.compile(r"^CM(?:R|BX|SL|SS|TI|BXTI|SSBX|SSI|TT)\d*$"), dict(enumerate(GREEK_CAPS))),
    (re.compile(r"^CMBSY\d*$|^CMSY\d*$"), {0: "−", 1: "·", 2: "×", 3: "∗", 4: "÷", 6: "±", 17: "≡", 20: "≤", 21: "≥",
                                         25: "≈", 33: "→", 50: "∈", 56: "∀", 57: "∃", 59: "∅"}),
)


def as_read(c: dict) -> dict:
    """`c` with a ligature's letters, or with the character its TeX font's encoding gives an unmapped
    code; else `c` as it is."""
    text = c["text"]
    if text not in LIGATURES and not UNMAPPED.fullmatch(text):
        return c
    read = read_text(text, font_name(c))
    return c if read is text else {**c, "text": read}


def read_text(text: str, font: str) -> str:
    """A glyph's text as read (`as_read`) from its text and its font's name without the subset prefix."""
    if text in LIGATURES:
        return LIGATURES[text]
    if not UNMAPPED.fullmatch(text):
        return text
    code = int(text[5:-1])
    for pattern, table in TEX_ENCODINGS:
        if pattern.match(font) and code in table:
            return table[code]
    if code > 0xFF and not MATH_FONT.match(font):
        return UNREADABLE  # a CID font's glyph without Unicode: text that cannot be read
    return text


def font_name(c: dict) -> str:
    name = c.get("fontname", "")
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    return name.split("+", 1)[-1]  # subset prefix (ABCDEF+) says nothing about the face


def dedupe(chars: list[dict], tolerance: float = 1.0) -> list[tuple[dict, int]]:
    """pdfplumber's dedupe_chars rule (same text, font and size within `tolerance` pt in y
    and x: one glyph drawn 2-4 times for fake bold), with sizes compared to 0.01 pt (copies
    differ in the 13th digit) and in O(n log n). Keeps drawing order; each glyph comes
    with the number of times it was drawn."""
    names: dict = {}  # font name as given -> without its subset prefix
    sizes: dict = {}  # size -> to 0.01 pt (a page has few sizes)
    groups: dict[tuple, list[int]] = {}  # key -> its glyphs, in drawing order
    for i, c in enumerate(chars):
        name = c.get("fontname", "")
        font = names.get(name)
        if font is None:
            font = names[name] = font_name(c)
        size = c["size"]
        rounded = sizes.get(size)
        if rounded is None:
            rounded = sizes[size] = round(size, 2)
        key = (c.get("upright", True), c["text"], font, rounded)
        group = groups.get(key)
        if group is None:
            groups[key] = [i]
        else:
            group.append(i)
    copies = _copies(groups, [c["doctop"] for c in chars], [c["x0"] for c in chars], tolerance) \
        if len(groups) < len(chars) else {}  # (no two glyphs alike: nothing drawn twice)
    if not copies:
        return [(c, 1) for c in chars]
    dropped = _dropped(copies)
    return [(c, len(copies[i]) if i in copies else 1) for i, c in enumerate(chars) if i not in dropped]


def _copies(groups: dict, doctops: list[float], x0s: list[float], tolerance: float) -> dict[int, list[int]]:
    """`dedupe`'s clusters of more than one glyph: of the glyphs alike (`groups`, key -> their numbers in drawing
    order), each such cluster by the copy kept (the topmost, then leftmost: the first such in the cluster's
    order). Empty when no glyph was drawn twice (most pages): no entry for the glyphs that stand alone."""
    out: dict[int, list[int]] = {}
    for members in groups.values():
        if len(members) == 1:
            continue
        rows: list[list[int]] = []  # `clusters(members, doctop, tolerance)` of more than one glyph
        row: list[int] = []
        last = None
        for i in sorted(members, key=doctops.__getitem__):  # ties in drawing order (a stable sort)
            v = doctops[i]
            if last is not None and v - last <= tolerance:
                row.append(i)
            else:
                if len(row) > 1:
                    rows.append(row)
                row = [i]
            last = v
        if len(row) > 1:
            rows.append(row)
        for row in rows:
            # `clusters(row, x0, tolerance)`: ties in the row's order (a stable sort)
            copies: list[int] = []
            last = None
            for i in sorted(row, key=x0s.__getitem__):
                v = x0s[i]
                if last is not None and v - last > tolerance:
                    if len(copies) > 1:
                        out[min(copies, key=lambda i: (doctops[i], x0s[i]))] = copies
                    copies = []
                copies.append(i)
                last = v
            if len(copies) > 1:
                out[min(copies, key=lambda i: (doctops[i], x0s[i]))] = copies
    return out


def _dropped(copies: dict[int, list[int]]) -> set[int]:
    """The glyphs `_copies` does not keep."""
    return {i for kept, cluster in copies.items() for i in cluster if i != kept}


def clusters(items: list, value, tolerance: float) -> list[list]:
    """Items whose values chain within `tolerance` of each other."""
    items = sorted(items, key=value)
    out: list[list] = []
    last = None
    for it in items:
        v = value(it)
        if last is not None and v - last <= tolerance:
            out[-1].append(it)
        else:
            out.append([it])
        last = v
    return out


def page_chars(page, glyphs: list[dict] | None = None) -> PageChars:
    """The page's glyphs (pdfplumber's, or `glyphs` read otherwise) after duplicate removal;
    rotated and unmapped ones set aside, in one pass over the glyphs, with what a page's glyphs share (a
    font's face, a size to 0.01 pt) worked out once. A glyph drawn more than once (offset by a fraction of a
    point) is fake bold. A glyph set on a slope (a diagonal watermark) is rotated: pdfminer calls a glyph at
    45 degrees upright, so the text matrix's rotation term decides (more than ~3 degrees); a sheared matrix
    (a slanted, synthetic italic) keeps its baseline level and is not slanted. PDFium's page gives its glyphs as
    records, read by `record_chars` by the same rules."""
    if glyphs is None:
        records = getattr(page, "glyph_records", None)  # PDFium's page: its glyphs as records, read once
        if records is not None and (read := records()) is not None:
            return record_chars(read)
        glyphs = page.chars
    raw = []
    for c in glyphs:
        text = c.get("text")
        if not text:
            continue
        raw.append(as_read(c) if text in LIGATURES or text.startswith("(cid:") else c)
    unique = dedupe(raw)
    out = PageChars([], "".join(c["text"] for c, _ in unique), len(raw) - len(unique))
    faces: dict = {}  # font name as given -> (name, bold, math, hei)
    sizes: dict = {}  # size -> to 0.01 pt
    upright_chars, rotated, unmapped = out.chars, out.rotated, out.unmapped
    for c, copies in unique:
        if "baseline" in c:
            baseline = c["baseline"]
        else:
            matrix = c.get("matrix") or (1, 0, 0, 1, 0, c["y0"])
            baseline = c["bottom"] - (matrix[5] - c["y0"])  # the origin's y, top-down
        raw_name = c.get("fontname", "")
        face = faces.get(raw_name)
        if face is None:
            font = font_name(c)
            face = faces[raw_name] = (font, bool(BOLD_FONT.search(font)), bool(MATH_FONT.match(font)),
                                      bool(HEI_FONT.search(font)))
        size = c["size"]
        rounded = sizes.get(size)
        if rounded is None:
            rounded = sizes[size] = round(size, 2)
        text = c["text"]
        char = Char(text, c["x0"], c["x1"], c["top"], c["bottom"], baseline, rounded, copies > 1 or face[1], face[0],
                    face[2], face[3])
        if text.startswith("(cid:") and UNMAPPED.fullmatch(text):
            unmapped.append(char)
        elif not c.get("upright", True) or ((m := c.get("matrix")) and abs(m[1]) > 0.05 * max(abs(m[0]), 1e-9)):
            rotated.append(char)
        else:
            upright_chars.append(char)
    out.fonts = {face[0] for face in faces.values()}
    return out


def record_chars(glyphs: list[list], tolerance: float = 1.0) -> PageChars:
    """`page_chars` of glyph records (PDFium's reader, `pdfium.glyph_records`: [text, x0, x1, top, bottom,
    baseline, size, fontname, upright, (a, b, c, d) of the matrix, ...], doctop the top, never an empty
    text), each glyph's Char made once: the same rules, the same PageChars. What consecutive glyphs share
    (a text object's font, size and uprightness) is looked up once for them, not glyph by glyph."""
    faces: dict[tuple, tuple] = {}  # (fontname, size, upright) -> (name without its subset prefix, bold, math,
    # hei, size to 0.01 pt, a number for (name, size to 0.01 pt, upright): what `dedupe`'s key compares)
    numbers: dict[tuple, int] = {}
    groups: dict[tuple, list[int]] = {}  # `dedupe`'s key (as text and that number) -> its glyphs, in drawing order
    made: list[Char] = []
    out = PageChars([], "")
    upright_chars, rotated, unmapped = out.chars, out.rotated, out.unmapped
    face: tuple = ()
    last_font, last_size, last_upright = None, None, None
    for i, g in enumerate(glyphs):
        text, size, fontname, upright = g[0], g[6], g[7], g[8]
        if fontname != last_font or size != last_size or upright != last_upright:
            last_font, last_size, last_upright = fontname, size, upright
            found = faces.get((fontname, size, upright))
            if found is None:
                font = fontname.split("+", 1)[-1]
                rounded = round(size, 2)
                found = faces[fontname, size, upright] = (
                    font, bool(BOLD_FONT.search(font)), bool(MATH_FONT.match(font)), bool(HEI_FONT.search(font)),
                    rounded, numbers.setdefault((font, rounded, upright), len(numbers)))
            face = found
        kind = upright_chars
        if text in LIGATURES or text.startswith("(cid:"):
            text = read_text(text, face[0])
            if text.startswith("(cid:") and UNMAPPED.fullmatch(text):
                kind = unmapped
        if kind is upright_chars:
            scaled = g[9]  # the text matrix's rotation term (see `page_chars`)
            if not upright or (scaled[1] and abs(scaled[1]) > 0.05 * max(abs(scaled[0]), 1e-9)):
                kind = rotated
        char = Char(text, g[1], g[2], g[3], g[4], g[5], face[4], face[1], face[0], face[2], face[3])
        made.append(char)
        kind.append(char)
        key = (text, face[5])
        group = groups.get(key)
        if group is None:
            groups[key] = [i]
        else:
            group.append(i)
    copies = _copies(groups, [c.top for c in made], [c.x0 for c in made], tolerance) if len(groups) < len(made) \
        else {}
    if copies:  # copies drawn on top of each other: the first of each is kept, bold
        aside = {id(c): where for where in (rotated, unmapped) for c in where}
        del upright_chars[:], rotated[:], unmapped[:]
        for i in copies:
            made[i].bold = True
        dropped = _dropped(copies)
        made = [c for i, c in enumerate(made) if i not in dropped]
        for char in made:
            aside.get(id(char), upright_chars).append(char)
    out.fonts = {face[0] for face in faces.values()}
    out.duplicates = len(glyphs) - len(made)
    out.glyph_text = "".join([c.text for c in made])
    return out


def mostly_unmapped(chars: PageChars, share: float) -> bool:
    """pdfminer could not map most glyphs of the page to Unicode (an encrypted file's CID fonts)."""
    total = len(chars.chars) + len(chars.unmapped)
    return total > 0 and chars.without_unicode >= share * total


def pdfium_glyphs(document, index: int) -> list[dict]:
    """The glyphs of page `index` as PDFium reads them, in pdfplumber's shape (top-down y)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    page = document[index]
    height = page.get_height()
    text_page = page.get_textpage()
    out = []
    box, font = pdfium_c.FS_RECTF(), ctypes.create_string_buffer(256)
    x, y, flags = ctypes.c_double(), ctypes.c_double(), ctypes.c_int()
    for i in range(text_page.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(text_page.raw, i):
            continue  # a space or line break PDFium made up
        text = text_page.get_text_range(i, 1)
        if not text or text in "\r\n":
            continue
        pdfium_c.FPDFText_GetLooseCharBox(text_page.raw, i, ctypes.byref(box))
        pdfium_c.FPDFText_GetCharOrigin(text_page.raw, i, ctypes.byref(x), ctypes.byref(y))
        pdfium_c.FPDFText_GetFontInfo(text_page.raw, i, font, 256, ctypes.byref(flags))
        top, bottom = height - box.top, height - box.bottom
        out.append({"text": text, "x0": box.left, "x1": box.right, "top": top, "bottom": bottom, "doctop": top,
                    "baseline": height - y.value, "size": pdfium_c.FPDFText_GetFontSize(text_page.raw, i),
                    "fontname": font.value.decode("latin-1"),
                    "upright": abs(pdfium_c.FPDFText_GetCharAngle(text_page.raw, i)) < 0.01})
    text_page.close()
    page.close()
    return out
