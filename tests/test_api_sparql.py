"""Specs for ``/sparql``: the SPARQL 1.1 Protocol on a live ``llmkg serve``, with real clients.

Every test talks HTTP to a real uvicorn process (see ``LiveServer`` in conftest.py); the
clients are httpx, SPARQLWrapper and rdflib's SPARQLStore.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import httpx
import pytest
from conftest import LiveServer
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, RDFXML, TURTLE, SPARQLWrapper

SCOUT = "https://w3id.org/llmkg/id/model/llama-4-scout"
LK = "https://w3id.org/llmkg/ontology#"
LABEL_OF_SCOUT = f'SELECT ?label WHERE {{ <{SCOUT}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}'
CONSTRUCT_SCOUT = f"CONSTRUCT {{ <{SCOUT}> ?p ?o }} WHERE {{ <{SCOUT}> ?p ?o }}"


def _get(server: LiveServer, query: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"accept": accept} if accept else {}
    return httpx.get(server.url + "/sparql", params={"query": query, **params}, headers=headers, timeout=30)


def _assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body == {"ok": False, "status": status, "error": code, "message": body["message"]}
    assert body["message"]


# --------------------------------------------------------------------------- protocol and formats


@pytest.mark.parametrize("accept", [None, "application/sparql-results+json", "application/json", "*/*"])
def test_sparql_get_select_answers_json_by_default(live_server: LiveServer, accept: str | None) -> None:
    r = _get(live_server, LABEL_OF_SCOUT, accept)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    body = r.json()
    assert body["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in body["results"]["bindings"]] == ["Llama 4 Scout"]


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
])
def test_sparql_select_negotiates_xml_csv_tsv(live_server: LiveServer, accept: str, media: str) -> None:
    r = _get(live_server, LABEL_OF_SCOUT, accept)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    if media.endswith("xml"):
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(r.content)
        assert [e.text for e in root.iterfind(".//s:binding[@name='label']/s:literal", ns)] == ["Llama 4 Scout"]
    elif media == "text/csv":
        assert list(csv.reader(io.StringIO(r.text))) == [["label"], ["Llama 4 Scout"]]
    else:
        assert r.text.splitlines() == ["?label", '"Llama 4 Scout"']


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_sparql_construct_negotiates_rdf_formats_that_reparse_to_the_same_graph(
        live_server: LiveServer, accept: str, rdflib_format: str) -> None:
    r = _get(live_server, CONSTRUCT_SCOUT, accept)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == accept
    got = Graph().parse(data=r.content, format=rdflib_format)
    reference = Graph().parse(data=_get(live_server, CONSTRUCT_SCOUT, "application/n-triples").content,
                              format="nt")
    assert len(got) > 5
    assert (URIRef(SCOUT), URIRef(LK + "distilledFrom"),
            URIRef("https://w3id.org/llmkg/id/model/llama-4-behemoth")) in got
    assert isomorphic(got, reference)


@pytest.mark.parametrize("query", ["ASK { ?m lk:distilledFrom ?t }"])
def test_sparql_ask_answers_a_boolean(live_server: LiveServer, query: str) -> None:
    r = _get(live_server, query)
    assert r.status_code == 200
    assert r.json()["boolean"] is True


@pytest.mark.parametrize("kind", ["form", "sparql-query"])
def test_sparql_post_accepts_form_and_direct_query(live_server: LiveServer, kind: str) -> None:
    if kind == "form":
        r = httpx.post(live_server.url + "/sparql", data={"query": LABEL_OF_SCOUT}, timeout=30)
    else:
        r = httpx.post(live_server.url + "/sparql", content=LABEL_OF_SCOUT.encode(),
                       headers={"content-type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 200
    assert r.json()["results"]["bindings"][0]["label"]["value"] == "Llama 4 Scout"


def _a_document_graph(server: LiveServer) -> str:
    doc = httpx.get(server.url + "/api/documents", params={"limit": 1}, timeout=30).json()["items"][0]
    return doc["graph"]


@pytest.mark.parametrize("via", ["get", "post-form"])
def test_sparql_default_graph_uri_limits_the_default_graph(live_server: LiveServer, via: str) -> None:
    graph = _a_document_graph(live_server)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = int(_get(live_server, query).json()["results"]["bindings"][0]["n"]["value"])
    if via == "get":
        r = _get(live_server, query, **{"default-graph-uri": graph})
    else:
        r = httpx.post(live_server.url + "/sparql", data={"query": query, "default-graph-uri": graph}, timeout=30)
    one = int(r.json()["results"]["bindings"][0]["n"]["value"])
    direct = int(_get(live_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
                 .json()["results"]["bindings"][0]["n"]["value"])
    assert 0 < one == direct < whole


@pytest.mark.parametrize("query", ["SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"])
def test_sparql_named_graph_uri_limits_what_graph_ranges_over(live_server: LiveServer, query: str) -> None:
    graph = _a_document_graph(live_server)
    r = _get(live_server, query, **{"named-graph-uri": graph})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [graph]


# --------------------------------------------------------------------------- refusals
# (updates, media types, caps, deadlines and the rest of the hostile cases: test_hardening_sparql.py)


@pytest.mark.parametrize(("query", "status", "code"), [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400, "invalid_query"),
    ("SELECT * WHERE { ?s ?p }", 400, "invalid_query"),
    ("", 400, "invalid_query"),
])
def test_sparql_bad_queries_get_the_error_shape(live_server: LiveServer, query: str, status: int, code: str) -> None:
    _assert_error(_get(live_server, query), status, code)


@pytest.mark.parametrize(("query", "accept"), [(LABEL_OF_SCOUT, "image/png"), (CONSTRUCT_SCOUT, "text/csv")])
def test_sparql_unacceptable_formats_get_406(live_server: LiveServer, query: str, accept: str) -> None:
    _assert_error(_get(live_server, query, accept), 406, "not_acceptable")


# --------------------------------------------------------------------------- real clients


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparql_sparqlwrapper_select_construct_ask(live_server: LiveServer, method: str) -> None:
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setMethod(method)
    client.setQuery(LABEL_OF_SCOUT)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert [r["label"]["value"] for r in rows] == ["Llama 4 Scout"]
    client.setQuery(CONSTRUCT_SCOUT)
    client.setReturnFormat(RDFXML)
    graph = client.queryAndConvert()
    assert isinstance(graph, Graph) and (URIRef(SCOUT), None, None) in graph
    client.setReturnFormat(TURTLE)
    turtle = Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert isomorphic(turtle, graph)
    client.setQuery("ASK { ?m lk:distilledFrom ?t }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("returnformat", ["xml", "json"])
def test_sparql_rdflib_sparqlstore_reads_the_graph(live_server: LiveServer, returnformat: str) -> None:
    store = SPARQLStore(live_server.url + "/sparql", returnFormat=returnformat)
    graph = Graph(store=store)
    rows = list(graph.query(
        f"SELECT ?teacher WHERE {{ <{SCOUT}> <{LK}distilledFrom> ?teacher }}"))
    assert [str(r[0]) for r in rows] == ["https://w3id.org/llmkg/id/model/llama-4-behemoth"]
    assert (URIRef(SCOUT), URIRef(LK + "memberOfFamily"), URIRef("https://w3id.org/llmkg/id/model/llama-4")) in graph
    labels = list(graph.objects(URIRef(SCOUT), URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert [str(x) for x in labels] == ["Llama 4 Scout"]


@pytest.mark.parametrize("path", ["/sparql"])
def test_sparql_json_results_are_valid_w3c_json(live_server: LiveServer, path: str) -> None:
    r = httpx.get(live_server.url + path, params={
        "query": f"SELECT ?p ?o WHERE {{ <{SCOUT}> ?p ?o }}"})
    body = json.loads(r.content)
    kinds = {b["o"]["type"] for b in body["results"]["bindings"]}
    assert kinds <= {"uri", "literal", "bnode"} and {"uri", "literal"} <= kinds
    typed = [b["o"] for b in body["results"]["bindings"] if b["o"].get("datatype")]
    assert any(t["datatype"].endswith("#integer") for t in typed)
