"""Documents: what was ingested, what was extracted from each, and ingest over HTTP."""

from __future__ import annotations

import json
import re
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Query, Request, Security
from fastapi.security import HTTPBearer

from ingest.pipeline import IngestReport, ingest_bytes
from kg.errors import IngestError, InvalidInputError, PayloadTooLargeError
from kg.lookups import DocumentDetail, DocumentSummary, Page, document, documents

from ..deps import Service, ServiceDep, StoreDep, WriterDep
from ..models import DocumentDetail as DocumentDetailModel
from ..models import DocumentSummary as DocumentSummaryModel
from ..models import ErrorBody, IngestResponse
from ..models import Page as PageModel
from .entities import IRI_PATTERN, check_iri

__all__ = ["read_capped", "router"]

router = APIRouter(tags=["documents"])

_ERRORS = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}
_WRITE_ERRORS = {400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                 413: {"model": ErrorBody},
                 422: {"model": ErrorBody, "description": "Nothing of the upload could be ingested"}}
#: a multipart upload is one file: at most this many other fields, each at most this long (bytes)
_MAX_FORM_FIELDS = 16
_MAX_FORM_FIELD_BYTES = 64 * 1024
#: media types a raw upload may have, and the loader each one means
_RAW_TYPES = {"text/plain": ".txt", "text/markdown": ".md", "text/html": ".html",
              "application/xhtml+xml": ".html", "application/pdf": ".pdf"}
_SAFE_NAME = re.compile(r"[^\w.\- ]+")
#: JSON may escape lone surrogates (`"\ud800"`), which are not Unicode text and cannot be UTF-8
_SURROGATE = re.compile("[\ud800-\udfff]")
#: declares the bearer token in the OpenAPI schema; the check itself is deps.require_writer's
_BEARER = HTTPBearer(auto_error=False, scheme_name="bearer",
                     description="The service's `LLMKG_API_TOKEN` (none configured: every write gets 403).")


@router.get("/api/documents", response_model=PageModel[DocumentSummaryModel], responses=_ERRORS)
def list_documents(store: StoreDep, offset: Annotated[int, Query(ge=0)] = 0,
                   limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Page[DocumentSummary]:
    """List the ingested documents."""
    return documents(store, offset=offset, limit=limit)


@router.get("/api/document", response_model=DocumentDetailModel, responses=_ERRORS)
def get_document(store: StoreDep,
                 iri: Annotated[str, Query(description="The document IRI.", max_length=2048,
                                           pattern=IRI_PATTERN)]) -> DocumentDetail:
    """One document and everything extracted from it, with evidence spans."""
    return document(store, check_iri(iri))


async def read_capped(request: Request, cap: int) -> bytes:
    """Read the request body, refusing it once it grows past ``cap`` bytes.

    The declared Content-Length is checked first; the streamed bytes are counted too, so a
    chunked or lying request cannot get past the cap.

    Raises:
        PayloadTooLargeError: the body is larger than ``cap``.
    """
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise PayloadTooLargeError(f"request body of {declared} bytes is over the limit of {cap}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise PayloadTooLargeError(f"request body is over the limit of {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


@router.post("/documents", response_model=IngestResponse, responses=_WRITE_ERRORS,
             dependencies=[Security(_BEARER)], openapi_extra={
    "requestBody": {"description": "A file (multipart field `file`), JSON `{text, source?, format?}`, "
                                   "or the raw content with its media type and `?source=name`.",
                    "content": {
                        "multipart/form-data": {"schema": {"type": "object", "properties": {
                            "file": {"type": "string", "format": "binary"}}, "required": ["file"]}},
                        "application/json": {"schema": {"type": "object", "properties": {
                            "text": {"type": "string"}, "source": {"type": "string"},
                            "format": {"type": "string", "enum": ["txt", "md", "html"]}},
                            "required": ["text"]}},
                        "text/plain": {"schema": {"type": "string"}},
                        "text/markdown": {"schema": {"type": "string"}},
                        "text/html": {"schema": {"type": "string"}},
                        "application/pdf": {"schema": {"type": "string", "format": "binary"}}}}})
async def post_document(request: Request, service: ServiceDep, _writer: WriterDep,
                        source: Annotated[str | None, Query(description="Name recorded as the source.")]
                        = None,
                        force: Annotated[bool, Query(description="Re-extract even if unchanged.")] = False,
                        ) -> IngestResponse:
    """Ingest one uploaded document (token required); all or nothing, idempotent."""
    body = await read_capped(request, service.settings.max_upload_bytes)
    data, name, suffix = await _content(request, body, source)
    report = await anyio.to_thread.run_sync(_ingest, service, data, name, suffix, force,
                                            limiter=service.write_limiter)
    failed = [o for o in report.outcomes if o.status == "failed"]
    quads, _ = await service.counts()
    response = IngestResponse(ok=not failed, outcomes=[o.__dict__ for o in report.outcomes], quads=quads)
    if failed and len(failed) == len(report.outcomes):
        raise IngestError("; ".join(o.error for o in failed))
    return response


def _ingest(service: Service, data: bytes, name: str, suffix: str | None, force: bool) -> IngestReport:
    nlp = service.nlp()
    with service.write_lock:  # one writer at a time; readers go on
        return ingest_bytes(data, name, settings=service.settings, store=service.store, nlp=nlp,
                            suffix=suffix, force=force)


def _clean_name(name: str | None, default: str) -> str:
    cleaned = _SAFE_NAME.sub("_", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return f"upload:{cleaned or default}"


async def _content(request: Request, body: bytes, source: str | None) -> tuple[bytes, str, str | None]:
    """The uploaded bytes, the source name to record, and the loader suffix (None: sniff)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        request._body = body  # noqa: SLF001 - the form parser reads the body we already capped
        # bounded like the body: one file, a few short fields (too many or too long: 400); the
        # form is closed on the way out, so a file spooled to disk is gone when the request ends
        async with request.form(max_files=1, max_fields=_MAX_FORM_FIELDS,
                                max_part_size=_MAX_FORM_FIELD_BYTES) as form:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise InvalidInputError("a multipart upload needs a file in the field 'file'")
            data = await upload.read()
            name = _clean_name(source or upload.filename, "document")
        return data, name, _suffix(name)
    if media == "application/json":
        try:
            payload = json.loads(body)
        except ValueError as e:
            raise InvalidInputError(f"the JSON body does not parse: {e}") from e
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise InvalidInputError("the JSON body needs a string field 'text'")
        wrong = [k for k in ("source", "format") if not isinstance(payload.get(k) or "", str)]
        if wrong:
            raise InvalidInputError(f"the JSON field {wrong[0]!r} must be a string")
        fmt = str(payload.get("format") or "md").lower().lstrip(".")
        if fmt not in ("txt", "md", "html"):
            raise InvalidInputError(f"format must be txt, md or html, got {fmt!r}")
        name = _clean_name(source or payload.get("source") or None, f"text.{fmt}")
        # a lone surrogate becomes U+FFFD, as invalid UTF-8 does when a file is decoded
        return _SURROGATE.sub("\ufffd", payload["text"]).encode("utf-8"), name, "." + fmt
    if media in _RAW_TYPES:
        name = _clean_name(source, "document" + _RAW_TYPES[media])
        return body, name, _RAW_TYPES[media]
    raise InvalidInputError(
        f"unsupported content type {media or '(none)'!r}: send multipart/form-data, application/json "
        f"or one of {', '.join(_RAW_TYPES)}")


def _suffix(name: str) -> str | None:
    m = re.search(r"\.[A-Za-z0-9]+$", name)
    return m.group().lower() if m else None
