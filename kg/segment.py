"""Split a report into sections and sentences and classify the sections.

Headings are recognised by their numbering (一、 / (一) / 1. / 第一部分) or as short
lines without final punctuation; their kind (achievements, problems, plan) comes from
the cue table ``ontology/headings.tsv``. A sub-section inherits the kind of its parent
unless its own heading says otherwise.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Document, Section, Sentence
from .resources import read_tsv

_NUM_HEAD = re.compile(
    r"^\s*(?:(?P<l1>[一二三四五六七八九十]+、)|(?P<l2>[（(][一二三四五六七八九十]+[)）])|(?P<l3>\d{1,2}[.．、](?!\d))|(?P<l0>第[一二三四五六七八九十]+(?:部分|章)))"
)
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』)）]*|\n+")


@lru_cache(maxsize=1)
def _cues() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(r["pattern"]), r["kind"]) for r in read_tsv("headings.tsv")]


def classify_heading(heading: str) -> str | None:
    """The kind a heading announces, or None when it says nothing about it."""
    for pattern, kind in _cues():
        if pattern.search(heading):
            return kind
    return None


def _heading_level(line: str) -> int | None:
    m = _NUM_HEAD.match(line)
    if not m:
        return None
    if m.group("l0"):
        return 0
    if m.group("l1"):
        return 1
    if m.group("l2"):
        return 2
    return 3


def sections(doc: Document) -> list[Section]:
    """Sections in document order; text before the first heading is the preamble."""
    text = doc.text
    out: list[Section] = []
    # kind per level, inherited downwards
    stack: dict[int, str] = {}
    pos = 0
    current = Section(start=0, end=len(text), heading="", kind="preamble", level=0)
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        stripped = line.strip()
        if not stripped:
            continue
        level = _heading_level(stripped)
        if level is None or level >= 3:
            # numbered paragraphs (1.) are headings only when short
            if level is None or len(stripped) > 60:
                kind_here = classify_heading(stripped) if len(stripped) <= 30 and not re.search(r"[，。；,]", stripped) else None
                if kind_here is None:
                    continue
                level = 1
        # a heading: the first clause only (a numbered paragraph may run on)
        head = re.split(r"[。]", stripped, maxsplit=1)[0]
        own = classify_heading(head[:40])
        for lv in list(stack):
            if lv >= level:
                del stack[lv]
        inherited = next((stack[lv] for lv in sorted(stack, reverse=True)), None)
        kind = own if own and (level <= 2 or own != "achievements") else (inherited or own or "achievements")
        if own is None and inherited is None:
            kind = "achievements"
        stack[level] = kind
        current.end = start
        if current.end > current.start:
            out.append(current)
        current = Section(start=start + (len(line) - len(line.lstrip())), end=len(text), heading=head, kind=kind, level=level)
    current.end = len(text)
    out.append(current)
    return out


def sentences(doc: Document, secs: list[Section] | None = None) -> list[Sentence]:
    """Sentences (split at 。！？； and line breaks), each tied to its section."""
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
