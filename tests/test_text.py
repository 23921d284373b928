"""The shared text knowledge (`extract.text`), and the promise it exists for: a write
check never rejects what a stage deliberately kept.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.citations import extract_citation_markers
from extract.normalize import normalize_text
from extract.paper import process_paper
from extract.run.sequence import paper_frames
from extract.schema.checks import column_failures, find_failures
from extract.schema.datasets import conform
from extract.text import (
    CITATION_MARKER,
    DOI,
    SUPERSCRIPT_MARKER,
    TYPE_CODE,
    URL,
    count_han,
    has_pinyin_annotation,
    is_cjk,
    is_han,
    join_entry_lines,
    join_field_lines,
    join_paragraph_pieces,
    join_printed_lines,
    join_prose_lines,
    literal_spans,
    pinyin_annotations,
    sha256_bytes,
    sha256_file,
    strip_trailing_punctuation,
)

# ---------------------------------------------------------------- character classes


@pytest.mark.parametrize("char,han", [
    ("中", True), ("發", True), ("㐀", True), ("䶿", True), ("豈", True),  # URO, Extension A, compatibility
    ("𠀀", True), ("𪚥", True), ("𫝀", True), ("𰀀", True),  # Extensions B, C, D, G
    ("，", False), ("あ", False), ("A", False), ("①", False), ("", False),
])
def test_is_han(char, han):
    assert is_han(char) is han


@pytest.mark.parametrize("char,cjk", [
    ("中", True), ("𠀀", True), ("，", True), ("。", True), ("“", True), ("—", True), ("―", True),
    ("…", True), ("·", True), ("あ", True), ("Ａ", True), ("A", False), ("é", False), (",", False),
    (" ", False), ("", False),
])
def test_is_cjk(char, cjk):
    assert is_cjk(char) is cjk


def test_count_han_counts_supplementary_planes():
    assert count_han("𠀀城市 GDP，") == 3


# ---------------------------------------------------------------- pinyin annotations


@pytest.mark.parametrize("text,annotations", [
    ("發(fā)展", ["(fā)"]),
    ("創（chuàng）新", ["（chuàng）"]),
    ("發 (fā)展", [" (fā)"]),  # a line break or space between the character and its annotation
    ("長(zhǎng)(cháng)", ["(zhǎng)", "(cháng)"]),  # several readings after one character
    ("發^[3](fā)展", ["(fā)"]),  # a citation marker between them stays
    ("我们喝咖啡(café)", []),  # not a Hanyu Pinyin syllable although it carries an accent
    ("脱钩(decoupling)", []),
    ("吗(ma)", []),  # no tone mark
    ("城市(一)", []),
    ("(fā)展", []),  # nothing to annotate
    ("變?yōu)橹R", ["yōu)"]),  # what a mis-decoded run left of one (issue 13)
    ("變?(yōu)橹R", ["(yōu)"]),
    ("榍袑嵉yōu)慕", ["yōu)"]),
    ("名(Zhāng)", []), ("Lǚ Xùn)", []), ("中ā b)", []),
])
def test_pinyin_annotations(text, annotations):
    found = list(pinyin_annotations(text))
    assert [text[start:end] for _, start, end in found] == annotations
    assert all(text[han] in "發創長?嵉" for han, _, _ in found)
    assert has_pinyin_annotation(text) is bool(annotations)


# ---------------------------------------------------------------- citation markers


@pytest.mark.parametrize("text,markers", [
    ("增长^[3]。", ["^[3]"]),
    ("增长[3-5]和［6］", ["[3-5]", "［6］"]),
    ("见^[3,5－7]", ["^[3,5－7]"]),
    ("[2018-12-20][EB/OL][2016]", []),  # dates, type codes and years are not markers
])
def test_citation_marker_grammar(text, markers):
    assert [m.group() for m in CITATION_MARKER.finditer(text)] == markers


def test_superscript_marker_needs_the_caret_and_a_number():
    assert SUPERSCRIPT_MARKER.search("见^[12]")
    assert not SUPERSCRIPT_MARKER.search("见[12]")
    assert not SUPERSCRIPT_MARKER.search("^[EB/OL]")


# ---------------------------------------------------------------- URLs, DOIs, type codes


@pytest.mark.parametrize("text,url", [
    ("见http://www.example.org/a?b=1，下同", "http://www.example.org/a?b=1"),
    ("见HTTPS://example.org/x^[3]", "HTTPS://example.org/x"),
    ("(see https://en.wikipedia.org/wiki/A_(b)).", "https://en.wikipedia.org/wiki/A_(b)"),
    ("www.gov.cn/zhengce.", "www.gov.cn/zhengce"),
])
def test_url(text, url):
    assert strip_trailing_punctuation(URL.search(text).group()) == url


@pytest.mark.parametrize("text,doi", [
    ("DOI:10.13959/j.issn.1003-2398.2019.01.001。", "10.13959/j.issn.1003-2398.2019.01.001"),
    ("doi: 10.1002/(SICI)1097-4571(199806)49:8<693", "10.1002/(SICI)1097-4571(199806)49:8"),
    ("10.1000/xyz, 2019", "10.1000/xyz"),
])
def test_doi(text, doi):
    assert strip_trailing_punctuation(DOI.search(text).group()) == doi


def test_literal_spans_cover_urls_dois_and_email():
    text = "联系a.b@example.com或见www.example.org。DOI:10.1000/xyz."
    assert [text[a:b] for a, b in literal_spans(text)] == ["a.b@example.com", "www.example.org", "10.1000/xyz"]


@pytest.mark.parametrize("code,doc_type,carrier", [
    ("[J]", "J", None), ("[EB/OL]", "EB", "OL"), ("[ M / CD ]", "M", "CD"), ("[cm]", "cm", None),
])
def test_type_code(code, doc_type, carrier):
    match = TYPE_CODE.fullmatch(code)
    assert (match["doc_type"], match["carrier"]) == (doc_type, carrier)


def test_type_code_rejects_what_is_not_one():
    assert not TYPE_CODE.search("[X] [2016] [EB/XX]")


# ---------------------------------------------------------------- joining broken lines


@pytest.mark.parametrize("left,right,joined", [
    ("产业发展受", "到劳动力供给", "产业发展受到劳动力供给"),
    ("the Chinese 2016", "Host Year", "the Chinese 2016 Host Year"),
    ("inter-", "national", "international"),
    ("中-", "abc", "中- abc"),  # a hyphen after Han breaks no Latin word: the pieces stay apart
    ("合作——", "WeGO", "合作——WeGO"),
    ("资源，", "在与", "资源，在与"),
])
def test_join_paragraph_pieces(left, right, joined):
    assert join_paragraph_pieces(left, right) == joined


@pytest.mark.parametrize("parts,joined", [
    (["城市发展与", "区域合作"], "城市发展与区域合作"),
    (["可持续发展", "SDGs 目标"], "可持续发展 SDGs 目标"),
    (["Urban Development and", " Regional Cooperation "], "Urban Development and Regional Cooperation"),
    (["", "城市"], "城市"),
])
def test_join_field_lines(parts, joined):
    assert join_field_lines(parts) == joined


@pytest.mark.parametrize("head,tail,joined", [
    ("[1] 张三.城市发展[J].城市规划,", "2016(3):1-5.", "[1] 张三.城市发展[J].城市规划,2016(3):1-5."),
    ("[2] SMITH J. Urban", "growth[J]. Cities, 2016.", "[2] SMITH J. Urban growth[J]. Cities, 2016."),
    ("[3] 国务院.[EB/OL].(2016)[2017-01-01].http://www.gov.cn/", "zhengce/a.htm.",
     "[3] 国务院.[EB/OL].(2016)[2017-01-01].http://www.gov.cn/zhengce/a.htm."),
    ("[4] Cities, 2016.", "DOI:10.1000/xyz.", "[4] Cities, 2016.DOI:10.1000/xyz."),
])
def test_join_entry_lines(head, tail, joined):
    assert join_entry_lines(head, tail) == joined


def test_join_printed_lines_reports_the_hyphenated_word():
    assert join_printed_lines("Inter-", False, "national", False) == ("International", "Inter-national")
    assert join_printed_lines("见^[3]", False, "the", False) == ("见^[3]the", None)


def test_a_url_broken_after_one_of_its_hyphens_keeps_it():
    """ldhai_jccs's references: `https://github.com/smoltcp-` / `rs/smoltcp`, and a line end the layout
    saw a space at (`…/1-million-` / `iops-demonstrated.html`)."""
    assert join_printed_lines("见 https://github.com/smoltcp-", False, "rs/smoltcp", False) == (
        "见 https://github.com/smoltcp-rs/smoltcp", None)
    assert join_printed_lines("https://www.networkworld.com/article/1-million-", True, "iops-demonstrated.html",
                              False) == ("https://www.networkworld.com/article/1-million-iops-demonstrated.html", None)


def test_sha256_of_bytes_and_of_a_file(tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"abc")
    expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_bytes(b"abc") == sha256_file(path) == expected


# ---------------------------------------------------------------- stages and checks agree

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地发展经济城市合作研究臺灣與經濟發對區"
han_run = st.text(alphabet=HAN, min_size=1, max_size=12)
bracketed = st.sampled_from([
    "(café)", "(decoupling)", "(fā)", "（zhǎn）", "(ma)", "(GDP)", "(一)", "(2016)", "(fā)(zhǎn)", "(naïve)",
    "(Innovative City)", "(ǎ)", "(lǜ)", "(nǚ)", "(é)", "（ECP）",
])
marker = st.one_of(
    st.integers(0, 60).map(lambda n: f"^[{n}]"),
    st.integers(1, 60).map(lambda n: f"[{n}]"),
    st.tuples(st.integers(1, 30), st.integers(1, 30)).map(lambda t: f"^[{t[0]}-{t[1]}]"),
    st.sampled_from(["［3］", "^[3，5]", "[EB/OL]", "^[", "^ [2]"]),
)
latin = st.sampled_from(["GDP", "the city", "café", "inter-", "national", "Shanghai", "R&D"])
literal = st.sampled_from(["http://example.com/a(b)", "www.example.org/x?y=1", "DOI:10.1000/xyz",
                           "a.b@example.com"])
piece = st.one_of(han_run, han_run, bracketed, marker, latin, literal,
                  st.sampled_from([" ", "  ", "\u3000", "?", "？", "，", ",", "。", ".", ":", "(", ")", "\ufffd"]))
paragraph = st.lists(piece, min_size=1, max_size=25).map("".join)


def paragraph_frame(texts: list[str]) -> pd.DataFrame:
    return conform("paragraphs", [
        {"doc_id": "p", "paragraph_no": no, "section_no": None, "text": text, "text_source": text,
         "page_start": None, "page_end": None, "part": "body"}
        for no, text in enumerate(texts, start=1)])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_nothing_normalize_produces_fails_a_check(raws):
    """A paragraph's text is normalize_text, then its citation markers taken out (as the stage does)."""
    texts = [extract_citation_markers(normalize_text(raw)[0])[0] for raw in raws]
    assert column_failures("paragraphs", paragraph_frame(texts)) == []


def test_issue_9_cafe_paper_is_kept_whole(tmp_path):
    """`(café)` is no pinyin annotation: normalize keeps it and the write check accepts it."""
    path = tmp_path / "cafe.txt"
    path.write_text("咖啡研究\n\n一、引言\n我们喝咖啡(café)，发(fā)展很快。\n", encoding="utf-8")
    frames = paper_frames(process_paper(path))
    assert find_failures(frames) == []
    # brackets next to Chinese become full width (GB/T 15834), whatever they enclose
    assert frames["paragraphs"]["text"].tolist() == ["我们喝咖啡（café），发展很快。"]
    assert frames["paragraphs"]["text_source"].tolist() == ["我们喝咖啡(café)，发(fā)展很快。"]
    flags = frames["quality_flags"]
    assert flags[flags["kind"] == "pinyin_annotation"]["original"].tolist() == ["发(fā)"]


@pytest.mark.parametrize("printed, joined", [
    ("尚书林中国科学院博士\n研究生. 主要研究方向为\n图像压缩.", "尚书林中国科学院博士研究生. 主要研究方向为图像压缩."),
    ("E-mail: a@b.cn\n(SHANG Shu-Lin Ph.D. candi-\ndate at the Institute)",
     "E-mail: a@b.cn (SHANG Shu-Lin Ph.D. candidate at the Institute)"),
    ("(ZUO Nian-\nMing, professor)", "(ZUO Nian-Ming, professor)"),
    ("研究方向为\nCT 图像重建\n\n", "研究方向为CT 图像重建"),
])
def test_join_prose_lines(printed, joined):
    assert join_prose_lines(printed) == joined
