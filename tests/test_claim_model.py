"""The learned claim detector: its training data, its training command, and how a flagged
sentence becomes a claim (ingest.train_claims, ingest.components.claim_model). Sentences are ours."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.components.claim_model import learned_claims
from ingest.components.claims import ClaimHit
from ingest.components.entities import Mention
from ingest.components.relations import make_template
from ingest.train_claims import DATA_PATH, LABELS, Row, build, cross_validate, load_rows, predict

_TYPES = {"P": "Person", "O": "Organization", "M": "Model"}


def _sentence(marked: str, index: int = 0):
    """A sentence template from text with [P:name], [O:name], [M:name] marks."""
    text, mentions, pos = "", [], 0
    for m in re.finditer(r"\[([POM]):([^\]]+)\]", marked):
        text += marked[pos:m.start()]
        mentions.append(Mention(len(text), len(text) + len(m.group(2)), m.group(2), _TYPES[m.group(1)],
                                m.group(2), "test"))
        text += m.group(2)
        pos = m.end()
    text += marked[pos:]
    return make_template(index, 0, len(text), text, mentions, 0)


def _always(stance: str, p: float = 0.95):
    return lambda texts: [(stance, p) for _ in texts]


# ----------------------------------------------------------------------------- the data

def test_every_training_row_has_a_known_stance_and_a_template_group() -> None:
    rows = load_rows()
    assert len(rows) >= 400
    assert {r.stance for r in rows} == set(LABELS)
    assert all(r.group for r in rows)


def test_training_sentences_are_unique() -> None:
    texts = [json.loads(line)["text"] for line in DATA_PATH.read_text().splitlines() if line.strip()]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(("stance", "expected"), [("disputes", "denies"), ("alleges", "alleges"), ("none", "none")])
def test_load_rows_reads_disputes_as_a_denial(tmp_path: Path, stance: str, expected: str) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "Acme rejects the figures.", "stance": stance, "group": "g1"}) + "\n")
    assert load_rows(path) == [Row("Acme rejects the figures.", expected, "g1")]


# ----------------------------------------------------------------------------- training

_TOY = [Row(t, s, f"g{i}") for i, (t, s) in enumerate([
    ("Vendo Labs said its Quokka model beats the rest.", "asserts"),
    ("Quokka is the best, said Mira Holt.", "asserts"),
    ("According to Vendo Labs, Quokka leads the board.", "asserts"),
    ("Tallis accused Vendo Labs of copying its model.", "alleges"),
    ("Critics alleged that Quokka was copied.", "alleges"),
    ("Vendo Labs denied the allegations.", "denies"),
    ("Mira Holt denied that Quokka was copied.", "denies"),
    ("Quokka has seven billion parameters.", "none"),
    ("The weights are on the hub.", "none"),
    ("Table 3 lists the scores.", "none"),
])]


def test_training_is_deterministic_for_a_seed() -> None:
    texts = ["Orla Kim said the model beats everything.", "The model has four layers."]
    first = build(_TOY, seed=3, epochs=4)
    second = build(_TOY, seed=3, epochs=4)
    assert [d.cats for d in first.pipe(texts)] == [d.cats for d in second.pipe(texts)]


def test_predict_returns_one_known_stance_per_text() -> None:
    nlp = build(_TOY, seed=0, epochs=4)
    out = predict(nlp, ["Vendo Labs denied it.", "Quokka has a small vocabulary."])
    assert len(out) == 2
    assert all(label in LABELS and 0.0 <= p <= 1.0 for label, p in out)


def test_cross_validation_reports_detection_scores_between_zero_and_one() -> None:
    scores = cross_validate(_TOY, folds=2, seed=0)
    assert set(scores) == {"precision", "recall", "f1", "stance_accuracy"}
    assert all(0.0 <= v <= 1.0 for v in scores.values())


# ----------------------------------------------------------------------------- flagged sentence -> claim

@pytest.mark.parametrize(("marked", "claimant", "about"), [
    ("[P:Mira Holt] told reporters that [M:Quokka-9] was ready for hospitals.", "Mira Holt", ["Quokka-9"]),
    ("[O:Vendo Labs] stands by [M:Quokka-9] and its test results.", "Vendo Labs", ["Quokka-9"]),
    # an organisation that only qualifies a model is not the speaker
    ("In a memo, [O:Tallis]'s [M:Brume-2] was called weaker than [M:Quokka-9] by [O:Vendo Labs].",
     "Vendo Labs", ["Brume-2", "Quokka-9"]),
    ("The [O:Tallis]-built [M:Brume-2] was praised by [O:Vendo Labs] in a review.", "Vendo Labs", ["Brume-2"]),
    # a person is preferred to an organisation
    ("[O:Vendo Labs] engineer [P:Mira Holt] says [M:Quokka-9] never saw the test set.", "Mira Holt", ["Quokka-9"]),
    # no model named: the other organisation is what the claim is about
    ("[O:Vendo Labs] says [O:Tallis] misread its licence terms.", "Vendo Labs", ["Tallis"]),
])
def test_a_flagged_sentence_gets_its_speaker_and_subject(marked: str, claimant: str, about: list[str]) -> None:
    (hit,) = learned_claims([_sentence(marked)], [], _always("asserts"))
    assert hit.claimant.label == claimant
    assert [a.label for a in hit.about] == about
    assert hit.rule == "learned-claim"


@pytest.mark.parametrize(("model_stance", "stance"), [("asserts", "asserts"), ("alleges", "asserts"),
                                                      ("denies", "denies")])
def test_the_model_stance_maps_to_the_ontology(model_stance: str, stance: str) -> None:
    (hit,) = learned_claims([_sentence("[O:Vendo Labs] spoke about [M:Quokka-9] at length today.")], [],
                            _always(model_stance))
    assert hit.stance == stance


@pytest.mark.parametrize("marked", [
    # a vendor's "we" names no speaker: left to the document-level rules
    "We think [M:Quokka-9] is the finest small model there is.",
    # nobody to attribute it to, nothing it is about
    "[P:Mira Holt] said it would rain on the launch day.",
    # a heading, too short to be a statement
    "[M:Quokka-9] said",
])
def test_a_flagged_sentence_without_speaker_or_subject_gives_no_claim(marked: str) -> None:
    assert learned_claims([_sentence(marked)], [], _always("asserts")) == []


def test_below_the_threshold_or_none_gives_no_claim() -> None:
    sent = _sentence("[P:Mira Holt] told reporters that [M:Quokka-9] was ready for hospitals.")
    assert learned_claims([sent], [], _always("asserts", 0.4), threshold=0.5) == []
    assert learned_claims([sent], [], _always("none", 0.99)) == []


def test_a_sentence_the_rules_took_a_claim_from_is_left_alone() -> None:
    sent = _sentence("[P:Mira Holt] told reporters that [M:Quokka-9] was ready for hospitals.")
    rule = ClaimHit(sent.slots[0], "asserts", (sent.slots[1],), sent.text, sent.text, sent, "rule")
    assert learned_claims([sent], [rule], _always("asserts")) == []
