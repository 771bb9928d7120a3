"""Specs for kg.analytics (centrality of labs and models, lineage trees) and ``llmkg analytics``.

The store is built by hand, so every right answer is known:

* lab Alpha developed three models (M1, M2, M3), Beta two (M4, X1), Gamma none;
* one lineage: M1 is a member of family F1, M2 is fine-tuned from M1, M3 distilled from M2 (and
  from itself, a self loop that is ignored), M4 derived from M1: five members, root F1;
* a chain X2 -> X1 (successorOf) and a cycle C1 <-> C2 (derivedFrom);
* Beta is the only way from X1 and X2 to the rest, so it is the bridge between the two parts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.analytics import (
    KINDS,
    MEASURES,
    _pagerank,
    centrality,
    ecosystem_graph,
    lineage_graph,
    lineage_trees,
    summary,
)
from kg.errors import InvalidInputError
from kg.store import KGStore
from kg.stores import open_store
from llmkg.cli import app

ID = "https://w3id.org/llmkg/id/"
G1 = "https://w3id.org/llmkg/graph/a1"
G2 = "https://w3id.org/llmkg/graph/a2"
ALPHA, BETA, GAMMA = ID + "org/alpha", ID + "org/beta", ID + "org/gamma"
M1, M2, M3, M4 = (ID + f"model/m{i}" for i in range(1, 5))
F1, X1, X2, C1, C2 = (ID + f"model/{n}" for n in ("f1", "x1", "x2", "c1", "c2"))

DATA = f"""
PREFIX lk: <https://w3id.org/llmkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT DATA {{
  GRAPH <{G1}> {{
    <{ALPHA}> a lk:Organization ; rdfs:label "Alpha Labs" .
    <{BETA}> a lk:Organization ; rdfs:label "Beta AI" .
    <{GAMMA}> a lk:Organization ; rdfs:label "Gamma Org" .
    <{F1}> a lk:ModelFamily ; rdfs:label "F1" .
    <{M1}> a lk:Model ; rdfs:label "M1" ; lk:developedBy <{ALPHA}> ; lk:memberOfFamily <{F1}> .
    <{M2}> a lk:Model ; rdfs:label "M2" ; lk:developedBy <{ALPHA}> ; lk:fineTunedFrom <{M1}> .
    <{M3}> a lk:Model ; rdfs:label "M3" ; lk:developedBy <{ALPHA}> ; lk:distilledFrom <{M2}> ;
        lk:derivedFrom <{M3}> .
  }}
  GRAPH <{G2}> {{
    <{M2}> lk:developedBy <{ALPHA}> .
    <{M4}> a lk:Model ; rdfs:label "M4" ; lk:developedBy <{BETA}> ; lk:derivedFrom <{M1}> .
    <{X1}> a lk:Model ; rdfs:label "X1" ; lk:developedBy <{BETA}> .
    <{X2}> a lk:Model ; rdfs:label "X2" ; lk:successorOf <{X1}> .
    <{C1}> a lk:Model ; rdfs:label "C1" ; lk:derivedFrom <{C2}> .
    <{C2}> a lk:Model ; rdfs:label "C2" ; lk:derivedFrom <{C1}> .
  }}
}}
"""

runner = CliRunner()


@pytest.fixture
def hand() -> Iterator[KGStore]:
    """An in-memory store holding the hand-built ecosystem of the module docstring."""
    with open_store(None) as kg_store:
        kg_store.ox.update(DATA)
        yield kg_store


@pytest.fixture(scope="module")
def hand_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built ecosystem in a closed on-disk store, for the CLI."""
    path = tmp_path_factory.mktemp("analytics") / "store"
    with open_store(path) as kg_store:
        kg_store.ox.update(DATA)
    return path


# --------------------------------------------------------------------------- graphs


@pytest.mark.parametrize(("source", "target", "relations"), [
    (M1, F1, ("memberOfFamily",)), (M2, ALPHA, ("developedBy",)), (M4, M1, ("derivedFrom",))])
def test_analytics_ecosystem_graph_edges(hand: KGStore, source: str, target: str,
                                         relations: tuple[str, ...]) -> None:
    graph = ecosystem_graph(hand)
    assert graph.edges[source, target]["relations"] == relations


@pytest.mark.parametrize("node", [M3, C1])
def test_analytics_graphs_drop_self_loops(hand: KGStore, node: str) -> None:
    assert not ecosystem_graph(hand).has_edge(node, node)
    assert not lineage_graph(hand).has_edge(node, node)


@pytest.mark.parametrize(("node", "label", "kind"), [
    (GAMMA, "Gamma Org", "Organization"), (F1, "F1", "ModelFamily"), (M4, "M4", "Model")])
def test_analytics_ecosystem_graph_nodes(hand: KGStore, node: str, label: str, kind: str) -> None:
    data = ecosystem_graph(hand).nodes[node]
    assert (data["label"], data["type"]) == (label, kind)


@pytest.mark.parametrize("excluded", [ALPHA, BETA, GAMMA])
def test_analytics_lineage_graph_has_no_labs(hand: KGStore, excluded: str) -> None:
    assert excluded not in lineage_graph(hand)


# --------------------------------------------------------------------------- centrality


@pytest.mark.parametrize(("measure", "first"), [("degree", ALPHA), ("betweenness", BETA)])
def test_analytics_centrality_top_lab(hand: KGStore, measure: str, first: str) -> None:
    """Alpha has the most models (degree); Beta is the bridge (betweenness)."""
    ranked = centrality(hand, kind="lab", measure=measure)
    assert ranked[0].iri == first


@pytest.mark.parametrize("order", [[M1, M2, M3]])
def test_analytics_pagerank_ranks_bases_above_derivatives(hand: KGStore, order: list[str]) -> None:
    """Rank flows from a derivative to its base: M3 -> M2 -> M1."""
    scores = {r.iri: r.score for r in centrality(hand, kind="model", measure="pagerank", limit=100)}
    assert [scores[m] for m in order] == sorted((scores[m] for m in order), reverse=True)
    assert len({scores[m] for m in order}) == len(order)


@pytest.mark.parametrize(("lab", "other"), [(ALPHA, GAMMA), (BETA, GAMMA)])
def test_analytics_pagerank_lab_with_models_outranks_lab_without(hand: KGStore, lab: str,
                                                                 other: str) -> None:
    scores = {r.iri: r.score for r in centrality(hand, kind="lab", measure="pagerank")}
    assert scores[lab] > scores[other]


@pytest.mark.parametrize(("iri", "degree"), [(ALPHA, 3), (BETA, 2), (GAMMA, 0)])
def test_analytics_centrality_lab_degrees(hand: KGStore, iri: str, degree: int) -> None:
    ranked = {r.iri: r for r in centrality(hand, kind="lab")}
    assert ranked[iri].degree == degree
    assert ranked[iri].score == pytest.approx(degree / (ecosystem_graph(hand).number_of_nodes() - 1))


@pytest.mark.parametrize("measure", ["degree"])
def test_analytics_centrality_lab_order(hand: KGStore, measure: str) -> None:
    assert [r.label for r in centrality(hand, kind="lab", measure=measure)] == [
        "Alpha Labs", "Beta AI", "Gamma Org"]


@pytest.mark.parametrize(("measure", "first"), [("degree", M1), ("betweenness", M1)])
def test_analytics_centrality_top_model(hand: KGStore, measure: str, first: str) -> None:
    assert centrality(hand, kind="model", measure=measure)[0].iri == first


@pytest.mark.parametrize(("kind", "types"), [
    ("lab", {"Organization"}), ("model", {"Model", "ModelFamily"}),
    ("all", {"Organization", "Model", "ModelFamily"})])
def test_analytics_centrality_kind_selects_types(hand: KGStore, kind: str, types: set[str]) -> None:
    assert {r.type for r in centrality(hand, kind=kind, limit=100)} == types


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_analytics_centrality_limit(hand: KGStore, limit: int) -> None:
    assert len(centrality(hand, kind="all", limit=limit)) == limit


@pytest.mark.parametrize("measure", MEASURES)
def test_analytics_centrality_sorted_by_score(hand: KGStore, measure: str) -> None:
    scores = [r.score for r in centrality(hand, measure=measure, limit=100)]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("measure", ["pagerank"])
def test_analytics_pagerank_sums_to_one(hand: KGStore, measure: str) -> None:
    ranked = centrality(hand, measure=measure, limit=100)
    assert len(ranked) == ecosystem_graph(hand).number_of_nodes()
    assert sum(r.score for r in ranked) == pytest.approx(1.0)


@pytest.mark.parametrize("alpha", [0.85])
def test_analytics_pagerank_matches_networkx(hand: KGStore, alpha: float) -> None:
    pagerank_alg = pytest.importorskip("networkx.algorithms.link_analysis.pagerank_alg")
    reference = getattr(pagerank_alg, "_pagerank_python", None)
    if reference is None:
        pytest.skip("networkx has no pure-Python pagerank to compare with")
    graph = ecosystem_graph(hand)
    ours = _pagerank(graph, alpha=alpha)
    theirs = reference(graph, alpha=alpha, tol=1e-12)
    assert ours == pytest.approx(theirs, abs=1e-6)


@pytest.mark.parametrize("fields", [{"iri", "label", "type", "score", "degree"}])
def test_analytics_ranked_to_dict(hand: KGStore, fields: set[str]) -> None:
    (first,) = centrality(hand, kind="lab", limit=1)
    data = first.to_dict()
    assert set(data) == fields
    assert json.loads(json.dumps(data)) == data
    assert data["label"] == "Alpha Labs" and data["type"] == "Organization"


@pytest.mark.parametrize("kwargs", [
    {"kind": "robots"}, {"measure": "closeness"}, {"limit": 0}, {"limit": 10_001},
    {"limit": True}, {"limit": "5"}])
def test_analytics_centrality_rejects_bad_arguments(hand: KGStore, kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError):
        centrality(hand, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", KINDS)
def test_analytics_centrality_empty_store(mem_store: KGStore, kind: str) -> None:
    assert centrality(mem_store, kind=kind) == []


# --------------------------------------------------------------------------- lineage trees


@pytest.mark.parametrize(("expected"), [[
    (("F1",), ("F1", "M1", "M2", "M3", "M4")),
    (("C1", "C2"), ("C1", "C2")),
    (("X1",), ("X1", "X2")),
]])
def test_analytics_lineage_trees_roots_and_members(
        hand: KGStore, expected: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
    trees = lineage_trees(hand)
    assert [(tuple(r.label for r in t.roots), tuple(m.label for m in t.members)) for t in trees] \
        == expected


@pytest.mark.parametrize("edges", [{
    (M1, "memberOfFamily", F1), (M2, "fineTunedFrom", M1), (M3, "distilledFrom", M2),
    (M4, "derivedFrom", M1)}])
def test_analytics_lineage_tree_edges(hand: KGStore, edges: set[tuple[str, str, str]]) -> None:
    (largest, *_) = lineage_trees(hand)
    assert largest.size == 5
    assert {(e.source, e.relation, e.target) for e in largest.edges} == edges


@pytest.mark.parametrize(("min_size", "sizes"), [(1, [5, 2, 2]), (2, [5, 2, 2]), (3, [5]), (6, [])])
def test_analytics_lineage_trees_min_size(hand: KGStore, min_size: int, sizes: list[int]) -> None:
    assert [t.size for t in lineage_trees(hand, min_size=min_size)] == sizes


@pytest.mark.parametrize("min_size", [0, -1, True, "2"])
def test_analytics_lineage_trees_rejects_bad_min_size(hand: KGStore, min_size: object) -> None:
    with pytest.raises(InvalidInputError):
        lineage_trees(hand, min_size=min_size)  # type: ignore[arg-type]


@pytest.mark.parametrize("keys", [{"size", "roots", "members", "edges"}])
def test_analytics_lineage_tree_to_dict(hand: KGStore, keys: set[str]) -> None:
    data = lineage_trees(hand)[0].to_dict()
    assert set(data) == keys
    assert data["roots"] == [{"iri": F1, "label": "F1", "type": "ModelFamily"}]
    assert json.loads(json.dumps(data)) == data


# --------------------------------------------------------------------------- summary


@pytest.mark.parametrize("expected", [{
    "nodes": {"Model": 8, "ModelFamily": 1, "Organization": 3},
    "edges": {"derivedFrom": 3, "developedBy": 5, "distilledFrom": 1, "fineTunedFrom": 1,
              "memberOfFamily": 1, "successorOf": 1},
    "components": 3, "lineage_trees": 3, "largest_tree": 5}])
def test_analytics_summary(hand: KGStore, expected: dict[str, object]) -> None:
    """Components: {Alpha, Beta, the F1 tree, X1, X2}, {C1, C2} and the isolated Gamma."""
    assert summary(hand).to_dict() == expected


@pytest.mark.parametrize("expected", [
    {"nodes": {}, "edges": {}, "components": 0, "lineage_trees": 0, "largest_tree": 0}])
def test_analytics_summary_empty_store(mem_store: KGStore, expected: dict[str, object]) -> None:
    assert summary(mem_store).to_dict() == expected


# --------------------------------------------------------------------------- llmkg analytics


@pytest.mark.parametrize(("args", "first"), [
    (["--kind", "lab"], "Alpha Labs"), (["--kind", "lab", "--measure", "betweenness"], "Beta AI"),
    (["--kind", "model", "--measure", "pagerank"], "C1")])
def test_analytics_cli_centrality_table(hand_path: Path, args: list[str], first: str) -> None:
    result = runner.invoke(app, ["analytics", "centrality", "--store", str(hand_path), *args])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split()[:2] == ["rank", args[-1] if "--measure" in args else "degree"]
    assert rows and rows[0].split()[0] == "1"
    assert first in rows[0]


@pytest.mark.parametrize("args", [["--kind", "lab"], ["--measure", "pagerank", "--limit", "3"]])
def test_analytics_cli_centrality_json_matches_library(hand_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["analytics", "centrality", "--store", str(hand_path), "--json", *args])
    assert result.exit_code == 0, result.output
    options = dict(zip(args[::2], args[1::2], strict=True))
    with open_store(hand_path) as kg_store:
        expected = centrality(kg_store, kind=options.get("--kind", "all"),
                              measure=options.get("--measure", "degree"),
                              limit=int(options.get("--limit", 20)))
    assert json.loads(result.stdout) == [r.to_dict() for r in expected]


@pytest.mark.parametrize(("args", "sizes"), [([], [5, 2, 2]), (["--min-size", "3"], [5])])
def test_analytics_cli_trees_json(hand_path: Path, args: list[str], sizes: list[int]) -> None:
    result = runner.invoke(app, ["analytics", "trees", "--store", str(hand_path), "--json", *args])
    assert result.exit_code == 0, result.output
    assert [t["size"] for t in json.loads(result.stdout)] == sizes


@pytest.mark.parametrize("lines", [[
    "tree 1: 5 members, 4 edges; roots: F1", "  M1 --memberOfFamily--> F1",
    "tree 2: 2 members, 2 edges; roots: C1, C2", "tree 3: 2 members, 1 edges; roots: X1"]])
def test_analytics_cli_trees_table(hand_path: Path, lines: list[str]) -> None:
    result = runner.invoke(app, ["analytics", "trees", "--store", str(hand_path)])
    assert result.exit_code == 0, result.output
    for line in lines:
        assert line in result.stdout.splitlines()


@pytest.mark.parametrize("key", ["largest_tree"])
def test_analytics_cli_summary(hand_path: Path, key: str) -> None:
    result = runner.invoke(app, ["analytics", "summary", "--store", str(hand_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[key] == 5
    table = runner.invoke(app, ["analytics", "summary", "--store", str(hand_path)])
    assert table.exit_code == 0 and key in table.stdout


@pytest.mark.parametrize(("args", "code"), [
    (["centrality", "--kind", "robots"], 2), (["centrality", "--measure", "closeness"], 2),
    (["centrality", "--limit", "0"], 2), (["trees", "--min-size", "0"], 2)])
def test_analytics_cli_error_is_one_line(hand_path: Path, args: list[str], code: int) -> None:
    result = runner.invoke(app, ["analytics", args[0], "--store", str(hand_path), *args[1:]])
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr


@pytest.mark.parametrize("command", ["centrality", "trees", "summary"])
def test_analytics_cli_missing_store_is_one_error_line(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, ["analytics", command, "--store", str(tmp_path / "nope")])
    assert result.exit_code == 4
    assert result.stderr.startswith("error: no store at")
