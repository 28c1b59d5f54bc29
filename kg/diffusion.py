"""Policy diffusion over the store: who reported which initiative when.

A jurisdiction *adopts* an initiative in the first year one of its reports says the
practice is in place (status ``implemented``); a ``planned`` mention is listed but does
not count as an adoption. A corpus only shows when a practice was first *reported*, so
"first adopters" are the first reporting jurisdictions in this corpus.

Everything reads the store through the SPARQL files ``queries/diffusion-*.rq``
(parameters only as substitutions) and does the rest in Python: the adoption table,
first reporters, cumulative counts, spread statements, the top list, jurisdiction
profiles, portfolio similarity, the diffusion network (networkx), the event-history
panel, the SPID-shaped export and the cumulative-curve plot.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import math
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from .resources import queries_dir

ID = "https://w3id.org/govkg/id/"
IMPLEMENTED = "implemented"
PLANNED = "planned"


class QueryStore(Protocol):
    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any: ...


class UnknownName(ValueError):
    """A name that matches nothing (``suggestions`` holds close names) or several
    things (``candidates``)."""

    def __init__(self, message: str, suggestions: list[str] | None = None, candidates: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []
        self.candidates = candidates or []


# --------------------------------------------------------------------------- queries


@cache
def _query_text(name: str) -> str:
    return (queries_dir() / f"{name}.rq").read_text(encoding="utf-8")


def _term_value(term: Any) -> Any:
    """A Python value for an RDF term from pyoxigraph or rdflib (or a plain value)."""
    if term is None:
        return None
    if isinstance(term, (str, int, float, bool)):
        return term
    to_python = getattr(term, "toPython", None)  # rdflib
    if to_python is not None:
        value = to_python()
        return str(value) if not isinstance(value, (int, float, bool, str)) else value
    value = getattr(term, "value", term)
    datatype = getattr(term, "datatype", None)
    if datatype is not None:
        dt = getattr(datatype, "value", str(datatype))
        if dt.endswith(("#integer", "#int", "#long", "#short", "#gYear", "#nonNegativeInteger")):
            try:
                return int(value)
            except ValueError:
                return value
        if dt.endswith(("#decimal", "#double", "#float")):
            try:
                return float(value)
            except ValueError:
                return value
        if dt.endswith("#boolean"):
            return value in ("true", "1")
    return str(value)


def _rows(store: QueryStore, name: str, **iris: str) -> list[dict[str, Any]]:
    """Run ``queries/<name>.rq`` with the IRIs in ``iris`` substituted for the variables
    of the same names; each row is a dict of Python values (unbound: absent)."""
    subs = _substitutions(iris) if iris else None
    result = store.query(_query_text(name), subs) if subs else store.query(_query_text(name))
    out: list[dict[str, Any]] = []
    variables = [getattr(v, "value", str(v)).lstrip("?") for v in getattr(result, "variables", []) or []]
    for row in result:
        if isinstance(row, dict):
            items = {str(k).lstrip("?"): v for k, v in row.items()}
        elif variables:
            items = {}
            for var in variables:
                try:
                    items[var] = row[var]
                except (KeyError, IndexError):
                    items[var] = None
        else:  # rdflib ResultRow
            items = row.asdict()
        rec = {k: _term_value(v) for k, v in items.items() if v is not None}
        for k, v in iris.items():  # substituted variables are bound by definition
            rec.setdefault(k, v)
        out.append(rec)
    return out


def _substitutions(iris: dict[str, str]) -> dict[Any, Any]:
    from pyoxigraph import NamedNode, Variable

    return {Variable(k): NamedNode(v) for k, v in iris.items()}


# --------------------------------------------------------------------------- data


@dataclass
class Place:
    """A jurisdiction and where it sits (city-level unit and province)."""

    iri: str
    adcode: str
    name: str  # full name, 北京市朝阳区
    short: str  # 朝阳区
    level: str = ""
    province: str = ""
    province_code: str = ""
    city: str = ""  # adcode of the city-level unit it belongs to ("" for provinces)
    city_name: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _place(row: dict[str, Any]) -> Place:
    adcode = str(row["adcode"])
    level = row.get("level", "")
    name = row.get("jname") or row.get("short") or adcode
    city, city_name = "", ""
    parent = row.get("parent")
    parent_code = parent.rsplit("/", 1)[-1] if parent else ""
    parent_level = row.get("parentLevel", "")
    parent_name = row.get("parentName", "")
    if level == "city":
        city, city_name = adcode, name
    elif level == "county" and parent_code:
        # a district of a municipality (北京市) belongs to the municipality as its city;
        # a county directly under a province (省直辖县级市) belongs to no city
        if parent_level == "city" or parent_name.endswith("市"):
            city, city_name = parent_code, parent_name
    province = row.get("provinceName", "")
    province_code = str(row.get("provinceCode", ""))
    if level == "province":
        province, province_code = province or name, province_code or adcode
    return Place(
        iri=row["jurisdiction"],
        adcode=adcode,
        name=name,
        short=row.get("short") or name,
        level=level,
        province=province,
        province_code=province_code,
        city=city,
        city_name=city_name,
    )


@dataclass
class Adoption:
    """One jurisdiction reporting one initiative in one year (several mentions merged:
    implemented wins over planned; the evidence is the first sentence with that status)."""

    place: Place
    initiative: str  # concept IRI
    name: str  # canonical name
    origin: str
    year: int
    status: str
    report: str
    title: str
    evidence: str
    broader: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.place.name,
            "adcode": self.place.adcode,
            "province": self.place.province,
            "initiative": self.name,
            "origin": self.origin,
            "year": self.year,
            "status": self.status,
            "report": self.title or self.report,
            "evidence": self.evidence,
        }


def adoptions(store: QueryStore, initiative: str | None = None, jurisdiction: str | None = None) -> list[Adoption]:
    """Adoption rows (one per jurisdiction, initiative and year), sorted by initiative,
    year, division code."""
    iris = {}
    if initiative:
        iris["initiative"] = initiative
    if jurisdiction:
        iris["jurisdiction"] = jurisdiction
    grouped: dict[tuple[str, str, int], list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(store, "diffusion-adoptions", **iris):
        if not isinstance(row.get("year"), int):
            continue
        grouped[(row["jurisdiction"], row["initiative"], row["year"])].append(row)
    out = []
    for (_j, iri, year), rows in grouped.items():
        status = IMPLEMENTED if any(r.get("status") == IMPLEMENTED for r in rows) else PLANNED
        best = sorted(
            rows,
            key=lambda r: (
                r.get("status") != status,
                r.get("evidence") is None,
                r.get("start", 0),
                r.get("evidence", ""),
            ),
        )[0]
        out.append(
            Adoption(
                place=_place(best),
                initiative=iri,
                name=best["name"],
                origin=best.get("origin", ""),
                year=year,
                status=status,
                report=best.get("report", ""),
                title=best.get("title", ""),
                evidence=best.get("evidence", ""),
                broader=best.get("broaderName", ""),
            )
        )
    out.sort(key=lambda a: (a.name, a.year, a.place.adcode))
    return out


def places(store: QueryStore) -> list[Place]:
    """Every jurisdiction that has a report, by division code."""
    seen: dict[str, Place] = {}
    for row in _rows(store, "diffusion-jurisdictions"):
        seen.setdefault(row["jurisdiction"], _place(row))
    return sorted(seen.values(), key=lambda p: p.adcode)


def report_years(store: QueryStore) -> dict[str, list[int]]:
    """Jurisdiction IRI -> the sorted years its reports cover."""
    years: dict[str, set[int]] = defaultdict(set)
    for row in _rows(store, "diffusion-reports"):
        if isinstance(row.get("year"), int):
            years[row["jurisdiction"]].add(row["year"])
    return {j: sorted(ys) for j, ys in years.items()}


def first_adoptions(rows: list[Adoption]) -> dict[tuple[str, str], Adoption]:
    """(jurisdiction IRI, initiative IRI) -> the adoption: the first implemented year, or
    for a jurisdiction that only plans it, the first planned year."""
    out: dict[tuple[str, str], Adoption] = {}
    for a in sorted(rows, key=lambda a: (a.status != IMPLEMENTED, a.year)):
        out.setdefault((a.place.iri, a.initiative), a)
    return out


# --------------------------------------------------------------------------- initiative names


@dataclass
class Concept:
    iri: str
    name: str
    aliases: list[str] = field(default_factory=list)
    origin: str = ""
    category: str = ""
    broader: str = ""  # canonical name of the concept a local brand derives from
    local_brand: bool = False


def concepts(store: QueryStore) -> dict[str, Concept]:
    """Initiative concepts in the store by IRI."""
    out: dict[str, Concept] = {}
    for row in _rows(store, "diffusion-initiatives"):
        c = out.setdefault(row["initiative"], Concept(iri=row["initiative"], name=row["name"]))
        if row.get("alias") and row["alias"] not in c.aliases:
            c.aliases.append(row["alias"])
        c.origin = c.origin or row.get("origin", "")
        c.category = c.category or row.get("category", "")
        c.broader = c.broader or row.get("broaderName", "")
        c.local_brand = c.local_brand or bool(row.get("localBrand"))
    return out


def _initiative_iri(name: str) -> str:
    """``id:initiative/<first 16 hex of sha1(canonical name)>`` (docs/graph-model.md)."""
    try:
        from .graph import initiative_iri

        return str(initiative_iri(name))
    except ImportError:
        return f"{ID}initiative/{hashlib.sha1(name.encode('utf-8')).hexdigest()[:16]}"


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).strip()
    for ch in "“”\"'‘’「」《》 ":
        name = name.replace(ch, "")
    return name


def _lexicon_canonical(name: str) -> str | None:
    try:
        from . import lexicon
    except ImportError:
        return None
    try:
        return lexicon.canonical(name)
    except Exception:  # noqa: BLE001 - a lexicon in flux must not break lookups
        return None


def _lexicon_names() -> list[str]:
    try:
        from . import lexicon

        names: list[str] = []
        for entry in lexicon.entries():
            names.append(_entry_field(entry, "name"))
            names.extend(_entry_field(entry, "aliases") or [])
        return [n for n in names if n]
    except Exception:  # noqa: BLE001
        return []


def _entry_field(entry: Any, key: str) -> Any:
    return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)


def _words(text: str) -> set[str]:
    """The words of ``text`` (jieba's segmentation; single characters and punctuation dropped)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return {w for w in jieba.lcut(_norm(text)) if len(w) > 1}


def word_overlap(name: str, pool: list[str], n: int = 5, cutoff: float = 0.34) -> list[str]:
    """Names of ``pool`` sharing most words with ``name`` (Jaccard over jieba words), best
    first: catches the same practice under another word order (三项执法制度 for
    行政执法三项制度, 普法谁执法谁 for 谁执法谁普法), which character similarity misses."""
    words = _words(name)
    if not words:
        return []
    scored = []
    for candidate in pool:
        other = _words(candidate)
        if other:
            j = len(words & other) / len(words | other)
            if j >= cutoff:
                scored.append((-j, len(candidate), candidate))
    return [c for _, _, c in sorted(scored)[:n]]


def resolve_initiative(store: QueryStore, name: str) -> Concept:
    """The concept named ``name`` (canonical name or alias, quotes ignored). Unknown:
    :class:`UnknownName` with "did you mean" suggestions from the lexicon and the store."""
    known = concepts(store)
    by_name: dict[str, Concept] = {}
    for c in known.values():
        by_name.setdefault(_norm(c.name), c)
    for c in known.values():
        for alias in c.aliases:
            by_name.setdefault(_norm(alias), c)
    canonical = _lexicon_canonical(name)
    for candidate in (canonical, name):
        if candidate and _norm(candidate) in by_name:
            return by_name[_norm(candidate)]
    if canonical:  # in the lexicon, but no report in this store mentions it
        return Concept(iri=_initiative_iri(canonical), name=canonical)
    pool = sorted(
        {*(c.name for c in known.values()), *(a for c in known.values() for a in c.aliases), *_lexicon_names()}
    )
    target = _norm(name)
    scored = difflib.get_close_matches(name, pool, n=5, cutoff=0.4)
    contains = [p for p in pool if target and (target in _norm(p) or _norm(p) in target)]
    suggestions: list[str] = []
    for s in contains + word_overlap(name, pool) + scored:
        canon = _lexicon_canonical(s) or (by_name[_norm(s)].name if _norm(s) in by_name else s)
        if canon not in suggestions:
            suggestions.append(canon)
    raise UnknownName(f"unknown initiative {name!r}", suggestions=suggestions[:5])


# --------------------------------------------------------------------------- diffusion of one initiative


@dataclass
class Spread:
    practice: str
    scope: str
    jurisdiction: str
    year: int | None
    report: str
    evidence: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Diffusion:
    concept: Concept
    rows: list[Adoption]  # every (jurisdiction, year) report, implemented and planned
    adopters: list[Adoption]  # the first implemented report per jurisdiction, by year
    planned_only: list[Adoption]  # jurisdictions that only plan it
    first_year: int | None
    first_reporters: list[Place]
    cumulative: list[tuple[int, int, list[str]]]  # (year, adopters so far, new adopters)
    spread: list[Spread]
    narrower: list[str]  # local brands deriving from it

    def to_json(self) -> dict[str, Any]:
        return {
            "initiative": self.concept.name,
            "origin": self.concept.origin,
            "broader": self.concept.broader or None,
            "local_brands": self.narrower,
            "adoptions": [a.to_json() for a in self.rows],
            "first_year": self.first_year,
            "first_reporters": [p.name for p in self.first_reporters],
            "cumulative": [{"year": y, "adopters": n, "new": new} for y, n, new in self.cumulative],
            "planned_only": [a.place.name for a in self.planned_only],
            "spread": [s.to_json() for s in self.spread],
        }


def cumulative_counts(
    adopters: list[Adoption], last_year: int | None = None, others: list[Adoption] = ()
) -> list[tuple[int, int, list[str]]]:
    """(year, cumulative number of adopters, names of that year's new adopters) for every
    year from the first adoption to ``last_year`` (default: the last adoption). A short
    name shared with another adopter or with a place in ``others`` (the planned-only ones)
    is written in full."""
    if not adopters:
        return []
    first = min(a.year for a in adopters)
    last = max([a.year for a in adopters] + ([last_year] if last_year else []))
    shorts = [a.place.short for a in [*adopters, *others]]
    # a short name two adopters share (朝阳区: Beijing and Changchun) is written in full
    label = {a.place.adcode: a.place.name if shorts.count(a.place.short) > 1 else a.place.short for a in adopters}
    out = []
    total = 0
    for year in range(first, last + 1):
        new = [label[a.place.adcode] for a in adopters if a.year == year]
        total += len(new)
        out.append((year, total, new))
    return out


def diffusion(store: QueryStore, name: str) -> Diffusion:
    concept = resolve_initiative(store, name)
    rows = adoptions(store, initiative=concept.iri)
    firsts = first_adoptions(rows)
    adopters = sorted((a for a in firsts.values() if a.status == IMPLEMENTED), key=lambda a: (a.year, a.place.adcode))
    planned_only = sorted(
        (a for a in firsts.values() if a.status != IMPLEMENTED), key=lambda a: (a.year, a.place.adcode)
    )
    first_year = adopters[0].year if adopters else None
    first_reporters = [a.place for a in adopters if a.year == first_year]
    all_years = [y for ys in report_years(store).values() for y in ys]
    cumulative = cumulative_counts(adopters, max(all_years) if all_years else None, planned_only)
    all_concepts = concepts(store)
    concept_full = all_concepts.get(concept.iri, concept)
    narrower = sorted(c.name for c in all_concepts.values() if c.broader == concept_full.name)
    return Diffusion(
        concept=concept_full,
        rows=rows,
        adopters=adopters,
        planned_only=planned_only,
        first_year=first_year,
        first_reporters=first_reporters,
        cumulative=cumulative,
        spread=spread_statements(store, concept_full),
        narrower=narrower,
    )


def spread_statements(store: QueryStore, concept: Concept) -> list[Spread]:
    """Promotions linked to the concept, or whose practice names it or one of its aliases."""
    names = [_norm(n) for n in [concept.name, *concept.aliases] if len(_norm(n)) >= 2]
    out = []
    seen = set()
    for row in _rows(store, "diffusion-promotions"):
        practice = row.get("practice", "")
        linked = row.get("initiative") == concept.iri
        if not linked and not any(n in _norm(practice) or n in _norm(row.get("evidence", "")) for n in names):
            continue
        if row["promotion"] in seen:
            continue
        seen.add(row["promotion"])
        out.append(
            Spread(
                practice=practice,
                scope=row.get("scope", ""),
                jurisdiction=row.get("jname", ""),
                year=row.get("year"),
                report=row.get("title") or row.get("report", ""),
                evidence=row.get("evidence", ""),
            )
        )
    out.sort(key=lambda s: (s.year or 0, s.jurisdiction, s.practice))
    return out


# --------------------------------------------------------------------------- top list


@dataclass
class TopRow:
    initiative: str
    origin: str
    adopters: int
    first_year: int
    latest_year: int
    provinces: list[str]
    planned_only: int

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["province_count"] = len(self.provinces)
        return d


def top(store: QueryStore, n: int = 10) -> list[TopRow]:
    """Initiatives by number of adopting jurisdictions (then provinces reached, earliest
    first year, name). ``first_year``/``latest_year``: the earliest and latest year in
    which a jurisdiction is first reported to implement it."""
    firsts = first_adoptions(adoptions(store))
    by_init: dict[str, list[Adoption]] = defaultdict(list)
    for a in firsts.values():
        by_init[a.initiative].append(a)
    out = []
    for group in by_init.values():
        impl = [a for a in group if a.status == IMPLEMENTED]
        if not impl:
            continue
        out.append(
            TopRow(
                initiative=impl[0].name,
                origin=impl[0].origin,
                adopters=len(impl),
                first_year=min(a.year for a in impl),
                latest_year=max(a.year for a in impl),
                provinces=sorted({a.place.province for a in impl if a.place.province}),
                planned_only=len(group) - len(impl),
            )
        )
    out.sort(key=lambda r: (-r.adopters, -len(r.provinces), r.first_year, r.initiative))
    return out[:n] if n > 0 else out


# --------------------------------------------------------------------------- jurisdictions


def resolve_jurisdiction(store: QueryStore, name: str) -> Place:
    """A jurisdiction with reports in the store, by division code, full name or short
    name (suffix optional). Several matches: :class:`UnknownName` with ``candidates``."""
    known = places(store)
    name = name.strip()
    key = _norm(name)
    for test in (
        lambda p: p.adcode == key,
        lambda p: _norm(p.name) == key,
        lambda p: _norm(p.short) == key,
        lambda p: _strip_suffix(p.short) == _strip_suffix(key) and len(_strip_suffix(key)) >= 2,
        lambda p: _norm(p.name).endswith(key) and len(key) >= 2,
    ):
        hits = [p for p in known if test(p)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise UnknownName(
                f"{name!r} is ambiguous; give the full name or the division code",
                candidates=[f"{p.adcode} {p.name}" for p in hits],
            )
    pool = sorted({p.name for p in known} | {p.short for p in known})
    raise UnknownName(
        f"no reports for jurisdiction {name!r} in this store",
        suggestions=difflib.get_close_matches(name, pool, n=5, cutoff=0.3),
    )


def _strip_suffix(name: str) -> str:
    from .divisions import short_name

    return short_name(_norm(name))


@dataclass
class Profile:
    place: Place
    reports: list[dict[str, Any]]
    initiatives: list[dict[str, Any]]  # initiative, year, status, role
    outcomes: list[dict[str, Any]]
    honors: list[dict[str, Any]]
    organizations: dict[str, list[str]]  # type -> names
    leader: list[str]
    follower: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.place.to_json(),
            "reports": self.reports,
            "initiatives": self.initiatives,
            "outcomes": self.outcomes,
            "honors": self.honors,
            "organizations": self.organizations,
            "leader": self.leader,
            "follower": self.follower,
        }


def roles(firsts: dict[tuple[str, str], Adoption], jurisdiction: str) -> dict[str, tuple[str, int, int, int]]:
    """Initiative IRI -> (role, earlier, same year, later) for the jurisdiction's
    implemented initiatives that others implement too. ``leader``: reported before more
    than half of the other adopters; ``follower``: after more than half; else ``""``."""
    by_init: dict[str, list[Adoption]] = defaultdict(list)
    for a in firsts.values():
        if a.status == IMPLEMENTED:
            by_init[a.initiative].append(a)
    out = {}
    for (j, iri), own in firsts.items():
        if j != jurisdiction or own.status != IMPLEMENTED:
            continue
        others = [a for a in by_init[iri] if a.place.iri != jurisdiction]
        if not others:
            continue
        earlier = sum(a.year < own.year for a in others)
        later = sum(a.year > own.year for a in others)
        same = len(others) - earlier - later
        role = "leader" if later * 2 > len(others) else "follower" if earlier * 2 > len(others) else ""
        out[iri] = (role, earlier, same, later)
    return out


def profile(store: QueryStore, name: str) -> Profile:
    place = resolve_jurisdiction(store, name)
    j = place.iri
    reports = sorted(
        (
            {"year": r.get("year"), "title": r.get("title", ""), "file": r.get("fileName", ""), "report": r["report"]}
            for r in _rows(store, "diffusion-reports", jurisdiction=j)
        ),
        key=lambda r: (r["year"] or 0, r["title"]),
    )
    firsts = first_adoptions(adoptions(store))
    own_roles = roles(firsts, j)
    initiatives = []
    for a in adoptions(store, jurisdiction=j):
        role = own_roles.get(a.initiative, ("", 0, 0, 0))
        is_first = firsts[(j, a.initiative)].year == a.year
        initiatives.append(
            {
                "initiative": a.name,
                "year": a.year,
                "status": a.status,
                "origin": a.origin,
                "role": role[0] if is_first and a.status == IMPLEMENTED else "",
                "earlier": role[1],
                "same_year": role[2],
                "later": role[3],
            }
        )
    initiatives.sort(key=lambda r: (r["year"], r["status"] != IMPLEMENTED, r["initiative"]))
    names = {a.initiative: a.name for a in firsts.values()}
    leader = sorted(names[i] for i, r in own_roles.items() if r[0] == "leader")
    follower = sorted(names[i] for i, r in own_roles.items() if r[0] == "follower")
    outcomes = sorted(
        (
            {
                "year": r.get("year"),
                "indicator": r.get("indicator", ""),
                "value": r.get("value"),
                "unit": r.get("unit", ""),
                "approx": bool(r.get("approx", False)),
                "change": bool(r.get("isChange", False)),
                "subject": r.get("subjectName", ""),
            }
            for r in _rows(store, "diffusion-outcomes", jurisdiction=j)
        ),
        key=lambda r: (r["year"] or 0, r["indicator"], str(r["value"])),
    )
    honors = sorted(
        (
            {"year": r.get("year"), "recipient": r.get("recipientName", ""), "title": r.get("title", "")}
            for r in _rows(store, "diffusion-honors", jurisdiction=j)
        ),
        key=lambda r: (r["year"] or 0, r["recipient"], r["title"]),
    )
    orgs: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "diffusion-organizations", jurisdiction=j):
        if r.get("orgJurisdiction") in (None, j):
            orgs[r.get("orgType") or "Other"].add(r["name"])
    return Profile(
        place=place,
        reports=reports,
        initiatives=initiatives,
        outcomes=outcomes,
        honors=honors,
        organizations={t: sorted(ns) for t, ns in sorted(orgs.items())},
        leader=leader,
        follower=follower,
    )


# --------------------------------------------------------------------------- similarity


@dataclass
class Similar:
    place: Place
    score: float
    jaccard: float
    shared: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.place.name,
            "adcode": self.place.adcode,
            "province": self.place.province,
            "score": round(self.score, 4),
            "jaccard": round(self.jaccard, 4),
            "shared": self.shared,
        }


def portfolios(store: QueryStore) -> tuple[dict[str, set[str]], dict[str, Place], dict[str, str]]:
    """Implemented initiatives per jurisdiction IRI, the places, initiative names."""
    port: dict[str, set[str]] = defaultdict(set)
    where: dict[str, Place] = {}
    names: dict[str, str] = {}
    for a in adoptions(store):
        if a.status == IMPLEMENTED:
            port[a.place.iri].add(a.initiative)
            where[a.place.iri] = a.place
            names[a.initiative] = a.name
    return dict(port), where, names


def idf_weights(port: dict[str, set[str]]) -> dict[str, float]:
    """w(i) = ln(N / df(i)): an initiative every jurisdiction implements weighs 0."""
    n = len(port)
    df: dict[str, int] = defaultdict(int)
    for items in port.values():
        for i in items:
            df[i] += 1
    return {i: math.log(n / d) for i, d in df.items()}


def weighted_jaccard(a: set[str], b: set[str], w: dict[str, float]) -> float:
    union = sum(w[i] for i in a | b)
    return sum(w[i] for i in a & b) / union if union > 0 else 0.0


def similar(store: QueryStore, name: str, n: int = 10, measure: str = "idf") -> tuple[Place, list[Similar]]:
    """Jurisdictions whose implemented-initiative portfolio is closest to ``name``'s.
    ``idf`` (default): Jaccard with every initiative weighted by ln(N/df), so sharing a
    rare initiative counts and sharing what everyone does counts for nothing;
    ``jaccard``: plain |A∩B|/|A∪B|."""
    place = resolve_jurisdiction(store, name)
    port, where, names = portfolios(store)
    own = port.get(place.iri, set())
    w = idf_weights(port) if measure == "idf" else {i: 1.0 for items in port.values() for i in items}
    out = []
    for j, items in port.items():
        if j == place.iri:
            continue
        jac = len(own & items) / len(own | items) if own | items else 0.0
        out.append(
            Similar(
                place=where[j],
                score=weighted_jaccard(own, items, w),
                jaccard=jac,
                shared=sorted(names[i] for i in own & items),
            )
        )
    out.sort(key=lambda s: (-s.score, -s.jaccard, s.place.adcode))
    return place, (out[:n] if n > 0 else out)


# --------------------------------------------------------------------------- network


def network(store: QueryStore) -> nx.DiGraph:
    """Jurisdictions as nodes; an edge u -> v when u implemented an initiative in an
    earlier year than v, weighted by the number of such initiatives. Edge attributes:
    ``same_province``/``same_city`` (horizontal), ``national`` (how many of the
    initiatives are national: vertical), ``initiatives`` ("|"-joined). Node attributes
    include ``out_weight`` (weighted out-degree: how many (initiative, later adopter) pairs
    it preceded), ``in_weight`` and ``leader_score`` (out-degree centrality: the share of
    the other jurisdictions that reported at least one of its initiatives after it)."""
    g = nx.DiGraph()
    for p in places(store):
        g.add_node(p.adcode, **_node_attrs(p))
    firsts = first_adoptions(adoptions(store))
    by_init: dict[str, list[Adoption]] = defaultdict(list)
    for a in firsts.values():
        if a.status == IMPLEMENTED:
            by_init[a.initiative].append(a)
            if a.place.adcode not in g:
                g.add_node(a.place.adcode, **_node_attrs(a.place))
    edge_inits: dict[tuple[str, str], list[Adoption]] = defaultdict(list)
    for group in by_init.values():
        first_year = min(a.year for a in group)
        for a in group:
            g.nodes[a.place.adcode]["adoptions"] += 1
            if a.year == first_year:
                g.nodes[a.place.adcode]["first_reports"] += 1
        for a in group:
            for b in group:
                if a.year < b.year:
                    edge_inits[(a.place.adcode, b.place.adcode)].append(a)
    for (u, v), inits in sorted(edge_inits.items()):
        pu, pv = g.nodes[u], g.nodes[v]
        national = sum(1 for a in inits if a.origin == "national")
        g.add_edge(
            u,
            v,
            weight=len(inits),
            national=national,
            local=len(inits) - national,
            same_province=bool(pu["province_code"]) and pu["province_code"] == pv["province_code"],
            same_city=bool(pu["city"]) and pu["city"] == pv["city"],
            initiatives="|".join(sorted(a.name for a in inits)),
        )
    for node, strength in g.out_degree(weight="weight"):
        g.nodes[node]["out_weight"] = int(strength)
    for node, strength in g.in_degree(weight="weight"):
        g.nodes[node]["in_weight"] = int(strength)
    scores = nx.out_degree_centrality(g) if len(g) > 1 else {}
    for node in g:
        g.nodes[node]["leader_score"] = round(scores.get(node, 0.0), 6)
    return g


def _node_attrs(p: Place) -> dict[str, Any]:
    return {
        "label": p.short,
        "name": p.name,
        "adcode": p.adcode,
        "level": p.level,
        "province": p.province,
        "province_code": p.province_code,
        "city": p.city,
        "city_name": p.city_name,
        "adoptions": 0,
        "first_reports": 0,
    }


def leaders(g: nx.DiGraph, n: int = 10) -> list[dict[str, Any]]:
    rows = [
        {
            "adcode": node,
            "jurisdiction": d["name"],
            "province": d["province"],
            "leader_score": d["leader_score"],
            "out_weight": d["out_weight"],
            "in_weight": d["in_weight"],
            "adoptions": d["adoptions"],
            "first_reports": d["first_reports"],
        }
        for node, d in g.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["out_weight"], -r["leader_score"], r["in_weight"], r["adcode"]))
    return rows[:n] if n > 0 else rows


def edges(g: nx.DiGraph) -> list[dict[str, Any]]:
    return [
        {"source": u, "target": v, "source_name": g.nodes[u]["name"], "target_name": g.nodes[v]["name"], **d}
        for u, v, d in sorted(g.edges(data=True))
    ]


def write_network(g: nx.DiGraph, path: Path) -> None:
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".graphml":
        nx.write_graphml(g, path)
    elif suffix == ".gexf":
        nx.write_gexf(g, path)
    else:
        raise ValueError(f"{path}: the network file must end in .graphml or .gexf")


# --------------------------------------------------------------------------- exports


PANEL_COLUMNS = [
    "jurisdiction",
    "adcode",
    "province",
    "policy",
    "year",
    "reported",
    "adopted",
    "adopted_by",
    "at_risk",
    "adopt_year",
    "left_censored",
]


def panel(store: QueryStore, d: Diffusion) -> list[dict[str, Any]]:
    """Event-history panel: one row per jurisdiction with reports and year, from its first
    report to its last. ``adopted``: 1 in the year of adoption (the event); ``adopted_by``:
    1 from then on; ``at_risk``: 1 until and including the adoption year (keep these rows
    for a discrete-time hazard model); ``reported``: a report covers that year;
    ``left_censored``: adopted in its first reported year, so possibly earlier."""
    years = report_years(store)
    adopt = {a.place.iri: a.year for a in d.adopters}
    rows = []
    for p in places(store):
        ys = years.get(p.iri, [])
        if not ys:
            continue
        y_adopt = adopt.get(p.iri)
        first = min(ys + ([y_adopt] if y_adopt else []))
        last = max(ys)
        for year in range(first, last + 1):
            rows.append(
                {
                    "jurisdiction": p.name,
                    "adcode": p.adcode,
                    "province": p.province,
                    "policy": d.concept.name,
                    "year": year,
                    "reported": int(year in ys),
                    "adopted": int(y_adopt == year),
                    "adopted_by": int(y_adopt is not None and year >= y_adopt),
                    "at_risk": int(y_adopt is None or year <= y_adopt),
                    "adopt_year": y_adopt if y_adopt is not None else "",
                    "left_censored": int(y_adopt is not None and y_adopt == min(ys)),
                }
            )
    return rows


SPID_COLUMNS = ["jurisdiction", "policy", "adopt_year", "adcode", "province", "status", "origin", "report", "evidence"]


def spid(store: QueryStore) -> list[dict[str, Any]]:
    """Every adoption in the shape of the State Policy Innovation and Diffusion (SPID)
    database (jurisdiction, policy, adopt_year), one row per jurisdiction and policy, plus
    our division code, province, status (``planned``: never reported implemented),
    origin, report and evidence."""
    out = []
    for a in first_adoptions(adoptions(store)).values():
        out.append(
            {
                "jurisdiction": a.place.name,
                "policy": a.name,
                "adopt_year": a.year,
                "adcode": a.place.adcode,
                "province": a.place.province,
                "status": a.status,
                "origin": a.origin,
                "report": a.title or a.report,
                "evidence": a.evidence,
            }
        )
    out.sort(key=lambda r: (r["policy"], r["adopt_year"], r["adcode"]))
    return out


# --------------------------------------------------------------------------- rendering


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, float):
        return f"{v:g}" if v.is_integer() or abs(v) >= 1000 else f"{v:.3f}".rstrip("0").rstrip(".")
    if isinstance(v, (list, tuple)):
        return "、".join(str(x) for x in v)
    return str(v).replace("\n", " ")


def text_table(headers: list[str], rows: list[list[Any]], max_width: int = 60) -> str:
    """An aligned plain-text table (CJK characters count two columns)."""
    cells = [[_clip(_cell(v), max_width) for v in r] for r in rows]
    widths = [_width(h) for h in headers]
    for r in cells:
        for i, c in enumerate(r):
            widths[i] = max(widths[i], _width(c))

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (widths[i] - _width(v)) for i, v in enumerate(values)).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def _clip(s: str, n: int) -> str:
    if _width(s) <= n:
        return s
    out = ""
    for ch in s:
        if _width(out + ch) > n - 1:
            break
        out += ch
    return out + "…"


def to_csv(rows: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    columns = columns or (list(rows[0]) if rows else [])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _cell(v) if isinstance(v, (list, tuple, bool)) else v for k, v in r.items()})
    return buf.getvalue()


def to_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def text_chart(cumulative: list[tuple[int, int, list[str]]], width: int = 30) -> str:
    """The cumulative adopters by year as a bar per year."""
    if not cumulative:
        return ""
    top_n = max(n for _, n, _ in cumulative) or 1
    lines = []
    for year, n, new in cumulative:
        bar = "█" * max(1 if n else 0, round(n * width / top_n)) if n else ""
        extra = f"  +{'、'.join(new)}" if new else ""
        lines.append(f"{year}  {bar:<{width}}  {n}{extra}")
    return "\n".join(lines)


ADOPTION_HEADERS = ["jurisdiction", "adcode", "province", "year", "status", "report", "evidence"]


def adoption_rows(d: Diffusion) -> list[dict[str, Any]]:
    return [
        {
            "jurisdiction": a.place.name,
            "adcode": a.place.adcode,
            "province": a.place.province,
            "year": a.year,
            "status": a.status,
            "report": a.title or a.report,
            "evidence": a.evidence,
        }
        for a in sorted(d.rows, key=lambda a: (a.year, a.place.adcode))
    ]


def format_diffusion(d: Diffusion) -> str:
    c = d.concept
    head = f"{c.name}"
    facts = [x for x in (c.origin and f"origin: {c.origin}", c.category and f"category: {c.category}") if x]
    if facts:
        head += f"  ({', '.join(facts)})"
    out = [head]
    if c.broader:
        out.append(f"local brand deriving from the national initiative: {c.broader}")
    if d.narrower:
        out.append(f"local brands deriving from it: {'、'.join(d.narrower)}")
    out.append("")
    if not d.rows:
        out.append("no report in this store mentions it")
        return "\n".join(out) + "\n"
    rows = adoption_rows(d)
    out.append(text_table(ADOPTION_HEADERS, [[r[h] for h in ADOPTION_HEADERS] for r in rows]))
    out.append("")
    if d.first_reporters:
        names = "、".join(p.name for p in d.first_reporters)
        out.append(
            f"first reported in this corpus: {d.first_year} by {names} "
            f"(the corpus shows when a practice was first reported, not when it began)"
        )
        out.append("")
        out.append(f"jurisdictions reporting it implemented, cumulative ({len(d.adopters)} in all):")
        out.append(text_chart(d.cumulative))
    else:
        out.append("no jurisdiction reports it implemented yet")
    if d.planned_only:
        out.append(f"planned only: {'、'.join(f'{a.place.name} ({a.year})' for a in d.planned_only)}")
    out.append("")
    if d.spread:
        out.append("spread statements:")
        for s in d.spread:
            out.append(f"  [{s.scope or '?'}] {s.year or ''} {s.jurisdiction}: {s.practice} | {s.evidence}")
    else:
        out.append("spread statements: none")
    return "\n".join(out) + "\n"


def format_top(rows: list[TopRow]) -> str:
    headers = ["rank", "initiative", "origin", "adopters", "first_year", "latest_year", "provinces", "reached"]
    return (
        text_table(
            headers,
            [
                [i + 1, r.initiative, r.origin, r.adopters, r.first_year, r.latest_year, len(r.provinces), r.provinces]
                for i, r in enumerate(rows)
            ],
        )
        + "\n"
    )


def format_profile(p: Profile) -> str:
    pl = p.place
    out = [f"{pl.name} ({pl.adcode}, {pl.level or '?'}; province {pl.province or '?'})", ""]
    out.append(f"reports ({len(p.reports)}):")
    out.extend(f"  {r['year']}  {r['title'] or r['file']}" for r in p.reports)
    out.append("")
    by_year: dict[tuple[int, str], list[str]] = defaultdict(list)
    for r in p.initiatives:
        by_year[(r["year"], r["status"])].append(r["initiative"] + (f" [{r['role']}]" if r["role"] else ""))
    out.append(f"initiatives by year and status ({len({r['initiative'] for r in p.initiatives})} distinct):")
    for (year, status), names in sorted(by_year.items(), key=lambda kv: (kv[0][0], kv[0][1] != IMPLEMENTED)):
        out.append(f"  {year} {status} ({len(names)}): {'、'.join(names)}")
    out.append("")
    out.append(f"leader (reported before most other adopters): {'、'.join(p.leader) or '-'}")
    out.append(f"follower (reported after most other adopters): {'、'.join(p.follower) or '-'}")
    out.append("")
    out.append(f"outcomes ({len(p.outcomes)}):")
    if p.outcomes:
        out.append(
            text_table(
                ["year", "indicator", "value", "unit", "subject"],
                [
                    [
                        o["year"],
                        o["indicator"],
                        ("约" if o["approx"] else "") + _cell(o["value"]),
                        o["unit"],
                        o["subject"],
                    ]
                    for o in p.outcomes
                ],
            )
        )
    out.append("")
    out.append(f"honors ({len(p.honors)}):")
    out.extend(f"  {h['year']}  {h['recipient']}: {h['title']}" for h in p.honors)
    out.append("")
    out.append(f"organizations by type ({sum(len(v) for v in p.organizations.values())}):")
    out.extend(f"  {t} ({len(ns)}): {'、'.join(ns)}" for t, ns in p.organizations.items())
    return "\n".join(out) + "\n"


def profile_rows(p: Profile) -> list[dict[str, Any]]:
    """The profile as CSV: one row per initiative, year and status."""
    return [{"jurisdiction": p.place.name, "adcode": p.place.adcode, **r} for r in p.initiatives]


# --------------------------------------------------------------------------- plot


CJK_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def cjk_font() -> str | None:
    """The family name of an installed CJK font (registered with matplotlib), or None."""
    from matplotlib import font_manager

    for path in CJK_FONT_FILES:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    for f in font_manager.fontManager.ttflist:
        if any(k in f.name for k in ("WenQuanYi", "Noto Sans CJK", "Noto Serif CJK", "Source Han", "SimHei")):
            return f.name
    return None


def plot(d: Diffusion, path: Path) -> str | None:
    """Draw the cumulative adoption curve as PNG. Returns a warning when no CJK font is
    installed (labels then fall back to division codes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = cjk_font()
    warning = None
    if font:
        matplotlib.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
        matplotlib.rcParams["axes.unicode_minus"] = False
        code_of = {a.place.short: a.place.short for a in d.adopters}
    else:
        warning = "no CJK font installed (Debian: fonts-wqy-microhei); labels use division codes"
        code_of = {a.place.short: a.place.adcode for a in d.adopters}
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=120)
    years = [y for y, _, _ in d.cumulative]
    counts = [n for _, n, _ in d.cumulative]
    if years:
        ax.step(years, counts, where="post", color="#1f77b4", linewidth=2)
        ax.plot(years, counts, "o", color="#1f77b4")
        for y, n, new in d.cumulative:
            if new:
                ax.annotate(
                    "、".join(code_of[s] for s in new), (y, n), textcoords="offset points", xytext=(4, 6), fontsize=8
                )
        ax.set_xticks(years)
        ax.set_ylim(0, max(counts) + 1)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if font:
        ax.set_title(f"{d.concept.name}：累计报告实施的地区数")
        ax.set_xlabel("首次报告年份")
        ax.set_ylabel("累计地区数")
    else:
        ax.set_title("cumulative adopters")
        ax.set_xlabel("year first reported")
        ax.set_ylabel("jurisdictions")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png")
    plt.close(fig)
    return warning


# --------------------------------------------------------------------------- command output

FORMATS = ("table", "json", "csv")


def open_store(path: Path) -> QueryStore:
    """The store ``govkg build`` wrote at ``path``, read-only (a running build does not
    lock it out); StoreError when there is none, ``path`` is not a store or it cannot be
    opened (:func:`kg.store.check_location`)."""
    from .store import Store

    return Store(path, read_only=True)


def render_diffusion(d: Diffusion, fmt: str) -> str:
    if fmt == "json":
        return to_json(d.to_json())
    if fmt == "csv":
        return to_csv(
            [{"initiative": d.concept.name, **r} for r in adoption_rows(d)], ["initiative", *ADOPTION_HEADERS]
        )
    return format_diffusion(d)


def render_top(rows: list[TopRow], fmt: str) -> str:
    if fmt == "json":
        return to_json([{"rank": i + 1, **r.to_json()} for i, r in enumerate(rows)])
    if fmt == "csv":
        return to_csv(
            [{"rank": i + 1, **r.to_json()} for i, r in enumerate(rows)],
            [
                "rank",
                "initiative",
                "origin",
                "adopters",
                "first_year",
                "latest_year",
                "province_count",
                "provinces",
                "planned_only",
            ],
        )
    return format_top(rows)


def render_profile(p: Profile, fmt: str) -> str:
    if fmt == "json":
        return to_json(p.to_json())
    if fmt == "csv":
        return to_csv(
            profile_rows(p),
            [
                "jurisdiction",
                "adcode",
                "initiative",
                "year",
                "status",
                "origin",
                "role",
                "earlier",
                "same_year",
                "later",
            ],
        )
    return format_profile(p)


def render_similar(place: Place, rows: list[Similar], fmt: str, measure: str = "idf") -> str:
    data = [{"rank": i + 1, **s.to_json()} for i, s in enumerate(rows)]
    if fmt == "json":
        return to_json({"jurisdiction": place.name, "adcode": place.adcode, "measure": measure, "similar": data})
    if fmt == "csv":
        return to_csv(data, ["rank", "jurisdiction", "adcode", "province", "score", "jaccard", "shared"])
    head = f"jurisdictions whose initiative portfolio is most like {place.name}'s ({measure}-weighted Jaccard)\n"
    if measure == "jaccard":
        head = f"jurisdictions whose initiative portfolio is most like {place.name}'s (Jaccard)\n"
    return (
        head
        + text_table(
            ["rank", "jurisdiction", "adcode", "score", "jaccard", "shared"],
            [
                [
                    d["rank"],
                    d["jurisdiction"],
                    d["adcode"],
                    d["score"],
                    d["jaccard"],
                    f"{len(d['shared'])}: {'、'.join(d['shared'])}",
                ]
                for d in data
            ],
            max_width=80,
        )
        + "\n"
    )


def render_network(g: nx.DiGraph, fmt: str, n: int = 10) -> str:
    if fmt == "json":
        return to_json({"nodes": leaders(g, 0), "edges": edges(g)})
    if fmt == "csv":
        return to_csv(
            edges(g),
            [
                "source",
                "target",
                "source_name",
                "target_name",
                "weight",
                "national",
                "local",
                "same_province",
                "same_city",
                "initiatives",
            ],
        )
    horizontal = sum(1 for _, _, d in g.edges(data=True) if d["same_province"])
    out = [
        f"diffusion network: {g.number_of_nodes()} jurisdictions, {g.number_of_edges()} edges "
        f"(earlier -> later adopter), {horizontal} within a province",
        "",
        "leaders (by weighted out-degree: (initiative, later adopter) pairs it preceded):",
        text_table(
            ["rank", "jurisdiction", "adcode", "out_weight", "in_weight", "leader_score", "first_reports", "adoptions"],
            [
                [
                    i + 1,
                    r["jurisdiction"],
                    r["adcode"],
                    r["out_weight"],
                    r["in_weight"],
                    r["leader_score"],
                    r["first_reports"],
                    r["adoptions"],
                ]
                for i, r in enumerate(leaders(g, n))
            ],
        ),
    ]
    return "\n".join(out) + "\n"


def render_adoptions(rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(rows, SPID_COLUMNS)
    return text_table(SPID_COLUMNS, [[r[c] for c in SPID_COLUMNS] for r in rows], max_width=40) + "\n"


def write_panel(rows: list[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_csv(rows, PANEL_COLUMNS), encoding="utf-8")
