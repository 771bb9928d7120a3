"""The HTML page tree: parse a page with lxml, render it as text blocks, read its metadata.

This module imports nothing of llmkg (only lxml and the standard library), so the HTML parser's
child process (``_html_worker.py``) can load it by path; :mod:`ingest.loaders._html_main` picks
the article from the blocks rendered here, and :mod:`ingest.loaders.html` reads the metadata.

- :func:`parse` reads a page whole: libxml2's limits for ordinary input (a text node over 10 MB,
  an element nested 256 deep) make it drop the rest of the page *silently*, so they are lifted
  (``huge_tree``) and a page nested deeper than the caller's limit (or than libxml2's own hard
  limit, 2048) is refused instead.
- :func:`render` writes an element as :class:`Block` records in document order: one per
  paragraph, heading (``#`` prefixes), list item (``- ``), code block, caption, and data table
  (a Markdown pipe table, one row a line, so results tables are read like Markdown ones). A
  table used for layout, or an inline element wrapping paragraphs, is read as the blocks it
  holds, not flattened into one line.
- :func:`main_text` is llmkg's own article picker (one of the voters in ``_html_main``):
  drop page furniture (:func:`_strip_furniture`), pick the element holding the article
  (:func:`_main_element`), render it. An element whose class names furniture ("sidebar",
  "widget", "newsletter") but which holds most of the page's prose is the article's wrapper,
  not furniture, and is kept.
- :func:`page_facts` reads the metadata: title, dates, canonical URL, publisher, author, type.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

import lxml.etree
import lxml.html

__all__ = ["PARSER_MAX_DEPTH", "Block", "PageError", "depth", "main_text", "page_facts", "parse",
           "plain_text", "prose_weights", "render", "strip_code", "class_words", "is_data_table",
           "is_hidden"]

#: libxml2 stops nesting elements at this depth even with ``huge_tree`` (deeper ones are dropped)
PARSER_MAX_DEPTH = 2048

#: elements whose content is never text (dropped from metadata values and the page text)
_CODE_TAGS = ("script", "style", "noscript", "template")
#: elements never rendered: code, media, and the document head
_NEVER_TEXT = (*_CODE_TAGS, "svg", "canvas", "iframe", "object", "embed", "head", "math",
               "video", "audio", "map", "picture")
#: form controls: their labels are page furniture, unless a mis-nested page put the article in one
_CONTROLS = ("button", "select", "option", "textarea", "input")
#: elements that are furniture in an ordinary page (kept when they hold the article: see
#: :func:`_strip_furniture`)
_FURNITURE_TAGS = ("form", "nav", "aside", "footer", "dialog", "figure", "menu", *_CONTROLS)
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
#: elements that start a new block; any other element is inline (its text joins the line)
_BLOCK_TAGS = frozenset("""
    p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li table thead
    tbody tfoot tr td th pre blockquote dl dt dd br hr address details summary caption figure
    figcaption form fieldset legend center body html
""".split())
#: where a ``<br>`` breaks a block's line (the page's own newlines are spaces, as a browser shows them)
_LINE_BREAK = "\x1e"
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: a table cell holding one of these (or more than one paragraph, or a long text) is layout
_LAYOUT_IN_CELL = ("table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                   "nav", "form", "section", "article", "aside", "header", "footer", "main")
_CELL_MAX_CHARS = 400
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_TYPE_MAP = {"newsarticle": "NewsArticle", "reportagenewsarticle": "NewsArticle",
             "analysisnewsarticle": "NewsArticle", "blogposting": "BlogPost",
             "scholarlyarticle": "Paper", "techarticle": "BlogPost", "article": "NewsArticle"}
_SITE_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")
#: a paragraph counts as prose from this many characters (see :func:`prose_weights`)
_PROSE_MIN_CHARS = 80
#: an element holding this share of the page's prose is the article or wraps it
_ARTICLE_SHARE = 0.4


class PageError(ValueError):
    """The page cannot be read: it does not parse, or it is nested too deep."""


class Block(NamedTuple):
    """One block of a rendered page: its text, the element it came from, and its kind."""

    text: str
    element: lxml.html.HtmlElement
    #: "text", "heading", "item", "table", "code" or "caption"
    kind: str


def depth(root: lxml.etree._Element) -> int:
    """How many elements deep the tree goes (``<html>`` alone is 1), without recursion."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in el)
    return deepest


def parse(text: str, max_depth: int) -> lxml.html.HtmlElement:
    """Parse a whole page; refuse one nested more than ``max_depth`` elements deep.

    Raises:
        PageError: not parseable, or nested too deep.
    """
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise PageError(f"not a parseable HTML page ({e})") from e
    if root is None:
        raise PageError("not a parseable HTML page")
    deepest = depth(root)
    if deepest >= PARSER_MAX_DEPTH or deepest > max_depth:
        shown = f"at least {deepest}" if deepest >= PARSER_MAX_DEPTH else str(deepest)
        raise PageError(f"elements nested {shown} deep, over the limit of {max_depth} "
                        "(html_max_depth)")
    return root


def strip_code(root: lxml.html.HtmlElement) -> None:
    """Remove, in place, comments, processing instructions and elements that are never text."""
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction, *_NEVER_TEXT)):
        if el.getparent() is not None:
            el.drop_tree()


# ----------------------------------------------------------------------------- rendering


def _squash(text: str) -> str:
    return " ".join(text.replace(_LINE_BREAK, " ").split())


def _has_blocks(el: lxml.html.HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants())


def is_data_table(table: lxml.html.HtmlElement) -> bool:
    """Whether a ``<table>`` holds data (rows of cells), not a page laid out in cells.

    A layout table nests tables, or has a cell holding lists, headings, sections or menus, more
    than one paragraph, or a long text; a data table's cells hold words, numbers and at most a
    short wrapped line.
    """
    cells = list(table.iter("td", "th"))
    if not cells:
        return False
    for cell in cells:
        if len(_squash(cell.text_content())) >= _CELL_MAX_CHARS:
            return False
        if any(True for _ in cell.iter(*_LAYOUT_IN_CELL)):
            return False
        if sum(1 for _ in cell.iter("p", "div")) > 1:
            return False
    return True


def _cell_text(el: lxml.html.HtmlElement) -> str:
    return _squash(el.text_content()).replace("|", "/")


def _table(el: lxml.html.HtmlElement) -> str:
    """A data table as a Markdown pipe table: header row, separator, one row a line."""
    rows = [[_cell_text(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            for tr in el.iter("tr")]
    rows = [r for r in rows if any(r)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    if width == 1:  # a one-column "table" is a list of lines
        return "\n".join(r[0] for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines.extend("| " + " | ".join(r) + " |" for r in rows[1:])
    return "\n".join(lines)


def render(el: lxml.html.HtmlElement) -> list[Block]:
    """The blocks of ``el`` in document order (see the module docstring)."""
    out: list[Block] = []
    _render_into(el, out, "text")
    return out


def _render_into(el: lxml.html.HtmlElement, out: list[Block], kind: str) -> None:
    inline: list[str] = []

    def flush() -> None:
        lines = (_squash(line) for line in "".join(inline).split(_LINE_BREAK))
        text = "\n".join(line for line in lines if line)
        inline.clear()
        if text:
            out.append(Block(text, el, kind))

    if el.text:
        inline.append(el.text)
    for child in el:
        if not isinstance(child.tag, str):  # comment or processing instruction
            if child.tail:
                inline.append(child.tail)
            continue
        tag = child.tag.lower()
        if tag in _NEVER_TEXT:
            pass
        elif tag == "br":
            inline.append(_LINE_BREAK)
        elif tag in _HEADINGS:
            flush()
            text = _squash(child.text_content())
            if text:
                out.append(Block("#" * _HEADINGS[tag] + " " + text, child, "heading"))
        elif tag == "table" and is_data_table(child):
            flush()
            text = _table(child)
            if text:
                out.append(Block(text, child, "table"))
        elif tag == "pre":
            flush()
            text = "\n".join(line.rstrip() for line in child.text_content().strip("\n").split("\n"))
            if text.strip():
                out.append(Block(text, child, "code"))
        elif tag == "li":
            flush()
            first = len(out)
            _render_into(child, out, "item")
            if len(out) > first:
                out[first] = out[first]._replace(text="- " + out[first].text)
        elif tag in ("figcaption", "caption"):
            flush()
            _render_into(child, out, "caption")
        elif tag in _BLOCK_TAGS or _has_blocks(child):
            flush()
            _render_into(child, out, "item" if kind == "item" else
                         ("caption" if kind == "caption" else "text"))
        else:
            inline.append(child.text_content())
        if child.tail:
            inline.append(child.tail)
    flush()


# ----------------------------------------------------------------------------- own picker


def prose_weights(root: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, int]:
    """Characters of prose each element holds: the text of its paragraphs of at least 80
    characters that are not mostly link text (a teaser list or a menu is not prose)."""
    weights: dict[lxml.html.HtmlElement, int] = {}
    for p in root.iter("p"):
        n = _text_len(p)
        if n < _PROSE_MIN_CHARS or _link_len(p) > n / 2:
            continue
        for el in (p, *p.iterancestors()):
            weights[el] = weights.get(el, 0) + n
    return weights


def class_words(el: lxml.html.HtmlElement, attrs: tuple[str, ...] = ("class", "id")) -> set[str]:
    """The words of an element's class and id, and their hyphenated pairs (``ad-slot``)."""
    text = " ".join(el.get(a, "") for a in attrs).lower()
    words = set(_WORD_SPLIT.split(text))
    # compound class names: "cookie-banner", "ad-slot", "related-posts", "more-stories"
    words.update(re.findall(r"[a-z]+-[a-z]+", text))
    return words


def is_hidden(el: lxml.html.HtmlElement) -> bool:
    """Whether the page hides the element (``hidden``, ``aria-hidden``, ``display: none``)."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _is_furniture(el: lxml.html.HtmlElement) -> bool:
    if el.tag in _FURNITURE_TAGS or is_hidden(el):
        return True
    if el.get("role", "").lower() in _ROLE_FURNITURE:
        return True
    return bool(class_words(el) & _FURNITURE)


def _strip_furniture(root: lxml.html.HtmlElement) -> None:
    """Remove, in place, every element that is page furniture (see the module docstring)."""
    strip_code(root)
    weights = prose_weights(root)
    article = _ARTICLE_SHARE * weights.get(root, 0)
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        # a page header outside the article (site name, menus) is furniture; an article's own
        # <header> (headline, standfirst) is not
        header = el.tag == "header" and not any(a.tag in ("article", "main") for a in el.iterancestors())
        if (header or _is_furniture(el)) and not (article and weights.get(el, 0) >= article):
            doomed.append(el)
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
    return len(_squash(el.text_content()))


def _link_len(el: lxml.html.HtmlElement) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _main_element(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element holding the article: ``itemprop=articleBody``, then the largest
    ``<article>``, then ``<main>``/``role=main``, else the element whose paragraphs hold the
    most text (the readability heuristic: a paragraph's text counts for its parent, half for its
    grandparent; link text does not count)."""
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


def main_text(root: lxml.html.HtmlElement) -> str:
    """The article text of a parsed page by llmkg's own picker, blocks separated by blank
    lines (changes ``root`` in place)."""
    _strip_furniture(root)
    main = _main_element(root)
    _strip_link_lists(main)
    return "\n\n".join(b.text for b in render(main) if b.kind != "caption")


# ----------------------------------------------------------------------------- metadata


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


def page_facts(root: lxml.html.HtmlElement) -> dict[str, Any]:
    """The page's metadata as written: title, date and canonical-URL candidates, publisher, author,
    schema type.

    ``dates`` and ``urls`` are candidates in order of trust (Open Graph and ``article:*`` meta,
    JSON-LD, ``<time>``; ``<link rel=canonical>``, ``og:url``): the caller keeps the first one
    that is a date or a safe http(s) IRI.
    """
    meta = _meta(root)
    ld = [n for n in _json_ld(root) if isinstance(n.get("@type"), str | list)]
    article = next((n for n in ld if any(str(t).lower() in _TYPE_MAP for t in (
        n["@type"] if isinstance(n["@type"], list) else [n["@type"]]))), {})
    title_el = root.find(".//title")
    page_title = plain_text(_element_text(title_el)) if title_el is not None else ""
    h1 = root.find(".//h1")
    title = (plain_text(meta.get("og:title")) or plain_text(meta.get("twitter:title"))
             or plain_text(_ld_value(article, "headline")) or _strip_site(page_title)
             or (_element_text(h1) if h1 is not None else ""))
    dates = [meta.get(key) for key in (
        "article:published_time", "og:article:published_time", "datepublished",
        "citation_publication_date", "citation_date", "dc.date", "dcterms.date", "date",
        "pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date")]
    dates.append(_ld_value(article, "datePublished"))
    t = root.find(".//time[@datetime]")
    if t is not None:
        dates.append(t.get("datetime"))
    urls = [*(link.get("href") for link in root.xpath('//link[@rel="canonical"]')), meta.get("og:url")]
    types = article.get("@type", []) if article else []
    types = types if isinstance(types, list) else [types]
    schema_type = next((_TYPE_MAP[str(t).lower()] for t in types if str(t).lower() in _TYPE_MAP), None)
    if schema_type is None and meta.get("og:type", "").lower() == "article":
        schema_type = "article"
    return {
        "title": title,
        "dates": [d for d in dates if isinstance(d, str)],
        "urls": [u for u in urls if isinstance(u, str)],
        "publisher": plain_text(meta.get("og:site_name") or _ld_value(article, "publisher")) or None,
        "author": plain_text(meta.get("author") or meta.get("article:author")
                             or _ld_value(article, "author")) or None,
        "schema_type": schema_type,
    }


#: something that looks like a tag: ``<`` then a letter, ``/``, ``!`` or ``?``
_TAG_LIKE = re.compile(r"<[A-Za-z/!?]")


def plain_text(value: str | None) -> str:
    """A metadata value as plain text: markup in it is parsed and only its text is kept.

    A ``<title>`` holds raw text, and ``og:title`` or a JSON-LD headline can hold anything, so
    ``<script>alert(1)</script> Headline`` would otherwise become a title with markup in it. A
    value with no tag-like ``<`` is returned as is (whitespace collapsed); one with markup keeps
    the text of its elements, without scripts and styles, and attributes never become text.

    >>> plain_text("<script>alert(1)</script>Big <b>news</b> <img src=x onerror=alert(2)>")
    'Big news'
    >>> plain_text("Why 3 < 4")
    'Why 3 < 4'
    """
    if not value:
        return ""
    if _TAG_LIKE.search(value):
        try:
            frag = lxml.html.fragment_fromstring(value, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return " ".join(_TAG_LIKE.sub(" ", value).split())
        for el in list(frag.iter(*_CODE_TAGS)):
            el.drop_tree()
        value = frag.text_content()
    return " ".join(value.split())


def _element_text(el: lxml.html.HtmlElement) -> str:
    """The text of an element without the content of scripts and styles in it."""
    parts = el.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                     "or ancestor::template)]")
    return " ".join("".join(parts).split())


def _strip_site(title: str) -> str:
    """``"Headline | Site"`` -> ``"Headline"`` (the longest part)."""
    parts = _SITE_SUFFIX.split(title)
    return max(parts, key=len) if len(parts) > 1 else title
