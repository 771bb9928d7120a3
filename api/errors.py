"""One JSON error shape for every error the service answers with, mapped once, here.

``{"ok": false, "status": 404, "error": "not_found", "message": "Unknown entity: ..."}``

- :class:`kg.errors.KGError` subclasses carry their own status (see the tree in ``kg/errors.py``);
- FastAPI's request validation errors become 400 ``invalid_input`` (with the offending fields);
- Starlette's HTTP errors (unknown route, wrong method) keep their status;
- anything else is a 500 ``internal`` whose message names no internals.
"""

from __future__ import annotations

import logging
import math
import re
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import KGError, NotFoundError, QueryResourceError, QueryTimeoutError, UnauthorizedError

__all__ = ["error_code", "error_response", "install_error_handlers"]

log = logging.getLogger("llmkg.api")

_CODES = {400: "invalid_input", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
          415: "unsupported_media_type", 422: "unprocessable", 429: "too_many_requests",
          500: "internal", 503: "unavailable"}


def error_code(exc: BaseException, status: int) -> str:
    """The stable ``error`` code of an exception: its class name in snake case, or the status's.

    >>> from kg.errors import NotFoundError
    >>> error_code(NotFoundError("x"), 404)
    'not_found'
    """
    if isinstance(exc, KGError) and type(exc) is not KGError:
        return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__.removesuffix("Error")).lower()
    return _CODES.get(status, "error")


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error envelope."""
    return JSONResponse({"ok": False, "status": status, "error": code, "message": message},
                        status_code=status, headers=headers)


def _kg_error(_request: Request, exc: KGError) -> JSONResponse:
    headers = {}
    if isinstance(exc, UnauthorizedError):
        headers["WWW-Authenticate"] = "Bearer"
    if exc.retry_after is not None:
        headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after)))
    elif isinstance(exc, (QueryTimeoutError, QueryResourceError)):
        # a query stopped at its deadline, or its worker killed at its memory limit (a fresh one
        # is started): either way the service is up; a client may try again shortly
        headers["Retry-After"] = "5"
    if exc.status >= 500 and not isinstance(exc, QueryTimeoutError):
        log.error("%s: %s", type(exc).__name__, exc.message)
    message = exc.message
    if isinstance(exc, NotFoundError) and exc.searched:
        message += f" (search for it: GET /api/entities?q={quote(exc.searched)})"
    return error_response(exc.status, error_code(exc, exc.status), message, headers or None)


def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return error_response(400, "invalid_input", "; ".join(parts) or "invalid request")


def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = "no such route (see /docs)"
    return error_response(exc.status_code, _CODES.get(exc.status_code, "error"), message,
                          dict(exc.headers) if exc.headers else None)


def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal", f"internal error ({type(exc).__name__}); see the server log")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the one envelope."""
    app.add_exception_handler(KGError, _kg_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)

