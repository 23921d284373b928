"""Merged cells are carried down; text tables become blocks with padded rows."""

from extract.structure.tables import fill_merged_cells, table_cells
from extract.textfile.blocks import text_blocks


def test_leading_empty_cells_take_the_value_above():
    rows = [["议题", "联盟", "成果"],
            ["科技", "甲", "一"],
            ["", "乙", "二"],
            ["创新", "丙", "三"],
            ["", "丁", "四"],
            ["", "戊", "五"]]
    filled = fill_merged_cells(rows)
    assert [r[0] for r in filled[1:]] == [("科技", False), ("科技", True), ("创新", False), ("创新", True),
                                          ("创新", True)]
    assert all(not flag for row in filled for _, flag in row[1:])


def test_only_leading_cells_are_filled_and_header_untouched():
    rows = [["", "b", "c"], ["x", "y", "z"], ["", "", "w"], ["p", "", "q"]]
    filled = fill_merged_cells(rows)
    assert filled[0] == [("", False), ("b", False), ("c", False)]
    assert filled[2] == [("x", True), ("y", True), ("w", False)]
    assert filled[3] == [("p", False), ("", False), ("q", False)]  # an inner gap is not a merged cell


def test_a_header_is_never_filled_down_into_the_first_data_row():
    """cumcm_c19's symbol table: a symbol the reader could not decode leaves the first data cell empty;
    it does not become the header's `符号`."""
    filled = fill_merged_cells([["符号", "意义"], ["", "减速带"], ["f(v)", "概率分布函数"], ["", "减速效果"]])
    assert [r[0] for r in filled] == [("符号", False), ("", False), ("f(v)", False), ("f(v)", True)]


def test_table_cells_coordinates():
    cells = table_cells([["a", "b"], ["1", "2"], ["", "3"]])
    assert [(c.row_no, c.col_no, c.value, c.filled_down) for c in cells] == [
        (0, 1, "a", False), (0, 2, "b", False), (1, 1, "1", False), (1, 2, "2", False),
        (2, 1, "1", True), (2, 2, "3", False)]


def test_text_blocks_lines_and_tables():
    text = "标题\n\n第一段。\r\n表1 说明\n甲\t乙\n\t丙\t丁\n\n资料来源：整理\n"
    blocks = text_blocks(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("text", "标题"), ("text", "第一段。"), ("text", "表1 说明"), ("table", ""), ("text", "资料来源：整理")]
    assert blocks[3].rows == [["甲", "乙", ""], ["", "丙", "丁"]]
    assert blocks[1].gap_before and not blocks[2].gap_before and blocks[4].gap_before


def test_blank_lines_between_rows_of_one_width_do_not_split_the_table():
    blocks = text_blocks("甲\t乙\t丙\n\n1\t2\t3\n\n\t3\t4\n\n一\t二\n")
    assert [b.rows for b in blocks] == [[["甲", "乙", "丙"], ["1", "2", "3"], ["", "3", "4"]], [["一", "二"]]]


def test_row_of_a_two_column_table_with_its_first_cell_merged():
    blocks = text_blocks("表1 城市联盟\n议题\t城市联盟\n科技\tA联盟\n\tB联盟\n能源\tC联盟\n\n\t缩进的段落。\n")
    assert [(b.kind, b.text) for b in blocks] == [("text", "表1 城市联盟"), ("table", ""), ("text", "缩进的段落。")]
    assert blocks[1].rows == [["议题", "城市联盟"], ["科技", "A联盟"], ["", "B联盟"], ["能源", "C联盟"]]


def _records(*items):
    from extract.structure.body import TableRecord

    out = []
    for order, (kind, text, page) in enumerate(items):
        if kind == "caption":
            out.append(TableRecord(label=None, caption_source=text, page=page, order=order))
        else:
            out.append(TableRecord(label=None, caption_source=None, rows=[[text]], page=page, order=order))
    return out


def test_bilingual_caption_above_a_body_is_one_table_with_its_english_caption():
    from extract.structure.tables import pair_tables

    tables = pair_tables(_records(("caption", "表2 IPC 优化的相关工作", 3), ("caption", "Table 1 Related work", 3),
                                  ("body", "甲", 3)))
    assert [(t.caption_source, t.caption_en_source, t.rows) for t in tables] == [
        ("表2 IPC 优化的相关工作", "Table 1 Related work", [["甲"]])]


def test_captions_printed_below_their_tables_pair_with_the_body_above():
    from extract.structure.tables import pair_tables

    tables = pair_tables(_records(("body", "甲", 2), ("caption", "表1 日本陣亡", 2), ("body", "乙", 3),
                                  ("caption", "表2 對照表", 3), ("body", "丙", 4), ("caption", "表3 傷亡", 5)))
    assert [(t.caption_source, t.rows) for t in tables] == [
        ("表1 日本陣亡", [["甲"]]), ("表2 對照表", [["乙"]]), ("表3 傷亡", [["丙"]])]


def test_caption_above_wins_when_the_document_prints_captions_above():
    from extract.structure.tables import pair_tables

    tables = pair_tables(_records(("caption", "表1 甲", 1), ("body", "a", 1), ("caption", "表2 乙", 1),
                                  ("body", "b", 2)))
    assert [(t.caption_source, t.rows) for t in tables] == [("表1 甲", [["a"]]), ("表2 乙", [["b"]])]


def test_two_bilingual_captions_above_their_bodies_pair_each_with_its_own():
    """AAS template: 表2/Table 2, body, 表1/Table 1, body. The English line sits between each
    Chinese caption and its body; each body still takes the caption above it."""
    from extract.structure.tables import pair_tables

    tables = pair_tables(_records(("caption", "表 2 通栏表格示例", 3), ("caption", "Table 2 An example table", 3),
                                  ("body", "甲", 3), ("caption", "表 1 双栏表格示例", 3),
                                  ("caption", "Table 1 An example table in two column", 3), ("body", "乙", 3)))
    assert [(t.caption_source, t.rows) for t in tables] == [("表 2 通栏表格示例", [["甲"]]), ("表 1 双栏表格示例", [["乙"]])]


def test_a_continued_caption_joins_the_part_to_its_table():
    from extract.structure.tables import pair_tables

    records = _records(("caption", "表1 各地区数据", 1), ("body", "甲", 1), ("caption", "续表1 各地区数据", 2),
                       ("body", "乙", 2))
    records[1].rows, records[3].rows = [["地区", "人口"], ["北京", "1"]], [["地区", "人口"], ["上海", "2"]]
    for rec in records:
        if rec.caption_source:
            rec.label = "表1"
    tables = pair_tables(records)
    assert [(t.caption_source, t.rows, t.joined) for t in tables] == [
        ("表1 各地区数据", [["地区", "人口"], ["北京", "1"], ["上海", "2"]], [2])]


def test_a_repeated_header_on_the_next_page_joins_only_the_table_just_before():
    from extract.structure.tables import pair_tables

    records = _records(("body", "a", 1), ("body", "b", 2), ("caption", "表2 另一张表", 2), ("body", "c", 3))
    records[0].rows = [["项目", "金额"], ["甲", "1"]]
    records[1].rows = [["项目", "金额"], ["乙", "2"]]
    records[3].rows = [["项目", "金额"], ["丙", "3"]]  # its own caption: a table of its own
    records[2].order, records[3].order = 5, 6  # a paragraph between b and the caption
    tables = pair_tables(records)
    assert [t.rows for t in tables] == [[["项目", "金额"], ["甲", "1"], ["乙", "2"]], [["项目", "金额"], ["丙", "3"]]]


def test_a_note_above_a_table_without_caption_is_its_note():
    from extract.structure.body import TableRecord
    from extract.structure.tables import pair_tables

    note = TableRecord(label=None, caption_source=None, page=27, order=5, notes=["注：下表为 180 个方向的计算值"])
    body = TableRecord(label=None, caption_source=None, rows=[["1", "2"], ["0.1", "0.2"]], page=27, order=6)
    tables = pair_tables([note, body])
    assert [(t.rows, t.notes) for t in tables] == [([["1", "2"], ["0.1", "0.2"]], ["注：下表为 180 个方向的计算值"])]


def test_continued_captions():
    from extract.structure.captions import is_continued_caption, parse_caption

    assert parse_caption("续表2 各地区数据") == ("table", "表2", "各地区数据")
    assert [is_continued_caption(t) for t in ("续表2 各地区数据", "表2（续） 各地区数据", "Table 2 (continued)",
                                              "表2 各地区数据", "续写的故事")] == [True, True, True, False, False]
