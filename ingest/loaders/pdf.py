"""PDF papers: the text layer, read by pypdf in a child process with time, memory and page limits.

PDF parsers are where hostile files do damage (decompression bombs, cyclic page trees, endless
xref chains), so pypdf never runs in the ingesting process: :func:`extract_pdf` pipes the bytes to
a child Python (``_pdf_worker.py``, which imports nothing of llmkg) that sets an address-space
limit (``RLIMIT_AS``) before parsing; the parent kills it at the deadline. What comes back is
plain JSON (page texts and metadata).

The text of each page is read in pypdf's layout mode, which keeps blank lines between paragraphs
and the column gaps of tables; :func:`pages_to_text` then

- drops running headers and footers (a line repeated on most pages) and page numbers,
- turns aligned columns into Markdown pipe tables (so results tables are read like Markdown):
  a body row is a label and cells of which most are numbers (text cells such as a developer or
  "146B total, 41B active" may sit between them); the lines a long cell wraps onto are put back
  into their cells by column position, rejoining a word the wrap broke ("Brisa-3-34B-C" +
  "hat") when the whole word occurs elsewhere in the text or the name is hyphenated,
- rejoins words hyphenated across a line break ("distil-" + "lation") when the joined word occurs
  elsewhere in the text, and separates short heading lines from the paragraph under them.

Two-column pages (most lines split by one gutter in the middle) are read in pypdf's plain mode,
which follows the content stream column by column.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from kg.errors import LoaderError
from kg.terms import normalize_text

from ..records import Document
from .base import LoadLimits, run_parser

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
    answer: dict[str, Any] = run_parser(_WORKER, [str(limits.pdf_max_pages)], data, source=source,
                                        what="PDF", limits=limits)
    return answer


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
_CAPTION = re.compile(r"^(?:Table|Figure|Fig\.|Note|Notes|Source)\b")
#: how far (in characters) a fragment may start left of its column in layout text
_SLACK = 2


def _cells(line: str) -> list[str]:
    return _GAP.split(line.strip()) if line.strip() else []


def _is_data(line: str) -> bool:
    """A table body row: a label, then three or more cells of which at least two, and at least
    half, are numeric ("Corra-2   Velvetine   32B   64.5   89.7")."""
    cells = _cells(line)
    numeric = [c for c in cells[1:] if _NUMERIC.fullmatch(c)]
    return (len(cells) >= 3 and len(numeric) >= 2 and 2 * len(numeric) >= len(cells) - 1
            and any(ch.isdigit() for c in numeric for ch in c))


def _column_of(pos: int, starts: list[int]) -> int:
    """The column a character position of a layout line falls in (a little slack to the left)."""
    return max([i for i, s in enumerate(starts) if s - _SLACK <= pos], default=0)


def _place(line: str, starts: list[int], *, whole: bool = True) -> list[str] | None:
    """The cells of one layout line, by column (``starts``: where each column begins).

    A line with one segment per column (``whole``) is taken in order. Otherwise each segment goes
    to the column it starts in and must end before the next column starts; a segment that runs
    into the next column (a fragment that filled its cell, one space from the next: "oner-9B
    Collective") is cut there at a space. A segment over three or more columns is prose, not a
    table line: ``None``.

    >>> _place("Brisa-R1     66.0   92.1", [0, 13, 20])
    ['Brisa-R1', '66.0', '92.1']
    >>> _place("-14B", [0, 13, 20])
    ['-14B', '', '']
    >>> _place("oner-9B Labs", [0, 8, 20])
    ['oner-9B', 'Labs', '']
    >>> _place("a sentence that runs on and on", [0, 8, 20]) is None
    True
    """
    k = len(starts)
    segs = list(_SEGMENT.finditer(line))
    if whole and len(segs) == k:
        return [m.group() for m in segs]
    cols = [""] * k
    for seg in segs:
        first = _column_of(seg.start(), starts)
        last = _column_of(seg.end() - 1, starts)
        if last - first > 1:
            return None
        for w in re.finditer(r"\S+", seg.group()):
            a, b = seg.start() + w.start(), seg.start() + w.end()
            c = _column_of(a, starts)
            if c + 1 < k and b > starts[c + 1] - 1:
                return None
            cols[c] = f"{cols[c]} {w.group()}".strip()
    return cols


def _join(head: str, tail: str, words: frozenset[str]) -> str:
    """A cell and the next line of the same cell: a word broken by the wrap is rejoined.

    The break is inside a word when the joined word occurs elsewhere in the text, when a hyphen
    meets the break, or when a hyphenated name is continued in lower case or digits
    ("Llama-3.1-405B-Inst" + "ruct"); "12B" + "active" stay two words.

    >>> _join("Brisa-3-34B-C", "hat", frozenset({"Brisa-3-34B-Chat"}))
    'Brisa-3-34B-Chat'
    >>> _join("Brisa-R1-Distill", "-14B", frozenset())
    'Brisa-R1-Distill-14B'
    >>> _join("Human", "experts", frozenset())
    'Human experts'
    >>> _join("Big-7B-Inst", "ruct", frozenset()), _join("61B total, 12B", "active", frozenset())
    ('Big-7B-Instruct', '61B total, 12B active')
    >>> _join("Qwen 2.5 14B", "Instruct", frozenset())
    'Qwen 2.5 14B Instruct'
    """
    if not head or not tail:
        return head or tail
    last, first = head.split()[-1], tail.split()[0]
    if (last + first) in words or head.endswith("-") or tail.startswith("-"):
        return head + tail
    if f"{last} {first}" in words or not (last[-1].isalnum() and first[0].isalnum()):
        return f"{head} {tail}"
    if (first[0].islower() or first[0].isdigit()) and "-" in last:
        return head + tail
    return f"{head} {tail}"


def _merge(rows: list[list[str]], words: frozenset[str]) -> list[str]:
    """Lines of one table row (a cell's wrapped lines below its first) as one row of cells."""
    out = list(rows[0])
    for more in rows[1:]:
        out = [_join(a, b, words) for a, b in zip(out, more, strict=True)]
    return out


def _table_at(lines: list[str], i: int, words: frozenset[str]) -> tuple[int, int, list[str]] | None:
    """The table whose first body row is ``lines[i]``: (first header line, end, pipe rows).

    Body rows are the aligned numeric rows (one with fewer cells than the first has empty ones,
    placed by position); the lines between them whose fragments each sit inside one column are the
    wrapped parts of the row above (a long name broken over two lines, top-aligned as fpdf2 and
    LaTeX ``p`` columns set them). Up to three header lines above are cut by the same columns, up
    to the first full one (a wrapped header cell continues below its first line).
    """
    k = len(_cells(lines[i]))
    starts = [m.start() for m in _SEGMENT.finditer(lines[i])]
    body: list[list[list[str]]] = []
    j = i
    while j < len(lines) and lines[j].strip():
        ln = lines[j]
        if _is_data(ln):
            # a row of its own; one with fewer cells has empty ones (placed by position)
            cols = _place(ln, starts) if len(_cells(ln)) <= k else None
            if cols is None:
                break
            body.append([cols])
            j += 1
            continue
        # wrapped parts of the row above: lines of fragments inside the columns, followed by
        # the next row or the end of the table (else it is the text after the table)
        run = j
        while run < len(lines) and run - j < 4 and lines[run].strip() and not _is_data(lines[run]):
            run += 1
        parts = [_place(x, starts, whole=False) for x in lines[j:run]]
        ends = run >= len(lines) or not lines[run].strip() or _is_data(lines[run])
        if not body or not ends or any(p is None for p in parts) or any(
                _CAPTION.match(x.strip()) for x in lines[j:run]):
            break
        body[-1].extend(p for p in parts if p is not None)
        j = run
    if len(body) < 2:
        return None
    h = i
    header_lines: list[list[str]] = []
    while h > 0 and i - h < 3 and lines[h - 1].strip() and not _is_data(lines[h - 1]):
        cols = _place(lines[h - 1], starts)
        if cols is None or _CAPTION.match(lines[h - 1].strip()):
            break
        header_lines.insert(0, cols)
        h -= 1
        if len(_cells(lines[h])) == k:
            break  # a full header line: what is above it (a heading, a caption) is not the header
    header = _merge(header_lines, words) if header_lines else [""] * k
    if header_lines and sum(1 for c in header[1:] if c) < k - 1:
        header, h = [""] * k, i
    pipe = ["| " + " | ".join(header) + " |", "|" + "---|" * k]
    pipe.extend("| " + " | ".join(_merge(r, words)) + " |" for r in body)
    return h, j, pipe


def _tables(lines: list[str], words: frozenset[str] = frozenset()) -> list[str]:
    """Turn aligned table rows (and the header above them) into Markdown pipe rows.

    ``words`` are the tokens of the whole text, to rejoin words broken by a cell's wrap.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i, words) if _is_data(lines[i]) else None
        if found is not None:
            h, j, pipe = found
            del out[len(out) - (i - h):]
            out.extend([*pipe, ""])
            i = j
            continue
        out.append(" ".join(lines[i].split()))
        i += 1
    return out


def _tokens(pages: list[str]) -> frozenset[str]:
    """The whitespace-separated tokens of all pages, without surrounding punctuation."""
    return frozenset(t.strip(".,;:()[]\"'") for p in pages for t in p.split())


def pages_to_text(pages: list[str]) -> str:
    """One text from the layout-mode page texts (see the module docstring)."""
    split = [p.splitlines() for p in pages]
    repeated = _repeated_lines(split)
    words = _tokens(pages)
    lines: list[str] = []
    for n, page in enumerate(split):
        # page 1 keeps its lines (the title there is also the running header of later pages)
        kept = [ln for ln in page if not (ln.strip() and _is_furniture(ln, repeated if n else set()))]
        lines.extend(_tables(kept, words))
        lines.append("")
    text = "\n".join(lines)
    long_words = set(re.findall(r"[A-Za-z]{4,}", text))

    def dehyphen(m: re.Match[str]) -> str:
        joined = m.group(1) + m.group(2)
        return joined if joined in long_words else m.group(1) + "-" + m.group(2)

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
