"""The learned table reader: its features, its decision rule, and the switch that keeps it off."""

from __future__ import annotations

import pytest

from ingest.components import table_roles
from ingest.components.table_roles import RoleModel, clean, features
from ingest.train_table_roles import examples, generate, train
from kg.settings import Settings


@pytest.mark.parametrize(("cell", "expected"), [
    ("**71.4**", "71.4"),
    ("<u>Zorbly-7B</u>", "Zorbly-7B"),
    ("63.0†", "63.0"),
    ("Pallas\\_Chat", "Pallas_Chat"),
])
def test_clean_drops_markup(cell: str, expected: str) -> None:
    assert clean(cell) == expected


@pytest.mark.parametrize(("cells", "feature"), [
    (["12.5", "40.1", "77.0"], "num=1|where=col"),
    (["3B", "7B", "70B"], "sizes=1|where=col"),
    (["", "", ""], "empty=1|where=col"),
    (["51.2 ± 0.8", "49.0 ± 1.1"], "spread=1|where=col"),
])
def test_features_describe_the_cells_a_label_heads(cells: list[str], feature: str) -> None:
    assert feature in features("Whatever", cells, "col", None)


@pytest.mark.parametrize(("label", "feature"), [
    ("Quorra-13B-Chat", "size=True"),
    ("PuzzleBench", "size=False"),
    ("Quorra-13B-Chat", "hyphen=True"),
])
def test_features_describe_the_label(label: str, feature: str) -> None:
    assert feature in features(label, [], "row", None)


@pytest.fixture(autouse=True)
def _settings_read_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings object is cached for the process; these tests change ``LLMKG_TABLE_ROLES*``
    between calls, so the reader builds it afresh here (same variables, same fields)."""
    monkeypatch.setattr(table_roles, "get_settings", Settings)


def _toy() -> RoleModel:
    # a label that reads as a model when it has a size in it, as a benchmark otherwise
    return RoleModel({"size=True": (2.0, -2.0, 0.0), "size=False": (-2.0, 2.0, 0.0)}, (0.0, 0.0, 0.0))


@pytest.mark.parametrize(("header", "rows", "expected"), [
    (["", "PuzzleBench", "GlyphQA"], [["Quorra-13B", "1", "2"], ["Vell-7B", "3", "4"]], True),
    (["", "Quorra-13B", "Vell-7B"], [["PuzzleBench", "1", "2"], ["GlyphQA", "3", "4"]], False),
])
def test_orientation_follows_the_roles(header: list[str], rows: list[list[str]], expected: bool) -> None:
    assert _toy().models_in_rows(header, rows, lambda s: None) is expected


def test_probabilities_sum_to_one() -> None:
    p = _toy().probabilities(features("Quorra-13B", ["1"], "row", None))
    assert p[0] > p[1]
    assert sum(p) == pytest.approx(1.0)


def test_weights_round_trip(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "w.json"
    _toy().save(path)
    assert RoleModel.load(path).probabilities(["size=True"]) == pytest.approx(_toy().probabilities(["size=True"]))


@pytest.mark.parametrize(("env", "where", "on"), [
    ({}, "fallback", True),
    ({"LLMKG_TABLE_ROLES_MODE": "all"}, "fallback", False),
    ({"LLMKG_TABLE_ROLES_MODE": "all"}, "all", True),
    ({}, "all", False),
])
def test_the_model_is_off_unless_named(monkeypatch, tmp_path, env: dict, where: str, on: bool) -> None:  # noqa: ANN001
    monkeypatch.delenv("LLMKG_TABLE_ROLES", raising=False)
    monkeypatch.delenv("LLMKG_TABLE_ROLES_MODE", raising=False)
    assert table_roles.active(where) is None
    path = tmp_path / "w.json"
    _toy().save(path)
    monkeypatch.setenv("LLMKG_TABLE_ROLES", str(path))
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert (table_roles.active(where) is not None) is on


def test_generation_is_seeded() -> None:
    a, b = generate(20, seed=3), generate(20, seed=3)
    assert [t.header for t in a] == [t.header for t in b]
    assert [t.rows for t in a] == [t.rows for t in b]


def test_generated_tables_have_both_orientations_and_a_role_per_label() -> None:
    tables = generate(40, seed=1)
    assert {t.models_in_rows for t in tables} == {True, False}
    for t in tables:
        assert len(t.col_roles) == len(t.header) - 1
        assert len(t.row_roles) == len(t.rows)


def test_a_small_training_run_learns_the_orientation_of_unseen_tables() -> None:
    model = train(examples(generate(200, seed=0, half=0), seed=0), epochs=2)
    test = generate(60, seed=5, half=1)
    right = sum(model.models_in_rows(t.header, t.rows, lambda s: None) == t.models_in_rows for t in test)
    assert right >= 54


# --------------------------------------------------------------------------- the hooks in ingest/tables.py

SCORES = """\
Our scores on two suites.

| Model | GlimmerQA | Steadiness |
|---|---|---|
| Brisa-3-70B | 71.2 | 55.0 |
| Tovey-5-Mini | 52.9 | 40.1 |
"""


def _results(ex) -> set[tuple[str, str, float]]:  # noqa: ANN001
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


@pytest.fixture
def other_steadiness(monkeypatch, tmp_path):  # noqa: ANN001, ANN201
    """Weights that read the label "Steadiness" as neither model nor benchmark."""
    path = tmp_path / "w.json"
    RoleModel({"w=steadiness": (-5.0, -5.0, 5.0)}, (0.0, 0.0, 0.0)).save(path)
    monkeypatch.setenv("LLMKG_TABLE_ROLES", str(path))
    return monkeypatch


@pytest.mark.parametrize("result", [("Brisa-3-70B", "Steadiness", 55.0), ("Tovey-5-Mini", "Steadiness", 40.1)])
def test_rules_alone_read_every_column(extract, monkeypatch, result) -> None:  # noqa: ANN001
    monkeypatch.delenv("LLMKG_TABLE_ROLES", raising=False)
    assert result in _results(extract(SCORES))


@pytest.mark.parametrize(("mode", "dropped"), [("labels", True), ("fallback", False)])
def test_labels_mode_drops_a_column_read_as_other(extract, other_steadiness, mode, dropped) -> None:  # noqa: ANN001
    other_steadiness.setenv("LLMKG_TABLE_ROLES_MODE", mode)
    found = _results(extract(SCORES))
    assert ("Brisa-3-70B", "GlimmerQA", 71.2) in found
    assert (("Brisa-3-70B", "Steadiness", 55.0) not in found) is dropped


TURNED = """\
| Benchmark | Brisa-3-70B | Tovey-5-Mini |
|---|---|---|
| GlimmerQA | 71.2 | 52.9 |
"""


@pytest.mark.parametrize(("mode", "brisa_scored"), [(None, True), ("fallback", True), ("all", False)])
def test_all_mode_lets_the_model_decide_the_orientation(extract, monkeypatch, tmp_path, mode, brisa_scored) -> None:  # noqa: ANN001
    path = tmp_path / "w.json"
    # every row label a model, every column label a benchmark: the table read the wrong way round
    RoleModel({"where=row": (5.0, -5.0, 0.0), "where=col": (-5.0, 5.0, 0.0)}, (0.0, 0.0, 0.0)).save(path)
    monkeypatch.setenv("LLMKG_TABLE_ROLES", str(path))
    if mode is None:
        monkeypatch.delenv("LLMKG_TABLE_ROLES", raising=False)
    else:
        monkeypatch.setenv("LLMKG_TABLE_ROLES_MODE", mode)
    found = _results(extract(TURNED))
    assert (("Brisa-3-70B", "GlimmerQA", 71.2) in found) is brisa_scored


@pytest.mark.parametrize(("value", "dropped"), [(None, True), ("0.999999", False)])
def test_the_threshold_says_how_sure_the_model_must_be(extract, other_steadiness, value, dropped) -> None:  # noqa: ANN001
    other_steadiness.setenv("LLMKG_TABLE_ROLES_MODE", "labels")
    # the toy weights give "Steadiness" P(other) = 0.99991: above 0.8, below 0.999999
    if value is None:
        other_steadiness.delenv("LLMKG_TABLE_ROLES_THRESHOLD", raising=False)
    else:
        other_steadiness.setenv("LLMKG_TABLE_ROLES_THRESHOLD", value)
    assert (("Brisa-3-70B", "Steadiness", 55.0) not in _results(extract(SCORES))) is dropped
