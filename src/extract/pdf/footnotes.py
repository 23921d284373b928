"""Footnotes: smaller type at the foot of a page, under a short rule or opening with a mark.

The footnote area of a page is
- the lines under a footnote rule (a horizontal line `footnote_rule_min`..`footnote_rule_max`
  of the page width long, in the lower half of the page, with no rule under it in its
  column: a three-line table has one; not a rule of a table found on the page) that start left
  of the rule's end (its column) and are set smaller than the body (`footnote_size_ratio`); or, without a rule,
- the run of rows at the foot of the page set smaller than the body whose first line opens
  with a footnote mark (`①`, `*`, `†`, `1)`, a raised digit).
Its lines leave the body text: a paragraph continues across the footnotes to the next
column or page. They become `footnote` blocks, a new one at each line that opens with a
mark or is indented from the area's left edge.
"""

from __future__ import annotations

from collections import Counter

from ..model import Block
from ..text import FOOTNOTE_MARK
from .joining import join_lines
from .lines import Line
from .page import Page
from .settings import PdfSettings


def body_size(pages: list[Page], s: PdfSettings | None = None) -> float:
    """The font size most text of the document is set in (lines under a footnote rule left out:
    a short paper's footnotes may outweigh its body)."""
    sizes: Counter = Counter()
    for p in pages:
        rules = footnote_rules(p, s) if s is not None else []
        for ln in p.lines:
            if not any(ln.top >= y - 1 and ln.x0 < x1 for _, y, x1 in rules):
                sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def footnote_rules(p: Page, s: PdfSettings) -> list[tuple]:
    """Horizontal rules of a footnote rule's length in the lower half of the page, not the rules of a
    table found on it (a narrow table's bottom rule, with its caption printed under it)."""
    return [r for r in p.rules
            if s.footnote_rule_min * p.width <= r[2] - r[0] <= s.footnote_rule_max * p.width
            and r[1] > p.top + 0.5 * p.height
            and not any(t.top - 2 <= r[1] <= t.bottom + 2 and r[0] < t.x1 and r[2] > t.x0 for t in p.tables)]


def mark_hei(pages: list[Page]) -> None:
    """A 黑体 line is heavy (like bold) when the body is not set in 黑体 itself."""
    weights: Counter = Counter()
    for p in pages:
        for ln in p.lines:
            weights[ln.hei] += len(ln.text)
    if weights[True] * 2 < sum(weights.values()):
        for p in pages:
            for ln in p.lines:
                ln.bold = ln.bold or ln.hei


def take_footnotes(p: Page, body: float, s: PdfSettings) -> list[list[Line]]:
    """Remove the footnote lines of the page from its `lines`; returns them grouped per footnote."""
    area: list[Line] = []
    rules = footnote_rules(p, s)
    every_rule = p.rules
    for x0, y, x1 in sorted(rules, key=lambda r: r[1]):
        if any(ry > y + 1 and rx0 < x1 and rx1 > x0 for rx0, ry, rx1 in every_rule):
            continue  # a rule under it in its column: the rules of a three-line table, not a footnote rule
        below = [ln for ln in p.lines if ln.top >= y - 1 and ln.x0 < x1 and ln.x0 >= x0 - 2 * ln.size]
        above: Counter[float] = Counter()
        for ln in p.lines:
            if ln.bottom <= y:
                above[ln.size] += len(ln.text)
        text_size = max(body, above.most_common(1)[0][0] if above else 0.0)  # the text the rule closes
        if below and all(ln.size <= s.footnote_size_ratio * text_size for ln in below):
            area += [ln for ln in below if ln not in area]
    if not area:
        area = foot_run(p.lines, body, s)
    if not area:
        return []
    p.take_lines(area)
    return split_footnotes(sorted(area, key=lambda ln: (round(ln.baseline), ln.x0)))


def foot_run(lines: list[Line], body: float, s: PdfSettings) -> list[Line]:
    """The rows at the page foot set smaller than the body, when the first opens with a mark."""
    rows: dict[int, list[Line]] = {}
    for ln in lines:
        rows.setdefault(round(ln.baseline / 2), []).append(ln)
    run: list[list[Line]] = []
    for key in sorted(rows, reverse=True):
        row = rows[key]
        if all(ln.size <= s.footnote_size_ratio * body for ln in row):
            run.append(row)
        else:
            break
    while run:  # the run must start (at its top) with a footnote mark
        first = min(run[-1], key=lambda ln: ln.x0)
        if FOOTNOTE_MARK.match(first.text):
            return [ln for row in run for ln in row]
        run.pop()
    return []


def split_footnotes(lines: list[Line]) -> list[list[Line]]:
    left = min(ln.x0 for ln in lines)
    groups: list[list[Line]] = []
    for ln in lines:
        starts = FOOTNOTE_MARK.match(ln.text) or ln.x0 - left >= 0.4 * ln.size
        previous = groups[-1] if groups else None
        mark_alone = previous is not None and len(previous) == 1 and FOOTNOTE_MARK.fullmatch(previous[0].text.strip())
        if previous and (mark_alone or (not starts and ln.x0 < previous[-1].x1)):  # the mark's text, or a continuation
            previous.append(ln)
        else:
            groups.append([ln])
    return groups


def footnote_block(lines: list[Line]) -> Block:
    text, space = "", False
    for ln in lines:
        text, _ = join_lines(text, space, ln.text, ln.starts_with_space)
        space = ln.ends_with_space
    first = lines[0]
    return Block(text=text.strip(), kind="footnote", page_start=first.page, page_end=first.page,
                 font_size=first.size, bold=first.bold,
                 bbox=(min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                       max(ln.x1 for ln in lines), max(ln.bottom for ln in lines)))
