"""The llmkg spaCy components, registered by versioned name.

Nothing is registered at import time: :func:`register_components` does it, once, and
:func:`ingest.nlp.make_nlp` calls it. Pipeline (each reads what the previous one assigned):

=====================  =============================  ===========================================
factory                requires                       assigns
=====================  =============================  ===========================================
``llmkg_sentences_v1``  (text)                         ``token.is_sent_start``
``llmkg_entities_v1``   ``doc.sents``                  ``doc._.llmkg_mentions``, ``doc.spans``
``llmkg_resolver_v1``   ``doc._.llmkg_mentions``       ``doc._.llmkg_mentions`` (canonical labels)
``llmkg_syntax_v1``     ``doc._.llmkg_mentions``       ``doc._.llmkg_parses`` (sentence index -> parse)
``llmkg_relations_v1``  ``doc._.llmkg_mentions``       ``doc._.llmkg_relations``/``attributes``/``results``
``llmkg_claims_v1``     ``doc._.llmkg_mentions``       ``doc._.llmkg_claims``
=====================  =============================  ===========================================

``llmkg_syntax_v1`` is left out when the setting ``parser_path`` is ``off``; the relations then
come from the template rules alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup

from ..gazetteer import load_gazetteer
from .claims import find_document_claims
from .collective import Groups, split_collective
from .deprules import default_index, find_dep_relations, parse_disagrees
from .entities import Mention, find_mentions
from .relations import (
    AttributeHit,
    MetricContext,
    RelationHit,
    ResultHit,
    SentenceTemplate,
    discourse_subject,
    find_attributes,
    find_fits,
    find_relations,
    find_results,
    find_teacher,
    learn_descriptions,
    make_template,
    name_sizes,
    with_descriptions,
)
from .resolution import resolve_mentions
from .sentences import split_sentences
from .syntax import SentenceParse, SyntaxParser

__all__ = ["COMPONENT_NAMES", "register_components", "sentence_bounds"]

COMPONENT_NAMES = ("llmkg_sentences_v1", "llmkg_entities_v1", "llmkg_resolver_v1",
                   "llmkg_syntax_v1", "llmkg_relations_v1", "llmkg_claims_v1")

_registered = False

_SPAN_LABELS = {"Model": "MODEL", "ModelFamily": "FAMILY", "Organization": "ORG",
                "Person": "PERSON", "UnnamedAgent": "AGENT", "Benchmark": "BENCHMARK",
                "Hardware": "HARDWARE"}


class SentenceSetter:
    """Set sentence starts from :func:`split_sentences` (line breaks and sentence punctuation)."""

    def __call__(self, doc: Doc) -> Doc:
        bounds = split_sentences(doc.text)
        starts = {s for s, _e in bounds}
        # one array write: setting token.is_sent_start one by one re-checks the whole doc's
        # annotation on every token (quadratic; it was most of the pipeline's time)
        values = numpy.fromiter(
            (1 if i == 0 or t.idx in starts else -1 for i, t in enumerate(doc)),
            dtype=numpy.int64, count=len(doc))
        if len(doc):
            doc.from_array([SENT_START], values.astype(numpy.uint64))
        doc._.llmkg_sents = bounds
        return doc


class EntityFinder:
    """Find typed mentions: gazetteer phrases plus shape and context rules."""

    def __init__(self, nlp: Language, gazetteer_path: str | None = None) -> None:
        from pathlib import Path

        self.gazetteer = load_gazetteer(Path(gazetteer_path)) if gazetteer_path else load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted({f for e in self.gazetteer.entries for f in e.forms})
        self.matcher.add("GAZ", list(nlp.tokenizer.pipe(forms)))

    def __call__(self, doc: Doc) -> Doc:
        hits = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for _id, s, e in self.matcher(doc)]
        sents = sentence_bounds(doc)
        mentions = find_mentions(doc.text, sents, self.gazetteer, hits)
        doc._.llmkg_mentions = mentions
        spans = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=_SPAN_LABELS[m.type], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["llmkg"] = SpanGroup(doc, name="llmkg", spans=spans)
        return doc


class Resolver:
    """Give each mention its canonical label (short forms, surnames, lab first words)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.llmkg_mentions = resolve_mentions(list(doc._.llmkg_mentions))
        return doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` character bounds of the doc's sentences, computed once per doc.

    The sentence component stores the bounds it set; iterating ``doc.sents`` instead would
    build a Span per sentence and walk every token each time (a third of the pipeline's time).
    """
    cached = doc._.llmkg_sents
    if cached is None:  # a doc the sentence component did not see (built by hand)
        cached = split_sentences(doc.text)
        doc._.llmkg_sents = cached
    return list(cached)


def _templates(doc: Doc) -> list[SentenceTemplate]:
    """The sentence templates of the doc (built once, after the mentions are final)."""
    if doc._.llmkg_templates is not None:
        return list(doc._.llmkg_templates)
    mentions: list[Mention] = sorted(doc._.llmkg_mentions, key=lambda m: m.start)
    out = []
    base = 0
    k = 0
    text = doc.text  # Doc.text joins every token on each access: read it once
    for i, (start, end) in enumerate(sentence_bounds(doc)):
        inside = []
        while k < len(mentions) and mentions[k].start < end:
            if mentions[k].start >= start:
                inside.append(mentions[k])
            k += 1
        out.append(make_template(i, start, end, text, inside, base))
        base += len(inside)
    doc._.llmkg_templates = out
    return list(out)


class SyntaxStage:
    """Parse the sentences a relation rule will read (see :mod:`.syntax`)."""

    def __init__(self, parser_path: str | None) -> None:
        from ..parser import load_parser

        index = default_index()
        self.parser = SyntaxParser(load_parser(parser_path), index.worth_parsing)

    def __call__(self, doc: Doc) -> Doc:
        doc._.llmkg_parses = self.parser.parse(doc.text, _templates(doc))
        return doc


class RelationExtractor:
    """Relations, attributes and results, sentence by sentence, with a discourse subject.

    Relations come from the template rules and, for a sentence the syntax stage parsed, from the
    dependency rules over the trigger lexicon; a triple both find is one fact (the collector
    keeps one triple once).
    """

    def __call__(self, doc: Doc) -> Doc:
        parses: dict[int, SentenceParse] = doc._.llmkg_parses or {}
        triggers = default_index() if parses else None
        relations: list[RelationHit] = []
        attributes: list[AttributeHit] = []
        results: list[ResultHit] = []
        subject: Mention | None = None
        pending: tuple[str, Mention, str] | None = None  # a list introduced by "distilled X into:"
        groups = Groups()  # the model lists named so far, for "all three models"
        base: Mention | None = None  # the model the document's model was made from
        main = next((m for m in doc._.llmkg_mentions or [] if m.type == "Model"), None)
        sized = _sized_models(doc._.llmkg_mentions or [])
        metric_context = MetricContext(doc._.llmkg_mentions or [])  # "has a 1290" ... on the arena
        described: dict[str, Mention] = {}  # "the premium edition" -> the model named so
        for sent in _templates(doc):
            if pending is not None:
                item = _LIST_ITEM.match(sent.template)
                if item is None:
                    pending = None
                else:
                    predicate, obj, rule = pending
                    relations.append(RelationHit(sent.slots[int(item.group(2))], predicate, obj,
                                                 sent, rule, 0.8))
            intro = _LIST_INTRO.search(sent.template)
            if intro is not None and sent.text.rstrip().endswith(":"):
                pending = (_INTRO_PREDICATE[intro.group("verb").lower()[:5]],
                           sent.slots[int(intro.group("id"))], "list-" + intro.group("verb").lower())
            if re.match(r"\s*(?:abstract|title)\b", sent.text, re.IGNORECASE):
                subject = None  # a new abstract in a bundle starts a new discourse
            # (a blank line does not reset it: measured on the dev set, paragraphs mostly
            # continue with the model the previous one was about, often named in a heading)
            written = sent  # as written: "It" is not one more model of a group
            learn_descriptions(sent, described)
            sent = _with_pronoun_subject(with_descriptions(sent, described), subject)
            parse = parses.get(written.index)
            if parse is not None and triggers is not None:
                # the parse checks the template hits, then adds what the dependency rules find
                relations.extend(h for h in find_relations(sent) if not parse_disagrees(parse, h))
                relations.extend(find_dep_relations(parse, written, triggers, subject))
            else:
                relations.extend(find_relations(sent))
            fits = find_fits(sent, subject, groups.by_size, main)
            relations.extend(find_teacher(sent, subject, main))
            its = _ITS_SUCCESSOR.match(sent.template)
            if its is not None and subject is not None:  # "Brisa-3 is its successor."
                newer = sent.slots[int(its.group(2))]
                if newer.label != subject.label:
                    relations.append(RelationHit(newer, "successorOf", subject, sent,
                                                 "its-successor", 0.8))
            row = sent.text.lstrip().startswith("|")
            collective = None if row else split_collective(written, groups, subject)
            if collective is not None and collective[0] and fits and all(
                    f.subject is subject for f in fits):  # "Both models ... fit on a single A100"
                fits = [replace(f, subject=m) for f in fits for m in collective[0]]
            relations.extend(fits)
            if row:
                continue  # a table row: ingest/tables.py reads tables by their columns
            if collective is not None:  # "All three models offer a context window of 200K tokens"
                members, head, sent_rest = collective
                for hit in find_attributes(head, members[0], grouped=True) if members else ():
                    attributes.extend(replace(hit, subject=m, rule=hit.rule + "+collective")
                                      for m in members)
                attributes.extend(find_attributes(sent_rest, subject, groups.latest(), sized))
            else:  # "The original model has 8 billion parameters": the base's
                attributes.extend(find_attributes(sent, base if base is not None and _THE_BASE.search(
                    sent.template) else subject, groups.latest(), sized))
            # "the base model scores 60.1", "the BF16 original scores 79.6": the model this one
            # was made from, not the discourse subject
            metric_context.observe(sent)
            results.extend(find_results(sent, base if base is not None and _THE_BASE.search(
                sent.template) else subject, metric_context))
            groups.observe(written)
            named_base = _BASE_OF.search(sent.template)
            if named_base is not None:
                base = sent.slots[int(next(g for g in named_base.groups() if g))]
            if not _LINEAGE_FIELD.match(sent.template):  # "- Base model: X" names no new subject
                subject = discourse_subject(sent, subject) or subject
        doc._.llmkg_relations = relations
        doc._.llmkg_attributes = attributes
        doc._.llmkg_results = results
        return doc


def _sized_models(mentions: list[Mention]) -> Callable[[int, str], Mention | None]:
    """Look up the model of a line (its name's first letters) whose name states a size: "30B" of
    "brisa" is "brisa-3-30b" (the shortest such name: the base, not its "-chat" version); of no line
    (""), the one line's model of that size."""
    by: dict[tuple[int, str], Mention] = {}
    lines: dict[int, set[str]] = {}
    versions: dict[tuple[int, str], set[str]] = {}
    for m in mentions:
        if m.type != "Model" or (size := name_sizes(m.label)[0]) is None:
            continue
        stem = re.match(r"[A-Za-z]+", m.label)
        key = (size, stem.group().lower() if stem else "")
        lines.setdefault(size, set()).add(key[1])
        version = re.match(r"[A-Za-z]+[\s-]*(\d+(?:\.\d+)?)?", m.label)
        versions.setdefault(key, set()).add(version.group(1) or "" if version else "")
        if key not in by or len(m.label) < len(by[key].label):
            by[key] = m

    def lookup(size: int, stem: str) -> Mention | None:
        if not stem:  # any line, when only one line (and one version of it) has a model of that size
            found = lines.get(size, set())
            if len(found) != 1 or len(versions.get((size, next(iter(found))), ())) > 1:
                return None  # "Foo1.5-72B-Chat" and "Foo2-72B-Instruct": which one a range ends with is open
            return by.get((size, next(iter(found))))
        return by.get((size, stem))
    return lookup


_LINEAGE_FIELD = re.compile(
    r"^\s*(?:[-*•+]\s+)?(?:\*\*)?(?:base|parent|teacher|original|source|reference|upstream)"
    r"(?:\s+(?:model|checkpoint))?s?(?:\*\*)?\s*:", re.IGNORECASE)
#: where a text names what its model was made from
_BASE_OF = re.compile(
    r"^\s*(?:[-*•+]\s+)?(?:\*\*)?(?:base|parent|original|source|upstream)(?:\s+(?:model|checkpoint))?"
    r"(?:\*\*)?\s*:\s*(?:\*\*)?⟪[MF](\d+)⟫"
    r"|\b(?:quanti[sz]ed|fine-?tuned|distilled|converted|derived|merged)\s+(?:version\s+)?(?:from|of)\s+"
    r"(?:the\s+)?(?:⟪O\d+⟫(?:'s|’s)\s+)?⟪[MF](\d+)⟫"
    r"|\b(?:builds?|quanti[sz]ations?|conversions?|versions?|fine-?tunes?)\s+of\s+(?:the\s+)?"
    r"(?:⟪O\d+⟫(?:'s|’s)\s+)?⟪[MF](\d+)⟫|\bbased\s+on\s+(?:the\s+)?⟪[MF](\d+)⟫", re.IGNORECASE)
_THE_BASE = re.compile(
    r"\bthe\s+(?:[\w-]+\s+)?(?:base|original|parent|teacher|unquantized|full-precision)"
    r"(?:\s+(?:model|checkpoint|version|weights))?\b(?![-\w])", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+(?:\*\*)?⟪([MF])(\d+)⟫")
_LIST_INTRO = re.compile(
    r"\b(?P<verb>distill\w*|fine-?tun\w*|quantiz\w*|based)\b\s+(?:\w+\s+){0,2}?(?:from\s+|on\s+)?"
    r"⟪[MF](?P<id>\d+)⟫", re.IGNORECASE)
_INTRO_PREDICATE = {"disti": "distilledFrom", "fine-": "fineTunedFrom", "finet": "fineTunedFrom",
                    "quant": "quantizedFrom", "based": "derivedFrom"}


_ITS_SUCCESSOR = re.compile(r"^⟪([MF])(\d+)⟫\s+(?:is|was|becomes|became)\s+(?:its|their)\s+(?:direct\s+)?successor\b")


_PRONOUN_SUBJECT = re.compile(
    r"^(?:It|Its|This model|The model|The new model|This release|The release|The family|"
    r"This family|The smaller model|The larger model|The flagship)(?=\s+(?!is\s+(?:not\s+)?(?:clear|"
    r"unclear|likely|possible|worth|true|hard|easy)\b))")


def _with_pronoun_subject(sent: SentenceTemplate, subject: Mention | None) -> SentenceTemplate:
    """Read a sentence-initial "It" / "The model" as the discourse subject (the last model)."""
    m = _PRONOUN_SUBJECT.match(sent.template)
    if m is None or subject is None:
        return sent
    sid = 10_000_000 + sent.index
    letter = "F" if subject.type == "ModelFamily" else "M"
    slot = f"⟪{letter}{sid}⟫"
    return replace(sent, template=slot + sent.template[m.end():],
                   slots={**sent.slots, sid: subject},
                   offsets=(sent.start,) * len(slot) + sent.offsets[m.end():])


class ClaimExtractor:
    """Attributed claims with stance; anaphoric denials tied to the allegation they answer."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.llmkg_claims = find_document_claims(_templates(doc))
        return doc


def register_components() -> None:
    """Register the extension attributes and the pipeline factories (idempotent)."""
    global _registered
    if _registered:
        return
    for name in ("llmkg_mentions", "llmkg_relations", "llmkg_attributes", "llmkg_results",
                 "llmkg_claims", "llmkg_templates", "llmkg_sents", "llmkg_parses"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("llmkg_label"):
        Span.set_extension("llmkg_label", default=None)

    @Language.factory("llmkg_sentences_v1", assigns=["token.is_sent_start"])
    def make_sentences(nlp: Language, name: str) -> SentenceSetter:  # noqa: ARG001
        return SentenceSetter()

    @Language.factory("llmkg_entities_v1", requires=["token.is_sent_start"],
                      assigns=["doc._.llmkg_mentions", "doc.spans"],
                      default_config={"gazetteer_path": None})
    def make_entities(nlp: Language, name: str, gazetteer_path: str | None) -> EntityFinder:  # noqa: ARG001
        return EntityFinder(nlp, gazetteer_path)

    @Language.factory("llmkg_resolver_v1", requires=["doc._.llmkg_mentions"],
                      assigns=["doc._.llmkg_mentions"])
    def make_resolver(nlp: Language, name: str) -> Resolver:  # noqa: ARG001
        return Resolver()

    @Language.factory("llmkg_syntax_v1", requires=["doc._.llmkg_mentions"],
                      assigns=["doc._.llmkg_parses"], default_config={"parser_path": None})
    def make_syntax(nlp: Language, name: str, parser_path: str | None) -> SyntaxStage:  # noqa: ARG001
        return SyntaxStage(parser_path)

    @Language.factory("llmkg_relations_v1", requires=["doc._.llmkg_mentions"],
                      assigns=["doc._.llmkg_relations", "doc._.llmkg_attributes",
                               "doc._.llmkg_results"])
    def make_relations(nlp: Language, name: str) -> RelationExtractor:  # noqa: ARG001
        return RelationExtractor()

    @Language.factory("llmkg_claims_v1", requires=["doc._.llmkg_mentions"],
                      assigns=["doc._.llmkg_claims"])
    def make_claims(nlp: Language, name: str) -> ClaimExtractor:  # noqa: ARG001
        return ClaimExtractor()

    _registered = True
