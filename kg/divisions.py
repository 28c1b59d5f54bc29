"""The administrative-division table (GB/T 2260), shipped as ``ontology/divisions.tsv``.

Lookup by code, by short name (朝阳区), or by a full or partial chain (北京市朝阳区,
长春市朝阳区); ambiguous short names return every candidate so callers can decide
from context (see :func:`resolve`).
"""

from __future__ import annotations

from functools import lru_cache

from .model import Division
from .resources import read_tsv

SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "省", "市", "区", "县", "旗", "盟", "地区")


class DivisionTable:
    def __init__(self, rows: list[Division]):
        self.by_code: dict[str, Division] = {d.code: d for d in rows}
        self.by_name: dict[str, list[Division]] = {}
        for d in rows:
            for key in {d.name, short_name(d.name)}:
                if len(key) >= 2:
                    self.by_name.setdefault(key, []).append(d)

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
            scored = sorted(best, key=lambda d: -sum(context.count(short_name(p.name)) for p in self.parents(d.code)))
            top = sum(context.count(short_name(p.name)) for p in self.parents(scored[0].code))
            second = sum(context.count(short_name(p.name)) for p in self.parents(scored[1].code))
            if top > second:
                return [scored[0]] + scored[1:]
        return best


def short_name(name: str) -> str:
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
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
        Division(code=r["code"], name=r["name"], level=r["level"], parent=r["parent"] or None, full_name=r["full_name"])
        for r in read_tsv("divisions.tsv")
    ]
    return DivisionTable(rows)
