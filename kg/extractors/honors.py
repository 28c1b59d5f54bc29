"""Honors: awards, titles and rankings given to a named organization, place or person.

Cue verbs (荣获, 获评, 被评为, 入选, 被确认为, 被授予 …) and ranking phrases (位居全市前列,
排名全市第一) are data in ``ontology/honor_cues.tsv``. The recipient is the first
organization named before the cue in the clause (resolved by the organizations extractor),
a person after a role word, a sub-district place, or else the report's jurisdiction.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..context import ReportContext
from ..model import Honor
from ..resources import read_tsv
from . import organizations

CLAUSE_END = "，,；;。！？!?\n"


_TOPICS: list[tuple[re.Pattern[str], str]] = []


@lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern[str]]:
    by: dict[str, list[str]] = {}
    for r in read_tsv("honor_cues.tsv"):
        by.setdefault(r["kind"], []).append(r["pattern"])
        if r["kind"] == "topic":
            _TOPICS.append((re.compile(r["pattern"]), r["value"]))
    award = sorted(by.get("award", []), key=len, reverse=True)
    return {
        "award": re.compile("|".join(award)),
        "rank": re.compile("|".join(f"(?:{p})" for p in by.get("rank", []))),
        "skip": re.compile("|".join(by.get("skip", [])) or "(?!x)x"),
        "person": re.compile(f"(?:{'|'.join(by.get('person', []))})([\u4e00-\u9fff]{{2,3}})$"),
        "trim": re.compile("|".join(by.get("trim", [])) or "(?!x)x"),
        "weak": re.compile("^(?:" + "|".join(by.get("weak", [])) + ")$"),
        "title_word": re.compile("|".join(by.get("title_word", []))),
    }


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans (absolute offsets) of ``text[start:end]``, split at commas and semicolons."""
    out, s = [], start
    for i in range(start, end):
        if text[i] in CLAUSE_END:
            if i > s:
                out.append((s, i))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out


_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:街道|乡|镇))")
_VILLAGE = re.compile(r"((?:(?!和)[\u4e00-\u9fff]){2,3}?)(街道|街|乡|镇)([\u4e00-\u9fff]{1,4}村)")
_PROJECT = re.compile(r"“[^”]{2,12}”[\u4e00-\u9fff]{0,12}(项目|品牌|案例|工作法|模式)")
_SELF_PLACE = re.compile(r"(我|全|本)(区|县|市)")


def recipient(ctx: ReportContext, head: str) -> list[str]:
    """Who receives the honor, from the clause text before the cue."""
    c = cues()
    head_nobei = head.split("被")[0]
    if _PROJECT.fullmatch(head_nobei.strip()):  # “惠企5+6”法治标杆园区项目获评…: the project itself
        return [head_nobei.strip()]
    m = c["person"].search(head_nobei)
    if m:
        return [m.group(m.lastindex or 0)]
    villages = _VILLAGE.findall(head_nobei)
    if villages and ctx.division is not None:
        base = organizations.gov_name(ctx, ctx.division)
        return [base + x + ("街道" if w == "街" else w) + v for x, w, v in villages]
    found = organizations.find_mentions(ctx, head_nobei)
    if found:
        return [found[0][2].name]
    if _SELF_PLACE.search(head_nobei):
        return [organizations.jurisdiction_name(ctx)]
    places = [p for p in _PLACE.findall(head_nobei) if not re.search(r"[区市县省]", p)]
    if places and ctx.division is not None:
        base = organizations.gov_name(ctx, ctx.division)
        return [base + p for p in places]
    return [organizations.jurisdiction_name(ctx)]


def _titles(rest: str) -> list[str]:
    c = cues()
    rest = rest.strip()
    quoted = re.findall(r"“([^”]+)”", rest)
    if quoted and re.fullmatch(r"(“[^”]+”(和|、|及|与)?)+(荣誉)?(称号)?", rest):
        return quoted
    title = c["trim"].sub("", rest)
    if title.startswith("“") and title.endswith("”") and title.count("“") == 1:
        title = title[1:-1]
    return [title] if title else []


def extract(ctx: ReportContext) -> list[Honor]:
    c = cues()
    text = ctx.doc.text
    out: list[Honor] = []
    seen: set[tuple[str, str]] = set()
    for sent in ctx.sentences:
        if sent.section is not None and sent.section.kind == "plan":
            continue
        for cs, ce in clauses(text, sent.start, sent.end):
            clause = text[cs:ce]
            if c["skip"].search(clause):
                continue
            items: list[tuple[list[str], str]] = []
            rank = c["rank"].search(clause)
            award = c["award"].search(clause)
            if award:
                rest = clause[award.end() :]
                if c["weak"].match(award.group()) and not c["title_word"].search(rest):
                    award = None
            if award:
                head = clause[: award.start()]
                if not head.strip("并且也还均同时") and cs > sent.start:
                    head = text[sent.start : cs]  # 并连续四届荣获…: the subject opens the sentence
                    head = head.split("，")[0].split(",")[0]
                    first = c["award"].search(head)
                    head = head[: first.start()] if first else head
                for t in _titles(clause[award.end() :]):
                    items.append((recipient(ctx, head), t))
            elif rank:
                title = re.sub(r"^(我|全|本)(区|县|市)", "", clause[: rank.end()]).lstrip("—- ")
                if len(clause[: rank.start()]) < 3 and cs > sent.start:
                    prev = [sp for sp in clauses(text, sent.start, cs)]
                    title = text[prev[-1][0] : prev[-1][1]] + title
                who = recipient(ctx, clause[: rank.start()])
                for rx, value in _TOPICS:
                    if rx.search(text[sent.start : cs + rank.end()]) and ctx.division is not None:
                        hit = organizations.resolve(ctx, value.replace("{level}", ctx.division.name[-1]))
                        if hit:
                            who = [hit[0]]
                items.append((who, title))
            for recips, title in items:
                if len(title) < 2:
                    continue
                for r in recips:
                    if any(r == r2 and (title in t2 or t2 in title) for r2, t2 in seen):
                        continue
                    seen.add((r, title))
                    out.append(Honor(start=cs, end=ce, evidence=text[cs:ce], recipient=r, title=title))
    return out
