"""Open a store by where it is: a directory (or nothing, in memory) is the embedded Oxigraph
store (:mod:`kg.store`), an http(s) URL a SPARQL server (:mod:`kg.remote`).

Imports run one way: this module uses both, :mod:`kg.remote` uses :mod:`kg.store`, and
:mod:`kg.store` uses neither.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .remote import RemoteStore, is_store_url
from .store import KGStore

if TYPE_CHECKING:
    from .settings import Settings

__all__ = ["open_store"]


def open_store(path: Path | str | None, *, read_only: bool = False,
               settings: Settings | None = None) -> KGStore:
    """Open (creating if needed) the store at ``path``; ``None`` for an in-memory store.

    An http(s) URL (a string) opens a :class:`kg.remote.RemoteStore` on that SPARQL server
    instead (same interface; ``settings`` give its credentials and timeouts, default
    :func:`kg.settings.get_settings`); see docs/remote-store.md.

    Raises:
        StoreError: the store is locked by another process, or is not a store; a server cannot
            be reached or is not a SPARQL endpoint.

    >>> with open_store(None) as store:
    ...     len(store) > 0   # the ontology graph is loaded on open
    True
    """
    if is_store_url(path):
        return RemoteStore(path, read_only=read_only, settings=settings)  # type: ignore[return-value]
    return KGStore(None if path is None else Path(path), read_only=read_only)
