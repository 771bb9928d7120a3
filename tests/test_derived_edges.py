"""A merge or a quantization is also written as ``lk:derivedFrom`` (kg.terms.DERIVED_WITH_SUPER),
and every reader that lists edges shows the specific edge once."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from ingest.pipeline import run_ingest
from kg.analytics import lineage_graph
from kg.export import to_networkx
from kg.lineage import lineage, resolve_entity
from kg.lookups import entity, neighbourhood
from kg.queries import stats
from kg.settings import Settings
from kg.store import KGStore

LK = "https://w3id.org/llmkg/ontology#"

#: a merge card and a quantization card in the style of the Hub (names invented)
CARDS = {
    "merge.md": """---
base_model:
- quarry/Tern-7B
- quarry/Gull-7B
base_model_relation: merge
---
# Tern-Gull-Merge-7B

Tern-Gull-Merge-7B is a merge of Tern-7B and Gull-7B made with a SLERP merge.
""",
    "quant.md": """---
base_model: quarry/Tern-7B
base_model_relation: quantized
---
# Tern-7B-GGUF

These files are 4-bit quantizations of Tern-7B for llama.cpp.
""",
    "distill.md": """# Wren-1.5B

Wren-1.5B was distilled from Tern-7B by Quarry Labs.
""",
}


@pytest.fixture
def derived(tmp_path: Path, settings: Settings, store: KGStore, nlp: Language) -> KGStore:
    """The store with the three cards ingested."""
    for name, text in CARDS.items():
        (tmp_path / name).write_text(text)
    report = run_ingest([tmp_path / n for n in CARDS], settings=settings, store=store, nlp=nlp)
    assert report.failed == []
    return store


def _pairs(store: KGStore, predicate: str) -> set[tuple[str, str]]:
    rows = store.select(f"SELECT ?s ?o WHERE {{ ?s <{LK}{predicate}> ?o }}")
    return {(str(r["s"]).rsplit("/", 1)[-1], str(r["o"]).rsplit("/", 1)[-1]) for r in rows}


@pytest.mark.issue(16)
@pytest.mark.parametrize("predicate", ["mergedFrom", "quantizedFrom"])
def test_derived_edges_weight_derivatives_are_derived_from_their_source(derived: KGStore, predicate: str) -> None:
    specific = _pairs(derived, predicate)
    assert specific
    assert specific <= _pairs(derived, "derivedFrom")


@pytest.mark.issue(16)
def test_derived_edges_a_distillation_is_not_written_as_derived_from(derived: KGStore) -> None:
    distilled = _pairs(derived, "distilledFrom")
    assert distilled == {("wren-1-5-b", "tern-7-b")}
    assert not distilled & _pairs(derived, "derivedFrom")


@pytest.mark.issue(16)
def test_derived_edges_every_derived_from_copy_has_its_evidence(derived: KGStore) -> None:
    rows = derived.select(f"""SELECT ?s ?o WHERE {{ ?s <{LK}derivedFrom> ?o
        FILTER NOT EXISTS {{ ?ev rdf:subject ?s ; rdf:predicate <{LK}derivedFrom> ; rdf:object ?o }} }}""")
    assert rows == []


@pytest.mark.issue(16)
@pytest.mark.parametrize("name", ["Tern-Gull-Merge-7B", "Tern-7B-GGUF"])
def test_derived_edges_lineage_shows_the_specific_edge_once(derived: KGStore, name: str) -> None:
    tree = lineage(derived, name)
    relations = [e.relation for e in tree.ancestors]
    assert "derivedFrom" not in relations
    assert relations and set(relations) <= {"mergedFrom", "quantizedFrom"}


@pytest.mark.issue(16)
def test_derived_edges_entity_lookup_and_neighbourhood_show_no_copy(derived: KGStore) -> None:
    iri = resolve_entity(derived, "Tern-Gull-Merge-7B").iri
    facts = [f.predicate for f in entity(derived, iri).facts]
    assert facts.count("mergedFrom") == 2 and "derivedFrom" not in facts
    tern = resolve_entity(derived, "Tern-7B").iri
    incoming = [f.predicate for f in entity(derived, tern).facts if f.direction == "in"]
    assert "derivedFrom" not in incoming and {"mergedFrom", "quantizedFrom", "distilledFrom"} <= set(incoming)
    assert {e["relation"] for e in neighbourhood(derived, tern).edges} >= {"mergedFrom", "quantizedFrom"}
    assert "derivedFrom" not in {e["relation"] for e in neighbourhood(derived, tern).edges}


@pytest.mark.issue(16)
def test_derived_edges_counts_and_graphs_count_an_edge_once(derived: KGStore) -> None:
    specific = len(_pairs(derived, "mergedFrom")) + len(_pairs(derived, "quantizedFrom"))
    kinds = {r for _s, _o, data in lineage_graph(derived).edges(data=True) for r in data["relations"]}
    assert "mergedFrom" in kinds and "derivedFrom" not in kinds
    exported = {data.get("relation") for _s, _o, data in to_networkx(derived).edges(data=True)}
    assert {"mergedFrom", "quantizedFrom"} <= exported and "derivedFrom" not in exported
    assert stats(derived)["relations"] >= specific
    copies = len(_pairs(derived, "derivedFrom"))
    total = derived.select(f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o
        VALUES ?p {{ <{LK}developedBy> <{LK}memberOfFamily> <{LK}successorOf> <{LK}derivedFrom>
        <{LK}distilledFrom> <{LK}fineTunedFrom> <{LK}quantizedFrom> <{LK}mergedFrom> <{LK}adapterOf>
        <{LK}employer> <{LK}fitsOn> }} }} }}""")
    assert stats(derived)["relations"] == int(total[0]["n"]) - copies
