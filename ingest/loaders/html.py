"""HTML pages: the article's text without the page around it, and the page's metadata.

A page from a file or an upload is parsed in a child process with the PDF parser's time and
memory limits: libxml2 and the tree walk can take minutes on small hostile pages (see
``_html_worker.py``), and the ingesting process (the API server) must not. The child is forked
by a parser server that imported the extractors once (:func:`_parse_page`), or is a fresh
process when no server answers. There,
``_html_main.py`` takes the article by the vote of five main-content extractors (trafilatura in
two modes, readability, jusText and the own picker of ``_html_tree.py``) over the page's rendered
blocks; see docs/extraction.md, "Web pages". Rows I5-I7 and I17 of ``docs/hardening.md`` list
what is refused (over the size cap, nested deeper than ``html_max_depth``) and what never becomes
text (scripts, attributes, entities).

Title, date, canonical URL, publisher, author and document type come from the page's metadata
(Open Graph, ``article:*`` meta, JSON-LD, ``<title>``, ``<time>``), in that order of trust.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import lxml.html

from kg.errors import LoaderError
from kg.sandbox import end_child
from kg.terms import is_safe_iri, normalize_text

from ..records import Document
from ._html_tree import main_text, page_facts
from .base import LoadLimits, decode_bytes, guess_doc_type, parse_date, run_parser

__all__ = ["html_metadata", "load_html", "main_text"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_WORKER = Path(__file__).with_name("_html_worker.py")
#: how long past the page's own deadline the parent waits for the parser server to answer
_SERVER_GRACE_S = 10.0


class _ParserServer:
    """One ``_html_worker.py --serve`` process: it imports the extractors once and forks a child
    per page, under the page's time and memory limits (see ``_html_worker.py``)."""

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.proc = subprocess.Popen([sys.executable, "-I", str(_WORKER), "--serve"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)

    def parse(self, data: bytes, limits: LoadLimits) -> tuple[str, bytes]:
        """The child's status ("ok", "timeout", "died N") and JSON answer for one page.

        Raises:
            OSError: the server is gone or did not answer in time (it is then stopped).
        """
        assert self.proc.stdin is not None and self.proc.stdout is not None
        header = {"size": len(data), "max_depth": limits.html_max_depth,
                  "memory_mb": limits.parse_memory_mb, "timeout_s": limits.parse_timeout_s}
        try:
            self.proc.stdin.write(json.dumps(header).encode() + b"\n" + data)
            self.proc.stdin.flush()
            deadline = time.monotonic() + limits.parse_timeout_s + _SERVER_GRACE_S
            reply = json.loads(_read_line(self.proc.stdout, deadline))
            return reply["status"], _read_exactly(self.proc.stdout, int(reply["size"]), deadline)
        except (OSError, ValueError, KeyError, TypeError) as e:
            self.close()
            raise OSError(f"the HTML parser server failed ({e})") from e

    def close(self) -> None:
        """Stop the server (only this process's own: a forked process just lets go of its copy)."""
        end_child(self.proc, kill=self.owner == os.getpid())


def _wait_readable(stream: IO[bytes], deadline: float) -> None:
    left = deadline - time.monotonic()
    if left <= 0 or not select.select([stream], [], [], left)[0]:
        raise OSError("no answer before the deadline")


def _read_line(stream: IO[bytes], deadline: float) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        _wait_readable(stream, deadline)
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            raise OSError("the server closed its output")
        line += chunk
    return line


def _read_exactly(stream: IO[bytes], size: int, deadline: float) -> bytes:
    parts: list[bytes] = []
    while size:
        _wait_readable(stream, deadline)
        chunk = os.read(stream.fileno(), min(size, 1 << 20))
        if not chunk:
            raise OSError("the server closed its output")
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)


#: idle parser servers of this process (a thread takes one, or starts one, for each page)
_IDLE: list[_ParserServer] = []
_IDLE_LOCK = threading.Lock()


def _close_idle() -> None:
    with _IDLE_LOCK:
        while _IDLE:
            _IDLE.pop().close()


atexit.register(_close_idle)


def _take_server() -> _ParserServer:
    with _IDLE_LOCK:
        while _IDLE:
            server = _IDLE.pop()
            if server.owner == os.getpid() and server.proc.poll() is None:
                return server
            server.close()  # dead, or inherited by a forked process from its parent
    return _ParserServer()


def _parse_page(data: bytes, source: str, limits: LoadLimits) -> Any:
    """The page's reading from a forked child of a parser server (the extractors are imported
    once per server, not once per page); from a fresh child process if no server can be had.

    Raises:
        LoaderError: the child's error, the deadline, or "resource limit" when it died.
    """
    try:
        server = _take_server()
        status, answer = server.parse(data, limits)
    except OSError:
        return run_parser(_WORKER, [str(limits.html_max_depth)], data, source=source, what="HTML",
                          limits=limits)
    with _IDLE_LOCK:
        _IDLE.append(server)
    if status == "timeout":
        raise LoaderError(f"{source}: HTML parsing took longer than {limits.parse_timeout_s:g} s "
                          "(killed)")
    try:
        page = json.loads(answer)
    except (json.JSONDecodeError, UnicodeDecodeError):
        code = status.removeprefix("died ") if status.startswith("died ") else "0"
        raise LoaderError(f"{source}: resource limit: the HTML parser died (exit code {code})") from None
    if not isinstance(page, dict) or not ("ok" in page or "error" in page):
        raise LoaderError(f"{source}: the HTML parser gave no answer")
    if "error" in page:
        raise LoaderError(f"{source}: {page['error']}")
    return page["ok"]


def _decode(data: bytes, source: str) -> str:
    """Decode with the page's declared charset when it has one, else as any text file."""
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        enc = m.group(1).decode("ascii").lower()
        if enc not in ("utf-8", "utf8"):
            try:
                return decode_bytes(data.decode(enc, errors="replace").encode("utf-8"), source)
            except LookupError:
                pass  # unknown charset name: fall back to sniffing
    return decode_bytes(data, source)


def _finish_meta(facts: dict[str, Any]) -> dict[str, Any]:
    """The page's metadata as document fields: a normalised title, the first date that parses,
    the first canonical URL that is a safe http(s) IRI."""
    url = next((u for u in facts["urls"] if u.startswith(("http://", "https://")) and is_safe_iri(u)),
               None)
    date = next((d for d in map(parse_date, facts["dates"]) if d is not None), None)
    return {"title": normalize_text(facts["title"]).strip(), "date": date, "url": url,
            "publisher": facts["publisher"], "author": facts["author"],
            "schema_type": facts["schema_type"]}


def html_metadata(root: lxml.html.HtmlElement) -> dict[str, Any]:
    """Title, date, canonical URL, publisher, author and schema type of a parsed page."""
    return _finish_meta(page_facts(root))


def load_html(data: bytes, source: str, limits: LoadLimits | None = None) -> list[Document]:
    """Load an HTML page: its main content as text, its metadata as the document's fields.

    Raises:
        LoaderError: not text, not parseable, nested deeper than ``html_max_depth``, over the
            parser's time or memory limit, or no article text in it.
    """
    limits = limits or LoadLimits()
    raw = _decode(data, source)
    page = _parse_page(raw.encode("utf-8"), source, limits)
    meta = _finish_meta(page["meta"])
    page_text = normalize_text(page["page_text"])
    text = normalize_text(page["text"]).strip()
    if len(text) < 20:
        raise LoaderError(f"{source}: no article text found in the page")
    title = meta["title"] or text.split("\n", 1)[0][:200]
    # the headline leads the text (offsets index this text); most pages repeat it in an <h1>
    if title and title.casefold() not in text[:500].casefold():
        text = f"{title}\n\n{text}"
    schema = meta["schema_type"]
    if schema in (None, "article"):
        guessed = guess_doc_type(page_text)
        doc_type = guessed if guessed != "Document" else ("NewsArticle" if schema else "WebPage")
    else:
        doc_type = schema
    extra = {k: meta[k] for k in ("author",) if meta[k]}
    return [Document(text=text, source=source, title=title, url=meta["url"], date=meta["date"],
                     doc_type=doc_type, media_type="text/html", publisher=meta["publisher"],
                     metadata=extra)]
