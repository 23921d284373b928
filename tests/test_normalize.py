"""Normalization of one paragraph: every rule with its positive and must-not-touch cases."""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalize import (
    detect_script,
    flag_latin_in_chinese,
    normalize_punctuation,
    normalize_text,
    remove_pinyin_annotations,
    repair_mojibake,
    to_simplified,
)

RAW = Path(__file__).resolve().parents[1] / "raw"
TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A bracketed pinyin syllable anywhere, whatever precedes it (stricter than the write check).
ANY_ANNOTATION = re.compile(rf"[(（]?[a-zü]*[{TONE}][a-zü]*[)）]")


def raw_lines(prefix: str) -> list[str]:
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").split("\n")


def misdecode(text: str) -> str:
    """`text` encoded as GBK, its first (lead) byte lost and shown as `?`, the rest decoded
    one byte out of step, full-width forms folded to ASCII: the damage web converters do."""
    shifted = text.encode("gbk")[1:].decode("gbk")
    return "?" + "".join(unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" else c for c in shifted)


# ---------------------------------------------------------------- pinyin annotations

@pytest.mark.parametrize("raw, expected, originals", [
    ("創(chuàng)新", "創新", ["創(chuàng)"]),
    ("發(fā)展", "發展", ["發(fā)"]),
    ("區(qū)域", "區域", ["區(qū)"]),
    ("工業(yè)", "工業", ["業(yè)"]),
    ("轉(zhuǎn)型", "轉型", ["轉(zhuǎn)"]),
    ("發(fā)展(zhǎn)", "發展", ["發(fā)", "展(zhǎn)"]),
    ("創\n(chuàng)新", "創新", ["創\n(chuàng)"]),  # a line break between the character and its annotation
    ("創 （chuàng）新", "創新", ["創 （chuàng）"]),  # full-width brackets
    ("女(nǚ)士", "女士", ["女(nǚ)"]),
    ("嗯(ňg)", "嗯", ["嗯(ňg)"]),
    ("綠(lü)色", "綠色", ["綠(lü)"]),
    ("發(fā)(fā)展", "發展", ["發(fā)(fā)"]),  # doubled: gone in one pass
])
def test_pinyin_annotation_removed(raw, expected, originals):
    text, changes = remove_pinyin_annotations(raw)
    assert text == expected
    assert [c.original for c in changes] == originals
    assert all(c.kind == "pinyin_annotation" and c.severity == "info" and c.stage == "normalize" for c in changes)
    assert [c.replacement for c in changes] == [o[0] for o in originals]
    assert all(raw[c.offset:].startswith(c.original) for c in changes)


@pytest.mark.parametrize("raw", [
    "脱钩(decoupling)", "城市”(Innovative City)的", "政策轉移(policy transfer)作用", "所(Richard Florida)曾",
    "城市(Global Giants)的", "商(协)会", "项目（ECP）主办", "研究(18692112800)的", "(一)", "(2015-09-23)",
    "见(a)", "吗(ma)", "咖啡(café)", "发展(fāzhǎn)", "创新(chuàngxīn)", "名(Zhāng)", "Lǚ Xùn (lǚ)",
    "中(ā b)", "中(āā)",
])
def test_pinyin_must_not_touch(raw):
    assert remove_pinyin_annotations(raw) == (raw, [])


# ---------------------------------------------------------------- mojibake (more in test_mojibake.py)

@pytest.mark.parametrize("phrase, context", [
    ("。可持續發", ("時代", "正是")),
    ("。可見識", ("區域”", "，創新")),
])
def test_mojibake_repaired(phrase, context):
    raw = context[0] + misdecode(phrase) + context[1]
    text, changes = repair_mojibake(raw)
    (change,) = changes
    assert (change.kind, change.severity) == ("mojibake_repaired", "warning")
    assert raw[change.offset:].startswith(change.original) and change.original.startswith("?")
    # the character whose lead byte was lost is left out, not guessed; its trail byte and the mark it fits are named
    assert phrase[1:].startswith(change.replacement)
    assert text == context[0] + change.replacement + raw[change.offset + len(change.original):]
    assert "trail byte a3" in change.detail and "。" in change.detail and "left out" in change.detail


@pytest.mark.parametrize("phrase", ["作可見識", "的可見識"])
def test_lost_han_character_is_left_out_not_guessed(phrase):
    raw = "時代" + misdecode(phrase) + "正是"
    text, changes = repair_mojibake(raw)
    (change,) = changes
    assert (change.kind, change.replacement) == ("mojibake_repaired", phrase[1:])
    assert text == "時代" + phrase[1:] + "正是" and "left out" in change.detail


def test_mojibake_with_bytes_lost_is_kept_and_flagged():
    damaged = misdecode("。可見識")
    raw = "時代" + damaged[:2] + damaged[3:] + "正是"  # a pair dropped inside the run
    text, changes = repair_mojibake(raw)
    assert text == raw
    (change,) = changes
    assert (change.kind, change.severity, change.replacement) == ("mojibake_suspect", "warning", None)
    assert change.original == damaged[:2] + damaged[3:] and change.offset == 2


def test_mojibake_annotation_pieces_are_removed_from_a_kept_run():
    damaged = misdecode("。可見識")
    raw = "時代" + damaged[:2] + "yōu)" + damaged[3:] + "(shí)正是"
    text, changes = normalize_text(raw)
    assert text == "时代" + damaged[:2] + damaged[3:] + "正是"
    assert [c.original for c in changes if c.kind == "pinyin_annotation"] == [damaged[1] + "yōu)", damaged[-1] + "(shí)"]
    assert "mojibake_suspect" in [c.kind for c in changes]


def test_mojibake_without_lost_byte_mark_is_only_flagged():
    damaged = misdecode("聯動經濟實現")[1:]  # the lead byte vanished without a `?`
    raw = "時代" + damaged + "正是"
    text, changes = repair_mojibake(raw)
    assert text == raw
    (change,) = changes
    assert (change.kind, change.original, change.offset) == ("mojibake_suspect", damaged, 2)
    assert "no lost-byte mark" in change.detail


@pytest.mark.parametrize("raw, original", [
    ("吗?丛床刻促M股", "?丛床刻促M"),  # re-aligned it reads 源部檀費: uncommon, no attested pair
    ("吗?焙短乎r股", "?焙短乎r"),
    ("为什么?A股市场", "?A"),  # `?` + one letter glued to Han: a lost character's trail byte, or a question
    ("中心?,經濟", "?"),  # a lost character before an ASCII comma: only the mark is left
    ("中心?;經濟", "?"),
])
def test_mojibake_kept_and_flagged(raw, original):
    text, changes = repair_mojibake(raw)
    assert text == raw
    assert [(c.kind, c.original) for c in changes] == [("mojibake_suspect", original)]


@pytest.mark.parametrize("raw", [
    "是什么?我们走吧",
    "真的?!好好学习",
    "what? 中国",
    "https://example.org/a?id=1中国",
    "发展,1,000个?",
    "β系数与α值",
    "(为什么?)",
    "本文构建如下模型：Y＝α＋βX＋ε。",  # a formula: Greek and Latin variables
    "模型为Y=α+βX+ε，其中ε服从正态分布。",
])
def test_mojibake_must_not_touch(raw):
    assert repair_mojibake(raw) == (raw, [])


def test_replacement_char_stripped_and_flagged():
    text, changes = repair_mojibake("中\ufffd\ufffd文\ufffd")
    assert text == "中文"
    assert [(c.kind, c.original, c.offset) for c in changes] == [
        ("replacement_char", "\ufffd\ufffd", 1), ("replacement_char", "\ufffd", 4)]


# ---------------------------------------------------------------- punctuation

@pytest.mark.parametrize("raw, expected", [
    ("中国(陕西)自由", "中国（陕西）自由"),
    ("在能源方面，合作 对上海的影响", "在能源方面，合作对上海的影响"),  # a lone space in running prose
    ("摘 要", "摘要"),  # letter spacing
    ("关 键 词：城市", "关键词：城市"),
    ("随着技术革命的迭代, 科技", "随着技术革命的迭代，科技"),
    ("摘要: 随着", "摘要：随着"),
    ("关键词: 科技创新; “一带一路”; 城市合作", "关键词：科技创新；“一带一路”；城市合作"),
    ("是什么?我们", "是什么？我们"),
    ("真的!", "真的！"),
    ("城市”(Innovative City)的", "城市”（Innovative City）的"),  # brackets full width, Latin kept
    ("(一) “一带一路”下的", "（一）“一带一路”下的"),
    ("中 （ 陕西 ） 自由", "中（陕西）自由"),
    ("发展^[1], 合作[3-5]; 研究", "发展^[1]，合作[3-5]；研究"),  # markers looked through, kept
    ("1.全球層面:城市", "1.全球層面：城市"),
    ("(a)(b)中", "（a）（b）中"),
    ("中,,中", "中，，中"),
])
def test_punctuation_to_full_width(raw, expected):
    text, changes = normalize_punctuation(raw)
    assert text == expected
    (change,) = changes  # one summary per paragraph
    assert (change.kind, change.severity) == ("punctuation", "info")
    assert raw[change.offset] in ",:;?!() " and change.original in raw and change.replacement in text


@pytest.mark.parametrize("raw", [
    "上海自贸区 and 香港金融中心",
    "Innovative City",
    "5 170亿元",
    "4.0版",
    "1,000个",
    "2018~2023年",
    "DOI: 10.3969/j.issn.1674-7739.2019.01.010",
    "1.全球层面",
    "发展^[1]合作[3-5]",
    "详见http://www.gov.cn/xinwen/2016-06/08/content_5080386.htm。",
    "人民日报,2016-06-04(01).",
    "[EB/OL].(2015-09-23)[2018-08-20]",
    "2016(1): 15-21",
    "a, b; c: d? e!",
    "文 \\ 朱云杰 \\ Zhu Yunjie",
    "Beijing (北京) is",
])
def test_punctuation_must_not_touch(raw):
    assert normalize_punctuation(raw) == (raw, [])


@pytest.mark.parametrize("raw, expected", [
    ("基于２０１１—２０２０年省级面板数据", "基于2011—2020年省级面板数据"),
    ("ＧＤＰ增长２．５％", "GDP增长2.5％"),
    ("（１）模型设定", "（1）模型设定"),
    ("第３章　结论", "第3章　结论"),
    ("東京で２０２０年に開催された。", "東京で２０２０年に開催された。"),  # Japanese keeps its full-width digits
    ("表１．２中国", "表1.2中国"),
    ("句号。．后", "句号。．后"),  # a full-width point not between digits stays
])
def test_full_width_digits_and_letters_become_ascii(raw, expected):
    text, changes = normalize_punctuation(raw)
    assert text == expected
    assert (changes == []) == (raw == expected)


@pytest.mark.parametrize("raw", [
    "随着技术革命的迭代, 科技创新纽带为国家间社会经济发展带来新的动力, 在能源(见表1)方面: 合作 对上海",
    "(一) “一带一路”; 发展^[1], 合作? 研究!",
])
def test_punctuation_change_lets_the_original_be_rebuilt(raw):
    text, (change,) = normalize_punctuation(raw)
    undo = json.loads(change.detail.split(": ", 1)[1])
    for position, original, replacement in sorted(undo, reverse=True):
        assert text[position:position + len(replacement)] == replacement
        text = text[:position] + original + text[position + len(replacement):]
    assert text == raw


# ---------------------------------------------------------------- spaces: typesetting goes, separators stay

@pytest.mark.parametrize("raw", [
    "人工智能 教师 耗散结构",  # issue 13: a keyword list was glued into one word
    "关键词：人工智能 教师 耗散结构",
    "关键词: 人工智能 教师",  # two items after a colon
    "张三 李四 王五",
    "张三 李四",  # two names, no prose around them
    "中美城市合作 对上海的启示",  # a title's two parts
    "劄记 目劄；札记 目劄 潜丘札记",  # OpenCC's cases list words with spaces
    "北京 上海\t广州 深圳",
])
def test_spaces_between_items_stay(raw):
    text, changes = normalize_text(raw)
    assert text == raw.replace(": ", "：")
    assert all(c.kind == "punctuation" for c in changes)


@pytest.mark.parametrize("raw, expected", [
    ("随着技术革命的迭代， 科技创新", "随着技术革命的迭代，科技创新"),  # next to CJK punctuation
    ("摘 要", "摘要"),
    ("合 作 对 上 海，", "合作对上海，"),  # letter spacing
    ("动力，在能源方面合作 对上海的影响。", "动力，在能源方面合作对上海的影响。"),  # a lone space in prose
    ("中 （ 陕西 ） 自由", "中（陕西）自由"),
])
def test_typesetting_spaces_go(raw, expected):
    assert normalize_text(raw)[0] == expected


# ---------------------------------------------------------------- Latin inside Chinese

@pytest.mark.parametrize("raw, words", [
    ("加强上海自贸区 and 香港金融中心合作", ["and"]),
    ("挥上海金融信息 and 专业服务综合优势", ["and"]),
    ("城市之间, policy transfer 的作用", ["policy transfer"]),
])
def test_latin_in_chinese_flagged(raw, words):
    changes = flag_latin_in_chinese(raw)
    assert [raw[c.offset:c.offset + len(w)] for c, w in zip(changes, words)] == words
    assert all((c.kind, c.severity, c.replacement) == ("latin_in_chinese", "warning", None) for c in changes)
    assert all(w in c.original and len(c.original) > len(w) for c, w in zip(changes, words))


@pytest.mark.parametrize("raw", [
    "推动PPP资产的WTA和C40及GDP",
    "可持续城市组织（WeGO）在成都",
    "合作项目（ECP）主办",
    "脱钩(decoupling)现象",
    "The Enlightenment of Science and Technology Innovation",
    "详见http://www.xinhuanet.com/world/index.htm中国",
    "DOI: 10.3969/j.issn.1674-7739.2019.01.010",
    "称为“smart city”的城市",
    "A股市场",
])
def test_latin_in_chinese_must_not_flag(raw):
    assert flag_latin_in_chinese(raw) == []


# ---------------------------------------------------------------- script

@pytest.mark.parametrize("text, script", [
    ("科技创新纽带和中美城市合作对上海发展的启示", "simplified"),
    ("科技創新紐帶和中美城市合作對上海發展的啟示", "traditional"),
    ("科技创新纽带和中美城市合作對上海發展的啟示", "mixed"),
    ("Innovative City 2018", "simplified"),
    ("", "simplified"),
])
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_detect_script_on_100k_characters():
    """Its speed is measured in `make bench` (bench_no_quadratic_blowup)."""
    assert detect_script("科技創新紐帶和中美城市合作對上海發展的啟示，" * 5000) == "traditional"


def test_to_simplified():
    assert to_simplified("創新型城市時代的全面來臨") == "创新型城市时代的全面来临"


def test_to_simplified_builds_its_converter_once(monkeypatch):
    from extract.normalize import script

    to_simplified("發")

    def build_again(config):
        raise AssertionError(f"OpenCC converter {config} built again")

    monkeypatch.setattr(script.opencc, "OpenCC", build_again)
    assert to_simplified("發展") == "发展"


# ---------------------------------------------------------------- the chain

def test_normalize_text_chain():
    raw = "“創(chuàng)新型城市”(Innovative City)的發(fā)展, 區(qū)域 合作"
    text, changes = normalize_text(raw)
    assert text == "“创新型城市”（Innovative City）的发展，区域合作"
    assert [c.kind for c in changes] == ["pinyin_annotation"] * 3 + ["script_converted", "punctuation"]
    assert changes[3].detail.startswith("3 character(s) converted")  # 創→创, 發→发, 區→区
    assert all(raw[c.offset:].startswith(c.original) for c in changes if c.kind == "pinyin_annotation")



def test_a_short_text_normalized_again_gives_the_same_result_and_its_own_changes():
    raw = "發(fā)展, 區域"  # short: its result is kept for the next time it comes (a table cell, a label)
    text, changes = normalize_text(raw)
    assert text == "发展，区域" and [c.kind for c in changes] == ["pinyin_annotation", "script_converted", "punctuation"]
    changes[0].offset = 999  # a caller moves its offsets
    again, changes_again = normalize_text(raw)
    assert again == text and [c.kind for c in changes_again] == [c.kind for c in changes]
    assert changes_again[0].offset == 0 and changes_again[0] is not changes[0]
    long = "發(fā)展" * 30  # longer than CACHED_CHARS: normalized each time, the same
    assert normalize_text(long)[0] == normalize_text(long)[0] == "发展" * 30

def test_normalize_text_offsets_point_into_the_raw_text():
    raw = "時代" + misdecode("。可見識") + "正是 上海自贸区 and 香港, 發(fā)展"
    text, changes = normalize_text(raw)
    assert text == "时代可见识正是 上海自贸区 and 香港，发展"  # the lost 。 is left out (flagged); two words keep their space
    by_kind = {c.kind: c for c in changes}
    assert set(by_kind) == {"mojibake_repaired", "pinyin_annotation", "script_converted", "punctuation",
                            "latin_in_chinese"}
    assert raw[by_kind["mojibake_repaired"].offset:].startswith(by_kind["mojibake_repaired"].original)
    assert raw[by_kind["pinyin_annotation"].offset:].startswith("發(fā)")
    assert raw[by_kind["latin_in_chinese"].offset:].startswith("and")


def test_kept_mojibake_is_left_alone_by_later_steps():
    damaged = misdecode("。可見識")
    kept = damaged[:2] + damaged[3:]
    text, changes = normalize_text("時代" + kept + "正是")
    assert text == "时代" + kept + "正是"  # neither t2s nor punctuation touched the run
    assert [c.kind for c in changes] == ["mojibake_suspect", "script_converted"]  # 時 only


CLEAN_SIMPLIFIED_TOKENS = [
    "发展", "创新", "城市", "经济", "合作", "上海", "科技", "研究", "我们", "中国", "区域", "政策", "的", "了",
    "，", "。", "、", "：", "；", "？", "！", "——", "“一带一路”", "《重新定义全球城市》",
    "（Innovative City）", "（ECP）", "（一）", "（2015）", "GDP", "PPP", "C40", "WTA",
    "5 170亿", "4.0", "1,000", "2018~2023年", "31%", "https://www.gov.cn/a/b.htm",
    "10.3969/j.issn.1674-7739.2019.01.010", "[1]", "[3-5]", "^[2]",
]
CHINESE_ISH = ("中国发展创新城市经济合作的了是在和我们为上海科技" "發展創區業轉經濟為說議時"
               "，。、：；？！（）“”《》—" ",.:;?!()[]^-~/ " "aAbcdEfGhiklnoprstuxyzR" "0123456789"
               f"{TONE}ü" "\n" "榍袑嵉б粠橹" "\ufffd")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CLEAN_SIMPLIFIED_TOKENS), max_size=30).map("".join))
def test_clean_simplified_text_passes_unchanged(text):
    assert normalize_text(text) == (text, [])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=CHINESE_ISH, max_size=60))
def test_normalizing_twice_equals_once(raw):
    once, _ = normalize_text(raw)
    assert normalize_text(once)[0] == once
    assert "\ufffd" not in once


def test_normalizing_twice_equals_once_when_a_later_step_exposes_a_run():
    raw = "??說中k"  # after t2s (說 -> 说) the run re-aligns to common characters: the chain runs again
    once, _ = normalize_text(raw)
    assert normalize_text(once)[0] == once


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["發", "展", "創", "新", "區"]), min_size=1, max_size=8),
       st.lists(st.sampled_from(["(fā)", "(zhǎn)", "（chuàng）", " (xīn)", "\n(qū)"]), min_size=1, max_size=8))
def test_no_annotation_survives(chars, annotations):
    raw = "".join(c + a for c, a in zip(chars, annotations))
    text, _ = normalize_text(raw)
    assert not ANY_ANNOTATION.search(text)


# ---------------------------------------------------------------- the sample papers

def test_sample_002_normalized_has_no_annotation_and_no_replacement_char():
    lines = raw_lines("002")
    results = [normalize_text(line) for line in lines]
    normalized = "\n".join(text for text, _ in results)
    assert not ANY_ANNOTATION.search(normalized)
    assert "\ufffd" not in normalized
    assert detect_script("\n".join(lines)) == "traditional"
    assert detect_script(normalized) == "simplified"
    # every `?` glued to Han in the source is accounted for by a mojibake change
    flagged = [(no, c) for no, (_, changes) in enumerate(results) for c in changes if c.kind.startswith("mojibake")]
    for no, line in enumerate(lines):
        for match in re.finditer(r"(?<=[\u4e00-\u9fff”])\?", line):
            assert any(n == no and c.offset <= match.start() < c.offset + len(c.original) for n, c in flagged)


def test_sample_000_is_simplified():
    assert detect_script("\n".join(raw_lines("000"))) == "simplified"


# ---------------------------------------------------------------- characters that carry no text, residues

@pytest.mark.parametrize("raw, kind, removed", [
    ("中\x00文", "control_char", "\x00"),  # issue 14: a NUL byte passed into normalized text
    ("中\x1b\x7f文", "control_char", "\x1b\x7f"),
    ("中\ue4c6文", "private_use_char", "\ue4c6"),  # issue 14: GBK and Big5 bytes mixed
])
def test_control_and_private_use_characters_are_removed_and_flagged(raw, kind, removed):
    text, changes = normalize_text(raw)
    assert text == "中文"
    (change,) = changes
    assert (change.kind, change.original, change.offset, change.replacement) == (kind, removed, 1, "")
    assert "U+" in change.detail


def test_tab_and_line_breaks_are_text():
    assert normalize_text("中\t文\n中")[0] == "中\t文\n中"


def test_residue_is_named_with_offsets():
    from extract.normalize.residue import residual_flags

    (flag,) = residual_flags("时代?臺R正是發(fā)\ufffd。東京の經濟")  # the Japanese span keeps its kanji unflagged
    assert (flag.kind, flag.severity, flag.offset) == ("residual_characters", "warning", 3)
    assert "Traditional-only: 臺@3 發@7" in flag.detail and "pinyin annotation: (fā)@8" in flag.detail
    assert "U+FFFD: U+FFFD@12" in flag.detail and "經" not in flag.detail
    assert residual_flags("时代正是发展") == []


def test_write_check_rejects_control_and_private_use_characters():
    from extract.schema.checks import find_failures
    from extract.schema.datasets import DATASETS, conform
    frames = {name: conform(name, []) for name in DATASETS}
    frames["keywords"] = conform("keywords", [dict(doc_id="p1", keyword_no=1, keyword="中\x00文", keyword_source="x",
                                                   lang="zh"),
                                              dict(doc_id="p1", keyword_no=2, keyword="中\ue000文", keyword_source="x",
                                                   lang="zh")])
    checks = {(f.column, f.check) for f in find_failures(frames)}
    assert ("keyword", "no control character failed") in checks
    assert ("keyword", "no Private Use Area character failed") in checks
