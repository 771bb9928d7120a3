"""Exports of the whole graph or a subgraph (an entity's neighbourhood, a model's lineage)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from kg.errors import InvalidInputError
from kg.export import FORMATS, Subgraph, export

from ..deps import StoreDep
from ..models import ErrorBody
from .entities import entity_iri

__all__ = ["MEDIA_TYPES", "router"]

router = APIRouter(tags=["export"])

#: media type and file extension of each export format
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "turtle": ("text/turtle; charset=utf-8", "ttl"),
    "nquads": ("application/n-quads; charset=utf-8", "nq"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "cytoscape": ("application/json", "cyjs"),
    "dot": ("text/vnd.graphviz; charset=utf-8", "dot"),
}


@router.get("/export/{fmt}", response_class=Response, responses={
    200: {"description": "The export", "content": {m.split(";")[0]: {} for m, _ in MEDIA_TYPES.values()}},
    400: {"model": ErrorBody}, 404: {"model": ErrorBody}})
def get_export(
    store: StoreDep,
    fmt: Annotated[str, Path(description=f"One of {', '.join(FORMATS)}.")],
    entity: Annotated[str | None, Query(description="Only this entity's neighbourhood (IRI or name).")]
    = None,
    hops: Annotated[int, Query(ge=1, le=5, description="How far the neighbourhood reaches.")] = 1,
    lineage: Annotated[str | None, Query(description="Only this model's lineage (IRI or name).")] = None,
    ontology: Annotated[bool, Query(description="Include the ontology graph (RDF formats).")] = False,
) -> Response:
    """Export the graph, or a subgraph of it, for graph tools."""
    fmt = fmt.lower()
    if fmt not in MEDIA_TYPES:
        raise InvalidInputError(f"unknown export format {fmt[:40]!r} (known: {', '.join(FORMATS)})")
    if entity is not None and lineage is not None:
        raise InvalidInputError("give 'entity' or 'lineage', not both")
    sub = None
    if entity is not None:
        sub = Subgraph("neighbourhood", _iri(store, entity), hops=hops)
    elif lineage is not None:
        sub = Subgraph("lineage", _iri(store, lineage))
    body = export(store, fmt, subgraph=sub, include_ontology=ontology) or b""
    media, ext = MEDIA_TYPES[fmt]
    name = "llmkg" if sub is None else f"llmkg-{sub.kind}"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'})


def _iri(store: StoreDep, value: str) -> str:
    is_iri = value.startswith(("http://", "https://", "urn:"))
    return entity_iri(store, value if is_iri else None, None if is_iri else value)
