"""kg.graph: an extraction written by hand -> the report's named graph and its divisions."""

from __future__ import annotations

import hashlib

import pytest
import rdflib.namespace
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.graph import (
    GK,
    ID,
    OA,
    ORG,
    GraphError,
    build_graphs,
    divisions_graph,
    graph_iri,
    initiative_iri,
    jurisdiction_iri,
    org_iri,
    report_graph,
    report_iri,
    report_key,
)
from kg.model import Extraction, Honor, Initiative, Organization, Outcome, Promotion, ReportMeta

from .conftest import text_document

INTEGER = URIRef(str(rdflib.namespace.XSD) + "integer")
DECIMAL = URIRef(str(rdflib.namespace.XSD) + "decimal")
TITLE = "杭州市西湖区2021年法治政府建设年度报告"
TEXT = (
    TITLE + "\n"
    "一、主要成效\n"
    "区司法局全面推行行政执法三项制度。\n"
    "全年办理行政复议案件120件,同比增长12.5%。\n"
    "西湖区荣获全国法治政府建设示范区。\n"
    "我区“西湖枫桥”调解经验在全省推广。\n"
    "二、下一步打算\n"
    "继续深化行政执法三项制度。\n"
)


def span(needle: str, nth: int = 0) -> tuple[int, int, str]:
    """Offsets of the sentence (up to 。) holding the ``nth`` occurrence of ``needle``."""
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(needle, pos + 1)
    start = TEXT.rindex("\n", 0, pos) + 1
    end = TEXT.index("。", pos) + 1
    return start, end, TEXT[start:end]


def sha1_16(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def make_extraction(name: str = "xihu_2021.txt", text: str = TEXT, **over) -> Extraction:
    doc = text_document(text, name)
    meta = ReportMeta(
        title=TITLE,
        jurisdiction="浙江省杭州市西湖区",
        adcode="330106",
        year=2021,
        publisher="杭州市西湖区人民政府",
        level="county",
        parents=["330100", "330000"],
        start=0,
        end=len(TITLE),
    )
    s1, e1, ev1 = span("三项制度")
    s2, e2, ev2 = span("三项制度", 1)
    s3, e3, ev3 = span("120件")
    s4, e4, ev4 = span("荣获")
    s5, e5, ev5 = span("西湖枫桥")
    ex = Extraction(
        doc=doc,
        report=meta,
        organizations=[
            Organization(s1, e1, ev1, name="杭州市西湖区司法局", type="JudicialBureau", mentions=["区司法局"]),
        ],
        initiatives=[
            Initiative(s2, e2, ev2, name="行政执法三项制度", status="planned"),
            Initiative(s1, e1, ev1, name="行政执法三项制度", status="implemented"),
            Initiative(s5, e5, ev5, name="西湖枫桥", status="implemented", broader="枫桥经验", local=True),
        ],
        outcomes=[
            Outcome(s3, e3, ev3, indicator="办理行政复议案件", value=120, unit="件", subject="杭州市西湖区司法局"),
            Outcome(s3, e3, ev3, indicator="办理行政复议案件", value=12.5, unit="%", change=True),
            Outcome(5, 2, "broken", indicator="bad offsets", value=1),  # dropped: end before start
        ],
        honors=[Honor(s4, e4, ev4, recipient="西湖区", title="全国法治政府建设示范区")],
        promotions=[
            Promotion(s5, e5, ev5, practice="“西湖枫桥”调解经验", scope="province"),
            Promotion(s5, e5, "not the text at these offsets", practice="x", scope="city"),  # dropped
        ],
    )
    for k, v in over.items():
        setattr(ex, k, v)
    return ex


def test_iris_follow_the_contract():
    assert report_key("000_2515ae68359f4538.txt") == "000_2515ae68359f4538.txt"
    assert report_key("西湖区 2021.txt") == "%E8%A5%BF%E6%B9%96%E5%8C%BA%202021.txt"
    assert report_iri("a.txt") == URIRef("https://w3id.org/govkg/id/report/a.txt")
    assert graph_iri("a.txt") == URIRef("https://w3id.org/govkg/id/graph/report/a.txt")
    assert org_iri("杭州市西湖区司法局") == URIRef(f"https://w3id.org/govkg/id/org/{sha1_16('杭州市西湖区司法局')}")
    assert initiative_iri("枫桥经验") == URIRef(f"https://w3id.org/govkg/id/initiative/{sha1_16('枫桥经验')}")
    assert jurisdiction_iri("330106") == URIRef("https://w3id.org/govkg/id/jurisdiction/330106")


def test_initiative_iri_equals_the_lexicon_concept_iri():
    lexicon = pytest.importorskip("kg.lexicon")
    for name in ("枫桥经验", "行政执法三项制度", "某地方品牌"):
        assert str(lexicon.concept_iri(name)) == str(initiative_iri(name))


def test_report_node():
    ex = make_extraction()
    g = report_graph(ex)
    r = report_iri("xihu_2021.txt")
    assert set(g.predicate_objects(r)) == {
        (RDF.type, GK.Report),
        (DCTERMS.title, Literal(TITLE, lang="zh")),
        (DCTERMS.spatial, jurisdiction_iri("330106")),
        (DCTERMS.publisher, org_iri("杭州市西湖区人民政府")),
        (GK.year, Literal(2021, datatype=INTEGER)),
        (GK.fileName, Literal("xihu_2021.txt")),
        (GK.sha256, Literal(ex.doc.sha256)),
        (GK.charCount, Literal(len(TEXT), datatype=INTEGER)),
        (GK.mentions, org_iri("杭州市西湖区司法局")),
        (GK.mentions, org_iri("杭州市西湖区人民政府")),
    }


def test_organizations_and_publisher():
    g = report_graph(make_extraction())
    bureau = org_iri("杭州市西湖区司法局")
    s1, e1, _ = span("三项制度")
    assert set(g.predicate_objects(bureau)) == {
        (RDF.type, ORG.Organization),
        (RDF.type, GK.JudicialBureau),
        (SKOS.prefLabel, Literal("杭州市西湖区司法局", lang="zh")),
        (SKOS.altLabel, Literal("区司法局", lang="zh")),
        (GK.orgType, Literal("JudicialBureau")),
        (GK.jurisdiction, jurisdiction_iri("330106")),
        (GK.evidence, ID[f"evidence/xihu_2021.txt/{s1}-{e1}"]),
        (PROV.wasDerivedFrom, report_iri("xihu_2021.txt")),
    }
    # the publisher is not among the extracted organizations: typed by its name, the title as evidence
    gov = org_iri("杭州市西湖区人民政府")
    assert g.value(gov, GK.orgType) == Literal("Government")
    assert g.value(gov, GK.evidence) == ID[f"evidence/xihu_2021.txt/0-{len(TITLE)}"]


def test_one_adoption_per_initiative_and_year_implemented_wins():
    g = report_graph(make_extraction())
    adoptions = sorted(g.subjects(RDF.type, GK.Adoption))
    three = initiative_iri("行政执法三项制度")
    brand = initiative_iri("西湖枫桥")
    assert adoptions == sorted(
        [
            ID[f"adoption/330106/{sha1_16('行政执法三项制度')}/2021"],
            ID[f"adoption/330106/{sha1_16('西湖枫桥')}/2021"],
        ]
    )
    a = ID[f"adoption/330106/{sha1_16('行政执法三项制度')}/2021"]
    s1, e1, _ = span("三项制度")
    assert g.value(a, GK.initiative) == three
    assert g.value(a, GK.status) == Literal("implemented")
    assert g.value(a, GK.evidence) == ID[f"evidence/xihu_2021.txt/{s1}-{e1}"]
    assert g.value(a, GK.year) == Literal(2021, datatype=INTEGER)
    assert g.value(a, GK.jurisdiction) == jurisdiction_iri("330106")
    assert g.value(a, GK.report) == report_iri("xihu_2021.txt")
    assert g.value(a, PROV.wasDerivedFrom) == report_iri("xihu_2021.txt")
    # the lexicon concept is described in the lexicon graph, not here; the local brand is
    assert (three, SKOS.prefLabel, None) not in g
    assert set(g.objects(brand, RDF.type)) == {GK.Initiative, GK.LocalBrand}
    assert g.value(brand, SKOS.broader) == initiative_iri("枫桥经验")
    assert g.value(brand, GK.origin) == Literal("local")


def test_evidence_selectors():
    g = report_graph(make_extraction())
    s, e, ev = span("120件")
    node = ID[f"evidence/xihu_2021.txt/{s}-{e}"]
    quote, pos = URIRef(f"{node}#quote"), URIRef(f"{node}#pos")
    assert set(g.predicate_objects(node)) == {
        (RDF.type, OA.SpecificResource),
        (OA.hasSource, report_iri("xihu_2021.txt")),
        (OA.hasSelector, quote),
        (OA.hasSelector, pos),
    }
    assert set(g.predicate_objects(quote)) == {(RDF.type, OA.TextQuoteSelector), (OA.exact, Literal(ev))}
    assert set(g.predicate_objects(pos)) == {
        (RDF.type, OA.TextPositionSelector),
        (OA.start, Literal(s, datatype=INTEGER)),
        (OA.end, Literal(e, datatype=INTEGER)),
    }
    assert TEXT[s:e] == ev


def test_outcomes_honors_promotions_numbered_in_text_order_and_bad_evidence_dropped():
    rg = build_graphs(make_extraction())
    g = rg.graph
    assert rg.counts == {"organizations": 2, "adoptions": 2, "outcomes": 2, "honors": 1, "promotions": 1}
    assert rg.dropped == {"outcomes": 1, "promotions": 1}
    o1, o2 = ID["outcome/xihu_2021.txt/1"], ID["outcome/xihu_2021.txt/2"]
    assert sorted(g.subjects(RDF.type, GK.Outcome)) == [o1, o2]
    values = {g.value(o, GK.value) for o in (o1, o2)}
    assert values == {Literal("120", datatype=DECIMAL), Literal("12.5", datatype=DECIMAL)}
    first = o1 if g.value(o1, GK.unit) == Literal("件") else o2
    assert g.value(first, GK.subject) == org_iri("杭州市西湖区司法局")
    assert g.value(first, GK.isChange) == Literal(False)
    assert g.value(first, GK.approx) == Literal(False)
    honor = ID["honor/xihu_2021.txt/1"]
    assert g.value(honor, GK.recipient) == jurisdiction_iri("330106")  # 西湖区 resolves to the report's place
    assert g.value(honor, GK.recipientName) == Literal("西湖区", lang="zh")
    promo = ID["promotion/xihu_2021.txt/1"]
    assert g.value(promo, GK.scope) == Literal("province")
    assert g.value(promo, GK.initiative) == initiative_iri("西湖枫桥")  # the practice names the brand
    # every fact has exactly one evidence whose span is inside the text
    for cls in (GK.Adoption, GK.Outcome, GK.Honor, GK.Promotion):
        for node in g.subjects(RDF.type, cls):
            (ev,) = list(g.objects(node, GK.evidence))
            start = int(g.value(URIRef(f"{ev}#pos"), OA.start))
            end = int(g.value(URIRef(f"{ev}#pos"), OA.end))
            assert str(g.value(URIRef(f"{ev}#quote"), OA.exact)) == TEXT[start:end]


def test_invalid_status_scope_and_type_are_normalized():
    ex = make_extraction()
    ex.organizations[0].type = "Bureau"  # not a type: Other
    ex.promotions[0].scope = "galaxy"  # not a scope: left out
    g = report_graph(ex)
    assert g.value(org_iri("杭州市西湖区司法局"), GK.orgType) == Literal("Other")
    assert (ID["promotion/xihu_2021.txt/1"], GK.scope, None) not in g


def test_rebuild_is_identical():
    a = report_graph(make_extraction()).serialize(format="nt")
    b = report_graph(make_extraction()).serialize(format="nt")
    assert sorted(a.splitlines()) == sorted(b.splitlines())
    assert isomorphic(report_graph(make_extraction()), report_graph(make_extraction()))


def test_no_year_or_jurisdiction_is_an_error():
    ex = make_extraction()
    ex.report.year = None
    with pytest.raises(GraphError, match="no year"):
        report_graph(ex)
    ex = make_extraction()
    ex.report.adcode = ""
    with pytest.raises(GraphError, match="no jurisdiction"):
        report_graph(ex)


def test_divisions_graph_has_the_chain():
    rg = build_graphs(make_extraction())
    g = rg.divisions
    xihu, hz, zj = (jurisdiction_iri(c) for c in ("330106", "330100", "330000"))
    assert set(g.subjects(RDF.type, GK.Jurisdiction)) == {xihu, hz, zj}
    assert set(g.predicate_objects(xihu)) == {
        (RDF.type, GK.Jurisdiction),
        (SKOS.prefLabel, Literal("浙江省杭州市西湖区", lang="zh")),
        (GK.shortName, Literal("西湖区", lang="zh")),
        (GK.adcode, Literal("330106")),
        (GK.level, Literal("county")),
        (GK.parent, hz),
        (GK.province, zj),
    }
    assert g.value(hz, GK.parent) == zj and g.value(hz, GK.level) == Literal("city")
    assert (zj, GK.parent, None) not in g and g.value(zj, GK.level) == Literal("province")
    # no jurisdiction node in the report graph itself
    assert (xihu, RDF.type, GK.Jurisdiction) not in rg.graph


def test_divisions_graph_unknown_code_keeps_the_name():
    g = divisions_graph({"999999"}, names={"999999": "某地"})
    node = jurisdiction_iri("999999")
    assert set(g.predicate_objects(node)) == {
        (RDF.type, GK.Jurisdiction),
        (GK.adcode, Literal("999999")),
        (SKOS.prefLabel, Literal("某地", lang="zh")),
    }


def test_organization_jurisdiction_from_its_name():
    ex = make_extraction()
    s1, e1, ev1 = span("三项制度")
    ex.organizations.append(Organization(s1, e1, ev1, name="浙江省司法厅", type="JudicialBureau"))
    g = report_graph(ex)
    assert g.value(org_iri("浙江省司法厅"), GK.jurisdiction) == jurisdiction_iri("330000")
    assert g.value(org_iri("杭州市西湖区司法局"), GK.jurisdiction) == jurisdiction_iri("330106")
