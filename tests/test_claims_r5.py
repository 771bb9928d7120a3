"""Specs for how news attributes statements (round 5): who speaks, and what their words deny.

Every name is made up (labs "Quillfeather Labs", "Harlow AI", "Corvid University", models
"Brisa-3 14B", people "Marta Okonjo", "Tomas Vell"); the sentences are written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.normalise import normalise
from ingest.records import Extraction

Extract = Callable[[str], Extraction]

_RELEASE = "Quillfeather Labs released Brisa-3 14B on Monday. "


def _claims(ex: Extraction) -> set[tuple[str, str]]:
    return {(c.claimant.label, c.stance) for c in ex.claims}


def _about(ex: Extraction, claimant: str) -> set[str]:
    return {a.label for c in ex.claims if c.claimant.label == claimant for a in c.about}


def _entities(ex: Extraction) -> set[tuple[str, str]]:
    return {(e.ref.label, e.ref.type) for e in ex.entities}


@pytest.mark.parametrize(("raw", "clean"), [("Brisa\u20113 14B", "Brisa-3 14B"),
                                            ("a 40\u2010billion\u2011parameter model", "a 40-billion-parameter model")])
def test_typographic_hyphens_are_plain_hyphens(raw: str, clean: str) -> None:
    """A non-breaking or typographic hyphen inside a name or a number reads as "-"."""
    assert normalise(raw + "\n").text.strip() == clean


def test_a_lower_case_name_the_text_calls_a_model(extract: Extract) -> None:
    """ "a reasoning model called r7": a short lower-case name with a digit is a model."""
    ex = extract("Researchers at Corvid University trained a small reasoning model called r7 last month.")
    assert ("r7", "Model") in _entities(ex)


@pytest.mark.parametrize("noun", ["pricing", "data", "figures"])
def test_a_name_that_modifies_a_source_of_figures_is_no_speaker(extract: Extract, noun: str) -> None:
    """ "according to Moss Cloud pricing": figures looked up, nobody speaks; no person either."""
    ex = extract(_RELEASE + f"Training Brisa-3 14B cost $900, according to Moss Cloud {noun}.")
    assert not [c for c in ex.claims if "Moss" in c.claimant.label]
    assert not [e for e in ex.entities if e.ref.type == "Person"]


@pytest.mark.parametrize("opening", ["", "On Friday, "])
def test_a_founders_company_is_the_subject(extract: Extract, opening: str) -> None:
    """ "Marta Okonjo's Harlow AI announced that ...": the company speaks (the possessor is no object)."""
    ex = extract(opening + "Marta Okonjo's Harlow AI announced that its model Brisa-3 14B is now open-source.")
    assert ("Harlow AI", "asserts") in _claims(ex)
    assert "Brisa-3 14B" in _about(ex, "Harlow AI")


@pytest.mark.parametrize(
    "text",
    [
        _RELEASE + "New measurements from Harlow AI researcher Tomas Vell reveal that Brisa-3 14B routes "
        "every token to two experts.",
        _RELEASE + "As Tomas Vell highlights, Brisa-3 14B was trained in under a day.",
    ],
)
def test_reveal_and_highlights_are_speech(extract: Extract, text: str) -> None:
    """ "findings from X reveal that", "as X highlights": X's claim."""
    ex = extract(text)
    assert ("Tomas Vell", "asserts") in _claims(ex)
    assert "Brisa-3 14B" in _about(ex, "Tomas Vell")


def test_per_a_source_opening_a_sentence(extract: Extract) -> None:
    """ "Per Harlow AI, ...": the source claims what follows."""
    ex = extract(_RELEASE + "Per Harlow AI, Brisa-3 14B was trained on synthetic data.")
    assert ("Harlow AI", "asserts") in _claims(ex)


def test_per_as_a_rate_is_no_cue(extract: Extract) -> None:
    """ "$3 per Harlow AI instance" is a price, not a source."""
    ex = extract(_RELEASE + "Brisa-3 14B costs $3 per Harlow AI instance.")
    assert ("Harlow AI", "asserts") not in _claims(ex)


@pytest.mark.parametrize("text", [
    _RELEASE + "Quillfeather Labs told users to update Brisa-3 14B at once.",
    _RELEASE + "The authors gave Brisa-3 14B a hint. They told it to think longer.",
])
def test_told_to_do_is_a_request_not_a_claim(extract: Extract, text: str) -> None:
    """ "told X to do Y" asks for something; it states nothing."""
    assert not extract(text).claims


def test_told_that_is_still_a_claim(extract: Extract) -> None:
    """ "told reporters that ..." states something."""
    ex = extract(_RELEASE + "Quillfeather Labs told reporters that Brisa-3 14B beats every open model.")
    assert ("Quillfeather Labs", "asserts") in _claims(ex)


def test_researchers_at_two_organisations_both_speak(extract: Extract) -> None:
    """ "Researchers at X and the Y said": both organisations claim; "the researchers" later are them."""
    ex = extract("Researchers at Harlow AI and the Corvid University said that they trained a reasoning model "
                 "called r7 for $40. According to the researchers, r7 matches much larger models.")
    claims = _claims(ex)
    assert {("Harlow AI", "asserts"), ("Corvid University", "asserts")} <= claims
    assert not [c for c in ex.claims if c.claimant.type == "UnnamedAgent"]
    assert "r7" in _about(ex, "Corvid University")


def test_a_report_published_in_an_outlet_and_the_person_it_quotes(extract: Extract) -> None:
    """ "As per a report published in X, Y informed Z that ...": the outlet and the person both claim."""
    ex = extract(_RELEASE + "As per a report published in The Ledgerline, Harlow AI engineer Tomas Vell "
                 "informed his managers that Brisa-3 14B was trained on outputs of Harlow AI's models.")
    claims = _claims(ex)
    assert ("Tomas Vell", "asserts") in claims
    assert any(who == "The Ledgerline" for who, _stance in claims)


def test_saying_the_alleged_act_did_not_happen_denies_it(extract: Extract) -> None:
    """After an allegation that X was trained on Y, "X is not trained on ..." is a denial."""
    ex = extract("Harlow AI alleged that Brisa-3 14B was trained on transcripts from Harlow AI's chatbot. "
                 "Quillfeather Labs spokesperson Marta Okonjo said “Brisa-3 14B is not trained on any of "
                 "those transcripts.”")
    assert ("Marta Okonjo", "denies") in _claims(ex)


def test_saying_something_negative_without_an_allegation_is_no_denial(extract: Extract) -> None:
    """A negation with no allegation before it stays an assertion."""
    ex = extract(_RELEASE + "Marta Okonjo said Brisa-3 14B is not trained on code.")
    assert ("Marta Okonjo", "asserts") in _claims(ex)


@pytest.mark.parametrize("verdict", ["“disappointing,”", "unjustified"])
def test_calling_a_decision_wrong_disputes_it(extract: Extract, verdict: str) -> None:
    """ "called the decision disappointing": the speaker takes issue with another party's act."""
    ex = extract("Harlow AI cut off Quillfeather Labs from its API. Tomas Vell, speaking for Quillfeather Labs, "
                 f"called the decision {verdict} and left.")
    assert ("Tomas Vell", "denies") in _claims(ex)


def test_a_quotation_closed_in_the_next_sentence_is_the_speakers(extract: Extract) -> None:
    """'X said: “A. B names Harlow AI.”': the second sentence of the quotation is X's too."""
    ex = extract(_RELEASE + "Tomas Vell, speaking for Quillfeather Labs, said: “Comparing models is normal. "
                 "Our API stays open to Harlow AI.”")
    assert "Harlow AI" in _about(ex, "Tomas Vell")


def test_a_statement_after_a_colon_is_what_was_said(extract: Extract) -> None:
    """ "X, a spokesperson for Y, stated:" then the statement: the claim is about what it names."""
    ex = extract("Marta Okonjo, a spokesperson for Quillfeather Labs, stated:\n"
                 "“Harlow AI used Brisa-3 14B to build its own model.”")
    assert {"Harlow AI", "Brisa-3 14B"} <= _about(ex, "Marta Okonjo")


def test_a_described_company_opening_the_sentence_claims(extract: Extract) -> None:
    """ "Danish tech giant X unveiled A, claiming ...": X claims."""
    ex = extract("Danish tech giant Harlow AI unveiled Brisa-3 14B on Tuesday, claiming it beats GPT-4o.")
    assert ("Harlow AI", "asserts") in _claims(ex)


def test_a_companys_unit_speaks_for_it(extract: Extract) -> None:
    """ "X's cloud unit asserted that ...": X claims."""
    ex = extract(_RELEASE + "Quillfeather Labs' cloud unit asserted that Brisa-3 14B outperforms GPT-4o.")
    assert ("Quillfeather Labs", "asserts") in _claims(ex)


def _doc(nlp, text: str, title: str, doc_type: str) -> Extraction:  # type: ignore[no-untyped-def]
    from ingest.pipeline import extract_document
    from ingest.records import Document

    return extract_document(Document(text=text, source="doc.md", title=title, doc_type=doc_type), nlp)


def test_code_intelligence_is_no_organisation(extract: Extract) -> None:
    """ "in Code Intelligence" names a field of work, not a lab."""
    ex = extract("Brisa-3 14B: Pushing the Limits of Open Models in Code Intelligence\n\nBrisa-3 14B is a code model.")
    assert "Code Intelligence" not in {e.ref.label for e in ex.entities}


def test_the_evaluation_a_text_quotes_is_its_makers_claim(extract: Extract) -> None:
    """ "... an excerpt from the official evaluation from X": X claims those numbers."""
    ex = extract("Harlow AI released Brisa-3 14B today. What follows is an excerpt from the official evaluation from "
                 "Harlow AI. Brisa-3 14B scores 71.2 on MMLU.")
    assert ("Harlow AI", "asserts") in _claims(ex)
    assert "Brisa-3 14B" in _about(ex, "Harlow AI")


_CODER_BODY = ("We present Harlow-Coder-2, a code model that achieves performance comparable to GPT-4o on code "
               "tasks. It reads long files, writes tests, explains stack traces and fixes small bugs. It was "
               "trained in two stages, first on general text and then on a large mix of source code in many "
               "languages. It answers in English and in several other languages. It runs on a single "
               "workstation GPU when quantized to four bits.\n\nHarlow AI trained it on 6 trillion tokens.\n")


def test_a_paper_titled_by_its_model_speaks_for_the_models_maker(nlp) -> None:  # type: ignore[no-untyped-def]
    """A report titled "Harlow-Coder-2: ..." presenting its model as "we" is the voice of the lab
    whose name the model carries, though its opening names no lab."""
    title = "Harlow-Coder-2: Open Code Models for Everyone"
    ex = _doc(nlp, title + "\n\n" + _CODER_BODY, title, "Paper")
    assert ("Harlow AI", "asserts") in _claims(ex)
    assert "GPT-4o" not in {r.subject.label for r in ex.relations if r.predicate == "developedBy"}


def test_a_paper_about_another_labs_model_is_not_its_makers_voice(nlp) -> None:  # type: ignore[no-untyped-def]
    """A paper whose title names no model does not speak for the maker of a model it presents."""
    title = "On Measuring Code Models"
    ex = _doc(nlp, title + "\n\n" + _CODER_BODY, title, "Paper")
    assert ("Harlow AI", "asserts") not in _claims(ex)


def test_a_cards_results_shown_of_the_model_are_its_makers_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "The scores show the model has significantly improved performance against X" in
    a card whose model's repository names its maker: the maker's claim about its model."""
    text = ("# Corra-Chat-v2\n\n"
            "This model is a chat model fine-tuned from mistralai/Mistral-7B-v0.1.\n\n"
            "| Model | Average |\n| --- | --- |\n| harlowai/Corra-Chat-v2 | 61.2 |\n| mistralai/Mistral-7B-v0.1 | 50.3 |\n\n"
            "The numbers above show that the model has significantly improved performance compared to Mistral-7B-v0.1.\n")
    ex = _doc(nlp, text, "Corra-Chat-v2", "ModelCard")
    assert ("harlowai", "asserts") in _claims(ex)
    assert "Corra-Chat-v2" in _about(ex, "harlowai")
