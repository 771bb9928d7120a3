"""Typed records passed between the pipeline stages.

loader -> :class:`Document`; spaCy pipeline + extraction -> :class:`Extraction` (entities,
relations, attributes, results, claims, each with :class:`Evidence`); mapping -> RDF quads.
Records are frozen dataclasses, validated on construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "DOC_TYPES",
    "ENTITY_TYPES",
    "RELATION_PREDICATES",
    "STANCES",
    "ATTRIBUTE_PROPERTIES",
    "Attribute",
    "Claim",
    "Document",
    "Entity",
    "EntityRef",
    "Evidence",
    "Extraction",
    "Relation",
    "Release",
    "Result",
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
