"""Entities: search, one entity with its sourced facts, its neighbourhood, its lineage."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from rdflib import URIRef

from kg.errors import InvalidInputError
from kg.lineage import lineage, resolve_entity
from kg.lookups import (
    ENTITY_TYPES,
    EntityDetail,
    EntityMatch,
    GraphView,
    Page,
    entity,
    neighbourhood,
    search_entities,
)
from kg.store import KGStore, to_ox
from kg.terms import is_safe_iri

from ..deps import SettingsDep, StoreDep
from ..models import EntityDetail as EntityDetailModel
from ..models import EntityRef, ErrorBody
from ..models import GraphView as GraphViewModel
from ..models import Lineage as LineageModel
from ..models import Page as PageModel

__all__ = ["IRI_PATTERN", "NAME_PATTERN", "PAGE_LIMIT", "check_iri", "checked_ref", "entity_iri", "router"]

router = APIRouter(tags=["entities"])

_ERRORS = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}
_TYPES = f"Keep these types: {', '.join(ENTITY_TYPES)}."
#: what the OpenAPI schema says of an IRI parameter (the server checks more: see check_iri)
IRI_PATTERN = r"^(https?://|urn:)"
#: a name must hold a letter or a digit (names are compared by their letters and digits)
NAME_PATTERN = r"[A-Za-z0-9]"
IriQ = Annotated[str | None, Query(description="The entity IRI (`http(s):` or `urn:`).", max_length=2048,
                                   pattern=IRI_PATTERN)]
NameQ = Annotated[str | None, Query(description="A name or alias, instead of the IRI.", min_length=1,
                                    max_length=1000, pattern=NAME_PATTERN)]
EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]
PAGE_LIMIT = "Page size: at most the service's `api_page_max` (500 by default); more gets 400."


def check_iri(iri: str) -> str:
    """``iri`` if it is an ``http(s):`` or ``urn:`` IRI that cannot break SPARQL and that the store
    accepts (Oxigraph refuses some code points ``kg.terms.is_safe_iri`` lets through, such as
    U+FFFD, which is what invalid UTF-8 in a URL decodes to).

    Raises:
        InvalidInputError: it is not.
    """
    if iri.startswith(("http://", "https://", "urn:")) and is_safe_iri(iri):
        try:
            to_ox(URIRef(iri))
        except ValueError:
            pass
        else:
            return iri
    raise InvalidInputError(f"Not a valid IRI: {iri[:200]!r}")


def checked_ref(value: str | None) -> str | None:
    """A parameter that takes an IRI or a name: an IRI is checked (:func:`check_iri`), a name
    passes as it is."""
    if value is not None and value.startswith(("http://", "https://", "urn:")):
        check_iri(value)
    return value


def entity_iri(store: KGStore, iri: str | None, name: str | None) -> str:
    """The IRI of the entity a request names by ``iri`` or by ``name`` (exactly one).

    Raises:
        InvalidInputError: neither or both given, or a malformed IRI.
        NotFoundError: no entity has that name or IRI.
    """
    if (iri is None) == (name is None):
        raise InvalidInputError("give exactly one of 'iri' and 'name'")
    if iri is not None:
        check_iri(iri)
    return resolve_entity(store, iri if iri is not None else name or "").iri


@router.get("/api/entities", response_model=PageModel[EntityRef], responses=_ERRORS)
def search(store: StoreDep, settings: SettingsDep,
           q: Annotated[str, Query(min_length=1, max_length=200, pattern=NAME_PATTERN,
                                   description="Part of a name or alias (with a letter or digit).")],
           type_: Annotated[list[EntityType], Query(alias="type", description=_TYPES)] = [],  # noqa: B006 - copied per request
           offset: Annotated[int, Query(ge=0)] = 0,
           limit: Annotated[int, Query(ge=1, description=PAGE_LIMIT)] = 20) -> Page[EntityMatch]:
    """Search entities by name or alias, optionally by type."""
    _check_limit(limit, settings.api_page_max)
    return search_entities(store, q, types=type_, offset=offset, limit=limit)


@router.get("/api/entity", response_model=EntityDetailModel, responses=_ERRORS)
def get_entity(store: StoreDep, iri: IriQ = None, name: NameQ = None) -> EntityDetail:
    """One entity with its names, types and facts, each fact with its sources."""
    return entity(store, entity_iri(store, iri, name))


@router.get("/api/entity/neighbours", response_model=GraphViewModel, responses=_ERRORS)
def get_neighbours(store: StoreDep, iri: IriQ = None, name: NameQ = None,
                   hops: Annotated[int, Query(ge=1, le=3)] = 1,
                   limit: Annotated[int, Query(ge=1, le=2000)] = 300) -> GraphView:
    """The entities around one entity and the relations between them."""
    return neighbourhood(store, entity_iri(store, iri, name), hops=hops, limit=limit)


@router.get("/api/lineage", response_model=LineageModel, responses=_ERRORS)
def get_lineage(store: StoreDep, iri: IriQ = None, name: NameQ = None,
                depth: Annotated[int, Query(ge=1, le=20)] = 6) -> dict[str, Any]:
    """Ancestors and descendants of a model, with the relation and sources of each edge."""
    return lineage(store, entity_iri(store, iri, name), depth=depth).to_dict()


def _check_limit(limit: int, most: int) -> None:
    if limit > most:
        raise InvalidInputError(f"limit must be at most {most}, got {limit}")
