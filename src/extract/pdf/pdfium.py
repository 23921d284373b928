"""PDFium (pypdfium2) under the reader: a page's glyphs, rules, drawings and pictures in pdfplumber's shape.

`PdfiumPage` stands where the reader's steps took pdfplumber's page: `chars` (dicts with text, x0, x1,
top, bottom, doctop, baseline, size, fontname, upright, matrix), `lines`, `rects`, `curves` (pdfminer's
classification of path objects), `images`, `edges`, `bbox` and `find_tables(settings)` (pdfplumber's
own table finder, run on the edges read here). The values are pdfminer's where PDFium holds the same
facts: a glyph's box is pdfminer's (bottom at the font's descent, the size the text matrix's height, top
= bottom - size), its text ToUnicode's (a ligature glyph one char, "fi"; a glyph without Unicode
"(cid:N)"), glyphs in drawing order, and a text object PDFium's text page leaves out because it is drawn
again on top of itself (fake bold) comes back as the copies pdfminer reads; positions are rounded to
the thousandth of a point (PDFium's single precision otherwise splits what pdfminer sees level).

A text object of spaces (nothing drawn), which the text page drops too, comes back as spaces when its
font is embedded or every text object the page shows in that font has ink. A page PDFium cannot read the
same way (rotated, a media box not at the origin) is read by pdfplumber (`supported`); a page whose text
page leaves out another text object (one in a font not embedded: PDFium may measure nothing drawn in it,
a lone `。` of STSong-Light has no box) takes pdfminer's glyphs (`read_by_pdfminer`, decided from each
char's code and object before any glyph is measured), and a table finder asked for the text strategy runs
on pdfplumber's page (`plumber`): each opens pdfminer for that page only.

Per glyph the reader asks PDFium its code, object, origin and box (and whether it has Unicode); a text
object's matrix and size, a font's name, descent and widths are asked once (`_Fonts`).
"""

from __future__ import annotations

import bisect
import ctypes
from collections.abc import Callable

# FPDFFont_GetGlyphWidth asks the font by character (a C wchar_t): a character outside the BMP (𝐴, a
# unicode-math letter) only where wchar_t holds it (4 bytes: Linux, macOS; Windows: UTF-16 units)
_WIDEST_CHAR = 0x10FFFF if ctypes.sizeof(ctypes.c_wchar) == 4 else 0xFFFF
# A font not embedded (a CJK font named, not carried: STSong-Light, as reportlab and iText write) is mapped to
# Unicode by PDFium through the character collection's CIDs, where GB 2312's middle dot (A1A4, the `·` of
# 理查德·弗罗里达) comes back as the katakana middle dot U+30FB; the file's own encoding (UCS-2, GBK) and
# pdfminer say U+00B7
_GB_MIDDLE_DOT = "\u00b7"
_LIGATURE_TOLERANCE = 0.01  # pt: PDFium gives each char of a ligature glyph the glyph's own box
_NONSYMBOLIC = 32  # a font descriptor's flag: the glyphs are of the standard Latin character set
_COPY_LOOKBACK = 16  # text objects shown, before and after, looked at for the one a dropped object repeats


def _address(handle) -> int:
    """A page object handle as a number (the same object, the same number)."""
    try:
        return ctypes.addressof(handle.contents)
    except ValueError:  # a null handle
        return 0


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _concat(inner: tuple, outer: tuple) -> tuple:
    """inner then outer (PDF's row-vector convention: inner x outer)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class PdfiumPage:
    """One page as the reader's steps take it, read by PDFium."""

    def __init__(self, document, index: int, plumber: Callable[[], object]):
        import pypdfium2.raw as pdfium_c

        self._c = pdfium_c
        self.page = document[index]
        self.index = index
        self._plumber_factory = plumber
        self._plumber: object | None = None
        self.width, self.height = self.page.get_width(), self.page.get_height()
        self.bbox = (0.0, 0.0, self.width, self.height)
        # pdfminer measures from the media box, PDFium's page size is its crop box: the same when both start
        # at the origin and a crop box on the page (if any) is the media box on it
        bounds = self.page.get_bbox()
        crop, media = self.page.get_cropbox(fallback_ok=False), self.page.get_mediabox(fallback_ok=False)
        self.supported = (self.page.get_rotation() == 0 and tuple(bounds[:2]) == (0, 0)
                          and (crop is None or crop == media))
        self._objects: dict[str, list] | None = None
        self._edges: list | None = None
        self._text_objects: list[tuple[int, object, tuple]] = []  # (order, handle, form matrix)
        self.read_by_pdfminer = False  # set: the glyphs are pdfminer's (text PDFium's text page leaves out)

    # pdfplumber's page, for what PDFium does not give the same way
    def plumber(self):
        if self._plumber is None:
            self._plumber = self._plumber_factory()
        return self._plumber

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()  # type: ignore[attr-defined]
        self.page.close()

    def extract_text(self) -> str:
        return self.plumber().extract_text()

    def extract_words(self, **kwargs):
        return self.plumber().extract_words(**kwargs)

    # page objects: paths and pictures in pdfplumber's shape, text objects in drawing order
    def _walk(self) -> dict[str, list]:
        if self._objects is None:
            c = self._c
            out: dict[str, list] = {"line": [], "rect": [], "curve": [], "image": []}
            order = [0]
            self._text_objects = []

            def walk(count: int, get, outer: tuple) -> None:
                for k in range(count):
                    obj = get(k)
                    kind = c.FPDFPageObj_GetType(obj)
                    if kind == c.FPDF_PAGEOBJ_TEXT:
                        self._text_objects.append((order[0], obj, outer))
                        order[0] += 1
                    elif kind == c.FPDF_PAGEOBJ_PATH:
                        self._path(obj, outer, out)
                    elif kind == c.FPDF_PAGEOBJ_IMAGE:
                        self._image(obj, outer, out)
                    elif kind == c.FPDF_PAGEOBJ_FORM:
                        m = c.FS_MATRIX()
                        c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
                        inner = _concat((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                        walk(c.FPDFFormObj_CountObjects(obj), lambda i, obj=obj: c.FPDFFormObj_GetObject(obj, i),
                             inner)

            raw = self.page.raw
            walk(c.FPDFPage_CountObjects(raw), lambda i: c.FPDFPage_GetObject(raw, i), IDENTITY)
            self._objects = out
        return self._objects

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> dict:
        x0, y0, x1, y1 = round(x0, 3), round(y0, 3), round(x1, 3), round(y1, 3)  # see `_glyph`
        top, bottom = round(self.height - y1, 3), round(self.height - y0, 3)
        return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": top, "bottom": bottom, "doctop": top,
                "width": x1 - x0, "height": y1 - y0, "page_number": self.index + 1}

    def _path(self, obj, outer: tuple, out: dict) -> None:
        """pdfminer's reading of a path: each subpath a line (m l), a rect (an axis-parallel closed m l l l),
        or a curve (anything else; its points are the segments' end points)."""
        c = self._c
        m = c.FS_MATRIX()
        c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        matrix = _concat((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        width, fill, stroke = ctypes.c_float(), ctypes.c_int(), ctypes.c_int()
        drawn = {"linewidth": round(width.value, 3) if c.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width)) else 0.0}
        if c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):  # as pdfplumber's objects say
            drawn.update(fill=fill.value != c.FPDF_FILLMODE_NONE, stroke=bool(stroke.value))
        x, y = ctypes.c_float(), ctypes.c_float()
        subpaths: list[tuple[str, list]] = []
        bezier = 0
        for k in range(c.FPDFPath_CountSegments(obj)):
            seg = c.FPDFPath_GetPathSegment(obj, k)
            kind = c.FPDFPathSegment_GetType(seg)
            c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            pt = _apply(matrix, x.value, y.value)
            if kind == c.FPDF_SEGMENT_MOVETO or not subpaths:
                subpaths.append(("m", [pt]))
                bezier = 0
            elif kind == c.FPDF_SEGMENT_LINETO:
                subpaths[-1] = (subpaths[-1][0] + "l", subpaths[-1][1] + [pt])
            elif kind == c.FPDF_SEGMENT_BEZIERTO:
                bezier += 1
                if bezier % 3:
                    continue  # a control point: pdfminer keeps a curve's end points
                subpaths[-1] = (subpaths[-1][0] + "c", subpaths[-1][1] + [pt])
            else:
                continue
            if c.FPDFPathSegment_GetClose(seg):
                shape, pts = subpaths[-1]
                subpaths[-1] = (shape + "h", pts + [pts[0]])
        for shape, pts in subpaths:
            if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
                shape = shape[:-2] + "h"
                del pts[-2]
            if shape in ("mlh", "ml"):
                (ax, ay), (bx, by) = pts[0], pts[1]
                item = self._box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
                item.update(object_type="line", pts=[(px, self.height - py) for px, py in pts[:2]], **drawn)
                out["line"].append(item)
                continue
            if shape in ("mlllh", "mllll"):
                (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
                if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                         or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
                    item = self._box(min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2))
                    item.update(object_type="rect", pts=[(px, self.height - py) for px, py in pts], **drawn)
                    out["rect"].append(item)
                    continue
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            item = self._box(min(xs), min(ys), max(xs), max(ys))
            item.update(object_type="curve", pts=[(px, self.height - py) for px, py in pts], **drawn)
            out["curve"].append(item)

    def _image(self, obj, outer: tuple, out: dict) -> None:
        c = self._c
        m = c.FS_MATRIX()
        c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        matrix = _concat((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        corners = [_apply(matrix, px, py) for px, py in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        item = self._box(min(xs), min(ys), max(xs), max(ys))
        item["object_type"] = "image"
        out["image"].append(item)

    @property
    def lines(self) -> list[dict]:
        return self._walk()["line"]

    @property
    def rects(self) -> list[dict]:
        return self._walk()["rect"]

    @property
    def curves(self) -> list[dict]:
        return self._walk()["curve"]

    @property
    def images(self) -> list[dict]:
        return self._walk()["image"]

    @property
    def edges(self) -> list[dict]:
        if self._edges is None:
            from pdfplumber import utils

            self._edges = ([utils.line_to_edge(ln) for ln in self.lines]
                           + [e for r in self.rects for e in utils.rect_to_edges(r)]
                           + [e for cv in self.curves for e in utils.curve_to_edges(cv)])
        return self._edges

    def find_tables(self, settings: dict | None = None) -> list:
        """pdfplumber's table finder on the rules read here (a text strategy: on pdfplumber's page)."""
        from pdfplumber.table import TableFinder, TableSettings

        tset = TableSettings.resolve(settings)
        if "text" in (tset.vertical_strategy, tset.horizontal_strategy):
            return self.plumber().find_tables(settings)
        if not self.edges and not tset.explicit_vertical_lines and not tset.explicit_horizontal_lines:
            return []
        return TableFinder(self, tset).tables  # type: ignore[arg-type]  # the finder reads edges and bbox

    # glyphs
    @property
    def chars(self) -> list[dict]:
        return read_glyphs(self)


def read_glyphs(page: PdfiumPage) -> list[dict]:
    """The page's glyphs in drawing order, in pdfminer's values (see the module's docstring).

    Few calls into PDFium per glyph (its code, object, origin and box; the object's matrix and size once
    per text object, a font's name, descent and widths once per font and size on the page), the handles
    as numbers, one set of ctypes buffers for the page."""
    c = page._c
    page._walk()
    text_page = page.page.get_textpage()
    try:
        tp = text_page.raw
        order = {_address(obj): (n, obj, outer) for n, obj, outer in page._text_objects}
        fonts = _Fonts(c)
        per_object: dict[int, dict] = {}
        box = c.FS_RECTF()
        x, y = ctypes.c_double(), ctypes.c_double()
        box_ref, x_ref, y_ref = ctypes.byref(box), ctypes.byref(x), ctypes.byref(y)
        generated, unicode, text_object = c.FPDFText_IsGenerated, c.FPDFText_GetUnicode, _text_object_address(c)
        loose_box, origin = c.FPDFText_GetLooseCharBox, c.FPDFText_GetCharOrigin
        map_error = c.FPDFText_HasUnicodeMapError
        height = page.height
        # first each char's code and object: which text objects the text page leaves out, and whether the
        # reader can bring them back, is known before any glyph is measured (else pdfminer reads the page)
        chars: list[tuple[int, int, int]] = []  # (index, code, object)
        for i in range(c.FPDFText_CountChars(tp)):
            if not generated(tp, i):  # else a space or line break PDFium made up
                chars.append((i, unicode(tp, i), text_object(tp, i) or 0))
        counts: dict[int, int] = {}  # text object -> its chars on the text page, -1: not all spaces
        for _, code, key in chars:
            if code not in (0x0D, 0x0A, 0):
                counts[key] = counts.get(key, 0) + 1 if code == 0x20 and counts.get(key, 0) >= 0 else -1
        plan = _plan_dropped(page, order, {key for _, _, key in chars}, set(counts),
                             {key for key, count in counts.items() if count == 1})
        if plan is None:  # text PDFium's text page does not show (a font not embedded)
            page.read_by_pdfminer = True
            return page.plumber().chars
        glyphs: list[tuple[tuple, dict]] = []
        last: dict | None = None
        for i, code, key in chars:
            info = per_object.get(key)
            if info is None:  # the object is on the text page (not dropped), whatever its chars
                known = order.get(key)
                obj = known[1] if known is not None else c.FPDFText_GetTextObject(tp, i)
                info = per_object[key] = _object_info(c, tp, i, obj, fonts)
                info["order"] = known[0] if known is not None else len(order) + 1
            if code in (0x0D, 0x0A, 0):
                continue
            loose_box(tp, i, box_ref)
            origin(tp, i, x_ref, y_ref)
            if map_error(tp, i):
                if code > 0xFF:  # a CID font's glyph without Unicode: the text page may reorder or decompose its
                    page.read_by_pdfminer = True  # code (bidi, NFKC) and drop the mark; pdfminer gives its CID
                    return page.plumber().chars
                text = f"(cid:{code})"
            elif code in (0xFFFE, 0x02):  # PDFium's mark for a hyphen that ends a line
                text = "-"
            elif 0xDC00 <= code <= 0xDFFF and last is not None:  # the second half of a surrogate pair
                last["text"] = (last["text"] + chr(code)).encode("utf-16", "surrogatepass").decode("utf-16")
                last["x1"] = max(last["x1"], round(box.right, 3))  # the pair's box is the second half's
                continue
            elif code == 0x30FB and not info["embedded"]:
                text = _GB_MIDDLE_DOT
            else:
                text = chr(code)
            ox, right = x.value, box.right
            if (last is not None and last["_object"] == key and abs(last["_origin"] - ox) < _LIGATURE_TOLERANCE
                    and abs(last["matrix"][5] - y.value) < _LIGATURE_TOLERANCE  # one origin (not a vertical run)
                    and abs(last["_right"] - right) < _LIGATURE_TOLERANCE and right > box.left):
                last["text"] += text  # one ligature glyph, one char ("fi"), as wide as the glyph
                last["x1"] = round(right, 3)
                continue
            glyph = _glyph(height, info, fonts, text, box, ox, y.value, key)
            glyph["_right"] = right
            glyphs.append(((info["order"], i), glyph))
            last = glyph
        glyphs += _dropped_glyphs(page, order, plan, glyphs)
    finally:
        text_page.close()
    glyphs.sort(key=lambda g: g[0])
    out = []
    for _, g in glyphs:
        del g["_object"], g["_origin"]
        g.pop("_right", None)
        out.append(g)
    return out


_TEXT_OBJECT_ADDRESS: list = []


def _text_object_address(c):
    """FPDFText_GetTextObject returning the object's address as a number (0: none), not a pointer object:
    the same function of the same library, declared with an integer result."""
    if not _TEXT_OBJECT_ADDRESS:
        address = ctypes.cast(c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
        _TEXT_OBJECT_ADDRESS.append(ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address))
    return _TEXT_OBJECT_ADDRESS[0]


class _Fonts:
    """A page's fonts: name, descent and glyph widths asked once per font (and size), buffers made once."""

    def __init__(self, c):
        self.c = c
        self.names: dict[int, str] = {}
        self.embeds: dict[int, bool] = {}
        self.descents: dict[tuple[int, float], float] = {}
        self.widths: dict[tuple[int, float, int], float | None] = {}
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._value = ctypes.c_float()

    def name(self, tp, i: int, handle) -> str:
        key = _address(handle)
        if key not in self.names:
            self.c.FPDFText_GetFontInfo(tp, i, self._name, 256, ctypes.byref(self._flags))
            self.names[key] = _font_name(self._name.value)
        return self.names[key]

    def embedded(self, handle) -> bool:
        key = _address(handle)
        if key not in self.embeds:
            self.embeds[key] = bool(self.c.FPDFFont_GetIsEmbedded(handle))
        return self.embeds[key]

    def descent(self, handle, fontsize: float) -> float:
        key = (_address(handle), fontsize)
        if key not in self.descents:
            ok = self.c.FPDFFont_GetDescent(handle, ctypes.c_float(fontsize), ctypes.byref(self._value))
            self.descents[key] = self._value.value if ok else 0.0
        return self.descents[key]

    def width(self, handle, key: int, fontsize: float, code: int) -> float | None:
        """The font's advance of `code` at `fontsize` (pdfminer's /Widths), None if PDFium has none."""
        k = (key, fontsize, code)
        if k not in self.widths:
            ok = self.c.FPDFFont_GetGlyphWidth(handle, code, ctypes.c_float(fontsize), ctypes.byref(self._value))
            self.widths[k] = self._value.value if ok else None
        return self.widths[k]


def _object_info(c, tp, i: int, obj, fonts: _Fonts) -> dict:
    m = c.FS_MATRIX()
    c.FPDFText_GetMatrix(tp, i, ctypes.byref(m))
    fontsize = c.FPDFText_GetFontSize(tp, i)
    handle = c.FPDFTextObj_GetFont(obj)
    return {"matrix": (m.a, m.b, m.c, m.d, m.e, m.f), "fontname": fonts.name(tp, i, handle), "fontsize": fontsize,
            "descent": fonts.descent(handle, fontsize), "upright": m.a * m.d > 0 and m.b * m.c <= 0,
            "font": handle, "font_key": _address(handle), "embedded": fonts.embedded(handle)}


def _font_name(raw: bytes) -> str:
    """pdfminer's and pdfplumber's reading of a font name: UTF-8, else a Chinese (CP936) name pdfplumber
    knows, else the bytes as Python shows them."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from pdfplumber.page import fix_fontname_bytes

        return fix_fontname_bytes(raw)


def _glyph(height: float, info: dict, fonts: _Fonts, text: str, box, ox: float, oy: float, key: int) -> dict:
    """pdfminer's box of a glyph: x from its advance (PDFium's loose box), bottom at the font's descent
    (the loose box's), height the font size times the text matrix's vertical scale."""
    a, b, c_, d, _, _ = info["matrix"]
    fontsize = info["fontsize"]
    x1 = box.right
    if b == 0 and c_ == 0:
        size = fontsize * abs(d)
        bottom = height - (oy + info["descent"] * d)
        top = bottom - size
        x0 = ox  # pdfminer's box starts at the origin
        # pdfminer's advance is the font's width of the glyph (its /Widths); PDFium's loose box may be the
        # width of the glyph program (a font not embedded: the substitute's)
        if len(text) == 1 and ord(text) <= _WIDEST_CHAR:  # the width is asked by Unicode character
            width = fonts.width(info["font"], info["font_key"], fontsize, ord(text))
            if width:  # 0: a font PDFium cannot map the character back to its code in (TeX's CMSY `−`)
                x1 = ox + a * width
    else:  # rotated, slanted or sheared text: PDFium's box as it is
        top, bottom = height - box.top, height - box.bottom
        size = fontsize * (d * d + b * b) ** 0.5
        x0 = box.left
    # PDFium computes in single precision (591.94997 for pdfminer's 591.95): to the thousandth of a point,
    # lines and columns that share a baseline or an edge share it exactly, as pdfminer's do
    top = round(top, 3)
    return {"text": text, "x0": round(x0, 3), "x1": round(x1, 3), "top": top, "bottom": round(bottom, 3),
            "doctop": top, "baseline": round(height - oy, 3), "size": round(size, 3), "fontname": info["fontname"],
            "upright": info["upright"],
            "matrix": (a * fontsize, b * fontsize, c_ * fontsize, d * fontsize, ox, oy), "_object": key,
            "_origin": ox}


def _plan_dropped(page: PdfiumPage, order: dict, on_page: set[int], shown: set[int],
                  one_space: set[int]) -> list | None:
    """Text objects PDFium's text page leaves out (not `on_page`), and how each comes back. One the text
    page leaves out because the same text is drawn at (almost) the same place (fake bold) is read by
    pdfminer too: it comes back as a copy of that object's glyphs, moved by the offset between the two
    (`("copy", n, source, dx, dy)`). The copy is told by PDFium's own test as far as the API shows it: the
    same font at the same size, a box of the same size a few points away at most; the nearest such object
    `shown` (with glyphs), drawn before or after (the text page may keep the later one). A text object left
    out without ink in an embedded font, or in one not embedded every text object of which the page shows
    has ink, is a text object of spaces (`("spaces", n, object, left, bottom, span)`). None when a text
    object left out is neither: its text cannot be had from PDFium (FPDFTextObj_GetText reads the text
    page), and the page's glyphs are read by pdfminer."""
    c = page._c
    missing = [(n, obj) for key, (n, obj, _) in order.items() if key not in on_page]
    if not missing:
        return []
    shown_order = sorted((n, key) for key, (n, _, _) in order.items() if key in shown)
    numbers = [n for n, _ in shown_order]
    bounds: dict[int, tuple] = {}
    sizes: dict[int, float] = {}
    fonts: dict[int, int] = {}

    def facts(key: int, obj) -> tuple[tuple, float, int]:
        if key not in bounds:
            bounds[key], sizes[key] = _bounds(c, obj), _font_size(c, obj)
            fonts[key] = _address(c.FPDFTextObj_GetFont(obj))
        return bounds[key], sizes[key], fonts[key]

    inked: dict[int, bool] = {}  # font -> every text object the page shows in it has ink
    for _, key in shown_order:
        (_, shown_bottom, _, shown_top), _, shown_font = facts(key, order[key][1])
        inked[shown_font] = inked.get(shown_font, True) and shown_top - shown_bottom > 0.01
    collapsed: bool | None = None  # the text page shows one space of a text object of several (see below)
    plan: list[tuple] = []
    for n, obj in missing:
        (left, bottom, right, top), size, font = facts(_address(obj), obj)
        at = bisect.bisect_left(numbers, n)
        best: tuple | None = None
        for _, key in shown_order[max(0, at - _COPY_LOOKBACK):at + _COPY_LOOKBACK]:
            (src_left, src_bottom, src_right, src_top), src_size, src_font = facts(key, order[key][1])
            if src_font != font or abs(src_size - size) > 0.01:
                continue
            dx, dy = left - src_left, bottom - src_bottom
            if abs(dx) > 5 or abs(dy) > 5 or abs((right - left) - (src_right - src_left)) > 0.5 \
                    or abs((top - bottom) - (src_top - src_bottom)) > 0.5:
                continue
            if best is None or abs(dx) + abs(dy) < best[0]:
                best = (abs(dx) + abs(dy), key, dx, dy)
        if best is not None:
            plan.append(("copy", n, best[1], best[2], best[3]))
            continue
        handle = c.FPDFTextObj_GetFont(obj)
        latin = right - left < 0.01 and bool(c.FPDFFont_GetFlags(handle) & _NONSYMBOLIC)
        if latin and collapsed is None:
            collapsed = any(facts(key, order[key][1])[0][2] - facts(key, order[key][1])[0][0] > 0.5
                            for key in one_space if key in order)
        if top - bottom < 0.01 and (c.FPDFFont_GetIsEmbedded(handle) or inked.get(font, False)
                                      or (latin and not collapsed)):
            # no ink, in a font PDFium measures: a text object of spaces, which the text page drops (pdfminer
            # reads them). In a font not embedded PDFium measures no glyph it has no substitute for (a CJK font
            # named, not carried: STSong-Light's `。` alone in a text object has no box either), so such an
            # object may be real text unless every glyph of the font the page shows has a box, or the object
            # is one glyph (no span) of a font of the standard Latin set (its descriptor's Nonsymbolic flag:
            # PDFium's own Latin fonts stand in and measure every glyph of it). That last reading stays off
            # on a page where the text page shows one space of a text object of several (it keeps a run's
            # first space only, pdfminer each: the page is pdfminer's anyway to keep its runs of spaces).
            plan.append(("spaces", n, obj, left, bottom, right - left))
        else:
            return None  # a text object left out for a reason not known here
    return plan


def _dropped_glyphs(page: PdfiumPage, order: dict, plan: list, glyphs: list) -> list:
    """The glyphs of the text objects the text page left out, as `_plan_dropped` planned them."""
    if not plan:
        return []
    by_object: dict[int, list[dict]] = {}
    for _, g in glyphs:
        by_object.setdefault(g["_object"], []).append(g)
    out = []
    for step in plan:
        if step[0] == "copy":
            _, n, key, dx, dy = step
            for k, g in enumerate(by_object[key]):
                copy = dict(g, x0=g["x0"] + dx, x1=g["x1"] + dx, top=g["top"] - dy, bottom=g["bottom"] - dy,
                            doctop=g["doctop"] - dy, baseline=g["baseline"] - dy)
                out.append(((n, k), copy))
        else:
            _, n, obj, left, bottom, span = step
            out += [((n, k), space) for k, space in enumerate(_spaces(page, obj, order[_address(obj)][2],
                                                                      left, bottom, span))]
    return out


def _spaces(page: PdfiumPage, obj, outer: tuple, x: float, y: float, span: float) -> list[dict]:
    """The spaces of a text object of spaces, as pdfminer reads them: as many as fill its span (one at least)."""
    c = page._c
    m = c.FS_MATRIX()
    c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    a, b, c_, d, _, _ = _concat((m.a, m.b, m.c, m.d, m.e, m.f), outer)
    fontsize = _font_size(c, obj)
    font = c.FPDFTextObj_GetFont(obj)
    name = ctypes.create_string_buffer(256)
    c.FPDFFont_GetBaseFontName(font, name, 256)
    descent = ctypes.c_float()
    if not c.FPDFFont_GetDescent(font, ctypes.c_float(fontsize), ctypes.byref(descent)):
        descent.value = 0.0
    size = fontsize * abs(d) if b == 0 and c_ == 0 else fontsize * (d * d + b * b) ** 0.5
    bottom = page.height - (y + descent.value * d)
    width = ctypes.c_float()
    if not c.FPDFFont_GetGlyphWidth(font, 32, ctypes.c_float(fontsize), ctypes.byref(width)):
        width.value = 0.25 * fontsize
    advance = a * width.value
    count = max(1, round(span / advance)) if advance > 0.01 else 1
    return [_space(x + k * advance, advance, size, bottom, y, fontsize, (a, b, c_, d), name.value, obj, page)
            for k in range(count)]


def _space(x: float, advance: float, size: float, bottom: float, y: float, fontsize: float, m: tuple,
           name: bytes, obj, page: PdfiumPage) -> dict:
    a, b, c_, d = m
    top = round(bottom - size, 3)
    return {"text": " ", "x0": round(x, 3), "x1": round(x + advance, 3), "top": top, "bottom": round(bottom, 3),
            "doctop": top, "baseline": round(page.height - y, 3), "size": round(size, 3),
            "fontname": _font_name(name),
            "upright": a * d > 0 and b * c_ <= 0,
            "matrix": (a * fontsize, b * fontsize, c_ * fontsize, d * fontsize, x, y),
            "_object": _address(obj), "_origin": x}


def _font_size(c, obj) -> float:
    size = ctypes.c_float()
    c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
    return size.value


def _bounds(c, obj) -> tuple[float, float, float, float]:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    c.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    return left.value, bottom.value, right.value, top.value
