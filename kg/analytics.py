"""Graph analytics with networkx: which labs and models are central, which lineages hang together.

Two small directed graphs are built, each from one SPARQL SELECT of just the edges it needs over
the document graphs (never the whole store: networkx is fast on subgraphs, slow on everything,
see /work/shared/design/performance-facts.md):

* the *ecosystem graph* (:func:`ecosystem_graph`): models, model families and labs
  (``lk:Organization``), with ``lk:developedBy`` and the lineage predicates
  (:data:`kg.lineage.LINEAGE_PREDICATES`) as edges. Edges point the way the facts are stated,
  from what was made to what it was made from or by: model -> base model, model -> family,
  family -> predecessor, model -> developer.
* the *lineage graph* (:func:`lineage_graph`): the lineage predicates only.

Nodes are IRIs with ``label`` and ``type`` attributes (the most specific ``lk:`` class). Self
loops are dropped; several relations between the same two entities are one edge whose
``relations`` attribute lists them. Plain Python throughout: no numpy or scipy.

Example:
    >>> from kg.stores import open_store
    >>> with open_store(None) as store:
    ...     centrality(store, kind="lab"), lineage_trees(store)
    ([], [])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import InvalidInputError
from .lineage import LINEAGE_PREDICATES
from .store import PREFIXES, KGStore
from .terms import ONTOLOGY_GRAPH, drop_entailed, is_safe_iri

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "KINDS",
    "MEASURES",
    "Entity",
    "LineageLink",
    "LineageTree",
    "Ranked",
    "Summary",
    "centrality",
    "ecosystem_graph",
    "lineage_graph",
    "lineage_trees",
    "summary",
]

#: what :func:`centrality` ranks: models (``lk:Model`` and ``lk:ModelFamily``), labs
#: (``lk:Organization``) or both
KINDS: tuple[str, ...] = ("model", "lab", "all")
#: the centrality measures :func:`centrality` computes
MEASURES: tuple[str, ...] = ("degree", "pagerank", "betweenness")

_LK = PREFIXES["lk"]
_RDFS_LABEL = PREFIXES["rdfs"] + "label"
_KIND_TYPES: dict[str, frozenset[str]] = {
    "model": frozenset({"Model", "ModelFamily"}),
    "lab": frozenset({"Organization"}),
    "all": frozenset({"Model", "ModelFamily", "Organization"}),
}
#: entity classes, most specific first (as in kg.export): a node typed with several gets the first
_TYPE_ORDER: tuple[str, ...] = ("ModelFamily", "Model", "Person", "Organization", "UnnamedAgent",
                                "Benchmark", "Hardware", "Agent")
_NOT_ONTOLOGY = f"FILTER(?g != <{ONTOLOGY_GRAPH}>)"
_MAX_LIMIT = 10_000


@dataclass(frozen=True)
class Entity:
    """A node of an analytics graph: its IRI, label and most specific ``lk:`` type."""

    iri: str
    label: str
    type: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"iri": self.iri, "label": self.label, "type": self.type}


@dataclass(frozen=True)
class Ranked:
    """One entity of a centrality ranking.

    ``score`` is the chosen measure; ``degree`` the number of distinct entities it is linked
    to in the ecosystem graph (either direction), given whatever the measure.
    """

    iri: str
    label: str
    type: str
    score: float
    degree: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"iri": self.iri, "label": self.label, "type": self.type, "score": self.score,
                "degree": self.degree}


@dataclass(frozen=True)
class LineageLink:
    """One lineage edge: ``source`` was made from ``target`` (``relation`` is the local name)."""

    source: str
    relation: str
    target: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"source": self.source, "relation": self.relation, "target": self.target}


@dataclass(frozen=True)
class LineageTree:
    """A connected lineage: the entities linked by lineage edges, whichever the direction.

    ``roots`` are its oldest ancestors: the members with no outgoing lineage edge (on a
    cycle, the members of a cycle with no edge leaving it). Members are sorted by label.
    """

    roots: tuple[Entity, ...]
    members: tuple[Entity, ...]
    edges: tuple[LineageLink, ...]

    @property
    def size(self) -> int:
        """The number of members."""
        return len(self.members)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"size": self.size, "roots": [r.to_dict() for r in self.roots],
                "members": [m.to_dict() for m in self.members],
                "edges": [e.to_dict() for e in self.edges]}


@dataclass(frozen=True)
class Summary:
    """Counts of the ecosystem graph: nodes by type, edges by relation, components, lineages."""

    nodes: dict[str, int]
    edges: dict[str, int]
    components: int
    lineage_trees: int
    largest_tree: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"nodes": dict(self.nodes), "edges": dict(self.edges),
                "components": self.components, "lineage_trees": self.lineage_trees,
                "largest_tree": self.largest_tree}


# -- graphs


def ecosystem_graph(store: KGStore) -> nx.DiGraph:
    """Return the ecosystem graph: models, families and labs, linked by development and lineage.

    Every entity typed ``lk:Model``, ``lk:ModelFamily`` or ``lk:Organization`` is a node, with
    or without edges; an edge end of another type (a person as developer) is a node too.

    Args:
        store: the open store.

    Returns:
        A new ``DiGraph``, edges from the derived entity to its source or developer, each with
        ``relations`` (a sorted tuple of predicate local names).

    Raises:
        StoreError: the store could not be read.

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     ecosystem_graph(store).number_of_nodes()
        0
    """
    members = store.select(
        "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a ?t } "
        f"VALUES ?t {{ lk:Model lk:ModelFamily lk:Organization }} FILTER(isIRI(?e)) {_NOT_ONTOLOGY} }}")
    return _graph(store, ("developedBy", *LINEAGE_PREDICATES), {row["e"] for row in members})


def lineage_graph(store: KGStore) -> nx.DiGraph:
    """Return the graph of lineage edges only (:data:`kg.lineage.LINEAGE_PREDICATES`).

    Args:
        store: the open store.

    Returns:
        A new ``DiGraph`` of the entities that have a lineage edge, edges from derivative to
        source (model -> base, model -> family, family -> predecessor), each with ``relations``.

    Raises:
        StoreError: the store could not be read.

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     lineage_graph(store).number_of_edges()
        0
    """
    return _graph(store, LINEAGE_PREDICATES, set())


def _graph(store: KGStore, predicates: tuple[str, ...], nodes: set[str]) -> nx.DiGraph:
    """Build a DiGraph of the ``predicates`` edges (plus ``nodes``) with labels and types."""
    import networkx as nx

    props = " ".join(f"lk:{p}" for p in predicates)
    rows = store.select(
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ {props} }} "
        f"FILTER(isIRI(?s) && isIRI(?o) && ?s != ?o) {_NOT_ONTOLOGY} }}")
    relations: dict[tuple[str, str], set[str]] = {}
    for s, p, o in drop_entailed((row["s"], row["p"][len(_LK):], row["o"]) for row in rows):
        relations.setdefault((s, o), set()).add(p)
    every = set(nodes)
    for source, target in relations:
        every.update((source, target))
    info = _describe(store, every)
    graph = nx.DiGraph()
    for iri in sorted(every):
        label, kind = info.get(iri, (_local(iri), ""))
        graph.add_node(iri, label=label, type=kind)
    for (source, target), names in sorted(relations.items()):
        graph.add_edge(source, target, relations=tuple(sorted(names)))
    return graph


def _describe(store: KGStore, iris: set[str]) -> dict[str, tuple[str, str]]:
    """Label and most specific type of each IRI (IRIs failing is_safe_iri are left out)."""
    safe = sorted(i for i in iris if is_safe_iri(i))
    if not safe:
        return {}
    values = "VALUES ?e { " + " ".join(f"<{i}>" for i in safe) + " }"
    rows = store.select(
        f"SELECT DISTINCT ?e ?p ?v WHERE {{ {values} GRAPH ?g {{ ?e ?p ?v }} "
        f"VALUES ?p {{ rdfs:label rdf:type }} {_NOT_ONTOLOGY} }}")
    labels: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    for row in rows:
        if row["p"] == _RDFS_LABEL:
            labels.setdefault(row["e"], set()).add(str(row["v"]))
        elif str(row["v"]).startswith(_LK):
            types.setdefault(row["e"], set()).add(str(row["v"])[len(_LK):])
    out = {}
    for iri in safe:
        names = sorted(labels.get(iri, ()))
        kinds = types.get(iri, set())
        out[iri] = (names[0] if names else _local(iri),
                    next((t for t in _TYPE_ORDER if t in kinds), ""))
    return out


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


# -- centrality


def centrality(store: KGStore, *, kind: str = "all", measure: str = "degree",
               limit: int = 20) -> list[Ranked]:
    """Rank labs and models of the ecosystem graph by a centrality measure.

    The measures answer different questions:

    * ``"degree"`` (networkx ``degree_centrality`` on the undirected graph: distinct
      neighbours / (n - 1)): how many direct links. For a lab, chiefly the models it
      developed; for a model, its developer, family, bases and derivatives. Simple and
      explainable, the default.
    * ``"pagerank"`` (damping 0.85, on the directed graph): edges point from a derivative to its
      source and from a model to its developer, so rank flows to what others build on. A base
      model whose derivatives are themselves built on outranks one with as many unused
      siblings, and a lab gathers the rank of its models: the measure of *influence*. A
      lineage cycle (an extraction error: A derived from B derived from A) traps rank and
      floats to the top; :func:`lineage_trees` shows it as a tree whose roots are the cycle.
      Computed here in plain Python (networkx's ``pagerank`` needs scipy).
    * ``"betweenness"`` (networkx ``betweenness_centrality``, normalised, undirected): how often
      an entity lies on the shortest paths between others, i.e. *bridges*, such as a model
      distilled from one lab's model onto another lab's base.

    Args:
        store: the open store.
        kind: ``"model"`` (models and families), ``"lab"`` (organizations) or ``"all"``.
        measure: one of :data:`MEASURES`.
        limit: how many to return, 1 to 10,000.

    Returns:
        The top ``limit`` entities of that kind, highest score first (ties: higher degree,
        then label, then IRI).

    Raises:
        InvalidInputError: an unknown ``kind`` or ``measure``, or ``limit`` out of range.
        StoreError: the store could not be read.

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     centrality(store, kind="robots")
        Traceback (most recent call last):
        ...
        kg.errors.InvalidInputError: unknown kind 'robots'; expected one of: model, lab, all
    """
    if kind not in KINDS:
        raise InvalidInputError(f"unknown kind {str(kind)[:50]!r}; expected one of: {', '.join(KINDS)}")
    if measure not in MEASURES:
        raise InvalidInputError(
            f"unknown measure {str(measure)[:50]!r}; expected one of: {', '.join(MEASURES)}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= _MAX_LIMIT:
        raise InvalidInputError(f"limit must be an integer from 1 to {_MAX_LIMIT}, got {limit!r}")
    import networkx as nx

    graph = ecosystem_graph(store)
    undirected = graph.to_undirected()
    if measure == "degree":
        scores = nx.degree_centrality(undirected) if len(undirected) > 1 else \
            dict.fromkeys(undirected, 0.0)
    elif measure == "pagerank":
        scores = _pagerank(graph)
    else:
        scores = nx.betweenness_centrality(undirected, normalized=True)
    wanted = _KIND_TYPES[kind]
    ranked = [Ranked(iri, data["label"], data["type"], float(scores.get(iri, 0.0)),
                     undirected.degree(iri))
              for iri, data in graph.nodes(data=True) if data["type"] in wanted]
    ranked.sort(key=lambda r: (-r.score, -r.degree, r.label.casefold(), r.iri))
    return ranked[:limit]


def _pagerank(graph: nx.DiGraph, *, alpha: float = 0.85, tol: float = 1e-10,
              max_iter: int = 500) -> dict[str, float]:
    """PageRank by power iteration (uniform teleport; dangling nodes spread their rank evenly).

    The same definition as networkx's ``pagerank`` with default arguments, without scipy. The
    error shrinks by ``alpha`` each round, so 500 rounds always reach ``tol``.
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    out_degree = {v: graph.out_degree(v) for v in nodes}
    dangling = [v for v in nodes if out_degree[v] == 0]
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        previous = rank
        base = (1.0 - alpha) / n + alpha * sum(previous[v] for v in dangling) / n
        rank = dict.fromkeys(nodes, base)
        for u in nodes:
            if out_degree[u]:
                share = alpha * previous[u] / out_degree[u]
                for v in graph.successors(u):
                    rank[v] += share
        if sum(abs(rank[v] - previous[v]) for v in nodes) < n * tol:
            break
    return rank


# -- lineage trees


def lineage_trees(store: KGStore, *, min_size: int = 2) -> list[LineageTree]:
    """Return the connected lineages of the store, largest first.

    A lineage tree is a weakly connected component of :func:`lineage_graph`: every entity
    linked to another by a lineage edge, whichever its direction (so two siblings distilled
    from one teacher are in the teacher's tree). Its roots are the oldest ancestors.

    Args:
        store: the open store.
        min_size: leave out trees with fewer members (at least 1).

    Returns:
        The trees, by size (largest first), then by the label of their first root.

    Raises:
        InvalidInputError: ``min_size`` is not a positive integer.
        StoreError: the store could not be read.

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     lineage_trees(store, min_size=0)
        Traceback (most recent call last):
        ...
        kg.errors.InvalidInputError: min_size must be a positive integer, got 0
    """
    if isinstance(min_size, bool) or not isinstance(min_size, int) or min_size < 1:
        raise InvalidInputError(f"min_size must be a positive integer, got {min_size!r}")
    return _trees(lineage_graph(store), min_size)


def _trees(graph: nx.DiGraph, min_size: int) -> list[LineageTree]:
    """The weakly connected components of a lineage DiGraph as LineageTrees."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return []
    # roots: members of the strongly connected components nothing leaves (a node, or a cycle)
    condensed = nx.condensation(graph)
    roots = {iri for c in condensed if condensed.out_degree(c) == 0
             for iri in condensed.nodes[c]["members"]}

    def entity(iri: str) -> Entity:
        data = graph.nodes[iri]
        return Entity(iri, data.get("label", _local(iri)), data.get("type", ""))

    def order(e: Entity) -> tuple[str, str]:
        return e.label.casefold(), e.iri

    trees = []
    for component in nx.weakly_connected_components(graph):
        if len(component) < min_size:
            continue
        members = sorted((entity(i) for i in component), key=order)
        links = sorted((LineageLink(s, rel, o) for s, o, data in graph.subgraph(component).edges(data=True)
                        for rel in data.get("relations", ()) if rel in LINEAGE_PREDICATES),
                       key=lambda e: (e.source, e.relation, e.target))
        trees.append(LineageTree(tuple(m for m in members if m.iri in roots), tuple(members),
                                 tuple(links)))
    trees.sort(key=lambda t: (-t.size, *(order(t.roots[0]) if t.roots else ("", ""))))
    return trees


# -- summary


def summary(store: KGStore) -> Summary:
    """Count the ecosystem graph: nodes by type, edges by relation, components, lineage trees.

    Args:
        store: the open store.

    Returns:
        A :class:`Summary`; ``components`` counts the weakly connected components of the
        ecosystem graph (isolated entities included), ``lineage_trees`` the trees of two or
        more members.

    Raises:
        StoreError: the store could not be read.

    Example:
        >>> from kg.stores import open_store
        >>> with open_store(None) as store:
        ...     summary(store).to_dict()
        {'nodes': {}, 'edges': {}, 'components': 0, 'lineage_trees': 0, 'largest_tree': 0}
    """
    import networkx as nx

    graph = ecosystem_graph(store)
    nodes: dict[str, int] = {}
    for _, kind in graph.nodes(data="type"):
        nodes[kind or "other"] = nodes.get(kind or "other", 0) + 1
    edges: dict[str, int] = {}
    for _, _, names in graph.edges(data="relations"):
        for name in names:
            edges[name] = edges.get(name, 0) + 1
    lineage = set(LINEAGE_PREDICATES)
    lineage_edges = [(s, o) for s, o, names in graph.edges(data="relations") if lineage & set(names)]
    trees = _trees(graph.edge_subgraph(lineage_edges), 2)
    return Summary(dict(sorted(nodes.items())), dict(sorted(edges.items())),
                   nx.number_weakly_connected_components(graph) if len(graph) else 0,
                   len(trees), trees[0].size if trees else 0)
