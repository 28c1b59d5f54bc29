"""The HTML graph viewer (kg/viewer.py and `govkg viz`), without a browser; the browser
tests are in tests/test_viewer_browser.py and use the fixture defined here.

The fixture: a small hand-written graph built through the real graph builder and store
from Extractions written for the case. Three reports (杭州市西湖区 2019, 杭州市上城区 2020, 南京市玄武区 2021); the Nanjing one
names an organization whose name and evidence carry HTML/script injections.

Whole graph: 23 nodes (7 jurisdictions, 5 organizations, 3 initiatives, 1 local
brand, 3 reports, 2 outcomes, 1 honor, 1 promotion) and 29 edges.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import viewer
from kg.cli import main
from kg.graph import initiative_iri, jurisdiction_iri, org_iri
from kg.model import Extraction, Honor, Initiative, Organization, Outcome, Promotion, ReportMeta
from kg.store import Store

from .conftest import text_document

INJECTION = "<script>alert(1)</script><img src=x onerror=alert(2)>人民调解委员会"
INJECTED_INDICATOR = "调解纠纷<img src=x onerror=alert(3)>"
NODES, EDGES = 23, 29

Maker = tuple[str, Callable[[int, int, str], object]]


def _report(
    name: str, title: str, place: str, adcode: str, year: int, publisher: str, lines: list[tuple[str, list[Maker]]]
) -> Extraction:
    text = title + "\n"
    facts: dict[str, list] = {"organizations": [], "initiatives": [], "outcomes": [], "honors": [], "promotions": []}
    for sentence, makers in lines:
        start = len(text)
        text += sentence + "\n"
        for category, make in makers:
            facts[category].append(make(start, start + len(sentence), sentence))
    doc = text_document(text, name)
    meta = ReportMeta(
        title=title, jurisdiction=place, adcode=adcode, year=year, publisher=publisher, start=0, end=len(title)
    )
    return Extraction(doc=doc, report=meta, **facts)


def org(name: str, typ: str) -> Maker:
    return "organizations", lambda s, e, t: Organization(s, e, t, name=name, type=typ, mentions=[name])


def ini(name: str, status: str = "implemented", local: bool = False, broader: str | None = None) -> Maker:
    return "initiatives", lambda s, e, t: Initiative(s, e, t, name=name, status=status, local=local, broader=broader)


def out(indicator: str, value: float, unit: str, subject: str = "") -> Maker:
    return "outcomes", lambda s, e, t: Outcome(s, e, t, indicator=indicator, value=value, unit=unit, subject=subject)


def hon(recipient: str, title: str) -> Maker:
    return "honors", lambda s, e, t: Honor(s, e, t, recipient=recipient, title=title)


def pro(practice: str, scope: str) -> Maker:
    return "promotions", lambda s, e, t: Promotion(s, e, t, practice=practice, scope=scope)


def reports() -> list[Extraction]:
    xihu = _report(
        "xihu-2019.txt",
        "杭州市西湖区司法局关于2019年度法治政府建设情况的报告",
        "杭州市西湖区",
        "330106",
        2019,
        "杭州市西湖区司法局",
        [
            ("全面推行行政执法三项制度。", [ini("行政执法三项制度")]),
            (
                "杭州市西湖区人民法院审结案件1200件。",
                [org("杭州市西湖区人民法院", "Court"), out("审结案件", 1200, "件", "杭州市西湖区人民法院")],
            ),
            (
                "杭州市西湖区司法局获评全国法治宣传教育先进单位。",
                [hon("杭州市西湖区司法局", "全国法治宣传教育先进单位")],
            ),
        ],
    )
    shangcheng = _report(
        "shangcheng-2020.txt",
        "杭州市上城区司法局关于2020年度法治政府建设情况的报告",
        "杭州市上城区",
        "330102",
        2020,
        "杭州市上城区司法局",
        [
            (
                "深化行政执法三项制度，行政执法三项制度工作经验在全省复制推广。",
                [ini("行政执法三项制度"), pro("行政执法三项制度工作经验", "province")],
            ),
            ("下一步将推行告知承诺制。", [ini("告知承诺制", status="planned")]),
            ("打造湖畔枫桥调解品牌。", [ini("湖畔枫桥", local=True, broader="枫桥经验")]),
        ],
    )
    xuanwu = _report(
        "xuanwu-2021.txt",
        "南京市玄武区司法局关于2021年度法治政府建设情况的报告",
        "南京市玄武区",
        "320102",
        2021,
        "南京市玄武区司法局",
        [
            ("持续推行行政执法三项制度。", [ini("行政执法三项制度")]),
            (
                INJECTION + "调解纠纷30件。",
                [org(INJECTION, "MediationCommittee"), out(INJECTED_INDICATOR, 30, "件", INJECTION)],
            ),
        ],
    )
    return [xihu, shangcheng, xuanwu]


def fill(store: Store) -> Store:
    store.put_lexicon()
    for ex in reports():
        store.replace_report(ex)
    return store


def big_report(n: int) -> Extraction:
    """One report with ``n`` outcome sentences (a graph of about ``n`` nodes)."""
    lines: list[tuple[str, list[Maker]]] = [("全面推行行政执法三项制度。", [ini("行政执法三项制度")])]
    for i in range(n):
        lines.append((f"第{i}项指标办理事项{i + 1}件。", [out(f"第{i}项指标", i + 1, "件")]))
    return _report(
        "big-2022.txt",
        "杭州市西湖区司法局关于2022年度法治政府建设情况的报告",
        "杭州市西湖区",
        "330106",
        2022,
        "杭州市西湖区司法局",
        lines,
    )


# --------------------------------------------------------------------------- tests

THREE = str(initiative_iri("行政执法三项制度"))
XIHU, SHANGCHENG, XUANWU = (str(jurisdiction_iri(c)) for c in ("330106", "330102", "320102"))


@pytest.fixture(scope="module")
def store() -> Store:
    return fill(Store(None))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("viewer") / "store"
    s = Store(path)
    fill(s)
    s.close()
    return path


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', html, re.S)
    assert m is not None
    return json.loads(m.group(1))


def test_whole_graph_types_and_relations(store):
    view = viewer.build_view(store)
    assert (len(view.nodes), len(view.edges)) == (NODES, EDGES)
    assert Counter(n.type for n in view.nodes) == {
        "jurisdiction": 7,
        "JudicialBureau": 3,
        "Court": 1,
        "MediationCommittee": 1,
        "initiative": 3,
        "brand": 1,
        "report": 3,
        "outcome": 2,
        "honor": 1,
        "promotion": 1,
    }
    assert Counter(e.relation for e in view.edges) == {
        "parent": 5,
        "belongs": 5,
        "adopts": 4,
        "plans": 1,
        "spatial": 3,
        "publisher": 3,
        "mentions": 2,
        "subject": 2,
        "broader": 1,
        "recipient": 1,
        "promoted": 1,
        "practice": 1,
    }
    assert view.note == ""


def test_adoption_edges_labels_and_evidence(store):
    view = viewer.build_view(store)
    adopts = sorted((e.source, e.label) for e in view.edges if e.target == THREE and e.relation == "adopts")
    assert adopts == sorted([(XIHU, "采用 2019"), (SHANGCHENG, "采用 2020"), (XUANWU, "采用 2021")])
    e = next(e for e in view.edges if e.source == XIHU and e.target == THREE)
    info = dict(e.info)
    assert info["证据 evidence"] == "全面推行行政执法三项制度。"
    assert info["报告 report"] == "杭州市西湖区司法局关于2019年度法治政府建设情况的报告 (xihu-2019.txt)"
    planned = next(e for e in view.edges if e.relation == "plans")
    assert (planned.source, planned.label) == (SHANGCHENG, "计划 2020")


def test_node_info_and_size(store):
    view = viewer.build_view(store)
    nodes = {n.id: n for n in view.nodes}
    court = nodes[str(org_iri("杭州市西湖区人民法院"))]
    assert court.type == "Court"
    assert dict(court.info)["地区 jurisdiction"] == "浙江省杭州市西湖区"
    assert dict(court.info)["证据 evidence"] == "杭州市西湖区人民法院审结案件1200件。"
    outcome = next(n for n in view.nodes if n.type == "outcome" and n.label.startswith("审结案件"))
    assert outcome.label == "审结案件 1200件"
    assert dict(outcome.info)["数值 value"] == "1200件"
    assert nodes[THREE].weight == 3  # adopters (the planned one is not counted)
    assert nodes[str(initiative_iri("告知承诺制"))].weight == 0
    net = viewer.network(view)
    sizes = {n["id"]: n["size"] for n in net.nodes}
    assert sizes[THREE] == round(12 + 5 * 3**0.5, 1)  # by adoption count
    assert sizes[XUANWU] == round(12 + 5 * 5**0.5, 1)  # by degree: parent, spatial, belongs x2, adopts


def test_cap_keeps_types_in_legend_order_and_notes_the_rest(store):
    view = viewer.build_view(store, max_nodes=20)
    assert len(view.nodes) == 20
    assert Counter(n.type for n in view.nodes)["outcome"] == 0
    assert Counter(n.type for n in view.nodes)["promotion"] == 0
    assert view.note == "显示 20 / 23 个节点 (shown 20 of 23 nodes); 未显示 left out: 1 推广、2 成效数据"
    html = viewer.render_view(view)
    assert "显示 20 / 23 个节点" in html


def test_types_year_and_province_filters(store):
    view = viewer.build_view(store, types=["jurisdiction,initiative", "brand"])
    assert Counter(n.type for n in view.nodes) == {"jurisdiction": 7, "initiative": 3, "brand": 1}
    assert Counter(e.relation for e in view.edges) == {"parent": 5, "adopts": 4, "plans": 1, "broader": 1}
    view = viewer.build_view(store, types=["organization"])
    assert sorted(n.label for n in view.nodes) == sorted(
        ["杭州市西湖区司法局", "杭州市西湖区人民法院", "杭州市上城区司法局", "南京市玄武区司法局", INJECTION]
    )
    view = viewer.build_view(store, year=2021)
    assert sorted(n.label for n in view.nodes if n.type == "report") == ["2021 玄武区 报告"]
    assert Counter(n.type for n in view.nodes) == {
        "report": 1,
        "jurisdiction": 3,
        "JudicialBureau": 1,
        "MediationCommittee": 1,
        "initiative": 1,
        "outcome": 1,
    }
    view = viewer.build_view(store, province="浙江")
    assert sorted(n.label for n in view.nodes if n.type == "report") == ["2019 西湖区 报告", "2020 上城区 报告"]
    assert not any(n.id == XUANWU for n in view.nodes)
    assert viewer.build_view(store, province="320000").title.endswith("· 320000")


def test_focus_view(store):
    view = viewer.build_view(store, focus="行政执法三项制度")
    assert view.focus == THREE
    assert sorted(n.id for n in view.nodes) == sorted(
        [
            THREE,
            XIHU,
            SHANGCHENG,
            XUANWU,
            next(n.id for n in viewer.load(store).nodes.values() if n.type == "promotion"),
        ]
    )
    assert len(view.edges) == 5  # 3 adoptions, the promotion to the initiative and to its place
    # an alias and a short name resolve; depth 0 is the node alone
    assert viewer.build_view(store, focus="三项制度", depth=0).focus == THREE
    view = viewer.build_view(store, focus="玄武", depth=2, types=["jurisdiction", "organization"])
    assert sorted(n.label for n in view.nodes) == sorted(
        ["江苏省", "江苏省南京市", "江苏省南京市玄武区", "南京市玄武区司法局", INJECTION]
    )


def test_unknown_and_ambiguous_names(store):
    with pytest.raises(
        viewer.ViewerError, match=r"no initiative, jurisdiction or organization named '西胡区'.*did you mean: 西湖区"
    ):
        viewer.build_view(store, focus="西胡区")
    with pytest.raises(viewer.ViewerError, match="ambiguous; candidates: "):
        viewer.build_view(store, focus="司法局")
    with pytest.raises(viewer.ViewerError, match="no province '广东' in the store"):
        viewer.build_view(store, province="广东")
    with pytest.raises(viewer.ViewerError, match="unknown type 'foo'"):
        viewer.build_view(store, types=["foo"])
    with pytest.raises(viewer.ViewerError, match="no jurisdiction in the store reports '枫桥经验'"):
        viewer.build_view(store, diffusion="枫桥经验")


def test_diffusion_view_layout(store):
    view = viewer.build_view(store, diffusion="行政执法三项制度")
    assert [n.id for n in view.nodes] == [THREE, XIHU, SHANGCHENG, XUANWU]
    assert [(e.target, e.label) for e in view.edges] == [(XIHU, "2019"), (SHANGCHENG, "2020"), (XUANWU, "2021")]
    xs = {i: p[0] for i, p in view.positions.items()}
    assert xs[THREE] < xs[XIHU] < xs[SHANGCHENG] < xs[XUANWU]  # years left to right
    assert [b["label"] for b in view.axes["bands"]] == ["浙江省", "江苏省"]
    assert [y["label"] for y in view.axes["years"]] == ["2019", "2020", "2021"]
    ys = {i: p[1] for i, p in view.positions.items()}
    zhejiang = view.axes["bands"][0]
    assert zhejiang["y0"] < ys[XIHU] < ys[SHANGCHENG] < zhejiang["y1"] < ys[XUANWU]
    until = viewer.build_view(store, diffusion="行政执法三项制度", year=2020)
    assert [n.id for n in until.nodes] == [THREE, XIHU, SHANGCHENG]
    planned = viewer.build_view(store, diffusion="告知承诺制")
    assert [(e.relation, e.label) for e in planned.edges] == [("plans", "2020")]
    assert planned.title == "告知承诺制 · 扩散 diffusion (0 个地区采用, 1 个计划)"


def test_page_is_self_contained_and_escaped(store):
    html = viewer.render_html(store)
    # nothing is fetched: no src/href to a URL, no @import, a CSP that forbids fetching
    assert not re.search(r"""<(script|link|img|iframe)[^>]*\b(src|href)\s*=""", html, re.I)
    assert "@import" not in html
    assert "default-src 'none'" in html
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html
    # report text never appears as markup
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    # script elements: vis-network, tom-select, pyvis utils, the data, the page
    assert len(re.findall(r"^<script", html, re.M)) == 5
    data = page_data(html)
    assert len(data["nodes"]) == NODES and len(data["edges"]) == EDGES
    bad = next(n for n in data["nodes"] if n["id"] == str(org_iri(INJECTION)))
    assert bad["fullLabel"] == INJECTION  # the JSON keeps the text; the page shows it as text
    assert bad["title"].startswith(INJECTION + "\n类型 type: 调解委员会 mediation committee\n")
    assert "证据 evidence: " + INJECTION + "调解纠纷30件。" in bad["title"]
    assert "<title>法治政府建设报告知识图谱 govkg graph</title>" in html


def test_title_is_escaped(store):
    view = viewer.build_view(store, focus=INJECTION)
    html = viewer.render_view(view)
    assert (
        "<title>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;人民调解委员会 · 关联图" in html
    )
    assert "<script>alert" not in html


def test_cli_writes_utf8(store_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")
    monkeypatch.setattr("locale.getpreferredencoding", lambda *a, **k: "latin-1")
    out = tmp_path / "sub" / "g.html"
    result = CliRunner().invoke(main, ["viz", "--store", str(store_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"govkg: 23 nodes, 29 edges written to {out}\n"
    html = out.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in html and "行政执法三项制度" in html
    result = CliRunner().invoke(main, ["viz", "--store", str(store_dir), "-o", str(out), "--max-nodes", "21"])
    assert result.exit_code == 0
    assert (
        result.output.splitlines()[1]
        == "govkg: 显示 21 / 23 个节点 (shown 21 of 23 nodes); 未显示 left out: 2 成效数据"
    )
    result = CliRunner().invoke(main, ["viz", "--store", str(store_dir), "-o", str(out), "--diffusion", "三项制度"])
    assert result.output == f"govkg: 4 nodes, 3 edges written to {out}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--focus", "西胡区"],
            "govkg: no initiative, jurisdiction or organization named '西胡区' in the store; did you mean: 西湖区",
        ),
        (["--types", "foo"], "govkg: unknown type 'foo'"),
        (
            ["--focus", "西湖区", "--diffusion", "三项制度"],
            "govkg: give either a focus or a diffusion initiative, not both",
        ),
        (["-o", "x.png"], "govkg: x.png: the viewer is written as HTML; use a .html file name"),
        (["--max-nodes", "0"], "Invalid value for '--max-nodes'"),
    ],
)
def test_cli_errors(store_dir, tmp_path, args, message):
    argv = ["viz", "--store", str(store_dir), "-o", str(tmp_path / "g.html"), *args]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_missing_store(tmp_path):
    result = CliRunner().invoke(main, ["viz", "--store", str(tmp_path / "none"), "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 1
    assert result.output == f"govkg: {tmp_path / 'none'}: no store here; run `govkg build` first\n"


def test_styles_are_data():
    st = viewer.styles()
    assert {k for k, s in st.items() if s.kind == "node"} >= {
        "jurisdiction",
        "initiative",
        "brand",
        "report",
        "outcome",
        "honor",
        "Court",
    }
    from kg.graph import ORG_TYPES

    assert set(viewer.org_types()) == set(ORG_TYPES)  # every organization type has a style
