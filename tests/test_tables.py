"""Specs for reading tables: small made-up documents with pipe tables, through the real pipeline.

Every name here is invented (labs "Quillfeather Labs", "Velvetine", "Harlow Forge"; models
"Brisa-3 ...", "Corra-2 ...", "Tovey-5 ..."; benchmarks "GlimmerQA", "RidgeMath"), so the tables
must be read from their shape, not from the gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from ingest.extract import doc_to_extraction
from ingest.loaders.pdf import pages_to_text
from ingest.records import Document, Extraction
from ingest.tables import _context_tokens, _parameter_counts

Extract = Callable[[str], Extraction]


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


def _attributes(ex: Extraction) -> set[tuple[str, str, int]]:
    return {(a.subject.label, a.property, a.value) for a in ex.attributes}


def _relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in ex.relations}


# --------------------------------------------------------------------------- one model per row

MODEL_ROWS = """\
We compare three open models on GlimmerQA and RidgeMath.

| Model | Developer | Parameters | Context | GlimmerQA | RidgeMath |
|---|---|---|---|---|---|
| Brisa-3-70B | Quillfeather Labs | 70B | 128K | 71.2 | 55.0 |
| Corra-2-8x22B | Velvetine | 146B total, 39B active | 65,536 | 68.4 | 61.3 |
| Tovey-5-Mini | Harlow Forge | not disclosed | - | 52.9 | 40.1 |
| Human experts | - | - | - | 93.0 | 97.5 |
"""


@pytest.fixture(scope="module")
def model_rows(nlp: Language) -> Extraction:
    return doc_to_extraction(nlp(MODEL_ROWS), Document(text=MODEL_ROWS, source="rows.md"))


@pytest.mark.parametrize("result", [
    ("Brisa-3-70B", "GlimmerQA", 71.2), ("Brisa-3-70B", "RidgeMath", 55.0),
    ("Corra-2-8x22B", "GlimmerQA", 68.4), ("Tovey-5-Mini", "RidgeMath", 40.1),
])
def test_model_rows_give_results(model_rows: Extraction, result: tuple[str, str, float]) -> None:
    assert result in _results(model_rows)


@pytest.mark.parametrize("relation", [
    ("Brisa-3-70B", "developedBy", "Quillfeather Labs"),
    ("Corra-2-8x22B", "developedBy", "Velvetine"),
    ("Tovey-5-Mini", "developedBy", "Harlow Forge"),
])
def test_developer_column_gives_developed_by(model_rows: Extraction,
                                             relation: tuple[str, str, str]) -> None:
    assert relation in _relations(model_rows)
    assert {e.ref.label: e.ref.type for e in model_rows.entities}[relation[2]] == "Organization"


@pytest.mark.parametrize("attribute", [
    ("Brisa-3-70B", "totalParameters", 70_000_000_000),
    ("Corra-2-8x22B", "totalParameters", 146_000_000_000),
    ("Corra-2-8x22B", "activeParameters", 39_000_000_000),
    ("Brisa-3-70B", "contextWindowTokens", 128_000),
    ("Corra-2-8x22B", "contextWindowTokens", 65_536),
])
def test_parameter_and_context_columns_give_attributes(model_rows: Extraction,
                                                       attribute: tuple[str, str, int]) -> None:
    assert attribute in _attributes(model_rows)


def test_table_facts_have_the_row_as_evidence(model_rows: Extraction) -> None:
    [att] = [a for a in model_rows.attributes if a.property == "activeParameters"]
    assert att.evidence.rule == "table-row"
    assert att.evidence.quote.startswith("| Corra-2-8x22B | Velvetine |")
    [rel] = [r for r in model_rows.relations if r.object.label == "Velvetine"]
    assert rel.evidence.quote == att.evidence.quote


def test_undisclosed_cells_and_reference_rows_give_nothing(model_rows: Extraction) -> None:
    assert not [a for a in model_rows.attributes if a.subject.label == "Tovey-5-Mini"]
    assert not [r for r in model_rows.results if "Human" in r.model.label]
    assert "Human experts" not in {e.ref.label for e in model_rows.entities}


def test_table_without_a_model_header_is_read_by_what_its_rows_name(extract: Extract) -> None:
    text = ("Quillfeather Labs released Brisa-3-70B and Velvetine released Corra-2-9B.\n\n"
            "| | GlimmerQA | RidgeMath | Average |\n|---|---|---|---|\n"
            "| Brisa-3-70B | 71.2 | 55.0 | 63.1 |\n| Corra-2-9B | 60.4 | 41.0 | 50.7 |\n")
    ex = extract(text)
    assert _results(ex) == {("Brisa-3-70B", "GlimmerQA", 71.2), ("Brisa-3-70B", "RidgeMath", 55.0),
                            ("Corra-2-9B", "GlimmerQA", 60.4), ("Corra-2-9B", "RidgeMath", 41.0)}
    assert not {"GlimmerQA", "Average"} & {e.ref.label for e in ex.entities if e.ref.type == "Model"}


# --------------------------------------------------------------------------- short column names

SHORT_HEADERS = """\
# Brisa 3: two open mixture-of-experts models

Quillfeather Labs today released Brisa 3 in two sizes, Brisa-3-8x7B and Brisa-3-8x22B, each with an
instruction-tuned version: Brisa-3-8x7B-Instruct and Brisa-3-8x22B-Instruct. Brisa-3-8x7B replaces
last year's Brisa-2-8x7B.

Rows marked base are the pretrained models; rows marked Instruct are the tuned ones.

| Benchmark | Variant | 8x7B | 8x22B |
|---|---|---|---|
| GlimmerQA (5-shot) | base | 61.0 | 70.4 |
| RidgeMath | Instruct | 48.5 | 66.2 |
| DuneEval | chat-v2 | 40.0 | 50.0 |
"""


@pytest.fixture(scope="module")
def short_headers(nlp: Language) -> Extraction:
    return doc_to_extraction(nlp(SHORT_HEADERS), Document(
        text=SHORT_HEADERS, source="brisa-3.md", title="Brisa 3: two open mixture-of-experts models"))


def test_short_column_names_and_variant_rows_resolve_to_full_names(short_headers: Extraction) -> None:
    assert _results(short_headers) >= {
        ("Brisa-3-8x7B", "GlimmerQA", 61.0), ("Brisa-3-8x22B", "GlimmerQA", 70.4),
        ("Brisa-3-8x7B-Instruct", "RidgeMath", 48.5), ("Brisa-3-8x22B-Instruct", "RidgeMath", 66.2)}


def test_short_column_names_make_no_entities_and_unknown_variants_no_results(
        short_headers: Extraction) -> None:
    labels = {e.ref.label for e in short_headers.entities}
    assert not labels & {"8x7B", "8x22B"}
    assert not [r for r in short_headers.results if r.benchmark.label == "DuneEval"]
    assert not [r for r in short_headers.results if r.model.label == "Brisa-2-8x7B"]


def test_ambiguous_short_column_name_is_left_out(extract: Extract) -> None:
    text = ("Velvetine compared Corra-2 7B with Tovey-5 7B.\n\n"
            "| Benchmark | 7B |\n|---|---|\n| GlimmerQA | 44.0 |\n")
    ex = extract(text)
    assert not [r for r in ex.results if r.score == 44.0]


# --------------------------------------------------------------------------- notes and captions


def test_footnote_mark_moves_a_cell_to_the_model_the_note_names(extract: Extract) -> None:
    text = ("Quillfeather Labs released Brisa-3-32B-Instruct and its base model Brisa-3-32B-Base. "
            "The GlimmerQA score marked † is for the base model, Brisa-3-32B-Base.\n\n"
            "| Benchmark | Brisa-3-32B-Instruct |\n|---|---|\n"
            "| GlimmerQA | 80.5† |\n| RidgeMath | 62.0 |\n")
    results = _results(extract(text))
    assert ("Brisa-3-32B-Base", "GlimmerQA", 80.5) in results
    assert ("Brisa-3-32B-Instruct", "RidgeMath", 62.0) in results
    assert ("Brisa-3-32B-Instruct", "GlimmerQA", 80.5) not in results


def test_caption_saying_what_a_column_name_stands_for(extract: Extract) -> None:
    text = ("| Benchmark | Brisa-3 (7B) | Corra-2 70B |\n|---|---|---|\n| GlimmerQA | 51.0 | 66.0 |\n\n"
            "Table 1: Brisa-3 (7B) is Brisa-3-7B-Lite, the smallest model of Quillfeather Labs.\n")
    results = _results(extract(text))
    assert ("Brisa-3-7B-Lite", "GlimmerQA", 51.0) in results
    assert ("Corra-2 70B", "GlimmerQA", 66.0) in results


def _card(nlp: Language, title: str, body: str) -> Extraction:
    return doc_to_extraction(nlp(body), Document(text=body, source="card.md", title=title,
                                                 doc_type="ModelCard"))


def test_bare_scores_go_to_the_model_the_introduction_names(nlp: Language) -> None:
    body = ("# Brisa-3-14B-Q4\n\nA 4-bit build of Brisa-3-14B.\n\n"
            "We did not evaluate these files. The scores below are those Quillfeather Labs reported "
            "for the original\nBrisa-3-14B; the 4-bit files score a little lower.\n\n"
            "| benchmark | score |\n|---|---|\n| GlimmerQA | 73.1 |\n")
    assert _results(_card(nlp, "Brisa-3-14B-Q4", body)) == {("Brisa-3-14B", "GlimmerQA", 73.1)}


def test_facts_table_of_a_model_card(nlp: Language) -> None:
    body = ("# Tovey-5-Law\n\nTovey-5-Law answers questions about contracts.\n\n"
            "| | |\n|---|---|\n| Developed by | Harlow Forge |\n| Base model | Corra-2-9B |\n"
            "| Parameters | 9.2 billion |\n| Context length | 32,768 tokens |\n| License | MIT |\n")
    ex = _card(nlp, "Tovey-5-Law", body)
    assert {("Tovey-5-Law", "totalParameters", 9_200_000_000),
            ("Tovey-5-Law", "contextWindowTokens", 32_768)} <= _attributes(ex)
    assert ("Tovey-5-Law", "developedBy", "Harlow Forge") in _relations(ex)


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(("cell", "unit", "counts"), [
    ("70B", 1, (70_000_000_000, None)),
    ("1.3B", 1, (1_300_000_000, None)),
    ("350M", 1, (350_000_000, None)),
    ("146B total, 41B active", 1, (146_000_000_000, 41_000_000_000)),
    ("235B (22B active)", 1, (235_000_000_000, 22_000_000_000)),
    ("7", 10**9, (7_000_000_000, None)),
    ("7", 1, (None, None)),
    ("8x7B", 1, (None, None)),
    ("4.9 GB", 1, (None, None)),
    ("not disclosed", 1, (None, None)),
])
def test_parameter_counts_in_a_cell(cell: str, unit: int, counts: tuple[int | None, int | None]) -> None:
    assert _parameter_counts(cell, unit) == counts


@pytest.mark.parametrize(("cell", "unit", "tokens"), [
    ("128K", 1, 128_000), ("128k tokens", 1, 128_000), ("131,072", 1, 131_072), ("1M", 1, 1_000_000),
    ("32", 1000, 32_000), ("-", 1, None), ("12", 1, None),
])
def test_context_window_in_a_cell(cell: str, unit: int, tokens: int | None) -> None:
    assert _context_tokens(cell, unit) == tokens


# --------------------------------------------------------------------------- PDF layout text

WRAPPED = """\
Table 2 compares the models.

Model                Lab                 GlimmerQA           RidgeMath
Brisa-3-70B-Instr    Quillfeather        71.2                55.0
uct                  Labs
Corra-2-Tiny         Velvetine           44.1                30.2
Tovey-5-Mini-Pre     Harlow Forge        52.9                40.1
view
Human experts        -                   93.0                97.5

The best model is Brisa-3-70B-Instruct; Tovey-5-Mini-Preview trails.
"""


def test_pdf_wrapped_cells_are_rejoined_by_column() -> None:
    rows = [ln for ln in pages_to_text([WRAPPED]).splitlines() if ln.startswith("|")]
    assert rows == [
        "| Model | Lab | GlimmerQA | RidgeMath |", "|---|---|---|---|",
        "| Brisa-3-70B-Instruct | Quillfeather Labs | 71.2 | 55.0 |",
        "| Corra-2-Tiny | Velvetine | 44.1 | 30.2 |",
        "| Tovey-5-Mini-Preview | Harlow Forge | 52.9 | 40.1 |",
        "| Human experts | - | 93.0 | 97.5 |"]


def test_pdf_table_stops_at_a_heading_above_and_a_caption_below() -> None:
    page = ("4 Results\n"
            "Benchmark        Brisa-3       Corra-2\n"
            "GlimmerQA        71.2          44.1\n"
            "RidgeMath        55.0          30.2\n"
            "Table 3\n")
    text = pages_to_text([page])
    assert "| Benchmark | Brisa-3 | Corra-2 |" in text
    assert "| RidgeMath | 55.0 | 30.2 |" in text
    assert "Table 3" in text and "4 Results" in text


# --------------------------------------------------------------------------- normalised tables
# (through ingest.pipeline.extract_document: the text is normalised, tables.py reads the records)


def _read(nlp: Language, body: str, title: str = "", doc_type: str = "Document") -> Extraction:
    from ingest.pipeline import extract_document

    return extract_document(Document(text=body, source="doc.md", title=title, doc_type=doc_type,
                                     media_type="text/markdown"), nlp)


LINKED_ROWS = """\
Quillfeather Labs compares its merge with two fine-tunes.

| Model | GlimmerQA | RidgeMath |
|---|--:|--:|
| [**Brisa-3-7B**](https://huggingface.co/quill/Brisa-3-7B) | **61.0** | <u>40.2</u> |
| velvetine/Corra-2-9B | 55.2 | 38.0† |
| Tovey-5-Mini* | 48.9 | 30.1 |
"""


@pytest.mark.parametrize("result", [
    ("Brisa-3-7B", "GlimmerQA", 61.0), ("Brisa-3-7B", "RidgeMath", 40.2),
    ("Corra-2-9B", "GlimmerQA", 55.2), ("Corra-2-9B", "RidgeMath", 38.0),
    ("Tovey-5-Mini", "GlimmerQA", 48.9),
])
def test_rows_named_by_links_repo_ids_and_marked_names(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, LINKED_ROWS))


def test_a_row_linked_to_its_repository_has_the_repo_id_as_an_alias(nlp: Language) -> None:
    ex = _read(nlp, LINKED_ROWS)
    [brisa] = [e for e in ex.entities if e.ref.label == "Brisa-3-7B"]
    assert "quill/Brisa-3-7B" in brisa.alt_labels


def test_a_link_to_another_repository_is_no_alias(nlp: Language) -> None:
    text = ("| Model | GlimmerQA |\n|---|---|\n"
            "| [Brisa-3-7B](https://huggingface.co/quill/Corra-2-9B) | 61.0 |\n")
    [brisa] = [e for e in _read(nlp, text).entities if e.ref.label == "Brisa-3-7B"]
    assert not any("/" in a for a in brisa.alt_labels)


def test_a_repo_id_row_keeps_the_id_as_an_alias(nlp: Language) -> None:
    ex = _read(nlp, LINKED_ROWS)
    [corra] = [e for e in ex.entities if e.ref.label == "Corra-2-9B"]
    assert "velvetine/Corra-2-9B" in corra.alt_labels


GROUPED = """\
We score the chat models on two judges.

<table>
  <tr><th rowspan="2">Models</th><th>DuneEval</th><th>GlimmerArena</th></tr>
  <tr><th>Avg. Score</th><th>LC Win Rate</th></tr>
  <tr><td>Brisa-3-7B-Chat</td><td>8.12</td><td>31.50</td></tr>
  <tr><td>Corra-2-9B-Chat</td><td>7.90</td><td>28.25</td></tr>
</table>
"""


def test_grouped_header_gives_the_benchmark_and_its_metric(nlp: Language) -> None:
    ex = _read(nlp, GROUPED)
    got = {(r.model.label, r.benchmark.label, r.score, r.metric) for r in ex.results}
    assert ("Brisa-3-7B-Chat", "DuneEval", 8.12, "Avg. Score") in got
    assert ("Corra-2-9B-Chat", "GlimmerArena", 28.25, "LC Win Rate") in got
    assert not [r for r in ex.results if "Score" in r.benchmark.label or "Rate" in r.benchmark.label]


def test_metric_after_a_benchmark_name_is_the_results_metric(nlp: Language) -> None:
    text = ("| Model | RidgeMath 2024 pass@1 | RidgeMath 2024 cons@64 | DuneEval rating |\n|---|---|---|---|\n"
            "| Brisa-3-7B | 28.9 | 52.7 | 954 |\n")
    got = {(r.benchmark.label, r.score, r.metric) for r in _read(nlp, text).results}
    assert got == {("RidgeMath 2024", 28.9, "pass@1"), ("RidgeMath 2024", 52.7, "cons@64"),
                   ("DuneEval", 954.0, "rating")}


AVERAGES = """\
{intro}

| Model | GlimmerQA | RidgeMath | Average |
|---|---|---|---|
| Brisa-3-7B | 61.0 | 40.2 | 50.6 |
"""


@pytest.mark.parametrize("intro", [
    "Brisa-3-7B against the usual tasks.",
    "For reference, see the GlimmerBoard Leaderboard.",
])
def test_an_average_column_is_no_result(nlp: Language, intro: str) -> None:
    ex = _read(nlp, AVERAGES.format(intro=intro))
    assert not [r for r in ex.results if r.score == 50.6]
    assert ("Brisa-3-7B", "GlimmerQA", 61.0) in _results(ex)


@pytest.mark.parametrize("intro", [
    "Below are the GlimmerBoard Leaderboard results of Brisa-3-7B.",
    "Brisa-3-7B performs well on the Dune benchmark suite.",
])
def test_an_average_column_is_the_suite_the_introduction_names(nlp: Language, intro: str) -> None:
    ex = _read(nlp, AVERAGES.format(intro=intro))
    [avg] = [r for r in ex.results if r.score == 50.6]
    assert avg.model.label == "Brisa-3-7B" and avg.benchmark.label.split()[0] in ("GlimmerBoard", "Dune")


def test_an_average_row_under_a_leaderboard_heading(nlp: Language) -> None:
    body = ("# Brisa-3-7B\n\nA chat model.\n\n## GlimmerBoard Leaderboard Evaluation Results\n\n"
            "| Metric | Value |\n|---|---:|\n| Avg. | 58.40 |\n| GlimmerQA (25-Shot) | 61.00 |\n")
    got = _results(_read(nlp, body, title="Brisa-3-7B", doc_type="ModelCard"))
    assert ("Brisa-3-7B", "GlimmerQA", 61.0) in got
    [(model, board)] = [(m, b) for m, b, s in got if s == 58.4]
    assert model == "Brisa-3-7B" and board.startswith("GlimmerBoard")


def test_a_runtime_table_gives_no_results_and_no_models(nlp: Language) -> None:
    body = ("# Brisa-3-7B\n\n## Runtime\n\n| Inference Tool | Hardware | Prompt length | Generated tokens/sec "
            "| Batch Size |\n|---|---|---|---|---|\n| QuillServe | H100 | 512 | 1174 | 352 |\n"
            "| QuillServe | H100 | 2048 | 328 | 72 |\n")
    ex = _read(nlp, body, title="Brisa-3-7B", doc_type="ModelCard")
    assert ex.results == ()
    assert not {"Batch Size", "Prompt length", "Hardware"} & {e.ref.label for e in ex.entities}


LEADERBOARD = """\
The Chatbot Arena leaderboard ranks chat models by the votes of its users.

| Rank | Model | Arena Elo | 95% CI | Votes | Organization | License |
|---|---|---|---|---|---|---|
| 1 | [Brisa-3-70B](https://example.org/brisa) | 1217 | +5/-4 | 7007 | Quillfeather Labs | Proprietary |
| 2 | Corra-2-34B-Chat | 1102 | +7/-6 | 3123 | Velvetine | Apache 2.0 |
"""


def test_leaderboard_scores_go_to_the_arena_the_text_names(nlp: Language) -> None:
    got = {(r.model.label, r.benchmark.label, r.score) for r in _read(nlp, LEADERBOARD).results}
    assert got == {("Brisa-3-70B", "LMArena", 1217.0), ("Corra-2-34B-Chat", "LMArena", 1102.0)}


def test_a_short_benchmark_name_is_not_a_longer_one_it_ends(nlp: Language) -> None:
    text = ("RidgeMedQA and MedQA are different tasks.\n\n| Benchmark | Brisa-3-7B |\n|---|---|\n"
            "| MedQA | 61.0 |\n")
    assert _results(_read(nlp, text)) == {("Brisa-3-7B", "MedQA", 61.0)}


def test_leaderboard_organisation_column_gives_the_developer(nlp: Language) -> None:
    rels = _relations(_read(nlp, LEADERBOARD))
    assert {("Brisa-3-70B", "developedBy", "Quillfeather Labs"),
            ("Corra-2-34B-Chat", "developedBy", "Velvetine")} <= rels


@pytest.mark.parametrize(("header", "model"), [
    ("Corra 2 (27B)", "Corra 2 27B"),
    ("Corra 2 9B (base)", "Corra 2 9B"),
    ("phi-4 (14B)", "Phi-4"),
])
def test_a_size_note_in_a_column_name(nlp: Language, header: str, model: str) -> None:
    text = f"| Benchmark | {header} |\n|---|---|\n| GlimmerQA | 70.1 |\n"
    assert {m for m, _b, _s in _results(_read(nlp, text))} == {model}


@pytest.mark.parametrize(("kind", "predicate"), [
    ("Further Pre-trained", "derivedFrom"), ("Merge SLERP", "mergedFrom"),
    ("GGUF quantization", "quantizedFrom"), ("LoRA adapter", "adapterOf"), ("SFT", "fineTunedFrom"),
])
def test_a_base_model_column_gives_the_lineage_edge(nlp: Language, kind: str, predicate: str) -> None:
    text = (f"| Model Name | Base Model | Model Type |\n|---|---|---|\n"
            f"| Brisa-3-Med-7B | [Corra-2-7B](https://huggingface.co/velvetine/Corra-2-7B) | {kind} |\n")
    assert ("Brisa-3-Med-7B", predicate, "Corra-2-7B") in _relations(_read(nlp, text))


def test_a_base_model_column_without_a_type_is_fine_tuning(nlp: Language) -> None:
    text = ("| **Model** | **Base Model** | **Download** |\n|:-:|:-:|:-:|\n"
            "| Brisa-3-Distill-Corra-7B | [Corra-2-Math-7B](https://huggingface.co/v/Corra-2-Math-7B) "
            "| [HF](https://huggingface.co/q/Brisa-3-Distill-Corra-7B) |\n")
    assert _relations(_read(nlp, text)) >= {("Brisa-3-Distill-Corra-7B", "fineTunedFrom", "Corra-2-Math-7B")}


@pytest.mark.parametrize(("params", "expected"), [("1,644,417,024", 1_644_417_024), ("7.04 billion", 7_040_000_000)])
def test_a_one_row_spec_table_gives_the_cards_model_facts(nlp: Language, params: str, expected: int) -> None:
    body = ("# Tovey-5-Lite\n\nTovey-5-Lite is a small model.\n\n"
            f"| Parameters | Hidden Size | Layers | Heads | Sequence Length |\n|---|---|---|---|---|\n"
            f"| {params} | 2048 | 24 | 32 | 4096 |\n")
    ex = _read(nlp, body, title="Tovey-5-Lite", doc_type="ModelCard")
    assert _attributes(ex) == {("Tovey-5-Lite", "totalParameters", expected),
                               ("Tovey-5-Lite", "contextWindowTokens", 4096)}
    assert ex.results == ()


def test_an_html_table_gives_results(nlp: Language) -> None:
    body = ("<table><thead><tr><th>Benchmark</th><th>Brisa-3-7B</th><th>Corra-2-9B</th></tr></thead>"
            "<tbody><tr><td>GlimmerQA</td><td><b>61.0</b></td><td>55.2</td></tr></tbody></table>\n")
    assert _results(_read(nlp, body)) == {("Brisa-3-7B", "GlimmerQA", 61.0), ("Corra-2-9B", "GlimmerQA", 55.2)}


def test_an_aligned_table_gives_results(nlp: Language) -> None:
    body = ("Results on two tasks.\n\nModel           GlimmerQA    RidgeMath\nBrisa-3-7B      61.0         40.2\n"
            "Corra-2-9B      55.2         38.0\nTovey-5-Mini    48.9         30.1\n")
    assert ("Corra-2-9B", "RidgeMath", 38.0) in _results(_read(nlp, body))


def test_table_evidence_is_the_clean_row(nlp: Language) -> None:
    ex = _read(nlp, LINKED_ROWS)
    [res] = [r for r in ex.results if r.score == 61.0]
    assert res.evidence.quote == "| Brisa-3-7B | 61.0 | 40.2 |"
    assert ex.document.text[res.evidence.start:res.evidence.end] == res.evidence.quote


def _card_with_index(nlp: Language, body: str) -> Extraction:
    from ingest.pipeline import extract_document

    index = [{"name": "Brisa-3-7B", "results": [
        {"task": {"type": "text-generation"}, "dataset": {"name": "GlimmerQA (25-Shot)", "type": "glimmer_qa"},
         "metrics": [{"type": "acc_norm", "value": 61.0, "name": "normalized accuracy"}]},
        {"dataset": {"type": "ridge_math"}, "metrics": [{"type": "acc", "value": "40.2"}]},
        {"dataset": {"name": "DuneEval"}, "metrics": [{"type": "acc", "value": True}]}]}]
    return extract_document(Document(text=body, source="card.md", title="Brisa-3-7B", doc_type="ModelCard",
                                     media_type="text/markdown",
                                     metadata={"front_matter": {"model-index": index}}), nlp)


def test_model_index_front_matter_gives_results(nlp: Language) -> None:
    ex = _card_with_index(nlp, "# Brisa-3-7B\n\nBrisa-3-7B is a chat model.\n")
    got = {(r.model.label, r.benchmark.label, r.score, r.metric, r.evidence.rule) for r in ex.results}
    assert got == {("Brisa-3-7B", "GlimmerQA", 61.0, "normalized accuracy", "front-matter:model-index"),
                   ("Brisa-3-7B", "ridge_math", 40.2, "acc", "front-matter:model-index")}


def test_a_table_row_keeps_its_evidence_over_the_model_index(nlp: Language) -> None:
    ex = _card_with_index(nlp, "# Brisa-3-7B\n\n| Benchmark | Brisa-3-7B |\n|---|---|\n| GlimmerQA | 61.0 |\n")
    [res] = [r for r in ex.results if r.benchmark.label == "GlimmerQA"]
    assert res.evidence.rule == "table-row" and res.evidence.quote == "| GlimmerQA | 61.0 |"


def test_a_category_column_before_the_benchmark_column(nlp: Language) -> None:
    text = ("| | Benchmark (Metric) | # Shots | Brisa-3-Base | Corra-2-Base |\n|---|---|---|---|---|\n"
            "| Reasoning | GlimmerQA (EM) | 3-shot | 61.0 | 55.2 |\n| | RidgeMath (Acc.) | 0-shot | 40.2 | 38.0 |\n"
            "| Code | DuneEval (Pass@1) | 0-shot | 30.5 | 28.1 |\n")
    assert _results(_read(nlp, text)) == {
        ("Brisa-3-Base", "GlimmerQA", 61.0), ("Corra-2-Base", "GlimmerQA", 55.2),
        ("Brisa-3-Base", "RidgeMath", 40.2), ("Corra-2-Base", "RidgeMath", 38.0),
        ("Brisa-3-Base", "DuneEval", 30.5), ("Corra-2-Base", "DuneEval", 28.1)}


def test_metric_columns_of_a_cards_own_results(nlp: Language) -> None:
    body = ("# Brisa-3-7B\n\nBrisa-3-7B answers questions.\n\n| Benchmark | Accuracy | F1 Score |\n|---|---|---|\n"
            "| GlimmerQA | 61.0 | 0.58 |\n")
    ex = _read(nlp, body, title="Brisa-3-7B", doc_type="ModelCard")
    assert {(r.model.label, r.benchmark.label, r.score, r.metric) for r in ex.results} == {
        ("Brisa-3-7B", "GlimmerQA", 61.0, None), ("Brisa-3-7B", "GlimmerQA", 0.58, "F1 Score")}
    assert "F1 Score" not in {e.ref.label for e in ex.entities}


# --------------------------------------------------------------------------- scores named by their metric

ELO_TABLE = """\
The Chatbot Arena leaderboard below was rebuilt from a month of user votes.

| Rank | Model | Elo Rating | Description |
|---|---|---|---|
| 1 | 🥇 Brisa-3-70B | 1217 | a chat model by Quillfeather Labs |
| 2 | 🥈 Corra-2-34B-Chat | 1102 | a chat model by Velvetine |
"""


def test_an_elo_column_is_the_arena_the_text_names(nlp: Language) -> None:
    """A column named by its metric alone is on the leaderboard the text names; medals are no names."""
    got = _results(_read(nlp, ELO_TABLE))
    assert got == {("Brisa-3-70B", "LMArena", 1217.0), ("Corra-2-34B-Chat", "LMArena", 1102.0)}


BOARD_SCORE = """\
Here is how the base models do on the GlimmerBoard Leaderboard (higher is better):

| Model | License | Leaderboard score ⬇️ |
|---|---|---|
| Brisa-3-7B | Apache 2.0 | 61.55 |
| Corra-2-9B | MIT | 58.10 |
"""


def test_a_leaderboard_score_column_is_the_leaderboard_the_introduction_names(nlp: Language) -> None:
    got = _results(_read(nlp, BOARD_SCORE))
    assert {(m, s) for m, _b, s in got} == {("Brisa-3-7B", 61.55), ("Corra-2-9B", 58.10)}
    [board] = {b for _m, b, _s in got}
    assert board.startswith("GlimmerBoard")


def test_a_score_column_with_no_leaderboard_named_gives_nothing(nlp: Language) -> None:
    assert _read(nlp, BOARD_SCORE.replace("on the GlimmerBoard Leaderboard", "in our tests")).results == ()


UNITLESS_PARAMS = """\
Parameter counts, compared:

| Model | #Parameters | #(Activated) Parameters | #(Activated) Non-embedding parameters |
|---|---|---|---|
| Brisa-3-7B | 7.3 | 7.3 | 6.9 |
| Corra-2-MoE-A3B | 15.2 | 2.9 | 2.1 |
"""


def test_parameter_columns_without_a_unit_take_it_from_the_names(nlp: Language) -> None:
    """"Brisa-3-7B" over "7.3" makes the column's numbers billions; non-embedding counts are no
    parameter counts, and no column is a benchmark."""
    ex = _read(nlp, UNITLESS_PARAMS)
    assert _attributes(ex) == {("Brisa-3-7B", "totalParameters", 7_300_000_000),
                               ("Brisa-3-7B", "activeParameters", 7_300_000_000),
                               ("Corra-2-MoE-A3B", "totalParameters", 15_200_000_000),
                               ("Corra-2-MoE-A3B", "activeParameters", 2_900_000_000)}
    assert ex.results == ()


def test_parameter_column_without_a_unit_or_sized_names_gives_nothing(nlp: Language) -> None:
    text = UNITLESS_PARAMS.replace("Brisa-3-7B", "Brisa-3 Mini").replace("Corra-2-MoE-A3B", "Corra-2 Pro")
    assert _read(nlp, text).attributes == ()


def test_a_throughput_table_with_a_tps_column_gives_nothing(nlp: Language) -> None:
    text = ("Serving speed on one GPU:\n\n| Model | Throughput | TPS |\n|---|---|---|\n"
            "| Brisa-3-7B | 1.15 | 2298.89 |\n| Corra-2-9B | 2.01 | 4010.27 |\n")
    assert _read(nlp, text).results == ()


def test_a_category_column_is_no_benchmark(nlp: Language) -> None:
    text = ("Results:\n\n| Model | GlimmerQA | Multilingual | Reasoning |\n|---|---|---|---|\n"
            "| Brisa-3-7B | 61.0 | 40.0 | 52.0 |\n")
    ex = _read(nlp, text)
    assert _results(ex) == {("Brisa-3-7B", "GlimmerQA", 61.0)}
    assert not {"Multilingual", "Reasoning"} & {e.ref.label for e in ex.entities}


def test_a_size_note_after_a_known_single_model_is_its_size(nlp: Language) -> None:
    """"PHI-2 (2.7B)" is phi-2 (one model the gazetteer knows), 2.7B parameters."""
    text = ("Scores:\n\n| Model | GlimmerQA |\n|---|---|\n| PHI-2 (2.7B) | 61.3 |\n| Corra 2 (27B) | 70.1 |\n")
    ex = _read(nlp, text)
    assert {(a.subject.label, a.value) for a in ex.attributes} == {("Phi-2", 2_700_000_000)}
    assert ("Corra 2 27B", "GlimmerQA", 70.1) in _results(ex)


STACKED = """\
Brisa-3 70B and Corra-2 9B were both put on the board this week.

GlimmerBoard Leaderboard Score

Model

Size

Leaderboard score

License

Brisa-3

70B

61.40

open

Corra-2

9B

58.25

closed
"""


def test_a_table_copied_one_cell_a_line_is_read(nlp: Language) -> None:
    """A web table pasted one cell a line: its rows, a size column naming the sized model, and
    its score column on the leaderboard its heading names."""
    from ingest.normalise import normalise

    [table] = normalise(STACKED).tables
    assert (table.layout, table.width, len(table.body)) == ("stacked", 4, 2)
    got = _results(_read(nlp, STACKED))
    assert {(m, s) for m, _b, s in got} == {("Brisa-3 70B", 61.4), ("Corra-2 9B", 58.25)}
    assert all(b.startswith("GlimmerBoard") for _m, b, _s in got)


@pytest.mark.parametrize("text", [
    # page furniture: short lines with no "Model" cell first, or no column of numbers
    "Featured image\n\nLLM\n\nBrisa-3 is out\n\navatar\n\nDana Whitlock\n\nMay 7th, 2024\n\n~ 3 min read\n",
    "Model\n\nLicense\n\nNotes\n\nBrisa-3\n\nopen\n\nfast\n\nCorra-2\n\nclosed\n\nslow\n",
])
def test_short_lines_that_are_no_table(text: str) -> None:
    from ingest.normalise import normalise

    assert normalise(text).tables == ()


def test_a_size_of_params_column_with_spaced_units(nlp: Language) -> None:
    text = ("Sizes:\n\n| Name | Size of params |\n|---|---|\n| Brisa-3 Small | 124 M |\n"
            "| Brisa-3 Large | 1,558 M |\n")
    assert _attributes(_read(nlp, text)) == {("Brisa-3 Small", "totalParameters", 124_000_000),
                                             ("Brisa-3 Large", "totalParameters", 1_558_000_000)}
