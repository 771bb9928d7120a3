"""Specs for ``/export/{format}`` on a live server: every format parses back, whole or a subgraph."""

from __future__ import annotations

import io
import json
import warnings

import httpx
import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import LiveServer
from rdflib import Graph, URIRef

SCOUT = "https://w3id.org/llmkg/id/model/llama-4-scout"
BEHEMOTH = "https://w3id.org/llmkg/id/model/llama-4-behemoth"


def _export(server: LiveServer, fmt: str, **params: str) -> httpx.Response:
    r = httpx.get(f"{server.url}/export/{fmt}", params=params, timeout=120)
    assert r.status_code == 200, r.text
    return r


def _nodes(fmt: str, body: bytes) -> set[str]:
    if fmt in ("turtle", "jsonld"):
        g = Graph().parse(data=body, format="json-ld" if fmt == "jsonld" else "turtle")
        return {str(s) for s in g.subjects()}
    if fmt == "nquads":
        quads = list(ox.parse(body, format=ox.RdfFormat.N_QUADS))
        assert all(q.graph_name != ox.DefaultGraph() for q in quads), "every quad keeps its document graph"
        return {q.subject.value for q in quads}
    if fmt == "graphml":
        return set(nx.read_graphml(io.BytesIO(body)).nodes)
    if fmt == "gexf":
        return set(nx.read_gexf(io.BytesIO(body)).nodes)
    if fmt == "cytoscape":
        return {n["data"]["id"] for n in json.loads(body)["elements"]["nodes"]}
    import pydot

    with warnings.catch_warnings():  # pydot's parser trips pyparsing 3.3's deprecations on import
        warnings.simplefilter("ignore", DeprecationWarning)
        (graph,) = pydot.graph_from_dot_data(body.decode("utf-8"))
    return {n.get_name().strip('"') for n in graph.get_nodes()} - {"node", "edge", "graph"}


FORMATS = ["turtle", "nquads", "jsonld", "graphml", "gexf", "cytoscape", "dot"]
MEDIA = {"turtle": "text/turtle", "nquads": "application/n-quads", "jsonld": "application/ld+json",
         "graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
         "cytoscape": "application/json", "dot": "text/vnd.graphviz"}


@pytest.fixture(scope="module")
def whole() -> dict[str, set[str]]:
    """Node sets of the whole-graph exports, filled by the first test of each format."""
    return {}


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_whole_graph_in_every_format_parses_back(live_server: LiveServer, fmt: str,
                                                        whole: dict[str, set[str]]) -> None:
    r = _export(live_server, fmt)
    assert r.headers["content-type"].split(";")[0] == MEDIA[fmt]
    assert r.headers["content-disposition"].startswith("attachment; filename=\"llmkg.")
    nodes = whole[fmt] = _nodes(fmt, r.content)
    assert SCOUT in nodes and BEHEMOTH in nodes and len(nodes) > 200


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("selection", [{"lineage": "Llama 4 Scout"}, {"entity": SCOUT, "hops": "1"}])
def test_export_subgraph_is_smaller_and_holds_the_entity(live_server: LiveServer, fmt: str,
                                                         selection: dict[str, str],
                                                         whole: dict[str, set[str]]) -> None:
    if fmt not in whole:
        whole[fmt] = _nodes(fmt, _export(live_server, fmt).content)
    part = _nodes(fmt, _export(live_server, fmt, **selection).content)
    assert SCOUT in part and BEHEMOTH in part
    assert len(part) < len(whole[fmt])


@pytest.mark.parametrize(("params", "status"), [({"entity": "No Such Thing"}, 404),
                                                ({"entity": SCOUT, "hops": "9"}, 400),
                                                ({"entity": SCOUT, "lineage": SCOUT}, 400)])
def test_export_bad_selections_get_the_error_shape(live_server: LiveServer, params: dict[str, str],
                                                   status: int) -> None:
    r = httpx.get(f"{live_server.url}/export/turtle", params=params, timeout=30)
    assert r.status_code == status
    assert r.json()["ok"] is False and r.json()["status"] == status


@pytest.mark.parametrize("fmt", ["turtle"])
def test_export_subgraph_carries_the_source_sentences(live_server: LiveServer, fmt: str) -> None:
    g = Graph().parse(data=_export(live_server, fmt, lineage=SCOUT).content, format="turtle")
    oa_exact = URIRef("http://www.w3.org/ns/oa#exact")
    quotes = [str(o) for o in g.objects(None, oa_exact)]
    assert any("Behemoth" in q for q in quotes)
