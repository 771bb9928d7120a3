"""Specs for cards of derived models as the hub's tools and uploaders write them (issue 16,
round 5): a quantizer's "Quantizations of X" heading, a card opening with a template's section
heading or an image, a merge card without front matter, hub names whose middle words are plain.

Every name here is invented (uploaders "quantfarm", "tinkerbee"; models "Kestrel-3-8B",
"Corra-2-12B", "Brisa" ...), so the cards must be read from their shape, not from the gazetteer.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.gazetteer import name_key
from ingest.loaders.base import first_line_title, guess_doc_type
from ingest.loaders.text import load_markdown
from ingest.pipeline import extract_document
from ingest.records import Extraction


def _card(nlp: Language, text: str, source: str = "card.md") -> Extraction:
    return extract_document(load_markdown(text.encode(), source)[0], nlp)


def _rels(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in ex.relations}


def _labels(ex: Extraction) -> set[str]:
    return {e.label for e in ex.entities}


# --------------------------------------------------------------------------- "Quantizations of X"

QUANT_OF = """\
---
quantized_by: quantfarm
base_model: tinkerbee/Kestrel-3-8B
---

## Llamacpp imatrix Quantizations of Kestrel-3-8B by tinkerbee

Made with llama.cpp build 4100; all files use an importance matrix.

Original model: https://huggingface.co/tinkerbee/Kestrel-3-8B

| Filename | Quant type | File Size | Description |
| -------- | ---------- | --------- | ----------- |
| [Kestrel-3-8B-Q4_K_M.gguf](https://huggingface.co/quantfarm/Kestrel-3-8B-GGUF/blob/main/Kestrel-3-8B-Q4_K_M.gguf) | Q4_K_M | 4.9GB | Good default. |
"""

QUANT_OF_EXL2 = """\
---
quantized_by: quantfarm
base_model: tinkerbee/Kestrel-3-8B
---

# Quants of Kestrel-3-8B

Converted with exllamav2 0.2.1 at several bit rates, one branch each.
"""


@pytest.mark.parametrize("text, build", [(QUANT_OF, "Kestrel-3-8B GGUF"), (QUANT_OF_EXL2, "Kestrel-3-8B EXL2")])
def test_quantizations_of_heading_names_the_original_and_the_tool_the_format(
        nlp: Language, text: str, build: str) -> None:
    rels = _rels(_card(nlp, text))
    assert (build, "quantizedFrom", "Kestrel-3-8B") in rels
    assert (build, "developedBy", "quantfarm") in rels


def test_title_naming_its_build_still_decides(nlp: Language) -> None:
    text = QUANT_OF.replace("## Llamacpp imatrix Quantizations of Kestrel-3-8B by tinkerbee",
                            "# Kestrel-3-8B - GGUF")
    assert {(name_key(s), p, o) for s, p, o in _rels(_card(nlp, text))} >= {
        ("kestrel38bgguf", "quantizedFrom", "Kestrel-3-8B")}


def test_build_heading_with_quantizations_word_names_the_build(nlp: Language) -> None:
    text = "# Corra-2-12B GGUF Quantizations\n\nThese are GGUF files of Corra-2-12B for llama.cpp.\n"
    labels = _labels(_card(nlp, text))
    assert not any("Quantizations" in lab for lab in labels)


# --------------------------------------------------------------------------- titles

@pytest.mark.parametrize("text, title", [
    ("## Introduction\n\nBrisa-7B\n", "Brisa-7B"),
    ("## Model Details\n\n# Brisa-7B\n", "Brisa-7B"),
    ("## 1. Overview\n\n# Brisa-7B\n", "Brisa-7B"),
    ("![banner](https://example.org/banner.png)\n\n# Brisa-7B\n", "Brisa-7B"),
    ('<img src="logo.png" width="300"/>\n\n# Brisa-7B\n', "Brisa-7B"),
    ("# Brisa-7B GGUF Quantizations\n", "Brisa-7B GGUF"),
    ("# Introduction to Brisa-7B\n", "Introduction to Brisa-7B"),
])
def test_title_skips_template_headings_and_images(text: str, title: str) -> None:
    assert first_line_title(text) == title


def test_card_opening_with_a_section_heading_is_about_its_model(nlp: Language) -> None:
    text = ("---\nbase_model: tinkerbee/Kestrel-3-8B\n---\n\n## Introduction\n\n"
            "Brisa 8B is a model tuned for spreadsheets, the first of its kind that we know of; "
            "it was trained on a small set of tables we wrote by hand over many months of work.\n")
    ex = _card(nlp, text)
    assert "Introduction" not in _labels(ex)
    assert ("Brisa 8B", "fineTunedFrom", "Kestrel-3-8B") in _rels(ex)


# --------------------------------------------------------------------------- merge cards without front matter

@pytest.mark.parametrize("text, kind", [
    ("# Brisa-merge-8b\n\nThis is a merge of pre-trained language models created using mergekit. "
     "See arXiv for the method.\n", "ModelCard"),
    ("# Brisa-8b\n\nThis model was merged using the TIES method (arXiv 2306.01708).\n", "ModelCard"),
    ("## Quants of Brisa-8b\n\nFiles below.\n", "ModelCard"),
    ("# Merging models\n\nWe propose a new way to merge models; see arXiv.\n", "Paper"),
])
def test_tool_written_card_sentences_make_a_card(text: str, kind: str) -> None:
    assert guess_doc_type(text, markdown=True) == kind


# --------------------------------------------------------------------------- hub names

@pytest.mark.parametrize("text, name", [
    ("We tried Kestrel3-merge-biomed-8b on the test.", "Kestrel3-merge-biomed-8b"),
    ("We tried Corra2-med-slerp-7B on the test.", "Corra2-med-slerp-7B"),
])
def test_hub_name_with_plain_middle_words_is_one_name(nlp: Language, text: str, name: str) -> None:
    assert name in _labels(_card(nlp, text))


@pytest.mark.parametrize("text, bad", [
    ("We tried GPT-4-based tools on the test.", "GPT-4-based"),
    ("Kestrel-3-style tools are easy to build.", "Kestrel-3-style"),
])
def test_hyphenated_words_without_a_size_do_not_join(nlp: Language, text: str, bad: str) -> None:
    assert bad not in _labels(_card(nlp, text))


# --------------------------------------------------------------------------- a card's numbers about itself

def _attrs(ex: Extraction) -> set[tuple[str, str, int]]:
    return {(a.subject.label, a.property, a.value) for a in ex.attributes}


OWN_NUMBERS = """\
---
base_model: tinkerbee/Kestrel-3-8B
---

# Brisa-Tables-v2

{sentence}
"""


@pytest.mark.parametrize("sentence, fact", [
    ("This model is a tuned 8B parameter model trained on one accelerator from the tinkerbee/Kestrel-3-8B "
     "weights.", ("totalParameters", 8_000_000_000)),
    ("I use it for spreadsheets. It uses the Kestrel 3 prompt format with a default context window of 16K.",
     ("contextWindowTokens", 16_000)),
    ("Context length for this model: 32768 tokens (as in tinkerbee/Kestrel-3-8B).",
     ("contextWindowTokens", 32_768)),
])
def test_card_sentence_about_its_own_model_gives_it_the_number(nlp: Language, sentence: str,
                                                               fact: tuple[str, int]) -> None:
    ex = _card(nlp, OWN_NUMBERS.format(sentence=sentence))
    assert ("Brisa-Tables-v2", *fact) in _attrs(ex)


def test_size_in_another_models_name_stays_with_it(nlp: Language) -> None:
    sentence = ("It is nearly as good as the best Corra-30B tune, a much bigger model: 12.5B parameters "
                "vs. 30B.")
    ex = _card(nlp, OWN_NUMBERS.format(sentence=sentence))
    assert ("Brisa-Tables-v2", "totalParameters", 30_000_000_000) not in _attrs(ex)


# --------------------------------------------------------------------------- a line the card's model belongs to

def test_series_of_models_is_a_line_its_member_belongs_to(nlp: Language) -> None:
    text = ("# Model Card for Brisa 7B TIR\n\nBrisa is a series of language models made to "
            "fill in spreadsheets. Brisa 7B TIR won a prize at a table contest.\n")
    ex = _card(nlp, text)
    assert ("Brisa 7B TIR", "memberOfFamily", "Brisa") in _rels(ex)


@pytest.mark.parametrize("text", [
    "It is a family of models for tables.",
    "This is a series of small language models.",
    "Llamas are a family of camelid models.",
])
def test_series_of_what_is_no_model_names_nothing(nlp: Language, text: str) -> None:
    assert not {e.label for e in _card(nlp, text).entities if "Model" in e.types or "ModelFamily" in e.types}


def test_uploader_template_heading_is_no_model(nlp: Language) -> None:
    text = ("---\nbase_model: tinkerbee/Kestrel-3-8B\n---\n\n# Uploaded  model\n\n- **Developed by:** quantfarm\n"
            "- **License:** apache-2.0\n- **Finetuned from model :** tinkerbee/Kestrel-3-8B\n")
    assert not any("uploaded" in lab.lower() for lab in _labels(_card(nlp, text)))


# --------------------------------------------------------------------------- quant types and weighted builds

@pytest.mark.parametrize("text", [
    "All feed-forward weights stay at MXFP4_MOE in these files.",
    "The NVFP4 build runs on newer cards.",
    "Pick i1-IQ1_S only when desperate; i1-Q4_K_M is the usual choice.",
])
def test_quant_type_names_are_no_models(nlp: Language, text: str) -> None:
    assert not _labels(_card(nlp, text))


def test_weighted_quant_repository_is_quantized_from_its_model(nlp: Language) -> None:
    text = ("Weighted quants of Kestrel-3-8B are in the repository quantfarm/Kestrel-3-8B-i1-GGUF; "
            "static ones in quantfarm/Kestrel-3-8B-GGUF.\n")
    rels = _rels(_card(nlp, text))
    assert ("Kestrel-3-8B-i1-GGUF", "quantizedFrom", "Kestrel-3-8B") in rels


# --------------------------------------------------------------------------- "This model" in a card

def test_this_model_of_a_card_is_the_cards_model(nlp: Language) -> None:
    text = ("# Brisa-merge-8b\n\nI suggest the prompt format of Kestrel 3 for it.\n\n"
            "This model was merged using the TIES merge method using tinkerbee/Kestrel-3-8B-Chat as a base.\n")
    rels = _rels(_card(nlp, text))
    assert ("Brisa-merge-8b", "derivedFrom", "Kestrel-3-8B-Chat") in rels
    assert not any(s == "Kestrel 3" and o == "Kestrel-3-8B-Chat" for s, _p, o in rels)


# --------------------------------------------------------------------------- front matter data sets

def test_front_matter_dataset_named_in_the_text_is_no_model(nlp: Language) -> None:
    text = ("---\ndatasets:\n- tinkerbee/sheets-sft-50k\nbase_model: tinkerbee/Kestrel-3-8B\n---\n\n"
            "# Brisa-Sheets-8B\n\nWe tuned Kestrel-3-8B on tinkerbee/sheets-sft-50k for two epochs.\n")
    labels = _labels(_card(nlp, text))
    assert "sheets-sft-50k" not in labels
    assert "Brisa-Sheets-8B" in labels


# --------------------------------------------------------------------------- formats named after models

@pytest.mark.parametrize("text", [
    "Prompt it with an Alpaca-style template.",
    "Use Vicuna-like prompts with it.",
    "It is a GPT-4-like assistant for tables.",
])
def test_a_manner_named_after_a_model_names_no_model(nlp: Language, text: str) -> None:
    assert not _labels(_card(nlp, text))


def test_the_model_itself_is_still_named(nlp: Language) -> None:
    assert "Alpaca" in _labels(_card(nlp, "Use an Alpaca-style template. Alpaca was a 7B model."))


# --------------------------------------------------------------------------- merge list without front matter, adapters

MERGE_NO_FRONT = """\
# Corvid-Blend-7B

Corvid-Blend-7B is a merge of the following models using a merging notebook:
* [tinkerbee/Kestrel-3-7B](https://huggingface.co/tinkerbee/Kestrel-3-7B)
* [quillfeather/Brisa-7B-v2](https://huggingface.co/quillfeather/Brisa-7B-v2)
"""


@pytest.mark.parametrize("part", ["Kestrel-3-7B", "Brisa-7B-v2"])
def test_merge_of_the_following_models_without_front_matter(nlp: Language, part: str) -> None:
    assert ("Corvid-Blend-7B", "mergedFrom", part) in _rels(_card(nlp, MERGE_NO_FRONT))


@pytest.mark.parametrize("front", [
    "library_name: peft\nbase_model: tinkerbee/Kestrel-3-8B\n",
    "base_model: tinkerbee/Kestrel-3-8B\ntags:\n- base_model:adapter:tinkerbee/Kestrel-3-8B\n",
])
def test_adapter_card_is_an_adapter_of_its_base(nlp: Language, front: str) -> None:
    text = f"---\n{front}---\n\n# brisa-sheets-lora\n\nA LoRA adapter trained on spreadsheet questions.\n"
    assert ("brisa-sheets-lora", "adapterOf", "Kestrel-3-8B") in _rels(_card(nlp, text))


def test_peft_card_without_adapter_words_stays_a_fine_tune(nlp: Language) -> None:
    text = ("---\nlibrary_name: peft\nbase_model: tinkerbee/Kestrel-3-8B\n---\n\n# brisa-sheets\n\n"
            "Tuned on spreadsheet questions.\n")
    assert ("brisa-sheets", "fineTunedFrom", "Kestrel-3-8B") in _rels(_card(nlp, text))


ORIGINAL_CARD_COPY = """\
---
model_creator: Quillfeather Labs
model_name: Brisa 7B
quantized_by: quantfarm
---

# Brisa 7B - GPTQ
- Model creator: [Quillfeather Labs](https://huggingface.co/quillfeather)
- Original model: [Brisa 7B](https://huggingface.co/quillfeather/Brisa-7B)

This repo contains GPTQ model files for [Quillfeather Labs's Brisa 7B](https://huggingface.co/quillfeather/Brisa-7B).

# Original model card: Quillfeather Labs's Brisa 7B

Some words about the model and its training on tables.

This model is a fine-tuned version of Kestrel-3-7B on our spreadsheet data.
"""


def test_this_model_in_a_copied_original_card_is_the_original(nlp: Language) -> None:
    rels = _rels(_card(nlp, ORIGINAL_CARD_COPY))
    assert ("Brisa 7B", "fineTunedFrom", "Kestrel-3-7B") in rels
    assert not any(s.endswith("GPTQ") and o == "Kestrel-3-7B" for s, _p, o in rels)


# --------------------------------------------------------------------------- "X, a mixture of experts"

@pytest.mark.parametrize("text, name", [
    ("We also built Corvid-MoE-4x7B, a mixture of experts made of four tuned models.", "Corvid-MoE-4x7B"),
    ("Next came Corvid-MoE-A2.7B, a mixture of experts with 2.7B active parameters.", "Corvid-MoE-A2.7B"),
])
def test_a_mixture_of_experts_in_apposition_is_a_model(nlp: Language, text: str, name: str) -> None:
    assert name in _labels(_card(nlp, text))


def test_a_data_mixture_in_apposition_is_still_no_model(nlp: Language) -> None:
    assert not _labels(_card(nlp, "It was trained on Dolmino-2, a mixture of web and code data."))


def test_created_by_merging_a_with_b_merges_both(nlp: Language) -> None:
    text = "Corvid-Blend-7B was created by merging Kestrel-3-7B with Brisa-7B-v2 using SLERP."
    rels = _rels(_card(nlp, text, source="post.txt"))
    assert {("Corvid-Blend-7B", "mergedFrom", "Kestrel-3-7B"), ("Corvid-Blend-7B", "mergedFrom", "Brisa-7B-v2")} <= rels
