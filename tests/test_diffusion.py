"""Policy diffusion (kg.diffusion and the diffusion/profile/similar/network/adoptions
commands).

Three layers: a hand-written graph following docs/graph-model.md (independent of the
extractors; exact values for every computation), the multi-year corpus in
tests/data/diffusion built through the real pipeline (known adoption order over six
districts in Zhejiang and Jiangsu), and the seeds.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import diffusion as dif
from kg.cli import main
from kg.divisions import table

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CORPUS = Path(__file__).parent / "data" / "diffusion"

GK = "https://w3id.org/govkg/ns#"
ID = "https://w3id.org/govkg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"


def h(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def initiative_iri(name: str) -> str:
    return f"{ID}initiative/{h(name)}"


def jurisdiction_iri(adcode: str) -> str:
    return f"{ID}jurisdiction/{adcode}"


def _int(v: int) -> Literal:
    return Literal(str(v), datatype=NamedNode(XSD + "integer"))


def _zh(s: str) -> Literal:
    return Literal(s, language="zh")


class FixtureStore:
    """The store interface diffusion reads: ``query(sparql, substitutions)`` over the
    union of all graphs."""

    def __init__(self) -> None:
        self.store = Store()
        self.g_lex = NamedNode(ID + "graph/lexicon")
        self.g_div = NamedNode(ID + "graph/divisions")

    def query(self, sparql: str, substitutions: dict[Any, Any] | None = None) -> Any:
        return self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def add(self, s: str, p: str, o: Any, g: NamedNode) -> None:
        obj = o if isinstance(o, (Literal, NamedNode)) else NamedNode(o)
        self.store.add(Quad(NamedNode(s), NamedNode(p), obj, g))

    def concept(
        self, name: str, origin: str = "national", aliases: tuple[str, ...] = (), broader: str | None = None
    ) -> None:
        c = initiative_iri(name)
        g = self.g_lex
        self.add(c, RDF_TYPE.value, GK + "Initiative", g)
        if origin == "local":
            self.add(c, RDF_TYPE.value, GK + "LocalBrand", g)
        self.add(c, SKOS + "prefLabel", _zh(name), g)
        for a in aliases:
            self.add(c, SKOS + "altLabel", _zh(a), g)
        self.add(c, GK + "origin", Literal(origin), g)
        if broader:
            self.add(c, SKOS + "broader", initiative_iri(broader), g)

    def division(self, adcode: str) -> None:
        t = table()
        for d in t.chain(adcode):
            j = jurisdiction_iri(d.code)
            g = self.g_div
            self.add(j, RDF_TYPE.value, GK + "Jurisdiction", g)
            self.add(j, SKOS + "prefLabel", _zh(d.full_name), g)
            self.add(j, GK + "shortName", _zh(d.name), g)
            self.add(j, GK + "adcode", Literal(d.code), g)
            self.add(j, GK + "level", Literal(d.level), g)
            if d.parent:
                self.add(j, GK + "parent", jurisdiction_iri(d.parent), g)
            self.add(j, GK + "province", jurisdiction_iri(t.province(d.code).code), g)

    def report(
        self,
        key: str,
        adcode: str,
        year: int,
        title: str,
        adoptions: list[tuple[str, str, str]] = (),
        promotions: list[tuple[str, str, str, str | None]] = (),
        outcomes: list[tuple[str, float, str]] = (),
        honors: list[tuple[str, str]] = (),
        orgs: list[tuple[str, str, str]] = (),
    ) -> None:
        """adoptions: (initiative, status, sentence); promotions: (practice, scope,
        sentence, initiative or None); outcomes: (indicator, value, unit); honors:
        (recipient, title); orgs: (name, type, adcode)."""
        self.division(adcode)
        g = NamedNode(f"{ID}graph/report/{key}")
        r = f"{ID}report/{key}"
        j = jurisdiction_iri(adcode)
        self.add(r, RDF_TYPE.value, GK + "Report", g)
        self.add(r, DCT + "title", _zh(title), g)
        self.add(r, DCT + "spatial", j, g)
        self.add(r, GK + "year", _int(year), g)
        self.add(r, GK + "fileName", Literal(key + ".txt"), g)
        pos = 0

        def evidence(sentence: str) -> str:
            nonlocal pos
            start, end = pos, pos + len(sentence)
            pos = end + 1
            ev = f"{ID}evidence/{key}/{start}-{end}"
            self.add(ev, RDF_TYPE.value, OA + "SpecificResource", g)
            self.add(ev, OA + "hasSource", r, g)
            self.add(ev, OA + "hasSelector", ev + "#quote", g)
            self.add(ev, OA + "hasSelector", ev + "#pos", g)
            self.add(ev + "#quote", OA + "exact", Literal(sentence), g)
            self.add(ev + "#pos", OA + "start", _int(start), g)
            self.add(ev + "#pos", OA + "end", _int(end), g)
            return ev

        for name, status, sentence in adoptions:
            c = initiative_iri(name)
            a = f"{ID}adoption/{adcode}/{h(name)}/{year}"
            self.add(a, RDF_TYPE.value, GK + "Adoption", g)
            self.add(a, GK + "jurisdiction", j, g)
            self.add(a, GK + "initiative", c, g)
            self.add(a, GK + "year", _int(year), g)
            self.add(a, GK + "status", Literal(status), g)
            self.add(a, GK + "report", r, g)
            self.add(a, GK + "evidence", evidence(sentence), g)
            self.add(a, GK + "surfaceForm", Literal(name), g)
        for n, (practice, scope, sentence, init) in enumerate(promotions):
            p = f"{ID}promotion/{key}/{n}"
            self.add(p, RDF_TYPE.value, GK + "Promotion", g)
            self.add(p, GK + "practice", Literal(practice), g)
            self.add(p, GK + "scope", Literal(scope), g)
            if init:
                self.add(p, GK + "initiative", initiative_iri(init), g)
            self.add(p, GK + "jurisdiction", j, g)
            self.add(p, GK + "year", _int(year), g)
            self.add(p, GK + "report", r, g)
            self.add(p, GK + "evidence", evidence(sentence), g)
        for n, (indicator, value, unit) in enumerate(outcomes):
            o = f"{ID}outcome/{key}/{n}"
            self.add(o, RDF_TYPE.value, GK + "Outcome", g)
            self.add(o, GK + "indicator", Literal(indicator), g)
            self.add(o, GK + "value", Literal(str(value), datatype=NamedNode(XSD + "decimal")), g)
            self.add(o, GK + "unit", Literal(unit), g)
            self.add(o, GK + "approx", Literal("false", datatype=NamedNode(XSD + "boolean")), g)
            self.add(o, GK + "isChange", Literal("false", datatype=NamedNode(XSD + "boolean")), g)
            self.add(o, GK + "subjectName", Literal(title[:6]), g)
            self.add(o, GK + "jurisdiction", j, g)
            self.add(o, GK + "year", _int(year), g)
            self.add(o, GK + "report", r, g)
        for n, (recipient, honor) in enumerate(honors):
            o = f"{ID}honor/{key}/{n}"
            self.add(o, RDF_TYPE.value, GK + "Honor", g)
            self.add(o, GK + "recipientName", Literal(recipient), g)
            self.add(o, GK + "title", Literal(honor), g)
            self.add(o, GK + "jurisdiction", j, g)
            self.add(o, GK + "year", _int(year), g)
            self.add(o, GK + "report", r, g)
        for name, typ, org_adcode in orgs:
            o = f"{ID}org/{h(name)}"
            self.add(o, RDF_TYPE.value, GK + typ, g)
            self.add(o, SKOS + "prefLabel", _zh(name), g)
            self.add(o, GK + "orgType", Literal(typ), g)
            self.add(o, GK + "jurisdiction", jurisdiction_iri(org_adcode), g)
            self.add(r, GK + "mentions", o, g)


# --------------------------------------------------------------------------- the hand-written graph

A, B, C, D = "行政执法三项制度", "告知承诺制", "双随机一公开", "法律明白人"
FQ, BRAND = "枫桥经验", "湖畔枫桥"
XIHU, SHANGCHENG, HAISHU = "330106", "330102", "330203"  # 杭州 杭州 宁波 (浙江)
XUANWU, GULOU, GUSU = "320102", "320106", "320508"  # 南京 南京 苏州 (江苏)


def _s(name: str) -> str:
    return f"全面推行{name}。"


def _title(city: str, district: str, year: int) -> str:
    return f"{city}{district}司法局关于{year}年度法治政府建设情况的报告"


@pytest.fixture(scope="module")
def fx() -> FixtureStore:
    s = FixtureStore()
    s.concept(A, aliases=("三项制度", "行政执法“三项制度”"))
    s.concept(B, aliases=("证明事项告知承诺制",))
    s.concept(C, aliases=("双随机、一公开",))
    s.concept(D)
    s.concept(FQ, aliases=("新时代“枫桥经验”",))
    s.concept(BRAND, origin="local", broader=FQ)
    s.report(
        "xh2019",
        XIHU,
        2019,
        _title("杭州市", "西湖区", 2019),
        [(A, "implemented", _s(A)), (B, "implemented", _s(B))],
        outcomes=[("办理行政复议案件", 52, "件")],
        honors=[("杭州市西湖区司法局", "全国法治宣传教育先进单位")],
        orgs=[
            ("杭州市西湖区司法局", "JudicialBureau", XIHU),
            ("浙江省司法厅", "JudicialBureau", "330000"),
            ("杭州市西湖区人民法院", "Court", XIHU),
        ],
    )
    s.report(
        "xh2021",
        XIHU,
        2021,
        _title("杭州市", "西湖区", 2021),
        [(A, "implemented", _s(A)), (D, "implemented", _s(D)), (BRAND, "implemented", "打造湖畔枫桥调解品牌。")],
    )
    s.report(
        "sc2020",
        SHANGCHENG,
        2020,
        _title("杭州市", "上城区", 2020),
        [(A, "implemented", _s(A)), (C, "implemented", _s(C)), (FQ, "implemented", "坚持和发展新时代“枫桥经验”。")],
    )
    s.report(
        "xw2020",
        XUANWU,
        2020,
        _title("南京市", "玄武区", 2020),
        [(A, "implemented", _s(A)), (B, "implemented", _s(B))],
        promotions=[("行政执法三项制度工作经验", "province", "我区行政执法三项制度工作经验在全省复制推广。", A)],
    )
    s.report(
        "hs2021", HAISHU, 2021, _title("宁波市", "海曙区", 2021), [(A, "implemented", _s(A)), (B, "implemented", _s(B))]
    )
    s.report(
        "gl2021",
        GULOU,
        2021,
        _title("南京市", "鼓楼区", 2021),
        [(A, "planned", "下一步,全面推行行政执法三项制度。"), (C, "implemented", _s(C))],
        promotions=[("双随机抽查经验", "city", "我区双随机一公开监管经验在全市推广。", None)],
    )
    s.report("gl2022", GULOU, 2022, _title("南京市", "鼓楼区", 2022), [(A, "implemented", _s(A))])
    s.report("gs2021", GUSU, 2021, _title("苏州市", "姑苏区", 2021), [(C, "implemented", _s(C))])
    s.report(
        "gs2023", GUSU, 2023, _title("苏州市", "姑苏区", 2023), [(A, "implemented", _s(A)), (D, "implemented", _s(D))]
    )
    return s


# the adoption order every layer is built to show (first implemented year)
ORDER_A = {XIHU: 2019, SHANGCHENG: 2020, XUANWU: 2020, HAISHU: 2021, GULOU: 2022, GUSU: 2023}
CUMULATIVE_A = [
    (2019, 1, ["西湖区"]),
    (2020, 3, ["玄武区", "上城区"]),
    (2021, 4, ["海曙区"]),
    (2022, 5, ["鼓楼区"]),
    (2023, 6, ["姑苏区"]),
]
# (source, target) -> (weight, same_province, same_city, initiatives)
EDGES = {
    (XUANWU, GULOU): (1, True, True, A),
    (XUANWU, GUSU): (1, True, False, A),
    (XUANWU, HAISHU): (2, False, False, f"{B}|{A}"),
    (GULOU, GUSU): (1, True, False, A),
    (SHANGCHENG, GULOU): (2, False, False, f"{C}|{A}"),
    (SHANGCHENG, GUSU): (2, False, False, f"{C}|{A}"),
    (SHANGCHENG, HAISHU): (1, True, False, A),
    (XIHU, XUANWU): (2, False, False, f"{B}|{A}"),
    (XIHU, GULOU): (1, False, False, A),
    (XIHU, GUSU): (2, False, False, f"{D}|{A}"),
    (XIHU, SHANGCHENG): (1, True, True, A),
    (XIHU, HAISHU): (2, True, False, f"{B}|{A}"),
    (HAISHU, GULOU): (1, False, False, A),
    (HAISHU, GUSU): (1, False, False, A),
}
PANEL_A = [
    # adcode, year, reported, adopted, adopted_by, at_risk, adopt_year, left_censored
    (XUANWU, 2020, 1, 1, 1, 1, 2020, 1),
    (GULOU, 2021, 1, 0, 0, 1, 2022, 0),
    (GULOU, 2022, 1, 1, 1, 1, 2022, 0),
    (GUSU, 2021, 1, 0, 0, 1, 2023, 0),
    (GUSU, 2022, 0, 0, 0, 1, 2023, 0),
    (GUSU, 2023, 1, 1, 1, 1, 2023, 0),
    (SHANGCHENG, 2020, 1, 1, 1, 1, 2020, 1),
    (XIHU, 2019, 1, 1, 1, 1, 2019, 1),
    (XIHU, 2020, 0, 0, 1, 0, 2019, 1),
    (XIHU, 2021, 1, 0, 1, 0, 2019, 1),
    (HAISHU, 2021, 1, 1, 1, 1, 2021, 1),
]


def _panel_tuples(rows: list[dict[str, Any]]) -> list[tuple]:
    keys = ["adcode", "year", "reported", "adopted", "adopted_by", "at_risk", "adopt_year", "left_censored"]
    return [tuple(int(r[k]) if k != "adcode" else r[k] for k in keys) for r in rows]


def test_diffusion_by_alias_first_reporters_and_cumulative(fx):
    d = dif.diffusion(fx, "行政执法“三项制度”")
    assert d.concept.name == A
    assert [(a.place.adcode, a.year) for a in d.adopters] == sorted(
        ((c, y) for c, y in ORDER_A.items()), key=lambda x: (x[1], x[0])
    )
    assert d.first_year == 2019
    assert [p.name for p in d.first_reporters] == ["浙江省杭州市西湖区"]
    assert d.cumulative == CUMULATIVE_A
    assert [a.place.short for a in d.planned_only] == []
    # the table keeps every report year: Xihu twice, Gulou planned (2021) then implemented (2022)
    assert [(r["adcode"], r["year"], r["status"]) for r in dif.adoption_rows(d)] == [
        (XIHU, 2019, "implemented"),
        (XUANWU, 2020, "implemented"),
        (SHANGCHENG, 2020, "implemented"),
        (GULOU, 2021, "planned"),
        (XIHU, 2021, "implemented"),
        (HAISHU, 2021, "implemented"),
        (GULOU, 2022, "implemented"),
        (GUSU, 2023, "implemented"),
    ]
    rows = dif.adoption_rows(d)
    assert rows[3]["evidence"] == "下一步,全面推行行政执法三项制度。"
    assert rows[0]["province"] == "浙江省" and rows[0]["report"] == _title("杭州市", "西湖区", 2019)
    assert [(s.scope, s.jurisdiction, s.year) for s in d.spread] == [("province", "江苏省南京市玄武区", 2020)]


def test_spread_found_by_name_in_the_practice_and_local_brand_lineage(fx):
    d = dif.diffusion(fx, C)
    assert [(s.practice, s.scope) for s in d.spread] == [("双随机抽查经验", "city")]
    assert d.first_reporters[0].short == "上城区"
    brand = dif.diffusion(fx, BRAND)
    assert brand.concept.broader == FQ and brand.concept.origin == "local"
    assert "local brand deriving from the national initiative: 枫桥经验" in dif.format_diffusion(brand)
    assert dif.diffusion(fx, "新时代“枫桥经验”").narrower == [BRAND]


def test_unknown_initiative_suggests_close_names(fx):
    with pytest.raises(dif.UnknownName) as err:
        dif.diffusion(fx, "三项执法制度")
    assert err.value.suggestions[0] == A


def test_text_chart():
    assert dif.text_chart([(2019, 1, ["甲区"]), (2020, 1, []), (2021, 2, ["乙区"])], width=4) == (
        "2019  ██    1  +甲区\n2020  ██    1\n2021  ████  2  +乙区"
    )


def test_top(fx):
    rows = dif.top(fx, 3)
    assert [(r.initiative, r.adopters, r.first_year, r.latest_year, r.provinces, r.planned_only) for r in rows] == [
        (A, 6, 2019, 2023, ["江苏省", "浙江省"], 0),
        (B, 3, 2019, 2021, ["江苏省", "浙江省"], 0),
        (C, 3, 2020, 2021, ["江苏省", "浙江省"], 0),
    ]
    assert len(dif.top(fx, 0)) == 6


def test_panel_event_history(fx):
    d = dif.diffusion(fx, A)
    rows = dif.panel(fx, d)
    assert _panel_tuples(rows) == PANEL_A
    assert {r["policy"] for r in rows} == {A}


def test_spid_export(fx):
    rows = dif.spid(fx)
    assert len(rows) == 6 + 3 + 3 + 2 + 1 + 1
    gulou = [r for r in rows if r["adcode"] == GULOU and r["policy"] == A]
    assert gulou == [
        {
            "jurisdiction": "江苏省南京市鼓楼区",
            "policy": A,
            "adopt_year": 2022,
            "adcode": GULOU,
            "province": "江苏省",
            "status": "implemented",
            "origin": "national",
            "report": _title("南京市", "鼓楼区", 2022),
            "evidence": _s(A),
        }
    ]


def test_spid_planned_only_row():
    s = FixtureStore()
    s.concept(A)
    s.report(
        "gl2021", GULOU, 2021, _title("南京市", "鼓楼区", 2021), [(A, "planned", "下一步,全面推行行政执法三项制度。")]
    )
    assert [(r["policy"], r["adopt_year"], r["status"]) for r in dif.spid(s)] == [(A, 2021, "planned")]
    d = dif.diffusion(s, A)
    assert d.adopters == [] and [a.place.short for a in d.planned_only] == ["鼓楼区"]
    assert "no jurisdiction reports it implemented yet" in dif.format_diffusion(d)
    assert [
        (r["year"], r["reported"], r["adopted"], r["adopted_by"], r["at_risk"], r["adopt_year"])
        for r in dif.panel(s, d)
    ] == [(2021, 1, 0, 0, 1, "")]


def test_network_edges_and_leaders(fx):
    g = dif.network(fx)
    got = {
        (u, v): (d["weight"], d["same_province"], d["same_city"], d["initiatives"]) for u, v, d in g.edges(data=True)
    }
    assert got == EDGES
    assert all(d["national"] == d["weight"] and d["local"] == 0 for _, _, d in g.edges(data=True))
    assert [r["adcode"] for r in dif.leaders(g, 3)] == [XIHU, SHANGCHENG, XUANWU]
    assert g.nodes[XIHU]["out_weight"] == 8 and g.nodes[XIHU]["first_reports"] == 4
    assert g.nodes[GUSU]["in_weight"] == 7 and g.nodes[GUSU]["leader_score"] == 0.0


def test_network_files_round_trip(fx, tmp_path):
    g = dif.network(fx)
    for name in ("net.graphml", "net.gexf"):
        dif.write_network(g, tmp_path / name)
    back = nx.read_graphml(tmp_path / "net.graphml")
    assert back.number_of_edges() == 14 and back.nodes[XIHU]["name"] == "浙江省杭州市西湖区"
    assert back.edges[XIHU, SHANGCHENG]["same_city"] is True
    assert nx.read_gexf(tmp_path / "net.gexf").number_of_edges() == 14


def test_profile(fx):
    p = dif.profile(fx, "西湖区")
    assert p.place.adcode == XIHU
    assert [r["year"] for r in p.reports] == [2019, 2021]
    assert [(r["initiative"], r["year"], r["status"], r["role"]) for r in p.initiatives] == [
        (B, 2019, "implemented", "leader"),
        (A, 2019, "implemented", "leader"),
        (D, 2021, "implemented", "leader"),
        (BRAND, 2021, "implemented", ""),
        (A, 2021, "implemented", ""),
    ]
    assert p.leader == [B, D, A] and p.follower == []
    assert [(o["indicator"], o["value"], o["unit"]) for o in p.outcomes] == [("办理行政复议案件", 52.0, "件")]
    assert [(h["recipient"], h["title"]) for h in p.honors] == [("杭州市西湖区司法局", "全国法治宣传教育先进单位")]
    # the province's bureau is mentioned but is not one of Xihu's organizations
    assert p.organizations == {"Court": ["杭州市西湖区人民法院"], "JudicialBureau": ["杭州市西湖区司法局"]}
    g = dif.profile(fx, "320106")
    assert g.follower == [A] and g.leader == []
    assert dif.profile(fx, "江苏省苏州市姑苏区").place.adcode == GUSU


def test_profile_ambiguous_and_unknown_names():
    s = FixtureStore()
    s.concept(A)
    s.report("a", GULOU, 2021, _title("南京市", "鼓楼区", 2021), [(A, "implemented", _s(A))])
    s.report("b", "350102", 2021, _title("福州市", "鼓楼区", 2021), [(A, "implemented", _s(A))])
    with pytest.raises(dif.UnknownName) as err:
        dif.resolve_jurisdiction(s, "鼓楼区")
    assert err.value.candidates == ["320106 江苏省南京市鼓楼区", "350102 福建省福州市鼓楼区"]
    assert dif.resolve_jurisdiction(s, "福州市鼓楼区").adcode == "350102"
    with pytest.raises(dif.UnknownName) as err:
        dif.resolve_jurisdiction(s, "鼓楼")
    assert len(err.value.candidates) == 2
    with pytest.raises(dif.UnknownName):
        dif.resolve_jurisdiction(s, "朝阳区")


def test_similar_idf_weighting(fx):
    place, rows = dif.similar(fx, "西湖区", 5)
    assert place.adcode == XIHU
    # Gusu shares 法律明白人 (2 of 6 adopters) and Xuanwu/Haishu share 告知承诺制 (3 of 6):
    # the rarer shared initiative ranks Gusu first although plain Jaccard prefers the others
    assert [(r.place.adcode, round(r.score, 4), round(r.jaccard, 4)) for r in rows] == [
        (GUSU, 0.2569, 0.4),
        (XUANWU, 0.1934, 0.5),
        (HAISHU, 0.1934, 0.5),
        (GULOU, 0.0, 0.2),
        (SHANGCHENG, 0.0, 0.1667),
    ]
    _, plain = dif.similar(fx, "西湖区", 2, measure="jaccard")
    assert [(r.place.adcode, r.score) for r in plain] == [(XUANWU, 0.5), (HAISHU, 0.5)]


# --------------------------------------------------------------------------- the commands, on the hand-written graph


@pytest.fixture()
def cli(fx, monkeypatch, tmp_path):
    """Run govkg with the hand-written graph as the store."""
    (tmp_path / "store").mkdir()
    monkeypatch.setattr(dif, "open_store", lambda path: fx)

    def run(*args: str):
        return CliRunner().invoke(main, [*args, "--store", str(tmp_path / "store")])

    return run


def test_cli_diffusion_table(cli):
    result = cli("diffusion", "三项制度")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("行政执法三项制度  (origin: national)\n")
    assert "first reported in this corpus: 2019 by 浙江省杭州市西湖区" in out
    assert "2020  ███████████████                 3  +玄武区、上城区" in out
    assert (
        "[province] 2020 江苏省南京市玄武区: 行政执法三项制度工作经验 | 我区行政执法三项制度工作经验在全省复制推广。"
        in out
    )


def test_cli_diffusion_json_and_csv(cli):
    data = json.loads(cli("diffusion", A, "--format", "json").output)
    assert data["first_reporters"] == ["浙江省杭州市西湖区"]
    assert [(c["year"], c["adopters"]) for c in data["cumulative"]] == [(y, n) for y, n, _ in CUMULATIVE_A]
    rows = list(csv.DictReader(io.StringIO(cli("diffusion", A, "--format", "csv").output)))
    assert len(rows) == 8 and rows[0]["adcode"] == XIHU and rows[0]["initiative"] == A


def test_cli_diffusion_unknown_name_exits_2(cli):
    result = cli("diffusion", "三项执法制度")
    assert result.exit_code == 2
    assert "govkg: unknown initiative '三项执法制度'" in result.output
    assert "did you mean: 行政执法三项制度" in result.output


def test_cli_diffusion_argument_errors(cli, tmp_path):
    assert cli("diffusion").exit_code == 2
    assert cli("diffusion", A, "--top", "3").exit_code == 2
    result = cli("diffusion", A, "--plot", str(tmp_path / "x.svg"))
    assert result.exit_code == 2 and "use a .png file name" in result.output


def test_cli_missing_store(tmp_path):
    result = CliRunner().invoke(main, ["diffusion", A, "--store", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.output == f"govkg: {tmp_path / 'missing'}: no store here; run `govkg build` first\n"


def test_cli_top(cli):
    rows = list(csv.DictReader(io.StringIO(cli("diffusion", "--top", "2", "--format", "csv").output)))
    assert [
        (r["rank"], r["initiative"], r["adopters"], r["first_year"], r["latest_year"], r["province_count"])
        for r in rows
    ] == [
        ("1", A, "6", "2019", "2023", "2"),
        ("2", B, "3", "2019", "2021", "2"),
    ]
    assert [r["initiative"] for r in json.loads(cli("diffusion", "--top", "1", "--format", "json").output)] == [A]


def test_cli_panel_and_plot(cli, tmp_path):
    panel, png = tmp_path / "out" / "panel.csv", tmp_path / "out" / "curve.png"
    result = cli("diffusion", A, "--panel", str(panel), "--plot", str(png))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(panel.read_text(encoding="utf-8"))))
    assert list(rows[0]) == dif.PANEL_COLUMNS
    assert _panel_tuples(rows) == PANEL_A
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_profile_similar_network_adoptions(cli, tmp_path):
    out = cli("profile", "西湖区").output
    assert out.startswith("浙江省杭州市西湖区 (330106, county; province 浙江省)\n")
    assert "leader (reported before most other adopters): 告知承诺制、法律明白人、行政执法三项制度" in out
    assert "  2019 implemented (2): 告知承诺制 [leader]、行政执法三项制度 [leader]" in out
    rows = list(csv.DictReader(io.StringIO(cli("profile", "320106", "--format", "csv").output)))
    assert [(r["initiative"], r["year"], r["status"], r["role"]) for r in rows] == [
        (C, "2021", "implemented", ""),
        (A, "2021", "planned", ""),
        (A, "2022", "implemented", "follower"),
    ]
    assert json.loads(cli("profile", "姑苏区", "--format", "json").output)["jurisdiction"]["city"] == "320500"
    similar = json.loads(cli("similar", "西湖区", "--top", "1", "--format", "json").output)
    assert similar["similar"][0]["adcode"] == GUSU and similar["measure"] == "idf"
    gexf = tmp_path / "net.gexf"
    result = cli("network", "--out", str(gexf), "--format", "csv")
    assert result.exit_code == 0 and gexf.exists()
    edges = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(e["source"], e["target"]): int(e["weight"]) for e in edges} == {k: v[0] for k, v in EDGES.items()}
    assert cli("network", "--out", str(tmp_path / "net.txt")).exit_code == 2
    spid = list(csv.DictReader(io.StringIO(cli("adoptions", "--format", "csv").output)))
    assert list(spid[0])[:3] == ["jurisdiction", "policy", "adopt_year"] and len(spid) == 16


def test_cli_profile_ambiguous_exits_2(monkeypatch, tmp_path):
    s = FixtureStore()
    s.concept(A)
    s.report("a", GULOU, 2021, _title("南京市", "鼓楼区", 2021), [(A, "implemented", _s(A))])
    s.report("b", "350102", 2021, _title("福州市", "鼓楼区", 2021), [(A, "implemented", _s(A))])
    monkeypatch.setattr(dif, "open_store", lambda path: s)
    result = CliRunner().invoke(main, ["profile", "鼓楼区"])
    assert result.exit_code == 2
    assert "candidates: 320106 江苏省南京市鼓楼区; 350102 福建省福州市鼓楼区" in result.output


# --------------------------------------------------------------------------- the corpus, through the real pipeline


def _build(tmp_path_factory, name: str, reports: list[Path]):
    pytest.importorskip("kg.store")
    pytest.importorskip("kg.graph")
    path = tmp_path_factory.mktemp(name) / "store"
    result = CliRunner().invoke(main, ["build", *map(str, reports), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return dif.open_store(path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _build(tmp_path_factory, "diffusion-corpus", sorted(CORPUS.glob("*.txt")))


def test_corpus_adoptions(corpus):
    d = dif.diffusion(corpus, "三项制度")
    assert d.concept.name == A
    assert [(a.place.adcode, a.year) for a in d.adopters] == sorted(ORDER_A.items(), key=lambda x: (x[1], x[0]))
    assert [p.name for p in d.first_reporters] == ["浙江省杭州市西湖区"]
    assert d.cumulative == CUMULATIVE_A
    assert [(r["adcode"], r["year"], r["status"]) for r in dif.adoption_rows(d)] == [
        (XIHU, 2019, "implemented"),
        (XUANWU, 2020, "implemented"),
        (SHANGCHENG, 2020, "implemented"),
        (GULOU, 2021, "planned"),
        (XIHU, 2021, "implemented"),
        (HAISHU, 2021, "implemented"),
        (GULOU, 2022, "implemented"),
        (GUSU, 2023, "implemented"),
    ]
    assert dif.adoption_rows(d)[3]["evidence"] == "全面推行行政执法三项制度,进一步规范执法程序。"
    assert [(s.scope, s.jurisdiction, s.year) for s in d.spread] == [("province", "江苏省南京市玄武区", 2020)]


def test_corpus_spid_panel_network(corpus):
    assert sorted((r["adcode"], r["policy"], r["adopt_year"], r["status"]) for r in dif.spid(corpus)) == sorted(
        [(c, A, y, "implemented") for c, y in ORDER_A.items()]
        + [(XIHU, B, 2019, "implemented"), (XUANWU, B, 2020, "implemented"), (HAISHU, B, 2021, "implemented")]
        + [(SHANGCHENG, C, 2020, "implemented"), (GULOU, C, 2021, "implemented"), (GUSU, C, 2021, "implemented")]
        + [(XIHU, D, 2021, "implemented"), (GUSU, D, 2023, "implemented")]
    )
    assert _panel_tuples(dif.panel(corpus, dif.diffusion(corpus, A))) == PANEL_A
    g = dif.network(corpus)
    got = {
        (u, v): (d["weight"], d["same_province"], d["same_city"], d["initiatives"]) for u, v, d in g.edges(data=True)
    }
    assert got == EDGES
    assert [r["adcode"] for r in dif.leaders(g, 3)] == [XIHU, SHANGCHENG, XUANWU]


def test_corpus_profile_and_top(corpus):
    p = dif.profile(corpus, "鼓楼区")
    assert p.place.adcode == GULOU and [r["year"] for r in p.reports] == [2021, 2022]
    assert [(r["initiative"], r["year"], r["status"], r["role"]) for r in p.initiatives] == [
        (C, 2021, "implemented", ""),
        (A, 2021, "planned", ""),
        (A, 2022, "implemented", "follower"),
    ]
    assert [(r.initiative, r.adopters, r.first_year, r.latest_year, len(r.provinces)) for r in dif.top(corpus, 4)] == [
        (A, 6, 2019, 2023, 2),
        (B, 3, 2019, 2021, 2),
        (C, 3, 2020, 2021, 2),
        (D, 2, 2021, 2023, 2),
    ]


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return _build(tmp_path_factory, "diffusion-seeds", sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")))


def test_seeds_three_systems(seeds):
    d = dif.diffusion(seeds, A)
    # four jurisdictions; Chaoyang reports it in 2020 and 2023 and counts once, from 2020
    assert [(r["adcode"], r["year"], r["status"]) for r in dif.adoption_rows(d)] == [
        ("110105", 2020, "implemented"),
        ("350104", 2020, "implemented"),
        ("110105", 2023, "implemented"),
        ("640302", 2023, "implemented"),
        ("440114", 2024, "implemented"),
    ]
    assert [p.adcode for p in d.first_reporters] == ["110105", "350104"]
    assert [(y, n) for y, n, _ in d.cumulative] == [(2020, 2), (2021, 2), (2022, 2), (2023, 3), (2024, 4)]
    assert dif.profile(seeds, "朝阳区").place.adcode == "110105"


def test_word_overlap_finds_other_word_orders():
    pool = ["行政执法三项制度", "谁执法谁普法", "双随机一公开", "枫桥经验", "普法责任制"]
    assert dif.word_overlap("三项执法制度", pool) == ["行政执法三项制度"]
    assert dif.word_overlap("一公开双随机", pool) == ["双随机一公开"]
    assert dif.word_overlap("执法普法", pool) == ["谁执法谁普法"]
    assert dif.word_overlap("城市管理", pool) == []


def test_cumulative_counts_write_a_shared_short_name_in_full():
    def adoption(code: str, name: str, year: int) -> dif.Adoption:
        place = dif.Place(iri=f"j/{code}", adcode=code, name=name, short="朝阳区" if "朝阳" in name else "西湖区")
        return dif.Adoption(place, "i", "枫桥经验", "national", year, "implemented", "r", "t", "e")

    rows = [adoption("110105", "北京市朝阳区", 2020), adoption("220104", "吉林省长春市朝阳区", 2021)]
    rows.append(adoption("330106", "浙江省杭州市西湖区", 2021))
    assert dif.cumulative_counts(rows) == [
        (2020, 1, ["北京市朝阳区"]),
        (2021, 3, ["吉林省长春市朝阳区", "西湖区"]),
    ]
