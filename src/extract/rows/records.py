"""The document model (`structure.model`) and the parsed references -> rows: a mapping.

Each text is normalized as it is mapped (`normalize`), then its citation markers are taken out
(`citations.Citations`); every change becomes a quality flag, in the order the pipeline made it."""

from __future__ import annotations

import re
from collections import Counter

from ..citations.collect import Citations
from ..citations.markers import footnote_callouts
from ..model import Block, Change
from ..normalize import DEFAULT_CONVERSION, detect_script, normalize_text, simplify_reference
from ..schema.datasets import DATASETS
from ..schema.flags import (
    BACK_MATTER_REMAINDER,
    FIELD_UNREADABLE,
    FRONT_MATTER_KEPT,
    FRONT_MATTER_MISSING,
    FRONT_MATTER_REMAINDER,
    REFERENCE_LIST_HEADING,
)
from ..structure.captions import find_mentions, note_key
from ..structure.front_matter import FrontMatter
from ..structure.model import Figure, Footnote, Paragraph, Section, Table
from ..structure.tables import Cell
from ..text import REPLACEMENT_CHARACTER, join_prose_lines
from .accounting import units

CHILD_DATASETS = ("authors", "keywords", "sections", "paragraphs", "tables", "table_cells",
                  "references", "citations", "mentions", "footnotes", "figures", "quality_flags")


class PaperBuilder:
    """Collects one paper's rows while its parts are added in reading order."""

    def __init__(self, doc_id: str, conversion: str = DEFAULT_CONVERSION):
        self.doc_id = doc_id
        self.conversion = conversion  # the OpenCC config of the paper's region (normalize.region_conversion)
        self.rows: dict[str, list[dict]] = {name: [] for name in CHILD_DATASETS}
        self.citations = Citations()

    def flag(self, change: Change, paragraph_no: int | None = None) -> None:
        self.rows["quality_flags"].append({
            "doc_id": self.doc_id, "flag_no": len(self.rows["quality_flags"]) + 1,
            "stage": change.stage, "kind": change.kind, "severity": change.severity,
            "paragraph_no": paragraph_no, "detail": change.detail or None,
            "original": change.original, "replacement": change.replacement, "page": change.page,
        })

    def normalize(self, raw: str, paragraph_no: int | None = None) -> str:
        text, changes = normalize_text(raw, self.conversion)
        for change in changes:
            self.flag(change, paragraph_no)
        return text

    def normalize_field(self, raw: str | None, prose: bool = False,
                        name: str | None = None) -> tuple[str | None, str | None]:
        """(normalized, as decoded) for a text field outside the body: normalized like a paragraph, markers
        dropped. A `prose` field printed over several lines (a biography) is normalized as one running text;
        its source keeps the line breaks as printed. A `name`d field (titles, cover fields, names) holding
        U+FFFD (a PDF glyph without Unicode, a byte lost in decoding) is null, its text in a `field_unreadable`
        flag: a title short of characters is a wrong title."""
        if raw is None or not raw.strip():
            return None, None
        if name and REPLACEMENT_CHARACTER in raw:  # a glyph without Unicode, a lost byte: the value is not known
            self.flag(FIELD_UNREADABLE.change(f"{name}: printed with characters that cannot be read; left null",
                                              original=raw))
            return None, None
        return self.normalize_without_markers(join_prose_lines(raw) if prose else raw) or None, raw

    def normalize_without_markers(self, raw: str) -> str:
        """Normalize text that has nowhere to cite from (titles, abstract, keywords, funding): markers are dropped."""
        text, changes = Citations.drop(self.normalize(raw))
        for change in changes:
            self.flag(change)
        return text

    def normalize_with_markers(self, raw: str, location: dict, order: tuple,
                               paragraph_no: int | None = None, note_keys: frozenset[str] = frozenset()) -> str:
        """Normalize, then take the citation markers out; `order` places them in reading order. `note_keys`: a
        table's note numbers, whose marks are no citations (`Citations.take`)."""
        text, changes = self.citations.take(self.normalize(raw, paragraph_no), location, order, note_keys)
        for change in changes:
            self.flag(change, paragraph_no)
        return text


def add_sections(paper: PaperBuilder, sections: list[Section], changes: list[Change]) -> None:
    for change in changes:
        paper.flag(change)
    for section in sections:
        if REPLACEMENT_CHARACTER in section.title:  # the heading is printed (a number, a place), its title unreadable
            paper.flag(FIELD_UNREADABLE.change(
                f"sections.title of section {section.section_no} ({section.label_source or 'unnumbered'}, page "
                f"{section.page}): printed with characters that cannot be read; the title holds what could be"))
        paper.rows["sections"].append({
            "doc_id": paper.doc_id, "section_no": section.section_no,
            "parent_section_no": section.parent_section_no, "level": section.level,
            "label": section.label, "title": paper.normalize_without_markers(section.title),
            "title_source": section.title, "part": section.part, "label_source": section.label_source,
            "page": section.page,
        })


def callouts_of(paragraphs: list[Paragraph], footnotes: list[Footnote]) -> dict[int, frozenset[str]]:
    """Per paragraph, the raised numbers that call a footnote printed at the foot of its page, not a
    reference (`citations.markers.footnote_callouts`)."""
    return footnote_callouts([(p.paragraph_no, p.page_start, p.page_end, p.text) for p in paragraphs],
                             [(f.page, f.marker) for f in footnotes])


def add_paragraphs(paper: PaperBuilder, paragraphs: list[Paragraph], joins: list[tuple[Change, int]],
                   callouts: dict[int, frozenset[str]] | None = None) -> None:
    """The paragraphs; `callouts` (`callouts_of`): a paragraph's raised numbers that call footnotes stay in
    its text as the raised digits they are (`¹`), no citations."""
    for change, paragraph_no in joins:
        paper.flag(change, paragraph_no)
    for paragraph in paragraphs:
        paragraph_no = paragraph.paragraph_no
        if paragraph.part == "front":
            paper.flag(FRONT_MATTER_KEPT.change(
                "a front-matter line no field took was kept as a paragraph", original=paragraph.text), paragraph_no)
        text = paper.normalize_with_markers(paragraph.text, {"location": "paragraph", "paragraph_no": paragraph_no},
                                            (paragraph.order, 0, 0, 0), paragraph_no,
                                            note_keys=(callouts or {}).get(paragraph_no, frozenset()))
        paper.rows["paragraphs"].append({
            "doc_id": paper.doc_id, "paragraph_no": paragraph_no, "section_no": paragraph.section_no,
            "text": text, "text_source": paragraph.text,
            "page_start": paragraph.page_start, "page_end": paragraph.page_end, "part": paragraph.part,
        })


def add_tables(paper: PaperBuilder, tables: list[Table], cells: list[list[Cell]]) -> None:
    """The tables and their cells (`tables.table_cells`, one list per table)."""
    for table_no, (record, record_cells) in enumerate(zip(tables, cells, strict=True), start=1):
        location = {"table_no": table_no}
        caption = None
        if record.caption and record.caption.text:
            caption = paper.normalize_with_markers(record.caption.text, {**location, "location": "caption"},
                                                   (record.order, 0, 0, 0))
        caption_en = paper.normalize_with_markers(
            record.caption_en.text, {**location, "location": "caption"},
            (record.order, 0, 1, 0)) if record.caption_en and record.caption_en.text else None
        # notes keyed by raised numbers (`^[3] *: …` under a cell `*^[3]`): those marks are keys, no citations
        keys = frozenset(k for k in map(note_key, record.notes) if k is not None and k.isdigit())
        note = "\n".join(paper.normalize_with_markers(n, {**location, "location": "note"}, (record.order, 2, i, 0),
                                                      note_keys=keys)
                         for i, n in enumerate(record.notes)) or None
        note_source = "\n".join(record.notes) or None
        rows = [list(r) for r in record.rows or []]
        header: list[str | None] = []
        normalized = [(cell, paper.normalize_with_markers(
            cell.value, {**location, "location": "table_cell", "row_no": cell.row_no, "col_no": cell.col_no},
            (record.order, 1, cell.row_no, cell.col_no), note_keys=keys)) for cell in record_cells]
        for cell, value in normalized:
            if cell.row_no == 0:
                header.append(value or None)
            elif cell.row_no < record.header_rows and value and value != header[cell.col_no - 1]:
                # a two-level header: the column's names joined (`预测类别 正常 (0)`)
                header[cell.col_no - 1] = f"{header[cell.col_no - 1] or ''} {value}".strip()
        for cell, value in normalized:
            if REPLACEMENT_CHARACTER in (cell.value or ""):  # a cell printed with glyphs that cannot be read
                paper.flag(FIELD_UNREADABLE.change(
                    f"table_cells of table {table_no}, row {cell.row_no}, column {cell.col_no}: printed with "
                    f"characters that cannot be read; the value holds what could be"))
            paper.rows["table_cells"].append({
                "doc_id": paper.doc_id, "table_no": table_no, "row_no": cell.row_no, "col_no": cell.col_no,
                "column_name": header[cell.col_no - 1] if cell.col_no <= len(header) else None,
                "value": value or None, "value_source": cell.value or None,
                "is_header": cell.row_no < record.header_rows, "filled_down": cell.filled_down,
            })
        for change in record.changes:  # joined parts, a doubted table, a caption without a body
            paper.flag(change)
        paper.rows["tables"].append({
            "doc_id": paper.doc_id, "table_no": table_no,
            "label": paper.normalize(record.label) if record.label else None,
            "caption": caption, "caption_source": record.caption_source,
            "caption_en": caption_en, "caption_en_source": record.caption_en_source,
            "note": note, "note_source": note_source,
            "n_rows": max(len(rows) - 1, 0), "n_cols": max((len(r) for r in rows), default=0),
            "page": record.page, "has_body": bool(rows), "section_no": record.section_no,
        })


def add_figures(paper: PaperBuilder, figures: list[Figure]) -> None:
    for figure_no, record in enumerate(figures, start=1):
        caption = paper.normalize_without_markers(record.caption) if record.caption else None
        paper.rows["figures"].append({
            "doc_id": paper.doc_id, "figure_no": figure_no, "label": paper.normalize(record.label),
            "caption": caption, "caption_source": "\n".join(record.caption_sources), "page": record.page,
            "section_no": record.section_no,
        })


_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def add_footnotes(paper: PaperBuilder, footnotes: list[Footnote], paragraphs: list[Paragraph] | None = None,
                  callouts: dict[int, frozenset[str]] | None = None) -> None:
    """The footnotes; a note marked with a raised number (`^[1]`) is linked to the first paragraph on its
    page whose call-out of that number `callouts` (`callouts_of`) holds, or else to the first paragraph on its
    page holding the number raised after no Latin letter or digit (`包¹`: a call-out the PDF reader wrote as
    the raised digit it is, `pdf.lines.raised_footnote_callouts`; `m¹` is an exponent)."""
    for footnote_no, note in enumerate(footnotes, start=1):
        paragraph_no = note.paragraph_no
        if paragraph_no is None and note.marker and note.page is not None:
            number = note.marker.strip().removeprefix("^[").removesuffix("]")
            on_page = [p for p in paragraphs or [] if p.page_start is not None and p.page_end is not None
                       and p.page_start <= note.page <= p.page_end]
            if callouts:
                paragraph_no = next((p.paragraph_no for p in on_page
                                     if number in callouts.get(p.paragraph_no, frozenset())
                                     and note.marker.strip() in p.text), None)
            if paragraph_no is None and number.isdigit():  # a call-out the PDF reader wrote raised (`包¹`)
                raised = re.compile(rf"(?<![A-Za-z0-9)\u2070-\u2079\u00b9\u00b2\u00b3]){number.translate(_RAISED)}"
                                    rf"(?![\u2070-\u2079\u00b9\u00b2\u00b3])")
                paragraph_no = next((p.paragraph_no for p in on_page if raised.search(p.text)), None)
        paper.rows["footnotes"].append({
            "doc_id": paper.doc_id, "footnote_no": footnote_no, "page": note.page, "marker": note.marker,
            "text": paper.normalize_without_markers(note.text) or note.text, "text_source": note.source,
            "paragraph_no": paragraph_no,
        })


def flag_field_remainders(paper: PaperBuilder, document: dict, placed: list[Block],
                          back_matter: list[tuple[str, int | None]]) -> None:
    """Lines read into front- and back-matter fields (titles, by-lines, abstracts, keywords, dates,
    funding and editor notes): the characters no field holds (labels like 摘要 and 基金项目,
    author marks, separators, postal codes, a date as printed) are a recorded removal
    (`front_matter_remainder`, `back_matter_remainder`), each with its page.

    A field printed whole in a line is taken out of it first; what is left is matched character
    by character against the fields not found whole (joined lines, spaces removed)."""
    values = [document.get(f.name) for f in DATASETS["documents"].fields if f.accounted]
    values += [row.get(f.name) for name in ("authors", "keywords") for row in paper.rows[name]
               for f in DATASETS[name].fields if f.accounted]
    unused = Counter(v.strip() for v in values if isinstance(v, str) and v.strip())
    lines = [(FRONT_MATTER_REMAINDER, text, b.page_start) for b in placed
             for text in ([b.text.strip()] if b.kind == "text" else [c for r in b.rows or [] for c in r])]
    lines += [(BACK_MATTER_REMAINDER, text, page) for text, page in back_matter]
    left = []
    for kind, text, page in lines:
        for value in sorted(unused, key=len, reverse=True):
            while unused[value] > 0 and value in text:
                text = text.replace(value, " ", 1)
                unused[value] -= 1
        left.append((kind, text, page))
    pool = Counter(u for value, n in unused.items() for u in units(value) * n)
    for kind, text, page in left:
        rest = remainder(text, pool)
        if rest:
            detail = ("the part of a front-matter line no field holds (its label, marks, separators, a date as "
                      "printed)" if kind is FRONT_MATTER_REMAINDER else
                      "the part of a funding or editor note its column does not hold (its label)")
            paper.flag(kind.change(detail, original=rest, page=page))


def flag_reference_heading(paper: PaperBuilder, heading: Block | None) -> None:
    if heading is not None:
        paper.flag(REFERENCE_LIST_HEADING.change("the heading of the reference list; its entries are in references",
                                                 original=heading.text, page=heading.page_start))


def remainder(line: str, pool: Counter) -> str:
    """The characters of `line` whose units are not in `pool` (those found are taken out of
    it), as printed, in line order."""
    out = []
    for char in line:
        folded = units(char)
        if not folded:
            continue
        if all(pool[u] > 0 for u in folded):
            pool.subtract(folded)
        else:
            out.append(char)
    return "".join(out)


def add_mentions(paper: PaperBuilder, figure_labels: set[str]) -> None:
    found = {("table", t["label"]) for t in paper.rows["tables"] if t["has_body"] and t["label"]}
    found |= {("figure", label) for label in figure_labels}
    for paragraph in paper.rows["paragraphs"]:
        for mention in find_mentions(paragraph["text"]):
            paper.rows["mentions"].append({
                "doc_id": paper.doc_id, "mention_no": len(paper.rows["mentions"]) + 1,
                "kind": mention["kind"], "label": mention["label"],
                "paragraph_no": paragraph["paragraph_no"],
                "target_found": (mention["kind"], mention["label"]) in found,
            })


def add_references(paper: PaperBuilder, references: list[dict]) -> None:
    """The parsed entries, their fields made Simplified (a Japanese or Korean entry keeps its own script)."""
    for ref in references:
        # work_id: set at publish (storage/works.py), where the corpus is assembled
        paper.rows["references"].append({**simplify_reference(ref, paper.conversion), "doc_id": paper.doc_id,
                                         "work_id": None})


def add_citations(paper: PaperBuilder, author_year_list: bool) -> None:
    cited, flags = paper.citations.resolve(paper.rows["references"], author_year_list)
    for citation_no, c in enumerate(cited, start=1):
        paper.rows["citations"].append({
            "doc_id": paper.doc_id, "citation_no": citation_no, "ref_no": c.ref_no,
            "location": c.location["location"], "paragraph_no": c.location.get("paragraph_no"),
            "table_no": c.location.get("table_no"), "row_no": c.location.get("row_no"),
            "col_no": c.location.get("col_no"), "char_offset": c.char_offset, "marker": c.marker,
            "resolved": c.resolved, "style": c.style,
        })
    for change, paragraph_no in flags:
        paper.flag(change, paragraph_no)


AUTHOR_TEXT_FIELDS = ("name_zh", "name_en", "affiliation", "position", "affiliation_en", "address", "bio")
DOCUMENT_TEXT_FIELDS = ("title_zh", "title_en", "abstract_zh", "abstract_en", "supervisor", "school", "major",
                        "degree")
FRONT_MATTER_CODES = ("clc", "document_code", "article_no", "doc_number", "received", "revised", "accepted", "date")


def add_front_matter(paper: PaperBuilder, front: FrontMatter) -> None:
    for author_no, author in enumerate(front.authors, start=1):
        row = {"doc_id": paper.doc_id, "author_no": author_no, "email": author.get("email")}
        for name in AUTHOR_TEXT_FIELDS:
            row[name], row[f"{name}_source"] = paper.normalize_field(author.get(name), prose=name == "bio",
                                                                     name=f"authors.{name}")
        paper.rows["authors"].append(row)
    for keyword, lang in front.keywords:
        if REPLACEMENT_CHARACTER in keyword:  # a keyword with characters that cannot be read: no keyword row
            paper.flag(FIELD_UNREADABLE.change("keywords: printed with characters that cannot be read; no row",
                                               original=keyword))
            continue
        normalized = paper.normalize_without_markers(keyword)
        if normalized.strip():  # a keyword that was only markers or damage is no keyword
            paper.rows["keywords"].append({
                "doc_id": paper.doc_id, "keyword_no": len(paper.rows["keywords"]) + 1,
                "keyword": normalized, "keyword_source": keyword, "lang": lang,
            })


def document_fields(paper: PaperBuilder, front: FrontMatter, back: dict, meta: dict, source_text: str) -> dict:
    """The documents row's fields that come from the paper's text (and the raw/ manifest).

    Every text field is normalized like a paragraph, with the text as decoded beside it (`*_source`).
    """
    fields: dict = {"script": detect_script(source_text), "script_config": paper.conversion}
    for name in DOCUMENT_TEXT_FIELDS:
        raw = getattr(front, name) or (meta.get("title") if name == "title_zh" else None)
        fields[name], fields[f"{name}_source"] = paper.normalize_field(raw, name=name)
    fields["degree_source"] = front.degree_printed  # `硕士学位论文` printed, `硕士` read from it
    fields["date_source"] = front.date_printed  # `中華民國一百一十四年一月` printed, 2025-01 read from it
    for name in ("funding", "funding_en", "editor"):
        fields[name], fields[f"{name}_source"] = paper.normalize_field(back.get(name), name=name)
    fields.update({name: getattr(front, name) for name in FRONT_MATTER_CODES})
    for name in ("received", "revised", "accepted"):
        fields[name] = fields[name] or back.get(name)
    missing = [name for name, found in (("title_zh", fields["title_zh"]), ("authors", paper.rows["authors"]),
                                         ("abstract_zh", fields["abstract_zh"]),
                                         ("keywords", [k for k in paper.rows["keywords"] if k["lang"] == "zh"]))
               if not found]
    for name in missing:
        paper.flag(FRONT_MATTER_MISSING.change(f"{name}: not found in the paper"))
    fields.update({
        "doi": front.doi,
        "issn": front.issn,
        "year": front.year or meta.get("year"),
        "grant_no": back.get("grant_no"),
        "journal": meta.get("journal"),
        "source_url": meta.get("source_url"),
        "n_chars": sum(len(p["text"]) for p in paper.rows["paragraphs"]),
    })
    return fields
