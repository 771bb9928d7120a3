"""Sentence bounds for news, posts, abstracts and cards.

Every line break ends a sentence (titles, list items and table rows have no full stop), and so
does ``.``, ``!`` or ``?`` followed by space and a capital, digit or quote, except after
abbreviations ("e.g.", "vs.", "Dr.") and inside numbers ("3.5").
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREV = frozenset(
    "e.g i.e vs etc dr mr ms mrs prof inc corp ltd co jr sr st no fig approx al u.s u.k".split()
)
_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character bounds of the sentences of ``text``, in order.

    Bounds exclude surrounding white space; empty lines give no sentence.

    >>> t = "Meta released Llama 4. Scout fits on one H100.\\nNext Article"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Meta released Llama 4.', 'Scout fits on one H100.', 'Next Article']
    """
    bounds: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.start(), line.end()
        start = ls
        for m in _END.finditer(text, ls, le):
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
