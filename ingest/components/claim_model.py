"""The learned claim detector's stage: measured, not part of the pipeline (docs/extraction.md,
"A learned claim detector (measured)": it found one more gold claim for many more spurious ones).

A small spaCy text classifier (trained by :mod:`ingest.train_claims` on the project's own
sentences) reads each sentence and says whether it states an attributed claim and with which
stance. A sentence it flags that the rules found no claim in becomes a claim: its claimant is
the sentence's first person, else its first organisation that does not merely qualify a model
("Acme's Falcon-9"); a sentence naming no one (a vendor's "we") is left to the document-level
rules, which know the publisher. What it is about is the sentence's models and families, else
its other organisations. The rules' claims are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from spacy.tokens import Doc

from .claims import ClaimHit, clip_topic
from .entities import Mention
from .relations import SentenceTemplate

#: the classifier's stances in the ontology's terms: an allegation is the accuser's assertion
ONTOLOGY_STANCE = {"asserts": "asserts", "alleges": "asserts", "denies": "denies"}
_SLOT = re.compile(r"⟪([A-Z])(\d+)⟫")
#: a sentence this short or this long is a heading, a table row or run-on text, not a statement
_MIN_CHARS, _MAX_CHARS = 25, 600

Classifier = Callable[[Sequence[str]], list[tuple[str, float]]]


def _slots(sent: SentenceTemplate, kinds: str) -> list[Mention]:
    return [sent.slots[int(m.group(2))] for m in _SLOT.finditer(sent.template) if m.group(1) in kinds]


#: a name that only qualifies a model ("Acme's Falcon-9", "the Acme-built Falcon-9") speaks for nothing
_QUALIFIES_MODEL = re.compile(r"(?:(?:['’]s|-\w+)\s+(?:[\w-]+\s+){0,3}?|\s+)⟪[MF]\d+⟫")


def _agents(sent: SentenceTemplate) -> list[Mention]:
    """The people, then the organisations, of a sentence that could be speaking."""
    out = {"P": [], "O": []}
    for m in _SLOT.finditer(sent.template):
        if m.group(1) in "PO" and not _QUALIFIES_MODEL.match(sent.template, m.end()):
            out[m.group(1)].append(sent.slots[int(m.group(2))])
    return out["P"] + out["O"]


def learned_claims(sents: Sequence[SentenceTemplate], rule_claims: Sequence[ClaimHit],
                   classify: Classifier, *, threshold: float = 0.5) -> list[ClaimHit]:
    """The claims the classifier finds in sentences the rules found none in.

    Args:
        sents: the document's sentence templates, in order.
        rule_claims: the rules' claims (their sentences are left alone).
        classify: texts -> (stance or ``none``, probability), e.g. :func:`ingest.train_claims.predict`.
        threshold: the least probability a stance needs.
    """
    done = {c.sent.index for c in rule_claims}
    todo = [s for s in sents if s.index not in done and _MIN_CHARS <= len(s.text.strip()) <= _MAX_CHARS
            and "\n" not in s.text.strip() and _slots(s, "MFOP")]
    if not todo:
        return []
    out = []
    for sent, (stance, p) in zip(todo, classify([s.text.strip() for s in todo]), strict=True):
        if stance not in ONTOLOGY_STANCE or p < threshold:
            continue
        agents = _agents(sent)
        if not agents:  # a vendor's "we" is the document-level rules' (they know the publisher)
            continue
        claimant = agents[0]
        about = tuple(dict.fromkeys(m for m in _slots(sent, "MF") if m.label != claimant.label)) or tuple(
            dict.fromkeys(m for m in _slots(sent, "O") if m.label != claimant.label))
        if not about:
            continue
        out.append(ClaimHit(claimant, ONTOLOGY_STANCE[stance], about, sent.text.strip(),
                            clip_topic(sent.text.strip()), sent, "learned-claim"))
    return out


class ClaimModelStage:
    """Add the classifier's claims to ``doc._.llmkg_claims``, after ``llmkg_claims_v1`` has run
    (used by ``scripts/measure_claim_model.py``; no factory registers it)."""

    def __init__(self, model_path: str, threshold: float = 0.5) -> None:
        import spacy

        self.model = spacy.load(Path(model_path))
        self.threshold = threshold

    def classify(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """The most likely stance of each text and its probability."""
        out = []
        for d in self.model.pipe(texts, batch_size=256):
            label, p = max(d.cats.items(), key=lambda kv: kv[1])
            out.append((label, p))
        return out

    def __call__(self, doc: Doc) -> Doc:
        from . import _templates

        rules = list(doc._.llmkg_claims or [])
        doc._.llmkg_claims = rules + learned_claims(_templates(doc), rules, self.classify,
                                                    threshold=self.threshold)
        return doc
