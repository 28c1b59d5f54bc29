"""Named SPARQL queries (``queries/*.rq``) and running SPARQL on the store.

A named query is a ``.rq`` file whose leading comment block is its header::

    # title: Initiatives of a jurisdiction, by year and status
    # answers: Which initiatives did a jurisdiction report, in which year, ...
    #   (an indented comment line continues the previous field)
    # param: jurisdiction = 朝阳区 ; full name, short name or division code
    # param: year = ; report year (empty: every year)
    # example: govkg query jurisdiction-initiatives --param year=2023

Parameters reach the query only as bound values: a parameter ``NAME`` binds the variable
``?_NAME`` (the grlc convention, so parameters never clash with result columns) to a plain
string literal, through the store's ``substitutions`` (SEP-0007 initial bindings). Every
declared parameter is bound (given or default); pyoxigraph requires a bound variable to be
projected, so named queries SELECT their parameters too and :func:`run` drops those
constant columns. The query text is never formatted with a value. By convention an empty
string means "any" (``FILTER(?_year = "" || STR(?y) = ?_year)``).

Queries never reach out: ``SERVICE`` and ``LOAD`` are refused here (and again by the store).
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .resources import queries_dir
from .store import StoreError, check_query, prefixed

FORMATS = ("table", "csv", "tsv", "json")
PARAM_PREFIX = "_"  # parameter NAME binds ?_NAME
# queries owned by other modules (diffusion, viewer) are not listed as named queries
_HIDDEN_PREFIXES = ("diffusion-", "viewer-")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_XSD = "http://www.w3.org/2001/XMLSchema#"


class QueryError(ValueError):
    """A query that cannot run; ``code`` is the exit status (2: the user's mistake)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


@dataclass
class Param:
    name: str
    default: str = ""
    description: str = ""


@dataclass
class NamedQuery:
    name: str
    path: Path | None
    text: str
    title: str = ""
    answers: str = ""
    params: list[Param] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass
class Result:
    """What a query returned: ``kind`` is "select", "ask" or "graph"."""

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)  # pyoxigraph terms (None: unbound)
    boolean: bool | None = None
    triples: list[Any] = field(default_factory=list)
    truncated: bool = False


# --------------------------------------------------------------------------- header


def parse_header(text: str, name: str = "", path: Path | None = None) -> NamedQuery:
    """The header comment of a ``.rq`` text (the comment lines before the first other line)."""
    q = NamedQuery(name=name, path=path, text=text)
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            last = None
            continue
        if not stripped.startswith("#"):
            break
        body = stripped[1:]
        m = re.match(r"\s*(title|answers|param|example)\s*:\s*(.*)$", body)
        if m:
            key, value = m.group(1), m.group(2).strip()
            last = key
            if key == "title":
                q.title = value
            elif key == "answers":
                q.answers = value
            elif key == "example":
                q.examples.append(value)
            else:
                pm = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^;]*?)\s*(?:;\s*(.*))?$", value)
                if pm:
                    q.params.append(Param(pm.group(1), pm.group(2), (pm.group(3) or "").strip()))
                    last = "param"
        elif last and body.startswith(("  ", "\t")):  # continuation of the previous field
            extra = body.strip()
            if last == "title":
                q.title += " " + extra
            elif last == "answers":
                q.answers += " " + extra
            elif last == "param" and q.params:
                q.params[-1].description = (q.params[-1].description + " " + extra).strip()
            elif last == "example" and q.examples:
                q.examples[-1] += " " + extra
    return q


# --------------------------------------------------------------------------- finding queries


def query_names(directory: Path | None = None) -> list[str]:
    d = directory or queries_dir()
    return sorted(p.stem for p in d.glob("*.rq") if not p.stem.startswith(_HIDDEN_PREFIXES))


def named_queries(directory: Path | None = None) -> list[NamedQuery]:
    d = directory or queries_dir()
    return [load_named(n, d) for n in query_names(d)]


def load_named(name: str, directory: Path | None = None) -> NamedQuery:
    d = directory or queries_dir()
    path = d / f"{name}.rq"
    if not _NAME.match(name) or not path.is_file():
        known = ", ".join(query_names(d))
        raise QueryError(f"no named query {name!r} (known: {known})", 2)
    return parse_header(path.read_text(encoding="utf-8"), name, path)


def resolve(spec: str, stdin: str | None = None) -> NamedQuery:
    """``NAME`` (a named query), ``FILE.rq`` (a file) or ``-`` (``stdin``)."""
    if spec == "-":
        if _empty_query(stdin or ""):
            raise QueryError("-: empty query on standard input", 2)
        return parse_header(stdin or "", "-")
    if spec.endswith(".rq") or "/" in spec or "\\" in spec:
        path = Path(spec)
        if path.is_dir():
            raise QueryError(f"{spec}: is a folder, not a query file", 2)
        if not path.is_file():
            raise QueryError(f"{spec}: no such file", 2)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise QueryError(f"{spec}: not UTF-8 text", 2) from None
        except OSError as exc:
            raise QueryError(f"{spec}: cannot read ({exc.strerror or exc})", 2) from None
        if _empty_query(text):
            raise QueryError(f"{spec}: empty query", 2)
        return parse_header(text, path.stem, path)
    return load_named(spec)


def _empty_query(text: str) -> bool:
    """Only blanks and comment lines."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


# --------------------------------------------------------------------------- binding and running


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["k=v", ...]`` as a dict (the value may contain ``=``; it is kept verbatim)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lstrip("?$")
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE", 2)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes on the command line
            raise QueryError(f"--param {key}: the value is not valid text (undecodable bytes)", 2) from None
        out[key] = value
    return out


def bindings(q: NamedQuery, given: dict[str, str]) -> dict[str, str]:
    """The values to bind: every declared parameter (given or its default); for a query
    without declared parameters, the given ones as they are."""
    if not q.params:
        return dict(given)
    unknown = sorted(set(given) - {p.name for p in q.params})
    if unknown:
        names = ", ".join(p.name for p in q.params)
        raise QueryError(f"{q.name}: unknown parameter {unknown[0]!r} (parameters: {names})", 2)
    return {p.name: given.get(p.name, p.default) for p in q.params}


def _syntax_message(message: str) -> str:
    """pyoxigraph says ``error at 3:2: expected ...``; spell out line and column."""
    m = re.search(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", message)
    if m:
        return f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return message


def execute(store: Any, text: str, values: dict[str, str], limit: int | None = None) -> Result:
    """Run ``text`` on ``store`` (a :class:`kg.store.Store`) with each ``values[NAME]`` bound
    to ``?_NAME`` as a string literal; at most ``limit`` rows or triples (``truncated`` tells whether more were left)."""
    try:
        check_query(text)
    except StoreError as exc:
        raise QueryError(str(exc), 2) from None
    subs = {ox.Variable(PARAM_PREFIX + k): ox.Literal(v) for k, v in values.items()}
    try:
        res = store.query(text, subs or None)
    except StoreError as exc:
        msg = str(exc)
        if "does not contain" in msg and "projection" in msg:
            raise QueryError(f"{msg} (a parameter must be a variable the query SELECTs)", 2) from None
        if msg.startswith("SPARQL syntax error"):
            raise QueryError(_syntax_message(msg), 2) from None
        raise QueryError(msg, 1) from None
    return collect(res, limit)


def collect(res: Any, limit: int | None = None) -> Result:
    """A pyoxigraph query result as a :class:`Result` (at most ``limit`` rows)."""
    if isinstance(res, ox.QueryBoolean) or isinstance(res, bool):
        return Result("ask", boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        cols = [v.value for v in res.variables]
        out = Result("select", columns=cols)
        for sol in res:
            if limit is not None and len(out.rows) >= limit:
                out.truncated = True
                break
            out.rows.append([sol[c] for c in cols])
        return out
    out = Result("graph")
    for t in res:
        if limit is not None and len(out.triples) >= limit:
            out.truncated = True
            break
        out.triples.append(t)
    return out


def run(store: Any, q: NamedQuery, given: dict[str, str] | None = None, limit: int | None = None) -> Result:
    """Run a named (or user) query with its parameters bound; the parameter columns,
    constant by construction, are left out of the result."""
    values = bindings(q, given or {})
    result = execute(store, q.text, values, limit)
    if result.kind == "select" and q.params:
        keep = [i for i, c in enumerate(result.columns) if not (c.startswith(PARAM_PREFIX) and c[1:] in values)]
        result.columns = [result.columns[i] for i in keep]
        result.rows = [[row[i] for i in keep] for row in result.rows]
    return result


# --------------------------------------------------------------------------- formatting


def plain(term: Any) -> Any:
    """A term as a JSON value: numbers for numeric literals, booleans, strings otherwise."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt in (_XSD + "integer", _XSD + "int", _XSD + "long"):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
            try:
                d = Decimal(term.value)
            except ArithmeticError:
                return term.value
            return int(d) if d == d.to_integral_value() and dt == _XSD + "decimal" else float(d)
        if dt == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return term.value


def text(term: Any, compact: bool = False) -> str:
    """A term as a cell: the literal's value, the IRI (prefixed when ``compact``)."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return prefixed(term.value) if compact else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    v = plain(term)
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def _clean(s: str) -> str:
    return s.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def render(result: Result, fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})", 2)
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        return ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    cols, rows = result.columns, result.rows
    if fmt == "json":
        data = [{c: plain(v) for c, v in zip(cols, row, strict=True)} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(cols)
            for row in rows:
                w.writerow([text(v) for v in row])
        else:
            buf.write("\t".join(cols) + "\n")
            for row in rows:
                buf.write("\t".join(_clean(text(v)) for v in row) + "\n")
        return buf.getvalue()
    cells = [[_clean(text(v, compact=True)) for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(cols, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        lines.append("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip())
    n = len(rows)
    lines.append(f"({n} row{'s' if n != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(lines) + "\n"


def listing(queries: list[NamedQuery]) -> str:
    """``govkg queries``: name, title and parameters (with defaults) of each named query."""
    out = []
    for q in queries:
        out.append(f"{q.name}: {q.title}")
        for p in q.params:
            default = f'"{p.default}"' if p.default else '"" (any)'
            desc = f"  {p.description}" if p.description else ""
            out.append(f"    --param {p.name}=...  default {default}{desc}")
    return "\n".join(out) + ("\n" if out else "")
