"""A learned reader of a table's roles: which of its labels name models, benchmarks or other things.

Each column header and each row label of a table is classified as ``model``, ``benchmark`` or
``other`` (a size, a category, a shot count, an average, a licence ...) from features of the label
(its words, character trigrams, its shape, a size token, whether the text or the gazetteer knows
it) and of the cells it heads (the share of numbers, of sizes, of empty cells, of "±" spreads).
The table's orientation follows: models in rows when its row labels read as models and its
column labels as benchmarks more than the other way round.

The weights are trained by ``python -m ingest.train_table_roles`` on tables generated from the
project's own name lists (``training/tables/``); nothing is committed or built by ``make install``.
The model is off unless ``LLMKG_TABLE_ROLES`` names a weights file (see docs/extraction.md, "A
learned table reader (measured)"); ``LLMKG_TABLE_ROLES_MODE`` chooses what it decides:
``fallback`` (the orientation, only where no header word decides it; the default), ``all`` (every
orientation) or ``labels`` (the rules' orientation, but a column or row label the model reads as
neither model nor benchmark gives no results).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.settings import get_settings

ROLES = ("model", "benchmark", "other")

_MARKUP = re.compile(r"\*\*|(?<!\\)__|</?(?:b|u|strong|em|i|sup|sub)>|[*†‡§¶`]")
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*%?(?:\s*(?:±|\+/-|\+-)\s*\d+(?:\.\d+)?)?$")
_SIZE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?[BMKT](?![a-z])", re.IGNORECASE)
_SIZE_CELL = re.compile(r"^(?:~|≈)?\d+(?:\.\d+)?\s?(?:[BMKT]|billion|million|bn)$", re.IGNORECASE)
_EMPTY = re.compile(r"^(?:|[-–—]+|n/?a|none)$", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?", re.IGNORECASE)


def clean(cell: str) -> str:
    """A cell's text without emphasis markup and footnote marks."""
    return " ".join(_MARKUP.sub("", cell).replace("\\_", "_").split())


def _shape(text: str) -> str:
    out = []
    for ch in text:
        s = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:12]


def _bucket(share: float) -> str:
    return "0" if share == 0 else "1" if share == 1 else "lo" if share < 0.5 else "hi"


def features(label: str, cells: Sequence[str], where: str, known: str | None) -> list[str]:
    """The features of one table label.

    Args:
        label: the label's text (a column header or a row's first cell).
        cells: the cells it heads (the column's body cells, or the row's other cells).
        where: ``col`` for a column header, ``row`` for a row label.
        known: what the text or the gazetteer knows the label as (``model``, ``benchmark``, None).
    """
    text = clean(label)
    low = text.lower()
    feats = [f"where={where}", f"known={known}", f"where={where}|known={known}"]
    words = _WORD.findall(low)
    feats += [f"w={w}" for w in words if not w[0].isdigit()]
    feats.append(f"nwords={min(len(words), 5)}")
    padded = f"^{low}$"
    feats += [f"c3={padded[i:i + 3]}" for i in range(len(padded) - 2)]
    feats.append(f"shape={_shape(text)}")
    size = bool(_SIZE.search(text))
    feats += [f"size={size}", f"where={where}|size={size}", f"digit={any(c.isdigit() for c in text)}",
              f"hyphen={'-' in text}", f"caps={text.isupper() and len(text) > 1}", f"empty={not text}",
              f"paren={'(' in text}", f"slash={'/' in text}"]
    filled = [clean(c) for c in cells]
    n = len(filled) or 1
    num = sum(bool(_NUMBER.match(c)) for c in filled) / n
    empty = sum(bool(_EMPTY.match(c)) for c in filled) / n
    sizes = sum(bool(_SIZE_CELL.match(c)) for c in filled) / n
    spread = sum("±" in c for c in filled) / n
    ints = [c for c in filled if re.fullmatch(r"\d{1,2}", c)]
    for name, share in (("num", num), ("empty", empty), ("sizes", sizes), ("spread", spread),
                        ("small_ints", len(ints) / n)):
        b = _bucket(share)
        feats += [f"{name}={b}", f"{name}={b}|where={where}"]
    wordy = sum(bool(c) and not _NUMBER.match(c) and not _EMPTY.match(c) and not _SIZE_CELL.match(c)
                for c in filled) / n
    feats.append(f"wordy={_bucket(wordy)}|where={where}")
    return feats


@dataclass(frozen=True)
class RoleModel:
    """A multinomial logistic regression over hashed-free string features."""

    weights: dict[str, tuple[float, float, float]]
    bias: tuple[float, float, float]

    def probabilities(self, feats: Sequence[str]) -> tuple[float, ...]:
        """P(model), P(benchmark), P(other) for one label's features."""
        z = list(self.bias)
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                z = [a + b for a, b in zip(z, w, strict=True)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return tuple(v / s for v in e)

    def roles(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              known: Callable[[str], str | None]) -> tuple[list[tuple[float, ...]], list[tuple[float, ...]]]:
        """The role probabilities of every column header after the first and of every row label."""
        cols = []
        for i, h in enumerate(header[1:], start=1):
            cells = [r[i] for r in rows if i < len(r)]
            cols.append(self.probabilities(features(h, cells, "col", known(h))))
        labels = []
        for r in rows:
            if r:
                labels.append(self.probabilities(features(r[0], r[1:], "row", known(r[0]))))
        return cols, labels

    def models_in_rows(self, header: Sequence[str], rows: Sequence[Sequence[str]],
                       known: Callable[[str], str | None]) -> bool:
        """Whether the table has one model per row: its row labels read as models and its column
        labels as benchmarks more than its row labels as benchmarks and its columns as models."""
        cols, labels = self.roles(header, rows, known)
        rows_vote = sum(p[0] - p[1] for p in labels) / (len(labels) or 1)
        cols_vote = sum(p[1] - p[0] for p in cols) / (len(cols) or 1)
        return rows_vote + cols_vote > 0

    def other(self, label: str, cells: Sequence[str], where: str, known: str | None,
              threshold: float = 0.8) -> bool:
        """Whether a label reads as neither a model nor a benchmark with probability ``threshold``."""
        return self.probabilities(features(label, cells, where, known))[2] >= threshold

    def save(self, path: Path) -> None:
        """Write the weights as JSON (rounded: the file is a few hundred kilobytes)."""
        data = {"bias": [round(b, 5) for b in self.bias],
                "weights": {f: [round(x, 5) for x in w] for f, w in sorted(self.weights.items())}}
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RoleModel:
        """Read weights written by :meth:`save`."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({f: tuple(w) for f, w in data["weights"].items()}, tuple(data["bias"]))


def threshold() -> float:
    """How sure the model must be that a label is neither model nor benchmark to drop it
    (setting ``table_roles_threshold``, default 0.8; mode ``labels``)."""
    return get_settings().table_roles_threshold


@lru_cache(maxsize=4)
def _load(path: str) -> RoleModel:
    return RoleModel.load(Path(path))


def active(where: str) -> RoleModel | None:
    """The role model when the setting ``table_roles`` names a weights file and
    ``table_roles_mode`` (``fallback``, the default, ``all`` or ``labels``) is ``where``; else None."""
    settings = get_settings()
    if settings.table_roles is None or settings.table_roles_mode != where:
        return None
    return _load(str(settings.table_roles))
