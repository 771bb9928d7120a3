"""Liveness: answers while queries run, and says what the store holds."""

from __future__ import annotations

from fastapi import APIRouter

from kg import __version__

from ..deps import ServiceDep
from ..models import Health

__all__ = ["router"]

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health)
async def health(service: ServiceDep) -> Health:
    """Service status and store size (counted again only after a write: :meth:`Service.counts`)."""
    quads, documents = await service.counts()
    token = service.settings.api_token
    return Health(ok=True, version=__version__, store=service.store.location, quads=quads,
                  documents=documents, writable=token is not None and bool(token.get_secret_value()))
