"""Specs for names met in round 8 of issue 16: a model named with its lab's name in front is the
same model where the text drops the lab.

Models and labs are invented ("Quillby Labs", "Kestrel").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.records import Extraction

Extract = Callable[[str], Extraction]


def _labels(ex: Extraction) -> set[str]:
    return {e.ref.label for e in ex.entities if e.ref.type in ("Model", "ModelFamily")}


@pytest.mark.parametrize("text", [
    "Introducing Kestrel-Mini: Quillby Labs' small model\n\nQuillby-Kestrel-Mini is a compact model "
    "that Quillby Labs trained on licensed text.",
    "Quillby Labs released the Quillby-KestrelMini model today. KestrelMini beats its larger sibling on recall.",
])
def test_the_name_without_its_lab_prefix_is_the_same_model(extract: Extract, text: str) -> None:
    ex = extract(text)
    full = next(label for label in _labels(ex) if label.startswith("Quillby-"))
    mentions = [e for e in ex.entities if e.ref.label == full]
    assert len(mentions) == 1 and len(_labels(ex)) == 1
    assert any(form in mentions[0].alt_labels for form in ("Kestrel-Mini", "KestrelMini"))


@pytest.mark.parametrize("text", [
    "Quillby Labs released Quillby-Large today. Large models need more memory.",
    "Quillby Labs released Quillby-Kestrel today. Kestrel is also a bird.",
])
def test_a_plain_word_after_the_lab_prefix_is_left_alone(extract: Extract, text: str) -> None:
    ex = extract(text)
    assert all(not form.startswith(("Large", "Kestrel")) for e in ex.entities for form in e.alt_labels)
