"""Measure the learned table reader against the rules on gold sets.

Three measures:

1. ``tables``: for every table of every document where ``ingest.tables`` asks for the table's
   orientation, the rules' answer and the learned one (with the gazetteer and the document's
   mentions as the rules see them), and, where they differ, the table's first labels.
2. ``labels``: per table label, the gold role against the rules' lookup and the model's role.
3. ``scores``: results (and the other categories) by ``realtext/score.py`` with the rules alone,
   the model deciding where no header word does (``fallback``), the model deciding every
   orientation (``all``), and the rules' orientation with the labels the model reads as neither
   model nor benchmark giving no results (``labels``).

Usage:
    python -m ingest.train_table_roles --out /tmp/table_roles.json
    python scripts/measure_table_roles.py tables /tmp/table_roles.json GOLD_DIR...
    python scripts/measure_table_roles.py labels /tmp/table_roles.json GOLD_DIR...
    python scripts/measure_table_roles.py scores /tmp/table_roles.json [--modes=rules,labels] GOLD_DIR...
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from ingest import tables as tables_module
from ingest.components.table_roles import ROLES, RoleModel
from ingest.document import extract_document
from ingest.loaders import load_path
from ingest.nlp import make_nlp

MODES = ("rules", "fallback", "all", "labels")
# the real-text scorer, beside the repository as the docs describe (../shared/realtext/score.py)
SCORE = Path(__file__).resolve().parents[2] / "shared" / "realtext" / "score.py"


def compare_tables(model: RoleModel, gold_dirs: list[Path]) -> None:
    """Print, per set, how many orientation decisions the rules and the model agree on."""
    nlp = make_nlp()
    rules_decide = tables_module._models_in_rows
    seen: list[tuple[str, bool, bool, bool, list[str], list[str]]] = []
    current = [""]

    def both(table, gaz, names):  # noqa: ANN001, ANN202
        rules = rules_decide(table, gaz, names)
        learned = model.models_in_rows(table.header, table.rows,
                                       lambda s: tables_module._known(s, gaz, names))
        first = tables_module._clean(table.header[0])
        by_header = bool(tables_module._MODEL_HEADERS.match(first)
                         or tables_module._BENCH_HEADERS.match(first)
                         or tables_module._label_column(table) or tables_module._rank_header(first)
                         or tables_module._model_column(table) == 1)
        labels = [r[0] for r in table.rows[:3] if r]
        seen.append((current[0], rules, learned, by_header, table.header[:4], labels))
        return rules

    tables_module._models_in_rows = both
    try:
        for gold_dir in gold_dirs:
            start = len(seen)
            for f in sorted((gold_dir / "docs").iterdir()):
                current[0] = f.name
                extract_document(load_path(f)[0], nlp)
            rows = seen[start:]
            differ = [r for r in rows if r[1] != r[2]]
            fall = [r for r in rows if not r[3]]
            print(f"{gold_dir}: {len(rows)} tables asked, {len(fall)} by the fallback; "
                  f"model differs on {len(differ)} ({sum(1 for r in differ if not r[3])} in the fallback)")
            for name, rules, learned, by_header, header, labels in differ:
                print(f"   {name}: rules={'rows' if rules else 'cols'} model={'rows' if learned else 'cols'} "
                      f"{'fallback' if not by_header else 'header'} {header} {labels}")
    finally:
        tables_module._models_in_rows = rules_decide


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def label_roles(model: RoleModel, gold_dirs: list[Path]) -> None:
    """Per table label (column headers after the first, row labels), the gold role (``model``
    or ``benchmark`` when the label is, without markup or a parenthesised note, a name of a gold
    entity of that type; ``other`` when it names none), against what the rules look up
    (``tables._known``: the text's mentions and the gazetteer; None read as ``other``) and the
    learned model's most probable role. Prints accuracy and the confusions, per set."""
    nlp = make_nlp()
    rules_decide = tables_module._models_in_rows
    tally: list[tuple[str, str, str, str]] = []
    gold_names: dict[str, str] = {}

    def gold_role(label: str) -> str:
        text = tables_module._clean(label)
        for form in (text, tables_module._strip_qualifier(text)):
            role = gold_names.get(_norm(form))
            if role is not None:
                return role
        return "other"

    def both(table, gaz, names):  # noqa: ANN001, ANN202
        known = lambda s: tables_module._known(s, gaz, names)  # noqa: E731
        cols, rows = model.roles(table.header, table.rows, known)
        labels = table.header[1:] + [r[0] for r in table.rows if r]
        for label, probs in zip(labels, cols + rows, strict=True):
            if not tables_module._clean(label):
                continue
            learned = ROLES[max(range(3), key=lambda c, p=probs: p[c])]
            tally.append((tables_module._clean(label), gold_role(label), known(label) or "other", learned))
        return rules_decide(table, gaz, names)

    tables_module._models_in_rows = both
    try:
        for gold_dir in gold_dirs:
            gold = json.loads((gold_dir / "gold.json").read_text())
            gold_names.clear()
            for e in gold["entities"]:
                role = {"Model": "model", "ModelFamily": "model", "Benchmark": "benchmark"}.get(e["type"])
                for n in e["names"]:
                    if role is not None:
                        gold_names.setdefault(_norm(n), role)
            start = len(tally)
            for f in sorted((gold_dir / "docs").iterdir()):
                extract_document(load_path(f)[0], nlp)
            rows = tally[start:]
            if not rows:
                print(f"{gold_dir}: no table labels")
                continue
            lookup_right = sum(g == k for _, g, k, _ in rows)
            model_right = sum(g == m for _, g, _, m in rows)
            confusions = Counter((g, m) for _, g, _, m in rows if g != m)
            lookup_conf = Counter((g, k) for _, g, k, _ in rows if g != k)
            n = len(rows)
            print(f"{gold_dir}: {n} labels; lookup right {lookup_right} ({lookup_right / n:.2f}), "
                  f"model right {model_right} ({model_right / n:.2f}); lookup's confusions "
                  + ", ".join(f"{g}->{k} {c}" for (g, k), c in lookup_conf.most_common())
                  + "; model's confusions "
                  + ", ".join(f"{g}->{m} {c}" for (g, m), c in confusions.most_common()))
    finally:
        tables_module._models_in_rows = rules_decide


def scores(weights: Path, gold_dirs: list[Path], modes: tuple[str, ...] = MODES) -> None:
    """Print realtext/score.py's F1 per category for the rules, fallback and all modes."""
    cats = ["entities", "relations", "attributes", "results", "claims"]
    print("| set | mode | " + " | ".join(cats) + " |")
    for gold_dir in gold_dirs:
        for mode in modes:
            env = dict(os.environ)
            env.pop("LLMKG_TABLE_ROLES", None)
            env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"  # score.py runs llmkg
            if mode != "rules":
                env.update(LLMKG_TABLE_ROLES=str(weights), LLMKG_TABLE_ROLES_MODE=mode)
            docs = sorted(str(p) for p in (gold_dir / "docs").iterdir())
            out = subprocess.run([sys.executable, str(SCORE), str(gold_dir / "gold.json"), *docs, "--json"],
                                 env=env, capture_output=True, text=True, check=True).stdout
            d = json.loads(out)["scores"]
            vals = [d[c][1] if c == "claims" else d[c][2] for c in cats]
            cells = " | ".join("-" if v is None else f"{v:.3f}" for v in vals)
            print(f"| {gold_dir} | {mode} | {cells} |", flush=True)


def main(argv: list[str]) -> int:
    what, weights, *dirs = argv
    modes = MODES
    if dirs and dirs[0].startswith("--modes="):
        modes = tuple(dirs.pop(0).split("=", 1)[1].split(","))
    gold_dirs = [Path(d) for d in dirs]
    if what == "labels":
        label_roles(RoleModel.load(Path(weights)), gold_dirs)
    elif what == "tables":
        compare_tables(RoleModel.load(Path(weights)), gold_dirs)
    else:
        scores(Path(weights), gold_dirs, modes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
