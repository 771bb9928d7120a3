"""Build the llmkg spaCy pipeline on ``spacy.blank("en")`` (no trained model, no download), and
run it over long texts in chunks.

spaCy refuses texts longer than ``nlp.max_length`` (1,000,000 characters by default) and the
entity finder's document-wide rules grow faster than the text, so :func:`annotate` cuts a text
longer than ``nlp_chunk_chars`` into chunks at paragraph, else sentence, else word boundaries
(:func:`chunk_spans`). Each chunk is tokenised and goes through the components that work on
their chunk alone (sentences and entity mentions); the chunk ``Doc``\\ s are then joined into one
``Doc`` of the whole text, and the components that read the whole document (the resolver, the
relations with their discourse subject, the claims that answer earlier allegations) run once
over it. A name never straddles two chunks (chunks end where a paragraph or sentence does), and
evidence offsets index the whole text.
"""

from __future__ import annotations

from dataclasses import replace

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.settings import Settings

from .components import COMPONENT_NAMES, register_components
from .components.sentences import split_sentences

__all__ = ["DOCUMENT_LEVEL", "annotate", "chunk_spans", "make_nlp"]

#: components that read the whole document; every component before the first of them runs chunk
#: by chunk
DOCUMENT_LEVEL = ("llmkg_resolver_v1", "llmkg_syntax_v1", "llmkg_relations_v1", "llmkg_claims_v1")


def make_nlp(settings: Settings | None = None) -> Language:
    """Return a fresh pipeline: tokenizer + the llmkg components.

    The syntax stage loads the trained parser named by ``settings.parser_path`` (the installed
    one when unset; left out when ``off``): see :mod:`ingest.parser`. ``nlp.max_length`` stays
    spaCy's default (1,000,000 characters): longer texts are run in chunks by :func:`annotate`,
    never in one piece.

    Raises:
        ExtractionError: the parser is missing or its files differ from the manifest.
    """
    register_components()
    parser_path = (settings or Settings()).parser_path
    nlp = spacy.blank("en")
    for name in COMPONENT_NAMES:
        if name == "llmkg_syntax_v1":
            if parser_path is not None and parser_path.strip().lower() == "off":
                continue
            nlp.add_pipe(name, config={"parser_path": parser_path})
        else:
            nlp.add_pipe(name)
        if name == "llmkg_entities_v1" and (settings or Settings()).learned_names:
            from .components.learned_names import register  # off by default: docs/extraction.md

            register()
            nlp.add_pipe("llmkg_learned_names_v1", config={"parser_path": parser_path})
    return nlp


def chunk_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ``(start, end)`` spans of at most ``limit`` characters.

    Each cut is, in this order of preference, after a blank line (a paragraph), at the start of
    a sentence, after a line break, or after a space, found in the second half of the window;
    only a window with no space at all there is cut at ``limit``. The spans cover the text
    exactly: joining them gives ``text`` back.

    >>> t = "First paragraph here.\\n\\nSecond one. More.\\n\\nThird."
    >>> [t[s:e] for s, e in chunk_spans(t, 30)]
    ['First paragraph here.\\n\\n', 'Second one. More.\\n\\nThird.']
    >>> [t[s:e] for s, e in chunk_spans(t, 20)]
    ['First paragraph ', 'here.\\n\\nSecond one. ', 'More.\\n\\nThird.']
    """
    if limit < 2:
        raise ValueError("chunk limit must be at least 2 characters")
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while n - pos > limit:
        end = pos + limit
        low = pos + limit // 2
        cut = text.rfind("\n\n", low, end)
        if cut >= 0:
            cut += 2
        else:
            starts = [s for s, _e in split_sentences(text[low:end])]
            cut = low + starts[-1] if len(starts) > 1 else -1
            if cut <= low:
                line = text.rfind("\n", low, end)
                space = text.rfind(" ", low, end)
                cut = line + 1 if line >= 0 else space + 1 if space >= 0 else end
        spans.append((pos, cut))
        pos = cut
    spans.append((pos, n))
    return spans


def annotate(text: str, nlp: Language, *, chunk_chars: int) -> Doc:
    """Run ``nlp`` over ``text``, in chunks when it is longer than ``chunk_chars`` (see above).

    The chunk size is also kept below ``nlp.max_length``. A component that raises on any chunk
    raises here: the document is rejected whole.
    """
    limit = max(2, min(chunk_chars, getattr(nlp, "max_length", chunk_chars + 1) - 1))
    spans = chunk_spans(text, limit)
    if len(spans) == 1:
        return nlp(text)
    names = nlp.pipe_names
    split = next((i for i, name in enumerate(names) if name in DOCUMENT_LEVEL), len(names))
    whole = names[split:]
    docs = [nlp(text[s:e], disable=whole) for s, e in spans]
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])
    if doc.text != text:  # cannot happen: the spans cover the text exactly
        raise RuntimeError("joined chunks do not give the document text back")
    if all(part._.llmkg_sents is not None for part in docs):
        sents: list[tuple[int, int]] = []
        mentions = []
        for (start, _end), part in zip(spans, docs, strict=True):
            first = len(sents)
            sents.extend((s + start, e + start) for s, e in part._.llmkg_sents)
            mentions.extend(replace(m, start=m.start + start, end=m.end + start, sent=m.sent + first)
                            for m in part._.llmkg_mentions or [])
        doc._.llmkg_sents = sents
        doc._.llmkg_mentions = mentions
    for name in whole:
        doc = nlp.get_pipe(name)(doc)
    return doc
