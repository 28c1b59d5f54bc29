"""One report's extraction as RDF (the contract is ``docs/graph-model.md``).

:func:`report_graph` is the report's named graph (report, organizations, adoptions,
outcomes, honors, promotions, evidence); :func:`divisions_graph` describes the
jurisdictions the report touches, with their parents, for the shared divisions graph.
Output is deterministic: IRIs come from names, codes and offsets, facts are numbered in
text order, so rebuilding an unchanged report gives the very same triples.

Every fact has evidence: a fact whose offsets do not select its evidence sentence in
the report text is dropped (and counted in :attr:`ReportGraphs.dropped`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .divisions import DivisionTable, table
from .model import Extraction, Fact

GK = Namespace("https://w3id.org/govkg/ns#")
ID = Namespace("https://w3id.org/govkg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
QB = Namespace("http://purl.org/linked-data/cube#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "gk": str(GK),
    "id": str(ID),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "qb": str(QB),
    "schema": str(SCHEMA),
    "xsd": str(XSD),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}

LEXICON_GRAPH = ID["graph/lexicon"]
DIVISIONS_GRAPH = ID["graph/divisions"]
ONTOLOGY_GRAPH = ID["graph/ontology"]
SCHEME = ID["scheme/initiatives"]

ORG_TYPES = (
    "Government",
    "PartyCommittee",
    "JudicialBureau",
    "JusticeOffice",
    "Court",
    "Procuratorate",
    "PublicSecurity",
    "AdministrativeAgency",
    "MediationCommittee",
    "MediationOrganization",
    "LegalServiceCenter",
    "ReconsiderationCommittee",
    "Association",
    "LawFirm",
    "Legislature",
    "Other",
)
STATUSES = ("implemented", "planned")
SCOPES = ("district", "city", "province", "national")
LEVELS = ("province", "city", "county")

# a publisher not among the extracted organizations is typed by its name's ending
_PUBLISHER_TYPES = (
    ("司法局", "JudicialBureau"),
    ("司法所", "JusticeOffice"),
    ("人民政府", "Government"),
    ("政府", "Government"),
    ("委员会办公室", "PartyCommittee"),
    ("党委", "PartyCommittee"),
    ("法院", "Court"),
    ("检察院", "Procuratorate"),
    ("公安局", "PublicSecurity"),
)


class GraphError(ValueError):
    """An extraction that cannot become a report graph (no jurisdiction or year)."""


# --------------------------------------------------------------------------- IRIs


def _hash16(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def report_key(name: str) -> str:
    """The key of a report in IRIs, from its file name only (``000_x.txt`` stays as it is;
    other characters are percent-encoded as UTF-8), so a changed file keeps its key."""
    return quote(name.strip(), safe="-._~")


def report_iri(key: str) -> URIRef:
    return ID[f"report/{key}"]


def graph_iri(key: str) -> URIRef:
    """The named graph of the report with this key."""
    return ID[f"graph/report/{key}"]


def org_iri(name: str) -> URIRef:
    return ID[f"org/{_hash16(name)}"]


def initiative_iri(name: str) -> URIRef:
    """``id:initiative/<first 16 hex of sha1(name)>``; equals ``kg.lexicon.concept_iri``."""
    return ID[f"initiative/{_hash16(name)}"]


def jurisdiction_iri(adcode: str) -> URIRef:
    return ID[f"jurisdiction/{adcode}"]


def evidence_iri(key: str, start: int, end: int) -> URIRef:
    return ID[f"evidence/{key}/{start}-{end}"]


def _canonical(name: str) -> str | None:
    """The lexicon's canonical name for ``name`` (None: not in the lexicon)."""
    try:
        from . import lexicon
    except ImportError:
        return _tsv_canonical(name)
    return lexicon.canonical(name)


def _tsv_canonical(name: str) -> str | None:  # used only while kg.lexicon does not exist
    from .resources import read_tsv

    for row in read_tsv("initiatives.tsv"):
        if name == row["name"] or name in [a for a in row.get("aliases", "").split("|") if a]:
            return row["name"]
    return None


# --------------------------------------------------------------------------- graphs


@dataclass
class ReportGraphs:
    """What :func:`build_graphs` makes of one extraction."""

    key: str
    graph: Graph  # the report's named graph
    divisions: Graph  # the jurisdictions it touches, for the divisions graph
    counts: dict[str, int] = field(default_factory=dict)  # facts written per category
    dropped: dict[str, int] = field(default_factory=dict)  # facts without valid evidence


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True, replace=True)
    return g


def _valid(fact: Fact, text: str) -> bool:
    s, e = fact.start, fact.end
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        return False
    span = text[s:e]
    return bool(span.strip()) and (not fact.evidence or fact.evidence == span)


def _decimal(value: float | int | str) -> Literal:
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        d = Decimal(0)
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return Literal(format(d, "f"), datatype=XSD.decimal)


class _Builder:
    def __init__(self, ex: Extraction, divisions: DivisionTable):
        meta = ex.report
        if not meta.adcode:
            raise GraphError("no jurisdiction found in the report")
        if meta.year is None:
            raise GraphError("no year found in the report")
        self.ex = ex
        self.meta = meta
        self.text = ex.doc.text
        self.divisions = divisions
        self.key = report_key(ex.doc.name)
        self.report = report_iri(self.key)
        self.place = jurisdiction_iri(meta.adcode)
        self.year = Literal(meta.year, datatype=XSD.integer)
        self.g = new_graph()
        self.touched: set[str] = {meta.adcode}
        self.counts: dict[str, int] = {}
        self.dropped: dict[str, int] = {}
        self.org_names: dict[str, URIRef] = {}  # name or mention -> org IRI

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def evidence(self, start: int, end: int) -> URIRef:
        ev = evidence_iri(self.key, start, end)
        quote_sel, pos = URIRef(f"{ev}#quote"), URIRef(f"{ev}#pos")
        self.add(ev, RDF.type, OA.SpecificResource)
        self.add(ev, OA.hasSource, self.report)
        self.add(ev, OA.hasSelector, quote_sel)
        self.add(ev, OA.hasSelector, pos)
        self.add(quote_sel, RDF.type, OA.TextQuoteSelector)
        self.add(quote_sel, OA.exact, Literal(self.text[start:end]))
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, Literal(start, datatype=XSD.integer))
        self.add(pos, OA.end, Literal(end, datatype=XSD.integer))
        return ev

    def fact(self, node: URIRef, cls: URIRef, fact: Fact) -> None:
        """The properties every fact has: type, evidence, jurisdiction, year, report."""
        self.add(node, RDF.type, cls)
        self.add(node, GK.evidence, self.evidence(fact.start, fact.end))
        self.add(node, GK.jurisdiction, self.place)
        self.add(node, GK.year, self.year)
        self.add(node, GK.report, self.report)
        self.add(node, PROV.wasDerivedFrom, self.report)

    def keep(self, category: str, facts: list) -> list:
        good = [f for f in facts if _valid(f, self.text)]
        if len(good) < len(facts):
            self.dropped[category] = len(facts) - len(good)
        return sorted(good, key=lambda f: (f.start, f.end, repr(f.to_json())))

    # ----------------------------------------------------------------- parts

    def build(self) -> None:
        self.report_node()
        self.organizations()
        self.publisher()
        self.count_organizations()
        self.adoptions()
        self.outcomes()
        self.honors()
        self.promotions()

    def report_node(self) -> None:
        m, doc, r = self.meta, self.ex.doc, self.report
        self.add(r, RDF.type, GK.Report)
        self.add(r, DCTERMS.title, Literal(m.title or doc.name, lang="zh"))
        self.add(r, DCTERMS.spatial, self.place)
        self.add(r, GK.year, self.year)
        if m.date:
            self.add(r, DCTERMS.issued, Literal(m.date, datatype=XSD.date))
        self.add(r, GK.fileName, Literal(doc.name))
        self.add(r, GK.sha256, Literal(doc.sha256))
        self.add(r, GK.charCount, Literal(len(doc.text), datatype=XSD.integer))

    def org_place(self, name: str) -> URIRef:
        """The jurisdiction an organization belongs to: the division its name starts with
        (chosen by the report's place when ambiguous), else the report's jurisdiction."""
        mentions = self.divisions.scan(name[:24])
        if mentions and mentions[0].start <= 2 and mentions[0].end < len(name):
            cands = mentions[0].candidates
            own = self.divisions.chain(self.meta.adcode)
            own_codes = {d.code for d in own}
            for d in cands:  # the report's place or one of its parents
                if d.code in own_codes:
                    return self._touch(d.code)
            for d in cands:  # a division inside the report's place
                if any(self.divisions.is_within(d, o) for o in own[:1]):
                    return self._touch(d.code)
            if len(cands) == 1:
                return self._touch(cands[0].code)
            if cands:
                best = self.divisions.disambiguate(cands, self.text[:2000])
                return self._touch(best[0].code)
        return self.place

    def _touch(self, code: str) -> URIRef:
        self.touched.add(code)
        return jurisdiction_iri(code)

    def org_node(self, name: str, otype: str, mentions: list[str], start: int, end: int) -> URIRef:
        node = org_iri(name)
        otype = otype if otype in ORG_TYPES else "Other"
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, RDF.type, GK[otype])
        self.add(node, SKOS.prefLabel, Literal(name, lang="zh"))
        for m in mentions:
            if m and m != name:
                self.add(node, SKOS.altLabel, Literal(m, lang="zh"))
        self.add(node, GK.orgType, Literal(otype))
        self.add(node, GK.jurisdiction, self.org_place(name))
        self.add(node, GK.evidence, self.evidence(start, end))
        self.add(node, PROV.wasDerivedFrom, self.report)
        self.add(self.report, GK.mentions, node)
        self.org_names.setdefault(name, node)
        for m in mentions:
            self.org_names.setdefault(m, node)
        return node

    def organizations(self) -> None:
        orgs = [o for o in self.keep("organizations", self.ex.organizations) if o.name.strip()]
        for o in orgs:
            self.org_node(o.name.strip(), o.type, [m.strip() for m in o.mentions], o.start, o.end)

    def publisher(self) -> None:
        name = (self.meta.publisher or "").strip()
        if not name:
            return
        node = self.org_names.get(name)
        if node is None:
            # not among the extracted organizations: described here, the title as evidence
            s, e = self.meta.start, self.meta.end
            if not (0 <= s < e <= len(self.text)):
                return
            otype = next((t for suffix, t in _PUBLISHER_TYPES if name.endswith(suffix)), "Other")
            node = self.org_node(name, otype, [], s, e)
        self.add(self.report, DCTERMS.publisher, node)

    def count_organizations(self) -> None:
        self.counts["organizations"] = len(set(self.g.objects(self.report, GK.mentions)))

    def concept(self, name: str, local: bool, broader: str | None) -> URIRef:
        canonical = None if local else _canonical(name)
        node = initiative_iri(canonical or name)
        if canonical is None:  # a local brand (or a name the lexicon lacks): described here
            self.add(node, RDF.type, GK.Initiative)
            if local:
                self.add(node, RDF.type, GK.LocalBrand)
            self.add(node, SKOS.prefLabel, Literal(name, lang="zh"))
            self.add(node, SKOS.inScheme, SCHEME)
            self.add(node, GK.origin, Literal("local"))
            if broader:
                b = _canonical(broader) or broader
                self.add(node, SKOS.broader, initiative_iri(b))
        return node

    def adoptions(self) -> None:
        # one adoption per jurisdiction + initiative + year: "implemented" wins over
        # "planned"; the evidence is the first mention with the winning status
        chosen: dict[URIRef, tuple] = {}
        for f in self.keep("initiatives", self.ex.initiatives):
            name = f.name.strip()
            if not name:
                continue
            concept = self.concept(name, f.local, f.broader)
            status = f.status if f.status in STATUSES else "implemented"
            rank = STATUSES.index(status)
            prev = chosen.get(concept)
            if prev is None or rank < prev[0]:
                chosen[concept] = (rank, status, name, f)
        code = self.meta.adcode
        for concept in sorted(chosen):
            _, status, name, f = chosen[concept]
            node = ID[f"adoption/{code}/{concept.rsplit('/', 1)[-1]}/{self.meta.year}"]
            self.fact(node, GK.Adoption, f)
            self.add(node, GK.initiative, concept)
            self.add(node, GK.status, Literal(status))
            self.add(node, GK.surfaceForm, Literal(name, lang="zh"))
        self.counts["adoptions"] = len(chosen)

    def subject(self, name: str) -> URIRef | None:
        """An organization or jurisdiction IRI for a name, when it resolves."""
        name = name.strip()
        if not name:
            return None
        if name in self.org_names:
            return self.org_names[name]
        div = self.divisions.get(self.meta.adcode)
        if div is not None and name in (div.name, div.full_name, self.meta.jurisdiction):
            return self.place
        return None

    def numbered(self, category: str, kind: str, cls: URIRef, facts: list) -> list[tuple[URIRef, Fact]]:
        """Facts with valid evidence, in text order, numbered from 1, with the common properties."""
        out = []
        for n, f in enumerate(self.keep(category, facts), start=1):
            node = ID[f"{kind}/{self.key}/{n}"]
            self.fact(node, cls, f)
            out.append((node, f))
        self.counts[category] = len(out)
        return out

    def outcomes(self) -> None:
        for node, f in self.numbered("outcomes", "outcome", GK.Outcome, self.ex.outcomes):
            self.add(node, GK.indicator, Literal(f.indicator, lang="zh"))
            self.add(node, GK.value, _decimal(f.value))
            self.add(node, GK.unit, Literal(f.unit or ""))
            self.add(node, GK.approx, Literal(bool(f.approx)))
            self.add(node, GK.isChange, Literal(bool(f.change)))
            if f.subject:
                self.add(node, GK.subjectName, Literal(f.subject, lang="zh"))
                subj = self.subject(f.subject)
                if subj is not None:
                    self.add(node, GK.subject, subj)

    def honors(self) -> None:
        for node, f in self.numbered("honors", "honor", GK.Honor, self.ex.honors):
            self.add(node, GK.recipientName, Literal(f.recipient, lang="zh"))
            self.add(node, GK.title, Literal(f.title, lang="zh"))
            rec = self.subject(f.recipient)
            if rec is not None:
                self.add(node, GK.recipient, rec)

    def promotions(self) -> None:
        for node, f in self.numbered("promotions", "promotion", GK.Promotion, self.ex.promotions):
            self.add(node, GK.practice, Literal(f.practice, lang="zh"))
            if f.scope in SCOPES:
                self.add(node, GK.scope, Literal(f.scope))
            concept = self.practice_concept(f.practice, f.start, f.end)
            if concept is not None:
                self.add(node, GK.initiative, concept)

    def practice_concept(self, practice: str, start: int, end: int) -> URIRef | None:
        canonical = _canonical(practice.strip())
        if canonical:
            return initiative_iri(canonical)
        # an initiative of this report named in the practice (longest name first)
        names = sorted(
            {i.name for i in self.ex.initiatives if i.name and i.name in practice}, key=lambda n: (-len(n), n)
        )
        for name in names:
            hit = next(i for i in self.ex.initiatives if i.name == name)
            return initiative_iri(name if hit.local else (_canonical(name) or name))
        return None

    def divisions_graph(self) -> Graph:
        return divisions_graph(self.touched, self.divisions, {self.meta.adcode: self.meta.jurisdiction})


def divisions_graph(
    codes: set[str], divisions: DivisionTable | None = None, names: dict[str, str] | None = None
) -> Graph:
    """The jurisdictions ``codes`` and all their parents: name, short name, code, level,
    parent and province. ``names`` gives a label for codes missing from the table."""
    divisions = divisions or table()
    g = new_graph()
    done: set[str] = set()
    for code in sorted(codes):
        chain = divisions.chain(code)
        if not chain:
            node = jurisdiction_iri(code)
            g.add((node, RDF.type, GK.Jurisdiction))
            g.add((node, GK.adcode, Literal(code)))
            label = (names or {}).get(code)
            if label:
                g.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
            continue
        province = chain[-1]
        for i, d in enumerate(chain):
            if d.code in done:
                continue
            done.add(d.code)
            node = jurisdiction_iri(d.code)
            g.add((node, RDF.type, GK.Jurisdiction))
            g.add((node, SKOS.prefLabel, Literal(d.full_name or d.name, lang="zh")))
            g.add((node, GK.shortName, Literal(d.name, lang="zh")))
            g.add((node, GK.adcode, Literal(d.code)))
            if d.level in LEVELS:
                g.add((node, GK.level, Literal(d.level)))
            if i + 1 < len(chain):
                g.add((node, GK.parent, jurisdiction_iri(chain[i + 1].code)))
                g.add((node, GK.province, jurisdiction_iri(province.code)))
    return g


def build_graphs(ex: Extraction, divisions: DivisionTable | None = None) -> ReportGraphs:
    """The report's named graph and its jurisdictions. Raises GraphError without a
    jurisdiction or year."""
    b = _Builder(ex, divisions or table())
    b.build()
    return ReportGraphs(key=b.key, graph=b.g, divisions=b.divisions_graph(), counts=b.counts, dropped=b.dropped)


def report_graph(ex: Extraction, divisions: DivisionTable | None = None) -> Graph:
    """The report's named graph alone (what ``govkg extract --format ttl`` prints)."""
    return build_graphs(ex, divisions).graph
