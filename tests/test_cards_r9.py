"""Specs for model-card fields as technical documents state them (round 9).

The cards are written for these tests about made-up models ("Brisa-3 4B", lab "Harlow AI").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.document import extract_document
from ingest.records import Document, Extraction


@pytest.fixture
def card(nlp) -> Callable[[str], Extraction]:  # noqa: ANN001 - the session's pipeline
    def run(text: str) -> Extraction:
        return extract_document(Document(text=text, source="README.md", doc_type="ModelCard"), nlp)

    return run


def _fits(ex: Extraction) -> set[tuple[str, str]]:
    return {(r.subject.label, r.object.label) for r in ex.relations if r.predicate == "fitsOn"}


_HEAD = "# Brisa-3 4B\n\nBrisa-3 4B is a small chat model.\n\n**Model Developer:** Harlow AI\n\n"


@pytest.mark.parametrize("fields", [
    "## Inference\n\n**Engine:** a serving runtime\n\n**Test Hardware:** NVIDIA H100\n",
    "## Software\n\n**Supported Hardware Microarchitecture Compatibility:**\n* NVIDIA H100\n* NVIDIA A100\n",
    "## Inference\n\n- Inference hardware: one NVIDIA A100 80GB\n",
])
def test_a_cards_hardware_field_names_what_its_model_runs_on(card: Callable[[str], Extraction],
                                                             fields: str) -> None:
    """ "Test Hardware: X", a "Supported Hardware" list, "Inference hardware: X": the card's model runs on X."""
    assert any(s == "Brisa-3 4B" for s, _o in _fits(card(_HEAD + fields)))


@pytest.mark.parametrize("fields", [
    "**Runtime Engine(s):**\n* NeMo 24.05\n\n**Operating System(s):**\n* Linux\n",
    "## Training\n\n- Training hardware: 16 x H100 SXM, about 900 GPU hours\n",
    "## Environmental impact\n\n- **Hardware Type:** 8x A100 80GB\n- **Hours used:** 300\n",
])
def test_a_field_that_is_not_about_running_hardware_names_none(card: Callable[[str], Extraction],
                                                               fields: str) -> None:
    """A runtime field, or the hardware the model was trained on: not what the model runs on."""
    assert not _fits(card(_HEAD + fields))
