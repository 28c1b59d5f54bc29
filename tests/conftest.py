from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_GOLD = ROOT.parent / "shared" / "gold" / "dev"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_extractions(seed_paths):
    """Every seed extracted once per test session (extraction is deterministic)."""
    from kg.extractors import extract
    from kg.ingest import load

    return {p.name: extract(load(p)) for p in seed_paths}
