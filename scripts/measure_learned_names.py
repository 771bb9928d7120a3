"""Measure the learned name finder (setting ``learned_names``) against the rules alone.

For each gold set (a directory holding ``gold.json`` and ``docs/``, as the realtext sets do) it
runs a scorer twice, once with ``LLMKG_LEARNED_NAMES`` off and once on, and prints the five
scores of each (entities, relations, attributes, results F1; claims recall) and their
difference. With ``--speed DIR`` it also ingests ``DIR`` into a fresh store both ways,
alternating, ``--rounds`` times each, and prints documents per minute.

The scorer is any script with the command line ``SCORER GOLD.json DOC... --json`` that prints
``{"scores": {category: [p, r, f], ...}}`` (the realtext scorer does); it runs the ``llmkg`` on
``PATH``.

Usage:
    python scripts/measure_learned_names.py --scorer SCORE.py GOLD_DIR... [--speed DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CATEGORIES = ("entities", "relations", "attributes", "results", "claims")


def score(scorer: str, gold_dir: Path, on: bool) -> list[float | None]:
    """The five scores of ``gold_dir`` with the learned finder ``on`` or off."""
    env = dict(os.environ, LLMKG_LEARNED_NAMES="true" if on else "false")
    docs = sorted(str(p) for p in (gold_dir / "docs").iterdir())
    out = subprocess.run([sys.executable, scorer, str(gold_dir / "gold.json"), *docs, "--json"],
                         capture_output=True, text=True, env=env, check=True).stdout
    scores = json.loads(out)["scores"]
    return [scores[c][1] if c == "claims" else scores[c][2] for c in CATEGORIES]


def speed(corpus: Path, on: bool) -> float:
    """Documents per minute ingesting ``corpus`` into a fresh store (``--workers 2``)."""
    env = dict(os.environ, LLMKG_LEARNED_NAMES="true" if on else "false")
    n = sum(1 for p in corpus.rglob("*") if p.is_file())
    store = Path(tempfile.mkdtemp(prefix="llmkg-speed-"))
    try:
        t0 = time.perf_counter()
        subprocess.run(["llmkg", "ingest", str(corpus), "--store", str(store / "s"), "--workers",
                        "2", "-q"], env=env, check=True, capture_output=True)
        return n / (time.perf_counter() - t0) * 60
    finally:
        shutil.rmtree(store, ignore_errors=True)


def _fmt(v: float | None) -> str:
    return "  -  " if v is None else f"{v:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dirs", nargs="*", type=Path)
    ap.add_argument("--scorer", required=False, help="the realtext-style scorer script")
    ap.add_argument("--speed", type=Path, help="a corpus folder to time ingestion on")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    if args.gold_dirs and not args.scorer:
        ap.error("--scorer is needed to score gold sets")
    print(f"{'set':<28} {'side':<6} " + " ".join(f"{c[:5]:>6}" for c in CATEGORIES))
    for d in args.gold_dirs:
        off, on = score(args.scorer, d, False), score(args.scorer, d, True)
        name = f"{d.parent.name}/{d.name}"
        print(f"{name:<28} {'rules':<6} " + " ".join(f"{_fmt(v):>6}" for v in off))
        print(f"{'':<28} {'+ner':<6} " + " ".join(f"{_fmt(v):>6}" for v in on))
        diffs = ["  -  " if a is None or b is None else f"{b - a:+.3f}"
                 for a, b in zip(off, on, strict=True)]
        print(f"{'':<28} {'diff':<6} " + " ".join(f"{v:>6}" for v in diffs))
    if args.speed:
        for r in range(args.rounds):
            for on in (False, True):
                print(f"speed round {r + 1} {'+ner ' if on else 'rules'}: "
                      f"{speed(args.speed, on):,.0f} docs/min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
