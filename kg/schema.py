"""The JSON Schema of an extraction (``ontology/extraction.schema.json``): the gold
schema's shape plus optional provenance fields. Gold files validate against it too."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jsonschema

from .resources import ontology_path


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(ontology_path("extraction.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validation_errors(obj: dict[str, Any]) -> list[str]:
    """Messages for every way ``obj`` departs from the schema (empty when valid)."""
    errors = sorted(_validator().iter_errors(obj), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in errors]


def check_offsets(obj: dict[str, Any], text: str) -> list[str]:
    """Facts whose evidence is not exactly ``text[start:end]``."""
    bad = []
    for cat in ("organizations", "initiatives", "outcomes", "honors", "promotions"):
        for i, fact in enumerate(obj.get(cat, [])):
            if "start" in fact and text[fact["start"] : fact["end"]] != fact.get("evidence"):
                bad.append(f"{cat}/{i}: evidence differs from text[{fact['start']}:{fact['end']}]")
    return bad
