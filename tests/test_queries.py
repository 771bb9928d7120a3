"""Specs for kg.queries: result formats, the SERVICE/LOAD guard, the union semantics, stats.

The sample corpus is ingested once per module (through the CLI, from the repository root);
the union test ingests two small documents of its own.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from spacy.language import Language

from ingest.pipeline import run_ingest
from kg.errors import InvalidInputError, InvalidQueryError
from kg.queries import check_query, run_query, stats
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store

REPO = Path(__file__).resolve().parents[1]
SCOUT = "https://w3id.org/llmkg/id/model/llama-4-scout"
SELECT = f"SELECT ?l WHERE {{ <{SCOUT}> rdfs:label ?l }}"
ASK = f"ASK {{ <{SCOUT}> a lk:Model }}"
CONSTRUCT = f"CONSTRUCT {{ <{SCOUT}> rdfs:label ?l }} WHERE {{ <{SCOUT}> rdfs:label ?l }}"
SCOUT_TRIPLE = (rdflib.URIRef(SCOUT), rdflib.RDFS.label, rdflib.Literal("Llama 4 Scout"))




# --------------------------------------------------------------------------- run_query formats


def _json(out: str) -> list[str]:
    data = json.loads(out)
    assert data["head"]["vars"] == ["l"]
    return [b["l"]["value"] for b in data["results"]["bindings"]]


def _xml(out: str) -> list[str]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    return [e.text or "" for e in ET.fromstring(out).findall(".//r:literal", ns)]


def _csv(out: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["l"]
    return [r[0] for r in rows[1:]]


def _tsv(out: str) -> list[str]:
    lines = out.splitlines()
    assert lines[0] == "?l"
    return [line.strip('"') for line in lines[1:]]


def _table(out: str) -> list[str]:
    lines = out.splitlines()
    assert lines[0].strip() == "l" and lines[-1] == "(1 row)"
    return [line.strip() for line in lines[2:-1]]


@pytest.mark.parametrize(("fmt", "values"), [("json", _json), ("xml", _xml), ("csv", _csv),
                                             ("tsv", _tsv), ("table", _table)])
def test_queries_run_query_select_formats(corpus: KGStore, fmt: str,
                                          values: Callable[[str], list[str]]) -> None:
    assert values(run_query(corpus, SELECT, fmt=fmt)) == ["Llama 4 Scout"]


@pytest.mark.parametrize(("fmt", "expected"), [("json", '"boolean":true'), ("table", "true"),
                                               ("xml", "<boolean>true</boolean>")])
def test_queries_run_query_ask_formats(corpus: KGStore, fmt: str, expected: str) -> None:
    assert expected in run_query(corpus, ASK, fmt=fmt).replace(" ", "")


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("ntriples", "nt"),
                                                    ("table", "nt")])
def test_queries_run_query_construct_formats(corpus: KGStore, fmt: str,
                                             rdflib_format: str) -> None:
    graph = rdflib.Graph().parse(data=run_query(corpus, CONSTRUCT, fmt=fmt),
                                 format=rdflib_format)
    assert set(graph) == {SCOUT_TRIPLE}


@pytest.mark.parametrize("fmt", ["nquads"])
def test_queries_run_query_construct_nquads(corpus: KGStore, fmt: str) -> None:
    quads = list(ox.parse(run_query(corpus, CONSTRUCT, fmt=fmt).encode("utf-8"),
                          format=ox.RdfFormat.N_QUADS))
    assert [(q.subject.value, q.predicate.value, q.object.value) for q in quads] == [
        tuple(str(t) for t in SCOUT_TRIPLE)]
    assert all(q.graph_name == ox.DefaultGraph() for q in quads)


@pytest.mark.parametrize(("query", "fmt"), [(SELECT, "turtle"), (SELECT, "nquads"),
                                            (CONSTRUCT, "json"), (CONSTRUCT, "csv"),
                                            (SELECT, "bogus")])
def test_queries_run_query_format_unfit_for_query_raises(corpus: KGStore, query: str,
                                                         fmt: str) -> None:
    with pytest.raises(InvalidInputError):
        run_query(corpus, query, fmt=fmt)


@pytest.mark.parametrize("query", ["SELECT * WHERE {", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                   "DROP ALL", "not sparql at all"])
def test_queries_run_query_bad_or_update_query_raises_invalid_query(
        corpus: KGStore, snapshot: Callable[[KGStore], tuple[int, str]], query: str) -> None:
    before = snapshot(corpus)
    with pytest.raises(InvalidQueryError):
        run_query(corpus, query)
    assert snapshot(corpus) == before


# --------------------------------------------------------------------------- check_query


@pytest.mark.parametrize("query", [
    pytest.param("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                 id="upper"),
    pytest.param("select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
                 id="lower"),
    pytest.param("SELECT * WHERE { SeRvIcE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
                 id="mixed-silent"),
    pytest.param("SELECT * WHERE { ?s ?p ?o { OPTIONAL { { SERVICE <http://x.org/> "
                 "{ ?s ?p ?o } } } } }", id="nested-group"),
    pytest.param("SELECT * WHERE {\n  SERVICE\n<http://example.org/sparql>\n{ ?s ?p ?o } }",
                 id="newlines"),
    pytest.param("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", id="variable-endpoint"),
    pytest.param('SELECT * WHERE { ?s ?p "x" . SERVICE <http://x.org/> { ?s ?p ?o } }',
                 id="after-a-string"),
    pytest.param("PREFIX ex: <http://x.org/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
                 id="prefixed-endpoint"),
])
def test_queries_check_query_refuses_service(query: str) -> None:
    with pytest.raises(InvalidQueryError, match="SERVICE"):
        check_query(query)


@pytest.mark.parametrize("query", [
    "LOAD <http://example.org/data.ttl>",
    "load <file:///etc/passwd> INTO GRAPH <urn:g>",
    "LOAD SILENT <http://example.org/data.ttl>",
])
def test_queries_check_query_refuses_load(query: str) -> None:
    with pytest.raises(InvalidQueryError, match="LOAD"):
        check_query(query)


@pytest.mark.parametrize("query", [
    pytest.param('SELECT * WHERE { ?s rdfs:label "customer service" }', id="double-quoted"),
    pytest.param("SELECT * WHERE { ?s rdfs:label 'SERVICE' }", id="single-quoted"),
    pytest.param('SELECT * WHERE { ?s rdfs:label """LOAD\nSERVICE""" }', id="long-string"),
    pytest.param("SELECT * WHERE { ?s rdfs:label '''load it''' }", id="long-single"),
    pytest.param('SELECT * WHERE { ?s rdfs:label "say \\"SERVICE\\" twice" }', id="escaped-quote"),
    pytest.param("SELECT * WHERE { <http://example.org/service> ?p ?o }", id="iri"),
    pytest.param("SELECT * WHERE { ?s ?p <http://example.org/load#SERVICE> }", id="iri-fragment"),
    pytest.param("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x.org/>", id="comment"),
])
def test_queries_check_query_allows_keyword_inside_literal_or_iri(query: str) -> None:
    check_query(query)


@pytest.mark.parametrize("query", [
    pytest.param("SELECT ?service WHERE { ?service a lk:Model }", id="variable"),
    pytest.param("SELECT * WHERE { ?s lk:load ?o }", id="prefixed-name"),
])
def test_queries_check_query_allows_service_as_a_name(query: str) -> None:
    check_query(query)


@pytest.mark.parametrize("query", [
    "SELECT * { VALUES ?x { <http://example.org/> } FILTER(1<2)SERVICE?x{?s?p?o}FILTER(3>2) }"])
def test_queries_check_query_refuses_service_between_comparisons(query: str) -> None:
    with pytest.raises(InvalidQueryError, match="SERVICE"):
        check_query(query)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"])
def test_queries_run_query_refuses_service_before_running(mem_store: KGStore, query: str) -> None:
    with pytest.raises(InvalidQueryError, match="not allowed"):
        run_query(mem_store, query)


# --------------------------------------------------------------------------- union semantics


@pytest.fixture
def two_documents_store(tmp_path: Path, nlp: Language) -> Iterator[KGStore]:
    """A store with two small documents that both state "Meta released Llama 4."."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Meta released Llama 4.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Big news today.\n\nMeta released Llama 4.\n", encoding="utf-8")
    settings = Settings(store=tmp_path / "store")
    with open_store(settings.store) as kg_store:
        report = run_ingest([docs], settings=settings, store=kg_store, nlp=nlp)
        assert [o.status for o in report.outcomes] == ["added", "added"]
        yield kg_store


DEVELOPED_BY = "SELECT ?o WHERE { <https://w3id.org/llmkg/id/model/llama-4> lk:developedBy ?o }"
STATED_IN = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { <https://w3id.org/llmkg/id/model/llama-4> "
             "lk:developedBy ?o } FILTER(?g != <https://w3id.org/llmkg/graph/meta>) }")


@pytest.mark.parametrize("query", [STATED_IN])
def test_queries_both_documents_state_the_fact(two_documents_store: KGStore, query: str) -> None:
    assert len(two_documents_store.select(query)) == 2


@pytest.mark.parametrize("query", [DEVELOPED_BY])
def test_queries_union_returns_each_fact_once(two_documents_store: KGStore, query: str) -> None:
    rows = json.loads(run_query(two_documents_store, query))["results"]["bindings"]
    assert [r["o"]["value"] for r in rows] == ["https://w3id.org/llmkg/id/org/meta"]


# --------------------------------------------------------------------------- stats


@pytest.mark.parametrize("key", ["documents"])
def test_queries_stats_counts_documents(corpus: KGStore, corpus_sources: dict[str, str],
                                        key: str) -> None:
    assert stats(corpus)[key] == len(corpus_sources)


@pytest.mark.parametrize("key", ["quads"])
def test_queries_stats_counts_quads(corpus: KGStore, key: str) -> None:
    assert stats(corpus)[key] == len(corpus)


@pytest.mark.parametrize("entity_type", ["ModelFamily", "Organization", "Benchmark", "Person"])
def test_queries_stats_counts_entities_by_type(corpus: KGStore, entity_type: str) -> None:
    expected = corpus.select(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a "
        f"<https://w3id.org/llmkg/ontology#{entity_type}> }} "
        "FILTER(?g NOT IN (<https://w3id.org/llmkg/graph/meta>, "
        "<https://w3id.org/llmkg/graph/ontology>)) }")[0]["n"]
    assert expected > 0
    assert stats(corpus)["entities"][entity_type] == expected


def test_queries_stats_counts_a_family_once_as_a_family(corpus: KGStore) -> None:
    """A family is typed lk:Model and lk:ModelFamily; it is counted under its most specific type."""
    def count(q: str) -> int:
        return int(corpus.select(q)[0]["n"])

    typed_model = count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a lk:Model } "
                        "FILTER(?g != <https://w3id.org/llmkg/graph/ontology>) }")
    both = count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a lk:Model } GRAPH ?h { ?e a "
                 "lk:ModelFamily } FILTER(?g != <https://w3id.org/llmkg/graph/ontology>) }")
    assert both > 0
    assert stats(corpus)["entities"]["Model"] == typed_model - both


@pytest.mark.parametrize(("key", "node"), [("results", "BenchmarkResult"), ("claims", "Claim")])
def test_queries_stats_counts_result_and_claim_nodes(corpus: KGStore, key: str, node: str) -> None:
    n = corpus.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a lk:{node} }} }}")[0]["n"]
    assert int(n) > 0
    assert stats(corpus)[key] == int(n)


@pytest.mark.parametrize(("key", "expected"), [("documents", 0), ("relations", 0), ("attributes", 0),
                                               ("results", 0), ("claims", 0), ("entities", {})])
def test_queries_stats_of_empty_store(mem_store: KGStore, key: str, expected: object) -> None:
    assert stats(mem_store)[key] == expected


@pytest.mark.parametrize("key", ["relations"])
def test_queries_stats_counts_relations(corpus: KGStore, key: str) -> None:
    assert stats(corpus)[key] > 0


# --------------------------------------------------------------------------- evidence quotes


def test_evidence_quotes_in_the_store_are_clean_sentences(corpus: KGStore) -> None:
    """No quote carries the Markdown of its document (issue 17, item 9): not a heading's "## ",
    a list item's "- ", emphasis "**" or a link's "](" (the corpus has all of these)."""
    rows = corpus.select("""SELECT ?q WHERE { ?sel a oa:TextQuoteSelector ; oa:exact ?q }""")
    quotes = [str(r["q"]) for r in rows]
    assert len(quotes) > 500
    marked = [q for q in quotes if q.startswith(("#", "- ", "* ")) or "**" in q or "](" in q]
    assert marked == []
