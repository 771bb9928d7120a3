"""Specs for kg.lineage on the sample corpus: entity lookup and lineage trees with their sources.

The corpus is ingested once per module (through the CLI, from the repository root, so document
sources are paths relative to it) and the store is opened once for every test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ingest.loaders import load_path
from ingest.normalise import normalise
from kg.errors import InvalidInputError, NotFoundError
from kg.lineage import Lineage, LineageEdge, find_entities, lineage, resolve_entity
from kg.store import KGStore

REPO = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/llmkg/id/model/"
SCOUT, MAVERICK, BEHEMOTH = ID + "llama-4-scout", ID + "llama-4-maverick", ID + "llama-4-behemoth"

Snapshot = Callable[[KGStore], tuple[int, str]]




def all_edges(edges: list[LineageEdge]) -> Iterator[LineageEdge]:
    for edge in edges:
        yield edge
        yield from all_edges(edge.children)


def find_edge(tree: Lineage, subject: str, relation: str, obj: str) -> LineageEdge:
    for edge in all_edges(tree.ancestors + tree.descendants):
        if (edge.subject.label, edge.relation, edge.object.label) == (subject, relation, obj):
            return edge
    raise AssertionError(f"no edge {subject} --{relation}--> {obj}")


def tree_depth(edges: list[LineageEdge]) -> int:
    return max((1 + tree_depth(e.children) for e in edges), default=0)


# --------------------------------------------------------------------------- resolve_entity


@pytest.mark.parametrize(("name", "iri"), [
    pytest.param("Llama 4 Scout", SCOUT, id="label"),
    pytest.param("Maverick", MAVERICK, id="alias"),
    pytest.param("Llama-4-Maverick", MAVERICK, id="hyphenated-label"),
    pytest.param(SCOUT, SCOUT, id="iri"),
])
def test_lineage_resolve_entity_finds_entity(corpus: KGStore, name: str, iri: str) -> None:
    assert resolve_entity(corpus, name).iri == iri


@pytest.mark.parametrize("call", [resolve_entity, lineage], ids=["resolve_entity", "lineage"])
@pytest.mark.parametrize("bad", ["http://a> } ; DROP ALL ; <x", "https://x.org/a b",
                                 'urn:x"} ; CLEAR ALL ; {"'])
def test_lineage_bad_iri_raises_invalid_input_and_leaves_store_unchanged(
        corpus: KGStore, snapshot: Snapshot, call: Callable[[KGStore, str], Any],
        bad: str) -> None:
    before = snapshot(corpus)
    with pytest.raises(InvalidInputError):
        call(corpus, bad)
    assert snapshot(corpus) == before


@pytest.mark.parametrize("call", [resolve_entity, lineage], ids=["resolve_entity", "lineage"])
@pytest.mark.parametrize("name", ["No Such Model 9000", ID + "no-such-model"])
def test_lineage_unknown_name_raises_not_found(corpus: KGStore,
                                               call: Callable[[KGStore, str], Any],
                                               name: str) -> None:
    with pytest.raises(NotFoundError):
        call(corpus, name)


# --------------------------------------------------------------------------- lineage


SCOUT_ANCESTRY = [
    ("Llama 4 Scout", "distilledFrom", "Llama 4 Behemoth"),
    ("Llama 4 Scout", "memberOfFamily", "Llama 4"),
    ("Llama 4", "successorOf", "Llama 3"),
]


@pytest.mark.parametrize(("subject", "relation", "obj"), SCOUT_ANCESTRY)
def test_lineage_ancestors_of_scout_include_edge(corpus: KGStore, subject: str, relation: str,
                                                 obj: str) -> None:
    tree = lineage(corpus, "Llama 4 Scout")
    edge = find_edge(Lineage(tree.root, tree.ancestors, []), subject, relation, obj)
    assert edge.sources


def _document_text(source: str) -> str | None:
    """The text the pipeline read from a corpus file (loaded and normalised: what evidence
    offsets index), or None for a file of several documents (not checked)."""
    path = Path(source) if Path(source).is_absolute() else REPO / source
    docs = load_path(path)
    return normalise(docs[0].text).text if len(docs) == 1 else None


@pytest.mark.parametrize(("subject", "relation", "obj"), SCOUT_ANCESTRY)
def test_lineage_edge_source_quote_matches_document_offsets(corpus: KGStore, subject: str,
                                                            relation: str, obj: str) -> None:
    edge = find_edge(lineage(corpus, "Llama 4 Scout"), subject, relation, obj)
    checked = [(s, _document_text(s.source)) for s in edge.sources]
    checked = [(s, text) for s, text in checked if text is not None]
    assert checked, "no source without front matter to check"
    assert any(s.start is not None and s.end is not None and text[s.start:s.end] == s.quote
               for s, text in checked)


@pytest.mark.parametrize(("subject", "relation", "obj"), SCOUT_ANCESTRY)
def test_lineage_every_source_names_a_corpus_file(corpus: KGStore, subject: str, relation: str,
                                                  obj: str) -> None:
    edge = find_edge(lineage(corpus, "Llama 4 Scout"), subject, relation, obj)
    assert all((REPO / s.source).is_file() for s in edge.sources)


@pytest.mark.parametrize(("root", "child"), [("Llama 4 Behemoth", "Llama 4 Scout"),
                                             ("Llama 4 Behemoth", "Llama 4 Maverick")])
def test_lineage_descendants_include_model(corpus: KGStore, root: str, child: str) -> None:
    tree = lineage(corpus, root)
    assert child in {e.subject.label for e in all_edges(tree.descendants)}


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_lineage_depth_limits_the_tree(corpus: KGStore, depth: int) -> None:
    tree = lineage(corpus, "Llama 4 Scout", depth=depth)
    assert tree_depth(tree.ancestors) == depth  # Scout's ancestry is longer than 3 edges
    assert tree_depth(tree.descendants) <= depth


@pytest.mark.parametrize("depth", [1])
def test_lineage_depth_one_gives_no_grandchildren(corpus: KGStore, depth: int) -> None:
    tree = lineage(corpus, "Llama 4 Behemoth", depth=depth)
    assert tree.ancestors and tree.descendants
    assert all(e.children == [] for e in tree.ancestors + tree.descendants)


@pytest.mark.parametrize("depth", [0, -1, 21])
def test_lineage_depth_out_of_range_raises_invalid_input(corpus: KGStore, depth: int) -> None:
    with pytest.raises(InvalidInputError):
        lineage(corpus, "Llama 4 Scout", depth=depth)


@pytest.mark.parametrize("name", ["Llama 4 Scout"])
def test_lineage_to_dict_mirrors_the_tree(corpus: KGStore, name: str) -> None:
    tree = lineage(corpus, name)
    data = tree.to_dict()
    assert data["root"]["iri"] == tree.root.iri
    assert [e["relation"] for e in data["ancestors"]] == [e.relation for e in tree.ancestors]


# --------------------------------------------------------------------------- find_entities


@pytest.mark.parametrize(("name", "iri"), [
    ("llama 4 scout", SCOUT), ("LLAMA 4 SCOUT", SCOUT), ("Llama-4-Scout", SCOUT),
    ("llama-4 scout", SCOUT), ("Llama  4   Scout", SCOUT), ("maverick", MAVERICK),
    ("LLAMA-4-MAVERICK", MAVERICK), ("llama 4 behemoth", BEHEMOTH)])
def test_lineage_find_entities_ignores_case_spaces_and_hyphens(corpus: KGStore, name: str,
                                                               iri: str) -> None:
    assert [m.iri for m in find_entities(corpus, name)][:1] == [iri]


@pytest.mark.parametrize(("name", "iri"), [("Llama4Scout", SCOUT), ("gpt4o", ID + "gpt-4-o"),
                                           ("llama4maverick", MAVERICK)])
def test_lineage_find_entities_ignores_missing_spaces_and_hyphens(corpus: KGStore, name: str,
                                                                  iri: str) -> None:
    assert [m.iri for m in find_entities(corpus, name)][:1] == [iri]


@pytest.mark.parametrize("name", ["Scout Llama 4", "Llama 4 Scou", "Llama 4"])
def test_lineage_find_entities_needs_the_whole_name(corpus: KGStore, name: str) -> None:
    assert SCOUT not in [m.iri for m in find_entities(corpus, name)]


@pytest.mark.parametrize("name", ["", "  ", "--", "!!"])
def test_lineage_find_entities_without_letters_raises_invalid_input(corpus: KGStore,
                                                                    name: str) -> None:
    with pytest.raises(InvalidInputError):
        find_entities(corpus, name)
