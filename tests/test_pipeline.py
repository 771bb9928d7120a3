"""Specs for ingest.pipeline: whole documents in, one atomic graph per document out.

Covers bad-inputs.md I11 (same document twice), I12 (changed content), I13 (determinism, no blank
nodes), I18 (a failure mid-document) and the lineage-with-evidence promise on the seed documents.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from spacy.language import Language

import ingest.document as document_stage
import ingest.pipeline as pipeline
from ingest.loaders import load_path
from ingest.normalise import normalise
from ingest.pipeline import run_ingest
from kg.errors import StoreError
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, ONTOLOGY_GRAPH, entity_iri

Snapshot = Callable[[KGStore], tuple[int, str]]
LINEAGE = "lk:memberOfFamily|lk:successorOf|lk:derivedFrom|lk:distilledFrom|lk:fineTunedFrom"
TIMESTAMPS = ("http://www.w3.org/ns/prov#endedAtTime", "http://www.w3.org/ns/prov#generatedAtTime")

GOOD = {
    "a-release.txt": "Quillfeather Labs released Brisa-3 14B, a new open-weight model.\n",
    "b-distill.txt": "Brisa-3 Mini was distilled from the larger Brisa-3 Max model.\n",
    "c-hardware.md": "# Brisa-3 on one card\n\nBrisa-3 14B fits on a single H100 GPU.\n",
}


def _write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def _doc_count(store: KGStore) -> int:
    rows = store.select(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> "
                        "{ ?d a lk:Document } }")
    return int(rows[0]["n"])


def _document_graphs(store: KGStore) -> set[str]:
    rows = store.select(f"SELECT ?g WHERE {{ GRAPH <{META_GRAPH}> {{ ?d lk:documentGraph ?g }} }}")
    return {r["g"] for r in rows}


def _statuses(report: pipeline.IngestReport) -> dict[str, str]:
    return {Path(o.source).name: o.status for o in report.outcomes}


# --------------------------------------------------------------------------- the sample corpus


@pytest.mark.parametrize("expected_status", ["added"])
def test_pipeline_corpus_ingests_every_document(corpus_dir: Path, corpus_sources: dict[str, str],
                                                settings: Settings, store: KGStore, nlp: Language,
                                                expected_status: str) -> None:
    report = run_ingest([corpus_dir], settings=settings, store=store, nlp=nlp)
    assert report.failed == []
    assert [o.source for o in report.outcomes] == list(corpus_sources)
    assert {o.status for o in report.outcomes} == {expected_status}
    assert _doc_count(store) == len(corpus_sources)
    for source in corpus_sources:
        assert len(store.document_by_source(source)) == 1
    assert report.total("relations") > 0 and report.total("entities") > 0


@pytest.mark.parametrize("reopen", [False, True], ids=["same-session", "after-reopen"])
def test_pipeline_reingest_is_unchanged_and_byte_identical(corpus_dir: Path, settings: Settings,
                                                           store: KGStore, nlp: Language,
                                                           snapshot: Snapshot,
                                                           reopen: bool) -> None:
    run_ingest([corpus_dir], settings=settings, store=store, nlp=nlp)
    first = snapshot(store)
    if reopen:
        store.close()
        store = open_store(settings.store)
    try:
        report = run_ingest([corpus_dir], settings=settings, store=store, nlp=nlp)
        assert {o.status for o in report.outcomes} == {"unchanged"}
        assert snapshot(store) == first
    finally:
        if reopen:
            store.close()


@pytest.mark.parametrize("force_runs", [1])
def test_pipeline_forced_reingest_duplicates_nothing(corpus_dir: Path, settings: Settings,
                                                     store: KGStore, nlp: Language,
                                                     force_runs: int) -> None:
    run_ingest([corpus_dir], settings=settings, store=store, nlp=nlp)
    size = len(store)
    for _ in range(force_runs):
        report = run_ingest([corpus_dir], settings=settings, store=store, nlp=nlp, force=True)
        assert {o.status for o in report.outcomes} == {"replaced"}
        assert len(store) == size


INGEST_CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ingest.pipeline import run_ingest
    from kg.settings import Settings
    from kg.stores import open_store
    path = Path(sys.argv[2])
    with open_store(path) as store:
        report = run_ingest([Path(sys.argv[1])], settings=Settings(store=path), store=store)
    sys.exit(1 if report.failed else 0)
""")


@pytest.mark.parametrize("hash_seed", ["1"])
def test_pipeline_another_process_builds_the_same_graph(corpus_dir: Path, tmp_path: Path,
                                                        settings: Settings, store: KGStore,
                                                        nlp: Language, hash_seed: str) -> None:
    run_ingest([corpus_dir], settings=settings, store=store, nlp=nlp)
    other = tmp_path / "other-store"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    child = subprocess.run([sys.executable, "-c", INGEST_CHILD, str(corpus_dir), str(other)],
                           env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    with open_store(other) as second:
        theirs = sorted(str(q) for q in second.quads() if q.predicate.value not in TIMESTAMPS)
    ours = sorted(str(q) for q in store.quads() if q.predicate.value not in TIMESTAMPS)
    assert ours == theirs


@pytest.mark.parametrize("kind", [ox.BlankNode])
def test_pipeline_writes_no_blank_nodes(corpus_dir: Path, settings: Settings, store: KGStore,
                                        nlp: Language, kind: type) -> None:
    run_ingest([corpus_dir], settings=settings, store=store, nlp=nlp)
    assert not [q for q in store.quads() if isinstance(q.subject, kind)
                or isinstance(q.object, kind)]


@pytest.mark.parametrize("folder", ["corpus_dir", "seeds_dir"])
def test_pipeline_every_evidence_quote_matches_its_document(request: pytest.FixtureRequest,
                                                            settings: Settings, store: KGStore,
                                                            nlp: Language, folder: str) -> None:
    run_ingest([request.getfixturevalue(folder)], settings=settings, store=store, nlp=nlp)
    rows = store.select(f"""
        SELECT ?source ?exact ?start ?end WHERE {{
          GRAPH ?g {{ ?ev a lk:Evidence ; oa:hasSource ?doc ; oa:hasSelector ?q, ?pos .
                     ?q oa:exact ?exact . ?pos oa:start ?start ; oa:end ?end }}
          GRAPH <{META_GRAPH}> {{ ?doc dcterms:source ?source ; lk:documentGraph ?g }} }}""")
    assert rows
    # evidence offsets index the normalised text (what ``llmkg read`` prints)
    texts = {d.source: normalise(d.text).text for src in {r["source"].split("#")[0] for r in rows}
             for d in load_path(Path(src), max_bytes=settings.max_file_bytes)}
    wrong = [r for r in rows if texts[r["source"]][r["start"]:r["end"]] != r["exact"]]
    assert wrong == []


# --------------------------------------------------------------------------- changed files (I12)


@pytest.mark.parametrize(("name", "addition"),
                         [("02-llama-3-release.txt", "\nQuillfeather Labs released Brisa-3 14B, "
                                                     "a new open-weight model.\n")])
def test_pipeline_changed_file_replaces_its_old_graph(corpus_dir: Path, tmp_path: Path,
                                                      settings: Settings, store: KGStore,
                                                      nlp: Language, name: str,
                                                      addition: str) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(corpus_dir / name, folder / name)
    shutil.copy(corpus_dir / "04-llama-4-release.md", folder / "04-llama-4-release.md")
    run_ingest([folder], settings=settings, store=store, nlp=nlp)
    [old] = store.document_by_source(str(folder / name))
    count = _doc_count(store)
    with (folder / name).open("a", encoding="utf-8") as f:
        f.write(addition)
    report = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert _statuses(report) == {name: "replaced", "04-llama-4-release.md": "unchanged"}
    [new] = store.document_by_source(str(folder / name))
    assert new["graph"] != old["graph"]
    assert old["graph"] not in store.named_graphs()
    assert _doc_count(store) == count
    # no orphan graph: every named graph is a document's, the metadata or the ontology
    assert set(store.named_graphs()) == _document_graphs(store) | {str(META_GRAPH),
                                                                   str(ONTOLOGY_GRAPH)}
    assert store.select("SELECT ?g ?l ?x WHERE { GRAPH ?g { ?x rdfs:label ?l } }",
                        g=URIRef(new["graph"]), l=Literal("Brisa-3 14B"))


# --------------------------------------------------------------------------- failures (I18)


BAD = "b-distill.txt"
BAD_PHRASE = "from the larger Brisa-3 Max"


def _break_extraction(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> Any:
    real = document_stage.doc_to_extraction

    def broken(doc: Any, document: Any, **kw: Any) -> Any:
        if document.source.endswith(BAD):
            raise RuntimeError("simulated extraction crash")
        return real(doc, document, **kw)

    monkeypatch.setattr(document_stage, "doc_to_extraction", broken)
    return nlp


def _break_nlp(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> Any:
    def broken_nlp(text: str) -> Any:
        if BAD_PHRASE in text:
            raise ValueError("simulated spaCy crash on chunk 7")
        return nlp(text)

    return broken_nlp


def _break_write(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> Any:
    real = KGStore.replace_document

    def failing(self: KGStore, doc: Any, graph: Any, quads: Any, **kw: Any) -> int:
        quads = list(quads)
        if any(BAD_PHRASE in str(q[2]) for q in quads):
            raise StoreError("write failed, nothing was stored: simulated disk full")
        return real(self, doc, graph, quads, **kw)

    monkeypatch.setattr(KGStore, "replace_document", failing)
    return nlp


@pytest.mark.parametrize("break_it", [_break_extraction, _break_nlp, _break_write],
                         ids=["doc_to_extraction", "nlp", "store-write"])
def test_pipeline_failing_document_is_reported_and_leaves_nothing(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language,
        monkeypatch: pytest.MonkeyPatch, break_it: Callable[..., Any]) -> None:
    folder = _write_files(tmp_path / "docs", dict(GOOD))
    use_nlp = break_it(monkeypatch, nlp)
    report = run_ingest([folder], settings=settings, store=store, nlp=use_nlp)

    assert [Path(o.source).name for o in report.failed] == [BAD]
    assert "simulated" in report.failed[0].error
    assert _statuses(report) == {"a-release.txt": "added", BAD: "failed",
                                 "c-hardware.md": "added"}
    assert store.document_by_source(str(folder / BAD)) == []
    assert _doc_count(store) == len(GOOD) - 1
    assert not store.select("SELECT ?l ?x WHERE { ?x rdfs:label ?l }", l=Literal("Brisa-3 Max"))
    assert not store.select(
        "SELECT ?phrase ?o WHERE { ?s ?p ?o FILTER(ISLITERAL(?o) && CONTAINS(STR(?o), ?phrase)) }",
        phrase=Literal(BAD_PHRASE))


@pytest.mark.parametrize("where", ["doc_to_extraction"])
def test_pipeline_failed_document_can_be_retried(tmp_path: Path, settings: Settings,
                                                 store: KGStore, nlp: Language,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 where: str) -> None:
    folder = _write_files(tmp_path / "docs", dict(GOOD))

    def broken(doc: Any, document: Any, **kw: Any) -> Any:
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(document_stage, where, broken)
    assert len(run_ingest([folder], settings=settings, store=store, nlp=nlp).failed) == len(GOOD)
    monkeypatch.undo()
    report = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert {o.status for o in report.outcomes} == {"added"}


@pytest.mark.parametrize(
    ("bad_name", "bad_content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 30, "binary"),
        ("front-only.md", b"---\ntitle: nothing else\n---\n", "no text"),
    ],
)
def test_pipeline_bad_file_fails_alone(tmp_path: Path, settings: Settings, store: KGStore,
                                       nlp: Language, bad_name: str, bad_content: bytes,
                                       message: str) -> None:
    folder = _write_files(tmp_path / "docs", {**GOOD, bad_name: bad_content})
    report = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    [failure] = report.failed
    assert Path(failure.source).name == bad_name
    assert message in failure.error and bad_name in failure.error
    assert report.count("added") == len(GOOD)
    assert _doc_count(store) == len(GOOD)


@pytest.mark.parametrize("missing", ["no-such-folder"])
def test_pipeline_missing_path_is_reported_and_others_go_on(tmp_path: Path, settings: Settings,
                                                            store: KGStore, nlp: Language,
                                                            missing: str) -> None:
    folder = _write_files(tmp_path / "docs", dict(GOOD))
    report = run_ingest([tmp_path / missing, folder], settings=settings, store=store, nlp=nlp)
    [failure] = report.failed
    assert missing in failure.error
    assert report.count("added") == len(GOOD)


@pytest.mark.parametrize("limit", [80])
def test_pipeline_overlong_document_is_refused(tmp_path: Path, store: KGStore, nlp: Language,
                                               limit: int) -> None:
    long_text = "Brisa-3 14B is a model. " * 10
    folder = _write_files(tmp_path / "docs", {"short.txt": "Brisa-3 14B is small.\n",
                                              "long.txt": long_text})
    settings = Settings(store=tmp_path / "unused", max_document_chars=limit)
    report = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert _statuses(report) == {"short.txt": "added", "long.txt": "failed"}
    assert "over the limit" in report.failed[0].error


@pytest.mark.parametrize("text", ["# From a pipe\n\nQuillfeather Labs released Brisa-3 14B.\n"])
def test_pipeline_reads_standard_input(settings: Settings, store: KGStore, nlp: Language,
                                       monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    report = run_ingest(["-"], settings=settings, store=store, nlp=nlp)
    assert [(o.source, o.status) for o in report.outcomes] == [("stdin", "added")]
    assert store.document_by_source("stdin")


@pytest.mark.parametrize("url", ["https://example.org/a b", "https://example.org/a>b"])
def test_pipeline_bad_front_matter_url_fails_only_that_document(tmp_path: Path,
                                                                settings: Settings,
                                                                store: KGStore, nlp: Language,
                                                                url: str) -> None:
    card = f'---\ntitle: Odd card\nurl: "{url}"\n---\nBrisa-3 14B is a model.\n'
    folder = _write_files(tmp_path / "docs", {**GOOD, "odd-card.md": card})
    report = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert [Path(o.source).name for o in report.failed] == ["odd-card.md"]
    assert report.count("added") == len(GOOD)


@pytest.mark.parametrize(("first", "second"), [("Brisa-3 14B", "Brisa3 14B")])
def test_pipeline_spelling_variants_across_documents_are_one_node(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language, first: str,
        second: str) -> None:
    folder = _write_files(tmp_path / "docs", {
        "one.txt": f"Quillfeather Labs released {first}, a new open-weight model.\n",
        "two.txt": f"The {second} model fits on a single H100 GPU.\n",
    })
    run_ingest([folder], settings=settings, store=store, nlp=nlp)
    rows = store.select("SELECT DISTINCT ?m WHERE { ?m a lk:Model }")
    assert len(rows) == 1


# --------------------------------------------------------------------------- lineage on the seeds


@pytest.mark.parametrize(
    ("kind", "name"),
    [("Model", "Llama 4 Behemoth"), ("ModelFamily", "Llama 4"), ("ModelFamily", "Llama 3")],
)
def test_pipeline_seed_lineage_path_reaches(seeded: KGStore, kind: str, name: str) -> None:
    scout = entity_iri("Model", "Llama 4 Scout")
    rows = seeded.select(f"SELECT ?scout ?x WHERE {{ ?scout ({LINEAGE})+ ?x }}", scout=scout)
    assert str(entity_iri(kind, name)) in {r["x"] for r in rows}


@pytest.mark.parametrize("root", ["Llama 4 Scout"])
def test_pipeline_seed_lineage_edges_have_checkable_evidence(seeded: KGStore, settings: Settings,
                                                             root: str) -> None:
    edges = seeded.select(f"""SELECT DISTINCT ?root ?a ?p ?b WHERE {{
        ?root ({LINEAGE})* ?a . ?a ?p ?b .
        VALUES ?p {{ lk:memberOfFamily lk:successorOf lk:derivedFrom lk:distilledFrom
                    lk:fineTunedFrom }} }}""", root=entity_iri("Model", root))
    assert len(edges) >= 3
    texts: dict[str, str] = {}
    for edge in edges:
        evidence = seeded.select(f"""
            SELECT ?a ?p ?b ?title ?source ?exact ?start ?end WHERE {{
              GRAPH ?g {{ ?ev a lk:Evidence ; rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b ;
                          oa:hasSource ?doc ; oa:hasSelector ?q, ?pos .
                         ?q a oa:TextQuoteSelector ; oa:exact ?exact .
                         ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }}
              GRAPH <{META_GRAPH}> {{ ?doc dcterms:title ?title ; dcterms:source ?source ;
                                     lk:documentGraph ?g }} }}""",
            a=URIRef(edge["a"]), p=URIRef(edge["p"]), b=URIRef(edge["b"]))
        assert evidence, f"no evidence for {edge}"
        for ev in evidence:
            assert ev["title"].strip()
            if ev["source"] not in texts:
                texts[ev["source"]] = load_path(Path(ev["source"]),
                                                max_bytes=settings.max_file_bytes)[0].text
            assert texts[ev["source"]][ev["start"]:ev["end"]] == ev["exact"]
            assert ev["exact"].strip()
