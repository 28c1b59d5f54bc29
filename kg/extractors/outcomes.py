"""Outcomes extractor (first version: to be written)."""

from __future__ import annotations

from ..context import ReportContext


def extract(ctx: ReportContext) -> list:
    return []
