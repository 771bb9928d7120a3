"""Measure the learned claim detector against the rules on gold sets (claims only, in process).

For each gold set (a directory holding ``gold.json`` and ``docs/``, as the realtext sets do) it
runs the pipeline once per document and compares three ways of finding claims:

    a  the rules alone (what ingestion does today)
    b  the model alone: every sentence it flags, claimant and subject as
       :func:`ingest.components.claim_model.learned_claims` picks them
    c  the rules, plus the model's claims in sentences the rules found none in

For each it prints the gold claims found (claimant, a subject, stance, matched as
``realtext/score.py`` matches them) and the number of claims that match no gold claim.

Usage:
    python -m ingest.train_claims --out /tmp/claim_model
    python scripts/measure_claim_model.py /tmp/claim_model 0.5 GOLD_DIR...
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

from ingest.components import _templates
from ingest.components.claim_model import ClaimModelStage, learned_claims
from ingest.extract import doc_to_extraction
from ingest.loaders import load_path
from ingest.nlp import annotate, make_nlp
from ingest.normalise import normalise

STANCE = {"asserts": {"asserts", "acknowledges", "reports"}, "alleges": {"asserts", "reports", "alleges"},
          "denies": {"denies", "disputes"}, "disputes": {"denies", "disputes"}}
TYPES = {"Model": {"Model", "ModelFamily"}, "Organization": {"Organization"},
         "Person": {"Person", "UnnamedAgent"}, "Benchmark": {"Benchmark"}, "Hardware": {"Hardware"}}


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def measure(gold_dir: Path, stage: ClaimModelStage, nlp, threshold: float, show: bool = False) -> dict:  # noqa: ANN001
    """Found and spurious claims of the three modes on one gold set, and the model's time."""
    gold = json.loads((gold_dir / "gold.json").read_text())
    gidx: dict[str, list[dict]] = {}
    for g in gold["entities"]:
        for n in g["names"]:
            gidx.setdefault(_norm(n), []).append(g)
    found: dict[str, set] = {m: set() for m in "abc"}
    spurious: dict[str, list[str]] = {m: [] for m in "abc"}
    secs = 0.0
    sentences = 0
    for f in sorted((gold_dir / "docs").iterdir()):
        document = load_path(f)[0]
        nt = normalise(document.text)
        doc = annotate(nt.text, nlp, chunk_chars=200_000)
        rules = list(doc._.llmkg_claims or [])
        sents = _templates(doc)
        t0 = time.perf_counter()
        alone = learned_claims(sents, [], stage.classify, threshold=threshold)
        secs += time.perf_counter() - t0
        sentences += len(sents)
        extra = learned_claims(sents, rules, stage.classify, threshold=threshold)
        for mode, claims in (("a", rules), ("b", alone), ("c", rules + extra)):
            doc._.llmkg_claims = claims
            ex = doc_to_extraction(doc, replace(document, text=nt.text), table_records=nt.tables,
                                   hints=nt.hints, code_blocks=nt.code)
            names = {e.ref: {e.ref.label, *e.alt_labels} for e in ex.entities}

            def ids(ref, names=names) -> set[str]:  # noqa: ANN001
                return {g["id"] for n in names.get(ref, {ref.label}) for g in gidx.get(_norm(n), [])
                        if ref.type in TYPES[g["type"]]}

            seen = set()
            for c in ex.claims:
                if mode == "b" and c.evidence.rule != "learned-claim":
                    continue
                key = (c.claimant, c.stance, c.about)
                if key in seen:
                    continue
                seen.add(key)
                trip = {(w, a, c.stance) for w in ids(c.claimant) for ab in c.about for a in ids(ab)}
                found[mode] |= trip
                if not any(w == g["claimant"] and a in g["about"] and st in STANCE[g["stance"]]
                           for w, a, st in trip for g in gold["claims"]):
                    spurious[mode].append(f"{f.name}: {c.claimant.label} {c.stance} "
                                          f"{[a.label for a in c.about]} ({c.evidence.rule})")
        doc._.llmkg_claims = rules
    out = {"gold": len(gold["claims"]), "model_seconds": secs, "sentences": sentences}
    for mode in "abc":
        tp = sum(any(w == g["claimant"] and a in g["about"] and st in STANCE[g["stance"]]
                     for w, a, st in found[mode]) for g in gold["claims"])
        out[mode] = {"found": tp, "spurious": len(spurious[mode])}
        if show:
            for s in spurious[mode]:
                if mode == "c" and "learned-claim" in s:
                    print("   added, matches no gold claim:", s)
    return out


def main(argv: list[str]) -> None:
    """Print one line per gold set and a JSON summary."""
    model, threshold, dirs = argv[0], float(argv[1]), [Path(d) for d in argv[2:]]
    nlp = make_nlp()
    stage = ClaimModelStage(model, threshold=threshold)
    table = {}
    for d in dirs:
        r = measure(d, stage, nlp, threshold, show="--show" in sys.argv)
        table[str(d)] = r
        print(d, " ".join(f"{m}={r[m]['found']}/{r['gold']} spurious={r[m]['spurious']}" for m in "abc"),
              f"model {1000 * r['model_seconds'] / max(1, r['sentences']):.3f} ms/sentence", flush=True)
    print(json.dumps(table))


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("--")])
