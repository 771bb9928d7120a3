"""The SPARQL 1.1 Protocol endpoint (query only): GET, POST form, POST ``application/sparql-query``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kg.errors import (
    ForbiddenError,
    InvalidQueryError,
    PayloadTooLargeError,
    QueryTimeoutError,
    UnsupportedMediaTypeError,
)
from kg.queries import check_query
from kg.sparql import SparqlResult, evaluate, is_update

from ..deps import Service, ServiceDep
from ..models import ErrorBody

__all__ = ["router"]

router = APIRouter(tags=["sparql"])

_ERRORS = {400: {"model": ErrorBody}, 403: {"model": ErrorBody}, 406: {"model": ErrorBody},
           413: {"model": ErrorBody}, 415: {"model": ErrorBody}, 503: {"model": ErrorBody}}
_FORMAT = "Result format, overriding Accept: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml."
_OK = {"description": "The result, in the negotiated format", "content": {
    "application/sparql-results+json": {}, "application/sparql-results+xml": {}, "text/csv": {},
    "text/tab-separated-values": {}, "text/turtle": {}, "application/n-triples": {},
    "application/ld+json": {}, "application/rdf+xml": {}}}


@router.get("/sparql", responses={200: _OK, **_ERRORS}, response_class=Response)
async def sparql_get(
    request: Request, service: ServiceDep,
    query: Annotated[str | None, Query(description="The SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).")]
    = None,
    fmt: Annotated[str | None, Query(alias="format", description=_FORMAT)] = None,
) -> Response:
    """Run a read-only SPARQL query given in the URL."""
    params = _parse_qs(request.url.query)
    if "update" in params:
        raise ForbiddenError("this endpoint is read-only: SPARQL updates are refused")
    return await _run(service, request, _one_query(params.get("query", [])) if query is not None else None,
                      params, fmt)


@router.post("/sparql", responses={200: _OK, **_ERRORS}, response_class=Response, openapi_extra={
    "requestBody": {"content": {
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
            "query": {"type": "string"}, "default-graph-uri": {"type": "array", "items": {"type": "string"}},
            "named-graph-uri": {"type": "array", "items": {"type": "string"}}}, "required": ["query"]}},
        "application/sparql-query": {"schema": {"type": "string"}}}}})
async def sparql_post(request: Request, service: ServiceDep) -> Response:
    """Run a read-only SPARQL query sent form-encoded or as ``application/sparql-query``."""
    media, _, params_text = request.headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    params = _parse_qs(request.url.query)
    settings = service.settings
    body = await _capped_body(request, min(settings.max_upload_bytes, settings.query_max_chars * 4 + 65536))
    if media == "application/sparql-update":
        raise ForbiddenError("this endpoint is read-only: SPARQL updates are refused")
    if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise UnsupportedMediaTypeError(
            f"unsupported content type {media or '(none)'!r}: send application/x-www-form-urlencoded "
            "or application/sparql-query")
    charset = _charset(params_text)
    if charset not in (None, "utf-8", "utf8", "us-ascii"):
        raise InvalidQueryError(f"the request body must be UTF-8, not {charset!r}")
    if media == "application/x-www-form-urlencoded":
        form = _parse_qs(_utf8(body))
        if "update" in form:
            raise ForbiddenError("this endpoint is read-only: SPARQL updates are refused")
        for key in ("default-graph-uri", "named-graph-uri"):
            params.setdefault(key, []).extend(form.get(key, []))
        query = _one_query(form.get("query", []))
    else:
        query = _utf8(body)
    return await _run(service, request, query, params, _first(params.get("format")))


def _parse_qs(text: str) -> dict[str, list[str]]:
    """Parse a query string or form body whose percent-escapes must decode as UTF-8."""
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as e:
        raise InvalidQueryError("the query string is not UTF-8 once percent-decoded") from e


def _charset(params_text: str) -> str | None:
    for param in params_text.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _one_query(values: list[str]) -> str | None:
    if len(values) > 1:
        raise InvalidQueryError("exactly one 'query' parameter is allowed")
    return values[0] if values else None


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InvalidQueryError("the request body is not UTF-8") from e


async def _capped_body(request: Request, cap: int) -> bytes:
    from .documents import read_capped

    return await read_capped(request, cap)


async def _run(service: Service, request: Request, query: str | None, params: dict[str, list[str]],
               fmt: str | None) -> Response:
    if query is None or not query.strip():
        raise InvalidQueryError("missing 'query' parameter")
    settings = service.settings
    if len(query) > settings.query_max_chars:
        raise PayloadTooLargeError(
            f"the query is {len(query):,} characters; this endpoint takes at most "
            f"{settings.query_max_chars:,}")
    # refused forms are answered here, before a worker is taken
    if is_update(query):
        raise ForbiddenError("this endpoint is read-only: SPARQL updates are refused")
    check_query(query)
    kwargs = {"accept": request.headers.get("accept"), "fmt": fmt,
              "default_graph_uris": params.get("default-graph-uri", []),
              "named_graph_uris": params.get("named-graph-uri", [])}
    if service.queries is not None:
        pool = service.queries
        worker = pool.acquire()  # 503 at once when every slot is busy
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(service.query_pool, lambda: pool.run_on(worker, query, **kwargs))
    else:
        result = await run_bounded(service, lambda: evaluate(
            service.store, query, timeout_s=settings.query_timeout_s, row_limit=settings.query_row_limit,
            byte_limit=settings.query_bytes_limit, **kwargs), settings.query_timeout_s)
    headers = {"X-LLMKG-Rows": str(result.rows), "X-LLMKG-Elapsed-Ms": f"{result.elapsed_s * 1000:.1f}"}
    if result.truncated_by == "bytes":
        headers["X-LLMKG-Truncated"] = f"true; byte limit {settings.query_bytes_limit}"
    elif result.truncated:
        headers["X-LLMKG-Truncated"] = f"true; row limit {settings.query_row_limit}"
    media = result.media_type
    if media.startswith("text/") or media.endswith(("+json", "+xml", "/json")):
        media += "; charset=utf-8"
    return Response(result.body, media_type=media, headers=headers)


async def run_bounded(service: Service, job: Callable[[], SparqlResult], timeout_s: float) -> SparqlResult:
    """Run ``job`` on a query thread (in-memory stores only); answer at the deadline even if its
    thread goes on.

    Raises:
        QueryTimeoutError: every slot is taken, or the deadline passed.
    """
    if not service.query_slots.acquire(blocking=False):
        raise QueryTimeoutError("every query slot is busy; try again shortly")
    try:
        future = service.query_pool.submit(job)
    except RuntimeError:  # the pool is shutting down
        service.query_slots.release()
        raise QueryTimeoutError("the service is shutting down") from None
    future.add_done_callback(lambda _f: service.query_slots.release())
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout=timeout_s + 0.5)
    except TimeoutError:
        raise QueryTimeoutError(f"query ran past its deadline of {timeout_s:g} s") from None
