"""Ingestion and lookup speed on copies of the sample corpus (run: python bench/ingest_bench.py).

Each copy gets a distinct first line so that every document is new to the store. Prints one
line per measure; the numbers in docs/performance.md come from this script.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from ingest.loaders import discover_files
from ingest.nlp import make_nlp
from ingest.pipeline import run_ingest
from kg.lineage import lineage
from kg.settings import Settings
from kg.stores import open_store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10, help="copies of the corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "docs"
        src.mkdir()
        words = 0
        for k in range(args.copies):
            for f in discover_files([CORPUS]):
                text = f.read_text(encoding="utf-8")
                if text.startswith("---"):  # keep front matter first
                    head, _, body = text[3:].partition("\n---\n")
                    text = f"---{head}\n---\nCopy {k}.\n{body}"
                else:
                    text = f"Copy {k}.\n{text}"
                words += len(text.split())
                (src / f"{k:03d}-{f.name}").write_text(text, encoding="utf-8")
        settings = Settings(store=Path(tmp) / "store")
        t0 = time.perf_counter()
        nlp = make_nlp(settings)
        t_nlp = time.perf_counter() - t0
        with open_store(settings.store) as store:
            t0 = time.perf_counter()
            report = run_ingest([src], settings=settings, store=store, nlp=nlp)
            t_ingest = time.perf_counter() - t0
            n = len(report.outcomes)
            print(f"pipeline build: {t_nlp * 1000:.0f} ms")
            print(f"ingest: {n} documents, {words} words in {t_ingest:.2f} s = "
                  f"{n / t_ingest:.1f} docs/s, {words / t_ingest:,.0f} words/s; "
                  f"store {len(store)} quads")
            t0 = time.perf_counter()
            again = run_ingest([src], settings=settings, store=store, nlp=nlp)
            print(f"re-ingest (all unchanged: {again.count('unchanged') == n}): "
                  f"{time.perf_counter() - t0:.2f} s")
            times = []
            for _ in range(50):
                t0 = time.perf_counter()
                lineage(store, "Llama 4 Scout")
                times.append((time.perf_counter() - t0) * 1000)
            print(f"lineage('Llama 4 Scout'): median {statistics.median(times):.1f} ms, "
                  f"max {max(times):.1f} ms over 50 runs")


if __name__ == "__main__":
    main()
