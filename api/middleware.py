"""Protection at the HTTP edge, as pure ASGI middleware: CORS, per-client rate limits, and a bound
on the requests worked on at once.

Each refusal is answered in the one error envelope (:func:`api.errors.error_response`) before the
request reaches a route. ``/health`` is exempt from the rate limit and the concurrency bound, so a
monitor can tell a busy service from a dead one.

- :class:`RateLimitMiddleware`: a token bucket per client address (``rate_limit_per_s`` tokens a
  second, at most ``rate_limit_burst`` saved up). Over it: 429 ``too_many_requests`` with an
  honest ``Retry-After`` (the seconds until the bucket holds a token again). A refused request
  takes no token, so a client that waits ``Retry-After`` seconds gets through however often it
  was refused before. The address is the TCP peer; ``X-Forwarded-For`` is never read.
- :class:`ConcurrencyLimitMiddleware`: past ``max_concurrent_requests`` requests in progress,
  503 ``unavailable`` with ``Retry-After: 1`` at once (no queue).
- :class:`CORSMiddleware`: Starlette's, with exactly the configured origins and never with
  credentials (the API authenticates with a bearer token, not cookies); a refused preflight gets
  the error envelope instead of Starlette's plain text.
- :class:`ResponseCacheMiddleware`: innermost; answers a repeated ``GET /api/...`` from memory
  while the store has not changed (the store's write generation is part of the key), bounded
  by ``api_cache_mb``.
"""

from __future__ import annotations

import ipaddress
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware as StarletteCORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from kg.errors import InvalidInputError, KGError, TooManyRequestsError

from .errors import error_code, error_response

__all__ = [
    "EXEMPT_PATHS",
    "ResponseCacheMiddleware",
    "ConcurrencyLimitMiddleware",
    "CORSMiddleware",
    "RateLimitMiddleware",
    "TokenBuckets",
    "check_origins",
    "client_key",
    "document_limits",
]

#: paths neither limit applies to
EXEMPT_PATHS = frozenset({"/health"})
#: most client addresses the rate limiter remembers at once (about 100 bytes each)
MAX_CLIENTS = 10_000
_ORIGIN = re.compile(r"^https?://[^/\s?#@]+$")


def _refusal(exc: KGError, retry_after: float) -> Response:
    return error_response(exc.status, error_code(exc, exc.status), exc.message,
                          {"Retry-After": str(max(1, math.ceil(retry_after)))})


class TokenBuckets:
    """One token bucket per client key, in bounded memory.

    A bucket gains ``rate`` tokens a second up to ``burst``; a request takes one. Buckets are kept
    in least-recently-used order: one idle long enough to be full again (``burst / rate`` seconds)
    is the same as no bucket and is dropped, and past ``max_clients`` buckets the least recently
    used is dropped (that client starts again with a full bucket).
    """

    def __init__(self, rate: float, burst: int, max_clients: int = MAX_CLIENTS) -> None:
        if rate <= 0 or burst < 1 or max_clients < 1:
            raise ValueError("rate must be > 0, burst and max_clients >= 1")
        self.rate = rate
        self.burst = burst
        self.max_clients = max_clients
        self._idle_full = burst / rate
        #: key -> (tokens, when they were counted); oldest first
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str, now: float) -> float:
        """Take a token from ``key``'s bucket at time ``now`` (seconds, monotonic).

        Returns:
            0.0 when the request may go on; otherwise the seconds until the bucket holds a token
            again (nothing is taken: a refused request costs the client nothing).
        """
        self._drop_idle(now)
        tokens, then = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + max(0.0, now - then) * self.rate)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait

    def _drop_idle(self, now: float) -> None:
        while self._buckets:
            key, (_tokens, then) = next(iter(self._buckets.items()))
            if now - then < self._idle_full:
                return
            del self._buckets[key]


def client_key(host: str) -> str:
    """The rate-limit key of a peer address: the address itself, or its /64 for IPv6 (one host
    usually holds a whole /64)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class RateLimitMiddleware:
    """429 with ``Retry-After`` for a client address past its token bucket (``/health`` exempt)."""

    def __init__(self, app: ASGIApp, *, rate: float, burst: int, max_clients: int = MAX_CLIENTS,
                 exempt: frozenset[str] = EXEMPT_PATHS, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.buckets = TokenBuckets(rate, burst, max_clients)
        self.exempt = exempt
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.buckets.take(client_key(client[0]) if client else "", self.clock())
        if wait > 0:
            b = self.buckets
            exc = TooManyRequestsError(f"too many requests: at most {b.rate:g} a second (bursts of "
                                       f"{b.burst}) from one address", retry_after=wait)
            await _refusal(exc, wait)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class ConcurrencyLimitMiddleware:
    """503 with ``Retry-After: 1`` at once while ``limit`` requests are in progress (``/health``
    exempt). A request counts from its arrival until its response is sent."""

    def __init__(self, app: ASGIApp, *, limit: int, exempt: frozenset[str] = EXEMPT_PATHS) -> None:
        if limit < 1:
            raise ValueError("limit must be >= 1")
        self.app = app
        self.limit = limit
        self.exempt = exempt
        self.active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        if self.active >= self.limit:
            message = f"the service is busy ({self.limit} requests in progress); try again shortly"
            await error_response(503, "unavailable", message, {"Retry-After": "1"})(scope, receive, send)
            return
        self.active += 1  # one event loop: no lock needed between the check and the increment
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1


def check_origins(origins: Sequence[str]) -> list[str]:
    """The CORS allow-list, checked: each entry ``scheme://host[:port]`` as browsers send it in
    ``Origin`` (no path, no trailing slash), or ``*`` for any origin.

    Raises:
        InvalidInputError: an entry could never match a browser's ``Origin``.
    """
    for origin in origins:
        if origin != "*" and not _ORIGIN.match(origin):
            raise InvalidInputError(f"cors_origins: {origin!r} is not an origin like 'https://app.example' "
                                    "(scheme and host, optional port, no path) or '*'")
    return list(origins)


class CORSMiddleware(StarletteCORSMiddleware):
    """Starlette's CORS middleware for exactly ``origins``, never with credentials.

    Simple requests and preflights from an origin not in the list get no
    ``Access-Control-Allow-Origin``; a refused preflight answers 400 in the error envelope.
    """

    def __init__(self, app: ASGIApp, *, origins: Sequence[str]) -> None:
        super().__init__(app, allow_origins=check_origins(origins), allow_credentials=False,
                         allow_methods=("GET", "POST"),
                         allow_headers=("Authorization", "Content-Type", "Accept"),
                         expose_headers=("Retry-After", "Content-Disposition", "X-LLMKG-Rows",
                                         "X-LLMKG-Truncated", "X-LLMKG-Elapsed-Ms"),
                         max_age=600)

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        headers = {k: v for k, v in response.headers.items() if k not in ("content-length", "content-type")}
        refused = bytes(response.body).decode("utf-8", "replace")
        return error_response(response.status_code, "invalid_input",
                              f"{refused}: this origin, method or header is not allowed to call the API",
                              headers)


def document_limits(schema: dict[str, Any], *, writable: bool = True) -> dict[str, Any]:
    """Amend an OpenAPI schema (in place) with what the edge does to every operation.

    Every operation but the exempt ones may answer 429 (rate limit) and 503 (busy) in the error
    envelope. FastAPI's automatic 422 ``HTTPValidationError`` is removed: the service answers
    validation errors with 400 in the error envelope (api/errors.py), never with that shape. On a
    server that is not ``writable`` (no token configured) no token can help: writes declare no
    security scheme there, and answer 403.
    """
    envelope = {"$ref": "#/components/schemas/ErrorBody"}
    extra = {"429": "Too many requests from this address (see `Retry-After`)",
             "503": "The service is busy, or a query ran out of time (see `Retry-After`)"}
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if "HTTPValidationError" in str(responses.get("422", "")):
                del responses["422"]
            if not writable and operation.pop("security", None) is not None:
                operation["description"] = (operation.get("description", "") + "\n\nWrites are disabled on "
                                            "this server (no `LLMKG_API_TOKEN`): every request gets 403.")
                responses.pop("401", None)
            if path in EXEMPT_PATHS:
                continue
            for status, description in extra.items():
                responses.setdefault(status, {"description": description, "headers": {
                    "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
                    "content": {"application/json": {"schema": envelope}}})
    if not writable:
        schema.get("components", {}).pop("securitySchemes", None)
    schemas = schema.get("components", {}).get("schemas", {})
    if "HTTPValidationError" not in str(schema.get("paths", {})):
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
    return schema


class ResponseCacheMiddleware:
    """Repeated ``GET`` lookups (``/api/...``) answered from memory until the store changes.

    The key is the path and query string; an entry is valid while the store's ``generation``
    (bumped by every write through this process's store) is the one it was made under, so a
    write is seen by the next request. Only 200 answers of at most ``max_entry`` bytes are kept,
    least recently used first out past ``max_bytes``. Every answer says ``X-LLMKG-Cache: hit`` or
    ``miss``. Runs innermost: rate limits, the concurrency bound and CORS still apply to hits.
    A remote store (written by others) is not cached: ``generation`` sees only our writes.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, max_entry: int = 1_000_000,
                 prefix: str = "/api/") -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self.prefix = prefix
        self.entries: OrderedDict[tuple[str, bytes], tuple[int, int, list[tuple[bytes, bytes]], bytes]] = \
            OrderedDict()
        self.size = 0

    def _generation(self, scope: Scope) -> int | None:
        service = getattr(scope["app"].state, "service", None)
        store = getattr(service, "store", None)
        if store is None or getattr(store, "path", None) is None:
            return None  # in-memory (tests) or remote: not cached
        return int(store.generation)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or not scope["path"].startswith(self.prefix)):
            await self.app(scope, receive, send)
            return
        generation = self._generation(scope)
        if generation is None:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        entry = self.entries.get(key)
        if entry is not None and entry[0] == generation:
            self.entries.move_to_end(key)
            _, status, headers, body = entry
            await send({"type": "http.response.start", "status": status,
                        "headers": [*headers, (b"x-llmkg-cache", b"hit")]})
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
            return
        started: dict[str, Any] = {}
        chunks: list[bytes] = []
        keep = scope["method"] == "GET"

        async def capture(message: dict[str, Any]) -> None:
            nonlocal keep
            if message["type"] == "http.response.start":
                started.update(message)
                keep = keep and message["status"] == 200
                message = {**message, "headers": [*message.get("headers", []), (b"x-llmkg-cache", b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > self.max_entry:
                    keep = False
                    chunks.clear()
                elif not message.get("more_body", False):
                    self._put(key, generation, started, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _put(self, key: tuple[str, bytes], generation: int, started: dict[str, Any], body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[3])
        self.entries[key] = (generation, started["status"], list(started.get("headers", [])), body)
        self.size += len(body)
        while self.size > self.max_bytes and self.entries:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped[3])
