"""Exports of the whole graph or a subgraph (an entity's neighbourhood, a model's lineage).

Every export is streamed: :func:`kg.export.export` writes into a :class:`_Pipe` from a thread of
its own, and the response sends each chunk as it comes. The whole store as Turtle, N-Quads or
N-Triples is written a few kilobytes at a time, so neither the server nor the client holds it
(1.1 million quads as N-Quads: 247 MB in 9 s, the server's memory up 54 MB; docs/exports.md); the
formats built in memory (JSON-LD, GraphML, GEXF, Cytoscape, DOT, any subgraph) are refused with
413 past ``export_max_quads`` statements or ``export_max_elements``
nodes and edges, before anything is built, with what to do instead.

The thread owns every pyoxigraph iterator (they must stay on the thread that made them; Starlette
pulls chunks from whichever worker thread is free). Errors found before the first byte (unknown
entity, too large) get the usual JSON error, and an export with no first byte within
``query_timeout_s`` gets 503. Once streaming, the export stops at its next chunk when the client
goes away, or when it takes no data for ``query_timeout_s``; an export stopped or failed after
the first byte has the connection cut (no last chunk), so a truncated export is never taken for
a whole one. Each ending is logged.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from kg.errors import InvalidInputError, QueryTimeoutError
from kg.export import FORMATS, Subgraph, export

from ..deps import SettingsDep, StoreDep
from ..models import ErrorBody
from .entities import NAME_PATTERN, check_iri, entity_iri

__all__ = ["MEDIA_TYPES", "router"]

log = logging.getLogger("llmkg.api")

#: bytes per chunk sent to the client
CHUNK_BYTES = 256 * 1024
#: chunks written ahead of the client at most (so at most about 1 MB waits in memory)
CHUNKS_AHEAD = 4

router = APIRouter(tags=["export"])

#: media type and file extension of each export format
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "turtle": ("text/turtle; charset=utf-8", "ttl"),
    "nquads": ("application/n-quads; charset=utf-8", "nq"),
    "ntriples": ("application/n-triples; charset=utf-8", "nt"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "cytoscape": ("application/json", "cyjs"),
    "dot": ("text/vnd.graphviz; charset=utf-8", "dot"),
}
Format = Literal[FORMATS]  # type: ignore[valid-type]


@router.get("/export/{fmt}", response_class=Response, responses={
    200: {"description": "The export", "content": {m.split(";")[0]: {} for m, _ in MEDIA_TYPES.values()}},
    400: {"model": ErrorBody}, 404: {"model": ErrorBody}, 413: {"model": ErrorBody},
    503: {"model": ErrorBody}})
def get_export(
    store: StoreDep,
    settings: SettingsDep,
    fmt: Annotated[Format, Path(description="The export format.")],
    entity: Annotated[str | None, Query(description="Only this entity's neighbourhood (IRI or name).",
                                        min_length=1, max_length=2048, pattern=NAME_PATTERN)] = None,
    hops: Annotated[int, Query(ge=1, le=5, description="How far the neighbourhood reaches.")] = 1,
    lineage: Annotated[str | None, Query(description="Only this model's lineage (IRI or name).",
                                         min_length=1, max_length=2048, pattern=NAME_PATTERN)] = None,
    ontology: Annotated[bool, Query(description="Include the ontology graph (RDF formats).")] = False,
) -> Response:
    """Export the graph, or a subgraph of it, for graph tools.

    The whole graph as `turtle`, `nquads` or `ntriples` is streamed, whatever its size. The other
    formats, and subgraphs, are built in memory first: past 100,000 statements (JSON-LD, RDF
    subgraphs) or 100,000 nodes and edges (GraphML, GEXF, Cytoscape, DOT) they get 413 with what
    to do instead (a streamed format, `llmkg export`, or a smaller subgraph).
    """
    if entity is not None and lineage is not None:
        raise InvalidInputError("give 'entity' or 'lineage', not both")
    sub = None
    if entity is not None:
        sub = Subgraph("neighbourhood", _iri(store, entity), hops=hops)
    elif lineage is not None:
        sub = Subgraph("lineage", _iri(store, lineage))
    media, ext = MEDIA_TYPES[fmt]
    name = "llmkg" if sub is None else f"llmkg-{sub.kind}"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{ext}"'}
    pipe = _Pipe(settings.query_timeout_s, fmt)
    threading.Thread(target=pipe.produce, name="llmkg-export", daemon=True, kwargs={
        "store": store, "subgraph": sub, "include_ontology": ontology,
        "max_quads": settings.export_max_quads, "max_elements": settings.export_max_elements}).start()
    first = pipe.first()  # raises what the export raised before writing anything
    if first is None:
        return Response(b"", media_type=media, headers=headers)
    return _ExportResponse(pipe, first, media_type=media, headers=headers)


class _ExportResponse(StreamingResponse):
    """The streamed export; however the response ends, the export's thread is told to stop.

    When the client disconnects, Starlette cancels the task sending the body: the chunk
    generator is left suspended (closed only when garbage-collected, so its own ``finally``
    cannot be relied on to stop the writer). This stops it as soon as the response is over.
    """

    def __init__(self, pipe: _Pipe, first: bytes, *, media_type: str, headers: dict[str, str]) -> None:
        super().__init__(pipe.chunks(first), media_type=media_type, headers=headers)
        self.pipe = pipe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except _CutError:
            # the export failed after the response began (logged): returning without the body's
            # last chunk makes uvicorn close the connection, so the client sees a cut transfer
            pass
        finally:
            self.pipe.close("the client went away")


class _AbandonedError(Exception):
    """Raised inside the export when nobody will read what it writes any more."""


class _CutError(Exception):
    """Raised by the chunk generator when the export failed after the response began."""


class _Pipe:
    """A bounded queue of chunks from the export's thread to the response (a binary file-like
    object on the writing side).

    Args:
        stall_s: how long a write may wait for the client to take a chunk before the export
            gives up (and how long the route waits for the first byte).
        fmt: the export's format (for the log).
    """

    def __init__(self, stall_s: float, fmt: str) -> None:
        self.stall_s = stall_s
        self.fmt = fmt
        self._chunks: queue.Queue[bytes] = queue.Queue(CHUNKS_AHEAD)
        self._buffer = bytearray()
        self._stop = threading.Event()
        self._reason = "the client went away"
        self._done = threading.Event()
        self._error: BaseException | None = None
        self.sent = 0

    # -- the writing side (the export's thread)
    def produce(self, **kwargs: object) -> None:
        """Run the export into this pipe and record how it ended.

        An export stopped because nobody reads it any more is logged here; any other error is
        raised to the route (before the first byte) or logged by :meth:`chunks` (after it).
        """
        try:
            export(out=self, fmt=self.fmt, **kwargs)  # type: ignore[arg-type]
            self._send(bytes(self._buffer))
        except BaseException as e:  # noqa: BLE001 - handed to the reading side
            _clear_frames(e)
            self._error = e
            if isinstance(e, _AbandonedError):
                log.warning("export of %s stopped after %d bytes: %s", self.fmt, self.sent, e)
        finally:
            self._buffer.clear()
            self._done.set()

    def write(self, data: bytes) -> int:
        self._buffer += data
        if len(self._buffer) >= CHUNK_BYTES:
            full = bytes(self._buffer)
            self._buffer.clear()
            for start in range(0, len(full), CHUNK_BYTES):
                self._send(full[start:start + CHUNK_BYTES])
        return len(data)

    def flush(self) -> None:
        """Chunks go out when full and at the end; pyoxigraph calls this when it is done."""

    def _send(self, chunk: bytes) -> None:
        if not chunk:
            return
        deadline = time.monotonic() + self.stall_s
        while not self._stop.is_set():
            try:
                self._chunks.put(chunk, timeout=0.1)
                self.sent += len(chunk)
                return
            except queue.Full:
                if time.monotonic() > deadline:
                    raise _AbandonedError(f"the client took no data for {self.stall_s:g} s") from None
        raise _AbandonedError(self._reason)

    # -- the reading side (the route, then the response)
    def close(self, reason: str) -> None:
        """Stop the export (nothing happens if it has ended): its next write raises ``reason``."""
        if not self._stop.is_set():
            self._reason = reason
            self._stop.set()

    def first(self) -> bytes | None:
        """Wait for the first chunk (``None``: the export is empty); raise the export's error."""
        deadline = time.monotonic() + self.stall_s
        while True:
            try:
                return self._chunks.get(timeout=0.1)
            except queue.Empty:
                if self._done.is_set() and self._chunks.empty():
                    if self._error is not None:
                        raise self._error from None
                    return None
                if time.monotonic() > deadline:
                    self.close(f"the export did not start within {self.stall_s:g} s")
                    raise QueryTimeoutError(
                        f"the export did not start within {self.stall_s:g} s; export a subgraph, "
                        "or the whole graph as nquads (streamed)") from None

    def chunks(self, first: bytes) -> Iterator[bytes]:
        """Yield the export; past an error, log it and raise :class:`_CutError` (the connection
        is then cut: the client must not take a truncated export for a whole one)."""
        try:
            yield first
            while True:
                try:
                    yield self._chunks.get(timeout=0.1)
                except queue.Empty:
                    if self._done.is_set() and self._chunks.empty():
                        break
            if self._error is not None:
                if not isinstance(self._error, _AbandonedError):  # (that one is logged already)
                    log.warning("export of %s failed after %d bytes, connection cut: %s", self.fmt,
                                self.sent, self._error)
                raise _CutError(str(self._error))
        finally:
            self.close("the client went away")


def _clear_frames(error: BaseException) -> None:
    """Drop the local variables of the frames in ``error``'s tracebacks (its causes' too).

    They can hold pyoxigraph iterators (``QuadIter``, query solutions), which must be dropped on
    the thread that made them: dropped on another one they are leaked, with an error in the log.
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        e = pending.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        traceback.clear_frames(e.__traceback__)
        pending += [e.__cause__, e.__context__]


def _iri(store: StoreDep, value: str) -> str:
    is_iri = value.startswith(("http://", "https://", "urn:"))
    return entity_iri(store, check_iri(value) if is_iri else None, None if is_iri else value)
