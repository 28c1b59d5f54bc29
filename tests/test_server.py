"""`govkg serve` (kg/server.py): content negotiation and refusals in-process, then the
real thing: `govkg serve` as a process on a free loopback port, queried over HTTP."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import server
from kg.store import Store

FIXTURE = Path(__file__).parent / "data" / "queries" / "fixture.trig"
REPORTS_QUERY = "SELECT ?r ?year WHERE { ?r a gk:Report ; gk:year ?year } ORDER BY ?year"


def call(app: server.App, method: str, path: str, query: str = "", body: bytes = b"", headers: dict | None = None):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    for k, v in (headers or {}).items():
        key = k.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE",) else f"HTTP_{key}"] = v
    out = {}

    def start_response(status, hdrs):
        out["status"], out["headers"] = status, dict(hdrs)

    data = b"".join(app(environ, start_response))
    return out["status"], out["headers"], data.decode("utf-8")


def test_negotiate():
    assert server.negotiate("") == ("application/sparql-results+json", "text/turtle")
    assert server.negotiate("text/csv") == ("text/csv", "")
    assert server.negotiate("text/turtle;q=0.9, text/tab-separated-values") == (
        "text/tab-separated-values",
        "text/turtle",
    )
    assert server.negotiate("text/html,*/*;q=0.8") == ("application/sparql-results+json", "text/turtle")
    assert server.negotiate("image/png", "csv") == ("text/csv", "text/turtle")
    with pytest.raises(server.NotAcceptable):
        server.negotiate("image/png")


def test_refusals_without_running_a_query(tmp_path):
    app = server.make_app(tmp_path)
    form = {"CONTENT-TYPE": "application/x-www-form-urlencoded"}
    assert call(app, "GET", "/sparql", "update=DROP%20ALL")[0] == "403 Forbidden"
    assert call(app, "POST", "/sparql", body=b"update=DROP+ALL", headers=form)[0] == "403 Forbidden"
    upd = {"CONTENT-TYPE": "application/sparql-update"}
    assert call(app, "POST", "/sparql", body=b"DROP ALL", headers=upd)[0] == "403 Forbidden"
    assert call(app, "GET", "/sparql")[0] == "400 Bad Request"
    assert call(app, "GET", "/sparql", "query=ASK%7B%7D", headers={"ACCEPT": "image/png"})[0] == "406 Not Acceptable"
    assert call(app, "PUT", "/sparql")[0] == "405 Method Not Allowed"
    assert call(app, "POST", "/sparql", body=b"x", headers={"CONTENT-TYPE": "text/plain"})[0].startswith("415")
    assert call(app, "GET", "/nothing")[0] == "404 Not Found"
    status, _, page = call(app, "GET", "/", "named=%3Cscript%3Ealert(1)%3C/script%3E")
    assert status == "200 OK"
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert app._pool is None  # none of these started a query worker


def test_serialize_select_ask_graph():
    from kg.queries import Result

    a, lit = ox.NamedNode("http://e/a"), ox.Literal("北京", language="zh")
    r = Result("select", columns=["s", "o", "n"], rows=[[a, lit, None]])
    ctype, body = server.serialize(r, "application/sparql-results+json", "")
    assert json.loads(body) == {
        "head": {"vars": ["s", "o", "n"]},
        "results": {
            "bindings": [
                {
                    "s": {"type": "uri", "value": "http://e/a"},
                    "o": {"type": "literal", "value": "北京", "xml:lang": "zh"},
                }
            ]
        },
    }
    assert server.serialize(r, "text/csv", "")[1].decode() == "s,o,n\r\nhttp://e/a,北京,\r\n"
    assert server.serialize(r, "text/tab-separated-values", "")[1].decode() == '?s\t?o\t?n\n<http://e/a>\t"北京"@zh\t\n'
    assert json.loads(server.serialize(Result("ask", boolean=True), "application/json", "")[1]) == {
        "head": {},
        "boolean": True,
    }
    g = Result("graph", triples=[ox.Triple(a, a, lit)])
    assert server.serialize(g, "", "application/n-triples")[1].decode() == '<http://e/a> <http://e/a> "北京"@zh .\n'
    with pytest.raises(server.NotAcceptable):
        server.serialize(g, "text/csv", "")


# --------------------------------------------------------------------------- the real server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, accept: str = "", data: bytes | None = None, ctype: str = "") -> tuple[int, dict, str]:
    req = urllib.request.Request(url, data=data)
    if accept:
        req.add_header("Accept", accept)
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    st = Store(path)
    st.db.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    st.close()
    port = _free_port()
    govkg = Path(sys.executable).with_name("govkg")
    cmd = [str(govkg), "serve", "--store", str(path), "--port", str(port), "--timeout", "2", "--max-rows", "2"]
    log = path.parent / "serve.log"
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to ~30 s for the server and its workers to start
            if proc.poll() is not None:
                pytest.fail("govkg serve exited: " + log.read_text())
            try:
                if _get(base + "/sparql?query=ASK%7B%7D")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("govkg serve did not answer")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_live_json_csv_update_refused(live):
    q = urllib.parse.urlencode({"query": REPORTS_QUERY})
    status, headers, body = _get(f"{live}/sparql?{q}", "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    doc = json.loads(body)
    assert doc["head"]["vars"] == ["r", "year"]
    assert [b["r"]["value"].rsplit("/", 1)[1] for b in doc["results"]["bindings"]] == ["cy2020", "xh2022"]
    assert headers.get("X-Govkg-Truncated") == "true"  # --max-rows 2 of three reports

    status, headers, body = _get(f"{live}/sparql", "text/csv", REPORTS_QUERY.encode(), "application/sparql-query")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body))) == [
        ["r", "year"],
        ["https://w3id.org/govkg/id/report/cy2020", "2020"],
        ["https://w3id.org/govkg/id/report/xh2022", "2022"],
    ]

    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    assert _get(f"{live}/sparql", data=form, ctype="application/x-www-form-urlencoded")[0] == 403
    assert _get(f"{live}/sparql", data=b"DROP ALL", ctype="application/sparql-update")[0] == 403
    count = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert (
        json.loads(_get(f"{live}/sparql?{count}")[2])["results"]["bindings"][0]["n"]["value"] == "315"
    )  # the fixture, untouched


def test_live_refuses_service_and_reports_syntax_errors(live):
    q = urllib.parse.urlencode({"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"})
    assert _get(f"{live}/sparql?{q}")[:3:2] == (400, "SERVICE is not allowed: queries run on the local store only\n")
    q = urllib.parse.urlencode({"query": "SELECT * WHERE {\n ?s ?p\n}"})
    status, _, body = _get(f"{live}/sparql?{q}")
    assert status == 400 and body.startswith("SPARQL syntax error at line 3, column 2: ")


def test_live_runaway_query_is_stopped(live):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = _get(f"{live}/sparql?" + urllib.parse.urlencode({"query": runaway}))
    assert (status, body) == (503, "query stopped: it ran longer than 2 s\n")
    # the server goes on answering (a fresh worker replaced the killed one)
    assert _get(f"{live}/sparql?" + urllib.parse.urlencode({"query": "ASK { ?r a gk:Report }"}))[2] == (
        '{"head": {}, "boolean": true}'
    )


def test_live_pages(live):
    status, headers, page = _get(f"{live}/?" + urllib.parse.urlencode({"query": REPORTS_QUERY}))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<p>2 rows</p>" in page and "https://w3id.org/govkg/id/report/cy2020" in page
    status, headers, _ = _get(f"{live}/viewer")
    assert status in (200, 503)  # 503 while kg/viewer.py does not exist
