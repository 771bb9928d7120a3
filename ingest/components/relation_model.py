"""The learned relation classifier's stage: measured, not part of the pipeline by default
(docs/extraction.md, "A learned relation classifier (measured)").

For each pair of a model (or family) and another model, family or organisation named in one
sentence, a small classifier (trained by :mod:`ingest.train_relations` on the project's own
sentences) reads the words before, between and after the two names, and a few shapes of the
names themselves ("-GGUF", "-Instruct"), and says which lineage relation, if any, the sentence
states between them and in which direction. Its relations are added only for a pair the rules
related in no way in the whole document.

The hook (:func:`extra_relations`, called where ``ingest/extract.py`` gathers the relation hits)
does nothing unless the setting ``relation_model`` (``LLMKG_RELATION_MODEL``) names a trained pipeline's directory: nothing in
ingestion uses the model by default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.settings import get_settings

from .relations import RelationHit, SentenceTemplate

__all__ = ["PREDICATES", "candidate_pairs", "extra_relations", "features", "label_of", "learned_relations"]

PREDICATES = ("fineTunedFrom", "distilledFrom", "derivedFrom", "quantizedFrom", "mergedFrom",
              "successorOf", "memberOfFamily", "developedBy")
#: a label: ``none``, a predicate (the first name of the pair is its subject) or ``~`` + a
#: predicate (the second name is its subject)
_SLOT = re.compile(r"⟪([A-Z])(\d+)⟫")
_WORD = re.compile(r"⟪[A-Z]\d+⟫|[A-Za-z][\w'’-]*|\d[\d.,]*|[^\s\w]")
_WINDOW = 4
_BETWEEN = 12
_STEM = 6
#: name shapes that tell how a model was made
_SHAPES = ("instruct", "chat", "it", "sft", "dpo", "rlhf", "gguf", "awq", "gptq", "int4", "int8", "fp8",
           "exl2", "mlx", "bnb", "4bit", "8bit", "distill", "base", "merge", "coder", "code", "math",
           "r1", "tuned", "v2", "lora")
#: a sentence longer than this is a run-on table or list, not a statement
_MAX_CHARS = 500
_MAX_NAMES = 6

Classifier = Callable[[Sequence[list[str]]], list[tuple[str, float]]]


def label_of(first: int, second: int, relations: Sequence[Sequence]) -> str:
    """The label of the pair ``(first, second)`` (text order) given ``[subject, predicate, object]`` triples."""
    for s, p, o in relations:
        if (s, o) == (first, second):
            return p
        if (s, o) == (second, first):
            return "~" + p
    return "none"


def _shape(name: str) -> list[str]:
    parts = {p for p in re.split(r"[\s_.-]+", name.lower()) if p}
    return [s for s in _SHAPES if s in parts]


def features(template: str, kinds: dict[int, str], names: dict[int, str], first: int, second: int) -> list[str]:
    """The feature words of the pair ``(first, second)`` of slot ids in ``template``.

    The pair's names become ``_A_``/``_B_`` (with their kinds), other names their kind's letter;
    words left of the first name, between the two and right of the second carry a prefix.
    """
    words = []
    for w in _WORD.findall(template):
        m = _SLOT.fullmatch(w)
        if m is None:
            words.append("#" if w[0].isdigit() else w.lower())
        else:
            sid = int(m.group(2))
            words.append("_A_" if sid == first else "_B_" if sid == second else f"_{m.group(1)}_")
    a, b = words.index("_A_"), words.index("_B_")
    between = words[a + 1:b]
    if len(between) > _BETWEEN:
        between = between[:_BETWEEN // 2] + ["…"] + between[-_BETWEEN // 2:]
    gap = len(words[a + 1:b])
    out = [f"KA:{kinds[first]}", f"KB:{kinds[second]}", f"GAP:{min(gap, 6) if gap < 6 else (10 if gap < 11 else 20)}"]
    out += [f"L:{w}" for w in words[max(0, a - _WINDOW):a]]
    out += ["A"] + [f"B:{w}" for w in between] + ["B"]
    out += [f"R:{w}" for w in words[b + 1:b + 1 + _WINDOW]]
    # the first letters of each word ("distil" of "distilled", "distillation"): a word's other forms
    out += sorted({f"{k}5:{w[:_STEM]}" for k, ws in (("L", words[max(0, a - _WINDOW):a]), ("B", between),
                                                     ("R", words[b + 1:b + 1 + _WINDOW]))
                   for w in ws if len(w) > _STEM and w[0].isalpha()})
    out += [f"SA:{s}" for s in _shape(names[first])] + [f"SB:{s}" for s in _shape(names[second])]
    if names[second].lower().startswith(names[first].lower()[:6]) and len(names[first]) >= 4:
        out.append("SAME-STEM")
    if "_A_" in words[:a] or "_B_" in words[b + 1:]:
        out.append("REPEATED")
    return out


def candidate_pairs(template: str, kinds: dict[int, str]) -> list[tuple[int, int]]:
    """The slot pairs (text order) the classifier reads: two models/families, or one and a lab."""
    order = [int(m.group(2)) for m in _SLOT.finditer(template)]
    out = []
    for i, s in enumerate(order):
        for t in order[i + 1:]:
            ks = {kinds[s], kinds[t]}
            if s != t and ks <= {"M", "F", "O"} and ks != {"O"}:
                out.append((s, t))
    return out


def learned_relations(sents: Sequence[SentenceTemplate], rule_hits: Sequence[RelationHit],
                      classify: Classifier, *, threshold: float = 0.5,
                      predicates: Sequence[str] = PREDICATES) -> list[RelationHit]:
    """The relations the classifier finds between names the rules related in no way.

    Args:
        sents: the document's sentence templates, in order.
        rule_hits: the rules' relation hits (a pair of labels any of them joins is left alone).
        classify: feature lists -> (label, probability), e.g. :func:`load`.
        threshold: the least probability a relation needs.
        predicates: the relations kept (the others the classifier says are dropped).
    """
    related = {frozenset((h.subject.label, h.object.label)) for h in rule_hits}
    todo = []
    for sent in sents:
        text = sent.text.strip()
        if len(text) > _MAX_CHARS or text.startswith("|") or "\n" in text:
            continue
        kinds = {int(m.group(2)): m.group(1) for m in _SLOT.finditer(sent.template)}
        if len(kinds) > _MAX_NAMES:
            continue
        names = {sid: sent.slots[sid].label for sid in kinds}
        for s, t in candidate_pairs(sent.template, kinds):
            if names[s] == names[t] or frozenset((names[s], names[t])) in related:
                continue
            todo.append((sent, s, t, features(sent.template, kinds, names, s, t)))
    if not todo:
        return []
    out = []
    for (sent, s, t, _f), (label, p) in zip(todo, classify([f for *_x, f in todo]), strict=True):
        if label == "none" or p < threshold:
            continue
        subj, obj = (t, s) if label.startswith("~") else (s, t)
        pred = label.lstrip("~")
        if pred not in predicates:
            continue
        sk, ok = sent.slots[subj].type, sent.slots[obj].type
        if sk not in ("Model", "ModelFamily") or (pred == "developedBy") != (ok == "Organization") or (
                pred == "memberOfFamily" and ok != "ModelFamily"):
            continue  # a label the two names' types cannot bear
        out.append(RelationHit(sent.slots[subj], pred, sent.slots[obj], sent, "learned-relation", 0.6))
    return out


def predict(nlp: Language, feats: Sequence[Sequence[str]]) -> list[tuple[str, float]]:
    """The most likely label of each pair's features and its probability."""
    textcat = nlp.get_pipe("textcat")
    out = []
    for doc in textcat.pipe((Doc(nlp.vocab, words=list(f)) for f in feats), batch_size=256):
        label, p = max(doc.cats.items(), key=lambda kv: kv[1])
        out.append((label, p))
    return out


def load(path: str | Path) -> Classifier:
    """A classifier function over feature lists from a pipeline written by
    :mod:`ingest.train_relations` (loaded by path, never from a package)."""
    nlp = spacy.load(path)
    return lambda feats: predict(nlp, feats)


@lru_cache(maxsize=2)
def _load(path: str) -> Classifier:
    return load(path)


def extra_relations(sents: Sequence[SentenceTemplate], rule_hits: Sequence[RelationHit]) -> list[RelationHit]:
    """The hook: the classifier's relations when the setting ``relation_model`` names a trained
    model (``relation_model_threshold``, default 0.5, its least probability;
    ``relation_model_predicates``, a comma-separated list, the relations kept, default all), else
    none."""
    settings = get_settings()
    if settings.relation_model is None:
        return []
    kept = settings.relation_model_predicates
    return learned_relations(sents, rule_hits, _load(str(settings.relation_model)),
                             threshold=settings.relation_model_threshold,
                             predicates=tuple(kept.split(",")) if kept else PREDICATES)
