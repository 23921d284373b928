"""The `works` dataset: one row per distinct cited work across the corpus, built at publish time.

A reference's work is keyed by its DOI when it prints one; else by its title, year and first author,
each folded so that the same work cited in another style, script or width meets the same key:
NFKC (full-width letters, digits and punctuation to half width), Traditional to Simplified (OpenCC,
`normalize.to_simplified`), case folded, and everything but letters and digits dropped; the first
author as their family name (a Han name whole, a Latin name its longest word in capitals or, when none
is, its first word of two letters or more). A reference without a DOI needs a title and a year or a
first author to have a work; otherwise its `work_id` is null.

`work_id` is a hash of the key, so it depends only on the reference's own fields: a reference keeps
its work_id while its bucket is carried into later versions, and the same work cited by two papers
gets one id however they were published. `references.work_id` is set when a bucket of references is
written (publish); `works` is then rebuilt from every references file of the new version (only the
columns it needs), since any paper can add a citation to any work.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from ..normalize import to_simplified
from ..schema import DATASETS, conform, to_arrow

WORK_COLUMNS = ["doc_id", "ref_no", "work_id", "doi", "title", "authors", "year", "container", "doc_type"]
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_END = re.compile(r"[\s.,;:)\]}>'\"]+$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def fold(text: str | None) -> str:
    """Letters and digits only, half width, Simplified, case folded: `《中國·經濟》` and `中国经济` meet."""
    if not text:
        return ""
    text = to_simplified(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def doi_key(doi: str | None) -> str | None:
    """The DOI lower-cased, without resolver prefix or trailing punctuation; None when it is none."""
    match = _DOI.search(unicodedata.normalize("NFKC", doi or ""))
    return _DOI_END.sub("", match.group(0)).lower() if match else None


def family_name(author: str | None) -> str:
    """A first author as their folded family name (a Han name whole)."""
    if not author:
        return ""
    name = unicodedata.normalize("NFKC", author)
    if _HAN.search(name):
        return fold(name)
    words = _WORD.findall(name)
    if not words:
        return fold(name)
    capitals = [w for w in words if w.isupper()]  # MYBURG A A: the family name set in capitals
    return fold(max(capitals, key=len) if capitals else words[0])


def work_key(doi: str | None, title: str | None, year: int | None, authors: list | None) -> tuple[str, str] | None:
    """(matched_by, key) of a reference's work, or None when it has too little to be matched."""
    found = doi_key(doi)
    if found:
        return "doi", f"doi:{found}"
    title_key = fold(title)
    author = family_name(authors[0]) if authors is not None and len(authors) else ""
    if len(title_key) < 2 or not (year or author):
        return None
    return "title_year_author", f"t:{title_key}|y:{year or ''}|a:{author}"


def work_id_of(key: str) -> str:
    return "w" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def with_work_ids(table: pa.Table) -> pa.Table:
    """A references table with work_id set from each row's own fields."""
    ids = []
    for doi, title, year, authors in zip(*(table[c].to_pylist() for c in ("doi", "title", "year", "authors"))):
        key = work_key(doi, title, year, authors)
        ids.append(work_id_of(key[1]) if key else None)
    index = table.schema.get_field_index("work_id")
    return table.set_column(index, table.schema.field(index), pa.array(ids, pa.string()))


def build_works(references: pa.Table) -> pa.Table:
    """The works rows of a corpus from its references (WORK_COLUMNS): one per work_id, with the title,
    first author, year, container and type most of its citing references give, and how many cite it."""
    references = references.filter(pc.invert(pc.is_null(references["work_id"])))
    groups: dict[str, list[dict]] = {}
    for row in sorted(references.select(WORK_COLUMNS).to_pylist(), key=lambda r: (r["doc_id"], r["ref_no"])):
        groups.setdefault(row["work_id"], []).append(row)
    rows = []
    for work_id, cites in sorted(groups.items()):
        titles = Counter(r["title"] for r in cites if r["title"])
        best = max(titles.values()) if titles else 0
        first = next((r for r in cites if titles and titles[r["title"]] == best), cites[0])
        key = work_key(first["doi"], first["title"], first["year"], first["authors"])
        matched_by = key[0] if key else "title_year_author"
        rows.append({
            "work_id": work_id, "matched_by": matched_by,
            "doi": doi_key(first["doi"]) if matched_by == "doi" else None,
            "title": first["title"], "first_author": (first["authors"] or [None])[0],
            "year": first["year"], "container": first["container"], "doc_type": first["doc_type"],
            "cited_by_papers": len({r["doc_id"] for r in cites}), "cited_by_references": len(cites),
        })
    return to_arrow("works", conform("works", rows) if rows else DATASETS["works"].empty_frame())
