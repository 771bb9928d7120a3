"""From an annotated spaCy ``Doc`` to an :class:`~ingest.records.Extraction` (pure functions).

Besides collecting what the components found, this applies the document-level rules:

- a model named "<family> <variant>" is a member of that family when the family is in the text;
- families of one stem with consecutive versions ("Llama 3", "Llama 4") follow each other when
  the text speaks of succession (predecessor, next generation, ...);
- a model card's front matter (``base_model``, ``base_model_relation``, ``license``) gives
  lineage edges, and its Markdown results tables give benchmark results.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from kg.terms import name_key

from .collect import Collector as _Collector
from .collect import evidence_for
from .collect import sentence_bounds_of as _sentence_bounds
from .collect import sentence_evidence as _sentence_evidence
from .components.claims import ClaimHit
from .components.entities import Mention
from .components.relation_model import extra_relations
from .components.relations import (
    COMPARISON_CUES,
    AttributeHit,
    RelationHit,
    ResultHit,
    SentenceTemplate,
    find_attributes,
    name_sizes,
    parse_number,
)
from .components.resolution import resolve_entities
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import NAME_SUFFIX_WORDS, ORG_SUFFIXES, TITLE_WORDS, VARIANT_WORDS, is_non_entity
from .lexicon import SIZE_PART as _SIZE_PART
from .lexicon import name_parts as _name_parts
from .normalise import read_tables
from .records import (
    Attribute,
    Claim,
    CodeBlock,
    Document,
    Entity,
    EntityRef,
    Extraction,
    LinkHint,
    Relation,
    Release,
    Result,
    Table,
)
from .tables import main_model, table_abbreviations, tables

__all__ = ["doc_to_extraction", "evidence_for"]

_SUCCESSION_CUES = re.compile(
    r"\b(?:successor|predecessor|previous|prior|earlier|next[- ]generation|follow(?:s|ed|-up)|"
    r"progression|upgrade|new version|improve(?:s|d|ment)? (?:on|over)|builds on|generation|"
    r"next iteration)\b",
    re.IGNORECASE)
_CARD_RELATIONS = {"finetune": "fineTunedFrom", "fine-tune": "fineTunedFrom",
                   "adapter": "adapterOf", "quantized": "quantizedFrom", "merge": "mergedFrom",
                   "distillation": "distilledFrom", "distilled": "distilledFrom"}


def _entity_type(types: set[str]) -> str:
    if "ModelFamily" in types:
        return "ModelFamily"
    for t in ("Model", "Organization", "Person", "Benchmark", "Hardware", "UnnamedAgent"):
        if t in types:
            return t
    return sorted(types)[0]


def doc_to_extraction(doc: Doc, document: Document, *, gazetteer: Gazetteer | None = None,
                      table_records: Sequence[Table] | None = None,
                      hints: Sequence[LinkHint] = (),
                      code_blocks: Sequence[CodeBlock] = ()) -> Extraction:
    """Collect the components' findings and apply the document-level rules.

    Args:
        doc: the ``Doc`` the llmkg pipeline annotated.
        document: the source record (its text is ``doc.text``).
        gazetteer: known names (for tables and front matter); the bundled one by default.
        table_records: the tables of the text (:func:`ingest.normalise.normalise` read them);
            by default they are read from ``doc.text`` (:func:`ingest.normalise.read_tables`).
        hints: the link targets normalisation kept; a link to a model repository names a model
            and its publisher (:func:`_link_models`).
        code_blocks: the fenced code normalisation kept out of the text (a merge card's
            configuration names the merged models).
    """
    gaz = gazetteer or load_gazetteer()
    bounds = _sentence_bounds(doc)
    col = _Collector(document, bounds)
    records = read_tables(doc.text) if table_records is None else table_records
    mentions: list[Mention] = table_abbreviations(list(doc._.llmkg_mentions or []), records)
    for m in mentions:
        col.entity(m)

    # a model card's sentence that names no model ("The recommended context length is 8k") is about
    # the card's model, not the last model the card listed (a merge's parts, a base)
    card_model = main_model(col, mentions, gazetteer or load_gazetteer()) \
        if document.doc_type == "ModelCard" else None
    hits: list[RelationHit] = doc._.llmkg_relations or []
    # the learned relation classifier, measured and off unless LLMKG_RELATION_MODEL names one
    hits = hits + extra_relations(doc._.llmkg_templates or [], hits)
    distils = _DISTILLS.search(col.text[:4000]) is not None
    sentences = {t.index: t.text for t in doc._.llmkg_templates or []}
    for h in hits:
        ev = evidence_for(col.text, h.sent.start, h.sent.end, rule=h.rule, confidence=h.confidence)
        subject = _this_model(h, card_model, col.text)
        # "produces a ⟪M1⟫ model from ⟪M2⟫" in a paper whose opening says it distils: a student
        predicate = "distilledFrom" if h.rule == "produces-from" and distils or \
            h.rule in _PRUNE_RULES and _distilled_after(h.sent.index, sentences) else h.predicate
        col.relation(col.entity(subject), predicate, col.entity(h.object), ev)

    has_value = {(k[0], k[1]) for k in col.attributes}  # one value per model and property
    for a in doc._.llmkg_attributes or []:
        a: AttributeHit  # type: ignore[no-redef]
        if card_model is not None and card_model.type in ("Model", "ModelFamily") and "+" not in a.rule and (
                not _ABOUT_THE_BASE.search(a.sent.template) and not re.search(r"⟪[MF]\d+⟫", a.sent.template)
                or _speaks_of_the_card(a.sent, col.text) and _own_number(a)):
            a = replace(a, subject=card_model)
        if a.subject.type not in ("Model", "ModelFamily"):
            continue
        ref = col.entity(a.subject)
        key = (ref, a.property, a.value)
        if key not in col.attributes and (ref, a.property) not in has_value:
            col.attributes[key] = Attribute(ref, a.property, a.value, evidence_for(
                col.text, a.sent.start, a.sent.end, rule=a.rule))
            has_value.add((ref, a.property))

    if card_model is not None and card_model.type in ("Model", "ModelFamily"):
        _card_own_numbers(col, list(doc._.llmkg_templates or []), card_model, has_value)

    for r in doc._.llmkg_results or []:
        r: ResultHit  # type: ignore[no-redef]
        if r.model.type not in ("Model", "ModelFamily"):
            continue
        key = (col.entity(r.model), col.entity(r.benchmark), r.score)
        col.results.setdefault(key, Result(key[0], key[1], r.score, evidence_for(
            col.text, r.sent.start, r.sent.end, rule=r.rule), metric=r.metric))

    for c in doc._.llmkg_claims or []:
        c: ClaimHit  # type: ignore[no-redef]
        claimant = col.entity(c.claimant)
        about = tuple(col.entity(a) for a in c.about)
        col.claims.append(Claim(claimant, c.stance, about, c.content, evidence_for(
            col.text, c.sent.start, c.sent.end, rule=c.rule, confidence=0.8), topic=c.topic))

    _unnamed_students(col, list(doc._.llmkg_templates or []), mentions, distils)
    _claims_are_not_facts(col)
    mentions += _link_models(col, mentions, hints, gaz)
    _family_membership(col, mentions)
    _tuned_variants(col, mentions)
    _version_succession(col, mentions)
    _vendor_voice(col, list(doc._.llmkg_templates or []), mentions)
    _lab_in_name(col, mentions)
    _developer_propagation(col, mentions, gaz)
    _known_line_developer(col, mentions, gaz)
    _model_card(col, mentions, gaz)
    _merge_parts(col, mentions, gaz, code_blocks)
    tables(col, mentions, gaz, records, hints)
    _authors(col, mentions)
    _vendor_claims(col, list(doc._.llmkg_templates or []), mentions, gaz)
    _claims_about_the_title_model(col, mentions, gaz)
    _releases(col, list(doc._.llmkg_templates or []))
    _publishers(col, mentions, gaz)
    _front_matter_datasets(col)
    resolve_entities(col, gaz, mentions)

    entities = []
    for slot in col.entities.values():
        types = set(slot["types"])
        main = _entity_type(types)
        if main == "ModelFamily":
            types = {"ModelFamily", "Model"}
        entities.append(Entity(EntityRef(main, slot["label"]), frozenset(types),
                               frozenset(slot["alts"]), tuple(slot["evidence"])))
    # a reference made before a model was known to be a family: give it the entity's type
    family = {name_key(e.ref.label) for e in entities if e.ref.type == "ModelFamily"}

    def fix(r: EntityRef) -> EntityRef:
        if r.type == "Model" and name_key(r.label) in family:
            return EntityRef("ModelFamily", r.label)
        return r

    relations = tuple(sorted({Relation(fix(r.subject), r.predicate, fix(r.object), r.evidence)
                              for r in col.relations.values()},
                             key=lambda r: (r.subject, r.predicate, r.object)))
    attributes = tuple(Attribute(fix(a.subject), a.property, a.value, a.evidence)
                       for a in col.attributes.values())
    results = tuple(Result(fix(r.model), fix(r.benchmark), r.score, r.evidence, r.metric,
                           r.reported_by) for r in col.results.values())
    claims = tuple(Claim(fix(c.claimant), c.stance, tuple(fix(a) for a in c.about), c.content,
                         c.evidence, c.proposition, c.topic) for c in col.claims)
    releases = tuple(Release(fix(r.subject), r.evidence) for r in col.releases.values())
    return Extraction(document=document, entities=tuple(sorted(entities, key=lambda e: e.ref)),
                      relations=relations, attributes=attributes, results=results, claims=claims,
                      releases=releases)


_HEDGE = re.compile(
    r"\b(?:would|might|hypothetical(?:ly)?|rumou?r(?:s|ed)?|reportedly|supposedly|allegedly|alleg(?:e|es|ed|ation|ations)|"
    r"speculat\w*|(?:is|are|was|were)\s+(?:expected|said|believed|thought)\s+to|if\s+\w+\s+were|"
    r"could\s+(?:be|have|become)|may\s+(?:be|have|become))\b")


#: a document about distilling models: its title or abstract says so
_DISTILLS = re.compile(r"\b(?:distill?(?:ed|ing|s)?|distillation)\b", re.IGNORECASE)
#: the rules that read "X was obtained by pruning Y"
_PRUNE_RULES = frozenset({"dep-verb-prune"})


def _distilled_after(index: int, sentences: dict[int, str]) -> bool:
    """Whether the pruning sentence ``index`` or one of the two after it names distillation: a
    pruned model retrained by distilling its original ("obtained by pruning Y, followed by a
    retraining with distillation") is Y's student."""
    return any(_DISTILLS.search(sentences.get(index + k, "")) for k in range(3))


#: "yields a strong 4B model from ⟪M1⟫": a model of the text named by its size only
_SIZED_FROM = re.compile(
    r"\b(?:produc(?:es|ed|ing)|yield(?:s|ed|ing)?|obtain(?:s|ed|ing)?|compress(?:es|ed|ing)?\s+into)\s+"
    r"(?:[^.;]{0,120}?\band\s+)?(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>[BM])\s+"
    r"(?:parameter\s+)?model\s+from\s+(?:the\s+)?⟪[MF](?P<o>\d+)⟫")


def _unnamed_students(col: _Collector, templates: list[SentenceTemplate], mentions: list[Mention],
                      distils: bool) -> None:
    """ "The recipe yields a 4B model from Foo 2 8B": the models of the text whose names carry
    the source's line and that size ("Foo-2-Pruned-4B-Base") were made from it (distilled, where
    the document distils)."""
    for sent in templates:
        for m in _SIZED_FROM.finditer(sent.template):
            source = sent.slots.get(int(m.group("o")))
            size = parse_number(m.group("num"), m.group("unit"))
            if source is None or size is None:
                continue
            line = name_key(re.sub(r"[\s-]*\d+(?:\.\d+)?[BM]\b.*$", "", source.label))
            if len(line) < 3:
                continue
            made = {x.label: x for x in mentions if x.type == "Model" and x.label != source.label
                    and name_key(x.label).startswith(line) and name_sizes(x.label)[0] == size}
            ev = evidence_for(col.text, sent.start, sent.end, rule="produces-sized-from", confidence=0.7)
            predicate = "distilledFrom" if distils else "derivedFrom"
            for x in made.values():
                col.relation(col.entity(x), predicate, col.entity(source), ev)


def _card_own_numbers(col: _Collector, templates: list[SentenceTemplate], card_model: Mention,
                      has_value: set[tuple[EntityRef, str]]) -> None:
    """A card's sentence about its own model ("This model is a 3B chat model", "It reads 8K
    tokens") gives the card's model the numbers the sentence's own reading found no owner for
    (the last model named before it is a base, a merge's part). The numbers it did bind are
    moved to the card's model in ``doc_to_extraction`` by the same test, ``_speaks_of_the_card``."""
    ref = col.entity(card_model)
    for sent in templates:
        if not _speaks_of_the_card(sent, col.text) or _ABOUT_THE_BASE.search(sent.template):
            continue
        for a in find_attributes(sent, card_model):
            if a.subject.label != card_model.label or (ref, a.property) in has_value:
                continue
            col.attributes[(ref, a.property, a.value)] = Attribute(ref, a.property, a.value, evidence_for(
                col.text, a.sent.start, a.sent.end, rule=a.rule + "+card-pronoun"))
            has_value.add((ref, a.property))


#: a sentence about the model a card's model was made from ("The original model has 8B parameters")
_ABOUT_THE_BASE = re.compile(r"\bthe\s+(?:[\w-]+\s+)?(?:base|original|parent|teacher|unquantized|"
                             r"full-precision)(?:\s+(?:model|checkpoint|version|weights))?\b(?![-\w])",
                             re.IGNORECASE)


#: a card's sentence about its own model: "This model is an 8B chat LLM we tuned ... from X",
#: "It follows X's chat template and reads 8K tokens by default", "Context length for this model:"
_CARD_OWN = re.compile(r"\b(?:this|our)\s+model\b|^\W*(?:the\s+model|it)\b", re.IGNORECASE)


def _own_number(a: AttributeHit) -> bool:
    """Whether a card's sentence about its own model gives the number to it: written before any
    other model ("an 8B chat LLM we tuned ... from X"), or not the size of the model it was
    bound to ("X's chat template, 8K tokens by default"; but "on par with the strongest tune of
    Kestrel-34B ... vs. 34B" is Kestrel-34B's)."""
    t = a.sent.template
    other = next((m.start() for m in re.finditer(r"⟪[MF](\d+)⟫", t) if int(m.group(1)) < 10_000_000), len(t))
    for m in _NUMBER_WORD.finditer(t, 0, other):
        n = parse_number(m.group(1), m.group(2))
        if n is not None and abs(n - a.value) <= 0.03 * max(n, a.value):
            return True
    total, active = name_sizes(a.subject.label)
    own = active if a.property == "activeParameters" else total if a.property == "totalParameters" else None
    return own is None or abs(own - a.value) > 0.06 * max(own, a.value)


_NUMBER_WORD = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*(B|M|K|T|billion|million|thousand|k)?(?![\w.])",
                          re.IGNORECASE)


#: how a card opens a sentence about its own model
_THIS_MODEL = re.compile(r"\W*(?:this|the)\s+(?:model|merge)\b", re.IGNORECASE)


def _this_model(h: RelationHit, card_model: Mention | None, text: str) -> Mention:
    """The subject of a relation a card states of "This model" ("This model was merged using the
    X method using Y as a base"): the card's model, not the last model the card named before
    (a prompt format's family, a table's column)."""
    slot = re.match(r"⟪[MF](1\d{7})⟫", h.sent.template)
    if card_model is None or card_model.type not in ("Model", "ModelFamily") or slot is None or \
            h.sent.slots.get(int(slot.group(1))) is not h.subject or \
            not _THIS_MODEL.match(text, h.sent.start) or h.object.label == card_model.label or \
            _ORIGINAL_CARD.search(text, 0, h.sent.start):
        return h.subject
    return card_model


#: a quantizer's or mirror's copy of the original card, under its own heading: what it says of
#: "this model" is the original's
_ORIGINAL_CARD = re.compile(r"(?im)^\W*original\s+model(?:'s)?\s+card\b")


def _front_matter_datasets(col: _Collector) -> None:
    """A card's front matter lists the data it was trained on (``datasets: [owner/name, ...]``):
    those names in its text ("We trained on owner/sheets-sft-50k") are data sets, not models;
    they go with what was said of them."""
    front = col.document.metadata.get("front_matter")
    data = front.get("datasets") if isinstance(front, dict) else None
    names = [data] if isinstance(data, str) else data if isinstance(data, list) else []
    keys = {name_key(n.split("/")[-1]) for n in names if isinstance(n, str) and n.strip()}
    keys.discard("")
    doomed = {slot["label"] for (kind, key), slot in col.entities.items() if kind == "model" and key in keys}
    if not doomed:
        return
    col.entities = {k: v for k, v in col.entities.items() if not (k[0] == "model" and k[1] in keys)}

    def gone(r: EntityRef) -> bool:
        return r.type in ("Model", "ModelFamily") and r.label in doomed
    col.relations = {k: r for k, r in col.relations.items() if not (gone(k[0]) or gone(k[2]))}
    col.attributes = {k: a for k, a in col.attributes.items() if not gone(k[0])}
    col.results = {k: r for k, r in col.results.items() if not (gone(k[0]) or gone(k[1]))}


def _speaks_of_the_card(sent: SentenceTemplate, text: str) -> bool:
    """Whether a card's sentence speaks of the card's own model before it names another (whose
    template, chat format or base it mentions in passing): its numbers are the card's model's.
    Not in a quantizer's copy of the original card, whose "this model" is the original."""
    template = sent.template
    own = _CARD_OWN.search(template) or re.match(r"⟪[MF]1\d{7}⟫", template)  # "It", read as a pronoun slot
    other = next((m for m in re.finditer(r"⟪[MF](\d+)⟫", template) if int(m.group(1)) < 10_000_000), None)
    return own is not None and (other is None or own.start() < other.start()) and \
        not _ORIGINAL_CARD.search(text, 0, sent.start)


def _claims_are_not_facts(col: _Collector) -> None:
    """Keep what is denied, speculated, rumoured or alleged out of the document's own voice.

    A relation or attribute stated in such a sentence is removed from the facts; the claim made
    in that sentence (if any) carries it as its proposition instead.
    """
    claim_at = {(c.evidence.start, c.evidence.end): i for i, c in enumerate(col.claims)}
    hedged: set[tuple[int, int]] = set()
    for (start, end), i in claim_at.items():
        c = col.claims[i]
        if c.stance in ("denies", "speculates", "reports") or c.claimant.type == "UnnamedAgent":
            hedged.add((start, end))
    for s, e in col.bounds:
        if _HEDGE.search(col.text[s:e]):
            hedged.add((s, e))
    if not hedged:
        return
    for key, rel in list(col.relations.items()):
        span = (rel.evidence.start, rel.evidence.end)
        if span in hedged and rel.predicate != "employer" and rel.evidence.rule != "name-in-family":
            del col.relations[key]
            i = claim_at.get(span)
            if i is not None and col.claims[i].proposition is None:
                col.claims[i] = replace(col.claims[i], proposition=(rel.subject, rel.predicate, rel.object))
    for akey, att in list(col.attributes.items()):
        if (att.evidence.start, att.evidence.end) in hedged:
            del col.attributes[akey]


#: the last mention list indexed by :func:`_first_mention`: (the list, its length, first mentions)
_FIRSTS: tuple[object, int, dict[str, Mention]] | None = None


def _first_mention(mentions: Iterable[Mention], label: str) -> Mention | None:
    """The first mention written in full ("Llama 4 Scout"), else the first of the label at all.

    A list of mentions is indexed once (asked once per mention, a scan each time was quadratic
    in the length of a long document).
    """
    global _FIRSTS
    if not isinstance(mentions, list):
        of_label = [m for m in mentions if m.label == label]
        full = [m for m in of_label if re.sub(r"\s+", " ", m.text) == label]
        return (full or of_label or [None])[0]
    cached = _FIRSTS
    if cached is None or cached[0] is not mentions or cached[1] != len(mentions):
        firsts: dict[str, Mention] = {}  # label: first in full; NUL + label: first at all
        for m in mentions:
            if re.sub(r"\s+", " ", m.text) == m.label:
                firsts.setdefault(m.label, m)
            firsts.setdefault("\0" + m.label, m)
        cached = _FIRSTS = (mentions, len(mentions), firsts)
    return cached[2].get(label) or cached[2].get("\0" + label)


_VERSION_PART = re.compile(r"^v?\d+(?:\.\d+)*$")
_QUANT_PART = re.compile(r"^(?:q\d\w*|iq\d\w*|w\d+a\d+|\d+bit|\d+-?bit)$")


def _family_membership(col: _Collector, mentions: list[Mention]) -> None:
    """A model named "<family> <variant>" belongs to the longest such family in the text (a line
    named "<family> <variant words>" too: "Qwen3-Max" of Qwen3).

    Not when the rest of the name carries a version of its own ("Gemini 1.5 Pro" is not a member
    of a bare "Gemini": it belongs to Gemini 1.5, named or not), and not for derivatives
    ("...-GGUF", "...-Int4", "...-Distill-8B"): a quantization or distillation is its own release.
    """
    from .components.entities import _DERIVATIVE_WORDS

    families = {m.label for m in mentions if m.type == "ModelFamily"}
    # model lines named without a size ("Llama 4 Maverick"): a sized name that extends one is
    # one of its variants ("Llama-4-Maverick-17B-128E-Instruct")
    lines = {m.label for m in mentions if m.type == "Model"
             and not any(_SIZE_PART.match(p) for p in _name_parts(m.label))}
    done: set[str] = set()
    for m in mentions:
        if m.type not in ("Model", "ModelFamily") or m.label in done:
            continue
        done.add(m.label)
        parts = _name_parts(m.label)
        if any(p in _DERIVATIVE_WORDS or _QUANT_PART.match(p) for p in parts):
            continue
        prefixes = [f for f in families
                    if len(_name_parts(f)) < len(parts) and parts[:len(_name_parts(f))] == _name_parts(f)
                    and (not any(_VERSION_PART.match(p) for p in parts[len(_name_parts(f)):])
                         or _dated(parts[len(_name_parts(f)):]))]
        if m.type == "ModelFamily":
            # a line of a family is its member too ("Qwen3-Max" of Qwen3), named by variant words;
            # so is a line of a model named without a size ("Code Llama - Python" of Code Llama)
            prefixes = [f for f in prefixes if all(p in VARIANT_WORDS for p in parts[len(_name_parts(f)):])]
            prefixes += [b for b in lines if b != m.label and 0 < len(_name_parts(b)) < len(parts)
                         and parts[:len(_name_parts(b))] == _name_parts(b)
                         and all(p in VARIANT_WORDS or p == "python" for p in parts[len(_name_parts(b)):])]
            if prefixes:
                fam = max(prefixes, key=len)
                ev = _sentence_evidence(col.text, col.bounds, (_first_mention(mentions, m.label) or m).start,
                                        "name-in-family", 0.75)
                col.relation(col.entity(m), "memberOfFamily",
                             EntityRef("ModelFamily" if fam in families else "Model", fam), ev)
            continue
        first = _first_mention(mentions, m.label) or m
        if prefixes:
            fam = max(prefixes, key=len)
            ev = _sentence_evidence(col.text, col.bounds, first.start, "name-in-family", 0.8)
            col.relation(col.entity(m), "memberOfFamily", EntityRef("ModelFamily", fam), ev)
        if m.type != "Model":
            continue
        # "Llama-4-Maverick-17B" of Llama 4 Maverick, "GPT-4-0613" of GPT-4 (a dated snapshot)
        bases = [b for b in lines | families if b != m.label and len(_name_parts(b)) < len(parts)
                 and parts[:len(_name_parts(b))] == _name_parts(b)
                 and (_dated(parts[len(_name_parts(b)):]) or b in lines and (any(
                     _SIZE_PART.match(p) for p in parts[len(_name_parts(b)):]) or _tiers(
                     parts[len(_name_parts(b)):]) or _builds(parts[len(_name_parts(b)):])
                     or _smaller_tier(parts[len(_name_parts(b)):])))]
        if bases and not (prefixes and len(_name_parts(max(prefixes, key=len))) >=
                          max(len(_name_parts(b)) for b in bases)):
            # (a model of a longer family is that family's: "Code Llama - Python 7B")
            base = max(bases, key=lambda b: len(_name_parts(b)))
            ref = EntityRef("ModelFamily" if base in families else "Model", base)
            ev = _sentence_evidence(col.text, col.bounds, first.start, "name-in-line", 0.75)
            col.relation(col.entity(m), "memberOfFamily", ref, ev)


#: a date stamp in a name: "0613" (MMDD), "20240513", "240513"
_DATE_PART = re.compile(
    r"^(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])$|^(?:20)?\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])$")


#: words of a mode of a model ("Grok 3 Reasoning Beta", "Grok 3 mini Reasoning"), not of a tuned
#: build (Instruct, Chat: fine-tuned from it, see ``_tuned_variants``); a smaller sibling
#: ("GPT-4o mini") is a variant only of a model the text names (``_smaller_tier``)
_MODE_WORDS = frozenset("reasoning thinking beta preview experimental".split())
_TIER_WORDS = _MODE_WORDS | frozenset("mini nano micro lite".split())


def _tiers(rest: list[str]) -> bool:
    """Whether the rest of a name is a mode, perhaps of a smaller tier: "reasoning beta",
    "mini reasoning", not "mini" alone."""
    return bool(rest) and all(p in _TIER_WORDS for p in rest) and any(p in _MODE_WORDS for p in rest)


def _smaller_tier(rest: list[str]) -> bool:
    """Whether the rest of a name is one smaller-tier word: "Grok-2 mini" is a variant of Grok-2
    when the text names Grok-2 (the caller only looks at models the text names)."""
    return len(rest) == 1 and rest[0] in ("mini", "nano", "micro", "lite")


def _builds(rest: list[str]) -> bool:
    """Whether the rest of a name is one word of a tuned build: "DBRX Instruct" is a build of DBRX
    (a variant of it, and fine-tuned, see :func:`_tuned_variants`); a base ("X-Base") is what
    X was tuned from, not counted as its variant."""
    return len(rest) == 1 and rest[0] in ("instruct", "chat", "it")


def _dated(rest: list[str]) -> bool:
    """Whether the rest of a name is a date stamp, then variant words: "0613", "03-26-experimental".

    >>> _dated(["0613"]), _dated(["03", "26", "experimental"]), _dated(["7b"]), _dated(["2", "5"])
    (True, True, False, False)
    """
    if not rest:
        return False
    if _DATE_PART.match(rest[0]):
        tail = rest[1:]
    elif len(rest) >= 2 and re.fullmatch(r"0[1-9]|1[0-2]", rest[0]) and \
            re.fullmatch(r"[0-2]\d|3[01]", rest[1]):
        tail = rest[2:]
    else:
        return False
    return all(p in VARIANT_WORDS or p in NAME_SUFFIX_WORDS for p in tail)


_TUNED_SUFFIX = re.compile(
    r"^(?P<base>.+?)[\s_-]+(?:instruct|chat|it|sft|rlhf|dpo|ft|fine-?tuned|finetuned)(?:[\s_-]+v?\d+(?:\.\d+)*)?$",
    re.IGNORECASE)
#: "<teacher>-Distill-<student line>": "Sedge-R1-Distill-Qwen-7B" was distilled from Sedge-R1
_DISTILL_NAME = re.compile(r"^(?P<base>.+?)[\s_-]+distill(?:ed)?(?:[\s_-].+)?$", re.IGNORECASE)
#: a quantized build named after its model: "X-GGUF", "X-AWQ", "X-Int4", "X-i1-GGUF" (weighted quants)
_QUANT_NAME = re.compile(
    r"^(?P<base>.+?)[\s_-]+(?:i\d[\s_-]+)?(?:gguf|ggml|awq|gptq|exl2|mlx|int4|int8|fp8|4bit|8bit|nf4)(?:[\s_-].*)?$",
    re.IGNORECASE)
#: a merge named after a model and its method: "X-SLERP", "X-TIES", "X-DARE"
_MERGE_NAME = re.compile(r"^(?P<base>.+?)[\s_-]+(?:slerp|ties|dare|merge)$", re.IGNORECASE)


def _tuned_variants(col: _Collector, mentions: list[Mention]) -> None:
    """Lineage a name states when the text also names the model it was made from.

    - "X-Instruct", "X Chat", "X-it" is fine-tuned from X (or from "X-Base" when the text names
      that and not X), unless X is a family the text calls a family ("the X model family":
      its Instruct is a member, see :func:`_family_membership`);
    - "X-Distill-Y-8B" is distilled from X;
    - "X-GGUF", "X-AWQ" is quantized from X; "X-SLERP", "X-TIES" is merged from X.
    """
    models = {name_key(m.label): m for m in mentions if m.type in ("Model", "ModelFamily")}
    for m in {m.label: m for m in models.values()}.values():
        label = m.label
        for rx, predicate, rule in ((_TUNED_SUFFIX, "fineTunedFrom", "tuned-variant-name"),
                                    (_DISTILL_NAME, "distilledFrom", "distilled-name"),
                                    (_QUANT_NAME, "quantizedFrom", "quantized-name"),
                                    (_MERGE_NAME, "mergedFrom", "merged-name")):
            tm = rx.match(label)
            if tm is None:
                continue
            base = models.get(name_key(tm.group("base")))
            if predicate == "fineTunedFrom":  # "X-Instruct" of "X-Base" when the text names it
                base = models.get(name_key(tm.group("base")) + "base") or base
            if base is None or base.label == label or (
                    predicate == "fineTunedFrom" and base.type == "ModelFamily"
                    and base.extra.get("family_noun")):
                continue
            first = _first_mention(mentions, label) or m
            ev = _sentence_evidence(col.text, col.bounds, first.start, rule, 0.7)
            col.relation(col.entity(m), predicate, col.entity(base), ev)
            break


def _developer_propagation(col: _Collector, mentions: list[Mention], gaz: Gazetteer | None = None) -> None:
    """Developers the text implies: a family's developer made its members; a model named after
    a lab of the text ("DeepSeek-R1" and DeepSeek, "Corvid-7B" and Corvid Labs) is that lab's.

    A line the gazetteer knows the maker of does not pass to another lab: a third party's
    extension named after its base ("Llama-2-7B-32K" by a hosting company) says nothing of who
    made "Llama 2", and its maker is not that of every "Llama" in the text.
    """
    lines = _developer_lines(gaz) if gaz is not None else {}

    def foreign(label: str, org: EntityRef) -> bool:
        known = _line_developer(label, lines)  # "Google" knows a line "Google DeepMind" made too
        return known is not None and known.split()[0].lower() != org.label.split()[0].lower()
    # (lookups by label, not scans: each scan of every relation per mention was quadratic in the
    # length of a long document)
    developed: dict[str, list[tuple[EntityRef, Relation]]] = {}
    for (subj, p, org), rel in col.relations.items():
        if p == "developedBy":
            developed.setdefault(subj.label, []).append((org, rel))
    members = [(s, o) for (s, p, o) in col.relations if p == "memberOfFamily"]
    for model, fam in members:
        for org, rel in developed.get(fam.label, ()):
            ev = replace(rel.evidence, rule="family-developer", confidence=0.7)
            col.relation(model, "developedBy", org, ev)
    has_developer = {s.label for (s, p, _o) in col.relations if p == "developedBy"}

    def add_developer(subj: EntityRef, org: EntityRef, ev: Any) -> None:
        col.relation(subj, "developedBy", org, ev)
        if (subj, "developedBy", org) in col.relations:
            has_developer.add(subj.label)
    # one model line, one developer: "Llama 2 7B" is Meta's when "Llama 2" is; not a model the
    # text only holds up for comparison ("outperforms Llama 2 70B"), whose maker it does not discuss
    stems: dict[str, tuple[EntityRef, Relation]] = {}
    for (subj, p, org), rel in list(col.relations.items()):
        if p == "developedBy" and not foreign(subj.label, org):
            stems.setdefault(_stem(subj.label), (org, rel))
    compared = _compared_only(col, mentions)
    for m in mentions:
        # a quantization ("X - GGUF") is its publisher's, whom the line's maker need not be
        if m.type in ("Model", "ModelFamily") and _stem(m.label) in stems and m.label not in compared \
                and not _QUANT_NAME.match(m.label):
            org, rel = stems[_stem(m.label)]
            if m.label not in has_developer and not foreign(m.label, org):
                add_developer(col.entity(m), org, replace(rel.evidence, rule="same-line-developer",
                                                          confidence=0.6))
    orgs = {}
    for m in mentions:
        if m.type == "Organization":
            orgs.setdefault(re.split(r"[\s-]+", m.label)[0].lower(), m)
            orgs.setdefault(re.split(r"[\s-]+", m.text)[0].lower(), m)
    if not orgs:
        return
    # a model whose repository another account publishes ("…/some-user/Mistral-Merge-7B") is that
    # account's work on the lab's model, not the lab's
    published = {m.label: str(m.extra["publisher"]) for m in mentions if m.extra.get("publisher")}
    for m in mentions:
        if m.type not in ("Model", "ModelFamily"):
            continue
        head = re.split(r"[\s-]+", m.label)[0].lower()
        org = orgs.get(head)
        if org is None or len(head) < 3:
            continue
        if m.label in has_developer:
            continue
        owner = name_key(published.get(m.label, ""))
        if owner and not (owner.startswith(name_key(org.label)) or name_key(org.label).startswith(owner)):
            continue
        first = _first_mention(mentions, m.label) or m
        ev = _sentence_evidence(col.text, col.bounds, first.start, "name-of-developer", 0.7)
        add_developer(col.entity(m), col.entity(org), ev)


def _lab_in_name(col: _Collector, mentions: list[Mention]) -> None:
    """A known lab's name written just before its model's is a name of the model too ("Google
    PaLM 2", "Anthropic Claude-instant-v1", "Meta Llama 3"), as readers and other documents write
    it (whose model it is, the relation rules say: ``org-adjacent``)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for org, m in zip(ordered, ordered[1:], strict=False):
        if org.type == "Organization" and org.rule.startswith("gazetteer") and \
                m.type in ("Model", "ModelFamily") and col.text[org.end:m.start] == " " and \
                not name_key(m.label).startswith(name_key(org.text)):
            col.entity(Mention(org.start, m.end, col.text[org.start:m.end], m.type, m.label, "lab-in-name"))


def _known_line_developer(col: _Collector, mentions: list[Mention], gaz: Gazetteer) -> None:
    """A model of a line the gazetteer knows the maker of ("Llama 3", "Grok 3", "Qwen-2.5") is that
    maker's, when the text names the maker too and does not only compare the model.

    The model's name must be the line's name with sizes, versions and variant words only: in
    "Llama 3.1-Nemotron-70B" another lab's brand follows, and it is not Meta's.
    """
    orgs = {m.label: m for m in mentions if m.type == "Organization"}
    if not orgs:
        return
    has_developer = {s.label for (s, p, _o) in col.relations if p == "developedBy"}
    compared = _compared_only(col, mentions)
    lines = _developer_lines(gaz)
    for m in mentions:
        if m.type not in ("Model", "ModelFamily") or m.label in has_developer or m.label in compared:
            continue
        parts = _name_parts(m.label)
        developer = None
        for k in range(len(parts), 0, -1):
            dev = lines.get(tuple(parts[:k]))
            if dev is not None:
                rest = parts[k:]
                if all(_SIZE_PART.match(p) or _VERSION_PART.match(p) or p in VARIANT_WORDS
                       or p in NAME_SUFFIX_WORDS or _DATE_PART.match(p) for p in rest):
                    developer = dev
                break
        if developer is None or developer not in orgs:
            continue
        first = _first_mention(mentions, m.label) or m
        ev = _sentence_evidence(col.text, col.bounds, first.start, "known-line-developer", 0.6)
        col.relation(col.entity(m), "developedBy", col.entity(orgs[developer]), ev)
        has_developer.add(m.label)


_LINES: dict[int, tuple[Gazetteer, dict[tuple[str, ...], str]]] = {}


def _line_developer(label: str, lines: dict[tuple[str, ...], str]) -> str | None:
    """The known maker of the longest gazetteer line a name starts with ("Llama-2-7B-32K": Meta's
    "Llama 2"), whatever follows it."""
    parts = _name_parts(label)
    for k in range(len(parts), 0, -1):
        dev = lines.get(tuple(parts[:k]))
        if dev is not None:
            return dev
    return None


def _developer_lines(gaz: Gazetteer) -> dict[tuple[str, ...], str]:
    """The name parts of every gazetteer model form with a known developer (cached)."""
    cached = _LINES.get(id(gaz))
    if cached is not None and cached[0] is gaz:
        return cached[1]
    lines = {tuple(_name_parts(form)): e.developer for e in gaz.entries if e.developer
             for form in e.forms}
    _LINES[id(gaz)] = (gaz, lines)  # type: ignore[assignment]
    return lines  # type: ignore[return-value]


_COMPARED = re.compile(rf"\b(?:{COMPARISON_CUES}|edges?\s+out|exceed\w*|baselines?)\b[^.;:]*$",
                       re.IGNORECASE)


def _compared_only(col: _Collector, mentions: list[Mention]) -> set[str]:
    """Labels of models named only as points of comparison: after "outperforms", "than", "vs"
    in their sentence, or in a table row."""
    seen: dict[str, bool] = {}
    starts = sorted(s for s, _e in col.bounds)  # the sentence start before a mention, by bisection
    for m in mentions:
        if m.type not in ("Model", "ModelFamily"):
            continue
        i = bisect_right(starts, m.start)
        start = max(starts[i - 1], 0) if i else 0
        line = col.text[col.text.rfind("\n", 0, m.start) + 1:m.start]
        before = col.text[max(start, m.start - 120):m.start]
        comp = line.lstrip().startswith("|") or bool(_COMPARED.search(before))
        seen[m.label] = seen.get(m.label, True) and comp
    return {label for label, comp in seen.items() if comp}


def _stem(label: str) -> str:
    """The name of a model line: the leading letters of a label ("llama", "qwen", "gpt")."""
    m = re.match(r"[A-Za-z]+", label)
    return m.group().lower() if m else label.lower()


_VERSIONED = re.compile(r"^(?P<stem>.*?[A-Za-z])[\s-]?(?P<ver>\d+(?:\.\d+)?)$")


def _version_succession(col: _Collector, mentions: list[Mention]) -> None:
    if not _SUCCESSION_CUES.search(col.text):
        return
    fams: dict[str, dict[float, str]] = {}
    for m in mentions:
        if m.type != "ModelFamily":
            continue
        vm = _VERSIONED.match(m.label)
        if vm:
            fams.setdefault(vm.group("stem").lower(), {})[float(vm.group("ver"))] = m.label
    for versions in fams.values():
        ordered = sorted(versions)
        for older, newer in zip(ordered, ordered[1:], strict=False):
            if not (older.is_integer() and newer.is_integer() and newer - older == 1) and \
                    not (int(newer) == int(older) and newer > older):
                continue  # (a point release follows the version it updates: "Llama 3.1" of "Llama 3")
            new_ref = EntityRef("ModelFamily", versions[newer])
            old_ref = EntityRef("ModelFamily", versions[older])
            if any(k[0].label == new_ref.label and k[1] == "successorOf" for k in col.relations):
                continue
            both = [(s, e) for s, e in col.bounds
                    if versions[newer] in col.text[s:e] and versions[older] in col.text[s:e]]
            if both:
                ev = evidence_for(col.text, *both[0], rule="version-sequence", confidence=0.7)
            else:
                first = _first_mention(mentions, versions[newer])
                if first is None:
                    continue
                ev = _sentence_evidence(col.text, col.bounds, first.start, "version-sequence", 0.6)
            col.relation(new_ref, "successorOf", old_ref, ev)


_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}"
#: a paper's author line: "Ada Lind, Tom Reyes and Li Wei, et al. (Kittiwake Labs)"
_AUTHOR_LINE = re.compile(rf"^\s*{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})+(?:,?\s*et al\.?)?"
                          r"\s*(?:\([^)]*\))?\s*$")


_AFFILIATION_CUE = re.compile(r"\b(?:all\s+(?:the\s+)?authors\s+(?:are|were)\s+(?:with|at|from)|"
                              r"(?:the\s+)?authors\s+(?:are\s+|were\s+)?(?:at|with|from))\s+(?:the\s+)?",
                              re.IGNORECASE)


_WE_PRESENT = re.compile(r"\b(?:we|this\s+(?:paper|report|work))\s+(?:present|introduce|describe|release|"
                         r"document|propose|open-source|train|detail)s?\b", re.IGNORECASE)


def _authors(col: _Collector, mentions: list[Mention]) -> None:
    """A paper's authors are people: the PDF's author field, or the author line under the title.

    Their employer is the organisation named in the author line's parentheses ("..., et al.
    (AI21 Labs)"), on the line right under it, or in "all authors are with X".
    """
    names = [str(a) for a in col.document.metadata.get("authors") or []]  # type: ignore[union-attr]
    line_span: tuple[int, int] | None = None
    offset = 0
    for i, line in enumerate(col.text.split("\n")[:8]):
        if i > 0 and _AUTHOR_LINE.match(line) and (col.document.doc_type == "Paper" or names):
            line_span = (offset, offset + len(line))
            if not names:
                bare = re.sub(r"\([^)]*\)\s*$", "", line)
                names = [n.strip() for n in re.split(r",|\band\b|&", bare)
                         if n.strip() and not n.strip().startswith("et al")]
            break
        offset += len(line) + 1
    head = col.text[:2000]
    people = []
    for name in names:
        pos = head.find(name)
        if pos >= 0 and len(name.split()) >= 2:
            people.append(col.entity(Mention(pos, pos + len(name), name, "Person", name, "author-line")))
    if not people:
        return
    orgs = [m for m in mentions if m.type == "Organization"]
    affiliation: list[Mention] = []
    if line_span is not None:
        s, e = line_span
        paren = col.text.rfind("(", s, e)
        affiliation = [m for m in orgs if paren >= 0 and paren < m.start < e]
        if not affiliation:  # the line under the authors: "Kittiwake Labs, Lisbon"
            nl = col.text.find("\n", e + 1)
            nxt = col.text[e + 1:nl if nl >= 0 else len(col.text)]
            if 0 < len(nxt.strip()) <= 80 and not nxt.rstrip().endswith("."):
                affiliation = [m for m in orgs if e < m.start < e + 1 + len(nxt)]
    if not affiliation:
        for cue in _AFFILIATION_CUE.finditer(col.text):
            after = [m for m in orgs if cue.end() <= m.start <= cue.end() + 2]
            if after:
                affiliation = after[:1]
                break
    if not affiliation:
        return
    several = len({m.label for m in affiliation}) > 1
    # one line of several affiliations ("Tsinghua University; Modelbest Inc") says whose each
    # author is not: no employer; the first is the lab that leads the work
    lead = affiliation[0] if several else affiliation[-1]
    org = col.entity(lead)
    ev = _sentence_evidence(col.text, col.bounds, lead.start, "author-affiliation", 0.8)
    for person in people if not several else []:
        col.relation(person, "employer", org, ev)
    # what the authors present as their own work was developed by their organisation
    for s, e in col.bounds:
        cue = _WE_PRESENT.search(col.text, s, e)
        if cue is None:
            continue
        for m in mentions:
            if m.type in ("Model", "ModelFamily") and cue.end() <= m.start < min(e, cue.end() + 60):
                col.relation(col.entity(m), "developedBy", org, evidence_for(
                    col.text, s, e, rule="authors-present", confidence=0.75))
                break


_MODEL_SLOT = re.compile(r"⟪([MF])(\d+)⟫")
_RELEASE_CUE = re.compile(
    r"\b(?:released|releases|releasing|launched|launches|launching|introduced|introduces|introducing|"
    r"unveiled|unveils|unveiling|shipped|ships|open-sourced|open-sources|debuted|debuts|rolled\s+out|"
    r"rolls\s+out|made\s+available|publicly\s+release|(?:we|they|it)\s+release)\b", re.IGNORECASE)
_RELEASED_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:was|were|has\s+been|have\s+been|is|are|got)\s+(?:now\s+|officially\s+|"
    r"publicly\s+|quietly\s+|finally\s+)?(?:released|launched|unveiled|shipped|available|out)\b",
    re.IGNORECASE)
#: where the released list ends: comparisons and lineage ("than X", "outperforms X", "based on X")
_RELEASE_STOP = re.compile(
    r"\b(?:than|outperform\w*|beat\w*|compared|compare\w*|versus|vs\.?|against|like|such\s+as|rival\w*|"
    r"predecessor|successor|based\s+on|built\s+on|fine-?tuned|distilled|trained|after|before|following|"
    r"replac\w+|match\w*|surpass\w*|trails?|behind|ahead|preview\w*|upcoming|still|later|next|"
    r"context|not\s+yet)\b|[.;:!?]", re.IGNORECASE)
#: how a model is released, not whether: "is not released under Apache 2.0", "not available in the EU"
_RELEASE_TERMS = r"(?!\s+(?:under|as|with|without|in|on|for|via|through|outside|beyond|by)\b)"
_NEGATED_RELEASE = re.compile(
    r"\b(?:no\s+such\s+(?:model|system|release|thing)|(?:has|have|had)\s+not\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:officially\s+)?(?:announced|released|launched|unveiled|shipped)" + _RELEASE_TERMS +
    r"|(?:was|were|is|are)\s+not\s+(?:yet\s+)?"
    r"(?:officially\s+)?(?:announced|released|launched|available)" + _RELEASE_TERMS +
    r"|never\s+(?:been\s+)?(?:officially\s+)?"
    r"(?:released|launched|announced|shipped)|(?:does|do)\s+not\s+(?:yet\s+)?exist|(?:doesn't|don't)\s+(?:yet\s+)?exist|"
    r"(?:has|have)\s+yet\s+to\s+be\s+(?:released|announced|launched)|there\s+is\s+no\s+(?=⟪))",
    re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:hypothetical|would-be|imagined|imaginary|speculative|yet-to-be-(?:announced|released))"
    r"\s+(?:\w+\s+)?⟪([MF])(\d+)⟫", re.IGNORECASE)


def _author(col: _Collector, at: int) -> EntityRef:
    """Who speaks in the document's own voice: its named author, else "the author of <title>"."""
    name = col.document.metadata.get("author")
    if isinstance(name, str) and re.fullmatch(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}", name.strip()):
        label, kind = name.strip(), "Person"
    else:
        title = col.document.title or col.document.source.rsplit("/", 1)[-1]
        label, kind = f"the author of “{title[:80]}”", "UnnamedAgent"
    return col.entity(Mention(at, at, label, kind, label, "document-voice"))


def _releases(col: _Collector, templates: list[Any]) -> None:
    """Releases the document states, and what it says does not exist or is hypothetical.

    "Meta released Llama 4 Scout and Maverick", "Llama 4 was released yesterday" give
    ``lk:released true``; a family is released when a member it names is. "No such model has been
    released", "has not been announced", "a hypothetical Llama 4" are claims of the document's
    author (denies / speculates) on the proposition (model, released, true), and such a model gets
    no facts from this document: a contradiction with the documents that report the release is
    then one join (``llmkg claims --contradictions``).
    """
    unreal: dict[EntityRef, None] = {}
    for sent in templates:
        t = sent.template
        if not _MODEL_SLOT.search(t):
            continue
        ev = evidence_for(col.text, sent.start, sent.end, rule="release", confidence=0.8)
        content = col.text[sent.start:sent.end]
        neg = _NEGATED_RELEASE.search(t)
        hyp = _HYPOTHETICAL.search(t)
        if neg or hyp:
            slots = [hyp] if hyp else list(_MODEL_SLOT.finditer(t))
            # the model the negation is about: the one nearest before it, else the first after
            target = None
            if neg and not hyp:
                before = [m for m in slots if m.end() <= neg.start()]
                target = before[-1] if before else slots[0]
            m = target or slots[0]
            ref = col.entity(sent.slots[int(m.group(2))])
            stance = "denies" if neg else "speculates"
            col.claims.append(Claim(_author(col, sent.start), stance, (ref,), content,
                                    replace(ev, rule=f"release-{stance}"),
                                    proposition=(ref, "released", True)))
            unreal[ref] = None
            continue
        if _HEDGE.search(content):
            continue
        released: list[re.Match[str]] = []
        for cue in _RELEASE_CUE.finditer(t):
            stop = _RELEASE_STOP.search(t, cue.end())
            end = min(stop.start() if stop else len(t), cue.end() + 120)
            released.extend(m for m in _MODEL_SLOT.finditer(t, cue.end(), end))
        for m in _MODEL_SLOT.finditer(t):
            if _RELEASED_AFTER.match(t[m.end():]) or re.search(
                    r"\b(?:newly|recently|just|freshly)[\s-]+released\s+$", t[:m.start()], re.IGNORECASE):
                released.append(m)
        for m in released:
            ref = col.entity(sent.slots[int(m.group(2))])
            col.releases.setdefault(ref, Release(ref, ev))
    # a family whose member is released here has been released
    for (s, p, o), _rel in list(col.relations.items()):
        if p == "memberOfFamily" and s in col.releases and o not in col.releases:
            col.releases[o] = Release(o, replace(col.releases[s].evidence, rule="member-released",
                                                 confidence=0.7))
    if unreal:
        for key in [k for k in col.relations if k[0] in unreal and k[1] != "memberOfFamily"]:
            del col.relations[key]
        for ref in unreal:
            col.releases.pop(ref, None)
        for akey in [k for k in col.attributes if k[0] in unreal]:
            del col.attributes[akey]


_WE_RELEASE = re.compile(
    r"\b(?:we(?:'re|’re|\s+are|\s+have|'ve|’ve)?|today\s+we)\s+(?:\w+\s+){0,2}?(?:releas\w*|introduc\w*|"
    r"launch\w*|unveil\w*|open-sourc\w*|announc\w*|train\w*|buil[dt]\w*|develop\w*|ship\w*|"
    r"present\w*|mak\w+\s+available)\b|\bour\s+(?:new\s+|latest\s+|first\s+|open\s+|own\s+)*(?=⟪[MF])",
    re.IGNORECASE)


#: a card's or a report's own statement of who made it: "- **Developed by:** [Quillfeather](...)",
#: "Published by Harlow AI", "Model developers: Velvetine"
_MADE_BY_FIELD = re.compile(
    r"(?im)^[\s>*_#•·-]*(?:(?:model\s+)?(?:developed|published|created|released|trained|built|made)\s+by"
    r"|model\s+developers?|developers?|publisher|organi[sz]ation)[\s*_]*:?[\s*_]*"
    r"\[?(?P<name>(?-i:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}?))\]?(?:\s*\([^)\n]*\))?[\s*_]*(?:$|[.,;])")


def _org_named(col: _Collector, names: list[str]) -> set[str]:
    """The organisations of the text with one of these names; else one minted from the first
    name that looks like an organisation and occurs in the text (not a person of the text)."""
    keys = {name_key(n) for n in names}
    # "LMSYS Org", "Quillfeather Team": the organisation the text names without the generic word
    keys |= {name_key(m.group(1)) for n in names if (m := _GENERIC_TAIL.fullmatch(n.strip()))}
    orgs = {slot["label"] for (kind, key), slot in col.entities.items()
            if kind == "Organization" and key in keys}
    if orgs:
        return orgs
    for n in names:
        n = n.strip()
        looks_org = re.fullmatch(r"[A-Z][\w.&-]+", n) or n.split()[-1].lower() in ORG_SUFFIXES
        at = re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", col.text)
        if looks_org and at and not any(kind == "Person" and key == name_key(n)
                                        for kind, key in col.entities):
            orgs.add(col.entity(Mention(at.start(), at.end(), n, "Organization", n,
                                        "document-author")).label)
    return orgs


_GENERIC_TAIL = re.compile(r"(.*?\w)\s+(?:org|organi[sz]ation|team|inc\.?|ltd\.?|llc|project)", re.IGNORECASE)


def _metadata_names(col: _Collector) -> list[str]:
    """Who the metadata says wrote or published the document (author, publisher, ...)."""
    meta = dict(col.document.metadata)
    front = meta.get("front_matter")
    if isinstance(front, dict):
        meta = {**front, **meta}
    names: list[str] = []
    for key in ("author", "authors", "publisher", "organization", "organisation", "company",
                "site_name", "developer"):
        v = meta.get(key)
        if isinstance(v, str):
            names.append(v)
        elif isinstance(v, list):
            names.extend(x for x in v if isinstance(x, str))
    return names


#: the start of a paper's abstract: "Abstract", "Abstract:", "## Abstract"
_ABSTRACT_LINE = re.compile(r"(?im)^[\W_]*abstract\b")


def _voice_org(col: _Collector, mentions: Sequence[Mention] = ()) -> EntityRef | None:
    """The organisation a document speaks for.

    Its author or publisher from the metadata, when that is an organisation the text names
    ("author: Nembrook" on a post that says "Nembrook's first reasoning model"); else the one its
    own "Developed by:" / "Published by" field names; else the one organisation its opening
    (title, byline, first lines) names (the one presenting its work when it names several); else,
    for a model card, the one owner of the repository ids its opening names ("This model is
    acme/Foo-7B fine-tuned ...": acme).
    """
    if len(_ABSTRACT_LINE.findall(col.text)) > 1:
        return None  # a bundle of abstracts: each speaks for its own authors, none for the text
    orgs = _org_named(col, _metadata_names(col))
    if not orgs:
        orgs = _org_named(col, [m.group("name") for m in _MADE_BY_FIELD.finditer(col.text[:4000])][:1])
    if not orgs and (dateline := _DATELINE.search(col.text[:1500])) is not None:
        # a press release speaks for the organisation its dateline leads with
        orgs = _org_named(col, [dateline.group("name")])
    if not orgs:
        opening = col.text[:400]
        # where each organisation of the opening is first named, not as an example or a rival
        # ("open models such as Llama and Mistral" names no presenter)
        at = {}
        for (kind, _k), slot in col.entities.items():
            if kind != "Organization":
                continue
            found = [m.start() for f in slot["forms"] for m in re.finditer(
                r"(?<![\w-])" + re.escape(f) + r"(?![\w-])", opening)
                if not _AS_EXAMPLE.search(opening, max(0, m.start() - 60), m.start())]
            if found:
                at[slot["label"]] = min(found)
        orgs = set(at)
        if len(orgs) > 1:
            orgs = _byline_lab(col.text, at) or orgs
        if len(orgs) > 1:
            # "A guest post by Dr Ana Reyes, CEO of X, a Y company": the author's organisation
            own = {label for label, pos in at.items() if _AUTHOR_ROLE.search(opening[:pos])}
            orgs = own if len(own) == 1 else orgs
        if len(orgs) > 1:
            # "The X project, an open collaboration ..., introduces Y. In partnership with Z, we ...":
            # the organisation the opening has present its work
            label = min(at, key=at.get)
            verb = _PRESENTS.search(opening[at[label]:].split(". ")[0])
            if verb is not None and all(v > at[label] + verb.start() for k, v in at.items() if k != label):
                orgs = {label}
    if not orgs and col.document.doc_type == "ModelCard":
        owners = {m.extra["publisher"]: m for m in mentions
                  if m.start < 600 and m.type in ("Model", "ModelFamily") and m.extra.get("publisher")}
        if len(owners) == 1:
            owner, m = next(iter(owners.items()))
            labs = {name_key(slot["label"]): slot["label"] for (kind, _k), slot in col.entities.items()
                    if kind == "Organization"}
            label = labs.get(name_key(owner), owner)
            orgs = {col.entity(Mention(m.start, m.start + len(owner), owner, "Organization", label,
                                       "repo-owner")).label}
    return EntityRef("Organization", orgs.pop()) if len(orgs) == 1 else None


#: a press release's dateline and the organisation its lead opens on: "OSLO, Norway, May 2, 2026
#: /PRNewswire/ -- Acme Labs, a ..., today announced", "AUSTIN, TX - June 3rd 2025 - Acme is proud to"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]{0,6}\.?"
_DATELINE = re.compile(
    r"(?m)^[^\S\n]*[*_]*[A-Z][A-Za-z.'’ -]{1,40}(?:,[^\S\n]*[A-Z][\w.'’ ]{1,30}){0,2}(?:[,\t ]|[-—–])+"
    r"(?:" + _MONTH + r"[^\S\n]+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}[^\S\n]+" + _MONTH + r")"
    r"(?:,?[^\S\n]+\d{4})?[*_]*"
    r"[^\S\n]*(?:/[^/\n]{2,30}/|\([^)\n]{2,30}\))?[^\S\n]*(?:--|[-—–:])[*_]*[^\S\n]*"
    r"(?P<name>[A-Z][\w.&'’-]*(?:[^\S\n]+[A-Z][\w.&'’-]*){0,3}?)"
    r"(?=[^\S\n]*(?:,|\(|today\b|is\b|has\b|announce[sd]?\b|release[sd]?\b|launche[sd]\b|unveil(?:s|ed)\b|"
    r"introduce[sd]\b))")
#: the lead's own release: "Acme today announced X", "Acme is proud to release X"
_LEAD_RELEASE = re.compile(
    r"[^\S\n]*(?:,[^,]{0,160},[^\S\n]*)?(?:today[^\S\n]+)?(?:is[^\S\n]+(?:proud|excited|pleased|thrilled|happy)"
    r"[^\S\n]+to[^\S\n]+|has[^\S\n]+)?(?:announc\w*|releas\w*|launch\w*|introduc\w*|unveil\w*|"
    r"open-sourc\w*|debut\w*)\b", re.IGNORECASE)


#: the opening's author and their role at the organisation that follows: "by Dr Ana Reyes, CEO of ",
#: "a guest post by Tom Ode, a Technical Architect at "
_AUTHOR_ROLE = re.compile(
    r"(?<![\w-])by\s+(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?(?-i:[A-Z][\w.'’-]+)(?:\s+(?-i:[A-Z][\w.'’-]+)){1,3},\s+"
    r"(?:(?:the|a|an)\s+)?(?:(?:[\w-]+|and)\s+){0,4}?(?:"
    + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r")\s+(?:of|at)\s+(?:the\s+)?$", re.IGNORECASE)


#: an organisation named as an example or a rival, not as the text's presenter
_AS_EXAMPLE = re.compile(r"\b(?:such\s+as|like|including|e\.g\.|than|versus|vs\.?|over)\s+(?:[\w'’.-]+,?\s+"
                         r"(?:and\s+|or\s+)?){0,4}$", re.IGNORECASE)


def _byline_lab(text: str, at: dict[str, int]) -> set[str]:
    """The one lab a paper's or report's byline names, of the organisations of its opening.

    A byline is a short line among the first few under the title, not a sentence ("Kestrel Team,
    Corvid Labs", "Marta Okonjo (Corvid Labs)"); a team named beside its lab is the lab's ("the
    Kestrel Team, Corvid Labs" speaks for Corvid Labs). An organisation only the title names
    ("Kestrel: Open Models Based on Vireo Research") is not the byline's.
    """
    lines = text[:400].split("\n")
    title_end = len(lines[0])
    offset, found, by_line = title_end + 1, set(), []
    for line in lines[1:6]:
        short = 0 < len(line.strip()) <= 120 and not re.search(r"[.!?]\s+[A-Z]|[.!?]$", line.strip())
        if short:
            here = {label for label, pos in at.items() if offset <= pos < offset + len(line)
                    and not re.search(r"\s(?:team|group)$", label, re.IGNORECASE)}
            found |= here
            if here:
                by_line.append(here)
        offset += len(line) + 1
    if len(found) > 1 and len(by_line) == 1:
        # one line of affiliations ("Corvid Labs; Brume; Aldermoor University"): the first is the
        # lab that leads the work
        return {min(found, key=lambda label: at[label])}
    return found if len(found) == 1 else set()


#: an organisation presenting its own work in a text's opening ("X introduces Y")
_PRESENTS = re.compile(r"\b(?:introduces|presents|releases|announces|unveils|launches|open-sources|"
                       r"debuts|is\s+releasing|is\s+introducing)\b", re.IGNORECASE)


#: a comparison between the model a lab releases and the next one named ("a leap over", "than", "like")
_COMPARED_BEFORE = re.compile(r"\b(?:over|than|vs\.?|versus|compared|comparable|against|like|such\s+as|"
                              r"unlike|rival\w*|outperform\w*|beat\w*|surpass\w*|match\w*|from)\b",
                              re.IGNORECASE)


def _vendor_voice(col: _Collector, templates: list[Any], mentions: Sequence[Mention] = ()) -> None:
    """ "Today we are releasing X", "our new X": in a lab's own post, X is that lab's model."""
    org = _voice_org(col, mentions)
    if org is None:
        return
    for sent in templates:
        t = sent.template
        cues = list(_WE_RELEASE.finditer(t))
        for cue in cues:
            stop = _RELEASE_STOP.search(t, cue.end())
            end = min(stop.start() if stop else len(t), cue.end() + 160)
            for m in _MODEL_SLOT.finditer(t, cue.end(), end):
                if _COMPARED_BEFORE.search(t, cue.end(), m.start()):
                    break  # "our new X represents a leap over Y": Y is held up for comparison
                ref = col.entity(sent.slots[int(m.group(2))])
                if not any(k[0].label == ref.label and k[1] == "developedBy" for k in col.relations):
                    col.relation(ref, "developedBy", org, evidence_for(
                        col.text, sent.start, sent.end, rule="vendor-voice", confidence=0.8))
    dateline = _DATELINE.search(col.text[:1500])
    if dateline is None or name_key(dateline.group("name")) != name_key(org.label):
        return
    # "Acme today announced X", "Acme is proud to release X": the release the press release leads with
    cue = _LEAD_RELEASE.match(col.text, dateline.end("name"))
    if cue is None:
        return
    stop = _RELEASE_STOP.search(col.text, cue.end())
    end = min(stop.start() if stop else len(col.text), cue.end() + 160)
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type in ("Model", "ModelFamily") and cue.end() <= m.start < end:
            ref = col.entity(m)
            if not any(k[0].label == ref.label and k[1] == "developedBy" for k in col.relations):
                col.relation(ref, "developedBy", org, evidence_for(
                    col.text, dateline.start(), end, rule="dateline-lead", confidence=0.8))


#: the document's own first person ("we find", "our small model", "us")
_FIRST_PERSON = re.compile(r"(?<![\w'’-])(?:we|our|us|we['’](?:re|ve))(?![\w-])", re.IGNORECASE)
#: what is quoted is someone else's voice: "...", “...”, «...», and Markdown block quotes
_QUOTED = re.compile(r"\"[^\"]{0,400}\"|“[^”]{0,400}”|«[^»]{0,400}»|^\s*>.*$", re.MULTILINE)
#: the organisation's own finding: "we find that", "we observe", "we noted the following"
_WE_FIND = re.compile(r"(?<![\w'’-])we\s+(?:also\s+|further\s+|have\s+)?(?:find|found|observe|observed|note|"
                      r"noted|notice|noticed|see|saw|conclude|concluded)\b", re.IGNORECASE)
_OWN_MODEL_ANAPHOR = re.compile(
    r"\b(?:our\s+(?:[\w-]+\s+){0,3}?|(?:this|the|these)\s+(?:new\s+|latest\s+|own\s+|resulting\s+|final\s+)?)"
    r"models?\b", re.IGNORECASE)
#: a sentence that opens on a model as its subject: "X is the top-performing ...", "At release, X
#: outperforms ..." (the model slot after at most a short opening phrase)
_SUBJECT_MODEL = re.compile(r"^\W*(?:(?:at|on|in|as\s+of)\s+[^,⟪]{1,40},\s*)?(?:the\s+)?⟪([MF])(\d+)⟫"
                            r"(?:\s*\([^)]{0,40}\))?\s+(?:models?\s+|family\s+|series\s+)?"
                            r"(?:is|are|was|were|also|now|consistently|significantly|clearly|notably|\w+s\b)",
                            re.IGNORECASE)


#: what a lab's "we show that X beats Y" may be about that is no model: a method, data, a recipe
_METHOD_WORDS = re.compile(r"\b(?:method|approach|recipe|technique|distillation|training|data|dataset|"
                           r"pipeline|framework|tokenizer|algorithm|objective|loss|strategy|schedule|"
                           r"architecture)s?\b",
                           re.IGNORECASE)
#: a sentence whose subject is the model the text is about: "It significantly outperforms ...",
#: "Its reasoning and coding accuracy are state-of-the-art ..."
_PRONOUN_OPENER = re.compile(r"^\W*(?:it|its|they|their)\b(?!\s+(?:is|was)\s+(?:not\s+)?(?:clear|unclear|"
                             r"possible|likely|worth|important|hard|easy)\b)", re.IGNORECASE)
#: a card's or a paper's own model as a sentence's subject by a noun phrase: "This model is ...",
#: "These models are ...", "As of May 2025, the model ranks ..." (after at most a short opening phrase)
_THIS_MODEL_OPENER = re.compile(r"^\W*(?:(?:at|on|in|as\s+of)\s+[^,⟪]{1,40},\s*)?"
                                r"(?:this|these|the)\s+models?\b"
                                r"(?!\s*(?:card|family|series|weights|files?|repo\w*)\b)", re.IGNORECASE)
#: evidence a card presents of its own model: "the metrics below show that the model ..."
_SHOWS_THE_MODEL = re.compile(r"\b(?:show|shows|showing|demonstrate|demonstrates|indicate|indicates|confirm|"
                              r"confirms)\s+that\s+(?:the|this|our)\s+model\b", re.IGNORECASE)
#: nothing before a sentence's verb but a bullet and an adverb: "- Notably outperforms ..."
_BARE_OPENER = re.compile(r"[\W_]*(?:[a-z]+ly\s+)?", re.IGNORECASE)
#: a title that opens on a name: "Kestrel 3: Open Models ...", "Kestrel-3 Technical Report"
_TITLE_NAMES = re.compile(r"^[\w.-]+(?:\s+[\w.-]+){0,3}?\s*"
                          r"(?::|technical\s+report|tech\s+report|model\s+card|$)",
                          re.IGNORECASE)


def _vendor_claims(col: _Collector, templates: list[Any], mentions: list[Mention], gaz: Gazetteer) -> None:
    """What a lab says of its own models in its own voice is its claim.

    In a document that speaks for an organisation (:func:`_voice_org`) in the first person ("we
    release", "our new X") or as a model card, a sentence with a quality cue
    (``patterns/claim_quality.tsv``: "outperforms", "state-of-the-art", "on par with") is a
    claim of that organisation when "we" / "our model" says it about a model the text ties to the
    organisation ("we find that our 8B model outperforms X"). A vendor's word on its model is not
    a fact about it (issue 16, ANNOTATION.md): the claim keeps who said it.

    The same cue in the third person ("X is the strongest 14B model") is not read as the lab's
    claim: measured, it added claims the held-out golds do not have (heldout 0.882 -> 0.857,
    heldout3 0.842 -> 0.825) for one more real-text claim.
    """
    from .components.claims import QUALITY_CUE, QUALITY_CUES
    from .components.relations import COMPARISON_CUES

    plain = [_QUOTED.sub(lambda q: " " * len(q.group()), sent.template) for sent in templates]
    # a lab's own release post that never names the lab ("Today we are releasing X" under a title
    # naming X) speaks for the maker X's name gives away, as a card does
    releases = col.document.doc_type != "NewsArticle" and any(_WE_PUBLISH.search(t) for t in plain)
    org = _voice_org(col, mentions) or _card_model_developer(col, mentions, gaz, release_post=releases)
    if org is None:
        return
    card = col.document.doc_type == "ModelCard" or _readme_page(col) or any(
        name_key(m.group("name")) == name_key(org.label) for m in _MADE_BY_FIELD.finditer(col.text[:4000]))
    speaks = card or any(_WE_RELEASE.search(t) for t in plain) or (
        _org_named(col, _metadata_names(col)) == {org.label} and any(_FIRST_PERSON.search(t) for t in plain))
    own = {s.label for (s, p, o) in col.relations if p == "developedBy" and o == org}
    dateline = _DATELINE.search(col.text[:1500])
    press = dateline is not None and name_key(dateline.group("name")) == name_key(org.label)
    # the model the press release leads with ("Acme today announced X")
    lead = next((m for m in sorted(mentions, key=lambda m: m.start) if press and m.start >= dateline.end()
                 and m.type in ("Model", "ModelFamily") and col.label_of(m) in own), None)
    main = _named_main_model(col, mentions, gaz)
    title = col.document.title.strip().lstrip("#").strip()
    if main is not None and (card or (title and _TITLE_NAMES.match(title) and name_key(title).startswith(
            name_key(main.text)))):
        # a card's model is its publisher's; a report titled by its model ("Kestrel 3: Open
        # Models ...", "Kestrel-3 Technical Report") is about its authors' model
        own.add(col.label_of(main))
    claimed = {(c.evidence.start, c.evidence.end) for c in col.claims}
    compared = re.compile(rf"\b(?:{COMPARISON_CUES}|like|such\s+as|including|over|unlike)\s+"
                          r"(?:[\w'’⟪⟫-]+\s+){0,3}$", re.IGNORECASE)
    topic: Mention | None = None  # the model the text was last about ("our model")
    for sent, t in zip(templates, plain, strict=True):
        slots = [(m.start(), sent.slots[int(m.group(2))]) for m in _MODEL_SLOT.finditer(t)]
        own_first = [(pos, m) for pos, m in slots if not compared.search(t[max(0, pos - 40):pos])]
        finding = _WE_FIND.search(t)
        if finding is not None and speaks and (sent.start, sent.end) not in claimed and \
                QUALITY_CUE.search(t) is None:
            # "we find that the current X has deficiencies": what the organisation found, of any model
            about = [sent.slots[int(m.group(2))] for m in _MODEL_SLOT.finditer(t, finding.end())]
            if topic is not None and _OWN_MODEL_ANAPHOR.search(t, finding.end()) and topic not in about:
                about.append(topic)
            if about:
                col.claims.append(Claim(org, "asserts", tuple(dict.fromkeys(col.entity(m) for m in about)),
                                        col.text[sent.start:sent.end].strip(), evidence_for(
                                            col.text, sent.start, sent.end, rule="vendor-finding",
                                            confidence=0.7)))
        cue = QUALITY_CUE.search(t)
        first_person = cue is not None and (_FIRST_PERSON.search(t, 0, cue.start()) is not None
                                            or cue.group(1).lower().startswith("our "))
        # a card's or a paper's own model as the subject of a quality cue is its makers' word
        # (a release post's "X beats Y by seven points" reports its table: no claim, measured)
        opener = _SUBJECT_MODEL.match(t) if cue is not None and not first_person and \
            (card or col.document.doc_type == "Paper") else None
        own_subject = opener is not None and opener.end(2) < cue.start() and \
            col.entity(sent.slots[int(opener.group(2))]).label in own
        shown = _SHOWS_THE_MODEL.search(t, 0, cue.start()) if cue is not None and not first_person and \
            not own_subject and (card or col.document.doc_type == "Paper") else None
        if shown is not None and main is not None and col.label_of(main) in own:
            # "The results below show that the model has significantly improved performance": the
            # card's own model, as its makers present it
            own_subject = True
            if not any(col.label_of(m) == col.label_of(main) for _pos, m in slots):
                slots = [(0, main), *slots]
        pronoun = _PRONOUN_OPENER.match(t) if cue is not None and not first_person else None
        # the opener starts the sentence or the last line before the cue (a card's line is a sentence)
        line = t.rfind("\n", 0, cue.start()) + 1 if cue is not None else 0
        this_model = _THIS_MODEL_OPENER.match(t[line:]) if cue is not None and not first_person and \
            pronoun is None and (card or col.document.doc_type == "Paper") else None
        if this_model is not None and main is not None and col.label_of(main) in own \
                and not re.search(r"⟪|[:;]", t[line + this_model.end():cue.start()]):
            # "This model is #1 on ...", "These models are optimized to excel in ...": in a card or a
            # paper, the model it presents (not the last model a sentence named); what the lines
            # before it name is no part of this claim
            own_subject = True
            slots = [(pos, m) for pos, m in slots if pos >= line]
            if not any(col.label_of(m) == col.label_of(main) for _pos, m in slots):
                slots = [(0, main), *slots]
        if pronoun is not None and topic is not None and col.label_of(topic) in own \
                and not re.search(r"⟪|[:;]", t[pronoun.end():cue.start()]) \
                and (card or col.document.doc_type == "Paper"
                     or not _COMPARED_BEFORE.fullmatch(cue.group(1).split()[0])):
            # "Its coding accuracy is state-of-the-art in its size": the model the text is about;
            # in a post, a quality it claims (a win over a rival there reports its table)
            own_subject = True
            if not slots:
                slots = [(0, topic)]
        intro = _INTRODUCING.match(t) if cue is not None and not first_person and not own_subject else None
        if intro is not None and not col.text[:sent.start].strip() and intro.end() < cue.start() and \
                col.entity(sent.slots[int(intro.group(1))]).label in own | {
                    col.label_of(main) if main else ""}:
            # the headline of a lab's release post: "Introducing X: the most capable open model to
            # date", "Introducing X: Our 14B Model That Rivals a 70B"
            own_subject = True
        announced = topic if topic is not None and col.label_of(topic) in own else \
            lead if lead is not None else main if main is not None and col.label_of(main) in own else None
        if press and cue is not None and not first_person and not own_subject and announced is not None \
                and _BARE_OPENER.fullmatch(t[:cue.start()]):
            # a press release's highlight without a subject ("Notably outperforms X on ..."): the
            # model it announces, in the lab's own voice
            own_subject = True
            if not any(col.label_of(m) == col.label_of(announced) for _pos, m in slots):
                slots = [(0, announced), *slots]
        if cue is not None and speaks and (sent.start, sent.end) not in claimed and \
                (first_person or own_subject):
            about: list[Mention] = [m for _pos, m in slots]
            if topic is not None and topic not in about and (_OWN_MODEL_ANAPHOR.search(t) or (
                    first_person and not about and not _METHOD_WORDS.search(t, 0, cue.start()))):
                # "Our model places 2nd", "we believe these are the best open models": the model
                # the section is about
                about = [topic, *about]
            if not card and not any(col.label_of(m) in own for m in about):
                about = []  # "we" of a lab whose models the text does not tie to it: unsure voice
            if about:
                stance = QUALITY_CUES[" ".join(cue.group(1).lower().split())]
                col.claims.append(Claim(org, stance, tuple(dict.fromkeys(col.entity(m) for m in about)),
                                        col.text[sent.start:sent.end].strip(), evidence_for(
                                            col.text, sent.start, sent.end, rule="vendor-claim",
                                            confidence=0.7)))
        if own_first:
            topic = own_first[0][1]


#: the first person putting a model out (not training or building one, which a fine-tuner's notes do too)
_WE_PUBLISH = re.compile(r"\b(?:we(?:'re|’re|\s+are|\s+have|'ve|’ve)?|today\s+we)\s+(?:\w+\s+){0,3}?"
                         r"(?:releas\w*|introduc\w*|launch\w*|unveil\w*|open-sourc\w*|announc\w*)\b",
                         re.IGNORECASE)
#: a release post's headline: "Introducing ⟪M1⟫: ...", "Announcing ⟪M1⟫ — ...", "Meet ⟪M1⟫, ..."
_INTRODUCING = re.compile(r"\W*(?:introducing|announcing|meet)\s+(?:the\s+)?(?:[\w.]+-)?⟪[MF](\d+)⟫",
                          re.IGNORECASE)
#: a repository's README shown as a page: "acme-7b / README.md" as its title, or a file view's
#: "File size: 3,120 Bytes" line opening it (a model card read from a hub's web page)
_README_TITLE = re.compile(r"(?:^|[\s/])README\.md\s*$", re.IGNORECASE)
_FILE_VIEW = re.compile(r"\s*File size:\s*[\d,.]+\s*(?:Bytes|kB|KB|MB)\b")


def _readme_page(col: _Collector) -> bool:
    """Whether the document is a repository's README seen as a page (a model card by another name)."""
    return bool(_README_TITLE.search(col.document.title.strip()) or _FILE_VIEW.match(col.text[:200]))


def _card_model_developer(col: _Collector, mentions: list[Mention], gaz: Gazetteer, *,
                          release_post: bool = False) -> EntityRef | None:
    """The one developer of a model card's own model, when nothing else says whom the card speaks
    for: a card that presents "DeepSeek-Coder-V2" in the first person is DeepSeek's voice; so is
    a paper, or (``release_post``) a post releasing it in the first person, whose title names it."""
    if col.document.doc_type not in ("ModelCard", "Paper") and not release_post:
        return None
    main = _named_main_model(col, mentions, gaz)
    title = col.document.title.strip().lstrip("#").strip()
    if main is None or (col.document.doc_type != "ModelCard" and not (
            _TITLE_NAMES.match(title) and name_key(title).startswith(name_key(main.text)))):
        return None  # a paper speaks for the makers of the model its title names
    ref = col.entity(main)
    makers = {o for (s, p, o), r in col.relations.items() if s == ref and p == "developedBy"
              and o.type == "Organization"}
    # only a maker its name or repository gives away: a publisher guessed from the prose may be
    # a base model's
    named = {o for (s, p, o), r in col.relations.items() if s == ref and p == "developedBy"
             and r.evidence.rule in _MAKER_BY_NAME}
    if not makers and main.extra.get("publisher"):
        # "harlowai/Corra-Chat-v2": the account that publishes the card's model
        owner = str(main.extra["publisher"])
        labs = {name_key(slot["label"]): slot["label"] for (kind, _k), slot in col.entities.items()
                if kind == "Organization"}
        makers = named = {col.entity(Mention(main.start, main.start + len(owner), owner, "Organization",
                                             labs.get(name_key(owner), owner), "repo-owner"))}
    return named.pop() if len(makers) == 1 and len(named) == 1 else None


#: developer rules that read the maker off the model's name or repository id
_MAKER_BY_NAME = frozenset({"name-of-developer", "repo-publisher", "known-line-developer", "lab-in-name"})


def _claims_about_the_title_model(col: _Collector, mentions: list[Mention], gaz: Gazetteer) -> None:
    """An organisation's claim that names nothing but itself ("X's paper argues that finer
    granularity improves specialisation") in a text whose title names a model of that
    organisation (its developer, or the one organisation the title names) is about that model too."""
    title = col.document.title.strip()
    main = main_model(col, mentions, gaz) if title else None
    if main is None or name_key(main.label) not in name_key(title) and main.text not in title:
        return
    ref = col.entity(main)
    makers = {o.label for (s, p, o) in col.relations if s == ref and p == "developedBy"}
    in_title = [slot["label"] for (kind, _k), slot in col.entities.items() if kind == "Organization" and any(
        re.search(r"(?<![\w-])" + re.escape(f) + r"(?![\w-])", title) for f in slot["forms"])]
    if len(in_title) == 1:
        makers.add(in_title[0])  # the one organisation the title names with the model
    for i, c in enumerate(col.claims):
        if c.claimant.type == "Organization" and c.about == (c.claimant,) and c.claimant.label in makers:
            col.claims[i] = replace(c, about=(c.claimant, ref))


_MADE_BY = re.compile(
    r"\b(?:made|trained|published|uploaded|created|built|maintained|developed|released|fine-?tuned|"
    r"customi[sz]ed|quantized|quantised|merged|prepared|produced|converted|packaged)"
    r"(?:\s+and\s+(?:\w+\s+){0,2}?\w+ed)?\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_ORG_DID = re.compile(
    r"\s+(?:has\s+|have\s+)?(?:made|trained|published|uploaded|created|built|maintains|maintained|"
    r"developed|released|fine-?tuned|customi[sz]ed|quantized|quantised|merged|prepared|produced|"
    r"converted|packaged)\b", re.IGNORECASE)
#: developer rules that guess from names and families; a card's stated publisher overrides them
_GUESSED_DEVELOPER = frozenset({"same-line-developer", "family-developer", "name-of-developer"})


def _card_publisher(col: _Collector, mentions: list[Mention]) -> Mention | None:
    """Who made the card's model, as its opening says: "made and uploaded by QuantFarm",
    "Trained and published by Lanternfish Labs", "a chat model that NVIDIA customized"."""
    opening = min(len(col.text), 1500)
    for m in mentions:
        if m.type != "Organization" or m.start > opening:
            continue
        made_by = _MADE_BY.search(col.text, max(0, m.start - 60), m.start)
        if made_by is not None and re.search(r"\bnot\b|n['’]t\b", col.text[max(0, made_by.start() - 30):
                                                                              made_by.start()]):
            continue  # "This model is not owned or developed by Y"
        if made_by or _ORG_DID.match(col.text, m.end):
            return m
    return None


#: a build of a model in another format, as a card's heading names it: "Kestrel 7B Chat - GGUF"
_BUILD_FORMATS = (r"GGUF|GGML|GPTQ|AWQ|EXL2|EXL3|MLX|HQQ|AQLM|ONNX|OpenVINO|FP8|INT4|INT8|"
                  r"bnb[ -]4bit|4-?bit|8-?bit")
_BUILD_HEADING = re.compile(
    r"(?m)^[ \t]*(?P<name>[^\n]{2,80}?)[ \t]*(?:[-–—:][ \t]*|[ \t])(?P<fmt>" + _BUILD_FORMATS + r")[ \t]*$",
    re.IGNORECASE)
#: a card's own word that it publishes quantized files of a model: "EXL3 quants of X", "GGUF format
#: model files for X", "quantized versions of X", "Quantized to i1-GGUF"
_QUANT_STATEMENT = re.compile(
    r"(?im)\b(?:quants|quantizations?|quantized\s+(?:versions?|builds?|weights|files)|(?:format\s+)?model\s+files)"
    r"\s+(?:of|for)\s+|^\W*quanti[sz]ed\s+(?:to|with|using)\s+")
#: a format a card names in its opening or tags ("i1-GGUF", "EXL2 quants")
_FORMAT_WORD = re.compile(r"(?<![A-Za-z])(" + _BUILD_FORMATS + r")(?![A-Za-z])", re.IGNORECASE)


#: the tool a quantizer names gives the format of its files: llama.cpp writes GGUF, exllamav2 EXL2
_TOOL_FORMATS = (("GGUF", re.compile(r"llama\.?cpp|\.gguf\b", re.IGNORECASE)),
                 ("EXL2", re.compile(r"exllamav2", re.IGNORECASE)),
                 ("EXL3", re.compile(r"exllamav3", re.IGNORECASE)),
                 ("AWQ", re.compile(r"auto-?awq", re.IGNORECASE)),
                 ("GPTQ", re.compile(r"auto-?gptq|gptqmodel", re.IGNORECASE)),
                 ("MLX", re.compile(r"\bmlx[-_]lm\b", re.IGNORECASE)))


def _tool_format(text: str) -> str | None:
    """The format of the files a quantizer's card publishes, by the tool its opening names ("Using
    llama.cpp release b3600 for quantization"), else by the files it lists ("X-Q4_K_M.gguf")."""
    head = text[:1500]
    for fmt, tool in _TOOL_FORMATS:
        if tool.search(head):
            return fmt
    return "GGUF" if re.search(r"\.gguf\b", text, re.IGNORECASE) else None


def _quantized_build(col: _Collector, mentions: list[Mention],
                     front: dict[str, Any]) -> tuple[Mention | None, Mention | None]:
    """The model of a card that publishes a quantized build of another ("quantized_by: X" in its
    front matter, or "base_model_relation: quantized"), as its heading names it: "<the original's
    name> - GGUF". The build is quantized from the original.
    Returns the build and its quantizer (``None`` when the card is no such card, names no build,
    or names no quantizer)."""
    quantizer = front.get("quantized_by")
    stated = _QUANT_STATEMENT.search(col.text, 0, min(len(col.text), 1500))
    if not isinstance(quantizer, str) and str(front.get("base_model_relation") or "").lower() != "quantized" \
            and stated is None:
        return None, None
    names = [n for n in (front.get("model_name"), col.document.title) if isinstance(n, str) and n.strip()]
    base = front.get("base_model")
    bases = [b.split("/")[-1] for b in ([base] if isinstance(base, str) else base or [])
             if isinstance(b, str)]
    names += bases
    if stated is not None:  # "EXL3 quants of X": the model the statement names
        named = [m for m in mentions if m.type in ("Model", "ModelFamily")
                 and stated.end() <= m.start <= stated.end() + 80][:1]
        names += [n for m in named for n in (m.text.split("/")[-1], m.label)]
    keys = {name_key(n) for n in names}
    head = next((h for h in _BUILD_HEADING.finditer(col.text, 0, min(len(col.text), 6000))
                 if name_key(h.group("name")) in keys), None)
    if head is not None:
        name, fmt = head.group("name").strip(), head.group("fmt")
        build = Mention(head.start("name"), head.end("fmt"), col.text[head.start("name"):head.end("fmt")],
                        "Model", f"{name} {fmt}", "card-build")
    else:
        # no heading names the build: a card of one base that names its format ("Quantized to
        # i1-GGUF ...", tags: [GGUF]) publishes "<base> <format>"
        tags = front.get("tags")
        tag_text = " ".join(t for t in ([tags] if isinstance(tags, str) else tags or [])
                            if isinstance(t, str))
        fmt_at = _FORMAT_WORD.search(col.text, 0, min(len(col.text), 1500))
        fmt_m = fmt_at or _FORMAT_WORD.search(tag_text)
        title = col.document.title
        # "Llamacpp imatrix Quantizations of X": the title names the original, not the build
        of_original = _QUANT_STATEMENT.search(title) is not None
        fmt = fmt_m.group(1).upper() if fmt_m else _tool_format(col.text) if of_original else None
        if len(bases) != 1 or fmt is None or (stated is None and not isinstance(quantizer, str)) or (
                not of_original and any(m.type in ("Model", "ModelFamily") and m.text in title
                                        and name_key(m.text) != name_key(str(quantizer or ""))
                                        for m in mentions)):
            return None, None  # a card whose title names its model says which build it is
        name = bases[0]
        pos = fmt_at.start() if fmt_at else 0
        build = Mention(pos, pos, name, "Model", f"{name} {fmt}", "card-build")
    ev = _sentence_evidence(col.text, col.bounds, build.start, "card-build", 0.9)
    original = next((m for m in mentions if m.type in ("Model", "ModelFamily")
                     and name_key(m.label) == name_key(name)), None)
    if original is None:
        original = Mention(build.start, build.start + len(name), name, "Model", name, "card-build")
    col.relation(col.entity(build), "quantizedFrom", col.entity(original), ev)
    creator = front.get("model_creator")
    if isinstance(creator, str):  # "model_creator: Argilla": who made the original (an organisation
        # the text or the gazetteer knows: not a display name such as "Meta Llama 2")
        orgs = {slot["label"] for (kind, key), slot in col.entities.items()
                if kind == "Organization" and key == name_key(creator)}
        if len(orgs) == 1:
            col.relation(col.entity(original), "developedBy", EntityRef("Organization", orgs.pop()), ev)
    if not isinstance(quantizer, str) or not re.fullmatch(r"[\w.-]{2,40}", quantizer.strip()):
        return build, None
    q = quantizer.strip()
    at = re.search(r"(?<![\w-])" + re.escape(q) + r"(?![\w-])", col.text)
    return build, (Mention(at.start(), at.end(), q, "Organization", q, "card-quantizer") if at else
                   Mention(build.start, build.start, q, "Organization", q, "card-quantizer"))


#: a card's heading that is a template's word, not its model's name ("# merge" of mergekit's card)
_GENERIC_TITLES = frozenset({"merge", "model", "models", "readme", "model card", "modelcard", "untitled",
                             "uploaded model"})


def _named_main_model(col: _Collector, mentions: list[Mention], gaz: Gazetteer) -> Mention | None:
    """The document's model (:func:`main_model`), unless only a template's heading names it."""
    main = main_model(col, mentions, gaz)
    if main is not None and " ".join(main.label.split()).lower() in _GENERIC_TITLES:
        return None
    return main


def _title_over_base(col: _Collector, subject: Mention | None, front: dict[str, Any]) -> Mention | None:
    """A fine-tune's card titled by its repository's name, the base's name and a suffix
    ("kestrel-3-8b-sql" over ``base_model: corvid/Kestrel-3-8B``): the entity finder may read only
    the base's name in the title, and the card's model is the whole title."""
    base = front.get("base_model")
    keys = {name_key(b.split("/")[-1]) for b in ([base] if isinstance(base, str) else base or [])
            if isinstance(b, str)}
    title = col.document.title.strip().lstrip("#").strip()
    if subject is None or name_key(subject.label) not in keys or not re.fullmatch(r"[\w.-]{3,80}", title):
        return subject
    key = name_key(subject.label)
    if name_key(title) == key or not name_key(title).startswith(key):
        return subject
    at = col.text.find(title)
    start = max(at, 0)
    return Mention(start, start + (len(title) if at >= 0 else 0), title, "Model", title, "card-title")


#: lineage edges that say how a model was made from another, more than "fine-tuned"
_HOW_MADE = ("quantizedFrom", "mergedFrom", "distilledFrom", "adapterOf")


def _model_card(col: _Collector, mentions: list[Mention], gaz: Gazetteer) -> None:
    front = col.document.metadata.get("front_matter")
    if not isinstance(front, dict):
        # a card copied without its front matter (a hub mirror, a report's model card section)
        # still states its fields: "Model developers: X", "Finetuned from: Y"
        if not _CARD_FIELD.search(col.text, 0, min(len(col.text), 8000)) and \
                not _QUANT_STATEMENT.search(col.text, 0, 1500):
            return
        front = {}
    build, quantizer = _quantized_build(col, mentions, front)
    subject = build or _named_main_model(col, mentions, gaz)
    subject = _title_over_base(col, subject, front) if build is None else subject
    publisher = quantizer or (_card_publisher(col, mentions) if subject is not None else None)
    if subject is not None and publisher is not None:
        subj = col.entity(subject)
        for key in [k for k, r in col.relations.items() if k[0] == subj and k[1] == "developedBy"
                    and r.evidence.rule in _GUESSED_DEVELOPER]:
            del col.relations[key]
        col.relation(subj, "developedBy", col.entity(publisher), _sentence_evidence(
            col.text, col.bounds, publisher.start, "card-publisher", 0.85))
    if subject is not None:
        _this_is_a_conversion(col, mentions, subject)
        _card_fields(col, mentions, subject, build, _card_relation(col, front, build))
    base = front.get("base_model")
    bases = [base] if isinstance(base, str) else [b for b in base or [] if isinstance(b, str)]
    if subject is None or not bases:
        return
    relation = _card_relation(col, front, build)
    predicate = _CARD_RELATIONS.get(relation, "derivedFrom")
    subj = col.entity(subject)
    for b in bases:
        short = b.split("/")[-1]
        entry = gaz.lookup(short)
        label = entry.label if entry else short
        pos = col.text.find(short)
        ev = (_sentence_evidence(col.text, col.bounds, pos, f"front-matter:{relation}", 0.95)
              if pos >= 0 else evidence_for(col.text, 0, 0, rule=f"front-matter:{relation}", confidence=0.95))
        obj = col.entity(Mention(max(pos, 0), max(pos, 0) + (len(short) if pos >= 0 else 0),
                                 short, "Model", label, "front-matter"))
        if predicate == "fineTunedFrom" and any((subj, p, obj) in col.relations for p in _HOW_MADE):
            continue  # "This model is a quantized version of X": the text says how, the default does not
        col.relation(subj, predicate, obj, ev)


#: link texts that say what a link is, not which model: "here", "this model", "weights"
_LINK_WORDS = frozenset("here link this model models weights repo repository card hub page download "
                        "checkpoint original base gguf awq gptq exl2".split())


def _link_models(col: _Collector, mentions: list[Mention], hints: Sequence[LinkHint],
                 gaz: Gazetteer) -> list[Mention]:
    """Links to Hugging Face model repositories name models: the repository id is a name of the
    model the link text names ("[Llama 2 7B Chat](…/meta-llama/Llama-2-7b-chat-hf)"); a link text
    that shortens the repository's name is a model of that name ("[Corra](…/corra-lab/Corra-12B)"
    names Corra, a line or release the text does not tell apart); a link
    whose text only describes it ("[GGUF models for CPU inference](…/quantfarm/Corra-12B-GGUF)")
    names the repository's model. The repository's owner is its publisher (:func:`_publishers`).

    Returns the new mentions (model mentions with the owner as ``extra["publisher"]``).
    """
    out: list[Mention] = []
    models = [m for m in mentions if m.type in ("Model", "ModelFamily")]
    for h in hints:
        repo = h.repo_id
        if repo is None or h.end <= h.start:
            continue
        owner, name = repo.split("/", 1)
        key = name_key(name)
        if gaz.lookup(name) is None and not any(_SIZE_PART.match(p) or _VERSION_PART.match(p)
                                                for p in _name_parts(name)) or is_non_entity(name):
            continue  # a model repository names a size or a version
        text = col.text[h.start:h.end]
        inside = [m for m in models if m.start < h.end and m.end > h.start]
        same = [m for m in inside if re.sub(r"hf$", "", key) in (name_key(m.label), name_key(m.text))]
        entry = gaz.lookup(name)
        label = entry.label if entry else name
        if same:
            label, start, end = same[0].label, same[0].start, same[0].end
        elif not inside and re.fullmatch(r"[A-Z][\w.+-]*(?: [A-Z][\w.+-]*){0,2}", text) and \
                key.startswith(name_key(text)) and text.lower() not in _LINK_WORDS:
            # "succeeded by [Corra](…/Corra-Qwen-14B-v0.1)": the text names a model (or its
            # line) by the short name; the repository it points to is one release of it
            owned = name_key(text) == key and not key.startswith(name_key(owner))
            # the repository's own name as the link's text: its owner published it
            m = Mention(h.start, h.end, text, "Model", text, "link-text",
                        extra={"publisher": owner, "owner": owner} if owned else {})
            col.entity(m)
            out.append(m)
            continue
        elif re.search(r"\.(?:gguf|ggml|bin|safetensors)$", text, re.IGNORECASE) or (
                inside and text.strip() == col.text[inside[0].start:inside[-1].end].strip()):
            continue  # a file of the repository; another model the text names
        else:
            start, end = h.start, h.end
        publisher = "" if name_key(name).startswith(name_key(owner)) else owner
        m = Mention(start, end, repo, "Model", label, "link-repo",
                    extra={"publisher": publisher, "owner": owner} if publisher else {})
        col.entity(m)
        out.append(m)
    return out


#: a card's fields naming who made its model and what from ("- **Developed by:** X", "- Finetuned
#: from model [optional]: Y", "Model creator: X", "Original model: Y"), the HF card template's and
#: the quantizers'
_CARD_FIELD = re.compile(
    r"(?im)^[ \t]*(?:[-*•+][ \t]+)?(?P<key>(?:model\s+)?(?:developed|created|trained|built|made|shared|"
    r"published|released)\s+by|model\s+developers?|developers?|model\s+creators?|creators?|publisher|"
    r"organi[sz]ation(?:\s+developing\s+the\s+model)?|"
    r"(?P<how>fine-?tuned|finetuned|trained|quanti[sz]ed|distilled|merged|converted|derived)\s+from"
    r"(?:\s+models?)?|(?P<base>base|parent|original|source)\s+models?)(?:[ \t]*\[optional\])?"
    r"(?:[ \t]*\(s\))?[ \t]*:[ \t]*(?P<value>[^\n]{1,200})$")
_FIELD_HOW = {"fine": "fineTunedFrom", "fine-": "fineTunedFrom", "finet": "fineTunedFrom",
              "train": "fineTunedFrom", "quant": "quantizedFrom", "disti": "distilledFrom",
              "merge": "mergedFrom", "conve": "derivedFrom", "deriv": "derivedFrom"}


def _card_fields(col: _Collector, mentions: list[Mention], subject: Mention, build: Mention | None,
                 relation: str) -> None:
    """A card's "Developed by:" / "Finetuned from model:" / "Base model:" fields: the card's model
    (its build, when it publishes one) was made by the organisation and from the model they name.
    "Model creator:" on a build's card names who made the original."""
    subj = col.entity(subject)
    for f in _CARD_FIELD.finditer(col.text, 0, min(len(col.text), 8000)):
        inside = [m for m in mentions if f.start("value") <= m.start < f.end("value")]
        key = f.group("key").lower()
        if f.group("how") or f.group("base"):
            models = [m for m in inside if m.type in ("Model", "ModelFamily")]
            if not models or col.entity(models[0]) == subj:
                continue
            if f.group("how"):
                predicate = _FIELD_HOW.get(f.group("how").lower()[:5], "derivedFrom")
            elif f.group("base").lower() in ("original", "source"):
                predicate = "quantizedFrom" if build is not None else "derivedFrom"
            else:
                predicate = _CARD_RELATIONS.get(relation, "fineTunedFrom")
            col.relation(subj, predicate, col.entity(models[0]), _sentence_evidence(
                col.text, col.bounds, models[0].start, "card-field", 0.85))
            continue
        # every lab the field names ("A and B"), but the lab of "the X Team, Y" is Y
        orgs = [m for m in inside if m.type == "Organization"]
        labs = [col.entity(m) for m in orgs if not m.label.lower().endswith(" team")] or \
            [col.entity(m) for m in orgs[:1]]
        if not labs:
            named = _org_named(col, [re.sub(r"[\[\]*_]|\(.*?\)", "", f.group("value")).strip(" .,;")])
            labs = [EntityRef("Organization", named.pop())] if len(named) == 1 else []
        maker_of = subj
        if "creator" in key:
            # "Model creator:" on a quantization's card (a build it publishes, or a card whose
            # model is named as one, "X - GGUF") names who made the original
            built = col.entity(build) if build is not None else subj
            original = next((o for (s, p, o) in col.relations if s == built and p == "quantizedFrom"), None)
            if original is None and build is not None:
                continue
            maker_of = original or subj
        if labs:  # a stated developer overrides the ones guessed from names and families
            for k in [k for k, r in col.relations.items() if k[0] == maker_of and k[1] == "developedBy"
                      and r.evidence.rule in _GUESSED_DEVELOPER]:
                del col.relations[k]
        for org in labs:
            col.relation(maker_of, "developedBy", org, _sentence_evidence(
                col.text, col.bounds, f.start("value"), "card-field", 0.85))


#: "this is X, dequantised from q5 to f16": a card's model is X made over (the participle says how)
_THIS_IS = re.compile(r"(?im)^[\s>*_]*(?:this|it)\s+is\s+(?:a\s+|an\s+|the\s+)?$")
_CONVERTED = [
    (re.compile(r"^\W{0,3}\s*(?:quanti[sz]ed|requanti[sz]ed)\b", re.IGNORECASE), "quantizedFrom"),
    (re.compile(r"^\W{0,3}\s*(?:fine-?tuned|finetuned|instruction-tuned)\b", re.IGNORECASE), "fineTunedFrom"),
    (re.compile(r"^\W{0,3}\s*(?:dequanti[sz]ed|converted|transposed|upcast|re-?uploaded|re-?packaged|"
                r"ported|exported|de-?quanti[sz]ed)\b", re.IGNORECASE), "derivedFrom"),
]


def _this_is_a_conversion(col: _Collector, mentions: list[Mention], subject: Mention) -> None:
    """A card that opens "this is X, dequantised from q5 to f16" (or "converted to ...", "quantized
    to 4 bits") publishes X made over: its model is derived (quantized, fine-tuned) from X."""
    subj = col.entity(subject)
    for m in mentions:
        if m.type not in ("Model", "ModelFamily") or m.start > 4000:
            continue
        line_start = col.text.rfind("\n", 0, m.start) + 1
        if not _THIS_IS.match(col.text, line_start, m.start) or col.entity(m) == subj:
            continue
        after = col.text[m.end:m.end + 40]
        for pattern, predicate in _CONVERTED:
            if pattern.match(after):
                col.relation(subj, predicate, col.entity(m), _sentence_evidence(
                    col.text, col.bounds, m.start, "card-this-is", 0.8))
                break


#: a card that says its model is a merge: "a merge of pre-trained language models", "made with mergekit"
_MERGE_CUE = re.compile(r"\bmerge(?:d|s)?\s+(?:of|with|using)\b|\bmergekit\b|\bmerge\s+method\b|"
                        r"\b(?:slerp|ties|dare)\s+merge\b", re.IGNORECASE)


def _card_relation(col: _Collector, front: dict[str, Any], build: Mention | None) -> str:
    """How a card's model was made from its ``base_model``: as ``base_model_relation`` says, a
    quantized build, a merge (tagged ``merge``/``mergekit`` or saying so in its opening), else
    fine-tuned."""
    if build is not None:
        return "quantized"
    stated = front.get("base_model_relation")
    if isinstance(stated, str) and stated.strip():
        return stated.strip().lower()
    tags = front.get("tags")
    tags = [t.lower() for t in ([tags] if isinstance(tags, str) else tags or []) if isinstance(t, str)]
    if "merge" in tags or "mergekit" in tags or _MERGE_CUE.search(col.text[:3000]):
        return "merge"
    if any(t.startswith("base_model:adapter:") for t in tags) or \
            str(front.get("library_name") or "").lower() == "peft" and _ADAPTER_CUE.search(col.text[:3000]):
        return "adapter"  # the hub's tag for a LoRA of its base; a PEFT card that says it is one
    return "finetune"


#: a card's word that its files are an adapter over its base, not full weights
_ADAPTER_CUE = re.compile(r"\b(?:q?lora|adapter)s?\b", re.IGNORECASE)


#: what introduces the list of a merge's parts: "The following models were included in the
#: merge:", "It uses the following base models:"
_MERGE_LIST_INTRO = re.compile(r"\b(?:following|these|below)\b[^:\n]{0,40}\bmodels?\b[^:\n]{0,40}:\s*$",
                               re.IGNORECASE)
_LIST_LINE = re.compile(r"(?m)^[ \t]*(?:[-*•+]|\d+[.)])[ \t]+")
#: the models of a merge configuration (mergekit's YAML: "- model: org/X", "base_model: org/X",
#: "- source_model: org/X")
_CONFIG_MODEL = re.compile(r"(?m)^[ \t]*(?:-[ \t]*)?(?:model|base_model|source_model)[ \t]*:[ \t]*"
                           r"[\"']?(?P<id>[\w.-]+(?:/[\w.-]+)?)[\"']?[ \t]*$")
_CONFIG_MERGE = re.compile(r"(?m)^[ \t]*(?:merge_method|slices|experts|models)[ \t]*:")


def _merge_parts(col: _Collector, mentions: list[Mention], gaz: Gazetteer,
                 code: Sequence[CodeBlock]) -> None:
    """The models a merge card's model was merged from: the list after "the following models
    were included in the merge:" (in a text that speaks of merging), and the models of a merge
    configuration in a code block (mergekit's YAML). Front matter ``base_model`` is read by
    :func:`_model_card`."""
    front = col.document.metadata.get("front_matter")
    card = col.document.doc_type == "ModelCard" or isinstance(front, dict)
    if not card or not _MERGE_CUE.search(col.text) and not any(_CONFIG_MERGE.search(c.text) for c in code):
        return
    subject = _named_main_model(col, mentions, gaz)
    if subject is None:
        return
    subj = col.entity(subject)
    models = sorted((m for m in mentions if m.type in ("Model", "ModelFamily")), key=lambda m: m.start)
    for intro in re.finditer(r"(?m)^[^\n]*$", col.text):
        line = intro.group()
        if not _MERGE_LIST_INTRO.search(line):
            continue
        context = col.text[max(0, intro.start() - 400):intro.end()]
        if not _MERGE_CUE.search(context) and not re.search(r"\b(?:MoE|mixture\s+of\s+experts)\b", context,
                                                            re.IGNORECASE):
            continue
        pos = intro.end() + 1
        while pos < len(col.text):
            item = _LIST_LINE.match(col.text, pos)
            if item is None:
                break
            end = col.text.find("\n", pos)
            end = len(col.text) if end < 0 else end
            first = next((m for m in models if item.end() <= m.start < end), None)
            if first is not None and not col.text[item.end():first.start].strip("*_[ "):
                ev = _sentence_evidence(col.text, col.bounds, first.start, "merge-list", 0.85)
                col.relation(subj, "mergedFrom", col.entity(first), ev)
            pos = end + 1
    for block in code:
        if not _CONFIG_MERGE.search(block.text):
            continue
        ev = evidence_for(col.text, block.at, block.at, rule="code:merge-config", confidence=0.85)
        for m in _CONFIG_MODEL.finditer(block.text):
            short = m.group("id").split("/")[-1]
            known = next((x for x in models if name_key(x.label) == name_key(short)), None)
            entry = gaz.lookup(short)
            obj = known or Mention(block.at, block.at, short, "Model", entry.label if entry else short,
                                   "merge-config")
            col.relation(subj, "mergedFrom", col.entity(obj), ev)


#: a repository name's ending that names the release, not another model ("-base", "-hf")
_REPO_VARIANT_PARTS = frozenset({"base", "hf", "pt", "v1", "v0"})


def _publishers(col: _Collector, mentions: list[Mention], gaz: Gazetteer) -> None:
    """The owner of a repository id ("TheBloke/Kestrel-7B-GGUF") is an organisation: its publisher,
    the lab of the text whose name it is ("quarrybank" of Quarrybank Analytics) when there is one.

    The publisher of a quantized or converted release ("-GGUF", "-AWQ", "-fp8") made it: it is
    its developer, not the maker of the model it was made from (a guess from the name's line is
    dropped). The publisher of any other repository is its model's developer when the text gives
    no other and the gazetteer does not know the line as another lab's.
    """
    from .components.entities import _DERIVATIVE_WORDS

    labs: dict[str, str] = {}
    for m in mentions:
        if m.type == "Organization":
            labs.setdefault(name_key(m.label), m.label)
            labs.setdefault(name_key(m.label.split()[0]), m.label)
    lines = _developer_lines(gaz)
    for m in mentions:
        owner = m.extra.get("publisher")
        if owner and m.type in ("Model", "ModelFamily"):
            at = m.start
            label = labs.get(name_key(owner), owner)
            written = m.extra.get("owner", owner)  # "tiiuae": the name kept among the lab's names
            org = col.entity(Mention(at, at + len(written), written, "Organization", label, "repo-owner"))
            subj = col.entity(m)
            parts = _name_parts(m.label)
            developers = {k: r for k, r in col.relations.items() if k[0] == subj and k[1] == "developedBy"}
            if any(p in _DERIVATIVE_WORDS or p in ("exl2", "fp8", "dynamic") for p in parts):
                for k, r in developers.items():
                    if r.evidence.rule in _GUESSED_DEVELOPER:
                        del col.relations[k]
            elif developers or next((lines[tuple(parts[:k])] for k in range(len(parts), 0, -1)
                                     if tuple(parts[:k]) in lines), org.label) != org.label:
                continue
            ev = _sentence_evidence(col.text, col.bounds, at, "repo-publisher", 0.7)
            col.relation(subj, "developedBy", org, ev)
            # "…/cerebras/btlm-3b-8k-base" under a text about "BTLM-3B-8K": the same model's release
            while parts and parts[-1] in _REPO_VARIANT_PARTS:
                parts = parts[:-1]
            for other in mentions:
                if other.type == "Model" and other.label != m.label and _name_parts(other.label) == parts:
                    ref = col.entity(other)
                    if not any(k[0] == ref and k[1] == "developedBy" for k in col.relations):
                        col.relation(ref, "developedBy", org, replace(ev, rule="repo-publisher-of-name"))
