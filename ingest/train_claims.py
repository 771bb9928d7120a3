"""Train and measure the learned claim detector: a small spaCy text classifier on our own sentences.

The data (``training/claims/claims.jsonl``) is sentences written for llmkg, each labelled with
whether it states an attributed claim and its stance (``asserts``, ``alleges``, ``denies``) or
``none``; ``group`` names the template a sentence was written from, so that cross-validation
holds whole templates out (a fold never sees a sibling of a test sentence).

    python -m ingest.train_claims --out .llmkg/claim_model      # train, write the pipeline
    python -m ingest.train_claims --cv 5                         # grouped cross-validation

Training is offline, CPU-only and seeded: the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example

from .training import fit

DATA_PATH = Path(__file__).resolve().parents[1] / "training" / "claims" / "claims.jsonl"
LABELS = ("none", "asserts", "alleges", "denies")
#: stances of the data and what each stands for in the ontology's terms ("disputes" reads as a denial)
STANCE_OF = {"none": "none", "asserts": "asserts", "alleges": "alleges", "denies": "denies",
             "disputes": "denies"}

_ARCHS = {
    # bag of unigrams and bigrams: fast (well under a millisecond a sentence)
    "bow": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
            "no_output_layer": False, "length": 65536},
    # a CNN over hashed word features, averaged with the bag of words
    "ensemble": None,
}


@dataclass(frozen=True)
class Row:
    """One labelled training sentence."""

    text: str
    stance: str
    group: str


def load_rows(path: Path = DATA_PATH) -> list[Row]:
    """Read the labelled sentences (one JSON object a line: text, stance, group)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            rows.append(Row(d["text"], STANCE_OF[d["stance"]], d.get("group", d["text"])))
    return rows


def build(rows: Sequence[Row], *, arch: str = "bow", seed: int = 0, epochs: int = 15) -> Language:
    """Train a blank English pipeline with one ``textcat`` on ``rows``.

    Args:
        rows: the labelled sentences.
        arch: ``bow`` (bag of n-grams) or ``ensemble`` (bag of n-grams with a CNN).
        seed: the random seed (spaCy's and the shuffling's).
        epochs: passes over the data.
    """
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    config = {"threshold": 0.5}
    if _ARCHS[arch] is not None:
        config["model"] = _ARCHS[arch]
    textcat = nlp.add_pipe("textcat", config=config)
    for label in LABELS:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(r.text),
                                  {"cats": {lab: float(lab == r.stance) for lab in LABELS}}) for r in rows]
    return fit(nlp, examples, seed=seed, epochs=epochs)


def predict(nlp: Language, texts: Sequence[str]) -> list[tuple[str, float]]:
    """The most likely stance of each text (``none`` for no claim) and its probability."""
    out = []
    for doc in nlp.pipe(texts, batch_size=256):
        label, p = max(doc.cats.items(), key=lambda kv: kv[1])
        out.append((label, p))
    return out


def cross_validate(rows: Sequence[Row], *, folds: int = 5, arch: str = "bow",
                   seed: int = 0) -> dict[str, float]:
    """Grouped k-fold: whole templates are held out. Returns claim-detection precision/recall/F1
    (any stance vs none) and stance accuracy on the claims found."""
    groups = sorted({r.group for r in rows})
    random.Random(seed).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    tp = fp = fn = same = 0
    for k in range(folds):
        train = [r for r in rows if fold_of[r.group] != k]
        test = [r for r in rows if fold_of[r.group] == k]
        nlp = build(train, arch=arch, seed=seed)
        for r, (label, _) in zip(test, predict(nlp, [r.text for r in test]), strict=True):
            if label != "none" and r.stance != "none":
                tp += 1
                same += label == r.stance
            elif label != "none":
                fp += 1
            elif r.stance != "none":
                fn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "stance_accuracy": same / tp if tp else 0.0}


def main(argv: Sequence[str] | None = None) -> None:
    """Train (``--out``) or cross-validate (``--cv``) the claim detector."""
    ap = argparse.ArgumentParser(prog="python -m ingest.train_claims", description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA_PATH)
    ap.add_argument("--out", type=Path, help="directory to write the trained pipeline to")
    ap.add_argument("--cv", type=int, default=0, help="grouped k-fold cross-validation instead")
    ap.add_argument("--arch", choices=sorted(_ARCHS), default="bow")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rows = load_rows(args.data)
    say = sys.stdout.write
    say(f"{len(rows)} sentences: {dict(Counter(r.stance for r in rows))}\n")
    t0 = time.perf_counter()
    if args.cv:
        say(json.dumps(cross_validate(rows, folds=args.cv, arch=args.arch, seed=args.seed), indent=1) + "\n")
    else:
        nlp = build(rows, arch=args.arch, seed=args.seed)
        if args.out:
            nlp.to_disk(args.out)
            say(f"wrote {args.out}\n")
    say(f"{time.perf_counter() - t0:.1f} s\n")


if __name__ == "__main__":
    main()
