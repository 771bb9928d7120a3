"""Records -> RDF (pure functions: no I/O, no store).

Every fact goes into the document's named graph with an evidence node: a W3C Web Annotation
(``oa:hasSource`` the document, a ``oa:TextPositionSelector`` and a ``oa:TextQuoteSelector``) that
also names the triple it supports (``rdf:subject``/``rdf:predicate``/``rdf:object``). Results and
claims are n-ary nodes that point at their evidence with ``lk:evidence``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.terms import BASE, DERIVED_WITH_SUPER, META_GRAPH, document_iri, entity_iri, graph_iri, hashed_iri
from kg.vocab import DCTERMS, LK, OA, PROV, RDF, RDFS, SKOS, XSD

from .records import Claim, Document, EntityRef, Evidence, Extraction

__all__ = [
    "EXTRACTOR_VERSION",
    "Quad",
    "document_identity",
    "document_quads",
    "entity_ref_iri",
    "extraction_quads",
]

#: changes whenever extraction output can change: re-ingesting replaces graphs of older versions
EXTRACTOR_VERSION = "llmkg-rules/0.9.0"

Quad = tuple[Node, Node, Node, URIRef]


def document_identity(doc: Document, content_hash: str) -> str:
    """The identity of a document: its canonical URL when it has one, else its content hash."""
    return doc.url or content_hash


TRUE = Literal(True)


def entity_ref_iri(ref: EntityRef, *, base: str = BASE) -> URIRef:
    """The IRI of an entity reference."""
    return entity_iri(ref.type, ref.label, base=base)


def _dec(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 6))).normalize() if value != int(value)
                   else Decimal(int(value)), datatype=XSD.decimal)


def _evidence(ev: Evidence, doc_iri: URIRef, g: URIRef, text: str, key: tuple[object, ...],
              base: str) -> tuple[URIRef, list[Quad]]:
    node = hashed_iri("evidence", str(doc_iri), ev.start, ev.end, ev.rule, *key, base=base)
    pos = URIRef(str(node) + "/position")
    quote = URIRef(str(node) + "/quote")
    quads: list[Quad] = [
        (node, RDF.type, LK.Evidence, g),
        (node, OA.hasSource, doc_iri, g),
        (node, OA.hasSelector, pos, g),
        (node, OA.hasSelector, quote, g),
        (pos, RDF.type, OA.TextPositionSelector, g),
        (pos, OA.start, Literal(ev.start, datatype=XSD.nonNegativeInteger), g),
        (pos, OA.end, Literal(ev.end, datatype=XSD.nonNegativeInteger), g),
        (quote, RDF.type, OA.TextQuoteSelector, g),
        (quote, OA.exact, Literal(ev.quote), g),
        (quote, OA.prefix, Literal(text[max(0, ev.start - 32):ev.start]), g),
        (quote, OA.suffix, Literal(text[ev.end:ev.end + 32]), g),
        (node, LK.confidence, _dec(ev.confidence), g),
    ]
    if ev.rule:
        quads.append((node, LK.extractionRule, Literal(ev.rule), g))
    return node, quads


def _statement(ev: Evidence, s: URIRef, p: URIRef, o: Node, doc_iri: URIRef, g: URIRef,
               text: str, base: str) -> list[Quad]:
    node, quads = _evidence(ev, doc_iri, g, text, (str(s), str(p), str(o)), base)
    quads += [(node, RDF.subject, s, g), (node, RDF.predicate, p, g), (node, RDF.object, o, g)]
    return quads


def extraction_quads(ex: Extraction, content_hash: str, *, base: str = BASE,
                     labels: dict[URIRef, str] | None = None) -> Iterator[Quad]:
    """Yield the quads of one document's graph.

    Args:
        ex: what was extracted from the document.
        content_hash: ``sha256:...`` of the document text (its identity when it has no URL).
        base: the base IRI.
        labels: canonical labels already in the store, by entity IRI: an entity keeps the
            label it has ("Claude 2.1"), and this document's spelling ("Claude-2.1") becomes
            an ``skos:altLabel``, so the union has one ``rdfs:label`` per entity.
    """
    known = labels or {}
    identity = document_identity(ex.document, content_hash)
    doc_iri = document_iri(identity, base=base)
    g = graph_iri(identity, base=base)
    text = ex.document.text

    def iri(ref: EntityRef) -> URIRef:
        return entity_ref_iri(ref, base=base)

    for ent in ex.entities:
        e = iri(ent.ref)
        label = known.get(e, ent.label)
        yield (e, RDFS.label, Literal(label), g)
        for t in sorted(ent.types):
            yield (e, RDF.type, LK[t], g)
        for alt in sorted(ent.alt_labels | ({ent.label} - {label})):
            yield (e, SKOS.altLabel, Literal(alt), g)
        for ev in ent.evidence[:3]:
            yield from _statement(ev, e, RDF.type, LK[ent.ref.type], doc_iri, g, text, base)
    for rel in ex.relations:
        s, p, o = iri(rel.subject), LK[rel.predicate], iri(rel.object)
        yield (s, p, o, g)
        yield from _statement(rel.evidence, s, p, o, doc_iri, g, text, base)
        if rel.predicate in DERIVED_WITH_SUPER:  # a weight derivative is derivedFrom its source too
            yield (s, LK.derivedFrom, o, g)
            yield from _statement(rel.evidence, s, LK.derivedFrom, o, doc_iri, g, text, base)
    for att in ex.attributes:
        s, p = iri(att.subject), LK[att.property]
        lit = Literal(att.value, datatype=XSD.integer)
        yield (s, p, lit, g)
        yield from _statement(att.evidence, s, p, lit, doc_iri, g, text, base)
    for res in ex.results:
        m, b = iri(res.model), iri(res.benchmark)
        node = hashed_iri("result", str(m), str(b), res.score, res.metric or "", base=base)
        yield (node, RDF.type, LK.BenchmarkResult, g)
        yield (node, LK.evaluatedModel, m, g)
        yield (node, LK.onBenchmark, b, g)
        yield (node, LK.score, _dec(res.score), g)
        if res.metric:
            yield (node, LK.metric, Literal(res.metric), g)
        if res.reported_by is not None:
            yield (node, LK.reportedBy, iri(res.reported_by), g)
        ev_node, quads = _evidence(res.evidence, doc_iri, g, text, (str(node),), base)
        yield (node, LK.evidence, ev_node, g)
        yield from quads
    for rel in ex.releases:
        s = iri(rel.subject)
        yield (s, LK.released, TRUE, g)
        yield from _statement(rel.evidence, s, LK.released, TRUE, doc_iri, g, text, base)
    for claim in ex.claims:
        yield from _claim_quads(claim, identity, doc_iri, g, text, base)


def _claim_quads(claim: Claim, identity: str, doc_iri: URIRef, g: URIRef, text: str,
                 base: str) -> Iterator[Quad]:
    claimant = entity_ref_iri(claim.claimant, base=base)
    node = hashed_iri("claim", identity, str(claimant), claim.stance, claim.evidence.start,
                      base=base)
    yield (node, RDF.type, LK.Claim, g)
    yield (node, LK.claimant, claimant, g)
    yield (node, LK.stance, LK[claim.stance], g)
    yield (node, LK.claimText, Literal(claim.content), g)
    yield (node, LK.confidence, _dec(claim.evidence.confidence), g)
    for about in claim.about:
        yield (node, LK.about, entity_ref_iri(about, base=base), g)
    if claim.proposition is not None:
        s, p, o = claim.proposition
        obj: Node = TRUE if o is True else entity_ref_iri(o, base=base) if isinstance(o, EntityRef) \
            else Literal(o)
        prop = hashed_iri("proposition", str(entity_ref_iri(s, base=base)), p, obj.n3(), base=base)
        yield (prop, RDF.type, LK.Proposition, g)
        yield (prop, RDF.subject, entity_ref_iri(s, base=base), g)
        yield (prop, RDF.predicate, LK[p], g)
        yield (prop, RDF.object, obj, g)
        yield (node, LK.proposition, prop, g)
    elif claim.topic:
        prop = hashed_iri("proposition", identity, claim.topic, base=base)
        yield (prop, RDF.type, LK.Proposition, g)
        yield (prop, RDFS.comment, Literal(claim.topic), g)
        for about in claim.about:
            yield (prop, DCTERMS.subject, entity_ref_iri(about, base=base), g)
        yield (node, LK.proposition, prop, g)
    ev_node, quads = _evidence(claim.evidence, doc_iri, g, text, (str(node),), base)
    yield (node, LK.evidence, ev_node, g)
    yield from quads


def document_quads(doc: Document, content_hash: str, *, ingested_at: datetime,
                   base: str = BASE) -> Iterator[Quad]:
    """Yield the metadata-graph quads of a document (PROV-O provenance)."""
    identity = document_identity(doc, content_hash)
    d = document_iri(identity, base=base)
    g = graph_iri(identity, base=base)
    activity = URIRef(str(d) + "/ingestion")
    m = META_GRAPH
    yield (d, RDF.type, LK.Document, m)
    if doc.doc_type != "Document":
        yield (d, RDF.type, LK[doc.doc_type], m)
    if doc.title:
        yield (d, DCTERMS.title, Literal(doc.title), m)
    yield (d, DCTERMS.source, Literal(doc.source), m)
    if doc.url:
        yield (d, PROV.hadPrimarySource, URIRef(doc.url), m)
    if doc.date is not None:
        yield (d, DCTERMS.date, Literal(doc.date, datatype=XSD.date), m)
    yield (d, DCTERMS["format"], Literal(doc.media_type), m)
    yield (d, LK.contentHash, Literal(content_hash), m)
    yield (d, LK.extractorVersion, Literal(EXTRACTOR_VERSION), m)
    yield (d, LK.documentGraph, g, m)
    yield (d, PROV.wasGeneratedBy, activity, m)
    yield (activity, RDF.type, PROV.Activity, m)
    yield (activity, PROV.endedAtTime, Literal(ingested_at, datatype=XSD.dateTime), m)
    yield (activity, PROV.wasAssociatedWith, URIRef(base + "agent/" + EXTRACTOR_VERSION.replace("/", "-")), m)
    yield (d, PROV.generatedAtTime, Literal(ingested_at, datatype=XSD.dateTime), m)
