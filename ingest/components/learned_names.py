"""A learned name finder as a proposer (off by default; measured in docs/extraction.md).

The pinned English pipeline (:mod:`ingest.parser`) carries a trained ``ner`` component that the
syntax stage never loads. With the setting ``learned_names`` on, :func:`make_learned_names` loads
it by path (after the same manifest check, every other component excluded) and
:class:`LearnedNames` runs it after the rule-based entity finder. A PERSON, ORG or PRODUCT span
the rules did not find is only a *candidate*: it is kept when it has the shape of a name (no
line break, no digit, capitalised words, no listed non-entity or non-name word) and when the
sentence around it gives it a type (:func:`type_from_context`): a model cue ("the X model",
"X outperforms", "fine-tuned from X"), an organisation cue ("researchers at X", "X announced",
"released by X") or, for a two-to-four-word PERSON span, a person cue ("said", "CEO", "professor").
The NER label alone never types a name. Once typed, every other occurrence of the same text that
no rule mention covers becomes a mention too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..lexicon import NON_NAME_WORDS, is_non_entity
from .entities import Mention

__all__ = ["LearnedNames", "NerSpan", "candidate_sentences", "load_ner", "name_shape", "propose", "register", "type_from_context"]

#: the NER labels a candidate may come from
LABELS = frozenset({"PERSON", "ORG", "PRODUCT"})

_PARTICLE = r"(?:of|de|del|la|las|los|der|van|von|da|du|for|and|&)"
_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.&-]*|[a-z][a-z]?[A-Z][\w'’.&-]*)"
_SHAPE = re.compile(rf"^{_WORD}(?: (?:{_WORD}|{_PARTICLE}))*$")
_ACRONYM = re.compile(r"^[A-Z]{2,3}s?$")
_STOP_WORDS = frozenset().union(*NON_NAME_WORDS.values()) if NON_NAME_WORDS else frozenset()

_MODEL_AFTER = re.compile(
    r"^\s+(?:(?:base|chat|instruct|language|foundation|open|open-weight|open-source|new|"
    r"reasoning|coding|code|math)\s+)?(?:models?|LLMs?|chatbot|series)\b"
    r"|^,?\s+(?:outperforms|outperformed|beats|beat|surpasses|surpassed|rivals|scores|scored)\b")
_MODEL_BEFORE = re.compile(
    r"\b(?:outperforms?|outperforming|outperformed|surpass(?:es|ed|ing)?|beats?|beating|"
    r"fine-?tuned (?:from|version of)|(?:a|the) fine-?tune of|based on|built on top of|"
    r"(?:quanti[sz]ed|merged|distilled|new|previous|earlier) (?:version|versions) of|version of|"
    r"quanti[sz]ations? of|the original|(?:language|foundation|open-source|reasoning) model,?)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE)
_ORG_AFTER = re.compile(
    r"^(?:'s|’s)?,?\s+(?:has\s+|have\s+|had\s+|also\s+|recently\s+|today\s+|on \w+day\s+)?"
    r"(?:announced|announces|released|releases|launched|launches|unveiled|unveils|introduced|"
    r"introduces|open-sourced|open-sources|said|says|debuted|debuts)\b"
    r"|^(?:'s|’s)\s+(?:researchers|scientists|engineers|team|CEO|co-?founder|founder|chief|"
    r"chairman|chairwoman|president|spokesperson|lab|labs|shares)\b"
    r"|^,\s+(?:a|an|the)\s+[^,.;]{0,50}?\b(?:company|startup|start-up|lab|laboratory|firm|"
    r"institute|university|organi[sz]ation|agency|developer|maker|giant|consortium|centre|center)\b")
_ORG_BEFORE = re.compile(
    r"\b(?:(?:researchers|scientists|engineers|team|teams|people)\s+(?:at|from)|"
    r"(?:developed|released|built|created|launched|published|backed|funded|trained|unveiled|"
    r"introduced|led)\s+by|in (?:partnership|collaboration) with|partnered with|worked with|"
    r"(?:CEO|co-?founder|founder|chairman|director|professor|researcher|president) (?:of|at)|"
    r"(?:company|startup|start-up|lab|firm|developer|maker)\s+(?:called|named))\s+(?:the\s+)?$",
    re.IGNORECASE)
_PERSON_NEAR = re.compile(
    r"\b(?:said|says|told|tells|wrote|writes|explained|added|noted|CEO|co-?founder|"
    r"founder|chief|head of|director|professor|researcher|scientist|engineer|president|"
    r"spokesperson|spokesman|spokeswoman|author|analyst|chairman|lead|written by|edited by)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class NerSpan:
    """A span the learned finder proposed: character offsets and its NER label."""

    start: int
    end: int
    label: str


def name_shape(name: str) -> bool:
    """Whether ``name`` looks like a name: one line, no digit, capitalised words, nothing listed.

    >>> name_shape("Quillworth Labs"), name_shape("Model Card"), name_shape("5 GB")
    (True, False, False)
    """
    if not 2 <= len(name) <= 50 or "\n" in name or any(ch.isdigit() for ch in name):
        return False
    if not _SHAPE.match(name) or is_non_entity(name):
        return False
    words = name.split()
    if len(words) == 1:
        return words[0].lower().strip("'’.") not in _STOP_WORDS
    # a longer name may hold a place or a common word ("Tokyo Institute of Technology"); it may
    # not begin with a sentence opener or a headline verb, nor end with a tail word
    return not (words[0].lower() in NON_NAME_WORDS.get("opener", ()) or
                words[0].lower() in NON_NAME_WORDS.get("verb", ()) or
                words[-1].lower() in NON_NAME_WORDS.get("tail", ()))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from ``text[start:end]``."""
    m = re.match(r"(?:the|The)\s+", text[start:end])
    if m:
        start += m.end()
    m = re.search(r"(?:'s|’s|')$", text[start:end])
    if m:
        end -= len(m.group(0))
    return start, end


def type_from_context(text: str, start: int, end: int, label: str,
                      sentence: tuple[int, int]) -> str | None:
    """The entity type the sentence around ``text[start:end]`` gives it, or ``None``.

    A model cue wins over an organisation cue; a person needs a PERSON span of two to four
    words and a speech or role word within 60 characters, in the same sentence.
    """
    s0, s1 = sentence
    before, after = text[max(s0, start - 60):start], text[end:min(s1, end + 80)]
    name = text[start:end]
    if _MODEL_AFTER.search(after) or _MODEL_BEFORE.search(before):
        return "Model"
    if label in ("PERSON", "ORG") and re.match(r"^,? et al\b", after) and len(name.split()) <= 3:
        return "Person"  # a citation's author: "(Quell et al., 2024)"
    if label in ("ORG", "PRODUCT") or (label == "PERSON" and len(name.split()) == 1):
        if not _ACRONYM.match(name) and (_ORG_AFTER.search(after) or _ORG_BEFORE.search(before)):
            return "Organization"
        return None
    words = name.split()
    if label == "PERSON" and 2 <= len(words) <= 4 and not any(w.isupper() for w in words):
        near = text[max(s0, start - 60):start] + " " + text[end:min(s1, end + 60)]
        if _PERSON_NEAR.search(near) or re.search(r"\baccording to\s+$", before) and \
                re.match(r"^\s*[,.;)]", after):  # "according to X pricing" names no one
            return "Person"
    return None


def _people_lists(text: str, spans: Sequence[NerSpan]) -> set[NerSpan]:
    """Spans in a run of at least three names joined by commas ("A B, C D, and E F"), most of
    them PERSON: a list of authors or of a team's members."""
    out: set[NerSpan] = set()
    run: list[NerSpan] = []

    def close() -> None:
        if len(run) >= 3 and sum(x.label == "PERSON" for x in run) * 3 >= len(run) * 2:
            out.update(x for x in run if x.label in ("PERSON", "ORG"))

    for sp in spans:
        if run and not re.fullmatch(r",\s*(?:and\s+)?", text[run[-1].end:sp.start]):
            close()
            run = []
        run.append(sp)
    close()
    return out


def _in_headline(text: str, pos: int) -> bool:
    """Whether ``pos`` is on a title-case line: three or more words, every one of four letters
    or more capitalised, and no sentence ending inside it."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a:b if b >= 0 else len(text)].strip()
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    long_words = [w for w in words if len(w) >= 4]
    return len(words) >= 3 and bool(long_words) and not re.search(r"[.!?]\s", line) and \
        all(w[0].isupper() for w in long_words)


def _longer_form(name: str, kind: str, mentions: Sequence[Mention]) -> str | None:
    """The label of a rule mention of the same type whose name holds ``name`` as whole words
    ("Tarn" in "Beijing Tarn Robotics"): the candidate is its short form, not a new entity."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for m in mentions:
        if m.type == kind and m.text != name and pattern.search(m.text):
            return m.label
    return None


def _mid_sentence(text: str, name: str, starts: Sequence[int]) -> bool:
    """Whether ``name`` occurs somewhere not at the start of a sentence or a line."""
    begins = set(starts)
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        lead = text[:m.start()].rstrip(" \t\"'“‘*#-")
        if m.start() not in begins and lead and lead[-1] not in "\n.!?:|":
            return True
    return False


def propose(text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[Mention],
            spans: Iterable[NerSpan]) -> list[Mention]:
    """New mentions from the learned finder's ``spans`` (see the module docstring).

    Args:
        text: the text the mentions index.
        sentences: ``(start, end)`` of each sentence, in order.
        mentions: what the rules found (never overlapped, never re-typed).
        spans: the learned finder's spans.

    Returns:
        Mentions of rule ``learned-ner``, in no particular order, overlapping no rule mention
        nor each other.
    """
    taken = [(m.start, m.end) for m in mentions]
    known = {m.text.lower() for m in mentions} | {m.label.lower() for m in mentions}
    starts = [s for s, _e in sentences]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def free(s: int, e: int) -> bool:
        return not any(ts < e and s < te for ts, te in taken)

    spans = sorted(spans, key=lambda x: x.start)
    listed = _people_lists(text, spans)
    typed: dict[str, str] = {}
    for sp in spans:
        if sp.label not in LABELS:
            continue
        s, e = _trim(text, sp.start, sp.end)
        if sp in listed and name_shape(text[s:e]) and free(s, e) and 2 <= len(text[s:e].split()) <= 4:
            typed.setdefault(text[s:e], "Person")  # one of a list of people: authors, a team
            continue
        name = text[s:e]
        if name.lower() in known or name in typed or not name_shape(name) or not free(s, e):
            continue
        if " " not in name and re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", text):
            continue  # the document writes the word in lower case too: a common noun ("Arena")
        if " " not in name and not _mid_sentence(text, name, starts):
            continue  # capitalised only where every word is: no sign it is a name
        if _in_headline(text, s):
            continue  # every word of a headline is capitalised: "CEO Rebuts Model Claims"
        k = sent_of(s)
        bounds = sentences[k] if sentences else (0, len(text))
        kind = type_from_context(text, s, e, sp.label, bounds)
        if kind is not None:
            typed[name] = kind
    out: list[Mention] = []
    for name, kind in typed.items():
        label = _longer_form(name, kind, mentions)
        if label is None and kind != "Model":
            label = _longer_form(name, "Person", mentions)  # "Liang said" after "Liang Wenfeng"
            kind = "Person" if label is not None else kind
        label = label or name
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if free(m.start(), m.end()):
                out.append(Mention(m.start(), m.end(), name, kind, label, "learned-ner",
                                   sent=sent_of(m.start())))
                taken.append((m.start(), m.end()))
    return out


_CAP_WORD = re.compile(rf"(?<![\w-]){_WORD}")


def candidate_sentences(text: str, sentences: Sequence[tuple[int, int]],
                        mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """The sentences worth running the learned finder on (it costs as much as the rest of the
    pipeline): those holding a capitalised word that no rule mention covers and that the
    document writes capitalised mid-sentence somewhere, with a name's shape."""
    taken = sorted((m.start, m.end) for m in mentions)
    ends = [e for _s, e in taken]

    def covered(a: int, b: int) -> bool:
        i = bisect.bisect_right(ends, a)
        return i < len(taken) and taken[i][0] < b

    words: set[str] = set()
    per_sentence: list[set[str]] = []
    for s, e in sentences:
        here: set[str] = set()
        for m in _CAP_WORD.finditer(text, s, e):
            w = m.group(0).rstrip(".'’")
            if not w or any(ch.isdigit() for ch in w) or covered(m.start(), m.end()):
                continue
            here.add(w)
            lead = text[s:m.start()].rstrip(" \t\"'“‘*#-")
            if lead and lead[-1] not in "\n.!?:|" and name_shape(w):
                words.add(w)
        per_sentence.append(here)
    return [b for b, here in zip(sentences, per_sentence, strict=True) if here & words]


class LearnedNames:
    """Pipeline component: add the learned finder's typed candidates to ``doc._.llmkg_mentions``."""

    def __init__(self, ner) -> None:  # noqa: ANN001 - a spaCy Language holding only ``ner``
        self.ner = ner

    def __call__(self, doc):  # noqa: ANN001, ANN204 - spaCy Doc in, Doc out
        from . import sentence_bounds

        mentions = list(doc._.llmkg_mentions or [])
        sents = sentence_bounds(doc)
        spans = []
        chosen = candidate_sentences(doc.text, sents, mentions)
        for (s, _e), part in zip(chosen, self.ner.pipe(doc.text[a:b] for a, b in chosen), strict=True):
            spans += [NerSpan(s + e.start_char, s + e.end_char, e.label_) for e in part.ents]
        new = propose(doc.text, sents, mentions, spans)
        if new:
            doc._.llmkg_mentions = sorted(mentions + new, key=lambda m: (m.start, m.end))
        return doc


def load_ner(path: str | None = None):  # noqa: ANN201 - spaCy Language
    """The pinned pipeline's ``ner`` alone, loaded by path after the manifest check."""
    import spacy

    from ..parser import _ALL_COMPONENTS, check_manifest, parser_dir

    root = parser_dir(path)
    check_manifest(root)
    return spacy.load(root, exclude=[c for c in _ALL_COMPONENTS if c != "ner"])


_registered = False


def register() -> None:
    """Register the ``llmkg_learned_names_v1`` factory (idempotent)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language

    @Language.factory("llmkg_learned_names_v1", requires=["doc._.llmkg_mentions"],
                      assigns=["doc._.llmkg_mentions"], default_config={"parser_path": None})
    def make_learned_names(nlp: Language, name: str, parser_path: str | None) -> LearnedNames:  # noqa: ARG001
        path = None if parser_path is None or parser_path.strip().lower() == "off" else parser_path
        return LearnedNames(load_ner(path))

    _registered = True
