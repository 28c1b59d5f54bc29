"""Organizations: every specific body a report names, once, under its full official name.

Surface forms (区法院, 市司法局, 我局, 黑庄户乡人民调解委员会, 省高院) are read as
``[中共][division names | level marker][sub-district place][core]`` and resolved against
the report's jurisdiction and its parents (``ctx.division``, ``ctx.divisions``). All
vocabulary (level markers, core abbreviations, type rules, plural markers) is data in
``ontology/org_types.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..context import ReportContext
from ..model import Division, Organization
from ..resources import read_tsv


@dataclass(frozen=True)
class _Body:
    rx: re.Pattern[str]
    value: str
    form: str
    bare: bool


@dataclass
class _Lex:
    types: list[tuple[re.Pattern[str], str]]
    bodies: list[_Body]
    aliases: list[tuple[re.Pattern[str], str]]
    markers: list[tuple[str, str]]
    places: list[tuple[str, str]]
    named: re.Pattern[str]
    plural: re.Pattern[str]
    stop: re.Pattern[str]
    strip: re.Pattern[str]
    title: re.Pattern[str]
    self_rx: re.Pattern[str]
    anchor: re.Pattern[str]
    cores: list[re.Pattern[str]]
    after: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    rows = read_tsv("org_types.tsv")
    by: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by.setdefault(r["kind"], []).append(r)

    def alt(kind: str) -> str:
        return "|".join(f"(?:{r['pattern']})" for r in by.get(kind, []))

    bodies = [_Body(re.compile(r["pattern"]), r["value"], r["form"], r["bare"] == "yes") for r in by.get("body", [])]
    places = [(r["pattern"], r["value"]) for r in by.get("place", [])]
    markers = sorted(((r["pattern"], r["value"]) for r in by.get("marker", [])), key=lambda m: -len(m[0]))
    # anchors: every core, alias, named ending, place ending and generic department ending
    parts = [
        alt("alias"),
        alt("self"),
        alt("body"),
        alt("named"),
        "街道|乡|镇",
        "局|委员会|办公室|办公厅|分局|中心|协会|科",
    ]
    anchor = re.compile("(?=(" + "|".join(p for p in parts if p) + "))")
    cores = [re.compile(r["pattern"]) for k in ("alias", "self", "body", "named") for r in by.get(k, [])]
    cores += [re.compile(p) for p in ("街道|乡|镇", "局|委员会|办公室|办公厅|分局|中心|协会", "科")]
    return _Lex(
        types=[(re.compile(r["pattern"]), r["value"]) for r in by.get("type", [])],
        bodies=bodies,
        aliases=[(re.compile(r["pattern"]), r["value"]) for r in by.get("alias", [])],
        markers=markers,
        places=places,
        named=re.compile(f"(.{{2,16}}?)({alt('named')})"),
        plural=re.compile(alt("plural")),
        stop=re.compile(alt("stop")),
        strip=re.compile(alt("strip").replace("^", "")),
        title=re.compile(alt("title")),
        self_rx=re.compile(alt("self")),
        anchor=anchor,
        cores=cores,
        after=re.compile(alt("after") or "(?!x)x"),
    )


def org_type(name: str) -> str:
    """The schema type of a full organization name (first matching type rule)."""
    for rx, t in lexicon().types:
        if rx.search(name):
            return t
    return "Other"


# ---------------------------------------------------------------- naming helpers


def _is_municipality(d: Division | None) -> bool:
    return d is not None and d.level == "province" and d.name.endswith("市")


def gov_name(ctx: ReportContext, d: Division) -> str:
    """Government-style name: from the prefecture-level city down (from the province-level
    unit in a municipality or for a province-level body)."""
    chain = ctx.divisions.chain(d.code)
    if d.level == "province":
        return d.name
    prov = chain[-1] if chain else None
    if _is_municipality(prov):
        return "".join(x.name for x in reversed(chain))
    return "".join(x.name for x in reversed(chain) if x.level != "province")


def _level(ctx: ReportContext, kind: str) -> Division | None:
    d = ctx.division
    if d is None:
        return None
    if kind == "county":
        return d
    if kind == "city":
        c = ctx.divisions.city(d.code)
        if c is not None and c.code != d.code:
            return c
        prov = ctx.divisions.province(d.code)
        return prov if _is_municipality(prov) else c
    if kind == "province":
        return ctx.divisions.province(d.code)
    return None


def jurisdiction_name(ctx: ReportContext) -> str:
    """The full name of the report's jurisdiction (for 我区/全区/本区 figures)."""
    return ctx.meta.jurisdiction or (ctx.division.full_name if ctx.division else "")


def _court_name(ctx: ReportContext, d: Division, core: str) -> str:
    if core == "人民法院" and d.level == "city":
        core = "中级人民法院"
    elif core == "人民法院" and d.level == "province":
        core = "高级人民法院"
    return d.full_name + core


def _build(ctx: ReportContext, d: Division | None, body: _Body, core: str) -> str | None:
    if d is None:
        return None
    if body.form == "party":
        return "中共" + gov_name(ctx, d) + core
    if body.form == "court":
        return _court_name(ctx, d, core)
    if body.form == "cppcc":
        return "中国人民政治协商会议" + gov_name(ctx, d) + core
    if body.form == "police":
        if d.level == "county":
            parent = ctx.divisions.get(d.parent) if d.parent else None
            if parent is None:
                return None
            muni = _is_municipality(parent)
            branch = _short(d.name) if muni else d.name
            return gov_name(ctx, parent) + "公安局" + branch + "分局"
        return gov_name(ctx, d) + "公安局"
    return gov_name(ctx, d) + core


def _short(name: str) -> str:
    from ..divisions import short_name

    return short_name(name)


# ---------------------------------------------------------------- parsing a surface


def _divisions_prefix(ctx: ReportContext, s: str) -> list[tuple[int, Division]]:
    """Ways ``s`` starts with a chain of division names: (length consumed, last division),
    longest first. Short names (鼓楼, 莆田) count only inside the report's province."""
    out: list[tuple[int, Division]] = []
    table = ctx.divisions
    prov = ctx.divisions.province(ctx.division.code) if ctx.division else None

    def walk(pos: int, parent: Division | None) -> None:
        for ln in range(min(9, len(s) - pos), 1, -1):
            key = s[pos : pos + ln]
            cands = table.candidates(key)
            if not cands:
                continue
            if parent is not None:
                cands = [c for c in cands if c.parent and table.is_within(c, parent) and c.code != parent.code]
            elif len(key) < 3 or key not in {c.name for c in cands}:  # a short name alone: stay in the province
                cands = [c for c in cands if prov is not None and table.is_within(c, prov)]
            if not cands:
                continue
            if ctx.division is not None:
                cands.sort(
                    key=lambda c: 0 if table.is_within(ctx.division, c) or table.is_within(c, ctx.division) else 1
                )
            out.append((pos + ln, cands[0]))
            walk(pos + ln, cands[0])
            return

    walk(0, None)
    return sorted(out, key=lambda x: -x[0])


@dataclass
class Parsed:
    name: str
    type: str
    explicit: bool  # a division name or level marker was written
    via: str = ""  # "place": a sub-district place standing alone


def _unparen(s: str) -> str:
    return re.sub(r"[(（][^()（）]{1,6}[)）]", "", s)


def _core(
    ctx: ReportContext, rest: str, d: Division | None, explicit: bool, party: bool, written: str = ""
) -> Parsed | None:
    lx = lexicon()
    if not rest:
        return None
    for body in lx.bodies:
        m = body.rx.fullmatch(rest)
        if m is None:
            continue
        if body.form == "party" and not explicit:
            if not rest.startswith(("依法治", "全面依法治")):
                return None
        if not explicit and not body.bare and body.form != "party":
            return None
        name = _build(ctx, d if explicit else ctx.division, body, m.expand(body.value))
        return Parsed(name, org_type(name), explicit) if name else None
    if party:
        return None
    # sub-district place (黑庄户乡, 垡头街道) with an optional body after it
    sub = d if explicit else ctx.division
    if sub is not None and sub.level == "county":
        for word, alone in lx.places:
            m = re.fullmatch(rf"(.{{2,3}}?){word}(.*)", rest)
            if m is None or lx.stop.search(m.group(1)) or lx.plural.search(m.group(1)):
                continue
            if re.search(r"[区市县省州和街乡镇]", m.group(1)):
                continue
            place = m.group(1) + word
            tail = m.group(2)
            if not tail:
                name = gov_name(ctx, sub) + m.group(1) + alone
                return Parsed(name, org_type(name), explicit, "place")
            inner = _core(ctx, tail, sub, True, False)
            if inner is not None and inner.type in (
                "MediationCommittee",
                "JusticeOffice",
                "PublicSecurity",
                "LegalServiceCenter",
                "Court",
            ):
                core = inner.name[len(gov_name(ctx, sub)) :] if inner.name.startswith(gov_name(ctx, sub)) else tail
                name = gov_name(ctx, sub) + place + core
                return Parsed(name, org_type(name), explicit)
    # a body with its own proper name (狮岭司法所, 马国军调解工作室)
    m = lx.named.fullmatch(rest)
    if (
        m
        and not re.search(lx.stop.pattern + "|和", _unparen(m.group(1)))
        and not lx.title.search(m.group(1))
        and not lx.plural.search(m.group(1))
    ):
        if lx.strip.match(m.group(1)):
            return None
        t = org_type(rest)
        if explicit and d is not None:
            name = written or rest
        elif t in ("MediationCommittee", "JusticeOffice", "PublicSecurity", "Court") and ctx.division is not None:
            name = gov_name(ctx, ctx.division) + rest
        else:
            name = rest
        return Parsed(name, org_type(name), explicit)
    # any other department after a level marker or division name (区密码管理局)
    if explicit and d is not None:
        m = re.fullmatch(r"(.{1,14}?)(局|委员会|办公室|办公厅|分局|中心|协会)", rest)
        core = m.group(1) if m else ""
        if (
            m
            and not lx.stop.search(core)
            and not lx.title.search(rest)
            and not lx.plural.search(core)
            and not re.match(lx.plural.pattern.replace("$", ""), core)
            and not lx.named.fullmatch(rest)
            and not re.search(r"[区市省县]$|和[区市省县]|[局院所办]", core)
        ):
            name = gov_name(ctx, d) + rest
            return Parsed(name, org_type(name), True)
    return None


def parse(ctx: ReportContext, surface: str) -> Parsed | None:
    """Read one surface form; None when it names no specific organization."""
    lx = lexicon()
    s = re.sub(r"\s+", "", surface or "")
    if len(s) < 2:
        return None
    if lx.self_rx.fullmatch(s):
        pub = ctx.meta.publisher
        return Parsed(pub, org_type(pub), True) if pub else None
    for rx, full in lx.aliases:
        if rx.fullmatch(s):
            return Parsed(full, org_type(full), True)
    if s.startswith("原") and len(s) > 3:
        s = s[1:]
    party = False
    if s.startswith("中共"):
        party, s = True, s[2:]
    elif s[0] in "我本" and len(s) > 2 and s[1] in "区县市":
        s = s[1:]
    if not party and any(b.rx.fullmatch(s) for b in lx.bodies):  # 市场监督管理局: no marker inside
        return _core(ctx, s, None, False, False)
    # explicit division names
    for ln, d in _divisions_prefix(ctx, s):
        written = s
        if d.level == "county" and s.startswith(d.name):
            written = gov_name(ctx, d) + s[len(d.name) :]
        got = _core(ctx, s[ln:], d, True, party, written)
        if got is not None:
            return got
        # a level marker after the division name is redundant (福州市市场监管局 is rare); try the rest as written
    # level marker
    for word, kind in lx.markers:
        if kind == "party" or not s.startswith(word):
            continue
        d = _level(ctx, kind)
        got = _core(ctx, s[len(word) :], d, True, party)
        if got is not None:
            return got
    if party:
        return None
    got = _core(ctx, s, None, False, False)
    if got is None:  # a section of a department (区司法局公共法律服务管理科)
        m = re.fullmatch(r"(.+?(?:局|委员会|中心))([\u4e00-\u9fff]{2,10}科)", s)
        parent = parse(ctx, m.group(1)) if m else None
        if m and parent is not None and parent.explicit:
            return Parsed(parent.name + m.group(2), parent.type, True)
    return got


def resolve(ctx: ReportContext, surface: str) -> tuple[str, str] | None:
    """(full official name, type) for a surface form such as 区法院, 市司法局, 我局, 区政府,
    黑庄户乡人民调解委员会 or 省高院; None if it is not an organization."""
    got = parse(ctx, surface)
    if got is None or not got.name:
        return None
    return got.name, got.type


# ---------------------------------------------------------------- scanning a report


def _in_title(text: str, start: int, end: int) -> bool:
    """Inside quotes right after an honor verb, or followed by 称号: a title, not a body."""
    before = text[max(0, start - 8) : start]
    q = before.rfind("“")
    if q >= 0 and "”" not in before[q:] and re.search(r"(评为|获评|荣获|授予|确认为|命名为|入选|获得)$", before[:q]):
        return True
    return bool(re.match(r"”?(称号|荣誉)", text[end : end + 3]))


def find_mentions(ctx: ReportContext, text: str, offset: int = 0) -> list[tuple[int, int, Parsed]]:
    """Organization mentions in ``text`` as (start, end, parsed), non-overlapping, longest first."""
    lx = lexicon()
    found: list[tuple[int, int, Parsed]] = []
    ends_seen: set[tuple[int, int]] = set()
    for m in lx.anchor.finditer(text):
        a = m.start()
        for b in _anchor_ends(text, a, m.group(1)):
            if (a, b) in ends_seen:
                continue
            ends_seen.add((a, b))
            if lx.after.match(text, b):
                continue
            r = a
            while r > 0 and a - r < 16:
                c = text[r - 1]
                if c in ")）":
                    q = max(text.rfind("(", max(0, r - 8), r), text.rfind("（", max(0, r - 8), r))
                    if q >= 0:
                        r = q
                        continue
                if lx.stop.match(c):
                    break
                r -= 1
            run = text[r:a]
            cut = None
            for v in lx.strip.finditer(run):
                if v.end() > v.start():
                    cut = v.end()
            if cut is not None:
                r += cut
            for k in range(a - r, -1, -1):
                s = text[a - k : b]
                got = parse(ctx, s)
                if got is None:
                    continue
                if lx.plural.search(text[max(0, a - k - 3) : a - k]) and not lx.self_rx.fullmatch(s):
                    break
                if lx.title.search(s) or _in_title(text, a - k, b):
                    break
                if got.via == "place" and not got.explicit and a - k > 0:
                    c = text[a - k - 1]
                    if not (lx.stop.match(c) or c == "和"):
                        continue
                found.append((a - k + offset, b + offset, got))
                break
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, Parsed]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda x: x[0])


def _anchor_ends(text: str, a: int, first: str) -> list[int]:
    """Possible ends of a core starting at ``a``: the longest anchor match and each shorter
    alternative ending (so 区委常委会 and 区委 are both tried)."""
    ends = {a + len(first)}
    for rx in lexicon().cores:
        for m in [rx.match(text, a)]:
            if m and m.end() > a:
                ends.add(m.end())
    return sorted(ends, reverse=True)


def extract(ctx: ReportContext) -> list[Organization]:
    text = ctx.doc.text
    by_name: dict[str, Organization] = {}
    for sent in ctx.sentences:
        for start, end, got in find_mentions(ctx, text[sent.start : sent.end], sent.start):
            surface = text[start:end]
            org = by_name.get(got.name)
            if org is None:
                by_name[got.name] = Organization(
                    start=sent.start,
                    end=sent.end,
                    evidence=text[sent.start : sent.end],
                    name=got.name,
                    type=got.type,
                    mentions=[surface],
                )
            elif surface not in org.mentions:
                org.mentions.append(surface)
    return list(by_name.values())
