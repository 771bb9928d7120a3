"""What the trainers of the learned components share (``ingest.train_claims``,
``ingest.train_relations``): one seeded loop that fits a pipeline's ``textcat`` to examples."""

from __future__ import annotations

import random
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.training import Example

__all__ = ["fit"]


def fit(nlp: Language, examples: Sequence[Example], *, seed: int, epochs: int) -> Language:
    """Initialise ``nlp`` on ``examples`` and train it ``epochs`` times over them, in batches of
    16 with dropout 0.2, shuffled by a generator seeded with ``seed`` (the same data and seed give
    the same weights)."""
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    order = list(examples)
    for _ in range(epochs):
        rng.shuffle(order)
        for batch in spacy.util.minibatch(order, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp
