"""``govkg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, a simple
query page and the HTML viewer, as a WSGI app served by waitress.

* ``/sparql``: GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``) and
  POST ``application/sparql-query``. Results by content negotiation (``Accept``, or a
  ``format=`` parameter): SPARQL JSON, CSV and TSV for SELECT/ASK, Turtle and N-Triples
  for CONSTRUCT/DESCRIBE. Updates (``update=``, ``application/sparql-update``) get 403;
  ``SERVICE`` and ``LOAD`` get 400 (queries never reach out).
* Time limit: each query runs in a worker *process* that opens the store read-only. The
  request waits at most ``timeout`` seconds; a query still running then is stopped by
  killing its worker (pyoxigraph has no query cancellation, and a thread cannot be
  stopped), the client gets 503 and a fresh worker takes its place. So a runaway query
  costs at most ``timeout`` seconds of one core. Requests beyond the pool's size wait for
  a free worker within the same deadline.
* Row cap: at most ``max_rows`` rows (or triples) are returned; when more were left the
  response carries ``X-Govkg-Truncated: true``.
* ``/`` the query page (everything echoed is HTML-escaped); ``/viewer`` the HTML viewer
  from :func:`kg.viewer.render_html` when that module exists (503 until then).

Each query opens the store read-only afresh (~40 ms), so a rebuilt store is seen at once.
"""

from __future__ import annotations

import csv
import html
import io
import json
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

# --------------------------------------------------------------------------- formats

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
FORMAT_ALIASES = {
    "json": ("application/sparql-results+json", "text/turtle"),
    "csv": ("text/csv", "text/turtle"),
    "tsv": ("text/tab-separated-values", "text/turtle"),
    "ttl": ("application/sparql-results+json", "text/turtle"),
    "turtle": ("application/sparql-results+json", "text/turtle"),
    "nt": ("application/sparql-results+json", "application/n-triples"),
}
MAX_BODY = 1_000_000  # bytes of a POSTed query


class NotAcceptable(ValueError):
    pass


def _accepted(header: str) -> list[tuple[str, float]]:
    out = []
    for part in header.split(","):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q))
    return sorted(out, key=lambda t: -t[1])


def negotiate(accept: str, fmt: str = "") -> tuple[str, str]:
    """The media types for a SELECT/ASK result and for a graph result."""
    if fmt:
        if fmt not in FORMAT_ALIASES:
            raise NotAcceptable(f"unknown format {fmt!r} (json, csv, tsv, ttl, nt)")
        return FORMAT_ALIASES[fmt]
    if not accept.strip():
        return "application/sparql-results+json", "text/turtle"
    select = graph = None
    for mtype, q in _accepted(accept):
        if q <= 0:
            continue
        if select is None and mtype in SELECT_TYPES:
            select = mtype
        if graph is None and mtype in GRAPH_TYPES:
            graph = mtype
        if mtype in ("*/*", "application/*", "text/*"):
            select = select or ("text/csv" if mtype == "text/*" else "application/sparql-results+json")
            graph = graph or "text/turtle"
    if select is None and graph is None:
        raise NotAcceptable(f"cannot produce any of: {accept}")
    return select or "", graph or ""


# --------------------------------------------------------------------------- serializers (worker side)


def _term_json(t: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d: dict[str, str] = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            d["datatype"] = t.datatype.value
        return d
    return {"type": "literal", "value": str(t)}


def _term_csv(t: Any) -> str:
    import pyoxigraph as ox

    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


def serialize(result: Any, select_type: str, graph_type: str) -> tuple[str, bytes]:
    """A :class:`kg.queries.Result` as (content type, body)."""
    import pyoxigraph as ox

    if result.kind in ("select", "ask"):
        if not select_type:
            raise NotAcceptable("this query gives a result table; accept JSON, CSV or TSV")
        fmt = SELECT_TYPES[select_type]
        if result.kind == "ask":
            if fmt == "json":
                return select_type, json.dumps({"head": {}, "boolean": result.boolean}).encode()
            return select_type, ("_askResult\n" + ("true" if result.boolean else "false") + "\n").encode()
        if fmt == "json":
            doc = {
                "head": {"vars": result.columns},
                "results": {
                    "bindings": [
                        {c: _term_json(v) for c, v in zip(result.columns, row, strict=True) if v is not None}
                        for row in result.rows
                    ]
                },
            }
            return select_type, json.dumps(doc, ensure_ascii=False).encode("utf-8")
        if fmt == "csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(result.columns)
            for row in result.rows:
                w.writerow([_term_csv(v) for v in row])
            return "text/csv; charset=utf-8", buf.getvalue().encode("utf-8")
        lines = ["\t".join("?" + c for c in result.columns)]
        for row in result.rows:
            lines.append("\t".join("" if v is None else str(v) for v in row))
        return "text/tab-separated-values; charset=utf-8", ("\n".join(lines) + "\n").encode("utf-8")
    if not graph_type:
        raise NotAcceptable("this query gives a graph; accept Turtle or N-Triples")
    fmt = ox.RdfFormat.TURTLE if GRAPH_TYPES[graph_type] == "ttl" else ox.RdfFormat.N_TRIPLES
    body = ox.serialize(result.triples, format=fmt) or b""
    ctype = "text/turtle" if fmt == ox.RdfFormat.TURTLE else "application/n-triples"
    return ctype + "; charset=utf-8", body


# --------------------------------------------------------------------------- worker processes


def _worker_main(conn: Any, store_path: str) -> None:  # pragma: no cover - runs in a child process
    from .queries import QueryError, execute
    from .store import Store, StoreError

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        sparql, select_type, graph_type, max_rows = job
        try:
            # opened afresh per query, so a rebuilt store is seen; dropped, not closed
            # (closing flushes, which a read-only store refuses)
            store = Store(store_path, read_only=True)
            result = execute(store, sparql, {}, max_rows)
            ctype, body = serialize(result, select_type, graph_type)
            del store
            conn.send(("ok", ctype, body, result.truncated))
        except QueryError as exc:
            conn.send(("error", 400, str(exc), False))
        except NotAcceptable as exc:
            conn.send(("error", 406, str(exc), False))
        except StoreError as exc:
            conn.send(("error", 500, str(exc), False))
        except Exception as exc:  # noqa: BLE001 - one line to the client, the worker goes on
            conn.send(("error", 500, f"query failed: {type(exc).__name__}: {exc}", False))


class _Worker:
    def __init__(self, store_path: Path):
        ctx = mp.get_context("spawn")  # no fork of a threaded server
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, str(store_path)), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryTimeout(Exception):
    pass


class Busy(Exception):
    pass


class WorkerPool:
    """``size`` worker processes; a query that overruns its deadline kills its worker."""

    def __init__(self, store_path: Path, size: int = 2):
        self.store_path = store_path
        self.free: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(size):
            self.free.put(_Worker(store_path))

    def run(self, job: tuple, timeout: float) -> tuple:
        import time

        deadline = time.monotonic() + timeout
        try:
            worker = self.free.get(timeout=timeout)
        except queue.Empty:
            raise Busy() from None
        if worker is None or not worker.proc.is_alive():
            worker = _Worker(self.store_path)
        try:
            worker.conn.send(job)
            left = max(0.0, deadline - time.monotonic())
            if worker.conn.poll(left):
                reply = worker.conn.recv()
                self.free.put(worker)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            self.free.put(None)  # replaced on next use
            raise
        worker.kill()
        self.free.put(None)
        raise QueryTimeout()

    def close(self) -> None:
        while True:
            try:
                w = self.free.get_nowait()
            except queue.Empty:
                return
            if w is not None:
                w.kill()


# --------------------------------------------------------------------------- the WSGI app


@dataclass
class Config:
    store_path: Path
    timeout: float = 10.0
    max_rows: int = 10000
    workers: int = 2


_STATUS = {
    200: "200 OK",
    400: "400 Bad Request",
    403: "403 Forbidden",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    406: "406 Not Acceptable",
    413: "413 Payload Too Large",
    415: "415 Unsupported Media Type",
    500: "500 Internal Server Error",
    503: "503 Service Unavailable",
}

PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>govkg SPARQL</title>
<style>body{{font-family:sans-serif;margin:1.5em;max-width:70em}}textarea{{width:100%;font-family:monospace}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}}
.err{{color:#a00;white-space:pre-wrap}}</style></head><body>
<h1>govkg SPARQL</h1>
<p>Read-only SPARQL 1.1 endpoint at <code>/sparql</code> over the union of all graphs (prefixes gk:, id:, skos:,
dcterms:, oa:, org:, prov:, xsd: are predeclared). <a href="/viewer">Viewer</a>.</p>
<form method="get" action="/">
<p>Named query: <select name="named">{options}</select> <button type="submit">load</button></p>
</form>
<form method="get" action="/">
<textarea name="query" rows="14">{query}</textarea>
<p><button type="submit">Run</button> (at most {max_rows} rows, {timeout:g} s)</p>
</form>
{result}
</body></html>
"""

DEFAULT_QUERY = """SELECT ?place ?year ?initiative ?status WHERE {
  ?a a gk:Adoption ; gk:jurisdiction/skos:prefLabel ?place ; gk:year ?year ;
     gk:initiative/skos:prefLabel ?initiative ; gk:status ?status .
} ORDER BY ?place ?year ?initiative LIMIT 50"""


class App:
    def __init__(self, config: Config):
        self.config = config
        self._pool: WorkerPool | None = None
        self._lock = threading.Lock()

    @property
    def pool(self) -> WorkerPool:
        with self._lock:
            if self._pool is None:
                self._pool = WorkerPool(self.config.store_path, self.config.workers)
            return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    # ----------------------------------------------------------------- plumbing

    def __call__(self, environ: dict, start_response: Any) -> list[bytes]:
        try:
            status, headers, body = self.route(environ)
        except Exception as exc:  # noqa: BLE001 - never a traceback to the client
            status, headers, body = _text(500, f"internal error: {type(exc).__name__}")
        headers = [*headers, ("Content-Length", str(len(body))), ("X-Content-Type-Options", "nosniff")]
        start_response(_STATUS.get(status, f"{status} Error"), headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    def route(self, environ: dict) -> tuple[int, list, bytes]:
        path = environ.get("PATH_INFO", "/") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if path in ("/sparql", "/sparql/", "/query"):
            return self.sparql(environ, method)
        if method not in ("GET", "HEAD"):
            return _text(405, "method not allowed")
        if path == "/":
            return self.page(environ)
        if path in ("/viewer", "/viewer/"):
            return self.viewer(environ)
        return _text(404, f"not found: {path}")

    # ----------------------------------------------------------------- /sparql

    def sparql(self, environ: dict, method: str) -> tuple[int, list, bytes]:
        args = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        query: str | None = None
        if method in ("GET", "HEAD"):
            if "update" in args:
                return _text(403, "updates are not allowed: this endpoint is read-only")
            query = _one(args, "query")
        elif method == "POST":
            body = _body(environ)
            if body is None:
                return _text(413, "request body too large")
            if ctype == "application/sparql-update":
                return _text(403, "updates are not allowed: this endpoint is read-only")
            if ctype == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                if "update" in form or "update" in args:
                    return _text(403, "updates are not allowed: this endpoint is read-only")
                query = _one(form, "query")
                args = {**args, **form}
            elif ctype == "application/sparql-query":
                query = body.decode("utf-8", "replace")
            else:
                return _text(415, "POST application/sparql-query or application/x-www-form-urlencoded")
        else:
            return _text(405, "use GET or POST")
        if not query:
            return _text(400, "missing query")
        if "default-graph-uri" in args or "named-graph-uri" in args:
            return _text(400, "default-graph-uri and named-graph-uri are not supported: queries see all graphs")
        try:
            select_type, graph_type = negotiate(environ.get("HTTP_ACCEPT", ""), _one(args, "format") or "")
        except NotAcceptable as exc:
            return _text(406, str(exc))
        status, headers, body = self.run(query, select_type, graph_type)
        return status, headers, body

    def run(self, query: str, select_type: str, graph_type: str) -> tuple[int, list, bytes]:
        try:
            reply = self.pool.run((query, select_type, graph_type, self.config.max_rows), self.config.timeout)
        except QueryTimeout:
            return _text(503, f"query stopped: it ran longer than {self.config.timeout:g} s")
        except Busy:
            return _text(503, "server busy: no query worker became free in time")
        except (EOFError, OSError):
            return _text(500, "query worker failed")
        if reply[0] == "ok":
            _, ctype, body, truncated = reply
            headers = [("Content-Type", ctype)]
            if truncated:
                headers.append(("X-Govkg-Truncated", "true"))
            return 200, headers, body
        _, status, message, _ = reply
        return _text(status, message)

    # ----------------------------------------------------------------- pages

    def page(self, environ: dict) -> tuple[int, list, bytes]:
        from . import queries as q

        args = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        named = _one(args, "named") or ""
        query = _one(args, "query")
        result_html = ""
        if named and query is None:
            try:
                query = q.load_named(named).text
            except q.QueryError as exc:
                result_html = f'<p class="err">{html.escape(str(exc))}</p>'
        if query and not named:
            status, headers, body = self.run(query, "application/sparql-results+json", "application/n-triples")
            result_html = _result_html(status, dict(headers).get("Content-Type", ""), body)
        options = "".join(
            f'<option value="{html.escape(n.name)}"{" selected" if n.name == named else ""}>'
            f"{html.escape(n.name)}: {html.escape(n.title)}</option>"
            for n in q.named_queries()
        )
        text = PAGE.format(
            options=options,
            query=html.escape(query if query is not None else DEFAULT_QUERY),
            max_rows=self.config.max_rows,
            timeout=self.config.timeout,
            result=result_html,
        )
        return 200, [("Content-Type", "text/html; charset=utf-8")], text.encode("utf-8")

    def viewer(self, environ: dict) -> tuple[int, list, bytes]:
        try:
            from . import viewer
        except ImportError:
            return _text(503, "the viewer is not available in this version (kg/viewer.py is missing)")
        render = getattr(viewer, "render_html", None)
        if render is None:
            return _text(503, "the viewer is not available (kg.viewer has no render_html)")
        from .store import Store

        store = Store(self.config.store_path, read_only=True)
        page = render(store)
        return 200, [("Content-Type", "text/html; charset=utf-8")], page.encode("utf-8")


def _one(args: dict[str, list[str]], key: str) -> str | None:
    values = args.get(key)
    return values[0] if values else None


def _body(environ: dict) -> bytes | None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return None
    return environ["wsgi.input"].read(length) if length > 0 else b""


def _text(status: int, message: str) -> tuple[int, list, bytes]:
    return status, [("Content-Type", "text/plain; charset=utf-8")], (message + "\n").encode("utf-8")


def _result_html(status: int, ctype: str, body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    if status != 200:
        return f'<p class="err">{html.escape(text)}</p>'
    if ctype.startswith("application/sparql-results+json"):
        doc = json.loads(text)
        if "boolean" in doc:
            return f"<p>{html.escape(str(doc['boolean']).lower())}</p>"
        cols = doc["head"]["vars"]
        rows = doc["results"]["bindings"]
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        trs = "".join(
            "<tr>" + "".join(f"<td>{html.escape(r.get(c, {}).get('value', ''))}</td>" for c in cols) + "</tr>"
            for r in rows
        )
        return f"<p>{len(rows)} rows</p><table><tr>{head}</tr>{trs}</table>"
    return f"<pre>{html.escape(text)}</pre>"


def make_app(store_path: Path, timeout: float = 10.0, max_rows: int = 10000, workers: int = 2) -> App:
    return App(Config(Path(store_path), timeout, max_rows, workers))


def serve(
    store_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0, max_rows: int = 10000
) -> None:
    """Serve until interrupted (waitress, 4 threads)."""
    import sys

    from waitress import create_server

    app = make_app(store_path, timeout, max_rows)
    try:
        server = create_server(app, host=host, port=port, threads=4, ident="govkg")
    except ValueError as exc:  # waitress: "Invalid host/port specified."
        raise OSError(str(exc)) from None
    app.pool  # noqa: B018 - start the workers before taking requests
    print(
        f"govkg: serving {store_path} on http://{host}:{server.effective_port}/ (SPARQL at /sparql)",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        app.close()
        server.close()
