"""Honors: awards, titles and rankings given to a named organization, place or person.

Cue verbs (荣获, 获评, 被评为, 入选, 被确认为, 被授予 …), designation verbs that need a
level-named title (成为/被确定为 国家级…), ranking phrases (位居全市前列, 排名全市第一) and
the lexicons around them are data in ``ontology/honor_cues.tsv``.

The recipient is read from the clause text before the cue (the conferrer after 被 is
dropped): a project named as the awardee, one or more persons after a role word, villages
and communities under their 街道/乡/镇, organizations (resolved by the organizations
extractor; several coordinated ones each get the honor), bare sub-district places sharing
one suffix (太阳宫、南磨房和来广营乡 → three 乡), else a topic body (复议 → the government)
or the report's jurisdiction. Titles: quoted lists and 、-lists of designations are split,
称号/荣誉 trimmed, a bare grade (“优秀”) is prefixed with the evaluation named in the
sentence (在…评估中), and designations as 试点 are left to the promotions extractor.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..context import ReportContext
from ..model import Honor
from ..resources import read_tsv
from . import organizations

CLAUSE_END = "，,；;。！？!?\n"
_NUM = "一二三四五六七八九十百\\d"


@lru_cache(maxsize=1)
def _rows() -> dict[str, list[tuple[str, str]]]:
    by: dict[str, list[tuple[str, str]]] = {}
    for r in read_tsv("honor_cues.tsv"):
        by.setdefault(r["kind"], []).append((r["pattern"], r.get("value") or ""))
    return by


def _alt(kind: str, wrap: bool = False) -> str:
    pats = [p for p, _ in _rows().get(kind, [])]
    if not pats:
        return "(?!x)x"
    return "|".join(f"(?:{p})" for p in pats) if wrap else "|".join(pats)


@lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern[str]]:
    verbs = [p for k in ("award", "weak", "designate") for p, _ in _rows().get(k, [])]
    verbs = sorted(set(verbs), key=len, reverse=True)
    return {
        "award": re.compile("|".join(verbs)),
        "rank": re.compile(_alt("rank", wrap=True)),
        "skip": re.compile(_alt("skip")),
        "rank_skip": re.compile(_alt("rank_skip")),
        "person": re.compile(f"(?:{_alt('person')})(?P<names>{_PERSON}(?:[、和]{_PERSON})*)$"),
        "trim": re.compile(_alt("trim")),
        "weak": re.compile("^(?:" + _alt("weak") + ")$"),
        "designate": re.compile("^(?:" + _alt("designate") + ")$"),
        "title_word": re.compile(_alt("title_word")),
        "level_start": re.compile("^(?:" + _alt("level_start") + ")"),
        "designation": re.compile("(?:" + _alt("designation") + ")$"),
        "place_designation": re.compile("(?:" + _alt("place_designation") + ")$"),
        "grade": re.compile("^(?:" + _alt("grade") + ")$"),
        "not_title": re.compile(_alt("not_title")),
        "body_title": re.compile("(?:" + _alt("body_title") + ")$"),
    }


@lru_cache(maxsize=1)
def topics() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), v) for p, v in _rows().get("topic", [])]


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
# a village or community under its 街道/乡/镇; in Inner Mongolia a 嘎查 (village) under its 苏木
# (township), whose transliterated names are longer
_VILLAGE = re.compile(
    r"(?:((?:(?!和)[\u4e00-\u9fff]){2,3}?)(街道|街|乡|镇)|((?:(?![和我全各本该])[\u4e00-\u9fff]){2,6}?)(苏木))"
    r"([\u4e00-\u9fff]{1,6}?(?:村|社区|嘎查))$"
)
_LONE_VILLAGE = re.compile(r"(?![全各本我该])[\u4e00-\u9fff]{1,5}(?:村|社区|嘎查)")
# a person's name: two or three characters, or a transcribed name in parts joined by ·
# (阿依古丽·买买提)
_PERSON = r"(?:[\u4e00-\u9fff]{2,4}(?:[·•・][\u4e00-\u9fff]{2,5})+|[\u4e00-\u9fff]{2,3})"
_PROJECT = re.compile(
    r"[“「『\"][^”」』\"]{2,12}[”」』\"][\u4e00-\u9fff]{0,12}(项目|品牌|案例|工作法|工作方法|模式|经验|做法)"
)
_SELF_PLACE = re.compile(r"(我|全|本)(区|县|市|旗)")
_SEP = re.compile(r"、|以及|和|及|与")
_BARE = re.compile(r"[\u4e00-\u9fff]{2,4}")
_PLACE_SUFFIX = re.compile(r"(街道|乡|镇|村|社区|苏木|嘎查)$")
_LEAD = re.compile(
    rf"^(?:(?:19|20)\d\d年度?|今年以来|近年来|全年|此外|另外|其中|同时|并且?|且|也|还|均|都|先后|分别|再次|"
    rf"成功|连续[{_NUM}]+[年届次轮]|连年|历时[{_NUM}]+年)+"
)
_NAMED_BODY = re.compile(
    r"(?![我本全该区县市])[\u4e00-\u9fff（）()]{2,16}(?:律师事务所|公证处|基层法律服务所|司法鉴定所|鉴定中心|协会|学会|有限公司|集团)"
)
_ORG_END = re.compile(r"[所局院会处室站部队科组庭厅委办]$")


def _place_name(ctx: ReportContext, name: str) -> str:
    base = organizations.gov_name(ctx, ctx.division) if ctx.division is not None else ""
    return base + name


def _one(ctx: ReportContext, s: str, title: str = "") -> list[str] | None:
    """Recipients named by one list item (None when it names nobody explicitly). A bare
    街乡 is the place honored, unless the title is one given to a body (先进集体): then its
    街道办事处 or 乡人民政府."""
    c = cues()
    s = _LEAD.sub("", s.strip())
    if not s:
        return None
    if _PROJECT.fullmatch(s):  # “惠企5+6”法治标杆园区项目获评…: the project itself
        return [s]
    comrade = s.endswith("同志")
    s = s.removesuffix("同志")
    m = c["person"].search(s)
    if m and not _ORG_END.search(m.group("names")):
        return re.split(r"[、和]", m.group("names"))
    if comrade and re.fullmatch(r"[\u4e00-\u9fff]{2,3}", s):  # 张伟同志被评为…
        return [s]
    v = _VILLAGE.search(s)
    if v and ctx.division is not None:
        x, w, name = v.group(1) or v.group(3), v.group(2) or v.group(4), v.group(5)
        return [_place_name(ctx, x + ("街道" if w == "街" else w) + name)]
    found = organizations.find_mentions(ctx, s)
    body_title = bool(title) and bool(c["body_title"].search(title))
    if found:
        names = []
        for a, b, parsed in found:
            if parsed.via == "place" and not re.search(r"政府|办事处", s[a:b]) and not body_title:
                names.append(re.sub(r"(人民政府|办事处)$", "", parsed.name))
            else:
                names.append(parsed.name)
        gaps = [s[found[i][1] : found[i + 1][0]] for i in range(len(found) - 1)]
        if len(found) > 1 and all(_SEP.fullmatch(g) for g in gaps):
            return names
        return names[:1]
    if _NAMED_BODY.fullmatch(s):  # a named firm or association the resolver does not know
        return [s]
    if _LONE_VILLAGE.fullmatch(s) and ctx.division is not None:
        return [_place_name(ctx, s)]
    if _SELF_PLACE.search(s):
        return [organizations.jurisdiction_name(ctx)]
    if ctx.division is not None and re.fullmatch(r"[\u4e00-\u9fff]{2,8}[区县市旗]", s):
        within = [d for d in ctx.divisions.resolve(s) if ctx.divisions.is_within(d, ctx.division) and d != ctx.division]
        if len(within) == 1:  # 吴江区、昆山市获评… in a city report: the county-level places
            return [within[0].full_name]
    places = [p for p in _PLACE.findall(s) if not re.search(r"[区市县省]", p)]
    if places and ctx.division is not None:
        return [_place_name(ctx, p) for p in places]
    return None


def recipient(ctx: ReportContext, head: str, title: str = "") -> list[str] | None:
    """Who receives the honor, from the clause text before the cue; None when the text
    names nobody (the caller falls back to a topic body or the jurisdiction)."""
    head = head.split("被")[0]
    # 在市司法局组织的案卷评查中均获评…: the body named in the evaluation organized it
    head = re.sub(r"在[^在，,。；;]{2,40}?中(?:均|都|分别)?$", "", head)
    head = re.sub(r"(?:申报|推荐|报送|选送|参评)的.*$", "", head)  # X申报的“项目”入选…: X
    head = re.sub(r"等[\d一二三四五六七八九十两多]*[个家名位]?(?:单位|部门|集体|个人|同志)?$", "", head)
    head = _LEAD.sub("", head.strip())
    if not head:
        return None
    parts = [p for p in _SEP.split(head)]
    if len(parts) >= 2 and all(0 < len(p) <= 16 for p in parts):
        got = [_one(ctx, p, title) for p in parts]
        suffix = next((m.group(1) for p in reversed(parts) if (m := _PLACE_SUFFIX.search(p))), None)
        if suffix is None:
            m = _PLACE_SUFFIX.search(title)
            suffix = m.group(1) if m else None
        if suffix is not None:
            got = [
                g if g is not None else ([_place_name(ctx, p + suffix)] if _BARE.fullmatch(p) else None)
                for g, p in zip(got, parts, strict=True)
            ]
        if all(g is not None for g in got) and ctx.division is not None:
            return [r for g in got for r in g or []]
    return _one(ctx, head, title)


def _split_titles(title: str) -> list[str]:
    """An unquoted list of designations (A、B) is several titles."""
    c = cues()
    parts = re.split(r"、|和(?=全国|国家|全省|省级)", title)
    if len(parts) > 1 and all(len(p) >= 4 and c["designation"].search(p) for p in parts):
        return parts
    return [title]


def _titles(rest: str) -> list[str]:
    c = cues()
    rest = rest.strip()
    rest = re.sub(r"^了", "", rest)
    quoted = re.findall(r"“([^”]+)”", rest)
    if quoted and re.fullmatch(r"(“[^”]+”(和|、|及|与|以及)?)+等?(多项|多个)?(荣誉)?(称号|奖项)?", rest):
        titles = quoted
    else:
        title = c["trim"].sub("", c["trim"].sub("", rest))
        if title.startswith("“") and title.endswith("”") and title.count("“") == 1:
            title = title[1:-1]
        titles = _split_titles(title) if title else []
    return [t for t in titles if t and not c["not_title"].search(t) and is_title(t)]


def is_title(title: str) -> bool:
    """Whether ``title`` reads as an award or designation: it has a title word (示范, 先进,
    模范, 优秀, 第一, a quotation mark …) or ends like a designation (…司法所, …示范区); generic
    nouns after a cue (获评情况, 以…创建为抓手) are no titles."""
    c = cues()
    return bool(c["title_word"].search(title) or c["designation"].search(title))


def _headings(ctx: ReportContext, pos: int) -> str:
    """The headings of the sections enclosing ``pos`` (outermost first)."""
    chain: dict[int, str] = {}
    for s in ctx.sections:
        if s.start > pos:
            break
        chain = {lv: h for lv, h in chain.items() if lv < s.level}
        chain[s.level] = s.heading
    return "".join(chain[k] for k in sorted(chain))


def _topic_body(ctx: ReportContext, text: str) -> str | None:
    for rx, value in topics():
        if rx.search(text) and ctx.division is not None:
            hit = organizations.resolve(ctx, value.replace("{level}", ctx.division.name[-1]))
            if hit:
                return hit[0]
    return None


_CUT = re.compile(r"(?:并|且|同时|还)(?:在|被|获|于|向|由|作为)")
_EVAL_HEAD = re.compile(
    r"(?:(?:我|全|本)[区县市旗])?([\u4e00-\u9fff“”]{2,30}?(?:考核|考评|评估|评查|评议|测评|评价|验收))"
)
_EVAL = re.compile(r"在([^，,；;。在]{4,40}?)(?:活动|工作)?中")
_EVENT = re.compile(r"开展([^，,；;。]{4,40}?)(?:活动|工作)$")


def _grade_context(ctx: ReportContext, sent_idx: int, upto: int) -> str:
    """The evaluation a bare grade (“优秀”) was given in: 在…评估中 in the sentence, else
    开展…活动 ending the previous sentence."""
    text = ctx.doc.text
    sent = ctx.sentences[sent_idx]
    found = _EVAL.findall(text[sent.start : upto])
    if found:
        return found[-1]
    if sent_idx > 0:
        prev = ctx.sentences[sent_idx - 1].text.rstrip("。；;!！ \n")
        m = _EVENT.search(prev)
        if m:
            return m.group(1)
    return ""


def _stale_year(ctx: ReportContext, text: str) -> bool:
    """A ranking about earlier years (2017—2019年…第一) is not the year's honor."""
    year = ctx.meta.year
    if not year:
        return False
    years = [int(y) for y in re.findall(r"((?:19|20)\d\d)(?=年|[—\-－至~～])", text)]
    return any(y < int(year) - 1 for y in years)


def _rank_title(text: str, spans: list[tuple[int, int]], k: int, clause: str, rank: re.Match[str]) -> str:
    title = re.sub(r"^(我|全|本)(区|县|市)", "", clause[: rank.end()]).lstrip("—- ")
    m = re.search(r"在([^在中]{4,40})中(?=[^中]*$)", title)
    if m:  # …优良率在全市…评估中位居全市第二: the evaluation names the ranking
        title = m.group(1) + title[m.end() :]
    title = re.sub(r"(?:均|都|保持)(?=(?:位居|位于|排名|位列|名列|居|全[国省市区]))", "", title)
    title = re.sub(r"保持(?=全[国省市区]第)", "", title)
    prev = re.fullmatch(r"在([^在中]{4,40})中", text[slice(*spans[k - 1])]) if k > 0 else None
    if prev and len(clause[: rank.start()]) <= 8 and not m:
        # 在全市依法行政考核中，宾县位列各县（市）第二名: the evaluation names the ranking
        title = prev.group(1) + clause[rank.start() :]
    elif len(clause[: rank.start()]) < 3 and k > 0:
        s, e = spans[k - 1]
        title = text[s:e] + title
    extra = []  # 保持全国第一,跃居亚洲第二、全球第七
    for s, e in spans[k + 1 :]:
        m = re.fullmatch(rf"(?:跃居|位居|位列|居|排名)?((?:[\u4e00-\u9fff]{{2,3}}第[{_NUM}]+、?)+)", text[s:e])
        if not m:
            break
        extra.append(m.group(1))
    return "、".join([title, *extra]) if extra else title


def extract(ctx: ReportContext) -> list[Honor]:
    c = cues()
    text = ctx.doc.text
    out: list[Honor] = []
    seen: list[tuple[str, str]] = []
    for si, sent in enumerate(ctx.sentences):
        if sent.section is not None and sent.section.kind == "plan":
            continue
        spans = clauses(text, sent.start, sent.end)
        for k, (cs, ce) in enumerate(spans):
            clause = text[cs:ce]
            items: list[tuple[list[str], str]] = []
            award, rest = None, ""
            for m in c["award"].finditer(clause):
                rest = clause[m.end() :]
                cut = _CUT.search(rest)  # 荣获…称号并在全省推广: the title ends before 并在
                rest = rest[: cut.start()] if cut else rest
                verb = m.group()
                if c["weak"].match(verb) and not c["title_word"].search(rest):
                    continue
                bare = c["trim"].sub("", rest.strip())
                if c["designate"].match(verb) and not (
                    c["level_start"].search(bare.lstrip("“"))
                    and c["designation"].search(bare)
                    and (c["title_word"].search(bare) or c["place_designation"].search(bare))
                ):
                    continue
                award = m
                break
            if award is not None and c["skip"].search(clause[: award.end()] + rest):
                continue
            rank = c["rank"].search(clause)
            if award is None and c["skip"].search(clause):
                continue
            if award:
                head = clause[: award.start()]
                if not _LEAD.sub("", head.split("被")[0].strip()) and cs > sent.start:
                    head = text[sent.start : cs]  # 并连续四届荣获…: the subject opens the sentence
                    head = head.split("，")[0].split(",")[0]
                    first = c["award"].search(head)
                    head = head[: first.start()] if first else head
                for t in _titles(rest):
                    if c["grade"].match(t):
                        ctx_name = _grade_context(ctx, si, cs + award.start())
                        quoted = f"“{t}”" if f"“{t}”" in clause else t
                        ev = _EVAL_HEAD.search(_LEAD.sub("", head.split("被")[0]))
                        ctx_name = ctx_name or (ev.group(1) if ev else "")
                        t = ctx_name + quoted if ctx_name else t
                    who = recipient(ctx, head, t)
                    if who is None or who == [organizations.jurisdiction_name(ctx)]:
                        body = _topic_body(ctx, text[sent.start : ce] + (_headings(ctx, cs) if who is None else ""))
                        who = [body] if body else who
                    items.append((who or [organizations.jurisdiction_name(ctx)], t))
            elif rank and not c["rank_skip"].search(clause) and not _stale_year(ctx, text[sent.start : ce]):
                title = _rank_title(text, spans, k, clause, rank)
                who = recipient(ctx, clause[: rank.start()])
                if who is None or who == [organizations.jurisdiction_name(ctx)]:
                    src = text[sent.start : cs + rank.end()] + (_headings(ctx, cs) if who is None else "")
                    body = _topic_body(ctx, src)
                    who = [body] if body else who
                items.append((who or [organizations.jurisdiction_name(ctx)], title))
            for recips, title in items:
                if len(title) < 2:
                    continue
                for r in recips:
                    if any(
                        r == r2 and (title == t2 or (min(len(title), len(t2)) >= 4 and (title in t2 or t2 in title)))
                        for r2, t2 in seen
                    ):
                        continue
                    seen.append((r, title))
                    out.append(Honor(start=cs, end=ce, evidence=text[cs:ce], recipient=r, title=title))
    return out
