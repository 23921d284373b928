"""Cheap first tests in front of slow scans and regexes (issue 23): they never change what the full scan finds."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

import pytest

from extract.normalize import chain
from extract.normalize.mojibake import mojibake_step
from extract.normalize.pinyin import pinyin_step
from extract.pdf.blocks import is_monospace, usual_pitch
from extract.pdf.chars import (
    BOLD_FONT,
    HEI_FONT,
    MATH_FONT,
    UNMAPPED,
    Char,
    PageChars,
    as_read,
    clusters,
    font_name,
    page_chars,
    record_chars,
)
from extract.pdf.edges import local_right_edges
from extract.pdf.lines import SpaceIndex, attach_marks, group_lines
from extract.pdf.pdfium import glyph_dict
from extract.pdf.ruled_tables import mid_y, outside
from extract.pdf.settings import PdfSettings
from extract.references.ieee import _ACCESSED, _ACCESSED_WORD
from extract.references.infer import _ELEMENT_OR_HOST, _element_or_host
from extract.structure.labels import LABEL, LABEL_KINDS, LABEL_START, match_label

ELEMENTS = [
    "张三, 译. 北京: 商务印书馆, 1990.", " 李四译. 上海", " translated by Smith A. London", " Smith A, trans. London",
    " TR. BY Zhang Y. Paris", "王五 编译. 北京", "X 譯注//文集", "//主编. 文集名", " 第2版. 北京", " ver. 2.1. x", " Rev. ed. x",
    # an English entry after its names: no translator word before the first period (the branch backtracked here)
    " Patterson, Brian Richards, Colin Schmidt, Stephen Twigg, Huy Vo, and Andrew Waterman. 2016. The Rocket",
    " 2016. The Rocket Chip Generator. Technical Report UCB EECS-2016-17." + " " * 60,
]


@pytest.mark.parametrize("text", ELEMENTS)
def test_element_or_host_agrees_with_the_full_pattern(text):
    for pos in range(len(text)):
        assert _element_or_host(text, pos) == (_ELEMENT_OR_HOST.match(text, pos) is not None), (text, pos)


def test_element_or_host_finds_translators_editions_and_hosts():
    assert [_element_or_host(t, 0) for t in ELEMENTS] == [True] * 11 + [False, False]


def test_label_start_admits_every_declared_label():
    for kind in LABEL_KINDS:
        for word in kind.words:
            for line in (f"{word}：正文", f"【{word}】正文", f"  {word}: text", f"{word.upper()}: text"):
                if LABEL.match(line):
                    assert LABEL_START.match(line), line
    assert match_label("【关键词】 机器学习").kind == "keywords_zh"
    assert match_label("ABSTRACT: We study").kind == "abstract_en"
    assert match_label("正文从这里开始") is None


def test_accessed_needs_its_word():
    for text in ("Available: http://x.org (Accessed: May 2, 2023).", "见于 2021", "accessed Jan. 2020"):
        assert _ACCESSED.search(text) and _ACCESSED_WORD.search(text)
    assert not _ACCESSED_WORD.search("IEEE Trans. Pattern Anal., 2019, 41(2): 1-10.")


def test_space_index_finds_what_a_scan_finds_in_page_order():
    spaces = [Char(" ", x, x + 3, top, top + 10, top + 8, 10.0, False)
              for top in (100.0, 50.0, 100.5, 200.0) for x in (10.0, 60.0, 300.0)]
    index = SpaceIndex(spaces)
    for top, bottom, x0, x1 in [(100, 110, 0, 100), (45, 112, 55, 70), (0, 400, 0, 500), (120, 190, 0, 500)]:
        scan = [sp for sp in spaces if top - 1 <= (sp.top + sp.bottom) / 2 <= bottom + 1
                and x0 - sp.size * 0.6 <= (sp.x0 + sp.x1) / 2 <= x1 + sp.size * 0.6]
        assert index.near(top, bottom, x0, x1) == scan
    assert len(index.near(100, 110, 0, 100)) == 4  # two lines' spaces at x 10 and 60 (tops 100 and 100.5)


def scan_attach_marks(merged, s):
    """attach_marks as a scan of every line for every short one (what the bisection must agree with)."""
    out = []
    for line in merged:
        chars, base, size, _, x0, x1 = line
        host = None
        if len(chars) <= s.mark_max_glyphs:
            near = [other for other in merged if other is not line and len(other[0]) > 3
                    and s.mark_min_size * other[2] <= size <= s.superscript_size_ratio * other[2]
                    and abs(base - other[1]) <= s.mark_tolerance * other[2]
                    and other[4] - other[2] <= x0 <= other[5] + s.fragment_gap * other[2]]
            host = min(near, key=lambda other: abs(base - other[1]), default=None)
        if host is None:
            out.append(line)
        else:
            host[0].extend(chars)
    return out


def merged_lines(specs):
    """group_lines' lines before their marks are attached: [glyphs, baseline, size, glyph count, x0, x1]."""
    return [[[object()] * n, base, size, n, x0, x0 + 8 * n] for n, base, size, x0 in specs]


def test_attach_marks_finds_what_a_scan_finds():
    settings = PdfSettings()
    rng = random.Random(23)
    for _ in range(200):
        specs = [(rng.choice([1, 2, 3, 4, 8, 20]), rng.uniform(0, 300), rng.choice([5.0, 7.5, 9.0, 10.5, 12.0, 24.0]),
                  rng.uniform(0, 400)) for _ in range(rng.randint(1, 25))]
        fast = attach_marks(merged_lines(specs), settings)
        scan = scan_attach_marks(merged_lines(specs), settings)
        assert [(len(ln[0]), ln[1:]) for ln in fast] == [(len(ln[0]), ln[1:]) for ln in scan]
    line = [[object()] * 20, 100.0, 10.0, 20, 50.0, 250.0]
    mark = [[object()] * 3, 96.0, 7.0, 3, 252.0, 260.0]  # `[3]` raised after the line's end
    assert attach_marks([mark, line], settings) == [line] and len(line[0]) == 23


STABILITY_TEXTS = [
    "发展创新型城市，区域合作。", "“創(chuàng)新型城市”(Innovative City)的發(fā)展, 區(qū)域 合作",
    "时代\u9a6d\u52ab正是", "見 https://example.org/a?id=1 中国", "吗?丛床刻促M股", "中\ufffd\ufffd文\ufffd",
    "模型为Y=α+βX+ε，其中ε服从正态分布。", "为什么?A股市场 and 香港, 發(fā)展", "",
]


@pytest.mark.parametrize("raw", STABILITY_TEXTS)
def test_is_stable_reuses_a_step_only_where_a_new_run_would_agree(raw):
    """normalize_text's stability test takes the pass's own pinyin and mojibake results where their input was
    the final text: the same answer as running both steps on it again."""
    text, _, _, protected, steps = chain._normalize_once(raw, [], "t2s")
    again = mojibake_step(text)
    fresh = not pinyin_step(text).changes and again.text == text and again.protected == protected
    assert chain._is_stable(text, protected, steps) == fresh


def to_char(c: dict, copies: int, faces: dict) -> Char:
    """A glyph as page_chars made it one at a time (the oracle): fake bold when drawn more than once, a font
    name's face cached per page."""
    if "baseline" in c:
        baseline = c["baseline"]
    else:
        matrix = c.get("matrix") or (1, 0, 0, 1, 0, c["y0"])
        baseline = c["bottom"] - (matrix[5] - c["y0"])  # the origin's y, top-down
    raw = c.get("fontname", "")
    if raw not in faces:
        font = font_name(c)
        faces[raw] = (font, bool(BOLD_FONT.search(font)), bool(MATH_FONT.match(font)), bool(HEI_FONT.search(font)))
    font, bold, math, hei = faces[raw]
    return Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], baseline, round(c["size"], 2),
                copies > 1 or bold, font, math, hei)


def slanted(c: dict) -> bool:
    """A glyph on a slope: the text matrix's rotation term over ~3 degrees (a shear is no slope)."""
    matrix = c.get("matrix")
    return bool(matrix) and abs(matrix[1]) > 0.05 * max(abs(matrix[0]), 1e-9)


def reference_page_chars(glyphs: list[dict]) -> PageChars:
    """page_chars as it was: as_read, the clusters of dedupe, to_char and slanted glyph by glyph."""
    raw = [as_read(c) for c in glyphs if c.get("text")]
    keys = [(c.get("upright", True), c["text"], font_name(c), round(c["size"], 2)) for c in raw]
    groups: dict = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    keep: dict[int, int] = {}
    for members in groups.values():
        for row in clusters(members, lambda i: raw[i]["doctop"], 1.0):
            for copies in clusters(row, lambda i: raw[i]["x0"], 1.0):
                keep[min(copies, key=lambda i: (raw[i]["doctop"], raw[i]["x0"]))] = len(copies)
    unique = [(raw[i], keep[i]) for i in sorted(keep)]
    out = PageChars([], "".join(c["text"] for c, _ in unique), len(raw) - len(unique))
    faces: dict = {}
    for c, copies in unique:
        char = to_char(c, copies, faces)
        if UNMAPPED.fullmatch(char.text):
            out.unmapped.append(char)
        elif not c.get("upright", True) or slanted(c):
            out.rotated.append(char)
        else:
            out.chars.append(char)
    return out


def random_glyphs(rng: random.Random, plumber: bool) -> list[dict]:
    """A page's glyphs: fake-bold copies (0.2-1.5 pt apart), ties, ligatures, `(cid:N)`, rotated and slanted
    matrices, several fonts and sizes; in pdfplumber's shape (no baseline) or PDFium's."""
    texts = ["的", "a", "b", " ", "\ufb01", "(cid:16)", "(cid:300)", "(cid:7)", "(cid:x)", "", "中"]
    fonts = ["ABCDEF+SimSun", "GHIJKL+SimSun", "CMMI10", "CMR10", "Times-Bold", "SimHei", b"XYZ+Arial"]
    out = []
    for _ in range(rng.randint(0, 60)):
        x, top, size = rng.choice([10.0, 10.5, 11.2, 30.0]), rng.choice([100.0, 100.4, 101.0, 140.0]), 10.5
        b = rng.choice([0.0, 0.0, 0.0, 0.3, 10.0, -0.01])
        glyph = {"text": rng.choice(texts), "x0": x, "x1": x + 5, "top": top, "bottom": top + size, "doctop": top,
                 "size": rng.choice([size, size + 1e-13, 9.0]), "fontname": rng.choice(fonts),
                 "upright": rng.random() > 0.1, "matrix": rng.choice([None, (10.5, b, 0.0, 10.5, x, 700 - top)])}
        if plumber:
            glyph["y0"] = 700 - top - size
        else:
            glyph["baseline"] = top + 8.0
        if rng.random() < 0.2:
            del glyph["upright"]
        out.append(glyph)
        for _ in range(rng.choice([0, 0, 1, 2, 3])):  # drawn again, a little off
            out.append({**glyph, "x0": x + rng.choice([0.0, 0.2, 1.0, 1.5]), "doctop": top + rng.choice([0.0, 0.3, 1.0, 2])})
    return out


@pytest.mark.parametrize("plumber", [False, True])
def test_page_chars_agrees_with_the_glyph_by_glyph_reading(plumber):
    rng = random.Random(23)
    for _ in range(300):
        glyphs = random_glyphs(rng, plumber)
        assert page_chars(None, glyphs) == reference_page_chars(glyphs)


def random_records(rng: random.Random) -> list[list]:
    """`random_glyphs` as PDFium's glyph records (doctop the top, a str font name, a matrix, never empty)."""
    out = []
    for k, g in enumerate(random_glyphs(rng, False)):
        if not g["text"] or isinstance(g["fontname"], bytes):
            continue
        a, b, c, d, ox, oy = g["matrix"] or (g["size"], 0.0, 0.0, g["size"], g["x0"], 700 - g["baseline"])
        out.append([g["text"], g["x0"], g["x1"], g["doctop"], g["doctop"] + g["size"], g["baseline"], g["size"],
                    g["fontname"], g.get("upright", True), (a, b, c, d), ox, oy, 0, k])
    return out


def test_page_chars_of_records_agrees_with_page_chars_of_dicts():
    rng = random.Random(17)
    duplicates = 0
    for _ in range(300):
        records = random_records(rng)
        expected = page_chars(None, [glyph_dict(r) for r in records])
        assert record_chars(records) == expected
        duplicates += expected.duplicates
    assert duplicates > 100  # fake-bold copies were there to drop


def scan_local_right_edges(lines) -> None:
    """local_right_edges as a scan of the page's lines for every line (what the bisection must agree with)."""
    by_page: dict = {}
    for ln in lines:
        by_page.setdefault((ln.page, ln.layout), []).append(ln)
    for group in by_page.values():
        for ln in group:
            near = [o for o in group if abs(o.size - ln.size) <= 0.3 and abs(o.baseline - ln.baseline) <= 8 * ln.size
                    and abs(o.x0 - ln.x0) <= 3 * ln.size]
            edge = max(o.x1 for o in near)
            support = sum(o.x1 >= edge - ln.size for o in near)
            if support >= 3 and support * 2 >= len(near) and edge < ln.right - 2 * ln.size:
                ln.right = edge


def test_local_right_edges_agrees_with_the_scan():
    rng = random.Random(5)
    for _ in range(200):
        lines = []
        for _ in range(rng.randint(1, 50)):
            size = rng.choice([9.0, 10.5, 10.6, 12.0])
            x0 = rng.choice([50.0, 52.0, 300.0])
            x1 = x0 + rng.choice([100.0, 200.0, 240.0, 245.0])
            lines.append(SimpleNamespace(page=rng.choice([1, 2]), layout=rng.choice([(1,), (2,)]), size=size,
                                         baseline=rng.choice([100.0, 112.0, 184.0, 184.0 + 1e-9, 300.0])
                                         + rng.randrange(0, 40) * 12.0, x0=x0, x1=x1, right=rng.choice([x1, 545.0])))
        again = [SimpleNamespace(**vars(ln)) for ln in lines]
        local_right_edges(lines)  # type: ignore[arg-type]  # the attributes it reads
        scan_local_right_edges(again)
        assert [ln.right for ln in lines] == [ln.right for ln in again]


# Pieces of real text for the normalization prefilters: every step's trigger and its near misses.
NORMALIZE_PIECES = [
    "发展", "創新", "區域", "的", "研究方法", "乾隆", "臺灣", "説", "裡", "嵉", "\u9a6d", "α", "β", "Ж", "ア", "한",
    "abc", "Innovative City", "GDP", "2019", "1,000", "5 170", "0.05", "x", " ", "  ", "\u3000", "\u00a0", "\t", "\n",
    ",", ":", ";", "?", "!", "(", ")", "（", "）", "，", "。", "、", "：", "？", "(fā)", "(chuàng)", "（qū）", "yōu)",
    "２０１９", "ＧＤＰ", "．", "２．５", "[3]", "^[3]", "［1］", "https://example.org/a?id=1", "10.1000/xyz",
    "a@b.cn", "www.a.cn", "\ufffd", "\x07", "\x7f", "\ue000", "?A", "?,", "M股",
]


def _random_texts(n: int, seed: int = 23) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(NORMALIZE_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def _step_view(step, text: str) -> tuple:
    """All a step hands on: text, changes, protected spans, and the map back at every offset."""
    return (step.text, [vars(c) for c in step.changes], [tuple(s) for s in step.protected],
            [step.source_map.to_source(i) for i in range(len(step.text) + 1)])


def test_normalization_prefilters_agree_with_the_full_steps():
    """Each step's cheap test (no trigger character: the text back untouched) gives what the full step gives,
    and plain ASCII skips the chain with the chain's own result."""
    from extract.normalize import mojibake, pinyin, punctuation

    texts = _random_texts(3000) + [p for p in NORMALIZE_PIECES] + ["".join(NORMALIZE_PIECES)]
    skipped = {"mojibake": 0, "pinyin": 0, "punctuation": 0, "chain": 0}
    for text in texts:
        assert _step_view(mojibake.mojibake_step(text), text) == _step_view(mojibake._mojibake_step(text), text)
        assert _step_view(pinyin.pinyin_step(text), text) == _step_view(pinyin._pinyin_step(text), text)
        for protected in ([], [(0, min(2, len(text)))]):
            assert (_step_view(punctuation.punctuation_step(text, protected), text)
                    == _step_view(punctuation._punctuation_step(text, protected), text))
        for conversion in ("t2s", "tw2s", "hk2s"):
            fast, full = chain.normalize_text(text, conversion), chain._normalize_text(text, conversion)
            assert (fast[0], [vars(c) for c in fast[1]]) == (full[0], [vars(c) for c in full[1]]), text
        skipped["mojibake"] += "?" not in text and mojibake._odd_re().search(text) is None
        skipped["pinyin"] += ")" not in text and "）" not in text
        skipped["punctuation"] += not (punctuation._CHINESE_RE.search(text) or punctuation._FULL_WIDTH_ANY_RE.search(text))
        skipped["chain"] += chain.is_plain_ascii(text)
    assert all(n > 100 for n in skipped.values()), skipped  # the fast paths were taken, and not always
    assert all(n < len(texts) for n in skipped.values()), skipped


HEADING_LINES = [
    "一、引言", "（一）研究背景", "(2) 方法", "1. 引言", "1.1 研究方法", "1 引言", "第一章 绪论", "第3节 数据", "§1. 范围",
    "Ⅲ. 结论", "IV、讨论", "壹、緒論", "十二、附录", "１．１ 全角", "\t1. 表格", "本文研究了", "Abstract", "[1] 张三",
    "2019年的数据", "一", "", "  1. 引言", "\ufeff一、引言", "ivx. 小写", "١. 阿拉伯数字", "《一、书名》",
]


@pytest.mark.parametrize("typeset", [False, True])
def test_heading_start_agrees_with_every_pattern(monkeypatch, typeset):
    """HEADING_START only rejects lines no heading pattern takes."""
    from extract.structure import headings

    fast = [headings.parse_heading(line, typeset=typeset) for line in HEADING_LINES]
    monkeypatch.setattr(headings, "HEADING_START", re.compile(""))
    assert fast == [headings.parse_heading(line, typeset=typeset) for line in HEADING_LINES]
    assert sum(h is not None for h in fast) >= 12


ENDING_TEXTS = ["城市合作。", "城市合作。[3]", "城市合作。^[3]^", "城市合作（图1）", "城市合作 (见表2) \n", "城市合作［1］ ",
                "城市合作", "城市合作[3]", "text.", "text (p. 3)", "", "   ", "“引文。”", "合作。[1, 第3页]", "合作。(1)(2)"]


def test_ends_paragraph_looks_for_appendages_only_at_their_closing_characters(monkeypatch):
    from extract.structure import paragraphs

    fast = [paragraphs.ends_paragraph(t) for t in ENDING_TEXTS]
    monkeypatch.setattr(paragraphs, "APPENDAGE_ENDS", type("All", (), {"__contains__": lambda self, c: True})())
    assert fast == [paragraphs.ends_paragraph(t) for t in ENDING_TEXTS]
    assert fast.count(True) >= 8 and fast.count(False) >= 3


def test_a_reference_read_again_is_the_same_reading_and_its_own_copy():
    from extract.references import entry

    raw = "[2] Smith J, Doe A. Title of paper[J]. Journal, 2019, 1(2): 3-4."
    entry._parsed.clear()
    first = entry.parse_reference(raw)
    first["authors"].append("Someone Else")
    first["title"] = "changed by a caller"
    again = entry.parse_reference(raw)
    assert again == entry._parse_reference(raw, entry.DEFAULT_SETTINGS, None)
    assert again["authors"] == ["Smith J", "Doe A"] and again["title"] == "Title of paper"
    assert again["ref_no"] == 2 and entry.parse_reference(raw[4:])["ref_no"] is None


def test_residues_look_for_annotations_and_traditional_characters_only_where_they_can_be(monkeypatch):
    from extract.normalize import residue

    texts = _random_texts(1500, seed=7) + ["發(fā)展", "长(zhǎng)(cháng)", "?yōu)", "嵉yōu)", "(ma)", "發展", "日本語の發展"]
    fast = [residue.residues(t) for t in texts]
    monkeypatch.setattr(residue, "may_hold_annotation", lambda text: True)
    monkeypatch.setattr(residue, "has_traditional_only", lambda text: True)
    assert fast == [residue.residues(t) for t in texts]
    assert sum("pinyin annotation" in found for found in fast) >= 20
    assert sum("Traditional-only" in found for found in fast) >= 100


def test_as_printed_with_the_line_s_own_gap_characters_agrees_with_the_full_gap():
    """as_printed's pattern keeps of LABEL_GAP's classes only the characters the line holds: the same span."""
    from extract.structure import labels

    def full(line: str, piece: str) -> str:
        found = re.search(labels.word_pattern(piece) + labels.PINYIN_ANNOTATIONS_AFTER, line) if piece.strip() else None
        return found.group() if found else piece

    pieces = ["王", "小明", "黄冈", "师范", "学院", " ", "\u3000", "\u00a0", "?", "？", "\ufffd", "(wáng)", "（xiǎo）", "(ma)",
              "(AB)", "(", ")", "，", "438000", "School", "ü", "-", "]", "\\", "^"]
    rng = random.Random(5)
    cases = [("王(wáng)小明 是", "王小明"), ("(黄冈师范学院数学系, 黄冈 438000)", "黄冈师范学院数学系, 黄冈 438000"),
             ("王 小明，王小明", "王小明"), ("王小明(ma)", "王小明"), ("", "王"), ("王", " ")]
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        piece = "".join(rng.choice(pieces[:6] + pieces[16:19]) for _ in range(rng.randint(1, 4)))
        cases.append((line, piece))
    found = 0
    for line, piece in cases:
        assert labels.as_printed(line, piece) == full(line, piece), (line, piece)
        found += labels.as_printed(line, piece) != piece
    assert found > 50  # spans with gaps or annotations inside


def test_typesetting_spaces_without_the_shortcuts_finds_the_same_spans(monkeypatch):
    """No space: nothing to remove; spaced Han runs looked for only where a Han run starts: the same spans."""
    from extract.normalize import punctuation
    from extract.text import HAN, SPACES

    pieces = ["摘", "要", "关键词", "城市", "迭代", "，", "。", "：", " ", "  ", "\u3000", "\u00a0", "a", "GDP", "（", "）",
              "[3]", "の", "\n"]
    rng = random.Random(11)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(3000)]
    texts += ["摘 要", "关 键 词：人工智能 教师", "迭代， 科技 （ 陕西 ）", "我们 认为，", "城市合作"]
    fast = [punctuation.typesetting_spaces(t) for t in texts]
    monkeypatch.setattr(punctuation, "_SPACED_HAN_RE", re.compile(f"[{HAN}]+(?:[{SPACES}]+[{HAN}]+)+"))
    monkeypatch.setattr(punctuation, "_SPACE_CHARS", type("Never", (), {"isdisjoint": lambda self, text: False})())
    assert fast == [punctuation.typesetting_spaces(t) for t in texts]
    assert sum(bool(spans) for spans in fast) > 300


def test_a_date_note_read_again_is_the_same_and_its_own_dict():
    from extract.structure.back_matter import note_dates

    line = "收稿日期：2019-01-05；修回日期：2019-03-02"
    first = note_dates(line)
    assert first == {"received": "2019-01-05", "revised": "2019-03-02"}
    first["received"] = "changed by a caller"
    assert note_dates(line) == {"received": "2019-01-05", "revised": "2019-03-02"}


def test_a_run_without_a_mark_that_cannot_be_suspect_is_not_measured(monkeypatch):
    """A run without a lost-byte mark is suspect only with a trail-byte letter and two odd characters not all
    Greek: tested on the whole run first, the same flags; a formula's Greek letters read no plausibility table."""
    from extract.normalize import mojibake, plausibility

    pieces = ["模型", "为", "Y=", "α", "β", "+", "ε", "X", "，", "\u9a6d", "\u52ab", "M", "股", "嵉", "l", "a", "Ж", "?",
              "\ufffd", " ", "正是", "时代", "ア"]
    rng = random.Random(13)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(2500)]
    texts += ["时代\u9a6d\u52ab正是", "模型为Y=α+βX+ε，其中ε服从正态分布。"]
    fast = [_step_view(mojibake.mojibake_step(t), t) for t in texts]
    assert sum(bool(view[1]) for view in fast) > 100  # suspects among them
    plausibility.attested_pairs.cache_clear()
    mojibake.mojibake_step("模型为Y=α+βX+ε，其中ε服从正态分布。")
    assert plausibility.attested_pairs.cache_info().currsize == 0
    monkeypatch.setattr(mojibake, "_may_be_suspect_unmarked", lambda text, run: True)
    assert fast == [_step_view(mojibake.mojibake_step(t), t) for t in texts]


@pytest.mark.parametrize("text", ["", "abc", "中文", "中 文", "a中b文c", "𠀀中𪚥x豈", "，。中文、Latin 混排 123 文本。"])
def test_count_han_counts_each_han_character(text):
    from extract.text import HAN_RE
    from extract.text.script import count_han

    assert count_han(text) == len(HAN_RE.findall(text)) == sum(bool(HAN_RE.fullmatch(c)) for c in text)


@pytest.mark.parametrize("text", ["", "中文", "abc", "A b-C d1e", "中文 Latin 混排 x", "ÀéΩ abc ｆｕｌｌ"])
def test_count_latin_counts_each_ascii_letter(text):
    from extract.structure.line_shape import LATIN_LETTER, count_latin

    assert count_latin(text) == len(LATIN_LETTER.findall(text))


def test_gb2312_levels_and_block_chars():
    """GB2312's two levels hold 3,755 and 3,008 characters; block_chars gives every character of its blocks."""
    from extract.text import block_chars, gb2312_chars

    assert len(gb2312_chars((0xB0, 0xD7))) == 3755 and len(gb2312_chars((0xD8, 0xF7))) == 3008
    blocks = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xD7F0, 0xE010), (0x20000, 0x20010))
    assert block_chars(blocks) == "".join(chr(c) for first, last in blocks for c in range(first, last + 1))


def test_usual_pitch_looks_at_lines_of_pages_with_a_monospace_font_only():
    """Given each page's fonts, usual_pitch reads the glyphs of the lines on pages with a monospace font (or whose
    fonts are not known) only: the same pitches as looking at every line."""
    rng = random.Random(11)
    s = PdfSettings()
    monospace = 0
    for _ in range(200):
        lines: list = []
        fonts: dict = {}
        for page in (1, 2, 3):
            faces = rng.sample(["SimSun", "Courier", "LMMono10-Regular", "Times-Roman"], 2)
            fonts[page] = set(faces) if rng.random() > 0.2 else None  # (None: not known)
            baseline = 100.0
            for _ in range(rng.randint(0, 12)):
                baseline += rng.choice([12.0, 12.5, 14.0, 30.0])
                chars = [Char(ch, 10.0 + 6 * k, 15.0 + 6 * k, baseline - 8, baseline + 2, baseline, 10.0, False,
                              rng.choice(faces)) for k, ch in enumerate("abcdef")]
                lines += group_lines(chars, page, s)
        monospace += sum(map(is_monospace, lines))
        assert usual_pitch(lines, fonts) == usual_pitch(lines)
    assert monospace > 100


def test_outside_keeps_the_glyphs_a_test_against_every_table_keeps():
    """outside (the band test first, a loop over the boxes) keeps what testing each glyph's middle against every
    table's box keeps, in order."""
    rng = random.Random(3)
    kept = dropped = 0
    for _ in range(300):
        tables = [SimpleNamespace(x0=x, top=y, x1=x + rng.choice([50.0, 200.0]), bottom=y + rng.choice([20.0, 80.0]))
                  for x, y in ((rng.uniform(0, 300), rng.uniform(0, 600)) for _ in range(rng.randint(1, 3)))]
        chars = []
        for _ in range(rng.randint(0, 60)):
            x, top, size = rng.uniform(0, 500), rng.uniform(0, 700), rng.choice([5.0, 10.0])
            baseline = top + rng.choice([0.8 * size, 3 * size])  # in its box, or below it (a math font's)
            chars.append(Char("x", x, x + size / 2, top, top + size, baseline, size, False))
        expected = [c for c in chars if not any(t.x0 - 1 <= (c.x0 + c.x1) / 2 <= t.x1 + 1
                                                and t.top - 1 <= mid_y(c) <= t.bottom + 1 for t in tables)]
        found = outside(chars, tables)  # type: ignore[arg-type]  # the attributes it reads
        assert found == expected and all(a is b for a, b in zip(found, expected))
        kept, dropped = kept + len(found), dropped + len(chars) - len(found)
    assert kept > 1000 and dropped > 100


@pytest.mark.parametrize("name", ["pdfplumber_issue-71-duplicate-chars", "journal_aps_cn", "bithesis_graduation"])
def test_record_chars_of_real_pages_is_the_glyph_by_glyph_reading(realworld, name):
    """Real pages' PDFium glyph records (fake-bold copies in issue-71): record_chars reads them as the oracle
    reads their dicts glyph by glyph."""
    import pypdfium2

    from extract.pdf.pdfium import PdfiumPage

    document = pypdfium2.PdfDocument((realworld / "pdf" / f"{name}.pdf").read_bytes())
    glyphs = duplicates = 0
    for index in range(len(document)):
        page = PdfiumPage(document, index, lambda: None)
        try:
            records = page.glyph_records() if page.supported else None
        finally:
            page.close()
        if records is None:
            continue
        expected = reference_page_chars([glyph_dict(r) for r in records])
        assert record_chars(records) == expected, index
        glyphs, duplicates = glyphs + len(records), duplicates + expected.duplicates
    assert glyphs > 1000
    assert duplicates > 0 or name != "pdfplumber_issue-71-duplicate-chars"
