"""What every extractor knows about the report it reads: the document, its metadata,
sections and sentences, and the jurisdiction with its parents."""

from __future__ import annotations

from dataclasses import dataclass, field

from .divisions import DivisionTable, table
from .metadata import extract_metadata
from .model import Division, Document, Organization, ReportMeta, Section, Sentence
from .segment import sections, sentences


@dataclass
class ReportContext:
    doc: Document
    meta: ReportMeta
    sections: list[Section]
    sentences: list[Sentence]
    division: Division
    divisions: DivisionTable
    # filled by the organization extractor, read by the others (subjects, recipients)
    organizations: list[Organization] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def parents(self) -> list[Division]:
        return self.divisions.parents(self.division.code)


def build_context(doc: Document, divisions: DivisionTable | None = None) -> ReportContext:
    divisions = divisions or table()
    meta = extract_metadata(doc, divisions)
    secs = sections(doc, meta.year)
    return ReportContext(
        doc=doc,
        meta=meta,
        sections=secs,
        sentences=sentences(doc, secs),
        division=divisions.get(meta.adcode),
        divisions=divisions,
    )
