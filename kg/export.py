"""Export the store as RDF (Turtle, N-Quads, JSON-LD) or as a graph (GraphML, GEXF, Cytoscape).

The RDF formats hold every triple of the document graphs and the metadata graph; the ontology
graph is left out unless ``include_ontology=True``. Turtle and N-Quads are written by pyoxigraph,
streaming into ``out`` when it is given (rdflib is 7-60x slower, see
/work/shared/design/performance-facts.md); JSON-LD goes through rdflib to compact with the
project's context (``ontology/context.jsonld``), which is embedded inline and never fetched.
The named graphs are the source of truth: the store's default graph (a materialised union of
every named graph, ontology included) is never read nor exported.

The property-graph formats are built from :func:`to_networkx`: a ``networkx.MultiDiGraph`` of the
entities and the edges between them, fetched with a few SPARQL SELECTs. Node ids are IRIs and
edge ids are stable hashes, never labels, so two entities with the same label stay apart. GraphML
and GEXF have every XML-invalid character (control characters, lone surrogates) stripped first,
so a label holding ``\\x0b`` still gives a well-formed file.

Example:
    >>> from kg.store import open_store
    >>> with open_store(None) as store:
    ...     export(store, "cytoscape")
    b'{"elements": {"nodes": [], "edges": []}}'
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.term import Node

from .errors import InvalidInputError, StoreError
from .store import PREFIXES, KGStore
from .terms import META_GRAPH, ONTOLOGY_GRAPH

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "export", "to_networkx"]

FORMATS: tuple[str, ...] = ("turtle", "nquads", "jsonld", "graphml", "gexf", "cytoscape")

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

#: characters escaped in Cytoscape JSON so the text can be pasted into an HTML <script> (E1)
_JSON_HTML_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

_NOT_ONTOLOGY = f"FILTER(?g != <{ONTOLOGY_GRAPH}>)"
#: per (s, p, o, g) row: count the graphs that are documents (not the metadata graph)
_DOCUMENT_COUNT = f"(SUM(IF(?g = <{META_GRAPH}>, 0, 1)) AS ?n)"


def export(store: KGStore, fmt: str, *, out: BinaryIO | None = None,
           include_ontology: bool = False) -> bytes | None:
    """Serialise the store in one of :data:`FORMATS`.

    Args:
        store: the open store to export.
        fmt: ``"turtle"`` (the union of the graphs as one graph), ``"nquads"`` (every quad of
            the named graphs, graph by graph; the store's materialised default graph is left
            out as it only repeats them), ``"jsonld"`` (the union, compacted with the project
            context), ``"graphml"``, ``"gexf"`` or ``"cytoscape"`` (the entity graph of
            :func:`to_networkx`). Case is ignored.
        out: a binary file-like object to write to; Turtle and N-Quads are streamed into it.
            When ``None`` the export is returned as bytes.
        include_ontology: also export the ontology graph (RDF formats only; the property-graph
            formats hold entities, never ontology terms).

    Returns:
        The export as bytes, or ``None`` when it was written to ``out``.

    Raises:
        InvalidInputError: ``fmt`` is not one of :data:`FORMATS`, or ``out`` cannot be written.
        StoreError: the store could not be read while exporting.
    """
    if not isinstance(fmt, str) or fmt.strip().lower() not in FORMATS:
        raise InvalidInputError(
            f"unknown export format {str(fmt)[:50]!r}; expected one of: {', '.join(FORMATS)}")
    if out is not None and not callable(getattr(out, "write", None)):
        raise InvalidInputError("out must be a binary file-like object with a write() method")
    fmt = fmt.strip().lower()
    target: BinaryIO = out if out is not None else io.BytesIO()
    try:
        if fmt == "turtle":
            ox.serialize(_union_triples(store, include_ontology), target, ox.RdfFormat.TURTLE,
                         prefixes=PREFIXES)
        elif fmt == "nquads":
            _write_nquads(store, target, include_ontology)
        elif fmt == "jsonld":
            target.write(_jsonld(store, include_ontology))
        elif fmt == "graphml":
            import networkx as nx

            nx.write_graphml(_xml_safe(to_networkx(store)), target, encoding="utf-8")
        elif fmt == "gexf":
            import networkx as nx

            nx.write_gexf(_xml_safe(to_networkx(store)), target, encoding="utf-8")
        else:
            target.write(_cytoscape(to_networkx(store)))
    except OSError as e:
        raise StoreError(f"{fmt} export failed: {e}") from e
    if out is None:
        assert isinstance(target, io.BytesIO)
        return target.getvalue()
    return None


# -- RDF formats


def _union_triples(store: KGStore, include_ontology: bool) -> Any:
    """CONSTRUCT the set union of the named graphs (Oxigraph drops duplicate triples).

    The store's default graph is a materialised copy of that union (ontology included), so it is
    not read: the named graphs are the source of truth.
    """
    graph_filter = "" if include_ontology else _NOT_ONTOLOGY
    return store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {graph_filter} }}",
        union=False)


def _write_nquads(store: KGStore, target: BinaryIO, include_ontology: bool) -> None:
    skip = set() if include_ontology else {ox.NamedNode(str(ONTOLOGY_GRAPH))}
    quads: Iterator[ox.Quad] = (
        quad
        for graph in sorted(store.ox.named_graphs(), key=lambda g: g.value)
        if graph not in skip
        for quad in store.ox.quads_for_pattern(None, None, None, graph))
    ox.serialize(quads, target, ox.RdfFormat.N_QUADS)


def _jsonld(store: KGStore, include_ontology: bool) -> bytes:
    from ontology import context_path

    graph = Graph()
    for triple in _union_triples(store, include_ontology):
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


def to_networkx(store: KGStore) -> nx.MultiDiGraph:
    """Return the entity graph of the store as a ``networkx.MultiDiGraph``.

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
    and the store's materialised default graph are not read).

    Args:
        store: the open store.

    Returns:
        A new ``MultiDiGraph``; nodes and edges are inserted in sorted order, so the same store
        always gives the same graph.

    Raises:
        StoreError: the store could not be read.
    """
    import networkx as nx

    types = " ".join(f"lk:{t}" for t in _ENTITY_TYPES)
    type_rows = store.select(
        f"SELECT DISTINCT ?e ?t WHERE {{ GRAPH ?g {{ ?e a ?t }} VALUES ?t {{ {types} }} "
        f"FILTER(isIRI(?e)) {_NOT_ONTOLOGY} }}")
    label_rows = store.select(
        "SELECT DISTINCT ?e ?p ?l WHERE { GRAPH ?g { ?e ?p ?l } "
        "VALUES ?p { rdfs:label skos:altLabel } "
        f"FILTER(isIRI(?e) && isLiteral(?l)) {_NOT_ONTOLOGY} }}")
    # entity edges, and the two links that anchor results and claims, with their document count
    props = " ".join(f"lk:{p}" for p in (*_EDGE_PROPERTIES, "evaluatedModel", "claimant"))
    edge_rows = store.select(
        f"SELECT ?s ?p ?o {_DOCUMENT_COUNT} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
        f"VALUES ?p {{ {props} }} {_NOT_ONTOLOGY} FILTER(isIRI(?o) && "
        "(isIRI(?s) || ?p IN (lk:evaluatedModel, lk:claimant))) } GROUP BY ?s ?p ?o")
    detail_rows = store.select(
        "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
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

    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for row in edge_rows:
        subject, relation, obj, n = row["s"], _local(row["p"]), row["o"], int(row["n"])
        if relation == "evaluatedModel":
            scores = sorted(s for s in map(_as_float, details.get((subject, "score"), ()))
                            if s is not None)
            metrics = sorted(str(m) for m in details.get((subject, "metric"), ()))
            for benchmark in sorted(str(b) for b in details.get((subject, "onBenchmark"), ())):
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

    for iri in sorted(entity_types):
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
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


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
