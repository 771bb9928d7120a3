"""Sentence bounds for news, posts, abstracts and cards.

A blank line ends a sentence, and so does a line break next to a heading, list item, table row
or short unpunctuated line (a title); a line break inside hard-wrapped prose does not. Within a
block, ``.``, ``!`` or ``?`` followed by space and a capital, digit or quote ends a sentence,
except after abbreviations ("e.g.", "vs.", "Dr.") and inside numbers ("3.5").
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREV = frozenset(
    "e.g i.e vs etc dr mr ms mrs prof inc corp ltd co jr sr st no fig approx al u.s u.k".split()
)
_END_ANY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


_STRUCTURAL = re.compile(r"^\s*(?:#|\||[-*•+>]\s|\d+[.)]\s|[A-Z][\w ]{0,40}:\s*$)")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Group lines into blocks: hard-wrapped prose joins, structure and titles stand alone."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    blocks: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    prev_line = ""
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            if cur:
                blocks.append(cur)
            cur, prev_line = None, ""
            continue
        prev = prev_line.rstrip()
        joins = (cur is not None and not _STRUCTURAL.match(line) and not _STRUCTURAL.match(prev)
                 and (len(prev.strip()) >= 60 or prev[-1:] in ",;" or line.lstrip()[:1].islower()))
        if joins and cur is not None:
            cur = (cur[0], e)
        else:
            if cur:
                blocks.append(cur)
            cur = (s, e)
        prev_line = line
    if cur:
        blocks.append(cur)
    return blocks


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character bounds of the sentences of ``text``, in order.

    Bounds exclude surrounding white space; empty lines give no sentence.

    >>> t = "Meta released Llama 4. Scout fits on one H100.\\nNext Article"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Meta released Llama 4.', 'Scout fits on one H100.', 'Next Article']
    """
    bounds: list[tuple[int, int]] = []
    for ls, le in _blocks(text):
        start = ls
        for m in _END_ANY.finditer(text, ls, le):
            before = text[start:m.start() + 1]
            last = re.search(r"(\S+)$", before)
            token = last.group(1).lower().rstrip(".") if last else ""
            if token in _ABBREV or re.fullmatch(r"[a-z]", token):
                continue
            end = m.start() + len(m.group().rstrip())
            bounds.append((start, end))
            start = m.end()
        bounds.append((start, le))
    out = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
