"""Relations, attributes and benchmark results from sentence templates.

Each sentence is rewritten with its mentions replaced by typed slots (``⟪M3⟫`` a model, ``⟪F1⟫``
a family, ``⟪O0⟫`` an organisation, ``⟪P2⟫`` a person, ``⟪B4⟫`` a benchmark, ``⟪H5⟫`` hardware);
the rules are regular expressions over that template, so they read like the sentences they
match ("⟪M⟫ was distilled from ⟪M⟫"). Lists ("Scout and Maverick") fill one slot group.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..lexicon import TITLE_WORDS
from .entities import Mention

__all__ = [
    "AttributeHit",
    "RelationHit",
    "ResultHit",
    "SentenceTemplate",
    "find_attributes",
    "find_fits",
    "find_relations",
    "find_results",
    "learn_descriptions",
    "make_template",
    "with_descriptions",
    "MetricContext",
    "parse_number",
]

_LETTER = {"Model": "M", "ModelFamily": "F", "Organization": "O", "Person": "P",
           "UnnamedAgent": "A", "Benchmark": "B", "Hardware": "H"}


@dataclass(frozen=True)
class SentenceTemplate:
    """A sentence with its mentions replaced by slots."""

    index: int
    start: int
    end: int
    text: str
    template: str
    slots: dict[int, Mention]
    #: template offset -> text offset (for each template char)
    offsets: tuple[int, ...]

    def text_pos(self, tpos: int) -> int:
        """Map an offset in the template back to an offset in the document text."""
        if tpos >= len(self.offsets):
            return self.end
        return self.offsets[tpos]


@dataclass(frozen=True)
class RelationHit:
    """A relation found in a sentence."""

    subject: Mention
    predicate: str
    object: Mention
    sent: SentenceTemplate
    rule: str
    confidence: float = 0.9


@dataclass(frozen=True)
class AttributeHit:
    """An integer attribute found in a sentence."""

    subject: Mention
    property: str
    value: int
    sent: SentenceTemplate
    rule: str


@dataclass(frozen=True)
class ResultHit:
    """A benchmark score found in a sentence or a table row."""

    model: Mention
    benchmark: Mention
    score: float
    metric: str | None
    sent: SentenceTemplate
    rule: str


def make_template(index: int, start: int, end: int, text: str,
                  mentions: Sequence[Mention], base_id: int) -> SentenceTemplate:
    """Rewrite ``text[start:end]`` with slots for ``mentions`` (sorted, inside the sentence)."""
    parts: list[str] = []
    offsets: list[int] = []
    slots: dict[int, Mention] = {}
    pos = start
    for k, m in enumerate(mentions):
        if m.start < pos:
            continue
        parts.append(text[pos:m.start])
        offsets.extend(range(pos, m.start))
        sid = base_id + k
        slot = f"⟪{_LETTER[m.type]}{sid}⟫"
        slots[sid] = m
        parts.append(slot)
        offsets.extend([m.start] * len(slot))
        pos = m.end
    parts.append(text[pos:end])
    offsets.extend(range(pos, end))
    return SentenceTemplate(index, start, end, text[start:end], "".join(parts), slots,
                            tuple(offsets))


_SLOT = re.compile(r"⟪([A-Z])(\d+)⟫")
_ADJ = (r"(?:(?:new|newest|latest|open|open-weight|open-source|open-sourced|flagship|first|next|"
        r"upcoming|own|recent|small|smaller|largest|larger|biggest|frontier|experimental|"
        r"reasoning|multimodal|lightweight|compact|popular|previous|original|latest-generation|"
        r"next-generation|model|models|family|LLM|LLMs|AI|language|large|efficient|powerful|"
        r"coding|chat|instruction-tuned|mixture-of-experts|MoE|dense|the)\s+)")
MF = r"⟪[MF]\d+⟫"
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*/\s*)"
LIST = rf"{MF}(?:{_SEP}{MF})*"
ORG = r"⟪O\d+⟫"
PER = r"⟪P\d+⟫"
HW = r"⟪H\d+⟫"
GAP = r"[^⟪.;:]{0,60}?"
W = r"(?:[\w'’-]+\s+)"
DET = r"(?:the\s+|its\s+|their\s+|a\s+|an\s+)?"


def _ids(group: str | None) -> list[int]:
    return [int(m.group(2)) for m in _SLOT.finditer(group or "")]


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{LIST}", LIST), re.IGNORECASE)


_RELATION_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    # --- distillation
    ("distilledFrom", "distilled-from", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:co-?)?distill(?:ed|ation)\b[^⟪.;]{{0,40}}?\bfrom\s+{DET}{W}{{0,3}}?(?P<o>{{LIST}})")),
    ("distilledFrom", "distil-into", _p(
        rf"\bdistill?(?:ed|ing|s)?\s+{DET}{W}{{0,3}}?(?P<o>{{LIST}}){GAP}\binto\s+{DET}{W}{{0,3}}?(?P<s>{{LIST}})")),
    ("distilledFrom", "teacher-for", _p(
        rf"(?P<o>{{LIST}}){GAP}\b(?:serves?|served|serving|acts?|acted|acting|used|works?)\s+as\s+{DET}teacher\b[^⟪.;]{{0,40}}?\b(?:for|of|to)\s+{DET}{W}{{0,3}}?(?P<s>{{LIST}})")),
    ("distilledFrom", "student-of", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:students?\s+of|learn(?:s|ed|t)?\s+from|trained\s+(?:by|against|from)\s+{DET}teacher,?)\s+{DET}{W}{{0,2}}?(?P<o>{{LIST}})")),
    # --- fine-tuning and other derivations
    ("fineTunedFrom", "fine-tuned-from", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:fine-?tuned|finetuned|instruction-tuned|post-trained|further\s+trained)\b(?:\s+(?:version|variant|checkpoint|model)s?)?\s+(?:of|from|on\s+top\s+of|off|atop)\s+{DET}{W}{{0,3}}?(?P<o>{{LIST}})")),
    ("fineTunedFrom", "fine-tune-of", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:fine-?tunes?|finetunes?)\s+of\s+{DET}{W}{{0,2}}?(?P<o>{{LIST}})")),
    ("fineTunedFrom", "fine-tuning-x-to", _p(
        rf"\bfine-?tun(?:ing|ed|es)\s+{DET}{W}{{0,2}}?(?P<o>{{LIST}}){GAP}\b(?:to\s+(?:create|produce|build|obtain|make|get)|into|yield(?:s|ed|ing)?|result(?:s|ed|ing)?\s+in|giving|gives|gave|(?:has\s+|have\s+)?(?:led|leads?)\s+to)\s+{DET}{W}{{0,2}}?(?P<s>{{LIST}})")),
    ("fineTunedFrom", "tuned-version-of", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:is|are|was|were)\s+{DET}(?:[\w-]+,?\s+(?:and\s+)?){{0,3}}?(?:instruct(?:ion)?(?:-tuned)?|chat|tuned|tuned-up|aligned|fine-?tuned|retrained|refined)\s+(?:version|variant|iteration|edition)s?\s+of\s+{DET}(?:{ORG}(?:'s|’s)\s+)?(?P<o>{{LIST}})")),
    ("quantizedFrom", "quantized-of", _p(
        rf"(?P<s>{{LIST}}){GAP}\bquantiz(?:ed|ation|ations)\b(?:\s+(?:version|variant|build|copy|release|checkpoint)s?)?\s+(?:of|from)\s+{DET}{W}{{0,2}}?(?P<o>{{LIST}})")),
    ("mergedFrom", "merge-of", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:merge|merger|blend)\s+of\s+{DET}(?P<o>{{LIST}})")),
    ("adapterOf", "adapter-for", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:LoRA\s+|QLoRA\s+)?adapters?\s+(?:for|on|of|on\s+top\s+of|trained\s+on)\s+{DET}(?P<o>{{LIST}})")),
    # "the recipe yields a ⟪M1⟫ model from ⟪M2⟫" (a compression or distillation paper:
    # ingest/extract.py reads it as distilled where the document distils)
    ("derivedFrom", "produces-from", _p(
        rf"\b(?:produc(?:es|ed|ing)|yield(?:s|ed|ing)?|obtain(?:s|ed|ing)?|result(?:s|ed|ing)?\s+in)\s+"
        rf"(?:[^.;]{{0,120}}?\band\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?P<s>{MF})(?:\s*\([^()]{{0,60}}\))?\s+(?:models?\s+)?"
        rf"from\s+{DET}(?P<o>{MF})")),
    # "X uses Y as its base model", "X takes Y as the starting point", "X leverages Y as the
    # foundation" (the tail "as its base/foundation" keeps a tool the model merely calls out)
    ("derivedFrom", "uses-as-base", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:uses?|used|using|takes?|took|adopts?|adopted|chose|chooses|"
        rf"leverag(?:es?|ed|ing)|utili[sz](?:es?|ed|ing)|employ(?:s|ed|ing)?)\s+{DET}(?P<o>{MF})"
        rf"\s+(?:model\s+|weights\s+|checkpoint\s+)?as\s+(?:its|their|the|a)\s+(?:base|foundation|starting\s+point|"
        rf"backbone|initiali[sz]ation)\b")),
    ("derivedFrom", "based-on", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:is|are|was|were)?\s*(?:based\s+on|built\s+(?:on|upon)(?:\s+top\s+of)?|derived\s+from|initiali[sz]ed\s+(?:from|with)|a\s+derivative\s+of|continued\s+pre-?training\s+(?:of|from)|continu(?:es|ed|ing)\s+(?:the\s+)?pre-?training(?:\s+(?:of|from))?|stands?\s+on\s+the\s+shoulders\s+of|variant\s+of|start(?:s|ed)?\s+from|built\s+from|trained\s+on\s+top\s+of)\s+{DET}{W}{{0,2}}?(?P<o>{{LIST}})"
        r"(?![\s-]+(?:architecture|design|framework|recipe|codebase|tokeni[sz]er)s?\b)")),  # the same design, not weights
    # --- succession
    ("successorOf", "succeeds", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:succeeds|succeeded|replaces|replaced|supersedes|superseded|(?:is\s+|as\s+|,\s*)?(?:the\s+|a\s+)?(?:direct\s+)?successor\s+(?:to|of)|(?:the\s+|a\s+)?follow-?up\s+to|(?:an?\s+)?(?:upgrade|update)\s+(?:to|over|from)|next\s+generation\s+of)\s+{DET}{W}{{0,2}}?(?P<o>{{LIST}})")),
    ("successorOf", "followed-by", _p(
        rf"(?P<o>{{LIST}})\s+(?:model\s+|models\s+|family\s+|series\s+|release\s+)?(?:was\s+|is\s+|were\s+|are\s+|has\s+been\s+|have\s+been\s+)?(?:followed|succeeded|superseded|replaced)\s+by\s+{DET}(?P<s>{{LIST}})")),
    ("successorOf", "successor-apposition", _p(
        rf"(?P<o>{MF})(?:'s|’s)\s+successor,?\s+(?P<s>{{LIST}})")),
    ("successorOf", "predecessor-apposition", _p(
        rf"(?P<s>{MF}){GAP}\b(?:its|their)\s+predecessors?,?\s+{DET}(?P<o>{{LIST}})")),
    ("successorOf", "progression-from-to", _p(
        rf"\b(?:progression|evolution|jump|leap|transition|move|step|upgrade|path)\s+from\s+{DET}(?P<o>{MF})\s+to\s+{DET}{W}{{0,3}}?(?P<s>{MF})")),
    # --- membership
    # "X represents the next generation of the Y series": a member of the line, not its successor
    ("memberOfFamily", "generation-of-series", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:next|new|newest|latest|second|third|fourth|fifth)[\s-]+generation\s+of\s+"
        rf"{DET}(?P<o>{MF})\s+(?:family|series|line|lineup|models)\b")),
    ("memberOfFamily", "part-of-family", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:(?:part|members?|one|two|three)\s+of|(?:model|addition|entry|release|member)s?\s+"
        rf"(?:in|to|of))\s+{DET}(?:new\s+|own\s+|growing\s+|open\s+)?(?P<o>{MF})(?:\s+(?:family|series|herd|lineup|"
        rf"line|collection|generation|suite|models))")),
    ("memberOfFamily", "family-includes", _p(
        rf"(?P<o>{MF})\s+(?:family|series|herd|lineup|line|collection|generation)\s+(?:includes|included|comprises|consists\s+of|contains|spans|features|has|is\s+made\s+up\s+of)\s+{W}{{0,3}}?(?P<s>{{LIST}})")),
    # --- developers
    ("developedBy", "org-possessive", _p(
        rf"(?P<o>{ORG})(?:'s|’s|'|’)\s+{_ADJ}{{0,3}}(?P<s>{{LIST}})")),
    ("developedBy", "org-released", _p(
        rf"(?P<o>{ORG}(?:\s*/\s*{ORG})*)[^⟪.;]{{0,30}}?\b(?:released|releases|release|releasing|introduced|introduces|introducing|announced|announces|unveiled|unveils|launched|launches|open-sourced|open-sources|debuted|debuts|published|publishes|shipped|ships|rolled\s+out|dropped|drops|trained|trains|built|builds|developed|develops|created|creates|presented|presents|detailed|unveiling|made\s+available|is\s+releasing)\b\s+(?:[\w,’'-]+\s+){{0,6}}?(?P<s>{{LIST}})")),
    # "⟪O⟫, a lab in X, extended context windows to 32K tokens by releasing ⟪M⟫": the means clause's maker
    ("developedBy", "org-by-releasing", _p(
        rf"(?P<o>{ORG})[^⟪.;]{{0,250}}?\bby\s+(?:releasing|open-sourcing|introducing|launching|publishing|"
        rf"shipping|unveiling|training|building)\s+(?:[\w,’'-]+\s+){{0,4}}?(?P<s>{{LIST}})")),
    ("developedBy", "by-org", _p(
        rf"(?P<s>{{LIST}}){GAP}\b(?:developed|built|created|released|made|trained|introduced|published|designed|open-sourced|unveiled|announced|launched|produced)\s+by\s+{DET}{W}{{0,3}}?(?P<o>{ORG})")),
    ("developedBy", "model-from-org", _p(
        rf"(?P<s>{{LIST}}),?\s+(?:a|an|the)\s+(?:[\w.,-]+\s+){{0,6}}?(?:model|LLM|family|series|system|assistant|chatbot|release)s?\s+(?:from|by)\s+{DET}{W}{{0,2}}?(?P<o>{ORG})")),
    ("developedBy", "from-org", _p(rf"(?P<s>{{LIST}})\s+(?:from|by)\s+(?P<o>{ORG})")),
    # "Falcon 180B (TII)", "GPT-4 (by OpenAI)": the lab in parentheses after the model
    ("developedBy", "org-in-parentheses", _p(rf"(?P<s>{MF})\s*\(\s*(?:by\s+|from\s+)?(?P<o>{ORG})\s*\)")),
    # "An AI team from Y ... apologised for their model, X": the lab the sentence is about
    ("developedBy", "org-their-model", _p(
        rf"(?P<o>{ORG})[^⟪.;]{{0,100}}?\b(?:its|their)\s+(?:(?:own|new|latest|first|open|open-source|"
        rf"open-weight|flagship)\s+)*(?:model|LLM|chatbot|system)s?,?\s+(?:called\s+|named\s+|dubbed\s+)?"
        rf"(?P<s>{{LIST}})")),
    ("developedBy", "org-adjacent", _p(rf"(?P<o>{ORG})\s+(?P<s>{{LIST}})")),
    # "Researchers at A and the B said ... they trained a model called X": the researchers' labs made X
    ("developedBy", "researchers-at-org-made", _p(
        rf"\b(?:researchers|scientists|engineers|a\s+team|the\s+team)\s+(?:at|from)\s+(?:the\s+)?"
        rf"(?P<o>{ORG}(?:{_SEP}(?:the\s+)?{ORG})*)[^⟪.;]{{0,120}}?\b(?:trained|train|built|build|developed|develop|"
        rf"created|create|released|unveiled|introduced)\b\s+(?:[\w,’'-]+\s+){{0,6}}?(?P<s>{{LIST}})")),
    # "X is ... a (formal) collaboration between A and B", "X, a joint release of A and B": both made it
    ("developedBy", "collaboration-between", _p(
        rf"(?P<s>{{LIST}})[^⟪.;]{{0,100}}?\b(?:(?:formal|joint|close)\s+)?(?:collaboration|partnership|joint\s+(?:release|project|"
        rf"effort|work))\s+(?:between|of|from|by)\s+{DET}(?P<o>{ORG}(?:{_SEP}{ORG})+)")),
]

_APPOSITION = re.compile(r",\s+(?:the|a|an|its|their)\s+[^,⟪;.]*?⟪[MF]\d+⟫[^,⟪;.]*,")
#: a model named as what another was made from: "fine-tuned from X by Y" (Y made the tuned model,
#: not X), "a quantized version of X by Y"
_ANCESTOR_BEFORE = re.compile(
    r"\b(?:fine-?tuned|finetuned|instruction-tuned|tuned|trained|distill(?:ed|ation)|quanti[sz]ed|"
    r"quanti[sz]ation|based|built|derived|merged?|initiali[sz]ed|converted|version|variant|"
    r"fine-?tunes?|derivative|merge)\s+(?:(?:version|variant)\s+)?(?:from|of|on|upon|off|atop)\s+"
    r"(?:the\s+|a\s+)?(?:⟪O\d+⟫(?:'s|’s)\s+)?$", re.IGNORECASE)
_PASSIVE_SUCCESSION = re.compile(r"\b(?:is|was|were|are|been|be|being)\s+(?:\w+\s+)?(?:succeeded|replaced|"
                                 r"superseded)\s+by\b", re.IGNORECASE)
#: developer rules whose model comes before the organisation
_MODEL_FIRST = frozenset({"by-org", "model-from-org", "from-org", "org-in-parentheses"})

_EMPLOYER_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("person-org-possessive-title", re.compile(
        rf"(?P<s>{PER}),\s+(?:the\s+|a\s+)?(?P<o>{ORG})(?:'s|’s)\s+(?P<title>[^⟪,.;]{{1,60}})")),
    ("person-title-at-org", re.compile(
        rf"(?P<s>{PER})\)?,\s+(?:the\s+|a\s+|an\s+|its\s+)?(?P<title>[^⟪,.;]{{1,60}}?)\s+(?:at|of|for|with|from)\s+(?:the\s+)?(?P<o>{ORG})")),
    ("org-title-person", re.compile(
        rf"(?P<o>{ORG})(?:'s|’s)?\s+(?P<title>[^⟪,.;]{{1,50}}?),?\s+(?P<s>{PER})")),
    ("person-who-leads", re.compile(
        rf"(?P<s>{PER}),\s+who\s+(?:leads|heads|runs|directs|manages|works\s+at|works\s+for|joined)\s+(?:[\w-]+\s+){{0,4}}?(?:at\s+)?(?:the\s+)?(?P<o>{ORG})")),
    # "X, who studies model evaluation at Y"
    ("person-who-at-org", re.compile(
        rf"(?P<s>{PER}),\s+who\s+[^⟪,.;]{{1,60}}?\b(?:at|for)\s+(?:the\s+)?(?P<o>{ORG})")),
    ("person-of-org", re.compile(rf"(?P<s>{PER})\s+(?:of|from|at)\s+(?:the\s+)?(?P<o>{ORG})")),
    # "Elon Musk's xAI", "the investor X's artificial intelligence startup Y"
    ("person-possessive-org", re.compile(
        rf"(?P<s>{PER})(?:'s|’s)\s+(?:(?:[\w-]+\s+){{0,3}}?(?:start-?up|company|lab|firm|venture|outfit)\s+)?"
        rf"(?P<o>{ORG})")),
    # "..., founded by the chairman of Y, X, ...", "the chief executive of Y, X, said"
    ("title-of-org-person", re.compile(
        rf"(?:^|[,(]\s*|\bby\s+|\bthe\s+|\bformer\s+)(?P<title>[^⟪,.;]{{1,60}}?)\s+(?:of|at)\s+(?:the\s+)?"
        rf"(?:[\w-]+\s+){{0,3}}?(?P<o>{ORG}),\s+(?P<s>{PER})")),
    # "Odile Brannagh (Quarrybank Analytics)"
    ("person-paren-org", re.compile(rf"(?P<s>{PER})\s*\(\s*(?:the\s+)?(?P<o>{ORG})\s*\)")),
    # "X, speaking on behalf of Y, said", "X, speaking for Y"
    ("person-speaking-for-org", re.compile(
        rf"(?P<s>{PER}),\s+speaking\s+(?:on\s+behalf\s+of|for)\s+(?:the\s+)?(?P<o>{ORG})")),
    # "X-led Y", "the X-founded Y"
    ("person-led-org", re.compile(
        rf"(?P<s>{PER})\s*-\s*(?:led|run|headed|founded|co-founded)\s+(?:[\w-]+\s+){{0,2}}?(?P<o>{ORG})")),
]

_PERSONS = rf"{PER}(?:{_SEP}{PER})*"
#: "A, B and C are with Y." / "A and B, Y." (author affiliations)
_PERSONS_WITH = re.compile(
    rf"(?P<s>{_PERSONS})\s+(?:is|are|was|were)\s+(?:with|at|from|affiliated\s+with)\s+(?:the\s+)?(?P<o>{ORG})")
#: "the Stanford students A and B", "Corvid Labs researchers A, B and C"
_ORG_MEMBERS = re.compile(
    rf"(?P<o>{ORG})\s+(?:students?|researchers?|engineers?|scientists?|employees?|staffers?|professors?|"
    rf"alumni|graduates?|co-?founders?|founders?|team\s+members?)\s+(?P<s>{_PERSONS})")
_PERSONS_LINE_ORG = re.compile(rf"^\W*(?:by\s+)?(?P<s>{_PERSONS}),\s+(?:the\s+)?(?P<o>{ORG})\W*$",
                               re.IGNORECASE)
#: a byline naming people and one organisation: "By A, CTO, and B, Research Lead, Y."
_BYLINE = re.compile(r"^\W*by\s+⟪P", re.IGNORECASE)


_LED_BY = re.compile(
    rf"(?P<o>{ORG})[^⟪.;]{{0,80}}?\b(?:led|headed|run|founded|co-founded|cofounded|started|"
    rf"established)\s+(?:[\w-]+\s+){{0,4}}?by\s+(?:(?:its\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?|"
    rf"[^⟪.;]{{0,60}}?\b(?:of|at)\s+(?:[\w-]+\s+){{0,3}}?⟪O\d+⟫,\s+)?"
    rf"(?P<s>{PER}(?:(?:[^⟪.;]{{0,40}}?(?:,\s*|\s+and\s+|\s+with\s+))+{PER})*)")


def _has_title(title: str) -> bool:
    return any(w.lower().strip(".,") in TITLE_WORDS for w in title.split()) and len(title.split()) <= 8


#: "fits on a single H100", "runs fully offline on an iPhone 14", "small enough to fit on one L4",
#: "fit entirely in the memory of a single RTX 4070", "served from one H100": the verb, then the
#: hardware (a list of alternatives: "on one H100, a single A100 80GB, or one TPU host")
_FIT_VERB = re.compile(
    r"\b(?:fits?|fitting|runs?|running|operates?|operating|deploy|deployable|deployed|served|serves?|"
    r"inference|designed\s+to\s+(?:run|operate|fit))\b", re.IGNORECASE)
_FIT_TARGET = re.compile(
    r"(?:\s+with(?=\s+(?:a\s+single|one|single|\d+|eight|two|four|sixteen)\s)|"  # "served with 8 X"
    r"[^⟪.;]{0,50}?\b(?:on|from|using|within|across|in\s+the\s+memory\s+of))\s+"
    r"(?:a\s+single\s+|one\s+|a\s+|an\s+|single\s+|\d+\s+|eight\s+|two\s+|four\s+|sixteen\s+)?"
    # "on a single GPU, either 1x X in 16-bit precision or 1x Y in 8-bit": a count "1x", a precision
    r"(?:[\w.-]+(?:\s+|\s*[—–,]\s*)){0,2}?(?:\d+x\s+)?(?:⟪O\d+⟫\s+)?(?P<o>⟪H\d+⟫"
    r"(?:(?:[^⟪.;\d]|\b\d+-bit\b){0,40}?(?:,\s*|\s+or\s+|\s+and\s+)"
    r"(?:or\s+|and\s+)?(?:a\s+single\s+|one\s+|a\s+|an\s+|two\s+|four\s+|eight\s+|\d+x?\s+)?(?:⟪O\d+⟫\s+)?⟪H\d+⟫)*)",
    re.IGNORECASE)
#: a subject the sentence does not name: "it", "the model", "the files", "this adapter"
_FIT_PRONOUN = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|so|that|where|while)\s+)(?:at\s+[^,⟪]{1,20},?\s+|in\s+\w+,?\s+|quantized\s+to\s+[^,⟪]+,\s*)?"
    r"(?:it|the\s+(?:full\s+|whole\s+|quantized\s+|smaller\s+|base\s+)?model|the\s+(?:[\w-]+\s+)?files?|(?P<this>this\s+model|"
    r"all\s+(?:\w+\s+)?files|the\s+weights|this\s+adapter|the\s+adapter|"
    r"the\s+base\s+plus\s+this\s+adapter)|(?P<group>(?:both|all)\s+(?:\w+\s+)?(?:models|variants|sizes))|"
    r"(?:the\s+)?(?P<size>\d+(?:\.\d+)?[BM])\s+(?:model|version|variant))"
    r"(?:\s+(?:\w+\s+){0,3}?|\s+[^⟪.;]{0,60}?\band\s+)$"
    r"|^\s*(?:[-*•+]\s+)?(?:\*\*)?[A-Z][\w ]{0,20}(?:\*\*)?:\s*$",  # "- Inference: fits on ..."
    re.IGNORECASE)
_DERIVED_VIA = re.compile(
    r"^[^⟪.;]{0,40}?\b(?:quanti[sz]ed|distilled|fine-?tuned|converted|derived)\s+(?:from|of)\s+$|"
    r"^,?\s+(?:a|an|the)\s+[^⟪.;]{0,40}?\b(?:quanti[sz]ed|distilled|fine-?tuned|converted|derived|version|build)\s+(?:from|of)\s+$",
    re.IGNORECASE)


#: words that hold a model up for comparison (shared with the document rules in ingest/extract.py)
COMPARISON_CUES = (r"beats?|beating|outperform\w*|than|vs\.?|versus|ahead\s+of|behind|"
                   r"compared\s+(?:with|to)|surpass\w*|trails?|trailing|rival\w*|against")
#: a model named after these is held up for comparison ("unlike X", "than X")
_COMPARED_WITH = re.compile(
    rf"\b(?:{COMPARISON_CUES}|unlike)\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE)


_COUNT = r"(?:a\s+single|one|two|three|four|eight|sixteen|\d+(?:,\d{3})*|a|an)"
#: the hardware a model is put to work on, the model named after the verb: "we deployed A and B
#: ... using a single X", "served X on eight Y"
_FIT_OBJECT = re.compile(
    rf"\b(?:deploy(?:ed|ing|s)?|serv(?:e|ed|es|ing)|host(?:ed|s|ing)?|ran|run(?:s|ning)?|"
    rf"benchmark(?:ed|ing)?|test(?:ed|ing)?)\s+(?:both\s+|all\s+|the\s+|our\s+)?(?P<s>{MF}(?:{_SEP}{MF})*)"
    rf"(?:\s+models?)?[^⟪.;]{{0,80}}?\b(?:on|using|across)\s+(?:{_COUNT}\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:⟪O\d+⟫\s+)?(?P<o>{HW})", re.IGNORECASE)
#: "running the model requires ... eight X GPUs", "to run ⟪M1⟫ you need two X": what it takes to run it
_FIT_NEEDS = re.compile(
    rf"\b(?:running|to\s+run|serving|to\s+serve|hosting|to\s+host|deploying|to\s+deploy)\s+"
    rf"(?:(?:the|this)\s+(?:full\s+|whole\s+)?model|it|(?P<m>{MF}))\s*,?\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:requires?|required|needs?|needed|calls?\s+for|demands?|takes)\b[^⟪.;]{{0,90}}?"
    rf"(?P<o>{HW}(?:[^⟪.;]{{0,30}}?(?:or|and)\s+(?:{_COUNT}\s+)?(?:[\w.-]+\s+)?{HW})*)", re.IGNORECASE)
#: "a single node (1x X or 2x Y) is sufficient for hosting": hardware enough for the model of the text
_FIT_SUFFICES = re.compile(
    rf"(?P<o>{HW}(?:[^⟪.;]{{0,20}}?(?:or|and)\s+(?:{_COUNT}\s*x?\s+|\d+x\s*)?{HW})*)[^⟪.;]{{0,40}}?"
    rf"\b(?:is|are)\s+(?:often\s+|usually\s+|typically\s+|generally\s+)?(?:sufficient|enough)\s+"
    rf"(?:for|to)\s+(?:[\w-]+\s+){{0,2}}?(?:host\w*|run\w*|serv\w*|inference|deploy\w*)\b", re.IGNORECASE)
#: "X achieves its results with only one Y" (hardware it was trained on is not what it runs on)
_FIT_FRUGAL = re.compile(
    rf"(?P<s>{MF})[^⟪.;]{{0,60}}?\bwith\s+(?:only|just)\s+{_COUNT}\s+(?:[\w-]+\s+){{0,2}}?(?:⟪O\d+⟫\s+)?"
    rf"(?P<o>{HW})", re.IGNORECASE)


#: between the model and the hardware: another clause's subject, or a comparison
_FIT_GAP_STOP = re.compile(rf"\b(?:{COMPARISON_CUES}|that|which|who|whose|while|whereas|unlike|but|"
                           rf"rivals?|competitors?|others?)\b", re.IGNORECASE)


def find_fits(sent: SentenceTemplate, fallback: Mention | None,
              by_size: Any = None, main: Mention | None = None) -> list[RelationHit]:
    """Which model fits on which hardware.

    The subject is the model named before the verb (the head of "X, a 4-bit version quantized
    from Y, that fits on ..." is X), else "it" / "the model" / "the files" (the discourse
    subject, ``fallback``; "this adapter", "the files": ``main``, the document's own model),
    else "the 8B model" (``by_size(8e9)``, a model the text named).
    """
    t = sent.template
    hits: list[RelationHit] = []
    for v in _FIT_VERB.finditer(t):
        target = _FIT_TARGET.match(t, v.end())
        if target is None:
            continue
        hardware = [sent.slots[i] for i in _ids(target.group("o")) if sent.slots[i].type == "Hardware"]
        before = t[:v.start()]
        slots = [(m.start(), m.end(), int(m.group(2))) for m in _SLOT.finditer(before)
                 if m.group(1) in "MF"]
        subject: Mention | None = None
        subjects: list[Mention] = []
        pron = _FIT_PRONOUN.search(before)
        if pron is not None and (not slots or slots[-1][1] <= pron.start()):
            if pron.group("size") and by_size is not None:
                subject = by_size(parse_number(pron.group("size")[:-1], pron.group("size")[-1]))
            elif pron.group("this") and main is not None:
                subject = main  # "this adapter", "the files": what the document is about
            elif slots and not pron.group("group"):
                # "X is small enough that it runs on ...": the sentence's own subject
                own = [sent.slots[i] for a, _b, i in slots
                       if not _COMPARED_WITH.search(t[max(0, a - 40):a])]
                subject = own[0] if own else None
            else:
                subject = fallback
        elif slots and v.start() - slots[-1][1] <= 80 and "⟪" not in t[slots[-1][1]:v.start()]:
            k = len(slots) - 1
            # "X, a 4-bit version quantized from Y, that fits": X, not Y
            while k > 0 and _DERIVED_VIA.match(t[slots[k - 1][1]:slots[k][0]]):
                k -= 1
            # "A and B fit on ...": every model of the list
            j = k
            while j > 0 and re.fullmatch(_SEP, t[slots[j - 1][1]:slots[j][0]]):
                j -= 1
            if _COMPARED_WITH.search(t[max(0, slots[j][0] - 40):slots[j][0]]):
                continue
            subjects = [sent.slots[slots[i][2]] for i in range(j, k + 1)]
        if subject is not None:
            subjects = [subject]
        for subj in subjects if hardware else ():
            if subj.type in ("Model", "ModelFamily"):
                hits.extend(RelationHit(subj, "fitsOn", hw, sent, "fits-on") for hw in hardware)
    for pattern in (_FIT_NEEDS, _FIT_SUFFICES):
        # "running the model requires eight X GPUs", "one X is sufficient for hosting": the model
        # the text is about (the discourse subject)
        for m in pattern.finditer(t):
            subj = sent.slots[int(m.group("m")[2:-1])] if m.groupdict().get("m") else fallback
            if subj is None or subj.type not in ("Model", "ModelFamily") or \
                    any(h.subject.label == subj.label for h in hits):
                continue
            hws = [sent.slots[i] for i in _ids(m.group("o")) if sent.slots[i].type == "Hardware"]
            hits.extend(RelationHit(subj, "fitsOn", hw, sent, "needs-hardware") for hw in hws)
    for pattern, rule in ((_FIT_OBJECT, "deployed-on"), (_FIT_FRUGAL, "runs-with")):
        for m in pattern.finditer(t):
            if _COMPARED_WITH.search(t[max(0, m.start("s") - 40):m.start("s")]) or \
                    _FIT_GAP_STOP.search(t, m.end("s"), m.start("o")):
                continue
            hw = sent.slots[_ids(m.group("o"))[0]]
            hits.extend(RelationHit(sent.slots[i], "fitsOn", hw, sent, rule) for i in _ids(m.group("s"))
                        if sent.slots[i].type in ("Model", "ModelFamily"))
    return hits


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
#: a team named before the lab it belongs to: "⟪O1⟫ team at ⟪O2⟫", "⟪O1⟫ group of ⟪O2⟫"
_TEAM_AT = re.compile(r"\s+(?:team|group|lab|division|unit)\s+(?:at|of|from|in|within)\s+(?:the\s+)?⟪O(\d+)⟫",
                      re.IGNORECASE)
#: a negated relation: "is not based on", "was never developed by", "isn't a fine-tune of"
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer)\b(?!\s+only\b)|n['’]t\b", re.IGNORECASE)
#: the model made from the one before "based on": "⟪X⟫ is distilled from ⟪Y⟫ based on ⟪Z⟫"
_MADE_FROM = re.compile(rf"^\W*(?P<s>{MF})\s+(?:is|was|are|were)\s+(?:\w+\s+)?(?:distill\w*|fine-?tun\w*|"
                        rf"trained|quantiz\w*|derived)\s+from\s+{DET}$", re.IGNORECASE)


def find_relations(sent: SentenceTemplate) -> list[RelationHit]:
    """Apply every relation rule to one sentence."""
    hits: list[RelationHit] = []
    t = sent.template
    # "Brisa-4, the successor to Brisa-3, was released by X": the developer rules read the
    # sentence without its appositions, so X goes to Brisa-4, not to the name inside them
    plain = _APPOSITION.sub("", t)
    for predicate, rule, pattern in _RELATION_RULES:
        for m in pattern.finditer(plain if predicate == "developedBy" else t):
            if rule in _MODEL_FIRST and _ANCESTOR_BEFORE.search(m.string, 0, m.start("s")):
                continue
            if rule == "succeeds" and _PASSIVE_SUCCESSION.search(m.group(0)):
                continue  # "X was succeeded by Y": Y after X (followed-by), not "X succeeded Y"
            first, second = sorted((m.span("s"), m.span("o")))
            if _NEGATION.search(m.string, first[1], second[0]):
                continue  # "This model is not owned or developed by Y"
            sids = _ids(m.group("s"))
            if rule == "based-on":
                # "X is distilled from Y based on Z": the model made from Y is X's, Z its base too
                made = _MADE_FROM.search(m.string, 0, m.start("s"))
                if made is not None:
                    sids = _ids(made.group("s"))
            if rule == "org-possessive" and len(sids) > 1:
                head = sent.slots[sids[0]].label.split()[0]
                sids = [i for i in sids if sent.slots[i].label.split()[0] == head]
            oids = _ids(m.group("o"))
            if predicate == "developedBy":
                # "developed by the Kestrel team at Corvid Labs": the lab the team is at
                unit = _TEAM_AT.match(m.string, m.end("o"))
                if unit is not None:
                    oids = [int(unit.group(1))]
            # "A and B are fine-tuned from C and D, respectively": A from C, B from D
            pairs = (list(zip(sids, oids, strict=True)) if len(sids) == len(oids) > 1 and _RESPECTIVELY.search(t)
                     else [(si, oi) for si in sids for oi in oids])
            for si, oi in pairs:
                s, o = sent.slots[si], sent.slots[oi]
                if s.label == o.label:
                    continue
                if predicate == "developedBy" and s.type not in ("Model", "ModelFamily"):
                    continue
                hits.append(RelationHit(s, predicate, o, sent, rule))
    series = {(h.subject.label, h.object.label) for h in hits if h.rule == "generation-of-series"}
    hits = [h for h in hits if not (h.rule == "succeeds" and (h.subject.label, h.object.label) in series)]
    for rule, pattern in _EMPLOYER_RULES:
        for m in pattern.finditer(t):
            title = m.groupdict().get("title")
            if title is not None and not _has_title(title):
                continue
            s, o = sent.slots[_ids(m.group("s"))[0]], sent.slots[_ids(m.group("o"))[0]]
            hits.append(RelationHit(s, "employer", o, sent, rule,
                                    0.9 if title else 0.7))
    for pattern, rule in ((_PERSONS_WITH, "persons-are-with-org"),
                          (_PERSONS_LINE_ORG, "persons-org-line"), (_ORG_MEMBERS, "org-members")):
        for m in pattern.finditer(t):
            o = sent.slots[_ids(m.group("o"))[0]]
            for si in _ids(m.group("s")):
                hits.append(RelationHit(sent.slots[si], "employer", o, sent, rule, 0.8))
    orgs = [i for i in _ids(t) if sent.slots[i].type == "Organization"]
    if _BYLINE.match(t) and len({sent.slots[i].label for i in orgs}) == 1:
        for si in _ids(t):
            if sent.slots[si].type == "Person":
                hits.append(RelationHit(sent.slots[si], "employer", sent.slots[orgs[0]], sent,
                                        "byline-org", 0.7))
    for m in _LED_BY.finditer(t):
        o = sent.slots[_ids(m.group("o"))[0]]
        for si in _ids(m.group("s")):
            hits.append(RelationHit(sent.slots[si], "employer", o, sent, "org-led-by", 0.8))
    # "the ⟪F⟫ teacher ⟪M⟫": other models of the same family in the sentence are its students
    for m in re.finditer(rf"(?P<o>{MF})\s+(?:teacher|teacher\s+model)\b|\bteacher(?:\s+model)?,?\s+(?P<o2>{MF})",
                         t, re.IGNORECASE):
        tid = _ids(m.group("o") or m.group("o2"))[0]
        teacher = sent.slots[tid]
        fam = _family_prefix(teacher.label)
        for sid, s in sent.slots.items():
            if sid != tid and s.type == "Model" and fam and s.label.startswith(fam + " "):
                hits.append(RelationHit(s, "distilledFrom", teacher, sent, "teacher-in-family", 0.7))
    return hits


#: a teacher named by its role in a distillation: "using ⟪M1⟫ as the teacher", "with ⟪M1⟫ as teacher model"
_AS_TEACHER = re.compile(rf"\b(?:using|with|took|takes|uses|used)\s+(?P<o>{MF})\s+as\s+(?:the\s+|a\s+|its\s+)?"
                         r"teacher(?:\s+model)?\b", re.IGNORECASE)
#: what the teacher teaches in that sentence: knowledge distillation, a student, a distilled model
_DISTILLING = re.compile(r"\bdistill|\bstudent\b", re.IGNORECASE)


def find_teacher(sent: SentenceTemplate, fallback: Mention | None, main: Mention | None) -> list[RelationHit]:
    """ "The pruned network was retrained by knowledge distillation, using ⟪M1⟫ as the teacher":
    the student is the sentence's other model, else the model the text is about (``fallback``),
    else the document's own model (``main``); never the teacher itself."""
    t = sent.template
    hits: list[RelationHit] = []
    for m in _AS_TEACHER.finditer(t):
        if not _DISTILLING.search(t):
            continue
        teacher = sent.slots[_ids(m.group("o"))[0]]
        others = [sent.slots[i] for i in _ids(t) if sent.slots[i].type in ("Model", "ModelFamily")
                  and sent.slots[i].label != teacher.label]
        candidates = others[:1] or [c for c in (fallback, main) if c is not None and c.label != teacher.label][:1]
        hits.extend(RelationHit(s, "distilledFrom", teacher, sent, "as-teacher", 0.7) for s in candidates)
    return hits


def _family_prefix(label: str) -> str:
    parts = label.split(" ")
    return " ".join(parts[:-1]) if len(parts) > 1 else ""


# ----------------------------------------------------------------------------- numbers

_UNITS = {"trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3,
          "t": 10**12, "b": 10**9, "m": 10**6, "k": 10**3, "bn": 10**9, "mn": 10**6}
#: a number written as a word, before a large unit: "a trillion", "one million", "two billion"
_WORD_NUMS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10, "half a": 0.5}
NUM = (r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|(?<![\w-])(?:half\s+a|an?|one|two|three|four|five|six|seven|eight|"
       r"nine|ten)(?=[\s-]+(?:trillion|billion|million)\b))\s?-?"
       r"(?P<unit>trillion|billion|million|thousand|bn|mn|[TBMK](?![\w]))?")


def parse_number(num: str, unit: str | None) -> int | None:
    """Turn "2" + "trillion" into 2000000000000, "128" + "K" into 128000, "32,768" into 32768,
    "a" + "million" into 1000000.

    >>> parse_number("1.5", "B")
    1500000000
    >>> parse_number("32,768", None)
    32768
    >>> parse_number("a", "trillion")
    1000000000000
    """
    word = " ".join(num.lower().split())
    if word in _WORD_NUMS:
        return round(_WORD_NUMS[word] * _UNITS[(unit or "").lower()]) if (unit or "").lower() in (
            "trillion", "billion", "million") else None
    try:
        value = float(num.replace(",", ""))
    except ValueError:
        return None
    mult = _UNITS.get((unit or "").lower(), 1)
    out = round(value * mult)
    return out if out > 0 else None


_PARAM = r"(?:parameters?|params?)\b"
#: "activated", "active", "live": the parameters a mixture-of-experts model uses per token
_ACTIVE = r"(?:active|activated|live)"
_PER_TOKEN = (r"(?:per|for\s+each|for\s+every|on\s+each|at\s+each|in\s+each|in\s+any)\s+"
              r"(?:(?:input\s+)?token|forward\s+pass|inference\s+step)")
#: a number with a unit, not captured (the second count of "3.6B of 21B")
_AMOUNT = r"\d+(?:,\d{3})*(?:\.\d+)?\s?-?(?:trillion|billion|million|[TBM](?![\w]))"
_ATTR_SPECS: list[tuple[str, str, str]] = [
    # "⟪O⟫'s 9B-parameter ⟪M⟫ release", "as a 13B model, ⟪M⟫ ...": the model named after the number
    ("totalParameters", "n-parameter-model",
     rf"{NUM}[\s-]*(?:parameter|param)\s+(?:(?!(?:and|or|with|than|vs|versus|to|from)\s)[\w-]+\s+){{0,2}}?(?P<m>⟪[MF]\d+⟫)"
     r"(?![\s-]*(?:based|style|like|derived)\b)"),  # not "a 300M parameter ⟪M⟫-based filter"
    # "⟪M⟫, a 9.4-billion-parameter base model", "⟪M⟫, the 400B-parameter model": the apposition's head
    ("totalParameters", "appositive-n-parameter", rf"(?P<m>⟪[MF]\d+⟫),\s+(?:a|an|the)\s+{NUM}[\s-]*(?:parameter|param)s?\b"),
    # "phi-2 (2.7B)": a size note after a name
    ("totalParameters", "size-note", rf"(?P<m>⟪[MF]\d+⟫)\s*\(\s*(?:~\s*)?{NUM}\s*(?:{_PARAM})?\s*\)"),
    ("totalParameters", "as-a-n-model", rf"\bas\s+an?\s+{NUM}[\s-]*(?:{_PARAM}\s+)?(?:[\w-]+\s+){{0,2}}?"
     rf"(?:model|LLM|version|variant),?\s+(?P<m>⟪[MF]\d+⟫)"),
    # "only 3.6B of 21B parameters are active per token": the first active, the second the total
    ("activeParameters", "n-of-m-active", rf"{NUM}(?=\s+of\s+(?:its\s+|the\s+)?{_AMOUNT}\s*(?:total\s+)?(?:{_PARAM}\s*)?"
     rf"(?:are\s+|is\s+|get\s+|gets\s+)?(?:{_ACTIVE}|used|engaged|fire)\b)"),
    ("totalParameters", "m-of-n-active", rf"(?<=\w\s)of\s+(?:its\s+|the\s+)?{NUM}(?=\s*(?:total\s+)?(?:{_PARAM}\s*)?"
     rf"(?:are\s+|is\s+|get\s+|gets\s+)?(?:{_ACTIVE}|used|engaged|fire)\b)"),
    # "activates 22B of its 235B parameters per token": the first active, the second the total
    ("activeParameters", "activates-n-of-m", rf"\b(?:activates?|activating|uses?|using|engages?|engaging)\s+"
     rf"(?:only\s+|just\s+|about\s+|roughly\s+)?{NUM}(?=\s+of\s+(?:its\s+|the\s+|their\s+)?{_AMOUNT}\s*"
     rf"(?:total\s+)?{_PARAM})"),
    ("totalParameters", "activates-m-of-n", rf"(?:(?<=\d[TBM]\s)|(?<=billion\s)|(?<=million\s))of\s+"
     rf"(?:its|the|their)\s+{NUM}\s*(?:total\s+)?{_PARAM}"),
    # "of which just 20 billion are activated per token", "12.5 billion activated per token",
    # "24B activated for each token", "an activated parameter count of 20 billion"
    # "1.2T total parameters, 32B of which are active"
    ("activeParameters", "n-of-which-active", rf"{NUM}\s*(?:{_PARAM}\s*)?of\s+which\s+(?:are\s+|is\s+)?"
     rf"(?:only\s+)?{_ACTIVE}\b"),
    ("activeParameters", "of-which-n-active", rf"\bof\s+which\s+(?:only\s+|just\s+|about\s+)?{NUM}\s*(?:{_PARAM}\s*)?"
     rf"(?:are\s+|is\s+|get\s+|gets\s+)?{_ACTIVE}\b"),
    ("activeParameters", "n-activated-per-token", rf"{NUM}\s*(?:{_PARAM}\s*)?(?:are\s+|is\s+|were\s+)?"
     rf"(?:{_ACTIVE}|fire|fired|used|engaged|in\s+use)\s+{_PER_TOKEN}"),
    # "47B total but only 13B active", "despite its 24B total size"
    ("totalParameters", "n-total", rf"{NUM}\s+total\b(?!\s+(?:of\b|experts?|layers|heads|tokens|context|vocab))"),
    ("activeParameters", "activated-param-count-of", rf"\b{_ACTIVE}\s+parameter\s+count\s+(?:of\s+|is\s+|:\s*)(?:only\s+|just\s+|about\s+)?{NUM}"),
    # "⟪M1⟫ has 1.2 billion parameters and ⟪M2⟫ has 3.4 billion"
    ("totalParameters", "has-n-in-a-sentence-of-parameters",
     r"(?P<m>⟪[MF]\d+⟫)\s+(?:has|have|had|holds?|with)\s+(?:about\s+|roughly\s+|around\s+)?"
     r"(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>trillion|billion|million|[TBM](?![\w]))"
     r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|while|but|whereas)\b(?!\s+\d))"),  # "with 16B and 236B": two sizes
    # "8B and 30B models, named ⟪M1⟫ and ⟪M2⟫" (a list of sizes only)
    ("totalParameters", "size-list-models", rf"{NUM}[\s-]*(?:parameter\s+)?models\b"),
    # "90B total / 9B active parameters"
    ("totalParameters", "n-total-slash", rf"{NUM}[\s-]*total\s*(?:{_PARAM}\s*)?/"),
    ("activeParameters", "n-active-params", rf"{NUM}\s*(?:of\s+(?:its\s+)?)?{_ACTIVE}\s+{_PARAM}"),
    ("activeParameters", "active-params-of", r"\bactive\s+parameters?\s+(?:count\s+)?(?:of\s+|:\s*|to\s+|at\s+)(?:just\s+|only\s+|about\s+)?" + NUM),
    ("activeParameters", "activates-n-per-token", rf"\b(?:activates?|activating|uses?|using|routes?\s+through)\s+(?:only\s+|just\s+|about\s+)?{NUM}\s*(?:{_PARAM})?\s*{_PER_TOKEN}"),
    ("activeParameters", "n-params-per-token", rf"{NUM}\s*{_PARAM}\s*{_PER_TOKEN}"),
    ("activeParameters", "n-of-them-active", rf"{NUM}\s+of\s+them\s+(?:are\s+)?(?:{_ACTIVE}|used|engaged)\b"),
    ("activeParameters", "n-params-active", rf"{NUM}[\s-]+(?:parameters\s+)?(?:are\s+)?{_ACTIVE}\b(?!\s+(?:by|with|in)\b)"),
    # "- Number of Parameters: 32.5B", "Total params: 7.2B", "Activated parameters: 3.3B" (a field)
    ("activeParameters", "active-params-field", rf"\b(?:number\s+of\s+)?(?:activated|active)\s+{_PARAM}"
     rf"(?:\s*\((?:total|all)\))?\s*[:=]\s*(?:~\s*|about\s+|approx(?:imately|\.)?\s+)?{NUM}"),
    ("totalParameters", "params-field", rf"(?:^|[-*•]\s+|\|\s*|\b(?:total|the)\s+)(?:number\s+of\s+)?(?:total\s+)?"
     rf"{_PARAM}(?:\s+count)?(?:\s*\((?:total|all)\))?\s*[:=]\s*(?:~\s*|about\s+|approx(?:imately|\.)?\s+)?{NUM}"),
    # "- Size: 7B" (a card field; "Size: 14.5 GB" is no parameter count: a unit is required)
    ("totalParameters", "size-field", rf"(?:^|[-*•]\s+|\|\s*)(?:model\s+)?size\s*[:=]\s*(?:~\s*|about\s+)?{NUM}"
     rf"(?!\s*(?:GB|MB|TB|GiB|bytes?)\b)"),
    ("totalParameters", "n-total-params", rf"{NUM}\s*(?:total\s+)?{_PARAM}(?!\s+(?:are\s+)?{_ACTIVE})"),
    ("totalParameters", "total-of-n", rf"\btotal\s+of\s+{NUM}\s*(?:{_PARAM})?"),
    ("totalParameters", "parameter-count-of", rf"\b(?:total\s+)?parameter\s+count\s+of\s+{NUM}"),
    ("totalParameters", "n-in-total", rf"{NUM}\s+in\s+total\b"),
    ("totalParameters", "n-parameter", rf"{NUM}-parameter\b"),
    # "with its 24B dense architecture": the model's own size
    ("totalParameters", "its-n-architecture", rf"\b(?:its|their)\s+{NUM}[\s-]+(?:dense\s+|sparse\s+|MoE\s+)?"
     r"(?:architecture|design|backbone|transformer)\b"),
    ("contextWindowTokens", "n-limit-of-model", NUM + r"[\s-]*(?:tokens?[\s-]+)?(?:context[\s-]+)?(?:limit|window|cap|maximum)\s+"
     r"(?:of|for|in)\s+(?:the\s+)?(?:(?!and\s|or\s)[\w-]+\s+){0,2}?(?P<m>⟪[MF]\d+⟫)"),  # in a sentence about tokens or context
    ("contextWindowTokens", "context-window-of", r"\b(?:context(?:\s+window|\s+length|\s+size)?|(?:max(?:imum)?\s+)?sequence\s+length)s?(?:\s*\((?:context|tokens)\))?(?:\s+for\s+(?:this|the)\s+model)?(?:\s*:\s*|\s+)(?:of\s+|to\s+|reaching\s+|at\s+|is\s+|(?:now\s+)?(?:extends|stretches|goes|grows|reaches|runs|expands)\s+(?:up\s+)?to\s+|:\s*|from\s+\S+(?:\s+(?:in|of|for|on)\s+[^\s,;]+)?\s+to\s+)?(?:up\s+to\s+|over\s+|about\s+|roughly\s+|nearly\s+|a\s+full\s+|full\s+)?" + NUM + r"\s*(?:tokens?)?"),
    ("contextWindowTokens", "context-of-model-to-n", r"\bcontext(?:\s+window|\s+length|\s+size)\s+of\s+(?P<m>⟪[MF]\d+⟫)\s+(?:[\w-]+\s+){0,3}?(?:to|is|of|at|reaches|reached)\s+(?:up\s+to\s+)?" + NUM + r"\s*(?:tokens?)?"),
    ("contextWindowTokens", "n-token-context", NUM + r"[\s-]*(?:tokens?\s+)?(?:of\s+)?(?:long[\s-]|native\s+|maximum\s+|max\s+|full\s+)?(?:context|sequence\s+length)\b"),
    ("contextWindowTokens", "n-token-window", NUM + r"[\s-]*token\s+(?:context|window)"),
    # "trained with a 4K context window, later extended to 128K": the window it was extended to
    ("contextWindowTokens", "extended-to-n", r"\b(?:extend(?:s|ed|ing)?|expand(?:s|ed|ing)?|increas(?:es|ed|ing)|"
     r"scal(?:es|ed|ing)|stretch(?:es|ed|ing)|rais(?:es|ed|ing))\s+(?:(?:the|its|their)\s+)?(?:context(?:\s+"
     r"(?:window|length))?\s+)?(?:up\s+)?to\s+" + NUM + r"\s*(?:tokens?)?"),
    ("contextWindowTokens", "limited-to-n-tokens", r"\b(?:limited|capped|restricted|extended)\s+to\s+" + NUM + r"\s*tokens?"),
    ("contextWindowTokens", "supports-n-tokens", r"\b(?:supports?|handles?|accepts?|processes|process|reads?|ingests?|takes?|tops?\s+out\s+at|maxes\s+out\s+at)\s+(?:up\s+to\s+|(?:inputs?|prompts?|contexts?|information|text|documents?|sequences?)\s+(?:of|with)\s+(?:up\s+to\s+)?)?" + NUM + r"\s*(?:input\s+|context\s+)?tokens?"),
    # "trained on sequences of 8,192 tokens, which is also their context length"
    ("contextWindowTokens", "sequences-of-n-tokens", r"\bsequences?\s+of\s+(?:up\s+to\s+)?" + NUM +
     r"\s*tokens?(?=[^.;]{0,40}\bcontext\b)"),
    # "Context length for this model: 4096 tokens" (a card's line: the card's model, ingest/extract.py)
    ("contextWindowTokens", "context-for-this-model", r"\bcontext(?:\s+window|\s+length|\s+size)\s+(?:for|of)\s+"
     r"this\s+model\s*(?::|is)\s*" + NUM + r"\s*(?:tokens?)?"),
    # a card's input field: "Other Properties Related to Input: Max of 64k tokens" (the model reads
    # at most that many: its window)
    ("contextWindowTokens", "input-max-n-tokens", r"\binput\s*:\s*max(?:imum)?(?:\s+(?:context|input|token|"
     r"sequence)\s+length)?\s*(?:of\s+|=\s*|is\s+|:\s*)?(?:up\s+to\s+)?" + NUM + r"\s*tokens?"),
    # "each model was trained on sequences of 8k tokens": the length they were trained to read
    ("contextWindowTokens", "trained-on-sequences-of-n", r"\b(?:trained|pre-?trained|fine-?tuned)\s+(?:on|with)\s+"
     r"sequences?\s+of\s+(?:up\s+to\s+)?" + NUM + r"\s*tokens?"),
]
_ATTR_RULES = [(p, r, re.compile(x, re.IGNORECASE)) for p, r, x in _ATTR_SPECS]
#: what every one of them needs: a digit or a number word before "billion" (NUM)
_ANY_NUMBER = re.compile(r"\d|\b(?:trillion|billion|million)\b", re.IGNORECASE)


_COMPARISON_BEFORE = re.compile(
    rf"(?:{COMPARISON_CUES}|comparisons?\s+(?:with|to|against)|overt(?:ook|akes?|aking|aken)|displac\w+|"
    r"like|such\s+as|over|match(?:es|ing)?|including|competitive\s+with|on\s+par\s+with|comparable\s+to|"
    r"(?:the\s+)?same\s+(?:[\w-]+\s+){0,2}as|similar\s+(?:[\w-]+\s+){0,2}?to|"
    r"edges?\s+out|tops?|\d\s*%\s+of|\d\s+percent\s+of|"  # "95% of the performance of X"
    r"exceed\w*|and)\s+(?:[\w'’⟪⟫-]+\s+){0,3}$",
    re.IGNORECASE)
_COMPARISON_NO_AND = re.compile(_COMPARISON_BEFORE.pattern.replace("exceed\\w*|and)", "exceed\\w*)"),
                                re.IGNORECASE)
assert _COMPARISON_NO_AND.pattern != _COMPARISON_BEFORE.pattern
#: a model that opens its own clause about a number: "⟪M⟫ has ...", "⟪M⟫ with ..."
_CLAUSE_OWNER = re.compile(r"\s*(?:has|have|had|with|features?|packs?|contains?|uses?|offers?|supports?|"
                           r"comes\s+with|is\s+an?)\b[^⟪;,]*$", re.IGNORECASE)
#: a sentence whose subject is the discourse subject: "It uses ...", "This model has ..."
_PRONOUN_OPENS = re.compile(r"\W*(?:It|This\s+model|The\s+model)\s+(?:is|has|had|uses|used|keeps|supports|offers|"
                            r"reads|was|comes|ships)\b")
_IT_CLAUSE = re.compile(r"(?:^|[;,:]\s*|\band\s+)(?:it|its|the\s+model|this\s+model)\b[^⟪;]*$",
                        re.IGNORECASE)


_RELATIVE_SCORE = re.compile(
    r"^\s*,?\s*(?:which|that|who)\s+(?:\w+\s+){0,2}?(?:scores?|scored|reach(?:es|ed)?|gets?|got|"
    r"posts?|posted|achieves?|achieved|manages?|managed|records?|recorded|hits?|sits?|sat|holds?|held|"
    r"has|had|boasts?|boasted|packs?|packed|contains?|contained|weighs?|weighed|comprises?|"
    r"(?:is|was)\s+(?:a|an)|supports?|supported|offers?|offered)\b"
    r"(?:[^⟪;]|⟪B\d+⟫){0,60}$", re.IGNORECASE)


#: a model named after these is an ancestor or a point of reference, not what a number is about
#: ("⟪M1⟫ is based on ⟪M2⟫ and has a context length of 16K tokens": ⟪M1⟫'s)
_LINEAGE_BEFORE = re.compile(
    r"\b(?:based\s+on|built\s+(?:on|upon|from)|derived\s+from|fine-?tuned\s+(?:from|on)|distilled\s+from|trained\s+from|"
    r"initiali[sz]ed\s+from|(?:version|variant|fine-?tune)\s+of|successor\s+(?:to|of)|upgrade\s+(?:to|over|of)|"
    r"predecessor|architecture\s+of|on\s+top\s+of|generation\s+of|follow-?up\s+(?:to|of)|replacement\s+(?:for|of)|"
    r"pre-?training\s+of|(?:extension|counterpart|descendant)\s+of|"
    r"continu\w+\s+(?:pre-?training\s+)?from|(?:merge|quanti[sz]ation)\s+of)\s+(?:the\s+)?(?:[\w'’⟪⟫-]+\s+){0,2}$",
    re.IGNORECASE)


def _aside(t: str, pos: int, tpos: int) -> bool:
    """Whether the slot at ``pos`` sits in a parenthesis that closes before ``tpos``:
    "⟪M1⟫ (close to ⟪M2⟫ on reasoning): ... 400B parameters" is not about ⟪M2⟫."""
    opened = t.rfind("(", 0, pos)
    return opened >= 0 and ")" not in t[opened:pos] and ")" in t[pos:tpos]


#: a model named as a yardstick: "reaching ⟪M⟫-level performance", "⟪M⟫ class quality"
_YARDSTICK_AFTER = re.compile(r"⟫[\s-]*(?:level|class|grade|calibre|caliber|based|style|(?:chat\s+|prompt\s+)?"
                              r"templates?|prompt\s+format|tokeni[sz]er|architecture)\b", re.IGNORECASE)
# (nor a model whose template, tokenizer or architecture another uses: "uses the ⟪M⟫ chat template")
#: a card's field naming the architecture its model shares ("Network Architecture: ⟪M⟫")
_ARCHITECTURE_FIELD_BEFORE = re.compile(r"\barchitecture\s*:\s*(?:\*\*\s*)?$", re.IGNORECASE)
#: a model the sentence names as the base of the one the text is about ("using ⟪M⟫ as its foundation",
#: "⟪M⟫ was used as the base model"): not what the text goes on about (the relation itself is the
#: "uses-as-base" rule's)
_AS_BASE_AFTER = re.compile(r"⟫\s*(?:(?:model\s+)?(?:was|is)\s+)?(?:used\s+)?as\s+(?:its|the|a|our)\s+"
                            r"(?:foundation|base(?:\s+model)?|backbone|starting\s+point)\b", re.IGNORECASE)


_SAMPLED_FROM = re.compile(r"\b(?:samples|outputs|generations|completions|responses|answers)\s+(?:from|of)\s+"
                          r"(?:the\s+)?$", re.IGNORECASE)


def _not_subject(t: str, pos: int, tpos: int) -> bool:
    """A model the number cannot be about: compared with, an ancestor, a yardstick, or in a closed
    aside."""
    before = t[max(0, pos - 40):pos]
    if _SAMPLED_FROM.search(before):
        return False  # "voting over 16 samples from ⟪M⟫ gives ...": the model sampled
    return bool(_COMPARISON_BEFORE.search(before) or _LINEAGE_BEFORE.search(before)
                or _YARDSTICK_AFTER.match(t, t.index("⟫", pos))) or _aside(t, pos, tpos)


def _subject_for(sent: SentenceTemplate, tpos: int, fallback: Mention | None,
                 taken: frozenset[int] = frozenset()) -> Mention | None:
    """The model a number in the sentence is about.

    The nearest model before the number that is not a point of comparison ("beats GPT-4o"),
    unless the number's clause is about "it" (then the sentence's subject, else the discourse
    subject); with no model before it, the first one after it ("80.5 ... for Maverick").
    """
    t = sent.template
    slots = [(m.start(), sent.slots[int(m.group(2))]) for m in _SLOT.finditer(t)
             if m.group(1) in "MF" and m.start() not in taken]
    before = [(pos, s) for pos, s in slots if pos < tpos]
    named = [m for m in _SLOT.finditer(t, 0, tpos) if m.group(1) in "MF"]
    if named and int(named[-1].group(2)) >= _SIZE_NAMED_SLOTS and "⟪" not in t[named[-1].end():tpos]:
        return sent.slots[int(named[-1].group(2))]  # "..., and the 70B student reaches 94.5"
    usable = [(pos, s) for pos, s in before if not _not_subject(t, pos, tpos)]
    if before:
        # "... outperforming Gorsewick-1.5B, which scores 48.9 on MMLU": the clause's own model
        last_pos, last = before[-1]
        slot_end = t.index("⟫", last_pos) + 1
        if _RELATIVE_SCORE.match(t[slot_end:tpos]):
            return last
        # "A has 2B parameters and B has 9B": a coordinated clause's own subject, not a comparison
        b = t[max(0, last_pos - 40):last_pos]
        if _CLAUSE_OWNER.match(t[slot_end:tpos]) and re.search(r"(?:\band|,)\s+$", b) and \
                not _COMPARISON_NO_AND.search(b) and not _LINEAGE_BEFORE.search(b):
            return last
    if _IT_CLAUSE.search(t[:tpos]):
        subject_first = [s for pos, s in slots if not _not_subject(t, pos, tpos)]
        first_pos = slots[0][0] if slots else len(t)
        if subject_first and first_pos < 40:
            return subject_first[0]
        return fallback or (usable[-1][1] if usable else None)
    if usable:
        return usable[-1][1]
    after = [s for pos, s in slots if pos >= tpos
             and not _COMPARISON_BEFORE.search(t[max(0, pos - 40):pos])]
    if after:
        return after[0]
    if before and not (fallback is not None and _PRONOUN_OPENS.match(t)):
        return None  # (every model named before is a yardstick or an ancestor; "It uses ⟪M⟫'s
    return fallback  # template with a 16K window" keeps the pronoun's model)


def discourse_subject(sent: SentenceTemplate, current: Mention | None = None) -> Mention | None:
    """The model a sentence is about, if it names one up front (not as a comparison).

    A sentence that does not open with one of its models and names the model the text is about
    (``current``) among others ("The comparison with A is direct: A has 8 experts, B has 16")
    leaves the text about it.
    """
    own: list[tuple[int, Mention]] = []
    for m in _SLOT.finditer(sent.template):
        if m.group(1) not in "MF":
            continue
        before = sent.template[max(0, m.start() - 40):m.start()]
        if _COMPARISON_BEFORE.search(before) or _LINEAGE_BEFORE.search(before) or \
                _YARDSTICK_AFTER.match(sent.template, m.end() - 1) or \
                _AS_BASE_AFTER.match(sent.template, m.end() - 1) or _ARCHITECTURE_FIELD_BEFORE.search(before) or \
                _aside(sent.template, m.start(), len(sent.template)):
            continue  # "X (on par with ⟪M⟫)": not what the text goes on about
        own.append((m.start(), sent.slots[int(m.group(2))]))
    if not own:
        return None
    opens = re.fullmatch(r"\W*(?:[\w'’-]+\s+){0,2}", sent.template[:own[0][0]]) is not None
    if not opens and current is not None and len({x.label for _p, x in own}) >= 2 and \
            any(x.label == current.label for _p, x in own):
        return current  # the sentence does not open with a model of its own: still about ``current``
    return own[0][1]


_NUM_LIST = re.compile(
    r"(?P<nums>\d+(?:\.\d+)?(?:\s*[TBMK]\b)?(?:\s*(?:,\s*(?:and\s+)?|and\s+)\d+(?:\.\d+)?(?:\s*[TBMK]\b)?)+)\s*"
    r"(?P<unit>trillion|billion|million|thousand)?\s*(?P<what>(?:total\s+|active\s+)?param(?:eter)?s?|tokens?(?:\s+of\s+context)?|context)",
    re.IGNORECASE)


def _respectively(sent: SentenceTemplate) -> list[AttributeHit]:
    """Pair a list of models with a list of numbers when the sentence says "respectively"."""
    t = sent.template
    if "respectively" not in t.lower():
        return []
    lists = list(re.finditer(LIST, t))
    nums = _NUM_LIST.search(t)
    if not lists or nums is None:
        return []
    models = max((_ids(m.group()) for m in lists), key=len)
    values = re.findall(r"(\d+(?:\.\d+)?)\s*([TBMK](?![\w]))?", nums.group("nums"))
    if len(models) < 2 or len(models) != len(values):
        return []
    what = nums.group("what").lower()
    prop = ("contextWindowTokens" if "token" in what or "context" in what else
            "activeParameters" if "active" in what else "totalParameters")
    out = []
    for sid, (num, unit) in zip(models, values, strict=True):
        value = parse_number(num, unit or nums.group("unit"))
        if value:
            out.append(AttributeHit(sent.slots[sid], prop, value, sent, "respectively"))
    return out


#: a size in a model's name: B, M or T ("Brisa-3-235B-A22B", "Corra-2-135M"); K is a context length
#: ("Brisa-3-Mini-128K-Instruct"), never a parameter count
_NAME_SIZE = re.compile(r"(?<![\w.])(?P<a>A)?(?P<num>\d+(?:\.\d+)?)(?P<unit>[TBM])(?![\w.])", re.IGNORECASE)


def name_sizes(label: str) -> tuple[int | None, int | None]:
    """The total and active sizes a model's name states: "Qwen3-235B-A22B" -> (235e9, 22e9).

    A mixture-of-experts shape ("8x7B") states neither.

    >>> name_sizes("Verdane-3-70B-Instruct")
    (70000000000, None)
    >>> name_sizes("Tamsin-2-8x22B")
    (None, None)
    """
    total = active = None
    for m in _NAME_SIZE.finditer(label.replace("_", "-")):
        if label[max(0, m.start() - 1):m.start()] == "x":
            continue
        value = parse_number(m.group("num"), m.group("unit"))
        if m.group("a"):
            active = value
        elif total is None:
            total = value
    return total, active


def _close(a: int, b: int) -> bool:
    return abs(a - b) <= 0.06 * max(a, b)


def _by_name_size(sent: SentenceTemplate, prop: str, value: int, subject: Mention,
                  at: int = -1) -> Mention | None:
    """Check a parameter count against the sizes the model names state.

    A count that matches one model's name in the sentence belongs to it ("Pipit-1.3B and
    Pipit-350M ... 350 million parameters" -> Pipit-350M); a count that contradicts the size
    in the chosen model's own name, with no model matching, is not bound at all.
    """
    if prop == "contextWindowTokens":
        return subject
    k = 1 if prop == "activeParameters" else 0
    own = name_sizes(subject.label)[k]
    if own is not None and 0.9 * own <= value <= 1.3 * own:
        return subject  # names round down: "Brisa-3 1B has 1.2 billion parameters"
    t = sent.template
    # (not a model named after the count as what it was made from or is compared with: "a 7B
    # model fine-tuned from X-7B"; "fine-tuned from X 70B, a base model with 70.6B" is X's)
    matching = [m for x in _SLOT.finditer(t) if x.group(1) in "MF" and int(x.group(2)) in sent.slots
                and (m := sent.slots[int(x.group(2))]).type in ("Model", "ModelFamily")
                and (size := name_sizes(m.label)[k]) is not None and _close(size, value)
                and not (0 <= at < x.start() and (_LINEAGE_BEFORE.search(t[max(0, x.start() - 40):x.start()])
                                                  or _COMPARISON_BEFORE.search(t[max(0, x.start() - 40):x.start()])))]
    labels = {m.label for m in matching}
    if len(labels) == 1:
        return matching[0]
    return None if own is not None else subject


def _list_subject(sent: SentenceTemplate, subject: Mention, at: int) -> list[Mention]:
    """"A, B and C have a context window of 32K tokens": the number is every listed model's."""
    t = sent.template
    for m in re.finditer(LIST, t):
        ids = _ids(m.group())
        if len(ids) < 2 or m.end() > at or not any(sent.slots[i] is subject for i in ids):
            continue
        between = t[m.end():at]
        between = re.sub(r"^,?\s+(?:and|plus)\s+(?:both|all|the|two|three)\s+(?:[\w-]+\s+){0,2}?models?\b", "", between)
        if len(between) <= 60 and "⟪" not in between and (not between.strip() or re.match(
                r"^\s+(?:all\s+|both\s+|each\s+)?(?:have|has|support|supports|offer|offers|feature|"
                r"features|use|uses|come\s+with|ship\s+with|handle|handles|accept|accepts|are|share|read|reads|take|takes|process|processes|ingest|ingests|extend|extends|reach|reaches|"
                r"had|supported|offered|featured|used|came\s+with|shipped\s+with|handled|accepted|were|shared|"
                r"took|processed|reached|extended)\b",
                between, re.IGNORECASE)) and "respectively" not in t.lower():
            return [sent.slots[i] for i in ids]
    return [subject]


#: a bound, not a size: "every model with more than 50 billion parameters", "under 5 billion parameters"
_BOUND_BEFORE = re.compile(
    r"\b(?:over|under|below|above|beyond|less\s+than|more\s+than|fewer\s+than|greater\s+than|at\s+least|"
    r"at\s+most|upwards\s+of|up\s+to|exceeding|smaller\s+than|larger\s+than|bigger\s+than|"
    r"(?:sub|over)-|each(?:\s+(?:of|with|holding|having))?|apiece)\s*$", re.IGNORECASE)
#: a number phrase right before a model name modifies it: "the 4K-context ⟪M2⟫ base"
_PREMODIFIES = re.compile(r"[\s-]*⟪[MF](\d+)⟫")
_CONTEXT_WORD = re.compile(r"\b(?:context|sequence\s+length)", re.IGNORECASE)
#: a window qualified by the sizes it holds for: "8192 tokens (7B/14B)", "32K (for 72B)"
_SIZE_QUALIFIED = re.compile(
    NUM + r"\s*(?:tokens?\s*)?\(\s*(?:for\s+(?:the\s+)?)?(?P<sizes>\d+(?:\.\d+)?\s*[BMT]\b"
    r"(?:\s*(?:/|,|and|&)\s*\d+(?:\.\d+)?\s*[BMT]\b)*)(?:\s+(?:models?|versions?|variants?))?\s*\)", re.IGNORECASE)
_QUALIFIER_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([BMT])\b", re.IGNORECASE)
#: a model that extends another's window: "⟪M1⟫ extends the context length of ⟪M2⟫ ..."
_EXTENDER_BEFORE = re.compile(
    r"(?P<m>⟪M\d+⟫)\s+(?:(?:further|then|also)\s+)?(?:extends|extended|expands|expanded|increases|increased|"
    r"stretches|stretched|grows|grew|raises|raised)\s+(?:the\s+)?$", re.IGNORECASE)
#: the upper end of a range of sizes: "ranging from 7 billion to 70 billion parameters", "scaled from
#: 111M to 13B parameters", "between 1B and 8B": a line's spread, no one model's size
_RANGE_BEFORE = re.compile(
    r"\b(?:from|between)\s+(?:about\s+|roughly\s+)?\d+(?:\.\d+)?\s*(?:trillion|billion|million|[TBM]\b)?\s*"
    r"(?:param(?:eter)?s?\s+)?(?:to|and|-|–)\s*$", re.IGNORECASE)
#: a bound written after the number: "models with 1.5B parameters or less", "7B and below"
_BOUND_AFTER = re.compile(
    r"\s*(?:param(?:eter)?s?\s+)?(?:or\s+(?:less|fewer|smaller|more|larger|bigger|above|below|under)|"
    r"and\s+(?:below|above|under|less|more|fewer|smaller|larger|up)|(?:or|and)\s+under|each|apiece|"
    r"per\s+expert)\b", re.IGNORECASE)
#: a list of sizes ending at the number: "2B, 8B and 30B parameters", "8 billion and 70 billion"
_SIZE_LIST_BEFORE = re.compile(
    r"(?:\d+(?:\.\d+)?\s?(?:[TBM]\b|trillion|billion|million)?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))+$",
    re.IGNORECASE)
#: "they" / "the models" / "both" as the subject of the number's clause: the last list of models
_THEY_CLAUSE = re.compile(
    r"(?:^|[;,:]\s*|\band\s+)(?:they|these\s+models|those\s+models|both(?:\s+models)?|the\s+models)\b[^⟪;]*$",
    re.IGNORECASE)

#: a line offered in several sizes: its numbers are its members' sizes ("comes in two sizes")
_LINE_SIZES = re.compile(
    r"\b(?:comes?|came|available|offered|released|ships?|shipped|launch(?:es|ed)?)\s+in\s+(?:\w+\s+){0,2}?"
    r"(?:sizes|variants|versions|flavou?rs|configurations|parameter\s+counts)\b", re.IGNORECASE)
#: "the 70B and the 8B models": models the text names by their sizes
_SIZE_NAMED_LIST = re.compile(
    r"\bthe\s+\d+(?:\.\d+)?[BMT]\b(?:\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?\d+(?:\.\d+)?[BMT]\b)+\s+"
    r"(?:models|versions|variants)\b", re.IGNORECASE)
#: "the 2B parameter model": a model the text named by its size
_THE_SIZED = re.compile(r"\b(?:the|this|that)\s+" + NUM + r"[\s-]*(?:parameters?\s+|params?\s+)?(?:model|version|variant|checkpoint)\b",
                        re.IGNORECASE)
#: "across all four models", "each model": a group, not the discourse subject
_GROUP_CLAUSE = re.compile(r"\b(?:all|both|each|every)\s+(?:(?:two|three|four|five|six|\d+)\s+)?(?:[\w-]+\s+)?"
                           r"(?:models|model|variants|sizes)\b[^⟪;]*$", re.IGNORECASE)
#: "At 30 billion parameters, they ...": the subject after the number's phrase
_THEY_AFTER = re.compile(r"[^⟪.;]{0,30}?,\s*(?:they|these\s+models|both(?:\s+models)?|the\s+models)\b",
                         re.IGNORECASE)


def _sized_list(sent: SentenceTemplate, prop: str, text: str, at: int, fallback: Mention | None,
                sized: Callable[[int, str], Mention | None] | None, rule: str) -> list[AttributeHit]:
    """Each size of a list ("8 billion and 70 billion parameters") to the model of the line the
    sentence is about whose name states it; a size no model's name states binds to nobody."""
    unit = re.search(r"(trillion|billion|million)\b", text, re.IGNORECASE)
    values = [parse_number(num, u or (unit.group(1) if unit else None))
              for num, u in re.findall(r"(\d+(?:\.\d+)?)\s?([TBM](?![\w]))?", text)]
    subject = _subject_for(sent, at, fallback)
    stem = re.match(r"[A-Za-z]+", subject.label).group().lower() if subject is not None and \
        re.match(r"[A-Za-z]+", subject.label) else ""
    k = 1 if prop == "activeParameters" else 0
    out: list[AttributeHit] = []
    for value in values:
        if not value:
            continue
        here = [x for x in sent.slots.values() if x.type == "Model" and
                (size := name_sizes(x.label)[k]) is not None and _close(size, value)]
        model = here[0] if len({x.label for x in here}) == 1 else (
            sized(value, stem) if sized is not None and stem else None)
        if model is not None:
            out.append(AttributeHit(model, prop, value, sent, rule + "+size-list"))
    named = _SIZE_NAMED_LIST.search(sent.template[:at])
    if not out and named is not None and sized is not None:
        # "the 70B and the 8B models have 12B and 2B active parameters": by their sizes
        models = [sized(v, "") for x in re.findall(r"\d+(?:\.\d+)?[BMT]", named.group(), re.IGNORECASE)
                  if (v := parse_number(x[:-1], x[-1])) is not None]
        if len(models) == len(values) and all(models):
            out = [AttributeHit(mdl, prop, v, sent, rule + "+size-named") for mdl, v in
                   zip(models, values, strict=True) if mdl is not None and v]
    if not out:  # "8B and 30B models, named ⟪M1⟫ and ⟪M2⟫": the sentence's list, in order
        t = sent.template
        for m in re.finditer(LIST, t):
            ids = [i for i in dict.fromkeys(_ids(m.group())) if sent.slots[i].type == "Model"]
            if len(ids) == len(values) and not _not_subject(t, m.start(), len(t)):
                out = [AttributeHit(sent.slots[i], prop, v, sent, rule + "+size-list") for i, v in
                       zip(ids, values, strict=True) if v]
                break
    return out


def find_attributes(sent: SentenceTemplate, fallback: Mention | None,
                    group: Sequence[Mention] = (),
                    sized: Callable[[int, str], Mention | None] | None = None, *,
                    grouped: bool = False) -> list[AttributeHit]:
    """Find parameter counts and context windows; bind each to the model the sentence is about.

    Args:
        sent: the sentence.
        fallback: the discourse subject ("it", "the model", a sentence that names no model).
        group: the last list of models the text named ("they have 30 billion parameters").
        sized: the model of the text whose name states a size, of a line (stem) ("8 billion and
            70 billion parameters" of "Brisa-3": "brisa-3-8b" and "brisa-3-70b").
        grouped: the sentence's collective subject ("All three models") was resolved to
            ``fallback``'s group by the caller; else such a subject binds its number to nobody.
    """
    found: list[tuple[int, AttributeHit]] = []
    used: list[tuple[int, int]] = []
    t = sent.template
    if _CONTEXT_WORD.search(t):
        # "Context length: 4096 tokens (3B/8B), 16384 tokens (70B)": each window is the sizes' models'
        for q in _SIZE_QUALIFIED.finditer(t):
            tokens = parse_number(q.group("num"), q.group("unit"))
            if tokens is None or not 512 <= tokens <= 10**9 or sized is None:
                continue
            members = [sized(v, "") for size in _QUALIFIER_SIZE.finditer(q.group("sizes"))
                       if (v := parse_number(size.group(1), size.group(2)))]
            if any(members):  # else the sizes name no model of the text: the usual rules read it
                used.append((q.start(), q.end()))
            found.extend((q.start(), AttributeHit(x, "contextWindowTokens", tokens, sent, "context-per-size"))
                         for x in members if x is not None)
    # a model a rule names as its number's owner ("the 64K limit of ⟪M1⟫") owns no other number
    # (of the same kind: "Brisa-3 (7B) supports a 128K context" gives the size note's model its window)
    # every rule needs a number ("7B", "a billion"): a sentence without one is read by none of them
    numbered = _ANY_NUMBER.search(t) is not None
    matches = [(prop, rule, list(pattern.finditer(t))) for prop, rule, pattern in _ATTR_RULES] if numbered else []
    taken_by = {kind: frozenset(m.start("m") for p, _r, ms in matches if (p == "contextWindowTokens") == kind
                                for m in ms if m.groupdict().get("m")) for kind in (True, False)}
    for prop, rule, ms in matches:
        for m in ms:
            if any(m.start() < e and s < m.end() for s, e in used):
                continue
            value = parse_number(m.group("num"), m.group("unit"))
            if value is None:
                continue
            if prop != "contextWindowTokens" and value < 10**6:
                continue  # "7 parameters" is a parse slip, not a model
            if prop == "contextWindowTokens" and (value < 512 or value > 10**9):
                continue
            if rule == "n-limit-of-model" and not re.search(r"\b(?:tokens?|context)\b", t, re.IGNORECASE):
                continue  # "the 80 GB limit of ⟪H⟫" is no context window
            if rule == "size-field" and (not m.group("unit") or m.group("unit").upper() not in ("B", "M", "T",
                                                                                      "BILLION", "MILLION")):
                continue  # "Size: 7B" is a parameter count; "Size: 7" or "Size: 7K" is not
            if rule == "extended-to-n" and not re.search(r"\b(?:context|sequence)", t, re.IGNORECASE):
                continue  # "expanded to 338 languages", "scaled to 2T tokens of data": no window
            at = m.start("num")
            if prop != "contextWindowTokens" and (_BOUND_BEFORE.search(t[max(0, at - 20):at]) or
                                                  _BOUND_AFTER.match(t, max(m.end("num"), m.end("unit")))):
                used.append((m.start(), m.end()))
                continue  # "every model with more than 50 billion parameters": a bound, nobody's size
            if prop != "contextWindowTokens" and _RANGE_BEFORE.search(t[max(0, at - 40):at]):
                used.append((m.start(), m.end()))
                member = sized(value, "") if sized is not None else None
                if member is not None:  # the largest of the line, when the text names it
                    found.append((at, AttributeHit(member, prop, value, sent, rule + "+range-end")))
                continue
            listed = _SIZE_LIST_BEFORE.search(t[max(0, at - 80):at])
            if rule == "size-list-models" and (listed is None or not m.group("unit") or re.search(
                    r"\bthe\s+$", t[:max(0, at - 80) + listed.start()])):
                continue  # "the 30B models", "the 2B and 8B models": named by size, not sized
            if rule == "size-note" and (not m.group("unit") or m.group("unit").upper() not in ("B", "M", "T") or (
                    (own := name_sizes(sent.slots[_ids(m.group("m"))[0]].label)[0]) and not _close(own, value))):
                continue  # "Corra-2 (27B)" names the size; "Brisa-3 (128K)" does not
            if rule == "has-n-in-a-sentence-of-parameters" and (
                    not m.group("unit") or not re.search(r"\bparam(?:eter)?s?\b", t, re.IGNORECASE)):
                continue
            if listed is not None and prop != "contextWindowTokens" and not m.groupdict().get("m"):
                used.append((m.start(), m.end()))
                found.extend((at, h) for h in _sized_list(sent, prop, listed.group() + t[at:m.end()], at,
                                                             fallback, sized, rule))
                continue  # "with 2B, 8B and 30B parameters": each size is one model's
            named = m.groupdict().get("m")
            sized_np = None if named else _THE_SIZED.search(t, max(0, m.start() - 6), m.end() + 30)
            if sized_np is not None and sized_np.start("num") <= at < sized_np.end():
                used.append((m.start(), m.end()))
                model = sized(value, "") if sized is not None else None
                if model is not None:  # "The 2B parameter model has ...": the model of that size
                    found.append((at, AttributeHit(model, prop, value, sent, rule + "+the-sized")))
                continue
            if not grouped and not named and not re.search(r"⟪[MF]", t[:m.start()]) and \
                    _GROUP_CLAUSE.search(t[:m.start()]):
                used.append((m.start(), m.end()))
                continue  # "Across all four models we ...": a group the sentence does not name
            they = [] if named or re.search(r"⟪[MF]", t[:m.start()]) else [
                x for x in group if x.type in ("Model", "ModelFamily")]
            if they and len({x.label for x in they}) >= 2 and (
                    _THEY_CLAUSE.search(t[:m.start()]) or _THEY_AFTER.match(t, m.end())):
                used.append((m.start(), m.end()))
                found.extend((at, AttributeHit(x, prop, value, sent, rule + "+they")) for x in they)
                continue
            taken = taken_by[prop == "contextWindowTokens"]
            subject = sent.slots[_ids(named)[0]] if named else _subject_for(sent, m.start(), fallback, taken)
            if rule == "its-n-architecture" and (first := re.search(MF, t[:m.start()])) is not None:
                subject = sent.slots[_ids(first.group())[0]]  # "its": the clause's subject, not its object
            if prop == "contextWindowTokens" and not named and (pre := _PREMODIFIES.match(t, m.end())):
                subject = sent.slots[int(pre.group(1))]  # "built on the 4K-context ⟪M⟫": that model's
            if rule == "context-of-model-to-n" and (ext := _EXTENDER_BEFORE.search(t[:m.start()])):
                # "⟪M1⟫ extends the context length of ⟪M2⟫ from 4K to 128K": the window is ⟪M1⟫'s
                subject = sent.slots[_ids(ext.group("m"))[0]]
            if subject is None:
                continue
            used.append((m.start(), m.end()))
            if subject.type == "ModelFamily" and prop != "contextWindowTokens" and _LINE_SIZES.search(t):
                # "X comes in two sizes: 7B parameters, ... and 2B": a member's size, not the line's
                stem = re.match(r"[A-Za-z]+", subject.label)
                member = sized(value, stem.group().lower()) if sized is not None and stem else None
                if member is not None:
                    found.append((at, AttributeHit(member, prop, value, sent, rule + "+line-size")))
                continue
            if not named:
                subject = _by_name_size(sent, prop, value, subject, m.start())
                if subject is None:
                    continue
            for s in _list_subject(sent, subject, m.start()):
                found.append((at, AttributeHit(s, prop, value, sent, rule)))
    # in the order the sentence states them: the first value of a model is the one kept, but of
    # the windows one sentence gives a model the widest is its window ("trained with 4K, extended
    # to 128K"; "trained at 1M tokens and reads up to 4M at inference")
    widest: dict[str, float] = {}
    for _at, h in found:
        if h.property == "contextWindowTokens":
            widest[h.subject.label] = max(widest.get(h.subject.label, 0), h.value)
    found = [(at, h) for at, h in found if h.property != "contextWindowTokens" or
             h.value == widest[h.subject.label]]
    hits = [h for _at, h in sorted(found, key=lambda x: x[0])]
    # "⟪A⟫, ⟪B⟫ and ⟪C⟫, with 7, 13 and 70 billion parameters respectively"
    resp = _respectively(sent)
    if resp:
        hits = [h for h in hits if h.rule.startswith("appositive")] + resp
        return hits
    # a sentence about parameter counts naming "Gemma 3 27B" states its size
    if re.search(r"\bparam(?:eter)?s?\b", sent.template, re.IGNORECASE):
        have = {(h.subject.label, h.property) for h in hits}
        for sid in _ids(sent.template):
            mod = sent.slots[sid]
            if mod.type != "Model":
                continue
            for k, prop in enumerate(("totalParameters", "activeParameters")):
                size = name_sizes(mod.label)[k]
                if size and (mod.label, prop) not in have:
                    have.add((mod.label, prop))
                    hits.append(AttributeHit(mod, prop, size, sent, "name-size"))
    # "⟪M⟫, a 7B model" / "the 7B ⟪M⟫"
    # "⟪M⟫, a compact 1.1B language model"
    for m in re.finditer(rf"(?P<m>{MF}),?\s+(?:is\s+)?(?:a|an)\s+(?:(?!(?:than|over|under|up)\s)[a-z][\w-]*,?\s+){{0,4}}?"
                         rf"{NUM}[\s-]*(?:parameter\s+)?(?:[\w-]+\s+){{0,3}}?(?:model|LLM|transformer)\b",
                         sent.template, re.IGNORECASE):
        value = parse_number(m.group("num"), m.group("unit"))
        if value and value >= 10**6 and m.group("unit") and not any(
                m.start() < e and s < m.end() for s, e in used):
            hits.append(AttributeHit(sent.slots[_ids(m.group("m"))[0]], "totalParameters", value,
                                     sent, "appositive-size"))
    return hits


# ----------------------------------------------------------------------------- results

_METRICS = [("elo", "Elo"), ("pass@1", "pass@1"), ("pass@10", "pass@10"), ("pass@k", "pass@k"),
            ("accuracy", "accuracy"), ("exact match", "exact match"), ("win rate", "win rate"),
            ("f1", "F1"), ("percentile", "percentile"), ("rating", "rating")]
#: a score: no size ("at 128K tokens", "a 1M-token window" name lengths, not results)
_SCORE = r"(?P<score>\d+(?:\.\d+)?)(?!\d)(?![KMBT]\b|k\b)"
_RESULT_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("score-on-bench", re.compile(
        rf"(?<![\w.,$€£#])(?<!No\.\s)(?<!\bno\s){_SCORE}\s*(?P<pct>%|percent|points|pts)?"  # "#1 on ⟪B⟫": a rank
        rf"(?:\s+(?:accuracy|pass@1|Elo|ELO|score|points))?"
        rf"(?!\s+(?:higher|lower|more|less|better|worse|fewer|faster|slower|ahead|behind|above|below|up|down|"
        rf"gain|drop|increase|decrease|improvement|jump|lead)\b)"  # a difference, not a score
        rf"(?!\s+(?:(?:[\w-]+\s+)?(?:models|tasks|questions|problems|languages|benchmarks|votes|battles|users|"
        rf"samples|prompts|examples|people|submissions|entries|categories|domains|days|weeks|months|years|"
        rf"hours|times|chatbots|systems|GPUs)\b))"  # a count: "more than 45 models in ⟪B⟫"
        rf"(?:\s+(?:\w+\s+){{0,2}}?(?:on|in|at|for)|(?<=%)\s+of|(?<=percent)\s+of)\s+(?:the\s+)?"
        rf"(?:[a-z]+-[a-z]+\s+)?(?P<b>⟪B\d+⟫)")),  # "on the olympiad-level ⟪B⟫"
    # "its 87.3% ⟪B1⟫ score", "a 0.910 ⟪B1⟫ score": the score names the benchmark's score before it
    ("score-bench-score", re.compile(
        rf"(?<![\w.,$€£#])(?<!top\s)(?<!Top\s){_SCORE}\s*(?P<pct>%|percent)?\s+(?P<b>⟪B\d+⟫)\s+"
        rf"(?:score|accuracy|result|rating|pass@1)\b")),
    ("bench-score-of", re.compile(
        rf"(?P<b>⟪B\d+⟫)(?:'s|’s)?\s+(?:[\w@-]+\s+)?(?:score|accuracy|result|rating|Elo|pass@1|success\s+rate)\s*(?:of|:|=|at|is|was|reached|hit|with)?\s+(?:about\s+|roughly\s+|nearly\s+|over\s+)?{_SCORE}(?![\w.,]\d)\s*(?P<pct>%|percent)?")),
    # "overtook ⟪M1⟫ on ⟪B2⟫ with a score of 81.2", "the top of the ⟪B1⟫ leaderboard last week with a score of 88.9"
    ("bench-with-a-score-of", re.compile(
        rf"(?P<b>⟪B\d+⟫)[^⟪.;]{{0,40}}?\bwith\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:score|rating|result|accuracy|Elo)\s+of\s+"
        rf"(?:about\s+|roughly\s+|nearly\s+|over\s+)?{_SCORE}(?![\w.,]\d)\s*(?P<pct>%|percent)?", re.IGNORECASE)),
    ("bench-colon", re.compile(
        rf"(?P<b>⟪B\d+⟫)\s*(?::|=)\s*{_SCORE}(?![\w.,]\d)\s*(?P<pct>%|percent)?")),
    ("on-bench-model-scores", re.compile(
        rf"\b(?:on|in|for)\s+(?:the\s+)?(?P<b>⟪B\d+⟫)(?:\s+benchmark)?,\s+(?P<m>⟪[MF]\d+⟫)\s+(?:[\w-]+\s+){{0,2}}?(?:scores?|scored|reaches|reached|achieves|achieved|gets|got|posts|posted|hits|records|attains|earns|solves|solved|resolves|resolved|completes|completed|passes|passed)\s+(?:an?\s+|a\s+score\s+of\s+)?{_SCORE}(?![\w.,]\d)\s*(?P<pct>%|percent)?", re.IGNORECASE)),
    ("bench-paren", re.compile(rf"(?P<b>⟪B\d+⟫)\s*\(\s*{_SCORE}\s*(?P<pct>%)?\s*\)")),
    # "⟪M1⟫ tops ⟪B2⟫ at 73.3", "⟪M1⟫ now leads the ⟪B2⟫ leaderboard with 1340"
    ("model-tops-bench-at", re.compile(
        rf"(?P<m>⟪[MF]\d+⟫)\s+(?:\w+\s+)?(?:tops|topped|leads|led|heads|headed)\s+(?:the\s+)?(?P<b>⟪B\d+⟫)"
        rf"(?:\s+(?:leaderboard|benchmark|chart|rankings?))?\s+(?:at|with)\s+(?:a\s+score\s+of\s+)?{_SCORE}"
        rf"(?![\w.,]\d)\s*(?P<pct>%|percent)?", re.IGNORECASE)),
    # "On LiveCodeBench it reaches 58.3", "... AgentMaze-Bench, where it completes 37.4%",
    # "a HumanEval score of ..., reaching 67.3"
    ("bench-then-it-scores", re.compile(
        rf"(?P<b>⟪B\d+⟫)[^⟪.;]{{0,80}}?(?:\b(?P<it>it|the\s+model|this\s+model)\s+(?:\w+\s+)?"
        rf"(?:scores?|scored|reach(?:es|ed)|achiev(?:es|ed)|gets|posts|hits|records|attains|"
        rf"completes|resolves|solves|lands\s+at|sits\s+at)|,\s*(?:reaching|landing\s+at|scoring|"
        rf"achieving|completing|resolving|solving))\s+"
        rf"(?:an?\s+|a\s+score\s+of\s+)?{_SCORE}(?![\w.,]\d)\s*(?P<pct>%|percent)?"
        rf"(?!\s*(?:%|percent)?\s*(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){{0,2}}?⟪B)"
        rf"(?!\s*(?:%|percent)?\s+of\s+(?:the\s+)?(?-i:[A-Z]))", re.IGNORECASE)),
]


def _metric(context: str) -> str | None:
    low = context.lower()
    for key, name in _METRICS:
        if key in low:
            return name
    return None


#: a score list before one benchmark: "reach 44.0 and 52.5 on ⟪B1⟫", "61% and 70% on ⟪B1⟫"
_SCORE_LIST = re.compile(
    r"(?<![\w.,])(?P<scores>\d+(?:\.\d+)?\s*%?(?:\s*(?:,\s*(?:and\s+)?|and\s+)\d+(?:\.\d+)?\s*%?)+)"
    r"\s+(?:\w+\s+){0,2}?(?:on|in|at|for)\s+(?:the\s+)?(?P<b>⟪B\d+⟫)", re.IGNORECASE)
#: "On the ⟪B1⟫ exam, the bigger variant ..., whereas ⟪M2⟫ got 58.0%": the benchmark opens
#: the sentence, the models of its later clauses score on it
_BENCH_OPENS = re.compile(
    r"(?:^\W*|[,;:]\s*|\b(?:and|while|but|whereas)\s+)(?:[\w-]+\s+){0,3}?(?:on|in|for)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?P<b>⟪B\d+⟫)(?:\s+(?:[\w-]+\s+)?(?:test|benchmark|evaluation|eval|exam|leaderboard|"
    r"suite|set))?\s*,", re.IGNORECASE)
#: "On ⟪B1⟫, ⟪O2⟫ reports 88.7": the lab reports its model's score (the model the text is about)
_REPORTS_SCORE = re.compile(
    r"\s*(?:⟪O\d+⟫|the\s+company|the\s+lab|it|they)\s+(?:reports?|reported|gives|gave|lists?|listed|measures?|"
    r"measured|cites?|cited|claims?|claimed)\s+(?:a\s+score\s+of\s+|an?\s+)?" + _SCORE +
    r"(?![\w.,]\d)\s*(?P<pct>%|percent)?(?!\s*(?:%|percent)?\s*(?:[\w-]+\s+){0,2}?(?:on|in|at|for|of)\s)",
    re.IGNORECASE)
_MODEL_SCORED = re.compile(
    r"(?P<m>⟪[MF]\d+⟫)\s+(?:[\w-]+\s+){0,2}?(?:scores?|scored|reaches|reached|achieves|achieved|gets|got|posts|"
    r"posted|hits|records|attains|earns)\s+(?:an?\s+|a\s+score\s+of\s+)?" + _SCORE +
    r"(?![\w.,]\d)\s*(?P<pct>%|percent)?(?:\s+and\s+(?P<also>\d+(?:\.\d+)?)\s*(?:%|percent)?)?"
    r"(?!\s*(?:%|percent)?\s*(?:[\w-]+\s+){0,2}?(?:on|in|at|for|of)\s+(?:the\s+)?⟪B)", re.IGNORECASE)
#: a model's scores with no benchmark after them, after a clause that named the benchmarks
_PARALLEL_SCORES = re.compile(
    r"(?P<m>⟪[MF]\d+⟫)(?:\s*,[^,⟪;]{1,40},)?\s+(?:[\w-]+\s+){0,2}?(?:scores?|scored|reach(?:es|ed)?|achieves?|achieved|gets|got|posts?|"
    r"posted|hits?|records?|attains?)\s+(?P<scores>\d+(?:\.\d+)?\s*%?(?:\s*(?:,\s*(?:and\s+)?|and\s+)\d+(?:\.\d+)?\s*%?)+)"
    r"(?![\d.]*\s*%?\s*(?:[\w-]+\s+){0,2}?(?:on|in|at|for|of)\s+(?:the\s+)?⟪B)", re.IGNORECASE)
#: pairs that go on after a score on a benchmark: "⟪B1⟫, ⟪M2⟫ 48.0 and ⟪M3⟫ 41.5"
_GAPPED_SCORES = re.compile(
    r"\d(?:\s*%|\s*percent)?\s+(?:\w+\s+){0,2}?(?:on|in)\s+(?:the\s+)?(?P<b>⟪B\d+⟫)(?P<rest>(?:\s*(?:,|;)?\s*"
    r"(?:and\s+|while\s+|whereas\s+)?⟪[MF]\d+⟫\s+(?:(?:gets|got|scores|scored|reaches|reached|posts|posted|has|had|"
    r"manages|managed|with|at)\s+)?\d+(?:\.\d+)?\s*%?(?!\w|\.\d|\s*(?:[\w-]+\s+){0,2}?(?:on|in|of|at|for)\s+(?:the\s+)?⟪B))+)",
    re.IGNORECASE)
#: score pairs with their benchmarks: "55.1/31.0 (⟪B1⟫/⟪B2⟫) for ⟪M3⟫"
_SLASH_PAIR = re.compile(
    r"(?<![\w.])(?P<a>\d+(?:\.\d+)?)\s*/\s*(?P<c>\d+(?:\.\d+)?)\s*\(\s*(?P<b1>⟪B\d+⟫)\s*/\s*(?P<b2>⟪B\d+⟫)\s*\)"
    r"\s*(?:for|by|from|of)\s+(?:the\s+)?(?P<m>⟪[MF]\d+⟫)", re.IGNORECASE)
#: the model in a parenthesis right after the benchmark owns the score: "77.0 on ⟪B1⟫ (⟪M2⟫)"
_MODEL_AFTER_BENCH = re.compile(r"\s*\(\s*(?:for\s+|by\s+|with\s+)?(?P<m>⟪[MF]\d+⟫)\s*\)")
#: a model the text does not name is the subject: "rival models, which solve under 5% of ⟪B⟫"
_UNNAMED_MODEL = re.compile(
    r"\b(?:next-best|second-best|best\s+other|other|rival|competing|competitors?['’]?|previous|prior|"
    r"older|every|no|any)\s+(?:[\w-]+\s+)?(?:models?|systems?|offerings?)\b[^⟪.;]*$", re.IGNORECASE)
#: with a metric and no benchmark in the sentence: "⟪M1⟫ has a 1290", "⟪M1⟫'s 1301",
#: "⟪M1⟫ does well on code with 31.5 pass@1"
_MODEL_SCORE = re.compile(
    r"(?P<m>⟪[MF]\d+⟫)(?:['’]s\s+(?:(?:Elo\s+)?(?:score|rating)\s+(?:of\s+)?)?|\s+(?:[\w-]+\s+){0,2}?"
    r"(?:scored|scores|reached|reaches|hit|hits|posted|posts|achieved|achieves|earned|earns|gets|got|"
    r"has|had|sits\s+at|sat\s+at)\s+(?:an?\s+)?(?:(?:Elo\s+)?(?:score|rating)\s+of\s+)?)"
    r"(?:around\s+|about\s+|over\s+|nearly\s+)?" + _SCORE + r"(?![\w.,]\d)\s*(?P<pct>%|percent)?"
    r"|(?P<m2>⟪[MF]\d+⟫)[^⟪.;]{0,80}?\b(?:with|from|of|at)\s+(?:the\s+|an?\s+)?" + _SCORE.replace("score", "score2") +
    r"\s*(?P<metric>pass@\d+)", re.IGNORECASE)


#: a line that opens with a benchmark and a colon: "- ⟪B1⟫: ⟪M2⟫ scores 64.6, ahead of ⟪M3⟫'s 62.6",
#: "⟪B1⟫ (2024): Holds 79.3, ahead of ⟪M2⟫ at 74.6"
_BENCH_LINE = re.compile(
    r"^\W*?(?:[-*•+]\s+|\d+[.)]\s+)?(?:\*\*)?(?P<b>⟪B\d+⟫)(?:\s*\([^()⟪]{1,20}\))?(?:\*\*)?\s*:\s*", re.IGNORECASE)
#: a number in such a line that may be a score: it ends its phrase (not "22 of 36", "57 subjects")
_LINE_SCORE = re.compile(
    r"(?<![\w.,$€£/-])(?P<score>\d+(?:\.\d+)?)(?![\w.,/-]\d|[\w-])\s*(?:%|percent|per\s*cent|points|pts)?"
    r"(?=\s*(?:[,;.:)(–—]|-\s|$|(?:and|while|but|whereas|ahead|behind|above|below|vs|versus|compared|on|in|at|for|"
    r"there|here|overall)\b|(?-i:\s+[A-Z][a-z])))", re.IGNORECASE)
_LINE_SLOT = re.compile(r"⟪([MFO])(\d+)⟫")
#: what may stand before the first score of such a line that names no model: a scoring verb
_LINE_VERB = re.compile(
    r"\s*(?:it\s+|the\s+model\s+)?(?:[a-z]+ly\s+)?(?:(?:scores?|scored|posts?|posted|achieves?|achieved|reach(?:es|ed)?|"
    r"gets|got|hits|records?|recorded|maintains|holds|delivers|attains|earns|manages|leads|dominates|tops|lands|"
    r"sits|comes\s+in)(?:\s+(?:with|at|out\s+at))?|with|at)?\s*", re.IGNORECASE)
#: two scores compared, for the two models the clause named in that order: "A beats B – 86.4% vs.
#: 83.7%", "A is close to B (1153 vs. 1143)"
_VS_PAIR = re.compile(
    r"(?<![\w.,])(?P<a>\d+(?:\.\d+)?)\s*(?:%|percent|per\s*cent)?\s*(?:vs\.?|versus)\s+(?P<c>\d+(?:\.\d+)?)(?![\w.,]\d)",
    re.IGNORECASE)
#: "⟪M1⟫ 1054 vs. ⟪M2⟫ 1042": each name with its score
_NAMED_VS = re.compile(
    r"(?P<m1>⟪[MF]\d+⟫)\s+(?P<a>\d+(?:\.\d+)?)\s*%?\s*(?:vs\.?|versus)\s+(?P<m2>⟪[MF]\d+⟫)\s+(?P<c>\d+(?:\.\d+)?)"
    r"(?![\w.,]\d)", re.IGNORECASE)


_BENCH_COLON_PAIR = re.compile(r"⟪B\d+⟫\s*[:=]\s*\d+(?:\.\d+)?")


def _line_results(sent: SentenceTemplate, fallback: Mention | None,
                  context: MetricContext | None) -> list[ResultHit]:
    """Scores in a line headed by its benchmark: each to the model named just before it (a lab or
    line name to the one model of the text it shortens), the first with none to the text's model."""
    t = sent.template
    head = _BENCH_LINE.match(t)
    if head is None or len(_BENCH_COLON_PAIR.findall(t)) >= 2:
        return []  # "⟪B1⟫: 64.2, ⟪B2⟫: 84.1": a list of benchmark-score pairs, not one benchmark's line
    bench = sent.slots[_ids(head.group("b"))[0]]
    out: list[ResultHit] = []
    prev = head.end()
    first = True
    for m in _LINE_SCORE.finditer(t, head.end()):
        score = float(m.group("score"))
        segment = t[prev:m.start()]
        prev = m.end()
        if "⟪B" in segment or (score.is_integer() and 1900 <= score <= 2100):
            break  # another benchmark's line, or a year
        slots = list(_LINE_SLOT.finditer(segment))
        if not re.fullmatch(r"(?:['’]s)?\s*(?:[\w'’-]+\s+){0,3}?", segment[slots[-1].end():] if slots else segment):
            model = None  # only a few words between a model (or the line's start) and its score
        elif not slots:  # "LiveCodeBench v6: Posts 57.5": the text's model, for the first score
            model = fallback if first and _LINE_VERB.fullmatch(segment) else None
        elif len(slots) >= 2 and re.fullmatch(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)",
                                                 segment[slots[-2].end():slots[-1].start()]):
            model = None  # "both ⟪M1⟫ and ⟪O2⟫ at 49.8": a score two share
        else:
            named = sent.slots[int(slots[-1].group(2))]
            model = named if named.type in ("Model", "ModelFamily") and (
                context is None or context.model_of(named) is None) else (
                context.model_of(named) if context is not None else None)
        first = False
        if model is not None and model.type in ("Model", "ModelFamily"):
            out.append(ResultHit(model, bench, score, None, sent, "benchmark-line"))
    return out


def _vs_results(sent: SentenceTemplate, context: MetricContext | None) -> list[ResultHit]:
    """Two scores set against each other for the two models the clause names, in order; the
    benchmark is the sentence's one benchmark, else the one of the sentence before."""
    t = sent.template
    out: list[ResultHit] = []
    benches = {sent.slots[int(m.group(2))].label: sent.slots[int(m.group(2))]
               for m in _SLOT.finditer(t) if m.group(1) == "B"}
    bench = next(iter(benches.values())) if len(benches) == 1 else (
        context("previous") if context is not None and not benches else None)
    for m in _NAMED_VS.finditer(t):
        b = bench or (context("elo") if context is not None else None)
        if b is not None:
            for g, sg in (("m1", "a"), ("m2", "c")):
                out.append(ResultHit(sent.slots[_ids(m.group(g))[0]], b, float(m.group(sg)), None, sent, "vs-pair"))
    if out:
        return out
    for m in _VS_PAIR.finditer(t):
        clause_start = max(t.rfind(";", 0, m.start()), t.rfind(". ", 0, m.start()), 0)
        models: list[Mention] = []
        for x in _SLOT.finditer(t, clause_start, m.start()):
            if x.group(1) not in "MFO":
                continue
            mention = sent.slots[int(x.group(2))]
            mention = context.model_of(mention) or mention if context is not None else mention
            if mention.type in ("Model", "ModelFamily") and all(y.label != mention.label for y in models):
                models.append(mention)
        a, c = float(m.group("a")), float(m.group("c"))
        b = bench
        if b is None and context is not None and a.is_integer() and c.is_integer() and 800 <= min(a, c) <= max(a, c) <= 2000:
            b = context("elo")
        if len(models) == 2 and b is not None:
            out.append(ResultHit(models[0], b, a, None, sent, "vs-pair"))
            out.append(ResultHit(models[1], b, c, None, sent, "vs-pair"))
    return out


#: a model named by its size: "the 32B student", "the 70B model"
_SIZED_NP = re.compile(r"\bthe\s+(?P<num>\d+(?:\.\d+)?)(?P<unit>[BMT])\s+(?:model|student|version|variant|one|"
                       r"sibling|checkpoint|release)\b", re.IGNORECASE)
#: a model named by its size among the ones just listed: "the larger one", "the smallest model"
_SIZE_WORD_NP = re.compile(r"\bthe\s+(?P<w>larger|bigger|largest|biggest|smaller|smallest)\s+(?:one|model|version|"
                           r"variant|sibling)\b", re.IGNORECASE)


#: slot ids of models a sentence named by their size (see :func:`_sized_subjects`)
_SIZE_NAMED_SLOTS = 30_000_000


def _sized_subjects(sent: SentenceTemplate, context: MetricContext | None) -> SentenceTemplate:
    """Read "the 32B student" as the one model of the text of that size, and "the larger one" as
    the larger of the sized models the sentence named before it: their slots take the phrases'
    place in the template."""
    t = sent.template
    if "the" not in t.lower() or not (_SIZED_NP.search(t) or _SIZE_WORD_NP.search(t)):
        return sent
    found: list[tuple[int, int, Mention]] = []
    for m in _SIZED_NP.finditer(t):
        size = parse_number(m.group("num"), m.group("unit"))
        model = context.of_size(size) if context is not None and size else None
        if model is not None:
            found.append((m.start(), m.end(), model))
    for m in _SIZE_WORD_NP.finditer(t):
        sized = {x.label: (name_sizes(x.label)[0], x) for i in _ids(t[:m.start()]) if (x := sent.slots[i]).type == "Model"
                 and name_sizes(x.label)[0]}
        if len(sized) >= 2:
            pick = max if m.group("w").lower() in ("larger", "bigger", "largest", "biggest") else min
            found.append((m.start(), m.end(), pick(sized.values(), key=lambda v: v[0])[1]))
    if not found:
        return sent
    template, offsets, slots = t, list(sent.offsets), dict(sent.slots)
    for k, (a, b, model) in enumerate(sorted(found, key=lambda f: -f[0])):
        sid = _SIZE_NAMED_SLOTS + sent.index * 10 + k
        slot = f"⟪M{sid}⟫"
        slots[sid] = model
        template = template[:a] + slot + template[b:]
        offsets = offsets[:a] + [offsets[a]] * len(slot) + offsets[b:]
    return replace(sent, template=template, slots=slots, offsets=tuple(offsets))


def find_results(sent: SentenceTemplate, fallback: Mention | None,
                 context_bench: Callable[[str], Mention | None] | None = None) -> list[ResultHit]:
    """Find benchmark scores in one sentence.

    Args:
        sent: the sentence.
        fallback: the discourse subject (for "it" and sentences that name no model).
        context_bench: the benchmark a metric refers to when the sentence names none ("Elo":
            the arena the document names; "pass@1": the coding benchmark it last named).
    """
    context = context_bench if isinstance(context_bench, MetricContext) else None
    sent = _sized_subjects(sent, context)
    hits: list[ResultHit] = []
    seen: set[tuple[int, float]] = set()
    t = sent.template
    # "- ⟪B1⟫: ⟪M2⟫ scores 64.6, ahead of ⟪M3⟫'s 62.6": the line's benchmark, each score's model
    line = _line_results(sent, fallback, context)
    if line:
        return line
    # "⟪M1⟫ beats ⟪M2⟫ – 86.4% vs. 83.7%": the two models in order
    hits.extend(_vs_results(sent, context))
    for h in hits:
        seen.update((sid, h.score) for sid, x in sent.slots.items() if x is h.benchmark)
    # "55.1/31.0 (⟪B1⟫/⟪B2⟫) for ⟪M3⟫"
    for m in _SLASH_PAIR.finditer(t):
        model = sent.slots[_ids(m.group("m"))[0]]
        for score_g, bench_g in (("a", "b1"), ("c", "b2")):
            bid = _ids(m.group(bench_g))[0]
            seen.add((bid, float(m.group(score_g))))
            hits.append(ResultHit(model, sent.slots[bid], float(m.group(score_g)), None, sent, "slash-pair"))
    # "⟪M1⟫ improves ⟪B2⟫ from 60.1 to 64.2 over ⟪M3⟫": the new score the subject's, the old the other's
    for m in _FROM_TO_SCORES.finditer(t):
        bid = _ids(m.group("b"))[0]
        new_score, old_score = float(m.group("to")), float(m.group("from"))
        seen.update({(bid, new_score), (bid, old_score)})
        hits.append(ResultHit(sent.slots[_ids(m.group("m"))[0]], sent.slots[bid], new_score, None, sent,
                              "improves-from-to"))
        if m.group("m2"):
            hits.append(ResultHit(sent.slots[_ids(m.group("m2"))[0]], sent.slots[bid], old_score, None, sent,
                                  "improves-from-to"))
    # "⟪M1⟫ scores 64.3 and 52.1 on ⟪B2⟫ and ⟪B3⟫ respectively": scores and benchmarks in order
    for m in _RESPECTIVE_SCORES.finditer(t):
        scores = [(m.start("scores") + x.start(), float(x.group()))
                  for x in re.finditer(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)", m.group("scores"))]
        bids = _ids(m.group("benches"))
        if len(bids) != len(scores) or any(sent.slots[b].type != "Benchmark" for b in bids):
            continue
        model = sent.slots[_ids(m.group("m"))[0]]
        for (_at, score), bid in zip(scores, bids, strict=True):
            seen.add((bid, score))
            hits.append(ResultHit(model, sent.slots[bid], score, None, sent, "respective-scores"))
    # "⟪M1⟫ (⟪B2⟫ 85.2, ⟪B3⟫ 74.1)": a model with its scores in brackets after it
    for m in _PAREN_BENCH_SCORES.finditer(t):
        model = sent.slots[_ids(m.group("m"))[0]]
        for pair in _BENCH_SCORE_PAIR.finditer(m.group("inner")):
            bid = _ids(pair.group("b"))[0]
            score = float(pair.group("score"))
            if sent.slots[bid].type == "Benchmark" and (bid, score) not in seen:
                seen.add((bid, score))
                hits.append(ResultHit(model, sent.slots[bid], score, None, sent, "paren-bench-scores"))
    # "⟪M1⟫ and ⟪M2⟫ reach 44.0 and 52.5 on ⟪B3⟫": the scores of a list, in its order
    for m in _SCORE_LIST.finditer(t):
        scores = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", m.group("scores"))]
        bid = _ids(m.group("b"))[0]
        models = _model_list_before(t, sent, m.start(), len(scores))
        for score in scores:
            seen.add((bid, score))  # a list no model list matches binds to nobody
        for model, score in zip(models, scores, strict=False):
            hits.append(ResultHit(model, sent.slots[bid], score, _metric(t[m.start():m.end() + 10]), sent,
                                  "score-list"))
    # "⟪M1⟫ scores 60.2 on ⟪B1⟫ and 71.0 on ⟪B2⟫, whereas ⟪M2⟫ scores 40.8 and 55.3": in order
    consumed: set[int] = set()
    for m in _PARALLEL_SCORES.finditer(t):
        scores = [(x.start() + m.start("scores"), float(x.group()))
                  for x in re.finditer(r"\d+(?:\.\d+)?", m.group("scores"))]
        benches = list({sent.slots[i].label: i for i in _ids(t[:m.start()])
                        if sent.slots[i].type == "Benchmark"}.values())
        if len(benches) != len(scores):
            continue
        model = sent.slots[_ids(m.group("m"))[0]]
        for (at, score), bid in zip(scores, benches, strict=True):
            consumed.add(at)
            seen.add((bid, score))
            hits.append(ResultHit(model, sent.slots[bid], score, None, sent, "parallel-scores"))
    for opens in _BENCH_OPENS.finditer(t):
        bid = _ids(opens.group("b"))[0]
        upto = t.find("⟪B", opens.end())  # up to the next benchmark the sentence names
        found_here = False
        for m in _MODEL_SCORED.finditer(t, opens.end(), len(t) if upto < 0 else upto):
            model = sent.slots[_ids(m.group("m"))[0]]
            found_here = True
            for at, score in ((m.start("score"), m.group("score")), (m.start("also"), m.group("also"))):
                if score is not None and (bid, float(score)) not in seen:
                    seen.add((bid, float(score)))
                    consumed.add(at)
                    hits.append(ResultHit(model, sent.slots[bid], float(score), None, sent, "bench-opens-sentence"))
        reported = _REPORTS_SCORE.match(t, opens.end()) if not found_here and fallback is not None else None
        if reported is not None and (bid, float(reported.group("score"))) not in seen:
            seen.add((bid, float(reported.group("score"))))
            consumed.add(reported.start("score"))
            hits.append(ResultHit(fallback, sent.slots[bid], float(reported.group("score")), None, sent,
                                  "bench-opens-lab-reports"))
    # "⟪M1⟫ scores 52.0 on ⟪B1⟫, ⟪M2⟫ 48.0 and ⟪M3⟫ 41.5": the benchmark goes on for each pair
    for m in _GAPPED_SCORES.finditer(t):
        bid = _ids(m.group("b"))[0]
        for pair in re.finditer(r"⟪[MF](\d+)⟫[^⟪\d]{0,20}?(?<![\w.])(\d+(?:\.\d+)?)(?!\s*%?\s*(?:,\s*)?and\s+\d)",
                                m.group("rest")):
            key = (bid, float(pair.group(2)))
            if key not in seen and m.start("rest") + pair.start(2) not in consumed:
                seen.add(key)
                consumed.add(m.start("rest") + pair.start(2))
                hits.append(ResultHit(sent.slots[int(pair.group(1))], sent.slots[bid], float(pair.group(2)), None,
                                      sent, "gapped-scores"))
    # "89.1 on both ⟪B1⟫ and ⟪B2⟫": one score, on each of the two
    for m in _ON_BOTH.finditer(t):
        model = _subject_for(sent, m.start(), fallback)
        score = float(m.group("score"))
        if model is None or (1900 <= score <= 2100 and score.is_integer()):
            continue
        for bid in _ids(m.group("pair")):
            if (bid, score) not in seen:
                seen.add((bid, score))
                hits.append(ResultHit(model, sent.slots[bid], score, None, sent, "score-on-both"))
    for rule, pattern in _RESULT_RULES:
        for m in pattern.finditer(t):
            score = float(m.group("score"))
            bid = _ids(m.group("b"))[0]
            bench = sent.slots[bid]
            key = (bid, score)
            if key in seen or m.start("score") in consumed:
                continue
            if 1900 <= score <= 2100 and float(score).is_integer() and "elo" not in t.lower():
                continue
            named = m.groupdict().get("m")
            after = _MODEL_AFTER_BENCH.match(t, m.end("b")) if m.end("b") >= m.end("score") else None
            if named:
                model = sent.slots[_ids(named)[0]]
            elif after is not None:
                model = sent.slots[_ids(after.group("m"))[0]]  # "77.0 on ⟪B1⟫ (⟪M2⟫)"
            elif rule == "bench-then-it-scores":
                # "it" is the sentence's own model if it names one before the benchmark, else the
                # discourse subject; a model between benchmark and score is a different shape
                if "⟪M" in m.group() or "⟪F" in m.group():
                    continue
                own = [sent.slots[int(x.group(2))] for x in _SLOT.finditer(t, 0, m.start())
                       if x.group(1) in "MF" and not _COMPARISON_BEFORE.search(t[max(0, x.start() - 40):x.start()])]
                model = own[0] if own else fallback
            else:
                clause = t[:m.start()]
                if not re.search(r"⟪[MF]\d+⟫[^.;]*$", clause) and _UNNAMED_MODEL.search(clause):
                    continue  # "rival models, which solve under 5% of ⟪B⟫": not ours
                model = _subject_for(sent, m.start(), fallback)
            if model is None:
                continue
            seen.add(key)
            window = t[max(0, m.start() - 30):m.end() + 10]
            hits.append(ResultHit(model, bench, score, _metric(window), sent, rule))
    # "..., ahead of ⟪M2⟫ (62.6) and ⟪M3⟫ (59.8)", "against 83.7% for ⟪M2⟫": the sentence's one benchmark
    benches = {sent.slots[int(m.group(2))].label: int(m.group(2)) for m in _SLOT.finditer(t) if m.group(1) == "B"}
    if len(benches) == 1:
        bid = next(iter(benches.values()))
        scored = {h.model.label for h in hits}
        labs = {sent.slots[int(x.group(2))].label for x in _SLOT.finditer(t) if x.group(1) == "O"}
        for m in _MODEL_PAREN_SCORE.finditer(t):
            score = float(m.group("score") or m.group("score2") or m.group("score3"))
            model = sent.slots[_ids(m.group("m") or m.group("m2") or m.group("m3"))[0]]
            if model.label in labs:
                continue  # "for the Velvetine model": a lab's model, below
            if (bid, score) in seen or model.label in scored or (score.is_integer() and 1900 <= score <= 2100):
                continue
            seen.add((bid, score))
            scored.add(model.label)
            hits.append(ResultHit(model, sent.slots[bid], score, None, sent, "model-paren-score"))
        for m in _COMPARED_CHAIN.finditer(t):  # "..., compared to ⟪M2⟫'s 23.0% and ⟪M3⟫'s 30.1%"
            for item in _CHAIN_ITEM.finditer(m.group("items")):
                model, score = sent.slots[int(item.group(1))], float(item.group(2))
                if (bid, score) not in seen and model.label not in scored and model.label not in labs:
                    seen.add((bid, score))
                    scored.add(model.label)
                    hits.append(ResultHit(model, sent.slots[bid], score, None, sent, "compared-chain"))
        for m in _WHICH_HELD.finditer(t):
            model, score = sent.slots[_ids(m.group("m"))[0]], float(m.group("score"))
            if (bid, score) not in seen and model.label not in scored:
                seen.add((bid, score))
                scored.add(model.label)
                hits.append(ResultHit(model, sent.slots[bid], score, None, sent, "relative-clause-score"))
        for m in _FOR_THE_LABS_MODEL.finditer(t):
            lab = sent.slots[_ids(m.group("o"))[0]].label
            theirs = {sent.slots[int(x.group(1))].label: sent.slots[int(x.group(1))]
                      for x in re.finditer(r"⟪O\d+⟫['’]s?\s+⟪[MF](\d+)⟫", t)
                      if sent.slots[_ids(x.group())[0]].label == lab}
            score = float(m.group("score"))
            if len(theirs) == 1 and (bid, score) not in seen:
                seen.add((bid, score))
                hits.append(ResultHit(next(iter(theirs.values())), sent.slots[bid], score, None, sent,
                                      "for-the-labs-model"))
    if context_bench is not None and "⟪B" not in t:
        hits.extend(_context_results(sent, context_bench))
    return hits


_SCORE_NUM = r"\d+(?:\.\d+)?\s*%?"
#: "⟪M1⟫ improves ⟪B2⟫ from 60.1 to 64.2 (over ⟪M3⟫)", "⟪M1⟫ lifts its ⟪B2⟫ score from 60.1% to 64.2%"
_FROM_TO_SCORES = re.compile(
    r"(?P<m>⟪[MF]\d+⟫)\s+(?:[\w-]+\s+){0,2}?(?:improv(?:es|ed|ing)|rais(?:es|ed|ing)|boost(?:s|ed|ing)|"
    r"lift(?:s|ed|ing)|push(?:es|ed|ing)|increas(?:es|ed|ing)|bump(?:s|ed|ing))\s+(?:its\s+|the\s+)?"
    r"(?P<b>⟪B\d+⟫)(?:\s+(?:score|accuracy|result|pass@1))?\s+from\s+(?P<from>\d+(?:\.\d+)?)\s*%?\s+to\s+"
    r"(?P<to>\d+(?:\.\d+)?)(?![\w.,]\d)(?:\s*%)?(?:\s+(?:over|compared\s+(?:to|with)|relative\s+to|versus|vs\.?)\s+"
    r"(?:the\s+)?(?P<m2>⟪[MF]\d+⟫))?", re.IGNORECASE)
#: "⟪M1⟫ scores 64.3 and 52.1 on ⟪B2⟫ and ⟪B3⟫, respectively"
_RESPECTIVE_SCORES = re.compile(
    r"(?P<m>⟪[MF]\d+⟫)\s+(?:(?:[\w-]+\s+){0,3}?(?:scor(?:es|ed|ing)|achiev(?:es|ed|ing)|reach(?:es|ed|ing)|"
    r"obtain(?:s|ed|ing)|post(?:s|ed|ing)|get(?:s|ting)?|got|hit(?:s|ting)?|record(?:s|ed|ing))\s+"
    r"(?:scores\s+of\s+)?|[^⟪.;]{0,100}?\bwith\s+(?:scores|accuracies)\s+of\s+)"  # "..., with scores of 40% and 45%"
    r"(?:up\s+to\s+)?(?P<scores>" + _SCORE_NUM + r"(?:\s*,\s*" + _SCORE_NUM + r")*,?\s+and\s+" + _SCORE_NUM + r")"
    r"\s+(?:on|in|for)\s+(?P<benches>⟪B\d+⟫(?:\s*,\s*⟪B\d+⟫)*,?\s+and\s+⟪B\d+⟫),?\s+respectively\b",
    re.IGNORECASE)
#: "⟪M1⟫ (⟪B2⟫ 85.2, ⟪B3⟫: 74.1)": scores in brackets right after a model
_PAREN_BENCH_SCORES = re.compile(r"(?P<m>⟪[MF]\d+⟫)\s*\((?P<inner>\s*⟪B\d+⟫\s*[:=]?\s*\d[^()]{0,120})\)")
_BENCH_SCORE_PAIR = re.compile(r"(?P<b>⟪B\d+⟫)\s*[:=]?\s*(?P<score>\d+(?:\.\d+)?)\s*%?(?=\s*(?:[,;/]|and\b|$))")
#: "82.1 for the ⟪O1⟫ model": the model of that lab the sentence named ("⟪O1⟫'s ⟪M2⟫")
_FOR_THE_LABS_MODEL = re.compile(
    r"(?<![\w.,$€£])(?P<score>\d+(?:\.\d+)?)\s*(?:%|percent|points)?\s+for\s+the\s+(?P<o>⟪[OM]\d+⟫)\s+"
    r"(?:model|system|chatbot|entry)\b", re.IGNORECASE)
#: one score on two benchmarks: "89.1 on both ⟪B1⟫ and ⟪B2⟫"
_ON_BOTH = re.compile(r"(?<![\w.,$€£#])" + _SCORE + r"(?![\w.,]\d)\s*(?:%|percent)?\s+on\s+both\s+(?:the\s+)?"
                      r"(?P<pair>⟪B\d+⟫\s+and\s+(?:the\s+)?⟪B\d+⟫)", re.IGNORECASE)
#: one model of a list held up for comparison, with its score: "⟪M1⟫'s 23.0%", "⟪O1⟫'s ⟪M2⟫ at 72.1"
_ITEM = r"(?:⟪O\d+⟫['’]s?\s+)?⟪[MF]{id}⟫(?:['’]s?\s+|\s+(?:at|with)\s+){score}(?![\w.,]\d)\s*(?:%|percent|points)?"
_CHAIN_ITEM = re.compile(_ITEM.format(id=r"(\d+)", score=r"(\d+(?:\.\d+)?)"))
#: the models a score is compared with, each with its own score: "compared to ⟪M1⟫'s 23.0%",
#: "ahead of ⟪M1⟫ at 72.1 and ⟪M2⟫ at 54.7", "well above ⟪M1⟫'s 67% and ⟪M2⟫'s 74.4%"
_COMPARED_CHAIN = re.compile(
    r"\b(?:ahead\s+of|behind|above|below|over|versus|vs\.?|against|than|compared\s+(?:to|with)|beating|"
    r"surpassing|outperforming|trailing)\s+(?:the\s+)?(?P<items>{item}(?:\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?"
    r"{item})*)".format(item=_ITEM.format(id=r"\d+", score=r"\d+(?:\.\d+)?")), re.IGNORECASE)
#: "⟪M1⟫, which had held first place with 85.3": a relative clause giving the model's score
_WHICH_HELD = re.compile(
    r"(?P<m>⟪[MF]\d+⟫),\s+(?:which|who)\s+[^⟪;,]{0,40}?\b(?:with|at)\s+(?:a\s+score\s+of\s+)?"
    r"(?P<score>\d+(?:\.\d+)?)(?![\w.,]\d)", re.IGNORECASE)
#: a model with its score: "⟪M1⟫ (62.6)", "83.7% for ⟪M1⟫"
_MODEL_PAREN_SCORE = re.compile(
    r"(?P<m>⟪[MF]\d+⟫)\s*\(\s*(?P<score>\d+(?:\.\d+)?)\s*(?:%|percent|points)?\s*\)"
    r"|(?:ahead\s+of|behind|above|below|trailing|versus|vs\.?|over)\s+(?:the\s+)?(?P<m3>⟪[MF]\d+⟫)\s+"
    r"(?:at|with)\s+(?:a\s+score\s+of\s+)?(?P<score3>\d+(?:\.\d+)?)(?![\w.,]\d)"
    r"|(?<![\w.,$€£])(?P<score2>\d+(?:\.\d+)?)\s*(?:%|percent|points)?\s+for\s+(?:the\s+)?(?P<m2>⟪[MF]\d+⟫)",
    re.IGNORECASE)


def _model_list_before(t: str, sent: SentenceTemplate, at: int, n: int) -> list[Mention]:
    """The last list of exactly ``n`` models before ``at`` that is not held up for comparison."""
    best: list[Mention] = []
    for m in re.finditer(LIST, t[:at]):
        ids = _ids(m.group())
        if len(ids) == n and not _COMPARISON_BEFORE.search(t[max(0, m.start() - 40):m.start()]):
            best = [sent.slots[i] for i in ids]
    return best


def _context_results(sent: SentenceTemplate, context_bench: Callable[[str], Mention | None]) -> list[ResultHit]:
    """Scores stated with a metric but no benchmark: the benchmark the document ties the metric to."""
    t = sent.template
    out: list[ResultHit] = []
    for m in _MODEL_SCORE.finditer(t):
        if m.group("m2"):
            bench = context_bench(m.group("metric").lower())
            if bench is not None:
                out.append(ResultHit(sent.slots[_ids(m.group("m2"))[0]], bench, float(m.group("score2")),
                                     m.group("metric").lower(), sent, "metric-context"))
            continue
        score = float(m.group("score"))
        if m.group("pct") or not score.is_integer() or not 800 <= score <= 2000:
            continue  # an arena rating is a four-digit whole number
        bench = context_bench("elo")
        if bench is not None:
            out.append(ResultHit(sent.slots[_ids(m.group("m"))[0]], bench, score, "Elo", sent, "elo-context"))
    previous = context_bench("previous") if not out else None
    if previous is not None:
        # "... achieving record scores on ⟪B1⟫. ⟪M2⟫ scored 76.2%; ⟪M3⟫, a smaller model, reached 68.7%."
        for m in _SCORED_AFTER.finditer(t):
            score = m.group("score")
            if m.group("pct") or "." in score:
                out.append(ResultHit(sent.slots[_ids(m.group("m"))[0]], previous, float(score), None, sent,
                                     "previous-benchmark"))
    return out


#: a model and the score it got, in a sentence right after one that named the benchmark
_SCORED_AFTER = re.compile(
    r"(?:^(?:⟪O\d+⟫['’]s?\s+)?|[;,]\s+(?:and\s+|while\s+|whereas\s+)?|\b(?:and|while|whereas)\s+)(?P<m>⟪[MF]\d+⟫)(?:\s*,[^,⟪;]{1,40},)?\s+"
    r"(?:also\s+|only\s+)?(?:scored|scores|reached|reaches|achieved|achieves|posted|posts|got|gets|hit|hits|"
    r"managed|recorded|attained|earned|(?:sits|sat|ranks|ranked|comes|came|places|placed|lands|landed|finishes|"
    r"finished)(?:\s+\w+)?\s+(?:at|with))\s+(?:an?\s+|a\s+score\s+of\s+)?(?P<score>\d+(?:\.\d+)?)(?![\w.,]\d)"
    r"\s*(?P<pct>%|percent)?(?!\s*(?:%|percent)?\s*(?:[\w-]+\s+){0,2}?(?:on|in|at|for|of)\s)", re.IGNORECASE)


def _key(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower())


#: a sentence about scores (its benchmark may be the one of the next sentence's scores)
_SCORE_WORDS = re.compile(r"\b(?:scores?|scored|scoring|results?|accuracy|performance|leads?|beats?|"
                          r"outperform\w*|surpass\w*|leaderboard|rating|elo|benchmark(?:ed|s)?)\b", re.IGNORECASE)


#: benchmarks of code, the ones a bare "pass@1" refers to
_CODE_BENCH = re.compile(r"humaneval|mbpp|multipl|livecodebench|apps\b|ds-1000|cruxeval|bigcodebench|code",
                         re.IGNORECASE)


class MetricContext:
    """Which benchmark a metric stated without one refers to, as the document has it so far.

    "Elo" is the one arena-style leaderboard the document names (anywhere), when this sentence or
    the one before speaks of Elo; "pass@k" is the coding benchmark it named last.
    """

    def __init__(self, mentions: Sequence[Mention]) -> None:
        arenas = {m.label: m for m in mentions if m.type == "Benchmark" and re.search(r"arena", m.label, re.IGNORECASE)}
        self.arena = next(iter(arenas.values())) if len(arenas) == 1 else None
        self.code: Mention | None = None
        self.elo_at = -10
        self.mentions = sorted(mentions, key=lambda m: m.start)
        #: the benchmarks of the sentence before the current one, and of the current one
        self.before: list[Mention] = []
        self.here: list[Mention] = []
        self.before_scores = self.here_scores = False

    def __call__(self, metric: str) -> Mention | None:
        """The benchmark ``metric`` ("elo", "pass@1") refers to in the current sentence, or None;
        "previous": the one benchmark the sentence before named."""
        if metric == "elo":
            return self.arena if self.elo_at >= self.index - 1 else None
        if metric.startswith("pass@"):
            return self.code
        if metric == "previous":  # the one benchmark a sentence about scores named just before
            labels = {m.label: m for m in self.before}
            return next(iter(labels.values())) if len(labels) == 1 and self.before_scores else None
        return None

    index = 0

    def observe(self, sent: SentenceTemplate) -> None:
        """Read a sentence (before its results are found): its index, Elo, its benchmarks."""
        if sent.index != self.index:
            self.before = self.here if sent.index == self.index + 1 else []
            self.before_scores = self.here_scores and sent.index == self.index + 1
            self.here = []
        self.here_scores = bool(_SCORE_WORDS.search(sent.template))
        self.index = sent.index
        if re.search(r"\b(?:elo|ratings?)\b", sent.template, re.IGNORECASE):
            self.elo_at = sent.index
        for m in _SLOT.finditer(sent.template):
            mention = sent.slots[int(m.group(2))]
            if m.group(1) == "B":
                self.here.append(mention)
                if _CODE_BENCH.search(mention.label):
                    self.code = mention

    def of_size(self, size: int) -> Mention | None:
        """The one model of the text whose name states this size ("the 32B student")."""
        found = {m.label: m for m in self.mentions if m.type == "Model" and name_sizes(m.label)[0] == size}
        return next(iter(found.values())) if len(found) == 1 else None

    def model_of(self, mention: Mention) -> Mention | None:
        """The model a lab or line name stands for where a score is given ("ahead of DeepSeek's
        61.5", "Claude at 74.6"): the one model of the text whose name starts with it, named in
        full before it, when the short name was not used on its own before that."""
        if mention.type == "Model":
            return mention
        key = _key(mention.label)
        full = [m for m in self.mentions if m.type == "Model" and m.start < mention.start and
                _key(m.label).startswith(key) and len(_key(m.label)) > len(key)]
        if not key or len({m.label for m in full}) != 1:
            return None
        if mention.type != "Organization" and any(
                _key(m.label) == key and m.type != "Organization" and m.start < full[0].start for m in self.mentions):
            return None  # "Brisa-3 ... Brisa-3-Chat ... Brisa-3 scores": the line itself
        return full[0]


#: "a hosted premium edition called ⟪M1⟫", "a lighter variant dubbed ⟪M1⟫": a description the text
#: may use again for the model ("the premium edition reached ...")
_DESCRIBED_AS = re.compile(
    r"\b(?:an?|the|its)\s+(?:(?:more|less|much|even)\s+)?(?P<desc>(?:[a-z][\w-]*\s+){1,2}?)"
    r"(?P<noun>version|variant|edition|model|sibling)\s*,?\s+(?:named|called|dubbed|branded|known\s+as)\s+"
    r"(?P<m>⟪[MF]\d+⟫)", re.IGNORECASE)
_DESC_STOP = frozenset("""a an the its their more less much even new open open-source open-weight
    smaller larger bigger small large""".split())


def learn_descriptions(sent: SentenceTemplate, aliases: dict[str, Mention]) -> None:
    """Remember the descriptions the sentence gives its models ("premium edition" -> X).

    Size words ("smaller", "large") are not kept: "the smaller version" is too often another one.
    """
    for m in _DESCRIBED_AS.finditer(sent.template):
        words = [w for w in m.group("desc").lower().split() if w not in _DESC_STOP]
        if words:
            aliases[f"{words[-1]} {m.group('noun').lower()}"] = sent.slots[_ids(m.group("m"))[0]]


def with_descriptions(sent: SentenceTemplate, aliases: dict[str, Mention]) -> SentenceTemplate:
    """Read "the premium edition" as the model the text described so (see
    :func:`learn_descriptions`): its slot takes the phrase's place in the template."""
    if not aliases:
        return sent
    pattern = re.compile(r"\bthe\s+(" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in aliases) +
                         r")\b(?!\s+(?:named|called|dubbed|branded|known))", re.IGNORECASE)
    m = pattern.search(sent.template)
    if m is None:
        return sent
    model = aliases[" ".join(m.group(1).lower().split())]
    sid = 20_000_000 + sent.index
    slot = f"⟪{'F' if model.type == 'ModelFamily' else 'M'}{sid}⟫"
    return replace(sent, template=sent.template[:m.start()] + slot + sent.template[m.end():],
                   slots={**sent.slots, sid: model},
                   offsets=sent.offsets[:m.start()] + (sent.offsets[m.start()],) * len(slot) +
                   sent.offsets[m.end():])
