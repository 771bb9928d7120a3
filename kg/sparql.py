"""SPARQL 1.1 Protocol evaluation: one query, a dataset, a negotiated format, a deadline, a row cap.

This is the library half of the ``/sparql`` endpoint; the API route only reads the HTTP request
and writes the :class:`SparqlResult` back. It is read-only by construction:

- an update (``INSERT``, ``DELETE``, ``DROP``, ``LOAD``, ...) is refused with
  :class:`~kg.errors.ForbiddenError` before anything is parsed by the store;
- ``SERVICE`` and ``LOAD`` are refused (:func:`kg.queries.check_query`), so a query reaches no
  network and no file;
- rows (solutions, or triples of a CONSTRUCT/DESCRIBE) stop at ``row_limit`` and the result says
  it was truncated;
- rows are pulled one at a time against a deadline: a query that streams (most do) stops at the
  deadline with :class:`~kg.errors.QueryTimeoutError`. A query that must see everything before
  its first row (ORDER BY, GROUP BY over a huge join) can only be abandoned by the caller; the
  API answers at the deadline and bounds how many such queries may run at once.

Results of SELECT are written by this module (W3C JSON, XML, CSV and TSV) so that a capped result
is still a well-formed document; ASK and graph results go through pyoxigraph's writers.

Example:
    >>> from kg.stores import open_store
    >>> with open_store(None) as store:
    ...     r = evaluate(store, "SELECT ?c WHERE { ?c a owl:Class } LIMIT 2", accept="text/csv")
    ...     (r.media_type, r.rows, r.truncated)
    ('text/csv', 2, False)
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .errors import ForbiddenError, InvalidInputError, NotAcceptableError, QueryTimeoutError
from .queries import check_query, strip_literals
from .store import KGStore
from .terms import is_safe_iri

__all__ = [
    "GRAPH_MEDIA_TYPES",
    "TABULAR_MEDIA_TYPES",
    "SparqlResult",
    "choose_media_type",
    "evaluate",
    "is_update",
]

#: media types of SELECT/ASK results, the first is the default
TABULAR_MEDIA_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
#: media types of CONSTRUCT/DESCRIBE results, the first is the default
GRAPH_MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/x-turtle": ox.RdfFormat.TURTLE,
}
#: short names accepted in a ``format=`` parameter
_SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
          "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
          "ttl": "text/turtle", "ntriples": "application/n-triples", "nt": "application/n-triples",
          "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
_CONTENT_TYPE = {"application/sparql-results+json": "application/sparql-results+json",
                 "application/json": "application/sparql-results+json",
                 "application/xml": "application/sparql-results+xml",
                 "text/xml": "application/sparql-results+xml",
                 "text/plain": "application/n-triples",
                 "application/x-turtle": "text/turtle"}

#: the first keyword after the prologue (BASE/PREFIX declarations) names the operation
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s*<[^>]*>|PREFIX\s+[\w.-]*:\s*<[^>]*>)\s*)*", re.IGNORECASE)
_UPDATE_WORD = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_QUERY_WORD = re.compile(r"(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class SparqlResult:
    """A serialised query result and what the client needs to know about it."""

    body: bytes
    media_type: str
    form: str  # "select", "ask" or "graph"
    rows: int
    truncated: bool
    elapsed_s: float
    #: why the result was cut: "rows" (``row_limit``) or "bytes" (``byte_limit``); None if whole
    truncated_by: str | None = None


def is_update(sparql: str) -> bool:
    """Tell whether ``sparql`` is a SPARQL Update request rather than a query.

    Comments and string literals are ignored, so a query mentioning "DELETE" in a literal is
    still a query.

    >>> is_update("PREFIX ex: <urn:x#> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update('SELECT * WHERE { ?s ?p "DROP ALL" }')
    False
    """
    bare = _PROLOGUE.sub("", strip_literals(sparql), count=1)
    return bool(_UPDATE_WORD.match(bare)) and not _QUERY_WORD.match(bare)


def _accepted(accept: str | None) -> list[str]:
    """Media ranges of an Accept header, best first (q-values honoured, q=0 dropped)."""
    if not accept:
        return ["*/*"]
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, i, media))
    return [m for _, _, m in sorted(ranges)] or ["*/*"]


def choose_media_type(accept: str | None, form: str, *, fmt: str | None = None) -> str:
    """Pick the result media type for a query ``form`` ("select", "ask" or "graph").

    Args:
        accept: the HTTP Accept header (None: the form's default).
        form: the query form.
        fmt: a ``format`` parameter (a short name such as ``json``/``turtle`` or a media type);
            it wins over ``accept``.

    Raises:
        NotAcceptableError: nothing the client accepts can hold this form.

    >>> choose_media_type("text/csv;q=0.5, application/sparql-results+xml", "select")
    'application/sparql-results+xml'
    >>> choose_media_type("*/*", "graph")
    'text/turtle'
    """
    table: dict[str, Any] = GRAPH_MEDIA_TYPES if form == "graph" else TABULAR_MEDIA_TYPES
    wanted = [_SHORT.get(fmt.lower(), fmt.lower())] if fmt else _accepted(accept)
    for media in wanted:
        if media in table:
            return _CONTENT_TYPE.get(media, media)
        if media in ("*/*", "application/*", "text/*"):
            default = next(iter(table))
            if media == "*/*" or default.startswith(media[:-1]):
                return default
    kind = "a graph (CONSTRUCT/DESCRIBE)" if form == "graph" else "a SELECT/ASK"
    raise NotAcceptableError(
        f"cannot write {kind} result as {', '.join(wanted)}; available: {', '.join(table)}")


def _graphs(iris: Sequence[str], what: str) -> list[ox.NamedNode]:
    for iri in iris:
        if not is_safe_iri(iri):
            raise InvalidInputError(f"{what} is not a valid IRI: {iri!r}")
    return [ox.NamedNode(i) for i in iris]


def evaluate(store: KGStore, sparql: str, *, accept: str | None = None, fmt: str | None = None,
             default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = (),
             timeout_s: float = 30.0, row_limit: int = 10_000,
             byte_limit: int = 50_000_000) -> SparqlResult:
    """Run one read-only query and serialise its result in the negotiated format.

    Args:
        store: the store.
        sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
        accept: the client's Accept header.
        fmt: an explicit format (short name or media type), overriding ``accept``.
        default_graph_uris: the protocol's ``default-graph-uri`` values: the query's default
            graph is their merge (otherwise the union of every graph in the store).
        named_graph_uris: the protocol's ``named-graph-uri`` values: the graphs ``GRAPH`` may
            range over (otherwise all of them).
        timeout_s: the deadline, from the start of evaluation to the last row written.
        row_limit: most solutions (SELECT) or triples (CONSTRUCT/DESCRIBE) returned.
        byte_limit: most bytes of rows in the body (SELECT: exactly, as written; graphs: as
            N-Triples, which the other syntaxes stay within a small factor of).

    Raises:
        ForbiddenError: ``sparql`` is an update.
        InvalidQueryError: it does not parse, or uses SERVICE/LOAD.
        NotAcceptableError: no accepted format fits the query form.
        QueryTimeoutError: the deadline passed while rows were being pulled.
    """
    if is_update(sparql):
        raise ForbiddenError("this endpoint is read-only: SPARQL updates are refused")
    check_query(sparql)
    default = _graphs(default_graph_uris, "default-graph-uri")
    named = _graphs(named_graph_uris, "named-graph-uri")
    started = time.monotonic()
    deadline = started + timeout_s
    results = store.query(sparql, default_graphs=default or None, named_graphs=named or None)
    if isinstance(results, ox.QueryBoolean):
        media = choose_media_type(accept, "ask", fmt=fmt)
        body = results.serialize(format=_results_format(media))
        return SparqlResult(body, media, "ask", 1, False, time.monotonic() - started)
    form = "graph" if isinstance(results, ox.QueryTriples) else "select"
    media = choose_media_type(accept, form, fmt=fmt)  # before evaluating: a 406 costs nothing
    variables = [] if form == "graph" else [v.value for v in results.variables]
    kind = "graph" if form == "graph" else TABULAR_MEDIA_TYPES[media]
    head, write_row, sep, tail = _WRITERS[kind]
    parts: list[str] = [head(variables)]
    rows: list[Any] = []
    size = len(parts[0])
    truncated_by = None
    for row in results:
        if len(rows) >= row_limit:
            truncated_by = "rows"
            break
        if time.monotonic() > deadline:
            raise QueryTimeoutError(f"query ran past its deadline of {timeout_s:g} s")
        text = write_row(variables, row)
        size += len(text) + len(sep)
        if size > byte_limit:
            truncated_by = "bytes"
            break
        parts.append(text)
        rows.append(row)
    if time.monotonic() > deadline:
        raise QueryTimeoutError(f"query ran past its deadline of {timeout_s:g} s")
    if form == "graph":
        body = ox.serialize(rows, format=GRAPH_MEDIA_TYPES[media], prefixes=_prefixes(media)) or b""
    else:
        body = (parts[0] + sep.join(parts[1:]) + tail(bool(rows))).encode("utf-8")
    return SparqlResult(body, media, form, len(rows), truncated_by is not None,
                        time.monotonic() - started, truncated_by)


def _prefixes(media: str) -> dict[str, str] | None:
    from .store import PREFIXES

    return PREFIXES if media == "text/turtle" else None


def _results_format(media: str) -> ox.QueryResultsFormat:
    return {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[TABULAR_MEDIA_TYPES[media]]


# -- SELECT writers (W3C SPARQL 1.1 Query Results JSON / XML / CSV-TSV)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _json_head(variables: list[str]) -> str:
    return '{"head":{"vars":' + json.dumps(variables) + '},"results":{"bindings":['


def _json_row(variables: list[str], row: Any) -> str:
    return json.dumps({v: _json_term(row[v]) for v in variables if row[v] is not None}, ensure_ascii=False)


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != _XSD + "string":
            attr = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(_xml_text(term.value))}</literal>"
    return f"<literal>{escape(_xml_text(str(term)))}</literal>"


def _xml_text(value: str) -> str:
    """Drop the characters XML 1.0 cannot carry (a literal may hold any code point)."""
    return re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", value)


def _xml_head(variables: list[str]) -> str:
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>',
                      '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>',
                      *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head><results>\n"])


def _xml_row(variables: list[str], row: Any) -> str:
    return "<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                                for v in variables if row[v] is not None) + "</result>"


def _csv_cell(term: Any) -> str:
    if term is None:
        return ""
    value = f"_:{term.value}" if isinstance(term, ox.BlankNode) else getattr(term, "value", str(term))
    if any(c in value for c in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def _csv_row(variables: list[str], row: Any) -> str:
    return ",".join(_csv_cell(row[v]) for v in variables)


def _tsv_cell(term: Any) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _tsv_row(variables: list[str], row: Any) -> str:
    return "\t".join(_tsv_cell(row[v]) for v in variables)


def _ntriples_size(_variables: list[str], triple: Any) -> str:
    return str(triple)


#: result kind -> (head, one row, separator between rows, tail given "any rows?")
_WRITERS: dict[str, tuple[Callable[[list[str]], str], Callable[[list[str], Any], str], str,
                          Callable[[bool], str]]] = {
    "json": (_json_head, _json_row, ",", lambda _any: "]}}"),
    "xml": (_xml_head, _xml_row, "\n", lambda _any: "\n</results></sparql>"),
    "csv": (lambda vs: ",".join(vs) + "\r\n", _csv_row, "\r\n", lambda any_: "\r\n" if any_ else ""),
    "tsv": (lambda vs: "\t".join(f"?{v}" for v in vs) + "\n", _tsv_row, "\n",
            lambda any_: "\n" if any_ else ""),
    "graph": (lambda _vs: "", _ntriples_size, " .\n", lambda _any: ""),
}
