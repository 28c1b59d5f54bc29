"""Organizations: every specific body a report names, once, under its full official name.

Surface forms (区法院, 市司法局, 我局, 黑庄户乡人民调解委员会, 省高院) are read as
``[中共][division names | level marker][sub-district place][core]`` and resolved against
the report's jurisdiction and its parents (``ctx.division``, ``ctx.divisions``). All
vocabulary (level markers, core abbreviations, type rules, plural markers) is data in
``ontology/org_types.tsv``.

A level marker must agree with the report's level (区法院 means nothing in a 县 or city
report; 市 is the report itself in a county-level city). Besides single surfaces, a report
names departments in lists (公安、人社等10个部门) and higher levels as agents (被自治区列为).
A bare sub-district place is a body only when it acts: not when it qualifies a person or
village (平房乡人民调解员, 转塘街道长埭村) and not when it is only honored (…乡成功创建为…).
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
    bare_value: str = ""  # canonical core when written alone, if it differs from value


@dataclass
class _Lex:
    types: list[tuple[re.Pattern[str], str]]
    bodies: list[_Body]
    aliases: list[tuple[re.Pattern[str], str]]
    markers: list[tuple[str, str]]
    places: list[tuple[str, str, int]]
    named: re.Pattern[str]
    plural: re.Pattern[str]
    stop: re.Pattern[str]
    strip: re.Pattern[str]
    title: re.Pattern[str]
    self_rx: re.Pattern[str]
    anchor: re.Pattern[str]
    cores: list[re.Pattern[str]]
    after: re.Pattern[str]
    place_after: re.Pattern[str]
    honor_verb: re.Pattern[str]
    glue: re.Pattern[str]
    shorts: dict[str, str]
    list_rx: re.Pattern[str]
    agent_rx: re.Pattern[str]
    agents: dict[str, str]
    generic: re.Pattern[str]
    place_lead: re.Pattern[str]
    common_end: re.Pattern[str]
    level_word: re.Pattern[str]
    activity: re.Pattern[str]
    model_lead: re.Pattern[str]
    located: re.Pattern[str]
    person_after: re.Pattern[str]
    place_not: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    rows = read_tsv("org_types.tsv")
    by: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by.setdefault(r["kind"], []).append(r)

    def alt(kind: str) -> str:
        return "|".join(f"(?:{r['pattern']})" for r in by.get(kind, []))

    bodies = [
        _Body(
            re.compile(r["pattern"]),
            r["value"],
            r["form"],
            bool(r["bare"]),
            r["bare"] if r["bare"] not in ("", "yes") else "",
        )
        for r in by.get("body", [])
    ]
    never = "(?!x)x"
    shorts = {r["pattern"]: r["value"] for r in by.get("short", [])}
    short_alt = "|".join(sorted(map(re.escape, shorts), key=len, reverse=True)) or never
    # 公安、人社和民政等10个部门: a list of department short names closed by a generic noun
    list_rx = re.compile(
        rf"((?:{short_alt})(?:[、,，](?:{short_alt}))*(?:[、和及与](?:{short_alt})))"
        rf"等(?:[0-9０-９一二三四五六七八九十百几多]+[个家])?(?:{alt('list_head') or never})"
    )
    agents = {w: r["value"] for r in by.get("agent", []) for w in r["pattern"].split("|")}
    agent_alt = "|".join(sorted(map(re.escape, agents), key=len, reverse=True)) or never
    agent_rx = re.compile(rf"被({agent_alt})(?=列为|评为|确定为|命名为|认定为|授予|表彰)")
    places = [(r["pattern"], r["value"], int(r["form"] or 3)) for r in by.get("place", [])]
    anchored = "|".join(r["pattern"] for r in by.get("place", []) if r["bare"])
    markers = sorted(((r["pattern"], r["value"]) for r in by.get("marker", [])), key=lambda m: -len(m[0]))
    # anchors: every core, alias, named ending, place ending and generic department ending
    parts = [
        alt("alias"),
        alt("self"),
        alt("body"),
        alt("named"),
        anchored,
        "局|委员会|办公室|办公厅|分局|中心|协会|科",
    ]
    anchor = re.compile("(?=(" + "|".join(p for p in parts if p) + "))")
    cores = [re.compile(r["pattern"]) for k in ("alias", "self", "body", "named") for r in by.get(k, [])]
    cores += [re.compile(p) for p in (anchored, "局|委员会|办公室|办公厅|分局|中心|协会", "科")]
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
        after=re.compile(alt("after") or never),
        place_after=re.compile(alt("place_after") or never),
        honor_verb=re.compile(alt("honor_verb") or never),
        glue=re.compile(alt("glue") or never),
        shorts=shorts,
        list_rx=list_rx,
        agent_rx=agent_rx,
        agents=agents,
        generic=re.compile(alt("generic") or never),
        place_lead=re.compile(alt("place_lead") or never),
        common_end=re.compile(alt("common_end") or never),
        level_word=re.compile(alt("level_word") or never),
        activity=re.compile(alt("activity") or never),
        model_lead=re.compile(alt("model_lead") or never),
        located=re.compile(alt("located") or never),
        person_after=re.compile(alt("person_after") or never),
        place_not=re.compile(alt("place_not") or never),
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


def _is_county_city(d: Division | None) -> bool:
    """A county-level city (义乌市, 瑞安市): its own bodies are written 市XX局."""
    return d is not None and d.level == "county" and d.name.endswith("市")


def _level(ctx: ReportContext, kind: str, word: str = "") -> Division | None:
    """The division a level marker (区, 市, 省 …) stands for in this report; None when the
    marker cannot mean the report's own level (区法院 in a 县 or city report)."""
    d = ctx.division
    if d is None:
        return None
    if kind == "county":
        if d.level != "county":
            return None
        w = word.removesuffix("级")
        if w and not d.name.endswith(w):
            return None
        return d
    if kind == "city":
        if _is_county_city(d) and word in ("市", "市级"):
            return d
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
    if core == "中级人民法院" and d.level == "county":  # a county-level city has no 中院 of its own
        d = ctx.divisions.city(d.code) or d
    elif core == "高级人民法院" and d.level != "province":
        d = ctx.divisions.province(d.code) or d
    if core == "人民法院" and d.level == "city":
        core = "中级人民法院"
    elif core == "人民法院" and d.level == "province":
        core = "高级人民法院"
    return d.full_name + core


def police_branch(ctx: ReportContext, d: Division, short: bool | None = None) -> str | None:
    """The public security body of division ``d``: a district's police is a branch of the
    city's 公安局, named with the district's short name in a municipality (北京市公安局朝阳分局)
    or when the text writes it short (南明公安分局 -> 贵阳市公安局南明分局), else with its full
    name (吴忠市公安局利通区分局); a county or county-level city has its own 公安局."""
    if d.level == "county" and d.name.endswith("区"):
        parent = ctx.divisions.get(d.parent) if d.parent else None
        if parent is None:
            return None
        if short is None or _is_municipality(parent):
            short = _is_municipality(parent)
        branch = _short(d.name) if short else d.name
        return gov_name(ctx, parent) + "公安局" + branch + "分局"
    return gov_name(ctx, d) + "公安局"


def _build(ctx: ReportContext, d: Division | None, body: _Body, core: str, short: bool | None = None) -> str | None:
    if d is None:
        return None
    if body.form == "party":
        if d.name.endswith("自治区") and core.startswith("委") and not core.startswith("委员会"):
            core = "委员会" + core[1:]  # 中共宁夏回族自治区委员会全面依法治区委员会: never 自治区委
        return "中共" + gov_name(ctx, d) + core
    if body.form == "court":
        return _court_name(ctx, d, core)
    if body.form == "cppcc":
        return "中国人民政治协商会议" + gov_name(ctx, d) + core
    if body.form == "police":
        return police_branch(ctx, d, short)
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
    via: str = ""  # "place": a sub-district place standing alone; "marker": read after a level marker
    marker: str = ""  # the level marker the surface starts with (区, 市 …)


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
        core = body.bare_value if not explicit and body.bare_value else m.expand(body.value)
        name = _build(ctx, d if explicit else ctx.division, body, core, _written_short(ctx, d, written))
        return Parsed(name, org_type(name), explicit) if name else None
    if party:
        return None
    # sub-district place (黑庄户乡, 垡头街道) with an optional body after it
    sub = d if explicit else ctx.division
    if sub is not None and sub.level == "county":
        words = [w for w, _, _ in lx.places]
        for word, alone, longest in lx.places:
            m = re.fullmatch(rf"(.{{2,{longest}}}?){word}(.*)", rest)
            if m is None or lx.stop.search(m.group(1)) or lx.plural.search(m.group(1)):
                continue
            if re.search(r"[区市县省州和街乡镇]", m.group(1)) or lx.place_not.search(m.group(1)):
                continue
            if any(m.group(1).endswith(w) for w in words):
                continue  # 苏木镇: the two kinds of township together, no name
            place = m.group(1) + word
            tail = m.group(2)
            if not tail:
                name = gov_name(ctx, sub) + m.group(1) + alone
                return Parsed(name, org_type(name), explicit, "place")
            if tail in _own_body_tails(word, alone):  # 团泽镇人民政府, 高坪街道办事处, 白沙镇政府
                name = gov_name(ctx, sub) + m.group(1) + alone
                return Parsed(name, org_type(name), explicit)
            inner = _core(ctx, tail, sub, True, False)
            if inner is not None and inner.type in (
                "MediationCommittee",
                "MediationOrganization",  # 中塘镇老街坊调解工作室: a named room of the town
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
        and not lx.generic.fullmatch(m.group(1))  # 人民调解室: the kind of room, not a named one
    ):
        if lx.strip.match(m.group(1)):
            return None
        t = org_type(rest)
        station = t == "PublicSecurity" and rest.endswith("派出所")
        base = d if explicit and d is not None else ctx.division
        branch = police_branch(ctx, base, _written_short(ctx, d, written)) if station and base else None
        if branch and base is not None and base.level == "county":  # 五马派出所 -> 温州市公安局鹿城区分局五马派出所
            name = branch + rest
        elif explicit and d is not None:
            name = written or gov_name(ctx, d) + rest
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
            and not lx.common_end.search(rest)
            and not lx.level_word.match(core)
        ):
            name = gov_name(ctx, d) + rest
            return Parsed(name, org_type(name), True)
    return None


def _written_short(ctx: ReportContext, d: Division | None, written: str) -> bool | None:
    """Whether a division was written by its short name (南明公安分局); None when no
    division name was written (区公安分局, 公安分局)."""
    if d is None or not written:
        return None
    return not written.startswith(gov_name(ctx, d))


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
    if not party and lx.activity.search(s):  # 模拟法庭: an activity that ends like a body
        return None
    police = re.fullmatch(r"公安(.{2,8})分局", s)  # 公安盘龙分局: the city's branch in the district
    if police:
        hit = [d for ln, d in _divisions_prefix(ctx, police.group(1)) if ln == len(police.group(1))]
        if hit and hit[0].level == "county":
            name = police_branch(ctx, hit[0], not police.group(1).startswith(hit[0].name))
            return Parsed(name, org_type(name), True) if name else None
    # explicit division names
    for ln, d in _divisions_prefix(ctx, s):
        branch = _branch(ctx, d, s[ln:])
        if branch is not None:
            return branch
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
        d = _level(ctx, kind, word)
        if d is None:
            continue
        got = _core(ctx, s[len(word) :], d, True, party)
        if got is not None:
            if not party and not got.via and surface_starts_with(surface, word):
                got.via, got.marker = "marker", word
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


def _branch(ctx: ReportContext, d: Division, rest: str) -> Parsed | None:
    """A department's branch in one of its districts written out in full after the
    department's division (上海市公安局闵行分局, 吴忠市公安局利通区分局, 北京市生态环境局朝阳分局):
    the whole written name, police branches in the dev form (municipality: short district name)."""
    m = re.fullmatch(r"(.{1,12}?局)(.{2,8}?)分局", rest)
    if m is None:
        return None
    sub = [x for ln, x in _divisions_prefix(ctx, m.group(2)) if ln == len(m.group(2))]
    if not sub or sub[0].level != "county" or sub[0].parent is None:
        return None
    if not ctx.divisions.is_within(sub[0], d) or sub[0].code == d.code:
        return None
    dept = _core(ctx, m.group(1), d, True, False)
    if dept is None or not dept.name:
        return None
    name = dept.name + m.group(2) + "分局"
    if dept.type == "PublicSecurity":
        name = police_branch(ctx, sub[0], not m.group(2).startswith(sub[0].name)) or name
    return Parsed(name, org_type(name), True)


def surface_starts_with(surface: str, word: str) -> bool:
    return re.sub(r"\s+", "", surface or "").startswith(word)


def _own_body_tails(word: str, alone: str) -> set[str]:
    """What may follow a place word and still name the place's own body: 镇 + 人民政府/政府,
    街道 + 办事处/办."""
    own = alone[len(word) :] if alone.startswith(word) else alone
    tails = {own}
    if own.endswith("人民政府"):
        tails.add(own.removesuffix("人民政府") + "政府")
    if own.endswith("办事处"):
        tails.add(own.removesuffix("办事处") + "办")
    return {t for t in tails if t}


def resolve(ctx: ReportContext, surface: str) -> tuple[str, str] | None:
    """(full official name, type) for a surface form such as 区法院, 市司法局, 我局, 区政府,
    黑庄户乡人民调解委员会 or 省高院; None if it is not an organization."""
    got = parse(ctx, surface)
    if got is None or not got.name:
        return None
    return got.name, got.type


# ---------------------------------------------------------------- scanning a report


# an honor verb, optionally with the scope of the honor (评为全省“…”), right before a quote
_HONOR_BEFORE_QUOTE = re.compile(
    r"(评为|获评|荣获|授予|确认为|命名为|入选|获得)(?:全国|全省|全市|全区|全县|全州|全旗|全自治区|[国省市区县]级|国家级|自治区级)?$"
)


def _in_title(text: str, start: int, end: int) -> bool:
    """Inside quotes right after an honor verb (评为全省“…”), or followed by 称号: a title, not a body."""
    before = text[max(0, start - 12) : start]
    q = before.rfind("“")
    if q >= 0 and "”" not in before[q:] and _HONOR_BEFORE_QUOTE.search(before[:q]):
        return True
    return bool(re.match(r"”?(称号|荣誉)", text[end : end + 3]))


def find_mentions(
    ctx: ReportContext, text: str, offset: int = 0, organizer: bool = False
) -> list[tuple[int, int, Parsed]]:
    """Organization mentions in ``text`` as (start, end, parsed), non-overlapping, longest first.
    ``organizer``: also a body that only organized something (市司法局组织的检查), which is
    named but is neither actor nor recipient of the sentence."""
    lx = lexicon()
    found: list[tuple[int, int, Parsed]] = []
    ends_seen: set[tuple[int, int]] = set()
    for m in lx.anchor.finditer(text):
        a = m.start()
        for b in _anchor_ends(text, a, m.group(1)):
            if (a, b) in ends_seen:
                continue
            ends_seen.add((a, b))
            if lx.after.match(text, b) and not (organizer and text.startswith("组织的", b)):
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
            owner = ""  # 盛泽镇依托纺织品交易市场人民调解委员会: the place that runs the body
            for v in lx.strip.finditer(run):
                if v.end() > v.start():
                    cut = v.end()
                    owner = _owner_place(ctx, text, r, run[: v.start()])
            if cut is not None:
                r += cut
            quoted = _quoted_name(ctx, text, a, b)
            if quoted is not None:
                found.append((quoted[0] + offset, b + offset, quoted[1]))
                continue
            # 示范区律师调解工作室: a cut inside a title word (示范) opens no name
            inside = {p for t in lx.title.finditer(text, max(0, r - 4), a) for p in range(t.start() + 1, t.end())}
            for k in range(a - r, -1, -1):
                if a - k in inside:
                    break
                s = text[a - k : b]
                got = parse(ctx, s)
                if got is None:
                    continue
                if got.via == "place" and any(lx.place_lead.search(text, 0, p) for p in range(a - k + 1, a)):
                    continue  # 其中王台镇: 中 ends the word before, it opens no name
                if got.via == "place" and lx.located.search(text, max(0, a - k - 40), a - k):
                    break  # 在滇源街道、阿子营街道等地开展: a location, not a body
                if s.endswith("科") and lx.person_after.match(text, b):
                    break  # 我局公共法律服务科科长: the section only qualifies a person
                if lx.plural.search(text[max(0, a - k - 3) : a - k]) and not lx.self_rx.fullmatch(s):
                    break
                if lx.title.search(s) or _in_title(text, a - k, b):
                    break
                if got.via == "place" and not got.explicit and a - k > 0:
                    c = text[a - k - 1]
                    if not (lx.stop.match(c) or c == "和" or lx.place_lead.search(text, 0, a - k)):
                        continue
                if not got.explicit and lx.generic.search(text, max(0, a - k - 4), a - k):
                    break  # 人民检察院 written in full and alone: the institution in general
                if not got.explicit and a - k > 0 and any(w == text[a - k - 1] for w, _ in lx.markers):
                    break  # 区法院 in a 县 report: a level marker that is not ours, not our own body
                if got.via == "place" and lx.place_after.match(text, b):
                    break  # 平房乡人民调解员, 转塘街道长埭村: the place qualifies a person or village
                if got.via == "marker" and lx.glue.search(text[max(0, a - k - 4) : a - k + len(got.marker)]):
                    continue  # 自贸区国际人才服务中心: 区 ends a word, it is no level marker
                if owner and a - k == r and not got.explicit and got.type in _PLACE_BODIES:
                    got = Parsed(gov_name(ctx, ctx.division) + owner + s, got.type, True) if ctx.division else got
                found.append((a - k + offset, b + offset, got))
                break
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, Parsed]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda x: x[0])


_PLACE_BODIES = ("MediationCommittee", "MediationOrganization", "LegalServiceCenter")


def _owner_place(ctx: ReportContext, text: str, start: int, head: str) -> str:
    """``head`` when it is a bare sub-district place opening its clause (盛泽镇 in 盛泽镇依托…):
    the body named after the verb is that place's own."""
    if start > 0 and not (lexicon().stop.match(text[start - 1]) or text[start - 1] == "\n"):
        return ""
    got = parse(ctx, head) if head else None
    return head if got is not None and got.via == "place" and not got.explicit else ""


def _quoted_name(ctx: ReportContext, text: str, a: int, b: int) -> tuple[int, Parsed] | None:
    """A named body whose proper name is quoted before its kind (“渔家老舅”调解室): the start of
    the surface and the body named without quotes."""
    lx = lexicon()
    m = re.search(r"“([\u4e00-\u9fff·]{2,10})”$", text[max(0, a - 13) : a])
    if m is None or not lx.named.fullmatch(m.group(1) + text[a:b]) or _in_title(text, a - len(m.group()), b):
        return None
    if lx.title.search(m.group(1)) or lx.model_lead.search(text, max(0, a - len(m.group()) - 4), a - len(m.group())):
        return None  # 推广“老支书”调解室: a model spread to many places, not one body
    name = m.group(1) + text[a:b]
    got = parse(ctx, name)
    if got is None and org_type(name) in ("MediationOrganization", "Other"):  # 拓东和事堂: 和 inside a quoted name
        got = Parsed(name, org_type(name), False)
    if got is None or got.explicit:
        return None
    return a - len(m.group()), got


def _anchor_ends(text: str, a: int, first: str) -> list[int]:
    """Possible ends of a core starting at ``a``: the longest anchor match and each shorter
    alternative ending (so 区委常委会 and 区委 are both tried)."""
    ends = {a + len(first)}
    for rx in lexicon().cores:
        for m in [rx.match(text, a)]:
            if m and m.end() > a:
                ends.add(m.end())
    return sorted(ends, reverse=True)


def _listed_departments(ctx: ReportContext, text: str, offset: int = 0) -> list[tuple[int, int, Parsed]]:
    """Department short names in a list closed by a generic noun (公安、人社等10个部门): each is
    the report's own department. A list with any item that is not a known short name is skipped."""
    lx = lexicon()
    out: list[tuple[int, int, Parsed]] = []
    if ctx.division is None:
        return out
    for m in lx.list_rx.finditer(text):
        pos = m.start(1)
        for item in re.split(r"[、,，和及与]", m.group(1)):
            got = _core(ctx, lx.shorts[item], ctx.division, True, False)
            if got is not None:
                out.append((pos + offset, pos + len(item) + offset, got))
            pos += len(item) + 1
    return out


def _agents(ctx: ReportContext, text: str, offset: int = 0) -> list[tuple[int, int, Parsed]]:
    """A bare higher level acting on the report's place (被自治区列为, 被省确定为): its government."""
    lx = lexicon()
    out: list[tuple[int, int, Parsed]] = []
    for m in lx.agent_rx.finditer(text):
        word = m.group(1)
        kind = next((k for w, k in lx.markers if w == word), "")
        d = _level(ctx, kind, word)
        if d is None or d.code == (ctx.division.code if ctx.division else None):
            continue
        name = gov_name(ctx, d) + lx.agents[word]
        out.append((m.start(1) + offset, m.end(1) + offset, Parsed(name, org_type(name), True)))
    return out


def _children(ctx: ReportContext) -> list[Division]:
    """The divisions directly under the report's own (the counties and districts of a city)."""
    d = ctx.division
    if d is None or d.level == "county":
        return []
    return [c for c in ctx.divisions.by_code.values() if c.parent == d.code]


_ITEM_NUMBER = re.compile(
    r"(?:^|\n)\s*(?:\d{1,2}\s*[.．、]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是])\s*$"
)


def _acting_subunits(
    ctx: ReportContext, text: str, children: list[Division], offset: int = 0
) -> list[tuple[int, int, Parsed]]:
    """A lower division named alone as the actor of a clause (乐清市围绕…开展…, 瑞安市整合…) in
    the report of its parent: its people's government, as a 街乡 that acts stands for its
    街道办事处 or 乡人民政府. Not when it qualifies what follows (X市的, X市各乡镇, X市群众),
    is listed (X市、Y市) or is honored (X市荣获)."""
    lx = lexicon()
    out: list[tuple[int, int, Parsed]] = []
    for c in children:
        for m in re.finditer(re.escape(c.name), text):
            a, b = m.span()
            lead = text[a - 1] if a > 0 else "。"
            numbered = _ITEM_NUMBER.search(text, 0, a)  # 1. 巩义市创新…: an item opens the clause
            if not (lead in "。，,；;：:！？\n" or numbered or lx.place_lead.search(text, 0, a)):
                continue
            nxt = text[b : b + 1]
            if not nxt or not re.match(r"[\u4e00-\u9fff]", nxt) or nxt in "、和与及的等之":
                continue
            if lx.place_after.match(text, b) or lx.honor_verb.match(text, b) or lx.plural.match(nxt):
                continue
            name = gov_name(ctx, c) + "人民政府"
            out.append((a + offset, b + offset, Parsed(name, org_type(name), True)))
    return out


def _honored_place(text: str, end: int) -> bool:
    """A bare place right before an honor verb (来广营乡成功创建为国家卫生乡) is the place honored."""
    return bool(lexicon().honor_verb.match(text, end))


def extract(ctx: ReportContext) -> list[Organization]:
    text = ctx.doc.text
    by_name: dict[str, Organization] = {}
    acting: set[str] = set()  # places that act somewhere in the report, not only receive honors
    children = _children(ctx)
    for sent in ctx.sentences:
        chunk = text[sent.start : sent.end]
        hits = find_mentions(ctx, chunk, sent.start, organizer=True)
        extra = _listed_departments(ctx, chunk, sent.start) + _agents(ctx, chunk, sent.start)
        extra += _acting_subunits(ctx, chunk, children, sent.start)
        hits += [e for e in extra if all(e[1] <= h[0] or e[0] >= h[1] for h in hits)]
        hits.sort(key=lambda h: h[0])
        for start, end, got in hits:
            surface = text[start:end]
            if got.via == "place":
                if _honored_place(text, end):
                    if got.name not in acting and got.name not in by_name:
                        continue
                else:
                    acting.add(got.name)
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
    # a quoted room spread somewhere as a model (推广“老支书”调解室) is a model wherever it is named
    lead = lexicon().model_lead.pattern.replace("$", "")
    return [
        o
        for o in by_name.values()
        if not any(
            m.startswith("“") and re.search(f"(?:{lead}){re.escape(m.split('”')[0])}”", text) for m in o.mentions
        )
    ]
