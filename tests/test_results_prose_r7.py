"""Specs for benchmark results stated in prose met in round 7 of issue 16: a score compared with
other models' scores in the same sentence ("compared to X's 23%", "ahead of X at 72 and Y at 54").

The sentences are our own; "Brisa-3" is an invented model, the others are real names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document


def _results(nlp: Language, text: str) -> set[tuple[str, str, float]]:
    ex = extract_document(Document(text=text, source="news.txt", title="", doc_type="Document",
                                   media_type="text/plain"), nlp)
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


@pytest.mark.parametrize(("text", "result"), [
    ("Brisa-3 reaches 46.0% accuracy on MATH, compared to GPT-4's 23.5%.", ("GPT-4", "MATH", 23.5)),
    ("On MATH, Brisa-3 scored 46.0%, well above GPT-4's 23.5% and Gemini Ultra's 30.1%.",
     ("Gemini Ultra", "MATH", 30.1)),
    ("On HumanEval, Brisa-3 scored 81.1, ahead of Llama 3 70B at 80.0 and Mixtral 8x7B at 60.3.",
     ("Mixtral 8x7B", "HumanEval", 60.3)),
    ("On HumanEval, Brisa-3 scored 81.1, ahead of Llama 3 70B at 80.0 and Mixtral 8x7B at 60.3.",
     ("Llama 3 70B", "HumanEval", 80.0)),
    ("Google's Gemini 2.5 Pro leads the Chatbot Arena with an Arena Score of 1440, surpassing OpenAI's GPT-4o "
     "at 1400.", ("GPT-4o", "LMArena", 1400.0)),
])
def test_each_compared_model_gets_its_own_score(nlp: Language, text: str, result: tuple[str, str, float]) -> None:
    assert result in _results(nlp, text)


def test_the_subject_keeps_its_score_beside_a_compared_list(nlp: Language) -> None:
    found = _results(nlp, "On MATH, Brisa-3 scored 46.0%, well above GPT-4's 23.5% and Gemini Ultra's 30.1%.")
    assert ("Brisa-3", "MATH", 46.0) in found
    assert len({r for r in found if r[0] == "GPT-4"}) == 1


def test_a_compared_model_in_a_sentence_of_two_benchmarks_gets_no_score(nlp: Language) -> None:
    found = _results(nlp, "Brisa-3 reaches 46.0% on MATH and 70.2% on GSM8K, compared to GPT-4's 23.5%.")
    assert not {r for r in found if r[0] == "GPT-4"}


@pytest.mark.parametrize(("text", "result"), [
    ("Claude 3 Opus posts an 85.2 MMLU score.", ("Claude 3 Opus", "MMLU", 85.2)),
    ("Claude 3 Opus pairs a 79.3% MMLU score with a 0.874 RULER score at 256K tokens.", ("Claude 3 Opus", "RULER", 0.874)),
])
def test_a_score_before_the_benchmark_and_the_word_score(nlp: Language, text: str,
                                                          result: tuple[str, str, float]) -> None:
    assert result in _results(nlp, text)


@pytest.mark.parametrize("text", [
    "Claude 3 Opus reaches a RULER score at 128K tokens.",
    "Claude 3 Opus keeps its RULER accuracy at 1M tokens.",
])
def test_a_context_length_after_a_score_word_is_no_score(nlp: Language, text: str) -> None:
    assert not _results(nlp, text)


@pytest.mark.parametrize("result", [("Codestral", "HumanEval", 71.4), ("Codestral", "MBPP", 71.4),
                                    ("Codestral", "MMLU", 66.0)])
def test_one_score_on_both_of_two_benchmarks(nlp: Language, result: tuple[str, str, float]) -> None:
    text = "Mistral says Codestral posts 66.0 on MMLU and 71.4 on both HumanEval and MBPP."
    assert result in _results(nlp, text)
