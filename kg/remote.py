"""A remote store: llmkg's graphs on an existing SPARQL server, over the standard protocols.

``--store http://host:port/...`` (the server's SPARQL **query endpoint**) opens a
:class:`RemoteStore` instead of the embedded store: the same public interface as
:class:`kg.store.KGStore`, with the same named graphs (one per document, the metadata graph, the
ontology graph) and the same writes (one SPARQL update per document, built by
:func:`kg.store.replace_document_update`). It speaks

- SPARQL 1.1 Query (POST, form-encoded; results as SPARQL JSON, graphs as N-Triples),
- SPARQL 1.1 Update (POST, form-encoded; one request per document write),
- the SPARQL 1.1 Graph Store HTTP Protocol, where the server has it, to read one whole graph
  (exports) and to bulk-load a dump (``llmkg load``).

The update and graph-store endpoints are derived from the query endpoint's layout (Oxigraph
server, Apache Jena Fuseki, Virtuoso, GraphDB/RDF4J, QLever) and can be given explicitly with
query parameters on the store URL; see docs/remote-store.md and :func:`parse_store_url`.

Two default-graph modes:

- ``copy`` (Oxigraph server, Fuseki without ``unionDefaultGraph``): the server's default graph is
  a graph of its own, and llmkg keeps it equal to the set union of its named graphs on every
  write, exactly as the embedded store does (same update text);
- ``union`` (Virtuoso, GraphDB, QLever, Fuseki with ``unionDefaultGraph``): the server's query
  default graph already is the union of all graphs, so writes skip the copies. The union is a
  *bag* on these servers (a triple stated by two documents is two rows), where llmkg's is a set.

Oxigraph's ``substitutions`` (a variable bound before evaluation) are not part of the protocol:
:func:`bind_variables` rewrites the query text so that the server gives the same rows.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from .errors import InvalidInputError, InvalidQueryError, QueryTimeoutError, StoreError
from .store import PREFIXES, KGStore, replace_document_update, to_ox
from .terms import BASE, ONTOLOGY_GRAPH

if TYPE_CHECKING:
    from rdflib import Dataset

    from .settings import Settings

__all__ = ["RemoteStore", "StoreEndpoints", "bind_variables", "is_store_url", "parse_store_url"]

#: query parameters of the store URL that configure llmkg (the others go to the server)
_OPTIONS = ("update", "gsp", "auth", "default_graph")
_RESULTS_JSON = "application/sparql-results+json"
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/ntriples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
#: a boolean as Virtuoso writes it ("1" or "0"), in SPARQL JSON results and in N-Triples
_VIRTUOSO_BOOLEANS = (
    re.compile(rb'(XMLSchema#boolean",\s*"value":\s*")([01])(")'),
    re.compile(rb'((?<!\\)")([01])("\^\^<http://www\.w3\.org/2001/XMLSchema#boolean>)'),
)
#: quads per request of a bulk load
_LOAD_CHUNK = 20_000


def is_store_url(location: object) -> bool:
    """Whether a ``--store`` value names a SPARQL server (an http or https URL) rather than a
    directory.

    >>> is_store_url("http://127.0.0.1:7878/query"), is_store_url(".llmkg/store")
    (True, False)
    """
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class StoreEndpoints:
    """Where and how to reach one SPARQL server (from :func:`parse_store_url`)."""

    query: str
    update: str
    #: the Graph Store Protocol endpoint, or None: whole graphs are read with SPARQL then
    gsp: str | None
    #: "basic", "digest", "bearer" or "none"
    auth: str
    user: str | None
    password: str | None
    #: "copy" (llmkg maintains the default graph) or "union" (the server's default is the union)
    default_graph: str
    #: the engine this URL layout belongs to ("oxigraph", "fuseki", "virtuoso", "graphdb",
    #: "qlever" or "sparql"); the server's own ``Server`` header refines it once connected
    engine: str
    #: the query endpoint without credentials or query string, for messages
    location: str


def parse_store_url(url: str, *, user: str | None = None, password: str | None = None) -> StoreEndpoints:
    """The endpoints, credentials and default-graph mode a store URL names.

    The URL is the server's SPARQL query endpoint; the update and Graph Store endpoints follow
    from its layout, unless given as query parameters (an absolute URL or a path on the same
    server; ``gsp=none`` for a server without one):

    ============================================  ==================  ==========================  =======
    query endpoint                                update              graph store                 default
    ============================================  ==================  ==========================  =======
    ``http://h:7878/query`` (Oxigraph server)     ``/update``         ``/store``                  copy
    ``http://h:3030/DS/query`` (Fuseki)           ``/DS/update``      ``/DS/data``                copy
    ``http://h:8890/sparql`` (Virtuoso)           ``/sparql-auth``    ``/sparql-graph-crud-auth`` union
    ``http://h:7200/repositories/ID`` (GraphDB)   ``.../statements``  ``.../rdf-graphs/service``  union
    ``http://h:7001/`` (QLever)                   the same URL        none                        union
    anything else                                 the same URL        none                        copy
    ============================================  ==================  ==========================  =======

    (Virtuoso without credentials: ``/sparql`` and ``/sparql-graph-crud``.) Other parameters:
    ``auth=basic|digest|bearer|none`` (default: digest for Virtuoso, basic elsewhere, when
    credentials are given) and ``default_graph=copy|union``. Credentials come from the URL's
    ``user:password@`` or from ``user``/``password`` (``LLMKG_STORE_USER``/``_PASSWORD``); a bearer
    token (QLever's access token) is the password.

    Raises:
        InvalidInputError: an unknown option value.

    >>> e = parse_store_url("http://127.0.0.1:7878/query")
    >>> (e.update, e.gsp, e.default_graph)
    ('http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store', 'copy')
    >>> e = parse_store_url("http://dba:secret@h:8890/sparql")
    >>> (e.update, e.auth, e.user, e.default_graph, e.location)
    ('http://h:8890/sparql-auth', 'digest', 'dba', 'union', 'http://h:8890/sparql')
    """
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    options = {k: v for k, v in params if k in _OPTIONS}
    rest = urlencode([(k, v) for k, v in params if k not in _OPTIONS])
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    if ":" in (parts.hostname or "") and not host.startswith("["):  # an IPv6 literal
        host = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port is not None else "")
    if parts.username is not None:
        user = unquote(parts.username)
        password = unquote(parts.password) if parts.password is not None else password
    root = f"{parts.scheme}://{host}"
    path = parts.path or "/"
    query = urlunsplit((parts.scheme, host, path, rest, ""))
    creds = bool(user or password)
    engine, mode, auth = "sparql", "copy", "basic"
    update: str = query
    gsp: str | None = None
    repo = re.fullmatch(r"(.*/repositories/[^/]+)/?", path)
    if path == "/query":
        engine, update, gsp = "oxigraph", root + "/update", root + "/store"
    elif path.endswith("/query"):
        base = root + path[: -len("/query")]
        engine, update, gsp = "fuseki", base + "/update", base + "/data"
    elif path == "/sparql":
        engine, mode, auth = "virtuoso", "union", "digest"
        update = root + ("/sparql-auth" if creds else "/sparql")
        gsp = root + ("/sparql-graph-crud-auth" if creds else "/sparql-graph-crud")
    elif repo:
        engine, mode = "graphdb", "union"
        update, gsp = root + repo.group(1) + "/statements", root + repo.group(1) + "/rdf-graphs/service"
    elif path == "/":
        engine, mode, auth = "qlever", "union", "bearer"
    if "update" in options:
        update = _endpoint(root, options["update"], "update")
    if "gsp" in options:
        gsp = None if options["gsp"].lower() in ("", "none") else _endpoint(root, options["gsp"], "gsp")
    if "auth" in options:
        auth = options["auth"].lower()
        if auth not in ("basic", "digest", "bearer", "none"):
            raise InvalidInputError(
                f"store URL: auth={options['auth']!r} (choose basic, digest, bearer or none)")
    if "default_graph" in options:
        mode = options["default_graph"].lower()
        if mode not in ("copy", "union"):
            raise InvalidInputError(
                f"store URL: default_graph={options['default_graph']!r} (choose copy or union)")
    if not creds:
        auth = "none"
    return StoreEndpoints(query, update, gsp, auth, user, password, mode, engine, _clean(query))


def _endpoint(root: str, value: str, name: str) -> str:
    if value.startswith("/"):
        return root + value
    if is_store_url(value):
        return value
    raise InvalidInputError(f"store URL: {name}={value!r} is neither an http(s) URL nor a path (/...)")


# -- binding variables in the query text


_TOKEN = re.compile(
    r"(?P<ws>\s+)|(?P<comment>#[^\n\r]*)"
    r"|(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\")"
    r"|(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
    r"|(?P<var>[?$][\w\u00b7]+)"
    r"|(?P<word>[\w][\w.\-\u00b7]*(?::[\w.\-:%\\]*)?|:[\w.\-:%\\]*)"
    r"|(?P<punct>.)", re.DOTALL)


def _tokens(sparql: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of each token but white space and comments."""
    return [(m.lastgroup or "punct", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sparql)
            if m.lastgroup not in ("ws", "comment")]


def _projection(tokens: list[tuple[str, str, int, int]], i: int) -> set[str] | None:
    """The variables a SELECT at token ``i`` projects (None: ``SELECT *``)."""
    names: set[str] = set()
    paren = 0
    previous = ""
    for kind, text, _s, _e in tokens[i + 1:]:
        if text == "{" or (kind == "word" and text.upper() in ("WHERE", "FROM")):
            break
        if text == "(":
            paren += 1
        elif text == ")":
            paren -= 1
        elif text == "*" and paren == 0:
            return None
        elif kind == "var" and (paren == 0 or previous == "AS"):
            names.add(text[1:])
        previous = text.upper() if kind == "word" else ""
    return names


def query_form(sparql: str) -> str:
    """The query form: "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE" ("" when none is found).

    >>> query_form("PREFIX x: <urn:x#> # SELECT?\\nCONSTRUCT WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    for kind, text, _s, _e in _tokens(sparql):
        if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return text.upper()
    return ""


def bind_variables(sparql: str, bindings: dict[str, str]) -> str:
    """Rewrite ``sparql`` so that each variable of ``bindings`` (name -> a SPARQL term) is bound
    before evaluation, as Oxigraph's ``substitutions`` bind it, and still returned.

    Every use of the variable in the pattern, in expressions and in nested groups (where a
    FILTER must see the binding) becomes the term; a ``VALUES`` block put first in the outermost
    group pattern binds the variable for the projection, GROUP BY and ORDER BY. Subqueries that
    do not project the variable keep their own variable of that name (SPARQL scoping, as in
    Oxigraph). Projected variables, ``AS`` targets and ``VALUES`` headers stay variables.

    Raises:
        InvalidQueryError: the query has no group pattern to bind the variables in.

    >>> bind_variables("SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(?e != <urn:b>) }", {"e": "<urn:a>"})
    'SELECT ?e ?l WHERE { VALUES (?e) { (<urn:a>) } { <urn:a> rdfs:label ?l FILTER(<urn:a> != <urn:b>) } }'
    """
    if not bindings:
        return sparql
    tokens = _tokens(sparql)
    edits: list[tuple[int, int, str]] = []
    frames: list[tuple[int, frozenset[str]]] = [(0, frozenset(bindings))]
    depth = paren = 0
    clause = ""  # "project", "order" (GROUP BY / ORDER BY) or "values" (a VALUES header)
    clause_paren = 0
    form = ""
    saw_where = template_done = False
    outer: list[int] = []  # token indexes of the outermost group pattern's braces
    previous = ""
    for i, (kind, text, start, end) in enumerate(tokens):
        word = text.upper() if kind == "word" else ""
        if text == "{" and kind == "punct":
            if depth == 0 and form and not outer:
                if form == "CONSTRUCT" and not saw_where and not template_done:
                    template_done = True
                else:
                    outer.append(i)
            depth += 1
            if clause in ("project", "values"):
                clause = ""
        elif text == "}" and kind == "punct":
            depth -= 1
            while frames[-1][0] > depth:
                frames.pop()
            if depth == 0 and len(outer) == 1:
                outer.append(i)
            if clause == "order":
                clause = ""
        elif text == "(" and kind == "punct":
            paren += 1
        elif text == ")" and kind == "punct":
            paren -= 1
        elif word:
            if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and depth == 0 and not form:
                form = word
            if word == "WHERE" and depth == 0:
                saw_where = True
            if word == "SELECT":
                clause, clause_paren = "project", paren
                if depth > 0:  # a subquery: it sees the variables it projects, no others
                    projected = _projection(tokens, i)
                    active = frames[-1][1]
                    frames.append((depth, active if projected is None else active & projected))
            elif word in ("WHERE", "FROM") and clause == "project":
                clause = ""
            elif word == "BY" and previous in ("GROUP", "ORDER"):
                clause, clause_paren = "order", paren
            elif word in ("HAVING", "LIMIT", "OFFSET", "GROUP", "ORDER") and clause == "order":
                clause = ""
            if word == "VALUES":
                clause = "values"
        elif kind == "var" and text[1:] in frames[-1][1]:
            keep = (previous == "AS" or clause == "values"
                    or (clause in ("project", "order") and paren == clause_paren))
            if not keep:
                edits.append((start, end, bindings[text[1:]]))
        previous = word
    if len(outer) != 2:
        raise InvalidQueryError("cannot bind variables of a query without a group pattern (WHERE { ... })")
    names = list(bindings)
    values = (f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(bindings[n] for n in names)}) }} ")
    edits.append((tokens[outer[0]][2], tokens[outer[0]][3], "{" + values + "{"))
    edits.append((tokens[outer[1]][2], tokens[outer[1]][3], "} }"))
    out = sparql
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    return out


def with_prefixes(sparql: str) -> str:
    """``sparql`` with a PREFIX declaration of each of llmkg's prefixes it does not declare (the
    embedded store passes them to Oxigraph; a server knows only its own)."""
    tokens = _tokens(sparql)
    declared = {tokens[i + 1][1].rstrip(":").lower() for i in range(len(tokens) - 1)
                if tokens[i][0] == "word" and tokens[i][1].upper() == "PREFIX"}
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
    return head + sparql


def _term(node: Node) -> str:
    term = to_ox(node)
    if isinstance(term, ox.BlankNode):
        raise InvalidInputError("a remote store cannot bind a variable to a blank node")
    return str(term)


# -- the store


class RemoteStore:
    """llmkg's graphs on a SPARQL server (see the module docstring); open with
    :func:`kg.stores.open_store` and an http(s) URL.

    Thread-safe like :class:`~kg.store.KGStore`: writes through one object are serialised, reads
    run concurrently (one HTTP connection pool per store).
    """

    remote = True
    #: a server has no local directory (the API runs its queries on the server, not in workers)
    path = None

    # the SPARQL-only parts are the embedded store's own (they call ``query``/``replace_document``)
    select = KGStore.select
    document_by_source = KGStore.document_by_source
    document_meta = KGStore.document_meta
    delete_document = KGStore.delete_document

    def __init__(self, url: str, *, read_only: bool = False, settings: Settings | None = None) -> None:
        from . import __version__
        from .settings import get_settings

        settings = settings or get_settings()
        user = settings.store_user
        password = settings.store_password.get_secret_value() if settings.store_password else None
        self.endpoints = parse_store_url(url, user=user, password=password)
        self.read_only = read_only
        self.generation = 0
        self.engine = self.endpoints.engine
        self._write_lock = threading.RLock()
        self._query_timeout = settings.query_timeout_s
        self._write_timeout = settings.remote_timeout_s
        self._union = self.endpoints.default_graph == "union"
        #: llmkg's own named graphs: others on a shared server are not listed, counted or exported
        self._scopes = tuple(dict.fromkeys([BASE + "graph/", settings.base_iri + "graph/"]))
        e = self.endpoints
        auth: httpx.Auth | None = None
        headers = {"User-Agent": f"llmkg/{__version__}"}
        if e.auth == "basic":
            auth = httpx.BasicAuth(e.user or "", e.password or "")
        elif e.auth == "digest":
            auth = httpx.DigestAuth(e.user or "", e.password or "")
        elif e.auth == "bearer":
            headers["Authorization"] = f"Bearer {e.password or e.user}"
        self._client = httpx.Client(auth=auth, headers=headers, follow_redirects=False)
        try:
            self._probe()
            if not read_only:
                self._ensure_ontology()
        except BaseException:
            self._client.close()
            raise

    @property
    def location(self) -> str:
        """The query endpoint (credentials left out), for messages."""
        return self.endpoints.location

    # -- lifecycle
    def close(self) -> None:
        """Release the HTTP connections; closing twice is harmless."""
        self._client.close()

    def flush(self) -> None:
        """Nothing to do: a server makes its commits durable by its own rules (docs/remote-store.md)."""

    def checkpoint(self, target: Path) -> None:  # noqa: ARG002 - KGStore's signature
        """Refused: a server is backed up with its own tools.

        Raises:
            StoreError: always.
        """
        raise backup_refusal(self.location)

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _failure(self, e: BaseException, doing: str) -> StoreError:
        msg = " ".join(str(e).split())
        return StoreError(f"store {self.location}: {doing} failed: {msg}")

    def _probe(self) -> None:
        """Ask the query endpoint something, so that a wrong URL fails here, with one clear line."""
        response = self._send("POST", self.endpoints.query, doing="open",
                              data={"query": "ASK { }"}, headers={"Accept": _RESULTS_JSON})
        server = response.headers.get("server", "").lower()
        for engine in ("oxigraph", "virtuoso", "fuseki", "graphdb", "qlever", "rdf4j"):
            if engine in server:
                self.engine = engine
        if _media(response) not in _RESULT_FORMATS:
            raise StoreError(f"{self.location} is not a SPARQL query endpoint: it answered a query with "
                             f"{_media(response) or 'no content type'} (give the server's query "
                             "endpoint, see docs/remote-store.md)")

    def _ensure_ontology(self) -> None:
        from ontology import ontology_path

        if self.query(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"):
            return
        graph = URIRef(str(ONTOLOGY_GRAPH))
        lines = " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in
                         ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE))
        body = f"GRAPH <{graph}> {{ {lines} }}" + ("" if self._union else f" {lines}")
        self._update(f"INSERT DATA {{ {body} }}", "load the ontology")

    # -- HTTP
    def _send(self, method: str, url: str, *, doing: str, write: bool = False, stream: bool = False,
              timeout: float | None = None, allow: tuple[int, ...] = (), **kwargs: Any) -> httpx.Response:
        """One request; every failure becomes a StoreError naming the store and saying, for a
        write, whether anything can have been stored."""
        t = timeout or (self._write_timeout if write else self._query_timeout)
        request = self._client.build_request(method, url, timeout=httpx.Timeout(t, connect=min(t, 10.0)),
                                             **kwargs)
        nothing = "; nothing was stored" if write else ""
        try:
            response = self._client.send(request, stream=stream)
        except httpx.ConnectError as e:
            raise StoreError(f"cannot reach the store at {self.location}: {_reason(e)}{nothing} "
                             "(is the SPARQL server running at that address?)") from None
        except httpx.ConnectTimeout:
            raise StoreError(f"cannot reach the store at {self.location}: no connection within "
                             f"{min(t, 10.0):g} s{nothing}") from None
        except (httpx.WriteTimeout, httpx.WriteError) as e:
            raise StoreError(f"store {self.location}: {doing} failed while sending the request "
                             f"({_reason(e)}){nothing}") from None
        except httpx.ReadTimeout:
            if write:
                raise StoreError(
                    f"store {self.location}: {doing}: the server did not answer within {t:g} s "
                    "(remote_timeout_s); the write may or may not have been applied (the server may "
                    "still be running it): check, or write again (a document is replaced whole)") from None
            raise QueryTimeoutError(f"query ran past its deadline of {t:g} s (the store at "
                                    f"{self.location} did not answer in time)") from None
        except httpx.TransportError as e:  # the connection broke after the request was sent
            may = ("; the write may or may not have been applied: check, or write again (a document is "
                   "replaced whole)") if write else ""
            raise StoreError(f"store {self.location}: {doing} failed: the connection broke "
                             f"({_reason(e)}){may}") from None
        except httpx.HTTPError as e:
            raise StoreError(f"store {self.location}: {doing} failed: {_reason(e)}{nothing}") from None
        if response.status_code >= 300 and response.status_code not in allow:
            if stream:
                response.read()
                response.close()
            raise self._refused(response, url, doing, write)
        if "x-sql-state" in response.headers:  # Virtuoso's "anytime" answer: cut at its time limit
            response.close()
            raise StoreError(
                f"the store at {self.location} sent a partial answer ({response.headers['x-sql-state']}: "
                f"{response.headers.get('x-sql-message', 'query interrupted')}): raise "
                "MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini, or ask for less")
        if "x-sparql-maxrows" in response.headers:  # Virtuoso cut the answer at ResultSetMaxRows
            response.close()
            raise StoreError(
                f"the store at {self.location} may have cut this answer at "
                f"{response.headers['x-sparql-maxrows']} rows (Virtuoso's ResultSetMaxRows): raise "
                "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini; llmkg needs whole answers")
        return response

    def _refused(self, response: httpx.Response, url: str, doing: str, write: bool,
                 endpoint: str = "") -> StoreError:
        status = f"{response.status_code} {response.reason_phrase}".strip()
        text = " ".join(response.text.split())
        text = text.split(" SPARQL query:")[0][:500]  # Virtuoso repeats the whole request
        shown = _clean(url)
        if response.status_code in (401, 403):
            return StoreError(
                f"the store at {self.location} refused to {doing} ({status} at {shown}): give credentials "
                "(http://user:password@host/..., or LLMKG_STORE_USER and LLMKG_STORE_PASSWORD) with the "
                f"rights to {'write' if write else 'read'}" + ("; nothing was stored" if write else ""))
        if response.status_code in (404, 405):
            return StoreError(
                f"the store at {self.location}: {shown} answered {status}: no SPARQL "
                f"{endpoint or ('update' if write else 'query')} endpoint there; check the store URL (see "
                "docs/remote-store.md for each server's URL, or give ?update=/?gsp=)"
                + ("; nothing was stored" if write else ""))
        if not write and response.status_code == 400:
            return InvalidQueryError(f"the store at {self.location} refused the query ({status}): {text}")
        if write:
            if response.status_code < 500 or self.engine not in ("virtuoso", "qlever"):
                outcome = "nothing was stored (the server runs an update as one transaction)"
            else:
                outcome = (f"part of it may have been applied ({self.engine} does not roll back a failed "
                           "request): write the document again to replace it whole")
            return StoreError(f"store {self.location}: {doing} failed, the server answered {status}: "
                              f"{text}; {outcome}")
        return StoreError(f"store {self.location}: {doing} failed, the server answered {status}: {text}")

    def _update(self, update: str, doing: str) -> None:
        response = self._send("POST", self.endpoints.update, doing=doing, write=True,
                              data={"update": with_prefixes(update)})
        response.close()

    # -- reading
    def query(self, sparql: str, *, union: bool = False,  # noqa: ARG002 - see the docstring
              substitutions: dict[str, Node] | None = None,
              default_graphs: list[ox.NamedNode] | None = None,
              named_graphs: list[ox.NamedNode] | None = None) -> Any:
        """Run a SPARQL query on the server: the same arguments and results as
        :meth:`kg.store.KGStore.query` (pyoxigraph ``QuerySolutions``, ``QueryBoolean`` or
        ``QueryTriples``).

        ``union`` is accepted for compatibility: the default graph already is the union of the
        named graphs (kept by llmkg, or the server's own). SELECT answers are parsed as they
        arrive (a caller that stops early does not hold the rest); graph answers are read whole.

        Raises:
            InvalidQueryError: the server refused the query (400).
            QueryTimeoutError: no answer within ``query_timeout_s``.
            StoreError: the server cannot be reached, or failed.
        """
        bindings = {k: _term(v) for k, v in (substitutions or {}).items()}
        text = with_prefixes(bind_variables(sparql, bindings))
        form = query_form(sparql)
        graph = form in ("CONSTRUCT", "DESCRIBE")
        data: dict[str, str | list[str]] = {"query": text}
        if default_graphs:
            data["default-graph-uri"] = [g.value for g in default_graphs]
        if named_graphs:
            data["named-graph-uri"] = [g.value for g in named_graphs]
        accept = ("application/n-triples, text/plain;q=0.9, text/turtle;q=0.8" if graph
                  else f"{_RESULTS_JSON}, application/sparql-results+xml;q=0.9")
        response = self._send("POST", self.endpoints.query, doing="query", stream=True,
                              data=data, headers={"Accept": accept})
        media = _media(response)
        if media in _GRAPH_FORMATS:
            return _as_query_triples(self._body(response), _GRAPH_FORMATS[media], self.location)
        if media not in _RESULT_FORMATS:
            response.close()
            raise StoreError(f"store {self.location}: query answered with {media or 'no content type'}, "
                             "not SPARQL results")
        try:
            source = self._source(response)
            return ox.parse_query_results(source, _RESULT_FORMATS[media])
        except SyntaxError as e:
            response.close()
            raise self._failure(e, "read the query results") from None

    def _source(self, response: httpx.Response) -> bytes | _ResponseReader:
        """A streamed answer, as the parsers read it (Virtuoso's read whole, to fix its booleans)."""
        return self._body(response) if self.engine == "virtuoso" else _ResponseReader(response, self._broke)

    def _broke(self, e: httpx.HTTPError) -> Exception:
        """The error for an answer that stopped coming: its deadline passed, or the connection broke."""
        if isinstance(e, httpx.TimeoutException):
            return QueryTimeoutError(f"query ran past its deadline of {self._query_timeout:g} s (the store "
                                     f"at {self.location} stopped sending its answer)")
        return StoreError(f"store {self.location}: reading the answer failed: the connection broke "
                          f"({_reason(e)})")

    def _body(self, response: httpx.Response) -> bytes:
        """The whole body of a streamed response (Virtuoso's booleans made canonical)."""
        try:
            body = response.read()
        except httpx.HTTPError as e:
            raise self._broke(e) from None
        finally:
            response.close()
        if self.engine == "virtuoso":  # it answers "1"^^xsd:boolean for true: the same value
            for pattern in _VIRTUOSO_BOOLEANS:
                body = pattern.sub(lambda m: m.group(1) + (b"true" if m.group(2) == b"1" else b"false")
                                   + m.group(3), body)
        return body

    def __len__(self) -> int:
        """Quads in llmkg's graphs, counting the default graph as the embedded store does (the set
        union of the named graphs, stored or not)."""
        scope = self._scope("?g")
        named = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {scope} }}")
        if self._union:
            default = self.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
                                  f"GRAPH ?g {{ ?s ?p ?o }} {scope} }} }}")
        else:
            default = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(named[0]["n"]) + int(default[0]["n"])

    def _scope(self, var: str) -> str:
        """A FILTER keeping llmkg's own graphs (Virtuoso, say, holds system graphs of its own)."""
        tests = " || ".join(f'STRSTARTS(STR({var}), "{s}")' for s in self._scopes)
        return f"FILTER({tests})"

    def named_graphs(self) -> list[str]:
        """IRIs of llmkg's named graphs (documents, metadata, ontology) on the server."""
        rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._scope('?g')} }}")
        return sorted(r["g"] for r in rows)

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        """The quads of one named graph (a Graph Store Protocol GET where the server has one)."""
        g = ox.NamedNode(graph)
        if self.endpoints.gsp is None:
            for t in self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
                yield ox.Quad(t.subject, t.predicate, t.object, g)
            return
        response = self._send("GET", self.endpoints.gsp, doing=f"read graph <{graph}>", stream=True,
                              allow=(404,), params={"graph": graph},
                              headers={"Accept": "application/n-triples"})
        if response.status_code == 404:  # the protocol's answer for a graph that does not exist
            response.read()
            response.close()
            if graph == str(ONTOLOGY_GRAPH):  # llmkg always has this one: the endpoint is wrong
                raise self._refused(response, self.endpoints.gsp, f"read graph <{graph}>", False,
                                    "Graph Store")
            next(self.graph_quads(str(ONTOLOGY_GRAPH)), None)
            return
        fmt = _GRAPH_FORMATS.get(_media(response) or "application/n-triples")
        if fmt is None:
            response.close()
            raise StoreError(f"store {self.location}: graph <{graph}> came as {_media(response)}, not RDF "
                             f"(is {_clean(self.endpoints.gsp)} a Graph Store endpoint? see ?gsp=)")
        try:
            source = self._source(response)
            for t in ox.parse(source, fmt):
                yield ox.Quad(t.subject, t.predicate, t.object, g)
        except SyntaxError as e:
            raise self._failure(e, f"read graph <{graph}>") from None
        finally:
            response.close()

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of llmkg's graphs, graph by graph, then the default graph (the set union of
        the named graphs). Not a snapshot: a write made meanwhile may be seen in part."""
        for graph in self.named_graphs():
            yield from self.graph_quads(graph)
        if self._union:
            sparql = ("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                      f"{self._scope('?g')} }}")
            for sol in self.query(sparql):
                yield ox.Quad(sol["s"], sol["p"], sol["o"], ox.DefaultGraph())
        else:
            for t in self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
                yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())

    def dataset(self) -> Dataset:
        """An rdflib ``Dataset`` over the server (rdflib's SPARQL store: slow, for small jobs;
        basic authentication only)."""
        from rdflib import Dataset
        from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

        e = self.endpoints
        auth = (e.user or "", e.password or "") if e.auth == "basic" else None
        if self.read_only:
            return Dataset(store=SPARQLStore(e.query, auth=auth))
        return Dataset(store=SPARQLUpdateStore(e.query, e.update, auth=auth))

    # -- writing
    def replace_document(self, doc: URIRef, graph: URIRef, quads: Iterable[tuple[Node, Node, Node, URIRef]],
                         *, drop: Iterable[tuple[URIRef, URIRef]] = ()) -> int:
        """Replace one document's graph and metadata in one update request; return the quads
        written. See :meth:`kg.store.KGStore.replace_document`.

        Raises:
            StoreError: the store is read-only, or the request failed (the message says whether
                anything can have been stored).
        """
        if self.read_only:
            raise StoreError("store is open read-only")
        update, n = replace_document_update(doc, graph, quads, drop=drop, default_graph=not self._union)
        with self._write_lock:
            self._update(update, "write")
            self.generation += 1
        return n

    def load_dump(self, path: Path, fmt: ox.RdfFormat) -> int:
        """Bulk-load an N-Quads or TriG dump into this store, which must hold no documents
        (``llmkg load``): each graph's triples are POSTed to the Graph Store endpoint (or sent as
        INSERT DATA without one) in chunks, with the default-graph copies in ``copy`` mode (the
        dump's own default-graph triples are skipped: llmkg's default graph is derived from the
        named graphs). Not one transaction: on failure the graphs loaded so far are dropped again.

        Returns:
            The quads read from the dump.

        Raises:
            InvalidInputError: the file is not valid N-Quads/TriG (nothing is left loaded).
            StoreError: the store holds documents, or the server failed (nothing is left loaded).
        """
        if self.read_only:
            raise StoreError("store is open read-only")
        ontology = str(ONTOLOGY_GRAPH)
        other = next((g for g in self.named_graphs() if g != ontology), None)
        if other is not None:
            raise StoreError(f"store {self.location} already holds documents (graph <{other}>): a bulk "
                             "load goes into a new, empty store (it writes outside transactions); use "
                             "an empty store, or llmkg ingest to add to this one")
        loaded: set[str] = set()
        read = 0
        with self._write_lock:
            try:
                chunk: list[ox.Quad] = []
                for q in ox.parse(path=str(path), format=fmt):
                    read += 1
                    if isinstance(q.graph_name, ox.DefaultGraph):
                        continue  # llmkg's default graph is derived from the named graphs
                    if len(chunk) >= _LOAD_CHUNK or (chunk and chunk[-1].graph_name != q.graph_name):
                        self._load_chunk(chunk, loaded)
                        chunk = []
                    chunk.append(q)
                if chunk:
                    self._load_chunk(chunk, loaded)
            except SyntaxError as e:
                self._unload(loaded)
                raise InvalidInputError(f"{path}: not valid {fmt.name}: {' '.join(str(e).split())} "
                                        "(nothing was loaded)") from e
            except BaseException:
                self._unload(loaded)
                raise
            self.generation += 1
        return read

    def _load_chunk(self, chunk: list[ox.Quad], loaded: set[str]) -> None:
        graph = chunk[0].graph_name.value
        loaded.add(graph)
        body = ox.serialize([q.triple for q in chunk], format=ox.RdfFormat.N_TRIPLES) or b""
        targets: list[dict[str, str]] = [{"graph": graph}] + ([] if self._union else [{"default": ""}])
        if self.endpoints.gsp is None:
            lines = body.decode("utf-8")
            default = "" if self._union else lines
            self._update(f"INSERT DATA {{ GRAPH <{graph}> {{ {lines} }} {default} }}", "bulk load")
            return
        for params in targets:
            query = urlencode(params).replace("default=", "default")
            self._send("POST", f"{self.endpoints.gsp}{'&' if '?' in self.endpoints.gsp else '?'}{query}",
                       doing="bulk load", write=True, content=body,
                       headers={"Content-Type": "application/n-triples"}).close()

    def _unload(self, graphs: set[str]) -> None:
        """After a failed bulk load: back to the store it was (the ontology only)."""
        try:
            ops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(graphs) if g != str(ONTOLOGY_GRAPH)]
            if not self._union:
                ops.append("CLEAR SILENT DEFAULT")
            if ops:
                self._update(" ;\n".join(ops), "undo the failed bulk load")
            if not self._union:
                self._update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}>", "undo the failed bulk load")
                self._ensure_ontology()
        except StoreError:
            pass  # the load's own error says what went wrong first


def backup_refusal(location: str) -> StoreError:
    """The error for backing up a remote store: the server's own tools do that."""
    return StoreError(
        f"store {location} is a remote SPARQL server: llmkg backs up only its embedded store. Back the "
        "server up with its own tools (Oxigraph: `oxigraph backup`/`dump`; Virtuoso: "
        "backup_online(); Fuseki: POST /$/backup/<dataset>; GraphDB: its backup API), or export "
        "the graphs with `llmkg export --format nquads` (restore with `llmkg load`)")


class _ResponseReader(io.RawIOBase):
    """A streamed HTTP response body as a binary file (closed, with its connection, at the end).

    A failure while reading raises ``error(e)`` (pyoxigraph's parsers pass it on as it is).
    """

    def __init__(self, response: httpx.Response, error: Callable[[httpx.HTTPError], Exception]) -> None:
        self._response = response
        self._chunks = response.iter_bytes()
        self._buffer = b""
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buffer:
            try:
                self._buffer = next(self._chunks)
            except StopIteration:
                self.close()
                return 0
            except httpx.HTTPError as e:
                self.close()
                raise self._error(e) from None
        n = min(len(b), len(self._buffer))
        b[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n

    def close(self) -> None:
        if not self.closed:
            self._response.close()
        super().close()


def _as_query_triples(body: bytes, fmt: ox.RdfFormat, location: str) -> Any:
    """A pyoxigraph ``QueryTriples`` of a serialised graph (by way of a small in-memory store,
    the one way to build one), so callers of :meth:`RemoteStore.query` see the embedded types."""
    scratch = ox.Store()
    try:
        scratch.load(body, format=fmt, to_graph=ox.DefaultGraph())
    except SyntaxError as e:
        raise StoreError(f"store {location}: the graph it answered does not parse: "
                         f"{' '.join(str(e).split())}") from None
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")


def _media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _reason(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    m = re.search(r"\[Errno -?\d+\] (.*)", text)
    return m.group(1).rstrip(".").lower() if m else text


def _clean(url: str) -> str:
    """``url`` without credentials or query string, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, quote(parts.path, safe="/%:@"), "", ""))
