"""Killable SPARQL evaluation: a pool of sandboxed worker processes on store snapshots.

pyoxigraph cannot interrupt a query from Python, and a query that must see everything before its
first row (a huge ORDER BY, a COUNT over a cartesian product, a ``(p|!p)*`` path) would hold a
thread and its memory for as long as it likes. So the service evaluates user SPARQL in worker
processes (:mod:`kg.query_worker`) and kills a worker whose query outlives its deadline: its CPU
and memory go back to the system at once and a fresh worker takes its place.

A worker cannot open the store the service writes to (one read-write opener per path, and a
read-only opener next to a live writer is undefined behaviour in RocksDB), so it reads a
**snapshot**: a RocksDB checkpoint of the store (:meth:`pyoxigraph.Store.backup`, hard links on
the same file system, a few ms after a flush) taken the first time a query arrives after a write.
Queries therefore see every write committed before they started, and never half a document.

Each worker runs with an address-space limit (``query_memory_mb``), dies with its parent, and
cannot create sockets (:mod:`kg.sandbox`), so ``SERVICE``/``LOAD`` could not reach the network even
if a query slipped past :func:`kg.queries.check_query`.

Example:
    >>> import tempfile, pathlib
    >>> from kg.settings import Settings
    >>> from kg.stores import open_store
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     settings = Settings(store=pathlib.Path(tmp) / "store")
    ...     with open_store(settings.store) as store, QueryPool(store, settings) as pool:
    ...         r = pool.run("ASK { ?c a owl:Class }", accept="text/csv")
    ...         r.body
    b'true'
"""

from __future__ import annotations

import itertools
import os
import select
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from . import errors
from .errors import QueryResourceError, QueryTimeoutError, StoreError
from .query_worker import _BODY, _LEN, write_frame
from .sandbox import end_child
from .settings import Settings
from .sparql import SparqlResult
from .store import KGStore

__all__ = ["GRACE_S", "QueryPool"]

#: how long past its deadline a query may run before its worker is killed (the worker stops
#: streaming queries itself at the deadline; this is for queries that never yield a row)
GRACE_S = 1.0


class _TimeoutError(Exception):
    pass


class _DiedError(Exception):
    pass


@dataclass(eq=False)
class _Worker:
    proc: subprocess.Popen[bytes]
    snapshot: str = ""
    _buf: bytearray = field(default_factory=bytearray)

    def send(self, request: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        try:
            write_frame(self.proc.stdin, request)
        except (BrokenPipeError, OSError) as e:
            raise _DiedError(self._how_it_died()) from e

    def _read(self, n: int, deadline: float) -> bytes:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while len(self._buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _TimeoutError
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise _TimeoutError
            chunk = os.read(fd, max(65536, n - len(self._buf)))
            if not chunk:
                raise _DiedError(self._how_it_died())
            self._buf += chunk
        out = bytes(self._buf[:n])
        del self._buf[:n]
        return out

    def receive(self, deadline: float) -> tuple[dict[str, Any], bytes]:
        import json

        (n,) = _LEN.unpack(self._read(_LEN.size, deadline))
        header: dict[str, Any] = json.loads(self._read(n, deadline))
        (size,) = _BODY.unpack(self._read(_BODY.size, deadline))
        return header, self._read(size, deadline)

    def _how_it_died(self) -> str:
        try:
            code = self.proc.wait(2)
        except subprocess.TimeoutExpired:
            return "it stopped answering"
        if code < 0:
            import signal

            name = signal.Signals(-code).name
            hint = " (out of memory?)" if name in ("SIGABRT", "SIGKILL", "SIGSEGV") else ""
            return f"it was killed by {name}{hint}"
        return f"it exited with status {code}"

    def kill(self) -> None:
        end_child(self.proc)


class QueryPool:
    """At most ``settings.query_slots`` worker processes evaluating SPARQL on store snapshots.

    Thread-safe: :meth:`acquire` (never blocks; raises when every slot is busy) hands out a
    worker, :meth:`run_on` evaluates one query on it. :meth:`run` does both.
    """

    def __init__(self, store: KGStore, settings: Settings) -> None:
        if store.path is None:
            raise StoreError("query workers need an on-disk store")
        self._store = store
        self._settings = settings
        #: snapshots of a store this process writes to; a read-only store (``llmkg serve
        #: --workers N``: nothing writes while it serves) is opened by the workers as it is
        self._root: Path | None = None
        if not store.read_only:
            self._root = store.path.with_name(store.path.name + ".query-snapshots")
            shutil.rmtree(self._root, ignore_errors=True)  # left by a process that was killed
            self._root.mkdir(parents=True)
        self._lock = threading.Lock()
        self._snap_lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._starting = 0
        self._snapshot: Path | None = None
        self._snap_generation = -1
        self._seq = itertools.count()
        self._closed = False
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="llmkg-query-spawner")
        #: workers killed at their deadline or lost to a crash, for /health and tests
        self.killed = 0

    # -- lifecycle
    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Kill every worker and delete the snapshots."""
        with self._lock:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle.clear()
            self._busy.clear()
        for w in workers:
            w.kill()
        self._spawner.shutdown(wait=False)
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (idle and busy)."""
        with self._lock:
            return [w.proc.pid for w in [*self._idle, *self._busy]]

    def _spawn(self) -> _Worker:
        """Start a worker from the pool's own long-lived thread: a worker asks the kernel to kill
        it when the *thread* that started it ends (``PR_SET_PDEATHSIG`` follows threads, not
        processes), so one started from a short-lived caller thread would die with that thread."""
        return self._spawner.submit(self._spawn_now).result()

    def _spawn_now(self) -> _Worker:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg.query_worker", str(self._settings.query_memory_mb)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        return _Worker(proc)

    def prestart(self) -> None:
        """Start one idle worker now, so the first query does not wait for a process to start."""
        with self._lock:
            if self._closed or self._idle or self._busy:
                return
            self._idle.append(self._spawn())

    # -- leasing
    def acquire(self) -> _Worker:
        """Take an idle worker (starting one if fewer than ``query_slots`` exist).

        Raises:
            QueryTimeoutError: every slot is busy (the API answers 503 with Retry-After).
        """
        with self._lock:
            if self._closed:
                raise QueryTimeoutError("the service is shutting down")
            while self._idle:
                worker = self._idle.pop()
                if worker.proc.poll() is None:
                    self._busy.add(worker)
                    return worker
                worker.kill()
            if len(self._busy) + self._starting >= self._settings.query_slots:
                raise QueryTimeoutError(
                    f"all {self._settings.query_slots} query slots are busy; try again shortly",
                    retry_after=min(5.0, self._settings.query_timeout_s))
            self._starting += 1
        try:
            worker = self._spawn()
        finally:
            with self._lock:
                self._starting -= 1
        with self._lock:
            self._busy.add(worker)
        return worker

    def _release(self, worker: _Worker, *, alive: bool) -> None:
        with self._lock:
            self._busy.discard(worker)
            if alive and not self._closed:
                self._idle.append(worker)
                return
        worker.kill()

    # -- snapshots
    def _pin_snapshot(self, worker: _Worker) -> Path:
        """The snapshot of the store's current state (taken now if the store changed since the
        last one), recorded as ``worker``'s before anything can delete it.

        Taking, pinning and collecting happen under one lock: a snapshot is never deleted
        between being chosen for a query and the worker opening it, nor while being written.
        """
        if self._root is None:  # read-only: the store itself is the snapshot
            assert self._store.path is not None
            worker.snapshot = str(self._store.path)
            return self._store.path
        with self._snap_lock:
            generation = self._store.generation
            if self._snapshot is None or self._snap_generation != generation:
                path = self._root / f"snapshot-{next(self._seq)}"
                try:
                    self._store.ox.backup(str(path))
                except OSError as e:
                    shutil.rmtree(path, ignore_errors=True)
                    raise StoreError(f"cannot snapshot the store for queries: {e}") from e
                self._snapshot, self._snap_generation = path, generation
            with self._lock:
                worker.snapshot = str(self._snapshot)
                keep = {w.snapshot for w in [*self._idle, *self._busy, worker]}
            keep.add(str(self._snapshot))
            for entry in self._root.iterdir():
                if str(entry) not in keep:  # a worker that had it open switches on its next query
                    shutil.rmtree(entry, ignore_errors=True)
            return self._snapshot

    # -- evaluation
    def run(self, query: str, **kwargs: Any) -> SparqlResult:
        """Evaluate one query on a worker (see :meth:`run_on` for the arguments)."""
        return self.run_on(self.acquire(), query, **kwargs)

    def run_on(self, worker: _Worker, query: str, *, accept: str | None = None, fmt: str | None = None,
               default_graph_uris: list[str] | tuple[str, ...] = (),
               named_graph_uris: list[str] | tuple[str, ...] = ()) -> SparqlResult:
        """Evaluate ``query`` on ``worker`` (from :meth:`acquire`) with the settings' limits.

        Raises:
            QueryTimeoutError: the query outlived ``query_timeout_s`` (its worker was killed).
            QueryResourceError: the worker died (memory limit, crash); it was replaced.
            KGError: whatever :func:`kg.sparql.evaluate` raised in the worker (same class).
        """
        s = self._settings
        alive = False
        try:
            snapshot = self._pin_snapshot(worker)
            started = time.monotonic()
            worker.send({"snapshot": str(snapshot), "query": query, "accept": accept, "fmt": fmt,
                         "default": list(default_graph_uris), "named": list(named_graph_uris),
                         "timeout_s": s.query_timeout_s, "row_limit": s.query_row_limit,
                         "byte_limit": s.query_bytes_limit})
            header, body = worker.receive(started + s.query_timeout_s + GRACE_S)
            alive = True
        except _TimeoutError:
            self.killed += 1
            raise QueryTimeoutError(
                f"query ran past its deadline of {s.query_timeout_s:g} s and was stopped") from None
        except _DiedError as e:
            self.killed += 1
            raise QueryResourceError(
                f"the query's worker process died: {e} (memory limit {s.query_memory_mb} MiB); "
                "it was replaced") from None
        finally:
            self._release(worker, alive=alive)
        if "error" in header:
            cls = getattr(errors, header["error"], None)
            if not (isinstance(cls, type) and issubclass(cls, errors.KGError)):
                cls = errors.KGError
            raise cls(header["message"])
        return SparqlResult(body, header["media_type"], header["form"], header["rows"],
                            header["truncated"], header["elapsed_s"], header.get("truncated_by"))
