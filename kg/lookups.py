"""Lookups behind the REST API: entity search, one entity with its sourced facts, results,
documents with what was extracted from each, and an entity's neighbourhood for the graph page.

Every function takes the store first and plain values after; names and IRIs from users are bound
as SPARQL substitutions or checked with :func:`kg.terms.is_safe_iri` before they are written into
a ``VALUES`` block, never pasted into query text. Lists come back as a :class:`Page`.

Example:
    >>> from kg.stores import open_store
    >>> with open_store(None) as store:
    ...     search_entities(store, "llama").total
    0
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

from rdflib import Literal, URIRef

from .errors import InvalidInputError, NotFoundError
from .lineage import LK_NS, EntityMatch, Source, evidence_sources
from .store import KGStore
from .terms import META_GRAPH, ONTOLOGY_GRAPH, drop_entailed, is_safe_iri, name_key

__all__ = [
    "ENTITY_TYPES",
    "close_names",
    "DocumentDetail",
    "DocumentSummary",
    "EntityDetail",
    "Fact",
    "GraphView",
    "Page",
    "ResultView",
    "document",
    "documents",
    "entity",
    "neighbourhood",
    "results",
    "search_entities",
]

T = TypeVar("T")

#: entity classes a search may filter on, most specific first
ENTITY_TYPES: tuple[str, ...] = ("Model", "ModelFamily", "Organization", "Person", "UnnamedAgent",
                                 "Benchmark", "Hardware")
#: entity-to-entity relations (the edges of the graph page)
EDGE_PREDICATES: tuple[str, ...] = ("developedBy", "memberOfFamily", "successorOf", "derivedFrom",
                                    "distilledFrom", "fineTunedFrom", "quantizedFrom", "mergedFrom",
                                    "adapterOf", "employer", "fitsOn", "reportedBy")
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
#: properties shown as the entity's names and types, not as facts
_NAME_PROPS = {_RDFS + "label", _SKOS + "altLabel", _RDF + "type"}
_NOT_META = f"FILTER(?g NOT IN (<{META_GRAPH}>, <{ONTOLOGY_GRAPH}>))"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, the total count, and where it starts."""

    items: list[T]
    total: int
    offset: int
    limit: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (items converted with their own ``to_dict`` when they have one)."""
        return {"items": [_plain(i) for i in self.items], "total": self.total,
                "offset": self.offset, "limit": self.limit}


def _plain(item: Any) -> Any:
    if hasattr(item, "to_dict"):
        return item.to_dict()
    return asdict(item)


@dataclass(frozen=True)
class Fact:
    """One statement about an entity, with every place it was stated.

    ``direction`` is ``out`` when the entity is the subject, ``in`` when it is the object.
    ``value`` is an IRI (with ``value_label``) or a literal's lexical form.
    """

    predicate: str
    direction: str
    value: str
    value_label: str | None
    datatype: str | None
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class EntityDetail:
    """An entity, its names and types, and its facts with their sources."""

    iri: str
    label: str
    alt_labels: list[str]
    types: list[str]
    facts: list[Fact]
    results: int
    claims: int
    documents: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return asdict(self)


@dataclass(frozen=True)
class ResultView:
    """One benchmark result: model, benchmark, score, metric, who reported it, and where."""

    iri: str
    model: EntityMatch
    benchmark: EntityMatch
    score: float
    metric: str | None
    reported_by: EntityMatch | None
    sources: list[Source]


@dataclass(frozen=True)
class DocumentSummary:
    """One ingested document (from the metadata graph)."""

    iri: str
    graph: str
    title: str
    source: str
    types: list[str]
    date: str | None
    ingested: str | None
    content_hash: str
    extractor: str
    facts: int


@dataclass(frozen=True)
class ExtractedFact:
    """A statement a document made, with the sentence span that made it."""

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


@dataclass(frozen=True)
class DocumentDetail:
    """A document and everything extracted from it, each fact with its evidence span."""

    document: DocumentSummary
    entities: list[EntityMatch]
    facts: list[ExtractedFact]
    results: int
    claims: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return asdict(self)


@dataclass(frozen=True)
class GraphView:
    """Nodes and edges around an entity, for drawing."""

    center: str
    nodes: list[EntityMatch]
    edges: list[dict[str, str]]
    truncated: bool

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return asdict(self)


# -- helpers


def _check_page(offset: int, limit: int) -> None:
    if offset < 0:
        raise InvalidInputError(f"offset must be >= 0, got {offset}")
    if limit < 1:
        raise InvalidInputError(f"limit must be >= 1, got {limit}")


def _check_iri(iri: str, what: str = "entity") -> URIRef:
    if not is_safe_iri(iri):
        raise InvalidInputError(f"Not a valid {what} IRI: {iri!r}")
    return URIRef(iri)


def _values(iris: Sequence[str]) -> str:
    """A VALUES body of IRIs; each is checked first (they come from the store, but still)."""
    return " ".join(f"<{_check_iri(i)}>" for i in iris)


def _matches(store: KGStore, iris: Sequence[str]) -> dict[str, EntityMatch]:
    """Label and types of many entities in two queries."""
    if not iris:
        return {}
    out: dict[str, EntityMatch] = {}
    unique = sorted(set(iris))
    for i in range(0, len(unique), 300):
        chunk = unique[i:i + 300]
        labels = {r["e"]: r["l"] for r in store.select(
            f"SELECT ?e (MIN(?label) AS ?l) WHERE {{ VALUES ?e {{ {_values(chunk)} }} "
            f"?e rdfs:label ?label }} GROUP BY ?e")}
        types: dict[str, set[str]] = {}
        for r in store.select(f"SELECT ?e ?t WHERE {{ VALUES ?e {{ {_values(chunk)} }} ?e a ?t }}"):
            if str(r["t"]).startswith(LK_NS):
                types.setdefault(r["e"], set()).add(r["t"][len(LK_NS):])
        for e in chunk:
            found = types.get(e, set())
            out[e] = EntityMatch(e, str(labels.get(e, e.rsplit("/", 1)[-1])),
                                 tuple(t for t in ENTITY_TYPES if t in found))
    return out


def _check_types(types: Sequence[str]) -> list[str]:
    unknown = [t for t in types if t not in ENTITY_TYPES]
    if unknown:
        raise InvalidInputError(f"unknown entity type {unknown[0]!r} (known: {', '.join(ENTITY_TYPES)})")
    return list(types)


# -- search


def close_names(store: KGStore, q: str, *, n: int = 5) -> list[str]:
    """Labels that read like ``q`` (difflib over the name keys of every label), for a hint when a
    search finds nothing: "Mistrall Small" suggests "Mistral Small 3.1".

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     close_names(store, "llama")
        []
    """
    import difflib

    key = name_key(q)
    if not key:
        return []
    labels: dict[str, str] = {}
    for r in store.select("SELECT DISTINCT ?l WHERE { ?e rdfs:label ?l }"):
        label = str(r["l"])
        words = re.split(r"[\s_/-]+", label)
        for i in range(len(words)):  # "Mavrick" is like the end of "Llama 4 Maverick"
            k = name_key(" ".join(words[i:]))[:len(key) + 3]  # like lengths compare best
            if k:
                labels.setdefault(k, label)
    out: list[str] = []
    for k in difflib.get_close_matches(key, list(labels), n=n * 3, cutoff=0.7):
        if labels[k] not in out:
            out.append(labels[k])
    return out[:n]


def search_entities(store: KGStore, q: str, *, types: Sequence[str] = (), offset: int = 0,
                    limit: int = 20) -> Page[EntityMatch]:
    """Find entities whose label or an alias contains ``q``, or whose name key (letters and digits
    only, :func:`kg.terms.name_key`) contains ``q``'s: "gpt 4o mini" finds "GPT-4o (mini)".

    Ranked: exact name first, then names starting with ``q``, then the rest; labels before
    aliases; then alphabetically.

    Args:
        store: the store.
        q: part of a name ("llama 4", "maverick", "deepseek").
        types: keep entities of these types (``Model``, ``Organization``, ...).
        offset: items to skip.
        limit: most items returned.

    Raises:
        InvalidInputError: an empty query, an unknown type or a bad page.
    """
    _check_page(offset, limit)
    wanted = _check_types(types)
    key = name_key(q)
    if not key:
        raise InvalidInputError("a search needs letters or digits")
    needle = q.strip().lower()
    rows = store.select(
        """SELECT DISTINCT ?e ?l ?alias ?needle ?key WHERE {
             { ?e rdfs:label ?l BIND(false AS ?alias) } UNION { ?e skos:altLabel ?l BIND(true AS ?alias) }
             FILTER(CONTAINS(LCASE(STR(?l)), ?needle)
                    || CONTAINS(REPLACE(LCASE(STR(?l)), "[^a-z0-9]", ""), ?key))
           }""", needle=Literal(needle), key=Literal(key))
    ranked: dict[str, tuple[int, int, str]] = {}
    for r in rows:
        label_key = name_key(str(r["l"]))
        rank = 0 if label_key == key else 1 if label_key.startswith(key) else 2
        score = (rank, 1 if r["alias"] in (True, "true") else 0, str(r["l"]).lower())
        if r["e"] not in ranked or score < ranked[r["e"]]:
            ranked[r["e"]] = score
    matches = _matches(store, list(ranked))
    found = [matches[e] for e in sorted(ranked, key=lambda e: (ranked[e], e))
             if matches[e].types and (not wanted or set(wanted) & set(matches[e].types))]
    return Page(found[offset:offset + limit], len(found), offset, limit)


# -- one entity


_EVIDENCE_OF = """
SELECT ?ev ?p ?o ?dir ?e WHERE {
  { ?ev rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o BIND("out" AS ?dir) }
  UNION { ?ev rdf:object ?e ; rdf:predicate ?p ; rdf:subject ?o BIND("in" AS ?dir) }
}"""


def entity(store: KGStore, iri: str) -> EntityDetail:
    """Return one entity with its names, types and facts, each fact with its sources.

    Facts are the entity's own statements (``out``: developedBy, totalParameters, ...) and the
    statements that point at it (``in``: the models a lab developed, a family's members).

    Raises:
        InvalidInputError: ``iri`` is not an IRI.
        NotFoundError: no entity has that IRI.
    """
    node = _check_iri(iri)
    names = store.select("SELECT ?e ?p ?v WHERE { ?e ?p ?v VALUES ?p { rdfs:label skos:altLabel rdf:type } }",
                         e=node)
    labels = sorted(str(r["v"]) for r in names if r["p"] == _RDFS + "label")
    types = {str(r["v"])[len(LK_NS):] for r in names
             if r["p"] == _RDF + "type" and str(r["v"]).startswith(LK_NS)}
    if not labels or not types & set(ENTITY_TYPES):
        raise NotFoundError(f"Unknown entity: {iri!r}")
    label = labels[0]
    alts = sorted({str(r["v"]) for r in names if r["p"] == _SKOS + "altLabel"} - {label})
    raw = store.query(f"""SELECT ?p ?o ?dir ?e WHERE {{
        {{ ?e ?p ?o BIND("out" AS ?dir) }} UNION {{ ?o ?p ?e BIND("in" AS ?dir) FILTER(?p IN
           ({", ".join(f"lk:{p}" for p in EDGE_PREDICATES if p != "reportedBy")})) }}
        FILTER(STRSTARTS(STR(?p), "{LK_NS}")) }}""", substitutions={"e": node})
    facts: dict[tuple[str, str, Any], list[Source]] = {}
    terms: dict[tuple[str, str, Any], Any] = {}
    for sol in raw:
        key = (sol["p"].value, sol["dir"].value, sol["o"])
        facts[key] = []
        terms[key] = sol["o"]
    # as (s, p, o): a merge's or quantization's derivedFrom copy is shown as the specific edge only
    as_triple = {(iri, p, o.value) if d == "out" else (o.value, p, iri): (p, d, o) for p, d, o in facts}
    for triple in set(as_triple) - set(drop_entailed(as_triple)):
        del facts[as_triple[triple]], terms[as_triple[triple]]
    stated = [(sol["ev"].value, (sol["p"].value, sol["dir"].value, sol["o"]))
              for sol in store.query(_EVIDENCE_OF, substitutions={"e": node})]
    sources = evidence_sources(store, [ev for ev, _ in stated])
    for ev, key in stated:
        src = sources.get(ev)
        if key in facts and src is not None and src not in facts[key]:
            facts[key].append(src)
    objects = [t.value for t in terms.values() if t.__class__.__name__ == "NamedNode"]
    matches = _matches(store, objects)
    out: list[Fact] = []
    ordered = sorted(facts.items(), key=lambda kv: (kv[0][1] != "out", kv[0][0], str(kv[0][2])))
    for (p, direction, o), sources in ordered:
        is_iri = o.__class__.__name__ == "NamedNode"
        sources.sort(key=lambda s: (s.source, s.start or 0))
        out.append(Fact(p[len(LK_NS):], direction, o.value,
                        matches[o.value].label if is_iri else None,
                        None if is_iri else o.datatype.value, sources))
    # the entity is written into each branch, and the claimant link comes before the class: with
    # a bound variable and the class first, Oxigraph read every claim first (11 ms -> 0.1 ms at
    # 1M quads, bench/)
    counts = store.select(f"""SELECT (COUNT(DISTINCT ?r) AS ?results) (COUNT(DISTINCT ?c) AS ?claims)
        (COUNT(DISTINCT ?g) AS ?docs) WHERE {{
          {{ ?r lk:evaluatedModel <{node}> }} UNION {{ ?r lk:onBenchmark <{node}> }}
          UNION {{ ?c lk:about <{node}> }} UNION {{ ?c lk:claimant <{node}> . ?c a lk:Claim }}
          UNION {{ GRAPH ?g {{ <{node}> rdfs:label ?l }} {_NOT_META} }} }}""")
    c = counts[0] if counts else {"results": 0, "claims": 0, "docs": 0}
    return EntityDetail(iri, label, alts, [t for t in ENTITY_TYPES if t in types], out,
                        int(c["results"]), int(c["claims"]), int(c["docs"]))


def _val(term: Any) -> str | None:
    return None if term is None else term.value


def _int(term: Any) -> int | None:
    return None if term is None else int(term.value)


# -- results


def results(store: KGStore, *, model: str | None = None, benchmark: str | None = None,
            offset: int = 0, limit: int = 50) -> Page[ResultView]:
    """Benchmark results of a model, on a benchmark, or both (IRIs); best score first.

    Raises:
        InvalidInputError: neither ``model`` nor ``benchmark``, a bad IRI or a bad page.
    """
    _check_page(offset, limit)
    if model is None and benchmark is None:
        raise InvalidInputError("give a model or a benchmark (or both)")
    # the model or benchmark is written into the first pattern (a checked IRI): as a bound
    # variable, Oxigraph read every result of the store first (7-10x slower at 1M quads, bench/)
    first = []
    if model is not None:
        first.append(f"?r lk:evaluatedModel <{_check_iri(model, 'model')}> .")
    if benchmark is not None:
        first.append(f"?r lk:onBenchmark <{_check_iri(benchmark, 'benchmark')}> .")
    rows = store.select(f"""SELECT DISTINCT ?r ?m ?b ?score ?metric ?by WHERE {{ {" ".join(first)}
        ?r a lk:BenchmarkResult ; lk:evaluatedModel ?m ; lk:onBenchmark ?b ; lk:score ?score .
        OPTIONAL {{ ?r lk:metric ?metric }} OPTIONAL {{ ?r lk:reportedBy ?by }} }}
        ORDER BY ?b DESC(?score) ?m ?r""")
    # one row per result (a result reported by two agents keeps the first)
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(r["r"], r)
    total = len(seen)
    chosen = list(seen.values())[offset:offset + limit]
    ents = _matches(store, [r["m"] for r in chosen] + [r["b"] for r in chosen] +
                    [r["by"] for r in chosen if r.get("by")])
    sources: dict[str, list[Source]] = {r["r"]: [] for r in chosen}
    if chosen:
        found = store.select(
            f"SELECT ?r ?ev WHERE {{ VALUES ?r {{ {_values(list(sources))} }} ?r lk:evidence ?ev }}")
        spans = evidence_sources(store, [f["ev"] for f in found])
        for f in found:
            src = spans.get(f["ev"])
            if src is not None and src not in sources[f["r"]]:
                sources[f["r"]].append(src)
    items = [ResultView(r["r"], ents[r["m"]], ents[r["b"]], float(r["score"]), r.get("metric"),
                        ents[r["by"]] if r.get("by") else None,
                        sorted(sources[r["r"]], key=lambda x: (x.source, x.start or 0)))
             for r in chosen]
    return Page(items, total, offset, limit)


# -- documents


_DOC_SELECT = "SELECT ?d ?g ?source ?hash ?version ?title ?date ?ingested"
_DOC_FIELDS = f"""GRAPH <{META_GRAPH}> {{
    ?d a lk:Document ; lk:documentGraph ?g ; dcterms:source ?source ; lk:contentHash ?hash ;
       lk:extractorVersion ?version .
    OPTIONAL {{ ?d dcterms:title ?title }} OPTIONAL {{ ?d dcterms:date ?date }}
    OPTIONAL {{ ?d prov:generatedAtTime ?ingested }} }}"""


def _summaries(store: KGStore, rows: list[dict[str, Any]]) -> list[DocumentSummary]:
    if not rows:
        return []
    docs = [r["d"] for r in rows]
    types: dict[str, list[str]] = {}
    for r in store.select(f"""SELECT ?d ?t WHERE {{ VALUES ?d {{ {_values(docs)} }}
            GRAPH <{META_GRAPH}> {{ ?d a ?t }} }}"""):
        t = str(r["t"])
        if t.startswith(LK_NS) and t != LK_NS + "Document":
            types.setdefault(r["d"], []).append(t[len(LK_NS):])
    counts = {r["g"]: int(r["n"]) for r in store.select(
        f"""SELECT ?g (COUNT(?ev) AS ?n) WHERE {{ VALUES ?g {{ {_values([r["g"] for r in rows])} }}
            GRAPH ?g {{ ?ev a lk:Evidence ; rdf:subject ?s }} }} GROUP BY ?g""")}
    return [DocumentSummary(r["d"], r["g"], r.get("title") or "", r["source"], sorted(types.get(r["d"], [])),
                            None if r.get("date") is None else str(r["date"]),
                            None if r.get("ingested") is None else str(r["ingested"]),
                            r["hash"], r["version"], counts.get(r["g"], 0)) for r in rows]


def documents(store: KGStore, *, offset: int = 0, limit: int = 50) -> Page[DocumentSummary]:
    """The ingested documents, by source name."""
    _check_page(offset, limit)
    rows = store.select(f"{_DOC_SELECT} WHERE {{ {_DOC_FIELDS} }} ORDER BY ?source ?d")
    return Page(_summaries(store, rows[offset:offset + limit]), len(rows), offset, limit)


def document(store: KGStore, iri: str) -> DocumentDetail:
    """One document with every entity and fact extracted from it, each fact with its span.

    Raises:
        InvalidInputError: not an IRI.
        NotFoundError: no document has that IRI.
    """
    node = _check_iri(iri, "document")
    rows = store.select(f"{_DOC_SELECT} WHERE {{ {_DOC_FIELDS} }}",
                        d=node)
    if not rows:
        raise NotFoundError(f"Unknown document: {iri!r}")
    summary = _summaries(store, rows[:1])[0]
    g = URIRef(summary.graph)
    facts_rows = store.select("""SELECT ?s ?p ?o ?quote ?start ?end ?rule ?conf ?g WHERE { GRAPH ?g {
            ?ev a lk:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
            BIND(IRI(CONCAT(STR(?ev), "/quote")) AS ?sel) BIND(IRI(CONCAT(STR(?ev), "/position")) AS ?pos)
            OPTIONAL { ?sel oa:exact ?quote } OPTIONAL { ?pos oa:start ?start ; oa:end ?end }
            OPTIONAL { ?ev lk:extractionRule ?rule } OPTIONAL { ?ev lk:confidence ?conf } } }
            ORDER BY ?start ?s ?p""", g=g)
    ent_iris = [r["e"] for r in store.select(
        "SELECT DISTINCT ?e ?g WHERE { GRAPH ?g { ?e rdfs:label ?l } }", g=g)]
    ents = _matches(store, ent_iris + [r["s"] for r in facts_rows])
    objects = {r["o"] for r in facts_rows if isinstance(r["o"], str)
               and r["o"].startswith(("http://", "https://")) and is_safe_iri(r["o"])}
    ents.update(_matches(store, [o for o in objects if o not in ents and not o.startswith(LK_NS)]))
    facts = []
    for r in facts_rows:
        p = str(r["p"])
        pred = p[len(LK_NS):] if p.startswith(LK_NS) else "type" if p == _RDF + "type" else p
        o = r["o"]
        value = str(o)
        value_label = (ents[value].label if value in ents
                       else value[len(LK_NS):] if value.startswith(LK_NS) else None)
        facts.append(ExtractedFact(r["s"], ents[r["s"]].label if r["s"] in ents else r["s"], pred, value,
                                   value_label, r.get("quote") or "", r.get("start"), r.get("end"),
                                   r.get("rule"), None if r.get("conf") is None else float(r["conf"])))
    counts = store.select("""SELECT (COUNT(DISTINCT ?r) AS ?results) (COUNT(DISTINCT ?c) AS ?claims) ?g
        WHERE {
        GRAPH ?g { { ?r a lk:BenchmarkResult } UNION { ?c a lk:Claim } } } GROUP BY ?g""", g=g)
    c = counts[0] if counts else {"results": 0, "claims": 0}
    return DocumentDetail(summary, sorted((ents[e] for e in set(ent_iris)), key=lambda m: m.label.lower()),
                          facts, int(c["results"]), int(c["claims"]))


# -- neighbourhood


def neighbourhood(store: KGStore, iri: str, *, hops: int = 1, limit: int = 300) -> GraphView:
    """The entities within ``hops`` relation edges of an entity (both directions), for drawing.

    Args:
        store: the store.
        iri: the centre entity.
        hops: 1-3 edges out from the centre.
        limit: most nodes returned; ``truncated`` says when more were reachable.

    Raises:
        InvalidInputError: a bad IRI, ``hops`` or ``limit``.
        NotFoundError: no entity has that IRI.
    """
    if not 1 <= hops <= 3:
        raise InvalidInputError(f"hops must be 1-3, got {hops}")
    if limit < 1:
        raise InvalidInputError(f"limit must be >= 1, got {limit}")
    centre = _check_iri(iri)
    if not store.select("SELECT ?e ?l WHERE { ?e rdfs:label ?l } LIMIT 1", e=centre):
        raise NotFoundError(f"Unknown entity: {iri!r}")
    preds = " ".join(f"lk:{p}" for p in EDGE_PREDICATES if p != "reportedBy")
    nodes: list[str] = [iri]
    seen = {iri}
    edges: set[tuple[str, str, str]] = set()
    frontier = [iri]
    truncated = False
    for _ in range(hops):
        if not frontier:
            break
        rows = store.select(f"""SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?n {{ {_values(frontier)} }}
            VALUES ?p {{ {preds} }} {{ ?n ?p ?o BIND(?n AS ?s) }} UNION {{ ?s ?p ?n BIND(?n AS ?o) }} }}""")
        nxt = []
        for r in sorted(rows, key=lambda r: (r["s"], r["p"], r["o"])):
            for end in (r["s"], r["o"]):
                if end not in seen:
                    if len(nodes) >= limit:
                        truncated = True
                        continue
                    seen.add(end)
                    nodes.append(end)
                    nxt.append(end)
            if r["s"] in seen and r["o"] in seen:
                edges.add((r["s"], r["p"][len(LK_NS):], r["o"]))
        frontier = nxt
    edges = set(drop_entailed(edges))
    matches = _matches(store, nodes)
    return GraphView(iri, [matches[n] for n in nodes],
                     [{"source": s, "relation": p, "target": o} for s, p, o in sorted(edges)], truncated)
