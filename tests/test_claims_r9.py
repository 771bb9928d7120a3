"""Specs for round 9 of the claims reader: speakers the entity stage left unnamed, denials of one's
own act, and an organisation's own blog, data or benchmarks as the speaker.

Every name is made up (labs "Harlow AI", "Quillfeather Labs", "Corvid University", models
"Brisa-3 14B", people "Marta Okonjo", "Tomas Vell", "Ines Farrow"); the sentences are written for
these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]

_RELEASE = "Harlow AI released Brisa-3 14B on Monday. "


def _claims(ex: Extraction) -> set[tuple[str, str]]:
    return {(c.claimant.label, c.stance) for c in ex.claims}


def _about(ex: Extraction, claimant: str) -> set[str]:
    return {a.label for c in ex.claims if c.claimant.label == claimant for a in c.about}


# --------------------------------------------------------------- speakers the entity stage missed

@pytest.mark.parametrize(("text", "speaker"), [
    # a title right before the name: the name is a person's
    (_RELEASE + "Chief Product Officer Ines Farrow said it shows how far small models have come.", "Ines Farrow"),
    (_RELEASE + "Former Harlow AI researcher and current AI entrepreneur Tomas stated that the lab is "
     "catching up fast.", "Tomas"),
])
def test_a_titled_name_the_entity_stage_missed_speaks(extract: Extract, text: str, speaker: str) -> None:
    """ "Chief Product Officer X said", "AI entrepreneur X stated": X, a person, makes the claim."""
    assert (speaker, "asserts") in _claims(extract(text))


@pytest.mark.parametrize("text", [
    # a title before a day or a common word is no name
    _RELEASE + "The chief executive Monday said the model is fast.",
    _RELEASE + "Its research director The company said little.",
])
def test_a_title_before_no_name_makes_no_person(extract: Extract, text: str) -> None:
    """ "executive Monday said": a day, not a person; nobody named "Monday" or "The company" speaks."""
    assert not {label for label, _ in _claims(extract(text))} & {"Monday", "The company", "The"}


def test_a_titled_name_goes_on_speaking_by_its_name(extract: Extract) -> None:
    """A one-word name met after its title ("entrepreneur Tomas stated") is the same person later."""
    ex = extract(_RELEASE + "AI entrepreneur Tomas stated that Harlow AI is catching up. Later, Tomas "
                 "argued that Brisa-3 14B copies an older design.")
    assert _about(ex, "Tomas") >= {"Harlow AI", "Brisa-3 14B"}


def test_a_lone_surname_speaks_for_the_person_named_before(extract: Extract) -> None:
    """ "Okonjo claimed" after "Marta Okonjo" (the surname alone once read as a lab's name, so left
    unfound): the same person makes the claim."""
    ex = extract("Marta Okonjo founded Harlow AI. Okonjo released Brisa-3 14B on Monday, calling it fast. "
                 "Okonjo claimed it beats GPT-4o.")
    assert "GPT-4o" in _about(ex, "Marta Okonjo")


def test_a_surname_two_people_share_names_nobody(extract: Extract) -> None:
    """ "Vell said" after both "Tomas Vell" and "Ada Vell" are named: which one is unknown."""
    ex = extract("Tomas Vell and Ada Vell founded Harlow AI. Vell said that Brisa-3 14B is the best open model.")
    assert not any(c.claimant.label == "Vell" or c.claimant.rule == "unfound-person" for c in ex.claims)


@pytest.mark.parametrize(("text", "members"), [
    (_RELEASE + "Two team members, Ines Farrow and Odile Brannon, reposted a question and apologized, while "
     "claiming that their role was to promote Brisa-3 14B.", {"Ines Farrow", "Odile Brannon"}),
    (_RELEASE + "Several researchers, Ines Farrow, Odile Brannon and Tomas Quill, said that Brisa-3 14B copies "
     "an older design.", {"Ines Farrow", "Odile Brannon", "Tomas Quill"}),
])
def test_people_named_in_apposition_to_a_group_speak(extract: Extract, text: str, members: set[str]) -> None:
    """ "Two team members, A and B, apologized": A and B, by name, not "Two team members"."""
    assert {label for label, _ in _claims(extract(text))} == members


def test_places_in_apposition_to_a_group_are_no_speakers(extract: Extract) -> None:
    """ "Several users, New York and San Francisco, said": no person named "New York"."""
    ex = extract(_RELEASE + "Several users, New York and San Francisco, said that Brisa-3 14B is slow.")
    assert not any(c.claimant.type == "Person" for c in ex.claims)


# --------------------------------------------------------------- denying one's own act

@pytest.mark.parametrize("text", [
    _RELEASE + "Harlow AI said that it has not copied any code from Corvid University.",
    _RELEASE + "Harlow AI clarified that it was not an attempt to hide where the model came from.",
    _RELEASE + "Harlow AI stated that it did not use any data from Corvid University.",
    _RELEASE + "In a filing, Harlow AI said it is not obliged to share its training data with rivals.",
    _RELEASE + "Harlow AI insisted that the company never trained on test sets.",
])
def test_saying_one_did_not_do_an_act_is_a_denial(extract: Extract, text: str) -> None:
    """ "X said that it has not copied ...": X denies."""
    assert ("Harlow AI", "denies") in _claims(extract(text))


@pytest.mark.parametrize("text", [
    _RELEASE + "Harlow AI said it has not yet decided when to release the weights.",
    _RELEASE + "Harlow AI said it did not comment on rumours about a larger model.",
    _RELEASE + "Harlow AI said it does not expect Brisa-3 14B to beat GPT-4o on every task.",
    _RELEASE + "Harlow AI said that Corvid University has not copied any code.",
])
def test_a_plan_a_silence_or_anothers_act_is_no_denial(extract: Extract, text: str) -> None:
    """Not deciding, not commenting, not expecting, or another party's act: no denial by the speaker."""
    assert ("Harlow AI", "denies") not in _claims(extract(text))


# --------------------------------------------------------------- an organisation's blog, data, benchmarks

@pytest.mark.parametrize("text", [
    _RELEASE + "“With 71.2 on MMLU, Brisa-3 14B is the best open model,” said the Harlow AI blog.",
    _RELEASE + "Harlow AI's evaluation data shows improved recall for Brisa-3 14B across long inputs.",
    _RELEASE + "Harlow AI's latest internal benchmarks suggest Brisa-3 14B outperforms GPT-4o.",
])
def test_an_organisations_own_blog_or_figures_speak_for_it(extract: Extract, text: str) -> None:
    """ "said the X blog", "X's evaluation data shows", "X's benchmarks suggest": X claims."""
    ex = extract(text)
    assert ("Harlow AI", "asserts") in _claims(ex)
    assert "Brisa-3 14B" in _about(ex, "Harlow AI")


def test_an_organisations_data_is_about_the_model_of_the_text(extract: Extract) -> None:
    """ "X's evaluation data shows fewer misses" names no model: it is about the one the text is about."""
    ex = extract("Harlow AI released Brisa-3 14B on Monday. All Brisa-3 14B versions read long files. "
                 "Harlow AI's evaluation data shows fewer misses on the longest files.")
    assert "Brisa-3 14B" in _about(ex, "Harlow AI")


@pytest.mark.parametrize("text", [
    _RELEASE + "Harlow AI wants to show that small models can be fast.",
    _RELEASE + "These results show that Brisa-3 14B is fast.",
])
def test_a_plural_verb_needs_a_speaker(extract: Extract, text: str) -> None:
    """ "wants to show", "these results show": no organisation's figures, no claim by it."""
    assert ("Harlow AI", "asserts") not in _claims(extract(text))


# --------------------------------------------------------------- beliefs, inverted negations, groups of a lab

@pytest.mark.parametrize(("text", "speaker"), [
    (_RELEASE + "Marta Okonjo believes that Quillfeather Labs is secretly training a larger model.", "Marta Okonjo"),
    (_RELEASE + "Researchers at Corvid University believe Brisa-3 14B was tuned on test answers.",
     "Corvid University"),
])
def test_a_stated_belief_is_a_claim(extract: Extract, text: str, speaker: str) -> None:
    """ "X believes that Y is secretly training Z": X's claim."""
    assert (speaker, "asserts") in _claims(extract(text))


def test_a_creed_about_nobody_is_no_claim(extract: Extract) -> None:
    """ "X believes trustworthy AI is a shared responsibility": a belief naming nobody is no claim."""
    ex = extract(_RELEASE + "Harlow AI believes trustworthy AI is a shared responsibility.")
    assert not ex.claims


def test_an_inverted_negation_makes_no_claim(extract: Extract) -> None:
    """ "Nor has X clarified what went wrong": X said nothing."""
    ex = extract("Marta Okonjo founded Harlow AI. Okonjo released Brisa-3 14B. Nor has Okonjo clarified what "
                 "went wrong with the scores.")
    assert not ex.claims


def test_a_team_from_a_lab_speaks_for_that_lab(extract: Extract) -> None:
    """ "The team from X said": X, not the organisation the text was about before."""
    ex = extract(_RELEASE + "The team from Corvid University said that Brisa-3 14B copies their model.")
    assert {label for label, _ in _claims(ex)} == {"Corvid University"}
