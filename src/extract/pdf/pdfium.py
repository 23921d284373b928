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

The text page keeps the first space of a run of spaces in a text object only, and leaves out a text
object of spaces that follows a space: the run comes back whole (`_whole_runs`, `_spaces`), its first and
last space where pdfminer has them (a space has no ink: the object's bounds run from the first origin to
the last), as many between as fit one advance apart (pdfminer's count where no character or word spacing
is set; PDFium's API gives neither). A text object of spaces left out comes back as spaces when its font
is embedded, every text object the page shows in that font has ink, or the font is of the standard Latin
set (Nonsymbolic). A slanted or rotated glyph's box is pdfminer's too (its advance through the text
matrix). A page PDFium cannot read the same way (rotated, a media box not at the origin) is read by
pdfplumber (`supported`); a page whose text page leaves out another text object (one in a font not
embedded: PDFium may measure nothing drawn in it, a lone `。` of STSong-Light has no box) takes
pdfminer's glyphs (`read_by_pdfminer`, decided from each char's code and object, read in the pass that
reads the glyphs). A form's glyphs PDFium may set apart with the character spacing in force where the form is
drawn (`_misplaced`) are moved back by the spacing read from the page's content (`_respaced`); a page
where that cannot be told takes pdfminer's glyphs too, and a table finder asked for the text strategy
runs on pdfplumber's page (`plumber`): each opens pdfminer for that page only.

A page's chars come from PDFium's text page in one call of the C helper `_glyphs` (_glyphs.c, built by
`make install`: each char's code, text object, origin and rounded edges, and each text object's font, size
and matrix; `_columns`), as do a page's objects, a path's segments and text objects' bounds (`_children`,
`_path_facts`, `_text_facts`): the helper calls PDFium's functions by the addresses pypdfium2's ctypes
bindings hold (it does not link PDFium). Without it (no C compiler; `NATIVE` False) the same is read
through ctypes in Python (`_columns_python`...: the same records, more CPU). What a glyph needs of its text
object (matrix, size, a font's name, descent and widths) is asked once per font, size and matrix
(`_Fonts`). PDFium's functions are called with handles as plain numbers (`_n`), and a glyph is read once
into a record (a list, `glyph_records`) that `chars.page_chars` turns into its Char directly; `chars`
gives the same glyphs as dicts.
"""

from __future__ import annotations

import bisect
import ctypes
from collections.abc import Callable
from operator import itemgetter

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
_COPY_LOOKBACK = 64  # text objects shown, before and after, looked at for the one a dropped object repeats


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
        self._forms = 0  # forms drawn on the page itself (not in a form), in drawing order
        self._form_of: dict[int, int] = {}  # a text object in a form -> the page's form it is drawn in
        self.read_by_pdfminer = False  # set: the glyphs are pdfminer's (text PDFium's text page leaves out)

    # pdfplumber's page, for what PDFium does not give the same way
    def plumber(self):
        if self._plumber is None:
            self._plumber = self._plumber_factory()
        return self._plumber

    @property
    def used_pdfminer(self) -> bool:
        """pdfplumber's page was made for this page (what PDFium does not give the same way)."""
        return self._plumber is not None

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
            out: dict[str, list] = {"line": [], "rect": [], "curve": [], "image": []}
            self._text_objects = []
            self._forms, self._form_of = 0, {}
            self._walk_objects(_number(self.page.raw), False, IDENTITY, -1, out)
            self._objects = out
        return self._objects

    def _walk_objects(self, parent: int, in_form: bool, outer: tuple, form: int, out: dict[str, list]) -> None:
        """The objects of the page or of a form (`parent`, drawn through `outer`) into `out` and the text
        objects' list, in drawing order; `form`: the page's form they are drawn in (-1: none). A method, not a
        nested function calling itself (that would make a reference cycle per page, left to the collector)."""
        c = self._c
        text, path, image = c.FPDF_PAGEOBJ_TEXT, c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_IMAGE
        form_kind = c.FPDF_PAGEOBJ_FORM
        objects, kinds = _children(c, parent, in_form)  # handles as numbers (`_n`)
        for obj, kind in zip(objects, kinds):
            if kind == text:
                if form >= 0:
                    self._form_of[obj] = form
                self._text_objects.append((len(self._text_objects), obj, outer))
            elif kind == path:
                self._path(obj, outer, out)
            elif kind == image:
                self._image(obj, outer, out)
            elif kind == form_kind:
                top = form if form >= 0 else self._forms  # a form in a form: the page's form's
                self._forms += form < 0
                self._walk_objects(obj, True, _concat(_matrix(c, obj), outer), top, out)

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> dict:
        x0, y0, x1, y1 = round(x0, 3), round(y0, 3), round(x1, 3), round(y1, 3)  # see `_glyph`
        top, bottom = round(self.height - y1, 3), round(self.height - y0, 3)
        return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": top, "bottom": bottom, "doctop": top,
                "width": x1 - x0, "height": y1 - y0, "page_number": self.index + 1}

    def _path(self, obj, outer: tuple, out: dict) -> None:
        """pdfminer's reading of a path: each subpath a line (m l), a rect (an axis-parallel closed m l l l),
        or a curve (anything else; its points are the segments' end points)."""
        c = self._c
        subpaths, stroked, width, drew, fill, stroke = _path_facts(c, obj, outer)
        drawn = {"linewidth": round(width, 3) if stroked else 0.0}
        if drew:  # as pdfplumber's
            drawn.update(fill=fill != c.FPDF_FILLMODE_NONE, stroke=bool(stroke))
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
        matrix = _concat(_matrix(self._c, obj), outer)
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
        """The page's glyphs as pdfplumber's dicts (pdfminer's when PDFium's text page cannot give them)."""
        glyphs = None if self.read_by_pdfminer else glyph_records(self)
        return self.plumber().chars if glyphs is None else [glyph_dict(g) for g in glyphs]

    def glyph_records(self) -> list[list] | None:
        """The page's glyphs as records (`glyph_records`), None when pdfminer's are read (`read_by_pdfminer`)."""
        return None if self.read_by_pdfminer else glyph_records(self)


# A glyph record: [text, x0, x1, top, bottom, baseline, size, fontname, upright, (a, b, c, d) of its matrix,
# origin x, origin y, text object, drawing order]; a glyph dict's doctop is its top, its matrix (a, b, c, d,
# origin x, origin y). A list, built once per glyph: a ligature's or a surrogate pair's second half extends it
_OBJECT, _ORDER = 12, 13
_INDEX = (1 << 31) - 1  # the char index in a glyph's drawing order (`_ORDER`: object << 42 | index << 11 | space)
_ORDER_OF = itemgetter(_ORDER)
_LONG_WAY = itemgetter(0, 4, 9, 10, 12, 13)  # what a char read the long way asks of its `_Fonts.info` too


def glyph_dict(g: list) -> dict:
    """A glyph record in pdfplumber's shape."""
    return {"text": g[0], "x0": g[1], "x1": g[2], "top": g[3], "bottom": g[4], "doctop": g[3], "baseline": g[5],
            "size": g[6], "fontname": g[7], "upright": g[8], "matrix": (*g[9], g[10], g[11])}


def glyph_records(page: PdfiumPage) -> list[list] | None:
    """The page's glyphs in drawing order, in pdfminer's values (see the module's docstring), as records;
    None (and `read_by_pdfminer` set) when the page's glyphs must be pdfminer's.

    The text page's chars read in one pass (`_columns`: code, object, origin, rounded left and right edges;
    each text object's font, size and matrix), a font's name, descent and widths once per font and size on
    the page; a glyph's record built once, what a text object's glyphs share looked up when the object
    changes, and only a char with a rule of its own or one that may extend the glyph before it (a ligature, a
    surrogate pair's second half) read the long way."""
    c = page._c
    page._walk()
    text_page = page.page.get_textpage()
    try:
        tp = text_page.raw
        number = _number(tp)
        # one pass over the text page (`_columns`): each char's code, object and origin; which text objects the
        # text page leaves out, and whether the reader can bring them back, is decided after the glyphs are
        # read (else pdfminer reads the page, the glyphs read go)
        columns = _columns(c, tp, number, c.FPDFText_CountChars(tp))
        if columns is None:  # a CID font's glyph without Unicode: the text page may reorder or decompose its
            page.read_by_pdfminer = True  # code (bidi, NFKC) and drop the mark; pdfminer gives its CID
            return None
        ats, codes, texts, keys, xs, rxs, x1s, ys, errors, counts, skipped, objects = columns
        order = {obj: (n, obj, outer) for n, obj, outer in page._text_objects}  # objects as numbers
        fonts = _Fonts(c)
        box = c.FS_RECTF()
        box_ref = ctypes.byref(box)
        loose_box = c.FPDFText_GetLooseCharBox

        def measure(i: int):
            """PDFium's loose box of char `i` (asked only where the reader needs it)."""
            loose_box(tp, i, box_ref)
            return box

        height = page.height
        # every text object on the text page (not dropped), whatever its chars -> what the loop asks of it when the
        # chars' object changes (a few chars each): upright (b = c = 0: pdfminer's box from the origin, `_glyph`
        # for the others), its levels, font name, upright glyphs, the glyphs' matrix, its drawing order << 42 (the
        # order of a glyph: (object, char index, run's space) in one number) and its `_Fonts.info`
        unknown = (len(order) + 1,)
        per_object = {key: (info[1] == 0 and info[2] == 0, info[11], info[6], info[7], info[8], n << 42, info)
                      for key, facts in objects.items()
                      for info in (fonts.info(tp, facts),)
                      for n in (order.get(key, unknown)[0],)}
        # the glyphs of the chars with a text in upright text objects, at once (`_records`); the others (`rest`) one
        # by one here, in order: a glyph of its own, or one that extends the glyph before it
        records, rest = _records(ats, texts, keys, xs, rxs, x1s, ys, per_object, height)
        nothing: list = [None] * 14  # no glyph yet: its object is None
        merged = 0
        for k in rest:
            at, code, text, key, ox, x1, oy = ats[k], codes[k], texts[k], keys[k], xs[k], x1s[k], ys[k]
            j = k - 1  # the last glyph read (the places before k are read; a char that extended a glyph: None)
            while j >= 0 and records[j] is None:
                j -= 1
            last = records[j] if j >= 0 else nothing
            straight, levels, fontname, upright, scaled, base, info = per_object[key]
            if text is None:  # a code with a rule of its own, or a char that may extend the glyph before it
                i = at >> 11
                a, fontsize, handle, widths, embedded, advances = _LONG_WAY(info)
                if i in errors:  # no Unicode (a simple font's code: a CID font's makes `_columns` give None)
                    text, unit = f"(cid:{code})", -1
                elif 0x20 <= code < 0xD800 and code != 0x30FB:
                    text, unit = chr(code), code
                elif code in (0xFFFE, 0x02):  # PDFium's mark for a hyphen that ends a line
                    text, unit = "-", 0x2D
                elif 0xDC00 <= code <= 0xDFFF and last[_OBJECT] is not None:  # the second half of a surrogate pair
                    last[0] = (last[0] + chr(code)).encode("utf-16", "surrogatepass").decode("utf-16")
                    last[2] = max(last[2], round(measure(i).right, 3))  # the pair's box is the second half's
                    merged += 1
                    continue
                elif code == 0x30FB and not embedded:
                    text, unit = _GB_MIDDLE_DOT, 0xB7
                else:
                    text, unit = chr(code), code
                if (last[_OBJECT] == key and abs(last[10] - ox) < _LIGATURE_TOLERANCE
                        and abs(last[11] - oy) < _LIGATURE_TOLERANCE):  # one origin (not a vertical run)
                    right = measure(last[_ORDER] >> 11 & _INDEX).right
                    if abs(right - measure(i).right) < _LIGATURE_TOLERANCE and box.right > box.left:
                        last[0] += text  # one ligature glyph, one char ("fi"), as wide as the glyph
                        last[2] = round(box.right, 3)
                        merged += 1
                        continue
                if straight:  # its right edge (`_columns` gives the others')
                    advance = advances.get(unit, -1.0)
                    if advance == -1.0:
                        width = _width(fonts, widths, handle, fontsize, unit)
                        advance = advances[unit] = a * width if width else None
                    x1 = round(ox + advance if advance is not None else measure(i).right, 3)
            else:
                unit = code
            if straight:  # upright text: pdfminer's box (see `_glyph`)
                level = levels.get(oy)
                if level is None:
                    level = levels[oy] = _level(info, height, oy)
                top, bottom, baseline, size = level
                records[k] = [text, round(ox, 3), x1, top, bottom, baseline, size, fontname, upright, scaled, ox, oy,
                              key, base | at]
            else:
                records[k] = _glyph(height, info, _width(fonts, info[10], info[9], info[4], unit), text, measure,
                                    at >> 11, ox, oy, key, base | at)
        glyphs = [record for record in records if record is not None] if merged else records
        if (plan := _plan_dropped(page, order, set(per_object), set(counts))) is None:
            page.read_by_pdfminer = True  # text PDFium's text page does not show (a font not embedded)
            return None
        if _misplaced(order, glyphs) and not _respaced(page, skipped, per_object, glyphs):
            page.read_by_pdfminer = True
            return None
        one_space = {key for key, count in counts.items() if count == 1}
        if one_space:
            glyphs += _whole_runs(c, order, glyphs, one_space)
        glyphs += _dropped_glyphs(page, order, plan, glyphs)
    finally:
        text_page.close()
    glyphs.sort(key=_ORDER_OF)
    return glyphs


def _width(fonts: _Fonts, widths: dict, handle: int, fontsize: float, unit: int) -> float | None:
    """The font's width of Unicode character `unit` at `fontsize`, asked once per font and size (`widths`);
    None: no width (no character, -1: a glyph without Unicode)."""
    if unit < 0:
        return None
    width = widths.get(unit, -1.0)
    if width == -1.0:
        width = widths[unit] = fonts.width(handle, fontsize, unit) if unit <= _WIDEST_CHAR else None
    return width


try:  # the C helper (_glyphs.c, built by `make install`); without it the same columns are read in Python
    from . import _glyphs
except ImportError:  # pragma: no cover - a machine without a C compiler
    _glyphs = None  # type: ignore[assignment]

NATIVE = _glyphs is not None  # read a page's chars with the C helper (tests set it False to compare)
_CHAR_FUNCTIONS = ("FPDFText_GetText", "FPDFText_IsGenerated", "FPDFText_GetUnicode", "FPDFText_GetTextObject",
                   "FPDFText_GetCharOrigin", "FPDFText_HasUnicodeMapError", "FPDFText_GetLooseCharBox",
                   "FPDFText_GetMatrix", "FPDFText_GetFontSize", "FPDFTextObj_GetFont", "FPDFFont_GetGlyphWidth")


def _columns(c, tp, number: int, count: int) -> tuple | None:
    """The text page's chars as the glyph loop reads them, in one pass: (ats, codes, texts, keys, xs, rxs,
    x1s, ys, errors, counts, skipped, objects), None when a CID font's glyph has no Unicode (pdfminer reads the page).

    Per char that is neither made up by PDFium (a space or line break it generated) nor skipped (a line
    break, a 0), in text page order: its index << 11 (`ats`), code (a UTF-16 unit; 0xFFFE asked again:
    0, 2 or the character), text (the character; None for a char the loop reads the long way: a code with a
    rule of its own, a glyph without Unicode, one at the origin of the last glyph in the same text object,
    which may extend it: the loop's decision is taken here too, to know the last glyph), text object (as a
    number), origin x, round(x, 3), right edge (an upright glyph with a text: round(x + a times the font's
    width, 3), or its loose box's where the font gives no width; else None), origin y.
    `errors`: the indexes of chars without Unicode; `counts`: text object -> its chars' count if all are
    spaces, else -1; `skipped`: text objects with a char skipped; `objects`: each text object on the text
    page (skipped chars count) -> (its first char's index, its font, font size and matrix's a, b, c, d as the
    text page gives them at that char), in text page order. The C helper (`_glyphs.chars`) reads the same."""
    if NATIVE and _glyphs is not None:
        return _glyphs.chars(number, count, _addresses(c, _CHAR_FUNCTIONS))
    return _columns_python(c, tp, number, count)


def _records(ats: list, texts: list, keys: list, xs: list, rxs: list, x1s: list, ys: list, per_object: dict,
             height: float) -> tuple[list, list[int]]:
    """The glyph records of the chars `_columns` gives a text to (not read the long way) in upright text
    objects, None for the others, whose places are the second list (the glyph loop reads them). The C helper
    (`_glyphs.records`) reads the same."""
    if NATIVE and _glyphs is not None:
        return _glyphs.records(ats, texts, keys, xs, rxs, x1s, ys, per_object, height)
    return _records_python(ats, texts, keys, xs, rxs, x1s, ys, per_object, height)


def _records_python(ats: list, texts: list, keys: list, xs: list, rxs: list, x1s: list, ys: list, per_object: dict,
                    height: float) -> tuple[list, list[int]]:
    """`_records` in Python (the reference of _glyphs.c)."""
    out: list = []
    rest: list[int] = []
    current = None
    straight, levels, fontname, upright, scaled, base, info = False, {}, "", False, (), 0, ()
    for k, (at, text, key, ox, rx, x1, oy) in enumerate(zip(ats, texts, keys, xs, rxs, x1s, ys)):
        if text is not None and key != current:
            current = key
            straight, levels, fontname, upright, scaled, base, info = per_object[key]
        if text is None or not straight:
            out.append(None)
            rest.append(k)
            continue
        level = levels.get(oy)
        if level is None:
            level = levels[oy] = _level(info, height, oy)
        top, bottom, baseline, size = level
        out.append([text, rx, x1, top, bottom, baseline, size, fontname, upright, scaled, ox, oy, key, base | at])
    return out, rest


def _columns_python(c, tp, number: int, count: int) -> tuple | None:
    """`_columns` in Python (the reference of _glyphs.c)."""
    generated = _by_number(c, "FPDFText_IsGenerated", ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
    unicode = _by_number(c, "FPDFText_GetUnicode", ctypes.c_uint, ctypes.c_void_p, ctypes.c_int)
    text_object = _text_object_address(c)
    origin = _by_number(c, "FPDFText_GetCharOrigin", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                        ctypes.c_void_p)
    map_error = _by_number(c, "FPDFText_HasUnicodeMapError", ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
    x, y = ctypes.c_double(), ctypes.c_double()  # a glyph's origin (a failed call leaves the last one's)
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    units = _page_text(c, tp, count) if number else ()
    ats: list[int] = []
    codes: list[int] = []
    texts: list[str | None] = []
    keys: list[int] = []
    xs: list[float] = []
    rxs: list[float] = []
    x1s: list[float | None] = []
    ys: list[float] = []
    glyph_width = _n(c, "FPDFFont_GetGlyphWidth")
    value = ctypes.c_float()
    value_at = ctypes.addressof(value)
    font_widths: dict[tuple, dict] = {}  # (font, size) -> code -> width (None: PDFium gives none)
    current, font, size, a, straight, widths = None, 0, 0.0, 0.0, False, {}  # the current text object's
    errors: set[int] = set()
    counts: dict[int, int] = {}
    skipped: set[int] = set()
    objects: dict[int, tuple] = {}
    matrix = c.FS_MATRIX()  # (a failed call leaves the last one's)
    matrix_at = ctypes.addressof(matrix)
    get_matrix = _by_number(c, "FPDFText_GetMatrix", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
    get_size = _by_number(c, "FPDFText_GetFontSize", ctypes.c_double, ctypes.c_void_p, ctypes.c_int)
    font_of = _font_address(c)
    last: tuple | None = None  # the last glyph the loop makes: (its object, x, y, index)
    box = c.FS_RECTF()
    box_ref = ctypes.byref(box)

    def measure(i: int):
        c.FPDFText_GetLooseCharBox(tp, i, box_ref)
        return box

    for i in range(count if number else 0):
        code = units[i]
        if code <= 0x20:
            if code in (0x20, 0x0D, 0x0A) and generated(number, i):
                continue  # a space or line break PDFium made up
        elif code == 0xFFFE:  # the page's text writes 0 (no character) and 2 (a hyphen) as 0xFFFE too
            code = unicode(number, i)
        key = text_object(number, i) or 0
        if key != current:
            current = key
            facts = objects.get(key)
            if facts is None:
                get_matrix(number, i, matrix_at)
                facts = objects[key] = (i, (font_of(key) or 0) if key else 0, get_size(number, i), matrix.a, matrix.b,
                                        matrix.c, matrix.d)
            _, font, size, a, b, c_, _ = facts
            straight = b == 0 and c_ == 0
            widths = font_widths.setdefault((font, size), {})
        if code in (0x0D, 0x0A, 0):
            skipped.add(key)
            continue
        if code == 0x20:
            counts[key] = counts.get(key, 0) + 1 if counts.get(key, 0) >= 0 else -1
        else:
            counts[key] = -1
        origin(number, i, x_at, y_at)
        ox, oy = x.value, y.value
        error = bool(map_error(number, i))
        if error:
            if code > 0xFF:
                return None
            errors.add(i)
        rare = error or code < 0x20 or 0xD800 <= code < 0xE000 or code in (0x30FB, 0xFFFE)
        merged = 0xDC00 <= code <= 0xDFFF and last is not None and not error  # a surrogate pair's second half
        same_origin = (not merged and last is not None and last[0] == key and abs(last[1] - ox) < _LIGATURE_TOLERANCE
                       and abs(last[2] - oy) < _LIGATURE_TOLERANCE)
        if same_origin and last is not None:  # one ligature glyph when both boxes end at the same right edge
            right = measure(last[3]).right
            merged = abs(right - measure(i).right) < _LIGATURE_TOLERANCE and box.right > box.left
        if not merged:
            last = (key, ox, oy, i)
        odd = rare or same_origin
        ats.append(i << 11)
        codes.append(code)
        texts.append(None if odd else chr(code))
        keys.append(key)
        xs.append(ox)
        rxs.append(round(ox, 3))
        x1 = None  # an upright glyph's right edge: its origin plus the font's advance, or its loose box's
        if straight and not odd:
            width = widths.get(code, -1.0)
            if width == -1.0:
                ok = font and glyph_width(font, code, size, value_at)
                width = widths[code] = value.value if ok else None
            x1 = round(ox + a * width if width else measure(i).right, 3)
        x1s.append(x1)
        ys.append(oy)
    return ats, codes, texts, keys, xs, rxs, x1s, ys, errors, counts, skipped, objects


def _page_text(c, tp, count: int):
    """The text page's chars as UTF-16 units, one per char index (FPDFText_GetText)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    if count:
        c.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    return memoryview(buffer.raw).cast("H")


_OBJECT_FUNCTIONS = ("FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject",
                     "FPDFPageObj_GetType")


def _children(c, parent: int, form: bool) -> tuple[list[int], list[int]]:
    """The page objects of a page (`form` False) or a form object, in drawing order, as numbers, and their
    types. The C helper (`_glyphs.children`) reads the same."""
    if NATIVE and _glyphs is not None:
        return _glyphs.children(parent, form, _addresses(c, _OBJECT_FUNCTIONS))
    return _children_python(c, parent, form)


def _children_python(c, parent: int, form: bool) -> tuple[list[int], list[int]]:
    """`_children` in Python (the reference of _glyphs.c)."""
    if not parent:
        return [], []
    kind_of = _n(c, "FPDFPageObj_GetType")
    if form:
        count, get = _n(c, "FPDFFormObj_CountObjects")(parent), _n(c, "FPDFFormObj_GetObject")
    else:
        count = _by_number(c, "FPDFPage_CountObjects", ctypes.c_int, ctypes.c_void_p)(parent)
        get = _n(c, "FPDFPage_GetObject")
    objects = [get(parent, k) or 0 for k in range(count)]
    return objects, [kind_of(obj) if obj else 0 for obj in objects]


_ADDRESSES: dict[tuple[str, ...], tuple[int, ...]] = {}


def _addresses(c, names: tuple[str, ...]) -> tuple[int, ...]:
    """PDFium's functions `names` as addresses (numbers), for the C helper."""
    found = _ADDRESSES.get(names)
    if found is None:
        found = _ADDRESSES[names] = tuple(ctypes.cast(getattr(c, name), ctypes.c_void_p).value or 0 for name in names)
    return found


_FACT_FUNCTIONS = ("FPDFPageObj_GetBounds", "FPDFTextObj_GetFontSize", "FPDFTextObj_GetFont")


def _text_facts(c, objects: list[int]) -> list[tuple[tuple[float, float, float, float], float, int]]:
    """Text objects' bounds (left, bottom, right, top), font size and font (a number). The C helper
    (`_glyphs.text_facts`) reads the same."""
    if NATIVE and _glyphs is not None:
        return _glyphs.text_facts(objects, _addresses(c, _FACT_FUNCTIONS))
    return _text_facts_python(c, objects)


def _text_facts_python(c, objects: list[int]) -> list[tuple[tuple[float, float, float, float], float, int]]:
    """`_text_facts` in Python (the reference of _glyphs.c)."""
    font_of = _font_address(c)
    return [(_bounds(c, obj), _font_size(c, obj), (font_of(obj) or 0) if obj else 0) for obj in objects]


_PATH_FUNCTIONS = ("FPDFPageObj_GetMatrix", "FPDFPageObj_GetStrokeWidth", "FPDFPath_GetDrawMode",
                   "FPDFPath_CountSegments", "FPDFPath_GetPathSegment", "FPDFPathSegment_GetType",
                   "FPDFPathSegment_GetPoint", "FPDFPathSegment_GetClose")


def _path_facts(c, obj: int, outer: tuple) -> tuple[list[list], int, float, int, int, int]:
    """A path object as pdfminer reads it: (its subpaths, whether it has a stroke width, the width, whether its
    draw mode was read, the fill mode, stroke). A subpath is [shape, points], the shape `m` then `l` (a line),
    `c` (a curve: pdfminer keeps its end points) and `h` (closed: the first point again) per segment, the points
    through the path's matrix and its form's (`outer`). The C helper (`_glyphs.path`) reads the same."""
    if NATIVE and _glyphs is not None:
        return _glyphs.path(obj, outer, _addresses(c, _PATH_FUNCTIONS))
    return _path_facts_python(c, obj, outer)


def _path_facts_python(c, obj: int, outer: tuple) -> tuple[list[list], int, float, int, int, int]:
    """`_path_facts` in Python (the reference of _glyphs.c)."""
    if not obj:
        return [], 0, 0.0, 0, 0, 0
    width, fill, stroke = ctypes.c_float(), ctypes.c_int(), ctypes.c_int()
    matrix = _concat(_matrix(c, obj), outer)
    stroked = int(bool(_n(c, "FPDFPageObj_GetStrokeWidth")(obj, ctypes.addressof(width))))
    drew = int(bool(_n(c, "FPDFPath_GetDrawMode")(obj, ctypes.addressof(fill), ctypes.addressof(stroke))))
    return _subpaths_python(c, obj, matrix), stroked, width.value, drew, fill.value, stroke.value


def _subpaths_python(c, obj: int, matrix: tuple) -> list[list]:
    """A path object's subpaths (`_path_facts`), its points through `matrix`."""
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    segment = _by_number(c, "FPDFPath_GetPathSegment", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    segment_type = _by_number(c, "FPDFPathSegment_GetType", ctypes.c_int, ctypes.c_void_p)
    point = _by_number(c, "FPDFPathSegment_GetPoint", ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p,
                       ctypes.c_void_p)
    closes = _by_number(c, "FPDFPathSegment_GetClose", ctypes.c_int, ctypes.c_void_p)
    moveto, lineto, bezierto = c.FPDF_SEGMENT_MOVETO, c.FPDF_SEGMENT_LINETO, c.FPDF_SEGMENT_BEZIERTO
    path = obj
    ma, mb, mc, md, me, mf = matrix
    subpaths: list[list] = []  # [shape, points]
    sub: list = []
    bezier = 0
    for k in range(_n(c, "FPDFPath_CountSegments")(obj)):
        seg = segment(path, k)
        kind = segment_type(seg)
        point(seg, x_at, y_at)
        px, py = x.value, y.value
        pt = (ma * px + mc * py + me, mb * px + md * py + mf)  # `_apply`
        if kind == moveto or not subpaths:
            sub = ["m", [pt]]
            subpaths.append(sub)
            bezier = 0
        elif kind == lineto:
            sub[0] += "l"
            sub[1].append(pt)
        elif kind == bezierto:
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps a curve's end points
            sub[0] += "c"
            sub[1].append(pt)
        else:
            continue
        if closes(seg):
            sub[0] += "h"
            sub[1].append(sub[1][0])
    return subpaths


_BY_NUMBER: dict[str, Callable] = {}


def _by_number(c, name: str, result=ctypes.c_void_p, *arguments) -> Callable:
    """PDFium's function `name` declared with handles, pointers and results as plain numbers (addresses; 0:
    none): the same function of the same library, called without ctypes' pointer objects, which cost more
    than the call (a page object's handle as a number is the same object's same number)."""
    function = _BY_NUMBER.get(name)
    if function is None:
        function = _BY_NUMBER[name] = ctypes.CFUNCTYPE(result, *arguments)(_addresses(c, (name,))[0])
    return function


_VOID, _INT = ctypes.c_void_p, ctypes.c_int
_SIGNATURES = {  # PDFium's functions used with numbers (`_n`): result, arguments
    "FPDFPage_GetObject": (_VOID, _VOID, _INT), "FPDFPageObj_GetType": (_INT, _VOID),
    "FPDFFormObj_CountObjects": (_INT, _VOID), "FPDFFormObj_GetObject": (_VOID, _VOID, ctypes.c_ulong),
    "FPDFPageObj_GetMatrix": (_INT, _VOID, _VOID), "FPDFPageObj_GetStrokeWidth": (_INT, _VOID, _VOID),
    "FPDFPageObj_GetBounds": (_INT, _VOID, _VOID, _VOID, _VOID, _VOID),
    "FPDFPath_GetDrawMode": (_INT, _VOID, _VOID, _VOID), "FPDFPath_CountSegments": (_INT, _VOID),
    "FPDFTextObj_GetFontSize": (_INT, _VOID, _VOID), "FPDFTextObj_GetTextRenderMode": (_INT, _VOID),
    "FPDFFont_GetIsEmbedded": (_INT, _VOID), "FPDFFont_GetFlags": (_INT, _VOID),
    "FPDFFont_GetBaseFontName": (ctypes.c_ulong, _VOID, _VOID, ctypes.c_ulong),
    "FPDFFont_GetDescent": (_INT, _VOID, ctypes.c_float, _VOID),
    "FPDFFont_GetGlyphWidth": (_INT, _VOID, ctypes.c_uint, ctypes.c_float, _VOID),
}


def _n(c, name: str) -> Callable:
    """`_by_number` of a function of `_SIGNATURES`."""
    function = _BY_NUMBER.get(name)
    return function if function is not None else _by_number(c, name, *_SIGNATURES[name])


def _number(handle) -> int:
    """A handle (a ctypes pointer) as a number: the pointer's own bytes read as an address (ctypes.cast would
    leave the handle and its cast in a reference cycle, one per page, for the collector)."""
    return ctypes.c_void_p.from_buffer(handle).value or 0


def _matrix(c, obj: int) -> tuple:
    """A page object's matrix (a, b, c, d, e, f)."""
    m = c.FS_MATRIX()
    _n(c, "FPDFPageObj_GetMatrix")(obj, ctypes.addressof(m))
    return m.a, m.b, m.c, m.d, m.e, m.f


def _font_address(c):
    """FPDFTextObj_GetFont(text object) -> the font's address as a number (0: none)."""
    return _by_number(c, "FPDFTextObj_GetFont", ctypes.c_void_p, ctypes.c_void_p)


def _text_object_address(c):
    """FPDFText_GetTextObject(text page, index) -> the object's address as a number (0: none)."""
    return _by_number(c, "FPDFText_GetTextObject", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


class _Fonts:
    """A page's fonts: name, descent and glyph widths asked once per font (and size), buffers made once."""

    def __init__(self, c):
        self.c = c
        self.names: dict[int, str] = {}
        self.embeds: dict[int, bool] = {}
        self.descents: dict[tuple[int, float], float] = {}
        self.widths: dict[tuple[int, float], dict[int, float | None]] = {}  # (font, size) -> code -> width
        self.infos: dict[tuple, tuple] = {}  # (font, size, matrix) -> what `_glyph` needs of a text object
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._value = ctypes.c_float()
        self._value_at = ctypes.addressof(self._value)
        self._glyph_width = _n(c, "FPDFFont_GetGlyphWidth")

    def name(self, tp, i: int, handle: int) -> str:
        key = handle
        if key not in self.names:
            self.c.FPDFText_GetFontInfo(tp, i, self._name, 256, ctypes.byref(self._flags))
            self.names[key] = _font_name(self._name.value)
        return self.names[key]

    def embedded(self, handle: int) -> bool:
        key = handle
        if key not in self.embeds:
            self.embeds[key] = bool(_n(self.c, "FPDFFont_GetIsEmbedded")(handle))
        return self.embeds[key]

    def descent(self, handle: int, fontsize: float) -> float:
        key = (handle, fontsize)
        if key not in self.descents:
            ok = _n(self.c, "FPDFFont_GetDescent")(handle, fontsize, self._value_at)
            self.descents[key] = self._value.value if ok else 0.0
        return self.descents[key]

    def width(self, handle: int, fontsize: float, code: int) -> float | None:
        """The font's advance of `code` at `fontsize` (pdfminer's /Widths), None if PDFium has none."""
        ok = self._glyph_width(handle, code, fontsize, self._value_at)
        return self._value.value if ok else None

    def info(self, tp, facts: tuple) -> tuple:
        """A text object's matrix, size and font as `_glyph` needs them, shared by the objects that have the
        same: (a, b, c, d, size, descent, font name, upright, the glyphs' (a, b, c, d) times the size, font,
        the font's widths at the size (code -> width, asked once per font and size), `_level`s (origin y ->
        top, bottom, baseline and size), embedded, upright glyphs' advances (code -> a times the width)).
        `facts`: the object's first char, font, size and matrix's a, b, c, d (`_columns`)."""
        key = facts[1:]
        info = self.infos.get(key)
        if info is None:
            i, handle, fontsize, a, b, c, d = facts
            widths = self.widths.setdefault((handle, fontsize), {})
            info = self.infos[key] = (
                a, b, c, d, fontsize, self.descent(handle, fontsize), self.name(tp, i, handle),
                a * d > 0 and b * c <= 0, (a * fontsize, b * fontsize, c * fontsize, d * fontsize),
                handle, widths, {}, self.embedded(handle), {})
        return info


def _font_name(raw: bytes) -> str:
    """pdfminer's and pdfplumber's reading of a font name: UTF-8, else a Chinese (CP936) name pdfplumber
    knows, else the bytes as Python shows them."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from pdfplumber.page import fix_fontname_bytes

        return fix_fontname_bytes(raw)


def _level(info: tuple, height: float, oy: float) -> tuple[float, float, float, float]:
    """The top, bottom, baseline and size of an upright glyph of a text object (`_Fonts.info`) with its origin
    at `oy`: the glyphs of one line of a text object share them, rounded once."""
    d, fontsize, descent = info[3], info[4], info[5]
    size = fontsize * abs(d)
    bottom = height - (oy + descent * d)
    return round(bottom - size, 3), round(bottom, 3), round(height - oy, 3), round(size, 3)


def _glyph(height: float, info: tuple, width: float | None, text: str, measure, i: int, ox: float, oy: float,
           key: int, order: int) -> list:
    """pdfminer's box of a glyph of rotated, slanted or sheared text (an upright glyph: `glyph_records`, x from
    its origin to its advance, bottom at the font's descent, top the size above; `_level`)."""
    a, b, c_, d, fontsize, descent, fontname, upright, scaled = info[:9]
    if width:  # rotated, slanted or sheared text: pdfminer's box, the bounds of the glyph's advance
        # (origin to advance, descent to descent + size) through the text matrix
        low, high = descent, descent + fontsize
        xs = (ox + c_ * low, ox + c_ * high, ox + a * width + c_ * low, ox + a * width + c_ * high)
        ys = (oy + d * low, oy + d * high, oy + b * width + d * low, oy + b * width + d * high)
        x0, x1 = min(xs), max(xs)
        top, bottom = height - max(ys), height - min(ys)
        size = bottom - top
    else:  # a width PDFium does not give: its box as it is
        box = measure(i)
        top, bottom = height - box.top, height - box.bottom
        size = fontsize * (d * d + b * b) ** 0.5
        x0, x1 = box.left, box.right
    # PDFium computes in single precision (591.94997 for pdfminer's 591.95): to the thousandth of a point,
    # lines and columns that share a baseline or an edge share it exactly, as pdfminer's do
    top = round(top, 3)
    return [text, round(x0, 3), round(x1, 3), top, round(bottom, 3), round(height - oy, 3), round(size, 3), fontname,
            upright, scaled, ox, oy, key, order]


def _plan_dropped(page: PdfiumPage, order: dict, on_page: set[int], shown: set[int]) -> list | None:
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
    shown_facts = _text_facts(c, [order[key][1] for _, key in shown_order])  # (bounds, size, font)
    by_font: dict[int, list[int]] = {}  # font -> the places (in `shown_order`) of the objects shown in it
    for k, (_, _, font) in enumerate(shown_facts):
        by_font.setdefault(font, []).append(k)
    inked: dict[int, bool] | None = None  # font -> every text object the page shows in it has ink

    def all_inked(font: int) -> bool:
        nonlocal inked
        if inked is None:
            inked = {}
            for (_, shown_bottom, _, shown_top), _, shown_font in shown_facts:
                inked[shown_font] = inked.get(shown_font, True) and shown_top - shown_bottom > 0.01
        return inked.get(font, False)

    plan: list[tuple] = []
    for (n, obj), ((left, bottom, right, top), size, font) in zip(missing, _text_facts(c, [obj for _, obj in missing])):
        at = bisect.bisect_left(numbers, n)
        best: tuple | None = None
        places = by_font.get(font, [])  # the objects shown within the lookback, in the same font
        lookback = bisect.bisect_left(places, at - _COPY_LOOKBACK), bisect.bisect_left(places, at + _COPY_LOOKBACK)
        for k in places[lookback[0]:lookback[1]]:
            (src_left, src_bottom, src_right, src_top), src_size, _ = shown_facts[k]
            if abs(src_size - size) > 0.01:
                continue
            dx, dy = left - src_left, bottom - src_bottom
            if abs(dx) > 5 or abs(dy) > 5 or abs((right - left) - (src_right - src_left)) > 0.5 \
                    or abs((top - bottom) - (src_top - src_bottom)) > 0.5:
                continue
            if best is None or abs(dx) + abs(dy) < best[0]:
                best = (abs(dx) + abs(dy), shown_order[k][1], dx, dy)
        if best is not None:
            plan.append(("copy", n, best[1], best[2], best[3]))
            continue
        left, bottom, right, top = _unstroked(c, obj, (left, bottom, right, top))
        if top - bottom < 0.01 and (_n(c, "FPDFFont_GetIsEmbedded")(font) or all_inked(font)
                                      or _n(c, "FPDFFont_GetFlags")(font) & _NONSYMBOLIC):
            # no ink, in a font PDFium measures: a text object of spaces, which the text page drops (pdfminer
            # reads them). In a font not embedded PDFium measures no glyph it has no substitute for (a CJK font
            # named, not carried: STSong-Light's `。` alone in a text object has no box either), so such an
            # object may be real text unless every glyph of the font the page shows has a box, or the font is
            # of the standard Latin set (its descriptor's Nonsymbolic flag: PDFium's own Latin fonts stand in
            # and draw every glyph of it but the spaces). The text page drops an object that is no wider than
            # a point (one glyph without ink) and the spaces of one that follows a space (`A ` then `␣␣␣`:
            # pdfminer reads all of them); a run of glyphs without ink it keeps (`中文字` in STSong-Light).
            plan.append(("spaces", n, obj, left, bottom, right - left))
        else:
            return None  # a text object left out for a reason not known here
    return plan


def _dropped_glyphs(page: PdfiumPage, order: dict, plan: list, glyphs: list[list]) -> list[list]:
    """The glyphs of the text objects the text page left out, as `_plan_dropped` planned them."""
    if not plan:
        return []
    by_object: dict[int, list[list]] = {}
    if any(step[0] == "copy" for step in plan):
        for g in glyphs:
            by_object.setdefault(g[_OBJECT], []).append(g)
    out = []
    for step in plan:
        if step[0] == "copy":
            _, n, key, dx, dy = step
            for k, g in enumerate(by_object[key]):
                text, x0, x1, top, bottom, baseline, *rest = g
                copy = [text, x0 + dx, x1 + dx, top - dy, bottom - dy, baseline - dy, *rest]
                copy[_ORDER] = n << 42 | k << 11
                out.append(copy)
        else:
            _, n, obj, left, bottom, span = step
            out += _spaces(page, obj, order[obj][2], left, bottom, span, n)
    return out


def _spaces(page: PdfiumPage, obj, outer: tuple, x: float, y: float, span: float, n: int) -> list[list]:
    """The spaces of a text object of spaces, as pdfminer reads them: from the first space's origin to the
    last's (the object's bounds: a space has no ink, the object's box runs from origin to origin), one
    space's advance apart at most (see `_run`)."""
    c = page._c
    a, b, c_, d, _, _ = _concat(_matrix(c, obj), outer)
    if outer != IDENTITY:  # the object's bounds are in its form's space
        x, y = _apply(outer, x, y)
        span *= abs(outer[0])
    fontsize = _font_size(c, obj)
    font = _font_address(c)(obj) or 0
    name = ctypes.create_string_buffer(256)
    _n(c, "FPDFFont_GetBaseFontName")(font, name, 256)
    descent = ctypes.c_float()
    if not _n(c, "FPDFFont_GetDescent")(font, fontsize, ctypes.addressof(descent)):
        descent.value = 0.0
    size = fontsize * abs(d) if b == 0 and c_ == 0 else fontsize * (d * d + b * b) ** 0.5
    bottom = page.height - (y + descent.value * d)
    width = ctypes.c_float()
    if not _n(c, "FPDFFont_GetGlyphWidth")(font, 32, fontsize, ctypes.addressof(width)):
        width.value = 0.25 * fontsize
    advance = a * width.value
    return [_space(start, advance, size, bottom, y, fontsize, (a, b, c_, d), name.value, obj, page, n << 42 | k << 11)
            for k, start in enumerate(_run(x, span, advance))]


_MAX_RUN = 1000  # spaces in one run, at most


def _run(x: float, span: float, advance: float) -> list[float]:
    """The origins of a run of spaces whose first origin is `x` and last `x + span`. pdfminer places each
    space the font's advance plus the character and word spacing (Tc, Tw) after the one before; PDFium's
    API gives neither spacing, so the run has as many spaces as fit one advance apart, spread evenly: its
    ends are pdfminer's, its count is pdfminer's where Tc and Tw are 0, one more per advance they add."""
    if span <= 0.01 or advance <= 0.01:
        return [x]
    count = min(_MAX_RUN, 1 + round(span / advance))
    pitch = span / max(count - 1, 1)
    return [x + k * pitch for k in range(count)]


def _space(x: float, advance: float, size: float, bottom: float, y: float, fontsize: float, m: tuple,
           name: bytes, obj, page: PdfiumPage, order: int) -> list:
    a, b, c_, d = m
    return [" ", round(x, 3), round(x + advance, 3), round(bottom - size, 3), round(bottom, 3),
            round(page.height - y, 3), round(size, 3), _font_name(name), a * d > 0 and b * c_ <= 0,
            (a * fontsize, b * fontsize, c_ * fontsize, d * fontsize), x, y, obj, order]


def _misplaced(order: dict, glyphs: list[list]) -> bool:
    """A form's text set with the character spacing (Tc) in force where the form is drawn: PDFium applies it
    (as the PDF specification says a form inherits the graphics state), pdfminer starts each form at 0. Word
    draws an equation as a form right after a run of spaces set with Tc (jcip_lstm: 2.91 pt), so PDFium
    spreads the equation's kerned subscripts 2.9 pt a gap further than pdfminer (and the equation's layout
    means). PDFium's API shows no Tc: a gap between two glyphs of a text object drawn in a form (no space
    between them on the text page) has the page's content read for it (`_respaced`)."""
    in_forms = {key for key, (_, _, outer) in order.items() if outer != IDENTITY}
    if not in_forms:
        return False
    previous: list | None = None
    for g in glyphs:
        key = g[_OBJECT]
        if (previous is not None and previous[_OBJECT] == key and key in in_forms and g[0] != " "
                and previous[0] != " " and abs(g[1] - previous[2]) > _LIGATURE_TOLERANCE * 5):
            return True
        previous = g
    return False


def _respaced(page: PdfiumPage, skipped: set[int], per_object: dict[int, tuple], glyphs: list[list]) -> bool:
    """The glyphs of forms drawn under a character spacing (Tc) moved back to where pdfminer has them; False
    when that cannot be told. A form inherits the text state where it is drawn: PDFium applies it, as the
    PDF specification says, pdfminer starts each form afresh. PDFium's API shows no Tc, so the text state
    each text object of a form is drawn under, by either reading, is read from the page's content
    (pdf/content.py, as pdfminer's interpreter reads it: no glyph shown, no font loaded). A text object
    drawn under the same state by both reads the same (a page whose forms inherit no Tc: its glyphs stand
    as they are); one drawn under a Tc PDFium inherits has its k-th glyph k Tc further along the line
    (through the object's matrix), and each glyph moves back by that. Not told (False): another inherited
    difference (word spacing, scaling, leading, rise), text objects PDFium and pdfminer do not count
    alike, a rotated glyph, and a text object with a space, a char the reader skips, or none on the text
    page (the text page may leave spaces of a run out, so k cannot be counted)."""
    forms = {page._form_of[key] for g in glyphs if (key := g[_OBJECT]) in page._form_of}
    if not forms:
        return False
    from .content import form_text_states

    try:
        states = form_text_states(page.plumber().page_obj)
    except Exception as exc:  # noqa: BLE001 - a content pdfminer cannot parse: its glyphs tell
        from ..errors import is_memory_error

        if is_memory_error(exc):
            raise
        return False
    if len(states) != page._forms:
        return False
    in_form: dict[int, list[int]] = {}  # the page's form -> its text objects in drawing order
    for _, key, _ in page._text_objects:
        if key in page._form_of:
            in_form.setdefault(page._form_of[key], []).append(key)
    shifts: dict[int, float] = {}  # text object -> the Tc PDFium adds and pdfminer does not
    for form in forms:
        shown = states[form]
        if all(ours == theirs for ours, theirs in shown):
            continue
        if len(shown) != len(in_form.get(form, ())):
            return False
        for key, (ours, theirs) in zip(in_form[form], shown):
            if ours[1:] != theirs[1:] or (ours[0] != theirs[0] and key not in per_object):
                return False
            if ours[0] != theirs[0]:
                shifts[key] = ours[0] - theirs[0]  # (through the glyph's matrix, its horizontal scaling in it)
    if not shifts:
        return True
    seen: dict[int, int] = {}  # text object -> its glyphs so far
    for g in glyphs:
        key = g[_OBJECT]
        tc = shifts.get(key)
        if tc is None:
            continue
        a, b = per_object[key][-1][:2]  # (its `_Fonts.info`)
        if key in skipped or g[0] == " " or b:
            return False
        k = seen[key] = seen.get(key, -1) + 1
        if k:  # (a slanted glyph's box is its origin's and advance's: moved as they are)
            dx = k * tc * a
            x = g[10] - dx  # the origin
            g[1], g[2], g[10] = round(x, 3), round(g[2] - dx, 3), x
    return True


def _whole_runs(c, order: dict, glyphs: list[list], one_space: set[int]) -> list[list]:
    """The spaces the text page left out of a text object of spaces it shows: it keeps a run's first space
    only (pdfminer reads each). The run's last origin is the object's right bound (a space has no ink);
    upright text objects only (a run in rotated text keeps its one space)."""
    out = []
    for g in glyphs:
        key = g[_OBJECT]
        if key not in one_space or g[0] != " " or key not in order:
            continue
        _, obj, outer = order[key]
        (_, b, c_, _), ox = g[9], g[10]
        if b or c_ or outer[1] or outer[2]:
            continue
        left, bottom, right, top = _unstroked(c, obj, _bounds(c, obj))
        if top - bottom > 0.01:  # a space with ink: its bounds say nothing of where the run ends
            continue
        span = (right - left) * abs(outer[0])
        advance = g[2] - g[1]
        for k, start in enumerate(_run(ox, span, advance)[1:], start=1):
            space = g.copy()
            space[1], space[2], space[10] = round(start, 3), round(start + advance, 3), start
            space[_ORDER] = g[_ORDER] + k
            out.append(space)
    return out


def _font_size(c, obj: int) -> float:
    size = ctypes.c_float()
    _n(c, "FPDFTextObj_GetFontSize")(obj, ctypes.addressof(size))
    return size.value


_STROKED = (1, 2, 5, 6)  # text render modes that stroke the glyphs (FPDF_TEXTRENDERMODE_*)


def _unstroked(c, obj, bounds: tuple) -> tuple:
    """A text object's bounds without its stroke: PDFium widens the bounds of stroked text by half the line
    width on every side, so a space in fill-and-stroke mode (Word's fake bold) has a box the line width
    square and looks inked."""
    if _n(c, "FPDFTextObj_GetTextRenderMode")(obj) not in _STROKED:
        return bounds
    width = ctypes.c_float()
    if not _n(c, "FPDFPageObj_GetStrokeWidth")(obj, ctypes.addressof(width)):
        return bounds
    left, bottom, right, top = bounds
    half = width.value / 2
    if right - left < 2 * half - 0.01 or top - bottom < 2 * half - 0.01:
        return bounds  # not widened as expected: left as PDFium gives it
    return left + half, bottom + half, right - half, top - half


def _bounds(c, obj: int) -> tuple[float, float, float, float]:
    box = (ctypes.c_float * 4)()
    at, size = ctypes.addressof(box), ctypes.sizeof(ctypes.c_float)
    _n(c, "FPDFPageObj_GetBounds")(obj, at, at + size, at + 2 * size, at + 3 * size)
    left, bottom, right, top = box
    return left, bottom, right, top
