"""Report metadata: title, jurisdiction (with division code and parents), year covered,
publisher and publication date."""

from __future__ import annotations

import re

from .divisions import DivisionTable, short_name, table
from .model import Document, ReportMeta

_TITLE_CUE = re.compile(r"报告|白皮书|情况")
_NAV = re.compile(r"欢迎访问|加大字体|缩小字体|打印|收藏|首页|当前位置|索引号|发布机构|来源[:：]")
_YEAR_PATTERNS = [
    re.compile(r"关于(\d{4})年度?"),
    re.compile(r"(\d{4})年度?(?:推进)?法治"),
    re.compile(r"白皮书[（(](\d{4})[)）]"),
    re.compile(r"(\d{4})年"),
]
_DIV_NAME = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:特别行政区|自治区|自治州|自治县|省|市|区|县|旗|盟)")
_PUBLISHER = re.compile(r"(?:发布机构|来源|责任部门)\s*[|:：]?\s*\|?\s*([\u4e00-\u9fff]{2,30}?(?:司法局|人民政府|办公室|委员会))")
_DATE = re.compile(r"(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?")


class MetadataError(ValueError):
    """The report has no detectable jurisdiction or year."""


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, line.strip()))
        pos += len(line)
    return out


def find_title(doc: Document) -> tuple[str, int, int]:
    for start, line in _lines(doc.text)[:15]:
        if _NAV.search(line) or len(line) > 60:
            continue
        if _TITLE_CUE.search(line):
            return line, start, start + len(line)
    start, line = _lines(doc.text)[0]
    return line[:60], start, start + min(len(line), 60)


def find_jurisdiction(text: str, divisions: DivisionTable, context: str = ""):
    """The most specific division named in ``text`` (a title), decided by ``context``."""
    best = None
    for m in _DIV_NAME.finditer(text):
        s = m.group()
        for i in range(len(s) - 1):
            cands = divisions.resolve(s[i:], context=context or text)
            if cands:
                cand = cands[0]
                rank = {"province": 0, "city": 1, "county": 2}[cand.level]
                if best is None or rank > best[0]:
                    best = (rank, cand)
                break
    return best[1] if best else None


def find_year(title: str, text: str) -> int | None:
    for source in (title, text[:600]):
        for pat in _YEAR_PATTERNS:
            m = pat.search(source)
            if m and 1990 <= int(m.group(1)) <= 2100:
                return int(m.group(1))
    return None


def publisher_name(raw: str, division, divisions: DivisionTable) -> str:
    """Official form of a publishing body: city-level prefix for county bodies."""
    body = raw
    keys = [k for d in divisions.chain(division.code) for k in (d.name, short_name(d.name))]
    changed = True
    while changed:
        changed = False
        for key in keys:
            if body.startswith(key) and len(body) > len(key):
                body = body[len(key):]
                changed = True
    body = body.lstrip("市区县")
    if division.level == "county":
        city = divisions.city(division.code)
        prefix = (city.name if city else divisions.province(division.code).name) + division.name
    else:
        prefix = division.name
    return prefix + body


def extract_metadata(doc: Document, divisions: DivisionTable | None = None) -> ReportMeta:
    divisions = divisions or table()
    title, t_start, t_end = find_title(doc)
    head = doc.text[:3000]
    division = find_jurisdiction(title, divisions, context=head) or find_jurisdiction(head, divisions, context=head)
    year = find_year(title, doc.text)
    if division is None:
        raise MetadataError("no detectable jurisdiction")
    if year is None:
        raise MetadataError("no detectable year")
    raw_pub = None
    m = _PUBLISHER.search(head)
    if m:
        raw_pub = m.group(1)
    else:
        m = re.search(r"[\u4e00-\u9fff]{0,12}?(司法局|人民政府)", title)
        if m:
            raw_pub = m.group()
        else:
            tail = doc.text[-300:]
            m2 = re.findall(r"[\u4e00-\u9fff]{2,15}(?:司法局|人民政府)", tail)
            raw_pub = m2[-1] if m2 else "人民政府"
    publisher = publisher_name(raw_pub, division, divisions)
    date = None
    dm = _DATE.search(doc.text[:800]) or _DATE.search(doc.text[-200:])
    if dm:
        date = f"{int(dm.group(1)):04d}-{int(dm.group(2)):02d}-{int(dm.group(3)):02d}"
    return ReportMeta(
        title=title,
        jurisdiction=division.full_name,
        adcode=division.code,
        year=year,
        publisher=publisher,
        level=division.level,
        parents=[d.code for d in divisions.parents(division.code)],
        date=date,
        start=t_start,
        end=t_end,
    )
