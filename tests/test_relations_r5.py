"""Specs for relations as news prose states them (round 5): lineage, hardware, affiliations.

Every name is made up (labs "Quillfeather Labs", "Harlow AI", models "Brisa-3 14B", "Corra-70B",
people "Marta Okonjo", "Tomas Vell"); the sentences are written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _rels(ex: Extraction, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject.label, r.object.label) for r in ex.relations if r.predicate == predicate}


@pytest.mark.parametrize(("verb", "predicate"), [("fine-tuning", "fineTunedFrom"), ("distilling", "distilledFrom")])
def test_developed_x_by_tuning_y(extract: Extract, verb: str, predicate: str) -> None:
    """ "The team developed X by fine-tuning Y": X is made from Y (the active voice too)."""
    ex = extract(f"The team developed Brisa-3 14B by {verb} Corra-70B on math problems.")
    assert ("Brisa-3 14B", "Corra-70B") in _rels(ex, predicate)


@pytest.mark.parametrize("text", [
    "Harlow AI opened the weights of Brisa-3 14B. Running the model requires a workstation with eight "
    "Nvidia H100 GPUs.",
    "Harlow AI opened the weights of Brisa-3 14B. To run Brisa-3 14B, you need at least two A100 GPUs.",
])
def test_what_running_the_model_requires(extract: Extract, text: str) -> None:
    """ "running the model requires eight X": the model runs on X."""
    fits = _rels(extract(text), "fitsOn")
    assert any(s == "Brisa-3 14B" for s, _o in fits)


def test_hardware_sufficient_for_hosting(extract: Extract) -> None:
    """ "One X or two Y is often sufficient for hosting": the model of the text runs on both."""
    ex = extract("Harlow AI shipped Brisa-3 14B this week. A single node (one H100 or two A100) is often "
                 "sufficient for hosting in house.")
    fits = _rels(ex, "fitsOn")
    assert {("Brisa-3 14B", "H100"), ("Brisa-3 14B", "A100")} <= fits


def test_a_share_of_another_models_performance_is_a_comparison(extract: Extract) -> None:
    """ "reaches 95% of the performance of Y": the text stays about X (Y is held up for comparison)."""
    ex = extract("Harlow AI shipped Brisa-3 14B this week. The model reaches about 95% of the performance of "
                 "Corra-70B. A single H100 is sufficient for hosting.")
    fits = _rels(ex, "fitsOn")
    assert ("Brisa-3 14B", "H100") in fits
    assert ("Corra-70B", "H100") not in fits


def test_a_speaker_for_an_organisation_works_there(extract: Extract) -> None:
    """ "X, speaking on behalf of Y, said": X is with Y."""
    ex = extract("Hannah Okonjo, speaking on behalf of Harlow AI, called the ban unfair.")
    assert ("Hannah Okonjo", "Harlow AI") in _rels(ex, "employer")


def test_a_person_led_organisation(extract: Extract) -> None:
    """ "X-led Y": X works at (leads) Y."""
    ex = extract("Sam Okonjo-led Harlow AI has cut off a rival's access to Brisa-3 14B.")
    assert ("Sam Okonjo", "Harlow AI") in _rels(ex, "employer")


def test_the_teacher_of_a_distillation(extract: Extract) -> None:
    """ "retrained the pruned network by knowledge distillation, using Y as the teacher": the model of
    the text is distilled from Y."""
    ex = extract("Brisa-3 4B is a pruned model. Harlow AI pruned Brisa-3 8B to make it. Next the team retrained "
                 "the pruned network by knowledge distillation, using Brisa-3 8B as the teacher.")
    assert ("Brisa-3 4B", "Brisa-3 8B") in _rels(ex, "distilledFrom")


def test_a_teacher_with_no_distillation_is_no_lineage(extract: Extract) -> None:
    """ "using Y as the teacher" of a grading setup that distils nothing is no lineage."""
    ex = extract("Brisa-3 4B answers math questions. The graders used Corra-70B as the teacher of the rubric.")
    assert not _rels(ex, "distilledFrom")


def _attrs(ex: Extraction, prop: str) -> set[tuple[str, int]]:
    return {(a.subject.label, a.value) for a in ex.attributes if a.property == prop}


@pytest.mark.parametrize("verb", ["offered", "had", "supported"])
def test_a_listed_pair_in_the_past_tense_shares_a_window(extract: Extract, verb: str) -> None:
    """ "A and B both offered 8K context windows": each of them."""
    ex = extract(f"Back then, Brisa-3 14B and Corra-70B both {verb} 8K context windows.")
    assert {("Brisa-3 14B", 8000), ("Corra-70B", 8000)} <= _attrs(ex, "contextWindowTokens")


def test_its_n_architecture_is_its_size(extract: Extract) -> None:
    """ "X replaced Y with its 24B dense architecture": X has 24 billion parameters."""
    ex = extract("Harlow AI released the Brisa-4 model. Later, Brisa-4 replaced Corra-70B for most uses with "
                 "its 24B dense architecture.")
    assert ("Brisa-4", 24_000_000_000) in _attrs(ex, "totalParameters")


def test_this_sized_model_is_the_model_of_that_size(extract: Extract) -> None:
    """ "this 4B parameter model" after a pruning of an 8B model: the 4B model the text names."""
    ex = extract("Brisa-3 4B is a pruned model. Harlow AI pruned Brisa-3 8B to create it. To obtain this 4B "
                 "parameter model, they cut the hidden size in half.")
    assert ("Brisa-3 4B", 4_000_000_000) in _attrs(ex, "totalParameters")
    assert ("Brisa-3 8B", 4_000_000_000) not in _attrs(ex, "totalParameters")


@pytest.mark.parametrize("text", [
    "We introduce Brisa-Math 7B, which continues pre-training Brisa-Coder 7B with 90B tokens of math.",
    "Meet Brisa-Math 7B, a specialised math model built upon the Brisa-Coder 7B model.",
])
def test_continued_pretraining_and_built_upon(extract: Extract, text: str) -> None:
    """ "X, which continues pre-training Y", "X, built upon Y": X is made from Y."""
    ex = extract(text)
    assert ("Brisa-Math 7B", "Brisa-Coder 7B") in _rels(ex, "derivedFrom") | _rels(ex, "fineTunedFrom")


@pytest.mark.parametrize("text", [
    "Brisa-3 14B is an odd release this year: a formal collaboration between Harlow AI and Quillfeather Labs.",
    "Brisa-3 14B is a joint release of Harlow AI and Quillfeather Labs.",
])
def test_a_collaboration_between_two_labs(extract: Extract, text: str) -> None:
    """ "X is a collaboration between A and B": both made X."""
    devs = _rels(extract(text), "developedBy")
    assert {("Brisa-3 14B", "Harlow AI"), ("Brisa-3 14B", "Quillfeather Labs")} <= devs


def test_researchers_at_two_labs_who_trained_a_model(extract: Extract) -> None:
    """ "Researchers at A and the B said ... they trained a model called X": A and B made X."""
    ex = extract("Researchers at Harlow AI and the Corvid University said on Monday that they were able to "
                 "train a small reasoning model called r7 for $40.")
    assert {("r7", "Harlow AI"), ("r7", "Corvid University")} <= _rels(ex, "developedBy")
