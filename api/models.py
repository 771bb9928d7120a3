"""Response models of the REST API (the OpenAPI schema users read at ``/docs``).

They mirror the library's frozen dataclasses (:mod:`kg.lookups`, :mod:`kg.lineage`,
:mod:`kg.claims`); routes return those dataclasses and FastAPI validates them against these.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, computed_field

__all__ = [
    "Claim",
    "Contradiction",
    "DocumentDetail",
    "DocumentSummary",
    "EntityDetail",
    "EntityRef",
    "ErrorBody",
    "ExtractedFact",
    "Fact",
    "GraphEdge",
    "GraphView",
    "Health",
    "IngestOutcome",
    "IngestResponse",
    "LineageTreeModel",
    "Lineage",
    "LineageEdge",
    "Page",
    "RankedModel",
    "Result",
    "Source",
    "SummaryModel",
    "TreeMember",
]

T = TypeVar("T")


class _Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ErrorBody(_Model):
    """The one error shape every route answers with."""

    ok: bool = Field(False, description="Always false.")
    status: int = Field(description="The HTTP status code.")
    error: str = Field(description="A stable code: not_found, invalid_input, forbidden, ...")
    message: str = Field(description="What went wrong, for a human.")


class Health(_Model):
    """Liveness and what the store holds."""

    ok: bool
    version: str
    store: str
    quads: int
    documents: int
    writable: bool


class Page(_Model, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int = Field(description="Items in the whole list.")
    offset: int
    limit: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def next_offset(self) -> int | None:
        """The ``offset`` of the next page, or null on the last page."""
        nxt = self.offset + self.limit
        return nxt if nxt < self.total else None


class EntityRef(_Model):
    """An entity: IRI, canonical label and types."""

    iri: str
    label: str
    types: list[str]


class Source(_Model):
    """Where something was stated: the document and the exact sentence span."""

    document: str
    title: str
    source: str
    quote: str
    start: int | None = None
    end: int | None = None


class Fact(_Model):
    """A statement about an entity (``out``: it is the subject; ``in``: the object)."""

    predicate: str
    direction: str
    value: str
    value_label: str | None
    datatype: str | None
    sources: list[Source]


class EntityDetail(_Model):
    """An entity with its names, types, facts and counts of results, claims and documents."""

    iri: str
    label: str
    alt_labels: list[str]
    types: list[str]
    facts: list[Fact]
    results: int
    claims: int
    documents: int


class GraphEdge(_Model):
    """A relation between two entities."""

    source: str
    relation: str
    target: str


class GraphView(_Model):
    """The neighbourhood of an entity."""

    center: str
    nodes: list[EntityRef]
    edges: list[GraphEdge]
    truncated: bool


class LineageEdge(_Model):
    """One lineage edge with its sources, and the edges beyond it."""

    subject: EntityRef
    relation: str
    object: EntityRef
    sources: list[Source]
    next: list[LineageEdge] = Field(default_factory=list, validation_alias=AliasChoices("next", "children"))


class Lineage(_Model):
    """Where a model comes from (ancestors) and what came of it (descendants)."""

    root: EntityRef
    ancestors: list[LineageEdge]
    descendants: list[LineageEdge]


class Result(_Model):
    """A benchmark result."""

    iri: str
    model: EntityRef
    benchmark: EntityRef
    score: float
    metric: str | None
    reported_by: EntityRef | None
    sources: list[Source]


class Claim(_Model):
    """A claim: who says what, with which stance, and where."""

    claim: str
    claimant: str
    claimant_label: str
    stance: str
    text: str
    proposition: str | None
    source: Source


class Contradiction(_Model):
    """A proposition one claim denies and another claim (or a document) asserts."""

    proposition: str
    statement: str
    denial: Claim
    assertion: Claim


class DocumentSummary(_Model):
    """An ingested document."""

    iri: str
    graph: str
    title: str
    source: str
    types: list[str]
    date: str | None
    ingested: str | None
    content_hash: str
    extractor: str
    facts: int = Field(description="Statements extracted from it (each with an evidence span).")


class ExtractedFact(_Model):
    """A statement a document made, with its evidence span and the rule that found it."""

    subject: str
    subject_label: str
    predicate: str
    value: str
    value_label: str | None
    quote: str
    start: int | None
    end: int | None
    rule: str | None
    confidence: float | None


class DocumentDetail(_Model):
    """A document and everything extracted from it."""

    document: DocumentSummary
    entities: list[EntityRef]
    facts: list[ExtractedFact]
    results: int
    claims: int


class RankedModel(_Model):
    """An entity ranked by a centrality measure (``degree``: distinct entities it is linked to)."""

    iri: str
    label: str
    type: str
    score: float
    degree: int


class TreeMember(_Model):
    """An entity of a lineage tree."""

    iri: str
    label: str
    type: str


class LineageTreeModel(_Model):
    """A connected lineage: its oldest ancestors (roots), members and edges."""

    size: int
    roots: list[TreeMember]
    members: list[TreeMember]
    edges: list[GraphEdge]


class SummaryModel(_Model):
    """Counts of the ecosystem graph."""

    nodes: dict[str, int]
    edges: dict[str, int]
    components: int
    lineage_trees: int
    largest_tree: int


class IngestOutcome(_Model):
    """What happened to one document of an upload."""

    source: str
    status: str = Field(description="added, replaced, unchanged or failed.")
    title: str
    document: str
    entities: int
    relations: int
    attributes: int
    results: int
    claims: int
    quads: int
    error: str


class IngestResponse(_Model):
    """The outcome of one upload (a file can hold several documents)."""

    ok: bool
    outcomes: list[IngestOutcome]
    quads: int = Field(description="Quads in the store after the upload.")
