"""Numbers as Chinese reports write them: Arabic and Chinese numerals, 万/亿, fractions,
approximation words and the unit written after the number.

``parse_number("1.6万")`` is 16000, ``parse_number("三十")`` is 30. ``find_quantities``
scans a text for ``<approx><number><余/多><万/亿><余/多><unit>`` and resolves each hit
with the unit table ``ontology/units.tsv``: a 万/亿 before a money unit stays in the
unit (3130万元 = 3130 万元), before any other unit it is folded into the value
(1.6万余件 = 16000 件, approx).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import read_tsv

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL)

APPROX_BEFORE = ("将近", "接近", "大约", "超过", "近", "约", "超", "逾")
APPROX_AFTER = ("余", "多")
APPROX_AFTER_UNIT = ("以上", "及以上")

_ARABIC = r"\d+(?:,\d{3}(?!\d))*(?:\s?\.\s?\d+)?"
_CHINESE = rf"[{CN_CHARS}]+(?:[万亿][{CN_CHARS}]+)?"
_FRACTION = re.compile(rf"(?P<den>[{CN_CHARS}]+)分之(?P<num>[{CN_CHARS}]+)")


@dataclass
class Quantity:
    start: int  # offset of the number (or of a leading approximation word)
    end: int  # offset after the unit
    value: float
    unit: str
    approx: bool
    kind: str  # count | money | percent | time | measure | exclude | fraction | bare
    number: str  # the number as written
    num_start: int  # offset of the number itself


def chinese_to_int(s: str) -> int | None:
    """三十 -> 30, 十二 -> 12, 两万三千 -> 23000, 一百零五 -> 105; None if not a numeral."""
    if not s or any(c not in CN_DIGITS and c not in CN_SMALL and c not in CN_BIG for c in s):
        return None
    if all(c in CN_DIGITS for c in s) and len(s) > 1:  # 二〇二三: digit by digit
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total = 0  # completed 万/亿 groups
    section = 0  # current group below 万
    digit: int | None = None
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[c]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total = (total + section) * CN_BIG[c] if CN_BIG[c] > 10_000 else total + section * CN_BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(s: str) -> float | None:
    """Arabic (with thousands commas, spaces around the decimal point), Chinese, mixed
    (1.6万, 42.48万, 三十万) or a Chinese fraction (三分之一 -> 0.3333)."""
    s = re.sub(r"\s+", "", s or "").replace(",", "").replace("，", "")
    if not s:
        return None
    m = _FRACTION.fullmatch(s)
    if m:
        den, num = chinese_to_int(m.group("den")), chinese_to_int(m.group("num"))
        return round(num / den, 4) if den and num is not None else None
    mult = 1
    while s and s[-1] in CN_BIG:
        mult *= CN_BIG[s[-1]]
        s = s[:-1]
    try:
        value = float(s)
    except ValueError:
        n = chinese_to_int(s)
        if n is None:
            return None
        value = float(n)
    return round(value * mult, 6)


@lru_cache(maxsize=1)
def units() -> dict[str, tuple[str, str]]:
    """unit -> (big, kind) from ontology/units.tsv."""
    return {r["unit"]: (r["big"], r["kind"]) for r in read_tsv("units.tsv")}


@lru_cache(maxsize=1)
def _quantity_re() -> re.Pattern[str]:
    unit_alt = "|".join(re.escape(u) for u in sorted(units(), key=len, reverse=True))
    before = "|".join(APPROX_BEFORE)
    return re.compile(
        rf"(?P<pre>{before})?"
        rf"(?P<num>{_ARABIC}|{_CHINESE}分之{_CHINESE}|{_CHINESE})"
        rf"(?P<mid>[余多])?(?P<big>[万亿])?(?P<post>[余多])?"
        rf"(?: ?(?P<unit>{unit_alt}))?"
    )


# full-width digits, point and percent sign (１５．２％) read as ASCII; one character for one,
# so offsets into the original text stay valid
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%"})


def _word_goes_on(text: str, pos: int) -> bool:
    """Whether a CJK character follows ``pos`` (the unit is then the start of a word)."""
    return pos < len(text) and "\u4e00" <= text[pos] <= "\u9fff"


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with what follows it. A number without a unit gets
    ``unit == ""`` and kind ``bare`` (or ``fraction`` for 三分之一). Full-width digits count."""
    out = []
    table = units()
    text = text.translate(_FULLWIDTH)
    for m in _quantity_re().finditer(text):
        num = m.group("num")
        if re.fullmatch(r"[零〇]+", num):
            continue
        big, unit = m.group("big") or "", m.group("unit") or ""
        if unit and text[m.start("unit") - 1] == " " and _word_goes_on(text, m.end("unit")):
            unit = ""  # 5 人民调解 (a table's row number, then a cell): not 5 人
        is_fraction = "分之" in num
        value = parse_number(num)
        if value is None:
            continue
        kind = "fraction" if is_fraction else "bare"
        if unit:
            fold, kind = table[unit]
            if big and fold == "keep":
                unit = big + unit
            elif big:
                value *= CN_BIG[big]
        elif big:
            value *= CN_BIG[big]
        approx = bool(m.group("pre") or m.group("mid") or m.group("post"))
        if unit and text.startswith(APPROX_AFTER_UNIT, m.end()):
            approx = True  # 500人以上: at least, not exact
        end = m.end()
        if not unit and m.group("post") and not big:
            end = m.end("post")
        elif not unit and m.group("unit"):  # the unit was dropped: the quantity ends before it
            end = max(m.end(g) for g in ("num", "mid", "big", "post") if m.group(g))
        out.append(
            Quantity(
                start=m.start(),
                end=end,
                value=round(value, 6),
                unit=unit,
                approx=approx,
                kind=kind,
                number=num,
                num_start=m.start("num"),
            )
        )
    return out
