"""Specs for table layouts met in round 7 of issue 16: a release date or number in a column's
note, a benchmark named in a table's corner cell over a total column and its sub-scores.

Every model and lab name here is invented ("Brisa-3", "Corra-2", "Quillfeather Labs");
benchmark names are real ones where the rule reads the gazetteer.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document, Extraction
from ingest.tables import _strip_qualifier


def _read(nlp: Language, body: str, title: str = "") -> Extraction:
    return extract_document(Document(text=body, source="doc.md", title=title, doc_type="Document",
                                     media_type="text/markdown"), nlp)


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


# --------------------------------------------------------------------------- release notes


@pytest.mark.parametrize(("raw", "name"), [
    ("Brisa-3 (0613)", "Brisa-3 (0613)"), ("Brisa-3 (11-20)", "Brisa-3 (11-20)"),
    ("Brisa-3 (2024-08-06)", "Brisa-3 (2024-08-06)"), ("Corra-2 Pro (002)", "Corra-2 Pro (002)"),
    ("Corra-2 Large (2411)", "Corra-2 Large (2411)"), ("Corra-2 Flash (exp)", "Corra-2 Flash (exp)"),
    ("Brisa-3 (1106 preview)", "Brisa-3 (1106 preview)"),
    ("Brisa-3 (base)", "Brisa-3"), ("Brisa-3 (2024)", "Brisa-3"), ("Brisa-3 (14B)", "Brisa-3"),
])
def test_a_release_note_stays_with_the_name_other_notes_go(raw: str, name: str) -> None:
    assert _strip_qualifier(raw) == name


RELEASES = """\
Quillfeather Labs scored its new model against two dated releases of a rival.

| Task | Brisa-3 (11-20) | Brisa-3 (0613) | Corra-2 |
| --- | --- | --- | --- |
| MMLU | 81.5 | 77.0 | 83.1 |
| GSM8K | 90.2 | 88.4 | 91.7 |
"""


@pytest.mark.parametrize("result", [
    ("Brisa-3 (11-20)", "MMLU", 81.5), ("Brisa-3 (0613)", "MMLU", 77.0), ("Brisa-3 (0613)", "GSM8K", 88.4),
])
def test_a_dated_column_scores_that_release(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, RELEASES))


def test_a_dated_column_gives_no_result_to_the_undated_name(nlp: Language) -> None:
    assert not {r for r in _results(_read(nlp, RELEASES)) if r[0] == "Brisa-3"}


# --------------------------------------------------------------------------- one benchmark per table


CORNER = """\
Quillfeather Labs released the Brisa-3-Chat model and scored it against the Corra-2-Chat model.

| MT-Bench | Total | Turn 1 | Turn 2 | coding | writing |
| --- | --- | --- | --- | --- | --- |
| Brisa-3-Chat | 7.41 | 7.90 | 6.92 | 5.1 | 8.8 |
| Corra-2-Chat | 6.85 | 7.20 | 6.50 | 4.7 | 8.1 |

| Talkback Arena | Score | 95% CI | Mean length |
| --- | --- | --- | --- |
| Brisa-3-Chat | 61.4 | -2.1/2.3 | 802 |
| Corra-2-Chat | 50 | 0/0 | 311 |
"""

HEADED = """\
## MT-Bench

Both chat models were judged on the two turns of each conversation.

| Model | First turn | Second turn | Average |
| --- | --- | --- | --- |
| Brisa-3-Chat | 8.10 | 7.30 | 7.70 |
| Corra-2-Chat | 7.60 | 6.90 | 7.25 |
"""


@pytest.mark.parametrize(("text", "result"), [
    (CORNER, ("Brisa-3-Chat", "MT-Bench", 7.41)), (CORNER, ("Corra-2-Chat", "MT-Bench", 6.85)),
    (CORNER, ("Brisa-3-Chat", "Talkback Arena", 61.4)), (CORNER, ("Corra-2-Chat", "Talkback Arena", 50.0)),
    (HEADED, ("Brisa-3-Chat", "MT-Bench", 7.70)), (HEADED, ("Corra-2-Chat", "MT-Bench", 7.25)),
])
def test_the_total_column_scores_the_benchmark_the_corner_or_heading_names(
        nlp: Language, text: str, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, text))


@pytest.mark.parametrize("text", [CORNER, HEADED])
def test_the_parts_of_a_one_benchmark_table_are_no_results(nlp: Language, text: str) -> None:
    results = _results(_read(nlp, text))
    assert results and {b for _m, b, _s in results} <= {"MT-Bench", "Talkback Arena"}


def test_an_average_over_known_benchmarks_is_not_the_headings_benchmark(nlp: Language) -> None:
    text = HEADED.replace("First turn | Second turn", "MMLU | GSM8K")
    results = _results(_read(nlp, text))
    assert ("Brisa-3-Chat", "MMLU", 8.10) in results
    assert not {r for r in results if r[1] == "MT-Bench"}


# --------------------------------------------------------------------------- flattened tables


FLAT = """\
Quillfeather Labs released the Brisa-3 Pro model and compared it with Corra-2 and Nimbus-7B.

Model MMLU (general knowledge)acc GSM8K (grade-school math)acc HumanEval (coding)pass@1
Brisa-3 ProInstruct v2 70.4 (5-shot) 80.5(8-shot, maj@8) 61.0 (0-shot)
Corra-2 68.1(5-shot) 77.9(8-shot) 55.5(0-shot)
Nimbus-7B 60.2(5-shot) 52.3(8-shot)

The scores above are our own runs.
"""


@pytest.mark.parametrize("result", [
    ("Brisa-3 Pro", "MMLU", 70.4), ("Brisa-3 Pro", "GSM8K", 80.5), ("Brisa-3 Pro", "HumanEval", 61.0),
    ("Corra-2", "MMLU", 68.1), ("Corra-2", "HumanEval", 55.5),
    ("Nimbus-7B", "MMLU", 60.2), ("Nimbus-7B", "GSM8K", 52.3),
])
def test_a_flattened_table_scores_each_row_in_column_order(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, FLAT))


def test_settings_in_brackets_and_missing_cells_give_no_scores(nlp: Language) -> None:
    results = _results(_read(nlp, FLAT))
    assert not {r for r in results if r[2] in (5.0, 8.0, 0.0)}
    assert not {r for r in results if r[0] == "Nimbus-7B" and r[1] == "HumanEval"}


@pytest.mark.parametrize("text", [
    "Models MMLU and other tests\nBrisa-3 Pro 70.4 80.5 61.0\nCorra-2 68.1 77.9 55.5\n",  # one benchmark only
    "Model MMLU GSM8K HumanEval\nBrisa-3 Pro was trained for 3 weeks on 512 GPUs\n",  # prose under it
])
def test_lines_that_are_no_flattened_table_give_no_results(nlp: Language, text: str) -> None:
    assert not _results(_read(nlp, text))


REAL_RELEASES = """\
The rows below are knowledge scores of Brisa-3 and two dated releases of other models.

| Task | GPT-4o (08-06) | Claude-3.5-Sonnet (06-20) | Brisa-3 |
| --- | --- | --- | --- |
| MMLU | 85.0 | 88.0 | 80.1 |
"""


def test_a_known_name_in_a_dated_column_makes_the_release_not_the_model(nlp: Language) -> None:
    labels = {e.label for e in _read(nlp, REAL_RELEASES).entities}
    assert {"GPT-4o (08-06)", "Claude-3.5-Sonnet (06-20)"} <= labels
    assert not labels & {"GPT-4o", "Claude 3.5 Sonnet", "Claude-3.5-Sonnet"}
