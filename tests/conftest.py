from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.model import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_GOLD = ROOT.parent / "shared" / "gold" / "dev"


def text_document(text: str, name: str = "fixture.txt") -> Document:
    """A Document made from ``text`` written for a test, as `kg.ingest.load` would make it."""
    return Document(
        path=Path(name), name=name, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding="utf-8"
    )


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_extractions(seed_paths):
    """Every seed extracted once per test session (extraction is deterministic)."""
    from kg.extractors import extract
    from kg.ingest import load

    return {p.name: extract(load(p)) for p in seed_paths}
