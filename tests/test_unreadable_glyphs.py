"""Glyphs no character can be read for: a PDF's CID font without (complete) ToUnicode, as XeLaTeX writes a
CJK font it found no Unicode map for (its codes are glyph numbers, Identity-H). They must not become
text that looks read (PDFium's text page gives the glyph number as a code point: `⩶`, Hebrew letters
it even reorders), nor vanish from a title: they stay in their place as U+FFFD, and every text or field
holding them says so with a flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.paper import process_paper

TITLE = "中央大學#2A76#2BE9論文"  # `#XXXX`: a glyph whose code the font's ToUnicode does not map
BODY = "本文研究時域積分方程的時間步進算法，並討論其穩定性與計算效率，給出數值結果以驗證方法的正確性與有效性。"


def codes(text: str) -> list[int]:
    """The font's codes of `text`: a Han character's own code point (mapped), `#XXXX` a code not mapped."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "#":
            out.append(int(text[i + 1:i + 5], 16))
            i += 5
        else:
            out.append(ord(text[i]))
            i += 1
    return out


def cid_font_pdf(path: Path, lines: list[tuple[float, float, list[int], str]], mapped: set[int]) -> Path:
    """A one-page PDF in a Type0 Identity-H font (CIDFontType2, Adobe-Identity-0, not embedded) whose ToUnicode
    maps only `mapped` codes; each line (size, baseline, codes, Helvetica text after them)."""
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def /CMapType 2 def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange "
            f"{len(mapped)} beginbfchar " + " ".join(f"<{c:04X}> <{c:04X}>" for c in sorted(mapped))
            + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    content = []
    for size, y, glyphs, latin in lines:
        content.append(f"BT 72 {y} Td /F1 {size} Tf <{''.join(f'{c:04X}' for c in glyphs)}> Tj")
        if latin:
            content.append(f"/F2 {size} Tf ({latin}) Tj")
        content.append("ET")
    stream = "\n".join(content).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [8 0 R] /Count 1 >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        b"<< /Type /FontDescriptor /FontName /ABCDEF+UKaiTW /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
        b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+UKaiTW /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 4 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+UKaiTW /Encoding /Identity-H "
        b"/DescendantFonts [5 0 R] /ToUnicode 3 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R "
        b"/Resources << /Font << /F1 6 0 R /F2 9 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


@pytest.mark.parametrize("pdfium", [True, False])
def test_glyphs_of_a_cid_font_without_unicode_are_kept_as_unreadable_and_flagged(tmp_path, pdfium):
    from extract.pdf.settings import PdfSettings
    from extract.settings import PipelineSettings

    # 10870 (U+2A76 ⩶: PDFium decomposes it to `===`), 1498/1499/1419 (Hebrew code points: PDFium's text page
    # reorders them right to left and drops their error mark), 4171 (flagged by PDFium), 12134
    unread = [0x2A76, 0x05DA, 0x05DB, 0x058B, 0x104B, 0x2F66]
    path = cid_font_pdf(tmp_path / "cid.pdf", [(20, 700, [ord("中"), *unread], " LaTeX")], {ord("中")})
    rows = process_paper(path, settings=PipelineSettings(pdf=PdfSettings(pdfium=pdfium)))
    [paragraph] = rows["paragraphs"]
    assert paragraph["text_source"] == "中\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd LaTeX"
    assert paragraph["text"] == "中 LaTeX"
    flags = [(f["kind"], f["paragraph_no"], f["original"]) for f in rows["quality_flags"]
             if f["kind"] in ("replacement_char", "glyph_without_unicode")]
    assert flags == [("replacement_char", 1, "\ufffd" * 6)]
    assert rows["documents"][0]["coverage"] == 1.0


def test_a_title_with_unreadable_glyphs_is_no_title(tmp_path):
    """A cover title line with glyphs that cannot be read: no title_zh (null and flagged), the line kept."""
    lines = [(22, 760, codes(TITLE), "")]
    lines += [(12, 700, codes("摘要：" + BODY), "")]
    lines += [(12, 670, codes("關鍵詞：時域積分方程；時間步進"), "")]
    lines += [(16, 620, codes("一、緒論"), ""), (12, 590, codes(BODY), ""), (12, 560, codes(BODY), "")]
    text = "".join(chr(c) for _, _, glyphs, _ in lines for c in glyphs if c > 0x3000)
    path = cid_font_pdf(tmp_path / "title.pdf", lines, {ord(ch) for ch in text} - {0x2A76, 0x2BE9})
    rows = process_paper(path)
    document = rows["documents"][0]
    assert (document["title_zh"], document["title_zh_source"]) == (None, None)
    assert [(f["kind"], f["original"]) for f in rows["quality_flags"] if f["kind"] == "field_unreadable"] == [
        ("field_unreadable", "中央大學\ufffd\ufffd論文")]
    assert document["coverage"] == 1.0


def test_a_numbered_heading_whose_title_cannot_be_read_stays_a_heading():
    """`5.1 ��` (a chapter heading in a font without Unicode): a heading with an unreadable title, so the body
    starts at the first chapter as printed, not after the last front-matter label."""
    from extract.structure.headings import parse_heading

    heading = parse_heading("5.1 \ufffd\ufffd", typeset=True)
    assert heading is not None and (heading.label, heading.title) == ("5.1", "\ufffd\ufffd")
    assert parse_heading("一、\ufffd\ufffd論") is not None
    assert parse_heading("5.1 。\ufffd", typeset=True) is None  # a title still starts like a title


def test_a_section_whose_title_cannot_be_read_is_flagged(tmp_path):
    lines = [(16, 760, codes("一、#2A76#2BE9"), ""), (12, 730, codes(BODY), ""), (12, 712, codes(BODY), "")]
    text = "".join(chr(c) for _, _, glyphs, _ in lines for c in glyphs if c > 0x3000)
    rows = process_paper(cid_font_pdf(tmp_path / "section.pdf", lines, {ord(ch) for ch in text} - {0x2A76, 0x2BE9}))
    assert [(s["label_source"], s["title_source"], s["title"]) for s in rows["sections"]] == [
        ("一、", "\ufffd\ufffd", "")]
    assert [f["detail"] for f in rows["quality_flags"] if f["kind"] == "field_unreadable"] == [
        "sections.title of section 1 (一、, page 1): printed with characters that cannot be read; the title holds "
        "what could be"]


def test_fields_of_a_text_paper_with_lost_characters(tmp_path):
    """The same for U+FFFD left by decoding a text paper: a title or keyword short of a character is no value."""
    path = tmp_path / "paper.txt"
    path.write_text("时域积分方程\ufffd间步进算法研究\n\n王稳\n\n摘要：本文研究时域积分方程的时间步进算法。\n\n"
                    "关键词：时域积分方程；时\ufffd步进；快速算法\n\n一、引言\n\n时域积分方程方法广泛用于瞬态电磁散射分析。\n",
                    encoding="utf-8")
    rows = process_paper(path)
    document = rows["documents"][0]
    assert (document["title_zh"], document["abstract_zh"]) == (None, "本文研究时域积分方程的时间步进算法。")
    assert [k["keyword"] for k in rows["keywords"]] == ["时域积分方程", "快速算法"]
    assert [(f["detail"].split(":")[0], f["original"]) for f in rows["quality_flags"]
            if f["kind"] == "field_unreadable"] == [("keywords", "时\ufffd步进"), ("title_zh", "时域积分方程\ufffd间步进算法研究")]
    assert document["coverage"] == 1.0


def test_a_table_cell_with_lost_characters_is_flagged(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text("一、引言\n\n时域积分方程方法广泛用于瞬态电磁散射分析。\n\n表1 存储方式比较\n方式\t存储量\n非压缩\t5.59MB\n"
                    "完全\ufffd缩\t0.5MB\n\n时域积分方程方法广泛用于瞬态电磁散射分析。\n", encoding="utf-8")
    rows = process_paper(path)
    assert [(c["row_no"], c["col_no"], c["value_source"]) for c in rows["table_cells"]
            if "\ufffd" in (c["value_source"] or "")] == [(2, 1, "完全\ufffd缩")]
    assert [f["detail"] for f in rows["quality_flags"] if f["kind"] == "field_unreadable"] == [
        "table_cells of table 1, row 2, column 1: printed with characters that cannot be read; the value holds what "
        "could be"]
