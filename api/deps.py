"""Wiring: the running service's state and the ``Annotated`` dependencies routes ask for.

One :class:`Service` per app holds the settings, the open store, the lock that makes writes one
at a time, the lazily built spaCy pipeline, and the worker processes SPARQL queries run in
(:class:`kg.query_pool.QueryPool`, with one waiting thread per worker).

The dependencies are ``async``: they only read the app's state, and FastAPI runs a plain ``def``
dependency on a worker thread, one trip there and back per dependency and request.
"""

from __future__ import annotations

import asyncio
import hmac
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

import anyio
from fastapi import Depends, Request
from spacy.language import Language

from kg.errors import ForbiddenError, UnauthorizedError
from kg.queries import count_documents
from kg.query_pool import QueryPool
from kg.remote import is_store_url
from kg.settings import Settings
from kg.store import KGStore

__all__ = ["Service", "ServiceDep", "SettingsDep", "StoreDep", "WriterDep", "get_service", "lookup_threads",
           "require_writer"]


class Service:
    """What one running app holds: settings, store, write lock, pipeline, query workers."""

    def __init__(self, settings: Settings, store: KGStore) -> None:
        self.settings = settings
        self.store = store
        self.write_lock = threading.Lock()
        #: the thread ingestion runs on: writes are one at a time anyway, and a second upload
        #: waits here rather than holding one of the lookups' threads (``api_threads``)
        self.write_limiter = anyio.CapacityLimiter(1)
        self._nlp: Language | None = None
        self._nlp_lock = threading.Lock()
        #: killable query workers on store snapshots (an in-memory store has none: its queries
        #: run on threads of ``query_pool`` and can only be abandoned at their deadline; nor has a
        #: remote store: the server evaluates, ``query_timeout_s`` is the HTTP deadline)
        self.queries: QueryPool | None = QueryPool(store, settings) if store.path is not None else None
        if self.queries is not None:
            self.queries.prestart()
        #: one thread per query slot, each waiting on its worker's answer
        self.query_pool = ThreadPoolExecutor(max_workers=settings.query_slots,
                                             thread_name_prefix="llmkg-sparql")
        self.query_slots = threading.BoundedSemaphore(settings.query_slots)
        #: (write generation, quads, documents) as last counted; see :meth:`counts`
        self._counts: tuple[int, int, int] | None = None
        self._counts_lock = asyncio.Lock()

    async def counts(self) -> tuple[int, int]:
        """The store's quads and documents, counted off the event loop, and again only after a
        write through this service.

        Counting the quads reads every one of them (1.2 s at 9.3M quads): done on the event loop
        at each ``/health``, it stopped every other request for that long. An embedded store
        changes only through this service (its write generation says when); a remote store can
        be written by others, so it is counted on each call (by the server, off the loop too).
        """
        store = self.store
        async with self._counts_lock:  # concurrent callers wait for one count, not one each
            generation = store.generation
            cached = self._counts
            if cached is not None and cached[0] == generation and not is_store_url(self.settings.store):
                return cached[1], cached[2]
            quads, documents = await asyncio.to_thread(_count, store)
            self._counts = (generation, quads, documents)
            return quads, documents

    def nlp(self) -> Language:
        """The extraction pipeline, built on first use (about a second)."""
        with self._nlp_lock:
            if self._nlp is None:
                from ingest.nlp import make_nlp

                self._nlp = make_nlp(self.settings)
            return self._nlp

    def close(self) -> None:
        """Kill the query workers, stop the query threads and close the store."""
        if self.queries is not None:
            self.queries.close()
        self.query_pool.shutdown(wait=False, cancel_futures=True)
        self.store.close()


def lookup_threads(settings: Settings, cores: int | None = None) -> int:
    """How many threads of one worker process run the sync routes at once: ``api_threads``, or
    for 0 the cores plus one shared among the ``serve_workers``.

    >>> lookup_threads(Settings(api_threads=0, serve_workers=1), cores=2)
    3
    >>> lookup_threads(Settings(api_threads=0, serve_workers=2), cores=2)
    1
    >>> lookup_threads(Settings(api_threads=5, serve_workers=2), cores=2)
    5
    """
    if settings.api_threads:
        return settings.api_threads
    return max(1, ((cores or os.cpu_count() or 1) + 1) // settings.serve_workers)


def _count(store: KGStore) -> tuple[int, int]:
    return len(store), count_documents(store)


async def get_service(request: Request) -> Service:
    """The service of the app serving this request."""
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(get_service)]


async def get_store(service: ServiceDep) -> KGStore:
    """The open store."""
    return service.store


async def get_settings(service: ServiceDep) -> Settings:
    """The app's settings."""
    return service.settings


StoreDep = Annotated[KGStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def require_writer(request: Request, service: ServiceDep) -> None:
    """Allow a write only with the configured bearer token (constant-time comparison).

    Raises:
        ForbiddenError: no token is configured: the service is read-only.
        UnauthorizedError: the request has no token or the wrong one.
    """
    token = service.settings.api_token
    if token is None or not token.get_secret_value():
        raise ForbiddenError("writes are disabled: start the service with LLMKG_API_TOKEN set")
    if service.store.read_only:
        raise ForbiddenError(f"writes are disabled: this service runs {service.settings.serve_workers} "
                             "read-only worker processes (serve_workers); serve with one worker to write")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise UnauthorizedError("this write needs 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.get_secret_value().encode("utf-8")):
        raise UnauthorizedError("wrong token")


WriterDep = Annotated[None, Depends(require_writer)]
