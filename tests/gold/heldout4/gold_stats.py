"""Validate the heldout4 gold files and print their totals (stdlib only, no project code).

Adapted from heldout3's script; adds type checks per predicate/role, duplicate and self-loop checks,
activeParameters <= totalParameters, "every unnamed agent is a claimant", and strips <script> and
<style> before the label-in-text check so that labels found only in page code do not pass.

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
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
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
    types = {e["label"]: e["type"] for e in d["entities"]}
    agents = {"Person", "Organization", "UnnamedAgent"}
    models = {"Model", "ModelFamily"}
    role = {  # predicate -> (allowed subject types, allowed object types)
        "developedBy": (models, {"Organization"}),
        "memberOfFamily": ({"Model"}, {"ModelFamily"}),
        "successorOf": (models, models),
        "employer": ({"Person"}, {"Organization"}),
        "fitsOn": ({"Model"}, {"Hardware"}),
    }
    for p in ("derivedFrom", "distilledFrom", "fineTunedFrom", "quantizedFrom", "mergedFrom", "adapterOf"):
        role[p] = ({"Model"}, {"Model"})
    seen = set()
    for r in d["relations"]:
        key = (r["subject"], r["predicate"], r["object"])
        if key in seen:
            errors.append(f"duplicate relation {key}")
        seen.add(key)
        if r["subject"] == r["object"]:
            errors.append(f"self-loop {key}")
        if r["predicate"] in role and r["subject"] in types and r["object"] in types:
            subj_ok, obj_ok = role[r["predicate"]]
            if types[r["subject"]] not in subj_ok or types[r["object"]] not in obj_ok:
                errors.append(f"type mismatch {key}: {types[r['subject']]} -> {types[r['object']]}")
    seen = set()
    for a in d["attributes"]:
        key = (a["subject"], a["property"])
        if key in seen:
            errors.append(f"duplicate attribute {key}")
        seen.add(key)
        if types.get(a["subject"]) not in models:
            errors.append(f"attribute on non-model {key}")
    vals = {(a["subject"], a["property"]): a["value"] for a in d["attributes"]}
    for (subj, prop), v in vals.items():
        if prop == "activeParameters" and (subj, "totalParameters") in vals and v > vals[(subj, "totalParameters")]:
            errors.append(f"active > total for {subj}")
    seen = set()
    for r in d["results"]:
        key = (r["model"], r["benchmark"], r["score"])
        if key in seen:
            errors.append(f"duplicate result {key}")
        seen.add(key)
        if types.get(r["model"]) not in models or types.get(r["benchmark"]) != "Benchmark":
            errors.append(f"result roles wrong {key}")
    claimants = set()
    for c in d["claims"]:
        claimants.add(c["claimant"])
        if types.get(c["claimant"]) not in agents:
            errors.append(f"claimant {c['claimant']!r} is not an agent")
        if not c["about"]:
            errors.append(f"claim by {c['claimant']!r} has no about")
    for e in d["entities"]:
        if e["type"] == "UnnamedAgent" and e["label"] not in claimants:
            errors.append(f"unnamed agent {e['label']!r} is never a claimant")
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
