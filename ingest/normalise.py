"""Normalisation: the stage between the loaders and spaCy (pure functions, no I/O).

Real model cards, posts and leaderboard write-ups carry Markdown and HTML syntax; the NLP
should read clean text. :func:`normalise` turns a loader's text into a
:class:`~ingest.records.NormalisedText`:

- **inline syntax** becomes its text: links ``[text](url)`` and ``<a href>`` keep their text and
  leave the URL as a :class:`~ingest.records.LinkHint` over it (bare URLs get one too); images
  and badges go; emphasis, strong, strikethrough and code-span markers, inline HTML tags,
  entities, backslash escapes, footnote references (``[^1]``, ``<sup>2</sup>``, citation marks
  ``[3][4]``), hashtag signs and template shortcodes (``{{< ... >}}``) are removed;
- **blocks** stay lines: a heading is its own paragraph without its ``#`` marks, a list item one
  line with a plain ``- `` (or ``1. ``) marker and its wrapped lines joined, a blockquote loses
  its ``>``, a rule becomes a paragraph break, HTML comments go; a fenced code block is not prose
  and is kept out of the text (a :class:`~ingest.records.CodeBlock` records it) unless it holds a
  table;
- **tables** in every common layout (Markdown pipes with or without outer pipes, HTML
  ``<table>`` with ``thead``/``th``/``colspan``/``rowspan``, columns aligned by spaces or tabs)
  are rendered as clean pipe rows (``| a | b |``, a ``| --- |`` rule under the header) and
  returned as :class:`~ingest.records.Table` records whose cells know their clean text, their
  span in the normalised text and their links.

Offsets: evidence offsets index the normalised text (what ``llmkg read`` prints);
:class:`~ingest.records.OffsetMap` maps each of its characters back to the loader's text.
Normalising a normalised text changes nothing.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .records import Block, CodeBlock, LinkHint, NormalisedText, OffsetMap, Table, TableCell, TableRow

__all__ = ["normalise", "normalise_inline", "read_tables", "render_table"]

#: a piece of output: its text, the source offset it came from, and whether it was copied from
#: there character by character (else it was inserted: a pipe, a line break, an unescaped entity)
_Piece = tuple[str, int, bool]

#: HTML elements whose tags are dropped and whose text is kept
_INLINE_TAGS = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q rp rt "
    "ruby s samp small span strike strong sub sup time tt u var wbr".split())
#: HTML elements that start a new line (their text is kept)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup html li main menu nav ol p pre "
    "section table tbody td tfoot th thead tr ul caption colgroup col br hr".split())
#: HTML elements dropped with everything inside them
_DROP_TAGS = frozenset("script style noscript template svg math button select textarea iframe "
                       "video audio object canvas summary head title".split())
#: HTML elements that are nothing but themselves (no text of their own)
_VOID_TAGS = frozenset("img source picture input meta link embed track param area base".split())
_KNOWN_TAGS = _INLINE_TAGS | _BLOCK_TAGS | _DROP_TAGS | _VOID_TAGS

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SPAN_ATTR = re.compile(r"""\b(colspan|rowspan)\s*=\s*["']?\s*(\d+)""", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SHORTCODE = re.compile(r"\{\{[<%].{0,500}?[%>]\}\}|\{%.{0,500}?%\}")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_BARE_URL = re.compile(r"(?<![\w/.@])(?:https?://|www\.)[^\s<>\[\]()\"'`|]+")
_HASHTAG = re.compile(r"(?<![\w#&/\\])#(?=[A-Za-z][\w-]*)")
_CITATIONS = re.compile(r"(?<=[^\s(\[])[ \t]?(?:\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])+(?=[\s.,;:)!?'\"]|$)")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,40}\]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: typographic hyphens some sites write inside names and numbers ("Grok\u20111", "314\u2011billion"):
#: the plain hyphen, character for character (offsets unchanged)
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
#: characters after which a line may hold syntax; a line without any of them is copied as it is
_SYNTAX_CHARS = re.compile(r"[*_`\[<&\\#{~\u200b-\u200d\u2060\ufeff]|https?:|www\.")

# (an emphasised span is at most 1,000 characters: the search stays linear on a long line)
_STRONG = (re.compile(r"\*\*(?=\S)(.{1,1000}?)(?<=\S)\*\*"),
           re.compile(r"(?<![\w_])__(?=\S)(.{1,1000}?)(?<=\S)__(?![\w_])"))
_EMPH = (re.compile(r"(?<![*\w\\])\*(?=[^\s*])(.{1,1000}?)(?<=[^\s*\\])\*(?![*\w])"),
         re.compile(r"(?<![\w_\\])_(?=[^\s_])(.{1,1000}?)(?<=[^\s_\\])_(?![\w_])"),
         re.compile(r"~~(?=\S)(.{1,1000}?)(?<=\S)~~"))
_MASK = "\ue000"

# block-level shapes
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^`\n]*?)[ \t]*$")
_ATX = re.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)(?:([-*+•▪●◦])|(\d{1,3})([.)]))[ \t]+(?=\S)")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[(?!\^)([^\]]{1,200})\]:[ \t]*<?(\S+?)>?"
                       r"(?:[ \t]+[\"'(].*[\"')])?[ \t]*$")
_FOOTNOTE_DEF = re.compile(r"^[ \t]{0,3}\[\^[^\]]{1,40}\]:[ \t]*")
_DELIMITER_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HASHTAG_LINE = re.compile(r"^(?:[ \t]*#[A-Za-z][\w-]*)+[ \t]*$")
_HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.{0,100000}?-->|<!--[^\n]{0,1000}", re.DOTALL)
_DROPPED_ELEMENT = re.compile(r"<(script|style|noscript|template|svg)\b[^>]{0,1000}>.{0,200000}?</\1\s*>",
                              re.IGNORECASE | re.DOTALL)
#: a number-like table cell (a score, a size, a count): what makes aligned columns a table
_NUMERIC = re.compile(r"^[(~≈<>+\-–]?\$?\d[\d,.]*\s*(?:%|[KMBT]\b|k\b|x\b)?\)?[*†‡§¶]*"
                      r"(?:\s*(?:±|\+/-)\s*\d[\d.]*)?$")

#: the most cells a table may have (an HTML table's colspan/rowspan are capped to stay under it)
MAX_TABLE_CELLS = 20_000


# --------------------------------------------------------------------------- inline syntax


@dataclass
class _Inline:
    """Inline syntax of one source span reduced to text: the pieces, the text, and the links
    (start and end relative to the text)."""

    pieces: list[_Piece]
    text: str
    hints: list[tuple[int, int, str]] = field(default_factory=list)


class _Edits:
    """Non-overlapping replacements of source spans, and a mask of what they cover."""

    def __init__(self, seg: str) -> None:
        self.seg = seg
        self.items: list[tuple[int, int, str]] = []
        self.taken = bytearray(len(seg))

    def free(self, s: int, e: int) -> bool:
        return not any(self.taken[s:e])

    def add(self, s: int, e: int, repl: str = "") -> bool:
        """Replace ``seg[s:e]`` by ``repl`` unless it overlaps an earlier edit."""
        if s >= e or not self.free(s, e):
            return False
        self.items.append((s, e, repl))
        self.taken[s:e] = b"\x01" * (e - s)
        return True

    def protect(self, s: int, e: int) -> None:
        """Keep ``seg[s:e]`` as it is (a code span's content, a bare URL)."""
        self.taken[s:e] = b"\x02" * (e - s)

    def masked(self) -> str:
        """The segment with every edited or protected character masked (for emphasis)."""
        chars = list(self.seg)
        for i, t in enumerate(self.taken):
            if t:
                chars[i] = _MASK
        return "".join(chars)


def _bracket_pairs(seg: str, open_: str, close: str, limit: int = 2000) -> dict[int, int]:
    """Where each bracket of ``seg`` closes (nesting and backslash escapes counted), for pairs
    at most ``limit`` characters apart: found in one pass."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    n = len(seg)
    while i < n:
        c = seg[i]
        if c == "\\":
            i += 2
            continue
        if c == open_:
            stack.append(i)
        elif c == close and stack:
            j = stack.pop()
            if i - j <= limit:
                pairs[j] = i
        i += 1
    return pairs


def _link_at(seg: str, i: int, refs: dict[str, str], squares: dict[int, int],
             rounds: dict[int, int]) -> tuple[int, int, str] | None:
    """A link whose text opens at ``seg[i] == "["``: ``(text_end, end, url)`` or ``None``.

    Inline links ``[text](url "title")``, reference links ``[text][id]`` / ``[text][]`` and
    shortcut links ``[id]`` whose definition the document holds.
    """
    close = squares.get(i, -1)
    if close < 0 or close - i > 1000:
        return None
    nxt = seg[close + 1:close + 2]
    if nxt == "(":
        end = rounds.get(close + 1, -1)
        if end < 0:
            return None
        inside = seg[close + 2:end].strip()
        m = re.match(r"<([^<>]*)>|(\S*)", inside)
        url = (m.group(1) if m and m.group(1) is not None else m.group(2) if m else "") or ""
        rest = inside[m.end():].strip() if m else inside
        if rest and not re.fullmatch(r"(?s)[\"'(].*[\"')]", rest):
            return None  # "(some words)" after a bracket is prose, not a link target
        return close, end + 1, url
    if nxt == "[":
        end = seg.find("]", close + 2)
        if end >= 0:
            key = seg[close + 2:end].strip().lower() or seg[i + 1:close].strip().lower()
            if key in refs:
                return close, end + 1, refs[key]
    key = seg[i + 1:close].strip().lower()
    if refs and key in refs:
        return close, close + 1, refs[key]
    return None


def _html_tags(seg: str, edits: _Edits, hints: list[tuple[int, int, str]], cell: bool) -> None:
    """Drop inline HTML: tags go, their text stays; images, scripts and ``<summary>`` go whole;
    ``<br>`` breaks the line (a space in a table cell); ``<a href>`` leaves a link hint."""
    for m in _TAG.finditer(seg):
        name = m.group(2).lower()
        if name not in _KNOWN_TAGS or not edits.free(m.start(), m.end()):
            continue
        closing = m.group(1) == "/"
        window = seg[:m.end() + 10_000]  # a closing tag is looked for this far
        if name in _DROP_TAGS and not closing:
            end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(window, m.end())
            edits.add(m.start(), end.end() if end else m.end())
        elif name == "sup" and not closing:
            end = re.compile(r"</sup\s*>", re.IGNORECASE).search(window, m.end())
            inner = seg[m.end():end.start()].strip() if end else ""
            if end and re.fullmatch(r"\[?(?:\d{1,3}|[a-z])\]?(?:,\s*\d{1,3})*", inner):
                edits.add(m.start(), end.end())  # a footnote number
            else:
                edits.add(m.start(), m.end())
        elif name == "a" and not closing:
            edits.add(m.start(), m.end())
            href = _HREF.search(m.group(3))
            end = re.compile(r"</a\s*>", re.IGNORECASE).search(window, m.end())
            if href and end:
                url = html.unescape(next(g for g in href.groups() if g is not None))
                hints.append((m.end(), end.start(), url))
        elif name in ("br", "hr"):
            edits.add(m.start(), m.end(), " " if cell else "\n")
        elif name in _BLOCK_TAGS:
            edits.add(m.start(), m.end(), " " if cell else "\n")
        else:
            edits.add(m.start(), m.end())


def _brackets(seg: str, edits: _Edits, hints: list[tuple[int, int, str]], refs: dict[str, str]) -> None:
    """Citation marks ("distilled from X [3][4]."), links, images and footnote references."""
    if "[" not in seg:
        return
    for m in _CITATIONS.finditer(seg):
        edits.add(m.start(), m.end())
    squares = _bracket_pairs(seg, "[", "]")
    rounds = _bracket_pairs(seg, "(", ")") if "](" in seg else {}
    i = seg.find("[")
    while i >= 0:
        if not edits.free(i, i + 1):
            i = seg.find("[", i + 1)
            continue
        image = i > 0 and seg[i - 1] == "!" and edits.free(i - 1, i)
        link = _link_at(seg, i, refs, squares, rounds) if i in squares else None
        if link is not None:
            text_end, end, url = link
            if image:
                edits.add(i - 1, end)
                i = seg.find("[", end)
                continue
            if edits.free(text_end, end):
                inner = seg[i + 1:text_end]
                lead = len(inner) - len(inner.lstrip())
                trail = len(inner) - len(inner.rstrip()) if inner.strip() else 0
                edits.add(i, i + 1 + lead)
                edits.add(text_end - trail, end)
                if url:
                    hints.append((i + 1 + lead, text_end - trail, url))
            i = seg.find("[", i + 1)
            continue
        foot = _FOOTNOTE_REF.match(seg, i)
        if foot is not None:
            edits.add(i, foot.end())
            i = seg.find("[", foot.end())
            continue
        i = seg.find("[", i + 1)


def _emphasis(edits: _Edits) -> None:
    """Drop emphasis, strong and strikethrough markers (code spans and edited text are masked)."""
    for pattern in (*_STRONG, *_EMPH):
        masked = edits.masked()
        for m in pattern.finditer(masked):
            ds = m.start(1) - m.start()
            edits.add(m.start(), m.start() + ds)
            edits.add(m.end(1), m.end())


def _inline(src: str, lo: int, hi: int, refs: dict[str, str], *, cell: bool = False) -> _Inline:
    """Reduce the inline syntax of ``src[lo:hi]`` to text (see the module docstring)."""
    seg = src[lo:hi]
    if not _SYNTAX_CHARS.search(seg):
        return _Inline([(seg, lo, True)] if seg else [], seg)
    edits = _Edits(seg)
    hints: list[tuple[int, int, str]] = []
    # code spans: markers go, their content is literal
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", seg)]
    k = 0
    while k < len(runs):
        s, e = runs[k]
        j = next((x for x in range(k + 1, len(runs)) if runs[x][1] - runs[x][0] == e - s), None)
        if j is None:
            k += 1
            continue
        cs, ce = runs[j]
        edits.add(s, e)
        edits.add(cs, ce)
        edits.protect(e, cs)
        k = j + 1
    for m in _SHORTCODE.finditer(seg):
        edits.add(m.start(), m.end())
    for m in _AUTOLINK.finditer(seg):
        if edits.free(m.start(), m.end()):
            edits.add(m.start(), m.start() + 1)
            edits.add(m.end() - 1, m.end())
            hints.append((m.start(1), m.end(1), m.group(1)))
    _html_tags(seg, edits, hints, cell)
    _brackets(seg, edits, hints, refs)
    linked = [(s, e) for s, e, _u in hints]
    for m in _BARE_URL.finditer(seg):
        url = m.group().rstrip(".,;:!?'\"")
        end = m.start() + len(url)
        if edits.free(m.start(), end):
            edits.protect(m.start(), end)
            if not any(s <= m.start() < e for s, e in linked):
                hints.append((m.start(), end, url if "://" in url else "https://" + url))
    _emphasis(edits)
    for m in _ESCAPE.finditer(seg):
        char = m.group(1)
        edits.add(m.start(), m.end(), "/" if cell and char == "|" else char)
    for m in _ENTITY.finditer(seg):
        value = _BAD_CHARS.sub("", html.unescape(m.group()).replace("\xa0", " "))
        if value != m.group():
            edits.add(m.start(), m.end(), value)
    for m in _ZERO_WIDTH.finditer(seg):
        edits.add(m.start(), m.end())
    if not cell:  # in a table cell "#" is "number of" ("#Total Params")
        for m in _HASHTAG.finditer(seg):
            edits.add(m.start(), m.end())
    return _apply(seg, lo, edits, [h for h in hints if re.match(r"(?i)https?://", h[2])])


def _apply(seg: str, lo: int, edits: _Edits, hints: Iterable[tuple[int, int, str]]) -> _Inline:
    """Apply ``edits`` to ``seg`` (which starts at source offset ``lo``)."""
    pieces: list[_Piece] = []
    out_at: list[tuple[int, int, int]] = []  # (seg start, seg end, out start) of copied pieces
    pos = 0
    out = 0
    for s, e, repl in sorted(edits.items):
        if s > pos:
            pieces.append((seg[pos:s], lo + pos, True))
            out_at.append((pos, s, out))
            out += s - pos
        if repl:
            pieces.append((repl, lo + s, False))
            out += len(repl)
        pos = e
    if pos < len(seg):
        pieces.append((seg[pos:], lo + pos, True))
        out_at.append((pos, len(seg), out))
    text = "".join(p for p, _s, _c in pieces)
    starts = [a for a, _b, _o in out_at]

    def to_out(x: int, end: bool) -> int:
        i = bisect_right(starts, x) - 1
        if end:
            i = bisect_right(starts, x - 1) - 1
        if i < 0:
            return 0
        a, b, o = out_at[i]
        return o + min(max(x - a, 0), b - a)

    out_hints = []
    for s, e, url in hints:
        os_, oe = to_out(s, False), to_out(e, True)
        while os_ < oe and text[os_].isspace():
            os_ += 1
        while oe > os_ and text[oe - 1].isspace():
            oe -= 1
        if oe > os_ and url:
            out_hints.append((os_, oe, url))
    return _Inline(pieces, text, out_hints)


def _strip(inl: _Inline, *, collapse: bool = False) -> _Inline:
    """``inl`` without white space at its ends (and, with ``collapse``, runs of white space inside
    made one space)."""
    text = inl.text
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    if lead == 0 and trail == len(text) and not (collapse and re.search(r"[^\S\n]{2,}|\t", text)):
        return inl
    pieces: list[_Piece] = []
    pos = 0
    kept: list[tuple[int, int]] = []  # (old out pos, new out pos) at piece starts
    new = 0
    for p, s, copied in inl.pieces:
        a, b = max(pos, lead), min(pos + len(p), trail)
        if a < b:
            part = p[a - pos:b - pos]
            offset = a - pos
            if collapse:
                i = 0
                for m in re.finditer(r"[^\S\n]+", part):
                    if m.group() != " ":
                        if m.start() > i:
                            pieces.append((part[i:m.start()], s + offset + i if copied else s, copied))
                            kept.append((pos + offset + i, new))
                            new += m.start() - i
                        pieces.append((" ", s + offset + m.start() if copied else s, False))
                        kept.append((pos + offset + m.start(), new))
                        new += 1
                        i = m.end()
                if i < len(part):
                    pieces.append((part[i:], s + offset + i if copied else s, copied))
                    kept.append((pos + offset + i, new))
                    new += len(part) - i
            else:
                pieces.append((part, s + offset if copied else s, copied))
                kept.append((pos + offset, new))
                new += len(part)
        pos += len(p)
    text2 = "".join(p for p, _s, _c in pieces)
    olds = [o for o, _n in kept]

    def moved(x: int) -> int:
        i = bisect_right(olds, x) - 1
        if i < 0:
            return 0
        o, n = kept[i]
        return min(n + (x - o), len(text2))

    hints = [(moved(s), moved(e), u) for s, e, u in inl.hints]
    return _Inline(pieces, text2, [(s, e, u) for s, e, u in hints if e > s])


def normalise_inline(text: str) -> str:
    """A short string (a title, a name) with its inline Markdown and HTML syntax reduced to text.

    >>> normalise_inline("[**Foo-7B**](https://example.org/foo) &amp; `Bar 2`")
    'Foo-7B & Bar 2'
    """
    return " ".join(_inline(text.translate(_HYPHENS), 0, len(text), {}, cell=True).text.split())


# --------------------------------------------------------------------------- output


class _Out:
    """The normalised text being written, with its offset map, blocks, tables and hints."""

    def __init__(self) -> None:
        self.buf: list[str] = []
        self.segs: list[list[int]] = []  # [start, source start, length, copied]
        self.pos = 0
        self.tail = ""
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.hints: list[LinkHint] = []
        self.code: list[CodeBlock] = []

    def put(self, s: str, src: int, copied: bool) -> None:
        if not s:
            return
        last = self.segs[-1] if self.segs else None
        if last is not None and last[3] == int(copied) and (
                (copied and last[1] + last[2] == src) or (not copied and last[1] == src)):
            last[2] += len(s)
        else:
            self.segs.append([self.pos, src, len(s), int(copied)])
        self.buf.append(s)
        self.pos += len(s)
        self.tail = (self.tail + s)[-2:]

    def put_inline(self, inl: _Inline) -> int:
        start = self.pos
        for text, src, copied in inl.pieces:
            self.put(text, src, copied)
        self.hints.extend(LinkHint(start + s, start + e, u) for s, e, u in inl.hints)
        return start

    def newline(self, src: int) -> None:
        if self.pos and not self.tail.endswith("\n"):
            self.put("\n", src, False)

    def blank(self, src: int) -> None:
        """End the current paragraph with an empty line."""
        if not self.pos or self.tail == "\n\n":
            return
        self.put("\n" if self.tail.endswith("\n") else "\n\n", src, False)

    def result(self) -> NormalisedText:
        """The normalised text (trailing blank lines cut to one line end) and its records."""
        text = "".join(self.buf)
        end = len(text.rstrip())
        if end < len(text):
            end += 1 if text[end:].startswith("\n") else 0
            text = text[:end]
            segs = []
            for s, src, n, c in self.segs:
                if s < end:
                    segs.append((s, src, min(n, end - s), bool(c)))
        else:
            segs = [(s, src, n, bool(c)) for s, src, n, c in self.segs]
        blocks = tuple(Block(b.kind, min(b.start, end), min(b.end, end), b.level) for b in self.blocks)
        return NormalisedText(text, blocks, tuple(self.tables),
                              tuple(h for h in self.hints if h.end <= end), tuple(self.code),
                              OffsetMap(tuple(segs)))


# --------------------------------------------------------------------------- tables


@dataclass
class _Cell:
    """A source cell before rendering: its inline text, and its spans."""

    inl: _Inline
    colspan: int = 1
    rowspan: int = 1


def _empty() -> _Cell:
    """An empty cell (padding a short row)."""
    return _Cell(_Inline([], ""))


def _render_row(out: _Out, cells: Sequence[Sequence[_Cell]],
                src: int) -> tuple[list[list[TableCell]], int, int]:
    """Write one table line (several header rows are joined per column as "Group / Sub") and
    return the cells of each source row, with the line's span."""
    start = out.pos
    width = max(len(r) for r in cells)
    rows: list[list[TableCell]] = [[] for _ in cells]
    # the row's pipes map to where its first cell's text was (its source line)
    src = next((p[1] for row in cells for c in row for p in c.inl.pieces if p[2]), src)
    out.put("|", src, False)
    for col in range(width):
        out.put(" ", src, False)
        done: list[tuple[_Cell, TableCell]] = []
        for r, row in enumerate(cells):
            cell = row[col] if col < len(row) else _empty()
            same = next((tc for c, tc in done if c is cell or (c.inl.text == cell.inl.text)), None)
            if same is not None or not cell.inl.text:
                tc = same or TableCell("", out.pos, out.pos, colspan=cell.colspan, rowspan=cell.rowspan)
                rows[r].append(TableCell(tc.text, tc.start, tc.end, tc.hints, cell.colspan, cell.rowspan))
                done.append((cell, tc))
                continue
            if any(c.inl.text for c, _tc in done):
                out.put(" / ", src, False)
            at = out.put_inline(cell.inl)
            hints = tuple(LinkHint(at + s, at + e, u) for s, e, u in cell.inl.hints)
            tc = TableCell(cell.inl.text, at, out.pos, hints, cell.colspan, cell.rowspan)
            rows[r].append(tc)
            done.append((cell, tc))
        out.put(" |", src, False)
    end = out.pos
    out.put("\n", src, False)
    return rows, start, end


def _emit_table(out: _Out, header: list[list[_Cell]], body: list[list[_Cell]], src: int,
                layout: str) -> None:
    """Render a table as pipe rows into ``out`` and record it."""
    width = max((len(r) for r in header + body), default=0)
    if width == 0:
        return
    header = [r + [_empty() for _ in range(width - len(r))] for r in header]
    body = [r + [_empty() for _ in range(width - len(r))] for r in body]
    body = [r for r in body if any(c.inl.text for c in r)]
    out.blank(src)
    start = out.pos
    head_rows: list[TableRow] = []
    if header:
        cells, s, e = _render_row(out, header, src)
        head_rows = [TableRow(tuple(c), s, e) for c in cells]
        out.put("|" + " --- |" * width + "\n", src, False)
    body_rows = []
    for row in body:
        cells, s, e = _render_row(out, [row], src)
        body_rows.append(TableRow(tuple(cells[0]), s, e))
    table = Table(tuple(head_rows), tuple(body_rows), start, out.pos - 1, layout)
    out.tables.append(table)
    out.blocks.append(Block("table", start, out.pos - 1))
    out.blank(src)


def _split_pipe_row(src: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The source spans of the cells of a pipe-table line (outer pipes optional, ``\\|`` kept)."""
    cuts = []
    i = lo
    while i < hi:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "|":
            cuts.append(i)
        i += 1
    bounds = [lo - 1, *cuts, hi]
    spans = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
    if spans and not src[spans[0][0]:spans[0][1]].strip() and cuts and not src[lo:cuts[0]].strip():
        spans = spans[1:]
    if spans and cuts and not src[cuts[-1] + 1:hi].strip():
        spans = spans[:-1]
    return spans


def _cell_inline(src: str, s: int, e: int, refs: dict[str, str]) -> _Inline:
    return _strip(_inline(src, s, e, refs, cell=True), collapse=True)


def _pipe_row_cells(src: str, lo: int, hi: int, refs: dict[str, str]) -> list[_Cell]:
    return [_Cell(_cell_inline(src, s, e, refs)) for s, e in _split_pipe_row(src, lo, hi)]


def _has_pipe(line: str) -> bool:
    return bool(re.search(r"(?<!\\)\|", line))


def _is_delimiter(line: str) -> bool:
    """Whether ``line`` is a pipe table's delimiter row (``|---|:---:|``)."""
    return "|" in line and "-" in line and bool(_DELIMITER_ROW.match(line))


def _pipe_table(src: str, lines: list[tuple[int, int]], i: int, out: _Out,
                refs: dict[str, str]) -> int:
    """Read the pipe table whose header is line ``i`` (its delimiter row is line ``i + 1``)."""
    hs, he = lines[i]
    header = [_pipe_row_cells(src, hs, he, refs)]
    j = i + 2
    body = []
    while j < len(lines):
        s, e = lines[j]
        line = src[s:e]
        if not line.strip() or not _has_pipe(line):
            break
        if not _DELIMITER_ROW.match(line):
            body.append(_pipe_row_cells(src, s, e, refs))
        j += 1
    _emit_table(out, header, body, hs, "pipe")
    return j


def _bare_pipe_table(src: str, lines: list[tuple[int, int]], i: int) -> int:
    """How many lines from ``i`` form a pipe table without a delimiter row: three or more lines
    that start and end with a pipe and have the same number of cells (0 when they do not)."""
    counts = []
    j = i
    while j < len(lines):
        line = src[lines[j][0]:lines[j][1]].strip()
        if not (line.startswith("|") and line.endswith("|") and len(line) > 2):
            break
        if not _DELIMITER_ROW.match(line):
            counts.append(len(_split_pipe_row(src, *lines[j])))
        j += 1
    return j - i if len(counts) >= 3 and len(set(counts)) == 1 and counts[0] >= 2 else 0


def _pipe_run(src: str, lines: list[tuple[int, int]], i: int) -> int:
    """How many lines from ``i`` start with a pipe."""
    j = i
    while j < len(lines) and src[lines[j][0]:lines[j][1]].lstrip().startswith("|"):
        j += 1
    return j - i


def _html_table(src: str, lo: int, hi: int, out: _Out, refs: dict[str, str]) -> None:
    """Read one HTML ``<table>`` (``src[lo:hi]``, from ``<table`` to ``</table>``)."""
    rows: list[tuple[bool, list[tuple[str, int, int, int, int]]]] = []  # (in thead, cells)
    cur: list[tuple[str, int, int, int, int]] | None = None
    cell: tuple[str, int, int, int] | None = None  # (tag, content start, colspan, rowspan)
    section = ""
    depth = 0
    caption: tuple[int, int] | None = None
    cap_start = -1

    def close_cell(at: int) -> None:
        nonlocal cell
        if cell is not None and cur is not None:
            cur.append((cell[0], cell[1], at, cell[2], cell[3]))
        cell = None

    def close_row(at: int) -> None:
        nonlocal cur
        close_cell(at)
        if cur:
            rows.append((section == "thead", cur))
        cur = None

    for m in _TAG.finditer(src, lo, hi):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "table":
            depth += -1 if closing else 1
            if depth == 0:
                close_row(m.start())
                break
            continue
        if depth != 1:
            continue
        if name == "caption":
            if closing and cap_start >= 0:
                caption = (cap_start, m.start())
            elif not closing:
                cap_start = m.end()
        elif name in ("thead", "tbody", "tfoot"):
            close_row(m.start())
            section = "" if closing else name
        elif name == "tr":
            close_row(m.start())
            if not closing:
                cur = []
        elif name in ("td", "th"):
            close_cell(m.start())
            if not closing:
                if cur is None:
                    cur = []
                spans = {k.lower(): int(v) for k, v in _SPAN_ATTR.findall(m.group(3))}
                cell = (name, m.end(), max(1, min(spans.get("colspan", 1), 100)),
                        max(1, min(spans.get("rowspan", 1), 1000)))
    else:
        close_row(hi)
    if caption is not None:
        inl = _strip(_inline(src, caption[0], caption[1], refs, cell=True), collapse=True)
        if inl.text:
            out.blank(lo)
            s = out.put_inline(inl)
            out.blocks.append(Block("paragraph", s, out.pos))
            out.blank(lo)
    grid: list[list[_Cell]] = []
    heads: list[bool] = []
    pending: dict[int, tuple[_Cell, int]] = {}
    total = 0
    for in_head, cells in rows:
        line: list[_Cell] = []
        col = 0
        queue = list(cells)
        while queue or any(c >= col for c in pending):
            if col in pending:
                c, left = pending.pop(col)
                line.append(c)
                if left > 1:
                    pending[col] = (c, left - 1)
                col += 1
                continue
            if not queue:
                col += 1
                if col > 1000:
                    break
                continue
            tag, s, e, colspan, rowspan = queue.pop(0)
            c = _Cell(_cell_inline(src, s, e, refs), colspan, rowspan)
            for k in range(colspan):
                line.append(c)
                if rowspan > 1:
                    pending[col + k] = (c, rowspan - 1)
            col += colspan
        total += len(line)
        if total > MAX_TABLE_CELLS:
            break
        grid.append(line)
        heads.append(in_head or all(t == "th" for t, *_rest in cells))
    n_head = 0
    while n_head < len(grid) and heads[n_head]:
        n_head += 1
    if n_head == 0 and len(grid) > 1:
        n_head = 1
    _emit_table(out, grid[:n_head], grid[n_head:], lo, "html")


_GAP = re.compile(r"\t+| {2,}")


def _aligned_cells(line: str) -> list[tuple[int, int]]:
    """The cells of a line of space-aligned columns: spans of text separated by 2+ spaces or tabs."""
    cells = []
    pos = 0
    for m in _GAP.finditer(line):
        if m.start() > pos:
            cells.append((pos, m.start()))
        pos = m.end()
    if pos < len(line):
        cells.append((pos, len(line)))
    return cells


def _tab_cells(line: str) -> list[tuple[int, int]]:
    """The cells of a tab-separated line."""
    cells = []
    pos = 0
    for m in re.finditer(r"[ ]*\t+[ ]*", line):
        if m.start() > pos:
            cells.append((pos, m.start()))
        pos = m.end()
    if line[pos:].strip():
        cells.append((pos, len(line.rstrip())))
    return cells


def _tabbed(src: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Whether the lines from ``i`` are tab-separated (three lines, each with a tab)."""
    return i + 2 < len(lines) and all("\t" in src[lines[j][0]:lines[j][1]].strip() for j in range(i, i + 3))


def _row_cells(line: str, tabbed: bool) -> list[tuple[int, int]]:
    """The cells of one line of an aligned table (positions in the tab-expanded line, or in the
    line itself when it is tab-separated)."""
    return _tab_cells(line) if tabbed else _aligned_cells(line.expandtabs(8))


def _aligned_table_lines(src: str, lines: list[tuple[int, int]], i: int) -> int:
    """How many lines from ``i`` form a table of aligned columns (0 if none).

    Three or more lines with the same number (2+) of cells, separated by tabs, or by 2+ spaces
    with the columns lined up (each body column's cells start or end within 2 characters of
    each other; a header cell overlaps its column), with a column of numbers; a header line may
    lack its first (corner) cell.
    """
    tabbed = _tabbed(src, lines, i)
    rows: list[list[tuple[int, int]]] = []
    j = i
    while j < len(lines) and j - i < 60:  # decided on at most 60 lines (linear on long runs)
        s, e = lines[j]
        line = src[s:e]
        if "|" in line or not line.strip() or len(line) > 400 or (_ITEM.match(line) and not tabbed) \
                or (tabbed and "\t" not in line):
            break
        cells = _row_cells(line, tabbed)
        if len(cells) < 2 or (len(rows) >= 2 and len(cells) != len(rows[1])):
            break
        rows.append(cells)
        j += 1
    if len(rows) < 3:
        return 0
    width = len(rows[1])
    n = len(rows)
    if width < 2 or width > 30:
        return 0
    head, body = rows[0], rows[1:n]
    if len(head) not in (width, width - 1):
        return 0
    if not tabbed:
        for col in range(1, width):
            starts = [r[col][0] for r in body]
            ends = [r[col][1] for r in body]
            if max(starts) - min(starts) > 2 and max(ends) - min(ends) > 2:
                return 0
        if len(head) == width - 1 and head[0][0] <= min(r[0][1] for r in body):
            return 0  # a header without its corner cell starts over the second column
        offset = width - len(head)
        for k, (hs, he) in enumerate(head):
            col = k + offset
            if hs > max(r[col][1] for r in body) + 1 or he < min(r[col][0] for r in body) - 1:
                return 0
    numeric = False
    for col in range(1, width):
        texts = []
        for r, c in enumerate(body):
            line = src[lines[i + 1 + r][0]:lines[i + 1 + r][1]]
            texts.append((line if tabbed else line.expandtabs(8))[c[col][0]:c[col][1]])
        if sum(1 for t in texts if _NUMERIC.match(t.strip())) * 3 >= len(texts) * 2:
            numeric = True
    if not numeric:
        return 0
    while i + n < len(lines):  # a long table goes on while its lines keep the columns
        line = src[lines[i + n][0]:lines[i + n][1]]
        cells = _row_cells(line, tabbed)
        if "|" in line or len(cells) != width or (tabbed and "\t" not in line) or (not tabbed and any(
                abs(a - b) > 2 and abs(c - d) > 2
                for (a, c), (b, d) in zip(cells[1:], body[0][1:], strict=True))):
            break
        n += 1
    return n


def _aligned_table(src: str, lines: list[tuple[int, int]], i: int, n: int, out: _Out,
                   refs: dict[str, str]) -> None:
    """Render ``n`` aligned lines from ``i`` as a table (the first is its header when it has no
    number in a column of numbers)."""
    tabbed = _tabbed(src, lines, i)
    rows: list[list[_Cell]] = []
    for j in range(i, i + n):
        s, e = lines[j]
        line = src[s:e]
        if tabbed:
            spans = _tab_cells(line)
        else:  # cells found on the tab-expanded line, mapped back by their text
            expanded = line.expandtabs(8)
            spans = []
            pos = 0
            for a, b in _aligned_cells(expanded):
                k = line.find(expanded[a:b], pos)
                k = pos if k < 0 else k
                spans.append((k, k + (b - a)))
                pos = k + (b - a)
        rows.append([_Cell(_cell_inline(src, s + a, s + b, refs)) for a, b in spans])
    width = len(rows[1])
    head = rows[0]
    numbers = sum(1 for c in head if _NUMERIC.match(c.inl.text))
    if len(head) == width - 1:
        head = [_empty(), *head]
    if numbers:
        _emit_table(out, [], [head, *rows[1:]], lines[i][0], "aligned")
    else:
        _emit_table(out, [head], rows[1:], lines[i][0], "aligned")


#: the first cell of a table copied from a web page one cell a line ("Model", "Name", ...)
_STACKED_FIRST = re.compile(r"^(?:model|models|model\s+name|name|system|llm)$", re.IGNORECASE)


def _stacked_table(src: str, lines: list[tuple[int, int]], i: int) -> tuple[int, int, list[int]]:
    """A table copied from a web page one cell a line (blank lines between), as ``(width, lines
    used, the cells' line indexes)``, else ``(0, 0, [])``.

    It opens with a "Model" (or "Name") cell; its header cells hold no number; every body row has
    a name first, and each column is numbers in every row or in none; the run of short lines
    ends where the last row does.
    """
    if not _STACKED_FIRST.match(src[lines[i][0]:lines[i][1]].strip()):
        return 0, 0, []
    cells: list[int] = []
    j = i
    while j < len(lines) and len(cells) < 400:
        text = src[lines[j][0]:lines[j][1]].strip()
        if text:
            if len(text) > 40 or text.endswith((".", ":", "!", "?")) or _ITEM.match(text) or "|" in text:
                break
            cells.append(j)
        elif j + 1 < len(lines) and not src[lines[j + 1][0]:lines[j + 1][1]].strip():
            break  # two blank lines end it
        j += 1
    texts = [src[lines[c][0]:lines[c][1]].strip() for c in cells]
    for width in range(3, min(12, len(texts) // 3) + 1):
        head, body = texts[:width], texts[width:]
        if len(body) % width or any(_NUMERIC.match(t) for t in head):
            continue
        rows = [body[k:k + width] for k in range(0, len(body), width)]
        kinds = [[bool(_NUMERIC.match(r[c])) for r in rows] for c in range(width)]
        mixed = not all(all(k) or not any(k) for k in kinds)
        if any(kinds[0]) or not any(all(k) for k in kinds[1:]) or mixed:
            continue
        return width, j - i, cells
    return 0, 0, []


def _ends_with_pipe(line: str) -> bool:
    """A line of a table exported as text with a pipe after each cell ("Gemma |", "MMLU | 64 |")."""
    t = line.strip()
    return t.endswith("|") and (not t.startswith("|") or not t.strip("|"))


#: a size heading a column: "7B", "2B*", "12B-Base"
_SIZE_HEAD = re.compile(r"^\d+(?:\.\d+)?[BMKT](?![a-z])", re.IGNORECASE)
#: a size heading a column, with a variant after it: "4B-Depth", "12B-Base" (one model's two columns)
_SIZE_VARIANT = re.compile(r"^(\d+(?:\.\d+)?[BMK])[-\s]+\S", re.IGNORECASE)


def _trailing_pipe_table(src: str, lines: list[tuple[int, int]], i: int,
                         refs: dict[str, str]) -> tuple[int, list[list[_Cell]], list[list[_Cell]]]:
    """A table exported from a web page as text with a pipe after every cell: its group labels
    one a line ("Gemma |"), a line of the columns' sizes ("2B | 7B | |"), then one line a row
    ("MMLU(5) | 51.3 | 64 |"). As ``(lines used, header rows, body rows)``, else ``(0, [], [])``.

    The group line lost its spans: a label covers one column, or, when the labels are fewer, the
    neighbouring columns whose sizes are one size with two variants ("4B-Depth | 4B-Width"); a
    table whose labels cannot be laid over its columns so is left as text.
    """
    j = i
    while j < len(lines) and j - i < 200 and _ends_with_pipe(src[lines[j][0]:lines[j][1]]):
        j += 1
    rows = [(k, _pipe_row_cells(src, *lines[k], refs)) for k in range(i, j)
            if src[lines[k][0]:lines[k][1]].strip().strip("|")]
    body_at = len(rows)
    while body_at > 0 and len(rows[body_at - 1][1]) >= 3 and len(rows[body_at - 1][1]) == len(rows[-1][1]):
        body_at -= 1
    if body_at < len(rows) and _SIZE_HEAD.match(rows[body_at][1][0].inl.text):
        body_at += 1  # "2B | 7B | |": the sizes heading the columns, not a row
    if body_at == 0 and rows and not any(_NUMERIC.match(c.inl.text) for c in rows[0][1][1:]):
        # "Model | GlimmerQA | RidgeMath |" over its rows: a one-line header
        body = [r for _k, r in rows[1:]]
        if sum(any(_NUMERIC.match(c.inl.text) for c in r[1:]) for r in body) < 2:
            return 0, [], []
        return j - i, [rows[0][1]], body
    body = [r for _k, r in rows[body_at:]]
    numeric = [r for r in body if any(_NUMERIC.match(c.inl.text) for c in r[1:])]
    if len(numeric) < 2 or body_at == 0:
        return 0, [], []
    width = len(body[0])
    # a line of sizes may end in empty cells; it is the last line before the body
    sub: list[_Cell] = []
    tops = [r for _k, r in rows[:body_at]]
    sized = [c for c in tops[-1] if c.inl.text] if len(tops[-1]) > 1 else []
    if sized and len(sized) in (width - 1, width - 2) and all(_SIZE_HEAD.match(c.inl.text) for c in sized):
        data = len(sized)
        sub = [_empty()] + sized + [_empty() for _ in range(width - 1 - data)]
        tops = tops[:-1]
    else:
        data = width - 1
    if any(len(r) != 1 for r in tops):
        return 0, [], []
    labels = [r[0] for r in tops]
    groups: list[list[int]] = []
    for c in range(data):
        prev = _SIZE_VARIANT.match(sub[c].inl.text) if sub and c else None
        here = _SIZE_VARIANT.match(sub[c + 1].inl.text) if sub else None
        if groups and prev and here and prev.group(1).lower() == here.group(1).lower():
            groups[-1].append(c + 1)
        else:
            groups.append([c + 1])
    if len(labels) == data + 1:
        spans = [[c + 1] for c in range(data)]
    elif len(labels) == len(groups) + 1:
        spans = groups
    else:
        return 0, [], []
    top = [labels[0]] + [_empty() for _ in range(width - 1)]
    for label, cols in zip(labels[1:], spans, strict=True):
        cell = _Cell(label.inl, colspan=len(cols))
        for c in cols:
            top[c] = cell
    header = [top, sub] if sub else [top]
    return j - i, header, body


# --------------------------------------------------------------------------- blocks


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def _blanked(text: str) -> str:
    """``text`` with HTML comments and script/style elements replaced by spaces (line breaks
    kept), so that offsets stay those of ``text``."""
    if "<" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group())

    return _DROPPED_ELEMENT.sub(blank, _COMMENT.sub(blank, text))


def _line_index(lines: list[tuple[int, int]], pos: int) -> int:
    return max(0, bisect_right([s for s, _e in lines], pos) - 1)


def _paragraph_line(src: str, s: int, e: int, out: _Out, refs: dict[str, str],
                    kind: str = "paragraph") -> None:
    inl = _strip(_inline(src, s, e, refs), collapse=True)
    if not inl.text or _HASHTAG_LINE.match(src[s:e]):
        out.blank(s)
        return
    if "\n" in inl.text:  # a <br> or block tag inside the line
        out.newline(s)
        start = out.pos
        for k, part in enumerate(_split_inline(inl)):
            if k:
                out.newline(s)
            if part.text:
                out.put_inline(part)
        out.put("\n", e, False)
        out.blocks.append(Block(kind, start, out.pos - 1))
        return
    out.newline(s)
    start = out.put_inline(inl)
    out.put("\n", e, False)
    out.blocks.append(Block(kind, start, out.pos - 1))


def _split_inline(inl: _Inline) -> list[_Inline]:
    """``inl`` cut at its line breaks, each part stripped."""
    parts: list[_Inline] = []
    cur: list[_Piece] = []
    for text, src, copied in inl.pieces:
        at = 0
        for k, chunk in enumerate(text.split("\n")):
            if k:
                parts.append(_Inline(cur, "".join(p for p, _s, _c in cur)))
                cur = []
            if chunk:
                cur.append((chunk, src + at if copied else src, copied))
            at += len(chunk) + 1
    parts.append(_Inline(cur, "".join(p for p, _s, _c in cur)))
    starts = []
    pos = 0
    for p in parts:
        starts.append(pos)
        pos += len(p.text) + 1
    for s, e, u in inl.hints:  # each link goes to the part holding its start
        k = bisect_right(starts, s) - 1
        if 0 <= k < len(parts) and e - starts[k] <= len(parts[k].text):
            parts[k].hints.append((s - starts[k], e - starts[k], u))
    return [_strip(p) for p in parts]


def _link_definitions(text: str) -> dict[str, str]:
    refs = {}
    if "]:" in text:
        for m in re.finditer(_LINK_DEF.pattern, text, re.MULTILINE):
            refs.setdefault(m.group(1).strip().lower(), m.group(2))
    return refs


def _continues_item(line: str, prev: str) -> bool:
    """Whether ``line`` continues the list item whose last line is ``prev`` (an indented line, or a
    lazy one after an unfinished line)."""
    if not line.strip() or _ITEM.match(line) or _ATX.match(line) or _FENCE.match(line) or \
            _QUOTE.match(line) or _RULE.match(line) or _has_pipe(line):
        return False
    if line[:1] in " \t":
        return True
    p = prev.rstrip()
    return bool(p) and p[-1] not in ".!?:" and (line.lstrip()[:1].islower() or len(p) >= 60)


def normalise(text: str) -> NormalisedText:
    """Normalise a loader's text (see the module docstring).

    >>> n = normalise("## Results\\n\\n[**Foo-7B**](https://huggingface.co/acme/Foo-7B) scores "
    ...               "*61.0* on `GlimmerQA`.\\n")
    >>> n.text
    'Results\\n\\nFoo-7B scores 61.0 on GlimmerQA.\\n'
    >>> [(n.text[h.start:h.end], h.repo_id) for h in n.hints]
    [('Foo-7B', 'acme/Foo-7B')]
    """
    src = _blanked(text).translate(_HYPHENS)
    lines = _lines(src)
    refs = _link_definitions(src)
    out = _Out()
    i = 0
    n = len(lines)
    # where a search found nothing already (each is then not repeated: the loop stays linear)
    no_table_end = len(src) + 1
    not_table_until = -1
    while i < n:
        s, e = lines[i]
        line = src[s:e]
        if not line.strip():
            out.blank(s)
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence is not None and (fence.group(1)[0] == "~" or "`" not in fence.group(2)):
            mark = re.escape(fence.group(1)[0])
            closing = re.compile(rf"^[ \t]{{0,3}}{mark}{{{len(fence.group(1))},}}[ \t]*$")
            close = next((j for j in range(i + 1, n) if closing.match(src[lines[j][0]:lines[j][1]])), None)
            if close is not None:
                _code_block(src, lines, i, close, fence.group(2), out, refs)
                i = close + 1
                continue
        if "<" in line and _HTML_TABLE.search(line) and s < no_table_end:
            t0 = s + _HTML_TABLE.search(line).start()
            end = _HTML_TABLE_END.search(src, t0)
            if end is None:
                no_table_end = s
            else:
                if src[s:t0].strip():
                    _paragraph_line(src, s, t0, out, refs)
                _html_table(src, t0, end.end(), out, refs)
                last = _line_index(lines, end.end())
                ls, le = lines[last]
                if src[end.end():le].strip():
                    _paragraph_line(src, end.end(), le, out, refs)
                i = last + 1
                continue
        if _has_pipe(line) and i + 1 < n and _is_delimiter(src[lines[i + 1][0]:lines[i + 1][1]]):
            i = _pipe_table(src, lines, i, out, refs)
            continue
        if line.lstrip().startswith("|") and i > not_table_until:
            rows = _bare_pipe_table(src, lines, i)
            if not rows:
                not_table_until = i + _pipe_run(src, lines, i)
            else:
                body = [_pipe_row_cells(src, *lines[j], refs) for j in range(i + 1, i + rows)
                        if not _DELIMITER_ROW.match(src[lines[j][0]:lines[j][1]])]
                _emit_table(out, [_pipe_row_cells(src, s, e, refs)], body, s, "pipe")
                i += rows
                continue
        if _ends_with_pipe(line) and i > not_table_until:
            used, head, body = _trailing_pipe_table(src, lines, i, refs)
            if not used:
                not_table_until = i + 1
            else:
                _emit_table(out, head, body, s, "pipe")
                i += used
                continue
        if ("  " in line or "\t" in line) and i + 2 < n:
            rows = _aligned_table_lines(src, lines, i)
            if rows:
                _aligned_table(src, lines, i, rows, out, refs)
                i += rows
                continue
        if len(line.strip()) <= 20 and _STACKED_FIRST.match(line.strip()):
            width, used, at = _stacked_table(src, lines, i)
            if width:
                rows = [[_Cell(_cell_inline(src, *lines[c], refs)) for c in at[k:k + width]]
                        for k in range(0, len(at), width)]
                _emit_table(out, rows[:1], rows[1:], s, "stacked")
                i += used
                continue
        atx = _ATX.match(line)
        if atx is not None:
            _heading(src, s + (atx.start(2) if atx.group(2) else len(line)),
                     s + (atx.end(2) if atx.group(2) else len(line)), len(atx.group(1)), out, refs)
            i += 1
            continue
        if i + 1 < n and _SETEXT.match(src[lines[i + 1][0]:lines[i + 1][1]]) and not _ITEM.match(line) \
                and not _QUOTE.match(line) and len(line.strip()) <= 120 and (
                    src[lines[i + 1][0]:lines[i + 1][1]].strip()[0] == "=" or i == 0 or
                    not src[lines[i - 1][0]:lines[i - 1][1]].strip()):
            _heading(src, s, e, 1 if src[lines[i + 1][0]:lines[i + 1][1]].strip()[0] == "=" else 2, out, refs)
            i += 2
            continue
        if _RULE.match(line):
            out.blank(s)
            out.blocks.append(Block("rule", out.pos, out.pos))
            i += 1
            continue
        if _LINK_DEF.match(line):
            i += 1
            continue
        item = _ITEM.match(line)
        if item is not None:
            i = _list_item(src, lines, i, item, out, refs)
            continue
        quote = _QUOTE.match(line)
        if quote is not None:
            rest = src[s + quote.end():e]
            inner = _ITEM.match(rest)
            if inner is not None:
                _item_line(src, s + quote.end(), e, inner, [], out, refs, kind="quote")
            else:
                _paragraph_line(src, s + quote.end(), e, out, refs, kind="quote")
            i += 1
            continue
        foot = _FOOTNOTE_DEF.match(line)
        _paragraph_line(src, s + (foot.end() if foot else 0), e, out, refs)
        i += 1
    return out.result()


def _heading(src: str, s: int, e: int, level: int, out: _Out, refs: dict[str, str]) -> None:
    inl = _strip(_inline(src, s, e, refs), collapse=True)
    if not inl.text:
        return
    out.blank(s)
    start = out.put_inline(inl)
    out.blocks.append(Block("heading", start, out.pos, level))
    out.blank(e)


def _list_item(src: str, lines: list[tuple[int, int]], i: int, item: re.Match[str], out: _Out,
               refs: dict[str, str]) -> int:
    """Write the list item at line ``i`` (with its continuation lines) and return the next line."""
    s, e = lines[i]
    more = []
    j = i + 1
    prev = src[s:e]
    while j < len(lines) and _continues_item(src[lines[j][0]:lines[j][1]], prev):
        more.append(lines[j])
        prev = src[lines[j][0]:lines[j][1]]
        j += 1
    _item_line(src, s, e, item, more, out, refs)
    return j


def _item_line(src: str, s: int, e: int, item: re.Match[str], more: list[tuple[int, int]], out: _Out,
               refs: dict[str, str], kind: str = "item") -> None:
    parts = [_strip(_inline(src, s + item.end(), e, refs))]
    parts += [_strip(_inline(src, ms, me, refs)) for ms, me in more]
    inl = _Inline([], "")
    for k, p in enumerate(parts):
        if k:
            inl.pieces.append((" ", more[k - 1][0], False))
        shift = len("".join(x for x, _s, _c in inl.pieces))
        inl.pieces.extend(p.pieces)
        inl.hints.extend((a + shift, b + shift, u) for a, b, u in p.hints)
    inl.text = "".join(x for x, _s, _c in inl.pieces)
    inl = _strip(inl, collapse=True)
    if not inl.text:
        return
    marker = "- " if item.group(2) else f"{item.group(3)}{item.group(4)} "
    out.newline(s)
    start = out.pos
    out.put(marker, s + len(item.group(1)), False)
    out.put_inline(inl)
    out.blocks.append(Block(kind, start, out.pos, len(item.group(1).expandtabs(4)) // 2))
    out.put("\n", e, False)


def _code_block(src: str, lines: list[tuple[int, int]], i: int, close: int, info: str, out: _Out,
                refs: dict[str, str]) -> None:
    """A fenced code block: a table inside it is read as a table, anything else is kept out of
    the text (recorded as a :class:`CodeBlock`)."""
    inner = lines[i + 1:close]
    body = [ln for ln in inner if src[ln[0]:ln[1]].strip()]
    if len(body) >= 3:
        first = src[body[0][0]:body[0][1]]
        if _has_pipe(first) and _is_delimiter(src[body[1][0]:body[1][1]]):
            rows = [b for b in body[2:]
                    if _has_pipe(src[b[0]:b[1]]) and not _DELIMITER_ROW.match(src[b[0]:b[1]])]
            if len(rows) == len(body) - 2:
                _emit_table(out, [_pipe_row_cells(src, *body[0], refs)],
                            [_pipe_row_cells(src, *b, refs) for b in rows], body[0][0], "pipe")
                return
        n = _aligned_table_lines(src, body, 0)
        if n == len(body):
            _aligned_table(src, body, 0, n, out, refs)
            return
    out.blank(lines[i][0])
    start = lines[i + 1][0] if i + 1 < len(lines) else lines[i][1]
    end = lines[close][0]
    out.code.append(CodeBlock(out.pos, info.strip(), src[start:end]))
    out.blocks.append(Block("code", out.pos, out.pos))


# --------------------------------------------------------------------------- reading tables of a text


def read_tables(text: str) -> tuple[Table, ...]:
    """The tables of ``text`` with their spans indexing ``text`` itself (for a text that was not
    normalised: the cells are clean, their offsets are mapped back through the offset map).

    >>> [t.body[0].texts for t in read_tables("| Model | MMLU |\\n|---|---|\\n| **Foo-7B** | 61.0 |\\n")]
    [('Foo-7B', '61.0')]
    """
    norm = normalise(text)
    if norm.text == text:
        return norm.tables

    def cell(c: TableCell) -> TableCell:
        s, e = norm.source_span(c.start, c.end)
        return TableCell(c.text, s, e, tuple(LinkHint(*norm.source_span(h.start, h.end), h.url)
                                             for h in c.hints), c.colspan, c.rowspan)

    def row(r: TableRow) -> TableRow:
        s, e = _source_line(text, norm.source_span(r.start, r.end))
        return TableRow(tuple(cell(c) for c in r.cells), s, e)

    out = []
    for t in norm.tables:
        s, e = norm.source_span(t.start, t.end)
        out.append(Table(tuple(row(r) for r in t.header), tuple(row(r) for r in t.body), s, e, t.layout))
    return tuple(out)


def _source_line(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The whole source line(s) holding ``span`` (a row's evidence is its line)."""
    s, e = span
    start = text.rfind("\n", 0, s) + 1
    end = text.find("\n", max(s, e - 1))
    return start, len(text) if end < 0 else end


def render_table(table: Table) -> str:
    """A compact rendering of a table record (``llmkg read --tables``): its layout, size and
    span, its column labels, then one line per body row.

    >>> print(render_table(normalise("| Model | MMLU |\\n|---|---|\\n| Foo-7B | 61.0 |\\n").tables[0]))
    table (pipe, 2 columns, 1 header row, 1 body row) at 0-48
      columns: Model | MMLU
      row 1: Foo-7B | 61.0
    """
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    lines = [f"table ({table.layout}, {plural(table.width, 'column')}, "
             f"{plural(len(table.header), 'header row')}, {plural(len(table.body), 'body row')}) "
             f"at {table.start}-{table.end}"]
    if table.header:
        lines.append("  columns: " + " | ".join(table.column_label(i) for i in range(table.width)))
    for k, row in enumerate(table.body, 1):
        lines.append(f"  row {k}: " + " | ".join(row.texts))
    return "\n".join(lines)
