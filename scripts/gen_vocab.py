"""Generate kg/vocab.py, the closed rdflib namespace of the llmkg ontology.

Reads ontology/llmkg.ttl and writes one annotated attribute per class, property and named
individual of the ``lk:`` namespace into ``class LK(DefinedNamespace)`` with ``_fail = True``, so
that a typo such as ``LK.relaseDate`` raises ``AttributeError`` instead of minting a new IRI.

Usage:
    python scripts/gen_vocab.py            # (re)write kg/vocab.py
    python scripts/gen_vocab.py --check    # exit 1 and print a diff if kg/vocab.py is stale
"""

from __future__ import annotations

import argparse
import difflib
import keyword
import sys
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "ontology" / "llmkg.ttl"
DEFAULT_OUTPUT = ROOT / "kg" / "vocab.py"

NAMESPACE = "https://w3id.org/llmkg/ontology#"
ONTOLOGY_IRI = URIRef("https://w3id.org/llmkg/ontology")
MAX_LINE = 100

# Sections of the LK class, in order: (heading, rdf:type that puts a term in it).
SECTIONS: tuple[tuple[str, URIRef], ...] = (
    ("Classes", OWL.Class),
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
    ("Named individuals", OWL.NamedIndividual),
)

# Other namespaces the code uses, exported next to LK.
EXTRA_NAMESPACES: tuple[tuple[str, str], ...] = (
    ("FAIR4ML", "https://w3id.org/fair4ml#"),
    ("MLS", "http://www.w3.org/ns/mls#"),
    ("OA", "http://www.w3.org/ns/oa#"),
    ("SCHEMA", "https://schema.org/"),
    ("WD", "http://www.wikidata.org/entity/"),
    ("WDT", "http://www.wikidata.org/prop/direct/"),
)
RDFLIB_NAMESPACES: tuple[str, ...] = ("DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD")


def _one_line(text: str) -> str:
    """Collapse all whitespace in ``text`` to single spaces."""
    return " ".join(text.split())


def _comment_line(name: str, comment: str) -> str:
    """Return the attribute line for ``name``, its comment truncated to fit ``MAX_LINE``."""
    line = f"    {name}: URIRef  # {comment}"
    if len(line) <= MAX_LINE:
        return line
    cut = line[: MAX_LINE - 3]
    head, _, _ = cut.rpartition(" ")
    kept = (head if "#" in head else cut).removesuffix(" e.g.").rstrip(" ,;:(")
    return kept + "..."


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    """Return the English (or untagged) value of ``predicate`` on ``subject``, or ``""``."""
    values = sorted(
        str(value)
        for value in graph.objects(subject, predicate)
        if isinstance(value, Literal) and value.language in (None, "en")
    )
    return _one_line(values[0]) if values else ""


def collect_terms(graph: Graph) -> dict[str, list[tuple[str, str]]]:
    """Group the ``lk:`` terms of ``graph`` by section, each as sorted (name, comment) pairs.

    Args:
        graph: The parsed ontology.

    Returns:
        A mapping from section heading to the terms in it.

    Raises:
        ValueError: If an ``lk:`` term has no known type, more than one section, or a local name
            that is not a valid Python attribute.
    """
    sections: dict[str, list[tuple[str, str]]] = {heading: [] for heading, _ in SECTIONS}
    subjects = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    for subject in sorted(s for s in subjects if str(s).startswith(NAMESPACE)):
        name = str(subject)[len(NAMESPACE) :]
        if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
            raise ValueError(f"Term {subject!r} is not a valid Python attribute name")
        types = set(graph.objects(subject, RDF.type))
        headings = [heading for heading, rdf_type in SECTIONS if rdf_type in types]
        if len(headings) != 1:
            raise ValueError(f"Term {subject!r} must have exactly one of the types {SECTIONS!r}")
        comment = _english(graph, subject, RDFS.comment) or _english(graph, subject, RDFS.label)
        sections[headings[0]].append((name, comment))
    return {heading: sorted(terms) for heading, terms in sections.items()}


def render(graph: Graph, *, source: str) -> str:
    """Render the source code of kg/vocab.py for the ontology in ``graph``.

    Args:
        graph: The parsed ontology.
        source: The path of the ontology file relative to the repository, for the header.

    Returns:
        The module text, ending in a newline.
    """
    version = graph.value(ONTOLOGY_IRI, OWL.versionInfo)
    title = graph.value(ONTOLOGY_IRI, DCTERMS.title)
    title_text = _one_line(str(title or "llmkg ontology"))
    all_names = sorted(["LK", *RDFLIB_NAMESPACES, *(name for name, _ in EXTRA_NAMESPACES)])
    lines = [
        "# ruff: noqa: N815  (attribute names are the ontology's local names, e.g. releaseDate)",
        '"""The llmkg ontology as a closed rdflib namespace, with the other namespaces it uses.',
        "",
        f"GENERATED from {source} (ontology version {version}) by scripts/gen_vocab.py.",
        "Do not edit by hand: change the ontology, then regenerate with",
        "",
        "    python scripts/gen_vocab.py",
        "",
        "``python scripts/gen_vocab.py --check`` exits 1 with a diff when this file is stale.",
        '"""',
        "",
        "from rdflib.namespace import (",
        *(f"    {name}," for name in [*sorted(RDFLIB_NAMESPACES), "DefinedNamespace", "Namespace"]),
        ")",
        "from rdflib.term import URIRef",
        "",
        "__all__ = [",
        *(f'    "{name}",' for name in all_names),
        "]",
        "",
        *(f'{name} = Namespace("{iri}")' for name, iri in EXTRA_NAMESPACES),
        "",
        "",
        "class LK(DefinedNamespace):",
        f'    """{title_text} (``lk:``), closed: unknown terms raise."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{NAMESPACE}")',
    ]
    for heading, terms in collect_terms(graph).items():
        if not terms:
            continue
        lines += ["", f"    # {heading}"]
        lines += [_comment_line(name, comment) for name, comment in terms]
    return "\n".join(lines) + "\n"


def _relative(path: Path) -> str:
    """Return ``path`` relative to the repository root when it is inside it."""
    resolved = path.resolve()
    if resolved.is_relative_to(ROOT):
        return resolved.relative_to(ROOT).as_posix()
    return resolved.as_posix()


def main(argv: Sequence[str] | None = None) -> int:
    """Write kg/vocab.py, or with ``--check`` report whether it is up to date.

    Args:
        argv: Command-line arguments, without the program name.

    Returns:
        The exit status: 0 when written or up to date, 1 when ``--check`` finds a difference.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 and print a diff if the output is not up to date",
    )
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="ontology (Turtle)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="module to write")
    args = parser.parse_args(argv)

    graph = Graph().parse(args.source, format="turtle")
    expected = render(graph, source=_relative(args.source))
    output: Path = args.output
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current == expected:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            fromfile=f"{_relative(output)} (current)",
            tofile=f"{_relative(output)} (generated)",
        )
        sys.stdout.writelines(diff)
        print(f"{_relative(output)} is out of date: run python scripts/gen_vocab.py")
        return 1
    output.write_text(expected, encoding="utf-8")
    print(f"wrote {_relative(output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
