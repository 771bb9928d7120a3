"""Administration: back up the served store without stopping the service (token required).

The serving process holds the store's lock, so ``llmkg backup`` from another process cannot open
it; this route takes the backup inside the server with the same library function
(:func:`kg.backup.backup_store`), into a new directory beside the store.
"""

from __future__ import annotations

from fastapi import APIRouter, Security
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from kg.backup import backup_store, next_backup_dir
from kg.errors import StoreError

from ..deps import ServiceDep, WriterDep
from ..models import ErrorBody

__all__ = ["BackupResponse", "router"]

router = APIRouter(tags=["admin"])
#: declares the bearer token in the OpenAPI schema (the same scheme as ``POST /documents``); the
#: check itself is deps.require_writer's (constant-time comparison)
_BEARER = HTTPBearer(auto_error=False, scheme_name="bearer",
                     description="The service's `LLMKG_API_TOKEN` (none configured: every write gets 403).")


class BackupResponse(BaseModel):
    """Where the backup was written and the manifest to check it by."""

    ok: bool = True
    path: str = Field(description="The backup directory on the server (restore it with `llmkg restore`).")
    created: str = Field(description="When the backup was taken (UTC).")
    llmkg_version: str
    quads: int = Field(description="Quads in the backup.")
    sha256: str = Field(description="SHA-256 of the backup's quads as sorted N-Quads lines.")
    files: int
    bytes: int
    seconds: float = Field(description="How long the backup took.")


@router.post("/admin/backup", response_model=BackupResponse,
             responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 503: {"model": ErrorBody}},
             dependencies=[Security(_BEARER)])
def post_backup(service: ServiceDep, _writer: WriterDep) -> BackupResponse:
    """Back up the served store (token required): a consistent copy beside it, with a manifest.

    Reads and writes go on while it runs; the backup holds every write committed before it.
    """
    if service.store.remote:
        from kg.remote import backup_refusal

        raise backup_refusal(service.store.location)
    path = service.store.path
    if path is None:
        raise StoreError("an in-memory store cannot be backed up: it is not durable")
    target = next_backup_dir(path)
    manifest = backup_store(service.store, target)
    return BackupResponse(path=str(target.resolve()), created=manifest.created,
                          llmkg_version=manifest.llmkg_version, quads=manifest.quads,
                          sha256=manifest.sha256, files=manifest.files, bytes=manifest.bytes,
                          seconds=manifest.seconds)
