"""A paper printing more than one reference list (a thesis's list per chapter, a style guide's list per style):
one list is read into references, every other one is flagged `reference_list_unread` (its entries stay
paragraphs), never left silent."""

from __future__ import annotations

from extract.paper import process_paper

FRONT = "时域积分方程时间步进算法研究\n\n王稳\n\n摘要：本文研究时域积分方程的时间步进算法。\n\n关键词：时域积分方程；时间步进\n\n"
CHAPTER_1 = ("一、引言\n\n时域积分方程方法广泛用于瞬态电磁散射分析[1]，其稳定性问题由来已久[2]。\n\n参考文献\n\n"
             "[1] 张昆, 冯立群, 余昌钰. 机器人柔性手腕的球面齐次运动学分析[J]. 清华大学学报, 1994, 34(2): 1-7.\n"
             "[2] 陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.\n\n")
CHAPTER_2 = ("二、方法\n\n本章给出时间步进算法的改进格式[1]，并讨论其计算效率[2]与存储需求[3]。\n\n参考文献\n\n"
             "[1] 王夫之. 宋论[M]. 刻本. 金陵: 湘乡曾国荃, 1865.\n"
             "[2] 赵耀东. 新时代的工业工程师[M/OL]. 台北: 天下文化出版社, 1998[1998-09-26]. http://www.ie.nthu.edu.tw/info/ie.newie.htm.\n"
             "[3] 杨洪升. 四库馆私家抄校书考略[J]. 文献, 2013(1): 56-75.\n")


def test_every_list_but_the_one_read_is_flagged(tmp_path):
    path = tmp_path / "thesis.txt"
    path.write_text(FRONT + CHAPTER_1 + CHAPTER_2, encoding="utf-8")
    rows = process_paper(path)
    # the list whose lines read as the most entries is read (chapter 2's three)
    assert [(r["ref_no"], r["title"], r["year"]) for r in rows["references"]] == [
        (1, "宋论", 1865), (2, "新时代的工业工程师", 1998), (3, "四库馆私家抄校书考略", 2013)]
    assert [(f["kind"], f["severity"], f["original"]) for f in rows["quality_flags"]
            if f["kind"] == "reference_list_unread"] == [("reference_list_unread", "warning", "参考文献")]
    # chapter 1's entries are paragraphs, nothing lost
    assert any("[1] 张昆, 冯立群, 余昌钰." in p["text_source"] for p in rows["paragraphs"])
    assert rows["documents"][0]["coverage"] == 1.0


def test_one_list_raises_no_flag(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(FRONT + CHAPTER_1, encoding="utf-8")
    rows = process_paper(path)
    assert [r["title"] for r in rows["references"]] == ["机器人柔性手腕的球面齐次运动学分析", "国史旧闻"]
    assert not [f for f in rows["quality_flags"] if f["kind"] == "reference_list_unread"]
