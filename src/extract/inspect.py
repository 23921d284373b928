"""What the PDF reader saw on one page, drawn on the page: `papers inspect DOC_ID --page N`.

The published rows carry pages but no boxes, so the page is read again with the library's reader
(`read_pdf`, the same code a run uses) and its blocks are drawn with their boxes: tables, footnotes,
and text blocks named heading, caption or paragraph by the rows of that page (a text block whose
text is a heading's or a caption's as decoded). What the reader dropped from the page (running
headers, page numbers, figure text, formula lines, contents lines) is drawn where pdfplumber finds
the removed text on the page; a removal it cannot find there is counted in the legend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import Block, Change
from .schema.flags import (
    FIGURE_TEXT_REMOVED,
    FORMULA_DEBRIS_REMOVED,
    GLYPH_WITHOUT_UNICODE,
    PAGE_NUMBER_REMOVED,
    RUNNING_HEADER_REMOVED,
    TOC_LINE_REMOVED,
)

# kind -> (legend text, RGB); read blocks first, then removals
COLOURS: dict[str, tuple[str, tuple[int, int, int]]] = {
    "paragraph": ("paragraph", (31, 119, 180)),
    "heading": ("heading", (214, 39, 40)),
    "table": ("table (its first page)", (44, 160, 44)),
    "cell": ("table cell", (0, 100, 0)),
    "caption": ("caption", (148, 103, 189)),
    "footnote": ("footnote", (255, 127, 14)),
    RUNNING_HEADER_REMOVED.name: ("removed: running header/footer", (127, 127, 127)),
    PAGE_NUMBER_REMOVED.name: ("removed: page number", (90, 90, 90)),
    FIGURE_TEXT_REMOVED.name: ("removed: figure text", (23, 190, 207)),
    FORMULA_DEBRIS_REMOVED.name: ("removed: formula line", (227, 119, 194)),
    GLYPH_WITHOUT_UNICODE.name: ("removed: glyphs without Unicode", (188, 189, 34)),
    TOC_LINE_REMOVED.name: ("removed: contents line", (140, 86, 75)),
}
MARGIN = (RUNNING_HEADER_REMOVED.name, PAGE_NUMBER_REMOVED.name)  # one line each, in a margin
REMOVALS = tuple(k for k in COLOURS if k not in ("paragraph", "heading", "table", "cell", "caption", "footnote"))


class InspectError(ValueError):
    """The page cannot be drawn (no such paper, not a PDF, no such page)."""


@dataclass
class Drawn:
    kind: str  # a key of COLOURS
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points from the page's top left
    text: str = ""


@dataclass
class PagePicture:
    path: Path
    page: int
    size: tuple[int, int]  # pixels
    drawn: list[Drawn] = field(default_factory=list)
    not_located: dict[str, int] = field(default_factory=dict)  # removal kind -> removals not found on the page


def _key(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _matches(block_key: str, source_key: str) -> bool:
    """The block is that row's text as printed (whole, or the row's first 12 characters start it)."""
    if not block_key or not source_key:
        return False
    head = source_key[:12]
    return block_key == source_key or block_key.startswith(head) and len(block_key) <= len(source_key) + 8


def classify(block: Block, rows: dict[str, list[dict]], page: int) -> str:
    """The kind a block was read as: table, footnote, heading, caption or paragraph."""
    if block.kind in ("table", "footnote"):
        return block.kind
    key = _key(block.text)
    for row in rows.get("sections", []):
        if row.get("page") == page and (_matches(key, _key(row.get("title_source")))
                                        or _matches(key, _key((row.get("label_source") or "")
                                                              + (row.get("title_source") or "")))):
            return "heading"
    for name in ("figures", "tables"):
        for row in rows.get(name, []):
            if row.get("page") == page and _matches(key, _key(row.get("caption_source"))):
                return "caption"
    return "paragraph"


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _removal_boxes(page, change: Change, read: list[tuple]) -> list[tuple[float, float, float, float]]:
    """Where the removed text stands on the page: each of its lines searched for as printed, outside the
    blocks read (removed text is in none of them); a margin line at the match nearest the page's edge."""
    boxes = []
    for line in (change.original or "").splitlines():
        if not line.strip():
            continue
        for pattern in dict.fromkeys([line.strip(), _key(line)]):
            found = [(m["x0"], m["top"], m["x1"], m["bottom"])
                     for m in page.search(pattern, regex=False, return_chars=False)]
            found = [box for box in found if not any(_overlaps(box, r) for r in read)]
            if found and change.kind in MARGIN:
                found = [min(found, key=lambda box: min(box[1], page.height - box[3]))]
            if found:
                boxes += found
                break
    return boxes


def paper_rows(pdf: Path, out_dir: Path | None) -> dict[str, list[dict]]:
    """The paper's published rows (out_dir), or the rows a run would publish when it holds none."""
    doc_id = pdf.stem
    if out_dir is not None and Path(out_dir).is_dir():
        from .storage import OutputError, read_dataset, read_snapshot

        try:
            snapshot = read_snapshot(out_dir)
            frames = {name: read_dataset(out_dir, name, {doc_id}, snapshot)
                      for name in ("documents", "sections", "figures", "tables")}
        except OutputError:
            frames = {}
        if frames and len(frames["documents"]):
            return {name: frame.astype(object).where(frame.notna(), None).to_dict("records")
                    for name, frame in frames.items()}
    from .paper import process_paper

    return process_paper(pdf)


def draw_page(pdf: Path, page_no: int, out_png: Path, rows: dict[str, list[dict]] | None = None,
              scale: float = 1.5) -> PagePicture:
    """Draw what the reader read on page page_no (from 1) of pdf into out_png; returns what was drawn."""
    import pdfplumber
    from PIL import ImageDraw

    from .pdf.open import PdfError, verdict
    from .pdf.reader import read_pdf

    pdf = Path(pdf)
    try:
        result = read_pdf(pdf)
    except PdfError as exc:
        raise InspectError(f"{pdf}: {exc}") from None
    if not 1 <= page_no <= result.n_pages:
        raise InspectError(f"{pdf} has {result.n_pages} pages; --page must be within 1-{result.n_pages}")
    rows = rows if rows is not None else paper_rows(pdf, None)
    drawn = [Drawn(classify(b, rows, page_no), b.bbox, b.text[:60] or f"{len(b.rows or [])} rows")
             for b in result.blocks if b.page_start == page_no and b.bbox]
    cells = [Drawn("cell", box, (b.rows or [])[r][c]) for b in result.blocks if b.kind == "table"
             for r, c, page, box in b.cell_boxes if page == page_no]  # a continued table's too
    not_located: dict[str, int] = {}
    try:  # PDFium read the pages; pdfminer, which draws them, may refuse the file
        doc = pdfplumber.open(pdf)
        page = doc.pages[page_no - 1]
    except Exception as exc:  # noqa: BLE001 - pdfminer's many kinds of error, as one line
        raise InspectError(f"{pdf}: {verdict(exc)}") from None
    with doc:
        read = [item.bbox for item in drawn + cells]
        drawn += cells
        for change in result.changes:
            if change.page == page_no and change.kind in REMOVALS:
                boxes = _removal_boxes(page, change, read)
                drawn += [Drawn(change.kind, box, change.original or "") for box in boxes]
                if not boxes:
                    not_located[change.kind] = not_located.get(change.kind, 0) + 1
        picture = page.to_image(resolution=72 * scale)
        for item in drawn:
            colour = COLOURS[item.kind][1]
            if item.kind == "cell":  # over its table's fill: an outline only
                picture.draw_rect(item.bbox, fill=(0, 0, 0, 0), stroke=colour + (255,), stroke_width=1)
            else:
                picture.draw_rect(item.bbox, fill=colour + (40,), stroke=colour + (255,), stroke_width=2)
        image = picture.annotated.convert("RGB")
    _legend(ImageDraw.Draw(image), drawn, not_located)
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    image.save(out_png, format="PNG", optimize=True)
    return PagePicture(out_png, page_no, image.size, drawn, not_located)


def _legend(draw, drawn: list[Drawn], not_located: dict[str, int]) -> None:
    """The colours used on this page, with counts, in a box at the top right."""
    counts: dict[str, int] = {}
    for item in drawn:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    lines = [(COLOURS[k][1], f"{COLOURS[k][0]}: {counts.get(k, 0)}"
              + (f" (+{not_located[k]} not found on the page)" if not_located.get(k) else ""))
             for k in COLOURS if counts.get(k) or not_located.get(k)] or [((0, 0, 0), "nothing read on this page")]
    width = max(draw.textlength(text) for _, text in lines) + 28
    height = 14 * len(lines) + 8
    x = draw.im.size[0] - width - 6
    draw.rectangle((x, 6, x + width, 6 + height), fill=(255, 255, 255), outline=(0, 0, 0))
    for i, (colour, text) in enumerate(lines):
        y = 10 + 14 * i
        draw.rectangle((x + 5, y + 1, x + 15, y + 11), fill=colour)
        draw.text((x + 20, y), text, fill=(0, 0, 0))
