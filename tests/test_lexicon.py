from __future__ import annotations

import hashlib

from rdflib import RDF, Literal
from rdflib.namespace import SKOS

from kg import lexicon
from kg.graph import initiative_iri
from kg.lexicon import GK, SCHEME


def test_entries_have_unique_canonical_names():
    names = [e.name for e in lexicon.entries()]
    assert len(names) == len(set(names))
    fb = next(e for e in lexicon.entries() if e.name == "枫桥经验")
    assert fb.category == "dispute_resolution"
    assert fb.origin == "national"
    assert "新时代枫桥经验" in fb.aliases


def test_canonical_resolves_aliases_quotes_and_xinshidai():
    assert lexicon.canonical("枫桥经验") == "枫桥经验"
    assert lexicon.canonical("新时代“枫桥经验”") == "枫桥经验"
    assert lexicon.canonical("“双随机、一公开”监管") == "双随机一公开"
    assert lexicon.canonical("等级保护") == "网络安全等级保护"
    assert lexicon.canonical("谁管理谁普法") == "普法责任制"
    assert lexicon.canonical("塞上枫桥") is None
    assert lexicon.canonical("") is None


def test_key_drops_punctuation_and_leading_xinshidai():
    assert lexicon.key("新时代“枫桥经验”") == "枫桥经验"
    assert lexicon.key("一门、一窗、一网、一次") == "一门一窗一网一次"
    assert lexicon.key("新时代") == "新时代"


def test_concept_iri_is_sha1_prefix_and_matches_graph_module():
    digest = hashlib.sha1("枫桥经验".encode()).hexdigest()[:16]
    assert str(lexicon.concept_iri("枫桥经验")) == f"https://w3id.org/govkg/id/initiative/{digest}"
    assert lexicon.concept_iri("放管服改革") == initiative_iri("放管服改革")


def test_skos_graph_describes_every_entry():
    g = lexicon.skos_graph()
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in g
    node = lexicon.concept_iri("枫桥经验")
    assert (node, RDF.type, GK.Initiative) in g
    assert (node, SKOS.inScheme, SCHEME) in g
    assert (node, SKOS.prefLabel, Literal("枫桥经验", lang="zh")) in g
    assert (node, SKOS.altLabel, Literal("新时代枫桥经验", lang="zh")) in g
    assert (node, GK.category, Literal("dispute_resolution")) in g
    assert (node, GK.origin, Literal("national")) in g
    concepts = set(g.subjects(SKOS.inScheme, SCHEME))
    assert len(concepts) == len(lexicon.entries())
    assert len(list(g.objects(node, SKOS.prefLabel))) == 1
