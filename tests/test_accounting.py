"""The character accounting: every character of the input in an output row or a recorded removal.

Unit tests on rows made by hand, then a property test: paper-like PDFs typeset at test time
(columns, running headers, page numbers, footnotes, ruled and unruled tables, captions,
notes, references) go through the whole pipeline and every character comes back.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.paper import process_paper
from extract.rows.accounting import account, missing_runs, units
from tests.pdfbuild import build_paper_pdf


def rows(**datasets) -> dict:
    return {name: datasets.get(name, []) for name in (
        "documents", "sections", "paragraphs", "tables", "table_cells", "references", "footnotes", "figures",
        "authors", "keywords", "quality_flags")}


def test_units_fold_width_script_soft_hyphen_and_skip_spaces():
    assert units("發展 ＡＢ\u00ad\u3000(cid:12)x\ufeff") == ["发", "展", "A", "B", "-", "(cid:12)", "x"]


def test_everything_in_outputs_and_removals_closes():
    source = {1: "一、引言\n城市合作。", 2: "· 2 ·\n結論"}
    result = account(source, rows(
        sections=[{"title_source": "引言", "label_source": "一、", "page": 1},
                  {"title_source": "结论", "label_source": None, "page": 2}],  # normalized script still counts
        paragraphs=[{"text_source": "城市合作。", "page_start": 1, "page_end": 1}],
        quality_flags=[{"kind": "page_number_removed", "original": "· 2 ·", "replacement": None, "page": 2}]))
    assert (result.n_input, result.n_output, result.n_removed, result.coverage) == (14, 11, 3, 1.0)
    assert result.missing == {} and result.excess == 0


def test_a_lost_character_names_its_page_and_shows_where():
    source = {1: "城市合作。", 2: "上海是重要的节点。"}
    out = rows(paragraphs=[{"text_source": "城市合作。", "page_start": 1, "page_end": 1},
                           {"text_source": "上海是节点。", "page_start": 2, "page_end": 2}])
    result = account(source, out)
    assert result.pages_missing == [2]
    assert result.missing[2] == Counter({"重": 1, "要": 1, "的": 1})
    assert result.coverage == pytest.approx(11 / 14)
    assert missing_runs(source[2], out) == "重要的"


def test_only_removal_kinds_account_for_text_and_a_repair_only_for_what_it_removed():
    source = {1: "inter-national 城市"}
    out = rows(paragraphs=[{"text_source": "international 城市", "page_start": 1, "page_end": 1}],
               quality_flags=[
                   {"kind": "hyphenation_joined", "original": "inter-national", "replacement": "international",
                    "page": 1},
                   {"kind": "paragraph_joined", "original": "城市 | 合作", "replacement": None, "page": 1}])
    result = account(source, out)
    assert (result.n_output, result.n_removed, result.coverage) == (15, 1, 1.0)


def test_text_written_twice_is_excess_not_coverage():
    result = account({None: "城市合作"}, rows(paragraphs=[{"text_source": "城市合作"}, {"text_source": "城市"}]))
    assert (result.coverage, result.excess) == (1.0, 2)


def test_a_text_paper_is_accounted_on_one_page(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("一、引言\n城市合作是重要的议题。\n参考文献\n[1]张三.城市合作研究[J].城市问题,2018,12(3):1-10.\n",
                    encoding="utf-8")
    document = process_paper(path)["documents"][0]
    assert (document["n_chars_input"], document["coverage"]) == (56, 1.0)
    assert document["n_chars_output"] + document["n_chars_removed"] == 56


# ---------------------------------------------------------------- property: generated PDFs close

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
clause = st.text(alphabet=HAN, min_size=2, max_size=14)
sentence = st.builds(lambda parts, end: "，".join(parts) + end, st.lists(clause, min_size=1, max_size=4),
                     st.sampled_from(["。", "！", "？", "。^[1]"]))
paragraph = st.lists(sentence, min_size=1, max_size=8).map("".join)
heading = st.tuples(st.sampled_from(["一、", "二、", "三、", "（一）", "（二）", "1.1 ", "第一章 "]),
                    st.text(alphabet=HAN, min_size=2, max_size=8)).map("".join)
cell = st.one_of(st.text(alphabet=HAN, min_size=1, max_size=5), st.integers(0, 9999).map(str))
table = st.tuples(st.integers(2, 4), st.integers(2, 5)).flatmap(
    lambda shape: st.lists(st.lists(cell, min_size=shape[0], max_size=shape[0]), min_size=shape[1],
                           max_size=shape[1]).map(lambda grid: "\n".join("\t".join(r) for r in grid)))
captioned_table = st.tuples(st.integers(1, 9), st.text(alphabet=HAN, min_size=2, max_size=8), table,
                            st.one_of(st.just(""), sentence.map(lambda s: "资料来源：" + s))).map(
    lambda t: "\n".join(x for x in (f"表{t[0]} {t[1]}", t[2], t[3]) if x))
figure_caption = st.tuples(st.integers(1, 9), st.text(alphabet=HAN, min_size=2, max_size=8)).map(
    lambda t: f"图{t[0]} {t[1]}")
footnote = sentence.map(lambda s: "① " + s[:30])  # numbered ①, ②, ... in order (`numbered_footnotes`)
body_item = st.one_of(paragraph, paragraph, paragraph, heading, captioned_table, figure_caption, footnote)
reference = st.tuples(st.text(alphabet=HAN, min_size=2, max_size=3), st.text(alphabet=HAN, min_size=4, max_size=12),
                      st.integers(1990, 2024)).map(lambda t: f"{t[0]}.{t[1]}[J].城市问题,{t[2]},12(3):1-10.")
def numbered_footnotes(lines: list[str]) -> list[str]:
    marks = iter("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
    return [next(marks) + line[1:] if line.startswith("① ") else line for line in lines]


paper = st.builds(
    lambda title, body, refs: "\n".join([title, "一、引言", *numbered_footnotes(body), "参考文献",
                                         *(f"[{k}]{r}" for k, r in enumerate(refs, start=1))]),
    st.text(alphabet=HAN, min_size=6, max_size=14),
    st.lists(body_item, min_size=1, max_size=12),
    st.lists(reference, min_size=1, max_size=4),
)
layout = st.fixed_dictionaries({
    "columns": st.sampled_from([1, 2]),
    "running_header": st.sampled_from([None, "城市发展研究 2019年第1期"]),
    "page_number_format": st.sampled_from(["· {n} ·", "- {n} -", "{n}", "第 {n} 页"]),
    "ruled_tables": st.booleans(),
})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=paper, options=layout)
def test_every_character_of_a_generated_pdf_is_accounted_for(tmp_path_factory, text, options):
    path = tmp_path_factory.mktemp("accounting") / "paper.pdf"
    build_paper_pdf(path, text, **options)
    result = process_paper(path)
    document = result["documents"][0]
    unaccounted = [f for f in result["quality_flags"] if f["kind"] in ("text_unaccounted", "coverage_low")]
    assert document["coverage"] == 1.0, (unaccounted, text, options)
    assert document["n_chars_output"] + document["n_chars_removed"] == document["n_chars_input"]
    assert len(result["footnotes"]) == sum(line[:1] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫" for line in text.split("\n"))


def test_a_paper_with_little_chinese_text_is_flagged(tmp_path):
    """Text that passes as text but holds no Chinese (a PDF font without a usable map gives `¸ÃÎÄ…`; an
    English paper) gets a warning instead of passing unnoticed."""
    from extract.paper import process_paper

    garbage = tmp_path / "garbage.txt"
    garbage.write_text("ÿÎÄÕÂÿ ¸ÃÎÄÿ ×÷Õßÿ ÑÐ¾¿ÿ ·½·¨ÿ Äê ÔÂ Èç ÏÂÿ\n" * 30, encoding="utf-8")  # no GBK reading
    english = tmp_path / "english.txt"
    english.write_text("Urban governance in China\nAbstract: This paper studies urban governance. " * 10,
                       encoding="utf-8")
    chinese = tmp_path / "chinese.txt"
    chinese.write_text("城市治理研究\n摘要：本文研究城市治理的模式，兼论 Urban Governance 的含义。\n" * 10, encoding="utf-8")
    kinds = {}
    for path in (garbage, english, chinese):
        rows = process_paper(path)
        kinds[path.stem] = [f["severity"] for f in rows["quality_flags"] if f["kind"] == "little_chinese_text"]
    assert kinds == {"garbage": ["warning"], "english": ["warning"], "chinese": []}


def _account_by_the_first_rule(inventory: dict, out: dict):
    """The accounting as first written (the oracle): Counters keep zero counts, every page sorted and tried."""
    from extract.rows.accounting import output_texts

    def take(pool: Counter, want: Counter) -> int:
        n = 0
        for unit in want.keys() & pool.keys():
            k = min(want[unit], pool[unit])
            if k:
                pool[unit] -= k
                want[unit] -= k
                n += k
                if not want[unit]:
                    want.pop(unit)
        return n

    pools = {page: Counter(units(text)) for page, text in inventory.items()}
    outputs, removals = output_texts(out)
    found, excess, leftovers = {"output": 0, "removed": 0}, 0, []
    for side, texts in (("output", outputs), ("removed", removals)):
        for text, pages in texts:
            want = Counter(units(text))
            for page in pages:
                if page in pools:
                    found[side] += take(pools[page], want)
            if want:
                leftovers.append((side, want))
    for side, want in leftovers:
        for page in sorted(pools, key=lambda p: -sum(min(want[u], pools[p][u]) for u in want.keys() & pools[p].keys())):
            if not want:
                break
            found[side] += take(pools[page], want)
        excess += sum(want.values())
    return found["output"], found["removed"], excess, {p: +c for p, c in pools.items() if +c}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_matching_agrees_with_the_first_rule(data):
    """Units used up leave their Counter and pages sharing no unit are not tried: the same greedy matching."""
    text = st.text(alphabet="城市合作上海是节点发展。 ab", max_size=30)
    pages = data.draw(st.lists(text, min_size=1, max_size=5))
    inventory = dict(enumerate(pages, start=1))
    page = st.one_of(st.none(), st.integers(min_value=1, max_value=6))
    paragraphs = [{"text_source": t, "page_start": p, "page_end": p}
                  for t, p in data.draw(st.lists(st.tuples(text, page), max_size=8)) if t]
    flags = [{"kind": "page_number_removed", "original": t, "replacement": None, "page": p}
             for t, p in data.draw(st.lists(st.tuples(text, page), max_size=3)) if t]
    out = rows(paragraphs=paragraphs, quality_flags=flags)
    result = account(inventory, out)
    assert (result.n_output, result.n_removed, result.excess, result.missing) == _account_by_the_first_rule(
        inventory, out)


def test_unit_counts_and_the_chinese_share_count_each_character_once():
    from extract.rows.accounting import chinese_share_flags, unit_counts

    for text in ("發展 ＡＢ\u00ad\u3000(cid:12)x\ufeff", "㎡ 城市", "", None, "abc"):
        assert unit_counts(text) == Counter(units(text))
    [flag] = chinese_share_flags({1: "Ã¸ÃÎÄ " * 50, 2: "城市合作" * 10 + "\n"})  # `¸` is no letter
    assert flag.detail.startswith("17% of the 240 letters are Chinese (200 Latin-1 letters")
    assert flag.original == ("Ã¸ÃÎÄ" * 12)[:60]
    assert chinese_share_flags({1: "Ã¸ÃÎÄ " * 20, 2: "城市合作" * 10}) == []
