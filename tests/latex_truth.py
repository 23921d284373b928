"""Truth from LaTeX sources: the headings and body paragraphs a compiled PDF must give back.

A small extractor, good enough for the sample sources in ../shared/realworld/pdf/*.src
(ctexart/ctexbook/journal classes), not a TeX engine. What it does, in order:

1. reads the main file and everything it pulls in with \\input/\\include (and, for
   \\includepdf{x.pdf}, the x.tex the included pages were compiled from);
2. drops comments, keeps \\begin{document}...\\end{document}, and expands argument-less
   \\newcommand macros whose body is plain text (`\\thesisTitle`);
3. headings (in the body, as for paragraphs): the titles of \\chapter, \\section, \\subsection, \\subsubsection (starred
   too), of macros defined to wrap one of them (`\\unnumchapter{#1}`), and of a plain-TeX
   heading paragraph `\\noindent{\\font 1 } {\\heiti title}` (a number and a short title);
4. paragraphs: the body text after the title block and front matter (`\\maketitle`,
   `\\mainmatter`, or the first heading when there is neither) and before the
   bibliography (after it, only under a later heading), split at blank lines, headings and `\\item`s,
   outside float, display, verbatim, theorem-like and title-page environments; enumerate
   items get their number (`1. `), itemize items a bullet;
5. rendering: text macros keep their argument (\\textbf, \\textcolor's second, ...),
   references and spacing macros vanish, `\\verb|x|` is x, `~` a space, ``quotes'' curly,
   `\\LaTeX` LaTeX. Inline math is rendered only when it is a citation (`$^{[1]}$` -> [1])
   or `\\sim`; a paragraph with any other math is kept aside (`Truth.with_math`): its printed
   form cannot be known without typesetting it.

Comparison keys (`key`) fold what the typesetting changes and the extractor cannot know:
whitespace, width (NFKC), case, quote shapes, and citation markers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

BIBLIOGRAPHY = "\x00bibliography\x00"
MATH, DISPLAY_LINE, NOINDENT, BACKSLASH = "\ue001", "\ue002", "\ue003", "\ue004"  # marks inside rendered text
SECTIONING = ("chapter", "section", "subsection", "subsubsection")
SKIPPED_ENVIRONMENTS = {
    "equation", "equation*", "align", "align*", "eqnarray", "gather", "multline", "displaymath", "array",
    "figure", "figure*", "table", "table*", "tabular", "tabular*", "verbatim", "lstlisting",
    "titlepage", "biography", "biographynophoto", "minipage", "center",
    "proof", "theorem", "lemma", "definition", "corollary", "proposition", "example", "remark",
    "flushright", "tikzpicture",
}
TEXT_WRAPPERS = {"textbf", "textit", "textmd", "textsl", "textrm", "texttt", "textsf", "emph", "underline",
                 "mbox", "text", "textup", "textnormal", "kaishu", "songti", "heiti", "fangsong"}
DROPPED_WITH_ARGUMENT = {"cite", "ncite", "ucite", "ref", "eqref", "pageref", "label", "vspace", "vspace*",
                         "hspace", "hspace*", "includegraphics", "setcounter", "addcontentsline", "zihao",
                         "setlength", "addtolength", "bibliographystyle", "bibliography", "urlstyle", "ziju",
                         "thispagestyle", "pagestyle", "setstretch", "fontsize", "linespread", "input",
                         "color", "stepcounter", "renewcommand", "footnote", "footnotetext", "thanks",
                         "caption", "parbox", "vbox", "hbox", "raisebox", "rule", "dunderline", "makebox", "pagenumbering",
                         "CJKfamily", "captionsetup", "ctexset", "titlecontents", "newtheorem", "theoremstyle"}
LIGATURES = {"``": "“", "''": "”", "---": "—", "--": "–"}  # TeX input ligatures, longest first
CITATION_MATH = re.compile(r"\s*\^\s*\{?\s*(\[[\d,\s\-–]+\])\s*\}?\s*")
SIMPLE_MATH = {r"\sim": "∼", r"\cdot": "·"}
SYMBOLS = {"LaTeX": "LaTeX", "TeX": "TeX", "ldots": "…", "dots": "…", "cdots": "⋯", "S": "§",
           "quad": " ", "qquad": " ", "\\": "\n", ",": "", ";": " ", "!": "", " ": " ", "/": "",
           "_": "_", "%": "%", "&": "&", "$": "$", "#": "#", "{": "{", "}": "}", "ccwd": "",
           "today": "", "par": "\n\n", "noindent": "", "centering": "", "newpage": "", "clearpage": "",
           "linebreak": "", "hfill": " ", "indent": "", "item": "\n\n\\item", "hy": ""}


@dataclass
class Truth:
    headings: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    with_math: list[str] = field(default_factory=list)  # paragraphs holding math: not compared


def key(text: str) -> str:
    """Comparison key: width, case, whitespace, quote shapes and citation markers folded away."""
    text = re.sub(r"\^?\s*[\[［]\s*\d+(?:\s*[,，\-–~]\s*\d+)*\s*[\]］]", "", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": "'", "∼": "~",
                                         "\u00ad": "-", "–": "-", "—": "-"}))
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- reading the sources


def read_sources(main: Path) -> str:
    """The main file with \\input/\\include/\\includepdf files inlined, comments removed."""
    def load(path: Path, depth: int = 0) -> str:
        text = strip_comments(path.read_text(encoding="utf-8"))
        if depth > 5:
            return text

        def inline(m: re.Match) -> str:
            name = m.group(2)
            target = main.parent / name
            if m.group(1) == "includepdf" or target.suffix != ".tex":
                target = target.with_suffix(".tex")
            return "\n" + load(target, depth + 1) + "\n" if target.exists() else ""
        return re.sub(r"\\(input|include|includepdf)(?:\[[^\]]*\])?\{([^}]+)\}", inline, text)
    return load(main)


def strip_comments(text: str) -> str:
    out = []
    for line in text.split("\n"):
        m = re.search(r"(?<!\\)%", line)
        if m and not re.search(r"\\verb(.)[^\n]*%[^\n]*\1", line[: m.start() + 40]):
            line = line[: m.start()]
            if not line.strip():
                continue  # a whole-line comment is not a blank line (no paragraph break)
        out.append(line)
    return "\n".join(out)


def braced(text: str, start: int) -> tuple[str, int]:
    """The content of the brace group opening at text[start] == '{', and the index after it."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "\\":
            continue
        if text[i] == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif text[i] == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[start + 1: i], i + 1
    return text[start + 1:], len(text)


def macro_definitions(text: str) -> tuple[dict[str, str], set[str]]:
    """Argument-less text macros (name -> body) and macros wrapping a sectioning command."""
    plain: dict[str, str] = {}
    headings: set[str] = set()
    for m in re.finditer(r"\\(?:re)?newcommand\*?\{?\\([A-Za-z]+)\}?(\[\d\])?\s*(?=\{)", text):
        body, _ = braced(text, m.end())
        if m.group(2):
            if re.search(r"\\(?:" + "|".join(SECTIONING) + r")\*?\s*\{[^}]*#1", body):
                headings.add(m.group(1))
        elif "#" not in body and not re.search(r"\\[A-Za-z]", body):  # plain text only
            plain[m.group(1)] = body
    return plain, headings


def expand_macros(text: str, plain: dict[str, str]) -> str:
    for _ in range(3):
        text = re.sub(r"\\([A-Za-z]+)(?![A-Za-z])(\{\})?",
                      lambda m: plain[m.group(1)] if m.group(1) in plain else m.group(0), text)
    return text


def protect_verbatim(text: str) -> str:
    """Backslashes inside \\verb|...| are text: hide them from the macro and heading scans."""
    return re.sub(r"\\verb([^A-Za-z\s])(.*?)\1", lambda m: "\\verb" + m.group(1) + m.group(2).replace("\\", BACKSLASH)
                  + m.group(1), text)


def remove_environments(text: str, names: set[str]) -> str:
    pattern = re.compile(r"\\begin\{([^}]+)\}")
    pos = 0
    out = []
    while True:
        m = pattern.search(text, pos)
        if not m:
            out.append(text[pos:])
            return "".join(out)
        name = m.group(1)
        if name not in names:
            out.append(text[pos: m.end()])
            pos = m.end()
            continue
        out.append(text[pos: m.start()] + "\n\n")
        depth, i = 1, m.end()
        inner = re.compile(r"\\(begin|end)\{" + re.escape(name) + r"\}")
        while depth and i < len(text):
            n = inner.search(text, i)
            if not n:
                i = len(text)
                break
            depth += 1 if n.group(1) == "begin" else -1
            i = n.end()
        pos = i


# ---------------------------------------------------------------- rendering


def render(src: str) -> tuple[str, bool]:
    """LaTeX -> printed text (approximate); True when it held math other than citations."""
    out: list[str] = []
    has_math = False
    i = 0
    enum_stack: list[list[int] | None] = []
    while i < len(src):
        c = src[i]
        if src.startswith("\\verb", i) and i + 5 < len(src) and not src[i + 5].isalpha():
            delim = src[i + 5]
            end = src.find(delim, i + 6)
            out.append(src[i + 6: end].replace(BACKSLASH, "\\"))
            i = end + 1
            continue
        if src.startswith("$$", i) or src.startswith("\\[", i):
            end = src.find("$$" if c == "$" else "\\]", i + 2)
            out.append(MATH)
            has_math, i = True, (end + 2 if end >= 0 else len(src))
            continue
        if c == "$":
            end = src.find("$", i + 1)
            math = src[i + 1: end]
            cite = CITATION_MATH.fullmatch(math)
            if cite:
                out.append(cite.group(1))
            elif math.strip() in SIMPLE_MATH:
                out.append(SIMPLE_MATH[math.strip()])
            else:
                out.append(MATH)
                has_math = True
            i = end + 1
            continue
        if c == "\\":
            m = re.match(r"\\([A-Za-z]+\*?|.)", src[i:], re.S)
            if not m:
                break
            name = m.group(1)
            i += m.end()
            if name in ("begin", "end"):
                env, i = braced(src, i) if src[i:i + 1] == "{" else ("", i)
                if env in ("enumerate", "itemize"):
                    if name == "begin":
                        enum_stack.append([0] if env == "enumerate" else None)
                    elif enum_stack:
                        enum_stack.pop()
                out.append("\n\n")
                continue
            if name == "item":
                counter = enum_stack[-1] if enum_stack else None
                if counter is not None:
                    counter[0] += 1
                out.append("\n\n" + (f"{counter[0]}. " if counter is not None else "• "))
                continue
            if name == "centerline":
                arg, i = braced(src, i) if src[i:i + 1] == "{" else ("", i)
                out.append("\n\n" + DISPLAY_LINE + render(arg)[0] + "\n\n")
                continue
            if name == "centering":
                out.append(DISPLAY_LINE)
                continue
            if name == "noindent":
                out.append(NOINDENT)
                continue
            if name in SYMBOLS:
                out.append(SYMBOLS[name])
                if src[i:i + 2] == "{}":
                    i += 2
                continue
            args = []
            while i < len(src) and src[i] in "[{":
                if src[i] == "[":
                    end = src.find("]", i)
                    i = end + 1
                    continue
                arg, i = braced(src, i)
                args.append(arg)
                if name not in TEXT_WRAPPERS and name not in ("textcolor",) and name not in DROPPED_WITH_ARGUMENT:
                    break
            if name in DROPPED_WITH_ARGUMENT:
                continue
            if name == "textcolor" and len(args) >= 2:
                args = args[1:]
            for arg in args:
                text, math = render(arg)
                out.append(text)
                has_math |= math
            continue
        ligature = next((lig for lig in LIGATURES if src.startswith(lig, i)), None)
        if ligature:
            out.append(LIGATURES[ligature])
            i += len(ligature)
            continue
        if c in "{}":
            i += 1
            continue
        out.append(" " if c == "~" else c)
        i += 1
    return "".join(out), has_math


# ---------------------------------------------------------------- headings and paragraphs

MANUAL_HEADING = re.compile(r"\d+(?:\.\d+)*\s+(\S{1,20})")


def heading_commands(heading_macros: set[str]) -> re.Pattern:
    names = "|".join(SECTIONING + tuple(sorted(heading_macros)))
    return re.compile(r"\\(" + names + r")\*?(?:\[[^\]]*\])?\s*(?=\{)")


def extract(main: Path) -> Truth:
    """Headings and paragraphs of a LaTeX document (see the module docstring)."""
    source = read_sources(main)
    plain, heading_macros = macro_definitions(source)
    begin, end = source.find("\\begin{document}"), source.rfind("\\end{document}")
    body = source[begin + len("\\begin{document}"): end if end >= 0 else None]
    body = protect_verbatim(expand_macros(body, plain))
    body = re.sub(r"\\(?:vskip|hskip|kern)\s*-?[\d.]+\s*(?:pt|bp|mm|cm|em|ex|true\s*cm)?", " ", body)
    body = re.sub(r"\\begin\{(spacing|multicols|minipage)\}\{[^}]*\}", r"\\begin{\1}", body)
    theorem_like = set(re.findall(r"\\newtheorem\{([^}]+)\}", source))
    body = re.sub(r"\\begin\{thebibliography\}.*?\\end\{thebibliography\}|\\printbibliography(?:\[[^\]]*\])?",
                  f"\n\n{BIBLIOGRAPHY}\n\n", body, flags=re.S)
    body = remove_environments(body, SKIPPED_ENVIRONMENTS | theorem_like)
    truth = Truth()
    pieces: list[tuple[str, str]] = []  # (heading | text, source)
    pos = 0
    for m in heading_commands(heading_macros).finditer(body):
        pieces.append(("text", body[pos: m.start()]))
        title, pos = braced(body, m.end())
        pieces.append(("heading", title))
    pieces.append(("text", body[pos:]))
    # the body starts after \maketitle, or at the first heading when there is no \maketitle
    in_body = opened = False
    front_matter_marked = "\\maketitle" in body or "\\mainmatter" in body
    for kind, raw in pieces:
        if kind == "heading":
            if opened or not front_matter_marked:
                text, _ = render(raw)
                truth.headings.append(re.sub(r"\s+", " ", text.replace(NOINDENT, "")).strip())
                in_body = True
            continue
        for opening in ("\\maketitle", "\\mainmatter"):
            if opening in raw:
                raw = raw[raw.index(opening) + len(opening):]
                in_body = opened = True
        text, _ = render(raw)
        for para in re.split(r"\n\s*\n", text):
            noindent = para.lstrip().startswith(NOINDENT)
            has_math = MATH in para
            para = re.sub(r"\s*\n\s*", " ", re.sub(f"[{MATH}{NOINDENT}]", "", para)).strip()
            if BIBLIOGRAPHY in para:
                in_body = False  # back matter after the bibliography counts only under a later heading
                continue
            if DISPLAY_LINE in para or not re.search(r"[\u4e00-\u9fffA-Za-z]{2}", para):
                continue  # a display line (title, author, a centred label) or no text
            manual = MANUAL_HEADING.fullmatch(para)
            if manual and noindent:
                truth.headings.append(manual.group(1))
                in_body = True
            elif in_body:
                (truth.with_math if has_math else truth.paragraphs).append(para)
    return truth
