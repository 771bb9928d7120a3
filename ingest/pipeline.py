"""Ingestion: load -> spaCy pipeline -> extraction -> RDF -> one transaction per document.

Everything for a document is computed before the store is touched; the write is one atomic
replace of its graph and metadata. A document that fails anywhere is reported and leaves the
store as it was; the rest of the batch goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from rdflib import URIRef
from spacy.language import Language

from kg.errors import ExecutorError, ExtractionError, IngestError, KGError, LoaderError
from kg.settings import Settings
from kg.store import KGStore
from kg.terms import META_GRAPH, content_hash, document_iri, graph_iri, is_safe_iri

from .extract import doc_to_extraction
from .fetch import Resolver, fetch_url, is_url, loader_suffix
from .loaders import (
    LoadLimits,
    clean_document,
    clean_text,
    discover_files,
    load_bytes,
    load_path,
    sniff_suffix,
    source_name,
)
from .normalise import normalise, normalise_inline
from .records import Document, Extraction, NormalisedText
from .to_rdf import EXTRACTOR_VERSION, Quad, document_identity, document_quads, extraction_quads

__all__ = ["DocumentOutcome", "IngestReport", "PreparedDocument", "ReadDocument", "document_outcome",
           "extract_document", "ingest_bytes", "ingest_document", "ingest_url", "prepare_document",
           "read_documents", "run_ingest", "write_document"]

#: a literal the store must never hold: NUL, C0/C1 controls other than tab, newline and CR, DEL,
#: surrogates (every document goes through ``clean_document``; this checks the result)
_BAD_LITERAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: the chunk size when the caller gives none (``Settings.nlp_chunk_chars``'s default)
_CHUNK_CHARS: int = Settings.model_fields["nlp_chunk_chars"].default
#: a long run flushes the store after writing this many quads: Oxigraph keeps unflushed writes
#: in memory (RocksDB memtables, about 0.7 KB a quad), so without it memory grows with the run
_FLUSH_QUADS = 200_000


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


@dataclass(frozen=True)
class ReadDocument:
    """What the pipeline reads from one document: the document as loaded and cleaned (its text is
    the loader's) and its normalised text, with the tables and link hints normalisation found."""

    document: Document
    normalised: NormalisedText


def read_documents(paths: Sequence[Path | str], *, settings: Settings,
                   resolver: Resolver | None = None) -> list[ReadDocument]:
    """Load and normalise documents the way :func:`run_ingest` does, without extracting or
    writing anything (``llmkg read``).

    Files and folders go through the same loaders (HTML and PDF parsed in the sandboxed child
    process, with the same limits), ``-`` reads standard input, an http(s) URL is fetched by
    :func:`ingest.fetch.fetch_url`; every document is cleaned and checked by
    :func:`prepare_document` and normalised by :func:`ingest.normalise.normalise`.

    Raises:
        KGError: a path that does not exist, a file a loader refuses, a refused fetch.
    """
    limits = LoadLimits.from_settings(settings)
    docs: list[Document] = []
    for p in paths:
        if str(p) == "-":
            import sys

            data = sys.stdin.buffer.read(settings.max_file_bytes + 1)
            if len(data) > settings.max_file_bytes:
                raise LoaderError(f"stdin: over the limit of {settings.max_file_bytes:,} bytes "
                                  "(max_file_bytes)")
            docs += load_bytes(data, "stdin", suffix=sniff_suffix(data), limits=limits)
        elif is_url(p):
            data, media_type, final_url = fetch_url(str(p).strip(), settings, resolver=resolver)
            suffix = loader_suffix(media_type, final_url) or sniff_suffix(data)
            docs += load_bytes(data, clean_text(str(p).strip()), suffix=suffix, limits=limits)
        else:
            path = Path(p)
            if not path.exists():
                raise LoaderError(f"{source_name(path)}: no such file or folder")
            for f in discover_files([path]):
                docs += load_path(f, limits=limits)
    out = []
    for d in docs:
        prepared = prepare_document(d, max_document_chars=settings.max_document_chars,
                                    base_iri=settings.base_iri)
        out.append(ReadDocument(prepared.document, normalise(prepared.document.text)))
    return out


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


def run_ingest(paths: Sequence[Path | str], *, settings: Settings, store: KGStore,
               nlp: Language | None = None, force: bool = False,
               progress: Callable[[str], None] | None = None, workers: int | None = None,
               executor: str | None = None) -> IngestReport:
    """Ingest files and folders (``-`` reads standard input) into ``store``.

    Args:
        paths: files, folders (walked recursively), ``-``, or http(s) URLs (strings; fetched
            by :func:`ingest_url`).
        settings: limits and the base IRI.
        store: the open store to write to.
        nlp: a pipeline from :func:`ingest.nlp.make_nlp` (built when not given).
        force: re-extract documents even when unchanged.
        progress: called with each source name as it is processed.
        workers: extract files in this many local worker processes (0: one per core; default
            ``settings.ingest_workers``); 1 runs everything in this process.
        executor: ``dask://HOST:PORT`` or ``dask://local?workers=N``: extract files on a Dask
            cluster instead (default ``settings.ingest_executor``). Either way the documents are
            written here, in input order, as a serial run writes them (:mod:`ingest.parallel`).

    Raises:
        ExecutorError: the Dask cluster cannot be reached or used.
    """
    from .nlp import make_nlp
    from .parallel import file_outcomes, known_hashes, open_executor

    report = IngestReport()
    limits = LoadLimits.from_settings(settings)
    files: list[Path | str] = []
    for p in paths:
        if str(p) == "-" or is_url(p):
            files.append(str(p))
        else:
            path = Path(p)
            if not path.exists():
                report.outcomes.append(DocumentOutcome(
                    source_name(p), "failed", error=f"{source_name(p)}: no such file or folder"))
                continue
            files.extend(discover_files([path]))
    local = [f for f in files if isinstance(f, Path)]
    pool = open_executor(settings, workers=workers, executor=executor, force=force, n_files=len(local))
    pipeline: list[Language] = [nlp] if nlp is not None else []

    def get_nlp() -> Language:  # built on first use: a parallel run may never need it here
        if not pipeline:
            pipeline.append(make_nlp(settings))
        return pipeline[0]

    unflushed = 0
    #: documents by the file they came from, read once: finding a file's earlier documents by
    #: scanning every source per file grew with the store (2.7 ms a file at 2,000 documents)
    by_file = _documents_by_file(store) if len(local) > 1 else None
    try:
        prepared = pool.prepare(local, {} if force else known_hashes(store)) if pool else None
        for f in files:
            if progress is not None:
                progress(str(f))
            if f == "-":
                import sys

                data = sys.stdin.buffer.read(settings.max_file_bytes + 1)
                report.outcomes += ingest_bytes(data, "stdin", settings=settings, store=store,
                                                nlp=get_nlp(), force=force).outcomes
                continue
            if isinstance(f, str):
                report.outcomes += ingest_url(f, settings=settings, store=store, nlp=get_nlp(),
                                              force=force).outcomes
                continue
            source = source_name(f)
            try:  # a KGError here: the file could not be read or loaded
                outcomes = (file_outcomes(next(prepared), store=store, settings=settings, force=force,
                                          nlp=get_nlp) if prepared is not None else
                            _ingest_all(load_path(Path(f), limits=limits), store=store, nlp=get_nlp(),
                                        settings=settings, force=force))
            except ExecutorError:
                raise
            except KGError as e:
                report.outcomes.append(DocumentOutcome(source, "failed", error=clean_text(e.message)))
                continue
            report.outcomes.extend(outcomes)
            if all(o.status != "failed" for o in outcomes):
                _drop_superseded(store, source, {o.document for o in outcomes}, by_file=by_file)
            unflushed += sum(o.quads for o in outcomes)
            if unflushed >= _FLUSH_QUADS and hasattr(store, "flush"):
                store.flush()
                unflushed = 0
    finally:
        if pool is not None:
            pool.close()
    return report


def ingest_url(url: str, *, settings: Settings, store: KGStore, nlp: Language | None = None,
               force: bool = False, resolver: Resolver | None = None) -> IngestReport:
    """Fetch an http(s) URL (:func:`ingest.fetch.fetch_url`: public addresses only, redirects
    checked, size and time capped) and ingest what it holds.

    The loader is chosen by the response's media type (HTML, PDF, Markdown, plain text). The
    document's source is ``url``; a single document without a canonical URL of its own gets the
    final URL (after redirects) as its URL, so fetching it again replaces it.

    Args:
        url: the URL to fetch.
        settings: ``fetch_*`` settings, limits and the base IRI.
        store: the open store to write to.
        nlp: a pipeline from :func:`ingest.nlp.make_nlp` (built when not given).
        force: re-extract documents even when unchanged.
        resolver: host name resolution (default: the system's); for tests.

    Returns:
        One outcome per document; a refused or failed fetch is one ``failed`` outcome.
    """
    from .nlp import make_nlp

    source = clean_text(url.strip())
    report = IngestReport()
    try:
        data, media_type, final_url = fetch_url(url.strip(), settings, resolver=resolver)
        suffix = loader_suffix(media_type, final_url) or sniff_suffix(data)
        docs = load_bytes(data, source, suffix=suffix, limits=LoadLimits.from_settings(settings))
    except KGError as e:
        report.outcomes.append(DocumentOutcome(source, "failed", error=clean_text(e.message)))
        return report
    if len(docs) == 1 and docs[0].url is None and is_safe_iri(final_url):
        docs = [replace(docs[0], url=final_url)]
    outcomes = _ingest_all(docs, store=store, nlp=nlp or make_nlp(settings), settings=settings,
                           force=force)
    report.outcomes += outcomes
    if all(o.status != "failed" for o in outcomes):
        _drop_superseded(store, source, {o.document for o in outcomes})
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
            raise LoaderError(f"{source}: {len(data):,} bytes is over the limit of "
                              f"{settings.max_file_bytes:,} bytes (max_file_bytes)")
        key = suffix or Path(source).suffix or sniff_suffix(data)
        docs = load_bytes(data, source, suffix=key, limits=LoadLimits.from_settings(settings))
    except KGError as e:
        report.outcomes.append(DocumentOutcome(clean_text(source), "failed", error=clean_text(e.message)))
        return report
    report.outcomes += _ingest_all(docs, store=store, nlp=nlp or make_nlp(settings), settings=settings,
                                   force=force)
    return report


def _ingest_all(docs: Sequence[Document], *, store: KGStore, nlp: Language, settings: Settings,
                force: bool) -> list[DocumentOutcome]:
    return [document_outcome(d, lambda d=d: ingest_document(d, store=store, nlp=nlp, settings=settings,
                                                             force=force))
            for d in docs]


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


def _file_of(source: str) -> str:
    """The file a document source names: ``paper.txt#2`` (a part of a bundle) -> ``paper.txt``."""
    head, sep, tail = source.rpartition("#")
    return head if sep and tail.isdigit() else source


def _documents_by_file(store: KGStore) -> dict[str, set[str]]:
    """Every document in the store by the file (source) it was read from, in one query."""
    out: dict[str, set[str]] = {}
    for r in store.select(f"SELECT ?doc ?s WHERE {{ GRAPH <{META_GRAPH}> {{ ?doc dcterms:source ?s }} }}"):
        out.setdefault(_file_of(str(r["s"])), set()).add(r["doc"])
    return out


def _drop_superseded(store: KGStore, source: str, keep: set[str | None], *,
                     by_file: dict[str, set[str]] | None = None) -> None:
    """Delete documents once read from ``source`` (or its parts ``source#N``) that it no longer yields.

    A file that was one document and is now a bundle of papers (or a bundle that lost a paper)
    would otherwise leave its old graphs behind. ``by_file`` (from :func:`_documents_by_file`,
    kept current here) answers which documents those are without a scan of every source; this
    process is the store's only writer while it runs.
    """
    from rdflib import Literal

    if by_file is not None:
        earlier = by_file.pop(source, set())  # the file's documents and its parts' (source#N)
        for doc in sorted(earlier - keep):
            store.delete_document(URIRef(doc))
        by_file[source] = {d for d in keep if d}
        return
    rows = store.select(f"""SELECT ?doc ?prefix ?whole WHERE {{ GRAPH <{META_GRAPH}> {{
        ?doc dcterms:source ?s }} FILTER(?s = ?whole || STRSTARTS(?s, ?prefix)) }}""",
                        prefix=Literal(source + "#"), whole=Literal(source))
    for r in rows:
        if r["doc"] not in keep:
            store.delete_document(URIRef(r["doc"]))
