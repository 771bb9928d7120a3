"""Claims and contradictions (kg.claims, ``llmkg claims``), on project fixtures and on the seeds.

Fixtures (tests/data/claims): an essay saying Brisa-4 does not exist yet, a launch post stating
its release, and a news piece with an allegation and its denial.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from ingest.pipeline import run_ingest
from kg.claims import claims, contradictions
from kg.errors import NotFoundError
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from llmkg.cli import app


@pytest.fixture(scope="module")
def claims_path(data_dir: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The claims fixtures ingested into a store, closed (so the CLI can open it)."""
    path = tmp_path_factory.mktemp("claims") / "store"
    with open_store(path) as store:
        report = run_ingest([data_dir / "claims"], settings=Settings(store=path), store=store, nlp=nlp)
        assert report.failed == []
    return path


@pytest.fixture
def claims_store(claims_path: Path) -> Iterator[tuple[Path, KGStore]]:
    with open_store(claims_path) as kg:
        yield claims_path, kg


def _sources(views: list) -> set[str]:
    return {Path(v.source.source).name for v in views}


def test_claims_release_denial_contradicts_the_launch_post(claims_store: tuple[Path, KGStore]) -> None:
    _, store = claims_store
    pairs = [p for p in contradictions(store) if p.statement == "Brisa-4 · released · true"]
    assert len(pairs) == 1
    [pair] = pairs
    assert pair.denial.stance == "denies"
    assert Path(pair.denial.source.source).name == "essay.txt"
    assert "no such model has been announced or released" in pair.denial.source.quote
    assert pair.denial.claimant_label.startswith("the author of")
    assert Path(pair.assertion.source.source).name == "launch.md"
    assert "releases Brisa-4" in pair.assertion.source.quote or "released Brisa-4" in pair.assertion.source.quote


def test_claims_allegation_and_denial_meet_on_one_proposition(claims_store: tuple[Path, KGStore]) -> None:
    _, store = claims_store
    pairs = [p for p in contradictions(store) if p.denial.claimant_label == "Marta Quintal"]
    assert pairs, [p.to_dict() for p in contradictions(store)]
    assert {p.assertion.claimant_label.lower() for p in pairs} == {"a former quillfeather labs engineer"}
    assert {p.assertion.stance for p in pairs} == {"asserts"}


def test_claims_denied_model_gets_no_facts_from_the_essay(claims_store: tuple[Path, KGStore]) -> None:
    _, store = claims_store
    rows = store.select("""SELECT ?p ?src WHERE { GRAPH ?g { ?b rdfs:label "Brisa-4" ; ?p ?o .
        FILTER(?p IN (lk:successorOf, lk:released, lk:developedBy)) }
        GRAPH ?m { ?d lk:documentGraph ?g ; dcterms:source ?src } }""")
    assert rows and {Path(r["src"]).name for r in rows} == {"launch.md"}


@pytest.mark.parametrize(("about", "stance", "expected"), [
    ("Brisa-4 Large", None, {"dispute.txt"}),
    ("Brisa-4", "speculates", {"essay.txt"}),
    ("Marta Quintal", None, {"dispute.txt"}),
    (None, "denies", {"essay.txt", "dispute.txt"}),
])
def test_claims_filtered_by_entity_and_stance(claims_store: tuple[Path, KGStore], about: str | None,
                                              stance: str | None, expected: set[str]) -> None:
    _, store = claims_store
    found = claims(store, about, stance=stance)
    assert found and _sources(found) == expected
    if stance:
        assert {c.stance for c in found} == {stance}


def test_claims_about_unknown_entity_is_not_found(claims_store: tuple[Path, KGStore]) -> None:
    _, store = claims_store
    with pytest.raises(NotFoundError):
        claims(store, "Nonexistent Model 9")


def test_claims_cli_contradictions_prints_both_sources(claims_path: Path) -> None:
    path = claims_path
    result = CliRunner().invoke(app, ["claims", "--store", str(path), "--contradictions", "--json"])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)
    release = [p for p in pairs if p["statement"] == "Brisa-4 · released · true"]
    assert [Path(p["denial"]["source"]["source"]).name for p in release] == ["essay.txt"]
    assert [Path(p["assertion"]["source"]["source"]).name for p in release] == ["launch.md"]
    text = CliRunner().invoke(app, ["claims", "--store", str(path), "--contradictions"])
    assert text.exit_code == 0 and "essay.txt" in text.stdout and "launch.md" in text.stdout


@pytest.mark.parametrize(("args", "code"), [(["--stance", "maybe"], 2), (["No Such Model 9"], 3)])
def test_claims_cli_bad_input(claims_path: Path, args: list[str], code: int) -> None:
    path = claims_path
    result = CliRunner().invoke(app, ["claims", "--store", str(path), *args])
    assert result.exit_code == code
    assert result.stderr.startswith("error:")


@pytest.fixture(scope="module")
def seeds_store(seeds_dir: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[KGStore]:
    path = tmp_path_factory.mktemp("seeds") / "store"
    with open_store(path) as store:
        run_ingest([seeds_dir], settings=Settings(store=path), store=store, nlp=nlp)
    kg = open_store(path)
    yield kg
    kg.close()


def test_claims_seed_essay_contradicts_the_release_reports(seeds_store: KGStore) -> None:
    """Seed 000 says Llama 4 does not exist; 001 and 003 describe its release: both kept."""
    pairs = [p for p in contradictions(seeds_store, "Llama 4") if p.statement == "Llama 4 · released · true"]
    denials = {Path(p.denial.source.source).name[:3] for p in pairs}
    assertions = {Path(p.assertion.source.source).name[:3] for p in pairs}
    assert denials == {"000"}
    assert {"001", "003"} <= assertions
