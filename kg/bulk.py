"""Bulk load: a whole graph from an N-Quads or TriG dump into a new store, at engine speed.

``llmkg export --format nquads`` writes every document graph; :func:`load_dump` reads such a
file (from another store, a backup of one, or a distributed ingest) into an empty store about as
fast as pyoxigraph's own bulk loader (docs/performance.md), deriving the store's default graph
(the set union of the named graphs) on the way.

Oxigraph's bulk loader writes table files directly, outside any transaction. So that the store
never holds half a dump, the target must be empty (a new store: only the ontology), and a load
that fails part-way (a syntax error on line 900,000, a full disk) empties it again before the
error is raised.

>>> import tempfile
>>> from pathlib import Path
>>> from kg.stores import open_store
>>> with tempfile.TemporaryDirectory() as tmp:
...     dump = Path(tmp, "dump.nq")
...     _ = dump.write_text('<urn:s> <urn:p> "o" <https://w3id.org/llmkg/graph/x> .\\n')
...     with open_store(Path(tmp, "store")) as store:
...         load_dump(store, dump)
1
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import InvalidInputError, StoreError
from .terms import ONTOLOGY_GRAPH

__all__ = ["DUMP_FORMATS", "load_dump"]

#: file suffix -> the quad format it holds (graphs are documents: triple formats would lose them)
DUMP_FORMATS: dict[str, ox.RdfFormat] = {".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
                                         ".trig": ox.RdfFormat.TRIG}


def load_dump(store: Any, path: Path) -> int:
    """Load the N-Quads or TriG file ``path`` into the empty ``store``; return the quads read.

    Every quad in a named graph is also written to the default graph (as
    :meth:`kg.store.KGStore.replace_document` does), so the loaded store answers the library's
    queries exactly as the store it was exported from.

    Raises:
        InvalidInputError: not an N-Quads/TriG file name, unreadable, or a syntax error (the
            store is left empty, as it was).
        StoreError: the store already holds documents, is read-only, or the write failed.
    """
    fmt = DUMP_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInputError(f"{path}: give an N-Quads (.nq) or TriG (.trig) file; llmkg's graphs "
                                "are one named graph per document, which triple formats cannot hold")
    if not path.is_file():
        raise InvalidInputError(f"{path}: no such file")
    if hasattr(store, "load_dump"):  # a remote store loads through the server's own endpoint
        return int(store.load_dump(path, fmt))
    if store.read_only:
        raise StoreError("store is open read-only")
    _check_empty(store)
    read = 0

    def quads() -> Iterator[ox.Quad]:
        nonlocal read
        default = ox.DefaultGraph()
        for q in ox.parse(path=str(path), format=fmt):
            read += 1
            yield q
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield ox.Quad(q.subject, q.predicate, q.object, default)

    with store._write_lock:
        try:
            store.ox.bulk_extend(quads())
            store.ox.flush()
        except SyntaxError as e:
            _empty_again(store)
            raise InvalidInputError(f"{path}: not valid {fmt.name}: {' '.join(str(e).split())} "
                                    "(nothing was loaded)") from e
        except (OSError, RuntimeError) as e:
            _empty_again(store)
            raise store._failure(e, f"bulk load of {path}") from e
        store.generation += 1
    return read


def _check_empty(store: Any) -> None:
    """Refuse a store that holds anything but the ontology (the bulk loader is not transactional)."""
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    other = next((g for g in store.ox.named_graphs() if g != ontology), None)
    if other is not None:
        raise StoreError(f"store {store.path or ':memory:'} already holds documents (graph <{other.value}>): "
                         "a bulk load goes into a new, empty store (it writes outside transactions); "
                         "give a new --store, or use llmkg ingest to add to this one")


def _empty_again(store: Any) -> None:
    """After a failed load: back to the empty store it was (only the ontology)."""
    store.ox.clear()
    store._ensure_ontology()
    store.ox.flush()
