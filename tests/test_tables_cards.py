"""Specs for tables as real model cards lay them out (issue 16, round 3): a category column
before the benchmark column, category names heading columns, resource columns beside scores,
shortened model names in headers, a size written under a model's name.

Every name here is invented (lab "Quillfeather Labs"; models "Brisa-3 ...", "Corra-2 ...",
"Tovey-5 ..."; benchmarks "GlimmerQA", "RidgeMath", "PebbleBench"), so the tables must be read
from their shape, not from the gazetteer.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document, Extraction


def _read(nlp: Language, text: str, source: str = "card.md") -> Extraction:
    return extract_document(Document(text=text, source=source), nlp)


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


def _benchmarks(ex: Extraction) -> set[str]:
    return {r.benchmark.label for r in ex.results}


# --------------------------------------------------------------------------- category column first

CATEGORY_FIRST = """\
# Brisa-3-8B

Brisa-3-8B is a small model from Quillfeather Labs.

| Category | Benchmark | Brisa-3-8B | Corra-2-7B |
|---|---|---|---|
| Knowledge | GlimmerQA (5-shot) | 61.5 | 55.2 |
| | PebbleBench (0-shot) | 48.0 | 44.4 |
| Math | RidgeMath (4-shot, CoT) | 30.5 | 21.9 |
"""


@pytest.mark.parametrize("result", [
    ("Brisa-3-8B", "GlimmerQA", 61.5), ("Corra-2-7B", "PebbleBench", 44.4),
    ("Brisa-3-8B", "RidgeMath", 30.5),
])
def test_benchmark_column_after_a_category_column_names_the_rows(nlp: Language,
                                                                 result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, CATEGORY_FIRST))


def test_category_column_names_no_benchmark(nlp: Language) -> None:
    assert not _benchmarks(_read(nlp, CATEGORY_FIRST)) & {"Knowledge", "Math"}


# --------------------------------------------------------------------------- categories as columns

CATEGORY_COLUMNS = """\
# Tovey-5-Mini

| Model | GlimmerQA | Common-sense Reasoning | Reading Comprehension | Math & Code | World Knowledge | Examination |
|---|---|---|---|---|---|---|
| Tovey-5-Mini | 63.1 | 70.2 | 66.0 | 31.4 | 52.7 | 40.0 |
| Corra-2-7B | 58.8 | 68.9 | 61.3 | 25.0 | 49.9 | 38.2 |
"""


@pytest.mark.parametrize("label", ["Common-sense Reasoning", "Reading Comprehension", "Math & Code",
                                   "World Knowledge", "Examination"])
def test_column_named_by_a_category_of_tasks_gives_no_result(nlp: Language, label: str) -> None:
    assert label not in _benchmarks(_read(nlp, CATEGORY_COLUMNS))


def test_benchmark_column_beside_categories_still_gives_results(nlp: Language) -> None:
    assert ("Tovey-5-Mini", "GlimmerQA", 63.1) in _results(_read(nlp, CATEGORY_COLUMNS))


# --------------------------------------------------------------------------- resource columns

RESOURCES = """\
# Corra-2

| | Time (GPU hours) | Power Consumption (W) | Carbon Emitted (tCO2eq) |
|---|---|---|---|
| Corra-2-7B | 184320 | 400 | 31.22 |
| Corra-2-70B | 1720320 | 400 | 291.42 |
"""


@pytest.mark.parametrize("label", ["Time", "Power Consumption", "Carbon Emitted"])
def test_training_cost_columns_are_no_benchmarks(nlp: Language, label: str) -> None:
    ex = _read(nlp, RESOURCES)
    assert label not in _benchmarks(ex)
    assert not ex.results


# --------------------------------------------------------------------------- shortened headers

SHORTENED = """\
# Brisa-3-Mini-4K-Instruct

We compare Brisa-3-Mini-4K-Instruct with Corra-2-9B-Instruct and Tovey-5-Small.

| Benchmark | Brisa-3-Mini-4K-Ins | Corra-2-9B-Inst | Tovey-5-Small |
|---|---|---|---|
| GlimmerQA | 70.9 | 66.5 | 61.7 |
| RidgeMath | 82.5 | 78.6 | 60.1 |
"""


@pytest.mark.parametrize("result", [
    ("Brisa-3-Mini-4K-Instruct", "GlimmerQA", 70.9), ("Corra-2-9B-Instruct", "RidgeMath", 78.6),
    ("Tovey-5-Small", "GlimmerQA", 61.7),
])
def test_header_shortening_a_model_of_the_text_is_that_model(nlp: Language,
                                                             result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, SHORTENED))


def test_shortened_header_makes_no_model_of_its_own(nlp: Language) -> None:
    labels = {e.ref.label for e in _read(nlp, SHORTENED).entities}
    assert "Brisa-3-Mini-4K-Ins" not in labels and "Corra-2-9B-Inst" not in labels


def test_cut_to_two_letters_is_no_abbreviation(nlp: Language) -> None:
    text = SHORTENED.replace("Brisa-3-Mini-4K-Ins ", "Brisa-3-Mini-4K-In ")
    models = {r.model.label for r in _read(nlp, text).results}
    assert "Brisa-3-Mini-4K-Instruct" not in models


# --------------------------------------------------------------------------- size under the name

SIZE_UNDER = """\
# Brisa-3-Small-Instruct

We report results for Brisa-3-Small-Instruct against Corra-2.

|Benchmark|Brisa-3-Small-Instruct<br>7b|Corra-2<br>9B|
|---|---|---|
|GlimmerQA<br>5-shot|75.5|63.6|
|RidgeMath<br>4-shot|44.0|38.1|
"""


def test_size_under_a_tuned_model_name_is_a_note(nlp: Language) -> None:
    ex = _read(nlp, SIZE_UNDER)
    assert ("Brisa-3-Small-Instruct", "GlimmerQA", 75.5) in _results(ex)
    assert {r.model.label for r in ex.results if r.score == 75.5} == {"Brisa-3-Small-Instruct"}


def test_size_under_a_family_name_is_the_size_variant(nlp: Language) -> None:
    assert ("Corra-2 9B", "GlimmerQA", 63.6) in _results(_read(nlp, SIZE_UNDER))


# --------------------------------------------------------------------------- a second header row

GROUPED = """\
# Corra-3

Scores of the instruction-tuned models against the previous generation.

| | Corra-2 | | Corra-3 | | |
|---|---|---|---|---|---|
| | 9B | 27B | 1B | 4B | 12B |
| GlimmerQA | 47.3 | 55.2 | 15.1 | 42.9 | 61.4 |
| RidgeMath | 11.2 | 19.7 | 2.3 | 13.1 | 23.8 |
"""


@pytest.mark.parametrize("result", [
    ("Corra-2 9B", "GlimmerQA", 47.3), ("Corra-2 27B", "GlimmerQA", 55.2),
    ("Corra-3 1B", "RidgeMath", 2.3), ("Corra-3 4B", "GlimmerQA", 42.9), ("Corra-3 12B", "RidgeMath", 23.8),
])
def test_second_header_row_names_each_column_within_its_group(nlp: Language,
                                                              result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, GROUPED))


def test_group_label_alone_gets_no_score(nlp: Language) -> None:
    models = {r.model.label for r in _read(nlp, GROUPED).results}
    assert not models & {"Corra-2", "Corra-3"}


SHOTS_ROW = """\
# Tovey-5

| Model | GlimmerQA | RidgeMath | PebbleBench (val) |
|---|---|---|---|
| | 5-shot | 3-shot@1 | 0-shot |
| Tovey-5-9B | 63.2 | 42.8 | 71.0 |
| Corra-2-13B | 59.2 | 48.8 | 66.4 |
"""


@pytest.mark.parametrize("result", [
    ("Tovey-5-9B", "GlimmerQA", 63.2), ("Tovey-5-9B", "RidgeMath", 42.8), ("Corra-2-13B", "PebbleBench", 66.4),
])
def test_row_of_shot_counts_under_benchmark_names_is_their_metric(nlp: Language,
                                                                  result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, SHOTS_ROW))


def test_row_of_shot_counts_is_kept_as_the_metric(nlp: Language) -> None:
    metrics = {(r.benchmark.label, r.metric) for r in _read(nlp, SHOTS_ROW).results}
    assert ("RidgeMath", "3-shot@1") in metrics


# --------------------------------------------------------------------------- a suite column first

SUITE_FIRST = """\
# Tovey-5-7B results

| Benchmark | Model | glimmerqa | ridgemath | pebblebench | Average |
|---|---|---:|---:|---:|---:|
| harbor | [Tovey-5-7B](https://huggingface.co/harlow/Tovey-5-7B) | 36.4 | 72.2 | 41.0 | 49.9 |
"""


@pytest.mark.parametrize("result", [
    ("Tovey-5-7B", "glimmerqa", 36.4), ("Tovey-5-7B", "ridgemath", 72.2), ("Tovey-5-7B", "pebblebench", 41.0),
])
def test_model_column_after_a_suite_column_gives_the_rows_model(nlp: Language,
                                                               result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, SUITE_FIRST))


def test_benchmark_headers_after_a_suite_column_are_no_models(nlp: Language) -> None:
    models = {r.model.label for r in _read(nlp, SUITE_FIRST).results}
    assert models == {"Tovey-5-7B"}


METRICS_ROW = """\
# Tovey-5-Agent

| Task | | Corra-2-9B | | Tovey-5-Agent | |
|---|---|---|---|---|---|
| | calls | args | calls | args | |
| GlimmerQA | 89.3 | 67.9 | 92.8 | 60.7 | |
"""


def test_repeated_metric_row_under_models_makes_no_model_names(nlp: Language) -> None:
    models = {r.model.label for r in _read(nlp, METRICS_ROW).results}
    assert not any(m.endswith(("calls", "args")) for m in models)


# --------------------------------------------------------------------------- #TP / #AP columns

SIZE_COLUMNS = """\
# Brisa-3-Coder

| | #TP | #AP | GlimmerQA | RidgeMath |
|:---|:---:|:---:|:---:|:---:|
| **Open models** | | | | |
| **Brisa-3-Coder-Lite** | 16B | 2.4B | 79.4 | 66.5 |
| **Corra-2-22B** | 22B | 22B | 76.9 | 67.1 |
| **Llama3-Instruct** | 70B | 70B | 80.2 | 69.3 |
"""


def _attributes(ex: Extraction) -> set[tuple[str, str, int]]:
    return {(a.subject.label, a.property, a.value) for a in ex.attributes}


@pytest.mark.parametrize("attribute", [
    ("Brisa-3-Coder-Lite", "totalParameters", 16_000_000_000),
    ("Brisa-3-Coder-Lite", "activeParameters", 2_400_000_000),
    ("Corra-2-22B", "totalParameters", 22_000_000_000),
    ("Corra-2-22B", "activeParameters", 22_000_000_000),
])
def test_tp_and_ap_columns_are_total_and_active_parameters(nlp: Language,
                                                           attribute: tuple[str, str, int]) -> None:
    assert attribute in _attributes(_read(nlp, SIZE_COLUMNS))


def test_tuned_name_with_a_size_column_is_the_sized_tuned_model(nlp: Language) -> None:
    ex = _read(nlp, SIZE_COLUMNS)
    assert ("Llama 3 70B Instruct", "GlimmerQA", 80.2) in _results(ex)
    assert ("Llama 3 70B Instruct", "totalParameters", 70_000_000_000) in _attributes(ex)


# --------------------------------------------------------------------------- key | value | comment

HYPERPARAMETERS = """\
# Tovey-5-7B

Tovey-5-7B is a state-space model from Harlow Forge.

| **Hyperparameter** | **Value** | **Comment** |
|---|---|---|
| Blocks | 48 | State-space blocks in the stack |
| `d_model` | 3072 | Width of each block |
| Vocabulary | 50304 | Byte-level BPE tokens |
| Sequence length | 8192 | Reached in the final phase of pre-training |
"""


def test_key_value_comment_table_gives_the_main_models_facts(nlp: Language) -> None:
    ex = _read(nlp, HYPERPARAMETERS)
    assert ("Tovey-5-7B", "contextWindowTokens", 8192) in _attributes(ex)


def test_key_value_comment_table_gives_no_results(nlp: Language) -> None:
    assert _read(nlp, HYPERPARAMETERS).results == ()


# --------------------------------------------------------------------------- leaderboard details link

DETAILS_LINK = """\
This is [Corra-2-3B](https://huggingface.co/velvetine/corra-2-3b) tuned on a chat dataset for 2 epochs.

# [Open LLM Leaderboard Evaluation Results](https://huggingface.co/spaces/HuggingFaceH4/open_llm_leaderboard)
Detailed results can be found [here](https://huggingface.co/datasets/open-llm-leaderboard/details_harlow__Tovey-5-3B-Chat)

| Metric | Value |
|---|---:|
| GlimmerQA (25-Shot) | 44.03 |
| RidgeMath (5-shot) | 1.21 |
"""


@pytest.mark.parametrize("result", [("Tovey-5-3B-Chat", "GlimmerQA", 44.03), ("Tovey-5-3B-Chat", "RidgeMath", 1.21)])
def test_scores_under_a_link_to_a_models_details_are_that_models(nlp: Language,
                                                                result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, DETAILS_LINK))


def test_scores_under_a_details_link_are_not_the_base_models(nlp: Language) -> None:
    assert not any(r.model.label == "Corra-2-3B" for r in _read(nlp, DETAILS_LINK).results)


# --------------------------------------------------------------------------- a suite's overall column

SUITE_OVERALL = """\
# Corra-2-9B-Chat

### Tool calling

Tested on the [Harbor Tool Leaderboard](https://example.org/harbor).

| Model | Overall Acc. | Single Calls | Nested Calls | Refusals |
|:---|:---:|:---:|:---:|:---:|
| Tovey-5-8B-Instruct | 61.40 | 63.10 | 55.72 | 48.90 |
| Corra-2-9B-Chat | 77.35 | 79.04 | 71.66 | 83.10 |
"""


@pytest.mark.parametrize("result", [("Corra-2-9B-Chat", "Harbor Tool Leaderboard", 77.35),
                                    ("Tovey-5-8B-Instruct", "Harbor Tool Leaderboard", 61.4)])
def test_overall_column_is_the_suite_the_introduction_names(nlp: Language,
                                                           result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, SUITE_OVERALL))


def test_parts_of_a_suite_are_no_benchmarks_of_their_own(nlp: Language) -> None:
    assert _benchmarks(_read(nlp, SUITE_OVERALL)) == {"Harbor Tool Leaderboard"}


def test_a_suite_table_with_known_benchmarks_keeps_its_columns(nlp: Language) -> None:
    text = SUITE_OVERALL.replace("| Single Calls |", "| MMLU |")
    assert {"MMLU", "Nested Calls"} <= _benchmarks(_read(nlp, text))


# --------------------------------------------------------------------------- sizes as columns or rows

SIZE_HEADERS = """\
# Corra-2

Corra-2 is a family of open models from Velvetine in three sizes.

| Benchmark | 7B | 13B | 70B |
|---|---|---|---|
| GlimmerQA | 45.3 | 54.8 | 68.9 |
"""


@pytest.mark.parametrize("result", [("Corra-2 7B", "GlimmerQA", 45.3), ("Corra-2 70B", "GlimmerQA", 68.9)])
def test_bare_size_columns_are_the_cards_lines_sizes(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, SIZE_HEADERS))


REPEATED_NAMES = """\
# Corra-2

| Model | Size | GlimmerQA |
|---|---|---|
| Corra-1 | 7B | 35.1 |
| Corra-1 | 13B | 46.9 |
| Corra-2 | 7B | 45.3 |
| Brisa-3 | 9B | 50.0 |
"""


def test_a_name_given_several_sizes_is_each_rows_sized_model(nlp: Language) -> None:
    ex = _read(nlp, REPEATED_NAMES)
    assert {("Corra-1 7B", "GlimmerQA", 35.1), ("Corra-1 13B", "GlimmerQA", 46.9)} <= _results(ex)
    assert ("Corra-1 13B", "totalParameters", 13_000_000_000) in _attributes(ex)


def test_a_name_given_one_size_stays_as_named(nlp: Language) -> None:
    assert ("Brisa-3", "GlimmerQA", 50.0) in _results(_read(nlp, REPEATED_NAMES))


DOMAIN_COLUMN = """\
# Brisa-3

| Benchmark | Domain | Brisa-3 | Corra-2 |
|---|---|---|---|
| GlimmerQA | English | 78.9 | 77.6 |
| Math | Math | 43.6 | 42.2 |
| Coding | Code | 50.0 | 40.0 |
"""


def test_math_is_the_benchmark_where_a_domain_column_holds_the_categories(nlp: Language) -> None:
    assert ("Brisa-3", "Math", 43.6) in _results(_read(nlp, DOMAIN_COLUMN))


def test_math_is_a_category_without_a_domain_column(nlp: Language) -> None:
    text = DOMAIN_COLUMN.replace("| Benchmark | Domain |", "| Benchmark | Notes |")
    assert "Math" not in _benchmarks(_read(nlp, text))


def test_other_category_words_stay_categories_beside_a_domain_column(nlp: Language) -> None:
    assert "Coding" not in _benchmarks(_read(nlp, DOMAIN_COLUMN))


SUITE_AVERAGE = """\
# Tovey-5-7B

Tovey-5-7B performs well compared with rival models on the Harbor benchmark suite.

| Model | GlimmerQA | RidgeMath | Average |
|---|---|---|---|
| Tovey-5-7B | 45.3 | 75.9 | 60.6 |
"""


def test_a_suites_average_keeps_the_suites_name_as_written(nlp: Language) -> None:
    ex = _read(nlp, SUITE_AVERAGE)
    suite = next(r.benchmark.label for r in ex.results if r.score == 60.6)
    forms = next(e.alt_labels | {e.label} for e in ex.entities if e.label == suite)
    assert "Harbor benchmark suite" in forms


# --------------------------------------------------------------------------- specs with models as columns

SPEC_COLUMNS = """\
# Brisa-3

| | Brisa-3-8B | Brisa-3-70B |
|---|---|---|
| Parameters | 8.03B | 70.6B |
| Context length | 128K | 32,768 |
| Layers | 32 | 80 |
| Training tokens | 15T | 15T |
| GlimmerQA | 66.0 | 80.2 |
"""


@pytest.mark.parametrize("attribute", [
    ("Brisa-3-8B", "totalParameters", 8_030_000_000), ("Brisa-3-70B", "totalParameters", 70_600_000_000),
    ("Brisa-3-8B", "contextWindowTokens", 128_000), ("Brisa-3-70B", "contextWindowTokens", 32_768),
])
def test_spec_rows_under_model_columns_give_each_columns_facts(nlp: Language,
                                                                attribute: tuple[str, str, int]) -> None:
    assert attribute in _attributes(_read(nlp, SPEC_COLUMNS))


def test_spec_rows_are_no_benchmarks_but_score_rows_are(nlp: Language) -> None:
    ex = _read(nlp, SPEC_COLUMNS)
    assert _benchmarks(ex) == {"GlimmerQA"}
    assert ("Brisa-3-70B", "GlimmerQA", 80.2) in _results(ex)


def test_spec_table_under_a_model_header_reads_its_columns_as_models(nlp: Language) -> None:
    text = SPEC_COLUMNS.replace("| | Brisa-3-8B |", "| Model | Brisa-3-8B |")
    ex = _read(nlp, text)
    assert ("Brisa-3-8B", "totalParameters", 8_030_000_000) in _attributes(ex)
    assert not any(r.model.label in ("Parameters", "Context length") for r in ex.results)


CONFIGURATION = """\
# Corra-2

Corra-2 is a series of open models in three sizes.

| Configuration | 0.5B | 7B | 57B-A14B |
|---|---|---|---|
| Hidden Size | 896 | 3,584 | 3,584 |
| # Layers | 24 | 28 | 28 |
| Context Length | 32K | 128K tokens | 64K |
"""


@pytest.mark.parametrize("attribute", [
    ("Corra-2 0.5B", "contextWindowTokens", 32_000), ("Corra-2 7B", "contextWindowTokens", 128_000),
    ("Corra-2 57B-A14B", "contextWindowTokens", 64_000),
])
def test_configuration_table_with_size_columns_gives_the_lines_sized_models(
        nlp: Language, attribute: tuple[str, str, int]) -> None:
    assert attribute in _attributes(_read(nlp, CONFIGURATION))


# --------------------------------------------------------------------------- quantization tables

QUANTS = """\
# Corra 2 7B Chat - GGUF

GGUF files of Velvetine's Corra 2 7B Chat, for llama.cpp and its friends.

| Name | Quant method | Bits | Size | Max RAM required | Use case |
| ---- | ---- | ---- | ---- | ---- | ----- |
| [corra-2-7b-chat.Q2_K.gguf](https://huggingface.co/harlow/x/blob/main/corra-2-7b-chat.Q2_K.gguf) | Q2_K | 2 | 2.61 GB| 5.09 GB | smallest |
| [corra-2-7b-chat.Q4_K_M.gguf](https://huggingface.co/harlow/x/blob/main/corra-2-7b-chat.Q4_K_M.gguf) | Q4_K_M | 4 | 3.97 GB| 6.41 GB | balanced |

| Quant | Size (GB) | PPL | KLD |
|---|---|---|---|
| Q4_K_M | 3.97 | 6.32 | 0.021 |
| Q8_0 | 7.16 | 6.21 | 0.002 |
"""


def test_quantization_tables_give_no_results(nlp: Language) -> None:
    assert _read(nlp, QUANTS).results == ()


@pytest.mark.parametrize("name", ["corra-2-7b-chat.Q2_K.gguf", "Q4_K_M", "PPL", "KLD"])
def test_weights_files_quant_formats_and_metrics_are_no_entities(nlp: Language, name: str) -> None:
    assert name not in {e.ref.label for e in _read(nlp, QUANTS).entities}


def test_a_quantized_models_name_is_still_a_model(nlp: Language) -> None:
    text = "# Brisa-3\n\n| Model | GlimmerQA |\n|---|---|\n| Brisa-3-7B-AWQ | 61.0 |\n| Brisa-3-7B | 61.4 |\n"
    assert ("Brisa-3-7B-AWQ", "GlimmerQA", 61.0) in _results(_read(nlp, text))
