"""Train and measure the learned table reader (``ingest.components.table_roles``) on generated tables.

Tables are generated from the project's own name lists (``training/tables/names.json``: invented
model lines and benchmarks, words for the other columns) and the gazetteer's real model and
benchmark names, in many layouts: models as rows or as columns, size / context / licence / date /
organisation / type / average columns, category rows and columns, shot and metric columns,
average rows, two-level headers, markup in cells, "±" spreads, shot counts and metrics in headers.
Every column header and row label is labelled ``model``, ``benchmark`` or ``other``.

    python -m ingest.train_table_roles --out /tmp/table_roles.json      # train, write the weights
    python -m ingest.train_table_roles --heldout                        # train on half the invented
                                                                        # names, test on the other half

Offline, CPU-only and seeded: the same seed gives the same tables and the same weights.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ingest.components.table_roles import ROLES, RoleModel, features
from ingest.gazetteer import Gazetteer, load_gazetteer

NAMES_PATH = Path(__file__).resolve().parents[1] / "training" / "tables" / "names.json"


@dataclass(frozen=True)
class GenTable:
    """One generated table: its header, body rows, and the role of each label."""

    header: list[str]
    rows: list[list[str]]
    col_roles: list[str]  # one per header label after the first
    row_roles: list[str]  # one per row
    models_in_rows: bool


class _Pools:
    def __init__(self, names: dict, gaz: Gazetteer, rng: random.Random, half: int | None):
        self.n = names
        self.rng = rng
        self.gaz = gaz
        lines, stems = list(names["model_lines"]), list(names["bench_stems"])
        if half is not None:  # hold half the invented names out
            lines = lines[half::2]
            stems = stems[half::2]
        self.lines, self.stems = lines, stems
        #: the share of benchmarks named by plain words (0 in the first version of the generator)
        self.phrases = float(names.get("phrase_share", 0.0)) if "bench_phrases" in names else 0.0
        self.phrase_names = list(names.get("bench_phrases", ()))
        if half is not None:
            self.phrase_names = self.phrase_names[half::2]
        entries = list(gaz.entries)
        self.real_models = sorted({e.label for e in entries if e.type == "Model"})
        self.real_benches = sorted({e.label for e in entries if e.type == "Benchmark"})
        if half is not None:
            self.real_models = self.real_models[half::2]
            self.real_benches = self.real_benches[half::2]

    def model(self) -> str:
        r = self.rng
        if self.real_models and r.random() < 0.35:
            name = r.choice(self.real_models)
            return name + (r.choice(["", "", " (ours)", "-Instruct"]) if r.random() < 0.3 else "")
        name = r.choice(self.lines) + r.choice(self.n["versions"])
        if r.random() < 0.7:
            name += r.choice(["-", " ", "-"]) + r.choice(self.n["sizes"])
        name += r.choice(self.n["suffixes"])
        if r.random() < 0.1:
            name = r.choice(self.n["orgs"]) + "/" + name.replace(" ", "-")
        return name

    def bench(self) -> str:
        r = self.rng
        u = r.random()
        if u < self.phrases:  # a plain-words subset or subject ("Plant Genetics", "Haskell")
            return r.choice(self.phrase_names)
        name = r.choice(self.real_benches) if self.real_benches and u < 0.5 else r.choice(self.stems)
        return name + r.choice(self.n["bench_suffixes"])

    def score(self, kind: str = "pct") -> str:
        r = self.rng
        if r.random() < 0.06:
            return r.choice(["-", "–", "n/a", ""])
        v = r.uniform(5, 95) if kind == "pct" else r.uniform(0, 10) if kind == "ten" else r.uniform(800, 1400)
        s = f"{v:.1f}" if kind != "elo" else f"{v:.0f}"
        if kind == "pct" and r.random() < 0.15:
            s = f"{v / 100:.3f}"
        u = r.random()
        if u < 0.12:
            s = f"**{s}**"
        elif u < 0.17:
            s = f"<u>{s}</u>"
        elif u < 0.22:
            s += r.choice(["†", "*", "‡"])
        elif u < 0.30:
            s += f" ± {r.uniform(0.1, 3):.1f}"
        elif u < 0.36:
            s += "%"
        elif u < 0.40:
            s = f"{s} ({r.uniform(5, 95):.1f})"
        return s

    def other_cell(self, kind: str) -> str:
        r, n = self.rng, self.n
        return {"size": lambda: r.choice(n["sizes"]), "context": lambda: r.choice(n["contexts"]),
                "license": lambda: r.choice(n["licenses"]), "date": lambda: r.choice(n["dates"]),
                "org": lambda: r.choice(n["orgs"]), "type": lambda: r.choice(n["types"]),
                "average": lambda: self.score(), "rank": lambda: str(r.randint(1, 40)),
                "shots": lambda: r.choice(["0", "5", "8", "25", "3", "0-shot", "5-shot"]),
                "metric": lambda: r.choice(n["metrics"]),
                "category": lambda: r.choice(n["categories"])}[kind]()

    def known(self, label: str, role: str) -> str | None:
        """What the text or gazetteer would know a label as: the gazetteer for real names, and for
        invented ones a chance that the document named them in its prose."""
        entry = self.gaz.lookup(label)
        if entry is not None:
            return "model" if entry.type in ("Model", "ModelFamily") else (
                "benchmark" if entry.type == "Benchmark" else None)
        if role == "model" and self.rng.random() < 0.5:
            return "model"
        if role == "benchmark" and self.rng.random() < 0.15:
            return "benchmark"
        return None


def _models_as_rows(p: _Pools) -> GenTable:
    r = p.rng
    benches = [p.bench() for _ in range(r.randint(1, 8))]
    extras = r.sample(["size", "context", "license", "date", "org", "type", "average"],
                      k=r.choice([0, 0, 1, 1, 2, 3]))
    cols: list[tuple[str, str]] = [(b, "benchmark") for b in benches]
    for kind in extras:
        label = r.choice(p.n["other_columns"][kind])
        at = len(cols) if kind == "average" and r.random() < 0.7 else r.randint(0, len(cols))
        cols.insert(at, (label, kind))
    if r.random() < 0.15:  # a two-level header flattened "Group / Bench"
        group = r.choice(p.n["categories"])
        cols = [(f"{group} / {lab}" if kind == "benchmark" else lab, kind) for lab, kind in cols]
    header = [r.choice(p.n["corner_model"])] + [c[0] for c in cols]
    rows, row_roles = [], []
    elo = r.random() < 0.05
    for _ in range(r.randint(1, 12)):
        if r.random() < 0.08:  # a group row ("Open models") with empty cells
            rows.append([r.choice(["Open models", "Proprietary", "Closed-source", "Open-weight models",
                                   r.choice(p.n["categories"])])] + [""] * len(cols))
            row_roles.append("other")
            continue
        row = [p.model()]
        for _, kind in cols:
            row.append(p.score("elo" if elo else "pct") if kind == "benchmark" else p.other_cell(kind))
        rows.append(row)
        row_roles.append("model")
    return GenTable(header, rows, ["benchmark" if k == "benchmark" else "other" for _, k in cols], row_roles,
                    True)


def _benchmarks_as_rows(p: _Pools) -> GenTable:
    r = p.rng
    models = [p.model() for _ in range(r.randint(1, 7))]
    cols: list[tuple[str, str]] = [(m, "model") for m in models]
    lead = r.choice([None, None, "shots", "metric", "category"])
    if lead is not None:
        cols.insert(0, (r.choice(p.n["other_columns"][lead]), lead))
    if r.random() < 0.15:  # "Group / Model" two-level header
        group = r.choice(["Open models", "Ours", "Baselines", "Dense", "MoE"])
        cols = [(f"{group} / {lab}" if kind == "model" else lab, kind) for lab, kind in cols]
    header = [r.choice(p.n["corner_bench"])] + [c[0] for c in cols]
    rows, row_roles = [], []
    for _ in range(r.randint(1, 14)):
        u = r.random()
        if u < 0.12:  # a category row
            cat = r.choice(p.n["categories"])
            rows.append([cat] + ([""] * len(cols) if r.random() < 0.7 else [cat] * len(cols)))
            row_roles.append("other")
            continue
        if u < 0.18:  # an average row
            label = r.choice(p.n["other_columns"]["average"])
            row_roles.append("other")
        elif u < 0.22:  # a spec row (size, context) among the benchmarks
            kind = r.choice(["size", "context"])
            rows.append([r.choice(p.n["other_columns"][kind])] + [p.other_cell(kind) for _ in cols])
            row_roles.append("other")
            continue
        else:
            label = p.bench()
            row_roles.append("benchmark")
        row = [label]
        for _, kind in cols:
            row.append(p.score() if kind == "model" else p.other_cell(kind))
        rows.append(row)
    return GenTable(header, rows, ["model" if k == "model" else "other" for _, k in cols], row_roles, False)


def generate(n: int, *, seed: int = 0, half: int | None = None,
             gaz: Gazetteer | None = None) -> list[GenTable]:
    """``n`` generated tables (half of each orientation), seeded."""
    rng = random.Random(seed)
    names = json.loads(NAMES_PATH.read_text(encoding="utf-8"))
    pools = _Pools(names, gaz or load_gazetteer(), rng, half)
    return [(_models_as_rows if i % 2 == 0 else _benchmarks_as_rows)(pools) for i in range(n)]


def examples(tables: list[GenTable], *, seed: int = 0,
             gaz: Gazetteer | None = None) -> list[tuple[list[str], int]]:
    """Every labelled label of the tables as (features, role index)."""
    gaz = gaz or load_gazetteer()
    rng = random.Random(seed + 1)
    pools = _Pools(json.loads(NAMES_PATH.read_text(encoding="utf-8")), gaz, rng, None)
    out = []
    for t in tables:
        for i, (h, role) in enumerate(zip(t.header[1:], t.col_roles, strict=True), start=1):
            cells = [row[i] for row in t.rows if i < len(row)]
            out.append((features(h, cells, "col", pools.known(h, role)), ROLES.index(role)))
        for row, role in zip(t.rows, t.row_roles, strict=True):
            out.append((features(row[0], row[1:], "row", pools.known(row[0], role)), ROLES.index(role)))
    return out


def train(data: list[tuple[list[str], int]], *, seed: int = 0, epochs: int = 6, rate: float = 0.5,
          l2: float = 1e-5) -> RoleModel:
    """Fit a multinomial logistic regression by Adagrad on ``data`` (seeded shuffling)."""
    rng = random.Random(seed)
    k = len(ROLES)
    w: dict[str, list[float]] = {}
    g2: dict[str, list[float]] = {}
    bias, bias_g2 = [0.0] * k, [1e-8] * k
    order = list(range(len(data)))
    for _ in range(epochs):
        rng.shuffle(order)
        for j in order:
            feats, y = data[j]
            z = list(bias)
            for f in feats:
                wf = w.get(f)
                if wf is not None:
                    for c in range(k):
                        z[c] += wf[c]
            top = max(z)
            e = [math.exp(v - top) for v in z]
            s = sum(e)
            grad = [e[c] / s - (1.0 if c == y else 0.0) for c in range(k)]
            for c in range(k):
                bias_g2[c] += grad[c] ** 2
                bias[c] -= rate * grad[c] / math.sqrt(bias_g2[c])
            for f in feats:
                wf = w.setdefault(f, [0.0] * k)
                gf = g2.setdefault(f, [1e-8] * k)
                for c in range(k):
                    gc = grad[c] + l2 * wf[c]
                    gf[c] += gc * gc
                    wf[c] -= rate * gc / math.sqrt(gf[c])
    kept = {f: tuple(v) for f, v in w.items() if max(abs(x) for x in v) > 1e-3}
    return RoleModel(kept, tuple(bias))


def evaluate(model: RoleModel, tables: list[GenTable], *, gaz: Gazetteer | None = None) -> dict[str, float]:
    """Label accuracy and orientation accuracy of ``model`` on generated tables."""
    data = examples(tables, seed=99, gaz=gaz)
    right = sum(max(range(len(ROLES)), key=lambda c, f=f: model.probabilities(f)[c]) == y for f, y in data)
    gaz = gaz or load_gazetteer()

    def known(label: str) -> str | None:
        entry = gaz.lookup(label)
        return None if entry is None else "model" if entry.type in ("Model", "ModelFamily") else (
            "benchmark" if entry.type == "Benchmark" else None)

    orient = sum(model.models_in_rows(t.header, t.rows, known) == t.models_in_rows for t in tables)
    return {"labels": right / len(data), "orientation": orient / len(tables)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write the trained weights here (JSON)")
    ap.add_argument("--tables", type=int, default=3000, help="generated tables to train on")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--heldout", action="store_true",
                    help="train on half the invented and real names, measure on tables of the other half")
    args = ap.parse_args(argv)
    gaz = load_gazetteer()
    t0 = time.time()
    if args.heldout:
        data = examples(generate(args.tables, seed=args.seed, half=0, gaz=gaz), seed=args.seed, gaz=gaz)
        model = train(data, seed=args.seed, epochs=args.epochs)
        test = generate(1000, seed=args.seed + 7, half=1, gaz=gaz)
        sys.stdout.write(json.dumps({"heldout": evaluate(model, test, gaz=gaz),
                                     "seconds": round(time.time() - t0, 1)}) + "\n")
        return 0
    model = train(examples(generate(args.tables, seed=args.seed, gaz=gaz), seed=args.seed, gaz=gaz),
                  seed=args.seed, epochs=args.epochs)
    took = round(time.time() - t0, 1)
    sys.stderr.write(json.dumps({"features": len(model.weights), "seconds": took}) + "\n")
    if args.out:
        model.save(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
