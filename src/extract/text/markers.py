"""The citation-marker grammar (`^[3]`, `[3-5]`, `[3,6]`, a locator), shared by the reader and the checks."""

from __future__ import annotations

import re

# `^[3]`, `[3]`, `[3-5]`, `[3,6]`, `[3，6]`, `［3］`, `^[3,5-7]`: bracketed reference numbers,
# printed superscript (`^`) or inline. Numbers above 999 never are (years, dates). A range may
# run across two brackets (`[3]-[5]`), a number may carry a locator (`[10; 第 186 页]`).
MARKER_NUMBER = r"\d{1,3}"
MARKER_DASH = r"[-–—~～－‐‑‒―]"
MARKER_SEPARATOR = r"[,，、]"
MARKER_ITEM = rf"{MARKER_NUMBER}(?:\s*{MARKER_DASH}\s*{MARKER_NUMBER})?"
MARKER_BODY = rf"{MARKER_ITEM}(?:\s*{MARKER_SEPARATOR}\s*{MARKER_ITEM})*"
MARKER_ITEM_RE = re.compile(rf"(?P<first>{MARKER_NUMBER})(?:\s*{MARKER_DASH}\s*(?P<last>{MARKER_NUMBER}))?")
# `[10; 第 186 页]`, `[3, p. 12]`: where in the cited work; opens with a word for a part or a page.
MARKER_LOCATOR = r"\s*[;；,，:：]\s*(?:第|pp?\.|页|頁|卷|章|§)[^\[\]［］\n]{0,30}?"
# A caret marker may carry a closing caret (`^[3]^`) left by a superscript run.
CITATION_MARKER = re.compile(
    rf"(?P<caret>\^)?[\[［]\s*(?P<body>{MARKER_BODY})(?P<locator>{MARKER_LOCATOR})?\s*[\]］]"
    rf"(?:\s*{MARKER_DASH}\s*\^?[\[［]\s*(?P<until>{MARKER_NUMBER})\s*[\]］])?"
    rf"(?(caret)(?:\^(?![\[［]))?)")
# A whole superscript marker; a stray `^[` or `^[EB/OL]` is text, not a marker.
SUPERSCRIPT_MARKER = re.compile(rf"\^[\[［]\s*{MARKER_BODY}\s*[\]］]")
