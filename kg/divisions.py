"""The administrative-division table (GB/T 2260), shipped as ``ontology/divisions.tsv``:
the current divisions and, marked ``current = no``, those abolished or recoded since that
older reports still name (杭州市江干区 until 2021); on a tie the current one wins.

Lookup by code, by short name (朝阳区), or by a full or partial chain (北京市朝阳区,
长春市朝阳区); ambiguous short names return every candidate so callers can decide
from context (see :func:`resolve`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import Division
from .resources import read_tsv

SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "省",
    "市",
    "新区",  # 滨海新区 -> 滨海, 浦东新区 -> 浦东 (清新区 keeps 清新: a stem needs two characters)
    "林区",  # 神农架林区 -> 神农架 (万柏林区 keeps 万柏林: see _MIN_STEM)
    "区",
    "县",
    "旗",
    "盟",
    "地区",
)


# Taiwan, Hong Kong and Macao: their districts' names (北区, 东区, 中区) are not looked up in
# the text of a mainland report, where they would match inside other words (渝北区)
_NOT_SCANNED = ("71", "81", "82")


class DivisionTable:
    def __init__(self, rows: list[Division]):
        self.by_code: dict[str, Division] = {d.code: d for d in rows}
        rows = [d for d in rows if not (d.code[:2] in _NOT_SCANNED and d.level != "province")]
        self.by_name: dict[str, list[Division]] = {}
        for d in rows:
            for key in {d.name, short_name(d.name)}:
                if len(key) >= 2:
                    self.by_name.setdefault(key, []).append(d)

        # names as written in running text: every full table name (朝阳区, 宁夏回族自治区)
        # and, for chains only, the short names of provinces (宁夏, 浙江)
        self.written: dict[str, list[Division]] = {}
        for d in rows:
            self.written.setdefault(d.name, []).append(d)
        self.province_short: dict[str, Division] = {short_name(d.name): d for d in rows if d.level == "province"}
        self.max_len = max((len(k) for k in self.written), default=0)

    def get(self, code: str) -> Division | None:
        return self.by_code.get(code)

    def chain(self, code: str) -> list[Division]:
        """The division and its parents, nearest first."""
        out = []
        d = self.by_code.get(code)
        while d is not None:
            out.append(d)
            d = self.by_code.get(d.parent) if d.parent else None
        return out

    def parents(self, code: str) -> list[Division]:
        return self.chain(code)[1:]

    def province(self, code: str) -> Division | None:
        ch = self.chain(code)
        return ch[-1] if ch else None

    def city(self, code: str) -> Division | None:
        for d in self.chain(code):
            if d.level == "city":
                return d
        return None

    def candidates(self, name: str) -> list[Division]:
        return list(self.by_name.get(name, []))

    def resolve(self, name: str, context: str = "") -> list[Division]:
        """Divisions named ``name`` (short or full form), best first.

        A chain such as 福州市仓山区 or 北京市朝阳区 is checked against the parents;
        for a bare ambiguous name the candidates whose parents' names appear in
        ``context`` are preferred.
        """
        name = name.strip()
        exact = [d for d in self.by_code.values() if d.full_name == name]
        if exact:
            return exact
        # longest known division name that ends the string
        best: list[Division] = []
        for i in range(len(name)):
            tail = name[i:]
            cands = self.by_name.get(tail)
            if cands:
                prefix = name[:i]
                if prefix:
                    cands = [d for d in cands if _prefix_fits(self, d, prefix)]
                if cands:
                    best = cands
                    break
        if len(best) > 1 and context:
            return self.disambiguate(best, context)
        return best

    def context_score(self, d: Division, context: str) -> int:
        """How strongly ``context`` points at ``d``: its chain written out (长春市朝阳区)
        counts ten times, each mention of a parent (长春, 吉林) once."""
        score = 0
        for p in self.parents(d.code):
            score += 10 * context.count(p.name + d.name)
            score += context.count(short_name(p.name))
        return score

    def disambiguate(self, candidates: list[Division], context: str) -> list[Division]:
        """``candidates`` best first by :meth:`context_score` (stable on ties)."""
        scores = {d.code: self.context_score(d, context) for d in candidates}
        return sorted(candidates, key=lambda d: (-scores[d.code], not d.current))

    def is_within(self, d: Division, ancestor: Division) -> bool:
        return any(x.code == ancestor.code for x in self.chain(d.code))

    def scan(self, text: str, min_len: int = 2) -> list[Mention]:
        """Division names written in ``text``, left to right, longest match first, with
        consecutive names joined into chains (浙江省杭州市西湖区 is one mention whose
        candidates are the 西湖区 under 杭州市). A province's short name (宁夏, 浙江)
        counts only when a division name follows it directly."""
        raw: list[Mention] = []
        i, n = 0, len(text)
        while i < n:
            hit = None
            for length in range(min(self.max_len, n - i), 1, -1):
                cands = self.written.get(text[i : i + length])
                if cands:
                    hit = Mention(i, i + length, list(cands), text[i : i + length])
                    break
            if hit is None:
                for length in (3, 2):
                    prov = self.province_short.get(text[i : i + length])
                    if prov is not None:
                        hit = Mention(i, i + length, [prov], text[i : i + length], short=True)
                        break
            if hit is None:
                i += 1
                continue
            raw.append(hit)
            i = hit.end
        out: list[Mention] = []
        for m in raw:
            prev = out[-1] if out else None
            if prev is not None and prev.end == m.start:
                inside = [c for c in m.candidates if any(self.is_within(c, p) for p in prev.candidates)]
                if inside:
                    out[-1] = Mention(prev.start, m.end, inside, prev.text + m.text, chained=True)
                    continue
            out.append(m)
        return [m for m in out if not m.short and len(m.text) >= min_len]


@dataclass
class Mention:
    """A division name (or chain of names) found in a text."""

    start: int
    end: int
    candidates: list[Division]
    text: str
    short: bool = False  # a bare province short name (浙江), not a mention on its own
    chained: bool = False  # more than one name (杭州市西湖区)


_LEVEL_RANK = {"province": 0, "city": 1, "county": 2}


def level_rank(d: Division) -> int:
    return _LEVEL_RANK.get(d.level, 0)


# the shortest stem a suffix may leave: 林区 ends ordinary district names (碑林区, 万柏林区),
# it is the forest-district suffix only after a longer name (神农架林区)
_MIN_STEM = {"林区": 3}


def short_name(name: str) -> str:
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= _MIN_STEM.get(suf, 2):
            return name[: -len(suf)]
    return name


def _prefix_fits(table: DivisionTable, d: Division, prefix: str) -> bool:
    rest = prefix
    for p in table.parents(d.code):
        for key in (p.name, short_name(p.name)):
            if rest.endswith(key):
                rest = rest[: -len(key)]
                break
    return rest == ""


@lru_cache(maxsize=1)
def table() -> DivisionTable:
    rows = [
        Division(
            code=r["code"],
            name=r["name"],
            level=r["level"],
            parent=r["parent"] or None,
            full_name=r["full_name"],
            current=r.get("current", "yes") != "no",
        )
        for r in read_tsv("divisions.tsv")
    ]
    return DivisionTable(rows)
