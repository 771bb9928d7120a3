"""The one exception tree of llmkg.

Every error the library raises on purpose is a :class:`KGError`. Each class carries the HTTP
``status`` the API answers with; the CLI prints ``error: <message>`` and exits with ``exit_code``.
Lower-level exceptions (pyoxigraph ``SyntaxError``/``OSError``, rdflib parser errors, ``OSError``
from files) are caught at the one foreign call that raises them and re-raised from here.

::

    KGError (500)
    ├── NotFoundError (404)            unknown entity, document or graph
    ├── InvalidInputError (400)        a bad argument: unknown format, malformed IRI
    │   ├── InvalidQueryError (400)    SPARQL that does not parse, or uses SERVICE/LOAD
    │   ├── NotAcceptableError (406)   no result format the client accepts fits the query form
    │   ├── PayloadTooLargeError (413) a request body (or a query) over the configured cap
    │   └── UnsupportedMediaTypeError (415) a request body of a media type the route does not take
    ├── TooManyRequestsError (429)     a client over its rate limit (``retry_after`` seconds)
    ├── UnauthorizedError (401)        a write without the right token
    ├── ForbiddenError (403)           a SPARQL update, or writes while no token is configured
    ├── StoreError (503)               the store cannot be opened (locked, corrupt, not a store)
    │   ├── QueryTimeoutError (503)    a query ran past its deadline, or every query slot is busy
    │   └── QueryResourceError (503)   a query's worker ran out of memory or died; it was killed
    └── IngestError (422)              a document could not be ingested (nothing was stored)
        ├── LoaderError (422)          unreadable, empty, binary or undecodable input
        ├── ExtractionError (500)      the pipeline failed on a document
        └── ExecutorError (503)        parallel ingestion's workers (a Dask scheduler) unreachable or unusable
"""

from __future__ import annotations

__all__ = [
    "ExecutorError",
    "ExtractionError",
    "ForbiddenError",
    "IngestError",
    "InvalidInputError",
    "InvalidQueryError",
    "KGError",
    "LoaderError",
    "NotAcceptableError",
    "NotFoundError",
    "PayloadTooLargeError",
    "QueryResourceError",
    "QueryTimeoutError",
    "StoreError",
    "TooManyRequestsError",
    "UnauthorizedError",
    "UnsupportedMediaTypeError",
]


class KGError(Exception):
    """Base class of every llmkg error."""

    status: int = 500
    exit_code: int = 1

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: seconds a client should wait before trying again (the API sends ``Retry-After``)
        self.retry_after = retry_after


class NotFoundError(KGError):
    """A named thing (entity, document, graph) is not in the store.

    ``searched`` is the name looked up, when a search could find what was meant: each edge
    turns it into its own hint (the CLI names ``llmkg search``, the API ``GET /api/entities``),
    so the library says nothing about either.
    """

    status = 404
    exit_code = 3

    def __init__(self, message: str, *, searched: str | None = None) -> None:
        super().__init__(message)
        self.searched = searched


class InvalidInputError(KGError):
    """An argument is malformed: an unknown format, an IRI that is not one, a bad option."""

    status = 400
    exit_code = 2


class InvalidQueryError(InvalidInputError):
    """A SPARQL query does not parse or is not allowed."""


class NotAcceptableError(InvalidInputError):
    """None of the media types the client accepts can hold this kind of result."""

    status = 406


class PayloadTooLargeError(InvalidInputError):
    """A request body is larger than the configured cap."""

    status = 413


class UnsupportedMediaTypeError(InvalidInputError):
    """A request body's media type is not one the route accepts."""

    status = 415


class TooManyRequestsError(KGError):
    """A client sent more requests than its rate limit allows; ``retry_after`` says when to resume."""

    status = 429
    exit_code = 7


class UnauthorizedError(KGError):
    """A write came without a token, or with the wrong one."""

    status = 401
    exit_code = 6


class ForbiddenError(KGError):
    """The operation is not allowed here: SPARQL updates, or writes when none are enabled."""

    status = 403
    exit_code = 6


class StoreError(KGError):
    """The store cannot be opened or used."""

    status = 503
    exit_code = 4


class QueryTimeoutError(StoreError):
    """A query ran past its deadline (or no query slot was free); the server goes on."""


class QueryResourceError(StoreError):
    """A query's worker process hit its memory limit or died; it was replaced, the server goes on."""


class IngestError(KGError):
    """A document could not be ingested; nothing of it was stored."""

    status = 422
    exit_code = 5


class LoaderError(IngestError):
    """A source file could not be read as a document."""


class ExtractionError(IngestError):
    """The extraction pipeline failed on a document."""

    status = 500


class ExecutorError(IngestError):
    """Parallel ingestion cannot run: the Dask scheduler is unreachable, has no workers, or its
    workers run another llmkg version (or none)."""

    status = 503
