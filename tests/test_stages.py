"""The extraction pipeline is a visible sequence of stages, each callable on its own input.

normalise -> sentences -> mentions -> resolution (mentions) -> syntax -> facts -> resolution
(entities) -> records -> RDF. Each test here runs one stage alone, on records built by hand,
without the stages around it (docs/extraction.md#stages).
"""

from __future__ import annotations

from ingest.collect import Collector, evidence_for
from ingest.components.entities import Mention, find_mentions
from ingest.components.relations import find_relations, make_template
from ingest.components.resolution import resolve_entities, resolve_mentions
from ingest.components.sentences import split_sentences
from ingest.extract import doc_to_extraction
from ingest.gazetteer import load_gazetteer
from ingest.nlp import make_nlp
from ingest.normalise import normalise
from ingest.records import Document, EntityRef
from ingest.to_rdf import extraction_quads
from kg.settings import Settings


def test_stages_run_in_the_documented_order() -> None:
    assert make_nlp(Settings()).pipe_names == [
        "llmkg_sentences_v1", "llmkg_entities_v1", "llmkg_resolver_v1", "llmkg_syntax_v1",
        "llmkg_relations_v1", "llmkg_claims_v1"]


def test_stage_normalise_alone() -> None:
    norm = normalise("# Kestrel-3\n\n[**Kestrel-3**](https://huggingface.co/corvid/Kestrel-3) is out.\n")
    assert "Kestrel-3 is out." in norm.text and "**" not in norm.text
    assert [h.repo_id for h in norm.hints] == ["corvid/Kestrel-3"]


def test_stage_sentences_alone() -> None:
    text = "Corvid Labs released Kestrel-3. It scores 71.5 on GlimmerQA."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Corvid Labs released Kestrel-3.", "It scores 71.5 on GlimmerQA."]


def test_stage_mentions_alone() -> None:
    text = "Corvid Labs released Kestrel-3."
    found = {(m.label, m.type) for m in find_mentions(text, split_sentences(text), load_gazetteer(), [])}
    assert {("Corvid Labs", "Organization"), ("Kestrel-3", "Model")} <= found


def test_stage_mention_resolution_alone() -> None:
    mentions = [Mention(0, 11, "Marta Okonjo", "Person", "Marta Okonjo", "shape"),
                Mention(40, 46, "Okonjo", "Person", "Okonjo", "shape"),
                Mention(60, 70, "Llama-3.1 8B", "Model", "Llama-3.1 8B", "shape"),
                Mention(80, 90, "Llama 3.1 8B", "Model", "Llama 3.1 8B", "shape")]
    assert [m.label for m in resolve_mentions(mentions)] == [
        "Marta Okonjo", "Marta Okonjo", "Llama-3.1 8B", "Llama-3.1 8B"]


def test_stage_facts_alone() -> None:
    text = "Kestrel-3 was distilled from Brisa-2."
    mentions = [Mention(0, 9, "Kestrel-3", "Model", "Kestrel-3", "shape"),
                Mention(29, 36, "Brisa-2", "Model", "Brisa-2", "shape")]
    hits = find_relations(make_template(0, 0, len(text), text, mentions, 0))
    assert [(h.subject.label, h.predicate, h.object.label) for h in hits] == [
        ("Kestrel-3", "distilledFrom", "Brisa-2")]


def test_stage_entity_resolution_alone() -> None:
    """A model named once by its repository id and once by its name is one entity, and the facts
    naming either point at it."""
    text = "corvid/Kestrel-3 is out. Kestrel-3 was distilled from Brisa-2."
    col = Collector(Document(text=text, source="t.md"), [(0, 24), (25, len(text))])
    repo = col.entity(Mention(0, 16, "corvid/Kestrel-3", "Model", "corvid/Kestrel-3", "repo"))
    plain = col.entity(Mention(25, 34, "Kestrel-3", "Model", "Kestrel-3", "shape"))
    base = col.entity(Mention(54, 61, "Brisa-2", "Model", "Brisa-2", "shape"))
    col.relation(repo, "distilledFrom", base, evidence_for(text, 25, len(text), rule="t"))
    col.relation(plain, "distilledFrom", base, evidence_for(text, 25, len(text), rule="t"))
    resolve_entities(col, load_gazetteer(), [])
    assert sorted(slot["label"] for slot in col.entities.values()) == ["Brisa-2", "Kestrel-3"]
    assert list(col.relations) == [(EntityRef("Model", "Kestrel-3"), "distilledFrom", EntityRef("Model", "Brisa-2"))]


def test_stage_records_and_rdf_alone() -> None:
    text = "Kestrel-3 was distilled from Brisa-2."
    nlp = make_nlp(Settings(parser_path="off"))
    ex = doc_to_extraction(nlp(text), Document(text=text, source="t.md"))
    assert {(r.subject.label, r.predicate, r.object.label) for r in ex.relations} == {
        ("Kestrel-3", "distilledFrom", "Brisa-2")}
    quads = list(extraction_quads(ex, "sha256:" + "0" * 64))
    assert any(str(q[1]).endswith("distilledFrom") for q in quads)


def test_collector_label_of_reads_without_adding() -> None:
    text = "Corra-2 (v0613) and Corra-2."
    col = Collector(Document(text=text, source="t.md"), [(0, len(text))])
    known = col.entity(Mention(0, 7, "Corra-2", "Model", "Corra-2", "test"))
    assert col.label_of(Mention(19, 26, "corra-2", "Model", "corra-2", "test")) == known.label
    assert col.label_of(Mention(0, 15, "Corra-2 (v0613)", "Model", "Corra-2 (v0613)", "test")) == "Corra-2 (v0613)"
    assert len(col.entities) == 1
