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
