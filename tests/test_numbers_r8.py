"""Specs for card numbers met in round 8 of issue 16: the model a card names as its base or its
architecture is not what the card's next sentence ("This model contains ...") is about; a card's
input field gives the model's window ("Other Properties Related to Input: Max of 64k tokens").

Every model and lab name here is invented ("Brisa-3", "Corra-2", "Quillfeather Labs").
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document, Extraction


def _read(nlp: Language, body: str) -> Extraction:
    return extract_document(Document(text=body, source="doc.txt", title="", doc_type="Document",
                                     media_type="text/plain"), nlp)


def _attrs(ex: Extraction) -> set[tuple[str, str, int]]:
    return {(a.subject.label, a.property, a.value) for a in ex.attributes}


CARD = """\
Brisa-3-Reranker

Brisa-3-Reranker scores candidate answers for Quillfeather Labs' assistant.

{base}

Input:
Input Type(s): Text
Other Properties Related to Input: {window}
"""


@pytest.mark.parametrize("base", [
    "We built this model using Corra-2-40B as its foundation. This model contains 40 billion parameters.",
    "Corra-2-40B was used as the base model. This model contains 40 billion parameters.",
    "Network Architecture: Corra-2-40B\n\nThis model contains 40 billion parameters.",
])
def test_this_model_after_a_named_base_is_the_cards_model(nlp: Language, base: str) -> None:
    attrs = _attrs(_read(nlp, CARD.format(base=base, window="Max of 64k tokens")))
    assert ("Brisa-3-Reranker", "totalParameters", 40_000_000_000) in attrs
    assert not {a for a in attrs if a[0] == "Corra-2-40B"}


@pytest.mark.parametrize(("window", "tokens"), [
    ("Max of 64k tokens", 64_000), ("Maximum Token Length = 32K Tokens", 32_000),
    ("Maximum input length is 512 tokens.", 512), ("Max of 8,192 tokens", 8192),
])
def test_a_cards_input_field_gives_the_window(nlp: Language, window: str, tokens: int) -> None:
    body = CARD.format(base="This model contains 40 billion parameters.", window=window)
    assert ("Brisa-3-Reranker", "contextWindowTokens", tokens) in _attrs(_read(nlp, body))


@pytest.mark.parametrize("line", ["Max of 4 GPUs", "Maximum batch size of 64"])
def test_an_input_field_without_tokens_gives_no_window(nlp: Language, line: str) -> None:
    body = CARD.format(base="This model contains 40 billion parameters.", window=line)
    assert not {a for a in _attrs(_read(nlp, body)) if a[1] == "contextWindowTokens"}


RANGE = """\
Brisa-3-40B-Instruct

Brisa-3 is the new line of Quillfeather models. For Brisa-3, we release base and chat models ranging
from 1 to 40 billion parameters. We compare Brisa-3-40B-Instruct with {rival}.
"""


def test_a_range_end_is_nobodys_size_when_two_versions_have_that_size(nlp: Language) -> None:
    attrs = _attrs(_read(nlp, RANGE.format(rival="Brisa-2-40B-Chat")))
    assert not {a for a in attrs if a[1] == "totalParameters"}


def test_a_range_end_is_the_one_sized_model_of_the_line(nlp: Language) -> None:
    attrs = _attrs(_read(nlp, RANGE.format(rival="Corra-2-13B")))
    assert ("Brisa-3-40B-Instruct", "totalParameters", 40_000_000_000) in attrs
