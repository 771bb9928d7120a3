"""Export a store of about a million triples from a live ``llmkg serve``: time and server memory.

Builds the store from the sample corpus (ingested once) and as many marked copies of its
document graphs as it takes to pass ``--triples`` quads (bulk-loaded: every IRI under ``id/``,
``graph/`` and ``doc/`` gets a copy marker, so entities, documents and evidence multiply like a
bigger corpus would); starts ``llmkg serve`` on a loopback port; then downloads each export with
one client (httpx, streamed to nowhere), sampling the server's resident memory (``VmRSS`` in
``/proc``) every 20 ms. Prints, per export: status, bytes, time to the first byte, total time,
and the server's peak RSS during it next to its RSS before. The numbers in docs/exports.md come from
this script:

    .venv/bin/python bench/export_stream.py --triples 1000000
"""

from __future__ import annotations

import argparse
import io
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from _serve import serve

from ingest.pipeline import run_ingest
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, ONTOLOGY_GRAPH

REPO = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/llmkg/"
EXPORTS = ["nquads", "ntriples", "turtle", "jsonld", "cytoscape", "graphml", "gexf", "dot"]


def corpus_nquads(tmp: Path) -> str:
    """The sample corpus's document and metadata graphs as N-Quads."""
    path = tmp / "corpus"
    with open_store(path) as store:
        report = run_ingest([REPO / "examples" / "corpus"], settings=Settings(store=path), store=store)
        assert not report.failed, report.failed
        quads = [q for q in store.ox if isinstance(q.graph_name, ox.NamedNode)
                 and q.graph_name.value != str(ONTOLOGY_GRAPH)]
    out = io.BytesIO()
    ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
    return out.getvalue().decode("utf-8")


def exported_quads(store: KGStore) -> int:
    """The quads of the document and metadata graphs: what a whole-store export holds (not the
    ontology graph)."""
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                        f"FILTER(?g != <{ONTOLOGY_GRAPH}>) }}")
    return int(rows[0]["n"])


def build_store(path: Path, tmp: Path, triples: int) -> int:
    """Bulk-load marked copies of the corpus until the exported graphs hold ``triples`` quads."""
    text = corpus_nquads(tmp)
    meta = f"<{META_GRAPH}>"
    with open_store(path) as store:
        k = 0
        while exported_quads(store) < triples:
            copies = []
            for _ in range(10):
                copy = text
                for part in ("id/", "graph/", "doc/"):
                    copy = copy.replace(BASE + part, f"{BASE}{part}c{k}-")
                copies.append(copy.replace(f"<{BASE}graph/c{k}-meta>", meta))
                k += 1
            store.ox.bulk_load("".join(copies).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        return exported_quads(store)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def measure(url: str, pid: int, fmt: str) -> dict[str, object]:
    """Download one export; return status, bytes, first-byte and total seconds, RSS before and peak."""
    before = rss_kb(pid)
    peak = [before]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_kb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.perf_counter()
    first = None
    size = 0
    with httpx.stream("GET", f"{url}/export/{fmt}", timeout=600) as r:
        for chunk in r.iter_raw():
            if first is None:
                first = time.perf_counter() - start
            size += len(chunk)
        status = r.status_code
    total = time.perf_counter() - start
    stop.set()
    sampler.join()
    return {"fmt": fmt, "status": status, "bytes": size, "first_s": first or total, "total_s": total,
            "rss_before_mb": before / 1024, "rss_peak_mb": peak[0] / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000, help="quads to reach (default 1,000,000)")
    parser.add_argument("--formats", default=",".join(EXPORTS), help="comma-separated exports to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="llmkg-export-bench-") as tmp_dir:
        tmp = Path(tmp_dir)
        store = tmp / "store"
        t0 = time.perf_counter()
        quads = build_store(store, tmp, args.triples)
        print(f"store: {quads} quads to export (corpus copies), built in {time.perf_counter() - t0:.1f} s")
        env = {"LLMKG_API_TOKEN": "", "LLMKG_RATE_LIMIT_PER_S": "0"}
        with serve(store, env=env) as (server, url):
            print(f"{'export':10} {'status':>6} {'MB':>8} {'first byte s':>12} {'total s':>8} "
                  f"{'RSS before MB':>13} {'RSS peak MB':>11}")
            for fmt in args.formats.split(","):
                m = measure(url, server.pid, fmt)
                print(f"{fmt:10} {m['status']:>6} {m['bytes'] / 1e6:8.1f} {m['first_s']:12.2f} "
                      f"{m['total_s']:8.1f} {m['rss_before_mb']:13.0f} {m['rss_peak_mb']:11.0f}")


if __name__ == "__main__":
    main()
