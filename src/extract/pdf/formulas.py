"""Display formulas: lines set in math fonts, with their equation numbers, are formula debris.

Text extraction cannot rebuild a displayed formula (fractions, sums and big delimiters
come out as scattered glyphs), so its lines are removed with the text recorded: a line
without Han characters whose glyphs are at least `formula_math_share` from math fonts
(CMMI, CMSY, CMEX, LMMath...), or only big delimiters; and an equation number `(3)`,
`(1-2)` on the row of such a line or just below it. One change per line (kind
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


MARK_ONLY = re.compile(r"[∗*†‡§¶]+")  # a footnote mark set in a math font is a mark, not a formula


def is_formula_line(ln: Line, s: PdfSettings) -> bool:
    return (ln.math >= s.formula_math_share and len(HAN.findall(ln.text)) == 0
            and not MARK_ONLY.fullmatch(ln.text.strip()))


def remove_formulas(p: Page, s: PdfSettings) -> list[Change]:
    """Drop formula lines (and their equation numbers) from the page's `lines`."""
    formulas = [ln for ln in p.lines if is_formula_line(ln, s)]
    if not formulas:
        return []
    drop = {id(ln) for ln in formulas}
    for ln in p.lines:
        if id(ln) in drop or not EQUATION_NUMBER.fullmatch(ln.text.strip()):
            continue
        if any(f.top - ln.size <= ln.baseline <= f.bottom + 2 * ln.size and f.x1 < ln.x0 for f in formulas):
            drop.add(id(ln))
    changes = [FORMULA_DEBRIS_REMOVED.change(f"page {p.number}: a displayed formula's glyphs (math fonts), not text",
                                             original=ln.text, page=p.number)
               for ln in sorted(p.lines, key=lambda ln: (ln.top, ln.x0)) if id(ln) in drop]
    return p.remove_lines([ln for ln in p.lines if id(ln) in drop], changes)
