"""One document's way into the store: extract it, prepare it (clean, check, name its graph),
write its graph in one transaction, and report the outcome.

:mod:`ingest.pipeline` (reading paths and URLs, the serial run) and :mod:`ingest.parallel` (worker
processes and executors) both build on this module; it imports neither, so imports run one way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from rdflib import URIRef
from spacy.language import Language

from kg.errors import ExtractionError, IngestError, KGError, LoaderError
from kg.settings import Settings
from kg.store import KGStore
from kg.terms import content_hash, document_iri, graph_iri, is_safe_iri

from .extract import doc_to_extraction
from .loaders import clean_document, clean_text
from .normalise import normalise, normalise_inline
from .records import Document, Extraction
from .to_rdf import EXTRACTOR_VERSION, Quad, document_identity, document_quads, extraction_quads

__all__ = ["DocumentOutcome", "PreparedDocument", "document_outcome", "extract_document", "ingest_document",
           "prepare_document", "write_document"]


#: a literal the store must never hold: NUL, C0/C1 controls other than tab, newline and CR, DEL,
#: surrogates (every document goes through ``clean_document``; this checks the result)
_BAD_LITERAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


#: the chunk size when the caller gives none (``Settings.nlp_chunk_chars``'s default)
_CHUNK_CHARS: int = Settings.model_fields["nlp_chunk_chars"].default


@dataclass
class DocumentOutcome:
    """What happened to one document: added, replaced, unchanged or failed."""

    source: str
    status: str
    title: str = ""
    document: str = ""
    entities: int = 0
    relations: int = 0
    attributes: int = 0
    results: int = 0
    claims: int = 0
    quads: int = 0
    error: str = ""


def extract_document(document: Document, nlp: Language, *, chunk_chars: int | None = None) -> Extraction:
    """Run the pipeline on one document and return what it extracted (no store involved).

    The loader's text is normalised first (:func:`ingest.normalise.normalise`: Markdown and HTML
    syntax reduced to text, tables read as records); the extraction's document carries the
    normalised text, which its evidence offsets index. A text longer than ``chunk_chars``
    (default: ``Settings.nlp_chunk_chars``) is run in chunks (:func:`ingest.nlp.annotate`); a
    failure on any chunk fails the whole document.

    Raises:
        ExtractionError: the pipeline failed on this document.
    """
    from .nlp import annotate

    try:
        norm = normalise(document.text)
        doc = annotate(norm.text, nlp, chunk_chars=chunk_chars or _CHUNK_CHARS)
        return doc_to_extraction(doc, replace(document, text=norm.text), table_records=norm.tables,
                                 hints=norm.hints, code_blocks=norm.code)
    except KGError:
        raise
    except Exception as e:  # noqa: BLE001 - any pipeline failure rejects the whole document
        raise ExtractionError(f"{document.source}: extraction failed ({type(e).__name__}: {e})") from e


@dataclass(frozen=True)
class PreparedDocument:
    """A document cleaned and checked for ingestion, with its content hash and IRIs (no store
    involved: :func:`prepare_document` runs on parallel workers too)."""

    document: Document
    content_hash: str
    doc_iri: URIRef
    graph: URIRef


def prepare_document(document: Document, *, max_document_chars: int, base_iri: str) -> PreparedDocument:
    """Clean ``document`` (:func:`ingest.loaders.clean_document`: NFC, no control characters, no
    surrogates in any of its strings; Markdown or HTML syntax in its title reduced to text),
    refuse it when its text is longer than
    ``max_document_chars`` or its URL is not a safe http(s) IRI, and name it.

    Raises:
        LoaderError: the document is too long or its URL is not an http(s) IRI.
    """
    document = clean_document(document)
    if document.title and re.search(r"[*_`<>\[&\\]", document.title):
        document = replace(document, title=normalise_inline(document.title))
    if len(document.text) > max_document_chars:
        raise LoaderError(f"{document.source}: {len(document.text):,} characters is over the limit "
                          f"of {max_document_chars:,} (max_document_chars)")
    if document.url is not None and not (is_safe_iri(document.url)
                                         and document.url.startswith(("http://", "https://"))):
        raise LoaderError(f"{document.source}: the URL {document.url!r} is not an http(s) IRI")
    chash = content_hash(document.text)
    identity = document_identity(document, chash)
    return PreparedDocument(document, chash, document_iri(identity, base=base_iri),
                            graph_iri(identity, base=base_iri))


def ingest_document(document: Document, *, store: KGStore, nlp: Language, settings: Settings,
                    force: bool = False) -> DocumentOutcome:
    """Extract one document and replace its graph in the store (one transaction).

    The document is cleaned first (:func:`ingest.loaders.clean_document`: NFC, no control
    characters, no surrogates in any of its strings), and refused when its text is longer than
    ``max_document_chars`` or its URL is not a safe IRI.
    """
    prepared = prepare_document(document, max_document_chars=settings.max_document_chars,
                                base_iri=settings.base_iri)
    return write_document(prepared, store=store, settings=settings, force=force,
                          extract=lambda d: extract_document(d, nlp, chunk_chars=settings.nlp_chunk_chars))


def write_document(prepared: PreparedDocument, *, store: KGStore, settings: Settings, force: bool,
                   extract: Callable[[Document], Extraction]) -> DocumentOutcome:
    """The store half of :func:`ingest_document`: unless the store already holds this content
    from this extractor version (and not ``force``), ``extract`` the document and replace its
    graph, and the graphs of an earlier version of its source, in one transaction.

    ``extract`` is only called when the document is written (a parallel run passes the
    extraction its worker made).
    """
    document, chash, doc_iri, g = prepared.document, prepared.content_hash, prepared.doc_iri, prepared.graph
    existing = store.document_meta(doc_iri)
    if existing and existing["hash"] == chash and existing["version"] == EXTRACTOR_VERSION and not force:
        return DocumentOutcome(document.source, "unchanged", document.title, str(doc_iri))
    stale = [(r["doc"], r["graph"]) for r in store.document_by_source(document.source)
             if r["doc"] != str(doc_iri)] if not document.url else []
    ex = extract(document)
    quads = list(extraction_quads(ex, chash, base=settings.base_iri,
                                  labels=_known_labels(store, ex, g, settings.base_iri)))
    quads += list(document_quads(document, chash, ingested_at=datetime.now(UTC).replace(microsecond=0),
                                 base=settings.base_iri))
    _check_literals(document.source, quads)
    n = store.replace_document(doc_iri, g, quads,
                               drop=[(URIRef(d), URIRef(gr)) for d, gr in stale])
    return DocumentOutcome(
        document.source, "replaced" if existing or stale else "added", document.title,
        str(doc_iri), len(ex.entities), len(ex.relations), len(ex.attributes), len(ex.results),
        len(ex.claims), n)


def _check_literals(source: str, quads: list[Quad]) -> None:
    """Refuse to write a literal holding a NUL, a control character or a surrogate (see
    :data:`_BAD_LITERAL`); cleaning the document makes this unreachable, this makes it certain."""
    from rdflib import Literal

    for q in quads:
        if isinstance(q[2], Literal) and _BAD_LITERAL.search(str(q[2])):
            raise IngestError(f"{source}: a literal holds a control character or a surrogate "
                              f"({str(q[2])[:60]!r}); nothing was stored")


def _known_labels(store: KGStore, ex: Extraction, own_graph: URIRef, base: str) -> dict[URIRef, str]:
    """Labels other documents already gave this document's entities (one label per entity)."""
    from .to_rdf import entity_ref_iri

    iris = sorted({entity_ref_iri(e.ref, base=base) for e in ex.entities})
    found: dict[URIRef, str] = {}
    for i in range(0, len(iris), 200):
        values = " ".join(f"<{iri}>" for iri in iris[i:i + 200])
        for row in store.select(
                f"""SELECT ?e (MIN(?l) AS ?label) WHERE {{ VALUES ?e {{ {values} }}
                    GRAPH ?g {{ ?e rdfs:label ?l }} FILTER(?g != <{own_graph}>) }} GROUP BY ?e"""):
            found[URIRef(row["e"])] = str(row["label"])
    return found


def document_outcome(document: Document, ingest: Callable[[], DocumentOutcome]) -> DocumentOutcome:
    """``ingest()``'s outcome for ``document``, or a ``failed`` outcome naming the document when it
    raises a :class:`~kg.errors.KGError` (the rest of the batch goes on)."""
    try:
        return ingest()
    except KGError as e:
        source = clean_text(document.source)
        message = clean_text(e.message)
        # every per-document error names its document (a store error, say, does not)
        error = message if source in message else f"{source}: {message}"
        return DocumentOutcome(source, "failed", document.title, error=error)
