"""The built graph conforms to ontology/shapes.ttl; broken graphs do not."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg.build import build
from kg.graph import GK, ID, OA, build_graphs, org_iri
from kg.resources import ontology_path
from kg.store import Store, _rdflib

from .conftest import SEEDS
from .test_graph import make_extraction

pyshacl = pytest.importorskip("pyshacl")


def union(store: Store) -> Graph:
    g = Graph()
    for q in store.db:
        g.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
    return g


def validate(data: Graph) -> tuple[bool, str]:
    shapes = Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    onto = Graph().parse(ontology_path("govkg.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto, inference="none", advanced=True)
    return conforms, text


@pytest.fixture(scope="module")
def fixture_graph() -> Graph:
    store = Store()
    store.replace_report(make_extraction("a.txt"))
    store.replace_report(make_extraction("b.txt"))
    store.put_lexicon()
    return union(store)


def test_ontology_and_shapes_parse():
    onto = Graph().parse(ontology_path("govkg.ttl"), format="turtle")
    # every class and property of ours has a Chinese and an English label and a comment
    ours = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(GK))}
    assert len(ours) == 24 + 31
    for term in ours:
        langs = {lit.language for lit in onto.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
        assert langs == {"zh", "en"}, term
        assert onto.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")) is not None, term


def test_seed_build_conforms(tmp_path):
    store = Store()
    summary = build([SEEDS], store)
    assert len(summary.reports) == 5 and summary.skipped == []
    conforms, text = validate(union(store))
    assert conforms is True, text


def test_every_fact_kind_conforms(fixture_graph):
    for cls in (GK.Adoption, GK.Outcome, GK.Honor, GK.Promotion, GK.LocalBrand):
        assert (None, RDF.type, cls) in fixture_graph
    conforms, text = validate(fixture_graph)
    assert conforms is True, text


def _broken(fixture_graph: Graph, change) -> Graph:
    g = Graph()
    for t in fixture_graph:
        g.add(t)
    change(g)
    return g


OUTCOME = ID["outcome/a.txt/1"]


def _drop_evidence(g: Graph) -> None:
    g.remove((OUTCOME, GK.evidence, None))


def _second_evidence(g: Graph) -> None:
    g.add((OUTCOME, GK.evidence, ID["evidence/a.txt/0-5"]))


def _bad_offset(g: Graph) -> None:
    ev = g.value(OUTCOME, GK.evidence)
    pos = URIRef(f"{ev}#pos")
    g.remove((pos, OA.start, None))
    g.add((pos, OA.start, Literal("12")))  # a string, not an integer


def _bad_status(g: Graph) -> None:
    a = next(g.subjects(RDF.type, GK.Adoption))
    g.remove((a, GK.status, None))
    g.add((a, GK.status, Literal("rumoured")))


def _untyped_org(g: Graph) -> None:
    g.remove((org_iri("杭州市西湖区司法局"), RDF.type, GK.JudicialBureau))


def _no_year(g: Graph) -> None:
    g.remove((ID["report/a.txt"], GK.year, None))


def _bad_scope(g: Graph) -> None:
    g.add((ID["promotion/a.txt/1"], GK.scope, Literal("galaxy")))


def _adoption_loses_one_reports_evidence(g: Graph) -> None:
    a = next(g.subjects(RDF.type, GK.Adoption))  # shared by a.txt and b.txt (same place and year)
    for ev in list(g.objects(a, GK.evidence)):
        if g.value(ev, OA.hasSource) == ID["report/b.txt"]:
            g.remove((a, GK.evidence, ev))


def _adoption_evidence_from_elsewhere(g: Graph) -> None:
    a = next(g.subjects(RDF.type, GK.Adoption))
    g.remove((a, GK.report, ID["report/b.txt"]))
    g.remove((a, PROV.wasDerivedFrom, ID["report/b.txt"]))


@pytest.mark.parametrize(
    "change",
    [
        _adoption_loses_one_reports_evidence,
        _adoption_evidence_from_elsewhere,
        _drop_evidence,
        _second_evidence,
        _bad_offset,
        _bad_status,
        _untyped_org,
        _no_year,
        _bad_scope,
    ],
)
def test_broken_graph_does_not_conform(fixture_graph, change):
    conforms, _ = validate(_broken(fixture_graph, change))
    assert conforms is False


def test_build_graphs_of_fixture_alone_has_no_jurisdiction_nodes():
    """The report graph needs the divisions graph to conform (jurisdictions live there)."""
    rg = build_graphs(make_extraction())
    conforms, _ = validate(rg.graph)
    assert conforms is False
    g = rg.graph + rg.divisions
    from kg.store import lexicon_graph

    conforms, text = validate(g + lexicon_graph())
    assert conforms is True, text
