"""govkg: a knowledge graph of Chinese local rule-of-law government reports.

The pipeline, one module per step::

    ingest      kg.ingest        files -> Document (encoding detected, HTML stripped, offsets kept)
    context     kg.metadata      title, jurisdiction (GB/T 2260 via kg.divisions), year, publisher
                kg.segment       sections (achievements / problems / plan) and sentences
    extract     kg.extractors    organizations, initiatives, outcomes, honors, promotions
                                 -> kg.model.Extraction (the gold schema's shape + offsets)
    graph       kg.graph         Extraction -> RDF named graph (W3C ORG, SKOS, PROV-O, DCTERMS,
                                 Web Annotation evidence), vocabulary in ontology/govkg.ttl
    store       kg.store         embedded pyoxigraph store, one named graph per report
    use         kg.queries       named SPARQL queries (queries/*.rq), kg.server (endpoint)
                kg.diffusion     adoptions, first reporters, spread, networks, panels
                kg.viewer        self-contained pyvis HTML viewer
    check       kg.evaluate      precision/recall/F1 against gold files

Typical use from Python::

    from kg.ingest import load
    from kg.extractors import extract
    ex = extract(load("seeds/000_2515ae68359f4538.txt"))
    ex.to_json()["outcomes"][:3]
"""

__version__ = "0.1.0"
