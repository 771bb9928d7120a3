"""``llmkg eval``: score extraction against hand-written gold annotations.

The documents are ingested into a scratch in-memory store through the real pipeline, then each
document graph is read back with SPARQL and compared with its gold file (format in
``tests/gold/README.md``): precision, recall and F1 per category, micro-averaged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InvalidInputError
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, name_key

from .pipeline import run_ingest

__all__ = ["CATEGORIES", "CategoryScore", "EvalReport", "evaluate", "load_gold"]

CATEGORIES = ("entities", "relations", "attributes", "results", "claims")
LK = "https://w3id.org/llmkg/ontology#"


@dataclass
class CategoryScore:
    """Counts and the lists behind them for one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    #: the same counts per kind: entity type, predicate, property or stance
    kinds: dict[str, CategoryScore] = field(default_factory=dict)

    def add(self, kind: str | None, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        """Count ``tp``/``fp``/``fn`` in this category and in its ``kind`` (if any)."""
        for s in (self, *([self.kinds.setdefault(kind, CategoryScore())] if kind else [])):
            s.tp += tp
            s.fp += fp
            s.fn += fn

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """Scores per category, and the documents scored."""

    scores: dict[str, CategoryScore]
    documents: list[str]
    missing_documents: list[str]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        def counts(s: CategoryScore) -> dict[str, Any]:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn}

        return {"documents": len(self.documents), "missing_documents": self.missing_documents,
                "scores": {c: {**counts(s), "kinds": {k: counts(v) for k, v in sorted(s.kinds.items())}}
                           for c, s in self.scores.items()}}


def load_gold(path: Path) -> dict[str, dict[str, Any]]:
    """Read gold annotations: a JSON file, or a folder of them; keyed by document file name."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise InvalidInputError(f"{path}: no gold JSON files")
    gold: dict[str, dict[str, Any]] = {}
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise InvalidInputError(f"{f}: not a readable gold JSON file ({e})") from e
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict) or "document" not in item:
                raise InvalidInputError(f"{f}: each gold record needs a 'document'")
            gold[Path(str(item["document"])).name] = item
    return gold


# ------------------------------------------------------------------ what the store holds


def _predicted(store: KGStore, graph: str) -> dict[str, Any]:
    g = f"<{graph}>"
    ents: dict[str, dict[str, Any]] = {}
    for r in store.select(f"""SELECT ?e ?t ?l WHERE {{ GRAPH {g} {{ ?e a ?t ; rdfs:label ?l
        FILTER(STRSTARTS(STR(?e), "https://w3id.org/llmkg/id/") && !CONTAINS(STR(?e), "/id/result/")
               && !CONTAINS(STR(?e), "/id/claim/") && !CONTAINS(STR(?e), "/id/evidence/")) }} }}"""):
        ent = ents.setdefault(r["e"], {"label": r["l"], "types": set(), "names": {r["l"]}})
        ent["types"].add(r["t"].replace(LK, ""))
    for r in store.select(f"SELECT ?e ?a WHERE {{ GRAPH {g} {{ ?e skos:altLabel ?a }} }}"):
        if r["e"] in ents:
            ents[r["e"]]["names"].add(r["a"])
    preds = "|".join(f"lk:{p}" for p in (
        "developedBy", "memberOfFamily", "successorOf", "derivedFrom", "distilledFrom",
        "fineTunedFrom", "quantizedFrom", "mergedFrom", "adapterOf", "employer", "fitsOn"))
    rels = [(r["s"], r["p"].replace(LK, ""), r["o"]) for r in store.select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o FILTER(?p IN ({preds.replace('|', ', ')})) }} }}")]
    attrs = [(r["s"], r["p"].replace(LK, ""), int(r["v"])) for r in store.select(
        f"""SELECT ?s ?p ?v WHERE {{ GRAPH {g} {{ ?s ?p ?v
            FILTER(?p IN (lk:totalParameters, lk:activeParameters, lk:contextWindowTokens)) }} }}""")]
    results = [(r["m"], r["b"], float(r["score"])) for r in store.select(
        f"""SELECT ?m ?b ?score WHERE {{ GRAPH {g} {{ ?r a lk:BenchmarkResult ;
            lk:evaluatedModel ?m ; lk:onBenchmark ?b ; lk:score ?score }} }}""")]
    claims: dict[str, dict[str, Any]] = {}
    for r in store.select(f"""SELECT ?c ?who ?stance ?about WHERE {{ GRAPH {g} {{ ?c a lk:Claim ;
            lk:claimant ?who ; lk:stance ?stance . OPTIONAL {{ ?c lk:about ?about }} }} }}"""):
        c = claims.setdefault(r["c"], {"claimant": r["who"], "stance": r["stance"].replace(LK, ""),
                                       "about": set()})
        if r.get("about"):
            c["about"].add(r["about"])
    return {"entities": ents, "relations": rels, "attributes": attrs, "results": results,
            "claims": list(claims.values())}


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One prediction from those of several documents (the parts of a bundle)."""
    if len(parts) == 1:
        return parts[0]
    ents: dict[str, dict[str, Any]] = {}
    for p in parts:
        for iri, e in p["entities"].items():
            slot = ents.setdefault(iri, {"label": e["label"], "types": set(), "names": set()})
            slot["types"] |= e["types"]
            slot["names"] |= e["names"]
    merged: dict[str, Any] = {"entities": ents}
    for key in ("relations", "attributes", "results", "claims"):
        merged[key] = [x for p in parts for x in p[key]]
    return merged


# ------------------------------------------------------------------ matching


def _compatible(gold_type: str, types: set[str]) -> bool:
    if gold_type in types:
        return True
    return gold_type in ("Model", "ModelFamily") and bool({"Model", "ModelFamily"} & types)


def _gold_names(e: dict[str, Any]) -> set[str]:
    return {name_key(str(n)) for n in [e["label"], *e.get("aliases", [])]} - {""}


def _unnamed_key(label: str) -> str:
    """The head noun of an unnamed agent's description ("an anonymous user who ..." -> user)."""
    from .lexicon import AGENT_HEADS

    words = [w for w in label.lower().split() if w.isalpha()]
    for w in words:
        if w in AGENT_HEADS:
            return w[:-1] if w.endswith("s") and w[:-1] in AGENT_HEADS else w
    return words[-1].rstrip("s") if words else ""


def _match_entities(gold: list[dict[str, Any]], pred: dict[str, dict[str, Any]],
                    score: CategoryScore) -> dict[str, str]:
    """Pair gold labels with predicted IRIs; return gold label key -> IRI."""
    pairing: dict[str, str] = {}
    used: set[str] = set()
    for ge in gold:
        names = _gold_names(ge)
        hit = None
        for iri, pe in pred.items():
            if iri in used or not _compatible(ge["type"], pe["types"]):
                continue
            pkeys = {name_key(n) for n in pe["names"]}
            if names & pkeys or (ge["type"] == "UnnamedAgent" and "UnnamedAgent" in pe["types"]
                                 and _unnamed_key(ge["label"]) == _unnamed_key(pe["label"])):
                hit = iri
                break
        if hit is None:
            score.add(ge["type"], fn=1)
            score.misses.append(f"{ge['type']}: {ge['label']}")
        else:
            used.add(hit)
            score.add(ge["type"], tp=1)
            for n in names:
                pairing[n] = hit
    for iri, pe in pred.items():
        if iri not in used:
            score.add("/".join(sorted(pe["types"])), fp=1)
            score.spurious.append(f"{'/'.join(sorted(pe['types']))}: {pe['label']}")
    return pairing


def _score_sets(gold: set[tuple[Any, ...]], pred: set[tuple[Any, ...]], score: CategoryScore,
                show: Any, kind: Any) -> None:
    for items, field_ in ((gold & pred, "tp"), (gold - pred, "fn"), (pred - gold, "fp")):
        for x in items:
            score.add(kind(x), **{field_: 1})
    score.misses.extend(show(x) for x in sorted(gold - pred, key=str))
    score.spurious.extend(show(x) for x in sorted(pred - gold, key=str))


def _score_document(gold: dict[str, Any], pred: dict[str, Any],
                    scores: dict[str, CategoryScore], doc: str) -> None:
    pairing = _match_entities(gold.get("entities", []), pred["entities"], scores["entities"])
    labels = {iri: e["label"] for iri, e in pred["entities"].items()}

    def g(label: str) -> str:
        return pairing.get(name_key(label), "gold:" + label)

    def show(t: tuple[Any, ...]) -> str:
        return f"{doc}: " + " ".join(labels.get(x, str(x).removeprefix("gold:")) if isinstance(x, str)
                                     else str(x) for x in t)

    _score_sets({(g(r["subject"]), r["predicate"], g(r["object"])) for r in gold.get("relations", [])},
                set(pred["relations"]), scores["relations"], show, lambda t: t[1])
    _score_sets({(g(a["subject"]), a["property"], int(a["value"])) for a in gold.get("attributes", [])},
                set(pred["attributes"]), scores["attributes"], show, lambda t: t[1])
    _score_sets({(g(r["model"]), g(r["benchmark"]), round(float(r["score"]), 2))
                 for r in gold.get("results", [])},
                {(m, b, round(s, 2)) for m, b, s in pred["results"]}, scores["results"], show,
                lambda _t: None)
    _score_sets({(g(c["claimant"]), c["stance"]) for c in gold.get("claims", [])},
                {(c["claimant"], c["stance"]) for c in pred["claims"]}, scores["claims"], show,
                lambda t: t[1])


def evaluate(gold_path: Path, paths: Sequence[Path], *, settings: Settings) -> EvalReport:
    """Ingest ``paths`` into a scratch store and score the result against ``gold_path``.

    Only documents that have a gold record are scored; gold records whose document was not
    given are listed in ``missing_documents``.
    """
    gold = load_gold(gold_path)
    scores = {c: CategoryScore() for c in CATEGORIES}
    with open_store(None) as store:
        run_ingest(list(paths), settings=settings, store=store)
        by_name: dict[str, list[str]] = {}
        for r in store.select(f"""SELECT ?doc ?src ?graph WHERE {{ GRAPH <{META_GRAPH}> {{
                ?doc <http://purl.org/dc/terms/source> ?src ; lk:documentGraph ?graph }} }}"""):
            # the papers of a bundle ("abstracts.txt#2") are scored together, as one file
            by_name.setdefault(Path(r["src"]).name.split("#")[0], []).append(r["graph"])
        scored = []
        for name, record in sorted(gold.items()):
            graphs = by_name.get(name)
            if not graphs:
                continue
            _score_document(record, _merge([_predicted(store, g) for g in sorted(graphs)]), scores, name)
            scored.append(name)
    missing = sorted(set(gold) - set(scored))
    return EvalReport(scores, scored, missing)
