"""Initiatives: policies, systems, campaigns and branded local practices a report names.

Three sources, all driven by data in ``ontology/``:

* the lexicon (``initiatives.tsv`` via :mod:`kg.lexicon`): every canonical name and alias
  is found with one Aho-Corasick automaton over the text with quotation marks removed
  (行政执法“三项制度” and “六稳”“六保” match as written);
* quoted names (“塞上枫桥”) that a cue marks as a practice: a verb right before them
  (打造, 推行 …) or a word right after them (品牌, 模式, 工作法 …), unless a stop cue says
  it is an honor, a media outlet, a goal or a slogan (``initiative_cues.tsv``);
* unquoted named campaigns and new mechanisms: 开展…专项整治, 实施…提升行动,
  探索建立…机制, 推行…制度.

Quotation styles 「」『』, straight double quotes and unnested ‘’ are read as “” (same
offsets). A lexicon form inside a longer form of another concept is dropped (“谁执法谁普法”
普法责任制 is only 谁执法谁普法), and so are discovered names that are items of a lexicon name.

Status: ``implemented`` when some mention is outside the next year's plan, ``planned``
when every mention is in a section of kind ``plan`` or in a clause that looks ahead
(明年计划…, 下一步…); a plan clause that looks back (全面总结“七五”…) is ``implemented``. Local brands (quoted names and
campaigns that are not in the lexicon) are mentioned in the problems section only are
dropped: a practice named only as a problem to fix is not an initiative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .. import lexicon
from ..context import ReportContext
from ..divisions import short_name
from ..model import Initiative, Sentence
from ..resources import read_tsv

_QUOTE_CHARS = '“”‘’"「」『』'
_QUOTED = re.compile(r"“([^“”\n]{2,30})”")
_CJK_NUM = "一二三四五六七八九十两百"
_LEADING = re.compile(r"^(?:新时代|全区|全市|全县|全省|区级|市级|县级|本级|各类|各项)+")
_LAW_AFTER = re.compile(r"法(?:[、，,。；》〉和及等]|$)")
_ROOM_AFTER = re.compile(r"(?:调解)?(?:工作室|调解室)")
_NOT_BEFORE_SHORT = set("陈叙表论描阐记综概口上前复转引所讲")
_SLOGAN_HEAD = ("法治", "平安", "美丽", "幸福", "和谐", "活力", "诚信")
_CAMPAIGN_TAIL = re.compile(r"专项督察|行动(?!计划|方案)")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?\n（）()《》〈〉]")


@dataclass
class _Cues:
    suffix: re.Pattern[str]
    verb: re.Pattern[str]
    model: re.Pattern[str]
    model_bare: re.Pattern[str]
    typed: re.Pattern[str]
    keep: re.Pattern[str]
    keep_end: re.Pattern[str]
    field: re.Pattern[str]
    award: re.Pattern[str]
    campaign: re.Pattern[str]
    campaign_end: re.Pattern[str]
    mechanism: re.Pattern[str]
    stop_before: re.Pattern[str]
    stop_after: re.Pattern[str]
    stop_name: re.Pattern[str]


def _alt(parts: list[str]) -> str:
    return "|".join(sorted(parts, key=len, reverse=True)) or "(?!x)x"


@lru_cache(maxsize=1)
def cues() -> _Cues:
    by: dict[str, list[str]] = {}
    for row in read_tsv("initiative_cues.tsv"):
        by.setdefault(row["kind"], []).append(row["pattern"])
    adv = f"(?:{_alt(by.get('adverb', []))})*"
    return _Cues(
        suffix=re.compile(f"^(?:{_alt(by.get('suffix', []))})"),
        verb=re.compile(f"(?:{_alt(by.get('verb', []))}){adv}$"),
        model=re.compile(f"^([^，,。；、“”的等\\s]{{2,8}}?(?:{_alt(by.get('model_noun', []))}))"),
        model_bare=re.compile(f"^(?:{_alt(by.get('model_noun', []))})"),
        typed=re.compile(f"^((?:(?![的等和与及之或])[\u4e00-\u9fff]){{2,6}}?)新?({_alt(by.get('type_noun', []))})"),
        keep=re.compile(f"^(?:{_alt(by.get('keep_noun', []))})"),
        keep_end=re.compile(f"(?:{_alt(by.get('keep_noun', []))})$"),
        field=re.compile(f"(?:{_alt(by.get('field_qualifier', []))})$"),
        award=re.compile(_alt(by.get("award", []))),
        campaign=re.compile(
            f"(?:{_alt(by.get('campaign_verb', []))}){adv}"
            f"([^，,。；;：:“”《》〈〉（）()\\s]{{2,40}}?(?:{_alt(by.get('campaign', []))}))"
            f"((?:[、及](?:[^，,。；;：:“”《》〈〉（）()、\\s]{{3,30}}?)(?:{_alt(by.get('campaign', []))}))*)"
        ),
        campaign_end=re.compile(f"(?:{_alt(by.get('campaign', []))})$"),
        mechanism=re.compile(
            f"(?:{_alt(by.get('mechanism_verb', []))}){adv}"
            f"([^，,。；;：:“”《》〈〉（）()、\\s的]{{3,30}}?(?:{_alt(by.get('mechanism', []))}))"
            f"((?:[、和及](?:[^，,。；;：:《》〈〉（）()、\\s的]{{3,30}}?)(?:{_alt(by.get('mechanism', []))}))*)"
        ),
        stop_before=re.compile(f"(?:{_alt(by.get('stop_before', []))})$"),
        stop_after=re.compile(f"^(?:{_alt(by.get('stop_after', []))})"),
        stop_name=re.compile(_alt(by.get("stop_name", []))),
    )


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """Every lexicon form (quotes removed) -> (canonical name, form length)."""
    auto = ahocorasick.Automaton()
    for e in lexicon.entries():
        for form in e.forms():
            bare = _strip(form)
            if len(bare) < 2 or (len(bare) < 3 and form != e.name and not any(c in form for c in _QUOTE_CHARS)):
                continue  # two-character aliases only when written with their quotes
            k = _strip_map(form)[0]
            prev = auto.get(k, None)
            if prev is None or prev[0] != e.name and form == e.name:
                auto.add_word(k, (e.name, len(k)))
    auto.make_automaton()
    return auto


def normalize_quotes(text: str) -> str:
    """``text`` with every quotation style written as “…”, same length (offsets hold):
    「」 and 『』, straight double quotes in pairs, and ‘’ when not nested in a “…”."""
    out = list(text)
    depth = 0
    straight_open = False
    for i, c in enumerate(text):
        if c in "「『":
            out[i] = "“"
        elif c in "」』":
            out[i] = "”"
        elif c == '"':
            out[i] = "”" if straight_open else "“"
            straight_open = not straight_open
        elif c == "“":
            depth += 1
        elif c == "”":
            depth = max(0, depth - 1)
        elif c == "‘" and depth == 0:
            out[i] = "“"
        elif c == "’" and depth == 0:
            out[i] = "”"
        if c == "\n":
            depth, straight_open = 0, False
    return "".join(out)


def _strip(s: str) -> str:
    return s.translate({ord(c): None for c in _QUOTE_CHARS + " \u3000"})


@dataclass
class _Mention:
    name: str
    start: int  # offsets into the document text
    end: int
    local: bool
    broader: str | None = None
    bare: str | None = None  # the quoted name when a kept noun follows it (“X”工作法 → X)


_SAME_WIDTH = {"（": "(", "）": ")", "，": ",", "；": ";", "：": ":"}


def _strip_map(text: str) -> tuple[str, list[int]]:
    """``text`` without quotes and spaces (two-character quoted words keep their quotes),
    and the original offset of every kept character."""
    keep_quote = set()
    for m in re.finditer(r"“[^“”\n]{2}”", text):
        keep_quote.update((m.start(), m.end() - 1))
    chars, offsets = [], []
    for i, c in enumerate(text):
        if (c in _QUOTE_CHARS or c in " \u3000") and i not in keep_quote:
            continue
        chars.append(_SAME_WIDTH.get(c, c))
        offsets.append(i)
    return "".join(chars), offsets


# 整合人民调解、行业调解和律师调解资源: the list items are resources pooled, not practices
_RESOURCE_LIST = re.compile(r"(?:[、和及与][^，,。；;、“”]{2,10}?)*等?(?:资源|力量)")
_LIST_SEP = "、和及与"
# a quoted name followed by a word (not punctuation, not 的/等): “一门、一窗、一网”政务服务流程再造
_STARTS_WORD = re.compile(r"[\u4e00-\u9fff](?<![的等])")
# 我区在全市2020年度依法行政考核中位列第一: an assessment the jurisdiction only took part in
_ASSESSED = re.compile(
    r"在(?:全[国省市区]|[省市]级|[省市])[^，,。；;在]{0,30}?(?:考核|考评|评估|评查|测评|评议)中"
    r"(?:(?=获评|获得|荣获|被评为|评为|位列|位居|位于|排名|名列|居|跃居|取得|得分)"
    # 在全市依法行政考核中，宾县位列…: a short subject after a comma
    r"|[，,][\u4e00-\u9fff]{1,8}?(?=获评|荣获|被评为|评为|位列|位居|位于|排名|名列|跃居))"
)


def _not_practice(text: str, start: int, end: int) -> bool:
    """A lexicon form that names no practice of the report: an item of a list of resources
    or forces (…和律师调解资源), or an assessment run by a higher level in which the
    jurisdiction was ranked (在全市…依法行政考核中位列…)."""
    in_list = (start > 0 and text[start - 1] in _LIST_SEP) or (end < len(text) and text[end] in _LIST_SEP)
    if in_list and _RESOURCE_LIST.match(text, end):
        return True
    lo = max(0, start - 40)
    return any(m.start() < start and end <= m.end() for m in _ASSESSED.finditer(text, lo, end + 40))


def lexicon_mentions(text: str) -> list[_Mention]:
    """Lexicon names in ``text``; a form inside a longer form of the same concept is dropped,
    and so is a form that names no practice (:func:`_not_practice`)."""
    stripped, offsets = _strip_map(text)
    found = []
    for end, (name, length) in _automaton().iter(stripped):
        s, e = end - length + 1, end + 1
        if _LAW_AFTER.match(stripped, e):
            continue  # 社区矫正法: the name of a law, not the practice
        if length == 2 and s > 0 and stripped[s - 1] in _NOT_BEFORE_SHORT:
            continue  # 陈述法…: a two-character name inside another word
        if _ROOM_AFTER.match(stripped, e):
            continue  # 律师调解工作室: a room (an organization) named after the practice
        found.append((s, e, name))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[_Mention] = []
    kept: list[tuple[int, int, str]] = []
    for s, e, name in found:
        if any(s < ke and ks < e and kn == name for ks, ke, kn in kept):
            continue  # overlaps a form of the same concept
        if any(ks <= s and e <= ke and e - s < ke - ks for ks, ke, kn in kept):
            continue  # inside a longer form: “谁执法谁普法”普法责任制 is not also 普法责任制
        if any(s < ke < e and 2 * (ke - s) > e - s and ke - ks > e - s for ks, ke, kn in kept):
            continue  # mostly inside a longer form: 一村(社区)一法律顾问制度 is not also 法律顾问制度
        kept.append((s, e, name))
        if _not_practice(text, offsets[s], offsets[e - 1] + 1):
            continue
        out.append(_Mention(name, offsets[s], offsets[e - 1] + 1, local=False))
    return out


def _is_formula(name: str) -> bool:
    """A name made of numbers: 1+1+43, 一网两翼三支撑, 四级."""
    if re.search(r"[0-9+＋]", name):
        return True
    nums = sum(1 for c in name if c in _CJK_NUM)
    return nums >= 2 or (name[0] in _CJK_NUM and len(name) <= 3)


def _clean(name: str) -> str:
    name = re.split(r"——|--", name)[0]
    name = _LEADING.sub("", name.strip())
    return name.strip()


def _broader(name: str) -> str | None:
    """The lexicon concept a local brand derives from, when the name shows it:
    a name sharing a distinctive two-character head with a canonical name (塞上枫桥 →
    枫桥经验) or containing a canonical name."""
    for e in lexicon.entries():
        if e.name in name and e.name != name:
            return e.name
    for e in lexicon.entries():
        core = lexicon.key(e.name)
        if len(core) >= 4 and core[:2] in name and core[:2] not in ("行政", "法治", "法律", "一网", "公共", "党政"):
            if name.endswith(core[:2]) or core[:2] + core[2:4] in name:
                return e.name
    return None


def _ends_with_lexicon(name: str) -> str | None:
    """The canonical name when ``name`` ends with a lexicon form (…法律顾问制度)."""
    k = lexicon.key(name)
    for e in lexicon.entries():
        for form in e.forms():
            f = lexicon.key(form)
            if len(f) >= 4 and k.endswith(f):
                return e.name
    return None


def _local(name: str, start: int, end: int) -> _Mention | None:
    c = cues()
    name = _clean(_strip(name))
    if len(name) < 2:
        return None
    canon = lexicon.canonical(name)
    if canon:
        return _Mention(canon, start, end, local=False)
    if c.stop_name.search(name):
        return None
    canon = _ends_with_lexicon(name)
    if canon:
        return _Mention(canon, start, end, local=False)
    return _Mention(name, start, end, local=True, broader=_broader(name))


def quoted_mentions(text: str, place: str = "") -> list[_Mention]:
    """Quoted names that a cue marks as a practice. Consecutive quotes (“A”“B”、“C”) form a
    list: a cue before the first or after the last marks all of them."""
    c = cues()
    quotes = list(_QUOTED.finditer(text))
    groups: list[list[re.Match[str]]] = []
    for q in quotes:
        if groups and text[groups[-1][-1].end() : q.start()] in ("", "、", "和", "及", "与"):
            groups[-1].append(q)
        else:
            groups.append([q])
    out: list[_Mention] = []
    for group in groups:
        first, last = group[0], group[-1]
        before = text[max(0, first.start() - 12) : first.start()]
        before = _CLAUSE_BREAK.split(before)[-1] if _CLAUSE_BREAK.search(before) else before
        after = text[last.end() : last.end() + 16]
        in_doc = text.rfind("《", 0, first.start()) > text.rfind("》", 0, first.start())
        if c.stop_before.search(before) or c.stop_after.search(after):
            continue
        by_cue = bool(c.verb.search(before) or c.suffix.search(after))
        if in_doc:  # inside a document title only a name that says what it is
            by_cue = False
        for q in group:
            name = q.group(1)
            own_after = text[q.end() : q.end() + 16]
            if c.stop_after.search(own_after):
                continue
            if "、" in name and not _STARTS_WORD.match(own_after):
                continue  # 实行“听诉、核实、说理、回访”: steps or a slogan, not a named practice
            formula = _is_formula(name)
            model = c.model.search(own_after) if formula else None
            if c.stop_name.search(_clean(_strip(name))) and not (
                model and q is first and c.verb.search(before)
            ):  # a bare count (“1+N”) is no name; 打造“1+N”企业法律服务模式 is one
                continue
            if place and own_after.startswith(place) and not c.suffix.search(own_after[len(place) :]):
                continue  # 围绕“五宜”朝阳建设: a goal for the place
            if in_doc and not re.search(r"(?:行动|模式|工程)$", name):
                continue
            start, end = q.start(), q.end()
            bare_name = None
            bare = c.model_bare.search(own_after) if formula else None
            prefix = _prefix(before) if q is first else ""
            if model:  # “1+1+43”接待咨询新格局: the phrase is part of the name
                name += model.group(1)
                end += len(model.group(1))
            elif bare and prefix:  # 前置入矫教育“四个一”工作方法
                name = prefix + name + bare.group(0)
                start -= len(prefix)
                end += len(bare.group(0))
            elif place and name in (place + "模式", place + "经验"):
                if not prefix:
                    continue  # “朝阳模式”再更新: the place's way of working in general
                name = prefix + name  # 推进刑罚执行一体化“花都模式”
                start -= len(prefix)
            elif not (
                by_cue
                or in_doc
                or c.suffix.search(own_after)
                or c.typed.match(own_after)
                or (c.keep_end.search(name) and not c.award.search(before))
            ):  # 设立“贺姐调解室”: a name ending in a room or method word says what it is
                continue
            elif (tail := _CAMPAIGN_TAIL.match(own_after)) and not lexicon.canonical(name):
                name += tail.group(0)  # “一微克”行动, “营造法治化营商环境 保护民营企业发展”专项督察
                end += len(tail.group(0))
            elif place and before.endswith(place) and own_after.startswith("模式"):
                name = place + name + "模式"  # 朝阳“极速”模式
                end += 2
            elif qualified := _qualified(name, own_after, place):
                name += qualified[0]  # “巷口议事”调解工作法, “大综合一体化”行政执法改革
                end += qualified[1]
            elif (kept := c.keep.match(own_after)) and not lexicon.canonical(name):
                bare_name = name
                name += kept.group(0)  # “四步调解”工作法, “老支书”调解室: a method or a room
                end += len(kept.group(0))
            mention = _local(name, start, end)
            if mention:
                mention.bare = bare_name
                out.append(mention)
    compounds = _compound_mentions(text)
    out = [m for m in out if not any(k.start <= m.start and m.end <= k.end for k in compounds)]
    return sorted(out + compounds, key=lambda m: m.start)


# 内“合纵”+外“连横”工作法: two quoted halves joined by + (each may have a short lead)
_COMPOUND = re.compile(r"“([^“”\n]{1,10})”[+＋]([\u4e00-\u9fff]{0,2})“([^“”\n]{1,10})”")


def _compound_mentions(text: str) -> list[_Mention]:
    """Names written as two quoted halves joined by + and followed by a type word: the
    first half takes a lead as long as the second's (内“合纵”+外“连横”工作法 → 内合纵+外连横工作法)."""
    c = cues()
    out = []
    for m in _COMPOUND.finditer(text):
        n = len(m.group(2))
        lead = text[m.start() - n : m.start()] if m.start() >= n else ""
        if n and not re.fullmatch(r"[\u4e00-\u9fff]+", lead):
            continue
        after = text[m.end() : m.end() + 8]
        noun = c.keep.match(after) or c.model_bare.match(after)
        if not noun:
            continue
        name = f"{lead}{m.group(1)}+{m.group(2)}{m.group(3)}{noun.group(0)}"
        out.append(_Mention(name, m.start() - n, m.end() + noun.end(), local=True))
    return out


def _qualified(name: str, after: str, place: str) -> tuple[str, int] | None:
    """The words a quoted brand's name keeps after its closing quote, and how many characters
    of ``after`` they span: a short qualifier and a specific type word (调解工作法, 线上调解模式,
    行政执法改革; a 新 before the type word is dropped). None when the type word follows the quote
    directly (“证照联办”模式), the qualifier is the place (“法治物业”朝阳模式), 工作 or a field of
    work (“临空枫桥”基层治理模式 → 临空枫桥), or the quoted name is a lexicon name (“三项制度”…)."""
    m = cues().typed.match(after)
    if not m or m.group(1) in (place, "工作") or lexicon.canonical(name) or cues().field.search(m.group(1)):
        return None  # “临空枫桥”基层治理模式: a field of work (…治理) names no method
    return m.group(1) + m.group(2), m.end()


_VERB_ANY = re.compile(r"打造|升级|完善|健全|推进|推行|实施|开展|创新|创建|建立|构建|深化|探索|形成|采用|以")


def _prefix(before: str) -> str:
    """The words between the last verb and a quote: 打造推进[刑罚执行一体化]“花都模式”."""
    verbs = list(_VERB_ANY.finditer(before))
    prefix = before[verbs[-1].end() :] if verbs else ""
    ok = 2 <= len(prefix) <= 10 and not re.search(r"[^\u4e00-\u9fff]|的|^了", prefix)
    return prefix if ok else ""


def pattern_mentions(text: str) -> list[_Mention]:
    """Unquoted campaigns (开展…专项整治) and mechanisms presented as new (探索建立…机制)."""
    c = cues()
    out: list[_Mention] = []
    for m in c.campaign.finditer(text):
        raw = m.group(1)
        if "、" in raw:  # 围绕扶企解难、审批提效、强监督严执法等专项行动: the items are the names
            head, sep, _ = raw.rpartition("等")
            items = head.split("、") if sep else []
            if len(items) < 2 or any(len(i) < 3 for i in items):
                continue
            for item in items:
                mention = _local(item, m.start(1), m.end(0))
                if mention:
                    out.append(mention)
            continue
        for item in [raw] + [n for n in re.split(r"[、及]", m.group(2) or "") if n]:
            stem = c.campaign_end.sub("", _clean(item))
            canon = lexicon.canonical(stem)
            if canon:  # 法治政府建设示范创建提升行动 is the lexicon's 法治政府建设示范创建
                out.append(_Mention(canon, m.start(1), m.end(0), local=False))
            elif len(stem) >= 5:
                mention = _local(item, m.start(1), m.end(0))
                if mention:
                    out.append(mention)
    for m in c.mechanism.finditer(text):
        if text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start()):
            continue  # inside a document title
        names = [m.group(1)]
        if m.group(2):
            names += [n for n in re.split(r"[、和及]", m.group(2)) if n]
        for name in names:
            if len(_clean(_strip(name))) < 5:
                continue
            mention = _local(name, m.start(1), m.end(0))
            if mention:
                out.append(mention)
    # a quoted list followed by a campaign noun: “A”“B”等专项行动 is handled by quoted_mentions
    return out


def _sentence_at(sentences: list[Sentence], pos: int) -> Sentence | None:
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= pos:
        return sentences[lo]
    return None


_BARE_TYPE = re.compile(r"(?:模式|工作法|工作方法|机制|品牌|经验|做法)?$")


def _merge_suffixes(mentions: list[_Mention]) -> None:
    """A local name that ends another local name of the report is that name (法治惠企“5+6”
    after “惠企5+6”); so is a name made of a short lead, another local name and a bare type
    word (法治惠企“5+6”模式 after “惠企5+6”)."""
    names = {m.name for m in mentions if m.local}
    for m in mentions:  # 「瑞和解」工作法 after 打造「瑞和解」调解品牌: the brand
        if m.local and m.bare and m.bare in names:
            m.name = m.bare
    names = {m.name for m in mentions if m.local}
    for m in mentions:
        if m.local:
            longer = [n for n in names if n != m.name and n.endswith(m.name) and len(m.name) >= 3]
            if longer:
                m.name = min(longer, key=len)
    names = {m.name for m in mentions if m.local}
    for m in mentions:
        if not m.local:
            continue
        inner = [
            n
            for n in names
            if len(n) >= 3
            and n != m.name
            and (i := m.name.find(n)) in range(1, 5)
            and _BARE_TYPE.fullmatch(m.name[i + len(n) :])
        ]
        if inner:
            m.name = max(inner, key=len)


_PLAN_IN_CLAUSE = re.compile(
    r"下一步|下阶段|明年|今后|计划(?:于|在|将)|拟(?:于|在|将)?(?:推行|建立|开展|实施)|力争|将(?:适时|逐步|全面|继续|进一步)"
)
_DONE_IN_CLAUSE = re.compile(r"总结|回顾|巩固|以来")


def _clause_before(text: str, sent: Sentence | None, pos: int) -> str:
    """The words of the sentence before ``pos``, from the last clause break (。；) on."""
    start = sent.start if sent is not None else max(0, pos - 60)
    return re.split(r"[。；;！!？?\n]", text[start:pos])[-1]


def _status(text: str, sent: Sentence | None, m: _Mention, kind: str, year: int | None) -> str:
    """``planned`` in the next year's plan unless the clause looks back (全面总结“七五”…);
    ``implemented`` elsewhere unless the clause looks ahead (下一步…, 2025年将…)."""
    before = _clause_before(text, sent, m.start)
    if kind == "plan":
        return "implemented" if _DONE_IN_CLAUSE.search(re.split(r"[，,]", before)[-1]) else "planned"
    if _PLAN_IN_CLAUSE.search(before):
        return "planned"
    if year and re.search(rf"{year + 1}年(?:度)?[^，,。]{{0,6}}(?:将|要|计划)", before):
        return "planned"
    return "implemented"


def _in_book_title(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside 《…》 (within its sentence)."""
    before = text[max(0, pos - 80) : pos]
    return before.rfind("《") > before.rfind("》")


def extract(ctx: ReportContext) -> list[Initiative]:
    raw = ctx.doc.text
    text = normalize_quotes(raw)
    year = ctx.meta.year if ctx.meta is not None else None
    place = short_name(ctx.division.name) if ctx.division is not None else ""
    lexical = lexicon_mentions(text)
    surfaces = [(m.start, m.end, _strip(text[m.start : m.end])) for m in lexical]
    discovered = [  # 推行行政执法公示制度、…: the items of a lexicon name are not local names
        d
        for d in pattern_mentions(text)
        if not (d.local and any(s < d.end and d.start < e and d.name in surf for s, e, surf in surfaces))
    ]
    spans = [(m.start, m.end) for m in discovered if m.local] + [(m.start, m.end) for m in lexical]
    quoted = [
        q
        for q in quoted_mentions(text, place)
        if not (q.local and any(s <= q.start + 1 and q.end - 1 <= e for s, e in spans))
    ]
    mentions = lexical + discovered + quoted
    if place:  # 法治西湖, 平安仓山: the goal for the place, a slogan
        mentions = [m for m in mentions if not (m.local and m.name.endswith(place) and m.name.startswith(_SLOGAN_HEAD))]
    mentions.sort(key=lambda m: (m.start, m.end))
    _merge_suffixes(mentions)

    best: dict[str, tuple[tuple[int, bool], Initiative]] = {}
    order: list[str] = []
    for m in mentions:
        sent = _sentence_at(ctx.sentences, m.start)
        kind = sent.section.kind if sent is not None and sent.section is not None else "achievements"
        if kind == "other" or (kind == "problems" and m.local):
            continue
        status = _status(text, sent, m, kind, year)
        # implemented wins over planned; then a mention in running text over one inside a
        # document title (《落实…三项制度指导手册》 is weaker evidence than 落实…三项制度)
        rank = (0 if status == "implemented" else 1, _in_book_title(text, m.start))
        s, e = (sent.start, sent.end) if sent is not None else (m.start, m.end)
        key = lexicon.key(m.name)
        item = Initiative(
            start=s,
            end=e,
            evidence=raw[s:e],
            name=m.name,
            status=status,
            broader=m.broader,
            local=m.local,
        )
        if key not in best:
            order.append(key)
            best[key] = (rank, item)
        elif rank < best[key][0]:
            best[key] = (rank, item)
    return [best[k][1] for k in order]
