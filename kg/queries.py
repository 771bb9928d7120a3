"""Run SPARQL and format results; store statistics.

``run_query`` sends the query to Oxigraph with the default graph as the union of all graphs and
serialises with Oxigraph's own writers (W3C SPARQL 1.1 Query Results JSON, XML, CSV, TSV; Turtle,
N-Triples, N-Quads for CONSTRUCT/DESCRIBE), or as a plain-text table.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from .errors import InvalidInputError, InvalidQueryError
from .store import KGStore
from .terms import DERIVED_WITH_SUPER, META_GRAPH, ONTOLOGY_GRAPH

__all__ = ["MAX_NESTING", "check_query", "count_documents", "run_query", "stats", "strip_literals"]

_TABULAR = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPH = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
          "nquads": ox.RdfFormat.N_QUADS}
#: strings, IRIs and comments, matched left to right so that a "#" inside an IRI is no comment
_TOKENS = re.compile(
    r"(?P<str>\'\'\'.*?\'\'\'|\"\"\".*?\"\"\"|\'(?:[^\'\\\n]|\\.)*\'|\"(?:[^\"\\\n]|\\.)*\")"
    r"|(?P<iri><[^<>\"{}|^`\\\s]*>)|(?P<comment>#[^\n]*)", re.DOTALL)
#: SERVICE or LOAD as keywords: not a variable (?service), not part of a prefixed name (lk:load)
_REFUSED = re.compile(
    r"(?<![?$:\w])(?P<kw>SERVICE|LOAD)(?![\w:-])", re.IGNORECASE)


def strip_literals(sparql: str) -> str:
    """Blank out string literals and comments and empty every IRI, leaving only SPARQL keywords.

    >>> strip_literals('SELECT * { ?s <urn:LOAD> "SERVICE" } # DROP')
    'SELECT * { ?s <>   }  '
    """
    return _TOKENS.sub(lambda m: "<>" if m.group("iri") else " ", sparql)


#: deepest nesting of braces, parentheses and brackets a query may have (the engine's parser
#: recurses on each level, and a query nested 10,000 deep crashes the process)
MAX_NESTING = 128
_BRACKETS = re.compile(r"[{}()\[\]]")


def check_query(sparql: str) -> None:
    """Refuse queries that could reach the network or the file system (SERVICE, LOAD), and
    queries nested deeper than :data:`MAX_NESTING`.

    ``FROM`` and ``FROM NAMED`` only choose among the store's own graphs (Oxigraph loads
    nothing), so they are allowed. The keyword check skips string literals and comments
    but not IRIs, so ``<`` and ``>`` in a FILTER cannot hide a SERVICE clause.

    Raises:
        InvalidQueryError: the query uses a refused feature.
    """
    bare = strip_literals(sparql)
    m = _REFUSED.search(bare)
    if m:
        word = m.group("kw").upper()
        raise InvalidQueryError(f"{word} is not allowed: queries run on the local store only")
    depth = deepest = 0
    for b in _BRACKETS.finditer(bare):
        depth += 1 if b.group() in "{([" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise InvalidQueryError(f"the query is nested {deepest} levels deep; at most {MAX_NESTING} allowed")


def run_query(store: KGStore, sparql: str, *, fmt: str = "json") -> str:
    """Run ``sparql`` and return the results serialised as ``fmt``.

    Args:
        store: the store.
        sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
        fmt: json, xml, csv, tsv or table (SELECT/ASK); turtle, ntriples, nquads or table
            (CONSTRUCT/DESCRIBE).

    Raises:
        InvalidQueryError: the query does not parse or is not allowed.
        InvalidInputError: the format does not fit the query form.
    """
    check_query(sparql)
    results = store.query(sparql)
    if isinstance(results, ox.QueryTriples):
        if fmt == "table":
            fmt = "ntriples"
        if fmt not in _GRAPH:
            raise InvalidInputError(f"a CONSTRUCT/DESCRIBE result cannot be written as {fmt!r} "
                                    f"(use {', '.join(_GRAPH)})")
        if fmt == "nquads":
            triples = list(results)
            quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
        return results.serialize(format=_GRAPH[fmt]).decode("utf-8")
    if fmt == "table":
        return _table(results)
    if fmt not in _TABULAR:
        raise InvalidInputError(f"a SELECT/ASK result cannot be written as {fmt!r} "
                                f"(use {', '.join(_TABULAR)} or table)")
    return results.serialize(format=_TABULAR[fmt]).decode("utf-8")


def _cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(results: Any) -> str:
    if isinstance(results, ox.QueryBoolean):
        return "true" if bool(results) else "false"
    variables = [v.value for v in results.variables]
    rows = [[_cell(sol[v]).replace("\n", " ") for v in variables] for sol in results]
    widths = [min(60, max([len(v)] + [len(r[i]) for r in rows])) for i, v in enumerate(variables)]

    def fit(s: str, w: int) -> str:
        return (s if len(s) <= w else s[: w - 1] + "…").ljust(w)

    out = [" | ".join(fit(v, w) for v, w in zip(variables, widths, strict=True)),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(fit(c, w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out)


def count_documents(store: KGStore) -> int:
    """How many documents the store holds (the metadata graph's ``lk:Document`` nodes)."""
    rows = store.select(f"SELECT (COUNT(?d) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> {{ ?d a lk:Document }} }}")
    return int(rows[0]["n"]) if rows else 0


def stats(store: KGStore) -> dict[str, Any]:
    """Counts of what the store holds."""
    def one(q: str) -> int:
        rows = store.select(q)
        return int(rows[0]["n"]) if rows else 0

    by_type = {r["t"].rsplit("#", 1)[-1]: int(r["n"]) for r in store.select(
        f"""SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?e a ?t }}
            FILTER(?g NOT IN (<{META_GRAPH}>, <{ONTOLOGY_GRAPH}>))
            FILTER(STRSTARTS(STR(?t), "https://w3id.org/llmkg/ontology#")) }} GROUP BY ?t ORDER BY ?t""")}
    return {
        "quads": len(store),
        "documents": count_documents(store),
        # DISTINCT: a server whose default graph is the bag union of its graphs (kg.remote, union
        # mode) would count a relation stated by two documents twice
        "relations": one("""SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o
            VALUES ?p { lk:developedBy lk:memberOfFamily lk:successorOf lk:derivedFrom lk:distilledFrom
                        lk:fineTunedFrom lk:quantizedFrom lk:mergedFrom lk:adapterOf lk:employer
                        lk:fitsOn }
            # a merge's or quantization's derivedFrom copy (kg.terms.DERIVED_WITH_SUPER) is not
            # one more relation
            FILTER(?p != lk:derivedFrom || NOT EXISTS { ?s SPECIFIC ?o }) } }""".replace(
            "SPECIFIC", "|".join(f"lk:{p}" for p in sorted(DERIVED_WITH_SUPER)))),
        "types": by_type,
    }
