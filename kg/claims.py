"""Claims and contradictions: who said what about an entity, and where sources disagree.

A claim (``lk:Claim``) has a claimant, a stance and a proposition (``lk:Proposition``): either a
triple (subject, predicate, object), shared by every document that makes a claim about the same
triple, or a topic local to one document (an allegation and the denial of "the allegations").

A **contradiction** is a proposition that one claim denies while another claim asserts (or
acknowledges) it, or while a document states the same triple as a fact in its own voice. Seed
example: an essay says no Llama 4 has been released (``denies (Llama 4, released, true)``), news
articles state that it was (``Llama 4 lk:released true``): one pair per asserting source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rdflib import URIRef

from .lineage import Source, resolve_entity
from .store import KGStore
from .terms import META_GRAPH

__all__ = ["ClaimView", "Contradiction", "claims", "contradictions", "count_claims"]

LK = "https://w3id.org/llmkg/ontology#"


@dataclass(frozen=True)
class ClaimView:
    """One claim: claimant, stance, what it says and where."""

    claim: str
    claimant: str
    claimant_label: str
    stance: str
    text: str
    proposition: str | None
    source: Source

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return asdict(self)


@dataclass(frozen=True)
class Contradiction:
    """A proposition denied by one claim and asserted by another claim or stated as a fact."""

    proposition: str
    statement: str
    denial: ClaimView
    assertion: ClaimView

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"proposition": self.proposition, "statement": self.statement,
                "denial": self.denial.to_dict(), "assertion": self.assertion.to_dict()}


_CLAIM_FIELDS = """?c a lk:Claim ; lk:claimant ?who ; lk:stance ?stance ; lk:evidence ?ev .
    OPTIONAL {{ ?c lk:claimText ?text }} OPTIONAL {{ ?c lk:proposition ?prop }}
    ?ev oa:hasSelector ?sel . ?sel oa:exact ?quote .
    OPTIONAL {{ ?ev oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end }}"""


def _doc_info(store: KGStore, graphs: set[str]) -> dict[str, dict[str, str]]:
    if not graphs:
        return {}
    values = " ".join(f"<{g}>" for g in sorted(graphs))
    rows = store.select(f"""SELECT ?g ?doc ?src ?title WHERE {{ VALUES ?g {{ {values} }}
        GRAPH <{META_GRAPH}> {{ ?doc lk:documentGraph ?g ; dcterms:source ?src
                                OPTIONAL {{ ?doc dcterms:title ?title }} }} }}""")
    return {r["g"]: r for r in rows}


def _labels(store: KGStore, iris: set[str]) -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in sorted(iris))
    rows = store.select(f"""SELECT ?e (MIN(?l) AS ?label) WHERE {{ VALUES ?e {{ {values} }}
        ?e rdfs:label ?l }} GROUP BY ?e""")
    return {r["e"]: r["label"] for r in rows}


def _view(r: dict[str, Any], docs: dict[str, dict[str, str]], labels: dict[str, str],
          prefix: str = "") -> ClaimView:
    d = docs.get(r[prefix + "g"], {})
    who = r.get(prefix + "who") or d.get("doc", "")
    return ClaimView(
        claim=r.get(prefix + "c", ""), claimant=who,
        claimant_label=labels.get(who) or d.get("title") or d.get("src", ""),
        stance=r[prefix + "stance"].removeprefix(LK), text=r.get(prefix + "text") or "",
        proposition=r.get("prop") or r.get(prefix + "prop"),
        source=Source(d.get("doc", ""), d.get("title", ""), d.get("src", ""), r[prefix + "quote"],
                      r.get(prefix + "start"), r.get(prefix + "end")))


def _claim_filter(store: KGStore, about: str | None, stance: str | None) -> tuple[str, dict[str, Any]]:
    bindings: dict[str, Any] = {}
    filt = ""
    if about is not None:
        bindings["target"] = URIRef(resolve_entity(store, about).iri)
        filt = "{ ?c lk:about ?target } UNION { ?c lk:claimant ?target }"
    if stance is not None:
        bindings["wanted"] = URIRef(LK + stance)
        filt += " FILTER(?stance = ?wanted)"
    return filt, bindings


def claims(store: KGStore, about: str | None = None, *, stance: str | None = None,
           limit: int = 200, offset: int = 0) -> list[ClaimView]:
    """Claims, newest documents last; ``about`` (name, alias or IRI) keeps those about an entity.

    Args:
        store: the store.
        about: an entity the claims are about (``lk:about``) or make a claim about (claimant).
        stance: keep one stance (``asserts``, ``denies``, ``speculates``, ``reports``,
            ``acknowledges``).
        limit: most claims returned.
        offset: claims skipped first (for paging; see :func:`count_claims`).
    """
    filt, bindings = _claim_filter(store, about, stance)
    proj = " ".join(f"?{k}" for k in bindings)
    rows = store.select(f"""SELECT DISTINCT ?g ?c ?who ?stance ?text ?prop ?quote ?start ?end {proj}
        WHERE {{ GRAPH ?g {{ {_CLAIM_FIELDS.format()} {filt} }} }}
        ORDER BY ?g ?start ?c LIMIT {int(limit)} OFFSET {int(offset)}""", **bindings)
    docs = _doc_info(store, {r["g"] for r in rows})
    labels = _labels(store, {r["who"] for r in rows})
    return [_view(r, docs, labels) for r in rows]


def count_claims(store: KGStore, about: str | None = None, *, stance: str | None = None) -> int:
    """How many claims :func:`claims` would list with no limit."""
    filt, bindings = _claim_filter(store, about, stance)
    proj = " ".join(f"?{k}" for k in bindings)
    rows = store.select(f"""SELECT (COUNT(*) AS ?n) {proj} WHERE {{ SELECT DISTINCT ?g ?c ?who ?stance ?text
        ?prop ?quote ?start ?end {proj} WHERE {{ GRAPH ?g {{ {_CLAIM_FIELDS.format()} {filt} }} }} }}
        GROUP BY {proj or "?nothing"}""", **bindings)
    return int(rows[0]["n"]) if rows else 0


def _statement(store: KGStore, props: set[str]) -> dict[str, str]:
    """A readable form of each proposition: "Llama 4 · released · true" or its topic."""
    if not props:
        return {}
    values = " ".join(f"<{p}>" for p in sorted(props))
    rows = store.select(f"""SELECT ?p ?s ?pred ?o ?topic WHERE {{ VALUES ?p {{ {values} }}
        OPTIONAL {{ ?p rdf:subject ?s ; rdf:predicate ?pred ; rdf:object ?o }}
        OPTIONAL {{ ?p rdfs:comment ?topic }} }}""")
    labels = _labels(store, {r["s"] for r in rows if r.get("s")} |
                     {r["o"] for r in rows if isinstance(r.get("o"), str) and r["o"].startswith("http")})
    out = {}
    for r in rows:
        if r.get("s"):
            obj = r["o"]
            obj = labels.get(obj, obj) if isinstance(obj, str) else str(obj).lower()
            out[r["p"]] = f"{labels.get(r['s'], r['s'])} · {r['pred'].removeprefix(LK)} · {obj}"
        else:
            out[r["p"]] = r.get("topic") or r["p"]
    return out


def contradictions(store: KGStore, about: str | None = None) -> list[Contradiction]:
    """Pairs of a denial and an assertion of the same proposition, each with its source.

    The assertion is another claim (stance ``asserts`` or ``acknowledges``) on the same
    proposition, or a document that states the proposition's triple as a fact.
    """
    bindings: dict[str, Any] = {}
    filt = ""
    if about is not None:
        bindings["target"] = URIRef(resolve_entity(store, about).iri)
        filt = "?c lk:about ?target ."
    proj = " ".join(f"?{k}" for k in bindings)
    denial = (f"GRAPH ?g {{ {_CLAIM_FIELDS.format()} {filt} "
              f"FILTER(?stance = lk:denies && BOUND(?prop)) }}")
    by_claim = store.select(f"""SELECT DISTINCT ?g ?c ?who ?stance ?text ?prop ?quote ?start ?end
            ?a_g ?a_c ?a_who ?a_stance ?a_text ?a_quote ?a_start ?a_end {proj} WHERE {{
        {denial}
        GRAPH ?a_g {{ ?a_c a lk:Claim ; lk:proposition ?prop ; lk:claimant ?a_who ; lk:stance ?a_stance ;
                      lk:evidence ?a_ev . OPTIONAL {{ ?a_c lk:claimText ?a_text }}
                      ?a_ev oa:hasSelector ?a_sel . ?a_sel oa:exact ?a_quote .
                      OPTIONAL {{ ?a_ev oa:hasSelector ?a_pos . ?a_pos oa:start ?a_start ; oa:end ?a_end }} }}
        FILTER(?a_stance IN (lk:asserts, lk:acknowledges))
    }} ORDER BY ?g ?start ?a_g ?a_start""", **bindings)
    by_fact = store.select(f"""SELECT DISTINCT ?g ?c ?who ?stance ?text ?prop ?quote ?start ?end
            ?a_g ?a_quote ?a_start ?a_end ?a_stance {proj} WHERE {{
        {denial}
        GRAPH ?g {{ ?prop rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
        GRAPH ?a_g {{ ?s ?p ?o . ?a_ev a lk:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                      oa:hasSelector ?a_sel . ?a_sel oa:exact ?a_quote .
                      OPTIONAL {{ ?a_ev oa:hasSelector ?a_pos . ?a_pos oa:start ?a_start ; oa:end ?a_end }} }}
        BIND(lk:asserts AS ?a_stance)
    }} ORDER BY ?g ?start ?a_g ?a_start""", **bindings)
    rows = by_claim + by_fact
    docs = _doc_info(store, {r["g"] for r in rows} | {r["a_g"] for r in rows})
    labels = _labels(store, {r["who"] for r in rows} | {r["a_who"] for r in rows if r.get("a_who")})
    statements = _statement(store, {r["prop"] for r in rows})
    out: list[Contradiction] = []
    seen: set[tuple[str, str, str]] = set()
    for r in rows:
        key = (r["c"], r.get("a_c") or r["a_g"], r["prop"])
        if key in seen:
            continue  # one pair per denial and asserting claim or document
        seen.add(key)
        out.append(Contradiction(r["prop"], statements.get(r["prop"], r["prop"]),
                                 _view(r, docs, labels), _view(r, docs, labels, prefix="a_")))
    return out
