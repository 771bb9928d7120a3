"""HTML pages: the article's text without the page around it, and the page's metadata.

A page from a file or an upload is parsed in a child process (``_html_worker.py``) with the PDF
parser's time and memory limits: libxml2 and the tree walk can take minutes on small hostile
pages (see ``_html_worker.py``), and the ingesting process (the API server) must not. There,
``_html_main.py`` takes the article by the vote of five main-content extractors (trafilatura in
two modes, readability, jusText and the own picker of ``_html_tree.py``) over the page's rendered
blocks; see docs/extraction.md, "Web pages". Rows I5-I7 and I17 of ``docs/hardening.md`` list
what is refused (over the size cap, nested deeper than ``html_max_depth``) and what never becomes
text (scripts, attributes, entities).

Title, date, canonical URL, publisher, author and document type come from the page's metadata
(Open Graph, ``article:*`` meta, JSON-LD, ``<title>``, ``<time>``), in that order of trust.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html

from kg.errors import LoaderError
from kg.terms import is_safe_iri, normalize_text

from ..records import Document
from ._html_tree import main_text, page_facts
from .base import LoadLimits, decode_bytes, guess_doc_type, parse_date, run_parser

__all__ = ["html_metadata", "load_html", "main_text"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_WORKER = Path(__file__).with_name("_html_worker.py")


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
    page = run_parser(_WORKER, [str(limits.html_max_depth)], raw.encode("utf-8"), source=source,
                      what="HTML", limits=limits)
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
