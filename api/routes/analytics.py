"""Graph analytics (networkx): centrality of labs and models, connected lineage trees, counts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from kg.analytics import KINDS, MEASURES, centrality, lineage_trees, summary

from ..deps import StoreDep
from ..models import ErrorBody, LineageTreeModel, RankedModel, SummaryModel

__all__ = ["router"]

router = APIRouter(tags=["analytics"])

_ERRORS = {400: {"model": ErrorBody}}
Kind = Literal[KINDS]  # type: ignore[valid-type]
Measure = Literal[MEASURES]  # type: ignore[valid-type]


@router.get("/api/analytics/centrality", response_model=list[RankedModel], responses=_ERRORS)
def get_centrality(store: StoreDep,
                   kind: Annotated[Kind, Query(description="Labs, models, or both.")] = "all",
                   measure: Annotated[Measure, Query(description="The centrality measure.")] = "degree",
                   limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> list[dict[str, Any]]:
    """The most central labs and models by degree, PageRank or betweenness."""
    return [r.to_dict() for r in centrality(store, kind=kind, measure=measure, limit=limit)]


@router.get("/api/analytics/trees", response_model=list[LineageTreeModel], responses=_ERRORS)
def get_trees(store: StoreDep, min_size: Annotated[int, Query(ge=1)] = 2,
              limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
    """Connected lineage trees, largest first, each with its roots (oldest ancestors)."""
    return [t.to_dict() for t in lineage_trees(store, min_size=min_size)[:limit]]


@router.get("/api/analytics/summary", response_model=SummaryModel)
def get_summary(store: StoreDep) -> dict[str, Any]:
    """Node and edge counts of the ecosystem graph, components and lineage trees."""
    return summary(store).to_dict()
