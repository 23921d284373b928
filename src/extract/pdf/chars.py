"""The chars of a page as pdfplumber draws them: position, baseline, size, weight."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float  # top-down, like top/bottom
    size: float
    bold: bool

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


def page_chars(page) -> tuple[list[Char], int]:
    """Upright chars of a page, and the number of rotated ones left out (margin notes,
    vertical text: not part of the running text)."""
    out, rotated = [], 0
    for c in page.chars:
        text = c["text"]
        if not text:
            continue
        if not c.get("upright", True):
            rotated += 1
            continue
        matrix = c.get("matrix") or (1, 0, 0, 1, 0, c["y0"])
        baseline = c["bottom"] - (matrix[5] - c["y0"])  # the origin's y, top-down
        font = c.get("fontname", "")
        out.append(Char(text, c["x0"], c["x1"], c["top"], c["bottom"], baseline, round(c["size"], 2),
                        bool(re.search(r"bold|heavy|black|[-,]B\b", font, re.I))))
    return out, rotated
