"""Section T of the bad-input checklist: the store under crashes, concurrency and damage.

Real processes and real faults: ``llmkg ingest`` and ``llmkg serve`` killed with SIGKILL, a second
process on a held store, a full tmpfs and a file-size limit (RLIMIT_FSIZE), damaged RocksDB files,
threads writing and reading one store. "Whole" means equal to what a clean ingest writes: a
document's graph quads, and its metadata apart from the ingestion time.
"""

from __future__ import annotations

import functools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import API_TOKEN, REPO, LiveServer
from rdflib import URIRef
from spacy.language import Language

from ingest.pipeline import ingest_bytes, run_ingest
from kg.backup import backup_store, read_manifest, restore_store
from kg.errors import InvalidInputError, StoreError
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, ONTOLOGY_GRAPH

Snapshot = Callable[[KGStore], tuple[int, str]]

LLMKG = str(Path(sys.executable).with_name("llmkg"))
CORPUS = REPO / "examples" / "corpus"
AUTH = {"Authorization": f"Bearer {API_TOKEN}"}
LK = "https://w3id.org/llmkg/ontology#"
PROV = "http://www.w3.org/ns/prov#"
#: metadata that differs between two ingests of the same document: when it happened
TIMES = {PROV + "generatedAtTime", PROV + "endedAtTime"}
SEED = 20250105


# --------------------------------------------------------------------------- helpers


def _release_notes(lines: int, tag: str) -> str:
    """A synthetic release note with ``lines`` models, each fine-tuned and benchmarked (~180 quads
    a line), so that writing it takes long enough to be caught half-way."""
    body = "\n\n".join(f"Acme Labs released {tag}-{i} 7B, fine-tuned from Mistral 7B, and it scored "
                       f"{50 + i % 40}.{i % 10} on MMLU." for i in range(lines))
    return f"# {tag} release notes\n\n{body}\n"


def _documents(store: KGStore) -> dict[str, str]:
    """Document IRI -> graph IRI, from the metadata graph."""
    rows = store.select(f"SELECT ?d ?g WHERE {{ GRAPH <{META_GRAPH}> {{ ?d lk:documentGraph ?g }} }}")
    return {r["d"]: r["g"] for r in rows}


def _graph_lines(store: KGStore, graph: str) -> set[str]:
    return {str(q) for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def _meta_lines(store: KGStore, doc: str) -> set[str]:
    """The document's metadata quads (itself and its ingestion activity) without the times."""
    meta = ox.NamedNode(str(META_GRAPH))
    return {str(q) for subject in (doc, doc + "/ingestion")
            for q in store.ox.quads_for_pattern(ox.NamedNode(subject), None, None, meta)
            if q.predicate.value not in TIMES}


def _check_consistent(store: KGStore) -> dict[str, str]:
    """Assert the store's invariants; return its documents.

    Every document graph belongs to a document with complete metadata, every metadata subject
    belongs to a document, and the default graph is exactly the set union of the named graphs.
    """
    docs = _documents(store)
    others = set(store.named_graphs()) - {str(META_GRAPH), str(ONTOLOGY_GRAPH)}
    assert others <= set(docs.values()), f"graphs without a document: {others - set(docs.values())}"
    subjects: dict[str, set[str]] = {}
    for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(META_GRAPH))):
        subjects.setdefault(q.subject.value, set()).add(q.predicate.value)
    for doc in docs:
        preds = subjects.get(doc, set())
        for needed in (LK + "contentHash", LK + "extractorVersion", LK + "documentGraph",
                       "http://purl.org/dc/terms/source", PROV + "generatedAtTime"):
            assert needed in preds, f"{doc} lacks {needed}"
        assert PROV + "endedAtTime" in subjects.get(doc + "/ingestion", set())
    orphans = {s for s in subjects if s.removesuffix("/ingestion") not in docs}
    assert not orphans, f"metadata of no document: {sorted(orphans)[:3]}"
    default, union = set(), set()
    for q in store.quads():
        triple = f"{q.subject} {q.predicate} {q.object}"
        (default if isinstance(q.graph_name, ox.DefaultGraph) else union).add(triple)
    assert default == union, (len(default - union), len(union - default))
    return docs


def _state(store: KGStore) -> frozenset[str]:
    """Every quad but the ingestion times (which differ between two ingests of the same text)."""
    return frozenset(str(q) for q in store.quads() if q.predicate.value not in TIMES)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _run(args: list[str], *, timeout: float = 120, **kwargs: object) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``llmkg ARGS`` to completion; return the result and how long it took."""
    started = time.monotonic()
    result = subprocess.run([LLMKG, *args], capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, "LLMKG_API_TOKEN": ""}, **kwargs)  # type: ignore[call-overload]
    return result, time.monotonic() - started


def _sparql_json(server: LiveServer, query: str) -> dict[str, object]:
    r = httpx.post(server.url + "/sparql", data={"query": query}, timeout=60,
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    data: dict[str, object] = r.json()
    return data


@pytest.fixture(scope="module")
def server(corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``llmkg serve`` with writes enabled on its own copy of the sample-corpus store (no rate limit:
    these tests make their own load)."""
    root = tmp_path_factory.mktemp("hardening-store")
    shutil.copytree(corpus_store_dir, root / "store")
    live = LiveServer(root / "store", {"LLMKG_API_TOKEN": API_TOKEN, "LLMKG_RATE_LIMIT_PER_S": "0"},
                      root / "server.log")
    yield live
    live.stop()


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A closed on-disk store holding three documents of the sample corpus."""
    path = tmp_path_factory.mktemp("small") / "store"
    files = sorted(p for p in CORPUS.iterdir() if p.suffix == ".md")[:3]
    with open_store(path) as store:
        report = run_ingest(files, settings=Settings(store=path), store=store, nlp=nlp)
    assert report.failed == [] and len(report.outcomes) == 3
    return path


# --------------------------------------------------------------------------- T1


def _documents_now(path: Path) -> int | None:
    """Documents a read-only view of ``path`` shows now (None while it cannot be opened)."""
    try:
        view = ox.Store.read_only(str(path))
        rows = list(view.query(f"SELECT (COUNT(?d) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> "
                               f"{{ ?d a <{LK}Document> }} }}"))
    except (OSError, RuntimeError):
        return None
    return int(rows[0]["n"].value)  # type: ignore[union-attr]


@pytest.mark.parametrize("kills", [3])
def test_t1_kill_9_mid_ingest_leaves_each_document_whole_or_absent(tmp_path: Path, corpus_store_dir: Path,
                                                                   kills: int) -> None:
    with open_store(corpus_store_dir, read_only=True) as ref:
        reference = {d: (_graph_lines(ref, g), _meta_lines(ref, d)) for d, g in _documents(ref).items()}
    rng = random.Random(SEED)
    store = tmp_path / "store"
    landed = []  # (documents shown when killed, documents after reopening, killed while running)
    present = 0
    for _ in range(kills):
        target = present + rng.randint(1, 4)
        delay = rng.uniform(0.0, 0.04)  # about one document's extraction and write
        with (tmp_path / "ingest.log").open("ab") as log:
            proc = subprocess.Popen([LLMKG, "ingest", "-q", "--store", str(store), str(CORPUS)],
                                    stdout=log, stderr=log)
        shown = 0
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            shown = _documents_now(store) or shown
            if shown >= target:
                break
            time.sleep(0.005)
        time.sleep(delay)
        running = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with open_store(store) as kg:
            docs = _check_consistent(kg)
            for doc, graph in docs.items():
                assert doc in reference, f"{doc} is no document of the corpus"
                assert (_graph_lines(kg, graph), _meta_lines(kg, doc)) == reference[doc], doc
            for doc in set(reference) - set(docs):
                assert not _meta_lines(kg, doc)
        present = len(docs)
        landed.append((shown, present, running))
    assert sum(running for *_, running in landed) >= 2, landed  # the kills hit a running ingest
    finished, _ = _run(["ingest", "-q", "--store", str(store), str(CORPUS)])
    assert finished.returncode == 0, finished.stderr
    with open_store(store) as kg:
        docs = _check_consistent(kg)
        assert {d: (_graph_lines(kg, g), _meta_lines(kg, d)) for d, g in docs.items()} == reference


#: ``llmkg ingest`` (the real command, in a real process) with the start and end of each
#: store write appended to the file ARGV[1], so a test can kill it inside the write; nothing else
#: is changed
_MARKED = """
import sys, time
from kg import store
marks = open(sys.argv[1], "a", buffering=1)
write = store.KGStore.replace_document

def replace_document(self, *args, **kwargs):
    marks.write(f"begin {time.monotonic()}\\n")
    quads = write(self, *args, **kwargs)
    marks.write(f"end {time.monotonic()}\\n")
    return quads

store.KGStore.replace_document = replace_document
sys.argv = ["llmkg", *sys.argv[2:]]
from llmkg.cli import main
main()
"""


def _marked_ingest(store: Path, marks: Path, *paths: Path) -> subprocess.Popen[bytes]:
    with marks.with_suffix(".log").open("ab") as log:
        return subprocess.Popen([sys.executable, "-c", _MARKED, str(marks), "ingest", "-q", "--store",
                                 str(store), *map(str, paths)], stdout=log, stderr=log,
                                env={**os.environ, "LLMKG_API_TOKEN": ""})


def _marks(marks: Path) -> dict[str, float]:
    """The times written by :data:`_MARKED`: ``begin`` and, once the write returned, ``end``."""
    if not marks.exists():
        return {}
    return {kind: float(at) for kind, at in (line.split() for line in marks.read_text().splitlines())}


@pytest.mark.parametrize(("lines", "kills"), [(80, 3)])
def test_t1_kill_9_inside_the_write_leaves_the_old_or_the_new_version_never_a_mix(tmp_path: Path,
                                                                                   nlp: Language,
                                                                                   lines: int,
                                                                                   kills: int) -> None:
    """A changed file is re-ingested: one update drops the old version's ~7,000 quads and inserts
    the new one's. ``llmkg ingest`` is killed from a tenth to seven tenths into that update (timed
    from a clean run of the same write); each reopened store holds exactly the old or the new version."""
    note = tmp_path / "notes.md"
    note.write_text(_release_notes(lines, "Vega"), encoding="utf-8")
    base = tmp_path / "base"
    with open_store(base) as kg:
        run_ingest([note], settings=Settings(store=base), store=kg, nlp=nlp)
        old = _state(kg)
    note.write_text(_release_notes(lines, "Lyra"), encoding="utf-8")  # the next version of the file
    shutil.copytree(base, tmp_path / "clean")
    clean = _marked_ingest(tmp_path / "clean", tmp_path / "clean.marks", note)
    assert clean.wait(timeout=120) == 0, (tmp_path / "clean.log").read_text()
    with open_store(tmp_path / "clean") as kg:
        assert len(_check_consistent(kg)) == 1  # the new version replaced the old one
        new = _state(kg)
    timing = _marks(tmp_path / "clean.marks")
    write_s = timing["end"] - timing["begin"]
    assert old != new and write_s > 0.05, write_s  # a write long enough to land inside
    inside = []
    for i in range(kills):
        store, marks = tmp_path / f"killed-{i}", tmp_path / f"killed-{i}.marks"
        shutil.copytree(base, store)
        proc = _marked_ingest(store, marks, note)
        deadline = time.monotonic() + 120
        while "begin" not in _marks(marks) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        assert "begin" in _marks(marks), (tmp_path / f"killed-{i}.log").read_text()
        time.sleep(write_s * (0.1 + 0.6 * i / (kills - 1)))  # a tenth to seven tenths in
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        inside.append("end" not in _marks(marks))  # killed before the write returned
        with open_store(store) as kg:
            _check_consistent(kg)
            state = _state(kg)
        assert state in (old, new), f"kill {i}: {len(state - old - new)} quads of neither version"
    assert sum(inside) >= 2, inside  # the kills did land inside the write


# --------------------------------------------------------------------------- T2

T2_TEXTS = ["Acme Labs released Foo-7B, fine-tuned from Mistral 7B. Foo-7B scored 61.2 on MMLU.",
            "Borealis AI announced Aurora-2 70B, the successor of Aurora-1. It has a 128k context window.",
            "Corvid Labs released Kestrel 3.5 Mini, distilled from Kestrel 3.5, under an open licence."]


@pytest.mark.parametrize("texts", [T2_TEXTS])
def test_t2_kill_9_right_after_post_documents_200_keeps_the_document(tmp_path: Path, nlp: Language,
                                                                     texts: list[str]) -> None:
    store = tmp_path / "store"
    env = {"LLMKG_API_TOKEN": API_TOKEN, "LLMKG_RATE_LIMIT_PER_S": "0"}
    first = LiveServer(store, env, tmp_path / "first.log")
    try:
        written = []
        for i, text in enumerate(texts):
            r = httpx.post(first.url + "/documents", json={"text": text, "source": f"note-{i}.md"},
                           headers=AUTH, timeout=60)
            assert r.status_code == 200, r.text
            written.append(r.json()["outcomes"][0]["document"])
        first.proc.send_signal(signal.SIGKILL)  # at once: no shutdown, no flush
        first.proc.wait(timeout=30)
    finally:
        first.stop()
    again = LiveServer(store, env, tmp_path / "again.log")
    try:
        listed = httpx.get(again.url + "/api/documents", params={"limit": 50}, timeout=30).json()
        assert {item["iri"] for item in listed["items"]} == set(written)
    finally:
        again.stop()
    with open_store(store) as kg, open_store(None) as ref:
        for i, text in enumerate(texts):  # the same uploads, in the same order, into a scratch store
            ingest_bytes(text.encode("utf-8"), f"upload:note-{i}.md", suffix=".md",
                         settings=Settings(store=tmp_path / "unused"), store=ref, nlp=nlp)
        docs = _check_consistent(kg)
        expected = _documents(ref)
        assert docs == expected
        for doc, graph in docs.items():
            assert (_graph_lines(kg, graph), _meta_lines(kg, doc)) == (_graph_lines(ref, graph),
                                                                       _meta_lines(ref, doc))


# --------------------------------------------------------------------------- T3


@pytest.mark.parametrize("writers", [8])
def test_t3_concurrent_api_ingests_of_different_documents_are_all_stored(server: LiveServer,
                                                                         writers: int) -> None:
    before = httpx.get(server.url + "/health", timeout=30).json()["documents"]
    barrier = threading.Barrier(writers)
    answers: list[httpx.Response | None] = [None] * writers

    def post(i: int) -> None:
        text = (f"Halcyon Labs {i} released Halcyon-{i} 13B on May {i + 1}, 2025. Halcyon-{i} 13B was "
                f"fine-tuned from Llama 3 8B and scored {70 + i}.5 on GSM8K.")
        barrier.wait()
        answers[i] = httpx.post(server.url + "/documents", json={"text": text, "source": f"t3-{i}.md"},
                                headers=AUTH, timeout=120)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outcomes = []
    for r in answers:
        assert r is not None and r.status_code == 200, r and r.text
        outcomes.append(r.json()["outcomes"][0])
    assert [o["status"] for o in outcomes] == ["added"] * writers
    assert httpx.get(server.url + "/health", timeout=30).json()["documents"] == before + writers
    for o in outcomes:  # every quad each write reported is there
        doc = o["document"]
        rows = _sparql_json(server, f"""SELECT (COUNT(*) AS ?n) WHERE {{
            {{ <{doc}> lk:documentGraph ?g . GRAPH ?g {{ ?s ?p ?o }} }} UNION
            {{ GRAPH <{META_GRAPH}> {{ ?s ?p ?o VALUES ?s {{ <{doc}> <{doc}/ingestion> }} }} }} }}""")
        assert int(rows["results"]["bindings"][0]["n"]["value"]) == o["quads"]  # type: ignore[index]
    for ask in ("ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }",
                "ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"):
        assert _sparql_json(server, ask)["boolean"] is False  # default graph == union of graphs


@pytest.mark.parametrize(("writers", "rounds"), [(4, 11)])
def test_t3_library_writers_in_threads_keep_the_union_and_lose_nothing(tmp_path: Path, writers: int,
                                                                       rounds: int) -> None:
    from rdflib import Literal

    p = URIRef("https://example.org/p")
    shared = [(URIRef(f"https://example.org/shared/{j}"), p, Literal(f"shared {j}")) for j in range(300)]
    barrier = threading.Barrier(writers)
    with open_store(tmp_path / "store") as kg:

        def write(i: int) -> None:
            doc, g = URIRef(f"https://example.org/doc/{i}"), URIRef(f"https://example.org/graph/{i}")
            own = [(URIRef(f"https://example.org/own/{i}/{j}"), p, Literal(f"own {j}")) for j in range(300)]
            barrier.wait()
            for r in range(rounds):  # add, remove, add, ...: ends with the document present
                triples = shared + own if r % 2 == 0 else shared[: len(shared) // 2]
                kg.replace_document(doc, g, [(*t, g) for t in triples]
                                    + [(doc, URIRef(LK + "documentGraph"), g, META_GRAPH)])

        threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for i in range(writers):
            assert len(_graph_lines(kg, f"https://example.org/graph/{i}")) == 600
        default = {f"{q.subject} {q.predicate} {q.object}" for q in kg.quads()
                   if isinstance(q.graph_name, ox.DefaultGraph)}
        union = {f"{q.subject} {q.predicate} {q.object}" for q in kg.quads()
                 if not isinstance(q.graph_name, ox.DefaultGraph)}
        assert default == union


# --------------------------------------------------------------------------- T4


def _together(*calls: Callable[[], object]) -> list[BaseException]:
    """Run each call in its own thread, all released at once; return what they raised."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            call()
        except BaseException as e:  # noqa: BLE001 - reported by the caller
            errors.append(e)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _delete_after(kg: KGStore, doc: URIRef, pause: float) -> None:
    time.sleep(pause)
    kg.delete_document(doc)


@pytest.mark.parametrize("rounds", [12])
def test_t4_concurrent_reingest_and_delete_end_in_one_serial_order(tmp_path: Path, nlp: Language,
                                                                   rounds: int) -> None:
    """A forced re-ingest and a delete of the same document race; the delete starts anywhere from
    before the re-ingest's extraction to after its write (up to 1.5 re-ingest times), so
    both serial orders happen (more rounds are run, up to 4x, until they have)."""
    data = sorted(CORPUS.glob("*.md"))[0].read_bytes()
    settings = Settings(store=tmp_path / "store")
    ends = {"present": 0, "absent": 0}
    with open_store(settings.store) as kg:
        without = _state(kg)
        doc = URIRef(ingest_bytes(data, "t4.md", settings=settings, store=kg, nlp=nlp).outcomes[0].document)
        with_doc = _state(kg)
        started = time.monotonic()
        ingest_bytes(data, "t4.md", settings=settings, store=kg, nlp=nlp, force=True)
        took = time.monotonic() - started
        reingest = functools.partial(ingest_bytes, data, "t4.md", settings=settings, store=kg, nlp=nlp,
                                     force=True)
        r = 0
        while r < rounds or (min(ends.values()) == 0 and r < 4 * rounds):
            if kg.document_meta(doc) is None:
                ingest_bytes(data, "t4.md", settings=settings, store=kg, nlp=nlp)
            pause = 1.5 * took * (r % rounds) / (rounds - 1)
            errors = _together(reingest, functools.partial(_delete_after, kg, doc, pause))
            assert errors == []
            state = _state(kg)
            assert state in (with_doc, without), f"round {r}: neither serial order"
            ends["present" if state == with_doc else "absent"] += 1
            _check_consistent(kg)
            r += 1
    assert min(ends.values()) > 0, ends  # the delete won in some rounds and lost in others


# --------------------------------------------------------------------------- T5


def test_t5_second_process_on_a_served_store_fails_fast_and_the_first_goes_on(server: LiveServer,
                                                                              tmp_path: Path) -> None:
    health = httpx.get(server.url + "/health", timeout=30).json()
    note = tmp_path / "note.md"
    note.write_text("Acme Labs released Foo-9B, fine-tuned from Mistral 7B.\n", encoding="utf-8")
    ingest, ingest_s = _run(["ingest", "--store", str(server.store), str(note)])
    serve, serve_s = _run(["serve", "--store", str(server.store), "--port", str(_free_port())], timeout=60)
    for result, seconds in ((ingest, ingest_s), (serve, serve_s)):
        assert result.returncode == 4, result.stderr
        assert seconds < 10
        assert "in use by another llmkg process" in result.stderr
        assert str(server.store) in result.stderr
        assert "Traceback" not in result.stderr
    assert server.proc.poll() is None
    assert httpx.get(server.url + "/health", timeout=30).json() == health
    rows = _sparql_json(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows["results"]["bindings"][0]["n"]["value"]) > 0  # type: ignore[index]


# --------------------------------------------------------------------------- T6


@pytest.mark.parametrize("lines", [80])
def test_t6_a_query_during_a_large_commit_sees_before_or_after_never_half(tmp_path: Path, nlp: Language,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          lines: int) -> None:
    """A watcher thread queries the store over and over while a re-ingest replaces ~7,000 quads.
    It samples once before the ingest starts, goes on through the write, and stops only after a
    sample begun once the ingest returned; some samples must have run during the write itself."""
    settings = Settings(store=tmp_path / "store")
    old, new = _release_notes(lines, "Vega").encode(), _release_notes(lines, "Lyra").encode()
    with open_store(None) as scratch:  # the new version's IRIs (they come from its content)
        made = ingest_bytes(new, "notes.md", settings=settings, store=scratch, nlp=nlp).outcomes[0]
        new_doc, new_graph = made.document, _documents(scratch)[made.document]
    with open_store(settings.store) as kg:
        old_doc = ingest_bytes(old, "notes.md", settings=settings, store=kg, nlp=nlp).outcomes[0].document
        old_graph = _documents(kg)[old_doc]
        probe = f"""SELECT * WHERE {{
            {{ SELECT (COUNT(*) AS ?old) WHERE {{ GRAPH <{old_graph}> {{ ?s ?p ?o }} }} }}
            {{ SELECT (COUNT(*) AS ?new) WHERE {{ GRAPH <{new_graph}> {{ ?s ?p ?o }} }} }}
            {{ SELECT (COUNT(*) AS ?meta) WHERE {{ GRAPH <{META_GRAPH}> {{ ?d ?p ?o
                 VALUES ?d {{ <{old_doc}> <{new_doc}> }} }} }} }}
            {{ SELECT (COUNT(*) AS ?default) WHERE {{ ?s ?p ?o }} }} }}"""

        def sample() -> tuple[int, ...]:
            row = kg.select(probe)[0]
            return row["old"], row["new"], row["meta"], row["default"]

        writes: list[tuple[float, float]] = []
        write = kg.replace_document

        def timed_write(*args: object, **kwargs: object) -> int:
            started = time.monotonic()
            try:
                return write(*args, **kwargs)
            finally:
                writes.append((started, time.monotonic()))

        monkeypatch.setattr(kg, "replace_document", timed_write)
        before = sample()
        seen: list[tuple[float, float, tuple[int, ...]]] = []  # (started, ended, sample)
        failures: list[BaseException] = []
        sampled, returned = threading.Event(), threading.Event()

        def watch() -> None:
            try:
                while True:
                    last = returned.is_set()  # the ingest had returned when this sample began
                    started = time.monotonic()
                    value = sample()
                    seen.append((started, time.monotonic(), value))
                    sampled.set()
                    if last:
                        return
            except BaseException as e:  # noqa: BLE001 - reported below
                failures.append(e)
                sampled.set()

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        assert sampled.wait(timeout=60)  # one sample before the ingest begins
        try:
            outcome = ingest_bytes(new, "notes.md", settings=settings, store=kg, nlp=nlp).outcomes[0]
        finally:
            returned.set()
            watcher.join(timeout=60)
        assert not watcher.is_alive() and failures == [], failures
        assert outcome.status == "replaced"
        after = sample()
    assert before[0] > 1000 and before[1] == 0 and after[0] == 0 and after[1] > 1000
    values = [value for _, _, value in seen]
    assert set(values) <= {before, after}, set(values) - {before, after}
    assert values[0] == before and values[-1] == after  # the queries ran on both sides of the commit
    (write_started, write_ended), = writes
    during = [value for started, ended, value in seen if started < write_ended and ended > write_started]
    assert during, "no query ran while the write was in progress"


# --------------------------------------------------------------------------- T7


def _tmpfs(path: Path, size_mb: int) -> bool:
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(path)],
                             capture_output=True)
    return mounted.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs (skipped where mounting needs privileges this process lacks)."""
    disk = tmp_path / "disk"
    if not _tmpfs(disk, 16):
        pytest.skip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN); "
                    "test_t7_file_size_limit_during_ingest covers the same write failure")
    try:
        yield disk
    finally:
        if subprocess.run(["umount", str(disk)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _assert_write_refused(result: subprocess.CompletedProcess[str], reason: str) -> None:
    assert result.returncode != 0
    assert "write failed, nothing was stored" in result.stderr
    assert reason in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_t7_disk_full_during_ingest_errors_and_keeps_previous_data(tiny_disk: Path, tmp_path: Path,
                                                                    nlp: Language, snapshot: Snapshot) -> None:
    store = tiny_disk / "store"
    with open_store(store) as kg:
        run_ingest([sorted(CORPUS.glob("*.md"))[0]], settings=Settings(store=store), store=kg, nlp=nlp)
    with open_store(store) as kg:
        before = snapshot(kg)
    big = tmp_path / "big.md"
    big.write_text(_release_notes(200, "Orion"), encoding="utf-8")  # ~19 MB of write-ahead log
    full, _ = _run(["ingest", "--store", str(store), str(big)])
    _assert_write_refused(full, "No space left on device")
    while_full, _ = _run(["stats", "--store", str(store)])  # a store that cannot even open says why
    assert while_full.returncode in (0, 4), while_full.stderr
    if while_full.returncode == 4:
        assert "disk is full" in while_full.stderr and "internal error" not in while_full.stderr
    remount = subprocess.run(["mount", "-o", "remount,size=64m", str(tiny_disk)], capture_output=True)
    assert remount.returncode == 0, remount.stderr
    with open_store(store) as kg:
        assert snapshot(kg) == before


_LIMITED = """
import os, resource, signal, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # an error (EFBIG), not a killed process
os.execv(sys.argv[2], sys.argv[2:])
"""


@pytest.mark.parametrize("limit_mb", [8])
def test_t7_file_size_limit_during_ingest_errors_and_keeps_previous_data(tmp_path: Path, nlp: Language,
                                                                         snapshot: Snapshot,
                                                                         limit_mb: int) -> None:
    store = tmp_path / "store"
    with open_store(store) as kg:
        run_ingest([sorted(CORPUS.glob("*.md"))[0]], settings=Settings(store=store), store=kg, nlp=nlp)
    with open_store(store) as kg:
        before = snapshot(kg)
    big = tmp_path / "big.md"
    big.write_text(_release_notes(120, "Orion"), encoding="utf-8")  # ~11 MB of write-ahead log
    started = time.monotonic()
    limited = subprocess.run([sys.executable, "-c", _LIMITED, str(limit_mb << 20), LLMKG, "ingest",
                              "--store", str(store), str(big)], capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60
    _assert_write_refused(limited, "File too large")
    with open_store(store) as kg:
        assert snapshot(kg) == before


# --------------------------------------------------------------------------- T8


def _manifest_pair(path: Path) -> tuple[int, str]:
    manifest = read_manifest(path)
    return manifest.quads, manifest.sha256


def test_t8_cli_backup_and_restore_into_a_fresh_path_match(small_store: Path, tmp_path: Path,
                                                             snapshot: Snapshot) -> None:
    source = tmp_path / "source"
    shutil.copytree(small_store, source)
    backup, _ = _run(["backup", str(tmp_path / "backup"), "--store", str(source)])
    assert backup.returncode == 0, backup.stderr
    with open_store(source) as kg:
        expected = snapshot(kg)
    assert _manifest_pair(tmp_path / "backup") == expected
    restored, _ = _run(["restore", str(tmp_path / "backup"), "--store", str(tmp_path / "fresh")])
    assert restored.returncode == 0, restored.stderr
    with open_store(tmp_path / "fresh") as kg:
        assert snapshot(kg) == expected
    # the same backup over a store that holds something else: only with --force, then whole
    other = tmp_path / "other"
    with open_store(other) as kg:
        other_state = snapshot(kg)
    refused, _ = _run(["restore", str(tmp_path / "backup"), "--store", str(other)])
    assert refused.returncode == 2 and "--force" in refused.stderr
    with open_store(other) as kg:
        assert snapshot(kg) == other_state
    forced, _ = _run(["restore", str(tmp_path / "backup"), "--store", str(other), "--force"])
    assert forced.returncode == 0, forced.stderr
    with open_store(other) as kg:
        assert snapshot(kg) == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left


@pytest.mark.parametrize("damage", ["manifest_hash", "missing_table_file", "no_manifest"])
def test_t8_restore_refuses_a_damaged_backup_and_leaves_the_target(small_store: Path, tmp_path: Path,
                                                                   snapshot: Snapshot, damage: str) -> None:
    source = tmp_path / "source"
    shutil.copytree(small_store, source)
    with open_store(source) as kg:
        backup_store(kg, tmp_path / "backup")
    manifest = tmp_path / "backup" / "manifest.json"
    if damage == "manifest_hash":
        data = json.loads(manifest.read_text())
        manifest.write_text(json.dumps({**data, "sha256": "0" * 64}))
    elif damage == "missing_table_file":
        max((tmp_path / "backup" / "store").glob("*.sst"), key=lambda p: p.stat().st_size).unlink()
    else:
        manifest.unlink()
    target = tmp_path / "target"
    with open_store(target) as kg:
        before = snapshot(kg)
    refused = InvalidInputError if damage == "no_manifest" else StoreError
    with pytest.raises(refused, match="not an llmkg backup" if damage == "no_manifest" else "is damaged"):
        restore_store(tmp_path / "backup", target, force=True)
    with open_store(target) as kg:
        assert snapshot(kg) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_t8_library_backup_while_threads_read_then_restore_matches(small_store: Path, tmp_path: Path,
                                                                    snapshot: Snapshot) -> None:
    source = tmp_path / "source"
    shutil.copytree(small_store, source)
    reads: list[int] = []
    done = threading.Event()
    with open_store(source) as kg:
        expected = snapshot(kg)

        def read() -> None:
            while not done.is_set():
                reads.append(len(kg.select("SELECT ?s WHERE { ?s a lk:Model }")))

        readers = [threading.Thread(target=read) for _ in range(2)]
        for t in readers:
            t.start()
        try:
            made = backup_store(kg, tmp_path / "backup")
        finally:
            done.set()
            for t in readers:
                t.join()
    assert (made.quads, made.sha256) == expected
    assert reads and len(set(reads)) == 1
    restored = restore_store(tmp_path / "backup", tmp_path / "fresh")
    assert restored == made
    with open_store(tmp_path / "fresh") as kg:
        assert snapshot(kg) == expected


def test_t8_backup_of_a_served_store_via_the_api_then_restore_matches(server: LiveServer, tmp_path: Path,
                                                                       snapshot: Snapshot) -> None:
    backups = server.store.with_name(server.store.name + ".backups")
    for headers in ({}, {"Authorization": "Bearer " + "x" * len(API_TOKEN)}):  # no token, a wrong one
        refused = httpx.post(server.url + "/admin/backup", headers=headers, timeout=30)
        assert refused.status_code == 401, refused.text
        assert refused.json()["error"] == "unauthorized"
    assert not backups.exists()  # nothing was written for them
    held, _ = _run(["backup", str(tmp_path / "cli-backup"), "--store", str(server.store)])
    assert held.returncode == 4 and "POST /admin/backup" in held.stderr
    statuses: list[int] = []
    done = threading.Event()

    def read() -> None:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            while not done.is_set():
                statuses.append(client.get("/api/documents", params={"limit": 5}).status_code)
                statuses.append(client.get("/api/entities", params={"q": "llama", "limit": 5}).status_code)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    try:
        answer = httpx.post(server.url + "/admin/backup", headers=AUTH, timeout=120)
    finally:
        done.set()
        for t in readers:
            t.join()
    assert answer.status_code == 200, answer.text
    made = answer.json()
    assert statuses and set(statuses) == {200}
    assert made["quads"] == httpx.get(server.url + "/health", timeout=30).json()["quads"]
    backup = Path(made["path"])
    assert _manifest_pair(backup) == (made["quads"], made["sha256"])
    restored, _ = _run(["restore", str(backup), "--store", str(tmp_path / "fresh")])
    assert restored.returncode == 0, restored.stderr
    with open_store(tmp_path / "fresh") as kg:
        assert snapshot(kg) == (made["quads"], made["sha256"])
    refused, _ = _run(["restore", str(backup), "--store", str(server.store), "--force"])
    assert refused.returncode == 4 and "in use" in refused.stderr
    assert httpx.get(server.url + "/health", timeout=30).json()["quads"] == made["quads"]


def test_t8_a_server_without_a_token_refuses_backup_with_403(live_server: LiveServer) -> None:
    answer = httpx.post(live_server.url + "/admin/backup", headers=AUTH, timeout=30)
    assert answer.status_code == 403 and answer.json()["error"] == "forbidden", answer.text
    assert not live_server.store.with_name(live_server.store.name + ".backups").exists()


# --------------------------------------------------------------------------- T9


def _damage(store: Path, kind: str) -> None:
    tables = sorted(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    if kind == "current_empty":
        (store / "CURRENT").write_bytes(b"")
    elif kind == "current_garbage":
        (store / "CURRENT").write_text("MANIFEST-999999\n")
    elif kind == "current_missing":
        (store / "CURRENT").unlink()
    elif kind == "manifest_truncated":
        manifest = next(store.glob("MANIFEST-*"))
        manifest.write_bytes(manifest.read_bytes()[:100])
    elif kind == "table_truncated":
        for t in tables:
            t.write_bytes(t.read_bytes()[: t.stat().st_size // 2])
    elif kind == "table_missing":
        tables[-1].unlink()
    elif kind == "table_blocks_corrupt":  # data blocks only: found when read (block checksums)
        for t in tables:
            if t.stat().st_size > 20_000:
                with t.open("r+b") as fh:
                    fh.seek(200)
                    fh.write(b"X" * 64)
    elif kind == "not_a_store":
        shutil.rmtree(store)
        store.mkdir()
        (store / "notes.txt").write_text("my notes\n")
    elif kind == "a_file":
        shutil.rmtree(store)
        store.write_text("not a store\n")


DAMAGE = ["current_empty", "current_garbage", "current_missing", "manifest_truncated", "table_truncated",
          "table_missing", "table_blocks_corrupt", "not_a_store", "a_file"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_t9_damaged_store_fails_loudly_never_empty(small_store: Path, tmp_path: Path, kind: str) -> None:
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    _damage(store, kind)
    listing = sorted(p.name for p in store.iterdir()) if store.is_dir() else None
    result, seconds = _run(["stats", "--store", str(store)])
    assert result.returncode == 4, (result.stdout, result.stderr)
    assert result.stderr.startswith("error: ") and str(store) in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "documents" not in result.stdout  # nothing was counted: not an empty store
    expected = {"not_a_store": "is not an llmkg store", "current_missing": "is not an llmkg store",
                "a_file": "is a file"}.get(kind, "the store is damaged")
    assert expected in result.stderr
    assert seconds < 10
    if kind in ("not_a_store", "current_missing"):  # refused before anything was written there
        assert sorted(p.name for p in store.iterdir()) == listing


@pytest.mark.parametrize("kind", ["current_garbage", "not_a_store"])
def test_t9_serve_on_a_damaged_store_exits_at_once(small_store: Path, tmp_path: Path, kind: str) -> None:
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    _damage(store, kind)
    result, seconds = _run(["serve", "--store", str(store), "--port", str(_free_port())], timeout=60)
    assert result.returncode == 4, result.stderr
    assert result.stderr.startswith("error: ") and str(store) in result.stderr
    assert "Traceback" not in result.stderr
    assert seconds < 10


def test_t9_damaged_store_from_the_library_raises_store_error(small_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    _damage(store, "table_blocks_corrupt")
    with pytest.raises(StoreError, match="damaged"):
        with open_store(store) as kg:
            kg.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")


# --------------------------------------------------------------------------- T10


def test_t10_in_memory_store_is_not_durable_and_cannot_be_backed_up(tmp_path: Path, nlp: Language) -> None:
    text = sorted(CORPUS.glob("*.md"))[0].read_bytes()
    settings = Settings(store=tmp_path / "unused")
    with open_store(None) as mem:
        ingest_bytes(text, "memory.md", settings=settings, store=mem, nlp=nlp)
        assert _documents(mem)
        with pytest.raises(StoreError, match="not durable"):
            backup_store(mem, tmp_path / "backup")
    with open_store(None) as again:
        assert _documents(again) == {}  # a new in-memory store starts empty: nothing was kept
    assert not (tmp_path / "backup").exists() and not settings.store.exists()
    # the rdflib view of an on-disk store is the same Oxigraph store, not rdflib's Memory
    with open_store(tmp_path / "disk") as kg:
        ingest_bytes(text, "disk.md", settings=Settings(store=tmp_path / "disk"), store=kg, nlp=nlp)
        assert type(kg.dataset().store).__name__ == "OxigraphStore"
    with open_store(tmp_path / "disk") as kg:
        assert len(_documents(kg)) == 1
