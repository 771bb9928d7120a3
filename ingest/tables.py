"""Results tables (Markdown pipe tables, also what the HTML and PDF loaders rebuild).

Two orientations: one benchmark per row with models as columns, or one model per row with
benchmarks as columns. Header notes such as "(base)", "(14B)" or "(Instruct)" are resolved
to the variant they name.
"""

from __future__ import annotations

import re

from kg.terms import name_key

from .collect import Collector, evidence_for
from .components.entities import Mention
from .gazetteer import Gazetteer
from .records import Evidence, Result

__all__ = ["main_model", "tables"]


def main_model(col: Collector, mentions: list[Mention], gaz: Gazetteer) -> Mention | None:
    title = col.document.title.strip().lstrip("#").strip()
    for m in mentions:
        if m.type in ("Model", "ModelFamily") and m.start < len(col.text) and (
                name_key(m.label) == name_key(title)
                or col.text.find(title) <= m.start < col.text.find(title) + len(title)):
            return m
    if title and col.document.doc_type == "ModelCard" and len(title) < 80:
        entry = gaz.lookup(title)
        label = entry.label if entry else re.sub(r"^.*/", "", title)
        pos = max(0, col.text.find(title))
        return Mention(pos, pos + len(title), title, "Model", label, "card-title")
    models = [m for m in mentions if m.type == "Model"]
    return models[0] if models else None



_GENERIC_HEADERS = re.compile(r"^(?:score|scores|result|results|value|accuracy|acc|performance|"
                              r"metric|ours|this model|pass@1|%)$", re.IGNORECASE)
_BENCH_HEADERS = re.compile(r"^(?:benchmark|benchmarks|task|tasks|dataset|datasets|eval|evaluation|"
                            r"test|category)$", re.IGNORECASE)
_MODEL_HEADERS = re.compile(r"^(?:model|models|name|system|checkpoint)$", re.IGNORECASE)
_NUM_CELL = re.compile(r"^\**(?P<n>\d+(?:\.\d+)?)\s*%?\**$")


def tables(col: Collector, mentions: list[Mention], gaz: Gazetteer) -> None:
    lines = list(re.finditer(r"^[ \t]*\|.*\|[ \t]*$", col.text, re.MULTILINE))
    blocks: list[list[re.Match[str]]] = []
    for m in lines:
        if blocks and col.text[blocks[-1][-1].end():m.start()].strip() == "":
            blocks[-1].append(m)
        else:
            blocks.append([m])
    by_key = {name_key(m.label): m for m in mentions if m.type in ("Model", "ModelFamily")}
    for block in blocks:
        if len(block) < 3:
            continue
        rows = [[c.strip() for c in m.group().strip().strip("|").split("|")] for m in block]
        header, data = rows[0], rows[2:]
        if not all(re.fullmatch(r":?-{2,}:?", c.replace(" ", "")) for c in rows[1] if c):
            continue
        if _MODEL_HEADERS.match(header[0].strip("* ")):
            _model_rows_table(col, gaz, header, data, block[2:], by_key)
            continue
        col_models: dict[int, Mention] = {}
        for i, h in enumerate(header[1:], 1):
            h_clean = _strip_qualifier(h.strip("* "))
            if not h_clean or re.search(r"\b(?:metric|shots?|n-shot|notes?|type)\b", h_clean, re.IGNORECASE):
                continue
            if _GENERIC_HEADERS.match(h_clean):
                main = main_model(col, mentions, gaz)
                if main is not None:
                    col_models[i] = main
            elif name_key(h_clean) in by_key:
                col_models[i] = by_key[name_key(h_clean)]
            else:
                entry = gaz.lookup(h_clean)
                pos = col.text.find(h_clean, block[0].start())
                col_models[i] = Mention(pos, pos + len(h_clean), h_clean, "Model",
                                        entry.label if entry else h_clean, "table-header")
        if not col_models or not (_BENCH_HEADERS.match(header[0].strip("* ")) or header[0] == ""
                                  or len(col_models) >= 1):
            continue
        metric_col = next((i for i, h in enumerate(header)
                           if re.match(r"^metric$", h.strip("* "), re.IGNORECASE)), None)
        for row, line in zip(data, block[2:], strict=False):
            if not row or not row[0].strip("* "):
                continue
            bench_name = re.sub(r"\s*\(.*?\)\s*$", "", row[0].strip("* ")).strip()
            entry = gaz.lookup(bench_name)
            if entry is not None and entry.type != "Benchmark":
                continue
            pos = col.text.find(bench_name, line.start())
            bench = Mention(pos, pos + len(bench_name), bench_name, "Benchmark",
                            entry.label if entry else bench_name, "table-row")
            ev = evidence_for(col.text, line.start(), line.end(), rule="table-row", confidence=0.9)
            metric = row[metric_col] if metric_col is not None and metric_col < len(row) else None
            for i, model in col_models.items():
                if i < len(row):
                    _cell_result(col, model, bench, row[i], ev, metric or None)


_QUALIFIER = re.compile(r"\s*\(([^()]{1,30})\)\s*$")


def _strip_qualifier(name: str) -> str:
    """A table's model name without its note: "Llama 3.2 1B (base)" -> "Llama 3.2 1B";
    "phi-4 (14B)" -> "phi-4"; an "(Instruct)" or "(chat)" note names the variant."""
    m = _QUALIFIER.search(name)
    if m is None or m.start() == 0:
        return name
    base = name[:m.start()].strip()
    note = m.group(1).strip()
    if re.fullmatch(r"(?i)instruct|chat|it", note):
        return f"{base} {note[0].upper()}{note[1:]}" if note.lower() != "it" else f"{base}-it"
    return base


def _model_rows_table(col: Collector, gaz: Gazetteer, header: list[str],
                      data: list[list[str]], lines: list[re.Match[str]],
                      by_key: dict[str, Mention]) -> None:
    """A results table with one model per row and one benchmark per column."""
    benches: dict[int, Mention] = {}
    for i, h in enumerate(header[1:], 1):
        name = re.sub(r"\s*\(.*?\)\s*$", "", h.strip("* ")).strip()
        if not name or re.search(r"\b(?:params?|parameters|size|context|license|date|type)\b",
                                 name, re.IGNORECASE):
            continue
        entry = gaz.lookup(name)
        if entry is not None and entry.type != "Benchmark":
            continue
        pos = col.text.find(name, lines[0].start() - 2000 if lines else 0)
        benches[i] = Mention(max(pos, 0), max(pos, 0) + len(name), name, "Benchmark",
                             entry.label if entry else name, "table-header")
    for row, line in zip(data, lines, strict=False):
        if not row or not row[0].strip("* "):
            continue
        model_name = _strip_qualifier(row[0].strip("* "))
        model = by_key.get(name_key(model_name))
        if model is None:
            entry = gaz.lookup(model_name)
            pos = col.text.find(model_name, line.start())
            model = Mention(pos, pos + len(model_name), model_name, "Model",
                            entry.label if entry else model_name, "table-row")
        ev = evidence_for(col.text, line.start(), line.end(), rule="table-row", confidence=0.9)
        for i, bench in benches.items():
            if i < len(row):
                _cell_result(col, model, bench, row[i], ev, None)


def _cell_result(col: Collector, model: Mention, bench: Mention, cell: str, ev: Evidence,
                 metric: str | None) -> None:
    """Record the result in one table cell, if the cell holds a number."""
    m = _NUM_CELL.match(cell.strip())
    if m is None:
        return
    mref, bref = col.entity(model), col.entity(bench)
    score = float(m.group("n"))
    col.results.setdefault((mref, bref, score), Result(mref, bref, score, ev, metric=metric))
