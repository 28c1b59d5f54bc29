"""Promotions: a local practice spread or taken up elsewhere.

Cues (在全省复制推广, 被…吸纳, 被…采用, 被…列为…试点, media pickups) are data in
``ontology/promotion_cues.tsv``; the scope is the highest level among the scope words of
``ontology/scopes.tsv`` found in the cue (全市 → city, 全省 → province, 全国/国家/中央 → national).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..context import ReportContext
from ..divisions import short_name, table
from ..model import Promotion
from ..resources import read_tsv
from .honors import clauses

LEVELS = ("district", "city", "province", "national")


@lru_cache(maxsize=1)
def cues() -> dict[str, list[re.Pattern[str]]]:
    by: dict[str, list[re.Pattern[str]]] = {}
    for r in read_tsv("promotion_cues.tsv"):
        by.setdefault(r["kind"], []).append(re.compile(r["pattern"]))
    return by


@lru_cache(maxsize=1)
def scope_words() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(r["pattern"]), r["level"]) for r in read_tsv("scopes.tsv")]


@lru_cache(maxsize=1)
def _outlet_places() -> dict[str, str]:
    """Short names of provinces and prefecture-level cities, for outlets named after them
    (浙江日报 → province, 成都日报 → city)."""
    out: dict[str, str] = {}
    for d in table().by_code.values():
        if d.level in ("province", "city"):
            level = "province" if d.level == "province" and not d.name.endswith("市") else "city"
            for key in {d.name, short_name(d.name)}:
                if len(key) >= 2:
                    out.setdefault(key, level)
    return out


_OUTLET = re.compile(r"日报|晚报|电视台|卫视|广播电视|发布|政法|司法行政|普法|法治")


def scope_of(text: str) -> str | None:
    """The highest level named in ``text`` (None when no scope word is written)."""
    best = -1
    for rx, level in scope_words():
        if rx.search(text):
            best = max(best, LEVELS.index(level))
    places = _outlet_places()
    for m in _OUTLET.finditer(text):
        for n in range(8, 1, -1):
            level = places.get(text[max(0, m.start() - n) : m.start()]) if m.start() >= n else None
            if level:
                best = max(best, LEVELS.index(level))
                break
    return LEVELS[best] if best >= 0 else None


_AWARD = re.compile(r"获评|入选|荣获|被评为")


def _clean(practice: str) -> str:
    c = cues()
    for rx in c.get("lead", []):
        practice = rx.sub("", practice)
    for rx in c.get("tail", []):
        practice = rx.sub("", practice)
    return practice.strip()


_OBJECT = re.compile(r"(?!应用|开来|实施|工作)[\u4e00-\u9fff“]{2}")
_NAMED = re.compile(r"(“[^”]{2,20}”)[^，。；“]{0,6}?(?:工作法|方法|模式|机制|做法|品牌|经验|制度|平台|服务)")
_ANAPHOR = re.compile(r"^(?:该|此|这一|这些|上述|相关|有关)")
_GENERIC = re.compile(r"^(?:(?:工作)?经验做法|(?:工作)?经验|做法|模式|工作法|举措|机制|成果)$")


def _named_before(text: str, spans: list[tuple[int, int]], idx: int) -> str:
    """The quoted name (“三步法”) of the nearest earlier clause that names a practice, or ''."""
    for j in range(idx - 1, -1, -1):
        s, e = spans[j]
        m = _NAMED.search(text[s:e])
        if m:
            return m.group(1)
    return ""


def _practice_before(
    text: str, spans: list[tuple[int, int]], idx: int, upto: int, prev: tuple[int, int] | None = None
) -> str:
    """The practice named before a spread cue: the clause text before it, else the nearest
    earlier clause of the sentence (the subject of an award verb when the clause has one).
    A generic word (该做法, 经验做法) takes the quoted name of an earlier clause, or for an
    anaphor (该/此) of the previous sentence ``prev``."""
    cs, _ = spans[idx]
    raw = re.sub(r"被[^被]*$", "", text[cs:upto])  # …做法被省司法厅(在全省推广): drop the agent
    own = _clean(raw)
    if _GENERIC.match(own):
        named = _named_before(text, spans, idx)
        if not named and prev is not None and _ANAPHOR.match(raw.strip()):
            named = _named_before(text, clauses(text, *prev), len(clauses(text, *prev)))
        if named:
            return named + own
    if len(own) >= 2 and not _AWARD.search(own):
        return own
    m = _AWARD.search(own)
    if m and len(_clean(own[: m.start()])) >= 2:  # “X”案例荣获…并在全省推广: the subject
        return _clean(own[: m.start()])
    for j in range(idx - 1, -1, -1):
        s, e = spans[j]
        clause = text[s:e]
        m = _AWARD.search(clause)
        if m:
            head = _clean(clause[: m.start()])
            if len(head) >= 2:
                return head
            continue
        cleaned = _clean(clause)
        if len(cleaned) >= 2:
            return cleaned
    return own


def extract(ctx: ReportContext) -> list[Promotion]:
    c = cues()
    text = ctx.doc.text
    out: list[Promotion] = []
    own_level = {"county": "district", "city": "city", "province": "province"}.get(
        ctx.division.level if ctx.division is not None else "", "district"
    )
    for si, sent in enumerate(ctx.sentences):
        if sent.section is not None and sent.section.kind == "plan":
            continue
        prev = (ctx.sentences[si - 1].start, ctx.sentences[si - 1].end) if si > 0 else None
        spans = clauses(text, sent.start, sent.end)
        for idx, (cs, ce) in enumerate(spans):
            clause = text[cs:ce]
            if any(rx.search(clause) for rx in c.get("skip", [])):
                continue
            hit = None
            for rx in c.get("pilot", []):
                m = rx.search(clause)
                if m:
                    scope = scope_of(m.group())
                    if scope:
                        hit = (_clean(m.group(1)), scope)
                        break
            if hit is None:
                for rx in c.get("spread", []):
                    m = rx.search(clause)
                    if not m:
                        continue
                    scope = scope_of(m.group())
                    if scope and LEVELS.index(scope) <= LEVELS.index(own_level) and _OBJECT.match(clause, m.end()):
                        continue  # 在全区推广使用“X”平台: a rollout at home, not the practice spreading
                    if scope:
                        hit = (_practice_before(text, spans, idx, cs + m.start(), prev), scope)
                        break
            if (
                hit
                and len(hit[0]) >= 2
                and not any(p.scope == hit[1] and (p.practice in hit[0] or hit[0] in p.practice) for p in out)
            ):
                out.append(Promotion(start=cs, end=ce, evidence=clause, practice=hit[0], scope=hit[1]))
    return out
