"""The ruled tables' finder (`ruled_tables.Finder`) finds what pdfplumber's `TableFinder` finds: the same
crossings, cells and tables in the same order, on drawn grids (merged cells, edges just within and just past
the tolerances) and on every page of the real PDFs; and `Placed` finds a box's glyphs as a scan does."""

from __future__ import annotations

from pdfplumber.table import TableFinder, TableSettings

from extract.pdf.chars import Char
from extract.pdf.open import open_pdf
from extract.pdf.ruled_tables import Finder, Placed, find_tables, mid_y, unshaded


class Drawn:
    """A page of edges only, as the finder reads it."""

    def __init__(self, edges: list[dict]) -> None:
        self.edges = edges
        self.bbox = (0.0, 0.0, 600.0, 800.0)


def h(y: float, x0: float, x1: float) -> dict:
    return {"orientation": "h", "object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
            "width": x1 - x0, "height": 0.0}


def v(x: float, top: float, bottom: float) -> dict:
    return {"orientation": "v", "object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom,
            "width": 0.0, "height": bottom - top}


def bbox(e: dict) -> tuple:
    return (e["x0"], e["top"], e["x1"], e["bottom"])


def same(page, settings: dict | None = None) -> list:
    tset = TableSettings.resolve(settings or {})
    theirs, ours = TableFinder(page, tset), Finder(page, tset)
    assert [(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"], e.get("width"), e.get("height")) for e in ours.edges] \
        == [(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"], e.get("width"), e.get("height")) for e in theirs.edges]
    assert {p: {k: [bbox(e) for e in found[k]] for k in "vh"} for p, found in ours.intersections.items()} \
        == {p: {k: [bbox(e) for e in found[k]] for k in "vh"} for p, found in theirs.intersections.items()}
    assert ours.cells == theirs.cells
    assert [t.cells for t in ours.tables] == [t.cells for t in theirs.tables]
    return ours.tables


def test_grid_with_merged_cells_and_edges_at_the_tolerances():
    edges = [h(100, 50, 300), h(120, 50, 300), h(140.9, 50, 180), h(160, 50, 300),  # a rule short of the right
             v(50, 100, 160), v(181, 99.2, 160.8), v(300, 100, 160),
             h(400, 50, 120), h(430, 48, 122), v(50, 402, 430), v(85, 400, 430), v(121.5, 400, 430),  # corners off
             h(600, 50, 90), h(620, 50, 90), v(50, 600, 620), v(90, 600, 620),  # a box: one cell, no table
             v(500, 10, 20), h(700, 10, 20)]  # edges meeting nothing
    tables = same(Drawn(edges))
    assert [t.bbox for t in tables] == [(50, 100, 300, 160), (50, 400, 121.5, 430)]
    assert len(tables[0].cells) == 5  # the short rule leaves the right column a cell over two rows
    same(Drawn(edges), {"intersection_tolerance": 0.5, "snap_tolerance": 0})
    same(Drawn(edges), {"snap_x_tolerance": 0, "join_tolerance": 0.5, "edge_min_length": 25})
    same(Drawn(edges + [h(100.1, 300, 400), h(99.9, 390, 420), v(181.2, 150, 200), v(300, 159, 170)]))  # joined
    same(Drawn(edges), {"explicit_vertical_lines": [120.0, 250.0]})


def test_same_tables_as_pdfplumber_on_real_pages(realworld):
    found = 0
    for path in sorted((realworld / "pdf").glob("*.pdf")):
        pdf = open_pdf(path.read_bytes())
        try:
            for page in pdf.pages:
                for drawn in {id(p): p for p in (page, unshaded(page))}.values():
                    found += len(same(drawn))
                assert [t.cells for t in find_tables(page, {})] == [t.cells for t in page.find_tables({})]
        finally:
            pdf.close()
    assert found > 10  # the real pages hold ruled tables: the finders were compared on them


def glyph(text: str, x0: float, top: float, size: float = 10.0, baseline: float | None = None) -> Char:
    bottom = top + size
    return Char(text=text, x0=x0, x1=x0 + size, top=top, bottom=bottom, size=size, bold=False, font="SimSun",
                baseline=bottom - 0.2 * size if baseline is None else baseline)


def test_placed_finds_a_box_glyphs_in_page_order():
    chars = [glyph(t, x, y) for t, x, y in (("b", 100, 200), ("a", 10, 10), ("c", 100, 195), ("d", 55, 200),
                                              ("e", 100, 205.0001), ("f", 100, 300))]
    chars.append(glyph("∑", 60, 150, baseline=205))  # a math glyph printed a row below its box: by its baseline
    placed = Placed(chars)
    for box in ((95, 195, 115, 215), (0, 0, 600, 800), (100, 200, 110, 210), (60, 200, 110, 210), (0, 0, 5, 5)):
        x0, top, x1, bottom = box
        assert placed.box(*box) == [c for c in chars if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= mid_y(c) <= bottom]
    assert [chars[i].text for i in placed.band(200, 210, closed=False)] == ["b", "d", "∑"]
    assert [chars[i].text for i in placed.band(205, 210.0001)] == ["b", "d", "e"]  # its ends included


def test_char_key_is_glyph_equality():
    """`CHAR_KEY` stands for `==` on glyphs (a set of keys answers `c in glyphs`): equal glyphs, distinct
    objects, share a key; a glyph differing in any one field does not."""
    from dataclasses import fields, replace

    from extract.pdf.rule_tables import CHAR_KEY

    a = glyph("表", 10, 20)
    assert CHAR_KEY(replace(a)) == CHAR_KEY(a)
    changed = {"text": "格", "font": "SimHei", "bold": True, "math": True, "hei": True}
    for f in fields(Char):
        other = replace(a, **{f.name: changed.get(f.name, 0.5)})
        assert (other == a) == (CHAR_KEY(other) == CHAR_KEY(a)) and other != a, f.name


def test_bands_finds_the_glyphs_strictly_between():
    from extract.pdf.rule_tables import Bands

    chars = [glyph(t, 10 * k, y) for k, (t, y) in enumerate((("a", 100), ("b", 90), ("c", 95), ("d", 200), ("e", 85)))]
    bands = Bands(chars)
    for upper, lower in ((90, 105), (95, 105), (0, 1000), (100, 100), (105, 90)):
        assert bands.between(upper, lower) == [c for c in chars if upper < (c.top + c.bottom) / 2 < lower]
    assert [c.text for c in bands.between(94.9, 105.1)] == ["a", "b", "c"]  # in page order
    assert [c.text for c in bands.between(95, 105)] == ["c"]  # its ends left out
    assert [c.text for c in bands.within(95, 105)] == ["a", "b", "c"]  # its ends in
    assert bands.within(90, 100) == [c for c in chars if 90 <= (c.top + c.bottom) / 2 <= 100]


def test_outside_keeps_the_glyphs_of_no_table_box():
    import random

    from extract.pdf.ruled_tables import outside
    from extract.pdf.tables import TableItem

    rng = random.Random(23)
    chars = [glyph("字", rng.uniform(0, 500), rng.uniform(0, 700)) for _ in range(400)]
    chars.append(glyph("∑", 120, 100, baseline=320))  # a math glyph: where its baseline prints it, in the table
    tables = [TableItem([["a", "b"]], 1, 100, 300, 300, 400, [100, 200, 300], 10.0),
              TableItem([["c", "d"]], 1, 50, 150, 500, 540, [50, 100, 150], 10.0)]
    kept = outside(chars, tables)
    assert kept == [c for c in chars if not any(t.x0 - 1 <= (c.x0 + c.x1) / 2 <= t.x1 + 1
                                                and t.top - 1 <= mid_y(c) <= t.bottom + 1 for t in tables)]
    assert chars[-1] not in kept and 300 < len(kept) < 400
    assert outside(chars, []) == chars


def test_column_chars_as_by_a_scan_of_the_boundaries():
    """`column_chars` finds the boundaries a fragment leaves free, and a piece's column, by bisection when the
    boundaries are in order: the same columns and spans as testing every boundary (its reading before)."""
    import random

    from extract.pdf.lines import group_lines
    from extract.pdf.rule_tables import column_chars, cut_at_gap
    from extract.pdf.settings import PdfSettings

    s = PdfSettings()

    def scanned(lines, bounds):
        columns: list[list[Char]] = [[] for _ in range(len(bounds) + 1)]
        spans = False
        for ln in lines:
            pieces: list[list[Char]] = []
            for c in sorted((c for c in ln.chars if not c.is_space), key=lambda c: c.x0):
                if pieces and not any(pieces[-1][-1].x1 <= b <= c.x0 for b in bounds):
                    pieces[-1].append(c)
                else:
                    pieces.append([c])
            for piece in [p for whole in pieces for p in cut_at_gap(whole, bounds, ln.size * s.rule_table_gap)]:
                start = sum((piece[0].x0 + piece[0].x1) / 2 > b for b in bounds)
                spans = spans or sum((piece[-1].x0 + piece[-1].x1) / 2 > b for b in bounds) > start
                columns[start] += piece + [c for c in ln.chars if c.is_space and piece[0].x0 <= c.x0 <= piece[-1].x1]
        return columns, spans

    rng = random.Random(7)
    for _ in range(40):
        x, chars = 50.0, []
        while x < 400:
            chars.append(glyph(rng.choice("表格数 1."), x, 100))
            x += 10 + rng.choice((0, 0, 0, 5, 25))
        lines = group_lines(chars, 1, s)
        bounds = sorted(rng.uniform(40, 420) for _ in range(rng.randint(0, 5)))
        bounds += [x for x in bounds[:1] if rng.random() < 0.3]  # a boundary twice, after the others: not in order
        assert column_chars(lines, bounds, s) == scanned(lines, bounds)


def test_three_line_tables_group_the_same_glyphs_once():
    """While a page's three-line tables are read, the same glyphs in the same order are grouped into lines
    once (the same lines, each caller its own list); other glyphs, or none cached (outside), are grouped anew."""
    import extract.pdf.rule_tables as RL
    from extract.pdf.lines import group_lines
    from extract.pdf.settings import PdfSettings

    s = PdfSettings()
    chars = [glyph(t, 50 + 10 * k, 100) for k, t in enumerate("表格一 12")] + [glyph("二", 50, 130)]
    assert RL._GROUPED is None
    assert RL.group_lines(chars, 1, s)[0] is not RL.group_lines(chars, 1, s)[0]  # nothing kept outside
    RL._GROUPED = {}
    try:
        first, again = RL.group_lines(chars, 1, s), RL.group_lines(list(chars), 1, s)
        assert first == again and first is not again and all(a is b for a, b in zip(first, again))
        assert [ln.text for ln in first] == [ln.text for ln in group_lines(chars, 1, s)]
        assert [ln.text for ln in RL.group_lines(chars[:-1], 1, s)] == [first[0].text]
        assert RL.cell_text(chars[:3], 1, s) == "表格一"
    finally:
        RL._GROUPED = None


def test_straight_edges_are_the_page_edges_with_an_orientation(realworld):
    """`straight_edges` gives pdfplumber's `page.edges` (every field, in order) but a curve's slanted pieces,
    which no finder step reads (they have no orientation): on every page of the real PDFs."""
    from extract.pdf.ruled_tables import straight_edges

    dropped = curved = 0
    for path in sorted((realworld / "pdf").glob("*.pdf")):
        pdf = open_pdf(path.read_bytes())
        try:
            for page in pdf.pages:
                ours, theirs = straight_edges(page), page.edges
                assert ours == [e for e in theirs if e["orientation"] is not None]
                dropped += len(theirs) - len(ours)
                curved += sum(e["object_type"] == "curve_edge" for e in ours)
        finally:
            pdf.close()
    assert dropped > 100 and curved > 10  # the pages draw slanted and straight curve pieces: both were compared


def test_may_caption_holds_for_every_caption():
    """`may_caption` (the glyphs a caption opens with) is true of every text `parse_caption` reads as a caption
    (so a row it refuses needs no reading), and false of cells without 图/表 or the letters of fig/table."""
    import random

    from extract.pdf.ruled_tables import may_caption
    from extract.structure.captions import parse_caption

    for text in ("表1 结果", "續表 2-1 數據", "图3-2 流程", "Table 4 Results", "TABLE 1. Data", "Fig. 2 Plot",
                 "FIGURE 3 the set-up"):
        assert parse_caption(text) is not None and may_caption(text), text
    for text in ("实验结果", "12.5", "Mean error", "", "tab le"[:3]):
        assert not may_caption(text), text
    rng = random.Random(5)
    alphabet = "表图圖续FIGTABLEfigtable .:1-2 结果x"
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        if parse_caption(text) is not None:
            found += 1
            assert may_caption(text), text
    assert found > 50


def test_join_strokes_joins_each_stroke_to_the_last_rule_it_runs_on_from():
    """Strokes end to end on one level are one rule, each joined to the last rule of its level whose end it
    starts at (within 3 pt): as a scan of all of them finds it; a stroke across others stays apart."""
    import random

    from extract.pdf.ruled_tables import join_strokes

    def scanned(strokes):
        levels: list = []
        for stroke in sorted(strokes):
            if levels and stroke[0] - levels[-1][0][0] <= 1:
                levels[-1].append(stroke)
            else:
                levels.append([stroke])
        joined: list = []
        for level in levels:
            start = len(joined)
            for y, a, b in sorted(level, key=lambda r: r[1]):
                ends = [k for k in range(start, len(joined)) if abs(a - joined[k][2]) <= 3]
                if ends:
                    joined[ends[-1]][2] = max(joined[ends[-1]][2], b)
                else:
                    joined.append([y, a, b])
        return [tuple(r) for r in joined]

    assert join_strokes([(100, 50, 100), (100.5, 101, 150), (100, 20, 300), (200, 50, 60)]) == \
        [(100, 20, 300), (100, 50, 150), (200, 50, 60)]
    rng = random.Random(11)
    for _ in range(300):
        strokes = []
        for _ in range(rng.randint(0, 12)):
            a = rng.choice((10, 50, 52, 100, 101.5, 150))
            strokes.append((rng.choice((100, 100.5, 101.8, 300)), a, a + rng.choice((1, 40, 48, 50, 100))))
        assert join_strokes(strokes) == scanned(strokes)
