"""REST lookup latency on a live ``llmkg serve`` over a store of at least 100k triples.

Builds the store from the sample corpus, every gold set's documents, and as many marked copies
of the corpus as it takes to pass ``--triples`` quads; starts ``llmkg serve`` on a loopback port;
then times sequential requests from one client (httpx, keep-alive) for entity lookups, lineage
lookups and searches over every model in the store, in a shuffled order. Prints median, p90 and
p99 per kind (milliseconds, wall clock at the client). The numbers in docs/performance.md come
from this script:

    .venv/bin/python bench/api_latency.py --requests 1000
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from _serve import serve

from ingest.loaders import discover_files
from ingest.nlp import make_nlp
from ingest.pipeline import run_ingest
from kg.settings import Settings
from kg.stores import open_store

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "examples" / "corpus", *sorted((REPO / "tests" / "gold").glob("*/docs"))]


def build_store(path: Path, tmp: Path, triples: int) -> int:
    """Ingest the sources, then marked corpus copies until the store holds ``triples`` quads."""
    settings = Settings(store=path)
    nlp = make_nlp(settings)
    with open_store(path) as store:
        run_ingest(SOURCES, settings=settings, store=store, nlp=nlp)
        k = 0
        while len(store) < triples:
            folder = tmp / f"copy-{k}"
            folder.mkdir()
            for f in discover_files([SOURCES[0]]):
                if f.suffix in (".md", ".txt"):
                    text = f.read_text(encoding="utf-8")
                    if text.startswith("---"):
                        head, _, body = text[3:].partition("\n---\n")
                        text = f"---{head}\n---\nCopy {k}.\n{body}"
                    else:
                        text = f"Copy {k}.\n{text}"
                    (folder / f.name).write_text(text, encoding="utf-8")
            run_ingest([folder], settings=settings, store=store, nlp=nlp)
            k += 1
        return len(store)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=100_000, help="least quads in the store")
    parser.add_argument("--requests", type=int, default=1000, help="requests per kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        store = tmp / "store"
        t = time.perf_counter()
        quads = build_store(store, tmp, args.triples)
        print(f"store: {quads:,} quads, built in {time.perf_counter() - t:.1f} s")
        # one client sends thousands of requests: no per-address rate limit
        env = {"LLMKG_API_TOKEN": "", "LLMKG_RATE_LIMIT_PER_S": "0"}
        with serve(store, env=env) as (_server, url), httpx.Client(base_url=url, timeout=30) as client:
            models = [b["m"]["value"] for b in client.get("/sparql", params={
                "query": "SELECT DISTINCT ?m WHERE { ?m a lk:Model }"}).json()["results"]["bindings"]]
            labels = [b["l"]["value"] for b in client.get("/sparql", params={
                "query": "SELECT DISTINCT ?l WHERE { ?m a lk:Model ; rdfs:label ?l }"}
            ).json()["results"]["bindings"]]
            print(f"{len(models)} models; {args.requests} requests per kind, one client, sequential")
            rng = random.Random(7)
            kinds = {
                "entity (GET /api/entity?iri=)": lambda i: client.get("/api/entity", params={"iri": i}),
                "lineage (GET /api/lineage?iri=)":
                    lambda i: client.get("/api/lineage", params={"iri": i}),
                "search (GET /api/entities?q=)": lambda q: client.get("/api/entities", params={"q": q}),
            }
            for name, call in kinds.items():
                pool = labels if name.startswith("search") else models
                targets = [rng.choice(pool) for _ in range(args.requests)]
                for target in targets[:20]:  # warm-up
                    call(target)
                times = []
                for target in targets:
                    t = time.perf_counter()
                    r = call(target)
                    times.append((time.perf_counter() - t) * 1000)
                    if r.status_code != 200:
                        raise SystemExit(f"{name}: {r.status_code} {r.text[:200]}")
                print(f"{name:34} median {statistics.median(times):6.1f} ms   "
                      f"p90 {percentile(times, 90):6.1f} ms   p99 {percentile(times, 99):6.1f} ms   "
                      f"max {max(times):6.1f} ms")


if __name__ == "__main__":
    main()
