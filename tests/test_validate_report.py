"""``llmkg validate``: SHACL findings grouped by shape and message, with counts and labels
(issue 17, item 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace
from typer.testing import CliRunner

from kg.validate import validate_graph
from llmkg.cli import app

LK = Namespace("https://w3id.org/llmkg/ontology#")
ID = Namespace("https://w3id.org/llmkg/id/model/")

pytestmark = pytest.mark.issue(17)


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    """Three models without a developer (one finding, three entities) and one with two labels
    (a violation)."""
    g = Graph()
    for slug, label in (("kestrel-3", "Kestrel-3"), ("brisa-2", "Brisa-2"), ("corra-7b", "Corra-7B")):
        g.add((ID[slug], RDF.type, LK.Model))
        g.add((ID[slug], RDFS.label, Literal(label)))
    g.add((ID["corra-7b"], RDFS.label, Literal("Corra 7B")))
    return validate_graph(g)


def test_validate_groups_one_finding_over_its_entities(report) -> None:  # type: ignore[no-untyped-def]
    group = next(f for f in report.findings if f.path == "lk:developedBy")
    assert (group.severity, group.shape, group.constraint, group.count) == ("Warning", "ModelShape", "MinCount", 3)
    assert [n.label for n in group.focus] == sorted([n.label for n in group.focus], key=str.lower)
    assert {n.label for n in group.focus} >= {"Kestrel-3", "Brisa-2"}


def test_validate_lists_violations_first(report) -> None:  # type: ignore[no-untyped-def]
    assert not report.conforms and report.violations >= 1
    assert report.findings[0].severity == "Violation"
    assert report.findings[0].path == "rdfs:label"


def test_validate_group_counts_add_up_to_the_totals(report) -> None:  # type: ignore[no-untyped-def]
    assert sum(f.count for f in report.findings) == report.violations + report.warnings


def test_validate_cli_json_and_text(corpus_store_dir: Path) -> None:
    runner = CliRunner()
    as_json = runner.invoke(app, ["validate", "--store", str(corpus_store_dir), "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["conforms"] is True and data["findings"]
    assert sum(f["count"] for f in data["findings"]) == data["violations"] + data["warnings"]
    text = runner.invoke(app, ["validate", "--store", str(corpus_store_dir)]).stdout
    first = data["findings"][0]
    assert f"warning ×{first['count']}  {first['message']}" in text
    assert first["focus"][0]["label"] in text
