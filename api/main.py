"""The FastAPI app: :func:`create_app` wires the routers to one store and one settings object.

Run it with ``llmkg serve`` (uvicorn, one worker: the store is opened read-write by this process,
which is also the one writer for ``POST /documents``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from kg import __version__
from kg.remote import is_store_url
from kg.settings import Settings, get_settings
from kg.stores import open_store

from .deps import Service, lookup_threads
from .errors import install_error_handlers
from .middleware import (
    ConcurrencyLimitMiddleware,
    CORSMiddleware,
    RateLimitMiddleware,
    ResponseCacheMiddleware,
    check_origins,
    document_limits,
)
from .routes import admin, analytics, documents, entities, export, health, page, results, sparql
from .routes.page import STATIC

__all__ = ["create_app"]

DESCRIPTION = """A knowledge graph of the LLM release ecosystem: models, families, labs, people,
benchmarks and claims, every fact traceable to the sentence that stated it.

- `/sparql`: the SPARQL 1.1 Protocol (read-only), for SPARQL clients;
- `/api/...`: JSON lookups (entities, lineage, results, claims, documents) and analytics;
- `/export/{format}`: the graph or a subgraph as Turtle, N-Quads, JSON-LD, GraphML, GEXF,
  Cytoscape JSON or Graphviz DOT;
- `/graph`: the interactive page.

Every error answers `{"ok": false, "status", "error", "message"}`.
"""


def app_from_env() -> FastAPI:
    """The app over settings read from the environment: the factory each worker process of
    ``llmkg serve --workers N`` imports (``uvicorn api.main:app_from_env --factory``)."""
    return create_app(Settings())


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids: the route function's name (``search``, ``get_lineage``...)."""
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service over the store named by ``settings`` (opened when the app starts).

    Args:
        settings: the settings; :func:`kg.settings.get_settings` when not given.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # several workers share an embedded store read-only (one RocksDB writer); a SPARQL
        # server takes writes from each of them
        remote = is_store_url(settings.store)
        service = Service(settings, open_store(settings.store, settings=settings,
                                               read_only=settings.serve_workers > 1 and not remote))
        app.state.service = service
        # the sync routes (the lookups) run on this many threads: more than the cores only make
        # them take turns at Python's lock (Starlette's default of 40: ~30% fewer lookups/s and
        # twice the p99, bench/); ingestion has a thread of its own (Service.write_limiter)
        anyio.to_thread.current_default_thread_limiter().total_tokens = lookup_threads(settings)
        try:
            yield
        finally:
            service.close()

    # /docs and /redoc are the app's own pages (api.routes.page), on vendored files: FastAPI's
    # would load Swagger UI and ReDoc from a CDN
    app = FastAPI(title="llmkg", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  generate_unique_id_function=_operation_id, docs_url=None, redoc_url=None)
    install_error_handlers(app)
    for module in (health, sparql, entities, results, documents, admin, export, analytics, page):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _protect(app, settings)
    return app


def _protect(app: FastAPI, settings: Settings) -> None:
    """The edge, outermost first: CORS, the per-address rate limit, the concurrency bound, the
    response cache (api/middleware.py). Starlette runs the middleware added last first."""
    if settings.api_cache_mb > 0:
        app.add_middleware(ResponseCacheMiddleware, max_bytes=settings.api_cache_mb * 1_000_000)
    app.add_middleware(ConcurrencyLimitMiddleware, limit=settings.max_concurrent_requests)
    if settings.rate_limit_per_s > 0:
        app.add_middleware(RateLimitMiddleware, rate=settings.rate_limit_per_s,
                           burst=settings.rate_limit_burst)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, origins=check_origins(settings.cors_origins))
    build_schema = app.openapi
    token = settings.api_token

    def openapi() -> dict[str, Any]:
        return document_limits(build_schema(), writable=token is not None and bool(token.get_secret_value()))

    app.openapi = openapi  # type: ignore[method-assign]
