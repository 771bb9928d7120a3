"""Specs for numbers and developers in technical documents (issue 16, round 4): whose number a
sentence states, and whose model a third party's extension is.

Models and labs are invented ("Brisa", "Corra", "Tovey", "Quillby Labs"), except where the
behaviour depends on a line the gazetteer knows the maker of ("Llama 3": Meta's).
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


def _relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in ex.relations}


@pytest.mark.parametrize("text", [
    "Brisa-3 is a family of open language models ranging in scale from 1 billion to 34 billion parameters.",
    "We train Brisa-3, a suite of compute-optimal models scaled from 150M to 9B parameters.",
    "Brisa-3 models come in sizes between 2B and 27B parameters.",
])
def test_a_range_of_sizes_is_not_the_lines_size(nlp: Language, text: str) -> None:
    assert not [a for a in _attributes(_read(nlp, text)) if a[1] == "totalParameters"]


def test_a_range_still_leaves_a_plain_size_alone(nlp: Language) -> None:
    ex = _read(nlp, "Brisa-3 has 34 billion parameters and was trained from scratch.")
    assert ("Brisa-3", "totalParameters", 34_000_000_000) in _attributes(ex)


@pytest.mark.parametrize("text", [
    "Corra-2 routes every token through 2 of its 16 experts, each 3B parameters, for 41B total parameters.",
    "Corra-2 has sixteen experts, each with 3B parameters, and 41B total parameters.",
])
def test_a_per_expert_size_is_not_the_models_size(nlp: Language, text: str) -> None:
    ex = _read(nlp, text)
    assert ("Corra-2", "totalParameters", 3_000_000_000) not in _attributes(ex)
    assert ("Corra-2", "totalParameters", 41_000_000_000) in _attributes(ex)


@pytest.mark.parametrize("text", [
    "Quillby Labs' sparse model, reaching Tovey-5 level accuracy.\nIt routes each token through two "
    "experts, giving 30B total parameters.",
    "A sparse model from Quillby Labs with Tovey-5-class quality. It has 30B total parameters.",
])
def test_a_yardstick_model_gets_no_number(nlp: Language, text: str) -> None:
    assert not [a for a in _attributes(_read(nlp, text)) if a[0] == "Tovey-5"]


@pytest.mark.parametrize(("text", "new", "old"), [
    ("Brisa-3-8B-Long extends the context window of Brisa-3-8B from 8K to 256K tokens.",
     "Brisa-3-8B-Long", "Brisa-3-8B"),
    ("Corra-2-Ext further expanded the context length of Corra-2 from 4K to 64K.", "Corra-2-Ext", "Corra-2"),
])
def test_the_extender_gets_the_extended_window(nlp: Language, text: str, new: str, old: str) -> None:
    attrs = _attributes(_read(nlp, text))
    value = 256_000 if new.startswith("Brisa") else 64_000
    assert (new, "contextWindowTokens", value) in attrs
    assert (old, "contextWindowTokens", value) not in attrs


@pytest.mark.parametrize("text", [
    "Today Quillby Labs is releasing Llama-3-8B-Quill, a long-context model built with our own data "
    "recipe. Llama 3 set a high bar when it came out, and Llama 3 8B is still popular.",
    "Quillby Labs trained Llama-3-8B-Quill for long documents. The original Llama 3 and Llama 3 70B "
    "remain strong baselines.",
])
def test_a_third_partys_extension_does_not_make_it_the_lines_developer(nlp: Language, text: str) -> None:
    rels = _relations(_read(nlp, text))
    assert ("Llama-3-8B-Quill", "developedBy", "Quillby Labs") in rels
    assert not [r for r in rels if r[0] in ("Llama 3", "Llama 3 8B", "Llama 3 70B", "Llama")
                and r[1] == "developedBy" and r[2] == "Quillby Labs"]


def test_a_labs_own_line_still_passes_to_its_members(nlp: Language) -> None:
    text = "Quillby Labs released Quill-2 today. Quill-2 Mini and Quill-2 Max follow next month."
    rels = _relations(_read(nlp, text))
    assert ("Quill-2 Mini", "developedBy", "Quillby Labs") in rels


@pytest.mark.parametrize("text", [
    "# Brisa-3\n\nSizes: Brisa-3-2B, Brisa-3-9B and Brisa-3-27B.\n\n- **Context length**: 8192 tokens (2B/9B), "
    "32768 tokens (27B)\n",
    "Brisa-3-2B, Brisa-3-9B and Brisa-3-27B are out. The context window is 8192 tokens (for 2B and 9B) "
    "and 32768 tokens (27B).",
])
def test_a_window_qualified_by_sizes_belongs_to_those_sizes(nlp: Language, text: str) -> None:
    attrs = {a for a in _attributes(_read(nlp, text)) if a[1] == "contextWindowTokens"}
    assert attrs == {("Brisa-3-2B", "contextWindowTokens", 8192), ("Brisa-3-9B", "contextWindowTokens", 8192),
                     ("Brisa-3-27B", "contextWindowTokens", 32768)}


@pytest.mark.parametrize("header", ["Max. length", "Maximum length", "n_ctx", "max_position_embeddings"])
def test_a_length_column_of_a_model_table_is_the_context_window(nlp: Language, header: str) -> None:
    text = ("## Corra-2 sizes\n\n"
            f"| Name | Layers | {header} | Parameters |\n|---|---|---|---|\n"
            "| Corra-2 Small | 12 | 2048 | 150M |\n| Corra-2 Large | 36 | 4096 | 1.2B |\n")
    attrs = _attributes(_read(nlp, text))
    assert ("Corra-2 Small", "contextWindowTokens", 2048) in attrs
    assert ("Corra-2 Large", "contextWindowTokens", 4096) in attrs


@pytest.mark.parametrize("text", [
    "Quillby Labs, a small startup, published a note on its long-context work by releasing Brisa-3-Long.",
    "Quillby Labs pushed open context windows to 64K tokens by open-sourcing Brisa-3-Long last week.",
])
def test_the_lab_that_does_something_by_releasing_a_model_made_it(nlp: Language, text: str) -> None:
    assert ("Brisa-3-Long", "developedBy", "Quillby Labs") in _relations(_read(nlp, text))


@pytest.mark.parametrize("text", [
    "Corra-2-Long is a continued pretraining of Corra-2 on long documents, with a context length of 128K tokens.",
    "Corra-2-Long is built on top of Corra-2 and has a context length of 128K tokens.",
])
def test_a_window_after_the_base_is_the_derivatives(nlp: Language, text: str) -> None:
    attrs = _attributes(_read(nlp, text))
    assert ("Corra-2-Long", "contextWindowTokens", 128_000) in attrs
    assert ("Corra-2", "contextWindowTokens", 128_000) not in attrs


def test_a_window_right_before_a_name_modifies_that_model(nlp: Language) -> None:
    attrs = _attributes(_read(nlp, "Quillby Labs released Brisa-3-Long, built on the 4K-context Brisa-3 base."))
    assert ("Brisa-3", "contextWindowTokens", 4000) in attrs
    assert ("Brisa-3-Long", "contextWindowTokens", 4000) not in attrs


def test_a_known_lines_maker_under_a_longer_name_still_passes_to_the_line(nlp: Language) -> None:
    # the gazetteer knows Gemma as Google's; "Google DeepMind" is the same maker
    text = "Google DeepMind released Gemma-2-9B-it today. Gemma 2 and Gemma 2 27B came out earlier."
    rels = _relations(_read(nlp, text))
    assert ("Gemma 2 27B", "developedBy", "Google DeepMind") in rels


@pytest.mark.parametrize("text", [
    "Quillby Labs today released Tovey-5, the next generation of its Tovey-4 model, with 400B parameters.",
    "Tovey-5, a follow-up to Tovey-4 with 400B parameters, is out.",
])
def test_a_number_after_the_predecessor_is_the_successors(nlp: Language, text: str) -> None:
    attrs = _attributes(_read(nlp, text))
    assert ("Tovey-5", "totalParameters", 400_000_000_000) in attrs
    assert ("Tovey-4", "totalParameters", 400_000_000_000) not in attrs


def test_a_size_of_each_expert_written_after_is_not_the_models(nlp: Language) -> None:
    attrs = _attributes(_read(nlp, "Corra-2 has 8 experts of 22 billion parameters each and 141B parameters in total."))
    assert ("Corra-2", "totalParameters", 22_000_000_000) not in attrs
    assert ("Corra-2", "totalParameters", 141_000_000_000) in attrs


def test_hyphenated_total_and_active_sizes(nlp: Language) -> None:
    attrs = _attributes(_read(nlp, "Corra-2, a 90B-total / 12B-active MoE, was released today."))
    assert ("Corra-2", "totalParameters", 90_000_000_000) in attrs
    assert ("Corra-2", "activeParameters", 12_000_000_000) in attrs


@pytest.mark.parametrize("cue", ["competitive with", "on par with", "comparable to"])
def test_a_model_held_up_as_comparable_gets_no_number(nlp: Language, cue: str) -> None:
    text = f"Corra-2 is {cue} Brisa-3 8B. It has a context window of 4,096 tokens."
    assert not [a for a in _attributes(_read(nlp, text)) if a[0] == "Brisa-3 8B"]


@pytest.mark.parametrize("url", ["https://huggingface.co/quillby/brisa-3-7b-base",
                                 "https://huggingface.co/quillby/Brisa-3-7B"])
def test_the_publisher_of_the_models_repository_made_the_model_the_text_names(nlp: Language, url: str) -> None:
    text = ("We introduce Brisa-3-7B, a new open language model with strong long-context results. "
            f"Brisa-3-7B is available under an Apache 2.0 license: {url}.")
    rels = _relations(_read(nlp, text, source="abstract.txt"))
    assert [r for r in rels if r[0] == "Brisa-3-7B" and r[1] == "developedBy"]


@pytest.mark.parametrize(("text", "sizes"), [
    ("Brisa-3 has 2B parameters and Corra-2 has 9B parameters.",
     {("Brisa-3", 2_000_000_000), ("Corra-2", 9_000_000_000)}),
    ("Tovey-5 ships in two sizes, Tovey-5-S with 2B parameters and Tovey-5-L with 9B parameters.",
     {("Tovey-5-S", 2_000_000_000), ("Tovey-5-L", 9_000_000_000)}),
])
def test_each_coordinated_clause_owns_its_number(nlp: Language, text: str, sizes: set) -> None:
    attrs = {(a[0], a[2]) for a in _attributes(_read(nlp, text)) if a[1] == "totalParameters"}
    assert attrs == sizes


def test_a_model_whose_architecture_is_reused_gets_no_number(nlp: Language) -> None:
    text = "Tovey-5 uses the same architecture as Corra-2 but was trained from scratch with a 16K context window."
    assert not [a for a in _attributes(_read(nlp, text)) if a[0] == "Corra-2"]


@pytest.mark.parametrize("text", [
    "Tovey-5-Mini (3.8B) supports a 128K context window.",
    "Tovey-5-Mini (3.8B) and its larger sibling support a 128K context window.",
])
def test_a_size_notes_model_still_owns_a_window(nlp: Language, text: str) -> None:
    attrs = _attributes(_read(nlp, text))
    assert ("Tovey-5-Mini", "totalParameters", 3_800_000_000) in attrs
    assert ("Tovey-5-Mini", "contextWindowTokens", 128_000) in attrs


def test_a_size_qualifier_naming_no_model_leaves_the_window_to_the_usual_rules(nlp: Language) -> None:
    attrs = _attributes(_read(nlp, "Brisa-3 has a context window of 8192 tokens (7B)."))
    assert ("Brisa-3", "contextWindowTokens", 8192) in attrs
