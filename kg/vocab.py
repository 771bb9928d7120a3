# ruff: noqa: N815  (attribute names are the ontology's local names, e.g. releaseDate)
"""The llmkg ontology as a closed rdflib namespace, with the other namespaces it uses.

GENERATED from ontology/llmkg.ttl (ontology version 0.1.0) by scripts/gen_vocab.py.
Do not edit by hand: change the ontology, then regenerate with

    python scripts/gen_vocab.py

``python scripts/gen_vocab.py --check`` exits 1 with a diff when this file is stale.
"""

from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
    "DCTERMS",
    "FAIR4ML",
    "LK",
    "MLS",
    "OA",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "WD",
    "WDT",
    "XSD",
]

FAIR4ML = Namespace("https://w3id.org/fair4ml#")
MLS = Namespace("http://www.w3.org/ns/mls#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")


class LK(DefinedNamespace):
    """llmkg ontology (``lk:``), closed: unknown terms raise."""

    _fail = True
    _NS = Namespace("https://w3id.org/llmkg/ontology#")

    # Classes
    Agent: URIRef  # Someone who develops models, reports results or makes claims: an...
    Benchmark: URIRef  # A benchmark or leaderboard models are evaluated on, e.g. MMLU, LMArena...
    BenchmarkResult: URIRef  # An n-ary node for one score of one model on one benchmark...
    BlogPost: URIRef  # A blog post or essay, including vendor announcement posts.
    Claim: URIRef  # A statement someone makes: who (lk:claimant) says what (lk:proposition...
    Document: URIRef  # A source document; its extraction lives in its own named graph...
    Evidence: URIRef  # The sentence that states a fact: names the triple it supports...
    Hardware: URIRef  # An accelerator or machine a model runs on, e.g. the Nvidia H100.
    Model: URIRef  # A model as a work, e.g. Llama 4 Scout, GPT-4o, DeepSeek-R1.
    ModelCard: URIRef  # A model card, e.g. the README of a Hugging Face model repository.
    ModelFamily: URIRef  # A generation or series of models, e.g. Llama 4, Claude 3, Gemma 2; a...
    NewsArticle: URIRef  # A news article or press report.
    Organization: URIRef  # A company, lab or other organization, e.g. Meta, Nvidia, DeepSeek.
    Paper: URIRef  # A scholarly paper or technical report, e.g. an arXiv preprint.
    Person: URIRef  # A named person, e.g. Ahmad Al-Dahle.
    Proposition: URIRef  # What is said, apart from who says it: one triple named with...
    Stance: URIRef  # How a claimant relates to a proposition: one of lk:asserts, lk:denies...
    UnnamedAgent: URIRef  # A claimant with no name, e.g. "a supposed Meta whistleblower" or...
    WebPage: URIRef  # Any other web page, e.g. a leaderboard or a documentation page.

    # Object properties
    about: URIRef  # An entity a claim is about, e.g. a model or an organization.
    adapterOf: URIRef  # From an adapter (e.g. a LoRA) to the base model it adapts.
    claimant: URIRef  # The agent who makes a claim; the claimant is not the reporter (an...
    derivedFrom: URIRef  # From a model to the model it was built from, by any method...
    developedBy: URIRef  # The organization that developed a model or model family, e.g. Llama 4...
    distilledFrom: URIRef  # From a student model to its teacher, e.g. Llama 4 Scout distilled...
    documentGraph: URIRef  # The IRI of the named graph that holds what was extracted from a...
    employer: URIRef  # The organization a person works for; the role goes in lk:jobTitle.
    evaluatedModel: URIRef  # The model a benchmark result is for.
    evidence: URIRef  # Evidence for a node that is not one triple, such as a benchmark result...
    fineTunedFrom: URIRef  # From a fine-tuned model to its base...
    fitsOn: URIRef  # Hardware a model runs on, e.g. Llama 4 Scout fits on a single H100.
    memberOfFamily: URIRef  # The family or series a model belongs to, e.g. Llama 4 Scout member...
    mergedFrom: URIRef  # From a merged model to each of the models merged into it.
    onBenchmark: URIRef  # The benchmark a result was obtained on.
    proposition: URIRef  # What a claim says, as a proposition node; a contradiction is one...
    publisher: URIRef  # The organization that published a document.
    quantizedFrom: URIRef  # From a quantized model to the full-precision model it was quantized...
    reportedBy: URIRef  # The agent who reports a result, e.g. the vendor for vendor-reported...
    stance: URIRef  # How the claimant relates to the proposition: lk:asserts, lk:denies...
    successorOf: URIRef  # From a newer model or family to the one it follows, e.g. Llama 4...

    # Datatype properties
    activeParameters: URIRef  # Parameters active per token in a mixture-of-experts model, as an...
    claimText: URIRef  # The content of what is claimed, in words.
    confidence: URIRef  # Extraction confidence in [0, 1], as a decimal: how sure the extractor...
    contentHash: URIRef  # SHA-256 of a document's NFC-normalized text, as "sha256:" followed by...
    contextWindowTokens: URIRef  # Context window length in tokens, as an integer (128K is...
    extractionRule: URIRef  # The name of the extraction rule or component that produced the...
    extractorVersion: URIRef  # The version of the extractor that produced a document's graph.
    jobTitle: URIRef  # A person's role, e.g. "VP of generative AI".
    license: URIRef  # The license a model is released under, as its name or SPDX identifier...
    metric: URIRef  # What lk:score measures, e.g. "accuracy", "pass@1", "Elo".
    releaseDate: URIRef  # The date a model was released.
    released: URIRef  # True when a document states in its own voice that the model has been...
    score: URIRef  # The value of a benchmark result, as a decimal in the unit of lk:metric.
    totalParameters: URIRef  # Total number of parameters, as an integer (288 billion is...

    # Named individuals
    acknowledges: URIRef  # The claimant concedes the proposition, typically about themselves...
    asserts: URIRef  # The claimant states the proposition as true in their own voice.
    denies: URIRef  # The claimant states the proposition is false.
    reports: URIRef  # The claimant relays what someone else says, without endorsing it (e.g. an...
    speculates: URIRef  # The claimant suggests the proposition may be true, without committing...
