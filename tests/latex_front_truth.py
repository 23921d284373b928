"""Truth for front and back matter from LaTeX sources (../shared/realworld/pdf/*.src).

Builds on tests/latex_truth.py (sources inlined, comments dropped, argument-less text
macros expanded, LaTeX rendered to printed text). What is read, first locator that
exists wins:

- title_zh: `\\cntitle{}`, `\\title{}`, the `\\thesisTitle` macro, else the first
  display line (`\\centerline`) of the title page (plain TeX);
- title_en: `\\entitle{}` (command or macro), the `\\thesisTitleEN` macro, else the first
  line of the English block printed after the bibliography;
- authors (Chinese names, by-line order) and their affiliation numbers: `\\cnauthor{}`
  (names apart by spacing, numbers in `$^{1,2}$`), `\\author{}` (one per `\\and`: a name
  line, then its affiliation in parentheses), the thesis cover's `\\yourName`, else the
  display lines of the title page: a line followed by a line in parentheses is a name;
- affiliations (institution only, without city and postcode): a numbered `\\thanks{1. ...}`
  (institution before the `\\ ` city), or the parenthesised line under each name
  (institution before `, city`); the thesis cover's `\\deptName` is the school;
- English names: `\\enauthor{}`, else the English block's name lines (as above);
- keywords: `\\cnkeyword(s)` / `\\enkeyword(s)`, else the text after a 关键词 / Key words
  label (continued in the next paragraph when the list ends with `;`); placeholders
  without a letter (`......`) are no keywords;
- funding: a `\\thanks`, `\\footnotetext` or `\\fundinfo` text holding 基金 or 资助;
- back matter: headings after the bibliography (`\\unnumchapter`, `\\section` ...) in
  order; biographies: each `biography` environment's author, and the authors a 作者信息 /
  作者简介 note gives an entry (by name, or in by-line order);
- thesis cover: `\\mentorName` (supervisor). The cover date is `\\today`: unknown here.

Not a TeX engine: good for the four sources there, each locator a form Chinese
journal and thesis classes commonly use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.latex_truth import (
    DISPLAY_LINE,
    MATH,
    NOINDENT,
    braced,
    expand_macros,
    heading_commands,
    macro_definitions,
    read_sources,
    render,
)

HAN = "\u4e00-\u9fff"
BIBLIOGRAPHY_TEX = re.compile(r"\\begin\{thebibliography\}.*?\\end\{thebibliography\}|\\printbibliography(?:\[[^\]]*\])?",
                              re.S)
KEYWORDS_LABEL = {"zh": re.compile(r"关\s*键\s*词\s*[:：]?\s*"), "en": re.compile(r"(?i)key\s*words?\s*[:：]?\s*")}
AFFILIATION_NUMBER = re.compile(r"^\s*(\d+)\s*\.\s*")
CITY_AFTER_COMMA = re.compile(r"\s*[,，].*$")


@dataclass
class FrontTruth:
    title_zh: str | None = None
    title_en: str | None = None
    authors: list[str] = field(default_factory=list)  # Chinese names in by-line order
    authors_en: list[str] = field(default_factory=list)
    affiliations: dict[str, list[str]] = field(default_factory=dict)  # Chinese name -> institutions
    keywords_zh: list[str] = field(default_factory=list)
    keywords_en: list[str] = field(default_factory=list)
    funding: str | None = None
    back_matter: list[str] = field(default_factory=list)  # headings after the bibliography, in order
    biographies: list[str] = field(default_factory=list)  # authors with a biography, in order
    supervisor: str | None = None


def prepare(tex: str) -> str:
    """What the shared renderer does not know: `\\zihao` takes one argument (it would eat the next
    group), `\\vskip 2pt` and the `[1em]` of a `\\\\[1em]` break print nothing, a `\\parbox{w}`
    prints its second argument."""
    tex = re.sub(r"\\zihao\s*\{[^}]*\}", "", tex)
    tex = re.sub(r"\\parbox\s*(?:\[[^\]]*\])*\{[^}]*\}", "", tex)
    tex = re.sub(r"\\(?:vskip|hskip|kern)\s*-?[\d.]+\s*(?:pt|bp|mm|cm|em|ex)?", " ", tex)
    tex = re.sub(r"\$([()\[\]])\$", r"\1", tex)  # a bracket set in math mode
    return re.sub(r"\\\\\s*\[[^\]]*\]", r"\\\\", tex)


def clean(tex: str) -> str:
    """Rendered text of a LaTeX fragment on one line; spaces between Han characters dropped."""
    text = render(prepare(tex))[0]
    text = re.sub(f"[{MATH}{DISPLAY_LINE}{NOINDENT}]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(rf"(?<=[{HAN}])\s+(?=[{HAN}])", "", text)


def command_args(tex: str, name: str) -> list[str]:
    """The first braced argument of every `\\name{...}` (starred or with [options] too)."""
    out = []
    for m in re.finditer(rf"\\{name}\*?(?![A-Za-z])\s*(?:\[[^\]]*\])?\s*(?=\{{)", tex):
        out.append(braced(tex, m.end())[0])
    return out


def first(*values):
    return next((v for v in values if v), None)


def split_list(text: str) -> list[str]:
    items = [item.strip() for item in re.split(r"[;；,，]", text)]
    return [item for item in items if re.search(rf"[{HAN}A-Za-z]", item)]


def display_lines(tex: str) -> list[str]:
    """Lines of a displayed block (`\\centerline`, `\\\\` breaks: blank lines once rendered), empty ones dropped."""
    text = render(prepare(tex))[0]
    lines = [re.sub(f"[{MATH}{DISPLAY_LINE}{NOINDENT}]", " ", line) for line in re.split(r"\n\s*\n", text)]
    lines = [re.sub(rf"(?<=[{HAN}])\s+(?=[{HAN}])", "", re.sub(r"\s+", " ", line)).strip() for line in lines]
    return [line for line in lines if line]


def names_and_affiliations(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Title lines (before the first name), names, and the institution under each name.

    A line directly followed by a line in parentheses is a name; that line is its affiliation.
    """
    title, names, institutions = [], [], []
    for line, below in zip(lines, [*lines[1:], ""]):
        bracketed = below.startswith("(") and below.endswith(")")
        if bracketed and not (line.startswith("(") and line.endswith(")")):
            names.append(line)
            institutions.append(institution(below[1:-1]))
        elif not names and not line.startswith("("):
            title.append(line)
    return title, names, institutions


def institution(text: str) -> str:
    """`黄冈师范学院数学系, 黄冈 438000` -> `黄冈师范学院数学系`."""
    return CITY_AFTER_COMMA.sub("", text).strip()


def marked_names(tex: str) -> list[tuple[str, list[str]]]:
    """`尚书林$^{1,\\,2}$ \\hspace{1em} 左年明$^{2}$` -> [(尚书林, [1, 2]), (左年明, [2])]."""
    out = []
    for m in re.finditer(r"(?P<name>[^\s$\\{}]+(?:[ \-][A-Z][A-Za-z\-]+)*)\s*(?:\$\^\{?(?P<marks>[^$]*?)\}?\$)?", tex):
        name = m["name"]
        if re.fullmatch(rf"[{HAN}·]+|[A-Z][A-Za-z\-]+", name):
            out.append((name, re.findall(r"\d+", re.sub(r"\\[A-Za-z]+", "", m["marks"] or ""))))
    return out


def english_names(tex: str) -> list[str]:
    """`SHANG Shu-Lin$^{1,\\,2}$ \\qquad ZUO Nian-Ming$^2$` -> [SHANG Shu-Lin, ZUO Nian-Ming]."""
    text = re.sub(r"\$[^$]*\$", "\n", tex)
    text = re.sub(r"\\q?quad|\\hspace\{[^}]*\}", "\n", text)
    return [" ".join(part.split()) for part in text.split("\n") if part.strip()]


def numbered_affiliations(body: str) -> dict[str, str]:
    """The `\\thanks{1. 单位\\ 城市\\ 邮编 \\quad 2. ...}` whose entries are Chinese -> {number: institution}."""
    for arg in command_args(body, "thanks"):
        if not re.match(rf"\s*1\.\s*[{HAN}]", arg):
            continue
        entries = {}
        for piece in re.split(r"\\quad", arg):
            number = AFFILIATION_NUMBER.match(piece)
            if number:
                entries[number[1]] = clean(piece[number.end():].split("\\ ")[0])
        return entries
    return {}


def keywords_after_label(text: str, lang: str) -> list[str]:
    """The list after a 关键词 / Key words label in rendered paragraphs (continued after a trailing `;`)."""
    paragraphs = [re.sub(r"\s+", " ", re.sub(f"[{MATH}{DISPLAY_LINE}{NOINDENT}]", " ", p)).strip()
                  for p in re.split(r"\n\s*\n", text)]
    for index, paragraph in enumerate(paragraphs):
        label = KEYWORDS_LABEL[lang].match(paragraph)
        if not label:
            continue
        listed = paragraph[label.end():]
        rest = [p for p in paragraphs[index + 1:] if p]
        if listed.rstrip().endswith((";", "；")) and rest:
            listed += " " + rest[0]
        return split_list(listed)
    return []


BIOGRAPHY_LABEL = re.compile(r"(?:作者信息|作者简介)\s*[:：]\s*")


def noted_biographies(source: str, body: str, authors: list[str]) -> list[str]:
    """Authors with an entry in a 作者信息 / 作者简介 note (a footnote, or a macro it prints): entries apart
    by `;`, each naming its author or, as many as the authors, in by-line order."""
    definitions = [braced(source, m.end())[0] for m in re.finditer(r"\\newcommand\{?\\[A-Za-z]+\}?\s*(?=\{)", source)]
    notes = [*command_args(body, "footnote"), *command_args(body, "thanks"), *command_args(body, "footnotetext"),
             *definitions]
    for note in notes:
        label = BIOGRAPHY_LABEL.search(clean(note))
        if not label:
            continue
        entries = [e for e in re.split(r"\s*[;；]\s*", clean(note)[label.end():]) if e.strip(" .。")]
        named = [next((a for a in authors if entry.startswith(a)), None) for entry in entries]
        if all(named):
            return [a for a in named if a]
        return authors if len(entries) == len(authors) else []
    return []


def extract_front(main: Path) -> FrontTruth:
    """Front and back matter of a LaTeX document (see the module docstring)."""
    source = read_sources(main)
    plain, heading_macros = macro_definitions(source)
    begin, end = source.find("\\begin{document}"), source.rfind("\\end{document}")
    body = expand_macros(source[begin + len("\\begin{document}"): end if end >= 0 else None], plain)
    bibliography = BIBLIOGRAPHY_TEX.search(body)
    before, after = (body[: bibliography.start()], body[bibliography.end():]) if bibliography else (body, "")
    truth = FrontTruth()
    title_page = before.split("\\maketitle")[0]
    title_lines, page_names, page_institutions = names_and_affiliations(display_lines(
        "\n".join("\\centerline{" + a + "}" for a in command_args(title_page, "centerline"))))
    english_block = display_lines(after)
    en_title, en_names, _ = names_and_affiliations(english_block)

    truth.title_zh = first(*(clean(a) for a in command_args(body, "cntitle")),
                           *(clean(a) for a in command_args(body, "title")),
                           clean(plain.get("thesisTitle", "")), " ".join(title_lines))
    truth.title_en = first(*(clean(a) for a in command_args(body, "entitle")), clean(plain.get("entitle", "")),
                           clean(plain.get("thesisTitleEN", "")), " ".join(en_title))

    numbered = numbered_affiliations(body)
    if command_args(body, "cnauthor"):
        for name, marks in marked_names(command_args(body, "cnauthor")[0]):
            truth.authors.append(name)
            truth.affiliations[name] = [numbered[m] for m in marks if m in numbered]
    elif command_args(body, "author"):
        for part in re.split(r"\\and\b", command_args(body, "author")[0]):
            lines = display_lines(part)
            truth.authors.append(lines[0])
            truth.affiliations[lines[0]] = [institution(line[1:-1]) for line in lines[1:] if line.startswith("(")]
    elif plain.get("yourName"):
        truth.authors = [plain["yourName"]]
        truth.affiliations[plain["yourName"]] = [plain["deptName"]] if plain.get("deptName") else []
    else:
        truth.authors = page_names
        truth.affiliations = {name: [inst] for name, inst in zip(page_names, page_institutions)}
    truth.authors_en = first(english_names(command_args(body, "enauthor")[0]) if command_args(body, "enauthor")
                             else [], en_names) or []

    rendered = render(prepare(body))[0]
    for lang, names in (("zh", ("cnkeyword", "cnkeywords")), ("en", ("enkeyword", "enkeywords"))):
        listed = first(*(a for n in names for a in command_args(body, n)), *(plain.get(n, "") for n in names))
        words = split_list(clean(listed)) if listed else keywords_after_label(rendered, lang)
        setattr(truth, f"keywords_{lang}", words)

    notes = [*command_args(body, "thanks"), *command_args(body, "footnotetext"), plain.get("fundinfo", "")]
    truth.funding = first(*(clean(n) for n in notes if re.search("基金|资助", n) and not re.match(r"\s*1\.", n)))

    for m in heading_commands(heading_macros).finditer(after):
        truth.back_matter.append(clean(braced(after, m.end())[0]))
    for m in re.finditer(r"\\begin\{biography\}(?:\[[^\]]*\])?", after):
        name = re.search(rf"[{HAN}]{{2,4}}", after[m.end():])
        if name:
            truth.biographies.append(name.group())
    truth.biographies += noted_biographies(source, body, truth.authors)
    truth.supervisor = plain.get("mentorName")
    return truth
