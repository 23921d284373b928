"""`papers inspect`: a page of a real PDF drawn with what the reader read on it."""

import pdfplumber
import pytest
from PIL import Image

from extract.cli import main
from extract.inspect import COLOURS, draw_page

PAPER = "journal_aps_cn.pdf"  # headings, footnotes, captions, running headers, figure text and formulas


def rows_on(rows: dict, name: str, page: int, column: str = "page") -> list[dict]:
    return [r for r in rows[name] if r[column] == page]


@pytest.mark.parametrize("page", [1, 2, 3])
def test_the_picture_has_the_page_size_and_each_box_kind_matches_the_rows_of_that_page(realworld, paper_rows,
                                                                                        tmp_path, page):
    pdf = realworld / "pdf" / PAPER
    rows = paper_rows(pdf)
    picture = draw_page(pdf, page, tmp_path / "p.png", rows, scale=2)
    with pdfplumber.open(pdf) as doc:
        width, height = doc.pages[page - 1].width, doc.pages[page - 1].height
    image = Image.open(tmp_path / "p.png")
    assert image.format == "PNG" and image.size == picture.size == (round(width * 2), round(height * 2))
    drawn = {}
    for item in picture.drawn:
        drawn.setdefault(item.kind, []).append(item)
        x0, top, x1, bottom = item.bbox
        assert 0 <= x0 < x1 <= width + 1 and 0 <= top < bottom <= height + 1
    assert len(drawn.get("heading", [])) == len(rows_on(rows, "sections", page))
    assert len(drawn.get("footnote", [])) == len(rows_on(rows, "footnotes", page))
    assert len(drawn.get("caption", [])) == len(rows_on(rows, "figures", page)) + len(
        [r for r in rows_on(rows, "tables", page) if r["caption_source"]])
    assert len(drawn.get("table", [])) == len([r for r in rows_on(rows, "tables", page) if r["has_body"]])
    headings = {r["title_source"].replace(" ", "") for r in rows_on(rows, "sections", page)}
    for item in drawn.get("heading", []):  # each heading box holds one of this page's headings
        assert any(title in item.text.replace(" ", "") for title in headings), item.text
    flags = rows_on(rows, "quality_flags", page)
    for kind in [k for k in drawn if k.endswith("_removed")]:
        assert any(f["kind"] == kind for f in flags), kind  # a removal is drawn only where the rows record one
    for item in drawn.get("heading", [])[:1]:  # the box is drawn in the heading colour, at its left edge
        x, y = round(item.bbox[0] * 2), round(item.bbox[1] + item.bbox[3])
        assert COLOURS["heading"][1] in {image.convert("RGB").getpixel((x + dx, y)) for dx in range(-2, 3)}


def test_page_one_shows_headings_and_footnotes_and_page_two_the_removals(realworld, paper_rows, tmp_path):
    pdf = realworld / "pdf" / PAPER
    first = draw_page(pdf, 1, tmp_path / "1.png", paper_rows(pdf))
    second = draw_page(pdf, 2, tmp_path / "2.png", paper_rows(pdf))
    assert {"paragraph", "heading", "footnote"} <= {d.kind for d in first.drawn}
    assert {"caption", "running_header_removed", "page_number_removed", "figure_text_removed",
            "formula_debris_removed"} <= {d.kind for d in second.drawn}


def test_cli_writes_the_picture_and_refuses_a_page_out_of_range(realworld, tmp_path, capsys):
    pdf = realworld / "pdf" / PAPER
    out = tmp_path / "page.png"
    assert main(["inspect", str(pdf), "--page", "1", "--out", str(out), "--datasets", str(tmp_path / "none")]) == 0
    assert Image.open(out).size[0] > 0 and str(out) in capsys.readouterr().out
    assert main(["inspect", str(pdf), "--page", "999", "--out", str(out)]) == 2
    assert "--page must be within 1-" in capsys.readouterr().err
    assert main(["inspect", "no_such_paper", "--page", "1", "--raw", str(tmp_path)]) == 2


def test_headings_are_named_by_the_published_rows_when_output_holds_the_paper(realworld, paper_rows, tmp_path):
    import shutil

    from extract.inspect import paper_rows as rows_for
    from extract.run.sequence import RunRequest, run_papers

    (tmp_path / "raw").mkdir()
    pdf = shutil.copy(realworld / "pdf" / PAPER, tmp_path / "raw" / PAPER)
    run_papers(RunRequest(tmp_path / "raw", tmp_path / "output"))
    published = rows_for(pdf, tmp_path / "output")
    assert [(r["title_source"], r["page"]) for r in published["sections"]] == [
        (r["title_source"], r["page"]) for r in paper_rows(realworld / "pdf" / PAPER)["sections"]]
    picture = draw_page(pdf, 1, tmp_path / "1.png", published)
    assert len([d for d in picture.drawn if d.kind == "heading"]) == len(
        [r for r in published["sections"] if r["page"] == 1]) > 0


def chars_in(page, box) -> str:
    x0, top, x1, bottom = box
    return "".join(c["text"] for c in page.chars if x0 - 0.5 <= (c["x0"] + c["x1"]) / 2 <= x1 + 0.5
                   and top - 0.5 <= (c["top"] + c["bottom"]) / 2 <= bottom + 0.5 and c["text"].strip())


@pytest.mark.parametrize("paper, page, cells", [
    ("journal_aps_cn.pdf", 2, 43),  # ruled rows holding several printed rows, a ruled column holding three (W T L)
    ("journal_aas_template.pdf", 3, 92),  # two tables on one page
    ("bithesis_graduation.pdf", 6, 25),
    ("pdfplumber_issue-336-example.pdf", 1, 111),  # three tables, one of them without rules
])
def test_each_table_cell_is_drawn_on_the_text_of_its_row(realworld, paper_rows, tmp_path, paper, page, cells):
    """Every cell box holds on the page exactly the text of its cell, and the cells drawn are the table_cells
    rows of that page's tables (their non-empty values, one box each)."""
    from collections import Counter

    pdf = realworld / "pdf" / paper
    rows = paper_rows(pdf)
    picture = draw_page(pdf, page, tmp_path / "p.png", rows)
    drawn = [d for d in picture.drawn if d.kind == "cell"]

    def key(text):
        return "".join((text or "").split())

    with pdfplumber.open(pdf) as doc:
        for item in drawn:
            assert key(chars_in(doc.pages[page - 1], item.bbox)) == key(item.text), item
    on_page = {t["table_no"] for t in rows_on(rows, "tables", page)}
    published = Counter(key(c["value_source"]) for c in rows["table_cells"]
                        if c["table_no"] in on_page and key(c["value_source"]) and not c["filled_down"])
    assert Counter(key(d.text) for d in drawn if key(d.text)) == published
    assert sum(published.values()) == cells


def test_a_file_pdfminer_refuses_after_pdfium_read_it_is_a_one_line_error(realworld, paper_rows, tmp_path,
                                                                           monkeypatch):
    """PDFium reads the pages and pdfminer opens a file only on need, so the drawing (pdfplumber's page) may be
    the first to meet pdfminer's refusal: it is the command's one-line error, not pdfminer's exception."""
    from pdfminer.pdfparser import PDFSyntaxError

    from extract.inspect import InspectError

    pdf = realworld / "pdf" / PAPER

    def refuse(*args, **kwargs):
        raise PDFSyntaxError("No /Root object! - Is this really a PDF?")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    with pytest.raises(InspectError, match=r"not a readable PDF: No /Root object! - Is this really a PDF\?$"):
        draw_page(pdf, 1, tmp_path / "page.png", rows=paper_rows(pdf))
