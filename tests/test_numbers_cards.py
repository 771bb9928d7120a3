"""Specs for numbers in the prose of technical documents (issue 16, round 3): parameter counts
and context windows as model cards, READMEs and reports write them.

Every name here is invented (models "Tovey-5 ...", "Brisa-3 ..."), so the numbers must be read
from the phrasing, not from the gazetteer.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document, Extraction


def _read(nlp: Language, text: str, source: str = "readme.md") -> Extraction:
    return extract_document(Document(text=text, source=source), nlp)


def _attributes(ex: Extraction) -> set[tuple[str, str, int]]:
    return {(a.subject.label, a.property, a.value) for a in ex.attributes}


@pytest.mark.parametrize("text", [
    "We release Tovey-5 with 16B and 236B parameters, in base and instruct versions.",
    "The lab released Tovey-5 with 3B and 14B parameters last week.",
])
def test_two_sizes_after_a_line_name_are_not_the_lines_size(nlp: Language, text: str) -> None:
    assert not any(a[0] == "Tovey-5" and a[1] == "totalParameters" for a in _attributes(_read(nlp, text)))


def test_one_size_after_a_model_name_is_its_size(nlp: Language) -> None:
    ex = _read(nlp, "We release Tovey-5 with 16B parameters and a permissive licence.")
    assert ("Tovey-5", "totalParameters", 16_000_000_000) in _attributes(ex)


@pytest.mark.parametrize(("text", "size"), [
    ("Meet Brisa-3, a small, quick 1.1B model trained on 2T tokens.", 1_100_000_000),
    ("We present Brisa-3, a small, fast 3B model for phones.", 3_000_000_000),
])
def test_size_after_several_adjectives_in_an_appositive_is_the_models(nlp: Language, text: str,
                                                                      size: int) -> None:
    assert ("Brisa-3", "totalParameters", size) in _attributes(_read(nlp, text))


def test_bound_in_a_comparison_is_nobodys_size(nlp: Language) -> None:
    ex = _read(nlp, "Brisa-3 is the best of all models with 1.5B parameters or less on reasoning.")
    assert not any(a[2] == 1_500_000_000 for a in _attributes(ex))


@pytest.mark.parametrize("text", [
    "Tovey-5 activates 22B of its 235B parameters per token.",
    "Tovey-5 uses only 22 billion of its 235 billion parameters for each token.",
])
def test_activates_n_of_its_m_parameters(nlp: Language, text: str) -> None:
    attrs = _attributes(_read(nlp, text))
    assert ("Tovey-5", "activeParameters", 22_000_000_000) in attrs
    assert ("Tovey-5", "totalParameters", 235_000_000_000) in attrs
    assert ("Tovey-5", "activeParameters", 235_000_000_000) not in attrs


@pytest.mark.parametrize("text", [
    "Tovey-5 was trained with a 4K context window, later extended to 128K.",
    "Tovey-5 starts from an 8K context length, which we extended to 128K tokens with YaRN.",
])
def test_context_window_extended_to_is_the_models_window(nlp: Language, text: str) -> None:
    attrs = {a for a in _attributes(_read(nlp, text)) if a[1] == "contextWindowTokens"}
    assert attrs == {("Tovey-5", "contextWindowTokens", 128_000)}


def test_extended_to_a_number_without_context_is_no_window(nlp: Language) -> None:
    ex = _read(nlp, "Tovey-5 extended its language coverage to 1,024 dialects.")
    assert not any(a[1] == "contextWindowTokens" for a in _attributes(ex))


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


@pytest.mark.parametrize("text", [
    "Tovey-5 scores 64.3 and 52.1 on MMLU and GSM8K respectively.",
    "Tovey-5 achieves 64.3%, and 52.1% on MMLU, and GSM8K, respectively.",
])
def test_scores_paired_with_benchmarks_respectively(nlp: Language, text: str) -> None:
    results = _results(_read(nlp, text))
    assert ("Tovey-5", "MMLU", 64.3) in results and ("Tovey-5", "GSM8K", 52.1) in results
    assert ("Tovey-5", "MMLU", 52.1) not in results


def test_unequal_lists_pair_nothing_respectively(nlp: Language) -> None:
    results = _results(_read(nlp, "Tovey-5 scores 64.3 and 52.1 on MMLU, GSM8K and MATH respectively."))
    assert ("Tovey-5", "GSM8K", 64.3) not in results and ("Tovey-5", "MATH", 52.1) not in results


@pytest.mark.parametrize("text", [
    "Tovey-5 (MMLU 85.2, GSM8K 74.1) is the strongest open model of its size.",
    "The best entry was Tovey-5 (MMLU: 85.2; GSM8K: 74.1).",
])
def test_scores_in_brackets_after_a_model_are_its(nlp: Language, text: str) -> None:
    results = _results(_read(nlp, text))
    assert {("Tovey-5", "MMLU", 85.2), ("Tovey-5", "GSM8K", 74.1)} <= results


@pytest.mark.parametrize("text", [
    "Corra-2-70B is designed with these specifications:\n\n- **Parameters:** 70B\n"
    "- **Maximum Sequence Length (context):** 8,192 tokens\n",
    "Corra-2-70B is designed with these specifications:\n\n- **Context length (tokens):** 8192\n",
])
def test_context_field_with_a_bracketed_note(nlp: Language, text: str) -> None:
    assert ("Corra-2-70B", "contextWindowTokens", 8192) in _attributes(_read(nlp, text, "card.md"))


@pytest.mark.parametrize("text", [
    "Tovey-5-7B improves MMLU from 60.1 to 64.2 over Corra-2-7B.",
    "Tovey-5-7B lifts its MMLU score from 60.1% to 64.2% compared with Corra-2-7B.",
])
def test_improves_from_to_gives_new_and_old_scores(nlp: Language, text: str) -> None:
    results = _results(_read(nlp, text))
    assert {("Tovey-5-7B", "MMLU", 64.2), ("Corra-2-7B", "MMLU", 60.1)} <= results
    assert ("Tovey-5-7B", "MMLU", 60.1) not in results


@pytest.mark.parametrize("text", [
    "Tovey-5-7B is #1 on the Open LLM Leaderboard with an average score of 74.2.",
    "Tovey-5-7B ranks No. 2 on the Open LLM Leaderboard.",
])
def test_a_rank_is_no_score(nlp: Language, text: str) -> None:
    scores = {r[2] for r in _results(_read(nlp, text))}
    assert not scores & {1.0, 2.0}


def test_a_line_of_benchmark_score_pairs_gives_each_pair(nlp: Language) -> None:
    text = "# Tovey-5-7B\n\nMMLU: 64.2, HellaSwag: 84.1, GSM8K: 62.3 (Tovey-5-7B, our own evaluation)."
    assert {("Tovey-5-7B", "MMLU", 64.2), ("Tovey-5-7B", "HellaSwag", 84.1),
            ("Tovey-5-7B", "GSM8K", 62.3)} <= _results(_read(nlp, text, "card.md"))


def test_n_of_which_are_active(nlp: Language) -> None:
    ex = _read(nlp, "Tovey-5 has 1.2T total parameters, 32B of which are active.")
    assert {("Tovey-5", "totalParameters", 1_200_000_000_000),
            ("Tovey-5", "activeParameters", 32_000_000_000)} <= _attributes(ex)


def test_model_tops_a_benchmark_at_a_score_ahead_of_another(nlp: Language) -> None:
    results = _results(_read(nlp, "Tovey-5-7B tops MMLU-Pro at 73.3, ahead of Corra-2-7B at 70.1."))
    assert {("Tovey-5-7B", "MMLU-Pro", 73.3), ("Corra-2-7B", "MMLU-Pro", 70.1)} <= results


def test_on_a_benchmark_a_model_solves_a_share(nlp: Language) -> None:
    assert ("Tovey-5-7B", "AIME 2024", 79.8) in _results(_read(nlp, "On AIME 2024, Tovey-5-7B solves 79.8% of problems."))


@pytest.mark.parametrize(("field", "value"), [("- **Size:** 7B", 7_000_000_000), ("- Model size: 1.5B", 1_500_000_000)])
def test_a_size_field_with_a_parameter_unit_is_the_models_size(nlp: Language, field: str, value: int) -> None:
    text = f"Corra-2-Mamba is a causal decoder-only model.\n\n{field}\n- **Architecture:** Mamba\n"
    assert ("Corra-2-Mamba", "totalParameters", value) in _attributes(_read(nlp, text, "card.md"))


@pytest.mark.parametrize("field", ["- **Size:** 14.5 GB", "- Size: 4096"])
def test_a_size_field_in_bytes_or_bare_is_no_parameter_count(nlp: Language, field: str) -> None:
    text = f"Corra-2-Mamba is a causal decoder-only model.\n\n{field}\n- **Architecture:** Mamba\n"
    assert not any(a[1] == "totalParameters" for a in _attributes(_read(nlp, text, "card.md")))
