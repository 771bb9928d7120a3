"""HTML pages: the article's text without the page around it, and the page's metadata.

Main-content extraction in three steps, each a small pure function over an lxml tree:

1. :func:`_strip_furniture` drops what is never content: scripts, styles, forms, navigation,
   asides, footers, hidden elements, and every element whose class, id or role names page
   furniture (cookie banners, ads, "trending" boxes, newsletter and sign-in prompts, share bars,
   related-article lists, comments).
2. :func:`_main_element` picks the article: ``itemprop=articleBody``, then the largest
   ``<article>``, then ``<main>``/``role=main``, else the element whose paragraphs hold the most
   text (the readability heuristic: a paragraph's text counts for its parent, half for its
   grandparent; link text does not count).
3. :func:`_render` writes the element as text: one block per paragraph, heading or list item,
   tables as Markdown pipe tables (so results tables are read like Markdown ones).

Title, date, canonical URL, publisher, author and document type come from the page's metadata
(Open Graph, ``article:*`` meta, JSON-LD, ``<title>``, ``<time>``), in that order of trust.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html

from kg.errors import LoaderError
from kg.terms import is_safe_iri, normalize_text

from ..records import Document
from .base import LoadLimits, decode_bytes, guess_doc_type, parse_date

__all__ = ["html_metadata", "load_html", "main_text"]

#: elements that never hold article text
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
              "embed", "form", "button", "input", "select", "textarea", "nav", "aside", "footer",
              "dialog", "figure", "picture", "video", "audio", "map", "menu", "head")
#: class/id words that mark page furniture (matched as whole words of the attribute)
_FURNITURE = frozenset("""
    cookie cookies consent gdpr cmp ad ads advert adverts advertisement advertising adslot
    sponsored sponsor promo promoted newsletter subscribe subscription signup signin login
    register paywall share sharing social related trending popular recommended recommendations
    recirc more-stories comments comment sidebar breadcrumb breadcrumbs navbar nav menu footer
    masthead modal popup overlay outbrain taboola toolbar skip byline author-bio tags widget
    banner teaser next-article read-next disclosure affiliate
""".split())
_ROLE_FURNITURE = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                             "dialog", "alert", "alertdialog"})
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4",
                         "h5", "h6", "ul", "ol", "li", "table", "tr", "pre", "blockquote", "dl",
                         "dt", "dd", "br", "hr", "address", "details", "summary", "caption"})
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_TYPE_MAP = {"newsarticle": "NewsArticle", "reportagenewsarticle": "NewsArticle",
             "analysisnewsarticle": "NewsArticle", "blogposting": "BlogPost",
             "scholarlyarticle": "Paper", "techarticle": "BlogPost", "article": "NewsArticle"}
_SITE_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


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


def _parse(text: str, source: str) -> lxml.html.HtmlElement:
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as e:
        raise LoaderError(f"{source}: not a parseable HTML page ({e})") from e
    if root is None:
        raise LoaderError(f"{source}: not a parseable HTML page")
    return root


def _words(el: lxml.html.HtmlElement) -> set[str]:
    attrs = " ".join(el.get(a, "") for a in ("class", "id")).lower()
    words = set(_WORD_SPLIT.split(attrs))
    # compound class names: "cookie-banner", "ad-slot", "related-posts", "more-stories"
    words.update(re.findall(r"[a-z]+-[a-z]+", attrs))
    return words


def _is_furniture(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if el.get("role", "").lower() in _ROLE_FURNITURE:
        return True
    return bool(_words(el) & _FURNITURE)


def _strip_furniture(root: lxml.html.HtmlElement) -> None:
    """Remove, in place, every element that is page furniture (see the module docstring)."""
    doomed = list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction, *_DROP_TAGS))
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag not in ("html", "body") and _is_furniture(el):
            doomed.append(el)
    # a page header outside the article (site name, menus) is furniture; an article's own
    # <header> (headline, standfirst) is not
    doomed.extend(h for h in root.iter("header")
                  if not any(a.tag in ("article", "main") for a in h.iterancestors()))
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _strip_link_lists(main: lxml.html.HtmlElement) -> None:
    """Remove short blocks that are mostly links ("Read more: ...", tag clouds, story lists)."""
    for el in list(main.iter("ul", "ol", "p", "div", "section")):
        if el is main or el.getparent() is None:
            continue
        n = _text_len(el)
        if 0 < n < 300 and _link_len(el) >= 0.7 * n:
            el.drop_tree()


def _text_len(el: lxml.html.HtmlElement) -> int:
    return len(" ".join(el.text_content().split()))


def _link_len(el: lxml.html.HtmlElement) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _main_element(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element holding the article (see the module docstring)."""
    body = root.find("body")
    body = body if body is not None else root
    for candidates in (root.xpath('//*[@itemprop="articleBody"]'), list(root.iter("article")),
                       list(root.iter("main")) + root.xpath('//*[@role="main"]')):
        best = max(candidates, key=_text_len, default=None)
        if best is not None and _text_len(best) >= 200:
            return best
    scores: dict[lxml.html.HtmlElement, float] = {}
    for p in root.iter("p", "pre", "td", "li"):
        n = _text_len(p) - _link_len(p)
        if n < 25:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        score = 1 + n / 100 + p.text_content().count(",")
        scores[parent] = scores.get(parent, 0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        return body
    return max(scores, key=lambda e: scores[e])


def _cell_text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split()).replace("|", "/")


def _table(el: lxml.html.HtmlElement) -> str:
    rows = [[_cell_text(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            for tr in el.iter("tr")]
    rows = [r for r in rows if any(r)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines.extend("| " + " | ".join(r) + " |" for r in rows[1:])
    return "\n".join(lines)


def _blocks(el: lxml.html.HtmlElement) -> Iterator[str]:
    """Yield the text blocks of ``el`` in document order."""
    inline: list[str] = []

    def flush() -> Iterator[str]:
        text = " ".join("".join(inline).split())
        inline.clear()
        if text:
            yield text

    if el.text:
        inline.append(el.text)
    for child in el:
        if not isinstance(child.tag, str):
            if child.tail:
                inline.append(child.tail)
            continue
        tag = child.tag.lower()
        if tag == "table":
            yield from flush()
            table = _table(child)
            if table:
                yield table
        elif tag == "li":
            yield from flush()
            for i, block in enumerate(_blocks(child)):
                yield ("- " + block) if i == 0 else block
        elif tag in _BLOCK_TAGS:
            yield from flush()
            yield from _blocks(child)
        else:
            inline.append(child.text_content())
        if child.tail:
            inline.append(child.tail)
    yield from flush()


def main_text(root: lxml.html.HtmlElement) -> str:
    """The article text of a parsed page: blocks separated by blank lines."""
    _strip_furniture(root)
    main = _main_element(root)
    _strip_link_lists(main)
    blocks = [b for b in _blocks(main) if b.strip()]
    return "\n\n".join(blocks)


def _meta(root: lxml.html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = m.get("content")
        if key and content and key not in out:
            out[key] = " ".join(content.split())
    return out


def _json_ld(root: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            found.append(node)
            walk(node.get("@graph"))

    for s in root.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(s.text or ""))
        except (json.JSONDecodeError, RecursionError):
            continue
    return found


def _ld_value(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list) and value:
        value = value[0].get("name") if isinstance(value[0], dict) else value[0]
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def html_metadata(root: lxml.html.HtmlElement) -> dict[str, Any]:
    """Title, date, canonical URL, publisher, author and schema type of a parsed page."""
    meta = _meta(root)
    ld = [n for n in _json_ld(root) if isinstance(n.get("@type"), str | list)]
    article = next((n for n in ld if any(str(t).lower() in _TYPE_MAP for t in (
        n["@type"] if isinstance(n["@type"], list) else [n["@type"]]))), {})
    title_el = root.find(".//title")
    page_title = " ".join(title_el.text_content().split()) if title_el is not None else ""
    h1 = root.find(".//h1")
    title = (meta.get("og:title") or meta.get("twitter:title") or _ld_value(article, "headline")
             or _strip_site(page_title) or (" ".join(h1.text_content().split()) if h1 is not None else ""))
    date = None
    for key in ("article:published_time", "og:article:published_time", "datepublished",
                "citation_publication_date", "citation_date", "dc.date", "dcterms.date", "date",
                "pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date"):
        date = date or parse_date(meta.get(key))
    date = date or parse_date(_ld_value(article, "datePublished"))
    if date is None:
        t = root.find(".//time[@datetime]")
        date = parse_date(t.get("datetime")) if t is not None else None
    url = None
    for cand in [*(link.get("href") for link in root.xpath('//link[@rel="canonical"]')),
                 meta.get("og:url")]:
        if cand and cand.startswith(("http://", "https://")) and is_safe_iri(cand):
            url = cand
            break
    types = article.get("@type", []) if article else []
    types = types if isinstance(types, list) else [types]
    schema_type = next((_TYPE_MAP[str(t).lower()] for t in types if str(t).lower() in _TYPE_MAP), None)
    if schema_type is None and meta.get("og:type", "").lower() == "article":
        schema_type = "article"
    return {
        "title": normalize_text(title).strip(),
        "date": date,
        "url": url,
        "publisher": meta.get("og:site_name") or _ld_value(article, "publisher"),
        "author": meta.get("author") or meta.get("article:author") or _ld_value(article, "author"),
        "schema_type": schema_type,
    }


def _strip_site(title: str) -> str:
    """``"Headline | Site"`` -> ``"Headline"`` (the longest part)."""
    parts = _SITE_SUFFIX.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


def load_html(data: bytes, source: str, limits: LoadLimits | None = None) -> list[Document]:  # noqa: ARG001
    """Load an HTML page: its main content as text, its metadata as the document's fields."""
    raw = _decode(data, source)
    root = _parse(raw, source)
    meta = html_metadata(root)
    page_text = normalize_text(" ".join(root.text_content().split()))
    text = normalize_text(main_text(root)).strip()
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
