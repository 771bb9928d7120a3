"""Build the llmkg spaCy pipeline on ``spacy.blank("en")``: no trained model, no download."""

from __future__ import annotations

import spacy
from spacy.language import Language

from kg.settings import Settings

from .components import COMPONENT_NAMES, register_components

__all__ = ["make_nlp"]


def make_nlp(settings: Settings | None = None) -> Language:
    """Return a fresh pipeline: tokenizer + the five llmkg components.

    Args:
        settings: limits (``max_document_chars`` sets ``nlp.max_length``).
    """
    register_components()
    nlp = spacy.blank("en")
    for name in COMPONENT_NAMES:
        nlp.add_pipe(name)
    if settings is not None:
        nlp.max_length = settings.max_document_chars + 1
    return nlp
