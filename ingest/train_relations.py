"""Train and measure the learned relation classifier: a small spaCy text classifier over the
feature words of a pair of names in a sentence (:func:`ingest.components.relation_model.features`).

The data (``training/relations/relations.jsonl``, made by ``training/relations/compose.py``) is
sentences written for llmkg with the pipeline's slots, the name of each slot and the relations
the sentence states; every other pair of models, families and organisations is ``none``.
``group`` names the template a sentence was written from, so that cross-validation holds whole
templates out (a fold never sees a sibling of a test sentence).

    python -m ingest.train_relations --out .llmkg/relation_model     # train, write the pipeline
    python -m ingest.train_relations --cv 5                           # grouped cross-validation

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
from spacy.tokens import Doc
from spacy.training import Example

from .components.relation_model import PREDICATES, candidate_pairs, features, label_of, predict
from .training import fit

DATA_PATH = Path(__file__).resolve().parents[1] / "training" / "relations" / "relations.jsonl"
LABELS = ("none", *PREDICATES, *("~" + p for p in PREDICATES))
_SLOT_KIND = {"M": "M", "F": "F", "O": "O", "P": "P", "B": "B", "H": "H"}


@dataclass(frozen=True)
class Pair:
    """One labelled pair of names in a training sentence."""

    features: tuple[str, ...]
    label: str
    group: str


def pairs_of(row: dict) -> list[Pair]:
    """The labelled candidate pairs of one training sentence."""
    import re

    kinds = {int(m.group(2)): _SLOT_KIND[m.group(1)] for m in re.finditer(r"⟪([A-Z])(\d+)⟫", row["template"])}
    names = {int(k): v for k, v in row["names"].items()}
    return [Pair(tuple(features(row["template"], kinds, names, s, t)), label_of(s, t, row["relations"]),
                 row["group"]) for s, t in candidate_pairs(row["template"], kinds)]


def load_pairs(path: Path = DATA_PATH) -> list[Pair]:
    """Read the training sentences and return their labelled pairs."""
    return [p for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            for p in pairs_of(json.loads(line))]


def build(pairs: Sequence[Pair], *, seed: int = 0, epochs: int = 12) -> Language:
    """Train a blank English pipeline with one bag-of-n-grams ``textcat`` on ``pairs``."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"threshold": 0.5, "model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": 65536}})
    for label in LABELS:
        textcat.add_label(label)
    examples = [Example.from_dict(Doc(nlp.vocab, words=list(p.features)),
                                  {"cats": {lab: float(lab == p.label) for lab in LABELS}}) for p in pairs]
    return fit(nlp, examples, seed=seed, epochs=epochs)


def cross_validate(pairs: Sequence[Pair], *, folds: int = 5, seed: int = 0,
                   threshold: float = 0.5) -> dict[str, float]:
    """Grouped k-fold (whole templates held out): precision/recall/F1 of the relations (label and
    direction right), and how many ``none`` pairs were given a relation."""
    groups = sorted({p.group for p in pairs})
    random.Random(seed).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    tp = fp = fn = 0
    for k in range(folds):
        train = [p for p in pairs if fold_of[p.group] != k]
        test = [p for p in pairs if fold_of[p.group] == k]
        nlp = build(train, seed=seed)
        for p, (label, prob) in zip(test, predict(nlp, [p.features for p in test]), strict=True):
            if prob < threshold:
                label = "none"
            if label != "none" and label == p.label:
                tp += 1
            else:
                fp += label != "none"
                fn += p.label != "none"
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}


def main(argv: Sequence[str] | None = None) -> None:
    """Train (``--out``) or cross-validate (``--cv``) the relation classifier."""
    ap = argparse.ArgumentParser(prog="python -m ingest.train_relations", description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA_PATH)
    ap.add_argument("--out", type=Path, help="directory to write the trained pipeline to")
    ap.add_argument("--cv", type=int, default=0, help="grouped k-fold cross-validation instead")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    pairs = load_pairs(args.data)
    say = sys.stdout.write
    say(f"{len(pairs)} pairs: {dict(Counter(p.label for p in pairs))}\n")
    t0 = time.perf_counter()
    if args.cv:
        say(json.dumps(cross_validate(pairs, folds=args.cv, seed=args.seed), indent=1) + "\n")
    else:
        nlp = build(pairs, seed=args.seed)
        if args.out:
            nlp.to_disk(args.out)
            say(f"wrote {args.out}\n")
    say(f"{time.perf_counter() - t0:.1f} s\n")


if __name__ == "__main__":
    main()
