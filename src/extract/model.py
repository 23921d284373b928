"""Plain data passed between the stages: layout blocks and recorded changes; the error for a bad paper."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields


class PaperError(ValueError):
    """A paper cannot be processed; the message is one line a maintainer can act on."""


@dataclass
class Change:
    """One thing a stage changed, repaired or doubts; becomes a `quality_flags` row.

    `offset` is the character offset in the text the stage received (None when
    not meaningful); the pipeline adds doc_id, flag_no and paragraph_no.
    """

    stage: str  # decode | normalize | structure | tables | references | citations | pdf
    kind: str  # e.g. pinyin_annotation, mojibake_repaired, latin_in_chinese
    severity: str = "info"  # info | warning | error
    detail: str = ""
    original: str | None = None
    replacement: str | None = None
    offset: int | None = None
    page: int | None = None  # PDF page concerned, where there is one


@dataclass
class Block:
    """A unit of source layout, in reading order.

    Text input gives one block per non-empty line (a run of tab-separated lines
    is one table block). PDF input gives one block per paragraph candidate
    (lines already joined), one per table found by the table finder, and one per
    footnote (after the body blocks); the layout fields below say how it was printed.
    """

    text: str
    kind: str = "text"  # text | table | footnote
    page_start: int | None = None  # 1-based; None for text input
    page_end: int | None = None
    rows: list[list[str]] | None = None  # kind == "table": cells as printed, header row first
    header_rows: int = 1  # kind == "table": how many of the first rows are the header (a two-level header: 2)
    table_evidence: str | None = None  # kind == "table", PDF: grid (ruled), rules (horizontal rules only), aligned
    font_size: float | None = None  # PDF only: dominant font size of the block
    bold: bool = False  # PDF only
    gap_before: bool = False  # a blank line (text) or a wide vertical gap (pdf) precedes it
    bbox: tuple[float, float, float, float] | None = None  # PDF: x0, top, x1, bottom on page_start (pt)
    n_lines: int = 1  # PDF: printed lines
    centered: bool = False  # PDF: every line centred in its column, clear of both edges
    indented: bool = False  # PDF: the first line starts right of the column's left edge
    page_width: float | None = None  # PDF: width of page_start (pt)
    changes: list[Change] = field(default_factory=list)  # what the reader already did (pdf)
    # kind == "table", PDF: (row index in rows, column index, page, (x0, top, x1, bottom)) of each cell drawn
    cell_boxes: list[tuple[int, int, int, tuple]] = field(default_factory=list)


def check_settings(settings, shares: frozenset[str] = frozenset()) -> None:
    """A settings object's knobs have their declared type, numbers are not negative and shares lie in 0..1;
    otherwise ValueError naming the knob (a typo in a config file fails at once, not deep in a paper)."""
    name = type(settings).__name__
    for f in fields(settings):
        value, default = getattr(settings, f.name), f.default
        assert default is not MISSING, f"{name}.{f.name} needs a default"
        if default is None or isinstance(default, dict):
            if value is not None and not isinstance(value, dict):
                raise ValueError(f"{name}.{f.name} must be a table of settings or absent, got {value!r}")
            continue
        kind = type(default)
        accepted = (int, float) if kind is float else kind  # 3 is a fine value for a float knob
        if isinstance(value, bool) != (kind is bool) or not isinstance(value, accepted):
            raise ValueError(f"{name}.{f.name} must be a {kind.__name__}, got {value!r}")
        if kind is bool:
            continue
        if value < 0:
            raise ValueError(f"{name}.{f.name} must not be negative, got {value}")
        if f.name in shares and value > 1:
            raise ValueError(f"{name}.{f.name} is a share between 0 and 1, got {value}")
