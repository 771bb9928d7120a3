"""Relations over the dependency parse, driven by the trigger lexicon ``patterns/triggers.tsv``.

One rule per trigger *kind*, not per phrasing: a verb trigger finds its agent (the active
subject, the passive "by" object), its patient (the active object, the passive subject, the noun
a participle modifies) and its prepositional objects through the tree; a noun trigger finds what
it describes (the subject of "is a merge of", the anchor of an apposition "X, the successor to
Y", the possessor's noun in "Y's successor X") and its "of"/"to" object. Each side is then
resolved to the names it stands for: a mention, the names in a list ("IBM, Princeton and
CMU"), a generic noun's name ("a family of models called Hermes 3", "the open model Gemma"),
the antecedent of "which", the discourse subject for "it". A new phrasing is one line of the
lexicon; the rules below change only for a new *shape*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..records import RELATION_PREDICATES
from .entities import Mention
from .relations import RelationHit, SentenceTemplate
from .syntax import ParsedToken, SentenceParse

__all__ = ["KINDS", "PREPOSITIONS", "ROLES", "SIGNATURES", "TRIGGERS_PATH", "Trigger", "TriggerIndex",
           "find_dep_relations", "inflections", "load_triggers"]

TRIGGERS_PATH = Path(__file__).resolve().parents[1] / "patterns" / "triggers.tsv"

KINDS = frozenset({"verb", "noun", "adj", "poss", "prep"})
PREPOSITIONS = frozenset({"on", "upon", "off", "atop", "from", "with", "into", "onto", "in", "within",
                          "across", "of", "to", "for", "at", "by", "including", "as", "behind", "using"})
ROLES = frozenset({"agent", "patient", "head", "self", "result", "poss", "compound"}) | PREPOSITIONS

_MODEL = frozenset({"Model", "ModelFamily"})
#: which mention types each predicate joins: (subject types, object types)
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "developedBy": (_MODEL, frozenset({"Organization"})),
    "employer": (frozenset({"Person"}), frozenset({"Organization"})),
    "fitsOn": (_MODEL, frozenset({"Hardware"})),
    **dict.fromkeys(("memberOfFamily", "successorOf", "derivedFrom", "distilledFrom", "fineTunedFrom",
                     "quantizedFrom", "mergedFrom", "adapterOf"), (_MODEL, _MODEL)),
}

#: nouns that stand for the model named next to them ("the open model Gemma 3", "models A and B")
MODEL_HEADS = frozenset(
    """model models llm llms system systems family families series lineup line version versions
    variant variants release releases checkpoint checkpoints weights assistant chatbot""".split())
#: ... for a lab ("the startup Brume", "Corvid Labs engineers"), for hardware ("two A100 GPUs")
GENERIC_HEADS = MODEL_HEADS | frozenset(
    """company companies lab labs startup startups firm firms developer developers maker
    organization organisation team teams group outfit rival rivals engineers researchers
    scientists chip chips gpu gpus accelerator accelerators card cards""".split())
#: nouns whose "of" object is the name ("the launch of X", "the weights of X")
OF_HEADS = frozenset(
    """launch release debut introduction unveiling rollout arrival availability weights
    checkpoint checkpoints""".split())
#: verbs that name the outcome of training ("fine-tuned X to create Y", "has led to Y")
#: participles a made model is described by, with how it was made ("formed by merging A and B")
_FORM_VERBS = frozenset("formed constructed derived developed trained initialized initialised".split())
_RESULT_VERBS = frozenset(
    """create creates created creating produce produces produced producing build builds built
    building make makes made making obtain obtains obtained yield yields yielded yielding get
    gets got lead leads led leading result results resulted resulting give gives gave giving
    become becomes became""".split())
#: a head of "one of the co-founders of X"
PARTITIVES = frozenset("one two three four some several many each any all among none".split())
#: a noun phrase that stands for the model being talked about
_THIS_MODEL = frozenset("it this model the its".split())
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_NAME_VERBS = frozenset("called named dubbed titled branded codenamed code-named known".split())


@dataclass(frozen=True)
class Trigger:
    """One line of the lexicon."""

    kind: str
    lemma: str
    forms: frozenset[str]
    predicate: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    cue: frozenset[str]
    line: int

    @property
    def rule(self) -> str:
        """The rule name facts found by this line carry (``dep-verb-base``)."""
        return f"dep-{self.kind}-{self.lemma}"


def inflections(word: str, kind: str) -> frozenset[str]:
    """The forms of ``word`` a trigger matches: -s, -es, -ed, -ing (with a doubled consonant)
    for verbs, plurals for nouns; a few that are not English do no harm.

    >>> sorted(inflections("base", "verb"))
    ['base', 'based', 'bases', 'basing']
    >>> sorted(inflections("successor", "noun"))
    ['successor', 'successores', 'successors']
    """
    w = word.lower()
    forms = {w}
    if kind == "verb":
        if w.endswith("e"):
            forms |= {w + "s", w + "d", w[:-1] + "ing"}
        elif w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
            forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
        else:
            forms |= {w + "s", w + "es", w + "ed", w + "ing", w + w[-1] + "ed", w + w[-1] + "ing"}
    elif kind == "noun":
        forms |= {w + "s", w + "es"}
    return frozenset(forms)


def load_triggers(path: Path = TRIGGERS_PATH) -> tuple[Trigger, ...]:
    """Read and check the lexicon (``#`` lines are comments).

    Raises:
        ValueError: a line with an unknown kind, predicate or role, naming the line.
    """
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.rstrip("\n").split("\t")
        if len(cols) not in (5, 6):
            raise ValueError(f"{path.name}:{n}: expected 5 or 6 tab-separated columns, got {len(cols)}")
        kind, trigger, predicate, subject, obj = (c.strip() for c in cols[:5])
        cue = cols[5].strip() if len(cols) == 6 else ""
        if kind not in KINDS:
            raise ValueError(f"{path.name}:{n}: unknown kind {kind!r}")
        if predicate not in RELATION_PREDICATES or predicate not in SIGNATURES:
            raise ValueError(f"{path.name}:{n}: unknown predicate {predicate!r}")
        roles = (tuple(subject.split("|")), tuple(obj.split("|")))
        for r in roles[0] + roles[1]:
            if r not in ROLES:
                raise ValueError(f"{path.name}:{n}: unknown role {r!r}")
        spellings = [s.strip().lower() for s in trigger.split("|") if s.strip()]
        if not spellings:
            raise ValueError(f"{path.name}:{n}: no trigger")
        forms: set[str] = set()
        for s in spellings:
            forms |= inflections(s, kind)
        out.append(Trigger(kind, spellings[0], frozenset(forms), predicate, roles[0], roles[1],
                           frozenset(c.strip().lower() for c in cue.split("|") if c.strip()), n))
    return tuple(out)


#: the word a structural line reads: "'s" (and a plural's "s'"), else the preposition
_STRUCTURAL_CUE = {"poss": r"\w['’]s?(?![\w'’])"}
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
#: a sentence that may speak of the model the text is about without naming it
_THIS_MODEL_WORD = re.compile(r"(?<![\w-])(?:it|model)(?![\w-])", re.IGNORECASE)


class TriggerIndex:
    """The lexicon indexed by word form, and the test of which sentences are worth parsing."""

    def __init__(self, triggers: Sequence[Trigger]) -> None:
        self.triggers = tuple(triggers)
        self.by_form: dict[str, list[Trigger]] = {}
        self.structural = [t for t in self.triggers if t.kind in ("poss", "prep")]
        for t in self.triggers:
            if t.kind in ("verb", "noun", "adj"):
                for f in t.forms:
                    self.by_form.setdefault(f, []).append(t)
        self._cues = [(re.compile(_STRUCTURAL_CUE.get(t.kind, rf"(?<![\w-]){re.escape(t.lemma)}(?![\w-])"),
                                  re.IGNORECASE), t.predicate) for t in self.structural]

    def words(self) -> list[str]:
        """Every word form of a verb, noun or adjective trigger."""
        return sorted(self.by_form)

    def worth_parsing(self, sent: SentenceTemplate) -> bool:
        """Whether a rule could read something in this sentence's parse.

        It holds a trigger word (or, for the structural lines, a possessive or the preposition)
        and the names the trigger's predicate joins: a model and a lab for ``developedBy``, two
        models for lineage, a person and a lab for ``employer``, a model and a chip for
        ``fitsOn``; "it" or "the model" may stand for the model the text is about.
        """
        kinds = [m.type for m in sent.slots.values()]
        if not kinds:
            return False
        models = sum(1 for k in kinds if k in _MODEL)
        pronoun = _THIS_MODEL_WORD.search(sent.text) is not None

        def joins(predicate: str, *, may_be_it: bool) -> bool:
            s_types, o_types = SIGNATURES[predicate]
            if s_types is _MODEL and o_types is _MODEL:
                return models >= 2 or (may_be_it and pronoun and models >= 1)
            has_s = any(k in s_types for k in kinds) or (may_be_it and pronoun and s_types is _MODEL)
            return has_s and any(k in o_types for k in kinds)

        for word in _WORD.findall(sent.text.lower()):
            for trig in self.by_form.get(word, ()):
                if joins(trig.predicate, may_be_it=True):
                    return True
        return any(cue.search(sent.text) is not None and joins(predicate, may_be_it=False)
                   for cue, predicate in self._cues)


@lru_cache(maxsize=4)
def default_index(path: Path = TRIGGERS_PATH) -> TriggerIndex:
    """The bundled lexicon, read once."""
    return TriggerIndex(load_triggers(path))


# ----------------------------------------------------------------------------- the tree


def _is_passive(p: SentenceParse, v: ParsedToken) -> bool:
    if any(k.dep in ("nsubjpass", "auxpass", "csubjpass") for k in p.kids(v.i)):
        return True
    if any(k.dep == "nsubj" for k in p.kids(v.i)):
        return False
    # a participle that modifies a noun, opens the sentence or follows a copula: "X, fine-tuned
    # from Y", "Developed by Y, X is ...", "it is also distilled from Y"
    return v.tag in ("VBN", "JJ") and v.dep in ("acl", "amod", "advcl", "conj", "ROOT", "appos",
                                               "npadvmod", "acomp", "oprd")


def _subjects(p: SentenceParse, v: ParsedToken, depth: int = 0) -> list[ParsedToken]:
    """The subject of ``v``'s clause (inherited through "designed to run", "and released")."""
    subj = p.kids(v.i, "nsubj", "nsubjpass")
    if subj or depth > 3:
        return subj
    if v.dep in ("acl", "amod") and v.head != v.i:
        return [p.head(v.i)]  # "X, trained by Y": the noun the participle modifies
    if v.dep == "relcl":
        return [p.head(v.i)]
    if v.dep == "pcomp" and (frame := _in_the_process_of(p, v)) is not None:
        return _subjects(p, frame, depth + 1)  # "Y is in the process of developing X": Y's verb
    if v.dep in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp", "oprd") and v.head != v.i:
        return _subjects(p, p.head(v.i), depth + 1)
    return []


#: the nouns of "in the process / midst / middle of <verb>ing": the verb is the clause's own
_UNDER_WAY = frozenset({"process", "midst", "middle"})


def _in_the_process_of(p: SentenceParse, v: ParsedToken) -> ParsedToken | None:
    """The verb "in the process of ``v``" hangs on ("is in the process of crafting"), else None."""
    of = p.head(v.i)
    noun = p.head(of.i)
    into = p.head(noun.i)
    if of.lower != "of" or noun.lower not in _UNDER_WAY or noun.dep != "pobj" or into.lower != "in" \
            or into.head == into.i:
        return None
    return p.head(into.i)


def _prep_objects(p: SentenceParse, v: ParsedToken, prep: str) -> list[ParsedToken]:
    """The objects of ``v``'s preposition ``prep``; else of its object's ("leads research at Y":
    the parser may hang the phrase on either)."""
    out = _own_prep_objects(p, v, prep)
    if not out:
        for o in p.kids(v.i, "dobj"):
            out.extend(_own_prep_objects(p, o, prep))
    return out


def _own_prep_objects(p: SentenceParse, v: ParsedToken, prep: str) -> list[ParsedToken]:
    out = []
    for k in p.kids(v.i, "prep", "agent", "dative"):
        if k.lower != prep and not (prep == "on" and k.lower == "atop"):
            continue
        for o in p.kids(k.i, "pobj", "pcomp"):
            if o.lower in ("top", "basis", "foundation", "foundations", "shoulders"):
                # "on top of Y", "on the basis of Y", "upon the foundation of Y"
                out.extend(x for of in p.kids(o.i, "prep") if of.lower == "of" for x in p.kids(of.i, "pobj"))
            else:
                out.append(o)
    return out


def _role(p: SentenceParse, v: ParsedToken, trig: Trigger, role: str) -> list[ParsedToken]:
    """The tokens that fill ``role`` of trigger token ``v``."""
    if role in PREPOSITIONS:
        if role == "by" and trig.kind == "verb":
            return [x for a in p.kids(v.i, "agent") for x in p.kids(a.i, "pobj")]
        return _prep_objects(p, v, role)
    if role == "poss":
        return p.kids(v.i, "poss")
    if role == "compound":
        return [k for k in p.kids(v.i, "compound", "nmod") if k.slot is not None]
    if role == "head":
        described = _described(p, v)
        if trig.predicate == "memberOfFamily" and trig.kind == "noun" and v.dep == "appos" and \
                p.head(v.i).dep == "pobj" and p.head(p.head(v.i).i).lower in ("from", "by"):
            # "X is a model from Y, part of the Z family": the parser hangs the apposition on the
            # last noun; it describes the clause's subject as well
            described = described + p.kids(_clause(p, p.head(v.i)), "nsubj", "nsubjpass")
        if trig.kind == "adj" and not any(_names(p, d) for d in described):
            # "X achieves ... with fewer resources - deployable on two A100s": an adjective set
            # off from what it modifies describes its clause's subject
            described = p.kids(_clause(p, v), "nsubj", "nsubjpass")
        return described
    if role == "self":
        return [v]  # the noun's own name: "the Kestrel family, including ..."
    if role == "result":
        return _results(p, v)
    passive = trig.kind == "verb" and _is_passive(p, v)
    if role == "agent":
        if passive:
            return [x for a in p.kids(v.i, "agent") for x in p.kids(a.i, "pobj")]
        return [s for s in _subjects(p, v) if s.dep != "nsubjpass"]
    if role == "patient":
        if passive:
            return _subjects(p, v)
        objs = p.kids(v.i, "dobj", "obj")
        if not objs and v.dep == "relcl":  # "the model Y released": the noun it modifies
            return [p.head(v.i)]
        return objs
    return []


def _results(p: SentenceParse, v: ParsedToken) -> list[ParsedToken]:
    """What training ``v`` made: "fine-tuned X to create Y", "fine-tuning X has led to Y",
    "distilled X, resulting in Y"."""
    out = []
    for c in p.kids(v.i, "xcomp", "advcl", "conj", "acl"):
        if c.lower in _RESULT_VERBS:
            out += p.kids(c.i, "dobj", "attr", "oprd")
            out += [o for k in p.kids(c.i, "prep") if k.lower in ("to", "in", "into") for o in p.kids(k.i, "pobj")]
    for by in p.kids(v.i, "prep"):  # "enhanced X by training it ..., resulting in Y"
        if by.lower == "by":
            for means in p.kids(by.i, "pcomp"):
                out += [o for o in _results(p, means) if o not in out]
    by = p.head(v.i)
    if v.dep == "pcomp" and by.lower == "by" and by.head != by.i:
        # "X was created by merging A and B", "X, obtained by fine-tuning A": the made model
        verb = p.head(by.i)
        if verb.lower in _RESULT_VERBS | _FORM_VERBS:
            # the active "the team developed X by fine-tuning A" makes X as well
            out += p.kids(verb.i, "nsubjpass") or ([p.head(verb.i)] if verb.dep == "acl" else []) or \
                p.kids(verb.i, "dobj", "obj")
    if v.dep == "conj" and p.head(v.i).dep == "pcomp" and p.head(v.i).i != v.i:
        # "X was obtained by pruning and distilling A": the second gerund made X as well
        out += [o for o in _results(p, p.head(v.i)) if o not in out]
    if v.dep in ("csubj", "nsubj", "pcomp") and p.head(v.i).lower in _RESULT_VERBS:
        verb = p.head(v.i)
        out += p.kids(verb.i, "dobj", "attr")
        out += [o for k in p.kids(verb.i, "prep") if k.lower in ("to", "in", "into") for o in p.kids(k.i, "pobj")]
    return out


def _described(p: SentenceParse, n: ParsedToken) -> list[ParsedToken]:
    """What a noun or adjective trigger describes: "X is a merge of", "X, the successor to",
    "the successor to Y, X", "X is deployable on", "Y's founder X"."""
    out = p.kids(n.i, "appos")
    head = p.head(n.i)
    if n.dep in ("attr", "acomp", "oprd") or (n.dep == "ROOT" and p.kids(n.i, "nsubj")):
        verb = head if n.dep != "ROOT" else n
        out += p.kids(verb.i, "nsubj", "nsubjpass")
        if verb.dep in ("relcl",):  # "X, which is a fine-tune of Y"
            out.append(p.head(verb.i))
    elif n.dep in ("appos", "amod") and head.i != n.i:
        out.append(head)
    elif n.dep in ("compound", "nmod") and head.slot is not None:
        out.append(head)  # "co-founder Vivek Raghavan", "Baidu founder Robin Li"
    elif n.dep == "pobj" and head.lower == "as":
        verb = p.head(head.i)
        out += p.kids(verb.i, "dobj") or p.kids(verb.i, "nsubj", "nsubjpass")
    elif n.dep == "pobj" and head.lower == "of" and p.head(head.i).lower in PARTITIVES:
        out += _described(p, p.head(head.i))  # "one of the co-founders of Y"
    elif n.dep in ("nsubj", "nsubjpass"):
        out += p.kids(head.i, "attr")  # "The successor to Y is X"
    return out


def _names(p: SentenceParse, t: ParsedToken, depth: int = 0, *, lists: bool = True) -> list[ParsedToken]:
    """The mention tokens ``t`` stands for (a list's every name; a generic noun's name).

    ``lists=False``: the first name only, not the names listed after it ("A's release, X, and
    Y": X is A's, Y need not be).
    """
    if depth > 4:
        return []
    if not lists:
        first = _names(p, t, depth)
        return first[:1]
    if t.slot is not None:
        out = [t]
        for c in p.kids(t.i, "conj", "appos"):
            # the names of a list ("A, B and C"), not a noun in apposition ("X, the successor
            # to Y") nor another owner's name ("A's X, B's Y")
            if (c.slot is not None or c.lower in GENERIC_HEADS) and not p.kids(c.i, "poss"):
                out.extend(_names(p, c, depth + 1))
        return out
    out = []
    low = t.lower
    head = p.head(t.i)
    if low in ("which", "that", "who") and head.dep == "relcl":
        return _names(p, p.head(head.i), depth + 1)
    if not (t.tag.startswith("NN") or t.tag in ("CD", "PRP")):
        return []
    # "the model, X" (one apposition: a second one is another noun phrase the parser hung here)
    for c in p.kids(t.i, "appos")[:1] + p.kids(t.i, "conj"):
        if not p.kids(c.i, "poss"):
            out.extend(_names(p, c, depth + 1))
    if low in GENERIC_HEADS:
        # "the Gemma model", "Google's Gemma family"; not "six dense models": counted models
        # are others than the names before them
        if low not in MODEL_HEADS or not p.kids(t.i, "nummod"):
            for c in p.kids(t.i, "compound", "nmod", "npadvmod"):
                if c.slot is not None:
                    out.extend(_names(p, c, depth + 1))
        for acl in p.kids(t.i, "acl"):
            if acl.lower in _NAME_VERBS:  # "a family of models called Hermes 3"
                for c in p.kids(acl.i, "oprd", "dobj", "attr", "xcomp", "npadvmod"):
                    out.extend(_names(p, c, depth + 1))
                for a in p.kids(acl.i, "prep"):
                    if a.lower == "as":
                        for c in p.kids(a.i, "pobj"):
                            out.extend(_names(p, c, depth + 1))
        for of in p.kids(t.i, "prep"):  # "a family of models called X", "a new family of models, X"
            if of.lower == "of":
                for c in p.kids(of.i, "pobj"):
                    if c.lower in GENERIC_HEADS:
                        out.extend(_names(p, c, depth + 1))
        if not out and t.dep == "appos" and head.slot is not None:
            out.append(head)  # "X, the new model from Y"
        if not out and t.dep == "attr":
            out.extend(n for s in p.kids(head.i, "nsubj", "nsubjpass") for n in _names(p, s, depth + 1))
        if not out and t.dep == "pobj" and head.lower == "as":
            verb = p.head(head.i)
            out.extend(n for s in p.kids(verb.i, "dobj") for n in _names(p, s, depth + 1))
    if low in GENERIC_HEADS or t.tag == "NNS":
        # "several products, including the Kestrel model", "models such as A and B"
        for prep in p.kids(t.i, "prep"):
            if prep.lower == "including" or (prep.lower == "as" and any(
                    k.lower == "such" for k in p.kids(prep.i, "amod", "advmod"))):
                for c in p.kids(prep.i, "pobj"):
                    out.extend(_names(p, c, depth + 1))
    if low in OF_HEADS:
        for of in p.kids(t.i, "prep"):
            if of.lower == "of":
                for c in p.kids(of.i, "pobj"):
                    out.extend(_names(p, c, depth + 1))
    return out


def _antecedent(p: SentenceParse, t: ParsedToken) -> list[ParsedToken]:
    """The name "it" stands for when the sentence names it first: "X is fine-tuned from Y, but
    it is also distilled from Z" (the subject of the clause the pronoun's clause joins)."""
    verb = p.head(t.i)
    seen = 0
    while verb.dep in ("conj", "advcl", "ccomp", "xcomp", "acomp") and verb.head != verb.i and seen < 4:
        verb = p.head(verb.i)
        seen += 1
        for s in p.kids(verb.i, "nsubj", "nsubjpass"):
            names = _names(p, s)
            if names:
                return names[:1]
    return []


def _object_antecedent(p: SentenceParse, t: ParsedToken) -> list[ParsedToken]:
    """The name "it" stands for as the object of a clause joined to one whose object is a name:
    "repurposing X, transforming it into Y", "took X and fine-tuned it"."""
    verb = p.head(t.i)
    for _ in range(3):
        if verb.dep not in ("advcl", "conj", "xcomp") or verb.head == verb.i:
            return []
        verb = p.head(verb.i)
        for o in p.kids(verb.i, "dobj"):
            names = _names(p, o)
            if names:
                return names[:1]
    return []


def _is_this_model(p: SentenceParse, t: ParsedToken) -> bool:
    """ "it", "this model", "the model" as the subject of the sentence's main clause (or of a
    clause joined to it): the discourse subject. Inside a reported or subordinate clause ("the
    point is that it runs on ...") "it" may be anything."""
    if t.slot is not None or t.dep not in ("nsubj", "nsubjpass"):
        return False
    if t.i == 0 and t.lower == "it":
        # the sentence opens with it: the text's model, however the parser hangs the rest
        # ("It is obtained by pruning Y; specifically, we prune ..." parsed under the second clause)
        return True
    verb = p.head(t.i)
    # up through joined clauses and unmarked complements ("X says it runs on ...") to the root;
    # a clause opened by "that", "if", "because" ... is not the sentence's own claim
    while verb.dep in ("conj", "xcomp", "ccomp") and verb.head != verb.i:
        if verb.dep == "ccomp" and p.kids(verb.i, "mark"):
            return False
        verb = p.head(verb.i)
    if verb.dep != "ROOT":
        return False
    if t.lower == "it":
        return True
    return t.lower == "model" and any(k.lower in ("this", "the") for k in p.kids(t.i, "det"))


def _negated(p: SentenceParse, v: ParsedToken) -> bool:
    # "not owned or developed by Y": the negation of the first verb covers the joined one
    near = [v, p.head(v.i)] if v.dep in ("attr", "acomp", "xcomp", "oprd") or (
        v.dep == "conj" and not any(k.lower in ("but", "yet") for k in p.kids(p.head(v.i).i, "cc"))) else [v]
    return any(k.dep == "neg" or k.lower in ("never", "not", "n't", "no")
               for t in near for k in p.kids(t.i, "neg", "advmod", "det"))


# ----------------------------------------------------------------------------- the rules


def find_dep_relations(parse: SentenceParse, sent: SentenceTemplate, index: TriggerIndex,
                       fallback: Mention | None = None) -> list[RelationHit]:
    """Relations the parse of one sentence states, by the lexicon's triggers.

    ``fallback`` is the discourse subject, for "it" and "the model" as a subject.
    """
    hits: list[RelationHit] = []
    seen: set[tuple[str, str, str]] = set()

    def emit(trig: Trigger, subjects: Iterable[ParsedToken], objects: Iterable[ParsedToken],
             alone: bool = False, v: ParsedToken | None = None) -> None:
        s_types, o_types = SIGNATURES[trig.predicate]
        if trig.predicate == "developedBy" and trig.kind != "poss":
            # "a quantization of X made by Y": Y made the quantization, not X
            subjects = [d for t in subjects for d in _made_of(parse, t, index)]
        if trig.predicate == "developedBy":
            # "Baidu's founder Robin Li introduces X": a lab's person releases the lab's model
            objects = [o for t in objects for o in [t, *_persons_lab(parse, sent, t)]]
        subs = [m for m in _mentions(parse, sent, subjects, fallback, alone=alone) if m.type in s_types]
        if not subs and v is not None and fallback is not None and _we_build_into(parse, v, trig):
            subs = [fallback]  # "we integrated X weights into the upscaled layers": the text's model
        objs = [m for m in _mentions(parse, sent, objects, None, alone=alone) if m.type in o_types]
        if trig.object == ("self",):
            # "the X family, including A, B and C": the family's own name, not the members it lists
            objs = [o for o in objs if all(o.label != s.label for s in subs)]
        # "A and B are fine-tuned from C and D, respectively": A from C, B from D
        paired = len(subs) == len(objs) > 1 and _RESPECTIVELY.search(sent.text) is not None
        for k, s in enumerate(subs):
            for o in [objs[k]] if paired else objs:
                if o.label == s.label:
                    continue
                if trig.predicate == "successorOf" and _stem(s.label).startswith(_stem(o.label)):
                    continue  # "Kestrel 3, the next generation of Kestrel": a member of its line
                key = (s.label, trig.predicate, o.label)
                if key in seen:
                    continue
                seen.add(key)
                hits.append(RelationHit(s, trig.predicate, o, sent, trig.rule, 0.85))

    for v in parse.tokens:
        if v.slot is not None:
            continue
        for trig in index.by_form.get(v.lower, ()):
            if not _pos_fits(trig.kind, v):
                continue
            if trig.cue and not any(k.lower in trig.cue for k in parse.kids(v.i)):
                continue
            if _negated(parse, v):
                continue
            subjects = [t for r in trig.subject for t in _role(parse, v, trig, r)]
            if not subjects:
                continue
            objects = [t for r in trig.object for t in _role(parse, v, trig, r)]
            if trig.predicate == "developedBy" and objects and all(o.lower in _UNITS for o in objects):
                # "developed by the Kestrel team at Corvid Labs" (the parser hangs "at" on the
                # verb): the lab the team is at
                labs = [x for k in parse.kids(v.i, "prep") if k.lower in ("at", "of", "within")
                        for x in parse.kids(k.i, "pobj") if x.slot is not None]
                objects = labs or objects
            if objects:
                emit(trig, subjects, objects, v=v)
    for trig in index.structural:
        for v in parse.tokens:
            if trig.kind == "poss":
                if trig.predicate == "employer" and trig.subject == ("head",) and any(
                        k.lower in _NOT_STAFF for k in parse.kids(v.i, "amod", "compound", "nmod")):
                    continue  # "Y's rival X" is not Y's
                # the owner's own noun phrase: no name between them but the noun's own
                # ("A's 14B Qwen model"); "A's X, Y and B's Z" parsed as one phrase headed by Z
                # is not A's Z
                owners = [o for o in parse.kids(v.i, "poss")
                          if not any(t.slot is not None and t.head != v.i for t in parse.tokens[o.i + 1:v.i])]
                if not owners:
                    continue
                sides = {"head": [v], "poss": owners}
            else:
                if v.slot is None and v.lower not in GENERIC_HEADS:
                    continue
                objs = [o for k in parse.kids(v.i, "prep") if k.lower == trig.lemma
                        for o in parse.kids(k.i, "pobj")]
                if not objs:
                    continue
                sides = {"head": _sharing(parse, v, trig.lemma), trig.lemma: objs}
            subjects = [t for r in trig.subject for t in sides.get(r, ())]
            objects = [t for r in trig.object for t in sides.get(r, ())]
            if subjects and objects:
                # "A's X, Y and B's Z", "X from A, and Y from B": the modified noun's own name
                # only, not the list it heads (a list "X and Y from A" the template rules read)
                emit(trig, subjects, objects, alone=True)
    return hits


#: a person "Y's <word> X" who is not Y's staff
_NOT_STAFF = frozenset("rival rivals competitor critic critics opponent customer client user investor".split())
#: what a lab puts into the model it builds ("we integrated X weights into ...")
_PARTS = frozenset("weights parameters layers checkpoint checkpoints".split())


_LINEAGE = frozenset({"derivedFrom", "fineTunedFrom", "quantizedFrom", "distilledFrom", "mergedFrom", "adapterOf"})


def _stem(label: str) -> str:
    """A name's comparison key: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", label.lower())


def _made_of(p: SentenceParse, t: ParsedToken, index: TriggerIndex) -> list[ParsedToken]:
    """``t``, unless it is what a lineage word names as its source ("a quantization of X", "fine-tuned
    from X"): then what that word describes (the maker of "a quantization of X made by Y" made the
    quantization, not X)."""
    prep = p.head(t.i)
    if t.dep != "pobj" or prep.lower not in ("of", "from", "on", "upon") or prep.head == prep.i:
        return [t]
    word = p.head(prep.i)
    if not any(trig.predicate in _LINEAGE for trig in index.by_form.get(word.lower, ())):
        return [t]
    if word.tag.startswith("NN"):
        return _described(p, word)
    return _subjects(p, word) if word.tag.startswith("VB") or word.tag == "JJ" else []


_UNITS = frozenset("team teams group unit division arm lab labs".split())


def _persons_lab(p: SentenceParse, sent: SentenceTemplate, t: ParsedToken) -> list[ParsedToken]:
    """The organisation a person or a team is named with, as its owner: "Y's founder X", "Y CEO
    X", "Y's Starry Team" (their release is then the organisation's too)."""
    if t.slot is None or t.slot not in sent.slots:
        return []
    m = sent.slots[t.slot]
    if m.type == "Organization" and m.label.split()[-1].lower() in _UNITS:
        return [k for k in p.kids(t.i, "poss") if k.slot is not None and sent.slots[k.slot].type == "Organization"]
    if m.type != "Person":
        return []
    out = [k for k in p.kids(t.i, "poss", "compound") if k.slot is not None]
    for title in p.kids(t.i, "compound", "appos"):
        out += [k for k in p.kids(title.i, "poss", "compound") if k.slot is not None]
    return [k for k in out if sent.slots[k.slot].type == "Organization"]


def _we_build_into(p: SentenceParse, v: ParsedToken, trig: Trigger) -> bool:
    """ "We integrated X weights into the upscaled layers": a lab's first person putting a model's
    weights into something that is not a name builds the model its text is about."""
    return (trig.kind == "verb" and "into" in trig.subject
            and any(s.lower == "we" for s in p.kids(v.i, "nsubj"))
            and any(o.lower in _PARTS for o in p.kids(v.i, "dobj")))


def _sharing(p: SentenceParse, v: ParsedToken, prep: str) -> list[ParsedToken]:
    """``v`` and the names listed before it that have no ``prep`` phrase of their own: "A and B
    of Y" (both of Y), not "A from X, and B from Y" (A is not from Y)."""
    out = [v]
    k = v
    while v.slot is not None and k.dep == "conj" and k.head != k.i:
        k = p.head(k.i)
        # another kind of name, or one with an owner or a phrase of its own, is not shared
        if (k.slot is None or k.tag != v.tag or p.kids(k.i, "poss")
                or any(x.lower == prep for x in p.kids(k.i, "prep"))):
            break
        out.append(k)
    return out


def _pos_fits(kind: str, v: ParsedToken) -> bool:
    if kind == "verb":
        return v.tag.startswith("VB") or v.tag == "JJ"  # "fine-tuned" is often read as an adjective
    if kind == "noun":
        return v.tag.startswith("NN")
    return v.tag.startswith("JJ") or v.tag.startswith("VB")


#: "the company" standing for the one organisation its sentence names ("the company's CEO")
_ORG_ANAPHORS = frozenset("company startup firm lab outfit".split())


def _the_org(p: SentenceParse, sent: SentenceTemplate, t: ParsedToken) -> list[Mention]:
    """The organisation "the company" stands for: the one its sentence names, if only one."""
    if t.lower not in _ORG_ANAPHORS or not any(k.lower == "the" for k in p.kids(t.i, "det")):
        return []
    orgs = {m.label: m for m in sent.slots.values() if m.type == "Organization"}
    return list(orgs.values()) if len(orgs) == 1 else []


def _mentions(p: SentenceParse, sent: SentenceTemplate, tokens: Iterable[ParsedToken],
              fallback: Mention | None, *, alone: bool = False) -> list[Mention]:
    """The mentions ``tokens`` stand for (``alone``: a name for itself, not its list)."""
    out: list[Mention] = []
    for t in tokens:
        names = [t] if alone and t.slot is not None else _names(p, t, lists=not alone)
        if not names and _is_this_model(p, t):
            names = _antecedent(p, t)
            if not names and fallback is not None:
                out.append(fallback)
                continue
        if not names and t.lower == "it" and t.dep == "dobj":
            names = _object_antecedent(p, t)
        if not names:
            out.extend(_the_org(p, sent, t))
        out.extend(sent.slots[n.slot] for n in names if n.slot is not None and n.slot in sent.slots)
    return out



# ----------------------------------------------------------------------------- checking templates


def _clause(p: SentenceParse, t: ParsedToken) -> int:
    """The verb of the clause ``t`` is in: the nearest head with a subject of its own, else the root."""
    k = t.head
    for _ in range(len(p.tokens)):
        tok = p.tokens[k]
        if tok.head == k or p.kids(k, "nsubj", "nsubjpass", "csubj", "expl"):
            return k
        k = tok.head
    return k


def _token_of(p: SentenceParse, sent: SentenceTemplate, m: Mention) -> ParsedToken | None:
    for t in p.tokens:
        if t.slot is not None and sent.slots.get(t.slot) is m:
            return t
    return None


#: template rules that read two names within one noun phrase ("X's startup Y"): no clause to check
_LOCAL_RULES = frozenset({"person-possessive-org", "collaboration-between",
                          "researchers-at-org-made"})


def parse_disagrees(parse: SentenceParse, hit: RelationHit) -> bool:
    """Whether the parse puts a template hit's object in another subject's clause.

    "A is built on B, and C is built on D": a template that reads "B, and C" as one list
    would give A -> C; the parse shows that C is the subject of a clause of its own. A hit whose
    object sits in a clause whose subject is another name than the hit's subject is dropped;
    a relative clause ("X, which is built on Y") has no name as subject and is kept.
    """
    if hit.rule in _LOCAL_RULES:
        return False
    s_tok = _token_of(parse, hit.sent, hit.subject)
    o_tok = _token_of(parse, hit.sent, hit.object)
    if s_tok is None or o_tok is None:
        return False
    cs, co = _clause(parse, s_tok), _clause(parse, o_tok)
    if cs == co or s_tok.i == co:
        return False
    if o_tok.dep in ("nsubj", "nsubjpass") and o_tok.head == co:
        return True  # the object is itself the subject of another clause
    subjects = [x for k in parse.kids(co, "nsubj", "nsubjpass") for x in _names(parse, k)]
    return any(x.i != s_tok.i for x in subjects)
