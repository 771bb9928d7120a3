"""Parallel ingestion: the store-free half of ingestion on worker processes, local or on Dask.

Reading a document and extracting from it is a pure function of the file's bytes; only the
write needs the store. :func:`ingest.pipeline.run_ingest` with ``workers`` > 1 or an
``executor`` therefore splits the work:

- **the driver** (the process holding the store) walks the inputs in order, reads each file's
  bytes (:func:`ingest.loaders.read_file`: the same checks and the same ``max_file_bytes`` cap
  as a serial run), groups files into coarse batches (:func:`batch_size`) and submits them,
  keeping at most two batches per worker slot in flight;
- **a worker** (:func:`prepare_batch`) loads, cleans, checks and hashes every document of the
  batch (:func:`ingest.pipeline.prepare_document`) and runs the spaCy pipeline and the extraction
  (:func:`ingest.pipeline.extract_document`) on it, unless the store already held that content
  from this extractor version when the run started (the driver sends each batch the content
  hashes it found for the batch's sources, fetched with one query). The pipeline is built once per
  worker process (per thread), not per batch. The answer is typed records: the prepared document,
  its :class:`~ingest.records.Extraction`, or the error that failed it;
- **the driver again** takes the answers in input order, as they arrive, and writes each document
  with the serial code (:func:`ingest.pipeline.write_document`: the unchanged check against the
  store, the labels other documents gave its entities, the quads, one atomic replace, then the
  superseded documents of its file dropped). The store therefore ends exactly as after a serial
  run, and memory stays flat: no more than the batches in flight are ever held.

The driver ships bytes rather than paths: Dask workers on other machines need not see the
driver's file system (no shared mount, no path translation, no file changed between the check
and the read), and a file is read once, under the driver's limits. URLs and standard input are
read and extracted in the driver, in their place in the input order, as in a serial run.

Why Dask (``dask.distributed``) rather than Ray: it is pure-Python wheels from PyPI, a scheduler
is an address (``tcp://host:8786``) started with ``dask scheduler`` / ``dask worker``, and
``LocalCluster`` gives tests and single machines a real cluster in a few seconds; Ray's wheels are
large and it runs its own object store and raylet processes, heavy for the small machines this
runs on. Nothing here needs Ray's actors or object store: a batch is a pure function call.

A worker process that dies (killed, out of memory) fails the documents of its batch with a clear
error instead of hanging the run: the batches it may have taken down are run again one at a time,
and then file by file, so that only the file that kills its worker fails.
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qs, urlsplit

from kg.errors import ExecutorError, IngestError, InvalidInputError, KGError
from kg.terms import META_GRAPH

from .document import (
    DocumentOutcome,
    PreparedDocument,
    document_outcome,
    extract_document,
    prepare_document,
    write_document,
)
from .loaders import LoadLimits, load_bytes, read_file, source_name
from .records import Document, Extraction
from .to_rdf import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.settings import Settings
    from kg.store import KGStore


__all__ = ["BatchResult", "DocResult", "FileResult", "FileTask", "WorkerConfig", "batch_size",
           "known_hashes", "open_executor", "prepare_batch", "worker_version"]

#: most files, and most bytes, one batch holds (a batch of small documents is ~0.5 s of work)
MAX_BATCH_FILES = 32
MAX_BATCH_BYTES = 4_000_000
#: batches in flight per worker slot: one running, one waiting (so a worker never idles)
IN_FLIGHT_PER_SLOT = 2
#: seconds to reach a Dask scheduler (and for it to have a worker), unless ``?timeout=`` says
DASK_CONNECT_TIMEOUT_S = 10.0
#: seconds a Dask cluster may have no worker at all before the run gives up
DASK_NO_WORKER_S = 60.0


# --------------------------------------------------------------------------- what travels


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs of the settings (never the whole settings: no token travels)."""

    limits: LoadLimits
    max_document_chars: int
    base_iri: str
    chunk_chars: int
    force: bool
    #: the syntax stage's parser (``Settings.parser_path``: unset, a directory, or ``off``)
    parser_path: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, force: bool) -> WorkerConfig:
        """The worker's share of ``settings``."""
        return cls(LoadLimits.from_settings(settings), settings.max_document_chars, settings.base_iri,
                   settings.nlp_chunk_chars, force, settings.parser_path)


@dataclass(frozen=True)
class FileTask:
    """One file of a batch: its bytes as the driver read them, or why they could not be read."""

    source: str
    suffix: str
    data: bytes | None = None
    error: KGError | None = None
    #: document IRI -> content hash, for the documents of this source the store held (current
    #: extractor version) when the run started: their extraction is skipped when unchanged
    known: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DocResult:
    """One document as a worker leaves it: prepared and extracted, prepared and left to the
    driver (unchanged content), or failed (``error``; ``prepared`` is None when preparing failed)."""

    document: Document
    prepared: PreparedDocument | None = None
    extraction: Extraction | None = None
    error: KGError | None = None


@dataclass(frozen=True)
class FileResult:
    """One file as a worker leaves it: its documents, or why it could not be loaded."""

    source: str
    documents: tuple[DocResult, ...] = ()
    error: KGError | None = None


@dataclass(frozen=True)
class BatchResult:
    """A batch's files, in order, and the extractor version of the worker that made them."""

    version: str
    files: tuple[FileResult, ...]


# --------------------------------------------------------------------------- the worker side

_local = threading.local()


def _nlp(parser_path: str | None = None) -> Language:
    """This worker's pipeline, built on its first document (one per thread: a Dask worker may
    run several tasks at once)."""
    nlp = getattr(_local, "nlp", None)
    if nlp is None:
        from kg.settings import Settings

        from .nlp import make_nlp

        nlp = _local.nlp = make_nlp(Settings(parser_path=parser_path))
    return nlp


def worker_version() -> str:
    """The extractor version of the llmkg a worker runs (checked against the driver's)."""
    return EXTRACTOR_VERSION


def prepare_batch(batch: list[FileTask], config: WorkerConfig) -> BatchResult:
    """Load, prepare and extract every document of ``batch`` (runs on a worker; no store)."""
    return BatchResult(EXTRACTOR_VERSION, tuple(_prepare_file(task, config) for task in batch))


def _prepare_file(task: FileTask, config: WorkerConfig) -> FileResult:
    if task.error is not None or task.data is None:
        return FileResult(task.source, error=task.error or IngestError(f"{task.source}: not read"))
    try:
        docs = load_bytes(task.data, task.source, suffix=task.suffix, limits=config.limits)
    except KGError as e:
        return FileResult(task.source, error=e)
    return FileResult(task.source, tuple(_prepare_document(d, task.known, config) for d in docs))


def _prepare_document(document: Document, known: dict[str, str], config: WorkerConfig) -> DocResult:

    try:
        prepared = prepare_document(document, max_document_chars=config.max_document_chars,
                                    base_iri=config.base_iri)
    except KGError as e:
        return DocResult(document, error=e)
    if not config.force and known.get(str(prepared.doc_iri)) == prepared.content_hash:
        return DocResult(prepared.document, prepared)  # unchanged: the driver confirms it
    try:
        extraction = extract_document(prepared.document, _nlp(config.parser_path),
                                      chunk_chars=config.chunk_chars)
    except KGError as e:
        return DocResult(prepared.document, prepared, error=e)
    return DocResult(prepared.document, prepared, extraction)


# --------------------------------------------------------------------------- the driver side


def known_hashes(store: KGStore) -> dict[str, dict[str, str]]:
    """Source (without a bundle's ``#N``) -> {document IRI: content hash} of every document the
    store holds from the current extractor version (one query)."""
    from rdflib import Literal

    rows = store.select(f"""SELECT ?doc ?source ?hash ?version WHERE {{ GRAPH <{META_GRAPH}> {{
        ?doc dcterms:source ?source ; lk:contentHash ?hash ; lk:extractorVersion ?version }} }}""",
                        version=Literal(EXTRACTOR_VERSION))
    known: dict[str, dict[str, str]] = {}
    for r in rows:
        known.setdefault(re.sub(r"#\d+$", "", str(r["source"])), {})[str(r["doc"])] = str(r["hash"])
    return known


def batch_size(n_files: int, slots: int) -> int:
    """Files per batch: at least four batches per worker slot (so the work spreads evenly), at
    most :data:`MAX_BATCH_FILES` (so a batch is about a second of work or less)."""
    return max(1, min(MAX_BATCH_FILES, math.ceil(n_files / (4 * max(1, slots)))))


def _read(path: Path, limits: LoadLimits, known: dict[str, dict[str, str]]) -> FileTask:
    source = source_name(path)
    try:
        data = read_file(path, limits=limits)
    except KGError as e:
        return FileTask(source, path.suffix.lower(), error=e)
    return FileTask(source, path.suffix.lower(), data, known=known.get(source, {}))


def _batches(paths: Iterable[Path], size: int, limits: LoadLimits,
             known: dict[str, dict[str, str]]) -> Iterator[list[FileTask]]:
    """Read the files lazily into batches of at most ``size`` files and :data:`MAX_BATCH_BYTES`."""
    batch: list[FileTask] = []
    nbytes = 0
    for path in paths:
        task = _read(path, limits, known)
        batch.append(task)
        nbytes += len(task.data or b"")
        if len(batch) >= size or nbytes >= MAX_BATCH_BYTES:
            yield batch
            batch, nbytes = [], 0
    if batch:
        yield batch


class _WorkerDiedError(Exception):
    """The worker running a batch died (killed, out of memory)."""


class _Backend(Protocol):
    #: batches the workers run at once
    slots: int
    #: one dead worker fails every batch in flight (a process pool), not just its own (Dask)
    loses_all: bool

    def submit(self, batch: list[FileTask], config: WorkerConfig) -> Any: ...
    def result(self, future: Any) -> BatchResult: ...
    def restart(self) -> None: ...
    def close(self) -> None: ...


class _ProcessPool:
    """Local worker processes (``concurrent.futures``, started with ``spawn``: the driver holds
    the store and its threads, which a forked child must not inherit)."""

    loses_all = True

    def __init__(self, workers: int) -> None:
        self.slots = workers
        self._pool = self._new()

    def _new(self) -> Any:
        """A new pool whose workers answered (a worker that cannot start fails the run here,
        once, rather than every file). One call per worker: the pool starts a process per call
        while none is idle, so they all start at once, not one after the other."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(self.slots, mp_context=multiprocessing.get_context("spawn"))
        try:
            calls = [pool.submit(worker_version) for _ in range(self.slots)]
            _check_versions("the local worker processes", [c.result() for c in calls])
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            raise ExecutorError(
                "the local worker processes could not start (a script that ingests with workers must "
                "run it under `if __name__ == \"__main__\":`, they import the script)") from None
        return pool

    def submit(self, batch: list[FileTask], config: WorkerConfig) -> Any:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._pool.submit(prepare_batch, batch, config)
        except BrokenProcessPool as e:
            # a worker died under an earlier batch whose answer the driver has not read yet:
            # this batch fails the same way, and is run again when its turn comes
            failed: Future[BatchResult] = Future()
            failed.set_exception(e)
            return failed

    def result(self, future: Any) -> BatchResult:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()  # type: ignore[no-any-return]
        except BrokenProcessPool as e:
            raise _WorkerDiedError(str(e)) from e

    def restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """A Dask cluster: a running scheduler, or a ``LocalCluster`` started (and stopped) here."""

    loses_all = False

    def __init__(self, spec: str) -> None:
        address, workers, timeout = parse_dask_url(spec)
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError("--executor dask://... needs dask.distributed: "
                                "pip install 'llmkg[dask]'") from None
        self._cluster = None
        if address is None:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=None)
            address = self._cluster.scheduler_address
        self.address = address
        try:
            self._client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as e:
            self._close_cluster()
            raise ExecutorError(f"cannot reach the Dask scheduler at {address} within {timeout:g} s "
                                f"({' '.join(str(e).split())})") from None
        try:
            self._check_workers(timeout)
        except BaseException:
            self.close()
            raise

    def _check_workers(self, timeout: float) -> None:
        try:
            self._client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ExecutorError(f"the Dask scheduler at {self.address} has no worker "
                                f"(waited {timeout:g} s)") from None
        try:
            versions = self._client.run(worker_version)
        except ImportError as e:
            raise ExecutorError(f"the Dask workers at {self.address} cannot import llmkg "
                                f"({e}): install the same llmkg on every worker") from None
        _check_versions(self.address, versions.values())
        self.slots = max(1, sum(self._client.nthreads().values()))

    def submit(self, batch: list[FileTask], config: WorkerConfig) -> Any:
        return self._client.submit(prepare_batch, batch, config, pure=False)

    def result(self, future: Any) -> BatchResult:
        from concurrent.futures import CancelledError

        from distributed import KilledWorker

        alone_since: float | None = None
        while True:
            try:
                return future.result(timeout=2)  # type: ignore[no-any-return]
            except TimeoutError:
                pass
            except KilledWorker as e:
                raise _WorkerDiedError(str(e)) from e
            except ImportError as e:
                raise ExecutorError(f"the Dask workers at {self.address} cannot import llmkg ({e}): "
                                    "install the same llmkg on every worker") from None
            except (CancelledError, OSError) as e:  # CommClosedError is an OSError
                raise ExecutorError(f"lost the Dask scheduler at {self.address} "
                                    f"({type(e).__name__}: {' '.join(str(e).split())})") from None
            # still waiting: a cluster that lost every worker would wait forever
            try:
                workers = self._client.nthreads()
            except (OSError, TimeoutError):
                workers = {}
            if workers:
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since > DASK_NO_WORKER_S:
                raise ExecutorError(f"the Dask scheduler at {self.address} has had no worker for "
                                    f"{DASK_NO_WORKER_S:g} s")

    def restart(self) -> None:
        """Nothing to do: Dask's nannies restart dead workers themselves."""

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def close(self) -> None:
        try:
            self._client.close()
        finally:
            self._close_cluster()


def parse_dask_url(spec: str) -> tuple[str | None, int, float]:
    """``dask://HOST:PORT[?timeout=S]`` -> (``tcp://HOST:PORT``, 0, S);
    ``dask://local[?workers=N][&timeout=S]`` -> (None, N, S) (N defaults to the cores).

    Raises:
        InvalidInputError: not one of these forms.
    """
    parts = urlsplit(spec)
    if parts.scheme != "dask" or not parts.netloc:
        raise InvalidInputError(f"unknown executor {spec!r}: give dask://HOST:PORT or dask://local?workers=N")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    unknown = set(query) - {"workers", "timeout"}
    try:
        timeout = float(query.get("timeout", DASK_CONNECT_TIMEOUT_S))
        workers = int(query.get("workers", os.cpu_count() or 1))
        if unknown or timeout <= 0 or not 1 <= workers <= 256 or parts.path not in ("", "/"):
            raise ValueError
        if parts.hostname == "local":
            return None, workers, timeout
        if "workers" in query or parts.port is None:
            raise ValueError
    except ValueError:
        raise InvalidInputError(f"bad executor {spec!r}: give dask://HOST:PORT[?timeout=S] or "
                                "dask://local[?workers=N]") from None
    return f"tcp://{parts.netloc}", 0, timeout


def _check_versions(where: str, versions: Iterable[str]) -> None:
    other = sorted({v for v in versions if v != EXTRACTOR_VERSION})
    if other:
        raise ExecutorError(f"the workers at {where} run extractor {', '.join(other)}, this llmkg "
                            f"runs {EXTRACTOR_VERSION}: install the same llmkg on every worker")


def _results(backend: _Backend, batch: list[FileTask], future: Any) -> tuple[FileResult, ...]:
    result = backend.result(future)
    _check_versions("the executor", [result.version])
    if [f.source for f in result.files] != [t.source for t in batch]:
        raise ExecutorError("a worker answered for other files than it was given")
    return result.files


def _isolated(backend: _Backend, batch: list[FileTask], config: WorkerConfig) -> Iterator[FileResult]:
    """Run a batch that may have killed its worker again, alone; if it dies again, file by file:
    a file that kills its worker alone fails with that reason."""
    try:
        files = _results(backend, batch, backend.submit(batch, config))
    except _WorkerDiedError:
        if backend.loses_all:
            backend.restart()
        if len(batch) == 1:
            source = batch[0].source
            yield FileResult(source, error=IngestError(
                f"{source}: the worker process loading and extracting it died (killed, or out of "
                "memory); nothing was stored"))
            return
        for task in batch:
            yield from _isolated(backend, [task], config)
        return
    yield from files


def _stream(backend: _Backend, batches: Iterator[list[FileTask]],
            config: WorkerConfig) -> Iterator[FileResult]:
    """The files' results in input order, as they arrive; at most
    :data:`IN_FLIGHT_PER_SLOT` batches per worker slot submitted ahead."""
    pending: deque[tuple[list[FileTask], Any]] = deque()

    def fill() -> None:
        while len(pending) < IN_FLIGHT_PER_SLOT * backend.slots:
            batch = next(batches, None)
            if batch is None:
                return
            pending.append((batch, backend.submit(batch, config)))

    fill()
    while pending:
        batch, future = pending.popleft()
        try:
            files = _results(backend, batch, future)
        except _WorkerDiedError:
            # the batches still in flight may have gone down with it: keep the answers that
            # came, run the rest again one at a time
            redo: list[tuple[list[FileTask], tuple[FileResult, ...] | None]] = [(batch, None)]
            if backend.loses_all:
                for other, f in pending:
                    try:
                        redo.append((other, _results(backend, other, f)))
                    except _WorkerDiedError:
                        redo.append((other, None))
                pending.clear()
                backend.restart()
            for other, done in redo:
                yield from done if done is not None else _isolated(backend, other, config)
            fill()
            continue
        del future
        fill()
        yield from files


class Executor:
    """Batches of files out to workers, their results back in input order (see the module doc)."""

    def __init__(self, backend: _Backend, config: WorkerConfig) -> None:
        self.backend = backend
        self.config = config

    def prepare(self, paths: list[Path], known: dict[str, dict[str, str]]) -> Iterator[FileResult]:
        """The :class:`FileResult` of every file of ``paths``, in order, computed ahead."""
        size = batch_size(len(paths), self.backend.slots)
        return _stream(self.backend, _batches(paths, size, self.config.limits, known), self.config)

    def close(self) -> None:
        """Stop the workers (a cluster started here included)."""
        self.backend.close()

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_executor(settings: Settings, *, workers: int | None, executor: str | None, force: bool,
                  n_files: int) -> Executor | None:
    """The executor a run asks for, or None for a serial run.

    ``executor`` (default ``settings.ingest_executor``) names a Dask cluster; else ``workers``
    (default ``settings.ingest_workers``; 0 = one per core) local processes, when there are at
    least two files for them.

    Raises:
        InvalidInputError: an unknown executor.
        ExecutorError: the Dask cluster cannot be reached or used.
    """
    spec = executor if executor is not None else settings.ingest_executor
    config = WorkerConfig.from_settings(settings, force=force)
    if spec:
        return Executor(_Dask(spec), config)
    n = settings.ingest_workers if workers is None else workers
    if not 0 <= n <= 256:
        raise InvalidInputError(f"--workers must be 0 (one per core) to 256, not {n}")
    n = min(n or os.cpu_count() or 1, n_files)
    return Executor(_ProcessPool(n), config) if n > 1 else None


def file_outcomes(result: FileResult, *, store: KGStore, settings: Settings, force: bool,
                  nlp: Callable[[], Language]) -> list[DocumentOutcome]:
    """Write the documents of one worker's file result, in order, as a serial run would (one
    outcome per document; a document the worker could not prepare or extract fails).

    Raises:
        KGError: the file could not be read or loaded (the worker's error).
    """

    if result.error is not None:
        raise result.error

    def write(r: DocResult) -> DocumentOutcome:
        if r.prepared is None:
            raise r.error or IngestError(f"{r.document.source}: not prepared")

        def extract(document: Document) -> Extraction:
            if r.extraction is not None:
                return r.extraction
            if r.error is not None:
                raise r.error
            # the worker took it for unchanged, but the store now says otherwise
            return extract_document(document, nlp(), chunk_chars=settings.nlp_chunk_chars)

        return write_document(r.prepared, store=store, settings=settings, force=force, extract=extract)

    return [document_outcome(r.document, lambda r=r: write(r)) for r in result.documents]
