"""Text input is decoded by detection: every supported encoding gives the same text."""

import codecs

import pytest

from extract.decode import DecodeError, decode_text

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
