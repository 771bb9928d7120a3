"""Shared fixtures for the llmkg test suite.

Each fixture builds one thing and says what it is for. The spaCy pipeline is built once per
session (it takes about a second); stores are built per test, in ``tmp_path`` or in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from ingest.extract import doc_to_extraction
from ingest.loaders import discover_files, load_path
from ingest.nlp import make_nlp
from ingest.records import Document, Extraction
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from llmkg.cli import app

#: the gold sets' own helper scripts (tests/gold/*/gold_stats.py) are data tools, not tests
collect_ignore_glob = ["gold/*/*.py"]

REPO = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: pass --slow to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose store lives in this test's ``tmp_path`` (defaults for every limit)."""
    return Settings(store=tmp_path / "store")


@pytest.fixture
def store(settings: Settings) -> Iterator[KGStore]:
    """An on-disk store at ``settings.store``, opened for the test and closed after it."""
    kg_store = open_store(settings.store)
    yield kg_store
    if hasattr(kg_store, "_store"):  # a test may have closed it already
        kg_store.close()


@pytest.fixture
def mem_store() -> Iterator[KGStore]:
    """An in-memory store (``open_store(None)``): the ontology graph and nothing else."""
    kg_store = open_store(None)
    yield kg_store
    if hasattr(kg_store, "_store"):
        kg_store.close()


@pytest.fixture(params=["memory", "disk"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[KGStore]:
    """A store on each backend in turn: in memory, then on disk in ``tmp_path``."""
    kg_store = open_store(None if request.param == "memory" else tmp_path / "any-store")
    yield kg_store
    if hasattr(kg_store, "_store"):
        kg_store.close()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real llmkg spaCy pipeline, built once for the whole session."""
    return make_nlp(Settings())


@pytest.fixture
def extract(nlp: Language) -> Callable[[str], Extraction]:
    """Run the real pipeline and ``doc_to_extraction`` on a text; return the Extraction."""

    def run(text: str) -> Extraction:
        document = Document(text=text, source="sentence.txt")
        return doc_to_extraction(nlp(text), document)

    return run


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The project's sample corpus, ``examples/corpus``."""
    return REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def corpus_sources(corpus_dir: Path) -> dict[str, str]:
    """Source name -> text of every document the sample corpus yields (a bundle yields several)."""
    return {d.source: d.text for f in discover_files([corpus_dir]) for d in load_path(f)}


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The shared seed documents (``/work/shared/seeds`` next to the repo); skip when absent."""
    path = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed documents not found at {path}")
    return path


@pytest.fixture
def seeded(seeds_dir: Path, settings: Settings, store: KGStore, nlp: Language) -> KGStore:
    """The ``store`` fixture with every seed document ingested (none may fail)."""
    from ingest.pipeline import run_ingest

    report = run_ingest([seeds_dir], settings=settings, store=store, nlp=nlp)
    assert report.failed == []
    return store


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The fixture files of this suite, ``tests/data`` (see its README.md)."""
    return Path(__file__).resolve().parent / "data"


@pytest.fixture
def snapshot() -> Callable[[KGStore], tuple[int, str]]:
    """Return a function giving a store's quad count and the SHA-256 of its sorted N-Quads.

    Two snapshots are equal exactly when the store is unchanged (bad-inputs.md, "store
    unchanged").
    """

    def take(kg_store: KGStore) -> tuple[int, str]:
        lines = sorted(str(q) for q in kg_store.quads())
        digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
        return len(lines), digest

    return take


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KGStore]:
    """The sample corpus ingested with ``llmkg ingest`` into a fresh store, opened once per module."""
    store_dir = tmp_path_factory.mktemp("corpus") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        result = CliRunner().invoke(app, ["ingest", "--store", str(store_dir), "examples/corpus"])
    assert result.exit_code == 0, result.output
    kg_store = open_store(store_dir)
    yield kg_store
    kg_store.close()


# --------------------------------------------------------------------------- live API servers


@pytest.fixture(scope="session")
def corpus_store_dir(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A closed on-disk store holding the whole sample corpus, built once per session (copy it
    before a server writes to it)."""
    from ingest.pipeline import run_ingest

    path = tmp_path_factory.mktemp("api-corpus") / "store"
    settings = Settings(store=path)
    with open_store(path) as kg_store:
        report = run_ingest([REPO / "examples" / "corpus"], settings=settings, store=kg_store, nlp=nlp)
    assert report.failed == []
    return path


class LiveServer:
    """A real ``llmkg serve`` process on a loopback port (stopped when the fixture ends).

    Writes are off (no token) and the per-address rate limit is off (``LLMKG_RATE_LIMIT_PER_S=0``:
    the suite sends many quick requests from one address) unless ``env`` sets them.
    """

    def __init__(self, store: Path, env: dict[str, str], log: Path) -> None:
        import os
        import socket
        import subprocess
        import sys
        import time

        import httpx

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.store = store
        self.log = log
        llmkg = Path(sys.executable).with_name("llmkg")
        full_env = {**os.environ, "LLMKG_API_TOKEN": "", "LLMKG_RATE_LIMIT_PER_S": "0", **env}
        self._log_file = log.open("wb")
        self.proc = subprocess.Popen(
            [str(llmkg), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "warning"], env=full_env, stdout=self._log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llmkg serve exited with {self.proc.returncode}: {log.read_text()}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"llmkg serve did not come up in 60 s: {log.read_text()}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        import subprocess

        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log_file.close()


@pytest.fixture(scope="session")
def live_server(corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``llmkg serve`` on a copy of the corpus store: no token (read-only), a row cap of 500."""
    import shutil

    root = tmp_path_factory.mktemp("live-ro")
    shutil.copytree(corpus_store_dir, root / "store")
    server = LiveServer(root / "store", {"LLMKG_QUERY_ROW_LIMIT": "500"}, root / "server.log")
    yield server
    server.stop()


@pytest.fixture
def live_snapshot() -> Callable[[LiveServer], tuple[int, int, str]]:
    """Return a function giving a live server's quad and document counts (``/health``) and the
    SHA-256 of its sorted N-Quads export with the ontology (``/export/nquads``): equal snapshots
    mean the server's store is unchanged (what :func:`snapshot` is for an open store)."""
    import httpx

    def take(server: LiveServer) -> tuple[int, int, str]:
        health = httpx.get(server.url + "/health", timeout=30).json()
        export = httpx.get(server.url + "/export/nquads", params={"ontology": "true"}, timeout=60)
        assert export.status_code == 200, export.text[:300]
        digest = hashlib.sha256(b"\n".join(sorted(export.content.splitlines()))).hexdigest()
        return int(health["quads"]), int(health["documents"]), digest

    return take


API_TOKEN = "test-token-5b1f"


@pytest.fixture(scope="module")
def writable_server(corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``llmkg serve`` on its own copy of the corpus store with writes enabled (token
    :data:`API_TOKEN`), a 200 kB upload cap, a 1 s query deadline and two query slots."""
    import shutil

    root = tmp_path_factory.mktemp("live-rw")
    shutil.copytree(corpus_store_dir, root / "store")
    server = LiveServer(root / "store", {"LLMKG_API_TOKEN": API_TOKEN, "LLMKG_MAX_UPLOAD_BYTES": "200000",
                                         "LLMKG_QUERY_TIMEOUT_S": "1", "LLMKG_QUERY_SLOTS": "2"},
                        root / "server.log")
    yield server
    server.stop()
