"""Soak run: a bounded loopback load on a real ``llmkg serve``, then a check of the store.

Several client threads (httpx, keep-alive, one loopback address each) send a mix of SPARQL
queries, REST lookups, small exports and ingests for a fixed time. Each client owns a few
sources and re-ingests them with a new version now and then, so the store is written to while it
is read. Afterwards the server is stopped and its store is compared with one built serially by
the library from the same inputs (the sample corpus, then the last version of every source each
client wrote): same quad count and same SHA-256 over the sorted N-Quads (ingestion times left
out, they differ by construction). The process tree's memory (server plus query workers) is
sampled every half second.

It exits non-zero when any request failed, when the tree's RSS grew more than ``--growth-mb``
between the end of the warm-up (a fifth of the run) and the end, or when the store does not
match. The figures in docs/hardening.md come from:

    .venv/bin/python bench/soak.py --seconds 300 --clients 4
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from _serve import serve

from ingest.nlp import make_nlp
from ingest.pipeline import ingest_bytes, run_ingest
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
TOKEN = "soak-token"
PROV = "http://www.w3.org/ns/prov#"
#: metadata that differs between two ingests of the same content: when it happened
TIMES = {PROV + "generatedAtTime", PROV + "endedAtTime"}
DOCS_PER_CLIENT = 3

QUERIES = [
    "SELECT ?m ?l WHERE { ?m a lk:Model ; rdfs:label ?l } ORDER BY ?l LIMIT 50",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?a ?b WHERE { ?a lk:successorOf|lk:distilledFrom|lk:fineTunedFrom ?b } LIMIT 200",
    "SELECT ?org (COUNT(?m) AS ?n) WHERE { ?m lk:developedBy ?org } GROUP BY ?org ORDER BY DESC(?n)",
    "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a lk:Model ; rdfs:label ?l } LIMIT 100",
    "ASK { ?m a lk:Model }",
    "SELECT ?c ?stance WHERE { ?c a lk:Claim ; lk:stance ?stance } LIMIT 100",
]
NAMES = ["Llama 4", "Llama 4 Scout", "Llama 4 Maverick", "Meta", "GPT-4o", "MMLU", "Mistral 7B"]


def release_note(client: int, doc: int, version: int) -> bytes:
    """A short release note, different for every (client, doc, version)."""
    tag = f"Soak{client}x{doc}"
    lines = [f"# {tag} release notes, version {version}", ""]
    for i in range(3 + version % 4):
        size = 3 + (version + i) % 9
        lines.append(f"Quillfeather Labs released {tag}-{version}-{i} {size}B, fine-tuned from Mistral 7B. "
                     f"It scored {50 + (version * 7 + i) % 40}.{i} on MMLU and supports a context "
                     f"window of {8 * (1 + i)}K tokens.")
        lines.append("")
    return "\n".join(lines).encode()


def store_fingerprint(store: KGStore) -> tuple[int, str]:
    """Quad count and SHA-256 of the sorted N-Quads, ingestion times left out."""
    lines = sorted(str(q) for q in store.quads() if q.predicate.value not in TIMES)
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return len(lines), digest


def rss_kb(pid: int) -> int:
    """RSS of one process (kB; 0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """RSS of ``pid`` alone and of it with all its descendants (kB)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss_kb(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(k) for k in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return rss_kb(pid), total


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    #: (client, doc) -> the last version the server accepted
    last_version: dict[tuple[int, int], int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, r: httpx.Response | None, error: str | None = None) -> bool:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)
            status = r.status_code if r is not None else 0
            self.statuses[(kind, status)] += 1
            if error or not 200 <= status < 300:
                self.errors.append(f"{kind}: {status} {error or (r.text[:200] if r is not None else '')}")
                return False
            return True


def client_loop(n: int, url: str, stop: threading.Event, tally: Tally, seed: int) -> None:
    rng = random.Random(seed * 1000 + n)
    versions = [0] * DOCS_PER_CLIENT
    auth = {"Authorization": f"Bearer {TOKEN}"}
    transport = httpx.HTTPTransport(local_address=f"127.0.0.{10 + n}")
    with httpx.Client(base_url=url, timeout=60, transport=transport) as client:
        while not stop.is_set():
            roll = rng.random()
            try:
                t = time.perf_counter()
                if roll < 0.40:
                    kind = "sparql"
                    r = client.get("/sparql", params={"query": rng.choice(QUERIES)})
                elif roll < 0.55:
                    kind = "entity"
                    r = client.get("/api/entity", params={"name": rng.choice(NAMES)})
                elif roll < 0.65:
                    kind = "lineage"
                    r = client.get("/api/lineage", params={"name": rng.choice(NAMES[:3])})
                elif roll < 0.75:
                    kind = "search"
                    q = rng.choice(["llama", "gpt", "mmlu", "soak"])
                    r = client.get("/api/entities", params={"q": q})
                elif roll < 0.82:
                    kind = "documents"
                    r = client.get("/api/documents", params={"limit": 50})
                elif roll < 0.88:
                    kind = "export"
                    r = client.get("/export/cytoscape")
                else:
                    kind = "ingest"
                    doc = rng.randrange(DOCS_PER_CLIENT)
                    version = versions[doc] + 1
                    r = client.post("/documents", content=release_note(n, doc, version),
                                    params={"source": f"soak-{n}-{doc}.md"},
                                    headers={**auth, "Content-Type": "text/markdown"})
                    if tally.record(kind, time.perf_counter() - t, r):
                        versions[doc] = version
                        with tally.lock:
                            tally.last_version[(n, doc)] = version
                    continue
                tally.record(kind, time.perf_counter() - t, r)
            except httpx.HTTPError as e:
                tally.record(kind, time.perf_counter() - t, None, f"{type(e).__name__}: {e}")


def expected_fingerprint(tmp: Path, last_version: dict[tuple[int, int], int]) -> tuple[int, str]:
    """The store the run should have left, built serially by the library."""
    settings = Settings(store=tmp / "expected")
    nlp = make_nlp(settings)
    with open_store(settings.store) as store:
        run_ingest([CORPUS], settings=settings, store=store, nlp=nlp)
        for (n, doc), version in sorted(last_version.items()):
            out = ingest_bytes(release_note(n, doc, version), f"upload:soak-{n}-{doc}.md", settings=settings,
                               store=store, nlp=nlp, suffix=".md").outcomes
            assert all(o.status != "failed" for o in out), out
        return store_fingerprint(store)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120, help="how long the load runs")
    parser.add_argument("--clients", type=int, default=4, help="client threads, one address each")
    parser.add_argument("--growth-mb", type=float, default=150,
                        help="most the process tree's RSS may grow after the warm-up")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="llmkg-soak-") as tmp_name:
        tmp = Path(tmp_name)
        store_path = tmp / "store"
        settings = Settings(store=store_path)
        t = time.perf_counter()
        with open_store(store_path) as store:
            run_ingest([CORPUS], settings=settings, store=store, nlp=make_nlp(settings))
            start_quads = len(store)
        print(f"store: sample corpus, {start_quads:,} quads ({time.perf_counter() - t:.1f} s)")

        # the per-address rate limit is off: the clients send as fast as they can (the limiter has its
        # own tests, A7); everything else runs with its defaults
        env = {"LLMKG_API_TOKEN": TOKEN, "LLMKG_RATE_LIMIT_PER_S": "0"}
        tally = Tally()
        samples: list[tuple[float, int, int]] = []  # (seconds, server kB, tree kB)
        with serve(store_path, env=env) as (server, url):
            stop = threading.Event()
            clients = [threading.Thread(target=client_loop, args=(n, url, stop, tally, args.seed))
                       for n in range(args.clients)]
            started = time.monotonic()
            for c in clients:
                c.start()
            while (elapsed := time.monotonic() - started) < args.seconds:
                samples.append((elapsed, *tree_rss_kb(server.pid)))
                if server.poll() is not None:
                    tally.errors.append(f"the server exited with {server.returncode}")
                    break
                time.sleep(0.5)
            stop.set()
            for c in clients:
                c.join()
            duration = time.monotonic() - started
            samples.append((duration, *tree_rss_kb(server.pid)))
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                tally.errors.append("the server did not stop within 30 s of SIGTERM")
        exit_code = server.returncode

        with open_store(store_path) as store:
            got = store_fingerprint(store)
        want = expected_fingerprint(tmp, tally.last_version)

    requests = sum(tally.statuses.values())
    warm = [kb for s, _server, kb in samples if s >= duration / 5]
    warm_start = warm[0] if warm else samples[-1][2]
    peak = max(kb for _s, _server, kb in samples)
    growth_mb = (samples[-1][2] - warm_start) / 1024
    curve = [min(samples, key=lambda x: abs(x[0] - duration * k / 10)) for k in range(11)]
    print(f"{requests:,} requests in {duration:.0f} s from {args.clients} clients "
          f"({requests / duration:.1f}/s), errors: {len(tally.errors)}")
    for kind, times in sorted(tally.latencies.items()):
        print(f"  {kind:10} {len(times):6,}  median {statistics.median(times):7.1f} ms  "
              f"p99 {percentile(times, 99):8.1f} ms  max {max(times):8.1f} ms")
    accepted = sum(n for (k, s), n in tally.statuses.items() if k == "ingest" and s == 200)
    print(f"ingests accepted: {accepted}, sources: {len(tally.last_version)}")
    print(f"memory (server + query workers): peak {peak / 1024:.0f} MB, after warm-up "
          f"{warm_start / 1024:.0f} MB, at the end {samples[-1][2] / 1024:.0f} MB "
          f"(growth {growth_mb:+.0f} MB, bound {args.growth_mb:g} MB)")
    print("  over time (s: server MB / with workers MB): " + ", ".join(
        f"{s:.0f}: {server / 1024:.0f}/{kb / 1024:.0f}" for s, server, kb in curve))
    # uvicorn shuts down cleanly on SIGTERM, then re-raises it: -15 is a clean stop, like 0
    clean = exit_code in (0, -signal.SIGTERM)
    print(f"server exit code after SIGTERM: {exit_code} ({'clean' if clean else 'NOT clean'})")
    print(f"store: {got[0]:,} quads sha256 {got[1][:16]}; expected {want[0]:,} quads sha256 {want[1][:16]}: "
          f"{'MATCH' if got == want else 'MISMATCH'}")
    for e in tally.errors[:20]:
        print("  error:", e)
    if args.json:
        print(json.dumps({"requests": requests, "seconds": round(duration), "clients": args.clients,
                          "errors": len(tally.errors), "peak_mb": round(peak / 1024),
                          "growth_mb": round(growth_mb),
                          "curve_mb": [[round(s), round(server / 1024), round(kb / 1024)]
                                       for s, server, kb in curve],
                          "quads": got[0], "sha256": got[1],
                          "match": got == want}))
    ok = not tally.errors and growth_mb <= args.growth_mb and got == want and clean
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
