"""Benchmark results, claims and contradictions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from kg.claims import ClaimView, claims, contradictions, count_claims
from kg.errors import InvalidInputError
from kg.lineage import resolve_entity
from kg.lookups import Page, ResultView, results

from ..deps import SettingsDep, StoreDep
from ..models import Claim, Contradiction, ErrorBody, Result
from ..models import Page as PageModel
from .entities import NAME_PATTERN, PAGE_LIMIT, checked_ref

__all__ = ["router"]

router = APIRouter(tags=["results and claims"])

_ERRORS = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}
_STANCES = ("asserts", "denies", "speculates", "reports", "acknowledges")
Stance = Literal[_STANCES]  # type: ignore[valid-type]


def _ref(description: str) -> Any:
    """An IRI-or-name query parameter."""
    return Query(description=description, min_length=1, max_length=2048, pattern=NAME_PATTERN)


def _resolve(store: Any, value: str | None) -> str | None:
    return None if value is None else resolve_entity(store, checked_ref(value) or "").iri


@router.get("/api/results", response_model=PageModel[Result], responses=_ERRORS)
def get_results(store: StoreDep, settings: SettingsDep,
                model: Annotated[str | None, _ref("Model IRI or name.")] = None,
                benchmark: Annotated[str | None, _ref("Benchmark IRI or name.")] = None,
                offset: Annotated[int, Query(ge=0)] = 0,
                limit: Annotated[int, Query(ge=1, description=PAGE_LIMIT)] = 50) -> Page[ResultView]:
    """Benchmark results of a model, on a benchmark, or both."""
    if limit > settings.api_page_max:
        raise InvalidInputError(f"limit must be at most {settings.api_page_max}, got {limit}")
    return results(store, model=_resolve(store, model), benchmark=_resolve(store, benchmark),
                   offset=offset, limit=limit)


@router.get("/api/claims", response_model=PageModel[Claim], responses=_ERRORS)
def get_claims(store: StoreDep, settings: SettingsDep,
               about: Annotated[str | None, _ref("Entity IRI or name the claims are about.")] = None,
               stance: Annotated[Stance | None, Query(description="The claimant's stance.")] = None,
               offset: Annotated[int, Query(ge=0)] = 0,
               limit: Annotated[int, Query(ge=1, description=PAGE_LIMIT)] = 50) -> Page[ClaimView]:
    """Claims about an entity (or all), with claimant, stance and source."""
    if limit > settings.api_page_max:
        raise InvalidInputError(f"limit must be at most {settings.api_page_max}, got {limit}")
    if stance is not None and stance not in _STANCES:
        raise InvalidInputError(f"stance must be one of {', '.join(_STANCES)}, got {stance!r}")
    found = claims(store, checked_ref(about), stance=stance, limit=limit, offset=offset)
    return Page(found, count_claims(store, about, stance=stance), offset, limit)


@router.get("/api/contradictions", response_model=PageModel[Contradiction], responses=_ERRORS)
def get_contradictions(store: StoreDep, settings: SettingsDep,
                       about: Annotated[str | None, _ref("Entity IRI or name.")] = None,
                       offset: Annotated[int, Query(ge=0)] = 0,
                       limit: Annotated[int, Query(ge=1, description=PAGE_LIMIT)] = 50,
                       ) -> Page[dict[str, Any]]:
    """Pairs of claims (or a claim and a stated fact) on one proposition with opposite stances,
    paginated like the other lists (``items``, ``total``, ``offset``, ``limit``)."""
    if limit > settings.api_page_max:
        raise InvalidInputError(f"limit must be at most {settings.api_page_max}, got {limit}")
    found = [c.to_dict() for c in contradictions(store, checked_ref(about))]
    return Page(found[offset:offset + limit], len(found), offset, limit)
