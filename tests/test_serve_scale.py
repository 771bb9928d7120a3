"""Specs for the read paths that scale a server: the response cache and `llmkg serve --workers N`
(several read-only worker processes), on real `llmkg serve` processes."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import API_TOKEN, LiveServer
from spacy.language import Language

from api.deps import Service
from ingest.pipeline import ingest_bytes
from kg.settings import Settings
from kg.store import KGStore

AUTH = {"authorization": f"Bearer {API_TOKEN}"}
NOTE = ("Thistledown Labs released Quillwort-12B, a 12B model fine-tuned from Mistral 7B. "
        "Quillwort-12B scores 64.5 on MMLU.")


@pytest.fixture(scope="module")
def two_workers(corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("live-2w")
    shutil.copytree(corpus_store_dir, root / "store")
    server = LiveServer(root / "store", {"LLMKG_SERVE_WORKERS": "2", "LLMKG_API_TOKEN": API_TOKEN},
                        root / "server.log")
    yield server
    server.stop()


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_a_repeated_lookup_is_a_cache_hit_with_the_same_answer(live_server: LiveServer) -> None:
    url = live_server.url + "/api/entities?q=llama%204&limit=7"
    first = httpx.get(url, timeout=30)
    second = httpx.get(url, timeout=30)
    assert first.status_code == second.status_code == 200
    assert first.headers["x-llmkg-cache"] == "miss"
    assert second.headers["x-llmkg-cache"] == "hit"
    assert second.content == first.content
    assert second.headers["content-type"] == first.headers["content-type"]


def test_errors_are_not_cached(live_server: LiveServer) -> None:
    url = live_server.url + "/api/entity?iri=https://w3id.org/llmkg/id/model/no-such-model-xyz"
    for _ in range(2):
        r = httpx.get(url, timeout=30)
        assert r.status_code == 404
        assert r.headers["x-llmkg-cache"] == "miss"


def test_a_write_is_seen_by_the_next_lookup(writable_server: LiveServer) -> None:
    url = writable_server.url + "/api/entities?q=quillwort"
    before = [httpx.get(url, timeout=30) for _ in range(2)]
    assert before[1].headers["x-llmkg-cache"] == "hit"
    assert before[1].json()["total"] == 0
    posted = httpx.post(writable_server.url + "/documents", headers={**AUTH, "content-type": "text/plain"},
                        content=NOTE.encode(), params={"name": "quillwort.txt"}, timeout=120)
    assert posted.status_code in (200, 201), posted.text
    after = httpx.get(url, timeout=30)
    assert after.headers["x-llmkg-cache"] == "miss"  # the store changed: the old answer is gone
    assert any(i["label"].startswith("Quillwort") for i in after.json()["items"])


def test_two_workers_serve_reads_and_refuse_writes(two_workers: LiveServer) -> None:
    assert len(_children(two_workers.proc.pid)) >= 2  # uvicorn's supervisor and its workers
    for _ in range(20):  # the connections land on both workers; every answer is complete
        r = httpx.get(two_workers.url + "/api/lineage", params={"iri": "https://w3id.org/llmkg/id/model/llama-4-scout"},
                      timeout=30)
        assert r.status_code == 200
        assert r.json()["ancestors"]
    q = httpx.post(two_workers.url + "/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a lk:Model }"},
                   headers={"accept": "application/sparql-results+json"}, timeout=30)
    assert q.status_code == 200, q.text
    assert int(q.json()["results"]["bindings"][0]["n"]["value"]) > 10
    w = httpx.post(two_workers.url + "/documents", headers={**AUTH, "content-type": "text/plain"},
                   content=NOTE.encode(), params={"name": "quillwort.txt"}, timeout=60)
    assert w.status_code == 403
    assert "read-only worker processes" in w.json()["message"]
    assert not (two_workers.store.parent / "store.query-snapshots").exists()  # the store itself is read


def test_cache_off(corpus_store_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(corpus_store_dir, tmp_path / "store")
    server = LiveServer(tmp_path / "store", {"LLMKG_API_CACHE_MB": "0"}, tmp_path / "server.log")
    try:
        for _ in range(2):
            r = httpx.get(server.url + "/api/entities?q=llama", timeout=30)
            assert r.status_code == 200
            assert "x-llmkg-cache" not in r.headers
    finally:
        server.stop()


def test_health_counts_the_store_once_per_write(store: KGStore, settings: Settings, nlp: Language,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A full quad count reads the whole store (1.2 s at 9.3M quads). /health and POST /documents
    count again only after a write, off the event loop; the numbers are the store's."""
    scans: list[int] = []
    real_len = KGStore.__len__

    def counted_len(self: KGStore) -> int:
        scans.append(1)
        return real_len(self)

    monkeypatch.setattr(KGStore, "__len__", counted_len)
    service = Service(settings, store)
    try:
        async def health_twice() -> list[tuple[int, int]]:
            return [await service.counts(), await service.counts()]

        first = asyncio.run(health_twice())
        assert first == [(real_len(store), 0)] * 2
        assert len(scans) == 1
        ingest_bytes(NOTE.encode(), "quillwort.txt", settings=settings, store=store, nlp=nlp, suffix=".txt")
        quads, documents = asyncio.run(service.counts())
        assert len(scans) == 2
        assert (quads, documents) == (real_len(store), 1) and quads > first[0][0]
    finally:
        service.close()  # closes the store too (the fixture's close is then a no-op)


def test_lookups_run_on_api_threads_and_uploads_on_their_own(tmp_path: Path) -> None:
    """The sync routes take turns on ``api_threads`` threads (Starlette's default is 40, which
    made the lookups slower, bench/), and an upload runs on a thread of its own."""
    import anyio.to_thread

    from api import create_app

    app = create_app(Settings(store=tmp_path / "store", api_threads=2))

    async def started() -> tuple[int, int]:
        async with app.router.lifespan_context(app):  # what uvicorn runs at startup
            return (anyio.to_thread.current_default_thread_limiter().total_tokens,
                    app.state.service.write_limiter.total_tokens)

    assert asyncio.run(started()) == (2, 1)
