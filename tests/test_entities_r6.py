"""Specs for names met in round 6 of issue 16: a new name recognised from how the text introduces it,
and people who are not run together or read from headings.

Model names and people are invented ("Brisa", "Quell", "Odile Brannon"); the labs are real where the
rule reads the gazetteer (a known lab's possessive names its model).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _entities(ex: Extraction) -> dict[str, str]:
    return {e.ref.label: e.ref.type for e in ex.entities}


@pytest.mark.parametrize(("text", "name"), [
    ("Reviewers say Google's Quell models run well on a laptop.", "Quell"),
    ("Testers found that Microsoft’s new Brisa model answers quickly.", "Brisa"),
    ("Apple's Quell model was trained on licensed data.", "Quell"),
])
def test_a_known_labs_possessive_before_model_names_a_model(extract: Extract, text: str, name: str) -> None:
    assert _entities(extract(text)).get(name) == "Model"


def test_an_unknown_possessive_before_models_names_no_model(extract: Extract) -> None:
    ents = _entities(extract("Reviewers say Henrietta's Quell models run well on a laptop."))
    assert ents.get("Quell") != "Model"


@pytest.mark.parametrize(("text", "name"), [
    ("Brisa is an open-weight language model trained on forty languages.", "Brisa"),
    ("Brisa is Mistral AI's in-house chat model, built for retrieval.", "Brisa"),
    ("Notes follow. Quell is a 9B instruction-tuned model.", "Quell"),
    ("Snowflake Quell is an enterprise language model for SQL work.", "Snowflake Quell"),
])
def test_a_sentence_that_defines_a_name_as_a_model_names_a_model(extract: Extract, text: str,
                                                                 name: str) -> None:
    assert _entities(extract(text)).get(name) == "Model"


@pytest.mark.parametrize("text", [
    "Brisa is an open-source large language model serving platform for teams.",
    "Brisa is a benchmark for language model evaluation.",
    "Brisa is a framework for training a reward model.",
    "Brisa is Henrietta's favourite model.",
])
def test_a_tool_a_benchmark_or_an_unknown_owner_is_no_defined_model(extract: Extract, text: str) -> None:
    assert _entities(extract(text)).get("Brisa") != "Model"


@pytest.mark.parametrize(("line", "people"), [
    ("Developed by: Odile Brannon*, Wendell Ashgrove* and Priya Holt.",
     {"Odile Brannon", "Wendell Ashgrove", "Priya Holt"}),
    ("Developed by: Thanh-Mai Le-Vu", {"Thanh-Mai Le-Vu"}),
])
def test_people_named_as_a_models_makers_are_people(extract: Extract, line: str, people: set[str]) -> None:
    ents = _entities(extract(f"Brisa-7B\n\n{line}\n\nBrisa-7B is a chat model.\n"))
    assert {p for p in people if ents.get(p) == "Person"} == people
    assert not [n for n, t in ents.items() if t == "Organization"]


def test_a_lab_named_as_a_models_maker_stays_a_lab(extract: Extract) -> None:
    ents = _entities(extract("Brisa-7B\n\nDeveloped by: Quillfeather Labs\n\nBrisa-7B is a chat model.\n"))
    assert ents.get("Quillfeather Labs") == "Organization"


def test_an_author_line_without_commas_is_read_two_words_a_person(extract: Extract) -> None:
    text = ("The Brisa Report\n\nMaria Tolland    Dhruv Okafor    John Reyes    Sarah Lindqvist\n\n"
            "We present Brisa-7B, a chat model.\n")
    ents = _entities(extract(text))
    assert {n for n, t in ents.items() if t == "Person"} == {
        "Maria Tolland", "Dhruv Okafor", "John Reyes", "Sarah Lindqvist"}


@pytest.mark.parametrize("heading", ["Dataset Curation and Logit Compression",
                                     "Query Expansion and Answer Validation"])
def test_a_heading_of_abstract_nouns_is_no_list_of_people(extract: Extract, heading: str) -> None:
    ents = _entities(extract(f"Brisa-7B is a chat model.\n\n{heading}\n\nThe data came first.\n"))
    assert not [n for n, t in ents.items() if t == "Person"]


@pytest.mark.parametrize("text", [
    "Quillfeather is proud to release Brisa-7B, a chat model.",
    "Quillfeather is excited to announce Brisa-7B, a chat model.",
])
def test_a_name_proud_to_release_something_is_a_lab(extract: Extract, text: str) -> None:
    assert _entities(extract(text)).get("Quillfeather") == "Organization"


def test_a_capitalised_cue_word_in_a_job_title_names_no_lab(extract: Extract) -> None:
    ents = _entities(extract('"We trained it ourselves," said Odile Brannon, VP of Developer Outreach at Kestrel.'))
    assert "Outreach" not in ents


def test_a_name_defined_as_a_model_is_no_lab_for_opening_a_sentence(extract: Extract) -> None:
    text = ("Quillfeather is proud to release Brisa, a novel 7B parameter foundation model.\n\n"
            "Brisa introduces a new attention layer shared across blocks.")
    ents = _entities(extract(text))
    assert ents.get("Brisa") == "Model"


def test_a_capitalised_word_that_opens_the_next_clause_ends_a_model_name(extract: Extract) -> None:
    text = ("Kestrel uses Brisa 2 in its editor. Reviewers like Kestrel. Wendell, who built it on Brisa 2 "
            "Kestrel released the tool in March.")
    ents = _entities(extract(text))
    assert "Brisa 2 Kestrel" not in ents
    assert ents.get("Brisa 2") == "Model"


@pytest.mark.parametrize("text", [
    "Features: Live Search, Inline Citations 128K Token Context, Fast Inference.",
    "It offers Citations 32k tokens of context for each answer.",
])
def test_a_word_before_a_context_length_names_no_model(extract: Extract, text: str) -> None:
    ents = _entities(extract(text))
    assert not [n for n, t in ents.items() if t == "Model"]


def test_a_defined_models_brand_heads_its_sibling_variants(extract: Extract) -> None:
    text = ("Quillfeather-Ostra-Medius is a compact (14B) yet capable language model.\n\n"
            "It sits between the 8B Ostra-Lite and our largest model.")
    ents = _entities(extract(text))
    assert ents.get("Ostra-Lite") == "Model"


def test_a_longer_name_the_text_repeats_keeps_its_last_word_before_a_verb(extract: Extract) -> None:
    text = "Model Card for Brisa 7B TIR\n\nBrisa 7B TIR won a maths prize with a score of 29/50."
    ents = _entities(extract(text))
    assert ents.get("Brisa 7B TIR") == "Model"
    assert "Brisa 7B" not in ents


@pytest.mark.parametrize(("text", "name"), [
    ("The vision models pair the Brisa 3.1 LLMs with an image encoder.", "Brisa 3.1"),
    ("We fine-tuned the Brisa-2 LLMs with adapters.", "Brisa-2"),
])
def test_a_plural_llms_after_a_name_is_no_part_of_it(extract: Extract, text: str, name: str) -> None:
    ents = _entities(extract(text))
    assert name in ents
    assert not [n for n in ents if n.endswith("LLMs")]
