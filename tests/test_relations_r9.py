"""Specs for lineage and hardware as technical documents state them (round 9).

Every name is made up (models "Brisa-3 4B", "Corra-3 8B", "Tamsin-2 12B", lab "Harlow AI"); the
sentences are written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _rels(ex: Extraction, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject.label, r.object.label) for r in ex.relations if r.predicate == predicate}


@pytest.mark.parametrize("text", [
    "Brisa-3 4B was obtained by pruning Corra-3 8B.",
    "The Brisa-3 4B base model was obtained by width-pruning the Corra-3 8B base model.",
    "Brisa-3 4B is a compact model. It is obtained by depth-pruning Corra-3 8B.",
])
def test_a_model_obtained_by_pruning_another_comes_from_it(extract: Extract, text: str) -> None:
    """ "X was obtained by pruning Y" (width- or depth-pruning): X is made from Y."""
    assert ("Brisa-3 4B", "Corra-3 8B") in _rels(extract(text), "derivedFrom")


@pytest.mark.parametrize("text", [
    "Brisa-3 4B was obtained by pruning Corra-3 8B, followed by a short retraining with knowledge distillation.",
    "Brisa-3 4B was obtained by pruning Corra-3 8B. After pruning, we distill the pruned network from the "
    "original on 90 billion tokens.",
    "Brisa-3 4B was obtained by pruning and distilling Corra-3 8B.",
])
def test_pruning_followed_by_distillation_makes_a_student(extract: Extract, text: str) -> None:
    """Pruning retrained by distillation (in the sentence or the next two): X is Y's student."""
    assert ("Brisa-3 4B", "Corra-3 8B") in _rels(extract(text), "distilledFrom")


def test_pruning_without_distillation_is_no_student(extract: Extract) -> None:
    """Pruning then plain training, distillation named nowhere near: derived, not distilled."""
    ex = extract("Brisa-3 4B was obtained by pruning Corra-3 8B. It is fast. It was then trained further on "
                 "code. It reads long files.")
    assert ("Brisa-3 4B", "Corra-3 8B") not in _rels(ex, "distilledFrom")
    assert ("Brisa-3 4B", "Corra-3 8B") in _rels(ex, "derivedFrom")


@pytest.mark.parametrize("tail", [
    # the parser roots this sentence in a noun of the clause after the semicolon
    "specifically, we prune model embedding width and FFN intermediate size.",
])
def test_a_sentence_opening_with_it_is_about_the_texts_model(extract: Extract, tail: str) -> None:
    """A sentence that opens with "It" as its subject speaks of the text's model, however the
    rest of the sentence is parsed."""
    ex = extract(f"Brisa-3 4B is a base model for many tasks.\nIt is obtained by pruning Corra-3 8B; {tail}")
    assert ("Brisa-3 4B", "Corra-3 8B") in _rels(ex, "derivedFrom")




def test_the_hardware_a_model_was_trained_on_is_not_what_it_runs_on(extract: Extract) -> None:
    """ "X was trained on 256 H100 GPUs": a training cluster, not the hardware X runs on."""
    ex = extract("Brisa-3 4B is a base model. It was trained on 256 NVIDIA H100 GPUs over three weeks.")
    assert not _rels(ex, "fitsOn")
