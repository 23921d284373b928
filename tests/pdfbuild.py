"""Build text-layer PDFs at test time from a paper in the text format of raw/*.txt.

`build_paper_pdf` typesets the text the way a Chinese journal would: body paragraphs
with a two-character first-line indent wrapped to the column width, headings,
captions, notes and reference entries on lines of their own, tab-separated rows as a
table (ruled grid or unruled), `^[n]` citation markers as small raised `[n]` (`^{n}`: a raised bare `n`), a
running header and page numbers, and page breaks wherever a page fills, so
paragraphs and tables cross columns and pages. It uses reportlab's built-in
`STSong-Light` CID font (no font file), which pdfplumber reads back as Unicode.

Typesetting rules (the reader must undo them):
- A text line that carries on the sentence of the body line before it (no sentence end
  between them, a table or caption may stand between) continues that paragraph: it starts
  on a new line, without indent.
- Han characters break anywhere; closing punctuation never starts a line and
  opening punctuation never ends one; Latin text breaks at spaces, and the space
  glyph is kept at the end of the line; a Latin word of 8+ letters that does not fit
  is hyphenated; a URL breaks after `/` or `.`; a `^[n]` marker and spaces next to
  it never break.
- A line opening with a circled number (`①`) is a footnote: set small under a short rule at
  the foot of the page it is met on (two lines fit there; more go to the next page).
- With `raised_footnotes`, a line opening with a raised number (`^[1]`) is such a footnote too.
- Deterministic: the same text and options give the same PDF layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as rl_canvas

from extract.structure.paragraphs import ends_paragraph
from extract.text import is_cjk as reader_is_cjk

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

MARGIN_X = 64.0
MARGIN_TOP = 72.0
MARGIN_BOTTOM = 72.0
COLUMN_GAP = 24.0
HEADER_BASELINE = 40.0  # from the page top
FOOTER_BASELINE = 36.0  # from the page bottom
LEADING = 1.5  # line pitch / font size
MARKER_SCALE = 0.6  # superscript size / text size
MARKER_RISE = 0.35  # superscript baseline shift / text size
CELL_PAD = 4.0
UNRULED_CELL_GAP = 18.0  # white space between the columns of an unruled table

# Glyphs STSong-Light cannot draw, drawn as a look-alike that extracts as the original.
DRAW_AS = {"\u00b7": "\u30fb"}

CLOSING = set("，。、；：？！）》」』】〉”’…—,.;:?!)]}%")
OPENING = set("（《「『【〈“‘([{")
MARKER = re.compile(r"\^\[([^\]]+)\]")
RAISED = re.compile(r"\^\[([^\]]+)\]|\^\{(\d+)\}")  # `^[1]` raised with its brackets, `^{1}` a raised bare 1


@dataclass
class Style:
    size: float
    indent_em: float = 0.0  # first-line indent
    align: str = "left"  # left | center (centered only when the item fits on one line)
    space_before: float = 0.0  # extra space before the item, in lines (skipped at a column top)


STYLES = {
    "title": Style(16, align="center", space_before=0.5),
    "front": Style(9.5, space_before=0.4),
    "heading": Style(12, space_before=0.8),
    "body": Style(10.5, indent_em=2),
    "plain": Style(10.5, space_before=0.4),  # a short line of its own ("具体而言:")
    "caption": Style(9.5, align="center", space_before=0.6),
    "note": Style(9, space_before=0.4),
    "reference": Style(9, space_before=0.4),
}
TABLE_SIZE = 9.0

HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+(?:\.\d+)*[.、．](?!\d)|第[一二三四五六七八九十\d]+[章节])"
)
CAPTION = re.compile(r"^[表图]\s*\d+")
NOTE = re.compile(r"^(?:资料来源|數據來源|数据来源|资料來源|注|註|说明|說明|Source)\s*[:：]")
REFERENCE = re.compile(r"^\[\d+\]")
FOOTNOTE = re.compile(r"^[①-⑳]")  # a footnote: printed at the foot of the page it is met on
RAISED_FOOTNOTE = re.compile(r"^\^(?:\[\d+\]|\{\d+\})")  # a footnote marked with a raised number (`raised_footnotes`)
FOOTNOTE_SIZE = 8.0
FOOTNOTE_PITCH = 10.0
FOOTNOTE_TOP = 66.0  # from the page bottom: the rule; footnote lines below it, above the page number
SENTENCE_END = tuple("。！？!?…")


# ---------------------------------------------------------------- text atoms


def is_cjk(ch: str) -> bool:
    """Set full width: the reader's notion of CJK, plus the ■ that opens back-matter lines."""
    return reader_is_cjk(ch) or ch == "■"


def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(draw_text(text), FONT, size)


def draw_text(text: str) -> str:
    return "".join(DRAW_AS.get(c, c) for c in text)


@dataclass
class Atom:
    kind: str  # cjk | latin | space | marker
    text: str
    width: float


def atoms_of(text: str, size: float, markers: bool = True) -> list[Atom]:
    """Split a line into atoms: one per Han char, per Latin run, per space, per marker."""
    out: list[Atom] = []
    pos = 0
    if not markers:  # printed inline as ordinary text
        text = MARKER.sub(r"[\1]", text)
    for m in RAISED.finditer(text) if markers else ():
        out += _plain_atoms(text[pos : m.start()], size)
        label = f"[{m.group(1)}]" if m.group(1) is not None else m.group(2)
        out.append(Atom("marker", label, text_width(label, size * MARKER_SCALE)))
        pos = m.end()
    out += _plain_atoms(text[pos:], size)
    return out


def _plain_atoms(text: str, size: float) -> list[Atom]:
    out: list[Atom] = []
    for m in re.finditer(r"\s+|[^\s]", text):
        piece = m.group()
        if piece.isspace():
            out.append(Atom("space", " ", text_width(" ", size)))
        elif is_cjk(piece):
            out.append(Atom("cjk", piece, text_width(piece, size)))
        elif out and out[-1].kind == "latin":
            out[-1].text += piece
            out[-1].width = text_width(out[-1].text, size)
        else:
            out.append(Atom("latin", piece, text_width(piece, size)))
    return out


def can_break_before(atoms: list[Atom], i: int) -> bool:
    """May a line end after atoms[:i]? A break after a space keeps the space on the line."""
    if i <= 0 or i >= len(atoms):
        return False
    prev, cur = atoms[i - 1], atoms[i]
    if cur.kind in ("space", "marker"):
        return False
    if prev.kind == "space":
        return not (i >= 2 and atoms[i - 2].kind == "marker")
    return not (cur.text[0] in CLOSING or prev.text[-1] in OPENING)


# ---------------------------------------------------------------- line breaking


@dataclass
class Line:
    atoms: list[Atom] = field(default_factory=list)
    width: float = 0.0  # without a trailing space

    def add(self, atom: Atom) -> None:
        self.atoms.append(atom)
        self.width = sum(a.width for a in self.atoms) - (self.atoms[-1].width if atom.kind == "space" else 0.0)


def wrap(atoms: list[Atom], first_width: float, width: float, size: float) -> list[Line]:
    """Greedy line breaking with the rules of the module docstring."""
    units: list[list[Atom]] = []
    for i, atom in enumerate(atoms):
        if not units or can_break_before(atoms, i):
            units.append([])
        units[-1].append(atom)
    lines = [Line()]
    avail = first_width
    queue = list(units)
    while queue:
        unit = queue.pop(0)
        line = lines[-1]
        if not line.atoms:
            while unit and unit[0].kind == "space":
                unit = unit[1:]
            if not unit:
                continue
        need = sum(a.width for a in unit) - (unit[-1].width if unit[-1].kind == "space" else 0.0)
        if line.width + need <= avail + 0.01:
            for a in unit:
                line.add(a)
            continue
        head, tail = split_unit(unit, avail - line.width, size, force=not line.atoms)
        if head:
            for a in head:
                line.add(a)
            queue.insert(0, tail)
        elif not line.atoms:  # nothing fits on an empty line: place it anyway
            for a in unit:
                line.add(a)
            lines.append(Line())
            avail = width
            continue
        else:
            queue.insert(0, unit)
        lines.append(Line())
        avail = width
    return [ln for ln in lines if ln.atoms]


def split_unit(unit: list[Atom], room: float, size: float, force: bool) -> tuple[list[Atom], list[Atom]]:
    """Fit the start of a unit whose first atom is a long Latin run: hyphenate a word,
    break a URL after `/` or `.`, or (force: the line is empty) cut it anywhere."""
    first = unit[0]
    if first.kind != "latin":
        return [], unit
    word = first.text
    rest_atoms = unit[1:]

    def pieces(i: int, hyphen: str = "") -> tuple[list[Atom], list[Atom]]:
        head = Atom("latin", word[:i] + hyphen, text_width(word[:i] + hyphen, size))
        tail = Atom("latin", word[i:], text_width(word[i:], size))
        return [head], [tail] + rest_atoms

    core = re.match(r"[A-Za-z]+", word)
    if core and len(core.group()) >= 8 and len(core.group()) == len(word.rstrip(",.;:!?")):
        for i in range(len(core.group()) - 3, 2, -1):
            if text_width(word[:i] + "-", size) <= room:
                return pieces(i, "-")
    url = re.search(r"https?://|www\.", word)
    if url:
        start = url.end()
        for i in range(len(word) - 1, start - 1, -1):
            if word[i - 1] in "/." and text_width(word[:i], size) <= room:
                return pieces(i)
    if force:
        for i in range(len(word) - 1, 0, -1):
            if text_width(word[:i], size) <= room:
                return pieces(i)
    return [], unit


# ---------------------------------------------------------------- the paper


@dataclass
class Item:
    role: str  # a STYLES key, or "table"
    text: str = ""
    rows: list[list[str]] | None = None
    continues: bool = False  # a body line that carries on the previous one's sentence: no indent


def paper_items(text: str, raised_footnotes: bool = False) -> list[Item]:
    """Lines of the text format -> typeset items; runs of tab-separated lines -> tables."""
    items: list[Item] = []
    lines = [ln.rstrip("\r") for ln in text.lstrip("\ufeff").split("\n")]
    in_references = False
    front = not HEADING.match(next((ln.strip() for ln in lines if ln.strip()), ""))
    titles = 0
    for raw in lines:
        if not raw.strip():
            continue
        if "\t" in raw.strip(" ") or raw.startswith("\t"):
            front = False  # front matter ends at the first heading or table
            cells = [c.strip() for c in raw.split("\t")]
            if items and items[-1].role == "table":
                items[-1].rows.append(cells)
            else:
                items.append(Item("table", rows=[cells]))
            continue
        line = raw.strip()
        if HEADING.match(line) and len(line) <= 60:
            role, front = "heading", False
        elif front:
            title_like = not re.search(r"[:：\\]", line) and len(line) < 120
            role = "title" if title_like and titles == len(items) and titles < 2 else "front"
            titles += role == "title"
        elif FOOTNOTE.match(line) or raised_footnotes and RAISED_FOOTNOTE.match(line):
            role = "footnote"
        elif CAPTION.match(line) and len(line) <= 60:
            role = "caption"
        elif NOTE.match(line):
            role = "note"
        elif REFERENCE.match(line) or in_references:
            role, in_references = "reference", True
        elif len(line) > 35 or line.endswith(SENTENCE_END):
            role = "body"
        else:
            role = "plain"
        items.append(Item(role, text=line))
    previous = None  # the last body item: a paragraph carries on after a table or caption put inside it
    for item in items:
        # a line break inside a sentence of the text (a web-conversion artefact) stays one paragraph
        item.continues = item.role == "body" and previous is not None and not ends_paragraph(previous.text)
        if item.role in ("body", "heading", "plain", "reference"):
            previous = item if item.role == "body" else None
    for item in items:
        if item.role == "table":
            n = max(len(r) for r in item.rows)
            for r in item.rows:
                r.extend([""] * (n - len(r)))
    return items


class Typesetter:
    """Places lines and table rows into columns and pages; draws headers and page numbers."""

    def __init__(self, path, columns, running_header, page_numbers, page_number_format,
                 superscript_markers, encrypt, pagesize=A4):
        kwargs = {"pagesize": pagesize, "invariant": 1}
        if encrypt:
            kwargs["encrypt"] = encrypt
        self.c = rl_canvas.Canvas(str(path), **kwargs)
        self.w, self.h = pagesize
        self.page = 1
        self.y = MARGIN_TOP  # top-down position of the next line's top
        self.bottom = self.h - MARGIN_BOTTOM
        self.set_columns(columns)
        self.header = running_header
        self.page_numbers = page_numbers
        self.page_number_format = page_number_format
        self.markers = superscript_markers
        self.footnotes: list[Line] = []  # footnote lines waiting for the foot of a page

    # -- frames

    def set_columns(self, columns: int) -> None:
        """Columns from the current position down (full-width front matter, then columns)."""
        body = self.w - 2 * MARGIN_X
        self.colw = (body - (columns - 1) * COLUMN_GAP) / columns
        self.frames = [MARGIN_X + i * (self.colw + COLUMN_GAP) for i in range(columns)]
        self.col = 0
        self.frame_top = self.y

    @property
    def x0(self) -> float:
        return self.frames[self.col]

    def at_frame_top(self) -> bool:
        return self.y <= self.frame_top + 0.01

    def next_frame(self) -> None:
        self.col += 1
        if self.col == len(self.frames):
            self.finish_page()
            self.c.showPage()
            self.page += 1
            self.col = 0
            self.frame_top = MARGIN_TOP
        self.y = self.frame_top

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom and not self.at_frame_top():
            self.next_frame()

    def finish_page(self) -> None:
        here, self.footnotes = self.footnotes[:2], self.footnotes[2:]
        if here:
            self.c.setLineWidth(0.5)
            self.c.line(MARGIN_X, FOOTNOTE_TOP, MARGIN_X + 150, FOOTNOTE_TOP)
            for k, line in enumerate(here):
                self.draw_line(line, MARGIN_X, self.h - FOOTNOTE_TOP + 2 + (k + 1) * FOOTNOTE_PITCH - 2, FOOTNOTE_SIZE)
        if self.header:
            self.draw_plain(self.header, MARGIN_X, HEADER_BASELINE, 9)
        if self.page_numbers:
            label = self.page_number_format.format(n=self.page)
            self.draw_plain(label, (self.w - text_width(label, 9)) / 2, self.h - FOOTER_BASELINE, 9)

    def save(self) -> int:
        self.finish_page()
        while self.footnotes:  # footnotes that did not fit get pages of their own
            self.c.showPage()
            self.page += 1
            self.finish_page()
        self.c.showPage()
        self.c.save()
        return self.page

    # -- drawing

    def draw_plain(self, text: str, x: float, baseline_td: float, size: float) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, self.h - baseline_td, draw_text(text))

    def draw_line(self, line: Line, x: float, baseline_td: float, size: float) -> None:
        run = ""
        run_x = x
        for atom in line.atoms:
            if atom.kind == "marker":
                if run:
                    self.draw_plain(run, run_x, baseline_td, size)
                small = size * MARKER_SCALE
                self.c.setFont(FONT, small)
                self.c.drawString(x, self.h - baseline_td + size * MARKER_RISE, atom.text)
                x += atom.width
                run, run_x = "", x
                continue
            run += atom.text
            x += atom.width
        if run:
            self.draw_plain(run, run_x, baseline_td, size)

    # -- items

    def place_text(self, item: Item, keep_with: float = 0.0) -> None:
        style = STYLES[item.role]
        size = style.size
        leading = size * LEADING
        indent = 0.0 if item.continues else style.indent_em * size
        lines = wrap(atoms_of(item.text, size, self.markers), self.colw - indent, self.colw, size)
        if not self.at_frame_top():
            self.y += style.space_before * leading
        self.ensure(leading + keep_with)
        for i, line in enumerate(lines):
            self.ensure(leading)
            x = self.x0 + (indent if i == 0 else 0.0)
            if style.align == "center" and len(lines) == 1:
                x = self.x0 + (self.colw - line.width) / 2
            self.draw_line(line, x, self.y + size, size)
            self.y += leading

    def table_layout(self, rows: list[list[str]], ruled: bool):
        size = TABLE_SIZE
        ncol = len(rows[0])
        pad = CELL_PAD if ruled else UNRULED_CELL_GAP / 2
        natural = [max(text_width(MARKER.sub(r"[\1]", r[j]), size) for r in rows) + 2 * pad for j in range(ncol)]
        minimum = [min(natural[j], 5 * size + 2 * pad) for j in range(ncol)]
        widths = list(natural)
        if sum(natural) > self.colw:
            spare = self.colw - sum(minimum)
            extra = [n - m for n, m in zip(natural, minimum)]
            widths = [m + spare * e / sum(extra) for m, e in zip(minimum, extra)]
        elif ruled:
            widths = [w * self.colw / sum(natural) for w in natural]
        cells = [
            [wrap(atoms_of(cell, size, self.markers), w - 2 * pad, w - 2 * pad, size) for cell, w in zip(r, widths)]
            for r in rows
        ]
        leading = size * LEADING
        heights = [max(1, *(len(c) for c in r)) * leading + 2 * CELL_PAD for r in cells]
        return widths, cells, heights, pad

    def place_table(self, rows: list[list[str]], ruled: bool, repeat_header: bool) -> None:
        widths, cells, heights, pad = self.table_layout(rows, ruled)
        size = TABLE_SIZE
        leading = size * LEADING
        gap = 0.0 if ruled else 0.5 * leading
        self.y += 0.3 * leading
        i = 0
        while i < len(rows):
            if self.y + heights[i] > self.bottom and not self.at_frame_top():
                self.next_frame()
                if repeat_header and i > 0:
                    self.draw_row(cells[0], widths, heights[0], ruled, pad)
            self.draw_row(cells[i], widths, heights[i], ruled, pad)
            self.y += gap
            i += 1
        self.y += 0.3 * leading

    def draw_row(self, row: list[list[Line]], widths: list[float], height: float, ruled: bool, pad: float) -> None:
        size = TABLE_SIZE
        x = self.x0
        for lines, w in zip(row, widths):
            if ruled:
                self.c.setLineWidth(0.5)
                self.c.rect(x, self.h - self.y - height, w, height, stroke=1, fill=0)
            for k, line in enumerate(lines):
                self.draw_line(line, x + pad, self.y + CELL_PAD + k * size * LEADING + size, size)
            x += w
        self.y += height


def build_paper_pdf(
    path,
    text: str,
    columns: int = 1,
    running_header: str | None = "城市发展研究 2019年第1期",
    page_numbers: bool = True,
    ruled_tables: bool = True,
    superscript_markers: bool = True,
    encrypt=None,
    page_number_format: str = "· {n} ·",
    repeat_table_header: bool = False,
    raised_footnotes: bool = False,
) -> int:
    """Typeset `text` (the raw/*.txt format) into a PDF at `path`; returns the page count.

    encrypt: None, or a user password (str) or a reportlab StandardEncryption.
    raised_footnotes: lines opening with `^[1]` are footnotes, their mark raised.
    """
    items = paper_items(text, raised_footnotes)
    front = columns > 1 and bool(items) and items[0].role in ("title", "front")
    ts = Typesetter(Path(path), 1 if front else columns, running_header, page_numbers, page_number_format,
                    superscript_markers, encrypt)
    for k, item in enumerate(items):
        if front and item.role not in ("title", "front"):  # front matter full width, then the columns
            front = False
            ts.y += STYLES["body"].size * LEADING
            ts.set_columns(columns)
        if item.role == "table":
            ts.place_table(item.rows, ruled_tables, repeat_table_header)
            continue
        if item.role == "footnote":
            raised = bool(RAISED_FOOTNOTE.match(item.text))  # its mark `^[1]` printed raised
            ts.footnotes += wrap(atoms_of(item.text, FOOTNOTE_SIZE, raised), ts.w - 2 * MARGIN_X,
                                 ts.w - 2 * MARGIN_X, FOOTNOTE_SIZE)
            continue
        keep = 0.0
        nxt = items[k + 1] if k + 1 < len(items) else None
        if item.role == "caption" and nxt is not None and nxt.role == "table":
            _, _, heights, _ = ts.table_layout(nxt.rows[:2], ruled_tables)
            keep = sum(heights) + TABLE_SIZE
        elif item.role in ("heading", "title"):
            keep = 2 * STYLES["body"].size * LEADING
        ts.place_text(item, keep)
    return ts.save()


def scanned_pdf(path: Path, shapes_only: bool = False) -> None:
    """A page with no text layer: an image (a scan), or only drawn shapes."""
    c = rl_canvas.Canvas(str(path))
    if shapes_only:
        c.rect(72, 500, 300, 200, fill=1)
        c.line(72, 400, 500, 400)
    else:
        image = Image.new("L", (200, 100), 255)
        image.paste(0, (20, 20, 180, 40))
        c.drawImage(ImageReader(image), 72, 500, width=400, height=200)
    c.showPage()
    c.save()
