"""Specs for table layouts met in round 9 of issue 16 (a wide set of evaluation tables): a row
that names a model's line in one cell and its size in the next, with or without header words
over those two columns.

Every model and lab name here is invented ("Corra-1", "Brisa"); benchmark names are real ones
where the rule reads the gazetteer.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document, Extraction


def _read(nlp: Language, body: str, title: str = "") -> Extraction:
    return extract_document(Document(text=body, source="doc.md", title=title, doc_type="Document",
                                     media_type="text/markdown"), nlp)


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


def _names(ex: Extraction) -> dict[str, set[str]]:
    return {e.label: set(e.alt_labels) for e in ex.entities}


# --------------------------------------------------------------------------- line | size rows

SIZED_ROWS = """\
We compare the two generations of the Corra line on public benchmarks.

|{h1}|{h2}|MMLU|TruthfulQA|
|---|---|---|---|
|Corra-1|7B|35.2|27.9|
|Corra-1|13B|46.1|41.0|
|Corra-2|7B|45.8|33.4|
|Corra-2|13B|54.3|41.7|
"""


@pytest.mark.parametrize("header", [("Model", "Size"), ("", "")])
@pytest.mark.parametrize("result", [("Corra-1 7B", "MMLU", 35.2), ("Corra-2 13B", "TruthfulQA", 41.7)])
def test_a_line_and_a_size_cell_name_the_sized_model(nlp: Language, header: tuple[str, str],
                                                      result: tuple[str, str, float]) -> None:
    ex = _read(nlp, SIZED_ROWS.format(h1=header[0], h2=header[1]))
    assert result in _results(ex)


@pytest.mark.parametrize("header", [("Model", "Size"), ("", "")])
def test_no_result_goes_to_the_unsized_line(nlp: Language, header: tuple[str, str]) -> None:
    ex = _read(nlp, SIZED_ROWS.format(h1=header[0], h2=header[1]))
    assert not {r for r in _results(ex) if r[0] in ("Corra-1", "Corra-2")}


@pytest.mark.parametrize("header", [("Model", "Size"), ("", "")])
def test_the_line_name_is_no_alias_of_the_sized_model(nlp: Language, header: tuple[str, str]) -> None:
    names = _names(_read(nlp, SIZED_ROWS.format(h1=header[0], h2=header[1])))
    assert "Corra-1" not in names.get("Corra-1 7B", {"Corra-1"})


# --------------------------------------------------------------------------- one benchmark, named before

INTRODUCED = """\
## Code generation

Below we compare how often Brisa-3 and Corra-2 solve the problems of the HumanEval set; every
problem was tried ten times per model.

## Results

| | Runs per problem | Problems | {total} |
| --- | --- | --- | --- |
| Brisa-3 | 10 | 164 | 71.2% |
| Corra-2 | 10 | 164 | 58.4% |
"""


@pytest.mark.parametrize("total", ["Overall success", "Success rate", "Pass rate", "Overall Acc."])
@pytest.mark.parametrize("result", [("Brisa-3", "HumanEval", 71.2), ("Corra-2", "HumanEval", 58.4)])
def test_the_one_benchmark_named_before_a_table_owns_its_total_column(
        nlp: Language, total: str, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, INTRODUCED.format(total=total)))


@pytest.mark.parametrize("total", ["Overall success", "Pass rate"])
def test_a_count_column_gives_no_result(nlp: Language, total: str) -> None:
    assert not {r for r in _results(_read(nlp, INTRODUCED.format(total=total))) if r[2] in (10.0, 164.0)}


TWO_INTRODUCED = INTRODUCED.format(total="Overall success").replace("the HumanEval set", "the HumanEval and MBPP sets")


def test_two_benchmarks_named_before_leave_the_total_unowned(nlp: Language) -> None:
    assert not {r for r in _results(_read(nlp, TWO_INTRODUCED)) if r[2] == 71.2}


# --------------------------------------------------------------------------- harness output

HARNESS = """\
# Brisa-3 evaluation

These are the evaluation harness scores of Brisa-3.

|    Task     |Version| Metric |Value|   |Stderr|
|-------------|------:|--------|----:|---|-----:|
|arc_challenge|      0|acc     |51.20|±  |  1.46|
|             |       |acc_norm|55.70|±  |  1.44|
|hellaswag    |      0|acc     |60.10|±  |  0.48|
|             |       |acc_norm|79.40|±  |  0.39|
"""


@pytest.mark.parametrize("result", [("Brisa-3", "HellaSwag", 60.1), ("Brisa-3", "HellaSwag", 79.4),
                                    ("Brisa-3", "ARC-Challenge", 55.7)])
def test_a_harness_row_without_its_task_scores_the_task_above(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, HARNESS, title="Brisa-3 evaluation"))


def test_a_harness_stderr_is_no_result(nlp: Language) -> None:
    assert not {r for r in _results(_read(nlp, HARNESS, title="Brisa-3 evaluation")) if r[2] in (1.44, 0.39)}


# --------------------------------------------------------------------------- a shot count after a name

@pytest.mark.parametrize(("sentence", "result"), [
    ("Brisa-3 scores 61.4% on MMLU 5-shot.", ("Brisa-3", "MMLU", 61.4)),
    ("Corra-2 scores 48.0 on GSM8K 8-shot.", ("Corra-2", "GSM8K", 48.0)),
])
def test_a_shot_count_after_a_benchmark_is_no_version_of_it(nlp: Language, sentence: str,
                                                             result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, sentence))
