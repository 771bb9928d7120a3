"""SHACL validation of the store (pyshacl), with the ontology for RDFS inference.

The report groups pyshacl's results by severity, shape and message, each group with its count and
the entities it is about (labels, not only IRIs): 300 warnings are a handful of kinds of finding,
and that is what a user reads first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import RDFS, BNode, Graph, Namespace, URIRef

from .store import PREFIXES, KGStore, compact_iri
from .terms import ONTOLOGY_GRAPH

__all__ = ["Finding", "ValidationReport", "validate_graph", "validate_store"]

SH = Namespace("http://www.w3.org/ns/shacl#")
LK = Namespace(PREFIXES["lk"])


@dataclass(frozen=True)
class FocusNode:
    """An entity a finding is about: its IRI and its label (the IRI's last part when it has none)."""

    iri: str
    label: str


@dataclass(frozen=True)
class Finding:
    """One kind of finding: the shape and constraint that made it, its message, how many nodes it
    was found on, and those nodes (sorted by label)."""

    severity: str  # Violation | Warning | Info
    shape: str  # the node shape, compact ("lk:ModelShape")
    path: str  # the property the constraint is on ("lk:activeParameters"), or ""
    constraint: str  # the SHACL constraint component ("MaxCount")
    message: str
    count: int
    focus: tuple[FocusNode, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ValidationReport:
    """Whether the data conforms, the number of violations and warnings, the findings grouped
    (violations first, then by count), and pyshacl's text."""

    conforms: bool
    violations: int
    warnings: int
    text: str
    findings: tuple[Finding, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``llmkg validate --json`` (pyshacl's text left out)."""
        return {"conforms": self.conforms, "violations": self.violations, "warnings": self.warnings,
                "findings": [f.to_dict() for f in self.findings]}


def _compact(node: Any) -> str:
    """A term with its predeclared prefix; a shape of ontology/shapes.ttl by its local name."""
    text = str(node)
    return text.rsplit("#", 1)[-1] if "/shapes#" in text else compact_iri(text)


def _label(data: Graph, node: Any) -> str:
    """What a user calls a node: its label; a result by its model, benchmark and score; a claim
    by its claimant, stance and text; else its IRI's last part."""
    def name(x: Any) -> str:
        label = data.value(x, RDFS.label) if x is not None else None
        return str(label) if label is not None else str(x).rstrip("/").rsplit("/", 1)[-1]

    if data.value(node, RDFS.label) is not None:
        return name(node)
    model, bench = data.value(node, LK.evaluatedModel), data.value(node, LK.onBenchmark)
    if model is not None and bench is not None:
        return f"{name(model)} on {name(bench)}: {data.value(node, LK.score)}"
    claimant = data.value(node, LK.claimant)
    if claimant is not None:
        stance = str(data.value(node, LK.stance) or "").rsplit("#", 1)[-1]
        text = " ".join(str(data.value(node, LK.claimText) or "").split())
        return f"{name(claimant)} {stance}: \"{text[:60]}{'...' if len(text) > 60 else ''}\""
    return name(node)


def _findings(results: Graph, shapes: Graph, data: Graph) -> tuple[Finding, ...]:
    owner = {ps: ns for ns, ps in shapes.subject_objects(SH.property)}
    groups: dict[tuple[str, str, str, str, str], set[FocusNode]] = {}
    for r in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        source = results.value(r, SH.sourceShape)
        node_shape = owner.get(source, source) if isinstance(source, BNode) else source
        shape = _compact(node_shape) if isinstance(node_shape, URIRef) else ""
        path = results.value(r, SH.resultPath)
        component = str(results.value(r, SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1]
        message = str(results.value(r, SH.resultMessage) or "")
        focus = results.value(r, SH.focusNode)
        node = FocusNode(str(focus), _label(data, focus)) if focus is not None else FocusNode("", "")
        key = (severity, shape, _compact(path) if path is not None else "",
               component.removesuffix("ConstraintComponent"), message)
        groups.setdefault(key, set()).add(node)
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    found = [Finding(*key, len(nodes), tuple(sorted(nodes, key=lambda n: (n.label.lower(), n.iri))))
             for key, nodes in groups.items()]
    return tuple(sorted(found, key=lambda f: (order.get(f.severity, 3), -f.count, f.shape, f.path,
                                              f.message)))


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` (one graph: a document graph with its metadata, or the union)."""
    import pyshacl

    from ontology import ontology_path, shapes_path

    shapes = Graph().parse(shapes_path(), format="turtle")
    ont = Graph().parse(ontology_path(), format="turtle")
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ont, inference="rdfs", allow_warnings=True,
        advanced=True)
    severities = [o for _s, _p, o in results.triples((None, SH.resultSeverity, None))]
    violations = severities.count(SH.Violation)
    warnings = severities.count(SH.Warning)
    return ValidationReport(bool(conforms), violations, warnings, str(text), _findings(results, shapes, data))


def validate_store(store: KGStore) -> ValidationReport:
    """Validate the union of every document graph and the metadata graph."""
    data = Graph()
    triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"FILTER(?g != <{ONTOLOGY_GRAPH}>) }}", union=False)
    data.parse(data=triples.serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")
    return validate_graph(data)
