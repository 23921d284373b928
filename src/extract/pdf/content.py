"""A page's content read for the text state its forms are drawn under (pdf/pdfium.py's `_respaced`).

A form inherits the text state where it is drawn (the PDF specification; PDFium draws it so), pdfminer starts
each form afresh. `form_text_states` tells, for each text-showing operator in each form the page draws, the
text state (character spacing, word spacing, horizontal scaling, leading, rise) by either, read as pdfminer's
interpreter reads the content (the same operators, q/Q, forms with a BBox, forms in forms afresh) by a
tokenizer of its own: no glyph shown, no font loaded, no path built (pdfminer's interpreter, for this,
spends 0.05 CPU-s on a page of Word equations).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(rb"[\x00\t\n\x0c\r ]+|%[^\r\n]*|\(|<<|>>|<[^>]*>|\[|\]|\{|\}"
                    rb"|/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*|[^\x00\t\n\x0c\r ()<>\[\]{}/%]+")
_PAREN = re.compile(rb"[()\\]")
_END_IMAGE = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STATE = {b"Tc": 0, b"Tw": 1, b"Tz": 2, b"TL": 3, b"Ts": 4}  # operator -> its place in a state
_FRESH = (0.0, 0.0, 100.0, 0.0, 0.0)  # pdfminer's text state where a page or a form starts
_MAX_DEPTH = 16  # forms in forms, at most


def form_text_states(page_obj) -> list[list[tuple[tuple, tuple]]]:
    """For each form the page draws (a form XObject with a BBox, in drawing order): per operator showing text in
    it (forms in it included, in drawing order), the text state PDFium draws it under and pdfminer's, each
    (character spacing, word spacing, horizontal scaling, leading, rise)."""
    from pdfminer.pdftypes import stream_value

    data = b"\n".join(stream_value(s).get_data() for s in page_obj.contents or [])
    out: list[list[tuple]] = []
    _Scan(out).run(data, page_obj.resources, list(_FRESH), None, False, frozenset())
    return out


class _Scan:
    def __init__(self, out: list):
        self.out = out

    def run(self, data: bytes, resources, state: list, shows: list | None, pdfium: bool, path: frozenset) -> None:
        """Read one content stream from `state`; `shows` gets each text-showing operator's state (None: the
        page's own content, whose forms are read twice, afresh and inheriting, into `out`)."""
        stack: list[list] = []
        operands: list = []
        array = 0  # depth of [ ]
        array_text = False  # a non-empty string in the array
        pos, end = 0, len(data)
        while pos < end:
            m = _TOKEN.match(data, pos)
            if m is None:  # a stray `)` or `>`
                pos += 1
                continue
            tok = m.group()
            pos = m.end()
            first = tok[0]
            if first in b"\x00\t\n\x0c\r %":
                continue
            if first == 0x28:  # ( a string )
                start, depth = pos, 1
                while depth:
                    p = _PAREN.search(data, pos)
                    if p is None:
                        pos = end
                        break
                    pos = p.end()
                    if data[p.start()] == 0x5C:  # a backslash escapes the next byte
                        pos += 1
                    else:
                        depth += 1 if data[p.start()] == 0x28 else -1
                text = pos - 1 > start
                if array:
                    array_text = array_text or text
                else:
                    operands.append(("string", text))
                continue
            if first == 0x3C and tok != b"<<":  # <hex string>
                text = bool(tok[1:-1].strip(b"\x00\t\n\x0c\r "))
                if array:
                    array_text = array_text or text
                else:
                    operands.append(("string", text))
                continue
            if tok == b"[":
                array += 1
                if array == 1:
                    array_text = False
                continue
            if tok == b"]":
                if array:
                    array -= 1
                    if not array:
                        operands.append(("array", array_text))
                continue
            if tok in (b"<<", b">>", b"{", b"}") or array:
                continue
            if first == 0x2F:  # /name
                operands.append(_NAME_ESCAPE.sub(lambda e: bytes([int(e.group(1), 16)]), tok[1:]))
                continue
            try:
                operands.append(float(tok))
                continue
            except ValueError:
                pass
            # an operator
            if tok == b"q":
                stack.append(state[:])
            elif tok == b"Q":
                if stack:
                    state = stack.pop()
            elif tok in _STATE:
                if operands and isinstance(operands[-1], float):  # (the leading negated, as pdfminer keeps it)
                    state[_STATE[tok]] = -operands[-1] if tok == b"TL" else operands[-1]
            elif tok == b'"':  # aw ac string "
                if len(operands) >= 3 and isinstance(operands[-3], float) and isinstance(operands[-2], float):
                    state[1], state[0] = operands[-3], operands[-2]
                    self.show(shows, state, operands[-1] == ("string", True))
            elif tok in (b"Tj", b"'"):
                self.show(shows, state, bool(operands) and operands[-1] == ("string", True))
            elif tok == b"TJ":
                self.show(shows, state, bool(operands) and operands[-1] == ("array", True))
            elif tok == b"ID":  # an inline image's data, up to EI
                e = _END_IMAGE.search(data, pos)
                pos = e.end() if e is not None else end
            elif tok == b"Do" and operands and isinstance(operands[-1], bytes):
                self.form(operands[-1], resources, state, shows, pdfium, path)
            operands.clear()

    @staticmethod
    def show(shows: list | None, state: list, text: bool) -> None:
        if text and shows is not None:
            shows.append(tuple(state))

    def form(self, name: bytes, resources, state: list, shows: list | None, pdfium: bool, path: frozenset) -> None:
        from pdfminer.pdftypes import dict_value, resolve1, stream_value
        from pdfminer.psparser import LIT

        try:
            key: str | bytes = name.decode("utf-8")
        except UnicodeDecodeError:
            key = name
        xobjects = dict_value(dict_value(resources).get("XObject")) if resources else {}
        if key not in xobjects:
            return
        xobj = stream_value(xobjects[key])
        if xobj.get("Subtype") is not LIT("Form") or "BBox" not in xobj:
            return
        if xobj.objid in path or len(path) >= _MAX_DEPTH:  # pdfminer refuses a form drawing itself
            return
        inner = path | {xobj.objid}
        own = resolve1(xobj.get("Resources")) or resources
        data = xobj.get_data()
        if shows is not None:  # a form in a form: afresh for pdfminer, inheriting for PDFium
            self.run(data, own, state[:] if pdfium else list(_FRESH), shows, pdfium, inner)
            return
        theirs: list[tuple] = []
        ours: list[tuple] = []
        self.run(data, own, list(_FRESH), theirs, False, inner)
        self.run(data, own, state[:], ours, True, inner)
        self.out.append(list(zip(ours, theirs)))
