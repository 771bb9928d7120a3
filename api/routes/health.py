"""Liveness: answers while queries run, and says what the store holds."""

from __future__ import annotations

from fastapi import APIRouter

from kg import __version__
from kg.terms import META_GRAPH

from ..deps import ServiceDep
from ..models import Health

__all__ = ["router"]

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health)
async def health(service: ServiceDep) -> Health:
    """Service status and store size."""
    store = service.store
    docs = store.select(f"SELECT (COUNT(?d) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> {{ ?d a lk:Document }} }}")
    token = service.settings.api_token
    return Health(ok=True, version=__version__, store=store.location, quads=len(store),
                  documents=int(docs[0]["n"]) if docs else 0,
                  writable=token is not None and bool(token.get_secret_value()))
