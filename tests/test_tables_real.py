"""Tables of real PDFs (../shared/realworld and the set-2 corpus), cell by cell: what the table
reader gets right today, each a case it once got wrong (issue 20)."""

from __future__ import annotations

from tests.test_table_layouts import tables_of


def table(rows: dict, label: str) -> tuple:
    found = [t for t in tables_of(rows) if t[0] == label]
    assert len(found) == 1, [t[:3] for t in tables_of(rows)]
    return found[0]


def test_three_line_table_read_from_its_rules(pdf2_corpus, paper_rows):
    """cumcm2024_b 表3: a LaTeX booktabs table, no vertical rule; its empty cells stay empty."""
    rows = paper_rows(pdf2_corpus / "cumcm2024_b.pdf")
    assert table(rows, "表3") == ("表3", "平滑项分析结果", 8, [
        ["平滑项", "Lambda", "Rank", "EDoF", "P > x", "p 值"],
        ["s(0)", "0.6", "20", "13.7", "8.17e-10", "< 0.001"], ["s(1)", "0.6", "20", "11.6", "4.18e-03", "< 0.001"],
        ["s(2)", "0.6", "20", "12.0", "1.11e-16", "< 0.001"], ["s(3)", "0.6", "20", "9.6", "1.06e-12", "< 0.001"],
        ["s(4)", "0.6", "20", "1.9", "2.30e-01", "0.1347"], ["s(5)", "0.6", "20", "2.7", "7.80e-01", "0.3541"],
        ["intercept", None, "1", "0.0", "1.89e-15", None]], [0])


def test_three_line_table_ends_at_its_last_rule(pdf2_corpus, paper_rows):
    """cumcm2024_b 表7: the appendix's heading and code listings between rules of their own under the
    table are not its rows; its three files are three rows."""
    rows = paper_rows(pdf2_corpus / "cumcm2024_b.pdf")
    assert table(rows, "表7")[3] == [["文件名", "功能描述"], ["q1.m", "问题一核心 MATLAB 程序代码"],
                                    ["q2.py", "问题二 Python 求解程序"], ["data.xlsx", "本文使用的原始数据与处理结果"]]


def test_word_table_with_rules_drawn_per_cell(pdf2_corpus, paper_rows):
    """ldhai_jccs 表1: Word draws each rule as one stroke per cell; the table beside a column of body
    text takes none of it."""
    rows = paper_rows(pdf2_corpus / "ldhai_jccs.pdf")
    grids = [t[3] for t in tables_of(rows) if t[2] == 3]
    assert [["操作", "占比"], ["保存和恢复上下文", "14.5%"], ["地址空间切换", "59.4%"], ["fast-path 检查", "20.1%"],
            ["消息拷贝", "1.5%"], ["其他", "4.5%"]] in grids
    assert not any("异步被广泛用于请求合并" in (c or "") for g in grids for r in g for c in r)
    assert any("而在软件方面，异步被广泛用于请求合并" in p["text"] for p in rows["paragraphs"])


def test_banded_word_tables_keep_header_and_unshaded_rows(pdf2_corpus, paper_rows):
    """gov_network 表3.1 and 表3.2 (Word, shaded rows, no rules but a red top rule): the header and the
    unshaded 王毅 row have no cell drawn; each table is one, its header the first row (they were 0x0,
    the bodies removed as a diagram's boxes). 表1.1, ruled, stays."""
    rows = paper_rows(pdf2_corpus / "gov_network.pdf")
    assert table(rows, "表3.1")[1:] == ("部分人物中介中心性分值", 4, [
        ["人物", "中介中心性 (Betweenness Centrality)"], ["习近平", "253852779.60"], ["李克强", "66727447.19"],
        ["王毅", "10142901.86"], ["徐昱", "7694372.43"], ["牟宇", "6015568.02"], ["杨世尧", "4153955.22"],
        ["赵文君", "3918640.25"], ["汪洋", "3843054.51"]], [0])
    assert table(rows, "表3.2")[1:] == ("部分人物 PageRank 分值", 5, [
        ["人物", "PageRank"], ["习近平", "251.83"], ["李克强", "124.97"], ["王毅", "49.97"], ["谢环驰", "33.23"],
        ["何立峰", "31.20"], ["杨洁篪", "29.04"]], [0])
    assert table(rows, "表1.1")[1:] == ("图的统计", 3, [["节点数", "边数", "连通分支数", "最大连通分量大小"],
                                                  ["25725", "414226", "110", "25424"]], [0])
    assert len(rows["tables"]) == 3
    assert not any("习近平 2" in (f["original"] or "") for f in rows["quality_flags"])


def test_captions_under_word_tables_and_no_false_tables(pdf2_corpus, paper_rows):
    """ustc_denoise (Word thesis): captions printed under the tables, in white text boxes against the
    bottom rule (表4.1 had it as a 14th row, 表4.3 was removed as a chart's text), or under a narrow
    table low on the page (表4.2's was a footnote); its appendix code listings (monospace, white line
    boxes) and the boxes behind a formula on p11 are no tables; the listings stay text."""
    rows = paper_rows(pdf2_corpus / "ustc_denoise.pdf")
    assert sorted((t[0], t[1], t[2]) for t in tables_of(rows)) == [
        ("表4.1", "去噪最终峰值信噪比（PSNR）对比", 31), ("表4.2", "去噪算法运行时间对比", 31), ("表4.3", "不同噪声水平下去噪效果", 34)]
    first = table(rows, "表4.1")[3]
    assert len(first) == 13 and first[0] == ["PSNR/dB", "CNN", "NR_mean", "BM3D"]
    assert first[12] == ["12.png", "31.27141109", "28.01088329", "31.62153288"]
    second = table(rows, "表4.2")[3]
    assert second[0] == ["时间/s", "CNN", "CNN(CPU)", "NR_mean", "BM3D"] and len(second) == 13
    assert second[12] == ["12.png", "0.442", "0.882", "8.569", "30.84"]
    third = table(rows, "表4.3")[3]
    assert third[0] == ["PSNR/dB", "BM3D-10", "BM3D-20", "CNN"]  # no empty column
    # `σ` and `=` in Cambria Math: their boxes (from the font's ascent) sit a row lower than the glyphs
    assert [r[0] for r in third[1:]] == [f"σ ={k}" for k in range(6, 27, 2)]
    assert third[1][1:] == ["36.97356015", "33.40870956", "33.38923828"]
    assert third[11] == ["σ =26", "24.6431172", "24.6431172", "33.02179337"]
    assert rows["footnotes"] == []
    text = "\n".join(p["text_source"] for p in rows["paragraphs"])
    assert "h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1)" in text
    assert "train_step = tf.train.AdamOptimizer(2e-4).minimize(loss)" in text


def test_data_grid_over_two_pages_with_a_note_above(pdf2_corpus, paper_rows):
    """cumcm2017_ct's appendix grid: an index row and two value rows between rules, 18 times, pages
    27-28; the note printed above it is its note, not an empty table. The last block has no rule under
    it: its two value rows under the last rule are the table's last rows, not a paragraph."""
    rows = paper_rows(pdf2_corpus / "cumcm2017_ct.pdf")
    grid = [t for t in tables_of(rows) if t[2] == 27]
    assert len(grid) == 1
    cells = grid[0][3]
    # (the PDF prints the block 31-40 twice, as the truth records)
    assert len(cells) == 57 and all(len(r) == 10 for r in cells)
    assert [r[0] for r in cells[::3]] == ["1", "11", "21", "31", "31"] + [str(k) for k in range(41, 172, 10)]
    assert cells[0] == [str(k) for k in range(1, 11)] and cells[-3] == [str(k) for k in range(171, 181)]
    assert cells[-2:] == [
        ["-0.94884", "-0.94264", "-0.93643", "-0.93643", "-0.92403", "-0.91783", "-0.90543", "-0.89922", "-0.89302",
         "-0.88682"],
        ["-0.93865", "-0.93252", "-0.92638", "-0.92638", "-0.91411", "-0.90798", "-0.89571", "-0.88957", "-0.88344",
         "-0.87730"]]
    assert not any("-0.94884" in p["text"] or "-0.87730" in p["text"] for p in rows["paragraphs"])
    assert cells[1][:3] == ["0.88062", "0.86202", "0.86202"]
    note = next(t for t in rows["tables"] if t["page"] == 27)["note_source"]
    assert note.startswith("注：下表为 180 个方向的 arccos 计算值")


def test_bilingual_captions_pair_with_their_own_bodies(realworld, paper_rows):
    """journal_aas_template: 表2/Table 2 over a full-width table, 表1/Table 1 over a column table."""
    rows = paper_rows(realworld / "pdf" / "journal_aas_template.pdf")
    two, one = table(rows, "表2"), table(rows, "表1")
    assert two[3][0] == ["对手 (OPP)", "比分 (CSU : OPP)", "团队决策所占比例", "个体决策所占比例", "团队决策与个体决策比值"]
    assert two[3][-1] == ["Average", None, "64.8", "35.2", "1.84"]
    assert one[3][:2] == [["序号", "BCDQN", "PMDQN"], ["1", "TP53", "TP53"]] and len(one[3]) == 11
    assert {t["label"]: t["caption_en"] for t in rows["tables"]} == {
        "表2": "An example table in one column", "表1": "An example table in two column"}


def test_page_frame_and_form_grid_are_no_tables(pdf2_corpus, paper_rows):
    """zy_proposal: its body printed inside a page frame, a 题目/姓名/学号 grid on p1, a signature box
    on p5: no table; the numbered parts are paragraphs (or headings) in reading order."""
    rows = paper_rows(pdf2_corpus / "zy_proposal.pdf")
    assert rows["tables"] == []
    texts = [p["text"] for p in rows["paragraphs"]] + [s["title"] for s in rows["sections"]]
    assert any(t.startswith("在这个移动互联的时代") for t in texts)
    assert any("选题目的和意义" in t for t in texts)


def test_prose_framed_by_rules_is_no_table(pdf2_corpus, paper_rows):
    """ustc_denoise: pages whose text pdfplumber's finder reads as one-cell grids stay paragraphs."""
    rows = paper_rows(pdf2_corpus / "ustc_denoise.pdf")
    cells = [c["value_source"] or "" for c in rows["table_cells"]]
    assert not any("本章节中，将介绍本文所提出的" in c for c in cells)
    assert any("本章节中，将介绍本文所提出的" in p["text"] for p in rows["paragraphs"])


def test_a_long_cell_pushing_its_neighbour_over_the_column_edge(pdf2_corpus, paper_rows):
    """cumcm2024_b 表2: the last row's first cell runs past the column edge the other rows leave;
    the white gap after it still parts the two cells (the row was read as a paragraph before)."""
    rows = paper_rows(pdf2_corpus / "cumcm2024_b.pdf")
    grid = table(rows, "表2")[3]
    assert grid[0] == ["量化前", "量化后"] and len(grid) == 6
    assert grid[-1] == ["非整倍体异常 (无,T13,T13T18,T13T18T21,T18,T21)", "1,2,3,4,5,6"]
    assert not any(p["text"].startswith("非整倍体异常") for p in rows["paragraphs"])


def test_word_grid_whose_outer_columns_have_no_side_rules(pdf2_corpus, paper_rows):
    """jcip_lstm 表2: Word draws every rule as one stroke per cell and no rule at the table's sides;
    the outer columns (情绪类别, 合计) are the table's, not paragraphs beside it."""
    rows = paper_rows(pdf2_corpus / "jcip_lstm.pdf")
    assert table(rows, "表2")[3] == [["情绪类别", "高兴", "喜好", "愤怒", "悲伤", "恐惧", "厌恶", "惊讶", "合计"],
                                    ["样本数量", "1460", "2203", "669", "1173", "148", "1392", "362", "7407"]]


def test_displayed_matrix_is_formula_not_table(pdf2_corpus, paper_rows):
    """hlju_thesis p17: `D=` and `R=` with their entries between stacks of big brackets (⎡⎢⎣ ... ⎤⎥⎦),
    the numbers set in an upright font: the matrices' entries are formula debris (recorded), no table."""
    rows = paper_rows(pdf2_corpus / "hlju_thesis.pdf")
    assert tables_of(rows) == []
    removed = [f["original"] for f in rows["quality_flags"] if f["kind"] == "formula_debris_removed" and f["page"] == 17]
    assert {"0.5858", "3.4142", "2.0000", "0.5000 −0.5000 −0.7071", "0.7071"} <= set(removed)
    texts = [p["text"] for p in rows["paragraphs"]]
    assert not any(t in ("0.5000 −0.5000 −0.7071", "2 −1 0") for t in texts)


def test_symbols_of_tex_fonts_without_unicode_fill_their_cells(pdf2_corpus, paper_rows):
    """cumcm_c19 符号说明: Greek symbols set in CMR12/CMMI12 subsets without ToUnicode ((cid:4), (cid:16))
    are read by the TeX encodings (OT1, OML): the symbol column is complete, no cell copied from above."""
    rows = paper_rows(pdf2_corpus / "cumcm_c19.pdf")
    (grid,) = [t[3] for t in tables_of(rows) if t[2] == 3]
    assert [r[0] for r in grid] == ["符号", "Ξ", "fΞ(v)", "ζ", "νm", "aw(τ)", "κ"]
    assert grid[2][1] == "车辆通过减速带 Ξ 时车速的概率分布函数"


def test_tex_encodings_read_only_the_codes_they_define():
    from extract.pdf.chars import as_read

    def glyph(text, font):
        return {"text": text, "fontname": f"ABCDEF+{font}"}
    assert as_read(glyph("(cid:16)", "CMMI12"))["text"] == "ζ"
    assert as_read(glyph("(cid:4)", "CMR8"))["text"] == "Ξ"
    assert as_read(glyph("(cid:0)", "CMSY10"))["text"] == "−"
    assert as_read(glyph("(cid:12)", "CMEX10"))["text"] == "(cid:12)"  # delimiter pieces stay unmapped
    assert as_read(glyph("(cid:40)", "CMR12"))["text"] == "(cid:40)"  # outside the table
    assert as_read(glyph("(cid:16)", "SimSun"))["text"] == "(cid:16)"  # not a TeX font


def test_three_line_table_broken_by_a_page_break(pdf2_corpus, paper_rows):
    """cumcm2017_ct 符号说明 p3: its top and header rules on p3, its rows down to the page foot, its bottom
    rule on p4: the p3 part is a table (the page number under it is not a row), and its two rows at the
    top of p4, above the bottom rule (no header repeated, no 续表), are its last rows: one table of 6 rows."""
    rows = paper_rows(pdf2_corpus / "cumcm2017_ct.pdf")
    grids = [t[3] for t in tables_of(rows) if t[2] in (3, 4)]
    assert grids == [[["符号", "意义"], ["g(ρ, θ)", "在 θ 方向上的投影"], ["f(x, y)", "二维图像或吸收率二维分布"],
                      ["r(x, y)", "重建的图像或计算得吸收率二维分布"], ["G(ω, θ)", "g(ρ, θ) 关于 ρ 的 Fourier 变换"],
                      ["F(u, v)", "原图像的二维 Fourier 变换"]]]
    assert "table continues from page 3 to page 4 (2 more rows)" in [
        f["detail"] for f in rows["quality_flags"] if f["kind"] == "table_continued"]
    assert not any("Fourier 变换" in p["text"] and p["page_start"] == 4 for p in rows["paragraphs"])


def test_word_cells_wrapped_at_the_row_pitch(pdf2_corpus, paper_rows):
    """ldhai_jccs 表3 (Word): its cells wrap at the pitch of its rows; a wrapped line beside no syscall
    name is its cell's, not a row (no name carried down into it)."""
    rows = paper_rows(pdf2_corpus / "ldhai_jccs.pdf")
    assert table(rows, "表3")[3] == [
        ["syscall", "参数", "描述"], ["UintrRegisterSender", "ntfn_cap", "注册通知发送端"],
        ["UintrRegisterReceiver", "ntfn_cap", "注册通知接收端"],
        ["UintrRegisterAsyncSyscall", "ntfn_cap, buffer_cap", "注册异步系统调用处理协程"],
        ["UintrWakeSyscallHandler", "\\", "唤醒系统调用处理协程"]]


def test_word_table_with_groups_between_rules(pdf2_corpus, paper_rows):
    """ldhai_jccs 表2 (Word): rules between groups of rows, the group's name a merged cell centred on
    its rows (read at the group's first row), cells centred on their row or wrapped over the next
    rows' lines (a sentence runs on to its `。`), a last row with no key: the whole table, the page's
    body text read in its two columns beside it."""
    rows = paper_rows(pdf2_corpus / "ldhai_jccs.pdf")
    grid = table(rows, "表2")[3]
    assert grid[:4] == [["优化方法", "详细分类", "实例", "缺点"],
                        ["减少内核路径", "临时地址映射", "[3]", "上下文切换开销已经成为性能瓶颈。"],
                        ["减少内核路径", "快速路径", "[3, 4, 24, 25, 26]", None], ["减少内核路径", "消息寄存器", None, None]]
    assert [r[1:] for r in grid[4:]] == [
        ["消息寄存器", "[3, 4, 24, 25, 26]", "无法从根本上消除切换开销。"], ["组合系统调用", None, None],
        ["ASID 机制", "[4]", None], ["同一地址空间", "[13, 14, 15, 16, 17, 18]", "与微内核设计理念相悖。"],
        ["批量系统调用", "[12]", None], ["虚拟化指令", "[11]", "仅适用于虚拟化环境。"],
        ["直接硬件辅助", "[12]", "没有通用硬件的支持。"], ["直接硬件辅助", "[20, 21]", "---"]]
    assert [r[0] for r in grid[4:]] == ["减少上下文切换开销"] * 5 + ["硬件优化"] * 3
    assert any(p["text"].startswith("虽然现有工作难以广泛且有效地应用到微内核中") for p in rows["paragraphs"])


def test_latex_grid_with_columns_no_rule_divides(realworld, paper_rows):
    """journal_aps_cn 表1 (`{r|l||c|ccc|c|c}`): W, T and L share one ruled cell; they are three columns."""
    rows = paper_rows(realworld / "pdf" / "journal_aps_cn.pdf")
    grid = table(rows, "表1")[3]
    assert grid[0] == ["Positiion", "俱乐部", "比赛", "W", "T", "L", "Goals", "Points"]
    assert grid[1] == ["1", "Amesville Rockets", "33", "19", "13", "1", "66:31", "51:15"]
    assert grid[5] == ["18", "Arlson Regulars", "33", "3", "11", "19", "37:74", "17:49"]


def test_english_caption_over_three_centred_lines(pdf2_corpus, paper_rows):
    """ldhai_jccs 表1: its English caption is set over three centred lines above the table."""
    rows = paper_rows(pdf2_corpus / "ldhai_jccs.pdf")
    first = next(t for t in rows["tables"] if t["label"] == "表1")
    assert first["caption_en"] == ("The proportion of operational costs in each individual Inter-Process "
                                   "Communication (IPC) within the seL4 microkernel")
    assert not any(p["text"].startswith(("Inter-Process Communication", "microkernel")) for p in rows["paragraphs"])


def test_word_table_broken_at_a_column_foot(realworld, pdf2_corpus, paper_rows):
    """ldhai_jccs 表4 (Word, two columns): its header and first row at the foot of the left column (a rule
    under the merged 配置 cell only), the rest at the top of the right column between rules of its own
    (the top rule repeated, a merged FPGA cell down three rows, a third column only the right part's rules
    show). One table, every cell as printed (the truth's, whitespace aside): the first row broken by the
    column break is one row, FPGA is carried down (`filled_down`), nothing of it left in paragraphs."""
    import json
    import re

    truth = next(t for line in (realworld / "pdf2" / "TABLES.jsonl").read_text(encoding="utf-8").splitlines()
                 if (paper := json.loads(line))["doc_id"] == "ldhai_jccs"
                 for t in paper["tables"] if t["label"] == "表4")
    rows = paper_rows(pdf2_corpus / "ldhai_jccs.pdf")
    no = next(t["table_no"] for t in rows["tables"] if t["label"] == "表4")
    grid: dict[int, dict[int, str]] = {}
    for c in rows["table_cells"]:
        if c["table_no"] == no:
            grid.setdefault(c["row_no"], {})[c["col_no"]] = "" if c["filled_down"] else c["value_source"] or ""
    space = re.compile(r"\s+")
    assert [[space.sub("", grid[r][k]) for k in sorted(grid[r])] for r in sorted(grid)] == [
        [space.sub("", c) for c in row] for row in truth["cells"]]
    assert [c["value_source"] for c in rows["table_cells"] if c["table_no"] == no and c["filled_down"]] == ["FPGA"] * 2
    assert "table continues from one column to the next on page 8 (4 more rows, its last row broken across)" in [
        f["detail"] for f in rows["quality_flags"] if f["kind"] == "table_continued"]
    text = " ".join(p["text"] for p in rows["paragraphs"])
    assert "Ethernet Subsystem" not in text and "rocket-chip" not in text and "MPSoC" not in text
    assert not any(f["text"] == "FPGA" for f in rows["footnotes"])


def test_notes_keyed_by_marks_in_the_cells(pdf2_corpus, paper_rows):
    """zfl_proposal 表1 (p2, 6x4) prints five notes under it, numbered with raised digits (`¹ D-FCFS: …` to
    `⁵ ×: 没有中断。`), its cells carrying the marks (`D-FCFS¹`, `*³`, `√⁴`, `×⁵`); 表2 (p5) one (`¹ ATS-INTC:
    …`). The notes are the tables' notes, not paragraphs, and the marks are the notes' keys, not citations of
    references [1]-[5]."""
    rows = paper_rows(pdf2_corpus / "zfl_proposal.pdf")
    tables = {t["label"]: t for t in rows["tables"]}
    assert tables["表1"]["note"] == ("¹ D-FCFS: 分布式队列（多队列），FCFS 调度策略。\n"
                                    "² C-FCFS: 中心化队列（单队列），FCFS 调度策略。\n"
                                    "³ *: 使用中断进行资源控制。\n⁴ √: 使用中断进行任务抢占。\n⁵ ×: 没有中断。")
    assert tables["表1"]["note_source"].splitlines()[2] == "^[3] *: 使用中断进行资源控制。"
    assert tables["表2"]["note"] == "¹ ATS-INTC: Asynchronous task scheduler and interrupt controller。"
    no = tables["表1"]["table_no"]
    assert [c["value"] for c in sorted(rows["table_cells"], key=lambda c: c["row_no"])
            if c["table_no"] == no and c["col_no"] == 3] == ["中断", "*³", "*", "×", "√⁴", "×⁵", "×"]
    assert [c for c in rows["citations"] if c["location"] in ("table_cell", "note")] == []
    assert not any("没有中断" in p["text"] or "ATS-INTC:" in p["text"] for p in rows["paragraphs"])
    # the notes' marks opened paragraphs of their own, cited as [1]-[5]
    assert [c for c in rows["citations"] if c["char_offset"] == 0 and c["marker"].startswith("^")] == []
