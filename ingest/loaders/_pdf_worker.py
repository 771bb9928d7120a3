"""The PDF parser's child process: ``python _pdf_worker.py MAX_PAGES MEMORY_MB < file.pdf``.

Run as a script by :func:`ingest.loaders.pdf.extract_pdf` (it imports nothing of llmkg, so it
starts fast). It limits its own address space, parses the PDF from standard input with pypdf and
writes one JSON object to standard output: ``{"ok": {"pages": [...], "title": ..., "author": ...}}``
or ``{"error": "..."}``. A crash, a kill at the deadline or a memory-limit abort shows up in the
parent as a missing answer.
"""

from __future__ import annotations

import io
import json
import re
import resource
import sys


def _two_columns(text: str) -> bool:
    """Most lines split by one gutter in the middle third of the page."""
    lines = [ln for ln in text.splitlines() if len(ln.strip()) > 20]
    if len(lines) < 10:
        return False
    width = max(len(ln) for ln in lines)
    mid = [ln for ln in lines if re.search(r"\S {3,}\S", ln[int(width * 0.3):int(width * 0.7)])]
    return len(mid) > 0.6 * len(lines)


def parse(data: bytes, max_pages: int) -> dict[str, object]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception:  # noqa: BLE001 - e.g. no crypto backend for AES
            ok = 0
        if not ok:
            return {"error": "encrypted PDF (a password is needed to read it)"}
    n = len(reader.pages)
    if n > max_pages:
        return {"error": f"{n} pages is over the limit of {max_pages}"}
    meta = reader.metadata or {}
    pages = []
    for page in reader.pages:
        text = page.extract_text(extraction_mode="layout") or ""
        if _two_columns(text):
            text = page.extract_text() or ""
        pages.append(text)
    return {"ok": {"pages": pages, "title": str(meta.get("/Title") or ""),
                   "author": str(meta.get("/Author") or "")}}


def main() -> None:
    max_pages, memory_mb = int(sys.argv[1]), int(sys.argv[2])
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    data = sys.stdin.buffer.read()
    try:
        answer = parse(data, max_pages)
    except MemoryError:
        answer = {"error": "resource limit: the parser ran out of its memory allowance"}
    except RecursionError:
        answer = {"error": "not a readable PDF (nesting too deep)"}
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on broken files
        if type(e).__name__ == "LimitReachedError":  # pypdf's own decompression and size limits
            answer = {"error": f"resource limit: {e} (a decompression bomb?)"}
        else:
            answer = {"error": f"not a readable PDF ({type(e).__name__}: {e})"}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
