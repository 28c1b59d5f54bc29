"""Locate the project's data folders (``ontology/``, ``queries/``).

From an installed wheel they live inside the package as ``kg/_data/<name>`` (see
``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml); from a checkout
or an editable install they are the top-level folders beside ``kg/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder ``name`` ("ontology" or "queries")."""
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"data folder {name!r} not found beside the kg package")


def ontology_path(filename: str) -> Path:
    return data_dir("ontology") / filename


def queries_dir() -> Path:
    return data_dir("queries")


def read_tsv(filename: str) -> list[dict[str, str]]:
    """Read a TSV file from ``ontology/``: '#' lines are comments, first row is the header."""
    path = ontology_path(filename)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=False)})
    return rows
