"""Named queries (kg/queries.py, queries/*.rq) and `govkg queries` / `govkg query`.

Exact rows on a hand-written fixture graph (tests/data/queries/fixture.trig), and exact
rows on the seed graph: the seed expectations live in one file,
tests/data/queries/seeds-expected.json; after an extractor change, review and refresh it
with ``GOVKG_REFRESH_SEED_ROWS=1 .venv/bin/pytest tests/test_queries.py -k seeds``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import queries as Q
from kg.cli import main
from kg.store import Store

DATA = Path(__file__).parent / "data" / "queries"
FIXTURE = DATA / "fixture.trig"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_EXPECTED = DATA / "seeds-expected.json"
INJECTION = 'x" } ; DROP ALL ; #'


def rows(result: Q.Result) -> list[tuple[str, ...]]:
    return [tuple(Q.text(v, compact=True) for v in row) for row in result.rows]


@pytest.fixture(scope="module")
def fx() -> Store:
    st = Store()
    st.db.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return st


@pytest.fixture(scope="module")
def fx_path(tmp_path_factory) -> Path:
    """The fixture graph in a store on disk, for the CLI."""
    path = tmp_path_factory.mktemp("fxstore") / "store"
    st = Store(path)
    st.db.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    st.close()
    return path


# --------------------------------------------------------------------------- the named queries

EXPECTED_FIXTURE: dict[str, tuple[dict[str, str], list[tuple[str, ...]]]] = {
    "initiatives-by-jurisdiction": (
        {"jurisdiction": "朝阳区", "year": "2023"},
        [
            ("北京市朝阳区", "2023", "implemented", "朝阳枫桥", "朝阳枫桥", "", "local"),
            ("北京市朝阳区", "2023", "implemented", "行政执法三项制度", "行政执法三项制度", "执法", "national"),
            ("北京市朝阳区", "2023", "implemented", "首违不罚", "首违不罚", "执法", "national"),
        ],
    ),
    "initiative-adopters": (
        {"initiative": "三项制度"},
        [
            (
                "北京市朝阳区",
                "110105",
                "2020",
                "implemented",
                "行政执法三项制度",
                "三项制度",
                "朝阳区法治政府建设白皮书(2020)",
                "全面落实行政执法三项制度。",
            ),
            (
                "浙江省杭州市西湖区",
                "330106",
                "2022",
                "planned",
                "行政执法三项制度",
                "三项制度",
                "西湖区2022年法治政府建设情况报告",
                "",
            ),
            (
                "北京市朝阳区",
                "110105",
                "2023",
                "implemented",
                "行政执法三项制度",
                "行政执法三项制度",
                "北京市朝阳区2023年法治政府建设年度情况报告",
                "深化行政执法三项制度,推行首违不罚。",
            ),
        ],
    ),
    "indicator-compare": (
        {"indicator": "纠错率"},
        [
            (
                "行政复议纠错率",
                "北京市朝阳区",
                "2020",
                "12.5",
                "%",
                "false",
                "false",
                "区司法局",
                "行政复议纠错率12.5%。",
            ),
            ("行政复议纠错率", "北京市朝阳区", "2023", "8.3", "%", "false", "false", "朝阳区司法局", ""),
            ("行政复议纠错率", "浙江省杭州市西湖区", "2022", "5", "%", "false", "false", "区司法局", ""),
        ],
    ),
    "organizations-by-type": (
        {"jurisdiction": "110000"},
        [
            ("Court", "北京市朝阳区人民法院", "北京市朝阳区", "1"),
            ("JudicialBureau", "北京市朝阳区司法局", "北京市朝阳区", "2"),
        ],
    ),
    "honors-by-title": (
        {"title": "示范"},
        [("全国法治政府建设示范区", "朝阳区", "北京市朝阳区", "2020", "")],
    ),
    "promotions": (
        {},
        [
            ("province", "首违不罚", "首违不罚", "浙江省杭州市西湖区", "2022", ""),
            ("city", "朝阳枫桥调解模式", "朝阳枫桥", "北京市朝阳区", "2023", "朝阳枫桥调解模式在全市推广。"),
        ],
    ),
    "initiatives-together": (
        {"initiative": "枫桥经验"},
        [("枫桥经验", "行政执法三项制度", "2", "西湖区 2022; 朝阳区 2020")],
    ),
    "evidence": (
        {"fact": "id:adoption/110105/sanxiang/2023"},
        [
            (
                "https://w3id.org/govkg/id/adoption/110105/sanxiang/2023",
                "Adoption",
                "cy2023.txt",
                "20",
                "60",
                "深化行政执法三项制度,推行首违不罚。",
            ),
        ],
    ),
    "reports-per-year-province": (
        {},
        [("北京市", "2020", "1", "1"), ("北京市", "2023", "1", "1"), ("浙江省", "2022", "1", "1")],
    ),
    "organization-outcomes": (
        {"organization": "区司法局"},
        [
            ("北京市朝阳区司法局", "2020", "行政复议纠错率", "12.5", "%", "false", "行政复议纠错率12.5%。"),
            ("北京市朝阳区司法局", "2023", "行政复议纠错率", "8.3", "%", "false", ""),
            ("杭州市西湖区司法局", "2022", "行政复议纠错率", "5", "%", "false", ""),
        ],
    ),
    "local-brands": (
        {"initiative": "新时代枫桥经验"},
        [("枫桥经验", "朝阳枫桥", "北京市朝阳区", "2023", "implemented", "")],
    ),
    "report-changes": (
        {},
        [
            ("indicator", "行政复议纠错率", "12.5%", "8.3%", "changed"),
            ("indicator", "人民调解成功率", "", "98%", "new"),
            ("initiative", "枫桥经验", "planned", "", "dropped"),
            ("initiative", "朝阳枫桥", "", "implemented", "new"),
            ("initiative", "首违不罚", "", "implemented", "new"),
            ("initiative", "行政执法三项制度", "implemented", "implemented", "same"),
        ],
    ),
    "reports": (
        {"jurisdiction": "浙江省"},
        [("xh2022.txt", "西湖区2022年法治政府建设情况报告", "浙江省杭州市西湖区", "2022", "", "2", "1", "1", "1")],
    ),
}


def test_every_named_query_has_a_header_and_an_expectation():
    named = Q.named_queries()
    assert [q.name for q in named] == sorted(EXPECTED_FIXTURE)
    assert len(named) >= 12
    for q in named:
        assert q.title and q.answers, q.name
        assert q.examples and q.examples[0].startswith(f"govkg query {q.name}"), q.name
        # every parameter is projected as ?_NAME (pyoxigraph binds projected variables only)
        for p in q.params:
            assert f"?_{p.name}" in q.text.split("WHERE", 1)[0], (q.name, p.name)


@pytest.mark.parametrize("name", sorted(EXPECTED_FIXTURE))
def test_named_query_on_the_fixture(fx, name):
    params, expected = EXPECTED_FIXTURE[name]
    assert rows(Q.run(fx, Q.load_named(name), params)) == expected


def test_defaults_and_filters(fx):
    q = Q.load_named("initiatives-by-jurisdiction")
    assert [r[1:4] for r in rows(Q.run(fx, q))] == [
        ("2020", "implemented", "行政执法三项制度"),
        ("2020", "planned", "枫桥经验"),
        ("2023", "implemented", "朝阳枫桥"),
        ("2023", "implemented", "行政执法三项制度"),
        ("2023", "implemented", "首违不罚"),
    ]
    assert rows(Q.run(fx, q, {"jurisdiction": "浙江省", "status": "planned"})) == [
        ("浙江省杭州市西湖区", "2022", "planned", "行政执法三项制度", "三项制度", "执法", "national")
    ]
    together = Q.load_named("initiatives-together")
    assert rows(Q.run(fx, together, {"min": "2"})) == [
        ("枫桥经验", "行政执法三项制度", "2", "西湖区 2022; 朝阳区 2020")
    ]


def test_header_parsing():
    text = (
        "# title: A title\n#   continued\n# answers: What?\n"
        "# param: year = 2020 ; the year\n#   (more)\n# param: place = ; where\n"
        "# example: govkg query x --param year=2021\nSELECT ?_year ?_place WHERE {}\n# title: not header\n"
    )
    q = Q.parse_header(text, "x")
    assert (q.title, q.answers, q.examples) == ("A title continued", "What?", ["govkg query x --param year=2021"])
    assert [(p.name, p.default, p.description) for p in q.params] == [
        ("year", "2020", "the year (more)"),
        ("place", "", "where"),
    ]


# --------------------------------------------------------------------------- safety


def test_injection_is_an_ordinary_string(fx):
    before = len(fx)
    for name in ("initiative-adopters", "initiatives-by-jurisdiction", "evidence"):
        q = Q.load_named(name)
        param = q.params[0].name
        assert rows(Q.run(fx, q, {param: INJECTION})) == []
    assert len(fx) == before


def test_service_and_load_refused(fx):
    for text in (
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service <http://example.org/> { ?s ?p ?o } }",
    ):
        with pytest.raises(Q.QueryError, match="SERVICE is not allowed") as err:
            Q.execute(fx, text, {})
        assert err.value.code == 2


def test_syntax_error_has_line_and_column(fx):
    with pytest.raises(Q.QueryError) as err:
        Q.execute(fx, "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?x = ) }", {})
    assert str(err.value) == "SPARQL syntax error at line 3, column 18: " + str(err.value).split(": ", 1)[1]
    assert err.value.code == 2


def test_unknown_parameter_and_query():
    with pytest.raises(Q.QueryError, match="unknown parameter 'yaer'"):
        Q.bindings(Q.load_named("reports"), {"yaer": "2020"})
    with pytest.raises(Q.QueryError, match="no named query 'nope'"):
        Q.load_named("nope")
    with pytest.raises(Q.QueryError, match="no named query"):
        Q.load_named("../queries/reports")
    with pytest.raises(Q.QueryError, match="expected NAME=VALUE"):
        Q.parse_params(["year"])
    assert Q.parse_params(["a=b=c", "?y=1"]) == {"a": "b=c", "y": "1"}


# --------------------------------------------------------------------------- formats


def test_render_formats(fx):
    r = Q.run(fx, Q.load_named("reports-per-year-province"), {"province": "北京"})
    assert Q.render(r, "csv") == "province,year,reports,jurisdictions\n北京市,2020,1,1\n北京市,2023,1,1\n"
    assert Q.render(r, "tsv") == "province\tyear\treports\tjurisdictions\n北京市\t2020\t1\t1\n北京市\t2023\t1\t1\n"
    assert json.loads(Q.render(r, "json")) == [
        {"province": "北京市", "year": 2020, "reports": 1, "jurisdictions": 1},
        {"province": "北京市", "year": 2023, "reports": 1, "jurisdictions": 1},
    ]
    assert Q.render(r, "table") == (
        "province  year  reports  jurisdictions\n"
        "--------  ----  -------  -------------\n"
        "北京市    2020  1        1\n"
        "北京市    2023  1        1\n"
        "(2 rows)\n"
    )
    out = Q.run(fx, Q.load_named("indicator-compare"), {}, limit=1)
    assert out.truncated and len(out.rows) == 1
    assert json.loads(Q.render(out, "json"))[0]["value"] == 12.5


# --------------------------------------------------------------------------- CLI


def test_cli_queries_lists_titles_and_parameters():
    res = CliRunner().invoke(main, ["queries"])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert "initiative-adopters: Jurisdictions that adopted an initiative, with year, status and evidence" in lines
    assert '    --param initiative=...  default "行政执法三项制度"  canonical name or alias of the initiative' in lines
    assert sum(1 for ln in lines if not ln.startswith(" ")) == len(EXPECTED_FIXTURE)


def test_cli_query_named_csv(fx_path):
    res = CliRunner().invoke(
        main,
        [
            "query",
            "initiative-adopters",
            "--param",
            "initiative=三项制度",
            "--param",
            "status=planned",
            "--format",
            "csv",
            "--store",
            str(fx_path),
        ],
    )
    assert res.exit_code == 0, res.output
    assert res.output == (
        "place,adcode,year,status,initiative,surfaceForm,report,evidence\n"
        "浙江省杭州市西湖区,330106,2022,planned,行政执法三项制度,三项制度,西湖区2022年法治政府建设情况报告,\n"
    )


def test_cli_injection_through_param_is_inert(fx_path):
    runner = CliRunner()
    res = runner.invoke(
        main,
        [
            "query",
            "initiative-adopters",
            "--param",
            f"initiative={INJECTION}",
            "--format",
            "json",
            "--store",
            str(fx_path),
        ],
    )
    assert (res.exit_code, res.output) == (0, "[]\n")
    res = runner.invoke(main, ["query", "reports", "--format", "tsv", "--store", str(fx_path)])
    assert len(res.output.splitlines()) == 4  # header + the three reports: nothing was dropped


def test_cli_query_file_stdin_limit_and_errors(fx_path, tmp_path):
    runner = CliRunner()
    store = ["--store", str(fx_path)]
    f = tmp_path / "mine.rq"
    f.write_text("SELECT ?t ?_year WHERE { ?r a gk:Report ; gk:year ?y ; dcterms:title ?t FILTER(STR(?y) = ?_year) }\n")
    res = runner.invoke(main, ["query", str(f), "--param", "year=2022", "--format", "tsv", *store])
    assert (res.exit_code, res.output) == (0, "t\t_year\n西湖区2022年法治政府建设情况报告\t2022\n")
    res = runner.invoke(main, ["query", str(f), "--param", "place=x", *store])
    assert res.exit_code == 2 and "a parameter must be a variable the query SELECTs" in res.output
    res = runner.invoke(
        main,
        ["query", "-", "--format", "csv", "--limit", "2", *store],
        input="SELECT ?y WHERE { ?r a gk:Report ; gk:year ?y } ORDER BY ?y",
    )
    assert (res.exit_code, res.output) == (0, "y\n2020\n2022\n")
    res = runner.invoke(main, ["query", "-", *store], input="ASK { ?r a gk:Report }")
    assert (res.exit_code, res.output) == (0, "true\n")
    res = runner.invoke(main, ["query", "-", *store], input="SELECT * WHERE {\n  ?s ?p\n}")
    assert res.exit_code == 2
    assert res.output.startswith("govkg: SPARQL syntax error at line 3, column 2: ")
    res = runner.invoke(main, ["query", "-", *store], input="SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    assert (res.exit_code, res.output) == (2, "govkg: SERVICE is not allowed: queries run on the local store only\n")
    res = runner.invoke(main, ["query", "-", *store], input="DROP ALL")
    assert (res.exit_code, res.output) == (
        2,
        "govkg: SPARQL updates (DROP) are not allowed: queries cannot change the store\n",
    )
    res = runner.invoke(main, ["query", "reports", "--param", "yaer=1", *store])
    assert (res.exit_code, res.output) == (2, "govkg: reports: unknown parameter 'yaer' (parameters: jurisdiction)\n")
    res = runner.invoke(main, ["query", "nope.rq", *store])
    assert (res.exit_code, res.output) == (2, "govkg: nope.rq: no such file\n")
    res = runner.invoke(main, ["query", "reports", "--store", str(tmp_path / "none")])
    assert res.exit_code == 1 and "no store here" in res.output


# --------------------------------------------------------------------------- the seed graph

# the parameters each named query runs with on the seeds; the rows are in SEED_EXPECTED
SEED_PARAMS: dict[str, dict[str, str]] = {
    "initiatives-by-jurisdiction": {"jurisdiction": "北京市朝阳区", "year": "2023"},
    "initiative-adopters": {"initiative": "行政执法三项制度"},
    "indicator-compare": {"indicator": "率"},
    "organizations-by-type": {"jurisdiction": "北京市朝阳区"},
    "honors-by-title": {},
    "promotions": {},
    "initiatives-together": {"initiative": "行政执法三项制度", "min": "2"},
    "evidence": {"contains": "严格落实三项制度"},
    "reports-per-year-province": {},
    "organization-outcomes": {"organization": "北京市朝阳区司法局"},
    "local-brands": {},
    "report-changes": {"jurisdiction": "北京市朝阳区", "from": "2020", "to": "2023", "change": "same"},
    "reports": {},
}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Store:
    from kg.build import build

    st = Store(tmp_path_factory.mktemp("seedstore") / "store")
    summary = build(sorted(SEEDS.glob("*.txt")), st)
    assert summary.ok
    return st


def _seed_rows(store: Store, name: str) -> list[list[str]]:
    return [list(r) for r in rows(Q.run(store, Q.load_named(name), SEED_PARAMS[name]))]


def test_seeds_every_query_has_parameters():
    assert sorted(SEED_PARAMS) == sorted(EXPECTED_FIXTURE)


def _dump(data: dict) -> str:
    """One query per block, one row per line (easy to review in a diff)."""
    parts = []
    for name in sorted(data):
        rows_ = ",\n".join("   " + json.dumps(r, ensure_ascii=False) for r in data[name]["rows"])
        params = json.dumps(data[name]["params"], ensure_ascii=False, sort_keys=True)
        body = (
            f'{{\n  "params": {params},\n  "rows": [\n{rows_}\n  ]\n }}'
            if rows_
            else f'{{"params": {params}, "rows": []}}'
        )
        parts.append(f" {json.dumps(name)}: {body}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


@pytest.mark.parametrize("name", sorted(SEED_PARAMS))
def test_seeds_named_query_rows(seed_store, name):
    got = _seed_rows(seed_store, name)
    if os.environ.get("GOVKG_REFRESH_SEED_ROWS"):
        data = json.loads(SEED_EXPECTED.read_text(encoding="utf-8")) if SEED_EXPECTED.exists() else {}
        data[name] = {"params": SEED_PARAMS[name], "rows": got}
        SEED_EXPECTED.write_text(_dump(data), encoding="utf-8")
        pytest.skip("expected rows refreshed")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))[name]
    assert expected["params"] == SEED_PARAMS[name]
    assert expected["rows"], f"{name}: choose parameters that answer something on the seeds"
    assert got == expected["rows"]
