"""llmkg core: the store, queries, lineage, exports, validation and the CLI.

Importing ``kg`` opens no store and builds no pipeline: call :func:`open_store`.
"""

from .errors import (
    ExtractionError,
    IngestError,
    InvalidInputError,
    InvalidQueryError,
    KGError,
    LoaderError,
    NotFoundError,
    StoreError,
)
from .settings import Settings, get_settings
from .store import KGStore, open_store
from .vocab import LK

__version__ = "0.1.0"

__all__ = [
    "LK",
    "ExtractionError",
    "IngestError",
    "InvalidInputError",
    "InvalidQueryError",
    "KGError",
    "KGStore",
    "LoaderError",
    "NotFoundError",
    "Settings",
    "StoreError",
    "get_settings",
    "open_store",
]
