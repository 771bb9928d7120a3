"""Specs for number layouts met in round 8 of issue 16: rows an evaluation script prints with
labelled cells ("<model> | score: 61.0 | 95% CI: (-1.0, 1.2)").

Every model name here is invented ("Brisa-3", "Corra-2", "Tamsin-9B"); benchmark names are real
ones where the rule reads the gazetteer.
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


# --------------------------------------------------------------------------- keyed rows


KEYED = """\
Our new checkpoint now sits near the top of the public ranking on arena-hard:

brisa-3-chat | score: 64.2 | 95% CI: (-1.9, 2.0) | average tokens: 702
corra-2-13b | score: 51.7 | 95% CI: (-2.2, 2.1) | average tokens: 640
tamsin-9b | score: 48.0 | 95% CI: (-2.4, 2.3) | average tokens: 511
"""


@pytest.mark.parametrize("result", [
    ("brisa-3-chat", "Arena-Hard", 64.2), ("corra-2-13b", "Arena-Hard", 51.7), ("tamsin-9b", "Arena-Hard", 48.0),
])
def test_a_keyed_score_row_scores_the_introduced_benchmark(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, KEYED))


def test_a_keyed_row_gives_no_result_from_its_interval_or_length(nlp: Language) -> None:
    assert {r[2] for r in _results(_read(nlp, KEYED))} == {64.2, 51.7, 48.0}


KEYED_TWO_BENCHMARKS = """\
We ran the checkpoints on MT-Bench and on Arena-Hard; the printout follows.

brisa-3-chat | score: 64.2 | 95% CI: (-1.9, 2.0)
corra-2-13b | score: 51.7 | 95% CI: (-2.2, 2.1)
"""


def test_keyed_rows_under_two_named_benchmarks_give_no_result(nlp: Language) -> None:
    assert not _results(_read(nlp, KEYED_TWO_BENCHMARKS))


KEYED_BENCH_LABELS = """\
The evaluation script printed one line per checkpoint.

brisa-3-chat | MMLU: 71.4 | GSM8K: 80.2
corra-2-13b | MMLU: 66.0 | GSM8K: 58.9
"""


@pytest.mark.parametrize("result", [
    ("brisa-3-chat", "MMLU", 71.4), ("brisa-3-chat", "GSM8K", 80.2), ("corra-2-13b", "GSM8K", 58.9),
])
def test_a_cell_labelled_with_a_benchmark_scores_it(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, KEYED_BENCH_LABELS))


def test_one_keyed_line_alone_is_no_table(nlp: Language) -> None:
    text = "On arena-hard the release printed this.\n\nbrisa-3-chat | score: 64.2 | 95% CI: (-1.9, 2.0)\n"
    assert not _results(_read(nlp, text))


# --------------------------------------------------------------------------- one benchmark, flattened


FLAT_ONE = """\
How the checkpoints compare on one benchmark.

Model Arena Hard (95% CI)
Brisa-3-Chat 71.5 (-1.4, 1.2)
Corra-2-13B 64.0 (-1.9, 2.0)
Brisa-3-Chat + Self-Refine 74.9 (-1.1, 1.3)
"""


@pytest.mark.parametrize("result", [("Brisa-3-Chat", "Arena-Hard", 71.5), ("Corra-2-13B", "Arena-Hard", 64.0)])
def test_a_flattened_one_benchmark_row_scores_it(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, FLAT_ONE))


def test_a_flattened_row_of_a_model_with_a_method_added_is_no_result(nlp: Language) -> None:
    assert 74.9 not in {r[2] for r in _results(_read(nlp, FLAT_ONE))}


FLAT_ONE_MORE_HEADER = """\
How the checkpoints compare on one benchmark.

Model Arena Hard Release Notes
Brisa-3-Chat 71.5 (-1.4, 1.2)
Corra-2-13B 64.0 (-1.9, 2.0)
"""


def test_a_flattened_header_with_more_than_the_benchmark_gives_no_result(nlp: Language) -> None:
    assert not _results(_read(nlp, FLAT_ONE_MORE_HEADER))
