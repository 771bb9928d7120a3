"""The HTML parser's child processes: one page is parsed in a process of its own, under limits.

Two ways to run it, both loading only ``_html_tree.py`` and ``_html_main.py`` (lxml, trafilatura,
jusText and the standard library, nothing of llmkg):

- ``python _html_worker.py MAX_DEPTH MEMORY_MB < page`` (UTF-8): parse the one page on standard
  input, limiting this process's address space, and write one JSON object to standard output:
  ``{"ok": {"meta": ..., "page_text": ..., "text": ...}}`` or ``{"error": "..."}``. The parent
  (:func:`ingest.loaders.base.run_parser`) kills it at the deadline.
- ``python _html_worker.py --serve``: a parser server that imports the extractors once (about
  0.15 s, more than a page takes) and then, for each request on standard input (a JSON header
  line ``{"size", "max_depth", "memory_mb", "timeout_s"}`` then ``size`` bytes of page), forks a
  child that parses that page alone, under ``RLIMIT_AS`` = ``memory_mb``, and kills it at
  ``timeout_s``. The reply on standard output is a header line ``{"size", "status"}`` (status
  ``"ok"``, ``"timeout"`` or ``"died N"``) then ``size`` bytes of the child's JSON answer. It exits
  when standard input closes. Used by :mod:`ingest.loaders.html`.

libxml2 can take minutes on some small hostile pages (a tag with 300,000 attributes: 3.5 MB,
170 s), and walking a deep tree with a large text is slow too, so each page's process is killed at
the deadline, and a page that exhausts its memory allowance dies alone.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import select
import signal
import sys
import time
from pathlib import Path
from typing import Any, BinaryIO


def _load(name: str) -> Any:
    # loaded by path: putting this folder on sys.path would let ``html.py`` shadow the stdlib
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # _html_main imports _html_tree by this name
    spec.loader.exec_module(module)
    return module


def _modules() -> tuple[Any, Any]:
    tree = _load("_html_tree")
    main_content = _load("_html_main")
    # the block walk recurses once per nesting level; the tree is at most 2048 deep
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3 * tree.PARSER_MAX_DEPTH + 1000))
    return tree, main_content


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _answer(tree: Any, main_content: Any, data: bytes, max_depth: int) -> dict[str, object]:
    """The page's reading, or the one-line error the parent reports."""
    text = data.decode("utf-8", errors="replace")
    try:
        return {"ok": main_content.read_page(text, max_depth)}
    except tree.PageError as e:
        return {"error": str(e)}
    except MemoryError:
        return {"error": "resource limit: the HTML parser ran out of its memory allowance"}
    except RecursionError:
        return {"error": "not a readable HTML page (nesting too deep)"}
    except Exception as e:  # noqa: BLE001 - one line for the parent, whatever went wrong
        return {"error": f"not a readable HTML page ({type(e).__name__}: {e})"}


def main() -> None:
    """Parse the one page on standard input (the first way of the module docstring)."""
    max_depth, memory_mb = int(sys.argv[1]), int(sys.argv[2])
    _limit_memory(memory_mb)
    tree, main_content = _modules()
    answer = _answer(tree, main_content, sys.stdin.buffer.read(), max_depth)
    sys.stdout.write(json.dumps(answer))


# ----------------------------------------------------------------------------- the server


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _parse_in_child(tree: Any, main_content: Any, data: bytes, max_depth: int, memory_mb: int,
                    timeout_s: float) -> tuple[str, bytes]:
    """Fork a child that parses one page; its status and JSON answer (killed at ``timeout_s``)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits, the page, the answer, and out without cleanup handlers
        code = 1
        try:
            os.close(read_end)
            _limit_memory(memory_mb)
            _write_all(write_end, json.dumps(_answer(tree, main_content, data, max_depth)).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + timeout_s
    chunks: list[bytes] = []
    status = "ok"
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([read_end], [], [], left)[0]:
            os.kill(pid, signal.SIGKILL)
            status = "timeout"
            break
        chunk = os.read(read_end, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    _, code = os.waitpid(pid, 0)
    if status == "ok" and code != 0:
        status = f"died {os.waitstatus_to_exitcode(code)}"
    return status, b"".join(chunks)


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise EOFError
    return data


def serve() -> None:
    """Answer page requests until standard input closes (the second way of the module docstring)."""
    tree, main_content = _modules()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while header := stdin.readline():
        request = json.loads(header)
        try:
            data = _read_exactly(stdin, int(request["size"]))
        except EOFError:
            return
        status, answer = _parse_in_child(tree, main_content, data, int(request["max_depth"]),
                                         int(request["memory_mb"]), float(request["timeout_s"]))
        stdout.write(json.dumps({"size": len(answer), "status": status}).encode() + b"\n" + answer)
        stdout.flush()


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        main()
