"""One measurement per process, so each gets its own peak memory (bench/run.py starts these).

    python bench/tasks.py ingest  '{"corpus": "...", "store": "...", "workers": 1}'
    python bench/tasks.py load    '{"dump": "...", "store": "..."}'
    python bench/tasks.py queries '{"store": "...", "repeat": 20, "rdflib": true}'
    python bench/tasks.py rest    '{"store": "...", "workers": 1, "seconds": 10}'

Each prints one JSON object on its last line of standard output. ``peak_rss_mb`` is this
process's peak resident memory (``ru_maxrss``); ``children_peak_rss_mb`` the largest of its
waited-for children (ingest workers, parsers).
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_mb() -> float:
    """Resident memory now (MB), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peaks() -> dict[str, float]:
    return {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# -- ingestion ---------------------------------------------------------------------------------

def ingest(args: dict[str, Any]) -> dict[str, Any]:
    """End-to-end ``run_ingest`` of a corpus folder into a new on-disk store, then spaCy's bare
    tokenizer over the same loaded texts in this process (the reference)."""
    import spacy

    from ingest.loaders import discover_files, load_path
    from ingest.nlp import make_nlp
    from ingest.pipeline import run_ingest
    from kg.settings import Settings
    from kg.stores import open_store

    corpus, store_path = Path(args["corpus"]), Path(args["store"])
    shutil.rmtree(store_path, ignore_errors=True)
    files = list(discover_files([corpus]))
    settings = Settings(store=store_path)
    nlp = make_nlp(settings)
    rss: list[tuple[int, float]] = []
    done = 0

    def progress(_source: str) -> None:
        nonlocal done
        done += 1
        if done % max(1, len(files) // 20) == 0:
            rss.append((done, round(_rss_mb(), 1)))

    with open_store(store_path) as store:
        t0 = time.perf_counter()
        report = run_ingest(files, settings=settings, store=store, nlp=nlp, progress=progress,
                            workers=int(args.get("workers", 1)))
        seconds = time.perf_counter() - t0
        quads = len(store)
    failed = len(report.failed)
    # the reference: the same documents' text through the bare tokenizer, same process
    texts = [d.text for f in files for d in load_path(f)]
    words = sum(len(t.split()) for t in texts)
    tok = spacy.blank("en").tokenizer
    tok_runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for t in texts:
            tok(t)
        tok_runs.append(time.perf_counter() - t0)
    tok_s = statistics.median(tok_runs)
    return {"documents": len(files), "failed": failed, "words": words, "seconds": seconds,
            "docs_per_s": len(files) / seconds, "words_per_s": words / seconds,
            "tokenizer_words_per_s": words / tok_s, "quads": quads, "store_bytes": _du(store_path),
            "rss_series": rss, **_peaks()}


# -- bulk load ---------------------------------------------------------------------------------

def load(args: dict[str, Any]) -> dict[str, Any]:
    """``kg.bulk.load_dump`` of an N-Quads dump into a new store, then pyoxigraph's own
    ``bulk_load`` of the same file into another (the engine's ceiling), same process."""
    import pyoxigraph as ox

    from kg.bulk import load_dump
    from kg.stores import open_store

    dump, store_path = Path(args["dump"]), Path(args["store"])
    out: dict[str, Any] = {}
    shutil.rmtree(store_path, ignore_errors=True)
    with open_store(store_path) as store:
        t0 = time.perf_counter()
        read = load_dump(store, dump)
        out["seconds"] = time.perf_counter() - t0
        out["quads_read"] = read
        out["quads_stored"] = len(store)
    out["store_bytes"] = _du(store_path)
    raw_path = store_path.with_name(store_path.name + "-raw")
    shutil.rmtree(raw_path, ignore_errors=True)
    raw = ox.Store(str(raw_path))
    t0 = time.perf_counter()
    raw.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    out["raw_seconds"] = time.perf_counter() - t0
    out["raw_quads"] = len(raw)
    del raw
    shutil.rmtree(raw_path, ignore_errors=True)
    out["read_per_s"] = out["quads_read"] / out["seconds"]
    out["written_per_s"] = (out["quads_stored"]) / out["seconds"]
    out["raw_per_s"] = out["raw_quads"] / out["raw_seconds"]
    return {**out, **_peaks()}


# -- library queries ---------------------------------------------------------------------------

def _targets(store: Any, n: int, rng: random.Random) -> dict[str, list[str]]:
    """Entities to look up: model names, models with lineage, benchmarks with results, entities
    with claims, entities with denials (random, the same for the same store and seed)."""
    def pick(sparql: str) -> list[str]:
        rows = [r["x"] for r in store.select(sparql)]
        rng.shuffle(rows)
        return rows[:n]
    return {
        "entity_lookup": pick("SELECT DISTINCT ?x WHERE { ?e a lk:Model ; rdfs:label ?x } LIMIT 5000"),
        "lineage": pick("SELECT DISTINCT ?x WHERE { ?x lk:successorOf|lk:distilledFrom|lk:memberOfFamily "
                        "?y } LIMIT 5000"),
        "results_per_benchmark": pick("SELECT DISTINCT ?x WHERE { ?r lk:onBenchmark ?x } LIMIT 5000"),
        "claims_with_provenance": pick("SELECT DISTINCT ?x WHERE { ?c a lk:Claim ; lk:about ?x } LIMIT 5000"),
        "contradictions": pick("SELECT DISTINCT ?x WHERE { ?c lk:stance lk:denies ; lk:about ?x } "
                               "LIMIT 5000"),
    }


def _library_calls() -> dict[str, Callable[[Any, str], Any]]:
    from kg.claims import claims, contradictions
    from kg.lineage import find_entities, lineage
    from kg.lookups import results

    return {
        "entity_lookup": lambda s, x: find_entities(s, x),
        "lineage": lambda s, x: lineage(s, x),
        "results_per_benchmark": lambda s, x: results(s, benchmark=x),
        "claims_with_provenance": lambda s, x: claims(s, about=x),
        "contradictions": lambda s, x: contradictions(s, about=x),
    }


def _ox_subs(kw: dict[str, Any]) -> dict[Any, Any]:
    import pyoxigraph as ox

    from kg.store import to_ox

    return {ox.Variable(k): to_ox(v) for k, v in (kw.get("substitutions") or {}).items()}


def _consume_ox(result: Any) -> int:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return int(bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        n = 0
        for sol in result:
            for v in names:
                t = sol[v]
                if t is not None:
                    t.value  # noqa: B018 - read each value, as the library does
            n += 1
        return n
    return sum(1 for _ in result)


def queries(args: dict[str, Any]) -> dict[str, Any]:
    """Each library query (entity lookup, lineage, results per benchmark, claims, contradictions)
    on random targets, against the very SPARQL it ran, replayed on raw pyoxigraph and on an rdflib
    in-memory Dataset holding the same quads."""
    import pyoxigraph as ox

    from kg.store import PREFIXES
    from kg.stores import open_store

    repeat = int(args.get("repeat", 15))
    rng = random.Random(6)
    out: dict[str, Any] = {"repeat": repeat}
    calls = _library_calls()
    with open_store(Path(args["store"]), read_only=True) as store:
        out["quads"] = len(store)
        targets = _targets(store, repeat, rng)
        recorded: dict[str, list[list[tuple[str, dict[str, Any]]]]] = {k: [] for k in calls}
        lib_times: dict[str, list[float]] = {k: [] for k in calls}
        original = store.query

        log: list[tuple[str, dict[str, Any]]] = []

        def recording(sparql: str, **kw: Any) -> Any:
            log.append((sparql, kw))
            return original(sparql, **kw)

        for kind, call in calls.items():
            for x in targets[kind]:
                call(store, x)  # warm: the first call pays for caches, not the query
                log.clear()
                store.query = recording  # type: ignore[method-assign]
                t0 = time.perf_counter()
                call(store, x)
                lib_times[kind].append(time.perf_counter() - t0)
                store.query = original  # type: ignore[method-assign]
                recorded[kind].append(list(log))
        raw_times: dict[str, list[float]] = {k: [] for k in calls}
        for kind, runs in recorded.items():
            for qs in runs:
                prepared = [(q, _ox_subs(kw), kw) for q, kw in qs]
                t0 = time.perf_counter()
                for q, subs, kw in prepared:
                    _consume_ox(store.ox.query(q, prefixes=PREFIXES, substitutions=subs or None,
                                               default_graph=kw.get("default_graphs"),
                                               named_graphs=kw.get("named_graphs")))
                raw_times[kind].append(time.perf_counter() - t0)
        out["targets"] = {k: len(v) for k, v in targets.items()}
        out["queries_per_call"] = {k: statistics.median([len(r) for r in v]) if v else 0
                                   for k, v in recorded.items()}
        out["library_ms"] = {k: statistics.median(v) * 1000 for k, v in lib_times.items() if v}
        out["raw_ms"] = {k: statistics.median(v) * 1000 for k, v in raw_times.items() if v}
        out["library_p99_ms"] = {k: sorted(v)[min(len(v) - 1, int(len(v) * 0.99))] * 1000
                                 for k, v in lib_times.items() if v}
        peak_before_rdflib = _peaks()["peak_rss_mb"]
        if args.get("rdflib"):
            dump = Path(tempfile.mkdtemp()) / "all.nq"
            store.ox.dump(str(dump), format=ox.RdfFormat.N_QUADS)  # every graph, default included
            out["rdflib"] = _rdflib(dump, recorded, int(args.get("rdflib_repeat", 3)))
            shutil.rmtree(dump.parent, ignore_errors=True)
    return {**out, "peak_rss_mb_before_rdflib": peak_before_rdflib, **_peaks()}


def _rdflib(dump: Path, recorded: dict[str, list[list[tuple[str, dict[str, Any]]]]],
            repeat: int) -> dict[str, Any]:
    from rdflib import Dataset

    from kg.store import PREFIXES

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    ds = Dataset()
    ds.parse(str(dump), format="nquads")
    load_s = time.perf_counter() - t0
    out: dict[str, Any] = {"load_seconds": load_s, "rss_mb": _rss_mb() - rss0, "ms": {}}
    for kind, runs in recorded.items():
        times = []
        for qs in runs[:repeat]:
            t0 = time.perf_counter()
            for q, kw in qs:
                res = ds.query(q, initNs=PREFIXES, initBindings=kw.get("substitutions") or None)
                for _row in res:
                    pass
            times.append(time.perf_counter() - t0)
        if times:
            out["ms"][kind] = statistics.median(times) * 1000
    return out


# -- REST --------------------------------------------------------------------------------------

_WRK_LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
math.randomseed(6)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def _wrk(url: str, paths: list[str], seconds: int, connections: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        plist = Path(tmp, "paths.txt")
        plist.write_text("\n".join(paths) + "\n")
        script = Path(tmp, "paths.lua")
        script.write_text(_WRK_LUA % plist)
        done = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
                               "-s", str(script), url], capture_output=True, text=True, check=True)
    text = done.stdout
    out: dict[str, Any] = {"connections": connections, "seconds": seconds}
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def ms(value: str) -> float:
        for u in ("us", "ms", "s"):
            if value.endswith(u):
                return float(value[: -len(u)]) * unit[u]
        return float(value)

    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("50%", "99%"):
            out["p50_ms" if parts[0] == "50%" else "p99_ms"] = ms(parts[1])
        elif line.startswith("Requests/sec:"):
            out["requests_per_s"] = float(parts[1])
        elif "requests in" in line:
            out["requests"] = int(parts[0])
        elif line.strip().startswith("Non-2xx"):
            out["non_2xx"] = int(parts[-1])
        elif line.strip().startswith("Socket errors"):
            out["socket_errors"] = line.strip()
    return out


def _tree_hwm_mb(pid: int) -> float:
    """Sum of the peak resident memory of a process and its descendants (VmHWM)."""
    total = 0.0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        pids += [int(c) for c in children]
    return total


def rest(args: dict[str, Any]) -> dict[str, Any]:
    """``llmkg serve`` on loopback (1 or 2 workers) under wrk: entity and lineage lookups on
    random models; throughput, median and p99 latency (of the run with the median throughput of
    ``runs``), peak memory of the server's processes."""
    from urllib.parse import quote

    import httpx
    from _serve import serve

    from kg.stores import open_store

    rng = random.Random(6)
    with open_store(Path(args["store"]), read_only=True) as store:
        models = [r["m"] for r in store.select(
            "SELECT DISTINCT ?m WHERE { ?m a lk:Model ; lk:successorOf|lk:memberOfFamily ?x } LIMIT 5000")]
    rng.shuffle(models)
    models = models[:500]
    workers = int(args.get("workers", 1))
    cache = bool(args.get("cache", False))
    env = {"LLMKG_RATE_LIMIT_PER_S": "0", "LLMKG_MAX_CONCURRENT_REQUESTS": "1000",
           "LLMKG_API_CACHE_MB": "64" if cache else "0"}
    out: dict[str, Any] = {"workers": workers, "cache": cache, "targets": len(models)}
    connections = int(args.get("connections", 8))
    runs = int(args.get("runs", 3))
    with serve(Path(args["store"]), env=env, workers=workers) as (proc, url):
        for kind, path in (("entity", "/api/entity?iri="), ("lineage", "/api/lineage?iri=")):
            paths = [path + quote(m, safe="") for m in models]
            # warm up: with the cache on, every target is asked for once first (all hits after);
            # then 3 s of load, discarded, by which time every worker process has started
            for p in paths if cache else paths[:20]:
                httpx.get(url + p, timeout=30).raise_for_status()
            _wrk(url, paths, 3, connections)
            # the run with the median throughput of ``runs`` (this machine's neighbours vary)
            done = sorted((_wrk(url, paths, int(args.get("seconds", 10)), connections) for _ in range(runs)),
                          key=lambda r: r.get("requests_per_s", 0.0))
            out[kind] = {**done[len(done) // 2], "runs": runs,
                         "all_requests_per_s": [r.get("requests_per_s") for r in done]}
        out["server_peak_rss_mb"] = _tree_hwm_mb(proc.pid)
    return {**out, **_peaks()}


TASKS = {"ingest": ingest, "load": load, "queries": queries, "rest": rest}


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    print(json.dumps(TASKS[sys.argv[1]](json.loads(sys.argv[2]))))
