"""Validate the heldout4 gold files and print their totals (stdlib only, no project code).

    python3 tests/gold/heldout4/gold_stats.py            # table of totals, non-zero exit on errors

Checks, per gold file: it parses; "document" names a file in docs/; every relation subject/object,
attribute subject, result model/benchmark and claim claimant/about is an entity label of that file;
types, predicates, properties and stances are from the README's vocabulary; no duplicate labels.
As a sanity check it also warns when a label or alias does not occur in the document's text
(compared the README's way: lower-cased, letters and digits only; PDFs are checked against pdf-src).
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"Model", "ModelFamily", "Organization", "Person", "UnnamedAgent", "Benchmark", "Hardware"}
PREDICATES = {"developedBy", "memberOfFamily", "successorOf", "derivedFrom", "distilledFrom", "fineTunedFrom",
              "quantizedFrom", "mergedFrom", "adapterOf", "employer", "fitsOn"}
PROPERTIES = {"totalParameters", "activeParameters", "contextWindowTokens"}
STANCES = {"asserts", "denies", "speculates", "reports", "acknowledges"}
CATS = ["entities", "relations", "attributes", "results", "claims"]


def norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def doc_text(name: str) -> str:
    if name.endswith(".pdf"):
        src = HERE / "pdf-src" / (name[:-4] + ".txt")
        return src.read_text(encoding="utf-8")
    text = (HERE / "docs" / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def check(path: Path) -> tuple[dict, list[str], list[str]]:
    errors, warnings = [], []
    d = json.loads(path.read_text(encoding="utf-8"))
    if not (HERE / "docs" / d["document"]).exists():
        errors.append(f"document {d['document']} not in docs/")
    labels = [e["label"] for e in d["entities"]]
    if len(labels) != len(set(labels)):
        errors.append("duplicate entity labels")
    known = set(labels)
    for e in d["entities"]:
        if e["type"] not in TYPES:
            errors.append(f"bad type {e['type']}")
    for r in d["relations"]:
        if r["predicate"] not in PREDICATES:
            errors.append(f"bad predicate {r['predicate']}")
        for k in ("subject", "object"):
            if r[k] not in known:
                errors.append(f"relation {k} {r[k]!r} not an entity")
    for a in d["attributes"]:
        if a["property"] not in PROPERTIES or not isinstance(a["value"], int):
            errors.append(f"bad attribute {a}")
        if a["subject"] not in known:
            errors.append(f"attribute subject {a['subject']!r} not an entity")
    for r in d["results"]:
        if not isinstance(r["score"], (int, float)):
            errors.append(f"bad score {r}")
        for k in ("model", "benchmark"):
            if r[k] not in known:
                errors.append(f"result {k} {r[k]!r} not an entity")
    for c in d["claims"]:
        if c["stance"] not in STANCES:
            errors.append(f"bad stance {c['stance']}")
        for x in [c["claimant"], *c["about"]]:
            if x not in known:
                errors.append(f"claim entity {x!r} not an entity")
    text = norm(doc_text(d["document"]))
    for e in d["entities"]:
        if e["type"] == "UnnamedAgent":
            continue
        for name in [e["label"], *e.get("aliases", [])]:
            if norm(name) not in text:
                warnings.append(f"{name!r} not found in document text")
    return d, errors, warnings


def main() -> int:
    rows, bad = [], False
    for path in sorted(HERE.glob("*.json")):
        d, errors, warnings = check(path)
        for w in warnings:
            print(f"warning {path.name}: {w}", file=sys.stderr)
        for e in errors:
            print(f"ERROR {path.name}: {e}", file=sys.stderr)
        bad |= bool(errors)
        rows.append((d["document"], [len(d[c]) for c in CATS]))
    print("| document | " + " | ".join(CATS) + " |")
    print("|---|" + "---|" * len(CATS))
    for name, counts in rows:
        print(f"| {name} | " + " | ".join(map(str, counts)) + " |")
    totals = [sum(c[i] for _, c in rows) for i in range(len(CATS))]
    print(f"| **total ({len(rows)} files)** | " + " | ".join(f"**{t}**" for t in totals) + " |")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
