"""Specs for how news attributes statements (round 4): passives, venues, appositions, quotes.

Every name is made up (labs "Quillfeather Labs", "Harlow AI", models "Brisa-3 14B", people
"Marta Okonjo", "Tomas Vell"); the sentences are written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]

_RELEASE = "Quillfeather Labs released Brisa-3 14B on Monday. "


def _claims(ex: Extraction) -> list[tuple[str, str]]:
    return [(c.claimant.label, c.stance) for c in ex.claims]


def _about(ex: Extraction, claimant: str) -> set[str]:
    return {a.label for c in ex.claims if c.claimant.label == claimant for a in c.about}


@pytest.mark.parametrize(
    ("text", "claimant", "stance"),
    [
        (_RELEASE + "The benchmark table was disputed by a former Harlow AI engineer.",
         "a former Harlow AI engineer", "denies"),
        (_RELEASE + "Its coding score was questioned and then disputed by two researchers at Harlow AI.",
         "Harlow AI", "denies"),
    ],
)
def test_passive_with_someone_unnamed_as_agent(extract: Extract, text: str, claimant: str, stance: str) -> None:
    """ "disputed by a former engineer": a particular unnamed person makes the claim."""
    assert (claimant, stance) in _claims(extract(text))


def test_passive_with_a_generic_group_is_no_claim(extract: Extract) -> None:
    """ "reported by their developers" names nobody in particular."""
    ex = extract(_RELEASE + "Higher scores were reported by their developers.")
    assert not [c for c in ex.claims if c.claimant.type == "UnnamedAgent"]


@pytest.mark.parametrize(
    "text",
    [
        _RELEASE + "According to a post on X from Harlow AI, Brisa-3 14B copies its tokenizer.",
        _RELEASE + "According to a blog post on Medium by Harlow AI, Brisa-3 14B copies its tokenizer.",
    ],
)
def test_according_to_a_post_on_a_site_from_an_org(extract: Extract, text: str) -> None:
    """The organisation whose post it is makes the claim, wherever the post was made."""
    assert ("Harlow AI", "asserts") in _claims(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        _RELEASE + "Quillfeather Labs has said Brisa-3 14B tops every open model, a claim Harlow AI rejected.",
        _RELEASE + "Quillfeather Labs has said Brisa-3 14B tops every open model, an assertion that Harlow AI "
                   "disputed on Tuesday.",
    ],
)
def test_a_claim_that_someone_else_rejects(extract: Extract, text: str) -> None:
    """ "..., a claim X rejected": X's denial is a claim of its own, besides the first."""
    claims = _claims(extract(text))
    assert ("Harlow AI", "denies") in claims and ("Quillfeather Labs", "asserts") in claims


@pytest.mark.parametrize(
    "text",
    [
        "Brisa-3's co-lead, Marta Okonjo, denied that the model had seen the test questions.",
        "Marta Okonjo, a co-founder of Quillfeather Labs, on X denied that Brisa-3 had seen the test questions.",
        "Marta Okonjo, the head of research, in a statement denied that Brisa-3 had seen the test questions.",
    ],
)
def test_speaker_in_apposition_with_a_role_or_a_venue(extract: Extract, text: str) -> None:
    """A role naming the model ("Brisa-3's co-lead, X,") or where it was said ("on X") before the verb."""
    assert ("Marta Okonjo", "denies") in _claims(extract(text))


@pytest.mark.parametrize(
    "quote",
    [
        '"We think it is the fastest model we have shipped," said Marta Okonjo, who runs Quillfeather Labs.',
        '"This isn\'t a model for olympiad math," Marta Okonjo told reporters.',
        '"Our new model answers in half the time," Marta Okonjo wrote.',
    ],
)
def test_quote_of_a_lab_person_is_about_the_model_of_the_text(extract: Extract, quote: str) -> None:
    """A quotation that speaks of the model without naming it ("it", "our new model") is about it."""
    ex = extract(_RELEASE + quote)
    assert "Brisa-3 14B" in _about(ex, "Marta Okonjo")


def test_quote_about_something_else_gets_no_model(extract: Extract) -> None:
    """A quotation that does not speak of a model is not made about one."""
    ex = extract(_RELEASE + '"Hiring has been the hardest part," Marta Okonjo said.')
    assert "Brisa-3 14B" not in _about(ex, "Marta Okonjo")


def test_the_new_models_are_the_models_of_the_text(extract: Extract) -> None:
    """ "the new models" of an analyst's remark are the models the text is about."""
    ex = extract(_RELEASE + "Tomas Vell, an analyst, said the new models would cut prices for developers.")
    assert "Brisa-3 14B" in _about(ex, "Tomas Vell")


@pytest.mark.parametrize("cue", ["hinted", "hints"])
def test_a_hint_at_wrongdoing_asserts(extract: Extract, cue: str) -> None:
    """ "X hinted that the model is a copy" alleges it, as "suggested" would."""
    ex = extract(f"Tomas Vell {cue} that Brisa-3 14B is a thin copy of another lab's weights.")
    assert ("Tomas Vell", "asserts") in _claims(ex)


@pytest.mark.parametrize(
    "text",
    [
        "An Harlow AI employee accused Quillfeather Labs of hiding Brisa-3 14B's weaker scores.",
        "On Tuesday, two Mistral AI researchers said Quillfeather Labs had left their best result out of the chart.",
    ],
)
def test_staff_named_by_their_org_speak_for_it(extract: Extract, text: str) -> None:
    """ "an X employee", "X researchers": their organisation makes the claim too, besides them."""
    claimants = {c for c, _s in _claims(extract(text))}
    assert claimants & {"Harlow AI", "Mistral AI"} and any(c.startswith(("An ", "two")) for c in claimants)


def test_former_staff_speak_for_nobody(extract: Extract) -> None:
    """ "a former X engineer" has left: the claim stays theirs."""
    ex = extract("A former Harlow AI engineer said Brisa-3 14B was trained on leaked data.")
    assert "Harlow AI" not in {c for c, _s in _claims(ex)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Quillfeather Labs's blog post said Brisa-3 14B beats Harlow-2 on coding.",
        "Its blog post said Brisa-3 14B beats Harlow-2 on coding.",
        "The company's technical report said Brisa-3 14B beats Harlow-2 on coding.",
    ],
)
def test_a_statement_noun_of_two_words_speaks_for_its_owner(extract: Extract, sentence: str) -> None:
    """ "X's blog post said": the whole noun ("blog post") is the subject, and X its owner."""
    assert ("Quillfeather Labs", "asserts") in _claims(extract(_RELEASE + sentence))


def test_the_tested_model_is_the_model_of_the_text(extract: Extract) -> None:
    """ "the tested model" of a lab's note is the model the text is about."""
    ex = extract(_RELEASE + "Quillfeather Labs noted that the tested model had a bug that was later fixed.")
    assert "Brisa-3 14B" in _about(ex, "Quillfeather Labs")


@pytest.mark.parametrize(
    "text",
    [
        '"We are glad it is out," said Marta Okonjo of Quillfeather Labs. "Brisa-3 14B beats Harlow-2 on math."',
        '"We are glad it is out," Marta Okonjo said.\n\n"Brisa-3 14B beats Harlow-2 on math."',
    ],
)
def test_a_quotation_standing_alone_goes_on_with_the_last_speaker(extract: Extract, text: str) -> None:
    """ '"...," said X. "..."': the next quoted sentence is X's too, about what it names."""
    ex = extract(text)
    assert "Brisa-3 14B" in _about(ex, "Marta Okonjo")


def test_a_quotation_after_narration_is_nobodys(extract: Extract) -> None:
    """A quoted sentence after the reporter's own narration has no speaker to go on with."""
    ex = extract('Quillfeather Labs shipped Brisa-3 14B in May. "Brisa-3 14B beats Harlow-2 on math."')
    assert not ex.claims


def test_the_results_are_those_of_the_model_of_the_text(extract: Extract) -> None:
    """ "X confirmed the results were inflated": the results of the model the text is about."""
    ex = extract(_RELEASE + "Marta Okonjo later confirmed the results were inflated.")
    assert "Brisa-3 14B" in _about(ex, "Marta Okonjo")


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Harlow AI questioned the Brisa-3 14B figures.", "denies"),
        ("Harlow AI challenged the claim that Brisa-3 14B leads the leaderboard.", "denies"),
        ("Harlow AI contested the Brisa-3 14B results.", "denies"),
        ("Harlow AI slammed Brisa-3 14B as overhyped.", "asserts"),
    ],
)
def test_calling_a_figure_into_question_disputes_it(extract: Extract, sentence: str, stance: str) -> None:
    """ "questioned", "challenged", "contested" dispute; "slammed" asserts a criticism."""
    assert ("Harlow AI", stance) in _claims(extract(_RELEASE + sentence))
