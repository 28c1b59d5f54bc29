"""Split a report into sections and sentences and classify the sections.

Headings are recognised by their numbering (一、 / （一） / 1. / (1) / 第一部分), as
Markdown ``#`` headings, or as short lines standing alone that a cue names (存在问题,
前言, 目录). Their kind (achievements, problems, plan, other) comes from the cue table
``ontology/headings.tsv``; a sub-section inherits the kind of its parent unless its own
heading says problems or plan (未来展望 under a 专题). A table of contents (目录 and its
dotted entries) is one section of kind ``other`` and its entries are not headings.

Inside running text a sentence that opens the next year's plan (下一步，我们将… /
2024年，将…) or a paragraph that opens the problems (总体来看…但…差距) starts an
implicit section (``heading == ""``, one level below) of that kind, running to the end
of the section it is in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .metadata import arabic_years
from .model import Document, Section, Sentence
from .resources import read_tsv

_NUM_HEAD = re.compile(
    r"^\s*(?:(?P<l0>第[一二三四五六七八九十]+(?:部分|章|篇))|(?P<l1>[一二三四五六七八九十]+[、.．])"
    r"|(?P<l2>[（(][一二三四五六七八九十]+[)）])|(?P<l3>\d{1,2}(?:[.．、](?!\d)|\s))|(?P<l4>[（(]\d{1,2}[)）]|[①-⑳]))"
)
_MD_HEAD = re.compile(r"^(#{1,6})\s*")
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{4,}|_{4,})\s*\d{0,4}\s*$")
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』)）]*|\n+|\t")  # \t: a table cell's edge
_CLAUSE_END = re.compile(r"[。；;！？]")
_NEVER = "(?!x)x"


@lru_cache(maxsize=8)
def _cues(year: int | None) -> list[tuple[re.Pattern[str], str, str]]:
    out = []
    for r in read_tsv("headings.tsv"):
        pattern = r["pattern"]
        pattern = pattern.replace("{next}", str(year + 1) if year else _NEVER)
        pattern = pattern.replace("{year}", str(year) if year else _NEVER)
        out.append((re.compile(pattern), r["kind"], r.get("scope") or "any"))
    return out


def _normalize(heading: str) -> str:
    heading = re.sub(r"^(?:#{1,6}\s*)|\*\*|__", "", heading)
    heading = _NUM_HEAD.sub("", heading, count=1)
    return arabic_years(re.sub(r"\s+", "", heading)).rstrip("：:")


def classify_heading(heading: str, year: int | None = None, numbered: bool = True) -> str | None:
    """The kind a heading announces, or None when it says nothing about it.

    ``numbered``: the heading has a number or a Markdown mark; an unnumbered line is
    classified only by the cues that may stand alone (scope ``any``)."""
    text = _normalize(heading)
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)]
    past = bool(year and years and max(years) <= year)  # 2023年工作计划 in a 2023 report
    for pattern, kind, scope in _cues(year):
        if scope == "paragraph" or (scope == "heading" and not numbered):
            continue
        if kind == "plan" and past:
            continue
        if pattern.search(text):
            return kind
    return None


def paragraph_kind(sentence: str, year: int | None = None, paragraph_start: bool = False) -> str | None:
    """The kind a sentence opens in running text (plan: 下一步，将…; problems, only at
    the start of a paragraph: 总体来看…但…不足), or None."""
    text = arabic_years(sentence.strip())
    for pattern, kind, scope in _cues(year):
        if scope != "paragraph" or (kind == "problems" and not paragraph_start):
            continue
        if pattern.search(text):
            return kind
    return None


def _heading_level(line: str) -> int | None:
    m = _NUM_HEAD.match(line)
    if not m:
        return None
    for lv in range(5):
        if m.group(f"l{lv}"):
            return lv
    return None  # pragma: no cover


def _first_clause(line: str) -> str:
    return _CLAUSE_END.split(line, maxsplit=1)[0].strip()


def sections(doc: Document, year: int | None = None) -> list[Section]:
    """Sections in document order; text before the first heading is the preamble.

    ``year``: the year the report covers, so that 2024年工作思路 reads as the plan of a
    2023 report (the context passes it; without it only year-free cues are used)."""
    out = _explicit_sections(doc.text, year)
    return _split_implicit(doc.text, out, year)


def _explicit_sections(text: str, year: int | None) -> list[Section]:
    out: list[Section] = []
    stack: dict[int, str] = {}  # kind per open heading level
    pos = 0
    current = Section(start=0, end=len(text), heading="", kind="preamble", level=0)
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        stripped = line.strip()
        if not stripped:
            continue
        md = _MD_HEAD.match(stripped)
        body = stripped[md.end() :] if md else stripped
        body = re.sub(r"^(?:\*\*|__)|(?:\*\*|__)$", "", body).strip()
        if _TOC_ENTRY.search(body):
            continue  # an entry of the table of contents (or a dotted form line)
        level = _heading_level(body)
        head = _first_clause(body)
        if level is not None:
            if level >= 3 and len(head) > 40:
                level = None  # a numbered paragraph, not a heading
            elif level < 3 and len(head) > 60:
                level = None
        numbered = level is not None or md is not None
        own = None
        if level is None:
            short = len(body) <= 30 and not re.search(r"[，。；,;！？]", body.rstrip("：:"))
            looks_title = re.search(r"报告|白皮书", body) and len(_normalize(body)) > 6
            if md is not None and not looks_title:
                level = max(1, min(len(md.group(1)) - 1, 4))
                own = classify_heading(head, year, numbered=True)
            elif short and not looks_title:
                own = classify_heading(body, year, numbered=False)
                if own is None:
                    continue
                level = 1
            else:
                continue
        else:
            own = classify_heading(head[:60], year, numbered=numbered)
        for lv in list(stack):
            if lv >= level:
                del stack[lv]
        parent = next((stack[lv] for lv in sorted(stack, reverse=True)), None)
        if parent in ("problems", "plan"):
            kind = own if own in ("problems", "plan", "other") else parent
        else:
            kind = own or parent or "achievements"
        stack[level] = kind
        current.end = start
        if current.end > current.start:
            out.append(current)
        lead = len(line) - len(line.lstrip())
        current = Section(start=start + lead, end=len(text), heading=head, kind=kind, level=level)
    current.end = len(text)
    out.append(current)
    return out


def _split_implicit(text: str, secs: list[Section], year: int | None) -> list[Section]:
    out: list[Section] = []
    for sec in secs:
        current = sec
        sec_end = sec.end
        if sec.kind not in ("preamble", "achievements", "problems"):
            out.append(sec)
            continue
        body_start = sec.start
        if sec.heading:
            at = text.find(sec.heading, sec.start, sec_end)
            body_start = at + len(sec.heading) if at >= 0 else sec.start
        pos = body_start
        for m in _SENT_END.finditer(text, body_start, sec_end):
            s = pos
            pos = m.end()
            while s < m.start() and text[s].isspace():
                s += 1
            if s >= m.start():
                continue
            para_start = s == body_start or text[s - 1] == "\n" or text[:s].rstrip(" \t\u3000").endswith("\n")
            kind = paragraph_kind(text[s : m.end()], year, paragraph_start=para_start)
            if kind is None or kind == current.kind or (current.kind == "problems" and kind != "plan"):
                continue
            if current.kind == "plan":
                continue
            current.end = s
            out.append(current)
            current = Section(start=s, end=sec_end, heading="", kind=kind, level=sec.level + 1)
        out.append(current)
    return [s for s in out if s.end > s.start]


def sentences(doc: Document, secs: list[Section] | None = None) -> list[Sentence]:
    """Sentences (split at 。！？；, line breaks and table-cell tabs), each tied to its section."""
    secs = secs if secs is not None else sections(doc)
    text = doc.text
    out: list[Sentence] = []
    for sec in secs:
        pos = sec.start
        for m in _SENT_END.finditer(text, sec.start, sec.end):
            _add(out, text, pos, m.end() if not m.group().startswith("\n") else m.start(), sec)
            pos = m.end()
        _add(out, text, pos, sec.end, sec)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, sec: Section) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start=start, end=end, text=text[start:end], section=sec))
