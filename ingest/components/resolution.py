"""Resolution: which names of a document are one entity, and under which label.

Two steps, both within one document (entities join across documents by their IRI, which comes
from the label, so one spelling per entity is what makes documents meet):

- :func:`resolve_mentions` (the ``llmkg_resolver_v1`` component) runs right after the mentions
  are found, so every fact rule sees canonical labels: a surname after a full name, a lab's first
  word, spelling variants by their comparison key;
- :func:`resolve_entities` runs once every document rule has named its entities (tables and front
  matter too) and re-points every fact at the settled entity: non-entities dropped, repository
  ids, metric suffixes, word order, short forms, versioned releases, typos, legal forms.

Pure functions over records; neither reads the spaCy ``Doc``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kg.terms import name_key

from ..gazetteer import Gazetteer
from ..lexicon import NAME_SUFFIX_WORDS, ORG_SUFFIXES, SIZE_PART, VARIANT_WORDS, is_non_entity, name_parts
from ..records import EntityRef
from .entities import Mention, _stems

if TYPE_CHECKING:
    from ..collect import Collector as _Collector

__all__ = ["resolve_entities", "resolve_mentions"]

_name_parts = name_parts
_SIZE_PART = SIZE_PART


def resolve_mentions(mentions: list[Mention]) -> list[Mention]:
    """Give every mention its canonical label within the document.

    - people: a lone surname (or first name) after the full name is that person;
    - organisations: a lone first word of a multi-word lab name ("Corvid" for "Corvid Labs");
    - models: forms with the same comparison key share the first full label seen.

    Where two full names could match, the mention keeps its own label (a missed merge is better
    than a wrong one).
    """
    # full names by their last word (people) and first word (organisations): a lookup, not a scan
    # of every name for every mention (quadratic on long documents)
    persons: dict[str, list[Mention]] = {}
    orgs: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "Person" and " " in m.label:
            persons.setdefault(m.label.split()[-1], []).append(m)
        elif m.type == "Organization" and " " in m.label:
            orgs.setdefault(m.label.split()[0], set()).add(m.label)
    first_label: dict[tuple[str, str], str] = {}
    out = []
    for m in mentions:
        label = m.label
        mtype = m.type
        if m.type in ("Person", "Organization", "Model", "ModelFamily") and " " not in m.label:
            pmatch = {p.label for p in persons.get(m.label, ()) if p.start < m.start}
            omatch = set(orgs.get(m.label, ()))
            if len(pmatch) == 1 and not omatch:
                label, mtype = pmatch.pop(), "Person"
            elif len(omatch) == 1 and not pmatch and m.type in ("Organization",) and \
                    not m.rule.startswith("gazetteer"):
                label = omatch.pop()  # not a lab known on its own: "Google" is not Google DeepMind
        kind = "model" if mtype in ("Model", "ModelFamily") else mtype
        key = (kind, name_key(label))
        label = first_label.setdefault(key, label)
        out.append(replace(m, label=label, type=mtype))
    return out


#: what a results table appends to a benchmark's name: a metric, a shot count, a turn
_METRIC_SUFFIX = re.compile(
    r"(?:[\s_-]*(?:\(?\d+[\s-]?shots?\)?|pass@\d+|cons@\d+|maj@\d+|avg\.?|average|score|"
    r"rating|elo(?:\s+rating)?|acc(?:uracy)?\.?|em|f1|(?:first|second)\s+turn|turn\s+\d))+$",
    re.IGNORECASE)


def resolve_entities(col: _Collector, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Settle the document's entities once every rule has named them (tables and front matter too).

    - a term that is never an entity ("Hidden Size", "GGUF", "7.04 billion") is dropped, with
      every fact that names it;
    - a model named by its repository id ("argilla/Kestrel-7B") takes the name without the owner,
      and is one entity with the plain name when the text has both;
    - a benchmark name with a metric ("AIME 2024 pass@1", "MT-Bench avg.") is the benchmark;
    - two model names of the same parts in another order ("Gemini Pro 2.5", "Gemini 2.5 Pro")
      are one entity, under the gazetteer's spelling when it knows one;
    - a short name is the one full name of the text it shortens: "Small 3.2" of
      "Mistral-small-3.2", "Qwen3-235B" of "Qwen3-235B-A22B" (see :func:`_short_form_of`);
    - the text's only versioned release of a name is that name: "vicuna-33b-v1.3" is "Vicuna-33B",
      the name other documents use (entity IRIs come from the label, so one spelling joins them);
    - a label loses the symbols around it ("🥉 Kestrel-v1"), a lab its legal form ("Microsoft
      Corp."), a model "-hf" ("X-hf" is X's weights for Transformers); a tuned build's word goes
      after the size ("Llama2-Chat-70B" is "Llama2-70B-Chat"); a label that reads as a sentence
      is no entity;
    - a lab written once with a letter too many or too few is the lab the text names in full
      ("HypeWrite" of "HyperWrite AI");
    - a name written once with a letter too many or too few is the name the text writes more often
      ("DecilLM-7B" once, "DeciLM-7B" ten times).
    """
    by_key = dict(col.entities.items())
    counts = Counter(name_key(m.label) for m in mentions)
    model_keys = [k for k in by_key if k[0] == "model"]
    parts_of = {k: _name_parts(_clean_label(slot["label"]) or slot["label"]) for k, slot in by_key.items()}
    sorted_parts: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind, key in by_key:
        if kind == "model":
            sorted_parts.setdefault(tuple(sorted(parts_of[(kind, key)])), (kind, key))
    target: dict[tuple[str, str], tuple[str, str] | None] = {}
    rename: dict[tuple[str, str], str] = {}
    flips: dict[tuple[str, str], tuple[str, str]] = {}  # a versioned release -> its plain name
    org_keys = {key: _brand_key(slot["label"]) for (kind, key), slot in by_key.items()
                if kind == "Organization"}
    for (kind, key), slot in by_key.items():
        label = slot["label"] if kind == "UnnamedAgent" else _clean_label(slot["label"])
        if not label or is_non_entity(label) or kind == "model" and _sentence_like(label):
            target[(kind, key)] = None  # "UPD: this model series is succeeded by X": no name
            continue
        new = label
        if kind == "Organization":
            new = _LEGAL_FORM.sub("", label) or label  # "Microsoft Corp." is Microsoft
            entry = gaz.lookup(new)
            new = entry.label if entry is not None and entry.type == "Organization" else new
            typo = [k for k, brand in org_keys.items() if k != key and len(key) >= 7 and (
                _one_letter_apart(key, k) or _one_letter_apart(key, brand)) and (
                counts[k] > counts[key] or len(by_key[("Organization", k)]["label"]) > len(label))]
            if len(typo) == 1 and new == label:  # "HypeWrite" once, "HyperWrite AI" as the name
                target[(kind, key)] = ("Organization", typo[0])
                continue
        if kind == "model" and re.fullmatch(r"[\w.-]+/[\w.-]+", label):
            new = label.split("/", 1)[1]
        elif kind == "model" and "-" in label:
            head, rest = label.split("-", 1)
            lab = gaz.lookup(head)
            if lab is not None and lab.type == "Organization" and ("model", name_key(rest)) in by_key \
                    and name_key(head) not in _stems(gaz):  # not "Mistral-small-3.2": a model line
                new = rest  # "Meta-Llama-3.1-8B-Instruct" (a table's) is "Llama-3.1-8B-Instruct"
        elif kind == "Benchmark":
            stripped = _METRIC_SUFFIX.sub("", label).strip(" -_(")
            if stripped and stripped != label and (
                    ("Benchmark", name_key(stripped)) in by_key or gaz.lookup(stripped) is not None):
                new = stripped
            # "Nous" and "Nous Benchmark", "Arena" and "Chatbot Arena": one benchmark of the text
            short = stripped or new
            longer = [k for k, s in by_key.items() if k[0] == "Benchmark" and k != (kind, key)
                      and any(_bench_short(short, form) for form in (s["label"], *s["alts"]))]
            if len(longer) == 1 and " " not in short.strip():
                target[(kind, key)] = longer[0]
                continue
        if kind == "model" and _name_parts(new)[0] in VARIANT_WORDS:
            # "Small 3.2" is the one model of the text whose name ends so ("Mistral-small-3.2")
            short = _name_parts(new)
            longer = [k for k, s in by_key.items() if k[0] == "model" and k != (kind, key)
                      and len(_name_parts(s["label"])) > len(short)
                      and _name_parts(s["label"])[-len(short):] == short]
            if len(longer) == 1:
                target[(kind, key)] = longer[0]
                continue
        if kind == "model" and len(_name_parts(new)) > 1 and _name_parts(new)[-1] == "hf":
            if ("model", name_key(new)[:-2]) in by_key:
                target[(kind, key)] = ("model", name_key(new)[:-2])  # "X-hf": X in Transformers' format
                continue
            new = re.sub(r"[\s_-]+hf$", "", new, flags=re.IGNORECASE)  # under X's name everywhere
        if kind == "model":
            new = _build_last(new)  # "Llama2-Chat-70B" is written "Llama2-70B-Chat" elsewhere
            own = _name_parts(new)
            versioned = [k for k in model_keys if k != (kind, key) and parts_of[k][:-1] == own
                         and re.fullmatch(r"v\d+(?:\.\d+)*", parts_of[k][-1])]
            if len(versioned) == 1 and len(own) >= 2:  # "Vicuna-33B", the one "vicuna-33b-v1.3": the
                flips[versioned[0]] = (kind, key)  # plain name, as other documents write it
            longer = [k for k in model_keys if k != (kind, key) and _short_form_of(own, parts_of[k])]
            if len(longer) == 1 and gaz.lookup(new) is None:  # "Qwen3-235B" of "Qwen3-235B-A22B"
                target[(kind, key)] = longer[0]
                continue
            typo = [k for k in model_keys if k != (kind, key) and _one_letter_apart(key, k[1])
                    and counts[k[1]] > counts[key]]
            if len(typo) == 1:
                target[(kind, key)] = typo[0]
                continue
        if kind == "model":
            parts = tuple(sorted(_name_parts(new)))
            other = sorted_parts.get(parts)
            if other is not None and other != (kind, key) and len(parts) > 1:
                target[(kind, key)] = other
                continue
            entry = gaz.lookup(new)
            if entry is None and len(parts) > 1:
                entry = _gazetteer_by_parts(gaz).get(parts)
            if entry is not None and entry.type in ("Model", "ModelFamily"):
                new = entry.label
        if new != slot["label"]:
            into = (kind, name_key(new))
            if into in by_key and into != (kind, key):
                target[(kind, key)] = into
            else:
                rename[(kind, key)] = new
    for versioned, plain in flips.items():
        if versioned not in target and plain not in target:
            target[versioned] = plain
            rename.pop(versioned, None)
    target.update(_outlet_anaphors(col, gaz, mentions))
    if target or rename:
        _remap(col, target, rename)


#: an unnamed agent that refers back to a named outlet: "The outlet confirmed ..."
_OUTLET_ANAPHOR = re.compile(
    r"(?i)(?:the|this|that)\s+(?:outlet|publication|newspaper|magazine|site|newsletter)")


def _outlet_anaphors(col: _Collector, gaz: Gazetteer, mentions: list[Mention]
                     ) -> dict[tuple[str, str], tuple[str, str]]:
    """ "The outlet" (an unnamed agent of the claims) is the outlet the text named last before it
    ("Reporting by TechCrunch ... The outlet confirmed"), when it named one."""
    outlets = sorted((m.start, m.label) for m in mentions if m.type == "Organization" and (
        m.rule in ("outlet", "one-word-agent") or (g := gaz.lookup(m.label)) is not None and g.outlet))
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for (kind, key), slot in col.entities.items():
        if kind != "UnnamedAgent" or not _OUTLET_ANAPHOR.fullmatch(slot["label"]) or not slot["evidence"]:
            continue
        at = slot["evidence"][0].start
        before = [label for start, label in outlets if start < at]
        if before and ("Organization", name_key(before[-1])) in col.entities:
            out[(kind, key)] = ("Organization", name_key(before[-1]))
    return out


#: a company's legal form after its name: "Microsoft Corp.", "Kestrel Inc"
_LEGAL_FORM = re.compile(r"[\s,]+(?:Inc|Corp|Corporation|Ltd|Limited|LLC|GmbH|PLC|Co|AG|S\.A)\.?$")
#: symbols a table cell or markup leaves around a name: medals, arrows, stars, hashes, colons
_LABEL_EDGE = re.compile(r"^[^\w(\[@]+|[^\w)+\]]+$")
#: words of a sentence, not of a name
_FUNCTION_WORDS = frozenset("this that is are was were be been by the of to with for and has have "
                            "which who will would".split())


def _clean_label(label: str) -> str:
    """A label without the symbols around it: "🥉 Kestrel-v1" is Kestrel-v1, "Corra**" is Corra.

    >>> _clean_label("🥉 Kestrel-v1"), _clean_label("Corra**"), _clean_label("Command R+")
    ('Kestrel-v1', 'Corra', 'Command R+')
    """
    return _LABEL_EDGE.sub("", label).strip()


def _sentence_like(label: str) -> bool:
    """Whether a label reads as a sentence: five words or more, two of them function words.

    >>> _sentence_like("UPD: this model series is succeeded by Corra")
    True
    >>> _sentence_like("Institute for Applied Model Auditing")
    False
    """
    words = label.lower().split()
    return len(words) >= 5 and sum(w in _FUNCTION_WORDS for w in words) >= 2


def _brand_key(label: str) -> str:
    """The key of a lab's name without its ending: "HyperWrite AI" -> "hyperwrite"."""
    words = label.split()
    if len(words) >= 2 and words[-1].lower().rstrip(".") in ORG_SUFFIXES:
        words = words[:-1]
    return name_key(" ".join(words))


#: extra parts a longer name may carry after its short form: an active size ("A22B"), an expert
#: count ("16E"); before it, also a size and a two-letter tag of its base ("MN-12B-")
_SHORT_FORM_TAIL = re.compile(r"^(?:a\d+(?:\.\d+)?b|\d+e)$")
_SHORT_FORM_HEAD = re.compile(r"^(?:a\d+(?:\.\d+)?b|\d+e|\d+(?:\.\d+)?b|[a-z]{2})$")


def _short_form_of(short: list[str], long: list[str]) -> bool:
    """Whether a name is the short form of a longer one of the text: its parts begin or end the
    longer name, it keeps a size or a v-version of its own, and the parts it drops are only an
    active size, an expert count or a two-letter tag ("Qwen3-235B" of "Qwen3-235B-A22B", "Kestrel
    v1.9" of "MN-12B-Kestrel-v1.9"), or, inside, the kind word and the release stage
    ("Starling-7B" of "Starling-LM-7B-alpha", when the text names one stage); not a family of
    its sized member ("Gemma 2", "Gemma 2 9B"), a base of a tuned build ("-Instruct") or of a
    derivative named after it ("Mistral-7B" of "Hermes-2.5-Mistral-7B").

    >>> _short_form_of(["qwen", "3", "235b"], ["qwen", "3", "235b", "a22b"])
    True
    >>> _short_form_of(["gemma", "2"], ["gemma", "2", "9b"])
    False
    >>> _short_form_of(["mistral", "7b"], ["hermes", "2.5", "mistral", "7b"])
    False
    """
    if len(short) < 2 or len(long) <= len(short) or not any(
            _SIZE_PART.match(p) or re.fullmatch(r"v\d+(?:\.\d+)*", p) for p in short):
        return False
    n = len(short)
    if long[:n] == short:
        extra, allowed = long[n:], _SHORT_FORM_TAIL
    elif long[-n:] == short:
        extra, allowed = long[:-n], _SHORT_FORM_HEAD
    elif long[0] == short[0] and _subsequence(short, long):
        # "Starling-7B" of "Starling-LM-7B-alpha": a word of the kind of model and a release stage
        extra = list(long)
        for p in short:
            extra.remove(p)
        return all(_SHORT_FORM_TAIL.match(p) or p in ("lm", "llm", "alpha", "beta") for p in extra)
    else:
        return False
    return all(allowed.match(p) and p not in VARIANT_WORDS and p not in NAME_SUFFIX_WORDS
               for p in extra) and any(ch.isalpha() for ch in short[0])


def _subsequence(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is ``long`` with some parts left out, in the same order."""
    rest = iter(long)
    return all(p in rest for p in short)


def _build_last(label: str) -> str:
    """A tuned build's word after the size, as names are usually written: "Llama2-Chat-70B" is
    "Llama2-70B-Chat" (the same model "Llama 2 70B Chat" names elsewhere).

    >>> _build_last("Llama2-Chat-70B"), _build_last("Qwen2-72B-Instruct")
    ('Llama2-70B-Chat', 'Qwen2-72B-Instruct')
    """
    m = re.fullmatch(r"(?P<head>.+?)(?P<sep>[\s_-])(?P<build>chat|instruct|base)(?P<sep2>[\s_-])"
                     r"(?P<size>(?:\d+x)?\d+(?:\.\d+)?[bB])", label, re.IGNORECASE)
    if m is None:
        return label
    return f"{m['head']}{m['sep']}{m['size']}{m['sep2']}{m['build']}"


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two name keys differ by one letter put in or left out, digits alike, in a name of
    at least seven characters: "decillm7b" and "decilm7b", not "gpt4o" and "gpt4".

    >>> _one_letter_apart("decillm7b", "decilm7b"), _one_letter_apart("qwen25max", "qwen25mix")
    (True, False)
    """
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) < 7:
        return False
    short, long = sorted((a, b), key=len)
    for i, ch in enumerate(long):
        if long[:i] + long[i + 1:] == short:
            return ch.isalpha() and re.sub(r"\D", "", a) == re.sub(r"\D", "", b)
    return False


def _bench_short(short: str, full: str) -> bool:
    """Whether a one-word benchmark name is the short form of ``full``: its first word before a
    benchmark noun ("Nous Benchmark", "Nous benchmark suite") or its last word ("Chatbot Arena")."""
    words = full.split()
    if len(words) < 2:
        return False
    s = short.lower()
    return words[-1].lower() == s or (words[0].lower() == s and all(
        w.lower() in ("benchmark", "benchmarks", "suite", "leaderboard", "eval") for w in words[1:]))


_BY_PARTS: dict[int, tuple[Gazetteer, dict[tuple[str, ...], Any]]] = {}


def _gazetteer_by_parts(gaz: Gazetteer) -> dict[tuple[str, ...], Any]:
    """Gazetteer model entries by the sorted parts of each form (cached per gazetteer)."""
    cached = _BY_PARTS.get(id(gaz))
    if cached is not None and cached[0] is gaz:
        return cached[1]
    index: dict[tuple[str, ...], Any] = {}
    for entry in gaz.entries:
        if entry.type in ("Model", "ModelFamily"):
            for form in entry.forms:
                parts = tuple(sorted(_name_parts(form)))
                if len(parts) > 1:
                    index.setdefault(parts, entry)
    _BY_PARTS[id(gaz)] = (gaz, index)
    return index


def _remap(col: _Collector, target: dict[tuple[str, str], tuple[str, str] | None],
           rename: dict[tuple[str, str], str]) -> None:
    """Merge, rename or drop entity slots, and rewrite every fact that refers to them."""
    def kind_of(ref: EntityRef) -> str:
        return "model" if ref.type in ("Model", "ModelFamily") else ref.type

    for start in list(target):  # two names each merged into the other: keep both apart
        key: tuple[str, str] | None = start
        seen: set[tuple[str, str]] = set()
        while key is not None and key in target and key not in seen:
            seen.add(key)
            key = target[key]
        if key is not None and key in seen:
            del target[start]

    def final(key: tuple[str, str]) -> tuple[str, str] | None:
        while key in target:
            nxt = target[key]
            if nxt is None:
                return None
            key = nxt
        return key

    for key, new in rename.items():
        slot = col.entities[key]
        slot["alts"].add(slot["label"])
        slot["alts"].discard(new)
        slot["label"] = new
    for key in list(target):
        dest = final(key)
        slot = col.entities.pop(key)
        if dest is None or dest not in col.entities:
            continue
        into = col.entities[dest]
        if slot["types"] != {"UnnamedAgent"}:  # "the outlet" is no name or type of the outlet
            into["types"] |= slot["types"]
            into["alts"] |= slot["alts"] | {slot["label"]}
            into["alts"].discard(into["label"])
        for ev in slot["evidence"]:
            into["evidence"].append(ev)

    def ref(r: EntityRef) -> EntityRef | None:
        key = (kind_of(r), name_key(r.label))
        if key in target:
            dest = final(key)
            if dest is None or dest not in col.entities:
                return None
            slot = col.entities[dest]
            kind = r.type if r.type in slot["types"] else sorted(slot["types"])[0]
            return EntityRef(kind, slot["label"])
        if key in col.entities:
            return EntityRef(r.type, col.entities[key]["label"])
        return r

    relations = {}
    for rel in col.relations.values():
        s, o = ref(rel.subject), ref(rel.object)
        if s is not None and o is not None and s.label != o.label:
            relations.setdefault((s, rel.predicate, o), replace(rel, subject=s, object=o))
    col.relations = relations
    attributes = {}
    for att in col.attributes.values():
        s = ref(att.subject)
        if s is not None:
            attributes.setdefault((s, att.property, att.value), replace(att, subject=s))
    col.attributes = attributes
    results = {}
    for res in col.results.values():
        m, b = ref(res.model), ref(res.benchmark)
        if m is not None and b is not None:
            results.setdefault((m, b, res.score), replace(res, model=m, benchmark=b))
    col.results = results
    claims = []
    for c in col.claims:
        who = ref(c.claimant)
        about = tuple(a for a in (ref(x) for x in c.about) if a is not None)
        if who is None or (c.about and not about):
            continue
        prop = c.proposition
        if prop is not None:
            ps = ref(prop[0])
            po = ref(prop[2]) if isinstance(prop[2], EntityRef) else prop[2]
            prop = (ps, prop[1], po) if ps is not None and po is not None else None
        claims.append(replace(c, claimant=who, about=about, proposition=prop))
    col.claims = claims
    releases = {}
    for r in col.releases.values():
        s = ref(r.subject)
        if s is not None:
            releases.setdefault(s, replace(r, subject=s))
    col.releases = releases
