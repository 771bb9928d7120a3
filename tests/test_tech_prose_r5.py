"""Specs for phrasings of technical abstracts and posts met in round 5 of issue 16: lineage and
scores as papers write them. Model names are invented ("Brisa-3", "Corra-2"); benchmark names
are real ones (the gazetteer types them).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in ex.relations}


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


@pytest.mark.parametrize("text", [
    "Brisa-3-Math 7B continues pre-training Corra-2 7B on proofs and olympiad solutions.",
    "Out today: Brisa-3-Math 7B, a maths model built upon Corra-2 7B.",
    "Brisa-3-Math 7B is initialized with Corra-2 7B and trained on proofs.",
])
def test_continued_pretraining_and_built_upon_give_the_base(extract: Extract, text: str) -> None:
    assert ("Brisa-3-Math 7B", "derivedFrom", "Corra-2 7B") in _relations(extract(text))


def test_scores_after_with_scores_of_respectively(extract: Extract) -> None:
    text = ("Brisa-3-Coder leads the open models we tried on maths, with accuracies of up to 61% and 58% "
            "on GSM8K and MATH, respectively.")
    assert {("Brisa-3-Coder", "GSM8K", 61.0), ("Brisa-3-Coder", "MATH", 58.0)} <= _results(extract(text))


def test_a_score_on_a_benchmark_with_a_hyphenated_adjective(extract: Extract) -> None:
    text = "Brisa-3-Math 7B gets 48.2% on the olympiad-level MATH test."
    assert ("Brisa-3-Math 7B", "MATH", 48.2) in _results(extract(text))


def _attributes(ex: Extraction) -> set[tuple[str, str, int]]:
    return {(a.subject.label, a.property, a.value) for a in ex.attributes}


def test_a_size_before_a_models_name_and_based_is_not_that_models(extract: Extract) -> None:
    got = _attributes(extract("Brisa-3-Guard, a 300M parameter Corra-2-based filter, flags unsafe prompts."))
    assert not [a for a in got if a[0].startswith("Corra-2")]


@pytest.mark.parametrize(("text", "tokens"), [
    ("Brisa-3-Coder 7B can process information of up to 32K tokens.", 32_000),
    ("Each run of Brisa-3-Coder 7B was trained on sequences of 8k tokens.", 8_000),
])
def test_context_windows_as_papers_write_them(extract: Extract, text: str, tokens: int) -> None:
    assert ("Brisa-3-Coder 7B", "contextWindowTokens", tokens) in _attributes(extract(text))


def test_a_model_whose_chat_template_is_used_owns_no_window(extract: Extract) -> None:
    text = "Brisa-3-120B is out. It keeps the Corra-2 chat template and reads a 4K context window."
    assert not [a for a in _attributes(extract(text)) if a[0] == "Corra-2"]


def test_a_size_in_the_base_models_name_does_not_take_the_sentences_count(extract: Extract) -> None:
    text = "Brisa-3-Chat is a fine-tuned 7B parameter model built from Corra-2-7B on chat data."
    assert ("Brisa-3-Chat", "totalParameters", 7_000_000_000) in _attributes(extract(text))


def _card(nlp, body: str, title: str):  # type: ignore[no-untyped-def]
    from ingest.pipeline import extract_document
    from ingest.records import Document

    return extract_document(Document(text=body, source="card.md", title=title, doc_type="ModelCard",
                                     media_type="text/markdown"), nlp)


@pytest.mark.parametrize("body", [
    "# Brisa-3-Chat\n\nThis model is a 7B parameter chat LLM fine-tuned from quillfeather/Corra-2-7B-v0.1.\n",
    "# Brisa-3-Chat\n\nBrisa-3-Chat is a chat model.\n\nContext length for this model: 4096 tokens (as for "
    "quillfeather/Corra-2-7B-v0.1)\n",
])
def test_a_cards_this_model_is_the_cards_model(nlp, body: str) -> None:  # type: ignore[no-untyped-def]
    got = _attributes(_card(nlp, body, "Brisa-3-Chat"))
    assert [a for a in got if a[0] == "Brisa-3-Chat"]
    assert not [a for a in got if a[0].startswith("Corra-2") and a[1] == "contextWindowTokens"]


def test_a_cards_it_after_a_list_of_other_models_is_the_cards_model(nlp) -> None:  # type: ignore[no-untyped-def]
    body = ("# Brisa-3-120B\n\nBrisa-3-120B is a self-merge of Brisa-3-70B.\n\nIt was inspired by:\n\n"
            "- quillfeather/Corra-2-120b\n- quillfeather/Tovey-5-120b\n\n"
            "It keeps the Corra-2 chat template and reads a 4K context window.\n")
    assert ("Brisa-3-120B", "contextWindowTokens", 4000) in _attributes(_card(nlp, body, "Brisa-3-120B"))


PRUNING = ("Slimming Brisa-3 by distillation\n\nWe shrink two teachers by pruning, then distil. "
           "Out now: Brisa-3-Slim-4B-Wide and Brisa-3-Slim-4B-Deep. Our recipe yields a strong 4B "
           "model from Brisa-3 8B and a capable Corra-2-Slim-9B model from Corra-2 12B.\n")


@pytest.mark.parametrize("relation", [
    ("Corra-2-Slim-9B", "distilledFrom", "Corra-2 12B"),
    ("Brisa-3-Slim-4B-Wide", "distilledFrom", "Brisa-3 8B"),
    ("Brisa-3-Slim-4B-Deep", "distilledFrom", "Brisa-3 8B"),
])
def test_a_distillation_paper_produces_students_from_teachers(extract: Extract,
                                                               relation: tuple[str, str, str]) -> None:
    assert relation in _relations(extract(PRUNING))


def test_produced_from_without_distillation_is_derived(extract: Extract) -> None:
    text = "We merge weights. The recipe yields a capable Corra-2-Max-9B model from Corra-2 12B.\n"
    rels = _relations(extract(text))
    assert ("Corra-2-Max-9B", "derivedFrom", "Corra-2 12B") in rels
    assert not [r for r in rels if r[1] == "distilledFrom"]


def test_a_size_no_model_of_the_line_carries_gives_nothing(extract: Extract) -> None:
    text = "Distillation at scale. It yields a strong 3B model from Brisa-3 8B. Out now: Brisa-3-Slim-4B.\n"
    assert not [r for r in _relations(extract(text)) if r[2] == "Brisa-3 8B" and r[0] != "Brisa-3 8B"]


@pytest.mark.parametrize("tail", ["architecture", "design", "framework"])
def test_based_on_a_models_architecture_is_no_lineage(extract: Extract, tail: str) -> None:
    text = f"Brisa-3.1 8B, an open model, is based on the Brisa-3 {tail}."
    assert not [r for r in _relations(extract(text)) if r[1] in ("derivedFrom", "fineTunedFrom")]


def test_based_on_a_model_is_lineage(extract: Extract) -> None:
    text = "Brisa-3.1 8B, an open model, is based on Brisa-3 8B."
    assert ("Brisa-3.1 8B", "derivedFrom", "Brisa-3 8B") in _relations(extract(text))


def test_fine_tuning_a_model_has_led_to_models(extract: Extract) -> None:
    text = "Fine-tuning Corra-2 7B has led to Brisa-3-Chat and Tovey-5-Chat, which both do well."
    rels = _relations(extract(text))
    assert {("Brisa-3-Chat", "fineTunedFrom", "Corra-2 7B"), ("Tovey-5-Chat", "fineTunedFrom", "Corra-2 7B")} <= rels


def test_a_score_of_samples_from_a_model_is_that_models(extract: Extract) -> None:
    text = "Voting over 16 samples from Brisa-3-Math 7B gives 58.5% on MATH."
    assert ("Brisa-3-Math 7B", "MATH", 58.5) in _results(extract(text))


def test_a_score_over_a_compared_model_is_not_its(extract: Extract) -> None:
    text = "Brisa-3-Math 7B improves over Corra-2 7B and achieves 58.5% on MATH."
    got = _results(extract(text))
    assert ("Corra-2 7B", "MATH", 58.5) not in got


@pytest.mark.parametrize(("text", "pair"), [
    ("Llama 3.1 is here, the next iteration of the line; it keeps the Llama 3 tokenizer.",
     ("Llama 3.1", "Llama 3")),
    ("Llama 3.2 is a new version for phones; Llama 3.1 stays the bigger line.", ("Llama 3.2", "Llama 3.1")),
])
def test_a_point_release_follows_the_version_it_updates(extract: Extract, text: str,
                                                        pair: tuple[str, str]) -> None:
    assert (pair[0], "successorOf", pair[1]) in _relations(extract(text))


def test_versions_of_two_majors_apart_do_not_follow(extract: Extract) -> None:
    text = "The previous models were Llama 2 and Llama 3.1."
    assert not [r for r in _relations(extract(text)) if r[1] == "successorOf"]
