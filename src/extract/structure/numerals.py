"""Chinese numerals as section numbers are written: 一 -> 1, 十一 -> 11, and back; Roman ones (Ⅲ, IV)."""

from __future__ import annotations

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             # the formal numerals (大写), the top level of many Taiwanese papers: 壹、緒論 貳、文獻探討
             "壹": 1, "贰": 2, "貳": 2, "叁": 3, "叄": 3, "參": 3, "参": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
             "柒": 7, "捌": 8, "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100}
CN_NUMERAL = f"[{''.join(CN_DIGITS)}{''.join(CN_UNITS)}]+"
FORMAL = frozenset("壹贰貳叁叄參参肆伍陆陸柒捌玖拾佰")


def chinese_numeral_value(text: str) -> int | None:
    """一 -> 1, 十一 -> 11, 二十 -> 20, 九十九 -> 99, 一百零一 -> 101; None when not a numeral."""
    total, current = 0, None
    for char in text:
        if char in CN_DIGITS:
            current = CN_DIGITS[char]
        elif char in CN_UNITS:
            total += (1 if current is None else current) * CN_UNITS[char]
            current = None
        else:
            return None
    value = total + (current or 0)
    return value if text and (value or text in ("〇", "零")) else None


def formal_numeral(number: int) -> str:
    """1 -> 壹, 11 -> 拾壹 (the formal numerals, as Traditional papers print them)."""
    digits = "零壹貳參肆伍陸柒捌玖"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "拾" + (digits[ones] if ones else "")


def chinese_numeral(number: int) -> str:
    """1 -> 一, 11 -> 十一, 20 -> 二十 (Arabic digits from 100 on)."""
    digits = "〇一二三四五六七八九"
    if number < 10:
        return digits[number]
    if number >= 100:
        return str(number)
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


ROMAN_NUMERAL = "[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|[IVX]{1,5}"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_numeral_value(text: str) -> int | None:
    """III -> 3, IV -> 4, XII -> 12 (up to 39, written in the usual subtractive form); None otherwise."""
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        total += -value if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value else value
    return total if 0 < total < 40 and roman_numeral(total) == text else None


def roman_numeral(number: int) -> str:
    """3 -> III, 4 -> IV, 14 -> XIV (1 to 39)."""
    tens, ones = divmod(number, 10)
    return "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[ones]
