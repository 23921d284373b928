"""The datasets of SPEC.md (and the footnotes and figures beside them) and their foreign keys,
declared once.

Every column is declared here with its type, nullability, allowed values and
description, and every dataset with its key and foreign keys (allowed values of
`source_format` are the input formats declared here, which the readers of `formats.py` register
against; of `quality_flags.kind` from `flags.py`;
adding a column is one `_f(...)` line). The Arrow schemas written to Parquet, the checks that guard every
write (see `checks.py`) and the data dictionary (`docs/datasets.md`,
`papers schema`) are all generated from this one declaration.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .flags import FLAG_KINDS, SEVERITIES, STAGES

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

SCHEMA_VERSION = "1.3.0"


@functools.cache
def types() -> dict[str, tuple[pa.DataType, object]]:
    """logical type -> (Arrow type, pandas dtype). pandas and pyarrow are imported on first need: reading a
    paper (`process_paper`) needs the datasets' columns, not their frames (0.35 CPU-s of imports spared)."""
    import pandas as pd
    import pyarrow as pa

    return {
        "string": (pa.string(), pd.StringDtype()),
        "int": (pa.int64(), pd.Int64Dtype()),
        "float": (pa.float64(), pd.Float64Dtype()),
        "bool": (pa.bool_(), pd.BooleanDtype()),
        "timestamp": (pa.timestamp("us", tz="UTC"), pd.DatetimeTZDtype("us", "UTC")),
        "string_list": (pa.list_(pa.string()), object),
    }



@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    nullable: bool = True
    enum: tuple[str, ...] | None = None
    normalized_text: bool = False  # subject to the text invariants (no U+FFFD, pinyin, ^[n])
    accounted: bool = False  # holds input text: counted by the character accounting (accounting.py)

    @property
    def arrow_type(self) -> pa.DataType:
        return types()[self.type][0]

    @property
    def pandas_dtype(self) -> object:
        return types()[self.type][1]


@dataclass(frozen=True)
class ForeignKey:
    """Every row's (non-null) `columns` name a row of `parent` by its `parent_columns`."""

    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]
    only_where: str | None = None  # a bool column: only the rows where it is true must resolve

    def __str__(self) -> str:
        where = f", where {self.only_where}" if self.only_where else ""
        return f"({', '.join(self.columns)}) -> {self.parent} ({', '.join(self.parent_columns)}){where}"


def _references(parent: str, column: str, parent_column: str | None = None,
                only_where: str | None = None) -> ForeignKey:
    """A key within one paper: (doc_id, column) -> parent (doc_id, parent_column)."""
    return ForeignKey(("doc_id", column), parent, ("doc_id", parent_column or column), only_where)


IN_DOCUMENTS = ForeignKey(("doc_id",), "documents", ("doc_id",))


@dataclass(frozen=True)
class Dataset:
    name: str
    row: str  # one row per ...
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    foreign_keys: tuple[ForeignKey, ...] = (IN_DOCUMENTS,)  # every row's doc_id exists in documents

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def arrow_schema(self) -> pa.Schema:
        return _arrow_schema(self)

    def _build_arrow_schema(self) -> pa.Schema:
        import pyarrow as pa

        fields = [
            pa.field(f.name, f.arrow_type, nullable=f.nullable,
                     metadata={"description": f.description})
            for f in self.fields
        ]
        return pa.schema(fields, metadata={
            "schema_version": SCHEMA_VERSION,
            "dataset": self.name,
            "primary_key": json.dumps(list(self.key)),
            "description": f"One row per {self.row}.",
        })

    def empty_frame(self) -> pd.DataFrame:
        return _empty_frame(self).copy()  # a copy: the caller may fill it

    def _build_empty_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame({f.name: pd.Series([], dtype=f.pandas_dtype) for f in self.fields})


# built once per dataset (a paper's rows are conformed, staged and written per dataset: hundreds of calls a run)
@functools.cache
def _arrow_schema(ds: Dataset) -> pa.Schema:
    return ds._build_arrow_schema()


@functools.cache
def _empty_frame(ds: Dataset) -> pd.DataFrame:
    return ds._build_empty_frame()


def _f(name, type_, description, nullable=True, enum=None, normalized_text=False, accounted=False) -> Field:
    return Field(name, type_, description, nullable, tuple(enum) if enum else None, normalized_text, accounted)


@dataclass(frozen=True)
class InputFormat:
    """A kind of file in raw/ that is a paper: metadata only (the reader for it is registered in formats.py)."""

    name: str  # the value of documents.source_format
    suffix: str  # file name suffix in raw/, lower case
    description: str


INPUT_FORMATS: tuple[InputFormat, ...] = (
    InputFormat("txt", ".txt", "text; UTF-8 (with or without BOM), GB18030/GBK, Big5, UTF-16/32 with BOM: "
                "detected, never assumed"),
    InputFormat("pdf", ".pdf", "text-layer PDF (no OCR)"),
)
SUPPORTED_SUFFIXES = tuple(f.suffix for f in INPUT_FORMATS)
EXPECTED = "expected " + " or ".join(SUPPORTED_SUFFIXES)


def input_format(path: Path) -> InputFormat | None:
    """The format a file's suffix declares (case does not matter), or None."""
    suffix = Path(path).suffix.lower()
    return next((f for f in INPUT_FORMATS if f.suffix == suffix), None)


def unsupported_type(path: Path) -> str:
    """The one-line reason a file is not a paper the pipeline reads."""
    return f"unsupported file type {Path(path).suffix.lower() or '(none)'}: {EXPECTED}"


PARTS = ("front", "body", "back")  # where a heading or paragraph stands: before the body, in it, after the references
DOC_ID = _f("doc_id", "string", "Paper id: the source file name without extension.", nullable=False)

DATASETS: dict[str, Dataset] = {d.name: d for d in [
    Dataset("documents", "paper", ("doc_id",), (
        DOC_ID,
        _f("source_file", "string", "Source file name inside raw/.", nullable=False),
        _f("source_sha256", "string", "SHA-256 of the source file's bytes.", nullable=False),
        _f("source_format", "string", "Input format (see Input formats below).", nullable=False,
           enum=tuple(f.name for f in INPUT_FORMATS)),
        _f("source_encoding", "string", "Encoding detected for text input (utf-8, utf-8-sig, gb18030, big5, utf-16, utf-32; "
           "utf-16-le (no BOM) or utf-16-be (no BOM) for UTF-16 saved without its mark); null for PDF."),
        _f("n_pages", "int", "Pages in the PDF; null for text input."),
        _f("script", "string", "Script of the source text: simplified, traditional or mixed (share of script-specific Han characters).", nullable=False, enum=("simplified", "traditional", "mixed")),
        _f("script_config", "string", "OpenCC config that converted the text to Simplified, chosen by the paper's region where it can be told: tw2s (Taiwan), hk2s (Hong Kong), else t2s (variant characters and printed signs of the region, normalize.script.region_conversion).", nullable=False, enum=("t2s", "tw2s", "hk2s")),
        _f("title_zh", "string", "Chinese title, normalized (or from the raw/ manifest).", normalized_text=True),
        _f("title_zh_source", "string", "Chinese title as decoded from the source (footnote mark removed).", accounted=True),
        _f("title_en", "string", "English title, normalized.", normalized_text=True),
        _f("title_en_source", "string", "English title as decoded from the source.", accounted=True),
        _f("abstract_zh", "string", "Chinese abstract, normalized.", normalized_text=True),
        _f("abstract_zh_source", "string", "Chinese abstract as decoded from the source, lines rejoined.", accounted=True),
        _f("abstract_en", "string", "English abstract, normalized.", normalized_text=True),
        _f("abstract_en_source", "string", "English abstract as decoded from the source, lines rejoined.", accounted=True),
        _f("doi", "string", "The paper's own DOI as printed in its front matter (never one of its references' "
           "or one further in the text; a DOI cut at a line's end joined), without a doi: prefix.", accounted=True),
        _f("issn", "string", "ISSN, from the DOI (j.issn.NNNN-NNNN) or an ISSN line."),
        _f("year", "int", "Publication year, from the DOI or the manifest."),
        _f("funding", "string", "Funding note (基金项目, 本文系…资助, a first-page funding footnote) without its "
           "label, normalized.", normalized_text=True),
        _f("funding_source", "string", "Funding note as decoded from the source.", accounted=True),
        _f("funding_en", "string", "English funding note (Supported by …, Foundation item), normalized.",
           normalized_text=True),
        _f("funding_en_source", "string", "English funding note as decoded from the source.", accounted=True),
        _f("grant_no", "string", "Grant number(s) found in the funding notes, ';'-separated."),
        _f("editor", "string", "Responsible editor (责任编辑), normalized.", normalized_text=True),
        _f("editor_source", "string", "Responsible editor as decoded from the source.", accounted=True),
        _f("clc", "string", "Chinese Library Classification number (中图分类号) as printed: F299.2.", accounted=True),
        _f("document_code", "string", "Document code (文献标志码 / 文献标识码) as printed: A.", accounted=True),
        _f("article_no", "string", "Article number (文章编号) as printed.", accounted=True),
        _f("doc_number", "string", "An official document's number (发文字号) as printed: 国发〔2016〕43号.",
           accounted=True),
        _f("received", "string", "Date received (收稿日期, 本文…收到), ISO."),
        _f("revised", "string", "Date revised (修回日期, 收到修改稿), ISO."),
        _f("accepted", "string", "Date accepted (录用日期), ISO."),
        _f("supervisor", "string", "Thesis supervisor (指导教师, 导师) from the cover, normalized.",
           normalized_text=True),
        _f("supervisor_source", "string", "Thesis supervisor as decoded from the source.", accounted=True),
        _f("school", "string", "Thesis school or department (学院, 培养单位) from the cover, normalized.",
           normalized_text=True),
        _f("school_source", "string", "Thesis school as decoded from the source.", accounted=True),
        _f("major", "string", "Thesis major or discipline (专业, 学科) from the cover, normalized.", normalized_text=True),
        _f("major_source", "string", "Thesis major as decoded from the source.", accounted=True),
        _f("degree", "string", "Degree a thesis is for: as its cover names it (申请学位), or from its document-type "
           "line (硕士学位论文 -> 硕士, 本科生毕业设计 -> 学士); normalized.", normalized_text=True),
        _f("degree_source", "string", "The degree field or the document-type line as printed (硕士学位论文).", accounted=True),
        _f("date", "string", "Date the paper gives itself: a thesis cover's date (答辩日期, the date line), an "
           "official document's date (成文日期), ISO (years of the Republic of China + 1911)."),
        _f("date_source", "string", "That date as printed: 二〇二三年五月, 中華民國一百一十四年一月, 2023 年 5 月.",
           accounted=True),
        _f("journal", "string", "Journal, from the raw/ manifest."),
        _f("source_url", "string", "Where the paper came from, from the raw/ manifest."),
        _f("n_chars", "int", "Characters of normalized body text (paragraphs).", nullable=False),
        _f("n_chars_input", "int", "Characters of the source (PDF: glyphs after duplicate removal; text: decoded "
           "text), whitespace excluded, as the character accounting counts them.", nullable=False),
        _f("n_chars_output", "int", "Of n_chars_input, characters found in the paper's output rows.", nullable=False),
        _f("n_chars_removed", "int", "Of n_chars_input, characters found in recorded removals (quality flags of a "
           "removal kind: running headers, page numbers, table-of-contents lines...).", nullable=False),
        _f("coverage", "float", "(n_chars_output + n_chars_removed) / n_chars_input; below 0.99 the paper has a "
           "coverage_low warning naming the pages.", nullable=False),
        _f("pipeline_version", "string", "Version of the pipeline that produced the rows.", nullable=False),
    ), foreign_keys=()),
    Dataset("authors", "author of a paper", ("doc_id", "author_no"), (
        DOC_ID,
        _f("author_no", "int", "Position in the by-line, from 1.", nullable=False),
        _f("name_zh", "string", "Name in Chinese characters, normalized (Simplified).", normalized_text=True),
        _f("name_zh_source", "string", "Name in Chinese characters as decoded from the source.", accounted=True),
        _f("name_en", "string", "Name in Latin letters, normalized.", normalized_text=True),
        _f("name_en_source", "string", "Name in Latin letters as printed.", accounted=True),
        _f("affiliation", "string", "Institution(s), without position, city and postcode, '；'-separated; "
           "normalized. A thesis author's is the cover's school.", normalized_text=True),
        _f("affiliation_source", "string", "Affiliation as decoded from the source.", accounted=True),
        _f("position", "string", "Position or degree (教授, 研究员, 博士研究生...), normalized.", normalized_text=True),
        _f("position_source", "string", "Position as decoded from the source.", accounted=True),
        _f("affiliation_en", "string", "Institution(s) in English, without city and postcode, '; '-separated; "
           "normalized.", normalized_text=True),
        _f("affiliation_en_source", "string", "English affiliation as decoded from the source.", accounted=True),
        _f("address", "string", "City and postcode printed after the institution (武汉 430079), normalized.",
           normalized_text=True),
        _f("address_source", "string", "Address as decoded from the source.", accounted=True),
        _f("email", "string", "E-mail address printed for the author.", accounted=True),
        _f("bio", "string", "Biography (作者简介, or the biography after the references), lines joined by a "
           "newline; normalized.", normalized_text=True),
        _f("bio_source", "string", "Biography as decoded from the source.", accounted=True),
    )),
    Dataset("keywords", "keyword", ("doc_id", "keyword_no"), (
        DOC_ID,
        _f("keyword_no", "int", "Order in the paper, from 1 (Chinese first, then English).", nullable=False),
        _f("keyword", "string", "Keyword, normalized.", nullable=False, normalized_text=True),
        _f("keyword_source", "string", "Keyword as decoded from the source.", nullable=False, accounted=True),
        _f("lang", "string", "zh or en.", nullable=False, enum=("zh", "en")),
    )),
    Dataset("sections", "heading", ("doc_id", "section_no"), (
        DOC_ID,
        _f("section_no", "int", "Heading number in document order, from 1.", nullable=False),
        _f("parent_section_no", "int", "section_no of the enclosing heading; null at level 1."),
        _f("level", "int", "Depth from 1, by the order numbering styles first appear.", nullable=False),
        _f("label", "string", "The number as written without punctuation: 一, 二, 1, 1.1, A (附录A); null for a "
           "heading printed without one (致谢, 附录, 结论)."),
        _f("title", "string", "Heading text, normalized.", nullable=False, normalized_text=True),
        _f("title_source", "string", "Heading text as decoded from the source.", nullable=False, accounted=True),
        _f("part", "string", "front, body, or back (after the reference list: appendices, acknowledgements).",
           nullable=False, enum=PARTS),
        _f("label_source", "string", "The heading's number as printed, punctuation included (§1., 第一章, （二）).",
           accounted=True),
        _f("page", "int", "PDF page the heading is printed on; null for text input."),
    ), (IN_DOCUMENTS, _references("sections", "parent_section_no", "section_no"))),
    Dataset("paragraphs", "body paragraph", ("doc_id", "paragraph_no"), (
        DOC_ID,
        _f("paragraph_no", "int", "Reading order, from 1.", nullable=False),
        _f("section_no", "int", "Section the paragraph belongs to; null before the first heading."),
        _f("text", "string", "Normalized text, citation markers removed.", nullable=False, normalized_text=True),
        _f("text_source", "string", "Text as decoded from the source, lines rejoined.", nullable=False, accounted=True),
        _f("page_start", "int", "PDF page the paragraph starts on; null for text input."),
        _f("page_end", "int", "PDF page the paragraph ends on; null for text input."),
        _f("part", "string", "front (a front-matter line no field took: a masthead, a declaration), body, or "
           "back (after the reference list: appendices, acknowledgements).", nullable=False, enum=PARTS),
    ), (IN_DOCUMENTS, _references("sections", "section_no"))),
    Dataset("tables", "table", ("doc_id", "table_no"), (
        DOC_ID,
        _f("table_no", "int", "Order in the paper, from 1.", nullable=False),
        _f("label", "string", "Label as printed, normalized (表1)."),
        _f("caption", "string", "Caption without its label, normalized.", normalized_text=True),
        _f("caption_source", "string", "Caption line as decoded from the source.", accounted=True),
        _f("caption_en", "string", "The caption printed again in English (`Table 2 ...`), without its label, "
           "normalized; null when the table has no English caption.", normalized_text=True),
        _f("caption_en_source", "string", "The English caption line as decoded from the source.", accounted=True),
        _f("note", "string", "Notes and sources printed under the table (资料来源, 注, and notes keyed by marks in its "
           "cells: `¹ D-FCFS: …` under `D-FCFS¹`, `** p<0.05`), one per line, normalized; a raised note number "
           "is written raised (`¹`), in the note and in the cells, and cites nothing.", normalized_text=True),
        _f("note_source", "string", "The notes as decoded from the source, one per line.", accounted=True),
        _f("n_rows", "int", "Data rows (header excluded).", nullable=False),
        _f("n_cols", "int", "Columns.", nullable=False),
        _f("page", "int", "PDF page the table starts on; null for text input."),
        _f("has_body", "bool", "False when only the caption or note of the table is in the source.", nullable=False),
        _f("section_no", "int", "Section the table stands in."),
    ), (IN_DOCUMENTS, _references("sections", "section_no"))),
    Dataset("table_cells", "cell, header row included", ("doc_id", "table_no", "row_no", "col_no"), (
        DOC_ID,
        _f("table_no", "int", "Table the cell belongs to.", nullable=False),
        _f("row_no", "int", "0 for the header row, data rows from 1.", nullable=False),
        _f("col_no", "int", "Column, from 1.", nullable=False),
        _f("column_name", "string", "Header cell of the column, normalized."),
        _f("value", "string", "Cell text, normalized, citation markers removed.", normalized_text=True),
        _f("value_source", "string", "Cell text as decoded from the source.", accounted=True),
        _f("is_header", "bool", "True on the header rows: row 0, and row 1 too under a two-level header.", nullable=False),
        _f("filled_down", "bool", "True where the source cell was empty because it belongs to the merged cell above, and the value was carried down.", nullable=False),
    ), (IN_DOCUMENTS, _references("tables", "table_no"))),
    Dataset("references", "reference-list entry", ("doc_id", "ref_no"), (
        DOC_ID,
        _f("ref_no", "int", "The entry's number as printed ([n]), else its position.", nullable=False),
        _f("raw", "string", "The entry as written, lines rejoined.", nullable=False, accounted=True),
        _f("authors", "string_list", "Authors as written: Chinese names, Western 'Surname Given', corporate authors; 等 / et al. left out."),
        _f("title", "string", "Title proper."),
        _f("type_code", "string", "Type code as written: J, M, N, EB/OL ...; null when the entry prints none."),
        _f("doc_type", "string", "Document type: the type code's part before '/', or the type read from the entry's shape (type_inferred)."),
        _f("carrier", "string", "Carrier: OL, CD, DK, MT; null for print."),
        _f("container", "string", "Journal, newspaper or collection the item appears in; for a volume with its own title, the multi-volume work."),
        _f("place", "string", "Place of publication."),
        _f("publisher", "string", "Publisher, university or issuing body."),
        _f("year", "int", "Year of publication."),
        _f("pub_date", "string", "Publication date, ISO, as precise as the source; a serial's run as an ISO interval (1984/, 1957/1990)."),
        _f("volume", "string", "Volume as printed: a journal's volume, the volume of a multi-volume work or collection (第 35 卷, v.1), or a serial's holdings (1984, 1(1)-)."),
        _f("issue", "string", "Issue."),
        _f("pages", "string", "Pages or newspaper page as written (01, 12-18)."),
        _f("accessed_date", "string", "Access date of an online item, ISO."),
        _f("url", "string", "URL, without <> and trailing period."),
        _f("doi", "string", "DOI."),
        _f("parse_status", "string", "ok, partial or failed.", nullable=False, enum=("ok", "partial", "failed")),
        _f("doc_number", "string", "Document number as printed: a standard's (GB/T 7714—2015), a patent's, a report's, an archive's or an official document's (国发〔2016〕43号)."),
        _f("edition", "string", "Edition or version as printed (2版, 修订本, 刻本, 4th ed, V1.0)."),
        _f("translators", "string_list", "Translators as printed (张三, 译); 等 / et al. left out."),
        _f("editors", "string_list", "Editors of the work the item is part of (after //), or printed as other responsibility (张三, 主编)."),
        _f("cstr", "string", "CSTR identifier (China Science and Technology Resource), without the CSTR: prefix."),
        _f("type_inferred", "bool", "True when the entry prints no type code and doc_type was read from its shape (type_code is then null).", nullable=False),
        _f("translation", "string", "The entry's translation printed with it (a Chinese reference followed by its English version), as written; the other fields come from the original-language part."),
        _f("translation_title", "string", "Title of the translation."),
        _f("style", "string", "The citation style the entry was read as: gbt7714-numeric (GB/T 7714 with type codes), "
           "gbt7714-author-year (names, year, then the GB/T entry), ieee (`A. B. Name, \"Title,\" Journal, vol. 1, "
           "no. 2, pp. 3-4, 2020.`), apa (`Name, A. B. (2020). Title. Journal, 1(2), 3-4.`), biblatex (`Given Name. "
           "\"Title\". In: Journal 1.2 (2020), pp. 3-4.`), numeric-no-codes "
           "(GB/T-like without type codes, 计算机学报-like), notes-cn (the notes style of Chinese humanities and social-science "
           "journals, 管理世界/经济研究-like: `张三：《题名》，《刊名》2007年第7期，第1～9页。`, `Name, A., 2020, \"Title\", "
           "Journal, vol.1(2), pp.3-4.`, and English in Chicago's order, `Given Name, Title, Place: Publisher, 2020.`); "
           "null when no known form matched."),
        _f("parse_issue", "string", "Why parse_status is partial: the entry text no field holds (`not placed: …`, as "
           "printed), a field holding another element (`container holds another element: …`), no title or no date; "
           "null when the entry was read in full."),
        _f("work_id", "string", "The cited work (`works`): from the DOI when printed, else the folded title, year "
           "and first author's family name; the same for the same work cited by any paper in any style or script. "
           "Null when the entry has no DOI and no title, or a title but neither year nor author. Set at publish."),
    ), (IN_DOCUMENTS, ForeignKey(("work_id",), "works", ("work_id",)))),
    Dataset("citations", "in-text citation marker (one per cited reference)", ("doc_id", "citation_no"), (
        DOC_ID,
        _f("citation_no", "int", "Order in the paper, from 1; a range marker gives one row per reference.", nullable=False),
        _f("ref_no", "int", "Reference cited.", nullable=False),
        _f("location", "string", "paragraph, table_cell, caption or note.", nullable=False, enum=("paragraph", "table_cell", "caption", "note")),
        _f("paragraph_no", "int", "Paragraph holding the marker (location paragraph)."),
        _f("table_no", "int", "Table holding the marker (table_cell, caption, note)."),
        _f("row_no", "int", "Row of the cell (table_cell)."),
        _f("col_no", "int", "Column of the cell (table_cell)."),
        _f("char_offset", "int", "Offset in the normalized text the marker was removed from; for an author-year "
           "citation, which stays in the text, where it starts.", nullable=False),
        _f("marker", "string", "The marker as written (^[3-5]; an author-year citation: （张勋等，2020）, "
           "郭峰等（2020）).", nullable=False),
        _f("resolved", "bool", "True when ref_no is in the paper's reference list.", nullable=False),
        _f("style", "string", "numeric (a marker holding reference numbers, taken out of the text) or "
           "author_year (names the first author and year of one reference; kept in the text).", nullable=False,
           enum=("numeric", "author_year")),
    ), (IN_DOCUMENTS, _references("references", "ref_no", only_where="resolved"),
        _references("paragraphs", "paragraph_no"), _references("tables", "table_no"))),
    Dataset("mentions", "figure or table call-out in the text", ("doc_id", "mention_no"), (
        DOC_ID,
        _f("mention_no", "int", "Order in the paper, from 1.", nullable=False),
        _f("kind", "string", "figure or table.", nullable=False, enum=("figure", "table")),
        _f("label", "string", "Label, normalized (图1, 表2).", nullable=False),
        _f("paragraph_no", "int", "Paragraph holding the call-out."),
        _f("target_found", "bool", "True when the figure or table itself is in the extracted paper.", nullable=False),
    ), (IN_DOCUMENTS, _references("paragraphs", "paragraph_no"))),
    Dataset("footnotes", "footnote", ("doc_id", "footnote_no"), (
        DOC_ID,
        _f("footnote_no", "int", "Order in the paper, from 1.", nullable=False),
        _f("page", "int", "PDF page the footnote is printed on; null for text input."),
        _f("marker", "string", "The footnote's mark as printed (①, *, 1), 1); null when it has none."),
        _f("text", "string", "Footnote text without its mark, normalized, citation markers removed.", nullable=False,
           normalized_text=True),
        _f("text_source", "string", "Footnote text as decoded from the source, mark included.", nullable=False,
           accounted=True),
        _f("paragraph_no", "int", "Paragraph holding the footnote's call-out, when it was found (a mark ①, ¹; a "
                                  "raised number `^[1]` on the note's page in a paper that cites on the line)."),
    ), (IN_DOCUMENTS, _references("paragraphs", "paragraph_no"))),
    Dataset("figures", "figure caption", ("doc_id", "figure_no"), (
        DOC_ID,
        _f("figure_no", "int", "Order in the paper, from 1.", nullable=False),
        _f("label", "string", "Label, normalized (图1, 图1-2)."),
        _f("caption", "string", "Caption without its label, normalized.", normalized_text=True),
        _f("caption_source", "string", "Caption line(s) as decoded from the source, label included.", nullable=False,
           accounted=True),
        _f("page", "int", "PDF page the caption is printed on; null for text input."),
        _f("section_no", "int", "Section the figure stands in."),
    ), (IN_DOCUMENTS, _references("sections", "section_no"))),
    Dataset("quality_flags", "thing the pipeline changed, repaired or doubts", ("doc_id", "flag_no"), (
        DOC_ID,
        _f("flag_no", "int", "Order, from 1.", nullable=False),
        _f("stage", "string", "Stage that raised it.", nullable=False, enum=STAGES),
        _f("kind", "string", "What happened (see the quality-flag kinds below).",
           nullable=False, enum=tuple(FLAG_KINDS)),
        _f("severity", "string", "info, warning or error (declared per kind).", nullable=False, enum=SEVERITIES),
        _f("paragraph_no", "int", "Paragraph concerned, where there is one."),
        _f("detail", "string", "What and why, for a reader."),
        _f("original", "string", "The text before the change (for a removal: the text removed).", accounted=True),
        _f("replacement", "string", "The text after the change; null when nothing was changed."),
        _f("page", "int", "PDF page concerned, where there is one."),
    ), (IN_DOCUMENTS, _references("paragraphs", "paragraph_no"))),
    Dataset("works", "distinct cited work across the corpus (built at publish from every paper's references)",
            ("work_id",), (
        _f("work_id", "string", "Hash of the work's key (`references.work_id`).", nullable=False),
        _f("matched_by", "string", "What its references were matched by: doi, or title_year_author (the folded "
           "title, year and first author's family name: across citation styles, Traditional/Simplified script and "
           "full/half width).", nullable=False, enum=("doi", "title_year_author")),
        _f("doi", "string", "The DOI, lower case, when matched by it."),
        _f("title", "string", "Title as most of its citing references give it (the first of them in doc_id, "
           "ref_no order on a tie)."),
        _f("first_author", "string", "First author as that reference gives it."),
        _f("year", "int", "Year of publication, as that reference gives it."),
        _f("container", "string", "Journal, collection or series, as that reference gives it."),
        _f("doc_type", "string", "Document type, as that reference gives it."),
        _f("cited_by_papers", "int", "Papers whose reference list holds it.", nullable=False),
        _f("cited_by_references", "int", "References that are it (a paper may list a work twice).",
           nullable=False),
    ), foreign_keys=()),
    Dataset("runs", "paper in a run", ("run_id", "doc_id"), (
        _f("run_id", "string", "Run id (UTC time stamp and a random suffix).", nullable=False),
        DOC_ID,
        _f("status", "string", "ok, failed or cached (unchanged source, rows kept from an earlier run).", nullable=False, enum=("ok", "failed", "cached")),
        _f("error", "string", "One-line reason when status is failed."),
        _f("duration_s", "float", "Seconds spent on the paper.", nullable=False),
        _f("started_at", "timestamp", "When work on the paper started (UTC).", nullable=False),
        _f("source_sha256", "string", "SHA-256 of the source file's bytes (null when it could not be read)."),
        _f("pipeline_version", "string", "Version of the pipeline.", nullable=False),
    ), foreign_keys=()),
]}


def conform(name: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Rows -> a frame with exactly the declared columns, in order, with the declared dtypes.

    Raises KeyError naming the dataset for a missing or undeclared column.
    """
    import pandas as pd

    ds = DATASETS[name]
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    if frame.empty and not len(frame.columns):
        return ds.empty_frame()
    missing = [c for c in ds.columns if c not in frame.columns]
    extra = [c for c in frame.columns if c not in ds.columns]
    if missing or extra:
        raise KeyError(f"{name}: missing columns {missing}, undeclared columns {extra}")
    out = {}
    for f in ds.fields:
        col = frame[f.name]
        if f.type == "string_list":
            out[f.name] = col.astype(object)
        elif f.type == "timestamp":
            out[f.name] = pd.to_datetime(col, utc=True).astype(f.pandas_dtype)
        else:
            out[f.name] = col.astype(f.pandas_dtype)
    return pd.DataFrame(out, index=range(len(frame)))


def to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pandas(frame, schema=DATASETS[name].arrow_schema(), preserve_index=False)


def data_dictionary() -> str:
    """The data dictionary as Markdown (committed as docs/datasets.md)."""
    lines = [
        "# Datasets",
        "",
        f"Generated from `src/extract/schema/datasets.py` by `papers schema`; schema version {SCHEMA_VERSION}.",
        "Each dataset is a directory `output/<name>/` of Parquet files (zstd). Keys are composite; `_no` "
        "columns count from 1.",
        "",
    ]
    for ds in DATASETS.values():
        lines += [f"## {ds.name}", "", f"One row per {ds.row}. Key: `({', '.join(ds.key)})`."]
        if ds.foreign_keys:
            lines.append("Foreign keys: " + "; ".join(f"`{fk}`" for fk in ds.foreign_keys) + ".")
        lines += ["", "| column | type | null | description |", "|---|---|---|---|"]
        for f in ds.fields:
            desc = f.description + (f" Allowed: {', '.join(f.enum)}." if f.enum else "")
            lines.append(f"| {f.name} | {f.arrow_type} | {'yes' if f.nullable else 'no'} | {desc} |")
        lines.append("")
    lines += ["## Quality-flag kinds", "", "Every `quality_flags.kind` is one of these (declared in "
              "`src/extract/schema/flags.py`; the write check rejects any other).", "",
              "| kind | stage | severity | removal | meaning |", "|---|---|---|---|---|"]
    lines += [f"| {k.name} | {k.stage} | {' or '.join(k.severities)} | {'yes' if k.removal else ''} | {k.meaning} |"
              for k in FLAG_KINDS.values()]
    lines.append("")
    lines += ["## Input formats", "", "A file in raw/ is a paper when its suffix is one of these "
              "(`documents.source_format`); any other file is refused with a one-line reason.", "",
              "| source_format | suffix | what |", "|---|---|---|"]
    lines += [f"| {f.name} | `{f.suffix}` | {f.description} |" for f in INPUT_FORMATS]
    lines.append("")
    return "\n".join(lines)
