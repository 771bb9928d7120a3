"""Specs for the claim rules (ingest/components/claims.py): short texts through the real pipeline.

Every name is made up (labs "Quillfeather Labs", "Harlow AI", a startup "Velvetine", models "Brisa-3 ...",
people "Marta Okonjo", "Tomas Vell", "Dana Whitlock"), so the rules must find claimants from how
news text attributes statements, not from the gazetteer. Each case is one behaviour: who the
claimant is, which stance, and what is not a claim at all. Cases the rules miss today are kept,
marked ``xfail(strict=True)`` with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from ingest.components.claims import find_claims, find_document_claims
from ingest.lexicon import read_claim_cues
from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _claims(ex: Extraction) -> list[tuple[str, str, str]]:
    return [(c.claimant.label, c.claimant.type, c.stance) for c in ex.claims]


def _document_claims(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    """Claims read with the whole document as context (:func:`find_document_claims`)."""
    doc = nlp(text)
    return [(c.claimant.label, c.claimant.type, c.stance)
            for c in find_document_claims(doc._.llmkg_templates)]


def _miss(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# --------------------------------------------------------------------------- who is the claimant


@pytest.mark.parametrize(
    ("text", "claimant", "ctype", "stance"),
    [
        # the speech verb after a quotation, the speaker after it
        ('"It is the best model we have built," said Marta Okonjo, chief scientist at '
         "Quillfeather Labs.", "Marta Okonjo", "Person", "asserts"),
        ('"We never trained on test data," Marta Okonjo told reporters.', "Marta Okonjo",
         "Person", "asserts"),
        ("Brisa-3 14B scores 71.2 on GlimmerQA, Quillfeather Labs said.", "Quillfeather Labs",
         "Organization", "asserts"),
        # a name in apposition to a role that opens the sentence
        ("Quillfeather Labs' chief executive, Marta Okonjo, said the company would open the "
         "weights.", "Marta Okonjo", "Person", "asserts"),
        # a company in apposition to a description of itself
        ("The developer of Brisa-3 14B, Quillfeather Labs, said the model was trained on public "
         "data.", "Quillfeather Labs", "Organization", "asserts"),
        # a spokesperson with no name speaks for the organisation
        ("A Quillfeather Labs spokesperson said the model was trained on licensed data.",
         "Quillfeather Labs", "Organization", "asserts"),
        ("A spokesperson for Quillfeather Labs rejected the allegations.", "Quillfeather Labs",
         "Organization", "denies"),
        # what stands between a subject and its verb
        ("Quillfeather Labs on Tuesday denied that Brisa-3 14B had been trained on GlimmerQA.",
         "Quillfeather Labs", "Organization", "denies"),
        ("Quillfeather Labs has repeatedly said that Brisa-3 14B was trained only on public data.",
         "Quillfeather Labs", "Organization", "asserts"),
        ("Quillfeather Labs, which released Brisa-3 14B last month, said it would publish the "
         "training data.", "Quillfeather Labs", "Organization", "asserts"),
        ("Velvetine, the startup behind the Corra models, said its new model outperforms "
         "Brisa-3 14B.", "Velvetine", "Organization", "asserts"),
        # unnamed agents, with what qualifies them
        ("An engineer at Quillfeather Labs, who asked not to be named, said the team had known "
         "about the overlap for weeks.", "An engineer at Quillfeather Labs", "UnnamedAgent",
         "asserts"),
        ("People familiar with the plans said Brisa-4 would be distilled from a larger internal "
         "model.", "People familiar with the plans", "UnnamedAgent", "asserts"),
        ("Two employees, speaking on condition of anonymity, said the launch date was moved "
         "twice.", "Two employees", "UnnamedAgent", "asserts"),
        ('"It was rushed," one engineer said.', "one engineer", "UnnamedAgent", "asserts"),
        ("Brisa-4 will be distilled from a larger model, according to two former employees.",
         "two former employees", "UnnamedAgent", "asserts"),
        # a possessive organisation in front of a name is the person's affiliation
        ("Harlow AI's Marta Okonjo said the model was ready.", "Marta Okonjo", "Person",
         "asserts"),
        ("Officials at Quillfeather Labs said the model had passed its safety review.",
         "Officials at Quillfeather Labs", "UnnamedAgent", "asserts"),
        ('"We have no plans to close the weights," said one person with knowledge of the matter.',
         "one person with knowledge of the matter", "UnnamedAgent", "asserts"),
        ("A blog post from Quillfeather Labs said Brisa-3 14B was trained on 9 trillion tokens.",
         "Quillfeather Labs", "Organization", "asserts"),
        # the person who answers, not the employer named in the apposition before "who"
        ("The rumour drew a reply from Tomas Vell, head of research at Quillfeather Labs, who "
         "denied the allegations.", "Tomas Vell", "Person", "denies"),
        # a name in apposition to an unnamed description is the speaker
        ("A longtime tester, Dana Whitlock, pointed out last year that Brisa-3 14B "
         "repeats GlimmerQA answers.", "Dana Whitlock", "Person", "asserts"),
        ("One of the testers, Dana Whitlock, had already noted the overlap with GlimmerQA.",
         "Dana Whitlock", "Person", "asserts"),
        # a passive cue: the agent after "by"
        ("Our rerun disagrees with the 71.2 reported by Quillfeather Labs for Brisa-3 14B.",
         "Quillfeather Labs", "Organization", "asserts"),
        ("The overlap, first posted on a forum by Dana Whitlock, was confirmed by testers.",
         "Dana Whitlock", "Person", "asserts"),
        # the team behind a model line speaks as an organisation
        ("The Brisa-3 team said the model was trained on 9 trillion tokens.", "Brisa-3 team",
         "Organization", "asserts"),
        ("Our rerun stays under the 44.0 GlimmerQA score reported by the Brisa-3 team.", "Brisa-3 team",
         "Organization", "asserts"),
        # an organisation in apposition to a description of it
        ("Quillfeather Labs' robotics unit, Tern Lab, denied that Brisa-3 14B copied "
         "Corra-2 7B.", "Tern Lab", "Organization", "denies"),
        # a claim noun's owner makes the claim
        ("Harlow AI's accusation that Quillfeather Labs copied Corra-2 7B drew a sharp reply.",
         "Harlow AI", "Organization", "asserts"),
        ("The claim by Harlow AI that Brisa-3 14B copied Corra-2 7B spread quickly.", "Harlow AI",
         "Organization", "asserts"),
        ("Marta Okonjo's prediction that Brisa-4 would slip to 2027 proved right.", "Marta Okonjo",
         "Person", "speculates"),
        # "the company" is the organisation that opened an earlier clause of the sentence
        ("After Harlow AI shipped Corra-2 7B, the company said the model matched Brisa-3 14B.",
         "Harlow AI", "Organization", "asserts"),
        # a statement an organisation puts out
        ("Quillfeather Labs issued a statement saying that Brisa-4 was trained on public data.",
         "Quillfeather Labs", "Organization", "asserts"),
        # the source of shared figures, in a passive
        ("The benchmark numbers shared by Quillfeather Labs show Brisa-4 ahead of Corra-2 7B.",
         "Quillfeather Labs", "Organization", "asserts"),
        # an organisation's researchers speak for it
        ("Quillfeather Labs' researchers noted that Brisa-4 was trained on public data.",
         "Quillfeather Labs", "Organization", "asserts"),
        # an apology admits
        ("Dana Whitlock apologized for the Brisa-4 benchmark mix-up on Monday.", "Dana Whitlock",
         "Person", "acknowledges"),
    ],
)
def test_claim_rules_claimant(extract: Extract, text: str, claimant: str, ctype: str,
                              stance: str) -> None:
    assert _claims(extract(text)) == [(claimant, ctype, stance)]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a surname after the first mention is the same person
        ("Marta Okonjo, Quillfeather Labs' chief executive, said Brisa-4 was on track. Okonjo "
         "also said the company would keep releasing open weights.", "Marta Okonjo"),
        # "she" is the last speaker
        ("Dana Whitlock posted her own benchmark results last week. She said Brisa-3 14B was "
         "weaker than advertised.", "Dana Whitlock"),
    ],
)
def test_claim_rules_claimant_named_again(extract: Extract, text: str, claimant: str) -> None:
    assert {label for label, _type, _stance in _claims(extract(text))} == {claimant}


# --------------------------------------------------------------------------- stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Quillfeather Labs conceded that Brisa-3 14B had seen some GlimmerQA questions during "
         "training.", "acknowledges"),
        ("Quillfeather Labs admitted that the launch was rushed.", "acknowledges"),
        ("Tomas Vell, a spokesperson for Quillfeather Labs, called the claims baseless.", "denies"),
        # calling a report false is denying it, whatever the verb
        ("A Quillfeather Labs spokesperson said the report was inaccurate.", "denies"),
        # one agent says and denies: the denial is the claim
        ("Tomas Vell said the report was incomplete and denied that Brisa-4 had been delayed.",
         "denies"),
        ("Dana Whitlock, an independent researcher, disputed the benchmark figures, saying the "
         "evaluation harness was misconfigured.", "denies"),
        # an analyst's hedged forecast is speculation
        ("An analyst at Vellum Partners said the delay could cost Quillfeather Labs its lead.",
         "speculates"),
        ("Marta Okonjo, chief executive of Quillfeather Labs, predicted that open models would "
         "catch up within a year.", "speculates"),
        ("Quillfeather Labs pushed back on the report, saying the model had never seen the test "
         "set.", "denies"),
        # "May" the month and "could not" are no hedges; a failed reproduction disputes the number
        ("Quillfeather Labs said Brisa-3 14B was released in May.", "asserts"),
        ("Dana Whitlock said she could not reproduce the GlimmerQA score.", "denies"),
        ("Dana Whitlock said the score might be inflated.", "speculates"),
        # the speaker after the clause: what was said is the clause before
        ("Brisa-4 could arrive in June, Quillfeather Labs said in a statement.", "speculates"),
        # an outlet passing on news reports it
        ("Several tech newsletters reported that Brisa-4 had been delayed to the autumn.",
         "reports"),
        # defending what one is accused of, pushing back: a denial
        ("Tomas Vell, who helped start Quillfeather Labs, defended the lab's test setup.", "denies"),
        ("Quillfeather Labs pushed back, saying Brisa-3 14B had never seen the test set.",
         "denies"),
        # evidence held against another party's figure disputes it
        ("Dana Whitlock measured 31% for Brisa-3 14B on GlimmerQA, far from the 48% figure "
         "Quillfeather Labs announced.", "denies"),
        ("Dana Whitlock measured 31% on GlimmerQA, under Quillfeather Labs' advertised score.",
         "denies"),
        # ... or a person's claims
        ("Velvetine Labs said its evaluation of Brisa-3 14B gave results far lower than Marta "
         "Okonjo's claims.", "denies"),
        ("Independent testers found that Brisa-4 scored lower than Quillfeather Labs claimed.",
         "denies"),
        ("Independent testers found that Brisa-4 scored lower than expected.", "asserts"),
        # what answers an accusation defends against it
        ("In response to these doubts, Quillfeather Labs said Brisa-4 was trained from scratch.",
         "denies"),
        # ... but a comparison with another model is no dispute
        ("Dana Whitlock measured 31% for Brisa-3 14B on GlimmerQA, under the score of Corra-2 7B.",
         "asserts"),
        # "could" of what a model was able to do is no hedge; of what may happen, it is
        ("Quillfeather Labs said Brisa-3 14B could solve half of the GlimmerQA tasks.", "asserts"),
        ("Quillfeather Labs said Brisa-4 could slip to next year.", "speculates"),
    ],
)
def test_claim_rules_stance(extract: Extract, text: str, stance: str) -> None:
    assert [s for _label, _type, s in _claims(extract(text))] == [stance]


def test_claim_rules_quotation_keeps_the_speakers_stance(extract: Extract) -> None:
    """A quotation that goes on with what the speaker was reported to deny is a denial too."""
    text = ('Tomas Vell denied that Brisa-3 14B was trained on test data. "We would never do '
            'that," he said.')
    assert _claims(extract(text)) == [("Tomas Vell", "Person", "denies")] * 2


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Brisa-3 14B scores 71.2 on GlimmerQA, Quillfeather Labs said.",
         "Brisa-3 14B scores 71.2 on GlimmerQA"),
        ('"We tested it for months," Marta Okonjo said on Tuesday.', "We tested it for months"),
        ("Quillfeather Labs pushes back on Brisa-3 cheating allegations",
         "on Brisa-3 cheating allegations"),
    ],
)
def test_claim_rules_claim_content(extract: Extract, text: str, content: str) -> None:
    """What was said: the clause after the cue, or the one before a trailing speaker."""
    [claim] = extract(text).claims
    assert claim.content == content


def test_claim_rules_hedged_quotation_is_speculation(extract: Extract) -> None:
    text = ('Dana Whitlock said the lawsuit was serious. "It could delay Brisa-4 by a year," '
            "she said.")
    assert _claims(extract(text))[-1] == ("Dana Whitlock", "Person", "speculates")


# --------------------------------------------------------------------------- how many claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two clauses, two agents
        ("Some users speculated that Brisa-3 14B was a fine-tune of Wren-2 Large, and several "
         "tech newsletters relayed the theory.",
         {("Some users", "speculates"), ("several tech newsletters", "reports")}),
        # two joined subjects of one verb
        ("Marta Okonjo and Tomas Vell of Quillfeather Labs wrote that Brisa-3 14B was trained on "
         "9 trillion tokens.", {("Marta Okonjo", "asserts"), ("Tomas Vell", "asserts")}),
        # a verb joined by "and" or "but" to a clause whose subject spoke
        ("Quillfeather Labs trained Brisa-3 14B on 9 trillion tokens and says it will release the "
         "weights next week.", {("Quillfeather Labs", "asserts")}),
        ("Marta Okonjo declined to say how many GPUs were used, but said the run took four "
         "months.", {("Marta Okonjo", "asserts")}),
        # what someone says another said is one claim: the speaker's
        ("Tomas Vell said Quillfeather Labs had told customers to expect Brisa-4 in March.",
         {("Tomas Vell", "asserts")}),
        # the sources a report cites make their own claim
        ("Brisa-4 is being trained on 20,000 GPUs, Several tech newsletters reported, citing "
         "three people familiar with the project.",
         {("Several tech newsletters", "reports"), ("three people familiar with the project",
                                                   "asserts")}),
    ],
)
def test_claim_rules_claims_in_one_sentence(extract: Extract, text: str,
                                            expected: set[tuple[str, str]]) -> None:
    assert {(label, stance) for label, _type, stance in _claims(extract(text))} == expected


@pytest.mark.parametrize(
    "text",
    [
        # a court or a filing is not a speaker
        "The lawsuit, filed in the Northern District Court, alleges that Quillfeather Labs "
        "copied the books.",
        # negated, declined, infinitive: nothing is said
        "Marta Okonjo did not say when Brisa-4 would be released.",
        "A spokesperson for Quillfeather Labs declined to comment.",
        "Quillfeather Labs has not confirmed the size of Brisa-4.",
        # a model "writes"; a release is "announced": events, not speech
        "Brisa-3 14B writes fluent prose but struggles with arithmetic.",
        "Quillfeather Labs announced Brisa-3 14B on Monday.",
        # a headline or teaser with a bare plural is nobody in particular
        "Researchers say Brisa-3 14B memorised the test set",
        # a name that is the object of a preposition does not say what follows
        "Subscribe to the Quillfeather Labs newsletter for release notes",
        # passives that are not speech, and an agent that names nobody
        "The Brisa-3 14B weights are maintained by Quillfeather Labs.",
        "Table 2 lists the parameter counts reported by their developers.",
        # a claim noun without an owner, or an owner without what is claimed
        "The claim spread quickly on forums about Brisa-3 14B.",
        "Harlow AI's claim department reviewed Brisa-3 14B.",
    ],
)
def test_claim_rules_no_claim(extract: Extract, text: str) -> None:
    assert _claims(extract(text)) == []


# --------------------------------------------------------------------------- document context


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the company" is the organisation the text is about
        ("Quillfeather Labs released Brisa-3 14B on Monday. The company said the model beats "
         "Wren-2 Large on GlimmerQA.", [("Quillfeather Labs", "Organization", "asserts")]),
        ("Quillfeather Labs released Brisa-3 14B on Monday. The model was trained on 9 trillion "
         "tokens, the company said.", [("Quillfeather Labs", "Organization", "asserts")]),
        # "its report" is the report of the organisation that opened the sentence before
        ("Quillfeather Labs published Brisa-3 14B in May. Its technical report acknowledges that "
         "the model struggles with long documents.",
         [("Quillfeather Labs", "Organization", "acknowledges")]),
        # "the Lisbon developer" in a subheading is the company of the headline
        ("Harlow AI sued over Corra-2 7B training data\n\nThe Lisbon AI developer denies using "
         "pirated books", [("Harlow AI", "Organization", "denies")]),
        # "she" is the person the text has just been about, even if she made no claim yet
        ("Dana Whitlock ran her own tests of Brisa-3 14B last week. She said the model was "
         "weaker than advertised.", [("Dana Whitlock", "Person", "asserts")]),
        # "the X-maker" is the organisation the text is about
        ("Velvetine Labs released Corra-2 7B. The Corra-maker has rejected the accusation that it copied "
         "Brisa-3 14B.", [("Velvetine Labs", "Organization", "denies")]),
        # "it" as the subject of a saying verb is the organisation the text is about
        ("Quillfeather Labs released Brisa-4 last week. It clarified that Brisa-4 was trained from "
         "scratch.", [("Quillfeather Labs", "Organization", "asserts")]),
        # "the outlet" is the organisation that just reported
        ("Velvetine Labs accused Quillfeather Labs of copying Corra-2 7B. According to a report by "
         "Harlow AI, the weights matched. The outlet said the tensors were renamed.",
         [("Velvetine Labs", "Organization", "asserts"), ("Harlow AI", "Organization", "asserts"),
          ("Harlow AI", "Organization", "asserts")]),
        # ... and nobody when no organisation reported
        ("Velvetine Labs accused Quillfeather Labs of copying Corra-2 7B. The outlet said the tensors "
         "were renamed.", [("Velvetine Labs", "Organization", "asserts"),
                           ("The outlet", "UnnamedAgent", "asserts")]),
        # the company a spokesperson speaks for is "the company" of the next sentence
        ("Tomas Vell, a spokesperson for Harlow AI, denied the report. The company says Corra-2 7B "
         "beats Brisa-3 14B on GlimmerQA.",
         [("Tomas Vell", "Person", "denies"), ("Harlow AI", "Organization", "asserts")]),
    ],
)
def test_claim_rules_document_context(nlp: Language, text: str,
                                      expected: list[tuple[str, str, str]]) -> None:
    assert _document_claims(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # "the model" of a claim that names none is the model the text is about
        ("Harlow AI released Corra-2 7B on Monday. According to the company's blog, the model was "
         "trained in six weeks.", "Corra-2 7B"),
        # "the model" is the model the text is about even beside another name
        ("Quillfeather Labs released Brisa-4 in May. It beats Corra-2 7B on GlimmerQA. Quillfeather "
         "Labs clarified that the model was trained from scratch, unlike Corra-2 7B.", "Brisa-4"),
        # "its model" of a lab is the model the text is about
        ("Quillfeather Labs released Brisa-4 on Monday. The lab says its model beats Corra-2 7B.", "Brisa-4"),
        # "the company's" in what is said is the organisation the text is about
        ("Quillfeather Labs faced questions about its test data. Tomas Vell, a director at "
         "Velvetine Labs, defended the company's methods.", "Quillfeather Labs"),
    ],
)
def test_claim_rules_about_without_a_name(extract: Extract, text: str, about: str) -> None:
    assert about in {a.label for c in extract(text).claims for a in c.about}


def test_claim_rules_sentence_reader_uses_the_previous_claim(nlp: Language) -> None:
    """:func:`find_claims` alone knows only the previous claim: "the company" is its claimant
    (and saying it had never done the act is a denial)."""
    doc = nlp("Quillfeather Labs denied the allegations. The company said it had never trained "
              "on test data.")
    first, second = doc._.llmkg_templates
    [denial] = find_claims(first, None, ())
    [claim] = find_claims(second, denial, ())
    assert (claim.claimant.label, claim.stance) == ("Quillfeather Labs", "denies")


def test_claim_rules_unnamed_agent_met_again(nlp: Language) -> None:
    """ "The same person" is the unnamed agent already met, not a new one."""
    text = ("A former Velvetine engineer alleged that Corra-2 7B was trained on test data. The "
            "same person said the team had been warned.")
    claims = _document_claims(nlp, text)
    assert [c[0] for c in claims] == ["A former Velvetine engineer"] * 2


@pytest.mark.parametrize(
    "text",
    [
        "Quillfeather Labs says Brisa-3 14B is the strongest open model, a claim that "
        "independent testers dispute.",
    ],
)
def test_claim_rules_second_agent_of_an_apposed_claim(extract: Extract, text: str) -> None:
    """ "..., a claim that testers dispute": the testers make a claim of their own."""
    assert len(_claims(extract(text))) == 2


# --------------------------------------------------------------------------- the cue lexicon


def test_claim_rules_cue_lexicon_rejects_a_malformed_line(tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    good.write_text("# a comment\n\nsaid\tasserts\tbefore\nAccording  to\tasserts\tafter\n", encoding="utf-8")
    assert read_claim_cues(good) == (("said", "asserts", "before"), ("according to", "asserts", "after"))
    for line in ("said\tasserts", "said\tshouts\tbefore", "said\tasserts\tsomewhere"):
        bad = tmp_path / "bad.tsv"
        bad.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(ValueError, match="bad.tsv:1"):
            read_claim_cues(bad)


@pytest.mark.parametrize(
    ("cue", "stance"),
    [(cue, stance) for cue, stance, agent in read_claim_cues() if agent == "before" and cue.endswith("ed")],
)
def test_claim_rules_every_past_tense_cue_of_the_lexicon_is_read(extract: Extract, cue: str,
                                                                  stance: str) -> None:
    """Each past-tense cue of the bundled lexicon makes a claim in the plainest sentence."""
    text = f"Quillfeather Labs {cue} that Brisa-3 14B was trained on public data."
    assert [(c.claimant.label, c.stance) for c in extract(text).claims] == [("Quillfeather Labs", stance)]


# --------------------------------------------------------------------------- more agents and about


def test_claim_rules_absolute_construction_speaker(extract: Extract) -> None:
    """ "with X condemning ...": X makes the claim."""
    text = ("The leak spread fast, with Harlow AI engineer Dana Whitlock condemning Quillfeather Labs "
            "for training on test data.")
    assert _claims(extract(text)) == [("Dana Whitlock", "Person", "asserts")]


def test_claim_rules_speaker_behind_a_markdown_link(extract: Extract) -> None:
    text = "[Quillfeather Labs](https://example.org/labs) reports that Brisa-3 14B scores 71.2 on GlimmerQA."
    assert _claims(extract(text)) == [("Quillfeather Labs", "Organization", "asserts")]


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # a claim that names nothing else is about its organisation
        ("Quillfeather Labs says it leads in multilingual reasoning.", {"Quillfeather Labs"}),
        # results someone reports, spelled out by the next sentence of the paragraph
        ("Velvetine Labs reports its own evaluation results for legal drafting. Brisa-3 14B comes "
         "first there, ahead of Corra-2 7B.", {"Brisa-3 14B", "Corra-2 7B"}),
    ],
)
def test_claim_rules_about_the_claimant_or_the_next_sentence(extract: Extract, text: str,
                                                             about: set[str]) -> None:
    [claim] = extract(text).claims
    assert {a.label for a in claim.about} == about


def test_claim_rules_organisation_claim_is_about_the_title_model(nlp: Language) -> None:
    """An organisation's claim that names nothing else is about the model the title names."""
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    text = ("Brisa-4: Quillfeather Labs' open mixture-of-experts\n\nBrisa-4 has 16 experts. Quillfeather "
            "Labs argues that finer experts improve specialisation.")
    document = Document(text=text, source="post.txt", title="Brisa-4: Quillfeather Labs' open mixture-of-experts")
    [claim] = doc_to_extraction(nlp(text), document).claims
    assert {a.label for a in claim.about} == {"Quillfeather Labs", "Brisa-4"}


def test_claim_rules_rival_claim_is_not_about_the_title_model(nlp: Language) -> None:
    """A rival named in the title beside the model's lab does not speak of the model."""
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    title = "Quillfeather Labs ships Brisa-4 to rival Harlow AI"
    text = f"{title}\n\nBrisa-4 has 16 experts. Harlow AI said it would delay its own release."
    [claim] = doc_to_extraction(nlp(text), Document(text=text, source="post.txt", title=title)).claims
    assert {a.label for a in claim.about} == {"Harlow AI"}


def test_claim_rules_compared_models_are_not_the_topic(extract: Extract) -> None:
    """ "the model" is the model the text is about, not one it was compared with in a list."""
    text = ("Harlow AI released Corra-2 7B on Monday. It beats Brisa-3 14B and Velvetine's older "
            "model Wren-2 Large on GlimmerQA. According to Harlow AI, the model was trained in six "
            "weeks.")
    [claim] = [c for c in extract(text).claims if c.evidence.rule == "according-to"]
    assert [a.label for a in claim.about if a.type == "Model"] == ["Corra-2 7B"]


# --------------------------------------------------------------------------- a lab's own voice


def _vendor_claims(nlp: Language, text: str, doc_type: str = "BlogPost",
                   **metadata: object) -> list[tuple[str, str, tuple[str, ...]]]:
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    document = Document(text=text, source="post.md", doc_type=doc_type, metadata=dict(metadata))
    ex = doc_to_extraction(nlp(text), document)
    return [(c.claimant.label, c.stance, tuple(a.label for a in c.about)) for c in ex.claims
            if c.evidence.rule == "vendor-claim"]


@pytest.mark.parametrize(
    ("text", "doc_type", "metadata", "expected"),
    [
        # "we" in a lab's post: the lab claims
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we are releasing Brisa-4, our new open model. In our tests, "
         "Brisa-4 outperforms Corra-2 7B on GlimmerQA.", "BlogPost", {"author": "Quillfeather Labs"},
         [("Quillfeather Labs", "asserts", ("Brisa-4", "Corra-2 7B"))]),
        ("Quillfeather Labs presents Brisa-4\n\nWe introduce Brisa-4, a 14B model. We find that our "
         "model matches Corra-2 7B on GlimmerQA.", "Paper", {},
         [("Quillfeather Labs", "asserts", ("Brisa-4", "Corra-2 7B"))]),
        # a card that says who made it speaks for its maker
        ("# Brisa-4\n\n- **Developed by:** Quillfeather\n\nIn our tests Brisa-4 is the top-performing "
         "14B model on GlimmerQA.", "BlogPost", {}, [("Quillfeather", "asserts", ("Brisa-4",))]),
        # the organisation that presents its work in the opening, beside a partner
        ("Quillfeather Labs introduces Brisa-4. In partnership with Harlow AI, we build its data. We find "
         "that our small model, Brisa-4, outperforms Corra-2 7B on GlimmerQA.",
         "Paper", {}, [("Quillfeather Labs", "asserts", ("Brisa-4", "Corra-2 7B"))]),
        # a weakness a lab admits
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we are releasing Brisa-4, our new open "
         "model. We know Brisa-4 still lags behind Corra-2 7B on long documents.", "BlogPost",
         {"author": "Quillfeather Labs"}, [("Quillfeather Labs", "acknowledges", ("Brisa-4", "Corra-2 7B"))]),
        # "our models", no name: the model the text is about
        ("Brisa-4: open chat models\n\nQuillfeather Labs\n\nIn this work we develop and release Brisa-4, "
         "a set of base and chat models. Our chat models outperform other open chat models on most of "
         "the tasks we tried.", "Paper", {}, [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we are releasing Brisa-4. In our view "
         "they are the best open models anyone has shipped at this size.", "BlogPost", {"author": "Quillfeather Labs"},
         [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        # a report titled by its model: the model as the subject of the cue is its authors' word
        ("Brisa-4 Technical Report\n\nQuillfeather Labs\n\nWe release Brisa-4 in two sizes. Brisa-4 "
         "outperforms open models of a similar size on twelve of twenty tasks.", "Paper", {},
         [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        # a card that says who made it, in the third person
        ("# Brisa-4\n\n- **Developed by:** Quillfeather\n\nAt release, Brisa-4 is the top-performing "
         "14B base model on GlimmerQA.", "BlogPost", {}, [("Quillfeather", "asserts", ("Brisa-4",))]),
        # "its" of the model a lab's post is about: a quality it claims
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we release Brisa-4, a 12B model. Its coding "
         "accuracy is state-of-the-art in its size category.", "BlogPost", {"author": "Quillfeather Labs"},
         [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        ("Brisa-4\n\nBrisa-4: our new best small model, by Quillfeather Labs.\n\nWe release Brisa-4 today.",
         "BlogPost", {"author": "Quillfeather Labs"}, [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        # one line of affiliations: the first lab leads the work
        ("Brisa-4: open mixture models\n\nQuillfeather Labs; Harlow AI; Aldermoor University\n\nWe "
         "introduce Brisa-4. Our models outperform all open models with as many active parameters.",
         "Paper", {}, [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        # the byline's lab, not the team beside it nor an organisation only the title names
        ("Brisa-4: Open Models Built on Tovey Research\n\nBrisa Team, Quillfeather Labs\n\nWe release "
         "Brisa-4 in two sizes. Brisa-4 outperforms open models of a similar size on most tasks.", "Paper", {},
         [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
    ],
)
def test_claim_rules_vendor_voice(nlp: Language, text: str, doc_type: str,
                                  metadata: dict[str, object],
                                  expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    assert _vendor_claims(nlp, text, doc_type, **metadata) == expected


@pytest.mark.parametrize(
    ("text", "metadata"),
    [
        # a reporter's article: nobody speaks as "we" for the lab
        ("Quillfeather Labs released Brisa-4 on Monday. Brisa-4 outperforms Corra-2 7B on "
         "GlimmerQA.", {}),
        # the lab's own post in the third person: not read as its claim (see _vendor_claims)
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we are releasing Brisa-4, our new open "
         "model. Brisa-4 outperforms Corra-2 7B on GlimmerQA.", {"author": "Quillfeather Labs"}),
        # a quoted user, a block quote: someone else's voice
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we are releasing Brisa-4, our new open model.\n\n"
         "> Brisa-4 beats Corra-2 7B in every test I ran.", {"author": "Quillfeather Labs"}),
        # a competitor's model that outperforms: not the lab's own
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we are releasing Brisa-4, our new open model. Corra-2 7B "
         "still outperforms it on long documents.", {"author": "Quillfeather Labs"}),
        # "it" in a post that wins over a rival by points reports the post's table
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we release Brisa-4. On GlimmerQA it beats "
         "Corra-2 7B by seven points.", {"author": "Quillfeather Labs"}),
        # "it" of a line that lists its models before the cue; "we show" of a method, not a model
        ("Introducing Brisa-4, by Quillfeather Labs\n\nToday we release Brisa-4. It launches with two models: "
         "Brisa-4 Mini and Brisa-4 Max, the strongest we have made.", {"author": "Quillfeather Labs"}),
        ("Brisa-4 Technical Report\n\nQuillfeather Labs\n\nWe release Brisa-4. Third, we show that staged "
         "distillation beats direct distillation at every size.", {}),
        # a bundle of abstracts speaks for no one lab: the first abstract's lab is not the second's
        ("Title: Brisa-4\n\nAbstract: Quillfeather Labs introduces Brisa-4, a small model.\n\nTitle: Tovey-5\n\n"
         "Abstract: We introduce Tovey-5. Our model outperforms every open model of its size.", {}),
        # an organisation the opening names as an example does not speak for the text
        ("Brisa-4 report\n\nOpen models such as Corra-2 7B and those of Harlow AI have spread. We introduce "
         "Brisa-4. Experiments show that our model outperforms popular 7B models.", {}),
    ],
)
def test_claim_rules_no_vendor_claim(nlp: Language, text: str, metadata: dict[str, object]) -> None:
    assert _vendor_claims(nlp, text, **metadata) == []


def _vendor_findings(nlp: Language, text: str, **metadata: object) -> list[tuple[str, str, tuple[str, ...]]]:
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    document = Document(text=text, source="post.md", doc_type="BlogPost", metadata=dict(metadata))
    ex = doc_to_extraction(nlp(text), document)
    return [(c.claimant.label, c.stance, tuple(a.label for a in c.about)) for c in ex.claims
            if c.evidence.rule == "vendor-finding"]


def test_claim_rules_an_evaluators_finding_about_any_model(nlp: Language) -> None:
    """An organisation writing as "we" (its author in the metadata, "Harlow AI Org" for Harlow AI)
    claims what it finds about any model, its own or not."""
    text = ("Harlow AI runs a public leaderboard. This month we added Brisa-4 from Quillfeather Labs. "
            "In short, we find that the current Brisa-4 version has weak multilingual skills.")
    assert _vendor_findings(nlp, text, author="Harlow AI Org") == [("Harlow AI", "asserts", ("Brisa-4",))]


def test_claim_rules_no_finding_without_the_organisations_voice(nlp: Language) -> None:
    text = ("Harlow AI runs a public leaderboard. In short, we find that the current Brisa-4 version "
            "has weak multilingual skills.")
    assert _vendor_findings(nlp, text) == []


def test_claim_rules_quality_lexicon_rejects_a_malformed_line(tmp_path: Path) -> None:
    from ingest.components.claims import read_quality_cues

    bad = tmp_path / "quality.tsv"
    bad.write_text("# cues\nbeats\tdenies\n", encoding="utf-8")
    with pytest.raises(ValueError, match="quality.tsv:2"):
        read_quality_cues(bad)


# --------------------------------------------------------------------------- releases


@pytest.mark.parametrize(
    "text",
    [
        # how a model is released is not whether it is
        "Brisa-4 has 14 billion parameters. Brisa-4 is not released under an open-source licence.",
        "Brisa-4 has 14 billion parameters. Brisa-4 is not available in the EU yet.",
    ],
)
def test_claim_rules_release_terms_are_no_denial(extract: Extract, text: str) -> None:
    ex = extract(text)
    assert not [c for c in ex.claims if c.evidence.rule.startswith("release-")]
    assert [(a.subject.label, a.value) for a in ex.attributes] == [("Brisa-4", 14_000_000_000)]


def test_claim_rules_release_denial_still_read(extract: Extract) -> None:
    ex = extract("Brisa-4 has 14 billion parameters. Brisa-4 has not been released yet.")
    assert [c.stance for c in ex.claims if c.evidence.rule.startswith("release-")] == ["denies"]
    assert ex.attributes == ()


# --------------------------------------------------------------------------- evaluators and disputes


def test_claim_rules_researchers_at_an_organisation_speak_for_it(extract: Extract) -> None:
    """ "Researchers at X said they could not reproduce the score": X disputes the score the last
    claim reported, of its model."""
    ex = extract("Quillfeather Labs said Brisa-4 scored 81.2 on GlimmerQA. Researchers at Aldermoor "
                 "University said they could not reproduce the score.")
    found = [(c.claimant.label, c.stance, tuple(a.label for a in c.about)) for c in ex.claims]
    assert ("Aldermoor University", "denies", ("Brisa-4",)) in found


@pytest.mark.parametrize("text", [
    "In March, Harlow AI introduced its open model Tovey-5 and claimed the model is faster than Brisa-4.",
    "Earlier this week, Harlow AI released Tovey-5 and said it beats Brisa-4 on GlimmerQA.",
])
def test_claim_rules_a_joined_verb_after_an_opening_phrase(extract: Extract, text: str) -> None:
    assert any(c.claimant.label == "Harlow AI" for c in extract(text).claims)


# --------------------------------------------------------------------------- a press release's voice


@pytest.mark.parametrize(
    ("line", "lab"),
    [
        ("LISBON, Portugal, May 2, 2026 /PRNewswire/ -- Velvetine, a maker of small models, today announced",
         "Velvetine"),
        ("**AUSTIN, TX - June 3rd 2025** - Harlow AI today announced the release of", "Harlow AI"),
        ("Oslo, 20 September 2026: Quillfeather Labs is proud to release", "Quillfeather Labs"),
        ("SEATTLE, Wash., Jan. 9, 2025 (GLOBE NEWSWIRE) -- Velvetine has released", "Velvetine"),
        # no dateline: a sentence that opens on a date, a title with a year
        ("In March 12, 2024 - the company said", None),
        ("Brisa 3, May 2024 - Velvetine released", None),
        ("See the chart below\nFigure 2: Results (GlimmerQA) against latency", None),
    ],
)
def test_dateline_names_the_lab_a_press_release_speaks_for(line: str, lab: str | None) -> None:
    from ingest.extract import _DATELINE

    found = _DATELINE.search(line)
    assert (found.group("name") if found else None) == lab


_PRESS = ("Velvetine Unveils Brisa-4\n\nLISBON, Portugal - May 2, 2026 - Velvetine is proud to release "
          "Brisa-4, a new 9B open model.\n\nHighlights:\n\n- {bullet}\n- We release the weights under "
          "an open licence.\n")


def test_press_release_lead_gives_the_developer(nlp: Language) -> None:
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    text = _PRESS.format(bullet="Trained on public data only.")
    ex = doc_to_extraction(nlp(text), Document(text=text, source="pr.txt"))
    assert ("Brisa-4", "developedBy", "Velvetine") in {
        (r.subject.label, r.predicate, r.object.label) for r in ex.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a highlight without a subject in a press release: the lab's word on the model it announces
        (_PRESS.format(bullet="Notably outperforms Corra-2 7B on GlimmerQA."),
         [("Velvetine", "asserts", ("Brisa-4", "Corra-2 7B"))]),
        # the same bullet in a post with no dateline is not read as the lab's claim
        (_PRESS.format(bullet="Notably outperforms Corra-2 7B on GlimmerQA.").replace(
            "LISBON, Portugal - May 2, 2026 - ", ""), []),
    ],
)
def test_press_release_highlight_is_the_labs_claim(nlp: Language, text: str,
                                                   expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    assert _vendor_claims(nlp, text, "Document") == expected


# --------------------------------------------------------------------------- an embedded post


def _post_claims(nlp: Language, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.claimant.label, c.claimant.type, tuple(a.label for a in c.about))
            for c in find_document_claims(nlp(text)._.llmkg_templates) if c.rule == "embedded-post"]


_ARTICLE = ("Velvetine shipped a new chat model on Monday. Testers spent the whole week on it, comparing it with the older models in long sessions of "
            "coding, maths and translation, and several of them posted what they found in threads that ran for "
            "days; this is one of the posts that the company's own staff answered in public later that day.\n"
            ""
            "{post}\n"
            "The company did not answer a request for comment.\n")


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        # the signature under an embedded post names who said what is above it
        ("In my runs Mistral 7B answers like Llama 3 8B word for word. https://t.co/abc\n"
         "— Marta Okonjo (@mokonjo) March 3, 2026", [("Marta Okonjo", "Person", ("Mistral 7B", "Llama 3 8B"))]),
        # a one-word display name and a day-first date, as a Markdown export writes it
        ("Mistral 7B scores far lower than its card says on my own math set.\n"
         "\\- Tovey (@tovey_ml) [3 March 2026](https://example.org/status/1)", [("Tovey", "Person", ("Mistral 7B",))]),
        # no handle: a dash and a name are not a post's signature
        ("In my runs Mistral 7B answers like Llama 3 8B word for word.\n— Marta Okonjo, March 3, 2026", []),
    ],
)
def test_embedded_post_is_its_authors_claim(nlp: Language, post: str,
                                            expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    assert _post_claims(nlp, _ARTICLE.format(post=post)) == expected


def test_embedded_post_holds_no_more_than_a_post(nlp: Language) -> None:
    """The article's sentences far above the signature are not part of the post."""
    text = ("Harlow AI released Llama 3 8B in May. " + "Analysts spent weeks on the release notes. " * 8 +
            "\nMistral 7B fails my long-context test every time.\n— Marta Okonjo (@mokonjo) March 3, 2026\n")
    assert _post_claims(nlp, text) == [("Marta Okonjo", "Person", ("Mistral 7B",))]


# --------------------------------------------------------------------------- a model named by its size


def _about(nlp: Language, text: str) -> list[tuple[str, ...]]:
    return [tuple(a.label for a in c.about) for c in find_document_claims(nlp(text)._.llmkg_templates)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the 8B model": the model of that size the text has named
        ("Meta shipped Llama 3.1 70B and Llama 3.1 8B on the same day. According to Meta, the 8B model "
         "was trained on many more tokens than its predecessor.", [("Llama 3.1 8B",)]),
        ("Meta shipped Llama 3.1 70B and Llama 3.1 8B on the same day. Meta said the 70-billion-parameter "
         "model beats GPT-4o on coding.", [("GPT-4o", "Llama 3.1 70B")]),
        # a size the text gives no model of names nothing
        ("Meta shipped Llama 3.1 70B and Llama 3.1 8B on the same day. According to Meta, the 13B model "
         "was dropped before release.", [("Meta",)]),
    ],
)
def test_a_model_named_by_its_size_is_the_one_of_that_size(nlp: Language, text: str,
                                                           expected: list[tuple[str, ...]]) -> None:
    assert _about(nlp, text) == expected


# --------------------------------------------------------------------------- round 7

def _release_post_claims(nlp: Language, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    document = Document(text=text, source="post.md", doc_type="BlogPost", title=text.split("\n")[0])
    ex = doc_to_extraction(nlp(text), document)
    return [(c.claimant.label, c.stance, tuple(a.label for a in c.about)) for c in ex.claims
            if c.evidence.rule == "vendor-claim"]


#: an opening long enough that the lab it never names is not looked for there (a release post in
#: the first person, its lab named only at the end)
_RELEASE_BODY = (
    "the newest member of a family of small open models. It reads documents of up to a million tokens, "
    "runs on one consumer graphics card, and comes with a permissive licence so that anyone can build on "
    "it. Six months went into its data mix and into a cheaper attention layer. In our tests, Falcon 5 "
    "outperforms Mistral 7B on GSM8K while using half the memory.\n\nFalcon 5 was built by the research "
    "teams of the Technology Innovation Institute.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lab's first-person post releasing the model its title names: the maker the name gives away
        ("Falcon 5: a small open model for long documents\n\nToday we are releasing Falcon 5, " + _RELEASE_BODY,
         [("Technology Innovation Institute", "asserts", ("Falcon 5", "Mistral 7B"))]),
        # a first-person post that releases nothing speaks for no lab
        ("Falcon 5: first impressions\n\nWe spent a weekend with Falcon 5, " + _RELEASE_BODY, []),
        # training or tuning it is what anyone's notes say: no lab's voice
        ("Falcon 5: tuning notes\n\nWe trained Falcon 5 on our support tickets. It is " + _RELEASE_BODY, []),
        # a post releasing something under a title that names no model
        ("Notes from a small-model weekend\n\nToday we are releasing our notes on Falcon 5, " + _RELEASE_BODY, []),
    ],
)
def test_release_post_speaks_for_the_maker_of_its_title_model(
        nlp: Language, text: str, expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    assert _release_post_claims(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle aimed at an accusation after the subject's own act: the subject denies
        ("Quillfeather Labs chief executive Marta Okonjo gave a talk in Oslo defending Brisa-3 14B "
         "against accusations that it was copied from Corra-7B.", [("Marta Okonjo", "Person", "denies")]),
        # an infinitive of purpose aimed at the claims
        ("Quillfeather Labs published its training logs to counter the claims that Brisa-3 14B was "
         "copied from Corra-7B.", [("Quillfeather Labs", "Organization", "denies")]),
        ("Marta Okonjo walked reporters through the training logs to rebut the allegations about "
         "Brisa-3 14B.", [("Marta Okonjo", "Person", "denies")]),
        # an act not done answers nothing
        ("Quillfeather Labs has not published any logs to counter the claims that Brisa-3 14B was "
         "copied from Corra-7B.", []),
        # an act someone else is asked to do answers nothing yet
        ("Marta Okonjo, chief executive of Harlow AI, urged Quillfeather Labs to rebut the claims that "
         "Brisa-3 14B was copied from Corra-7B.", []),
        # "to counter" something that is no accusation
        ("Quillfeather Labs used more code data to counter a weakness in Brisa-3 14B.", []),
    ],
)
def test_an_act_against_an_accusation_is_a_denial(extract: Extract, text: str,
                                                  expected: list[tuple[str, str, str]]) -> None:
    assert _claims(extract(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a score on a benchmark, no model named: the model the text is about
        ("Harlow AI released Brisa-3 14B on Tuesday. The lab reports 91.5% accuracy on GSM8K and a 0.84 "
         "score on RULER.", [("GSM8K", "RULER", "Brisa-3 14B")]),
        # what is said of a benchmark without a score is about the benchmark only
        ("Harlow AI released Brisa-3 14B on Tuesday. Harlow AI said GSM8K is saturated.", [("GSM8K",)]),
    ],
)
def test_a_score_on_a_benchmark_alone_is_of_the_model_of_the_text(nlp: Language, text: str,
                                                                  expected: list[tuple[str, ...]]) -> None:
    assert _about(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person named by their handle on a platform speaks as themselves
        ("Harlow AI shipped Brisa-3 14B this week. However, X user Fynn claimed Brisa-3 14B was just Corra-7B "
         "with extra tuning.", [("Fynn", "Person", "asserts")]),
        ("Reddit user u/kestrel_dev said Brisa-3 14B refuses too many prompts.",
         [("u/kestrel_dev", "Person", "asserts")]),
        # users of a platform, or one not named, are nobody in particular
        ("Several Reddit users said Brisa-3 14B refuses too many prompts.",
         [("Several Reddit users", "UnnamedAgent", "asserts")]),
    ],
)
def test_a_platform_user_named_by_handle_is_a_person(extract: Extract, text: str,
                                                     expected: list[tuple[str, str, str]]) -> None:
    assert _claims(extract(text)) == expected


_README_BODY = ("Brisa-4 is the newest reasoning model from Quillfeather Labs. It is currently the best model "
                "in its size category.")


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # a repository's README seen as a page speaks as a card does, in the third person too
        ("brisa-4 / README.md", "brisa-4 / README.md\n\n" + _README_BODY,
         [("Quillfeather Labs", "asserts", ("brisa-4",))]),
        ("", "File size: 3,120 Bytes\n\n" + _README_BODY, [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        # a post about the model: its third person is no lab's voice
        ("Brisa-4 first look", "Brisa-4 first look\n\n" + _README_BODY, []),
    ],
)
def test_a_readme_page_speaks_as_a_card(nlp: Language, title: str, text: str,
                                        expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    document = Document(text=text, source="page.md", doc_type="BlogPost", title=title)
    ex = doc_to_extraction(nlp(text), document)
    assert [(c.claimant.label, c.stance, tuple(a.label for a in c.about)) for c in ex.claims
            if c.evidence.rule == "vendor-claim"] == expected


_HEADLINE = "Introducing Brisa-4: the most capable open model you can run on a laptop\n\n"


@pytest.mark.parametrize(
    ("text", "metadata", "expected"),
    [
        # the headline of the lab's own release post is the lab's word on its model
        (_HEADLINE + "Today we are releasing Brisa-4, a 9B model from Quillfeather Labs.",
         {"author": "Quillfeather Labs"}, [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        # the same headline over someone else's post speaks for no lab
        (_HEADLINE + "Brisa-4 is a 9B model from Quillfeather Labs. We tried it for a week.", {}, []),
        # "Introducing X" inside the text is no headline
        ("Brisa-4 release notes\n\nToday we are releasing Brisa-4, a 9B model from Quillfeather Labs. Introducing "
         "Brisa-4 took longer than the fastest schedule allowed.", {"author": "Quillfeather Labs"}, []),
    ],
)
def test_a_release_headline_is_the_labs_claim(nlp: Language, text: str, metadata: dict[str, object],
                                              expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    document = Document(text=text, source="post.md", doc_type="BlogPost", title=text.split("\n")[0],
                        metadata=dict(metadata))
    ex = doc_to_extraction(nlp(text), document)
    assert [(c.claimant.label, c.stance, tuple(a.label for a in c.about)) for c in ex.claims
            if c.evidence.rule == "vendor-claim"] == expected


# --------------------------------------------------------------------------- round 8


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # an organisation's people named with a modifier speak for it
        ("According to the Harlow AI technical experts, Brisa-4 is a big step for small models.", "Harlow AI"),
        ("In a post, the Harlow AI safety engineers said Brisa-4 beats Corra-2 7B on GlimmerQA.", "Harlow AI"),
        ("Harlow AI security analysts said Brisa-4 leaks its system prompt.", "Harlow AI"),
    ],
)
def test_an_organisations_people_with_a_modifier_speak_for_it(extract: Extract, text: str,
                                                                 claimant: str) -> None:
    assert claimant in [c.claimant.label for c in extract(text).claims]


def test_a_former_employee_with_a_modifier_does_not_speak_for_the_organisation(extract: Extract) -> None:
    ex = extract("A former Harlow AI senior engineer said Brisa-4 was rushed out.")
    assert "Harlow AI" not in [c.claimant.label for c in ex.claims]


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [
        # "this model" / "these models" in a card or a paper: the card's own model, its makers' claim
        ("# Brisa-4\n\n- **Developed by:** Quillfeather\n\nBrisa-4 is a 9B chat model. As of March 2026, this "
         "model is #1 on the GlimmerQA leaderboard.", "ModelCard", [("Quillfeather", "asserts", ("Brisa-4",))]),
        # a line without a full stop before it: the line is the sentence
        ("# Brisa-4\n\n- **Developed by:** Quillfeather\n\nBrisa-4 is a 9B chat model. This model scores 71.2 on "
         "GlimmerQA and Corra-2 7B scores 64.0\nAs of May 2026, this model ranks #1 among open 9B models.",
         "ModelCard", [("Quillfeather", "asserts", ("Brisa-4",))]),
        ("# Brisa-4\n\n- **Developed by:** Quillfeather\n\nBrisa-4 is a 9B chat model. This model edges out "
         "Corra-2 7B on long documents.", "ModelCard", [("Quillfeather", "asserts", ("Brisa-4", "Corra-2 7B"))]),
        ("Brisa-4 Family Card\n\nThe Brisa-4 family is a set of Welsh-English models. These models are tuned to "
         "excel in Welsh. We release four sizes.\n\n  • Developed by: Quillfeather, Harlow AI.\n", "Paper",
         [("Quillfeather", "asserts", ("Brisa-4",))]),
    ],
)
def test_a_cards_this_model_is_its_makers_claim(nlp: Language, text: str, doc_type: str,
                                                expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    document = Document(text=text, source="card.md", doc_type=doc_type, title=text.split("\n")[0].lstrip("# "))
    ex = doc_to_extraction(nlp(text), document)
    assert [(c.claimant.label, c.stance, tuple(a.label for a in c.about)) for c in ex.claims
            if c.evidence.rule == "vendor-claim"] == expected


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        # in a reporter's article "this model" is no vendor's voice
        ("Quillfeather released Brisa-4 on Monday. This model is #1 on the GlimmerQA leaderboard.", "NewsArticle"),
        # "the model card" is no model
        ("# Brisa-4\n\n- **Developed by:** Quillfeather\n\nBrisa-4 is a 9B chat model. The model card is "
         "the best place to start.", "ModelCard"),
    ],
)
def test_this_model_outside_a_card_is_no_vendor_claim(nlp: Language, text: str, doc_type: str) -> None:
    assert _vendor_claims(nlp, text, doc_type) == []


@pytest.mark.parametrize(
    "text",
    [
        # insiders or employees at an organisation speak for it
        "Brisa-4 is a new model built from scratch, as affirmed by insiders at Quillfeather Labs familiar with the work.",
        "Brisa-4 was trained on twice the data, as affirmed by insiders within Quillfeather Labs familiar with the work.",
    ],
)
def test_insiders_at_an_organisation_speak_for_it(extract: Extract, text: str) -> None:
    assert "Quillfeather Labs" in [c.claimant.label for c in extract(text).claims]


@pytest.mark.parametrize(("text", "stance"), [
    ("Quillfeather Labs affirmed that Brisa-4 was trained without synthetic data.", "asserts"),
    ("Brisa-4 was trained without synthetic data, as Quillfeather Labs affirms.", "asserts"),
])
def test_affirm_is_a_speech_verb(extract: Extract, text: str, stance: str) -> None:
    assert [(c.claimant.label, c.stance) for c in extract(text).claims] == [("Quillfeather Labs", stance)]


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # a post by an organisation's officer speaks for that organisation, not its partners
        ("A guest post by Dr Ana Reyes, CEO of Quillfeather Labs, a Harlow AI partner.\n\n",
         [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        ("This is a guest post by Tom Ode, a Technical Architect at Quillfeather Labs, with Harlow AI.\n\n",
         [("Quillfeather Labs", "asserts", ("Brisa-4",))]),
        # an author with no role at either speaks for neither
        ("A guest post by Ana Reyes on Quillfeather Labs and Harlow AI.\n\n", []),
    ],
)
def test_a_post_by_an_organisations_officer_speaks_for_it(nlp: Language, opening: str,
                                                          expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    text = opening + "We introduce Brisa-4, a new state-of-the-art model for Welsh."
    assert _vendor_claims(nlp, text, "BlogPost") == expected
