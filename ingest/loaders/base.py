"""What every loader shares: limits, decoding, titles, dates and the document-type guess."""

from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import LoaderError
from kg.terms import normalize_text

from ..records import Document

if TYPE_CHECKING:
    from kg.settings import Settings

__all__ = ["LoadLimits", "Loader", "clean_document", "clean_text", "decode_bytes", "first_line_title",
           "guess_doc_type", "parse_date", "run_parser"]


@dataclass(frozen=True)
class LoadLimits:
    """Resource limits for reading one file (see ``docs/settings.md``)."""

    max_bytes: int = 20_000_000
    pdf_max_pages: int = 500
    parse_timeout_s: float = 60.0
    parse_memory_mb: int = 2048
    html_max_depth: int = 1000

    @classmethod
    def from_settings(cls, settings: Settings) -> LoadLimits:
        """The limits configured in ``settings``."""
        return cls(max_bytes=settings.max_file_bytes, pdf_max_pages=settings.pdf_max_pages,
                   parse_timeout_s=settings.parse_timeout_s, parse_memory_mb=settings.parse_memory_mb,
                   html_max_depth=settings.html_max_depth)


def run_parser(worker: Path, args: Sequence[str], data: bytes, *, source: str, what: str,
               limits: LoadLimits) -> Any:
    """Run a parser worker script (``_pdf_worker.py``, ``_html_worker.py``) in a child Python.

    The child gets ``data`` on standard input and ``args`` then the memory allowance
    (``parse_memory_mb``, which it applies to itself as ``RLIMIT_AS``) as arguments; it answers
    one JSON object, ``{"ok": ...}`` or ``{"error": "..."}``. It is killed at the deadline
    (``parse_timeout_s``); a child that dies (memory limit, crash) gives no answer.

    Raises:
        LoaderError: the child's error, the deadline, or "resource limit" when it died.
    """
    cmd = [sys.executable, "-I", str(worker), *args, str(limits.parse_memory_mb)]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=limits.parse_timeout_s,
                              check=False)
    except subprocess.TimeoutExpired:
        raise LoaderError(f"{source}: {what} parsing took longer than {limits.parse_timeout_s:g} s "
                          "(killed)") from None
    try:
        answer = json.loads(proc.stdout)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise LoaderError(f"{source}: resource limit: the {what} parser died (exit code "
                          f"{proc.returncode})") from None
    if not isinstance(answer, dict) or not ("ok" in answer or "error" in answer):
        raise LoaderError(f"{source}: the {what} parser gave no answer (exit code {proc.returncode})")
    if "error" in answer:
        raise LoaderError(f"{source}: {answer['error']}")
    return answer["ok"]


#: a loader: raw bytes, the source name and the limits -> one or more documents
Loader = Callable[[bytes, str, LoadLimits], list[Document]]

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
#: the sentences tools write into the cards they make (mergekit's, the quantizers'): a card, even
#: copied without its front matter and citing papers
_CARD_TEMPLATE = re.compile(
    r"merge of pre-?trained language models created using|this model was merged using|"
    r"is a merge of the following models|"
    r"(?m:^\W*(?:\w+\s+){0,2}(?:quanti[sz]ations|quants)\s+of\s)", re.IGNORECASE)
_CARD_KEYS = {"base_model", "base_model_relation", "pipeline_tag", "library_name", "model-index"}


def clean_text(value: str) -> str:
    """Text fit for a literal: lone surrogates become U+FFFD, then :func:`~kg.terms.normalize_text`.

    Surrogates come from text that was never bytes: JSON's ``"\\ud800"``, or file names decoded
    with ``surrogateescape``. A pair written as two escapes is joined into its character; a lone
    one is replaced (like a bad byte when decoding), not dropped. NFC, no NUL, no C0 or C1
    control but tab and newline (tabs become spaces).

    >>> clean_text("caf\\udce9\\x00 \\ud83d\\ude00")
    'caf\ufffd 😀'
    """
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return normalize_text(value)


def _clean_value(value: object) -> object:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_value(v) for v in value]
    if isinstance(value, set | frozenset):  # YAML's !!set
        return {_clean_value(v) for v in value}
    return value


def clean_document(doc: Document) -> Document:
    """The document with every string in it passed through :func:`clean_text`.

    Every document goes through this before it is extracted and stored (the loaders and
    :func:`ingest.pipeline.ingest_document` call it), so no literal in the store holds a NUL, a
    control character or a surrogate, whatever the input's encoding. The loaders' text is already
    normalised (this is idempotent), so evidence offsets stay valid.
    """
    cleaned = replace(
        doc, text=clean_text(doc.text), source=clean_text(doc.source) or "unnamed",
        title=clean_text(doc.title),
        publisher=clean_text(doc.publisher) if doc.publisher is not None else None,
        metadata=_clean_value(doc.metadata))  # type: ignore[arg-type]
    return doc if cleaned == doc and cleaned.metadata == doc.metadata else cleaned


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
    if markdown and (re.search(r"model card", head, re.IGNORECASE) or _CARD_TEMPLATE.search(head)):
        return "ModelCard"
    if len(_NEWS_MARKERS.findall(text)) >= 2:
        return "NewsArticle"
    if _PAPER_MARKERS.search(head):
        return "Paper"
    return "BlogPost" if markdown else "Document"


#: a template's section headings, never a title (``ingest/patterns/card_headings.txt``)
_SECTION_HEADINGS_PATH = Path(__file__).resolve().parents[1] / "patterns" / "card_headings.txt"


def _section_heading_pattern(path: Path = _SECTION_HEADINGS_PATH) -> re.Pattern[str]:
    lines = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    alternatives = [ln for ln in lines if ln and not ln.startswith("#")]
    return re.compile(r"(?:\d+(?:\.\d+)*\.?\s*)?(?:" + "|".join(f"(?:{a})" for a in alternatives)
                      + r")[\s.:!?]*", re.IGNORECASE)


_SECTION_HEADING = _section_heading_pattern()
_BUILD_FILES_WORD = re.compile(
    r"\b(GGUF|GGML|GPTQ|AWQ|EXL2|EXL3|MLX)\s+(?:quanti[sz]ations?|quants|files)\s*$", re.IGNORECASE)
#: a line that is only an image or a badge: ``![alt](…)``, ``<img …>``, ``[![…](…)](…)``
_IMAGE_LINE = re.compile(r"\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?|<img\b[^>]*>|<(?:p|div|center)\b[^>]*>")


def first_line_title(text: str) -> str:
    """The headline: the first line that is not page furniture (cookie banners, bylines), an
    image or badge line, or a template's section heading ("## Introduction", "## Model Details"
    open many cards: the model's name is elsewhere)."""
    first = ""
    for raw in text.splitlines()[:40]:
        heading = raw.lstrip().startswith("#")
        line = raw.strip().lstrip("#").strip().strip("*_").strip()
        if not line or _IMAGE_LINE.fullmatch(line) or _SECTION_HEADING.fullmatch(line):
            continue
        # "Kestrel-7B GGUF Quantizations": the heading names the build, the last word its files
        line = _BUILD_FILES_WORD.sub(r"\1", line)
        first = first or line
        if _BOILERPLATE_LINE.search(line) or len(line) > 200 or (
                len(line.split()) < 3 and not heading):
            continue
        return line
    return first[:197] + "..." if len(first) > 200 else first


def parse_date(value: object) -> date | None:
    """A date from a YAML date or a string starting ``YYYY-MM-DD`` (or ``YYYY/MM/DD``)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})[-/](\d{2})[-/](\d{2})", value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


