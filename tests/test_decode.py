"""Text input is decoded by detection: every supported encoding gives the same text."""

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.textfile.decode import DecodeError, decode_text

SIMPLIFIED = "一、引言\n科技创新纽带为国家间社会经济发展带来新的动力，在能源、经贸、环保等领域形成新一轮浪潮。\n"
TRADITIONAL = "一、引言\n創新開始構築城市與區域增長的關鍵性動力，城市職能也逐漸轉變為知識經濟下的創新中心。\n"


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL])
@pytest.mark.parametrize("encoding,expected_name", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
    ("utf-16", "utf-16"),
    ("utf-16-be", None),  # with BOM written by hand below
])
def test_every_supported_encoding_gives_the_same_text(text, encoding, expected_name):
    if encoding == "utf-16-be":
        data, expected_name = codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16"
    else:
        data = text.encode(encoding)
    decoded = decode_text(data)
    assert decoded.text == text
    assert decoded.encoding == expected_name


def test_big5_is_told_apart_from_gbk():
    decoded = decode_text(TRADITIONAL.encode("big5"))
    assert (decoded.text, decoded.encoding) == (TRADITIONAL, "big5")


def test_big5_whole_paper(raw_dir):
    from extract.normalize import convert

    text = convert((raw_dir / "000_7e9e2be989c70a6d.txt").read_text(encoding="utf-8"), "s2t")
    data = text.encode("big5", errors="ignore")
    decoded = decode_text(data)
    assert decoded.encoding == "big5"
    assert decoded.text == data.decode("big5")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"  \n\r\n\t ", "empty file"),
    (bytes(range(256)) * 8, "not a text file"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "byte-order mark"),
    (b"\xff\xfe" + b"\x00\xd8", "byte-order mark"),  # lone surrogate in UTF-16
])
def test_bad_bytes_give_a_one_line_reason(data, reason):
    with pytest.raises(DecodeError) as info:
        decode_text(data)
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- text decoded twice (encoding_repair.py)

TWICE = "城市治理研究\n摘要：本文研究城市治理的模式，“一带一路”。\n一、引言\n城市治理是重要议题，2019年以来受到广泛关注。\n"


def utf8_read_as_cp1252(text: str) -> str:
    """As a browser decodes UTF-8 bytes as windows-1252 (WHATWG: undefined bytes become C1 controls)."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                   for b in text.encode("utf-8"))


@pytest.mark.parametrize("damage, form", [
    (utf8_read_as_cp1252, "UTF-8 read as Windows-1252"),
    (lambda t: t.encode("gbk").decode("latin-1"), "GBK read as Latin-1"),
])
def test_chinese_text_decoded_twice_is_read_back(damage, form):
    from extract.textfile.encoding_repair import repair_misdecoded

    text, changes = repair_misdecoded(damage(TWICE))
    assert text == TWICE
    assert [(c.kind, form in c.detail) for c in changes] == [("encoding_repaired", True)]


@pytest.mark.parametrize("text", [
    "正常的中文文本，没有问题。Ã 不是",
    "Müller und café, ÅÄÖ, Ñandú, naïve résumé, Straße",
    "價格為NT$1,000元",
    "Ñó»¡",  # Latin-1 letters whose GBK reading is two common Han characters (洋弧): too few to tell
    "",
])
def test_text_that_was_decoded_once_is_left_alone(text):
    from extract.textfile.encoding_repair import repair_misdecoded

    assert repair_misdecoded(text) == (text, [])


def test_a_paper_saved_after_a_wrong_decoding_reads_as_the_paper(tmp_path):
    from extract.paper import process_paper

    path = tmp_path / "twice.txt"
    path.write_text(TWICE.encode("gbk").decode("latin-1"), encoding="utf-8")
    rows = process_paper(path)
    doc = rows["documents"][0]
    assert (doc["title_zh"], doc["abstract_zh"], doc["coverage"]) == ("城市治理研究", "本文研究城市治理的模式，“一带一路”。", 1.0)
    assert [p["text"] for p in rows["paragraphs"]] == ["城市治理是重要议题，2019年以来受到广泛关注。"]
    assert [f["kind"] for f in rows["quality_flags"] if f["stage"] == "decode"] == ["encoding_repaired"]


def _clean_alphabet() -> str:
    from extract.text import GB2312_LEVEL_1, gb2312_chars

    han = "".join(gb2312_chars(GB2312_LEVEL_1)[:600])
    ascii_text = "".join(c for c in map(chr, range(0x20, 0x7F)) if c not in "&<")
    return han + "，。、；：？！“”‘’（）《》—…·" + ascii_text + "\n\téüöñ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_clean_alphabet(), max_size=300))
def test_text_read_once_passes_the_reading_repairs_unchanged(text):
    """Nothing a decoded Chinese text holds (Han, CJK and ASCII punctuation, a few accented letters) is taken
    for text decoded twice, HTML or page furniture marked beyond doubt."""
    from extract.textfile.encoding_repair import repair_misdecoded
    from extract.textfile.markup import resolve_web_markup

    assert repair_misdecoded(text) == (text, [])
    assert resolve_web_markup(text) == (text, [])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_saved_without_its_byte_order_mark(codec):
    text = "城市治理研究\n摘要：本文研究城市治理的模式。\nAbstract: urban governance.\n"
    decoded = decode_text(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, f"{codec} (no BOM)")


def test_binary_that_decodes_as_utf16_is_still_binary():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(DecodeError, match="not a text file"):
        decode_text(data)
