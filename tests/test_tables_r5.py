"""Specs for table layouts met in round 5 of issue 16: fraction scores, a setting row under a
benchmark row, model-index metrics named by benchmarks, a board a card was submitted to.

Every model and lab name here is invented ("Brisa-3", "Corra-2", "Quillfeather Labs");
benchmark names are real ones where the rule reads the gazetteer.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document, Extraction


def _read(nlp: Language, body: str, title: str = "", doc_type: str = "Document",
          front: dict | None = None) -> Extraction:
    return extract_document(Document(text=body, source="doc.md", title=title, doc_type=doc_type,
                                     media_type="text/markdown",
                                     metadata={"front_matter": front} if front else {}), nlp)


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


# --------------------------------------------------------------------------- problems solved


COMPETITION = """\
Quillfeather Labs compares its math models on two contests.

| | | Brisa-3-Math | Corra-2-Math |
| --- | --- | --- | --- |
| AIME 2024 | 0-shot | 4/30 | 2/30 |
| Invitational contest | maj@64 | 9/30 | 3/30 |
| RidgeMath | 0-shot | 45.0% | 41.5% |
| Hard word problems | | | |
"""


@pytest.fixture(scope="module")
def competition(nlp: Language) -> Extraction:
    return _read(nlp, COMPETITION)


@pytest.mark.parametrize("result", [
    ("Brisa-3-Math", "AIME 2024", 4.0), ("Corra-2-Math", "AIME 2024", 2.0),
    ("Brisa-3-Math", "RidgeMath", 45.0),
])
def test_a_count_of_problems_solved_is_the_score(competition: Extraction,
                                                  result: tuple[str, str, float]) -> None:
    assert result in _results(competition)


@pytest.mark.parametrize("result", [("Brisa-3-Math", "AIME 2024", 9.0), ("Corra-2-Math", "AIME 2024", 3.0)])
def test_a_setting_row_under_a_benchmark_row_scores_that_benchmark(competition: Extraction,
                                                                    result: tuple[str, str, float]) -> None:
    assert result in _results(competition)


def test_a_description_row_is_no_benchmark(competition: Extraction) -> None:
    benches = {b for _m, b, _s in _results(competition)}
    assert benches == {"AIME 2024", "RidgeMath"}


@pytest.mark.parametrize("cell", ["31/30", "2/3/2024"])
def test_a_fraction_above_its_whole_is_no_score(nlp: Language, cell: str) -> None:
    text = f"| Benchmark | Brisa-3-Math |\n| --- | --- |\n| AIME 2024 | {cell} |\n"
    assert _results(_read(nlp, text)) == set()


def test_a_setting_row_is_not_bound_to_the_benchmark_below(nlp: Language) -> None:
    text = ("| | | Brisa-3-Math |\n| --- | --- | --- |\n| Invitational contest | maj@64 | 9/30 |\n"
            "| AIME 2024 | 0-shot | 4/30 |\n")
    got = _results(_read(nlp, text))
    assert ("Brisa-3-Math", "AIME 2024", 4.0) in got and ("Brisa-3-Math", "AIME 2024", 9.0) not in got


# --------------------------------------------------------------------------- model-index


def test_model_index_metrics_named_by_benchmarks_under_a_training_set(nlp: Language) -> None:
    index = [{"name": "Brisa-3-7B", "results": [{
        "task": {"type": "text-generation"}, "dataset": {"name": "quillfeather/chat-mix", "type": "quillfeather/chat-mix"},
        "metrics": [{"type": "MMLU (5-shot)", "value": 61.5}, {"type": "GSM8K (5-shot)", "value": 40.25}]}]}]
    ex = _read(nlp, "# Brisa-3-7B\n\nBrisa-3-7B is a chat model.\n", "Brisa-3-7B", "ModelCard",
               {"model-index": index})
    assert _results(ex) == {("Brisa-3-7B", "MMLU", 61.5), ("Brisa-3-7B", "GSM8K", 40.25)}
    assert "quillfeather/chat-mix" not in {e.ref.label for e in ex.entities}


# --------------------------------------------------------------------------- a board's average


@pytest.mark.parametrize("board", ["LLM Leaderboard", "Open LLM Leaderboard", "Hugging Face LLM Leaderboard"])
def test_average_column_of_a_model_submitted_to_a_board(nlp: Language, board: str) -> None:
    text = (f"The model was submitted to the {board}. Its numbers are below.\n\n"
            "| Model | Average | MMLU | GSM8K |\n| --- | --- | --- | --- |\n"
            "| Brisa-3-7B | 55.5 | 61.5 | 40.25 |\n")
    assert ("Brisa-3-7B", "Open LLM Leaderboard", 55.5) in _results(_read(nlp, text))


# --------------------------------------------------------------------------- section rows and titles


SECTIONS = """\
| Model | Size | GlimmerQA | RidgeMath |
| --- | --- | --- | --- |
| Pretrained | Pretrained | Pretrained | Pretrained |
| Brisa-3-Base | 7B | 51.0 | 40.5 |
| Tuned for chat | Tuned for chat | Tuned for chat | Tuned for chat |
| Brisa-3-Chat | 7B | 66.0 | 48.0 |
"""


def test_a_row_repeating_one_label_heads_a_section_and_names_no_model(nlp: Language) -> None:
    ex = _read(nlp, SECTIONS)
    assert {m for m, _b, _s in _results(ex)} == {"Brisa-3-Base", "Brisa-3-Chat"}
    assert not {"Pretrained", "Tuned for chat"} & {e.ref.label for e in ex.entities}


@pytest.mark.parametrize("heading", ["Introduction", "Model Details", "Overview"])
def test_a_card_titled_by_a_section_heading_is_about_the_model_it_names(nlp: Language, heading: str) -> None:
    body = f"## {heading}\n\nBrisa-3-7B-Chat is a chat model fine-tuned from Brisa-3-7B.\n"
    ex = _read(nlp, body, heading, "ModelCard", {"base_model": "quillfeather/Brisa-3-7B"})
    labels = {e.ref.label for e in ex.entities}
    assert heading not in labels and "Brisa-3-7B-Chat" in labels


@pytest.mark.parametrize(("title", "name"), [
    ("Brisa-3 GGUF Quantizations", "Brisa-3 GGUF"), ("Brisa-3-7B Quants", "Brisa-3-7B"),
])
def test_a_heading_word_ending_a_cards_title_is_not_part_of_the_name(nlp: Language, title: str,
                                                                     name: str) -> None:
    body = f"# {title}\n\nThis repository holds GGUF files of Brisa-3 made with llama.cpp.\n"
    labels = {e.ref.label for e in _read(nlp, body, title, "ModelCard").entities}
    assert title not in labels


# --------------------------------------------------------------------------- a table exported as text


EXPORTED = """\
Quillfeather Labs pruned Brisa-3 into two smaller models, Brisa-3-Slim-6B-Deep-Base and
Brisa-3-Slim-6B-Wide-Base, and compares them with Corra-2 and Tovey-5 8B.

Task(shots) |
Corra-2 |
Brisa-3-Slim |
Tovey-5 |
||
3B | 6B-Deep | 6B-Wide | 8B | |
Total Params | 3.1B | 6.2B | 6.4B | 8.3B |
Layers | 24 | 32 | 32 | 36 |
GlimmerQA(5) | 40.5 | 51.0 | 52.5 | 60.0 |
RidgeMath(0) | 20.0 | 33.5 | 30.0 | 41.5 |
"""


def test_a_table_exported_with_a_pipe_after_each_cell_is_a_table() -> None:
    from ingest.normalise import normalise

    [table] = normalise(EXPORTED).tables
    assert (table.width, len(table.body)) == (5, 4)
    assert [table.column_label(i) for i in range(5)] == [
        "Task(shots)", "Corra-2 / 3B", "Brisa-3-Slim / 6B-Deep", "Brisa-3-Slim / 6B-Wide", "Tovey-5 / 8B"]


@pytest.fixture(scope="module")
def exported(nlp: Language) -> Extraction:
    return _read(nlp, EXPORTED)


@pytest.mark.parametrize("result", [
    ("Corra-2", "GlimmerQA", 40.5),  # a line over one column, the only model the table names so
    ("Brisa-3-Slim-6B-Deep-Base", "GlimmerQA", 51.0),  # the base model the text names
    ("Brisa-3-Slim-6B-Wide-Base", "RidgeMath", 30.0),
    ("Tovey-5 8B", "RidgeMath", 41.5),  # the sized model the text names
])
def test_columns_under_a_line_and_a_size_are_the_models_they_name(exported: Extraction,
                                                                  result: tuple[str, str, float]) -> None:
    assert result in _results(exported)


def test_a_size_row_of_an_exported_table_gives_parameters(exported: Extraction) -> None:
    attrs = {(a.subject.label, a.property, a.value) for a in exported.attributes}
    assert ("Brisa-3-Slim-6B-Deep-Base", "totalParameters", 6_200_000_000) in attrs


@pytest.mark.parametrize("text", [
    "Links: Brisa-3 |\nCorra-2 |\nTovey-5\n",  # a list of links
    "Task |\nCorra-2 |\nBrisa-3 |\n3B | 6B | |\nGlimmerQA | 40.5 | 51.0 |\n",  # one row of numbers
])
def test_pipe_ended_lines_that_are_no_table(text: str) -> None:
    from ingest.normalise import normalise

    assert normalise(text).tables == ()


def test_a_known_line_over_a_size_is_that_size_of_the_line(nlp: Language) -> None:
    text = ("Task |\nGemma |\nCorra-2 |\n||\n7B | 3B | |\nGlimmerQA | 61.0 | 40.5 |\nRidgeMath | 30.5 | 20.0 |\n")
    ex = _read(nlp, text)
    assert ("Gemma 7B", "GlimmerQA", 61.0) in _results(ex)
    assert ("Gemma 7B", "memberOfFamily", "Gemma") in {
        (r.subject.label, r.predicate, r.object.label) for r in ex.relations}


def test_a_fine_tuned_column_beside_its_base_column_was_tuned_from_it(nlp: Language) -> None:
    text = ("Quillfeather Labs compares Corra-2 9B with its own fine-tune.\n\n"
            "Task |\nCorra-2 |\n||\n9B-Base | 9B-FT | |\nGlimmerQA | 61.0 | 63.5 |\nRidgeMath | 30.5 | 31.0 |\n")
    ex = _read(nlp, text)
    assert ("Corra-2 9B", "GlimmerQA", 61.0) in _results(ex)
    assert ("Corra-2 9B-FT", "fineTunedFrom", "Corra-2 9B") in {
        (r.subject.label, r.predicate, r.object.label) for r in ex.relations}


def test_a_name_ending_in_ft_was_tuned_from_the_named_model(nlp: Language) -> None:
    ex = _read(nlp, "We compare Corra-2-9B and Corra-2-9B-FT, our tuned copy, on GlimmerQA.\n")
    assert ("Corra-2-9B-FT", "fineTunedFrom", "Corra-2-9B") in {
        (r.subject.label, r.predicate, r.object.label) for r in ex.relations}


def test_a_table_with_a_pipe_after_each_cell_and_a_one_line_header() -> None:
    from ingest.normalise import normalise

    text = "Model | GlimmerQA | RidgeMath |\nBrisa-3 | 61.0 | 30.5 |\nCorra-2 | 55.0 | 28.0 |\n"
    [table] = normalise(text).tables
    assert [table.column_label(i) for i in range(3)] == ["Model", "GlimmerQA", "RidgeMath"]
    assert len(table.body) == 2
