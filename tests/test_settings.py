"""Pipeline settings: frozen, checked when made, read from a TOML file and passed to every stage."""

import dataclasses

import pytest

from extract.paper import process_paper
from extract.pdf import PdfSettings
from extract.references import ReferenceSettings
from extract.settings import PipelineSettings, load_settings
from extract.structure import StructureSettings


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PdfSettings().header_band = 0.2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        PipelineSettings().pdf = PdfSettings()  # type: ignore[misc]


@pytest.mark.parametrize(("make", "message"), [
    (lambda: PdfSettings(header_band=1.5), "PdfSettings.header_band is a share between 0 and 1, got 1.5"),
    (lambda: PdfSettings(fragment_gap=-1.0), "PdfSettings.fragment_gap must not be negative, got -1.0"),
    (lambda: PdfSettings(margin_rows=2.5), "PdfSettings.margin_rows must be a int, got 2.5"),
    (lambda: PdfSettings(find_unruled_tables=1), "PdfSettings.find_unruled_tables must be a bool, got 1"),
    (lambda: PdfSettings(table_settings=[1]), "PdfSettings.table_settings must be a table of settings or absent"),
    (lambda: StructureSettings(script_majority=2.0), "StructureSettings.script_majority is a share"),
    (lambda: ReferenceSettings(longest_entry=0), "ReferenceSettings.longest_entry must be at least 1, got 0"),
])
def test_a_bad_value_names_its_knob(make, message):
    with pytest.raises(ValueError, match="^" + message.replace(".", r"\.").replace("(", r"\(").replace("[", r"\[")):
        make()


def test_a_float_knob_takes_a_whole_number():
    assert PdfSettings(fragment_gap=2).fragment_gap == 2


def test_load_settings_reads_each_stage_and_keeps_defaults(tmp_path):
    config = tmp_path / "papers.toml"
    config.write_text('[pdf]\nheader_band = 0.1\nfind_unruled_tables = false\n'
                      '[structure]\nmax_heading_han = 36\n[references]\nlongest_entry = 3000\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.pdf == PdfSettings(header_band=0.1, find_unruled_tables=False)
    assert settings.structure == StructureSettings(max_heading_han=36)
    assert settings.references == ReferenceSettings(longest_entry=3000)


@pytest.mark.parametrize(("text", "message"), [
    ("[pdf]\nheader_bnad = 0.1\n", "unknown pdf setting(s) header_bnad"),
    ("[tables]\nx = 1\n", "unknown settings section(s) tables: expected pdf, structure, references"),
    ("[pdf]\nheader_band = 7\n", "PdfSettings.header_band is a share between 0 and 1, got 7"),
    ("[pdf\n", "is not valid TOML"),
    ("pdf = 3\n", "settings section [pdf] must be a table of knobs"),
])
def test_load_settings_refuses_a_bad_file(tmp_path, text, message):
    config = tmp_path / "papers.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        load_settings(config)
    assert message in str(caught.value)


def test_process_paper_passes_the_settings_to_the_stages(tmp_path):
    paper = tmp_path / "p.txt"
    lines = ["城市更新研究", "", "一、引言", "城市更新是重要的研究问题。", "", "参考文献",
             "[1] 张三. 城市更新的理论与实践[J]. 城市规划, 2020, 44(3): 1-10."]
    paper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    default = process_paper(paper)
    assert [s["title"] for s in default["sections"]][:1] == ["引言"]
    # a heading title may have at most 1 Han character: 引言 is no heading any more
    strict = process_paper(paper, settings=PipelineSettings(structure=StructureSettings(max_heading_han=1)))
    assert "引言" not in [s["title"] for s in strict["sections"]]
    # an entry may have at most 20 characters: the one entry is text the list swallowed, parse failed
    short = process_paper(paper, settings=PipelineSettings(references=ReferenceSettings(longest_entry=20)))
    assert default["references"][0]["parse_status"] != "failed"
    assert [r["parse_status"] for r in short["references"]] == ["failed"]
