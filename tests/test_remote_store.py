"""Specs for kg.remote: llmkg on a real Oxigraph server (``oxigraph serve``) over SPARQL 1.1 Query,
Update and the Graph Store Protocol, with the embedded store's semantics.

The servers run on loopback ports of this machine, in temporary directories, and are stopped
when their fixture ends. "The same" means: the same quads (ingestion timestamps aside) and the
same answers from every library query (lineage, lookups, search, claims, contradictions,
results, documents, analytics, exports) as the embedded store given the same documents.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.errors import InvalidInputError, StoreError
from kg.remote import RemoteStore, bind_variables, parse_store_url
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, ONTOLOGY_GRAPH

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
LLMKG = Path(sys.executable).with_name("llmkg")
TIMES = ("http://www.w3.org/ns/prov#generatedAtTime", "http://www.w3.org/ns/prov#endedAtTime")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(check: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up in {timeout_s:g} s")
        time.sleep(0.05)


class OxigraphServer:
    """``oxigraph serve`` on a loopback port with its data in ``location`` (killed on stop)."""

    def __init__(self, location: Path, port: int | None = None) -> None:
        self.location = location
        self.port = port or free_port()
        self.root = f"http://127.0.0.1:{self.port}"
        self.url = self.root + "/query"
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        binary = shutil.which("oxigraph", path=str(LLMKG.parent)) or shutil.which("oxigraph")
        assert binary is not None
        self.proc = subprocess.Popen([binary, "serve", "--location", str(self.location), "--bind",
                                      f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self._answers, 30, "oxigraph serve")

    def _answers(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {self.proc.returncode}")
        try:
            return httpx.get(self.url, params={"query": "ASK {}"}, timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def clear(self) -> None:
        """Empty the server (every graph, the default graph too)."""
        httpx.post(self.root + "/update", data={"update": "DROP ALL"}, timeout=30).raise_for_status()


@pytest.fixture(scope="session")
def oxigraph_bin() -> str:
    binary = shutil.which("oxigraph", path=str(LLMKG.parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install 'oxigraph>=0.5,<0.6')")
    return binary


@pytest.fixture(scope="session")
def oxigraph(oxigraph_bin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One Oxigraph server for the session (tests that need it empty use ``remote``)."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "data")
    yield server
    server.stop(signal.SIGKILL)


@pytest.fixture
def remote(oxigraph: OxigraphServer) -> Iterator[RemoteStore]:
    """A remote store on the session's server, emptied first (only the ontology, loaded on open)."""
    oxigraph.clear()
    store = open_store(oxigraph.url)
    assert isinstance(store, RemoteStore)
    yield store
    store.close()


@pytest.fixture(scope="module")
def nlp_pipeline() -> Any:
    from ingest.nlp import make_nlp

    return make_nlp(Settings())


def ingest(store: Any, paths: list[Path], nlp: Any) -> None:
    from ingest.pipeline import run_ingest

    report = run_ingest(paths, settings=Settings(), store=store, nlp=nlp)
    assert report.failed == [], [o.error for o in report.failed]


def quad_lines(store: Any) -> set[str]:
    """The store's quads as N-Quads lines, ingestion timestamps blanked (they differ by run)."""
    out = set()
    for q in store.quads():
        if q.predicate.value in TIMES:
            q = ox.Quad(q.subject, q.predicate, ox.Literal("T"), q.graph_name)
        out.add(str(q))
    return out


def default_and_union(store: Any) -> tuple[set[str], set[str]]:
    default, union = set(), set()
    for q in store.quads():
        (default if isinstance(q.graph_name, ox.DefaultGraph) else union).add(str(q.triple))
    return default, union


# --------------------------------------------------------------------------- the library's answers


def library_answers(store: Any, entities: list[str], names: list[str], *,
                    exports: bool = True) -> dict[str, Any]:
    """Every library query's answer on ``store``, JSON-ready, keyed by what was asked."""
    from kg import analytics, claims, lineage, lookups
    from kg.export import Subgraph, export
    from kg.queries import run_query, stats

    def attempt(fn: Callable[[], Any]) -> Any:
        try:
            value = fn()
        except Exception as e:  # noqa: BLE001 - an error is an answer too: both must give it
            return f"{type(e).__name__}: {e}"
        return value

    out: dict[str, Any] = {}
    for name in names:
        out[f"lineage {name}"] = attempt(lambda n=name: lineage.lineage(store, n).to_dict())
        out[f"find {name}"] = attempt(lambda n=name: [m.__dict__ for m in lineage.find_entities(store, n)])
        out[f"search {name}"] = attempt(lambda n=name: lookups.search_entities(store, n[:5]).to_dict())
        out[f"claims about {name}"] = attempt(
            lambda n=name: [c.to_dict() for c in claims.claims(store, n)])
        out[f"count claims about {name}"] = attempt(lambda n=name: claims.count_claims(store, n))
        out[f"contradictions about {name}"] = attempt(
            lambda n=name: [c.to_dict() for c in claims.contradictions(store, n)])
    for iri in entities:
        out[f"entity {iri}"] = attempt(lambda i=iri: lookups.entity(store, i).to_dict())
        out[f"neighbourhood {iri}"] = attempt(lambda i=iri: lookups.neighbourhood(store, i, hops=2).to_dict())
        out[f"results of {iri}"] = attempt(lambda i=iri: lookups.results(store, model=i).to_dict())
        out[f"results on {iri}"] = attempt(lambda i=iri: lookups.results(store, benchmark=i).to_dict())
    for stance in ("asserts", "denies", "speculates"):
        out[f"claims {stance}"] = [c.to_dict() for c in claims.claims(store, stance=stance, limit=1000)]
        out[f"count {stance}"] = claims.count_claims(store, stance=stance)
    out["claims"] = [c.to_dict() for c in claims.claims(store, limit=1000)]
    out["count claims"] = claims.count_claims(store)
    out["contradictions"] = [c.to_dict() for c in claims.contradictions(store)]
    docs = lookups.documents(store, limit=500)
    out["documents"] = _untimed(docs.to_dict())
    for d in docs.items:
        detail = _untimed(lookups.document(store, d.iri).to_dict())
        # facts are ordered by (start, subject, predicate): ties (one sentence stating two objects)
        # come in the engine's order, which is not part of the answer
        detail["facts"].sort(key=lambda f: (f["start"] or 0, json.dumps(f, sort_keys=True)))
        detail["entities"].sort(key=lambda e: (e["label"].lower(), e["iri"]))  # same label: any order
        out[f"document {d.iri}"] = detail
    out["stats"] = stats(store)
    out["summary"] = analytics.summary(store).to_dict()
    out["centrality"] = [r.to_dict() for r in analytics.centrality(store, measure="pagerank", limit=50)]
    out["trees"] = [t.to_dict() for t in analytics.lineage_trees(store)]
    # DISTINCT: on a server whose default graph is the bag union of its graphs (Virtuoso) a
    # query without it sees a triple once per document stating it (test_virtuoso.py pins that)
    out["query table"] = run_query(store, "SELECT DISTINCT ?m ?l WHERE { ?m a lk:Model ; rdfs:label ?l } ORDER BY ?m ?l",
                                   fmt="table")
    if exports:
        for fmt in ("nquads", "graphml", "cytoscape"):
            data = export(store, fmt) or b""
            out[f"export {fmt}"] = sorted(_untimed_line(x) for x in data.decode("utf-8").splitlines())
        for iri in entities[:8]:
            for kind in ("neighbourhood", "lineage"):
                data = attempt(lambda i=iri, k=kind: export(store, "nquads", subgraph=Subgraph(k, i)))
                out[f"export {kind} {iri}"] = data if isinstance(data, str) else sorted(
                    _untimed_line(x) for x in (data or b"").decode("utf-8").splitlines())
    return json.loads(json.dumps(out, sort_keys=True, default=str))


def _untimed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("T" if k == "ingested" else _untimed(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_untimed(v) for v in value]
    return value


def _untimed_line(line: str) -> str:
    return line.split('"', 1)[0] + '"T"' if any(t in line for t in TIMES) else line


def corpus_subjects(store: KGStore) -> tuple[list[str], list[str]]:
    """Entity IRIs and names to ask about: every model, family, lab and benchmark."""
    rows = store.select("""SELECT DISTINCT ?e WHERE { ?e a ?t
        VALUES ?t { lk:Model lk:ModelFamily lk:Organization lk:Benchmark } } ORDER BY ?e""")
    names = ["Llama 4 Scout", "Llama 4 Maverick", "DeepSeek-R1", "Qwen2.5", "Mixtral 8x7B", "Llama 3.1 405B",
             "Grok 3", "Meta", "DeepSeek", "GPT-4o", "Reflection 70B", "Gemma 3", "no such model"]
    return [r["e"] for r in rows], names


def assert_same(expected: dict[str, Any], got: dict[str, Any]) -> None:
    assert expected.keys() == got.keys()
    differing = [k for k in expected if expected[k] != got[k]]
    assert not differing, f"{len(differing)} answers differ, first {differing[0]!r}:\n" \
                          f"embedded: {str(expected[differing[0]])[:1500]}\nremote:   {str(got[differing[0]])[:1500]}"


# --------------------------------------------------------------------------- the store URL


@pytest.mark.parametrize(("url", "update", "gsp", "mode", "auth"), [
    ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store", "copy", "none"),
    ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data", "copy", "none"),
    ("http://dba:pw@h:8890/sparql", "http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth",
     "union", "digest"),
    ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud", "union", "none"),
    ("https://u:p@h:7200/repositories/kg", "https://h:7200/repositories/kg/statements",
     "https://h:7200/repositories/kg/rdf-graphs/service", "union", "basic"),
    ("http://:token@h:7001/", "http://h:7001/", None, "union", "bearer"),
    ("http://h/x/sparql?update=/x/up&gsp=none&default_graph=union&auth=digest", "http://h/x/up", None,
     "union", "none"),
    ("http://u:p@h/x/sparql?update=http://o:1/u&gsp=/g&auth=basic", "http://o:1/u", "http://h/g", "copy", "basic"),
])
def test_remote_store_url_names_its_endpoints(url: str, update: str, gsp: str | None, mode: str,
                                              auth: str) -> None:
    e = parse_store_url(url)
    assert (e.update, e.gsp, e.default_graph, e.auth) == (update, gsp, mode, auth)
    assert "pw" not in e.location and "token" not in e.location and "@" not in e.location


@pytest.mark.parametrize("url", ["http://h/query?auth=kerberos", "http://h/query?default_graph=bag",
                                 "http://h/query?update=ftp://x"])
def test_remote_store_url_with_a_bad_option_is_refused(url: str) -> None:
    with pytest.raises(InvalidInputError, match="store URL"):
        parse_store_url(url)


def test_remote_store_settings_keep_a_url_a_string_and_a_directory_a_path(tmp_path: Path) -> None:
    assert Settings(store="http://127.0.0.1:7878/query").store == "http://127.0.0.1:7878/query"
    assert Settings(store=str(tmp_path)).store == tmp_path
    assert Settings(store="HTTPS://h/sparql").store == "HTTPS://h/sparql"


# --------------------------------------------------------------------------- binding variables


BIND_CASES = [
    # (query, bindings): each must give the same rows as Oxigraph's own substitutions
    ("SELECT ?e ?t WHERE { ?e a ?t }", {"e": URIRef("https://w3id.org/llmkg/ontology#Model")}),
    ("SELECT ?c ?w WHERE { GRAPH ?g { ?c a owl:Class FILTER(?c = ?w) } }",
     {"w": URIRef("https://w3id.org/llmkg/ontology#Model")}),
    ("SELECT (COUNT(*) AS ?n) ?w WHERE { SELECT ?c ?w WHERE { ?c rdfs:subClassOf ?w } } GROUP BY ?w",
     {"w": URIRef("https://w3id.org/llmkg/ontology#Agent")}),
    ("SELECT ?c ?w WHERE { { SELECT ?c WHERE { ?c rdfs:subClassOf ?w } } }",  # ?w not projected inside
     {"w": URIRef("https://w3id.org/llmkg/ontology#Agent")}),
    ("SELECT ?c ?w WHERE { ?c a owl:Class BIND(<urn:x> AS ?w) }", {"w": URIRef("urn:y")}),
    ("SELECT ?c ?w WHERE { ?c a owl:Class VALUES ?w { <urn:x> <urn:y> } }", {"w": URIRef("urn:y")}),
    ("SELECT ?c ?l ?needle WHERE { ?c rdfs:label ?l FILTER(CONTAINS(LCASE(STR(?l)), ?needle)) } ORDER BY ?needle ?c",
     {"needle": Literal("model")}),
    ('SELECT ?c ?x WHERE { ?c rdfs:comment ?x FILTER(!CONTAINS(?x, "?x")) } # ?x in a comment\nLIMIT 3',
     {"x": Literal("no such comment")}),
    ("SELECT ?c ?w WHERE { ?c a owl:Class OPTIONAL { ?c rdfs:subClassOf ?w } } ORDER BY ?c",
     {"w": URIRef("https://w3id.org/llmkg/ontology#Agent")}),
    ("SELECT ?c ?w WHERE { ?c a owl:Class FILTER NOT EXISTS { ?c rdfs:subClassOf ?w } } ORDER BY ?c",
     {"w": URIRef("https://w3id.org/llmkg/ontology#Agent")}),
    ("SELECT * WHERE { ?c rdfs:subClassOf $w }", {"w": URIRef("https://w3id.org/llmkg/ontology#Agent")}),
    ("CONSTRUCT { ?c <urn:sub> ?w } WHERE { ?c rdfs:subClassOf ?w }",
     {"w": URIRef("https://w3id.org/llmkg/ontology#Agent")}),
    ("ASK { ?w a owl:Class }", {"w": URIRef("https://w3id.org/llmkg/ontology#Model")}),
    ("SELECT ?root ?x WHERE { ?root rdfs:subClassOf+ ?x }", {"root": URIRef("https://w3id.org/llmkg/ontology#Model")}),
]


def _rows(result: Any) -> Any:
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return sorted(str(t) for t in result)
    variables = [v.value for v in result.variables]
    return sorted(tuple(str(s[v]) for v in variables) for s in result)


@pytest.mark.parametrize(("sparql", "bindings"), BIND_CASES)
def test_remote_store_bound_variables_give_the_rows_of_oxigraph_substitutions(
        mem_store: KGStore, sparql: str, bindings: dict[str, Any]) -> None:
    from kg.remote import _term

    native = _rows(mem_store.query(sparql, substitutions=bindings))
    rewritten = _rows(mem_store.query(bind_variables(sparql, {k: _term(v) for k, v in bindings.items()})))
    assert rewritten == native


# --------------------------------------------------------------------------- the same store, remote


@pytest.fixture(scope="module")
def corpus_pair(oxigraph_bin: str, tmp_path_factory: pytest.TempPathFactory,
                nlp_pipeline: Any) -> Iterator[tuple[KGStore, RemoteStore]]:
    """The sample corpus ingested into an embedded store and into a server of its own."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-corpus") / "data")
    embedded = open_store(None)
    remote_store = open_store(server.url)
    files = sorted(CORPUS.iterdir())
    ingest(embedded, files, nlp_pipeline)
    ingest(remote_store, files, nlp_pipeline)
    yield embedded, remote_store
    remote_store.close()
    embedded.close()
    server.stop(signal.SIGKILL)


def test_remote_store_holds_the_quads_of_the_embedded_store(corpus_pair: tuple[KGStore, RemoteStore]) -> None:
    embedded, remote_store = corpus_pair
    assert quad_lines(remote_store) == quad_lines(embedded)
    assert len(remote_store) == len(embedded)
    assert remote_store.named_graphs() == embedded.named_graphs()
    default, union = default_and_union(remote_store)
    assert default == union


def test_remote_store_library_answers_are_the_embedded_ones(corpus_pair: tuple[KGStore, RemoteStore]) -> None:
    embedded, remote_store = corpus_pair
    entities, names = corpus_subjects(embedded)
    expected = library_answers(embedded, entities, names)
    assert sum(1 for k in expected if k.startswith("entity ") and isinstance(expected[k], dict)) > 50
    assert any(expected[f"contradictions about {n}"] for n in names)
    assert_same(expected, library_answers(remote_store, entities, names))


def test_remote_store_document_lookups_by_source_and_hash_agree(
        corpus_pair: tuple[KGStore, RemoteStore]) -> None:
    embedded, remote_store = corpus_pair
    for row in embedded.document_by_source(str(CORPUS / "04-llama-4-release.md")):
        assert remote_store.document_by_source(row["source"]) == [row]
        assert remote_store.document_meta(URIRef(row["doc"])) == embedded.document_meta(URIRef(row["doc"]))


def test_remote_store_sparql_protocol_datasets_and_result_forms(corpus_pair: tuple[KGStore, RemoteStore]) -> None:
    from kg.sparql import evaluate

    embedded, remote_store = corpus_pair
    graph = embedded.named_graphs()[0]
    for sparql, kwargs in [
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {"default_graph_uris": [graph]}),
        ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", {"named_graph_uris": [graph]}),
        ("ASK { ?m a lk:Model }", {}),
        ("CONSTRUCT { ?m a lk:Model } WHERE { ?m a lk:Model } ORDER BY ?m LIMIT 40", {"accept": "text/turtle"}),
        ("DESCRIBE <https://w3id.org/llmkg/ontology#Model>", {"accept": "application/n-triples"}),
        ("SELECT ?m ?l WHERE { ?m rdfs:label ?l } ORDER BY ?l ?m LIMIT 80", {"accept": "text/csv"}),
    ]:
        a = evaluate(embedded, sparql, row_limit=60, **kwargs)
        b = evaluate(remote_store, sparql, row_limit=60, **kwargs)
        assert (b.media_type, b.form, b.rows, b.truncated) == (a.media_type, a.form, a.rows, a.truncated)
        if a.form == "graph":
            fmt = ox.RdfFormat.N_TRIPLES if "n-triples" in a.media_type else ox.RdfFormat.TURTLE
            assert sorted(map(str, ox.parse(b.body, format=fmt))) == sorted(map(str, ox.parse(a.body, format=fmt)))
        else:
            assert b.body == a.body


def test_remote_store_bulk_load_of_an_export_gives_the_same_store(
        corpus_pair: tuple[KGStore, RemoteStore], remote: RemoteStore, tmp_path: Path) -> None:
    from kg.bulk import load_dump
    from kg.export import export

    embedded, _ = corpus_pair
    dump = tmp_path / "corpus.nq"
    with dump.open("wb") as fh:
        export(embedded, "nquads", out=fh, include_ontology=True)
    n = load_dump(remote, dump)
    assert n == sum(1 for q in embedded.quads() if not isinstance(q.graph_name, ox.DefaultGraph))
    assert quad_lines(remote) == quad_lines(embedded)
    with pytest.raises(StoreError, match="already holds documents"):
        load_dump(remote, dump)


# --------------------------------------------------------------------------- all or nothing


def _snapshot(store: Any) -> tuple[int, frozenset[str]]:
    lines = frozenset(str(q) for q in store.quads())
    return len(lines), lines


def test_remote_store_update_the_server_rejects_leaves_the_store_as_it_was(
        remote: RemoteStore, nlp_pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.remote

    ingest(remote, [CORPUS / "01-llama-2-release.md"], nlp_pipeline)
    before = _snapshot(remote)
    real = kg.remote.replace_document_update

    def failing(*args: Any, **kwargs: Any) -> tuple[str, int]:
        update, n = real(*args, **kwargs)
        # runs after the whole write and fails: the graph exists (Oxigraph: 500, rolled back)
        return f"{update} ;\nCREATE GRAPH <{ONTOLOGY_GRAPH}>", n

    monkeypatch.setattr(kg.remote, "replace_document_update", failing)
    generation = remote.generation
    with pytest.raises(StoreError, match="nothing was stored"):
        ingest_one(remote, CORPUS / "04-llama-4-release.md", nlp_pipeline)
    assert _snapshot(remote) == before
    assert remote.generation == generation


def ingest_one(store: Any, path: Path, nlp: Any) -> None:
    """Write one document through the store directly (the pipeline reports failures instead)."""
    from ingest.loaders import load_path
    from ingest.pipeline import ingest_document

    for document in load_path(path):
        ingest_document(document, settings=Settings(), store=store, nlp=nlp)


def test_remote_store_write_to_a_stopped_server_fails_whole_and_restarts_as_it_was(
        oxigraph_bin: str, tmp_path: Path, nlp_pipeline: Any) -> None:
    server = OxigraphServer(tmp_path / "data")
    try:
        store = open_store(server.url)
        ingest(store, [CORPUS / "02-llama-3-release.txt"], nlp_pipeline)
        before = _snapshot(store)
        server.stop()
        with pytest.raises(StoreError, match=f"cannot reach the store at {server.url}"):
            ingest_one(store, CORPUS / "05-mistral-7b-mixtral.txt", nlp_pipeline)  # its first read
        g = URIRef("https://w3id.org/llmkg/graph/x")
        with pytest.raises(StoreError) as info:
            store.replace_document(URIRef("https://w3id.org/llmkg/doc/x"), g,
                                   [(URIRef("urn:s"), URIRef("urn:p"), Literal("o"), g)])
        message = info.value.message
        assert f"cannot reach the store at {server.url}" in message and "nothing was stored" in message
        server.start()
        assert _snapshot(store) == before
        store.close()
    finally:
        server.stop(signal.SIGKILL)


def test_remote_store_server_killed_mid_write_keeps_the_old_or_the_new_document_whole(
        oxigraph_bin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from kg.terms import document_iri, graph_iri

    server = OxigraphServer(tmp_path / "data")
    try:
        store = open_store(server.url)
        doc, g = document_iri("big"), graph_iri("big")
        quads = [(URIRef(f"https://example.org/e{i}"), URIRef("https://example.org/p"), Literal(f"v{i} " * 5), g)
                 for i in range(60_000)]  # the server takes seconds over this update
        quads.append((doc, URIRef(str(META_GRAPH) + "#x"), Literal("meta"), URIRef(str(META_GRAPH))))
        before = _snapshot(store)
        send = store._send
        proc = server.proc
        killed = threading.Event()

        def body_then_kill(body: bytes) -> Iterator[bytes]:
            # the update is streamed in pieces; the server is SIGKILLed (and reaped) once half of
            # it has been handed to the connection: the write is known to be in flight, whatever
            # the machine's load (a timer could fire before the request was even sent)
            step = 1 << 16
            for i in range(0, len(body), step):
                if i >= len(body) // 2 and not killed.is_set():
                    proc.kill()
                    proc.wait()
                    killed.set()
                yield body[i:i + step]

        def send_then_kill(*args: Any, **kwargs: Any) -> Any:
            if kwargs.get("write"):
                body = urlencode(kwargs.pop("data")).encode()
                kwargs["content"] = body_then_kill(body)
                kwargs["headers"] = {"Content-Type": "application/x-www-form-urlencoded"}
            return send(*args, **kwargs)

        monkeypatch.setattr(store, "_send", send_then_kill)
        with pytest.raises(StoreError) as info:
            store.replace_document(doc, g, quads)
        assert killed.is_set()
        # killed while the request was being sent, or after it was sent while the server read or
        # ran it: both are correct, and each says what may have been stored
        message = info.value.message
        assert ("failed while sending the request" in message and "nothing was stored" in message) or (
            "the connection broke" in message and "may or may not" in message), message
        monkeypatch.undo()
        server.stop(signal.SIGKILL)
        server.start()
        in_graph = [q for q in store.quads() if getattr(q.graph_name, "value", "") == str(g)]
        assert _snapshot(store) == before or len(in_graph) == 60_000
        default, union = default_and_union(store)
        assert default == union
        store.close()
    finally:
        server.stop(signal.SIGKILL)


def test_remote_store_reingesting_a_changed_document_replaces_it_completely(
        remote: RemoteStore, tmp_path: Path, nlp_pipeline: Any) -> None:
    source = tmp_path / "card.md"
    text = (CORPUS / "12-deepseek-r1-distill-qwen-32b-card.md").read_text(encoding="utf-8")
    embedded = open_store(None)
    for store in (embedded, remote):
        source.write_text(text, encoding="utf-8")
        ingest(store, [source, CORPUS / "10-deepseek-r1-release.md"], nlp_pipeline)
        old_graphs = set(store.named_graphs())
        source.write_text(text.replace("DeepSeek-R1-Distill-Qwen-32B", "DeepSeek-R1-Distill-Qwen-33B"),
                          encoding="utf-8")
        ingest(store, [source], nlp_pipeline)
        gone = old_graphs - set(store.named_graphs())
        assert len(gone) == 1
        assert not [q for q in store.quads() if getattr(q.graph_name, "value", "") in gone or
                    any(str(t).endswith(tuple(gone)) for t in (q.subject, q.object))]
        assert len(store.document_by_source(str(source))) == 1
        default, union = default_and_union(store)
        assert default == union
    assert quad_lines(remote) == quad_lines(embedded)
    embedded.close()


def test_remote_store_delete_document_removes_it_and_its_default_graph_triples(
        remote: RemoteStore, nlp_pipeline: Any) -> None:
    ingest(remote, [CORPUS / "14-phi-3-news.txt", CORPUS / "16-gpt-4o-announcement.txt"], nlp_pipeline)
    row = remote.document_by_source(str(CORPUS / "14-phi-3-news.txt"))[0]
    generation = remote.generation
    assert remote.delete_document(URIRef(row["doc"])) is True
    assert remote.delete_document(URIRef(row["doc"])) is False
    assert row["graph"] not in remote.named_graphs()
    assert remote.generation == generation + 1
    default, union = default_and_union(remote)
    assert default == union


# --------------------------------------------------------------------------- clear errors


def test_remote_store_server_not_running_is_one_clear_store_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError, match=rf"^cannot reach the store at {url}: connection refused"):
        open_store(url)


def test_remote_store_credentials_never_appear_in_messages() -> None:
    port = free_port()
    with pytest.raises(StoreError) as info:
        open_store(f"http://admin:s3cret@127.0.0.1:{port}/query")
    assert "s3cret" not in info.value.message and "admin" not in info.value.message
    assert f"http://127.0.0.1:{port}/query" in info.value.message


def test_remote_store_wrong_endpoint_path_is_named(oxigraph: OxigraphServer) -> None:
    with pytest.raises(StoreError, match=r"answered 404 Not Found: no SPARQL query endpoint there"):
        open_store(oxigraph.root + "/nothing/here")


def test_remote_store_wrong_update_endpoint_is_named_on_the_first_write(oxigraph: OxigraphServer) -> None:
    oxigraph.clear()  # an empty server: opening writes the ontology
    with pytest.raises(StoreError, match=r"/nope answered 404 Not Found: no SPARQL update endpoint there.*"
                                         r"nothing was stored"):
        open_store(oxigraph.url + "?update=/nope")


def test_remote_store_query_past_its_deadline_is_a_query_timeout(oxigraph_bin: str, tmp_path: Path) -> None:
    from kg.errors import QueryTimeoutError

    server = OxigraphServer(tmp_path / "data")  # its own: it is killed while still evaluating
    try:
        with open_store(server.url, settings=Settings(query_timeout_s=0.3)) as store:
            started = time.monotonic()
            with pytest.raises(QueryTimeoutError, match=r"deadline of 0\.3 s"):
                store.select("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
            assert time.monotonic() - started < 5
    finally:
        server.stop(signal.SIGKILL)


def test_remote_store_query_error_is_an_invalid_query(remote: RemoteStore) -> None:
    from kg.errors import InvalidQueryError

    with pytest.raises(InvalidQueryError, match="refused the query"):
        remote.query("SELECT ?s WHERE { ?s ?p }")


def test_remote_store_backup_is_refused_with_what_to_do_instead(remote: RemoteStore, tmp_path: Path) -> None:
    from kg.backup import backup_store

    with pytest.raises(StoreError, match="remote SPARQL server.*own tools"):
        backup_store(remote, tmp_path / "backup")
    assert not (tmp_path / "backup").exists()


def test_remote_store_read_only_refuses_writes(oxigraph: OxigraphServer) -> None:
    with open_store(oxigraph.url, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.replace_document(URIRef("urn:d"), URIRef("urn:g"), [])


def test_remote_store_rdflib_view_reads_the_server(remote: RemoteStore) -> None:
    from rdflib import Graph

    dataset = remote.dataset()
    graph = Graph(store=dataset.store, identifier=URIRef(str(ONTOLOGY_GRAPH)))
    assert len(graph) == sum(1 for _ in remote.graph_quads(str(ONTOLOGY_GRAPH))) > 100
    assert (URIRef("https://w3id.org/llmkg/ontology#Model"), None, None) in graph


# --------------------------------------------------------------------------- the CLI and the API


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LLMKG), *args], capture_output=True, text=True, timeout=timeout)


def test_remote_store_cli_ingest_then_lineage_query_and_stats(oxigraph: OxigraphServer) -> None:
    oxigraph.clear()
    url = oxigraph.url
    done = run_cli("ingest", "--store", url, str(CORPUS / "04-llama-4-release.md"))
    assert done.returncode == 0, done.stderr
    assert f"store {url} now holds" in done.stdout
    lineage = run_cli("lineage", "--store", url, "Llama 4 Scout", "--json")
    assert lineage.returncode == 0, lineage.stderr
    tree = json.loads(lineage.stdout)
    assert tree["root"]["label"] == "Llama 4 Scout" and tree["ancestors"]
    query = run_cli("query", "--store", url, "--format", "json",
                    "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a lk:Model }")
    assert query.returncode == 0, query.stderr
    assert int(json.loads(query.stdout)["results"]["bindings"][0]["n"]["value"]) > 1
    stats = run_cli("stats", "--store", url, "--json")
    assert stats.returncode == 0 and json.loads(stats.stdout)["documents"] == 1


@pytest.mark.parametrize(("suffix", "expected"), [
    ("/query", "cannot reach the store at"),
    ("/nowhere/at/all", "no SPARQL query endpoint there"),
])
def test_remote_store_cli_store_errors_are_one_line_and_exit_4(oxigraph: OxigraphServer, suffix: str,
                                                                 expected: str) -> None:
    root = f"http://127.0.0.1:{free_port()}" if expected.startswith("cannot") else oxigraph.root
    done = run_cli("stats", "--store", root + suffix)
    assert done.returncode == 4
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_remote_store_cli_backup_and_restore_are_refused(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"  # refused before any connection
    for args in (["backup", str(tmp_path / "b")], ["restore", str(tmp_path / "b")]):
        done = run_cli(*args, "--store", url)
        assert done.returncode == 4 and "remote SPARQL server" in done.stderr, done.stderr


def test_remote_store_api_answers_from_the_server(oxigraph: OxigraphServer, tmp_path: Path,
                                                 nlp_pipeline: Any) -> None:
    from conftest import API_TOKEN, LiveServer

    from kg.lineage import find_entities
    from kg.lookups import entity as entity_detail

    oxigraph.clear()
    with open_store(oxigraph.url) as store:
        ingest(store, [CORPUS / "04-llama-4-release.md"], nlp_pipeline)
        scout = find_entities(store, "Llama 4 Scout")[0].iri
        expected = entity_detail(store, scout).to_dict()
    api = LiveServer(oxigraph.url, {"LLMKG_API_TOKEN": API_TOKEN}, tmp_path / "server.log")  # type: ignore[arg-type]
    try:
        health = httpx.get(api.url + "/health", timeout=10).json()
        assert health["store"] == oxigraph.url and health["documents"] == 1
        entity = httpx.get(api.url + "/api/entity", params={"iri": scout}, timeout=30)
        assert entity.status_code == 200, entity.text
        assert entity.json()["label"] == expected["label"]
        assert len(entity.json()["facts"]) == len(expected["facts"])
        sparql = httpx.get(api.url + "/sparql", params={"query": "SELECT ?l WHERE { ?m rdfs:label ?l } ORDER BY ?l",
                                                        "format": "json"}, timeout=30)
        assert sparql.status_code == 200
        assert "Llama 4 Scout" in {b["l"]["value"] for b in sparql.json()["results"]["bindings"]}
        bad = httpx.get(api.url + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"}, timeout=30)
        assert bad.status_code == 400
        backup = httpx.post(api.url + "/admin/backup", headers={"Authorization": f"Bearer {API_TOKEN}"},
                            timeout=30)
        assert backup.status_code == 503 and "own tools" in backup.json()["message"]
        oxigraph.stop()  # the server goes away: the API says so, and stays up
        try:
            gone = httpx.get(api.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
            assert gone.status_code == 503 and "cannot reach the store" in gone.json()["message"]
        finally:
            oxigraph.start()
    finally:
        api.stop()
