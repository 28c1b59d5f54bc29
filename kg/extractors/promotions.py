"""Promotions: a local practice spread or taken up elsewhere.

Cues (在全省复制推广, 被…吸纳, 被…采用, 被…列为…试点, media pickups) are data in
``ontology/promotion_cues.tsv``; the scope is the highest level among the scope words of
``ontology/scopes.tsv`` found in the cue (全市 → city, 全省 → province, 全国/国家/中央 → national).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..context import ReportContext
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


def scope_of(text: str) -> str | None:
    """The highest level named in ``text`` (None when no scope word is written)."""
    best = -1
    for rx, level in scope_words():
        if rx.search(text):
            best = max(best, LEVELS.index(level))
    return LEVELS[best] if best >= 0 else None


_AWARD = re.compile(r"获评|入选|荣获|被评为")


def _clean(practice: str) -> str:
    c = cues()
    for rx in c.get("lead", []):
        practice = rx.sub("", practice)
    for rx in c.get("tail", []):
        practice = rx.sub("", practice)
    return practice.strip()


def _practice_before(text: str, sent_start: int, spans: list[tuple[int, int]], idx: int, upto: int) -> str:
    """The practice named before a spread cue: the clause text before it, else the nearest
    earlier clause of the sentence (the subject of an award verb when the clause has one)."""
    cs, _ = spans[idx]
    own = _clean(text[cs:upto])
    if len(own) >= 2 and not _AWARD.search(own):
        return own
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
    for sent in ctx.sentences:
        if sent.section is not None and sent.section.kind == "plan":
            continue
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
                    if scope:
                        hit = (_practice_before(text, sent.start, spans, idx, cs + m.start()), scope)
                        break
            if (
                hit
                and len(hit[0]) >= 2
                and not any(p.scope == hit[1] and (p.practice in hit[0] or hit[0] in p.practice) for p in out)
            ):
                out.append(Promotion(start=cs, end=ce, evidence=clause, practice=hit[0], scope=hit[1]))
    return out
