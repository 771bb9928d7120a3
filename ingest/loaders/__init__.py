"""Loaders: turn files (or raw bytes) into :class:`~ingest.records.Document` records.

One small function per format, chosen through the :data:`LOADERS` registry by file suffix. A
loader gets the raw bytes, the source name and the :class:`LoadLimits` and returns one or more
documents (a bundle of abstracts becomes one per paper).

==================  ==========================  =========================================
suffix              loader                      document type
==================  ==========================  =========================================
.txt .text          :func:`load_text`           guessed; a bundle of abstracts -> Papers
.md .markdown       :func:`load_markdown`       ModelCard with card front matter, else guessed
.html .htm .xhtml   :func:`load_html`           from the page's schema.org/Open Graph type
.pdf                :func:`load_pdf`            Paper
==================  ==========================  =========================================
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from kg.errors import LoaderError

from ..records import Document
from .base import Loader, LoadLimits, clean_document, clean_text, decode_bytes, guess_doc_type
from .html import load_html
from .pdf import load_pdf
from .text import load_markdown, load_text, split_bundle

__all__ = [
    "LOADERS",
    "LoadLimits",
    "clean_document",
    "clean_text",
    "decode_bytes",
    "discover_files",
    "guess_doc_type",
    "load_bytes",
    "load_html",
    "load_markdown",
    "load_path",
    "load_pdf",
    "load_text",
    "read_file",
    "sniff_suffix",
    "source_name",
    "split_bundle",
]

#: suffix -> loader
LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".text": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".xhtml": load_html,
    ".pdf": load_pdf,
}


def sniff_suffix(data: bytes) -> str:
    """The loader suffix for content of unknown type (standard input): PDF, HTML or Markdown."""
    head = data[:2048].lstrip().lower()
    if data[:1024].find(b"%PDF-") >= 0:
        return ".pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return ".html"
    return ".md"


def _unsupported(source: str, key: str) -> LoaderError:
    known = ", ".join(sorted(LOADERS))
    return LoaderError(f"{source}: unsupported file type {key or '(none)'!r} (known: {known})")


def load_bytes(data: bytes, source: str, *, suffix: str | None = None,
               limits: LoadLimits | None = None) -> list[Document]:
    """Load ``data`` with the loader for ``suffix`` (default: the suffix of ``source``)."""
    key = (suffix or Path(source).suffix).lower()
    loader = LOADERS.get(key)
    if loader is None:
        raise _unsupported(source, key)
    return [clean_document(d) for d in loader(data, source, limits or LoadLimits())]


def load_path(path: Path, *, max_bytes: int | None = None,
              limits: LoadLimits | None = None) -> list[Document]:
    """Read one file and load it.

    Raises:
        LoaderError: unreadable, too large, empty, binary or of an unsupported type.
    """
    limits = limits or LoadLimits()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    data = read_file(path, limits=limits)
    return load_bytes(data, source_name(path), suffix=path.suffix.lower(), limits=limits)


def read_file(path: Path, *, limits: LoadLimits) -> bytes:
    """The bytes of a file :func:`load_path` would load (no parsing): a regular file of a known
    type, not over ``limits.max_bytes``. Parallel ingestion reads files here, in the driver, and
    ships the bytes to its workers.

    Raises:
        LoaderError: not a file, too large, of an unsupported type, or unreadable.
    """
    if not path.is_file():
        raise LoaderError(f"{path}: not a file")
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise LoaderError(f"{path}: {size:,} bytes is over the limit of {limits.max_bytes:,} bytes "
                          "(max_file_bytes); nothing was read")
    key = path.suffix.lower()
    if key not in LOADERS:
        raise _unsupported(str(path), key)
    try:
        return path.read_bytes()
    except OSError as e:
        raise LoaderError(f"{path}: cannot read ({e.strerror})") from e


def source_name(path: Path | str) -> str:
    """The source name recorded for a file: its path, with any byte that was not UTF-8 in the
    file name (decoded by Python with ``surrogateescape``) shown as U+FFFD."""
    return clean_text(str(path))


def discover_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Yield the files named by ``paths``, walking folders recursively in sorted order.

    Hidden files and files of unknown type inside folders are skipped; a file named
    explicitly is always yielded (so an unsupported one gets a clear error).
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and child.suffix.lower() in LOADERS and not any(
                    p.startswith(".") for p in rel
                ) and child.name.lower() != "readme.md":
                    yield child
        else:
            yield path
