"""Typed records passed between the pipeline stages.

loader -> :class:`Document`; normalisation -> :class:`NormalisedText` (clean text, blocks,
:class:`Table` records, link hints, offsets back to the loader's text); spaCy pipeline +
extraction -> :class:`Extraction` (entities, relations, attributes, results, claims, each with
:class:`Evidence`); mapping -> RDF quads.
Records are frozen dataclasses, validated on construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "DOC_TYPES",
    "ENTITY_TYPES",
    "RELATION_PREDICATES",
    "STANCES",
    "ATTRIBUTE_PROPERTIES",
    "Attribute",
    "Block",
    "Claim",
    "CodeBlock",
    "Document",
    "Entity",
    "EntityRef",
    "Evidence",
    "Extraction",
    "LinkHint",
    "NormalisedText",
    "OffsetMap",
    "Relation",
    "Release",
    "Result",
    "Table",
    "TableCell",
    "TableRow",
]

ENTITY_TYPES = frozenset(
    {"Model", "ModelFamily", "Organization", "Person", "UnnamedAgent", "Benchmark", "Hardware"}
)
RELATION_PREDICATES = frozenset(
    {
        "developedBy",
        "memberOfFamily",
        "successorOf",
        "derivedFrom",
        "distilledFrom",
        "fineTunedFrom",
        "quantizedFrom",
        "mergedFrom",
        "adapterOf",
        "employer",
        "fitsOn",
    }
)
ATTRIBUTE_PROPERTIES = frozenset({"totalParameters", "activeParameters", "contextWindowTokens"})
STANCES = frozenset({"asserts", "denies", "speculates", "reports", "acknowledges"})
DOC_TYPES = frozenset({"Document", "NewsArticle", "Paper", "ModelCard", "BlogPost", "WebPage"})


@dataclass(frozen=True)
class Document:
    """One source document as the loaders hand it to the pipeline.

    ``text`` is already normalised (NFC, no control characters): evidence offsets index into it.
    ``url`` is the canonical URL when there is one; it then gives the document its identity.
    """

    text: str
    source: str
    title: str = ""
    url: str | None = None
    date: date | None = None
    doc_type: str = "Document"
    media_type: str = "text/plain"
    publisher: str | None = None
    metadata: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.doc_type not in DOC_TYPES:
            raise ValueError(f"Unknown document type: {self.doc_type!r}")
        if not self.source:
            raise ValueError("A document needs a source (file name or URL)")


@dataclass(frozen=True)
class Evidence:
    """Where a fact was stated: character offsets into the document text and the exact quote."""

    start: int
    end: int
    quote: str
    rule: str = ""
    confidence: float = 0.9

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"Bad evidence offsets: {self.start}..{self.end}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"Confidence out of [0, 1]: {self.confidence}")


@dataclass(frozen=True, order=True)
class EntityRef:
    """A reference to an entity by type and canonical label."""

    type: str
    label: str

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"Unknown entity type: {self.type!r}")
        if not self.label.strip():
            raise ValueError("An entity needs a non-empty label")


@dataclass(frozen=True)
class Entity:
    """A resolved entity of one document: canonical label, every surface form, its mentions."""

    ref: EntityRef
    types: frozenset[str]
    alt_labels: frozenset[str]
    evidence: tuple[Evidence, ...]

    @property
    def label(self) -> str:
        """The canonical label."""
        return self.ref.label


@dataclass(frozen=True)
class Relation:
    """``subject predicate object`` stated by the document in its own voice."""

    subject: EntityRef
    predicate: str
    object: EntityRef
    evidence: Evidence

    def __post_init__(self) -> None:
        if self.predicate not in RELATION_PREDICATES:
            raise ValueError(f"Unknown relation predicate: {self.predicate!r}")


@dataclass(frozen=True)
class Release:
    """The document states in its own voice that a model has been released (``lk:released``)."""

    subject: EntityRef
    evidence: Evidence


@dataclass(frozen=True)
class Attribute:
    """An integer attribute of a model (parameter counts, context window)."""

    subject: EntityRef
    property: str
    value: int
    evidence: Evidence

    def __post_init__(self) -> None:
        if self.property not in ATTRIBUTE_PROPERTIES:
            raise ValueError(f"Unknown attribute: {self.property!r}")
        if self.value <= 0:
            raise ValueError(f"Attribute values are positive integers, got {self.value}")


@dataclass(frozen=True)
class Result:
    """A benchmark result: model, benchmark, score, metric, and who reported it."""

    model: EntityRef
    benchmark: EntityRef
    score: float
    evidence: Evidence
    metric: str | None = None
    reported_by: EntityRef | None = None


@dataclass(frozen=True)
class Claim:
    """Something an agent says, with a stance; never flattened into a fact.

    ``proposition`` is the structured content when the claim states a known relation
    (subject, predicate, object), or ``(model, "released", True)`` for a claim that a model has
    (or has not) been released; ``content`` is the text of what is claimed.
    """

    claimant: EntityRef
    stance: str
    about: tuple[EntityRef, ...]
    content: str
    evidence: Evidence
    proposition: tuple[EntityRef, str, EntityRef | bool] | None = None
    topic: str = ""

    def __post_init__(self) -> None:
        if self.stance not in STANCES:
            raise ValueError(f"Unknown stance: {self.stance!r}")


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    results: tuple[Result, ...] = ()
    claims: tuple[Claim, ...] = ()
    releases: tuple[Release, ...] = ()


# --------------------------------------------------------------------------- normalised text

#: block kinds of the normalised text (:class:`Block`)
BLOCK_KINDS = frozenset({"heading", "paragraph", "item", "quote", "table", "code", "rule"})


@dataclass(frozen=True)
class LinkHint:
    """A link target kept from the markup: ``text[start:end]`` is the link's text, ``url`` where
    it pointed (a Markdown link, an HTML ``<a href>``, an autolink or a bare URL).

    A Hugging Face model URL names a model repository and its publisher (:attr:`repo_id`).
    """

    start: int
    end: int
    url: str

    @property
    def repo_id(self) -> str | None:
        """``org/name`` when the URL is a Hugging Face model page ("huggingface.co/org/name", not
        a dataset, space, collection, blog or docs page), else ``None``.

        >>> LinkHint(0, 5, "https://huggingface.co/acme-ai/Foo-7B-Instruct/tree/main").repo_id
        'acme-ai/Foo-7B-Instruct'
        >>> LinkHint(0, 5, "https://huggingface.co/datasets/acme-ai/corpus").repo_id is None
        True
        """
        m = re.match(r"https?://(?:www\.)?(?:huggingface\.co|hf\.co)/([\w.-]+)/([\w.-]+)", self.url)
        if m is None or m.group(1).lower() in _HF_NOT_MODELS:
            return None
        return f"{m.group(1)}/{m.group(2)}"


#: first path parts of huggingface.co URLs that are not a model repository's owner
_HF_NOT_MODELS = frozenset({"datasets", "spaces", "collections", "blog", "docs", "papers", "models",
                            "organizations", "settings", "join", "login", "pricing", "tasks",
                            "learn", "chat", "api"})


@dataclass(frozen=True)
class Block:
    """One block of the normalised text: ``kind`` (one of :data:`BLOCK_KINDS`) over
    ``text[start:end]``; ``level`` is a heading's level or a list item's depth (0 at the top).

    A fenced code block is kept out of the text (it is not prose): its block is empty
    (``start == end``) where the code stood.
    """

    kind: str
    start: int
    end: int
    level: int = 0

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"Unknown block kind: {self.kind!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"Bad block offsets: {self.start}..{self.end}")


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block, kept out of the normalised text (it is not prose): where it stood
    (``at``, an offset of the normalised text), its info string ("yaml", "python") and its
    content as written."""

    at: int
    info: str
    text: str


@dataclass(frozen=True)
class TableCell:
    """One cell of a table: its clean text (no emphasis, links or tags), and ``text[start:end]``
    of the normalised text it stands at (``start == end`` for an empty cell); the links it held;
    ``colspan``/``rowspan`` of the source cell it was copied from (an HTML cell spanning columns
    or rows fills every grid position it covers)."""

    text: str
    start: int
    end: int
    hints: tuple[LinkHint, ...] = ()
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class TableRow:
    """One row of a table: its cells, column by column, and the line ``text[start:end]`` it is
    rendered as (header rows of one table share their one rendered line)."""

    cells: tuple[TableCell, ...]
    start: int
    end: int

    @property
    def texts(self) -> tuple[str, ...]:
        """The cells' texts."""
        return tuple(c.text for c in self.cells)


@dataclass(frozen=True)
class Table:
    """A table read from Markdown pipes, HTML ``<table>`` or whitespace-aligned columns.

    It is rendered into the normalised text as pipe rows (``| a | b |``): one header line (several
    header rows are joined per column as "Group / Sub"), a ``| --- |`` rule, one line per body
    row. Every row has :attr:`width` cells.
    """

    header: tuple[TableRow, ...]
    body: tuple[TableRow, ...]
    start: int
    end: int
    layout: str = "pipe"  # "pipe", "html", "aligned" or "stacked" (one cell a line)

    @property
    def width(self) -> int:
        """The number of columns."""
        rows = self.header or self.body
        return len(rows[0].cells) if rows else 0

    def column_label(self, i: int) -> str:
        """Column ``i``'s header, its header rows joined top-down as "Group / Sub" (a label
        repeated by a span is said once)."""
        parts: list[str] = []
        for row in self.header:
            text = row.cells[i].text if i < len(row.cells) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        return " / ".join(parts)


@dataclass(frozen=True)
class OffsetMap:
    """Where each character of a normalised text came from in the text it was made from.

    ``segments`` are ``(start, source_start, length, copied)``: ``length`` characters from
    ``start`` in the normalised text were copied from ``source_start`` (``copied``), or inserted
    there by the normaliser (a table's pipes, a line break): those map to ``source_start``.
    """

    segments: tuple[tuple[int, int, int, bool], ...]

    def source_offset(self, pos: int) -> int:
        """The offset in the source text of normalised offset ``pos``.

        >>> m = OffsetMap(((0, 2, 5, True), (5, 9, 1, False), (6, 10, 4, True)))
        >>> m.source_offset(3), m.source_offset(5), m.source_offset(7), m.source_offset(10)
        (5, 9, 11, 14)
        """
        from bisect import bisect_right

        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        start, src, _length, copied = self.segments[i]
        return src + (pos - start) if copied else src

    @property
    def _starts(self) -> list[int]:
        cached = self.__dict__.get("_starts_cache")
        if cached is None:
            cached = [s for s, _src, _n, _c in self.segments]
            object.__setattr__(self, "_starts_cache", cached)
        return cached


@dataclass(frozen=True)
class NormalisedText:
    """A document's text as the pipeline reads it (see ``ingest.normalise``): Markdown and HTML
    syntax reduced to clean text, block structure kept as lines, tables rendered as pipe rows and
    read into :class:`Table` records, link targets kept as :class:`LinkHint`\\ s.

    Evidence offsets index :attr:`text`; :attr:`offsets` maps them back to the loader's text.
    """

    text: str
    blocks: tuple[Block, ...] = ()
    tables: tuple[Table, ...] = ()
    hints: tuple[LinkHint, ...] = ()
    code: tuple[CodeBlock, ...] = ()
    offsets: OffsetMap = field(default_factory=lambda: OffsetMap(()))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the loader's text that ``text[start:end]`` was made from."""
        s = self.offsets.source_offset(start)
        e = self.offsets.source_offset(end - 1) + 1 if end > start else s
        return s, max(s, e)
