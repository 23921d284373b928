"""Structure -> rows: every text field normalized, citation markers taken out and
resolved, every change recorded as a quality flag, in the order the pipeline made it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .accounting import units
from .citations import extract_citation_markers
from .citations.author_year import find_author_year, first_author_key, resolve
from .flags import (
    BACK_MATTER_REMAINDER,
    CITATION_MARKER_DROPPED,
    CITATION_MARKER_SUSPECT,
    CITATION_UNRESOLVED,
    FRONT_MATTER_KEPT,
    FRONT_MATTER_MISSING,
    FRONT_MATTER_REMAINDER,
    REFERENCE_LIST_HEADING,
    REFERENCE_LIST_UNNUMBERED,
    REFERENCE_NEVER_CITED,
    TABLE_CONTINUED,
    TABLE_DOUBTFUL,
    TABLE_WITHOUT_BODY,
)
from .model import Block, Change
from .normalize import DEFAULT_CONVERSION, detect_script, normalize_text, to_simplified
from .references import DEFAULT_SETTINGS as REFERENCE_SETTINGS
from .references import LIST_FIELDS, ReferenceSettings, read_reference_list, running_lines
from .schema import DATASETS
from .structure.body import FigureRecord, TableRecord
from .structure.captions import find_mentions, parse_caption
from .structure.front_matter import FrontMatter
from .structure.headings import Heading, build_section_rows
from .structure.paragraphs import Piece, merge_pieces
from .tables import table_cells
from .text import FOOTNOTE_MARK, join_prose_lines

CHILD_DATASETS = ("authors", "keywords", "sections", "paragraphs", "tables", "table_cells",
                  "references", "citations", "mentions", "footnotes", "figures", "quality_flags")
SCRIPT_FIELDS_OF_REFERENCE = ("title", "container", "place", "publisher", "edition")


class PaperBuilder:
    """Collects one paper's rows while its parts are added in reading order."""

    def __init__(self, doc_id: str, conversion: str = DEFAULT_CONVERSION):
        self.doc_id = doc_id
        self.conversion = conversion  # the OpenCC config of the paper's region (normalize.region_conversion)
        self.rows: dict[str, list[dict]] = {name: [] for name in CHILD_DATASETS}
        self.markers: list[dict] = []  # citation markers before resolution
        self.cited_texts: list[tuple[dict, tuple, str]] = []  # (location, order, text): where citations may stand
        self.author_year_list = False  # the reference list numbers none of its entries

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

    def normalize_field(self, raw: str | None, prose: bool = False) -> tuple[str | None, str | None]:
        """(normalized, as decoded) for a text field outside the body: normalized like a paragraph, markers
        dropped. A `prose` field printed over several lines (a biography) is normalized as one running text;
        its source keeps the line breaks as printed."""
        if raw is None or not raw.strip():
            return None, None
        return self.normalize_without_markers(join_prose_lines(raw) if prose else raw) or None, raw

    def normalize_without_markers(self, raw: str) -> str:
        """Normalize text that has nowhere to cite from (titles, abstract, keywords, funding): markers are dropped."""
        text, markers = extract_citation_markers(self.normalize(raw))
        if markers:
            self.flag(CITATION_MARKER_DROPPED.change(
                "a citation marker outside the body text (a title, the abstract, a keyword, funding) "
                "was removed and not cited", original=" ".join(m["marker"] for m in markers)))
        return text

    def normalize_with_markers(self, raw: str, location: dict, order: tuple,
                               paragraph_no: int | None = None) -> str:
        """Normalize, then take the citation markers out; `order` places them in reading order."""
        text, markers = extract_citation_markers(self.normalize(raw, paragraph_no))
        for marker in markers:
            if marker.get("suspect"):
                self.flag(CITATION_MARKER_SUSPECT.change(
                    "the marker holds 0 (cites nothing) or a range that runs backwards or spans "
                    "50 or more references (only its end points are cited)",
                    original=marker["marker"]), paragraph_no)
            for ref_no in marker["ref_nos"]:
                self.markers.append({**location, "ref_no": ref_no, "marker": marker["marker"],
                                     "char_offset": marker["char_offset"],
                                     "order": (*order, marker["char_offset"]), "style": "numeric"})
        self.cited_texts.append((location, order, text))  # read for author-year citations when no marker is numeric
        return text


def add_sections(paper: PaperBuilder, headings: list[Heading]) -> None:
    section_rows, section_changes = build_section_rows(headings)
    for change in section_changes:
        paper.flag(change)
    for row, heading in zip(section_rows, headings):
        paper.rows["sections"].append({
            "doc_id": paper.doc_id, "section_no": row["section_no"],
            "parent_section_no": row["parent_section_no"], "level": row["level"],
            "label": row["label"], "title": paper.normalize_without_markers(heading.title),
            "title_source": heading.title, "part": heading.part, "label_source": heading.label_source or None,
            "page": heading.page,
        })


def add_paragraphs(paper: PaperBuilder, pieces: list[Piece]) -> None:
    paragraphs, joins = merge_pieces(pieces)
    for change, paragraph_no in joins:
        paper.flag(change, paragraph_no)
    for paragraph_no, piece in enumerate(paragraphs, start=1):
        if piece.part == "front":
            paper.flag(FRONT_MATTER_KEPT.change(
                "a front-matter line no field took was kept as a paragraph", original=piece.text), paragraph_no)
        text = paper.normalize_with_markers(piece.text, {"location": "paragraph", "paragraph_no": paragraph_no},
                                            (piece.order, 0, 0, 0), paragraph_no)
        paper.rows["paragraphs"].append({
            "doc_id": paper.doc_id, "paragraph_no": paragraph_no, "section_no": piece.section_no,
            "text": text, "text_source": piece.text,
            "page_start": piece.page_start, "page_end": piece.page_end, "part": piece.part,
        })


def add_tables(paper: PaperBuilder, tables: list[TableRecord]) -> None:
    for table_no, record in enumerate(tables, start=1):
        location = {"table_no": table_no}
        caption = None
        parsed = parse_caption(record.caption_source) if record.caption_source else None
        if parsed and parsed[2]:
            caption = paper.normalize_with_markers(parsed[2], {**location, "location": "caption"},
                                                   (record.order, 0, 0, 0))
        parsed_en = parse_caption(record.caption_en_source) if record.caption_en_source else None
        caption_en = paper.normalize_with_markers(parsed_en[2], {**location, "location": "caption"},
                                                  (record.order, 0, 1, 0)) if parsed_en and parsed_en[2] else None
        note = "\n".join(paper.normalize_with_markers(n, {**location, "location": "note"}, (record.order, 2, i, 0))
                         for i, n in enumerate(record.notes)) or None
        note_source = "\n".join(record.notes) or None
        rows = record.rows or []
        header: list[str | None] = []
        cells = [(cell, paper.normalize_with_markers(
            cell.value, {**location, "location": "table_cell", "row_no": cell.row_no, "col_no": cell.col_no},
            (record.order, 1, cell.row_no, cell.col_no))) for cell in table_cells(rows, record.header_rows)]
        for cell, value in cells:
            if cell.row_no == 0:
                header.append(value or None)
            elif cell.row_no < record.header_rows and value and value != header[cell.col_no - 1]:
                # a two-level header: the column's names joined (`预测类别 正常 (0)`)
                header[cell.col_no - 1] = f"{header[cell.col_no - 1] or ''} {value}".strip()
        for cell, value in cells:
            paper.rows["table_cells"].append({
                "doc_id": paper.doc_id, "table_no": table_no, "row_no": cell.row_no, "col_no": cell.col_no,
                "column_name": header[cell.col_no - 1] if cell.col_no <= len(header) else None,
                "value": value or None, "value_source": cell.value or None,
                "is_header": cell.row_no < record.header_rows, "filled_down": cell.filled_down,
            })
        for page in record.joined:
            paper.flag(TABLE_CONTINUED.change(
                f"{record.label or f'table {table_no}'} continues on page {page}: its part there joined", page=page))
        if rows and record.caption_source is None and record.evidence in ("rules", "aligned"):
            paper.flag(TABLE_DOUBTFUL.change(
                f"table {table_no} (page {record.page}): no caption, found from "
                f"{'horizontal rules' if record.evidence == 'rules' else 'aligned columns'} only, "
                f"{len(rows)} rows x {max(len(r) for r in rows)} columns", page=record.page))
        if not rows:
            paper.flag(TABLE_WITHOUT_BODY.change(
                f"{record.label or 'a table'}: caption or note present, table body absent from the source",
                original=record.caption_source or "\n".join(record.notes)))
        paper.rows["tables"].append({
            "doc_id": paper.doc_id, "table_no": table_no,
            "label": paper.normalize(record.label) if record.label else None,
            "caption": caption, "caption_source": record.caption_source,
            "caption_en": caption_en, "caption_en_source": record.caption_en_source,
            "note": note, "note_source": note_source,
            "n_rows": max(len(rows) - 1, 0), "n_cols": max((len(r) for r in rows), default=0),
            "page": record.page, "has_body": bool(rows), "section_no": record.section_no,
        })


def add_figures(paper: PaperBuilder, figures: list[FigureRecord]) -> None:
    for figure_no, record in enumerate(figures, start=1):
        parsed = parse_caption(record.caption_sources[0])
        caption = paper.normalize_without_markers(parsed[2]) if parsed and parsed[2] else None
        paper.rows["figures"].append({
            "doc_id": paper.doc_id, "figure_no": figure_no, "label": paper.normalize(record.label),
            "caption": caption, "caption_source": "\n".join(record.caption_sources), "page": record.page,
            "section_no": record.section_no,
        })


def add_footnotes(paper: PaperBuilder, blocks: list[Block]) -> None:
    """Footnote blocks (PDF footnotes, notes under a `注释` heading) -> footnotes rows; the call-out is looked
    for in the paragraphs of its page (text input: the first paragraph calling it that no note took yet)."""
    for footnote_no, block in enumerate(blocks, start=1):
        source = block.text.strip()
        mark = FOOTNOTE_MARK.match(source)
        marker = mark.group().strip() if mark else None
        body = source[mark.end():].strip() if mark else source
        text = paper.normalize_without_markers(body) or body
        paragraph_no = None
        if marker and not marker.startswith("^"):
            if block.page_start is not None:  # PDF: a paragraph on the note's page
                calling = [p for p in paper.rows["paragraphs"] if p["page_start"] is not None
                           and p["page_start"] <= block.page_start <= p["page_end"]]
            else:  # text input: the first paragraph calling it that no note of this mark took yet
                taken = {f["paragraph_no"] for f in paper.rows["footnotes"] if f["marker"] == marker}
                calling = [p for p in paper.rows["paragraphs"] if p["paragraph_no"] not in taken]
            paragraph_no = next((p["paragraph_no"] for p in calling if marker in p["text_source"]), None)
        paper.rows["footnotes"].append({
            "doc_id": paper.doc_id, "footnote_no": footnote_no, "page": block.page_start, "marker": marker,
            "text": text, "text_source": source, "paragraph_no": paragraph_no,
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


def add_references(paper: PaperBuilder, ref_blocks: list[Block], earlier_lines: Sequence[str] = (),
                   settings: ReferenceSettings = REFERENCE_SETTINGS) -> list[Block]:
    """The reference list; `earlier_lines` (the text before it) tell running headers from entry text.

    Returns the blocks at the end of `ref_blocks` that hold no entry text (text after the last
    entry): the caller reads them as back matter.
    """
    # a table the reader found inside the list is read cell by cell: no entry text is dropped
    owners: list[int] = []
    lines: list[str] = []
    for index, block in enumerate(ref_blocks):
        texts = [block.text] if block.kind == "text" else [c for row in block.rows or [] for c in row]
        lines += texts
        owners += [index] * len(texts)
    running = running_lines(earlier_lines, settings)
    references, changes, after = read_reference_list(lines, settings, running_lines=running)
    for change in changes:
        paper.flag(change)
    paper.author_year_list = any(c.kind == REFERENCE_LIST_UNNUMBERED.name for c in changes)
    for ref in references:
        # parsed as written; script made Simplified, but a Japanese or Korean entry keeps its own
        for key in SCRIPT_FIELDS_OF_REFERENCE:
            ref[key] = (to_simplified(ref[key], context=ref["raw"], conversion=paper.conversion)
                        if ref.get(key) else ref.get(key))
        for key in LIST_FIELDS:
            ref[key] = [to_simplified(name, context=ref["raw"], conversion=paper.conversion) for name in ref[key]]
        paper.rows["references"].append({**ref, "doc_id": paper.doc_id})
    return ref_blocks[_first_block_after(lines, owners, after):]


def _first_block_after(lines: list[str], owners: list[int], after: list[str]) -> int:
    """Index of the first block of those at the end that hold only `after`, the list's trailing lines."""
    n_blocks = owners[-1] + 1 if owners else 0
    tail = [line.strip() for line in after]
    position = len(lines)
    while tail and position > 0:  # match the trailing lines from the end
        position -= 1
        text = lines[position].strip()
        if text and text != tail.pop():
            return n_blocks  # not the lines at the end (should not happen): nothing is moved
    if tail:
        return n_blocks
    first = owners[position] if position < len(owners) else n_blocks
    if any(owners[p] == first for p in range(position)):  # a block with entry text too stays in the list
        first += 1
    return first


def resolve_author_year(paper: PaperBuilder) -> None:
    """A paper without numeric markers cites by author and year: each citation that names exactly one
    reference becomes a marker (kept in the text); with an author-year list, a parenthesized one that names
    none is flagged."""
    if paper.markers or not paper.rows["references"]:
        return
    by_no = {r["ref_no"]: r for r in paper.rows["references"]}
    for location, order, text in paper.cited_texts:
        for k, cite in enumerate(find_author_year(text)):  # in printed order, also within one parenthesis
            ref_no = resolve(cite, paper.rows["references"])
            if ref_no is None:
                if cite.parenthetical and paper.author_year_list:
                    paper.flag(CITATION_UNRESOLVED.change(
                        f"{cite.marker} names {cite.name} {cite.year}{cite.letter}: no single reference of the "
                        f"list has that first author and year", original=cite.marker), location.get("paragraph_no"))
                continue
            marker, offset = cite.marker, cite.char_offset
            if cite.han and not cite.parenthetical:  # the name's first character was not known: start at it
                trim = max(0, cite.name.rfind(first_author_key(by_no[ref_no]["authors"]) or cite.name))
                marker, offset = marker[trim:], offset + trim
            paper.markers.append({**location, "ref_no": ref_no, "marker": marker, "char_offset": offset,
                                  "order": (*order, offset, k), "style": "author_year"})


def add_citations(paper: PaperBuilder) -> None:
    resolve_author_year(paper)
    known = {r["ref_no"] for r in paper.rows["references"]}
    cited: set[int] = set()
    for citation_no, marker in enumerate(sorted(paper.markers, key=lambda m: m["order"]), start=1):
        resolved = marker["ref_no"] in known
        cited.add(marker["ref_no"])
        paper.rows["citations"].append({
            "doc_id": paper.doc_id, "citation_no": citation_no, "ref_no": marker["ref_no"],
            "location": marker["location"], "paragraph_no": marker.get("paragraph_no"),
            "table_no": marker.get("table_no"), "row_no": marker.get("row_no"), "col_no": marker.get("col_no"),
            "char_offset": marker["char_offset"], "marker": marker["marker"], "resolved": resolved,
            "style": marker["style"],
        })
        if not resolved:
            paper.flag(CITATION_UNRESOLVED.change(
                f"marker {marker['marker']} cites [{marker['ref_no']}], which is not in the reference list",
                original=marker["marker"]), marker.get("paragraph_no"))
    for ref_no in sorted(known - cited):
        paper.flag(REFERENCE_NEVER_CITED.change(f"reference [{ref_no}] is never cited in the text"))


AUTHOR_TEXT_FIELDS = ("name_zh", "name_en", "affiliation", "position", "affiliation_en", "address", "bio")
DOCUMENT_TEXT_FIELDS = ("title_zh", "title_en", "abstract_zh", "abstract_en", "supervisor", "school", "major",
                        "degree")
FRONT_MATTER_CODES = ("clc", "document_code", "article_no", "doc_number", "received", "revised", "accepted", "date")


def add_front_matter(paper: PaperBuilder, front: FrontMatter) -> None:
    for author_no, author in enumerate(front.authors, start=1):
        row = {"doc_id": paper.doc_id, "author_no": author_no, "email": author.get("email")}
        for name in AUTHOR_TEXT_FIELDS:
            row[name], row[f"{name}_source"] = paper.normalize_field(author.get(name), prose=name == "bio")
        paper.rows["authors"].append(row)
    for keyword, lang in front.keywords:
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
        fields[name], fields[f"{name}_source"] = paper.normalize_field(raw)
    fields["degree_source"] = front.degree_printed  # `硕士学位论文` printed, `硕士` read from it
    for name in ("funding", "funding_en", "editor"):
        fields[name], fields[f"{name}_source"] = paper.normalize_field(back.get(name))
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
        "doi": front.doi or back.get("doi"),
        "issn": front.issn,
        "year": front.year or meta.get("year"),
        "grant_no": back.get("grant_no"),
        "journal": meta.get("journal"),
        "source_url": meta.get("source_url"),
        "n_chars": sum(len(p["text"]) for p in paper.rows["paragraphs"]),
    })
    return fields
