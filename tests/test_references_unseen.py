"""Entries of papers nobody tuned the readers on (notes/unseen.md), written here as such papers print them."""

from extract.references import parse_reference


def test_gbt_entry_with_western_names_written_initials_first():
    """GB/T brackets with names `X. F. Liu` (initials first, as a thesis template's example prints them): the
    initials' periods do not close the name list, `et al.` after the last surname does."""
    entry = parse_reference("[2] X. F. Liu, B. Z. Wang, W. Shao, et al. A marching-on-in-order scheme for exact "
                            "attenuation constant extraction of lossy transmission lines[C]. China-Japan Joint "
                            "Microwave Conference Proceedings, Chengdu, 2006, 527-529")
    assert (entry["authors"], entry["title"], entry["type_code"], entry["year"]) == (
        ["X. F. Liu", "B. Z. Wang", "W. Shao"],
        "A marching-on-in-order scheme for exact attenuation constant extraction of lossy transmission lines",
        "C", 2006)
    single = parse_reference("[9] M. Clerc. Discrete particle swarm optimization: a fuzzy combinatorial box[EB/OL]. "
                             "http://clerc.example.org/pso/dpso.htm, 2010")
    assert (single["authors"], single["title"], single["url"]) == (
        ["M. Clerc"], "Discrete particle swarm optimization: a fuzzy combinatorial box",
        "http://clerc.example.org/pso/dpso.htm")


def test_a_surname_first_list_keeps_its_period_after_the_initials():
    entry = parse_reference("[3] SMITH J. Optimization[M]. Beijing: Science Press, 2001.")
    assert (entry["authors"], entry["title"]) == (["SMITH J"], "Optimization")


def test_book_and_thesis_pages_after_the_year_and_a_comma():
    """`北京: 科学出版社, 1973, 56-60` (a thesis template's GB/T examples print the cited pages after a comma): the
    place, the publisher and the pages, not a journal `北京: 科学出版社` with volume `56-60`."""
    book = parse_reference("[3] 竺可桢. 物理学 [M]. 北京: 科学出版社, 1973, 56-60")
    thesis = parse_reference("[4] 陈念永. 毫米波细胞生物效应及抗肿瘤研究 [D]. 成都: 电子科技大学, 2001, 50-60")
    assert [(e["place"], e["publisher"], e["year"], e["pages"], e["container"], e["volume"]) for e in (book, thesis)] \
        == [("北京", "科学出版社", 1973, "56-60", None, None), ("成都", "电子科技大学", 2001, "50-60", None, None)]
