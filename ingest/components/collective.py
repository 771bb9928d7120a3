"""Collective subjects: "All three models offer ...", "Both launch models ...", "The two 70B models".

A sentence that opens with a collective noun phrase states a number for a group of models the
text named before it. The group is read from the document so far:

- a count ("all four", "both", "the three") picks the latest list of that many models ("A, B
  and C" in one sentence, or consecutive bullet items that each open with a model);
- sizes ("the two 70B models", "the 4B, 12B and 27B models") pick, for each size, the latest
  model whose name states it;
- neither ("all models", "the models") picks the latest list.

Only the part of the sentence before its first named model is read this way: "The 4B, 12B and
27B models accept up to 128K tokens, while Gemma 3 1B tops out at 32K" gives 128K to the three
and leaves 32K to Gemma 3 1B.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .entities import Mention
from .relations import LIST, SentenceTemplate, _ids, name_sizes, parse_number

__all__ = ["Groups", "split_collective"]

_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
_SIZE = r"\d+(?:\.\d+)?[BMT]"
_COLLECTIVE = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?(?:(?P<all>all|both|each\s+of|every\s+one\s+of)\s+)?(?:the\s+|these\s+|those\s+)?"
    r"(?:(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d)\s+)?"
    r"(?P<sizes>" + _SIZE + r"(?:\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)" + _SIZE + r")*\s+)?"
    r"(?:[a-z-]+\s+){0,2}?(?:models|variants|sizes|checkpoints|versions|releases|siblings|networks|systems|"
    r"LLMs)\b"
    r"|^\s*(?:(?:and|but|so)\s+)?(?P<them>all|both|each)\s+of\s+them\b",
    re.IGNORECASE)
#: what only a line has: its variants, versions, sizes ("all the variants": of the family)
_OF_THE_LINE = re.compile(r"\b(?:variants|versions|sizes)\b", re.IGNORECASE)
#: a model named after these is a point of comparison or an ancestor, not one of "the models"
_NOT_MEMBER_BEFORE = re.compile(
    r"(?:than|vs\.?|versus|outperform\w*|beats?|succeeds?|successor\s+to|replaces?|"
    r"previous|predecessor|over|against)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass
class Groups:
    """What the document has named so far: lists of models, and every model in order."""

    lists: list[list[Mention]] = field(default_factory=list)
    seen: list[Mention] = field(default_factory=list)
    #: per sentence, the distinct models it names as its own (not compared with, not ancestors)
    sentence_sets: list[list[Mention]] = field(default_factory=list)
    #: the last two sentences that named models of their own: (sentence index, those models)
    recent: list[tuple[int, list[Mention]]] = field(default_factory=list)
    _bullets: list[Mention] = field(default_factory=list)

    def observe(self, sent: SentenceTemplate) -> None:
        """Record the models and model lists of a sentence (after it has been read)."""
        models = [sent.slots[i] for i in _ids(sent.template) if i in sent.slots
                  and sent.slots[i].type in ("Model", "ModelFamily")]
        self.seen.extend(models)
        own = {}
        for m in re.finditer(r"⟪[MF](\d+)⟫", sent.template):
            mention = sent.slots.get(int(m.group(1)))
            if mention is not None and not _NOT_MEMBER_BEFORE.search(sent.template[max(0, m.start() - 30):m.start()]):
                own.setdefault(mention.label, mention)
        if len(own) >= 2:
            self.sentence_sets.append(list(own.values()))
        if own:
            self.recent = [*self.recent[-1:], (sent.index, list(own.values()))]
        for m in re.finditer(LIST, sent.template):
            listed = [sent.slots[i] for i in _ids(m.group()) if i in sent.slots]
            if len({x.label for x in listed}) >= 2:
                self.lists.append(listed)
        item = re.match(r"^\s*(?:[-*•+]|\d+[.)])\s+(?:\*\*)?⟪[MF](\d+)⟫", sent.template)
        if item is not None:
            self._bullets.append(sent.slots[int(item.group(1))])
            if len(self._bullets) >= 2:
                self.lists.append(list(self._bullets))
        else:
            self._bullets = []

    def latest(self) -> list[Mention]:
        """The last list of models the text named ("A and B", or bullet items), else none."""
        return list({m.label: m for m in self.lists[-1]}.values()) if self.lists else []

    def by_size(self, size: int | None) -> Mention | None:
        """The latest model whose name states this size ("the 8B model")."""
        match = [m for m in self.seen if size is not None and name_sizes(m.label)[0] == size]
        return match[-1] if match else None

    def resolve(self, count: int | None, sizes: list[int]) -> list[Mention]:
        """The models a collective phrase with this count and these sizes stands for."""
        if sizes:
            out = []
            for size in sizes:
                match = [m for m in self.seen if name_sizes(m.label)[0] == size]
                if match:
                    out.append(match[-1])
            labels = {m.label for m in out}
            if count is not None and len(labels) != count and len(sizes) == 1:
                # "the two 70B models": every model of that size, latest first
                same = {m.label: m for m in self.seen if name_sizes(m.label)[0] == sizes[0]}
                out = list(same.values())[-count:]
            return out if count is None or len({m.label for m in out}) == count or len(sizes) > 1 else []
        for listed in reversed(self.lists):
            unique = list({m.label: m for m in listed}.values())
            if count is None or len(unique) == count:
                return unique
        if count is None:
            return []
        if len(self.lists) >= 2:  # "all four": two lists of two ("A and B", "A-Instruct and B-Instruct")
            union = list({m.label: m for m in self.lists[-2] + self.lists[-1]}.values())
            if len(union) == count:
                return union
        for own in reversed(self.sentence_sets):  # "It launches with two models: A, ..., and B"
            if len(own) == count:
                return own
        # "A is the successor of B. Both networks have ...": the models of the last two sentences
        if len(self.recent) == 2 and self.recent[1][0] - self.recent[0][0] == 1:
            union = list({m.label: m for _i, ms in self.recent for m in ms}.values())
            if len(union) == count:
                return union
        return []


def split_collective(sent: SentenceTemplate, groups: Groups, subject: Mention | None = None
                     ) -> tuple[list[Mention], SentenceTemplate, SentenceTemplate] | None:
    """If ``sent`` opens with a collective subject, return its models (empty when the group
    cannot be found), the sentence's head (up to the first named model) and the rest with the
    head blanked out; else None.

    "All the variants" of a family the text is about (``subject``), with no list named, is the
    family itself: what all its variants share is the family's.
    """
    m = _COLLECTIVE.match(sent.template)
    if m is None or not (m.group("all") or m.group("count") or m.group("sizes") or m.group("them")):
        return None
    count = _COUNTS.get((m.group("all") or m.group("them") or "").lower()) or _COUNTS.get(
        (m.group("count") or "").lower())
    if count is None and m.group("count") and m.group("count").isdigit():
        count = int(m.group("count"))
    sizes = [v for s in re.findall(_SIZE, m.group("sizes") or "")
             if (v := parse_number(s[:-1], s[-1])) is not None]
    models = groups.resolve(count, sizes)
    if len(models) < 2:
        models = []  # a group the text named but we cannot find: bind its numbers to nobody
        if subject is not None and subject.type == "ModelFamily" and count is None and not sizes and \
                _OF_THE_LINE.search(m.group()):
            models = [subject]
    cut = sent.template.find("⟪")
    cut = len(sent.template) if cut < 0 else cut
    head = replace(sent, template=sent.template[:cut], offsets=sent.offsets[:cut])
    rest = replace(sent, template=" " * cut + sent.template[cut:])
    return models, head, rest
