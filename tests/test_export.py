"""Tests for kg.export: RDF round trips, property-graph formats, DOT, subgraphs, bad inputs (bad-inputs.md E),
and the ``llmkg export`` command."""

from __future__ import annotations

import io
import json
import re
import shutil
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pydot
import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node
from spacy.language import Language
from typer.testing import CliRunner

from ingest.pipeline import run_ingest
from kg.errors import InvalidInputError, NotFoundError
from kg.export import FORMATS, MAX_HOPS, Subgraph, export, subgraph_entities, to_networkx
from kg.lineage import LINEAGE_PREDICATES
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, ONTOLOGY_GRAPH
from llmkg.cli import app

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


# =========================================================================== Graphviz DOT

SPECIAL_LABEL = 'He said "hi" \\ back\nslash <script>alert(1)</script>\u0007 end\\'
SPECIAL_CLEAN = SPECIAL_LABEL.replace("\u0007", "")
NON_NODES = {"node", "edge", "graph"}


def _undot(value: str) -> str:
    """Decode a DOT quoted string as kg.export writes it (``\\n`` is a line break)."""
    assert value.startswith('"') and value.endswith('"'), value
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value[1:-1],
                  flags=re.DOTALL)


def _parse_dot(data: bytes) -> pydot.Dot:
    """Parse DOT with pydot (whose parser module, on import, trips pyparsing 3.3's deprecations)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        graphs = pydot.graph_from_dot_data(data.decode("utf-8"))
    assert graphs is not None and len(graphs) == 1
    return graphs[0]


def _dot_view(data: bytes) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    """Nodes (id -> (label, type)) and sorted edges (source, target, relation) of a DOT export."""
    dot = _parse_dot(data)
    nodes = {_undot(n.get_name()): (_undot(n.get("label")), _undot(n.get("type")))
             for n in dot.get_nodes() if n.get_name() not in NON_NODES}
    edges = sorted((_undot(e.get_source()), _undot(e.get_destination()), _undot(e.get("relation")))
                   for e in dot.get_edges())
    return nodes, edges


def _insert_special_label(store: KGStore) -> None:
    label = Literal(SPECIAL_LABEL).n3()
    store.ox.update(
        "PREFIX lk: <https://w3id.org/llmkg/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f"INSERT DATA {{ GRAPH <{T1}> {{ <{ID}model/special> a lk:Model ; rdfs:label {label} ; "
        f"lk:developedBy <{ID}org/meta> }} }}")


@pytest.mark.parametrize("fmt", ["dot"])
def test_export_dot_parses_with_same_nodes_and_edges(store: KGStore, fmt: str) -> None:
    nodes, edges = _dot_view(export(store, fmt))
    original = to_networkx(store)
    assert set(nodes) == set(original.nodes)
    assert {n: d for n, (d, _) in nodes.items() if n != EVIL} == {
        n: data["label"] for n, data in original.nodes(data=True) if n != EVIL}
    assert edges == sorted((u, v, d["relation"]) for u, v, d in original.edges(data=True))


@pytest.mark.parametrize("fmt", ["dot"])
def test_export_dot_reads_with_networkx(store: KGStore, fmt: str) -> None:
    reread = nx.nx_pydot.from_pydot(_parse_dot(export(store, fmt)))
    original = to_networkx(store)
    assert set(reread.nodes) == set(original.nodes)
    assert reread.number_of_edges() == original.number_of_edges() == EDGE_COUNT


@pytest.mark.parametrize(("iri", "shape"), [(SCOUT, "box"), (LLAMA4, "folder"),
                                            (ID + "org/meta", "house"), (ID + "benchmark/mmlu", "note")])
def test_export_dot_shapes_nodes_by_type(store: KGStore, iri: str, shape: str) -> None:
    (node,) = _parse_dot(export(store, "dot")).get_node(f'"{iri}"')
    assert _undot(node.get("shape")) == shape
    assert _undot(node.get("fillcolor")).startswith("#")


@pytest.mark.parametrize("relation", ["distilledFrom"])
def test_export_dot_labels_edges_with_the_relation(store: KGStore, relation: str) -> None:
    (edge,) = _parse_dot(export(store, "dot")).get_edge(f'"{SCOUT}"', f'"{BEHEMOTH}"')
    assert _undot(edge.get("label")) == _undot(edge.get("relation")) == relation


@pytest.mark.parametrize("fmt", ["dot", "graphml", "gexf"])
def test_export_special_label_gives_wellformed_file(store: KGStore, fmt: str) -> None:
    _insert_special_label(store)
    data = export(store, fmt)
    assert b"\x07" not in data
    special = ID + "model/special"
    if fmt == "dot":
        nodes, _ = _dot_view(data)
        assert nodes[special][0] == SPECIAL_CLEAN
        assert nodes[EVIL][0] == EVIL_LABEL.replace("\u000b", "")
        assert "\n" not in data.decode("utf-8").split(f'"{special}"', 1)[1].split("\n", 1)[0]
    else:
        ET.fromstring(data)
        assert NX_READERS[fmt](io.BytesIO(data)).nodes[special]["label"] == SPECIAL_CLEAN


@pytest.mark.parametrize(("value", "expected"), [
    ('a"b', '"a\\"b"'), ("a\\b", '"a\\\\b"'), ("a\nb", '"a\\nb"'), ("a\r\nb", '"a\\nb"'),
    ("a\x00\x1b\x7f\x85b", '"ab"'), ("<b>x</b>", '"<b>x</b>"'), ("\\", '"\\\\"'),
    ("a\tb", '"a b"')])
def test_export_dot_string_escapes(value: str, expected: str) -> None:
    from kg.export import _dot_string

    assert _dot_string(value) == expected
    assert _undot(_dot_string(value)) == _undot(expected)


# =========================================================================== subgraphs


def _doc_quads(store: KGStore) -> list[tuple[Node, Node, Node, str]]:
    """Every quad of the document graphs (not the metadata, ontology or default graph)."""
    skip = {str(ONTOLOGY_GRAPH), str(META_GRAPH)}
    return [(_rd(q.subject), _rd(q.predicate), _rd(q.object), q.graph_name.value) for q in store.ox
            if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value not in skip]


def _expected_entities(store: KGStore, subgraph: Subgraph) -> set[str]:
    """The entities a subgraph selects, computed with networkx on the whole graph."""
    if subgraph.kind == "neighbourhood":
        return set(nx.ego_graph(to_networkx(store), subgraph.iri, radius=subgraph.hops,
                                undirected=True))
    lineage = nx.DiGraph()
    lineage.add_node(subgraph.iri)
    lineage.add_edges_from((str(s), str(o)) for s, p, o, _ in _doc_quads(store)
                           if str(p) in {LK + x for x in LINEAGE_PREDICATES} and isinstance(o, URIRef))
    return {subgraph.iri} | nx.ancestors(lineage, subgraph.iri) | nx.descendants(lineage, subgraph.iri)


def _expected_selection(store: KGStore, entities: set[str]) -> dict[str, Graph]:
    """The RDF a subgraph export holds, by graph, computed in plain Python from every quad."""
    quads = _doc_quads(store)
    chosen = {q for q in quads if str(q[0]) in entities}
    links: dict[Node, dict[str, set[str]]] = {}
    for s, p, o, _ in quads:
        links.setdefault(s, {}).setdefault(str(p), set()).add(str(o))

    def joins(s: Node, one: str, other: str) -> bool:
        return bool(links[s].get(LK + one, set()) & entities
                    and links[s].get(LK + other, set()) & entities)

    nodes = {s for s in links if isinstance(s, URIRef)
             and (joins(s, "evaluatedModel", "onBenchmark") or joins(s, "claimant", "about"))}
    node_quads = {q for q in quads if q[0] in nodes}
    extra = {q[2] for q in node_quads if str(q[1]) in (LK + "proposition", LK + "evidence")}
    graphs: dict[str, Graph] = {}
    for s, p, o, g in quads:
        graphs.setdefault(g, Graph()).add((s, p, o))
    for g, graph in graphs.items():
        for ev in graph.subjects(RDF.type, URIRef(LK + "Evidence")):
            statement = (graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate),
                         graph.value(ev, RDF.object), g)
            if statement in chosen:
                extra.add(ev)
    selected = chosen | node_quads | {q for q in quads if q[0] in extra}
    selectors = {(o, g) for s, p, o, g in quads if s in extra and str(p) == OA + "hasSelector"}
    selected |= {q for q in quads if (q[0], q[3]) in selectors}
    out: dict[str, Graph] = {}
    for s, p, o, g in selected:
        out.setdefault(g, Graph()).add((s, p, o))
    return out


def _union(graphs: dict[str, Graph]) -> Graph:
    union = Graph()
    for graph in graphs.values():
        for triple in graph:
            union.add(triple)
    return union


def _expected_rdf(store: KGStore, subgraph: Subgraph | None) -> dict[str, Graph]:
    if subgraph is None:
        return _store_graphs(store)
    return _expected_selection(store, _expected_entities(store, subgraph))


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory: pytest.TempPathFactory, nlp: Language, corpus_dir: Path) -> Path:
    """A closed on-disk store of five corpus documents (Llama 3, Llama 4, DeepSeek-R1)."""
    path = tmp_path_factory.mktemp("export-corpus") / "store"
    with open_store(path) as kg_store:
        report = run_ingest([corpus_dir / name for name in CORPUS_FILES],
                            settings=Settings(store=path), store=kg_store, nlp=nlp)
    assert report.failed == []
    return path


@pytest.fixture(scope="module")
def few(corpus_path: Path) -> Iterator[KGStore]:
    """The five-document store, opened read-only for this module's library tests."""
    with open_store(corpus_path, read_only=True) as kg_store:
        yield kg_store


@pytest.fixture(scope="module")
def cli_store(corpus_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the five-document store for the CLI (which opens, and locks, its own store)."""
    copy = tmp_path_factory.mktemp("export-cli") / "store"
    shutil.copytree(corpus_path, copy)
    return copy


CORPUS_FILES = ("02-llama-3-release.txt", "04-llama-4-release.md", "07-llama4-controversy-news.txt",
                "10-deepseek-r1-release.md", "12-deepseek-r1-distill-qwen-32b-card.md")
LK = "https://w3id.org/llmkg/ontology#"
OA = "http://www.w3.org/ns/oa#"
R1 = ID + "model/deepseek-r-1"
MAVERICK = ID + "model/llama-4-maverick"
SELECTIONS = [
    pytest.param(None, id="whole"),
    pytest.param(Subgraph("neighbourhood", SCOUT), id="scout-1-hop"),
    pytest.param(Subgraph("neighbourhood", SCOUT, hops=2), id="scout-2-hops"),
    pytest.param(Subgraph("lineage", SCOUT), id="scout-lineage"),
    pytest.param(Subgraph("lineage", R1), id="r1-lineage"),
]
PROPERTY_READERS = ["graphml", "gexf", "cytoscape", "dot"]


def _property_view(fmt: str, data: bytes) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    """Nodes (id -> (label, type)) and sorted edges (source, target, relation) of an export."""
    if fmt == "dot":
        return _dot_view(data)
    if fmt == "cytoscape":
        doc = json.loads(data)
        nodes = {n["data"]["id"]: (n["data"]["label"], n["data"]["type"])
                 for n in doc["elements"]["nodes"]}
        edges = [(e["data"]["source"], e["data"]["target"], e["data"]["relation"])
                 for e in doc["elements"]["edges"]]
        return nodes, sorted(edges)
    graph = NX_READERS[fmt](io.BytesIO(data))
    nodes = {n: (d["label"], d.get("type", "")) for n, d in graph.nodes(data=True)}
    return nodes, sorted((u, v, d["relation"]) for u, v, d in graph.edges(data=True))


def _networkx_view(graph: nx.MultiDiGraph) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    nodes = {n: (d["label"], d["type"]) for n, d in graph.nodes(data=True)}
    return nodes, sorted((u, v, d["relation"]) for u, v, d in graph.edges(data=True))


@pytest.mark.parametrize("subgraph", SELECTIONS)
@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_corpus_rdf_roundtrip_is_isomorphic(few: KGStore, fmt: str,
                                                   subgraph: Subgraph | None) -> None:
    parsed = Graph().parse(data=export(few, fmt, subgraph=subgraph), format=RDF_FORMATS[fmt])
    expected = _union(_expected_rdf(few, subgraph))
    assert len(parsed) == len(expected) > 0
    assert isomorphic(parsed, expected)


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("subgraph", SELECTIONS)
def test_export_corpus_nquads_roundtrip_keeps_graphs(few: KGStore, subgraph: Subgraph | None) -> None:
    ds = Dataset()
    ds.parse(data=export(few, "nquads", subgraph=subgraph), format="nquads")
    parsed = {str(g.identifier): g for g in ds.graphs() if len(g)}
    expected = _expected_rdf(few, subgraph)
    assert set(parsed) == set(expected)
    for name, graph in expected.items():
        assert isomorphic(parsed[name], graph), name


@pytest.mark.parametrize("subgraph", SELECTIONS)
@pytest.mark.parametrize("fmt", PROPERTY_READERS)
def test_export_corpus_property_graph_roundtrip(few: KGStore, fmt: str,
                                                subgraph: Subgraph | None) -> None:
    nodes, edges = _property_view(fmt, export(few, fmt, subgraph=subgraph))
    expected_nodes, expected_edges = _networkx_view(to_networkx(few, subgraph=subgraph))
    assert nodes == expected_nodes
    assert edges == expected_edges
    assert len(nodes) > 1 and edges


@pytest.mark.parametrize("subgraph", SELECTIONS[1:])
def test_export_subgraph_is_the_induced_subgraph(few: KGStore, subgraph: Subgraph) -> None:
    whole = to_networkx(few)
    expected = whole.subgraph(_expected_entities(few, subgraph))
    part = to_networkx(few, subgraph=subgraph)
    assert dict(part.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(part.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


@pytest.mark.parametrize(("subgraph", "inside", "outside"), [
    (Subgraph("lineage", SCOUT), {SCOUT, LLAMA4, BEHEMOTH, ID + "model/llama-3"}, {MAVERICK, ID + "org/meta"}),
    (Subgraph("neighbourhood", SCOUT), {SCOUT, LLAMA4, BEHEMOTH, ID + "org/meta"}, {MAVERICK}),
    (Subgraph("neighbourhood", SCOUT, hops=2), {MAVERICK, ID + "model/llama-3"}, {R1}),
])
def test_export_subgraph_entities_selects(few: KGStore, subgraph: Subgraph, inside: set[str],
                                          outside: set[str]) -> None:
    selected = subgraph_entities(few, subgraph)
    assert inside <= selected
    assert not outside & selected


@pytest.mark.parametrize("hops", range(1, MAX_HOPS))
def test_export_subgraph_neighbourhood_grows_with_hops(few: KGStore, hops: int) -> None:
    near = subgraph_entities(few, Subgraph("neighbourhood", SCOUT, hops=hops))
    far = subgraph_entities(few, Subgraph("neighbourhood", SCOUT, hops=hops + 1))
    assert near <= far


@pytest.mark.parametrize("relation", ["distilledFrom"])
def test_export_subgraph_brings_the_source_sentence(few: KGStore, relation: str) -> None:
    data = export(few, "turtle", subgraph=Subgraph("neighbourhood", SCOUT))
    graph = Graph().parse(data=data, format="turtle")
    fact = (URIRef(SCOUT), URIRef(LK + relation), URIRef(BEHEMOTH))
    assert fact in graph
    evidence = [ev for ev in graph.subjects(RDF.subject, fact[0])
                if (ev, RDF.predicate, fact[1]) in graph and (ev, RDF.object, fact[2]) in graph]
    assert evidence
    quotes = {str(q) for ev in evidence for sel in graph.objects(ev, URIRef(OA + "hasSelector"))
              for q in graph.objects(sel, URIRef(OA + "exact"))}
    assert any("distilled from Behemoth" in q for q in quotes)


@pytest.mark.parametrize("subgraph", SELECTIONS[1:])
def test_export_subgraph_nquads_only_document_graphs(few: KGStore, subgraph: Subgraph) -> None:
    graphs = {line.rsplit(" ", 2)[-2] for line in export(few, "nquads", subgraph=subgraph).decode().splitlines()}
    assert graphs and all(g.startswith("<https://w3id.org/llmkg/graph/") for g in graphs)
    assert f"<{META_GRAPH}>" not in graphs and f"<{ONTOLOGY_GRAPH}>" not in graphs


@pytest.mark.parametrize("fmt", ["nquads", "turtle"])
def test_export_subgraph_include_ontology(store: KGStore, fmt: str) -> None:
    subgraph = Subgraph("neighbourhood", SCOUT)
    assert b"2002/07/owl#Ontology" not in export(store, fmt, subgraph=subgraph)
    with_ontology = export(store, fmt, subgraph=subgraph, include_ontology=True)
    assert b"owl:Ontology" in with_ontology or b"2002/07/owl#Ontology" in with_ontology


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("subgraph", [Subgraph("neighbourhood", SCOUT), Subgraph("lineage", SCOUT)])
def test_export_subgraph_on_hand_built_store_is_isomorphic(store: KGStore, subgraph: Subgraph) -> None:
    """The hand-built store has a blank-node selector (and no materialised default graph)."""
    data = export(store, "nquads", subgraph=subgraph)
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    parsed = {str(g.identifier): g for g in ds.graphs() if len(g)}
    expected = _expected_selection(store, _expected_entities(store, subgraph))
    assert set(parsed) == set(expected) == {T1, T2}
    for name, graph in expected.items():
        assert isomorphic(parsed[name], graph), name
    assert b"Scout was distilled from Behemoth" in data


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_subgraph_unknown_entity_raises(store: KGStore, fmt: str) -> None:
    buffer = io.BytesIO()
    with pytest.raises(NotFoundError, match="Unknown entity"):
        export(store, fmt, subgraph=Subgraph("neighbourhood", ID + "model/nope"), out=buffer)
    assert buffer.getvalue() == b""


@pytest.mark.parametrize(("kind", "iri", "hops"), [
    ("neighborhood", SCOUT, 1), ("everything", SCOUT, 1), ("lineage", "Llama 4 Scout", 1),
    ("neighbourhood", "http://a> } ; DROP ALL ; <x", 1), ("neighbourhood", SCOUT, 0),
    ("neighbourhood", SCOUT, MAX_HOPS + 1), ("neighbourhood", SCOUT, True), ("neighbourhood", SCOUT, "2"),
])
def test_export_subgraph_rejects_bad_arguments(kind: str, iri: str, hops: int) -> None:
    with pytest.raises(InvalidInputError):
        Subgraph(kind, iri, hops=hops)  # type: ignore[arg-type]


@pytest.mark.parametrize("subgraph", ["lineage", (SCOUT, 1)])
def test_export_subgraph_must_be_a_subgraph(store: KGStore, subgraph: object) -> None:
    with pytest.raises(InvalidInputError, match="Subgraph"):
        export(store, "turtle", subgraph=subgraph)  # type: ignore[arg-type]


# =========================================================================== the export command

runner = CliRunner()


@pytest.mark.parametrize(("args", "fmt", "subgraph"), [
    (["--lineage", "Llama 4 Scout"], "dot", Subgraph("lineage", SCOUT)),
    (["--entity", "Llama 4 Scout", "--hops", "2"], "nquads", Subgraph("neighbourhood", SCOUT, hops=2)),
    (["--entity", SCOUT], "turtle", Subgraph("neighbourhood", SCOUT)),
    (["--lineage", R1], "cytoscape", Subgraph("lineage", R1)),
    (["--entity", "Llama 4 Scout"], "jsonld", Subgraph("neighbourhood", SCOUT)),
    ([], "dot", None),
])
def test_export_cli_prints_what_the_library_exports(cli_store: Path, few: KGStore, args: list[str],
                                                    fmt: str, subgraph: Subgraph | None) -> None:
    result = runner.invoke(app, ["export", "--store", str(cli_store), "--format", fmt, *args])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == export(few, fmt, subgraph=subgraph)


@pytest.mark.parametrize("fmt", ["dot", "graphml"])
def test_export_cli_lineage_to_file(cli_store: Path, few: KGStore, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"lineage.{fmt}"
    result = runner.invoke(app, ["export", "--store", str(cli_store), "-f", fmt, "--lineage",
                                 "Llama 4 Scout", "-o", str(out)])
    assert result.exit_code == 0, result.output
    nodes, _ = _property_view(fmt, out.read_bytes())
    assert set(nodes) == set(subgraph_entities(few, Subgraph("lineage", SCOUT)))


@pytest.mark.parametrize(("args", "code"), [
    (["--entity", "Llama 4 Scout", "--lineage", "Llama 4 Scout"], 2),
    (["--hops", "2"], 2),
    (["--entity", "Llama 4 Scout", "--hops", "0"], 2),
    (["--entity", "Llama 4 Scout", "--hops", str(MAX_HOPS + 1)], 2),
    (["--entity", "No Such Model 9000"], 3),
    (["--lineage", "No Such Model 9000"], 3),
    (["--entity", "http://a> } ; DROP ALL ; <x"], 2),
    (["--lineage", ID + "model/no-such-model"], 3),
])
def test_export_cli_subgraph_error_is_one_line(cli_store: Path, args: list[str], code: int) -> None:
    result = runner.invoke(app, ["export", "--store", str(cli_store), "-f", "dot", *args])
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert result.stdout == ""
