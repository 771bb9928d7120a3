"""Contract tests for the ontology package: OWL terms, SHACL shapes, JSON-LD context, kg/vocab.py.

The lists below restate the fixed contract of the design notes (ontology.md): a term that goes
missing or changes kind must fail here, not in a user's SPARQL query.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

import ontology
from kg import vocab
from kg.vocab import FAIR4ML, LK, MLS, OA, SCHEMA, WD, WDT

ROOT = Path(__file__).resolve().parent.parent
GEN_VOCAB = ROOT / "scripts" / "gen_vocab.py"
ID = "https://w3id.org/llmkg/id/"
DOC = URIRef("https://w3id.org/llmkg/doc/0f3a")
STANCES = ("asserts", "denies", "speculates", "reports", "acknowledges")

# The fixed contract: every term, with the OWL type it must be declared with.
CONTRACT_CLASSES = (
    "Agent",
    "Benchmark",
    "BenchmarkResult",
    "BlogPost",
    "Claim",
    "Document",
    "Evidence",
    "Hardware",
    "Model",
    "ModelCard",
    "ModelFamily",
    "NewsArticle",
    "Organization",
    "Paper",
    "Person",
    "Proposition",
    "Stance",
    "UnnamedAgent",
    "WebPage",
)
CONTRACT_OBJECT_PROPERTIES = (
    "about",
    "adapterOf",
    "claimant",
    "derivedFrom",
    "developedBy",
    "distilledFrom",
    "documentGraph",
    "employer",
    "evaluatedModel",
    "evidence",
    "fineTunedFrom",
    "fitsOn",
    "memberOfFamily",
    "mergedFrom",
    "onBenchmark",
    "proposition",
    "publisher",
    "quantizedFrom",
    "reportedBy",
    "stance",
    "successorOf",
)
CONTRACT_DATATYPE_PROPERTIES = (
    "activeParameters",
    "claimText",
    "confidence",
    "contentHash",
    "contextWindowTokens",
    "extractionRule",
    "extractorVersion",
    "jobTitle",
    "license",
    "metric",
    "releaseDate",
    "score",
    "totalParameters",
)
CONTRACT_TERMS = (
    [(name, OWL.Class) for name in CONTRACT_CLASSES]
    + [(name, OWL.ObjectProperty) for name in CONTRACT_OBJECT_PROPERTIES]
    + [(name, OWL.DatatypeProperty) for name in CONTRACT_DATATYPE_PROPERTIES]
    + [(name, LK.Stance) for name in STANCES]
)

# Hierarchy and mappings to public vocabularies (ontology.md, "Mapping to public vocabularies").
AXIOMS = (
    (LK.Agent, RDFS.subClassOf, PROV.Agent),
    (LK.Organization, RDFS.subClassOf, LK.Agent),
    (LK.Person, RDFS.subClassOf, LK.Agent),
    (LK.UnnamedAgent, RDFS.subClassOf, LK.Agent),
    (LK.Document, RDFS.subClassOf, PROV.Entity),
    (LK.NewsArticle, RDFS.subClassOf, LK.Document),
    (LK.Paper, RDFS.subClassOf, LK.Document),
    (LK.ModelCard, RDFS.subClassOf, LK.Document),
    (LK.BlogPost, RDFS.subClassOf, LK.Document),
    (LK.WebPage, RDFS.subClassOf, LK.Document),
    (LK.Evidence, RDFS.subClassOf, OA.Annotation),
    (LK.Evidence, RDFS.subClassOf, RDF.Statement),
    (LK.Model, SKOS.closeMatch, WD.Q115305900),
    (LK.Model, SKOS.closeMatch, FAIR4ML.MLModel),
    (LK.Model, SKOS.closeMatch, MLS.Model),
    (LK.Claim, SKOS.closeMatch, SCHEMA.Claim),
    (LK.NewsArticle, SKOS.closeMatch, SCHEMA.NewsArticle),
    (LK.Paper, SKOS.closeMatch, SCHEMA.ScholarlyArticle),
    (LK.developedBy, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (LK.developedBy, SKOS.closeMatch, WDT.P178),
    (LK.successorOf, SKOS.closeMatch, WDT.P155),
    (LK.successorOf, SKOS.closeMatch, SCHEMA.successorOf),
    (LK.memberOfFamily, SKOS.closeMatch, WDT.P179),
    (LK.derivedFrom, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (LK.derivedFrom, SKOS.closeMatch, WDT.P144),
    (LK.distilledFrom, RDFS.subPropertyOf, LK.derivedFrom),
    (LK.fineTunedFrom, RDFS.subPropertyOf, LK.derivedFrom),
    (LK.quantizedFrom, RDFS.subPropertyOf, LK.derivedFrom),
    (LK.mergedFrom, RDFS.subPropertyOf, LK.derivedFrom),
    (LK.adapterOf, RDFS.subPropertyOf, LK.derivedFrom),
    (LK.fineTunedFrom, SKOS.exactMatch, FAIR4ML.fineTunedFrom),
    (LK.employer, SKOS.closeMatch, WDT.P108),
    (LK.employer, SKOS.closeMatch, SCHEMA.worksFor),
    (LK.releaseDate, SKOS.closeMatch, WDT.P577),
)

VALID_DATA = """
@prefix lk: <https://w3id.org/llmkg/ontology#> .
@prefix benchmark: <https://w3id.org/llmkg/id/benchmark/> .
@prefix claim: <https://w3id.org/llmkg/id/claim/> .
@prefix evidence: <https://w3id.org/llmkg/id/evidence/> .
@prefix model: <https://w3id.org/llmkg/id/model/> .
@prefix org: <https://w3id.org/llmkg/id/org/> .
@prefix person: <https://w3id.org/llmkg/id/person/> .
@prefix proposition: <https://w3id.org/llmkg/id/proposition/> .
@prefix result: <https://w3id.org/llmkg/id/result/> .
@prefix hardware: <https://w3id.org/llmkg/id/hardware/> .
@prefix agent: <https://w3id.org/llmkg/id/agent/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

org:meta a lk:Organization ; rdfs:label "Meta" .
person:ahmad-al-dahle a lk:Person ; rdfs:label "Ahmad Al-Dahle" ;
    lk:employer org:meta ; lk:jobTitle "VP of generative AI" .
agent:a-supposed-meta-whistleblower a lk:UnnamedAgent ;
    rdfs:label "a supposed Meta whistleblower" .
model:llama-4 a lk:ModelFamily ; rdfs:label "Llama 4" ; lk:developedBy org:meta .
model:llama-4-behemoth a lk:Model ; rdfs:label "Llama 4 Behemoth" ; lk:developedBy org:meta .
model:llama-4-scout a lk:Model ;
    rdfs:label "Llama 4 Scout" ;
    skos:altLabel "Scout", "Llama-4-Scout" ;
    lk:developedBy org:meta ;
    lk:memberOfFamily model:llama-4 ;
    lk:distilledFrom model:llama-4-behemoth ;
    lk:fitsOn hardware:h100 ;
    lk:totalParameters 109000000000 ;
    lk:activeParameters 17000000000 ;
    lk:contextWindowTokens 10000000 ;
    lk:releaseDate "2025-04-05"^^xsd:date ;
    lk:license "Llama 4 Community License" .
hardware:h100 a lk:Hardware ; rdfs:label "H100" .
benchmark:mmlu a lk:Benchmark ; rdfs:label "MMLU" .

result:1 a lk:BenchmarkResult ;
    lk:evaluatedModel model:llama-4-scout ;
    lk:onBenchmark benchmark:mmlu ;
    lk:score 79.6 ;
    lk:metric "accuracy" ;
    lk:reportedBy org:meta ;
    lk:confidence 0.9 ;
    lk:evidence evidence:1 .

proposition:1 a lk:Proposition ;
    rdf:subject org:meta ;
    rdf:predicate lk:trainedOnTestSets ;
    rdf:object model:llama-4-scout .
claim:1 a lk:Claim ;
    lk:claimant person:ahmad-al-dahle ;
    lk:stance lk:denies ;
    lk:about model:llama-4-scout ;
    lk:proposition proposition:1 ;
    lk:claimText "We would never train on test sets." ;
    lk:confidence 0.8 ;
    lk:evidence evidence:1 .

<https://w3id.org/llmkg/doc/0f3a> a lk:NewsArticle ;
    dcterms:title "Meta denies training Llama 4 on test sets" ;
    dcterms:source <https://example.org/news/llama-4> ;
    dcterms:date "2025-04-07"^^xsd:date ;
    prov:generatedAtTime "2025-05-01T12:00:00Z"^^xsd:dateTime ;
    lk:publisher org:meta ;
    lk:contentHash "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    lk:extractorVersion "0.1.0" ;
    lk:documentGraph <https://w3id.org/llmkg/graph/0f3a> .

evidence:1 a lk:Evidence ;
    rdf:subject model:llama-4-scout ;
    rdf:predicate lk:distilledFrom ;
    rdf:object model:llama-4-behemoth ;
    oa:hasSource <https://w3id.org/llmkg/doc/0f3a> ;
    lk:extractionRule "distilled_from.v1" ;
    oa:hasSelector
        [ a oa:TextPositionSelector ; oa:start 120 ; oa:end 164 ] ,
        [ a oa:TextQuoteSelector ; oa:exact "Scout was distilled from Behemoth" ;
          oa:prefix "Meta said " ; oa:suffix "." ] .
"""


@cache
def _ontology() -> Graph:
    """Parse the ontology once per session (also used at collection time)."""
    return Graph().parse(ontology.ontology_path(), format="turtle")


@cache
def _declared(rdf_type: URIRef) -> tuple[URIRef, ...]:
    """Return the lk: terms the ontology declares with ``rdf_type``, sorted."""
    return tuple(
        sorted(
            term
            for term in _ontology().subjects(RDF.type, rdf_type)
            if isinstance(term, URIRef) and term.startswith(ontology.NAMESPACE)
        )
    )


def _all_terms() -> list[URIRef]:
    """Return every declared lk: class, property and named individual."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return sorted({term for kind in kinds for term in _declared(kind)})


def _local(term: URIRef) -> str:
    """Return the local name of an lk: term, for test ids."""
    return term.removeprefix(ontology.NAMESPACE)


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    """The parsed OWL ontology, ontology/llmkg.ttl."""
    return _ontology()


@pytest.fixture(scope="module")
def shapes_graph() -> Graph:
    """The parsed SHACL shapes, ontology/shapes.ttl."""
    return Graph().parse(ontology.shapes_path(), format="turtle")


@pytest.fixture(scope="module")
def context() -> dict[str, Any]:
    """The JSON-LD context, as the dict under "@context" in ontology/context.jsonld."""
    document = json.loads(ontology.context_path().read_text(encoding="utf-8"))
    return dict(document["@context"])


@pytest.fixture()
def valid_data() -> Graph:
    """A small data graph that uses every class and satisfies every shape, warnings included."""
    return Graph().parse(data=VALID_DATA, format="turtle")


def _validate(
    data: Graph, shapes: Graph, ont: Graph, *, allow_warnings: bool = False
) -> tuple[bool, Graph]:
    """Validate ``data`` the way the project does: ontology as ont_graph, RDFS inference."""
    conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ont,
        inference="rdfs",
        allow_warnings=allow_warnings,
    )
    assert isinstance(report, Graph)
    return bool(conforms), report


# --- files and package -------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ontology.ontology_path(), ontology.shapes_path()], ids=str)
def test_ontology_turtle_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


@pytest.mark.parametrize(
    "locate", [ontology.ontology_path, ontology.shapes_path, ontology.context_path]
)
def test_ontology_package_locates_file(locate: Callable[[], Path]) -> None:
    assert locate().is_file()


@pytest.mark.parametrize("module", [ontology, vocab], ids=lambda m: m.__name__)
def test_ontology_all_is_sorted_and_complete(module: Any) -> None:
    assert module.__all__ == sorted(module.__all__)
    assert all(hasattr(module, name) for name in module.__all__)


@pytest.mark.parametrize("version", ["0.1.0"])
def test_ontology_declares_version(ontology_graph: Graph, version: str) -> None:
    header = URIRef(ontology.ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology_graph
    assert ontology_graph.value(header, OWL.versionInfo) == Literal(version)
    assert ontology_graph.value(header, DCTERMS.title) is not None


# --- terms -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "rdf_type"), CONTRACT_TERMS, ids=[n for n, _ in CONTRACT_TERMS])
def test_ontology_declares_contract_term(
    ontology_graph: Graph, name: str, rdf_type: URIRef
) -> None:
    assert (URIRef(ontology.NAMESPACE + name), RDF.type, rdf_type) in ontology_graph


@pytest.mark.parametrize("term", _all_terms(), ids=_local)
def test_ontology_term_has_one_english_label(ontology_graph: Graph, term: URIRef) -> None:
    labels = list(ontology_graph.objects(term, RDFS.label))
    assert len(labels) == 1
    assert isinstance(labels[0], Literal) and labels[0].language == "en"


@pytest.mark.parametrize("term", _all_terms(), ids=_local)
def test_ontology_term_has_english_comment(ontology_graph: Graph, term: URIRef) -> None:
    comments = [c for c in ontology_graph.objects(term, RDFS.comment) if isinstance(c, Literal)]
    assert [c for c in comments if c.language == "en" and str(c).strip()]


@pytest.mark.parametrize("axiom", AXIOMS, ids=lambda a: f"{_local(a[0])}-{a[2].n3()}")
def test_ontology_states_hierarchy_and_mapping(
    ontology_graph: Graph, axiom: tuple[URIRef, URIRef, URIRef]
) -> None:
    assert axiom in ontology_graph


@pytest.mark.parametrize("stance", STANCES)
def test_ontology_stance_is_named_individual(ontology_graph: Graph, stance: str) -> None:
    assert (LK[stance], RDF.type, OWL.NamedIndividual) in ontology_graph


@pytest.mark.parametrize("cls", _declared(OWL.Class), ids=_local)
def test_ontology_class_has_node_shape(shapes_graph: Graph, cls: URIRef) -> None:
    shapes = set(shapes_graph.subjects(SH.targetClass, cls))
    assert any((shape, RDF.type, SH.NodeShape) in shapes_graph for shape in shapes)


# --- kg/vocab.py -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--check"]])
def test_ontology_vocab_is_up_to_date(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, str(GEN_VOCAB), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("stale", ["", '"""An old kg/vocab.py."""\n'])
def test_ontology_vocab_check_reports_stale_file(tmp_path: Path, stale: str) -> None:
    output = tmp_path / "vocab.py"
    output.write_text(stale, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(GEN_VOCAB), "--check", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "+class LK(DefinedNamespace):" in result.stdout
    assert output.read_text(encoding="utf-8") == stale


@pytest.mark.parametrize("term", _all_terms(), ids=_local)
def test_ontology_vocab_has_term(term: URIRef) -> None:
    assert getattr(LK, _local(term)) == term


@pytest.mark.parametrize("typo", ["relaseDate", "Modle", "developedby"])
def test_ontology_vocab_rejects_unknown_term(typo: str) -> None:
    with pytest.raises(AttributeError):
        getattr(LK, typo)


# --- JSON-LD context ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["lk", "rdfs", "skos", "prov", "oa", "dcterms", "xsd", "schema"])
def test_ontology_context_binds_prefix(context: dict[str, Any], prefix: str) -> None:
    assert isinstance(context[prefix], str) and context[prefix].endswith(("#", "/"))


@pytest.mark.parametrize("term", _all_terms(), ids=_local)
def test_ontology_context_names_term(context: dict[str, Any], term: URIRef) -> None:
    definition = context[_local(term)]
    iri = definition if isinstance(definition, str) else definition["@id"]
    assert iri == f"lk:{_local(term)}"


MODEL = URIRef(ID + "model/llama-4-scout")
JSONLD_CASES = [
    pytest.param(
        {
            "@id": str(MODEL),
            "@type": "Model",
            "label": "Llama 4 Scout",
            "altLabel": ["Scout"],
            "totalParameters": 109000000000,
            "activeParameters": 17000000000,
            "releaseDate": "2025-04-05",
            "developedBy": ID + "org/meta",
            "distilledFrom": ID + "model/llama-4-behemoth",
        },
        {
            (MODEL, RDF.type, LK.Model),
            (MODEL, RDFS.label, Literal("Llama 4 Scout")),
            (MODEL, SKOS.altLabel, Literal("Scout")),
            (MODEL, LK.totalParameters, Literal(109000000000)),
            (MODEL, LK.activeParameters, Literal(17000000000)),
            (MODEL, LK.releaseDate, Literal("2025-04-05", datatype=XSD.date)),
            (MODEL, LK.developedBy, URIRef(ID + "org/meta")),
            (MODEL, LK.distilledFrom, URIRef(ID + "model/llama-4-behemoth")),
        },
        id="model",
    ),
    pytest.param(
        {
            "@id": ID + "claim/1",
            "@type": "Claim",
            "claimant": ID + "person/ahmad-al-dahle",
            "stance": "denies",
            "confidence": "0.8",
        },
        {
            (URIRef(ID + "claim/1"), RDF.type, LK.Claim),
            (URIRef(ID + "claim/1"), LK.claimant, URIRef(ID + "person/ahmad-al-dahle")),
            (URIRef(ID + "claim/1"), LK.stance, LK.denies),
            (URIRef(ID + "claim/1"), LK.confidence, Literal(Decimal("0.8"))),
        },
        id="claim",
    ),
    pytest.param(
        {
            "@id": ID + "result/1",
            "@type": "BenchmarkResult",
            "evaluatedModel": str(MODEL),
            "onBenchmark": ID + "benchmark/mmlu",
            "score": "79.6",
            "metric": "accuracy",
        },
        {
            (URIRef(ID + "result/1"), RDF.type, LK.BenchmarkResult),
            (URIRef(ID + "result/1"), LK.evaluatedModel, MODEL),
            (URIRef(ID + "result/1"), LK.onBenchmark, URIRef(ID + "benchmark/mmlu")),
            (URIRef(ID + "result/1"), LK.score, Literal(Decimal("79.6"))),
            (URIRef(ID + "result/1"), LK.metric, Literal("accuracy")),
        },
        id="result",
    ),
]


# rdflib 7's JSON-LD parser builds a ConjunctiveGraph internally, which warns about itself.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(("document", "expected"), JSONLD_CASES)
def test_ontology_context_expands_document(
    context: dict[str, Any], document: dict[str, Any], expected: set[tuple[Any, Any, Any]]
) -> None:
    graph = Graph().parse(data=json.dumps(document), format="json-ld", context=context)
    assert set(graph) == expected


# --- SHACL -------------------------------------------------------------------------------------


@pytest.mark.parametrize("allow_warnings", [False])
def test_ontology_shapes_accept_valid_data(
    valid_data: Graph, shapes_graph: Graph, ontology_graph: Graph, allow_warnings: bool
) -> None:
    conforms, report = _validate(
        valid_data, shapes_graph, ontology_graph, allow_warnings=allow_warnings
    )
    assert conforms, report.serialize(format="turtle")


def _drop_score(data: Graph) -> None:
    data.remove((URIRef(ID + "result/1"), LK.score, None))


def _unknown_stance(data: Graph) -> None:
    data.set((URIRef(ID + "claim/1"), LK.stance, URIRef(ontology.NAMESPACE + "maybe")))


def _active_above_total(data: Graph) -> None:
    data.set((MODEL, LK.activeParameters, Literal(400000000000)))


def _second_label(data: Graph) -> None:
    data.add((MODEL, RDFS.label, Literal("Scout")))


def _no_claimant(data: Graph) -> None:
    data.remove((URIRef(ID + "claim/1"), LK.claimant, None))


def _evidence_without_source(data: Graph) -> None:
    data.remove((URIRef(ID + "evidence/1"), OA.hasSource, None))


def _confidence_above_one(data: Graph) -> None:
    data.set((URIRef(ID + "claim/1"), LK.confidence, Literal(Decimal("1.5"))))


def _float_score(data: Graph) -> None:
    data.set((URIRef(ID + "result/1"), LK.score, Literal(79.6)))


@pytest.mark.parametrize(
    ("break_data", "focus", "component"),
    [
        pytest.param(_drop_score, ID + "result/1", SH.MinCountConstraintComponent, id="no-score"),
        pytest.param(_unknown_stance, ID + "claim/1", SH.InConstraintComponent, id="stance-maybe"),
        pytest.param(
            _active_above_total,
            str(MODEL),
            SH.LessThanOrEqualsConstraintComponent,
            id="active>total",
        ),
        pytest.param(_second_label, str(MODEL), SH.MaxCountConstraintComponent, id="two-labels"),
        pytest.param(
            _no_claimant, ID + "claim/1", SH.MinCountConstraintComponent, id="no-claimant"
        ),
        pytest.param(
            _evidence_without_source,
            ID + "evidence/1",
            SH.MinCountConstraintComponent,
            id="evidence-no-source",
        ),
        pytest.param(
            _confidence_above_one, ID + "claim/1", SH.MaxInclusiveConstraintComponent, id="conf>1"
        ),
        pytest.param(_float_score, ID + "result/1", SH.DatatypeConstraintComponent, id="float"),
    ],
)
def test_ontology_shapes_reject_invalid_data(
    valid_data: Graph,
    shapes_graph: Graph,
    ontology_graph: Graph,
    break_data: Callable[[Graph], None],
    focus: str,
    component: URIRef,
) -> None:
    break_data(valid_data)
    conforms, report = _validate(valid_data, shapes_graph, ontology_graph)
    violations = {
        (report.value(result, SH.focusNode), report.value(result, SH.sourceConstraintComponent))
        for result in report.subjects(SH.resultSeverity, SH.Violation)
    }
    assert not conforms
    assert (URIRef(focus), component) in violations


@pytest.mark.parametrize(
    ("subject", "predicate"),
    [
        pytest.param(MODEL, LK.developedBy, id="model-developer"),
        pytest.param(URIRef(ID + "result/1"), LK.metric, id="result-metric"),
        pytest.param(URIRef(ID + "claim/1"), LK.evidence, id="claim-evidence"),
        pytest.param(DOC, DCTERMS.title, id="document-title"),
    ],
)
def test_ontology_shapes_warn_on_missing_nice_to_have(
    valid_data: Graph,
    shapes_graph: Graph,
    ontology_graph: Graph,
    subject: URIRef,
    predicate: URIRef,
) -> None:
    valid_data.remove((subject, predicate, None))
    conforms, report = _validate(valid_data, shapes_graph, ontology_graph, allow_warnings=True)
    severities = set(report.objects(None, SH.resultSeverity))
    assert conforms
    assert severities == {SH.Warning}


@pytest.mark.parametrize("blank", [BNode("selector")])
def test_ontology_shapes_check_text_position_order(
    valid_data: Graph, shapes_graph: Graph, ontology_graph: Graph, blank: BNode
) -> None:
    valid_data.add((URIRef(ID + "evidence/1"), OA.hasSelector, blank))
    valid_data.add((blank, RDF.type, OA.TextPositionSelector))
    valid_data.add((blank, OA.start, Literal(50)))
    valid_data.add((blank, OA.end, Literal(10)))
    conforms, _report = _validate(valid_data, shapes_graph, ontology_graph)
    assert not conforms


# --- README ------------------------------------------------------------------------------------


@pytest.mark.parametrize("term", _all_terms(), ids=_local)
def test_ontology_readme_documents_term(term: URIRef) -> None:
    readme = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    assert f"`lk:{_local(term)}`" in readme
