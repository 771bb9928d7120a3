"""Integration specs for kg.remote on OpenLink Virtuoso (``virtuoso-t``, Debian package
``virtuoso-opensource``): the store URL ``http://dba:dba@127.0.0.1:PORT/sparql`` (updates through
``/sparql-auth`` with digest authentication, graphs through ``/sparql-graph-crud-auth``), the
``union`` default-graph mode, and what Virtuoso does differently (pinned here, documented in
docs/remote-store.md).

Each server is a ``virtuoso-t`` of our own with a temporary database and ``virtuoso.ini`` on
loopback ports, stopped when its fixture ends. Skipped when ``virtuoso-t`` is not installed.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import Literal, URIRef
from test_remote_store import (
    CORPUS,
    LLMKG,
    assert_same,
    corpus_subjects,
    free_port,
    ingest,
    library_answers,
    quad_lines,
    wait_until,
)

from kg.errors import StoreError
from kg.remote import RemoteStore
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import ONTOLOGY_GRAPH

DOCS = [CORPUS / "04-llama-4-release.md", CORPUS / "07-llama4-controversy-news.txt",
        CORPUS / "10-deepseek-r1-release.md"]
#: Virtuoso keeps the derived datatype llmkg writes (oa:start is an xsd:nonNegativeInteger),
#: Oxigraph folds it into xsd:integer: the same value, told apart by its datatype IRI only
_DERIVED = re.compile(r"XMLSchema#nonNegativeInteger")

INI = """[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 8
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {root}
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
"""


class VirtuosoServer:
    """A ``virtuoso-t`` in the foreground with its database in ``root`` (user dba, password dba)."""

    def __init__(self, root: Path, *, max_rows: int = 1_000_000) -> None:
        binary = shutil.which("virtuoso-t")
        assert binary is not None
        root.mkdir(parents=True, exist_ok=True)
        self.http_port = free_port()
        (root / "virtuoso.ini").write_text(INI.format(root=root, sql_port=free_port(), http_port=self.http_port,
                                                      max_rows=max_rows), encoding="utf-8")
        self.root = root
        self.sparql = f"http://127.0.0.1:{self.http_port}/sparql"
        self.url = f"http://dba:dba@127.0.0.1:{self.http_port}/sparql"
        self.proc = subprocess.Popen([binary, "-c", "virtuoso.ini", "+foreground"], cwd=root,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until(self._answers, 90, "virtuoso-t")
        except BaseException:
            self.stop()
            raise

    def _answers(self) -> bool:
        if self.proc.poll() is not None:
            log = (self.root / "virtuoso.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"virtuoso-t exited with {self.proc.returncode}: {log}")
        try:
            return httpx.post(self.sparql, data={"query": "ASK {}"}, timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # a clean shutdown takes a checkpoint first
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    if shutil.which("virtuoso-t") is None:
        pytest.skip("virtuoso-t not installed (apt-get install virtuoso-opensource)")
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def virtuoso_pair(virtuoso: VirtuosoServer) -> Iterator[tuple[KGStore, RemoteStore]]:
    """A few documents ingested into an embedded store and into Virtuoso."""
    from ingest.nlp import make_nlp
    from kg.settings import Settings

    nlp = make_nlp(Settings())
    embedded = open_store(None)
    remote = open_store(virtuoso.url)
    assert isinstance(remote, RemoteStore)
    ingest(embedded, DOCS, nlp)
    ingest(remote, DOCS, nlp)
    yield embedded, remote
    remote.close()
    embedded.close()


def _same_value(data: Any) -> Any:
    return json.loads(_DERIVED.sub("XMLSchema#integer", json.dumps(data)))


def test_virtuoso_store_url_uses_digest_auth_and_the_union_default_graph(
        virtuoso_pair: tuple[KGStore, RemoteStore]) -> None:
    _, remote = virtuoso_pair
    e = remote.endpoints
    assert (remote.engine, e.default_graph, e.auth) == ("virtuoso", "union", "digest")
    assert e.update.endswith("/sparql-auth") and e.gsp is not None and e.gsp.endswith("/sparql-graph-crud-auth")
    assert "dba" not in remote.location


def test_virtuoso_holds_the_quads_of_the_embedded_store(virtuoso_pair: tuple[KGStore, RemoteStore]) -> None:
    embedded, remote = virtuoso_pair
    assert _same_value(sorted(quad_lines(remote))) == _same_value(sorted(quad_lines(embedded)))
    assert len(remote) == len(embedded)
    # Virtuoso's own graphs (virtrdf#, ...) are on the server, not in llmkg's listing
    assert remote.named_graphs() == embedded.named_graphs()


def test_virtuoso_library_answers_are_the_embedded_ones(virtuoso_pair: tuple[KGStore, RemoteStore]) -> None:
    embedded, remote = virtuoso_pair
    entities, names = corpus_subjects(embedded)
    expected = _same_value(library_answers(embedded, entities, names))
    assert any(expected[f"contradictions about {n}"] for n in names)
    assert_same(expected, _same_value(library_answers(remote, entities, names)))


def test_virtuoso_booleans_come_back_true_not_1(virtuoso_pair: tuple[KGStore, RemoteStore]) -> None:
    _, remote = virtuoso_pair
    rows = remote.select("SELECT DISTINCT ?v WHERE { ?m lk:released ?v }")
    assert rows == [{"v": "true"}]


def test_virtuoso_default_graph_is_a_bag_a_query_without_distinct_sees_duplicates(
        virtuoso_pair: tuple[KGStore, RemoteStore]) -> None:
    embedded, remote = virtuoso_pair
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?m a lk:Model }"
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?m WHERE { ?m a lk:Model } }"
    assert remote.select(distinct) == embedded.select(distinct) == embedded.select(sparql)
    assert remote.select(sparql)[0]["n"] > embedded.select(sparql)[0]["n"]


def test_virtuoso_update_it_cannot_compile_stores_nothing(
        virtuoso_pair: tuple[KGStore, RemoteStore], monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.remote

    _, remote = virtuoso_pair
    before = quad_lines(remote)
    real = kg.remote.replace_document_update
    monkeypatch.setattr(kg.remote, "replace_document_update",
                        lambda *a, **k: (real(*a, **k)[0] + " ;\nINSERT DATA { GRAPH <urn:x> { <urn:s> <urn:p> } }", 1))
    g = URIRef("https://w3id.org/llmkg/graph/broken")
    with pytest.raises(StoreError, match="400.*nothing was stored"):
        remote.replace_document(URIRef("https://w3id.org/llmkg/doc/broken"), g,
                                [(URIRef("urn:s"), URIRef("urn:p"), Literal("o"), g)])
    assert quad_lines(remote) == before


def test_virtuoso_update_failing_midway_keeps_what_ran_and_a_rewrite_repairs_it(
        virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Virtuoso does not roll back a request whose later operation fails: the message says so,
    and writing the document again (llmkg's writes replace whole documents) repairs it."""
    import kg.remote

    with open_store(virtuoso.url) as remote:
        g = URIRef("https://w3id.org/llmkg/graph/midway")
        doc = URIRef("https://w3id.org/llmkg/doc/midway")
        quads = [(URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i), g) for i in range(5)]
        real = kg.remote.replace_document_update
        with monkeypatch.context() as m:
            m.setattr(kg.remote, "replace_document_update",
                      lambda *a, **k: (real(*a, **k)[0] + f" ;\nCREATE GRAPH <{ONTOLOGY_GRAPH}>", 5))
            with pytest.raises(StoreError, match="part of it may have been applied.*write the document again"):
                remote.replace_document(doc, g, quads)
        assert str(g) in remote.named_graphs()  # the operations before the failing one stayed
        remote.replace_document(doc, g, quads[:2])
        assert len(list(remote.graph_quads(str(g)))) == 2
        remote.delete_document(doc)


def test_virtuoso_wrong_password_is_refused_with_what_to_give(virtuoso: VirtuosoServer) -> None:
    with open_store(virtuoso.url.replace("dba:dba", "dba:wrong")) as remote, \
            pytest.raises(StoreError, match="401.*give credentials.*nothing was stored"):
        remote.replace_document(URIRef("https://w3id.org/llmkg/doc/x"), URIRef("https://w3id.org/llmkg/graph/x"), [])


def test_virtuoso_cli_ingest_and_lineage(virtuoso: VirtuosoServer) -> None:
    done = subprocess.run([str(LLMKG), "ingest", "--store", virtuoso.url, str(DOCS[0])], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "dba:dba" not in done.stdout + done.stderr
    lineage = subprocess.run([str(LLMKG), "lineage", "--store", virtuoso.url, "Llama 4 Scout", "--json"],
                             capture_output=True, text=True, timeout=120)
    assert lineage.returncode == 0, lineage.stderr
    assert json.loads(lineage.stdout)["root"]["label"] == "Llama 4 Scout"


def test_virtuoso_result_row_cap_is_an_error_not_a_short_answer(tmp_path: Path) -> None:
    if shutil.which("virtuoso-t") is None:
        pytest.skip("virtuoso-t not installed (apt-get install virtuoso-opensource)")
    server = VirtuosoServer(tmp_path / "capped", max_rows=100)
    try:
        with open_store(server.url) as remote:  # the ontology (381 triples) is more than 100 rows
            with pytest.raises(StoreError, match="may have cut this answer at 100 rows.*ResultSetMaxRows"):
                remote.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    finally:
        server.stop()
