"""Ingestion: load -> spaCy pipeline -> extraction -> RDF -> one transaction per document.

Everything for a document is computed before the store is touched; the write is one atomic
replace of its graph and metadata. A document that fails anywhere is reported and leaves the
store as it was; the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import URIRef
from spacy.language import Language

from kg.errors import ExtractionError, KGError, LoaderError
from kg.settings import Settings
from kg.store import KGStore
from kg.terms import META_GRAPH, content_hash, document_iri, graph_iri

from .extract import doc_to_extraction
from .loaders import LoadLimits, discover_files, load_bytes, load_path, sniff_suffix
from .records import Document, Extraction
from .to_rdf import EXTRACTOR_VERSION, document_identity, document_quads, extraction_quads

__all__ = ["DocumentOutcome", "IngestReport", "extract_document", "ingest_bytes", "ingest_document",
           "run_ingest"]


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


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    outcomes: list[DocumentOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many documents ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    def total(self, attr: str) -> int:
        """Sum of one count (entities, relations, ...) over the documents written."""
        return sum(int(getattr(o, attr)) for o in self.outcomes if o.status in ("added", "replaced"))

    @property
    def failed(self) -> list[DocumentOutcome]:
        """The documents that could not be ingested."""
        return [o for o in self.outcomes if o.status == "failed"]


def extract_document(document: Document, nlp: Language) -> Extraction:
    """Run the pipeline on one document and return what it extracted (no store involved).

    Raises:
        ExtractionError: the pipeline failed on this document.
    """
    try:
        doc = nlp(document.text)
        return doc_to_extraction(doc, document)
    except KGError:
        raise
    except Exception as e:  # noqa: BLE001 - any pipeline failure rejects the whole document
        raise ExtractionError(f"{document.source}: extraction failed ({type(e).__name__}: {e})") from e


def ingest_document(document: Document, *, store: KGStore, nlp: Language, settings: Settings,
                    force: bool = False) -> DocumentOutcome:
    """Extract one document and replace its graph in the store (one transaction)."""
    if len(document.text) > settings.max_document_chars:
        raise LoaderError(f"{document.source}: {len(document.text)} characters is over the limit "
                          f"of {settings.max_document_chars}")
    chash = content_hash(document.text)
    identity = document_identity(document, chash)
    doc_iri = document_iri(identity, base=settings.base_iri)
    g = graph_iri(identity, base=settings.base_iri)
    existing = store.document_meta(doc_iri)
    if existing and existing["hash"] == chash and existing["version"] == EXTRACTOR_VERSION and not force:
        return DocumentOutcome(document.source, "unchanged", document.title, str(doc_iri))
    stale = [(r["doc"], r["graph"]) for r in store.document_by_source(document.source)
             if r["doc"] != str(doc_iri)] if not document.url else []
    ex = extract_document(document, nlp)
    quads = list(extraction_quads(ex, chash, base=settings.base_iri,
                                  labels=_known_labels(store, ex, g, settings.base_iri)))
    quads += list(document_quads(document, chash, ingested_at=datetime.now(UTC).replace(microsecond=0),
                                 base=settings.base_iri))
    n = store.replace_document(doc_iri, g, quads,
                               drop=[(URIRef(d), URIRef(gr)) for d, gr in stale])
    return DocumentOutcome(
        document.source, "replaced" if existing or stale else "added", document.title,
        str(doc_iri), len(ex.entities), len(ex.relations), len(ex.attributes), len(ex.results),
        len(ex.claims), n)


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


def run_ingest(paths: Sequence[Path | str], *, settings: Settings, store: KGStore,
               nlp: Language | None = None, force: bool = False,
               progress: Callable[[str], None] | None = None) -> IngestReport:
    """Ingest files and folders (``-`` reads standard input) into ``store``.

    Args:
        paths: files, folders (walked recursively) or ``-``.
        settings: limits and the base IRI.
        store: the open store to write to.
        nlp: a pipeline from :func:`ingest.nlp.make_nlp` (built when not given).
        force: re-extract documents even when unchanged.
        progress: called with each source name as it is processed.
    """
    from .nlp import make_nlp

    nlp = nlp or make_nlp(settings)
    report = IngestReport()
    limits = LoadLimits.from_settings(settings)
    files: list[Path | str] = []
    for p in paths:
        if str(p) == "-":
            files.append("-")
        else:
            path = Path(p)
            if not path.exists():
                report.outcomes.append(
                    DocumentOutcome(str(p), "failed", error=f"{p}: no such file or folder"))
                continue
            files.extend(discover_files([path]))
    for f in files:
        if progress is not None:
            progress(str(f))
        if f == "-":
            import sys

            data = sys.stdin.buffer.read(settings.max_file_bytes + 1)
            report.outcomes += ingest_bytes(data, "stdin", settings=settings, store=store, nlp=nlp,
                                            force=force).outcomes
            continue
        try:
            docs = load_path(Path(f), limits=limits)
        except KGError as e:
            report.outcomes.append(DocumentOutcome(str(f), "failed", error=e.message))
            continue
        outcomes = _ingest_all(docs, store=store, nlp=nlp, settings=settings, force=force)
        report.outcomes.extend(outcomes)
        if all(o.status != "failed" for o in outcomes):
            _drop_superseded(store, str(f), {o.document for o in outcomes})
    return report


def ingest_bytes(data: bytes, source: str, *, settings: Settings, store: KGStore,
                 nlp: Language | None = None, suffix: str | None = None,
                 force: bool = False) -> IngestReport:
    """Ingest content that is not a file on disk (standard input, an HTTP upload).

    Args:
        data: the raw bytes.
        source: the name recorded as the document's source (``stdin``, an upload's file name).
        settings: limits and the base IRI.
        store: the open store to write to.
        nlp: a pipeline from :func:`ingest.nlp.make_nlp` (built when not given).
        suffix: the loader to use (``.html``, ``.pdf``, ``.md``, ``.txt``); by default the
            suffix of ``source``, or sniffed from the content when ``source`` has none.
        force: re-extract documents even when unchanged.

    Returns:
        One outcome per document the content held; a refused input is one ``failed`` outcome
        and leaves the store as it was.
    """
    from .nlp import make_nlp

    report = IngestReport()
    try:
        if len(data) > settings.max_file_bytes:
            raise LoaderError(f"{source}: over the limit of {settings.max_file_bytes} bytes")
        key = suffix or Path(source).suffix or sniff_suffix(data)
        docs = load_bytes(data, source, suffix=key, limits=LoadLimits.from_settings(settings))
    except KGError as e:
        report.outcomes.append(DocumentOutcome(source, "failed", error=e.message))
        return report
    report.outcomes += _ingest_all(docs, store=store, nlp=nlp or make_nlp(settings), settings=settings,
                                   force=force)
    return report


def _ingest_all(docs: Sequence[Document], *, store: KGStore, nlp: Language, settings: Settings,
                force: bool) -> list[DocumentOutcome]:
    outcomes = []
    for d in docs:
        try:
            outcomes.append(ingest_document(d, store=store, nlp=nlp, settings=settings, force=force))
        except KGError as e:
            outcomes.append(DocumentOutcome(d.source, "failed", d.title, error=e.message))
    return outcomes


def _drop_superseded(store: KGStore, source: str, keep: set[str | None]) -> None:
    """Delete documents once read from ``source`` (or its parts ``source#N``) that it no longer yields.

    A file that was one document and is now a bundle of papers (or a bundle that lost a paper)
    would otherwise leave its old graphs behind.
    """
    from rdflib import Literal

    rows = store.select(f"""SELECT ?doc ?prefix ?whole WHERE {{ GRAPH <{META_GRAPH}> {{
        ?doc dcterms:source ?s }} FILTER(?s = ?whole || STRSTARTS(?s, ?prefix)) }}""",
                        prefix=Literal(source + "#"), whole=Literal(source))
    for r in rows:
        if r["doc"] not in keep:
            store.delete_document(URIRef(r["doc"]))
