"""SHACL validation of the store (pyshacl), with the ontology for RDFS inference."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from .store import KGStore
from .terms import ONTOLOGY_GRAPH

__all__ = ["ValidationReport", "validate_graph", "validate_store"]


@dataclass(frozen=True)
class ValidationReport:
    """Whether the data conforms, the number of violations and warnings, and pyshacl's text."""

    conforms: bool
    violations: int
    warnings: int
    text: str


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` (one graph: a document graph with its metadata, or the union)."""
    import pyshacl

    from ontology import ontology_path, shapes_path

    shapes = Graph().parse(shapes_path(), format="turtle")
    ont = Graph().parse(ontology_path(), format="turtle")
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ont, inference="rdfs", allow_warnings=True,
        advanced=True)
    sh = "http://www.w3.org/ns/shacl#"
    severities = [str(o) for _s, p, o in results if str(p) == sh + "resultSeverity"]
    violations = severities.count(sh + "Violation")
    warnings = severities.count(sh + "Warning")
    return ValidationReport(bool(conforms), violations, warnings, str(text))


def validate_store(store: KGStore) -> ValidationReport:
    """Validate the union of every document graph and the metadata graph."""
    data = Graph()
    triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"FILTER(?g != <{ONTOLOGY_GRAPH}>) }}", union=False)
    data.parse(data=triples.serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")
    return validate_graph(data)
