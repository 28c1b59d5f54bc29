"""The ``govkg`` command line: parses arguments, calls the library, prints."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import evaluate as evaluation
from .extractors import extract
from .ingest import IngestError, discover, load
from .metadata import MetadataError


def fail(message: str, code: int = 1) -> None:
    click.echo(f"govkg: {message}", err=True)
    sys.exit(code)


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
    gold = evaluation.load_gold(gold_dir)
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
        return
    click.echo(evaluation.format_table(result, verbose=verbose))


@main.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "ttl"]), default=None, help="json (default for one file), jsonl (default for several), ttl")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), default=None, help="write here instead of standard output")
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
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    elif text:
        click.echo(text, nl=False)
    if skipped or problems:
        sys.exit(1)
