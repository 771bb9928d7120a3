"""Entity lookup by name and the lineage question: where does a model come from, what came of it.

Lineage follows ``lk:memberOfFamily``, ``lk:successorOf`` and ``lk:derivedFrom`` with its
sub-properties, in both directions, and carries for every edge the documents and sentences that
state it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef

from .errors import InvalidInputError, NotFoundError
from .store import KGStore
from .terms import META_GRAPH, drop_entailed, is_safe_iri, name_key

__all__ = [
    "LINEAGE_PREDICATES",
    "EntityMatch",
    "Lineage",
    "LineageEdge",
    "Source",
    "evidence_sources",
    "find_entities",
    "lineage",
    "resolve_entity",
]

LK_NS = "https://w3id.org/llmkg/ontology#"
LINEAGE_PREDICATES = ("memberOfFamily", "successorOf", "derivedFrom", "distilledFrom",
                      "fineTunedFrom", "quantizedFrom", "mergedFrom", "adapterOf")
_TYPE_ORDER = ("Model", "ModelFamily", "Organization", "Person", "UnnamedAgent", "Benchmark",
               "Hardware")


@dataclass(frozen=True)
class EntityMatch:
    """An entity found by name."""

    iri: str
    label: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """Where an edge was stated: the document and the sentence."""

    document: str
    title: str
    source: str
    quote: str
    start: int | None = None
    end: int | None = None


@dataclass
class LineageEdge:
    """One lineage edge ``subject --relation--> object`` with its sources and what lies beyond."""

    subject: EntityMatch
    relation: str
    object: EntityMatch
    sources: list[Source] = field(default_factory=list)
    children: list[LineageEdge] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "subject": self.subject.__dict__, "relation": self.relation,
            "object": self.object.__dict__, "sources": [s.__dict__ for s in self.sources],
            "next": [c.to_dict() for c in self.children],
        }


@dataclass
class Lineage:
    """Ancestors (edges out of the root, recursively) and descendants (edges into it)."""

    root: EntityMatch
    ancestors: list[LineageEdge]
    descendants: list[LineageEdge]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"root": self.root.__dict__,
                "ancestors": [e.to_dict() for e in self.ancestors],
                "descendants": [e.to_dict() for e in self.descendants]}


def _types(store: KGStore, iri: str) -> tuple[str, ...]:
    rows = store.select("SELECT ?e ?t WHERE { ?e a ?t }", e=URIRef(iri))
    found = {r["t"][len(LK_NS):] for r in rows if str(r["t"]).startswith(LK_NS)}
    return tuple(t for t in _TYPE_ORDER if t in found)


def _label(store: KGStore, iri: str) -> str:
    rows = store.select("SELECT ?e ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l LIMIT 1", e=URIRef(iri))
    return str(rows[0]["l"]) if rows else iri.rsplit("/", 1)[-1]


def _match(store: KGStore, iri: str) -> EntityMatch:
    return EntityMatch(iri, _label(store, iri), _types(store, iri))


def find_entities(store: KGStore, name: str, *, limit: int = 20) -> list[EntityMatch]:
    """Find entities whose label or alias is ``name`` (case, spaces and hyphens ignored).

    Exact label matches come first, then aliases.

    >>> from kg.stores import open_store
    >>> find_entities(open_store(None), "Llama 4 Scout")
    []
    """
    key = name_key(name)
    if not key:
        raise InvalidInputError("An entity name needs letters or digits")
    rows = store.select(
        """SELECT DISTINCT ?e ?l ?kind ?first WHERE {
             { ?e rdfs:label ?l BIND(0 AS ?kind) } UNION { ?e skos:altLabel ?l BIND(1 AS ?kind) }
             FILTER(CONTAINS(LCASE(STR(?l)), ?first))
           }""", first=Literal(_first_chunk(name)))
    scored: dict[str, int] = {}
    for r in rows:
        if name_key(str(r["l"])) == key:
            scored[r["e"]] = min(scored.get(r["e"], 9), int(r["kind"]))
    ordered = sorted(scored, key=lambda e: (scored[e], e))[:limit]
    return [_match(store, e) for e in ordered]


def _first_chunk(name: str) -> str:
    """A short piece every spelling of the name contains: its first letters ("llam", "gpt")."""
    import re

    m = re.match(r"[a-z]+|[0-9]+", name_key(name))
    return m.group()[:4] if m else name_key(name)[:4]


def resolve_entity(store: KGStore, name_or_iri: str) -> EntityMatch:
    """Return the one entity named ``name_or_iri`` (an IRI, a label or an alias).

    Raises:
        NotFoundError: no entity has that name.
        InvalidInputError: a malformed IRI.
    """
    if name_or_iri.startswith(("http://", "https://", "urn:")):
        if not is_safe_iri(name_or_iri):
            raise InvalidInputError(f"Not a valid IRI: {name_or_iri!r}")
        if not store.select("SELECT ?e ?l WHERE { ?e rdfs:label ?l } LIMIT 1", e=URIRef(name_or_iri)):
            raise NotFoundError(f"Unknown entity: {name_or_iri!r}")
        return _match(store, name_or_iri)
    found = find_entities(store, name_or_iri)
    if not found:
        raise NotFoundError(f"Unknown entity: {name_or_iri!r}", searched=name_or_iri)
    models = [m for m in found if "Model" in m.types or "ModelFamily" in m.types]
    return (models or found)[0]


_EDGES = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  VALUES ?p {{ {" ".join(f"lk:{p}" for p in LINEAGE_PREDICATES)} }}
  PATTERN
}}"""
_EVIDENCE_OF = """
SELECT ?s ?p ?o ?ev WHERE {
  VALUES (?s ?p ?o) { EDGES }
  ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
}"""
_SOURCE_FIELDS = f"""
SELECT ?ev ?doc ?title ?source ?quote ?start ?end WHERE {{
  VALUES ?ev {{ EVIDENCE }}
  ?ev oa:hasSource ?doc .
  OPTIONAL {{ ?ev oa:hasSelector ?sel . ?sel oa:exact ?quote }}
  OPTIONAL {{ ?ev oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end }}
  OPTIONAL {{ GRAPH <{META_GRAPH}> {{ ?doc dcterms:source ?source .
                                     OPTIONAL {{ ?doc dcterms:title ?title }} }} }}
}}"""


def evidence_sources(store: KGStore, evidence: list[str]) -> dict[str, Source]:
    """The document and sentence span of each evidence node (IRIs taken from the store).

    Evidence nodes are looked up by IRI in one ``VALUES`` query: joining them to their
    statement in the same query made Oxigraph scan every selector (100x slower at 170k quads).
    """
    out: dict[str, Source] = {}
    unique = sorted({e for e in evidence if is_safe_iri(e)})
    for i in range(0, len(unique), 500):
        values = " ".join(f"<{e}>" for e in unique[i:i + 500])
        for r in store.select(_SOURCE_FIELDS.replace("EVIDENCE", values)):
            out[r["ev"]] = Source(r["doc"], r.get("title") or "", r.get("source") or "",
                                  r.get("quote") or "", r.get("start"), r.get("end"))
    return out


def _edges(store: KGStore, iri: str, *, outgoing: bool) -> dict[tuple[str, str, str], list[Source]]:
    # the node is written into the pattern (an IRI from the store, checked by resolve_entity):
    # a FILTER on ?s would scan every lineage edge of the store first
    node = f"<{iri}>"
    pattern = (f"{node} ?p ?o . BIND({node} AS ?s)" if outgoing
               else f"?s ?p {node} . BIND({node} AS ?o)")
    out: dict[tuple[str, str, str], list[Source]] = {}
    rows = store.select(_EDGES.replace("PATTERN", pattern))
    for s, p, o in drop_entailed((r["s"], r["p"][len(LK_NS):], r["o"]) for r in rows):
        out[(s, p, o)] = []
    if not out:
        return out
    values = " ".join(f"(<{s}> lk:{p} <{o}>)" for s, p, o in out)
    found = store.select(_EVIDENCE_OF.replace("EDGES", values))
    sources = evidence_sources(store, [r["ev"] for r in found])
    for r in found:
        srcs = out[(r["s"], r["p"][len(LK_NS):], r["o"])]
        src = sources.get(r["ev"])
        if src is not None and src not in srcs:
            srcs.append(src)
    for srcs in out.values():
        srcs.sort(key=lambda x: (x.source, x.start or 0))
    return out


def lineage(store: KGStore, name_or_iri: str, *, depth: int = 6) -> Lineage:
    """Return the lineage tree of a model (or family) with the sources of every edge.

    Args:
        store: the store.
        name_or_iri: a name, alias or IRI.
        depth: how many edges to follow in each direction (1-20).

    Raises:
        NotFoundError: no entity has that name.
    """
    if not 1 <= depth <= 20:
        raise InvalidInputError(f"depth must be 1-20, got {depth}")
    root = resolve_entity(store, name_or_iri)
    cache: dict[str, EntityMatch] = {root.iri: root}

    def node(iri: str) -> EntityMatch:
        if iri not in cache:
            cache[iri] = _match(store, iri)
        return cache[iri]

    def walk(iri: str, outgoing: bool, level: int, seen: frozenset[str]) -> list[LineageEdge]:
        if level > depth:
            return []
        result = []
        for (s, rel, o), sources in sorted(_edges(store, iri, outgoing=outgoing).items()):
            nxt = o if outgoing else s
            if nxt in seen:
                continue
            edge = LineageEdge(node(s), rel, node(o), sources)
            edge.children = walk(nxt, outgoing, level + 1, seen | {nxt})
            result.append(edge)
        return result

    return Lineage(root, walk(root.iri, True, 1, frozenset({root.iri})),
                   walk(root.iri, False, 1, frozenset({root.iri})))
