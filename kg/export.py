"""Export the store as RDF (Turtle, N-Quads, N-Triples, JSON-LD) or as a graph (GraphML, GEXF,
Cytoscape, DOT).

The RDF formats hold every triple of the document graphs and the metadata graph; the ontology
graph is left out unless ``include_ontology=True``. Turtle, N-Quads and N-Triples are written by
pyoxigraph (rdflib is 7-60x slower, see /work/shared/design/performance-facts.md); JSON-LD goes
through rdflib to compact with the project's context (``ontology/context.jsonld``), which is
embedded inline and never fetched. The named graphs are the source of truth: the store's default
graph (a materialised union of every named graph, ontology included) is never exported.

**Memory.** The whole store as Turtle, N-Quads or N-Triples is *streamed* into ``out``: graph by
graph, a few kilobytes at a time, in memory that does not grow with the store (a triple stated
by several documents is written once: Turtle and N-Triples skip it in every graph but the first
that states it, a lookup per triple instead of a set of every triple seen). Everything else is
built in memory first: JSON-LD (rdflib, about 2 kB and 45 us a triple), the property-graph
formats (networkx, about 4 kB an element) and any subgraph. ``max_quads`` and ``max_elements``
refuse those past a size, before building them, with :class:`~kg.errors.PayloadTooLargeError`
(the API passes :data:`EXPORT_MAX_QUADS` and :data:`EXPORT_MAX_ELEMENTS`; the library and
``llmkg export`` have no cap).

**Hostile literals.** Every format stays well-formed whatever a literal holds. RDF formats and
Cytoscape JSON keep every character, escaped (``\\u0000``); XML 1.0 cannot hold control
characters at all (not even as ``&#0;``), so GraphML and GEXF drop every XML-invalid character
from every string (one function, :func:`_xml_clean`), and DOT drops control characters too.
Lone surrogates never reach an export: pyoxigraph refuses them on every write path.

The property-graph formats are built from :func:`to_networkx`: a ``networkx.MultiDiGraph`` of the
entities and the edges between them, fetched with a few SPARQL SELECTs. Node ids are IRIs and
edge ids are stable hashes, never labels, so two entities with the same label stay apart. GraphML
and GEXF have every XML-invalid character (control characters, lone surrogates) stripped first,
so a label holding ``\\x0b`` still gives a well-formed file; Graphviz DOT is written here, every
id and value a quoted string with quotes, backslashes and line breaks escaped.

Every format can be limited to a :class:`Subgraph`: an entity's neighbourhood (every entity
within ``hops`` edges of it, either direction) or a model's lineage (the model and everything
reachable from it over :data:`kg.lineage.LINEAGE_PREDICATES`, ancestors and descendants).
The property-graph formats then hold the induced subgraph of :func:`to_networkx` on those
entities; the RDF formats hold, from the document graphs only (no metadata graph):

1. every quad whose subject is a selected entity;
2. every benchmark result and claim whose two ends (model and benchmark, claimant and one of
   the entities it is about) are selected, with its proposition;
3. the ``lk:Evidence`` annotations of those statements and nodes, with their selectors, so
   each fact keeps its source sentence.

Example:
    >>> from kg.stores import open_store
    >>> with open_store(None) as store:
    ...     export(store, "cytoscape")
    b'{"elements": {"nodes": [], "edges": []}}'
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.term import Node

from .errors import InvalidInputError, NotFoundError, PayloadTooLargeError, StoreError
from .lineage import LINEAGE_PREDICATES
from .store import PREFIXES, KGStore
from .terms import META_GRAPH, ONTOLOGY_GRAPH, drop_entailed, is_safe_iri

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EXPORT_MAX_ELEMENTS", "EXPORT_MAX_QUADS", "FORMATS", "MAX_HOPS", "STREAMED_FORMATS",
           "SUBGRAPH_KINDS", "Subgraph", "export", "subgraph_entities", "to_networkx"]

FORMATS: tuple[str, ...] = ("turtle", "nquads", "ntriples", "jsonld", "graphml", "gexf", "cytoscape",
                            "dot")
#: the formats whose whole-store export is streamed (no cap applies to them)
STREAMED_FORMATS: tuple[str, ...] = ("turtle", "nquads", "ntriples")
_RDF_FORMATS = (*STREAMED_FORMATS, "jsonld")
#: the most statements (quads) the API lets an export build in memory: JSON-LD, and any RDF
#: subgraph. rdflib's JSON-LD of 110,776 quads took 4.7 s and 217 MB (docs/exports.md)
EXPORT_MAX_QUADS = 100_000
#: the most nodes and edges the API lets a property-graph export (GraphML, GEXF, Cytoscape,
#: DOT) build: a 1.1M-quad store of corpus copies has about 42,000, exported in 2-4 s with the
#: server's memory up to 120 MB higher (docs/exports.md), so about 300 MB and 10 s at the cap
EXPORT_MAX_ELEMENTS = 100_000

#: the kinds of :class:`Subgraph`
SUBGRAPH_KINDS: tuple[str, ...] = ("neighbourhood", "lineage")
#: the widest neighbourhood :class:`Subgraph` accepts (a hub like a big lab reaches most of the
#: graph in a few hops)
MAX_HOPS = 5

_LK = PREFIXES["lk"]
_RDFS_LABEL = PREFIXES["rdfs"] + "label"
_XSD_STRING = PREFIXES["xsd"] + "string"

#: entity classes, most specific first: an entity typed with several gets the first one. A family
#: "may also be typed lk:Model when text treats it as one" (ontology), so ModelFamily wins.
_ENTITY_TYPES: tuple[str, ...] = (
    "ModelFamily",
    "Model",
    "Person",
    "Organization",
    "UnnamedAgent",
    "Benchmark",
    "Hardware",
    "Agent",
)

#: entity-to-entity properties that become edges (relation = local name)
_EDGE_PROPERTIES: tuple[str, ...] = (
    "adapterOf",
    "derivedFrom",
    "developedBy",
    "distilledFrom",
    "employer",
    "fineTunedFrom",
    "fitsOn",
    "memberOfFamily",
    "mergedFrom",
    "quantizedFrom",
    "successorOf",
)

#: characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF)
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: characters dropped from DOT strings: what XML forbids, plus DEL and the C1 controls
_DOT_INVALID = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DOT_ATTRIBUTE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

#: Graphviz shape and fill colour of each entity type ("" is an edge end with no entity type)
_DOT_STYLES: dict[str, tuple[str, str]] = {
    "ModelFamily": ("folder", "#9ec5fe"),
    "Model": ("box", "#cfe2ff"),
    "Person": ("ellipse", "#d1e7dd"),
    "Organization": ("house", "#ffe69c"),
    "UnnamedAgent": ("ellipse", "#e9ecef"),
    "Benchmark": ("note", "#f8d7da"),
    "Hardware": ("component", "#e2d9f3"),
    "Agent": ("ellipse", "#e9ecef"),
    "": ("plaintext", "#ffffff"),
}

#: characters escaped in Cytoscape JSON so the text can be pasted into an HTML <script> (E1)
_JSON_HTML_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

_NOT_ONTOLOGY = f"FILTER(?g != <{ONTOLOGY_GRAPH}>)"
_DOCUMENT_GRAPH = f"FILTER(?g != <{ONTOLOGY_GRAPH}> && ?g != <{META_GRAPH}>)"
#: per (s, p, o, g) row: count the graphs that are documents (not the metadata graph)
_DOCUMENT_COUNT = f"(SUM(IF(?g = <{META_GRAPH}>, 0, 1)) AS ?n)"


@dataclass(frozen=True)
class Subgraph:
    """A part of the graph to export: an entity's neighbourhood or a model's lineage.

    Args:
        kind: ``"neighbourhood"`` (``iri`` and every entity within ``hops`` edges of it, edges
            followed in both directions) or ``"lineage"`` (``iri`` and every entity reachable
            from it over the lineage predicates: its ancestors and its descendants).
        iri: the entity's IRI.
        hops: how far a neighbourhood reaches, 1 to :data:`MAX_HOPS` (a lineage ignores it).

    Raises:
        InvalidInputError: an unknown ``kind``, an ``iri`` that is not a safe absolute IRI, or
            ``hops`` out of range.

    Example:
        >>> Subgraph("neighbourhood", "https://w3id.org/llmkg/id/model/llama-4-scout", hops=2).hops
        2
        >>> Subgraph("lineage", "not an IRI")
        Traceback (most recent call last):
        ...
        kg.errors.InvalidInputError: Not a valid IRI: 'not an IRI'
    """

    kind: TypingLiteral["neighbourhood", "lineage"]
    iri: str
    hops: int = 1

    def __post_init__(self) -> None:
        if self.kind not in SUBGRAPH_KINDS:
            raise InvalidInputError(
                f"unknown subgraph kind {str(self.kind)[:50]!r}; expected one of: "
                f"{', '.join(SUBGRAPH_KINDS)}")
        if not isinstance(self.iri, str) or not is_safe_iri(self.iri):
            raise InvalidInputError(f"Not a valid IRI: {str(self.iri)[:200]!r}")
        if isinstance(self.hops, bool) or not isinstance(self.hops, int) \
                or not 1 <= self.hops <= MAX_HOPS:
            raise InvalidInputError(f"hops must be an integer from 1 to {MAX_HOPS}, got {self.hops!r}")


def export(store: KGStore, fmt: str, *, subgraph: Subgraph | None = None,
           out: BinaryIO | None = None, include_ontology: bool = False,
           max_quads: int | None = None, max_elements: int | None = None) -> bytes | None:
    """Serialise the store, or a subgraph of it, in one of :data:`FORMATS`.

    Args:
        store: the open store to export.
        fmt: ``"turtle"`` or ``"ntriples"`` (the union of the graphs as one graph),
            ``"nquads"`` (every quad of the named graphs, graph by graph; the store's
            materialised default graph is left out as it only repeats them), ``"jsonld"`` (the
            union, compacted with the project context), ``"graphml"``, ``"gexf"``,
            ``"cytoscape"`` or ``"dot"`` (Graphviz; the entity graph of :func:`to_networkx`).
            Case is ignored.
        subgraph: export only this part of the graph (see the module docstring for what the
            RDF formats then hold); ``None`` exports everything.
        out: a binary file-like object (``write`` and ``flush``) to write to; the whole store
            as Turtle, N-Quads or N-Triples is streamed into it. When ``None`` the export is
            returned as bytes.
        include_ontology: also export the ontology graph (RDF formats only; the property-graph
            formats hold entities, never ontology terms).
        max_quads: refuse an export built in memory (JSON-LD; any RDF subgraph) of more
            statements than this; ``None``: no limit. Streamed exports ignore it.
        max_elements: refuse a property-graph export of more nodes and edges than this (counted
            before the graph is built when it is the whole store); ``None``: no limit.

    Returns:
        The export as bytes, or ``None`` when it was written to ``out``.

    Raises:
        InvalidInputError: ``fmt`` is not one of :data:`FORMATS`, or ``out`` cannot be written.
        PayloadTooLargeError: the export is over ``max_quads`` or ``max_elements`` (nothing was
            written; the message says what to do instead).
        NotFoundError: the subgraph's entity is not in the store.
        StoreError: the store could not be read while exporting.

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     export(store, "dot").decode().splitlines()[0]
        'digraph "llmkg" {'
    """
    if not isinstance(fmt, str) or fmt.strip().lower() not in FORMATS:
        raise InvalidInputError(
            f"unknown export format {str(fmt)[:50]!r}; expected one of: {', '.join(FORMATS)}")
    if subgraph is not None and not isinstance(subgraph, Subgraph):
        raise InvalidInputError(f"subgraph must be a Subgraph, got {type(subgraph).__name__}")
    if out is not None and not callable(getattr(out, "write", None)):
        raise InvalidInputError("out must be a binary file-like object with a write() method")
    fmt = fmt.strip().lower()
    # select (and check sizes) before writing anything, so a refusal leaves ``out`` untouched
    quads = None
    graph = None
    if fmt in _RDF_FORMATS:
        if subgraph is not None:
            quads = _selection_quads(store, subgraph_entities(store, subgraph), include_ontology,
                                     limit=max_quads, fmt=fmt)
        elif fmt == "jsonld" and max_quads is not None:
            n = _count_quads(store, include_ontology)
            if n > max_quads:
                raise PayloadTooLargeError(_too_large(fmt, f"{n} statements", max_quads))
    else:
        selected = None if subgraph is None else subgraph_entities(store, subgraph)
        if max_elements is not None:
            n = _count_elements(store) if selected is None else len(selected)
            if n > max_elements:
                what = f"about {n} nodes and edges" if selected is None else f"{n} entities"
                raise PayloadTooLargeError(_too_large(fmt, what, max_elements, selected is not None))
        graph = _entity_graph(store, selected)
        size = graph.number_of_nodes() + graph.number_of_edges()
        if max_elements is not None and size > max_elements:
            raise PayloadTooLargeError(
                _too_large(fmt, f"{size} nodes and edges", max_elements, subgraph is not None))
    target: BinaryIO = out if out is not None else io.BytesIO()
    try:
        if fmt in ("turtle", "ntriples"):
            rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
            prefixes = PREFIXES if fmt == "turtle" else None
            triples = _union_triples(store, include_ontology) if quads is None else _triples(quads)
            ox.serialize(triples, target, rdf_format, prefixes=prefixes)
        elif fmt == "nquads":
            if quads is None:
                _write_nquads(store, target, include_ontology)
            else:
                ox.serialize(quads, target, ox.RdfFormat.N_QUADS)
        elif fmt == "jsonld":
            triples = _union_triples(store, include_ontology) if quads is None else _triples(quads)
            target.write(_jsonld(triples))
        elif fmt == "graphml":
            import networkx as nx

            nx.write_graphml(_xml_safe(graph), target, encoding="utf-8")
        elif fmt == "gexf":
            import networkx as nx

            nx.write_gexf(_xml_safe(graph), target, encoding="utf-8")
        elif fmt == "dot":
            target.write(_dot(graph))
        else:
            target.write(_cytoscape(graph))
    except OSError as e:
        raise StoreError(f"{fmt} export failed: {e}") from e
    if out is None:
        assert isinstance(target, io.BytesIO)
        return target.getvalue()
    return None


# -- subgraph selection


def subgraph_entities(store: KGStore, subgraph: Subgraph) -> frozenset[str]:
    """Return the IRIs of the entities a :class:`Subgraph` selects (its own IRI included).

    A neighbourhood walks the edges of :func:`to_networkx` (entity relations, benchmark
    results, claims) both ways, one SPARQL query per hop; a lineage is one SPARQL query with
    a property path over the lineage predicates, each way.

    Args:
        store: the open store.
        subgraph: what to select.

    Returns:
        The selected entity IRIs.

    Raises:
        NotFoundError: ``subgraph.iri`` is not an entity of the store's document graphs.

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     subgraph_entities(store, Subgraph("lineage", "https://w3id.org/llmkg/id/model/x"))
        Traceback (most recent call last):
        ...
        kg.errors.NotFoundError: Unknown entity: 'https://w3id.org/llmkg/id/model/x'
    """
    iri = subgraph.iri
    if not _is_entity(store, iri):
        raise NotFoundError(f"Unknown entity: {iri!r}")
    if subgraph.kind == "lineage":
        # the paths run over the union of the named graphs (``union=True``), not over the
        # store's materialised default graph, which a store written by other means may lack
        path = "|".join(f"lk:{p}" for p in LINEAGE_PREDICATES)
        solutions = store.query(
            f"SELECT DISTINCT ?root ?x WHERE {{ {{ ?root ({path})+ ?x }} UNION "
            f"{{ ?x ({path})+ ?root }} FILTER(isIRI(?x)) }}",
            union=True, substitutions={"root": URIRef(iri)})
        return frozenset({iri, *(solution["x"].value for solution in solutions)})
    selected = {iri}
    frontier = {iri}
    for _ in range(subgraph.hops):
        found = {row["n"] for row in store.select(_neighbours_query(frontier))}
        frontier = found - selected
        if not frontier:
            break
        selected |= frontier
    return frozenset(selected)


def _is_entity(store: KGStore, iri: str) -> bool:
    """Whether ``iri`` is a node of the entity graph: typed as an entity, or an edge end."""
    types = " ".join(f"lk:{t}" for t in _ENTITY_TYPES)
    props = " ".join(f"lk:{p}" for p in _EDGE_PROPERTIES)
    links = " ".join(f"lk:{p}" for p in (*_EDGE_PROPERTIES, "evaluatedModel", "onBenchmark",
                                        "claimant", "about"))
    rows = store.select(
        f"SELECT ?e WHERE {{ {{ GRAPH ?g {{ ?e a ?t }} VALUES ?t {{ {types} }} }} "
        f"UNION {{ GRAPH ?g {{ ?e ?p ?o }} VALUES ?p {{ {props} }} FILTER(isIRI(?o)) }} "
        f"UNION {{ GRAPH ?g {{ ?s ?p ?e }} VALUES ?p {{ {links} }} }} "
        f"{_NOT_ONTOLOGY} }} LIMIT 1", e=URIRef(iri))
    return bool(rows)


def _neighbours_query(frontier: Iterable[str]) -> str:
    """The SELECT of every entity one edge of the entity graph away from ``frontier``."""
    values = f"VALUES ?x {{ {_iri_list(frontier)} }}"
    props = " ".join(f"lk:{p}" for p in _EDGE_PROPERTIES)
    doc = _NOT_ONTOLOGY
    doc_h = doc.replace("?g", "?h")
    branches = [
        f"GRAPH ?g {{ ?x ?p ?n }} VALUES ?p {{ {props} }} {doc}",
        f"GRAPH ?g {{ ?n ?p ?x }} VALUES ?p {{ {props} }} {doc}",
    ]
    # a result joins its model and benchmark, a claim its claimant and what it is about
    for one, other in (("evaluatedModel", "onBenchmark"), ("claimant", "about")):
        for a, b in ((one, other), (other, one)):
            branches.append(f"GRAPH ?g {{ ?r lk:{a} ?x }} GRAPH ?h {{ ?r lk:{b} ?n }} {doc} {doc_h}")
    # the frontier is repeated in each branch so that every branch starts from bound nodes
    union = " UNION ".join(f"{{ {values} {branch} }}" for branch in branches)
    return f"SELECT DISTINCT ?n WHERE {{ {union} FILTER(isIRI(?n)) }}"


def _iri_list(iris: Iterable[str]) -> str:
    """Return ``<a> <b> ...`` for a VALUES block, each IRI checked with :func:`is_safe_iri`."""
    refs = []
    for iri in sorted(iris):
        if not is_safe_iri(iri):
            raise InvalidInputError(f"Not a valid IRI: {iri[:200]!r}")
        refs.append(f"<{iri}>")
    return " ".join(refs)


class _Budget:
    """How many more quads a subgraph selection may hold before it is refused (``None``: any)."""

    def __init__(self, limit: int | None, fmt: str) -> None:
        self.limit = limit
        self.fmt = fmt

    def left(self, held: int) -> int | None:
        """The quads one more query may return, given ``held`` already selected."""
        if self.limit is None:
            return None
        if held > self.limit:
            self.refuse()
        return self.limit - held

    def refuse(self) -> None:
        raise PayloadTooLargeError(_too_large(
            self.fmt, f"more than {self.limit} statements", self.limit or 0, subgraph=True))


def _describe(store: KGStore, subjects: Iterable[str], budget: _Budget | None = None,
              held: int = 0) -> list[ox.Quad]:
    """Every quad of the document graphs whose subject is one of ``subjects`` (IRIs)."""
    subjects = set(subjects)
    if not subjects:
        return []
    return _quads(store, f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {_iri_list(subjects)} }} "
                         f"GRAPH ?g {{ ?s ?p ?o }} {_DOCUMENT_GRAPH} }}", budget, held)


def _quads(store: KGStore, sparql: str, budget: _Budget | None = None, held: int = 0) -> list[ox.Quad]:
    """The ``?s ?p ?o ?g`` rows of a SELECT as quads; past the budget, refuse (reading no further)."""
    left = None if budget is None else budget.left(held)
    quads = []
    for row in store.query(sparql):
        quads.append(ox.Quad(row["s"], row["p"], row["o"], row["g"]))
        if left is not None and len(quads) > left and budget is not None:
            budget.refuse()
    return quads


def _selection_quads(store: KGStore, entities: frozenset[str], include_ontology: bool, *,
                     limit: int | None = None, fmt: str = "turtle") -> list[ox.Quad]:
    """The quads of the document graphs that describe ``entities`` (see the module docstring).

    Past ``limit`` quads the selection stops and :class:`PayloadTooLargeError` is raised, so a
    selection never holds much more than ``limit`` quads in memory.
    """
    budget = _Budget(limit, fmt)
    quads = set(_describe(store, entities, budget))
    selected = _iri_list(entities)
    doc_h = _DOCUMENT_GRAPH.replace("?g", "?h")
    # results and claims whose two ends are selected
    nodes: set[str] = set()
    for one, other in (("evaluatedModel", "onBenchmark"), ("claimant", "about")):
        rows = store.select(
            f"SELECT DISTINCT ?r ?other WHERE {{ VALUES ?e {{ {selected} }} GRAPH ?g {{ ?r lk:{one} ?e }} "
            f"GRAPH ?h {{ ?r lk:{other} ?other }} {_DOCUMENT_GRAPH} {doc_h} FILTER(isIRI(?r)) }}")
        nodes.update(row["r"] for row in rows if row["other"] in entities)
    node_quads = _describe(store, nodes, budget, len(quads))
    propositions = {q.object.value for q in node_quads if q.predicate.value == _LK + "proposition"
                    and isinstance(q.object, ox.NamedNode)}
    quads.update(node_quads)
    quads.update(_describe(store, propositions, budget, len(quads)))
    # the evidence of each selected statement (in the graph stating it) and of each node
    evidence = {q.object.value for q in node_quads if q.predicate.value == _LK + "evidence"
                and isinstance(q.object, ox.NamedNode)}
    rows = store.query(
        f"SELECT ?ev ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {selected} }} GRAPH ?g {{ "
        "?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; a lk:Evidence } "
        f"{_DOCUMENT_GRAPH} FILTER(isIRI(?ev)) }}")
    evidence.update(row["ev"].value for row in rows
                    if ox.Quad(row["s"], row["p"], row["o"], row["g"]) in quads)
    quads.update(_describe(store, evidence, budget, len(quads)))
    if evidence:
        quads.update(_quads(store, (
            f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?ev {{ {_iri_list(evidence)} }} GRAPH ?g {{ "
            f"?ev oa:hasSelector ?s . ?s ?p ?o }} {_DOCUMENT_GRAPH} }}"), budget, len(quads)))
    if include_ontology:
        quads.update(store.graph_quads(str(ONTOLOGY_GRAPH)))
    budget.left(len(quads))
    return sorted(quads, key=lambda q: (q.graph_name.value, str(q.subject), str(q.predicate),
                                        str(q.object)))


def _triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The distinct triples of ``quads``, in first-seen order."""
    return list(dict.fromkeys(q.triple for q in quads))


# -- RDF formats


def _union_triples(store: KGStore, include_ontology: bool) -> Iterator[Any]:
    """Yield the set union of the named graphs, graph by graph, each triple once.

    A triple is written with the first graph (in IRI order) that states it: each graph's
    CONSTRUCT skips what an earlier graph holds (an index lookup a triple), so memory stays
    that of one graph's answer however large the store, where one CONSTRUCT over every graph
    held about 700 MB for a million triples. The store's default graph is a materialised copy
    of the union (ontology included) that a store written by other means may lack, so it is not
    read: the named graphs are the source of truth.
    """
    earlier = "" if include_ontology else f"?h != <{ONTOLOGY_GRAPH}> &&"
    sparql = ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { "
              f"GRAPH ?h {{ ?s ?p ?o }} FILTER({earlier} STR(?h) < STR(?g)) }} }}")
    for graph in _graphs(store, include_ontology):
        yield from store.query(sparql, substitutions={"g": URIRef(graph.value)})


def _graphs(store: KGStore, include_ontology: bool) -> list[ox.NamedNode]:
    """The named graphs to export, in IRI order (not the ontology graph unless asked)."""
    skip = set() if include_ontology else {str(ONTOLOGY_GRAPH)}
    return [ox.NamedNode(g) for g in store.named_graphs() if g not in skip]  # in IRI order


def _count_quads(store: KGStore, include_ontology: bool) -> int:
    """The quads of the named graphs (ontology included only if asked), counted by Oxigraph."""
    graph_filter = "" if include_ontology else _NOT_ONTOLOGY
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {graph_filter} }}")
    return int(rows[0]["n"])


def _count_elements(store: KGStore) -> int:
    """About how many nodes and edges :func:`to_networkx` would build, counted by Oxigraph.

    Entities, distinct entity-to-entity statements, benchmark results (one edge each) and
    claim-to-entity pairs; untyped edge ends are not counted.
    """
    types = " ".join(f"lk:{t}" for t in _ENTITY_TYPES)
    props = " ".join(f"lk:{p}" for p in _EDGE_PROPERTIES)
    doc = _NOT_ONTOLOGY
    doc_h = doc.replace("?g", "?h")
    nodes = store.select(
        f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?e a ?t }} VALUES ?t {{ {types} }} "
        f"FILTER(isIRI(?e)) {doc} }}")
    edges = store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
        f"{{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ {props} }} FILTER(isIRI(?s) && isIRI(?o)) {doc} }} "
        f"UNION {{ GRAPH ?g {{ ?r lk:evaluatedModel ?s }} GRAPH ?h {{ ?r lk:onBenchmark ?o }} "
        f"BIND(?r AS ?p) {doc} {doc_h} }} "
        f"UNION {{ GRAPH ?g {{ ?r lk:claimant ?s }} GRAPH ?h {{ ?r lk:about ?o }} BIND(?r AS ?p) "
        f"{doc} {doc_h} }} }} }}")
    return int(nodes[0]["n"]) + int(edges[0]["n"])


def _too_large(fmt: str, size: str, limit: int, subgraph: bool = False) -> str:
    """The refusal message of an export over a cap, with what to do instead."""
    what = "this subgraph" if subgraph else "the graph"
    return (f"{what} is too large to export as {fmt} here: it has {size}, and a {fmt} export is "
            f"built in memory, up to {limit}. Export the whole graph as nquads, ntriples or turtle "
            f"(streamed, any size), run `llmkg export --format {fmt}` where the store is, or "
            "export a smaller subgraph (fewer hops, or a lineage)")


def _write_nquads(store: KGStore, target: BinaryIO, include_ontology: bool) -> None:
    quads: Iterator[ox.Quad] = (
        quad
        for graph in _graphs(store, include_ontology)
        for quad in store.graph_quads(graph.value))
    ox.serialize(quads, target, ox.RdfFormat.N_QUADS)


def _jsonld(triples: Iterable[Any]) -> bytes:
    from ontology import context_path

    graph = Graph()
    for triple in triples:
        graph.add((_rdflib_term(triple.subject), _rdflib_term(triple.predicate),
                   _rdflib_term(triple.object)))
    context_data = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    context = Context(context_data)
    nodes = _JsonLdConverter(context, False, False).from_graph(graph)
    nodes.sort(key=lambda node: str(node.get(context.id_key, "")))
    document = {"@context": context_data, "@graph": nodes}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
class _JsonLdConverter(Converter):
    """rdflib's JSON-LD converter, emitting every blank node it would otherwise drop.

    rdflib (7.x) writes a referenced blank node only when it reaches it through a property
    without ``"@type": "@id"`` coercion; through a coerced one (``hasSelector`` in our context)
    it writes the ``_:id`` reference and loses the node's own triples. Here every subject that is
    not an RDF list cell becomes a top-level node, in sorted order.
    """

    def from_graph(self, graph: Graph) -> list[Any]:
        nodemap: dict[Any, Any] = {}
        for subject in sorted(set(graph.subjects()), key=lambda s: s.n3()):
            if isinstance(subject, URIRef) or (
                    isinstance(subject, BNode) and (
                        graph.value(subject, RDF.first) is None
                        or not any(graph.subjects(None, subject)))):
                self.process_subject(graph, subject, nodemap)
        return list(nodemap.values())


def _rdflib_term(term: Any) -> Node:
    """Convert a pyoxigraph term to rdflib, keeping blank node ids (so output is stable)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise InvalidInputError(f"cannot export RDF-star term {term!r} as JSON-LD")


# -- the entity graph


def to_networkx(store: KGStore, *, subgraph: Subgraph | None = None) -> nx.MultiDiGraph:
    """Return the entity graph of the store, or of a subgraph, as a ``networkx.MultiDiGraph``.

    Nodes are entities (models, families, organizations, people, unnamed agents, benchmarks,
    hardware), keyed by IRI, with attributes ``label`` (``rdfs:label``; the first in sort order
    when there are several, the others going to the alternative labels), ``type`` (the most
    specific ``lk:`` class local name, e.g. ``"ModelFamily"``) and ``altLabels``
    (``skos:altLabel`` values joined with ``"|"``). An edge end that is not a typed entity is
    added with type ``""``.

    Edges, each keyed by a stable hash id:

    * entity-to-entity properties (``lk:distilledFrom``, ``lk:developedBy``, ...):
      ``relation`` = local name, ``sources`` = number of document graphs stating it;
    * each ``lk:BenchmarkResult``: model -> benchmark, ``relation="result"``, ``score`` (a float,
      when numeric), ``metric`` (when given), ``iri`` (the result node), ``sources``;
    * each ``lk:Claim``: claimant -> each entity it is about, ``relation="claim:<stance>"``
      (``"claim"`` without a stance), ``iri`` (the claim node), ``sources``.

    Everything is fetched with four SPARQL SELECTs over the named graphs (the ontology graph
    and the store's materialised default graph are not read); with a ``subgraph`` those
    queries only read the selected entities, so the graph is never built whole.

    Args:
        store: the open store.
        subgraph: build only the subgraph induced by the entities it selects (see
            :func:`subgraph_entities`); ``None`` builds the whole graph.

    Returns:
        A new ``MultiDiGraph``; nodes and edges are inserted in sorted order, so the same store
        always gives the same graph.

    Raises:
        NotFoundError: the subgraph's entity is not in the store.
        StoreError: the store could not be read.

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     to_networkx(store).number_of_nodes()
        0
    """
    return _entity_graph(store, None if subgraph is None else subgraph_entities(store, subgraph))


def _entity_graph(store: KGStore, selected: frozenset[str] | None) -> nx.MultiDiGraph:
    """:func:`to_networkx` of the entities ``selected`` (``None``: the whole graph)."""
    import networkx as nx

    only_e = "" if selected is None else f"VALUES ?e {{ {_iri_list(selected)} }}"
    only_o = "" if selected is None else f"VALUES ?o {{ {_iri_list(selected)} }}"

    types = " ".join(f"lk:{t}" for t in _ENTITY_TYPES)
    type_rows = store.select(
        f"SELECT DISTINCT ?e ?t WHERE {{ {only_e} GRAPH ?g {{ ?e a ?t }} VALUES ?t {{ {types} }} "
        f"FILTER(isIRI(?e)) {_NOT_ONTOLOGY} }}")
    label_rows = store.select(
        f"SELECT DISTINCT ?e ?p ?l WHERE {{ {only_e} GRAPH ?g {{ ?e ?p ?l }} "
        "VALUES ?p { rdfs:label skos:altLabel } "
        f"FILTER(isIRI(?e) && isLiteral(?l)) {_NOT_ONTOLOGY} }}")
    # entity edges, and the two links that anchor results and claims, with their document count
    props = " ".join(f"lk:{p}" for p in (*_EDGE_PROPERTIES, "evaluatedModel", "claimant"))
    edge_rows = store.select(
        f"SELECT ?s ?p ?o {_DOCUMENT_COUNT} WHERE {{ {only_o} GRAPH ?g {{ ?s ?p ?o }} "
        f"VALUES ?p {{ {props} }} {_NOT_ONTOLOGY} FILTER(isIRI(?o) && "
        "(isIRI(?s) || ?p IN (lk:evaluatedModel, lk:claimant))) } GROUP BY ?s ?p ?o")
    anchors = (_LK + "evaluatedModel", _LK + "claimant")
    shown = set(drop_entailed((row["s"], row["p"], row["o"]) for row in edge_rows))
    edge_rows = [row for row in edge_rows if (row["s"], row["p"], row["o"]) in shown]
    if selected is not None:
        # a subgraph keeps the edges with both ends selected (``?o`` is, by the query)
        edge_rows = [row for row in edge_rows if row["p"] in anchors or row["s"] in selected]
    # a subgraph reads the details of the results and claims anchored on a selected entity
    # (joined on the node, which may be a blank node: those cannot be named in VALUES)
    only_s = "" if selected is None else (
        f"VALUES ?a {{ {_iri_list(selected)} }} GRAPH ?h {{ ?s ?anchor ?a }} "
        f"VALUES ?anchor {{ lk:evaluatedModel lk:claimant }} FILTER(?h != <{ONTOLOGY_GRAPH}>)")
    detail_rows = store.select(
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ {only_s} GRAPH ?g {{ ?s ?p ?o }} "
        "VALUES ?p { lk:onBenchmark lk:score lk:metric lk:about lk:stance } "
        f"{_NOT_ONTOLOGY} FILTER(isIRI(?o) || ?p IN (lk:score, lk:metric, lk:stance)) }}")

    entity_types: dict[str, set[str]] = {}
    for row in type_rows:
        entity_types.setdefault(row["e"], set()).add(_local(row["t"]))
    labels: dict[str, set[str]] = {}
    alt_labels: dict[str, set[str]] = {}
    for row in label_rows:
        target = labels if row["p"] == _RDFS_LABEL else alt_labels
        target.setdefault(row["e"], set()).add(str(row["l"]))
    details: dict[tuple[str, str], list[Any]] = {}
    for row in detail_rows:
        details.setdefault((row["s"], _local(row["p"])), []).append(row["o"])

    def wanted(iri: str) -> bool:
        return selected is None or iri in selected

    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for row in edge_rows:
        subject, relation, obj, n = row["s"], _local(row["p"]), row["o"], int(row["n"])
        if relation == "evaluatedModel":
            scores = sorted(s for s in map(_as_float, details.get((subject, "score"), ()))
                            if s is not None)
            metrics = sorted(str(m) for m in details.get((subject, "metric"), ()))
            for benchmark in sorted(str(b) for b in details.get((subject, "onBenchmark"), ())):
                if not wanted(benchmark):
                    continue
                data: dict[str, Any] = {"relation": "result", "sources": n, "iri": subject}
                if scores:
                    data["score"] = scores[0]
                if metrics:
                    data["metric"] = metrics[0]
                edges.append((obj, benchmark, _edge_id(obj, "result", benchmark, subject), data))
        elif relation == "claimant":
            stances = sorted(_local(str(s)) for s in details.get((subject, "stance"), ()))
            kind = f"claim:{stances[0]}" if stances else "claim"
            for about in sorted(str(a) for a in details.get((subject, "about"), ())):
                if not wanted(about):
                    continue
                edges.append((obj, about, _edge_id(obj, "claim", about, subject),
                              {"relation": kind, "sources": n, "iri": subject}))
        else:
            edges.append((subject, obj, _edge_id(subject, relation, obj),
                          {"relation": relation, "sources": n}))
    edges.sort(key=lambda e: (e[0], e[1], e[2]))

    graph = nx.MultiDiGraph()

    def add_node(iri: str) -> None:
        names = sorted(labels.get(iri, ()))
        label = names[0] if names else _local(iri)
        alts = (alt_labels.get(iri, set()) | set(names[1:])) - {label}
        kinds = entity_types.get(iri, set())
        kind = next((t for t in _ENTITY_TYPES if t in kinds), "")
        graph.add_node(iri, label=label, type=kind, altLabels="|".join(sorted(alts)))

    # a subgraph holds every selected entity, even one whose edges all leave the selection
    for iri in sorted(entity_types if selected is None else selected):
        add_node(iri)
    for source, target, key, data in edges:
        for end in (source, target):
            if end not in graph:
                add_node(end)
        graph.add_edge(source, target, key=key, **data)
    return graph


def _local(iri: str) -> str:
    """Return the local name of an IRI: after the last ``#``, else after the last ``/``."""
    if "#" in iri:
        return iri.rsplit("#", 1)[1]
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _edge_id(*parts: str) -> str:
    """Return a stable edge id (``e`` + 16 hex digits) for the edge named by ``parts``."""
    return "e" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _as_float(value: Any) -> float | None:
    """``value`` as a finite float, else ``None`` (a NaN or infinite score would make the
    Cytoscape JSON invalid: ``NaN`` is not JSON)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# -- property-graph formats
def _xml_clean(value: Any) -> Any:
    return _XML_INVALID.sub("", value) if isinstance(value, str) else value


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of ``graph`` with XML-invalid characters stripped from every string."""
    import networkx as nx

    clean = nx.MultiDiGraph()
    clean.graph.update({_xml_clean(k): _xml_clean(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        clean.add_node(_xml_clean(node), **{_xml_clean(k): _xml_clean(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        clean.add_edge(_xml_clean(u), _xml_clean(v), key=_xml_clean(key),
                       **{_xml_clean(k): _xml_clean(val) for k, val in data.items()})
    return clean


def _cytoscape(graph: nx.MultiDiGraph) -> bytes:
    """Return Cytoscape.js elements JSON; node ids are IRIs, edge ids stable hashes."""
    nodes = []
    for node, data in graph.nodes(data=True):
        alts = data.get("altLabels", "")
        nodes.append({"data": {"id": node, "label": data.get("label", node),
                               "type": data.get("type", ""),
                               "altLabels": alts.split("|") if alts else []}})
    edges = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        edges.append({"data": {"id": key, "source": u, "target": v, **data}})
    text = json.dumps({"elements": {"nodes": nodes, "edges": edges}}, ensure_ascii=False)
    for char, escape in _JSON_HTML_ESCAPES.items():
        text = text.replace(char, escape)
    return text.encode("utf-8", errors="replace")


def _dot_string(value: Any) -> str:
    """Return ``value`` as a DOT quoted string that no character can break out of.

    Control characters (C0 but tab and LF, DEL, C1) and lone surrogates are dropped, CR and
    CRLF become LF, then backslashes, quotes and line feeds are escaped (``\\\\``, ``\\"``,
    ``\\n``, which Graphviz renders as a backslash, a quote and a line break) and tabs become
    spaces. ``<`` and ``>`` need nothing: inside quotes they are text, never an HTML label.

    >>> print(_dot_string('say "hi"\\\\\\n<b>\\x07'))
    "say \\"hi\\"\\\\\\n<b>"
    """
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _DOT_INVALID.sub("", text)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", " ")
    return f'"{text}"'


def _dot_attributes(data: dict[str, Any]) -> str:
    pairs = (f"{key}={_dot_string(value)}" for key, value in data.items()
             if _DOT_ATTRIBUTE.fullmatch(key) and value is not None)
    return ", ".join(pairs)


def _dot(graph: nx.MultiDiGraph) -> bytes:
    """Return Graphviz DOT: node ids are IRIs, labelled and shaped/coloured by type.

    Each node has ``label``, ``type``, ``altLabels``, ``shape`` and ``fillcolor``; each edge
    ``id`` (the stable edge key), ``label`` (the relation) and the edge's data (``relation``,
    ``sources``, ``score``, ``metric``, ``iri``). Every id and value is a quoted string.
    """
    lines = [
        'digraph "llmkg" {',
        '  graph [charset="UTF-8", rankdir="LR", overlap="false"];',
        '  node [style="filled", fontname="Helvetica", fontsize="11"];',
        '  edge [fontname="Helvetica", fontsize="9", color="#6c757d"];',
    ]
    for node, data in graph.nodes(data=True):
        shape, colour = _DOT_STYLES.get(data.get("type", ""), _DOT_STYLES[""])
        attrs = {"label": data.get("label", node), "type": data.get("type", ""),
                 "altLabels": data.get("altLabels", ""), "shape": shape, "fillcolor": colour}
        lines.append(f"  {_dot_string(node)} [{_dot_attributes(attrs)}];")
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {"id": key, "label": data.get("relation", ""),
                 **{k: val for k, val in data.items() if k not in ("id", "label")}}
        lines.append(f"  {_dot_string(u)} -> {_dot_string(v)} [{_dot_attributes(attrs)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
