"""Specs for names met in round 9 of issue 16 (news pieces): people introduced by their role,
the organisation named by that role, institutions with an acronym, names in a typed list, a
generic word after a name, headline words that are no part of a name.

People, labs and models are invented ("Brume Cloud", "Kestrel", "Ada Lind").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _typed(ex: Extraction) -> dict[str, str]:
    return {e.ref.label: e.ref.type for e in ex.entities}


def _names(ex: Extraction) -> set[str]:
    return {form for e in ex.entities for form in (e.ref.label, *e.alt_labels)}


# --- A: a person introduced by role, and the organisation the role names

@pytest.mark.parametrize("text, person", [
    ("Brume Vice President Tomas Wren said pricing will fall next year.", "Tomas Wren"),
    ("Quarry Labs Chief Scientist Ilse Marken said the release was delayed.", "Ilse Marken"),
])
def test_a_title_is_no_part_of_the_name_after_it(extract: Extract, text: str, person: str) -> None:
    typed = _typed(extract(text))
    assert typed.get(person) == "Person"
    assert not any(label.endswith(person) and label != person for label in typed)


@pytest.mark.parametrize("text, person", [
    ("Corvid Cloud Director Park Min-jun told reporters the assistant now answers in Korean.", "Park Min-jun"),
    ("The launch was led by Kang Soo-yeon, head of research at Corvid.", "Kang Soo-yeon"),
])
def test_a_romanised_given_name_keeps_its_second_syllable(extract: Extract, text: str, person: str) -> None:
    assert _typed(extract(text)).get(person) == "Person"


@pytest.mark.parametrize("text, org", [
    ("Velora's co-founder and CEO Anneke Bos wants the chatbot to speak six languages.", "Velora"),
    ("qTerra's chairman Rui Matos told investors that Kestrel 4 is ahead of its rivals.", "qTerra"),
    ("Corvid Cloud Director Park Min-jun told reporters the assistant now answers in Korean.", "Corvid Cloud"),
])
def test_the_words_before_a_role_and_a_name_are_an_organisation(extract: Extract, text: str, org: str) -> None:
    assert _typed(extract(text)).get(org) == "Organization"


@pytest.mark.parametrize("text, not_org", [
    ("Former Velora CTO Anneke Bos founded a new lab.", "Former Velora"),
    ("Kestrel lead Anneke Bos said the model was retrained.", "Kestrel"),
])
def test_a_modifier_or_a_model_before_a_role_is_no_organisation(extract: Extract, text: str,
                                                                  not_org: str) -> None:
    ex = extract("Kestrel is a language model. " + text)
    assert _typed(ex).get(not_org) != "Organization"


def test_a_headline_verb_stops_an_organisation_name(extract: Extract) -> None:
    typed = _typed(extract("Velora CEO Anneke Bos Says AI Is Changing Search"))
    assert not any("Says" in label for label in typed)


def test_a_hyphenated_quantity_is_no_version_of_a_name(extract: Extract) -> None:
    typed = _typed(extract("Velora Launches Pocket 5-Billion-Parameter Assistant for Laptops"))
    assert not any("Billion" in label for label in typed)


# --- F: institutions

@pytest.mark.parametrize("text, org, acronym", [
    ("Velora and the Nordic National Compute Centre (NNCC) released Kestrel. "
     "Ada Lind, director of NNCC, said it is open.", "Nordic National Compute Centre", "NNCC"),
    ("The Lisbon AI Programme (LAIP) moved its models to Kestrel. According to LAIP, the switch "
     "helped.", "Lisbon AI Programme", "LAIP"),
    ("Velora was founded by researchers from Quillby's Applied Reasoning Laboratory (ARL).",
     "Applied Reasoning Laboratory", "ARL"),
])
def test_an_institution_with_its_acronym_in_brackets_is_an_organisation(extract: Extract, text: str, org: str,
                                                                        acronym: str) -> None:
    ex = extract(text)
    assert _typed(ex).get(org) == "Organization"
    assert not any(e.ref.label == acronym for e in ex.entities)  # one entity, not two


def test_a_place_before_institute_of_still_names_the_institution(extract: Extract) -> None:
    typed = _typed(extract("The model was trained by Ada Lind of the Osaka Institute of Robotics."))
    assert typed.get("Osaka Institute of Robotics") == "Organization"


def test_a_demonym_before_a_generic_org_word_names_nothing(extract: Extract) -> None:
    assert _typed(extract("The Chinese AI start-up released Kestrel 2, a small model.")).keys() == {"Kestrel 2"}


# --- C: names in a list introduced by their kind

@pytest.mark.parametrize("text, names, etype", [
    ("The agency's demo day featured its open models, such as Tarn-1 (a 2B text model), Fjellmo "
     "(speech synthesis) and Skarv (a document reader).", ["Tarn-1", "Fjellmo", "Skarv"], "Model"),
    ("On leaderboards for Nordic language reading (such as NorQuiz and SkaldQA) Kestrel 3 came first.",
     ["NorQuiz", "SkaldQA"], "Benchmark"),
    ("Backers of the lab, investors including Brightwell and Quarrystone, put in 40 million euros.",
     ["Brightwell", "Quarrystone"], "Organization"),
])
def test_a_list_introduced_by_its_kind_gives_the_kind(extract: Extract, text: str, names: list[str],
                                                      etype: str) -> None:
    typed = _typed(extract(text))
    assert all(typed.get(n) == etype for n in names), typed


def test_a_kind_list_keeps_each_name_whole(extract: Extract) -> None:
    typed = _typed(extract("Kestrel 3 beats open models such as Brisa 4 Scout and Velora Ostra A."))
    assert {"Brisa 4 Scout", "Velora Ostra A"} <= set(typed)


@pytest.mark.parametrize("text", [
    "Open models such as these are cheap to run.",
    "Models Such As Brisa Are Trending",
    "Our focus is the languages that big models serve poorly, such as Maltese, Irish and Latvian.",
    "Kestrel models ship in several variants such as Instruct, Chat and Base.",
])
def test_no_list_no_names(extract: Extract, text: str) -> None:
    assert not _typed(extract(text))


# --- D: a generic word after a name

def test_foundation_models_name_a_line_of_models_not_a_foundation(extract: Extract) -> None:
    typed = _typed(extract("Velora Labs launched Brume Foundation Models (BFM), three small models."))
    assert typed.get("Brume Foundation Models") in ("Model", "ModelFamily")
    assert "Brume Foundation" not in typed


def test_a_foundation_alone_is_still_an_organisation(extract: Extract) -> None:
    assert _typed(extract("The Brume Foundation funds open research.")).get("Brume Foundation") == "Organization"


@pytest.mark.parametrize("text, name", [
    ("The biggest member, a Brisa 52.4B MoE model, reads long documents.", "Brisa 52.4B"),
    ("Velora released Ostra-35B-A3B MoE model weights today.", "Ostra-35B-A3B"),
])
def test_moe_after_a_size_is_the_kind_of_model(extract: Extract, text: str, name: str) -> None:
    assert name in _names(extract(text))


# --- A (continued): the organisation after "of" a person

@pytest.mark.parametrize("text, org", [
    ("Professor Ada Lind of Quillby Robotics, Bo Tran of Brumenet and Ilse Marken of Velora led the "
     "work.", "Brumenet"),
    ("The project began in talks between researcher Tomas Wren from Corvidia and professor Ada Lind "
     "from Quillby Labs.", "Corvidia"),
])
def test_the_name_after_a_person_and_of_is_an_organisation(extract: Extract, text: str, org: str) -> None:
    assert _typed(extract(text)).get(org) == "Organization"


def test_a_place_after_a_person_and_of_is_no_organisation(extract: Extract) -> None:
    typed = _typed(extract("Professor Ada Lind of Boston said the model was retrained."))
    assert "Boston" not in typed


# --- C (continued): a list of one-word names beside known organisations

@pytest.mark.parametrize("text, org", [
    ("Velora signed deals with IBM, QuillbyNet, KORVA, two city councils and a bank.", "QuillbyNet"),
    ("Sponsors\nHugging Face, CorvidWorks, NVIDIA\nRelated posts", "CorvidWorks"),
    ("The standard is backed by Microsoft, Google, Brumell and Quarryton.", "Brumell"),
])
def test_a_list_with_known_labs_lists_organisations(extract: Extract, text: str, org: str) -> None:
    assert _typed(extract(text)).get(org) == "Organization"


@pytest.mark.parametrize("text", [
    "Lind, Wren, Marken and Google disagree about open weights.",
    "Developers can call it through IBM WatsonX, NVIDIA NIM or Azure Stack.",
])
def test_surnames_or_products_beside_one_lab_are_no_organisations(extract: Extract, text: str) -> None:
    typed = _typed(extract(text))
    assert not {"Lind", "Wren", "Marken", "WatsonX", "NIM"} & set(typed)


# --- E: a known line's name and a word joined by a hyphen

@pytest.mark.parametrize("text, name", [
    ("On the arena, Yi-Thunder is tied with a larger rival.", "Yi-Thunder"),
    ("Baidu also cut the price of Ernie-Breeze for developers.", "Ernie-Breeze"),
])
def test_a_known_line_and_a_hyphenated_word_is_a_model(extract: Extract, text: str, name: str) -> None:
    typed = _typed(extract(text))
    assert typed.get(name) in ("Model", "ModelFamily"), typed


@pytest.mark.parametrize("text", [
    "A Llama-Based Assistant answers questions.",
    "The Qwen-Powered bot answers questions.",
])
def test_a_describing_word_after_a_hyphen_names_no_model(extract: Extract, text: str) -> None:
    assert not any("-" in label for label in _typed(extract(text)))


@pytest.mark.parametrize("title", ["Professor", "Vice President", "Director"])
def test_a_title_before_a_speaker_stays_out_of_the_name_not_out_of_the_claim(extract: Extract, title: str) -> None:
    ex = extract(f'"Kestrel-13B shows a university can build a better model," said {title} Ada Lind, '
                 "who leads the language group at Quarrystone University.")
    assert _typed(ex).get("Ada Lind") == "Person"
    assert any(c.claimant.label == "Ada Lind" for c in ex.claims)


# --- L: a line named alone beside its versioned model

def test_the_brand_of_a_versioned_model_alone_is_its_line(extract: Extract) -> None:
    typed = _typed(extract("Corvid's Kestrel v3.5 beats its rivals in maths. Corvid has built Kestrel "
                           "into its smart speakers."))
    assert typed.get("Kestrel") in ("Model", "ModelFamily")


def test_a_brand_a_lab_is_named_with_is_left_alone(extract: Extract) -> None:
    typed = _typed(extract("Brisa Labs trained Brisa 2 on licensed text. A week later Brisa said the "
                           "release was final."))
    assert typed.get("Brisa") not in ("Model", "ModelFamily")
