"""Measure the learned relation classifier against the rules on gold sets (relations).

For each gold set (a directory holding ``gold.json`` and ``docs/``, as the realtext sets do) it
runs ``realtext/score.py`` twice, through the CLI as the scorer does:

    a  the rules alone (what ingestion does today)
    c  the rules, plus the classifier's relations between names the rules related in no way
       (``LLMKG_RELATION_MODEL`` set)

and prints the relations' precision, recall and F1 of each (``--verbose`` also the relations
``c`` adds, true or spurious, as score.py lists them; ``--model-only-run`` runs ``c`` alone, for a
second threshold, and prints it as both).

Usage:
    python -m ingest.train_relations --out /tmp/relation_model
    python scripts/measure_relation_model.py /tmp/relation_model 0.5 GOLD_DIR...
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# the real-text scorer, beside the repository as the docs describe (../shared/realtext/score.py)
SCORE = str(Path(__file__).resolve().parents[2] / "shared" / "realtext" / "score.py")


def score(gold_dir: Path, env: dict[str, str]) -> dict:
    """score.py's JSON report of one gold set under ``env`` (a set that brings its own scorer,
    ``score_rels.py``, as a relations-only set does, is scored by it)."""
    docs = sorted(str(p) for p in (gold_dir / "docs").iterdir())
    scorer = gold_dir / "score_rels.py"
    out = subprocess.run([sys.executable, str(scorer) if scorer.exists() else SCORE,
                          str(gold_dir / "gold.json"), *docs, "--json"],
                         env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _list(report: dict, key: str) -> list[str]:
    """A list of score.py's report, wherever it keeps it."""
    if key in report:
        return report[key]
    for v in report.values():
        if isinstance(v, dict) and key in v:
            return v[key]
    return []


def main(argv: list[str]) -> None:
    """Print one line per gold set: rules alone, then rules plus the classifier."""
    model, threshold, dirs = argv[0], argv[1], [Path(d) for d in argv[2:]]
    base = {k: v for k, v in os.environ.items() if not k.startswith("LLMKG_RELATION_")}
    learned = {**base, "LLMKG_RELATION_MODEL": model, "LLMKG_RELATION_MODEL_THRESHOLD": threshold}
    if os.environ.get("LLMKG_RELATION_MODEL_PREDICATES"):  # only these relations of the model's
        learned["LLMKG_RELATION_MODEL_PREDICATES"] = os.environ["LLMKG_RELATION_MODEL_PREDICATES"]
    table = {}
    for d in dirs:
        rc = score(d, learned)
        ra = rc if "--model-only-run" in sys.argv else score(d, base)  # a is known: run c alone
        a, c = ra["scores"]["relations"], rc["scores"]["relations"]
        table[str(d)] = {"a": a, "c": c}
        if "--verbose" in sys.argv:
            for key in ("missed_relations", "spurious_relations", "spurious_resolved"):
                was, now = set(_list(ra, key)), set(_list(rc, key))
                for x in sorted(was - now):
                    print("   no longer", key.split("_")[0] + ":", x)
                for x in sorted(now - was):
                    print("   newly", key.split("_")[0] + ":", x)
        print(d, "a P/R/F1", " ".join(f"{x:.3f}" for x in a[:3]),
              "| c P/R/F1", " ".join(f"{x:.3f}" for x in c[:3]), flush=True)
    print(json.dumps(table))


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("--")])
