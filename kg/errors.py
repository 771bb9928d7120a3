"""The one exception tree of llmkg.

Every error the library raises on purpose is a :class:`KGError`. Each class carries the HTTP
``status`` the API answers with; the CLI prints ``error: <message>`` and exits with ``exit_code``.
Lower-level exceptions (pyoxigraph ``SyntaxError``/``OSError``, rdflib parser errors, ``OSError``
from files) are caught at the one foreign call that raises them and re-raised from here.

::

    KGError (500)
    ├── NotFoundError (404)            unknown entity, document or graph
    ├── InvalidInputError (400)        a bad argument: unknown format, malformed IRI
    │   └── InvalidQueryError (400)    SPARQL that does not parse, or an update sent as a query
    ├── StoreError (503)               the store cannot be opened (locked, corrupt, not a store)
    └── IngestError (422)              a document could not be ingested (nothing was stored)
        ├── LoaderError (422)          unreadable, empty, binary or undecodable input
        └── ExtractionError (500)      the pipeline failed on a document
"""

from __future__ import annotations

__all__ = [
    "ExtractionError",
    "IngestError",
    "InvalidInputError",
    "InvalidQueryError",
    "KGError",
    "LoaderError",
    "NotFoundError",
    "StoreError",
]


class KGError(Exception):
    """Base class of every llmkg error."""

    status: int = 500
    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(KGError):
    """A named thing (entity, document, graph) is not in the store."""

    status = 404
    exit_code = 3


class InvalidInputError(KGError):
    """An argument is malformed: an unknown format, an IRI that is not one, a bad option."""

    status = 400
    exit_code = 2


class InvalidQueryError(InvalidInputError):
    """A SPARQL query does not parse or is not allowed."""


class StoreError(KGError):
    """The store cannot be opened or used."""

    status = 503
    exit_code = 4


class IngestError(KGError):
    """A document could not be ingested; nothing of it was stored."""

    status = 422
    exit_code = 5


class LoaderError(IngestError):
    """A source file could not be read as a document."""


class ExtractionError(IngestError):
    """The extraction pipeline failed on a document."""

    status = 500
