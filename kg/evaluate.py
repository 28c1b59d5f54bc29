"""Score extractions against gold files in the shape of ``../shared/gold/SCHEMA.md``.

Matching rules (also in the README):

* metadata: the fields jurisdiction, adcode, year and publisher, each exact; a differing
  field counts once as a false positive and once as a miss.
* names of organizations, honor recipients and outcome subjects are compared after
  normalization (quotes, brackets and spaces removed) and after dropping leading names of
  the report's province and city (the schema allows names that differ only by such a prefix).
* organizations: name + type.
* initiatives: name + status; each name is first mapped to its canonical lexicon name
  through the aliases of ``ontology/initiatives.tsv`` (quotes and a leading 新时代 dropped).
* outcomes: value + unit (value equal to 4 significant decimals); ``outcomes_subject``
  additionally needs the subject.
* honors: recipient + title; titles match when equal after normalization, or when one
  contains the other, or when their character-bigram Dice similarity is at least 0.6.
* promotions: scope + practice; practices match like honor titles but with a Dice
  threshold of 0.4 (practices are free descriptions).

Every category is matched one-to-one (each gold item consumes at most one prediction).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .divisions import short_name, table
from .resources import read_tsv

CATEGORIES = ("metadata", "organizations", "initiatives", "outcomes", "outcomes_subject", "honors", "promotions")
META_FIELDS = ("jurisdiction", "adcode", "year", "publisher")
_PUNCT = re.compile(r"[\s“”‘’\"'「」『』《》〈〉()（）\[\]【】·•、,，.。:：;；!！?？]")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def norm_text(s: str) -> str:
    return _PUNCT.sub("", s or "")


@lru_cache(maxsize=1)
def alias_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_tsv("initiatives.tsv"):
        canon = row["name"]
        for alias in [canon, *filter(None, row.get("aliases", "").split("|"))]:
            out[_init_key(alias)] = canon
    return out


def _init_key(name: str) -> str:
    key = norm_text(name)
    if key.startswith("新时代"):
        key = key[3:]
    return key


def canonical_initiative(name: str) -> str:
    key = _init_key(name)
    return alias_map().get(key, key)


def _prefixes(adcode: str) -> list[str]:
    """Province and prefecture-level city names (long and short) of a jurisdiction's chain,
    the jurisdiction itself included when it is a province or a city, longest first."""
    t = table()
    names: set[str] = set()
    chain = t.chain(adcode)
    for i, d in enumerate(chain):
        if i == 0 and d.level not in ("province", "city"):
            continue
        names.update({d.name, short_name(d.name)})
    return sorted(names, key=lambda n: (-len(n), n))


@lru_cache(maxsize=1)
def _place_names() -> dict[str, list[str]]:
    """Division names (朝阳区, 乐清市, 延吉市) by first character."""
    out: dict[str, list[str]] = {}
    for d in table().by_code.values():
        out.setdefault(d.name[0], []).append(d.name)
    return out


def _starts_with_place(rest: str) -> bool:
    """Whether ``rest`` still names a place after a stripped prefix: 仓山区人民法院 does,
    人民政府 (of 福州市人民政府) does not, so a city's and a province's bodies stay apart."""
    return bool(rest) and any(rest.startswith(n) for n in _place_names().get(rest[0], ()))


# a party or CPPCC body puts the place after this head: 中共<place>委员会
_HEADS = ("中国人民政治协商会议", "中国共产党", "中共")


def norm_name(name: str, prefixes: list[str]) -> str:
    s = norm_text(name)
    head = next((h for h in _HEADS if s.startswith(h)), "")
    s = s[len(head) :]
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            if s.startswith(p) and _starts_with_place(s[len(p) :]):
                s = s[len(p) :]
                changed = True
                break  # restart: always strip the longest prefix that fits
    return head + s


def _bigrams(s: str) -> list[str]:
    return [s[i : i + 2] for i in range(len(s) - 1)] or [s]


def dice(a: str, b: str) -> float:
    ba, bb = _bigrams(a), _bigrams(b)
    pool = list(bb)
    common = 0
    for g in ba:
        if g in pool:
            pool.remove(g)
            common += 1
    return 2 * common / (len(ba) + len(bb)) if ba and bb else 0.0


def similar(a: str, b: str, threshold: float) -> bool:
    a, b = norm_text(a), norm_text(b)
    if not a or not b:
        return a == b
    return a == b or a in b or b in a or dice(a, b) >= threshold


def _match(
    gold: list[dict[str, Any]],
    pred: list[dict[str, Any]],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> Score:
    score = Score()
    unused = list(range(len(pred)))
    for g in gold:
        hit = next((i for i in unused if same(g, pred[i])), None)
        if hit is None:
            score.fn += 1
            score.misses.append(g)
        else:
            unused.remove(hit)
            score.tp += 1
    score.fp = len(unused)
    score.false_positives = [pred[i] for i in unused]
    return score


def _value_key(v: Any) -> float | None:
    try:
        return round(float(v), 4)
    except (TypeError, ValueError):
        return None


def score_report(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Score]:
    """Scores per category for one report; ``pred`` is ``Extraction.to_json()``."""
    adcode = gold["report"].get("adcode", "")
    pfx = _prefixes(adcode) if adcode else []
    nn: Callable[[str], str] = lambda s: norm_name(s or "", pfx)  # noqa: E731
    out: dict[str, Score] = {}

    meta = Score()
    for f in META_FIELDS:
        g, p = gold["report"].get(f), (pred.get("report") or {}).get(f)
        if f == "publisher":
            ok = nn(str(g)) == nn(str(p)) if g and p else g == p
        else:
            ok = str(g) == str(p)
        if ok:
            meta.tp += 1
        else:
            meta.fn += 1
            meta.misses.append({"field": f, "value": g})
            if p not in (None, ""):
                meta.fp += 1
                meta.false_positives.append({"field": f, "value": p})
    out["metadata"] = meta

    out["organizations"] = _match(
        gold.get("organizations", []),
        pred.get("organizations", []),
        lambda g, p: nn(g["name"]) == nn(p["name"]) and g.get("type") == p.get("type"),
    )
    out["initiatives"] = _match(
        _dedupe_initiatives(gold.get("initiatives", [])),
        _dedupe_initiatives(pred.get("initiatives", [])),
        lambda g, p: (
            canonical_initiative(g["name"]) == canonical_initiative(p["name"]) and g.get("status") == p.get("status")
        ),
    )

    def vu(g: dict, p: dict) -> bool:
        return _value_key(g.get("value")) == _value_key(p.get("value")) and (g.get("unit") or "") == (
            p.get("unit") or ""
        )

    out["outcomes"] = _match(gold.get("outcomes", []), pred.get("outcomes", []), vu)
    out["outcomes_subject"] = _match(
        gold.get("outcomes", []),
        pred.get("outcomes", []),
        lambda g, p: vu(g, p) and nn(g.get("subject", "")) == nn(p.get("subject", "")),
    )
    out["honors"] = _match(
        gold.get("honors", []),
        pred.get("honors", []),
        lambda g, p: nn(g["recipient"]) == nn(p["recipient"]) and similar(g["title"], p["title"], 0.6),
    )
    out["promotions"] = _match(
        gold.get("promotions", []),
        pred.get("promotions", []),
        lambda g, p: g.get("scope") == p.get("scope") and similar(g["practice"], p["practice"], 0.4),
    )
    return out


def _dedupe_initiatives(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One item per canonical name; implemented wins over planned (the schema's rule)."""
    best: dict[str, dict[str, Any]] = {}
    for it in items:
        key = canonical_initiative(it["name"])
        if key not in best or (it.get("status") == "implemented" and best[key].get("status") != "implemented"):
            best[key] = it
    return list(best.values())


@dataclass
class Evaluation:
    micro: dict[str, Score]
    reports: dict[str, dict[str, Score]]
    missing: list[str] = field(default_factory=list)  # gold files whose report was not found or not read

    def to_json(self) -> dict[str, Any]:
        return {
            "micro": {c: s.to_json() for c, s in self.micro.items()},
            "reports": {doc: {c: s.to_json() for c, s in cats.items()} for doc, cats in self.reports.items()},
        }


def evaluate(gold_files: dict[str, dict[str, Any]], predictions: dict[str, dict[str, Any]]) -> Evaluation:
    """Score ``predictions`` (doc name -> extraction JSON) against ``gold_files`` (doc name -> gold)."""
    micro = {c: Score() for c in CATEGORIES}
    reports: dict[str, dict[str, Score]] = {}
    missing = []
    for doc in sorted(gold_files):
        gold = gold_files[doc]
        pred = predictions.get(doc)
        if pred is None:
            missing.append(doc)
            pred = {"report": {}}
        scores = score_report(gold, pred)
        reports[doc] = scores
        for c in CATEGORIES:
            micro[c].add(scores[c])
    return Evaluation(micro=micro, reports=reports, missing=missing)


class GoldError(ValueError):
    """A gold file that cannot be read or does not have the schema's shape."""


_GOLD_LISTS = ("organizations", "initiatives", "outcomes", "honors", "promotions")


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """The gold files under ``gold_dir`` by report file name; GoldError names a broken file."""
    out = {}
    for f in sorted(Path(gold_dir).glob("*.gold.json")):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(f"{f}: not a readable JSON file ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("report"), dict):
            raise GoldError(f'{f}: not a gold file (expected an object with a "report" object)')
        for key in _GOLD_LISTS:
            items = data.get(key, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise GoldError(f'{f}: "{key}" must be a list of objects')
        out[data.get("doc") or f.name[: -len(".gold.json")]] = data
    return out


def format_table(result: Evaluation, verbose: bool = False) -> str:
    lines = [f"{'category':<18}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for c, s in result.micro.items():
        lines.append(f"{c:<18}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    lines.append("")
    lines.append("F1 per report: " + "  ".join(CATEGORIES))
    for doc, cats in result.reports.items():
        lines.append(f"  {doc:<32}" + " ".join(f"{cats[c].f1:>6.2f}" for c in CATEGORIES))
    if verbose:
        for doc, cats in result.reports.items():
            for c, s in cats.items():
                for m in s.misses:
                    lines.append(f"MISS {doc} {c}: {json.dumps(m, ensure_ascii=False)}")
                for p in s.false_positives:
                    lines.append(f"FP   {doc} {c}: {json.dumps(p, ensure_ascii=False)}")
    for doc in result.missing:
        lines.append(f"(no extraction for {doc})")
    return "\n".join(lines)
