"""kg.store: atomic replacement of a report's graph, union queries, the SERVICE guard, export, stats."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg.graph import DIVISIONS_GRAPH, LEXICON_GRAPH, build_graphs, graph_iri, initiative_iri, report_iri
from kg.store import Store, StoreError, check_query

from .test_graph import make_extraction

ADOPTIONS = "SELECT ?a ?s WHERE { ?a a gk:Adoption ; gk:status ?s } ORDER BY ?a"


def quads(store: Store) -> set[str]:
    return {str(q) for q in store.db}


def test_replace_report_twice_gives_the_same_quads():
    store = Store()
    store.replace_report(make_extraction())
    first = quads(store)
    store.replace_report(make_extraction())
    assert quads(store) == first
    rg = build_graphs(make_extraction())
    assert len(store) == len(rg.graph) + len(rg.divisions)


def test_changed_report_replaces_its_facts():
    store = Store()
    store.replace_report(make_extraction())
    assert len(store.select(ADOPTIONS)) == 2
    ex = make_extraction()
    ex.initiatives = ex.initiatives[:1]  # only the planned mention is left
    ex.outcomes = []
    rg = store.replace_report(ex)
    rows = store.select(ADOPTIONS)
    assert [r["s"] for r in rows] == ["planned"]
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?o a gk:Outcome }") == [{"n": 0}]
    in_graph = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri('xihu_2021.txt')}> {{ ?s ?p ?o }} }}")
    assert in_graph == [{"n": len(rg.graph)}]


def test_two_reports_share_the_divisions_graph():
    store = Store()
    store.replace_report(make_extraction("a.txt"))
    store.replace_report(make_extraction("b.txt"))
    assert [r.key for r in store.reports()] == ["a.txt", "b.txt"]
    assert store.report_keys() == ["a.txt", "b.txt"]
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DIVISIONS_GRAPH}> {{ ?j a gk:Jurisdiction }} }}")
    assert rows == [{"n": 3}]
    # the same adoption IRI (same place, initiative, year) is described in both graphs
    assert len(store.select("SELECT DISTINCT ?a WHERE { ?a a gk:Adoption }")) == 2
    store.remove_report("a.txt")
    assert store.report_keys() == ["b.txt"]


def test_replacement_is_atomic():
    """A failing update leaves the report's old graph in place (one transaction)."""
    store = Store()
    store.replace_report(make_extraction())
    before = quads(store)

    class Failing:
        def __init__(self, db):
            self.db = db

        def update(self, text):
            # the real update, then an operation that fails at run time
            self.db.update(text + " ;\nDROP GRAPH <https://example.org/missing>")

    real = store.db
    store.db = Failing(real)
    ex = make_extraction()
    ex.initiatives = []
    with pytest.raises(RuntimeError):
        store.replace_report(ex)
    store.db = real
    assert quads(store) == before


def test_query_union_and_substitutions():
    store = Store()
    store.replace_report(make_extraction())
    rows = store.select(
        "SELECT ?r ?title WHERE { ?r dcterms:title ?title ; dcterms:spatial ?j . ?j gk:shortName ?short }",
        {"r": report_iri("xihu_2021.txt")},
    )
    assert rows == [{"r": str(report_iri("xihu_2021.txt")), "title": "杭州市西湖区2021年法治政府建设年度报告"}]
    result = store.query("SELECT ?g WHERE { GRAPH ?g { ?r a gk:Report } }")
    assert [s["g"].value for s in result] == [str(graph_iri("xihu_2021.txt"))]
    assert bool(store.query("ASK { ?a gk:initiative ?i }", {ox.Variable("i"): initiative_iri("西湖枫桥")})) is True
    with pytest.raises(StoreError, match="^query failed: .*variable"):
        store.query("SELECT ?title WHERE { ?r dcterms:title ?title }", {"r": report_iri("xihu_2021.txt")})


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o . SeRvIcE ?x { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(sparql):
    with pytest.raises(StoreError, match="^SERVICE is not allowed"):
        Store().query(sparql)


def test_load_is_refused_and_harmless_words_are_not():
    with pytest.raises(StoreError, match="^LOAD is not allowed"):
        check_query("LOAD <http://example.org/data.ttl>")
    # the words inside strings, IRIs, comments and variable names are fine
    check_query('SELECT ?service WHERE { ?s <http://x/SERVICE> "SERVICE" . } # SERVICE\n')
    check_query("SELECT ?load WHERE { ?s ?p ?load }")
    assert Store().select("SELECT ?service WHERE { VALUES ?service { 'SERVICE' } }") == [{"service": "SERVICE"}]


def test_syntax_error_is_one_line():
    with pytest.raises(StoreError, match="^SPARQL syntax error") as err:
        Store().query("SELECT WHERE {")
    assert "\n" not in str(err.value)


def test_export_formats_round_trip():
    store = Store()
    store.replace_report(make_extraction("a.txt"))
    store.replace_report(make_extraction("b.txt"))
    nq = store.export("nq")
    assert len(nq.splitlines()) == len(store)
    assert nq == store.export("nq")  # sorted: identical every time
    ds = Dataset()
    ds.parse(data=nq, format="nquads")
    assert len(list(ds.quads())) == len(store)
    union = {(q.subject, q.predicate, q.object) for q in store.db}
    ttl = Graph().parse(data=store.export("ttl"), format="turtle")
    assert len(ttl) == len(union)
    js = store.export("jsonld")
    assert json.loads(js)  # valid JSON
    ds2 = Dataset()
    ds2.parse(data=js, format="json-ld")
    assert len(list(ds2.quads())) == len(store)
    trig = Dataset()
    trig.parse(data=store.export("trig"), format="trig")
    assert len(list(trig.quads())) == len(store)
    with pytest.raises(StoreError, match="unknown export format"):
        store.export("xml")


def test_stats_and_lexicon():
    store = Store()
    store.replace_report(make_extraction("a.txt"))
    store.put_lexicon()
    st = store.stats()
    assert st.reports == [
        {
            "key": "a.txt",
            "file": "a.txt",
            "year": 2021,
            "triples": len(build_graphs(make_extraction("a.txt")).graph),
            "organizations": 2,
            "adoptions": 2,
            "outcomes": 2,
            "honors": 1,
            "promotions": 1,
        }
    ]
    assert st.classes["gk:Report"] == 1
    assert st.classes["gk:Adoption"] == 2
    assert st.classes["gk:Jurisdiction"] == 3
    assert st.classes["gk:LocalBrand"] == 1
    assert "owl:Class" not in st.classes  # the ontology graph is not counted
    n_lexicon = store.select(
        f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH <{LEXICON_GRAPH}> {{ ?c a gk:Initiative }} }}"
    )
    assert n_lexicon[0]["n"] == st.classes["gk:Initiative"] - 1
    label = store.select("SELECT ?c ?l WHERE { ?c skos:prefLabel ?l }", {"c": initiative_iri("枫桥经验")})
    assert [row["l"] for row in label] == ["枫桥经验"]
    assert st.graphs == 4  # report, divisions, lexicon, ontology


def test_persistent_store_survives_reopening(tmp_path):
    path = tmp_path / "store"
    store = Store(path)
    store.replace_report(make_extraction())
    store.flush()
    n = len(store)
    del store
    again = Store(path)
    assert len(again) == n
    assert again.select("SELECT ?y WHERE { ?r a gk:Report ; gk:year ?y }") == [{"y": 2021}]
