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
    assert lexicon.canonical("“最多跑一次”改革") == "最多跑一次改革"
    assert lexicon.canonical("最多跑一次") is None  # bare, it is a target (事项“最多跑一次”)
    assert lexicon.canonical("大综合一体化改革") == "大综合一体化行政执法改革"
    assert lexicon.canonical("行政合规指导") == "涉企行政合规指导"
    assert lexicon.canonical("法治建设专项督察") == "法治督察"
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


def test_variant_forms_of_national_practices_resolve():
    assert lexicon.canonical("第八个五年法治宣传教育规划") == "八五普法"
    assert lexicon.canonical("“八五”普法") == "八五普法"
    assert lexicon.canonical("双随机 一公开") == "双随机一公开"
    assert lexicon.canonical("「双随机、一公开」监管") == "双随机一公开"
    assert lexicon.canonical("行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度") == "行政执法三项制度"
    assert lexicon.canonical("一村（社区）一法律顾问") == "村居法律顾问"
    assert lexicon.canonical("民主法治示范村（社区）") == "民主法治示范村"
    assert lexicon.canonical("轻微违法免罚") == "首违不罚"
    assert lexicon.canonical("公职律师制度") == "政府法律顾问"
    assert lexicon.canonical("12348公共法律服务热线") == "12348法律服务热线"
    assert lexicon.canonical("两法衔接") == "行政执法与刑事司法衔接"
    assert lexicon.canonical("法治体检") is None


def test_no_alias_belongs_to_two_concepts():
    owner: dict[str, str] = {}
    for e in lexicon.entries():
        for form in e.forms():
            k = lexicon.key(form)
            assert owner.setdefault(k, e.name) == e.name, (form, owner[k], e.name)


def test_aliases_with_an_inserted_word_and_a_reform_goal():
    assert lexicon.canonical("案卷集中评查") == "行政执法案卷评查"
    assert lexicon.canonical("案卷专项评查") == "行政执法案卷评查"
    assert lexicon.canonical("“一证准营”") == "一业一证"
    assert lexicon.canonical("律师调解工作室") is None  # a room is an organization
    assert lexicon.canonical("律师参与调解") == "律师调解"
