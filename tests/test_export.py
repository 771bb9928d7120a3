"""Tests for kg.export: RDF round trips, property-graph formats, bad inputs (bad-inputs.md E)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from kg.errors import InvalidInputError
from kg.export import FORMATS, export, to_networkx
from kg.store import KGStore, open_store
from kg.terms import META_GRAPH, ONTOLOGY_GRAPH

ID = "https://w3id.org/llmkg/id/"
T1 = "https://w3id.org/llmkg/graph/t1"
T2 = "https://w3id.org/llmkg/graph/t2"
SCOUT = ID + "model/llama-4-scout"
BEHEMOTH = ID + "model/llama-4-behemoth"
LLAMA4 = ID + "model/llama-4"
EVIL = ID + "model/evil"
MERCURY_MODEL = ID + "model/mercury"
MERCURY_HW = ID + "hardware/mercury"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
EVIL_LABEL = "Evil </script><script>alert(1)</script>\u000b model"

DATA = f"""
PREFIX lk: <https://w3id.org/llmkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX model: <{ID}model/>
PREFIX org: <{ID}org/>
PREFIX hardware: <{ID}hardware/>
PREFIX benchmark: <{ID}benchmark/>
PREFIX result: <{ID}result/>
PREFIX agent: <{ID}agent/>
PREFIX claim: <{ID}claim/>
PREFIX evidence: <{ID}evidence/>
INSERT DATA {{
  GRAPH <{T1}> {{
    model:llama-4-scout a lk:Model ; rdfs:label "Llama 4 Scout" ;
        skos:altLabel "Llama-4-Scout", "Scout" ;
        lk:distilledFrom model:llama-4-behemoth ; lk:memberOfFamily model:llama-4 ;
        lk:developedBy org:meta ; lk:fitsOn hardware:h100 .
    model:llama-4-behemoth a lk:Model ; rdfs:label "Llama 4 Behemoth" .
    model:llama-4 a lk:ModelFamily, lk:Model ; rdfs:label "Llama 4" ;
        lk:successorOf model:llama-3 .
    model:llama-3 a lk:ModelFamily ; rdfs:label "Llama 3"@en .
    org:meta a lk:Organization ; rdfs:label "Meta" .
    hardware:h100 a lk:Hardware ; rdfs:label "H100" .
    model:evil a lk:Model ; rdfs:label "Evil </script><script>alert(1)</script>\\u000B model" ;
        lk:fineTunedFrom model:llama-4-scout .
    model:mercury a lk:Model ; rdfs:label "Mercury" .
    hardware:mercury a lk:Hardware ; rdfs:label "Mercury" .
    benchmark:mmlu a lk:Benchmark ; rdfs:label "MMLU" .
    result:r1 a lk:BenchmarkResult ; lk:evaluatedModel model:llama-4-scout ;
        lk:onBenchmark benchmark:mmlu ; lk:score "79.6"^^xsd:decimal ; lk:metric "accuracy" .
    agent:whistleblower a lk:UnnamedAgent ; rdfs:label "a supposed Meta whistleblower" .
    claim:c1 a lk:Claim ; lk:claimant agent:whistleblower ; lk:stance lk:asserts ;
        lk:about model:llama-4 ; lk:claimText "benchmarks were gamed"@en .
    evidence:e1 a lk:Evidence ; rdf:subject model:llama-4-scout ;
        rdf:predicate lk:distilledFrom ; rdf:object model:llama-4-behemoth ;
        oa:hasSource <https://w3id.org/llmkg/doc/t1> ;
        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Scout was distilled from Behemoth" ] .
  }}
  GRAPH <{T2}> {{
    model:llama-4-scout a lk:Model ; rdfs:label "Llama 4 Scout" ;
        lk:distilledFrom model:llama-4-behemoth .
    model:llama-4-behemoth a lk:Model ; rdfs:label "Llama 4 Behemoth" .
  }}
  GRAPH <{META_GRAPH}> {{
    <https://w3id.org/llmkg/doc/t1> a lk:Document ; lk:documentGraph <{T1}> ;
        lk:contentHash "sha256:00" .
    <https://w3id.org/llmkg/doc/t2> a lk:Document ; lk:documentGraph <{T2}> ;
        lk:contentHash "sha256:01" .
  }}
}}
"""

RDF_FORMATS = {"turtle": "turtle", "jsonld": "json-ld"}
NX_READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}
#: 6 entity-to-entity edges, 1 result, 1 claim
EDGE_COUNT = 8
NODE_COUNT = 11


@pytest.fixture
def store() -> Iterator[KGStore]:
    with open_store(None) as s:
        s.ox.update(DATA)
        yield s


def _rd(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _store_graphs(store: KGStore) -> dict[str, Graph]:
    """The store's named graphs (ontology excluded) as rdflib graphs, by graph IRI."""
    graphs: dict[str, Graph] = {}
    for q in store.ox:
        if isinstance(q.graph_name, ox.DefaultGraph) or q.graph_name.value == str(ONTOLOGY_GRAPH):
            continue
        name = q.graph_name.value
        graphs.setdefault(name, Graph()).add((_rd(q.subject), _rd(q.predicate), _rd(q.object)))
    return graphs


def _store_union(store: KGStore) -> Graph:
    union = Graph()
    for g in _store_graphs(store).values():
        for t in g:
            union.add(t)
    return union


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_rdf_roundtrip_is_isomorphic(store: KGStore, fmt: str) -> None:
    data = export(store, fmt)
    assert isinstance(data, bytes)
    parsed = Graph().parse(data=data, format=RDF_FORMATS[fmt])
    expected = _store_union(store)
    assert len(parsed) == len(expected)
    assert isomorphic(parsed, expected)


# rdflib 7.6's own Dataset.parse calls its deprecated default_context
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_export_nquads_roundtrip_per_graph(store: KGStore) -> None:
    data = export(store, "nquads")
    assert isinstance(data, bytes)
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    parsed = {str(g.identifier): g for g in ds.graphs() if len(g)}
    expected = _store_graphs(store)
    assert set(parsed) == set(expected) == {T1, T2, str(META_GRAPH)}
    for name, graph in expected.items():
        assert isomorphic(parsed[name], graph), name


def test_export_turtle_uses_prefixes(store: KGStore) -> None:
    text = export(store, "turtle").decode("utf-8")
    assert "@prefix lk: <https://w3id.org/llmkg/ontology#>" in text
    assert "lk:distilledFrom" in text


def test_export_jsonld_embeds_context(store: KGStore) -> None:
    doc = json.loads(export(store, "jsonld"))
    assert isinstance(doc["@context"], dict)
    assert doc["@context"]["lk"] == "https://w3id.org/llmkg/ontology#"


@pytest.mark.parametrize("fmt", ["turtle", "nquads"])
def test_export_include_ontology(store: KGStore, fmt: str) -> None:
    without = export(store, fmt)
    with_ontology = export(store, fmt, include_ontology=True)
    assert b"owl:Ontology" not in without and b"2002/07/owl#Ontology" not in without
    assert b"owl:Ontology" in with_ontology or b"2002/07/owl#Ontology" in with_ontology
    if fmt == "nquads":
        assert str(ONTOLOGY_GRAPH).encode() in with_ontology
        assert str(ONTOLOGY_GRAPH).encode() not in without


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_writes_to_out(store: KGStore, fmt: str) -> None:
    buffer = io.BytesIO()
    assert export(store, fmt, out=buffer) is None
    assert buffer.getvalue() == export(store, fmt)


def test_export_to_networkx_graph(store: KGStore) -> None:
    g = to_networkx(store)
    assert g.number_of_nodes() == NODE_COUNT
    assert g.number_of_edges() == EDGE_COUNT
    assert g.nodes[LLAMA4]["type"] == "ModelFamily"
    assert g.nodes[SCOUT]["altLabels"] == "Llama-4-Scout|Scout"
    assert g.nodes[EVIL]["label"] == EVIL_LABEL
    (distilled,) = g.get_edge_data(SCOUT, BEHEMOTH).values()
    assert distilled["relation"] == "distilledFrom"
    assert distilled["sources"] == 2
    (result,) = g.get_edge_data(SCOUT, ID + "benchmark/mmlu").values()
    assert result["relation"] == "result"
    assert result["score"] == pytest.approx(79.6)
    assert result["metric"] == "accuracy"
    assert result["sources"] == 1
    (claim,) = g.get_edge_data(ID + "agent/whistleblower", LLAMA4).values()
    assert claim["relation"] == "claim:asserts"
    assert claim["sources"] == 1


@pytest.mark.parametrize("fmt", sorted(NX_READERS))
def test_export_xml_graph_rereads_with_same_ids(store: KGStore, fmt: str) -> None:
    data = export(store, fmt)
    reread = NX_READERS[fmt](io.BytesIO(data))
    original = to_networkx(store)
    assert set(reread.nodes) == set(original.nodes)
    assert reread.number_of_edges() == original.number_of_edges() == EDGE_COUNT
    relations = sorted(d["relation"] for _, _, d in reread.edges(data=True))
    assert relations == sorted(d["relation"] for _, _, d in original.edges(data=True))


@pytest.mark.parametrize("fmt", sorted(NX_READERS))
def test_export_control_character_gives_wellformed_xml(store: KGStore, fmt: str) -> None:
    data = export(store, fmt)
    assert b"\x0b" not in data
    ET.fromstring(data)  # raises ParseError on malformed XML
    reread = NX_READERS[fmt](io.BytesIO(data))
    assert reread.nodes[EVIL]["label"] == EVIL_LABEL.replace("\u000b", "")


def test_export_cytoscape_keeps_same_label_entities_apart(store: KGStore) -> None:
    doc = json.loads(export(store, "cytoscape"))
    nodes = [n["data"] for n in doc["elements"]["nodes"]]
    edges = [e["data"] for e in doc["elements"]["edges"]]
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) == NODE_COUNT
    mercury = {n["id"] for n in nodes if n["label"] == "Mercury"}
    assert mercury == {MERCURY_MODEL, MERCURY_HW}
    edge_ids = [e["id"] for e in edges]
    assert len(edge_ids) == len(set(edge_ids)) == EDGE_COUNT
    assert not set(edge_ids) & set(ids)
    for edge in edges:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["relation"]


def test_export_cytoscape_escapes_html(store: KGStore) -> None:
    data = export(store, "cytoscape")
    assert b"</script>" not in data and b"<" not in data
    labels = {n["data"]["id"]: n["data"]["label"] for n in json.loads(data)["elements"]["nodes"]}
    assert labels[EVIL] == EVIL_LABEL


def test_export_empty_store(store: KGStore) -> None:
    with open_store(None) as empty:
        assert json.loads(export(empty, "cytoscape")) == {"elements": {"nodes": [], "edges": []}}
        assert export(empty, "nquads") == b""
        assert len(Graph().parse(data=export(empty, "turtle"), format="turtle")) == 0


@pytest.mark.parametrize("fmt", ["rdfxml", "", "../../etc/passwd", "x" * 10_000, None, 3])
def test_export_unknown_format_raises(store: KGStore, fmt: object) -> None:
    with pytest.raises(InvalidInputError, match="unknown export format"):
        export(store, fmt)  # type: ignore[arg-type]


def test_export_format_is_case_insensitive(store: KGStore) -> None:
    assert export(store, "Turtle") == export(store, "turtle")
