"""The syntax stage: a dependency parse of the sentences a relation rule will read.

For each sentence worth parsing (it holds a word of ``patterns/triggers.tsv`` and the names
that word's relation joins, or "it" for one of them), a spaCy ``Doc`` is built whose tokens are the
sentence's words with each llmkg mention as one token (the mention's words would otherwise be
parsed as a phrase of their own: "Llama 3.1 70B" as a noun with two numbers). The mention token
is written as a plain proxy word of its type (see :data:`PROXY`): measured on the real-text
sets, a proxy parses the sentence around it better than the raw name. The trained parser
(:mod:`ingest.parser`) runs over all of a document's sentences at once (``Language.pipe``),
and what later stages read is kept as typed records: per sentence its tokens, heads,
dependency labels, fine-grained tags and which token is which mention. No spaCy object leaves
this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .relations import SentenceTemplate

__all__ = ["PROXY", "ParsedToken", "SentenceParse", "SyntaxParser", "build_words", "parseable"]

#: the word that stands for a mention of each type while parsing: a capitalised name the
#: parser reads as a proper noun in every position (a model as a product, a lab as a company)
PROXY = {"Model": "Falcon", "ModelFamily": "Falcon", "Organization": "Acme", "Person": "Smith",
         "UnnamedAgent": "someone", "Benchmark": "MMLU", "Hardware": "GPU"}
#: sentences longer than this are not parsed (a run-on table or a list glued into one line
#: costs more than any rule gains from it)
MAX_SENTENCE_CHARS = 1200


@dataclass(frozen=True)
class ParsedToken:
    """One token of a parsed sentence (a mention is one token)."""

    i: int
    text: str
    lower: str
    tag: str
    dep: str
    head: int
    start: int
    end: int
    #: the mention's slot id in the sentence's template (``SentenceTemplate.slots``), if any
    slot: int | None = None


@dataclass(frozen=True)
class SentenceParse:
    """A parsed sentence: its tokens (heads are indices into ``tokens``) and their children."""

    index: int
    tokens: tuple[ParsedToken, ...]
    children: tuple[tuple[int, ...], ...]

    def kids(self, i: int, *deps: str) -> list[ParsedToken]:
        """The children of token ``i`` (with one of ``deps`` when given), in order."""
        out = [self.tokens[k] for k in self.children[i]]
        return [t for t in out if t.dep in deps] if deps else out

    def head(self, i: int) -> ParsedToken:
        """The head of token ``i`` (the root is its own head)."""
        return self.tokens[self.tokens[i].head]


_SPACE = re.compile(r"\s+")


def build_words(sent: SentenceTemplate, text: str, tokenizer: Language | None,
                *, proxy: bool = True) -> tuple[list[str], list[bool], list[tuple[int, int, int | None]]]:
    """The words, spaces and ``(start, end, slot)`` of a sentence with each mention one token.

    ``text`` is the document's text (the template's offsets index it). Words between mentions
    come from the parser's tokenizer; a hyphenated word ("fine-tuned", "co-founder") stays one
    token. With ``proxy`` a mention's word is :data:`PROXY` of its type, else its text.
    """
    mentions = sorted(sent.slots.items(), key=lambda kv: kv[1].start)
    pieces: list[tuple[int, int, int | None]] = []
    pos = sent.start
    for sid, m in mentions:
        if m.start < pos or m.end > sent.end:
            continue
        pieces.extend(_tokens(text, pos, m.start, tokenizer))
        pieces.append((m.start, m.end, sid))
        pos = m.end
    pieces.extend(_tokens(text, pos, sent.end, tokenizer))
    words: list[str] = []
    for start, end, sid in pieces:
        if sid is not None and proxy:
            words.append(PROXY[sent.slots[sid].type])
        else:
            words.append(_SPACE.sub(" ", text[start:end]) if sid is not None else text[start:end])
    spaces = [pieces[k + 1][0] > pieces[k][1] for k in range(len(pieces) - 1)] + [False] if pieces else []
    return words, spaces, pieces


def _tokens(text: str, start: int, end: int, tokenizer: Language | None) -> list[tuple[int, int, None]]:
    """The tokens of ``text[start:end]`` as offsets, hyphenated words kept whole."""
    if start >= end:
        return []
    chunk = text[start:end]
    if tokenizer is None:
        spans = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:-\w+)*|[^\w\s]", chunk)]
    else:
        spans = [(t.idx, t.idx + len(t.text)) for t in tokenizer(chunk) if not t.is_space]
    out: list[tuple[int, int, None]] = []
    k = 0
    while k < len(spans):
        s, e = spans[k]
        # rejoin "fine" "-" "tuned" (the tokenizer splits infix hyphens): one word to the parser
        while (k + 2 < len(spans) and spans[k + 1][0] == e and chunk[e:spans[k + 1][1]] == "-"
               and spans[k + 2][0] == e + 1 and chunk[s:e][-1:].isalnum()
               and chunk[e + 1:e + 2].isalpha()):
            e = spans[k + 2][1]
            k += 2
        out.append((s, e, None))
        k += 1
    return [(s + start, e + start, None) for s, e, _n in out]


def parseable(sent: SentenceTemplate) -> bool:
    """Whether the sentence can be parsed at all: not a table row (the table reader reads
    those), not an over-long run of text."""
    return len(sent.text) <= MAX_SENTENCE_CHARS and not sent.text.lstrip().startswith("|")


class SyntaxParser:
    """Parse the sentences a rule will read with the trained parser; keep typed records.

    ``select`` says which sentences are worth parsing (the relation rules know which words and
    names they read: :meth:`ingest.components.deprules.TriggerIndex.worth_parsing`).
    """

    def __init__(self, parser: Language, select: Callable[[SentenceTemplate], bool], *,
                 proxy: bool = True, batch_size: int = 64) -> None:
        self.parser = parser
        self.select = select
        self.proxy = proxy
        self.batch_size = batch_size

    def parse(self, text: str, sents: Sequence[SentenceTemplate]) -> dict[int, SentenceParse]:
        """Parse every sentence of ``sents`` worth parsing; key the records by sentence index."""
        chosen = [s for s in sents if parseable(s) and self.select(s)]
        if not chosen:
            return {}
        built = [build_words(s, text, self.parser.tokenizer, proxy=self.proxy) for s in chosen]
        docs = [Doc(self.parser.vocab, words=w, spaces=sp) for w, sp, _p in built]
        out: dict[int, SentenceParse] = {}
        for sent, (words, _sp, pieces), doc in zip(
                chosen, built, self.parser.pipe(docs, batch_size=self.batch_size), strict=True):
            out[sent.index] = _record(sent.index, text, words, pieces, doc)
        return out


def _record(index: int, text: str, words: list[str], pieces: list[tuple[int, int, int | None]],
            doc: Doc) -> SentenceParse:
    tokens = []
    children: list[list[int]] = [[] for _ in words]
    for t, (start, end, sid) in zip(doc, pieces, strict=True):
        surface = _SPACE.sub(" ", text[start:end])
        tokens.append(ParsedToken(t.i, surface, surface.lower(), t.tag_, t.dep_, t.head.i,
                                  start, end, sid))
        if t.head.i != t.i:
            children[t.head.i].append(t.i)
    return SentenceParse(index, tuple(tokens), tuple(tuple(c) for c in children))
