"""A SPARQL worker process: evaluates queries on a read-only store snapshot, sandboxed.

Started by :class:`kg.query_pool.QueryPool` as ``python -m kg.query_worker <memory-MiB>``. Before
reading its first request it limits its address space (``RLIMIT_AS``), asks the kernel to kill it
when its parent dies, and installs the no-sockets filter of :mod:`kg.sandbox`. It then answers
requests, one at a time, over its stdin/stdout pipes:

- request: ``<u32 length><JSON>`` with ``snapshot`` (a store directory), ``query``, ``accept``,
  ``fmt``, ``default``/``named`` graph IRIs, ``timeout_s``, ``row_limit`` and ``byte_limit``;
- answer: ``<u32 length><JSON header><u64 length><body>``; the header is either the fields of a
  :class:`kg.sparql.SparqlResult` or ``{"error": <kg.errors class name>, "message": ...}``.

The parent kills the worker when a query outlives its deadline; nothing here needs to be
interruptible.
"""

from __future__ import annotations

import json
import resource
import struct
import sys
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["main", "read_frame", "write_frame"]

_LEN = struct.Struct("<I")
_BODY = struct.Struct("<Q")


def read_exact(stream: BinaryIO, n: int) -> bytes:
    """Read exactly ``n`` bytes, or raise EOFError."""
    out = bytearray()
    while len(out) < n:
        chunk = stream.read(n - len(out))
        if not chunk:
            raise EOFError("pipe closed")
        out += chunk
    return bytes(out)


def read_frame(stream: BinaryIO) -> dict[str, Any]:
    """One length-prefixed JSON object."""
    (n,) = _LEN.unpack(read_exact(stream, _LEN.size))
    obj: dict[str, Any] = json.loads(read_exact(stream, n))
    return obj


def write_frame(stream: BinaryIO, obj: dict[str, Any], body: bytes | None = None) -> None:
    """One length-prefixed JSON object, then (answers only) a length-prefixed body."""
    data = json.dumps(obj).encode("utf-8")
    stream.write(_LEN.pack(len(data)) + data)
    if body is not None:
        stream.write(_BODY.pack(len(body)))
        stream.write(body)
    stream.flush()


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def main(argv: list[str] | None = None) -> int:
    """Serve requests on stdin/stdout until stdin closes."""
    args = sys.argv[1:] if argv is None else argv
    memory_mb = int(args[0]) if args else 2048
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _die_with_parent()
    from .sandbox import deny_network

    if not deny_network():
        sys.stderr.write("llmkg query worker: seccomp unavailable here; SERVICE and LOAD are "
                         "refused by the query check only\n")
    from .errors import KGError
    from .sparql import evaluate
    from .store import KGStore

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the pipe
    store: KGStore | None = None
    opened = ""
    while True:
        try:
            req = read_frame(stdin)
        except EOFError:
            return 0
        try:
            if req["snapshot"] != opened:
                if store is not None:
                    store.close()
                    store = None
                store = KGStore(Path(req["snapshot"]), read_only=True)
                opened = req["snapshot"]
            assert store is not None
            r = evaluate(store, req["query"], accept=req.get("accept"), fmt=req.get("fmt"),
                         default_graph_uris=req.get("default", []), named_graph_uris=req.get("named", []),
                         timeout_s=req["timeout_s"], row_limit=req["row_limit"],
                         byte_limit=req["byte_limit"])
        except KGError as e:
            write_frame(stdout, {"error": type(e).__name__, "message": e.message, "snapshot": opened}, b"")
            continue
        except MemoryError:
            write_frame(stdout, {"error": "QueryResourceError", "snapshot": opened,
                                 "message": f"the query needed more than the worker's {memory_mb} MiB"}, b"")
            return 1
        write_frame(stdout, {"media_type": r.media_type, "form": r.form, "rows": r.rows,
                             "truncated": r.truncated, "truncated_by": r.truncated_by,
                             "elapsed_s": r.elapsed_s, "snapshot": opened}, r.body)
        del r


if __name__ == "__main__":
    raise SystemExit(main())
