"""The build job: discover -> ingest -> extract -> graph -> store, for many files.

Each report's named graph is replaced in its own transaction, so a file that fails
leaves whatever the store held for it before. With ``strict`` the first problem stops
the job before anything is written: every report is read and turned into a graph first,
and only then stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .divisions import table
from .extractors import extract
from .graph import GraphError, ReportGraphs, build_graphs
from .ingest import IngestError, discover, load
from .metadata import MetadataError
from .store import Store

FACT_CATEGORIES = ("organizations", "adoptions", "outcomes", "honors", "promotions")

Progress = Callable[[Path, int, int], None]  # (file, done, total)


@dataclass
class BuildSummary:
    reports: list[str] = field(default_factory=list)  # report keys written
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)
    facts: dict[str, int] = field(default_factory=lambda: {c: 0 for c in FACT_CATEGORIES})
    dropped: dict[str, int] = field(default_factory=dict)  # facts without valid evidence
    characters: int = 0
    stopped: bool = False  # --strict stopped at a problem; nothing was written

    @property
    def ok(self) -> bool:
        return not self.skipped

    def to_json(self) -> dict[str, Any]:
        return {
            "reports": len(self.reports),
            "skipped": [{"path": str(p), "reason": r} for p, r in self.skipped],
            "facts": dict(self.facts),
            "dropped": dict(self.dropped),
            "characters": self.characters,
            "stopped": self.stopped,
        }

    def lines(self) -> list[str]:
        """The closing summary, a few lines for people."""
        facts = ", ".join(f"{n} {c}" for c, n in self.facts.items())
        out = [f"{len(self.reports)} reports built ({self.characters} characters): {facts}"]
        if self.dropped:
            out.append(
                "dropped without valid evidence: " + ", ".join(f"{n} {c}" for c, n in sorted(self.dropped.items()))
            )
        if self.skipped:
            out.append(f"{len(self.skipped)} skipped")
        if self.stopped:
            out.append("stopped at the first problem (--strict); the store is unchanged")
        return out


def read_report(path: Path) -> ReportGraphs:
    """One file's graphs; raises IngestError, MetadataError or GraphError with a reason."""
    return build_graphs(extract(load(path), table()), table())


def build(
    paths: list[Path],
    store: Store,
    strict: bool = False,
    progress: Progress | None = None,
    on_problem: Callable[[Path, str], None] | None = None,
) -> BuildSummary:
    """Build every report under ``paths`` into ``store``; see the module docstring."""
    summary = BuildSummary()
    files, skipped = discover([Path(p) for p in paths])
    for path, reason in skipped:
        summary.skipped.append((path, reason))
        if on_problem:
            on_problem(path, reason)
    if strict and skipped:
        summary.stopped = True
        return summary
    pending: list[ReportGraphs] = []
    keys: dict[str, Path] = {}
    for i, path in enumerate(files, start=1):
        try:
            rg = read_report(path)
            if rg.key in keys:
                raise GraphError(f"same file name as {keys[rg.key]} (report keys come from file names)")
        except (IngestError, MetadataError, GraphError) as exc:
            reason = str(exc)
        except Exception as exc:  # noqa: BLE001 - one broken file must not end a long build
            reason = f"extraction failed ({type(exc).__name__}: {exc})"
        else:
            reason = ""
        if progress:
            progress(path, i, len(files))
        if reason:
            summary.skipped.append((path, reason))
            if on_problem:
                on_problem(path, reason)
            if strict:
                summary.stopped = True
                return summary
            continue
        keys[rg.key] = path
        if strict:
            pending.append(rg)
        else:
            _write(store, rg, summary)
    for rg in pending:
        _write(store, rg, summary)
    if summary.reports:
        store.put_lexicon()
    store.flush()
    return summary


def _write(store: Store, rg: ReportGraphs, summary: BuildSummary) -> None:
    store.replace_report(rg)
    summary.reports.append(rg.key)
    for cat in FACT_CATEGORIES:
        summary.facts[cat] += rg.counts.get(cat, 0)
    for cat, n in rg.dropped.items():
        summary.dropped[cat] = summary.dropped.get(cat, 0) + n
    from .graph import GK

    summary.characters += sum(int(o) for o in rg.graph.objects(None, GK.charCount))
