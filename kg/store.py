"""The embedded store: Oxigraph on disk, one named graph per document, rdflib as a view.

SPARQL goes straight to pyoxigraph (10-100x faster than rdflib's own engine here, see
docs/performance.md); :meth:`KGStore.dataset` gives Python users an ``rdflib.Dataset`` over the
same store (through oxrdflib) for parsing, serialising and graph algorithms.

Writes replace a whole document graph and its metadata in **one SPARQL update**, which Oxigraph
runs as one transaction: a reader sees the document before or after, never half of it, and a
process killed mid-write leaves the old state. Writes through one :class:`KGStore` are serialised
by a lock (concurrent pyoxigraph updates from several threads lose updates: Oxigraph does not
detect write-write conflicts). A commit survives the process being killed (RocksDB's write-ahead
log is in the OS page cache); it survives a power loss only once flushed (:meth:`KGStore.flush`,
done by :meth:`KGStore.close`). See docs/operations.md.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

from .errors import InvalidQueryError, StoreError
from .terms import META_GRAPH, ONTOLOGY_GRAPH

if TYPE_CHECKING:
    pass

__all__ = ["KGStore", "PREFIXES", "compact_iri", "replace_document_update", "to_ox"]

PREFIXES: dict[str, str] = {
    "lk": "https://w3id.org/llmkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
}



def compact_iri(iri: str) -> str:
    """An IRI written with a predeclared prefix when one fits: "lk:successorOf" (others as they are).

    >>> compact_iri("https://w3id.org/llmkg/ontology#successorOf"), compact_iri("urn:x")
    ('lk:successorOf', 'urn:x')
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w.-]*", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri

def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Convert an rdflib term to a pyoxigraph term.

    >>> to_ox(URIRef("urn:x"))
    <NamedNode value=urn:x>
    """
    from rdflib import BNode, Literal

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise ValueError(f"Unexpected rdflib term: {term!r}")


class KGStore:
    """An open llmkg store (an on-disk Oxigraph store, or an in-memory one with ``path=None``).

    Use as a context manager, or call :meth:`close`.
    """

    #: an embedded store (:class:`kg.remote.RemoteStore` is the one on a SPARQL server)
    remote = False

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        #: bumped after every committed write through this object (query snapshots compare it)
        self.generation = 0
        self._views: list[Any] = []
        #: one writer at a time through this object (see the module docstring)
        self._write_lock = threading.RLock()
        if path is not None:
            _check_store_path(path)
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except (OSError, RuntimeError) as e:
            msg = " ".join(str(e).split())
            if isinstance(e, OSError) and "lock" in msg.lower():
                raise StoreError(
                    f"store {path} is in use by another llmkg process (it holds the lock); "
                    "stop it or use another --store") from e
            hint = _hint(msg)
            gone = "no such file" in msg.lower() and path is not None and (path / "CURRENT").exists()
            if not hint and gone:
                hint = _DAMAGED  # a file the store's own manifest names is gone
            raise StoreError(f"cannot open store {path}: {msg}{hint}") from e
        if not read_only:
            try:
                self._ensure_ontology()
            except (OSError, RuntimeError) as e:
                del self._store
                raise self._failure(e, "open") from e

    # -- lifecycle
    def close(self) -> None:
        """Flush and release the store (and its lock); closing twice is harmless.

        rdflib views from :meth:`dataset` are detached too, so the lock is released even
        while such a view is still referenced.
        """
        if not hasattr(self, "_store"):
            return
        failure: StoreError | None = None
        if not self.read_only and self.path is not None:
            try:
                self._store.flush()
            except (OSError, RuntimeError) as e:  # e.g. the disk is full: say so, still release
                failure = self._failure(e, "flush")
        for view in self._views:
            view = view()
            if view is not None:
                view._store = _ClosedStore(self.path)  # oxrdflib's reference to the store
        self._views.clear()
        del self._store
        if failure is not None:
            raise failure

    def flush(self) -> None:
        """Make every committed write durable against power loss, not only a process crash.

        A commit is in RocksDB's write-ahead log, in the OS page cache: it survives the process
        being killed, but a power loss or kernel crash can lose commits made since the last
        flush. Flushing writes them to synced table files. :meth:`close` flushes; long-running
        writers (the API) may call this after a write that must not be lost.

        Raises:
            StoreError: the flush failed (e.g. the disk is full).
        """
        if self.read_only or self.path is None:
            return
        try:
            self._store.flush()
        except (OSError, RuntimeError) as e:
            raise self._failure(e, "flush") from e

    def checkpoint(self, target: Path) -> None:
        """Write a consistent copy of the store to the new directory ``target`` (a RocksDB
        checkpoint: committed writes only, table files hard-linked when on the same file system).

        Raises:
            StoreError: an in-memory or read-only store (a read-only view of a store another
                process writes to would copy an old, possibly empty state), or the copy failed.
        """
        if self.path is None:
            raise StoreError("an in-memory store cannot be backed up: it is not durable")
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only: open it read-write to back it up "
                             "(a read-only view can miss writes not yet flushed)")
        with self._write_lock:  # no write of ours is half-way through the update call
            try:
                self._store.backup(str(target))
            except (OSError, RuntimeError) as e:
                raise self._failure(e, f"back up to {target}") from e

    def _failure(self, e: BaseException, doing: str) -> StoreError:
        """The StoreError for a pyoxigraph storage failure while ``doing`` something."""
        msg = " ".join(str(e).split())
        return StoreError(f"store {self.path or ':memory:'}: {doing} failed: {msg}{_hint(msg)}")

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self.close()
        except StoreError:
            if exc is None:
                raise
            # the error already on its way out says what went wrong first

    @property
    def location(self) -> str:
        """The store directory, or ``:memory:``, for messages."""
        return str(self.path) if self.path is not None else ":memory:"

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        return self._store

    def _ensure_ontology(self) -> None:
        from ontology import ontology_path

        g = ox.NamedNode(str(ONTOLOGY_GRAPH))
        if not self._store.contains_named_graph(g):
            data = ontology_path().read_bytes()
            self._store.load(data, format=ox.RdfFormat.TURTLE, to_graph=g)
            self._store.load(data, format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())

    # -- reading
    def query(self, sparql: str, *, union: bool = False,
              substitutions: dict[str, Node] | None = None,
              default_graphs: list[ox.NamedNode] | None = None,
              named_graphs: list[ox.NamedNode] | None = None) -> Any:
        """Run a SPARQL query against the default graph: the set union of all graphs.

        The store keeps its default graph equal to the union of every named graph (documents,
        metadata, ontology), maintained on each write, so a triple stated by five documents is
        one row, not five (Oxigraph's ``use_default_graph_as_union`` would give five).
        ``union=True`` asks Oxigraph for that bag union instead. ``default_graphs`` makes the
        default graph the merge of those graphs instead; ``named_graphs`` limits what ``GRAPH``
        ranges over (the SPARQL protocol's ``default-graph-uri`` and ``named-graph-uri``).

        Raises:
            InvalidQueryError: the query does not parse.
        """
        subs = {ox.Variable(k): to_ox(v) for k, v in (substitutions or {}).items()}
        try:
            return self._store.query(sparql, use_default_graph_as_union=union,
                                     prefixes=PREFIXES, substitutions=subs or None,
                                     default_graph=default_graphs, named_graphs=named_graphs)
        except SyntaxError as e:
            raise InvalidQueryError(f"SPARQL syntax error: {' '.join(str(e).split())}") from e
        except OSError as e:
            raise StoreError(f"store read failed: {e}") from e
        except RuntimeError as e:  # pyoxigraph's evaluation errors (e.g. a type error)
            if "corruption" in str(e).lower():  # a damaged table file: the store, not the query
                raise self._failure(e, "read") from e
            raise InvalidQueryError(f"query failed: {' '.join(str(e).split())}") from e

    def select(self, sparql: str, **bindings: Node) -> list[dict[str, Any]]:
        """Run a SELECT and return rows as ``{variable: python value or IRI string}``."""
        results = self.query(sparql, substitutions=bindings or None)
        variables = [v.value for v in results.variables]
        rows = []
        try:
            for sol in results:  # solutions are computed lazily: storage errors surface here
                row: dict[str, Any] = {}
                for v in variables:
                    term = sol[v]
                    row[v] = None if term is None else _py(term)
                rows.append(row)
        except OSError as e:
            raise self._failure(e, "read") from e
        except RuntimeError as e:
            if "corruption" in str(e).lower():
                raise self._failure(e, "read") from e
            raise InvalidQueryError(f"query failed: {' '.join(str(e).split())}") from e
        return rows

    def __len__(self) -> int:
        try:
            return len(self._store)
        except (OSError, RuntimeError) as e:
            raise self._failure(e, "read") from e

    def named_graphs(self) -> list[str]:
        """IRIs of every named graph (documents, metadata, ontology)."""
        try:
            return sorted(g.value for g in self._store.named_graphs())
        except (OSError, RuntimeError) as e:
            raise self._failure(e, "read") from e

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        """The quads of the named graph ``graph`` (an IRI)."""
        try:
            yield from self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        except (OSError, RuntimeError) as e:
            raise self._failure(e, "read") from e

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad in the store (one snapshot: writes made while iterating are not seen)."""
        try:
            yield from self._store
        except (OSError, RuntimeError) as e:
            raise self._failure(e, "read") from e

    def dataset(self) -> Dataset:
        """Return an rdflib ``Dataset`` backed by this same Oxigraph store (via oxrdflib)."""
        import weakref

        from oxrdflib import OxigraphStore

        ox_view = OxigraphStore(store=self._store)
        self._views.append(weakref.ref(ox_view))
        return Dataset(store=ox_view)

    def document_by_source(self, source: str) -> list[dict[str, Any]]:
        """Metadata of documents ingested from ``source`` (a path or URL)."""
        from rdflib import Literal

        return self.select(
            f"""SELECT ?source ?doc ?graph ?hash ?version WHERE {{ GRAPH <{META_GRAPH}> {{
                 ?doc dcterms:source ?source ; lk:documentGraph ?graph ;
                      lk:contentHash ?hash ; lk:extractorVersion ?version }} }}""",
            source=Literal(source))

    def document_meta(self, doc: URIRef) -> dict[str, Any] | None:
        """Hash and extractor version of one document, or None when it is not in the store."""
        rows = self.select(
            f"""SELECT ?doc ?hash ?version WHERE {{ GRAPH <{META_GRAPH}> {{
                 ?doc lk:contentHash ?hash ; lk:extractorVersion ?version }} }}""",
            doc=doc)
        return rows[0] if rows else None

    # -- writing
    def replace_document(self, doc: URIRef, graph: URIRef, quads: Iterable[tuple[Node, Node, Node, URIRef]],
                         *, drop: Iterable[tuple[URIRef, URIRef]] = ()) -> int:
        """Replace one document's graph and metadata atomically; return the quads written.

        Args:
            doc: the document IRI (its metadata in the metadata graph is replaced).
            graph: the document's named graph (dropped, then filled).
            quads: the new quads (document graph and metadata graph).
            drop: other ``(document, graph)`` pairs to remove in the same transaction (an
                earlier version of a file whose content changed).
        """
        if self.read_only:
            raise StoreError("store is open read-only")
        update, n = replace_document_update(doc, graph, quads, drop=drop)
        with self._write_lock:
            try:
                self._store.update(update)
            except (SyntaxError, OSError, RuntimeError) as e:
                msg = " ".join(str(e).split())
                raise StoreError(f"write failed, nothing was stored: {msg}{_hint(msg)}") from e
            self.generation += 1
        return n

    def delete_document(self, doc: URIRef) -> bool:
        """Remove a document and its graph (one transaction); return False if it was not there."""
        with self._write_lock:  # the lookup and the removal see the same state
            rows = self.select(
                f"SELECT ?doc ?graph WHERE {{ GRAPH <{META_GRAPH}> {{ ?doc lk:documentGraph ?graph }} }}",
                doc=doc)
            if not rows:
                return False
            self.replace_document(doc, URIRef(rows[0]["graph"]), [])
        return True


def replace_document_update(doc: URIRef, graph: URIRef, quads: Iterable[tuple[Node, Node, Node, URIRef]],
                            *, drop: Iterable[tuple[URIRef, URIRef]] = (),
                            default_graph: bool = True) -> tuple[str, int]:
    """The one SPARQL update that replaces a document (see :meth:`KGStore.replace_document`),
    and the number of quads it writes.

    The store's default graph is kept equal to the set union of the named graphs: the update
    removes from it what only the replaced graphs stated, and adds every new quad's triple.
    Any SPARQL 1.1 store whose default graph is a graph of its own can run it as is (the remote
    backend sends the same text). ``default_graph=False`` leaves the default graph out, for a
    server whose default graph already is the union of its graphs (:mod:`kg.remote`).
    """
    ops = []
    for d, g in [(doc, graph), *drop]:
        # the default graph is the union: remove what only this document stated
        if default_graph:
            ops.append(f"""DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }}
            FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{g}>) }} }}""")
        for subject in (f"<{d}>", f"<{d}/ingestion>"):
            if default_graph:
                ops.append(f"DELETE WHERE {{ {subject} ?p ?o }}")
            ops.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {subject} ?p ?o }} }}")
        ops.append(f"DROP SILENT GRAPH <{g}>")
    by_graph: dict[URIRef, list[str]] = {}
    n = 0
    for s, p, o, g in quads:
        by_graph.setdefault(g, []).append(f"{s.n3()} {p.n3()} {o.n3()} .")
        n += 1
    body = " ".join(f"GRAPH <{g}> {{ {' '.join(lines)} }}" for g, lines in by_graph.items())
    if default_graph:
        body += " " + " ".join(" ".join(lines) for lines in by_graph.values())
    if body.strip():
        ops.append(f"INSERT DATA {{ {body} }}")
    return " ;\n".join(ops), n


class _ClosedStore:
    """Stands in for the pyoxigraph store in rdflib views of a closed KGStore."""

    def __init__(self, path: Path | None) -> None:
        self._path = path

    def __getattr__(self, name: str) -> Any:
        raise StoreError(f"store {self._path} is closed: open it again to use this view")


def _check_store_path(path: Path) -> None:
    """Refuse a path that is a file, or a non-empty directory that holds no store.

    RocksDB would create a new, empty store inside any directory; a store whose ``CURRENT``
    file was lost would then come up empty, and a directory of other files would get a store
    written into it. Neither may happen silently.
    """
    if path.exists() and not path.is_dir():
        raise StoreError(f"cannot open store {path}: it is a file, not a store directory")
    if path.is_dir() and not (path / "CURRENT").exists():
        try:
            entries = sorted(p.name for p in path.iterdir())
        except OSError as e:
            raise StoreError(f"cannot open store {path}: {e.strerror}") from e
        if entries:
            shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
            raise StoreError(
                f"{path} is not an llmkg store: the directory holds files ({shown}) but no store "
                "(no RocksDB CURRENT file), so it is another directory or a damaged store. "
                "Nothing was changed: give an empty or new directory, or restore a backup "
                "(llmkg restore)")


def _hint(message: str) -> str:
    """What to do about a storage error, from its message."""
    low = message.lower()
    if "no space left" in low or "file too large" in low or "quota" in low:
        return " (the disk is full, or a file-size limit was reached: free space and try again)"
    if "corruption" in low or "corrupted" in low or "checksum" in low:
        return _DAMAGED
    return ""


_DAMAGED = " (the store is damaged: restore it from a backup with llmkg restore)"


def _py(term: Any) -> Any:
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        if dt.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        return term.value
    return term.value
