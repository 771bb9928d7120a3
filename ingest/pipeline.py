"""Ingestion: load -> spaCy pipeline -> extraction -> RDF -> one transaction per document.

Everything for a document is computed before the store is touched; the write is one atomic
replace of its graph and metadata. A document that fails anywhere is reported and leaves the
store as it was; the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import URIRef
from spacy.language import Language

from kg.errors import ExecutorError, KGError, LoaderError
from kg.settings import Settings
from kg.store import KGStore
from kg.terms import META_GRAPH, is_safe_iri

from .document import (
    DocumentOutcome,
    PreparedDocument,
    document_outcome,
    extract_document,
    ingest_document,
    prepare_document,
    write_document,
)
from .fetch import Resolver, fetch_url, is_url, loader_suffix
from .loaders import (
    LoadLimits,
    clean_text,
    discover_files,
    load_bytes,
    load_path,
    sniff_suffix,
    source_name,
)
from .normalise import normalise
from .parallel import file_outcomes, known_hashes, open_executor
from .records import Document, NormalisedText

__all__ = ["DocumentOutcome", "IngestReport", "PreparedDocument", "ReadDocument", "document_outcome",
           "extract_document", "ingest_bytes", "ingest_document", "ingest_url", "prepare_document",
           "read_documents", "run_ingest", "write_document"]

#: a long run flushes the store after writing this many quads: Oxigraph keeps unflushed writes
#: in memory (RocksDB memtables, about 0.7 KB a quad), so without it memory grows with the run
_FLUSH_QUADS = 200_000


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
