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
from .store import KGStore, compact_iri
from .terms import DERIVED_WITH_SUPER, META_GRAPH, ONTOLOGY_GRAPH

__all__ = ["ATTRIBUTE_PREDICATES", "ENTITY_TYPES", "MAX_NESTING", "RELATION_PREDICATES", "check_query",
           "count_documents", "run_query", "stats", "strip_literals"]

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


def run_query(store: KGStore, sparql: str, *, fmt: str = "json", width: int = 60) -> str:
    """Run ``sparql`` and return the results serialised as ``fmt``.

    Args:
        store: the store.
        sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
        fmt: json, xml, csv, tsv or table (SELECT/ASK); turtle, ntriples, nquads or table
            (CONSTRUCT/DESCRIBE).
        width: the widest a ``table`` column gets (longer cells end in "…"); 0: no limit.

    Raises:
        InvalidQueryError: the query does not parse or is not allowed.
        InvalidInputError: the format does not fit the query form.
    """
    check_query(sparql)
    try:
        results = store.query(sparql)
    except InvalidQueryError as e:
        raise InvalidQueryError(_syntax_message(sparql, e.message)) from e
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
        return _table(results, width)
    if fmt not in _TABULAR:
        raise InvalidInputError(f"a SELECT/ASK result cannot be written as {fmt!r} "
                                f"(use {', '.join(_TABULAR)} or table)")
    return results.serialize(format=_TABULAR[fmt]).decode("utf-8")


#: a prefixed name in a query: "lk:successorOf", "foo:bar"
_PREFIXED = re.compile(r"(?<![\w<:/#?-])([A-Za-z][\w.-]*)?:(?=[A-Za-z_\d])")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_POSITION = re.compile(r"^SPARQL syntax error: error at (\d+):(\d+): ")


def _syntax_message(sparql: str, message: str) -> str:
    """One readable line for a query that does not parse: an unknown prefix is named with the
    predeclared ones, and the parser's list of expected characters is cut to where it failed."""
    from .store import PREFIXES

    bare = strip_literals(sparql)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(bare)}
    unknown = sorted({m.group(1) or "" for m in _PREFIXED.finditer(bare)} - declared - set(PREFIXES))
    if unknown and "Prefix not found" in message:
        return (f"unknown prefix {unknown[0]}: in the query (predeclared: "
                f"{', '.join(p + ':' for p in PREFIXES)}; declare others with PREFIX {unknown[0]}: <...>)")
    at = _POSITION.match(message)
    if at is None or len(message) <= 160:
        return message
    line_no, col = int(at.group(1)), int(at.group(2))
    lines = sparql.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    near = line[max(0, col - 25):col + 15].strip()
    return f"SPARQL syntax error at line {line_no}, column {col}, near {near!r}"


def _cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(results: Any, width: int = 60) -> str:
    """A SELECT's rows as an aligned table, its columns in the query's order (or ASK's answer)."""
    if isinstance(results, ox.QueryBoolean):
        return "true" if bool(results) else "false"
    variables = [v.value for v in results.variables]
    rows = [[_cell(sol[v]).replace("\n", " ") for v in variables] for sol in results]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    if width > 0:
        widths = [min(max(width, 2), w) for w in widths]

    def fit(s: str, w: int) -> str:
        return (s if len(s) <= w else s[: w - 1] + "…").ljust(w)

    out = [" | ".join(fit(v, w) for v, w in zip(variables, widths, strict=True)).rstrip(),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(fit(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out)


def count_documents(store: KGStore) -> int:
    """How many documents the store holds (the metadata graph's ``lk:Document`` nodes)."""
    rows = store.select(f"SELECT (COUNT(?d) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> {{ ?d a lk:Document }} }}")
    return int(rows[0]["n"]) if rows else 0


#: the entity types counted, each entity under its most specific one (a family, typed both
#: ``lk:Model`` and ``lk:ModelFamily``, is a ModelFamily; kg.analytics types its nodes the same)
ENTITY_TYPES = ("Model", "ModelFamily", "Organization", "Person", "UnnamedAgent", "Benchmark", "Hardware")
#: the relations between entities (kg.terms.DERIVED_WITH_SUPER copies are not counted again)
RELATION_PREDICATES = ("developedBy", "memberOfFamily", "successorOf", "derivedFrom", "distilledFrom",
                       "fineTunedFrom", "quantizedFrom", "mergedFrom", "adapterOf", "employer", "fitsOn")
#: the numeric attributes of models
ATTRIBUTE_PREDICATES = ("totalParameters", "activeParameters", "contextWindowTokens")


def stats(store: KGStore) -> dict[str, Any]:
    """Count what the store holds, each count defined once (``llmkg stats``, the summary of
    ``llmkg ingest`` and docs/cli.md#counts use these).

    - ``documents``: documents in the metadata graph;
    - ``entities``: distinct entities by their most specific type (:data:`ENTITY_TYPES`);
    - ``relations``: distinct (subject, relation, object) facts over :data:`RELATION_PREDICATES`,
      however many documents state each, a merge's or quantization's ``derivedFrom`` copy not
      counted again;
    - ``attributes``: distinct (entity, attribute, value) facts (:data:`ATTRIBUTE_PREDICATES`);
    - ``results``: distinct benchmark results (model, benchmark, score);
    - ``claims``: claims (one per claimant, stance and statement in a document);
    - ``quads``: every quad, the ontology and the evidence included.
    """
    def one(q: str) -> int:
        rows = store.select(q)
        return int(rows[0]["n"]) if rows else 0

    docs_only = f"FILTER(?g NOT IN (<{META_GRAPH}>, <{ONTOLOGY_GRAPH}>))"
    copies = "|".join(f"lk:{p}" for p in sorted(DERIVED_WITH_SUPER))

    def nodes(kind: str) -> int:
        return one(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a lk:{kind} }} {docs_only} }}")

    by_type = {r["t"].rsplit("#", 1)[-1]: int(r["n"]) for r in store.select(
        f"""SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?e a ?t }} {docs_only}
            VALUES ?t {{ {" ".join(f"lk:{t}" for t in ENTITY_TYPES)} }}
            FILTER(?t != lk:Model || NOT EXISTS {{ GRAPH ?h {{ ?e a lk:ModelFamily }} }}) }}
            GROUP BY ?t ORDER BY ?t""")}
    # DISTINCT: a server whose default graph is the bag union of its graphs (kg.remote, union
    # mode) would count a relation stated by two documents twice
    return {
        "documents": count_documents(store),
        "entities": {t: by_type[t] for t in ENTITY_TYPES if t in by_type},
        "relations": one(f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o
            VALUES ?p {{ {" ".join(f"lk:{p}" for p in RELATION_PREDICATES)} }}
            FILTER(?p != lk:derivedFrom || NOT EXISTS {{ ?s {copies} ?o }})
            }} }}"""),
        "attributes": one(f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o
            VALUES ?p {{ {" ".join(f"lk:{p}" for p in ATTRIBUTE_PREDICATES)} }} }} }}"""),
        "results": nodes("BenchmarkResult"),
        "claims": nodes("Claim"),
        "quads": len(store),
    }
