"""The embedded graph store: pyoxigraph, persistent on disk (default ``output/store``)
or in memory, one named graph per report (``docs/graph-model.md``).

* :meth:`Store.replace_report` swaps a report's named graph in ONE SPARQL update, which
  pyoxigraph applies as a single transaction: readers see the old graph or the new
  one, never a mix, and a failure leaves the store as it was.
* :meth:`Store.query` runs with the union of all graphs as default graph. User SPARQL
  never reaches the network: ``SERVICE`` (and ``LOAD``) are refused before the query
  is parsed by the engine.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .graph import (
    DIVISIONS_GRAPH,
    GK,
    ID,
    LEXICON_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    ReportGraphs,
    build_graphs,
    graph_iri,
    new_graph,
)
from .model import Extraction

DEFAULT_STORE = Path("output/store")
EXPORT_FORMATS = ("ttl", "trig", "nq", "jsonld")
_REPORT_GRAPH_PREFIX = str(ID["graph/report/"])
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class StoreError(ValueError):
    """A refused query or an unusable store; the message is one line."""


# --------------------------------------------------------------------------- terms


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _ntriples(g: Graph) -> list[str]:
    """The triples of ``g`` as sorted N-Triples lines (without the final dot)."""
    return sorted(f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in g)


def turtle(g: Graph) -> str:
    """``g`` as Turtle, written by pyoxigraph after a pass through an in-memory store, so
    literals take exactly the form the persistent store keeps (``95`` stays ``95`` as an
    xsd:decimal, where rdflib's writer would print ``95.0``). Sorted, so it is stable."""
    db = ox.Store()
    db.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in g)
    triples = sorted((ox.Triple(q.subject, q.predicate, q.object) for q in db), key=str)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)).decode("utf-8")


# --------------------------------------------------------------------------- SERVICE / LOAD guard

# strings, IRIs and comments are removed before looking for the keywords
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.S,
)
_FORBIDDEN = re.compile(r"(?<![\w?$:\-])(SERVICE|LOAD)(?![\w:\-])", re.I)


_PROLOGUE = re.compile(r"\A\s*(?:(?:PREFIX\s+[\w.\-]*:|BASE)\s*)*(\w+)", re.I)
_UPDATES = {"INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def check_query(sparql: str) -> None:
    """Raise StoreError when the query would reach outside the store (SERVICE, LOAD) or
    is an update (queries never change the store)."""
    bare = _TOKENS.sub(" ", sparql)
    first = _PROLOGUE.match(bare)
    if first and first.group(1).upper() in _UPDATES:
        raise StoreError(f"SPARQL updates ({first.group(1).upper()}) are not allowed: queries cannot change the store")
    m = _FORBIDDEN.search(bare)
    if m:
        word = m.group(1).upper()
        if word == "SERVICE":
            raise StoreError("SERVICE is not allowed: queries run on the local store only")
        raise StoreError("LOAD is not allowed: queries cannot fetch or change data")


# --------------------------------------------------------------------------- stats


@dataclass
class ReportInfo:
    key: str
    graph: str
    report: str
    title: str
    file_name: str
    jurisdiction: str
    year: int | None
    triples: int


@dataclass
class Stats:
    triples: int
    graphs: int
    classes: dict[str, int] = field(default_factory=dict)  # class IRI (prefixed) -> instances
    reports: list[dict[str, Any]] = field(default_factory=list)  # per report: facts per category

    def to_json(self) -> dict[str, Any]:
        return {"triples": self.triples, "graphs": self.graphs, "classes": self.classes, "reports": self.reports}


FACT_CLASSES = {
    "organizations": "gk:Report gk:mentions",
    "adoptions": "gk:Adoption",
    "outcomes": "gk:Outcome",
    "honors": "gk:Honor",
    "promotions": "gk:Promotion",
}


def prefixed(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith("#integer"):
            return int(term.value)
        return term.value
    return term.value


# --------------------------------------------------------------------------- the store


def check_location(path: Path | str, create: bool = False) -> None:
    """Raise StoreError unless ``path`` holds a store or, with ``create``, is a place for a
    new one (missing, or an empty folder): a store is never made inside a folder of other
    files, and a file is never taken for a store."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder")
    if (path / "CURRENT").is_file():
        return
    if not create:
        raise StoreError(f"{path}: no store here; run `govkg build` first")
    if path.exists() and any(path.iterdir()):
        raise StoreError(f"{path}: not a store (the folder holds other files); give a new or empty folder")


class Store:
    """A pyoxigraph store at ``path`` (created when missing) or in memory (``None``)."""

    def __init__(self, path: Path | str | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is not None:
            check_location(self.path, create=not read_only)
        try:
            if self.path is None:
                self.db = ox.Store()
            elif read_only:
                self.db = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.db = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"{path}: the store is in use by another process (a running `govkg build`?); "
                    "try again when it has finished"
                ) from None
            if isinstance(exc, PermissionError) or "permission denied" in str(exc).lower():
                raise StoreError(f"{path}: cannot open the store (permission denied)") from None
            raise StoreError(f"{path}: cannot open the store ({_first_line(exc)})") from None

    # ----------------------------------------------------------------- writing

    def _replace(
        self, graphs: list[tuple[URIRef, Graph]], merge: list[tuple[URIRef, Graph, list[URIRef]]] = ()
    ) -> None:
        """In one update: each graph in ``graphs`` replaced by the given triples; in each
        graph of ``merge`` the given subjects' triples replaced by the given ones."""
        ops: list[str] = []
        data: list[str] = []
        for name, g in graphs:
            ops.append(f"DROP SILENT GRAPH <{name}>")
            lines = _ntriples(g)
            if lines:
                data.append(f"GRAPH <{name}> {{\n" + " .\n".join(lines) + " .\n}")
        for name, g, subjects in merge:
            for s in sorted(set(subjects)):
                ops.append(f"DELETE WHERE {{ GRAPH <{name}> {{ <{s}> ?p ?o }} }}")
            lines = _ntriples(g)
            if lines:
                data.append(f"GRAPH <{name}> {{\n" + " .\n".join(lines) + " .\n}")
        if data:
            ops.append("INSERT DATA {\n" + "\n".join(data) + "\n}")
        if ops:
            self.db.update(" ;\n".join(ops))

    def replace_report(self, report: Extraction | ReportGraphs) -> ReportGraphs:
        """Put one report in the store, replacing its earlier named graph and refreshing
        the jurisdictions it touches, atomically."""
        rg = build_graphs(report) if isinstance(report, Extraction) else report
        subjects = sorted({s for s in rg.divisions.subjects() if isinstance(s, URIRef)})
        self._replace([(graph_iri(rg.key), rg.graph)], [(DIVISIONS_GRAPH, rg.divisions, subjects)])
        return rg

    def remove_report(self, key: str) -> None:
        self.db.update(f"DROP SILENT GRAPH <{graph_iri(key)}>")

    def put_lexicon(self, graph: Graph | None = None) -> None:
        """Replace the lexicon graph (the initiative concept scheme) and the ontology graph."""
        if graph is None:
            graph = lexicon_graph()
        ontology = new_graph()
        from .resources import ontology_path

        ontology.parse(ontology_path("govkg.ttl"), format="turtle")
        self._replace([(LEXICON_GRAPH, graph), (ONTOLOGY_GRAPH, ontology)])

    def flush(self) -> None:
        if self.path is not None:
            self.db.flush()

    def close(self) -> None:
        """Release the store (and its lock on disk); the object is unusable afterwards."""
        db, self.db = getattr(self, "db", None), None
        if db is not None and self.path is not None and not self.read_only:
            db.flush()
        del db

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- reading

    def query(self, sparql: str, substitutions: dict[Any, Any] | None = None) -> Any:
        """Run a SPARQL query over the union of all graphs. ``substitutions`` maps
        variable names (or pyoxigraph Variables) to terms (pyoxigraph or rdflib).
        SELECT: an iterable of solutions (``row["var"]``, ``.variables``); ASK: a bool;
        CONSTRUCT/DESCRIBE: triples. Raises StoreError for SERVICE/LOAD and bad syntax."""
        check_query(sparql)
        subs = None
        if substitutions:
            subs = {
                (k if isinstance(k, ox.Variable) else ox.Variable(str(k).lstrip("?$"))): (
                    v if isinstance(v, (ox.NamedNode, ox.Literal, ox.BlankNode)) else to_ox(v)
                )
                for k, v in substitutions.items()
            }
        try:
            return self.db.query(sparql, use_default_graph_as_union=True, substitutions=subs, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {_first_line(exc)}") from None
        except (RuntimeError, ValueError) as exc:
            raise StoreError(f"query failed: {_first_line(exc)}") from None

    def select(self, sparql: str, substitutions: dict[Any, Any] | None = None) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of plain Python values (unbound: absent)."""
        result = self.query(sparql, substitutions)
        names = [v.value for v in result.variables]
        rows = []
        for sol in result:
            rows.append({n: _value(sol[n]) for n in names if sol[n] is not None})
        return rows

    def report_keys(self) -> list[str]:
        return sorted(
            g.value[len(_REPORT_GRAPH_PREFIX) :]
            for g in self.db.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(_REPORT_GRAPH_PREFIX)
        )

    def reports(self) -> list[ReportInfo]:
        """Every report in the store, by key."""
        rows = self.select(
            """SELECT ?g ?r ?title ?file ?place ?year (COUNT(*) AS ?n) WHERE {
                 GRAPH ?g { ?r a gk:Report . ?s ?p ?o
                   OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r gk:fileName ?file }
                   OPTIONAL { ?r dcterms:spatial ?place } OPTIONAL { ?r gk:year ?year } }
               } GROUP BY ?g ?r ?title ?file ?place ?year"""
        )
        out = []
        for row in rows:
            g = row["g"]
            if not g.startswith(_REPORT_GRAPH_PREFIX):
                continue
            out.append(
                ReportInfo(
                    key=g[len(_REPORT_GRAPH_PREFIX) :],
                    graph=g,
                    report=row["r"],
                    title=row.get("title", ""),
                    file_name=row.get("file", ""),
                    jurisdiction=row.get("place", ""),
                    year=row.get("year"),
                    triples=row["n"],
                )
            )
        return sorted(out, key=lambda r: r.key)

    def __len__(self) -> int:
        return len(self.db)

    def stats(self) -> Stats:
        """Triples, instances per class (over all graphs but the ontology) and facts per report."""
        classes = {
            prefixed(row["c"]): row["n"]
            for row in self.select(
                f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"
                " GROUP BY ?c"
            )
        }
        per: dict[str, dict[str, Any]] = {}
        for info in self.reports():
            per[info.graph] = {
                "key": info.key,
                "file": info.file_name,
                "year": info.year,
                "triples": info.triples,
                **{cat: 0 for cat in FACT_CLASSES},
            }
        counts = self.select(
            """SELECT ?g ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g {
                 { ?s a ?c . VALUES ?c { gk:Adoption gk:Outcome gk:Honor gk:Promotion } }
                 UNION { ?r gk:mentions ?s . BIND(gk:mentions AS ?c) } } } GROUP BY ?g ?c"""
        )
        names = {
            str(GK.Adoption): "adoptions",
            str(GK.Outcome): "outcomes",
            str(GK.Honor): "honors",
            str(GK.Promotion): "promotions",
            str(GK.mentions): "organizations",
        }
        for row in counts:
            if row["g"] in per:
                per[row["g"]][names[row["c"]]] = row["n"]
        graphs = sum(1 for _ in self.db.named_graphs())
        return Stats(
            triples=len(self.db),
            graphs=graphs,
            classes=dict(sorted(classes.items())),
            reports=[per[g] for g in sorted(per, key=lambda g: per[g]["key"])],
        )

    # ----------------------------------------------------------------- export

    def export(self, fmt: str) -> str:
        """The whole store: ``nq`` (N-Quads, every named graph), ``trig``, ``ttl`` (the
        union of all graphs as one Turtle graph) or ``jsonld`` (named graphs). Sorted,
        so an unchanged store exports identically."""
        if fmt == "nq":
            buf = io.BytesIO()
            self.db.dump(buf, ox.RdfFormat.N_QUADS)
            lines = sorted(set(buf.getvalue().decode("utf-8").splitlines()))
            return "".join(line + "\n" for line in lines if line.strip())
        if fmt == "ttl":
            g = new_graph()
            for q in self.db:
                g.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
            return g.serialize(format="turtle")
        if fmt in ("trig", "jsonld"):
            ds = Dataset()
            for prefix, ns in PREFIXES.items():
                ds.bind(prefix, ns, override=True, replace=True)
            for q in self.db:
                gname = _rdflib(q.graph_name) if isinstance(q.graph_name, ox.NamedNode) else None
                target = ds.graph(gname) if gname is not None else ds.graph(DATASET_DEFAULT_GRAPH_ID)
                target.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
            if fmt == "trig":
                return ds.serialize(format="trig")
            context = {prefix: ns for prefix, ns in PREFIXES.items()}
            return ds.serialize(format="json-ld", context=context, indent=1, sort_keys=True, ensure_ascii=False)
        raise StoreError(f"unknown export format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _rdflib(term: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def lexicon_graph() -> Graph:
    """The initiative concept scheme: ``kg.lexicon.skos_graph()``, or built from
    ``ontology/initiatives.tsv`` while that module does not exist."""
    try:
        from .lexicon import skos_graph
    except ImportError:
        return _tsv_lexicon_graph()
    return skos_graph()


def _tsv_lexicon_graph() -> Graph:
    from rdflib import RDF
    from rdflib.namespace import SKOS

    from .graph import SCHEME, initiative_iri
    from .resources import read_tsv

    g = new_graph()
    g.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    for row in read_tsv("initiatives.tsv"):
        node = initiative_iri(row["name"])
        g.add((node, RDF.type, GK.Initiative))
        g.add((node, SKOS.prefLabel, Literal(row["name"], lang="zh")))
        g.add((node, SKOS.inScheme, SCHEME))
        for alias in filter(None, row.get("aliases", "").split("|")):
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        if row.get("category"):
            g.add((node, GK.category, Literal(row["category"])))
        if row.get("origin"):
            g.add((node, GK.origin, Literal(row["origin"])))
    return g


def format_stats(st: Stats) -> str:
    """``govkg stats`` as plain text: totals, instances per class, facts per report."""
    out = [f"triples: {st.triples}", f"named graphs: {st.graphs}", "", "instances per class:"]
    width = max((len(c) for c in st.classes), default=0)
    for c, n in st.classes.items():
        out.append(f"  {c:<{width}}  {n:>7}")
    out += ["", f"reports: {len(st.reports)}"]
    if st.reports:
        cols = ["triples", *FACT_CLASSES]
        head = ["report", "year", *cols]
        rows = [[r["key"], str(r["year"] or ""), *(str(r[c]) for c in cols)] for r in st.reports]
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
        out.append(
            "  "
            + "  ".join(h.ljust(w) if i < 1 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths, strict=True)))
        )
        for row in rows:
            out.append(
                "  "
                + "  ".join(
                    v.ljust(w) if i < 1 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True))
                )
            )
    return "\n".join(out) + "\n"
