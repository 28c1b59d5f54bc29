"""Promotions: a local practice spread or taken up elsewhere.

Cues (在全省复制推广, 被…吸纳, 被…采用, 被…列为…试点, media pickups) are data in
``ontology/promotion_cues.tsv``; the scope is the highest level among the scope words of
``ontology/scopes.tsv`` found in the cue (全市 → city, 全省 → province, 全国/国家/中央 → national)
and in the body named before it (被自治区司法厅在全区推广 → province).
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


_OUTLET = re.compile(r"日报|晚报|电视台|卫视|广播电视|发布|政法|司法行政|普法|法治|法制")
# 《云南法制报》, 《江西工人报》: a newspaper or magazine named after a province or city
_TITLED_OUTLET = re.compile(r"《([\u4e00-\u9fff]{2,16}(?:报|杂志|周刊|画刊))》")


def scope_of(text: str) -> str | None:
    """The highest level named in ``text`` (None when no scope word is written)."""
    best = -1
    for rx, level in scope_words():
        if rx.search(text):
            best = max(best, LEVELS.index(level))
    places = _outlet_places()
    for m in _TITLED_OUTLET.finditer(text):
        title = m.group(1)
        level = next((places[title[:n]] for n in range(min(8, len(title) - 1), 1, -1) if title[:n] in places), None)
        if level:
            best = max(best, LEVELS.index(level))
    for m in _OUTLET.finditer(text):
        for n in range(8, 1, -1):
            level = places.get(text[max(0, m.start() - n) : m.start()]) if m.start() >= n else None
            if level:
                best = max(best, LEVELS.index(level))
                break
    return LEVELS[best] if best >= 0 else None


_AWARD = re.compile(r"获评|入选|荣获|被评为")
_ACTOR = re.compile(r"被([^被，,。；;]{2,20})$")


def _actor(clause: str, upto: int) -> str:
    """The body named right before a spread phrase (…被自治区司法厅[在全区推广]): its level
    bounds the scope from below, so 全区 after an autonomous region's body is the region."""
    m = _ACTOR.search(clause, 0, upto)
    return m.group(1) if m else ""


def _higher(scope: str | None, actor: str | None) -> str | None:
    """``scope`` raised to the actor's level when the actor's is higher."""
    if scope is None or actor is None:
        return scope
    return max(scope, actor, key=LEVELS.index)


def _clean(practice: str) -> str:
    c = cues()
    for rx in c.get("lead", []):
        practice = rx.sub("", practice)
    for rx in c.get("tail", []):
        practice = rx.sub("", practice)
    return practice.strip()


_OBJECT = re.compile(r"(?!应用|开来|实施|工作)[\u4e00-\u9fff“]{2}")
_NAMED = re.compile(
    r"([“「『][^“”「」『』]{2,20}[”」』])([^，。；“「『]{0,6}?)(工作法|方法|模式|机制|做法|品牌|经验|制度|平台|服务)"
)
_ANAPHOR = re.compile(r"^(?:该|此|这一|这些|这种|这项|此项|上述|相关|有关)")
_GENERIC = re.compile(r"^(?:(?:工作)?经验做法|(?:工作)?经验|做法|模式|工作法|举措|机制|成果)$")
_PREP = "针对|围绕|聚焦|结合|立足|坚持|依托|通过|联合|会同|牵头|积极|主动|率先|试点|先行|在|以|从"
_VERB = "探索形成|探索推行|探索建立|创新推出|开展|推行|实施|探索|首创|创新|打造|推出|建立|形成|创建|试行"
# 电子城街道人民调解委员会针对…,首创“码上调”…: the named body or place that owns the practice
_OWNER = re.compile(
    rf"(?![我全本各该其])(?![区县市镇乡](?!场))(?!(?:{_PREP}))([\u4e00-\u9fff]{{1,14}}?"
    r"(?:街道|乡|镇|村|社区|[区县市旗]|委员会|司法所|派出所|法庭|法院|检察院|局|中心|工作室))"
    rf"(?=(?:{_PREP}|{_VERB}))"
)
_DOES = re.compile(rf"(?:{_VERB})(?:了)?([\u4e00-\u9fff]{{4,16}})$")


_QUOTED = re.compile(r"[“「『][^“”「」『』]{2,20}[”」』]")


def _named_before(text: str, spans: list[tuple[int, int]], idx: int, own: str = "", bare: bool = False) -> str:
    """The practice of the nearest earlier clause that names one: its quoted name (“三步法”),
    with the words up to its type word when that is the generic word ``own`` (该模式 after
    “码上调”线上调解模式), or ''. With ``bare``, a quoted name without a type word (推行“首违不罚”)
    is taken when no clause names one with it."""
    for j in range(idx - 1, -1, -1):
        s, e = spans[j]
        m = _NAMED.search(text[s:e])
        if m:
            if own and m.group(3) == own and "的" not in m.group(2):
                return m.group(0)
            return m.group(1)
    for j in range(idx - 1, -1, -1) if bare else ():
        m = _QUOTED.search(text, *spans[j])
        if m:
            return m.group(0)
    return ""


def _owner(text: str, spans: list[tuple[int, int]]) -> str:
    """The body or place a sentence opens with, when it is named (not 我区, 全市)."""
    if not spans:
        return ""
    m = _OWNER.match(text, spans[0][0], spans[0][1])
    return m.group(1) if m else ""


def _done_before(text: str, spans: list[tuple[int, int]], idx: int) -> str:
    """What the sentence's named owner did, in the first clause: 乐清市围绕…开展[涉企行政合规指导]."""
    if idx == 0 or not _owner(text, spans):
        return ""
    s, e = spans[0]
    m = _DOES.search(text, s, e)
    return m.group(1) if m else ""


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
    if _ANAPHOR.match(own) and _GENERIC.match(_ANAPHOR.sub("", own)):
        own = _ANAPHOR.sub("", own)  # 相关经验: the experience of the practice named before
    if _GENERIC.match(own):
        where = spans
        named = _named_before(text, spans, idx, own, bare=True)
        done = "" if named else _done_before(text, spans, idx)
        if done:  # 乐清市…开展涉企行政合规指导,…,相关经验…: 乐清市涉企行政合规指导经验
            return _owner(text, spans) + done + own
        if not named and prev is not None and _ANAPHOR.match(raw.strip()):
            where = clauses(text, *prev)
            named = _named_before(text, where, len(where), own)
        if named:  # the named owner of the sentence that names it comes first
            practice = named if named.endswith(own) else named + own
            return _owner(text, where) + practice
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
                    scope = _higher(scope_of(m.group()), scope_of(_actor(clause, m.start())))
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
