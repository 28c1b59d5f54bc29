"""The ``govkg`` command line: parses arguments, calls the library, prints."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import evaluate as evaluation
from .ingest import discover


def fail(message: str, code: int = 1) -> None:
    click.echo(f"govkg: {message}", err=True)
    sys.exit(code)


def _cannot_write(path: Path, exc: OSError) -> None:
    """One line for an output file that cannot be written (a folder, a file in the path, no permission)."""
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        reason = "a part of the path is a file, not a folder"
    else:
        reason = exc.strerror or str(exc)
    fail(f"cannot write {path}: {reason}")


@click.group()
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: a knowledge graph of Chinese local rule-of-law reports."""


@main.command("evaluate")
@click.option("--gold", "gold_dir", required=True, type=click.Path(path_type=Path), help="folder of *.gold.json files")
@click.option("--reports", "reports_dir", required=True, type=click.Path(path_type=Path), help="folder of the reports")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--verbose", is_flag=True, help="list every miss and false positive")
def evaluate_cmd(gold_dir: Path, reports_dir: Path, fmt: str, verbose: bool) -> None:
    """Score the extractors against gold annotations."""
    if not gold_dir.is_dir():
        fail(f"{gold_dir}: no such folder")
    if not reports_dir.is_dir():
        fail(f"{reports_dir}: no such folder")
    try:
        gold = evaluation.load_gold(gold_dir)
    except evaluation.GoldError as exc:
        fail(str(exc))
    if not gold:
        fail(f"{gold_dir}: no *.gold.json files")
    from .extraction import extract_files

    # the very objects `govkg extract` prints are scored, so the two never disagree
    results, problems = extract_files([reports_dir / doc for doc in gold])
    for path, reason in problems:
        click.echo(f"govkg: {path}: {reason}", err=True)
    result = evaluation.evaluate(gold, {r.doc.name: r.to_json() for r in results})
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(evaluation.format_table(result, verbose=verbose))
    if problems:  # a report of the gold could not be read: the score is not the extractors'
        sys.exit(1)


@main.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "ttl"]),
    default=None,
    help="json (default for one file), jsonl (default for several), ttl",
)
@click.option(
    "-o", "--out", "out", type=click.Path(path_type=Path), default=None, help="write here instead of standard output"
)
def extract_cmd(files: tuple[Path, ...], fmt: str | None, out: Path | None) -> None:
    """Print one report's facts in the gold schema's shape, without a store."""
    from .extraction import extract_files, render

    paths, skipped = discover(list(files))
    fmt = fmt or ("json" if len(paths) == 1 and not skipped else "jsonl")
    results, problems = extract_files(paths)
    for path, reason in skipped + problems:
        click.echo(f"govkg: {path}: {reason}", err=True)
    text = render(results, fmt)
    if out is not None:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            _cannot_write(out, exc)
    elif text:
        click.echo(text, nl=False)
    if skipped or problems:
        sys.exit(1)


# --- diffusion: diffusion / profile / similar / network / adoptions (logic in kg/diffusion.py)

_STORE_OPTION = click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=Path("output/store"),
    show_default=True,
    help="the store `govkg build` wrote",
)
_FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)


def _diffusion_store(store_path: Path):
    from . import diffusion as dif
    from .store import StoreError

    try:
        return dif.open_store(store_path)
    except StoreError as exc:
        fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - a locked or broken store: one line, no traceback
        fail(f"{store_path}: cannot open the store ({exc})")


def _name_error(exc) -> None:
    """Unknown or ambiguous name: the message, then suggestions or candidates; exit 2."""
    lines = [str(exc)]
    if exc.candidates:
        lines.append("candidates: " + "; ".join(exc.candidates))
    if exc.suggestions:
        lines.append("did you mean: " + "、".join(exc.suggestions))
    fail("\n".join(lines), 2)


@main.command("diffusion")
@click.argument("initiative", required=False)
@click.option(
    "--top",
    "top_n",
    type=click.IntRange(min=1),
    default=None,
    help="rank initiatives by number of adopting jurisdictions",
)
@_STORE_OPTION
@_FORMAT_OPTION
@click.option(
    "--panel",
    "panel_path",
    type=click.Path(path_type=Path),
    default=None,
    help="write the event-history panel (CSV) here",
)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(path_type=Path),
    default=None,
    help="draw the cumulative adoption curve (PNG) here",
)
def diffusion_cmd(
    initiative: str | None,
    top_n: int | None,
    store_path: Path,
    fmt: str,
    panel_path: Path | None,
    plot_path: Path | None,
) -> None:
    """Who reported INITIATIVE (canonical name or alias) when, or the --top N initiatives."""
    from . import diffusion as dif

    if initiative is not None and top_n is not None:
        fail("give an INITIATIVE or --top N, not both", 2)
    if initiative is None and top_n is None:
        fail("give either an INITIATIVE or --top N", 2)
    if top_n is not None and (panel_path or plot_path):
        fail("--panel and --plot need an INITIATIVE", 2)
    if plot_path is not None and plot_path.suffix.lower() != ".png":
        fail(f"{plot_path}: the plot is written as PNG; use a .png file name", 2)
    store = _diffusion_store(store_path)
    if top_n is not None:
        click.echo(dif.render_top(dif.top(store, top_n), fmt), nl=False)
        return
    try:
        d = dif.diffusion(store, initiative)
    except dif.UnknownName as exc:
        _name_error(exc)
    click.echo(dif.render_diffusion(d, fmt), nl=False)
    target = panel_path
    try:
        if panel_path is not None:
            dif.write_panel(dif.panel(store, d), panel_path)
            click.echo(f"govkg: panel written to {panel_path}", err=True)
        if plot_path is not None:
            target = plot_path
            warning = dif.plot(d, plot_path)
            if warning:
                click.echo(f"govkg: {warning}", err=True)
            click.echo(f"govkg: plot written to {plot_path}", err=True)
    except OSError as exc:
        _cannot_write(target, exc)


@main.command("profile")
@click.argument("jurisdiction")
@_STORE_OPTION
@_FORMAT_OPTION
def profile_cmd(jurisdiction: str, store_path: Path, fmt: str) -> None:
    """A jurisdiction (name, full name or division code): reports, initiatives, outcomes,
    honors, organizations, and where it leads or follows."""
    from . import diffusion as dif

    store = _diffusion_store(store_path)
    try:
        p = dif.profile(store, jurisdiction)
    except dif.UnknownName as exc:
        _name_error(exc)
    click.echo(dif.render_profile(p, fmt), nl=False)


@main.command("similar")
@click.argument("jurisdiction")
@click.option("--top", "top_n", type=click.IntRange(min=1), default=10, show_default=True)
@click.option(
    "--measure",
    type=click.Choice(["idf", "jaccard"]),
    default="idf",
    show_default=True,
    help="idf-weighted Jaccard or plain Jaccard",
)
@_STORE_OPTION
@_FORMAT_OPTION
def similar_cmd(jurisdiction: str, top_n: int, measure: str, store_path: Path, fmt: str) -> None:
    """Jurisdictions with the most similar initiative portfolios."""
    from . import diffusion as dif

    store = _diffusion_store(store_path)
    try:
        place, rows = dif.similar(store, jurisdiction, top_n, measure)
    except dif.UnknownName as exc:
        _name_error(exc)
    click.echo(dif.render_similar(place, rows, fmt, measure), nl=False)


@main.command("network")
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    default=None,
    help="write the network (.graphml or .gexf) for Gephi",
)
@click.option("--top", "top_n", type=click.IntRange(min=1), default=10, show_default=True, help="leaders to list")
@_STORE_OPTION
@_FORMAT_OPTION
def network_cmd(out_path: Path | None, top_n: int, store_path: Path, fmt: str) -> None:
    """The diffusion network: an edge from an earlier to a later adopter of an initiative."""
    from . import diffusion as dif

    if out_path is not None and out_path.suffix.lower() not in (".graphml", ".gexf"):
        fail(f"{out_path}: the network file must end in .graphml or .gexf", 2)
    store = _diffusion_store(store_path)
    g = dif.network(store)
    click.echo(dif.render_network(g, fmt, top_n), nl=False)
    if out_path is not None:
        try:
            dif.write_network(g, out_path)
        except OSError as exc:
            _cannot_write(out_path, exc)
        click.echo(f"govkg: network written to {out_path}", err=True)


@main.command("adoptions")
@_STORE_OPTION
@_FORMAT_OPTION
def adoptions_cmd(store_path: Path, fmt: str) -> None:
    """Every adoption, one row per jurisdiction and initiative, in the shape of the SPID
    database (jurisdiction, policy, adopt_year) plus division code, status and evidence."""
    from . import diffusion as dif

    store = _diffusion_store(store_path)
    click.echo(dif.render_adoptions(dif.spid(store), fmt), nl=False)


# --- store: build / export / stats (logic in kg/build.py and kg/store.py)


def _open_store(store_path: Path, must_exist: bool = True):
    """The store for reading (``must_exist``: read-only, so a running build does not lock
    it out) or for `govkg build` (created when missing)."""
    from .store import Store, StoreError

    try:
        return Store(store_path, read_only=must_exist)
    except StoreError as exc:
        fail(str(exc))


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=Path("output/store"),
    show_default=True,
    help="the store folder (created when missing)",
)
@click.option("--strict", is_flag=True, help="stop at the first problem, before writing anything")
def build_cmd(paths: tuple[Path, ...], store_path: Path, strict: bool) -> None:
    """Read the reports under PATHS into the graph store (each report replaces its earlier version)."""
    from .build import build

    store = _open_store(store_path, must_exist=False)

    def problem(path: Path, reason: str) -> None:
        click.echo(f"\ngovkg: {path}: {reason}" if bar is not None else f"govkg: {path}: {reason}", err=True)

    bar = None
    state = {"done": 0}

    def progress(path: Path, done: int, total: int) -> None:
        nonlocal bar
        if total <= 3:
            return
        if bar is None:
            bar = click.progressbar(length=total, label=f"building {total} reports", file=sys.stderr, show_pos=True)
            bar.__enter__()
        bar.update(done - state["done"])
        state["done"] = done

    try:
        summary = build(list(paths), store, strict=strict, progress=progress, on_problem=problem)
    finally:
        store.close()  # release the lock before exiting (an exit status keeps this frame alive)
        if bar is not None:
            bar.__exit__(None, None, None)
    for line in summary.lines():
        click.echo(f"govkg: {line}", err=True)
    click.echo(f"govkg: store at {store_path}", err=True)
    if not summary.ok:
        sys.exit(1)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld"]), default="ttl", show_default=True)
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=Path("output/store"), show_default=True)
@click.option(
    "-o", "--out", "out", type=click.Path(path_type=Path), default=None, help="write here instead of standard output"
)
def export_cmd(fmt: str, store_path: Path, out: Path | None) -> None:
    """Write the whole store as Turtle (all graphs merged), TriG, N-Quads or JSON-LD."""
    with _open_store(store_path) as store:
        text = store.export(fmt)
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        _cannot_write(out, exc)
    click.echo(f"govkg: {fmt} written to {out}", err=True)


@main.command("stats")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=Path("output/store"), show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats_cmd(store_path: Path, fmt: str) -> None:
    """Counts per class and per report."""
    from .store import format_stats

    with _open_store(store_path) as store:
        st = store.stats()
    if fmt == "json":
        click.echo(json.dumps(st.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(format_stats(st), nl=False)


# --- SPARQL: queries / query / serve (logic in kg/queries.py and kg/server.py)


@main.command("queries")
def queries_cmd() -> None:
    """List the named queries: name, title and parameters with their defaults."""
    from . import queries as q

    click.echo(q.listing(q.named_queries()), nl=False)


@main.command("query")
@click.argument("spec", metavar="NAME|FILE.rq|-")
@click.option("--param", "params", multiple=True, metavar="K=V", help="bind parameter K (variable ?_K) to the string V")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="print at most N rows")
@_STORE_OPTION
def query_cmd(spec: str, params: tuple[str, ...], fmt: str, limit: int | None, store_path: Path) -> None:
    """Run a named query, a .rq file or a query on standard input (-) on the store."""
    from . import queries as q

    try:
        named = q.resolve(spec, sys.stdin.read() if spec == "-" else None)
        given = q.parse_params(params)
        q.bindings(named, given)  # unknown parameters fail before the store is opened
    except q.QueryError as exc:
        fail(str(exc), exc.code)
    store = _open_store(store_path)
    try:
        result = q.run(store, named, given, limit)
    except q.QueryError as exc:
        fail(str(exc), exc.code)
    click.echo(q.render(result, fmt), nl=False)


@main.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="address to listen on (loopback unless told otherwise)"
)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=7878, show_default=True)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="seconds a query may run"
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10000,
    show_default=True,
    help="rows (or triples) returned at most",
)
@_STORE_OPTION
def serve_cmd(host: str, port: int, timeout: float, max_rows: int, store_path: Path) -> None:
    """A read-only SPARQL 1.1 Protocol endpoint (/sparql), a query page (/) and the viewer (/viewer)."""
    from . import server
    from .store import StoreError, check_location

    try:
        check_location(store_path)
    except StoreError as exc:
        fail(str(exc))
    try:
        server.serve(store_path, host=host, port=port, timeout=timeout, max_rows=max_rows)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


# --- viewer: viz (logic in kg/viewer.py)


@main.command("viz")
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("output/graph.html"),
    show_default=True,
    help="the HTML file to write",
)
@click.option("--focus", default=None, help="an initiative, jurisdiction or organization: draw its neighbourhood")
@click.option(
    "--diffusion",
    "diffusion_name",
    default=None,
    help="an initiative: its adopters by year (left to right) and province",
)
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="steps around --focus")
@click.option(
    "--types",
    "types",
    multiple=True,
    help="node types to draw (comma-separated or repeated): jurisdiction, organization, initiative, brand, report, outcome, honor, promotion or an organization type such as Court",
)
@click.option(
    "--year", type=int, default=None, help="only reports and facts of this year (diffusion: adoptions up to this year)"
)
@click.option("--province", default=None, help="only jurisdictions in this province (name or division code)")
@click.option(
    "--max-nodes",
    "max_nodes",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="cap on the nodes drawn; the page notes what was left out",
)
@_STORE_OPTION
def viz_cmd(
    out: Path,
    focus: str | None,
    diffusion_name: str | None,
    depth: int,
    types: tuple[str, ...],
    year: int | None,
    province: str | None,
    max_nodes: int,
    store_path: Path,
) -> None:
    """Write the graph as one self-contained interactive HTML page (works offline)."""
    from . import viewer

    if out.suffix.lower() not in (".html", ".htm"):
        fail(f"{out}: the viewer is written as HTML; use a .html file name", 2)
    store = _open_store(store_path)
    try:
        view = viewer.build_view(
            store,
            focus=focus,
            diffusion=diffusion_name,
            depth=depth,
            types=types,
            year=year,
            province=province,
            max_nodes=max_nodes,
        )
        viewer.write_html(view, out)
    except viewer.ViewerError as exc:
        fail(str(exc), 2)
    except OSError as exc:
        _cannot_write(out, exc)
    finally:
        store.close()
    click.echo(f"govkg: {len(view.nodes)} nodes, {len(view.edges)} edges written to {out}", err=True)
    if view.note:
        click.echo(f"govkg: {view.note}", err=True)
