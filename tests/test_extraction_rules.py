"""Specs for the rule-based extraction: short sentences through the real pipeline.

Every name here is made up (a lab "Quillfeather Labs", models "Brisa-3 ...", a benchmark
"GlimmerQA", people "Marta Okonjo", "Tomas Vell"), so the rules must find them from how the text
talks about them, not from the gazetteer. Cases the rules miss today are kept, marked
``xfail(strict=True)`` with the reason: they are the to-do list.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from ingest.extract import doc_to_extraction
from ingest.records import Document, Extraction

Extract = Callable[[str], Extraction]


def _entities(ex: Extraction) -> dict[str, str]:
    return {e.ref.label: e.ref.type for e in ex.entities}


def _relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in ex.relations}


def _miss(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# --------------------------------------------------------------------------- entities


@pytest.mark.parametrize(
    ("text", "label", "etype"),
    [
        ("Quillfeather Labs released Brisa-3 14B, a new open-weight model.",
         "Quillfeather Labs", "Organization"),
        ("Quillfeather Labs released Brisa-3 14B, a new open-weight model.",
         "Brisa-3 14B", "Model"),
        ("Quillfeather Labs is based in Lisbon.", "Quillfeather Labs", "Organization"),
        ("The startup Velvetine released its first model, Corra-2 7B.", "Velvetine",
         "Organization"),
        ("The startup Velvetine released its first model, Corra-2 7B.", "Corra-2 7B", "Model"),
        ("Marta Okonjo, chief scientist at Quillfeather Labs, said the model was trained on "
         "public data.", "Marta Okonjo", "Person"),
        ("Ifeoma Duarte, chief scientist at Quillfeather Labs, said the model was trained on "
         "public data.", "Ifeoma Duarte", "Person"),
        ("Brisa-3 14B scores 64.0 on the GlimmerQA benchmark.", "GlimmerQA", "Benchmark"),
        ("Brisa-3 14B fits on a single H100 GPU.", "H100", "Hardware"),
        ("Former employees alleged that Brisa-3 14B was trained on benchmark data.",
         "Former employees", "UnnamedAgent"),
        pytest.param("Quillfeather Labs released Brisa, a new open-weight model.", "Brisa",
                     "Model"),
        ("Brisa-3 Mini runs on a single H100 GPU.", "Brisa-3 Mini", "Model"),
        ("Brisa-3 14B Instruct is fine-tuned from Brisa-3 14B.", "Brisa-3 14B", "Model"),
    ],
)
def test_extraction_rules_entity_type_of_unlisted_names(extract: Extract, text: str, label: str,
                                                        etype: str) -> None:
    assert _entities(extract(text)).get(label) == etype


@pytest.mark.parametrize(
    "text",
    [
        "The weather was mild and the meeting ended early.",
        "In March 2024 the team moved to Building 7 on Route 9.",
        "The report covers Windows 11 and iPhone 15 sales in Q3 2024.",
        "She said the results were surprising.",
    ],
)
def test_extraction_rules_text_without_names_gives_no_entities(extract: Extract,
                                                               text: str) -> None:
    assert extract(text).entities == ()


# --------------------------------------------------------------------------- relations


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # distillation
        ("Brisa-3 Mini was distilled from Brisa-3 Max.",
         ("Brisa-3 Mini", "distilledFrom", "Brisa-3 Max")),
        ("Brisa-3 Mini was distilled from the larger Brisa-3 Max model.",
         ("Brisa-3 Mini", "distilledFrom", "Brisa-3 Max")),
        # fine-tuning
        ("Brisa-3 Lite is a fine-tuned version of Brisa-3 14B.",
         ("Brisa-3 Lite", "fineTunedFrom", "Brisa-3 14B")),
        ("Corra-2 7B Chat is fine-tuned from Brisa-3 14B.",
         ("Corra-2 7B Chat", "fineTunedFrom", "Brisa-3 14B")),
        # succession
        ("Brisa-4 is the successor to the Brisa-3 model.", ("Brisa-4", "successorOf", "Brisa-3")),
        ("Brisa-3 14B is the successor to Brisa-2 14B.",
         ("Brisa-3 14B", "successorOf", "Brisa-2 14B")),
        # developers: "X released Y", "Y was developed by X", "Y from X"
        ("Quillfeather Labs released Brisa-3 14B, a new open-weight model.",
         ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
        ("Quillfeather Labs unveiled Brisa-3 14B on Tuesday.",
         ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
        ("The startup Velvetine released its first model, Corra-2 7B.",
         ("Corra-2 7B", "developedBy", "Velvetine")),
        ("Brisa-3 14B was developed by Quillfeather Labs.",
         ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
        ("Brisa-3 14B, a 14B model from Quillfeather Labs, is available today.",
         ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
        # employer
        ("Marta Okonjo, chief scientist at Quillfeather Labs, presented the results.",
         ("Marta Okonjo", "employer", "Quillfeather Labs")),
        ("Quillfeather Labs chief scientist Marta Okonjo presented the results.",
         ("Marta Okonjo", "employer", "Quillfeather Labs")),
        ("Marta Okonjo, who leads research at Quillfeather Labs, spoke at the event.",
         ("Marta Okonjo", "employer", "Quillfeather Labs")),
        # hardware
        ("Brisa-3 14B fits on a single H100 GPU.", ("Brisa-3 14B", "fitsOn", "H100")),
        ("The Brisa-3 Mini model runs on a single H100.", ("Brisa-3 Mini", "fitsOn", "H100")),
        ("Brisa-4 is the successor to Brisa-3.", ("Brisa-4", "successorOf", "Brisa-3")),
        ("Brisa-4, the successor to Brisa-3, was released by Quillfeather Labs.",
         ("Brisa-4", "developedBy", "Quillfeather Labs")),
        ("Brisa-3 Mini runs on a single H100 GPU.", ("Brisa-3 Mini", "fitsOn", "H100")),
        # misses
        pytest.param("The Brisa-4 model was followed by Brisa-5.",
                     ("Brisa-5", "successorOf", "Brisa-4")),
        pytest.param("Quillfeather Labs' Brisa-3 14B is available today.",
                     ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
        pytest.param("Brisa-2 is a model. Brisa-3 is its successor.",
                     ("Brisa-3", "successorOf", "Brisa-2")),
    ],
)
def test_extraction_rules_relation(extract: Extract, text: str,
                                   triple: tuple[str, str, str]) -> None:
    assert triple in _relations(extract(text))


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("Brisa-3 Mini was distilled from Brisa-3 Max, while Brisa-3 14B was trained from "
         "scratch.", ("Brisa-3 14B", "distilledFrom", "Brisa-3 Max")),
        ("Marta Okonjo said Brisa-3 14B is fast.", ("Marta Okonjo", "employer", "Brisa-3 14B")),
        ("Brisa-3 14B Instruct is fine-tuned from Brisa-3 14B.",
         ("Brisa-3 14B Instruct", "memberOfFamily", "Brisa-3 14B")),
        # the lab releases the subject, not the model named inside the apposition (a model
        # of the same line would inherit the developer by the same-line rule, so another line)
        pytest.param("Brisa-4, the successor to Kestrel-3, was released by Quillfeather Labs.",
                     ("Kestrel-3", "developedBy", "Quillfeather Labs")),
    ],
)
def test_extraction_rules_no_wrong_relation(extract: Extract, text: str,
                                            triple: tuple[str, str, str]) -> None:
    assert triple not in _relations(extract(text))


@pytest.mark.parametrize("text", ["Quillfeather Labs released Brisa-3 14B. It is fast.\n"
                                  "Brisa-3 Mini was distilled from Brisa-3 Max."])
def test_extraction_rules_relation_evidence_is_its_sentence(extract: Extract, text: str) -> None:
    ex = extract(text)
    assert ex.relations
    for rel in ex.relations:
        ev = rel.evidence
        assert text[ev.start:ev.end] == ev.quote
        assert rel.subject.label in ev.quote or rel.object.label in ev.quote
        assert "\n" not in ev.quote and ev.quote.endswith(".")


# --------------------------------------------------------------------------- attributes


@pytest.mark.parametrize(
    ("text", "model", "prop", "value"),
    [
        ("Brisa-3 14B has 17 billion active parameters.", "Brisa-3 14B", "activeParameters",
         17_000_000_000),
        ("Brisa-3 14B has 17B active parameters.", "Brisa-3 14B", "activeParameters",
         17_000_000_000),
        ("Brisa-3 14B has a context window of 256K tokens.", "Brisa-3 14B",
         "contextWindowTokens", 256_000),
        ("Brisa-3 14B has a context window of 256,000 tokens.", "Brisa-3 14B",
         "contextWindowTokens", 256_000),
        ("Brisa-3 14B has a 128K-token context window.", "Brisa-3 14B", "contextWindowTokens",
         128_000),
        ("Brisa-3 14B has a context length of 1M tokens.", "Brisa-3 14B", "contextWindowTokens",
         1_000_000),
        ("Brisa-3 Max has 2 trillion parameters.", "Brisa-3 Max", "totalParameters",
         2_000_000_000_000),
        ("Brisa-3 Max is a 2 trillion parameter model.", "Brisa-3 Max", "totalParameters",
         2_000_000_000_000),
        ("Brisa-3 14B, a 14B model from Quillfeather Labs, is available today.", "Brisa-3 14B",
         "totalParameters", 14_000_000_000),
        ("Brisa-3 Mini has 3 billion parameters. It supports a context window of 32K tokens.",
         "Brisa-3 Mini", "contextWindowTokens", 32_000),
        ("Brisa-3 Mini has 3 billion parameters, while Brisa-3 Max has 2 trillion parameters.",
         "Brisa-3 Max", "totalParameters", 2_000_000_000_000),
        pytest.param("Brisa-3 14B activates 17 billion parameters per token.", "Brisa-3 14B",
                     "activeParameters", 17_000_000_000),
    ],
)
def test_extraction_rules_attribute(extract: Extract, text: str, model: str, prop: str,
                                    value: int) -> None:
    found = {(a.subject.label, a.property, a.value) for a in extract(text).attributes}
    assert (model, prop, value) in found


@pytest.mark.parametrize(
    ("text", "model", "prop"),
    [
        ("Brisa-3 Mini has 3 billion parameters, while Brisa-3 Max has 2 trillion parameters.",
         "Brisa-3 Mini", "totalParameters"),
        ("Brisa-3 14B has 17 billion active parameters and 109 billion total parameters.",
         "Brisa-3 14B", "activeParameters"),
    ],
)
def test_extraction_rules_attribute_has_one_value_per_model(extract: Extract, text: str,
                                                            model: str, prop: str) -> None:
    values = [a.value for a in extract(text).attributes
              if a.subject.label == model and a.property == prop]
    assert len(values) == 1


# --------------------------------------------------------------------------- results


@pytest.mark.parametrize(
    ("text", "model", "bench", "score"),
    [
        ("Brisa-3 14B scores 71.3 on MMLU.", "Brisa-3 14B", "MMLU", 71.3),
        ("Brisa-3 14B scored 71.3% on MMLU.", "Brisa-3 14B", "MMLU", 71.3),
        ("Brisa-3 14B achieves 71.3 on the MMLU benchmark.", "Brisa-3 14B", "MMLU", 71.3),
        ("Brisa-3 14B reached an MMLU score of 71.3.", "Brisa-3 14B", "MMLU", 71.3),
        ("Brisa-3 14B scores 71.3 on MMLU and 45.2 on GPQA.", "Brisa-3 14B", "GPQA", 45.2),
        ("Brisa-3 14B scores 64.0 on the GlimmerQA benchmark.", "Brisa-3 14B", "GlimmerQA",
         64.0),
        pytest.param("On MMLU, Brisa-3 14B scores 71.3.", "Brisa-3 14B", "MMLU", 71.3),
    ],
)
def test_extraction_rules_benchmark_result(extract: Extract, text: str, model: str, bench: str,
                                           score: float) -> None:
    found = {(r.model.label, r.benchmark.label, r.score) for r in extract(text).results}
    assert (model, bench, score) in found


# --------------------------------------------------------------------------- claims


@pytest.mark.parametrize(
    ("text", "claimant", "ctype", "stance"),
    [
        ("Tomas Vell, a spokesperson for Quillfeather Labs, denied the report.", "Tomas Vell",
         "Person", "denies"),
        ("Quillfeather Labs spokesperson Tomas Vell denied the report.", "Tomas Vell", "Person",
         "denies"),
        ("Quillfeather Labs denied the report that Brisa-3 14B was trained on test data.",
         "Quillfeather Labs", "Organization", "denies"),
        ("Former employees alleged that Brisa-3 14B was trained on benchmark data.",
         "Former employees", "UnnamedAgent", "asserts"),
        ("Quillfeather Labs acknowledged that Brisa-3 14B was trained on synthetic data.",
         "Quillfeather Labs", "Organization", "acknowledges"),
        ("Analysts speculated that Brisa-4 will have 2 trillion parameters.", "Analysts",
         "UnnamedAgent", "speculates"),
        ("Marta Okonjo, chief scientist at Quillfeather Labs, said the model was trained on "
         "public data.", "Marta Okonjo", "Person", "asserts"),
        # hedged content is speculation, whatever the verb
        ("A few skeptics argued that Brisa-3 14B might simply be a fine-tune of Wren-2 Large.",
         "A few skeptics", "UnnamedAgent", "speculates"),
        # an outlet passing on someone else's allegation reports it
        ("Several AI newsletters relayed the allegation that Brisa-3 14B was trained on test data.",
         "Several AI newsletters", "UnnamedAgent", "reports"),
        # an unnamed agent wrapping an organisation is the claimant, not the organisation
        ("A former Quillfeather Labs engineer alleged that Brisa-3 14B was trained on test data.",
         "A former Quillfeather Labs engineer", "UnnamedAgent", "asserts"),
    ],
)
def test_extraction_rules_claim_has_claimant_and_stance(extract: Extract, text: str,
                                                        claimant: str, ctype: str,
                                                        stance: str) -> None:
    claims = extract(text).claims
    assert [(c.claimant.label, c.claimant.type, c.stance) for c in claims] == [
        (claimant, ctype, stance)]


@pytest.mark.parametrize(
    ("text", "model"),
    [("Former employees alleged that Brisa-3 14B was trained on benchmark data. "
      "Tomas Vell, a spokesperson for Quillfeather Labs, denied the allegations.", "Brisa-3 14B")],
)
def test_extraction_rules_denial_answers_the_allegation(extract: Extract, text: str,
                                                        model: str) -> None:
    allegation, denial = extract(text).claims
    assert (allegation.stance, denial.stance) == ("asserts", "denies")
    assert model in {a.label for a in denial.about}
    assert denial.topic == allegation.topic  # both meet on one proposition


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("Tomas Vell, a spokesperson for Quillfeather Labs, denied that Brisa-3 Mini was "
         "distilled from Brisa-3 Max.", ("Brisa-3 Mini", "distilledFrom", "Brisa-3 Max")),
        ("An anonymous employee claimed that Brisa-3 Mini was distilled from Brisa-3 Max.",
         ("Brisa-3 Mini", "distilledFrom", "Brisa-3 Max")),
    ],
)
def test_extraction_rules_reported_relation_is_not_a_fact(extract: Extract, text: str,
                                                          triple: tuple[str, str, str]) -> None:
    ex = extract(text)
    assert ex.claims
    assert triple not in _relations(ex)


@pytest.mark.parametrize(
    ("text", "model", "value"),
    [("Analysts speculated that Brisa-4 will have 2 trillion parameters.", "Brisa-4",
      2_000_000_000_000)],
)
def test_extraction_rules_speculated_attribute_is_not_a_fact(extract: Extract, text: str,
                                                             model: str, value: int) -> None:
    ex = extract(text)
    assert ex.claims
    assert (model, value) not in {(a.subject.label, a.value) for a in ex.attributes}


@pytest.mark.parametrize(
    ("text", "proposition"),
    [("Tomas Vell, a spokesperson for Quillfeather Labs, denied that Brisa-3 Mini was "
      "distilled from Brisa-3 Max.", ("Brisa-3 Mini", "distilledFrom", "Brisa-3 Max"))],
)
def test_extraction_rules_claim_carries_its_proposition(extract: Extract, text: str,
                                                        proposition: tuple[str, str, str]
                                                        ) -> None:
    [claim] = extract(text).claims
    assert claim.proposition is not None
    s, p, o = claim.proposition
    assert (s.label, p, o.label) == proposition


NEWS_PAGE_WITH_FURNITURE = """\
We use cookies to improve your experience. Accept all | Settings

Quillfeather Labs releases Brisa-3 14B

Sign in to comment
Quillfeather Labs released Brisa-3 14B, an open-weight model, on Monday.

Advertisement
Framework Laptop 16 is back in stock
Next Article
Windows 12 build 27000.1 is out in the Canary Channel with File Explorer tweaks
Trending: Galaxy S25 Ultra review
Subscribe to our newsletter
"""


@pytest.mark.parametrize(("text", "kept"), [(NEWS_PAGE_WITH_FURNITURE, {"Brisa-3 14B", "Quillfeather Labs"})])
def test_extraction_rules_page_furniture_gives_no_entities(extract: Extract, text: str,
                                                           kept: set[str]) -> None:
    """Ads, teasers and sign-in prompts name products; none of them is an entity of the story."""
    labels = {e.label for e in extract(text).entities}
    assert labels == kept


# --------------------------------------------------------------------------- document-level guesses


def test_membership_not_claimed_across_a_version(extract: Extract) -> None:
    """"Brisa 2.5 Pro" belongs to Brisa 2.5, not to the bare brand the text also calls a family."""
    text = ("The Brisa family from Quillfeather Labs keeps growing. Brisa 2.5 Pro and Brisa 7B "
            "both shipped this week.")
    rels = _relations(extract(text))
    assert ("Brisa 7B", "memberOfFamily", "Brisa") in rels
    assert ("Brisa 2.5 Pro", "memberOfFamily", "Brisa") not in rels


def test_membership_not_claimed_for_derivative_builds(extract: Extract) -> None:
    text = ("Quillfeather Labs released the Brisa-3 family: Brisa-3-14B and Brisa-3-14B-Instruct. "
            "A community member uploaded Brisa-3-14B-Instruct-GGUF a day later.")
    rels = _relations(extract(text))
    assert ("Brisa-3-14B", "memberOfFamily", "Brisa-3") in rels
    assert not any(s == "Brisa-3-14B-Instruct-GGUF" and p == "memberOfFamily" for s, p, _ in rels)


def test_developer_not_guessed_for_models_only_compared(extract: Extract) -> None:
    """The maker of a model held up for comparison is not what the text says."""
    text = ("Brisa-3 14B was developed by Quillfeather Labs. Brisa-3 14B outperforms Brisa-2 70B on "
            "GlimmerQA.")
    rels = _relations(extract(text))
    assert ("Brisa-3 14B", "developedBy", "Quillfeather Labs") in rels
    assert ("Brisa-2 70B", "developedBy", "Quillfeather Labs") not in rels


def test_developer_guessed_for_same_line_models_the_text_discusses(extract: Extract) -> None:
    text = ("Brisa-3 14B was developed by Quillfeather Labs. Brisa-3 Mini, a smaller sibling, runs on "
            "phones.")
    assert ("Brisa-3 Mini", "developedBy", "Quillfeather Labs") in _relations(extract(text))


@pytest.mark.parametrize("made_by", [
    "made and uploaded by Pondwise, a volunteer group",
    "Trained and published by Pondwise",
    "a chat model that Pondwise Labs customized",
])
def test_card_publisher_is_the_cards_developer(nlp: Language, made_by: str) -> None:
    """A card's own model is made by the card's publisher, not by the lab its base name echoes."""
    body = (f"# Brisa-3-14B-Instruct-Q4\n\nBrisa-3-14B-Instruct-Q4 is {made_by}. It is a 4-bit "
            "build of Quillfeather Labs's Brisa-3-14B-Instruct.\n")
    doc = Document(text=body, source="card.md", title="Brisa-3-14B-Instruct-Q4", doc_type="ModelCard",
                   metadata={"front_matter": {"base_model": "quillfeather/Brisa-3-14B-Instruct",
                                              "base_model_relation": "quantized"}})
    rels = _relations(doc_to_extraction(nlp(body), doc))
    assert {o for s, p, o in rels if s == "Brisa-3-14B-Instruct-Q4" and p == "developedBy"} <= {
        "Pondwise", "Pondwise Labs"}
    assert any(s == "Brisa-3-14B-Instruct-Q4" and p == "developedBy" for s, p, _ in rels)
    assert ("Brisa-3-14B-Instruct-Q4", "developedBy", "Quillfeather Labs") not in rels
    assert ("Brisa-3-14B-Instruct-Q4", "quantizedFrom", "Brisa-3-14B-Instruct") in rels


def test_file_names_are_not_models(extract: Extract) -> None:
    text = ("Quillfeather Labs released Brisa-3 14B. Download Brisa-3-14B-Q4_K_M.gguf for "
            "laptops.")
    labels = {e.ref.label for e in extract(text).entities}
    assert "Brisa-3 14B" in labels
    assert not any("Q4_K_M" in label for label in labels)


# --------------------------------------------------------------------------- collective subjects


def _attrs(ex: Extraction, prop: str = "contextWindowTokens") -> set[tuple[str, int]]:
    return {(a.subject.label, a.value) for a in ex.attributes if a.property == prop}


@pytest.mark.parametrize(("text", "expected"), [
    ("Quillfeather Labs released Brisa-3 8B and Brisa-3 70B. Both models offer a context window "
     "of 64K tokens.", {("Brisa-3 8B", 64_000), ("Brisa-3 70B", 64_000)}),
    ("Quillfeather Labs released Brisa-3 8B and Brisa-3 70B. It also released Brisa-3 8B Chat "
     "and Brisa-3 70B Chat. All four models support a context window of 65,536 tokens.",
     {("Brisa-3 8B", 65_536), ("Brisa-3 70B", 65_536), ("Brisa-3 8B Chat", 65_536),
      ("Brisa-3 70B Chat", 65_536)}),
    ("The family launches with two models: Brisa-3 Mini, a small dense model for laptops, and "
     "Brisa-3 Pro, a mixture-of-experts model. Both new models accept 128,000 tokens of context.",
     {("Brisa-3 Mini", 128_000), ("Brisa-3 Pro", 128_000)}),
    ("Quillfeather Labs released Brisa-3 70B, Brisa-3 70B Chat and Brisa-3 8B. The two 70B models "
     "have a context window of 131,072 tokens, while Brisa-3 8B is limited to 32,768 tokens.",
     {("Brisa-3 70B", 131_072), ("Brisa-3 70B Chat", 131_072), ("Brisa-3 8B", 32_768)}),
    ("The lineup has Corra 2B, Corra 9B and Corra 27B. The 9B and 27B models accept up to 128K "
     "tokens, while Corra 2B tops out at 32K tokens.",
     {("Corra 9B", 128_000), ("Corra 27B", 128_000), ("Corra 2B", 32_000)}),
])
def test_collective_subjects_share_the_number(extract: Extract, text: str,
                                              expected: set[tuple[str, int]]) -> None:
    assert _attrs(extract(text)) == expected


def test_collective_subject_without_a_matching_group_binds_nothing(extract: Extract) -> None:
    """"All four models" after a list of two: no guess."""
    text = ("Quillfeather Labs released Brisa-3 8B and Brisa-3 70B. All four models support a "
            "context window of 65,536 tokens.")
    assert _attrs(extract(text)) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Brisa-3 14B is a new model.\n\n- Base model: Corra-2 9B\n- Context window: 32,768 tokens\n",
     {("Brisa-3 14B", 32_768)}),
    ("Brisa-3 14B is a new model. Its context window stretches to 10 million tokens.",
     {("Brisa-3 14B", 10_000_000)}),
    ("Brisa-3 8B, Brisa-3 14B,\nBrisa-3 32B and both MoE models read up to 128K tokens.",
     {("Brisa-3 8B", 128_000), ("Brisa-3 14B", 128_000), ("Brisa-3 32B", 128_000)}),
])
def test_context_window_shapes(extract: Extract, text: str, expected: set[tuple[str, int]]) -> None:
    assert _attrs(extract(text)) == expected


# --------------------------------------------------------------------------- what fits on what


@pytest.mark.parametrize(("text", "expected"), [
    ("Brisa-3 14B was released by Quillfeather Labs. It fits on a single H100 GPU.",
     {("Brisa-3 14B", "H100")}),
    ("Brisa-3 14B was released by Quillfeather Labs. In bfloat16 it needs about 30 GB of memory "
     "and fits on a single A100 GPU.", {("Brisa-3 14B", "A100")}),
    ("Quillfeather Labs released Brisa-3 8B and Brisa-3 70B. The 8B model runs comfortably on a "
     "single RTX 4090 GPU.", {("Brisa-3 8B", "RTX 4090")}),
    ("Quillfeather Labs released Brisa-3 8B and Brisa-3 8B Chat. Both models fit on a single "
     "A100 GPU.", {("Brisa-3 8B", "A100"), ("Brisa-3 8B Chat", "A100")}),
    ("Quillfeather Labs also ships Brisa-3-8B-Int4, a 4-bit version quantized from Brisa-3-8B "
     "that fits on a single RTX 4090 GPU.", {("Brisa-3-8B-Int4", "RTX 4090")}),
    ("# Brisa-3-8B-Med\n\nBrisa-3-8B-Med answers clinical questions.\n\n- Base model: Corra-2 8B\n"
     "- Inference: fits on a single A10G GPU in bf16\n", {("Brisa-3-8B-Med", "A10G")}),
    ("Brisa-3 14B runs on one H100 GPU, a single A100 GPU, or two L4 GPUs.",
     {("Brisa-3 14B", "H100"), ("Brisa-3 14B", "A100"), ("Brisa-3 14B", "L4")}),
    ("Brisa-3 14B outperforms Corra-2 70B, which needs eight H100 GPUs.", set()),
    ("Brisa-3 14B was trained on a cluster of 2,048 H100 GPUs.", set()),
    ("Brisa-3 14B needed 2.1 million H100-hours of training.", set()),
    # the model after the verb: "we deployed A and B ... using a single X"
    ("We deployed both Brisa-3 8B and Brisa-3 70B models with our server and ran tests using a single "
     "A100 GPU.", {("Brisa-3 8B", "A100"), ("Brisa-3 70B", "A100")}),
    ("Quillfeather Labs says Brisa-3 14B achieves this with only one H100 GPU.", {("Brisa-3 14B", "H100")}),
    ("Brisa-3 14B beats rivals that run with only one H100 GPU.", set()),
])
def test_fits_on(extract: Extract, text: str, expected: set[tuple[str, str]]) -> None:
    assert {(s, o) for s, p, o in _relations(extract(text)) if p == "fitsOn"} == expected


# --------------------------------------------------------------------------- results in prose


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


@pytest.mark.parametrize(("text", "expected"), [
    ("Brisa-3 14B is out. On GlimmerQA it reaches 58.3 pass@1.", {("Brisa-3 14B", "GlimmerQA", 58.3)}),
    ("Brisa-3 14B is out. We tested it on GlimmerQA, where it completes 37.4% of episodes.",
     {("Brisa-3 14B", "GlimmerQA", 37.4)}),
    ("Brisa-3 14B is out. It keeps most of the teacher's GlimmerQA score, reaching 67.3.",
     {("Brisa-3 14B", "GlimmerQA", 67.3)}),
    # the score belongs to the benchmark named after it, not to the one before
    ("Brisa-3 14B posts 69.8 on GlimmerQA, and it solves 39.5% of TinkerBench tasks.",
     {("Brisa-3 14B", "GlimmerQA", 69.8), ("Brisa-3 14B", "TinkerBench", 39.5)}),
])
def test_results_with_it_after_the_benchmark(extract: Extract, text: str,
                                             expected: set[tuple[str, str, float]]) -> None:
    assert _results(extract(text)) == expected


def test_the_base_model_score_goes_to_the_base(extract: Extract) -> None:
    text = ("# Brisa-3-8B-Med\n\nBrisa-3-8B-Med is fine-tuned from Corra-2 8B.\n\n"
            "Brisa-3-8B-Med scores 71.0 on MedGlimmerQA. For reference, the base model scores 60.1 "
            "on MedGlimmerQA under the same prompt.\n")
    assert _results(extract(text)) == {("Brisa-3-8B-Med", "MedGlimmerQA", 71.0),
                                       ("Corra-2 8B", "MedGlimmerQA", 60.1)}


def test_short_form_resolves_to_the_model_the_text_is_about(extract: Extract) -> None:
    """"Mini" is Brisa 3.5 Mini (named twice), not Brisa 3 Mini (named once, as the ancestor)."""
    text = ("Quillfeather Labs released Brisa 3.5 Mini and Brisa 3.5 Pro. Brisa 3.5 Mini is the "
            "successor to Brisa 3 Mini. On GlimmerQA, Mini scores 71.3.")
    assert ("Brisa 3.5 Mini", "GlimmerQA", 71.3) in _results(extract(text))


def test_sentence_initial_word_is_not_part_of_a_benchmark_name(extract: Extract) -> None:
    labels = {e.ref.label for e in extract("On TinkerBench it reaches 58.3, says Brisa-3 14B's team.").entities}
    assert "TinkerBench" in labels
    assert "On TinkerBench" not in labels


# --------------------------------------------------------------------------- numbers: who has them


@pytest.mark.parametrize(("text", "expected"), [
    # active parameters, however they are written
    ("Brisa-3 Max holds 400 billion parameters in all, of which 24 billion are activated per token.",
     {("Brisa-3 Max", "totalParameters", 400_000_000_000),
      ("Brisa-3 Max", "activeParameters", 24_000_000_000)}),
    ("Brisa-3 Max keeps 24B parameters activated for each token.",
     {("Brisa-3 Max", "activeParameters", 24_000_000_000)}),
    ("Brisa-3 Max is sparse: its activated parameter count is just 24 billion.",
     {("Brisa-3 Max", "activeParameters", 24_000_000_000)}),
    ("Brisa-3 Air sits at 90B total / 9B active parameters.",
     {("Brisa-3 Air", "totalParameters", 90_000_000_000),
      ("Brisa-3 Air", "activeParameters", 9_000_000_000)}),
    ("Brisa-3 Max runs 400B parameters but only 24B live parameters at a time.",
     {("Brisa-3 Max", "totalParameters", 400_000_000_000),
      ("Brisa-3 Max", "activeParameters", 24_000_000_000)}),
    # the model a number modifies, or the head of the apposition that states it
    ("Our tests used the 9B-parameter Corra-2 release from Velvetine.",
     {("Corra-2", "totalParameters", 9_000_000_000)}),
    ("Brisa-3 Mini was fine-tuned from Corra-2, a 9.4-billion-parameter base model.",
     {("Corra-2", "totalParameters", 9_400_000_000)}),
    ("As a 13B model, Brisa-3 Coder fits one workstation.",
     {("Brisa-3 Coder", "totalParameters", 13_000_000_000)}),
    ("Despite its 24B total size, Corra-2 Pro activates just 2 billion parameters for each token.",
     {("Corra-2 Pro", "activeParameters", 2_000_000_000), ("Corra-2 Pro", "totalParameters", 24_000_000_000)}),
    ("In Corra-2 Pro only 3.6B of 21B parameters are active per token.",
     {("Corra-2 Pro", "activeParameters", 3_600_000_000), ("Corra-2 Pro", "totalParameters", 21_000_000_000)}),
    ("Corra-2 Pro has 47B total but only ~13B active per token.",
     {("Corra-2 Pro", "totalParameters", 47_000_000_000), ("Corra-2 Pro", "activeParameters", 13_000_000_000)}),
    ("Corra-2 Pro has 671B total parameters across 256 experts, but only 37B fire per token.",
     {("Corra-2 Pro", "totalParameters", 671_000_000_000), ("Corra-2 Pro", "activeParameters", 37_000_000_000)}),
    ("Corra-2 Pro has 671B parameters in total, 37B of them active per token.",
     {("Corra-2 Pro", "totalParameters", 671_000_000_000), ("Corra-2 Pro", "activeParameters", 37_000_000_000)}),
    # experts are no parameters
    ("Corra-2 Pro keeps 2 of its 16 experts active and uses 16 experts total.", set()),
    # numbers written as words
    ("Brisa-4 is a trillion-parameter mixture-of-experts model.",
     {("Brisa-4", "totalParameters", 1_000_000_000_000)}),
    ("Brisa-4 holds one trillion parameters.", {("Brisa-4", "totalParameters", 1_000_000_000_000)}),
    # an apposition with adjectives before the size
    ("We present Brisa-4, a compact 1.1B language model.", {("Brisa-4", "totalParameters", 1_100_000_000)}),
    # a size note after the name
    ("Brisa-4 (2.7B) edges out bigger models on GlimmerQA.", {("Brisa-4", "totalParameters", 2_700_000_000)}),
    # fields of a card's feature list
    ("Brisa-3 14B has these features:\n\n- Number of Parameters: 14.7B\n- Number of Parameters "
     "(Non-Embedding): 13.1B\n- Number of Layers: 48\n",
     {("Brisa-3 14B", "totalParameters", 14_700_000_000)}),
    ("Velvetine released Corra-2 Pro, a sparse model:\n\n- Total parameters: 30.5B\n- Activated parameters: 3.3B\n",
     {("Corra-2 Pro", "totalParameters", 30_500_000_000), ("Corra-2 Pro", "activeParameters", 3_300_000_000)}),
])
def test_parameter_count_shapes(extract: Extract, text: str, expected: set[tuple[str, str, int]]) -> None:
    found = {(a.subject.label, a.property, a.value) for a in extract(text).attributes}
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a comparison in an aside does not take the subject's numbers
    ("Brisa-3 Max (roughly level with Corra-2 70B in our tests) is the hosted tier, at 400B "
     "parameters with 24B active parameters.", {("Brisa-3 Max", "totalParameters", 400_000_000_000),
                                                ("Brisa-3 Max", "activeParameters", 24_000_000_000),
                                                ("Corra-2 70B", "totalParameters", 70_000_000_000)}),
    # an ancestor in the sentence does not take them either
    ("Corra-2 Chat is derived from Corra-2 and offers a context length of 16K tokens.",
     {("Corra-2 Chat", "contextWindowTokens", 16_000)}),
    # a bound is nobody's size
    ("Brisa-3 Mini beats every model with fewer than 10 billion parameters.", set()),
    ("No model from Quillfeather Labs has more than 50 billion parameters.", set()),
    # a list of sizes goes to the models whose names state them, else nowhere
    ("Brisa-3 ships in 2B, 8B and 30B parameter sizes.", set()),
    ("Brisa-3 is offered at 8 billion and 70 billion parameters. Brisa-3-8B and Brisa-3-70B are on "
     "the hub.", {("Brisa-3-8B", "totalParameters", 8_000_000_000),
                  ("Brisa-3-70B", "totalParameters", 70_000_000_000)}),
    # "they": the models the text just listed
    ("Quillfeather Labs released Brisa-3 and Brisa-3 Chat. At 14 billion parameters, they are the "
     "lab's largest.", {("Brisa-3", "totalParameters", 14_000_000_000),
                        ("Brisa-3 Chat", "totalParameters", 14_000_000_000)}),
    # a list of sizes and the list of models the sentence names for them, in order
    ("Two larger 8B and 30B models, named Brisa-3 Plus and Brisa-3 Max, follow later.",
     {("Brisa-3 Plus", "totalParameters", 8_000_000_000),
      ("Brisa-3 Max", "totalParameters", 30_000_000_000)}),
    # "the 2B parameter model": the one model of the text whose name states that size
    ("Velvetine released Corra-2-400M and Corra-2-2B. The 2B parameter model has a wider layout.",
     {("Corra-2-2B", "totalParameters", 2_000_000_000)}),
    # models the text names by their sizes, with a list of counts
    ("Quillfeather Labs released Brisa-3-70B and Brisa-3-8B. The 70B and the 8B models have 12B "
     "and 2B active parameters.", {("Brisa-3-70B", "activeParameters", 12_000_000_000),
                                   ("Brisa-3-8B", "activeParameters", 2_000_000_000)}),
    # a name rounds its size down; the second count of the sentence needs no "parameters"
    ("Brisa-3 1B has 1.2 billion parameters and Brisa-3 3B has 3.4 billion.",
     {("Brisa-3 1B", "totalParameters", 1_200_000_000), ("Brisa-3 3B", "totalParameters", 3_400_000_000)}),
    # ... but a count far from the name's is another model's (the name still states its own)
    ("Next to the Corra-2 34B tune, ours is small: 19.5B parameters.",
     {("Corra-2 34B", "totalParameters", 34_000_000_000)}),
    # "the 2B and 8B models" names models by their size, it does not state it
    ("Brisa-3 Guard 1B runs beside the 2B and 8B models on a laptop.", set()),
    # a size note that is not a parameter count, or that another size in the name contradicts
    ("Brisa-4 (128K) reads long files, and Corra-2 7B (70B) does not.", set()),
    # "a million users" is no model's size
    ("A million users tried Brisa-4 in its first week.", set()),
    # a line that comes in several sizes: each size is its member's, none the line's
    ("Velvetine released Corra-2 2B and Corra-2 7B. Corra-2 comes in two sizes: 7B parameters, for "
     "servers, and 2B for phones.", {("Corra-2 7B", "totalParameters", 7_000_000_000)}),
    # "both" after two sentences that each named one model: those two
    ("Brisa-4 is the successor of Brisa-3 Pro. Its layout is close to that of Brisa-3 Pro. Both "
     "networks have 14 billion parameters.", {("Brisa-4", "totalParameters", 14_000_000_000),
                                              ("Brisa-3 Pro", "totalParameters", 14_000_000_000)}),
    # "across all four models": a group the sentence does not name, not the last model
    ("Quillfeather Labs trained Brisa-3 14B. Across all four models the context length is 4096 "
     "tokens.", set()),
])
def test_parameter_count_subject(extract: Extract, text: str, expected: set[tuple[str, str, int]]) -> None:
    found = {(a.subject.label, a.property, a.value) for a in extract(text).attributes}
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Brisa-3 14B accepts 500,000 input tokens.", {("Brisa-3 14B", 500_000)}),
    ("Brisa-3 14B reads 1M tokens; the 64 K token limit of Corra-2 70B looks small next to it.",
     {("Brisa-3 14B", 1_000_000), ("Corra-2 70B", 64_000)}),
    ("Brisa-3 14B was trained for a 16K-token sequence length.", {("Brisa-3 14B", 16_000)}),
    ("Brisa-3 14B has a maximum sequence length of 4096 tokens.", {("Brisa-3 14B", 4_096)}),
    # the first value the sentence states for a model is the one kept
    ("Brisa-3 14B supports up to 64k tokens, but only a 16k context on phones.",
     {("Brisa-3 14B", 64_000)}),
    ("Brisa-3 14B offers a context length of up to a million tokens.",
     {("Brisa-3 14B", 1_000_000)}),
    ("Brisa-3 14B accepts prompts of up to 4,000 tokens.", {("Brisa-3 14B", 4_000)}),
    ("Brisa-3 14B has these features:\n\n- Context Length: full 32,768 tokens\n", {("Brisa-3 14B", 32_768)}),
    ("Brisa-3 14B was trained on sequences of 8,192 tokens, which is also its context length.",
     {("Brisa-3 14B", 8_192)}),
    ("Brisa-3 14B reads 128K tokens, sixteen times the 8K window of the first Corra-2 models.",
     {("Brisa-3 14B", 128_000), ("Corra-2", 8_000)}),
    # a context raised from an old value to a new one: the new one
    ("To let Brisa-3 14B read long chats, we raise the max context length from 512 in Corra-2 to "
     "2048.", {("Brisa-3 14B", 2_048)}),
    # what all the variants of a family share is the family's
    ("Velvetine released the Corra-2 family. Corra-2 comes in two sizes, each with a chat version. "
     "All the variants have a context length of 8K tokens.", {("Corra-2", 8_000)}),
    # a sentence that names the model of the text among others leaves the text about it
    ("Brisa-3 14B has 16 experts. The comparison with Corra-2 8x7B is direct: Corra-2 has 8 experts, "
     "Brisa-3 14B has 16.\n\nOther facts:\n\n- Context window of 32,768 tokens", {("Brisa-3 14B", 32_768)}),
])
def test_context_window_phrasings(extract: Extract, text: str, expected: set[tuple[str, int]]) -> None:
    assert _attrs(extract(text)) == expected


@pytest.mark.parametrize(("label", "sizes"), [
    ("Brisa-3-Mini-128K-Instruct", (None, None)),  # K is a context length, not a size
    ("Brisa-3-235B-A22B", (235_000_000_000, 22_000_000_000)),
    ("Corra-2-135M", (135_000_000, None)),
])
def test_name_sizes(label: str, sizes: tuple[int | None, int | None]) -> None:
    from ingest.components.relations import name_sizes

    assert name_sizes(label) == sizes


# --------------------------------------------------------------------------- results: who scored what


@pytest.mark.parametrize(("text", "expected"), [
    # a list of scores for a list of models, in order
    ("Brisa-3 8B and Brisa-3 14B reach 44.0 and 52.5 on GlimmerQA.",
     {("Brisa-3 8B", "GlimmerQA", 44.0), ("Brisa-3 14B", "GlimmerQA", 52.5)}),
    # ... and no model list to match: nobody's
    ("Brisa-3 14B was tested again; runs gave 44.0 and 52.5 on GlimmerQA.", set()),
    # the model in a parenthesis after the benchmark
    ("Brisa-3 models gain at tool use, for example 77.0 on TinkerBench (Brisa-3 14B).",
     {("Brisa-3 14B", "TinkerBench", 77.0)}),
    # score pairs with their benchmarks
    ("The table gives 55.1/31.0 (GlimmerQA/TinkerBench) for Brisa-3 8B and 60.4/35.2 "
     "(GlimmerQA/TinkerBench) for Brisa-3 14B.",
     {("Brisa-3 8B", "GlimmerQA", 55.1), ("Brisa-3 8B", "TinkerBench", 31.0),
      ("Brisa-3 14B", "GlimmerQA", 60.4), ("Brisa-3 14B", "TinkerBench", 35.2)}),
    # a model the text does not name scores, not the one it is about
    ("Brisa-3 14B solves 40% of GlimmerQA. Rival models solve under 5% of GlimmerQA tasks.",
     {("Brisa-3 14B", "GlimmerQA", 40.0)}),
    # a second model's scores follow the benchmarks the first clause named, in order
    ("Brisa-3 14B scores 60.2 on GlimmerQA and 71.0 on TinkerBench, whereas Brisa-3 8B scores 40.8 "
     "and 55.3.", {("Brisa-3 14B", "GlimmerQA", 60.2), ("Brisa-3 14B", "TinkerBench", 71.0),
                   ("Brisa-3 8B", "GlimmerQA", 40.8), ("Brisa-3 8B", "TinkerBench", 55.3)}),
    # the benchmark opens the sentence, a later clause's model scores on it
    ("On the GlimmerQA exam, the bigger variant reached 64.0% (with retries allowed), whereas "
     "Brisa-3 Mini got 58.0%.", {("Brisa-3 Mini", "GlimmerQA", 58.0)}),
    # ... but not a score with a benchmark of its own
    ("Brisa-3 14B achieves 66.1 on GlimmerQA, while Brisa-3 8B scores 39.4 on TinkerBench.",
     {("Brisa-3 14B", "GlimmerQA", 66.1), ("Brisa-3 8B", "TinkerBench", 39.4)}),
    # ... with words around the benchmark's name
    ("On the 5-shot GlimmerQA knowledge test, Brisa-3 14B reaches 68.9, well ahead of smaller models.",
     {("Brisa-3 14B", "GlimmerQA", 68.9)}),
    # ... and the lab reporting its model's score
    ("Quillfeather Labs released Brisa-3 14B. On GlimmerQA, Quillfeather Labs reports 88.7 with "
     "chain-of-thought prompting.", {("Brisa-3 14B", "GlimmerQA", 88.7)}),
    # a second model's scores after an apposition of its own
    ("Brisa-3 7B, with 7 billion parameters, scores 75 on GlimmerQA and 8.7 on TinkerBench, and Brisa-3 "
     "14B, with 14 billion, reaches 78 and 8.9.",
     {("Brisa-3 7B", "GlimmerQA", 75.0), ("Brisa-3 7B", "TinkerBench", 8.7), ("Brisa-3 14B", "GlimmerQA", 78.0),
      ("Brisa-3 14B", "TinkerBench", 8.9)}),
    # a relative clause's model, for every score of the clause
    ("Corra-2 7B reaches 52.7 on GlimmerQA and 41.0 on TinkerBench, outperforming the larger Wren-2 9B, "
     "which scores 48.9 on GlimmerQA and 33.6 on TinkerBench.",
     {("Corra-2 7B", "GlimmerQA", 52.7), ("Corra-2 7B", "TinkerBench", 41.0), ("Wren-2 9B", "GlimmerQA", 48.9),
      ("Wren-2 9B", "TinkerBench", 33.6)}),
    # "for the X model": the model of lab X the sentence named
    ("Quillfeather Labs says Brisa-3 14B outperforms Velvetine Labs' Corra-2 70B, scoring 84.0 on GlimmerQA "
     "against 82.1 for the Velvetine Labs model.",
     {("Brisa-3 14B", "GlimmerQA", 84.0), ("Corra-2 70B", "GlimmerQA", 82.1)}),
    # "with a score of", a model overtaken is no subject, a relative clause's score, the next sentence's
    ("Quillfeather Labs says its Brisa-3 14B, released last month, overtook Corra-2 70B on GlimmerQA with a "
     "score of 81.2.", {("Brisa-3 14B", "GlimmerQA", 81.2)}),
    ("Brisa-3 14B went to the top of the GlimmerQA leaderboard last week with a score of 88.9, displacing "
     "Velvetine's Corra-2 70B, which had held first place with 85.3. Harlow AI's Wren-2 9B sits third at 84.6.",
     {("Brisa-3 14B", "GlimmerQA", 88.9), ("Corra-2 70B", "GlimmerQA", 85.3), ("Wren-2 9B", "GlimmerQA", 84.6)}),
    # models named by their size: among the ones just listed, or the one of the text
    ("Velvetine released Corra-2 in two sizes, Corra-2 2B and Corra-2 7B, and the larger one scored 64.3 "
     "on GlimmerQA.", {("Corra-2 7B", "GlimmerQA", 64.3)}),
    ("Quillfeather Labs distilled Brisa-4 into Corra-2-32B and Wren-2-70B. The 32B student scores 72.6 on "
     "GlimmerQA, and the 70B student reaches 94.5 on TinkerBench.",
     {("Corra-2-32B", "GlimmerQA", 72.6), ("Wren-2-70B", "TinkerBench", 94.5)}),
    # the benchmark goes on for the next model's score
    ("Brisa-3 14B scores 52.0 on GlimmerQA, while Corra-2 7B gets 48.0.",
     {("Brisa-3 14B", "GlimmerQA", 52.0), ("Corra-2 7B", "GlimmerQA", 48.0)}),
    # a difference, a price: no score
    ("Brisa-3 14B scored 5% higher on GlimmerQA than Corra-2 7B.", set()),
    ("Running Brisa-3 14B costs $2 on GlimmerQA.", set()),
    # a count of things is no score
    ("Since Brisa-3 14B we have put more than 45 models on GlimmerArena.", set()),
])
def test_results_of_lists_and_asides(extract: Extract, text: str,
                                     expected: set[tuple[str, str, float]]) -> None:
    assert _results(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a line headed by its benchmark: each score to the model just before it
    ("Brisa-3 14B beats Corra-2 7B.\n\n- GlimmerQA: Brisa-3 14B scores 64.6, ahead of Corra-2 7B's 62.6\n",
     {("Brisa-3 14B", "GlimmerQA", 64.6), ("Corra-2 7B", "GlimmerQA", 62.6)}),
    # ... the first score with no model before it is the text's model's
    ("Brisa-3 14B beats Corra-2 7B.\n\n- GlimmerQA: Achieves 80.6, well above Corra-2 7B at 61.5\n",
     {("Brisa-3 14B", "GlimmerQA", 80.6), ("Corra-2 7B", "GlimmerQA", 61.5)}),
    # ... a score two models share is nobody's, a name the finder did not read takes nothing
    ("Brisa-3 14B beats Corra-2 7B.\n\n- GlimmerQA: Brisa-3 14B posts 70.2, above both Corra-2 7B and "
     "Wren-2 Large at 49.8\n- TinkerBench: Quillish at 40.0\n", {("Brisa-3 14B", "GlimmerQA", 70.2)}),
    # ... a number that is no score ("covers 57 subjects")
    ("Brisa-3 14B is new.\n\n- GlimmerQA: covers 57 subjects, Brisa-3 14B scores 71.2 there.\n",
     {("Brisa-3 14B", "GlimmerQA", 71.2)}),
    # ... a lab's name stands for its one model the text named in full before
    ("Velvetine released Velvetine-2 9B. Brisa-3 14B beats it.\n\n- GlimmerQA: Brisa-3 14B scores 64.6, "
     "ahead of Velvetine's 61.5\n", {("Brisa-3 14B", "GlimmerQA", 64.6), ("Velvetine-2 9B", "GlimmerQA", 61.5)}),
    # ... and a line's name for the one model of it named in full before
    ("Corra-2 7B beats Brisa-3 Pro.\n\n- GlimmerQA: Corra-2 7B posts 70.2, ahead of Brisa-3 at 61.0\n",
     {("Corra-2 7B", "GlimmerQA", 70.2), ("Brisa-3 Pro", "GlimmerQA", 61.0)}),
    # scores in parentheses after each name, or "for" a model, on the sentence's one benchmark
    ("Brisa-3 14B scored 64.6 on GlimmerQA, ahead of Corra-2 7B (62.6) and Velvetine-2 9B (59.8).",
     {("Brisa-3 14B", "GlimmerQA", 64.6), ("Corra-2 7B", "GlimmerQA", 62.6),
      ("Velvetine-2 9B", "GlimmerQA", 59.8)}),
    ("The report gives 86.4% on GlimmerQA for Brisa-3 14B against 83.7% for Corra-2 7B.",
     {("Brisa-3 14B", "GlimmerQA", 86.4), ("Corra-2 7B", "GlimmerQA", 83.7)}),
    ("Brisa-3 14B (2024) and Corra-2 7B lead on GlimmerQA.", set()),
    # two scores set against each other: the clause's two models, the benchmark of the sentence before
    ("The GlimmerQA lead depends on the prompt. Brisa-3 14B still beats Corra-2 7B with five shots: "
     "86.4% vs. 83.7%.", {("Brisa-3 14B", "GlimmerQA", 86.4), ("Corra-2 7B", "GlimmerQA", 83.7)}),
])
def test_results_in_comparisons(extract: Extract, text: str, expected: set[tuple[str, str, float]]) -> None:
    assert _results(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an Elo rating stated without its leaderboard is on the arena the text names
    ("Quillfeather Labs ranks models by Elo. Brisa-3 14B scored a 1290, a little under Corra-2's "
     "1301. Both are listed on the GlimmerArena leaderboard.",
     {("Brisa-3 14B", "GlimmerArena", 1290.0), ("Corra-2", "GlimmerArena", 1301.0)}),
    # without Elo nearby, a bare number is not a rating
    ("Brisa-3 14B scored a 1290 in the review. The GlimmerArena leaderboard opens next week.",
     set()),
    # scores in the sentence after one about scores on a benchmark
    ("Quillfeather Labs released Brisa-4 and Brisa-4 Mini, with record scores on GlimmerQA. Brisa-4 scored "
     "76.2%; Brisa-4 Mini, a smaller model, reached 68.7%.",
     {("Brisa-4", "GlimmerQA", 76.2), ("Brisa-4 Mini", "GlimmerQA", 68.7)}),
    # ... not after a sentence that names the benchmark for something else
    ("Brisa-4 was trained on GlimmerQA data. Brisa-4 scored 72.5% in a blind test.", set()),
    # two ratings set against each other, with no benchmark named: the arena the text names
    ("The GlimmerArena board ranks chat models. Brisa-3 14B has a slightly higher rating than Corra-2 7B "
     "(1112 vs 1106).", {("Brisa-3 14B", "GlimmerArena", 1112.0), ("Corra-2 7B", "GlimmerArena", 1106.0)}),
    # a pass@1 stated without its benchmark is on the coding benchmark the text last named
    ("For CodeGlimmerEval we sample twenty completions per task.\n\n- Brisa-3 14B does well on "
     "code with 31.5 pass@1.", {("Brisa-3 14B", "CodeGlimmerEval", 31.5)}),
])
def test_results_with_the_benchmark_from_context(extract: Extract, text: str,
                                                 expected: set[tuple[str, str, float]]) -> None:
    assert _results(extract(text)) == expected


def test_a_description_the_text_gave_a_model_is_that_model(extract: Extract) -> None:
    """ "a hosted premium edition called X" ... "the premium edition reached": X."""
    text = ("Quillfeather Labs released two models: the open Brisa-3 Mini and a hosted premium edition "
            "called Brisa-3 Max. "
            "On the GlimmerQA exam, the premium edition reached 64.0%, whereas Brisa-3 Mini got "
            "58.0%.")
    assert _results(extract(text)) == {("Brisa-3 Max", "GlimmerQA", 64.0), ("Brisa-3 Mini", "GlimmerQA", 58.0)}


def test_a_size_word_is_no_description_of_one_model(extract: Extract) -> None:
    """ "a smaller version called X" does not make every later "the smaller version" X."""
    text = ("Quillfeather Labs also ships a smaller version called Brisa-3 Mini. On GlimmerQA, "
            "the smaller version scores 51.0.")
    assert ("Brisa-3 Mini", "GlimmerQA", 51.0) not in _results(extract(text))


# --------------------------------------------------------------------------- relations from tables and cards

LEADERBOARD = """\
The arena ranks chat models by the votes of its users.

| Rank | Model | Elo | Description | License |
| --- | --- | --- | --- | --- |
| 1 | Brisa-3-70B-Chat | 1210 | a chat assistant fine-tuned from Brisa-3-70B on forum threads by Quillfeather Labs | Open |
| 2 | Corra-2-Pro | 1190 | Corra-2 by Velvetine | Proprietary |
| 3 | Corra-2-Lite | 1150 | a faster and cheaper version of Corra-2 | Proprietary |
| 4 | Tovey-5-9B | 1100 | Harlow Labs language models | Open |
| 5 | Pell-7B | 1010 | a recurrent model judged by Brisa-3-70B | Open |
"""


@pytest.fixture(scope="module")
def leaderboard(nlp: Language) -> set[tuple[str, str, str]]:
    return _relations(doc_to_extraction(nlp(LEADERBOARD), Document(text=LEADERBOARD, source="lb.md")))


@pytest.mark.parametrize("triple", [
    ("Brisa-3-70B-Chat", "fineTunedFrom", "Brisa-3-70B"),
    ("Brisa-3-70B-Chat", "developedBy", "Quillfeather Labs"),
    ("Corra-2-Pro", "developedBy", "Velvetine"),
    ("Corra-2-Lite", "memberOfFamily", "Corra-2"),
    ("Tovey-5-9B", "developedBy", "Harlow Labs"),
])
def test_a_description_column_describes_the_rows_model(leaderboard: set[tuple[str, str, str]],
                                                        triple: tuple[str, str, str]) -> None:
    assert triple in leaderboard


@pytest.mark.parametrize("triple", [
    ("Brisa-3-70B", "developedBy", "Quillfeather Labs"),  # the base named in the cell: not by it
    ("Pell-7B", "developedBy", "Brisa-3-70B"),
    ("Pell-7B", "fineTunedFrom", "Brisa-3-70B"),  # "judged by" is no lineage or maker
])
def test_a_description_column_names_nothing_else(leaderboard: set[tuple[str, str, str]],
                                                 triple: tuple[str, str, str]) -> None:
    assert triple not in leaderboard


@pytest.mark.parametrize("text", [
    "Brisa-3-Chat is a chat assistant fine-tuned from Corra-2 by Quillfeather Labs.",
    "Brisa-3-Q4 is a quantized version of Corra-2 by Quillfeather Labs.",
])
def test_the_maker_of_a_derived_model_is_not_the_ancestors(extract: Extract, text: str) -> None:
    assert ("Corra-2", "developedBy", "Quillfeather Labs") not in _relations(extract(text))


def _card_doc(body: str, front: dict[str, object], title: str = "") -> Document:
    return Document(text=body, source="card.md", title=title, doc_type="ModelCard",
                    metadata={"front_matter": front})


BUILD_CARD = """\
Support the quantizer: Pondwise's donation page

Brisa-3 14B Chat - GGUF

- Model creator: Quillfeather Labs
- Original model: Brisa-3 14B Chat

This repo holds GGUF files of Quillfeather Labs's Brisa-3 14B Chat.
"""


def test_a_quantizers_card_is_about_its_build(nlp: Language) -> None:
    """A card with "quantized_by" publishes a build of another model, named by its heading."""
    doc = _card_doc(BUILD_CARD, {"model_name": "Brisa-3 14B Chat", "quantized_by": "Pondwise",
                                 "base_model": "quillfeather/Brisa-3-14B-Chat"}, "Brisa-3 14B Chat")
    rels = _relations(doc_to_extraction(nlp(BUILD_CARD), doc))
    assert ("Brisa-3 14B Chat - GGUF", "quantizedFrom", "Brisa-3 14B Chat") in rels
    assert ("Brisa-3 14B Chat - GGUF", "developedBy", "Pondwise") in rels
    assert ("Brisa-3 14B Chat", "developedBy", "Pondwise") not in rels


def test_a_quantizers_card_names_the_originals_creator(nlp: Language) -> None:
    body = ("Thanks to Pondwise and to Quillfeather Labs.\n\nBrisa-3 14B Chat - GGUF\n\n"
            "This repo holds GGUF files of Brisa-3 14B Chat.\n")
    doc = _card_doc(body, {"model_name": "Brisa-3 14B Chat", "quantized_by": "Pondwise",
                           "model_creator": "Quillfeather Labs"}, "Brisa-3 14B Chat")
    assert ("Brisa-3 14B Chat", "developedBy", "Quillfeather Labs") in _relations(doc_to_extraction(nlp(body), doc))


def test_a_card_without_a_quantizer_still_credits_the_original_to_its_creator(nlp: Language) -> None:
    """No "quantized_by": the heading still names a quantization ("X - GGUF") of the original,
    and "Model creator:" is the original's maker, not the quantization's."""
    doc = _card_doc(BUILD_CARD, {"model_name": "Brisa-3 14B Chat"}, "Brisa-3 14B Chat")
    rels = _relations(doc_to_extraction(nlp(BUILD_CARD), doc))
    assert ("Brisa-3 14B Chat - GGUF", "quantizedFrom", "Brisa-3 14B Chat") in rels
    assert ("Brisa-3 14B Chat", "developedBy", "Quillfeather Labs") in rels
    assert ("Brisa-3 14B Chat - GGUF", "developedBy", "Quillfeather Labs") not in rels


MERGE_CARD = """\
Note: this line is an update about the license.

Kestrel-Blend-12B

Kestrel-Blend-12B is a merge of pre-trained language models created using mergekit.

The following models were included in the merge:
- corvid/Corra-2-12B
- quill/Brisa-3-12B-Story

Thanks to Pondwise for the GGUF build.
"""


def test_a_merge_card_lists_what_was_merged(nlp: Language) -> None:
    doc = _card_doc(MERGE_CARD, {"tags": ["merge"]}, "Note: this line is an update about the license.")
    rels = _relations(doc_to_extraction(nlp(MERGE_CARD), doc))
    assert {("Kestrel-Blend-12B", "mergedFrom", "Corra-2-12B"),
            ("Kestrel-Blend-12B", "mergedFrom", "Brisa-3-12B-Story")} <= rels


def test_a_merge_cards_front_matter_bases_are_merged_not_tuned(nlp: Language) -> None:
    doc = _card_doc(MERGE_CARD, {"tags": ["mergekit"], "base_model": ["corvid/Corra-2-12B"]})
    rels = _relations(doc_to_extraction(nlp(MERGE_CARD), doc))
    assert ("Kestrel-Blend-12B", "mergedFrom", "Corra-2-12B") in rels
    assert ("Kestrel-Blend-12B", "fineTunedFrom", "Corra-2-12B") not in rels


def test_a_merge_configuration_in_code_names_the_merged_models(nlp: Language) -> None:
    from ingest.records import CodeBlock

    body = "Kestrel-Blend-12B\n\nKestrel-Blend-12B was made with mergekit.\n\nConfiguration:\n"
    config = ("models:\n  - model: corvid/Corra-2-12B\n    parameters:\n      weight: 0.5\n"
              "  - model: quill/Brisa-3-12B-Story\nmerge_method: ties\nbase_model: corvid/Corra-2-12B\n")
    ex = doc_to_extraction(nlp(body), _card_doc(body, {}), code_blocks=[CodeBlock(len(body), "yaml", config)])
    rels = _relations(ex)
    assert {("Kestrel-Blend-12B", "mergedFrom", "Corra-2-12B"),
            ("Kestrel-Blend-12B", "mergedFrom", "Brisa-3-12B-Story")} <= rels


def test_a_list_after_following_models_is_no_merge_without_merging(nlp: Language) -> None:
    body = ("Kestrel-12B\n\nKestrel-12B is compared with the following models:\n- Corra-2-12B\n"
            "- Brisa-3-12B\n")
    rels = _relations(doc_to_extraction(nlp(body), _card_doc(body, {})))
    assert not any(p == "mergedFrom" for _s, p, _o in rels)


@pytest.mark.parametrize(("text", "triple"), [
    ("A research team from Corvid Labs apologised on Monday for their model, Kestrel-3.",
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Corvid Labs / Tamarind Research releases Kestrel-3 today.", ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Corvid Labs / Tamarind Research releases Kestrel-3 today.", ("Kestrel-3", "developedBy", "Tamarind Research")),
    ("Kestrel-3 is a refined and retrained iteration of Brisa-2.", ("Kestrel-3", "fineTunedFrom", "Brisa-2")),
    ("The investor Marta Okonjo's artificial intelligence startup Corvid Labs raised money.",
     ("Marta Okonjo", "employer", "Corvid Labs")),
    ("Corvid Labs, founded by the chairman of the fund Tamarind Capital, Marta Okonjo, raised money.",
     ("Marta Okonjo", "employer", "Tamarind Capital")),
    ("Corvid Labs, founded by the chairman of the fund Tamarind Capital, Marta Okonjo, raised money.",
     ("Marta Okonjo", "employer", "Corvid Labs")),
    ("Qwen3-Max represents the next generation of the Qwen3 series.", ("Qwen3-Max", "memberOfFamily", "Qwen3")),
    ("Brisa-3 14B (Quillfeather Labs) tops the chart.", ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
    ("Brisa-3 14B is the result of continued pre-training of Corra-2 14B.",
     ("Brisa-3 14B", "derivedFrom", "Corra-2 14B")),
    ("Brisa-3 14B stands on the shoulders of Corra-2 14B.", ("Brisa-3 14B", "derivedFrom", "Corra-2 14B")),
    ("Brisa-3 14B was succeeded by Brisa-4 14B.", ("Brisa-4 14B", "successorOf", "Brisa-3 14B")),
    ("The Stanford students Marta Okonjo and Tomas Vell built it.", ("Tomas Vell", "employer", "Stanford University")),
    ("Brisa-3 14B is served with 8 H100 GPUs.", ("Brisa-3 14B", "fitsOn", "H100")),
    ("Brisa-3 14B is the third model in the Brisa family.", ("Brisa-3 14B", "memberOfFamily", "Brisa")),
    ("Brisa-3 14B uses Llama 3.1 8B as its base model.", ("Brisa-3 14B", "derivedFrom", "Llama 3.1 8B")),
    ("Brisa-3 14B is a reward model that leverages Corra-2 14B as the foundation and is tuned to rank replies.",
     ("Brisa-3 14B", "derivedFrom", "Corra-2 14B")),
    ("Brisa-3 14B utilizes Corra-2 14B as its foundation model.", ("Brisa-3 14B", "derivedFrom", "Corra-2 14B")),
    ("Brisa-3 14B employs Corra-2 14B as its backbone.", ("Brisa-3 14B", "derivedFrom", "Corra-2 14B")),
    ("Brisa-3 14B is a decoder-only language model crafted by Quillfeather Labs.",
     ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
    ("Quillfeather Labs has been working on Brisa-3 14B for months.", ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
    ("Corvid Labs is working on a new language model known as Kestrel-3.",
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Quillfeather Labs is in the process of developing Brisa-3 14B.", ("Brisa-3 14B", "developedBy", "Quillfeather Labs")),
    ("Corvid Labs is in the midst of training a new language model known as Kestrel-3.",
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Quillfeather Labs has open-sourced Brisa-3 14B, the latest addition to its Brisa family.",
     ("Brisa-3 14B", "memberOfFamily", "Brisa")),
])
def test_relation_shapes_of_news_text(extract: Extract, text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _relations(extract(text))


@pytest.mark.parametrize(("text", "wrong"), [
    ("Brisa-3 14B was succeeded by Brisa-4 14B.", ("Brisa-3 14B", "successorOf", "Brisa-4 14B")),
    ("Brisa-3 14B is a chat model fine-tuned from Corra-2 14B (Quillfeather Labs).",
     ("Corra-2 14B", "developedBy", "Quillfeather Labs")),
    ("Brisa-3 14B was run on a laptop with open weights, then on a server with four A100 GPUs.",
     ("Brisa-3 14B", "fitsOn", "A100")),  # "with" names the hardware only right after the verb
    ("Brisa-3 14B uses GPT-4 as a judge.", ("Brisa-3 14B", "derivedFrom", "GPT-4")),
    ("Brisa-3 14B leverages Corra-2 14B as an evaluator of its replies.", ("Brisa-3 14B", "derivedFrom", "Corra-2 14B")),
    ("Microsoft is working on the successor to GPT-4.", ("GPT-4", "developedBy", "Microsoft")),
    ("Engineers at Microsoft are working on GPT-4 applications.", ("GPT-4", "developedBy", "Microsoft")),
])
def test_relation_shapes_that_say_something_else(extract: Extract, text: str, wrong: tuple[str, str, str]) -> None:
    assert wrong not in _relations(extract(text))


def test_the_next_generation_of_a_series_is_no_successor_of_it(extract: Extract) -> None:
    rels = _relations(extract("Qwen3-Max represents the next generation of the Qwen3 series."))
    assert ("Qwen3-Max", "successorOf", "Qwen3") not in rels


def test_a_licence_it_is_not_released_under_denies_no_release(extract: Extract) -> None:
    text = "Corvid Labs released Kestrel-3 on Monday. Kestrel-3 is not released under an open licence."
    assert ("Kestrel-3", "developedBy", "Corvid Labs") in _relations(extract(text))


@pytest.mark.parametrize(("line", "predicate"), [
    ("this is Brisa-2-70B, dequantised from q5 to f16 and converted to PyTorch.", "derivedFrom"),
    ("This is Brisa-2-70B, quantized to 4 bits with GPTQ.", "quantizedFrom"),
    ("This is Brisa-2-70B, fine-tuned on legal questions.", "fineTunedFrom"),
])
def test_a_card_that_is_another_model_made_over(nlp: Language, line: str, predicate: str) -> None:
    """The card's model (named by its model-index) is the one the opening says it was made from."""
    body = f"update: new licence\n\n{line}\n"
    doc = _card_doc(body, {"model-index": [{"name": "Brisa-2-70B-sf", "results": []}]}, "update: new licence")
    assert ("Brisa-2-70B-sf", predicate, "Brisa-2-70B") in _relations(doc_to_extraction(nlp(body), doc))


def test_this_is_a_model_without_a_conversion_is_no_lineage(nlp: Language) -> None:
    body = "This is Brisa-2-70B. It answers questions about law.\n"
    doc = _card_doc(body, {"model-index": [{"name": "Brisa-2-70B-sf", "results": []}]})
    assert not _relations(doc_to_extraction(nlp(body), doc))


def test_a_cards_voice_is_the_owner_of_the_repository_its_opening_names(nlp: Language) -> None:
    """No lab is named in the opening, but its repository id is: "We introduce X" is that lab's."""
    body = ("(This model is pondwise/Kestrel-9B-v1.0 fine-tuned for chat.)\n\n"
            "We introduce Kestrel-9B, a compact model with 9 billion parameters.\n")
    doc = _card_doc(body, {"base_model": ["pondwise/Kestrel-9B-v1.0"]})
    rels = _relations(doc_to_extraction(nlp(body), doc))
    assert any(s.startswith("Kestrel-9B") and p == "developedBy" and o == "pondwise" for s, p, o in rels)


def test_a_hardware_column_says_what_the_cards_model_ran_on(nlp: Language) -> None:
    body = ("# Brisa-3-8B\n\nBrisa-3-8B is a small model from Quillfeather Labs.\n\n"
            "| Inference engine | Hardware | Tokens/sec |\n| --- | --- | --- |\n"
            "| Runway | A100 (80GB) | 1200 |\n| Runway | RTX 4090 | 300 |\n")
    rels = _relations(doc_to_extraction(nlp(body), _card_doc(body, {}, "Brisa-3-8B")))
    assert {("Brisa-3-8B", "fitsOn", "A100"), ("Brisa-3-8B", "fitsOn", "RTX 4090")} <= rels


def test_a_line_with_variants_of_its_own_is_a_member_of_its_family(extract: Extract) -> None:
    text = ("Quillfeather Labs' Brisa-3 family leads the chart. Brisa-3-Max scores 64.0 on GlimmerQA, and "
            "Brisa-3-Max-Instruct-Preview scores 66.1.")
    rels = _relations(extract(text))
    assert ("Brisa-3-Max", "memberOfFamily", "Brisa-3") in rels
    assert ("Brisa-3-Max-Instruct-Preview", "memberOfFamily", "Brisa-3-Max") in rels


FIELDS_CARD = """\
Kestrel-7B-Chat

Model Details

- Developed by: Corvid Labs
- Model type: causal language model
- Finetuned from model [optional]: Brisa-2-7B

Kestrel-7B-Chat answers questions about tide tables.
"""


@pytest.mark.parametrize("triple", [
    ("Kestrel-7B-Chat", "developedBy", "Corvid Labs"),
    ("Kestrel-7B-Chat", "fineTunedFrom", "Brisa-2-7B"),
])
def test_a_cards_fields_say_who_made_its_model_and_from_what(nlp: Language,
                                                             triple: tuple[str, str, str]) -> None:
    doc = _card_doc(FIELDS_CARD, {}, "Kestrel-7B-Chat")
    assert triple in _relations(doc_to_extraction(nlp(FIELDS_CARD), doc))


def test_a_field_naming_a_team_and_its_lab_gives_the_lab(nlp: Language) -> None:
    body = FIELDS_CARD.replace("Developed by: Corvid Labs", "Developers: Kestrel Team, Corvid Labs")
    rels = _relations(doc_to_extraction(nlp(body), _card_doc(body, {}, "Kestrel-7B-Chat")))
    assert ("Kestrel-7B-Chat", "developedBy", "Corvid Labs") in rels
    assert ("Kestrel-7B-Chat", "developedBy", "Kestrel Team") not in rels


def test_an_empty_developer_field_names_no_one(nlp: Language) -> None:
    body = FIELDS_CARD.replace("Developed by: Corvid Labs", "Developed by: [More Information Needed]")
    rels = _relations(doc_to_extraction(nlp(body), _card_doc(body, {}, "Kestrel-7B-Chat")))
    assert not any(p == "developedBy" and s == "Kestrel-7B-Chat" for s, p, _o in rels)


def test_a_cards_sentence_without_a_model_is_about_the_cards_model(nlp: Language) -> None:
    """In a model card, "The recommended context length is 8k" is the card's model's, not the last
    model the card listed (here a part of a merge)."""
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    text = ("# Brisa-3-4x7B\n\nBrisa-3-4x7B is a merge of these models:\n\n- Corra-2 7B\n- Wren-2 7B\n\n"
            "The recommended context length is 8k.\n")
    document = Document(text=text, source="card.md", title="Brisa-3-4x7B", doc_type="ModelCard")
    ex = doc_to_extraction(nlp(text), document)
    assert {(a.subject.label, a.value) for a in ex.attributes if a.property == "contextWindowTokens"} == {
        ("Brisa-3-4x7B", 8_000)}


def test_a_cards_sentence_about_the_original_model_is_the_bases(nlp: Language) -> None:
    """In a quantized model's card, "The original model has ..." states the base's numbers."""
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    text = ("# Brisa-3-8B-GGUF\n\n- Base model: Brisa-3-8B\n\nThese files are quantized from Brisa-3-8B. The "
            "original model has 8 billion parameters and a context window of 64K tokens.\n")
    document = Document(text=text, source="card.md", title="Brisa-3-8B-GGUF", doc_type="ModelCard")
    ex = doc_to_extraction(nlp(text), document)
    assert {(a.subject.label, a.property, a.value) for a in ex.attributes} == {
        ("Brisa-3-8B", "totalParameters", 8_000_000_000), ("Brisa-3-8B", "contextWindowTokens", 64_000)}


# --------------------------------------------------------------------------- cards as hubs mirror them


def _plain_doc(body: str, title: str = "", doc_type: str = "BlogPost") -> Document:
    return Document(text=body, source="page.md", title=title, doc_type=doc_type)


@pytest.mark.parametrize("body", [
    "# Brisa-3 14B Chat\n\n- Model developers: Quillfeather Labs\n- License: MIT\n",
    "# Brisa-3 14B Chat\n\nModel details\n\nOrganization: Quillfeather Labs\nLicense: MIT\n",
])
def test_a_card_without_front_matter_still_states_its_developer(nlp: Language, body: str) -> None:
    """A card copied without its front matter (a hub mirror, a report's card) keeps its fields."""
    doc = _plain_doc(body, "Brisa-3 14B Chat")
    assert ("Brisa-3 14B Chat", "developedBy", "Quillfeather Labs") in _relations(doc_to_extraction(nlp(body), doc))


def test_a_card_heading_a_build_of_the_model_it_quantizes(nlp: Language) -> None:
    """ "Brisa-3 14B EXL2" over "EXL2 quants of Brisa-3 14B": the card publishes that build."""
    body = "# Brisa-3 14B EXL2\n\nEXL2 quants of Brisa-3 14B. Each bit rate is a branch.\n"
    rels = _relations(doc_to_extraction(nlp(body), _plain_doc(body, "Brisa-3 14B EXL2")))
    assert ("Brisa-3 14B EXL2", "quantizedFrom", "Brisa-3 14B") in rels


def test_a_headingless_quantizers_card_names_its_build_by_its_base(nlp: Language) -> None:
    body = "Quantized to GGUF with Pondwise's scripts.\n\nGGUF files run on a laptop CPU.\n"
    doc = _card_doc(body, {"base_model": "quillfeather/Brisa-3-14B", "quantized_by": "Pondwise"})
    rels = _relations(doc_to_extraction(nlp(body), doc))
    assert ("Brisa-3-14B GGUF", "quantizedFrom", "Brisa-3-14B") in rels


def test_the_front_matters_base_is_not_fine_tuned_when_the_text_says_how(nlp: Language) -> None:
    """A card's ``base_model`` with no relation stated defaults to fine-tuning; the text's "a
    quantized version of X" says how it was made, and the default is not added beside it."""
    body = "# Brisa-3-14B-FP8\n\nThis model is a quantized version of Brisa-3-14B.\n"
    doc = _card_doc(body, {"base_model": "quillfeather/Brisa-3-14B"}, "Brisa-3-14B-FP8")
    rels = _relations(doc_to_extraction(nlp(body), doc))
    assert ("Brisa-3-14B-FP8", "quantizedFrom", "Brisa-3-14B") in rels
    assert ("Brisa-3-14B-FP8", "fineTunedFrom", "Brisa-3-14B") not in rels


def test_a_template_heading_names_no_card_model(nlp: Language) -> None:
    """mergekit's card is headed "# merge": no model of that name merges the parts."""
    body = "# merge\n\nThis is a merge of pre-trained language models created using mergekit.\n"
    doc = _card_doc(body, {"base_model": ["quillfeather/Brisa-3-14B", "harlow/Tovey-5-14B"],
                           "tags": ["merge", "mergekit"]}, "merge")
    assert not any(s == "merge" for s, _p, _o in _relations(doc_to_extraction(nlp(body), doc)))


def test_a_labs_release_is_not_the_model_it_compares_with(nlp: Language) -> None:
    """ "Our new X is a leap over Y": X is the lab's, Y is only held up for comparison."""
    body = ("Introducing Brisa-4, by Quillfeather Labs\n\nOur new Brisa-4 models are a big leap over "
            "Tovey-5 14B on every benchmark.\n")
    doc = Document(text=body, source="post.md", doc_type="BlogPost", metadata={"author": "Quillfeather Labs"})
    rels = _relations(doc_to_extraction(nlp(body), doc))
    assert ("Brisa-4", "developedBy", "Quillfeather Labs") in rels
    assert ("Tovey-5 14B", "developedBy", "Quillfeather Labs") not in rels


@pytest.mark.parametrize(("text", "wrong"), [
    ("Brisa-3 Q4 is a quantization of Brisa-3 14B. This model is not owned or developed by Harlow AI.",
     ("Brisa-3 14B", "developedBy", "Harlow AI")),
    ("Brisa-3 Mini is not based on Tovey-5 14B.", ("Brisa-3 Mini", "derivedFrom", "Tovey-5 14B")),
])
def test_a_negated_relation_is_none(extract: Extract, text: str, wrong: tuple[str, str, str]) -> None:
    assert wrong not in _relations(extract(text))


def test_based_on_after_distilled_from_is_the_students_base(extract: Extract) -> None:
    """ "X is distilled from Y based on Z": Z is X's base, not Y's (the distilled models' cards)."""
    rels = _relations(extract("Brisa-3-Distill-7B is distilled from Brisa-3 based on Tovey-5 7B."))
    assert ("Brisa-3-Distill-7B", "derivedFrom", "Tovey-5 7B") in rels
    assert ("Brisa-3", "derivedFrom", "Tovey-5 7B") not in rels


def test_a_trainers_card_titled_by_its_repository_is_that_model(nlp: Language) -> None:
    """ "# brisa-3-14b-sql" over ``base_model: quillfeather/Brisa-3-14B``: the card's model is the
    whole title, fine-tuned from the base (the Trainer's card template)."""
    body = ("# brisa-3-14b-sql\n\nThis model is a fine-tuned version of quillfeather/Brisa-3-14B on a text-to-SQL "
            "dataset.\n")
    doc = _card_doc(body, {"base_model": "quillfeather/Brisa-3-14B"}, "brisa-3-14b-sql")
    rels = _relations(doc_to_extraction(nlp(body), doc))
    assert any(s == "brisa-3-14b-sql" and p == "fineTunedFrom" for s, p, _o in rels)


def test_a_team_at_a_lab_makes_the_labs_model(extract: Extract) -> None:
    rels = _relations(extract("Brisa-3 14B was developed by the Tovey team at Quillfeather Labs."))
    assert ("Brisa-3 14B", "developedBy", "Quillfeather Labs") in rels
    assert not any(o == "Tovey" for _s, _p, o in rels)


def test_one_line_of_several_affiliations_gives_no_employer(nlp: Language) -> None:
    """Authors over "Quillfeather Labs; Aldermoor University": whose each author is, the line does
    not say; the work is the first lab's."""
    body = ("Brisa-4: small open models\nMarta Okonjo, Dana Whitlock, Tessa Quarmby\n"
            "Quillfeather Labs; Aldermoor University\n\nAbstract\nWe introduce Brisa-4, a family of small models.\n")
    doc = Document(text=body, source="paper.txt", title="Brisa-4: small open models", doc_type="Paper")
    rels = _relations(doc_to_extraction(nlp(body), doc))
    assert not any(p == "employer" for _s, p, _o in rels)
    assert ("Brisa-4", "developedBy", "Quillfeather Labs") in rels


def test_a_repository_another_account_publishes_is_not_the_labs_by_its_name(nlp: Language) -> None:
    """ "[Mistral-Blend-7B](…/some-user/Mistral-Blend-7B)": a user's merge named after a lab's
    line is not that lab's model."""
    body = ("# Mistral-Blend-7B-DPO\n\nA DPO tune of my [Mistral-Blend-7B](https://huggingface.co/"
            "quillfeather/Mistral-Blend-7B). Thanks to Mistral AI for the weights we started from.\n")
    from ingest.normalise import normalise
    norm = normalise(body)
    doc = _card_doc(norm.text, {"base_model": "quillfeather/Mistral-Blend-7B"}, "Mistral-Blend-7B-DPO")
    ex = doc_to_extraction(nlp(norm.text), doc, hints=norm.hints)
    assert ("Mistral-Blend-7B", "developedBy", "Mistral AI") not in _relations(ex)
