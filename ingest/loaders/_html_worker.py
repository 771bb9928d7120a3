"""The HTML parser's child process: ``python _html_worker.py MAX_DEPTH MEMORY_MB < page`` (UTF-8).

Run as a script by :func:`ingest.loaders.html.load_html`, like the PDF worker: it loads only
``_html_tree.py`` and ``_html_main.py`` (lxml, trafilatura, jusText and the standard library,
nothing of llmkg), limits its own address space and writes one JSON object to standard output:
``{"ok": {"meta": ..., "page_text": ..., "text": ...}}`` or ``{"error": "..."}``. libxml2 can
take minutes on some small hostile pages (a tag with 300,000 attributes: 3.5 MB, 170 s), and
walking a deep tree with a large text is slow too, so the parent kills this process at the
deadline.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import sys
from pathlib import Path
from typing import Any


def _load(name: str) -> Any:
    # loaded by path: putting this folder on sys.path would let ``html.py`` shadow the stdlib
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # _html_main imports _html_tree by this name
    spec.loader.exec_module(module)
    return module


def main() -> None:
    max_depth, memory_mb = int(sys.argv[1]), int(sys.argv[2])
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    tree = _load("_html_tree")
    main_content = _load("_html_main")
    # the block walk recurses once per nesting level; the tree is at most 2048 deep
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3 * tree.PARSER_MAX_DEPTH + 1000))
    text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    try:
        answer: dict[str, object] = {"ok": main_content.read_page(text, max_depth)}
    except tree.PageError as e:
        answer = {"error": str(e)}
    except MemoryError:
        answer = {"error": "resource limit: the HTML parser ran out of its memory allowance"}
    except RecursionError:
        answer = {"error": "not a readable HTML page (nesting too deep)"}
    except Exception as e:  # noqa: BLE001 - one line for the parent, whatever went wrong
        answer = {"error": f"not a readable HTML page ({type(e).__name__}: {e})"}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
