"""Loaders: turn files (or raw bytes) into :class:`~ingest.records.Document` records.

One small function per format, chosen through the :data:`LOADERS` registry by file suffix. A
loader gets the raw bytes and the source name and returns one or more documents (a bundle of
abstracts may become several). HTML and PDF loaders plug into the same registry.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

import yaml

from kg.errors import LoaderError
from kg.terms import is_safe_iri, normalize_text

from .records import Document

__all__ = [
    "LOADERS",
    "decode_bytes",
    "discover_files",
    "guess_doc_type",
    "load_bytes",
    "load_markdown",
    "load_path",
    "load_text",
]

Loader = Callable[[bytes, str], list[Document]]

_NEWS_MARKERS = re.compile(
    r"\b(?:next article|previous article|affiliate commission|sign in|log ?in|subscribe|"
    r"min read|newsletter|cookies?|reporting by|share this|related articles|trending|"
    r"advertisement|sponsored)\b",
    re.IGNORECASE,
)
#: lines that are page furniture, never a title
_BOILERPLATE_LINE = re.compile(
    r"cookie|affiliate|sign in|sign up|log ?in|subscribe|newsletter|min read|image via|"
    r"photo:|advertisement|sponsored|accept all|privacy|skip to|menu|share this|trending",
    re.IGNORECASE)
_PAPER_MARKERS = re.compile(r"^\s*abstract\b|\barxiv\b|\bwe (propose|introduce|present)\b",
                            re.IGNORECASE | re.MULTILINE)
_CARD_KEYS = {"base_model", "base_model_relation", "pipeline_tag", "library_name", "model-index"}


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data`` to normalised text: BOMs honoured, UTF-8 first, then cp1252.

    Raises:
        LoaderError: if the bytes are empty or look binary.
    """
    if not data.strip():
        raise LoaderError(f"{source}: empty file")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _non_empty(normalize_text(data.decode(enc, errors="replace")), source)
    sample = data[:8192]
    if sample.count(b"\x00") > len(sample) // 100 or sample.startswith(b"%PDF"):
        raise LoaderError(f"{source}: binary content, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # not UTF-8: legacy 8-bit text is mostly printable; compressed or random bytes are not
        texty = sum(1 for b in sample if 32 <= b < 127 or b in (9, 10, 13) or b >= 0xA0)
        if texty < 0.9 * len(sample):
            raise LoaderError(f"{source}: binary content, not text") from None
        text = data.decode("cp1252", errors="replace")
    return _non_empty(normalize_text(text), source)


def _non_empty(text: str, source: str) -> str:
    if not text.strip():
        raise LoaderError(f"{source}: empty file")
    return text


def guess_doc_type(text: str, *, markdown: bool = False, front_matter: dict[str, object]
                   | None = None) -> str:
    """Guess the document type (ModelCard, Paper, NewsArticle, BlogPost, Document) from its text."""
    if front_matter and _CARD_KEYS & set(front_matter):
        return "ModelCard"
    head = text[:3000]
    if re.search(r"model card", head, re.IGNORECASE) and markdown:
        return "ModelCard"
    if len(_NEWS_MARKERS.findall(text)) >= 2:
        return "NewsArticle"
    if _PAPER_MARKERS.search(head):
        return "Paper"
    return "BlogPost" if markdown else "Document"


def _first_line_title(text: str) -> str:
    """The headline: the first line that is not page furniture (cookie banners, bylines)."""
    first = ""
    for raw in text.splitlines()[:40]:
        heading = raw.lstrip().startswith("#")
        line = raw.strip().lstrip("#").strip().strip("*_").strip()
        if not line:
            continue
        first = first or line
        if _BOILERPLATE_LINE.search(line) or len(line) > 200 or (
                len(line.split()) < 3 and not heading):
            continue
        return line
    return first[:197] + "..." if len(first) > 200 else first


def _parse_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def load_text(data: bytes, source: str) -> list[Document]:
    """Load a plain-text file: the first line is the title."""
    text = decode_bytes(data, source)
    return [Document(text=text, source=source, title=_first_line_title(text),
                     doc_type=guess_doc_type(text), media_type="text/plain")]


_FRONT = re.compile(r"\A---\n(.*?)\n---\n?", re.DOTALL)


def load_markdown(data: bytes, source: str) -> list[Document]:
    """Load Markdown, with optional YAML front matter (model cards) kept as metadata.

    The front matter is not part of the text (offsets index the body); its fields are in
    ``Document.metadata["front_matter"]``.
    """
    raw = decode_bytes(data, source)
    front: dict[str, object] = {}
    body = raw
    m = _FRONT.match(raw)
    if m:
        try:
            parsed = yaml.safe_load(m.group(1))
        except yaml.YAMLError as e:
            raise LoaderError(f"{source}: front matter is not valid YAML ({e})") from e
        if isinstance(parsed, dict):
            front = {str(k): v for k, v in parsed.items()}
        body = raw[m.end():]
    if not body.strip():
        raise LoaderError(f"{source}: no text after the front matter")
    title = str(front.get("title") or front.get("model_name") or _first_line_title(body))
    url = front.get("url")
    if url is not None and not (isinstance(url, str) and is_safe_iri(url)
                                and url.startswith(("http://", "https://"))):
        raise LoaderError(f"{source}: front matter url {url!r} is not an http(s) IRI")
    return [Document(
        text=body, source=source, title=title,
        url=url if isinstance(url, str) else None,
        date=_parse_date(front.get("date")),
        doc_type=guess_doc_type(body, markdown=True, front_matter=front),
        media_type="text/markdown",
        metadata={"front_matter": front} if front else {},
    )]


#: suffix -> loader. HTML (.html, .htm) and PDF (.pdf) loaders register here too.
LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".text": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
}


def load_bytes(data: bytes, source: str, *, suffix: str | None = None) -> list[Document]:
    """Load ``data`` with the loader for ``suffix`` (default: the suffix of ``source``)."""
    key = (suffix or Path(source).suffix).lower()
    loader = LOADERS.get(key)
    if loader is None:
        known = ", ".join(sorted(LOADERS))
        raise LoaderError(f"{source}: unsupported file type {key or '(none)'!r} (known: {known})")
    return loader(data, source)


def load_path(path: Path, *, max_bytes: int) -> list[Document]:
    """Read one file and load it.

    Raises:
        LoaderError: unreadable, too large, empty, binary or of an unsupported type.
    """
    if not path.is_file():
        raise LoaderError(f"{path}: not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise LoaderError(f"{path}: {size} bytes is over the limit of {max_bytes}")
    key = path.suffix.lower()
    if key not in LOADERS:
        known = ", ".join(sorted(LOADERS))
        raise LoaderError(f"{path}: unsupported file type {key or '(none)'!r} (known: {known})")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LoaderError(f"{path}: cannot read ({e.strerror})") from e
    return LOADERS[key](data, str(path))


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
