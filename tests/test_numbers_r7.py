"""Specs for numbers (issue 16, round 7): the widest of the windows one sentence gives a model,
a yardstick's own number in a relative clause, a qualified context.

Models and labs are invented ("Corra", "Velmont", "Quillby Labs").
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document, Extraction


def _read(nlp: Language, text: str, source: str = "post.md") -> Extraction:
    return extract_document(Document(text=text, source=source), nlp)


def _attributes(ex: Extraction) -> set[tuple[str, str, int]]:
    return {(a.subject.label, a.property, a.value) for a in ex.attributes}


@pytest.mark.parametrize(("text", "window"), [
    ("Velmont-4 was trained with a context length of 256K tokens and handles a context of up to "
     "1 million tokens at inference.", 1_000_000),
    ("Velmont-4 was pre-trained with an 8K context window, later extended to 64K tokens.", 64_000),
    ("Velmont-4 reads up to 32K tokens, though it was trained on a 4K context.", 32_000),
])
def test_the_widest_window_of_a_sentence_is_the_models(nlp: Language, text: str, window: int) -> None:
    windows = {a[2] for a in _attributes(_read(nlp, text)) if a[1] == "contextWindowTokens"}
    assert windows == {window}


@pytest.mark.parametrize("text", [
    "Velmont-2 is far smaller than Corra-5, which has 540 billion parameters.",
    "At 9B, Velmont-2 trails Corra-5, which packs 540 billion parameters, on most tasks.",
])
def test_a_relative_clause_gives_its_number_to_the_yardstick_it_follows(nlp: Language, text: str) -> None:
    attrs = _attributes(_read(nlp, text))
    assert ("Corra-5", "totalParameters", 540_000_000_000) in attrs
    assert ("Velmont-2", "totalParameters", 540_000_000_000) not in attrs


@pytest.mark.parametrize("text", [
    "Quillby Labs released Velmont-2 today.\n\n- Open weights, 192K native context.",
    "Velmont-2 has a 192K maximum context.",
])
def test_a_qualified_context_is_a_window(nlp: Language, text: str) -> None:
    assert ("Velmont-2", "contextWindowTokens", 192_000) in _attributes(_read(nlp, text))
