"""The interactive HTML graph viewer (``govkg viz``, and ``govkg serve`` through
:func:`render_html`).

The store is read with the ``queries/viewer-*.rq`` queries into a plain graph of typed
nodes (jurisdictions, organizations, initiatives, local brands, reports, outcomes,
honors, promotions) and labelled edges; adoptions are edges from a jurisdiction to an
initiative. Three views are cut from it:

* the whole graph, capped at ``max_nodes`` (types in legend order, then by degree),
  with a note of what was left out;
* a focus view: one initiative, jurisdiction or organization and its neighbourhood
  up to ``depth`` steps;
* a diffusion view: one initiative and its adopters, laid out by year of first
  adoption (left to right) and grouped by province (top to bottom).

The page is one self-contained HTML file: the network is assembled with pyvis and drawn
by the vis-network and tom-select files pyvis ships (read from the pyvis package at
render time and inlined), so the page works with no network. Styles (colour, shape,
legend label per type and relation) are data: ``ontology/viewer_styles.tsv``.

Report text never becomes markup: the graph travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
tooltips are plain strings (vis-network sets them as ``innerText``), the side panel and
the menus fill the page with ``textContent`` or tom-select's escaping renderer, and the
template is rendered with Jinja2 autoescaping.
"""

from __future__ import annotations

import difflib
import json
import math
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .resources import queries_dir, read_tsv

ASSETS = Path(__file__).resolve().parent / "assets"
DEFAULT_MAX_NODES = 2000
ORG_GROUP = "organization"  # --types name for every organization type at once
FONT = '"WenQuanYi Micro Hei","Noto Sans CJK SC","Microsoft YaHei","PingFang SC","Source Han Sans SC",sans-serif'
_FACT_TYPES = ("report", "outcome", "honor", "promotion")
_LABEL_CHARS = 18
_TOOLTIP_CHARS = 240


class ViewerError(ValueError):
    """A name that matches nothing or several things, or a bad option; one line (plus
    candidates or suggestions)."""


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Style:
    key: str
    kind: str  # node | edge
    order: int
    color: str
    shape: str
    label: str
    label_en: str

    @property
    def legend(self) -> str:
        return f"{self.label} {self.label_en}"


@cache
def styles() -> dict[str, Style]:
    """``ontology/viewer_styles.tsv`` by key (node types and edge relations)."""
    out = {}
    for row in read_tsv("viewer_styles.tsv"):
        out[row["key"]] = Style(
            key=row["key"],
            kind=row["kind"],
            order=int(row["order"] or 99),
            color=row["color"],
            shape=row["shape"],
            label=row["label"],
            label_en=row["label_en"],
        )
    return out


def node_types() -> list[str]:
    return [s.key for s in sorted(styles().values(), key=lambda s: s.order) if s.kind == "node"]


def org_types() -> list[str]:
    return [t for t in node_types() if t not in ("jurisdiction", "initiative", "brand", *_FACT_TYPES)]


def _style(key: str) -> Style:
    st = styles()
    return st.get(key) or st["Other"]


# --------------------------------------------------------------------------- the graph


@dataclass
class Node:
    id: str  # the IRI
    type: str  # a style key
    label: str  # full name (the drawn label is clipped)
    info: list[tuple[str, str]] = field(default_factory=list)  # shown in tooltip and side panel
    names: list[str] = field(default_factory=list)  # other names, for search and --focus
    jurisdiction: str = ""
    year: int | None = None
    weight: int | None = None  # adoption count (initiatives): drawn size


@dataclass
class Edge:
    source: str
    target: str
    relation: str  # a style key
    label: str
    info: list[tuple[str, str]] = field(default_factory=list)
    year: int | None = None


@dataclass
class Place:
    iri: str
    label: str
    short: str
    adcode: str
    level: str
    parent: str
    province: str  # the province IRI ("" when unknown)


@dataclass
class KGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)

    def add_edge(self, edge: Edge) -> None:
        if edge.source in self.nodes and edge.target in self.nodes and edge.source != edge.target:
            self.edges.append(edge)


@dataclass
class View:
    """What one page shows."""

    kind: str  # graph | focus | diffusion
    title: str
    nodes: list[Node]
    edges: list[Edge]
    note: str = ""  # what was left out
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)  # fixed layout (diffusion)
    axes: dict[str, Any] = field(default_factory=dict)  # year columns and province bands (diffusion)
    focus: str = ""  # the focused node's IRI


# --------------------------------------------------------------------------- reading the store


@cache
def _query_text(name: str) -> str:
    return (queries_dir() / f"{name}.rq").read_text(encoding="utf-8")


def _plain(term: Any) -> Any:
    if term is None:
        return None
    value = getattr(term, "value", term)
    datatype = getattr(getattr(term, "datatype", None), "value", "")
    if datatype.endswith("#integer"):
        try:
            return int(value)
        except ValueError:
            return value
    if datatype.endswith("#boolean"):
        return value in ("true", "1")
    return value


def _rows(store: Any, name: str) -> list[dict[str, Any]]:
    result = store.query(_query_text(name))
    names = [v.value for v in result.variables]
    rows = []
    for sol in result:
        rows.append({n: _plain(sol[n]) for n in names if sol[n] is not None})
    return rows


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _number(value: Any) -> str:
    text = str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _year_ok(year: int | None, wanted: int | None) -> bool:
    return wanted is None or year == wanted


def load(store: Any, year: int | None = None, province: str | None = None) -> KGraph:
    """The store as a viewer graph. ``year``: only reports and facts of that year (and
    what they refer to). ``province``: only those of jurisdictions in that province
    (a name, full name or division code of a province in the store)."""
    g = KGraph()
    places = _places(store)
    g.places = places
    province_iri = resolve_province(places, province) if province else None

    def in_scope(place: str | None, y: int | None) -> bool:
        if not _year_ok(y, year):
            return False
        if province_iri is None:
            return True
        p = places.get(place or "")
        return p is not None and (p.iri == province_iri or p.province == province_iri)

    evidence = {r["evidence"]: r for r in _rows(store, "viewer-evidence")}
    reports: dict[str, dict[str, Any]] = {}
    for r in _rows(store, "viewer-reports"):
        reports.setdefault(r["report"], r)

    def report_name(iri: str | None) -> str:
        r = reports.get(iri or "")
        if r is None:
            return ""
        title, file = r.get("title", ""), r.get("file", "")
        return f"{title} ({file})" if file and title else title or file

    def evidence_info(ev: str | None, report: str | None = None) -> list[tuple[str, str]]:
        e = evidence.get(ev or "")
        out = []
        if e is not None:
            out.append(("证据 evidence", _clip(e["exact"], 600)))
            report = report or e.get("report")
        if report:
            out.append(("报告 report", report_name(report)))
        return out

    def place_name(iri: str | None) -> str:
        p = places.get(iri or "")
        return p.label if p else ""

    # catalog entities: created on demand when a kept fact refers to them
    catalog: dict[str, Node] = {}
    for p in places.values():
        info = [("代码 adcode", p.adcode), ("级别 level", p.level)]
        if p.parent in places:
            info.append(("上级 parent", places[p.parent].label))
        catalog[p.iri] = Node(
            p.iri, "jurisdiction", p.label, [x for x in info if x[1]], names=[p.short, p.adcode], jurisdiction=p.iri
        )
    org_rows: dict[str, dict[str, Any]] = {}
    org_evidence: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, "viewer-organizations"):
        org_rows.setdefault(r["org"], r)
        if r.get("evidence"):
            org_evidence[r["org"]].append(r["evidence"])
    for iri, r in org_rows.items():
        otype = r.get("type") if r.get("type") in org_types() else "Other"
        info = [("地区 jurisdiction", place_name(r.get("jurisdiction")))]
        evs = sorted(set(org_evidence[iri]), key=lambda e: (report_name(evidence.get(e, {}).get("report")), e))
        info += evidence_info(evs[0] if evs else None)
        catalog[iri] = Node(
            iri, otype, r.get("name", iri), [x for x in info if x[1]], jurisdiction=r.get("jurisdiction", "")
        )
    concepts: dict[str, dict[str, Any]] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, "viewer-initiatives"):
        concepts.setdefault(r["initiative"], r)
        if r.get("alias") and r["alias"] not in aliases[r["initiative"]]:
            aliases[r["initiative"]].append(r["alias"])
    for iri, r in concepts.items():
        brand = bool(r.get("brand"))
        info = [("来源 origin", r.get("origin", "")), ("类别 category", r.get("category", ""))]
        if r.get("broader") in concepts:
            info.append(("源于 derives from", concepts[r["broader"]].get("name", "")))
        if aliases[iri]:
            info.append(("别名 aliases", "、".join(sorted(aliases[iri]))))
        catalog[iri] = Node(
            iri, "brand" if brand else "initiative", r.get("name", iri), [x for x in info if x[1]], names=aliases[iri]
        )

    def ensure(iri: str | None) -> bool:
        """Put the catalog entity ``iri`` (and a jurisdiction's parents, a brand's
        source concept) in the graph; False when unknown."""
        if not iri:
            return False
        if iri in g.nodes:
            return True
        node = catalog.get(iri)
        if node is None:
            return False
        g.nodes[iri] = node
        if node.type == "jurisdiction":
            p = places[iri]
            if p.parent and ensure(p.parent):
                g.add_edge(Edge(iri, p.parent, "parent", _style("parent").label))
        elif node.type == "brand":
            broader = concepts[iri].get("broader")
            if broader and ensure(broader):
                g.add_edge(Edge(iri, broader, "broader", _style("broader").label))
        elif node.type in org_types():
            if ensure(node.jurisdiction):
                g.add_edge(Edge(iri, node.jurisdiction, "belongs", _style("belongs").label))
        return True

    # reports, and the organizations they mention
    mentions: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, "viewer-mentions"):
        mentions[r["report"]].append(r["org"])
    for iri, r in sorted(reports.items()):
        if not in_scope(r.get("place"), r.get("year")):
            continue
        place = r.get("place", "")
        p = places.get(place)
        label = f"{r.get('year', '')} {p.short or p.label if p else ''} 报告".strip()
        info = [
            ("标题 title", r.get("title", "")),
            ("文件 file", r.get("file", "")),
            ("年份 year", str(r.get("year", ""))),
        ]
        info.append(("地区 jurisdiction", place_name(place)))
        g.nodes[iri] = Node(iri, "report", label, [x for x in info if x[1]], jurisdiction=place, year=r.get("year"))
        if ensure(place):
            g.add_edge(Edge(iri, place, "spatial", _style("spatial").label))
        publisher = r.get("publisher")
        if ensure(publisher):
            g.add_edge(Edge(iri, publisher, "publisher", _style("publisher").label))
        for org in sorted(set(mentions[iri])):
            if org != publisher and ensure(org):
                g.add_edge(Edge(iri, org, "mentions", _style("mentions").label))

    # adoptions: jurisdiction -> initiative
    adopters: dict[str, set[str]] = defaultdict(set)
    adoption_rows = sorted(
        _rows(store, "viewer-adoptions"), key=lambda r: (r.get("year") or 0, r["jurisdiction"], r["initiative"])
    )
    for r in adoption_rows:
        if not in_scope(r["jurisdiction"], r.get("year")):
            continue
        if not (ensure(r["jurisdiction"]) and ensure(r["initiative"])):
            continue
        planned = r.get("status") == "planned"
        rel = "plans" if planned else "adopts"
        info = [("年份 year", str(r.get("year", ""))), ("状态 status", r.get("status", ""))]
        info += [("原文名称 as written", r.get("surface", ""))] + evidence_info(r.get("evidence"), r.get("report"))
        label = f"{_style(rel).label} {r.get('year', '')}".strip()
        g.add_edge(Edge(r["jurisdiction"], r["initiative"], rel, label, [x for x in info if x[1]], year=r.get("year")))
        if not planned:
            adopters[r["initiative"]].add(r["jurisdiction"])

    # outcomes, honors, promotions
    for r in _rows(store, "viewer-outcomes"):
        if not in_scope(r.get("jurisdiction"), r.get("year")):
            continue
        iri = r["outcome"]
        value = _number(r.get("value", "")) + (r.get("unit") or "")
        if r.get("approx"):
            value = "约" + value
        if r.get("change"):
            value += " (同比变化 change)"
        label = _clip(f"{r.get('indicator', '')} {value}", _LABEL_CHARS)
        info = [
            ("指标 indicator", r.get("indicator", "")),
            ("数值 value", value),
            ("主体 subject", r.get("subjectName", "")),
            ("地区 jurisdiction", place_name(r.get("jurisdiction"))),
            ("年份 year", str(r.get("year", ""))),
        ] + evidence_info(r.get("evidence"), r.get("report"))
        g.nodes[iri] = Node(
            iri, "outcome", label, [x for x in info if x[1]], jurisdiction=r.get("jurisdiction", ""), year=r.get("year")
        )
        _attach(g, iri, r.get("subject"), r.get("jurisdiction"), "subject", ensure)
    for r in _rows(store, "viewer-honors"):
        if not in_scope(r.get("jurisdiction"), r.get("year")):
            continue
        iri = r["honor"]
        info = [
            ("荣誉 title", r.get("title", "")),
            ("获得者 recipient", r.get("recipientName", "")),
            ("地区 jurisdiction", place_name(r.get("jurisdiction"))),
            ("年份 year", str(r.get("year", ""))),
        ] + evidence_info(r.get("evidence"), r.get("report"))
        label = _clip(r.get("title", ""), _LABEL_CHARS)
        g.nodes[iri] = Node(
            iri, "honor", label, [x for x in info if x[1]], jurisdiction=r.get("jurisdiction", ""), year=r.get("year")
        )
        _attach(g, iri, r.get("recipient"), r.get("jurisdiction"), "recipient", ensure)
    for r in _rows(store, "viewer-promotions"):
        if not in_scope(r.get("jurisdiction"), r.get("year")):
            continue
        iri = r["promotion"]
        info = [
            ("做法 practice", r.get("practice", "")),
            ("推广范围 scope", r.get("scope", "")),
            ("地区 jurisdiction", place_name(r.get("jurisdiction"))),
            ("年份 year", str(r.get("year", ""))),
        ] + evidence_info(r.get("evidence"), r.get("report"))
        label = _clip(r.get("practice", ""), _LABEL_CHARS)
        g.nodes[iri] = Node(
            iri,
            "promotion",
            label,
            [x for x in info if x[1]],
            jurisdiction=r.get("jurisdiction", ""),
            year=r.get("year"),
        )
        if ensure(r.get("jurisdiction")):
            g.add_edge(Edge(iri, r["jurisdiction"], "promoted", _style("promoted").label))
        if ensure(r.get("initiative")):
            g.add_edge(Edge(iri, r["initiative"], "practice", _style("practice").label))

    for iri, node in g.nodes.items():
        if node.type in ("initiative", "brand"):
            node.weight = len(adopters.get(iri, ()))
            node.info = [x for x in node.info if x[0] != "采用地区数 adopters"] + [
                ("采用地区数 adopters", str(node.weight))
            ]
    g.edges = _dedupe(g.edges)
    return g


def _attach(g: KGraph, iri: str, subject: str | None, place: str | None, relation: str, ensure: Any) -> None:
    """An outcome or honor to its subject (organization or jurisdiction), else to its place."""
    if subject and ensure(subject):
        g.add_edge(Edge(iri, subject, relation, _style(relation).label))
    elif place and ensure(place):
        g.add_edge(Edge(iri, place, "place", _style("place").label))


def _dedupe(edges: list[Edge]) -> list[Edge]:
    seen = set()
    out = []
    for e in edges:
        key = (e.source, e.target, e.relation, e.year)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _places(store: Any) -> dict[str, Place]:
    rows: dict[str, dict[str, Any]] = {}
    for r in _rows(store, "viewer-jurisdictions"):
        rows.setdefault(r["jurisdiction"], r)
    places = {}
    for iri, r in rows.items():
        label = r.get("label") or r.get("short") or r.get("adcode") or iri
        places[iri] = Place(
            iri=iri,
            label=label,
            short=r.get("short") or label,
            adcode=r.get("adcode", ""),
            level=r.get("level", ""),
            parent=r.get("parent", ""),
            province=r.get("province", ""),
        )
    for p in places.values():  # the province: given, the place itself, or the top of its parents
        if p.province:
            continue
        if p.level == "province":
            p.province = p.iri
            continue
        seen, cur = set(), p
        while cur.parent in places and cur.parent not in seen:
            seen.add(cur.parent)
            cur = places[cur.parent]
        if cur.level == "province" or (cur is not p and not cur.parent):
            p.province = cur.iri
    return places


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).strip()
    for ch in "“”\"'‘’「」《》 ":
        name = name.replace(ch, "")
    return name


def _bare(name: str) -> str:
    """A division name without its suffix (西湖区 -> 西湖)."""
    from .divisions import short_name

    return short_name(_norm(name))


def resolve_province(places: dict[str, Place], name: str) -> str:
    """The IRI of the province named ``name`` (name, full name or division code)."""
    provinces = [p for p in places.values() if p.province == p.iri]
    key = _norm(name)
    for test in (
        lambda p: p.adcode == key or p.iri == name,
        lambda p: _norm(p.label) == key or _norm(p.short) == key,
        lambda p: len(key) >= 2 and (_norm(p.label).startswith(key) or _norm(p.short).startswith(key)),
    ):
        hits = [p for p in provinces if test(p)]
        if len(hits) == 1:
            return hits[0].iri
        if len(hits) > 1:
            raise ViewerError(f"province {name!r} is ambiguous: " + "; ".join(f"{p.adcode} {p.label}" for p in hits))
    known = "、".join(sorted(p.label for p in provinces)) or "none"
    raise ViewerError(f"no province {name!r} in the store (provinces: {known})")


# --------------------------------------------------------------------------- views


def parse_types(values: list[str] | tuple[str, ...] | None) -> set[str] | None:
    """``--types`` values (repeatable, comma-separated) as node type keys; ``organization``
    stands for every organization type. None: every type."""
    if not values:
        return None
    wanted: set[str] = set()
    known = {t.lower(): t for t in node_types()}
    for value in values:
        for part in str(value).replace("，", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if part.lower() in (ORG_GROUP, "organizations", "org"):
                wanted.update(org_types())
            elif part.lower() in known:
                wanted.add(known[part.lower()])
            else:
                raise ViewerError(f"unknown type {part!r} (types: {ORG_GROUP}, {', '.join(node_types())})")
    if not wanted:
        raise ViewerError(f"--types names no type (types: {ORG_GROUP}, {', '.join(node_types())})")
    return wanted


def _degrees(nodes: set[str], edges: list[Edge]) -> dict[str, int]:
    deg = dict.fromkeys(nodes, 0)
    for e in edges:
        if e.source in deg and e.target in deg:
            deg[e.source] += 1
            deg[e.target] += 1
    return deg


def _left_out(g: KGraph, kept: set[str], pool: set[str]) -> str:
    missing: dict[str, int] = defaultdict(int)
    for iri in pool - kept:
        missing[g.nodes[iri].type] += 1
    if not missing:
        return ""
    parts = [f"{n} {_style(t).label}" for t, n in sorted(missing.items(), key=lambda kv: (_style(kv[0]).order, kv[0]))]
    return (
        f"显示 {len(kept)} / {len(pool)} 个节点 (shown {len(kept)} of {len(pool)} nodes); 未显示 left out: "
        + "、".join(parts)
    )


def _cut(g: KGraph, keep: set[str]) -> tuple[list[Node], list[Edge]]:
    nodes = [g.nodes[i] for i in sorted(keep, key=lambda i: (_style(g.nodes[i].type).order, g.nodes[i].label, i))]
    edges = [e for e in g.edges if e.source in keep and e.target in keep]
    return nodes, edges


def whole_view(g: KGraph, types: set[str] | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """Every node (of ``types``), capped at ``max_nodes``: types in legend order (places,
    initiatives, reports and organizations before outcomes), then by degree."""
    pool = {i for i, n in g.nodes.items() if types is None or n.type in types}
    sub_edges = [e for e in g.edges if e.source in pool and e.target in pool]
    deg = _degrees(pool, sub_edges)
    ranked = sorted(pool, key=lambda i: (_style(g.nodes[i].type).order, -deg[i], g.nodes[i].label, i))
    keep = set(ranked[:max_nodes])
    nodes, edges = _cut(g, keep)
    return View("graph", "法治政府建设报告知识图谱 govkg graph", nodes, edges, note=_left_out(g, keep, pool))


def find_node(g: KGraph, name: str, kinds: tuple[str, ...]) -> Node:
    """The node of one of ``kinds`` named ``name``: IRI, division code, full or short
    name, alias, or (when unique) a name ending with it. ViewerError otherwise."""
    cands = [n for n in g.nodes.values() if n.type in kinds]
    key = _norm(name)
    if not key:
        raise ViewerError("empty name")
    for test in (
        lambda n: n.id == name.strip(),
        lambda n: _norm(n.label) == key,
        lambda n: key in (_norm(x) for x in n.names if x),
        lambda n: (
            n.type == "jurisdiction" and len(key) >= 2 and key in (_bare(n.label), *(_bare(x) for x in n.names if x))
        ),
        lambda n: len(key) >= 2 and _norm(n.label).endswith(key),
    ):
        hits = [n for n in cands if test(n)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            listed = "; ".join(sorted(f"{h.label} ({_style(h.type).label_en})" for h in hits)[:10])
            raise ViewerError(f"{name!r} is ambiguous; candidates: {listed}")
    pool = sorted({n.label for n in cands} | {x for n in cands for x in n.names if x and not x.isdigit()})
    close = difflib.get_close_matches(name, pool, n=5, cutoff=0.4)
    close += [p for p in pool if key in _norm(p) and p not in close][: 5 - len(close)]
    what = "initiative" if set(kinds) <= {"initiative", "brand"} else "initiative, jurisdiction or organization"
    hint = f"; did you mean: {'、'.join(close)}" if close else ""
    raise ViewerError(f"no {what} named {name!r} in the store{hint}")


def focus_view(
    g: KGraph, name: str, depth: int = 1, types: set[str] | None = None, max_nodes: int = DEFAULT_MAX_NODES
) -> View:
    """``name`` (an initiative, local brand, jurisdiction or organization) and the nodes
    within ``depth`` steps of it (edges in either direction), nearest first when capped."""
    center = find_node(g, name, ("initiative", "brand", "jurisdiction", *org_types()))
    allowed = {i for i, n in g.nodes.items() if types is None or n.type in types} | {center.id}
    adj: dict[str, set[str]] = defaultdict(set)
    for e in g.edges:
        if e.source in allowed and e.target in allowed:
            adj[e.source].add(e.target)
            adj[e.target].add(e.source)
    dist = {center.id: 0}
    queue = deque([center.id])
    while queue:
        cur = queue.popleft()
        if dist[cur] >= depth:
            continue
        for nxt in sorted(adj[cur]):
            if nxt not in dist:
                dist[nxt] = dist[cur] + 1
                queue.append(nxt)
    pool = set(dist)
    deg = {i: len(adj[i]) for i in pool}
    ranked = sorted(pool, key=lambda i: (dist[i], _style(g.nodes[i].type).order, -deg[i], g.nodes[i].label, i))
    keep = set(ranked[:max_nodes])
    nodes, edges = _cut(g, keep)
    title = f"{center.label} · 关联图 focus (depth {depth})"
    return View("focus", title, nodes, edges, note=_left_out(g, keep, pool), focus=center.id)


# diffusion layout (network coordinates)
_DX, _DY, _BAND_GAP = 240, 56, 44


def diffusion_view(g: KGraph, name: str, until: int | None = None) -> View:
    """The adopters of initiative ``name`` by year of first adoption (columns, left to
    right) and province (bands, top to bottom); ``until``: adoptions up to that year."""
    center = find_node(g, name, ("initiative", "brand"))
    first: dict[str, Edge] = {}
    years_of: dict[str, list[str]] = defaultdict(list)
    for e in sorted(g.edges, key=lambda e: (e.year or 0, e.relation != "adopts", e.source)):
        if e.target != center.id or e.relation not in ("adopts", "plans"):
            continue
        if until is not None and (e.year or 0) > until:
            continue
        first.setdefault(e.source, e)
        years_of[e.source].append(f"{e.year} {_style(e.relation).label}")
    if not first:
        raise ViewerError(f"no jurisdiction in the store reports {center.label!r}" + (f" by {until}" if until else ""))
    years = sorted({e.year or 0 for e in first.values()})
    col = {y: i for i, y in enumerate(years)}
    bands: dict[str, list[str]] = defaultdict(list)
    for j in first:
        p = g.places.get(j)
        bands[p.province if p and p.province else ""].append(j)
    band_order = sorted(
        bands, key=lambda b: (min(first[j].year or 0 for j in bands[b]), g.places[b].label if b in g.places else "~")
    )
    positions: dict[str, tuple[float, float]] = {}
    band_axes = []
    y = 0.0
    for b in band_order:
        members = sorted(bands[b], key=lambda j: (first[j].year or 0, g.nodes[j].label, j))
        top = y
        for j in members:
            positions[j] = ((col[first[j].year or 0] + 1) * _DX, y)
            y += _DY
        label = g.places[b].label if b in g.places else "省份不明 unknown province"
        band_axes.append({"label": label, "y0": top - _DY / 2, "y1": y - _DY / 2, "count": len(members)})
        y += _BAND_GAP
    positions[center.id] = (0.0, (y - _BAND_GAP - _DY) / 2)
    nodes = [center] + [g.nodes[j] for j in sorted(first, key=lambda j: positions[j][::-1])]
    edges = []
    for j, e in first.items():
        info = [("年份 years", "、".join(years_of[j]))] + e.info[1:]
        edges.append(Edge(center.id, j, e.relation, f"{e.year}", info, year=e.year))
    axes = {
        "years": [{"label": str(yr), "x": (col[yr] + 1) * _DX} for yr in years],
        "bands": band_axes,
        "top": -_DY,
        "left": -_DX,
        "right": (len(years) + 0.5) * _DX,
    }
    adopted = sum(1 for e in first.values() if e.relation == "adopts")
    title = f"{center.label} · 扩散 diffusion ({adopted} 个地区采用, {len(first) - adopted} 个计划)"
    return View("diffusion", title, nodes, edges, positions=positions, axes=axes, focus=center.id)


def build_view(
    store: Any,
    *,
    focus: str | None = None,
    diffusion: str | None = None,
    depth: int = 1,
    types: list[str] | tuple[str, ...] | set[str] | None = None,
    year: int | None = None,
    province: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> View:
    """The view the options ask for: ``diffusion`` (an initiative), ``focus`` (a name),
    else the whole graph. ``year`` keeps the facts of that year (for a diffusion view:
    the adoptions up to that year); ``province`` those of one province."""
    if focus and diffusion:
        raise ViewerError("give either a focus or a diffusion initiative, not both")
    if max_nodes < 1:
        raise ViewerError("max nodes must be at least 1")
    if depth < 0:
        raise ViewerError("depth must be 0 or more")
    wanted = types if isinstance(types, set) else parse_types(types)
    if diffusion:
        g = load(store, year=None, province=province)
        view = diffusion_view(g, diffusion, until=year)
    else:
        g = load(store, year=year, province=province)
        view = focus_view(g, focus, depth, wanted, max_nodes) if focus else whole_view(g, wanted, max_nodes)
    scope = []
    if year is not None:
        scope.append(f"≤ {year}" if diffusion else str(year))
    if province:
        scope.append(province)
    if scope:
        view.title += " · " + " · ".join(scope)
    return view


# --------------------------------------------------------------------------- drawing


def _size(node: Node, degree: int) -> float:
    weight = node.weight if node.type in ("initiative", "brand") and node.weight is not None else degree
    base = 7 if node.type == "outcome" else 12
    return round(min(base + 5 * math.sqrt(max(weight, 0)), 60), 1)


def _tooltip(node_type: str, label: str, info: list[tuple[str, str]]) -> str:
    lines = [label, f"类型 type: {_style(node_type).legend}"]
    lines += [f"{k}: {_clip(v, _TOOLTIP_CHARS)}" for k, v in info]
    return "\n".join(lines)


def _options(view: View, n: int) -> dict[str, Any]:
    fixed = view.kind == "diffusion"
    iterations = 1000 if n <= 200 else 400 if n <= 800 else 200
    return {
        "nodes": {"font": {"face": FONT, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"face": FONT, "size": 10, "align": "middle", "color": "#555555", "strokeWidth": 2},
            "smooth": False,
            "color": {"inherit": False},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > 500, "hideEdgesOnZoom": n > 500},
        "layout": {"improvedLayout": n <= 150, "randomSeed": 7},
        "physics": {
            "enabled": not fixed,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.2},
            "stabilization": {"enabled": not fixed, "iterations": iterations, "updateInterval": 20, "fit": True},
            "minVelocity": 1.0,
        },
    }


def network(view: View) -> Any:
    """The view as a pyvis Network (nodes carry ``type``, ``typeLabel`` and ``info``)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    ids = {n.id for n in view.nodes}
    deg = _degrees(ids, view.edges)
    for n in view.nodes:
        st = _style(n.type)
        extra: dict[str, Any] = {}
        if n.id in view.positions:
            x, y = view.positions[n.id]
            extra.update(x=x, y=y, physics=False, fixed={"x": True, "y": True})
        if n.type == "report":
            extra["font"] = {"color": "#ffffff", "strokeWidth": 0}
        net.add_node(
            n.id,
            label=_clip(n.names[0] if n.type == "jurisdiction" and n.names and n.names[0] else n.label, _LABEL_CHARS),
            shape=st.shape,
            color=st.color,
            size=_size(n, deg[n.id]),
            title=_tooltip(n.type, n.label, n.info),
            type=n.type,
            typeLabel=st.legend,
            fullLabel=n.label,
            names=" ".join(x for x in n.names if x),
            info=[[k, v] for k, v in n.info],
            borderWidth=3 if n.id == view.focus else 1,
            **extra,
        )
    for i, e in enumerate(view.edges):
        st = _style(e.relation)
        title = "\n".join(
            [f"{st.legend}: {view_label(view, e.source)} → {view_label(view, e.target)}"]
            + [f"{k}: {_clip(v, _TOOLTIP_CHARS)}" for k, v in e.info]
        )
        net.add_edge(
            e.source,
            e.target,
            id=f"e{i}",
            label=e.label,
            title=title,
            color=st.color,
            dashes=st.shape == "dashed",
            relation=e.relation,
        )
    net.set_options(json.dumps(_options(view, len(view.nodes))))
    return net


def view_label(view: View, iri: str) -> str:
    for n in view.nodes:
        if n.id == iri:
            return n.label
    return iri


def _script_json(obj: Any) -> str:
    """JSON safe inside a <script> element (no ``</script>``, ``<!--`` or entities)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _asset(relative: str) -> str:
    """A file pyvis ships (``templates/lib/...``), for inlining."""
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / relative
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ViewerError(f"{path}: cannot inline a file containing a closing script or style tag")
    return text


def render_view(view: View) -> str:
    """The view as one self-contained HTML page."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    net = network(view)
    nodes, edges, _, _, _, options = net.get_network_data()
    present_types = sorted({n.type for n in view.nodes}, key=lambda t: _style(t).order)
    present_relations = sorted({e.relation for e in view.edges}, key=lambda r: _style(r).order)
    data = {
        "kind": view.kind,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "types": [{"key": t, "label": _style(t).legend, "color": _style(t).color} for t in present_types],
        "axes": view.axes,
        "focus": view.focus,
        "font": FONT,
    }
    env = Environment(loader=FileSystemLoader(str(ASSETS)), autoescape=select_autoescape(["html", "j2"], default=True))
    template = env.get_template("viewer.html.j2")
    return template.render(
        title=view.title,
        note=view.note,
        counts=f"{len(view.nodes)} 个节点 nodes · {len(view.edges)} 条边 edges",
        node_styles=[_style(t) for t in present_types],
        edge_styles=[_style(r) for r in present_relations],
        data_json=_script_json(data),
        vis_js=_asset("vis-9.1.2/vis-network.min.js"),
        vis_css=_asset("vis-9.1.2/vis-network.css"),
        tom_js=_asset("tom-select/tom-select.complete.min.js"),
        tom_css=_asset("tom-select/tom-select.css"),
        utils_js=_asset("bindings/utils.js"),
        font=FONT,
    )


def render_html(store: Any, **opts: Any) -> str:
    """The viewer page for ``store`` (options as :func:`build_view`), for ``govkg serve``."""
    return render_view(build_view(store, **opts))


def write_html(view: View, path: Path) -> None:
    """Write the page as UTF-8 (whatever the platform's default encoding)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_view(view), encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------- screenshots


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def screenshot(page: Path, png: Path, width: int = 1400, height: int = 900, timeout: float = 120) -> None:
    """A PNG of the viewer page ``page`` once its layout has settled, taken with headless
    Chromium through selenium and the system chromedriver (the ``test`` extra)."""
    import shutil
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not (chromium and driver_path):
        raise ViewerError("screenshots need chromium and chromedriver")
    opts = Options()
    opts.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--window-size={width},{height}")
    with tempfile.TemporaryDirectory(prefix="govkg-chromium-") as profile:
        opts.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(driver_path), options=opts)
        try:
            driver.get(Path(page).resolve().as_uri())
            WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return window.govkgReady === true"))
            driver.execute_script("if (window.govkgFit) { govkgFit(); }")
            png.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(png))
        finally:
            driver.quit()


if __name__ == "__main__":  # python -m kg.viewer PAGE.html OUT.png
    import sys

    if len(sys.argv) != 3:
        sys.exit("usage: python -m kg.viewer PAGE.html OUT.png")
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
