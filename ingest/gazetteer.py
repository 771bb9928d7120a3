"""The curated gazetteer of well-known names (``patterns/gazetteer.jsonl``), as data.

Each line: ``{"label": canonical name, "type": entity type, "aliases": [surface forms]}``, and for a
model line its maker, ``"developer": organisation label`` (used only when the text names that
organisation too); a news outlet has ``"outlet": true`` ("the outlet" may refer back to it).
Reviewed like code: add a name when the shape rules cannot find it (names with no digits, such as
"Claude" or "Mistral Large") or when it needs a canonical spelling.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.terms import name_key

from .records import ENTITY_TYPES

__all__ = ["GazetteerEntry", "Gazetteer", "load_gazetteer", "GAZETTEER_PATH"]

GAZETTEER_PATH = Path(__file__).parent / "patterns" / "gazetteer.jsonl"


@dataclass(frozen=True)
class GazetteerEntry:
    """One known name."""

    label: str
    type: str
    aliases: tuple[str, ...] = ()
    #: the organisation that makes a model line ("Meta" for Llama), for lines the world knows
    developer: str | None = None
    #: a news outlet (an organisation that reports: "the outlet" may refer back to it)
    outlet: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The label and every alias."""
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Gazetteer:
    """Known names, indexed by surface form and by comparison key."""

    entries: tuple[GazetteerEntry, ...]
    by_key: dict[str, GazetteerEntry]
    #: keys written only as one capitalised word: "MATH", "ARC", "DROP" (a benchmark, not "Math")
    caps_only: frozenset[str] = frozenset()
    #: keys written only as a lower-case handle: "meta-llama" (a lab's hub account, not "Meta Llama")
    lower_only: frozenset[str] = frozenset()

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """Return the entry whose label or alias has the key of ``surface``.

        A name the gazetteer only knows in capitals that are also an English word ("MATH",
        "ARC") is not found in any other case: "Hard Math Tests" names no benchmark; a name it
        only knows as a lower-case handle ("meta-llama") is found only so written ("Meta Llama 3"
        is the lab and its model).
        """
        key = name_key(surface)
        if key in self.caps_only and not surface.strip().isupper():
            return None
        if key in self.lower_only and not surface.strip().islower():
            return None
        return self.by_key.get(key)


def _parse(lines: list[str], source: str) -> Gazetteer:
    entries: list[GazetteerEntry] = []
    by_key: dict[str, GazetteerEntry] = {}
    forms_of: dict[str, list[str]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        row = json.loads(line)
        if row.get("type") not in ENTITY_TYPES:
            raise ValueError(f"{source}:{n}: unknown type {row.get('type')!r}")
        entry = GazetteerEntry(str(row["label"]), str(row["type"]),
                               tuple(str(a) for a in row.get("aliases", ())),
                               str(row["developer"]) if row.get("developer") else None,
                               bool(row.get("outlet", False)))
        entries.append(entry)
        for form in entry.forms:
            key = name_key(form)
            if key and key not in by_key:
                by_key[key] = entry
            forms_of.setdefault(key, []).append(form)
    caps_only = frozenset(k for k, forms in forms_of.items()
                          if all(re.fullmatch(r"[A-Z]{3,}", f) for f in forms))
    lower_only = frozenset(k for k, forms in forms_of.items()
                           if by_key[k].type == "Organization"
                           and all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", f) for f in forms))
    return Gazetteer(tuple(entries), by_key, caps_only, lower_only)


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Read and index the gazetteer at ``path`` (cached)."""
    return _parse(path.read_text(encoding="utf-8").splitlines(), str(path))
