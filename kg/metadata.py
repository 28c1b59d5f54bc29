"""Report metadata: title, jurisdiction (with division code and parents), year covered,
publisher and publication date.

* Title: the document's own title line at the top (the last title-like line before the
  body, so a web page's title line above the document's own one is passed over; a title
  broken over two lines is joined).
* Jurisdiction: division names of the GB/T 2260 table (``ontology/divisions.tsv``) in
  the title, else in the publisher (header fields such as 发布机构/来源, the signature at
  the end), else the name the body uses most; an ambiguous name (朝阳区) is decided by
  the parents the text mentions (北京 / 长春).
* Year covered: from the title (关于2020年度, 2023年法治政府建设, 白皮书(2020),
  二〇二二年), else from the opening of the body, else the year before publication.
* Publisher: 发布机构/发文机关 field, the body named in the title, the signature at the
  end, a 来源 field, else the jurisdiction's 人民政府; named by the schema's convention
  (city prefix for county bodies: 福州市仓山区司法局; municipality + district:
  北京市朝阳区司法局).
"""

from __future__ import annotations

import re

from .divisions import DivisionTable, Mention, level_rank, table
from .model import Division, Document, ReportMeta

_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_YEAR = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})(?=年)")
_CN_MD = re.compile(r"(?<=年)([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")

_TITLE_CUE = re.compile(r"报告|白皮书|年报|工作总结")
_TITLE_WEAK = re.compile(r"情况|总结")
_NOT_TITLE = re.compile(
    r"欢迎访问|加大字体|缩小字体|打印|收藏|首页|当前位置|您的位置|索引号|发布机构|发布时间|发布日期|来源[:：]|"
    r"信息来源|字号|浏览次数|分享|^\s*[（(]?\d{4}[年\-/.]\d{1,2}[月\-/.]?(\d{1,2}日?)?[)）]?\s*$"
)
_STOP = re.compile(
    r"^\s*(?:目\s*录|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+(?:部分|章))"
)
_YEAR = re.compile(
    r"(?<![\d\-—–~至])((?:19|20)\d{2})(?![\d\-—–~至年]*[\-—–~至]\d{4})(?!\s*[\-/.]\s*\d{1,2}\s*[\-/.])(?!年\d{1,2}月)"
)
_OPENING_YEAR = re.compile(
    r"(?:^|[。\n])\s*(?:在)?((?:19|20)\d{2})年(?:度)?(?:[，,]|以来|全年|上半年|是|我|全[区市县省])"
)
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})(?!\d)\s*日?")
_DATE_FIELD = re.compile(r"(?:发布时间|发布日期|生成日期|成文日期|印发日期|发文日期|日期|时间)\s*[|:：]?\s*\|?\s*")
_DATE_LINE = re.compile(
    r"^\s*[（(]?\s*(?:19|20)\d{2}\s*(?:年|[-/.])\s*\d{1,2}\s*(?:月|[-/.])\s*\d{1,2}\s*日?\s*[)）]?\s*$"
)

_BODY_END = r"(?:人民政府办公室|人民政府办公厅|人民政府|司法局|司法厅|委员会办公室|委员会|政府|办公室|办公厅|[\u4e00-\u9fff]{1,8}(?:局|厅|委|办))"
_SIGNATURE_END = re.compile(r"(?:人民政府|司法局|司法厅|委员会|办公室|办公厅)$")
_BODY = re.compile(rf"(?:中共)?[\u4e00-\u9fff]{{0,24}}?{_BODY_END}")
_FIELD_FIRST = re.compile(r"(?:发布机构|发文机关|发文单位|发布单位|发布部门)\s*[|:：]?\s*\|?\s*([\u4e00-\u9fff]{2,30})")
_FIELD_LATE = re.compile(
    r"(?:来源|信息来源|文章来源|责任部门)\s*[|:：]\s*\|?\s*([\u4e00-\u9fff]{2,30})|(?:责任部门)\s*\|\s*([\u4e00-\u9fff]{2,30})"
)
_LEVEL_WORDS = {
    "county": re.compile(r"我区|全区|我县|全县|我旗|全旗|区委|区政府|县委|县政府"),
    "city": re.compile(r"我市|全市|市委|市政府"),
    "province": re.compile(r"我省|全省|省委|省政府|我区各|全区各"),
}


class MetadataError(ValueError):
    """The report has no detectable jurisdiction or year."""


def arabic_years(text: str) -> str:
    """Chinese-numeral years and dates written with digits (二〇二二年三月五日 ->
    2022年3月5日); the length of the text changes, so use it for reading values only."""
    text = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGIT[c]) for c in m.group(1)), text)
    return _CN_MD.sub(lambda m: f"{_cn_small(m.group(1))}月{_cn_small(m.group(2))}日", text)


def _cn_small(s: str) -> int:
    """一 .. 三十一."""
    if "十" not in s:
        return _CN_DIGIT.get(s, 0)
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines as (offset of the first visible character, stripped line)."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, line.strip()))
        pos += len(line)
    return out


def _unmark(start: int, line: str) -> tuple[int, str]:
    """Strip Markdown heading marks and emphasis around a line: (new start, text)."""
    m = re.match(r"^(?:#{1,6}\s*|\*\*|__)+", line)
    if m:
        start += m.end()
        line = line[m.end() :]
    line = re.sub(r"(?:\*\*|__)\s*$", "", line)
    return start, line.strip()


def find_title(doc: Document) -> tuple[str, int, int]:
    """The document's own title line: (title, start, end)."""
    lines = _lines(doc.text)
    top: list[tuple[int, str]] = []
    for start, line in lines[:25]:
        if _STOP.match(line) or (len(line) > 30 and re.search(r"[。；;：:]$|。", line)):
            break
        top.append(_unmark(start, line))
    candidates: list[tuple[int, int, str, int]] = []  # (start, end, title, strength)
    i = 0
    while i < len(top):
        start, line = top[i]
        if _NOT_TITLE.search(line) or len(line) > 80 or re.search(r"[，。；,;]|[：:]$", line):
            i += 1
            continue
        end = start + len(line)
        text = line
        # a title broken over two lines: 杭州市人民政府关于 / 2022年法治政府建设情况的报告
        if not _TITLE_CUE.search(line) and i + 1 < len(top):
            nstart, nline = top[i + 1]
            if _TITLE_CUE.search(nline) and not _NOT_TITLE.search(nline) and len(line) + len(nline) <= 80:
                text, end = line + nline, nstart + len(nline)
                i += 1
        strength = 2 if _TITLE_CUE.search(text) else 1 if _TITLE_WEAK.search(text) else 0
        if strength:
            candidates.append((start, end, text, strength))
        i += 1
    if candidates:
        best = max(c[3] for c in candidates)
        start, end, text, _ = [c for c in candidates if c[3] == best][-1]
        return text, start, end
    if not lines:
        return "", 0, 0
    start, line = _unmark(*lines[0])
    return line[:60], start, start + min(len(line), 60)


def _best_mention(mentions: list[Mention]) -> Mention | None:
    best = None
    for m in mentions:
        rank = max(level_rank(c) for c in m.candidates)
        if best is None or rank > best[0]:
            best = (rank, m)
    return best[1] if best else None


def _decide(m: Mention, divisions: DivisionTable, context: str) -> Division:
    top = max(level_rank(c) for c in m.candidates)
    cands = [c for c in m.candidates if level_rank(c) == top]
    if len(cands) > 1:
        cands = divisions.disambiguate(cands, context)
    return cands[0]


def find_jurisdiction(text: str, divisions: DivisionTable, context: str = "") -> Division | None:
    """The most specific division named in ``text`` (a title, a publisher's name);
    an ambiguous name is decided by ``context`` (the whole report)."""
    m = _best_mention(divisions.scan(text))
    return _decide(m, divisions, context or text) if m else None


def body_jurisdiction(text: str, divisions: DivisionTable) -> Division | None:
    """The division a report's body names most, at the level its own words (我区, 全市)
    suggest; names of two characters (城区, 和县) are too ambiguous to count here."""
    mentions = [m for m in divisions.scan(text, min_len=3)]
    if not mentions:
        return None
    votes = {lv: len(p.findall(text)) for lv, p in _LEVEL_WORDS.items()}
    level = max(votes, key=lambda lv: votes[lv]) if any(votes.values()) else None
    counts: dict[str, int] = {}
    chosen: dict[str, Division] = {}
    for m in mentions:
        d = _decide(m, divisions, text)
        counts[d.code] = counts.get(d.code, 0) + 1
        chosen[d.code] = d
    pool = [c for c in counts if chosen[c].level == level] or list(counts)
    code = max(pool, key=lambda c: (counts[c], level_rank(chosen[c])))
    return chosen[code]


def find_year(title: str, text: str, date: str | None = None) -> int | None:
    """The year the report covers."""
    m = _YEAR.search(arabic_years(title))
    if m:
        return int(m.group(1))
    body = arabic_years(text[:3000])
    m = _OPENING_YEAR.search(body)
    if m:
        return int(m.group(1))
    if date:
        y, mo = int(date[:4]), int(date[5:7])
        return y - 1 if mo <= 6 else y
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})年(?!\d{1,2}月)", arabic_years(text))]
    if years:
        return max(set(years), key=years.count)
    return None


def _iso(m: re.Match[str]) -> str | None:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_date(doc: Document) -> str | None:
    """Publication date: a date field in the header, else a date line at the end
    (the signature's date) or at the top."""
    lines = _lines(doc.text)
    head = lines[:12]
    tail = lines[-8:]
    for _, line in head + tail:
        line = arabic_years(line)
        f = _DATE_FIELD.search(line)
        if f:
            m = _DATE.match(line, f.end())
            if m and _iso(m):
                return _iso(m)
    for _, line in list(reversed(tail)) + head:
        line = arabic_years(line)
        if _DATE_LINE.match(line):
            m = _DATE.search(line)
            if m and _iso(m):
                return _iso(m)
    return None


def _clean_body(raw: str) -> str | None:
    """The body's name if ``raw`` (a field value, a title's beginning) is one."""
    raw = re.split(r"\s|发布时间|发布日期|时间|日期|作者|点击", raw.strip())[0]
    m = _BODY.fullmatch(raw)
    return m.group() if m else None


def divisions_start(line: str) -> bool:
    """Whether ``line`` begins with a division name (杭州市…)."""
    ms = table().scan(line[:20])
    return bool(ms) and ms[0].start == 0


def publisher_candidates(doc: Document, title: str) -> list[str]:
    """Raw publisher names, most trusted first: 发布机构-type fields, the body named at
    the start of the title, the signature at the end, 来源/责任部门 fields."""
    head = "\n".join(line for _, line in _lines(doc.text)[:12])
    out: list[str] = []
    for m in _FIELD_FIRST.finditer(head):
        body = _clean_body(m.group(1))
        if body:
            out.append(body)
    before = re.split(r"关于|(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}年", title, maxsplit=1)[0]
    parts = [p for p in re.split(r"[\s、，,]+", before) if p]
    bodies = [b for b in (_clean_body(p) for p in parts) if b]
    if bodies:
        gov = [b for b in bodies if b.endswith("政府")]
        out.append((gov or bodies)[-1])
    tail = _lines(doc.text)[-6:]
    for _, line in reversed(tail):
        if len(line) <= 24 and _BODY.fullmatch(line) and (_SIGNATURE_END.search(line) or divisions_start(line)):
            out.append(line)
            break
    for m in _FIELD_LATE.finditer(head):
        body = _clean_body(m.group(1) or m.group(2) or "")
        if body:
            out.append(body)
    return out


def publisher_name(raw: str, division: Division, divisions: DivisionTable) -> str:
    """Official form of a publishing body, by the schema's convention: bodies of a
    county-level division carry their city (福州市仓山区司法局), or in a municipality the
    municipality (北京市朝阳区司法局); city and province bodies their own name."""
    if raw.startswith("中共"):
        return raw
    owner = division
    body = raw
    mentions = divisions.scan(raw)
    if mentions and mentions[0].start == 0:
        m = mentions[0]
        fits = [c for c in m.candidates if divisions.is_within(division, c) or divisions.is_within(c, division)]
        owner = (fits or m.candidates)[0]
        body = raw[m.end :]
    else:
        lead = body[:1]
        if lead in "区县旗" and len(body) > 2:
            body = body[1:]
        elif lead == "市" and len(body) > 2:
            body = body[1:]
            if division.level == "county" and not division.name.endswith("市"):
                owner = divisions.city(division.code) or divisions.province(division.code) or division
        elif lead == "省" and len(body) > 2:
            body = body[1:]
            owner = divisions.province(division.code) or division
    if body in ("政府", ""):
        body = "人民政府"
    if owner.level == "county":
        city = divisions.city(owner.code)
        prefix = (city.name if city else divisions.province(owner.code).name) + owner.name
    else:
        prefix = owner.name
    return prefix + body


def extract_metadata(doc: Document, divisions: DivisionTable | None = None) -> ReportMeta:
    """Metadata of one report. Raises MetadataError when the jurisdiction or the
    year covered cannot be found."""
    divisions = divisions or table()
    title, t_start, t_end = find_title(doc)
    context = doc.text
    raw_publishers = publisher_candidates(doc, title)
    division = find_jurisdiction(title, divisions, context)
    if division is None:
        for raw in raw_publishers:
            division = find_jurisdiction(raw, divisions, context)
            if division is not None:
                break
    if division is None:
        division = body_jurisdiction(doc.text, divisions)
    if division is None:
        raise MetadataError("no detectable jurisdiction (no place name from the division table)")
    date = find_date(doc)
    year = find_year(title, doc.text, date)
    if year is None:
        raise MetadataError("no detectable year covered")
    publisher = publisher_name(raw_publishers[0] if raw_publishers else "人民政府", division, divisions)
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
