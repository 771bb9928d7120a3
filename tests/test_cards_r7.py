"""Specs for names and links met in round 7 of issue 16: hardware written with its memory size or by
its bare card number, and name boundaries at a job title, a spaced dash, a headline's line end.

Model names and people are invented ("Kestrel", "Ostra", "Odile Brannon"); the hardware is real.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _entities(ex: Extraction) -> dict[str, str]:
    return {e.ref.label: e.ref.type for e in ex.entities}


def _links(ex: Extraction, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject.label, r.object.label) for r in ex.relations if r.predicate == predicate}


@pytest.mark.parametrize(("text", "part", "surface"), [
    ("Kestrel-30B was trained on NVIDIA A100-80GB GPUs for a month.", "A100", "NVIDIA A100-80GB"),
    ("We served Kestrel-30B from one A100 40GB card.", "A100", "A100 40GB"),
    ("Ostra-9B was tuned on H100-80GB nodes.", "H100", "H100-80GB"),
])
def test_a_part_with_its_memory_size_is_that_part(extract: Extract, text: str, part: str, surface: str) -> None:
    hardware = {e.ref.label: e for e in extract(text).entities if e.ref.type == "Hardware"}
    assert hardware[part].alt_labels >= {surface}


def test_a_memory_amount_after_a_part_is_not_its_name(extract: Extract) -> None:
    ents = _entities(extract("Kestrel-9B runs on an H100 with 80GB of memory."))
    assert ents.get("H100") == "Hardware"


@pytest.mark.parametrize(("text", "pairs"), [
    ("Serving Kestrel-30B takes one card: deploy on either 1x H100 with 16-bit weights "
     "or 1x L40S with 8-bit weights.", {("Kestrel-30B", "H100"), ("Kestrel-30B", "L40S")}),
    ("Ostra-12B is simple to deploy on one H200 GPU.", {("Ostra-12B", "H200")}),
])
def test_deploy_on_hardware_links_the_model(extract: Extract, text: str, pairs: set[tuple[str, str]]) -> None:
    assert pairs <= _links(extract(text), "fitsOn")


@pytest.mark.parametrize(("text", "card"), [
    ("Kestrel-35B fits on a single 4090 at 4-bit.", "RTX 4090"),
    ("You need two 3090s to serve Ostra-70B.", "RTX 3090"),
    ("Ostra-8B runs fine on a 4070 Ti.", "RTX 4070 Ti"),
])
def test_a_bare_card_number_after_a_count_is_hardware(extract: Extract, text: str, card: str) -> None:
    assert _entities(extract(text)).get(card) == "Hardware"


@pytest.mark.parametrize("text", [
    "Kestrel-7B scored 4090 points on the quiz.",
    "The leaderboard lists a 3090 Elo for Kestrel-7B.",
    "In 2024, 3050 users tried Kestrel-7B.",
])
def test_a_number_that_counts_something_is_no_card(extract: Extract, text: str) -> None:
    assert "Hardware" not in _entities(extract(text)).values()


def test_a_bare_card_number_links_the_model_that_fits_on_it(extract: Extract) -> None:
    ex = extract("Kestrel-35B fits on a single 4090 at 4-bit.")
    assert ("Kestrel-35B", "RTX 4090") in _links(ex, "fitsOn")


@pytest.mark.parametrize("text", [
    "Kestrel 100B CEO Answers Critics\nOstra Labs CEO Odile Brannon spoke about Kestrel 100B in Oslo.",
    "Kestrel 3 CTO Leaves Ostra Labs\nThe company said CTO Wendell Ashgrove left after Kestrel 3 shipped.",
])
def test_a_job_title_after_a_model_is_no_part_of_its_name(extract: Extract, text: str) -> None:
    ents = _entities(extract(text))
    assert not any(label.endswith((" CEO", " CTO")) for label in ents)


def test_a_headline_title_before_nouns_is_no_person(extract: Extract) -> None:
    ents = _entities(extract("Kestrel 100B CEO Rebuts Model Copying Claims\nThe lab defended Kestrel 100B."))
    assert not any(t == "Person" and "Model" in label for label, t in ents.items())


@pytest.mark.parametrize(("text", "name"), [
    ("We are proud of Kestrel 2 11B VLM – it turns pictures into text.", "Kestrel 2 11B VLM"),
    ("Try Ostra 3 8B - it answers in four languages.", "Ostra 3 8B"),
])
def test_a_spaced_dash_before_a_clause_ends_the_name(extract: Extract, text: str, name: str) -> None:
    assert _entities(extract(text)).get(name) == "Model"


def test_a_spaced_dash_before_a_format_word_keeps_the_name(extract: Extract) -> None:
    assert _entities(extract("Download Kestrel 2 7B Chat - GGUF here.")).get("Kestrel 2 7B Chat - GGUF") == "Model"


def test_a_headlines_last_word_does_not_run_into_the_next_line(extract: Extract) -> None:
    ents = _entities(extract("The UAE's Ostra Released the Kestrel 2 LLM as a Challenge to Google's Gemma 3\n"
                             "Ostra also released a multimodal version of the model."))
    assert "Gemma 3" in ents
    assert not any(label.startswith("Gemma 3 ") for label in ents)


def test_a_hard_wrapped_name_in_prose_is_still_joined(extract: Extract) -> None:
    ents = _entities(extract("The paper comes from Google\nDeepMind and describes Kestrel-7B."))
    assert ents.get("Google DeepMind") == "Organization"


@pytest.mark.parametrize(("text", "labs"), [
    ("Kestrel-7B was developed by Ostravia, Brindlewood and Quellcorp.", {"Ostravia", "Brindlewood", "Quellcorp"}),
    ("This model was developed by NLPGroup at Quellcorp, Brindlewood and Ostra Univ.",
     {"NLPGroup", "Quellcorp", "Brindlewood", "Ostra Univ"}),
])
def test_every_maker_of_a_developed_by_list_is_an_organisation(extract: Extract, text: str,
                                                                 labs: set[str]) -> None:
    ents = _entities(extract(text))
    assert {lab for lab in labs if ents.get(lab) == "Organization"} == labs


def test_every_maker_of_a_developed_by_list_developed_the_model(extract: Extract) -> None:
    ex = extract("Kestrel-7B was developed by Ostravia, Brindlewood and Quellcorp.")
    assert _links(ex, "developedBy") >= {("Kestrel-7B", lab) for lab in ("Ostravia", "Brindlewood", "Quellcorp")}


@pytest.mark.parametrize(("text", "pair"), [
    ("Wendell Ashgrove, CEO of Brindlewood, said the weights are open.", ("Wendell Ashgrove", "Brindlewood")),
    ("- Odile Brannon, Founder of Quellcorp. odile@quell.example", ("Odile Brannon", "Quellcorp")),
])
def test_a_chief_of_an_organisation_works_there(extract: Extract, text: str, pair: tuple[str, str]) -> None:
    assert pair in _links(extract(text), "employer")


def test_a_chief_of_two_organisations_names_the_first_alone(extract: Extract) -> None:
    ents = _entities(extract("Wendell Ashgrove, CEO of Brindlewood and Quellcorp, said so."))
    assert not any(" and " in label for label in ents)


def test_a_field_after_a_director_is_no_organisation(extract: Extract) -> None:
    assert "Research" not in _entities(extract("The Director of Research at Quellcorp spoke."))


@pytest.mark.parametrize(("text", "person", "org"), [
    ("Contact\n- 박서연(Seoyeon Park), Professor at Ostra Tech. sp@ostra.example", "Seoyeon Park", "Ostra Tech"),
    ("- 이도윤(DoYun Lee), CEO of Brindlewood. dl@brindle.example", "DoYun Lee", "Brindlewood"),
])
def test_a_romanised_name_after_the_hangul_one_is_a_person_of_its_organisation(
        extract: Extract, text: str, person: str, org: str) -> None:
    ex = extract(text)
    assert _entities(ex).get(person) == "Person"
    assert (person, org) in _links(ex, "employer")


def test_a_romanised_name_before_the_hangul_one_is_a_person(extract: Extract) -> None:
    assert _entities(extract("Members: Seoyeon Park (박서연), DoYun Lee (이도윤).")).get("Seoyeon Park") == "Person"


def test_a_romanised_phrase_inside_a_sentence_is_no_person(extract: Extract) -> None:
    assert "Person" not in _entities(extract("이 모델은 한국어(Korean Language) 데이터로 학습했습니다.")).values()


@pytest.mark.parametrize(("text", "pair"), [
    ("Ostra released Kestrel-2 and Kestrel-2 mini in beta.", ("Kestrel-2 mini", "Kestrel-2")),
    ("Brindle launched Quill-4o and Quill-4o nano last week.", ("Quill-4o nano", "Quill-4o")),
])
def test_a_smaller_tier_of_a_named_model_is_its_variant(extract: Extract, text: str, pair: tuple[str, str]) -> None:
    assert pair in _links(extract(text), "memberOfFamily")


@pytest.mark.parametrize(("text", "name"), [
    ("The lab released the Kestrel 2 LLM as a rival to Llama 3. It tops the Open LLM Leaderboard.", "Kestrel 2"),
    ("Kestrel2-11B LLM\nKestrel2-11B was trained on web text. Each LLM of the line is open.", "Kestrel2-11B"),
])
def test_the_noun_llm_after_a_name_is_no_part_of_it(extract: Extract, text: str, name: str) -> None:
    ents = _entities(extract(text))
    assert name in ents
    assert not any(label.endswith(" LLM") for label in ents)


def test_a_known_labs_name_and_a_tier_word_is_a_model_of_its_line(extract: Extract) -> None:
    text = ("Reka Flash 3 is the newest model. It sits between the larger Reka Ultra and the compact "
            "Reka Edge in the lineup.")
    ents = _entities(extract(text))
    assert ents.get("Reka Edge") == "Model"
    assert ents.get("Reka Ultra") == "Model"


def test_a_known_labs_name_and_a_tier_word_alone_is_no_model(extract: Extract) -> None:
    ents = _entities(extract("Google Pro subscribers get more storage, Google said."))
    assert ents.get("Google Pro") != "Model"


def test_a_wrapped_author_line_still_joins_its_last_name(extract: Extract) -> None:
    ents = _entities(extract("Odile Brannon, Wendell Ashgrove, Priya Holt, Seoyeon Park, Tomas\nHalvorsen\n\n"
                             "Abstract We present Kestrel-7B, an open model."))
    assert ents.get("Tomas Halvorsen") == "Person"


@pytest.mark.parametrize("text", [
    "Kestrel-8B is based on Llama 3.\n- Vision-Language Alignment: the vision encoder is aligned to the model.",
    "Kestrel-8B is based on Llama 3. It is built for Vision-Language tasks.",
])
def test_a_word_of_a_hyphenated_compound_is_no_variant_short_form(extract: Extract, text: str) -> None:
    assert not any(label.endswith("Vision") for label in _entities(extract(text)))
