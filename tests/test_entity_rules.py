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
