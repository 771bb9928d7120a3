"""PDF papers: the text layer, read by pypdf in a child process with time, memory and page limits.

PDF parsers are where hostile files do damage (decompression bombs, cyclic page trees, endless
xref chains), so pypdf never runs in the ingesting process: :func:`extract_pdf` pipes the bytes to
a child Python (``_pdf_worker.py``, which imports nothing of llmkg) that sets an address-space
limit (``RLIMIT_AS``) before parsing; the parent kills it at the deadline. What comes back is
plain JSON (page texts and metadata).

The text of each page is read in pypdf's layout mode, which keeps blank lines between paragraphs
and the column gaps of tables; :func:`pages_to_text` then

- drops running headers and footers (a line repeated on most pages) and page numbers,
- turns aligned columns into Markdown pipe tables (so results tables are read like Markdown),
- rejoins words hyphenated across a line break ("distil-" + "lation") when the joined word occurs
  elsewhere in the text, and separates short heading lines from the paragraph under them.

Two-column pages (most lines split by one gutter in the middle) are read in pypdf's plain mode,
which follows the content stream column by column.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from kg.errors import LoaderError
from kg.terms import normalize_text

from ..records import Document
from .base import LoadLimits

__all__ = ["extract_pdf", "load_pdf", "pages_to_text", "title_and_authors"]

_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^.!?:;]{0,70}$")
_BAD_TITLES = re.compile(r"^(?:untitled|microsoft word|title|document\d*)\b|\.(?:docx?|tex|dvi|pdf)$",
                         re.IGNORECASE)
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}"
_AUTHORS = re.compile(rf"^\s*{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*(?:,?\s*et al\.?)?\s*$")


_WORKER = Path(__file__).with_name("_pdf_worker.py")


def extract_pdf(data: bytes, source: str, limits: LoadLimits) -> dict[str, Any]:
    """Page texts and metadata of a PDF, parsed in a limited child process.

    Raises:
        LoaderError: not a PDF, encrypted, too many pages, unreadable, over the time or memory
            limit.
    """
    if b"%PDF-" not in data[:1024]:
        raise LoaderError(f"{source}: not a PDF file (no %PDF- header)")
    cmd = [sys.executable, "-I", str(_WORKER), str(limits.pdf_max_pages), str(limits.parse_memory_mb)]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=limits.parse_timeout_s,
                              check=False)
    except subprocess.TimeoutExpired:
        raise LoaderError(f"{source}: PDF parsing took longer than {limits.parse_timeout_s:g} s "
                          "(killed)") from None
    try:
        answer = json.loads(proc.stdout)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise LoaderError(f"{source}: resource limit: the PDF parser died (exit code "
                          f"{proc.returncode})") from None
    if "error" in answer:
        raise LoaderError(f"{source}: {answer['error']}")
    return answer["ok"]


def _is_furniture(line: str, repeated: set[str]) -> bool:
    key = re.sub(r"\d+", "#", " ".join(line.split()))
    return bool(_PAGE_NUMBER.match(line)) or key in repeated


def _repeated_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits masked) at the top or bottom of at least half the pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = [ln for ln in lines if ln.strip()]
        keys = {re.sub(r"\d+", "#", " ".join(ln.split())) for ln in edge[:2] + edge[-2:]}
        counts.update(keys)
    return {k for k, n in counts.items() if n >= max(2, len(pages) / 2)}


_SEGMENT = re.compile(r"\S+(?: {1,2}\S+)*")
_NUMERIC = re.compile(r"[-+]?\d[\d.,]*\s*%?|[-–—]|n/?a", re.IGNORECASE)


def _cells(line: str) -> list[str]:
    return _GAP.split(line.strip()) if line.strip() else []


def _is_data(line: str) -> bool:
    """A table body row: a label, then two or more aligned numeric cells."""
    cells = _cells(line)
    return len(cells) >= 3 and all(_NUMERIC.fullmatch(c) for c in cells[1:]) and any(
        ch.isdigit() for c in cells[1:] for ch in c)


def _header_by_position(header: list[str], row: str, k: int) -> list[str] | None:
    """Cut (possibly wrapped) header lines at the column starts of the first body row."""
    starts = [m.start() for m in _SEGMENT.finditer(row)]
    if len(starts) != k:
        return None
    cols = [""] * k
    for line in header:
        for c in range(k):
            lo = max(0, starts[c] - 1)
            hi = starts[c + 1] - 1 if c + 1 < k else len(line)
            frag = line[lo:hi].strip()
            if not frag:
                continue
            if cols[c] and cols[c][-1].isalnum() and (frag[0].islower() or frag[0].isdigit()):
                cols[c] += frag  # a word broken inside the cell: "Llama-3.1-405B-Inst" + "ruct"
            else:
                cols[c] = f"{cols[c]} {frag}".strip()
    return cols if sum(1 for c in cols[1:] if c) >= k - 1 else None


def _tables(lines: list[str]) -> list[str]:
    """Turn aligned numeric rows (and the header above them) into Markdown pipe rows."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _is_data(lines[i]):
            k = len(_cells(lines[i]))
            j = i
            while j < len(lines) and _is_data(lines[j]) and len(_cells(lines[j])) == k:
                j += 1
            if j - i >= 2:
                h = i
                while h > 0 and i - h < 2 and lines[h - 1].strip() and not _is_data(lines[h - 1]):
                    h -= 1
                above = lines[h:i]
                header: list[str] | None = None
                if above and len(_cells(above[-1])) == k:
                    header, above = _cells(above[-1]), above[-1:]
                elif above:
                    header = _header_by_position(above, lines[i], k)
                if header is not None:
                    del out[len(out) - len(above):]
                else:
                    header = [""] * k
                out.append("| " + " | ".join(header) + " |")
                out.append("|" + "---|" * k)
                out.extend("| " + " | ".join(_cells(r)) + " |" for r in lines[i:j])
                out.append("")
                i = j
                continue
        out.append(" ".join(lines[i].split()))
        i += 1
    return out


def pages_to_text(pages: list[str]) -> str:
    """One text from the layout-mode page texts (see the module docstring)."""
    split = [p.splitlines() for p in pages]
    repeated = _repeated_lines(split)
    lines: list[str] = []
    for n, page in enumerate(split):
        # page 1 keeps its lines (the title there is also the running header of later pages)
        kept = [ln for ln in page if not (ln.strip() and _is_furniture(ln, repeated if n else set()))]
        lines.extend(_tables(kept))
        lines.append("")
    text = "\n".join(lines)
    words = set(re.findall(r"[A-Za-z]{4,}", text))

    def dehyphen(m: re.Match[str]) -> str:
        joined = m.group(1) + m.group(2)
        return joined if joined in words else m.group(1) + "-" + m.group(2)

    lines = re.sub(r"([A-Za-z]{2,})-\n([a-z]{2,})", dehyphen, text).split("\n")
    # headings: a short line without final punctuation, after a blank line, before a paragraph
    out: list[str] = []
    for i, ln in enumerate(lines):
        out.append(ln)
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (ln and not ln.startswith("|") and _HEADING.match(ln) and len(ln.split()) <= 10
                and not ln.endswith(("-", ",")) and (i == 0 or not lines[i - 1].strip())
                and nxt[:1].isupper()):
            out.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def title_and_authors(text: str, meta_title: str, meta_author: str) -> tuple[str, list[str]]:
    """The paper's title and authors: from the PDF metadata when sensible, else from page 1.

    >>> title_and_authors("Sparse Experts\\n\\nAda Lind, Tom Reyes\\n\\nAbstract", "", "")
    ('Sparse Experts', ['Ada Lind', 'Tom Reyes'])
    """
    blocks = [b.strip() for b in text[:3000].split("\n\n") if b.strip()]
    title = meta_title.strip() if meta_title.strip() and not _BAD_TITLES.search(meta_title.strip()) else ""
    authors_line = meta_author.strip()
    if not title and blocks:
        title = " ".join(blocks[0].split())
    if not authors_line:
        for b in blocks[1:3]:
            line = " ".join(b.split())
            if _AUTHORS.match(line):
                authors_line = line
                break
    authors = [a.strip() for a in re.split(r",|;|\band\b|&", authors_line)
               if a.strip() and not re.fullmatch(r"et al\.?", a.strip())]
    return title[:300], authors


def load_pdf(data: bytes, source: str, limits: LoadLimits | None = None) -> list[Document]:
    """Load a PDF paper: its text layer, title and authors (``metadata["authors"]``)."""
    limits = limits or LoadLimits()
    payload = extract_pdf(data, source, limits)
    text = normalize_text(pages_to_text(payload["pages"]))
    if len(text.split()) < 5:
        raise LoaderError(f"{source}: the PDF has no text layer (a scan? OCR is not supported)")
    title, authors = title_and_authors(text, payload["title"], payload["author"])
    return [Document(text=text, source=source, title=title, doc_type="Paper",
                     media_type="application/pdf",
                     metadata={"authors": authors} if authors else {})]
