"""Specs for kg.store: lifecycle, the lock, atomic document replacement, the rdflib view.

"Store unchanged" means equal quad count and equal hash of the sorted N-Quads (the ``snapshot``
fixture), as in /work/shared/design/bad-inputs.md.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from ingest.records import Document
from ingest.to_rdf import document_quads
from kg.errors import InvalidQueryError, StoreError
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, ONTOLOGY_GRAPH, content_hash, document_iri, graph_iri
from kg.vocab import LK, RDFS

Snapshot = Callable[[KGStore], tuple[int, str]]
EX = "https://example.org/"
WHEN = datetime(2025, 1, 1, tzinfo=UTC)


def _doc(store: KGStore, text: str, facts: Iterable[tuple[str, str]], *, source: str = "a.txt",
         drop: Iterable[tuple[URIRef, URIRef]] = ()) -> tuple[URIRef, URIRef]:
    """Write one document: ``facts`` are (entity, label) pairs stated in its graph."""
    chash = content_hash(text)
    doc, g = document_iri(chash), graph_iri(chash)
    quads = [(URIRef(EX + e), RDFS.label, Literal(label), g) for e, label in facts]
    quads += list(document_quads(Document(text=text, source=source), chash, ingested_at=WHEN))
    store.replace_document(doc, g, quads, drop=list(drop))
    return doc, g


def _graph_triples(store: KGStore, graph: str) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.predicate.value, q.object.value) for q in store.quads()
            if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value == graph}


def _default_and_union(store: KGStore) -> tuple[set[str], set[str]]:
    default, union = set(), set()
    for q in store.quads():
        triple = f"{q.subject} {q.predicate} {q.object}"
        (default if isinstance(q.graph_name, ox.DefaultGraph) else union).add(triple)
    return default, union


class _RecordingOx:
    """Stands in for the pyoxigraph store: records updates, optionally failing them."""

    def __init__(self, inner: ox.Store, fail: bool) -> None:
        self.inner = inner
        self.fail = fail
        self.updates: list[str] = []

    def update(self, sparql: str, *args: Any, **kwargs: Any) -> None:
        self.updates.append(sparql)
        if self.fail:
            raise OSError(28, "No space left on device (simulated)")
        self.inner.update(sparql, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self.inner)

    def __len__(self) -> int:
        return len(self.inner)


# --------------------------------------------------------------------------- lifecycle


@pytest.mark.parametrize("facts", [[("brisa-3", "Brisa-3"), ("quillfeather", "Quillfeather")]])
def test_store_data_survives_close_and_reopen(tmp_path: Path, facts: list[tuple[str, str]],
                                              snapshot: Snapshot) -> None:
    path = tmp_path / "kg"
    with open_store(path) as first:
        _, g = _doc(first, "Brisa-3 text.", facts)
        before = snapshot(first)
    assert path.is_dir()
    with open_store(path) as second:
        assert snapshot(second) == before
        assert {t[2] for t in _graph_triples(second, str(g))} >= {label for _, label in facts}


@pytest.mark.parametrize("term", [LK.Model, LK.distilledFrom, LK.Evidence])
def test_store_ontology_graph_is_loaded_on_open(any_store: KGStore, term: URIRef) -> None:
    assert str(ONTOLOGY_GRAPH) in any_store.named_graphs()
    rows = any_store.select(
        f"SELECT ?t ?label WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?t rdfs:label ?label }} }}",
        t=term)
    assert rows


@pytest.mark.parametrize("reopenings", [2])
def test_store_ontology_is_not_loaded_twice(tmp_path: Path, reopenings: int) -> None:
    sizes = []
    for _ in range(reopenings + 1):
        with open_store(tmp_path / "kg") as kg_store:
            sizes.append(len(kg_store))
    assert len(set(sizes)) == 1


@pytest.mark.parametrize("data", [b"not a store"])
def test_store_open_on_a_file_raises_store_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "file"
    path.write_bytes(data)
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(path)


@pytest.mark.parametrize("name", ["missing"])
def test_store_read_only_open_of_missing_store_raises(tmp_path: Path, name: str) -> None:
    with pytest.raises(StoreError, match=name):
        open_store(tmp_path / name, read_only=True)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("garbage", ["garbage\n"])
def test_store_corrupt_store_raises_store_error(tmp_path: Path, garbage: str) -> None:
    path = tmp_path / "kg"
    with open_store(path) as kg_store:
        _doc(kg_store, "Some text.", [("x", "X")])
    (path / "CURRENT").write_text(garbage)
    with pytest.raises(StoreError):
        open_store(path)


@pytest.mark.parametrize("text", ["Read-only text."])
def test_store_read_only_store_refuses_writes(tmp_path: Path, text: str,
                                              snapshot: Snapshot) -> None:
    path = tmp_path / "kg"
    with open_store(path) as kg_store:
        _doc(kg_store, text, [("x", "X")])
        before = snapshot(kg_store)
    with open_store(path, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            _doc(ro, "Another text.", [("y", "Y")])
        assert snapshot(ro) == before


@pytest.mark.parametrize("times", [2])
def test_store_close_is_idempotent(tmp_path: Path, times: int) -> None:
    kg_store = open_store(tmp_path / "kg")
    for _ in range(times):
        kg_store.close()


@pytest.mark.parametrize("keep", ["dataset"])
def test_store_close_releases_the_lock_even_with_a_live_dataset(tmp_path: Path, keep: str) -> None:
    kg_store = open_store(tmp_path / "kg")
    view = kg_store.dataset()
    kg_store.close()
    with open_store(tmp_path / "kg") as again:
        assert len(again) > 0
    del view


# --------------------------------------------------------------------------- the lock (T5)


LOCK_CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kg.errors import StoreError
    from kg.store import KGStore
    try:
        KGStore(Path(sys.argv[1]))
    except StoreError as e:
        print(e.message)
        sys.exit(7)
    print("opened")
""")


@pytest.mark.parametrize("expected", ["in use"])
def test_store_second_process_fails_with_lock_error(store: KGStore, settings: Settings,
                                                    expected: str, snapshot: Snapshot) -> None:
    _doc(store, "Held by the first process.", [("x", "X")])
    before = snapshot(store)
    child = subprocess.run([sys.executable, "-c", LOCK_CHILD, str(settings.store)],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == 7, child.stdout + child.stderr
    assert expected in child.stdout
    assert str(settings.store) in child.stdout
    assert snapshot(store) == before  # the first process is unaffected


# ------------------------------------------------------------------- replace / drop / delete


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ([("a", "Old A"), ("b", "Old B")], [("a", "New A"), ("c", "New C")]),
        ([("a", "Old A")], []),
    ],
)
def test_store_replace_document_replaces_without_union(any_store: KGStore,
                                                       old: list[tuple[str, str]],
                                                       new: list[tuple[str, str]]) -> None:
    doc, g = _doc(any_store, "Same text, same graph.", old)
    any_store.replace_document(doc, g, [(URIRef(EX + e), RDFS.label, Literal(label), g)
                                        for e, label in new])
    labels = {o for _, p, o in _graph_triples(any_store, str(g)) if p == str(RDFS.label)}
    assert labels == {label for _, label in new}


@pytest.mark.parametrize("text", ["A document that will be written twice."])
def test_store_replace_document_twice_leaves_store_identical(any_store: KGStore, text: str,
                                                             snapshot: Snapshot) -> None:
    _doc(any_store, text, [("a", "A")])
    once = snapshot(any_store)
    _doc(any_store, text, [("a", "A")])
    assert snapshot(any_store) == once


@pytest.mark.parametrize(("old_text", "new_text"), [("Version one.", "Version two.")])
def test_store_replace_document_drops_stale_graphs(any_store: KGStore, old_text: str,
                                                   new_text: str) -> None:
    old_doc, old_g = _doc(any_store, old_text, [("a", "Old A")], source="same.txt")
    new_doc, new_g = _doc(any_store, new_text, [("a", "New A")], source="same.txt",
                          drop=[(old_doc, old_g)])
    assert str(old_g) not in any_store.named_graphs()
    assert str(new_g) in any_store.named_graphs()
    assert any_store.document_meta(old_doc) is None
    assert [r["doc"] for r in any_store.document_by_source("same.txt")] == [str(new_doc)]


@pytest.mark.parametrize("facts", [[("a", "A"), ("b", "B")]])
def test_store_delete_document_restores_the_previous_state(any_store: KGStore,
                                                           facts: list[tuple[str, str]],
                                                           snapshot: Snapshot) -> None:
    before = snapshot(any_store)
    doc, g = _doc(any_store, "To be deleted.", facts)
    assert any_store.delete_document(doc) is True
    assert str(g) not in any_store.named_graphs()
    assert snapshot(any_store) == before


@pytest.mark.parametrize("doc", [URIRef("https://w3id.org/llmkg/doc/never-ingested")])
def test_store_delete_unknown_document_returns_false(any_store: KGStore, doc: URIRef,
                                                     snapshot: Snapshot) -> None:
    before = snapshot(any_store)
    assert any_store.delete_document(doc) is False
    assert snapshot(any_store) == before


@pytest.mark.parametrize("shared", [("brisa-3", "Brisa-3")])
def test_store_default_graph_is_the_set_union_of_named_graphs(any_store: KGStore,
                                                              shared: tuple[str, str]) -> None:
    doc_a, _ = _doc(any_store, "First text.", [shared, ("a", "Only A")], source="a.txt")
    doc_b, g_b = _doc(any_store, "Second text.", [shared, ("b", "Only B")], source="b.txt")
    default, union = _default_and_union(any_store)
    assert default == union
    any_store.delete_document(doc_a)
    default, union = _default_and_union(any_store)
    assert default == union
    assert any(shared[1] in t for t in default)  # still stated by b
    any_store.replace_document(doc_b, g_b, [])
    default, union = _default_and_union(any_store)
    assert default == union
    assert not any(shared[1] in t for t in default)


@pytest.mark.parametrize(
    "value",
    ['a " } ; DROP ALL ; { "', "line one\nline two", "back\\slash and 'single'", "\u00e9\u4e2d"],
)
def test_store_hostile_literals_are_stored_verbatim(any_store: KGStore, value: str) -> None:
    _, g_keep = _doc(any_store, "A bystander document.", [("keep", "Keep me")], source="k.txt")
    _, g = _doc(any_store, "Hostile text.", [("x", value)], source="h.txt")
    assert (EX + "x", str(RDFS.label), value) in _graph_triples(any_store, str(g))
    assert (EX + "keep", str(RDFS.label), "Keep me") in _graph_triples(any_store, str(g_keep))


@pytest.mark.parametrize("source", ['x" } ; DROP ALL ; #', "a.txt' UNION { ?s ?p ?o }"])
def test_store_lookup_bindings_are_literals_not_sparql(any_store: KGStore, source: str,
                                                       snapshot: Snapshot) -> None:
    _doc(any_store, "Something.", [("x", "X")], source="a.txt")
    before = snapshot(any_store)
    assert any_store.document_by_source(source) == []
    assert snapshot(any_store) == before


@pytest.mark.parametrize("sparql", ["SELEC * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p"])
def test_store_bad_sparql_raises_invalid_query(mem_store: KGStore, sparql: str) -> None:
    with pytest.raises(InvalidQueryError):
        mem_store.query(sparql)


@pytest.mark.parametrize("sparql", ["SELECT ?label WHERE { ?t rdfs:label ?label }"])
def test_store_binding_an_unprojected_variable_raises_invalid_query(mem_store: KGStore,
                                                                    sparql: str) -> None:
    with pytest.raises(InvalidQueryError):
        mem_store.select(sparql, t=LK.Model)


# --------------------------------------------------------------------------- failing writes


@pytest.mark.parametrize("drop_stale", [False, True])
def test_store_failed_write_raises_and_leaves_store_unchanged(any_store: KGStore,
                                                              drop_stale: bool,
                                                              snapshot: Snapshot,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    old_doc, old_g = _doc(any_store, "Already stored.", [("a", "A")], source="same.txt")
    before = snapshot(any_store)
    failing = _RecordingOx(any_store.ox, fail=True)
    monkeypatch.setattr(any_store, "_store", failing)
    with pytest.raises(StoreError, match="nothing was stored"):
        _doc(any_store, "The new version.", [("a", "A2")], source="same.txt",
             drop=[(old_doc, old_g)] if drop_stale else [])
    assert failing.updates  # the write was attempted
    monkeypatch.undo()
    assert snapshot(any_store) == before


@pytest.mark.parametrize("drop_stale", [False, True])
def test_store_replace_document_is_one_update(any_store: KGStore, drop_stale: bool,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    old_doc, old_g = _doc(any_store, "Version one.", [("a", "A")], source="same.txt")
    recorder = _RecordingOx(any_store.ox, fail=False)
    monkeypatch.setattr(any_store, "_store", recorder)
    _doc(any_store, "Version two.", [("a", "A2")], source="same.txt",
         drop=[(old_doc, old_g)] if drop_stale else [])
    assert len(recorder.updates) == 1  # one SPARQL update is one Oxigraph transaction


KILL_CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from rdflib import Literal, URIRef
    from kg.stores import open_store
    store = open_store(Path(sys.argv[1]))
    doc, g = URIRef(sys.argv[2]), URIRef(sys.argv[3])
    p = URIRef("https://example.org/p")
    quads = [(URIRef(f"https://example.org/new/{i}"), p, Literal(f"new {i}"), g)
             for i in range(int(sys.argv[4]))]
    print("writing", flush=True)
    store.replace_document(doc, g, quads)
    print("done", flush=True)
""")


@pytest.mark.parametrize(("old_n", "new_n", "delay"), [(50, 20_000, 0.1), (50, 20_000, 0.4)])
def test_store_killed_writer_leaves_old_or_new_graph_never_half(tmp_path: Path, old_n: int,
                                                                new_n: int, delay: float) -> None:
    path = tmp_path / "kg"
    doc, g = URIRef(EX + "doc/killed"), URIRef(EX + "graph/killed")
    p = URIRef(EX + "p")
    with open_store(path) as kg_store:
        kg_store.replace_document(doc, g, [(URIRef(f"{EX}old/{i}"), p, Literal(f"old {i}"), g)
                                           for i in range(old_n)])
    with subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(path), doc, g, str(new_n)],
                          stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    with open_store(path) as reopened:
        triples = _graph_triples(reopened, str(g))
        kinds = frozenset(o.split(" ")[0] for _, _, o in triples)
        assert (len(triples), kinds) in {(old_n, frozenset({"old"})), (new_n, frozenset({"new"}))}
        default, union = _default_and_union(reopened)
        assert default == union


# --------------------------------------------------------------------------- the rdflib view


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("facts", [[("a", "A"), ("b", 'B with "quotes"')]])
def test_store_dataset_sparql_sees_the_same_quads(any_store: KGStore,
                                                  facts: list[tuple[str, str]]) -> None:
    _doc(any_store, "Seen through rdflib.", facts)

    def key(term: object) -> object:
        # literal values, not lexical forms: Oxigraph keeps canonical ones ("Z" for "+00:00")
        if isinstance(term, Literal):
            return (str(term), term.language) if term.language else term.toPython()
        return str(term)

    def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> object:
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            return Literal(term.value, datatype=URIRef(term.datatype.value))
        return term.value

    expected = {(key(from_ox(q.subject)), key(from_ox(q.predicate)), key(from_ox(q.object)),
                 q.graph_name.value)
                for q in any_store.quads() if not isinstance(q.graph_name, ox.DefaultGraph)}
    view = any_store.dataset()
    rows = view.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    seen = {(key(s), key(p), key(o), str(gr)) for s, p, o, gr in rows}  # type: ignore[misc]
    assert seen == expected
    assert str(META_GRAPH) in {row[3] for row in seen}
