"""Extraction without a store: run ingest and every extractor on files and render the
facts as gold-shaped JSON, JSON lines or the report's Turtle graph (``govkg extract``)."""

from __future__ import annotations

import json
from pathlib import Path

from .extractors import extract
from .ingest import IngestError, load
from .metadata import MetadataError
from .model import Extraction


def extract_files(paths: list[Path]) -> tuple[list[Extraction], list[tuple[Path, str]]]:
    """Extractions of the readable files, and (path, reason) for the others."""
    results: list[Extraction] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        try:
            results.append(extract(load(path)))
        except (IngestError, MetadataError) as exc:
            problems.append((path, str(exc)))
    return results, problems


def render(results: list[Extraction], fmt: str) -> str:
    """``json``: one object (a list for several reports); ``jsonl``: one object a line;
    ``ttl``: each report's named graph as Turtle, exactly what ``build`` stores."""
    if fmt == "jsonl":
        return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in results)
    if fmt == "json":
        objs = [r.to_json() for r in results]
        if not objs:
            return ""
        return json.dumps(objs[0] if len(objs) == 1 else objs, ensure_ascii=False, indent=2) + "\n"
    if fmt == "ttl":
        from .graph import report_graph
        from .store import turtle

        return "".join(turtle(report_graph(r)) for r in results)
    raise ValueError(f"unknown format {fmt!r}")
