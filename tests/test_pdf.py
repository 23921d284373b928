"""read_pdf on PDFs typeset at test time (tests/pdfbuild.py) from texts in the raw/*.txt format.

Every test compares with the text the PDF was built from: a PDF of a paper must give the
blocks its text form gives (one per non-empty line, a table per run of tab-separated lines).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen import canvas as rl_canvas

from extract.pdf import PdfError, PdfSettings, join_lines, marker_text, read_pdf
from tests.pdfbuild import FONT, build_paper_pdf, scanned_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_000 = ROOT / "raw" / "000_7e9e2be989c70a6d.txt"
SAMPLE_002 = ROOT / "raw" / "002_42b103086d14dc84.txt"
MARKER = re.compile(r"\^\[[^\]]+\]")


# ---------------------------------------------------------------- helpers


def source_lines(text: str) -> list[str]:
    """The text blocks of the text form: non-empty lines that are not table rows."""
    return [ln.strip() for ln in text.split("\n") if ln.strip() and "\t" not in ln]


def source_tables(text: str) -> list[list[list[str]]]:
    """Runs of tab-separated lines -> tables of stripped cells."""
    tables: list[list[list[str]]] = []
    previous_was_row = False
    for ln in text.split("\n"):
        is_row = "\t" in ln and ln.strip() != ""
        if is_row:
            if not previous_was_row:
                tables.append([])
            tables[-1].append([cell.strip() for cell in ln.split("\t")])
        if ln.strip():
            previous_was_row = is_row
    return tables


def texts(result) -> list[str]:
    return [b.text for b in result.blocks if b.kind == "text"]


def tables(result) -> list[list[list[str]]]:
    return [b.rows for b in result.blocks if b.kind == "table"]


def build(tmp_path, text: str, name: str = "paper.pdf", running_header: str | None = None,
          **options) -> tuple[Path, int]:
    """A running header is recognised by repetition: one-page tests go without it."""
    path = tmp_path / name
    options["running_header"] = running_header
    n_pages = build_paper_pdf(path, text, **options)
    return path, n_pages


def raw_lines(path: Path) -> list[list[str]]:
    """What bare pdfplumber sees: the text lines of each page."""
    with pdfplumber.open(path) as pdf:
        return [(page.extract_text() or "").split("\n") for page in pdf.pages]


LONG_PARAGRAPH = "".join(f"第{i}句说明城市创新网络需要长期而稳定的投入，" for i in range(1, 120)) + "全段到此结束。"
SHORT_PARAGRAPH = "城市创新体系由企业、高校与科研机构共同构成，三者之间的协作决定了创新的效率。" * 3


# ---------------------------------------------------------------- the builder's font


def test_stsong_light_reads_back_as_unicode(tmp_path):
    path = tmp_path / "font.pdf"
    c = rl_canvas.Canvas(str(path))
    c.setFont(FONT, 12)
    c.drawString(72, 700, "創新型城市 创新 Latin words")
    c.save()
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].extract_text() == "創新型城市 创新 Latin words"


# ---------------------------------------------------------------- paragraphs and lines


def test_paragraph_crossing_a_page_is_one_block(tmp_path):
    text = f"一、引言\n{LONG_PARAGRAPH}\n二、方法\n{SHORT_PARAGRAPH}"
    path, n_pages = build(tmp_path, text)
    assert n_pages == 2
    pages = raw_lines(path)
    assert "第1句" in "".join(pages[0]) and "全段到此结束" in "".join(pages[1])
    result = read_pdf(path)
    assert texts(result) == source_lines(text)
    para = result.blocks[1]
    assert (para.page_start, para.page_end) == (1, 2)
    assert [c.kind for c in para.changes] == ["page_break_joined"]
    assert [(b.page_start, b.page_end) for b in result.blocks] == [(1, 1), (1, 2), (2, 2), (2, 2)]
    assert result.n_pages == 2


def test_a_pdf_is_parsed_from_the_bytes_read_once(tmp_path):
    """The bytes the paper's sha256 is of are the bytes parsed: the file is not opened again."""
    text = "一、引言\n城市更新是重要的研究问题。"
    path, _ = build(tmp_path, text)
    data = path.read_bytes()
    path.write_bytes(b"not a pdf any more")
    assert texts(read_pdf(data)) == source_lines(text)
    with pytest.raises(PdfError, match="no %PDF header"):
        read_pdf(path)


def test_no_space_between_han_chars_and_latin_spaces_kept_at_line_ends(tmp_path):
    latin = "Innovation cities need open networks and stable funding for many years to come"
    para = ("创新城市的建设" * 6 + latin + "，") * 4 + "结束。"
    text = f"一、引言\n{para}"
    path, _ = build(tmp_path, text)
    printed = raw_lines(path)[0]
    assert len([ln for ln in printed if ln]) > 5  # the paragraph is wrapped over several lines
    ends = [ln[-1] for ln in printed if ln]
    assert any(re.match(r"[\u4e00-\u9fff]", e) for e in ends)  # lines ending in a Han char
    assert any(re.match(r"[A-Za-z]", e) for e in ends)  # and lines ending inside the Latin words
    assert texts(read_pdf(path)) == source_lines(text)


def test_hyphenated_word_at_a_line_end_is_rejoined(tmp_path):
    words = ("Internationalization of metropolitan governance requires extraordinary "
             "coordination between municipalities and transnational organizations ")
    text = "1. Introduction\n" + (words * 6).strip() + "."
    path, _ = build(tmp_path, text, columns=2)
    printed = [ln for page in raw_lines(path) for ln in page]
    hyphenated = [ln for ln in printed if re.search(r"[a-z]-$", ln)]
    assert hyphenated, "the builder hyphenated no word: the test would prove nothing"
    result = read_pdf(path)
    assert texts(result) == source_lines(text)
    joined = [c for c in result.blocks[1].changes if c.kind == "hyphenation_joined"]
    assert len(joined) == len(hyphenated)
    assert all("-" in c.original and c.replacement == c.original.replace("-", "") for c in joined)
    assert all(c.replacement in text for c in joined)
    block = result.blocks[1].text
    assert all(block[c.offset : c.offset + len(c.replacement)] == c.replacement for c in joined)


def test_headings_captions_notes_and_references_are_their_own_blocks(tmp_path):
    text = "\n".join([
        "城市创新网络研究",
        "张三 \\ 某大学",
        "摘要: 本文讨论城市创新网络。",
        "一、引言",
        SHORT_PARAGRAPH,
        "（一）研究问题",
        SHORT_PARAGRAPH + "^[1]",
        "表1 样本城市",
        "城市\t人口",
        "甲市\t100",
        "资料来源：作者整理",
        "参考文献:",
        "[1] 张三.城市创新[J].城市研究,2019(1):1-10.",
        "[2] Smith J. Urban innovation networks in Asia and Europe[M]. London: Routledge, 2018.",
    ])
    result = read_pdf(build(tmp_path, text)[0])
    assert texts(result) == source_lines(text)
    assert tables(result) == [[["城市", "人口"], ["甲市", "100"]]]
    sizes = {b.text: b.font_size for b in result.blocks if b.kind == "text"}
    assert sizes["城市创新网络研究"] > sizes["一、引言"] > sizes[SHORT_PARAGRAPH]


def test_block_starts_after_a_short_line_and_at_an_indent(tmp_path):
    # a paragraph broken mid-sentence by the text form stays two blocks (the next one is indented)
    text = "一、引言\n" + SHORT_PARAGRAPH + "城市的发展受\n到劳动力供给的约束。" + SHORT_PARAGRAPH
    assert texts(read_pdf(build(tmp_path, text)[0])) == source_lines(text)


# ---------------------------------------------------------------- reading order


def test_two_columns_are_read_column_by_column_after_a_full_width_title(tmp_path):
    paragraphs = [f"第{k}段：" + "".join(f"{k}.{i}城市之间的创新合作不断深化，" for i in range(1, 14)) + "本段结束。"
                  for k in range(1, 9)]
    title = "跨国城市联盟与全球治理"
    abstract = "摘要: " + "本文讨论跨国城市联盟在全球治理中的作用与机制，" * 5 + "并提出建议。"
    text = "\n".join([title, "张三 \\ 某大学", abstract, "一、背景", *paragraphs[:4], "二、分析", *paragraphs[4:]])
    path, n_pages = build(tmp_path, text, columns=2)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        title_chars = [c for c in page.chars if c["size"] == 16]
        assert min(c["x0"] for c in title_chars) < page.width / 2 < max(c["x1"] for c in title_chars)  # spans the gutter
        assert any(c["x0"] > page.width / 2 + 20 for c in page.chars)  # the right column is used
        naive = page.extract_text().replace("\n", "")
    assert paragraphs[0] not in naive  # a line-by-line reading interleaves the columns
    result = read_pdf(path)
    assert texts(result) == source_lines(text)
    assert (result.blocks[0].text, result.blocks[0].font_size) == (title, 16)


def test_paragraph_continuing_in_the_next_column_is_one_block(tmp_path):
    text = "一、背景\n" + LONG_PARAGRAPH[:1200] + "。\n" + SHORT_PARAGRAPH
    path, _ = build(tmp_path, text, columns=2)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        right = "".join(c["text"] for c in page.chars if c["x0"] > page.width / 2 and c["top"] < 100)
    assert right and right in LONG_PARAGRAPH  # the long paragraph goes on at the top of column 2
    assert texts(read_pdf(path)) == source_lines(text)


# ---------------------------------------------------------------- running headers and page numbers


@pytest.mark.parametrize("number_format", ["· {n} ·", "- {n} -", "{n}"])
def test_running_header_and_page_numbers_are_removed(tmp_path, number_format):
    text = f"一、引言\n{LONG_PARAGRAPH}\n{SHORT_PARAGRAPH}"
    path, n_pages = build(tmp_path, text, running_header="城市研究 2019年第4期", page_number_format=number_format)
    assert n_pages == 2
    assert "城市研究 2019年第4期" in raw_lines(path)[1][0]
    result = read_pdf(path)
    assert texts(result) == source_lines(text)
    removed = [(c.kind, c.page, c.original) for c in result.changes]
    assert removed == [("running_header_removed", 1, "城市研究 2019年第4期"),
                       ("page_number_removed", 1, number_format.format(n=1)),
                       ("running_header_removed", 2, "城市研究 2019年第4期"),
                       ("page_number_removed", 2, number_format.format(n=2))]


def test_running_header_kept_when_settings_ask_for_more_pages(tmp_path):
    text = f"一、引言\n{LONG_PARAGRAPH}"
    path, n_pages = build(tmp_path, text, running_header="城市研究 2019年第4期", page_numbers=False)
    assert n_pages == 2
    result = read_pdf(path, PdfSettings(header_min_pages=3))
    assert texts(result).count("城市研究 2019年第4期") == 2
    assert result.changes == []


def test_single_page_number_is_removed(tmp_path):
    text = f"一、引言\n{SHORT_PARAGRAPH}"
    path, n_pages = build(tmp_path, text, running_header=None, page_number_format="- {n} -")
    assert n_pages == 1
    result = read_pdf(path)
    assert texts(result) == source_lines(text)
    assert [(c.kind, c.page, c.original) for c in result.changes] == [("page_number_removed", 1, "- 1 -")]


# ---------------------------------------------------------------- citation markers


def test_superscript_markers_are_written_as_caret_markers(tmp_path):
    text = "一、引言\n" + "城市创新研究表明^[2]，网络的密度决定合作的效率^[3-5]。" * 3 + "另见文献^[1,6]。"
    path, _ = build(tmp_path, text)
    printed = "".join(raw_lines(path)[0])
    assert "[3-5]" in printed and "^" not in printed
    assert texts(read_pdf(path)) == source_lines(text)


def test_markers_printed_inline_stay_plain_brackets(tmp_path):
    text = "一、引言\n城市创新研究表明[2]，网络的密度决定合作的效率。"
    path, _ = build(tmp_path, "一、引言\n城市创新研究表明^[2]，网络的密度决定合作的效率。", superscript_markers=False)
    assert texts(read_pdf(path)) == source_lines(text)


def test_bare_superscript_digits_and_other_superscripts(tmp_path):
    path = tmp_path / "sup.pdf"
    c = rl_canvas.Canvas(str(path))
    y = 700
    for body, sup, tail in [("城市化率持续提高", "2", "。"), ("见相关研究", "[3-5]", "。"), ("面积为100m", "a", "的地块。")]:
        c.setFont(FONT, 10.5)
        c.drawString(72, y, body)
        x = 72 + c.stringWidth(body, FONT, 10.5)
        c.setFont(FONT, 6.3)
        c.drawString(x, y + 3.7, sup)
        x += c.stringWidth(sup, FONT, 6.3)
        c.setFont(FONT, 10.5)
        c.drawString(x, y, tail)
        y -= 60
    c.save()
    assert texts(read_pdf(path)) == ["城市化率持续提高^[2]。", "见相关研究^[3-5]。", "面积为100ma的地块。"]


@pytest.mark.parametrize("raw,expected", [
    ("[2]", "^[2]"), ("2", "^[2]"), ("[3-5]", "^[3-5]"), ("[1][4]", "^[1]^[4]"), ("[1,2]", "^[1,2]"),
    ("a", "a"), ("*", "*"), ("th", "th"),
])
def test_marker_text(raw, expected):
    assert marker_text(raw) == expected


@pytest.mark.parametrize("prev,prev_space,nxt,next_space,expected", [
    ("城市", False, "发展", False, "城市发展"),
    ("the", False, "city", False, "the city"),
    ("Inter-", False, "national", False, "International"),
    ("Sino-", False, "US", False, "Sino-US"),
    ("见http://www.example.org/", False, "a/b.htm", False, "见http://www.example.org/a/b.htm"),
    ("上海自贸区", True, "and", False, "上海自贸区 and"),
    ("合作", False, "WeGO", False, "合作WeGO"),
    ("2016", False, "年", False, "2016年"),
])
def test_join_lines(prev, prev_space, nxt, next_space, expected):
    assert join_lines(prev, prev_space, nxt, next_space)[0] == expected


# ---------------------------------------------------------------- tables


TABLE_TEXT = "\n".join([
    "一、数据",
    SHORT_PARAGRAPH,
    "表1 样本城市与合作项目",
    "城市\t合作项目\t备注",
    "上海\t" + "国际科技交流中心与多个国家和地区开展了生物医药、新能源和新材料领域的合作" * 2 + "\tWorld Cities Summit",
    "\t世界城市峰会；^[2] 城市奖\t",
    "成都\t蓉欧快铁； ^[3] 国际航空枢纽\tC40 member city",
    "资料来源：根据相关资料整理",
    SHORT_PARAGRAPH,
])


def test_ruled_table_cells_are_exact(tmp_path):
    path, _ = build(tmp_path, TABLE_TEXT)
    with pdfplumber.open(path) as pdf:
        plain = pdf.pages[0].extract_tables()[0]
    assert any("\n" in (cell or "") for row in plain for cell in row)  # some cells are wrapped
    result = read_pdf(path)
    assert tables(result) == source_tables(TABLE_TEXT)
    assert texts(result) == source_lines(TABLE_TEXT)
    table = next(b for b in result.blocks if b.kind == "table")
    assert (table.text, table.page_start, table.page_end) == ("", 1, 1)
    # the table's text is not also in the body
    assert not any("蓉欧快铁" in t for t in texts(result))


@pytest.mark.parametrize("ruled", [True, False])
@pytest.mark.parametrize("repeat_header", [False, True])
def test_table_split_over_two_pages_is_one_block(tmp_path, ruled, repeat_header):
    rows = ["城市\t指标\t数值"] + [f"城市{i}\t创新指数与人才密度的综合评价\t{i * 7}.5" for i in range(1, 31)]
    text = "\n".join(["一、数据", SHORT_PARAGRAPH * 4, "表1 城市指标", *rows, "资料来源：作者整理", "二、结论", SHORT_PARAGRAPH])
    path, n_pages = build(tmp_path, text, ruled_tables=ruled, repeat_table_header=repeat_header)
    assert n_pages == 2
    assert "城市30" in "".join(raw_lines(path)[1]) and "城市1" in "".join(raw_lines(path)[0])
    result = read_pdf(path)
    assert tables(result) == source_tables(text)
    table = next(b for b in result.blocks if b.kind == "table")
    assert (table.page_start, table.page_end) == (1, 2)
    assert [c.kind for c in table.changes] == ["table_continued"]
    assert texts(result) == source_lines(text)


def test_unruled_table_found_from_aligned_columns(tmp_path):
    path, _ = build(tmp_path, TABLE_TEXT, ruled_tables=False)
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].find_tables() == []  # nothing for the ruled-table finder
    result = read_pdf(path)
    assert tables(result) == source_tables(TABLE_TEXT)
    assert texts(result) == source_lines(TABLE_TEXT)
    no_unruled = read_pdf(path, PdfSettings(find_unruled_tables=False))
    assert tables(no_unruled) == []


# ---------------------------------------------------------------- bad input


def test_encrypted_pdf_needs_a_password(tmp_path):
    path, _ = build(tmp_path, f"一、引言\n{SHORT_PARAGRAPH}", encrypt="secret")
    with pytest.raises(PdfError) as err:
        read_pdf(path)
    assert str(err.value) == "needs a password"
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize("shapes_only", [False, True])
def test_pdf_without_text_layer(tmp_path, shapes_only):
    path = tmp_path / "scan.pdf"
    scanned_pdf(path, shapes_only)
    with pytest.raises(PdfError) as err:
        read_pdf(path)
    assert str(err.value) == "no text layer: scanned image? OCR is not supported"


def test_truncated_pdf(tmp_path):
    whole, _ = build(tmp_path, f"一、引言\n{LONG_PARAGRAPH}")
    data = whole.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(PdfError) as err:
        read_pdf(path)
    assert str(err.value) == "not a readable PDF: truncated (unexpected end of file)"


@pytest.mark.parametrize("header", [b"", b"%PDF-1.4\n"])
def test_random_bytes_named_pdf(tmp_path, header):
    path = tmp_path / "noise.pdf"
    path.write_bytes(header + random.Random(7).randbytes(5000) + (b"\n%%EOF\n" if header else b""))
    with pytest.raises(PdfError) as err:
        read_pdf(path)
    message = str(err.value)
    assert message.startswith("not a readable PDF: ") and "\n" not in message


def test_image_page_among_text_pages_is_flagged(tmp_path):
    path = tmp_path / "mixed.pdf"
    c = rl_canvas.Canvas(str(path))
    c.setFont(FONT, 10.5)
    c.drawString(72, 700, "第一页有文字。")
    c.showPage()
    c.rect(72, 500, 300, 200, fill=1)
    c.showPage()
    c.save()
    result = read_pdf(path)
    assert texts(result) == ["第一页有文字。"]
    assert [(c.kind, c.severity) for c in result.changes] == [("page_without_text", "warning")]
    assert result.n_pages == 2


# ---------------------------------------------------------------- the sample papers


@pytest.fixture(scope="module")
def sample_000(tmp_path_factory):
    text = SAMPLE_000.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("pdf") / "000.pdf"
    n_pages = build_paper_pdf(path, text)
    return text, path, n_pages, read_pdf(path)


def test_sample_000_tables_come_back_with_the_cells_of_the_text(sample_000):
    text, _, _, result = sample_000
    expected = source_tables(text)
    assert len(expected) == 3
    assert tables(result) == expected


def test_sample_000_every_citation_marker_comes_back(sample_000):
    text, _, _, result = sample_000
    found = Counter()
    for b in result.blocks:
        for piece in [b.text] + [cell for row in b.rows or [] for cell in row]:
            found.update(MARKER.findall(piece))
    assert found == Counter(MARKER.findall(text))
    assert sum(found.values()) == 9


def test_sample_000_blocks_are_the_lines_of_the_text(sample_000):
    text, path, n_pages, result = sample_000
    assert texts(result) == source_lines(text)
    assert result.n_pages == n_pages >= 5
    assert [(c.page, c.original) for c in result.changes] == [
        (n, text) for n in range(1, n_pages + 1) for text in ("城市发展研究 2019年第1期", f"· {n} ·")]
    assert all(1 <= b.page_start <= b.page_end <= n_pages for b in result.blocks)
    assert result.blocks[-1].page_end == n_pages
    crossing = [b for b in result.blocks if b.page_start != b.page_end]
    assert crossing and all(any(c.kind == "page_break_joined" for c in b.changes) for b in crossing if b.kind == "text")


def test_sample_000_unruled_tables(tmp_path):
    text = SAMPLE_000.read_text(encoding="utf-8")
    path, _ = build(tmp_path, text, ruled_tables=False)
    result = read_pdf(path)
    assert tables(result) == source_tables(text)
    assert texts(result) == source_lines(text)


def test_sample_000_in_two_columns(tmp_path):
    """Front matter full width, tables inside a column and continued in the next column."""
    text = SAMPLE_000.read_text(encoding="utf-8")
    path, _ = build(tmp_path, text, columns=2, running_header="城市发展研究 2019年第1期")
    result = read_pdf(path)
    assert any(b.kind == "table" and any(c.kind == "table_continued" for c in b.changes) for b in result.blocks)
    assert tables(result) == source_tables(text)
    assert texts(result) == source_lines(text)


def test_sample_002_in_two_columns_reads_in_order(tmp_path):
    text = SAMPLE_002.read_text(encoding="utf-8")
    path, n_pages = build(tmp_path, text, columns=2)
    assert n_pages >= 4
    result = read_pdf(path)
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert squeeze("".join(b.text for b in result.blocks)) == squeeze(text)
    assert texts(result) == source_lines(text)


def test_library_code_holds_no_sample_text():
    modules = sorted((ROOT / "src" / "extract" / "pdf").glob("*.py"))
    assert modules
    code = "\n".join(m.read_text(encoding="utf-8") for m in modules)
    for sample in (SAMPLE_000, SAMPLE_002):
        for run in re.findall(r"[\u4e00-\u9fff]{4,}", sample.read_text(encoding="utf-8")):
            assert run not in code


# ---------------------------------------------------------------- glyphs and lines as real producers draw them


def draw(path: Path, runs: list[tuple]) -> Path:
    """A one-page PDF from (text, x, baseline from the page top, size[, font][, times drawn]) runs."""
    c = rl_canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    for text, x, baseline, size, *rest in runs:
        font = rest[0] if rest else FONT
        times = rest[1] if len(rest) > 1 else 1
        c.setFont(font, size)
        for k in range(times):  # fake bold: the same glyphs again, a fraction of a point off
            c.drawString(x + 0.3 * k, 842 - baseline, text)
    c.showPage()
    c.save()
    return path


def test_glyphs_drawn_twice_for_fake_bold_are_read_once_and_bold(tmp_path):
    path = draw(tmp_path / "bold.pdf", [("一、引言", 72, 100, 14, FONT, 2),
                                        ("城市合作是重要的议题。", 72, 130, 10.5)])
    result = read_pdf(path)
    assert [(b.text, b.bold) for b in result.blocks] == [("一、引言", True), ("城市合作是重要的议题。", False)]
    assert [(c.kind, c.page) for c in result.changes] == [("duplicate_glyphs_removed", 1)]
    assert result.glyph_text[1] == "一、引言城市合作是重要的议题。"


def test_lines_printed_over_each_other_stay_apart(tmp_path):
    """Two lines whose baselines are 3 pt apart are not interleaved glyph by glyph."""
    path = draw(tmp_path / "overlap.pdf", [("城市合作是重要的议题", 72, 100, 10.5),
                                           ("上海是重要的节点城市", 74, 103, 10.5)])
    assert texts(read_pdf(path)) == ["城市合作是重要的议题上海是重要的节点城市"]  # one after the other


def test_raised_digits_after_a_unit_are_an_exponent_not_a_marker(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    unit_end = 72 + stringWidth("Area 10 m", "Helvetica", 10.5)
    text_end = unit_end + 4 + stringWidth(" per site, see", "Helvetica", 10.5)
    path = draw(tmp_path / "exp.pdf", [("Area 10 m", 72, 100, 10.5, "Helvetica"), ("4", unit_end, 96.5, 6, "Helvetica"),
                                       (" per site, see", unit_end + 4, 100, 10.5, "Helvetica"),
                                       ("[3]", text_end, 96.5, 6, "Helvetica")])
    assert [b.text for b in read_pdf(path).blocks] == ["Area 10 m⁴ per site, see^[3]"]


@pytest.mark.parametrize("prev,nxt,expected,word", [
    ("of inter\u00ad", "national journals.", "of international journals.", "inter-national"),  # a word broken
    ("policy 2017\u00ad", "2020 plan", "policy 2017-2020 plan", None),  # a range: the hyphen stays
    ("城市\u00ad", "Inter", "城市-Inter", None),
])
def test_soft_hyphen_at_a_line_end(prev, nxt, expected, word):
    """LaTeX fonts map the hyphen glyph to U+00AD; at a line end it is a break only inside a word."""
    assert join_lines(prev, False, nxt, False) == (expected, word)


def test_copy_protected_pdf_with_only_an_owner_password_reads(tmp_path):
    from reportlab.lib import pdfencrypt

    owner_only = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0, canModify=0, canCopy=0)
    path, _ = build(tmp_path, f"一、引言\n{SHORT_PARAGRAPH}", encrypt=owner_only)
    result = read_pdf(path)  # PDFium's glyphs (the default)
    assert texts(result) == ["一、引言", SHORT_PARAGRAPH]
    assert "page_read_with_pdfium" not in [c.kind for c in result.changes]
    # pdfminer maps none of the encrypted file's CID glyphs: with pdfminer's glyphs the page is read again
    # with PDFium, and that is recorded
    result = read_pdf(path, PdfSettings(pdfium=False))
    assert texts(result) == ["一、引言", SHORT_PARAGRAPH]
    assert [(c.kind, c.page) for c in result.changes][:1] == [("page_read_with_pdfium", 1)]


def test_a_page_whose_layout_fails_is_read_as_plain_text_and_the_others_as_laid_out(tmp_path, monkeypatch):
    import extract.pdf.reader as reader

    path, n_pages = build(tmp_path, f"一、引言\n{LONG_PARAGRAPH}\n二、结论\n{SHORT_PARAGRAPH}")
    assert n_pages == 2
    laid_out = reader.layout_page

    def fails_on_page_two(lines, tables, number, s, carry=None):
        if number == 2:
            raise RuntimeError("a bug met on page 2")
        return laid_out(lines, tables, number, s, carry)

    monkeypatch.setattr(reader, "layout_page", fails_on_page_two)
    result = read_pdf(path)
    flags = [(c.kind, c.severity, c.page) for c in result.changes if c.kind == "page_read_as_plain_text"]
    assert flags == [("page_read_as_plain_text", "warning", 2)]
    assert "a bug met on page 2" in next(c.detail for c in result.changes if c.kind == "page_read_as_plain_text")
    # page 1 laid out in blocks, page 2 as its printed lines (header and page number still removed)
    assert texts(result)[0] == "一、引言" and all(b.page_start == b.page_end == 2 for b in result.blocks[2:])
    assert "".join(texts(result)) == "一、引言" + LONG_PARAGRAPH + "二、结论" + SHORT_PARAGRAPH


@pytest.mark.parametrize("angle", [90, 45, 30, 270])
def test_rotated_and_slanted_text_is_set_aside_with_a_flag(tmp_path, angle):
    """A margin stamp printed up the page (90 degrees) and a diagonal watermark (pdfminer calls a glyph at
    45 degrees upright) are not body text: set aside, flagged with the page and what they said."""
    path = tmp_path / "stamp.pdf"
    c = rl_canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    c.setFont(FONT, 10.5)
    c.drawString(72, 742, "城市合作是重要的议题，")
    c.drawString(72, 724, "上海是重要的节点城市。")
    c.saveState()
    c.setFont(FONT, 40)
    c.translate(300, 420)
    c.rotate(angle)
    c.drawString(0, 0, "万方数据")
    c.restoreState()
    c.showPage()
    c.save()
    result = read_pdf(path)
    assert texts(result) == ["城市合作是重要的议题，", "上海是重要的节点城市。"]
    assert [(ch.kind, ch.page, ch.original) for ch in result.changes] == [("rotated_text_skipped", 1, "万方数据")]


def test_sheared_italic_text_is_read_as_text(tmp_path):
    """A synthetic italic (a sheared text matrix, the baseline level) is text like any other."""
    path = tmp_path / "italic.pdf"
    c = rl_canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    text = c.beginText()
    text.setTextOrigin(72, 742)
    text.setFont(FONT, 10.5)
    text.setTextTransform(1, 0, 0.25, 1, 72, 742)
    text.textOut("城市合作是重要的议题。")
    c.drawText(text)
    c.showPage()
    c.save()
    result = read_pdf(path)
    assert texts(result) == ["城市合作是重要的议题。"]
    assert result.changes == []


# ---------------------------------------------------------------- ruled tables as LaTeX and Word draw them


def ruled_table_pdf(path: Path, rows: list[list[str]], rules_after: set[int], outer_sides: bool,
                    widths: tuple[float, ...] = (60, 110, 50, 60)) -> Path:
    """A table of `rows` (lines of a cell separated by `\\n`), 14 pt per line; a horizontal rule over the
    table, under each row in `rules_after` and under the last; vertical rules between the columns, and at
    the two sides only when `outer_sides` (a LaTeX `{r|l|c|c}` tabular draws none there)."""
    c = rl_canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    c.setFont(FONT, 10)
    left, top = 100.0, 700.0
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    y = top
    ys = [y]
    for row_no, row in enumerate(rows):
        n_lines = max(cell.count("\n") + 1 for cell in row)
        for x, cell in zip(xs, row):
            for k, line in enumerate(cell.split("\n")):
                c.drawString(x + 4, y - 11 - 14 * k, line)
        y -= 14 * n_lines + 4
        if row_no in rules_after or row_no == len(rows) - 1:
            ys.append(y)
    for yy in ys:
        c.line(xs[0], yy, xs[-1], yy)
    for x in xs if outer_sides else xs[1:-1]:
        c.line(x, ys[0], x, ys[-1])
    c.showPage()
    c.save()
    return path


ROWS = [["名次", "城市", "得分", "增长"], ["1", "北京", "98", "3.5%"], ["2", "上海", "95", "2.1%"],
        ["3", "深圳", "90", "4.0%"]]


@pytest.mark.parametrize("outer_sides", [True, False])
def test_a_ruled_table_without_rules_at_its_sides_keeps_its_outer_columns(tmp_path, outer_sides):
    path = ruled_table_pdf(tmp_path / "open.pdf", ROWS, rules_after={0, 1, 2}, outer_sides=outer_sides)
    assert tables(read_pdf(path)) == [ROWS]


def test_rows_printed_without_a_rule_between_them_are_rows_when_they_hold_numbers(tmp_path):
    merged = [ROWS[0], ["1\n2", "北京\n上海", "98\n95", "3.5%\n2.1%"], ROWS[3]]
    path = ruled_table_pdf(tmp_path / "merged.pdf", merged, rules_after={0, 1}, outer_sides=False)
    assert tables(read_pdf(path)) == [ROWS]


def test_text_wrapped_in_cells_of_one_row_stays_one_row(tmp_path):
    rows = [["议题", "组织", "功能", "备注"], ["科技", "世界科技城市\n联盟", "促进国际间的\n科技交流", "无"],
            ["创新", "城市联盟", "扩大交流", "有"]]
    path = ruled_table_pdf(tmp_path / "wrapped.pdf", rows, rules_after={0, 1}, outer_sides=True,
                           widths=(40, 80, 80, 40))
    assert tables(read_pdf(path)) == [[rows[0], ["科技", "世界科技城市联盟", "促进国际间的科技交流", "无"], rows[2]]]


def test_a_one_em_gap_between_touching_han_words_is_a_space_letter_spacing_is_not(tmp_path):
    """Keyword lists set their words apart by a wide gap, no separator (`减速路障  交通稳静化  汽车动力学`, real
    contest papers): the gap is a space, so the keywords are three. A letter-spaced label (`题  目`: no Han
    chars touch) and a line of touching Han chars keep no space."""
    path = tmp_path / "gaps.pdf"
    c = rl_canvas.Canvas(str(path), pagesize=(595, 842))
    size = 12
    c.setFont(FONT, size)
    x = 72
    for word in ("关键词：减速路障", "交通稳静化", "汽车动力学"):
        c.drawString(x, 700, word)
        x += len(word) * size + size  # each word followed by a gap of one em
    c.drawString(72, 660, "题")
    c.drawString(72 + 2 * size, 660, "目")  # letter-spaced: one em between every char
    c.drawString(72 + 4 * size, 660, "城")
    c.drawString(72 + 6 * size, 660, "市")
    c.drawString(72 + 8 * size, 660, "更")
    c.drawString(72, 620, "城市更新是近年来城市研究的重要议题。")
    c.save()
    assert texts(read_pdf(path)) == ["关键词：减速路障 交通稳静化 汽车动力学", "题目城市更", "城市更新是近年来城市研究的重要议题。"]
