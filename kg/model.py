"""Plain data types shared by every stage of the pipeline.

The extraction types mirror the gold schema (``../shared/gold/SCHEMA.md``) field by
field, plus provenance: ``start``/``end`` are character offsets into ``Document.text``
and ``evidence`` is always ``Document.text[start:end]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SECTION_KINDS = ("preamble", "achievements", "problems", "plan", "other")


@dataclass
class Document:
    """One report as read from disk.

    ``text`` is the plain text every offset refers to (for HTML: the visible text with
    tags, scripts, styles and site navigation removed). ``sha256`` is the hash of
    ``text`` encoded as UTF-8 and ties evidence selectors to this exact content.
    """

    path: Path
    name: str
    text: str
    sha256: str
    encoding: str
    media_type: str = "text/plain"
    source_offsets: list[int] | None = None  # HTML: text offset -> offset in decoded source


@dataclass
class Section:
    start: int
    end: int
    heading: str
    kind: str  # one of SECTION_KINDS
    level: int = 1


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    section: Section | None = None


@dataclass
class Division:
    """One entry of the administrative-division table (GB/T 2260)."""

    code: str  # 6 digits
    name: str  # short name as in the table, e.g. 朝阳区
    level: str  # province | city | county
    parent: str | None  # parent code, None for provinces
    full_name: str  # 北京市朝阳区 / 福建省福州市仓山区
    current: bool = True  # False: abolished or recoded since, kept for older reports


@dataclass
class ReportMeta:
    title: str
    jurisdiction: str
    adcode: str
    year: int | None
    publisher: str
    level: str = ""
    parents: list[str] = field(default_factory=list)  # parent adcodes, nearest first
    date: str | None = None  # publication date, ISO yyyy-mm-dd
    start: int = 0  # offsets of the title line
    end: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "adcode": self.adcode,
            "year": self.year,
            "publisher": self.publisher,
            "level": self.level,
            "parents": list(self.parents),
            "date": self.date,
        }


@dataclass
class Fact:
    start: int
    end: int
    evidence: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Organization(Fact):
    name: str = ""
    type: str = "Other"
    mentions: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "mentions": list(self.mentions),
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Initiative(Fact):
    name: str = ""
    status: str = "implemented"  # implemented | planned
    broader: str | None = None  # canonical lexicon name a local brand derives from
    local: bool = False  # True: discovered brand, not in the lexicon

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "broader": self.broader,
            "local": self.local,
        }


@dataclass
class Outcome(Fact):
    indicator: str = ""
    value: float = 0
    unit: str = ""
    approx: bool = False
    subject: str = ""
    change: bool = False  # True: a year-on-year change (同比增长/下降)

    def to_json(self) -> dict[str, Any]:
        value: float | int = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return {
            "indicator": self.indicator,
            "value": value,
            "unit": self.unit,
            "approx": self.approx,
            "subject": self.subject,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "change": self.change,
        }


@dataclass
class Honor(Fact):
    recipient: str = ""
    title: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient,
            "title": self.title,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Promotion(Fact):
    practice: str = ""
    scope: str = ""  # district | city | province | national

    def to_json(self) -> dict[str, Any]:
        return {
            "practice": self.practice,
            "scope": self.scope,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Extraction:
    """Everything read from one report: the gold schema's shape plus provenance."""

    doc: Document
    report: ReportMeta
    sections: list[Section] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    honors: list[Honor] = field(default_factory=list)
    promotions: list[Promotion] = field(default_factory=list)

    CATEGORIES = ("organizations", "initiatives", "outcomes", "honors", "promotions")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc": self.doc.name,
            "sha256": self.doc.sha256,
            "report": self.report.to_json(),
        }
        for cat in self.CATEGORIES:
            out[cat] = [f.to_json() for f in getattr(self, cat)]
        return out
