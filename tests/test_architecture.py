"""The tree keeps its architecture: stage packages do not import one another, and the README's module map
lists every package and module of src/extract (and nothing that is gone)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "extract"

# the stages of one paper, in order; each is a package that imports only the ground floor and itself
STAGES = ("textfile", "pdf", "structure", "citations", "references", "normalize")
GROUND_FLOOR = {"model", "schema", "text", "settings", "errors", "collector"}
# imports that still cross between stages (debt to pay, not to grow): importer -> imported module
KNOWN_CROSSINGS = {
    ("structure.document", "references"),  # is_reference_heading; list_entries: the list's end decided with it
    ("structure.model", "references"),  # ReferenceList: the model holds the list's entries as split
    ("structure.front_matter", "references"),
    ("structure.reference_list", "references"),  # find_reference_heading
    ("structure.front_matter", "normalize"),  # remove_pinyin_annotations
    ("structure.labels", "normalize"),  # convert (labels probed in Simplified)
    ("structure.paragraphs", "citations"),  # extract_citation_markers
    ("citations.author_year", "references.names"),  # TRAILING_ET_AL
    ("pdf.figures", "structure.captions"),  # parse_caption: a captioned ruled table is no diagram
    ("pdf.rule_tables", "structure.captions"),  # parse_caption: a caption line is no table row
    ("pdf.ruled_tables", "structure.captions"),  # parse_caption: a caption alone in a grid's first or last row
    ("pdf.unruled_tables", "structure.captions"),  # parse_caption: a caption beside a text column is no cell
    ("pdf.rule_tables", "structure.headings"),  # parse_heading: a numbered title between two tables ends the first
    ("pdf.unruled_tables", "structure.headings"),  # parse_heading: a heading above aligned rows is no header row
    ("structure.cover", "normalize"),  # a cover's labels compared in Simplified
}


def imported_modules(path: Path) -> set[str]:
    """Modules of `extract` a file imports (relative or absolute), as dotted names below `extract`."""
    module = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
    parts = module.split(".")
    if parts[-1] == "__init__":
        parts = parts[:-1] + ["__init__"]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[:len(parts) - node.level]
                name = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("extract."):
                name = node.module.removeprefix("extract.")
            else:
                continue
            if name:
                out.add(name)
        elif isinstance(node, ast.Import):
            out |= {a.name.removeprefix("extract.") for a in node.names if a.name.startswith("extract.")}
    return out


def test_stages_import_only_the_ground_floor_and_themselves():
    crossings = set()
    for stage in STAGES:
        for path in sorted((PACKAGE / stage).glob("*.py")):
            importer = f"{stage}.{path.stem}"
            for name in imported_modules(path):
                top = name.split(".")[0]
                if top in (stage, *GROUND_FLOOR):
                    continue
                crossings.add((importer, name))
    assert crossings - KNOWN_CROSSINGS == set(), "a stage imports another stage or a layer above it"
    assert KNOWN_CROSSINGS - crossings == set(), "a known crossing is gone: take it off the list"


def test_imported_modules_reads_relative_and_absolute_imports():
    assert imported_modules(PACKAGE / "structure" / "paragraphs.py") >= {"citations", "text"}


def test_readme_module_map_matches_the_tree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it works", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `(src/extract/[^`]+)` \|", section, re.M))
    tree = {f"src/extract/{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    tree |= {f"src/extract/{p.name}" for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    assert sorted(listed - tree) == [], "the module map names what does not exist"
    assert sorted(tree - listed) == [], "the module map leaves these out"


def code_lines(path: Path) -> int:
    """Lines of code: neither blank, nor a comment, nor a docstring."""
    source = path.read_text(encoding="utf-8")
    docstrings = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node):
            first = node.body[0]
            docstrings.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return sum(1 for number, line in enumerate(source.splitlines(), 1)
               if line.strip() and not line.strip().startswith("#") and number not in docstrings)


def test_the_flow_is_thin_tasks_around_the_library_sequence():
    """flows/papers.py holds the tasks and the flow, not the run: under 100 lines of code, and it calls
    extract.run's sequence instead of writing its own plan/stage/check/publish."""
    flow = ROOT / "flows" / "papers.py"
    assert code_lines(flow) <= 100
    source = flow.read_text(encoding="utf-8")
    assert "lib.run_sequence(" in source
    for step in ("lib.plan_run(", "lib.run_batch(", "lib.check_outcomes(", "lib.publish_outcomes("):
        assert source.count(step) == 1, step
