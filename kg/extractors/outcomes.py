"""Outcomes: every figure about the work or results of the year covered.

A figure is a number with the unit written after it (``ontology/units.tsv``, parsed by
``kg/numbers.py``). Numbers that are not outcomes are dropped by rules kept as data in
``ontology/outcome_rules.tsv``: dates and years (their unit words are of kind
``exclude``), document numbers, numbers inside quotes, brackets or names (1+3+5, 7*24,
12348热线), ordinals and streaks (第一, 首次, 连续五年), thresholds (5万元以上大额处罚),
figures of the next year's plan (sections of kind ``plan``) and figures of other years
(unless a comparison base: 上年结转, 同比).

``办复率、满意率均为100%`` and ``召开A、B会议各2次`` give one outcome per listed item.
``受理45、不予受理5`` (numbers without a unit in a list) take the unit of the figure
that the list details.

The subject (rules in ``outcome_rules.tsv``): within the figure's clause group (from the
last ；), the cue nearest before the figure wins: an organization named as the actor
(not an object after 对/向/通过…, nor later in a list such an object opens, nor inside
quotes or brackets, nor qualifying a noun: 人大建议, 区政府门户网站, 114件区政府…) or a
clause opening with 全区/我区, the jurisdiction's name, 区委区政府 or plural actors
(各部门, 行政机关负责人) -> the jurisdiction. 协助 X 召开… gives X for that clause only.
Without a cue in the clause, a count of the jurisdiction's own units (7个执法部门,
对全区61个单位) makes it the jurisdiction's. Then: the parent jurisdiction for 全市平均;
the government for its own legal work (复议, 规范性文件, 人大建议 …) when the report
speaks for the whole jurisdiction; the subject of the previous figure of the sentence;
the previous sentence's actor when the sentence continues it (共…, 其中…); otherwise
the report's default voice: the publisher of a department's own report, the
jurisdiction for a report that speaks for the whole jurisdiction.
Also: cases against the publisher (以县政府为被告) win over 全县; a change (比上年减少)
follows the figure before it; the host of a meeting (在区委依法治区委第N次会议上) acts after
it; 该调解室/该中心 is the last body of that kind named; 政府法律顾问 work is the
government's; a sentence after ； opening with a bare verb or a rate takes the previous
sentence's actor even when that sentence has no figure.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..context import ReportContext
from ..model import Outcome, Sentence
from ..numbers import Quantity, find_quantities
from ..resources import read_tsv

_CLAUSE_SEP = re.compile(r"[，,；;。！？!?：:\n]")
_QUOTES = (("“", "”"), ("《", "》"), ("〔", "〕"), ("[", "]"), ("【", "】"), ('"', '"'), ("「", "」"))
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-—~～至到]\s*(?:(?:19|20)\d{2}))?\s*年(?!度)")
_BARE_END = re.compile(r"^(?:[、，,；;。）)]|$)")
_OPENING = re.compile(r"^\s*(?:(?:19|20)\d{2}年(?:度)?|全年|年内|目前|同时|此外|其中|[，,])*")
_MODIFIED = re.compile(r"(?:\d|[件项个名家条份次类批])$")
_ORG_SHORT = re.compile(
    r"(?:[区县市]委?|[我本])[\u4e00-\u9fff]{0,8}?(?:局|委员会|办公室|编办|办|中心|法院|检察院|政府|工作站|所)"
)


@lru_cache(maxsize=1)
def rules() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in read_tsv("outcome_rules.tsv"):
        out.setdefault(r["kind"], []).append(r["pattern"])
    return out


@cache
def _rx(kind: str) -> re.Pattern[str] | None:
    pats = rules().get(kind)
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None


def _search(kind: str, text: str) -> bool:
    rx = _rx(kind)
    return bool(rx and rx.search(text))


def _inside_quotes(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a “…”, 《…》 or 〔…〕 pair of ``text``."""
    for left, right in _QUOTES:
        if left == right:
            if text.count(left, 0, pos) % 2 == 1:
                return True
            continue
        if text.rfind(left, 0, pos) > text.rfind(right, 0, pos):
            return True
    return False


def _clause_bounds(text: str, pos: int, end: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_SEP.finditer(text, 0, pos):
        start = m.end()
    m = _CLAUSE_SEP.search(text, end)
    return start, (m.start() if m else len(text))


def _name_spans(text: str) -> list[tuple[int, int]]:
    rx = _rx("name")
    return [m.span() for m in rx.finditer(text)] if rx else []


def _is_candidate(s: str, q: Quantity, names: list[tuple[int, int]], year: int | None) -> bool:
    """Whether the quantity ``q`` of sentence text ``s`` may be an outcome."""
    if q.kind == "exclude":
        return False
    chinese = not re.match(r"\d", q.number)
    if chinese and not q.unit and q.kind != "fraction":
        return False
    if chinese and q.value == 1 and not q.approx:
        return False  # 一个, 一项: descriptive, not a count worth reporting
    before, after = s[: q.start], s[q.end :]
    rx = _rx("skip_before")
    if rx and rx.search(before):
        return False
    rx = _rx("skip_after")
    if rx and rx.search(after):
        return False
    if _inside_quotes(s, q.num_start):
        return False
    if chinese:
        if any(a < q.end and q.num_start < b for a, b in names):
            return False
        rx = _rx("skip_before_cn")
        if rx and rx.search(s[: q.num_start]):
            return False
        rx = _rx("cn_name_unit")
        if rx and rx.search(q.unit) and after[:1] and _CJK.match(after[:1]):
            return False
    if q.kind == "bare":
        if not before or not _CJK.match(before[-1]) or not _BARE_END.match(after):
            return False
        if 1900 <= q.value <= 2100 and q.value.is_integer():
            return False
    # a figure of another year (2019年…51本) unless a comparison base or running total
    cstart, cend = _clause_bounds(s, q.num_start, q.end)
    clause_before = s[cstart : q.num_start]
    if year:
        for m in _YEAR.finditer(clause_before):
            if int(m.group(1)) != year and not _search("other_ok", s[cstart:cend]):
                return False
    return True


_EACH = re.compile(r"(均|各)(?:为|是|达|达到|同比增长|同比下降|同比上升|同比减少|增长|下降)?(?:了)?$")


def _list_items(s: str, q: Quantity) -> list[str]:
    """The listed items a 均/各 figure stands for: 办复率、满意率均为100% ->
    [办复率, 满意率]; one empty item for any other figure."""
    cstart, _ = _clause_bounds(s, q.num_start, q.end)
    head = s[cstart : q.start]
    m = _EACH.search(head)
    if not m:
        return [""]
    items = [it.strip(" “”") for it in head[: m.start()].split("、")]
    if len(items) < 2 and cstart > 0:
        # 办理人大代表建议213件、政协委员提案186件，办复率均为100%: one rate per figure listed before
        pstart, _ = _clause_bounds(s, cstart - 1, cstart - 1)
        listed = s[pstart : cstart - 1].split("、")
        if len(listed) >= 2 and all(re.search(r"\d\S{0,3}$", x) for x in listed):
            own = head[: m.start()].strip(" “”")
            return [_strip_fillers(re.sub(r"[\d.]+\S{0,3}$", "", x)) + own for x in listed]
    if len(items) < 2:
        return [""]
    # a shared tail noun after the last item (区委依法治区委、区委依法治区办会议): keep it on every item
    items[0] = _strip_fillers(items[0])
    return items


def _strip_fillers(text: str) -> str:
    text = re.sub(r"^\s*(?:(?:19|20)\d{2}年(?:度)?|\d{1,2}月(?:份)?)[，,]?", "", text)
    for p in rules().get("filler", []):
        text = re.sub(p, "", text)
    return text.strip(" 、“”")


def _indicator(s: str, q: Quantity, prev_end: int) -> str:
    """What is counted, in the report's words: the clause up to the figure (from the
    previous figure of the clause on), or with the words after it when that is too short
    (组织61名党政主要负责人作书面述法报告)."""
    cstart, cend = _clause_bounds(s, q.num_start, q.end)
    head = _strip_fillers(s[max(cstart, prev_end) : q.start])
    head = re.sub(r"^(?:对|向|为|在|将|把|组织|推动|细化)(?=.)", "", head) if len(head) > 4 else head
    tail = s[q.end : cend]
    tail = "" if tail.startswith("、") else re.sub(r"^(?:的|共计|共|均|已|全部)", "", tail.strip())
    tail = re.split(r"[、]|\d", tail, maxsplit=1)[0]
    if len(_CJK.findall(head)) >= 5 or not tail:
        return head or tail
    return (head + tail).strip()


class _Subjects:
    """Decides the subject of a figure from the sentence it is in."""

    def __init__(self, ctx: ReportContext):
        self.ctx = ctx
        meta = ctx.meta
        self.jurisdiction = meta.jurisdiction
        # the level word a report uses for itself: 全区/全县/全旗/全市 (a county-level city too)
        self.level_char = {"county": "区", "city": "市", "province": "省"}.get(ctx.division.level, "区")
        if ctx.division.level == "county" and ctx.division.name[-1] in "县旗市":
            self.level_char = ctx.division.name[-1]
        parents = ctx.parents()
        self.government = self._government(ctx.division.full_name, parents)
        self.parent = parents[0].full_name if parents else ""
        pub = meta.publisher or ""
        title = meta.title or ""
        short_pub = pub
        for d in [ctx.division, *parents]:
            for name in (d.full_name, d.name):
                if name and short_pub.startswith(name):
                    short_pub = short_pub[len(name) :]
        own_voice = bool(pub) and not pub.endswith("人民政府") and (short_pub in title or "我局" in ctx.text)
        self.default = pub if own_voice else self.jurisdiction
        self.own_voice = own_voice
        short = re.sub(r"(?:区|县|市)$", "", ctx.division.name)
        pats = [
            p.replace("{self}", self.level_char).replace("{name}", re.escape(ctx.division.name))
            for p in rules().get("jurisdiction", [])
        ]
        if len(short) >= 2:
            pats.append(re.escape(short) + r"(?=全区|区域|辖区)")
        self.jur_rx = re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None
        plural = [p.replace("{self}", self.level_char) for p in rules().get("plural_actor", [])]
        self.plural_rx = re.compile("|".join(f"(?:{p})" for p in plural)) if plural else None
        self.mentions = self._mentions()
        self.before = ""  # the report's text before the current sentence (for 该调解室)

    @staticmethod
    def _government(full_name: str, parents: list) -> str:
        """The people's government of the jurisdiction, named from the prefecture-level
        city down (from the province-level unit for a municipality or a province)."""
        if not full_name:
            return ""
        province = next((d for d in parents if d.level == "province"), None)
        if province and not province.name.endswith("市") and full_name.startswith(province.name):
            full_name = full_name[len(province.name) :]
        return full_name + "人民政府"

    def _mentions(self) -> list[tuple[str, str]]:
        """(surface, full name) pairs of organizations, longest surface first."""
        out: dict[str, str] = {}
        for org in self.ctx.organizations or []:
            for m in [*getattr(org, "mentions", []), org.name]:
                if m and len(m) >= 2 and m not in out:
                    out[m] = org.name
        lc = self.level_char
        out.setdefault("我局", self.ctx.meta.publisher)
        out.setdefault("本局", self.ctx.meta.publisher)
        for s in (f"{lc}政府", f"{lc}人民政府"):
            out.setdefault(s, self.government)
        return sorted(out.items(), key=lambda kv: len(kv[0]), reverse=True)

    def resolve(self, surface: str) -> str | None:
        try:
            from . import organizations

            hit = organizations.resolve(self.ctx, surface)  # type: ignore[attr-defined]
            if hit:
                return hit[0]
        except (ImportError, AttributeError):
            pass
        return dict(self.mentions).get(surface)

    def _is_object(self, before: str) -> bool:
        """Whether a name after ``before`` is an object: right after an object marker
        (对, 向, 配合 …) or later in a list that one introduces (分别向市政府、区人大常委会)."""
        obj = _rx("object_mark")
        if not obj:
            return False
        if obj.search(before):
            return True
        m = re.search(r"[、和及与]$", before)
        if not m:
            return False
        tail = re.search(r"[^，,；;。：:\n]{1,40}$", before)
        lead = _rx("object_lead")
        return bool(tail and lead and lead.search(tail.group()))

    def actors(self, prefix: str) -> list[tuple[int, int, str, bool]]:
        """(start, end, full name, assisted) of every organization named as an actor in
        ``prefix`` (assisted: 协助区委依法治区委召开会议, the body helped is the actor of
        its clause only): not an object (对, 向, 配合 …), not inside quotes or brackets, not qualifying the
        counted things (114件区政府重大行政决策, 人大建议, 区政府门户网站)."""
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, int, str, bool]] = []
        surfaces = [sf for sf, _ in self.mentions]
        # short forms the organizations extractor may resolve (区委编办, 区公法中心)
        surfaces += sorted({m.group() for m in _ORG_SHORT.finditer(prefix)} - set(surfaces), key=len, reverse=True)
        qualifier, modifier = _rx("qualifier_after"), _rx("modifier_after")
        role, role_after = _rx("capacity_before"), _rx("capacity_after")
        capacity: set[int] = set()  # 我局承担区委依法治区办日常工作: acting as that body
        assist, assist_verb = _rx("assist_before"), _rx("assist_after")
        for surface in surfaces:
            if surface not in prefix:  # cheap test first: most bodies are not in this clause
                continue
            for m in re.finditer(re.escape(surface), prefix):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                before, after = prefix[: m.start()], prefix[m.end() :]
                if _inside_quotes(prefix, m.start()) or _inside_parens(prefix, m.start()):
                    continue
                helped = bool(assist and assist.search(before) and assist_verb and assist_verb.match(after))
                if role and role.search(before) and role_after and role_after.match(after):
                    capacity.add(m.start())
                elif not helped and self._is_object(before):
                    continue
                if after.startswith(("为被", "的", "和", "、", "等")) or (qualifier and qualifier.match(after)):
                    continue
                if _MODIFIED.search(before):
                    continue  # 114件区政府重大行政决策: the body qualifies the counted things
                if modifier and modifier.match(after):
                    continue  # 承接区法院委派的案件: the body is inside a modifier of the counted things
                name = self.resolve(surface)
                if name:
                    found.append((m.start(), m.end(), name, helped))
        found += [f for f in self.anaphor(prefix) if not any(a < f[1] and f[0] < b for a, b in taken)]
        return _first_per_clause(prefix, sorted(found), capacity)

    def founded(self, prefix: str) -> list[tuple[int, str, str]]:
        """A body set up in the sentence (设立“贺姐调解室”，…，全年化解纠纷230余件): it acts in the
        clauses after the one that founds it."""
        rx = _rx("founded_before")
        out: list[tuple[int, str, str]] = []
        if not rx:
            return out
        for org in self.ctx.organizations or []:
            if org.type not in _FOUNDED_TYPES:
                continue
            for sf in {*getattr(org, "mentions", []), org.name}:
                for m in re.finditer(re.escape(sf), prefix):
                    if not rx.search(prefix[: m.start()]):
                        continue
                    nxt = _CLAUSE_SEP.match(prefix, m.end() + prefix.startswith(("”", '"'), m.end()))
                    if nxt:  # one body founded, not one of a list of brands (“A”“B”等)
                        out.append((nxt.end(), org.name, "actor"))
        return out

    def host(self, prefix: str) -> str | None:
        """The body whose meeting the sentence is set in (在区委全面依法治区委员会第五次会议上，组织…):
        it acts in the clauses after it."""
        rx = _rx("host_after")
        if not rx:
            return None
        for surface, name in self.mentions:
            if surface not in prefix:
                continue
            for m in re.finditer(re.escape(surface), prefix):
                if prefix[: m.start()].endswith("在") and rx.match(prefix[m.end() :]):
                    return self.resolve(surface) or name
        return None

    def anaphor(self, prefix: str) -> list[tuple[int, int, str, bool]]:
        """该调解室, 该工作室, 该中心: the last body named before with that kind."""
        rx = _rx("anaphor")
        out: list[tuple[int, int, str, bool]] = []
        if not rx:
            return out
        for m in rx.finditer(prefix):
            kind = m.group(1) if m.lastindex else m.group()[1:]
            text = self.before + prefix[: m.start()]
            best, best_pos = "", -1
            for org in self.ctx.organizations or []:
                if not org.name.endswith(kind):
                    continue
                for sf in [*getattr(org, "mentions", []), org.name]:
                    pos = text.rfind(sf)
                    if pos > best_pos:
                        best, best_pos = org.name, pos
            if best:
                out.append((m.start(), m.end(), best, False))
        return out

    def actor(self, prefix: str) -> str | None:
        """The first organization named as the actor in ``prefix``."""
        found = self.actors(prefix)
        return found[0][2] if found else None

    def _jurisdiction_cues(self, text: str) -> list[tuple[int, int]]:
        """Spans in ``text`` that make the figure the whole jurisdiction's: a clause
        opening with 全区/我区, with the jurisdiction's name, with 区委区政府 acting
        together or with plural actors (各街乡、各部门…, 行政机关负责人)."""
        out: list[tuple[int, int]] = []
        pos = 0
        for clause in re.split(r"(?<=[，,：:])", text):
            opening = _OPENING.sub("", clause)
            skip = len(clause) - len(opening)
            for rx in (self.jur_rx, self.plural_rx):
                m = rx.match(opening) if rx else None
                if m:
                    out.append((pos + skip, pos + skip + m.end()))
                    break
            pos += len(clause)
        return out

    def _counts_units(self, s: str, q: Quantity, cstart: int) -> bool:
        """A count of the jurisdiction's own units in the clause up to the figure
        (动态调整7个执法部门, 对全区61个单位, 30多家区属行政机关), not one after an
        object marker (对12家单位研提意见)."""
        rx = _rx("plural_unit")
        if not rx:
            return False
        for other in find_quantities(s[cstart : q.end]):
            if other.kind != "count" or not rx.match(s[cstart + other.end :]):
                continue
            before = s[cstart : cstart + other.start]
            whole = bool(self.jur_rx and re.search(f"(?:{self.jur_rx.pattern})$", before))
            if whole or not self._is_object(before):
                return True
        return False

    def subject(self, s: str, q: Quantity, topic_text: str, previous: str = "") -> tuple[str, str]:
        """(subject, how it was found: parent | actor | assisted | jurisdiction | publisher |
        topic | previous | default). The cue nearest before the figure wins: an organization acting in its
        clause or, after a ；, in the clauses before; 全区/我区 or plural actors."""
        cstart, cend = _clause_bounds(s, q.num_start, q.end)
        head = s[cstart : q.num_start]
        if _search("parent", head) and self.parent:
            return self.parent, "parent"
        scope = max(s.rfind("；", 0, cstart), s.rfind(";", 0, cstart)) + 1
        prefix = s[scope : q.num_start]
        local = cstart - scope
        spans = self._jurisdiction_cues(prefix)
        rate = _rx("agency_rate")
        spans += [m.span() for m in rate.finditer(prefix)] if rate else []
        acts = [a for a in self.actors(prefix) if not a[3] or a[0] >= local]
        # 朝阳区市场监管局: the jurisdiction's name begins an organization's name
        spans = [(a, b) for a, b in spans if not any(p <= a and e > b for p, e, _, _ in acts)]
        cues = [(a, self.jurisdiction, "jurisdiction") for a, _ in spans]
        cues += [
            (p, name, "assisted" if helped else "actor")
            for p, _, name, helped in acts
            if not any(a <= p < b for a, b in spans)
        ]
        cues += self.founded(prefix)
        cues.sort(key=lambda c: c[0])
        in_clause = [c for c in cues if c[0] >= local]
        publisher_case = _search("publisher_cue", head) and bool(self.ctx.meta.publisher)
        if publisher_case and not any(c[2] != "jurisdiction" for c in in_clause):
            return self.ctx.meta.publisher, "publisher"  # 全县共审理以县政府为被告的案件: its own cases
        if in_clause:
            return in_clause[-1][1], in_clause[-1][2]
        if previous and _search("change", head):
            return previous, "previous"  # 比上年减少6件: the change of the figure before it
        host = self.host(prefix)
        if host:
            return host, "actor"
        if self._counts_units(s, q, cstart):
            return self.jurisdiction, "jurisdiction"
        if cues:
            return cues[-1][1], cues[-1][2]
        if scope and any(a == 0 for a, _ in self._jurisdiction_cues(s[:scope])):
            return self.jurisdiction, "jurisdiction"
        if self.own_voice and _search("gov_work", s[:cend]):
            return self.government, "topic"  # 政府法律顾问 work is the government's in any voice
        if not self.own_voice and _search("gov_topic", topic_text):
            return self.government, "topic"
        if previous:
            return previous, "previous"
        return self.default, "default"


_FOUNDED_TYPES = ("MediationOrganization", "MediationCommittee", "LegalServiceCenter")


def _first_per_clause(
    prefix: str, found: list[tuple[int, int, str, bool]], capacity: frozenset[int] | set[int] = frozenset()
) -> list[tuple[int, int, str, bool]]:
    """The first actor of each clause (and any body helped by 协助): a body named later in
    the same clause follows the actor's verb and is its object (区司法局全年审查区政府…). A body
    whose work the actor takes on (承担区委依法治区办日常工作) replaces it."""
    out: list[tuple[int, int, str, bool]] = []
    first: dict[int, int] = {}  # clause start -> index in out of its actor
    for f in found:
        clause = max((m.end() for m in _CLAUSE_SEP.finditer(prefix, 0, f[0])), default=0)
        if f[3]:
            out.append(f)
        elif clause not in first:
            first[clause] = len(out)
            out.append(f)
        elif f[0] in capacity:
            out[first[clause]] = f
    return out


def _inside_parens(text: str, pos: int) -> bool:
    return max(text.rfind("(", 0, pos), text.rfind("（", 0, pos)) > max(
        text.rfind(")", 0, pos), text.rfind("）", 0, pos)
    )


def _evidence(s: Sentence, q: Quantity) -> tuple[int, int]:
    cstart, cend = _clause_bounds(s.text, q.num_start, q.end)
    start, end = s.start + cstart, s.start + cend
    return start, end


def _dice(a: str, b: str) -> float:
    """Character-bigram Dice similarity of two indicator phrases."""
    ga = [a[i : i + 2] for i in range(len(a) - 1)] or [a]
    gb = [b[i : i + 2] for i in range(len(b) - 1)] or [b]
    pool, common = list(gb), 0
    for g in ga:
        if g in pool:
            pool.remove(g)
            common += 1
    return 2 * common / (len(ga) + len(gb)) if a and b else 0.0


def _repeats(new: tuple[float, str, str], old: tuple[float, str, str]) -> bool:
    """A figure stated again (a 专题 repeating the 总报告): same value and unit, and
    either a distinctive value or the same indicator."""
    if new[:2] != old[:2]:
        return False
    value, unit = new[0], new[1]
    distinctive = (value >= 1 and not float(value).is_integer()) or (
        value >= 100 and not (unit in ("%", "％") and value == 100)
    )
    return distinctive or _dice(new[2], old[2]) >= 0.75 or (len(new[2]) >= 4 and (new[2] in old[2] or old[2] in new[2]))


def _is_summary_line(s: str) -> bool:
    """A line of a data summary (合法性审查件数286件): a short label and its figure, no clause."""
    s = s.strip()
    return 0 < len(s) <= 30 and not re.search(r"[，,；;。：:！？!?]", s) and bool(re.search(r"\d\S{0,5}$", s))


def _is_plan(sent: Sentence) -> bool:
    return bool(sent.section and sent.section.kind == "plan")


def _headings(ctx: ReportContext) -> dict[int, str]:
    """id(section) -> its heading with the headings of the sections it lies in."""
    out: dict[int, str] = {}
    stack: list[tuple[int, str]] = []
    for sec in ctx.sections:
        while stack and stack[-1][0] >= sec.level:
            stack.pop()
        out[id(sec)] = " ".join([h for _, h in stack] + [sec.heading])
        if sec.heading:
            stack.append((sec.level, sec.heading))
    return out


def extract(ctx: ReportContext) -> list[Outcome]:
    text = ctx.doc.text
    subjects = _Subjects(ctx)
    headings = _headings(ctx)
    year = ctx.meta.year
    out: list[Outcome] = []
    seen: list[tuple[tuple[float, str, str], int, bool, int]] = []  # key, index in out, summary line, items
    found = ""  # the organization acting in the sentence
    prev_end = 0
    prev_text = ""
    for sent in ctx.sentences:
        s = sent.text
        carry, found = found, ""  # the previous sentence's actor, within a paragraph
        # a clause group after ； that opens with a bare verb and a figure (受理378件) continues
        # the previous group: its actor carries over
        joined = prev_text.rstrip().endswith(("；", ";")) and (
            _search("elliptic", s.strip()) or _search("elliptic_group", s.strip())
        )
        if (joined or _search("continues", s.strip())) and not carry:
            # 区司法局开展监督检查；组织执法人员培训1100人次 / 发挥X作用…。共受理…: its actor goes on
            carry = subjects.actor(prev_text) or ""
        if "\n" in text[prev_end : sent.start] or "\n" in s.strip() or not (joined or _search("continues", s.strip())):
            carry = ""
        prev_end, prev_text = sent.end, s
        subjects.before = text[: sent.start]
        if sent.section and sent.section.kind == "other":
            continue
        if _is_plan(sent) and not _search("plan_fact", s.strip()):
            continue
        if _search("target", s):
            continue
        names = _name_spans(s)
        qs = [q for q in find_quantities(s) if _is_candidate(s, q, names, year)]
        last_unit = ""
        prev_q_end = 0
        last_indicator = ""
        previous = ""  # the subject of the previous figure of the sentence
        section_text = headings.get(id(sent.section), sent.section.heading) if sent.section else ""
        for q in qs:
            unit = q.unit
            if q.kind == "bare":
                after = s[q.end : q.end + 1]
                before = s[max(0, q.start - 8) : q.start]
                in_list = after == "、" or "、" in before
                if in_list and last_unit:
                    unit = last_unit
            elif q.kind in ("count",):
                last_unit = unit
            start, end = _evidence(sent, q)
            clause = text[start:end]
            indicator = _indicator(s, q, prev_q_end)
            prev_q_end = q.end
            cend = _clause_bounds(s, q.num_start, q.end)[1]
            topic = s[:cend] + " " + section_text
            subject, how = subjects.subject(s, q, topic, previous)
            if how == "actor":
                found = subject
            elif carry and (how == "default" or (joined and how == "topic")):
                subject = carry  # 区司法局审核…412件；审核合作协议86份: the actor goes on past a topic
            if how not in ("default", "assisted"):
                previous = subject
            head = s[_clause_bounds(s, q.num_start, q.end)[0] : q.start]
            change = _search("change", head)
            if change and last_indicator and re.fullmatch(rules()["change"][0].rstrip("$"), indicator):
                indicator = last_indicator + indicator  # 审核数量 + 同比增长
            last_indicator = indicator
            key = (q.value, unit, re.sub(r"\W", "", indicator))
            summary = _is_summary_line(s)
            again = next((i for i, old in enumerate(seen) if _repeats(key, old[0])), None)
            if again is not None:
                if not seen[again][2] or summary:
                    continue
                # a figure of a summary table (受理法律援助案件 3127件) told again in the text: the text's statement wins
                first = seen[again][1]
                del out[first : first + seen[again][3]]
                seen = [(k, i - seen[again][3] if i > first else i, sm, n) for k, i, sm, n in seen if i != first]
            items = _list_items(s, q)
            seen.append((key, len(out), summary, len(items)))
            for item in items:
                out.append(
                    Outcome(
                        start=start,
                        end=end,
                        evidence=clause,
                        indicator=item or indicator,
                        value=q.value,
                        unit=unit,
                        approx=q.approx,
                        subject=(subjects.actor(item) if item else None) or subject,
                        change=change,
                    )
                )
    return out
