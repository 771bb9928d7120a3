"""The llmkg ontology as package data: OWL terms, SHACL shapes and a JSON-LD context.

The files ship with the package; this module only tells you where they are. Importing it reads
nothing and registers nothing.

Files:
    llmkg.ttl: the OWL ontology (namespace ``https://w3id.org/llmkg/ontology#``, prefix ``lk:``).
    shapes.ttl: SHACL shapes, one ``sh:NodeShape`` per class.
    context.jsonld: a JSON-LD 1.1 context with short names for the ontology's terms.

Example:
    >>> ontology_path().name
    'llmkg.ttl'
    >>> NAMESPACE == ONTOLOGY_IRI + "#"
    True
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

__all__ = [
    "NAMESPACE",
    "ONTOLOGY_IRI",
    "context_path",
    "ontology_path",
    "shapes_path",
]

ONTOLOGY_IRI: Final = "https://w3id.org/llmkg/ontology"
"""The IRI of the ``owl:Ontology`` itself."""

NAMESPACE: Final = "https://w3id.org/llmkg/ontology#"
"""The namespace of the ontology's terms, bound to the prefix ``lk:``."""

_HERE: Final = Path(__file__).resolve().parent


def ontology_path() -> Path:
    """Return the path of the OWL ontology, ``llmkg.ttl`` (Turtle).

    Returns:
        The absolute path of the file inside the installed package.
    """
    return _HERE / "llmkg.ttl"


def shapes_path() -> Path:
    """Return the path of the SHACL shapes, ``shapes.ttl`` (Turtle).

    Returns:
        The absolute path of the file inside the installed package.
    """
    return _HERE / "shapes.ttl"


def context_path() -> Path:
    """Return the path of the JSON-LD 1.1 context, ``context.jsonld``.

    Returns:
        The absolute path of the file inside the installed package.
    """
    return _HERE / "context.jsonld"
