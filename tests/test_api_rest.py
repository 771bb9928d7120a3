"""Specs for the REST lookups, the error shape, /health and the OpenAPI docs on a live server."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from conftest import LiveServer

SCOUT = "https://w3id.org/llmkg/id/model/llama-4-scout"
BEHEMOTH = "https://w3id.org/llmkg/id/model/llama-4-behemoth"
META = "https://w3id.org/llmkg/id/org/meta"


def _json(server: LiveServer, path: str, status: int = 200, **params: Any) -> Any:
    r = httpx.get(server.url + path, params=params, timeout=30)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def _assert_error(body: dict[str, Any], status: int, code: str) -> None:
    assert body == {"ok": False, "status": status, "error": code, "message": body["message"]}
    assert body["message"]


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(("q", "first"), [("Llama 4 Scout", "Llama 4 Scout"), ("scout", "Llama 4 Scout"),
                                          ("llama-4-maverick", "Llama 4 Maverick")])
def test_rest_search_finds_by_label_or_alias_exact_first(live_server: LiveServer, q: str, first: str) -> None:
    page = _json(live_server, "/api/entities", q=q)
    assert page["items"][0]["label"] == first
    assert page["total"] >= 1


@pytest.mark.parametrize(("q", "kind"), [("meta", "Organization"), ("llama", "ModelFamily")])
def test_rest_search_type_filter_keeps_only_that_type(live_server: LiveServer, q: str, kind: str) -> None:
    page = _json(live_server, "/api/entities", q=q, type=kind)
    assert page["items"] and all(kind in item["types"] for item in page["items"])


@pytest.mark.parametrize("limit", [2])
def test_rest_search_pages_cover_the_list_once(live_server: LiveServer, limit: int) -> None:
    first = _json(live_server, "/api/entities", q="llama", limit=limit)
    assert first["total"] > limit and first["next_offset"] == limit
    seen = []
    offset: int | None = 0
    while offset is not None:
        page = _json(live_server, "/api/entities", q="llama", limit=limit, offset=offset)
        seen += [i["iri"] for i in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == first["total"]


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"q": "llama", "type": "Spaceship"}, 400, "invalid_input"),
    ({"q": ""}, 400, "invalid_input"),
    ({"q": "---"}, 400, "invalid_input"),
    ({"q": "llama", "limit": 100000}, 400, "invalid_input"),
    ({"q": "llama", "offset": -1}, 400, "invalid_input"),
])
def test_rest_search_bad_parameters_get_400(live_server: LiveServer, params: dict[str, Any], status: int,
                                            code: str) -> None:
    _assert_error(_json(live_server, "/api/entities", status, **params), status, code)


@pytest.mark.parametrize("q", ['" } ; DROP ALL ; SELECT * { ?s ?p "', "<urn:x> ?p ?o", "\\\\u0022 )"])
def test_rest_search_text_never_becomes_sparql(live_server: LiveServer, q: str) -> None:
    before = _json(live_server, "/health")["quads"]
    page = _json(live_server, "/api/entities", q=q)
    assert page["items"] == []
    assert _json(live_server, "/health")["quads"] == before


# --------------------------------------------------------------------------- one entity


@pytest.mark.parametrize("params", [{"iri": SCOUT}, {"name": "Scout"}, {"name": "llama-4-scout"}])
def test_rest_entity_has_facts_each_with_a_source_sentence(live_server: LiveServer, params: dict[str, str]) -> None:
    e = _json(live_server, "/api/entity", **params)
    assert e["iri"] == SCOUT and e["label"] == "Llama 4 Scout" and "Model" in e["types"]
    assert "Scout" in e["alt_labels"]
    facts = {(f["predicate"], f["value"]) for f in e["facts"]}
    assert ("distilledFrom", BEHEMOTH) in facts
    assert ("developedBy", META) in facts
    assert ("activeParameters", "17000000000") in facts
    for fact in e["facts"]:
        assert fact["sources"], fact
        for src in fact["sources"]:
            assert src["quote"] and src["source"] and src["start"] < src["end"]


@pytest.mark.parametrize("iri", [META])
def test_rest_entity_lists_incoming_facts(live_server: LiveServer, iri: str) -> None:
    e = _json(live_server, "/api/entity", iri=iri)
    incoming = {(f["predicate"], f["value_label"]) for f in e["facts"] if f["direction"] == "in"}
    assert ("developedBy", "Llama 4 Scout") in incoming


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"iri": "https://w3id.org/llmkg/id/model/no-such-model"}, 404, "not_found"),
    ({"name": "No Such Model 9000"}, 404, "not_found"),
    ({"iri": "javascript:alert(1)"}, 400, "invalid_input"),
    ({"iri": "not an iri"}, 400, "invalid_input"),
    ({}, 400, "invalid_input"),
    ({"iri": SCOUT, "name": "Scout"}, 400, "invalid_input"),
])
def test_rest_entity_errors(live_server: LiveServer, params: dict[str, str], status: int, code: str) -> None:
    _assert_error(_json(live_server, "/api/entity", status, **params), status, code)


@pytest.mark.parametrize("hops", [1, 2])
def test_rest_neighbours_grow_with_hops_and_edges_join_listed_nodes(live_server: LiveServer, hops: int) -> None:
    g = _json(live_server, "/api/entity/neighbours", iri=SCOUT, hops=hops)
    nodes = {n["iri"] for n in g["nodes"]}
    assert SCOUT in nodes and BEHEMOTH in nodes and META in nodes
    assert all(e["source"] in nodes and e["target"] in nodes for e in g["edges"])
    if hops == 2:
        one = _json(live_server, "/api/entity/neighbours", iri=SCOUT, hops=1)
        assert len(g["nodes"]) > len(one["nodes"])


# --------------------------------------------------------------------------- lineage


def _edges(tree: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for edge in tree:
        out.append(edge)
        out += _edges(edge["next"])
    return out


@pytest.mark.parametrize("params", [{"name": "Llama 4 Scout"}, {"iri": SCOUT}])
def test_rest_lineage_has_the_teacher_and_the_family_with_sources(live_server: LiveServer,
                                                                 params: dict[str, str]) -> None:
    tree = _json(live_server, "/api/lineage", **params)
    assert tree["root"]["iri"] == SCOUT
    edges = {(e["subject"]["label"], e["relation"], e["object"]["label"]): e for e in _edges(tree["ancestors"])}
    assert ("Llama 4 Scout", "distilledFrom", "Llama 4 Behemoth") in edges
    assert ("Llama 4 Scout", "memberOfFamily", "Llama 4") in edges
    assert ("Llama 4", "successorOf", "Llama 3") in edges
    assert all(e["sources"] and e["sources"][0]["quote"] for e in edges.values())


@pytest.mark.parametrize("depth", [1])
def test_rest_lineage_depth_limits_the_tree(live_server: LiveServer, depth: int) -> None:
    tree = _json(live_server, "/api/lineage", iri=SCOUT, depth=depth)
    assert tree["ancestors"] and all(e["next"] == [] for e in tree["ancestors"])
    _assert_error(_json(live_server, "/api/lineage", 400, iri=SCOUT, depth=99), 400, "invalid_input")


# --------------------------------------------------------------------------- results, claims


@pytest.mark.parametrize("model", ["Llama 4 Maverick"])
def test_rest_results_of_a_model_with_sources(live_server: LiveServer, model: str) -> None:
    page = _json(live_server, "/api/results", model=model)
    assert page["total"] >= 2
    for r in page["items"]:
        assert r["model"]["label"] == model and r["benchmark"]["label"] and isinstance(r["score"], float)
        assert r["sources"] and r["sources"][0]["quote"]


@pytest.mark.parametrize("benchmark", ["MMLU"])
def test_rest_results_on_a_benchmark_best_first(live_server: LiveServer, benchmark: str) -> None:
    page = _json(live_server, "/api/results", benchmark=benchmark, limit=100)
    scores = [r["score"] for r in page["items"] if r["benchmark"]["label"] == benchmark]
    assert len(scores) >= 2 and scores == sorted(scores, reverse=True)
    _assert_error(_json(live_server, "/api/results", 400), 400, "invalid_input")


@pytest.mark.parametrize("about", ["Meta"])
def test_rest_claims_about_an_entity_with_stance_and_claimant(live_server: LiveServer, about: str) -> None:
    page = _json(live_server, "/api/claims", about=about, limit=200)
    assert page["total"] == len(page["items"]) > 0
    stances = {c["stance"] for c in page["items"]}
    assert {"asserts", "denies"} <= stances
    assert all(c["claimant_label"] and c["source"]["quote"] for c in page["items"])
    denies = _json(live_server, "/api/claims", about=about, stance="denies")
    assert denies["total"] >= 1 and all(c["stance"] == "denies" for c in denies["items"])
    _assert_error(_json(live_server, "/api/claims", 400, stance="maybe"), 400, "invalid_input")


@pytest.mark.parametrize("about", [None, "Grok 3", "Reflection 70B"])
def test_rest_contradictions_pair_a_denial_with_an_assertion(live_server: LiveServer, about: str | None) -> None:
    params = {"about": about} if about else {}
    page = _json(live_server, "/api/contradictions", **params)
    pairs = page["items"]
    assert pairs and page["total"] >= len(pairs) and page["offset"] == 0
    for p in pairs:
        assert p["denial"]["stance"] == "denies"
        assert p["assertion"]["stance"] in ("asserts", "acknowledges")
        assert p["denial"]["source"]["quote"] and p["assertion"]["source"]["quote"]


def test_rest_unknown_entity_hint_is_an_http_request(live_server: LiveServer) -> None:
    """A 404 for a name tells an HTTP client what to request, not a command to run (issue 17, 10)."""
    body = _json(live_server, "/api/entity", 404, name="Kestrel Nine")
    _assert_error(body, 404, "not_found")
    assert "GET /api/entities?q=Kestrel%20Nine" in body["message"] and "llmkg" not in body["message"]


def test_rest_contradictions_are_paginated_like_the_other_lists(live_server: LiveServer) -> None:
    whole = _json(live_server, "/api/contradictions")
    assert whole["total"] >= 2, whole
    first = _json(live_server, "/api/contradictions", limit=1)
    second = _json(live_server, "/api/contradictions", limit=1, offset=1)
    assert (first["total"], first["limit"], len(first["items"])) == (whole["total"], 1, 1)
    assert [first["items"][0], second["items"][0]] == whole["items"][:2]


def test_rest_contradiction_statements_end_on_a_whole_word(live_server: LiveServer) -> None:
    """A statement longer than the limit is cut after a word and marked "…", never mid-word."""
    items = _json(live_server, "/api/contradictions")["items"]
    assert items
    for item in items:
        if "·" in item["statement"]:  # "Subject · predicate · object": nothing cut
            continue
        last = item["statement"].rstrip("…").split()[-1]
        text = " ".join(c["source"]["quote"] for c in (item["denial"], item["assertion"]))
        assert re.search(rf"(?<!\w){re.escape(last)}(?!\w)", text), item["statement"]


# --------------------------------------------------------------------------- documents


@pytest.mark.parametrize("limit", [5])
def test_rest_documents_list_and_one_document_with_evidence_spans(live_server: LiveServer, limit: int) -> None:
    page = _json(live_server, "/api/documents", limit=limit)
    assert page["total"] >= 30 and len(page["items"]) == limit
    doc = next(d for d in page["items"] if d["facts"] > 0)
    detail = _json(live_server, "/api/document", iri=doc["iri"])
    assert detail["document"]["iri"] == doc["iri"]
    assert detail["entities"] and len(detail["facts"]) == doc["facts"]
    for f in detail["facts"]:
        assert f["quote"] and f["start"] < f["end"] and f["end"] - f["start"] == len(f["quote"])
    _assert_error(_json(live_server, "/api/document", 404, iri="https://w3id.org/llmkg/doc/nope"),
                  404, "not_found")


# --------------------------------------------------------------------------- service


@pytest.mark.parametrize("path", ["/health"])
def test_rest_health_reports_the_store(live_server: LiveServer, path: str) -> None:
    h = _json(live_server, path)
    assert h["ok"] is True and h["quads"] > 1000 and h["documents"] >= 30 and h["writable"] is False


@pytest.mark.parametrize(("method", "path", "status", "code"), [
    ("GET", "/no/such/route", 404, "not_found"),
    ("DELETE", "/api/entities", 405, "method_not_allowed"),
    ("GET", "/export/pdf", 400, "invalid_input"),
    ("POST", "/documents", 403, "forbidden"),
])
def test_rest_every_error_has_the_one_shape(live_server: LiveServer, method: str, path: str, status: int,
                                            code: str) -> None:
    r = httpx.request(method, live_server.url + path, timeout=30)
    assert r.status_code == status
    _assert_error(r.json(), status, code)


@pytest.mark.parametrize("path", ["/docs"])
def test_rest_openapi_docs_describe_every_route(live_server: LiveServer, path: str) -> None:
    assert "swagger" in httpx.get(live_server.url + path).text.lower()
    spec = _json(live_server, "/openapi.json")
    paths = set(spec["paths"])
    assert {"/sparql", "/health", "/api/entities", "/api/entity", "/api/entity/neighbours", "/api/lineage",
            "/api/results", "/api/claims", "/api/contradictions", "/api/documents", "/api/document",
            "/documents", "/export/{fmt}"} <= paths
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids)) and "get_lineage" in ids
    assert "ErrorBody" in spec["components"]["schemas"]


# --------------------------------------------------------------------------- analytics


@pytest.mark.parametrize(("kind", "measure"), [("lab", "degree"), ("model", "pagerank"), ("all", "betweenness")])
def test_rest_centrality_ranks_labs_and_models(live_server: LiveServer, kind: str, measure: str) -> None:
    ranked = _json(live_server, "/api/analytics/centrality", kind=kind, measure=measure, limit=5)
    assert len(ranked) == 5
    assert [r["score"] for r in ranked] == sorted((r["score"] for r in ranked), reverse=True)
    if kind == "lab":
        assert all(r["type"] == "Organization" for r in ranked)
        assert "Meta" in [r["label"] for r in ranked]
    _assert_error(_json(live_server, "/api/analytics/centrality", 400, measure="fame"), 400, "invalid_input")


@pytest.mark.parametrize("min_size", [2])
def test_rest_lineage_trees_hold_the_llama_lineage(live_server: LiveServer, min_size: int) -> None:
    trees = _json(live_server, "/api/analytics/trees", min_size=min_size)
    sizes = [t["size"] for t in trees]
    assert sizes == sorted(sizes, reverse=True) and min(sizes) >= min_size
    llama = next(t for t in trees if SCOUT in {m["iri"] for m in t["members"]})
    assert BEHEMOTH in {m["iri"] for m in llama["members"]}
    assert llama["roots"] and len(llama["edges"]) >= llama["size"] - 1
    summary = _json(live_server, "/api/analytics/summary")
    assert summary["lineage_trees"] >= len(trees) and summary["largest_tree"] == sizes[0]


@pytest.mark.parametrize("q", ["gpt 4o mini", "GPT-4o mini", "gpt4o(mini)", "4o (mini"])
def test_rest_search_ignores_punctuation_on_both_sides(q: str) -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from kg.lookups import search_entities
    from kg.stores import open_store

    with open_store(None) as store:
        g = URIRef("urn:llmkg-test:g")
        model = URIRef("https://w3id.org/llmkg/id/model/gpt-4o-mini")
        store.replace_document(URIRef("urn:llmkg-test:doc"), g, [
            (model, RDF.type, URIRef("https://w3id.org/llmkg/ontology#Model"), g), (model, RDFS.label, Literal("GPT-4o (mini)"), g)])
        page = search_entities(store, q)
        assert [m.iri for m in page.items] == [str(model)]
        assert search_entities(store, "gpt 4o maxi").items == []
