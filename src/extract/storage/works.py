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

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..normalize import to_simplified
from ..schema.datasets import conform, to_arrow
from .read import empty_table

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
    first author, year, container and type of the first reference (in doc_id, ref_no order) giving the
    title most of its citing references give, and how many papers and references cite it."""
    refs = references.select(WORK_COLUMNS).filter(pc.invert(pc.is_null(references["work_id"])))
    if not refs.num_rows:
        return empty_table("works")
    frame = refs.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get).sort_values(
        ["doc_id", "ref_no"], kind="stable").reset_index(drop=True)
    frame["position"] = range(len(frame))
    counts = frame.groupby("work_id", sort=True).agg(
        cited_by_papers=("doc_id", "nunique"), cited_by_references=("doc_id", "size"), first=("position", "min"))
    titled = frame[frame["title"].notna()]
    best = (titled.groupby(["work_id", "title"], sort=False).agg(n=("position", "size"), position=("position", "min"))
            .reset_index().sort_values(["work_id", "n", "position"], ascending=[True, False, True])
            .drop_duplicates("work_id").set_index("work_id")["position"])
    chosen = counts["first"].copy()
    chosen.loc[best.index] = best
    first = frame.loc[chosen.to_numpy()].reset_index(drop=True)
    dois = [doi_key(doi) if isinstance(doi, str) else None for doi in first["doi"]]
    return to_arrow("works", conform("works", pd.DataFrame({
        "work_id": chosen.index.to_numpy(), "matched_by": ["doi" if d else "title_year_author" for d in dois],
        "doi": dois, "title": first["title"].to_numpy(),
        "first_author": [a[0] if a is not None and len(a) else None for a in first["authors"]],
        "year": first["year"].to_numpy(), "container": first["container"].to_numpy(),
        "doc_type": first["doc_type"].to_numpy(),
        "cited_by_papers": counts["cited_by_papers"].to_numpy(),
        "cited_by_references": counts["cited_by_references"].to_numpy(),
    })))
