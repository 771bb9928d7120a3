"""The per-document collector the extraction rules write into, and evidence helpers."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from kg.terms import name_key

from .components.entities import Mention
from .records import Attribute, Claim, Document, EntityRef, Evidence, Relation, Release, Result

__all__ = ["Collector", "evidence_for", "sentence_bounds_of", "sentence_evidence"]


#: a list item's marker at the start of a sentence ("- ", "2. "): not part of the quote
_ITEM_MARK = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?=\S)")


def evidence_for(text: str, start: int, end: int, *, rule: str, confidence: float = 0.9) -> Evidence:
    """Return evidence for ``text[start:end]`` (a sentence or a table row), without a list
    item's leading marker."""
    mark = _ITEM_MARK.match(text, start, end)
    if mark is not None:
        start = mark.end()
    return Evidence(start=start, end=end, quote=text[start:end], rule=rule, confidence=confidence)


def sentence_bounds_of(doc: Doc) -> list[tuple[int, int]]:
    from .components import sentence_bounds

    return sentence_bounds(doc)


#: the last bounds indexed by :func:`_sorted_starts`: (the bounds, their starts or None)
_INDEXED: tuple[Sequence[tuple[int, int]], list[int] | None] | None = None


def _sorted_starts(bounds: Sequence[tuple[int, int]]) -> list[int] | None:
    """The starts of ``bounds`` when the spans are sorted and do not overlap (sentence bounds
    are), else ``None``; the last answer is kept, since one document asks many times."""
    global _INDEXED
    cached = _INDEXED
    if cached is not None and cached[0] is bounds and (cached[1] is None or len(cached[1]) == len(bounds)):
        return cached[1]
    starts: list[int] | None = [s for s, _e in bounds]
    if any(bounds[i][1] > bounds[i + 1][0] or bounds[i][0] > bounds[i][1] for i in range(len(bounds) - 1)):
        starts = None
    _INDEXED = (bounds, starts)
    return starts


def sentence_evidence(text: str, bounds: Sequence[tuple[int, int]], pos: int, rule: str,
                       confidence: float = 0.9) -> Evidence:
    """Evidence for the sentence (one of ``bounds``) that holds ``pos``, else for its line.

    Sorted, disjoint bounds are searched by bisection (a scan per call was quadratic in the
    length of a long document); others in order, the first that holds ``pos``.
    """
    starts = _sorted_starts(bounds)
    if starts is not None:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
            s, e = bounds[i]
            return evidence_for(text, s, e, rule=rule, confidence=confidence)
    else:
        for s, e in bounds:
            if s <= pos < e:
                return evidence_for(text, s, e, rule=rule, confidence=confidence)
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    return evidence_for(text, line_start, len(text) if line_end < 0 else line_end, rule=rule,
                        confidence=confidence)


class Collector:
    """Entities, relations, attributes, results, claims and releases found in one document.

    Every rule adds to it through :meth:`entity` and :meth:`relation`, so one name is one
    entity (merged by name key) and one triple is kept once, with its first evidence.
    """

    def __init__(self, document: Document, bounds: Sequence[tuple[int, int]]) -> None:
        self.document = document
        self.text = document.text
        self.bounds = bounds
        self.entities: dict[tuple[str, str], dict[str, Any]] = {}
        self.relations: dict[tuple[EntityRef, str, EntityRef], Relation] = {}
        self.attributes: dict[tuple[EntityRef, str, int], Attribute] = {}
        self.results: dict[tuple[EntityRef, EntityRef, float], Result] = {}
        self.claims: list[Claim] = []
        self.releases: dict[EntityRef, Release] = {}

    def entity(self, m: Mention) -> EntityRef:
        kind = "model" if m.type in ("Model", "ModelFamily") else m.type
        key = (kind, name_key(m.label))
        slot = self.entities.get(key)
        if slot is None:
            slot = {"label": m.label, "types": set(), "alts": set(), "evidence": [], "forms": set()}
            self.entities[key] = slot
        slot["types"].add(m.type)
        surface = re.sub(r"\s+", " ", m.text).strip()
        if surface != slot["label"]:
            slot["alts"].add(surface)
        if surface not in slot["forms"]:
            slot["forms"].add(surface)
            slot["evidence"].append(sentence_evidence(self.text, self.bounds, m.start,
                                                       f"mention:{m.rule}"))
        return EntityRef(m.type, slot["label"])

    def label_of(self, m: Mention) -> str:
        """The label the entity of ``m`` has (or would get), without adding it: a rule that only
        compares names must not mint an entity (a table header's undated model)."""
        kind = "model" if m.type in ("Model", "ModelFamily") else m.type
        slot = self.entities.get((kind, name_key(m.label)))
        return slot["label"] if slot is not None else m.label

    def relation(self, s: EntityRef, p: str, o: EntityRef, ev: Evidence) -> None:
        if s.label == o.label:
            return
        self.relations.setdefault((s, p, o), Relation(s, p, o, ev))
