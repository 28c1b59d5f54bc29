"""Run every extractor on one report.

Order matters: organizations first (the others resolve subjects and recipients
against them), then initiatives, outcomes, honors and promotions.
"""

from __future__ import annotations

from ..context import build_context
from ..divisions import DivisionTable
from ..model import Document, Extraction
from . import honors, initiatives, organizations, outcomes, promotions


def extract(doc: Document, divisions: DivisionTable | None = None) -> Extraction:
    """All facts of one report. Raises MetadataError when jurisdiction or year is missing."""
    ctx = build_context(doc, divisions)
    ctx.organizations = organizations.extract(ctx)
    result = Extraction(doc=doc, report=ctx.meta, sections=ctx.sections, organizations=ctx.organizations)
    result.initiatives = initiatives.extract(ctx)
    result.outcomes = outcomes.extract(ctx)
    result.honors = honors.extract(ctx)
    result.promotions = promotions.extract(ctx)
    return result
