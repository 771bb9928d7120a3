"""Specs for names met in round 5 of issue 16 (entity noise and name shapes in technical text).

Model and lab names are invented ("Brisa-3", "Quillfeather Labs"); leaderboard names are real
where the rule reads the gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _entities(ex: Extraction) -> dict[str, str]:
    return {e.ref.label: e.ref.type for e in ex.entities}


def test_a_longer_leaderboard_name_around_a_known_one_stays_whole(extract: Extract) -> None:
    ents = _entities(extract("Brisa-3-7B ranks third on Yet Another LLM Leaderboard this week."))
    assert ents.get("Yet Another LLM Leaderboard") == "Benchmark"
    assert "Open LLM Leaderboard" not in ents


@pytest.mark.parametrize("text", [
    "Brisa-3-7B was submitted to the Open LLM Leaderboard last week.",
    "Brisa-3-7B was submitted to the Hugging Face Open LLM Leaderboard last week.",
])
def test_the_open_llm_leaderboard_by_its_names(extract: Extract, text: str) -> None:
    assert _entities(extract(text)).get("Open LLM Leaderboard") == "Benchmark"


@pytest.mark.parametrize("field", ["Code Intelligence", "Machine Intelligence", "Business Intelligence"])
def test_a_field_of_study_ending_in_intelligence_is_no_lab(extract: Extract, field: str) -> None:
    ents = _entities(extract(f"Brisa-3-Coder: Closing the Gap in {field}\n\nWe present Brisa-3-Coder.\n"))
    assert field not in ents


@pytest.mark.parametrize(("text", "name"), [
    ("Meta trains Code Llama - Python on more code.", "Code Llama - Python"),
    ("The chat build, Code Llama - Instruct, follows instructions.", "Code Llama - Instruct"),
    ("In our tests Code Llama - Python 7B beats larger models.", "Code Llama - Python 7B"),
])
def test_a_known_lines_variant_after_a_spaced_dash_is_one_name(extract: Extract, text: str, name: str) -> None:
    assert name in _entities(extract(text))


def test_a_spaced_dash_after_an_unknown_word_joins_nothing(extract: Extract) -> None:
    assert not [n for n in _entities(extract("Quillfeather - Python tools for data work.")) if " - " in n]


def test_a_programming_language_is_no_short_form_of_a_variant(extract: Extract) -> None:
    ents = _entities(extract("Meta released Code Llama - Python. It writes Python well."))
    assert "Python" not in ents
    assert "Code Llama - Python" in ents


@pytest.mark.parametrize(("text", "name"), [
    ("Quillmath is a series of language models for contest maths.", "Quillmath"),
    ("Tessaly is a family of open models for code.", "Tessaly"),
])
def test_a_name_said_to_be_a_series_of_models_is_a_line(extract: Extract, text: str, name: str) -> None:
    assert _entities(extract(text)).get(name) in ("Model", "ModelFamily")


def test_a_series_of_something_else_is_no_model(extract: Extract) -> None:
    ents = _entities(extract("Quillkit is a series of tasks for grading essays."))
    assert ents.get("Quillkit") not in ("Model", "ModelFamily")


def test_an_olympiad_is_a_benchmark(extract: Extract) -> None:
    ents = _entities(extract("Brisa-3-Math won a prize at the Harbor Math Olympiad (HMO) this year."))
    assert ents.get("Harbor Math Olympiad") == "Benchmark"


@pytest.mark.parametrize(("text", "board"), [
    ("Brisa-3 will be scored on Open LLM Leaderboard 2 next week.", "Open LLM Leaderboard 2"),
    ("Brisa-3 tops the Open LLM Leaderboard with 80 points.", "Open LLM Leaderboard"),
])
def test_a_known_boards_next_edition_is_its_own_board(extract: Extract, text: str, board: str) -> None:
    assert _entities(extract(text)).get(board) == "Benchmark"


def _relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in ex.relations}


def test_a_dash_variant_line_belongs_to_the_model_it_varies(extract: Extract) -> None:
    text = ("Meta ships Code Llama, Code Llama - Python and Code Llama - Instruct. "
            "Code Llama - Python 7B beats larger models.")
    rels = _relations(extract(text))
    assert ("Code Llama - Python", "memberOfFamily", "Code Llama") in rels
    assert ("Code Llama - Python 7B", "memberOfFamily", "Code Llama - Python") in rels
    assert ("Code Llama - Python 7B", "memberOfFamily", "Code Llama") not in rels


def test_a_model_name_before_style_names_a_format(extract: Extract) -> None:
    ents = _entities(extract("Prompt Brisa-3 with an Alpaca-style template; it was tuned from Alpaca."))
    assert "Alpaca" in ents  # named as a model in the same text
    ents = _entities(extract("Prompt Brisa-3 with an Alpaca-style template for best results."))
    assert "Alpaca" not in ents


def test_a_benchmark_in_brackets_after_a_benchmark_qualifies_it(extract: Extract) -> None:
    text = "| Model | MMLU (HELM) | MMLU (Harness) |\n| --- | --- | --- |\n| Brisa-3 | 61.0 | 55.0 |\n"
    assert "HELM" not in _entities(extract(text))
    assert "HELM" in _entities(extract("Brisa-3 was scored with HELM, Stanford's evaluation suite, on MMLU."))


def test_a_word_of_a_library_name_is_no_short_form_of_a_model(extract: Extract) -> None:
    text = "Brisa-3 is distilled from Mistral NeMo. We then align both models using NeMo Aligner."
    ex = extract(text)
    assert not [e for e in ex.entities if "NeMo" in e.alt_labels]
    assert "NeMo Aligner" not in _entities(ex)


@pytest.mark.parametrize(("text", "name"), [
    ("We tuned the 7B Mistral model for chat.", "Mistral 7B"),
    ("We start from the 70B Llama 2 model and train on maths.", "Llama 2 70B"),
])
def test_a_size_before_a_known_line_names_its_model(extract: Extract, text: str, name: str) -> None:
    assert _entities(extract(text)).get(name) == "Model"


def test_a_size_before_an_unknown_word_names_nothing(extract: Extract) -> None:
    assert not [n for n in _entities(extract("We start from the 7B Quill model and train on maths."))
                if n.startswith("Quill")]


def test_an_interface_named_after_a_lab_names_no_lab(extract: Extract) -> None:
    ex = extract("We serve Brisa-3 through an OpenAI-compatible API at a low price.")
    assert "OpenAI" not in _entities(ex)
    assert "OpenAI" in _entities(extract("OpenAI released a new model today."))
