"""llmkg core: the store, queries, lineage, exports, validation and the CLI.

Importing ``kg`` opens no store and builds no pipeline: call :func:`open_store`.
"""

from .errors import (
    ExtractionError,
    ForbiddenError,
    IngestError,
    InvalidInputError,
    InvalidQueryError,
    KGError,
    LoaderError,
    NotAcceptableError,
    NotFoundError,
    PayloadTooLargeError,
    QueryTimeoutError,
    StoreError,
    UnauthorizedError,
)
from .settings import Settings, get_settings
from .store import KGStore
from .stores import open_store
from .vocab import LK

__version__ = "0.1.0"

__all__ = [
    "LK",
    "ExtractionError",
    "ForbiddenError",
    "IngestError",
    "InvalidInputError",
    "InvalidQueryError",
    "KGError",
    "KGStore",
    "LoaderError",
    "NotAcceptableError",
    "NotFoundError",
    "PayloadTooLargeError",
    "QueryTimeoutError",
    "Settings",
    "StoreError",
    "UnauthorizedError",
    "get_settings",
    "open_store",
]
