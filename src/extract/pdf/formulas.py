"""Display formulas: lines set in math fonts, with their equation numbers, are formula debris.

Text extraction cannot rebuild a displayed formula (fractions, sums and big delimiters
come out as scattered glyphs), so its lines are removed with the text recorded: a line
without Han characters whose glyphs are at least `formula_math_share` from math fonts
(CMMI, CMSY, CMEX, LMMath...), or only big delimiters; and an equation number `(3)`,
`(1-2)` on the row of such a line or just below it; and the entries of a displayed matrix:
lines without Han characters standing between a left and a right stack of big-delimiter
pieces (`⎡⎢⎣` ... `⎤⎥⎦`, `⎛⎜⎝` ... `⎞⎟⎠`) of a formula line, within their height (numbers
in an upright font that a reader would otherwise take for a table's cells). Short math
fragments in a column (symbols at one left edge, each on the baseline of a fragment of words:
a list of symbols) are a table's first column and stay. One change per line (kind
`formula_debris_removed`, page and text named). Inline math inside a sentence stays.
"""

from __future__ import annotations

import re

from ..model import Change
from ..schema.flags import FORMULA_DEBRIS_REMOVED
from .lines import Line
from .page import Page
from .settings import PdfSettings

HAN = re.compile(r"[\u3400-\u9fff]")
EQUATION_NUMBER = re.compile(r"[(（]\s*\d{1,3}(?:\s*[-.．–]\s*\d{1,3})?[a-z]?\s*[)）]")


LEFT_PIECES = set("⎡⎢⎣⎛⎜⎝⎧⎨⎩")
RIGHT_PIECES = set("⎤⎥⎦⎞⎟⎠⎫⎬⎭")
MARK_ONLY = re.compile(r"[∗*†‡§¶]+")  # a footnote mark set in a math font is a mark, not a formula


def is_formula_line(ln: Line, s: PdfSettings) -> bool:
    return (ln.math >= s.formula_math_share and len(HAN.findall(ln.text)) == 0
            and not MARK_ONLY.fullmatch(ln.text.strip()))


def remove_formulas(p: Page, s: PdfSettings) -> list[Change]:
    """Drop formula lines (and their equation numbers) from the page's `lines`."""
    formulas = [ln for ln in p.lines if is_formula_line(ln, s)]
    symbols = symbols_beside_text(formulas, p.lines, s)
    formulas = [f for f in formulas if id(f) not in symbols]
    if not formulas:
        return []
    drop = {id(ln) for ln in formulas}
    for box in delimited_boxes(formulas):
        for ln in p.lines:
            if id(ln) not in drop and not HAN.search(ln.text) and inside(ln, box):
                drop.add(id(ln))
    for ln in p.lines:
        if id(ln) in drop or not EQUATION_NUMBER.fullmatch(ln.text.strip()):
            continue
        if any(f.top - ln.size <= ln.baseline <= f.bottom + 2 * ln.size and f.x1 < ln.x0 for f in formulas):
            drop.add(id(ln))
    changes = [FORMULA_DEBRIS_REMOVED.change(f"page {p.number}: a displayed formula's glyphs (math fonts), not text",
                                             original=ln.text, page=p.number)
               for ln in sorted(p.lines, key=lambda ln: (ln.top, ln.x0)) if id(ln) in drop]
    return p.remove_lines([ln for ln in p.lines if id(ln) in drop], changes)


def symbols_beside_text(formulas: list[Line], lines: list[Line], s: PdfSettings) -> set[int]:
    """Short math fragments (a symbol: `α`, `CJ`, `∇`, four glyphs at most, not a delimiter) that stand in a
    column of two or more such fragments (the same left edge within 2 pt), each on the baseline of a fragment
    of words that is no formula (`α | velocity transmission factor` in a list of symbols): the first column of
    a table, not displayed formulas. Ids of those lines."""
    def beside_words(f: Line) -> bool:
        return any(ln is not f and abs(ln.baseline - f.baseline) <= 0.3 * f.size and ln.x0 > f.x1
                   and not is_formula_line(ln, s) and len(re.findall(r"[A-Za-z\u3400-\u9fff]", ln.text)) >= 2
                   and not EQUATION_NUMBER.fullmatch(ln.text.strip()) for ln in lines)

    short = [f for f in formulas if len(f.text.replace(" ", "")) <= 4 and re.search(r"[^\s()\[\]{}|" + "".join(
        LEFT_PIECES | RIGHT_PIECES) + "]", f.text) and beside_words(f)]
    return {id(f) for f in short if any(g is not f and abs(g.x0 - f.x0) <= 2 and abs(g.baseline - f.baseline) > f.size
                                        for g in short)}


def delimited_boxes(formulas: list[Line]) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) between a left stack of big-delimiter pieces and the right stack facing it."""
    def stacks(pieces: set[str]) -> list[list]:
        chars = sorted((c for ln in formulas for c in ln.chars if c.text in pieces), key=lambda c: (round(c.x0), c.top))
        out: list[list] = []
        for c in chars:
            if out and abs(out[-1][-1].x0 - c.x0) <= 2 and c.top - out[-1][-1].bottom <= c.size:
                out[-1].append(c)
            else:
                out.append([c])
        return [st for st in out if len(st) >= 2]  # a stack: a bracket taller than one line
    boxes = []
    rights = stacks(RIGHT_PIECES)
    for left in stacks(LEFT_PIECES):
        top, bottom = min(c.top for c in left), max(c.bottom for c in left)
        facing = [r for r in rights if r[0].x0 > left[0].x1
                  and min(bottom, max(c.bottom for c in r)) - max(top, min(c.top for c in r)) > 0.5 * (bottom - top)]
        if facing:
            right = min(facing, key=lambda r: r[0].x0)
            boxes.append((max(c.x1 for c in left), top, min(c.x0 for c in right), bottom))
    return boxes


def inside(ln: Line, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    half = (ln.bottom - ln.top) / 2  # a delimiter's last piece may end above the last row's middle
    return ln.x0 >= x0 - 1 and ln.x1 <= x1 + 1 and top - half <= (ln.top + ln.bottom) / 2 <= bottom + half
