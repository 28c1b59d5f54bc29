"""The initiative lexicon: canonical names, aliases, category and origin.

The data lives in ``ontology/initiatives.tsv`` (columns ``name``, ``aliases`` separated by
``|``, ``category``, ``origin``). This module loads it, resolves any surface form to its
canonical name (quotation marks, spaces and a leading 新时代 are ignored) and builds the
SKOS concept scheme stored in the graph ``id:graph/lexicon`` (docs/graph-model.md).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from .resources import read_tsv

GK = Namespace("https://w3id.org/govkg/ns#")
ID = Namespace("https://w3id.org/govkg/id/")
SCHEME = ID["scheme/initiatives"]

_QUOTES = re.compile(r"[\s“”‘’\"'「」『』〈〉]")
_KEY_PUNCT = re.compile(r"[\s“”‘’\"'「」『』《》〈〉()（）\[\]【】·•、,，.。:：;；!！?？]")


@dataclass(frozen=True)
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    category: str = ""
    origin: str = ""

    def forms(self) -> list[str]:
        """The canonical name and every alias."""
        return [self.name, *self.aliases]


def key(name: str) -> str:
    """The comparison key of a name: punctuation, quotes and a leading 新时代 removed."""
    k = _KEY_PUNCT.sub("", name or "")
    return k[3:] if k.startswith("新时代") and len(k) > 3 else k


def strip_quotes(name: str) -> str:
    """A name as written, without quotation marks and spaces."""
    return _QUOTES.sub("", name or "")


@lru_cache(maxsize=1)
def entries() -> list[Entry]:
    """Every lexicon entry, in file order."""
    out = []
    for row in read_tsv("initiatives.tsv"):
        name = row["name"].strip()
        if not name:
            continue
        aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
        out.append(Entry(name, aliases, row.get("category", ""), row.get("origin", "")))
    return out


@lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    out: dict[str, str] = {}
    for e in entries():
        for form in e.forms():
            out.setdefault(key(form), e.name)
    for e in entries():  # a canonical name always wins over another entry's alias
        out[key(e.name)] = e.name
    return out


def canonical(name: str) -> str | None:
    """The canonical lexicon name of ``name`` (a canonical name or an alias), else None."""
    return _by_key().get(key(name))


def entry(name: str) -> Entry | None:
    canon = canonical(name)
    return next((e for e in entries() if e.name == canon), None) if canon else None


def concept_iri(name: str) -> URIRef:
    """``id:initiative/<first 16 hex of sha1(name)>``: pass the canonical name."""
    return ID[f"initiative/{hashlib.sha1(name.encode('utf-8')).hexdigest()[:16]}"]


def skos_graph() -> Graph:
    """The concept scheme ``id:scheme/initiatives`` with one ``gk:Initiative`` per entry."""
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("gk", GK)
    g.bind("id", ID)
    g.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((SCHEME, SKOS.prefLabel, Literal("法治政府建设举措", lang="zh")))
    g.add((SCHEME, SKOS.prefLabel, Literal("Rule-of-law initiatives", lang="en")))
    for e in entries():
        node = concept_iri(e.name)
        g.add((node, RDF.type, GK.Initiative))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, SCHEME))
        g.add((node, SKOS.prefLabel, Literal(e.name, lang="zh")))
        seen = {e.name}
        for alias in e.aliases:
            if alias not in seen:
                seen.add(alias)
                g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        if e.category:
            g.add((node, GK.category, Literal(e.category)))
        if e.origin:
            g.add((node, GK.origin, Literal(e.origin)))
    return g
