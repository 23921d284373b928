"""Character accounting: every character of the input is in an output row or a recorded removal.

The two sides are counted independently of the stages in between, so no stage can lose
text without it showing:

- input: the characters the source holds, counted where it is read, before any layout or
  structure step: a PDF page's glyphs after duplicate-glyph removal (`pdf.chars`), the
  decoded text of a text file. Kept per page (`None` for text input).
- output: the characters of every column `schema.py` marks `accounted` (text as read from
  the source, e.g. `paragraphs.text_source`, `references.raw`) in the rows of one paper,
  and of the `original` of every quality flag whose kind `flags.py` declares a removal
  (running headers, page numbers, table-of-contents lines, ...; a repair such as a
  rejoined hyphenated word counts only for what it removed).

Both sides are compared as multisets of units (`units`): characters folded the same way
(NFKC width folding, Traditional -> Simplified per character, a soft hyphen as `-`),
whitespace, control and format characters left out, and a glyph without Unicode
(`(cid:12)`) one unit. Folding is needed because a few outputs hold normalized text only
(`documents.title_zh`); it cannot hide a lost character, only equate two spellings of one.

accounted = sum over units of min(input count, output count); coverage = accounted / input.
Output units beyond the input count (`excess`: text written twice) are counted too. Units
are matched page by page where a row knows its page(s) (`page`, `page_start`/`page_end`;
table cells through their table), then wherever they fit best, so the units left over name
the pages that lost text; `missing_runs` shows them in page order (a unit is shown when no
output holds it with a neighbour).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from ..model import Change
from ..schema.datasets import DATASETS
from ..schema.flags import COVERAGE_LOW, FLAG_KINDS, LITTLE_CHINESE_TEXT, TEXT_UNACCOUNTED
from ..text import is_han

REMOVAL_KINDS = frozenset(name for name, kind in FLAG_KINDS.items() if kind.removal)
COVERAGE_WARNING = 0.99  # below this share of accounted characters a paper gets a warning flag
MIN_CHINESE_SHARE = 0.2  # of the letters: less, in a text of MIN_LETTERS letters or more, gets a warning
MIN_LETTERS = 200
UNIT = re.compile(r"\(cid:\d+\)|.", re.S)


@cache
def fold(char: str) -> str:
    """One character as the accounting counts it: '' for space, control and format characters."""
    if char == "\u00ad":
        return "-"
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return ""
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) == 1 and "\u3400" <= folded <= "\u9fff":
        from ..normalize import to_simplified  # opencc tables load on first use
        folded = to_simplified(folded)
    return "".join(c for c in folded if not c.isspace())


class _Folds(dict):
    """`fold` as a `str.translate` table, filled as characters come."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold(chr(code))
        return folded


_FOLDED = _Folds()


def units(text: str | None) -> list[str]:
    """The accounting units of a text, in order."""
    if not text:
        return []
    if "(cid:" not in text:  # every character a unit of its own
        return list(text.translate(_FOLDED))
    out: list[str] = []
    for token in UNIT.findall(text):
        if len(token) > 1:
            out.append(token)
        else:
            out.extend(fold(token))
    return out


def unit_counts(text: str | None) -> Counter:
    """Counter(units(text)), without the list."""
    if text and "(cid:" not in text:
        return Counter(text.translate(_FOLDED))
    return Counter(units(text))


def account_rows(inventory: dict, rows: dict[str, list[dict]]) -> tuple[dict, list[Change]]:
    """The documents fields of the accounting (counts and coverage) and its flags: a
    `text_unaccounted` per page with text in no output, `coverage_low` below COVERAGE_WARNING."""
    result = account(inventory, rows)
    fields = {"n_chars_input": result.n_input, "n_chars_output": result.n_output,
              "n_chars_removed": result.n_removed, "coverage": round(result.coverage, 4)}
    low = result.coverage < COVERAGE_WARNING
    flags = []
    for page in result.pages_missing:
        n = sum(result.missing[page].values())
        where = f"page {page}" if page is not None else "the text"
        flags.append(TEXT_UNACCOUNTED.change(
            f"{where}: {n} characters are in no output and no recorded removal (shown where no output holds "
            f"them with a neighbour)", original=missing_runs(inventory[page], rows) or None,
            severity="warning" if low else "info", page=page))
    if low:
        pages = ", ".join(str(p) for p in result.pages_missing if p is not None) or "-"
        flags.append(COVERAGE_LOW.change(
            f"coverage {result.coverage:.3f}: {result.n_input - result.n_accounted} of {result.n_input} "
            f"characters are in no output and no recorded removal; pages {pages}"))
    return fields, flags


@dataclass
class Accounting:
    n_input: int
    n_output: int  # input units found in output rows
    n_removed: int  # input units found in removal flags
    excess: int  # output units beyond the input (written more than once)
    missing: dict = field(default_factory=dict)  # page -> Counter of units in no output

    @property
    def n_accounted(self) -> int:
        return self.n_output + self.n_removed

    @property
    def coverage(self) -> float:
        return self.n_accounted / self.n_input if self.n_input else 1.0

    @property
    def pages_missing(self) -> list:
        return sorted((p for p, c in self.missing.items() if sum(c.values())), key=lambda p: (p is None, p))


def output_texts(rows: dict[str, list[dict]]) -> tuple[list[tuple[str, tuple]], list[tuple[str, tuple]]]:
    """(text, pages) of every accounted column value, and of every removal flag's original."""
    table_pages = {t["table_no"]: t.get("page") for t in rows.get("tables", [])}
    outputs, removals = [], []
    for name, dataset in DATASETS.items():
        columns = [f.name for f in dataset.fields if f.accounted]
        if not columns or name == "quality_flags":
            continue
        for row in rows.get(name, []):
            if row.get("filled_down"):
                continue  # a merged cell's value carried down: printed once, counted once
            pages = row_pages(row, table_pages)
            outputs += [(str(row[col]), pages) for col in columns if row.get(col)]
    for flag in rows.get("quality_flags", []):
        if flag["kind"] in REMOVAL_KINDS and flag.get("original"):
            removed = unit_counts(flag["original"]) - unit_counts(flag.get("replacement"))
            removals.append(("".join(removed.elements()), row_pages(flag, table_pages)))
    return outputs, removals


def row_pages(row: dict, table_pages: dict) -> tuple:
    start = row.get("page_start", row.get("page"))
    if start is None and row.get("table_no") is not None:
        start = table_pages.get(row["table_no"])
    end = row.get("page_end", start)
    if start is None:
        return ()
    return tuple(range(start, (end if end is not None else start) + 1))


def account(inventory: dict, rows: dict[str, list[dict]]) -> Accounting:
    """Match the input units of each page (`inventory`: page -> the text read there) with the rows' units."""
    pools = {page: unit_counts(text) for page, text in inventory.items()}
    n_input = sum(sum(c.values()) for c in pools.values())
    outputs, removals = output_texts(rows)
    found = {"output": 0, "removed": 0}
    excess = 0
    leftovers: list[tuple[str, Counter]] = []
    for side, texts in (("output", outputs), ("removed", removals)):
        for text, pages in texts:
            want = unit_counts(text)
            for page in pages:  # first the pages the row says it is on
                if page in pools:
                    found[side] += take(pools[page], want)
            if want:
                leftovers.append((side, want))
    holding = pages_holding(pools) if leftovers else {}
    for side, want in leftovers:  # then wherever the rest fits best
        for page in best_fits(pools, holding, want):
            if not want:
                break
            found[side] += take(pools[page], want)
        excess += sum(want.values())
    return Accounting(n_input, found["output"], found["removed"], excess,
                      {p: +c for p, c in pools.items() if +c})


def pages_holding(pools: dict) -> dict[str, list[tuple[int, object]]]:
    """unit -> (rank, page) of every page whose pool holds it, in page order (pools only shrink after this:
    a page that holds a unit later is listed)."""
    holding: dict[str, list[tuple[int, object]]] = {}
    for rank, (page, pool) in enumerate(pools.items()):
        for unit in pool:
            holding.setdefault(unit, []).append((rank, page))
    return holding


def best_fits(pools: dict, holding: dict, want: Counter) -> list:
    """The pages sharing units with `want`, most shared first (the sum over units of the smaller count), page
    order on a tie; a page sharing none is left out (it shares none later: nothing to take there)."""
    shared: dict[tuple[int, object], int] = {}
    for unit, k in want.items():
        for key in holding.get(unit, ()):
            if have := pools[key[1]].get(unit):
                shared[key] = shared.get(key, 0) + min(k, have)
    return [page for _, (_, page) in sorted((-n, key) for key, n in shared.items())]


def take(pool: Counter, want: Counter) -> int:
    """Move the units `want` and `pool` share out of both; returns how many. A unit used up leaves the
    Counter it was in (neither holds a zero count)."""
    n = 0
    drop_pool, drop_want = pool.pop, want.pop  # dict's own (Counter's `del` is Python code)
    for unit in want.keys() & pool.keys():  # the shared units only (each unit is moved on its own: any order)
        have, need = pool[unit], want[unit]
        if have > need:
            pool[unit] = have - need
            drop_want(unit)
            n += need
        else:
            drop_pool(unit)
            if have == need:
                drop_want(unit)
            else:
                want[unit] = need - have
            n += have
    return n


def missing_runs(page_text: str, rows: dict[str, list[dict]], limit: int = 300) -> str:
    """The page's text where no output or removal holds a unit together with its neighbour
    (or alone, for one-unit outputs), runs joined by ' … '."""
    outputs, removals = output_texts(rows)
    pairs: set[tuple] = set()
    singles: set[str] = set()
    for text, _ in outputs + removals:
        seq = units(text)
        pairs.update(zip(seq, seq[1:]))
        if len(seq) == 1:
            singles.add(seq[0])
    seq = units(page_text)
    covered = [u in singles for u in seq]
    for i, pair in enumerate(zip(seq, seq[1:])):
        if pair in pairs:
            covered[i] = covered[i + 1] = True
    runs: list[str] = []
    current: list[str] = []
    for unit, ok in zip(seq, covered):
        if ok:
            if current:
                runs.append("".join(current))
                current = []
        else:
            current.append(unit)
    if current:
        runs.append("".join(current))
    return " … ".join(runs)[:limit]


def chinese_share_flags(inventory: dict) -> list[Change]:
    """A warning when the input holds little Chinese: an English paper, or text still in a wrong encoding
    or a PDF font without a usable character map (`¸ÃÎÄ`), which would otherwise pass as text."""
    text = "".join(t for t in inventory.values() if t)
    letters = {c: n for c, n in Counter(text).items() if c.isalpha()}  # each distinct character tested once
    n_letters = sum(letters.values())
    if n_letters < MIN_LETTERS:
        return []
    han = sum(n for c, n in letters.items() if is_han(c))
    share = han / n_letters
    if share >= MIN_CHINESE_SHARE:
        return []
    latin1 = sum(n for c, n in letters.items() if "\u00c0" <= c <= "\u00ff")
    sample = "".join(c for c in text[:400] if not c.isspace())[:60]
    return [LITTLE_CHINESE_TEXT.change(
        f"{share:.0%} of the {n_letters} letters are Chinese ({latin1} Latin-1 letters such as é, Ã): an English "
        f"paper, or text decoded with the wrong encoding or font map? Review the paper", original=sample)]
