"""Front matter: titles, authors, abstracts, keywords and identifiers before the body; where the body starts."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text import join_field_lines
from .authors import AuthorDraft, assign_affiliations, assign_english_names, parse_affiliation_line, parse_author_line
from .headings import parse_heading
from .labels import (
    ABSTRACT_AND_KEYWORD_LABELS,
    ISSN,
    ISSUE_YEAR,
    find_doi,
    front_matter_label,
    issn_and_year_from_doi,
    split_keywords,
)
from .lines import remove_spaces_between_han, script_of
from .settings import DEFAULT_SETTINGS, StructureSettings
from .titles import is_title_en, is_title_zh


@dataclass
class FrontMatter:
    title_zh: str | None = None
    title_en: str | None = None
    authors: list[dict] = field(default_factory=list)  # name_zh, name_en, affiliation, position
    abstract_zh: str | None = None
    abstract_en: str | None = None
    keywords: list[tuple[str, str]] = field(default_factory=list)  # (keyword as written, "zh"|"en")
    doi: str | None = None
    issn: str | None = None
    year: int | None = None
    unplaced: list[str] = field(default_factory=list)  # every line no field took (other labels included)
    body_lines: list[str] = field(default_factory=list)  # unplaced lines after the last front-matter line


@dataclass
class FrontMatterReader:
    """Line-by-line state of front-matter parsing; `previous` is what the last line was."""

    settings: StructureSettings
    front: FrontMatter = field(default_factory=FrontMatter)
    authors: list[AuthorDraft] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=lambda: {"zh": [], "en": []})
    abstracts: dict[str, list[str]] = field(default_factory=lambda: {"zh": [], "en": []})
    previous: str | None = None
    issue_year: int | None = None

    def read(self, line: str) -> str | None:
        """Place one line; returns the kind it was placed as, or None."""
        self.take_identifiers(line)
        label = front_matter_label(line)
        if label:
            return self.place_label(*label)
        for place in (self.continue_abstract, self.place_authors, self.place_author_details, self.place_title):
            kind = place(line)
            if kind:
                return kind
        return None

    def take_identifiers(self, line: str) -> None:
        front = self.front
        front.doi = front.doi or find_doi(line)
        issn = ISSN.search(line)
        if issn and not front.issn:
            front.issn = f"{issn[1]}-{issn[2].upper()}"
        issue = ISSUE_YEAR.search(line)
        if issue and len(line) <= 40:
            self.issue_year = self.issue_year or int(issue[1])

    def place_label(self, kind: str, rest: str) -> str | None:
        if kind in ("abstract_zh", "abstract_en"):
            self.abstracts[kind[-2:]].append(rest)
            return kind
        if kind in ("keywords_zh", "keywords_en"):
            lang = kind[-2:]
            self.front.keywords.extend((k, lang) for k in split_keywords(rest, lang))
            return kind
        return kind if kind in ("doi", "issn") else "other_label"

    def continue_abstract(self, line: str) -> str | None:
        if self.previous in ("abstract_zh", "abstract_en") and script_of(line, self.settings) == self.previous[-2:]:
            self.abstracts[self.previous[-2:]].append(line)
            return self.previous
        return None

    def place_authors(self, line: str) -> str | None:
        found = parse_author_line(line, bool(self.titles["zh"] or self.titles["en"]), self.settings)
        if found:
            self.authors.extend(found)
            return "authors"
        return None

    def place_author_details(self, line: str) -> str | None:
        """Affiliation lines right under the names; English names wherever they come (often under the English title)."""
        if not self.authors:
            return None
        entries = parse_affiliation_line(line, self.settings)
        if entries and self.previous in ("authors", "affiliation"):
            assign_affiliations(self.authors, entries)
            return "affiliation"
        return "names_en" if assign_english_names(self.authors, line) else None

    def place_title(self, line: str) -> str | None:
        for lang, accepts in (("zh", is_title_zh), ("en", is_title_en)):
            kind = f"title_{lang}"
            started = bool(self.titles[lang])
            if accepts(line, self.settings) and (not started or self.previous == kind):
                if lang == "en" and self.abstracts["en"]:
                    return None  # an English title comes before the English abstract
                self.titles[lang].append(line)
                return kind
        return None

    def finish(self) -> FrontMatter:
        front = self.front
        if self.titles["zh"]:
            front.title_zh = remove_spaces_between_han(join_field_lines(self.titles["zh"]))
        if self.titles["en"]:
            front.title_en = join_field_lines(self.titles["en"])
        front.abstract_zh = join_field_lines(self.abstracts["zh"]) or None
        front.abstract_en = join_field_lines(self.abstracts["en"]) or None
        front.authors = [author.row() for author in self.authors]
        doi_issn, doi_year = issn_and_year_from_doi(front.doi) if front.doi else (None, None)
        front.issn = front.issn or doi_issn
        front.year = doi_year or self.issue_year
        return front


def parse_front_matter(lines: list[str], settings: StructureSettings = DEFAULT_SETTINGS) -> FrontMatter:
    """Titles, authors, abstracts, keywords and identifiers from the lines before the first heading."""
    reader = FrontMatterReader(settings)
    cleaned = [line.strip() for line in lines if line.strip()]
    last_front_line = -1
    for index, line in enumerate(cleaned):
        kind = reader.read(line)
        if kind in (None, "other_label"):
            reader.front.unplaced.append(line)
        if kind is not None:
            last_front_line = index
        reader.previous = kind
    front = reader.finish()
    front.body_lines = cleaned[last_front_line + 1:]
    return front


def find_body_start(lines: list[str], settings: StructureSettings = DEFAULT_SETTINGS) -> int:
    """Index of the first section heading that is not followed closely by 摘要/关键词 labels.

    A paper without headings starts its body after its last front-matter label
    (looked for in its first lines), or at 0 when it has none.
    """
    for index, line in enumerate(lines):
        if line and parse_heading(line, settings) and not labels_follow(lines, index, settings):
            return index
    head = lines[: settings.front_matter_max_lines]
    labelled = [i for i, line in enumerate(head) if line and front_matter_label(line)]
    return labelled[-1] + 1 if labelled else 0


def labels_follow(lines: list[str], index: int, settings: StructureSettings) -> bool:
    window = [line for line in lines[index + 1:] if line][: settings.body_start_lookahead]
    return any((front_matter_label(line) or ("",))[0] in ABSTRACT_AND_KEYWORD_LABELS for line in window)
