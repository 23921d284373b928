"""A Latin word hyphenated at a line end inside a table's cell (`dou-` / `ble`; a ruled grid, a three-line
table) is rejoined without
its hyphen, and the hyphen is a recorded removal (`hyphenation_joined`, with the table's page), as in a
paragraph: nothing lost silently, the document's coverage stays 1.0. PDF drawn at test time (reportlab,
CID font STSong-Light)."""

from __future__ import annotations

from pathlib import Path

from extract.paper import process_paper
from tests.test_table_layouts import HEIGHT, LEFT, XS, Page, kinds, pdf, tables_of

PARAGRAPH = "本文比较两种浮点格式的运算速度，下表列出所用的数据类型及其位数，测试在同一台计算机上完成。"
HEADER = ["类型", "位数", "说明", "备注"]


def grid(page: Page, rows: list[list[list[str]]], xs: list[float], right: float) -> None:
    """A ruled grid: every cell boxed, each cell's printed lines (a list) one under the other."""
    size, pitch = 9.5, 9.5 * 1.5
    heights = [max(len(cell) for cell in row) * pitch + 6 for row in rows]
    top = page.y
    page.c.setLineWidth(0.5)
    y = top
    for row, height in zip(rows, heights):
        page.c.line(xs[0], HEIGHT - y, right, HEIGHT - y)
        for x, cell in zip(xs, row):
            for k, line in enumerate(cell):
                page.text(x + 4, line, size, y=y + 3 + size + k * pitch)
        y += height
    page.c.line(xs[0], HEIGHT - y, right, HEIGHT - y)
    for x in [*xs, right]:
        page.c.line(x, HEIGHT - top, x, HEIGHT - y)
    page.y = y + 24


def check(rows: dict, row: list[str]) -> None:
    (_, _, _, cells, _), = tables_of(rows)
    assert cells[1] == row
    hyphens = kinds(rows, "hyphenation_joined")
    assert [(f["original"], f["replacement"], f["page"]) for f in hyphens] == [("dou-ble", "double", 1)]
    assert rows["documents"][0]["coverage"] == 1.0


def test_ruled_cell_hyphenated_at_its_line_end(tmp_path: Path):
    def draw(page: Page) -> None:
        page.paragraph(PARAGRAPH)
        page.centered("表1 数据类型", 9.5)
        grid(page, [[[c] for c in HEADER], [["float"], ["64"], ["dou-", "ble"], ["IEEE 754"]],
                    [["int"], ["32"], ["整数"], ["补码"]]], [LEFT, LEFT + 100, LEFT + 180, LEFT + 300], LEFT + 420)
        page.paragraph(PARAGRAPH)

    check(process_paper(pdf(tmp_path / "ruled.pdf", draw)), ["float", "64", "double", "IEEE 754"])


def test_three_line_cell_hyphenated_at_its_line_end(tmp_path: Path):
    """Three rules, no grid: the cell's second line, closer than the rows' pitch, wraps the cell."""
    def draw(page: Page) -> None:
        page.paragraph(PARAGRAPH)
        page.centered("表1 数据类型", 9.5)
        page.y += 4
        page.rule(1.2)
        page.y += 14
        page.row(XS, HEADER)
        page.y -= 10
        page.rule(0.5)
        page.y += 14
        for x, text in zip(XS, ["float", "64", "a dou-", "IEEE"]):
            page.text(x, text, 9.5)
        page.y += 11.5
        page.text(XS[2], "ble type", 9.5)
        page.y += 18
        for row in (["int", "32", "整数", "补码"], ["char", "8", "字符", "ASCII"]):
            page.row(XS, row)
        page.y -= 10
        page.rule(1.2)
        page.y += 24
        page.paragraph(PARAGRAPH)

    check(process_paper(pdf(tmp_path / "three_line.pdf", draw)), ["float", "64", "a double type", "IEEE"])

