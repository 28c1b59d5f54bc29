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
    gold = evaluation.load_gold(gold_dir)
    if not gold:
        fail(f"{gold_dir}: no *.gold.json files")
    preds = {}
    for doc in gold:
        path = reports_dir / doc
        try:
            preds[doc] = extract(load(path)).to_json()
        except (IngestError, MetadataError, OSError) as exc:
            click.echo(f"govkg: {path}: {exc}", err=True)
    result = evaluation.evaluate(gold, preds)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(evaluation.format_table(result, verbose=verbose))
