"""Specs for entity recognition from shape and context, on names no list contains.

Every name is invented ("Brackenfold", "Quillon-7B", "Mireille Østby-Vance"), so each case
passes only if the rule reads the text around the name.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _entities(ex: Extraction) -> dict[str, str]:
    return {e.ref.label: e.ref.type for e in ex.entities}


@pytest.mark.parametrize(
    ("text", "label", "etype"),
    [
        # non-ASCII and hyphenated names, with a possessive organisation before the title
        ("Mireille Østby-Vance, Brackenfold's chief scientist, said the model was ready.",
         "Mireille Østby-Vance", "Person"),
        ("Anaïs Roubert-Kay, Brackenfold’s co-founder, acknowledged the delay.",
         "Anaïs Roubert-Kay", "Person"),
        # name particles
        ("The recipe was designed by Piet van Hoorne-Lat of the Tallow Collective.",
         "Piet van Hoorne-Lat", "Person"),
        # plural title before a pair of names
        ("The lab was founded by former researchers Osric Pellam and Dunya Farrow.",
         "Osric Pellam", "Person"),
        # "<title> at <name>": an organisation, even where a speech verb follows
        ("Tamsin Rook, an analyst at Gorsedd Securities, wrote that prices would fall.",
         "Gorsedd Securities", "Organization"),
        ("said Idris Mael, a researcher at the Institute for Applied Model Auditing.",
         "Institute for Applied Model Auditing", "Organization"),
        # "<Head> of <Name>" institutions
        ("The Guild of Northern Letters filed the complaint on Monday.",
         "Guild of Northern Letters", "Organization"),
        ("The case was filed in the Varn District Court last week.",
         "Varn District Court", "Organization"),
        # a model's maker named by "from" or a possessive
        ("The best model we evaluate, Quillon-7B from Brackenfold, reaches 58.4 percent.",
         "Brackenfold", "Organization"),
        ("We tested Brackenfold's Quillon-7B against three rivals.", "Brackenfold", "Organization"),
        # a family named by its noun
        ("Brackenfold, the Oslo-based developer of the Quillon language models, was sued.",
         "Quillon", "ModelFamily"),
        ("Today we add a fourth member to the Sarnet family.", "Sarnet", "ModelFamily"),
    ],
)
def test_entity_from_context(extract: Extract, text: str, label: str, etype: str) -> None:
    assert _entities(extract(text)).get(label) == etype


def test_name_found_once_is_found_everywhere(extract: Extract) -> None:
    text = ("Brackenfold, the startup behind the Quillon models, was sued on Monday. "
            "The guild says Brackenfold copied books. Brackenfold denied it.")
    ex = extract(text)
    org = next(e for e in ex.entities if e.ref.label == "Brackenfold")
    assert org.ref.type == "Organization"
    ex_claims = [c for c in ex.claims if c.claimant.label == "Brackenfold"]
    assert [c.stance for c in ex_claims] == ["denies"]


def test_surname_after_full_name_is_the_person(extract: Extract) -> None:
    text = ("Mireille Østby-Vance, Brackenfold's chief scientist, spoke on Monday. "
            "Østby-Vance denied that the benchmark had leaked.")
    ex = extract(text)
    assert {c.claimant.label for c in ex.claims if c.stance == "denies"} == {"Mireille Østby-Vance"}


def test_brand_word_is_the_lab_but_a_place_is_not(extract: Extract) -> None:
    text = ("Halvard Labs released Quillon-7B, a new model. Halvard said it was trained on 4T tokens. "
            "The Varn District Court will hear the case; Varn is a small town.")
    ents = _entities(extract(text))
    assert ents.get("Halvard Labs") == "Organization"
    assert "Varn" not in ents
    assert ents.get("Varn District Court") == "Organization"


def test_place_before_an_ai_developer_is_not_a_lab(extract: Extract) -> None:
    ents = _entities(extract("The Oslo AI developer said its Quillon-7B model was ready."))
    assert "Oslo AI" not in ents


# --------------------------------------------------------------------------- employers and voice


def _relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in ex.relations}


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        ("Idris Mael, a researcher at the Institute for Applied Model Auditing, was not convinced.",
         "Idris Mael", "Institute for Applied Model Auditing"),
        ("Hollis Brandt, who studies model evaluation at Quintwell University, said so.",
         "Hollis Brandt", "Quintwell University"),
        ("Questions go to the maintainer, Odile Brannon (Quarrystone Analytics).",
         "Odile Brannon", "Quarrystone Analytics"),
        ("The recipe was designed by Talvi Ekberg of the Nightjar Collective.",
         "Talvi Ekberg", "Nightjar Collective"),
        ("Brackenfold Labs, founded three years ago by Tomasz Wiel and Anaïs Roubert, shipped it.",
         "Anaïs Roubert", "Brackenfold Labs"),
    ],
)
def test_employer_from_context(extract: Extract, text: str, person: str, org: str) -> None:
    assert (person, "employer", org) in _relations(extract(text))


def test_author_affiliations_in_a_paper(extract: Extract) -> None:
    text = ("Quillon-R1: Reasoning at Small Scale\n\nHana Oyel-Voss, Mattias Quenn, Dai Shuo\n\n"
            "We present Quillon-R1, a reasoning model.\n\n"
            "Hana Oyel-Voss and Mattias Quenn are with Obelwick Research. "
            "Dai Shuo is with the University of Calder.")
    rels = _relations(extract(text))
    assert ("Hana Oyel-Voss", "employer", "Obelwick Research") in rels
    assert ("Mattias Quenn", "employer", "Obelwick Research") in rels
    assert ("Dai Shuo", "employer", "University of Calder") in rels


def test_card_authors_line_names_people_and_their_org(extract: Extract) -> None:
    ex = extract("## Model card authors\n\nInes Follet-Arno and Kenji Armit, Wrenmoor Bio.\n")
    assert _entities(ex).get("Kenji Armit") == "Person"
    assert ("Ines Follet-Arno", "employer", "Wrenmoor Bio") in _relations(ex)


def test_a_title_is_not_a_person(extract: Extract) -> None:
    ex = extract("*By Amalie Rosk, CTO, and Ilir Bajra, Research Lead, Corvessa AI. 14 July 2025.*")
    ents = _entities(ex)
    assert "Research Lead" not in ents
    assert ("Ilir Bajra", "employer", "Corvessa AI") in _relations(ex)


def test_vendor_voice_gives_the_publishers_models(nlp) -> None:  # type: ignore[no-untyped-def]
    from ingest.pipeline import extract_document
    from ingest.records import Document

    text = ("Sarnet-R1: open reasoning\n\nToday we are releasing Sarnet-R1, Brackenfold's first "
            "open reasoning model, together with Sarnet-R1-Distill-8B.\n")
    doc = Document(text=text, source="post.md", title="Sarnet-R1: open reasoning",
                   doc_type="BlogPost", metadata={"front_matter": {"author": "Brackenfold"}})
    rels = _relations(extract_document(doc, nlp))
    assert ("Sarnet-R1", "developedBy", "Brackenfold") in rels
    assert ("Sarnet-R1-Distill-8B", "developedBy", "Brackenfold") in rels


def test_a_distilled_student_does_not_make_its_teacher_a_family(extract: Extract) -> None:
    ex = extract("Sarnet-R1 is a reasoning model. We distil Sarnet-R1 into Sarnet-R1-Distill-8B.")
    assert _entities(ex).get("Sarnet-R1") == "Model"
    assert ("Sarnet-R1-Distill-8B", "distilledFrom", "Sarnet-R1") in _relations(ex)


# --------------------------------------------------------------------------- attributes


def _attributes(ex: Extraction) -> set[tuple[str, str, int]]:
    return {(a.subject.label, a.property, a.value) for a in ex.attributes}


def test_a_count_goes_to_the_model_whose_name_states_it(extract: Extract) -> None:
    attrs = _attributes(extract(
        "We train Pipwick-1.3B and its small sibling Pipwick-350M, which has 350 million parameters."))
    assert ("Pipwick-350M", "totalParameters", 350_000_000) in attrs
    assert not any(s == "Pipwick-1.3B" and v == 350_000_000 for s, _p, v in attrs)


def test_a_listed_subject_shares_the_number(extract: Extract) -> None:
    attrs = _attributes(extract(
        "Sarnet-0.6B, Sarnet-1.7B and Sarnet-4B have a context window of 32K tokens."))
    assert {s for s, p, v in attrs if p == "contextWindowTokens" and v == 32_000} == {
        "Sarnet-0.6B", "Sarnet-1.7B", "Sarnet-4B"}


def test_limited_to_n_tokens_is_a_context_window(extract: Extract) -> None:
    attrs = _attributes(extract("The small model, Sarnet-8B, is limited to 32,768 tokens of context."))
    assert ("Sarnet-8B", "contextWindowTokens", 32_768) in attrs


def test_a_parameter_sentence_states_the_sizes_in_names(extract: Extract) -> None:
    attrs = _attributes(extract(
        "Quillon-235B-A22B is the flagship, with parameters spread over 128 experts."))
    assert ("Quillon-235B-A22B", "totalParameters", 235_000_000_000) in attrs
    assert ("Quillon-235B-A22B", "activeParameters", 22_000_000_000) in attrs


def test_a_relative_clause_score_belongs_to_its_own_model(extract: Extract) -> None:
    ex = extract("Pipwick-1.3B reaches 52.7 on MMLU, outperforming the larger Gorsen-1.5B, "
                 "which scores 48.9 on MMLU.")
    results = {(r.model.label, r.benchmark.label, r.score) for r in ex.results}
    assert ("Gorsen-1.5B", "MMLU", 48.9) in results
    assert ("Pipwick-1.3B", "MMLU", 52.7) in results
    assert ("Pipwick-1.3B", "MMLU", 48.9) not in results


def test_an_outlet_keeps_its_article(extract: Extract) -> None:
    ex = extract("Marrowick is training a larger model, The Ledgerhand reported on Wednesday.")
    assert _entities(ex).get("The Ledgerhand") == "Organization"
    assert ("The Ledgerhand", "reports") in {(c.claimant.label, c.stance) for c in ex.claims}


def test_a_possessive_lab_does_not_start_a_person(extract: Extract) -> None:
    ents = _entities(extract("Quillfen Labs's Marta Okonjo said the weights were ready."))
    assert "Marta Okonjo" in ents
    assert not any(label.startswith("Labs") for label in ents)


# --------------------------------------------------------------------------- names as real text writes them
# (issue 16: the words and shapes of real writing; every sentence here is written for the test)


def _labels(ex: Extraction) -> set[str]:
    return {e.ref.label for e in ex.entities}


def _all_names(ex: Extraction) -> set[str]:
    return {n for e in ex.entities for n in (e.ref.label, *e.alt_labels)}


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # formats and quantisation schemes
        ("Quillon-7B ships as GGUF and AWQ files for laptops.", "GGUF"),
        ("Quillon-7B ships as GGUF and AWQ files for laptops.", "AWQ"),
        ("Weights of Quillon-7B come in MXFP4 to save memory.", "MXFP4"),
        # methods, with their acronym
        ("Quillon-7B uses Grouped-Query Attention (GQA) in every layer.", "GQA"),
        ("Quillon-7B uses Grouped-Query Attention (GQA) in every layer.", "Grouped-Query Attention"),
        # libraries and datasets
        ("Quillon-7B was trained with GPT-NeoX on a slice of Books3.", "GPT-NeoX"),
        ("Quillon-7B was trained with GPT-NeoX on a slice of Books3.", "Books3"),
        ("The reward model of Quillon-7B learned from HelpSteer2 preferences.", "HelpSteer2"),
        # licences, places and demonyms
        ("Quillon-7B is released under the MIT license by Brackenfold Labs.", "MIT"),
        ("Brackenfold Labs opened an office in China for Quillon-7B.", "China"),
        # GGML quantisation types in a card
        ("* GGML_TYPE_Q4_K - 4-bit quantization of Quillon-7B in super-blocks.", "GGML_TYPE_Q4_K"),
    ],
)
def test_a_listed_term_is_never_an_entity(extract: Extract, text: str, term: str) -> None:
    assert term not in _all_names(extract(text))


@pytest.mark.parametrize(
    ("text", "demonym_org"),
    [
        ("The Chinese AI start-up Brackenfold released Quillon-7B.", "Chinese AI"),
        ("Analysts see a shift in the European AI landscape after Quillon-7B.", "European AI"),
        ('"Quillon-7B helps us build Sovereign AI for Norway," the CEO said.', "Sovereign AI"),
    ],
)
def test_a_demonym_or_a_kind_of_ai_is_not_a_lab(extract: Extract, text: str,
                                                 demonym_org: str) -> None:
    assert demonym_org not in _labels(extract(text))


@pytest.mark.parametrize(
    ("text", "name", "fragment"),
    [
        # a headline verb does not extend the name before it
        ("Quillon 3 Achieves 91% On Hard Math Tests\n\nBrackenfold released Quillon 3, its new "
         "model, today.", "Quillon 3", "Quillon 3 Achieves 91"),
        ("Kestrel 180B Shows Promise In Early Trials\n\nThe model is the largest yet.",
         "Kestrel 180B", "Kestrel 180B Shows"),
        # a document, page or product named after a model is the model
        ("- Finetuning Notebook: Quillon-7B Finetuning Notebook", "Quillon-7B",
         "Quillon-7B Finetuning"),
        ("Developers reach Quillon-3 API endpoints through a key.", "Quillon-3", "Quillon-3 API"),
        ("Try the Quillon-7B-Chat-Demo to talk to the model.", "Quillon-7B-Chat",
         "Quillon-7B-Chat-Demo"),
    ],
)
def test_a_verb_or_tail_word_ends_a_name(extract: Extract, text: str, name: str,
                                         fragment: str) -> None:
    labels = _labels(extract(text))
    assert name in labels
    assert fragment not in labels


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Notably, the Quillon-7B model was trained on public data only.", "Notably"),
        ("Nearly 400 million tokens went into the Quillon-7B fine-tuning run.", "Nearly 400"),
        ("Group 1: the Quillon-7B model and its rivals on the benchmark.", "Group 1"),
        ("Quillon-7B and Quillon-9B (Rating 1201 vs 1152) split the model votes.", "Rating 1201"),
        ("- quillon-2-9b: Base 9B model of the Quillon 2 family.", "Base 9B"),
    ],
)
def test_an_opener_or_a_generic_noun_does_not_begin_a_name(extract: Extract, text: str,
                                                          fragment: str) -> None:
    assert fragment not in _labels(extract(text))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Quillon-7B adopts Sparse Banded Attention in every second layer.", "Banded Attention"),
        ("The new data mix called Orchard Mix 0925 lifts the scores of Quillon-7B.", "Orchard Mix"),
        ("Quillon-7B is open under the Brackenfold Open Model License Agreement, a permissive "
         "model license.", "Agreement"),
    ],
)
def test_a_method_dataset_or_licence_is_not_a_person_or_model(extract: Extract, text: str,
                                                              fragment: str) -> None:
    assert not any(fragment in n for n in _labels(extract(text)))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # size, experts, variant and date parts after hyphens
        ("Brackenfold released Quillon-4-Scout-17B-16E-Instruct today.",
         "Quillon-4-Scout-17B-16E-Instruct"),
        ("The Quillon-4-Scout-03-26-Experimental model topped the vote.",
         "Quillon-4-Scout-03-26-Experimental"),
        ("Brackenfold released Quillon-7B-beta for testing.", "Quillon-7B-beta"),
        ("The Quillon-3-0613 snapshot of the model answers faster.", "Quillon-3-0613"),
        ("The merged model Quillon-7B-slerp was uploaded yesterday.", "Quillon-7B-slerp"),
        # lower-case ids: a known stem, a stem of the text, or a size
        ("We introduce phi-3-mini, a small language model.", "phi-3-mini"),
        ("OpenAI released gpt-oss-120b and gpt-oss-20b as open-weight models.", "gpt-oss-120b"),
        ("The o3-mini-high setting of the model scored best.", "o3-mini-high"),
        ("Quillon 2 comes in sizes; quillon-2-9b-it is the instruction model.", "quillon-2-9b-it"),
        ("The brackenfold-mamba-7b checkpoint is a state-space model.", "brackenfold-mamba-7b"),
        # a known model's name grows on
        ("Stable LM 2 1.6B is a small language model.", "Stable LM 2 1.6B"),
    ],
)
def test_a_long_or_lower_case_model_name_is_read_whole(extract: Extract, text: str,
                                                       name: str) -> None:
    ex = extract(text)
    assert any(e.ref.type in ("Model", "ModelFamily") and name in (e.ref.label, *e.alt_labels)
               for e in ex.entities)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("The patch fixed covid-19 dashboards and sha-256 hashing in utf-8 files.", "covid-19"),
        ("The patch fixed covid-19 dashboards and sha-256 hashing in utf-8 files.", "sha-256"),
        ("The quillon-4-class models of Brackenfold are larger.", "quillon-4-class"),
        ("Weights are in capybara-7b.Q4_K_M.gguf next to the card.", "capybara-7b"),
    ],
)
def test_lower_case_words_with_numbers_are_not_always_models(extract: Extract, text: str,
                                                             fragment: str) -> None:
    assert fragment not in _labels(extract(text))


@pytest.mark.parametrize(
    ("text", "not_model"),
    [
        ("We use Orchard100k, a BPE tokenizer extended from an older one.", "Orchard100k"),
        ("The model was trained using the Orchard100k tokenizer.", "Orchard100k"),
        ("Training ran on 512 GPUs (Cloudco P4d instances) for a month.", "Cloudco P4d"),
    ],
)
def test_a_name_the_text_calls_a_tokenizer_or_instance_is_not_a_model(
        extract: Extract, text: str, not_model: str) -> None:
    assert not_model not in _labels(extract(text))


def test_a_repository_id_is_the_model_and_its_publisher(extract: Extract) -> None:
    ex = extract("Quantized builds: kestrelmoor/Quillon-7B-GGUF and kestrelmoor/Quillon-7B-AWQ. "
                 "Quillon-7B-GGUF runs on a laptop.")
    ents = {e.ref.label: e for e in ex.entities}
    assert ents["Quillon-7B-GGUF"].ref.type == "Model"
    assert "kestrelmoor/Quillon-7B-GGUF" in ents["Quillon-7B-GGUF"].alt_labels
    assert ents["kestrelmoor"].ref.type == "Organization"
    assert not any("/" in label for label in ents)


@pytest.mark.parametrize(
    "text",
    [
        "The recipe mixes kestrelmoor/web-mix-2T with kestrelmoor/code-data-1T.",
        "Quillon-3/Quillon-4 and GPT-4/GPT-4o are compared, at 73.1/42.5 points.",
        # two model lines, the first named by its stem alone
        "The startup used the basic architecture of GPT/LLaMA for a quick start.",
        # a dataset of a known lab: the lab is no entity of this text
        "The chat model was tuned on Intel/orca_dpo_pairs for one epoch.",
    ],
)
def test_a_dataset_or_a_comparison_is_not_a_repository(extract: Extract, text: str) -> None:
    ex = extract(text)
    assert not any(e.ref.type == "Organization" for e in ex.entities)
    assert not any("/" in n for n in _all_names(ex))


def test_a_known_lab_is_not_merged_into_a_longer_lab(extract: Extract) -> None:
    ex = extract("Google DeepMind trained Gemma 2. Google hosts it on its cloud, and Google "
                 "said demand was high.")
    assert {"Google", "Google DeepMind"} <= _labels(ex)


def test_a_model_written_in_another_word_order_is_one_entity(extract: Extract) -> None:
    ex = extract("Magistral trails Gemini Pro 2.5 on the hardest model tests.")
    assert "Gemini 2.5 Pro" in _labels(ex)
    assert "Gemini Pro 2.5" not in _labels(ex)


def test_a_repository_id_and_its_name_are_one_entity(extract: Extract) -> None:
    ex = extract("Quillon-7B beats its rivals.\n\n| Model | MMLU |\n|---|---|\n"
                 "| kestrelmoor/Quillon-7B | 61.2 |\n")
    models = [e for e in ex.entities if e.ref.type == "Model"]
    assert [m.ref.label for m in models] == ["Quillon-7B"]


def test_a_metric_in_a_table_header_is_not_a_new_benchmark(extract: Extract) -> None:
    ex = extract("Quillon-7B does well on AIME 2024.\n\n| Model | AIME 2024 pass@1 | MMLU avg. |\n"
                 "|---|---|---|\n| Quillon-7B | 55.1 | 61.2 |\n")
    benches = {e.ref.label for e in ex.entities if e.ref.type == "Benchmark"}
    assert benches == {"AIME 2024", "MMLU"}


def test_a_table_header_is_not_an_entity(extract: Extract) -> None:
    ex = extract("Quillon-7B architecture:\n\n| Parameters | Hidden Size | Layers | Heads |\n"
                 "|---|---|---|---|\n| 7.04 billion | 4096 | 32 | 32 |\n")
    assert _labels(ex) & {"Hidden Size", "Layers", "Heads", "7.04 billion"} == set()


def test_a_table_of_sizes_and_speeds_names_no_benchmark(extract: Extract) -> None:
    ex = extract("| Model | #(Activated) Parameters | MMLU | Multilingual | TPS |\n"
                 "|---|---|---|---|---|\n| Quillon-7B | 2.7B | 62.5 | 40.1 | 1200 |\n"
                 "| Orvane-9B | 9B | 66.0 | 45.2 | 800 |\n\nSee the Leaderboard score ⬇️ column too.\n")
    assert not {"#(Activated) Parameters", "Multilingual", "TPS"} & _labels(ex)
    assert not any(label.startswith("Leaderboard score") for label in _labels(ex))


def test_a_versioned_member_joined_to_its_name_is_of_the_family(extract: Extract) -> None:
    ex = extract("Welcome the Quillon 3 family. Quillon3-7B-Base and Quillon3-1B-Base are out.")
    assert ("Quillon3-7B-Base", "memberOfFamily", "Quillon 3") in _relations(ex)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Quillon 3 Does Hard Math In Seconds\n\nQuillon 3 is a new model.", "Math"),
        ("Quillon-7B was trained to Drop nothing: an Arc of steady progress.", "Arc"),
    ],
)
def test_a_capitalised_word_is_not_an_acronym_benchmark(extract: Extract, text: str,
                                                       word: str) -> None:
    assert not any(word in (e.ref.label, *e.alt_labels) for e in extract(text).entities)


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        # an edition of a known benchmark stays a benchmark; a two-digit year is the year
        ("Quillon-7B scores 91.0% on AIME 24 and leads the model table.", "AIME 2024", "Benchmark"),
        ("Quillon-7B was tested on math (AIME 24-25) and code (LiveCodeBench v5).", "AIME 24-25",
         "Benchmark"),
        ("Quillon-7B was tested on math (AIME 24-25) and code (LiveCodeBench v5).",
         "LiveCodeBench v5", "Benchmark"),
        # an edition after a known name of two words
        ("- Arena-Hard v2: Quillon-7B reaches 86.1, ahead of every model.", "Arena-Hard v2",
         "Benchmark"),
        # a model the text calls a model, and the variants of its line
        ("Brackenfold launched its first reasoning model called Tessaly.", "Tessaly", "Model"),
        ("Brackenfold launched Tessaly. It comes as the open Tessaly Small and a larger enterprise "
         "version named Tessaly Medium.", "Tessaly Medium", "Model"),
        ("Brackenfold launched Tessaly. It comes as the open Tessaly Small and a larger enterprise "
         "version named Tessaly Medium.", "Tessaly Small", "Model"),
        ("Critics say its newly open-sourced Orvane Pro MoE model copied a rival.", "Orvane Pro MoE",
         "Model"),
        # a lower-case size word after a versioned name; a short lettered head with a variant
        ("The Quillon 3 mini Reasoning model trails the larger one.", "Quillon 3 mini Reasoning",
         "Model"),
        ("Brackenfold introduced two multimodal models, Quillon 4.5 Turbo and K7 Turbo.", "K7 Turbo",
         "Model"),
    ],
)
def test_a_name_read_from_its_edition_or_its_model_noun(extract: Extract, text: str, name: str,
                                                        etype: str) -> None:
    assert _entities(extract(text)).get(name) == etype


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("It used its Quillon AI model in the test.", "Quillon AI"),
        ("OpenAI says the DeepSeek model copied it.", "DeepSeek"),  # a lab, not a model
        ("The BT model replaces the online ratings.", "BT"),
    ],
)
def test_a_model_noun_does_not_make_every_name_a_model(extract: Extract, text: str,
                                                       fragment: str) -> None:
    assert _entities(extract(text)).get(fragment) != "Model"


# --------------------------------------------------------------------------- lineage a name states


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # a size, expert or date part extends a model line named in the text
        ("Brackenfold released Quillon 4 Scout. The Quillon-4-Scout-17B-16E-Instruct build came "
         "later.", ("Quillon-4-Scout-17B-16E-Instruct", "memberOfFamily", "Quillon 4 Scout")),
        ("Quillon 4 Scout topped the vote, but the Quillon-4-Scout-03-26-Experimental model was a "
         "tuned copy.", ("Quillon-4-Scout-03-26-Experimental", "memberOfFamily", "Quillon 4 Scout")),
        ("The Quillon-4 family has several snapshots; Quillon-4-0613 replaced Quillon-4-0314.",
         ("Quillon-4-0613", "memberOfFamily", "Quillon-4")),
        # a family the text calls a model family: its Base and Instruct are members
        ("We release the Quillon-5 90B model family: Quillon-5-90B-Base and Quillon-5-90B-Instruct.",
         ("Quillon-5-90B-Instruct", "memberOfFamily", "Quillon-5 90B")),
        # an instruction build of a model the text names; of its Base when the text names that
        ("Two checkpoints: quillon-2-9b and quillon-2-9b-it, the instruction-tuned model.",
         ("quillon-2-9b-it", "fineTunedFrom", "quillon-2-9b")),
        ("We introduce Tessaly and Tessaly-chat, new language models.",
         ("Tessaly-chat", "fineTunedFrom", "Tessaly")),
        ("Quillon3-7B-Base and Quillon3-7B-Instruct are out; Quillon3-7B is the better model.",
         ("Quillon3-7B-Instruct", "fineTunedFrom", "Quillon3-7B-Base")),
        # distilled, quantized and merged builds named after their model
        ("Sarnet-R1 is our reasoning model. Sarnet-R1-Distill-Qwen-7B is a small model.",
         ("Sarnet-R1-Distill-Qwen-7B", "distilledFrom", "Sarnet-R1")),
        ("Quillon-7B is the model; Quillon-7B-GGUF is for laptops.",
         ("Quillon-7B-GGUF", "quantizedFrom", "Quillon-7B")),
        ("Quillon-7B is the model; Quillon-7B-SLERP merges it with a chat model.",
         ("Quillon-7B-SLERP", "mergedFrom", "Quillon-7B")),
    ],
)
def test_lineage_a_name_states(extract: Extract, text: str,
                               relation: tuple[str, str, str]) -> None:
    assert relation in _relations(extract(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a version is not a snapshot: "Quillon-4.5" is not a member of Quillon-4
        ("The Quillon-4 family grows: Quillon-4-5 ships next year.",
         ("Quillon-4-5", "memberOfFamily", "Quillon-4")),
        # a distilled build is not a member of its teacher's line
        ("Sarnet-R1 is our reasoning model. Sarnet-R1-Distill-Qwen-7B is a small model.",
         ("Sarnet-R1-Distill-Qwen-7B", "memberOfFamily", "Sarnet-R1")),
        # the instruct member of a declared model family is not fine-tuned from the family
        ("We release the Quillon-5 90B model family: Quillon-5-90B-Base and Quillon-5-90B-Instruct.",
         ("Quillon-5-90B-Instruct", "fineTunedFrom", "Quillon-5 90B")),
    ],
)
def test_lineage_a_name_does_not_state(extract: Extract, text: str,
                                       absent: tuple[str, str, str]) -> None:
    assert absent not in _relations(extract(text))


def test_a_lab_prefixed_model_name_is_the_model(extract: Extract) -> None:
    ex = extract("DeepSeek-R1 achieves performance comparable to OpenAI-o1 on math tasks.")
    model = next(e for e in ex.entities if e.ref.label == "o1")
    assert "OpenAI-o1" in model.alt_labels


def test_a_short_product_name_is_the_full_name_of_the_text(extract: Extract) -> None:
    ex = extract("Brackenfold's Small 3.2 model drew comment. Later, Brackenfold-small-3.2 was "
                 "compared with other models.")
    models = {e.ref.label for e in ex.entities if e.ref.type in ("Model", "ModelFamily")}
    assert models == {"Brackenfold-small-3.2"}


@pytest.mark.parametrize(
    ("text", "bench"),
    [
        ("The model scored 94.1% on Overall RewardBench last week.", "RewardBench"),
        ("It is first on the Hugging Face RewardBench leaderboard.", "RewardBench"),
    ],
)
def test_an_opener_or_host_lab_is_not_part_of_a_benchmark(extract: Extract, text: str,
                                                         bench: str) -> None:
    assert _entities(extract(text)).get(bench) == "Benchmark"


# --------------------------------------------------------------------------- licences, lists, acronyms


@pytest.mark.parametrize(
    ("text", "not_entity"),
    [
        ("Weights are under the Quillon Community License and the card says so.", "Quillon"),
        ("| Model | Elo | License |\n|---|---|---|\n| Quillon-7B | 1102 | Tessaly License |\n"
         "| Orvane-9B | 1096 | MIT |\n", "MIT"),
        ("| Model | Elo | License |\n|---|---|---|\n| Quillon-7B | 1102 | Tessaly License |\n"
         "| Orvane-9B | 1096 | MIT |\n", "Tessaly"),
        # a short licence name where the text speaks of licences
        ("Quillon-7B comes with its own licence rather than under Apache 2.0 or MIT.", "MIT"),
    ],
)
def test_a_licence_is_not_its_namesake(extract: Extract, text: str, not_entity: str) -> None:
    assert not_entity not in _all_names(extract(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("## Harbour Eval Leaderboard\n\nQuillon-7B ranks third on it.", "Harbour Eval Leaderboard"),
        ("see YATL - Yet Another Tiny Leaderboard for the model scores", "Yet Another Tiny Leaderboard"),
    ],
)
def test_a_leaderboard_of_several_words_is_a_benchmark(extract: Extract, text: str,
                                                       name: str) -> None:
    assert _entities(extract(text)).get(name) == "Benchmark"


@pytest.mark.parametrize(
    ("text", "label", "acronym"),
    [
        ("see YATL - Yet Another Tiny Leaderboard for the model scores; YATL ranks Quillon-7B high.",
         "Yet Another Tiny Leaderboard", "YATL"),
        ("The Kestrel Open Evaluation Leaderboard (KOEL) lists Quillon-7B. KOEL is updated weekly.",
         "Kestrel Open Evaluation Leaderboard", "KOEL"),
    ],
)
def test_an_acronym_beside_its_expansion_is_the_same_entity(extract: Extract, text: str,
                                                           label: str, acronym: str) -> None:
    ent = next(e for e in extract(text).entities if e.ref.label == label)
    assert acronym in ent.alt_labels


def test_a_name_among_benchmarks_is_a_benchmark(extract: Extract) -> None:
    ex = extract("| Model | AGIEval | Tessa4All | TruthfulQA | HellaSwag |\n|---|---|---|---|---|\n"
                 "| Quillon-7B | 45.1 | 70.2 | 60.3 | 81.0 |\n")
    assert _entities(ex).get("Tessa4All") == "Benchmark"


def test_a_benchmark_and_its_noun_or_metric_are_one_benchmark(extract: Extract) -> None:
    ex = extract("We include the Harbour Benchmark results.\n\n| Model | Harbour avg. |\n|---|---|\n"
                 "| Quillon-7B | 55.1 |\n")
    benches = [e.ref.label for e in ex.entities if e.ref.type == "Benchmark"]
    assert len(benches) == 1


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("All the models are trained on the Jean Zay French HPC by the lab.", "Jean Zay", "Hardware"),
        ("Authors are at the Mohamed bin Zayed University of Artificial Intelligence, UAE.",
         "Mohamed bin Zayed University of Artificial Intelligence", "Organization"),
        ("author = {Brackenfold Research Team}, year = {2024}", "Brackenfold Research Team",
         "Organization"),
        ("Although Quillon- 33B is the best model at code, it is large.", "Quillon- 33B", "Model"),
        ("We also provide Quillon 8x7B - Instruct, a model tuned to follow instructions.",
         "Quillon 8x7B - Instruct", "Model"),
    ],
)
def test_names_with_particles_teams_and_broken_hyphens(extract: Extract, text: str, name: str,
                                                      etype: str) -> None:
    assert _entities(extract(text)).get(name) == etype


# --------------------------------------------------------------------------- resolution


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("xAI showed its Grok 3 model on stage; rivals doubted the chart.", ("Grok 3", "developedBy", "xAI")),
        ("Alibaba's cloud unit said Qwen-2.5 was trained on 18T tokens.",
         ("Qwen2.5", "developedBy", "Alibaba")),
    ],
)
def test_a_known_line_is_its_makers_when_the_text_names_the_maker(
        extract: Extract, text: str, relation: tuple[str, str, str]) -> None:
    assert relation in _relations(extract(text))


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # the maker is not named in the text
        ("Grok 3 was shown on stage; rivals doubted the chart.", "Grok 3"),
        # another lab's build on a known line
        ("Meta and Nvidia: Llama 3.1-Nemotron-70B-Reward leads the reward model table.",
         "Llama 3.1-Nemotron-70B-Reward"),
        # a model only compared with
        ("Meta said that Quillon-7B outperforms Llama 3 8B on every test.", "Llama 3 8B"),
    ],
)
def test_a_known_line_gets_no_guessed_maker(extract: Extract, text: str, model: str) -> None:
    assert not any(s == model and p == "developedBy" for s, p, _o in _relations(extract(text)))


@pytest.mark.parametrize(
    ("text", "kept", "merged"),
    [
        # the one versioned release is the plain name (the name other documents use)
        ("| Model | Elo |\n|---|---|\n| Quillon-33B | 1093 |\n\nWeights: kestrel/quillon-33b-v1.3.",
         "Quillon-33B", "quillon-33b-v1.3"),
        ("Brackenfold released QuillonLM-7B. QuillonLM-7B is fast. QuillonLM-7B is small. "
         "The card calls it QuillonnLM-7B once.", "QuillonLM-7B", "QuillonnLM-7B"),
    ],
)
def test_a_short_or_misspelt_name_is_the_full_name(extract: Extract, text: str, kept: str,
                                                   merged: str) -> None:
    ents = {e.ref.label: e for e in extract(text).entities}
    assert merged not in ents
    assert merged in ents[kept].alt_labels


def test_two_versions_are_not_merged(extract: Extract) -> None:
    ex = extract("Quillon-7B-Instruct-v0.1 and Quillon-7B-Instruct-v0.2 differ; Quillon-7B-Instruct "
                 "is the model line.")
    assert {"Quillon-7B-Instruct-v0.1", "Quillon-7B-Instruct-v0.2", "Quillon-7B-Instruct"} <= _labels(ex)


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("A report posted by @KestrelWatchAI found that Quillon-7B copied a rival.",
         "KestrelWatchAI", "Organization"),
        ("@tamsin_reads said the Quillon-7B model was rushed.", "tamsin_reads", "Person"),
        ("In partnership with Harbour Archive (HA), we build the Quillon-7B model.",
         "Harbour Archive", "Organization"),
        ("Quillon 2 was trained on Cloud TPU (27B on v5p, 9B on TPU v4).", "TPU v5p", "Hardware"),
        ("- Kestrel Analysis Quality Index: we sit in second place on this benchmark.",
         "Kestrel Analysis Quality Index", "Benchmark"),
    ],
)
def test_handles_partners_tpu_generations_and_indexes(extract: Extract, text: str, name: str,
                                                      etype: str) -> None:
    assert _entities(extract(text)).get(name) == etype


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Traditional benchmarks such as MMLU have been useful for years.", "Traditional"),
        ("Open Models Now Rival Quillon-7B On Key Benchmarks\n\nThe gap has closed.", "Key"),
        ("The Human Development Index rose last year.", "Human Development Index"),
        ("Email alerts@kestrel.example for the model news.", "kestrel"),
    ],
)
def test_not_a_benchmark_or_handle(extract: Extract, text: str, fragment: str) -> None:
    assert fragment not in _labels(extract(text))


@pytest.mark.parametrize(
    ("text", "relation", "present"),
    [
        ("Quillon 3 Reasoning Beta and Quillon 3 mini Reasoning trail Quillon 3 on the chart.",
         ("Quillon 3 Reasoning Beta", "memberOfFamily", "Quillon 3"), True),
        ("Quillon 3 Reasoning Beta and Quillon 3 mini Reasoning trail Quillon 3 on the chart.",
         ("Quillon 3 mini Reasoning", "memberOfFamily", "Quillon 3"), True),
        # a smaller sibling of a model the text names is its variant (round 7: real golds and
        # vendor descriptions, "X mini is a smaller version of X"); alone it is a model of its own
        ("Grok 3 mini is cheaper than Grok 3, the company said of the model.",
         ("Grok 3 mini", "memberOfFamily", "Grok 3"), True),
        ("Grok 3 mini is cheaper, the company said of the model.",
         ("Grok 3 mini", "memberOfFamily", "Grok 3"), False),
    ],
)
def test_a_mode_of_a_model_is_its_variant(extract: Extract, text: str,
                                          relation: tuple[str, str, str], present: bool) -> None:
    assert (relation in _relations(extract(text))) is present


def test_a_letter_after_a_joining_dot_heads_no_name(extract: Extract) -> None:
    assert "E 3" not in _labels(extract("Janus Pro beat the DALL·E 3 image model on the test."))


def test_a_table_row_named_with_its_lab_is_the_model(extract: Extract) -> None:
    ex = extract("Meta-Llama-3.1-8B-Instruct is our baseline model.\n\n| Model Name | Accuracy |\n"
                 "|---|---|\n| Meta-Llama-3.1-8B-Instruct | 0.51 |\n| qwen/qwen-2.5-7b-instruct | 0.6 |\n")
    models = {e.ref.label for e in ex.entities if e.ref.type in ("Model", "ModelFamily")}
    assert len(models) == 2
    assert "Accuracy" not in _labels(ex)


@pytest.mark.parametrize(
    ("text", "name", "present"),
    [
        # a heading that is the name alone, with or without its Markdown marks
        ("Results\n\nHarbour Seal Leaderboard\n\nQuillon-7B ranks third on it.", "Harbour Seal Leaderboard",
         True),
        # a title-case headline: no telling where the name starts
        ("Quillon Tops The Harbour Seal Leaderboard\n\nQuillon-7B is a model.",
         "Quillon Tops The Harbour Seal Leaderboard", False),
    ],
)
def test_a_leaderboard_in_a_heading(extract: Extract, text: str, name: str, present: bool) -> None:
    assert (name in _labels(extract(text))) is present


def test_a_transformers_conversion_is_the_same_model(extract: Extract) -> None:
    ex = extract("# Quillon-70B-Instruct\n\nQuillon-70B-Instruct is a chat model.\n\n"
                 "name = \"kestrel/Quillon-70B-Instruct-HF\"\n")
    models = [e for e in ex.entities if e.ref.type == "Model"]
    assert [m.ref.label for m in models] == ["Quillon-70B-Instruct"]
    assert "kestrel/Quillon-70B-Instruct-HF" in models[0].alt_labels


def test_a_repository_owner_is_the_lab_of_the_text(extract: Extract) -> None:
    ex = extract("Quillon-7B-SQL was trained by Harrowgate Analytics.\n\n"
                 "model = load(\"harrowgate/Quillon-7B-SQL\")\n")
    orgs = {e.ref.label for e in ex.entities if e.ref.type == "Organization"}
    assert orgs == {"Harrowgate Analytics"}


def test_the_lab_model_is_no_model_named_after_the_lab(extract: Extract) -> None:
    ex = extract("Ostrel 3 beats Halvard Labs' Verdane-70B, scoring 84.0 against 82.1 for the "
                 "Halvard model.")
    assert _entities(ex).get("Halvard") != "Model"


@pytest.mark.parametrize(
    ("text", "name", "fragment"),
    [
        # a score or a count after a name is no part of it
        ("Quillon-9B edges out Kestrel 2 (Quillon 1093 vs. Kestrel 2 1071) on the model chart.",
         "Kestrel 2", "Kestrel 2 1071"),
        ("This makes Kestrel 90B 2.5 times larger than the earlier model.", "Kestrel 90B",
         "Kestrel 90B 2.5"),
        ("- HardMath: Maintains 81.2, ahead of the Quillon-9B model.", "Quillon-9B", "Maintains 81.2"),
    ],
)
def test_a_score_after_a_name_is_not_its_version(extract: Extract, text: str, name: str,
                                                 fragment: str) -> None:
    labels = _labels(extract(text))
    assert name in labels
    assert fragment not in labels


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Brackenfold released Kestrel 2 0613, a dated snapshot of the model.", "Kestrel 2 0613"),
        ("Brackenfold is releasing “Kestrel 1776,” an open-weight model.", "Kestrel 1776"),
        ("Brackenfold shipped Quillon 24.11, its newest model.", "Quillon 24.11"),
    ],
)
def test_a_version_or_date_after_a_name_is_part_of_it(extract: Extract, text: str,
                                                      name: str) -> None:
    assert name in _labels(extract(text))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Quillon-Max Leads Across The Board\n\nQuillon-Max is a new model.", "Max Leads Across"),
        ("Meet 10.7B Quillon, a compact model\n\nQuillon-10.7B is out.", "Meet 10.7B Quillon"),
    ],
)
def test_a_headline_verb_is_no_part_of_a_name(extract: Extract, text: str, fragment: str) -> None:
    assert fragment not in _labels(extract(text))


@pytest.mark.parametrize(
    ("text", "not_org"),
    [
        # a known lab's product named with "AI"
        ("Developers reach the model through Google Cloud Vertex AI and other services.",
         "Google Cloud Vertex AI"),
        # a demonym and "AI" before a lab word
        ("Brackenfold accused three Chinese AI Labs of copying its model outputs.",
         "Chinese AI Labs"),
        # a name used as the adjective of an image or a tool
        ("(Image credit: Harrowfield Canvas AI image/Archive)", "Harrowfield Canvas AI"),
        # the assistant named after a known model is no lab
        ("Many students now ask Claude AI for help with homework.", "Claude AI"),
    ],
)
def test_a_product_named_with_ai_is_not_a_lab(extract: Extract, text: str, not_org: str) -> None:
    ents = _entities(extract(text))
    assert ents.get(not_org) != "Organization"
    assert not any(t == "Organization" and not_org in label for label, t in ents.items())


def test_a_known_model_with_ai_is_that_model(extract: Extract) -> None:
    ex = extract("Many students now ask Claude AI for help with homework.")
    claude = next(e for e in ex.entities if e.ref.label == "Claude")
    assert "Claude AI" in claude.alt_labels


def test_the_ai_model_is_no_variant_of_the_family(extract: Extract) -> None:
    ex = extract("Rivals such as ByteDance's Doubao gained users. Baidu said the AI model was free.")
    assert not any(label.endswith(" AI") or label == "AI" for label in _labels(ex))


def test_a_known_name_grows_on_by_hyphen(extract: Extract) -> None:
    ex = extract("| Model | Elo |\n|---|---|\n| Claude-instant-1 | 1108 |\n")
    assert "Claude-instant-1" in _labels(ex)


def test_a_made_by_field_takes_only_the_capitalised_name(extract: Extract) -> None:
    ex = extract("Developed by New York startup Brackenfold Labs, Quillon-7B is our new model. We are "
                 "releasing it today under an open licence.")
    assert not any(label.startswith("New York") for label in _labels(ex))


def _models(ex: Extraction) -> set[str]:
    return {e.ref.label for e in ex.entities if e.ref.type in ("Model", "ModelFamily")}


@pytest.mark.parametrize(
    ("text", "one", "names"),
    [
        # a lab's legal form is no part of its name
        ("Brackenfold Corp. has released a model. Brackenfold said it was small.", "Brackenfold",
         {"Brackenfold Corp"}),
        # a lab written once with a letter missing is the lab named in full
        ("Kestrelwind AI built Quillon-7B. The model was developed by Kestelwind, the card says.",
         "Kestrelwind AI", {"Kestelwind"}),
        # a short form that drops the active size, or the size and tag before the name
        ("Quillon3-200B-A20B is the flagship. On the chart Quillon3-200B scores 61.2 points.",
         "Quillon3-200B-A20B", {"Quillon3-200B"}),
        ("This is a merge of MN-12B-Corra-v2.1 and others; it writes more than the Corra v2.1 model.",
         "MN-12B-Corra-v2.1", {"Corra v2.1"}),
        # a short form without the kind word and the release stage
        ("Brackenfold tuned Quillon-LM-7B-alpha on chats. Quillon-7B tops the model chart.",
         "Quillon-LM-7B-alpha", {"Quillon-7B"}),
        # the one versioned release of a sized name is that name
        ("Quillon-13B is out. Weights: kestrel/quillon-13b-v1.1 on the hub.", "Quillon-13B",
         {"quillon-13b-v1.1"}),
    ],
)
def test_one_thing_written_two_ways_is_one_entity(extract: Extract, text: str, one: str,
                                                  names: set[str]) -> None:
    ents = {e.ref.label: e for e in extract(text).entities}
    assert one in ents
    assert not names & set(ents)
    assert names <= {n.rstrip(".") for n in ents[one].alt_labels}


@pytest.mark.parametrize(
    "text",
    [
        "Quillon 2 is a family; Quillon 2 9B is its small model.",
        "Compare kestrel/quillon-1-70b with the kestrel/quillon-1-70b-sf conversion of the model.",
        "Brackenfold makes the Quillon models; Quillon-v1 was the first of them.",
        "Quillon-7B was fine-tuned into Hermes-2.5-Quillon-7B by a community lab.",
    ],
)
def test_names_of_different_models_stay_apart(extract: Extract, text: str) -> None:
    labels = _models(extract(text))
    assert len(labels) == 2, labels


def test_a_short_form_of_two_release_stages_stays_apart(extract: Extract) -> None:
    ex = extract("Quillon-LM-7B-alpha and Quillon-LM-7B-beta are chat models; Quillon-7B is the base model.")
    assert {"Quillon-LM-7B-alpha", "Quillon-LM-7B-beta", "Quillon-7B"} <= _models(ex)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a cell's medal is no part of the name
        ("| Rank | Model | Elo |\n|---|---|---|\n| 1 | 🥇 Quillon-9B | 1200 |\n", "Quillon-9B"),
        # the Transformers conversion is the model under its own name
        ("Weights: kestrel/Quillon-13b-chat-hf, a chat model.", "Quillon-13b-chat"),
        # a tuned build's word goes after the size, as other documents write the name
        ("Quillon2-Chat-70B is the chat model of the line.", "Quillon2-70B-Chat"),
    ],
)
def test_a_canonical_label(extract: Extract, text: str, label: str) -> None:
    assert label in _models(extract(text))


def test_a_sentence_is_no_model_name(nlp) -> None:  # type: ignore[no-untyped-def]
    from ingest.pipeline import extract_document
    from ingest.records import Document

    title = "UPD: this model series is succeeded by Corra**"
    doc = Document(text=f"{title}\n\nCorra-12B is a merge of two models.\n", source="card.md",
                   title=title, doc_type="ModelCard", metadata={"front_matter": {"license": "mit"}})
    labels = {e.ref.label for e in extract_document(doc, nlp).entities}
    assert not any("succeeded" in label for label in labels)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a known model and the word of its build
        ("Databricks ships two checkpoints, DBRX Base and DBRX Instruct, for download.", "DBRX Base"),
        # a lab named like its models, and a line of them
        ("Earlier mixtures such as DeepSeek-MoE used many small experts.", "DeepSeek-MoE"),
    ],
)
def test_a_known_name_and_a_build_or_line_word(extract: Extract, text: str, name: str) -> None:
    assert _entities(extract(text)).get(name) == "Model"


def test_a_build_of_a_model_line_is_its_variant(extract: Extract) -> None:
    ex = extract("Databricks ships two checkpoints, DBRX Base and DBRX Instruct, of the DBRX model.")
    rels = _relations(ex)
    assert ("DBRX Instruct", "memberOfFamily", "DBRX") in rels
    assert ("DBRX Base", "memberOfFamily", "DBRX") not in rels


@pytest.mark.parametrize(
    ("text", "model", "written", "lab"),
    [
        ("Quillon 70B is a tuned-up version of Meta Llama 70B, its makers said.", "Llama 70B",
         "Meta Llama 70B", "Meta"),
        ("This week we welcome Google Quillon 2 to the arena of chat models.", "Quillon 2",
         "Google Quillon 2", "Google"),
    ],
)
def test_a_lab_written_before_its_model_is_a_name_of_it(extract: Extract, text: str, model: str,
                                                      written: str, lab: str) -> None:
    ex = extract(text)
    ent = next(e for e in ex.entities if e.ref.label == model)
    assert written in ent.alt_labels
    assert lab in _labels(ex)


def test_a_hub_handle_is_found_only_as_written(extract: Extract) -> None:
    ex = extract("The card points to meta-llama/Llama-2-7b-hf. Meta Llama 3 is newer.")
    assert "Meta Llama" not in _labels(ex)
    assert "Llama 3" in _labels(ex)


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Ada Lind, chief executive of KestrelwindAI, said the model was ready.", "KestrelwindAI",
         "Organization"),
        ("Recent data shared by Harrowfield.AI shows Quillon-7B ahead.", "Harrowfield.AI",
         "Organization"),
        # a known lab and its leaderboard, also as a heading with its metric
        ("Intro.\n\nHuggingface Leaderboard Score\n\nQuillon-7B leads the model table.",
         "Huggingface Leaderboard", "Benchmark"),
    ],
)
def test_run_in_lab_names_and_a_labs_leaderboard(extract: Extract, text: str, name: str,
                                                 etype: str) -> None:
    assert _entities(extract(text)).get(name) == etype


def test_a_generic_run_in_ai_word_is_no_lab(extract: Extract) -> None:
    ex = extract("The GenAI boom and EdgeAI chips helped Quillon-7B, a new model.")
    assert not {"GenAI", "EdgeAI"} & _labels(ex)


def _card(nlp, text: str, title: str = ""):  # type: ignore[no-untyped-def]
    from ingest.pipeline import extract_document
    from ingest.records import Document

    return extract_document(Document(text=text, source="card.md", title=title, doc_type="ModelCard",
                                     metadata={"front_matter": {"license": "mit"}}), nlp)


def test_a_quantized_release_named_with_a_spaced_dash(extract: Extract) -> None:
    ex = extract("# Quillon 2 13B Chat - GGUF\n\nThis repo holds GGUF files of Quillon 2 13B Chat.\n")
    assert "Quillon 2 13B Chat - GGUF" in _models(ex)
    assert "GGUF" not in {n for e in ex.entities for n in e.alt_labels}


def test_links_to_model_repositories_name_models_and_publishers(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = _card(nlp, "# Quillon 2 13B Chat - GGUF\n\n"
                    "This repo holds GGUF files for [Quillon 2 13B Chat](https://huggingface.co/kestrel/"
                    "Quillon-2-13b-chat-hf).\n\n"
                    "* [AWQ models for GPU inference](https://huggingface.co/QuantFarm/Quillon-2-13b-Chat-AWQ)\n"
                    "* [GGUF models for CPU inference](https://huggingface.co/QuantFarm/Quillon-2-13b-Chat-GGUF)\n\n"
                    "An earlier line was [Corra](https://huggingface.co/corra-lab/Corra-12B-v0.1).\n",
               title="Quillon 2 13B Chat - GGUF")
    ents = {e.ref.label: e for e in ex.entities}
    assert "kestrel/Quillon-2-13b-chat-hf" in ents["Quillon 2 13B Chat"].alt_labels
    assert "QuantFarm/Quillon-2-13b-Chat-GGUF" in ents["Quillon 2 13B Chat - GGUF"].alt_labels
    assert "Quillon-2-13b-Chat-AWQ" in ents
    assert "Corra" in ents
    rels = _relations(ex)
    # the publisher of a quantized release made it; nobody guesses the line's maker for it
    assert ("Quillon 2 13B Chat - GGUF", "developedBy", "QuantFarm") in rels
    assert ("Quillon-2-13b-Chat-AWQ", "developedBy", "QuantFarm") in rels
    assert ("Quillon 2 13B Chat - GGUF", "developedBy", "kestrel") not in rels


def test_a_card_whose_title_is_not_in_its_text_is_about_its_heading(nlp) -> None:  # type: ignore[no-untyped-def]
    from ingest.pipeline import extract_document
    from ingest.records import Document

    text = ("---\nbase_model:\n- kestrel/Corra-12B-v1.9\n---\n**Note: this series is succeeded by "
            "[Orvane](https://huggingface.co/orvane-lab/Orvane-14B-v0.1)**<br>\n\n# Quillon-12B-v2\n\n"
            "This is a merge of kestrel/Corra-12B-v1.9 and other models.\n")
    doc = Document(text=text, source="card.md", title="Note: this series is succeeded by Orvane**",
                   doc_type="ModelCard", metadata={"front_matter": {"base_model": ["kestrel/Corra-12B-v1.9"]}})
    rels = _relations(extract_document(doc, nlp))
    # the card says it is a merge, so its base model is one of the merged models
    assert ("Quillon-12B-v2", "mergedFrom", "Corra-12B-v1.9") in rels
    assert not any(s == "Orvane" for s, _p, _o in rels if _p in ("fineTunedFrom", "mergedFrom"))


def test_a_line_of_a_family_is_its_member(extract: Extract) -> None:
    ex = extract("The Quillon 3 family grows: Quillon 3-Max leads, and Quillon 3-Max-Instruct-Preview "
                 "is its chat model.")
    rels = _relations(ex)
    assert ("Quillon 3-Max", "memberOfFamily", "Quillon 3") in rels


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("“The margin is an artefact,” Okafor wrote in her post about Quillon-7B.", "Okafor", "Person"),
        ("Okafor, in his thread, claimed that Brackenfold tuned Quillon-7B on the test.", "Okafor",
         "Person"),
        ("Reporting by QuillWire placed the dispute over Quillon-7B in context.", "QuillWire",
         "Organization"),
    ],
)
def test_one_word_agents(extract: Extract, text: str, name: str, etype: str) -> None:
    assert _entities(extract(text)).get(name) == etype


def test_the_outlet_is_the_outlet_named_before(extract: Extract) -> None:
    ex = extract("Reporting by QuillWire placed the dispute in context. The outlet confirmed "
                 "Brackenfold's claim that 200 accounts were used.")
    assert "The outlet" not in _labels(ex)
    assert "QuillWire" in {c.claimant.label for c in ex.claims}


def test_a_pronoun_after_a_lab_makes_no_person(extract: Extract) -> None:
    assert _entities(extract("Google, in his view, erred with the Quillon-7B model.")).get("Google") \
        == "Organization"


@pytest.mark.parametrize(
    ("text", "name", "fragment"),
    [
        ("Quillon-1.5B 1.6B 78.3 are its size and score on the model chart.", "Quillon-1.5B",
         "Quillon-1.5B 1.6B"),
        ("The Quillon-9B-AWQ 6.4 GB file fits the model on one card.", "Quillon-9B-AWQ",
         "Quillon-9B-AWQ 6.4"),
    ],
)
def test_a_count_after_a_size_or_a_format_is_no_name_part(extract: Extract, text: str, name: str,
                                                          fragment: str) -> None:
    labels = _labels(extract(text))
    assert name in labels
    assert fragment not in labels
