"""What normalization must deliver on whole papers: one script, no damage, every change on record."""

import pandas as pd
import pytest

from conftest import RAW, SAMPLE_000, SAMPLE_002
from extract.normalize import convert, traditional_only_chars
from extract.paper import process_paper
from extract.run.sequence import paper_frames
from extract.text import has_pinyin_annotation

TEXT_COLUMNS = {"paragraphs": ["text"], "sections": ["title"], "tables": ["caption", "note"],
                "table_cells": ["value"], "keywords": ["keyword"]}


@pytest.fixture(scope="module")
def p002():
    return paper_frames(process_paper(RAW / f"{SAMPLE_002}.txt"))


def all_text(frames):
    return "\n".join(str(v) for name, cols in TEXT_COLUMNS.items() for c in cols
                     for v in frames[name][c].dropna())


def test_sample_002_comes_out_simplified_and_clean(p002):
    text = all_text(p002)
    assert not has_pinyin_annotation(text)
    assert "\ufffd" not in text
    assert traditional_only_chars(text) == [], "normalized text is Simplified"
    source = "\n".join(p002["paragraphs"]["text_source"])
    assert "創(chuàng)新" in source, "text_source keeps the decoded original"
    assert p002["documents"].iloc[0]["script"] == "traditional"


def test_every_pinyin_removal_and_mojibake_span_is_a_flag(p002):
    flags = p002["quality_flags"]
    pinyin = flags[flags["kind"] == "pinyin_annotation"]
    assert len(pinyin) >= 440
    assert pinyin["paragraph_no"].notna().sum() >= 400  # those in headings and notes have no paragraph
    assert (pinyin["original"].str.len() > pinyin["replacement"].fillna("").str.len()).all()
    mojibake = flags[flags["kind"].str.startswith("mojibake")]
    # every '?' of the source (an orphaned GBK byte) stands inside a flagged span
    source = (RAW / f"{SAMPLE_002}.txt").read_text(encoding="utf-8")
    assert mojibake["original"].str.count(r"\?").sum() == source.count("?")
    assert len(mojibake) >= 4 and (mojibake["severity"] == "warning").all()
    # none re-aligns into characters clearly better than the damage (tests/test_mojibake.py: sample 002 spans)
    assert (mojibake["kind"] == "mojibake_suspect").all() and mojibake["replacement"].isna().all()
    assert len(mojibake) == 4
    paragraphs = " ".join(p002["paragraphs"]["text"])
    assert "区域”??梢哉f,创新性" in paragraphs  # kept as it is; the clean text around it converted


def test_latin_words_inside_chinese_are_kept_and_flagged():
    frames = paper_frames(process_paper(RAW / f"{SAMPLE_000}.txt"))
    assert any("上海自贸区 and 香港金融中心" in t for t in frames["paragraphs"]["text"])
    latin = frames["quality_flags"][frames["quality_flags"]["kind"] == "latin_in_chinese"]
    assert latin["original"].str.contains("and").sum() == 2


def test_traditional_version_of_a_paper_gives_the_same_structure(tmp_path):
    """Metamorphic: 000 converted to Traditional at test time, run through the pipeline, matches 000."""
    source = (RAW / f"{SAMPLE_000}.txt").read_text(encoding="utf-8")
    traditional = tmp_path / "trad.txt"
    traditional.write_text(convert(source, "s2t"), encoding="utf-8")
    original = paper_frames(process_paper(RAW / f"{SAMPLE_000}.txt"))
    converted = paper_frames(process_paper(traditional))
    assert converted["documents"].iloc[0]["script"] == "traditional"
    keys = {
        "sections": ["section_no", "parent_section_no", "level", "label", "title"],
        "tables": ["table_no", "label", "caption", "note", "n_rows", "n_cols", "has_body"],
        "table_cells": ["table_no", "row_no", "col_no", "value", "filled_down"],
        "references": ["ref_no", "type_code", "year", "pub_date", "accessed_date", "url", "parse_status"],
        "citations": ["citation_no", "ref_no", "location", "paragraph_no", "table_no", "row_no", "col_no",
                      "char_offset", "resolved"],
    }
    for name, columns in keys.items():
        pd.testing.assert_frame_equal(original[name][columns], converted[name][columns], obj=name)
    same_titles = (original["references"]["title"] == converted["references"]["title"]).mean()
    assert same_titles >= 0.8  # s2t then t2s is not a bijection for every character
