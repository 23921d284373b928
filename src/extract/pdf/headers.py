"""Running headers, footers and page numbers: lines in the top/bottom band that recur are dropped."""

from __future__ import annotations

import re
from collections import defaultdict

from ..flags import RUNNING_HEADER_REMOVED
from ..model import Change
from .lines import Line
from .settings import PdfSettings

PAGE_NUMBER = re.compile(r"^(?:[-–—·・•|\s]*\d{1,4}[-–—·・•|\s]*|第\s*\d+\s*[页頁]|[Pp]age\s*\d+|\d+\s*/\s*\d+)$")


def band_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip()))


def remove_running_lines(pages: list[dict], s: PdfSettings) -> list[Change]:
    """Drop lines in the top/bottom band that recur on several pages (digits ignored)
    or look like page numbers; one Change per distinct text pattern."""
    where: dict[tuple[str, str], list[tuple[int, Line]]] = defaultdict(list)
    for p in pages:
        band = s.header_band * p["height"]
        for ln in p["lines"]:
            if ln.bottom <= p["top"] + band:
                where[("top", band_key(ln.text))].append((p["number"], ln))
            elif ln.top >= p["bottom"] - band:
                where[("bottom", band_key(ln.text))].append((p["number"], ln))
    changes: list[Change] = []
    drop: set[int] = set()
    for (side, key), hits in where.items():
        n_pages = len({n for n, _ in hits})
        if n_pages >= s.header_min_pages or (PAGE_NUMBER.match(hits[0][1].text) and len(pages) < s.header_min_pages):
            drop.update(id(ln) for _, ln in hits)
            numbers = sorted({n for n, _ in hits})
            changes.append(RUNNING_HEADER_REMOVED.change(
                                  detail=f"{side} band, {len(hits)}x on pages {numbers[0]}-{numbers[-1]}: {key}",
                                  original=hits[0][1].text))
    for p in pages:
        p["lines"] = [ln for ln in p["lines"] if id(ln) not in drop]
    return changes
