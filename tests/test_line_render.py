"""A line's text: the quick reading of a line without raised glyphs (its glyphs' texts joined, a space at a
drawn space or a wide gap) gives what the glyph-by-glyph reading gives, and the rules hold exactly."""

import random

from extract.pdf.chars import Char
from extract.pdf.lines import Line, cjk_flags, group_lines
from extract.pdf.settings import PdfSettings

S = PdfSettings()


def glyph(text: str, x0: float, width: float = 5.0, size: float = 10.0, baseline: float = 100.0) -> Char:
    return Char(text, x0, x0 + width, baseline - 0.8 * size, baseline + 0.2 * size, baseline, size, False)


def line(*chars: Char) -> Line:
    return Line(list(chars), 1, S)


def test_drawn_spaces_and_latin_gaps_are_one_space():
    # "ab" then a drawn space, "c" after a gap wider than space_gap (0.15 em), "d" touching
    ln = line(glyph("a", 0), glyph("b", 5), glyph(" ", 10, 3), glyph("c", 20), glyph("d", 25))
    assert ln.text == "ab cd"
    assert ln.starts_with_space is False and ln.ends_with_space is False
    assert line(glyph("x", 0), glyph("y", 7)).text == "x y"  # a 2 pt gap, over 1.5 pt
    assert line(glyph("x", 0), glyph("y", 6)).text == "xy"  # 1 pt: no space


def test_chinese_gaps_space_only_when_wide():
    # Chinese chars: a 2 pt gap (letter spacing) is none, a gap over 3 em (30 pt) is one
    assert line(glyph("中", 0, 10), glyph("文", 12, 10)).text == "中文"
    assert line(glyph("中", 0, 10), glyph("文", 41, 10)).text == "中 文"
    # in a line whose Chinese chars otherwise touch, a gap over cjk_word_gap (0.8 em) is a space
    tight = [glyph(ch, 10.0 * k, 10) for k, ch in enumerate("减速路障")]
    assert line(*tight, glyph("交", 49, 10), glyph("通", 59, 10)).text == "减速路障 交通"


def test_soft_hyphen_inside_a_line_and_at_its_end():
    assert line(glyph("a", 0), glyph("\u00ad", 5), glyph("b", 10)).text == "a-b"
    assert line(glyph("a", 0), glyph("b", 5), glyph("\u00ad", 10)).text == "ab\u00ad"


def test_a_line_of_spaces_only_has_no_text():
    ln = line(glyph(" ", 0, 3), glyph(" ", 3, 3))
    assert ln.text == "" and ln.starts_with_space and ln.ends_with_space


def test_raised_marker_and_exponent():
    body = [glyph(ch, 5.0 * k) for k, ch in enumerate("see")]
    marker = [glyph(ch, 15 + 3.0 * k, 3, size=6, baseline=96) for k, ch in enumerate("[3]")]
    assert line(*body, *marker).text == "see^[3]"
    assert line(glyph("m", 0), glyph("2", 5, 3, size=6, baseline=96)).text == "m²"


def test_quick_reading_agrees_with_the_glyph_loop():
    """Random lines without raised glyphs: the text `_render` gives equals `_render_raised`'s with no glyph
    raised (the loop that reads lines with superscripts)."""
    rng = random.Random(7)
    alphabet = ["a", "b", "1", ",", "中", "文", "，", "（", "）", " ", " ", "\u3000", "\u00ad", "fi"]
    checked = 0
    for _ in range(3000):
        x, chars = 0.0, []
        for _ in range(rng.randint(1, 25)):
            x += rng.choice([0.0, 0.0, 0.5, 1.6, 4.0, 9.0, 35.0])
            width = rng.choice([0.0, 3.0, 5.0, 10.0])
            chars.append(glyph(rng.choice(alphabet), x, width, size=rng.choice([10.0, 10.0, 10.3])))
            x += width
        for ln in group_lines(chars, 1, S):
            ink = [c for c in ln.chars if not c.text.isspace()]
            if not ink:
                continue
            at = [k for k, c in enumerate(ln.chars) if not c.text.isspace()]
            spaced = {k for k in range(1, len(ink)) if at[k] - at[k - 1] > 1}
            cjk = cjk_flags([c.text for c in ink])
            slow = ln._render_raised(ink, cjk, [False] * len(ink), spaced, ln._cjk_space_gap(ink, cjk),
                                     S.space_gap * ln.size)
            assert ln.text == slow, [c.text for c in ln.chars]
            checked += 1
    assert checked > 2000


def test_one_run_is_read_as_the_general_grouping_reads_it():
    """A cell's glyphs in one run (no space glyph) become their line directly: the same Line, every field,
    as when another line below sends them through the merging of runs."""
    rng = random.Random(11)
    alphabet = ["a", "b", "1", ",", "中", "文", "，", "（", "）", "\u00ad"]
    for _ in range(500):
        x, chars = 0.0, []
        for _ in range(rng.randint(1, 12)):
            x += rng.choice([0.0, 0.0, 0.5, 1.6])  # gaps under fragment_gap: one run
            size = rng.choice([10.0, 10.0, 10.3, 6.0])
            baseline = 100.0 - (3.0 if size == 6.0 else rng.choice([0.0, 0.0, 0.3]))
            chars.append(glyph(rng.choice(alphabet), x, 5.0, size=size, baseline=baseline))
            x += 5.0
        rng.shuffle(chars)
        alone = group_lines(list(chars), 1, S)
        below = [glyph("x", 0), glyph("y", 5)]
        below = [Char(c.text, c.x0, c.x1, c.top + 100, c.bottom + 100, c.baseline + 100, c.size, False) for c in below]
        merged = [ln for ln in group_lines(chars + below, 1, S) if ln.baseline < 150]
        assert alone == merged, [c.text for c in chars]


def test_grouped_lines_equal_lines_built_from_their_glyphs():
    """group_lines skips the sort and the space scan of a line that is one run without a space glyph: each line
    it gives equals the Line built afresh from its glyphs, shuffled (lines of runs, marks and spaces alike)."""
    rng = random.Random(5)
    alphabet = ["a", "b", "1", "中", "文", "，", " ", "[", "]"]
    for _ in range(300):
        chars = []
        for row in range(rng.randint(1, 4)):
            x = rng.choice([0.0, 3.0])
            for _ in range(rng.randint(1, 15)):
                x += rng.choice([0.0, 0.0, 1.0, 4.0, 30.0])  # 30 pt: a gap between fragments
                size = rng.choice([10.0, 10.0, 6.0])
                base = 100.0 + 14.0 * row - (3.0 if size == 6.0 else 0.0)
                chars.append(glyph(rng.choice(alphabet), x, 5.0, size=size, baseline=base))
                x += 5.0
        rng.shuffle(chars)
        for ln in group_lines(chars, 1, S):
            fresh = Line(rng.sample(ln.chars, len(ln.chars)), 1, S)
            assert fresh == ln, [c.text for c in ln.chars]
