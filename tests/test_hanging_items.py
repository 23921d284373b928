"""Items numbered `一、` / `（二）` whose wrapped lines hang under the item's text (Word notices and regulations):
each item is one paragraph, not a paragraph per printed line (the continuation lines stand right of the
column's left edge, where the labels are, which otherwise reads as an indent opening a paragraph)."""

from __future__ import annotations

from pdfbuild import FONT
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extract.paper import process_paper

SIZE = 12.0
LEFT = 68.0
PER_LINE = 36  # characters after the label on a line
ITEMS = [
    ("一、", "碩博士學位考試時間：上學期最慢一月二十日之前提出申請，下學期最慢七月二十日之前提出申請，逾期申請"
            "教務處將不予辦理，請同學留意各項期限並及早準備。"),
    ("二、", "學校現採行學位考試申請以電腦化取代書面送審，故請同學先行上網登錄相關資料，登錄帳號與密碼後輸入"
            "研究生學位考試申請資料與指導教授及考試委員資料，填妥無誤後按確認印出並送系辦。"),
    ("（三）", "論文口試委員由指導教授推薦，博士學位考試委員會置委員五人至九人，其中校外委員須三分之一以上。"),
]


def build(path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 120
    c.setFont(FONT, 18)
    c.drawString(200, y, "碩博士學位考試注意事項")
    y -= 36
    for label, text in ITEMS:
        c.setFont(FONT, SIZE)
        indent = LEFT + len(label) * SIZE
        c.drawString(LEFT, y, label + text[:PER_LINE])
        rest = text[PER_LINE:]
        while rest:
            y -= 1.5 * SIZE  # Word's 1.5 line spacing: every line 18 pt below the last
            c.drawString(indent, y, rest[:PER_LINE])
            rest = rest[PER_LINE:]
        y -= 3 * SIZE
    c.save()


def test_a_numbered_item_with_hanging_lines_is_one_paragraph(tmp_path):
    path = tmp_path / "notice.pdf"
    build(path)
    rows = process_paper(path)
    texts = [p["text_source"] for p in rows["paragraphs"]]
    for label, text in ITEMS:
        assert label + text in texts
    assert rows["documents"][0]["coverage"] == 1.0
