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

from .lineage import Source, resolve_entity
from .store import KGStore
from .terms import META_GRAPH, is_safe_iri

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


#: every evidence node has a position selector (ingest.to_rdf writes one with each quote), so it
#: is joined, not OPTIONAL: Oxigraph evaluates such an OPTIONAL over every selector of every graph
#: before joining (280 ms instead of 20 ms per claims lookup on a 1M-quad store, bench/)
_CLAIM_FIELDS = """?c a lk:Claim ; lk:claimant ?who ; lk:stance ?stance ; lk:evidence ?ev .
    ?ev oa:hasSelector ?sel . ?sel oa:exact ?quote .
    ?ev oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
    OPTIONAL {{ ?c lk:claimText ?text }} OPTIONAL {{ ?c lk:proposition ?prop }}"""


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


def _claim_filter(store: KGStore, about: str | None, stance: str | None, *,
                  claimant: bool = True) -> tuple[str, str] | None:
    """The pattern put before the claim fields and the filter after them; None when no claim
    can match. ``claimant=False`` keeps claims about the entity only, not those it makes.

    Claims about an entity are found first, by IRI, and then named in a ``VALUES`` inside the
    graph pattern: one query joining the entity to the claim fields makes Oxigraph evaluate the
    fields of every claim in the store first (327 ms instead of about 1 ms per lookup at 1M quads).
    A claim's IRI names its document, so each claim is in one graph.
    """
    head = tail = ""
    if about is not None:
        target = resolve_entity(store, about).iri
        if not is_safe_iri(target):
            return None
        made = f"UNION {{ ?c lk:claimant <{target}> }}" if claimant else ""
        ids = sorted({r["c"] for r in store.select(
            f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ {{ ?c lk:about <{target}> }} {made} }} }}")
            if is_safe_iri(r["c"])})
        if not ids:
            return None
        head = "VALUES ?c { " + " ".join(f"<{c}>" for c in ids) + " }"
    if stance is not None:
        if not is_safe_iri(LK + stance):
            return None
        tail = f"FILTER(?stance = <{LK + stance}>)"
    return head, tail


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
    chosen = _claim_filter(store, about, stance)
    if chosen is None:
        return []
    head, tail = chosen
    rows = store.select(f"""SELECT DISTINCT ?g ?c ?who ?stance ?text ?prop ?quote ?start ?end
        WHERE {{ GRAPH ?g {{ {head} {_CLAIM_FIELDS.format()} {tail} }} }}
        ORDER BY ?g ?start ?c LIMIT {int(limit)} OFFSET {int(offset)}""")
    docs = _doc_info(store, {r["g"] for r in rows})
    labels = _labels(store, {r["who"] for r in rows})
    return [_view(r, docs, labels) for r in rows]


def count_claims(store: KGStore, about: str | None = None, *, stance: str | None = None) -> int:
    """How many claims :func:`claims` would list with no limit."""
    chosen = _claim_filter(store, about, stance)
    if chosen is None:
        return 0
    head, tail = chosen
    rows = store.select(f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?c ?who ?stance ?text
        ?prop ?quote ?start ?end WHERE {{ GRAPH ?g {{ {head} {_CLAIM_FIELDS.format()} {tail} }} }} }}""")
    return int(rows[0]["n"]) if rows else 0


def _statement(store: KGStore, props: set[str]) -> dict[str, str]:
    """A readable form of each proposition: "Llama 4 · released · true" or its topic."""
    if not props:
        return {}
    values = " ".join(f"<{p}>" for p in sorted(props))
    # two plain lookups by IRI: OPTIONALs after the VALUES made Oxigraph read every reified
    # statement of the store (139 ms at 1M quads)
    triples = {r["p"]: r for r in store.select(f"""SELECT ?p ?s ?pred ?o WHERE {{ VALUES ?p {{ {values} }}
        ?p rdf:subject ?s ; rdf:predicate ?pred ; rdf:object ?o }}""")}
    topics = {r["p"]: r["topic"] for r in store.select(f"""SELECT ?p ?topic WHERE {{ VALUES ?p {{ {values} }}
        ?p rdfs:comment ?topic }}""")}
    objects = {r["o"] for r in triples.values() if isinstance(r["o"], str) and r["o"].startswith("http")}
    labels = _labels(store, {r["s"] for r in triples.values()} | objects)
    out = {}
    for p in props:
        r = triples.get(p)
        if r is not None:
            obj = r["o"]
            obj = labels.get(obj, obj) if isinstance(obj, str) else str(obj).lower()
            out[p] = f"{labels.get(r['s'], r['s'])} · {r['pred'].removeprefix(LK)} · {obj}"
        else:
            out[p] = topics.get(p) or p
    return out


_ASSERTING_CLAIMS = """SELECT ?prop ?a_g ?a_c ?a_who ?a_stance ?a_text ?a_quote ?a_start ?a_end WHERE {
    GRAPH ?a_g { VALUES ?prop { PROPS }
                 ?a_c a lk:Claim ; lk:proposition ?prop ; lk:claimant ?a_who ; lk:stance ?a_stance ;
                      lk:evidence ?a_ev .
                 ?a_ev oa:hasSelector ?a_sel . ?a_sel oa:exact ?a_quote .
                 ?a_ev oa:hasSelector ?a_pos . ?a_pos oa:start ?a_start ; oa:end ?a_end .
                 OPTIONAL { ?a_c lk:claimText ?a_text } }
    FILTER(?a_stance IN (lk:asserts, lk:acknowledges)) }"""
_STATED_TRIPLES = """SELECT ?prop ?s ?p ?o WHERE { VALUES ?prop { PROPS }
    ?prop rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"""
_STATING_EVIDENCE = """SELECT ?s ?p ?o ?a_g ?a_quote ?a_start ?a_end WHERE {
    GRAPH ?a_g { VALUES (?s ?p ?o) { TRIPLES } ?s ?p ?o .
                 ?a_ev a lk:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                       oa:hasSelector ?a_sel . ?a_sel oa:exact ?a_quote .
                 ?a_ev oa:hasSelector ?a_pos . ?a_pos oa:start ?a_start ; oa:end ?a_end } }"""


def contradictions(store: KGStore, about: str | None = None) -> list[Contradiction]:
    """Pairs of a denial and an assertion of the same proposition, each with its source.

    The assertion is another claim (stance ``asserts`` or ``acknowledges``) on the same
    proposition, or a document that states the proposition's triple as a fact.

    Found in steps joined here, each a lookup by IRI (denials, then the claims and the stated
    facts of their propositions): as one query, Oxigraph joined every claim of the store to every
    other (6 s per lookup at 1M quads; about 1 ms in steps, docs/performance.md).
    """
    chosen = _claim_filter(store, about, None, claimant=False)
    if chosen is None:
        return []
    head, _ = chosen
    denials = store.select(f"""SELECT DISTINCT ?g ?c ?who ?stance ?text ?prop ?quote ?start ?end WHERE {{
        GRAPH ?g {{ {head} {_CLAIM_FIELDS.format()} FILTER(?stance = lk:denies && BOUND(?prop)) }} }}""")
    props = sorted({r["prop"] for r in denials if is_safe_iri(r["prop"])})
    asserting: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(props), 200):
        values = " ".join(f"<{p}>" for p in props[i:i + 200])
        for r in store.select(_ASSERTING_CLAIMS.replace("PROPS", values)):
            asserting.setdefault(r["prop"], []).append(r)
        # a document stating the proposition's triple as a fact in its own voice
        stated: dict[tuple[str, str, str], list[str]] = {}
        for sol in store.query(_STATED_TRIPLES.replace("PROPS", values)):
            stated.setdefault((str(sol["s"]), str(sol["p"]), str(sol["o"])), []).append(sol["prop"].value)
        if stated:
            triples = " ".join(f"({s} {p} {o})" for s, p, o in stated)
            for sol in store.query(_STATING_EVIDENCE.replace("TRIPLES", triples)):
                key = (str(sol["s"]), str(sol["p"]), str(sol["o"]))
                row = {"a_g": sol["a_g"].value, "a_quote": sol["a_quote"].value, "a_stance": LK + "asserts",
                       "a_start": int(sol["a_start"].value), "a_end": int(sol["a_end"].value)}
                for prop in stated.get(key, []):
                    asserting.setdefault(prop, []).append({**row, "prop": prop})
    rows = [{**d, **a} for d in denials for a in asserting.get(d["prop"], [])]
    # asserting claims first, then stated facts, each by document and position
    # (claim IRIs break ties: two claims of one sentence come in one order from every store)
    rows.sort(key=lambda r: (not r.get("a_c"), r["g"], r.get("start") or 0, r["a_g"], r.get("a_start") or 0,
                             r.get("c") or "", r.get("a_c") or ""))
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
