"""The learned name finder as a proposer (issue 16 round 9, off by default).

Fixtures are invented sentences about invented labs, people and models.
"""

from __future__ import annotations

import pytest

from ingest.components.entities import Mention
from ingest.components.learned_names import NerSpan, name_shape, propose, type_from_context
from ingest.components.sentences import split_sentences


def _span(text: str, name: str, label: str) -> NerSpan:
    s = text.index(name)
    return NerSpan(s, s + len(name), label)


def _typed(text: str, name: str, label: str) -> str | None:
    s = text.index(name)
    return type_from_context(text, s, s + len(name), label, (0, len(text)))


@pytest.mark.parametrize(("name", "ok"), [
    ("Quillworth Labs", True),
    ("Tarn Institute of Robotics", True),       # a longer name may hold common words
    ("iMarrow", True),                           # lower-case first letter, then a capital
    ("Model Card", False),                       # a card heading, not a name
    ("Kestrel 2", False),                        # digits: the rules' territory
    ("Orrin\nVale", False),                      # across a line break
    ("5 GB", False),
    ("quillworth", False),
])
def test_name_shape(name: str, ok: bool) -> None:
    assert name_shape(name) is ok


@pytest.mark.parametrize(("text", "name", "label", "kind"), [
    ("Benchmarks show that Pellucid outperforms every open rival.", "Pellucid", "PERSON", "Model"),
    ("On the maths suite the new models outperform Sorrel by far.", "Sorrel", "ORG", "Model"),
    ("Visitors can try the Tamsin model in a browser.", "Tamsin", "ORG", "Model"),
    ("The Corvane series comes in three sizes.", "Corvane", "ORG", "Model"),
    ("The launch follows the open-source reasoning model Brindle earlier this year.", "Brindle",
     "PERSON", "Model"),
    ("Researchers at Hollowmere trained the system on public text.", "Hollowmere", "ORG",
     "Organization"),
    ("Quillworth announced the release on Monday.", "Quillworth", "ORG", "Organization"),
    ("Fennick's chairman spoke at the conference.", "Fennick", "ORG", "Organization"),
    ("The data set was cleaned by a team that worked with Ostrava Archive on licensing.",
     "Ostrava Archive", "ORG", "Organization"),
    ("said Ilse Marrow, director of the lab.", "Ilse Marrow", "PERSON", "Person"),
    ("Company Vice President Tobin Esk told reporters the model is small.", "Tobin Esk", "PERSON",
     "Person"),
    ("The layer follows earlier work (Quennell et al., 2021).", "Quennell", "ORG", "Person"),
])
def test_context_types_a_candidate(text: str, name: str, label: str, kind: str) -> None:
    assert _typed(text, name, label) == kind


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Pellucid was mentioned twice in the thread.", "Pellucid", "PERSON"),      # no cue at all
    ("Hollowmere is a quiet town on the coast.", "Hollowmere", "ORG"),
    ("The DPO announced a new review.", "DPO", "ORG"),                           # short acronym
    ("Ilse Marrow walked along the river.", "Ilse Marrow", "PERSON"),           # no role, no speech
    ("Visitors liked Quillworth more than the rest.", "Quillworth", "ORG"),     # the NER label is no type
])
def test_no_cue_no_entity(text: str, name: str, label: str) -> None:
    assert _typed(text, name, label) is None


def test_propose_types_every_occurrence_the_rules_left() -> None:
    text = ("Researchers at Hollowmere released a new system. Later, Hollowmere said the weights are "
            "open. Kestrel 2 was compared.")
    rule = Mention(text.index("Kestrel 2"), text.index("Kestrel 2") + 9, "Kestrel 2", "Model",
                   "Kestrel 2", "shape")
    got = propose(text, split_sentences(text), [rule], [_span(text, "Hollowmere", "ORG")])
    assert [(m.text, m.type, m.rule) for m in got] == [("Hollowmere", "Organization", "learned-ner")] * 2
    assert [m.sent for m in got] == [0, 1]


@pytest.mark.parametrize("label", ["GPE", "NORP", "DATE"])
def test_propose_ignores_other_labels(label: str) -> None:
    text = "Researchers at Hollowmere released a new system."
    assert propose(text, split_sentences(text), [], [_span(text, "Hollowmere", label)]) == []


def test_propose_never_overlaps_or_retypes_a_rule_mention() -> None:
    text = "Researchers at Hollowmere Labs released a new system."
    s = text.index("Hollowmere Labs")
    rule = Mention(s, s + 15, "Hollowmere Labs", "Organization", "Hollowmere Labs", "gazetteer")
    spans = [_span(text, "Hollowmere", "ORG")]
    assert propose(text, split_sentences(text), [rule], spans) == []


def test_propose_drops_a_leading_article_and_possessive() -> None:
    text = "The Quillworth's researchers said the data was public."
    got = propose(text, split_sentences(text), [], [NerSpan(0, len("The Quillworth's"), "ORG")])
    assert [(m.text, m.type) for m in got] == [("Quillworth", "Organization")]


def test_setting_off_by_default_leaves_the_pipeline_unchanged() -> None:
    from ingest.nlp import make_nlp
    from kg.settings import Settings

    assert "llmkg_learned_names_v1" not in make_nlp(Settings(parser_path="off")).pipe_names


def test_setting_on_runs_the_pinned_ner_after_the_entity_rules() -> None:
    from ingest.nlp import make_nlp
    from kg.settings import Settings

    nlp = make_nlp(Settings(learned_names=True, parser_path="off"))
    names = nlp.pipe_names
    assert names.index("llmkg_learned_names_v1") == names.index("llmkg_entities_v1") + 1
    doc = nlp("On Monday iQuorra's chairman said the new chatbot is faster than the original HVX.")
    got = [(m.text, m.type) for m in doc._.llmkg_mentions if m.rule == "learned-ner"]
    assert got == [("iQuorra", "Organization"), ("HVX", "Model")]
    assert "learned-ner" not in {m.rule for m in make_nlp(Settings(parser_path="off"))(doc.text)._.llmkg_mentions}


@pytest.mark.parametrize("text", [
    # the document also writes the word in lower case: a common noun, not a name
    "Visitors rank answers in the arena. Researchers at Arena trained it.",
    # capitalised only at the start of sentences: nothing says it is a name
    "Tallow scores were high. Tallow scores were published.",
])
def test_single_word_needs_evidence_it_is_a_name(text: str) -> None:
    name = "Arena" if "Arena" in text else "Tallow"
    spans = [_span(text, name, "ORG")]
    assert propose(text, split_sentences(text), [], spans) == []


@pytest.mark.parametrize(("text", "kind"), [
    ("The figure is an estimate, according to Orla Denholm.", "Person"),
    ("The cost is low according to Lantern Cloud pricing.", None),
])
def test_according_to_types_a_person_only_at_the_end_of_a_clause(text: str, kind: str | None) -> None:
    name = "Orla Denholm" if "Orla" in text else "Lantern Cloud"
    assert _typed(text, name, "PERSON") == kind


@pytest.mark.parametrize(("text", "name"), [
    ("It was faster than Pellucid on every task.", "Pellucid"),   # "than": an organisation too
    ("The Fennick family of models grows.", "Fennick"),           # a family's maker, or its line
])
def test_weak_model_cues_type_nothing(text: str, name: str) -> None:
    assert _typed(text, name, "ORG") is None


def test_a_short_form_of_a_found_name_takes_its_label() -> None:
    text = ("Beijing Tarn Robotics opened a lab. Researchers at Tarn trained the model, and later "
            "Tarn said it was open.")
    s = text.index("Beijing Tarn Robotics")
    rule = Mention(s, s + 21, "Beijing Tarn Robotics", "Organization", "Beijing Tarn Robotics", "org-suffix")
    got = propose(text, split_sentences(text), [rule], [NerSpan(text.index("at Tarn") + 3,
                                                                text.index("at Tarn") + 7, "ORG")])
    assert {(m.text, m.label) for m in got} == {("Tarn", "Beijing Tarn Robotics")}


@pytest.mark.parametrize(("names", "labels", "people"), [
    # a list of authors: most spans PERSON, one mislabelled ORG, all people
    (["Orla Denholm", "Tavi Raske", "Ines Qarro", "Mabon Tully"], ["PERSON", "PERSON", "ORG", "PERSON"],
     {"Orla Denholm", "Tavi Raske", "Ines Qarro", "Mabon Tully"}),
    # two names only: not a list
    (["Orla Denholm", "Tavi Raske"], ["PERSON", "PERSON"], set()),
    # mostly organisations: not a list of people
    (["Orla Denholm", "Tavi Raske", "Ines Qarro"], ["ORG", "ORG", "PERSON"], set()),
])
def test_a_list_of_people_types_its_members(names: list[str], labels: list[str], people: set[str]) -> None:
    text = "Contributors " + ", ".join(names[:-1]) + ", and " + names[-1] + " appear on the card."
    spans = [_span(text, n, lab) for n, lab in zip(names, labels, strict=True)]
    got = propose(text, split_sentences(text), [], spans)
    assert {m.text for m in got if m.type == "Person"} == people


def test_only_sentences_with_an_uncovered_name_go_to_the_learned_finder() -> None:
    from ingest.components.learned_names import candidate_sentences

    text = ("The weights are open. Kestrel 2 is small. Researchers at Hollowmere trained it. "
            "Hollowmere said so. Nobody asked.")
    sents = split_sentences(text)
    s = text.index("Kestrel 2")
    rule = Mention(s, s + 9, "Kestrel 2", "Model", "Kestrel 2", "shape")
    got = [text[a:b].strip() for a, b in candidate_sentences(text, sents, [rule])]
    # the second sentence's only name is the rules'; the fourth opens with a name written
    # capitalised mid-sentence elsewhere, so it goes too
    assert got == ["Researchers at Hollowmere trained it.", "Hollowmere said so."]


@pytest.mark.parametrize(("text", "kept"), [
    ("Quillworth Chief Answers Copying Charges\nThe lab said the weights were its own.", False),
    ("The lab said so.\nQuillworth CEO Orla Denholm said the weights were the lab's own.", True),
])
def test_a_headline_types_no_name(text: str, kept: bool) -> None:
    name = "Answers Copying" if "Answers" in text else "Orla Denholm"
    got = propose(text, split_sentences(text), [], [_span(text, name, "PERSON")])
    assert bool(got) is kept


def test_part_of_a_found_persons_name_is_that_person() -> None:
    text = "Its founder, Tarek Osswin, built the lab. Later Osswin said the lab wanted research."
    s = text.index("Tarek Osswin")
    rule = Mention(s, s + 12, "Tarek Osswin", "Person", "Tarek Osswin", "person-shape")
    at = text.rindex("Osswin")
    got = propose(text, split_sentences(text), [rule], [NerSpan(at, at + 6, "ORG")])
    assert [(m.text, m.type, m.label) for m in got] == [("Osswin", "Person", "Tarek Osswin")]


def _measure_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "measure_learned_names.py"
    spec = importlib.util.spec_from_file_location("measure_learned_names", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_measure_script_scores_each_set_off_then_on(tmp_path, monkeypatch, capsys) -> None:
    mod = _measure_script()
    (tmp_path / "docs").mkdir()
    calls = []

    def fake(scorer, gold_dir, on):  # noqa: ANN001, ANN202
        calls.append(on)
        return [0.5, 0.5, None, 0.5, 0.25] if not on else [0.75, 0.5, None, 0.5, 0.5]

    monkeypatch.setattr(mod, "score", fake)
    assert mod.main(["--scorer", "s.py", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert calls == [False, True]
    diff = next(line for line in out.splitlines() if "diff" in line).split()
    assert diff == ["diff", "+0.250", "+0.000", "-", "+0.000", "+0.250"]


def test_measure_script_needs_a_scorer_for_gold_sets(tmp_path) -> None:
    with pytest.raises(SystemExit):
        _measure_script().main([str(tmp_path)])
