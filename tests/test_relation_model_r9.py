"""The learned relation classifier's code (measured and off by default; fixtures are ours)."""

from __future__ import annotations

import pytest

from ingest.components import relation_model
from ingest.components.entities import Mention
from ingest.components.relation_model import (
    candidate_pairs,
    extra_relations,
    features,
    label_of,
    learned_relations,
)
from ingest.components.relations import RelationHit, make_template
from ingest.train_relations import pairs_of
from kg.settings import Settings

_TYPES = {"M": "Model", "F": "ModelFamily", "O": "Organization", "P": "Person", "B": "Benchmark"}


def _sentence(text: str, names: list[tuple[str, str]]):
    """A sentence template of ``text`` with each (name, type letter) a mention."""
    mentions, pos = [], 0
    for name, kind in names:
        start = text.index(name, pos)
        mentions.append(Mention(start, start + len(name), name, _TYPES[kind], name, "test"))
        pos = start + len(name)
    return make_template(0, 0, len(text), text, mentions, 0)


def _fixed(label: str, p: float = 0.9):
    """A classifier that says ``label`` of every pair."""
    return lambda feats: [(label, p)] * len(feats)


@pytest.mark.parametrize(("first", "second", "label"), [
    (0, 1, "fineTunedFrom"),   # the first name is the subject
    (1, 0, "~fineTunedFrom"),  # the second name is the subject
    (0, 2, "none"),
])
def test_label_of_gives_the_direction(first: int, second: int, label: str) -> None:
    assert label_of(first, second, [[0, "fineTunedFrom", 1]]) == label


@pytest.mark.parametrize(("feature", "present"), [
    ("B:retrained", True),     # a word between the two names
    ("L:the", True),           # a word before the first name
    ("R:on", True),            # a word after the second name
    ("SA:instruct", True),     # the first name's shape
    ("SB:instruct", False),
    ("B:the", False),          # "the" is left of the pair, not between
])
def test_features_mark_the_pair_and_its_context(feature: str, present: bool) -> None:
    template = "Then the ⟪M0⟫ model was retrained from ⟪M1⟫ on new dialogues."
    feats = features(template, {0: "M", 1: "M"}, {0: "Tern-3B-Instruct", 1: "Tern-3B"}, 0, 1)
    assert (feature in feats) is present


def test_features_stem_a_word_so_its_other_forms_share_it() -> None:
    kinds, names = {0: "M", 1: "M"}, {0: "Wren-2", 1: "Osprey-9B"}
    one = features("⟪M0⟫ was distilled from ⟪M1⟫.", kinds, names, 0, 1)
    other = features("⟪M0⟫ is a distillation of ⟪M1⟫.", kinds, names, 0, 1)
    assert "B5:distil" in one and "B5:distil" in other


@pytest.mark.parametrize(("template", "pairs"), [
    ("⟪M0⟫ and ⟪M1⟫", [(0, 1)]),
    ("⟪O0⟫ and ⟪O1⟫ built ⟪M2⟫", [(0, 2), (1, 2)]),   # two labs alone are no pair
    ("⟪P0⟫ tuned ⟪M1⟫ on ⟪B2⟫", []),                    # people and benchmarks are not read
    ("⟪F0⟫ includes ⟪M1⟫", [(0, 1)]),
])
def test_candidate_pairs(template: str, pairs: list[tuple[int, int]]) -> None:
    import re

    kinds = {int(m.group(2)): m.group(1) for m in re.finditer(r"⟪([A-Z])(\d+)⟫", template)}
    assert candidate_pairs(template, kinds) == pairs


def test_learned_relation_reads_the_direction() -> None:
    sent = _sentence("Starting from Quill-2, the team trained Corvid-4 for chat.",
                     [("Quill-2", "M"), ("Corvid-4", "M")])
    hits = learned_relations([sent], [], _fixed("~fineTunedFrom"))
    assert [(h.subject.label, h.predicate, h.object.label) for h in hits] == [
        ("Corvid-4", "fineTunedFrom", "Quill-2")]


def test_learned_relation_leaves_a_pair_the_rules_related() -> None:
    sent = _sentence("Corvid-4 is a tune of Quill-2.", [("Corvid-4", "M"), ("Quill-2", "M")])
    rule = RelationHit(sent.slots[0], "derivedFrom", sent.slots[1], sent, "some-rule")
    assert learned_relations([sent], [rule], _fixed("fineTunedFrom")) == []


@pytest.mark.parametrize(("label", "p", "kept"), [
    ("fineTunedFrom", 0.9, True),
    ("fineTunedFrom", 0.3, False),   # under the threshold
    ("none", 0.9, False),
    ("developedBy", 0.9, False),     # two models cannot bear developedBy
    ("memberOfFamily", 0.9, False),  # nor a family relation without a family
])
def test_learned_relation_keeps_what_the_types_bear(label: str, p: float, kept: bool) -> None:
    sent = _sentence("Corvid-4 comes out of Quill-2.", [("Corvid-4", "M"), ("Quill-2", "M")])
    assert bool(learned_relations([sent], [], _fixed(label, p), threshold=0.5)) is kept


def test_the_hook_does_nothing_without_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LLMKG_RELATION_MODEL", raising=False)
    monkeypatch.setattr(relation_model, "get_settings", Settings)  # read afresh, not the process's cached one
    sent = _sentence("Corvid-4 is a tune of Quill-2.", [("Corvid-4", "M"), ("Quill-2", "M")])
    assert extra_relations([sent], []) == []


def test_training_pairs_are_labelled_from_the_relations() -> None:
    row = {"template": "⟪O0⟫ tuned ⟪M1⟫ into ⟪M2⟫ and compared it with ⟪M3⟫.",
           "names": {"0": "Norvik AI", "1": "Pico-1B", "2": "Pico-1B-Chat", "3": "Wren-2"},
           "relations": [[2, "fineTunedFrom", 1], [2, "developedBy", 0]], "group": "g"}
    labels = {(p.features[0], p.features[1], p.label) for p in pairs_of(row)}
    assert ("KA:M", "KB:M", "~fineTunedFrom") in labels  # (Pico-1B, Pico-1B-Chat)
    assert ("KA:O", "KB:M", "~developedBy") in labels
    assert sum(p.label == "none" for p in pairs_of(row)) == 4  # the other pairs


@pytest.mark.parametrize(("label", "kept"), [("fineTunedFrom", True), ("successorOf", False)])
def test_learned_relation_keeps_only_the_predicates_asked_for(label: str, kept: bool) -> None:
    sent = _sentence("Corvid-4 comes out of Quill-2.", [("Corvid-4", "M"), ("Quill-2", "M")])
    hits = learned_relations([sent], [], _fixed(label), predicates=("fineTunedFrom", "distilledFrom"))
    assert bool(hits) is kept
