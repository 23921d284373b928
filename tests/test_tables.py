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
