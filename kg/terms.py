"""Pure functions that mint IRIs and normalise names.

Entity IRIs are deterministic: the kind of entity plus a slug of its canonical name, so the same
name in two documents (or two runs) is the same node. Result, claim, proposition and evidence IRIs
are content hashes. Nothing here touches a store.

>>> entity_iri("Model", "Llama 4 Scout")
rdflib.term.URIRef('https://w3id.org/llmkg/id/model/llama-4-scout')
>>> entity_iri("Model", "Qwen2.5-72B") == entity_iri("Model", "Qwen 2.5 72B")
True
>>> name_key("Llama-3.1 405B") == name_key("llama 3.1 405b")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from rdflib import URIRef

__all__ = [
    "BASE",
    "DERIVED_WITH_SUPER",
    "ENTITY_KINDS",
    "META_GRAPH",
    "ONTOLOGY_GRAPH",
    "content_hash",
    "document_iri",
    "drop_entailed",
    "entity_iri",
    "graph_iri",
    "hashed_iri",
    "is_safe_iri",
    "name_key",
    "normalize_text",
    "slugify",
]

BASE = "https://w3id.org/llmkg/"

#: entity type (ontology class local name) -> IRI path segment. Models and families share one
#: segment so that a text calling "Llama 4" a model and another calling it a family meet.
ENTITY_KINDS: dict[str, str] = {
    "Model": "model",
    "ModelFamily": "model",
    "Organization": "org",
    "Person": "person",
    "UnnamedAgent": "agent",
    "Benchmark": "benchmark",
    "Hardware": "hardware",
}

#: lineage properties whose edges are also written as their super-property ``lk:derivedFrom``: a
#: quantization or a merge is a weight derivative of its source (what a Hugging Face card calls its
#: ``base_model``), so ``?m lk:derivedFrom ?base`` finds it without a property path. Readers that
#: list edges (lineage, lookups, analytics, graph exports) show the specific edge only
#: (:func:`drop_entailed`). A distillation is not written so: a student's weights come from its
#: own base model, not from its teacher.
DERIVED_WITH_SUPER: frozenset[str] = frozenset({"quantizedFrom", "mergedFrom"})

META_GRAPH = URIRef(BASE + "graph/meta")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: one-for-one replacements (offsets are unchanged): exotic spaces and hyphens
_TRANSLATE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u00ad": "-", "\u2028": "\n", "\u2029": "\n", "\t": " ",
})


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with control characters, NULs and lone surrogates removed.

    Line ends become ``\\n``; no-break and thin spaces become spaces, and non-breaking hyphens
    become ``-``. Offsets of extracted facts count code points of this string.

    >>> normalize_text("cafe\\u0301\\x00 ok\\r\\n")
    'café ok\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text).translate(_TRANSLATE)


def slugify(name: str) -> str:
    """Return a lower-case ASCII slug of ``name`` (letters, digits, single hyphens).

    Dots between digits are kept as ``-`` so "3.1" and "31" stay apart, and every switch
    between letters and digits is a boundary, so spellings that differ only in spacing or
    hyphens ("Qwen2.5", "Qwen 2.5", "Qwen-2.5") share one slug.

    >>> slugify("DeepSeek-R1-Distill-Qwen-32B")
    'deepseek-r-1-distill-qwen-32-b'
    >>> slugify("Llama 3.1 405B") == slugify("Llama-3.1-405B")
    True
    >>> slugify("Qwen2.5") == slugify("Qwen 2.5")
    True
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    spaced = re.sub(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])", "-", ascii_name)
    slug = re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")
    if slug:
        return slug
    return "x" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def name_key(name: str) -> str:
    """Return the comparison key of a name: lower-case letters and digits only.

    "Llama-4-Scout", "Llama 4 Scout" and "llama4scout" share a key.

    >>> name_key("GPT-4o")
    'gpt4o'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def entity_iri(kind: str, name: str, *, base: str = BASE) -> URIRef:
    """Return the IRI of the entity of class ``kind`` whose canonical name is ``name``."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"Unknown entity kind: {kind!r}")
    return URIRef(f"{base}id/{ENTITY_KINDS[kind]}/{slugify(name)}")


def content_hash(text: str) -> str:
    """Return ``sha256:<hex>`` of the UTF-8 bytes of ``text``."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def document_iri(identity: str, *, base: str = BASE) -> URIRef:
    """Return the IRI of the document whose identity (URL or content hash) is ``identity``."""
    return URIRef(f"{base}doc/{_digest(identity)}")


def graph_iri(identity: str, *, base: str = BASE) -> URIRef:
    """Return the IRI of the named graph that holds one document's extraction."""
    return URIRef(f"{base}graph/{_digest(identity)}")


def hashed_iri(kind: str, *parts: object, base: str = BASE) -> URIRef:
    """Return ``{base}id/{kind}/{hash of parts}`` for results, claims, evidence, propositions.

    >>> str(hashed_iri("result", "a", 1)).startswith("https://w3id.org/llmkg/id/result/")
    True
    """
    key = "\x1f".join(str(p) for p in parts)
    return URIRef(f"{base}id/{kind}/{_digest(key)}")


_IRI_OK = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x20]*$")


def is_safe_iri(value: str) -> bool:
    """Return True if ``value`` is an absolute IRI with no character that could break SPARQL.

    >>> is_safe_iri("https://w3id.org/llmkg/id/model/gpt-4o")
    True
    >>> is_safe_iri("http://a> } ; DROP ALL ; <x")
    False
    """
    return len(value) <= 2048 and _IRI_OK.fullmatch(value) is not None


def drop_entailed(edges: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Leave out each ``(s, "derivedFrom", o)`` that a more specific edge between the same ends
    entails (:data:`DERIVED_WITH_SUPER`); predicates are local names or full IRIs.

    >>> drop_entailed([("a", "derivedFrom", "b"), ("a", "mergedFrom", "b"), ("c", "derivedFrom", "b")])
    [('a', 'mergedFrom', 'b'), ('c', 'derivedFrom', 'b')]
    """
    edges = list(edges)

    def local(p: str) -> str:
        return p.rsplit("#", 1)[-1]

    specific = {(s, o) for s, p, o in edges if local(p) in DERIVED_WITH_SUPER}
    return [(s, p, o) for s, p, o in edges if not (local(p) == "derivedFrom" and (s, o) in specific)]
